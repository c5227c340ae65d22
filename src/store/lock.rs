//! One writer at a time: an exclusive lock file under `.git/`.
//!
//! Two tix processes that both read HEAD, build a commit and move the branch would lose one
//! ticket. The lock serialises the read-modify-commit section; waiting processes retry for a
//! while, so 20 parallel `tix new` all succeed, and only a lock held far too long is reported as
//! "locked, retry". A lock left by a crashed process (its PID no longer runs) is taken over.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use super::StoreError;

/// Held while a process writes; removing the file on drop releases it.
#[derive(Debug)]
pub struct WriteLock {
    path: PathBuf,
}

impl WriteLock {
    /// Takes the lock, waiting up to `timeout` for another holder to finish.
    ///
    /// # Errors
    /// `Locked` when the wait runs out, `Io` when the lock file cannot be created.
    pub fn acquire(git_dir: &Path, timeout: Duration) -> Result<WriteLock, StoreError> {
        Self::acquire_at(git_dir.join("tix.lock"), timeout)
    }

    /// Takes a lock file at `path` (its directory must exist), waiting up to `timeout`.
    ///
    /// # Errors
    /// As [`WriteLock::acquire`].
    pub fn acquire_at(path: PathBuf, timeout: Duration) -> Result<WriteLock, StoreError> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    // The PID lets a later process tell a crashed holder from a live one.
                    let _ = writeln!(file, "{}", std::process::id());
                    return Ok(WriteLock { path });
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    if holder_is_gone(&path) {
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                    if started.elapsed() >= timeout {
                        return Err(StoreError::Locked { path });
                    }
                    thread::sleep(pause + jitter());
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(source) => return Err(StoreError::Io { path, source }),
            }
        }
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Spreads retries of processes that started together.
fn jitter() -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    Duration::from_micros(u64::from(nanos % 3000))
}

/// True when the lock names a PID that is not running (Linux `/proc`; elsewhere never assumed).
fn holder_is_gone(path: &Path) -> bool {
    let Ok(text) = fs::read_to_string(path) else {
        return false;
    };
    let Ok(pid) = text.trim().parse::<u32>() else {
        return false;
    };
    let proc_root = Path::new("/proc");
    proc_root.join("self").exists() && !proc_root.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_times_out_then_succeeds_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let first = WriteLock::acquire(dir.path(), Duration::from_millis(10)).unwrap();
        let second = WriteLock::acquire(dir.path(), Duration::from_millis(30));
        assert!(matches!(second, Err(StoreError::Locked { .. })));
        drop(first);
        assert!(WriteLock::acquire(dir.path(), Duration::from_millis(10)).is_ok());
    }

    #[test]
    fn stale_lock_of_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("tix.lock"), "4294967\n").unwrap();
        assert!(WriteLock::acquire(dir.path(), Duration::from_millis(10)).is_ok());
    }
}
