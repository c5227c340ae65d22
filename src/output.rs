//! Where output goes: requested data to stdout, everything else (status, warnings) to stderr.
//!
//! Commands never print directly; they hand text to [`Output`], which knows whether stdout is a
//! terminal, how wide it is, and whether the user asked for quiet.
//!
//! Two promises hold for everything printed here. Control characters other than line breaks and
//! tabs are shown as `\u001b` escapes, because ticket text comes from requesters and must not
//! steer the reader's terminal (that form is also a valid escape in JSON and YAML strings, the
//! only places a JSON or YAML document can hold such a character). And a failed write to stdout
//! is an error the command reports (exit 3), except a closed pipe (`tix list | head`), after which
//! the command finishes quietly with exit 0, as ripgrep does.

use std::cell::RefCell;
use std::io::{self, IsTerminal, Write};

use crate::domain::text::escape_controls;
use crate::error::CliError;

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
#[derive(Debug)]
pub struct Output {
    pub quiet: bool,
    pub stdout_is_tty: bool,
    /// Table width: the terminal's, or `COLUMNS`; `None` when piped (tables do not wrap then).
    pub width: Option<u16>,
    /// The first failed write to stdout; later data is dropped.
    stdout_error: RefCell<Option<io::Error>>,
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
            stdout_error: RefCell::new(None),
        }
    }

    /// Writes requested data to stdout. A failure is kept for [`Output::finish`] (and
    /// [`Output::data_now`]); once a write failed, later data is dropped.
    pub fn data(&self, text: &str) {
        if self.stdout_error.borrow().is_some() {
            return;
        }
        let text = escape_controls(text, true);
        let mut out = io::stdout().lock();
        let written = out
            .write_all(text.as_bytes())
            .and_then(|()| {
                if text.ends_with('\n') || text.is_empty() {
                    Ok(())
                } else {
                    out.write_all(b"\n")
                }
            })
            .and_then(|()| out.flush());
        if let Err(e) = written {
            *self.stdout_error.borrow_mut() = Some(e);
        }
    }

    /// Writes data that must not be lost, such as a new ticket's ID, and says at once whether it
    /// reached stdout: `Err` with the reason, `Ok(false)` for a closed pipe.
    pub fn data_now(&self, text: &str) -> Result<bool, String> {
        self.data(text);
        match self.stdout_error.borrow().as_ref() {
            None => Ok(true),
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
            Some(e) => Err(io_reason(e)),
        }
    }

    /// The outcome of the command's writes to stdout, to check once it is done: a write error
    /// (disk full, I/O error) fails the command; a closed pipe does not.
    ///
    /// # Errors
    /// A write to stdout failed for another reason than a closed pipe.
    pub fn finish(&self) -> Result<(), CliError> {
        match self.stdout_error.borrow_mut().take() {
            Some(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(CliError::repository(format!(
                "cannot write to standard output: {}",
                io_reason(&e)
            ))),
            _ => Ok(()),
        }
    }

    /// A status line on stderr ("Created IT-7KQ2M4X1"), silenced by `--quiet`.
    pub fn status(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(io::stderr().lock(), "{}", escape_controls(text, true));
        }
    }

    /// One of several errors on stderr (each bad record of an import), before the command's
    /// own error; never silenced.
    pub fn error_line(&self, text: &str) {
        let _ = writeln!(
            io::stderr().lock(),
            "error: {}",
            escape_controls(text, true)
        );
    }

    /// A warning on stderr; never silenced.
    pub fn warn(&self, text: &str) {
        let _ = writeln!(
            io::stderr().lock(),
            "warning: {}",
            escape_controls(text, true)
        );
    }

    /// A progress display for a long command, on stderr: drawn only when stderr is a terminal
    /// and `--quiet` is off, so piped and scripted runs print exactly what they did before.
    pub fn progress(&self) -> Progress {
        let shown = !self.quiet && io::stderr().is_terminal();
        Progress { bar: None, shown }
    }
}

/// An I/O error as a person reads it: "No space left on device", without "(os error 28)".
/// The phase a long command is in, with a count when it has one (`validating 812/10000`).
#[derive(Debug)]
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    shown: bool,
}

impl Progress {
    /// A phase without a count (reading a file): a spinner.
    pub fn phase(&mut self, name: &str) {
        self.start(name, None);
    }

    /// A phase of `total` steps: a bar with its count.
    pub fn counted(&mut self, name: &str, total: usize) {
        self.start(name, Some(total as u64));
    }

    /// `done` steps of the counted phase are done (cheap: drawing is rate-limited).
    pub fn set(&self, done: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
        }
    }

    /// Removes the display, before a command prints its result or its errors.
    pub fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    fn start(&mut self, name: &str, total: Option<u64>) {
        self.clear();
        if !self.shown {
            return;
        }
        let (bar, template) = match total {
            Some(total) => (
                indicatif::ProgressBar::new(total),
                "{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})",
            ),
            None => (
                indicatif::ProgressBar::new_spinner(),
                "{spinner} {msg} ({elapsed})",
            ),
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(escape_controls(name, false).into_owned());
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        self.bar = Some(bar);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

pub fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(pos) if text.ends_with(')') => text[..pos].to_string(),
        _ => text,
    }
}
