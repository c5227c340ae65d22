//! Per-run context: the working directory, the actor, the clock, the output and the repository.
//!
//! Environment variables are read here and nowhere deeper: `TIX_ACTOR`, `TIX_NOW` (an RFC 3339
//! time used for "now" and for commit dates, so tests and replays can build any timeline) and
//! `TIX_LOCK_TIMEOUT` (seconds a writer waits for another, default 10).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use chrono::DateTime;

use super::Cli;
use crate::clock::Clock;
use crate::domain::actor::Actor;
use crate::domain::ticket::Ticket;
use crate::error::CliError;
use crate::output::Output;
use crate::store::{self, CommitMessage, Repo};

/// What every command needs.
pub struct Context {
    pub dir: PathBuf,
    pub out: Output,
    pub clock: Clock,
    actor_flag: Option<String>,
    no_input: bool,
    detached: bool,
    repo: Option<Repo>,
}

impl Context {
    /// Builds the context from global flags and the environment.
    ///
    /// # Errors
    /// A malformed `TIX_NOW` or `TIX_LOCK_TIMEOUT`, or a `-C` directory that does not exist.
    pub fn new(cli: &Cli) -> Result<Context, CliError> {
        let cwd = std::env::current_dir()
            .map_err(|e| CliError::repository(format!("cannot read the current directory: {e}")))?;
        let dir = match &cli.chdir {
            Some(dir) => {
                let dir = cwd.join(dir);
                if !dir.is_dir() {
                    return Err(CliError::input(format!(
                        "-C {}: no such directory",
                        dir.display()
                    )));
                }
                dir
            }
            None => cwd,
        };
        let clock = match std::env::var("TIX_NOW") {
            Ok(text) if !text.is_empty() => {
                Clock::Fixed(DateTime::parse_from_rfc3339(&text).map_err(|_| {
                    CliError::input(format!(
                        "TIX_NOW='{text}' is not an RFC 3339 time such as 2026-03-02T09:00:00Z"
                    ))
                })?)
            }
            _ => Clock::System,
        };
        let actor_flag = cli.actor.clone().or_else(|| {
            std::env::var("TIX_ACTOR")
                .ok()
                .filter(|a| !a.trim().is_empty())
        });
        Ok(Context {
            dir,
            out: Output::detect(cli.quiet),
            clock,
            actor_flag,
            no_input: cli.no_input,
            detached: cli.detached,
            repo: None,
        })
    }

    /// The ticket repository containing the working directory, opened once.
    ///
    /// # Errors
    /// Not a ticket repository, or an invalid config.
    pub fn repo(&mut self) -> Result<&Repo, CliError> {
        if self.repo.is_none() {
            let mut repo = Repo::open(&self.dir)?;
            if let Ok(secs) = std::env::var("TIX_LOCK_TIMEOUT") {
                let secs: f64 = secs.parse().map_err(|_| {
                    CliError::input(format!(
                        "TIX_LOCK_TIMEOUT='{secs}' is not a number of seconds"
                    ))
                })?;
                repo.set_lock_timeout(Duration::from_secs_f64(secs.max(0.0)));
            }
            repo.set_allow_detached(self.detached);
            // Test hook for the kill tests: die at the Nth step of the write.
            repo.set_crash_at(
                std::env::var("TIX_TEST_CRASH_AT")
                    .ok()
                    .and_then(|n| n.parse().ok()),
            );
            for repair in repo.take_repairs() {
                self.out.warn(&repair);
            }
            self.repo = Some(repo);
        }
        // Invariant: set just above.
        self.repo
            .as_ref()
            .ok_or_else(|| CliError::repository("repository not open"))
    }

    /// The repository and the output together (a command that writes and reports).
    ///
    /// # Errors
    /// As [`Context::repo`].
    pub fn repo_and_out(&mut self) -> Result<(&Repo, &Output), CliError> {
        self.repo()?;
        let repo = self
            .repo
            .as_ref()
            .ok_or_else(|| CliError::repository("repository not open"))?;
        Ok((repo, &self.out))
    }

    /// Who is acting: `--actor`, `TIX_ACTOR`, then Git's identity.
    ///
    /// # Errors
    /// None of them is set, or the value cannot be a Git author.
    pub fn actor(&self) -> Result<Actor, CliError> {
        if let Some(text) = &self.actor_flag {
            return Actor::parse(text).ok_or_else(|| {
                CliError::input(format!("--actor/TIX_ACTOR '{text}' is not a valid author; use \"Name <email>\" or a name"))
            });
        }
        store::git_identity_at(&self.dir).ok_or_else(|| {
            CliError::input("no actor: tix does not know who you are")
                .with_hint("pass --actor \"Name <email>\", set TIX_ACTOR, or run git config user.name/user.email")
        })
    }

    /// Reports what was repaired while the command ran (an interrupted write found on locking).
    pub fn finish(&self) {
        if let Some(repo) = &self.repo {
            for repair in repo.take_repairs() {
                self.out.warn(&repair);
            }
        }
    }

    /// True when prompts may be shown (a terminal on stdin and stderr, and no `--no-input`).
    pub fn interactive(&self) -> bool {
        !self.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// Changes one ticket under the write lock and commits it.
    ///
    /// `change` edits the ticket as loaded from a clean file; the result is validated against the
    /// schema (and the workflow, if the status moved) before anything is written. Returns the
    /// ticket as committed, or `None` when `change` left it as it was (nothing is committed).
    ///
    /// # Errors
    /// Unknown or ambiguous ID, uncommitted edits, invalid result, lock or Git failures.
    pub fn update(
        &mut self,
        query: &str,
        action: &str,
        change: impl FnOnce(&mut Ticket, &crate::domain::ticket::Schema) -> Result<(), CliError>,
    ) -> Result<Option<Ticket>, CliError> {
        let actor = self.actor()?;
        let when = self.clock.now();
        let (repo, out) = self.repo_and_out()?;
        let lock = repo.lock()?;
        let id = repo.resolve(query)?;
        let before = repo.load_for_update(&id)?;
        let schema = &repo.config().schema;
        let mut after = before.clone();
        change(&mut after, schema)?;
        if after == before {
            return Ok(None);
        }
        // The change itself must be valid before rules build on it.
        if after.status != before.status {
            schema.workflow.check(&before.status, &after.status)?;
        }
        // Rules move the status one workflow step at a time themselves.
        let auto = super::automation::automate(repo, Some(&before), &mut after, false)?;
        if after == before {
            return Ok(None);
        }
        after.validate(schema)?;
        let mut message = CommitMessage::for_ticket(after.id.as_str(), action, &after.title);
        auto.decorate(&mut message);
        repo.commit(lock, &[&after], &message, &actor, when)?;
        auto.report_and_notify(repo, out, &after);
        Ok(Some(after))
    }
}
