//! The CLI's error: a kind that decides the exit code, a one-line message, and hints.
//!
//! Exit codes are part of the contract (README, man page): 0 success; 1 the answer is "no"
//! (`tix check` found invalid data, `tix sla check` a breach); 2 the user must fix something
//! (usage, bad input, invalid config, unknown ID, invalid transition); 3 the repository or
//! environment is the problem (not a ticket repo, lock held, uncommitted edits, Git failure).

use std::fmt;

use crate::config::ConfigError;
use crate::domain::ticket::TicketError;
use crate::domain::workflow::WorkflowError;
use crate::store::StoreError;

/// Why a command failed, which decides its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A check ran and its answer is "no" (exit 1).
    Failed,
    /// Bad arguments or input (exit 2).
    Input,
    /// The repository or environment is not usable as is (exit 3).
    Repository,
}

impl ErrorKind {
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Failed => 1,
            ErrorKind::Input => 2,
            ErrorKind::Repository => 3,
        }
    }
}

/// A command failure ready to print.
#[derive(Debug)]
pub struct CliError {
    pub kind: ErrorKind,
    pub message: String,
    pub hints: Vec<String>,
}

impl CliError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CliError {
        CliError {
            kind,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn input(message: impl Into<String>) -> CliError {
        CliError::new(ErrorKind::Input, message)
    }

    pub fn repository(message: impl Into<String>) -> CliError {
        CliError::new(ErrorKind::Repository, message)
    }

    /// A check whose answer is "no"; the details were already printed.
    pub fn failed(message: impl Into<String>) -> CliError {
        CliError::new(ErrorKind::Failed, message)
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> CliError {
        self.hints.push(hint.into());
        self
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> CliError {
        let message = e.to_string();
        match e {
            StoreError::Config(c) => c.into(),
            StoreError::NotATicketRepo { .. } => CliError::repository(message).with_hint(
                "run `tix init` to make this directory a ticket repository, or use -C DIR",
            ),
            StoreError::NotFound { .. } => {
                CliError::input(message).with_hint("run `tix list --all` to see ticket IDs")
            }
            StoreError::BadQuery { .. }
            | StoreError::Ambiguous { .. }
            | StoreError::BadTicketFile { .. } => CliError::input(message),
            StoreError::Shallow => CliError::repository(message)
                .with_hint("fetch the full history: git fetch --unshallow (in CI: actions/checkout with fetch-depth: 0, or GIT_DEPTH: 0 in GitLab)"),
            StoreError::Conflicted { ref path, .. } => CliError::repository(message).with_hint(format!(
                "edit the file to keep what is right and run `git add {path}`, or take one side with `git checkout --ours {path}` (or --theirs) and `git add {path}`"
            )),
            StoreError::Locked { ref path, .. } => CliError::repository(message).with_hint(format!(
                "the lock ({}) is released when that process exits; TIX_LOCK_TIMEOUT sets how many seconds to wait",
                path.display()
            )),
            StoreError::IndexLocked { ref path } | StoreError::RefLocked { ref path } => {
                CliError::repository(message).with_hint(format!(
                    "if no git command is running (a crashed one may have left it), remove the file: rm {}",
                    path.display()
                ))
            }
            StoreError::IndexCorrupt { .. } => CliError::repository(message).with_hint(
                "rebuild the index from the last commit (staged changes are lost): rm .git/index && git reset",
            ),
            StoreError::InProgress { finish, .. } => {
                CliError::repository(message).with_hint(format!("{finish}, then run tix again"))
            }
            StoreError::Detached => CliError::repository(message).with_hint(
                "switch to a branch first (git switch main), or pass --detached to commit anyway",
            ),
            StoreError::Unfinished { .. } => CliError::repository(message)
                .with_hint("run any tix command (for example `tix check`) to finish the write"),
            StoreError::PathBlocked { .. } => CliError::repository(message).with_hint(
                "replace the link by a real directory (git rm the link, mkdir, move the files, commit)",
            ),
            StoreError::Signing(_) => CliError::repository(message).with_hint(
                "check user.signingkey and gpg.format (git commit -S shows the same error), or turn commit.gpgsign off",
            ),
            StoreError::HookExists { .. } => CliError::input(message).with_hint(
                "pass --force to move it to pre-commit.before-tix and install tix's, or call `tix check --staged` from your hook",
            ),
            StoreError::NoRemote => CliError::repository(message)
                .with_hint("add the shared repository: git remote add origin URL"),
            StoreError::NoUpstream { ref branch } => CliError::repository(message).with_hint(format!(
                "choose one once: git push -u REMOTE {branch}"
            )),
            StoreError::RemoteFailed { .. } => CliError::repository(message).with_hint(
                "check the remote's address, your credentials (git fetch/git push say more) and whether the branch is protected",
            ),
            StoreError::SyncConflict { ref files, rebase } => {
                let (cont, abort) = if rebase {
                    ("git rebase --continue", "git rebase --abort")
                } else {
                    ("git commit", "git merge --abort")
                };
                CliError::repository(message).with_hint(format!(
                    "edit the marked lines in {}, `git add` them and run `{cont}`, then tix sync again; or undo with `{abort}`",
                    files.join(" ")
                ))
            }
            StoreError::StaleIndex { .. } => CliError::repository(message),
            StoreError::BareRepo(_)
            | StoreError::GitCommand(_)
            | StoreError::Dirty { .. }
            | StoreError::HeadMoved
            | StoreError::Io { .. }
            | StoreError::Git(_) => CliError::repository(message),
        }
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> CliError {
        let hint = e.hint.clone();
        let error = CliError::input(e.to_string());
        match hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }
}

impl From<TicketError> for CliError {
    fn from(e: TicketError) -> CliError {
        CliError::input(e.to_string())
    }
}

impl From<crate::domain::lifecycle::LifecycleError> for CliError {
    fn from(e: crate::domain::lifecycle::LifecycleError) -> CliError {
        CliError::input(e.to_string())
    }
}

impl From<WorkflowError> for CliError {
    fn from(e: WorkflowError) -> CliError {
        CliError::input(e.to_string())
    }
}
