//! Every figure of one period over a set of tickets (DESIGN 6.3). Rates are ratios of counts
//! kept apart (`met` and `breached`, not a percentage), so a renderer shows "-" or `null` for
//! an empty denominator and nothing here divides by zero.
//!
//! Which tickets each figure counts, for a period `[since, until)`:
//! - *first response*: tickets whose first public agent reply falls in the period;
//! - *resolution*: tickets finished at the end whose final resolution falls in the period;
//! - *first contact*, *reopens*, *reassignment*: tickets resolved (at least once) in the period;
//!   first-contact means at most one public agent reply before the first resolution and never
//!   reopened, the zero-reply ones counted apart as well;
//! - *satisfaction*: ratings in force at the end that were given in the period; the response
//!   rate is rated tickets over tickets resolved in the period;
//! - *SLA attainment*: clocks that stopped in the period (met or breached) plus clocks still
//!   running at its end that breached in it; cancelled clocks do not count.

use chrono::{DateTime, Utc};

use super::Desk;
use super::facts::{Clock, Facts};
use super::stats::{Summary, summarize};
use super::volume::{Period, Volume, volume};
use crate::sla::{ClockKind, ClockState};

/// Backlog age buckets, upper bounds in days (the last is open-ended): 0-1, 1-3, 3-7, 7-30, >30.
pub const AGE_BUCKETS: [(&str, Option<i64>); 5] = [
    ("0-1d", Some(1)),
    ("1-3d", Some(3)),
    ("3-7d", Some(7)),
    ("7-30d", Some(30)),
    (">30d", None),
];

/// The figures of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub volume: Volume,
    pub backlog: Backlog,
    pub first_response: Times,
    pub resolution: Times,
    pub sla: Vec<Attainment>,
    pub first_contact: FirstContact,
    pub reopens: Reopens,
    pub reassignment: Reassignment,
    pub satisfaction: Satisfaction,
}

/// Open tickets at the end of the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    pub open: usize,
    /// In a status that pauses the resolution clock (waiting on the requester, say).
    pub paused: usize,
    pub active: usize,
    /// Counts per [`AGE_BUCKETS`] entry, by time since creation.
    pub ages: [usize; 5],
}

/// A duration in calendar time and in business time (net of pauses).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Times {
    pub calendar: Option<Summary>,
    pub business: Option<Summary>,
}

/// SLA attainment of one clock kind at one priority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attainment {
    pub kind: ClockKind,
    pub priority: String,
    pub met: usize,
    pub breached: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FirstContact {
    pub resolved: usize,
    /// At most one public agent reply before the first resolution, never reopened.
    pub first_contact: usize,
    /// Of those, resolved with no reply at all.
    pub zero_reply: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reopens {
    pub resolved: usize,
    /// Resolved in the period and reopened afterwards (by the end of the report).
    pub reopened: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reassignment {
    pub tickets: usize,
    pub total: usize,
    pub max: usize,
    /// Tickets reassigned 0, 1, 2 and 3 or more times.
    pub distribution: [usize; 4],
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Satisfaction {
    /// Ratings per score, 1 to 5.
    pub distribution: [usize; 5],
    /// Tickets resolved in the period, and how many of them carry a rating.
    pub resolved: usize,
    pub rated_resolved: usize,
}

impl Satisfaction {
    pub fn ratings(&self) -> usize {
        self.distribution.iter().sum()
    }

    /// Ratings of 4 or 5.
    pub fn satisfied(&self) -> usize {
        self.distribution.get(3..).map_or(0, |s| s.iter().sum())
    }

    pub fn score_sum(&self) -> usize {
        self.distribution
            .iter()
            .enumerate()
            .map(|(i, n)| (i + 1) * n)
            .sum()
    }
}

impl Figures {
    /// Met and breached clocks over every kind and priority.
    pub fn sla_totals(&self) -> (usize, usize) {
        self.sla
            .iter()
            .fold((0, 0), |(m, b), a| (m + a.met, b + a.breached))
    }
}

/// A ratio that is `None` when nothing was counted.
pub fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The figures of `facts` over `period`.
pub fn figures(facts: &[&Facts<'_>], desk: &Desk<'_>, period: Period) -> Figures {
    let within = |t: DateTime<Utc>| t >= period.since && t < period.until;
    let mut first_response = (Vec::new(), Vec::new());
    let mut resolution = (Vec::new(), Vec::new());
    let mut first_contact = FirstContact::default();
    let mut reopens = Reopens::default();
    let mut reassignment = Reassignment::default();
    let mut satisfaction = Satisfaction::default();
    for f in facts {
        if let Some(t) = f.first_reply.filter(|t| within(*t)) {
            first_response.0.push((t - f.created).num_seconds());
            first_response.1.extend(f.first_reply_business);
        }
        if let Some(t) = f.final_resolution().filter(|t| within(*t)) {
            resolution.0.push((t - f.created).num_seconds());
            resolution.1.extend(f.resolution_business);
        }
        if let Some((_, score)) = f.rating.filter(|(t, _)| within(*t))
            && let Some(slot) = usize::from(score)
                .checked_sub(1)
                .and_then(|i| satisfaction.distribution.get_mut(i))
        {
            *slot += 1;
        }
        let Some(resolved_at) = f.resolutions.iter().copied().find(|t| within(*t)) else {
            continue;
        };
        first_contact.resolved += 1;
        if f.reopens.is_empty() && f.replies_before_resolution <= 1 {
            first_contact.first_contact += 1;
            first_contact.zero_reply += usize::from(f.replies_before_resolution == 0);
        }
        reopens.resolved += 1;
        reopens.reopened += usize::from(f.reopens.iter().any(|r| *r > resolved_at));
        reassignment.tickets += 1;
        reassignment.total += f.reassignments;
        reassignment.max = reassignment.max.max(f.reassignments);
        if let Some(slot) = reassignment.distribution.get_mut(f.reassignments.min(3)) {
            *slot += 1;
        }
        satisfaction.resolved += 1;
        satisfaction.rated_resolved += usize::from(f.rating.is_some());
    }
    Figures {
        volume: volume(facts.iter().map(|f| f.timeline), desk.workflow, period),
        backlog: backlog(facts, desk, period.until),
        first_response: times(&first_response),
        resolution: times(&resolution),
        sla: attainment(facts, desk, period),
        first_contact,
        reopens,
        reassignment,
        satisfaction,
    }
}

fn times((calendar, business): &(Vec<i64>, Vec<i64>)) -> Times {
    Times {
        calendar: summarize(calendar),
        business: summarize(business),
    }
}

/// Open tickets just before `at`, split by pause and age.
pub fn backlog(facts: &[&Facts<'_>], desk: &Desk<'_>, at: DateTime<Utc>) -> Backlog {
    let mut b = Backlog::default();
    for f in facts {
        let Some(status) = f.status_before(at).filter(|s| !desk.workflow.is_done(s)) else {
            continue;
        };
        b.open += 1;
        let policy = desk.sla.match_policy(&f.last);
        if desk.sla.pauses(policy, ClockKind::Resolution, status) {
            b.paused += 1;
        } else {
            b.active += 1;
        }
        let days = (at - f.created).num_seconds() as f64 / 86_400.0;
        let bucket = AGE_BUCKETS
            .iter()
            .position(|(_, max)| max.is_none_or(|m| days < m as f64))
            .unwrap_or(AGE_BUCKETS.len() - 1);
        if let Some(slot) = b.ages.get_mut(bucket) {
            *slot += 1;
        }
    }
    b
}

/// Whether `clock` counts for attainment in `period`, and if so whether it was met.
pub fn counted(clock: &Clock, period: Period) -> Option<bool> {
    let within = |t: DateTime<Utc>| t >= period.since && t < period.until;
    match (clock.state, clock.stopped_at) {
        (ClockState::Met, Some(stop)) if within(stop) => Some(true),
        (ClockState::Breached, Some(stop)) if within(stop) => Some(false),
        (ClockState::Breached, stop)
            if stop.is_none_or(|s| s >= period.until) && clock.breach_at.is_some_and(within) =>
        {
            Some(false)
        }
        _ => None,
    }
}

/// When a counted clock is judged: its stop, else its breach.
pub fn judged_at(clock: &Clock) -> Option<DateTime<Utc>> {
    clock.stopped_at.or(clock.breach_at)
}

/// Attainment per clock kind and priority (the priority when the clock was judged), in clock
/// kind order and the desk's priority order.
fn attainment(facts: &[&Facts<'_>], desk: &Desk<'_>, period: Period) -> Vec<Attainment> {
    let mut out: Vec<Attainment> = Vec::new();
    for f in facts {
        for clock in &f.clocks {
            let Some(met) = counted(clock, period) else {
                continue;
            };
            let priority = judged_at(clock)
                .and_then(|t| f.timeline.state_at(t))
                .map_or_else(|| f.last.priority.clone(), |s| s.priority);
            let row = match out
                .iter_mut()
                .position(|a| a.kind == clock.kind && *a.priority == *priority)
            {
                Some(i) => out.get_mut(i),
                None => {
                    out.push(Attainment {
                        kind: clock.kind,
                        priority: priority.to_string(),
                        met: 0,
                        breached: 0,
                    });
                    out.last_mut()
                }
            };
            if let Some(row) = row {
                if met {
                    row.met += 1;
                } else {
                    row.breached += 1;
                }
            }
        }
    }
    let rank = |p: &str| {
        desk.priorities
            .iter()
            .position(|x| x == p)
            .unwrap_or(usize::MAX)
    };
    out.sort_by(|a, b| {
        (kind_rank(a.kind), rank(&a.priority), &a.priority).cmp(&(
            kind_rank(b.kind),
            rank(&b.priority),
            &b.priority,
        ))
    });
    out
}

pub fn kind_rank(kind: ClockKind) -> u8 {
    match kind {
        ClockKind::FirstResponse => 0,
        ClockKind::Resolution => 1,
        ClockKind::NextResponse => 2,
    }
}
