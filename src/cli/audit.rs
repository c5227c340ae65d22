//! `tix audit`: who changed which ticket or the config, when, and what an auditor must check.

use clap::Args;
use serde::Serialize;

use super::{Context, render};
use crate::domain::audit::{self, CommitFacts, KnownPeople};
use crate::error::CliError;
use crate::output::Format;
use crate::store::audit::AuditEntry;

/// List every change to tickets and the config, with what needs a second look
///
/// One line per changed file: time, commit, author, the tix action (or "git" for a plain git
/// commit), the ticket and the fields that changed. Templates, assets and knowledge-base
/// articles are listed too, by file. Flags: outside_tix (made with plain git, not
/// tix; merges are not flagged), unknown_identity (the author is neither a configured agent nor a
/// ticket's requester), unsigned (no good signature while `audit: { require_signed: true }` is in
/// the config; checked by git itself, honouring gpg.format and gpg.ssh.allowedSignersFile).
/// Exits 1 when signing is required and a commit is unsigned.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only commits from this time on (anything `git log --since` accepts, e.g. 2026-01-01)
    #[arg(long)]
    pub since: Option<String>,

    /// Only commits up to this time
    #[arg(long)]
    pub until: Option<String>,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json, Format::Yaml]))]
    pub format: Format,
}

#[derive(Serialize)]
struct AuditDoc<'a> {
    require_signed: bool,
    entries: Vec<EntryDto<'a>>,
    flagged: usize,
}

#[derive(Serialize)]
struct EntryDto<'a> {
    commit: &'a str,
    at: &'a str,
    author: &'a str,
    email: &'a str,
    subject: &'a str,
    action: Option<&'a str>,
    merge: bool,
    signature: Option<String>,
    files: Vec<FileDto<'a>>,
    flags: Vec<&'static str>,
}

#[derive(Serialize)]
struct FileDto<'a> {
    path: &'a str,
    ticket: Option<&'a str>,
    fields: &'a [String],
}

pub fn run(ctx: &mut Context, args: &AuditArgs) -> Result<(), CliError> {
    let repo = ctx.repo()?;
    let config = repo.config();
    let require_signed = config.audit.require_signed;
    let entries = repo.audit(args.since.as_deref(), args.until.as_deref(), require_signed)?;
    let known = KnownPeople {
        agents: config
            .agents
            .iter()
            .flat_map(|a| std::iter::once(a.name.clone()).chain(a.email.clone()))
            .collect(),
        requesters: repo
            .list()?
            .tickets
            .into_iter()
            .filter_map(|t| t.requester)
            .collect(),
    };
    let flags_of = |e: &AuditEntry| {
        audit::flags(
            &CommitFacts {
                action: e.action.as_deref(),
                merge: e.merge,
                author: &e.author,
                email: &e.email,
                signature: e.signature,
            },
            &known,
            require_signed,
        )
    };
    let flagged: Vec<Vec<&'static str>> = entries.iter().map(flags_of).collect();
    let unsigned = flagged.iter().any(|f| f.contains(&"unsigned"));
    let output = match args.format {
        Format::Json | Format::Yaml => render::document(
            args.format,
            AuditDoc {
                require_signed,
                flagged: flagged.iter().filter(|f| !f.is_empty()).count(),
                entries: entries
                    .iter()
                    .zip(&flagged)
                    .map(|(e, flags)| EntryDto {
                        commit: &e.commit,
                        at: &e.at,
                        author: &e.author,
                        email: &e.email,
                        subject: &e.subject,
                        action: e.action.as_deref(),
                        merge: e.merge,
                        signature: e.signature.map(String::from),
                        files: e
                            .files
                            .iter()
                            .map(|f| FileDto {
                                path: &f.path,
                                ticket: f.ticket.as_deref(),
                                fields: &f.fields,
                            })
                            .collect(),
                        flags: flags.clone(),
                    })
                    .collect(),
            },
        )?,
        Format::Table | Format::Csv => table(&entries, &flagged),
    };
    ctx.out.data(&output);
    if unsigned {
        return Err(CliError::failed(
            "commits without a good signature, and the config requires signing (audit.require_signed)",
        ));
    }
    Ok(())
}

fn table(entries: &[AuditEntry], flagged: &[Vec<&'static str>]) -> String {
    let mut out = String::new();
    for (e, flags) in entries.iter().zip(flagged) {
        let when = e.at.get(..16).unwrap_or(&e.at).replace('T', " ");
        let short = e.commit.get(..10).unwrap_or(&e.commit);
        let action = e
            .action
            .as_deref()
            .unwrap_or(if e.merge { "merge" } else { "git" });
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!("  [{}]", flags.join(", "))
        };
        for f in &e.files {
            out.push_str(&format!(
                "{when}  {short}  {}  {action}  {}  {}{flags}\n",
                e.author,
                f.ticket.as_deref().unwrap_or(&f.path),
                f.fields.join(",")
            ));
        }
    }
    out
}
