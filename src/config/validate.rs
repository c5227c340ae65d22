//! Checking a parsed config against its own vocabulary.
//!
//! serde checks each section's shape; what needs another section (a rule naming a status, a
//! policy naming a calendar, an action naming an agent, team or hook) is checked here, against
//! one [`Known`] vocabulary. Every problem is a [`domain::Issue`](Issue) with its YAML path,
//! which `Config::parse` turns into `file:line` and a hint. The checked rules are built here too,
//! from the raw form serde reads. The pure cores keep the types and their evaluation.

pub(super) mod automation;
mod sla;

use crate::domain::Issue;
use crate::domain::field::Field;
use crate::domain::rules::{Action, Condition, ConditionError, RawCondition, RawRule, Rule};

pub(super) use self::sla::check_sla;

/// The vocabulary the rest of the config defines (statuses, priorities, types, categories,
/// agents, teams, hooks), which rules, escalations and SLA policies may use. An empty list of
/// statuses, priorities, types or categories is not checked.
#[derive(Debug, Clone, Default)]
pub struct Known<'a> {
    pub statuses: &'a [String],
    pub priorities: &'a [String],
    pub types: &'a [String],
    /// Empty: any category.
    pub categories: &'a [String],
    pub agents: Vec<&'a str>,
    pub teams: Vec<&'a str>,
    pub hooks: Vec<&'a str>,
    /// Whether `assign` may name someone who is not an agent.
    pub free_form_assignees: bool,
    /// Extra notify targets besides agents (`assignee`, `team_lead`...).
    pub notify_targets: &'a [&'a str],
}

fn known_field(field: &str) -> bool {
    Field::parse(field).is_some()
        || field
            .strip_prefix("fields.")
            .is_some_and(|k| crate::domain::ticket::validate_field_name(k).is_ok())
}

impl Known<'_> {
    /// Checks a field value against the vocabulary; `None` when fine.
    fn check_value(&self, field: &str, value: &str) -> Option<(String, String)> {
        let list: &[String] = match field {
            "status" => self.statuses,
            "priority" => self.priorities,
            "type" => self.types,
            "category" => self.categories,
            "assignee" if !self.free_form_assignees && !value.is_empty() => {
                return (!self.agents.contains(&value)).then(|| {
                    (
                        format!("unknown agent '{value}'"),
                        format!("known agents: {}", self.agents.join(", ")),
                    )
                });
            }
            "team" if !value.is_empty() => {
                return (!self.teams.contains(&value)).then(|| {
                    let hint = if self.teams.is_empty() {
                        "no teams are configured; add them under teams:".to_string()
                    } else {
                        format!("known teams: {}", self.teams.join(", "))
                    };
                    (format!("unknown team '{value}'"), hint)
                });
            }
            _ => return None,
        };
        if list.is_empty()
            || list.iter().any(|v| v == value)
            || value.is_empty() && field == "category"
        {
            None
        } else {
            Some((
                format!("unknown {field} '{value}'"),
                format!("known values: {}", list.join(", ")),
            ))
        }
    }

    /// Checks one action; `path` locates it in the config.
    ///
    /// # Errors
    /// The first unknown field, value, agent, team or hook.
    pub fn check_action(&self, action: &Action, path: Vec<String>) -> Result<(), Issue> {
        let bad = |(message, hint): (String, String)| Issue::new(path.clone(), message, &hint);
        match action {
            Action::Set(map) => {
                for (field, value) in map {
                    if !known_field(field) || field == "text" {
                        return Err(Issue::new(
                            path.clone(),
                            format!("unknown field '{field}'"),
                            &format!("known fields: {}, or fields.NAME", field_names()),
                        ));
                    }
                    if let Some(problem) = self.check_value(field, value) {
                        return Err(bad(problem));
                    }
                }
            }
            Action::SetPriority(p) => {
                if let Some(problem) = self.check_value("priority", p) {
                    return Err(bad(problem));
                }
            }
            Action::SetStatus(s) => {
                if let Some(problem) = self.check_value("status", s) {
                    return Err(bad(problem));
                }
            }
            Action::Assign(a) => {
                if !self.agents.contains(&a.as_str()) {
                    return Err(bad((
                        format!("unknown agent '{a}'"),
                        format!("known agents: {}", self.agents.join(", ")),
                    )));
                }
            }
            Action::AssignTeam(t) => {
                if let Some(problem) = self.check_value("team", t) {
                    return Err(bad(problem));
                }
            }
            Action::AddTag(t) => {
                if t.is_empty() || t.chars().any(|c| c.is_whitespace() || c == ',') {
                    return Err(bad((
                        format!("invalid tag '{t}'"),
                        "tags are single words".into(),
                    )));
                }
            }
            Action::Notify(target) => {
                if self.hooks.is_empty() {
                    return Err(bad((
                        "notify needs a hook, and no hooks are configured".into(),
                        "add hooks: { chat: { command: [./scripts/notify.sh] } }".into(),
                    )));
                }
                if let Some(via) = target.via()
                    && !self.hooks.contains(&via)
                {
                    return Err(bad((
                        format!("unknown hook '{via}'"),
                        format!("known hooks: {}", self.hooks.join(", ")),
                    )));
                }
                let to = target.to();
                if !self.notify_targets.contains(&to) && !self.agents.contains(&to) {
                    return Err(bad((
                        format!("unknown notify target '{to}'"),
                        format!("use {} or an agent's name", self.notify_targets.join(", ")),
                    )));
                }
            }
            Action::RaisePriority(_) | Action::Comment(_) => {}
        }
        Ok(())
    }

    /// Checks every rule as written (fields, values, agents, teams and hooks) and builds it.
    ///
    /// # Errors
    /// The first problem, with its path under `rules`.
    pub fn check_rules(&self, rules: &[RawRule]) -> Result<Vec<Rule>, Issue> {
        let mut checked = Vec::with_capacity(rules.len());
        for (i, rule) in rules.iter().enumerate() {
            let at = |rest: &[&str]| -> Vec<String> {
                ["rules", &i.to_string()]
                    .iter()
                    .chain(rest)
                    .map(|s| s.to_string())
                    .collect()
            };
            if rule.name.trim().is_empty() {
                return Err(Issue::new(
                    at(&[]),
                    "a rule has an empty name",
                    "name every rule",
                ));
            }
            if let Some(dup) = rules.iter().take(i).find(|r| r.name == rule.name) {
                return Err(Issue::new(
                    at(&["name"]),
                    format!("rule name '{}' is used twice", dup.name),
                    "give every rule its own name",
                ));
            }
            let mut when = Vec::with_capacity(rule.when.len());
            for (j, c) in rule.when.iter().enumerate() {
                let path = at(&["when", &j.to_string()]);
                when.push(self.check_condition(c, path)?);
            }
            if rule.then.is_empty() {
                return Err(Issue::new(
                    at(&["then"]),
                    format!("rule '{}' has no actions", rule.name),
                    "list at least one action under then:",
                ));
            }
            for (j, a) in rule.then.iter().enumerate() {
                self.check_action(a, at(&["then", &j.to_string()]))?;
            }
            checked.push(Rule {
                name: rule.name.clone(),
                on: rule.on.clone(),
                when,
                then: rule.then.clone(),
                stop: rule.stop,
            });
        }
        Ok(checked)
    }

    fn check_condition(&self, raw: &RawCondition, path: Vec<String>) -> Result<Condition, Issue> {
        let unknown_field = |field: &str| {
            Issue::new(
                path.clone(),
                format!("unknown field '{field}'"),
                &format!(
                    "known fields: text (title and description), {}, or fields.NAME",
                    field_names()
                ),
            )
        };
        // An unknown field is the more useful complaint than a missing or extra operator.
        if raw.tag.is_none()
            && let Some(field) = &raw.field
            && !known_field(field)
            && field != "text"
        {
            return Err(unknown_field(field));
        }
        let condition = Condition::try_from(raw.clone()).map_err(|e| {
            let hint = match e {
                ConditionError::TagNotAlone => "write { tag: vip } without field or operators",
                ConditionError::NoField => "e.g. { field: category, equals: hardware }",
                ConditionError::Operators { .. } => {
                    "use one of equals, one_of, contains, matches, or changed (with from/to)"
                }
            };
            Issue::new(path.clone(), e.to_string(), hint)
        })?;
        if let Some(field) = condition.field() {
            for value in condition.values() {
                if let Some((message, hint)) = self.check_value(field, value) {
                    return Err(Issue::new(path, message, &hint));
                }
            }
        }
        Ok(condition)
    }
}

fn field_names() -> String {
    Field::names().collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(yaml: &str) -> Vec<RawRule> {
        serde_yaml_ng::from_str(yaml).unwrap()
    }

    #[test]
    fn validation_names_unknown_things() {
        let prios: Vec<String> = ["P1", "P2"].map(String::from).to_vec();
        let statuses: Vec<String> = ["new", "open"].map(String::from).to_vec();
        let known = Known {
            statuses: &statuses,
            priorities: &prios,
            agents: vec!["alice"],
            teams: vec!["desktop"],
            ..Known::default()
        };
        let check = |yaml: &str| known.check_rules(&raw(yaml)).unwrap_err().message;
        assert_eq!(
            check("- name: x\n  when: [{field: colour, equals: red}]\n  then: [{add_tag: y}]\n"),
            "unknown field 'colour'"
        );
        assert_eq!(
            check("- name: x\n  when: [{field: status, equals: done}]\n  then: [{add_tag: y}]\n"),
            "unknown status 'done'"
        );
        assert_eq!(
            check("- name: x\n  then: [{assign: bob}]\n"),
            "unknown agent 'bob'"
        );
        assert_eq!(
            check("- name: x\n  then: [{assign_team: web}]\n"),
            "unknown team 'web'"
        );
    }
}
