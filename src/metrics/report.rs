//! The whole report over a period: its figures, optionally per group, the daily trend, the SLA
//! breaches, the workload per agent and the recurring incidents.
//!
//! History after `as_of` is ignored, so a report asked for with a past `--as-of` is the one
//! that could have been printed then; a period reaching past `as_of` ends there.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::Desk;
use super::facts::Facts;
use super::recurring::{Recurring, recurring};
use super::summary::{Figures, counted, figures, kind_rank};
use super::volume::{Period, split_volume};
use crate::domain::actor::{Identity, same_person};
use crate::domain::assignment::priority_weight;
use crate::domain::event::{Text, TicketSnapshot, Timeline};
use crate::sla::ClockKind;
use crate::sla::ClockState;
use crate::sla::policy::in_domain;

/// What a report can be grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Assignee,
    Team,
    Category,
    Priority,
    Type,
    Requester,
    /// The asset the ticket is about (`asset:` of the ticket, as last seen).
    Asset,
    /// The requester's organisation (`organisations:` in the config), else their email domain.
    Org,
    /// Calendar weeks from Monday, in the report's time zone.
    Week,
    /// Calendar days in the report's time zone.
    Day,
}

impl GroupBy {
    pub const ALL: [GroupBy; 10] = [
        GroupBy::Assignee,
        GroupBy::Team,
        GroupBy::Category,
        GroupBy::Priority,
        GroupBy::Type,
        GroupBy::Requester,
        GroupBy::Asset,
        GroupBy::Org,
        GroupBy::Week,
        GroupBy::Day,
    ];

    pub fn parse(name: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Assignee => "assignee",
            GroupBy::Team => "team",
            GroupBy::Category => "category",
            GroupBy::Priority => "priority",
            GroupBy::Type => "type",
            GroupBy::Requester => "requester",
            GroupBy::Asset => "asset",
            GroupBy::Org => "org",
            GroupBy::Week => "week",
            GroupBy::Day => "day",
        }
    }
}

/// What to report on.
#[derive(Debug, Clone, Copy)]
pub struct ReportRequest<'a> {
    pub period: Period,
    /// Only history up to this instant counts.
    pub as_of: DateTime<Utc>,
    pub by: Option<GroupBy>,
    /// How many tickets make a pattern recurring.
    pub recurring_min: usize,
    /// The zone whose midnights split days and weeks.
    pub zone: Tz,
    /// Further groupings wanted beside `by` (the dashboard's per-agent and per-category tables).
    pub also_by: &'static [GroupBy],
    /// The knowledge-base articles each ticket names.
    pub articles: &'a super::knowledge::ArticlesUsed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The period reported on (ending at `as_of` when the one asked for reaches past it).
    pub period: Period,
    pub as_of: DateTime<Utc>,
    pub zone: Tz,
    pub figures: Figures,
    pub by: Option<GroupBy>,
    pub groups: Vec<Group>,
    pub daily: Vec<Day>,
    pub breaches: Vec<Breach>,
    pub workload: Vec<Load>,
    pub recurring: Vec<Recurring>,
    /// The groupings of `also_by`, in its order.
    pub also: Vec<(GroupBy, Vec<Group>)>,
    /// First-response and resolution times of the period in [`TIME_BUCKETS`].
    pub first_response_times: [usize; 7],
    pub resolution_times: [usize; 7],
    pub knowledge: super::knowledge::Knowledge,
}

/// Distribution buckets of response and resolution times (calendar time), upper bounds in
/// seconds; the last is open-ended.
pub const TIME_BUCKETS: [(&str, Option<i64>); 7] = [
    ("< 1h", Some(3600)),
    ("1-4h", Some(4 * 3600)),
    ("4-8h", Some(8 * 3600)),
    ("8h-1d", Some(86_400)),
    ("1-3d", Some(3 * 86_400)),
    ("3-7d", Some(7 * 86_400)),
    ("> 7d", None),
];

fn bucket_times(values: impl Iterator<Item = i64>) -> [usize; 7] {
    let mut out = [0; 7];
    for v in values {
        let i = TIME_BUCKETS
            .iter()
            .position(|(_, max)| max.is_none_or(|m| v < m))
            .unwrap_or(TIME_BUCKETS.len() - 1);
        if let Some(slot) = out.get_mut(i) {
            *slot += 1;
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub key: String,
    pub figures: Figures,
}

/// One day of the trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub created: usize,
    pub resolved: usize,
    pub reopened: usize,
    /// Open tickets at the end of the day.
    pub backlog: usize,
    pub met: usize,
    pub breached: usize,
}

/// One clock that breached in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub ticket: String,
    pub title: String,
    pub kind: ClockKind,
    pub cycle: u32,
    pub priority: String,
    pub assignee: Option<String>,
    pub breach_at: Option<DateTime<Utc>>,
    pub stopped_at: Option<DateTime<Utc>>,
    pub breached_by_secs: Option<i64>,
}

/// One agent's open tickets at the end of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Load {
    /// The agent, or `None` for unassigned tickets.
    pub agent: Option<String>,
    pub open: usize,
    /// Each open ticket weighted by priority: the most urgent of n priorities weighs n, the
    /// least 1 (as least-loaded auto-assignment weighs them).
    pub weighted: u32,
    /// Open tickets per priority, in the desk's priority order.
    pub by_priority: Vec<usize>,
}

/// Builds the report of `timelines` as `request` asks.
pub fn build(timelines: &[&Timeline], desk: &Desk<'_>, request: &ReportRequest<'_>) -> Report {
    let cut = request.as_of + Duration::seconds(1);
    let period = Period {
        since: request.period.since.min(cut),
        until: request.period.until.min(cut),
    };
    let facts: Vec<Facts<'_>> = timelines
        .iter()
        .filter_map(|t| Facts::of(t, desk, period.until))
        .collect();
    let all: Vec<&Facts<'_>> = facts.iter().collect();
    let days = split(period, request.zone, false);
    let groups = request
        .by
        .map(|by| grouped(&all, desk, by, period, request.zone))
        .unwrap_or_default();
    let also = request
        .also_by
        .iter()
        .map(|by| (*by, grouped(&all, desk, *by, period, request.zone)))
        .collect();
    let within = |t: &DateTime<Utc>| *t >= period.since && *t < period.until;
    let created_in: Vec<&Facts<'_>> = all
        .iter()
        .copied()
        .filter(|f| f.created >= period.since && f.created < period.until)
        .collect();
    Report {
        period,
        as_of: request.as_of,
        zone: request.zone,
        figures: figures(&all, desk, period),
        by: request.by,
        groups,
        daily: daily(&all, desk, period, &days),
        breaches: breaches(&all, period),
        workload: workload(&all, desk),
        recurring: recurring(&created_in, request.recurring_min),
        also,
        first_response_times: bucket_times(all.iter().filter_map(|f| {
            f.first_reply
                .filter(within)
                .map(|t| (t - f.created).num_seconds())
        })),
        resolution_times: bucket_times(all.iter().filter_map(|f| {
            f.final_resolution()
                .filter(within)
                .map(|t| (t - f.created).num_seconds())
        })),
        knowledge: super::knowledge::knowledge(&all, request.articles, period),
    }
}

/// The figures of each group of `by`.
fn grouped(
    all: &[&Facts<'_>],
    desk: &Desk<'_>,
    by: GroupBy,
    period: Period,
    zone: Tz,
) -> Vec<Group> {
    match by {
        GroupBy::Day | GroupBy::Week => split(period, zone, by == GroupBy::Week)
            .into_iter()
            .map(|(date, p)| Group {
                key: date.to_string(),
                figures: figures(all, desk, p),
            })
            .collect(),
        _ => by_field(all, desk, by)
            .into_iter()
            .map(|(key, members)| Group {
                key,
                figures: figures(&members, desk, period),
            })
            .collect(),
    }
}

/// `period` cut at the zone's midnights (Monday midnights for weeks), each piece named by its
/// first day.
fn split(period: Period, zone: Tz, weeks: bool) -> Vec<(NaiveDate, Period)> {
    let mut out = Vec::new();
    let mut since = period.since;
    while since < period.until {
        let date = since.with_timezone(&zone).date_naive();
        let start = if weeks {
            date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
        } else {
            date
        };
        let next_date = start + Duration::days(if weeks { 7 } else { 1 });
        let next = midnight(next_date, zone).max(since + Duration::seconds(1));
        let until = next.min(period.until);
        out.push((start, Period { since, until }));
        since = until;
    }
    out
}

/// The first instant of `date` in `zone` (after a gap when midnight does not exist there).
pub fn midnight(date: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    (0..=4)
        .find_map(|h| {
            zone.from_local_datetime(&(naive + Duration::hours(h)))
                .earliest()
        })
        .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
}

/// The trend of each day, in one pass over the tickets and their clocks.
fn daily(
    all: &[&Facts<'_>],
    desk: &Desk<'_>,
    period: Period,
    days: &[(NaiveDate, Period)],
) -> Vec<Day> {
    let ends: Vec<DateTime<Utc>> = days.iter().map(|(_, p)| p.until).collect();
    let volumes = split_volume(
        all.iter().map(|f| f.timeline),
        desk.workflow,
        period.since,
        &ends,
    );
    let mut judged = vec![(0usize, 0usize); days.len()];
    let bucket = |t: DateTime<Utc>| {
        (t >= period.since && t < period.until).then(|| ends.partition_point(|e| *e <= t))
    };
    // As `counted` for each day: a stop that day, or a breach that day by a clock still
    // running when the day ended.
    for clock in all.iter().flat_map(|f| &f.clocks) {
        let stopped = clock.stopped_at.and_then(bucket);
        match (clock.state, stopped) {
            (ClockState::Met, Some(d)) => {
                if let Some(j) = judged.get_mut(d) {
                    j.0 += 1;
                }
            }
            (ClockState::Breached, _) => {
                if let Some(j) = stopped.and_then(|d| judged.get_mut(d)) {
                    j.1 += 1;
                }
                let breached = clock.breach_at.and_then(bucket);
                let running_past = |d: usize| {
                    clock
                        .stopped_at
                        .is_none_or(|s| ends.get(d).is_some_and(|e| s >= *e))
                };
                if let Some(j) = breached
                    .filter(|d| running_past(*d))
                    .and_then(|d| judged.get_mut(d))
                {
                    j.1 += 1;
                }
            }
            _ => {}
        }
    }
    days.iter()
        .zip(volumes)
        .zip(judged)
        .map(|(((date, _), v), (met, breached))| Day {
            date: *date,
            created: v.created,
            resolved: v.resolved,
            reopened: v.reopened,
            backlog: v.backlog_end,
            met,
            breached,
        })
        .collect()
}

/// The tickets of each value of `by` (as each ticket was last seen), in a stable order.
fn by_field<'f, 't>(
    all: &[&'f Facts<'t>],
    desk: &Desk<'_>,
    by: GroupBy,
) -> Vec<(String, Vec<&'f Facts<'t>>)> {
    let none = || "(none)".to_string();
    let text = |t: &Option<Text>| t.as_deref().map_or_else(none, str::to_string);
    let key = |s: &TicketSnapshot| -> String {
        match by {
            GroupBy::Assignee => s
                .assignee
                .as_deref()
                .map_or_else(|| "(unassigned)".into(), str::to_string),
            GroupBy::Team => text(&s.team),
            GroupBy::Category => text(&s.category),
            GroupBy::Priority => s.priority.to_string(),
            GroupBy::Type => s.ticket_type.to_string(),
            GroupBy::Requester => text(&s.requester),
            GroupBy::Asset => text(&s.asset),
            GroupBy::Org => s.requester.as_deref().map_or_else(none, |r| org(desk, r)),
            GroupBy::Week | GroupBy::Day => none(),
        }
    };
    // Keyed, not searched: `--by requester` can have thousands of groups.
    let mut index: std::collections::HashMap<String, Vec<&'f Facts<'t>>> =
        std::collections::HashMap::new();
    for f in all {
        index.entry(key(&f.last)).or_default().push(f);
    }
    let mut groups: Vec<(String, Vec<&'f Facts<'t>>)> = index.into_iter().collect();
    let rank = |k: &str| match by {
        GroupBy::Priority => desk.priorities.iter().position(|p| p == k),
        _ => None,
    };
    groups.sort_by(|(a, _), (b, _)| {
        let placeholder = |k: &str| k.starts_with('(');
        (rank(a).unwrap_or(usize::MAX), placeholder(a), a).cmp(&(
            rank(b).unwrap_or(usize::MAX),
            placeholder(b),
            b,
        ))
    });
    groups
}

/// The organisation of `requester`: a configured one by email domain, else the domain itself.
fn org(desk: &Desk<'_>, requester: &str) -> String {
    if let Some((name, _)) = desk
        .sla
        .organisations
        .iter()
        .find(|(_, domains)| domains.iter().any(|d| in_domain(requester, d)))
    {
        return name.clone();
    }
    Identity::parse(requester)
        .email
        .or(Identity::parse(requester).name)
        .and_then(|e| e.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase()))
        .unwrap_or_else(|| "(none)".to_string())
}

fn breaches(all: &[&Facts<'_>], period: Period) -> Vec<Breach> {
    let mut out: Vec<Breach> = all
        .iter()
        .flat_map(|f| f.clocks.iter().map(move |c| (f, c)))
        .filter(|(_, c)| counted(c, period) == Some(false))
        .map(|(f, c)| {
            let at = c.breach_at.or(c.stopped_at);
            let then = at.and_then(|t| f.timeline.state_at(t));
            let then = then.as_ref().unwrap_or(&f.last);
            Breach {
                ticket: f.id().to_string(),
                title: f.last.title.to_string(),
                kind: c.kind,
                cycle: c.cycle,
                priority: then.priority.to_string(),
                assignee: f.last.assignee.as_deref().map(str::to_string),
                breach_at: c.breach_at,
                stopped_at: c.stopped_at,
                breached_by_secs: c.breached_by_secs,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.breach_at, &a.ticket, kind_rank(a.kind), a.cycle).cmp(&(
            b.breach_at,
            &b.ticket,
            kind_rank(b.kind),
            b.cycle,
        ))
    });
    out
}

/// Open tickets at the end per agent (every configured agent, then other assignees), and the
/// unassigned ones last.
fn workload(all: &[&Facts<'_>], desk: &Desk<'_>) -> Vec<Load> {
    let empty = |agent: Option<String>| Load {
        agent,
        open: 0,
        weighted: 0,
        by_priority: vec![0; desk.priorities.len()],
    };
    let mut loads: Vec<Load> = desk.agents.iter().map(|a| empty(Some(a.clone()))).collect();
    let mut unassigned = empty(None);
    for f in all {
        let Some(end) = &f.end else { continue };
        if desk.workflow.is_done(&end.status) {
            continue;
        }
        let load = match &end.assignee {
            None => &mut unassigned,
            Some(who) => {
                let i = match loads
                    .iter()
                    .position(|l| l.agent.as_deref().is_some_and(|a| same_person(a, who)))
                {
                    Some(i) => i,
                    None => {
                        loads.push(empty(Some(who.to_string())));
                        loads.len() - 1
                    }
                };
                match loads.get_mut(i) {
                    Some(load) => load,
                    None => continue,
                }
            }
        };
        load.open += 1;
        load.weighted += priority_weight(desk.priorities, &end.priority);
        if let Some(slot) = desk
            .priorities
            .iter()
            .position(|p| **p == *end.priority)
            .and_then(|i| load.by_priority.get_mut(i))
        {
            *slot += 1;
        }
    }
    loads.push(unassigned);
    loads
}
