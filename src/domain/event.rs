//! What happened to a ticket, when and by whom: the input of the SLA engine and of reports.
//!
//! Events are derived from Git history by the store (one commit that changed a ticket file becomes
//! one or more events, stamped with the commit's author date and author). This module is plain
//! data: no Git, no files, no wall clock.

use chrono::{DateTime, Utc};

/// One change to a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketEvent {
    /// When it happened (the commit's author date).
    pub at: DateTime<Utc>,
    /// Who did it (the commit's author, `Name <email>` or a bare name).
    pub actor: String,
    pub kind: EventKind,
}

/// The kinds of change the SLA engine and reports care about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// The ticket file appeared. Carries the fields as first committed.
    Created(TicketSnapshot),
    /// `status` changed.
    StatusChanged { from: String, to: String },
    /// `priority` changed.
    PriorityChanged { from: String, to: String },
    /// Another field that policies may match on (`type`, `category`, `requester`, `assignee`,
    /// `team`), or the `title`, changed. `None` means the field was empty.
    FieldChanged {
        field: String,
        from: Option<String>,
        to: Option<String>,
    },
    /// A comment was added. `author` is the comment's own author field (who wrote it), which may
    /// differ from the commit actor when an agent records a requester's mail.
    Comment { author: String, internal: bool },
    /// The ticket file was removed.
    Deleted,
}

/// The fields of a ticket that SLA policies match on (and its title, for showing it), as they
/// were at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketSnapshot {
    pub title: String,
    pub status: String,
    pub priority: String,
    pub ticket_type: String,
    pub category: Option<String>,
    pub requester: Option<String>,
    pub assignee: Option<String>,
    pub team: Option<String>,
}

/// A ticket's whole history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    pub ticket_id: String,
    pub events: Vec<TicketEvent>,
}

impl Timeline {
    /// The ticket as it stood at `at` (events up to and including that second), or `None` when it
    /// did not exist then: not yet created, or deleted.
    pub fn state_at(&self, at: DateTime<Utc>) -> Option<TicketSnapshot> {
        let mut state: Option<TicketSnapshot> = None;
        for event in self.events.iter().take_while(|e| e.at <= at) {
            match &event.kind {
                EventKind::Created(s) => state = Some(s.clone()),
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

impl TicketSnapshot {
    /// Applies a change event to the fields it names.
    fn apply(&mut self, kind: &EventKind) {
        match kind {
            EventKind::StatusChanged { to, .. } => self.status.clone_from(to),
            EventKind::PriorityChanged { to, .. } => self.priority.clone_from(to),
            EventKind::FieldChanged { field, to, .. } => {
                let slot = match field.as_str() {
                    "title" => {
                        self.title = to.clone().unwrap_or_default();
                        return;
                    }
                    "type" => {
                        self.ticket_type = to.clone().unwrap_or_default();
                        return;
                    }
                    "category" => &mut self.category,
                    "requester" => &mut self.requester,
                    "assignee" => &mut self.assignee,
                    "team" => &mut self.team,
                    _ => return,
                };
                slot.clone_from(to);
            }
            EventKind::Created(_) | EventKind::Comment { .. } | EventKind::Deleted => {}
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
                event(10, EventKind::Created(created)),
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
        assert_eq!(
            (early.title.as_str(), early.status.as_str()),
            ("Printer", "new")
        );
        let later = timeline.state_at(at(30)).expect("exists");
        assert_eq!(later.title, "Printer on fire");
        assert_eq!(later.status, "open");
        assert_eq!(later.assignee.as_deref(), Some("bob"));
        assert_eq!(later.priority, "P3");
        assert_eq!(timeline.state_at(at(40)), None);
    }
}
