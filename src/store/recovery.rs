//! Repairing a write that was interrupted: the next tix run finishes or undoes it.
//!
//! A write that died leaves its intent record (see [`super::intent`]) and possibly its
//! `index.lock`, temp files, half-replaced ticket files, or a lock of the branch. Whether the
//! commit landed is read from the branch itself: the repair makes the files and the index of the
//! recorded paths match the branch as it is now, so the outcome is "before" or "after" the
//! command, never a mixture. Only content tix itself wrote (the recorded old or new blob) is
//! touched; anything else found at those paths (a person's edit since) is left alone.
//!
//! Every command runs [`repair_if_interrupted`] when it opens the repository: two `stat`s when
//! there is nothing to do. A writer that is still alive holds the write lock, so its record is
//! never mistaken for a crashed one.

use std::fs;
use std::path::Path;
use std::time::Duration;

use git2::{ObjectType, Oid, Repository};

use super::StoreError;
use super::commit;
use super::index::{self, Applied};
use super::intent::{self, Intent, IntentFile};
use super::lock::{self, IndexLock, ProcessLock};

/// Which version of the recorded files to put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The content before the write (it failed before the branch moved).
    Old,
    /// The content the branch now has (after a crash: committed or not).
    Branch,
}

/// The write lock's file.
pub(crate) fn write_lock_path(git_dir: &Path) -> std::path::PathBuf {
    git_dir.join("tix").join("write.lock")
}

/// Repairs an interrupted write if there is one and its writer is gone; returns what was done.
///
/// # Errors
/// The repair itself failing (for example on a read-only file system); the record is kept, so
/// a later run tries again.
pub(crate) fn repair_if_interrupted(
    git: &Repository,
    workdir: &Path,
) -> Result<Option<String>, StoreError> {
    let git_dir = git.path();
    if !intent::path(git_dir).exists() && !lock::index_lock_link(git_dir).exists() {
        return Ok(None);
    }
    match ProcessLock::try_acquire(&write_lock_path(git_dir))? {
        Some(_held) => repair(git, workdir),
        // A live writer: its record is not stale.
        None => Ok(None),
    }
}

/// Repairs an interrupted write; the caller holds the write lock.
///
/// # Errors
/// As [`repair_if_interrupted`].
pub(crate) fn repair(git: &Repository, workdir: &Path) -> Result<Option<String>, StoreError> {
    let git_dir = git.path();
    let stale_lock = lock::clear_stale_index_lock(git_dir);
    let intent = match Intent::read(git_dir) {
        None => {
            return Ok(stale_lock.then(|| {
                "removed the .git/index.lock an interrupted tix command left; nothing had been written".to_string()
            }));
        }
        Some(Err(reason)) => {
            Intent::clear(git_dir);
            return Ok(Some(format!(
                "discarded an unreadable record of an interrupted tix write ({reason})"
            )));
        }
        Some(Ok(intent)) => intent,
    };
    // libgit2 creates the branch's lock file, writes the new commit ID into it and renames it;
    // killed in between, it leaves the lock with (part of) our ID. A lock of someone else's
    // holds another ID, or is older than our record.
    let ref_lock = commit::ref_lock_path(git, &intent.reference);
    let ours = format!("{}\n", intent.new_commit);
    let recorded = fs::metadata(intent::path(git_dir))
        .and_then(|m| m.modified())
        .ok();
    let locked = fs::metadata(&ref_lock).and_then(|m| m.modified()).ok();
    if let (Some(recorded), Some(locked)) = (recorded, locked)
        && locked >= recorded
        && fs::read_to_string(&ref_lock).is_ok_and(|t| ours.starts_with(&t))
    {
        let _ = fs::remove_file(&ref_lock);
    }
    let branch = git.refname_to_id(&intent.reference).ok();
    let new = Oid::from_str(&intent.new_commit).ok();
    let committed = match (branch, new) {
        (Some(branch), Some(new)) => {
            branch == new || git.graph_descendant_of(branch, new).unwrap_or(false)
        }
        _ => false,
    };
    let rewritten = restore_files(git, workdir, &intent, Target::Branch);
    sync_index(git, workdir, &intent, &rewritten)?;
    Intent::clear(git_dir);
    let short: String = intent.new_commit.chars().take(10).collect();
    Ok(Some(if committed {
        format!(
            "finished an interrupted tix write ({}): it was committed as {short}; the files and the index now match it",
            intent.subject
        )
    } else {
        format!(
            "undid an interrupted tix write ({}): it was not committed; the files are as they were before it",
            intent.subject
        )
    }))
}

/// Puts the recorded files back to `target` where they hold content tix wrote (the old or new
/// blob), removing temp files. Returns the paths whose working-tree file now holds the target.
pub(crate) fn restore_files(
    git: &Repository,
    workdir: &Path,
    intent: &Intent,
    target: Target,
) -> Vec<String> {
    let branch_tree = match target {
        Target::Old => None,
        Target::Branch => git
            .refname_to_id(&intent.reference)
            .ok()
            .and_then(|c| git.find_commit(c).ok())
            .and_then(|c| c.tree().ok()),
    };
    let mut matching = Vec::new();
    for file in &intent.files {
        let path = workdir.join(&file.path);
        let _ = fs::remove_file(intent::temp_path(&path));
        let want = match target {
            Target::Old => file.old.as_deref().and_then(|o| Oid::from_str(o).ok()),
            Target::Branch => branch_tree
                .as_ref()
                .and_then(|t| t.get_path(Path::new(&file.path)).ok())
                .map(|e| e.id()),
        };
        let have = worktree_blob(&path);
        if have == want {
            matching.push(file.path.clone());
            continue;
        }
        if !is_ours(file, have) {
            continue;
        }
        let restored = match want {
            Some(blob) => git.find_blob(blob).ok().is_some_and(|b| {
                let tmp = intent::temp_path(&path);
                fs::write(&tmp, b.content()).is_ok() && fs::rename(&tmp, &path).is_ok()
            }),
            None => fs::remove_file(&path).is_ok(),
        };
        if restored {
            matching.push(file.path.clone());
        }
    }
    matching
}

/// True when `blob` is what the write found or put at the file's path.
fn is_ours(file: &IntentFile, blob: Option<Oid>) -> bool {
    let hex = blob.map(|b| b.to_string());
    hex.as_deref() == file.old.as_deref() || hex.as_deref() == Some(file.new.as_str())
}

fn worktree_blob(path: &Path) -> Option<Oid> {
    let bytes = fs::read(path).ok()?;
    Oid::hash_object(ObjectType::Blob, &bytes).ok()
}

/// Makes the index entries of the recorded paths match the branch, where they hold what tix
/// found or wrote and the working-tree file already matches (so the entry's stat data is true).
fn sync_index(
    git: &Repository,
    workdir: &Path,
    intent: &Intent,
    matching: &[String],
) -> Result<(), StoreError> {
    let git_dir = git.path();
    let tree = git
        .refname_to_id(&intent.reference)
        .ok()
        .and_then(|c| git.find_commit(c).ok())
        .and_then(|c| c.tree().ok());
    let held = IndexLock::acquire(git_dir, Duration::ZERO)?;
    let entries = git2::Index::open(&git_dir.join("index"))?;
    let mut upserts: Vec<(&str, Oid)> = Vec::new();
    let mut removals: Vec<&str> = Vec::new();
    for file in &intent.files {
        let want = tree
            .as_ref()
            .and_then(|t| t.get_path(Path::new(&file.path)).ok())
            .map(|e| e.id());
        let have = entries.get_path(Path::new(&file.path), 0).map(|e| e.id);
        if have.is_some() && !is_ours(file, have) {
            continue;
        }
        match want {
            Some(blob) if matching.contains(&file.path) => upserts.push((&file.path, blob)),
            None if have.is_some() => removals.push(&file.path),
            _ => {}
        }
    }
    drop(entries);
    if !upserts.is_empty() {
        if index::record(git, workdir, &held, &upserts, &[])? == Applied::Written {
            held.commit(git_dir)?;
        }
    } else {
        drop(held);
    }
    if !removals.is_empty() {
        let held = IndexLock::acquire(git_dir, Duration::ZERO)?;
        if index::forget(git, workdir, &held, &removals)? == Applied::Written {
            held.commit(git_dir)?;
        }
    }
    Ok(())
}
