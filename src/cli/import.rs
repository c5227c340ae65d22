//! `tix import`: tickets from CSV, JSON or JSON Lines, with their history, in one write.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Context;
use super::render::document;
use crate::domain::actor::Actor;
use crate::domain::id::TicketId;
use crate::domain::import::{self, Desk, EXTERNAL_ID, Outcome, Record, RecordError, Version};
use crate::error::CliError;
use crate::output::{Format, io_reason};
use crate::store::{ChainCommit, CommitMessage, Repo, yaml};

/// Bad records listed before "... and N more".
const ERRORS_SHOWN: usize = 20;

/// Bring tickets in from CSV, JSON or JSON Lines, with their history, in one write
///
/// Every record is checked first; if any is bad, each bad one is listed with its line or
/// record number and nothing is written. A record may carry its history (`tix export
/// --with-history` writes it): each entry becomes a commit whose author date and author are
/// the original ones, so SLA clocks and reports over imported tickets are what they were.
/// A flat CSV may give `created_at`, `created_by`, `resolved_at` and `closed_at` columns
/// instead. Records without times become tickets created now. Commits of all tickets are
/// interleaved by time, so `git log` reads like the real history.
///
/// Importing the same file again updates tickets whose record changed (one commit each, now)
/// and skips unchanged ones: records are matched by `--key` (stored as the custom field
/// external_id) or by their `id`.
///
/// Examples:
///   tix import desk.jsonl                       what tix export --with-history wrote
///   tix import old-desk.csv --key "Ticket No" --map Subject=title --map State=status
///   tix import - --input-format csv --dry-run < export.csv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ImportArgs {
    /// The file to read, or - for standard input
    pub file: String,

    /// The input's format (default: by extension; .csv is CSV, anything else JSON)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,

    /// The column (CSV) or key (JSON) holding each record's key in the old system, kept as
    /// the custom field external_id so a second import updates instead of duplicating
    #[arg(long, value_name = "COLUMN")]
    pub key: Option<String>,

    /// Read column COLUMN as tix field FIELD (`--map Subject=title`; custom fields as
    /// fields.NAME)
    #[arg(long, value_name = "COLUMN=FIELD", value_parser = super::values::assignment)]
    pub map: Vec<(String, String)>,

    /// Refuse records whose assignee or history actors are not agents (or the requester)
    #[arg(long)]
    pub strict: bool,

    /// Check everything and say what would be created and updated, writing nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Format of the summary
    #[arg(short, long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// A JSON document, an array of records or JSON Lines
    Json,
    /// Comma-separated values with a header row
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// One line for people
    Table,
    /// `{"version": 1, "created", "updated", "unchanged", "commits", "dry_run"}`
    Json,
}

pub fn run(ctx: &mut Context, args: &ImportArgs) -> Result<(), CliError> {
    let source = if args.file == "-" {
        "standard input"
    } else {
        args.file.as_str()
    };
    let mut progress = ctx.out.progress();
    progress.phase(&format!("reading {source}"));
    let records = read_records(args, source)?;
    let importer = ctx.actor()?;
    let now = ctx.clock.now_utc();
    let (repo, out) = ctx.repo_and_out()?;
    let lock = repo.lock()?;
    let config = repo.config();
    let (existing, by_key, taken) = existing(repo, &records, args.key.as_deref())?;
    let engine = config.engine_context();
    let is_agent = |who: &str| engine.is_agent(who);
    let importer_text = importer.to_string();
    let desk = Desk {
        schema: &config.schema,
        existing: &existing,
        by_key: &by_key,
        key: args.key.as_deref(),
        importer: &importer_text,
        now,
        agents: args.strict.then_some(&is_agent as &dyn Fn(&str) -> bool),
    };
    let mut taken = taken;
    // IDs are drawn as `tix new` draws them, and kept apart from those this import already took.
    let mut new_id = || loop {
        match repo.new_id() {
            Ok(id) if taken.insert(id.clone()) => break Ok(id),
            Ok(_) => {}
            Err(e) => break Err(format!("cannot choose a ticket ID: {e}")),
        }
    };
    progress.counted("validating", records.len());
    let outcomes = import::plan(&records, &desk, &mut new_id, &mut |n| progress.set(n));
    progress.clear();
    let outcomes = outcomes.map_err(|errors| refuse(source, &errors, records.len(), out))?;
    // The records and the outcomes are done with once the commits are made: a large import
    // holds only the commits while they are written.
    drop(records);
    let commits = chain(&outcomes, source);
    let summary = Summary::of(&outcomes, commits.len(), args.dry_run);
    drop(outcomes);
    if !args.dry_run && !commits.is_empty() {
        let total = commits.len();
        progress.counted(&format!("building {total} commits"), total);
        repo.commit_chain(lock, &commits, &mut |n| {
            progress.set(n);
            if n == total {
                progress.phase("writing the pack, the files and the index");
            }
        })?;
        progress.clear();
    }
    let text = match args.format {
        SummaryFormat::Json => document(Format::Json, &summary)?,
        SummaryFormat::Table => {
            out.status(&summary.line());
            return Ok(());
        }
    };
    out.data(&text);
    Ok(())
}

/// The input's records, its keys renamed by `--map` for JSON (CSV columns are mapped as read).
fn read_records(args: &ImportArgs, source: &str) -> Result<Vec<Record>, CliError> {
    let text = read_input(&args.file)?;
    let format = args
        .input_format
        .unwrap_or_else(|| detect(&args.file, &text));
    let records = match format {
        InputFormat::Json => import::read_json(&text),
        InputFormat::Csv => import::read_csv(&text, &args.map),
    }
    .map_err(|e| CliError::input(format!("{source}: {e}")))?;
    let mut records = records;
    if format == InputFormat::Json && !args.map.is_empty() {
        rename_keys(&mut records, &args.map);
    }
    Ok(records)
}

fn read_input(file: &str) -> Result<String, CliError> {
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| {
            CliError::input(format!("standard input: cannot read: {}", io_reason(&e)))
        })?;
        buf
    } else {
        std::fs::read(file)
            .map_err(|e| CliError::input(format!("{file}: cannot read: {}", io_reason(&e))))?
    };
    String::from_utf8(bytes).map_err(|e| {
        CliError::input(format!(
            "{file}: not UTF-8 (byte {}); convert it first, e.g. iconv -f latin1 -t utf-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn detect(file: &str, text: &str) -> InputFormat {
    let ext = Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => InputFormat::Csv,
        Some(_) => InputFormat::Json,
        None if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with(['[', '{']) =>
        {
            InputFormat::Json
        }
        None => InputFormat::Csv,
    }
}

/// `--map` for JSON records: renames their keys.
fn rename_keys(records: &mut [Record], map: &[(String, String)]) {
    for r in records {
        for (from, to) in map {
            if let Some(v) = r.values.remove(from) {
                r.values.insert(to.clone(), v);
            }
        }
    }
}

type Existing = (
    HashMap<TicketId, crate::domain::ticket::Ticket>,
    HashMap<String, TicketId>,
    HashSet<TicketId>,
);

/// The desk's tickets that `records` name (by `key` or `id`), loaded in full; the IDs of
/// tickets with an external key; and every ticket ID, so new ones are drawn apart. Only named
/// tickets are read: a desk of 100,000 need not be parsed to import ten.
fn existing(repo: &Repo, records: &[Record], key: Option<&str>) -> Result<Existing, CliError> {
    let listing = repo.list()?;
    let mut by_key = HashMap::new();
    let mut ids = HashSet::new();
    for s in &listing.tickets {
        if let Some(k) = s.fields.get(EXTERNAL_ID) {
            by_key.insert(k.clone(), s.id.clone());
        }
        ids.insert(s.id.clone());
    }
    let named = |r: &Record, k: &str| match r.values.get(k) {
        Some(serde_json::Value::String(v)) => Some(v.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut tickets = HashMap::new();
    for r in records {
        let by_external = key
            .and_then(|k| named(r, k))
            .and_then(|v| by_key.get(&v).cloned());
        let by_id = named(r, "id")
            .and_then(|v| TicketId::parse(&v).ok())
            .filter(|id| ids.contains(id));
        for id in by_external.into_iter().chain(by_id) {
            if let std::collections::hash_map::Entry::Vacant(slot) = tickets.entry(id) {
                let ticket = repo.load(slot.key())?;
                slot.insert(ticket);
            }
        }
    }
    Ok((tickets, by_key, ids))
}

fn refuse(
    source: &str,
    errors: &[RecordError],
    total: usize,
    out: &crate::output::Output,
) -> CliError {
    for e in errors.iter().take(ERRORS_SHOWN) {
        out.error_line(&format!("{source}: {e}"));
    }
    let more = errors.len().saturating_sub(ERRORS_SHOWN);
    let more = if more > 0 {
        format!(" ({more} more not shown)")
    } else {
        String::new()
    };
    CliError::input(format!(
        "{} of {total} records are invalid{more}; nothing was imported",
        errors.len()
    ))
}

/// Every version as a commit, all tickets interleaved by time (a stable sort keeps each
/// ticket's own order).
fn chain(outcomes: &[Outcome], source: &str) -> Vec<ChainCommit> {
    let mut versions: Vec<(&Version, &'static str)> = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Created(vs) => {
                versions.extend(
                    vs.iter()
                        .enumerate()
                        .map(|(i, v)| (v, if i == 0 { "import" } else { "import-history" })),
                );
            }
            Outcome::Updated(v) => versions.push((v.as_ref(), "import-update")),
            Outcome::Unchanged(_) => {}
        }
    }
    versions.sort_by_key(|(v, _)| v.at);
    versions
        .into_iter()
        .map(|(v, action)| {
            let mut message =
                CommitMessage::for_ticket(v.ticket.id.as_str(), action, &v.ticket.title);
            message
                .trailers
                .push(("Tix-Import".into(), source.to_string()));
            ChainCommit {
                files: vec![(
                    Repo::ticket_path(&v.ticket.id),
                    yaml::render(&v.ticket).into_bytes(),
                )],
                message,
                actor: Actor::parse(&v.actor).unwrap_or_else(|| Actor {
                    name: v.actor.clone(),
                    email: None,
                }),
                when: v.at.fixed_offset(),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct Summary {
    created: usize,
    updated: usize,
    unchanged: usize,
    commits: usize,
    dry_run: bool,
}

impl Summary {
    fn of(outcomes: &[Outcome], commits: usize, dry_run: bool) -> Self {
        let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
        Summary {
            created: count(|o| matches!(o, Outcome::Created(_))),
            updated: count(|o| matches!(o, Outcome::Updated(_))),
            unchanged: count(|o| matches!(o, Outcome::Unchanged(_))),
            commits,
            dry_run,
        }
    }

    fn line(&self) -> String {
        let verb = if self.dry_run {
            "Would import"
        } else {
            "Imported"
        };
        format!(
            "{verb}: {} created, {} updated, {} unchanged, in {} commit(s).",
            self.created, self.updated, self.unchanged, self.commits
        )
    }
}
