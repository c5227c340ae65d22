//! Turning the versions of ticket files named by a walk into [`TicketEvent`]s.
//!
//! Each file's versions are diffed in history order into events (files in parallel, as they are
//! independent). Merge commits contribute only what differs from every parent, so a ticket
//! changed in two clones is counted once per change.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use git2::{Oid, Repository};

use super::walk::{FileChange, LoggedCommit, Parsed, log_and_parse, threads};
use crate::domain::change;
use crate::domain::event::TicketEvent;
use crate::domain::ticket::Ticket;
use crate::store::StoreError;

/// Walks `range` and returns (ticket ID, event) pairs, each ticket's in history order.
pub(super) fn events(
    git: &Repository,
    range: &[String],
) -> Result<Vec<(String, TicketEvent)>, StoreError> {
    let (commits, parsed) = log_and_parse(git, range, None)?;
    // Each file's versions depend only on that file's earlier versions, so the files are
    // independent and are diffed on all cores.
    let mut by_path: HashMap<&str, Vec<(&LoggedCommit, &FileChange)>> = HashMap::new();
    for commit in &commits {
        for change in &commit.changes {
            by_path
                .entry(change.path.as_str())
                .or_default()
                .push((commit, change));
        }
    }
    let files: Vec<_> = by_path.into_iter().collect();
    let chunk = files.len().div_ceil(threads()).max(1);
    let parsed = &parsed;
    let out = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for (path, changes) in part {
                        file_events(path, changes, parsed, &mut out);
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    Ok(out)
}

/// The events of one ticket file's changes, oldest first.
fn file_events(
    path: &str,
    changes: &[(&LoggedCommit, &FileChange)],
    parsed: &Parsed,
    out: &mut Vec<(String, TicketEvent)>,
) {
    let Some(id) = Path::new(path).file_stem().and_then(|s| s.to_str()) else {
        return;
    };
    let get = |oid: Oid| parsed.get(&oid).and_then(|v| v.as_ref().ok()).cloned();
    // The last version that parsed, used in place of a broken parent version.
    let mut good: Option<Arc<Ticket>> = None;
    for (commit, change) in changes {
        let at = Utc.timestamp_opt(commit.at, 0).single().unwrap_or_default();
        let new = get(change.new);
        let events = if change.parents.len() <= 1 {
            let parent = change.parents.first().copied().unwrap_or(Oid::ZERO_SHA1);
            if new.is_none() && !change.new.is_zero() {
                continue; // an unparseable version; its changes show up once it is fixed
            }
            let old = get(parent).or_else(|| good.clone().filter(|_| !parent.is_zero()));
            change::events(old.as_deref(), new.as_deref(), at, &commit.actor)
        } else {
            // A merge: keep only what differs from every parent.
            let per_parent: Vec<Vec<TicketEvent>> = change
                .parents
                .iter()
                .map(|p| change::events(get(*p).as_deref(), new.as_deref(), at, &commit.actor))
                .collect();
            change::common_to_all(&per_parent)
        };
        if new.is_some() {
            good.clone_from(&new);
        }
        out.extend(events.into_iter().map(|e| (id.to_string(), e)));
    }
}
