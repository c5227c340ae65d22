//! Where output goes: requested data to stdout, everything else (status, warnings) to stderr.
//!
//! Commands never print directly; they hand text to [`Output`], which knows whether stdout is a
//! terminal, how wide it is, and whether the user asked for quiet.

use std::io::{self, IsTerminal, Write};

/// The machine-readable formats of data commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for people (the default).
    Table,
    /// One JSON document with `"version": 1`; field names are documented in README.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// The JSON document's content as YAML.
    Yaml,
}

/// The terminal and the user's wishes about output.
#[derive(Debug, Clone)]
pub struct Output {
    pub quiet: bool,
    pub stdout_is_tty: bool,
    /// Table width: the terminal's, or `COLUMNS`; `None` when piped (tables do not wrap then).
    pub width: Option<u16>,
}

impl Output {
    /// Detects the terminal; `COLUMNS` wins over the detected width so tests can pin it.
    pub fn detect(quiet: bool) -> Output {
        let stdout_is_tty = io::stdout().is_terminal();
        let from_env = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<u16>().ok());
        let from_tty = terminal_size::terminal_size().map(|(w, _)| w.0);
        let width = from_env
            .or(if stdout_is_tty { from_tty } else { None })
            .map(|w| w.max(20));
        Output {
            quiet,
            stdout_is_tty,
            width,
        }
    }

    /// Writes requested data to stdout. A closed pipe (`tix list | head`) is not an error.
    pub fn data(&self, text: &str) {
        let mut out = io::stdout().lock();
        let _ = out.write_all(text.as_bytes()).and_then(|()| {
            if text.ends_with('\n') || text.is_empty() {
                Ok(())
            } else {
                out.write_all(b"\n")
            }
        });
        let _ = out.flush();
    }

    /// A status line on stderr ("Created IT-7KQ2M4X1"), silenced by `--quiet`.
    pub fn status(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(io::stderr().lock(), "{text}");
        }
    }

    /// A warning on stderr; never silenced.
    pub fn warn(&self, text: &str) {
        let _ = writeln!(io::stderr().lock(), "warning: {text}");
    }
}
