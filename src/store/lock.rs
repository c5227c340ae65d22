//! Locks that cannot wedge a repository: tix's own kernel locks, and Git's `index.lock`.
//!
//! tix's own locks (`.git/tix/write.lock` for writers, `.git/tix/timeline.lock` for the history
//! cache) are `flock`s: the kernel releases them when the holder exits or is killed, so there is
//! no stale lock to detect, whatever the file holds. The holder writes its PID into the file only
//! so a waiter can name it.
//!
//! Git's `index.lock` is what makes git and tix exclude each other: git creates it with
//! `O_EXCL` for every command that writes the index or commits. tix takes it the same way, but
//! through a hard link: the lock is first created as `.git/tix/index.lock`, then linked to
//! `.git/index.lock` (which fails if the name exists, like `O_EXCL`). The two names share an
//! inode, so after a crash the next tix run can tell its own stale `index.lock` (same inode as
//! the link it left) from a live git command's (another inode) without guessing from ages or PIDs.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Read, Seek, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use super::StoreError;

/// A kernel-held exclusive lock on a file; released on drop or when the process dies.
#[derive(Debug)]
pub struct ProcessLock {
    // Kept open: closing the last descriptor releases the flock.
    _file: File,
}

impl ProcessLock {
    /// Takes the lock at `path` (created if needed), waiting up to `timeout` for its holder.
    ///
    /// # Errors
    /// `Locked` (naming the holder's PID when known) when the wait runs out, `Io` when the file
    /// cannot be opened (for example on a read-only file system).
    pub fn acquire(path: &Path, timeout: Duration) -> Result<ProcessLock, StoreError> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match Self::try_acquire(path)? {
                Some(lock) => return Ok(lock),
                None if started.elapsed() >= timeout => {
                    return Err(StoreError::Locked {
                        path: path.to_path_buf(),
                        pid: holder_pid(path),
                    });
                }
                None => {
                    thread::sleep(pause + jitter());
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
            }
        }
    }

    /// Takes the lock if nobody holds it; `None` when a live process does.
    ///
    /// # Errors
    /// `Io` when the file cannot be opened or locked for another reason.
    pub fn try_acquire(path: &Path) -> Result<Option<ProcessLock>, StoreError> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent() {
            // A fresh clone has no .git/tix yet; a failure shows in the open below.
            let _ = fs::create_dir_all(dir);
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {
                // Best effort: the PID is only there to be named in a waiter's message.
                let _ = file
                    .set_len(0)
                    .and_then(|()| file.rewind())
                    .and_then(|()| writeln!(file, "{}", std::process::id()));
                Ok(Some(ProcessLock { _file: file }))
            }
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(source)) => Err(io(source)),
        }
    }
}

/// The PID a lock holder wrote into its lock file, if readable.
fn holder_pid(path: &Path) -> Option<u32> {
    let mut text = String::new();
    File::open(path).ok()?.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Spreads retries of processes that started together.
fn jitter() -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    Duration::from_micros(u64::from(nanos % 1000))
}

/// Git's `.git/index.lock`, held by tix; removed on drop unless renamed over the index.
#[derive(Debug)]
pub struct IndexLock {
    /// `.git/index.lock`.
    path: PathBuf,
    /// `.git/tix/index.lock`, the second name of the same file.
    link: PathBuf,
    file: Option<File>,
    done: bool,
}

/// Where tix keeps the second name of an `index.lock` it holds.
pub(crate) fn index_lock_link(git_dir: &Path) -> PathBuf {
    git_dir.join("tix").join("index.lock")
}

impl IndexLock {
    /// Takes `<git_dir>/index.lock`, waiting up to `timeout` for a git command that holds it.
    ///
    /// Must be called with the write lock held (only one tix process uses the link name).
    ///
    /// # Errors
    /// `IndexLocked` when the wait runs out, `Io` for file system failures.
    pub fn acquire(git_dir: &Path, timeout: Duration) -> Result<IndexLock, StoreError> {
        let path = git_dir.join("index.lock");
        let link = index_lock_link(git_dir);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        let _ = fs::remove_file(&link);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&link)
            .map_err(io(&link))?;
        // The index keeps its permissions (core.sharedRepository may have widened them).
        if let Ok(meta) = fs::metadata(git_dir.join("index")) {
            let _ = file.set_permissions(meta.permissions());
        }
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match fs::hard_link(&link, &path) {
                Ok(()) => {
                    return Ok(IndexLock {
                        path,
                        link,
                        file: Some(file),
                        done: false,
                    });
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    if started.elapsed() >= timeout {
                        let _ = fs::remove_file(&link);
                        return Err(StoreError::IndexLocked { path });
                    }
                    thread::sleep(pause + jitter());
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(source) => {
                    let _ = fs::remove_file(&link);
                    return Err(StoreError::Io { path, source });
                }
            }
        }
    }

    /// The open lock file, to write the new index into.
    pub fn file(&self) -> Option<&File> {
        self.file.as_ref()
    }

    /// Empties the lock file, to write the index again (after the branch moved meanwhile).
    ///
    /// # Errors
    /// File system failures.
    pub fn reset(&self) -> std::io::Result<()> {
        let mut file = self
            .file
            .as_ref()
            .ok_or_else(|| std::io::Error::other("closed"))?;
        file.set_len(0)?;
        file.rewind()?;
        Ok(())
    }

    /// Replaces `.git/index` with what was written into the lock (git's commit of a lock file).
    ///
    /// # Errors
    /// The rename failing; the lock is then removed on drop.
    pub fn commit(mut self, git_dir: &Path) -> Result<(), StoreError> {
        drop(self.file.take());
        let index = git_dir.join("index");
        fs::rename(&self.path, &index).map_err(|source| StoreError::Io {
            path: index.clone(),
            source,
        })?;
        self.done = true;
        let _ = fs::remove_file(&self.link);
        Ok(())
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        drop(self.file.take());
        if !self.done {
            let _ = fs::remove_file(&self.path);
            let _ = fs::remove_file(&self.link);
        }
    }
}

/// After a crash: removes `.git/index.lock` if it is the one tix's link names (same inode), and
/// the link. Returns true when a stale lock of tix's was removed.
pub(crate) fn clear_stale_index_lock(git_dir: &Path) -> bool {
    let link = index_lock_link(git_dir);
    let Ok(ours) = fs::symlink_metadata(&link) else {
        return false;
    };
    let path = git_dir.join("index.lock");
    let removed = match fs::symlink_metadata(&path) {
        Ok(theirs) if theirs.ino() == ours.ino() && theirs.dev() == ours.dev() => {
            fs::remove_file(&path).is_ok()
        }
        _ => false,
    };
    let _ = fs::remove_file(&link);
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_times_out_naming_the_holder_then_succeeds_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("write.lock");
        let first = ProcessLock::acquire(&path, Duration::from_millis(10)).unwrap();
        let second = ProcessLock::acquire(&path, Duration::from_millis(30));
        match second {
            Err(StoreError::Locked { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(first);
        assert!(ProcessLock::acquire(&path, Duration::from_millis(10)).is_ok());
    }

    #[test]
    fn leftover_lock_file_of_any_content_is_not_a_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("write.lock");
        // Not Duration::ZERO: another test of this process may fork (to run git) while the
        // lock is open, and the child holds the flock until it execs, a few milliseconds.
        let wait = Duration::from_secs(5);
        fs::write(&path, "").unwrap();
        assert!(ProcessLock::acquire(&path, wait).is_ok());
        fs::write(&path, "1\n").unwrap();
        assert!(ProcessLock::acquire(&path, wait).is_ok());
    }

    #[test]
    fn index_lock_excludes_git_and_is_recognised_after_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let git_dir = dir.path();
        fs::create_dir_all(git_dir.join("tix")).unwrap();
        let held = IndexLock::acquire(git_dir, Duration::ZERO).unwrap();
        // A crash: nothing runs the destructor.
        std::mem::forget(held);
        assert!(git_dir.join("index.lock").exists());
        assert!(clear_stale_index_lock(git_dir));
        assert!(!git_dir.join("index.lock").exists());
        // Somebody else's lock is waited for, then reported, and never removed.
        fs::write(git_dir.join("index.lock"), "").unwrap();
        assert!(matches!(
            IndexLock::acquire(git_dir, Duration::from_millis(20)),
            Err(StoreError::IndexLocked { .. })
        ));
        assert!(!clear_stale_index_lock(git_dir));
        assert!(git_dir.join("index.lock").exists());
        fs::remove_file(git_dir.join("index.lock")).unwrap();
        let held = IndexLock::acquire(git_dir, Duration::ZERO).unwrap();
        drop(held);
        assert!(!git_dir.join("index.lock").exists());
    }
}
