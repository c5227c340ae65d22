//! Ticket timelines derived from Git history, with a disposable incremental cache.
//!
//! One walk over the commits (`git log --raw -c`, which PERF-NOTES measured 4x faster than
//! diffing trees through libgit2) lists every version of every ticket file with its author and
//! author date; the versions are read with libgit2 and diffed into [`TicketEvent`]s. Merge
//! commits contribute only what differs from both parents, so a ticket changed in two clones is
//! counted once per change. The events are cached under `.git/tix/timeline/`, one file per shard
//! so a single ticket's timeline loads in microseconds, plus a `HEAD` file naming the last commit
//! walked. The next run walks only the commits after it; if that commit is no longer an ancestor
//! of HEAD (a rebase, a reset) the cache is rebuilt. The cache is never trusted over Git: delete the
//! directory and the next command rebuilds it.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, TimeZone, Utc};
use git2::{Oid, Repository};
use serde::{Deserialize, Serialize};

use super::{StoreError, TICKETS_DIR, parse_ticket};
use crate::domain::change;
use crate::domain::event::{EventKind, TicketEvent, TicketSnapshot, Timeline};
use crate::domain::ticket::Ticket;

const CACHE_DIR: &str = "tix/timeline-v1";

/// One cached event; `commit` makes re-applying a commit after an interrupted write harmless.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq)]
struct CachedEvent {
    commit: String,
    at: i64,
    actor: String,
    #[serde(flatten)]
    kind: CachedKind,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Eq)]
#[serde(tag = "k", rename_all = "snake_case")]
enum CachedKind {
    Created {
        status: String,
        priority: String,
        #[serde(rename = "type")]
        ticket_type: String,
        category: Option<String>,
        requester: Option<String>,
        assignee: Option<String>,
        team: Option<String>,
    },
    Status {
        from: String,
        to: String,
    },
    Priority {
        from: String,
        to: String,
    },
    Field {
        field: String,
        from: Option<String>,
        to: Option<String>,
    },
    Comment {
        author: String,
        internal: bool,
    },
}

type Shard = BTreeMap<String, Vec<CachedEvent>>;

/// The timelines of every ticket in history, keyed by ticket ID.
///
/// # Errors
/// A shallow clone, a missing `git` command, or Git failures.
pub(crate) fn all(git: &Repository) -> Result<HashMap<String, Timeline>, StoreError> {
    let dir = refresh(git)?;
    let mut out = HashMap::new();
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(out);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        for (id, events) in read_shard(&path) {
            out.insert(id.clone(), to_timeline(id, events));
        }
    }
    Ok(out)
}

/// The timeline of one ticket (empty when it has no history yet).
///
/// # Errors
/// As [`all`].
pub(crate) fn one(git: &Repository, id: &str, shard: &str) -> Result<Timeline, StoreError> {
    let dir = refresh(git)?;
    let mut shard_events = read_shard(&dir.join(format!("{shard}.json")));
    let events = shard_events.remove(id).unwrap_or_default();
    Ok(to_timeline(id.to_string(), events))
}

fn to_timeline(ticket_id: String, events: Vec<CachedEvent>) -> Timeline {
    Timeline {
        ticket_id,
        events: events.into_iter().map(from_cached).collect(),
    }
}

fn read_shard(path: &Path) -> Shard {
    fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Brings the cache up to HEAD and returns its directory.
fn refresh(git: &Repository) -> Result<PathBuf, StoreError> {
    let dir = git.path().join(CACHE_DIR);
    if git.is_shallow() {
        return Err(StoreError::Shallow);
    }
    let head = match git.head() {
        Ok(head) => head.peel_to_commit()?.id(),
        Err(_) => return Ok(dir),
    };
    let marker = dir.join("HEAD");
    let cached = fs::read_to_string(&marker)
        .ok()
        .and_then(|s| Oid::from_str(s.trim()).ok());
    if cached == Some(head) {
        return Ok(dir);
    }
    // One refresher at a time: two writers extending from different heads could otherwise
    // leave shards and the HEAD marker out of step. The loser waits, then finds it done.
    let lock_dir = git.path().join("tix");
    fs::create_dir_all(&lock_dir).map_err(|source| StoreError::Io {
        path: lock_dir.clone(),
        source,
    })?;
    let _lock = super::WriteLock::acquire_at(
        lock_dir.join("timeline.lock"),
        std::time::Duration::from_secs(120),
    )?;
    let cached = fs::read_to_string(&marker)
        .ok()
        .and_then(|s| Oid::from_str(s.trim()).ok());
    if cached == Some(head) {
        return Ok(dir);
    }
    let incremental = cached.filter(|c| {
        git.find_commit(*c).is_ok() && git.graph_descendant_of(head, *c).unwrap_or(false)
    });
    if incremental.is_none() {
        let _ = fs::remove_dir_all(&dir);
    }
    fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
        path: dir.clone(),
        source,
    })?;
    let range = match incremental {
        Some(from) => vec![format!("^{from}"), head.to_string()],
        None => vec![head.to_string()],
    };
    let new_events = walk(git, &range)?;
    let mut by_shard: BTreeMap<String, Vec<(String, CachedEvent)>> = BTreeMap::new();
    for (id, event) in new_events {
        let shard = id
            .rsplit_once('-')
            .map_or("", |(_, code)| &code[..2.min(code.len())])
            .to_string();
        by_shard.entry(shard).or_default().push((id, event));
    }
    for (shard, events) in by_shard {
        let path = dir.join(format!("{shard}.json"));
        let mut existing = read_shard(&path);
        for (id, event) in events {
            let list = existing.entry(id).or_default();
            if !list.contains(&event) {
                list.push(event);
            }
        }
        for list in existing.values_mut() {
            list.sort_by_key(|e| e.at);
        }
        write_atomic(&path, &serde_json::to_vec(&existing).unwrap_or_default())?;
    }
    write_atomic(&marker, head.to_string().as_bytes())?;
    Ok(dir)
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    fs::write(&tmp, bytes)
        .and_then(|()| fs::rename(&tmp, path))
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// One commit from `git log`.
struct LoggedCommit {
    id: String,
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

/// Walks `range` and returns (ticket ID, event) pairs in history order.
fn walk(git: &Repository, range: &[String]) -> Result<Vec<(String, CachedEvent)>, StoreError> {
    let commits = git_log(git, range)?;
    let mut versions = Versions {
        git,
        parsed: parse_all(git, &commits)?,
        latest: HashMap::new(),
    };
    let mut out = Vec::new();
    for commit in &commits {
        let at = Utc.timestamp_opt(commit.at, 0).single().unwrap_or_default();
        for change in &commit.changes {
            let Some(id) = Path::new(&change.path).file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let new = versions.get(&change.path, change.new)?;
            let events = if change.parents.len() <= 1 {
                let old = versions.get(
                    &change.path,
                    change.parents.first().copied().unwrap_or(Oid::ZERO_SHA1),
                )?;
                if new.is_none() && change.new != Oid::ZERO_SHA1 {
                    continue; // an unparseable version; its changes show up once it is fixed
                }
                let old = old.or_else(|| versions.last_good(&change.path, change.parents.first()));
                change::events(old.as_ref(), new.as_ref(), at, &commit.actor)
            } else {
                // A merge: keep only what differs from every parent.
                let mut per_parent = Vec::new();
                for parent in &change.parents {
                    let old = versions.get(&change.path, *parent)?;
                    per_parent.push(change::events(
                        old.as_ref(),
                        new.as_ref(),
                        at,
                        &commit.actor,
                    ));
                }
                let (first, rest) = per_parent
                    .split_first()
                    .map_or((Vec::new(), &[][..]), |(f, r)| (f.clone(), r));
                first
                    .into_iter()
                    .filter(|e| rest.iter().all(|other| other.contains(e)))
                    .collect()
            };
            versions.remember(&change.path, change.new, new);
            out.extend(
                events
                    .into_iter()
                    .map(|e| (id.to_string(), to_cached(&commit.id, &e))),
            );
        }
    }
    Ok(out)
}

/// Parsed versions of ticket files, remembering the latest one per path so a linear history
/// parses each version once.
struct Versions<'a> {
    git: &'a Repository,
    /// Every version the walk will need, parsed up front on all cores.
    parsed: HashMap<Oid, Option<Ticket>>,
    latest: HashMap<String, (Oid, Option<Ticket>, Option<Ticket>)>,
}

impl Versions<'_> {
    fn get(&mut self, path: &str, oid: Oid) -> Result<Option<Ticket>, StoreError> {
        if oid.is_zero() {
            return Ok(None);
        }
        if let Some((latest, ticket, _)) = self.latest.get(path) {
            if *latest == oid {
                return Ok(ticket.clone());
            }
        }
        if let Some(ticket) = self.parsed.get(&oid) {
            return Ok(ticket.clone());
        }
        let blob = self.git.find_blob(oid)?;
        let text = String::from_utf8_lossy(blob.content());
        Ok(parse_ticket(path, &text).ok())
    }

    /// The last version of `path` that parsed, used in place of a broken parent version.
    fn last_good(&self, path: &str, parent: Option<&Oid>) -> Option<Ticket> {
        parent.filter(|p| !p.is_zero())?;
        self.latest.get(path).and_then(|(_, _, good)| good.clone())
    }

    fn remember(&mut self, path: &str, oid: Oid, ticket: Option<Ticket>) {
        let good = ticket
            .clone()
            .or_else(|| self.latest.get(path).and_then(|(_, _, g)| g.clone()));
        self.latest.insert(path.to_string(), (oid, ticket, good));
    }
}

/// Reads the versions the commits created (libgit2 serialises object access, so one thread) and
/// parses them in parallel: YAML parsing is most of a cold walk's cost.
fn parse_all(
    git: &Repository,
    commits: &[LoggedCommit],
) -> Result<HashMap<Oid, Option<Ticket>>, StoreError> {
    let mut texts: Vec<(Oid, &str, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for change in commits.iter().flat_map(|c| &c.changes) {
        if !change.new.is_zero() && seen.insert(change.new) {
            let blob = git.find_blob(change.new)?;
            texts.push((
                change.new,
                change.path.as_str(),
                String::from_utf8_lossy(blob.content()).into_owned(),
            ));
        }
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    let chunk = texts.len().div_ceil(threads).max(1);
    let parsed = std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(oid, path, text)| (*oid, parse_ticket(path, text).ok()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    Ok(parsed)
}

/// Runs `git log --raw -c` over the ticket files, oldest commit first.
fn git_log(git: &Repository, range: &[String]) -> Result<Vec<LoggedCommit>, StoreError> {
    let output = Command::new("git")
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
            "--format=tix %H%x1f%at%x1f%an%x1f%ae",
        ])
        .args(range)
        .output()
        .map_err(|e| {
            StoreError::GitCommand(format!(
                "cannot run git: {e}; tix needs the git command to read history"
            ))
        })?;
    if !output.status.success() {
        return Err(StoreError::GitCommand(
            String::from_utf8_lossy(&output.stderr).trim().to_string(),
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut commits: Vec<LoggedCommit> = Vec::new();
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("tix ") {
            let mut parts = header.split('\u{1f}');
            let id = parts.next().unwrap_or_default().to_string();
            let at = parts.next().and_then(|t| t.parse().ok()).unwrap_or(0);
            let name = parts.next().unwrap_or_default();
            let email = parts.next().unwrap_or_default();
            let actor = if email.is_empty() {
                name.to_string()
            } else {
                format!("{name} <{email}>")
            };
            commits.push(LoggedCommit {
                id,
                at,
                actor,
                changes: Vec::new(),
            });
        } else if line.starts_with(':') {
            if let (Some(commit), Some(change)) = (commits.last_mut(), parse_raw(line)) {
                commit.changes.push(change);
            }
        }
    }
    Ok(commits)
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

fn to_cached(commit: &str, e: &TicketEvent) -> CachedEvent {
    let kind = match &e.kind {
        EventKind::Created(s) => CachedKind::Created {
            status: s.status.clone(),
            priority: s.priority.clone(),
            ticket_type: s.ticket_type.clone(),
            category: s.category.clone(),
            requester: s.requester.clone(),
            assignee: s.assignee.clone(),
            team: s.team.clone(),
        },
        EventKind::StatusChanged { from, to } => CachedKind::Status {
            from: from.clone(),
            to: to.clone(),
        },
        EventKind::PriorityChanged { from, to } => CachedKind::Priority {
            from: from.clone(),
            to: to.clone(),
        },
        EventKind::FieldChanged { field, from, to } => CachedKind::Field {
            field: field.clone(),
            from: from.clone(),
            to: to.clone(),
        },
        EventKind::Comment { author, internal } => CachedKind::Comment {
            author: author.clone(),
            internal: *internal,
        },
    };
    CachedEvent {
        commit: commit.to_string(),
        at: e.at.timestamp(),
        actor: e.actor.clone(),
        kind,
    }
}

fn from_cached(e: CachedEvent) -> TicketEvent {
    let kind = match e.kind {
        CachedKind::Created {
            status,
            priority,
            ticket_type,
            category,
            requester,
            assignee,
            team,
        } => EventKind::Created(TicketSnapshot {
            status,
            priority,
            ticket_type,
            category,
            requester,
            assignee,
            team,
        }),
        CachedKind::Status { from, to } => EventKind::StatusChanged { from, to },
        CachedKind::Priority { from, to } => EventKind::PriorityChanged { from, to },
        CachedKind::Field { field, from, to } => EventKind::FieldChanged { field, from, to },
        CachedKind::Comment { author, internal } => EventKind::Comment { author, internal },
    };
    let at: DateTime<Utc> = Utc.timestamp_opt(e.at, 0).single().unwrap_or_default();
    TicketEvent {
        at,
        actor: e.actor,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
