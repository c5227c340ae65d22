//! Per-run context: the working directory, the actor, the clock, the output and the repository.
//!
//! Environment variables are read here and nowhere deeper: `TIX_ACTOR`, `TIX_NOW` (an RFC 3339
//! time used for "now" and for commit dates, so tests and replays can build any timeline; only
//! 1970-01-01 to 2100-01-01 is accepted, as Git cannot store earlier dates and later ones are
//! typos) and `TIX_LOCK_TIMEOUT` (seconds a writer waits for another, default 10, at most 3600).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

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
    lock_timeout: Option<Duration>,
    repo: Option<Repo>,
    /// `--force` of `tix resolve`/`close`: finish a parent whose child tasks are still open.
    pub allow_open_children: bool,
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
                    let why = if dir.exists() {
                        "not a directory"
                    } else {
                        "no such directory"
                    };
                    return Err(CliError::input(format!("-C {}: {why}", dir.display())));
                }
                dir
            }
            None => cwd,
        };
        let clock = match std::env::var("TIX_NOW") {
            Ok(text) if !text.is_empty() => Clock::Fixed(parse_now(&text)?),
            _ => Clock::System,
        };
        let lock_timeout = match std::env::var("TIX_LOCK_TIMEOUT") {
            Ok(text) => Some(parse_lock_timeout(&text)?),
            Err(_) => None,
        };
        let actor_flag = cli.actor.clone().or_else(|| {
            std::env::var("TIX_ACTOR")
                .ok()
                .filter(|a| !a.trim().is_empty())
        });
        Ok(Context {
            dir,
            out: Output::detect(crate::output::Wishes {
                quiet: cli.quiet,
                color: cli.color,
                no_pager: cli.no_pager,
            }),
            clock,
            actor_flag,
            no_input: cli.no_input,
            detached: cli.detached,
            lock_timeout,
            repo: None,
            allow_open_children: false,
        })
    }

    /// The ticket repository containing the working directory, opened once.
    ///
    /// # Errors
    /// Not a ticket repository, or an invalid config.
    pub fn repo(&mut self) -> Result<&Repo, CliError> {
        if self.repo.is_none() {
            let mut repo = Repo::open(&self.dir)?;
            if let Some(timeout) = self.lock_timeout {
                repo.set_lock_timeout(timeout);
            }
            repo.set_allow_detached(self.detached);
            // Test hook: the same IDs on every run, so snapshots need no redaction.
            repo.set_id_seed(std::env::var("TIX_SEED").ok().and_then(|s| s.parse().ok()));
            // Test hook for the kill tests: die at the Nth step of the write.
            repo.set_crash_at(
                std::env::var("TIX_TEST_CRASH_AT")
                    .ok()
                    .and_then(|n| n.parse().ok()),
            );
            // Benchmark hook (bench/index-writers.sh): compare ways of updating .git/index.
            repo.set_index_writer(match std::env::var("TIX_INDEX_WRITER").as_deref() {
                Ok("libgit2") => crate::store::IndexWriter::Libgit2,
                Ok("git") => crate::store::IndexWriter::GitCommand,
                _ => crate::store::IndexWriter::Splice,
            });
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

    /// The repository [`Context::repo`] opened, borrowed alongside the rest of the context
    /// (a query needs the actor and the clock while it reads the config).
    ///
    /// # Errors
    /// [`Context::repo`] was not called first.
    pub fn repo_ref(&self) -> Result<&Repo, CliError> {
        self.repo
            .as_ref()
            .ok_or_else(|| CliError::internal("the repository was used before it was opened"))
    }

    /// Who is acting: `--actor`, `TIX_ACTOR`, then Git's identity.
    ///
    /// # Errors
    /// None of them is set, or the value cannot be a Git author.
    pub fn actor(&self) -> Result<Actor, CliError> {
        if let Some(text) = &self.actor_flag {
            return Actor::parse(text).ok_or_else(|| {
                let shown = crate::domain::text::quote_for_message(text);
                let why = match crate::domain::text::control_in_line(text.trim()) {
                    Some(c) => format!(
                        "holds the control character {}",
                        crate::domain::text::describe_control(c)
                    ),
                    None => "is not a valid author".into(),
                };
                CliError::input(format!(
                    "--actor/TIX_ACTOR {shown} {why}; use \"Name <email>\" or a name"
                ))
            });
        }
        store::git_identity_at(&self.dir).ok_or_else(|| {
            CliError::input("no actor: tix does not know who you are")
                .with_hint("pass --actor \"Name <email>\", set TIX_ACTOR, or run git config user.name/user.email")
        })
    }

    /// Reports what was repaired while the command ran (an interrupted write found on locking).
    pub fn report_repairs(&self) {
        if let Some(repo) = &self.repo {
            for repair in repo.take_repairs() {
                self.out.warn(&repair);
            }
        }
    }

    /// `--no-input`: nothing may wait for a person (no prompt, no editor).
    pub fn no_input(&self) -> bool {
        self.no_input
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
        let mut change = Some(change);
        let outcome = self.update_many(&[query.to_string()], None, action, false, |t, s| {
            change.take().map_or(Ok(()), |change| change(t, s))
        })?;
        Ok(outcome.changed.into_iter().next().map(|(_, after)| after))
    }
}

/// What a bulk change did (or, with a dry run, would do).
#[derive(Debug, Default)]
pub struct BulkOutcome {
    /// The tickets changed, as committed (or as they would be).
    pub changed: Vec<(Ticket, Ticket)>,
    /// Tickets the change left as they were.
    pub unchanged: Vec<crate::domain::id::TicketId>,
}

impl Context {
    /// Changes several tickets under one write lock and commits them in one commit, all or
    /// nothing: every ticket is changed and validated first, each failure is reported on its
    /// own line, and if any failed nothing is written. With `dry_run` nothing is written either
    /// way. A single ticket gets the same commit as [`Context::update`].
    ///
    /// `ids` are IDs or prefixes; `query` adds every ticket it selects (re-listed under the lock).
    ///
    /// # Errors
    /// No ticket selected, an unknown or ambiguous ID, uncommitted edits, any ticket whose
    /// change is invalid, lock or Git failures.
    pub fn update_many(
        &mut self,
        ids: &[String],
        query: Option<&crate::domain::query::Query>,
        action: &str,
        dry_run: bool,
        mut change: impl FnMut(&mut Ticket, &crate::domain::ticket::Schema) -> Result<(), CliError>,
    ) -> Result<BulkOutcome, CliError> {
        let actor = self.actor()?;
        let when = self.clock.now();
        let now = self.clock.now_utc();
        let allow_open_children = self.allow_open_children;
        let (repo, out) = self.repo_and_out()?;
        let lock = repo.lock()?;
        let schema = &repo.config().schema;
        let mut targets = Vec::new();
        for query in ids {
            targets.push(repo.resolve(query)?);
        }
        if let Some(query) = query {
            let listing = super::list::listed(repo, out, query)?;
            let facts = super::list::known(repo, query, &listing.tickets, false, now)?;
            let known =
                |id: &crate::domain::id::TicketId| facts.get(id).copied().unwrap_or_default();
            targets.extend(
                query
                    .run(schema, &listing.tickets, &known)
                    .into_iter()
                    .map(|t| t.id.clone()),
            );
        }
        let mut seen = std::collections::HashSet::new();
        targets.retain(|id| seen.insert(id.clone()));
        if targets.is_empty() {
            return Err(
                CliError::input(format!("no ticket to {action}: the query selects none"))
                    .with_hint("try the query with tix list first"),
            );
        }
        let mut outcome = BulkOutcome::default();
        let mut autos = Vec::new();
        let mut failures: Vec<CliError> = Vec::new();
        for id in &targets {
            let result = change_one(repo, id, &mut change);
            match result {
                Ok(Some((before, after, auto))) => {
                    outcome.changed.push((before, after));
                    autos.push(auto);
                }
                Ok(None) => outcome.unchanged.push(id.clone()),
                Err(mut e) => {
                    if targets.len() > 1 && !e.message.contains(id.as_str()) {
                        e.message = format!("{id}: {}", e.message);
                    }
                    failures.push(e);
                }
            }
        }
        if !allow_open_children {
            failures.extend(open_children(repo, &outcome.changed, targets.len() > 1));
        }
        if let Some(first) = failures.first() {
            if targets.len() == 1 {
                return Err(failures.swap_remove(0));
            }
            for failure in &failures {
                out.error_line(&failure.message);
            }
            return Err(CliError::new(
                first.kind,
                format!(
                    "{} of {} tickets cannot be changed ({action}); nothing was written",
                    failures.len(),
                    targets.len()
                ),
            ));
        }
        if dry_run || outcome.changed.is_empty() {
            return Ok(outcome);
        }
        let mut message = match outcome.changed.as_slice() {
            [(_, one)] => CommitMessage::for_ticket(one.id.as_str(), action, &one.title),
            many => {
                let tickets: Vec<(&str, &str)> = many
                    .iter()
                    .map(|(_, t)| (t.id.as_str(), t.title.as_str()))
                    .collect();
                CommitMessage::for_tickets(action, &tickets)
            }
        };
        for auto in &autos {
            auto.decorate(&mut message);
        }
        let written: Vec<&Ticket> = outcome.changed.iter().map(|(_, t)| t).collect();
        repo.commit(lock, &written, &message, &actor, when)?;
        for (auto, (_, after)) in autos.iter().zip(&outcome.changed) {
            auto.report_and_notify(repo, out, after);
        }
        Ok(outcome)
    }
}

/// A failure for each ticket this change finishes while child tasks of it stay open (children
/// finished in the same change count as finished).
fn open_children(repo: &Repo, changed: &[(Ticket, Ticket)], name_ticket: bool) -> Vec<CliError> {
    let workflow = &repo.config().schema.workflow;
    let status_of = |id: &crate::domain::id::TicketId| match changed
        .iter()
        .find(|(_, after)| &after.id == id)
    {
        Some((_, after)) => Some(after.status.clone()),
        None => repo.load(id).ok().map(|t| t.status),
    };
    changed
        .iter()
        .filter(|(before, after)| {
            workflow.is_done(&after.status) && !workflow.is_done(&before.status)
        })
        .filter_map(|(_, parent)| {
            let open =
                crate::domain::link::open_children(parent, |s| workflow.is_done(s), status_of);
            if open.is_empty() {
                return None;
            }
            let list: Vec<String> = open
                .iter()
                .map(|(id, status)| format!("{id} ({status})"))
                .collect();
            let prefix = if name_ticket {
                format!("{}: ", parent.id)
            } else {
                String::new()
            };
            Some(
                CliError::input(format!(
                    "{prefix}{} has open child tasks: {}",
                    parent.id,
                    list.join(", ")
                ))
                .with_hint(
                    "finish the child tasks first, or pass --force to finish the parent anyway",
                ),
            )
        })
        .collect()
}

/// A changed ticket as it will be committed: before, after, and what automation did.
pub type Changed = (Ticket, Ticket, super::automation::Automation);

/// Changes one ticket as every update does, under the caller's write lock: loaded from a clean
/// file, changed by `change`, its status move checked against the workflow, run through
/// automation (rules, auto-assignment) and validated. `None` when nothing changed.
///
/// # Errors
/// Unknown ID, uncommitted edits, a refused status move or assignee, an invalid result.
pub fn change_one(
    repo: &Repo,
    id: &crate::domain::id::TicketId,
    change: &mut dyn FnMut(&mut Ticket, &crate::domain::ticket::Schema) -> Result<(), CliError>,
) -> Result<Option<Changed>, CliError> {
    let schema = &repo.config().schema;
    let before = repo.load_for_update(id)?;
    let mut after = before.clone();
    change(&mut after, schema)?;
    if after == before {
        return Ok(None);
    }
    crate::domain::lifecycle::check_change(&before, &mut after, &schema.workflow)?;
    let auto = super::automation::automate(repo, Some(&before), &mut after, false)?;
    if after == before {
        return Ok(None);
    }
    after.validate(schema).map_err(|e| {
        // A hand edit committed with git may have put the bad value there; say which file.
        if before.validate_text().err().as_ref() == Some(&e) {
            CliError::input(format!("{}: {e}", store::Repo::ticket_path(id))).with_hint(
                "fix the value (tix edit ID --set FIELD=VALUE), or edit the file and commit it with git",
            )
        } else {
            CliError::from(e)
        }
    })?;
    super::asset::check_named(repo, before.asset.as_deref(), after.asset.as_deref())?;
    Ok(Some((before, after, auto)))
}

/// The earliest and latest `TIX_NOW` accepted, as Unix seconds (1970-01-01 and 2100-01-01 UTC).
const NOW_RANGE: (i64, i64) = (0, 4_102_444_800);

/// The longest `TIX_LOCK_TIMEOUT`, in seconds: an hour is already far beyond any real write.
const MAX_LOCK_TIMEOUT_SECS: f64 = 3600.0;

/// Parses `TIX_NOW`. Git stores no date before 1970, and a year like 9999 is a typo that would be
/// written into commits as some other date, so both are refused rather than passed on.
fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, CliError> {
    let shown = crate::domain::text::quote_for_message(text);
    let now = DateTime::parse_from_rfc3339(text).map_err(|_| {
        CliError::input(format!(
            "TIX_NOW={shown} is not an RFC 3339 time such as 2026-03-02T09:00:00Z"
        ))
    })?;
    if !(NOW_RANGE.0..=NOW_RANGE.1).contains(&now.timestamp()) {
        return Err(CliError::input(format!(
            "TIX_NOW={shown} is out of range: it must be between 1970-01-01T00:00:00Z and 2100-01-01T00:00:00Z"
        )));
    }
    Ok(now)
}

/// Parses `TIX_LOCK_TIMEOUT`: finite seconds from 0 to 3600, fractions allowed.
fn parse_lock_timeout(text: &str) -> Result<Duration, CliError> {
    let secs = text.trim().parse::<f64>().ok().filter(|s| s.is_finite());
    match secs {
        Some(secs) if (0.0..=MAX_LOCK_TIMEOUT_SECS).contains(&secs) => {
            Ok(Duration::from_secs_f64(secs))
        }
        _ => Err(CliError::input(format!(
            "TIX_LOCK_TIMEOUT={} is not a number of seconds from 0 to 3600 (e.g. 10 or 0.5)",
            crate::domain::text::quote_for_message(text)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tix_now_outside_1970_to_2100_is_refused() {
        assert!(parse_now("1970-01-01T00:00:00Z").is_ok());
        assert!(parse_now("2100-01-01T00:00:00Z").is_ok());
        assert!(parse_now("2026-03-02T09:00:00+01:00").is_ok());
        for text in [
            "1900-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "2100-01-01T00:00:01Z",
            "9999-01-01T00:00:00Z",
        ] {
            let err = parse_now(text).unwrap_err();
            assert!(
                err.message.contains("out of range"),
                "{text}: {}",
                err.message
            );
        }
    }

    #[test]
    fn lock_timeout_must_be_finite_seconds_up_to_an_hour() {
        assert_eq!(parse_lock_timeout("0").unwrap(), Duration::ZERO);
        assert_eq!(
            parse_lock_timeout("0.5").unwrap(),
            Duration::from_millis(500)
        );
        assert_eq!(
            parse_lock_timeout("3600").unwrap(),
            Duration::from_secs(3600)
        );
        for text in [
            "inf", "-inf", "1e300", "NaN", "-1", "-0.1", "3600.5", "", "ten",
        ] {
            assert!(parse_lock_timeout(text).is_err(), "{text}");
        }
    }
}
