//! `tix escalate`: the scheduled run that applies escalation levels and timed rules.
//!
//! The handler loads, commits, sends and renders; planning, applying and the commit message
//! are `automation::escalation`.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Context;
use super::automation::{LazyAssigner, send};
use super::render::document;
use crate::automation::escalation::{self, Escalated, Plan, TicketOutcome};
use crate::domain::actor::Actor;
use crate::domain::id::TicketId;
use crate::domain::rules::Action;
use crate::domain::ticket::Ticket;
use crate::error::CliError;
use crate::hooks::{Notification, Runner};
use crate::output::{Format, Output};
use crate::store::{CommitMessage, Repo, WriteLock};

/// Apply escalation levels and timed rules; for cron and scheduled CI jobs
///
/// Evaluates every ticket's SLA clocks and time in status against `escalation:` in
/// .tix/config.yaml. Each level fires once per ticket clock and each timed rule once per entry
/// into the state it watches; what fired is recorded in the ticket's `escalations` list, all in
/// one commit, so running it twice in a row changes nothing the second time. Notification hooks
/// run after the commit; failed ones are queued and retried first by the next run.
///
/// Runs as the usual actor (set TIX_ACTOR in CI). Exit codes: 0 done (also when nothing was
/// due), 2 bad input or config, 3 repository problem (e.g. a shallow clone).
#[derive(Debug, Args)]
pub struct EscalateArgs {
    /// Print what would happen; write nothing and run no hooks
    #[arg(long)]
    pub dry_run: bool,

    /// Output format of the list of actions
    #[arg(short, long, value_enum, default_value_t = EscalateFormat::Table)]
    pub format: EscalateFormat,

    /// Evaluate clocks and timed rules as of this time (RFC 3339 or YYYY-MM-DD) instead of now
    #[arg(long, value_name = "TIME", value_parser = super::values::instant)]
    pub as_of: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EscalateFormat {
    /// One line per escalation
    Table,
    /// A JSON document with `"version": 1`
    Json,
}

#[derive(Serialize)]
struct ActionDto {
    action: &'static str,
    value: serde_json::Value,
}

#[derive(Serialize)]
struct EscalationDto {
    ticket: String,
    title: String,
    name: String,
    key: String,
    reason: String,
    actions: Vec<ActionDto>,
    /// Actions that could not be applied (e.g. a status move the workflow forbids).
    skipped: Vec<String>,
}

/// A ticket whose escalations were all dropped: nothing recorded, committed or sent for it.
#[derive(Serialize)]
struct SkippedDto {
    ticket: String,
    reason: String,
}

#[derive(Serialize)]
struct EscalateDoc {
    as_of: String,
    dry_run: bool,
    escalations: Vec<EscalationDto>,
    skipped_tickets: Vec<SkippedDto>,
}

fn action_dto(a: &Action) -> ActionDto {
    use serde_json::json;
    let (action, value) = match a {
        Action::Set(map) => ("set", json!(map)),
        Action::AddTag(t) => ("add_tag", json!(t)),
        Action::SetPriority(p) => ("set_priority", json!(p)),
        Action::RaisePriority(n) => ("raise_priority", json!(n)),
        Action::Assign(a) => ("assign", json!(a)),
        Action::AssignTeam(t) => ("assign_team", json!(t)),
        Action::Comment(c) => ("comment", json!(c)),
        Action::SetStatus(s) => ("set_status", json!(s)),
        Action::Notify(n) => ("notify", json!(n.to())),
    };
    ActionDto { action, value }
}

pub fn run(ctx: &mut Context, args: &EscalateArgs) -> Result<(), CliError> {
    let now = args.as_of.unwrap_or_else(|| ctx.clock.now_utc());
    // A dry run writes nothing, so it needs no actor (a CI preview may not set TIX_ACTOR).
    let actor = if args.dry_run {
        None
    } else {
        Some(ctx.actor()?)
    };
    let when = ctx.clock.now();
    let (repo, out) = ctx.repo_and_out()?;
    if !args.dry_run {
        retry_queue(repo, out);
    }
    let (plan, mut assigner) = plan(repo, out, now, args.as_of.is_none())?;
    let lock = if args.dry_run {
        None
    } else {
        Some(repo.lock()?)
    };
    let load = |id: &TicketId| {
        let loaded = if args.dry_run {
            repo.load(id)
        } else {
            repo.load_for_update(id)
        };
        loaded.map_err(|e| e.to_string())
    };
    let outcomes = escalation::apply(repo.config(), &plan, load, &mut assigner);
    let (escalated, skipped) = sort_out(out, outcomes);
    render(out, args, now, &escalated, skipped)?;
    if escalated.is_empty() {
        out.status("Nothing to escalate.");
        return Ok(());
    }
    if args.dry_run {
        out.status(&format!(
            "Dry run: {} escalation(s) on {} ticket(s) would be applied; nothing written.",
            escalation::count(&escalated),
            escalated.len()
        ));
        return Ok(());
    }
    let actor = actor.ok_or_else(|| CliError::input("no actor for the escalation commit"))?;
    let lock = lock.ok_or_else(|| CliError::repository("not locked for writing"))?;
    commit_and_send(repo, out, escalated, &actor, lock, when)
}

/// Writes the escalated tickets in one commit, then runs their notifications.
fn commit_and_send(
    repo: &Repo,
    out: &Output,
    escalated: Vec<Escalated<'_>>,
    actor: &Actor,
    lock: WriteLock,
    when: DateTime<FixedOffset>,
) -> Result<(), CliError> {
    let commit = escalation::commit_message(&escalated);
    let message = CommitMessage {
        subject: commit.subject,
        body: Some(commit.body),
        trailers: commit.trailers,
    };
    let changed: Vec<&Ticket> = escalated.iter().map(|e| &e.ticket).collect();
    repo.commit(lock, &changed, &message, actor, when)?;
    out.status(&format!(
        "Escalated: {} escalation(s) on {} ticket(s), one commit.",
        escalation::count(&escalated),
        escalated.len()
    ));
    let pending: Vec<Notification> = escalated
        .into_iter()
        .flat_map(|e| e.notifications)
        .collect();
    for failure in send(repo, &pending) {
        out.warn(&failure);
    }
    Ok(())
}

/// Sends what earlier runs could not, first, so a notification is never lost.
fn retry_queue(repo: &Repo, out: &Output) {
    let (sent, failures) = Runner {
        root: repo.workdir(),
        git_dir: repo.git_dir(),
        hooks: &repo.config().hooks,
    }
    .retry_queue();
    if sent > 0 {
        out.status(&format!("Sent {sent} queued notification(s)."));
    }
    for f in failures {
        out.warn(&f);
    }
}

/// Reads the tickets a level or timed rule can act on, with their history, and plans the run at
/// `now`. `clamp`: commits dated after `now` count as made now.
///
/// Only those tickets are decoded: open ones (levels watch SLA clocks, which stop when done)
/// and those in a status a timed rule watches (every status when a rule watches any). On a
/// large desk that is a fraction of the history, which matters for an hourly job that mostly
/// finds nothing due. The assigner reads everything, and only when a rule assigns.
fn plan<'r>(
    repo: &'r Repo,
    out: &Output,
    now: DateTime<Utc>,
    clamp: bool,
) -> Result<(Plan<'r>, LazyAssigner<'r>), CliError> {
    let config = repo.config();
    let esc = &config.escalation;
    if esc.levels.is_empty() && esc.timed.is_empty() {
        return Ok((Plan::default(), LazyAssigner::new(repo)));
    }
    let workflow = &config.schema.workflow;
    let any_status = esc.timed.iter().any(|r| r.when.status.is_empty());
    let wanted = |status: &str| {
        any_status
            || !workflow.is_done(status)
            || esc
                .timed
                .iter()
                .any(|r| r.when.status.iter().any(|s| s == status))
    };
    let listing = repo.list_where(&wanted)?;
    for broken in &listing.broken {
        out.warn(&format!("skipped {broken}"));
    }
    let listed: HashSet<&str> = listing.tickets.iter().map(|t| t.id.as_str()).collect();
    let mut timelines = repo.timelines_where(&|o| listed.contains(o.id))?.timelines;
    if clamp {
        super::sla::clamp_future(out, timelines.values_mut(), now);
    }
    let plan = escalation::plan(&listing.tickets, &timelines, config, now);
    Ok((plan, LazyAssigner::new(repo)))
}

/// Splits the outcomes into tickets to commit and tickets skipped, warning about each skip.
fn sort_out<'c>(
    out: &Output,
    outcomes: Vec<TicketOutcome<'c>>,
) -> (Vec<Escalated<'c>>, Vec<SkippedDto>) {
    let mut escalated = Vec::new();
    let mut skipped = Vec::new();
    for outcome in outcomes {
        match outcome {
            TicketOutcome::Escalated(e) => escalated.push(*e),
            TicketOutcome::Skipped { id, reason } => {
                out.warn(&format!("skipped {id}: {reason}"));
                skipped.push(SkippedDto {
                    ticket: id.to_string(),
                    reason,
                });
            }
            TicketOutcome::Unchanged(_) => {}
        }
    }
    (escalated, skipped)
}

/// Prints the escalations (and, in JSON, the skipped tickets) on stdout.
fn render(
    out: &Output,
    args: &EscalateArgs,
    now: DateTime<Utc>,
    escalated: &[Escalated<'_>],
    skipped: Vec<SkippedDto>,
) -> Result<(), CliError> {
    let report: Vec<EscalationDto> = escalated.iter().flat_map(escalation_dtos).collect();
    let text = match args.format {
        EscalateFormat::Json => document(
            Format::Json,
            EscalateDoc {
                as_of: now.to_rfc3339_opts(SecondsFormat::Secs, true),
                dry_run: args.dry_run,
                escalations: report,
                skipped_tickets: skipped,
            },
        )?,
        EscalateFormat::Table => table(&report),
    };
    if !text.is_empty() {
        out.data(&text);
    }
    Ok(())
}

fn escalation_dtos(e: &Escalated<'_>) -> Vec<EscalationDto> {
    e.fired
        .iter()
        .map(|f| EscalationDto {
            ticket: e.ticket.id.to_string(),
            title: f.title.clone(),
            name: f.name.to_string(),
            key: f.key.clone(),
            reason: f.reason.clone(),
            actions: f.actions.iter().map(action_dto).collect(),
            skipped: f.notes.clone(),
        })
        .collect()
}

fn table(report: &[EscalationDto]) -> String {
    let mut out = String::new();
    for r in report {
        let actions: Vec<String> = r
            .actions
            .iter()
            .map(|a| match &a.value {
                serde_json::Value::String(s) => format!("{} {s}", a.action),
                v => format!("{} {v}", a.action),
            })
            .collect();
        out.push_str(&format!(
            "{}  {}  {}  {}\n",
            r.ticket,
            r.name,
            r.reason,
            actions.join("; ")
        ));
        for s in &r.skipped {
            out.push_str(&format!("  {s}\n"));
        }
    }
    out
}
