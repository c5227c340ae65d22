//! Event rules and the actions that rules and escalations share.
//!
//! A rule (`rules:` in the config) has conditions on ticket fields and a list of actions. Rules
//! run in order on the ticket as modified by the earlier ones, on create and on every update,
//! inside the same commit as the change. This module evaluates them on plain [`Ticket`] values:
//! auto-assignment is asked of an [`Assigner`] the caller provides, and `notify` actions are
//! collected for the caller to run after the commit.

use std::collections::BTreeMap;
use std::fmt;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Deserializer};

use super::assignment::Pick;
use super::field::Field;
use super::ticket::{Comment, Ticket, split_tags};
use super::workflow::Workflow;

/// Who writes the internal notes of `comment` actions in rules.
pub const RULES_AUTHOR: &str = "tix-rules";

/// When a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Trigger {
    Create,
    Update,
}

impl Trigger {
    /// `Update` when there is a version before the change, `Create` when there is none.
    pub fn of(before: Option<&Ticket>) -> Trigger {
        if before.is_some() {
            Trigger::Update
        } else {
            Trigger::Create
        }
    }
}

fn both() -> Vec<Trigger> {
    vec![Trigger::Create, Trigger::Update]
}

/// One entry of `rules:`, checked: built from a [`RawRule`] once its conditions are known good.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: String,
    pub on: Vec<Trigger>,
    /// All must hold; empty means always.
    pub when: Vec<Condition>,
    pub then: Vec<Action>,
    /// Skip the rules after this one when it fires.
    pub stop: bool,
}

/// One entry of `rules:` as written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub name: String,
    #[serde(default = "both")]
    pub on: Vec<Trigger>,
    #[serde(default)]
    pub when: Vec<RawCondition>,
    pub then: Vec<Action>,
    #[serde(default)]
    pub stop: bool,
}

impl TryFrom<RawRule> for Rule {
    type Error = ConditionError;

    fn try_from(raw: RawRule) -> Result<Rule, ConditionError> {
        Ok(Rule {
            when: raw
                .when
                .into_iter()
                .map(Condition::try_from)
                .collect::<Result<_, _>>()?,
            name: raw.name,
            on: raw.on,
            then: raw.then,
            stop: raw.stop,
        })
    }
}

/// What a rule tests. Written `{ field: F, OPERATOR: ... }` or `{ tag: T }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// The ticket has the tag.
    Tag(String),
    /// The field has this value (for `tags`: the ticket has this tag).
    Equals { field: String, value: String },
    /// The field has one of these values (for `tags`: the ticket has one of these tags).
    OneOf { field: String, values: Vec<String> },
    /// The field contains this text, ignoring case.
    Contains { field: String, text: String },
    /// The field matches this pattern.
    Matches { field: String, pattern: Pattern },
    /// The field changed (or, with `changed: false`, did not), optionally from and to these
    /// values; on create the previous value is empty.
    Changed {
        field: String,
        changed: bool,
        from: Option<String>,
        to: Option<String>,
    },
}

impl Condition {
    /// The field the condition reads; `None` for a tag condition.
    pub fn field(&self) -> Option<&str> {
        match self {
            Condition::Tag(_) => None,
            Condition::Equals { field, .. }
            | Condition::OneOf { field, .. }
            | Condition::Contains { field, .. }
            | Condition::Matches { field, .. }
            | Condition::Changed { field, .. } => Some(field),
        }
    }

    /// The field values the condition names (not texts or patterns, which are free).
    pub fn values(&self) -> Vec<&str> {
        match self {
            Condition::Equals { value, .. } => vec![value],
            Condition::OneOf { values, .. } => values.iter().map(String::as_str).collect(),
            Condition::Changed { from, to, .. } => {
                from.iter().chain(to).map(String::as_str).collect()
            }
            Condition::Tag(_) | Condition::Contains { .. } | Condition::Matches { .. } => {
                Vec::new()
            }
        }
    }
}

/// A condition as written: `{field, equals|one_of|contains|matches|changed}` or `{tag}`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub equals: Option<String>,
    #[serde(default)]
    pub one_of: Option<Vec<String>>,
    #[serde(default)]
    pub contains: Option<String>,
    #[serde(default)]
    pub matches: Option<Pattern>,
    #[serde(default)]
    pub tag: Option<String>,
    #[serde(default)]
    pub changed: Option<bool>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// Why a [`RawCondition`] is not a condition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConditionError {
    #[error("a `tag` condition stands alone")]
    TagNotAlone,
    #[error("a condition needs `field` (or `tag`)")]
    NoField,
    #[error("the condition on '{field}' needs exactly one operator")]
    Operators { field: String },
}

impl TryFrom<RawCondition> for Condition {
    type Error = ConditionError;

    fn try_from(r: RawCondition) -> Result<Condition, ConditionError> {
        let changed = (r.changed.is_some() || r.from.is_some() || r.to.is_some()).then_some(());
        let ops = [
            r.equals.is_some(),
            r.one_of.is_some(),
            r.contains.is_some(),
            r.matches.is_some(),
            changed.is_some(),
        ]
        .into_iter()
        .filter(|b| *b)
        .count();
        if let Some(tag) = r.tag {
            return if r.field.is_some() || ops > 0 {
                Err(ConditionError::TagNotAlone)
            } else {
                Ok(Condition::Tag(tag))
            };
        }
        let field = r.field.ok_or(ConditionError::NoField)?;
        if ops != 1 {
            return Err(ConditionError::Operators { field });
        }
        if let Some(value) = r.equals {
            return Ok(Condition::Equals { field, value });
        }
        if let Some(values) = r.one_of {
            return Ok(Condition::OneOf { field, values });
        }
        if let Some(text) = r.contains {
            return Ok(Condition::Contains { field, text });
        }
        if let Some(pattern) = r.matches {
            return Ok(Condition::Matches { field, pattern });
        }
        Ok(Condition::Changed {
            field,
            // `from`/`to` alone mean "changed from/to".
            changed: r.changed.unwrap_or(true),
            from: r.from,
            to: r.to,
        })
    }
}

/// A case-insensitive regular expression, compiled when the config is read.
#[derive(Debug, Clone)]
pub struct Pattern(pub Regex);

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        RegexBuilder::new(&text)
            .case_insensitive(true)
            .build()
            .map(Pattern)
            .map_err(|e| {
                let detail = e.to_string();
                let last = detail.lines().last().unwrap_or_default().trim();
                let last = last.strip_prefix("error: ").unwrap_or(last);
                serde::de::Error::custom(format!("invalid regex '{text}': {last}"))
            })
    }
}

/// What a rule or an escalation does. Written as a one-key map: `{ add_tag: vip }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawAction")]
pub enum Action {
    /// Set fields by name, as `tix edit --set` does.
    Set(BTreeMap<String, String>),
    AddTag(String),
    SetPriority(String),
    /// Raise the priority by this many steps (towards the first of `priorities`).
    RaisePriority(u32),
    /// Assign to an agent.
    Assign(String),
    /// Set the team; a ticket without assignee is then auto-assigned by the team's strategy.
    AssignTeam(String),
    /// Add an internal note.
    Comment(String),
    /// Move to a status, if the workflow allows it.
    SetStatus(String),
    /// Run the notification hooks after the commit.
    Notify(NotifyTarget),
}

/// The YAML shape of an action: exactly one of these keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    #[serde(default)]
    set: Option<BTreeMap<String, String>>,
    #[serde(default)]
    add_tag: Option<String>,
    #[serde(default)]
    set_priority: Option<String>,
    #[serde(default)]
    raise_priority: Option<u32>,
    #[serde(default)]
    assign: Option<String>,
    #[serde(default)]
    assign_team: Option<String>,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    set_status: Option<String>,
    #[serde(default)]
    notify: Option<NotifyTarget>,
}

impl TryFrom<RawAction> for Action {
    type Error = String;

    fn try_from(r: RawAction) -> Result<Action, String> {
        let mut found: Vec<Action> = Vec::new();
        found.extend(r.set.map(Action::Set));
        found.extend(r.add_tag.map(Action::AddTag));
        found.extend(r.set_priority.map(Action::SetPriority));
        found.extend(r.raise_priority.map(Action::RaisePriority));
        found.extend(r.assign.map(Action::Assign));
        found.extend(r.assign_team.map(Action::AssignTeam));
        found.extend(r.comment.map(Action::Comment));
        found.extend(r.set_status.map(Action::SetStatus));
        found.extend(r.notify.map(Action::Notify));
        if found.len() == 1 {
            Ok(found.remove(0))
        } else {
            Err("an action is a map with exactly one key: set, add_tag, set_priority, raise_priority, assign, assign_team, comment, set_status or notify".into())
        }
    }
}

/// `notify: assignee` (every hook) or `notify: {to: team_lead, via: chat}` (one hook).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum NotifyTarget {
    To(String),
    Via { to: String, via: String },
}

impl NotifyTarget {
    pub fn to(&self) -> &str {
        match self {
            NotifyTarget::To(to) | NotifyTarget::Via { to, .. } => to,
        }
    }

    pub fn via(&self) -> Option<&str> {
        match self {
            NotifyTarget::To(_) => None,
            NotifyTarget::Via { via, .. } => Some(via),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Set(map) => {
                let parts: Vec<String> = map.iter().map(|(k, v)| format!("{k}={v}")).collect();
                write!(f, "set {}", parts.join(" "))
            }
            Action::AddTag(t) => write!(f, "add tag {t}"),
            Action::SetPriority(p) => write!(f, "set priority {p}"),
            Action::RaisePriority(n) => write!(f, "raise priority by {n}"),
            Action::Assign(a) => write!(f, "assign to {a}"),
            Action::AssignTeam(t) => write!(f, "assign to team {t}"),
            Action::Comment(_) => write!(f, "add internal note"),
            Action::SetStatus(s) => write!(f, "set status {s}"),
            Action::Notify(n) => match n.via() {
                Some(via) => write!(f, "notify {} via {via}", n.to()),
                None => write!(f, "notify {}", n.to()),
            },
        }
    }
}

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
                ticket.priority = env.priorities[to].clone();
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

    #[test]
    fn a_condition_is_built_from_exactly_one_shape() {
        let one = |yaml: &str| {
            Condition::try_from(serde_yaml_ng::from_str::<RawCondition>(yaml).unwrap())
        };
        assert_eq!(one("{tag: vip}"), Ok(Condition::Tag("vip".into())));
        assert_eq!(
            one("{field: status, to: open}"),
            Ok(Condition::Changed {
                field: "status".into(),
                changed: true,
                from: None,
                to: Some("open".into()),
            })
        );
        assert_eq!(
            one("{tag: vip, field: status}"),
            Err(ConditionError::TagNotAlone)
        );
        assert_eq!(one("{equals: x}"), Err(ConditionError::NoField));
        assert_eq!(
            one("{field: status, equals: a, contains: b}"),
            Err(ConditionError::Operators {
                field: "status".into()
            })
        );
        assert_eq!(
            one("{field: status}"),
            Err(ConditionError::Operators {
                field: "status".into()
            })
        );
    }

    #[test]
    fn bad_regex_is_a_parse_error() {
        let err = serde_yaml_ng::from_str::<Vec<RawRule>>(
            "- name: x\n  when: [{field: title, matches: 'a('}]\n  then: [{add_tag: y}]\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("invalid regex 'a('"), "{err}");
        assert!(err.location().is_some());
    }
}
