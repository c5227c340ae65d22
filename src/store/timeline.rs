//! Ticket timelines derived from Git history, with a disposable incremental cache.
//!
//! One walk over the commits (`git log --raw -c`, which PERF-NOTES measured 4x faster than
//! diffing trees through libgit2) lists every version of every ticket file with its author and
//! author date; while git runs, the versions it names are read with libgit2 and parsed on every
//! core, and afterwards each file's versions are diffed into [`TicketEvent`]s (files in parallel,
//! as they are independent). Merge commits contribute only what differs from every parent, so a
//! ticket changed in two clones is counted once per change.
//!
//! The events are cached in one append-only file, `.git/tix/timeline-v4`: a header line, then
//! segments, each holding the events of the commits from `base` (the previous segment's `head`)
//! to `head`. The next run walks only the commits after the last `head` and appends one segment;
//! if that commit is no longer an ancestor of HEAD (a rebase, a reset) the file is rebuilt, and
//! after [`MAX_SEGMENTS`] appends it is compacted into one segment. Each segment carries its
//! length and a checksum, so a write cut short by a crash is recognised and dropped, and readers
//! never need a lock: they see either a whole segment or none. The cache is never trusted over
//! Git: delete the file and the next command rebuilds it.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};

use chrono::{TimeZone, Utc};
use git2::{Oid, Repository};
use serde::{Deserialize, Serialize};

use super::{StoreError, TICKETS_DIR, parse_ticket};
use crate::domain::change;
use crate::domain::event::{EventKind, TicketEvent, TicketSnapshot, Timeline};
use crate::domain::ticket::Ticket;

const CACHE_FILE: &str = "tix/timeline-v4";
/// Earlier formats' files (v3 lacked the `automated` flag of comments).
const OLD_CACHE_FILES: [&str; 2] = ["tix/timeline-v2", "tix/timeline-v3"];
const MAGIC: &[u8] = b"tix timeline cache 3\n";
/// Appended segments before the file is rewritten as one; each costs a little on every load.
const MAX_SEGMENTS: usize = 64;
/// Length (u32) and checksum (u64) in front of each segment's payload.
const FRAME: usize = 12;

/// The events of one range of commits. Strings are interned: events refer to `strings` by index,
/// which keeps the file small and loading it cheap.
#[derive(Serialize, Deserialize)]
struct Segment {
    base: Option<[u8; 20]>,
    head: [u8; 20],
    strings: Vec<String>,
    events: Vec<Record>,
}

#[derive(Serialize, Deserialize)]
struct Record {
    ticket: u32,
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
    Deleted,
}

/// The cache file as read: its valid segments, decoded, and the commit the last one reaches.
#[derive(Default)]
struct CacheFile {
    segments: Vec<Segment>,
    head: Option<Oid>,
    /// Bytes up to the end of the last valid segment; anything after is a torn write.
    valid_len: usize,
}

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
        // The timeline each interned string names, if it is a ticket ID, looked up once.
        let mut slot: Vec<Option<usize>> = vec![None; segment.strings.len()];
        for record in &segment.events {
            let Some(event) = materialize(&segment.strings, record) else {
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
                    slot[i] = Some(index);
                    index
                }
            };
            timelines[index].events.push(event);
        }
    }
    Ok(timelines
        .into_iter()
        .map(|mut t| {
            t.events.sort_by_key(|e| e.at);
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
        events.extend(
            segment
                .events
                .iter()
                .filter(|r| r.ticket as usize == index)
                .filter_map(|r| materialize(&segment.strings, r)),
        );
    }
    events.sort_by_key(|e| e.at);
    Ok(Timeline {
        ticket_id: id.to_string(),
        events,
    })
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
    while let Some(frame) = bytes.get(at..at + FRAME) {
        let len = u32::from_le_bytes([frame[0], frame[1], frame[2], frame[3]]) as usize;
        let mut sum = [0u8; 8];
        sum.copy_from_slice(&frame[4..12]);
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
fn refresh(git: &Repository, timeout: std::time::Duration) -> Result<CacheFile, StoreError> {
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
    let lock = fs::create_dir_all(&dir)
        .ok()
        .and_then(|()| super::lock::ProcessLock::acquire(&dir.join("timeline.lock"), timeout).ok());
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
    let new_events = walk(git, &range)?;
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
                events.extend(segment.events.iter().filter_map(|r| {
                    let id = segment.strings.get(r.ticket as usize)?;
                    Some((id.clone(), materialize(&segment.strings, r)?))
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
fn materialize(strings: &[String], r: &Record) -> Option<TicketEvent> {
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
        } => EventKind::Created(TicketSnapshot {
            title: s(*title)?,
            status: s(*status)?,
            priority: s(*priority)?,
            ticket_type: s(*ticket_type)?,
            category: opt(*category)?,
            requester: opt(*requester)?,
            assignee: opt(*assignee)?,
            team: opt(*team)?,
        }),
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
        RecordKind::Deleted => EventKind::Deleted,
    };
    Some(TicketEvent {
        at: Utc.timestamp_opt(r.at, 0).single()?,
        actor: s(r.actor)?,
        kind,
    })
}

/// One commit from `git log`.
struct LoggedCommit {
    at: i64,
    actor: String,
    changes: Vec<FileChange>,
}

/// One ticket file changed by a commit: its blob in each parent (zero oid when absent) and after.
struct FileChange {
    path: String,
    parents: Vec<Oid>,
    new: Oid,
}

/// Every version of a ticket file the walk needs, parsed; `None` for one that does not parse.
type Parsed = HashMap<Oid, Version>;

/// One parsed version of a ticket file; `None` when it does not parse.
type Version = Option<Arc<Ticket>>;

/// Walks `range` and returns (ticket ID, event) pairs, each ticket's in history order.
fn walk(git: &Repository, range: &[String]) -> Result<Vec<(String, TicketEvent)>, StoreError> {
    let (commits, parsed) = log_and_parse(git, range)?;
    // Each file's versions depend only on that file's earlier versions, so the files are
    // independent and are diffed on all cores.
    let mut by_path: HashMap<&str, Vec<(&LoggedCommit, &FileChange)>> = HashMap::new();
    for commit in &commits {
        for change in &commit.changes {
            by_path
                .entry(change.path.as_str())
                .or_default()
                .push((commit, change));
        }
    }
    let files: Vec<_> = by_path.into_iter().collect();
    let chunk = files.len().div_ceil(threads()).max(1);
    let parsed = &parsed;
    let out = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for (path, changes) in part {
                        file_events(path, changes, parsed, &mut out);
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    Ok(out)
}

/// The events of one ticket file's changes, oldest first.
fn file_events(
    path: &str,
    changes: &[(&LoggedCommit, &FileChange)],
    parsed: &Parsed,
    out: &mut Vec<(String, TicketEvent)>,
) {
    let Some(id) = Path::new(path).file_stem().and_then(|s| s.to_str()) else {
        return;
    };
    let get = |oid: Oid| parsed.get(&oid).cloned().flatten();
    // The last version that parsed, used in place of a broken parent version.
    let mut good: Option<Arc<Ticket>> = None;
    for (commit, change) in changes {
        let at = Utc.timestamp_opt(commit.at, 0).single().unwrap_or_default();
        let new = get(change.new);
        let events = if change.parents.len() <= 1 {
            let parent = change.parents.first().copied().unwrap_or(Oid::ZERO_SHA1);
            if new.is_none() && !change.new.is_zero() {
                continue; // an unparseable version; its changes show up once it is fixed
            }
            let old = get(parent).or_else(|| good.clone().filter(|_| !parent.is_zero()));
            change::events(old.as_deref(), new.as_deref(), at, &commit.actor)
        } else {
            // A merge: keep only what differs from every parent.
            let per_parent: Vec<Vec<TicketEvent>> = change
                .parents
                .iter()
                .map(|p| change::events(get(*p).as_deref(), new.as_deref(), at, &commit.actor))
                .collect();
            change::common_to_all(&per_parent)
        };
        if new.is_some() {
            good.clone_from(&new);
        }
        out.extend(events.into_iter().map(|e| (id.to_string(), e)));
    }
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8)
}

/// Runs `git log --raw -c` over `range`, oldest commit first, and meanwhile reads and parses on
/// every core each ticket version it names: YAML parsing is most of a cold walk's cost, and
/// this way it overlaps with git's tree diffing.
fn log_and_parse(
    git: &Repository,
    range: &[String],
) -> Result<(Vec<LoggedCommit>, Parsed), StoreError> {
    let mut child = Command::new("git")
        .arg("--git-dir")
        .arg(git.path())
        .args([
            "-c",
            "core.quotePath=false",
            "-c",
            "log.showSignature=false",
            "log",
            "--raw",
            "-c",
            "--no-renames",
            "--no-abbrev",
        ])
        // No pathspec: with one, git simplifies history per commit and parent (2.5x slower on
        // 50,000 commits); ticket paths are filtered while parsing instead.
        .args([
            "--reverse",
            "--topo-order",
            "--no-color",
            "--format=tix %at%x1f%an%x1f%ae",
        ])
        .args(range)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| StoreError::GitSpawn {
            command: "log",
            source,
        })?;
    let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(StoreError::Internal(
            "git log started without its output pipes",
        ));
    };
    let git_dir = git.path().to_path_buf();
    let (sender, receiver) = mpsc::sync_channel::<Vec<(Oid, String)>>(64);
    let receiver = Mutex::new(receiver);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads())
            .map(|_| scope.spawn(|| parse_versions(&git_dir, &receiver)))
            .collect();
        let errors = scope.spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let commits = read_log(BufReader::new(stdout), &sender);
        drop(sender);
        let status = child.wait();
        let errors = errors.join().unwrap_or_default();
        let mut parsed = Parsed::new();
        for worker in workers {
            let versions = worker
                .join()
                .map_err(|_| StoreError::Internal("a history reader thread panicked"))??;
            parsed.extend(versions);
        }
        let commits = commits.map_err(|source| StoreError::GitOutput {
            command: "log",
            source,
        })?;
        match status {
            Ok(status) if status.success() => Ok((commits, parsed)),
            Ok(status) => Err(StoreError::GitFailed {
                command: "log",
                status: status.code(),
                message: errors.trim().to_string(),
            }),
            Err(source) => Err(StoreError::GitOutput {
                command: "log",
                source,
            }),
        }
    })
}

/// Parses `git log` output into commits, sending each ticket version not seen before (new or
/// parent) to the parsers in batches.
fn read_log(
    mut input: impl BufRead,
    sender: &mpsc::SyncSender<Vec<(Oid, String)>>,
) -> std::io::Result<Vec<LoggedCommit>> {
    const BATCH: usize = 256;
    let mut commits: Vec<LoggedCommit> = Vec::new();
    let mut seen: HashSet<Oid> = HashSet::new();
    let mut batch = Vec::with_capacity(BATCH);
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim_end_matches('\n');
        if let Some(header) = line.strip_prefix("tix ") {
            let mut parts = header.split('\u{1f}');
            let at = parts.next().and_then(|t| t.parse().ok()).unwrap_or(0);
            let name = parts.next().unwrap_or_default();
            let email = parts.next().unwrap_or_default();
            let actor = if email.is_empty() {
                name.to_string()
            } else {
                format!("{name} <{email}>")
            };
            commits.push(LoggedCommit {
                at,
                actor,
                changes: Vec::new(),
            });
        } else if line.starts_with(':')
            && let (Some(commit), Some(change)) = (commits.last_mut(), parse_raw(line))
        {
            for oid in change.parents.iter().chain([&change.new]) {
                if !oid.is_zero() && seen.insert(*oid) {
                    batch.push((*oid, change.path.clone()));
                }
            }
            if batch.len() >= BATCH {
                // A send fails only when every parser is gone, which their errors report.
                let _ = sender.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
            }
            commit.changes.push(change);
        }
    }
    if !batch.is_empty() {
        let _ = sender.send(batch);
    }
    Ok(commits)
}

/// One parser thread: reads the versions it is sent (with its own repository handle, as libgit2
/// handles are not shared between threads) and parses them.
fn parse_versions(
    git_dir: &Path,
    receiver: &Mutex<mpsc::Receiver<Vec<(Oid, String)>>>,
) -> Result<Vec<(Oid, Version)>, StoreError> {
    let (git, mut failure) = match Repository::open(git_dir) {
        Ok(git) => (Some(git), None),
        Err(e) => (None, Some(StoreError::from(e))),
    };
    let mut out = Vec::new();
    loop {
        let batch = match receiver.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => break,
        };
        let Ok(batch) = batch else {
            break; // the log is read to the end
        };
        // After a failure keep draining, so the log reader never blocks on a full channel.
        let (Some(repo), None) = (&git, &failure) else {
            continue;
        };
        for (oid, path) in batch {
            match repo.find_blob(oid) {
                Ok(blob) => {
                    let text = String::from_utf8_lossy(blob.content());
                    out.push((oid, parse_ticket(&path, &text).ok().map(Arc::new)));
                }
                Err(e) => {
                    failure = Some(e.into());
                    break;
                }
            }
        }
    }
    failure.map_or(Ok(out), Err)
}

/// Parses `:100644 100644 OLD NEW M\tpath` or the combined `::m1 m2 m3 P1 P2 NEW MM\tpath`.
fn parse_raw(line: &str) -> Option<FileChange> {
    let (meta, path) = line.split_once('\t')?;
    if !path.ends_with(".yaml")
        || !path
            .strip_prefix(TICKETS_DIR)
            .is_some_and(|p| p.starts_with('/'))
    {
        return None;
    }
    let parents = meta.bytes().take_while(|b| *b == b':').count();
    let fields: Vec<&str> = meta[parents..].split(' ').collect();
    // parents + 1 modes, then parents + 1 object IDs, then the status letters.
    let oids = fields.get(parents + 1..=2 * parents + 1)?;
    let parsed: Vec<Oid> = oids
        .iter()
        .map(|o| Oid::from_str(o))
        .collect::<Result<_, _>>()
        .ok()?;
    let (new, old) = parsed.split_last()?;
    Some(FileChange {
        path: path.to_string(),
        parents: old.to_vec(),
        new: *new,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::actor::Actor;
    use crate::domain::id::TicketId;
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
                    EventKind::Created(s) => Some(s.status.clone()),
                    EventKind::StatusChanged { to, .. } => Some(to.clone()),
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

    #[test]
    fn parses_plain_and_combined_raw_lines() {
        let a = "1".repeat(40);
        let b = "2".repeat(40);
        let c = "3".repeat(40);
        let plain = parse_raw(&format!(
            ":100644 100644 {a} {b} M\ttickets/AB/IT-AB000000.yaml"
        ))
        .unwrap();
        assert_eq!(plain.parents, vec![Oid::from_str(&a).unwrap()]);
        assert_eq!(plain.new, Oid::from_str(&b).unwrap());
        let merge = parse_raw(&format!(
            "::100644 100644 100644 {a} {b} {c} MM\ttickets/AB/IT-AB000000.yaml"
        ))
        .unwrap();
        assert_eq!(merge.parents.len(), 2);
        assert_eq!(merge.new, Oid::from_str(&c).unwrap());
        assert!(parse_raw(&format!(":100644 100644 {a} {b} M\ttickets/README.md")).is_none());
    }
}
