//! Keeping `.git/index` in step with the files a commit wrote, so `git status` stays clean.
//!
//! The new index is written into the `index.lock` the write holds (see [`super::lock`]); the
//! commit protocol renames it into place after the branch has moved.
//!
//! The fast path ([`index_file`](super::index_file)) splices the new entries into the index as
//! bytes and keeps the cache tree valid with the trees the commit just wrote, so the cost barely
//! depends on the number of tickets. Whatever it does not fully understand (index v4, a split or
//! sparse index, SHA-256) falls back to libgit2, which rewrites the whole index but handles
//! everything. Entries carry the files' stat data so Git does not re-hash them.

use std::fs::{self, File};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use git2::{IndexEntry, IndexTime, Oid, Repository};

use super::StoreError;
use super::index_file::{self, IndexError, IndexUpdate, TreeHint};
use super::lock::IndexLock;

pub(crate) use super::index_file::Applied;

/// A directory the commit rewrote: its path (`""` for the root) and tree before and after.
pub(crate) struct TreeChange {
    pub dir: String,
    pub old: Option<Oid>,
    pub new: Oid,
}

/// How the new index is computed. The splicer is what tix uses; the others exist so
/// `bench/index-writers.sh` can measure the alternatives end to end (`TIX_INDEX_WRITER`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IndexWriter {
    /// [`index_file`]: splice the entries into the bytes (falls back to libgit2 when unsure).
    #[default]
    Splice,
    /// libgit2's `Index`: parse every entry, add, rewrite.
    Libgit2,
    /// `git update-index --add` on a copy of the index.
    GitCommand,
}

/// Writes into `lock` the index with `(path, blob)` entries recorded, whose files are already in
/// the working tree; the caller renames the lock into place once the branch has moved.
pub(crate) fn record_with(
    writer: IndexWriter,
    git: &Repository,
    workdir: &Path,
    lock: &IndexLock,
    updates: &[(&str, Oid)],
    trees: &[TreeChange],
) -> Result<Applied, StoreError> {
    if writer == IndexWriter::Splice {
        return record(git, workdir, lock, updates, trees);
    }
    let out = lock.file().ok_or_else(|| closed(git))?;
    if writer == IndexWriter::Libgit2 {
        record_with_libgit2(git, workdir, out, updates, &[])
    } else {
        record_with_git(git, workdir, out, updates)
    }
}

/// Writes into `lock` the index with `(path, blob)` entries recorded (the splicer, or libgit2
/// where the splicer is unsure).
pub(crate) fn record(
    git: &Repository,
    workdir: &Path,
    lock: &IndexLock,
    updates: &[(&str, Oid)],
    trees: &[TreeChange],
) -> Result<Applied, StoreError> {
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
    let out = lock.file().ok_or_else(|| closed(git))?;
    match index_file::upsert_into(git.path(), workdir, &fast, &hints, out) {
        Ok(applied) => Ok(applied),
        Err(IndexError::Unsupported { .. }) => record_with_libgit2(git, workdir, out, updates, &[]),
        Err(e) => Err(index_error(git, e)),
    }
}

/// Writes into `lock` the index with the entries at `paths` removed (absent ones ignored).
pub(crate) fn forget(
    git: &Repository,
    workdir: &Path,
    lock: &IndexLock,
    paths: &[&str],
) -> Result<Applied, StoreError> {
    let out = lock.file().ok_or_else(|| closed(git))?;
    match index_file::remove_into(git.path(), workdir, paths, out) {
        Ok(applied) => Ok(applied),
        Err(IndexError::Unsupported { .. }) => record_with_libgit2(git, workdir, out, &[], paths),
        Err(e) => Err(index_error(git, e)),
    }
}

fn closed(git: &Repository) -> StoreError {
    StoreError::Io {
        path: git.path().join("index.lock"),
        source: std::io::Error::other("index.lock is closed"),
    }
}

fn index_error(git: &Repository, e: IndexError) -> StoreError {
    match e {
        IndexError::Corrupt { reason } => StoreError::IndexCorrupt { reason },
        IndexError::Locked { path } => StoreError::IndexLocked { path },
        IndexError::Unsupported { reason } => StoreError::IndexCorrupt { reason },
        IndexError::Io(source) => StoreError::Io {
            path: git.path().join("index"),
            source,
        },
    }
}

fn raw(oid: Oid) -> [u8; 20] {
    let mut bytes = [0u8; 20];
    for (to, from) in bytes.iter_mut().zip(oid.as_bytes()) {
        *to = *from;
    }
    bytes
}

/// The complete path for indexes the splicer does not handle: libgit2 reads a copy of the index
/// (it would take `index.lock` itself to write the real one, which tix holds), updates it, and
/// the result is copied into the held lock.
fn record_with_libgit2(
    git: &Repository,
    workdir: &Path,
    out: &File,
    updates: &[(&str, Oid)],
    removals: &[&str],
) -> Result<Applied, StoreError> {
    let copy = copy_of_index(git, "index.libgit2")?;
    let io = io_at;
    let result = (|| {
        let mut index = git2::Index::open(&copy)?;
        for path in removals {
            let _ = index.remove_path(Path::new(path));
        }
        for (path, oid) in updates {
            let file = workdir.join(path);
            let meta = fs::symlink_metadata(&file).map_err(io(&file))?;
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
        let bytes = fs::read(&copy).map_err(io(&copy))?;
        let mut out = out;
        out.write_all(&bytes).map_err(io(&copy))?;
        Ok::<_, StoreError>(Applied::Written)
    })();
    let _ = fs::remove_file(&copy);
    result
}

/// A copy of `.git/index` under `.git/tix/` (none when there is no index yet), for a writer
/// that would take `index.lock` itself.
fn copy_of_index(git: &Repository, name: &str) -> Result<std::path::PathBuf, StoreError> {
    let copy = git.path().join("tix").join(name);
    let _ = fs::remove_file(&copy);
    match fs::copy(git.path().join("index"), &copy) {
        Ok(_) => Ok(copy),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(copy),
        Err(source) => Err(io_at(&copy)(source)),
    }
}

fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + use<> {
    let path = path.to_path_buf();
    move |source| StoreError::Io { path, source }
}

/// `git update-index --add` on a copy of the index (git hashes the files and takes their stat
/// data itself), copied into the held lock.
fn record_with_git(
    git: &Repository,
    workdir: &Path,
    out: &File,
    updates: &[(&str, Oid)],
) -> Result<Applied, StoreError> {
    let copy = copy_of_index(git, "index.git")?;
    let io = io_at;
    let status = std::process::Command::new("git")
        .args(["update-index", "--add", "--"])
        .args(updates.iter().map(|(path, _)| *path))
        .current_dir(workdir)
        .env("GIT_INDEX_FILE", &copy)
        .status()
        .map_err(|source| StoreError::GitSpawn {
            command: "update-index",
            source,
        })?;
    if !status.success() {
        let _ = fs::remove_file(&copy);
        return Err(StoreError::GitFailed {
            command: "update-index",
            status: status.code(),
            message: "see its message above".into(),
        });
    }
    let bytes = fs::read(&copy).map_err(io(&copy))?;
    let _ = fs::remove_file(&copy);
    let mut out = out;
    out.write_all(&bytes).map_err(io(&copy))?;
    Ok(Applied::Written)
}
