//! Building one commit from HEAD's trees and the files a command wrote.
//!
//! The trees along each written path are rebuilt with TreeBuilder (three small trees for a ticket),
//! so the cost does not depend on the number of tickets. The branch moves by compare-and-swap on
//! its old value, and the working tree and index are updated for the written files only, leaving
//! a user's unrelated changes alone.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use git2::{FileMode, Oid, Repository, Signature, Time, Tree};

use super::StoreError;
use super::index::{self, TreeChange};
use crate::domain::actor::Actor;

/// A commit message: a subject for `git log --oneline`, an optional body, and the trailers
/// scripts filter on (`git log --grep 'Tix-Action: resolve'`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitMessage {
    pub subject: String,
    pub body: Option<String>,
    pub trailers: Vec<(String, String)>,
}

impl CommitMessage {
    /// `IT-7KQ2M4X1 resolve: Laptop blue screen` with `Tix-Ticket` and `Tix-Action` trailers.
    pub fn for_ticket(id: &str, action: &str, title: &str) -> CommitMessage {
        CommitMessage {
            subject: format!("{id} {action}: {}", one_line(title)),
            body: None,
            trailers: vec![
                ("Tix-Ticket".into(), id.into()),
                ("Tix-Action".into(), action.into()),
            ],
        }
    }

    pub fn init() -> CommitMessage {
        CommitMessage {
            subject: "tix init: ticket repository".into(),
            body: None,
            trailers: vec![("Tix-Action".into(), "init".into())],
        }
    }

    pub fn render(&self) -> String {
        let mut text = self.subject.clone();
        text.push_str("\n\n");
        if let Some(body) = &self.body {
            text.push_str(body.trim_end());
            text.push_str("\n\n");
        }
        for (key, value) in &self.trailers {
            text.push_str(&format!("{key}: {}\n", one_line(value)));
        }
        text
    }
}

/// Subjects and trailers are single lines; long titles are cut so `--oneline` stays readable.
fn one_line(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 72 {
        flat.chars().take(71).collect::<String>() + "…"
    } else {
        flat
    }
}

/// Commits `files` (repository-relative path, content) on top of HEAD.
pub(crate) fn commit_files(
    git: &Repository,
    workdir: &Path,
    files: &[(String, Vec<u8>)],
    message: &CommitMessage,
    actor: &Actor,
    when: DateTime<FixedOffset>,
) -> Result<Oid, StoreError> {
    let head_ref = head_ref_name(git)?;
    let parent = match git.refname_to_id(&head_ref) {
        Ok(oid) => Some(git.find_commit(oid)?),
        Err(e) if e.code() == git2::ErrorCode::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let base_tree = parent.as_ref().map(git2::Commit::tree).transpose()?;

    let mut blobs = Vec::with_capacity(files.len());
    for (path, content) in files {
        blobs.push((path.as_str(), git.blob(content)?));
    }
    let mut tree_changes = Vec::new();
    let tree_id = write_tree(git, base_tree.as_ref(), &blobs, "", &mut tree_changes)?;
    let tree = git.find_tree(tree_id)?;
    let time = Time::new(when.timestamp(), when.offset().local_minus_utc() / 60);
    let email = actor.email.as_deref().unwrap_or("");
    let signature = Signature::new(&actor.name, email, &time)?;
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    let commit_id = git.commit(
        None,
        &signature,
        &signature,
        &message.render(),
        &tree,
        &parents,
    )?;

    // Stage the new contents next to their targets first, so that once the branch has moved
    // only renames (which do not fail for want of space) remain.
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(files.len());
    let cleanup = |staged: &[(PathBuf, PathBuf)]| {
        staged
            .iter()
            .for_each(|(tmp, _)| drop(fs::remove_file(tmp)))
    };
    for (path, content) in files {
        match stage_file(workdir, path, content) {
            Ok(pair) => staged.push(pair),
            Err(e) => {
                cleanup(&staged);
                return Err(e);
            }
        }
    }
    let reflog = format!("tix: {}", message.subject);
    let moved = match &parent {
        Some(parent) => git
            .reference_matching(&head_ref, commit_id, true, parent.id(), &reflog)
            .map(drop),
        None => git
            .reference(&head_ref, commit_id, false, &reflog)
            .map(drop),
    };
    if let Err(e) = moved {
        cleanup(&staged);
        return Err(
            if e.code() == git2::ErrorCode::Modified || e.code() == git2::ErrorCode::Exists {
                StoreError::HeadMoved
            } else {
                e.into()
            },
        );
    }
    for (tmp, target) in &staged {
        fs::rename(tmp, target).map_err(|source| StoreError::Io {
            path: target.clone(),
            source,
        })?;
    }
    index::record(git, workdir, &blobs, &tree_changes)?;
    Ok(commit_id)
}

/// The branch HEAD points to (`refs/heads/main`), or `HEAD` itself when detached.
fn head_ref_name(git: &Repository) -> Result<String, StoreError> {
    let head = git.find_reference("HEAD")?;
    Ok(head
        .symbolic_target()
        .ok()
        .flatten()
        .unwrap_or("HEAD")
        .to_string())
}

fn stage_file(workdir: &Path, rel: &str, content: &[u8]) -> Result<(PathBuf, PathBuf), StoreError> {
    let target = workdir.join(rel);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    let dir = target.parent().unwrap_or(workdir);
    fs::create_dir_all(dir).map_err(io(dir))?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("ticket");
    let tmp = dir.join(format!(".{name}.tix-{}", std::process::id()));
    let mut file = fs::File::create(&tmp).map_err(io(&tmp))?;
    file.write_all(content).map_err(io(&tmp))?;
    Ok((tmp, target))
}

/// Writes the trees for `base` with `blobs` added or replaced, returning the new root tree.
/// Also records each rewritten directory, so the index's cache tree can stay valid.
fn write_tree(
    git: &Repository,
    base: Option<&Tree>,
    blobs: &[(&str, Oid)],
    dir_path: &str,
    changes: &mut Vec<TreeChange>,
) -> Result<Oid, StoreError> {
    // Group by first path component so each directory is rebuilt once however many files change.
    let mut here: Vec<(&str, Oid)> = Vec::new();
    let mut below: BTreeMap<&str, Vec<(&str, Oid)>> = BTreeMap::new();
    for (path, oid) in blobs {
        match path.split_once('/') {
            Some((dir, rest)) => below.entry(dir).or_default().push((rest, *oid)),
            None => here.push((path, *oid)),
        }
    }
    let mut builder = git.treebuilder(base)?;
    for (name, oid) in here {
        builder.insert(name, oid, FileMode::Blob.into())?;
    }
    for (dir, entries) in below {
        let sub = match base.and_then(|t| t.get_name(dir)) {
            Some(entry) if entry.kind() == Some(git2::ObjectType::Tree) => {
                Some(git.find_tree(entry.id())?)
            }
            _ => None,
        };
        let sub_path = if dir_path.is_empty() {
            dir.to_string()
        } else {
            format!("{dir_path}/{dir}")
        };
        let sub_id = write_tree(git, sub.as_ref(), &entries, &sub_path, changes)?;
        builder.insert(dir, sub_id, FileMode::Tree.into())?;
    }
    let new = builder.write()?;
    changes.push(TreeChange {
        dir: dir_path.to_string(),
        old: base.map(Tree::id),
        new,
    });
    Ok(new)
}
