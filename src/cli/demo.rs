//! `tix demo`: a guided tour in a throwaway ticket repository.
//!
//! Runs the real binary, command by command, against a fresh repository and shows each command
//! with its output, so a newcomer sees the whole lifecycle and the Git audit trail in one go.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use super::Context;
use crate::error::CliError;

/// Walk through a ticket's life in a throwaway repository
///
/// Creates a ticket repository in a new temporary directory (or --dir), then opens, triages,
/// assigns, comments on, resolves and closes a ticket, printing every command and its output.
/// The repository is kept so you can explore it with tix and git afterwards.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to create the demo repository (must not exist yet)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(ctx: &mut Context, args: &DemoArgs) -> Result<(), CliError> {
    let dir = match &args.dir {
        Some(dir) => ctx.dir.join(dir),
        None => {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis());
            std::env::temp_dir().join(format!("tix-demo-{}-{stamp}", std::process::id()))
        }
    };
    if dir.exists() {
        return Err(CliError::input(format!(
            "--dir {}: already exists; pick a new directory",
            dir.display()
        )));
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| CliError::repository(format!("{}: {e}", dir.display())))?;
    let exe = std::env::current_exe()
        .map_err(|e| CliError::repository(format!("cannot find the tix binary: {e}")))?;
    let agent = "Alice Agent <alice@example.com>";
    let mut out = String::new();
    let tix = |out: &mut String, args: &[&str]| -> Result<String, CliError> {
        run_step(out, &exe, &dir, agent, args)
    };

    say(
        &mut out,
        "A ticket repository is a Git repository with .tix/config.yaml in it.",
    );
    tix(&mut out, &["init", "--prefix", "IT"])?;
    say(
        &mut out,
        "Dana reports a problem; the new ticket's ID is printed alone, for scripts.",
    );
    let id = tix(
        &mut out,
        &[
            "new",
            "--title",
            "Laptop shows a blue screen at boot",
            "--type",
            "incident",
            "--requester",
            "Dana <dana@example.com>",
            "--category",
            "hardware",
            "--description",
            "Since this morning's update.\nError code 0x0000007B.",
        ],
    )?;
    let id = id.trim().to_string();
    let short = id
        .get(..id.len().saturating_sub(4))
        .unwrap_or(&id)
        .to_string();
    for step in TOUR {
        match step {
            Step::Say(text) => say(&mut out, text),
            Step::Tix(args) => {
                let args: Vec<&str> = args
                    .iter()
                    .map(|a| if *a == THE_TICKET { short.as_str() } else { a })
                    .collect();
                tix(&mut out, &args)?;
            }
        }
    }
    let git_log = Command::new("git")
        .args(["log", "--oneline"])
        .current_dir(&dir)
        .output();
    if let Ok(log) = git_log {
        out.push_str("$ git log --oneline\n");
        out.push_str(&String::from_utf8_lossy(&log.stdout));
    }
    say(
        &mut out,
        &format!(
            "Explore it yourself: cd {} && tix list --all",
            dir.display()
        ),
    );
    ctx.out.data(&out);
    Ok(())
}

/// One step of the walkthrough.
enum Step {
    Say(&'static str),
    Tix(&'static [&'static str]),
}

/// Stands for the first ticket's short ID in [`TOUR`].
const THE_TICKET: &str = "@";

/// The walkthrough once the first ticket exists.
const TOUR: &[Step] = &[
    Step::Tix(&[
        "new",
        "--title",
        "Access to the finance share",
        "--type",
        "request",
        "--priority",
        "P4",
        "--category",
        "access",
    ]),
    Step::Say("Triage: raise the priority, assign it; any unique prefix of the ID works."),
    Step::Tix(&[
        "edit",
        THE_TICKET,
        "--set",
        "priority=P2",
        "--set",
        "tags=laptop,boot",
    ]),
    Step::Tix(&["assign", THE_TICKET, "alice"]),
    Step::Tix(&[
        "start",
        THE_TICKET,
        "-m",
        "Looking into it; can you bring the laptop to desk 4?",
    ]),
    Step::Tix(&[
        "comment",
        THE_TICKET,
        "--internal",
        "-m",
        "Storage driver broke with the update; rolling back.",
    ]),
    Step::Tix(&["list"]),
    Step::Say(
        "SLA clocks come from the history: Alice's public reply met the first-response target.",
    ),
    Step::Tix(&["sla"]),
    Step::Say(
        "The workflow is enforced: a ticket in progress cannot be closed before it is resolved.",
    ),
    Step::Tix(&["close", THE_TICKET]),
    Step::Tix(&[
        "resolve",
        THE_TICKET,
        "--resolution",
        "Rolled back the storage driver; boots again.",
    ]),
    Step::Tix(&["close", THE_TICKET]),
    Step::Say("The requester's satisfaction, taken on the phone (recorded as on their behalf):"),
    Step::Tix(&[
        "rate",
        THE_TICKET,
        "5",
        "-m",
        "Back to work within the hour",
    ]),
    Step::Tix(&["show", THE_TICKET]),
    Step::Say("Every change was one commit by its author: the audit trail is git log."),
    Step::Tix(&["log", THE_TICKET]),
    Step::Say(
        "Reports come from the same history; this compact one is what a CI job posts (tix report --help).",
    ),
    Step::Tix(&["report", "--format", "markdown"]),
];

fn say(out: &mut String, text: &str) {
    out.push_str(&format!("\n# {text}\n"));
}

fn run_step(
    out: &mut String,
    exe: &Path,
    dir: &Path,
    agent: &str,
    args: &[&str],
) -> Result<String, CliError> {
    let shown: Vec<String> = args.iter().map(|a| shell_quote(a)).collect();
    out.push_str(&format!("$ tix {}\n", shown.join(" ")));
    let result = Command::new(exe)
        .args(args)
        .current_dir(dir)
        .env("TIX_ACTOR", agent)
        .env_remove("TIX_NOW")
        .output()
        .map_err(|e| CliError::repository(format!("cannot run {}: {e}", exe.display())))?;
    let stdout = String::from_utf8_lossy(&result.stdout).into_owned();
    out.push_str(&stdout);
    out.push_str(&String::from_utf8_lossy(&result.stderr));
    Ok(stdout)
}

/// `text` as one POSIX shell word, so a printed command does what it says when pasted: inside
/// single quotes nothing is special (a line break stays a line break, where Rust's `{:?}` would
/// print a `\n` the shell keeps as two characters), and a `'` is written `'\''`.
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn printed_arguments_are_pasteable_shell_words() {
        assert_eq!(shell_quote("--title"), "--title");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("one.\ntwo"), "'one.\ntwo'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
        assert_eq!(shell_quote(""), "''");
    }
}
