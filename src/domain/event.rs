//! What happened to a ticket, when and by whom: the input of the SLA engine and of reports.
//!
//! Events are derived from Git history by the store (one commit that changed a ticket file becomes
//! one or more events, stamped with the commit's author date and author). This module is plain
//! data: no Git, no files, no wall clock.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::field::Field;

/// Text in a timeline. Shared, not owned: a history of 100,000 tickets holds millions of
/// events that repeat a few thousand distinct strings (actors, statuses, titles), so the cache
/// interns each once and every event points at it, which keeps loading it free of allocations
/// and its memory a fraction of owned strings (bench/README.md has the figures).
pub type Text = Arc<str>;

/// A snapshot field to write a change into.
enum Slot<'a> {
    Required(&'a mut Text),
    Optional(&'a mut Option<Text>),
}

/// One change to a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketEvent {
    /// When it happened (the commit's author date).
    pub at: DateTime<Utc>,
    /// Who did it (the commit's author, `Name <email>` or a bare name).
    pub actor: Text,
    pub kind: EventKind,
}

/// The kinds of change the SLA engine and reports care about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// The ticket file appeared. Carries the fields as first committed.
    Created(Box<TicketSnapshot>),
    /// `status` changed.
    StatusChanged { from: Text, to: Text },
    /// `priority` changed.
    PriorityChanged { from: Text, to: Text },
    /// Another field that policies may match on (`type`, `category`, `requester`, `assignee`,
    /// `team`), or the `title`, changed. `None` means the field was empty.
    FieldChanged {
        field: Text,
        from: Option<Text>,
        to: Option<Text>,
    },
    /// A comment was added. `author` is the comment's own author field (who wrote it), which may
    /// differ from the commit actor when an agent records a requester's mail. `automated`
    /// comments (`tix comment --automated`) are neither responses nor requester messages.
    Comment {
        author: Text,
        internal: bool,
        automated: bool,
    },
    /// The requester's satisfaction rating was set (1-5) or removed (`None`). A later rating
    /// replaces the earlier one; history keeps both.
    Rated { score: Option<u8> },
    /// The ticket file was removed.
    Deleted,
}

/// The fields of a ticket that SLA policies match on (and its title, for showing it), as they
/// were at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketSnapshot {
    pub title: Text,
    pub status: Text,
    pub priority: Text,
    pub ticket_type: Text,
    pub category: Option<Text>,
    pub requester: Option<Text>,
    pub assignee: Option<Text>,
    pub team: Option<Text>,
    /// Tags joined by `, `, as in change descriptions; `None` when there are none.
    pub tags: Option<Text>,
    /// The asset the ticket is about (`tix report --by asset`, `tix problems`).
    pub asset: Option<Text>,
}

/// A ticket's whole history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    pub ticket_id: String,
    pub events: Vec<TicketEvent>,
}

impl Timeline {
    /// How many times the ticket was reopened up to `at`: moves from a finished status
    /// (`is_done`) back to an unfinished one.
    pub fn reopens(&self, at: DateTime<Utc>, is_done: impl Fn(&str) -> bool) -> usize {
        self.events
            .iter()
            .take_while(|e| e.at <= at)
            .filter(|e| {
                matches!(&e.kind, EventKind::StatusChanged { from, to } if is_done(from) && !is_done(to))
            })
            .count()
    }

    /// The ticket as it stood at `at` (events up to and including that second), or `None` when it
    /// did not exist then: not yet created, or deleted.
    pub fn state_at(&self, at: DateTime<Utc>) -> Option<TicketSnapshot> {
        let mut state: Option<TicketSnapshot> = None;
        for event in self.events.iter().take_while(|e| e.at <= at) {
            match &event.kind {
                EventKind::Created(s) => state = Some(TicketSnapshot::clone(s)),
                EventKind::Deleted => state = None,
                kind => {
                    if let Some(s) = state.as_mut() {
                        s.apply(kind);
                    }
                }
            }
        }
        state
    }
}

/// Commits dated after the evaluation time, found by [`clamp_future`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FutureDated {
    /// How many commits: distinct author date and author among the moved events (one commit
    /// yields several events, in one ticket or several, all with its date and author).
    pub commits: usize,
    /// The ticket with the latest such event, and that event's date, to show the user.
    pub example: (String, DateTime<Utc>),
}

/// Moves every event dated after `now` to `now`, so a commit made on a machine whose clock runs
/// ahead counts as having just happened instead of not at all (it would otherwise hide the ticket
/// it created, and every later event of it, until that clock time arrives). Event order is kept.
/// Returns what was moved, or `None` when nothing was.
pub fn clamp_future<'a>(
    timelines: impl IntoIterator<Item = &'a mut Timeline>,
    now: DateTime<Utc>,
) -> Option<FutureDated> {
    let mut commits = std::collections::HashSet::new();
    let mut example: Option<(String, DateTime<Utc>)> = None;
    for timeline in timelines {
        for event in &mut timeline.events {
            if event.at <= now {
                continue;
            }
            commits.insert((event.at, event.actor.clone()));
            let later = example
                .as_ref()
                .is_none_or(|(id, at)| (event.at, &timeline.ticket_id) > (*at, id));
            if later {
                example = Some((timeline.ticket_id.clone(), event.at));
            }
            event.at = now;
        }
    }
    example.map(|example| FutureDated {
        commits: commits.len(),
        example,
    })
}

impl TicketSnapshot {
    /// Whether snapshots (and so timelines) follow `field`: the fields SLA policies match on
    /// and reports group by. Status and priority have their own events.
    pub fn holds(field: Field) -> bool {
        TicketSnapshot::default().slot(field).is_some()
    }

    /// Sets `field` if the snapshot keeps it; `None` clears it (or empties a required one).
    pub fn set(&mut self, field: Field, value: Option<&str>) {
        match self.slot(field) {
            Some(Slot::Optional(slot)) => *slot = value.map(Text::from),
            Some(Slot::Required(slot)) => *slot = Text::from(value.unwrap_or_default()),
            None => {}
        }
    }

    /// Where the snapshot keeps `field`, if it keeps it.
    fn slot(&mut self, field: Field) -> Option<Slot<'_>> {
        Some(match field {
            Field::Title => Slot::Required(&mut self.title),
            Field::Type => Slot::Required(&mut self.ticket_type),
            Field::Status => Slot::Required(&mut self.status),
            Field::Priority => Slot::Required(&mut self.priority),
            Field::Category => Slot::Optional(&mut self.category),
            Field::Requester => Slot::Optional(&mut self.requester),
            Field::Assignee => Slot::Optional(&mut self.assignee),
            Field::Team => Slot::Optional(&mut self.team),
            Field::Tags => Slot::Optional(&mut self.tags),
            Field::Asset => Slot::Optional(&mut self.asset),
            Field::Impact
            | Field::Urgency
            | Field::Due
            | Field::Template
            | Field::Kb
            | Field::Description
            | Field::Resolution => return None,
        })
    }

    /// Applies a change event to the fields it names.
    pub fn apply(&mut self, kind: &EventKind) {
        match kind {
            EventKind::StatusChanged { to, .. } => self.status.clone_from(to),
            EventKind::PriorityChanged { to, .. } => self.priority.clone_from(to),
            EventKind::FieldChanged { field, to, .. } => {
                if let Some(field) = Field::parse(field) {
                    self.set(field, to.as_deref());
                }
            }
            EventKind::Created(_)
            | EventKind::Comment { .. }
            | EventKind::Rated { .. }
            | EventKind::Deleted => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(secs, 0).single().expect("time")
    }

    fn by(secs: i64, actor: &str, kind: EventKind) -> TicketEvent {
        TicketEvent {
            at: at(secs),
            actor: actor.into(),
            kind,
        }
    }

    #[test]
    fn events_after_now_count_as_happening_now() {
        let created = EventKind::Created(Box::new(TicketSnapshot {
            status: "new".into(),
            ..TicketSnapshot::default()
        }));
        let started = EventKind::StatusChanged {
            from: "new".into(),
            to: "open".into(),
        };
        let mut fast = Timeline {
            ticket_id: "IT-FAST".into(),
            events: vec![
                by(100, "laptop", created.clone()),
                by(
                    100,
                    "laptop",
                    EventKind::Comment {
                        author: "laptop".into(),
                        internal: false,
                        automated: false,
                    },
                ),
                by(50, "server", started),
            ],
        };
        let mut fine = Timeline {
            ticket_id: "IT-FINE".into(),
            events: vec![by(5, "server", created)],
        };
        assert_eq!(fast.state_at(at(20)), None, "hidden before clamping");
        let found = clamp_future([&mut fast, &mut fine], at(20)).expect("future-dated");
        assert_eq!(
            found.commits, 2,
            "two commits: (100, laptop) and (50, server)"
        );
        assert_eq!(found.example, ("IT-FAST".to_string(), at(100)));
        assert_eq!(&*fast.state_at(at(20)).expect("exists now").status, "open");
        assert_eq!(fine.events[0].at, at(5));
        assert_eq!(clamp_future([&mut fast, &mut fine], at(20)), None);
    }

    fn event(secs: i64, kind: EventKind) -> TicketEvent {
        TicketEvent {
            at: at(secs),
            actor: "a".into(),
            kind,
        }
    }

    #[test]
    fn state_at_follows_changes_and_deletion() {
        let created = TicketSnapshot {
            title: "Printer".into(),
            status: "new".into(),
            priority: "P3".into(),
            ..TicketSnapshot::default()
        };
        let timeline = Timeline {
            ticket_id: "IT-00000000".into(),
            events: vec![
                event(10, EventKind::Created(Box::new(created))),
                event(
                    20,
                    EventKind::FieldChanged {
                        field: "title".into(),
                        from: Some("Printer".into()),
                        to: Some("Printer on fire".into()),
                    },
                ),
                event(
                    30,
                    EventKind::StatusChanged {
                        from: "new".into(),
                        to: "open".into(),
                    },
                ),
                event(
                    30,
                    EventKind::FieldChanged {
                        field: "assignee".into(),
                        from: None,
                        to: Some("bob".into()),
                    },
                ),
                event(40, EventKind::Deleted),
            ],
        };
        assert_eq!(timeline.state_at(at(9)), None);
        let early = timeline.state_at(at(19)).expect("exists");
        assert_eq!((&*early.title, &*early.status), ("Printer", "new"));
        let later = timeline.state_at(at(30)).expect("exists");
        assert_eq!(&*later.title, "Printer on fire");
        assert_eq!(&*later.status, "open");
        assert_eq!(later.assignee.as_deref(), Some("bob"));
        assert_eq!(&*later.priority, "P3");
        assert_eq!(timeline.state_at(at(40)), None);
    }
}
