//! `tix report --format json|csv`: the report as data. The JSON document is versioned
//! (`"version": 1`, added by the shared document writer); README "Report JSON" documents every key. Durations are whole seconds,
//! rates are fractions from 0 to 1, and a figure with nothing to count is `null`.

use serde::Serialize;

use crate::metrics::report::{Breach, Day, Group, Load, Report};
use crate::metrics::stats::Summary;
use crate::metrics::summary::{AGE_BUCKETS, Attainment, Figures, Times, ratio};
use crate::report::sla::instant;
use crate::sla::ClockKind;

#[derive(Serialize)]
pub struct ReportDoc<'r> {
    period: PeriodDto,
    as_of: String,
    zone: String,
    by: Option<&'static str>,
    summary: FiguresDto,
    groups: Vec<GroupDto>,
    daily: Vec<DayDto>,
    breaches: Vec<BreachDto<'r>>,
    workload: Vec<LoadDto<'r>>,
    recurring: Vec<RecurringDto<'r>>,
    knowledge: KnowledgeDto<'r>,
}

/// README "Report JSON": `knowledge`.
#[derive(Serialize)]
struct KnowledgeDto<'r> {
    resolved: usize,
    with_article: usize,
    /// with_article / resolved.
    article_rate: Option<f64>,
    deflected: usize,
    /// deflected / with_article.
    deflection_rate: Option<f64>,
    articles: Vec<ArticleUseDto<'r>>,
}

#[derive(Serialize)]
struct ArticleUseDto<'r> {
    slug: &'r str,
    tickets: usize,
}

#[derive(Serialize)]
struct PeriodDto {
    since: String,
    until: String,
}

#[derive(Serialize)]
struct GroupDto {
    key: String,
    #[serde(flatten)]
    figures: FiguresDto,
}

#[derive(Serialize)]
pub struct FiguresDto {
    volume: VolumeDto,
    backlog: BacklogDto,
    first_response: TimesDto,
    resolution: TimesDto,
    sla: SlaDto,
    first_contact: FirstContactDto,
    reopens: ReopensDto,
    reassignment: ReassignmentDto,
    satisfaction: SatisfactionDto,
}

#[derive(Serialize)]
struct VolumeDto {
    created: usize,
    resolved: usize,
    reopened: usize,
    closed: usize,
    deleted_open: usize,
    backlog_start: usize,
    backlog_end: usize,
}

#[derive(Serialize)]
struct BacklogDto {
    open: usize,
    active: usize,
    paused: usize,
    age: Vec<AgeDto>,
}

#[derive(Serialize)]
struct AgeDto {
    bucket: &'static str,
    tickets: usize,
}

#[derive(Serialize)]
struct TimesDto {
    calendar: Option<StatsDto>,
    business: Option<StatsDto>,
}

#[derive(Serialize)]
struct StatsDto {
    count: usize,
    mean_secs: i64,
    median_secs: i64,
    p90_secs: i64,
    p95_secs: i64,
}

#[derive(Serialize)]
struct SlaDto {
    /// Per clock kind over all priorities.
    kinds: Vec<AttainmentDto>,
    by_priority: Vec<AttainmentDto>,
}

#[derive(Serialize)]
struct AttainmentDto {
    clock: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<String>,
    met: usize,
    breached: usize,
    attainment: Option<f64>,
}

#[derive(Serialize)]
struct FirstContactDto {
    resolved: usize,
    first_contact: usize,
    zero_reply: usize,
    rate: Option<f64>,
}

#[derive(Serialize)]
struct ReopensDto {
    resolved: usize,
    reopened: usize,
    rate: Option<f64>,
}

#[derive(Serialize)]
struct ReassignmentDto {
    tickets: usize,
    total: usize,
    mean: Option<f64>,
    max: usize,
    /// Tickets reassigned 0, 1, 2 and 3 or more times.
    distribution: [usize; 4],
}

#[derive(Serialize)]
struct SatisfactionDto {
    ratings: usize,
    csat: Option<f64>,
    average: Option<f64>,
    /// Ratings of 1, 2, 3, 4 and 5.
    distribution: [usize; 5],
    resolved: usize,
    rated: usize,
    response_rate: Option<f64>,
}

#[derive(Serialize)]
struct DayDto {
    date: String,
    created: usize,
    resolved: usize,
    reopened: usize,
    backlog: usize,
    sla_met: usize,
    sla_breached: usize,
}

#[derive(Serialize)]
struct BreachDto<'r> {
    ticket: &'r str,
    title: &'r str,
    clock: &'static str,
    cycle: u32,
    priority: &'r str,
    assignee: Option<&'r str>,
    breach_at: Option<String>,
    stopped_at: Option<String>,
    breached_by_secs: Option<i64>,
}

#[derive(Serialize)]
struct LoadDto<'r> {
    agent: Option<&'r str>,
    open: usize,
    weighted: u32,
    by_priority: Vec<PriorityCount<'r>>,
}

#[derive(Serialize)]
struct PriorityCount<'r> {
    priority: &'r str,
    open: usize,
}

#[derive(Serialize)]
struct RecurringDto<'r> {
    pattern: &'static str,
    key: &'r str,
    count: usize,
    tickets: &'r [String],
}

/// Rounds a rate or mean to 4 decimals, so documents compare as text.
fn round(x: Option<f64>) -> Option<f64> {
    x.map(|x| (x * 10_000.0).round() / 10_000.0)
}

impl<'r> ReportDoc<'r> {
    pub fn new(r: &'r Report, priorities: &'r [String]) -> Self {
        ReportDoc {
            period: PeriodDto {
                since: instant(r.period.since),
                until: instant(r.period.until),
            },
            as_of: instant(r.as_of),
            zone: r.zone.name().to_string(),
            by: r.by.map(|b| b.as_str()),
            summary: FiguresDto::from(&r.figures),
            groups: r.groups.iter().map(GroupDto::from).collect(),
            daily: r.daily.iter().map(DayDto::from).collect(),
            breaches: r.breaches.iter().map(BreachDto::from).collect(),
            workload: r
                .workload
                .iter()
                .map(|l| LoadDto::new(l, priorities))
                .collect(),
            recurring: r
                .recurring
                .iter()
                .map(|x| RecurringDto {
                    pattern: x.pattern.as_str(),
                    key: &x.key,
                    count: x.tickets.len(),
                    tickets: &x.tickets,
                })
                .collect(),
            knowledge: KnowledgeDto {
                resolved: r.knowledge.resolved,
                with_article: r.knowledge.with_article,
                article_rate: round(ratio(r.knowledge.with_article, r.knowledge.resolved)),
                deflected: r.knowledge.deflected,
                deflection_rate: round(ratio(r.knowledge.deflected, r.knowledge.with_article)),
                articles: r
                    .knowledge
                    .articles
                    .iter()
                    .map(|(slug, n)| ArticleUseDto { slug, tickets: *n })
                    .collect(),
            },
        }
    }
}

impl From<&Group> for GroupDto {
    fn from(g: &Group) -> Self {
        GroupDto {
            key: g.key.clone(),
            figures: FiguresDto::from(&g.figures),
        }
    }
}

impl From<&Figures> for FiguresDto {
    fn from(f: &Figures) -> Self {
        let v = &f.volume;
        let s = &f.satisfaction;
        FiguresDto {
            volume: VolumeDto {
                created: v.created,
                resolved: v.resolved,
                reopened: v.reopened,
                closed: v.closed,
                deleted_open: v.deleted_open,
                backlog_start: v.backlog_start,
                backlog_end: v.backlog_end,
            },
            backlog: BacklogDto {
                open: f.backlog.open,
                active: f.backlog.active,
                paused: f.backlog.paused,
                age: AGE_BUCKETS
                    .iter()
                    .zip(f.backlog.ages)
                    .map(|((bucket, _), tickets)| AgeDto { bucket, tickets })
                    .collect(),
            },
            first_response: TimesDto::from(&f.first_response),
            resolution: TimesDto::from(&f.resolution),
            sla: SlaDto {
                kinds: kind_totals(&f.sla)
                    .into_iter()
                    .map(|(kind, met, breached)| AttainmentDto {
                        clock: kind.as_str(),
                        priority: None,
                        met,
                        breached,
                        attainment: round(ratio(met, met + breached)),
                    })
                    .collect(),
                by_priority: f
                    .sla
                    .iter()
                    .map(|a| AttainmentDto {
                        clock: a.kind.as_str(),
                        priority: Some(a.priority.clone()),
                        met: a.met,
                        breached: a.breached,
                        attainment: round(ratio(a.met, a.met + a.breached)),
                    })
                    .collect(),
            },
            first_contact: FirstContactDto {
                resolved: f.first_contact.resolved,
                first_contact: f.first_contact.first_contact,
                zero_reply: f.first_contact.zero_reply,
                rate: round(ratio(
                    f.first_contact.first_contact,
                    f.first_contact.resolved,
                )),
            },
            reopens: ReopensDto {
                resolved: f.reopens.resolved,
                reopened: f.reopens.reopened,
                rate: round(ratio(f.reopens.reopened, f.reopens.resolved)),
            },
            reassignment: ReassignmentDto {
                tickets: f.reassignment.tickets,
                total: f.reassignment.total,
                mean: round(ratio(f.reassignment.total, f.reassignment.tickets)),
                max: f.reassignment.max,
                distribution: f.reassignment.distribution,
            },
            satisfaction: SatisfactionDto {
                ratings: s.ratings(),
                csat: round(ratio(s.satisfied(), s.ratings())),
                average: round(ratio(s.score_sum(), s.ratings())),
                distribution: s.distribution,
                resolved: s.resolved,
                rated: s.rated_resolved,
                response_rate: round(ratio(s.rated_resolved, s.resolved)),
            },
        }
    }
}

/// Met and breached per clock kind, summed over priorities, in clock order.
pub fn kind_totals(rows: &[Attainment]) -> Vec<(ClockKind, usize, usize)> {
    let mut out: Vec<(ClockKind, usize, usize)> = Vec::new();
    for a in rows {
        match out.iter_mut().find(|(k, _, _)| *k == a.kind) {
            Some((_, met, breached)) => {
                *met += a.met;
                *breached += a.breached;
            }
            None => out.push((a.kind, a.met, a.breached)),
        }
    }
    out
}

impl From<&Times> for TimesDto {
    fn from(t: &Times) -> Self {
        TimesDto {
            calendar: t.calendar.as_ref().map(StatsDto::from),
            business: t.business.as_ref().map(StatsDto::from),
        }
    }
}

impl From<&Summary> for StatsDto {
    fn from(s: &Summary) -> Self {
        StatsDto {
            count: s.count,
            mean_secs: s.mean.round() as i64,
            median_secs: s.median,
            p90_secs: s.p90,
            p95_secs: s.p95,
        }
    }
}

impl From<&Day> for DayDto {
    fn from(d: &Day) -> Self {
        DayDto {
            date: d.date.to_string(),
            created: d.created,
            resolved: d.resolved,
            reopened: d.reopened,
            backlog: d.backlog,
            sla_met: d.met,
            sla_breached: d.breached,
        }
    }
}

impl<'r> From<&'r Breach> for BreachDto<'r> {
    fn from(b: &'r Breach) -> Self {
        BreachDto {
            ticket: &b.ticket,
            title: &b.title,
            clock: b.kind.as_str(),
            cycle: b.cycle,
            priority: &b.priority,
            assignee: b.assignee.as_deref(),
            breach_at: b.breach_at.map(instant),
            stopped_at: b.stopped_at.map(instant),
            breached_by_secs: b.breached_by_secs,
        }
    }
}

impl<'r> LoadDto<'r> {
    fn new(l: &'r Load, priorities: &'r [String]) -> Self {
        LoadDto {
            agent: l.agent.as_deref(),
            open: l.open,
            weighted: l.weighted,
            by_priority: priorities
                .iter()
                .zip(&l.by_priority)
                .map(|(priority, open)| PriorityCount {
                    priority,
                    open: *open,
                })
                .collect(),
        }
    }
}

/// The CSV columns: one row for the whole period, then one per group.
pub const CSV_COLUMNS: [&str; 30] = [
    "group",
    "created",
    "resolved",
    "reopened",
    "closed",
    "backlog_start",
    "backlog_end",
    "backlog_active",
    "backlog_paused",
    "first_response_count",
    "first_response_mean_secs",
    "first_response_median_secs",
    "first_response_p90_secs",
    "first_response_business_median_secs",
    "first_response_business_p90_secs",
    "resolution_count",
    "resolution_mean_secs",
    "resolution_median_secs",
    "resolution_p90_secs",
    "resolution_business_median_secs",
    "resolution_business_p90_secs",
    "sla_met",
    "sla_breached",
    "sla_attainment",
    "first_contact_rate",
    "reopen_rate",
    "reassignments_mean",
    "ratings",
    "csat",
    "response_rate",
];

/// One CSV row of `figures` under the label `group`; empty cells where there is nothing to count.
pub fn csv_row(group: &str, f: &Figures) -> Vec<String> {
    let n = |x: usize| x.to_string();
    let opt = |x: Option<i64>| x.map(|x| x.to_string()).unwrap_or_default();
    let rate = |x: Option<f64>| round(x).map(|x| x.to_string()).unwrap_or_default();
    let stat = |s: &Option<Summary>, pick: fn(&Summary) -> i64| opt(s.as_ref().map(pick));
    let (met, breached) = f.sla_totals();
    let s = &f.satisfaction;
    let v = &f.volume;
    vec![
        group.to_string(),
        n(v.created),
        n(v.resolved),
        n(v.reopened),
        n(v.closed),
        n(v.backlog_start),
        n(v.backlog_end),
        n(f.backlog.active),
        n(f.backlog.paused),
        n(f.first_response.calendar.map_or(0, |s| s.count)),
        stat(&f.first_response.calendar, |s| s.mean.round() as i64),
        stat(&f.first_response.calendar, |s| s.median),
        stat(&f.first_response.calendar, |s| s.p90),
        stat(&f.first_response.business, |s| s.median),
        stat(&f.first_response.business, |s| s.p90),
        n(f.resolution.calendar.map_or(0, |s| s.count)),
        stat(&f.resolution.calendar, |s| s.mean.round() as i64),
        stat(&f.resolution.calendar, |s| s.median),
        stat(&f.resolution.calendar, |s| s.p90),
        stat(&f.resolution.business, |s| s.median),
        stat(&f.resolution.business, |s| s.p90),
        n(met),
        n(breached),
        rate(ratio(met, met + breached)),
        rate(ratio(
            f.first_contact.first_contact,
            f.first_contact.resolved,
        )),
        rate(ratio(f.reopens.reopened, f.reopens.resolved)),
        rate(ratio(f.reassignment.total, f.reassignment.tickets)),
        n(s.ratings()),
        rate(ratio(s.satisfied(), s.ratings())),
        rate(ratio(s.rated_resolved, s.resolved)),
    ]
}
