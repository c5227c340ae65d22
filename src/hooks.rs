//! Notification hooks: run the configured commands with an event as JSON on stdin.
//!
//! Hooks run after the commit, so they never block it. A hook that cannot start, exits non-zero
//! or outlives its timeout is reported and its event is appended to
//! `.git/tix/pending-notifications.jsonl`; `tix escalate` retries that queue first and drops the
//! entries that succeed, so no escalation is lost. tix itself has no network code.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::config::Hook;

/// Seconds a hook may run when the config does not say.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

/// One hook invocation: which hook, and the event it receives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub hook: String,
    pub event: Event,
}

/// The JSON a hook reads on stdin (`"version": 1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub version: u32,
    /// `rule` or `escalation`.
    pub event: String,
    /// The rule, level or timed rule.
    pub name: String,
    pub ticket: EventTicket,
    /// As written in the action: `assignee`, `team_lead`, `team`, `requester` or an agent.
    pub target: String,
    /// Email addresses (or names, for people without one) the target stands for.
    pub recipients: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventTicket {
    pub id: String,
    pub title: String,
    pub priority: String,
    pub status: String,
    pub assignee: Option<String>,
    pub team: Option<String>,
}

/// Where hooks run and where failures are queued.
pub struct Runner<'a> {
    pub root: &'a Path,
    pub git_dir: &'a Path,
    pub hooks: &'a std::collections::BTreeMap<String, Hook>,
}

impl Runner<'_> {
    fn queue_path(&self) -> PathBuf {
        self.git_dir.join("tix").join("pending-notifications.jsonl")
    }

    /// Runs each notification; returns one message per failure (queued for retry).
    pub fn send(&self, notifications: &[Notification]) -> Vec<String> {
        let mut failures = Vec::new();
        let mut failed = Vec::new();
        for n in notifications {
            if let Err(e) = self.run_one(n) {
                failures.push(format!(
                    "hook '{}' for {} on {} failed: {e}; queued for retry by the next `tix escalate`",
                    n.hook, n.event.name, n.event.ticket.id
                ));
                failed.push(n.clone());
            }
        }
        if let Err(e) = self.append(&failed) {
            failures.push(format!("could not queue failed notifications: {e}"));
        }
        failures
    }

    /// Retries the queued notifications; keeps those that fail again. Returns (sent, failures).
    pub fn retry_queue(&self) -> (usize, Vec<String>) {
        let path = self.queue_path();
        let Ok(text) = fs::read_to_string(&path) else {
            return (0, vec![]);
        };
        let mut sent = 0;
        let mut failures = Vec::new();
        let mut keep = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(n) = serde_json::from_str::<Notification>(line) else {
                failures.push(format!("dropped an unreadable queued notification: {line}"));
                continue;
            };
            match self.run_one(&n) {
                Ok(()) => sent += 1,
                Err(e) => {
                    failures.push(format!(
                        "queued hook '{}' for {} on {} failed again: {e}; kept in the queue",
                        n.hook, n.event.name, n.event.ticket.id
                    ));
                    keep.push(n);
                }
            }
        }
        let rewritten = if keep.is_empty() {
            fs::remove_file(&path)
        } else {
            let body: String = keep
                .iter()
                .filter_map(|n| serde_json::to_string(n).ok())
                .map(|l| l + "\n")
                .collect();
            fs::write(&path, body)
        };
        if let Err(e) = rewritten {
            failures.push(format!("could not rewrite {}: {e}", path.display()));
        }
        (sent, failures)
    }

    fn append(&self, failed: &[Notification]) -> std::io::Result<()> {
        if failed.is_empty() {
            return Ok(());
        }
        let path = self.queue_path();
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?;
        for n in failed {
            let line = serde_json::to_string(n).map_err(std::io::Error::other)?;
            writeln!(file, "{line}")?;
        }
        Ok(())
    }

    fn run_one(&self, n: &Notification) -> Result<(), String> {
        let hook = self
            .hooks
            .get(&n.hook)
            .ok_or_else(|| format!("no hook named '{}' in the config any more", n.hook))?;
        let (program, args) = hook
            .command
            .split_first()
            .ok_or_else(|| "empty command".to_string())?;
        let program_path = if program.contains('/') {
            self.root.join(program)
        } else {
            PathBuf::from(program)
        };
        let input = serde_json::to_vec(&n.event).map_err(|e| e.to_string())?;
        let mut command = Command::new(&program_path);
        // Its own process group, so that a timeout ends what the hook started too (a shell
        // script's `sleep`, curl), not only the hook's first process.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command
            .args(args)
            .current_dir(self.root)
            .env("TIX_EVENT", &n.event.event)
            .env("TIX_TICKET", &n.event.ticket.id)
            .env("TIX_TARGET", &n.event.target)
            .env("TIX_NAME", &n.event.name)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        if let Some(mut stdin) = child.stdin.take() {
            // A hook that does not read its stdin is fine.
            let _ = stdin.write_all(&input);
        }
        let timeout = Duration::from_secs(hook.timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS));
        let started = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(format!("{program} exited with {status}")),
                Ok(None) if started.elapsed() > timeout => {
                    kill_group(&mut child);
                    let _ = child.wait();
                    return Err(format!("{program} ran longer than {}s", timeout.as_secs()));
                }
                Ok(None) => thread::sleep(Duration::from_millis(10)),
                Err(e) => return Err(e.to_string()),
            }
        }
    }
}

/// Ends a hook and every process of its group (the group's ID is the hook's process ID, as it was
/// started with `process_group(0)`).
#[cfg(unix)]
fn kill_group(child: &mut std::process::Child) {
    match libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) takes plain integers and touches no memory of ours; a negative pid
        // names the process group.
        Ok(pgid) if pgid > 0 => unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        },
        _ => {
            let _ = child.kill();
        }
    }
}

#[cfg(not(unix))]
fn kill_group(child: &mut std::process::Child) {
    let _ = child.kill();
}
