//! Running rules and applying actions on plain [`Ticket`] values: which conditions hold, what
//! each action changes, and the effects (fired rules, notices, notes) left for the caller.

use super::schema::{Action, Condition, NotifyTarget, Rule, Trigger};
use crate::domain::assignment::Pick;
use crate::domain::field::Field;
use crate::domain::ticket::{Comment, Ticket, split_tags};
use crate::domain::workflow::Workflow;

/// Who writes the internal notes of `comment` actions in rules.
pub const RULES_AUTHOR: &str = "tix-rules";

/// Picks an agent of a team for a ticket (the CLI's implementation reads history and loads).
pub trait Assigner {
    fn pick(&mut self, ticket: &Ticket, team: &str) -> Pick;

    /// Gives the ticket the team's pick (or no assignee) and returns the note explaining why.
    fn assign_from(&mut self, ticket: &mut Ticket, team: &str) -> String {
        let pick = self.pick(ticket, team);
        let note = match &pick.agent {
            Some(agent) => format!("assigned to {agent} ({})", pick.reason),
            None => format!("left unassigned: {}", pick.reason),
        };
        ticket.assignee = pick.agent;
        note
    }
}

/// A `notify` action to run after the commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The rule or escalation that asked for it.
    pub source: String,
    pub target: NotifyTarget,
}

/// What running actions did besides changing the ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// Names of the rules that fired, in order.
    pub fired: Vec<String>,
    /// Notifications to send after the commit.
    pub notices: Vec<Notice>,
    /// One-line explanations (automatic assignments, skipped actions).
    pub notes: Vec<String>,
}

/// What actions need besides the ticket.
pub struct ActionEnv<'a> {
    pub priorities: &'a [String],
    pub workflow: &'a Workflow,
    pub assigner: &'a mut dyn Assigner,
    /// Author of internal notes.
    pub author: &'a str,
}

/// Runs the rules for `trigger` on `ticket` (`before` is the committed version, `None` on create).
pub fn run(
    rules: &[Rule],
    trigger: Trigger,
    before: Option<&Ticket>,
    ticket: &mut Ticket,
    env: &mut ActionEnv<'_>,
) -> Effects {
    let mut effects = Effects::default();
    for rule in rules {
        if !rule.on.contains(&trigger) {
            continue;
        }
        if !rule.when.iter().all(|c| c.holds(before, ticket)) {
            continue;
        }
        effects.fired.push(rule.name.clone());
        for action in &rule.then {
            apply(action, &rule.name, ticket, env, &mut effects);
        }
        if rule.stop {
            break;
        }
    }
    effects
}

/// Applies one action to `ticket`; `source` names the rule or escalation for notifications.
pub fn apply(
    action: &Action,
    source: &str,
    ticket: &mut Ticket,
    env: &mut ActionEnv<'_>,
    effects: &mut Effects,
) {
    match action {
        Action::Set(map) => {
            for (field, value) in map {
                if field == "status" {
                    apply(
                        &Action::SetStatus(value.clone()),
                        source,
                        ticket,
                        env,
                        effects,
                    );
                    continue;
                }
                if let Err(e) = ticket.set_field(field, value) {
                    effects.notes.push(format!("{source}: set {field}: {e}"));
                }
            }
        }
        Action::AddTag(tag) => ticket.add_tag(tag),
        Action::SetPriority(p) => ticket.priority = p.clone(),
        Action::RaisePriority(n) => {
            if let Some(i) = env.priorities.iter().position(|p| *p == ticket.priority) {
                let to = i.saturating_sub(*n as usize);
                if let Some(p) = env.priorities.get(to) {
                    ticket.priority = p.clone();
                }
            }
        }
        Action::Assign(agent) => ticket.assignee = Some(agent.clone()),
        Action::AssignTeam(team) => {
            ticket.team = Some(team.clone());
            if ticket.assignee.is_none() {
                effects.notes.push(env.assigner.assign_from(ticket, team));
            }
        }
        Action::Comment(text) => ticket.comments.push(Comment {
            author: env.author.to_string(),
            body: text.clone(),
            internal: true,
            automated: true,
        }),
        Action::SetStatus(status) => {
            if *status != ticket.status {
                match env.workflow.check(&ticket.status, status) {
                    Ok(()) => {
                        // A finished ticket says what finished it; automation has no fix to
                        // describe, so it names itself (a person's resolution is kept).
                        let needs = env.workflow.done.iter().any(|s| s == status);
                        if needs
                            && ticket
                                .resolution
                                .as_deref()
                                .is_none_or(|r| r.trim().is_empty())
                        {
                            ticket.resolution = Some(format!("Set to {status} by {source}."));
                        }
                        ticket.status = status.clone();
                    }
                    Err(e) => effects
                        .notes
                        .push(format!("{source}: skipped set status {status}: {e}")),
                }
            }
        }
        Action::Notify(target) => effects.notices.push(Notice {
            source: source.to_string(),
            target: target.clone(),
        }),
    }
}

/// A field's value as conditions see it; `text` is the title and description together.
pub fn field_value(t: &Ticket, field: &str) -> Option<String> {
    match field {
        "text" => Some(match &t.description {
            Some(d) => format!("{}\n{d}", t.title),
            None => t.title.clone(),
        }),
        other => match Field::parse(other) {
            Some(f) => f.of(t).joined(", "),
            None => other
                .strip_prefix("fields.")
                .and_then(|k| t.fields.get(k).cloned()),
        },
    }
}

impl Condition {
    /// Whether the condition holds for `now` (which was `before`, `None` on create).
    pub fn holds(&self, before: Option<&Ticket>, now: &Ticket) -> bool {
        let tags = |value: Option<String>| split_tags(value.as_deref().unwrap_or_default());
        match self {
            Condition::Tag(tag) => now.tags.iter().any(|t| t == tag),
            Condition::Equals { field, value: v } => {
                let value = field_value(now, field);
                if field == "tags" {
                    tags(value).contains(v)
                } else {
                    value.as_deref() == Some(v.as_str())
                }
            }
            Condition::OneOf { field, values } => {
                let value = field_value(now, field);
                if field == "tags" {
                    tags(value).iter().any(|t| values.contains(t))
                } else {
                    value.is_some_and(|v| values.contains(&v))
                }
            }
            Condition::Contains { field, text } => field_value(now, field)
                .is_some_and(|v| v.to_lowercase().contains(&text.to_lowercase())),
            Condition::Matches { field, pattern } => {
                field_value(now, field).is_some_and(|v| pattern.0.is_match(&v))
            }
            Condition::Changed {
                field,
                changed,
                from,
                to,
            } => {
                let value = field_value(now, field);
                let old = before.and_then(|b| field_value(b, field));
                (old != value) == *changed
                    && from.as_ref().is_none_or(|f| old.as_ref() == Some(f))
                    && to.as_ref().is_none_or(|t| value.as_ref() == Some(t))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::schema::RawRule;
    use crate::domain::ticket::sample_ticket;
    use crate::domain::workflow;

    struct Fixed;
    impl Assigner for Fixed {
        fn pick(&mut self, _: &Ticket, team: &str) -> Pick {
            Pick {
                agent: Some(format!("{team}-agent")),
                reason: "test".into(),
            }
        }
    }

    fn raw(yaml: &str) -> Vec<RawRule> {
        serde_yaml_ng::from_str(yaml).unwrap()
    }

    fn rules(yaml: &str) -> Vec<Rule> {
        raw(yaml)
            .into_iter()
            .map(|r| Rule::try_from(r).unwrap())
            .collect()
    }

    fn run_on(rules: &[Rule], before: Option<&Ticket>, t: &mut Ticket) -> Effects {
        let wf = workflow::sample();
        let prios: Vec<String> = ["P1", "P2", "P3", "P4"].map(String::from).to_vec();
        let mut assigner = Fixed;
        let mut env = ActionEnv {
            priorities: &prios,
            workflow: &wf,
            assigner: &mut assigner,
            author: RULES_AUTHOR,
        };
        run(rules, Trigger::of(before), before, t, &mut env)
    }

    #[test]
    fn keyword_routing_sets_category_and_team() {
        let r = rules(
            "- name: printers\n  when: [{field: text, matches: 'printer|toner'}]\n  then: [{set: {category: hardware}}, {assign_team: desktop}]\n",
        );
        let mut t = sample_ticket();
        t.title = "Out of TONER".into();
        let e = run_on(&r, None, &mut t);
        assert_eq!(e.fired, vec!["printers"]);
        assert_eq!(t.category.as_deref(), Some("hardware"));
        assert_eq!(t.team.as_deref(), Some("desktop"));
        assert_eq!(t.assignee.as_deref(), Some("desktop-agent"));
        let mut t = sample_ticket();
        t.title = "VPN".into();
        assert!(run_on(&r, None, &mut t).fired.is_empty());
    }

    #[test]
    fn order_stop_and_changed() {
        let r = rules(
            "- name: a\n  when: [{field: priority, changed: true, to: P1}]\n  then: [{add_tag: urgent}]\n  stop: true\n- name: b\n  then: [{add_tag: seen}]\n",
        );
        let before = sample_ticket();
        let mut t = before.clone();
        t.priority = "P1".into();
        let e = run_on(&r, Some(&before), &mut t);
        assert_eq!(e.fired, vec!["a"]);
        assert_eq!(t.tags, vec!["urgent"]);
        let mut t = before.clone();
        let e = run_on(&r, Some(&before), &mut t);
        assert_eq!(e.fired, vec!["b"]);
    }

    #[test]
    fn conditions_see_earlier_rules() {
        let r = rules(
            "- name: a\n  then: [{add_tag: vip}]\n- name: b\n  when: [{tag: vip}, {field: status, one_of: [new, open]}]\n  then: [{raise_priority: 1}, {notify: team_lead}, {comment: hi}]\n",
        );
        let mut t = sample_ticket();
        let e = run_on(&r, None, &mut t);
        assert_eq!(e.fired, vec!["a", "b"]);
        assert_eq!(t.priority, "P2");
        assert_eq!(e.notices.len(), 1);
        assert_eq!(t.comments[0].author, RULES_AUTHOR);
        assert!(t.comments[0].internal);
    }

    #[test]
    fn status_moves_obey_the_workflow() {
        let r = rules("- name: shut\n  then: [{set: {status: closed}}, {set_status: closed}]\n");
        let mut t = sample_ticket();
        let e = run_on(&r, None, &mut t);
        assert_eq!(t.status, "new");
        assert_eq!(e.notes.len(), 2);
        assert!(
            e.notes[0].starts_with("shut: skipped set status closed"),
            "{:?}",
            e.notes
        );
    }
}
