//! `tix list`: the tickets that match filters, as a table or data.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Context;
use super::render::{self, SummaryDto};
use crate::domain::id::ShortIds;
use crate::domain::query::{self, Query};
use crate::error::{CliError, ErrorKind};
use crate::output::Format;

/// List tickets
///
/// Shows tickets that are not done (not resolved or closed) unless --all or --status says
/// otherwise, most urgent first. Filters combine with AND; a filter given several values
/// (repeated or comma-separated) matches any of them. IDs are shortened to the shortest unique
/// prefix; every command accepts that prefix.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: Filters,

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

/// The filters `tix list` and `tix export` share.
#[derive(Debug, Args)]
pub struct Filters {
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
}

impl Filters {
    pub fn query(&self, all: bool, sort: query::SortKey, limit: Option<usize>) -> Query {
        Query {
            statuses: self.status.clone(),
            assignees: self.assignee.clone(),
            priorities: self.priority.clone(),
            categories: self.category.clone(),
            types: self.ticket_type.clone(),
            teams: self.team.clone(),
            tags: self.tags.clone(),
            all,
            sort,
            limit,
        }
    }
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

impl From<SortKey> for query::SortKey {
    fn from(key: SortKey) -> Self {
        match key {
            SortKey::Priority => query::SortKey::Priority,
            SortKey::Status => query::SortKey::Status,
            SortKey::Id => query::SortKey::Id,
            SortKey::Title => query::SortKey::Title,
            SortKey::Assignee => query::SortKey::Assignee,
            SortKey::Category => query::SortKey::Category,
            SortKey::Type => query::SortKey::Type,
        }
    }
}

impl ListArgs {
    fn query(&self) -> Query {
        self.filters.query(self.all, self.sort.into(), self.limit)
    }
}

/// The summaries of the tickets whose status `query` may select (in ID order), and the IDs of
/// the others, once `query` names only known values; broken files are warned about and skipped
/// (one must not hide every other ticket; `tix check` is where it fails).
pub fn listed(
    repo: &crate::store::Repo,
    out: &crate::output::Output,
    query: &Query,
) -> Result<crate::store::Listing, CliError> {
    let schema = &repo.config().schema;
    query
        .check(schema)
        .map_err(|e| CliError::from_error(ErrorKind::Input, e))?;
    let listing = repo.list_where(&|status| query.wants_status(schema, status))?;
    for broken in &listing.broken {
        out.warn(&format!("skipped {broken} (run `tix check`)"));
    }
    Ok(listing)
}

pub fn run(ctx: &mut Context, args: &ListArgs) -> Result<(), CliError> {
    let (repo, out) = ctx.repo_and_out()?;
    let schema = &repo.config().schema;
    let query = args.query();
    let listing = listed(repo, out, &query)?;
    let shown = query.run(schema, &listing.tickets);
    let output = match args.format {
        Format::Table => {
            if shown.is_empty() {
                ctx.out.status("No tickets match.");
                return Ok(());
            }
            let every_id = listing.tickets.iter().map(|t| &t.id);
            let short = ShortIds::new(every_id.chain(&listing.skipped).collect());
            out.display(&render::summary_table(&shown, &short, schema, out.width));
            return Ok(());
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
