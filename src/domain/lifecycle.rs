//! The lifecycle commands (start, pending, resolve, close, reopen) as moves in the workflow.

use super::ticket::{Comment, Ticket};
use super::workflow::{Workflow, WorkflowError};

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
/// # Errors
/// The workflow does not allow the move from the ticket's status.
pub fn apply(
    ticket: &mut Ticket,
    workflow: &Workflow,
    action: &Action,
    comment: Option<Comment>,
) -> Result<(), WorkflowError> {
    let target = action.target(workflow);
    workflow.check(&ticket.status, target)?;
    ticket.status = target.to_string();
    match action {
        Action::Resolve { resolution } => ticket.resolution = Some(resolution.clone()),
        Action::Reopen => ticket.resolution = None,
        _ => {}
    }
    ticket.comments.extend(comment);
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
}
