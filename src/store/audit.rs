//! `tix audit`: every commit that changed a ticket or the config, read from `git log`.
//!
//! One `git log --raw` walk limited to `tickets/` and the config (with `-c`, so a merge shows
//! only what differs from every parent: a conflict resolved by hand). The two blob versions of
//! each changed ticket are parsed to name the fields that changed. Signatures are checked by Git
//! itself (`%G?`, honouring `gpg.format` and `gpg.ssh.allowedSignersFile`), only when asked.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use git2::{Oid, Repository};

use super::{CONFIG_PATH, StoreError, TICKETS_DIR, yaml};
use crate::domain::change::{self, Change};

/// One file a commit changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFile {
    pub path: String,
    /// The ticket's ID, for ticket files.
    pub ticket: Option<String>,
    /// `created`, `status`, `priority`, `comment`, ... (`config` for the config file).
    pub fields: Vec<String>,
}

/// One commit in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub commit: String,
    /// Author date, RFC 3339.
    pub at: String,
    pub author: String,
    pub email: String,
    pub subject: String,
    /// The `Tix-Action` trailer; `None` for a commit made with plain git.
    pub action: Option<String>,
    pub merge: bool,
    /// Git's signature status letter (`G` good, `N` none, ...), when signatures were checked.
    pub signature: Option<char>,
    pub files: Vec<AuditFile>,
}

/// The audit trail, oldest first, optionally limited to `since`/`until` (anything `git log`
/// accepts, e.g. `2026-01-01`).
///
/// # Errors
/// A shallow clone, no `git` command, or Git failures.
pub fn entries(
    git: &Repository,
    since: Option<&str>,
    until: Option<&str>,
    signatures: bool,
) -> Result<Vec<AuditEntry>, StoreError> {
    if git.is_shallow() {
        return Err(StoreError::Shallow);
    }
    let Some(workdir) = git.workdir() else {
        return Ok(Vec::new());
    };
    let mut format = String::from(
        "--format=%x00%H%x1f%aI%x1f%an%x1f%ae%x1f%P%x1f%(trailers:key=Tix-Action,valueonly,separator=%x2C)%x1f%s",
    );
    if signatures {
        format.push_str("%x1f%G?");
    }
    let mut cmd = Command::new("git");
    cmd.current_dir(workdir)
        .args([
            "log",
            "--reverse",
            "--raw",
            "-c",
            "--no-renames",
            "--no-abbrev",
            &format,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(since) = since {
        cmd.arg(format!("--since={since}"));
    }
    if let Some(until) = until {
        cmd.arg(format!("--until={until}"));
    }
    cmd.args(["--", TICKETS_DIR, CONFIG_PATH])
        .args(RECORD_DIRS.map(|(dir, _)| dir));
    let mut child = cmd.spawn().map_err(|source| StoreError::GitSpawn {
        command: "log",
        source,
    })?;
    let stdout = child.stdout.take().ok_or(StoreError::Internal(
        "git log started without its output pipe",
    ))?;
    let mut out: Vec<AuditEntry> = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|source| StoreError::GitOutput {
            command: "log",
            source,
        })?;
        if let Some(header) = line.strip_prefix('\0') {
            let parts: Vec<&str> = header.split('\x1f').collect();
            let get = |i: usize| parts.get(i).copied().unwrap_or_default().to_string();
            out.push(AuditEntry {
                commit: get(0),
                at: get(1),
                author: get(2),
                email: get(3),
                merge: get(4).split_whitespace().count() > 1,
                action: Some(get(5)).filter(|a| !a.is_empty()),
                subject: get(6),
                signature: signatures.then(|| get(7).chars().next().unwrap_or('N')),
                files: Vec::new(),
            });
        } else if let Some(raw) = line.strip_prefix(':') {
            let Some(entry) = out.last_mut() else {
                continue;
            };
            let Some((meta, path)) = raw.split_once('\t') else {
                continue;
            };
            // `:old new oldid newid S` or, with -c, `::m1 m2 new id1 id2 newid SS`.
            let fields: Vec<&str> = meta.trim_start_matches(':').split_whitespace().collect();
            let ids: Vec<&str> = fields
                .iter()
                .copied()
                .filter(|f| f.len() == 40 && f.bytes().all(|b| b.is_ascii_hexdigit()))
                .collect();
            let (Some(old), Some(new)) = (ids.first(), ids.last()) else {
                continue;
            };
            entry.files.push(describe(git, path, old, new));
        }
    }
    let status = child.wait().map_err(|source| StoreError::GitOutput {
        command: "log",
        source,
    })?;
    if !status.success() {
        return Err(StoreError::GitFailed {
            command: "log",
            status: status.code(),
            message: "see its message above".into(),
        });
    }
    Ok(out)
}

/// The other files an audit follows, and what each change of one is called: the data a desk
/// keeps beside its tickets (attachments and intake records only ever come with a ticket).
const RECORD_DIRS: [(&str, &str); 3] = [
    (super::asset::ASSET_DIR, "asset"),
    (super::kb::KB_DIR, "article"),
    (crate::config::template::TEMPLATE_DIR, "template"),
];

/// What changed in one file between two blobs (all zeros: absent).
fn describe(git: &Repository, path: &str, old: &str, new: &str) -> AuditFile {
    if path == CONFIG_PATH {
        return AuditFile {
            path: path.into(),
            ticket: None,
            fields: vec!["config".into()],
        };
    }
    if let Some((_, what)) = RECORD_DIRS
        .iter()
        .find(|(dir, _)| path.starts_with(&format!("{dir}/")))
    {
        return AuditFile {
            path: path.into(),
            ticket: None,
            fields: vec![(*what).to_string()],
        };
    }
    let read = |id: &str| {
        let oid = Oid::from_str(id).ok().filter(|o| !o.is_zero())?;
        let blob = git.find_blob(oid).ok()?;
        std::str::from_utf8(blob.content())
            .ok()
            .and_then(|t| yaml::parse(t).ok())
    };
    let (before, after) = (read(old), read(new));
    let ticket = std::path::Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_string);
    let mut fields: Vec<String> = change::diff(before.as_ref(), after.as_ref())
        .iter()
        .map(|c| match c {
            Change::Created => "created".to_string(),
            Change::Field { name, .. } => name.clone(),
            Change::Commented(_) => "comment".to_string(),
            Change::CommentsRewritten => "comments rewritten".to_string(),
            Change::Deleted => "deleted".to_string(),
        })
        .collect();
    if fields.is_empty() && old != new {
        // A version that does not parse (a broken hand edit) or only formatting changed.
        fields.push("file".into());
    }
    fields.dedup();
    AuditFile {
        path: path.into(),
        ticket,
        fields,
    }
}
