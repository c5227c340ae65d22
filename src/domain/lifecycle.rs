//! The lifecycle commands (start, pending, resolve, close, reopen) as moves in the workflow.

use thiserror::Error;

use super::ticket::{Comment, Ticket};
use super::workflow::{Workflow, WorkflowError};

/// A status change that breaks a lifecycle rule.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LifecycleError {
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    #[error(
        "a '{status}' ticket needs a resolution: say what fixed it (tix resolve ID --resolution TEXT, or --set resolution=TEXT)"
    )]
    MissingResolution { status: String },
    #[error("only a finished ticket can be reopened; this one is '{status}' (finished: {})", .finished.join(", "))]
    NotFinished {
        status: String,
        finished: Vec<String>,
    },
}

/// Checks and completes a change of `after` from `before` by the rules every route to a status
/// obeys (`tix edit --set`, an `$EDITOR` edit, the lifecycle commands):
///
/// - a status move must be allowed by the workflow;
/// - a ticket in a `done` status (resolved, closed; not cancelled) has a resolution, so the
///   move there, or an edit that empties it there, is refused without one;
/// - leaving a finished status clears the resolution (the old one stays in history), as
///   `tix reopen` does, unless the same change wrote a new one.
///
/// Only a change that touches the status or the resolution is judged, so a ticket hand-edited
/// into a bad state can still take comments.
///
/// # Errors
/// The rule the change breaks.
pub fn check_change(
    before: &Ticket,
    after: &mut Ticket,
    workflow: &Workflow,
) -> Result<(), LifecycleError> {
    let moved = after.status != before.status;
    if moved {
        workflow.check(&before.status, &after.status)?;
        if workflow.is_done(&before.status)
            && !workflow.is_done(&after.status)
            && after.resolution == before.resolution
        {
            after.resolution = None;
        }
    }
    let needs_resolution = workflow.done.contains(&after.status);
    let has_resolution = after
        .resolution
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty());
    if needs_resolution && !has_resolution && (moved || after.resolution != before.resolution) {
        return Err(LifecycleError::MissingResolution {
            status: after.status.clone(),
        });
    }
    Ok(())
}

/// A lifecycle move a person asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Start,
    Pending,
    Resolve { resolution: String },
    Close,
    Reopen,
}

impl Action {
    /// The verb recorded in the commit's `Tix-Action` trailer.
    pub fn name(&self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Pending => "pending",
            Action::Resolve { .. } => "resolve",
            Action::Close => "close",
            Action::Reopen => "reopen",
        }
    }

    /// The status the configured workflow moves to for this action.
    pub fn target<'a>(&self, workflow: &'a Workflow) -> &'a str {
        let c = &workflow.commands;
        match self {
            Action::Start => &c.start,
            Action::Pending => &c.pending,
            Action::Resolve { .. } => &c.resolve,
            Action::Close => &c.close,
            Action::Reopen => &c.reopen,
        }
    }
}

/// Applies `action` to `ticket`, with an optional comment recorded in the same change.
///
/// Resolving records the resolution; reopening clears it (the old one stays in history) so the
/// next resolve states what finally fixed it.
///
/// Reopening applies only to finished tickets (a `done` or `cancelled` status), whatever the
/// workflow's transitions allow (`new -> open` is a start, not a reopen).
///
/// # Errors
/// The workflow does not allow the move from the ticket's status, or a rule of
/// [`check_change`] is broken; the ticket is then left as it was.
pub fn apply(
    ticket: &mut Ticket,
    workflow: &Workflow,
    action: &Action,
    comment: Option<Comment>,
) -> Result<(), LifecycleError> {
    if *action == Action::Reopen && !workflow.is_done(&ticket.status) {
        return Err(LifecycleError::NotFinished {
            status: ticket.status.clone(),
            finished: workflow
                .done
                .iter()
                .chain(&workflow.cancelled)
                .cloned()
                .collect(),
        });
    }
    let target = action.target(workflow);
    let mut after = ticket.clone();
    after.status = target.to_string();
    match action {
        Action::Resolve { resolution } => after.resolution = Some(resolution.clone()),
        Action::Reopen => after.resolution = None,
        _ => {}
    }
    check_change(ticket, &mut after, workflow)?;
    after.comments.extend(comment);
    *ticket = after;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::sample_ticket;
    use crate::domain::workflow::sample;

    #[test]
    fn resolve_then_reopen() {
        let wf = sample();
        let mut t = sample_ticket();
        apply(
            &mut t,
            &wf,
            &Action::Resolve {
                resolution: "Replaced toner".into(),
            },
            None,
        )
        .unwrap();
        assert_eq!(
            (t.status.as_str(), t.resolution.as_deref()),
            ("resolved", Some("Replaced toner"))
        );
        apply(&mut t, &wf, &Action::Reopen, None).unwrap();
        assert_eq!((t.status.as_str(), t.resolution.as_deref()), ("open", None));
    }

    #[test]
    fn close_from_new_is_refused_and_leaves_ticket_alone() {
        let mut t = sample_ticket();
        let before = t.clone();
        assert!(apply(&mut t, &sample(), &Action::Close, None).is_err());
        assert_eq!(t, before);
    }

    #[test]
    fn reopen_applies_only_to_finished_tickets() {
        let mut t = sample_ticket();
        assert_eq!(t.status, "new");
        let err = apply(&mut t, &sample(), &Action::Reopen, None).unwrap_err();
        assert!(matches!(err, LifecycleError::NotFinished { .. }), "{err}");
        assert_eq!(t.status, "new");
    }

    #[test]
    fn every_route_to_a_done_status_needs_a_resolution() {
        let wf = sample();
        let before = sample_ticket();
        let mut after = before.clone();
        after.status = "resolved".into();
        assert_eq!(
            check_change(&before, &mut after, &wf),
            Err(LifecycleError::MissingResolution {
                status: "resolved".into()
            })
        );
        after.resolution = Some("  ".into());
        assert!(check_change(&before, &mut after, &wf).is_err());
        after.resolution = Some("Replaced toner".into());
        assert_eq!(check_change(&before, &mut after, &wf), Ok(()));
        // Emptying the resolution of a resolved ticket is refused too.
        let resolved = after.clone();
        let mut emptied = resolved.clone();
        emptied.resolution = None;
        assert!(check_change(&resolved, &mut emptied, &wf).is_err());
        // A change that leaves status and resolution alone is not judged.
        let mut legacy = resolved.clone();
        legacy.resolution = None;
        let mut commented = legacy.clone();
        commented.title = "Renamed".into();
        assert_eq!(check_change(&legacy, &mut commented, &wf), Ok(()));
    }

    #[test]
    fn leaving_a_finished_status_clears_the_resolution_unless_rewritten() {
        let wf = sample();
        let mut resolved = sample_ticket();
        resolved.status = "resolved".into();
        resolved.resolution = Some("Replaced toner".into());
        let mut open = resolved.clone();
        open.status = "open".into();
        check_change(&resolved, &mut open, &wf).unwrap();
        assert_eq!(open.resolution, None);
        // Workflow moves are checked on every route.
        let mut closed = sample_ticket();
        closed.status = "closed".into();
        closed.resolution = Some("x".into());
        assert!(matches!(
            check_change(&sample_ticket(), &mut closed, &wf),
            Err(LifecycleError::Workflow(_))
        ));
    }
}
