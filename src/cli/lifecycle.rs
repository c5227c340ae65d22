//! `tix start|pending|resolve|close|reopen`: move a ticket through the workflow.

use clap::Args;

use super::Context;
use super::targets::Targets;
use crate::domain::lifecycle::{self, Action};
use crate::domain::ticket::Comment;
use crate::error::CliError;

/// Flags every lifecycle command shares.
#[derive(Debug, Args)]
pub struct MoveArgs {
    #[command(flatten)]
    pub targets: Targets,

    /// Also add a public comment with this text, in the same commit
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,
}

/// Start work on a ticket
///
/// Moves the ticket to the workflow's `start` status (in_progress by default).
#[derive(Debug, Args)]
pub struct StartArgs {
    #[command(flatten)]
    pub common: MoveArgs,
}

/// Wait on the requester or a third party
///
/// Moves the ticket to the workflow's `pending` status, which pauses SLA clocks that pause on it.
#[derive(Debug, Args)]
pub struct PendingArgs {
    #[command(flatten)]
    pub common: MoveArgs,
}

/// Resolve a ticket, saying what fixed it
///
/// Moves the ticket to the workflow's `resolve` status and records the resolution text.
#[derive(Debug, Args)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub common: MoveArgs,

    /// What fixed it; required (asked for on a terminal if missing)
    #[arg(short, long, value_name = "TEXT")]
    pub resolution: Option<String>,

    /// Resolve a parent ticket even though some of its child tasks are still open
    #[arg(long)]
    pub force: bool,

    /// The knowledge-base article that solved it (kb/SLUG.md), repeatable; recorded in the
    /// ticket's `kb` list and counted by `tix report`
    #[arg(long = "kb", value_name = "SLUG")]
    pub kb: Vec<String>,
}

/// Close a resolved ticket
#[derive(Debug, Args)]
pub struct CloseArgs {
    #[command(flatten)]
    pub common: MoveArgs,

    /// Close a parent ticket even though some of its child tasks are still open
    #[arg(long)]
    pub force: bool,
}

/// Reopen a resolved or closed ticket
///
/// Moves the ticket to the workflow's `reopen` status and clears the resolution (the old one
/// stays in history). Only finished tickets (a done or cancelled status) can be reopened.
#[derive(Debug, Args)]
pub struct ReopenArgs {
    #[command(flatten)]
    pub common: MoveArgs,
}

pub fn start(ctx: &mut Context, args: &StartArgs) -> Result<(), CliError> {
    apply(ctx, &args.common, Action::Start, "Started")
}

pub fn pending(ctx: &mut Context, args: &PendingArgs) -> Result<(), CliError> {
    apply(ctx, &args.common, Action::Pending, "Set pending")
}

pub fn resolve(ctx: &mut Context, args: &ResolveArgs) -> Result<(), CliError> {
    let resolution = match args.resolution.as_deref().map(str::trim) {
        Some("") => {
            return Err(CliError::input(
                "--resolution is empty; say what fixed the problem",
            ));
        }
        Some(text) => text.to_string(),
        None if ctx.interactive() => crate::prompt::text("Resolution")?,
        None => {
            return Err(CliError::input(
                "missing --resolution TEXT: say what fixed the problem",
            ));
        }
    };
    ctx.allow_open_children = args.force;
    super::kb::check_used(ctx, &args.kb)?;
    apply_then(
        ctx,
        &args.common,
        Action::Resolve { resolution },
        "Resolved",
        |ticket| {
            for slug in &args.kb {
                if !ticket.kb.contains(slug) {
                    ticket.kb.push(slug.clone());
                }
            }
        },
    )
}

pub fn close(ctx: &mut Context, args: &CloseArgs) -> Result<(), CliError> {
    ctx.allow_open_children = args.force;
    apply(ctx, &args.common, Action::Close, "Closed")
}

pub fn reopen(ctx: &mut Context, args: &ReopenArgs) -> Result<(), CliError> {
    apply(ctx, &args.common, Action::Reopen, "Reopened")
}

fn apply(ctx: &mut Context, args: &MoveArgs, action: Action, done: &str) -> Result<(), CliError> {
    apply_then(ctx, args, action, done, |_| ())
}

/// As [`apply`], with `also` changing each ticket after the move, in the same commit.
fn apply_then(
    ctx: &mut Context,
    args: &MoveArgs,
    action: Action,
    done: &str,
    also: impl Fn(&mut crate::domain::ticket::Ticket),
) -> Result<(), CliError> {
    if args.message.as_deref().is_some_and(|m| m.trim().is_empty()) {
        return Err(CliError::input(
            "--message is empty; leave it out or write the comment",
        ));
    }
    let author = ctx.actor()?.to_string();
    let comment = args.message.as_ref().map(|body| Comment {
        author,
        body: body.clone(),
        internal: false,
        automated: false,
    });
    let report = |t: &crate::domain::ticket::Ticket| format!("{done} {} ({})", t.id, t.status);
    args.targets
        .apply(ctx, action.name(), report, |ticket, schema| {
            lifecycle::apply(ticket, &schema.workflow, &action, comment.clone())
                .map_err(CliError::from)?;
            also(ticket);
            Ok(())
        })?;
    Ok(())
}
