//! `tix init`: make a directory a ticket repository.

use clap::Args;

use super::Context;
use crate::error::CliError;
use crate::store::{InitOutcome, Repo};

/// Make this directory a ticket repository
///
/// Runs `git init` if the directory is not inside a Git repository yet, writes a commented
/// default .tix/config.yaml (workflow, types, priorities, categories, ID prefix) and commits it.
/// Running it again changes nothing.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Prefix of ticket IDs, e.g. IT for IT-7KQ2M4X1
    #[arg(long, default_value = "IT")]
    pub prefix: String,
}

pub fn run(ctx: &mut Context, args: &InitArgs) -> Result<(), CliError> {
    let actor = ctx.actor()?;
    match Repo::init(&ctx.dir, Some(&args.prefix), &actor, ctx.clock.now())? {
        InitOutcome::AlreadyInitialised => {
            ctx.out
                .status("Already initialised: .tix/config.yaml exists; nothing changed.");
        }
        InitOutcome::Created { git_initialised } => {
            if git_initialised {
                ctx.out.status(&format!(
                    "Initialised an empty Git repository in {}",
                    ctx.dir.display()
                ));
            }
            ctx.out
                .status("Created .tix/config.yaml and committed it. Next: tix new --title \"...\"");
        }
    }
    Ok(())
}
