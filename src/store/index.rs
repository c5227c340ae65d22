//! Keeping `.git/index` in step with the files a commit wrote, so `git status` stays clean.
//!
//! libgit2 re-reads, re-checksums and rewrites the whole index to change one entry (about 1 us
//! per entry, so it grows with the repository); this module records the new entries with their
//! stat data so Git does not even need to re-hash the files.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use git2::{IndexEntry, IndexTime, Oid, Repository};

use super::StoreError;

/// Records `(path, blob, working-tree file)` entries in the index.
pub(crate) fn record(git: &Repository, updates: &[(&str, Oid, PathBuf)]) -> Result<(), StoreError> {
    let mut index = git.index()?;
    for (path, oid, file) in updates {
        let meta = fs::metadata(file).map_err(|source| StoreError::Io {
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
