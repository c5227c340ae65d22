//! The timeline cache file, `.git/tix/timeline-v5`: one append-only file of events.
//!
//! A header line, then segments, each holding the events of the commits from `base` (the
//! previous segment's `head`) to `head`. The next run walks only the commits after the last
//! `head` and appends one segment; if that commit is no longer an ancestor of HEAD (a rebase, a
//! reset) the file is rebuilt, and after [`MAX_SEGMENTS`] appends it is compacted into one
//! segment. Each segment carries its length and a checksum, so a write cut short by a crash is
//! recognised and dropped, and readers never need a lock: they see either a whole segment or
//! none. Git is the truth: the events themselves come from [`super::derive`].

use std::collections::HashMap;
use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use git2::{Oid, Repository};
use serde::{Deserialize, Serialize};

use super::derive;
use crate::domain::event::{EventKind, Text, TicketEvent, TicketSnapshot};
use crate::store::StoreError;

const CACHE_FILE: &str = "tix/timeline-v5";
/// Earlier formats' files (v3 lacked the `automated` flag of comments, v4 tags and ratings).
const OLD_CACHE_FILES: [&str; 3] = ["tix/timeline-v2", "tix/timeline-v3", "tix/timeline-v4"];
const MAGIC: &[u8] = b"tix timeline cache 5\n";
/// Appended segments before the file is rewritten as one; each costs a little on every load.
const MAX_SEGMENTS: usize = 64;
/// Length (u32) and checksum (u64) in front of each segment's payload.
const FRAME: usize = 12;

/// The events of one range of commits. Strings are interned: events refer to `strings` by index,
/// which keeps the file small and loading it cheap.
#[derive(Serialize, Deserialize)]
pub(super) struct Segment {
    base: Option<[u8; 20]>,
    head: [u8; 20],
    pub(super) strings: Vec<String>,
    pub(super) events: Vec<Record>,
}

impl Segment {
    /// The segment's strings as shared text, for [`materialize`].
    pub(super) fn texts(&self) -> Vec<Text> {
        self.strings
            .iter()
            .map(|s| Text::from(s.as_str()))
            .collect()
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct Record {
    pub(super) ticket: u32,
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

/// The cache file as read: its valid segments, decoded, and the commit the last one reaches.
#[derive(Default)]
pub(super) struct CacheFile {
    pub(super) segments: Vec<Segment>,
    head: Option<Oid>,
    /// Bytes up to the end of the last valid segment; anything after is a torn write.
    valid_len: usize,
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
        let sum = *sum;
        let start = at + FRAME;
        let Some(payload) = bytes.get(start..start + len) else {
            break;
        };
        if checksum(payload) != u64::from_le_bytes(sum) {
            break;
        }
        let Ok(segment) = postcard::from_bytes::<Segment>(payload) else {
            break;
        };
        let base = segment.base.and_then(|b| Oid::from_bytes(&b).ok());
        if base != cache.head {
            break;
        }
        cache.head = Oid::from_bytes(&segment.head).ok();
        cache.segments.push(segment);
        at = start + len;
        cache.valid_len = at;
    }
    cache
}

/// FNV-1a over 8-byte words: catches torn and corrupted writes, costs about a millisecond per
/// megabyte. Not a defence against tampering, which the cache does not need (Git is the truth).
fn checksum(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        hash = (hash ^ u64::from_le_bytes(w)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    for b in words.remainder() {
        hash = (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash ^ bytes.len() as u64
}

/// A segment as stored: length, checksum, then the encoded segment.
fn frame(segment: &Segment) -> Vec<u8> {
    // Encoding plain structs into a Vec cannot fail; were it to, the empty payload would fail to
    // decode on the next read and the cache would be rebuilt from that point.
    let payload = postcard::to_stdvec(segment).unwrap_or_default();
    let mut out = Vec::with_capacity(FRAME + payload.len());
    let len = u32::try_from(payload.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
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
    if base.is_some() && (cache.segments.len() < MAX_SEGMENTS || !writable) {
        let segment = encode(base, head, &new_events);
        let framed = frame(&segment);
        if writable && append(&path, cache.valid_len, &framed).is_ok() {
            cache.valid_len += framed.len();
        }
        cache.segments.push(segment);
    } else {
        // Rebuild, or compact what is there plus the new events into one segment.
        let mut events = Vec::new();
        if base.is_some() {
            for segment in &cache.segments {
                let texts = segment.texts();
                events.extend(segment.events.iter().filter_map(|r| {
                    let id = segment.strings.get(r.ticket as usize)?;
                    Some((id.clone(), materialize(&texts, r)?))
                }));
            }
        }
        events.extend(new_events);
        let segment = encode(None, head, &events);
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&frame(&segment));
        if writable {
            // Best effort: a cache that cannot be written only costs speed next time.
            let _ = write_atomic(&path, &bytes);
            // A full rebuild is when an older format's file is left behind: drop it.
            for old in OLD_CACHE_FILES {
                let _ = fs::remove_file(git.path().join(old));
            }
        }
        cache = CacheFile {
            segments: vec![segment],
            head: Some(head),
            valid_len: bytes.len(),
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

/// Builds a segment, interning every string.
fn encode(base: Option<Oid>, head: Oid, events: &[(String, TicketEvent)]) -> Segment {
    let mut strings: Vec<String> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: &str| -> u32 {
        if let Some(i) = index.get(s) {
            return *i;
        }
        let i = u32::try_from(strings.len()).unwrap_or(u32::MAX);
        strings.push(s.to_string());
        index.insert(s.to_string(), i);
        i
    };
    let mut records = Vec::with_capacity(events.len());
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
        records.push(Record {
            ticket,
            at: e.at.timestamp(),
            actor,
            kind,
        });
    }
    let to_bytes = |oid: Oid| {
        let mut b = [0u8; 20];
        b.copy_from_slice(oid.as_bytes());
        b
    };
    Segment {
        base: base.map(to_bytes),
        head: to_bytes(head),
        strings,
        events: records,
    }
}

/// Turns a record back into an event; `None` if it names a string the segment lacks.
pub(super) fn materialize(strings: &[Text], r: &Record) -> Option<TicketEvent> {
    let s = |i: u32| strings.get(i as usize).cloned();
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
    use super::super::{all, one};
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
        assert_eq!(read_cache(&desk.cache_path()).segments.len(), 2);
        for _ in 0..MAX_SEGMENTS {
            desk.flip(1);
            desk.statuses();
        }
        let cache = read_cache(&desk.cache_path());
        assert!(cache.segments.len() < MAX_SEGMENTS, "compacted");
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
}
