//! Which tickets a question is about, and in what order: the filters and sort orders of
//! `tix list`, as plain data, for every command that selects tickets (lists, and later search,
//! reports and exports).
//!
//! Values are compared exactly as stored; validating them against the config (an unknown
//! status is a usage error, not an empty answer) is [`Query::check`]'s job, done once before
//! matching.

use std::borrow::Cow;

use super::ticket::{Schema, TicketSummary};

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
}

/// A selection of tickets. Filters combine with AND; a filter with several values matches any
/// of them; an empty filter matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Only these statuses. Empty: every status not done, or every status with `all`.
    pub statuses: Vec<String>,
    /// `-` matches unassigned tickets.
    pub assignees: Vec<String>,
    pub priorities: Vec<String>,
    /// `-` matches tickets without a category.
    pub categories: Vec<String>,
    pub types: Vec<String>,
    /// `-` matches tickets without a team.
    pub teams: Vec<String>,
    /// Every one of these tags.
    pub tags: Vec<String>,
    /// Include done tickets when no status is named.
    pub all: bool,
    pub sort: SortKey,
    pub limit: Option<usize>,
}

/// A query value the config does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--{flag}: unknown {what} '{value}'; known {what_plural}: {}", .known.join(", "))]
pub struct UnknownValue {
    pub flag: &'static str,
    pub what: &'static str,
    pub what_plural: &'static str,
    pub value: String,
    pub known: Vec<String>,
}

impl Query {
    /// Checks the values that the config enumerates (statuses, priorities).
    ///
    /// # Errors
    /// The first value the config does not know, with the known ones.
    pub fn check(&self, schema: &Schema) -> Result<(), UnknownValue> {
        let unknown = |flag, what, what_plural, value: &String, known: &[String]| UnknownValue {
            flag,
            what,
            what_plural,
            value: value.clone(),
            known: known.to_vec(),
        };
        if let Some(s) = self.statuses.iter().find(|s| !schema.workflow.is_status(s)) {
            return Err(unknown(
                "status",
                "status",
                "statuses",
                s,
                &schema.workflow.statuses,
            ));
        }
        if let Some(p) = self
            .priorities
            .iter()
            .find(|p| !schema.priorities.contains(p))
        {
            return Err(unknown(
                "priority",
                "priority",
                "priorities",
                p,
                &schema.priorities,
            ));
        }
        Ok(())
    }

    /// Whether a ticket in `status` may be selected, whatever its other fields: what a listing
    /// needs to decode.
    pub fn wants_status(&self, schema: &Schema, status: &str) -> bool {
        if self.statuses.is_empty() {
            self.all || !schema.workflow.is_done(status)
        } else {
            self.statuses.iter().any(|s| s == status)
        }
    }

    /// Whether one ticket is selected.
    pub fn matches(&self, schema: &Schema, t: &TicketSummary) -> bool {
        self.wants_status(schema, &t.status)
            && any(&self.assignees, t.assignee.as_deref())
            && any(&self.priorities, Some(&t.priority))
            && any(&self.categories, t.category.as_deref())
            && any(&self.types, Some(&t.ticket_type))
            && any(&self.teams, t.team.as_deref())
            && self.tags.iter().all(|tag| t.tags.contains(tag))
    }

    /// The selected tickets, sorted, at most `limit` of them. `tickets` must be in ID order
    /// (as a listing is): ties keep it.
    pub fn run<'t>(&self, schema: &Schema, tickets: &'t [TicketSummary]) -> Vec<&'t TicketSummary> {
        let mut shown: Vec<&TicketSummary> =
            tickets.iter().filter(|t| self.matches(schema, t)).collect();
        // Each ticket's key computed once, not once per comparison (ranks are list searches).
        // The sort is stable and `tickets` come in ID order, so ties stay in ID order without
        // comparing IDs (which, at 100,000 tickets, was most of the sort).
        shown.sort_by_cached_key(|t| sort_key(self.sort, schema, t));
        if let Some(limit) = self.limit {
            shown.truncate(limit);
        }
        shown
    }
}

/// Whether `value` is one of `wanted` (`-` standing for no value); an empty list matches all.
fn any(wanted: &[String], value: Option<&str>) -> bool {
    wanted.is_empty()
        || wanted
            .iter()
            .any(|w| Some(w.as_str()) == value || (w == "-" && value.is_none()))
}

/// What orders tickets by `key`: ranks (workflow order of status, priority order), then a text.
fn sort_key<'t>(
    key: SortKey,
    schema: &Schema,
    t: &'t TicketSummary,
) -> (usize, usize, Option<Cow<'t, str>>) {
    let rank = |list: &[String], v: &str| list.iter().position(|x| x == v).unwrap_or(usize::MAX);
    let priority = || rank(&schema.priorities, &t.priority);
    let status = || rank(&schema.workflow.statuses, &t.status);
    let text = |v: &'t Option<String>| Some(Cow::Borrowed(v.as_deref().unwrap_or_default()));
    let none = None;
    let (first, second, text) = match key {
        SortKey::Priority => (priority(), status(), none),
        SortKey::Status => (status(), priority(), none),
        SortKey::Id => (0, 0, none),
        SortKey::Title => (0, 0, Some(Cow::Owned(t.title.to_lowercase()))),
        SortKey::Assignee => (0, 0, text(&t.assignee)),
        SortKey::Category => (0, 0, text(&t.category)),
        SortKey::Type => (0, 0, Some(Cow::Borrowed(t.ticket_type.as_str()))),
    };
    (first, second, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::domain::id::TicketId;

    fn schema() -> Schema {
        Config::parse(crate::config::DEFAULT_CONFIG, ".tix/config.yaml")
            .expect("default config")
            .schema
    }

    fn ticket(code: &str, status: &str, priority: &str, assignee: Option<&str>) -> TicketSummary {
        TicketSummary {
            id: TicketId::parse(&format!("IT-{code}")).expect("id"),
            title: format!("Ticket {code}"),
            ticket_type: "incident".into(),
            status: status.into(),
            priority: priority.into(),
            category: None,
            requester: None,
            assignee: assignee.map(str::to_string),
            team: None,
            tags: vec![],
            due: None,
            fields: Default::default(),
            comment_count: 0,
            impact: None,
            urgency: None,
            escalations: vec![],
        }
    }

    fn ids(shown: &[&TicketSummary]) -> Vec<String> {
        shown.iter().map(|t| t.id.code().to_string()).collect()
    }

    #[test]
    fn open_tickets_most_urgent_first_by_default() {
        let s = schema();
        let tickets = vec![
            ticket("AAAAAAAA", "open", "P3", None),
            ticket("BBBBBBBB", "resolved", "P1", None),
            ticket("CCCCCCCC", "new", "P1", Some("bob")),
            ticket("DDDDDDDD", "open", "P1", None),
        ];
        let q = Query::default();
        assert_eq!(
            ids(&q.run(&s, &tickets)),
            ["CCCCCCCC", "DDDDDDDD", "AAAAAAAA"]
        );
        let all = Query {
            all: true,
            sort: SortKey::Id,
            limit: Some(2),
            ..Query::default()
        };
        assert_eq!(ids(&all.run(&s, &tickets)), ["AAAAAAAA", "BBBBBBBB"]);
    }

    #[test]
    fn filters_combine_with_and_and_dash_means_none() {
        let s = schema();
        let tickets = vec![
            ticket("AAAAAAAA", "open", "P3", None),
            ticket("CCCCCCCC", "new", "P1", Some("bob")),
            ticket("DDDDDDDD", "open", "P1", None),
        ];
        let unassigned_p1 = Query {
            assignees: vec!["-".into()],
            priorities: vec!["P1".into()],
            ..Query::default()
        };
        assert_eq!(ids(&unassigned_p1.run(&s, &tickets)), ["DDDDDDDD"]);
        let named_done = Query {
            statuses: vec!["resolved".into()],
            ..Query::default()
        };
        assert!(named_done.run(&s, &tickets).is_empty());
    }

    #[test]
    fn unknown_statuses_and_priorities_are_named() {
        let s = schema();
        let q = Query {
            statuses: vec!["opne".into()],
            ..Query::default()
        };
        let e = q.check(&s).expect_err("unknown status");
        assert!(
            e.to_string()
                .starts_with("--status: unknown status 'opne'; known statuses: new, open"),
            "{e}"
        );
        let q = Query {
            priorities: vec!["P9".into()],
            ..Query::default()
        };
        assert!(
            q.check(&s)
                .expect_err("P9")
                .to_string()
                .contains("known priorities: P1")
        );
    }
}
