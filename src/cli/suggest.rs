//! `tix suggest`: published articles and finished tickets that may answer a ticket.

use clap::Args;
use serde::Serialize;

use super::Context;
use super::render::document;
use crate::domain::kb::{Article, ArticleStatus};
use crate::domain::similar::{Terms, query_terms, rank};
use crate::domain::ticket::Ticket;
use crate::error::CliError;
use crate::output::Format;
use crate::report::table::Fit;
use crate::store::Repo;

/// Find articles and past tickets that may answer a ticket
///
/// Ranks the published knowledge-base articles and the resolved or closed tickets (the
/// workflow's done statuses) by how much they share the ticket's words (title and
/// description), with BM25: a word few documents have counts more than a common one, and a
/// long text does not win by length alone. Drafts, open tickets and the ticket itself are never
/// offered. Scores compare within one answer only.
///
/// `tix new` shows the best three on a terminal (never in scripts, nor when told to be quiet).
///
/// Examples:
///   tix suggest 7KQ2
///   tix suggest 7KQ2 --limit 3 --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SuggestArgs {
    /// Ticket ID or a unique prefix of it
    pub id: String,

    /// How many suggestions at most
    #[arg(short = 'n', long, value_name = "N", default_value_t = 10,
        value_parser = clap::value_parser!(u16).range(1..))]
    pub limit: u16,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json]))]
    pub format: Format,
}

/// What a suggestion points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Kind {
    Article,
    Ticket,
}

/// One ranked suggestion.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Suggestion {
    pub score: f64,
    pub kind: Kind,
    /// The article's slug or the ticket's ID.
    #[serde(rename = "ref")]
    pub key: String,
    pub title: String,
    /// The ticket's status, or the article's (always published).
    pub status: String,
}

impl Suggestion {
    /// `kb/printer-jam` or `IT-7KQ2M4X1`.
    pub fn label(&self) -> String {
        match self.kind {
            Kind::Article => format!("kb/{}", self.key),
            Kind::Ticket => self.key.clone(),
        }
    }
}

/// The published articles and finished tickets closest to `ticket`, best first, and warnings
/// about the files that could not be read.
///
/// # Errors
/// Failures reading the ticket directories or `kb/`.
pub(super) fn suggestions(
    repo: &Repo,
    ticket: &Ticket,
    limit: usize,
) -> Result<(Vec<Suggestion>, Vec<String>), CliError> {
    let workflow = &repo.config().schema.workflow;
    let finished = |status: &str| workflow.done.iter().any(|s| s == status);
    let mut index = repo.ticket_index(&finished)?;
    let articles = repo.articles()?;
    let mut warnings: Vec<String> = index.broken.iter().map(ToString::to_string).collect();
    warnings.extend(articles.broken.iter().map(ToString::to_string));
    let published: Vec<&Article> = articles
        .articles
        .iter()
        .filter(|a| a.status == ArticleStatus::Published)
        .collect();
    let article_terms = super::kb::article_terms(&published, &mut index.dictionary);
    let mut docs: Vec<&Terms> = article_terms.iter().collect();
    let tickets: Vec<_> = index
        .docs
        .iter()
        .filter(|(summary, _)| summary.id != ticket.id)
        .collect();
    docs.extend(tickets.iter().map(|(_, terms)| terms));
    let query = format!(
        "{}\n{}",
        ticket.title,
        ticket.description.as_deref().unwrap_or_default()
    );
    let query = query_terms(&query, &index.dictionary);
    let found = rank(&docs, &query, limit)
        .into_iter()
        .filter_map(|(i, score)| {
            let score = super::kb::round(score);
            if let Some(article) = published.get(i) {
                return Some(Suggestion {
                    score,
                    kind: Kind::Article,
                    key: article.slug.clone(),
                    title: article.title.clone(),
                    status: article.status.as_str().to_string(),
                });
            }
            let (summary, _) = tickets.get(i - published.len())?;
            Some(Suggestion {
                score,
                kind: Kind::Ticket,
                key: summary.id.to_string(),
                title: summary.title.clone(),
                status: summary.status.clone(),
            })
        })
        .collect();
    Ok((found, warnings))
}

pub fn run(ctx: &mut Context, args: &SuggestArgs) -> Result<(), CliError> {
    let (repo, out) = ctx.repo_and_out()?;
    let id = repo.resolve(&args.id)?;
    let ticket = repo.load(&id)?;
    let (found, warnings) = suggestions(repo, &ticket, usize::from(args.limit))?;
    for warning in &warnings {
        out.warn(&format!("{warning} (left out)"));
    }
    if args.format == Format::Json {
        #[derive(Serialize)]
        struct SuggestDoc<'a> {
            ticket: &'a str,
            suggestions: &'a [Suggestion],
        }
        let doc = SuggestDoc {
            ticket: id.as_str(),
            suggestions: &found,
        };
        out.data(&document(Format::Json, doc)?);
        return Ok(());
    }
    if found.is_empty() {
        out.status(&format!(
            "Nothing similar to {id}: no published article or finished ticket shares its words."
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|s| {
            vec![
                format!("{:.2}", s.score),
                match s.kind {
                    Kind::Article => "article".into(),
                    Kind::Ticket => "ticket".into(),
                },
                s.label(),
                s.title.clone(),
            ]
        })
        .collect();
    let columns = [
        ("SCORE", Fit::Keep),
        ("KIND", Fit::Drop(1)),
        ("REF", Fit::Keep),
        ("TITLE", Fit::Shrink),
    ];
    out.display(&super::kb::table(&columns, &rows, out.width));
    Ok(())
}

/// After `tix new` on a terminal: the best three suggestions on stderr, in one line each.
/// Nothing is said when there are none or they cannot be found: the ticket is created either
/// way, and this is only a hint.
pub(super) fn after_new(repo: &Repo, out: &crate::output::Output, ticket: &Ticket) {
    let Ok((found, _)) = suggestions(repo, ticket, 3) else {
        return;
    };
    if found.is_empty() {
        return;
    }
    let lines: Vec<String> = found
        .iter()
        .map(|s| format!("  {}  {}", s.label(), s.title))
        .collect();
    out.status(&format!("Possibly answered by:\n{}", lines.join("\n")));
}
