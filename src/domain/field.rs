//! The built-in ticket fields: one table of names, shapes, getters and setters that `tix edit
//! --set`, rule conditions, change descriptions, merges, validation and renderings share, so a
//! new field is one entry here (and its place in the file format, `store/yaml.rs`) plus tests.
//!
//! Custom fields (`fields.NAME`) are not in the table: their names are the user's.

use super::ticket::{Ticket, TicketSummary};

/// A built-in field, by the name users, configs and files use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Type,
    Status,
    Priority,
    Impact,
    Urgency,
    Category,
    Requester,
    Assignee,
    Team,
    Tags,
    Due,
    Asset,
    Template,
    Kb,
    Description,
    Resolution,
}

/// What kind of value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One line, always present.
    Line,
    /// One line or nothing; an empty value clears it.
    OptionalLine,
    /// Several lines (line breaks and tabs allowed) or nothing.
    Block,
    /// A set of single words (tags).
    List,
}

/// A field's value, borrowed from a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    One(&'a str),
    Maybe(Option<&'a str>),
    List(&'a [String]),
}

impl Value<'_> {
    /// The value as text, a list joined with `sep`; `None` when empty or absent.
    pub fn joined(&self, sep: &str) -> Option<String> {
        match self {
            Value::One(s) => Some((*s).to_string()),
            Value::Maybe(s) => s.map(str::to_string),
            Value::List([]) => None,
            Value::List(items) => Some(items.join(sep)),
        }
    }

    /// The single text, when the value is one (lists have none).
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::One(s) => Some(s),
            Value::Maybe(s) => *s,
            Value::List(_) => None,
        }
    }
}

impl Field {
    /// Every built-in field, in the order tix shows and documents them.
    pub const ALL: [Field; 17] = [
        Field::Title,
        Field::Type,
        Field::Status,
        Field::Priority,
        Field::Impact,
        Field::Urgency,
        Field::Category,
        Field::Requester,
        Field::Assignee,
        Field::Team,
        Field::Tags,
        Field::Due,
        Field::Asset,
        Field::Template,
        Field::Kb,
        Field::Description,
        Field::Resolution,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Type => "type",
            Field::Status => "status",
            Field::Priority => "priority",
            Field::Impact => "impact",
            Field::Urgency => "urgency",
            Field::Category => "category",
            Field::Requester => "requester",
            Field::Assignee => "assignee",
            Field::Team => "team",
            Field::Tags => "tags",
            Field::Due => "due",
            Field::Asset => "asset",
            Field::Template => "template",
            Field::Kb => "kb",
            Field::Description => "description",
            Field::Resolution => "resolution",
        }
    }

    /// The field called `name` (exactly, as in files and configs).
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Every name, for messages that list the known fields.
    pub fn names() -> impl Iterator<Item = &'static str> {
        Field::ALL.into_iter().map(Field::name)
    }

    pub fn shape(self) -> Shape {
        match self {
            Field::Title | Field::Type | Field::Status | Field::Priority => Shape::Line,
            Field::Impact
            | Field::Urgency
            | Field::Category
            | Field::Requester
            | Field::Assignee
            | Field::Team
            | Field::Due
            | Field::Asset
            | Field::Template => Shape::OptionalLine,
            Field::Description | Field::Resolution => Shape::Block,
            Field::Tags | Field::Kb => Shape::List,
        }
    }

    /// The field's value on `t`.
    pub fn of(self, t: &Ticket) -> Value<'_> {
        fn maybe(v: &Option<String>) -> Value<'_> {
            Value::Maybe(v.as_deref())
        }
        match self {
            Field::Title => Value::One(&t.title),
            Field::Type => Value::One(&t.ticket_type),
            Field::Status => Value::One(&t.status),
            Field::Priority => Value::One(&t.priority),
            Field::Impact => maybe(&t.impact),
            Field::Urgency => maybe(&t.urgency),
            Field::Category => maybe(&t.category),
            Field::Requester => maybe(&t.requester),
            Field::Assignee => maybe(&t.assignee),
            Field::Team => maybe(&t.team),
            Field::Tags => Value::List(&t.tags),
            Field::Due => maybe(&t.due),
            Field::Asset => maybe(&t.asset),
            Field::Template => maybe(&t.template),
            Field::Kb => Value::List(&t.kb),
            Field::Description => maybe(&t.description),
            Field::Resolution => maybe(&t.resolution),
        }
    }

    /// The field's value on a list summary; `None` for the long texts summaries leave out.
    pub fn of_summary(self, t: &TicketSummary) -> Option<Value<'_>> {
        fn maybe(v: &Option<String>) -> Option<Value<'_>> {
            Some(Value::Maybe(v.as_deref()))
        }
        match self {
            Field::Title => Some(Value::One(&t.title)),
            Field::Type => Some(Value::One(&t.ticket_type)),
            Field::Status => Some(Value::One(&t.status)),
            Field::Priority => Some(Value::One(&t.priority)),
            Field::Impact => maybe(&t.impact),
            Field::Urgency => maybe(&t.urgency),
            Field::Category => maybe(&t.category),
            Field::Requester => maybe(&t.requester),
            Field::Assignee => maybe(&t.assignee),
            Field::Team => maybe(&t.team),
            Field::Tags => Some(Value::List(&t.tags)),
            Field::Due => maybe(&t.due),
            Field::Asset => maybe(&t.asset),
            Field::Template => maybe(&t.template),
            Field::Kb => Some(Value::List(&t.kb)),
            Field::Description | Field::Resolution => None,
        }
    }

    /// Sets the field on `t` from text, without validation (see `Ticket::set_field`): an empty
    /// value clears an optional field; tags are comma-separated.
    pub fn set(self, t: &mut Ticket, value: &str) {
        let optional = || Some(value.to_string()).filter(|v| !v.trim().is_empty());
        match self {
            Field::Title => t.title = value.to_string(),
            Field::Type => t.ticket_type = value.to_string(),
            Field::Status => t.status = value.to_string(),
            Field::Priority => t.priority = value.to_string(),
            Field::Impact => t.impact = optional(),
            Field::Urgency => t.urgency = optional(),
            Field::Category => t.category = optional(),
            Field::Requester => t.requester = optional(),
            Field::Assignee => t.assignee = optional(),
            Field::Team => t.team = optional(),
            Field::Tags => t.tags = super::ticket::split_tags(value),
            Field::Due => t.due = optional(),
            Field::Asset => t.asset = optional(),
            Field::Template => t.template = optional(),
            Field::Kb => t.kb = super::ticket::split_tags(value),
            Field::Description => t.description = optional(),
            Field::Resolution => t.resolution = optional(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.name()), Some(f));
        }
        let mut names: Vec<&str> = Field::names().collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Field::ALL.len());
        assert_eq!(Field::parse("fields.room"), None);
    }

    #[test]
    fn set_then_get_gives_the_value_back() {
        let mut t = crate::domain::ticket::sample_ticket();
        for f in Field::ALL {
            let value = match f.shape() {
                Shape::List => "a,b",
                Shape::Block => "two\nlines",
                Shape::Line | Shape::OptionalLine => "x1",
            };
            f.set(&mut t, value);
            let want = if f.shape() == Shape::List {
                "a, b"
            } else {
                value
            };
            assert_eq!(f.of(&t).joined(", ").as_deref(), Some(want), "{f:?}");
            if f.shape() != Shape::Line {
                f.set(&mut t, "");
                assert_eq!(f.of(&t).joined(", "), None, "{f:?} clears");
            }
        }
    }
}
