//! `tix sync`: fetch, integrate, push, with the `git` command.
//!
//! Fetch and push go through `git` so the user's credentials, SSH agent, `insteadOf` rules and
//! proxies work unchanged; the merge too, because only `git merge` runs the configured merge
//! driver (`tix merge-file`) that merges tickets field by field. Counting what moved is local
//! work for libgit2.

use std::path::Path;
use std::process::{Command, Stdio};

use git2::Repository;

use super::StoreError;

/// Where the current branch syncs to: `origin` and `main` for `origin/main`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    pub remote: String,
    pub branch: String,
    pub local: String,
}

/// What one sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// Commits brought in from the remote.
    pub pulled: usize,
    /// Commits sent to the remote.
    pub pushed: usize,
    /// Times the push was refused because the remote moved meanwhile, and redone.
    pub retries: usize,
}

/// The branch's upstream, or the only remote with a branch of the same name.
///
/// # Errors
/// `NoRemote`, `NoUpstream`, `Detached`.
pub fn upstream(git: &Repository) -> Result<Upstream, StoreError> {
    let head = git.head().map_err(|_| StoreError::Detached)?;
    if !head.is_branch() {
        return Err(StoreError::Detached);
    }
    let local = head.shorthand().unwrap_or("HEAD").to_string();
    let config = git.config()?;
    let remote = config.get_string(&format!("branch.{local}.remote")).ok();
    let merge = config.get_string(&format!("branch.{local}.merge")).ok();
    if let (Some(remote), Some(merge)) = (remote, merge) {
        let branch = merge.trim_start_matches("refs/heads/").to_string();
        return Ok(Upstream {
            remote,
            branch,
            local,
        });
    }
    let remotes = git.remotes()?;
    let names: Vec<&str> = remotes.iter().flatten().flatten().collect();
    match names.as_slice() {
        [] => Err(StoreError::NoRemote),
        [only] => Ok(Upstream {
            remote: (*only).to_string(),
            branch: local.clone(),
            local,
        }),
        _ => Err(StoreError::NoUpstream { branch: local }),
    }
}

/// Runs `git` in `workdir`; stdout captured, stderr captured unless `show_progress`.
fn git_cmd(workdir: &Path, args: &[&str], env: &[(String, String)]) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(workdir).args(args).stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

fn run(
    workdir: &Path,
    args: &[&str],
    env: &[(String, String)],
    progress: bool,
) -> Result<(bool, String), StoreError> {
    let mut cmd = git_cmd(workdir, args, env);
    cmd.stdout(Stdio::piped());
    cmd.stderr(if progress {
        Stdio::inherit()
    } else {
        Stdio::piped()
    });
    let out = cmd.output().map_err(|source| StoreError::GitSpawn {
        command: args.first().copied().map_or("", git_subcommand),
        source,
    })?;
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    Ok((out.status.success(), text))
}

/// The static name of a git subcommand tix runs, for error messages.
fn git_subcommand(name: &str) -> &'static str {
    ["fetch", "push", "merge", "rebase", "diff", "rev-parse"]
        .into_iter()
        .find(|known| *known == name)
        .unwrap_or("(subcommand)")
}

/// The first line of git's message that says what went wrong.
fn reason(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("fatal:") || l.starts_with("error:") || l.contains("rejected"))
        .or_else(|| text.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("git failed")
        .trim_start_matches("fatal: ")
        .trim_start_matches("error: ")
        .to_string()
}

/// Fetches the upstream branch.
///
/// # Errors
/// `RemoteFailed` (unreachable, authentication).
pub fn fetch(workdir: &Path, up: &Upstream, progress: bool) -> Result<(), StoreError> {
    let mut args = vec!["fetch"];
    if !progress {
        args.push("--quiet");
    }
    args.extend([up.remote.as_str(), up.branch.as_str()]);
    let (ok, text) = run(workdir, &args, &[], progress)?;
    if ok {
        Ok(())
    } else {
        Err(StoreError::RemoteFailed {
            remote: up.remote.clone(),
            action: "fetch from",
            reason: reason(&text),
        })
    }
}

/// (commits only here, commits only on the remote) after a fetch.
///
/// # Errors
/// Git failures.
pub fn ahead_behind(git: &Repository, up: &Upstream) -> Result<(usize, usize), StoreError> {
    let local = git.refname_to_id(&format!("refs/heads/{}", up.local))?;
    let remote = match git.refname_to_id(&format!("refs/remotes/{}/{}", up.remote, up.branch)) {
        Ok(oid) => oid,
        // Nothing there yet: everything here is to be pushed.
        Err(_) => return Ok((count(git, local)?, 0)),
    };
    Ok(git.graph_ahead_behind(local, remote)?)
}

fn count(git: &Repository, from: git2::Oid) -> Result<usize, StoreError> {
    let mut walk = git.revwalk()?;
    walk.push(from)?;
    Ok(walk.count())
}

/// Merges (or rebases onto) the fetched upstream, as `actor_env` (the merge commit's author).
///
/// # Errors
/// `SyncConflict` naming the files a person must resolve; Git failures.
pub fn integrate(
    git: &Repository,
    workdir: &Path,
    up: &Upstream,
    rebase: bool,
    actor_env: &[(String, String)],
) -> Result<(), StoreError> {
    let target = format!("{}/{}", up.remote, up.branch);
    let args: Vec<&str> = if rebase {
        vec!["rebase", "--quiet", &target]
    } else {
        vec!["merge", "--quiet", "--no-edit", &target]
    };
    let (ok, text) = run(workdir, &args, actor_env, false)?;
    if ok {
        return Ok(());
    }
    let (_, files) = run(
        workdir,
        &["diff", "--name-only", "--diff-filter=U"],
        &[],
        false,
    )?;
    let files: Vec<String> = files.lines().map(str::to_string).collect();
    if files.is_empty() || git.state() == git2::RepositoryState::Clean {
        return Err(StoreError::GitFailed {
            command: if rebase { "rebase" } else { "merge" },
            status: None,
            message: reason(&text),
        });
    }
    Err(StoreError::SyncConflict { files, rebase })
}

/// Pushes the branch; `Ok(false)` when the remote moved meanwhile (fetch and integrate again).
///
/// # Errors
/// `RemoteFailed` for any other refusal (authentication, protected branch, hooks).
pub fn push(workdir: &Path, up: &Upstream) -> Result<bool, StoreError> {
    let refspec = format!("HEAD:refs/heads/{}", up.branch);
    let (ok, text) = run(
        workdir,
        &["push", "--quiet", "--porcelain", &up.remote, &refspec],
        &[],
        false,
    )?;
    if ok {
        return Ok(true);
    }
    // The remote moved: refused as not a fast-forward, or (when it moved during the push
    // itself) as a failed compare-and-swap of the branch on the remote.
    let moved = (text.contains("[rejected]")
        && (text.contains("fetch first") || text.contains("non-fast-forward")))
        || (text.contains("[remote rejected]")
            && (text.contains("failed to update ref") || text.contains("cannot lock ref")));
    if moved {
        return Ok(false);
    }
    Err(StoreError::RemoteFailed {
        remote: up.remote.clone(),
        action: "push to",
        reason: reason(&text),
    })
}
