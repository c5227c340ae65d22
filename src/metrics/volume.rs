//! Volume over a period: what came in and went out, and the backlog at both ends.
//!
//! A ticket is *open* while it exists and its status is not finished (`done` or `cancelled`).
//! Counted in `[since, until)`: `created` (the file appeared), `resolved` (it became finished,
//! including a ticket created finished), `reopened` (finished to unfinished), `closed` (entered
//! the status of `tix close`, informational), `deleted_open` (an open ticket's file removed).
//! The flow identity holds by construction and is property-tested:
//! `backlog_end = backlog_start + created - resolved + reopened - deleted_open`.
//! Events stamped earlier than their predecessor count at the predecessor's time, as in the SLA
//! engine.

use chrono::{DateTime, Utc};

use crate::domain::event::{EventKind, Timeline};
use crate::domain::workflow::Workflow;

/// A half-open period `[since, until)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

/// The volume figures of one period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Volume {
    pub created: usize,
    pub resolved: usize,
    pub reopened: usize,
    pub closed: usize,
    pub deleted_open: usize,
    /// Open tickets just before `since`.
    pub backlog_start: usize,
    /// Open tickets just before `until`.
    pub backlog_end: usize,
}

/// The volume of `timelines` over `period`.
pub fn volume<'t>(
    timelines: impl IntoIterator<Item = &'t Timeline>,
    workflow: &Workflow,
    period: Period,
) -> Volume {
    let mut v = Volume::default();
    for timeline in timelines {
        add(&mut v, timeline, workflow, period);
    }
    v
}

fn add(v: &mut Volume, timeline: &Timeline, workflow: &Workflow, period: Period) {
    let open = |status: &Option<&str>| status.is_some_and(|s| !workflow.is_done(s));
    let mut status: Option<&str> = None;
    let mut started = false;
    let mut last = DateTime::<Utc>::MIN_UTC;
    for event in &timeline.events {
        let at = event.at.max(last);
        last = at;
        if at >= period.until {
            break;
        }
        if !started && at >= period.since {
            started = true;
            v.backlog_start += usize::from(open(&status));
        }
        let before = status;
        match &event.kind {
            EventKind::Created(snapshot) => status = Some(&snapshot.status),
            EventKind::Deleted => status = None,
            EventKind::StatusChanged { to, .. } if status.is_some() => status = Some(to),
            _ => continue,
        }
        if !started {
            continue;
        }
        let finished = |s: Option<&str>| s.is_some_and(|s| workflow.is_done(s));
        match &event.kind {
            EventKind::Created(_) => {
                v.created += 1;
                v.resolved += usize::from(finished(status));
            }
            EventKind::Deleted => v.deleted_open += usize::from(open(&before)),
            _ => {
                if open(&before) && finished(status) {
                    v.resolved += 1;
                } else if finished(before) && open(&status) {
                    v.reopened += 1;
                }
                if status == Some(workflow.commands.close.as_str()) && before != status {
                    v.closed += 1;
                }
            }
        }
    }
    if !started {
        v.backlog_start += usize::from(open(&status));
    }
    v.backlog_end += usize::from(open(&status));
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::event::{TicketEvent, TicketSnapshot};
    use crate::domain::workflow::sample;

    fn at(hour: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_767_225_600 + hour * 3600, 0)
            .single()
            .expect("instant")
    }

    fn event(hour: i64, kind: EventKind) -> TicketEvent {
        TicketEvent {
            at: at(hour),
            actor: "alice".into(),
            kind,
        }
    }

    fn created(hour: i64, status: &str) -> TicketEvent {
        event(
            hour,
            EventKind::Created(TicketSnapshot {
                status: status.into(),
                ..TicketSnapshot::default()
            }),
        )
    }

    fn moved(hour: i64, to: &str) -> TicketEvent {
        event(
            hour,
            EventKind::StatusChanged {
                from: String::new(),
                to: to.into(),
            },
        )
    }

    fn timeline(events: Vec<TicketEvent>) -> Timeline {
        Timeline {
            ticket_id: "IT-TEST".into(),
            events,
        }
    }

    #[test]
    fn counts_a_ticket_reopened_twice_and_one_from_before_the_period() {
        let w = sample();
        let period = Period {
            since: at(10),
            until: at(20),
        };
        let reopened = timeline(vec![
            created(11, "new"),
            moved(12, "resolved"),
            moved(13, "open"),
            moved(14, "resolved"),
            moved(15, "open"),
            moved(16, "closed"),
        ]);
        let older = timeline(vec![created(1, "new"), moved(12, "resolved")]);
        let later = timeline(vec![created(20, "new")]);
        let v = volume([&reopened, &older, &later], &w, period);
        assert_eq!(
            v,
            Volume {
                created: 1,
                resolved: 4,
                reopened: 2,
                closed: 1,
                deleted_open: 0,
                backlog_start: 1,
                backlog_end: 0,
            }
        );
        assert_eq!(volume([], &w, period), Volume::default());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_flow_identity_holds(
            steps in prop::collection::vec((0i64..6, 0usize..7), 0..25),
            since in 0i64..40,
            len in 0i64..40,
        ) {
            let w = sample();
            let statuses = &w.statuses;
            let mut events = Vec::new();
            let mut exists = false;
            let mut hour = 0;
            for (gap, pick) in steps {
                hour += gap;
                let status = statuses[pick % statuses.len()].clone();
                let kind = if !exists {
                    exists = true;
                    EventKind::Created(TicketSnapshot { status, ..TicketSnapshot::default() })
                } else if pick == 6 {
                    exists = false;
                    EventKind::Deleted
                } else {
                    EventKind::StatusChanged { from: String::new(), to: status }
                };
                events.push(event(hour, kind));
            }
            let t = timeline(events);
            let v = volume([&t], &w, Period { since: at(since), until: at(since + len) });
            prop_assert_eq!(
                v.backlog_end + v.resolved + v.deleted_open,
                v.backlog_start + v.created + v.reopened,
                "{:?}", v
            );
        }
    }
}
