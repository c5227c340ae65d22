//! `tix new`: open a ticket.

use std::collections::BTreeMap;
use std::io::Read;

use chrono::{DateTime, FixedOffset};
use clap::Args;

use super::Context;
use super::automation::Automation;
use crate::domain::actor::Actor;
use crate::domain::ticket::{Comment, Ticket, split_tags};
use crate::error::CliError;
use crate::store::{CommitMessage, Repo, WriteLock};

/// Open a new ticket and print its ID
///
/// The new ID is printed alone on stdout, so scripts can capture it:
/// `id=$(tix new --title "VPN drops every hour" --priority P2)`.
/// Without --title on a terminal, tix asks for it; in scripts it is required.
///
/// Values cannot hold control characters (newline, tab, ESC...); the description may hold line
/// breaks and tabs. A title has at most 200 characters, a description 64 KiB. If the ID cannot be
/// written to stdout (a full disk), tix exits with 3 and names the created ticket on stderr.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// One-line summary of the request, at most 200 characters
    #[arg(short, long)]
    pub title: Option<String>,

    /// Kind of ticket (from the config's `types`; default `default_type`)
    #[arg(long = "type", value_name = "TYPE")]
    pub ticket_type: Option<String>,

    /// Priority (from the config's `priorities`; default `default_priority`)
    #[arg(short, long)]
    pub priority: Option<String>,

    /// Category (from the config's `categories`)
    #[arg(long)]
    pub category: Option<String>,

    /// Who asked for it
    #[arg(long, value_name = "WHO")]
    pub requester: Option<String>,

    /// Who works on it
    #[arg(long, value_name = "WHO")]
    pub assignee: Option<String>,

    /// Team responsible
    #[arg(long)]
    pub team: Option<String>,

    /// Impact (from the config's `priority_matrix.impacts`); with --urgency it sets the
    /// priority through the matrix
    #[arg(long)]
    pub impact: Option<String>,

    /// Urgency (from the config's `priority_matrix.urgencies`)
    #[arg(long)]
    pub urgency: Option<String>,

    /// Longer description; `-` reads it from stdin
    #[arg(short, long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Custom field, repeatable: --field room=B12
    #[arg(long = "field", value_name = "KEY=VALUE", value_parser = super::values::custom_field)]
    pub fields: Vec<(String, String)>,

    /// Tag, repeatable (or comma-separated)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Due date: YYYY-MM-DD or an RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub due: Option<String>,

    /// The asset the request is about (assets/NAME.yaml, see `tix asset`)
    #[arg(long, value_name = "NAME")]
    pub asset: Option<String>,

    /// Make the ticket from .tix/templates/NAME.yaml: its defaults, typed fields (give them
    /// with --field) and child tasks, all in one commit (`tix template list` shows them)
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,

    /// A first public comment from you, in the same commit. When an agent opens a ticket with
    /// one, it is the first response (sla.agent_opened: public_message)
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,
}

/// The --description text (`-` reads stdin); blank is none.
pub(super) fn description(args: &NewArgs) -> Result<Option<String>, CliError> {
    text_arg("--description", args.description.as_deref())
}

/// A text flag's value, `-` reading stdin (`flag` names it in the error); blank is none.
pub(super) fn text_arg(flag: &str, value: Option<&str>) -> Result<Option<String>, CliError> {
    Ok(match value {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| CliError::input(format!("{flag} -: cannot read stdin: {e}")))?;
            Some(text.trim_end().to_string()).filter(|t| !t.is_empty())
        }
        other => other.map(str::to_string).filter(|t| !t.trim().is_empty()),
    })
}

pub fn run(ctx: &mut Context, args: &NewArgs) -> Result<(), CliError> {
    if let Some(name) = &args.template {
        return super::template::new_from(ctx, args, name);
    }
    let title = match &args.title {
        Some(title) => title.clone(),
        None if ctx.interactive() => crate::prompt::text("Title")?,
        None => {
            return Err(CliError::input(
                "missing --title: give a one-line summary, e.g. --title \"Printer on floor 2 jams\"",
            ));
        }
    };
    let description = description(args)?;
    let fields: BTreeMap<String, String> = args.fields.iter().cloned().collect();
    if args.message.as_deref().is_some_and(|m| m.trim().is_empty()) {
        return Err(CliError::input(
            "--message is empty; leave it out or write the comment",
        ));
    }
    let actor = ctx.actor()?;
    let when = ctx.clock.now();
    let interactive = ctx.interactive();
    let today = ctx.clock.now_utc().date_naive();
    let (repo, out) = ctx.repo_and_out()?;
    let schema = &repo.config().schema;
    if (args.impact.is_some() || args.urgency.is_some()) && repo.config().priority_matrix.is_none()
    {
        return Err(CliError::input(
            "--impact and --urgency need a priority_matrix in .tix/config.yaml",
        ));
    }
    let lock = repo.lock()?;
    let mut ticket = Ticket::draft(schema, repo.new_id()?, title.trim().to_string());
    fill(&mut ticket, args, description, fields, &actor);
    let auto = commit_new(
        repo,
        lock,
        &mut ticket,
        args.priority.is_some(),
        Vec::new(),
        &actor,
        when,
    )?;
    // The ticket exists now; if its ID cannot reach stdout, stderr must carry it.
    let printed = out.data_now(ticket.id.as_str());
    auto.report_and_notify(repo, out, &ticket);
    super::asset::warn_for_ticket(repo, out, &ticket, today);
    // Only a person at a terminal reads hints; scripts pay nothing for them.
    if interactive && !out.quiet {
        super::suggest::after_new(repo, out, &ticket);
    }
    match printed {
        Err(reason) => Err(CliError::repository(format!(
            "cannot write to standard output: {reason}; the ticket was created as {}",
            ticket.id
        ))),
        Ok(_) => Ok(()),
    }
}

/// Puts what the command line gives on `ticket`, over what it holds (a template's defaults):
/// values given replace, tags and custom fields add.
pub(super) fn fill(
    ticket: &mut Ticket,
    args: &NewArgs,
    description: Option<String>,
    fields: BTreeMap<String, String>,
    actor: &Actor,
) {
    let set = |slot: &mut Option<String>, value: &Option<String>| {
        if value.is_some() {
            slot.clone_from(value);
        }
    };
    if let Some(t) = &args.ticket_type {
        ticket.ticket_type = t.clone();
    }
    if let Some(p) = &args.priority {
        ticket.priority = p.clone();
    }
    set(&mut ticket.category, &args.category);
    set(&mut ticket.requester, &args.requester);
    set(&mut ticket.assignee, &args.assignee);
    set(&mut ticket.team, &args.team);
    set(&mut ticket.due, &args.due);
    set(&mut ticket.asset, &args.asset);
    set(&mut ticket.description, &description);
    set(&mut ticket.impact, &args.impact);
    set(&mut ticket.urgency, &args.urgency);
    for tag in args.tags.iter().flat_map(|t| split_tags(t)) {
        ticket.add_tag(&tag);
    }
    ticket.comments = args
        .message
        .iter()
        .map(|body| Comment {
            author: actor.to_string(),
            body: body.clone(),
            internal: false,
            automated: false,
        })
        .collect();
    ticket.fields.extend(fields);
}

/// Readies a drafted ticket as `tix new` does, before it is committed: validated, its asset
/// checked, run through automation (priority matrix, rules, auto-assignment), validated again.
///
/// # Errors
/// An invalid ticket, an unknown asset, a refused assignee or team.
pub(super) fn prepare(
    repo: &Repo,
    ticket: &mut Ticket,
    explicit_priority: bool,
) -> Result<Automation, CliError> {
    let schema = &repo.config().schema;
    ticket.validate(schema)?;
    super::asset::check_named(repo, None, ticket.asset.as_deref())?;
    let auto = super::automation::automate(repo, None, ticket, explicit_priority)?;
    ticket.validate(schema)?;
    Ok(auto)
}

/// Creates a drafted ticket as `tix new` does: validated, run through automation (priority
/// matrix, rules, auto-assignment), validated again, and committed by `actor` together with
/// `files` (repository path, content) in one commit. Returns what automation did, to report
/// with [`Automation::report_and_notify`] once the caller has printed its result.
///
/// # Errors
/// An invalid ticket, a refused assignee or team, lock or Git failures; nothing is written.
pub(super) fn commit_new(
    repo: &Repo,
    lock: WriteLock,
    ticket: &mut Ticket,
    explicit_priority: bool,
    files: Vec<(String, Vec<u8>)>,
    actor: &Actor,
    when: DateTime<FixedOffset>,
) -> Result<Automation, CliError> {
    let auto = prepare(repo, ticket, explicit_priority)?;
    let mut message = CommitMessage::for_ticket(ticket.id.as_str(), "new", &ticket.title);
    auto.decorate(&mut message);
    repo.commit_with(lock, &[ticket], files, &message, actor, when)?;
    Ok(auto)
}
