//! A ticket's audit trail read from Git: the commits that changed its file, and what each changed.
//!
//! Each version is compared with its own parent's version, not with the previous one in walk
//! order, so a change made in one clone and merged is reported once, by its author; a merge
//! commit reports only what differs from every parent (a hand conflict resolution).

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};
use git2::{Oid, Repository, Sort};

use super::StoreError;
use crate::domain::change::{Change, common_to_all, diff};
use crate::domain::ticket::Ticket;

/// One version of a ticket file and the commit that made it.
#[derive(Debug, Clone)]
pub struct Revision {
    pub commit: String,
    /// Author date, with the author's UTC offset.
    pub at: DateTime<FixedOffset>,
    pub author: String,
    pub summary: String,
    /// What this commit changed in the ticket.
    pub changes: Vec<Change>,
    /// Set when this version could not be parsed (a broken hand edit later fixed).
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
    let mut parsed: HashMap<Oid, Result<Ticket, String>> = HashMap::new();
    let mut load = |oid: Option<Oid>| -> Result<Option<Result<Ticket, String>>, StoreError> {
        let Some(oid) = oid else { return Ok(None) };
        if let Some(hit) = parsed.get(&oid) {
            return Ok(Some(hit.clone()));
        }
        let text = String::from_utf8_lossy(git.find_blob(oid)?.content()).into_owned();
        let result = super::parse_ticket(rel, &text).map_err(|e| e.to_string());
        parsed.insert(oid, result.clone());
        Ok(Some(result))
    };
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
        let (new, parse_error) = match load(mine)? {
            None => (None, None),
            Some(Ok(t)) => (Some(t), None),
            Some(Err(e)) => (None, Some(e)),
        };
        let changes = if parse_error.is_some() {
            Vec::new()
        } else {
            let mut per_parent = Vec::new();
            for parent in parents
                .iter()
                .copied()
                .chain(std::iter::once(None).filter(|_| parents.is_empty()))
            {
                // A parent version that does not parse is compared as if absent from the diff.
                let old = load(parent)?.and_then(Result::ok);
                per_parent.push(diff(old.as_ref(), new.as_ref()));
            }
            common_to_all(&per_parent)
        };
        // A merge that only combined both sides' changes (the merge driver's work) adds nothing
        // of its own: the changes are listed at the commits that made them.
        if parents.len() > 1 && changes.is_empty() && parse_error.is_none() {
            continue;
        }
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
            commit: commit.id().to_string(),
            at,
            author: who,
            summary: commit
                .summary()
                .ok()
                .flatten()
                .unwrap_or_default()
                .to_string(),
            changes,
            parse_error,
        });
    }
    Ok(out)
}

/// Of `paths` (ticket files), the one whose assignee was set most recently in commit order:
/// walking from HEAD newest first, the first commit that changes one of them to a version with
/// another assignee than its first parent's. Commit order, not dates, because a burst of
/// commits in one second all share a date. Stops at the first commit dated before `since`,
/// where none of the candidates can have been assigned; `None` when nothing is found (or
/// several candidates were assigned by the same commit).
pub(crate) fn newest_assignment(
    git: &Repository,
    paths: &[String],
    since: i64,
) -> Result<Option<String>, StoreError> {
    let mut walk = git.revwalk()?;
    if walk.push_head().is_err() {
        return Ok(None);
    }
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    let assignee = |oid: Option<Oid>, rel: &str| -> Result<Option<String>, StoreError> {
        let Some(oid) = oid else { return Ok(None) };
        let text = String::from_utf8_lossy(git.find_blob(oid)?.content()).into_owned();
        Ok(super::parse_ticket(rel, &text)
            .ok()
            .and_then(|t| t.assignee))
    };
    for oid in walk {
        let commit = git.find_commit(oid?)?;
        if commit.author().when().seconds() < since {
            break;
        }
        let tree = commit.tree()?;
        let parent = commit.parents().next().and_then(|p| p.tree().ok());
        let mut assigned = Vec::new();
        for rel in paths {
            let path = Path::new(rel);
            let mine = tree.get_path(path).ok().map(|e| e.id());
            let theirs = parent
                .as_ref()
                .and_then(|t| t.get_path(path).ok().map(|e| e.id()));
            if mine == theirs || mine.is_none() {
                continue;
            }
            let now = assignee(mine, rel)?;
            if now.is_some() && now != assignee(theirs, rel)? {
                assigned.push(rel);
            }
        }
        match assigned.as_slice() {
            [] => {}
            [one] => return Ok(Some((*one).clone())),
            _ => return Ok(None),
        }
    }
    Ok(None)
}
