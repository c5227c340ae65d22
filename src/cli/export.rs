//! `tix export`: every ticket (or those the filters pick) as data, optionally with its history.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Context;
use super::list::{Filters, known, listed};
use super::render::{TicketDto, csv_row, document};
use crate::domain::event::{EventKind, TicketSnapshot, Timeline};
use crate::domain::field::Field;
use crate::domain::query::SortKey;
use crate::domain::ticket::Ticket;
use crate::domain::transfer::{Entry, Step, history};
use crate::domain::workflow::Workflow;
use crate::error::CliError;
use crate::output::Format;
use crate::report::sla::instant;

/// Write tickets out as JSON, JSON Lines or CSV, optionally with their whole history
///
/// Every ticket by default, finished ones included (unlike `tix list`); the filters narrow it
/// as in `tix list`. Tickets are read as committed and as they are in the working tree; the
/// history comes from Git. `--with-history` adds each ticket's events (creation, status,
/// priority and field changes, comments with their times, ratings) with their times and
/// actors: the record `tix import` replays. README "Export and import" documents the record.
///
/// Examples:
///   tix export > desk.json
///   tix export --with-history --format jsonl > desk.jsonl
///   tix export --format csv --status resolved,closed > done.csv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: Filters,

    /// Only unfinished tickets (what `tix list` shows)
    #[arg(long)]
    pub open: bool,

    /// Add each ticket's history (JSON and JSON Lines only)
    #[arg(long)]
    pub with_history: bool,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One document: `{"version": 1, "tickets": [...]}`
    Json,
    /// One ticket record per line
    Jsonl,
    /// A header row, one row per ticket, custom fields as `field.NAME` columns
    Csv,
}

pub fn run(ctx: &mut Context, args: &ExportArgs) -> Result<(), CliError> {
    if args.with_history && args.format == ExportFormat::Csv {
        return Err(CliError::input(
            "--with-history needs --format json or jsonl: a CSV row has no room for a history",
        ));
    }
    ctx.repo()?;
    let (repo, out) = (ctx.repo_ref()?, &ctx.out);
    let schema = &repo.config().schema;
    let query = args
        .filters
        .query(ctx, repo, !args.open, SortKey::Id, None)?;
    let listing = listed(repo, out, &query)?;
    let facts = known(repo, &query, &listing.tickets, false, ctx.clock.now_utc())?;
    let tickets: Vec<Ticket> = query
        .run(schema, &listing.tickets, &|id| {
            facts.get(id).copied().unwrap_or_default()
        })
        .into_iter()
        .map(|s| repo.load(&s.id))
        .collect::<Result<_, _>>()?;
    let timelines = repo.timelines()?;
    let empty = Timeline::default();
    let timeline = |t: &Ticket| timelines.get(t.id.as_str()).unwrap_or(&empty);
    let text = match args.format {
        ExportFormat::Csv => csv(&tickets, |t| timeline(t), &schema.workflow),
        ExportFormat::Json => {
            #[derive(Serialize)]
            struct ExportDoc<'a> {
                tickets: Vec<Record<'a>>,
            }
            let records = tickets
                .iter()
                .map(|t| Record::new(t, timeline(t), args.with_history))
                .collect();
            document(Format::Json, ExportDoc { tickets: records })?
        }
        ExportFormat::Jsonl => {
            let mut lines = String::new();
            for t in &tickets {
                let record = Record::new(t, timeline(t), args.with_history);
                let line = serde_json::to_string(&record).map_err(|e| {
                    CliError::internal(format!("cannot write the output as JSON: {e}"))
                })?;
                lines.push_str(&line);
                lines.push('\n');
            }
            lines
        }
    };
    ctx.out.data(&text);
    Ok(())
}

/// One exported ticket: `tix show --format json`'s fields, when and by whom it was created,
/// and with `--with-history` its events.
#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    ticket: TicketDto<'a>,
    created_at: Option<String>,
    created_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<EntryDto<'a>>>,
}

impl<'a> Record<'a> {
    fn new(ticket: &'a Ticket, timeline: &'a Timeline, with_history: bool) -> Self {
        let created = timeline.events.first();
        Record {
            ticket: TicketDto::from(ticket),
            created_at: created.map(|e| instant(e.at)),
            created_by: created.map(|e| &*e.actor),
            history: with_history.then(|| {
                history(ticket, timeline)
                    .iter()
                    .map(EntryDto::from)
                    .collect()
            }),
        }
    }
}

/// One history entry: `at`, `actor`, `kind` and the kind's own keys.
#[derive(Serialize)]
struct EntryDto<'a> {
    at: String,
    actor: &'a str,
    #[serde(flatten)]
    change: StepDto<'a>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum StepDto<'a> {
    Created {
        ticket: SnapshotDto<'a>,
    },
    Status {
        from: &'a str,
        to: &'a str,
    },
    Priority {
        from: &'a str,
        to: &'a str,
    },
    Field {
        field: &'a str,
        from: Option<&'a str>,
        to: Option<&'a str>,
    },
    Comment {
        author: &'a str,
        internal: bool,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        automated: bool,
        /// `null` when a hand edit rewrote the comments and this one cannot be told.
        body: Option<&'a str>,
    },
    Rated {
        score: Option<u8>,
    },
    Deleted,
}

#[derive(Serialize)]
struct SnapshotDto<'a> {
    title: &'a str,
    #[serde(rename = "type")]
    ticket_type: &'a str,
    status: &'a str,
    priority: &'a str,
    category: Option<&'a str>,
    requester: Option<&'a str>,
    assignee: Option<&'a str>,
    team: Option<&'a str>,
    tags: Vec<&'a str>,
}

impl<'a> From<&'a TicketSnapshot> for SnapshotDto<'a> {
    fn from(s: &'a TicketSnapshot) -> Self {
        SnapshotDto {
            title: &s.title,
            ticket_type: &s.ticket_type,
            status: &s.status,
            priority: &s.priority,
            category: s.category.as_deref(),
            requester: s.requester.as_deref(),
            assignee: s.assignee.as_deref(),
            team: s.team.as_deref(),
            tags: s
                .tags
                .as_deref()
                .map(|t| t.split(", ").collect())
                .unwrap_or_default(),
        }
    }
}

impl<'a> From<&Entry<'a>> for EntryDto<'a> {
    fn from(e: &Entry<'a>) -> Self {
        let change = match &e.change {
            Step::Created(s) => StepDto::Created {
                ticket: SnapshotDto::from(*s),
            },
            Step::Status { from, to } => StepDto::Status { from, to },
            Step::Priority { from, to } => StepDto::Priority { from, to },
            Step::Field { field, from, to } => StepDto::Field {
                field,
                from: *from,
                to: *to,
            },
            Step::Comment {
                author,
                internal,
                automated,
                comment,
            } => StepDto::Comment {
                author,
                internal: *internal,
                automated: *automated,
                body: comment.map(|c| c.body.as_str()),
            },
            Step::Rated { score } => StepDto::Rated { score: *score },
            Step::Deleted => StepDto::Deleted,
        };
        EntryDto {
            at: instant(e.at),
            actor: e.actor,
            change,
        }
    }
}

/// The CSV export: `id`, every built-in field (tags joined by `;`), when and by whom the ticket
/// was created, when it entered its current status if that is a finished one (`resolved_at`)
/// or the status of `tix close` (`closed_at`), its rating and comment count, then one
/// `field.NAME` column per custom field: the flat shape other desks export, too.
fn csv<'t>(
    tickets: &'t [Ticket],
    timeline: impl Fn(&'t Ticket) -> &'t Timeline,
    workflow: &Workflow,
) -> String {
    let keys: BTreeSet<&String> = tickets.iter().flat_map(|t| t.fields.keys()).collect();
    let mut header: Vec<String> = vec!["id".into()];
    header.extend(Field::ALL.iter().map(|f| f.name().to_string()));
    header.extend(
        [
            "created_at",
            "created_by",
            "resolved_at",
            "closed_at",
            "rating",
            "comment_count",
        ]
        .map(String::from),
    );
    header.extend(keys.iter().map(|k| format!("field.{k}")));
    let mut out = csv_row(&header);
    for t in tickets {
        let tl = timeline(t);
        let mut row = vec![t.id.to_string()];
        row.extend(
            Field::ALL
                .iter()
                .map(|f| f.of(t).joined(";").unwrap_or_default()),
        );
        let created = tl.events.first();
        row.push(created.map(|e| instant(e.at)).unwrap_or_default());
        row.push(created.map(|e| e.actor.to_string()).unwrap_or_default());
        let entered = |wanted: bool| {
            wanted
                .then(|| entered_status(tl, &t.status))
                .flatten()
                .map(instant)
                .unwrap_or_default()
        };
        row.push(entered(workflow.is_done(&t.status)));
        row.push(entered(t.status == workflow.commands.close));
        row.push(
            t.rating
                .as_ref()
                .map(|r| r.score.to_string())
                .unwrap_or_default(),
        );
        row.push(t.comments.len().to_string());
        row.extend(
            keys.iter()
                .map(|k| t.fields.get(*k).cloned().unwrap_or_default()),
        );
        out.push_str(&csv_row(&row));
    }
    out
}

/// When the ticket last entered `status`.
fn entered_status(timeline: &Timeline, status: &str) -> Option<DateTime<Utc>> {
    timeline
        .events
        .iter()
        .rev()
        .find(|e| match &e.kind {
            EventKind::StatusChanged { to, .. } => &**to == status,
            EventKind::Created(s) => &*s.status == status,
            _ => false,
        })
        .map(|e| e.at)
}
