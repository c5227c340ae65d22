//! `tix report`: service metrics over a period, from history.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use clap::Args;

use super::Context;
use super::render::{csv_row, document};
use super::sla::clamp_future;
use super::values::{self, When};
use crate::error::CliError;
use crate::metrics::report::{Report, midnight};
use crate::metrics::{Desk, GroupBy, Period, ReportRequest, build};
use crate::output::Format;
use crate::report::service::data::{CSV_COLUMNS, ReportDoc, csv_row as figures_row};
use crate::report::service::{html, markdown, text};

/// The period when neither end is given.
const DEFAULT_DAYS: i64 = 30;

/// Show service metrics over a period: volume, times, SLA, satisfaction, workload
///
/// The figures: volume and backlog, response and resolution times, SLA attainment,
/// first-contact resolution, reopens, satisfaction, workload, recurring incidents and knowledge
/// base use.
///
/// Everything is computed from the Git history of the tickets (uncommitted edits do not
/// count), over the half-open period [--since, --until): by default the last 30 days. A bare
/// date means the start of that day in the desk's time zone (the first SLA policy's
/// calendar; UTC with none), so `--since 2026-11-01 --until 2026-12-01` is November. Times
/// are reported in calendar time and in business time net of pauses; percentiles are
/// nearest-rank (always a real ticket's time). A figure with nothing to count shows "-"
/// (`null` in JSON).
///
/// Examples:
///   tix report                                  the last 30 days
///   tix report --since 2026-11-01 --until 2026-12-01 --by assignee
///   tix report --format markdown >> "$GITHUB_STEP_SUMMARY"
///   tix report --format html -o report.html     a dashboard to open or print
///   tix report --as-of 2026-12-01T09:00:00Z     the report as it could be printed then
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ReportArgs {
    /// Start of the period, included (YYYY-MM-DD or RFC 3339); default 30 days before --until
    #[arg(long, value_name = "DATE", value_parser = values::when)]
    pub since: Option<When>,

    /// End of the period, excluded (YYYY-MM-DD or RFC 3339); default just after now (or
    /// --as-of), so everything up to then counts
    #[arg(long, value_name = "DATE", value_parser = values::when)]
    pub until: Option<When>,

    /// Use only history up to this time (RFC 3339 or YYYY-MM-DD), to reproduce a past report
    #[arg(long, value_name = "TIME", value_parser = values::instant)]
    pub as_of: Option<DateTime<Utc>>,

    /// Also show the figures per assignee, team, category, priority, type, requester, org
    /// (organisation), week or day
    #[arg(long, value_name = "FIELD", value_parser = group_by)]
    pub by: Option<GroupBy>,

    /// How many tickets created in the period make a title or category + tag recurring
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u16).range(2..))]
    pub recurring_min: u16,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Write to this file instead of standard output (replaced whole, or left untouched on error)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Sections of aligned tables with sparklines, for the terminal
    Table,
    /// One JSON document with `"version": 1` (keys documented in README)
    Json,
    /// One row for the period, then one per group
    Csv,
    /// A compact summary for CI job pages ($GITHUB_STEP_SUMMARY)
    Markdown,
    /// A self-contained dashboard page with charts (use with -o)
    Html,
}

fn group_by(text: &str) -> Result<GroupBy, String> {
    GroupBy::parse(text).ok_or_else(|| {
        let names: Vec<&str> = GroupBy::ALL.iter().map(|g| g.as_str()).collect();
        format!("unknown grouping: use one of {}", names.join(", "))
    })
}

pub fn run(ctx: &mut Context, args: &ReportArgs) -> Result<(), CliError> {
    let now = ctx.clock.now_utc();
    let as_of = args.as_of.unwrap_or(now);
    let (repo, out) = ctx.repo_and_out()?;
    let config = repo.config();
    // By default the period ends with the last second of history taken into account.
    let (Period { since, until }, zone) =
        period(config, args.since, args.until, as_of + Duration::seconds(1))?;
    let mut timelines = repo.timelines()?;
    if args.as_of.is_none() {
        clamp_future(out, timelines.values_mut(), now);
    }
    let mut timelines: Vec<_> = timelines.values().collect();
    timelines.sort_by(|a, b| a.ticket_id.cmp(&b.ticket_id));
    let engine = config.engine_context();
    let agents: Vec<String> = config.agents.iter().map(|a| a.name.clone()).collect();
    let desk = Desk {
        workflow: &config.schema.workflow,
        sla: &config.sla,
        engine: &engine,
        priorities: &config.schema.priorities,
        agents: &agents,
        default_calendar: config.default_calendar(),
    };
    // Which articles solved which ticket is read from the tickets as they are now.
    let articles: crate::metrics::knowledge::ArticlesUsed = repo
        .list()?
        .tickets
        .into_iter()
        .filter(|t| !t.kb.is_empty())
        .map(|t| (t.id.to_string(), t.kb))
        .collect();
    let request = ReportRequest {
        period: Period { since, until },
        as_of,
        by: args.by,
        recurring_min: usize::from(args.recurring_min),
        zone,
        also_by: if args.format == ReportFormat::Html {
            &[GroupBy::Assignee, GroupBy::Category]
        } else {
            &[]
        },
        articles: &articles,
    };
    let report = build(&timelines, &desk, &request);
    let rendered = render(&report, args.format, out.width, &config.schema.priorities)?;
    match &args.output {
        Some(path) => {
            write_whole(path, &rendered)?;
            out.status(&format!("Wrote {}", path.display()));
        }
        // Read in a pager on a terminal; the data formats are written as they are.
        None if args.format == ReportFormat::Table => out.display(&rendered.into()),
        None => out.data(&rendered),
    }
    Ok(())
}

/// The period `[since, until)` of `--since` and `--until`, and the desk's time zone (the
/// default calendar's; UTC without one), in which a bare date means the start of that day.
/// `until` defaults to `end`, `since` to 30 days before `until`.
///
/// # Errors
/// An empty period (`since` not before `until`).
pub(super) fn period(
    config: &crate::config::Config,
    since: Option<When>,
    until: Option<When>,
    end: DateTime<Utc>,
) -> Result<(Period, chrono_tz::Tz), CliError> {
    let zone = config
        .sla
        .calendars
        .get(config.default_calendar())
        .map_or(chrono_tz::Tz::UTC, crate::sla::Calendar::zone);
    let resolve = |w: When| match w {
        When::At(t) => t,
        When::Day(d) => midnight(d, zone),
    };
    let until = until.map_or(end, resolve);
    let since = since.map_or(until - Duration::days(DEFAULT_DAYS), resolve);
    if since >= until {
        return Err(CliError::input(format!(
            "--since ({}) is not before --until ({}): the period [since, until) would be empty",
            crate::report::sla::instant(since),
            crate::report::sla::instant(until)
        )));
    }
    Ok((Period { since, until }, zone))
}

fn render(
    report: &Report,
    format: ReportFormat,
    width: Option<u16>,
    priorities: &[String],
) -> Result<String, CliError> {
    Ok(match format {
        ReportFormat::Table => text::render_text(report, width),
        ReportFormat::Json => document(Format::Json, ReportDoc::new(report, priorities))?,
        ReportFormat::Csv => {
            let header: Vec<String> = CSV_COLUMNS.iter().map(|c| (*c).to_string()).collect();
            let mut csv = csv_row(&header);
            csv.push_str(&csv_row(&figures_row("(all)", &report.figures)));
            for g in &report.groups {
                csv.push_str(&csv_row(&figures_row(&g.key, &g.figures)));
            }
            csv
        }
        ReportFormat::Markdown => markdown::render_markdown(report),
        ReportFormat::Html => html::render_html(report),
    })
}

/// Writes `text` to `path` through a temporary file beside it, so a failure leaves any earlier
/// file as it was and no partial one.
fn write_whole(path: &Path, text: &str) -> Result<(), CliError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let Some(name) = name else {
        return Err(CliError::input(format!(
            "--output {}: not a file name",
            path.display()
        )));
    };
    let tmp = path.with_file_name(format!(".{name}.tix-{}", std::process::id()));
    let result = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        CliError::input(format!(
            "--output {}: {}",
            path.display(),
            crate::output::io_reason(&e)
        ))
    })
}
