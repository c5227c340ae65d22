//! Running `git log --raw -c` over a range of commits and reading what it names.
//!
//! One walk lists every version of every ticket file with its author and author date (`git log`
//! diffs trees much faster than libgit2 does; README "Speed" and bench/README.md have the
//! figures); while git runs, the versions it names are read with libgit2 and parsed on every
//! core. What the versions mean is for `derive`.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, ChildStderr, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};

use git2::{Oid, Repository};

use crate::domain::ticket::Ticket;
use crate::store::{StoreError, TICKETS_DIR, parse_ticket};

/// One commit from `git log`.
pub(crate) struct LoggedCommit {
    pub(crate) id: String,
    /// Author date, seconds since the epoch.
    pub(crate) at: i64,
    /// The author's UTC offset at `at`, in minutes.
    pub(crate) offset_minutes: i32,
    /// `Name <email>`, or the name alone when the email is empty.
    pub(crate) actor: String,
    pub(crate) subject: String,
    pub(crate) changes: Vec<FileChange>,
}

/// One ticket file changed by a commit: its blob in each parent (zero oid when absent) and after.
pub(crate) struct FileChange {
    pub(crate) path: String,
    pub(crate) parents: Vec<Oid>,
    pub(crate) new: Oid,
}

/// Every version of a ticket file the walk needs, parsed.
pub(crate) type Parsed = HashMap<Oid, Version>;

/// One parsed version of a ticket file, or why it does not parse.
pub(crate) type Version = Result<Arc<Ticket>, String>;

/// How many parser and deriver threads to run: one per core, up to eight.
pub(super) fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8)
}

/// Starts `git log --raw -c` over `range` (oldest commit first), with its output and error
/// pipes. With `file`, see [`log_and_parse`].
pub(super) fn spawn_log(
    git: &Repository,
    range: &[String],
    file: Option<&str>,
) -> Result<(Child, ChildStdout, ChildStderr), StoreError> {
    let (order, limit): (&[&str], &[&str]) = match file {
        Some(path) => (&["--full-history", "--date-order"], &["--", path]),
        None => (&["--topo-order"], &[]),
    };
    let mut child = Command::new("git")
        .arg("--git-dir")
        .arg(git.path())
        .args([
            "-c",
            "core.quotePath=false",
            "-c",
            "log.showSignature=false",
            // A ticket created in the first commit (or at a shallow boundary) needs its root diff,
            // and a one-file walk must not turn into `--follow`.
            "-c",
            "log.showRoot=true",
            "-c",
            "log.follow=false",
            // git maps up to 8 GiB of pack by default, and every page it touches counts as its
            // memory: at 500,000 commits this cap took its peak from 930 MB to 560 MB at no
            // cost in time. (A smaller delta base cache halved its speed.)
            "-c",
            "core.packedGitLimit=64m",
            "-c",
            "core.packedGitWindowSize=16m",
            "log",
            "--raw",
            "-c",
            "--no-renames",
            "--no-abbrev",
        ])
        // No pathspec for the whole walk: with one, git simplifies history per commit and parent
        // (slower, bench/README.md); ticket paths are filtered while parsing instead.
        .args(["--reverse", "--no-color", "--date=raw"])
        .args(order)
        .arg("--format=tix %H%x1f%ad%x1f%an%x1f%ae%x1f%s")
        .args(range)
        .args(limit)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| StoreError::GitSpawn {
            command: "log",
            source,
        })?;
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(StoreError::Internal(
            "git log started without its output pipes",
        ));
    };
    Ok((child, stdout, stderr))
}

/// Runs `git log --raw -c` over `range`, oldest commit first, and meanwhile reads and parses on
/// every core each ticket version it names: YAML parsing is most of a cold walk's cost, and
/// this way it overlaps with git's tree diffing.
///
/// With `file`, only the commits that changed that ticket file are listed, in author-date order
/// across branches (as a person reads an audit trail: two clones' changes interleaved, not one
/// branch after the other); `--full-history` keeps git from skipping a side branch whose net
/// effect on the file was nil.
pub(crate) fn log_and_parse(
    git: &Repository,
    range: &[String],
    file: Option<&str>,
) -> Result<(Vec<LoggedCommit>, Parsed), StoreError> {
    let (mut child, stdout, stderr) = spawn_log(git, range, file)?;
    let git_dir = git.path().to_path_buf();
    let (sender, receiver) = mpsc::sync_channel::<Vec<(Oid, String)>>(64);
    let receiver = Mutex::new(receiver);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads())
            .map(|_| scope.spawn(|| parse_versions(&git_dir, &receiver)))
            .collect();
        let errors = scope.spawn(move || read_errors(stderr));
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
        log_status(status, &errors)?;
        Ok((commits, parsed))
    })
}

/// How `git log` ended, as an error when it failed (`errors`: what it wrote to stderr).
pub(super) fn log_status(
    status: std::io::Result<std::process::ExitStatus>,
    errors: &str,
) -> Result<(), StoreError> {
    match status {
        Ok(status) if status.success() => Ok(()),
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
            commits.push(parse_header(header));
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
                    let version = parse_ticket(&path, &text)
                        .map(Arc::new)
                        .map_err(|e| e.to_string());
                    out.push((oid, version));
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

/// A commit from the `--format` line [`spawn_log`] asks for (after its `tix ` mark), with no
/// changes yet.
pub(super) fn parse_header(header: &str) -> LoggedCommit {
    // The subject goes last and takes the rest, as it may hold any character.
    let mut parts = header.splitn(5, '\u{1f}');
    let id = parts.next().unwrap_or_default().to_string();
    let (at, offset_minutes) = parse_raw_date(parts.next().unwrap_or_default());
    let name = parts.next().unwrap_or_default();
    let email = parts.next().unwrap_or_default();
    let actor = if email.is_empty() {
        name.to_string()
    } else {
        format!("{name} <{email}>")
    };
    LoggedCommit {
        id,
        at,
        offset_minutes,
        actor,
        subject: parts.next().unwrap_or_default().to_string(),
        changes: Vec::new(),
    }
}

/// Everything `git log` writes to stderr, for its error message; read on its own thread so a
/// full pipe never stalls git.
pub(super) fn read_errors(mut stderr: ChildStderr) -> String {
    let mut text = String::new();
    let _ = stderr.read_to_string(&mut text);
    text
}

/// Parses `--date=raw`'s `1772442000 +0100` into seconds and offset minutes (0 where unreadable).
fn parse_raw_date(text: &str) -> (i64, i32) {
    let (secs, zone) = text.split_once(' ').unwrap_or((text, "+0000"));
    let at = secs.parse().unwrap_or(0);
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits: i32 = zone.trim_start_matches(['+', '-']).parse().unwrap_or(0);
    (at, sign * (digits / 100 * 60 + digits % 100))
}

/// Parses `:100644 100644 OLD NEW M\tpath` or the combined `::m1 m2 m3 P1 P2 NEW MM\tpath`.
pub(super) fn parse_raw(line: &str) -> Option<FileChange> {
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

    #[test]
    fn parses_raw_dates_with_their_offsets() {
        assert_eq!(parse_raw_date("1772442000 +0100"), (1_772_442_000, 60));
        assert_eq!(parse_raw_date("1772442000 -0930"), (1_772_442_000, -570));
        assert_eq!(parse_raw_date("0 +0000"), (0, 0));
    }
}
