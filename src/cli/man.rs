//! `tix man`: the manual pages, printed or installed.
//!
//! `cargo install` installs a binary and nothing else, so the pages tix is documented in would
//! stay in the source tree; `tix man --install DIR` puts them where `man` finds them. The pages
//! are the ones `tix generate man` writes into man/, from the same command definitions.

use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::generate::man_pages;
use crate::error::CliError;

/// Print or install the manual pages
///
/// Without options, prints the page of tix, or of the command named (`tix man sla check`), as
/// roff on stdout: `tix man list | man -l -`. With --install DIR, writes every page into
/// DIR/man1 (creating it) and prints the path of each file written. After `cargo install`, run
/// `tix man --install ~/.local/share/man` once: `man` looks there when ~/.local/bin is on PATH,
/// otherwise add the directory to MANPATH.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `list` or `sla check` (default: tix itself)
    #[arg(value_name = "COMMAND", conflicts_with = "install")]
    pub command: Vec<String>,

    /// Write every page into DIR/man1, creating it
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub install: Option<PathBuf>,
}

pub fn run(ctx: &mut Context, args: &ManArgs) -> Result<(), CliError> {
    let pages = man_pages();
    let Some(dir) = &args.install else {
        let name = std::iter::once("tix")
            .chain(args.command.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("-");
        let file = format!("man/{name}.1");
        let (_, page) = pages.iter().find(|(rel, _)| *rel == file).ok_or_else(|| {
            CliError::input(format!(
                "no manual page for `{}`; `tix --help` lists the commands",
                name.replace('-', " ")
            ))
        })?;
        ctx.out.data(&String::from_utf8_lossy(page));
        return Ok(());
    };
    let man1 = ctx.dir.join(dir).join("man1");
    let fail = |path: &std::path::Path, e: std::io::Error| {
        CliError::repository(format!("{}: {e}", path.display()))
    };
    std::fs::create_dir_all(&man1).map_err(|e| fail(&man1, e))?;
    let mut written = String::new();
    for (rel, page) in &pages {
        let name = rel.strip_prefix("man/").unwrap_or(rel);
        let path = man1.join(name);
        std::fs::write(&path, page).map_err(|e| fail(&path, e))?;
        written.push_str(&format!("{}\n", path.display()));
    }
    ctx.out.data(&written);
    Ok(())
}
