//! The config-facing shape of `rules:` and of the actions rules and escalations share: the
//! serde forms as written (`RawRule`, `RawCondition`, the one-key action maps) and the typed
//! values built from them by `TryFrom`. Evaluating them is `eval`; checking them against the
//! rest of the config is `config::validate`.

use std::collections::BTreeMap;
use std::fmt;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Deserializer};

use crate::domain::ticket::Ticket;

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

#[cfg(test)]
mod tests {
    use super::*;

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
