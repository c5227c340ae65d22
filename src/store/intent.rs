//! The intent record: what a write is about to do, so the next run can finish or undo it.
//!
//! A commit touches four things that cannot change together: the working-tree files, the index,
//! the branch and tix's own bookkeeping. Before the first of them changes, the writer records in
//! `.git/tix/intent.json` the branch, its old and new commit and every file with its old and new
//! blob. A process killed at any later instant leaves this record behind; the next tix run (any
//! command) reads it under the write lock, sees from the branch whether the commit landed, and
//! brings the files and the index to match the branch (see [`super::recovery`]).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::StoreError;

/// One file the write replaces: its repository path and blob IDs (hex) before and after.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct IntentFile {
    pub path: String,
    pub old: Option<String>,
    pub new: String,
}

/// What a write is about to do.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Intent {
    pub version: u32,
    pub pid: u32,
    /// The branch (`refs/heads/main`), or `HEAD` when detached.
    #[serde(rename = "ref")]
    pub reference: String,
    pub old_commit: Option<String>,
    pub new_commit: String,
    /// The commit's subject, to say what was repaired.
    pub subject: String,
    pub files: Vec<IntentFile>,
}

pub(crate) const VERSION: u32 = 1;

pub(crate) fn path(git_dir: &Path) -> PathBuf {
    git_dir.join("tix").join("intent.json")
}

impl Intent {
    /// Writes the record (temp file + rename, so a reader never sees half of it).
    ///
    /// No fsync: the record protects against a process dying, as Git's own lock files do; after
    /// a power loss Git's durability settings (`core.fsync`) decide for the objects too.
    ///
    /// # Errors
    /// File system failures; nothing visible has changed yet then.
    pub fn write(&self, git_dir: &Path) -> Result<(), StoreError> {
        let target = path(git_dir);
        let tmp = target.with_extension("json.tmp");
        let io = |p: &Path| {
            let p = p.to_path_buf();
            move |source| StoreError::Io { path: p, source }
        };
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        let mut file = fs::File::create(&tmp).map_err(io(&tmp))?;
        file.write_all(&bytes).map_err(io(&tmp))?;
        drop(file);
        fs::rename(&tmp, &target).map_err(io(&target))
    }

    /// The record left by an interrupted write, if any. An unreadable record (torn by a crash
    /// while it was being written, before anything visible changed) reads as `Err` with the text.
    pub fn read(git_dir: &Path) -> Option<Result<Intent, String>> {
        let bytes = fs::read(path(git_dir)).ok()?;
        Some(
            serde_json::from_slice::<Intent>(&bytes)
                .map_err(|e| e.to_string())
                .and_then(|i| {
                    if i.version == VERSION {
                        Ok(i)
                    } else {
                        Err(format!("unknown version {}", i.version))
                    }
                }),
        )
    }

    /// Removes the record: the write is complete (or undone).
    pub fn clear(git_dir: &Path) {
        let _ = fs::remove_file(path(git_dir));
        let _ = fs::remove_file(path(git_dir).with_extension("json.tmp"));
    }
}

/// The temporary name a new file's content is written under before it is renamed into place.
pub(crate) fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("ticket");
    target.with_file_name(format!(".{name}.tix-tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_torn_record() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("tix")).unwrap();
        assert!(Intent::read(dir.path()).is_none());
        let intent = Intent {
            version: VERSION,
            pid: 7,
            reference: "refs/heads/main".into(),
            old_commit: None,
            new_commit: "ab".repeat(20),
            subject: "IT-1 new: x".into(),
            files: vec![IntentFile {
                path: "tickets/1/2/IT-12.yaml".into(),
                old: None,
                new: "cd".repeat(20),
            }],
        };
        intent.write(dir.path()).unwrap();
        assert_eq!(Intent::read(dir.path()), Some(Ok(intent)));
        fs::write(path(dir.path()), b"{\"version\":1,\"pi").unwrap();
        assert!(matches!(Intent::read(dir.path()), Some(Err(_))));
        Intent::clear(dir.path());
        assert!(Intent::read(dir.path()).is_none());
    }
}
