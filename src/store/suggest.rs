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
        let old: CacheFile<'_> = cache::read_checksummed(&bytes, MAGIC);
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::{TimeZone, Utc};
    use git2::Repository;

    use super::*;
    use crate::domain::actor::Actor;
    use crate::domain::id::TicketId;
    use crate::domain::similar::{query_terms, rank};
    use crate::domain::ticket::{Ticket, sample_ticket};

    /// A desk with `titles` as resolved tickets written straight into the working tree, dated
    /// in 2020 so the caches take them (files of the last two seconds are never cached).
    fn desk(titles: &[&str]) -> (tempfile::TempDir, Repo, Vec<Ticket>) {
        let dir = tempfile::tempdir().expect("tempdir");
        Repository::init(dir.path()).expect("git init");
        let actor = Actor::parse("Ann <ann@example.com>").expect("actor");
        let when = Utc.timestamp_opt(1_600_000_000, 0).unwrap().fixed_offset();
        Repo::init(dir.path(), Some("IT"), &actor, when).expect("init");
        let repo = Repo::open(dir.path()).expect("open");
        let tickets: Vec<Ticket> = titles
            .iter()
            .enumerate()
            .map(|(i, title)| Ticket {
                id: TicketId::from_entropy("IT", 0x10_0000 + i as u64 * 7919),
                title: (*title).to_string(),
                status: "resolved".into(),
                resolution: Some("fixed".into()),
                ..sample_ticket()
            })
            .collect();
        for t in &tickets {
            write(dir.path(), t);
        }
        (dir, repo, tickets)
    }

    fn write(root: &Path, t: &Ticket) {
        let path = root.join(Repo::ticket_path(&t.id));
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, crate::store::yaml::render(t)).expect("write");
        let touched = std::process::Command::new("touch")
            .args(["-d", "2020-01-01T00:00:00"])
            .arg(&path)
            .status()
            .expect("touch");
        assert!(touched.success());
    }

    fn best(index: &TicketIndex, query: &str) -> String {
        let docs: Vec<&Terms> = index.docs.iter().map(|(_, t)| t).collect();
        let found = rank(&docs, &query_terms(query, &index.dictionary), 1);
        found
            .first()
            .and_then(|(i, _)| index.docs.get(*i))
            .map(|(s, _)| s.title.clone())
            .unwrap_or_default()
    }

    #[test]
    fn the_index_is_reused_and_follows_changed_tickets() {
        let (dir, repo, tickets) = desk(&["Printer jams", "VPN drops", "Mouse broken"]);
        let done = |s: &str| s == "resolved";
        let first = repo.ticket_index(&done).expect("index");
        assert_eq!(first.docs.len(), 3);
        assert_eq!(best(&first, "vpn"), "VPN drops");
        let file = dir.path().join(".git/tix").join(FILE);
        let written = fs::read(&file).expect("the index is written");
        // Unchanged tickets: the same answer, and the file is not rewritten.
        let again = repo.ticket_index(&done).expect("index");
        assert_eq!(best(&again, "vpn"), "VPN drops");
        assert_eq!(fs::read(&file).expect("index"), written);
        // A changed ticket is read again, and the index rewritten.
        let edited = Ticket {
            title: "Keyboard sticky".into(),
            ..tickets[1].clone()
        };
        write(dir.path(), &edited);
        let changed = repo.ticket_index(&done).expect("index");
        assert_eq!(best(&changed, "keyboard"), "Keyboard sticky");
        assert_eq!(best(&changed, "vpn"), "");
        assert_ne!(fs::read(&file).expect("index"), written);
        // A corrupted index is rebuilt, not trusted.
        fs::write(&file, b"tix suggest cache 1\n\0\0\0\0\0\0\0\0garbage").expect("corrupt");
        let rebuilt = repo.ticket_index(&done).expect("index");
        assert_eq!(best(&rebuilt, "keyboard"), "Keyboard sticky");
        assert_eq!(rebuilt.docs.len(), 3);
    }
}
