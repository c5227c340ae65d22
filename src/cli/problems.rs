//! `tix problems`: recurring incidents proposed as problem tickets, and `--create` opening them.
//!
//! When each incident was created comes from history (as `tix report` counts it); its title,
//! category, asset, tags, status and links are read from the tickets as they are now (the list
//! summaries). The grouping itself is [`crate::metrics::problems`].

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use clap::Args;
use serde::Serialize;

use super::Context;
use super::automation::Automation;
use super::render::document;
use super::values::{self, When};
use crate::domain::id::TicketId;
use crate::domain::link::{self, LinkKind};
use crate::domain::ticket::{Ticket, TicketSummary};
use crate::error::CliError;
use crate::metrics::Period;
use crate::metrics::problems::{Candidate, Incident, Problem, candidates};
use crate::output::{Format, Output, Style, Styled};
use crate::sla::calendar::ALWAYS_OPEN;
use crate::sla::duration::SlaDuration;
use crate::store::{CommitMessage, Repo};

/// The ticket type `--create` opens.
const PROBLEM: &str = "problem";

/// How many incidents a problem's description lists by name (all are linked).
const LISTED: usize = 200;

/// Find recurring incidents and propose problem tickets for them
///
/// Looks at the incidents (tickets of type `incident`, or --type) created in the period
/// [--since, --until), by default the last 30 days, and groups them, each incident in at most
/// one group, in three passes over what the earlier passes left:
///   1. similar titles: the same once lower-cased without Re:/Fwd: and punctuation, or sharing
///      at least half of their words (a chain of similar titles is one group)
///   2. the same asset (across categories; the reason says when the category is shared too)
///   3. the same category and tag, as `tix report` lists recurring incidents
///
/// A group of at least --min incidents is a candidate. One that a `problem` ticket is already
/// `related` to for at least half of its incidents is shown "covered by" it and not proposed.
///
/// --create opens a ticket of type `problem` for each candidate not covered (or the --pick'ed
/// ones): titled with the proposal, its category and asset when all incidents share them, the
/// incidents listed in its description and linked `related` to it on both ends, all in one
/// commit, through the desk's rules as `tix new`. Running it again proposes nothing new.
///
/// Examples:
///   tix problems                              the last 30 days
///   tix problems --since 7d --min 5
///   tix problems --since 2026-11-01 --until 2026-12-01 --format json
///   tix problems --create --dry-run           what would be opened
///   tix problems --create --pick 1 3          open candidates 1 and 3 of the listing
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ProblemsArgs {
    /// Start of the period, included: a time ago (7d, 12h, 2w), YYYY-MM-DD or RFC 3339;
    /// default 30 days before --until
    #[arg(long, value_name = "WHEN", value_parser = since)]
    pub since: Option<Since>,

    /// End of the period, excluded (the same forms); default just after now
    #[arg(long, value_name = "WHEN", value_parser = since)]
    pub until: Option<Since>,

    /// How many incidents make a candidate
    #[arg(long, value_name = "N", default_value_t = 3,
        value_parser = clap::value_parser!(u16).range(2..))]
    pub min: u16,

    /// The ticket type whose tickets are grouped
    #[arg(long = "type", value_name = "TYPE", default_value = "incident")]
    pub ticket_type: String,

    /// Output format
    #[arg(short, long, default_value = "table",
        value_parser = values::format_of(&[Format::Table, Format::Json]))]
    pub format: Format,

    /// Open a problem ticket for each candidate not covered yet, linked to its incidents
    #[arg(long)]
    pub create: bool,

    /// With --create: say what would be opened, write nothing
    #[arg(long, requires = "create")]
    pub dry_run: bool,

    /// With --create: only these candidates, by their number in the listing
    #[arg(long, value_name = "N", num_args = 1.., requires = "create",
        value_parser = clap::value_parser!(u16).range(1..))]
    pub pick: Vec<u16>,
}

/// `--since` and `--until`: a time before now, or a day or instant as `tix report` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    When(When),
    /// Seconds before now.
    Ago(i64),
}

impl Since {
    fn at(self, now: DateTime<Utc>) -> When {
        match self {
            Since::When(w) => w,
            Since::Ago(secs) => When::At(now - Duration::seconds(secs)),
        }
    }
}

fn since(text: &str) -> Result<Since, String> {
    if let Ok(when) = values::when(text) {
        return Ok(Since::When(when));
    }
    let ago: SlaDuration = text.parse().map_err(|_| {
        "not a time: use a time ago (7d, 12h, 2w), YYYY-MM-DD or RFC 3339 (2026-03-02T09:00:00Z)"
            .to_string()
    })?;
    // Days are whole days here, not business days: a period is calendar time.
    Ok(Since::Ago(ago.resolve(&ALWAYS_OPEN)))
}

pub fn run(ctx: &mut Context, args: &ProblemsArgs) -> Result<(), CliError> {
    let now = ctx.clock.now_utc();
    if args.create {
        return create(ctx, args, now);
    }
    let (repo, out) = ctx.repo_and_out()?;
    let found = find(repo, out, args, now)?;
    if args.format == Format::Json {
        out.data(&document(Format::Json, found.doc(args, &[], false))?);
    } else if found.candidates.is_empty() {
        out.status(&found.nothing(args));
    } else {
        out.display(&found.listing());
        let open = found
            .candidates
            .iter()
            .filter(|c| c.covered_by.is_none())
            .count();
        if open > 0 {
            out.status(&format!(
                "{open} not covered by a problem ticket yet: `tix problems --create` opens them \
                 (--pick N for some, --dry-run to see first)."
            ));
        }
    }
    Ok(())
}

/// The candidates of a period, with what rendering them needs.
struct Found<'r> {
    period: Period,
    zone: chrono_tz::Tz,
    incidents: usize,
    candidates: Vec<Candidate>,
    /// Every ticket by ID, for the incidents' titles and IDs.
    tickets: HashMap<String, TicketSummary>,
    repo: &'r Repo,
}

/// The desk's candidates for `args`' period and type.
fn find<'r>(
    repo: &'r Repo,
    out: &Output,
    args: &ProblemsArgs,
    now: DateTime<Utc>,
) -> Result<Found<'r>, CliError> {
    let config = repo.config();
    let schema = &config.schema;
    if !schema.types.contains(&args.ticket_type) {
        return Err(CliError::input(format!(
            "--type {}: not a ticket type of this desk (types: {})",
            crate::domain::text::quote_for_message(&args.ticket_type),
            schema.types.join(", ")
        )));
    }
    let (period, zone) = super::report::period(
        config,
        args.since.map(|s| s.at(now)),
        args.until.map(|s| s.at(now)),
        now + Duration::seconds(1),
    )?;
    let listing = repo.list()?;
    for e in &listing.broken {
        out.warn(&format!("{e} (left out)"));
    }
    let dates = repo.ticket_dates()?;
    let workflow = &schema.workflow;
    let mut incidents = Vec::new();
    let mut problems = Vec::new();
    for t in &listing.tickets {
        if t.ticket_type == PROBLEM {
            problems.push(Problem {
                id: t.id.to_string(),
                related: t
                    .links
                    .get(LinkKind::Related)
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            });
        }
        if t.ticket_type != args.ticket_type {
            continue;
        }
        // A ticket not committed yet has no history, and counts from its first commit.
        let Some(created) = dates
            .get(t.id.as_str())
            .and_then(|(created, _)| DateTime::from_timestamp(*created, 0))
        else {
            continue;
        };
        if created < period.since || created >= period.until {
            continue;
        }
        incidents.push(Incident {
            id: t.id.to_string(),
            title: t.title.clone(),
            created,
            category: t.category.clone(),
            asset: t.asset.clone(),
            tags: t.tags.clone(),
            open: !workflow.is_done(&t.status),
        });
    }
    let candidates = candidates(&incidents, &problems, usize::from(args.min));
    Ok(Found {
        period,
        zone,
        incidents: incidents.len(),
        candidates,
        tickets: listing
            .tickets
            .into_iter()
            .map(|t| (t.id.to_string(), t))
            .collect(),
        repo,
    })
}

impl Found<'_> {
    fn day(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.zone).format("%Y-%m-%d").to_string()
    }

    fn nothing(&self, args: &ProblemsArgs) -> String {
        let from = self.day(self.period.since);
        let to = self.day(self.period.until - Duration::seconds(1));
        if self.incidents == 0 {
            return format!(
                "No tickets of type {} were created from {from} to {to}.",
                args.ticket_type
            );
        }
        format!(
            "No recurring incidents: none of the {} tickets of type {} created from {from} to \
             {to} share a title, an asset or a category and tag with {} others.",
            self.incidents,
            args.ticket_type,
            args.min - 1
        )
    }

    /// The candidates for people: a block each.
    fn listing(&self) -> Styled {
        let mut text = Styled::new();
        for c in &self.candidates {
            text.push(Style::Heading, &format!("{:>2}  {}", c.number, c.title));
            if let Some(id) = &c.covered_by {
                text.plain("  ");
                text.push(Style::Dim, &format!("covered by {id}"));
            }
            text.plain("\n");
            let reasons: Vec<String> = c.reasons.iter().map(ToString::to_string).collect();
            text.plain(&format!("    {}\n", reasons.join("; ")));
            text.plain(&format!(
                "    {} incidents, {} open, first {}, last {}\n",
                c.incidents.len(),
                c.open,
                self.day(c.first_seen),
                self.day(c.last_seen)
            ));
            text.plain(&format!("    {}\n", c.incidents.join(" ")));
        }
        text
    }

    fn doc<'a>(
        &'a self,
        args: &'a ProblemsArgs,
        created: &'a [Created],
        dry_run: bool,
    ) -> ProblemsDoc<'a> {
        ProblemsDoc {
            since: crate::report::sla::instant(self.period.since),
            until: crate::report::sla::instant(self.period.until),
            ticket_type: &args.ticket_type,
            min: args.min,
            incidents: self.incidents,
            candidates: self
                .candidates
                .iter()
                .map(|c| CandidateDoc {
                    number: c.number,
                    title: &c.title,
                    reasons: c
                        .reasons
                        .iter()
                        .map(|r| ReasonDoc {
                            kind: r.kind(),
                            text: r.to_string(),
                        })
                        .collect(),
                    category: c.category.as_deref(),
                    asset: c.asset.as_deref(),
                    incidents: &c.incidents,
                    open: c.open,
                    first_seen: crate::report::sla::instant(c.first_seen),
                    last_seen: crate::report::sla::instant(c.last_seen),
                    covered_by: c.covered_by.as_deref(),
                })
                .collect(),
            dry_run,
            created,
        }
    }

    /// The problem ticket for candidate `c`, linked to its incidents.
    fn problem(&self, c: &Candidate, id: TicketId) -> Result<Ticket, CliError> {
        let schema = &self.repo.config().schema;
        let mut ticket = Ticket::draft(schema, id, c.title.clone());
        ticket.ticket_type = PROBLEM.to_string();
        ticket.category.clone_from(&c.category);
        ticket.asset = self.asset_of(c)?;
        let reasons: Vec<String> = c.reasons.iter().map(ToString::to_string).collect();
        let mut description = format!(
            "Opened by tix problems for {} incidents created from {} to {} ({}).\n",
            c.incidents.len(),
            self.day(c.first_seen),
            self.day(c.last_seen),
            reasons.join("; ")
        );
        for id in c.incidents.iter().take(LISTED) {
            let title = self.tickets.get(id).map_or("", |t| t.title.as_str());
            description.push_str(&format!("\n- {id} {title}"));
        }
        if c.incidents.len() > LISTED {
            description.push_str(&format!(
                "\n- and {} more (all are linked as related)",
                c.incidents.len() - LISTED
            ));
        }
        ticket.description = Some(description);
        for id in self.incident_ids(c) {
            link::attach(&mut ticket, LinkKind::Related, id)?;
        }
        Ok(ticket)
    }

    /// The asset a problem for `c` names: the incidents' shared one, unless it has no file
    /// (tickets from before the desk kept asset files may name such an asset; a new ticket
    /// cannot, and the description's reasons still name it).
    fn asset_of(&self, c: &Candidate) -> Result<Option<String>, CliError> {
        match &c.asset {
            Some(name) if self.repo.asset(name)?.is_some() => Ok(Some(name.clone())),
            _ => Ok(None),
        }
    }

    fn incident_ids<'a>(&'a self, c: &'a Candidate) -> impl Iterator<Item = &'a TicketId> {
        c.incidents
            .iter()
            .filter_map(|id| self.tickets.get(id).map(|t| &t.id))
    }
}

#[derive(Serialize)]
struct ProblemsDoc<'a> {
    since: String,
    until: String,
    #[serde(rename = "type")]
    ticket_type: &'a str,
    min: u16,
    /// How many tickets of the type were created in the period.
    incidents: usize,
    candidates: Vec<CandidateDoc<'a>>,
    dry_run: bool,
    created: &'a [Created],
}

#[derive(Serialize)]
struct CandidateDoc<'a> {
    number: usize,
    title: &'a str,
    reasons: Vec<ReasonDoc>,
    category: Option<&'a str>,
    asset: Option<&'a str>,
    incidents: &'a [String],
    open: usize,
    first_seen: String,
    last_seen: String,
    covered_by: Option<&'a str>,
}

#[derive(Serialize)]
struct ReasonDoc {
    kind: &'static str,
    text: String,
}

/// A problem ticket opened (or, in a dry run, that would be: `id` is `null`).
#[derive(Debug, Serialize)]
struct Created {
    candidate: usize,
    id: Option<String>,
    title: String,
    category: Option<String>,
    asset: Option<String>,
    incidents: Vec<String>,
}

/// The candidates `--create` opens: `--pick`'s, or every one not covered.
fn chosen(candidates: &[Candidate], pick: &[u16]) -> Result<Vec<usize>, CliError> {
    if pick.is_empty() {
        return Ok(candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.covered_by.is_none())
            .map(|(i, _)| i)
            .collect());
    }
    let mut out = Vec::new();
    for &n in pick {
        let i = usize::from(n) - 1;
        let Some(c) = candidates.get(i) else {
            return Err(CliError::input(format!(
                "--pick {n}: there is no candidate {n} (the listing has {})",
                candidates.len()
            ))
            .with_hint(
                "run tix problems with the same --since, --until, --min and --type to see the numbers",
            ));
        };
        if let Some(id) = &c.covered_by {
            return Err(CliError::input(format!(
                "--pick {n}: candidate {n} is already covered by {id}"
            ))
            .with_hint(format!(
                "link new incidents to it: tix link {id} related ID..."
            )));
        }
        if !out.contains(&i) {
            out.push(i);
        }
    }
    Ok(out)
}

fn create(ctx: &mut Context, args: &ProblemsArgs, now: DateTime<Utc>) -> Result<(), CliError> {
    let actor = ctx.actor()?;
    let when = ctx.clock.now();
    let (repo, out) = ctx.repo_and_out()?;
    if !repo.config().schema.types.iter().any(|t| t == PROBLEM) {
        return Err(CliError::input(format!(
            "this desk has no ticket type `{PROBLEM}`, which --create opens"
        ))
        .with_hint(format!(
            "add {PROBLEM} to `types` in .tix/config.yaml, or leave out --create to only list the candidates"
        )));
    }
    // Found under the lock, so two runs at once cannot both open the same problem.
    let lock = if args.dry_run {
        None
    } else {
        Some(repo.lock()?)
    };
    let mut found = find(repo, out, args, now)?;
    let picked = chosen(&found.candidates, &args.pick)?;
    let mut created: Vec<Created> = Vec::new();
    for c in picked.iter().filter_map(|&i| found.candidates.get(i)) {
        created.push(Created {
            candidate: c.number,
            id: None,
            title: c.title.clone(),
            category: c.category.clone(),
            asset: found.asset_of(c)?,
            incidents: c.incidents.clone(),
        });
    }
    let Some(lock) = lock.filter(|_| !created.is_empty()) else {
        // A dry run, or nothing to open.
        if args.format == Format::Json {
            out.data(&document(
                Format::Json,
                found.doc(args, &created, args.dry_run),
            )?);
        } else if created.is_empty() {
            out.status(&if found.candidates.is_empty() {
                found.nothing(args)
            } else {
                "Nothing to create: every candidate is covered by a problem ticket.".to_string()
            });
        } else {
            for c in &created {
                out.data(&format!(
                    "would create: {} (related to {})",
                    c.title,
                    c.incidents.join(", ")
                ));
            }
        }
        return Ok(());
    };

    let mut problems: Vec<(Ticket, Automation)> = Vec::new();
    let mut used = HashSet::new();
    for &i in &picked {
        let Some(c) = found.candidates.get(i) else {
            continue;
        };
        let mut id = repo.new_id()?;
        while !used.insert(id.clone()) {
            id = repo.new_id()?;
        }
        let mut ticket = found.problem(c, id)?;
        let auto = super::new::prepare(repo, &mut ticket, false)?;
        problems.push((ticket, auto));
    }
    let mut incidents: Vec<super::context::Changed> = Vec::new();
    for ((problem, _), &i) in problems.iter().zip(&picked) {
        let Some(c) = found.candidates.get(i) else {
            continue;
        };
        for id in found.incident_ids(c) {
            let changed = super::context::change_one(repo, id, &mut |t: &mut Ticket, _: &_| {
                link::attach(t, LinkKind::Related, &problem.id)?;
                Ok(())
            })?;
            incidents.extend(changed);
        }
    }
    let mut message = match problems.as_slice() {
        [(one, _)] => {
            let mut m = CommitMessage::for_tickets("problem", &[(one.id.as_str(), &one.title)]);
            m.subject = format!("{} problem: {}", one.id, one.title);
            m
        }
        many => {
            let named: Vec<(&str, &str)> = many
                .iter()
                .map(|(t, _)| (t.id.as_str(), t.title.as_str()))
                .collect();
            CommitMessage::for_tickets("problem", &named)
        }
    };
    for (_, after, _) in &incidents {
        message
            .trailers
            .push(("Tix-Ticket".to_string(), after.id.to_string()));
    }
    for auto in problems
        .iter()
        .map(|(_, a)| a)
        .chain(incidents.iter().map(|(_, _, a)| a))
    {
        auto.decorate(&mut message);
    }
    let written: Vec<&Ticket> = problems
        .iter()
        .map(|(t, _)| t)
        .chain(incidents.iter().map(|(_, after, _)| after))
        .collect();
    repo.commit(lock, &written, &message, &actor, when)?;

    for ((problem, _), entry) in problems.iter().zip(created.iter_mut()) {
        entry.id = Some(problem.id.to_string());
        if let Some(c) = found
            .candidates
            .iter_mut()
            .find(|c| c.number == entry.candidate)
        {
            c.covered_by = Some(problem.id.to_string());
        }
    }
    if args.format == Format::Json {
        out.data(&document(Format::Json, found.doc(args, &created, false))?);
    }
    for (problem, auto) in &problems {
        if args.format != Format::Json {
            out.data(problem.id.as_str());
        }
        let related = problem.links.get(LinkKind::Related).len();
        out.status(&format!(
            "Created problem {}: {}, related to {related} incidents",
            problem.id, problem.title
        ));
        auto.report_and_notify(repo, out, problem);
    }
    for (_, after, auto) in &incidents {
        auto.report_and_notify(repo, out, after);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_time_ago_a_day_or_an_instant() {
        assert_eq!(since("7d"), Ok(Since::Ago(7 * 86_400)));
        assert_eq!(since("12h"), Ok(Since::Ago(12 * 3600)));
        assert_eq!(since("2w"), Ok(Since::Ago(14 * 86_400)));
        assert!(matches!(since("2026-03-01"), Ok(Since::When(When::Day(_)))));
        assert!(matches!(
            since("2026-03-01T09:00:00Z"),
            Ok(Since::When(When::At(_)))
        ));
        assert!(since("last week").is_err());
    }
}
