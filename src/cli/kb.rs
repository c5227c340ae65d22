//! `tix kb new|list|show|edit|search`: knowledge-base articles, kept as `kb/SLUG.md`.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::render::document;
use crate::domain::kb::{self, Article, ArticleStatus};
use crate::domain::similar::{Dictionary, Terms, query_terms, rank, tokens};
use crate::error::CliError;
use crate::output::{Format, Styled};
use crate::report::table::{Cell, Column, Fit};
use crate::store::kb::Articles;
use crate::store::{CommitMessage, Repo};

/// Write and find knowledge-base articles
///
/// An article is a Markdown file kb/SLUG.md in the ticket repository, with a small YAML front
/// matter (title, tags, categories, owner, status) between two `---` lines. Published articles
/// are offered by `tix suggest` and after `tix new` on a terminal; `tix resolve --kb SLUG`
/// records the article that solved a ticket, and `tix report` counts their use. Every change is
/// one commit ("kb: new printer-jam: Printer on floor 2 jams").
///
/// Examples:
///   tix kb new --title "Printer on floor 2 jams" --tag printer --body "Open tray 2..."
///   tix kb list --status published
///   tix kb show printer-jam
///   tix kb edit printer-jam --publish
///   tix kb search printer jam
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct KbArgs {
    #[command(subcommand)]
    pub command: KbCommand,
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    New(NewArgs),
    List(ListArgs),
    Show(ShowArgs),
    Edit(EditArgs),
    Search(SearchArgs),
}

/// Write a new article and print its slug
///
/// The slug (the file name kb/SLUG.md) comes from the title unless --slug is given. The body is
/// --body (or -m; `-` reads stdin); without it the article opens in $VISUAL or $EDITOR on a
/// terminal, and is written with an empty body in scripts. New articles are drafts unless
/// --status published.
///
/// Examples:
///   tix kb new --title "Printer on floor 2 jams" --tag printer --category hardware \
///     --status published --body "Open tray 2 and pull the paper out."
///   tix kb new --title "VPN token reset" --body - < vpn.md
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewArgs {
    /// The article's title, at most 200 characters
    #[arg(short, long)]
    pub title: Option<String>,

    /// The file name without .md (letters, digits, `.`, `_`, `-`); default: made from the title
    #[arg(long)]
    pub slug: Option<String>,

    /// Tag, repeatable (or comma-separated)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Category, repeatable (from the config's `categories`, when it lists any)
    #[arg(long = "category", value_name = "CATEGORY")]
    pub categories: Vec<String>,

    /// Who keeps the article up to date
    #[arg(long, value_name = "WHO")]
    pub owner: Option<String>,

    /// draft (the default: not suggested yet) or published
    #[arg(long, value_parser = ["draft", "published"])]
    pub status: Option<String>,

    /// The Markdown body; `-` reads it from stdin
    #[arg(short = 'm', long, value_name = "TEXT")]
    pub body: Option<String>,
}

/// List articles
///
/// One line per article, by slug. Articles that cannot be read (a broken hand edit) are left out
/// with a warning naming the file and line.
///
/// Examples:
///   tix kb list --status draft
///   tix kb list --tag printer --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ListArgs {
    /// Only articles with this status: draft or published
    #[arg(long, value_parser = ["draft", "published"])]
    pub status: Option<String>,

    /// Only articles with this tag
    #[arg(long)]
    pub tag: Option<String>,

    /// Only articles in this category
    #[arg(long)]
    pub category: Option<String>,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json]))]
    pub format: Format,
}

/// Show an article: its front matter, then its Markdown body as written
///
/// A broken article is an error naming its file and line (exit 2).
///
/// Examples:
///   tix kb show printer-jam
///   tix kb show printer-jam --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    /// The article's slug (its file name without .md)
    pub slug: String,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json]))]
    pub format: Format,
}

/// Change an article
///
/// --set changes front-matter values (title, tags, categories, owner, status; lists
/// comma-separated, an empty value clears), --publish sets status to published, --body replaces
/// the body. With none of them the article opens in $VISUAL or $EDITOR; the result is checked
/// before it is committed, and a rejected edit is kept under .git/tix/.
///
/// Examples:
///   tix kb edit printer-jam --publish
///   tix kb edit printer-jam --set tags=printer,floor-2 --set owner=bob
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EditArgs {
    /// The article's slug
    pub slug: String,

    /// Set a front-matter value, repeatable: --set owner=bob
    #[arg(short, long = "set", value_name = "KEY=VALUE", value_parser = key_value)]
    pub set: Vec<(String, String)>,

    /// Publish the article (status: published), so `tix suggest` offers it
    #[arg(long)]
    pub publish: bool,

    /// Replace the Markdown body; `-` reads it from stdin
    #[arg(short = 'm', long, value_name = "TEXT")]
    pub body: Option<String>,
}

/// Find articles by words, best match first (BM25 over title, tags and body)
///
/// Examples:
///   tix kb search printer jams
///   tix kb search --all vpn --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SearchArgs {
    /// The words to look for
    #[arg(required = true, value_name = "WORDS")]
    pub words: Vec<String>,

    /// Include drafts
    #[arg(long)]
    pub all: bool,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = super::values::format_of(&[Format::Table, Format::Json]))]
    pub format: Format,
}

fn key_value(text: &str) -> Result<(String, String), String> {
    let (key, value) = text.split_once('=').ok_or_else(|| {
        format!(
            "expected KEY=VALUE, with KEY one of {}",
            kb::KEYS.join(", ")
        )
    })?;
    Ok((key.trim().to_string(), value.to_string()))
}

pub fn run(ctx: &mut Context, args: &KbArgs) -> Result<(), CliError> {
    match &args.command {
        KbCommand::New(args) => new(ctx, args),
        KbCommand::List(args) => list(ctx, args),
        KbCommand::Show(args) => show(ctx, args),
        KbCommand::Edit(args) => edit(ctx, args),
        KbCommand::Search(args) => search(ctx, args),
    }
}

/// An article as `--format json` shows it.
#[derive(Serialize)]
struct ArticleDto<'a> {
    slug: &'a str,
    path: String,
    title: &'a str,
    status: &'static str,
    tags: &'a [String],
    categories: &'a [String],
    owner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
}

impl<'a> ArticleDto<'a> {
    fn of(a: &'a Article, with_body: bool) -> ArticleDto<'a> {
        ArticleDto {
            slug: &a.slug,
            path: Repo::article_path(&a.slug),
            title: &a.title,
            status: a.status.as_str(),
            tags: &a.tags,
            categories: &a.categories,
            owner: a.owner.as_deref(),
            body: with_body.then_some(a.body.as_str()),
        }
    }
}

/// Every article, each broken one reported as a warning.
fn readable(ctx: &mut Context) -> Result<Articles, CliError> {
    let (repo, out) = ctx.repo_and_out()?;
    let articles = repo.articles()?;
    for e in &articles.broken {
        out.warn(&format!("{e} (left out)"));
    }
    Ok(articles)
}

/// The error for a slug with no article, naming the nearest ones.
fn unknown(slug: &str, articles: &Articles) -> CliError {
    let slugs = articles.slugs();
    let near = kb::nearest(slug, &slugs, 3);
    let error = CliError::input(format!(
        "no article '{slug}' ({} does not exist)",
        Repo::article_path(slug)
    ));
    if near.is_empty() {
        error.with_hint("run `tix kb list` to see the articles")
    } else {
        error.with_hint(format!("did you mean {}?", near.join(", ")))
    }
}

/// Checks the articles `tix resolve --kb` names: each must exist and be readable; a draft is
/// taken with a warning (the agent may publish it next).
///
/// # Errors
/// An unknown slug (with the nearest ones) or an article that cannot be read.
pub(super) fn check_used(ctx: &mut Context, slugs: &[String]) -> Result<(), CliError> {
    if slugs.is_empty() {
        return Ok(());
    }
    let (repo, out) = ctx.repo_and_out()?;
    let articles = repo.articles()?;
    for slug in slugs {
        if let Some(broken) = articles
            .broken
            .iter()
            .find(|e| e.to_string().starts_with(&Repo::article_path(slug)))
        {
            return Err(CliError::input(format!("--kb {slug}: {broken}")));
        }
        match articles.get(slug) {
            Some(a) if a.status == ArticleStatus::Draft => out.warn(&format!(
                "kb/{slug} is a draft; linked anyway (publish it with tix kb edit {slug} --publish)"
            )),
            Some(_) => {}
            None => {
                let mut e = unknown(slug, &articles);
                e.message = format!("--kb: {}", e.message);
                return Err(e);
            }
        }
    }
    Ok(())
}

/// Where a value of an article came from, so an error names the flag that gave it.
#[derive(Clone, Copy)]
enum Given {
    /// `tix kb new` flags.
    New,
    /// `tix kb edit --set KEY=VALUE` (and `--body`).
    Set,
    /// An edited file, named with its path.
    File,
}

impl Given {
    /// The flag (or file) that holds the front-matter `key` of `slug`.
    fn source(self, key: &str, slug: &str) -> String {
        match (self, key) {
            (Given::File, _) => Repo::article_path(slug),
            (_, "body") => "--body".to_string(),
            (Given::New, "tags") => "--tag".to_string(),
            (Given::New, "categories") => "--category".to_string(),
            (Given::New, key) => format!("--{key}"),
            (Given::Set, key) => format!("--set {key}"),
        }
    }

    /// The error of [`Article::validate`], led by its flag.
    fn invalid(self, slug: &str) -> impl Fn((&'static str, String)) -> CliError + '_ {
        move |(key, message)| {
            // The domain's message may start with its key ("tags: 'a b' is not one word").
            let message = message
                .strip_prefix(&format!("{key}: "))
                .map_or(message.clone(), str::to_string);
            CliError::input(format!("{}: {message}", self.source(key, slug)))
        }
    }
}

/// Categories must be the config's when it lists any (as for tickets).
fn check_categories(repo: &Repo, article: &Article, given: Given) -> Result<(), CliError> {
    let known = &repo.config().schema.categories;
    match article
        .categories
        .iter()
        .find(|c| !known.is_empty() && !known.contains(c))
    {
        Some(bad) => Err(CliError::input(format!(
            "{}: unknown category '{bad}'; the config's categories are {}",
            given.source("categories", &article.slug),
            known.join(", ")
        ))),
        None => Ok(()),
    }
}

fn new(ctx: &mut Context, args: &NewArgs) -> Result<(), CliError> {
    let title = match &args.title {
        Some(title) => title.trim().to_string(),
        None if ctx.interactive() => crate::prompt::text("Title")?,
        None => {
            return Err(CliError::input(
                "missing --title: name the problem the article solves, e.g. --title \"Printer on floor 2 jams\"",
            ));
        }
    };
    let body = super::new::text_arg("--body", args.body.as_deref())?;
    let mut article = Article {
        slug: args
            .slug
            .clone()
            .unwrap_or_else(|| kb::slug_from_title(&title)),
        title,
        tags: args.tags.iter().flat_map(|t| split(t)).collect(),
        categories: args.categories.iter().flat_map(|t| split(t)).collect(),
        owner: args.owner.clone().filter(|o| !o.trim().is_empty()),
        status: args
            .status
            .as_deref()
            .and_then(ArticleStatus::parse)
            .unwrap_or_default(),
        body: body.clone().unwrap_or_default(),
    };
    article
        .validate()
        .map_err(Given::New.invalid(&article.slug))?;
    {
        let repo = ctx.repo()?;
        check_categories(repo, &article, Given::New)?;
        let path = repo.workdir().join(Repo::article_path(&article.slug));
        if path.exists() {
            return Err(CliError::input(format!(
                "{} already exists",
                Repo::article_path(&article.slug)
            ))
            .with_hint("pick another --slug, or change it with tix kb edit"));
        }
    }
    if body.is_none() && args.body.is_none() && ctx.interactive() {
        match in_editor(ctx, &article, "new")? {
            Some(edited) => article = edited,
            None => article.body = String::new(),
        }
    }
    commit(ctx, &article, "new")?;
    ctx.out.data(&article.slug);
    ctx.out
        .status(&format!("Created {}", Repo::article_path(&article.slug)));
    Ok(())
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Writes the article in one commit.
fn commit(ctx: &mut Context, article: &Article, action: &str) -> Result<(), CliError> {
    let actor = ctx.actor()?;
    let when = ctx.clock.now();
    let repo = ctx.repo()?;
    let lock = repo.lock()?;
    let message = CommitMessage::for_article(&article.slug, action, &article.title);
    let file = (
        Repo::article_path(&article.slug),
        kb::render(article).into_bytes(),
    );
    repo.commit_with(lock, &[], vec![file], &message, &actor, when)?;
    Ok(())
}

/// Opens the article in the editor; `None` when it came back unchanged.
fn in_editor(
    ctx: &mut Context,
    article: &Article,
    what: &str,
) -> Result<Option<Article>, CliError> {
    let repo = ctx.repo()?;
    let dir = repo.git_dir().join("tix");
    let name = format!("kb-{what}-{}.md", article.slug);
    let Some((text, scratch)) = crate::prompt::edit_scratch(&dir, &name, &kb::render(article))?
    else {
        return Ok(None);
    };
    let kept = scratch.kept.clone();
    let edited = kb::parse(&article.slug, &text).map_err(|e| {
        let line = e.line.map(|l| format!(":{l}")).unwrap_or_default();
        CliError::input(format!(
            "{}{line}: {}",
            Repo::article_path(&article.slug),
            e.message
        ))
        .with_hint(kept.clone())
    })?;
    check_categories(repo, &edited, Given::File).map_err(|e| e.with_hint(kept))?;
    scratch.discard();
    Ok(Some(edited))
}

fn list(ctx: &mut Context, args: &ListArgs) -> Result<(), CliError> {
    let articles = readable(ctx)?;
    let shown: Vec<&Article> = articles
        .articles
        .iter()
        .filter(|a| {
            args.status
                .as_deref()
                .is_none_or(|s| a.status.as_str() == s)
        })
        .filter(|a| args.tag.as_ref().is_none_or(|t| a.tags.contains(t)))
        .filter(|a| {
            args.category
                .as_ref()
                .is_none_or(|c| a.categories.contains(c))
        })
        .collect();
    if args.format == Format::Json {
        #[derive(Serialize)]
        struct ListDoc<'a> {
            articles: Vec<ArticleDto<'a>>,
        }
        let doc = ListDoc {
            articles: shown.iter().map(|a| ArticleDto::of(a, false)).collect(),
        };
        ctx.out.data(&document(Format::Json, doc)?);
        return Ok(());
    }
    if shown.is_empty() {
        ctx.out.status("No articles.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|a| {
            vec![
                a.slug.clone(),
                a.status.as_str().to_string(),
                a.tags.join(","),
                a.title.clone(),
            ]
        })
        .collect();
    let columns = [
        ("SLUG", Fit::Keep),
        ("STATUS", Fit::Keep),
        ("TAGS", Fit::Drop(1)),
        ("TITLE", Fit::Shrink),
    ];
    ctx.out.display(&table(&columns, &rows, ctx.out.width));
    Ok(())
}

/// The article named on the command line.
fn named(ctx: &mut Context, slug: &str) -> Result<Article, CliError> {
    let repo = ctx.repo()?;
    if let Some(article) = repo.article(slug)? {
        return Ok(article);
    }
    let articles = repo.articles()?;
    Err(unknown(slug, &articles))
}

fn show(ctx: &mut Context, args: &ShowArgs) -> Result<(), CliError> {
    let article = named(ctx, &args.slug)?;
    if args.format == Format::Json {
        #[derive(Serialize)]
        struct ShowDoc<'a> {
            article: ArticleDto<'a>,
        }
        let doc = ShowDoc {
            article: ArticleDto::of(&article, true),
        };
        ctx.out.data(&document(Format::Json, doc)?);
        return Ok(());
    }
    let mut head = format!(
        "{}\n{}  {}",
        article.title,
        Repo::article_path(&article.slug),
        article.status.as_str()
    );
    for (label, values) in [("tags", &article.tags), ("categories", &article.categories)] {
        if !values.is_empty() {
            head.push_str(&format!("  {label}: {}", values.join(", ")));
        }
    }
    if let Some(owner) = &article.owner {
        head.push_str(&format!("  owner: {owner}"));
    }
    let text = if article.body.is_empty() {
        format!("{head}\n")
    } else {
        format!("{head}\n\n{}\n", article.body)
    };
    ctx.out.display(&text.into());
    Ok(())
}

fn edit(ctx: &mut Context, args: &EditArgs) -> Result<(), CliError> {
    let before = named(ctx, &args.slug)?;
    if ctx.repo()?.article_dirty(&args.slug)? {
        let path = Repo::article_path(&args.slug);
        return Err(CliError::repository(format!(
            "{path} has uncommitted changes; commit them with git or discard them (git checkout -- {path}) first"
        )));
    }
    let mut after = before.clone();
    let flags = !args.set.is_empty() || args.publish || args.body.is_some();
    if flags {
        for (key, value) in &args.set {
            after
                .set(key, value)
                .map_err(|e| CliError::input(format!("--set {key}: {e}")))?;
        }
        if args.publish {
            after.status = ArticleStatus::Published;
        }
        if args.body.is_some() {
            after.body = super::new::text_arg("--body", args.body.as_deref())?.unwrap_or_default();
        }
        after.validate().map_err(Given::Set.invalid(&after.slug))?;
        check_categories(ctx.repo()?, &after, Given::Set)?;
    } else {
        if ctx.no_input() {
            return Err(CliError::input(
                "--no-input: tix kb edit without --set, --publish or --body would open an editor",
            ));
        }
        if std::env::var_os("VISUAL").is_none()
            && std::env::var_os("EDITOR").is_none()
            && !ctx.interactive()
        {
            return Err(CliError::input(
                "nothing to do: pass --set KEY=VALUE, --publish or --body, or set $EDITOR",
            ));
        }
        match in_editor(ctx, &before, "edit")? {
            Some(edited) => after = edited,
            None => {
                ctx.out.status("No changes.");
                return Ok(());
            }
        }
    }
    if after == before {
        ctx.out.status(&format!(
            "No changes to {}: it already is that way.",
            Repo::article_path(&args.slug)
        ));
        return Ok(());
    }
    let action = if after.status != before.status && after.status == ArticleStatus::Published {
        "publish"
    } else {
        "edit"
    };
    commit(ctx, &after, action)?;
    ctx.out
        .status(&format!("Updated {}", Repo::article_path(&after.slug)));
    Ok(())
}

/// Articles (and their terms) over one dictionary, for ranking.
pub(super) fn article_terms(articles: &[&Article], dictionary: &mut Dictionary) -> Vec<Terms> {
    articles
        .iter()
        .map(|a| Terms::of(&a.search_text(), dictionary))
        .collect()
}

fn search(ctx: &mut Context, args: &SearchArgs) -> Result<(), CliError> {
    let words = args.words.join(" ");
    if tokens(&words).next().is_none() {
        // Otherwise "no article matches" would blame the knowledge base for a query of stop words.
        return Err(CliError::input(format!(
            "nothing to search for in {}: words of one letter and common ones (the, and, not...) are not searched",
            crate::domain::text::quote_for_message(&words)
        ))
        .with_hint("name the thing: tix kb search printer jam"));
    }
    let articles = readable(ctx)?;
    let pool: Vec<&Article> = articles
        .articles
        .iter()
        .filter(|a| args.all || a.status == ArticleStatus::Published)
        .collect();
    let mut dictionary = Dictionary::default();
    let terms = article_terms(&pool, &mut dictionary);
    let refs: Vec<&Terms> = terms.iter().collect();
    let query = query_terms(&words, &dictionary);
    let found: Vec<(&Article, f64)> = rank(&refs, &query, usize::MAX)
        .into_iter()
        .filter_map(|(i, score)| Some((*pool.get(i)?, score)))
        .collect();
    if args.format == Format::Json {
        #[derive(Serialize)]
        struct Hit<'a> {
            score: f64,
            #[serde(flatten)]
            article: ArticleDto<'a>,
        }
        #[derive(Serialize)]
        struct SearchDoc<'a> {
            articles: Vec<Hit<'a>>,
        }
        let doc = SearchDoc {
            articles: found
                .iter()
                .map(|(a, score)| Hit {
                    score: round(*score),
                    article: ArticleDto::of(a, false),
                })
                .collect(),
        };
        ctx.out.data(&document(Format::Json, doc)?);
        return Ok(());
    }
    if found.is_empty() {
        ctx.out.status(if args.all {
            "No article matches."
        } else {
            "No published article matches (--all includes drafts)."
        });
        return Ok(());
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|(a, score)| {
            vec![
                format!("{score:.2}"),
                a.slug.clone(),
                a.status.as_str().to_string(),
                a.title.clone(),
            ]
        })
        .collect();
    let columns = [
        ("SCORE", Fit::Keep),
        ("SLUG", Fit::Keep),
        ("STATUS", Fit::Drop(1)),
        ("TITLE", Fit::Shrink),
    ];
    ctx.out.display(&table(&columns, &rows, ctx.out.width));
    Ok(())
}

/// A table of plain text cells, one line per row as `tix list` draws it: on a terminal the title
/// is cut and low-value columns give way, so a long title never wraps into a column of words.
pub(super) fn table(columns: &[(&str, Fit)], rows: &[Vec<String>], width: Option<u16>) -> Styled {
    let columns: Vec<Column<'_>> = columns
        .iter()
        .map(|&(header, fit)| Column { header, fit })
        .collect();
    let rows: Vec<Vec<Cell<'_>>> = rows
        .iter()
        .map(|row| row.iter().map(|c| Cell::plain(c.as_str())).collect())
        .collect();
    crate::report::table::layout(&columns, &rows, width)
}

/// A score as JSON shows it: two decimals are all a ranking needs, and stable across machines.
pub(super) fn round(score: f64) -> f64 {
    (score * 100.0).round() / 100.0
}
