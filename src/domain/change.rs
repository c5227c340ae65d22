//! What changed between two versions of a ticket file.
//!
//! The store hands over the ticket as it was before and after a commit; this module names the
//! differences. `tix log` prints them and the SLA engine turns them into [`TicketEvent`]s, so a
//! hand edit committed with plain git is understood exactly like a tix command.

use chrono::{DateTime, Utc};

use super::event::{EventKind, Text, TicketEvent, TicketSnapshot};
use super::field::Field;
use super::id::TicketId;
use super::link::LinkKind;
use super::ticket::{Comment, Ticket};

/// One difference between two versions of a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Created,
    Field {
        name: String,
        from: Option<String>,
        to: Option<String>,
    },
    Commented(Comment),
    /// A comment was edited or removed by hand; it cannot be attributed to a new message.
    CommentsRewritten,
    Deleted,
}

impl Change {
    /// A one-line description for `tix log`.
    pub fn describe(&self) -> String {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_string());
        match self {
            Change::Created => "created".to_string(),
            Change::Field { name, from, to } if name == "description" || name == "resolution" => {
                match (from, to) {
                    (None, Some(_)) => format!("{name} set"),
                    (Some(_), None) => format!("{name} cleared"),
                    _ => format!("{name} changed"),
                }
            }
            Change::Field { name, from, to } => format!("{name}: {} -> {}", show(from), show(to)),
            Change::Commented(c) if c.internal => format!("internal note by {}", c.author),
            Change::Commented(c) => format!("comment by {}", c.author),
            Change::CommentsRewritten => "comments edited".to_string(),
            Change::Deleted => "deleted".to_string(),
        }
    }
}

/// The change name of a rating, whose value reads `4/5`.
const RATING: &str = "rating";

/// The score of a rating change value (`4/5` -> 4).
fn rating_score(value: &str) -> Option<u8> {
    value.split('/').next()?.parse().ok()
}

fn field_values(t: &Ticket) -> Vec<(&'static str, Option<String>)> {
    let escalations = if t.escalations.is_empty() {
        None
    } else {
        Some(t.escalations.join(", "))
    };
    let links = LinkKind::ALL.into_iter().map(|kind| {
        let ids: Vec<&str> = t.links.get(kind).iter().map(TicketId::as_str).collect();
        (kind.path(), (!ids.is_empty()).then(|| ids.join(", ")))
    });
    Field::ALL
        .iter()
        .map(|f| (f.name(), f.of(t).joined(", ")))
        .chain([
            ("escalations", escalations),
            (RATING, t.rating.as_ref().map(|r| format!("{}/5", r.score))),
        ])
        .chain(links)
        .collect()
}

/// The changes that turn `old` into `new` (`None` means the file did not exist).
pub fn diff(old: Option<&Ticket>, new: Option<&Ticket>) -> Vec<Change> {
    let (old, new) = match (old, new) {
        (None, None) => return vec![],
        (None, Some(_)) => return vec![Change::Created],
        (Some(_), None) => return vec![Change::Deleted],
        (Some(old), Some(new)) => (old, new),
    };
    let mut changes = Vec::new();
    for ((name, from), (_, to)) in field_values(old).into_iter().zip(field_values(new)) {
        if from != to {
            changes.push(Change::Field {
                name: name.to_string(),
                from,
                to,
            });
        }
    }
    let keys: std::collections::BTreeSet<&String> =
        old.fields.keys().chain(new.fields.keys()).collect();
    for key in keys {
        let (from, to) = (old.fields.get(key), new.fields.get(key));
        if from != to {
            changes.push(Change::Field {
                name: format!("fields.{key}"),
                from: from.cloned(),
                to: to.cloned(),
            });
        }
    }
    // Comments are append-only in normal use; anything else is a hand rewrite.
    if let Some(added) = new.comments.strip_prefix(old.comments.as_slice()) {
        changes.extend(added.iter().cloned().map(Change::Commented));
    } else {
        changes.push(Change::CommentsRewritten);
    }
    changes
}

/// What a merge changed: the items found in the diff against every parent (a change brought in
/// from one side appears in the diff against the other parent only, so it is not counted again).
pub fn common_to_all<T: Clone + PartialEq>(per_parent: &[Vec<T>]) -> Vec<T> {
    let Some((first, rest)) = per_parent.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter(|item| rest.iter().all(|other| other.contains(item)))
        .cloned()
        .collect()
}

/// The policy-relevant fields of a ticket.
pub fn snapshot(t: &Ticket) -> TicketSnapshot {
    let mut snapshot = TicketSnapshot::default();
    for field in Field::ALL {
        snapshot.set(field, field.of(t).joined(", ").as_deref());
    }
    snapshot
}

/// Turns one commit's change of a ticket into timeline events for the SLA engine.
pub fn events(
    old: Option<&Ticket>,
    new: Option<&Ticket>,
    at: DateTime<Utc>,
    actor: &str,
) -> Vec<TicketEvent> {
    let actor = Text::from(actor);
    let event = |kind| TicketEvent {
        at,
        actor: actor.clone(),
        kind,
    };
    if let (None, Some(new)) = (old, new) {
        let mut out = vec![event(EventKind::Created(Box::new(snapshot(new))))];
        if let Some(rating) = &new.rating {
            out.push(event(EventKind::Rated {
                score: Some(rating.score),
            }));
        }
        out.extend(new.comments.iter().map(|c| {
            event(EventKind::Comment {
                author: c.author.as_str().into(),
                internal: c.internal,
                automated: c.automated,
            })
        }));
        return out;
    }
    diff(old, new)
        .into_iter()
        .filter_map(|change| match change {
            Change::Field { name, from, to } => {
                let (from_s, to_s): (Text, Text) = (
                    from.as_deref().unwrap_or_default().into(),
                    to.as_deref().unwrap_or_default().into(),
                );
                match Field::parse(&name) {
                    Some(Field::Status) => Some(EventKind::StatusChanged {
                        from: from_s,
                        to: to_s,
                    }),
                    Some(Field::Priority) => Some(EventKind::PriorityChanged {
                        from: from_s,
                        to: to_s,
                    }),
                    Some(f) if TicketSnapshot::holds(f) => Some(EventKind::FieldChanged {
                        field: name.as_str().into(),
                        from: from.map(Text::from),
                        to: to.map(Text::from),
                    }),
                    None if name == RATING => Some(EventKind::Rated {
                        score: to.as_deref().and_then(rating_score),
                    }),
                    _ => None,
                }
            }
            Change::Commented(c) => Some(EventKind::Comment {
                author: c.author.into(),
                internal: c.internal,
                automated: c.automated,
            }),
            Change::Deleted => Some(EventKind::Deleted),
            Change::Created | Change::CommentsRewritten => None,
        })
        .map(event)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::sample_ticket;

    #[test]
    fn diff_names_field_changes_and_new_comments() {
        let old = sample_ticket();
        let mut new = old.clone();
        new.status = "open".into();
        new.assignee = Some("alice".into());
        new.comments.push(Comment {
            author: "alice".into(),
            body: "On it".into(),
            internal: false,
            automated: false,
        });
        let described: Vec<String> = diff(Some(&old), Some(&new))
            .iter()
            .map(Change::describe)
            .collect();
        assert_eq!(
            described,
            vec![
                "status: new -> open",
                "assignee: - -> alice",
                "comment by alice"
            ]
        );
    }

    #[test]
    fn removed_comment_is_a_rewrite() {
        let mut old = sample_ticket();
        old.comments.push(Comment {
            author: "a".into(),
            body: "x".into(),
            internal: false,
            automated: false,
        });
        let new = sample_ticket();
        assert_eq!(
            diff(Some(&old), Some(&new)),
            vec![Change::CommentsRewritten]
        );
    }

    #[test]
    fn events_from_status_and_comment() {
        let old = sample_ticket();
        let mut new = old.clone();
        new.status = "pending".into();
        new.comments.push(Comment {
            author: "bob".into(),
            body: "?".into(),
            internal: true,
            automated: false,
        });
        let at = DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let kinds: Vec<EventKind> = events(Some(&old), Some(&new), at, "bob")
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(
            kinds,
            vec![
                EventKind::StatusChanged {
                    from: "new".into(),
                    to: "pending".into()
                },
                EventKind::Comment {
                    author: "bob".into(),
                    internal: true,
                    automated: false,
                }
            ]
        );
    }
}
