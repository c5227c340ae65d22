//! The `tix` binary: parse the command line, run it, turn the outcome into an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use tix::cli::Cli;
use tix::domain::text::{escape_controls, shorten_quotes};

fn main() -> ExitCode {
    // A shell asking for completions (TIX_COMPLETE set) gets them and nothing else.
    if let Some(code) = tix::cli::complete_if_asked() {
        return code;
    }
    tix::store::limit_pack_windows();
    let cli = Cli::parse();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let mut stderr = std::io::stderr().lock();
            // Messages quote user input: no terminal escape may ride along, and no megabyte value.
            let message = shorten_quotes(&error.message);
            let _ = writeln!(stderr, "error: {}", escape_controls(&message, true));
            for cause in error.causes() {
                let cause = shorten_quotes(&cause);
                let _ = writeln!(stderr, "caused by: {}", escape_controls(&cause, true));
            }
            for hint in &error.hints {
                let _ = writeln!(stderr, "hint: {}", escape_controls(hint, true));
            }
            ExitCode::from(error.kind.exit_code())
        }
    }
}
