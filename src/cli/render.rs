//! Rendering tickets for people (tables, text) and for programs (JSON, CSV, YAML).
//!
//! The JSON documents are a public contract (README "Machine-readable output"): they are built
//! from the DTO structs below, never from domain or storage structs, so internal refactors cannot
//! change them. Adding a field is fine; renaming or removing one is a breaking change.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::field::Field;
use crate::domain::id::{ShortIds, TicketId};
use crate::domain::query::Known;
use crate::domain::text::escape_controls;
use crate::domain::ticket::{Schema, Ticket, TicketSummary};
use crate::error::CliError;
use crate::output::{Format, Style, Styled};
use crate::report::table::{self, Cell, Column, Fit};

/// Version of every JSON document tix prints.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct SummaryDto<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(rename = "type")]
    pub ticket_type: &'a str,
    pub status: &'a str,
    pub priority: &'a str,
    pub category: Option<&'a str>,
    pub requester: Option<&'a str>,
    pub assignee: Option<&'a str>,
    pub team: Option<&'a str>,
    pub tags: &'a [String],
    pub due: Option<&'a str>,
    pub fields: &'a BTreeMap<String, String>,
    pub comment_count: usize,
    pub impact: Option<&'a str>,
    pub urgency: Option<&'a str>,
    pub asset: Option<&'a str>,
    pub template: Option<&'a str>,
    pub kb: &'a [String],
    pub links: BTreeMap<&'static str, Vec<&'a str>>,
}

impl<'a> From<&'a TicketSummary> for SummaryDto<'a> {
    fn from(t: &'a TicketSummary) -> SummaryDto<'a> {
        SummaryDto {
            id: t.id.as_str(),
            title: &t.title,
            ticket_type: &t.ticket_type,
            status: &t.status,
            priority: &t.priority,
            category: t.category.as_deref(),
            requester: t.requester.as_deref(),
            assignee: t.assignee.as_deref(),
            team: t.team.as_deref(),
            tags: &t.tags,
            due: t.due.as_deref(),
            fields: &t.fields,
            comment_count: t.comment_count,
            impact: t.impact.as_deref(),
            urgency: t.urgency.as_deref(),
            asset: t.asset.as_deref(),
            template: t.template.as_deref(),
            kb: &t.kb,
            links: links_dto(&t.links),
        }
    }
}

#[derive(Serialize)]
pub struct CommentDto<'a> {
    pub author: &'a str,
    pub internal: bool,
    /// Only when true: written by a machine, never counted by the SLA clocks.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub automated: bool,
    pub body: &'a str,
}

#[derive(Serialize)]
pub struct TicketDto<'a> {
    pub id: &'a str,
    pub title: &'a str,
    #[serde(rename = "type")]
    pub ticket_type: &'a str,
    pub status: &'a str,
    pub priority: &'a str,
    pub category: Option<&'a str>,
    pub requester: Option<&'a str>,
    pub assignee: Option<&'a str>,
    pub team: Option<&'a str>,
    pub tags: &'a [String],
    pub due: Option<&'a str>,
    pub description: Option<&'a str>,
    pub resolution: Option<&'a str>,
    pub fields: &'a BTreeMap<String, String>,
    pub comments: Vec<CommentDto<'a>>,
    pub impact: Option<&'a str>,
    pub urgency: Option<&'a str>,
    /// Escalation levels and timed rules that fired, by key.
    pub escalations: &'a [String],
    pub rating: Option<RatingDto<'a>>,
    pub asset: Option<&'a str>,
    pub template: Option<&'a str>,
    /// Knowledge-base articles used to resolve it.
    pub kb: &'a [String],
    /// Links by kind (`parent`, `children`, `related`, `duplicate_of`, `duplicates`, `blocks`,
    /// `blocked_by`), each a list of IDs; kinds without links are left out.
    pub links: BTreeMap<&'static str, Vec<&'a str>>,
}

#[derive(Serialize)]
pub struct RatingDto<'a> {
    pub score: u8,
    pub comment: Option<&'a str>,
    pub by: &'a str,
    pub on_behalf: bool,
}

impl<'a> From<&'a Ticket> for TicketDto<'a> {
    fn from(t: &'a Ticket) -> TicketDto<'a> {
        TicketDto {
            id: t.id.as_str(),
            title: &t.title,
            ticket_type: &t.ticket_type,
            status: &t.status,
            priority: &t.priority,
            category: t.category.as_deref(),
            requester: t.requester.as_deref(),
            assignee: t.assignee.as_deref(),
            team: t.team.as_deref(),
            tags: &t.tags,
            due: t.due.as_deref(),
            description: t.description.as_deref(),
            resolution: t.resolution.as_deref(),
            fields: &t.fields,
            comments: t
                .comments
                .iter()
                .map(|c| CommentDto {
                    author: &c.author,
                    internal: c.internal,
                    automated: c.automated,
                    body: &c.body,
                })
                .collect(),
            impact: t.impact.as_deref(),
            urgency: t.urgency.as_deref(),
            escalations: &t.escalations,
            rating: t.rating.as_ref().map(|r| RatingDto {
                score: r.score,
                comment: r.comment.as_deref(),
                by: &r.by,
                on_behalf: r.on_behalf,
            }),
            asset: t.asset.as_deref(),
            template: t.template.as_deref(),
            kb: &t.kb,
            links: links_dto(&t.links),
        }
    }
}

/// Links as JSON has them: kind name → IDs.
pub fn links_dto(links: &crate::domain::link::Links) -> BTreeMap<&'static str, Vec<&str>> {
    let mut out: BTreeMap<&'static str, Vec<&str>> = BTreeMap::new();
    for (kind, id) in links.iter() {
        out.entry(kind.name()).or_default().push(id.as_str());
    }
    out
}

#[derive(Serialize)]
struct Document<T: Serialize> {
    version: u32,
    #[serde(flatten)]
    body: T,
}

/// Serialises `body` (a struct whose fields become top-level keys) with `"version": 1`.
///
/// # Errors
/// Only if serde fails, which plain DTOs do not.
pub fn document<T: Serialize>(format: Format, body: T) -> Result<String, CliError> {
    let doc = Document {
        version: JSON_VERSION,
        body,
    };
    let text = match format {
        Format::Yaml => serde_yaml_ng::to_string(&doc).map_err(|e| serialise_failed("YAML", e))?,
        _ => serde_json::to_string_pretty(&doc).map_err(|e| serialise_failed("JSON", e))? + "\n",
    };
    Ok(text)
}

/// Output that cannot be serialised is a bug in tix (every DTO is plain data), not bad input.
fn serialise_failed(format: &str, e: impl std::error::Error + Send + Sync + 'static) -> CliError {
    CliError::internal(format!("cannot write the output as {format}: {e}")).with_source(e)
}

/// A column of `tix list`'s table (`--columns`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListColumn {
    Id,
    #[value(alias = "pri")]
    Priority,
    Status,
    Type,
    Assignee,
    Category,
    Title,
    Requester,
    Team,
    Tags,
    Due,
    /// When history says it was created (UTC date)
    Created,
    /// When history says it last changed (UTC date)
    Updated,
}

impl ListColumn {
    /// The columns `tix list` shows, in order.
    pub const SHOWN: [ListColumn; 7] = [
        ListColumn::Id,
        ListColumn::Priority,
        ListColumn::Status,
        ListColumn::Type,
        ListColumn::Assignee,
        ListColumn::Category,
        ListColumn::Title,
    ];

    fn header(self) -> &'static str {
        match self {
            ListColumn::Id => "ID",
            ListColumn::Priority => "PRI",
            ListColumn::Status => "STATUS",
            ListColumn::Type => "TYPE",
            ListColumn::Assignee => "ASSIGNEE",
            ListColumn::Category => "CATEGORY",
            ListColumn::Title => "TITLE",
            ListColumn::Requester => "REQUESTER",
            ListColumn::Team => "TEAM",
            ListColumn::Tags => "TAGS",
            ListColumn::Due => "DUE",
            ListColumn::Created => "CREATED",
            ListColumn::Updated => "UPDATED",
        }
    }

    /// Whether the column needs what history says ([`Known`]).
    pub fn needs_history(self) -> bool {
        matches!(self, ListColumn::Created | ListColumn::Updated)
    }

    /// How the column gives way on a narrow terminal: the type goes first (most desks have one
    /// or two), then the category, then the assignee; ID, priority and status always stay, and
    /// the title is cut to what is left.
    fn fit(self) -> Fit {
        match self {
            ListColumn::Id | ListColumn::Priority | ListColumn::Status => Fit::Keep,
            ListColumn::Type => Fit::Drop(1),
            ListColumn::Category => Fit::Drop(2),
            ListColumn::Assignee => Fit::Drop(3),
            ListColumn::Tags => Fit::Drop(4),
            ListColumn::Team => Fit::Drop(5),
            ListColumn::Requester => Fit::Drop(6),
            ListColumn::Due => Fit::Drop(7),
            ListColumn::Updated => Fit::Drop(8),
            ListColumn::Created => Fit::Drop(9),
            ListColumn::Title => Fit::Shrink,
        }
    }

    fn cell<'a>(
        self,
        t: &'a TicketSummary,
        short: &ShortIds<'_>,
        schema: &Schema,
        known: &Known,
    ) -> Cell<'a> {
        fn or_dash(v: &Option<String>) -> Cow<'_, str> {
            Cow::Borrowed(v.as_deref().unwrap_or("-"))
        }
        let date = |at: Option<i64>| {
            at.and_then(|at| chrono::DateTime::from_timestamp(at, 0))
                .map_or_else(|| "-".to_string(), |t| t.format("%Y-%m-%d").to_string())
        };
        match self {
            ListColumn::Id => Cell::plain(short.get(&t.id)),
            ListColumn::Priority => Cell::new(
                t.priority.as_str(),
                priority_style(&schema.priorities, &t.priority),
            ),
            ListColumn::Status => Cell::new(t.status.as_str(), status_style(schema, &t.status)),
            ListColumn::Type => Cell::plain(t.ticket_type.as_str()),
            ListColumn::Assignee => Cell::plain(or_dash(&t.assignee)),
            ListColumn::Category => Cell::plain(or_dash(&t.category)),
            ListColumn::Title => Cell::plain(t.title.as_str()),
            ListColumn::Requester => Cell::plain(or_dash(&t.requester)),
            ListColumn::Team => Cell::plain(or_dash(&t.team)),
            ListColumn::Tags if t.tags.is_empty() => Cell::plain("-"),
            ListColumn::Tags => Cell::plain(t.tags.join(",")),
            ListColumn::Due => Cell::plain(or_dash(&t.due)),
            ListColumn::Created => Cell::plain(date(known.created)),
            ListColumn::Updated => Cell::plain(date(known.updated)),
        }
    }
}

/// What a priority means for colour: the most urgent configured one stands out, the next one is
/// raised, the rest are plain.
pub fn priority_style(priorities: &[String], priority: &str) -> Style {
    match priorities.iter().position(|p| p == priority) {
        Some(0) => Style::Urgent,
        Some(1) => Style::Raised,
        _ => Style::Plain,
    }
}

/// Finished statuses (done or cancelled) are dimmed; the others are what needs work.
pub fn status_style(schema: &Schema, status: &str) -> Style {
    if schema.workflow.is_done(status) {
        Style::Dim
    } else {
        Style::Plain
    }
}

/// `tix list` as a table: shortest unique IDs, then the columns people scan. A finished
/// ticket's row is dimmed as a whole (its priority no longer urges anything).
pub fn summary_table(
    tickets: &[&TicketSummary],
    shown: &[ListColumn],
    short: &ShortIds<'_>,
    schema: &Schema,
    known: &dyn Fn(&TicketId) -> Known,
    width: Option<u16>,
) -> Styled {
    let columns: Vec<Column<'_>> = shown
        .iter()
        .map(|c| Column {
            header: c.header(),
            fit: c.fit(),
        })
        .collect();
    let rows: Vec<Vec<Cell<'_>>> = tickets
        .iter()
        .map(|t| {
            let done = schema.workflow.is_done(&t.status);
            let facts = known(&t.id);
            shown
                .iter()
                .map(|c| {
                    let mut cell = c.cell(t, short, schema, &facts);
                    if done {
                        cell.style = Style::Dim;
                    }
                    cell
                })
                .collect()
        })
        .collect();
    table::layout(&columns, &rows, width)
}

/// The built-in columns of `tix list --format csv`, after `id` (a stable contract: new fields
/// are appended, never inserted).
const CSV_FIELDS: [Field; 10] = [
    Field::Title,
    Field::Type,
    Field::Status,
    Field::Priority,
    Field::Category,
    Field::Requester,
    Field::Assignee,
    Field::Team,
    Field::Tags,
    Field::Due,
];

/// `tix list --format csv`: a header row, then one row per ticket; custom fields as `field.KEY`.
pub fn summary_csv(tickets: &[&TicketSummary]) -> String {
    let keys: std::collections::BTreeSet<&String> =
        tickets.iter().flat_map(|t| t.fields.keys()).collect();
    let mut header: Vec<String> = vec!["id".into()];
    header.extend(CSV_FIELDS.iter().map(|f| f.name().to_string()));
    header.push("comment_count".into());
    header.extend(keys.iter().map(|k| format!("field.{k}")));
    let mut out = csv_row(&header);
    for t in tickets {
        let mut row = vec![t.id.to_string()];
        row.extend(CSV_FIELDS.iter().map(|f| {
            f.of_summary(t)
                .and_then(|v| v.joined(";"))
                .unwrap_or_default()
        }));
        row.push(t.comment_count.to_string());
        row.extend(
            keys.iter()
                .map(|k| t.fields.get(*k).cloned().unwrap_or_default()),
        );
        out.push_str(&csv_row(&row));
    }
    out
}

/// One RFC 4180 row.
pub fn csv_row(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    quoted.join(",") + "\n"
}

/// A ticket's `due` for people: an instant in the viewer's zone with the zone's name, a bare
/// date as it is (a day has no zone).
pub fn due_label(due: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(due) {
        Ok(t) => crate::clock::local_time(t.with_timezone(&chrono::Utc)),
        Err(_) => due.to_string(),
    }
}

/// What `tix show` knows beside the ticket file.
pub struct TicketContext<'a> {
    pub schema: &'a Schema,
    /// The priority the priority matrix gives for the ticket's impact and urgency, shown as an
    /// override when the ticket's priority differs.
    pub matrix: Option<&'a str>,
    /// When each comment was added (from history), in the file's order; shorter, or `None`
    /// entries, where history cannot tell.
    pub comment_times: &'a [Option<chrono::DateTime<chrono::Utc>>],
    /// The linked tickets, as loaded (title and status; `None` when the file is gone).
    pub linked: &'a [Linked],
}

/// A ticket at the other end of a link, for `tix show`.
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    #[serde(serialize_with = "kind_name")]
    pub kind: crate::domain::link::LinkKind,
    pub id: String,
    pub title: Option<String>,
    pub status: Option<String>,
}

fn kind_name<S: serde::Serializer>(
    kind: &crate::domain::link::LinkKind,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name())
}

/// The ticket as text.
pub fn ticket_text(t: &Ticket, cx: &TicketContext<'_>) -> Styled {
    let mut out = Styled::new();
    out.push(
        Style::Heading,
        &format!("{}  {}", t.id, escape_controls(&t.title, false)),
    );
    out.plain("\n");
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let priority = match cx.matrix {
        Some(m) if m != t.priority => format!("{} (override; matrix says {m})", t.priority),
        _ => t.priority.clone(),
    };
    let mut rows: Vec<(&str, String, Style)> = vec![
        (
            "status",
            t.status.clone(),
            status_style(cx.schema, &t.status),
        ),
        (
            "priority",
            priority,
            priority_style(&cx.schema.priorities, &t.priority),
        ),
    ];
    let plain = |key, value| (key, value, Style::Plain);
    if let Some(impact) = &t.impact {
        rows.push(plain("impact", impact.clone()));
    }
    if let Some(urgency) = &t.urgency {
        rows.push(plain("urgency", urgency.clone()));
    }
    rows.extend([
        plain("type", t.ticket_type.clone()),
        plain("category", opt(&t.category)),
        plain("requester", opt(&t.requester)),
        plain("assignee", opt(&t.assignee)),
        plain("team", opt(&t.team)),
    ]);
    if !t.tags.is_empty() {
        rows.push(plain("tags", t.tags.join(", ")));
    }
    if let Some(due) = &t.due {
        rows.push(plain("due", due_label(due)));
    }
    for (key, value) in &t.fields {
        rows.push((key.as_str(), value.clone(), Style::Plain));
    }
    if !t.escalations.is_empty() {
        rows.push(plain("escalations", t.escalations.join(", ")));
    }
    if let Some(asset) = &t.asset {
        rows.push(plain("asset", asset.clone()));
    }
    if let Some(template) = &t.template {
        rows.push(plain("template", template.clone()));
    }
    if !t.kb.is_empty() {
        rows.push(plain("kb", t.kb.join(", ")));
    }
    let key_width = rows.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
    // One line per field, whatever a hand edit put in the value.
    for (key, value, style) in rows {
        out.plain(&format!("  {key:<key_width$}  "));
        out.push(style, &escape_controls(&value, false));
        out.plain("\n");
    }
    let block = |title: &str, text: &str| {
        let mut s = format!("\n{title}:\n");
        for line in text.lines() {
            s.push_str(&format!("  {line}\n").replace("  \n", "\n"));
        }
        s
    };
    if !cx.linked.is_empty() {
        out.plain("\nLinks:\n");
        let width = cx
            .linked
            .iter()
            .map(|l| l.kind.label().len())
            .max()
            .unwrap_or(0);
        for l in cx.linked {
            out.plain(&format!("  {:<width$}  {}  ", l.kind.label(), l.id));
            match (&l.status, &l.title) {
                (Some(status), Some(title)) => {
                    out.push(status_style(cx.schema, status), status);
                    out.plain(&format!("  {}\n", escape_controls(title, false)));
                }
                _ => out.push(Style::Warn, "(no such ticket)\n"),
            }
        }
    }
    if let Some(d) = &t.description {
        out.plain(&block("Description", d));
    }
    if !t.comments.is_empty() {
        out.plain(&format!("\nComments ({}):\n", t.comments.len()));
        for (i, c) in t.comments.iter().enumerate() {
            out.plain(&format!(
                "  [{}] {}",
                i + 1,
                escape_controls(&c.author, false)
            ));
            if let Some(Some(at)) = cx.comment_times.get(i) {
                out.push(Style::Dim, &format!(", {}", crate::clock::local_time(*at)));
            }
            match (c.internal, c.automated) {
                (true, _) => out.push(Style::Warn, " (internal)"),
                (false, true) => out.push(Style::Dim, " (automated)"),
                (false, false) => {}
            }
            out.plain(":\n");
            for line in c.body.lines() {
                out.plain(&format!("      {line}\n").replace("      \n", "\n"));
            }
        }
    }
    if let Some(r) = &t.resolution {
        out.plain(&block("Resolution", r));
    }
    if let Some(r) = &t.rating {
        let behalf = if r.on_behalf {
            ", on the requester's behalf"
        } else {
            ""
        };
        out.plain(&format!(
            "\nRating: {}/5 by {}{behalf}\n",
            r.score,
            escape_controls(&r.by, false)
        ));
        if let Some(comment) = &r.comment {
            for line in comment.lines() {
                out.plain(&format!("  {}\n", escape_controls(line, false)));
            }
        }
    }
    out
}
