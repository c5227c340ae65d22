//! The CLI's error: a kind that decides the exit code, a one-line message, the typed error it
//! came from (whose causes are printed as `caused by:` lines) and hints.
//!
//! Exit codes are part of the contract: [`EXIT_CODES`] is the one table that `--help`, the man
//! page and README are generated from.

use std::error::Error;
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
    /// The configuration is invalid (exit 2; `tix check` reports it as a finding instead).
    Config,
    /// The repository or environment is not usable as is (exit 3).
    Repository,
    /// A bug in tix (exit 4).
    Internal,
}

impl ErrorKind {
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Failed => 1,
            ErrorKind::Input | ErrorKind::Config => 2,
            ErrorKind::Repository => 3,
            ErrorKind::Internal => 4,
        }
    }
}

/// Every exit code and what it means, in order: the source of the tables in `--help`, the man
/// page and README (`tix generate`), so the three cannot disagree.
pub const EXIT_CODES: [(u8, &str); 6] = [
    (0, "success"),
    (
        1,
        "a check answered \"no\": `tix sla check` found a breached clock, `tix check` found invalid data, `tix audit` found an unsigned commit while `audit.require_signed` is on, or `tix merge-file` left a conflict for Git to report",
    ),
    (
        2,
        "you must fix something: bad usage or input, unknown or ambiguous ID, invalid status transition, unknown field, invalid config or ticket file (reported as `file:line`), a malformed TIX_NOW or TIX_LOCK_TIMEOUT",
    ),
    (
        3,
        "repository or environment problem: a `tix sync` whose fetch or push the remote refused or that stopped on a conflict, a signer that failed (`commit.gpgsign`), not a ticket repository, shallow clone, lock held by another tix or a git command (`index.lock`, a branch `.lock`), a merge/rebase/cherry-pick/revert/bisect in progress, detached HEAD without `--detached`, an unresolved merge conflict in a ticket file, `tickets/` a symbolic link, uncommitted edits to a ticket tix must write, a failed write to stdout, Git failure",
    ),
    (
        4,
        "internal error: a bug in tix; nothing was written. Please report it with the command and the message",
    ),
    (
        101,
        "tix panicked: a bug, as 4; the write protocol still leaves the repository as before or after the command",
    ),
];

/// A command failure ready to print.
#[derive(Debug)]
pub struct CliError {
    pub kind: ErrorKind,
    /// One line: what went wrong, naming the file, field or argument.
    pub message: String,
    pub hints: Vec<String>,
    /// The typed error `message` describes, kept for its causes and for callers that need to
    /// know what failed (as `tix check` does for an invalid config).
    error: Option<Box<dyn Error + Send + Sync + 'static>>,
}

impl CliError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CliError {
        CliError {
            kind,
            message: message.into(),
            hints: Vec::new(),
            error: None,
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

    /// A bug: something tix itself should never do (exit 4).
    pub fn internal(message: impl Into<String>) -> CliError {
        CliError::new(ErrorKind::Internal, message)
    }

    /// Wraps a typed error whose text is the message.
    pub fn from_error(kind: ErrorKind, error: impl Error + Send + Sync + 'static) -> CliError {
        CliError::new(kind, error.to_string()).with_source(error)
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> CliError {
        self.hints.push(hint.into());
        self
    }

    /// Keeps the typed error behind the message.
    #[must_use]
    pub fn with_source(mut self, error: impl Error + Send + Sync + 'static) -> CliError {
        self.error = Some(Box::new(error));
        self
    }

    /// The typed error behind the message, if it is an `E`.
    pub fn error_as<E: Error + 'static>(&self) -> Option<&E> {
        self.error.as_deref().and_then(|e| e.downcast_ref::<E>())
    }

    /// The causes of the error behind the message, outermost first, leaving out any whose text
    /// the message (or an earlier cause) already says: many messages quote their cause.
    pub fn causes(&self) -> Vec<String> {
        let mut said = self.message.clone();
        let mut out = Vec::new();
        let mut next = self.error.as_deref().and_then(|e| e.source());
        while let Some(cause) = next {
            let text = cause.to_string();
            if !text.is_empty() && !said.contains(&text) {
                said.push('\n');
                said.push_str(&text);
                out.push(text);
            }
            next = cause.source();
        }
        out
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Error for CliError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.error.as_deref().map(|e| e as &(dyn Error + 'static))
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> CliError {
        if let StoreError::Config(c) = e {
            return c.into();
        }
        let message = e.to_string();
        let error = match e {
            // Returned above, with its hint.
            StoreError::Config(_) => CliError::new(ErrorKind::Config, message),
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
            StoreError::NotOwned { ref dir } => CliError::repository(message).with_hint(format!(
                "if you trust it, tell Git so: git config --global --add safe.directory {}",
                dir.display()
            )),
            StoreError::StaleIndex { .. } => CliError::repository(message),
            StoreError::GitSpawn { .. } => CliError::repository(message)
                .with_hint("install Git (https://git-scm.com) and make sure `git` is on PATH"),
            StoreError::Internal(_) => CliError::internal(message),
            StoreError::BareRepo(_)
            | StoreError::GitFailed { .. }
            | StoreError::GitOutput { .. }
            | StoreError::Dirty { .. }
            | StoreError::HeadMoved
            | StoreError::Io { .. }
            | StoreError::Git(_) => CliError::repository(message),
        };
        error.with_source(e)
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> CliError {
        let hint = e.hint.clone();
        let error = CliError::from_error(ErrorKind::Config, e);
        match hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }
}

impl From<TicketError> for CliError {
    fn from(e: TicketError) -> CliError {
        CliError::from_error(ErrorKind::Input, e)
    }
}

impl From<crate::domain::asset::AssetError> for CliError {
    fn from(e: crate::domain::asset::AssetError) -> CliError {
        CliError::from_error(ErrorKind::Input, e)
    }
}

impl From<crate::domain::template::TemplateError> for CliError {
    fn from(e: crate::domain::template::TemplateError) -> CliError {
        CliError::from_error(ErrorKind::Input, e)
    }
}

impl From<crate::domain::link::LinkError> for CliError {
    fn from(e: crate::domain::link::LinkError) -> CliError {
        CliError::from_error(ErrorKind::Input, e)
    }
}

impl From<crate::domain::lifecycle::LifecycleError> for CliError {
    fn from(e: crate::domain::lifecycle::LifecycleError) -> CliError {
        CliError::from_error(ErrorKind::Input, e)
    }
}

impl From<WorkflowError> for CliError {
    fn from(e: WorkflowError) -> CliError {
        CliError::from_error(ErrorKind::Input, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("{what}: {source}")]
    struct Outer {
        what: &'static str,
        source: Inner,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("disk full")]
    struct Inner {
        #[source]
        source: std::io::Error,
    }

    #[test]
    fn causes_skip_what_the_message_already_says() {
        let e = CliError::from_error(
            ErrorKind::Repository,
            Outer {
                what: "writing tickets/7/K/IT-7KQ2M4X1.yaml",
                source: Inner {
                    source: std::io::Error::other("No space left on device"),
                },
            },
        );
        // "disk full" is quoted by the message; the OS error is not.
        assert_eq!(e.causes(), vec!["No space left on device".to_string()]);
        assert!(e.error_as::<Outer>().is_some());
        assert!(e.error_as::<std::io::Error>().is_none());
    }

    #[test]
    fn every_kind_has_its_documented_exit_code() {
        let documented: Vec<u8> = EXIT_CODES.iter().map(|(code, _)| *code).collect();
        for kind in [
            ErrorKind::Failed,
            ErrorKind::Input,
            ErrorKind::Config,
            ErrorKind::Repository,
            ErrorKind::Internal,
        ] {
            assert!(documented.contains(&kind.exit_code()), "{kind:?}");
        }
        assert_eq!(CliError::internal("bug").kind.exit_code(), 4);
    }
}
