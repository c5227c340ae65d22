//! What one pass over a ticket's timeline tells the report: when it was created, answered,
//! resolved, reopened, reassigned and rated, and how it stood at the end. The figures of any
//! period are then counted from these facts, so each timeline is read once however the report
//! is grouped.

use chrono::{DateTime, Utc};

use super::Desk;
use crate::domain::event::{EventKind, Text, TicketSnapshot, Timeline};
use crate::sla::{ClockKind, ClockState, ClockStatus, evaluate};

/// What the report keeps of one SLA clock (a fraction of the engine's full status).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub kind: ClockKind,
    pub cycle: u32,
    pub state: ClockState,
    pub stopped_at: Option<DateTime<Utc>>,
    pub breach_at: Option<DateTime<Utc>>,
    pub breached_by_secs: Option<i64>,
}

impl From<&ClockStatus> for Clock {
    fn from(c: &ClockStatus) -> Self {
        Clock {
            kind: c.kind,
            cycle: c.cycle,
            state: c.state,
            stopped_at: c.stopped_at,
            breach_at: c.breach_at,
            breached_by_secs: c.breached_by_secs,
        }
    }
}

/// One ticket's history as the report needs it. Times are those of the timeline, with an event
/// stamped earlier than its predecessor counted at the predecessor's time (as the SLA engine
/// does).
#[derive(Debug, Clone)]
pub struct Facts<'t> {
    pub timeline: &'t Timeline,
    pub created: DateTime<Utc>,
    /// The ticket at the end of the report; `None` when deleted by then.
    pub end: Option<TicketSnapshot>,
    /// The ticket as last seen (at the end, or just before it was deleted): what it is grouped by.
    pub last: TicketSnapshot,
    /// The first public reply by an agent (not automated, not a bot).
    pub first_reply: Option<DateTime<Utc>>,
    /// Public agent replies before the first resolution (all of them while never resolved).
    pub replies_before_resolution: usize,
    /// Every move from unfinished to finished (a ticket created finished counts at creation).
    pub resolutions: Vec<DateTime<Utc>>,
    /// Every move from finished back to unfinished.
    pub reopens: Vec<DateTime<Utc>>,
    /// Changes of assignee from one person to another (a first assignment is not one).
    pub reassignments: usize,
    /// The rating in force at the end: when it was given and its score.
    pub rating: Option<(DateTime<Utc>, u8)>,
    /// Every status with the instant it was entered, oldest first; `None` from a deletion.
    pub statuses: Vec<(DateTime<Utc>, Option<Text>)>,
    /// The SLA clocks at the end of the report.
    pub clocks: Vec<Clock>,
    /// Business seconds, net of pauses, from creation to the first reply and to the final
    /// resolution, on the calendar of the ticket's SLA policy (else the desk's default).
    pub first_reply_business: Option<i64>,
    pub resolution_business: Option<i64>,
}

impl<'t> Facts<'t> {
    /// The facts of `timeline` before `until` (events from then on are ignored); `None` when
    /// the ticket was not created by then.
    pub fn of(timeline: &'t Timeline, desk: &Desk<'_>, until: DateTime<Utc>) -> Option<Self> {
        let workflow = desk.workflow;
        let finished = |s: &str| workflow.is_done(s);
        let mut state: Option<TicketSnapshot> = None;
        let mut facts: Option<Facts<'t>> = None;
        let mut last_at = DateTime::<Utc>::MIN_UTC;
        for event in &timeline.events {
            let at = event.at.max(last_at);
            if at >= until {
                break;
            }
            last_at = at;
            if let EventKind::Created(snapshot) = &event.kind {
                let f = facts.get_or_insert_with(|| Facts::new(timeline, at, snapshot));
                if state.is_none() {
                    f.statuses.push((at, Some(snapshot.status.clone())));
                    if finished(&snapshot.status) {
                        f.resolutions.push(at);
                    }
                }
                state = Some(TicketSnapshot::clone(snapshot));
                continue;
            }
            let (Some(f), Some(s)) = (facts.as_mut(), state.as_mut()) else {
                continue;
            };
            match &event.kind {
                EventKind::StatusChanged { to, .. } => {
                    let was = finished(&s.status);
                    if was && !finished(to) {
                        f.reopens.push(at);
                    } else if !was && finished(to) {
                        f.resolutions.push(at);
                    }
                    f.statuses.push((at, Some(to.clone())));
                }
                EventKind::FieldChanged {
                    field,
                    from: Some(a),
                    to: Some(b),
                } if &**field == "assignee" && a != b => f.reassignments += 1,
                EventKind::Comment {
                    author,
                    internal: false,
                    automated: false,
                } if desk.is_agent(author)
                    && !desk.is_bot(author)
                    && !desk.is_bot(&event.actor) =>
                {
                    f.first_reply.get_or_insert(at);
                    if f.resolutions.is_empty() {
                        f.replies_before_resolution += 1;
                    }
                }
                EventKind::Rated { score } => f.rating = score.map(|score| (at, score)),
                EventKind::Deleted => {
                    f.statuses.push((at, None));
                    f.last = s.clone();
                    state = None;
                    continue;
                }
                _ => {}
            }
            s.apply(&event.kind);
        }
        let mut f = facts?;
        if let Some(s) = &state {
            f.last = s.clone();
        }
        f.end = state;
        // Times are whole seconds, so the last instant before `until` is one second earlier.
        f.clocks = evaluate(
            timeline,
            desk.sla,
            desk.engine,
            // Times are whole seconds, so the last instant before `until` is one second earlier.
            until - chrono::Duration::seconds(1),
        )
        .clocks
        .iter()
        .map(Clock::from)
        .collect();
        f.first_reply_business = f
            .first_reply
            .map(|t| f.business_secs(desk, ClockKind::FirstResponse, t));
        f.resolution_business = f
            .final_resolution()
            .map(|t| f.business_secs(desk, ClockKind::Resolution, t));
        Some(f)
    }

    fn new(timeline: &'t Timeline, created: DateTime<Utc>, snapshot: &TicketSnapshot) -> Self {
        Facts {
            timeline,
            created,
            end: None,
            last: snapshot.clone(),
            first_reply: None,
            replies_before_resolution: 0,
            resolutions: Vec::new(),
            reopens: Vec::new(),
            reassignments: 0,
            rating: None,
            statuses: Vec::new(),
            clocks: Vec::new(),
            first_reply_business: None,
            resolution_business: None,
        }
    }

    pub fn id(&self) -> &'t str {
        &self.timeline.ticket_id
    }

    /// The resolution that made the ticket finished at the end: its last one, when it is
    /// finished then.
    pub fn final_resolution(&self) -> Option<DateTime<Utc>> {
        let last = *self.resolutions.last()?;
        let reopened_after = self.reopens.last().is_some_and(|r| *r >= last);
        (!reopened_after && self.end.is_some()).then_some(last)
    }

    /// The status just before `at`; `None` before creation or after a deletion.
    pub fn status_before(&self, at: DateTime<Utc>) -> Option<&str> {
        self.statuses
            .iter()
            .take_while(|(t, _)| *t < at)
            .last()
            .and_then(|(_, s)| s.as_deref())
    }

    /// Working seconds from creation to `until` on the ticket's calendar, leaving out the time
    /// spent in statuses that pause a clock of `kind`.
    fn business_secs(&self, desk: &Desk<'_>, kind: ClockKind, until: DateTime<Utc>) -> i64 {
        let policy = desk.sla.match_policy(&self.last);
        let calendar = desk.calendar_of(policy);
        let mut total = 0;
        for (i, (from, status)) in self.statuses.iter().enumerate() {
            if *from >= until {
                break;
            }
            let to = self
                .statuses
                .get(i + 1)
                .map_or(until, |(next, _)| (*next).min(until));
            let Some(status) = status else { continue };
            if !desk.sla.pauses(policy, kind, status) {
                total += calendar.working(*from, to);
            }
        }
        total
    }
}
