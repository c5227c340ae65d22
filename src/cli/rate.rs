//! `tix rate`: record the requester's satisfaction with a finished ticket.

use clap::Args;

use super::Context;
use crate::domain::satisfaction;
use crate::error::{CliError, ErrorKind};

/// Rate a resolved or closed ticket from 1 to 5
///
/// Records how satisfied the requester is with the resolution: 1 very unsatisfied, 3 neutral,
/// 5 very satisfied, with an optional comment, in one commit. Run by the requester, or by an
/// agent on the requester's behalf (recorded as such). Rating again replaces the rating; the
/// history keeps every one. Open tickets cannot be rated. Ratings feed the satisfaction figures
/// of reports (CSAT: the share of 4s and 5s).
///
/// Example: tix rate 7KQ2 5 -m "Fixed within the hour, thanks"
#[derive(Debug, Args)]
pub struct RateArgs {
    /// Ticket ID or a unique prefix of it
    pub id: String,

    /// 1 (very unsatisfied) to 5 (very satisfied)
    #[arg(value_parser = clap::value_parser!(u8).range(1..=5))]
    pub score: u8,

    /// A comment on the resolution
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,
}

pub fn run(ctx: &mut Context, args: &RateArgs) -> Result<(), CliError> {
    let actor = ctx.actor()?.to_string();
    let updated = ctx.update(&args.id, "rate", |ticket, schema| {
        satisfaction::rate(
            ticket,
            &schema.workflow,
            args.score,
            args.message.as_deref(),
            &actor,
        )
        .map_err(|e| CliError::from_error(ErrorKind::Input, e))
    })?;
    match updated {
        Some(t) => ctx.out.status(&format!("Rated {} {}/5", t.id, args.score)),
        None => ctx
            .out
            .status("No changes: the ticket already has this rating."),
    }
    Ok(())
}
