//! `tix init`: make a directory a ticket repository.

use clap::Args;

use super::Context;
use crate::error::CliError;
use crate::store::{InitOutcome, Repo};

/// Make this directory a ticket repository
///
/// Runs `git init` if the directory is not inside a Git repository yet, writes a commented
/// default .tix/config.yaml (workflow, types, priorities, categories, ID prefix) and a
/// .gitattributes line that routes ticket files to tix's merge driver (`tix merge-file`), and
/// commits them; registers the driver in .git/config. Running it again changes nothing, except
/// that a repository set up by an older tix gets the .gitattributes line.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Prefix of ticket IDs, e.g. IT for IT-7KQ2M4X1: letters, digits or '_'
    #[arg(long, default_value = "IT", value_parser = prefix)]
    pub prefix: String,
}

/// `--prefix`, checked before anything is written (no `git init` for a prefix that would fail).
fn prefix(text: &str) -> Result<String, String> {
    if crate::domain::id::is_valid_prefix(text) {
        Ok(text.to_string())
    } else {
        Err("use letters, digits or '_', e.g. IT or HR_EU".to_string())
    }
}

pub fn run(ctx: &mut Context, args: &InitArgs) -> Result<(), CliError> {
    let actor = ctx.actor()?;
    match Repo::init(&ctx.dir, Some(&args.prefix), &actor, ctx.clock.now())? {
        InitOutcome::MergeDriverAdded => {
            ctx.out.status(
                "Already initialised; added .gitattributes so tickets merge field by field (committed).",
            );
        }
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
            ctx.out.status(
                "Created .tix/config.yaml and .gitattributes and committed them. Next: tix new --title \"...\"",
            );
        }
    }
    Ok(())
}
