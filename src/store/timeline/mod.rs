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
//! - `cache`: the append-only `.git/tix/timeline-v7` file: its framing and checksums, segments
//!   laid out to read one ticket alone, string interning, appending, compaction, rebuilding
//!   after a rewritten history, and dropping a torn tail.
//!
//! The cache is never trusted over Git: delete the file and the next command rebuilds it.
//!
//! [`TicketEvent`]: crate::domain::event::TicketEvent

mod cache;
mod derive;
pub(super) mod walk;

use std::cell::OnceCell;
use std::collections::HashMap;

use git2::Repository;

use super::StoreError;
use crate::domain::event::{Text, Timeline};
use cache::{Record, Segment, materialize, refresh};

/// The timelines of every ticket in history, keyed by ticket ID.
///
/// # Errors
/// A shallow clone, a missing `git` command, or Git failures.
pub(crate) fn all(
    git: &Repository,
    timeout: std::time::Duration,
) -> Result<HashMap<String, Timeline>, StoreError> {
    Ok(all_where(git, timeout, &|_| true)?.timelines)
}

/// What the cache says of a ticket before its events are decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outline<'a> {
    pub id: &'a str,
    /// The status its last status-setting event left, `None` when that event deleted it.
    pub status: Option<&'a str>,
    /// Its first event's time (Unix seconds): when it was created.
    pub first_at: i64,
    /// Its last event's time (Unix seconds).
    pub last_at: i64,
    /// The time of the event that set `status`.
    status_at: i64,
}

/// The timelines [`all_where`] decoded, and the other tickets by ID.
#[derive(Debug, Default)]
pub(crate) struct Selection {
    pub timelines: HashMap<String, Timeline>,
    /// Tickets not kept that exist at the end of history (not deleted).
    pub others: Vec<String>,
}

/// One segment's records of one ticket, by the segment's position.
type Blocks = (usize, Vec<Record>);

/// As [`all`], decoding only the tickets `keep` selects by their [`Outline`].
///
/// Why: a large desk's history is mostly finished tickets, and making their events (strings
/// shared, lists sorted) and freeing them again was most of a warm `tix sla check`. The outline
/// comes from the encoded records, without making events.
///
/// # Errors
/// As [`all`].
pub(crate) fn all_where(
    git: &Repository,
    timeout: std::time::Duration,
    keep: &dyn Fn(&Outline<'_>) -> bool,
) -> Result<Selection, StoreError> {
    let cache = refresh(git, timeout)?;
    let segments: Vec<_> = cache.segments().collect();
    // Every ticket's records, segment by segment (a ticket appears in each segment that
    // changed it), and its outline.
    let mut tickets: Vec<(Outline<'_>, Vec<Blocks>)> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (s, segment) in segments.iter().enumerate() {
        for (id, records) in segment.tickets() {
            let index = *by_id.entry(id).or_insert_with(|| {
                let fresh = Outline {
                    id,
                    status: None,
                    first_at: i64::MAX,
                    last_at: i64::MIN,
                    status_at: i64::MIN,
                };
                tickets.push((fresh, Vec::new()));
                tickets.len() - 1
            });
            if let Some((outline, blocks)) = tickets.get_mut(index) {
                outline.advance(segment, &records);
                blocks.push((s, records));
            }
        }
    }
    // Each segment's strings made shared text once, when a kept ticket first names them.
    let texts: Vec<Vec<OnceCell<Text>>> = segments
        .iter()
        .map(|s| (0..s.string_count()).map(|_| OnceCell::new()).collect())
        .collect();
    let mut selection = Selection::default();
    for (outline, blocks) in &tickets {
        if !keep(outline) {
            if outline.status.is_some() {
                selection.others.push(outline.id.to_string());
            }
            continue;
        }
        let mut events = Vec::new();
        for (s, records) in blocks {
            let (Some(segment), Some(cells)) = (segments.get(*s), texts.get(*s)) else {
                continue;
            };
            let text = |i: u32| {
                let cell = cells.get(i as usize)?;
                let string = segment.string(i)?;
                Some(cell.get_or_init(|| Text::from(string)).clone())
            };
            events.extend(records.iter().filter_map(|r| materialize(&text, r)));
        }
        events.sort_by_key(|e| e.at);
        selection.timelines.insert(
            outline.id.to_string(),
            Timeline {
                ticket_id: outline.id.to_string(),
                events,
            },
        );
    }
    Ok(selection)
}

impl<'a> Outline<'a> {
    /// Takes in one segment's records of this ticket.
    fn advance(&mut self, segment: &Segment<'a>, records: &[Record]) {
        for record in records {
            // Events are later sorted by time, stably: the last status-setting event at the
            // latest time is the one that stands.
            if let Some(status) = record.status_effect(segment)
                && record.at() >= self.status_at
            {
                self.status = status;
                self.status_at = record.at();
            }
            self.first_at = self.first_at.min(record.at());
            self.last_at = self.last_at.max(record.at());
        }
    }
}

/// When each ticket that exists at the end of history was created and last changed (Unix
/// seconds), from the cache's outlines alone: no event is decoded.
///
/// # Errors
/// As [`all`].
pub(crate) fn dates(
    git: &Repository,
    timeout: std::time::Duration,
) -> Result<HashMap<String, (i64, i64)>, StoreError> {
    let found = std::cell::RefCell::new(HashMap::new());
    all_where(git, timeout, &|outline| {
        if outline.status.is_some() {
            found
                .borrow_mut()
                .insert(outline.id.to_string(), (outline.first_at, outline.last_at));
        }
        false
    })?;
    Ok(found.into_inner())
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
    for segment in cache.segments() {
        let Some(records) = segment.ticket(id) else {
            continue;
        };
        let text = |i: u32| segment.string(i).map(Text::from);
        events.extend(records.iter().filter_map(|r| materialize(&text, r)));
    }
    events.sort_by_key(|e| e.at);
    Ok(Timeline {
        ticket_id: id.to_string(),
        events,
    })
}
