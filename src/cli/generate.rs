//! Hidden `tix generate`: writes the man pages in man/, the completions in completions/ and the
//! exit-code table of README.md.
//!
//! The committed files are checked by a test that regenerates them, so `--help`, the man pages
//! and README never drift apart. Refresh them with `cargo run -- generate all .`.

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
    let readme = args.dir.join("README.md");
    if matches!(args.what, What::All) && readme.exists() {
        let fail = |e: std::io::Error| CliError::repository(format!("{}: {e}", readme.display()));
        let text = fs::read_to_string(&readme).map_err(fail)?;
        let updated = with_generated_tables(&text).map_err(|(begin, end)| {
            CliError::input(format!(
                "{}: no `{begin}` ... `{end}` block for a generated table",
                readme.display()
            ))
        })?;
        if updated != text {
            write(&readme, updated.as_bytes())?;
        }
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

/// `man/tix.1` and one page per visible subcommand (`man/tix-new.1`, `man/tix-sla-check.1`, ...).
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut root = Cli::command();
    // Building names every subcommand for the pages (`tix sla check`, `tix-sla-check`) and
    // copies the global flags into each, so every page lists them.
    root.build();
    let mut pages = Vec::new();
    collect_pages(&root, None, &mut pages);
    let existing: Vec<String> = pages.iter().map(|p| page_name(p.0)).collect();
    pages
        .iter()
        .map(|(cmd, parent)| {
            let name = page_name(cmd);
            (
                format!("man/{name}.1"),
                render_page(cmd, *parent, &existing).into_bytes(),
            )
        })
        .collect()
}

/// Every command that gets a page, with its parent: tix itself, then each visible subcommand,
/// recursively (clap's `help` subcommand is not a page: `tix help X` is `tix X --help`).
fn collect_pages<'a>(
    cmd: &'a clap::Command,
    parent: Option<&'a clap::Command>,
    out: &mut Vec<(&'a clap::Command, Option<&'a clap::Command>)>,
) {
    out.push((cmd, parent));
    for sub in page_subcommands(cmd) {
        collect_pages(sub, Some(cmd), out);
    }
}

fn page_subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// `tix`, `tix-list`, `tix-sla-check`: the page's name (and file name).
fn page_name(cmd: &clap::Command) -> String {
    cmd.get_display_name().unwrap_or(cmd.get_name()).to_string()
}

/// One man page: clap_mangen's sections, with tix's own synopsis (the command as typed, with
/// the values its options take), command list, EXIT STATUS, ENVIRONMENT and SEE ALSO.
fn render_page(cmd: &clap::Command, parent: Option<&clap::Command>, existing: &[String]) -> String {
    let version = cmd.get_version().unwrap_or_default();
    let man = clap_mangen::Man::new(cmd.clone())
        .source(format!("tix {version}"))
        .manual("tix manual");
    let mut text = String::new();
    append(&mut text, |w| man.render_title(w));
    append(&mut text, |w| man.render_name_section(w));
    text.push_str(&synopsis(cmd));
    append(&mut text, |w| man.render_description_section(w));
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        append(&mut text, |w| man.render_options_section(w));
    }
    text.push_str(&commands_section(cmd));
    if parent.is_none() {
        text.push_str(&format!(".SH VERSION\nv{}\n", roff(version)));
    }
    text.push_str(&exit_status());
    text.push_str(&environment_section());
    text.push_str(&see_also(cmd, parent, existing));
    text
}

/// Appends what `render` writes to `text`. Each piece clap_mangen renders opens with the same
/// two-line preamble; the page keeps it once.
fn append(text: &mut String, render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) {
    let mut piece = Vec::new();
    // Rendering into a Vec cannot fail.
    let _ = render(&mut piece);
    let first = text.is_empty();
    for line in String::from_utf8_lossy(&piece).split_inclusive('\n') {
        if first || !is_preamble(line) {
            text.push_str(line);
        }
    }
}

/// The lines clap_mangen opens every rendered piece with (defining the `Aq` string).
fn is_preamble(line: &str) -> bool {
    line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq")
}

/// Escapes text for roff: backslashes, hyphens (so they are not hyphenation points) and a
/// leading period or quote, which would start a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

fn bold(text: &str) -> String {
    format!("\\fB{}\\fR", roff(text))
}

fn italic(text: &str) -> String {
    format!("\\fI{}\\fR", roff(text))
}

/// `tix list [--status STATUS]... [-a|--all] ... [GLOBAL OPTIONS]`: the command as it is typed,
/// each option with the value it takes; the global flags, the same on every page, are named
/// once and listed under GLOBAL OPTIONS.
fn synopsis(cmd: &clap::Command) -> String {
    let is_root = cmd.get_bin_name().is_none_or(|b| !b.contains(' '));
    let name = cmd.get_bin_name().unwrap_or(cmd.get_name());
    let mut words = vec![bold(name)];
    let mut globals = false;
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        if arg.is_global_set() && !is_root {
            globals = true;
            continue;
        }
        words.push(synopsis_word(arg));
    }
    if globals {
        words.push(format!("[{}]", italic("GLOBAL OPTIONS")));
    }
    if page_subcommands(cmd).next().is_some() {
        let command = italic("COMMAND");
        words.push(if cmd.is_subcommand_required_set() {
            format!("<{command}>")
        } else {
            format!("[{command}]")
        });
    }
    format!(".SH SYNOPSIS\n{}\n", words.join(" "))
}

/// One option or positional argument in the synopsis: `[-f|--format FORMAT]`, `<ID>`,
/// `[--tag TAG]...`.
fn synopsis_word(arg: &clap::Arg) -> String {
    let value_names: Vec<String> = match arg.get_value_names() {
        Some(names) => names.iter().map(ToString::to_string).collect(),
        None => vec![arg.get_id().as_str().to_uppercase()],
    };
    let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
    let repeats = matches!(arg.get_action(), clap::ArgAction::Append)
        || arg
            .get_num_args()
            .is_some_and(|n| n.max_values() > value_names.len());
    let mut word = if arg.is_positional() {
        value_names
            .iter()
            .map(|v| italic(v))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        let flag = match (arg.get_short(), arg.get_long()) {
            (Some(short), Some(long)) => format!(
                "{}|{}",
                bold(&format!("-{short}")),
                bold(&format!("--{long}"))
            ),
            (Some(short), None) => bold(&format!("-{short}")),
            (None, Some(long)) => bold(&format!("--{long}")),
            (None, None) => String::new(),
        };
        if takes_values {
            let values: Vec<String> = value_names.iter().map(|v| italic(v)).collect();
            format!("{flag} {}", values.join(" "))
        } else {
            flag
        }
    };
    let required = arg.is_required_set();
    word = if required {
        if arg.is_positional() {
            format!("<{word}>")
        } else {
            word
        }
    } else {
        format!("[{word}]")
    };
    if repeats {
        word.push_str("...");
    }
    word
}

/// COMMANDS: each subcommand's page and summary.
fn commands_section(cmd: &clap::Command) -> String {
    let subs: Vec<&clap::Command> = page_subcommands(cmd).collect();
    if subs.is_empty() {
        return String::new();
    }
    let mut out = String::from(".SH COMMANDS\n");
    for sub in subs {
        out.push_str(&format!(
            ".TP\n{}\n",
            bold(&format!("{}(1)", page_name(sub)))
        ));
        if let Some(about) = sub.get_about() {
            out.push_str(&format!("{}\n", roff(&about.to_string())));
        }
    }
    out
}

/// SEE ALSO: tix(1), the parent command's page, the sibling pages of a command group
/// (`tix-sla-explain(1)` on `tix-sla-check(1)`) and the subcommands' pages; only pages that are
/// generated, so every reference resolves.
fn see_also(cmd: &clap::Command, parent: Option<&clap::Command>, existing: &[String]) -> String {
    let own = page_name(cmd);
    let mut refs: Vec<String> = vec!["tix".to_string()];
    if let Some(parent) = parent {
        refs.push(page_name(parent));
        if parent.get_bin_name().is_some_and(|b| b.contains(' ')) {
            refs.extend(page_subcommands(parent).map(page_name));
        }
    }
    refs.extend(page_subcommands(cmd).map(page_name));
    let mut seen = Vec::new();
    let refs: Vec<String> = refs
        .into_iter()
        .filter(|r| *r != own && existing.contains(r))
        .filter(|r| {
            let new = !seen.contains(r);
            seen.push(r.clone());
            new
        })
        .map(|r| format!("{}(1)", bold(&r)))
        .collect();
    let mut refs = refs;
    refs.push(format!("{}(1)", bold("git")));
    format!(".SH \"SEE ALSO\"\n{}\n", refs.join(", "))
}

/// The markers around README's exit-code table.
pub const README_BEGIN: &str =
    "<!-- exit-codes: generated by `tix generate all .` from src/error.rs -->";
pub const README_END: &str = "<!-- /exit-codes -->";

/// The markers around README's table of environment variables.
pub const ENV_BEGIN: &str =
    "<!-- environment: generated by `tix generate all .` from src/cli/generate.rs -->";
pub const ENV_END: &str = "<!-- /environment -->";

/// README's exit-code table, in Markdown.
pub fn exit_code_table() -> String {
    let mut out = String::from("| code | meaning |\n|---|---|\n");
    for (code, meaning) in crate::error::EXIT_CODES {
        out.push_str(&format!("| {code} | {meaning} |\n"));
    }
    out
}

/// README's table of environment variables, in Markdown.
pub fn environment_table() -> String {
    let mut out = String::from("| variable | meaning |\n|---|---|\n");
    for (name, meaning) in ENVIRONMENT {
        out.push_str(&format!("| `{name}` | {meaning} |\n"));
    }
    out
}

/// `readme` with the generated tables (exit codes, environment) brought up to date; the missing
/// markers when a block is not there.
pub fn with_generated_tables(readme: &str) -> Result<String, (&'static str, &'static str)> {
    let readme = replace_block(readme, README_BEGIN, README_END, &exit_code_table())
        .ok_or((README_BEGIN, README_END))?;
    replace_block(&readme, ENV_BEGIN, ENV_END, &environment_table()).ok_or((ENV_BEGIN, ENV_END))
}

/// `text` with the lines between `begin` and `end` replaced by `table`.
fn replace_block(text: &str, begin: &str, end: &str, table: &str) -> Option<String> {
    let start = text.find(begin)? + begin.len();
    let stop = start + text[start..].find(end)?;
    Some(format!("{}\n{table}{}", &text[..start], &text[stop..]))
}

/// The man page's EXIT STATUS section, from the same table.
fn exit_status() -> String {
    let mut out = String::from(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in crate::error::EXIT_CODES {
        let meaning = roff(&meaning.replace('`', ""));
        out.push_str(&format!(".TP\n{}\n{meaning}\n", bold(&code.to_string())));
    }
    out
}

/// Every environment variable tix reads, with its meaning: the man pages' ENVIRONMENT section
/// and README's table come from this one list.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "TIX_ACTOR",
        "who is acting (`Name <email>` or a name), when `--actor` is not given; else git's `user.name` and `user.email`",
    ),
    (
        "TIX_NOW",
        "an RFC 3339 time used as \"now\" and as the date of the commits tix makes (tests, replays, imports); from 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z",
    ),
    (
        "TIX_LOCK_TIMEOUT",
        "seconds a writing tix waits for another tix, or for a git command holding `.git/index.lock` or the branch's lock (default 10): a number from 0 to 3600, fractions allowed",
    ),
    (
        "TIX_PAGER",
        "the pager for long output on a terminal, before `PAGER` (default `less -FRX`; set but empty, or `cat`, means none); `--no-pager` turns paging off",
    ),
    ("PAGER", "the pager, when `TIX_PAGER` is not set"),
    (
        "VISUAL",
        "the editor of `tix edit` without `--set`, before `EDITOR`",
    ),
    ("EDITOR", "the editor, when `VISUAL` is not set"),
    (
        "NO_COLOR",
        "when set and not empty, no colour under `--color auto`",
    ),
    (
        "CLICOLOR_FORCE",
        "when set and not `0`, colour under `--color auto` even when stdout is not a terminal",
    ),
    ("TERM", "`dumb` means no colour under `--color auto`"),
    (
        "COLUMNS",
        "table width; without it tables fit the terminal, and piped output is not wrapped",
    ),
    (
        "TZ",
        "the local time zone, in which a bare date such as `--as-of 2026-03-02` ends",
    ),
    (
        "TIX_COMPLETE",
        "set by the completion scripts (`tix completions SHELL`) when they ask tix for candidates",
    ),
    (
        "TIX_SEED",
        "tests only: a number; new IDs come from a sequence seeded with it (the first free one), so a test run gets the same IDs every time",
    ),
    (
        "TIX_TEST_CRASH_AT",
        "tests only: SIGKILL tix at the Nth step of its next write (README: \"Safe writes\")",
    ),
    (
        "TIX_INDEX_WRITER",
        "benchmarks only: `libgit2` or `git` instead of tix's index splicer (`bench/index-writers.sh`)",
    ),
];

/// The man pages' ENVIRONMENT section.
fn environment_section() -> String {
    let mut out = String::from(".SH ENVIRONMENT\n");
    for (name, meaning) in ENVIRONMENT {
        out.push_str(&format!(
            ".TP\n{}\n{}\n",
            bold(name),
            roff(&meaning.replace('`', ""))
        ));
    }
    out
}

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
