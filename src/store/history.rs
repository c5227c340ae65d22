//! A ticket's audit trail read from Git: the commits that changed its file, and what each changed.
//!
//! The commits come from the same `git log` walk as the timelines ([`super::timeline::walk`]),
//! limited to the one file. Each version is compared with its own parent's version, not with the
//! previous one in walk order, so a change made in one clone and merged is reported once, by its
//! author; a merge commit reports only what differs from every parent (a hand conflict
//! resolution).

use std::path::Path;

use chrono::{DateTime, FixedOffset, Offset, TimeZone, Utc};
use git2::{Oid, Repository, Sort};

use super::StoreError;
use super::timeline::walk::{Parsed, log_and_parse};
use crate::domain::change::{Change, common_to_all, diff};

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

/// The commits from HEAD whose version of `rel` differs from every parent's, oldest first.
pub(crate) fn revisions(git: &Repository, rel: &str) -> Result<Vec<Revision>, StoreError> {
    let head = match git.head() {
        Ok(head) => head.peel_to_commit()?.id(),
        Err(_) => return Ok(vec![]),
    };
    let (commits, parsed) = log_and_parse(git, &[head.to_string()], Some(rel))?;
    let mut out = Vec::new();
    for commit in &commits {
        let Some(change) = commit.changes.iter().find(|c| c.path == rel) else {
            continue; // a merge the same as one of its parents here
        };
        // A zero ID (the file deleted) is in no map: no version.
        let (new, parse_error) = match parsed.get(&change.new) {
            None => (None, None),
            Some(Ok(t)) => (Some(t.as_ref()), None),
            Some(Err(e)) => (None, Some(e.clone())),
        };
        let changes = if parse_error.is_some() {
            Vec::new()
        } else {
            // A parent version that does not parse is compared as if absent from the diff.
            let per_parent: Vec<Vec<Change>> = change
                .parents
                .iter()
                .map(|p| diff(parsed_ok(&parsed, *p), new))
                .collect();
            common_to_all(&per_parent)
        };
        // A merge that only combined both sides' changes (the merge driver's work) adds nothing
        // of its own: the changes are listed at the commits that made them.
        if change.parents.len() > 1 && changes.is_empty() && parse_error.is_none() {
            continue;
        }
        let offset = FixedOffset::east_opt(commit.offset_minutes * 60).unwrap_or(Utc.fix());
        let at = Utc
            .timestamp_opt(commit.at, 0)
            .single()
            .unwrap_or_default()
            .with_timezone(&offset);
        out.push(Revision {
            commit: commit.id.clone(),
            at,
            author: commit.actor.clone(),
            summary: commit.subject.clone(),
            changes,
            parse_error,
        });
    }
    Ok(out)
}

fn parsed_ok(parsed: &Parsed, oid: Oid) -> Option<&crate::domain::ticket::Ticket> {
    parsed.get(&oid).and_then(|v| v.as_deref().ok())
}

/// Of `paths` (ticket files), the one whose assignee was set most recently in commit order:
/// walking from HEAD newest first, the first commit that changes one of them to a version with
/// another assignee than its first parent's. Commit order, not dates, because a burst of
/// commits in one second all share a date. Stops at the first commit dated before `since`,
/// where none of the candidates can have been assigned; `None` when nothing is found (or
/// several candidates were assigned by the same commit).
///
/// Its own walk, not the timelines': round-robin reads who was assigned last from the
/// timelines, and only asks this when the latest assignments share one second, which is all
/// the timelines record (their events carry no commit order; ARCHITECTURE.md "Decisions").
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
