//! When tix must not write: during a merge, rebase, cherry-pick, revert, bisect or `git am`,
//! and on a detached HEAD unless asked to.
//!
//! A commit made in the middle of a user's rebase would be swept into it (or dropped by
//! `git rebase --abort`); one made during a conflicted merge would sit on top of a half-done
//! state. Git's porcelain refuses such commits too. Read commands are not affected.

use git2::{Repository, RepositoryState};

use super::StoreError;

/// Refuses to write while Git is in the middle of an operation, or on a detached HEAD.
///
/// # Errors
/// `InProgress` naming the operation and how to finish or abort it; `Detached`.
pub(crate) fn check_writable(git: &Repository, allow_detached: bool) -> Result<(), StoreError> {
    let (operation, finish) = match git.state() {
        RepositoryState::Clean => ("", ""),
        RepositoryState::Merge => (
            "a merge",
            "resolve the conflicts and run `git commit`, or abort it with `git merge --abort`",
        ),
        RepositoryState::Rebase
        | RepositoryState::RebaseInteractive
        | RepositoryState::RebaseMerge
        | RepositoryState::ApplyMailboxOrRebase => (
            "a rebase",
            "continue it with `git rebase --continue`, or abort it with `git rebase --abort`",
        ),
        RepositoryState::ApplyMailbox => (
            "`git am`",
            "continue it with `git am --continue`, or abort it with `git am --abort`",
        ),
        RepositoryState::CherryPick | RepositoryState::CherryPickSequence => (
            "a cherry-pick",
            "continue it with `git cherry-pick --continue`, or abort it with `git cherry-pick --abort`",
        ),
        RepositoryState::Revert | RepositoryState::RevertSequence => (
            "a revert",
            "continue it with `git revert --continue`, or abort it with `git revert --abort`",
        ),
        RepositoryState::Bisect => ("a bisect", "end it with `git bisect reset`"),
    };
    if !operation.is_empty() {
        return Err(StoreError::InProgress { operation, finish });
    }
    if !allow_detached && git.head_detached().unwrap_or(false) {
        return Err(StoreError::Detached);
    }
    Ok(())
}
