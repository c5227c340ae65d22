//! The pager long human output goes through on a terminal, as git does: `$TIX_PAGER`, then
//! `$PAGER`, then `less -FRX`, run by `sh -c`.
//!
//! A pager that quits before reading everything (`q` in less) closes the pipe; the writes that
//! fail then are the closed pipe [`super::Output`] already treats as a quiet end.

use std::io::{self, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

/// The pager command to run, if any: the first of `TIX_PAGER` and `PAGER` that is set, else
/// `less -FRX`. Set but empty, or `cat`, means no pager.
pub fn command(tix_pager: Option<&str>, pager: Option<&str>) -> Option<String> {
    let chosen = tix_pager.or(pager).unwrap_or("less -FRX").trim();
    (!chosen.is_empty() && chosen != "cat").then(|| chosen.to_string())
}

/// A running pager reading what tix writes.
#[derive(Debug)]
pub struct Pager {
    child: Child,
    stdin: Option<ChildStdin>,
}

impl Pager {
    /// Starts `command` with a pipe on its standard input. Like git, it sets `LESS=FRX` (quit if
    /// one screen holds everything, pass colours through, leave the screen as it is) and
    /// `LV=-c` (colours for lv) unless the user set them.
    ///
    /// # Errors
    /// The shell could not be started.
    pub fn spawn(command: &str) -> io::Result<Pager> {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(command).stdin(Stdio::piped());
        for (var, value) in [("LESS", "FRX"), ("LV", "-c")] {
            if std::env::var_os(var).is_none() {
                cmd.env(var, value);
            }
        }
        let mut child = cmd.spawn()?;
        let stdin = child.stdin.take();
        ignore_interrupts();
        Ok(Pager { child, stdin })
    }

    /// Writes to the pager.
    ///
    /// # Errors
    /// The pager has quit (a broken pipe) or the write failed.
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.stdin {
            Some(stdin) => stdin.write_all(bytes).and_then(|()| stdin.flush()),
            None => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }

    /// Ends the input and waits for the person to leave the pager.
    pub fn close(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

impl Drop for Pager {
    fn drop(&mut self) {
        self.close();
    }
}

/// Ctrl-C in the pager reaches tix too (one process group); tix must outlive the pager, or the
/// shell's prompt and the pager would fight over the terminal. The pager was started before
/// this, so it keeps its own handling; a pager that quits on the signal ends tix's writes with
/// a closed pipe.
#[cfg(unix)]
fn ignore_interrupts() {
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code; it only tells
    // the kernel to drop the signal for this process.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_IGN);
        libc::signal(libc::SIGQUIT, libc::SIG_IGN);
    }
}

#[cfg(not(unix))]
fn ignore_interrupts() {}

#[cfg(test)]
mod tests {
    use super::command;

    #[test]
    fn tix_pager_then_pager_then_less_and_empty_or_cat_is_none() {
        assert_eq!(command(None, None).as_deref(), Some("less -FRX"));
        assert_eq!(command(None, Some("more")).as_deref(), Some("more"));
        assert_eq!(command(Some("most"), Some("more")).as_deref(), Some("most"));
        assert_eq!(command(Some(""), Some("more")), None);
        assert_eq!(command(None, Some("cat")), None);
        assert_eq!(command(Some(" cat "), None), None);
        assert_eq!(command(None, Some("")), None);
    }
}
