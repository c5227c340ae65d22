//! Keeping `.git/index` in step with the files a commit wrote, so `git status` stays clean.
//!
//! The fast path ([`index_file`](super::index_file)) splices the new entries into the index as
//! bytes and keeps the cache tree valid with the trees the commit just wrote, so the cost barely
//! depends on the number of tickets. Whatever it does not fully understand (index v4, a split or
//! sparse index, SHA-256) falls back to libgit2, which rewrites the whole index but handles
//! everything. Entries carry the files' stat data so Git does not re-hash them.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use git2::{IndexEntry, IndexTime, Oid, Repository};

use super::StoreError;
use super::index_file::{self, IndexError, IndexUpdate, TreeHint};

/// A directory the commit rewrote: its path (`""` for the root) and tree before and after.
pub(crate) struct TreeChange {
    pub dir: String,
    pub old: Option<Oid>,
    pub new: Oid,
}

/// Records `(path, blob)` entries, whose files are already in the working tree, in the index.
pub(crate) fn record(
    git: &Repository,
    workdir: &Path,
    updates: &[(&str, Oid)],
    trees: &[TreeChange],
) -> Result<(), StoreError> {
    let fast: Vec<IndexUpdate> = updates
        .iter()
        .map(|(path, oid)| IndexUpdate {
            path,
            oid: raw(*oid),
            mode: 0o100_644,
        })
        .collect();
    let hints: Vec<TreeHint> = trees
        .iter()
        .filter_map(|t| {
            t.old.map(|old| TreeHint {
                dir: &t.dir,
                old_oid: raw(old),
                new_oid: raw(t.new),
            })
        })
        .collect();
    // Another git command may hold index.lock for a moment; git itself would fail, we wait a bit.
    let started = Instant::now();
    loop {
        match index_file::upsert_with_trees(git.path(), workdir, &fast, &hints) {
            Ok(()) => return Ok(()),
            Err(IndexError::Unsupported { .. }) => {
                return record_with_libgit2(git, workdir, updates);
            }
            Err(IndexError::Locked { path }) if started.elapsed() > Duration::from_secs(5) => {
                return Err(StoreError::IndexLocked { path });
            }
            Err(IndexError::Locked { .. }) => thread::sleep(Duration::from_millis(20)),
            Err(IndexError::Corrupt { reason }) => return Err(StoreError::IndexCorrupt { reason }),
            Err(IndexError::Io(source)) => {
                return Err(StoreError::Io {
                    path: git.path().join("index"),
                    source,
                });
            }
        }
    }
}

fn raw(oid: Oid) -> [u8; 20] {
    let mut bytes = [0u8; 20];
    let src = oid.as_bytes();
    bytes.copy_from_slice(&src[..20.min(src.len())]);
    bytes
}

fn record_with_libgit2(
    git: &Repository,
    workdir: &Path,
    updates: &[(&str, Oid)],
) -> Result<(), StoreError> {
    let mut index = git.index()?;
    index.read(true)?;
    for (path, oid) in updates {
        let file = workdir.join(path);
        let meta = fs::metadata(&file).map_err(|source| StoreError::Io {
            path: file.clone(),
            source,
        })?;
        // The index stores 32-bit fields; Git truncates the same way.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let entry = IndexEntry {
            ctime: IndexTime::new(meta.ctime() as i32, meta.ctime_nsec() as u32),
            mtime: IndexTime::new(meta.mtime() as i32, meta.mtime_nsec() as u32),
            dev: meta.dev() as u32,
            ino: meta.ino() as u32,
            mode: 0o100_644,
            uid: meta.uid(),
            gid: meta.gid(),
            file_size: meta.size() as u32,
            id: *oid,
            flags: path.len().min(0xFFF) as u16,
            flags_extended: 0,
            path: path.as_bytes().to_vec(),
        };
        index.add(&entry)?;
    }
    index.write()?;
    Ok(())
}
