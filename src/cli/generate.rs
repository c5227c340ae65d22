//! Hidden `tix generate`: writes the man pages in man/ and the completions in completions/.
//!
//! The committed files are checked by a test that regenerates them, so `--help` and the man pages
//! never drift apart. Refresh them with `cargo run -- generate all .`.

use std::fs;
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;

use super::{Cli, Context};
use crate::error::CliError;

/// Write generated documentation files
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// What to generate
    #[arg(value_enum)]
    pub what: What,

    /// Project directory to write man/ and completions/ into
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum What {
    Man,
    Completions,
    All,
}

pub fn run(ctx: &mut Context, args: &GenerateArgs) -> Result<(), CliError> {
    let files = match args.what {
        What::Man => man_pages(),
        What::Completions => completion_files(),
        What::All => man_pages().into_iter().chain(completion_files()).collect(),
    };
    for (rel, content) in &files {
        let path = args.dir.join(rel);
        write(&path, content)?;
    }
    ctx.out.status(&format!(
        "Wrote {} files under {}",
        files.len(),
        args.dir.display()
    ));
    Ok(())
}

fn write(path: &Path, content: &[u8]) -> Result<(), CliError> {
    let fail = |e: std::io::Error| CliError::repository(format!("{}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(fail)?;
    }
    fs::write(path, content).map_err(fail)
}

/// `man/tix.1` and one page per subcommand (`man/tix-new.1`, ...).
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let cmd = Cli::command();
    let mut page = Vec::new();
    // Rendering into a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd.clone()).render(&mut page);
    page.extend_from_slice(EXIT_STATUS.as_bytes());
    out.push(("man/tix.1".to_string(), page));
    sub_pages("tix", &cmd, &mut out);
    out
}

/// One page per visible subcommand of `cmd`, recursively: `tix-sla.1`, `tix-sla-check.1`, ...
/// (the SEE ALSO section of a page names its subcommands' pages, so each must exist).
fn sub_pages(prefix: &str, cmd: &clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("{prefix}-{}", sub.get_name());
        let renamed = sub
            .clone()
            .name(clap::builder::Str::from(name.clone().leak() as &'static str));
        let mut page = Vec::new();
        let _ = clap_mangen::Man::new(renamed).render(&mut page);
        out.push((format!("man/{name}.1"), page));
        sub_pages(&name, sub, out);
    }
}

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
A check found problems (\fBtix check\fR found invalid data).
.TP
\fB2\fR
The user must fix something: bad usage or input, unknown ticket, ambiguous ID prefix, invalid status transition, invalid configuration.
.TP
\fB3\fR
Repository or environment problem: not a ticket repository, lock held by another tix, uncommitted edits to a ticket tix must write, Git failure.
.SH ENVIRONMENT
.TP
\fBTIX_ACTOR\fR
Who is acting ("Name <email>"), when --actor is not given; otherwise git's user.name and user.email.
.TP
\fBTIX_NOW\fR
An RFC 3339 time used as the current time and as the date of commits tix makes.
.TP
\fBTIX_LOCK_TIMEOUT\fR
Seconds a writing tix waits for another one to finish (default 10).
"#;

/// `completions/tix.bash`, `_tix` (zsh), `tix.fish`, `tix.elv`, `_tix.ps1`.
pub fn completion_files() -> Vec<(String, Vec<u8>)> {
    [
        (Shell::Bash, "tix.bash"),
        (Shell::Zsh, "_tix"),
        (Shell::Fish, "tix.fish"),
        (Shell::Elvish, "tix.elv"),
        (Shell::PowerShell, "_tix.ps1"),
    ]
    .into_iter()
    .map(|(shell, name)| {
        (
            format!("completions/{name}"),
            super::completions::script(shell).into_bytes(),
        )
    })
    .collect()
}
