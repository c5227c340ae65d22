//! `tix assign`: give a ticket an owner.

use clap::Args;

use super::Context;
use super::targets::Targets;
use crate::domain::rules::Assigner;
use crate::error::CliError;

/// Assign tickets to someone, or take the assignee off
///
/// The assignee must be one of the config's agents unless `free_form_assignees: true`.
/// With --auto, tix picks an agent of each ticket's team by the team's strategy (round-robin,
/// least-loaded or skills; agents marked away are skipped) and says why on stderr.
///
/// As with `cp`, the last word is who, the others are tickets; several tickets (or --query)
/// are changed in one commit, all or nothing:
///   tix assign 7KQ2 bob
///   tix assign 7KQ2 9XT4 bob
///   tix assign --query 'team:network status:new' --auto --dry-run
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AssignArgs {
    /// Ticket IDs or unique prefixes, then who will work on them (an agent's name or email);
    /// with --to, --unassign or --auto every word is a ticket
    #[arg(value_name = "ID... WHO", required_unless_present = "query")]
    pub words: Vec<String>,

    /// Who will work on them, when every word is a ticket (@me: you)
    #[arg(long, value_name = "WHO", conflicts_with_all = ["unassign", "auto"])]
    pub to: Option<String>,

    /// Remove the assignee
    #[arg(long, conflicts_with = "auto")]
    pub unassign: bool,

    /// Pick an agent of each ticket's team by the team's assignment strategy
    #[arg(long)]
    pub auto: bool,

    /// Also every ticket this query selects, in the language of `tix list` (`tix help query`)
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,

    /// Print what would change, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl AssignArgs {
    /// The tickets, and who (`None`: --unassign or --auto).
    fn split(&self) -> Result<(Targets, Option<String>), CliError> {
        let mut ids = self.words.clone();
        let who = if self.unassign || self.auto {
            None
        } else if let Some(to) = &self.to {
            Some(to.clone())
        } else if ids.len() >= 2 || (self.query.is_some() && ids.len() == 1) {
            ids.pop()
        } else {
            return Err(CliError::input(
                "say who: tix assign ID... WHO, or pass --to WHO, --unassign or --auto",
            ));
        };
        let targets = Targets {
            ids,
            query: self.query.clone(),
            dry_run: self.dry_run,
        };
        Ok((targets, who))
    }
}

pub fn run(ctx: &mut Context, args: &AssignArgs) -> Result<(), CliError> {
    let (targets, who) = args.split()?;
    if args.auto {
        return run_auto(ctx, &targets);
    }
    // `@me` is the actor, as in queries: by the agent's name when the actor is an agent.
    let who = match who.as_deref().map(str::trim) {
        Some("@me") => {
            let me = ctx.actor()?;
            let repo = ctx.repo()?;
            Some(
                repo.config()
                    .agent(&me.to_string())
                    .map_or_else(|| me.name.clone(), |agent| agent.name.clone()),
            )
        }
        other => other.map(str::to_string),
    };
    let assignee = who.as_deref().map(str::trim);
    if assignee == Some("") {
        return Err(CliError::input(
            "the assignee is empty; name someone, or use --unassign",
        ));
    }
    let done = |t: &crate::domain::ticket::Ticket| match assignee {
        Some(who) => format!("Assigned {} to {who}.", t.id),
        None => format!("Unassigned {}", t.id),
    };
    targets.apply(ctx, "assign", done, |ticket, _| {
        ticket.assignee = assignee.map(str::to_string);
        Ok(())
    })?;
    Ok(())
}

fn run_auto(ctx: &mut Context, targets: &Targets) -> Result<(), CliError> {
    let repo = ctx.repo()?;
    let mut assigner = super::automation::load_assigner(repo)?;
    let mut reasons = Vec::new();
    let outcome = targets.apply(
        ctx,
        "assign",
        |_| String::new(),
        |ticket, _| {
            let team = ticket.team.clone().ok_or_else(|| {
            CliError::input(format!(
                "{} has no team to pick an agent from; set one first: tix edit {} --set team=NAME",
                ticket.id, ticket.id
            ))
        })?;
            let pick = assigner.pick(ticket, &team);
            match pick.agent {
                Some(agent) => {
                    reasons.push((ticket.id.clone(), agent.clone(), pick.reason));
                    ticket.assignee = Some(agent);
                    Ok(())
                }
                None => Err(CliError::input(format!(
                    "nobody to assign {} to: {}; it stays unassigned",
                    ticket.id, pick.reason
                ))),
            }
        },
    )?;
    for (id, agent, reason) in reasons {
        if targets.dry_run {
            ctx.out
                .status(&format!("Pick for {id}: {agent} ({reason})"));
        } else if outcome.changed.iter().any(|(_, t)| t.id == id) {
            ctx.out
                .status(&format!("Assigned {id} to {agent} ({reason})"));
        } else {
            ctx.out.status(&format!(
                "No changes to {id}: the pick is the current assignee ({reason})."
            ));
        }
    }
    Ok(())
}
