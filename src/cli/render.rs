//! Rendering tickets for people (tables, text) and for programs (JSON, CSV, YAML).
//!
//! The JSON documents are a public contract (README "Machine-readable output"): they are built
//! from the DTO structs below, never from domain or storage structs, so internal refactors cannot
//! change them. Adding a field is fine; renaming or removing one is a breaking change.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::field::Field;
use crate::domain::id::ShortIds;
use crate::domain::text::escape_controls;
use crate::domain::ticket::{Ticket, TicketSummary};
use crate::error::CliError;
use crate::output::Format;
use crate::report::table;

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
        }
    }
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

/// `tix list` as a table: shortest unique IDs, then the columns people scan.
pub fn summary_table(
    tickets: &[&TicketSummary],
    short: &ShortIds<'_>,
    width: Option<u16>,
) -> String {
    fn or_dash(v: &Option<String>) -> Cow<'_, str> {
        Cow::Borrowed(v.as_deref().unwrap_or("-"))
    }
    let rows: Vec<Vec<Cow<'_, str>>> = tickets
        .iter()
        .map(|t| {
            vec![
                Cow::Owned(short.get(&t.id)),
                Cow::Borrowed(t.priority.as_str()),
                Cow::Borrowed(t.status.as_str()),
                Cow::Borrowed(t.ticket_type.as_str()),
                or_dash(&t.assignee),
                or_dash(&t.category),
                Cow::Borrowed(t.title.as_str()),
            ]
        })
        .collect();
    table::render(
        &[
            "ID", "PRI", "STATUS", "TYPE", "ASSIGNEE", "CATEGORY", "TITLE",
        ],
        &rows,
        width,
    )
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

/// The ticket as text; `matrix` is the priority the priority matrix gives for its impact and
/// urgency, shown as an override when the ticket's priority differs.
pub fn ticket_text_with(t: &Ticket, matrix: Option<&str>) -> String {
    let mut out = format!("{}  {}\n", t.id, escape_controls(&t.title, false));
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let priority = match matrix {
        Some(m) if m != t.priority => format!("{} (override; matrix says {m})", t.priority),
        _ => t.priority.clone(),
    };
    let mut rows: Vec<(&str, String)> = vec![("status", t.status.clone()), ("priority", priority)];
    if let Some(impact) = &t.impact {
        rows.push(("impact", impact.clone()));
    }
    if let Some(urgency) = &t.urgency {
        rows.push(("urgency", urgency.clone()));
    }
    rows.extend([
        ("type", t.ticket_type.clone()),
        ("category", opt(&t.category)),
        ("requester", opt(&t.requester)),
        ("assignee", opt(&t.assignee)),
        ("team", opt(&t.team)),
    ]);
    if !t.tags.is_empty() {
        rows.push(("tags", t.tags.join(", ")));
    }
    if let Some(due) = &t.due {
        rows.push(("due", due.clone()));
    }
    for (key, value) in &t.fields {
        rows.push((key.as_str(), value.clone()));
    }
    if !t.escalations.is_empty() {
        rows.push(("escalations", t.escalations.join(", ")));
    }
    let key_width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    // One line per field, whatever a hand edit put in the value.
    for (key, value) in rows {
        out.push_str(&format!(
            "  {key:<key_width$}  {}\n",
            escape_controls(&value, false)
        ));
    }
    let block = |title: &str, text: &str| {
        let mut s = format!("\n{title}:\n");
        for line in text.lines() {
            s.push_str(&format!("  {line}\n").replace("  \n", "\n"));
        }
        s
    };
    if let Some(d) = &t.description {
        out.push_str(&block("Description", d));
    }
    if !t.comments.is_empty() {
        out.push_str(&format!("\nComments ({}):\n", t.comments.len()));
        for (i, c) in t.comments.iter().enumerate() {
            let kind = match (c.internal, c.automated) {
                (true, _) => " (internal)",
                (false, true) => " (automated)",
                (false, false) => "",
            };
            out.push_str(&format!(
                "  [{}] {}{kind}:\n",
                i + 1,
                escape_controls(&c.author, false)
            ));
            for line in c.body.lines() {
                out.push_str(&format!("      {line}\n").replace("      \n", "\n"));
            }
        }
    }
    if let Some(r) = &t.resolution {
        out.push_str(&block("Resolution", r));
    }
    if let Some(r) = &t.rating {
        let behalf = if r.on_behalf {
            ", on the requester's behalf"
        } else {
            ""
        };
        out.push_str(&format!(
            "\nRating: {}/5 by {}{behalf}\n",
            r.score,
            escape_controls(&r.by, false)
        ));
        if let Some(comment) = &r.comment {
            for line in comment.lines() {
                out.push_str(&format!("  {}\n", escape_controls(line, false)));
            }
        }
    }
    out
}
