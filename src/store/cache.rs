//! A disposable cache of parsed ticket summaries, so `tix list` does not re-parse every file.
//!
//! Parsing a ticket's YAML costs an order of magnitude more than a `stat` of its file (figures
//! in bench/README.md). Entries are keyed by file name and trusted only while size, mtime (to
//! the nanosecond) and inode match, as Git trusts its index. Files modified within the last two
//! seconds are not cached, so an edit landing in the same clock tick as the cache write cannot
//! hide. The cache lives under `.git/tix/`, is never committed, and is rebuilt when missing,
//! unreadable or failing its checksum.
//!
//! Why binary and per shard: at 100,000 tickets the JSON form was 50 MB and decoding it took a
//! third of a warm `tix list`. The postcard encoding is a fifth of that and decodes without
//! looking keys up; entries are kept sorted by file name within each shard directory, so a scan
//! meets them by a merge with the sorted directory listing instead of a hash map, and the shard
//! directories are scanned on two threads (the `stat` of every file is the remaining floor).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::checksum::checksum;
use super::{Listing, StoreError, TICKETS_DIR, parse_ticket, read_text};
use crate::domain::id::TicketId;
use crate::domain::query::search_text;
use crate::domain::ticket::TicketSummary;

const CACHE_FILE: &str = "list-cache-v6";
/// The caches of earlier versions, removed when the new one is written.
const OLD_CACHE_FILES: &[&str] = &["list-cache.json", "list-cache-v4", "list-cache-v5"];
const MAGIC: &[u8] = b"tix list cache 4\n";
const SEARCH_FILE: &str = "search-v1";
const SEARCH_MAGIC: &[u8] = b"tix search cache 1\n";
const RACY_NANOS: i64 = 2_000_000_000;
/// Threads that scan shard directories: the work is `stat` calls and YAML parsing, and the
/// machines tix runs on have two cores or more.
const SCAN_THREADS: usize = 2;
/// The cache is rewritten once one file in this many was parsed anew (or is gone).
const REWRITE_RATIO: usize = 200;

#[derive(Deserialize, Default)]
struct CacheFile<'a> {
    #[serde(borrow)]
    shards: Vec<ShardCache<'a>>,
}

#[derive(Deserialize)]
struct ShardCache<'a> {
    shard: &'a str,
    /// Sorted by `name`.
    #[serde(borrow)]
    entries: Vec<Entry<'a>>,
}

/// One file's summary, left encoded until a query wants its ticket: most lists show only open
/// tickets, and decoding (and later freeing) every summary was most of a warm `tix list`.
#[derive(Deserialize)]
struct Entry<'a> {
    name: &'a str,
    stat: Stat,
    status: &'a str,
    summary: &'a [u8],
}

/// The search cache (`search-v1`): each file's text ([`search_text`]), beside but apart from
/// the list cache, which every list reads (the text would nearly triple it) while only a search
/// needs this.
#[derive(Deserialize, Default)]
struct SearchFile<'a> {
    #[serde(borrow)]
    shards: Vec<SearchShard<'a>>,
}

#[derive(Deserialize)]
struct SearchShard<'a> {
    shard: &'a str,
    /// Sorted by `name`.
    #[serde(borrow)]
    entries: Vec<TextEntry<'a>>,
}

#[derive(Deserialize, Serialize)]
struct TextEntry<'a> {
    name: &'a str,
    stat: Stat,
    text: &'a str,
}

#[derive(Serialize)]
struct SearchOut<'a> {
    shards: Vec<SearchShardOut<'a>>,
}

#[derive(Serialize)]
struct SearchShardOut<'a> {
    shard: &'a str,
    entries: Vec<TextEntry<'a>>,
}

/// What identifies one version of a file without reading it.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Stat {
    size: u64,
    mtime_ns: i64,
    ino: u64,
}

/// The borrowed form written out; it encodes exactly as [`CacheFile`] decodes.
#[derive(Serialize)]
struct CacheOut<'a> {
    shards: Vec<ShardOut<'a>>,
}

#[derive(Serialize)]
struct ShardOut<'a> {
    shard: &'a str,
    entries: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    name: &'a str,
    stat: Stat,
    status: &'a str,
    summary: Bytes<'a>,
}

/// Serialized as bytes (what `&[u8]` deserializes from), not as a sequence of numbers.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// One ticket file as scanned.
struct Scanned<'a> {
    name: String,
    /// Present when the file may be cached.
    stat: Option<Stat>,
    status: Cow<'a, str>,
    /// The encoded summary, as cached or newly encoded.
    raw: Cow<'a, [u8]>,
    /// The file's text, when searching.
    text: Option<Cow<'a, str>>,
    /// Decoded when the caller wants this ticket; boxed, as most files of a large desk are
    /// not wanted and a summary is twenty times the size of the rest.
    summary: Option<Box<TicketSummary>>,
}

/// One shard directory as scanned, its files in name order.
struct ShardScan<'a> {
    shard: String,
    files: Vec<Scanned<'a>>,
    broken: Vec<StoreError>,
    /// Files parsed that may now be cached, and entries naming files that are gone: what a
    /// rewrite of the cache would save. A file being written (not yet cacheable) does not
    /// count: its stale entry only misses.
    stale: usize,
    /// The same for the search cache, when searching.
    text_stale: usize,
}

/// Which tickets a listing decodes in full, by status; the others are listed by ID only.
pub(crate) type Wanted<'w> = &'w (dyn Fn(&str) -> bool + Sync);

/// Which tickets a search decodes, by their text ([`search_text`]); `None` wants every one.
pub(crate) type TextWanted<'w> = Option<&'w (dyn Fn(&str) -> bool + Sync)>;

/// Summaries of the ticket files under `tickets/<shard>/` whose status is `wanted` (and, with
/// `text`, whose text it wants), sorted by ID, the IDs of the others, and the files that could
/// not be read or parsed.
pub(crate) fn list(
    workdir: &Path,
    git_dir: &Path,
    shards: &[String],
    wanted: Wanted<'_>,
    text: TextWanted<'_>,
) -> Result<Listing, StoreError> {
    let mut listing = Listing::default();
    scanned(workdir, git_dir, shards, wanted, text, &mut |scans| {
        for scan in scans {
            for file in scan.files {
                match file.summary {
                    Some(summary) => listing.tickets.push(*summary),
                    None => listing.skipped.extend(id_of(&file.name)),
                }
            }
            listing.broken.extend(scan.broken);
        }
    })?;
    // Shards and names are both in ID order, so this is a check of one sorted run.
    listing.tickets.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(listing)
}

/// One ticket file whose status a [`documents`] call wanted.
pub(crate) struct Document {
    pub summary: TicketSummary,
    /// What identifies this version of the file; `None` while it may still change (written in
    /// the last two seconds), when it must not be cached.
    pub stat: Option<Stat>,
    /// Its text ([`search_text`]), when asked for.
    pub text: Option<String>,
}

/// The ticket files whose status is `wanted`, each with its stat and, with `with_text`, its
/// text, in ID order, and the files that could not be read; through the same caches as
/// [`list`] (the text through the search cache), so unchanged files are not parsed.
pub(crate) fn documents(
    workdir: &Path,
    git_dir: &Path,
    shards: &[String],
    wanted: Wanted<'_>,
    with_text: bool,
) -> Result<(Vec<Document>, Vec<StoreError>), StoreError> {
    let mut documents = Vec::new();
    let mut broken = Vec::new();
    let every: &(dyn Fn(&str) -> bool + Sync) = &|_| true;
    let text = with_text.then_some(every);
    scanned(workdir, git_dir, shards, wanted, text, &mut |scans| {
        for scan in scans {
            for file in scan.files {
                if let Some(summary) = file.summary {
                    documents.push(Document {
                        summary: *summary,
                        stat: file.stat,
                        text: file.text.map(Cow::into_owned),
                    });
                }
            }
            broken.extend(scan.broken);
        }
    })?;
    documents.sort_by(|a, b| a.summary.id.cmp(&b.summary.id));
    Ok((documents, broken))
}

/// Scans every shard against the caches, rewrites them when that pays, and hands the scans to
/// `take` (they borrow the cache files' bytes, which live only in here).
fn scanned(
    workdir: &Path,
    git_dir: &Path,
    shards: &[String],
    wanted: Wanted<'_>,
    text: TextWanted<'_>,
    take: &mut dyn FnMut(Vec<ShardScan<'_>>),
) -> Result<(), StoreError> {
    let dir = git_dir.join("tix");
    let bytes = fs::read(dir.join(CACHE_FILE)).unwrap_or_default();
    let old = decode_cache(&bytes);
    let old_shards = old.shards.len();
    let mut by_shard: HashMap<&str, Vec<Entry<'_>>> = old
        .shards
        .into_iter()
        .map(|s| (s.shard, s.entries))
        .collect();
    let search_bytes = match text {
        Some(_) => fs::read(dir.join(SEARCH_FILE)).unwrap_or_default(),
        None => Vec::new(),
    };
    let old_texts = decode_search(&search_bytes);
    let old_text_shards = old_texts.shards.len();
    let mut texts_by_shard: HashMap<&str, Vec<TextEntry<'_>>> = old_texts
        .shards
        .into_iter()
        .map(|s| (s.shard, s.entries))
        .collect();
    let now_ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    let mut shards: Vec<&String> = shards.iter().collect();
    shards.sort_unstable();
    let jobs: Vec<Job<'_, '_>> = shards
        .into_iter()
        .map(|s| Job {
            shard: s,
            old: by_shard.remove(s.as_str()).unwrap_or_default(),
            old_texts: texts_by_shard.remove(s.as_str()).unwrap_or_default(),
        })
        .collect();
    let scans = scan_all(workdir, jobs, now_ns, wanted, text)?;
    let stale: usize = scans.iter().map(|s| s.stale).sum();
    let files: usize = scans.iter().map(|s| s.files.len()).sum();
    // Rewriting costs about a fiftieth of parsing every file (at 100,000 tickets, 24 MB and a
    // tenth of a second), so a few changed files are parsed again by each list instead, until
    // enough have changed: a list after each of a burst of tix commits stays fast.
    let worth_rewriting = stale > 0 && stale.saturating_mul(REWRITE_RATIO) >= files;
    if worth_rewriting || !by_shard.is_empty() || old_shards != scans.len() {
        save(&dir, &scans);
    }
    if text.is_some() {
        let text_stale: usize = scans.iter().map(|s| s.text_stale).sum();
        let worth = text_stale > 0 && text_stale.saturating_mul(REWRITE_RATIO) >= files;
        if worth || !texts_by_shard.is_empty() || old_text_shards != scans.len() {
            save_search(&dir, &scans);
        }
    }
    take(scans);
    Ok(())
}

/// One shard directory to scan, with its entries in both caches.
struct Job<'s, 'a> {
    shard: &'s String,
    old: Vec<Entry<'a>>,
    old_texts: Vec<TextEntry<'a>>,
}

/// The ticket ID a cached file's name spells (the cache holds only files whose name and ID
/// agree).
fn id_of(name: &str) -> Option<TicketId> {
    TicketId::parse(name.strip_suffix(".yaml")?).ok()
}

/// Scans the shards in contiguous chunks, one thread each, and returns them in the given order.
fn scan_all<'a>(
    workdir: &Path,
    jobs: Vec<Job<'_, 'a>>,
    now_ns: i64,
    wanted: Wanted<'_>,
    text: TextWanted<'_>,
) -> Result<Vec<ShardScan<'a>>, StoreError> {
    let chunk = jobs.len().div_ceil(SCAN_THREADS).max(1);
    let mut chunks: Vec<Vec<Job<'_, 'a>>> = Vec::new();
    let mut jobs = jobs.into_iter().peekable();
    while jobs.peek().is_some() {
        chunks.push(jobs.by_ref().take(chunk).collect());
    }
    let scan_chunk = |chunk: Vec<Job<'_, 'a>>| {
        chunk
            .into_iter()
            .map(|job| scan_shard(workdir, job, now_ns, wanted, text))
            .collect::<Result<Vec<_>, StoreError>>()
    };
    let mut results = Vec::new();
    std::thread::scope(|scope| {
        let mut chunks = chunks.into_iter();
        let first = chunks.next();
        let handles: Vec<_> = chunks
            .map(|chunk| scope.spawn(move || scan_chunk(chunk)))
            .collect();
        if let Some(first) = first {
            results.push(scan_chunk(first));
        }
        for handle in handles {
            results.push(
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
    });
    let mut scans = Vec::new();
    for result in results {
        scans.extend(result?);
    }
    Ok(scans)
}

/// Reads one shard directory, reusing each cached summary (and, when searching, each cached
/// text) whose file is unchanged.
fn scan_shard<'a>(
    workdir: &Path,
    job: Job<'_, 'a>,
    now_ns: i64,
    wanted: Wanted<'_>,
    text: TextWanted<'_>,
) -> Result<ShardScan<'a>, StoreError> {
    let searching = text.is_some();
    let wanted = |status: &str, body: Option<&str>| {
        wanted(status) && text.is_none_or(|t| body.is_some_and(t))
    };
    let shard = job.shard.as_str();
    let dir = workdir.join(TICKETS_DIR).join(shard);
    let io = |path: &Path, source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut names = Vec::new();
    for entry in fs::read_dir(&dir).map_err(|e| io(&dir, e))? {
        let entry = entry.map_err(|e| io(&dir, e))?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if name.ends_with(".yaml") && !name.starts_with('.') {
            names.push((name, entry));
        }
    }
    names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut scan = ShardScan {
        shard: shard.to_string(),
        files: Vec::with_capacity(names.len()),
        broken: Vec::new(),
        stale: 0,
        text_stale: 0,
    };
    let mut old = job.old.into_iter().peekable();
    let mut old_texts = job.old_texts.into_iter().peekable();
    for (name, entry) in names {
        while old.next_if(|e| e.name < name.as_str()).is_some() {
            scan.stale += 1;
        }
        while old_texts.next_if(|e| e.name < name.as_str()).is_some() {
            scan.text_stale += usize::from(searching);
        }
        let cached = old.next_if(|e| e.name == name);
        let cached_text = old_texts.next_if(|e| e.name == name);
        let path = entry.path();
        // The directory entry's own stat is relative to the open directory (no path walk from
        // the root); a symbolic link is followed, as reading the file will.
        let meta = match entry.metadata() {
            Ok(meta) if meta.file_type().is_symlink() => fs::metadata(&path),
            other => other,
        }
        .map_err(|e| io(&path, e))?;
        let stat = Stat {
            size: meta.size(),
            mtime_ns: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
            ino: meta.ino(),
        };
        let body: Option<Option<&'a str>> = if searching {
            cached_text.filter(|e| e.stat == stat).map(|e| Some(e.text))
        } else {
            Some(None)
        };
        let reused = cached
            .filter(|e| e.stat == stat)
            .zip(body)
            .and_then(|(e, body)| {
                let summary = if wanted(e.status, body) {
                    Some(Box::new(
                        postcard::from_bytes::<TicketSummary>(e.summary).ok()?,
                    ))
                } else {
                    None
                };
                Some(Scanned {
                    name: name.clone(),
                    stat: Some(stat),
                    status: Cow::Borrowed(e.status),
                    raw: Cow::Borrowed(e.summary),
                    text: body.map(Cow::Borrowed),
                    summary,
                })
            });
        let file = match reused {
            Some(file) => file,
            None => {
                let rel = format!("{TICKETS_DIR}/{shard}/{name}");
                let ticket = match read_text(&rel, &path).and_then(|text| parse_ticket(&rel, &text))
                {
                    Ok(ticket) => ticket,
                    Err(e) => {
                        scan.broken.push(e);
                        continue;
                    }
                };
                let summary = TicketSummary::from(&ticket);
                // Only a file that is not being written and whose name spells its ID is
                // cached: skipped tickets are listed by the name alone.
                let settled = now_ns - stat.mtime_ns > RACY_NANOS
                    && id_of(&name).as_ref() == Some(&summary.id);
                scan.stale += usize::from(settled);
                scan.text_stale += usize::from(settled && searching);
                Scanned {
                    name,
                    stat: settled.then_some(stat),
                    status: Cow::Owned(summary.status.clone()),
                    raw: Cow::Owned(postcard::to_stdvec(&summary).unwrap_or_default()),
                    text: searching.then(|| Cow::Owned(search_text(&ticket))),
                    summary: Some(Box::new(summary)),
                }
            }
        };
        let mut file = file;
        if !wanted(&file.status, file.text.as_deref()) {
            file.summary = None;
        }
        scan.files.push(file);
    }
    scan.stale += old.count();
    scan.text_stale += if searching { old_texts.count() } else { 0 };
    Ok(scan)
}

/// The search cache as stored, or an empty one (as [`decode_cache`]).
fn decode_search(bytes: &[u8]) -> SearchFile<'_> {
    read_checksummed(bytes, SEARCH_MAGIC)
}

/// Best effort, as [`save`].
fn save_search(dir: &Path, scans: &[ShardScan<'_>]) {
    let cache = SearchOut {
        shards: scans
            .iter()
            .map(|scan| SearchShardOut {
                shard: &scan.shard,
                entries: scan
                    .files
                    .iter()
                    .filter_map(|file| {
                        Some(TextEntry {
                            name: &file.name,
                            stat: file.stat?,
                            text: file.text.as_deref()?,
                        })
                    })
                    .collect(),
            })
            .collect(),
    };
    let estimate: usize = scans
        .iter()
        .flat_map(|scan| &scan.files)
        .map(|file| file.name.len() + file.text.as_deref().map_or(0, str::len) + 32)
        .sum();
    write_checksummed(dir, SEARCH_FILE, SEARCH_MAGIC, &cache, estimate);
}

/// The cache as stored, or an empty one when it is missing, from another version, torn or
/// corrupted (its checksum does not match).
fn decode_cache(bytes: &[u8]) -> CacheFile<'_> {
    read_checksummed(bytes, MAGIC)
}

/// What [`write_checksummed`] wrote with `magic`, or the default value when the bytes are
/// missing, of another version (magic), torn or corrupted (checksum).
pub(crate) fn read_checksummed<'a, T: Deserialize<'a> + Default>(
    bytes: &'a [u8],
    magic: &[u8],
) -> T {
    let Some(rest) = bytes.strip_prefix(magic) else {
        return T::default();
    };
    let Some((sum, payload)) = rest.split_first_chunk::<8>() else {
        return T::default();
    };
    if checksum(payload) != u64::from_le_bytes(*sum) {
        return T::default();
    }
    postcard::from_bytes(payload).unwrap_or_default()
}

/// Best effort: a cache that cannot be written only costs speed next time.
fn save(dir: &Path, scans: &[ShardScan<'_>]) {
    let cache = CacheOut {
        shards: scans
            .iter()
            .map(|scan| ShardOut {
                shard: &scan.shard,
                entries: scan
                    .files
                    .iter()
                    .filter_map(|file| {
                        Some(EntryOut {
                            name: &file.name,
                            stat: file.stat?,
                            status: &file.status,
                            summary: Bytes(&file.raw),
                        })
                    })
                    .collect(),
            })
            .collect(),
    };
    // Sized up front: at 100,000 tickets the file is 24 MB, and growing it by doubling copied
    // it several times over.
    let estimate: usize = scans
        .iter()
        .flat_map(|scan| &scan.files)
        .map(|file| file.name.len() + file.status.len() + file.raw.len() + 40)
        .sum();
    write_checksummed(dir, CACHE_FILE, MAGIC, &cache, estimate);
    for old in OLD_CACHE_FILES {
        let _ = fs::remove_file(dir.join(old));
    }
}

/// Writes `MAGIC`, a checksum and the postcard encoding of `value` to `dir/name`, atomically
/// (a reader sees the old file or the new one), best effort.
pub(crate) fn write_checksummed(
    dir: &Path,
    name: &str,
    magic: &[u8],
    value: &impl Serialize,
    estimate: usize,
) {
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    let mut bytes = Vec::with_capacity(magic.len() + 8 + estimate);
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(&[0; 8]);
    let Ok(mut bytes) = postcard::to_extend(value, bytes) else {
        return;
    };
    let sum = checksum(bytes.get(magic.len() + 8..).unwrap_or_default());
    if let Some(slot) = bytes.get_mut(magic.len()..magic.len() + 8) {
        slot.copy_from_slice(&sum.to_le_bytes());
    }
    let tmp = dir.join(format!("{name}.{}.tmp", std::process::id()));
    if fs::write(&tmp, bytes).is_ok() && fs::rename(&tmp, dir.join(name)).is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::id::shard_of;
    use crate::domain::ticket::{Ticket, sample_ticket};
    use crate::store::yaml;

    const CODES: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// A working tree of `n` ticket files (every fifth resolved), all dated 2020, and the
    /// directory the cache lives in.
    struct Tree {
        dir: tempfile::TempDir,
        shards: Vec<String>,
        tickets: Vec<Ticket>,
    }

    impl Tree {
        fn new(n: usize) -> Tree {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut shards = std::collections::BTreeSet::new();
            let mut tickets = Vec::new();
            for i in 0..n {
                let code: String = (0..8)
                    .map(|k| CODES[(i >> (5 * (7 - k).min(6))) % 32] as char)
                    .collect();
                let ticket = Ticket {
                    id: TicketId::parse(&format!("IT-{code}")).expect("id"),
                    title: format!("Ticket {i}"),
                    status: if i % 5 == 0 { "resolved" } else { "new" }.into(),
                    ..sample_ticket()
                };
                shards.insert(shard_of(&code));
                tickets.push(ticket);
            }
            let tree = Tree {
                dir,
                shards: shards.into_iter().collect(),
                tickets,
            };
            for t in &tree.tickets {
                tree.write(t, "2020-01-01T00:00:00");
            }
            tree
        }

        fn path(&self, t: &Ticket) -> std::path::PathBuf {
            let code = t.id.code();
            self.dir
                .path()
                .join(TICKETS_DIR)
                .join(shard_of(code))
                .join(format!("{}.yaml", t.id))
        }

        fn write(&self, t: &Ticket, date: &str) {
            let path = self.path(t);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(&path, yaml::render(t)).expect("write");
            let touched = std::process::Command::new("touch")
                .args(["-d", date])
                .arg(&path)
                .status()
                .expect("touch");
            assert!(touched.success());
        }

        fn list(&self, wanted: Wanted<'_>) -> Listing {
            list(self.dir.path(), self.dir.path(), &self.shards, wanted, None).expect("list")
        }

        /// The cache file's checksum (comparing its bytes would print megabytes on failure).
        fn cache(&self) -> u64 {
            checksum(&fs::read(self.dir.path().join("tix").join(CACHE_FILE)).expect("written"))
        }
    }

    fn titles(listing: &Listing) -> Vec<String> {
        listing.tickets.iter().map(|t| t.title.clone()).collect()
    }

    #[test]
    fn unwanted_tickets_are_listed_by_id_alone() {
        let tree = Tree::new(50);
        let all = tree.list(&|_| true);
        assert_eq!(all.tickets.len(), 50);
        assert!(
            all.tickets.windows(2).all(|w| w[0].id < w[1].id),
            "ID order"
        );
        let new = |s: &str| s == "new";
        let resolved = |s: &str| s == "resolved";
        for wanted in [&new as Wanted<'_>, &resolved] {
            // Once from the files (the first list above wrote the cache), once from the cache.
            let listing = tree.list(wanted);
            assert!(listing.tickets.iter().all(|t| wanted(&t.status)));
            let mut ids: Vec<&TicketId> = listing.tickets.iter().map(|t| &t.id).collect();
            ids.extend(&listing.skipped);
            ids.sort();
            let every: Vec<&TicketId> = all.tickets.iter().map(|t| &t.id).collect();
            assert_eq!(ids, every);
        }
        let open = tree.list(&|s| s == "new");
        assert_eq!((open.tickets.len(), open.skipped.len()), (40, 10));
    }

    #[test]
    fn a_search_decodes_only_the_tickets_whose_text_matches() {
        let tree = Tree::new(30);
        let mut edited = tree.tickets[4].clone();
        edited.description = Some("The toner is empty".into());
        tree.write(&edited, "2021-01-01T00:00:00");
        let toner = |text: &str| text.contains("toner");
        // Once from the file, once from the cache the first search wrote.
        for _ in 0..2 {
            let found = list(
                tree.dir.path(),
                tree.dir.path(),
                &tree.shards,
                &|_| true,
                Some(&toner),
            )
            .expect("list");
            assert_eq!(found.tickets.len(), 1);
            assert_eq!(found.tickets[0].id, edited.id);
            assert_eq!(found.skipped.len(), 29);
        }
    }

    #[test]
    fn a_few_changed_files_are_read_again_without_rewriting_the_cache() {
        let tree = Tree::new(REWRITE_RATIO + 50);
        tree.list(&|_| true);
        let written = tree.cache();
        let mut edited = tree.tickets[7].clone();
        edited.title = "Printer jams".into();
        tree.write(&edited, "2021-01-01T00:00:00");
        for _ in 0..2 {
            let listing = tree.list(&|_| true);
            assert_eq!(titles(&listing)[7], "Printer jams");
            assert_eq!(tree.cache(), written, "not rewritten for one file");
        }
        // A file just written is never cached, and does not count towards a rewrite.
        edited.title = "Printer jams twice".into();
        fs::write(tree.path(&edited), yaml::render(&edited)).expect("write");
        assert_eq!(titles(&tree.list(&|_| true))[7], "Printer jams twice");
        assert_eq!(tree.cache(), written);
        // A deleted file is gone from the list; its entry is only skipped.
        fs::remove_file(tree.path(&tree.tickets[8])).expect("remove");
        let listing = tree.list(&|_| true);
        assert_eq!(listing.tickets.len(), REWRITE_RATIO + 49);
        assert!(listing.tickets.iter().all(|t| t.id != tree.tickets[8].id));
        assert_eq!(tree.cache(), written);
    }

    #[test]
    fn enough_changed_files_rewrite_the_cache() {
        let tree = Tree::new(REWRITE_RATIO);
        tree.list(&|_| true);
        let written = tree.cache();
        let mut edited = tree.tickets[3].clone();
        edited.title = "Printer jams".into();
        tree.write(&edited, "2021-01-01T00:00:00");
        assert_eq!(titles(&tree.list(&|_| true))[3], "Printer jams");
        assert_ne!(
            tree.cache(),
            written,
            "one in {REWRITE_RATIO} files changed"
        );
        let again = tree.cache();
        tree.list(&|_| true);
        assert_eq!(tree.cache(), again, "nothing new to write");
    }
}
