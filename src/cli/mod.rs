//! The command line: clap definitions, one file per command, and the dispatch.
//!
//! Handlers are thin: parse, open the repository, call the domain and the store, render. The
//! only place that lists every command is [`Command`] and its `run` match.

mod asset;
mod assign;
mod audit;
mod automation;
mod calendar;
mod check;
mod comment;
mod completions;
mod context;
mod demo;
mod edit;
mod escalate;
mod export;
pub mod generate;
mod githooks;
mod import;
mod init;
mod intake;
mod kb;
mod lifecycle;
mod link;
mod list;
mod log;
mod man;
mod merge_file;
mod new;
mod problems;
mod query_help;
mod rate;
pub mod render;
mod report;
mod show;
mod sla;
mod suggest;
mod sync;
mod targets;
mod template;
mod values;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use completions::complete_if_asked;
pub use context::Context;

use crate::error::{CliError, EXIT_CODES};

/// The exit-code table for `tix --help`, from the one table README and the man page use too.
/// Wrapped here, with a hanging indent, to fit the 100 columns help is drawn in.
fn exit_codes_help() -> String {
    const WIDTH: usize = 96;
    let mut out = String::from("Exit codes:");
    for (code, meaning) in EXIT_CODES {
        let mut line = format!("  {code:>3}  ");
        for word in meaning.replace('`', "").split_whitespace() {
            if line.len() + 1 + word.len() > WIDTH {
                out.push('\n');
                out.push_str(line.trim_end());
                line = " ".repeat(7);
            } else if !line.ends_with(' ') {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push('\n');
        out.push_str(&line);
    }
    out
}

/// IT service-desk tickets in a Git repository
///
/// Every request becomes a ticket with an ID, a status, a priority and an owner, kept as a YAML
/// file under tickets/ in a Git repository. Every change is one commit authored by whoever made
/// it, so `git log` is the audit trail and `git push`/`git pull` share the desk.
///
/// Start with `tix init` in a new or existing repository, or `tix demo` to watch a ticket's life
/// in a throwaway repository.
///
/// Writes are crash-safe: tix holds .git/index.lock while it writes, and a write interrupted by
/// a crash is finished or undone by the next tix command, whichever it is.
#[derive(Debug, Parser)]
#[command(
    name = "tix",
    version,
    max_term_width = 100,
    propagate_version = true,
    after_long_help = exit_codes_help(),
    // Every subcommand's help lists the global flags apart from its own.
    next_help_heading = "Global options"
)]
pub struct Cli {
    /// Run as if tix was started in DIR
    #[arg(short = 'C', global = true, value_name = "DIR", id = "chdir", value_hint = clap::ValueHint::DirPath)]
    pub chdir: Option<PathBuf>,

    /// Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git's user.name and
    /// user.email
    #[arg(long, global = true, value_name = "WHO")]
    pub actor: Option<String>,

    /// Print no status messages on stderr (errors and warnings still appear)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Never prompt, even on a terminal; missing values are errors that name the flag to pass
    #[arg(long, global = true)]
    pub no_input: bool,

    /// Allow commits while HEAD is detached (not on a branch); without it tix refuses to write
    /// there, as such commits belong to no branch and are easily lost
    #[arg(long, global = true)]
    pub detached: bool,

    /// When to colour tables and tickets; JSON, CSV and YAML never are. Wins over NO_COLOR
    /// and CLICOLOR_FORCE
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t)]
    pub color: crate::output::ColorChoice,

    /// Do not page long output on a terminal (through TIX_PAGER, PAGER or `less -FRX`)
    #[arg(long, global = true)]
    pub no_pager: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// Every tix command.
#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::InitArgs),
    New(new::NewArgs),
    Template(template::TemplateArgs),
    List(list::ListArgs),
    Query(query_help::QueryArgs),
    Show(show::ShowArgs),
    Edit(edit::EditArgs),
    Assign(assign::AssignArgs),
    Comment(comment::CommentArgs),
    Link(link::LinkArgs),
    Unlink(link::UnlinkArgs),
    Start(lifecycle::StartArgs),
    Pending(lifecycle::PendingArgs),
    Resolve(lifecycle::ResolveArgs),
    Close(lifecycle::CloseArgs),
    Reopen(lifecycle::ReopenArgs),
    Rate(rate::RateArgs),
    Kb(kb::KbArgs),
    Suggest(suggest::SuggestArgs),
    Asset(asset::AssetArgs),
    Export(export::ExportArgs),
    Import(import::ImportArgs),
    Intake(intake::IntakeArgs),
    Report(report::ReportArgs),
    Problems(problems::ProblemsArgs),
    Log(log::LogArgs),
    MergeFile(merge_file::MergeFileArgs),
    Sla(sla::SlaArgs),
    Calendar(calendar::CalendarArgs),
    Sync(sync::SyncArgs),
    Escalate(escalate::EscalateArgs),
    Audit(audit::AuditArgs),
    Check(check::CheckArgs),
    Hooks(githooks::HooksArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
    Demo(demo::DemoArgs),
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
}

impl Cli {
    /// Runs the parsed command.
    ///
    /// # Errors
    /// Whatever the command reports; `main` turns it into the exit code.
    pub fn run(self) -> Result<(), CliError> {
        let mut ctx = Context::new(&self)?;
        let result = match &self.command {
            Command::Init(args) => init::run(&mut ctx, args),
            Command::New(args) => new::run(&mut ctx, args),
            Command::List(args) => list::run(&mut ctx, args),
            Command::Query(args) => query_help::run(&mut ctx, args),
            Command::Show(args) => show::run(&mut ctx, args),
            Command::Edit(args) => edit::run(&mut ctx, args),
            Command::Assign(args) => assign::run(&mut ctx, args),
            Command::Comment(args) => comment::run(&mut ctx, args),
            Command::Link(args) => link::link(&mut ctx, args),
            Command::Asset(args) => asset::run(&mut ctx, args),
            Command::Template(args) => template::run(&mut ctx, args),
            Command::Unlink(args) => link::unlink(&mut ctx, args),
            Command::Start(args) => lifecycle::start(&mut ctx, args),
            Command::Pending(args) => lifecycle::pending(&mut ctx, args),
            Command::Resolve(args) => lifecycle::resolve(&mut ctx, args),
            Command::Close(args) => lifecycle::close(&mut ctx, args),
            Command::Reopen(args) => lifecycle::reopen(&mut ctx, args),
            Command::Rate(args) => rate::run(&mut ctx, args),
            Command::Kb(args) => kb::run(&mut ctx, args),
            Command::Suggest(args) => suggest::run(&mut ctx, args),
            Command::Log(args) => log::run(&mut ctx, args),
            Command::MergeFile(args) => merge_file::run(&mut ctx, args),
            Command::Sla(args) => sla::run(&mut ctx, args),
            Command::Report(args) => report::run(&mut ctx, args),
            Command::Problems(args) => problems::run(&mut ctx, args),
            Command::Export(args) => export::run(&mut ctx, args),
            Command::Import(args) => import::run(&mut ctx, args),
            Command::Intake(args) => intake::run(&mut ctx, args),
            Command::Calendar(args) => calendar::run(&mut ctx, args),
            Command::Sync(args) => sync::run(&mut ctx, args),
            Command::Escalate(args) => escalate::run(&mut ctx, args),
            Command::Audit(args) => audit::run(&mut ctx, args),
            Command::Check(args) => check::run(&mut ctx, args),
            Command::Hooks(args) => githooks::run(&mut ctx, args),
            Command::Completions(args) => completions::run(&mut ctx, args),
            Command::Man(args) => man::run(&mut ctx, args),
            Command::Demo(args) => demo::run(&mut ctx, args),
            Command::Generate(args) => generate::run(&mut ctx, args),
        };
        ctx.report_repairs();
        // A command that failed says why; one that worked may still have lost its output.
        result.and_then(|()| ctx.out.finish())
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        super::Cli::command().debug_assert();
    }
}
