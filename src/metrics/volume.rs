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
    split_volume(timelines, workflow, period.since, &[period.until])
        .pop()
        .unwrap_or_default()
}

/// The volume of each of the consecutive periods `[since, ends[0])`, `[ends[0], ends[1])`, ...
/// in one pass over each timeline, at the cost of one period rather than one per day (a
/// property test holds the pieces equal to each period's own figures).
pub fn split_volume<'t>(
    timelines: impl IntoIterator<Item = &'t Timeline>,
    workflow: &Workflow,
    since: DateTime<Utc>,
    ends: &[DateTime<Utc>],
) -> Vec<Volume> {
    let mut out = vec![Volume::default(); ends.len()];
    let Some(&until) = ends.last() else {
        return out;
    };
    // Open stretches (a, b]: a ticket counts in the backlog at an end e with a < e <= b.
    let mut backlog = vec![0i64; ends.len() + 1];
    let mut open_at_since = 0;
    let bucket = |t: DateTime<Utc>| ends.partition_point(|e| *e <= t);
    let mut stretch = |a: DateTime<Utc>, b: Option<DateTime<Utc>>| {
        let lo = bucket(a);
        let hi = b.map_or(ends.len(), bucket);
        if lo < hi {
            if let Some(x) = backlog.get_mut(lo) {
                *x += 1;
            }
            if let Some(x) = backlog.get_mut(hi) {
                *x -= 1;
            }
        }
        open_at_since += usize::from(a < since && b.is_none_or(|b| since <= b));
    };
    for timeline in timelines {
        let open = |status: Option<&str>| status.is_some_and(|s| !workflow.is_done(s));
        let finished = |s: Option<&str>| s.is_some_and(|s| workflow.is_done(s));
        let mut status: Option<&str> = None;
        let mut opened: Option<DateTime<Utc>> = None;
        let mut last = DateTime::<Utc>::MIN_UTC;
        for event in &timeline.events {
            let at = event.at.max(last);
            last = at;
            if at >= until {
                break;
            }
            let before = status;
            match &event.kind {
                EventKind::Created(snapshot) => status = Some(&snapshot.status),
                EventKind::Deleted => status = None,
                EventKind::StatusChanged { to, .. } if status.is_some() => status = Some(to),
                _ => continue,
            }
            match (open(before), open(status)) {
                (false, true) => opened = Some(at),
                (true, false) => {
                    if let Some(a) = opened.take() {
                        stretch(a, Some(at));
                    }
                }
                _ => {}
            }
            if at < since {
                continue;
            }
            let Some(v) = out.get_mut(bucket(at)) else {
                continue;
            };
            match &event.kind {
                EventKind::Created(_) => {
                    v.created += 1;
                    v.resolved += usize::from(finished(status));
                }
                EventKind::Deleted => v.deleted_open += usize::from(open(before)),
                _ => {
                    if open(before) && finished(status) {
                        v.resolved += 1;
                    } else if finished(before) && open(status) {
                        v.reopened += 1;
                    }
                    if status == Some(workflow.commands.close.as_str()) && before != status {
                        v.closed += 1;
                    }
                }
            }
        }
        if let Some(a) = opened {
            stretch(a, None);
        }
    }
    let mut running = 0i64;
    let mut start = open_at_since;
    for (v, delta) in out.iter_mut().zip(&backlog) {
        running += delta;
        v.backlog_start = start;
        v.backlog_end = usize::try_from(running).unwrap_or(0);
        start = v.backlog_end;
    }
    out
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
            EventKind::Created(Box::new(TicketSnapshot {
                status: status.into(),
                ..TicketSnapshot::default()
            })),
        )
    }

    fn moved(hour: i64, to: &str) -> TicketEvent {
        event(
            hour,
            EventKind::StatusChanged {
                from: "".into(),
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
                    EventKind::Created(Box::new(TicketSnapshot { status: status.as_str().into(), ..TicketSnapshot::default() }))
                } else if pick == 6 {
                    exists = false;
                    EventKind::Deleted
                } else {
                    EventKind::StatusChanged { from: "".into(), to: status.as_str().into() }
                };
                events.push(event(hour, kind));
            }
            let t = timeline(events);
            // One pass over consecutive periods gives what each period gives on its own.
            let ends: Vec<DateTime<Utc>> = (1..=4).map(|k| at(since + k * (len / 4 + 1))).collect();
            let split = split_volume([&t], &w, at(since), &ends);
            let mut from = at(since);
            for (piece, end) in split.iter().zip(&ends) {
                prop_assert_eq!(*piece, volume([&t], &w, Period { since: from, until: *end }));
                from = *end;
            }
            let v = volume([&t], &w, Period { since: at(since), until: at(since + len) });
            prop_assert_eq!(
                v.backlog_end + v.resolved + v.deleted_open,
                v.backlog_start + v.created + v.reopened,
                "{:?}", v
            );
        }
    }
}
