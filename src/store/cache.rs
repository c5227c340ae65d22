//! A disposable cache of parsed ticket summaries, so `tix list` does not re-parse every file.
//!
//! Parsing a ticket's YAML costs an order of magnitude more than a `stat` of its file (figures
//! in bench/README.md). Entries are keyed by file name and trusted only while size, mtime (to the nanosecond)
//! and inode match, as Git trusts its index. Files modified within the last two seconds are not
//! cached, so an edit landing in the same clock tick as the cache write cannot hide. The cache
//! lives under `.git/tix/`, is never committed, and is rebuilt when missing or unreadable.

use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Listing, StoreError, TICKETS_DIR, parse_ticket, read_text};
use crate::domain::ticket::TicketSummary;

const CACHE_VERSION: u32 = 3;
const RACY_NANOS: i128 = 2_000_000_000;

#[derive(Serialize, Deserialize, Default)]
struct CacheFile {
    version: u32,
    entries: HashMap<String, Entry>,
}

#[derive(Serialize, Deserialize, Clone)]
struct Entry {
    size: u64,
    mtime_ns: i128,
    ino: u64,
    summary: TicketSummary,
}

/// Summaries of every ticket file under `tickets/<shard>/`, sorted by ID, and the files that
/// could not be read or parsed.
pub(crate) fn list(
    workdir: &Path,
    git_dir: &Path,
    shards: &[String],
) -> Result<Listing, StoreError> {
    let mut broken = Vec::new();
    let cache_path = git_dir.join("tix").join("list-cache.json");
    let mut old: CacheFile = fs::read(&cache_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
        .filter(|c| c.version == CACHE_VERSION)
        .unwrap_or_default();
    let now_ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128);
    let old_len = old.entries.len();
    // (key, size, mtime, inode) of each file that may be cached, beside its summary; the new
    // cache is only built when something changed, so a warm list copies nothing.
    let mut records: Vec<Option<(String, u64, i128, u64)>> = Vec::with_capacity(old_len);
    let mut summaries = Vec::with_capacity(old.entries.len());
    let mut changed = false;
    for shard in shards {
        let dir = workdir.join(TICKETS_DIR).join(shard);
        let entries = fs::read_dir(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| StoreError::Io {
                path: dir.clone(),
                source,
            })?;
            let name = entry.file_name();
            let Some(name) = name
                .to_str()
                .filter(|n| n.ends_with(".yaml") && !n.starts_with('.'))
            else {
                continue;
            };
            let path = entry.path();
            let meta = fs::metadata(&path).map_err(|source| StoreError::Io {
                path: path.clone(),
                source,
            })?;
            let mtime_ns = i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec());
            let key = format!("{shard}/{name}");
            let cached = old
                .entries
                .remove(&key)
                .filter(|e| e.size == meta.size() && e.mtime_ns == mtime_ns && e.ino == meta.ino());
            let summary = match cached {
                Some(e) => e.summary,
                None => {
                    changed = true;
                    let rel = format!("{TICKETS_DIR}/{key}");
                    match read_text(&rel, &path).and_then(|text| parse_ticket(&rel, &text)) {
                        Ok(ticket) => TicketSummary::from(&ticket),
                        Err(e) => {
                            broken.push(e);
                            continue;
                        }
                    }
                }
            };
            let cacheable = now_ns - mtime_ns > RACY_NANOS;
            records.push(cacheable.then(|| (key, meta.size(), mtime_ns, meta.ino())));
            summaries.push(summary);
        }
    }
    let cacheable = records.iter().flatten().count();
    if changed || cacheable != old_len {
        let entries = records
            .into_iter()
            .zip(&summaries)
            .filter_map(|(record, summary)| {
                let (key, size, mtime_ns, ino) = record?;
                Some((
                    key,
                    Entry {
                        size,
                        mtime_ns,
                        ino,
                        summary: summary.clone(),
                    },
                ))
            })
            .collect();
        save(
            &cache_path,
            &CacheFile {
                version: CACHE_VERSION,
                entries,
            },
        );
    }
    summaries.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Listing {
        tickets: summaries,
        broken,
    })
}

/// Best effort: a cache that cannot be written only costs speed next time.
fn save(path: &Path, cache: &CacheFile) {
    let Some(dir) = path.parent() else { return };
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(bytes) = serde_json::to_vec(cache) else {
        return;
    };
    let tmp = dir.join(format!("list-cache.{}.tmp", std::process::id()));
    if fs::write(&tmp, bytes).is_ok() && fs::rename(&tmp, path).is_err() {
        let _ = fs::remove_file(&tmp);
    }
}
