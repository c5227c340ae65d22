//! The ticket aggregate: its fields, the rules a valid ticket follows, and field edits by name.
//!
//! A ticket holds its current state only; when something happened is read from Git history, so
//! nothing here carries a timestamp. Vocabulary (types, priorities, categories, statuses) comes
//! from the repository's config through [`Schema`].

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};
use thiserror::Error;

use super::field::{Field, Shape};
use super::id::TicketId;
use super::link::{LinkError, Links};
use super::text::{control_in_block, control_in_line, describe_control};
use super::workflow::Workflow;

/// The longest title, in characters: a summary that fits a list line, not a description.
pub const MAX_TITLE_CHARS: usize = 200;

/// The longest description, comment body or resolution, in bytes (64 KiB). Longer material
/// (logs, dumps) belongs in an attachment, and the cap keeps every ticket file small.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// A service-desk ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub id: TicketId,
    pub title: String,
    pub ticket_type: String,
    pub status: String,
    pub priority: String,
    /// Impact and urgency, the inputs of the priority matrix (`priority_matrix` in the config).
    pub impact: Option<String>,
    pub urgency: Option<String>,
    pub category: Option<String>,
    pub requester: Option<String>,
    pub assignee: Option<String>,
    pub team: Option<String>,
    pub tags: Vec<String>,
    /// A date (`2026-12-01`) or an RFC 3339 instant, kept as written.
    pub due: Option<String>,
    /// The asset (`assets/NAME.yaml`) the request is about: a laptop, a printer.
    pub asset: Option<String>,
    /// The template (`.tix/templates/NAME.yaml`) the ticket was made from; its typed custom
    /// fields are checked on every write.
    pub template: Option<String>,
    /// Knowledge-base articles (`kb/SLUG.md`) used to resolve it (`tix resolve --kb SLUG`).
    pub kb: Vec<String>,
    /// Links to other tickets, each written on both tickets.
    pub links: Links,
    pub description: Option<String>,
    pub comments: Vec<Comment>,
    pub resolution: Option<String>,
    /// Custom fields (`--field key=value`), sorted by key.
    pub fields: BTreeMap<String, String>,
    /// Escalation levels and timed rules that already fired (`tix escalate`), by key:
    /// `level/clock/cycle` or `rule@<time the state began>`. They make a second run a no-op.
    pub escalations: Vec<String>,
    /// The requester's satisfaction with the resolution (`tix rate`); a later rating replaces
    /// an earlier one, history keeps both.
    pub rating: Option<Rating>,
}

/// A satisfaction rating of a finished ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// 1 (very unsatisfied) to 5 (very satisfied).
    pub score: u8,
    pub comment: Option<String>,
    /// Who entered it (`Name <email>`).
    pub by: String,
    /// Entered by someone other than the requester, on the requester's behalf (a phone survey).
    pub on_behalf: bool,
}

/// The lowest and highest rating.
pub const RATING_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// A comment on a ticket. Its time is the author date of the commit that added it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub author: String,
    pub body: String,
    /// Internal notes are for agents only and never count as a reply to the requester.
    pub internal: bool,
    /// Written by a machine (an auto-reply, a monitoring integration): never a response to the
    /// requester nor a requester message waiting for one, whoever committed it.
    pub automated: bool,
}

/// The vocabulary a repository's tickets must use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    pub workflow: Workflow,
    pub types: Vec<String>,
    pub default_type: String,
    pub priorities: Vec<String>,
    pub default_priority: String,
    /// Empty means any category is accepted.
    pub categories: Vec<String>,
    /// Impact and urgency levels of the priority matrix; empty means no matrix (any value).
    pub impacts: Vec<String>,
    pub urgencies: Vec<String>,
    /// Request templates (`.tix/templates/NAME.yaml`) by name: tickets made from one have
    /// their custom fields checked against it.
    pub templates: BTreeMap<String, super::template::Template>,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum TicketError {
    #[error("the title is empty; give a short summary such as --title \"Laptop does not boot\"")]
    EmptyTitle,
    #[error(
        "rating score {0} is out of range: it must be 1 (very unsatisfied) to 5 (very satisfied)"
    )]
    BadRating(u8),
    #[error("unknown {field} '{value}'; known values: {}", .known.join(", "))]
    UnknownValue {
        field: &'static str,
        value: String,
        known: Vec<String>,
    },
    #[error("unknown field '{0}'; known fields: {known}, or fields.NAME for a custom field", known = Field::names().collect::<Vec<_>>().join(", "))]
    UnknownField(String),
    #[error(
        "invalid custom field name '{0}': use letters, digits, '_' or '-', starting with a letter"
    )]
    BadFieldName(String),
    #[error("custom field '{0}' has the name of a built-in field; use --set {0}=VALUE instead")]
    ReservedFieldName(String),
    #[error(
        "invalid due date '{0}': use YYYY-MM-DD or an RFC 3339 time such as 2026-12-01T17:00:00Z"
    )]
    BadDue(String),
    #[error("invalid tag '{0}': tags are single words without spaces or commas")]
    BadTag(String),
    #[error(
        "invalid {field} '{value}': use letters, digits, '.', '_' or '-', starting with a letter or digit"
    )]
    BadSlug { field: &'static str, value: String },
    #[error(transparent)]
    Link(#[from] LinkError),
    #[error(transparent)]
    Template(#[from] super::template::TemplateError),
    #[error("field 'status' is changed with the lifecycle commands or --set status=NAME, and it must be one of: {}", .0.join(", "))]
    BadStatus(Vec<String>),
    #[error("field 'id' cannot be changed")]
    IdChanged,
    #[error("{field} contains the control character {}; {}", describe_control(*.found), if *.multi_line { "multi-line texts may hold line breaks and tabs, but no other control characters" } else { "single-line values cannot hold control characters (line breaks, tabs, ESC, NUL...)" })]
    ControlCharacter {
        field: String,
        found: char,
        multi_line: bool,
    },
    #[error("{field} is too long: {length} {unit}; the limit is {limit}")]
    TooLong {
        field: String,
        length: usize,
        limit: usize,
        unit: &'static str,
    },
}

impl Ticket {
    /// A ticket as a new one starts: the workflow's initial status, the schema's default type
    /// and priority, everything else empty.
    pub fn draft(schema: &Schema, id: TicketId, title: String) -> Ticket {
        Ticket {
            id,
            title,
            ticket_type: schema.default_type.clone(),
            status: schema.workflow.initial.clone(),
            priority: schema.default_priority.clone(),
            impact: None,
            urgency: None,
            category: None,
            requester: None,
            assignee: None,
            team: None,
            tags: vec![],
            due: None,
            asset: None,
            template: None,
            kb: vec![],
            links: Links::default(),
            description: None,
            comments: vec![],
            resolution: None,
            fields: BTreeMap::new(),
            escalations: vec![],
            rating: None,
        }
    }

    /// Checks every field against the schema.
    ///
    /// # Errors
    /// The first rule the ticket breaks.
    pub fn validate(&self, schema: &Schema) -> Result<(), TicketError> {
        // First, so that no later message quotes a value holding control characters.
        self.validate_text()?;
        if self.title.trim().is_empty() {
            return Err(TicketError::EmptyTitle);
        }
        check_known("type", &self.ticket_type, &schema.types)?;
        check_known("priority", &self.priority, &schema.priorities)?;
        check_known("status", &self.status, &schema.workflow.statuses)?;
        if let Some(category) = &self.category
            && !schema.categories.is_empty()
        {
            check_known("category", category, &schema.categories)?;
        }
        if let Some(impact) = &self.impact
            && !schema.impacts.is_empty()
        {
            check_known("impact", impact, &schema.impacts)?;
        }
        if let Some(urgency) = &self.urgency
            && !schema.urgencies.is_empty()
        {
            check_known("urgency", urgency, &schema.urgencies)?;
        }
        for tag in &self.tags {
            validate_tag(tag)?;
        }
        for slug in &self.kb {
            validate_slug("kb", slug)?;
        }
        for (name, value) in [("asset", &self.asset), ("template", &self.template)] {
            if let Some(value) = value {
                validate_slug(name, value)?;
            }
        }
        self.links.validate(&self.id)?;
        // A template deleted since leaves its tickets as they are; `tix check` names them.
        if let Some(template) = self.template.as_ref().and_then(|t| schema.templates.get(t)) {
            template.check(&self.fields)?;
        }
        if let Some(due) = &self.due {
            validate_due(due)?;
        }
        if let Some(rating) = &self.rating
            && !RATING_RANGE.contains(&rating.score)
        {
            return Err(TicketError::BadRating(rating.score));
        }
        for key in self.fields.keys() {
            validate_field_name(key)?;
        }
        Ok(())
    }

    /// Checks that no field holds a control character (multi-line texts may hold line breaks
    /// and tabs) and that titles and texts keep to their limits.
    ///
    /// # Errors
    /// The first field that breaks a rule, named as a user would name it.
    pub fn validate_text(&self) -> Result<(), TicketError> {
        for field in Field::ALL {
            if matches!(field.shape(), Shape::Line | Shape::OptionalLine)
                && let Some(value) = field.of(self).text()
            {
                check_line(field.name(), value)?;
            }
        }
        for tag in &self.tags {
            check_line("tag", tag)?;
        }
        for slug in &self.kb {
            check_line("kb", slug)?;
        }
        for (key, value) in &self.fields {
            check_line("custom field name", key)?;
            check_line(&format!("fields.{key}"), value)?;
        }
        for key in &self.escalations {
            check_line("escalations", key)?;
        }
        let length = self.title.chars().count();
        if length > MAX_TITLE_CHARS {
            return Err(TicketError::TooLong {
                field: "title".into(),
                length,
                limit: MAX_TITLE_CHARS,
                unit: "characters",
            });
        }
        check_block("description", self.description.as_deref())?;
        if let Some(rating) = &self.rating {
            check_line("rating.by", &rating.by)?;
            check_block("rating.comment", rating.comment.as_deref())?;
        }
        check_block("resolution", self.resolution.as_deref())?;
        for (i, comment) in self.comments.iter().enumerate() {
            check_line(&format!("the author of comment {}", i + 1), &comment.author)?;
            check_block(&format!("comment {}", i + 1), Some(&comment.body))?;
        }
        Ok(())
    }

    /// Sets one field by name, as `tix edit --set name=value` does. An empty value clears an
    /// optional field. `tags` takes a comma-separated list; `fields.NAME` sets a custom field.
    ///
    /// # Errors
    /// Unknown field or a value that breaks the schema. Status moves are checked by the caller
    /// against the workflow, since they depend on the old status.
    pub fn set_field(&mut self, name: &str, value: &str) -> Result<(), TicketError> {
        check_line("field name", name)?;
        if name == "id" {
            return Err(TicketError::IdChanged);
        }
        let Some(field) = Field::parse(name) else {
            let key = name
                .strip_prefix("fields.")
                .ok_or_else(|| TicketError::UnknownField(name.into()))?;
            check_line(name, value)?;
            validate_field_name(key)?;
            if value.is_empty() {
                self.fields.remove(key);
            } else {
                self.fields.insert(key.to_string(), value.to_string());
            }
            return Ok(());
        };
        match field.shape() {
            Shape::Block => check_block(name, Some(value))?,
            Shape::Line | Shape::OptionalLine | Shape::List => check_line(name, value)?,
        }
        field.set(self, value);
        Ok(())
    }

    /// Adds a tag unless it is already there.
    pub fn add_tag(&mut self, tag: &str) {
        if !self.tags.iter().any(|t| t == tag) {
            self.tags.push(tag.to_string());
        }
    }

    /// Public comments (not internal notes).
    pub fn public_comments(&self) -> impl Iterator<Item = &Comment> {
        self.comments.iter().filter(|c| !c.internal)
    }
}

fn check_line(field: &str, value: &str) -> Result<(), TicketError> {
    match control_in_line(value) {
        Some(found) => Err(TicketError::ControlCharacter {
            field: field.into(),
            found,
            multi_line: false,
        }),
        None => Ok(()),
    }
}

fn check_block(field: &str, value: Option<&str>) -> Result<(), TicketError> {
    let Some(value) = value else {
        return Ok(());
    };
    if let Some(found) = control_in_block(value) {
        return Err(TicketError::ControlCharacter {
            field: field.into(),
            found,
            multi_line: true,
        });
    }
    if value.len() > MAX_TEXT_BYTES {
        return Err(TicketError::TooLong {
            field: field.into(),
            length: value.len(),
            limit: MAX_TEXT_BYTES,
            unit: "bytes",
        });
    }
    Ok(())
}

fn check_known(field: &'static str, value: &str, known: &[String]) -> Result<(), TicketError> {
    if known.iter().any(|k| k == value) {
        Ok(())
    } else {
        Err(TicketError::UnknownValue {
            field,
            value: value.into(),
            known: known.to_vec(),
        })
    }
}

/// Splits `a, b,c` into tags, dropping empty items and duplicates.
pub fn split_tags(value: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in value.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

fn validate_tag(tag: &str) -> Result<(), TicketError> {
    if tag.is_empty() || tag.chars().any(|c| c.is_whitespace() || c == ',') {
        Err(TicketError::BadTag(tag.into()))
    } else {
        Ok(())
    }
}

/// Custom field names become YAML keys and CLI words, so they stay simple.
pub fn validate_field_name(key: &str) -> Result<(), TicketError> {
    let mut chars = key.chars();
    let starts_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    if !starts_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(TicketError::BadFieldName(key.into()));
    }
    if Field::parse(key).is_some() || key == "id" || key == "comments" || key == "fields" {
        return Err(TicketError::ReservedFieldName(key.into()));
    }
    Ok(())
}

/// Names of files (assets, articles, templates) that tickets refer to: safe as one path
/// segment and as one word on the command line.
pub fn validate_slug(field: &'static str, value: &str) -> Result<(), TicketError> {
    let mut chars = value.chars();
    let starts_ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !starts_ok
        || value.len() > 100
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        || value.contains("..")
    {
        return Err(TicketError::BadSlug {
            field,
            value: value.into(),
        });
    }
    Ok(())
}

fn validate_due(due: &str) -> Result<(), TicketError> {
    let is_date = NaiveDate::parse_from_str(due, "%Y-%m-%d").is_ok();
    if is_date || DateTime::parse_from_rfc3339(due).is_ok() {
        Ok(())
    } else {
        Err(TicketError::BadDue(due.into()))
    }
}

#[cfg(test)]
pub(crate) fn sample_schema() -> Schema {
    Schema {
        workflow: super::workflow::sample(),
        types: vec!["incident".into(), "request".into()],
        default_type: "incident".into(),
        priorities: vec!["P1".into(), "P2".into(), "P3".into(), "P4".into()],
        default_priority: "P3".into(),
        categories: vec!["hardware".into(), "network".into()],
        impacts: vec![],
        urgencies: vec![],
        templates: BTreeMap::new(),
    }
}

#[cfg(test)]
pub(crate) fn sample_ticket() -> Ticket {
    let mut t = Ticket::draft(
        &sample_schema(),
        TicketId::from_entropy("IT", 12345),
        "Printer jams".into(),
    );
    t.status = "new".into();
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ticket_passes() {
        assert_eq!(sample_ticket().validate(&sample_schema()), Ok(()));
    }

    #[test]
    fn empty_title_and_unknown_values_fail() {
        let schema = sample_schema();
        let mut t = sample_ticket();
        t.title = "  ".into();
        assert_eq!(t.validate(&schema), Err(TicketError::EmptyTitle));
        let mut t = sample_ticket();
        t.priority = "P9".into();
        assert!(matches!(
            t.validate(&schema),
            Err(TicketError::UnknownValue {
                field: "priority",
                ..
            })
        ));
        let mut t = sample_ticket();
        t.due = Some("tomorrow".into());
        assert_eq!(
            t.validate(&schema),
            Err(TicketError::BadDue("tomorrow".into()))
        );
    }

    #[test]
    fn set_field_by_name() {
        let mut t = sample_ticket();
        t.set_field("assignee", "alice").unwrap();
        t.set_field("tags", "vpn, urgent,vpn").unwrap();
        t.set_field("fields.room", "B12").unwrap();
        assert_eq!(t.assignee.as_deref(), Some("alice"));
        assert_eq!(t.tags, vec!["vpn", "urgent"]);
        assert_eq!(t.fields.get("room").map(String::as_str), Some("B12"));
        t.set_field("assignee", "").unwrap();
        assert_eq!(t.assignee, None);
        assert_eq!(
            t.set_field("colour", "red"),
            Err(TicketError::UnknownField("colour".into()))
        );
        assert_eq!(
            t.set_field("fields.title", "x"),
            Err(TicketError::ReservedFieldName("title".into()))
        );
        assert_eq!(t.set_field("id", "x"), Err(TicketError::IdChanged));
    }

    #[test]
    fn control_characters_are_refused_in_every_field() {
        let schema = sample_schema();
        let refused = |edit: &dyn Fn(&mut Ticket)| {
            let mut t = sample_ticket();
            edit(&mut t);
            t.validate(&schema)
        };
        let control =
            |r: Result<(), TicketError>| matches!(r, Err(TicketError::ControlCharacter { .. }));
        assert!(control(refused(&|t| t.title = "a\u{1b}[31mred".into())));
        assert!(control(refused(&|t| t.requester = Some("bob\u{7}".into()))));
        assert!(control(
            refused(&|t| t.category = Some("hard\nware".into()))
        ));
        assert!(control(refused(&|t| t.tags = vec!["vpn\u{9b}".into()])));
        assert!(control(refused(&|t| {
            t.fields.insert("room".into(), "4\0".into());
        })));
        assert!(control(refused(
            &|t| t.description = Some("x\u{1b}]0;pwn\u{7}".into())
        )));
        assert!(control(refused(&|t| t.comments.push(Comment {
            author: "Eve\nEvil".into(),
            body: "hi".into(),
            internal: false,
            automated: false,
        }))));
        // Multi-line texts keep their layout.
        assert_eq!(
            refused(&|t| t.description = Some("Steps:\n\t1. reboot\r\n".into())),
            Ok(())
        );
        let mut t = sample_ticket();
        assert!(control(t.set_field("assignee", "bob\n")));
        assert!(control(t.set_field("description", "a\u{0}")));
        assert_eq!(t.set_field("description", "a\nb"), Ok(()));
    }

    #[test]
    fn titles_and_texts_have_limits() {
        let schema = sample_schema();
        let mut t = sample_ticket();
        t.title = "x".repeat(MAX_TITLE_CHARS);
        assert_eq!(t.validate(&schema), Ok(()));
        t.title.push('x');
        assert!(matches!(
            t.validate(&schema),
            Err(TicketError::TooLong { .. })
        ));
        let mut t = sample_ticket();
        t.description = Some("x".repeat(MAX_TEXT_BYTES));
        assert_eq!(t.validate(&schema), Ok(()));
        t.comments.push(Comment {
            author: "alice".into(),
            body: "x".repeat(MAX_TEXT_BYTES + 1),
            internal: false,
            automated: false,
        });
        assert_eq!(
            t.validate(&schema).unwrap_err().to_string(),
            "comment 1 is too long: 65537 bytes; the limit is 65536"
        );
    }
}

/// The fields `tix list` shows and filters on: a ticket without its long texts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TicketSummary {
    pub id: TicketId,
    pub title: String,
    pub ticket_type: String,
    pub status: String,
    pub priority: String,
    pub category: Option<String>,
    pub requester: Option<String>,
    pub assignee: Option<String>,
    pub team: Option<String>,
    pub tags: Vec<String>,
    pub due: Option<String>,
    pub fields: BTreeMap<String, String>,
    pub comment_count: usize,
    #[serde(default)]
    pub impact: Option<String>,
    #[serde(default)]
    pub urgency: Option<String>,
    #[serde(default)]
    pub escalations: Vec<String>,
    pub asset: Option<String>,
    pub template: Option<String>,
    pub kb: Vec<String>,
    pub links: Links,
}

impl From<&Ticket> for TicketSummary {
    fn from(t: &Ticket) -> TicketSummary {
        TicketSummary {
            id: t.id.clone(),
            title: t.title.clone(),
            ticket_type: t.ticket_type.clone(),
            status: t.status.clone(),
            priority: t.priority.clone(),
            category: t.category.clone(),
            requester: t.requester.clone(),
            assignee: t.assignee.clone(),
            team: t.team.clone(),
            tags: t.tags.clone(),
            due: t.due.clone(),
            fields: t.fields.clone(),
            comment_count: t.comments.len(),
            impact: t.impact.clone(),
            urgency: t.urgency.clone(),
            escalations: t.escalations.clone(),
            asset: t.asset.clone(),
            template: t.template.clone(),
            kb: t.kb.clone(),
            links: t.links.clone(),
        }
    }
}
