//! Cross-checks of the automation sections: `priority_matrix`, `teams`, `agents`, `rules`,
//! `escalation` and `hooks`. Each problem comes back as a [`Issue`] with its YAML path, which
//! the caller turns into `file:line` and a hint.

use std::collections::BTreeMap;
use std::path::Path;

use super::Known;
use crate::config::escalation::EscalationConfig;
use crate::config::{Agent, Hook};
use crate::domain::Issue;
use crate::domain::assignment::Team;
use crate::domain::matrix::PriorityMatrix;
use crate::domain::rules::{RawRule, Rule};
use crate::sla::SlaConfig;

/// The parsed sections to check, and the vocabulary they may use.
pub(crate) struct Parts<'a> {
    /// The vocabulary, also checked against by the SLA sections.
    pub known: &'a Known<'a>,
    pub statuses: &'a [String],
    pub agents: &'a [Agent],
    pub teams: &'a BTreeMap<String, Team>,
    pub rules: &'a [RawRule],
    pub escalation: &'a EscalationConfig,
    pub hooks: &'a BTreeMap<String, Hook>,
    pub matrix: Option<&'a PriorityMatrix>,
    pub sla: &'a SlaConfig,
}

fn path(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

/// Checks the sections and returns the rules, built once their conditions are known good.
pub(crate) fn validate(p: &Parts<'_>) -> Result<Vec<Rule>, Issue> {
    if let Some(m) = p.matrix {
        m.validate(p.known.priorities)?;
    }
    let team_names = &p.known.teams;
    let team_hint = if team_names.is_empty() {
        "no teams are configured; add them under teams:".to_string()
    } else {
        format!("known teams: {}", team_names.join(", "))
    };
    for (i, agent) in p.agents.iter().enumerate() {
        let index = i.to_string();
        if p.agents.iter().take(i).any(|a| a.name == agent.name) {
            return Err(Issue::new(
                path(&["agents", &index, "name"]),
                format!("agent '{}' is listed twice", agent.name),
                "list each agent once",
            ));
        }
        if let Some(bad) = agent.teams.iter().find(|t| !p.teams.contains_key(*t)) {
            return Err(Issue::new(
                path(&["agents", &index, "teams"]),
                format!("agent '{}' is in unknown team '{bad}'", agent.name),
                &team_hint,
            ));
        }
    }
    let agent_names = &p.known.agents;
    let agent_hint = format!("known agents: {}", agent_names.join(", "));
    for (name, team) in p.teams {
        if let Some(lead) = &team.lead
            && !agent_names.contains(&lead.as_str())
        {
            return Err(Issue::new(
                path(&["teams", name, "lead"]),
                format!("the lead of team '{name}', '{lead}', is not an agent"),
                &agent_hint,
            ));
        }
    }
    for (name, hook) in p.hooks {
        if hook
            .command
            .first()
            .is_none_or(|program| program.trim().is_empty())
        {
            return Err(Issue::new(
                path(&["hooks", name, "command"]),
                format!("hook '{name}' has an empty command"),
                "give the program and its arguments: command: [./scripts/notify.sh, --channel, desk]",
            ));
        }
    }
    let known = p.known;
    let rules = known.check_rules(p.rules)?;
    let esc = p.escalation;
    for (i, level) in esc.levels.iter().enumerate() {
        let index = i.to_string();
        if esc.levels.iter().take(i).any(|l| l.name == level.name) || level.name.contains('/') {
            return Err(Issue::new(
                path(&["escalation", "levels", &index, "name"]),
                format!(
                    "escalation level name '{}' is used twice or contains '/'",
                    level.name
                ),
                "give every level its own name",
            ));
        }
        for (j, action) in level.actions.iter().enumerate() {
            known.check_action(
                action,
                path(&["escalation", "levels", &index, "actions", &j.to_string()]),
            )?;
        }
    }
    for (i, rule) in esc.timed.iter().enumerate() {
        let index = i.to_string();
        if esc.timed.iter().take(i).any(|r| r.name == rule.name) || rule.name.contains('@') {
            return Err(Issue::new(
                path(&["escalation", "timed", &index, "name"]),
                format!(
                    "timed rule name '{}' is used twice or contains '@'",
                    rule.name
                ),
                "give every timed rule its own name",
            ));
        }
        if let Some(bad) = rule.when.status.iter().find(|s| !p.statuses.contains(s)) {
            return Err(Issue::new(
                path(&["escalation", "timed", &index, "when", "status"]),
                format!("timed rule '{}' names unknown status '{bad}'", rule.name),
                &format!("known statuses: {}", p.statuses.join(", ")),
            ));
        }
        if let Some(cal) = &rule.calendar
            && p.sla.calendars.get(cal).is_none()
        {
            return Err(Issue::new(
                path(&["escalation", "timed", &index, "calendar"]),
                format!("timed rule '{}' names unknown calendar '{cal}'", rule.name),
                "define it under calendars:, or use 24x7",
            ));
        }
        for (j, action) in rule.actions.iter().enumerate() {
            known.check_action(
                action,
                path(&["escalation", "timed", &index, "actions", &j.to_string()]),
            )?;
        }
    }
    Ok(rules)
}

/// Why a hook cannot run from `root`, if it cannot: a relative program must exist and be
/// executable; a bare name (no `/`) is looked up on PATH when the hook runs.
pub(crate) fn hook_problem(hook: &Hook, root: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let program = hook.command.first()?;
    if !program.contains('/') {
        return None;
    }
    let file = root.join(program);
    match std::fs::metadata(&file) {
        Err(_) => Some(format!("{program} does not exist")),
        Ok(m) if !m.is_file() => Some(format!("{program} is not a file")),
        Ok(m) if m.permissions().mode() & 0o111 == 0 => {
            Some(format!("{program} is not executable"))
        }
        Ok(_) => None,
    }
}
