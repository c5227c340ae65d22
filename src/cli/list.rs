//! `tix list`: the tickets that match filters, as a table or data.

use std::collections::HashMap;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Context;
use super::render::{self, SummaryDto};
use crate::domain::id::{ShortIds, TicketId};
use crate::domain::query::{self, Field, Filter, Known, Person, Query, Role, Test, TextPattern};
use crate::domain::ticket::TicketSummary;
use crate::error::{CliError, ErrorKind};
use crate::output::Format;
use crate::store::Repo;

/// List tickets
///
/// Shows tickets that are not done (not resolved or closed) unless --all, a status or `is:done`
/// says otherwise, most urgent first. Filters combine with AND; a filter given several values
/// (repeated or comma-separated) matches any of them. IDs are shortened to the shortest unique
/// prefix; every command accepts that prefix.
///
/// The QUERY words are the query language (`tix help query` lists every key):
///   tix list status:open assignee:@me priority:P1,P2 -tag:vip created:>7d '"printer"'
///   tix list -- -tag:vip is:open    after --, a word may start with - (a negation)
///   tix list @mine                  a saved view (`views:` in .tix/config.yaml)
///   tix list --grep 'disk (full|space)' --all
/// Bare words and "quoted phrases" are searched for in the title, description, comments and
/// resolution, as --grep does, with ripgrep's smart case (upper case makes it case-sensitive).
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: Filters,

    /// Include resolved and closed tickets
    #[arg(short, long)]
    pub all: bool,

    /// Sort order
    #[arg(long, value_enum, default_value_t = SortKey::Priority)]
    pub sort: SortKey,

    /// Reverse the sort order (tickets lacking the sorted time stay last)
    #[arg(long)]
    pub reverse: bool,

    /// The table's columns, in order (default: id,priority,status,type,assignee,category,title;
    /// also requester, team, tags, due, created, updated: the last two from history)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "COLUMN,...")]
    pub columns: Vec<render::ListColumn>,

    /// Show at most N tickets (N >= 1)
    #[arg(short = 'n', long, value_name = "N", value_parser = super::values::at_least_one)]
    pub limit: Option<usize>,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The filters `tix list` and `tix export` share.
#[derive(Debug, Args)]
pub struct Filters {
    /// Query words, as `status:open assignee:@me "printer"`, or `@VIEW` (see `tix help query`).
    /// A word starting with `-` (a negation) goes after `--` or inside one quoted query:
    /// `tix list -- -tag:vip` or `tix list 'status:open -tag:vip'`
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Only these statuses (implies tickets in done statuses are included if named)
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,

    /// Only tickets assigned to one of these: a name, an email, "Name <email>", @me (you), or
    /// `-` for unassigned
    #[arg(long, value_delimiter = ',', value_name = "WHO")]
    pub assignee: Vec<String>,

    /// Only tickets requested by one of these (a name, an email, "Name <email>" or @me)
    #[arg(long, value_delimiter = ',', value_name = "WHO")]
    pub requester: Vec<String>,

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

    /// Only tickets whose title, description, comments or resolution match this regular
    /// expression (smart case: case-insensitive unless it has an upper-case letter)
    #[arg(long, value_name = "PATTERN")]
    pub grep: Vec<String>,
}

impl Filters {
    /// The query these filters and query words stand for, its people looked up (`@me`, agents
    /// by name or email) and its values checked against the config.
    ///
    /// # Errors
    /// A query word that cannot be read, an unknown status, priority or type, a bad --grep
    /// pattern, or `@me` without a known actor.
    pub fn query(
        &self,
        ctx: &Context,
        repo: &Repo,
        all: bool,
        sort: query::SortKey,
        limit: Option<usize>,
    ) -> Result<Query, CliError> {
        let mut query = Query {
            filters: parse_words(ctx, repo, &self.query.join(" "))?,
            all,
            sort,
            limit,
            reverse: false,
        };
        let values = |field: Field, flag: &str, values: &[String]| {
            Filter::new(
                Test::Values {
                    field,
                    values: values.to_vec(),
                },
                flag,
            )
        };
        let people = |role, flag: &str, written: &[String]| {
            let people = written
                .iter()
                .map(|w| Person {
                    written: w.clone(),
                    forms: vec![w.clone()],
                })
                .collect();
            Filter::new(Test::People { role, people }, flag)
        };
        for (field, flag, list) in [
            (Field::Status, "--status", &self.status),
            (Field::Priority, "--priority", &self.priority),
            (Field::Category, "--category", &self.category),
            (Field::Type, "--type", &self.ticket_type),
            (Field::Team, "--team", &self.team),
        ] {
            if !list.is_empty() {
                query.and(values(field, flag, list));
            }
        }
        if !self.assignee.is_empty() {
            query.and(people(Role::Assignee, "--assignee", &self.assignee));
        }
        if !self.requester.is_empty() {
            query.and(people(Role::Requester, "--requester", &self.requester));
        }
        // --tag a,b requires both, as it always has.
        for tag in &self.tags {
            query.and(values(Field::Tag, "--tag", std::slice::from_ref(tag)));
        }
        for pattern in &self.grep {
            let text = TextPattern::regex(pattern)
                .map_err(|e| CliError::input(format!("--grep {pattern}: {e}")))?;
            query.and(Filter::new(Test::Text(text), "--grep"));
        }
        resolve_people(ctx, repo, &mut query)?;
        query
            .check(&repo.config().schema)
            .map_err(|e| CliError::from_error(ErrorKind::Input, e))?;
        Ok(query)
    }
}

/// Parses query-language `text` (views from the config, relative times from now), its people
/// looked up; for `--query` of the bulk commands too.
///
/// # Errors
/// As [`Filters::query`].
pub fn parse_query(ctx: &Context, repo: &Repo, text: &str) -> Result<Query, CliError> {
    let mut query = Query {
        filters: parse_words(ctx, repo, text)?,
        ..Query::default()
    };
    resolve_people(ctx, repo, &mut query)?;
    query
        .check(&repo.config().schema)
        .map_err(|e| CliError::from_error(ErrorKind::Input, e))?;
    Ok(query)
}

/// The filters of query-language `text`, views expanded, relative times from now.
fn parse_words(ctx: &Context, repo: &Repo, text: &str) -> Result<Vec<Filter>, CliError> {
    let views = &repo.config().views;
    let now = ctx.clock.now_utc().timestamp();
    query::parse(text, now, &|name| views.get(name).cloned()).map_err(|e| {
        CliError::input(e.to_string()).with_hint("`tix help query` lists the keys and forms")
    })
}

/// Fills in who `@me` is and the agents' other names (see [`Query::expand_people`]).
fn resolve_people(ctx: &Context, repo: &Repo, query: &mut Query) -> Result<(), CliError> {
    let me = ctx.actor().ok().map(|a| a.to_string());
    let config = repo.config();
    let agent = |who: &str| {
        config.agent(who).map(|a| match &a.email {
            Some(email) => format!("{} <{email}>", a.name),
            None => a.name.clone(),
        })
    };
    query.expand_people(me.as_deref(), &agent).map_err(|e| {
        CliError::input(e.to_string()).with_hint(
            "pass --actor \"Name <email>\", set TIX_ACTOR, or run git config user.name/user.email",
        )
    })
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
    /// Newest first (from history)
    Created,
    /// Most recently changed first (from history)
    Updated,
    /// Oldest first: the longest waiting (from history)
    Age,
    /// Soonest due date first; tickets without one last
    Due,
    /// Least SLA time left on a running clock first, breached ones most overdue first
    Sla,
}

#[derive(Serialize)]
struct ListDoc<'a> {
    tickets: Vec<ListedDto<'a>>,
}

/// A listed ticket in JSON and YAML: its summary, and when history says it was created and
/// last changed (RFC 3339, UTC; `null` for a file not yet committed).
#[derive(Serialize)]
struct ListedDto<'a> {
    #[serde(flatten)]
    summary: SummaryDto<'a>,
    created: Option<String>,
    updated: Option<String>,
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
            SortKey::Created => query::SortKey::Created,
            SortKey::Updated => query::SortKey::Updated,
            SortKey::Age => query::SortKey::Age,
            SortKey::Due => query::SortKey::Due,
            SortKey::Sla => query::SortKey::Sla,
        }
    }
}

/// The summaries of the tickets whose status (and text, for a search) `query` may select, in
/// ID order, and the IDs of the others; broken files are warned about and skipped (one must
/// not hide every other ticket; `tix check` is where it fails).
pub fn listed(
    repo: &crate::store::Repo,
    out: &crate::output::Output,
    query: &Query,
) -> Result<crate::store::Listing, CliError> {
    let schema = &repo.config().schema;
    let status = |status: &str| query.wants_status(schema, status);
    let text = |text: &str| query.wants_text(text);
    let listing = if query.searches_text() {
        repo.search_where(&status, Some(&text))?
    } else {
        repo.list_where(&status)?
    };
    for broken in &listing.broken {
        out.warn(&format!("skipped {broken} (run `tix check`)"));
    }
    Ok(listing)
}

/// What history says of each listed ticket, as far as `query` (or the output, `dates`) needs
/// it: nothing at all for a plain list, which then reads no history.
pub fn known(
    repo: &Repo,
    query: &Query,
    tickets: &[TicketSummary],
    dates: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<HashMap<TicketId, Known>, CliError> {
    let mut known: HashMap<TicketId, Known> = HashMap::new();
    if dates || query.needs_dates() {
        for (id, (created, updated)) in repo.ticket_dates()? {
            if let Ok(id) = TicketId::parse(&id) {
                let entry = known.entry(id).or_default();
                entry.created = Some(created);
                entry.updated = Some(updated);
            }
        }
    }
    if query.needs_sla() {
        let config = repo.config();
        let wanted: std::collections::HashSet<&str> =
            tickets.iter().map(|t| t.id.as_str()).collect();
        let selection = repo.timelines_where(&|o| wanted.contains(o.id))?;
        let engine = config.engine_context();
        for (id, timeline) in &selection.timelines {
            let sla = crate::sla::evaluate(timeline, &config.sla, &engine, now);
            let left = sla
                .clocks
                .iter()
                .filter(|c| c.is_active())
                .map(|c| c.remaining_secs)
                .min();
            if let Ok(id) = TicketId::parse(id) {
                known.entry(id).or_default().sla_left = left;
            }
        }
    }
    Ok(known)
}

pub fn run(ctx: &mut Context, args: &ListArgs) -> Result<(), CliError> {
    ctx.repo()?;
    let (repo, out) = (ctx.repo_ref()?, &ctx.out);
    let schema = &repo.config().schema;
    let query = args
        .filters
        .query(ctx, repo, args.all, args.sort.into(), args.limit)
        .map(|mut q| {
            q.reverse = args.reverse;
            q
        })?;
    let listing = listed(repo, out, &query)?;
    let columns: &[render::ListColumn] = if args.columns.is_empty() {
        &render::ListColumn::SHOWN
    } else {
        &args.columns
    };
    let data = matches!(args.format, Format::Json | Format::Yaml)
        || (args.format == Format::Table && columns.iter().any(|c| c.needs_history()));
    let known = known(repo, &query, &listing.tickets, data, ctx.clock.now_utc())?;
    let fact = |id: &TicketId| known.get(id).copied().unwrap_or_default();
    let shown = query.run(schema, &listing.tickets, &fact);
    let time = |at: Option<i64>| {
        at.and_then(|at| chrono::DateTime::from_timestamp(at, 0))
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    let output = match args.format {
        Format::Table => {
            if shown.is_empty() {
                ctx.out.status("No tickets match.");
                return Ok(());
            }
            let every_id = listing.tickets.iter().map(|t| &t.id);
            let short = ShortIds::new(every_id.chain(&listing.skipped).collect());
            out.display(&render::summary_table(
                &shown, columns, &short, schema, &fact, out.width,
            ));
            return Ok(());
        }
        Format::Csv => render::summary_csv(&shown),
        Format::Json | Format::Yaml => render::document(
            args.format,
            ListDoc {
                tickets: shown
                    .iter()
                    .map(|t| ListedDto {
                        summary: SummaryDto::from(*t),
                        created: time(fact(&t.id).created),
                        updated: time(fact(&t.id).updated),
                    })
                    .collect(),
            },
        )?,
    };
    ctx.out.data(&output);
    Ok(())
}
