//! A ticket with its history as one record, for `tix export --with-history` (and the import
//! that reads it back): the timeline's events in order, with each comment's body found in the
//! ticket file.
//!
//! The timeline knows a comment's author, visibility and time but not its text; the file knows
//! the text but not the time. Comments are only ever appended by tix, so the n-th comment event
//! is the n-th comment of the file. When a hand edit rewrote comments (the counts differ), the
//! events keep their times and the bodies are paired from the start as far as the authors agree.

use chrono::{DateTime, Utc};

use super::event::{EventKind, Text, TicketSnapshot, Timeline};
use super::ticket::{Comment, Ticket};

/// One entry of an exported history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    pub change: Step<'a>,
}

/// What one entry changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'a> {
    Created(&'a TicketSnapshot),
    Status {
        from: &'a str,
        to: &'a str,
    },
    Priority {
        from: &'a str,
        to: &'a str,
    },
    Field {
        field: &'a str,
        from: Option<&'a str>,
        to: Option<&'a str>,
    },
    /// A comment; `comment` is the file's comment it is, when it could be paired.
    Comment {
        author: &'a str,
        internal: bool,
        automated: bool,
        comment: Option<&'a Comment>,
    },
    Rated {
        score: Option<u8>,
    },
    Deleted,
}

/// The history of `ticket` from its `timeline`, oldest first.
pub fn history<'a>(ticket: &'a Ticket, timeline: &'a Timeline) -> Vec<Entry<'a>> {
    let mut comments = ticket.comments.iter();
    let mut paired = true;
    let text = |t: &'a Text| -> &'a str { t };
    timeline
        .events
        .iter()
        .map(|e| {
            let change = match &e.kind {
                EventKind::Created(s) => Step::Created(s),
                EventKind::StatusChanged { from, to } => Step::Status {
                    from: text(from),
                    to: text(to),
                },
                EventKind::PriorityChanged { from, to } => Step::Priority {
                    from: text(from),
                    to: text(to),
                },
                EventKind::FieldChanged { field, from, to } => Step::Field {
                    field: text(field),
                    from: from.as_deref(),
                    to: to.as_deref(),
                },
                EventKind::Comment {
                    author,
                    internal,
                    automated,
                } => {
                    let comment = comments.next().filter(|c| {
                        paired &= c.author == **author && c.internal == *internal;
                        paired
                    });
                    Step::Comment {
                        author: text(author),
                        internal: *internal,
                        automated: *automated,
                        comment,
                    }
                }
                EventKind::Rated { score } => Step::Rated { score: *score },
                EventKind::Deleted => Step::Deleted,
            };
            Entry {
                at: e.at,
                actor: &e.actor,
                change,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::change;
    use crate::domain::ticket::sample_ticket;

    #[test]
    fn comments_get_their_bodies_in_order_and_stop_pairing_after_a_rewrite() {
        let mut t = sample_ticket();
        let at = |h: i64| {
            Utc.timestamp_opt(1_767_225_600 + h * 3600, 0)
                .single()
                .expect("time")
        };
        let mut events = change::events(None, Some(&t), at(0), "alice");
        for (h, body) in [(1, "one"), (2, "two")] {
            let before = t.clone();
            t.comments.push(Comment {
                author: "alice".into(),
                body: body.into(),
                internal: false,
                automated: false,
            });
            events.extend(change::events(Some(&before), Some(&t), at(h), "alice"));
        }
        let timeline = Timeline {
            ticket_id: t.id.to_string(),
            events,
        };
        let bodies: Vec<Option<&str>> = history(&t, &timeline)
            .iter()
            .filter_map(|e| match &e.change {
                Step::Comment { comment, .. } => Some(comment.map(|c| c.body.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(bodies, [Some("one"), Some("two")]);
        // A hand edit replaced the first comment by someone else's: nothing pairs from there.
        t.comments[0].author = "mallory".into();
        let bodies: Vec<bool> = history(&t, &timeline)
            .iter()
            .filter_map(|e| match &e.change {
                Step::Comment { comment, .. } => Some(comment.is_some()),
                _ => None,
            })
            .collect();
        assert_eq!(bodies, [false, false]);
    }
}
