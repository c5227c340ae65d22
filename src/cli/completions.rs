//! `tix completions`: shell completion that asks tix itself for the candidates.
//!
//! The script a shell sources only registers `tix` and, on every TAB, runs
//! `TIX_COMPLETE=SHELL tix -- WORDS...` (clap_complete's dynamic engine). So the candidates come
//! from the desk the command line is about: ticket IDs in their short form with the title as a
//! description (where the shell shows one), and the statuses, priorities, types, categories,
//! agents, teams and calendars of .tix/config.yaml. A completion reads only the config and the
//! list cache, never history, and every failure (no desk, a broken config) simply means no
//! candidates: a shell prompt is no place for an error message. Hidden commands (`generate`)
//! are never offered.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Command, CommandFactory};
use clap_complete::Shell;
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{CompleteEnv, EnvCompleter};

use super::{Cli, Context};
use crate::domain::field::Field;
use crate::domain::id::{self, ShortIds, TicketId};
use crate::error::CliError;
use crate::store::Repo;

/// The environment variable that turns a run of `tix` into a completion request.
pub const VAR: &str = "TIX_COMPLETE";

/// Print a shell completion script
///
/// The script asks tix for candidates on every TAB, so ticket IDs (with their titles), statuses,
/// priorities, agents and teams come from the desk you are in (or the one -C names).
///
/// Load it from your shell's startup file: bash `source <(tix completions bash)` in ~/.bashrc,
/// zsh `source <(tix completions zsh)` in ~/.zshrc (after compinit), fish
/// `tix completions fish > ~/.config/fish/completions/tix.fish`.
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

/// The registration script for `shell`: it calls `tix` back through [`VAR`].
pub fn script(shell: Shell) -> String {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &clap_complete::env::Bash,
        Shell::Elvish => &clap_complete::env::Elvish,
        Shell::Fish => &clap_complete::env::Fish,
        Shell::PowerShell => &clap_complete::env::Powershell,
        // Zsh, and any shell clap_complete adds later: zsh's script is the safest guess.
        _ => &clap_complete::env::Zsh,
    };
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail. The scripts call `tix` from PATH, as the shell runs it.
    let _ = completer.write_registration(VAR, "tix", "tix", "tix", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Answers a completion request (`TIX_COMPLETE` set) and returns the exit code; `None` for an
/// ordinary run. Called first thing in `main`, before anything can print.
pub fn complete_if_asked() -> Option<ExitCode> {
    std::env::var_os(VAR)?;
    let cwd = std::env::current_dir().ok();
    let env = CompleteEnv::with_factory(completion_command)
        .var(VAR)
        .bin("tix")
        .completer("tix");
    match env.try_complete(std::env::args_os(), cwd.as_deref()) {
        Ok(true) => Some(ExitCode::SUCCESS),
        Ok(false) => None,
        // Silent: whatever the shell shows on stderr lands in the middle of the command line.
        Err(_) => Some(ExitCode::from(1)),
    }
}

/// The command tree completion walks: tix's own, without hidden commands (the engine would
/// offer one whose name is the only match for what was typed), with candidates attached.
pub fn completion_command() -> Command {
    let full = Cli::command();
    let visible = full
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .cloned();
    let cmd = Command::new("tix")
        .version(env!("CARGO_PKG_VERSION"))
        .propagate_version(true)
        .args(full.get_arguments().cloned())
        .subcommands(visible);
    with_candidates(cmd)
}

/// Attaches a candidate source to every argument whose values the desk knows, by argument name,
/// in `cmd` and all its subcommands.
fn with_candidates(cmd: Command) -> Command {
    let cmd = cmd.mut_args(|arg| {
        let filter = arg.get_value_delimiter().is_some();
        match arg.get_id().as_str() {
            "id" | "ids" => arg.add(ArgValueCompleter::new(ticket_ids)),
            "status" => arg.add(ArgValueCandidates::new(|| config_values(statuses))),
            "priority" => arg.add(ArgValueCandidates::new(|| config_values(priorities))),
            "ticket_type" => arg.add(ArgValueCandidates::new(|| config_values(types))),
            "category" => arg.add(ArgValueCandidates::new(|| config_values(categories))),
            "impact" => arg.add(ArgValueCandidates::new(|| config_values(impacts))),
            "urgency" => arg.add(ArgValueCandidates::new(|| config_values(urgencies))),
            "team" => arg.add(ArgValueCandidates::new(|| config_values(teams))),
            // A list filter also takes `-`: unassigned.
            "assignee" if filter => arg.add(ArgValueCandidates::new(|| {
                let mut all = config_values(agents);
                all.push(candidate("-", Some("unassigned".into())));
                all
            })),
            "assignee" => arg.add(ArgValueCandidates::new(|| config_values(agents))),
            "set" => arg.add(ArgValueCompleter::new(assignments)),
            _ => arg,
        }
    });
    let cmd = if cmd.get_name() == "calendar" {
        cmd.mut_arg("name", |arg| {
            arg.add(ArgValueCandidates::new(|| config_values(calendars)))
        })
    } else {
        cmd
    };
    cmd.mut_subcommands(with_candidates)
}

/// A value and what to show beside it.
type Described = (String, Option<String>);

/// Where the values of an argument come from in the desk's config.
type Source = fn(&Repo) -> Vec<Described>;

fn candidate(value: impl Into<OsString>, help: Option<String>) -> CompletionCandidate {
    CompletionCandidate::new(value).help(help.map(Into::into))
}

/// The desk the command line being completed is about: the one `-C DIR` names, else the
/// current directory's. `None` outside a desk.
fn desk() -> Option<Repo> {
    let words: Vec<OsString> = std::env::args_os().collect();
    // The words being completed follow `--`; `-C` takes the next word or is glued to it.
    let words = words
        .iter()
        .position(|w| w == "--")
        .and_then(|i| words.get(i + 1..))
        .unwrap_or_default();
    let mut dir = std::env::current_dir().ok()?;
    let mut iter = words.iter();
    while let Some(word) = iter.next() {
        let chdir = if word == "-C" {
            iter.next().cloned()
        } else {
            word.to_str()
                .and_then(|w| w.strip_prefix("-C"))
                .filter(|w| !w.is_empty())
                .map(OsString::from)
        };
        if let Some(chdir) = chdir {
            dir = dir.join(PathBuf::from(chdir));
        }
    }
    Repo::open(&dir).ok()
}

/// Values from the desk's config, `(value, description)`, as candidates; none outside a desk.
fn config_values(pick: Source) -> Vec<CompletionCandidate> {
    desk().map_or_else(Vec::new, |repo| {
        pick(&repo)
            .into_iter()
            .map(|(value, help)| candidate(value, help))
            .collect()
    })
}

fn plain(values: &[String]) -> Vec<Described> {
    values.iter().map(|v| (v.clone(), None)).collect()
}

fn statuses(repo: &Repo) -> Vec<Described> {
    plain(&repo.config().schema.workflow.statuses)
}

fn priorities(repo: &Repo) -> Vec<Described> {
    plain(&repo.config().schema.priorities)
}

fn types(repo: &Repo) -> Vec<Described> {
    plain(&repo.config().schema.types)
}

fn categories(repo: &Repo) -> Vec<Described> {
    plain(&repo.config().schema.categories)
}

fn impacts(repo: &Repo) -> Vec<Described> {
    plain(&repo.config().schema.impacts)
}

fn urgencies(repo: &Repo) -> Vec<Described> {
    plain(&repo.config().schema.urgencies)
}

fn teams(repo: &Repo) -> Vec<Described> {
    repo.config()
        .teams
        .keys()
        .map(|t| (t.clone(), None))
        .collect()
}

/// Agents by name, described by their email; a name with a space is offered as its email, which
/// every shell can insert as one word (tix accepts either).
fn agents(repo: &Repo) -> Vec<Described> {
    repo.config()
        .agents
        .iter()
        .map(|agent| match &agent.email {
            Some(email) if agent.name.contains(char::is_whitespace) => {
                (email.clone(), Some(agent.name.clone()))
            }
            email => (agent.name.clone(), email.clone()),
        })
        .collect()
}

fn calendars(repo: &Repo) -> Vec<Described> {
    let configured = repo
        .config()
        .sla
        .calendars
        .names()
        .map(|n| (n.to_string(), None));
    configured
        .chain(std::iter::once((
            "24x7".to_string(),
            Some("always open".to_string()),
        )))
        .collect()
}

/// Ticket IDs matching what was typed, in their shortest unique form (as `tix list` shows
/// them), each described by its title and status. What was typed keeps its shape: `IT-7k`
/// completes to `IT-7kq2`, `7K` to `7KQ2`, nothing at all to `IT-7KQ2`.
fn ticket_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let Some(code) = id::normalize_query(typed) else {
        return Vec::new();
    };
    let Some(repo) = desk() else {
        return Vec::new();
    };
    let Ok(listing) = repo.list() else {
        return Vec::new();
    };
    let every: Vec<&TicketId> = listing
        .tickets
        .iter()
        .map(|t| &t.id)
        .chain(&listing.skipped)
        .collect();
    let short = ShortIds::new(every);
    let lower = typed.chars().any(|c| c.is_ascii_lowercase());
    let typed_prefix = id::query_prefix(typed);
    listing
        .tickets
        .iter()
        .filter(|t| t.id.code().starts_with(&code) && t.id.matches_query_prefix(typed))
        .map(|t| {
            let shown = short.get(&t.id);
            let shown_code = shown.rsplit_once('-').map_or(shown.as_str(), |(_, c)| c);
            // At least as long as what was typed, so the shell never shortens the word.
            let len = shown_code.len().max(code.len());
            let code_part = t.id.code().get(..len).unwrap_or(t.id.code());
            let value = match (typed.is_empty(), typed_prefix) {
                (true, _) => format!("{}-{code_part}", t.id.prefix()),
                (false, Some(prefix)) => format!("{prefix}-{code_part}"),
                (false, None) => code_part.to_string(),
            };
            let value = if lower {
                value.to_ascii_lowercase()
            } else {
                value
            };
            candidate(value, Some(format!("{} ({})", t.title, t.status)))
        })
        .collect()
}

/// `--set FIELD=VALUE`: the field names, then the values the config knows for that field.
fn assignments(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let Some((field, value)) = typed.split_once('=') else {
        return Field::names()
            .map(|name| format!("{name}="))
            .chain(std::iter::once("fields.".to_string()))
            .filter(|name| name.starts_with(typed))
            .map(|name| candidate(name, None))
            .collect();
    };
    let pick: Source = match Field::parse(field) {
        Some(Field::Status) => statuses,
        Some(Field::Priority) => priorities,
        Some(Field::Type) => types,
        Some(Field::Category) => categories,
        Some(Field::Impact) => impacts,
        Some(Field::Urgency) => urgencies,
        Some(Field::Team) => teams,
        Some(Field::Assignee) => agents,
        _ => return Vec::new(),
    };
    config_values(pick)
        .into_iter()
        .filter(|c| c.get_value().to_str().is_some_and(|v| v.starts_with(value)))
        .map(|c| c.add_prefix(format!("{field}=")))
        .collect()
}
