//! The timeline cache file, `.git/tix/timeline-v7`: one append-only file of events.
//!
//! A header line, then segments, each holding the events of the commits from `base` (the
//! previous segment's `head`) to `head`. The next run walks only the commits after the last
//! `head` and appends one segment; if that commit is no longer an ancestor of HEAD (a rebase, a
//! reset) the file is rebuilt, and after [`MAX_SEGMENTS`] appends it is compacted into one
//! segment. Each segment carries its length and a checksum, so a write cut short by a crash is
//! recognised and dropped, and readers never need a lock: they see either a whole segment or
//! none. Git is the truth: the events themselves come from [`super::derive`].
//!
//! A segment is laid out for reading one ticket without decoding the others (`tix show` of one
//! ticket among 100,000 decoded the whole 9 MB file before): fixed-width tables of string
//! offsets and of tickets (sorted by ID, each with where its records are), then the strings,
//! then each ticket's records as one block. All numbers are little-endian `u32`s:
//!
//! ```text
//! has_base u8, base [20], head [20], strings n, tickets m,
//! string ends [n + 1] (offsets into the string bytes), string bytes,
//! tickets [m] of (ID string, block start, block length), blocks (postcard `Vec<Record>`)
//! ```

use std::collections::HashMap;
use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use git2::{Oid, Repository};
use serde::{Deserialize, Serialize};

use super::derive;
use crate::domain::event::{EventKind, Text, TicketEvent, TicketSnapshot};
use crate::store::StoreError;
use crate::store::checksum::checksum;

const CACHE_FILE: &str = "tix/timeline-v7";
/// Earlier formats' files (v3 lacked the `automated` flag of comments, v4 tags and ratings, v5
/// decoded whole, v6 the asset).
const OLD_CACHE_FILES: [&str; 5] = [
    "tix/timeline-v2",
    "tix/timeline-v3",
    "tix/timeline-v4",
    "tix/timeline-v5",
    "tix/timeline-v6",
];
const MAGIC: &[u8] = b"tix timeline cache 7\n";
/// Appended segments before the file is rewritten as one; each costs a little on every load.
const MAX_SEGMENTS: usize = 64;
/// Length (u32) and checksum (u64) in front of each segment's payload.
const FRAME: usize = 12;
/// `has_base`, `base`, `head`, and the two counts.
const HEADER: usize = 1 + 20 + 20 + 4 + 4;
/// One row of the ticket table.
const TICKET_ROW: usize = 12;

#[derive(Serialize, Deserialize)]
pub(super) struct Record {
    at: i64,
    actor: u32,
    kind: RecordKind,
}

#[derive(Serialize, Deserialize)]
enum RecordKind {
    Created {
        title: u32,
        status: u32,
        priority: u32,
        ticket_type: u32,
        category: Option<u32>,
        requester: Option<u32>,
        assignee: Option<u32>,
        team: Option<u32>,
        tags: Option<u32>,
        asset: Option<u32>,
    },
    Status {
        from: u32,
        to: u32,
    },
    Priority {
        from: u32,
        to: u32,
    },
    Field {
        field: u32,
        from: Option<u32>,
        to: Option<u32>,
    },
    Comment {
        author: u32,
        internal: bool,
        automated: bool,
    },
    Rated {
        score: Option<u8>,
    },
    Deleted,
}

impl Record {
    /// What this event does to the ticket's status, its strings in `segment`: `Some` of the
    /// new status (`None` when deleted) for a creation, a status change or a deletion.
    pub(super) fn status_effect<'s>(&self, segment: &Segment<'s>) -> Option<Option<&'s str>> {
        match &self.kind {
            RecordKind::Created { status, .. } => Some(segment.string(*status)),
            RecordKind::Status { to, .. } => Some(segment.string(*to)),
            RecordKind::Deleted => Some(None),
            _ => None,
        }
    }

    pub(super) fn at(&self) -> i64 {
        self.at
    }
}

/// The cache file as read: its bytes, where its valid segments lie, and the commit the last one
/// reaches.
#[derive(Default)]
pub(super) struct CacheFile {
    bytes: Vec<u8>,
    /// Each valid segment's payload, as a range of `bytes`.
    ranges: Vec<Range<usize>>,
    head: Option<Oid>,
    /// Bytes up to the end of the last valid segment; anything after is a torn write.
    valid_len: usize,
}

impl CacheFile {
    /// The valid segments, oldest first.
    pub(super) fn segments(&self) -> impl Iterator<Item = Segment<'_>> {
        self.ranges
            .iter()
            .filter_map(|r| self.bytes.get(r.clone()).and_then(Segment::parse))
    }

    fn segment_count(&self) -> usize {
        self.ranges.len()
    }

    /// Adds a framed segment after the valid part (a torn tail, if any, is dropped).
    fn push_framed(&mut self, framed: &[u8]) {
        self.bytes.truncate(self.valid_len);
        self.bytes.extend_from_slice(framed);
        self.ranges
            .push(self.valid_len + FRAME..self.valid_len + framed.len());
        self.valid_len += framed.len();
    }
}

/// One segment, read in place: the tables are sliced, not decoded.
#[derive(Clone, Copy)]
pub(super) struct Segment<'a> {
    base: Option<Oid>,
    head: Option<Oid>,
    string_ends: &'a [u8],
    strings: &'a str,
    tickets: &'a [u8],
    blocks: &'a [u8],
}

/// A little-endian `u32` at `index` of a table of them.
fn u32_at(table: &[u8], index: usize) -> Option<u32> {
    let at = index.checked_mul(4)?;
    let bytes = table.get(at..at + 4)?;
    Some(u32::from_le_bytes(bytes.try_into().ok()?))
}

impl<'a> Segment<'a> {
    /// Checks the layout of a payload whose checksum matched; `None` if it does not hold.
    fn parse(payload: &'a [u8]) -> Option<Segment<'a>> {
        let header = payload.get(..HEADER)?;
        let oid = |range: Range<usize>| header.get(range).and_then(|b| Oid::from_bytes(b).ok());
        let base = match header.first()? {
            0 => None,
            _ => Some(oid(1..21)?),
        };
        let head = oid(21..41);
        let n = u32_at(header.get(41..)?, 0)? as usize;
        let m = u32_at(header.get(41..)?, 1)? as usize;
        let rest = payload.get(HEADER..)?;
        let ends_len = (n + 1).checked_mul(4)?;
        let string_ends = rest.get(..ends_len)?;
        let text_len = u32_at(string_ends, n)? as usize;
        let rest = rest.get(ends_len..)?;
        // Validated once, so each string is a slice of it (checked at char boundaries).
        let strings = std::str::from_utf8(rest.get(..text_len)?).ok()?;
        let rest = rest.get(text_len..)?;
        let table_len = m.checked_mul(TICKET_ROW)?;
        Some(Segment {
            base,
            head,
            string_ends,
            strings,
            tickets: rest.get(..table_len)?,
            blocks: rest.get(table_len..)?,
        })
    }

    pub(super) fn string(&self, index: u32) -> Option<&'a str> {
        let i = index as usize;
        let start = u32_at(self.string_ends, i)? as usize;
        let end = u32_at(self.string_ends, i + 1)? as usize;
        self.strings.get(start..end)
    }

    pub(super) fn string_count(&self) -> usize {
        (self.string_ends.len() / 4).saturating_sub(1)
    }

    /// Each ticket's ID and records, in ID order; a block that fails to decode is skipped.
    pub(super) fn tickets(&self) -> impl Iterator<Item = (&'a str, Vec<Record>)> + '_ {
        (0..self.tickets.len() / TICKET_ROW).filter_map(|i| self.ticket_at(i))
    }

    fn ticket_at(&self, row: usize) -> Option<(&'a str, Vec<Record>)> {
        let id = self.string(u32_at(self.tickets, row * 3)?)?;
        let start = u32_at(self.tickets, row * 3 + 1)? as usize;
        let len = u32_at(self.tickets, row * 3 + 2)? as usize;
        let block = self.blocks.get(start..start.checked_add(len)?)?;
        Some((id, postcard::from_bytes(block).ok()?))
    }

    /// The records of ticket `id`, found by binary search of the ticket table.
    pub(super) fn ticket(&self, id: &str) -> Option<Vec<Record>> {
        let rows = self.tickets.len() / TICKET_ROW;
        let (mut lo, mut hi) = (0, rows);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let key = self.string(u32_at(self.tickets, mid * 3)?)?;
            match key.cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.ticket_at(mid).map(|(_, r)| r),
            }
        }
        None
    }
}

/// Reads the cache file, keeping the chain of whole, intact segments from its start.
fn read_cache(path: &Path) -> CacheFile {
    let Ok(bytes) = fs::read(path) else {
        return CacheFile::default();
    };
    if !bytes.starts_with(MAGIC) {
        return CacheFile::default();
    }
    let mut cache = CacheFile {
        valid_len: MAGIC.len(),
        ..CacheFile::default()
    };
    let mut at = MAGIC.len();
    // A frame: the payload's length (4 bytes) and checksum (8 bytes), FRAME in all.
    while let Some((len, rest)) = bytes.get(at..).and_then(<[u8]>::split_first_chunk::<4>)
        && let Some(sum) = rest.first_chunk::<8>()
    {
        let len = u32::from_le_bytes(*len) as usize;
        let start = at + FRAME;
        let Some(payload) = bytes.get(start..start + len) else {
            break;
        };
        if checksum(payload) != u64::from_le_bytes(*sum) {
            break;
        }
        let Some(segment) = Segment::parse(payload) else {
            break;
        };
        if segment.base != cache.head {
            break;
        }
        cache.head = segment.head;
        cache.ranges.push(start..start + len);
        at = start + len;
        cache.valid_len = at;
    }
    cache.bytes = bytes;
    cache
}

/// A segment as stored: length, checksum, then the encoded segment.
fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(FRAME + payload.len());
    let len = u32::try_from(payload.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Brings the cache up to HEAD and returns it.
///
/// The cache is disposable: when it cannot be locked within `timeout` (another process is
/// building it) or written (a read-only checkout), the events are computed in memory and the
/// answer is the same, only slower next time.
pub(super) fn refresh(
    git: &Repository,
    timeout: std::time::Duration,
) -> Result<CacheFile, StoreError> {
    if git.is_shallow() {
        return Err(StoreError::Shallow);
    }
    let path = git.path().join(CACHE_FILE);
    let head = match git.head() {
        Ok(head) => head.peel_to_commit()?.id(),
        Err(_) => return Ok(CacheFile::default()),
    };
    let mut cache = read_cache(&path);
    if cache.head == Some(head) {
        return Ok(cache);
    }
    // One writer at a time: two appending from different heads would break the chain. The loser
    // waits, then finds the work done.
    let dir = git.path().join("tix");
    let lock = fs::create_dir_all(&dir).ok().and_then(|()| {
        crate::store::lock::ProcessLock::acquire(&dir.join("timeline.lock"), timeout).ok()
    });
    if lock.is_some() {
        cache = read_cache(&path);
        if cache.head == Some(head) {
            return Ok(cache);
        }
    }
    let base = cache.head.filter(|c| {
        git.find_commit(*c).is_ok() && git.graph_descendant_of(head, *c).unwrap_or(false)
    });
    let range = match base {
        Some(from) => vec![format!("^{from}"), head.to_string()],
        None => vec![head.to_string()],
    };
    let new_events = derive::events(git, &range)?;
    let writable = lock.is_some();
    if base.is_some() && (cache.segment_count() < MAX_SEGMENTS || !writable) {
        let framed = frame(&encode(base, head, &new_events));
        if writable {
            // Best effort: a cache that cannot be written only costs speed next time.
            let _ = append(&path, cache.valid_len, &framed);
        }
        cache.push_framed(&framed);
    } else {
        // Rebuild, or compact what is there plus the new events into one segment.
        let mut events = Vec::new();
        if base.is_some() {
            for segment in cache.segments() {
                let text = |i: u32| segment.string(i).map(Text::from);
                for (id, records) in segment.tickets() {
                    events.extend(
                        records
                            .iter()
                            .filter_map(|r| Some((id.to_string(), materialize(&text, r)?))),
                    );
                }
            }
        }
        events.extend(new_events);
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&frame(&encode(None, head, &events)));
        if writable {
            // Best effort: a cache that cannot be written only costs speed next time.
            let _ = write_atomic(&path, &bytes);
            // A full rebuild is when an older format's file is left behind: drop it.
            for old in OLD_CACHE_FILES {
                let _ = fs::remove_file(git.path().join(old));
            }
        }
        let len = bytes.len();
        cache = CacheFile {
            bytes,
            ranges: std::iter::once(MAGIC.len() + FRAME..len).collect(),
            head: Some(head),
            valid_len: len,
        };
    }
    cache.head = Some(head);
    Ok(cache)
}

/// Appends one framed segment after the valid part of the file, dropping any torn tail.
fn append(path: &Path, valid_len: usize, framed: &[u8]) -> Result<(), StoreError> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|source| io_error(path, source))?;
    file.set_len(valid_len as u64)
        .and_then(|()| file.seek(SeekFrom::Start(valid_len as u64)))
        .and_then(|_| file.write_all(framed))
        .map_err(|source| io_error(path, source))
}

fn io_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: PathBuf::from(path),
        source,
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    fs::write(&tmp, bytes)
        .and_then(|()| fs::rename(&tmp, path))
        .map_err(|source| io_error(path, source))
}

/// Builds a segment's bytes: every string interned, each ticket's records together, the
/// tickets sorted by ID.
fn encode<'e>(base: Option<Oid>, head: Oid, events: &'e [(String, TicketEvent)]) -> Vec<u8> {
    let mut strings: Vec<&'e str> = Vec::new();
    let mut index: HashMap<&'e str, u32> = HashMap::new();
    let mut intern = |s: &'e str| -> u32 {
        if let Some(i) = index.get(s) {
            return *i;
        }
        let i = u32::try_from(strings.len()).unwrap_or(u32::MAX);
        strings.push(s);
        index.insert(s, i);
        i
    };
    let mut by_ticket: HashMap<u32, Vec<Record>> = HashMap::new();
    for (id, e) in events {
        let ticket = intern(id);
        let actor = intern(&e.actor);
        let kind = match &e.kind {
            EventKind::Created(s) => RecordKind::Created {
                title: intern(&s.title),
                status: intern(&s.status),
                priority: intern(&s.priority),
                ticket_type: intern(&s.ticket_type),
                category: s.category.as_deref().map(&mut intern),
                requester: s.requester.as_deref().map(&mut intern),
                assignee: s.assignee.as_deref().map(&mut intern),
                team: s.team.as_deref().map(&mut intern),
                tags: s.tags.as_deref().map(&mut intern),
                asset: s.asset.as_deref().map(&mut intern),
            },
            EventKind::StatusChanged { from, to } => RecordKind::Status {
                from: intern(from),
                to: intern(to),
            },
            EventKind::PriorityChanged { from, to } => RecordKind::Priority {
                from: intern(from),
                to: intern(to),
            },
            EventKind::FieldChanged { field, from, to } => RecordKind::Field {
                field: intern(field),
                from: from.as_deref().map(&mut intern),
                to: to.as_deref().map(&mut intern),
            },
            EventKind::Comment {
                author,
                internal,
                automated,
            } => RecordKind::Comment {
                author: intern(author),
                internal: *internal,
                automated: *automated,
            },
            EventKind::Rated { score } => RecordKind::Rated { score: *score },
            EventKind::Deleted => RecordKind::Deleted,
        };
        by_ticket.entry(ticket).or_default().push(Record {
            at: e.at.timestamp(),
            actor,
            kind,
        });
    }
    let mut tickets: Vec<(u32, Vec<Record>)> = by_ticket.into_iter().collect();
    tickets.sort_unstable_by_key(|(ticket, _)| strings.get(*ticket as usize).copied());
    let mut out = Vec::new();
    match base {
        Some(base) => {
            out.push(1);
            out.extend_from_slice(base.as_bytes());
        }
        None => out.extend_from_slice(&[0; 21]),
    }
    out.extend_from_slice(head.as_bytes());
    let u32_of = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
    out.extend_from_slice(&u32_of(strings.len()));
    out.extend_from_slice(&u32_of(tickets.len()));
    let mut offset = 0;
    out.extend_from_slice(&u32_of(0));
    for s in &strings {
        offset += s.len();
        out.extend_from_slice(&u32_of(offset));
    }
    for s in &strings {
        out.extend_from_slice(s.as_bytes());
    }
    // Encoding plain structs into a Vec cannot fail; were it to, the empty block would fail to
    // decode and that ticket's events would be missing until the cache is rebuilt.
    let blocks: Vec<Vec<u8>> = tickets
        .iter()
        .map(|(_, records)| postcard::to_stdvec(records).unwrap_or_default())
        .collect();
    let mut start = 0;
    for ((ticket, _), block) in tickets.iter().zip(&blocks) {
        out.extend_from_slice(&ticket.to_le_bytes());
        out.extend_from_slice(&u32_of(start));
        out.extend_from_slice(&u32_of(block.len()));
        start += block.len();
    }
    for block in &blocks {
        out.extend_from_slice(block);
    }
    out
}

/// Turns a record back into an event, its strings looked up by `text`; `None` if it names a
/// string the segment lacks.
pub(super) fn materialize(text: &dyn Fn(u32) -> Option<Text>, r: &Record) -> Option<TicketEvent> {
    let s = |i: u32| text(i);
    let opt = |i: Option<u32>| match i {
        Some(i) => s(i).map(Some),
        None => Some(None),
    };
    let kind = match &r.kind {
        RecordKind::Created {
            title,
            status,
            priority,
            ticket_type,
            category,
            requester,
            assignee,
            team,
            tags,
            asset,
        } => EventKind::Created(Box::new(TicketSnapshot {
            title: s(*title)?,
            status: s(*status)?,
            priority: s(*priority)?,
            ticket_type: s(*ticket_type)?,
            category: opt(*category)?,
            requester: opt(*requester)?,
            assignee: opt(*assignee)?,
            team: opt(*team)?,
            tags: opt(*tags)?,
            asset: opt(*asset)?,
        })),
        RecordKind::Status { from, to } => EventKind::StatusChanged {
            from: s(*from)?,
            to: s(*to)?,
        },
        RecordKind::Priority { from, to } => EventKind::PriorityChanged {
            from: s(*from)?,
            to: s(*to)?,
        },
        RecordKind::Field { field, from, to } => EventKind::FieldChanged {
            field: s(*field)?,
            from: opt(*from)?,
            to: opt(*to)?,
        },
        RecordKind::Comment {
            author,
            internal,
            automated,
        } => EventKind::Comment {
            author: s(*author)?,
            internal: *internal,
            automated: *automated,
        },
        RecordKind::Rated { score } => EventKind::Rated { score: *score },
        RecordKind::Deleted => EventKind::Deleted,
    };
    Some(TicketEvent {
        at: Utc.timestamp_opt(r.at, 0).single()?,
        actor: s(r.actor)?,
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Outline, all, all_where, one};
    use super::*;
    use crate::domain::actor::Actor;
    use crate::domain::id::TicketId;
    use crate::domain::ticket::Ticket;
    use crate::store::{CommitMessage, Repo};
    use chrono::FixedOffset;
    use std::time::Duration;

    /// A ticket repository whose one ticket changes status `n` times, one commit each.
    struct Desk {
        _dir: tempfile::TempDir,
        repo: Repo,
        ticket: Ticket,
        when: i64,
    }

    impl Desk {
        fn new() -> Desk {
            let dir = tempfile::tempdir().unwrap();
            let actor = Actor::parse("Ann <ann@example.com>").unwrap();
            let when = 1_772_442_000; // 2026-03-02 09:00 UTC
            Repo::init(dir.path(), Some("IT"), &actor, time(when)).unwrap();
            let repo = Repo::open(dir.path()).unwrap();
            let ticket = Ticket {
                id: TicketId::parse("IT-7KQ2M4X1").unwrap(),
                ..crate::domain::ticket::sample_ticket()
            };
            let mut desk = Desk {
                _dir: dir,
                repo,
                ticket,
                when,
            };
            desk.commit();
            desk
        }

        fn commit(&mut self) {
            self.when += 60;
            let actor = Actor::parse("Ann <ann@example.com>").unwrap();
            let message = CommitMessage::for_ticket(self.ticket.id.as_str(), "edit", "Printer");
            let lock = self.repo.lock().unwrap();
            self.repo
                .commit(lock, &[&self.ticket], &message, &actor, time(self.when))
                .unwrap();
        }

        fn flip(&mut self, times: usize) {
            for _ in 0..times {
                self.ticket.status = if self.ticket.status == "open" {
                    "pending".into()
                } else {
                    "open".into()
                };
                self.commit();
            }
        }

        fn git(&self) -> &Repository {
            &self.repo.git
        }

        fn cache_path(&self) -> PathBuf {
            self.git().path().join(CACHE_FILE)
        }

        fn statuses(&self) -> Vec<String> {
            let timeline =
                one(self.git(), self.ticket.id.as_str(), Duration::from_secs(5)).unwrap();
            let from_all = all(self.git(), Duration::from_secs(5))
                .unwrap()
                .remove(self.ticket.id.as_str())
                .unwrap();
            assert_eq!(timeline, from_all);
            timeline
                .events
                .iter()
                .filter_map(|e| match &e.kind {
                    EventKind::Created(s) => Some(s.status.to_string()),
                    EventKind::StatusChanged { to, .. } => Some(to.to_string()),
                    _ => None,
                })
                .collect()
        }
    }

    fn time(secs: i64) -> chrono::DateTime<FixedOffset> {
        Utc.timestamp_opt(secs, 0).unwrap().fixed_offset()
    }

    #[test]
    fn appends_one_segment_per_refresh_and_compacts() {
        let mut desk = Desk::new();
        assert_eq!(desk.statuses(), ["new"]);
        desk.flip(2);
        assert_eq!(desk.statuses(), ["new", "open", "pending"]);
        assert_eq!(read_cache(&desk.cache_path()).segment_count(), 2);
        for _ in 0..MAX_SEGMENTS {
            desk.flip(1);
            desk.statuses();
        }
        let cache = read_cache(&desk.cache_path());
        assert!(cache.segment_count() < MAX_SEGMENTS, "compacted");
        assert_eq!(desk.statuses().len(), 3 + MAX_SEGMENTS);
    }

    #[test]
    fn a_torn_append_is_dropped_and_overwritten() {
        let mut desk = Desk::new();
        desk.flip(1);
        let before = desk.statuses();
        let len = fs::metadata(desk.cache_path()).unwrap().len();
        // A crash halfway through the next append: a frame that promises more than follows.
        let mut file = fs::OpenOptions::new()
            .append(true)
            .open(desk.cache_path())
            .unwrap();
        file.write_all(&[200, 0, 0, 0, 1, 2, 3]).unwrap();
        assert_eq!(desk.statuses(), before);
        desk.flip(1);
        assert_eq!(desk.statuses(), ["new", "open", "pending"]);
        let cache = read_cache(&desk.cache_path());
        assert_eq!(
            cache.valid_len as u64,
            fs::metadata(desk.cache_path()).unwrap().len()
        );
        assert!(cache.valid_len as u64 > len);
    }

    #[test]
    fn a_corrupted_cache_is_rebuilt_from_history() {
        let mut desk = Desk::new();
        desk.flip(3);
        let expected = desk.statuses();
        let mut bytes = fs::read(desk.cache_path()).unwrap();
        let middle = MAGIC.len() + FRAME + 5;
        bytes[middle] ^= 0xFF;
        fs::write(desk.cache_path(), &bytes).unwrap();
        assert_eq!(read_cache(&desk.cache_path()).head, None);
        assert_eq!(desk.statuses(), expected);
        fs::write(desk.cache_path(), b"tix timeline cache 1\n").unwrap();
        assert_eq!(desk.statuses(), expected);
    }

    #[test]
    fn the_outline_is_the_state_after_the_last_event_in_time_order() {
        let mut desk = Desk::new();
        desk.flip(1);
        desk.ticket.title = "Printer jams again".into();
        desk.commit();
        // The newest commit, dated between the status change and the retitling (a clock running
        // behind): sorted by time, its status is the one that stands, though it is not the
        // last event.
        desk.ticket.status = "resolved".into();
        desk.when -= 90;
        desk.commit();
        let timeline = &all(desk.git(), Duration::from_secs(5)).unwrap()[desk.ticket.id.as_str()];
        let last = timeline.events.last().unwrap().at;
        let expected = timeline.state_at(last).unwrap().status;
        assert_eq!(&*expected, "resolved", "{timeline:?}");
        assert!(matches!(
            timeline.events.last().unwrap().kind,
            EventKind::FieldChanged { .. }
        ));
        let mut seen = Vec::new();
        let keep = |o: &Outline<'_>| {
            assert_eq!(o.id, desk.ticket.id.as_str());
            assert_eq!(o.status, Some("resolved"));
            assert_eq!(o.last_at, last.timestamp());
            true
        };
        let selection = all_where(desk.git(), Duration::from_secs(5), &keep).unwrap();
        seen.extend(selection.timelines.keys().cloned());
        assert_eq!(seen, [desk.ticket.id.to_string()]);
        assert_eq!(selection.timelines[desk.ticket.id.as_str()], *timeline);
        let skipped = all_where(desk.git(), Duration::from_secs(5), &|_| false).unwrap();
        assert!(skipped.timelines.is_empty());
        assert_eq!(skipped.others, [desk.ticket.id.to_string()]);
    }

    #[test]
    fn one_ticket_is_found_among_many_in_every_segment() {
        let mut desk = Desk::new();
        let first = desk.ticket.clone();
        // Tickets before and after the first in ID order, in two segments.
        for code in ["0000000A", "ZZZZZZZZ", "7KQ2M4X0", "7KQ2M4X2"] {
            desk.ticket = Ticket {
                id: TicketId::parse(&format!("IT-{code}")).unwrap(),
                ..first.clone()
            };
            desk.commit();
            all(desk.git(), Duration::from_secs(5)).unwrap();
        }
        desk.ticket = first;
        desk.flip(1);
        assert_eq!(desk.statuses(), ["new", "open"]);
        let none = one(desk.git(), "IT-7KQ2M4X3", Duration::from_secs(5)).unwrap();
        assert!(none.events.is_empty());
        assert!(read_cache(&desk.cache_path()).segment_count() > 2);
    }
}
