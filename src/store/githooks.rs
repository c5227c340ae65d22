//! `tix hooks install`: a Git pre-commit hook that runs `tix check --staged`, so a broken hand
//! edit of a ticket or of the config never lands in a commit.
//!
//! tix's own commits do not run the user's hooks (libgit2 never does, and tix validates
//! everything it writes itself before committing); the hook guards plain `git commit`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use git2::Repository;

use super::StoreError;

const MARK: &str = "tix check --staged";
const SCRIPT: &str = "#!/bin/sh
# Installed by `tix hooks install`: refuse a commit whose staged ticket files or
# .tix/config.yaml are invalid (`git commit --no-verify` skips this check).
if ! command -v tix >/dev/null 2>&1; then
  echo 'pre-commit: tix is not on PATH; install it or commit with --no-verify' >&2
  exit 1
fi
exec tix check --staged
";

/// What installing did.
#[derive(Debug, PartialEq, Eq)]
pub enum HookInstall {
    Installed(PathBuf),
    /// An existing hook was moved aside to the second path.
    Replaced(PathBuf, PathBuf),
    AlreadyInstalled(PathBuf),
}

/// Where Git looks for hooks: `core.hooksPath` (relative to the working tree), else `.git/hooks`.
fn hooks_dir(git: &Repository) -> PathBuf {
    let configured = git
        .config()
        .ok()
        .and_then(|c| c.get_path("core.hooksPath").ok());
    match (configured, git.workdir()) {
        (Some(path), Some(workdir)) if path.is_relative() => workdir.join(path),
        (Some(path), _) => path,
        (None, _) => git.commondir().join("hooks"),
    }
}

/// Installs the pre-commit hook; an unrelated existing hook is kept unless `force`, which moves
/// it to `pre-commit.before-tix`.
///
/// # Errors
/// `HookExists` for someone else's hook without `force`; file system failures.
pub(crate) fn install(git: &Repository, force: bool) -> Result<HookInstall, StoreError> {
    let dir = hooks_dir(git);
    let path = dir.join("pre-commit");
    let io = |p: &PathBuf| {
        let p = p.clone();
        move |source| StoreError::Io { path: p, source }
    };
    let mut moved = None;
    if let Ok(existing) = fs::read_to_string(&path) {
        if existing.contains(MARK) {
            return Ok(HookInstall::AlreadyInstalled(path));
        }
        if !force {
            return Err(StoreError::HookExists { path });
        }
        let aside = dir.join("pre-commit.before-tix");
        fs::rename(&path, &aside).map_err(io(&aside))?;
        moved = Some(aside);
    }
    fs::create_dir_all(&dir).map_err(io(&dir))?;
    fs::write(&path, SCRIPT).map_err(io(&path))?;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).map_err(io(&path))?;
    Ok(match moved {
        Some(aside) => HookInstall::Replaced(path, aside),
        None => HookInstall::Installed(path),
    })
}
