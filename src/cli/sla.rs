//! `tix sla` and `tix sla check`: SLA clocks computed from Git history.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::render::{self, document};
use super::{Context, values};
use crate::domain::event::{Timeline, clamp_future as clamp_future_events};
use crate::domain::id::{ShortIds, TicketId};
use crate::error::CliError;
use crate::output::{Format, Output};
use crate::report::explain as explain_report;
use crate::report::junit;
use crate::report::sla::{self as sla_report, ClockDto, TicketClocks, TicketClocksDto, clock_name};
use crate::sla::verdict::{self, Verdict};
use crate::sla::{
    ClockKind, ClockState, ClockStatus, EvalOptions, SlaDuration, evaluate_with, explain,
};
use crate::store::Outline;

/// Show SLA clocks: response and resolution targets, due times and states
///
/// For each open ticket (or the tickets named, or with --all every ticket), every clock of the SLA policy that applies:
/// target (as the config wrote it), due time (in your time zone), time remaining or overdue,
/// and state (running, warning, paused, breached, met, none, cancelled), most urgent first. Clocks are computed from the Git
/// history of the ticket files, so they need the full history (not a shallow clone); the title,
/// status and priority shown are those in history at the evaluation time (an uncommitted edit
/// counts once committed). The history walk is cached in .git/tix/timeline-v7 (disposable).
///
/// `tix sla check` is the CI variant: it exits 1 when an open ticket has a breached clock.
/// `tix sla explain ID` shows how one clock was computed.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SlaArgs {
    #[command(subcommand)]
    pub command: Option<SlaCommand>,

    /// Only these tickets (IDs or unique prefixes), open or not
    pub ids: Vec<String>,

    /// Every ticket, resolved and closed ones included (default: open tickets only)
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,

    /// Evaluate the clocks as they stood at this time (RFC 3339 or YYYY-MM-DD), using only
    /// history up to then
    #[arg(long, value_name = "TIME", value_parser = values::instant)]
    pub as_of: Option<DateTime<Utc>>,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = values::format_of(&[Format::Table, Format::Json]))]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum SlaCommand {
    Check(CheckArgs),
    Explain(ExplainArgs),
}

/// Show how one clock was computed, step by step
///
/// For one ticket's clock: the start; every target in force while it ran (a re-prioritisation
/// re-targets from the start, and a breach under any earlier target stays); each stretch of
/// its life with the status, whether it ran, paused or was stopped, the calendar's open
/// intervals counted in it and the holidays skipped; the sum that is the elapsed time; the due
/// time; and the verdict. Times are in the calendar's zone, the deciding instants also in UTC.
/// An agent who disputes a breach can read exactly why. --format json gives every interval.
///
/// Example: tix sla explain IT-7Q2M --clock first_response --as-of 2026-03-02T17:00:00Z
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The ticket (ID or unique prefix)
    pub id: String,

    /// Which clock
    #[arg(long, value_enum, default_value_t = ClockArg::Resolution)]
    pub clock: ClockArg,

    /// Which cycle of the clock (next-response clocks and new-cycle resolution clocks count
    /// up from 1); default: the latest
    #[arg(long, value_name = "N")]
    pub cycle: Option<u32>,

    /// Explain the clock as it stood at this time (RFC 3339 or YYYY-MM-DD)
    #[arg(long, value_name = "TIME", value_parser = values::instant)]
    pub as_of: Option<DateTime<Utc>>,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = values::format_of(&[Format::Table, Format::Json]))]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClockArg {
    /// Time to the first public reply by an agent
    #[value(name = "first_response", alias = "first-response")]
    FirstResponse,
    /// Time to resolution
    Resolution,
    /// Time to answer each later requester message
    #[value(name = "next_response", alias = "next-response")]
    NextResponse,
}

impl From<ClockArg> for ClockKind {
    fn from(c: ClockArg) -> Self {
        match c {
            ClockArg::FirstResponse => ClockKind::FirstResponse,
            ClockArg::Resolution => ClockKind::Resolution,
            ClockArg::NextResponse => ClockKind::NextResponse,
        }
    }
}

/// Fail (exit 1) when an open ticket has a breached SLA clock; for CI
///
/// Checks every ticket that is open at the evaluation time, or only the tickets named. A clock fails when it is breached and
/// still running or paused (sticky: a breach stays even if the priority was lowered). Closed
/// tickets' missed targets are history for reports, not CI failures. With --fail-on warning,
/// clocks in warning fail too. Exit codes: 0 nothing failed, 1 something failed, 2 bad input or
/// config, 3 repository problem (e.g. a shallow clone).
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check only these tickets (IDs or unique prefixes) instead of every open one
    pub ids: Vec<String>,

    /// Count a running clock as warning once at most this much business time remains (e.g. 2h),
    /// instead of the policy's warning threshold
    #[arg(long, value_name = "DURATION", value_parser = values::duration)]
    pub warn_before: Option<SlaDuration>,

    /// What makes the check fail
    #[arg(long, value_enum, default_value_t = FailOn::Breach)]
    pub fail_on: FailOn,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,

    /// Evaluate as of this time (RFC 3339 or YYYY-MM-DD)
    #[arg(long, value_name = "TIME", value_parser = values::instant)]
    pub as_of: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Breached clocks fail
    Breach,
    /// Breached clocks and clocks in warning fail
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Table,
    Json,
    /// JUnit XML: one test case per ticket clock
    Junit,
}

pub fn run(ctx: &mut Context, args: &SlaArgs) -> Result<(), CliError> {
    match &args.command {
        Some(SlaCommand::Check(check)) => return run_check(ctx, check),
        Some(SlaCommand::Explain(explain)) => return run_explain(ctx, explain),
        None => {}
    }
    if matches!(args.format, Format::Csv | Format::Yaml) {
        return Err(CliError::input("tix sla supports --format table or json"));
    }
    let now = args.as_of.unwrap_or_else(|| ctx.clock.now_utc());
    let realtime = args.as_of.is_none();
    let (evaluated, all_ids) = evaluate_tickets(
        ctx,
        &args.ids,
        args.all,
        now,
        realtime,
        &EvalOptions::default(),
    )?;
    let text = match args.format {
        Format::Json | Format::Yaml => {
            #[derive(Serialize)]
            struct SlaDoc {
                as_of: String,
                tickets: Vec<TicketClocksDto>,
            }
            document(
                Format::Json,
                SlaDoc {
                    as_of: sla_report::instant(now),
                    tickets: evaluated.iter().map(TicketClocksDto::from).collect(),
                },
            )?
        }
        _ => {
            let rows = sla_report::rows(&evaluated);
            if rows.is_empty() {
                ctx.out.status("No SLA clocks: no open tickets, or no policy matches them (see sla.policies in .tix/config.yaml).");
                return Ok(());
            }
            let (repo, out) = ctx.repo_and_out()?;
            let priorities = &repo.config().schema.priorities;
            out.display(&sla_report::table(
                &rows,
                &ShortIds::new(all_ids.iter().collect()),
                &|p| render::priority_style(priorities, p),
                out.width,
            ));
            return Ok(());
        }
    };
    ctx.out.data(&text);
    Ok(())
}

fn run_check(ctx: &mut Context, args: &CheckArgs) -> Result<(), CliError> {
    let now = args.as_of.unwrap_or_else(|| ctx.clock.now_utc());
    let warn_before = args.warn_before;
    let realtime = args.as_of.is_none();
    let (evaluated, all_ids) = evaluate_tickets(
        ctx,
        &args.ids,
        false,
        now,
        realtime,
        &EvalOptions { warn_before },
    )?;
    let fail_on = match args.fail_on {
        FailOn::Breach => verdict::FailOn::Breach,
        FailOn::Warning => verdict::FailOn::Warning,
    };
    let verdict = |c: &ClockStatus| verdict::verdict(c, fail_on);
    let rows = sla_report::rows(&evaluated);
    let failed = rows
        .iter()
        .filter(|(_, c)| verdict(c) == Verdict::Fail)
        .count();
    let warned = rows
        .iter()
        .filter(|(_, c)| verdict(c) == Verdict::Warn)
        .count();
    let judged: Vec<Judged<'_>> = rows.iter().map(|&(t, c)| (t, c, verdict(c))).collect();
    match args.format {
        CheckFormat::Json => ctx
            .out
            .data(&check_json(&judged, now, args.fail_on, failed, warned)?),
        CheckFormat::Junit => ctx.out.data(&check_junit(&judged, now)),
        CheckFormat::Table => {
            let shown: Vec<(&TicketClocks, &ClockStatus)> = judged
                .iter()
                .filter(|(_, _, v)| *v != Verdict::Pass)
                .map(|&(t, c, _)| (t, c))
                .collect();
            if !shown.is_empty() {
                let (repo, out) = ctx.repo_and_out()?;
                let priorities = &repo.config().schema.priorities;
                out.display(&sla_report::table(
                    &shown,
                    &ShortIds::new(all_ids.iter().collect()),
                    &|p| render::priority_style(priorities, p),
                    out.width,
                ));
            }
        }
    }
    let tickets = evaluated.len();
    let scope = if args.ids.is_empty() { "open " } else { "" };
    if failed > 0 {
        return Err(CliError::failed(format!(
            "SLA check failed: {failed} clock(s) failing, {warned} warning, across {tickets} {scope}tickets"
        )));
    }
    ctx.out.status(&format!(
        "SLA check passed: {} clocks on {tickets} {scope}tickets, {warned} warning.",
        rows.len()
    ));
    Ok(())
}

/// One clock of one ticket with its verdict.
type Judged<'a> = (&'a TicketClocks, &'a ClockStatus, Verdict);

/// `tix sla check --format json`.
fn check_json(
    judged: &[Judged<'_>],
    now: DateTime<Utc>,
    fail_on: FailOn,
    failed: usize,
    warned: usize,
) -> Result<String, CliError> {
    #[derive(Serialize)]
    struct CheckResult<'a> {
        id: String,
        title: &'a str,
        priority: &'a str,
        verdict: &'static str,
        clock: ClockDto,
    }
    #[derive(Serialize)]
    struct CheckDoc<'a> {
        as_of: String,
        fail_on: &'static str,
        passed: bool,
        checked: usize,
        failed: usize,
        warned: usize,
        results: Vec<CheckResult<'a>>,
    }
    document(
        Format::Json,
        CheckDoc {
            as_of: sla_report::instant(now),
            fail_on: match fail_on {
                FailOn::Breach => "breach",
                FailOn::Warning => "warning",
            },
            passed: failed == 0,
            checked: judged.len(),
            failed,
            warned,
            results: judged
                .iter()
                .map(|(t, c, v)| CheckResult {
                    id: t.id.to_string(),
                    title: &t.ticket.title,
                    priority: &t.ticket.priority,
                    verdict: v.as_str(),
                    clock: ClockDto::from(*c),
                })
                .collect(),
        },
    )
}

/// `tix sla check --format junit`: one test case per ticket clock.
fn check_junit(judged: &[Judged<'_>], now: DateTime<Utc>) -> String {
    let cases: Vec<junit::Case> = judged
        .iter()
        .map(|(t, c, v)| junit::Case {
            classname: t.id.to_string(),
            name: clock_name(c),
            failure: (*v == Verdict::Fail).then(|| failure_message(c)),
            detail: format!(
                "{} {} ({}): {}; target {}, due {}",
                t.id,
                t.ticket.title,
                t.ticket.priority,
                sla_report::state_label(c),
                sla_report::target_label(c),
                c.due.map_or_else(|| "-".into(), sla_report::instant)
            ),
        })
        .collect();
    junit::render("tix sla check", &cases, &sla_report::instant(now))
}

fn run_explain(ctx: &mut Context, args: &ExplainArgs) -> Result<(), CliError> {
    if matches!(args.format, Format::Csv | Format::Yaml) {
        return Err(CliError::input(
            "tix sla explain supports --format table or json",
        ));
    }
    let now = args.as_of.unwrap_or_else(|| ctx.clock.now_utc());
    let (repo, out) = ctx.repo_and_out()?;
    let config = repo.config();
    let id = repo.resolve(&args.id)?;
    let mut timeline = repo.timeline(&id)?;
    if args.as_of.is_none() {
        clamp_future(out, std::iter::once(&mut timeline), now);
    }
    let state = timeline.state_at(now).ok_or_else(|| {
        CliError::input(format!(
            "{id} did not exist at {}; nothing to explain",
            sla_report::instant(now)
        ))
    })?;
    let kind = ClockKind::from(args.clock);
    let engine = config.engine_context();
    let Some(explanation) = explain(&timeline, &config.sla, &engine, now, kind, args.cycle) else {
        let sla = evaluate_with(
            &timeline,
            &config.sla,
            &engine,
            now,
            &EvalOptions::default(),
        );
        let clocks: Vec<String> = sla.clocks.iter().map(clock_name).collect();
        let cycle = args.cycle.map(|c| format!(" #{c}")).unwrap_or_default();
        return Err(CliError::input(if clocks.is_empty() {
            format!(
                "{id} has no SLA clocks at {}: no policy in sla.policies matches it, or none sets a target for priority {}",
                sla_report::instant(now),
                state.priority
            )
        } else {
            format!(
                "{id} has no {kind}{cycle} clock at {}; it has: {} (pick one with --clock and --cycle)",
                sla_report::instant(now),
                clocks.join(", ")
            )
        }));
    };
    let subject = explain_report::Subject {
        id: id.as_str(),
        title: &state.title,
        as_of: now,
    };
    let text = match args.format {
        Format::Json => document(
            Format::Json,
            explain_report::ExplanationDto::new(&subject, &explanation),
        )?,
        _ => explain_report::text(&subject, &explanation),
    };
    ctx.out.data(&text);
    Ok(())
}

fn failure_message(c: &ClockStatus) -> String {
    match c.state {
        ClockState::Breached => format!(
            "{} breached: {}",
            clock_name(c),
            sla_report::remaining_label(c)
        ),
        _ => format!(
            "{} in warning: {}",
            clock_name(c),
            sla_report::remaining_label(c)
        ),
    }
}

/// Makes commits dated after `now` count as happening at `now`, with one warning naming how many
/// and one of them. Only for the real "now": with `--as-of` in the past, later commits are not
/// part of the picture and are left out as they should be.
pub(super) fn clamp_future<'a>(
    out: &Output,
    timelines: impl IntoIterator<Item = &'a mut Timeline>,
    now: DateTime<Utc>,
) {
    if let Some(found) = clamp_future_events(timelines, now) {
        let (ticket, at) = &found.example;
        let commits = if found.commits == 1 {
            "1 commit is".to_string()
        } else {
            format!("{} commits are", found.commits)
        };
        out.warn(&format!(
            "{commits} dated after now ({}), the latest on {ticket} at {}; counted as made now (a clock set ahead?)",
            sla_report::instant(now),
            sla_report::instant(*at),
        ));
    }
}

/// Evaluates the clocks of the named tickets, or of every ticket open at `now`, from history
/// alone (the working tree is not read, so uncommitted edits do not count). Also returns the ID
/// of every ticket in history, for shortening. `realtime` says `now` is the real time (no
/// `--as-of`), when commits dated later count as made now.
fn evaluate_tickets(
    ctx: &mut Context,
    ids: &[String],
    all: bool,
    now: DateTime<Utc>,
    realtime: bool,
    opts: &EvalOptions,
) -> Result<(Vec<TicketClocks>, Vec<TicketId>), CliError> {
    let (repo, out) = ctx.repo_and_out()?;
    let config = repo.config();
    let wanted: Option<Vec<TicketId>> = if ids.is_empty() {
        None
    } else {
        Some(
            ids.iter()
                .map(|q| repo.resolve(q))
                .collect::<Result<_, _>>()?,
        )
    };
    let workflow = &config.schema.workflow;
    // Only tickets that may be shown are decoded: a ticket whose history ended before `now` in
    // a done status (or deleted) is not, unless named or --all. Later events (a clock running
    // ahead, or --as-of in the past) leave the outline unsure, so those are decoded too.
    let keep = |o: &Outline<'_>| {
        o.last_at > now.timestamp()
            || match &wanted {
                Some(w) => w.iter().any(|id| id.as_str() == o.id),
                None => all || o.status.is_some_and(|s| !workflow.is_done(s)),
            }
    };
    let selection = repo.timelines_where(&keep)?;
    let mut timelines = selection.timelines;
    if realtime {
        clamp_future(out, timelines.values_mut(), now);
    }
    let engine = config.engine_context();
    let mut all_ids: Vec<TicketId> = selection
        .others
        .iter()
        .filter_map(|id| TicketId::parse(id).ok())
        .collect();
    all_ids.reserve(timelines.len());
    let mut out = Vec::new();
    for (key, timeline) in &timelines {
        let Ok(id) = TicketId::parse(key) else {
            continue;
        };
        let Some(state) = timeline.state_at(now) else {
            continue;
        };
        let include = match &wanted {
            Some(w) => w.contains(&id),
            None => all || !workflow.is_done(&state.status),
        };
        all_ids.push(id.clone());
        if include {
            let sla = evaluate_with(timeline, &config.sla, &engine, now, opts);
            let reopens = timeline.reopens(now, |s| config.schema.workflow.is_done(s));
            out.push(TicketClocks {
                id,
                ticket: state,
                sla,
                reopens,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    all_ids.sort();
    Ok((out, all_ids))
}
