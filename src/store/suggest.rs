//! The suggest index (`.git/tix/suggest-v1`): the counted words of every finished ticket, so
//! `tix suggest` tokenizes only the tickets that changed since it last ran.
//!
//! An entry is trusted while its file's stat (size, mtime, inode) is the one the list cache
//! scan sees now, the rule of the list and search caches ([`super::cache`]); texts for the
//! entries that are missing or stale come from the search cache, so even those files are
//! parsed only when that cache is stale too. The file is checksummed, disposable and rewritten
//! only when a settled entry was added or removed.

use std::collections::HashMap;
use std::fs;

use serde::{Deserialize, Serialize};

use super::cache::{self, Stat};
use super::checksum::checksum;
use super::{Repo, StoreError};
use crate::domain::similar::{Dictionary, Terms};
use crate::domain::ticket::TicketSummary;

const FILE: &str = "suggest-v1";
const MAGIC: &[u8] = b"tix suggest cache 1\n";

#[derive(Deserialize, Default)]
struct CacheFile<'a> {
    #[serde(borrow)]
    terms: Vec<&'a str>,
    #[serde(borrow)]
    docs: Vec<CachedDoc<'a>>,
}

#[derive(Deserialize)]
struct CachedDoc<'a> {
    id: &'a str,
    stat: Stat,
    len: u32,
    counts: Vec<(u32, u32)>,
}

#[derive(Serialize)]
struct CacheOut<'a> {
    terms: &'a [String],
    docs: Vec<DocOut<'a>>,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    stat: Stat,
    len: u32,
    counts: &'a [(u32, u32)],
}

/// Finished tickets ready for BM25: their summaries and counted words over one dictionary.
#[derive(Debug, Default)]
pub(crate) struct TicketIndex {
    pub dictionary: Dictionary,
    pub docs: Vec<(TicketSummary, Terms)>,
    /// Ticket files that could not be read (they are left out).
    pub broken: Vec<StoreError>,
}

/// The words a ticket is matched by: its title twice (a title says more per word than the
/// rest), then its description, comments and resolution.
fn ticket_text(summary: &TicketSummary, text: &str) -> String {
    format!("{}\n{text}", summary.title)
}

impl Repo {
    /// Every ticket whose status is `wanted`, with its words counted, through the suggest index.
    ///
    /// # Errors
    /// Failures reading the ticket directories.
    pub(crate) fn ticket_index(
        &self,
        wanted: cache::Wanted<'_>,
    ) -> Result<TicketIndex, StoreError> {
        let dir = self.git.path().join("tix");
        let shards = self.shard_names()?;
        let bytes = fs::read(dir.join(FILE)).unwrap_or_default();
        let old = decode(&bytes);
        // With no index at all, every text is needed: read them in the first scan.
        let cold = old.docs.is_empty();
        let (docs, broken) =
            cache::documents(&self.workdir, self.git.path(), &shards, wanted, cold)?;
        let mut dictionary =
            Dictionary::from_terms(old.terms.iter().map(|t| (*t).to_string()).collect());
        let by_id: HashMap<&str, &CachedDoc<'_>> = old.docs.iter().map(|d| (d.id, d)).collect();
        let mut terms: Vec<Option<Terms>> = docs
            .iter()
            .map(|doc| {
                let cached = by_id.get(doc.summary.id.as_str())?;
                (doc.stat == Some(cached.stat)).then(|| Terms {
                    len: cached.len,
                    counts: cached.counts.clone(),
                })
            })
            .collect();
        let reused = terms.iter().filter(|t| t.is_some()).count();
        let mut changed = reused != old.docs.len();
        if reused < docs.len() {
            let texts: HashMap<String, String> = if cold {
                HashMap::new()
            } else {
                let (with_text, _) =
                    cache::documents(&self.workdir, self.git.path(), &shards, wanted, true)?;
                with_text
                    .into_iter()
                    .filter_map(|d| Some((d.summary.id.to_string(), d.text?)))
                    .collect()
            };
            for (doc, slot) in docs.iter().zip(terms.iter_mut()) {
                if slot.is_some() {
                    continue;
                }
                let text = doc
                    .text
                    .as_deref()
                    .or_else(|| texts.get(doc.summary.id.as_str()).map(String::as_str))
                    .unwrap_or(doc.summary.title.as_str());
                *slot = Some(Terms::of(&ticket_text(&doc.summary, text), &mut dictionary));
                changed |= doc.stat.is_some();
            }
        }
        let stats: Vec<Option<Stat>> = docs.iter().map(|d| d.stat).collect();
        let index = TicketIndex {
            dictionary,
            docs: docs
                .into_iter()
                .zip(terms)
                .map(|(doc, terms)| (doc.summary, terms.unwrap_or_default()))
                .collect(),
            broken,
        };
        if changed {
            save(&dir, &index, &stats);
        }
        Ok(index)
    }
}

/// The index as stored, or an empty one when missing, from another version or corrupted.
fn decode(bytes: &[u8]) -> CacheFile<'_> {
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return CacheFile::default();
    };
    let Some((sum, payload)) = rest.split_first_chunk::<8>() else {
        return CacheFile::default();
    };
    if checksum(payload) != u64::from_le_bytes(*sum) {
        return CacheFile::default();
    }
    postcard::from_bytes(payload).unwrap_or_default()
}

/// Best effort: an index that cannot be written only costs speed next time.
fn save(dir: &std::path::Path, index: &TicketIndex, stats: &[Option<Stat>]) {
    let docs: Vec<DocOut<'_>> = index
        .docs
        .iter()
        .zip(stats)
        .filter_map(|((summary, terms), stat)| {
            Some(DocOut {
                id: summary.id.as_str(),
                stat: (*stat)?,
                len: terms.len,
                counts: &terms.counts,
            })
        })
        .collect();
    let estimate = index
        .dictionary
        .terms()
        .iter()
        .map(|t| t.len() + 1)
        .sum::<usize>()
        + docs.iter().map(|d| 40 + d.counts.len() * 4).sum::<usize>();
    let out = CacheOut {
        terms: index.dictionary.terms(),
        docs,
    };
    cache::write_checksummed(dir, FILE, MAGIC, &out, estimate);
}
