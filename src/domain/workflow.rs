//! The ticket workflow: which statuses exist and which moves between them are allowed.
//!
//! Loaded from `.tix/config.yaml`; this module only knows plain names, so the rules can be tested
//! without a repository.

use std::collections::BTreeMap;

use thiserror::Error;

/// Statuses and allowed transitions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workflow {
    /// Every status, in the order a person reads them (also the sort order of `tix list`).
    pub statuses: Vec<String>,
    /// The status of a new ticket.
    pub initial: String,
    /// Statuses where work is finished (they stop the resolution clock; `tix list` hides them).
    pub done: Vec<String>,
    /// Statuses meaning the request was withdrawn or merged into another: like `done` for lists,
    /// but SLA clocks end as `cancelled` instead of met or breached.
    pub cancelled: Vec<String>,
    /// Statuses where the ticket waits on someone else (`tix pending`).
    pub pending: Vec<String>,
    /// Allowed next statuses for each status.
    pub transitions: BTreeMap<String, Vec<String>>,
    /// Which status each lifecycle command moves to.
    pub commands: LifecycleTargets,
}

/// The status each lifecycle command moves a ticket to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleTargets {
    pub start: String,
    pub pending: String,
    pub resolve: String,
    pub close: String,
    pub reopen: String,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum WorkflowError {
    #[error("cannot move a ticket from '{from}' to '{to}'; allowed next statuses: {}", allowed_list(.allowed))]
    InvalidTransition {
        from: String,
        to: String,
        allowed: Vec<String>,
    },
    #[error("unknown status '{status}'; known statuses: {}", .known.join(", "))]
    UnknownStatus { status: String, known: Vec<String> },
    #[error("ticket is already '{status}'")]
    AlreadyInStatus { status: String },
}

fn allowed_list(allowed: &[String]) -> String {
    if allowed.is_empty() {
        "none".to_string()
    } else {
        allowed.join(", ")
    }
}

impl Workflow {
    pub fn is_status(&self, status: &str) -> bool {
        self.statuses.iter().any(|s| s == status)
    }

    /// Finished work: a `done` or `cancelled` status.
    pub fn is_done(&self, status: &str) -> bool {
        self.done.iter().chain(&self.cancelled).any(|s| s == status)
    }

    /// The statuses reachable in one move from `from`.
    pub fn allowed_from(&self, from: &str) -> &[String] {
        self.transitions.get(from).map_or(&[], Vec::as_slice)
    }

    /// Checks that a ticket in `from` may move to `to`.
    ///
    /// # Errors
    /// Unknown target status, a move to the same status, or a move the config does not list.
    pub fn check(&self, from: &str, to: &str) -> Result<(), WorkflowError> {
        if !self.is_status(to) {
            return Err(WorkflowError::UnknownStatus {
                status: to.into(),
                known: self.statuses.clone(),
            });
        }
        if from == to {
            return Err(WorkflowError::AlreadyInStatus { status: to.into() });
        }
        let allowed = self.allowed_from(from);
        if allowed.iter().any(|s| s == to) {
            Ok(())
        } else {
            Err(WorkflowError::InvalidTransition {
                from: from.into(),
                to: to.into(),
                allowed: allowed.to_vec(),
            })
        }
    }
}

#[cfg(test)]
pub(crate) fn sample() -> Workflow {
    let t =
        |from: &str, to: &[&str]| (from.to_string(), to.iter().map(|s| s.to_string()).collect());
    Workflow {
        statuses: [
            "new",
            "open",
            "in_progress",
            "pending",
            "resolved",
            "closed",
        ]
        .map(String::from)
        .to_vec(),
        initial: "new".into(),
        done: vec!["resolved".into(), "closed".into()],
        cancelled: vec![],
        pending: vec!["pending".into()],
        transitions: [
            t("new", &["open", "in_progress", "pending", "resolved"]),
            t("open", &["in_progress", "pending", "resolved"]),
            t("resolved", &["closed", "open"]),
            t("closed", &["open"]),
        ]
        .into_iter()
        .collect(),
        commands: LifecycleTargets {
            start: "in_progress".into(),
            pending: "pending".into(),
            resolve: "resolved".into(),
            close: "closed".into(),
            reopen: "open".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_a_new_ticket_names_allowed_statuses() {
        let err = sample().check("new", "closed").unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot move a ticket from 'new' to 'closed'; allowed next statuses: open, in_progress, pending, resolved"
        );
    }

    #[test]
    fn allowed_move_passes_and_same_status_fails() {
        let wf = sample();
        assert!(wf.check("resolved", "closed").is_ok());
        assert_eq!(
            wf.check("open", "open"),
            Err(WorkflowError::AlreadyInStatus {
                status: "open".into()
            })
        );
        assert!(matches!(
            wf.check("open", "nope"),
            Err(WorkflowError::UnknownStatus { .. })
        ));
    }
}
