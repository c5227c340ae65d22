//! Ticket timelines derived from Git history, with a disposable incremental cache.
//!
//! [`all`] and [`one`] are the entry points; they bring the cache up to HEAD and read the events
//! out of it. The work is split by what each part owns:
//!
//! - `walk`: running `git log --raw -c` over a range of commits, reading its output into
//!   commits and the ticket file versions they name, and the threads that read and parse those
//!   versions while git runs.
//! - `derive`: turning each ticket file's versions into [`TicketEvent`]s, files in parallel as
//!   they are independent; merge commits contribute only what differs from every parent.
//! - `cache`: the append-only `.git/tix/timeline-v4` file: its framing and checksums, segments
//!   and string interning, appending, compaction, rebuilding after a rewritten history, and
//!   dropping a torn tail.
//!
//! The cache is never trusted over Git: delete the file and the next command rebuilds it.
//!
//! [`TicketEvent`]: crate::domain::event::TicketEvent

mod cache;
mod derive;
pub(super) mod walk;

use std::collections::HashMap;

use git2::Repository;

use super::StoreError;
use crate::domain::event::Timeline;
use cache::{materialize, refresh};

/// The timelines of every ticket in history, keyed by ticket ID.
///
/// # Errors
/// A shallow clone, a missing `git` command, or Git failures.
pub(crate) fn all(
    git: &Repository,
    timeout: std::time::Duration,
) -> Result<HashMap<String, Timeline>, StoreError> {
    let cache = refresh(git, timeout)?;
    let mut timelines: Vec<Timeline> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for segment in &cache.segments {
        // Each interned string allocated once, shared by every event that names it.
        let texts = segment.texts();
        // The timeline each interned string names, if it is a ticket ID, looked up once.
        let mut slot: Vec<Option<usize>> = vec![None; segment.strings.len()];
        for record in &segment.events {
            let Some(event) = materialize(&texts, record) else {
                continue;
            };
            let i = record.ticket as usize;
            let (Some(known), Some(id)) = (slot.get(i).copied(), segment.strings.get(i)) else {
                continue;
            };
            let index = match known {
                Some(index) => index,
                None => {
                    let index = *by_id.entry(id.clone()).or_insert_with(|| {
                        timelines.push(Timeline {
                            ticket_id: id.clone(),
                            events: Vec::new(),
                        });
                        timelines.len() - 1
                    });
                    if let Some(known) = slot.get_mut(i) {
                        *known = Some(index);
                    }
                    index
                }
            };
            if let Some(timeline) = timelines.get_mut(index) {
                timeline.events.push(event);
            }
        }
    }
    Ok(timelines
        .into_iter()
        .map(|mut t| {
            t.events.sort_by_key(|e| e.at);
            // Pushing left up to half of each list unused; at 100,000 tickets that is tens of MB.
            t.events.shrink_to_fit();
            (t.ticket_id.clone(), t)
        })
        .collect())
}

/// The timeline of one ticket (empty when it has no history yet).
///
/// # Errors
/// As [`all`].
pub(crate) fn one(
    git: &Repository,
    id: &str,
    timeout: std::time::Duration,
) -> Result<Timeline, StoreError> {
    let cache = refresh(git, timeout)?;
    let mut events = Vec::new();
    for segment in &cache.segments {
        let Some(index) = segment.strings.iter().position(|s| s == id) else {
            continue;
        };
        let texts = segment.texts();
        events.extend(
            segment
                .events
                .iter()
                .filter(|r| r.ticket as usize == index)
                .filter_map(|r| materialize(&texts, r)),
        );
    }
    events.sort_by_key(|e| e.at);
    Ok(Timeline {
        ticket_id: id.to_string(),
        events,
    })
}
