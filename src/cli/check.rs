//! `tix check`: validate the configuration and every ticket file.

use clap::Args;

use super::Context;
use crate::config::template::TEMPLATE_DIR;
use crate::domain::ticket::Schema;
use crate::error::CliError;
use crate::store::{Repo, ScannedFile, StoreError};

/// Validate the configuration and every ticket
///
/// Prints one line per problem (file:line: message) on stdout and exits 1 when there is any, so
/// it fits a pre-commit hook or a CI job. Checks the whole configuration (workflow, priorities,
/// SLA calendars and policies, priority matrix, agents and teams, rules, escalation levels and
/// timed rules, and that every hook's program exists and is executable), then that every ticket
/// file parses, that its ID matches its file name and shard, and that its type, status,
/// priority, impact, urgency, category, tags, due date and custom field names are valid, that
/// every link is recorded on both tickets, and that the knowledge-base articles its `kb` names
/// and the template its `template` names have files. Then that every asset file
/// (assets/NAME.yaml) and every knowledge-base article (kb/SLUG.md) parses. A ticket naming an
/// asset that has no file is fine: desks named assets before they kept asset files.
///
/// With --staged, checks only what `git commit` is about to record: the staged ticket files,
/// articles and config, as they are in the index (the pre-commit hook of `tix hooks install`).
///
/// Examples:
///   tix check
///   tix check --staged        what the pre-commit hook runs
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CheckArgs {
    /// Check only the ticket files and config staged for the next commit (fast; for hooks)
    #[arg(long)]
    pub staged: bool,
}

pub fn run(ctx: &mut Context, args: &CheckArgs) -> Result<(), CliError> {
    if args.staged {
        return staged(ctx);
    }
    let repo = open(ctx)?;
    let schema = &repo.config().schema;
    let files = repo.scan()?;
    let mut problems: Vec<String> = repo
        .hook_problems()
        .iter()
        .map(|p| match &p.hint {
            Some(hint) => format!("{p} ({hint})"),
            None => p.to_string(),
        })
        .collect();
    match repo.merge_driver() {
        (false, _) => problems.push(
            ".gitattributes: no `tickets/** merge=tix` line, so edits to one ticket in two clones conflict as text; run `tix init` to add it".to_string(),
        ),
        (true, false) => problems.push(
            ".git/config: the tix merge driver is not registered in this clone (read-only?); `git config merge.tix.driver \"tix merge-file %O %A %B %P\"` adds it".to_string(),
        ),
        (true, true) => {}
    }
    for (rel, parsed) in &files {
        match parsed {
            Ok(ticket) => {
                if let Err(e) = ticket.validate(schema) {
                    problems.push(format!("{rel}: {e}"));
                }
            }
            // These name the file (and line) themselves.
            Err(e @ (StoreError::BadTicketFile { .. } | StoreError::Conflicted { .. })) => {
                problems.push(e.to_string());
            }
            Err(e) => problems.push(format!("{rel}: {e}")),
        }
    }
    let tickets: Vec<&crate::domain::ticket::Ticket> = files
        .iter()
        .filter_map(|(_, parsed)| parsed.as_ref().ok())
        .collect();
    problems.extend(
        crate::domain::link::one_sided(tickets.iter().map(|t| (&t.id, &t.links)))
            .iter()
            .map(ToString::to_string),
    );
    let (assets, broken) = repo.assets()?;
    problems.extend(broken.iter().map(ToString::to_string));
    let articles = repo.articles()?;
    problems.extend(articles.broken.iter().map(ToString::to_string));
    problems.extend(dangling(&files, &articles.slugs(), schema));
    if problems.is_empty() {
        ctx.out.status(&format!(
            "Checked the configuration, {} tickets, {} assets and {} articles: no problems.",
            files.len(),
            assets.len(),
            articles.articles.len()
        ));
        return Ok(());
    }
    ctx.out.data(&(problems.join("\n") + "\n"));
    // Problems of the config, hooks and .gitattributes count too, so not "N of M files".
    Err(CliError::failed(format!(
        "{} problem(s) in the configuration and {} ticket files",
        problems.len(),
        files.len()
    )))
}

/// Tickets naming an article or a template that has no file (deleted, or renamed since). A
/// broken article still exists: it is reported as broken, not as missing.
fn dangling(files: &[ScannedFile], slugs: &[&str], schema: &Schema) -> Vec<String> {
    let mut problems = Vec::new();
    for (rel, parsed) in files {
        let Ok(ticket) = parsed else { continue };
        for slug in ticket.kb.iter().filter(|s| !slugs.contains(&s.as_str())) {
            problems.push(format!(
                "{rel}: kb names the article '{slug}', but {} does not exist; restore it, or change the ticket's kb with `tix edit {} --set kb=...`",
                Repo::article_path(slug),
                ticket.id
            ));
        }
        if let Some(name) = &ticket.template
            && !schema.templates.contains_key(name)
        {
            problems.push(format!(
                "{rel}: template '{name}' has no file {TEMPLATE_DIR}/{name}.yaml; restore it, or clear the ticket's template with `tix edit {} --set template=`",
                ticket.id
            ));
        }
    }
    problems
}

/// The repository; an invalid config is a finding (exit 1, on stdout), not a usage error.
fn open(ctx: &mut Context) -> Result<&crate::store::Repo, CliError> {
    if let Err(e) = ctx.repo() {
        // Only the configuration is a finding; a bad TIX_LOCK_TIMEOUT or a missing repository
        // stays the error it is.
        if e.kind != crate::error::ErrorKind::Config {
            return Err(e);
        }
        ctx.out.data(&e.message);
        return Err(CliError::failed("the configuration is invalid"));
    }
    ctx.repo()
}

/// The pre-commit gate: the staged versions only, validated against the staged config (or the
/// current one when the config is not staged).
fn staged(ctx: &mut Context) -> Result<(), CliError> {
    let repo = open(ctx)?;
    let staged = repo.staged()?;
    let mut problems = Vec::new();
    let config = match staged.config {
        Some(Ok(config)) => Some(config),
        Some(Err(e)) => {
            problems.push(e.to_string());
            None
        }
        None => Some(repo.config().clone()),
    };
    for (rel, parsed) in &staged.tickets {
        match parsed {
            Ok(ticket) => {
                if let Some(config) = &config
                    && let Err(e) = ticket.validate(&config.schema)
                {
                    problems.push(format!("{rel}: {e}"));
                }
            }
            Err(
                e @ (StoreError::BadTicketFile { .. }
                | StoreError::Conflicted { .. }
                | StoreError::StaleIndex { .. }),
            ) => {
                problems.push(e.to_string());
            }
            Err(e) => problems.push(format!("{rel}: {e}")),
        }
    }
    problems.extend(
        repo.staged_broken_articles()?
            .iter()
            .map(ToString::to_string),
    );
    if problems.is_empty() {
        return Ok(());
    }
    ctx.out.data(&(problems.join("\n") + "\n"));
    Err(CliError::failed(format!(
        "{} staged file(s) have problems; nothing was committed (fix them, or commit with --no-verify)",
        problems.len()
    )))
}
