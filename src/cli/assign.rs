//! `tix assign`: give a ticket an owner.

use clap::Args;

use super::Context;
use crate::error::CliError;

/// Assign a ticket to someone, or take the assignee off
#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Ticket ID or a unique prefix of it
    pub id: String,

    /// Who will work on it (a name or email)
    #[arg(required_unless_present = "unassign", conflicts_with = "unassign")]
    pub assignee: Option<String>,

    /// Remove the assignee
    #[arg(long)]
    pub unassign: bool,
}

pub fn run(ctx: &mut Context, args: &AssignArgs) -> Result<(), CliError> {
    let assignee = args.assignee.as_deref().map(str::trim);
    if assignee == Some("") {
        return Err(CliError::input(
            "the assignee is empty; name someone, or use --unassign",
        ));
    }
    let updated = ctx.update(&args.id, "assign", |ticket, _| {
        ticket.assignee = assignee.map(str::to_string);
        Ok(())
    })?;
    match (updated, assignee) {
        (Some(t), Some(who)) => ctx.out.status(&format!("Assigned {} to {who}.", t.id)),
        (Some(t), None) => ctx.out.status(&format!("Unassigned {}", t.id)),
        (None, _) => ctx
            .out
            .status("No changes: the ticket already has that assignee."),
    }
    Ok(())
}
