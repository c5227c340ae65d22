//! `tix completions`: shell completion scripts.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Context};
use crate::error::CliError;

/// Print a shell completion script
///
/// Examples: `tix completions bash > ~/.local/share/bash-completion/completions/tix`,
/// `tix completions zsh > ~/.zfunc/_tix`, `tix completions fish > ~/.config/fish/completions/tix.fish`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(ctx: &mut Context, args: &CompletionsArgs) -> Result<(), CliError> {
    ctx.out.data(&script(args.shell));
    Ok(())
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tix", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
