//! Satisfaction ratings (`tix rate`): who may rate what, and what a rating records.

use thiserror::Error;

use super::actor::same_person;
use super::ticket::{RATING_RANGE, Rating, Ticket};
use super::workflow::Workflow;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum RateError {
    #[error(
        "{id} is {status}, not finished: only resolved or closed tickets can be rated ({done})"
    )]
    NotFinished {
        id: String,
        status: String,
        done: String,
    },
    #[error("score {0} is out of range: rate from 1 (very unsatisfied) to 5 (very satisfied)")]
    OutOfRange(u8),
    #[error("the rating comment is empty; leave -m out or write the comment")]
    EmptyComment,
}

/// Rates a finished ticket as `actor`, replacing any earlier rating. Someone other than the
/// requester (an agent taking a phone survey) rates on the requester's behalf, and it is
/// recorded so.
///
/// # Errors
/// The ticket is not in a done status, the score is not 1-5, or the comment is blank.
pub fn rate(
    ticket: &mut Ticket,
    workflow: &Workflow,
    score: u8,
    comment: Option<&str>,
    actor: &str,
) -> Result<(), RateError> {
    if !workflow.is_done(&ticket.status) {
        return Err(RateError::NotFinished {
            id: ticket.id.to_string(),
            status: ticket.status.clone(),
            done: workflow.done.join(", "),
        });
    }
    if !RATING_RANGE.contains(&score) {
        return Err(RateError::OutOfRange(score));
    }
    if comment.is_some_and(|c| c.trim().is_empty()) {
        return Err(RateError::EmptyComment);
    }
    let on_behalf = !ticket
        .requester
        .as_deref()
        .is_some_and(|r| same_person(r, actor));
    ticket.rating = Some(Rating {
        score,
        comment: comment.map(str::to_string),
        by: actor.to_string(),
        on_behalf,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ticket::sample_ticket;
    use crate::domain::workflow::sample;

    #[test]
    fn only_finished_tickets_are_rated_and_the_last_rating_counts() {
        let workflow = sample();
        let mut t = sample_ticket();
        t.requester = Some("Dana <dana@example.com>".into());
        let refused = rate(&mut t, &workflow, 4, None, "dana@example.com");
        assert!(
            matches!(refused, Err(RateError::NotFinished { .. })),
            "{refused:?}"
        );
        t.status = workflow.done[0].clone();
        rate(
            &mut t,
            &workflow,
            2,
            Some("Slow"),
            "Dana <dana@example.com>",
        )
        .expect("rated");
        rate(&mut t, &workflow, 5, None, "dana@example.com").expect("re-rated");
        let r = t.rating.clone().expect("rating");
        assert_eq!((r.score, r.comment, r.on_behalf), (5, None, false));
        rate(
            &mut t,
            &workflow,
            3,
            Some("by phone"),
            "Alice Agent <alice@example.com>",
        )
        .expect("on behalf");
        assert!(t.rating.as_ref().is_some_and(|r| r.on_behalf));
        assert_eq!(
            rate(&mut t, &workflow, 6, None, "x"),
            Err(RateError::OutOfRange(6))
        );
        assert_eq!(
            rate(&mut t, &workflow, 0, None, "x"),
            Err(RateError::OutOfRange(0))
        );
        assert_eq!(
            rate(&mut t, &workflow, 3, Some(" "), "x"),
            Err(RateError::EmptyComment)
        );
    }
}
