//! Writing a pack of new objects as a stream, with its version 2 index, without libgit2.
//!
//! [`super::chain`] lands tens of thousands of commits at once. Through libgit2 every object
//! would sit unpacked in memory until its pack builder searched deltas over all of them and its
//! indexer re-read the result: most of the time and memory of a large `tix import`. The chain
//! knows what each object is a new version of (a ticket file, a directory tree), so each is
//! hashed here, written at once (a delta against the previous version of the same path when that
//! is much smaller, else whole), and forgotten except for its ID, offset and checksum; the index
//! is written from those. Data goes into deflate's "stored" blocks: a delta is a few dozen bytes
//! that compression would not shrink, and `git gc` recompresses the whole objects later.
//!
//! Crash safety follows `git index-pack`: both files are written under temporary names in
//! `objects/pack/`, then the pack is renamed into place and the index last, since readers find
//! packs by their index. A crash before that leaves only a `tmp_pack_*` file that Git's
//! housekeeping removes; a crash between the two renames leaves a pack nobody reads.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sha1::{Digest, Sha1};

/// A SHA-1 object ID as raw bytes.
pub(crate) type RawOid = [u8; 20];

/// The object types a pack holds whole (Git's numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Commit = 1,
    Tree = 2,
    Blob = 3,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Commit => "commit",
            Kind::Tree => "tree",
            Kind::Blob => "blob",
        }
    }
}

const OFS_DELTA: u8 = 6;

/// Git's default `pack.depth`: a longer chain makes reading an old version slower.
const MAX_DEPTH: u32 = 50;

/// The ID Git gives `data` as an object of `kind`.
pub(crate) fn hash_object(kind: Kind, data: &[u8]) -> RawOid {
    let mut hasher = Sha1::new();
    hasher.update(format!("{} {}\0", kind.name(), data.len()).as_bytes());
    hasher.update(data);
    hasher.finalize().into()
}

/// The last version written of one path, to delta its next version against.
pub(crate) struct Version {
    data: Vec<u8>,
    offset: u64,
    depth: u32,
}

/// One object of the pack, for its index.
struct Entry {
    oid: RawOid,
    offset: u64,
    crc: u32,
}

/// A pack being written under a temporary name in `objects/pack/`.
pub(crate) struct PackWriter {
    dir: PathBuf,
    tmp: PathBuf,
    file: BufWriter<File>,
    offset: u64,
    /// The CRC-32 of the object being written (the index records one per object).
    crc: u32,
    entries: Vec<Entry>,
    /// Objects already in the pack, by ID: where they are and their delta depth.
    seen: HashMap<RawOid, (u64, u32)>,
}

impl PackWriter {
    /// Starts a pack in `pack_dir` (`objects/pack`).
    pub(crate) fn create(pack_dir: &Path) -> io::Result<PackWriter> {
        fs::create_dir_all(pack_dir)?;
        let (tmp, file) = create_temp(pack_dir, "tmp_pack_")?;
        let mut pack = PackWriter {
            dir: pack_dir.to_path_buf(),
            tmp,
            file: BufWriter::with_capacity(1 << 20, file),
            offset: 0,
            crc: 0,
            entries: Vec::new(),
            seen: HashMap::new(),
        };
        // The object count is patched in by `finish`.
        pack.write(b"PACK\0\0\0\x02\0\0\0\0")?;
        Ok(pack)
    }

    /// The temporary file, to remove when the write is abandoned.
    pub(crate) fn temp_path(&self) -> &Path {
        &self.tmp
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.offset += bytes.len() as u64;
        self.crc = crc32_update(self.crc, bytes);
        self.file.write_all(bytes)
    }

    /// Adds an object unless the pack has it already and returns its ID. With `version`, the
    /// previous version of the same path, the object is stored as a delta against it when that
    /// is less than half its size; `version` becomes this object.
    pub(crate) fn put(
        &mut self,
        kind: Kind,
        data: &[u8],
        version: Option<&mut Option<Version>>,
    ) -> io::Result<RawOid> {
        let oid = hash_object(kind, data);
        let (offset, depth) = match self.seen.get(&oid) {
            Some(&known) => known,
            None => {
                let base = version.as_deref().and_then(Option::as_ref);
                let placed = self.append(kind, data, base)?;
                self.seen.insert(oid, placed);
                self.entries.push(Entry {
                    oid,
                    offset: placed.0,
                    crc: self.crc,
                });
                placed
            }
        };
        if let Some(version) = version {
            let mut buffer = version.take().map(|v| v.data).unwrap_or_default();
            buffer.clear();
            buffer.extend_from_slice(data);
            *version = Some(Version {
                data: buffer,
                offset,
                depth,
            });
        }
        Ok(oid)
    }

    /// Writes one object at the end of the pack: its offset and delta depth.
    fn append(
        &mut self,
        kind: Kind,
        data: &[u8],
        base: Option<&Version>,
    ) -> io::Result<(u64, u32)> {
        let start = self.offset;
        self.crc = 0;
        let delta = base
            .filter(|v| v.depth < MAX_DEPTH)
            .map(|v| (v.offset, v.depth, make_delta(&v.data, data)))
            // A delta that saves little only lengthens the chain.
            .filter(|(_, _, delta)| delta.len() < data.len() / 2);
        match delta {
            Some((base_offset, base_depth, delta)) => {
                self.write(&object_header(OFS_DELTA, delta.len()))?;
                self.write(&ofs_delta_distance(start - base_offset))?;
                self.zlib_stored(&delta)?;
                Ok((start, base_depth + 1))
            }
            None => {
                self.write(&object_header(kind as u8, data.len()))?;
                self.zlib_stored(data)?;
                Ok((start, 0))
            }
        }
    }

    /// A zlib stream of deflate "stored" blocks: valid for any inflater, and nothing to compute
    /// but the Adler-32 checksum.
    fn zlib_stored(&mut self, data: &[u8]) -> io::Result<()> {
        self.write(&[0x78, 0x01])?;
        if data.is_empty() {
            self.write(&[1, 0, 0, 0xFF, 0xFF])?;
        }
        let mut chunks = data.chunks(0xFFFF).peekable();
        while let Some(chunk) = chunks.next() {
            let last = u8::from(chunks.peek().is_none());
            let len = u16::try_from(chunk.len()).unwrap_or(u16::MAX);
            let mut head = [last, 0, 0, 0, 0];
            head[1..3].copy_from_slice(&len.to_le_bytes());
            head[3..5].copy_from_slice(&(!len).to_le_bytes());
            self.write(&head)?;
            self.write(chunk)?;
        }
        self.write(&adler32(data).to_be_bytes())
    }

    /// Gives the pack up: nothing of it stays behind.
    pub(crate) fn abandon(self) {
        drop(self.file);
        let _ = fs::remove_file(&self.tmp);
    }

    /// Completes the pack and its index and moves both into place: the pack's name
    /// (`pack-<checksum>`), or `None` when no object was added (nothing is left behind then).
    pub(crate) fn finish(mut self) -> io::Result<Option<String>> {
        if self.entries.is_empty() {
            drop(self.file);
            let _ = fs::remove_file(&self.tmp);
            return Ok(None);
        }
        self.file.flush()?;
        let count = u32::try_from(self.entries.len())
            .map_err(|_| io::Error::other("more than 4 billion objects in one pack"))?;
        let mut file = self
            .file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.seek(SeekFrom::Start(8))?;
        file.write_all(&count.to_be_bytes())?;
        let checksum = checksum_of(&mut file)?;
        file.seek(SeekFrom::End(0))?;
        file.write_all(&checksum)?;
        drop(file);
        let name = format!("pack-{}", hex(&checksum));
        let (tmp_idx, mut idx) = create_temp(&self.dir, "tmp_idx_")?;
        let written = write_index(&mut BufWriter::new(&mut idx), &mut self.entries, &checksum);
        drop(idx);
        let placed = written.and_then(|()| {
            read_only(&self.tmp)?;
            read_only(&tmp_idx)?;
            fs::rename(&self.tmp, self.dir.join(format!("{name}.pack")))?;
            fs::rename(&tmp_idx, self.dir.join(format!("{name}.idx")))
        });
        if let Err(e) = placed {
            let _ = fs::remove_file(&tmp_idx);
            return Err(e);
        }
        Ok(Some(name))
    }
}

/// A new file `PREFIX<pid>_<n>` in `dir`, named as Git names its temporary packs so that its
/// housekeeping recognises a leftover.
fn create_temp(dir: &Path, prefix: &str) -> io::Result<(PathBuf, File)> {
    for n in 0u32.. {
        let path = dir.join(format!("{prefix}{}_{n}", std::process::id()));
        match File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free temporary file name"))
}

/// Packs are read-only, as Git leaves them.
fn read_only(path: &Path) -> io::Result<()> {
    let mut permissions = fs::metadata(path)?.permissions();
    permissions.set_readonly(true);
    fs::set_permissions(path, permissions)
}

/// The SHA-1 of the whole file so far: a pack's trailing checksum.
fn checksum_of(file: &mut File) -> io::Result<RawOid> {
    file.seek(SeekFrom::Start(0))?;
    let mut hasher = Sha1::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(buf.get(..n).unwrap_or_default());
    }
    Ok(hasher.finalize().into())
}

/// A version 2 pack index: fan-out table, sorted IDs, CRC-32s, 31-bit offsets with 64-bit ones
/// for packs over 2 GiB, the pack's checksum, and the index's own.
fn write_index(
    out: &mut impl Write,
    entries: &mut [Entry],
    pack_checksum: &RawOid,
) -> io::Result<()> {
    entries.sort_unstable_by_key(|e| e.oid);
    let mut hashed = HashingWriter {
        inner: out,
        hasher: Sha1::new(),
    };
    hashed.write_all(b"\xfftOc\0\0\0\x02")?;
    let mut fanout = [0u32; 256];
    for e in entries.iter() {
        if let Some(count) = fanout.get_mut(usize::from(e.oid[0])) {
            *count += 1;
        }
    }
    let mut total = 0u32;
    for count in fanout {
        total += count;
        hashed.write_all(&total.to_be_bytes())?;
    }
    for e in entries.iter() {
        hashed.write_all(&e.oid)?;
    }
    for e in entries.iter() {
        hashed.write_all(&e.crc.to_be_bytes())?;
    }
    let mut large = Vec::new();
    for e in entries.iter() {
        let small = match u32::try_from(e.offset) {
            Ok(offset) if offset < 0x8000_0000 => offset,
            _ => {
                let n = u32::try_from(large.len())
                    .map_err(|_| io::Error::other("too many large offsets"))?;
                large.push(e.offset);
                0x8000_0000 | n
            }
        };
        hashed.write_all(&small.to_be_bytes())?;
    }
    for offset in large {
        hashed.write_all(&offset.to_be_bytes())?;
    }
    hashed.write_all(pack_checksum)?;
    let own: RawOid = hashed.hasher.finalize().into();
    out.write_all(&own)?;
    out.flush()
}

struct HashingWriter<'w, W: Write> {
    inner: &'w mut W,
    hasher: Sha1,
}

impl<W: Write> Write for HashingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or_default());
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

pub(crate) fn hex(oid: &RawOid) -> String {
    use std::fmt::Write as _;
    oid.iter().fold(String::with_capacity(40), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Type and size: 3 bits of type and 4 of size, then 7 bits of size a byte.
fn object_header(kind: u8, size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(10);
    let mut c = (kind << 4) | (size & 15) as u8;
    let mut rest = size >> 4;
    while rest > 0 {
        out.push(c | 0x80);
        c = (rest & 127) as u8;
        rest >>= 7;
    }
    out.push(c);
    out
}

/// The distance back to a delta's base, in Git's big-endian base-128 with an offset per byte.
fn ofs_delta_distance(mut distance: u64) -> Vec<u8> {
    let mut out = vec![(distance & 127) as u8];
    distance >>= 7;
    while distance > 0 {
        distance -= 1;
        out.push(0x80 | (distance & 127) as u8);
        distance >>= 7;
    }
    out.reverse();
    out
}

/// A Git delta from `old` to `new`: copy the common prefix, insert the middle, copy the common
/// suffix. A version of a ticket or a directory differs from the previous one in one place (a
/// status line, an appended comment, one tree entry), so that is nearly as small as a real diff.
pub(crate) fn make_delta(old: &[u8], new: &[u8]) -> Vec<u8> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = Vec::with_capacity(new.len() - prefix - suffix + 32);
    varint(&mut out, old.len());
    varint(&mut out, new.len());
    copy_op(&mut out, 0, prefix);
    let middle = new.get(prefix..new.len() - suffix).unwrap_or_default();
    for chunk in middle.chunks(127) {
        out.push(chunk.len() as u8);
        out.extend_from_slice(chunk);
    }
    copy_op(&mut out, old.len() - suffix, suffix);
    out
}

fn varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push(0x80 | (n & 127) as u8);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Copy instructions: a flag byte saying which offset and size bytes follow (zero bytes are
/// left out). Sizes stay below 64 KiB a piece, as Git's own deltas do.
fn copy_op(out: &mut Vec<u8>, mut offset: usize, mut len: usize) {
    while len > 0 {
        let size = len.min(0xFFFF);
        let mut flags = 0x80u8;
        let mut bytes = Vec::with_capacity(6);
        for i in 0..4 {
            let b = (offset >> (8 * i)) as u8;
            if b != 0 {
                flags |= 1 << i;
                bytes.push(b);
            }
        }
        for i in 0..2 {
            let b = (size >> (8 * i)) as u8;
            if b != 0 {
                flags |= 0x10 << i;
                bytes.push(b);
            }
        }
        out.push(flags);
        out.extend_from_slice(&bytes);
        offset += size;
        len -= size;
    }
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that cannot overflow `b` between reductions.
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65_521;
        b %= 65_521;
    }
    (b << 16) | a
}

/// The CRC-32 (IEEE, as zlib's `crc32`) table, built at compile time.
#[allow(clippy::indexing_slicing)] // n < 256: the loop's bound
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

fn crc32_update(crc: u32, bytes: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in bytes {
        let entry = CRC_TABLE.get(((c ^ u32::from(b)) & 0xFF) as usize);
        c = entry.copied().unwrap_or_default() ^ (c >> 8);
    }
    !c
}

#[cfg(test)]
mod tests;
