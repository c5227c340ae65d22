//! `tix log`: a ticket's audit trail, read from Git history.

use chrono::Utc;
use clap::Args;
use serde::Serialize;

use super::Context;
use super::render::document;
use crate::domain::change::Change;
use crate::error::CliError;
use crate::output::Format;
use crate::store::history::Revision;

/// Show who changed a ticket, what, and when
///
/// Every commit that touched the ticket's file, oldest first, including edits made by hand and
/// committed with plain git. Times are commit author dates in the author's time zone.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Ticket ID or a unique prefix of it
    pub id: String,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json, Format::Yaml]))]
    pub format: Format,
}

#[derive(Serialize)]
struct LogDoc {
    ticket: String,
    entries: Vec<EntryDto>,
}

#[derive(Serialize)]
struct EntryDto {
    commit: String,
    at: String,
    author: String,
    subject: String,
    changes: Vec<ChangeDto>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum ChangeDto {
    Created,
    Field {
        field: String,
        from: Option<String>,
        to: Option<String>,
    },
    Comment {
        author: String,
        internal: bool,
    },
    CommentsRewritten,
    Deleted,
    Unparseable {
        error: String,
    },
}

pub fn run(ctx: &mut Context, args: &LogArgs) -> Result<(), CliError> {
    let (repo, out) = ctx.repo_and_out()?;
    let id = repo.resolve(&args.id)?;
    let revisions = repo.history(&id)?;
    if repo.is_shallow() {
        // The oldest commit shown may be the shallow boundary, not the ticket's creation.
        out.warn("this is a shallow clone: history before its boundary is missing, so the first entry may not be when the ticket was created; run git fetch --unshallow for the whole trail");
    }
    let entries: Vec<EntryDto> = revisions.iter().map(entry).collect();
    let text = match args.format {
        Format::Json | Format::Yaml => document(
            args.format,
            LogDoc {
                ticket: id.to_string(),
                entries,
            },
        )?,
        Format::Csv => return Err(CliError::input("tix log supports --format table or json")),
        Format::Table => {
            // Read in a pager on a terminal: a long-lived ticket's trail is long.
            ctx.out.display(&table(&revisions, &entries).into());
            return Ok(());
        }
    };
    ctx.out.data(&text);
    Ok(())
}

/// One revision as the JSON entry (and the table's source).
fn entry(rev: &Revision) -> EntryDto {
    let changes = match &rev.parse_error {
        Some(error) => vec![ChangeDto::Unparseable {
            error: error.clone(),
        }],
        None => rev
            .changes
            .iter()
            .cloned()
            .map(|c| match c {
                Change::Created => ChangeDto::Created,
                Change::Field { name, from, to } => ChangeDto::Field {
                    field: name,
                    from,
                    to,
                },
                Change::Commented(c) => ChangeDto::Comment {
                    author: c.author,
                    internal: c.internal,
                },
                Change::CommentsRewritten => ChangeDto::CommentsRewritten,
                Change::Deleted => ChangeDto::Deleted,
            })
            .collect(),
    };
    EntryDto {
        commit: rev.commit.clone(),
        at: rev
            .at
            .with_timezone(&Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        author: rev.author.clone(),
        subject: rev.summary.clone(),
        changes,
    }
}

/// `tix log` for people: date, author, then one line per change.
fn table(revisions: &[Revision], entries: &[EntryDto]) -> String {
    let mut out = String::new();
    let author_width = entries
        .iter()
        .map(|e| e.author.chars().count())
        .max()
        .unwrap_or(0);
    for (rev, entry) in revisions.iter().zip(entries) {
        let head = format!(
            "{}  {:<author_width$}",
            rev.at.format("%Y-%m-%d %H:%M %:z"),
            entry.author
        );
        for (i, change) in entry.changes.iter().enumerate() {
            let prefix = if i == 0 {
                head.clone()
            } else {
                " ".repeat(head.chars().count())
            };
            out.push_str(&format!("{prefix}  {}\n", describe(change)));
        }
        if entry.changes.is_empty() {
            out.push_str(&format!("{head}  (no field changes)\n"));
        }
    }
    out
}

fn describe(change: &ChangeDto) -> String {
    match change {
        ChangeDto::Created => Change::Created.describe(),
        ChangeDto::Field { field, from, to } => Change::Field {
            name: field.clone(),
            from: from.clone(),
            to: to.clone(),
        }
        .describe(),
        ChangeDto::Comment { author, internal } => {
            Change::Commented(crate::domain::ticket::Comment {
                author: author.clone(),
                body: String::new(),
                internal: *internal,
                automated: false,
            })
            .describe()
        }
        ChangeDto::CommentsRewritten => Change::CommentsRewritten.describe(),
        ChangeDto::Deleted => Change::Deleted.describe(),
        ChangeDto::Unparseable { error } => format!("unreadable version: {error}"),
    }
}
