//! Building one commit from HEAD's trees and the files a command wrote.
//!
//! The trees along each written path are rebuilt with TreeBuilder (three small trees for a ticket),
//! so the cost does not depend on the number of tickets. The branch moves by compare-and-swap on
//! its old value, and the working tree and index are updated for the written files only, leaving
//! a user's unrelated changes alone. [`commit_files`] describes the crash-safe order.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use git2::{FileMode, Oid, Repository, Signature, Time, Tree};

use super::StoreError;
use super::index::{self, Applied, TreeChange};
use super::intent::{self, Intent, IntentFile};
use super::lock::{IndexLock, ProcessLock};
use super::recovery;
use crate::domain::actor::Actor;

/// A commit message: a subject for `git log --oneline`, an optional body, and the trailers
/// scripts filter on (`git log --grep 'Tix-Action: resolve'`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitMessage {
    pub subject: String,
    pub body: Option<String>,
    pub trailers: Vec<(String, String)>,
}

impl CommitMessage {
    /// `IT-7KQ2M4X1 resolve: Laptop blue screen` with `Tix-Ticket` and `Tix-Action` trailers.
    pub fn for_ticket(id: &str, action: &str, title: &str) -> CommitMessage {
        CommitMessage {
            subject: format!("{id} {action}: {}", one_line(title)),
            body: None,
            trailers: vec![
                ("Tix-Ticket".into(), id.into()),
                ("Tix-Action".into(), action.into()),
            ],
        }
    }

    /// One commit of one action on several tickets: `resolve 3 tickets: IT-A, IT-B, IT-C`
    /// (the first three named), a body line `ID title` per ticket, and one `Tix-Ticket` trailer
    /// per ticket, as `tix escalate` writes.
    pub fn for_tickets(action: &str, tickets: &[(&str, &str)]) -> CommitMessage {
        let ids: Vec<&str> = tickets.iter().map(|(id, _)| *id).collect();
        let mut named = ids.iter().take(3).copied().collect::<Vec<_>>().join(", ");
        if ids.len() > 3 {
            named.push_str(", …");
        }
        let body = tickets
            .iter()
            .map(|(id, title)| format!("{id} {}", one_line(title)))
            .collect::<Vec<_>>()
            .join("\n");
        let mut trailers = vec![("Tix-Action".to_string(), action.to_string())];
        trailers.extend(
            ids.iter()
                .map(|id| ("Tix-Ticket".to_string(), id.to_string())),
        );
        CommitMessage {
            subject: format!("{action} {} tickets: {named}", ids.len()),
            body: Some(body),
            trailers,
        }
    }

    /// `kb: new printer-jam: Printer on floor 2 jams` with `Tix-Article` and `Tix-Action`
    /// (`kb-new`, `kb-edit`) trailers.
    pub fn for_article(slug: &str, action: &str, title: &str) -> CommitMessage {
        Self::for_record("kb", "Tix-Article", slug, action, title)
    }

    /// `asset: new LT-042: laptop ThinkPad T14` with `Tix-Asset` and `Tix-Action`
    /// (`asset-new`, `asset-edit`) trailers.
    pub fn for_asset(name: &str, action: &str, what: &str) -> CommitMessage {
        Self::for_record("asset", "Tix-Asset", name, action, what)
    }

    /// A change to a file that is not a ticket: `KIND: ACTION NAME: WHAT`.
    fn for_record(
        kind: &str,
        trailer: &str,
        name: &str,
        action: &str,
        what: &str,
    ) -> CommitMessage {
        let what = one_line(what);
        let subject = if what.is_empty() {
            format!("{kind}: {action} {name}")
        } else {
            format!("{kind}: {action} {name}: {what}")
        };
        CommitMessage {
            subject,
            body: None,
            trailers: vec![
                (trailer.into(), name.into()),
                ("Tix-Action".into(), format!("{kind}-{action}")),
            ],
        }
    }

    pub fn init() -> CommitMessage {
        CommitMessage {
            subject: "tix init: ticket repository".into(),
            body: None,
            trailers: vec![("Tix-Action".into(), "init".into())],
        }
    }

    pub fn render(&self) -> String {
        let mut text = self.subject.clone();
        text.push_str("\n\n");
        if let Some(body) = &self.body {
            text.push_str(body.trim_end());
            text.push_str("\n\n");
        }
        for (key, value) in &self.trailers {
            text.push_str(&format!("{key}: {}\n", one_line(value)));
        }
        text
    }
}

/// Subjects and trailers are single lines; long titles are cut so `--oneline` stays readable.
fn one_line(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 72 {
        flat.chars().take(71).collect::<String>() + "…"
    } else {
        flat
    }
}

/// The right to write: tix's write lock, Git's `index.lock` and the branch to move, taken in that
/// order by [`super::Repo::lock`] after any interrupted write was repaired.
///
/// Dropping it without committing releases everything and leaves the repository untouched.
#[derive(Debug)]
pub struct WriteLock {
    pub(crate) process: ProcessLock,
    pub(crate) index: IndexLock,
    /// `refs/heads/main`, or `HEAD` when detached (and allowed).
    pub(crate) reference: String,
    /// How long to wait for a git command that holds the branch's lock for a moment.
    pub(crate) timeout: std::time::Duration,
    pub(crate) index_writer: index::IndexWriter,
    pub(crate) faults: Faults,
}

/// A test hook: `TIX_TEST_CRASH_AT=N` kills the process (SIGKILL) at the Nth step of a write, so
/// the kill tests can stop tix deterministically between any two visible changes.
#[derive(Debug, Default, Clone)]
pub(crate) struct Faults {
    pub crash_at: Option<u32>,
    reached: Cell<u32>,
}

impl Faults {
    pub fn new(crash_at: Option<u32>) -> Faults {
        Faults {
            crash_at,
            reached: Cell::new(0),
        }
    }

    /// One step of a write is done.
    pub fn step(&self) {
        let Some(at) = self.crash_at else { return };
        let reached = self.reached.get() + 1;
        self.reached.set(reached);
        if reached == at {
            // A real SIGKILL (no destructors, no buffered output), as a crash would be.
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &std::process::id().to_string()])
                .status();
            std::process::abort();
        }
    }
}

/// Commits `files` (repository-relative path, content) on top of the branch, crash-safely.
///
/// The protocol, as Git's own porcelain does it, plus an intent record: with `index.lock` held
/// (so no git command can read or write the index meanwhile), write the objects; record the
/// intent; write the working-tree files (temp + rename); write the new index into the lock;
/// move the branch by compare-and-swap; rename the lock over the index; clear the intent. A
/// failure before the branch moves puts the files back; a crash at any instant is finished or
/// undone by the next tix run ([`super::recovery`]). Everything after the objects is
/// [`Landing`], which [`super::chain`] shares to land many commits at once.
pub(crate) fn commit_files(
    git: &Repository,
    workdir: &Path,
    lock: WriteLock,
    files: &[(String, Vec<u8>)],
    message: &CommitMessage,
    actor: &Actor,
    when: DateTime<FixedOffset>,
) -> Result<Oid, StoreError> {
    let landing = Landing::new(git, workdir, lock);
    for (path, _) in files {
        check_worktree_path(workdir, path)?;
    }
    let mut blobs = Vec::with_capacity(files.len());
    for (path, content) in files {
        blobs.push((path.as_str(), git.blob(content)?));
    }
    let contents: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(path, content)| (path.as_str(), content.as_slice()))
        .collect();
    let signature = signature(actor, when)?;
    let mut parent = branch_commit(git, &landing.reference)?;
    let first_parent = parent.as_ref().map(git2::Commit::id);
    let base_tree = parent.as_ref().map(git2::Commit::tree).transpose()?;
    let old_blobs = blobs_at(base_tree.as_ref(), &blobs);
    let mut files_written = false;
    let mut attempts = 0;
    let (commit_id, applied) = loop {
        attempts += 1;
        let base_tree = parent.as_ref().map(git2::Commit::tree).transpose()?;
        let mut tree_changes = Vec::new();
        let tree_id = write_tree(git, base_tree.as_ref(), &blobs, "", &mut tree_changes)?;
        let tree = git.find_tree(tree_id)?;
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let commit_id =
            super::signing::create_commit(git, &signature, &message.render(), &tree, &parents)?;
        landing.faults.step();
        let write = Planned {
            files: &contents,
            blobs: &blobs,
            old_blobs: &old_blobs,
            tree_changes: &tree_changes,
            parent: parent.as_ref().map(git2::Commit::id),
            commit: commit_id,
            subject: &message.subject,
        };
        let record = landing.record(&write)?;
        match landing.land(&write, &record, &mut files_written) {
            Ok(applied) => break (commit_id, applied),
            // A commit made meanwhile by a git command that does not hold `index.lock` to the end
            // (plain `git commit` releases it before moving the branch): when it left the paths
            // tix writes as tix found them, the same change is simply made on top of it.
            Err(StoreError::HeadMoved) if attempts < 10 => {
                let moved_to = branch_commit(git, &landing.reference)?;
                let tree = moved_to.as_ref().map(git2::Commit::tree).transpose()?;
                if blobs_at(tree.as_ref(), &blobs) != old_blobs
                    || moved_to.as_ref().map(git2::Commit::id) == first_parent
                {
                    undo(git, workdir, &record);
                    return Err(StoreError::HeadMoved);
                }
                parent = moved_to;
            }
            Err(StoreError::HeadMoved) => {
                undo(git, workdir, &record);
                return Err(StoreError::HeadMoved);
            }
            Err(e) => return Err(e),
        }
    };
    landing.finish(applied, commit_id)?;
    Ok(commit_id)
}

/// The author (and committer) of a commit by `actor` at `when`.
pub(crate) fn signature(
    actor: &Actor,
    when: DateTime<FixedOffset>,
) -> Result<Signature<'static>, StoreError> {
    let time = Time::new(when.timestamp(), when.offset().local_minus_utc() / 60);
    let email = actor.email.as_deref().unwrap_or("");
    Ok(Signature::new(&actor.name, email, &time)?)
}

/// What one write lands, its objects already written: the final content of the files it
/// touches, their blobs before (in `parent`'s tree) and after, the directories it rewrote from
/// `parent`'s tree (for the index's cache tree), and the commit the branch moves to.
pub(crate) struct Planned<'a> {
    pub files: &'a [(&'a str, &'a [u8])],
    pub blobs: &'a [(&'a str, Oid)],
    /// The blob each path of `blobs` has in `parent`'s tree.
    pub old_blobs: &'a [Option<Oid>],
    pub tree_changes: &'a [TreeChange],
    pub parent: Option<Oid>,
    pub commit: Oid,
    pub subject: &'a str,
}

/// The second half of the write protocol, shared by [`commit_files`] and
/// [`super::chain::commit_chain`]: the objects exist; the intent, the files, the index and the
/// branch follow, each step a point the kill tests stop at ([`Faults`]).
pub(crate) struct Landing<'a> {
    pub git: &'a Repository,
    pub workdir: &'a Path,
    process: ProcessLock,
    index: IndexLock,
    /// `refs/heads/main`, or `HEAD` when detached (and allowed).
    pub reference: String,
    timeout: std::time::Duration,
    started: std::time::Instant,
    index_writer: index::IndexWriter,
    pub faults: Faults,
}

impl<'a> Landing<'a> {
    pub fn new(git: &'a Repository, workdir: &'a Path, lock: WriteLock) -> Landing<'a> {
        Landing {
            git,
            workdir,
            process: lock.process,
            index: lock.index,
            reference: lock.reference,
            timeout: lock.timeout,
            started: std::time::Instant::now(),
            index_writer: lock.index_writer,
            faults: lock.faults,
        }
    }

    /// Records the intent of `write` (one step).
    pub fn record(&self, write: &Planned) -> Result<Intent, StoreError> {
        let record = Intent {
            version: intent::VERSION,
            pid: std::process::id(),
            reference: self.reference.clone(),
            old_commit: write.parent.map(|p| p.to_string()),
            new_commit: write.commit.to_string(),
            subject: write.subject.to_string(),
            files: write
                .blobs
                .iter()
                .zip(write.old_blobs)
                .map(|((path, new), old)| IntentFile {
                    path: (*path).to_string(),
                    old: old.map(|o| o.to_string()),
                    new: new.to_string(),
                })
                .collect(),
        };
        record.write(self.git.path())?;
        self.faults.step();
        Ok(record)
    }

    /// Writes the files (unless `files_written`), the index into its lock and moves the branch
    /// from `write.parent`, waiting up to the lock timeout for a git command holding the branch's
    /// lock. `HeadMoved` is left to the caller to retry or undo; any other failure is undone.
    pub fn land(
        &self,
        write: &Planned,
        record: &Intent,
        files_written: &mut bool,
    ) -> Result<Applied, StoreError> {
        loop {
            match self.land_once(write, files_written) {
                Ok(applied) => return Ok(applied),
                // A git command moving the branch right now: wait for it as for `index.lock`.
                Err(StoreError::RefLocked { .. }) if self.started.elapsed() < self.timeout => {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                Err(StoreError::HeadMoved) => return Err(StoreError::HeadMoved),
                Err(e) => {
                    undo(self.git, self.workdir, record);
                    return Err(e);
                }
            }
        }
    }

    fn land_once(&self, write: &Planned, files_written: &mut bool) -> Result<Applied, StoreError> {
        let (git, workdir) = (self.git, self.workdir);
        let git_dir = git.path();
        if !*files_written {
            let mut staged = Vec::with_capacity(write.files.len());
            for (path, content) in write.files {
                staged.push(stage_file(workdir, path, content)?);
            }
            self.faults.step();
            for (tmp, target) in &staged {
                fs::rename(tmp, target).map_err(|source| StoreError::Io {
                    path: target.clone(),
                    source,
                })?;
                self.faults.step();
            }
            *files_written = true;
        }
        self.index.reset().map_err(|source| StoreError::Io {
            path: git_dir.join("index.lock"),
            source,
        })?;
        let applied = index::record_with(
            self.index_writer,
            git,
            workdir,
            &self.index,
            write.blobs,
            write.tree_changes,
        )?;
        self.faults.step();
        let reflog = format!("tix: {}", write.subject);
        let reference = &self.reference;
        let moved = match write.parent {
            Some(parent) => git
                .reference_matching(reference, write.commit, true, parent, &reflog)
                .map(drop),
            None => git
                .reference(reference, write.commit, false, &reflog)
                .map(drop),
        };
        moved.map_err(|e| match e.code() {
            git2::ErrorCode::Modified | git2::ErrorCode::Exists => StoreError::HeadMoved,
            git2::ErrorCode::Locked => StoreError::RefLocked {
                path: ref_lock_path(git, reference),
            },
            _ => e.into(),
        })?;
        Ok(applied)
    }

    /// The branch has moved: puts the new index in place and clears the intent.
    pub fn finish(self, applied: Applied, commit: Oid) -> Result<(), StoreError> {
        self.faults.step();
        let git_dir = self.git.path();
        match applied {
            Applied::Written => {
                self.index
                    .commit(git_dir)
                    .map_err(|e| StoreError::Unfinished {
                        commit: commit.to_string(),
                        reason: e.to_string(),
                    })?;
            }
            Applied::Unchanged => drop(self.index),
        }
        self.faults.step();
        Intent::clear(git_dir);
        drop(self.process);
        Ok(())
    }
}

/// Nothing is committed: puts the files back as they were and forgets the intent.
pub(super) fn undo(git: &Repository, workdir: &Path, intent: &Intent) {
    recovery::restore_files(git, workdir, intent, recovery::Target::Old);
    Intent::clear(git.path());
}

/// The commit a branch points to; `None` for a branch not born yet.
pub(super) fn branch_commit<'r>(
    git: &'r Repository,
    reference: &str,
) -> Result<Option<git2::Commit<'r>>, StoreError> {
    match git.refname_to_id(reference) {
        Ok(oid) => Ok(Some(git.find_commit(oid)?)),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The blobs `tree` has at the paths of `blobs`.
pub(super) fn blobs_at(tree: Option<&Tree>, blobs: &[(&str, Oid)]) -> Vec<Option<Oid>> {
    blobs
        .iter()
        .map(|(path, _)| {
            tree.and_then(|t| t.get_path(Path::new(path)).ok())
                .map(|e| e.id())
        })
        .collect()
}

/// Where Git locks `reference` while moving it (refs live in the common dir of worktrees).
pub(crate) fn ref_lock_path(git: &Repository, reference: &str) -> PathBuf {
    let base = if reference == "HEAD" {
        git.path()
    } else {
        git.commondir()
    };
    base.join(format!("{reference}.lock"))
}

/// The branch HEAD points to (`refs/heads/main`), or `HEAD` itself when detached.
pub(crate) fn head_ref_name(git: &Repository) -> Result<String, StoreError> {
    let head = git.find_reference("HEAD")?;
    Ok(head
        .symbolic_target()
        .ok()
        .flatten()
        .unwrap_or("HEAD")
        .to_string())
}

/// Refuses a path whose directories are symbolic links or files in the working tree: Git does
/// not follow symlinks, so writing through one would put the ticket outside what Git tracks.
pub(super) fn check_worktree_path(workdir: &Path, rel: &str) -> Result<(), StoreError> {
    let mut at = workdir.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let Ok(meta) = fs::symlink_metadata(&at) else {
            return Ok(());
        };
        let shown = parts.get(..=i).unwrap_or(&parts).join("/");
        if meta.file_type().is_symlink() {
            return Err(StoreError::PathBlocked {
                path: shown,
                reason: "is a symbolic link",
            });
        }
        if i + 1 < parts.len() && !meta.is_dir() {
            return Err(StoreError::PathBlocked {
                path: shown,
                reason: "is a file, not a directory",
            });
        }
    }
    Ok(())
}

fn stage_file(workdir: &Path, rel: &str, content: &[u8]) -> Result<(PathBuf, PathBuf), StoreError> {
    let target = workdir.join(rel);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    let dir = target.parent().unwrap_or(workdir);
    fs::create_dir_all(dir).map_err(io(dir))?;
    let tmp = intent::temp_path(&target);
    let mut file = fs::File::create(&tmp).map_err(io(&tmp))?;
    file.write_all(content).map_err(io(&tmp))?;
    Ok((tmp, target))
}

/// Writes the trees for `base` with `blobs` added or replaced, returning the new root tree.
/// Also records each rewritten directory, so the index's cache tree can stay valid.
pub(super) fn write_tree(
    git: &Repository,
    base: Option<&Tree>,
    blobs: &[(&str, Oid)],
    dir_path: &str,
    changes: &mut Vec<TreeChange>,
) -> Result<Oid, StoreError> {
    // Group by first path component so each directory is rebuilt once however many files change.
    let mut here: Vec<(&str, Oid)> = Vec::new();
    let mut below: BTreeMap<&str, Vec<(&str, Oid)>> = BTreeMap::new();
    for (path, oid) in blobs {
        match path.split_once('/') {
            Some((dir, rest)) => below.entry(dir).or_default().push((rest, *oid)),
            None => here.push((path, *oid)),
        }
    }
    let mut builder = git.treebuilder(base)?;
    for (name, oid) in here {
        builder.insert(name, oid, FileMode::Blob.into())?;
    }
    for (dir, entries) in below {
        let sub_path = if dir_path.is_empty() {
            dir.to_string()
        } else {
            format!("{dir_path}/{dir}")
        };
        let sub = match base.and_then(|t| t.get_name(dir)) {
            Some(entry) if entry.kind() == Some(git2::ObjectType::Tree) => {
                Some(git.find_tree(entry.id())?)
            }
            // Replacing a committed symlink or file by a directory would split the repository:
            // the old entry vanishes from the tree while the working tree still has it.
            Some(entry) => {
                return Err(StoreError::PathBlocked {
                    path: sub_path,
                    reason: if entry.filemode() == i32::from(FileMode::Link) {
                        "is a symbolic link in the last commit"
                    } else {
                        "is a file in the last commit, not a directory"
                    },
                });
            }
            None => None,
        };
        let sub_id = write_tree(git, sub.as_ref(), &entries, &sub_path, changes)?;
        builder.insert(dir, sub_id, FileMode::Tree.into())?;
    }
    let new = builder.write()?;
    changes.push(TreeChange {
        dir: dir_path.to_string(),
        old: base.map(Tree::id),
        new,
    });
    Ok(new)
}
