//! Turning the versions of ticket files named by a walk into [`TicketEvent`]s.
//!
//! Each file's versions are diffed in history order into events. The walk is streamed: as
//! `git log` names a change, it goes to the thread that owns that file (files are independent,
//! so they are spread over every core by path), which reads and parses the new version and
//! diffs it against the one before, keeping only each file's latest version. Holding every
//! version of every file until the walk ended took 2 GB at 500,000 commits. Merge commits
//! contribute only what differs from every parent, so a ticket changed in two clones is
//! counted once per change.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::{Arc, mpsc};

use chrono::{TimeZone, Utc};
use git2::{Oid, Repository};

use super::walk::{
    FileChange, LoggedCommit, parse_header, parse_raw, read_errors, spawn_log, threads,
};
use crate::domain::change;
use crate::domain::event::TicketEvent;
use crate::domain::ticket::Ticket;
use crate::store::{StoreError, parse_ticket};

/// What a change needs of its commit.
struct Commit {
    at: i64,
    actor: String,
}

/// Changes sent to one file owner at a time.
type Batch = Vec<(Arc<Commit>, FileChange)>;

/// Walks `range` and returns (ticket ID, event) pairs, each ticket's in history order.
pub(super) fn events(
    git: &Repository,
    range: &[String],
) -> Result<Vec<(String, TicketEvent)>, StoreError> {
    let (mut child, stdout, stderr) = spawn_log(git, range, None)?;
    let git_dir = git.path().to_path_buf();
    let owners = threads();
    std::thread::scope(|scope| {
        let mut senders = Vec::with_capacity(owners);
        let mut handles = Vec::with_capacity(owners);
        for _ in 0..owners {
            let (sender, receiver) = mpsc::sync_channel::<Batch>(16);
            senders.push(sender);
            let git_dir = &git_dir;
            handles.push(scope.spawn(move || own_files(git_dir, &receiver)));
        }
        let errors = scope.spawn(move || read_errors(stderr));
        let read = route(BufReader::new(stdout), &senders);
        drop(senders);
        let status = child.wait();
        let errors = errors.join().unwrap_or_default();
        let mut out = Vec::new();
        for handle in handles {
            let events = handle
                .join()
                .map_err(|_| StoreError::Internal("a history reader thread panicked"))??;
            out.extend(events);
        }
        read.map_err(|source| StoreError::GitOutput {
            command: "log",
            source,
        })?;
        super::walk::log_status(status, &errors)?;
        Ok(out)
    })
}

/// Reads `git log` output and sends each ticket file change, with its commit, to the owner of
/// that file, in batches.
fn route(mut input: impl BufRead, owners: &[mpsc::SyncSender<Batch>]) -> std::io::Result<()> {
    const BATCH: usize = 256;
    let mut batches: Vec<Batch> = owners.iter().map(|_| Vec::with_capacity(BATCH)).collect();
    let mut commit: Option<Arc<Commit>> = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim_end_matches('\n');
        if let Some(header) = line.strip_prefix("tix ") {
            let LoggedCommit { at, actor, .. } = parse_header(header);
            commit = Some(Arc::new(Commit { at, actor }));
        } else if line.starts_with(':')
            && let (Some(commit), Some(change)) = (&commit, parse_raw(line))
        {
            let owner = owner_of(&change.path, owners.len());
            let (Some(batch), Some(sender)) = (batches.get_mut(owner), owners.get(owner)) else {
                continue;
            };
            batch.push((Arc::clone(commit), change));
            if batch.len() >= BATCH {
                // A send fails only when the owner is gone, which its error reports.
                let _ = sender.send(std::mem::replace(batch, Vec::with_capacity(BATCH)));
            }
        }
    }
    for (batch, sender) in batches.into_iter().zip(owners) {
        if !batch.is_empty() {
            let _ = sender.send(batch);
        }
    }
    Ok(())
}

/// Which of `owners` threads handles `path`: the same one for every change of a file.
fn owner_of(path: &str, owners: usize) -> usize {
    let hash = path.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (hash % owners.max(1) as u64) as usize
}

/// What an owner keeps of one file between its changes.
#[derive(Default)]
struct FileState {
    /// The latest version seen (`None` inside: it did not parse), by blob ID.
    latest: Option<(Oid, Option<Arc<Ticket>>)>,
    /// The last version that parsed, used in place of a broken parent version.
    good: Option<Arc<Ticket>>,
}

/// One owner thread: the events of every change it is sent, each file's in history order.
fn own_files(
    git_dir: &Path,
    receiver: &mpsc::Receiver<Batch>,
) -> Result<Vec<(String, TicketEvent)>, StoreError> {
    let (git, mut failure) = match Repository::open(git_dir) {
        Ok(git) => (Some(git), None),
        Err(e) => (None, Some(StoreError::from(e))),
    };
    let mut files: HashMap<String, FileState> = HashMap::new();
    let mut out = Vec::new();
    while let Ok(batch) = receiver.recv() {
        // After a failure keep draining, so the log reader never blocks on a full channel.
        let (Some(git), None) = (&git, &failure) else {
            continue;
        };
        for (commit, change) in batch {
            let state = files.entry(change.path.clone()).or_default();
            if let Err(e) = file_events(git, state, &commit, &change, &mut out) {
                failure = Some(e);
                break;
            }
        }
    }
    failure.map_or(Ok(out), Err)
}

/// The events of one change of a ticket file, after the file's earlier changes.
fn file_events(
    git: &Repository,
    state: &mut FileState,
    commit: &Commit,
    change: &FileChange,
    out: &mut Vec<(String, TicketEvent)>,
) -> Result<(), StoreError> {
    let Some(id) = Path::new(&change.path).file_stem().and_then(|s| s.to_str()) else {
        return Ok(());
    };
    let get = |oid: Oid| -> Result<Option<Arc<Ticket>>, StoreError> {
        if oid.is_zero() {
            return Ok(None);
        }
        if let Some((seen, version)) = &state.latest
            && *seen == oid
        {
            return Ok(version.clone());
        }
        // Not the version before (a merge's other parent, or the first change of an
        // incremental walk): read it again.
        let blob = git.find_blob(oid)?;
        let text = String::from_utf8_lossy(blob.content());
        Ok(parse_ticket(&change.path, &text).ok().map(Arc::new))
    };
    let at = Utc.timestamp_opt(commit.at, 0).single().unwrap_or_default();
    let parents: Vec<Option<Arc<Ticket>>> = change
        .parents
        .iter()
        .map(|p| get(*p))
        .collect::<Result<_, _>>()?;
    let new = get(change.new)?;
    let events = if change.parents.len() <= 1 {
        let parent = change.parents.first().copied().unwrap_or(Oid::ZERO_SHA1);
        if new.is_none() && !change.new.is_zero() {
            // An unparseable version; its changes show up once it is fixed.
            state.latest = Some((change.new, None));
            return Ok(());
        }
        let old = parents
            .into_iter()
            .next()
            .flatten()
            .or_else(|| state.good.clone().filter(|_| !parent.is_zero()));
        change::events(old.as_deref(), new.as_deref(), at, &commit.actor)
    } else {
        // A merge: keep only what differs from every parent.
        let per_parent: Vec<Vec<TicketEvent>> = parents
            .iter()
            .map(|p| change::events(p.as_deref(), new.as_deref(), at, &commit.actor))
            .collect();
        change::common_to_all(&per_parent)
    };
    if new.is_some() {
        state.good.clone_from(&new);
    }
    state.latest = Some((change.new, new));
    out.extend(events.into_iter().map(|e| (id.to_string(), e)));
    Ok(())
}
