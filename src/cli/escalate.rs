//! `tix escalate`: the scheduled run that applies escalation levels and timed rules.

use chrono::SecondsFormat;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Context;
use super::automation::{LazyAssigner, assigner_from, send};
use super::render::document;
use crate::automation::escalation::{self, Due};
use crate::automation::notify::notifications;
use crate::domain::rules::{self, Action, ActionEnv, Effects};
use crate::domain::ticket::Ticket;
use crate::error::CliError;
use crate::hooks::{Notification, Runner};
use crate::output::Format;
use crate::sla::evaluate;
use crate::store::CommitMessage;

/// Who writes the internal notes of escalation `comment` actions.
pub const ESCALATION_AUTHOR: &str = "tix-escalate";

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
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
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

/// What escalating one ticket would do; applied (committed, reported, sent) only as a whole.
struct TicketPlan {
    ticket: Ticket,
    report: Vec<EscalationDto>,
    notifications: Vec<Notification>,
    body: Vec<String>,
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
    let now = super::sla::as_of(ctx, args.as_of.as_deref())?;
    // A dry run writes nothing, so it needs no actor (a CI preview may not set TIX_ACTOR).
    let actor = if args.dry_run {
        None
    } else {
        Some(ctx.actor()?)
    };
    let when = ctx.clock.now();
    let (repo, out) = ctx.repo_and_out()?;
    let config = repo.config();
    if !args.dry_run {
        let (sent, failures) = Runner {
            root: repo.workdir(),
            git_dir: repo.git_dir(),
            hooks: &config.hooks,
        }
        .retry_queue();
        if sent > 0 {
            out.status(&format!("Sent {sent} queued notification(s)."));
        }
        for f in failures {
            out.warn(&f);
        }
    }
    let esc = &config.escalation;
    let mut plan: Vec<(crate::domain::id::TicketId, Vec<Due>)> = Vec::new();
    let mut assigner = LazyAssigner::new(repo);
    if !esc.levels.is_empty() || !esc.timed.is_empty() {
        let listing = repo.list()?;
        for broken in &listing.broken {
            out.warn(&format!("skipped {broken}"));
        }
        let summaries = listing.tickets;
        let mut timelines = repo.timelines()?;
        if args.as_of.is_none() {
            super::sla::clamp_future(out, timelines.values_mut(), now);
        }
        let engine = config.engine_context();
        let workflow = &config.schema.workflow;
        for summary in &summaries {
            let Some(timeline) = timelines.get(summary.id.as_str()) else {
                continue;
            };
            let clocks = if esc.levels.is_empty() || workflow.is_done(&summary.status) {
                Vec::new()
            } else {
                evaluate(timeline, &config.sla, &engine, now).clocks
            };
            let due = escalation::due(
                esc,
                summary,
                &clocks,
                timeline,
                now,
                &config.sla.calendars,
                config.default_calendar(),
            );
            if !due.is_empty() {
                plan.push((summary.id.clone(), due));
            }
        }
        // Escalations that assign a team pick from the same history; do not read it twice.
        assigner = LazyAssigner::loaded(repo, assigner_from(repo, summaries, timelines));
    }
    let lock = if args.dry_run {
        None
    } else {
        Some(repo.lock()?)
    };
    let mut changed: Vec<Ticket> = Vec::new();
    let mut report: Vec<EscalationDto> = Vec::new();
    let mut skipped: Vec<SkippedDto> = Vec::new();
    let mut pending: Vec<Notification> = Vec::new();
    let mut body = Vec::new();
    // Plan each ticket on its own, then apply the plan only if the ticket can be saved: a
    // skipped ticket must send nothing, or its hooks would fire again on every run (its
    // escalation keys are never recorded).
    for (id, dues) in &plan {
        let loaded = if args.dry_run {
            repo.load(id)
        } else {
            repo.load_for_update(id)
        };
        let before = match loaded {
            Ok(t) => t,
            Err(e) => {
                out.warn(&format!("skipped {id}: {e}"));
                skipped.push(SkippedDto {
                    ticket: id.to_string(),
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let planned = plan_ticket(config, &mut assigner, before.clone(), dues);
        if planned.ticket == before {
            continue;
        }
        if let Err(e) = planned.ticket.validate(&config.schema) {
            let reason = format!("the escalated ticket would be invalid: {e}");
            out.warn(&format!("skipped {id}: {reason}"));
            skipped.push(SkippedDto {
                ticket: id.to_string(),
                reason,
            });
            continue;
        }
        report.extend(planned.report);
        pending.extend(planned.notifications);
        body.extend(planned.body);
        changed.push(planned.ticket);
    }
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
    if changed.is_empty() {
        out.status("Nothing to escalate.");
        return Ok(());
    }
    let escalations = body.iter().filter(|l| !l.starts_with(' ')).count();
    if args.dry_run {
        out.status(&format!(
            "Dry run: {escalations} escalation(s) on {} ticket(s) would be applied; nothing written.",
            changed.len()
        ));
        return Ok(());
    }
    let mut message = CommitMessage {
        subject: format!(
            "tix escalate: {escalations} escalation(s) on {} ticket(s)",
            changed.len()
        ),
        body: Some(body.join("\n")),
        trailers: vec![("Tix-Action".into(), "escalate".into())],
    };
    for t in &changed {
        message
            .trailers
            .push(("Tix-Ticket".into(), t.id.to_string()));
    }
    let refs: Vec<&Ticket> = changed.iter().collect();
    let actor = actor.ok_or_else(|| CliError::input("no actor for the escalation commit"))?;
    let lock = lock.ok_or_else(|| CliError::repository("not locked for writing"))?;
    repo.commit(lock, &refs, &message, &actor, when)?;
    out.status(&format!(
        "Escalated: {escalations} escalation(s) on {} ticket(s), one commit.",
        changed.len()
    ));
    for failure in send(repo, &pending) {
        out.warn(&failure);
    }
    Ok(())
}

/// Applies the due levels and timed rules to one ticket, collecting what they would report,
/// send and write in the commit body; nothing leaves this function.
fn plan_ticket(
    config: &crate::config::Config,
    assigner: &mut LazyAssigner<'_>,
    mut ticket: Ticket,
    dues: &[Due<'_>],
) -> TicketPlan {
    let id = ticket.id.clone();
    let mut planned = TicketPlan {
        ticket: ticket.clone(),
        report: Vec::new(),
        notifications: Vec::new(),
        body: Vec::new(),
    };
    for due in dues {
        if ticket.escalations.contains(&due.key) {
            continue;
        }
        let mut effects = Effects::default();
        let mut env = ActionEnv {
            priorities: &config.schema.priorities,
            workflow: &config.schema.workflow,
            assigner,
            author: ESCALATION_AUTHOR,
        };
        for action in due.actions {
            rules::apply(action, due.name, &mut ticket, &mut env, &mut effects);
        }
        ticket.escalations.push(due.key.clone());
        planned.notifications.extend(notifications(
            config,
            &effects.notices,
            &ticket,
            "escalation",
        ));
        let actions: Vec<String> = due.actions.iter().map(ToString::to_string).collect();
        planned.body.push(format!(
            "{id} {} ({}): {}",
            due.name,
            due.reason,
            actions.join(", ")
        ));
        planned
            .body
            .extend(effects.notes.iter().map(|n| format!("  {n}")));
        planned.report.push(EscalationDto {
            ticket: id.to_string(),
            title: ticket.title.clone(),
            name: due.name.to_string(),
            key: due.key.clone(),
            reason: due.reason.clone(),
            actions: due.actions.iter().map(action_dto).collect(),
            skipped: effects.notes.clone(),
        });
    }
    planned.ticket = ticket;
    planned
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
