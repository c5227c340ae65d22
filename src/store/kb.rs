//! Knowledge-base articles on disk: `kb/SLUG.md`, read from the working tree, written by a
//! commit like any ticket change ([`Repo::commit_with`]).
//!
//! The directory is flat: only `kb/*.md` are articles, so a slug names exactly one file and
//! subdirectories are free for the images an article shows. A file that is not a valid article
//! (a hand edit gone wrong) is reported with its line and leaves the others readable.

use std::fs;

use git2::{ObjectType, Oid};

use super::{Repo, StoreError, read_text};
use crate::domain::kb::{self, Article};

/// Where articles live.
pub const KB_DIR: &str = "kb";

/// Every article that could be read, by slug, and the files that could not.
#[derive(Debug, Default)]
pub(crate) struct Articles {
    pub articles: Vec<Article>,
    pub broken: Vec<StoreError>,
}

impl Articles {
    pub fn get(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.slug == slug)
    }

    /// Every slug, readable or not (a broken article still exists).
    pub fn slugs(&self) -> Vec<&str> {
        let mut slugs: Vec<&str> = self.articles.iter().map(|a| a.slug.as_str()).collect();
        slugs.extend(self.broken.iter().filter_map(|e| match e {
            StoreError::BadTicketFile { path, .. } => {
                path.strip_prefix("kb/").and_then(|p| p.strip_suffix(".md"))
            }
            _ => None,
        }));
        slugs.sort_unstable();
        slugs
    }
}

impl Repo {
    /// The path of an article's file.
    pub fn article_path(slug: &str) -> String {
        format!("{KB_DIR}/{slug}.md")
    }

    /// Every `kb/*.md` of the working tree, parsed, sorted by slug.
    ///
    /// # Errors
    /// Only failures to read `kb/` itself; a missing `kb/` has no articles.
    pub(crate) fn articles(&self) -> Result<Articles, StoreError> {
        let dir = self.workdir.join(KB_DIR);
        let mut out = Articles::default();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(source) => return Err(StoreError::Io { path: dir, source }),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| StoreError::Io {
                path: dir.clone(),
                source,
            })?;
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if entry.file_type().is_ok_and(|t| t.is_file())
                && !name.starts_with('.')
                && let Some(slug) = name.strip_suffix(".md")
            {
                names.push(slug.to_string());
            }
        }
        names.sort();
        for slug in names {
            match self.article(&slug) {
                Ok(Some(article)) => out.articles.push(article),
                Ok(None) => {}
                Err(e) => out.broken.push(e),
            }
        }
        Ok(out)
    }

    /// The article `kb/<slug>.md`, or `None` when there is no such file.
    ///
    /// # Errors
    /// The file is not a valid article (with its line), or a file name that is not a slug.
    pub(crate) fn article(&self, slug: &str) -> Result<Option<Article>, StoreError> {
        let rel = Self::article_path(slug);
        let bad = |line, message| StoreError::BadTicketFile {
            path: rel.clone(),
            line,
            column: None,
            message,
        };
        if let Err(e) = crate::domain::ticket::validate_slug("slug", slug) {
            return Err(bad(None, format!("the file name is not a slug: {e}")));
        }
        let path = self.workdir.join(&rel);
        let text = match read_text(&rel, &path) {
            Ok(text) => text,
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        kb::parse(slug, &text)
            .map(Some)
            .map_err(|e| bad(e.line, e.message))
    }

    /// The articles staged for the next `git commit` (added or changed against HEAD), parsed as
    /// they are in the index, for the pre-commit gate: the files that could not be parsed.
    ///
    /// # Errors
    /// Git failures reading the index.
    pub(crate) fn staged_broken_articles(&self) -> Result<Vec<StoreError>, StoreError> {
        let index = self.git.index()?;
        let head = match self.git.head() {
            Ok(head) => Some(head.peel_to_tree()?),
            Err(_) => None,
        };
        let mut options = git2::DiffOptions::new();
        options.pathspec(KB_DIR);
        let diff = self
            .git
            .diff_tree_to_index(head.as_ref(), Some(&index), Some(&mut options))?;
        let mut broken = Vec::new();
        for delta in diff.deltas() {
            if delta.status() == git2::Delta::Deleted {
                continue;
            }
            let file = delta.new_file();
            let Some(rel) = file.path().and_then(|p| p.to_str()) else {
                continue;
            };
            // Only files directly under kb/ are articles; the rest (images) is free.
            let Some(slug) = rel
                .strip_prefix("kb/")
                .and_then(|r| r.strip_suffix(".md"))
                .filter(|s| !s.contains('/') && !s.starts_with('.'))
            else {
                continue;
            };
            let bad = |line, message| StoreError::BadTicketFile {
                path: rel.to_string(),
                line,
                column: None,
                message,
            };
            if let Err(e) = crate::domain::ticket::validate_slug("slug", slug) {
                broken.push(bad(None, format!("the file name is not a slug: {e}")));
                continue;
            }
            let blob = self.git.find_blob(file.id())?;
            match std::str::from_utf8(blob.content()) {
                Ok(text) => {
                    if let Err(e) = kb::parse(slug, text) {
                        broken.push(bad(e.line, e.message));
                    }
                }
                Err(e) => broken.push(super::not_utf8(rel, blob.content(), e)),
            }
        }
        Ok(broken)
    }

    /// Whether `kb/<slug>.md` holds edits not committed yet (tix would commit over them).
    ///
    /// # Errors
    /// Git failures, or a file that cannot be read.
    pub(crate) fn article_dirty(&self, slug: &str) -> Result<bool, StoreError> {
        let rel = Self::article_path(slug);
        let path = self.workdir.join(&rel);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(self.head_blob(&rel)?.is_some());
            }
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        let worktree = Oid::hash_object(ObjectType::Blob, &bytes)?;
        Ok(self.head_blob(&rel)? != Some(worktree))
    }
}
