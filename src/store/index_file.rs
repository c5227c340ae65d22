//! Keep `.git/index` in sync after tix commits, without rewriting it through libgit2.
//!
//! Why this exists: tix builds each commit's trees directly from HEAD (at a cost that does not
//! grow with the repository), but then `git status` would show the files it wrote as modified unless `.git/index` records
//! them too. libgit2's `Index::add` + `write` parses every entry into a struct, re-sorts, and
//! rewrites the file: linear in the number of entries, which at 100k tickets is most of the cost
//! of a `tix new` (bench/index-writers.sh, figures in bench/README.md). Here we treat the index as bytes instead: we
//! only walk entry *boundaries* (fixed header + NUL-padded path), splice the new entries in at
//! their sorted position, copy everything else verbatim, and append a fresh SHA-1 trailer. The
//! remaining linear work is one read, one write and the SHA-1 of the file (plus verifying the old
//! trailer), all at memory speed.
//!
//! What it must not do:
//! - Guess. Anything it does not fully understand (index v4 path compression, a split index,
//!   a sparse index, any other *required* extension, SHA-256 repositories, conflicted entries at
//!   the paths being written, file/directory clashes, no index at all) is reported as
//!   [`IndexError::Unsupported`] before anything is written; the caller then falls back to
//!   libgit2, which is slower but complete.
//! - Leave a half-written index or a stale lock. Writes go to `index.lock` (created with
//!   `O_EXCL`, which is git's own lock protocol) and are renamed over `index` only once complete;
//!   any error removes the lock we created, and never a lock somebody else holds.
//! - Keep caches that could now lie. Extensions that hold byte offsets or that describe the
//!   working tree are dropped (git rebuilds them); the cache tree is invalidated along the
//!   changed paths (or, with [`upsert_with_trees`], revalidated only when provably right).
//!
//! Unix only: stat data comes from `std::os::unix::fs::MetadataExt`.

use std::ffi::OsStr;
#[cfg(test)]
use std::fs::OpenOptions;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use sha1::{Digest, Sha1};

/// One file to record in the index at stage 0.
///
/// Its stat data (ctime/mtime/dev/ino/uid/gid/size) is taken from `<work_tree>/<path>` (lstat),
/// which must already hold exactly the content of `oid`: stat data tells git "this file is clean".
#[derive(Debug, Clone, Copy)]
pub struct IndexUpdate<'a> {
    /// Repo-relative path with `/` separators, e.g. `tickets/ab/AB12.yaml`.
    pub path: &'a str,
    /// Blob ID (SHA-1) of the content that was committed.
    pub oid: [u8; 20],
    /// Git file mode: `0o100644`, `0o100755`, `0o120000` or `0o160000`.
    pub mode: u32,
}

/// Tree IDs of one directory before and after the commit, for [`upsert_with_trees`].
///
/// `dir` is repo-relative without trailing slash; `""` is the root tree.
#[derive(Debug, Clone, Copy)]
pub struct TreeHint<'a> {
    pub dir: &'a str,
    /// The directory's tree in the commit the new one was built from (old HEAD).
    pub old_oid: [u8; 20],
    /// The directory's tree in the commit just made.
    pub new_oid: [u8; 20],
}

#[derive(thiserror::Error, Debug)]
pub enum IndexError {
    /// Another process holds `index.lock` (git's own lock); nothing was written.
    #[error("index is locked: {} exists", path.display())]
    #[cfg_attr(not(test), allow(dead_code))]
    Locked { path: PathBuf },
    /// A valid index (or request) this fast path does not handle; fall back to libgit2.
    #[error("index fast path unsupported: {reason}")]
    Unsupported { reason: String },
    /// The index file is malformed (bad checksum, truncated entry, ...); nothing was written.
    #[error("index is corrupt: {reason}")]
    Corrupt { reason: String },
    #[error(transparent)]
    Io(#[from] io::Error),
}

fn unsupported(reason: impl Into<String>) -> IndexError {
    IndexError::Unsupported {
        reason: reason.into(),
    }
}

fn corrupt(reason: impl Into<String>) -> IndexError {
    IndexError::Corrupt {
        reason: reason.into(),
    }
}

/// What an index update wrote into the lock file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The new index is in the lock file, ready to be renamed over `index`.
    Written,
    /// The index already says this; nothing was written (do not rename the empty lock).
    Unchanged,
}

/// Record `updates` (stage 0) in `<git_dir>/index`, replacing entries at the same paths.
///
/// `work_tree` is the repository's working directory (`Repository::workdir()`), where the files
/// are stat-ed. Paths may come in any order; if one appears twice, the last one wins. The cache
/// tree is invalidated along each path.
#[cfg(test)]
pub fn upsert(git_dir: &Path, work_tree: &Path, updates: &[IndexUpdate]) -> Result<(), IndexError> {
    upsert_with_trees(git_dir, work_tree, updates, &[])
}

/// [`upsert_into`] under a lock of its own, renamed into place (the tests' way in).
#[cfg(test)]
pub fn upsert_with_trees(
    git_dir: &Path,
    work_tree: &Path,
    updates: &[IndexUpdate],
    trees: &[TreeHint],
) -> Result<(), IndexError> {
    let lock = Lock::acquire(git_dir.join("index.lock"))?;
    let file = lock
        .file
        .as_ref()
        .ok_or_else(|| io::Error::other("closed"))?;
    if upsert_into(git_dir, work_tree, updates, trees, file)? == Applied::Written {
        lock.commit(&git_dir.join("index"))?;
    }
    Ok(())
}

/// Computes the index with `updates` applied and writes it into `out`, the open
/// `index.lock` that the caller holds (git's lock protocol: lock, read, write the lock, rename).
///
/// Like [`upsert`], but keeps the cache tree (`TREE` extension) valid for the directories in
/// `trees` instead of invalidating them, so `git status` / `git commit` need not rebuild them.
///
/// A directory's cached tree is set to `new_oid` only when it was valid *and* equal to
/// `old_oid` (a compare-and-swap): the index content of that directory was then exactly the old
/// tree, and applying these same updates yields exactly the new tree. If the user had staged
/// something there, the cached node was already invalid (or differs), the swap fails and the node
/// is simply invalidated, so a later `git commit` still sees the staged change. Callers must pass
/// hints only for trees built from exactly these updates on top of `old_oid`.
pub fn upsert_into(
    git_dir: &Path,
    work_tree: &Path,
    updates: &[IndexUpdate],
    trees: &[TreeHint],
    out: &File,
) -> Result<Applied, IndexError> {
    let mut changes = Vec::with_capacity(updates.len());
    for u in updates {
        check_path(u.path)?;
        if !matches!(u.mode, 0o100644 | 0o100755 | 0o120000 | 0o160000) {
            return Err(unsupported(format!("mode {:o} for {}", u.mode, u.path)));
        }
        changes.push(Change {
            path: u.path.as_bytes(),
            new: Some((u.oid, u.mode)),
            entry: Vec::new(),
        });
    }
    apply(git_dir, work_tree, changes, trees, out)
}

/// Remove the stage-0 entries at `paths` from `<git_dir>/index`; absent paths are ignored.
#[cfg(test)]
pub fn remove(git_dir: &Path, work_tree: &Path, paths: &[&str]) -> Result<(), IndexError> {
    let lock = Lock::acquire(git_dir.join("index.lock"))?;
    let file = lock
        .file
        .as_ref()
        .ok_or_else(|| io::Error::other("closed"))?;
    if remove_into(git_dir, work_tree, paths, file)? == Applied::Written {
        lock.commit(&git_dir.join("index"))?;
    }
    Ok(())
}

/// Like [`upsert_into`], removing the entries at `paths` (absent paths are ignored).
pub fn remove_into(
    git_dir: &Path,
    work_tree: &Path,
    paths: &[&str],
    out: &File,
) -> Result<Applied, IndexError> {
    let mut changes = Vec::with_capacity(paths.len());
    for p in paths {
        check_path(p)?;
        changes.push(Change {
            path: p.as_bytes(),
            new: None,
            entry: Vec::new(),
        });
    }
    apply(git_dir, work_tree, changes, &[], out)
}

// ---------------------------------------------------------------------------------------------
// On-disk format (Documentation/gitformat-index.txt), versions 2 and 3:
//   header: "DIRC", u32 version, u32 entry count
//   entry:  ctime s, ctime ns, mtime s, mtime ns, dev, ino, mode, uid, gid, size (10 x u32 BE),
//           20-byte oid, u16 flags [, u16 extended flags if flags & 0x4000 (v3 only)],
//           path, 1-8 NULs so the entry length is a multiple of 8
//   extensions: 4-byte signature, u32 size, data
//   trailer: SHA-1 of everything before it (all zeros when written with index.skipHash)
// All integers are big-endian.

const HASH_LEN: usize = 20;
const HEADER_LEN: usize = 12;
/// Bytes of an entry up to and including the 16-bit flags.
const ENTRY_FIXED: usize = 62;
const FLAG_EXTENDED: u16 = 0x4000;
const NAME_MASK: u16 = 0x0FFF;
const OFF_MTIME_SEC: usize = 8;
const OFF_MODE: usize = 24;
const OFF_SIZE: usize = 36;
const OFF_FLAGS: usize = 60;

/// One requested change: `new` is (oid, mode) to upsert, `None` to remove; `entry` is the
/// encoded entry, filled in once we know the request is supported.
struct Change<'a> {
    path: &'a [u8],
    new: Option<([u8; 20], u32)>,
    entry: Vec<u8>,
}

/// What the output is made of, in order, after the header.
enum Piece {
    /// Bytes `[start, end)` of the old file, copied verbatim.
    Old(usize, usize),
    /// The encoded entry of change `i`.
    New(usize),
    /// A zeroed 32-bit size field (racy-git smudge, see `scan_entries`).
    Zero4,
}

/// The big-endian `u32` at `at`. Callers check the range first (header, entry and extension
/// lengths); a read past the end gives 0 instead of aborting.
fn be32(data: &[u8], at: usize) -> u32 {
    data.get(at..)
        .and_then(<[u8]>::first_chunk)
        .map_or(0, |b| u32::from_be_bytes(*b))
}

/// The big-endian `u16` at `at`; see [`be32`].
fn be16(data: &[u8], at: usize) -> u16 {
    data.get(at..)
        .and_then(<[u8]>::first_chunk)
        .map_or(0, |b| u16::from_be_bytes(*b))
}

/// Reject paths git itself would refuse (`verify_path`), so the fast path never writes an index
/// git cannot read back.
fn check_path(path: &str) -> Result<(), IndexError> {
    let bad = path.is_empty()
        || path.contains('\0')
        || path
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == ".." || c.eq_ignore_ascii_case(".git"));
    if bad {
        return Err(unsupported(format!("invalid index path {path:?}")));
    }
    Ok(())
}

/// Encode one stage-0 entry with the stat data of the worktree file.
///
/// Fields are truncated to 32 bits exactly as git does (`(unsigned int)st.st_mtime`, ...).
/// Racy git: the stat data is taken *after* tix wrote the file, and the index file is renamed
/// into place after that, so the index mtime is >= the file's mtime. If the file changes again
/// within the same timestamp tick, git sees `entry mtime >= index mtime`, treats the entry as
/// "racily clean" and compares content instead of trusting stat data; if it changes later, its
/// mtime/ctime differ. Either way no modification is missed, so new entries need no special care
/// (the entries we copy do: see the smudging in `scan_entries`).
fn encode_entry(path: &[u8], oid: &[u8; 20], mode: u32, meta: &fs::Metadata) -> Vec<u8> {
    let len = (ENTRY_FIXED + path.len() + 8) & !7;
    let mut e = Vec::with_capacity(len);
    let fields = [
        meta.ctime() as u32,
        meta.ctime_nsec() as u32,
        meta.mtime() as u32,
        meta.mtime_nsec() as u32,
        meta.dev() as u32,
        meta.ino() as u32,
        mode,
        meta.uid(),
        meta.gid(),
        meta.size() as u32,
    ];
    for f in fields {
        e.extend_from_slice(&f.to_be_bytes());
    }
    e.extend_from_slice(oid);
    // Stage 0, no assume-valid, no extended flags: a plain entry is valid in v2 and v3.
    let flags = path.len().min(NAME_MASK as usize) as u16;
    e.extend_from_slice(&flags.to_be_bytes());
    e.extend_from_slice(path);
    e.resize(len, 0);
    e
}

/// Git's index lock: `index.lock` created with `O_EXCL`. Removed on drop unless committed, so
/// every error path leaves the repository as it was. (tix itself holds the lock through
/// [`super::lock::IndexLock`]; this one serves the tests.)
#[cfg(test)]
struct Lock {
    path: PathBuf,
    file: Option<File>,
    committed: bool,
}

#[cfg(test)]
impl Lock {
    fn acquire(path: PathBuf) -> Result<Lock, IndexError> {
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => Ok(Lock {
                path,
                file: Some(file),
                committed: false,
            }),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(IndexError::Locked { path }),
            Err(e) => Err(e.into()),
        }
    }

    fn commit(mut self, target: &Path) -> io::Result<()> {
        // Close before renaming so nothing can still be buffered for the old name.
        drop(self.file.take());
        fs::rename(&self.path, target)?;
        self.committed = true;
        Ok(())
    }
}

#[cfg(test)]
impl Drop for Lock {
    fn drop(&mut self) {
        if !self.committed {
            drop(self.file.take());
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Refuse SHA-256 repositories: their index holds 32-byte IDs and a 32-byte trailer.
///
/// A deliberately loose reading of the config: any `objectformat` key whose value is not
/// `sha1`, in whatever section, means "not for us". A false alarm only costs the libgit2 path.
fn check_object_format(git_dir: &Path) -> Result<(), IndexError> {
    // A linked worktree's git dir has its config in the common dir.
    let common = match fs::read_to_string(git_dir.join("commondir")) {
        Ok(s) => {
            let p = Path::new(s.trim_end_matches(['\n', '\r']));
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                git_dir.join(p)
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => git_dir.to_path_buf(),
        Err(e) => return Err(e.into()),
    };
    let config = match fs::read(common.join("config")) {
        Ok(b) => String::from_utf8_lossy(&b).to_ascii_lowercase(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    for line in config.lines() {
        let mut line = line.trim();
        if line.starts_with('[') {
            // `[extensions] objectformat = sha256` is legal on one line.
            line = line.split_once(']').map_or("", |(_, rest)| rest.trim());
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() != "objectformat" {
            continue;
        }
        let value = value.split(['#', ';']).next().unwrap_or("");
        let value = value.trim().trim_matches('"').trim();
        if value != "sha1" {
            return Err(unsupported(format!("object format {value}")));
        }
    }
    Ok(())
}

fn apply(
    git_dir: &Path,
    work_tree: &Path,
    changes: Vec<Change>,
    hints: &[TreeHint],
    out: &File,
) -> Result<Applied, IndexError> {
    // Sort by path (git's order for stage-0 entries is plain bytewise order of the paths);
    // stable, so for duplicates the later request wins, as if the calls had been made in turn.
    let mut changes = changes;
    changes.sort_by(|a, b| a.path.cmp(b.path));
    let mut sorted: Vec<Change> = Vec::with_capacity(changes.len());
    for c in changes {
        if sorted.last().is_some_and(|l| l.path == c.path) {
            sorted.pop();
        }
        sorted.push(c);
    }
    let changes = sorted;
    if changes.is_empty() {
        return Ok(Applied::Unchanged);
    }
    let probes = DfProbes::new(&changes)?;
    check_object_format(git_dir)?;

    let index_path = git_dir.join("index");
    // The caller holds index.lock, so no git command can write the index between this read and
    // the rename of the lock.
    let (data, index_mtime) = match File::open(&index_path) {
        Ok(mut f) => {
            let meta = f.metadata()?;
            let mut data = Vec::with_capacity(meta.len() as usize);
            f.read_to_end(&mut data)?;
            // Keep the old permissions (core.sharedRepository may have widened them).
            out.set_permissions(meta.permissions())?;
            (data, meta.mtime() as u32)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(unsupported("no index file yet"));
        }
        Err(e) => return Err(e.into()),
    };

    let header = parse_header(&data)?;
    let mut racy = Racy {
        index_mtime,
        work_tree: Some(work_tree),
        checks_left: RACY_CONTENT_CHECKS,
    };
    let plan = scan_entries(&data, &header, &changes, &probes, &mut racy)?;
    let exts = scan_extensions(&data, plan.entries_end)?;
    if let Some(reason) = plan.deferred {
        // Reported only now so that an unsupported extension (split/sparse index), which can
        // explain odd-looking entries, is the reason given.
        return Err(unsupported(reason));
    }
    if plan.effective.is_empty() {
        // Only removals of absent paths: nothing to write.
        return Ok(Applied::Unchanged);
    }

    // Stat only now, so that unsupported requests (e.g. a path below a file) are reported as such
    // rather than as a failed stat. lstat, as git does, so a symlink is described as itself.
    // The stat is still taken before the index is renamed into place: see `encode_entry`.
    let mut changes = changes;
    for &(ci, _) in &plan.effective {
        let Some(c) = changes.get_mut(ci) else {
            continue;
        };
        if let Some((oid, mode)) = c.new {
            let meta = fs::symlink_metadata(work_tree.join(OsStr::from_bytes(c.path)))?;
            c.entry = encode_entry(c.path, &oid, mode, &meta);
        }
    }
    let changes = changes;

    let new_count = (header.count as i64) + plan.delta;
    let new_count = u32::try_from(new_count).map_err(|_| corrupt("entry count overflow"))?;

    let mut ext_bytes: Vec<(&[u8; 4], std::borrow::Cow<[u8]>)> = Vec::new();
    for ext in &exts {
        // `scan_extensions` checked that every extension lies inside the body.
        let payload = data
            .get(ext.start..ext.end)
            .ok_or_else(|| corrupt("extension overruns the file"))?;
        match &ext.sig {
            // Cache tree: keep, but invalidate (or revalidate) the nodes on the changed paths.
            b"TREE" => {
                // Git silently ignores a cache tree it cannot parse; so do we (drop it).
                if let Some(mut tree) = CacheTree::parse(payload) {
                    tree.apply(&plan.effective, &changes, hints);
                    ext_bytes.push((b"TREE", tree.serialize().into()));
                }
            }
            // Resolve-undo: records how past conflicts were resolved; updating stage-0 entries
            // does not change that history, and git keeps it across `git add` of other paths.
            b"REUC" => ext_bytes.push((b"REUC", payload.into())),
            // Everything else optional is dropped, which git always tolerates (it rebuilds them):
            // EOIE and IEOT hold byte offsets into this file, which the splice moves; UNTR
            // (untracked cache) and FSMN (fsmonitor token) describe the working tree, where a
            // file just became tracked; unknown ones could be stale in ways we cannot check.
            _ => {}
        }
    }

    // Verify the old trailer before replacing it: otherwise a corrupted index would come back
    // with a valid checksum and the damage would be hidden. An all-zero trailer means it was
    // written with index.skipHash, which git does not verify either.
    let (body, trailer) = data
        .split_at_checked(data.len() - HASH_LEN)
        .ok_or_else(|| corrupt("file too short"))?;
    let verify =
        || -> bool { trailer.iter().all(|&b| b == 0) || Sha1::digest(body).as_slice() == trailer };
    // Signature and version, kept; the entry count follows (`parse_header` checked the length).
    let signature_version = data
        .first_chunk::<8>()
        .ok_or_else(|| corrupt("file too short"))?;

    let write = || -> Result<(), IndexError> {
        let mut w = HashWriter {
            inner: BufWriter::with_capacity(64 * 1024, out),
            hasher: Sha1::new(),
        };
        w.write(signature_version)?;
        w.write(&new_count.to_be_bytes())?;
        for piece in &plan.pieces {
            // The plan only holds ranges of entries `scan_entries` checked, and change indexes.
            match *piece {
                Piece::Old(a, b) => {
                    w.write(data.get(a..b).ok_or_else(|| corrupt("bad entry length"))?)?;
                }
                Piece::New(i) => {
                    let change = changes.get(i).ok_or_else(|| corrupt("bad entry length"))?;
                    w.write(&change.entry)?;
                }
                Piece::Zero4 => w.write(&[0; 4])?,
            }
        }
        for (sig, payload) in &ext_bytes {
            let len = u32::try_from(payload.len()).map_err(|_| corrupt("extension too big"))?;
            w.write(&sig[..])?;
            w.write(&len.to_be_bytes())?;
            w.write(payload)?;
        }
        let digest = w.hasher.finalize();
        w.inner.write_all(&digest)?;
        w.inner.flush()?;
        // No fsync, like git's default (core.fsync does not include the index): the index is a
        // cache of the commit, which is already safe in the object store.
        Ok(())
    };

    // The two SHA-1 passes (verify old, hash new) are independent; on big indexes run the
    // verification on the other core while this one writes.
    let (verified, written) = if data.len() >= PARALLEL_VERIFY_MIN {
        std::thread::scope(|s| {
            let v = s.spawn(verify);
            let w = write();
            (v.join().unwrap_or(false), w)
        })
    } else {
        (verify(), write())
    };
    if !verified {
        return Err(corrupt("bad index checksum"));
    }
    written?;
    Ok(Applied::Written)
}

/// Below this size a thread costs more than the second SHA-1 pass it would hide.
const PARALLEL_VERIFY_MIN: usize = 256 << 10;

struct HashWriter<W: Write> {
    inner: W,
    hasher: Sha1,
}

impl<W: Write> HashWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hasher.update(bytes);
        self.inner.write_all(bytes)
    }
}

struct Header {
    version: u32,
    count: u32,
}

fn parse_header(data: &[u8]) -> Result<Header, IndexError> {
    if data.len() < HEADER_LEN + HASH_LEN {
        return Err(corrupt("file too short"));
    }
    if !data.starts_with(b"DIRC") {
        return Err(corrupt("bad signature"));
    }
    let version = be32(data, 4);
    match version {
        2 | 3 => {}
        4 => return Err(unsupported("index version 4 (prefix-compressed paths)")),
        v => return Err(corrupt(format!("unknown index version {v}"))),
    }
    Ok(Header {
        version,
        count: be32(data, 8),
    })
}

/// Sorted probes that detect file/directory clashes in one pass over the sorted entries: git
/// refuses an index holding both `a` and `a/b` (write-tree would make a broken tree).
struct DfProbes {
    /// Every leading directory of an upserted path (`tickets`, `tickets/ab`): no file may have
    /// that name.
    dirs: Vec<Vec<u8>>,
    /// Every upserted path plus `/`: no existing entry may lie below it.
    below: Vec<Vec<u8>>,
}

impl DfProbes {
    fn new(changes: &[Change]) -> Result<DfProbes, IndexError> {
        let mut dirs = Vec::new();
        let mut below = Vec::new();
        for c in changes.iter().filter(|c| c.new.is_some()) {
            let slashes = c.path.iter().enumerate().filter(|(_, b)| **b == b'/');
            for dir in slashes.filter_map(|(i, _)| c.path.get(..i)) {
                dirs.push(dir.to_vec());
            }
            let mut b = c.path.to_vec();
            b.push(b'/');
            below.push(b);
        }
        dirs.sort();
        dirs.dedup();
        below.sort();
        // Clashes among the requested paths themselves.
        let clash = changes
            .iter()
            .filter(|c| c.new.is_some())
            .any(|c| dirs.binary_search_by(|d| d.as_slice().cmp(c.path)).is_ok());
        if clash {
            return Err(unsupported("requested paths clash as file and directory"));
        }
        Ok(DfProbes { dirs, below })
    }
}

struct Plan {
    pieces: Vec<Piece>,
    entries_end: usize,
    /// Net change in the entry count.
    delta: i64,
    /// (change index, entry-count delta) for each change that altered the index.
    effective: Vec<(usize, i64)>,
    /// First reason to refuse found while scanning; see `apply`.
    deferred: Option<String>,
}

/// Walk all entries once: validate their framing, merge the sorted changes in, and smudge
/// racily clean entries. Entries are never decoded beyond name, flags, mtime, mode and size.
fn scan_entries(
    data: &[u8],
    header: &Header,
    changes: &[Change],
    probes: &DfProbes,
    racy: &mut Racy,
) -> Result<Plan, IndexError> {
    let body_end = data.len() - HASH_LEN;
    let mut pieces = Vec::with_capacity(2 * changes.len() + 2);
    let mut effective = Vec::with_capacity(changes.len());
    let mut deferred: Option<String> = None;
    let mut delta = 0i64;
    let mut copy_from = HEADER_LEN;
    let mut pos = HEADER_LEN;
    let (mut ci, mut di, mut bi) = (0usize, 0usize, 0usize);
    // Path of the last change that matched an entry: a following entry with the same path is a
    // further stage of it, i.e. a conflict.
    let mut matched: Option<&[u8]> = None;

    for _ in 0..header.count {
        if body_end - pos < ENTRY_FIXED {
            return Err(corrupt("truncated entry"));
        }
        let flags = be16(data, pos + OFF_FLAGS);
        let fixed = if flags & FLAG_EXTENDED != 0 {
            if header.version < 3 {
                return Err(corrupt("extended flags in a version 2 index"));
            }
            ENTRY_FIXED + 2
        } else {
            ENTRY_FIXED
        };
        let name_start = pos + fixed;
        let mut name_len = usize::from(flags & NAME_MASK);
        if name_len == usize::from(NAME_MASK) {
            // Names of 4095+ bytes store 0xFFF; the real length runs to the NUL.
            let tail = data.get(name_start + name_len..body_end).unwrap_or(&[]);
            let nul = tail
                .iter()
                .position(|&b| b == 0)
                .ok_or_else(|| corrupt("unterminated long path"))?;
            name_len += nul;
        }
        let end = pos + ((fixed + name_len + 8) & !7);
        if end > body_end || data.get(name_start + name_len) != Some(&0) {
            return Err(corrupt("bad entry length"));
        }
        let name = data
            .get(name_start..name_start + name_len)
            .ok_or_else(|| corrupt("bad entry length"))?;

        // New paths that sort before this entry go in front of it.
        while let Some(change) = changes.get(ci)
            && change.path < name
        {
            if change.new.is_some() {
                pieces.push(Piece::Old(copy_from, pos));
                pieces.push(Piece::New(ci));
                copy_from = pos;
                effective.push((ci, 1));
                delta += 1;
            }
            ci += 1;
        }
        if let Some(change) = changes.get(ci)
            && change.path == name
        {
            if (flags >> 12) & 3 != 0 {
                deferred.get_or_insert_with(|| {
                    format!("conflicted entry at {}", String::from_utf8_lossy(name))
                });
            }
            pieces.push(Piece::Old(copy_from, pos));
            if change.new.is_some() {
                pieces.push(Piece::New(ci));
                effective.push((ci, 0));
            } else {
                effective.push((ci, -1));
                delta -= 1;
            }
            copy_from = end;
            matched = Some(change.path);
            ci += 1;
        } else {
            if matched.take() == Some(name) {
                deferred.get_or_insert_with(|| {
                    format!("conflicted entry at {}", String::from_utf8_lossy(name))
                });
            }
            if racy.must_smudge(data, pos, name) {
                pieces.push(Piece::Old(copy_from, pos + OFF_SIZE));
                pieces.push(Piece::Zero4);
                copy_from = pos + OFF_SIZE + 4;
            }
        }

        // File/directory clashes with what we are about to add.
        while probes.dirs.get(di).is_some_and(|d| d.as_slice() < name) {
            di += 1;
        }
        while probes
            .below
            .get(bi)
            .is_some_and(|b| b.as_slice() < name && !name.starts_with(b))
        {
            bi += 1;
        }
        let dir_clash = probes.dirs.get(di).is_some_and(|d| d == name);
        let below_clash = probes.below.get(bi).is_some_and(|b| name.starts_with(b));
        if dir_clash || below_clash {
            deferred.get_or_insert_with(|| {
                format!(
                    "{} clashes as file and directory with a requested path",
                    String::from_utf8_lossy(name)
                )
            });
        }
        pos = end;
    }

    // Whatever sorts after every entry goes at the end.
    for (ci, change) in changes.iter().enumerate().skip(ci) {
        if change.new.is_some() {
            pieces.push(Piece::Old(copy_from, pos));
            pieces.push(Piece::New(ci));
            copy_from = pos;
            effective.push((ci, 1));
            delta += 1;
        }
    }
    pieces.push(Piece::Old(copy_from, pos));
    Ok(Plan {
        pieces,
        entries_end: pos,
        delta,
        effective,
        deferred,
    })
}

/// Racy git. An entry whose mtime is not older than the index file's may have been modified
/// after it was recorded, within the same timestamp tick, without its stat data changing; git
/// therefore compares the content of such "racily clean" entries instead of trusting stat data.
/// Rewriting the index gives it a newer mtime, after which git *would* trust them. So, like
/// git's own writer (`ce_smudge_racily_clean_entry`), we re-check each racily clean entry and,
/// when its file no longer matches, "smudge" it: size := 0, which makes git always look at the
/// content. Freshly written tickets are typically racy for one run (the whole tix command fits in
/// one tick), so this is usually one small file to hash.
struct Racy<'a> {
    index_mtime: u32,
    /// `None`: smudge every racy entry without looking (always safe, only costs git a re-hash).
    work_tree: Option<&'a Path>,
    /// After a fresh checkout thousands of entries can be racy; past this many content checks
    /// we smudge instead, so one tix command never hashes the whole worktree.
    checks_left: usize,
}

const RACY_CONTENT_CHECKS: usize = 64;

impl Racy<'_> {
    fn must_smudge(&mut self, data: &[u8], pos: usize, name: &[u8]) -> bool {
        let mode = be32(data, pos + OFF_MODE);
        let size = be32(data, pos + OFF_SIZE);
        // Whole seconds: a superset of git's rule whether or not it was built with USE_NSEC.
        // Gitlinks are never smudged by git; size 0 is already "smudged".
        if self.index_mtime == 0
            || be32(data, pos + OFF_MTIME_SEC) < self.index_mtime
            || mode & 0o170000 == 0o160000
            || size == 0
        {
            return false;
        }
        let Some(work_tree) = self.work_tree.filter(|_| self.checks_left > 0) else {
            return true;
        };
        self.checks_left -= 1;
        // Inside the entry `scan_entries` checked; if not, smudging is always safe.
        let Some(oid) = data.get(pos + 40..pos + 60) else {
            return true;
        };
        !safe_without_smudge(work_tree, name, mode, size, oid)
    }
}

/// Whether the worktree file still holds blob `oid`, or is visibly changed anyway (then git
/// notices by itself and no smudge is needed). Any doubt answers `false` (smudge): e.g. a clean
/// filter or autocrlf makes the raw bytes differ from the blob, and a smudge is always safe.
fn safe_without_smudge(work_tree: &Path, name: &[u8], mode: u32, size: u32, oid: &[u8]) -> bool {
    let path = work_tree.join(OsStr::from_bytes(name));
    let Ok(meta) = fs::symlink_metadata(&path) else {
        return false;
    };
    let is_link = mode & 0o170000 == 0o120000;
    if meta.size() as u32 != size || meta.file_type().is_symlink() != is_link {
        // Size and type are always compared by git: it will see this change itself.
        return true;
    }
    let content = if is_link {
        match fs::read_link(&path) {
            Ok(t) => t.into_os_string().into_vec(),
            Err(_) => return false,
        }
    } else {
        match fs::read(&path) {
            Ok(c) => c,
            Err(_) => return false,
        }
    };
    let mut h = Sha1::new();
    h.update(format!("blob {}\0", content.len()).as_bytes());
    h.update(&content);
    h.finalize().as_slice() == oid
}

struct Extension {
    sig: [u8; 4],
    start: usize,
    end: usize,
}

fn scan_extensions(data: &[u8], entries_end: usize) -> Result<Vec<Extension>, IndexError> {
    let body_end = data.len() - HASH_LEN;
    let mut exts = Vec::new();
    let mut pos = entries_end;
    while pos < body_end {
        if body_end - pos < 8 {
            return Err(corrupt("truncated extension header"));
        }
        let sig = *data
            .get(pos..)
            .and_then(<[u8]>::first_chunk::<4>)
            .ok_or_else(|| corrupt("truncated extension header"))?;
        let start = pos + 8;
        let end = start
            .checked_add(be32(data, pos + 4) as usize)
            .filter(|&e| e <= body_end)
            .ok_or_else(|| corrupt("extension overruns the file"))?;
        // Git's rule: a signature starting with 'A'..='Z' is optional (may be ignored); anything
        // else (e.g. `link` for a split index, `sdir` for a sparse index) must be understood.
        if !sig[0].is_ascii_uppercase() {
            return Err(unsupported(format!(
                "required index extension {:?}",
                String::from_utf8_lossy(&sig)
            )));
        }
        exts.push(Extension { sig, start, end });
        pos = end;
    }
    Ok(exts)
}

/// The `TREE` extension: for each directory, how many index entries it covers and its tree ID,
/// or entry count -1 when invalid. Stored depth-first, each node as
/// `name NUL count SP subtree-count LF [oid if count >= 0]`, the root having an empty name.
struct CacheTree<'a> {
    /// Depth-first order, root first.
    nodes: Vec<CtNode<'a>>,
}

struct CtNode<'a> {
    name: &'a [u8],
    count: i64,
    oid: Option<[u8; 20]>,
    children: Vec<usize>,
    /// One past this node's last descendant in `nodes`.
    end: usize,
    removed: bool,
}

impl<'a> CacheTree<'a> {
    /// Iterative, so that hostile nesting cannot overflow the stack; `None` if malformed.
    fn parse(mut buf: &'a [u8]) -> Option<CacheTree<'a>> {
        fn field<'b>(buf: &mut &'b [u8], stop: u8) -> Option<&'b [u8]> {
            let at = buf.iter().position(|&b| b == stop)?;
            let (f, rest) = buf.split_at_checked(at)?;
            *buf = rest.get(1..)?;
            Some(f)
        }
        fn number<T: std::str::FromStr>(b: &[u8]) -> Option<T> {
            std::str::from_utf8(b).ok()?.parse().ok()
        }
        let mut nodes: Vec<CtNode> = Vec::new();
        if buf.is_empty() {
            return Some(CacheTree { nodes });
        }
        // (node, children still to read)
        let mut stack: Vec<(usize, usize)> = Vec::new();
        loop {
            let name = field(&mut buf, 0)?;
            let count: i64 = number(field(&mut buf, b' ')?)?;
            let subtrees: usize = number(field(&mut buf, b'\n')?)?;
            let oid = if count >= 0 {
                let (o, rest) = buf.split_first_chunk::<20>()?;
                buf = rest;
                Some(*o)
            } else {
                None
            };
            let idx = nodes.len();
            nodes.push(CtNode {
                name,
                count,
                oid,
                children: Vec::new(),
                end: idx + 1,
                removed: false,
            });
            if let Some(top) = stack.last_mut() {
                nodes.get_mut(top.0)?.children.push(idx);
                top.1 -= 1;
            }
            if subtrees > 0 {
                stack.push((idx, subtrees));
            }
            while let Some(&(t, 0)) = stack.last() {
                let end = nodes.len();
                nodes.get_mut(t)?.end = end;
                stack.pop();
            }
            if stack.is_empty() {
                break;
            }
        }
        buf.is_empty().then_some(CacheTree { nodes })
    }

    fn child(&self, node: usize, name: &[u8]) -> Option<usize> {
        self.nodes.get(node)?.children.iter().copied().find(|&c| {
            self.nodes
                .get(c)
                .is_some_and(|n| !n.removed && n.name == name)
        })
    }

    /// Mirror git's `cache_tree_invalidate_path` for every changed path, except that a node
    /// with a matching [`TreeHint`] is revalidated instead (see [`upsert_with_trees`]).
    // Indexing is in range: `touched`, `delta` and `blocked` have one slot per node, the root 0
    // exists (checked just below), and every other index comes from `child`, which only returns
    // existing nodes; `ci` indexes the changes the plan was made from.
    #[allow(clippy::indexing_slicing)]
    fn apply(&mut self, effective: &[(usize, i64)], changes: &[Change], hints: &[TreeHint]) {
        if self.nodes.is_empty() {
            return;
        }
        let n = self.nodes.len();
        let mut touched = vec![false; n];
        let mut delta = vec![0i64; n];
        // A node whose changed paths lead into a directory the cache tree does not describe
        // cannot be proven valid.
        let mut blocked = vec![false; n];
        for &(ci, d) in effective {
            let mut node = 0;
            touched[0] = true;
            delta[0] += d;
            let mut comps = changes[ci].path.split(|&b| b == b'/').peekable();
            while let Some(comp) = comps.next() {
                if comps.peek().is_none() {
                    // The file's own name: if a subtree had that name (file replacing a
                    // directory), it is gone, as in git.
                    if let Some(c) = self.child(node, comp) {
                        self.nodes[c].removed = true;
                        blocked[node] = true;
                    }
                    break;
                }
                match self.child(node, comp) {
                    Some(c) => {
                        node = c;
                        touched[c] = true;
                        delta[c] += d;
                    }
                    None => {
                        blocked[node] = true;
                        break;
                    }
                }
            }
        }
        let mut path = Vec::new();
        self.settle(0, &mut path, &touched, &delta, &blocked, hints);
    }

    /// Post-order over touched nodes: valid afterwards only if its hint matches its old cached
    /// ID and every touched child below it is valid too (git never has a valid node above an
    /// invalid one). Returns whether `node` is valid.
    // Indexing is in range: `node` and the children are existing nodes (from `apply` and the
    // parsed tree, whose child indexes always point into `nodes`), and the per-node tables have
    // one slot per node.
    #[allow(clippy::indexing_slicing)]
    fn settle(
        &mut self,
        node: usize,
        path: &mut Vec<u8>,
        touched: &[bool],
        delta: &[i64],
        blocked: &[bool],
        hints: &[TreeHint],
    ) -> bool {
        let mut ok = !blocked[node];
        for i in 0..self.nodes[node].children.len() {
            let c = self.nodes[node].children[i];
            if !touched[c] || self.nodes[c].removed {
                continue;
            }
            let len = path.len();
            if !path.is_empty() {
                path.push(b'/');
            }
            path.extend_from_slice(self.nodes[c].name);
            ok &= self.settle(c, path, touched, delta, blocked, hints);
            path.truncate(len);
        }
        let hint = hints.iter().find(|h| h.dir.as_bytes() == path.as_slice());
        let n = &mut self.nodes[node];
        match (ok, n.oid, hint) {
            (true, Some(old), Some(h)) if old == h.old_oid && n.count + delta[node] >= 0 => {
                n.count += delta[node];
                n.oid = Some(h.new_oid);
                true
            }
            _ => {
                n.count = -1;
                n.oid = None;
                false
            }
        }
    }

    fn serialize(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.nodes.len() * 40);
        let mut i = 0;
        while let Some(n) = self.nodes.get(i) {
            if n.removed {
                i = n.end;
                continue;
            }
            let live = n
                .children
                .iter()
                .filter(|&&c| self.nodes.get(c).is_some_and(|n| !n.removed))
                .count();
            out.extend_from_slice(n.name);
            out.push(0);
            let count = if n.oid.is_some() { n.count } else { -1 };
            out.extend_from_slice(format!("{count} {live}\n").as_bytes());
            if let Some(oid) = &n.oid {
                out.extend_from_slice(oid);
            }
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::process::{Command, Output, Stdio};

    fn git_command(dir: &Path) -> Command {
        let mut c = Command::new("git");
        c.current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Tix Test")
            .env("GIT_AUTHOR_EMAIL", "tix@example.com")
            .env("GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z")
            .env("GIT_COMMITTER_NAME", "Tix Test")
            .env("GIT_COMMITTER_EMAIL", "tix@example.com")
            .env("GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z");
        for v in [
            "GIT_DIR",
            "GIT_INDEX_FILE",
            "GIT_WORK_TREE",
            "GIT_OBJECT_DIRECTORY",
        ] {
            c.env_remove(v);
        }
        c
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    fn unhex(s: &str) -> [u8; 20] {
        let s = s.trim();
        assert_eq!(s.len(), 40, "not a SHA-1: {s:?}");
        let mut o = [0u8; 20];
        for (i, b) in o.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        o
    }

    struct Repo {
        _tmp: tempfile::TempDir,
        root: PathBuf,
    }

    impl Repo {
        fn init(extra: &[&str]) -> Repo {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path().to_path_buf();
            let repo = Repo { _tmp: tmp, root };
            let mut args = vec!["init", "-q", "-b", "main"];
            args.extend_from_slice(extra);
            repo.git(&args);
            repo
        }

        fn git_dir(&self) -> PathBuf {
            self.root.join(".git")
        }

        fn run(&self, args: &[&str], env: &[(&str, &Path)], stdin: Option<&[u8]>) -> Output {
            let mut c = git_command(&self.root);
            c.args(args);
            for (k, v) in env {
                c.env(k, v);
            }
            c.stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
            let mut child = c.spawn().unwrap();
            if let Some(input) = stdin {
                child.stdin.take().unwrap().write_all(input).unwrap();
            }
            child.wait_with_output().unwrap()
        }

        fn git_env(&self, args: &[&str], env: &[(&str, &Path)], stdin: Option<&[u8]>) -> String {
            let out = self.run(args, env, stdin);
            assert!(
                out.status.success(),
                "git {args:?} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap()
        }

        fn git(&self, args: &[&str]) -> String {
            self.git_env(args, &[], None)
        }

        fn ok(&self, args: &[&str]) -> bool {
            self.run(args, &[], None).status.success()
        }

        fn write(&self, rel: &str, content: &str) {
            let p = self.root.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, content).unwrap();
        }

        /// `n` committed tickets in 16 shards, `tickets/<shard>/T<i>.yaml`.
        ///
        /// Their mtimes are set in the past so that they are not racily clean (that would make
        /// `upsert` smudge most of them and plumbing like `diff-files` see them as stat-dirty;
        /// `racy_entries_beyond_the_check_budget_are_smudged` covers that case).
        fn populate(&self, n: usize) {
            let mut files = Vec::new();
            for i in 0..n {
                self.write(&ticket(i), &format!("id: T{i:05}\ntitle: ticket {i}\n"));
                files.push(self.root.join(ticket(i)));
            }
            for chunk in files.chunks(500) {
                let st = Command::new("touch")
                    .args(["-d", "@1700000000"])
                    .args(chunk)
                    .status()
                    .unwrap();
                assert!(st.success());
            }
            self.git(&["add", "-A"]);
            self.git(&["commit", "-q", "-m", "init"]);
        }

        /// What tix does with libgit2: write the worktree files, store blobs, build the new
        /// trees from HEAD (here via a throwaway index) and advance HEAD, never touching
        /// `.git/index`. Returns the blob IDs.
        fn tix_commit(&self, writes: &[(&str, &str)], removes: &[&str]) -> Vec<[u8; 20]> {
            let tmp = self.git_dir().join("tix-tmp-index");
            let env = [("GIT_INDEX_FILE", tmp.as_path())];
            self.git_env(&["read-tree", "HEAD"], &env, None);
            let mut oids = Vec::new();
            for (path, content) in writes {
                self.write(path, content);
                let oid = self.git(&["hash-object", "-w", path]);
                let info = format!("100644,{},{}", oid.trim(), path);
                self.git_env(&["update-index", "--add", "--cacheinfo", &info], &env, None);
                oids.push(unhex(&oid));
            }
            for path in removes {
                fs::remove_file(self.root.join(path)).unwrap();
                self.git_env(&["update-index", "--force-remove", path], &env, None);
            }
            let tree = self.git_env(&["write-tree"], &env, None);
            let commit = self.git(&["commit-tree", tree.trim(), "-p", "HEAD", "-m", "tix"]);
            self.git(&["update-ref", "HEAD", commit.trim()]);
            fs::remove_file(tmp).unwrap();
            oids
        }

        fn upsert(&self, writes: &[(&str, [u8; 20])]) -> Result<(), IndexError> {
            self.upsert_hinted(writes, &[])
        }

        fn upsert_hinted(
            &self,
            writes: &[(&str, [u8; 20])],
            hints: &[TreeHint],
        ) -> Result<(), IndexError> {
            let updates: Vec<IndexUpdate> = writes
                .iter()
                .map(|(path, oid)| IndexUpdate {
                    path,
                    oid: *oid,
                    mode: 0o100644,
                })
                .collect();
            upsert_with_trees(&self.git_dir(), &self.root, &updates, hints)
        }

        fn index_bytes(&self) -> Vec<u8> {
            fs::read(self.git_dir().join("index")).unwrap()
        }

        fn ls(&self) -> String {
            self.git(&["ls-files", "-s"])
        }

        fn rev(&self, spec: &str) -> [u8; 20] {
            unhex(&self.git(&["rev-parse", spec]))
        }

        /// The tree of the current index computed without any cache tree.
        fn scratch_tree(&self) -> String {
            let tmp = self.git_dir().join("scratch-index");
            let env = [("GIT_INDEX_FILE", tmp.as_path())];
            let ls = self.ls();
            self.git_env(&["update-index", "--index-info"], &env, Some(ls.as_bytes()));
            let tree = self.git_env(&["write-tree"], &env, None);
            fs::remove_file(tmp).unwrap();
            tree.trim().to_string()
        }

        /// The cache tree git itself builds for HEAD (`read-tree` primes it fully).
        fn reference_cache_tree(&self) -> BTreeMap<String, (i64, Option<[u8; 20]>)> {
            let tmp = self.git_dir().join("ref-index");
            self.git_env(
                &["read-tree", "HEAD"],
                &[("GIT_INDEX_FILE", tmp.as_path())],
                None,
            );
            let map = cache_tree_map(&fs::read(&tmp).unwrap());
            fs::remove_file(tmp).unwrap();
            map
        }

        fn no_lock_left(&self) -> bool {
            !self.git_dir().join("index.lock").exists()
        }
    }

    fn ticket(i: usize) -> String {
        format!("tickets/{:02x}/T{i:05}.yaml", i % 16)
    }

    /// Every path of the cache tree with (entry count, oid if valid).
    fn cache_tree_map(index: &[u8]) -> BTreeMap<String, (i64, Option<[u8; 20]>)> {
        let header = parse_header(index).unwrap();
        let probes = DfProbes::new(&[]).unwrap();
        let mut racy = Racy {
            index_mtime: 0,
            work_tree: None,
            checks_left: 0,
        };
        let plan = scan_entries(index, &header, &[], &probes, &mut racy).unwrap();
        let mut map = BTreeMap::new();
        for ext in scan_extensions(index, plan.entries_end).unwrap() {
            if &ext.sig != b"TREE" {
                continue;
            }
            let tree = CacheTree::parse(&index[ext.start..ext.end]).unwrap();
            let mut stack = vec![(0usize, String::new())];
            while let Some((n, path)) = stack.pop() {
                let node = &tree.nodes[n];
                for &c in &node.children {
                    let name = String::from_utf8_lossy(tree.nodes[c].name);
                    let p = if path.is_empty() {
                        name.to_string()
                    } else {
                        format!("{path}/{name}")
                    };
                    stack.push((c, p));
                }
                map.insert(path, (node.count, node.oid));
            }
        }
        map
    }

    /// Our valid cache-tree nodes all agree with git's; returns the invalid paths.
    fn check_cache_tree(repo: &Repo) -> Vec<String> {
        let ours = cache_tree_map(&repo.index_bytes());
        let reference = repo.reference_cache_tree();
        let mut invalid = Vec::new();
        for (path, (count, oid)) in &ours {
            match oid {
                Some(_) => assert_eq!(
                    reference.get(path),
                    Some(&(*count, *oid)),
                    "cache tree node {path:?} is valid but wrong"
                ),
                None => invalid.push(path.clone()),
            }
        }
        invalid
    }

    fn assert_clean(repo: &Repo) {
        // diff-files first: it compares stat data without refreshing the index.
        assert!(repo.ok(&["diff-files", "--quiet"]), "stat data not clean");
        assert!(
            repo.ok(&["diff-index", "--cached", "--quiet", "HEAD"]),
            "index != HEAD"
        );
        assert_eq!(repo.git(&["status", "--porcelain"]), "");
        repo.git(&["fsck", "--no-progress"]);
        repo.git(&["update-index", "--refresh"]);
        assert_eq!(repo.git(&["write-tree"]).trim(), repo.scratch_tree());
        assert!(repo.no_lock_left());
    }

    fn ls_line(oid: &[u8; 20], path: &str) -> String {
        format!("100644 {} 0\t{path}\n", hex(oid))
    }

    #[test]
    fn new_and_modified_file_keep_status_clean() {
        let r = Repo::init(&[]);
        r.populate(300);
        let writes = [
            ("tickets/03/NEW00001.yaml", "id: NEW00001\n"),
            ("tickets/05/T00005.yaml", "id: T00005\ntitle: changed\n"),
        ];
        let oids = r.tix_commit(&writes, &[]);
        r.upsert(&[(writes[0].0, oids[0]), (writes[1].0, oids[1])])
            .unwrap();
        let ls = r.ls();
        assert!(ls.contains(&ls_line(&oids[0], writes[0].0)));
        assert!(ls.contains(&ls_line(&oids[1], writes[1].0)));
        assert_eq!(ls.lines().count(), 301);
        let invalid = check_cache_tree(&r);
        assert_eq!(invalid, ["", "tickets", "tickets/03", "tickets/05"]);
        assert_clean(&r);

        // An unrelated later change commits normally and history shows the right content.
        r.write(&ticket(7), "id: T00007\ntitle: later\n");
        r.git(&["commit", "-q", "-am", "later"]);
        assert_eq!(
            r.git(&["rev-parse", "HEAD^{tree}"]).trim(),
            r.scratch_tree()
        );
        assert_eq!(
            r.git(&["diff", "--name-only", "HEAD~1", "HEAD"]),
            "tickets/07/T00007.yaml\n"
        );
        assert_eq!(
            r.git(&["show", "HEAD~1:tickets/03/NEW00001.yaml"]),
            "id: NEW00001\n"
        );
        let log = r.git(&["log", "-p", "--format=%s"]);
        assert!(log.contains("+title: later"));
        assert!(log.contains("+id: NEW00001"));
        assert!(log.contains("+title: changed"));
        assert_clean(&r);
    }

    #[test]
    fn insert_at_beginning_middle_and_end() {
        let r = Repo::init(&[]);
        r.populate(50);
        for path in [
            "AAA.txt",
            "tickets/07/M.yaml",
            "zzz/end.txt",
            "tickets/00/0.yaml",
        ] {
            let oids = r.tix_commit(&[(path, path)], &[]);
            r.upsert(&[(path, oids[0])]).unwrap();
            assert!(r.ls().contains(&ls_line(&oids[0], path)));
            assert_clean(&r);
        }
        let ls = r.ls();
        assert!(ls.starts_with("100644 ") && ls.lines().next().unwrap().ends_with("\tAAA.txt"));
        assert!(ls.lines().last().unwrap().ends_with("\tzzz/end.txt"));
        assert_eq!(ls.lines().count(), 54);
    }

    #[test]
    fn several_unsorted_updates_last_duplicate_wins() {
        let r = Repo::init(&[]);
        r.populate(100);
        let writes = [
            ("tickets/0f/Z.yaml", "z\n"),
            ("tickets/01/T00001.yaml", "one\n"),
            ("a-top.txt", "top\n"),
            ("tickets/0a/A.yaml", "a\n"),
            ("tickets/01/A.yaml", "1a\n"),
        ];
        let oids = r.tix_commit(&writes, &[]);
        let mut req: Vec<(&str, [u8; 20])> = vec![("tickets/0a/A.yaml", [7; 20])];
        req.extend(writes.iter().zip(&oids).map(|((p, _), o)| (*p, *o)));
        r.upsert(&req).unwrap();
        let ls = r.ls();
        for ((p, _), o) in writes.iter().zip(&oids) {
            assert!(ls.contains(&ls_line(o, p)));
        }
        assert_eq!(ls.lines().count(), 104);
        assert_clean(&r);
    }

    #[test]
    fn remove_entries() {
        let r = Repo::init(&[]);
        r.populate(40);
        let gone = [ticket(1), ticket(39), ticket(0)];
        let gone: Vec<&str> = gone.iter().map(String::as_str).collect();
        r.tix_commit(&[], &gone);
        remove(&r.git_dir(), &r.root, &gone).unwrap();
        assert_eq!(r.ls().lines().count(), 37);
        assert!(!r.ls().contains(gone[0]));
        assert_clean(&r);

        // Removing absent paths changes nothing, not even the file.
        let before = r.index_bytes();
        remove(&r.git_dir(), &r.root, &["nope/x.yaml", gone[0]]).unwrap();
        assert_eq!(r.index_bytes(), before);
        assert!(r.no_lock_left());
    }

    #[test]
    fn version_3_with_intent_to_add() {
        let r = Repo::init(&[]);
        r.populate(60);
        r.git(&["update-index", "--index-version", "3"]);
        r.write("notes.txt", "draft\n");
        r.git(&["add", "-N", "notes.txt"]);
        let idx = r.index_bytes();
        assert_eq!(be32(&idx, 4), 3);
        let oids = r.tix_commit(
            &[("tickets/02/V3.yaml", "v3\n"), ("notes-a.txt", "x\n")],
            &[],
        );
        r.upsert(&[("tickets/02/V3.yaml", oids[0]), ("notes-a.txt", oids[1])])
            .unwrap();
        assert_eq!(be32(&r.index_bytes(), 4), 3);
        assert!(r.ok(&["diff-files", "--quiet", "--", "tickets", "notes-a.txt"]));
        // The intent-to-add entry (extended flags) survives untouched.
        assert_eq!(r.git(&["status", "--porcelain"]), " A notes.txt\n");
        let ls = r.ls();
        assert!(ls.contains(&ls_line(&oids[0], "tickets/02/V3.yaml")));
        assert!(ls.contains("\tnotes.txt\n"));
        r.git(&["fsck", "--no-progress"]);
        r.git(&["add", "notes.txt"]);
        r.git(&["commit", "-q", "-m", "notes"]);
        assert_eq!(
            r.git(&["rev-parse", "HEAD^{tree}"]).trim(),
            r.scratch_tree()
        );
        assert_clean(&r);
    }

    fn assert_unsupported(r: &Repo, result: Result<(), IndexError>, before: &[u8]) {
        assert!(
            matches!(result, Err(IndexError::Unsupported { .. })),
            "{result:?}"
        );
        if r.git_dir().join("index").exists() {
            assert_eq!(r.index_bytes(), before);
        }
        assert!(r.no_lock_left());
    }

    #[test]
    fn version_4_is_unsupported() {
        let r = Repo::init(&[]);
        r.populate(10);
        r.git(&["update-index", "--index-version", "4"]);
        let before = r.index_bytes();
        let oids = r.tix_commit(&[("tickets/01/X.yaml", "x\n")], &[]);
        let res = r.upsert(&[("tickets/01/X.yaml", oids[0])]);
        assert_unsupported(&r, res, &before);
    }

    #[test]
    fn split_index_is_unsupported() {
        let r = Repo::init(&[]);
        r.populate(10);
        r.git(&["update-index", "--split-index"]);
        let before = r.index_bytes();
        let oids = r.tix_commit(&[("tickets/01/X.yaml", "x\n")], &[]);
        let res = r.upsert(&[("tickets/01/X.yaml", oids[0])]);
        assert_unsupported(&r, res, &before);
    }

    #[test]
    fn sparse_index_is_unsupported() {
        let r = Repo::init(&[]);
        r.populate(10);
        r.git(&[
            "sparse-checkout",
            "set",
            "--cone",
            "--sparse-index",
            "tickets/01",
        ]);
        let before = r.index_bytes();
        let oids = r.tix_commit(&[("tickets/01/X.yaml", "x\n")], &[]);
        let res = r.upsert(&[("tickets/01/X.yaml", oids[0])]);
        assert_unsupported(&r, res, &before);
    }

    #[test]
    fn sha256_repo_is_unsupported() {
        let r = Repo::init(&["--object-format=sha256"]);
        r.populate(5);
        let before = r.index_bytes();
        r.write("x.txt", "x\n");
        let res = r.upsert(&[("x.txt", [1; 20])]);
        assert_unsupported(&r, res, &before);
    }

    #[test]
    fn missing_index_is_unsupported() {
        let r = Repo::init(&[]);
        r.write("x.txt", "x\n");
        let res = r.upsert(&[("x.txt", [1; 20])]);
        assert_unsupported(&r, res, &[]);
        assert!(!r.git_dir().join("index").exists());
    }

    #[test]
    fn conflicted_path_is_unsupported() {
        let r = Repo::init(&[]);
        r.populate(20);
        let blob = r.git(&["rev-parse", &format!("HEAD:{}", ticket(3))]);
        let blob = blob.trim();
        let info = format!(
            "0 {z}\t{p}\n100644 {blob} 1\t{p}\n100644 {blob} 2\t{p}\n100644 {blob} 3\t{p}\n",
            z = "0".repeat(40),
            p = ticket(3)
        );
        r.git_env(
            &["update-index", "--index-info"],
            &[],
            Some(info.as_bytes()),
        );
        let before = r.index_bytes();
        r.write("other.txt", "o\n");
        let res = r.upsert(&[(ticket(3).as_str(), [2; 20])]);
        assert_unsupported(&r, res, &before);
        // Conflicts elsewhere do not block other paths.
        r.upsert(&[("other.txt", [2; 20])]).unwrap();
        let ls = r.ls();
        assert_eq!(ls.matches(&ticket(3)).count(), 3);
        assert!(ls.contains(&ls_line(&[2; 20], "other.txt")));
    }

    #[test]
    fn file_directory_clash_and_bad_paths_are_unsupported() {
        let r = Repo::init(&[]);
        r.populate(20);
        let before = r.index_bytes();
        let t3 = format!("{}/under", ticket(3));
        let bad = [
            "tickets/03",
            "tickets",
            t3.as_str(),
            "../x",
            "a//b",
            "/abs",
            "dir/",
            ".git/config",
            "a/./b",
        ];
        for path in bad {
            let u = IndexUpdate {
                path,
                oid: [3; 20],
                mode: 0o100644,
            };
            assert_unsupported(&r, upsert(&r.git_dir(), &r.root, &[u]), &before);
        }
        // Clash within one request.
        let a = IndexUpdate {
            path: "x",
            oid: [3; 20],
            mode: 0o100644,
        };
        let b = IndexUpdate { path: "x/y", ..a };
        assert_unsupported(&r, upsert(&r.git_dir(), &r.root, &[a, b]), &before);
        let m = IndexUpdate {
            mode: 0o100600,
            ..a
        };
        assert_unsupported(&r, upsert(&r.git_dir(), &r.root, &[m]), &before);
    }

    #[test]
    fn locked_index_is_reported_and_left_alone() {
        let r = Repo::init(&[]);
        r.populate(10);
        let before = r.index_bytes();
        let lock = r.git_dir().join("index.lock");
        fs::write(&lock, "someone else").unwrap();
        let oids = r.tix_commit(&[("tickets/01/X.yaml", "x\n")], &[]);
        let res = r.upsert(&[("tickets/01/X.yaml", oids[0])]);
        assert!(matches!(res, Err(IndexError::Locked { .. })), "{res:?}");
        assert_eq!(fs::read_to_string(&lock).unwrap(), "someone else");
        assert_eq!(r.index_bytes(), before);
    }

    #[test]
    fn bad_checksum_is_corrupt() {
        let r = Repo::init(&[]);
        r.populate(10);
        let path = r.git_dir().join("index");
        let mut idx = r.index_bytes();
        idx[HEADER_LEN + 3] ^= 1; // ctime of the first entry
        fs::write(&path, &idx).unwrap();
        r.write("x.txt", "x\n");
        let res = r.upsert(&[("x.txt", [1; 20])]);
        assert!(matches!(res, Err(IndexError::Corrupt { .. })), "{res:?}");
        assert_eq!(r.index_bytes(), idx);
        assert!(r.no_lock_left());
        // Truncation inside the entries.
        fs::write(&path, &idx[..100]).unwrap();
        let res = r.upsert(&[("x.txt", [1; 20])]);
        assert!(matches!(res, Err(IndexError::Corrupt { .. })), "{res:?}");
        assert!(r.no_lock_left());
    }

    #[test]
    fn cache_tree_hints_keep_it_valid() {
        let r = Repo::init(&[]);
        r.populate(200);
        assert!(check_cache_tree(&r).is_empty());
        let dirs = ["", "tickets", "tickets/04"];
        let old: Vec<[u8; 20]> = dirs.iter().map(|d| r.rev(&format!("HEAD:{d}"))).collect();
        let writes = [
            ("tickets/04/NEW.yaml", "new\n"),
            ("tickets/04/T00004.yaml", "changed\n"),
        ];
        let oids = r.tix_commit(&writes, &[]);
        let hints: Vec<TreeHint> = dirs
            .iter()
            .zip(&old)
            .map(|(d, o)| TreeHint {
                dir: d,
                old_oid: *o,
                new_oid: r.rev(&format!("HEAD:{d}")),
            })
            .collect();
        r.upsert_hinted(&[(writes[0].0, oids[0]), (writes[1].0, oids[1])], &hints)
            .unwrap();
        // Every node valid and identical to what git computes itself.
        assert_eq!(cache_tree_map(&r.index_bytes()), r.reference_cache_tree());
        assert_clean(&r);
        // Counts are right too: a later commit elsewhere rebuilds the root from them.
        r.write(&ticket(9), "later\n");
        r.git(&["commit", "-q", "-am", "later"]);
        assert_eq!(
            r.git(&["rev-parse", "HEAD^{tree}"]).trim(),
            r.scratch_tree()
        );
        assert_clean(&r);
    }

    #[test]
    fn cache_tree_hints_for_a_new_directory() {
        let r = Repo::init(&[]);
        r.populate(50);
        let old_root = r.rev("HEAD:");
        let old_tickets = r.rev("HEAD:tickets");
        let oids = r.tix_commit(&[("tickets/ff/NEW.yaml", "new\n")], &[]);
        let hints = [
            TreeHint {
                dir: "",
                old_oid: old_root,
                new_oid: r.rev("HEAD:"),
            },
            TreeHint {
                dir: "tickets",
                old_oid: old_tickets,
                new_oid: r.rev("HEAD:tickets"),
            },
        ];
        r.upsert_hinted(&[("tickets/ff/NEW.yaml", oids[0])], &hints)
            .unwrap();
        // No node describes tickets/ff, so its ancestors cannot be proven valid.
        assert_eq!(check_cache_tree(&r), ["", "tickets"]);
        assert_clean(&r);
    }

    #[test]
    fn cache_tree_hint_refused_when_user_staged_something() {
        let r = Repo::init(&[]);
        r.populate(100);
        let dirs = ["", "tickets", "tickets/04"];
        let old: Vec<[u8; 20]> = dirs.iter().map(|d| r.rev(&format!("HEAD:{d}"))).collect();
        // The user stages an edit in the same shard; tix builds its tree from HEAD.
        r.write(&ticket(4), "staged by user\n");
        r.git(&["add", &ticket(4)]);
        let oids = r.tix_commit(&[("tickets/04/NEW.yaml", "new\n")], &[]);
        let hints: Vec<TreeHint> = dirs
            .iter()
            .zip(&old)
            .map(|(d, o)| TreeHint {
                dir: d,
                old_oid: *o,
                new_oid: r.rev(&format!("HEAD:{d}")),
            })
            .collect();
        r.upsert_hinted(&[("tickets/04/NEW.yaml", oids[0])], &hints)
            .unwrap();
        assert_eq!(check_cache_tree(&r), ["", "tickets", "tickets/04"]);
        assert_eq!(
            r.git(&["status", "--porcelain"]),
            format!("M  {}\n", ticket(4))
        );
        r.git(&["commit", "-q", "-m", "user"]);
        assert_eq!(
            r.git(&["show", &format!("HEAD:{}", ticket(4))]),
            "staged by user\n"
        );
        assert_eq!(r.git(&["show", "HEAD:tickets/04/NEW.yaml"]), "new\n");
        assert_eq!(
            r.git(&["rev-parse", "HEAD^{tree}"]).trim(),
            r.scratch_tree()
        );
        assert_clean(&r);
    }

    #[test]
    fn cache_tree_hint_with_wrong_old_oid_is_ignored() {
        let r = Repo::init(&[]);
        r.populate(50);
        let oids = r.tix_commit(&[("tickets/04/NEW.yaml", "new\n")], &[]);
        let hint = TreeHint {
            dir: "tickets/04",
            old_oid: [9; 20],
            new_oid: r.rev("HEAD:tickets/04"),
        };
        r.upsert_hinted(&[("tickets/04/NEW.yaml", oids[0])], &[hint])
            .unwrap();
        assert_eq!(check_cache_tree(&r), ["", "tickets", "tickets/04"]);
        assert_clean(&r);
    }

    #[test]
    fn racily_clean_entries_are_smudged() {
        let r = Repo::init(&[]);
        r.git(&["config", "core.trustctime", "false"]);
        r.populate(10);
        let t = ticket(2);
        let past = "@1700000000";
        // Recorded while racy: file mtime == index mtime.
        r.git(&["update-index", "--refresh"]);
        Command::new("touch")
            .args(["-d", past])
            .arg(r.root.join(&t))
            .status()
            .unwrap();
        r.git(&["update-index", "--refresh"]);
        let index = r.git_dir().join("index");
        Command::new("touch")
            .args(["-d", past])
            .arg(&index)
            .status()
            .unwrap();
        // Same-size edit with the same mtime: only the racy rule can catch it.
        r.write(
            &t,
            &fs::read_to_string(r.root.join(&t))
                .unwrap()
                .replace("ticket", "TICKET"),
        );
        Command::new("touch")
            .args(["-d", past])
            .arg(r.root.join(&t))
            .status()
            .unwrap();
        assert!(!r.ok(&["diff-files", "--quiet"]), "git sees it (racy)");

        let oids = r.tix_commit(&[("tickets/01/NEW.yaml", "n\n")], &[]);
        r.upsert(&[("tickets/01/NEW.yaml", oids[0])]).unwrap();
        // The index is newer now; without smudging git would trust the stat data.
        assert_eq!(
            r.git(&["diff-files", "--name-only"]),
            format!("{t}\n"),
            "modification must stay visible"
        );
    }

    #[test]
    fn racy_entries_beyond_the_check_budget_are_smudged() {
        let r = Repo::init(&[]);
        r.populate(RACY_CONTENT_CHECKS + 40);
        // Make every entry racily clean: index mtime <= entry mtimes.
        Command::new("touch")
            .args(["-d", "@1600000000"])
            .arg(r.git_dir().join("index"))
            .status()
            .unwrap();
        let oids = r.tix_commit(&[("tickets/01/NEW.yaml", "n\n")], &[]);
        r.upsert(&[("tickets/01/NEW.yaml", oids[0])]).unwrap();
        // The first RACY_CONTENT_CHECKS were hashed and found clean; the rest were smudged
        // unseen. Plumbing sees those as stat-dirty, porcelain re-hashes them: still clean.
        let dirty = r.git(&["diff-files", "--name-only"]);
        assert_eq!(dirty.lines().count(), 40);
        assert_eq!(r.git(&["status", "--porcelain"]), "");
        // `git status` refreshed and rewrote the index; now even plumbing is clean.
        assert_clean(&r);
    }

    /// Tiny deterministic PRNG (xorshift64*), to avoid a dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    #[test]
    fn random_sequences_match_git_update_index() {
        let a = Repo::init(&[]);
        let b = Repo::init(&[]);
        a.populate(120);
        b.populate(120);
        // Names of 4095+ bytes (flags hold 0xFFF, the NUL ends them). They cannot exist on disk
        // (PATH_MAX), so only git puts them in; we must step over them and may remove them.
        let long = format!("long/{}/end", vec!["x".repeat(200); 21].join("/"));
        for r in [&a, &b] {
            for k in 0..3 {
                let info = format!("100644,{},{long}{k}", hex(&[k as u8 + 1; 20]));
                r.git(&["update-index", "--add", "--cacheinfo", &info]);
            }
        }
        let mut rng = Rng(0x1234_5678_9abc_def1);
        for round in 0..40 {
            let removing = round % 5 == 4;
            let n = 1 + rng.below(6) as usize;
            let mut paths = Vec::new();
            for _ in 0..n {
                let p = match rng.below(if removing { 6 } else { 5 }) {
                    0 | 1 => ticket(rng.below(120) as usize),
                    2 => format!("tickets/{:02x}/N{}.yaml", rng.below(32), rng.below(50)),
                    3 => format!("r{}", rng.below(20)),
                    4 => format!("zz/{}", rng.below(20)),
                    _ => format!("{long}{}", rng.below(3)),
                };
                paths.push(p);
            }
            if removing {
                let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
                remove(&a.git_dir(), &a.root, &refs).unwrap();
                let mut args = vec!["update-index", "--force-remove"];
                args.extend(&refs);
                b.git(&args);
            } else {
                let mut oids = Vec::new();
                for _ in &paths {
                    let mut o = [0u8; 20];
                    for x in o.iter_mut() {
                        *x = rng.next() as u8;
                    }
                    oids.push(o);
                }
                let mode = if rng.below(4) == 0 {
                    0o100755
                } else {
                    0o100644
                };
                for p in &paths {
                    a.write(p, p);
                }
                let updates: Vec<IndexUpdate> = paths
                    .iter()
                    .zip(&oids)
                    .map(|(p, o)| IndexUpdate {
                        path: p,
                        oid: *o,
                        mode,
                    })
                    .collect();
                upsert(&a.git_dir(), &a.root, &updates).unwrap();
                let infos: Vec<String> = paths
                    .iter()
                    .zip(&oids)
                    .map(|(p, o)| format!("{mode:o},{},{p}", hex(o)))
                    .collect();
                let mut args = vec!["update-index", "--add"];
                for i in &infos {
                    args.push("--cacheinfo");
                    args.push(i);
                }
                b.git(&args);
            }
            assert_eq!(a.ls(), b.ls(), "diverged in round {round}");
        }
        let invalid = check_cache_tree(&a);
        assert!(invalid.contains(&String::new()));
    }
}
