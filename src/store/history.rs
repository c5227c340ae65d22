//! A ticket's audit trail read from Git: the commits that changed its file.

use std::path::Path;

use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};
use git2::{Oid, Repository, Sort};

use super::StoreError;
use crate::domain::ticket::Ticket;

/// One version of a ticket file and the commit that made it.
#[derive(Debug, Clone)]
pub struct Revision {
    pub commit: String,
    /// Author date, with the author's UTC offset.
    pub at: DateTime<FixedOffset>,
    pub author: String,
    pub summary: String,
    /// The ticket as that commit left it; `None` when the commit deleted the file.
    pub ticket: Option<Ticket>,
    /// Set when that version could not be parsed (a broken hand edit later fixed).
    pub parse_error: Option<String>,
}

/// Walks history from HEAD and keeps the commits whose version of `rel` differs from every parent's.
pub(crate) fn revisions(git: &Repository, rel: &str) -> Result<Vec<Revision>, StoreError> {
    let mut walk = git.revwalk()?;
    if walk.push_head().is_err() {
        return Ok(vec![]);
    }
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)?;
    let path = Path::new(rel);
    let blob_at = |tree: &git2::Tree| -> Option<Oid> { tree.get_path(path).ok().map(|e| e.id()) };
    let mut out = Vec::new();
    for oid in walk {
        let commit = git.find_commit(oid?)?;
        let mine = blob_at(&commit.tree()?);
        let parents: Vec<Option<Oid>> = commit
            .parents()
            .map(|p| p.tree().ok().and_then(|t| blob_at(&t)))
            .collect();
        let changed = if parents.is_empty() {
            mine.is_some()
        } else {
            parents.iter().all(|p| *p != mine)
        };
        if !changed {
            continue;
        }
        let (ticket, parse_error) = match mine {
            None => (None, None),
            Some(blob) => {
                let text = String::from_utf8_lossy(git.find_blob(blob)?.content()).into_owned();
                match super::parse_ticket(rel, &text) {
                    Ok(t) => (Some(t), None),
                    Err(e) => (None, Some(e.to_string())),
                }
            }
        };
        let author = commit.author();
        let when = author.when();
        let offset = FixedOffset::east_opt(when.offset_minutes() * 60).unwrap_or(Utc.fix());
        let at = Utc
            .timestamp_opt(when.seconds(), 0)
            .single()
            .unwrap_or_default()
            .with_timezone(&offset);
        let who = match (author.name(), author.email()) {
            (Ok(name), Ok(email)) if !email.is_empty() => format!("{name} <{email}>"),
            (Ok(name), _) => name.to_string(),
            (Err(_), _) => "unknown".to_string(),
        };
        out.push(Revision {
            commit: oid_string(commit.id()),
            at,
            author: who,
            summary: commit
                .summary()
                .ok()
                .flatten()
                .unwrap_or_default()
                .to_string(),
            ticket,
            parse_error,
        });
    }
    Ok(out)
}

fn oid_string(oid: Oid) -> String {
    oid.to_string()
}
