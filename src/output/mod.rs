//! Where output goes: requested data to stdout, everything else (status, warnings) to stderr.
//!
//! Commands never print directly; they hand text to [`Output`], which knows whether stdout is a
//! terminal, how wide it is, whether it gets colour, whether long human output goes through a
//! pager, and whether the user asked for quiet.
//!
//! Three promises hold for everything printed here. Control characters other than line breaks
//! and tabs are shown as `\u001b` escapes, because ticket text comes from requesters and must not
//! steer the reader's terminal (that form is also a valid escape in JSON and YAML strings, the
//! only places a JSON or YAML document can hold such a character); the only escape sequences on
//! stdout are the colours [`Output::display`] adds around [`Styled`] pieces it escaped first.
//! Machine output ([`Output::data`]) is never coloured nor paged. And a failed write to stdout
//! is an error the command reports (exit 3), except a closed pipe (`tix list | head`, or `q` in
//! the pager), after which the command finishes quietly with exit 0, as ripgrep does.

mod pager;
mod style;

use std::cell::RefCell;
use std::io::{self, IsTerminal, Write};

pub use style::{ColorChoice, Style, Styled};

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
    /// Table width: the terminal's, or `COLUMNS`; `None` when piped (tables are not cut then).
    pub width: Option<u16>,
    /// Whether [`Output::display`] colours its text.
    colour: bool,
    /// Where stdout's bytes go: the terminal (or pipe), or a pager once one started.
    sink: RefCell<Sink>,
    /// The first failed write to stdout; later data is dropped.
    stdout_error: RefCell<Option<io::Error>>,
}

/// The destination of stdout's bytes.
#[derive(Debug)]
enum Sink {
    Stdout,
    /// Human output will start this pager command when it first writes.
    PagerWanted(String),
    Pager(pager::Pager),
}

/// The global flags about output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wishes {
    pub quiet: bool,
    pub color: ColorChoice,
    /// `--no-pager`.
    pub no_pager: bool,
}

impl Output {
    /// Detects the terminal and reads the environment: `COLUMNS` wins over the detected width so
    /// tests can pin it; `NO_COLOR`, `CLICOLOR_FORCE` and `TERM` decide colour under
    /// `--color auto`; `TIX_PAGER` and `PAGER` name the pager, used only when stdout is a
    /// terminal and `--no-pager` is not given.
    pub fn detect(wishes: Wishes) -> Output {
        let stdout_is_tty = io::stdout().is_terminal();
        let env = |name: &str| std::env::var(name).ok();
        let from_env = env("COLUMNS").and_then(|c| c.parse::<u16>().ok());
        let from_tty = terminal_size::terminal_size().map(|(w, _)| w.0);
        let width = from_env
            .or(if stdout_is_tty { from_tty } else { None })
            .map(|w| w.max(20));
        let colour = style::colour_wanted(
            wishes.color,
            env("NO_COLOR").as_deref(),
            env("CLICOLOR_FORCE").as_deref(),
            env("TERM").as_deref(),
            stdout_is_tty,
        );
        let sink = match pager::command(env("TIX_PAGER").as_deref(), env("PAGER").as_deref()) {
            Some(command) if stdout_is_tty && !wishes.no_pager => Sink::PagerWanted(command),
            _ => Sink::Stdout,
        };
        Output {
            quiet: wishes.quiet,
            stdout_is_tty,
            width,
            colour,
            sink: RefCell::new(sink),
            stdout_error: RefCell::new(None),
        }
    }

    /// Writes requested data to stdout, as it is: for machine-readable output (JSON, CSV, YAML,
    /// an ID), never coloured nor paged. A failure is kept for [`Output::finish`] (and
    /// [`Output::data_now`]); once a write failed, later data is dropped.
    pub fn data(&self, text: &str) {
        let text = escape_controls(text, true);
        self.write(&text, !text.ends_with('\n') && !text.is_empty());
    }

    /// Writes output for people (tables, a ticket): coloured when colour is on, and through the
    /// pager when stdout is a terminal. Each piece's control characters are escaped before its
    /// colour is added, so ticket text cannot smuggle escape sequences in.
    pub fn display(&self, text: &Styled) {
        let wanted = match &*self.sink.borrow() {
            Sink::PagerWanted(command) => Some(command.clone()),
            _ => None,
        };
        if let Some(command) = wanted {
            // A pager that cannot start leaves the output on the terminal.
            let started = pager::Pager::spawn(&command);
            *self.sink.borrow_mut() = started.map_or(Sink::Stdout, Sink::Pager);
        }
        let out = render(text, self.colour);
        self.write(&out, !out.ends_with('\n') && !out.is_empty());
    }

    /// Whether [`Output::display`] colours.
    pub fn colour(&self) -> bool {
        self.colour
    }

    fn write(&self, text: &str, newline: bool) {
        if self.stdout_error.borrow().is_some() {
            return;
        }
        let written = match &mut *self.sink.borrow_mut() {
            Sink::Pager(pager) => pager.write_all(text.as_bytes()).and_then(|()| {
                if newline {
                    pager.write_all(b"\n")
                } else {
                    Ok(())
                }
            }),
            Sink::Stdout | Sink::PagerWanted(_) => {
                let mut out = io::stdout().lock();
                out.write_all(text.as_bytes())
                    .and_then(|()| {
                        if newline {
                            out.write_all(b"\n")
                        } else {
                            Ok(())
                        }
                    })
                    .and_then(|()| out.flush())
            }
        };
        if let Err(e) = written {
            *self.stdout_error.borrow_mut() = Some(e);
        }
    }

    /// Waits for the pager, if one runs, so that what follows on stderr comes after the paged
    /// output rather than under it.
    fn end_pager(&self) {
        let mut sink = self.sink.borrow_mut();
        if let Sink::Pager(pager) = &mut *sink {
            pager.close();
            *sink = Sink::Stdout;
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
        self.end_pager();
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
            self.end_pager();
            let _ = writeln!(io::stderr().lock(), "{}", escape_controls(text, true));
        }
    }

    /// One of several errors on stderr (each bad record of an import), before the command's
    /// own error; never silenced.
    pub fn error_line(&self, text: &str) {
        self.end_pager();
        let _ = writeln!(
            io::stderr().lock(),
            "error: {}",
            escape_controls(text, true)
        );
    }

    /// A warning on stderr; never silenced.
    pub fn warn(&self, text: &str) {
        self.end_pager();
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

/// The bytes [`Output::display`] writes: each piece escaped, then coloured when `colour`.
fn render(text: &Styled, colour: bool) -> String {
    let mut out = String::new();
    for (style, piece) in text.pieces() {
        let piece = escape_controls(piece, true);
        match style.sgr().filter(|_| colour) {
            Some(sgr) => paint(&mut out, sgr, &piece),
            None => out.push_str(&piece),
        }
    }
    out
}

/// Appends `text` in the colour `sgr`, line by line, so that no colour spans a line break (a
/// pager or `grep` showing one line gets it whole).
fn paint(out: &mut String, sgr: &str, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            out.push_str("\x1b[");
            out.push_str(sgr);
            out.push('m');
            out.push_str(line);
            out.push_str("\x1b[0m");
        }
    }
}

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

/// An I/O error as a person reads it: "No space left on device", without "(os error 28)".
pub fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(pos) if text.ends_with(')') => text[..pos].to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Styled {
        let mut s = Styled::new();
        s.push(Style::Heading, "ID  TITLE\n");
        s.plain("IT-1  ");
        s.push(Style::Bad, "red \u{1b}[2J title\nnext");
        s.plain("\n");
        s
    }

    #[test]
    fn colours_wrap_each_line_of_a_piece_and_ticket_escapes_stay_escaped() {
        assert_eq!(
            render(&sample(), true),
            "\x1b[1mID  TITLE\x1b[0m\nIT-1  \x1b[31mred \\u001b[2J title\x1b[0m\n\x1b[31mnext\x1b[0m\n"
        );
    }

    #[test]
    fn without_colour_the_text_is_escaped_only() {
        assert_eq!(
            render(&sample(), false),
            "ID  TITLE\nIT-1  red \\u001b[2J title\nnext\n"
        );
    }
}
