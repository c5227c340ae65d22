//! The `tix` binary: parse the command line, run it, turn the outcome into an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use tix::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "error: {}", error.message);
            for hint in &error.hints {
                let _ = writeln!(stderr, "hint: {hint}");
            }
            ExitCode::from(error.kind.exit_code())
        }
    }
}
