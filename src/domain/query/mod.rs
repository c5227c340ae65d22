//! Which tickets a question is about, and in what order: the filters and sort orders of
//! `tix list`, as plain data, for every command that selects tickets (lists, exports and the
//! bulk forms of the lifecycle commands).
//!
//! A query is a list of [`Filter`]s that must all hold. The flag forms (`--status open`) and
//! the query language (`status:open -tag:vip "printer"`, see [`parse`]) build the same filters.
//! Values are compared exactly as stored; validating them against the config (an unknown
//! status is a usage error, not an empty answer) is [`Query::check`]'s job, done once before
//! matching. People are compared as people ([`same_person`]): `alice@example.com` finds
//! `Alice Agent` once [`Query::expand_people`] has looked the address up among the agents.
//!
//! What a ticket file alone does not say (when it was created and last changed, how long its
//! SLA clocks have left) comes from history; the caller supplies it as [`Known`] facts, and
//! [`Query::needs_dates`] / [`Query::needs_sla`] say whether it must.

mod parse;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::cmp::Reverse;

use chrono::{DateTime, NaiveDate};

pub use parse::{ParseError, parse};

use super::actor::same_person;
use super::id::TicketId;
use super::link::LinkKind;
use super::ticket::{Schema, Ticket, TicketSummary};

/// How tickets are ordered. Every order ends with the ID, so output is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Most urgent priority first, then workflow order of status.
    #[default]
    Priority,
    /// Workflow order of status, then priority.
    Status,
    Id,
    /// Case-insensitive.
    Title,
    Assignee,
    Category,
    Type,
    /// Newest first.
    Created,
    /// Most recently changed first.
    Updated,
    /// Oldest first (the longest waiting).
    Age,
    /// Soonest due date first; tickets without one last.
    Due,
    /// Least SLA time left first (breached clocks, most overdue first); tickets without a
    /// running clock last.
    Sla,
}

/// A ticket field a filter compares with a list of values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Status,
    Priority,
    /// `-` matches tickets without a category.
    Category,
    Type,
    /// `-` matches tickets without a team.
    Team,
    /// The ticket carries the tag.
    Tag,
    /// A custom field (`fields.NAME`); `-` matches tickets without it.
    Custom(String),
    /// `-` matches tickets without an asset.
    Asset,
    /// The ticket was made from the template; `-` matches tickets made without one.
    Template,
    /// The ticket was resolved with the knowledge-base article; `-` matches none used.
    Kb,
    /// The ticket is linked as this kind to one of the tickets (an ID or a prefix of its code);
    /// `-` matches tickets with no link of the kind.
    Link(LinkKind),
}

/// Whose a person filter is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Assignee,
    Requester,
}

/// A person a filter names, with the other forms the same person goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// As written: a name, an email, `Name <email>`, `@me`, or `-` for nobody.
    pub written: String,
    /// Every form that names this person (the written one, and the agent's `Name <email>` when
    /// an agent goes by it), filled in by [`Query::expand_people`].
    pub forms: Vec<String>,
}

/// Which time of a ticket a time filter compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// Its first commit.
    Created,
    /// Its last change.
    Updated,
}

/// A comparison of a time with a bound, in Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    After(i64),
    AtOrAfter(i64),
    Before(i64),
    AtOrBefore(i64),
    /// Within `[start, end)`: a date given without an operator names its whole day.
    Within(i64, i64),
}

impl Bound {
    fn holds(self, at: i64) -> bool {
        match self {
            Bound::After(t) => at > t,
            Bound::AtOrAfter(t) => at >= t,
            Bound::Before(t) => at < t,
            Bound::AtOrBefore(t) => at <= t,
            Bound::Within(start, end) => start <= at && at < end,
        }
    }
}

/// A pattern searched for in a ticket's text (title, description, comments, resolution), with
/// ripgrep's smart case: case-insensitive unless the pattern has an upper-case letter.
#[derive(Debug, Clone)]
pub struct TextPattern {
    written: String,
    regex: regex::Regex,
}

impl TextPattern {
    /// A word or phrase of the query language, matched literally.
    ///
    /// # Errors
    /// None in practice (an escaped literal is a valid pattern); kept for the size limit.
    pub fn literal(text: &str) -> Result<TextPattern, String> {
        Self::build(text, &regex::escape(text))
    }

    /// A regular expression (`--grep`), in the syntax of Rust's regex crate (as ripgrep's).
    ///
    /// # Errors
    /// The pattern does not compile; the message says where.
    pub fn regex(pattern: &str) -> Result<TextPattern, String> {
        Self::build(pattern, pattern)
    }

    fn build(written: &str, pattern: &str) -> Result<TextPattern, String> {
        let sensitive = written.chars().any(char::is_uppercase);
        let regex = regex::RegexBuilder::new(pattern)
            .case_insensitive(!sensitive)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(TextPattern {
            written: written.to_string(),
            regex,
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }

    pub fn written(&self) -> &str {
        &self.written
    }
}

impl PartialEq for TextPattern {
    fn eq(&self, other: &Self) -> bool {
        self.written == other.written && self.regex.as_str() == other.regex.as_str()
    }
}

impl Eq for TextPattern {}

/// One condition on a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// The field holds one of the values.
    Values { field: Field, values: Vec<String> },
    /// The assignee or requester is one of these people.
    People { role: Role, people: Vec<Person> },
    /// The ticket's text matches.
    Text(TextPattern),
    /// The ticket's creation or last change lies within the bound.
    Time { moment: Moment, bound: Bound },
    /// The ticket is in a done status (`is:done`) or not (`is:open`).
    Done(bool),
}

/// A [`Test`], possibly negated, and where it was written (for error messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub test: Test,
    pub negated: bool,
    /// `--status` for a flag, the term itself (`status:opne`) for the query language.
    pub source: String,
}

impl Filter {
    pub fn new(test: Test, source: impl Into<String>) -> Filter {
        Filter {
            test,
            negated: false,
            source: source.into(),
        }
    }
}

/// A selection of tickets: every filter must hold. With no status named (by `status:`, a flag
/// or `is:`), tickets in done statuses are left out unless `all`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub filters: Vec<Filter>,
    /// Include done tickets when no status is named.
    pub all: bool,
    pub sort: SortKey,
    /// The sort order backwards (ties still in ID order).
    pub reverse: bool,
    pub limit: Option<usize>,
}

/// What history says of a ticket, for the filters and sort orders that need it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Known {
    /// Unix seconds of its first commit.
    pub created: Option<i64>,
    /// Unix seconds of its last change.
    pub updated: Option<i64>,
    /// Seconds left on its most urgent running SLA clock (negative when breached).
    pub sla_left: Option<i64>,
}

/// A query value the config does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{term}: unknown {what} '{value}'; known {what_plural}: {}", .known.join(", "))]
pub struct UnknownValue {
    /// The flag or query term that named it.
    pub term: String,
    pub what: &'static str,
    pub what_plural: &'static str,
    pub value: String,
    pub known: Vec<String>,
}

/// A query that needs the actor (`@me`) when none is known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{term}: @me stands for the actor, and tix does not know who you are")]
pub struct NoActor {
    pub term: String,
}

impl Query {
    /// Adds a filter that must hold.
    pub fn and(&mut self, filter: Filter) {
        self.filters.push(filter);
    }

    /// Checks the values that the config enumerates (statuses, priorities, types).
    ///
    /// # Errors
    /// The first value the config does not know, with the known ones.
    pub fn check(&self, schema: &Schema) -> Result<(), UnknownValue> {
        for filter in &self.filters {
            let Test::Values { field, values } = &filter.test else {
                continue;
            };
            let (what, what_plural, known): (_, _, &[String]) = match field {
                Field::Status => ("status", "statuses", &schema.workflow.statuses),
                Field::Priority => ("priority", "priorities", &schema.priorities),
                Field::Type => ("type", "types", &schema.types),
                _ => continue,
            };
            if let Some(value) = values.iter().find(|v| !known.contains(v)) {
                return Err(UnknownValue {
                    term: filter.source.clone(),
                    what,
                    what_plural,
                    value: value.clone(),
                    known: known.to_vec(),
                });
            }
        }
        Ok(())
    }

    /// Fills in the forms each named person goes by: `@me` becomes `me`, and a name or email
    /// an agent goes by also matches the agent's `Name <email>` (`agent` looks it up).
    ///
    /// # Errors
    /// `@me` is named and `me` is `None`.
    pub fn expand_people(
        &mut self,
        me: Option<&str>,
        agent: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(), NoActor> {
        for filter in &mut self.filters {
            let Test::People { people, .. } = &mut filter.test else {
                continue;
            };
            for person in people {
                let written = if person.written == "@me" {
                    me.ok_or_else(|| NoActor {
                        term: filter.source.clone(),
                    })?
                    .to_string()
                } else {
                    person.written.clone()
                };
                person.forms = agent(&written).into_iter().collect();
                person.forms.insert(0, written);
            }
        }
        Ok(())
    }

    /// Whether some filter or the sort order needs [`Known::created`] or [`Known::updated`].
    pub fn needs_dates(&self) -> bool {
        matches!(
            self.sort,
            SortKey::Created | SortKey::Updated | SortKey::Age
        ) || self
            .filters
            .iter()
            .any(|f| matches!(f.test, Test::Time { .. }))
    }

    /// Whether the sort order needs [`Known::sla_left`].
    pub fn needs_sla(&self) -> bool {
        self.sort == SortKey::Sla
    }

    /// Whether some filter searches the tickets' text, which a listing must then supply.
    pub fn searches_text(&self) -> bool {
        self.filters.iter().any(|f| matches!(f.test, Test::Text(_)))
    }

    /// Whether a ticket in `status` may be selected, whatever its other fields: what a listing
    /// needs to decode.
    pub fn wants_status(&self, schema: &Schema, status: &str) -> bool {
        let mut named = false;
        for filter in &self.filters {
            let holds = match &filter.test {
                Test::Values {
                    field: Field::Status,
                    values,
                } => values.iter().any(|v| v == status),
                Test::Done(done) => schema.workflow.is_done(status) == *done,
                _ => continue,
            };
            named |= !filter.negated;
            if holds == filter.negated {
                return false;
            }
        }
        named || self.all || !schema.workflow.is_done(status)
    }

    /// Whether a ticket's text (see [`search_text`]) passes every text filter: what a listing
    /// checks before decoding a ticket's summary.
    pub fn wants_text(&self, text: &str) -> bool {
        self.filters.iter().all(|f| match &f.test {
            Test::Text(pattern) => pattern.is_match(text) != f.negated,
            _ => true,
        })
    }

    /// Whether one ticket is selected. Text filters are left to the listing
    /// ([`Query::wants_text`]), which holds the text a summary lacks.
    pub fn matches(&self, schema: &Schema, t: &TicketSummary, known: &Known) -> bool {
        self.wants_status(schema, &t.status)
            && self.filters.iter().all(|f| match test(f, t, known) {
                Some(holds) => holds != f.negated,
                None => true,
            })
    }

    /// The selected tickets, sorted, at most `limit` of them. `tickets` must be in ID order
    /// (as a listing is): ties keep it. `known` gives what history says of a ticket.
    pub fn run<'t>(
        &self,
        schema: &Schema,
        tickets: &'t [TicketSummary],
        known: &dyn Fn(&TicketId) -> Known,
    ) -> Vec<&'t TicketSummary> {
        let mut shown: Vec<(&TicketSummary, Known)> = tickets
            .iter()
            .map(|t| (t, known(&t.id)))
            .filter(|(t, k)| self.matches(schema, t, k))
            .collect();
        // Each ticket's key computed once, not once per comparison (ranks are list searches).
        // The sort is stable and `tickets` come in ID order, so ties stay in ID order without
        // comparing IDs (which, at 100,000 tickets, was most of the sort).
        // Reversed, ties still keep ID order (the sort is stable), and tickets lacking the
        // time sorted on stay last.
        if self.reverse {
            shown.sort_by_cached_key(|(t, k)| {
                let (missing, key) = sort_key(self.sort, schema, t, k);
                (missing, Reverse(key))
            });
        } else {
            shown.sort_by_cached_key(|(t, k)| sort_key(self.sort, schema, t, k));
        }
        let mut shown: Vec<&TicketSummary> = shown.into_iter().map(|(t, _)| t).collect();
        if let Some(limit) = self.limit {
            shown.truncate(limit);
        }
        shown
    }
}

/// Whether `filter`'s test holds for `t`, before negation; `None` for a test decided elsewhere
/// (status by [`Query::wants_status`], text by the listing).
fn test(filter: &Filter, t: &TicketSummary, known: &Known) -> Option<bool> {
    Some(match &filter.test {
        Test::Values { field, values } => match field {
            Field::Status => return None,
            Field::Priority => any(values, Some(&t.priority)),
            Field::Category => any(values, t.category.as_deref()),
            Field::Type => any(values, Some(&t.ticket_type)),
            Field::Team => any(values, t.team.as_deref()),
            Field::Tag => values.iter().any(|v| t.tags.contains(v)),
            Field::Custom(name) => any(values, t.fields.get(name).map(String::as_str)),
            Field::Asset => any(values, t.asset.as_deref()),
            Field::Template => any(values, t.template.as_deref()),
            Field::Kb => values
                .iter()
                .any(|v| t.kb.contains(v) || (v == "-" && t.kb.is_empty())),
            Field::Link(kind) => {
                let linked = t.links.get(*kind);
                values.iter().any(|v| {
                    if v == "-" {
                        return linked.is_empty();
                    }
                    let v = v.to_ascii_uppercase();
                    linked
                        .iter()
                        .any(|id| id.as_str().starts_with(&v) || id.code().starts_with(&v))
                })
            }
        },
        Test::People { role, people } => {
            let value = match role {
                Role::Assignee => t.assignee.as_deref(),
                Role::Requester => t.requester.as_deref(),
            };
            people.iter().any(|p| match value {
                None => p.written == "-",
                Some(value) => p.forms.iter().any(|form| same_person(form, value)),
            })
        }
        Test::Time { moment, bound } => {
            let at = match moment {
                Moment::Created => known.created,
                Moment::Updated => known.updated,
            };
            at.is_some_and(|at| bound.holds(at))
        }
        Test::Text(_) | Test::Done(_) => return None,
    })
}

/// Whether `value` is one of `wanted` (`-` standing for no value).
fn any(wanted: &[String], value: Option<&str>) -> bool {
    wanted
        .iter()
        .any(|w| Some(w.as_str()) == value || (w == "-" && value.is_none()))
}

/// The text a search looks in: title, description, every comment and the resolution, one per
/// line. Kept beside each summary in the list cache, so a search reads no ticket file.
pub fn search_text(t: &Ticket) -> String {
    let mut text = t.title.clone();
    for part in t
        .description
        .iter()
        .chain(t.comments.iter().map(|c| &c.body))
        .chain(&t.resolution)
    {
        text.push('\n');
        text.push_str(part);
    }
    text
}

/// The Unix seconds a `due` value names (a date counts from its midnight UTC).
fn due_at(due: &str) -> Option<i64> {
    if let Ok(date) = NaiveDate::parse_from_str(due, "%Y-%m-%d") {
        return date.and_hms_opt(0, 0, 0).map(|d| d.and_utc().timestamp());
    }
    DateTime::parse_from_rfc3339(due)
        .ok()
        .map(|d| d.timestamp())
}

/// What orders tickets by `key`: whether the ticket lacks the time sorted on (those go last
/// either way), then ranks (workflow order of status, priority order, times) and a text.
fn sort_key<'t>(
    key: SortKey,
    schema: &Schema,
    t: &'t TicketSummary,
    known: &Known,
) -> (bool, (i64, i64, Option<Cow<'t, str>>)) {
    let rank = |list: &[String], v: &str| {
        list.iter()
            .position(|x| x == v)
            .map_or(i64::MAX, |i| i as i64)
    };
    let priority = || rank(&schema.priorities, &t.priority);
    let status = || rank(&schema.workflow.statuses, &t.status);
    let text = |v: &'t Option<String>| Some(Cow::Borrowed(v.as_deref().unwrap_or_default()));
    let time = |at: Option<i64>, newest_first: bool| match at {
        Some(at) => (false, (if newest_first { -at } else { at }, 0, None)),
        None => (true, (0, 0, None)),
    };
    let none = None;
    match key {
        SortKey::Priority => (false, (priority(), status(), none)),
        SortKey::Status => (false, (status(), priority(), none)),
        SortKey::Id => (false, (0, 0, none)),
        SortKey::Title => (false, (0, 0, Some(Cow::Owned(t.title.to_lowercase())))),
        SortKey::Assignee => (false, (0, 0, text(&t.assignee))),
        SortKey::Category => (false, (0, 0, text(&t.category))),
        SortKey::Type => (false, (0, 0, Some(Cow::Borrowed(t.ticket_type.as_str())))),
        SortKey::Created => time(known.created, true),
        SortKey::Updated => time(known.updated, true),
        SortKey::Age => time(known.created, false),
        SortKey::Due => time(t.due.as_deref().and_then(due_at), false),
        SortKey::Sla => time(known.sla_left, false),
    }
}
