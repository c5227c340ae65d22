//! `tix comment`: add a public reply or an internal note.

use std::io::Read;

use clap::Args;

use super::Context;
use crate::domain::actor::Actor;
use crate::domain::ticket::Comment;
use crate::error::CliError;

/// Comment on a ticket
///
/// A public comment is a reply the requester may see; it counts as the first response for SLA
/// purposes when an agent writes it. An --internal note is for agents only. An --automated
/// comment (an auto-reply, a monitoring integration's update) is shown like any other but never
/// counts for the clocks: not as a response, not as a requester message waiting for one.
#[derive(Debug, Args)]
pub struct CommentArgs {
    /// Ticket ID or a unique prefix of it
    pub id: String,

    /// The comment text; `-` reads it from stdin
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,

    /// An internal note, hidden from the requester
    #[arg(long)]
    pub internal: bool,

    /// Written by a machine: never a response or a requester message for the SLA clocks
    #[arg(long)]
    pub automated: bool,

    /// Record the comment as written by someone else (e.g. the requester's mail); default: the actor
    #[arg(long, value_name = "WHO")]
    pub author: Option<String>,
}

pub fn run(ctx: &mut Context, args: &CommentArgs) -> Result<(), CliError> {
    let body = match args.message.as_deref() {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| CliError::input(format!("-m -: cannot read stdin: {e}")))?;
            text.trim_end().to_string()
        }
        Some(text) => text.to_string(),
        None if ctx.interactive() => crate::prompt::text("Comment")?,
        None => {
            return Err(CliError::input(
                "missing -m TEXT: the comment to add (or -m - to read stdin)",
            ));
        }
    };
    if body.trim().is_empty() {
        return Err(CliError::input("the comment is empty"));
    }
    let author = match &args.author {
        Some(who) => Actor::parse(who)
            .ok_or_else(|| {
                CliError::input(format!(
                    "--author {} is not a name or \"Name <email>\" without control characters",
                    crate::domain::text::quote_for_message(who)
                ))
            })?
            .to_string(),
        None => ctx.actor()?.to_string(),
    };
    let internal = args.internal;
    let action = if internal { "note" } else { "comment" };
    let updated = ctx.update(&args.id, action, |ticket, _| {
        ticket.comments.push(Comment {
            author,
            body,
            internal,
            automated: args.automated,
        });
        Ok(())
    })?;
    if let Some(t) = updated {
        let what = if internal { "internal note" } else { "comment" };
        ctx.out.status(&format!("Added {what} to {}", t.id));
        if !internal && !args.automated {
            warn_if_not_an_agent(
                ctx,
                &t,
                &t.comments
                    .last()
                    .map(|c| c.author.clone())
                    .unwrap_or_default(),
            )?;
        }
    }
    Ok(())
}

/// A public comment by someone who is neither an agent nor the requester counts, for the SLA
/// clocks, as a requester message, not a response. On a desk with agents that is almost always
/// a missing `agents:` entry (the README tour once hit it), so say so instead of letting the
/// first-response clock run on silently.
fn warn_if_not_an_agent(
    ctx: &mut Context,
    ticket: &crate::domain::ticket::Ticket,
    author: &str,
) -> Result<(), CliError> {
    let config = ctx.repo()?.config();
    if config.agents.is_empty() {
        return Ok(());
    }
    let engine = config.engine_context();
    let is_requester = ticket
        .requester
        .as_deref()
        .is_some_and(|r| crate::domain::actor::same_person(r, author));
    if !engine.is_agent(author) && !is_requester {
        ctx.out.warn(&format!(
            "{author} is not an agent, so this public comment counts as a requester message, not a response; add them under agents: in .tix/config.yaml if they answer tickets"
        ));
    }
    Ok(())
}
