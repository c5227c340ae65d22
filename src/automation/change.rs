//! What automation does to a ticket change (a new ticket or an update) before it is committed.
//!
//! In order: the priority matrix, the event rules, auto-assignment when the ticket lands on a
//! configured team without an assignee, the priority-override record, then the admission
//! checks on the assignee and the team. Auto-assignment is asked of the caller's
//! [`Assigner`], which is where history comes in.

use thiserror::Error;

use crate::config::Config;
use crate::domain::rules::{self, ActionEnv, Assigner, Effects, RULES_AUTHOR, Trigger};
use crate::domain::ticket::Ticket;

/// What automation did to a change.
#[derive(Debug, Default)]
pub struct Automation {
    pub effects: Effects,
    /// `P2 (matrix said P1)` when the priority departs from the matrix.
    pub priority_override: Option<String>,
}

/// A change automation refuses, with what would make it acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct Refusal {
    pub message: String,
    pub hint: String,
}

/// What a change adds to its commit message: body lines and trailers, in order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CommitNotes {
    pub body: Vec<String>,
    pub trailers: Vec<(String, String)>,
}

/// Applies the priority matrix and the rules to `ticket` (`before` is `None` on create),
/// auto-assigns it if it landed on a team, then checks its assignee and team.
/// `explicit_priority`: the user named the priority (`--priority`).
///
/// # Errors
/// An assignee who is not an agent, or a team that is not configured, when the config
/// does not allow them.
pub fn automate(
    config: &Config,
    before: Option<&Ticket>,
    ticket: &mut Ticket,
    explicit_priority: bool,
    assigner: &mut dyn Assigner,
) -> Result<Automation, Refusal> {
    apply_matrix(config, before, ticket, explicit_priority);
    let mut env = ActionEnv {
        priorities: &config.schema.priorities,
        workflow: &config.schema.workflow,
        assigner: &mut *assigner,
        author: RULES_AUTHOR,
    };
    let mut effects = rules::run(&config.rules, Trigger::of(before), before, ticket, &mut env);
    if let Some(team) = team_to_assign_from(config, before, ticket) {
        effects.notes.push(assigner.assign_from(ticket, &team));
    }
    let priority_override = priority_override(config, before, ticket);
    name_the_agent(config, before, ticket);
    check_assignee(config, before, ticket)?;
    check_team(config, before, ticket)?;
    Ok(Automation {
        effects,
        priority_override,
    })
}

/// The priority the matrix gives the ticket's impact and urgency, if it has a matrix cell.
fn matrix_value(config: &Config, ticket: &Ticket) -> Option<String> {
    config
        .priority_matrix
        .as_ref()
        .and_then(|m| m.for_values(ticket.impact.as_deref(), ticket.urgency.as_deref()))
        .map(String::from)
}

/// Sets the priority from the matrix when impact or urgency changed and nobody chose the
/// priority in the same change: a priority someone names is an override, not a mistake.
pub fn apply_matrix(
    config: &Config,
    before: Option<&Ticket>,
    ticket: &mut Ticket,
    explicit_priority: bool,
) {
    let Some(value) = matrix_value(config, ticket) else {
        return;
    };
    let inputs_changed =
        before.is_none_or(|b| b.impact != ticket.impact || b.urgency != ticket.urgency);
    let priority_kept = match before {
        None => !explicit_priority,
        Some(b) => b.priority == ticket.priority,
    };
    if inputs_changed && priority_kept {
        ticket.priority = value;
    }
}

/// `P2 (matrix said P1)` when this change left the priority away from the matrix. Only a
/// change of priority is recorded, so an old override is not repeated on every edit.
pub fn priority_override(
    config: &Config,
    before: Option<&Ticket>,
    ticket: &Ticket,
) -> Option<String> {
    let priority_changed = before.is_none_or(|b| b.priority != ticket.priority);
    match matrix_value(config, ticket) {
        Some(m) if m != ticket.priority && priority_changed => {
            Some(format!("{} (matrix said {m})", ticket.priority))
        }
        _ => None,
    }
}

/// The team to auto-assign from: the ticket moved to (or was created on) a configured team
/// and has no assignee.
pub fn team_to_assign_from(
    config: &Config,
    before: Option<&Ticket>,
    ticket: &Ticket,
) -> Option<String> {
    let team_changed = before.map_or(ticket.team.is_some(), |b| b.team != ticket.team);
    let team = ticket.team.as_ref()?;
    (team_changed && ticket.assignee.is_none() && config.teams.contains_key(team))
        .then(|| team.clone())
}

/// Refuses an assignee who is not an agent unless `free_form_assignees: true`. An assignee the
/// change did not touch is let through, so a config change does not block every other edit.
///
/// # Errors
/// The unknown name, with the known agents.
/// A newly set assignee who is an agent's name in other letter case (`ALICE`) is stored as the
/// configured name, so lists and filters see one spelling (an email stays as given).
pub fn name_the_agent(config: &Config, before: Option<&Ticket>, ticket: &mut Ticket) {
    let changed = before.is_none_or(|b| b.assignee != ticket.assignee);
    if let Some(who) = ticket.assignee.as_deref().filter(|_| changed)
        && let Some(agent) = config.agent(who)
        && agent.name != who
        && agent.name.eq_ignore_ascii_case(who)
    {
        ticket.assignee = Some(agent.name.clone());
    }
}

pub fn check_assignee(
    config: &Config,
    before: Option<&Ticket>,
    ticket: &Ticket,
) -> Result<(), Refusal> {
    let Some(who) = &ticket.assignee else {
        return Ok(());
    };
    if config.free_form_assignees
        || before.is_some_and(|b| b.assignee == ticket.assignee)
        || config.agent(who).is_some()
    {
        return Ok(());
    }
    let names: Vec<&str> = config.agents.iter().map(|a| a.name.as_str()).collect();
    Err(Refusal {
        message: format!(
            "unknown agent '{who}'; known agents: {}",
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ),
        hint: "add them under agents: in .tix/config.yaml, or set free_form_assignees: true".into(),
    })
}

/// Once teams are configured, a ticket may only move to one of them (a team it already had is
/// let through, as with assignees).
///
/// # Errors
/// The unknown team, with the known ones.
pub fn check_team(
    config: &Config,
    before: Option<&Ticket>,
    ticket: &Ticket,
) -> Result<(), Refusal> {
    let Some(team) = &ticket.team else {
        return Ok(());
    };
    if config.teams.is_empty()
        || config.teams.contains_key(team)
        || before.is_some_and(|b| b.team == ticket.team)
    {
        return Ok(());
    }
    let names: Vec<&str> = config.teams.keys().map(String::as_str).collect();
    Err(Refusal {
        message: format!("unknown team '{team}'; known teams: {}", names.join(", ")),
        hint: "add it under teams: in .tix/config.yaml".into(),
    })
}

impl Automation {
    /// The commit body lines (`Rules fired: ...`, one per note, `Priority override: ...`) and
    /// the `Tix-Rules` and `Tix-Priority-Override` trailers.
    pub fn commit_notes(&self) -> CommitNotes {
        let mut notes = CommitNotes::default();
        if !self.effects.fired.is_empty() {
            let fired = self.effects.fired.join(", ");
            notes.body.push(format!("Rules fired: {fired}"));
            notes.trailers.push(("Tix-Rules".into(), fired));
        }
        notes
            .body
            .extend(self.effects.notes.iter().map(|n| format!("- {n}")));
        if let Some(o) = &self.priority_override {
            notes.body.push(format!("Priority override: {o}"));
            notes
                .trailers
                .push(("Tix-Priority-Override".into(), o.clone()));
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::automation::assign::{HistoryAssigner, NoOrder};
    use crate::automation::sample::{config_with, desk, history, ticket};

    fn automate_new(config: &Config, ticket: &mut Ticket, explicit: bool) -> Automation {
        let (summaries, timelines) = history(&[]);
        let mut assigner =
            HistoryAssigner::new(config.clone(), summaries, timelines, Box::new(NoOrder));
        automate(config, None, ticket, explicit, &mut assigner).expect("accepted")
    }

    fn rated(impact: &str, urgency: &str, priority: &str) -> Ticket {
        Ticket {
            impact: Some(impact.into()),
            urgency: Some(urgency.into()),
            priority: priority.into(),
            ..ticket(1)
        }
    }

    #[test]
    fn the_matrix_sets_the_priority_and_a_named_one_is_an_override() {
        let config = config_with(&[]);
        let mut t = rated("high", "high", "P3");
        let auto = automate_new(&config, &mut t, false);
        assert_eq!(t.priority, "P1");
        assert_eq!(auto.priority_override, None);

        let mut t = rated("high", "high", "P2");
        let auto = automate_new(&config, &mut t, true);
        assert_eq!(t.priority, "P2");
        assert_eq!(
            auto.priority_override.as_deref(),
            Some("P2 (matrix said P1)")
        );
        let notes = auto.commit_notes();
        assert_eq!(notes.body, ["Priority override: P2 (matrix said P1)"]);
        assert_eq!(
            notes.trailers,
            [(
                "Tix-Priority-Override".to_string(),
                "P2 (matrix said P1)".to_string()
            )]
        );

        // An update that changes impact recomputes; one that also names the priority keeps it.
        let before = t.clone();
        let mut after = Ticket {
            impact: Some("low".into()),
            ..before.clone()
        };
        apply_matrix(&config, Some(&before), &mut after, false);
        assert_eq!(after.priority, "P3");
        let mut named = Ticket {
            impact: Some("low".into()),
            priority: "P1".into(),
            ..before.clone()
        };
        apply_matrix(&config, Some(&before), &mut named, false);
        assert_eq!(named.priority, "P1");
        // An override already on the ticket is not recorded again by an unrelated edit.
        let retitled = Ticket {
            title: "Mail slow again".into(),
            ..before.clone()
        };
        assert_eq!(priority_override(&config, Some(&before), &retitled), None);
    }

    #[test]
    fn landing_on_a_configured_team_without_assignee_triggers_assignment() {
        let config = desk("round-robin");
        let on = |team: Option<&str>, assignee: Option<&str>| Ticket {
            team: team.map(String::from),
            assignee: assignee.map(String::from),
            ..ticket(1)
        };
        let desktop = on(Some("desktop"), None);
        assert_eq!(
            team_to_assign_from(&config, None, &desktop).as_deref(),
            Some("desktop")
        );
        assert_eq!(team_to_assign_from(&config, None, &on(None, None)), None);
        assert_eq!(
            team_to_assign_from(&config, None, &on(Some("desktop"), Some("bob"))),
            None
        );
        // Staying on the team is no new landing.
        assert_eq!(team_to_assign_from(&config, Some(&desktop), &desktop), None);
        let moved = on(Some("triage"), None);
        assert_eq!(
            team_to_assign_from(&config, Some(&desktop), &moved).as_deref(),
            Some("triage")
        );
        assert_eq!(
            team_to_assign_from(&config_with(&[]), None, &desktop),
            None,
            "an unconfigured team is refused, not assigned from"
        );

        let mut t = desktop.clone();
        let auto = automate_new(&config, &mut t, false);
        assert_eq!(t.assignee.as_deref(), Some("alice"));
        assert_eq!(
            auto.effects.notes,
            ["assigned to alice (round-robin in desktop: first in rotation)"]
        );
        assert_eq!(
            auto.commit_notes().body,
            ["- assigned to alice (round-robin in desktop: first in rotation)"]
        );
    }

    #[test]
    fn nobody_available_leaves_the_ticket_unassigned() {
        let config = config_with(&[
            (
                "agents: []\n",
                "agents:\n  - { name: alice, teams: [desktop], away: true }\n  - { name: bob, teams: [desktop], away: true }\n",
            ),
            ("teams: {}\n", "teams:\n  desktop: { lead: alice }\n"),
        ]);
        let mut t = Ticket {
            team: Some("desktop".into()),
            ..ticket(1)
        };
        let auto = automate_new(&config, &mut t, false);
        assert_eq!(t.assignee, None);
        assert_eq!(
            auto.effects.notes,
            ["left unassigned: every member of desktop is away"]
        );
    }

    #[test]
    fn unknown_agents_and_teams_are_refused_unless_already_there() {
        let config = desk("round-robin");
        let with = |assignee: &str, team: &str| Ticket {
            assignee: Some(assignee.into()),
            team: Some(team.into()),
            ..ticket(1)
        };
        let good = with("alice@example.com", "desktop");
        assert_eq!(check_assignee(&config, None, &good), Ok(()));
        let mut shouted = good.clone();
        shouted.assignee = Some("ALICE".into());
        name_the_agent(&config, None, &mut shouted);
        assert_eq!(shouted.assignee.as_deref(), Some("alice"));
        let mut by_mail = good.clone();
        name_the_agent(&config, None, &mut by_mail);
        assert_eq!(by_mail.assignee, good.assignee);
        assert_eq!(check_team(&config, None, &good), Ok(()));
        let stranger = with("mallory", "desktop");
        let refusal = check_assignee(&config, None, &stranger).expect_err("refused");
        assert_eq!(
            refusal.message,
            "unknown agent 'mallory'; known agents: alice, bob, carol"
        );
        assert!(refusal.hint.contains("free_form_assignees: true"));
        assert_eq!(check_assignee(&config, Some(&stranger), &stranger), Ok(()));
        let free = config_with(&[]);
        assert_eq!(check_assignee(&free, None, &stranger), Ok(()));

        let typo = with("alice", "desktp");
        let refusal = check_team(&config, None, &typo).expect_err("refused");
        assert_eq!(
            refusal.message,
            "unknown team 'desktp'; known teams: desktop, triage"
        );
        assert_eq!(check_team(&config, Some(&typo), &typo), Ok(()));
        assert_eq!(
            check_team(&free, None, &typo),
            Ok(()),
            "no teams configured"
        );

        let (summaries, timelines) = history(&[]);
        let mut assigner =
            HistoryAssigner::new(config.clone(), summaries, timelines, Box::new(NoOrder));
        let mut t = typo.clone();
        let refused = automate(&config, None, &mut t, false, &mut assigner);
        assert_eq!(
            refused.map(|_| ()).map_err(|r| r.message),
            Err("unknown team 'desktp'; known teams: desktop, triage".to_string())
        );
    }

    #[test]
    fn rules_that_fire_are_named_in_the_commit() {
        let config = config_with(&[(
            "rules: []\n",
            "rules:\n  - name: printers\n    when: [{ field: text, matches: \"printer\" }]\n    then: [{ set: { category: hardware } }]\n",
        )]);
        let mut t = ticket(1);
        let auto = automate_new(&config, &mut t, false);
        assert_eq!(t.category.as_deref(), Some("hardware"));
        let notes = auto.commit_notes();
        assert_eq!(notes.body, ["Rules fired: printers"]);
        assert_eq!(
            notes.trailers,
            [("Tix-Rules".to_string(), "printers".to_string())]
        );
    }
}
