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
    /// Any other field that policies may match on (`type`, `category`, `requester`, `assignee`,
    /// `team`) changed. `None` means the field was empty.
    FieldChanged {
        field: String,
        from: Option<String>,
        to: Option<String>,
    },
    /// A comment was added. `author` is the comment's own author field (who wrote it), which may
    /// differ from the commit actor when an agent records a requester's mail.
    Comment { author: String, internal: bool },
}

/// The fields of a ticket that SLA policies match on, as they were at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketSnapshot {
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
