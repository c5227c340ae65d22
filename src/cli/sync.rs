//! `tix sync`: share the desk with the team's remote in one step.

use std::io::IsTerminal;

use clap::Args;

use super::Context;
use crate::error::CliError;

/// Fetch, merge and push the ticket repository
///
/// Fetches the current branch's upstream (or the only remote's branch of the same name), merges
/// it (tickets merge field by field through tix's merge driver; --rebase rebases instead), and
/// pushes; when the remote moved in between, does it again. Nothing to do is a quiet success.
/// fetch and push run the `git` command, so your credentials, SSH agent and proxies work as
/// for git itself. A conflict that needs a person (one field set to two values) stops with the
/// files to fix and the command to continue.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Rebase local commits onto the remote instead of merging
    #[arg(long)]
    pub rebase: bool,

    /// Fetch and say what would be merged and pushed; change nothing else
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &mut Context, args: &SyncArgs) -> Result<(), CliError> {
    // The merge commit is the actor's, as every tix commit is.
    let env: Vec<(String, String)> = match ctx.actor() {
        Ok(actor) => {
            let email = actor.email.clone().unwrap_or_default();
            vec![
                ("GIT_AUTHOR_NAME".into(), actor.name.clone()),
                ("GIT_AUTHOR_EMAIL".into(), email.clone()),
                ("GIT_COMMITTER_NAME".into(), actor.name),
                ("GIT_COMMITTER_EMAIL".into(), email),
            ]
        }
        Err(_) => Vec::new(),
    };
    let progress = std::io::stderr().is_terminal() && !ctx.out.quiet;
    let (repo, out) = ctx.repo_and_out()?;
    let (up, report) = repo.sync(args.rebase, args.dry_run, progress, &env)?;
    let target = format!("{}/{}", up.remote, up.branch);
    if args.dry_run {
        out.status(&format!(
            "Would bring in {} commit(s) from {target} and push {} commit(s); nothing changed.",
            report.pulled, report.pushed
        ));
    } else if report.pulled > 0 || report.pushed > 0 {
        let retried = if report.retries > 0 {
            format!(" (the remote moved meanwhile; {} retry)", report.retries)
        } else {
            String::new()
        };
        out.status(&format!(
            "Synced with {target}: {} commit(s) in, {} out{retried}.",
            report.pulled, report.pushed
        ));
    }
    Ok(())
}
