//! `tix hooks install`: Git hooks that keep broken tickets out of commits.

use clap::{Args, Subcommand};

use super::Context;
use crate::error::CliError;
use crate::store::githooks::HookInstall;

/// Install Git hooks for this clone
#[derive(Debug, Args)]
pub struct HooksArgs {
    #[command(subcommand)]
    pub action: HooksAction,
}

#[derive(Debug, Subcommand)]
pub enum HooksAction {
    Install(InstallArgs),
}

/// Add a pre-commit hook that validates staged tickets and config
///
/// The hook runs `tix check --staged`: a plain `git commit` whose staged ticket files or
/// .tix/config.yaml are invalid is refused, naming each file and line (`git commit --no-verify`
/// skips it). It goes where Git looks for hooks (core.hooksPath, else .git/hooks). Hooks are not
/// cloned, so each clone installs its own; run the same check in CI on push (see README).
/// tix's own commits do not run hooks: tix validates what it writes itself.
#[derive(Debug, Args)]
pub struct InstallArgs {
    /// Replace an existing pre-commit hook (it is kept as pre-commit.before-tix)
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &mut Context, args: &HooksArgs) -> Result<(), CliError> {
    let HooksAction::Install(install) = &args.action;
    let (repo, out) = ctx.repo_and_out()?;
    match repo.install_pre_commit(install.force)? {
        HookInstall::Installed(path) => out.status(&format!("Installed {}", path.display())),
        HookInstall::Replaced(path, aside) => out.status(&format!(
            "Installed {}; the previous hook is now {}",
            path.display(),
            aside.display()
        )),
        HookInstall::AlreadyInstalled(path) => {
            out.status(&format!("Already installed: {}", path.display()));
        }
    }
    Ok(())
}
