//! `tix list`: the tickets that match filters, as a table or data.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Context;
use super::render::{self, SummaryDto};
use crate::domain::id::ShortIds;
use crate::domain::ticket::TicketSummary;
use crate::error::CliError;
use crate::output::Format;

/// List tickets
///
/// Shows tickets that are not done (not resolved or closed) unless --all or --status says
/// otherwise, most urgent first. Filters combine with AND; a filter given several values
/// (repeated or comma-separated) matches any of them. IDs are shortened to the shortest unique
/// prefix; every command accepts that prefix.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these statuses (implies tickets in done statuses are included if named)
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,

    /// Only tickets assigned to one of these (`-` for unassigned)
    #[arg(long, value_delimiter = ',')]
    pub assignee: Vec<String>,

    /// Only these priorities
    #[arg(long, value_delimiter = ',')]
    pub priority: Vec<String>,

    /// Only these categories
    #[arg(long, value_delimiter = ',')]
    pub category: Vec<String>,

    /// Only these types
    #[arg(long = "type", value_delimiter = ',', value_name = "TYPE")]
    pub ticket_type: Vec<String>,

    /// Only these teams
    #[arg(long, value_delimiter = ',')]
    pub team: Vec<String>,

    /// Only tickets carrying every one of these tags
    #[arg(long = "tag", value_delimiter = ',', value_name = "TAG")]
    pub tags: Vec<String>,

    /// Include resolved and closed tickets
    #[arg(short, long)]
    pub all: bool,

    /// Sort order
    #[arg(long, value_enum, default_value_t = SortKey::Priority)]
    pub sort: SortKey,

    /// Show at most N tickets
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// How `tix list` orders tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// Most urgent priority first, then workflow order of status, then ID
    Priority,
    /// Workflow order of status, then priority
    Status,
    Id,
    Title,
    Assignee,
    Category,
    Type,
}

#[derive(Serialize)]
struct ListDoc<'a> {
    tickets: Vec<SummaryDto<'a>>,
}

pub fn run(ctx: &mut Context, args: &ListArgs) -> Result<(), CliError> {
    let (repo, out) = ctx.repo_and_out()?;
    let schema = &repo.config().schema;
    for status in &args.status {
        if !schema.workflow.is_status(status) {
            return Err(CliError::input(format!(
                "--status: unknown status '{status}'; known statuses: {}",
                schema.workflow.statuses.join(", ")
            )));
        }
    }
    for priority in &args.priority {
        if !schema.priorities.contains(priority) {
            return Err(CliError::input(format!(
                "--priority: unknown priority '{priority}'; known priorities: {}",
                schema.priorities.join(", ")
            )));
        }
    }
    let listing = repo.list()?;
    // One broken file must not hide every other ticket; `tix check` is where it fails.
    for broken in &listing.broken {
        out.warn(&format!("skipped {broken} (run `tix check`)"));
    }
    let all = listing.tickets;
    let any = |wanted: &[String], value: Option<&str>| {
        wanted.is_empty()
            || wanted
                .iter()
                .any(|w| Some(w.as_str()) == value || (w == "-" && value.is_none()))
    };
    let mut shown: Vec<&TicketSummary> = all
        .iter()
        .filter(|t| {
            if args.status.is_empty() {
                args.all || !schema.workflow.is_done(&t.status)
            } else {
                args.status.contains(&t.status)
            }
        })
        .filter(|t| any(&args.assignee, t.assignee.as_deref()))
        .filter(|t| any(&args.priority, Some(&t.priority)))
        .filter(|t| any(&args.category, t.category.as_deref()))
        .filter(|t| any(&args.ticket_type, Some(&t.ticket_type)))
        .filter(|t| any(&args.team, t.team.as_deref()))
        .filter(|t| args.tags.iter().all(|tag| t.tags.contains(tag)))
        .collect();
    let rank = |list: &[String], v: &str| list.iter().position(|x| x == v).unwrap_or(usize::MAX);
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    shown.sort_by(|a, b| {
        let by_priority =
            rank(&schema.priorities, &a.priority).cmp(&rank(&schema.priorities, &b.priority));
        let by_status = rank(&schema.workflow.statuses, &a.status)
            .cmp(&rank(&schema.workflow.statuses, &b.status));
        match args.sort {
            SortKey::Priority => by_priority.then(by_status),
            SortKey::Status => by_status.then(by_priority),
            SortKey::Id => std::cmp::Ordering::Equal,
            SortKey::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
            SortKey::Assignee => text(&a.assignee).cmp(&text(&b.assignee)),
            SortKey::Category => text(&a.category).cmp(&text(&b.category)),
            SortKey::Type => a.ticket_type.cmp(&b.ticket_type),
        }
        .then_with(|| a.id.cmp(&b.id))
    });
    if let Some(limit) = args.limit {
        shown.truncate(limit);
    }
    let output = match args.format {
        Format::Table => {
            if shown.is_empty() {
                ctx.out.status("No tickets match.");
                return Ok(());
            }
            let short = ShortIds::new(all.iter().map(|t| &t.id).collect());
            render::summary_table(&shown, &short, ctx.out.width)
        }
        Format::Csv => render::summary_csv(&shown),
        Format::Json | Format::Yaml => render::document(
            args.format,
            ListDoc {
                tickets: shown.iter().map(|t| SummaryDto::from(*t)).collect(),
            },
        )?,
    };
    ctx.out.data(&output);
    Ok(())
}
