//! `tix assign`: give a ticket an owner.

use clap::Args;

use super::Context;
use crate::domain::rules::Assigner;
use crate::error::CliError;

/// Assign a ticket to someone, or take the assignee off
///
/// The assignee must be one of the config's agents unless `free_form_assignees: true`.
/// With --auto, tix picks an agent of the ticket's team by the team's strategy (round-robin,
/// least-loaded or skills; agents marked away are skipped) and says why on stderr.
#[derive(Debug, Args)]
pub struct AssignArgs {
    /// Ticket ID or a unique prefix of it
    pub id: String,

    /// Who will work on it (an agent's name or email)
    #[arg(required_unless_present_any = ["unassign", "auto"], conflicts_with_all = ["unassign", "auto"])]
    pub assignee: Option<String>,

    /// Remove the assignee
    #[arg(long, conflicts_with = "auto")]
    pub unassign: bool,

    /// Pick an agent of the ticket's team by the team's assignment strategy
    #[arg(long)]
    pub auto: bool,
}

pub fn run(ctx: &mut Context, args: &AssignArgs) -> Result<(), CliError> {
    if args.auto {
        return run_auto(ctx, args);
    }
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

fn run_auto(ctx: &mut Context, args: &AssignArgs) -> Result<(), CliError> {
    let repo = ctx.repo()?;
    let mut assigner = super::automation::load_assigner(repo)?;
    let mut reason = String::new();
    let updated = ctx.update(&args.id, "assign", |ticket, _| {
        let team = ticket.team.clone().ok_or_else(|| {
            CliError::input(format!(
                "{} has no team to pick an agent from; set one first: tix edit {} --set team=NAME",
                ticket.id, ticket.id
            ))
        })?;
        let pick = assigner.pick(ticket, &team);
        reason = pick.reason;
        match pick.agent {
            Some(agent) => {
                ticket.assignee = Some(agent);
                Ok(())
            }
            None => Err(CliError::input(format!(
                "nobody to assign {} to: {reason}; it stays unassigned",
                ticket.id
            ))),
        }
    })?;
    match updated {
        Some(t) => ctx.out.status(&format!(
            "Assigned {} to {} ({reason})",
            t.id,
            t.assignee.as_deref().unwrap_or("-")
        )),
        None => ctx.out.status(&format!(
            "No changes: the pick is the current assignee ({reason})."
        )),
    }
    Ok(())
}
