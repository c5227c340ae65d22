//! `tix sla explain` as text and as a stable JSON document.
//!
//! Local times are the clock calendar's zone (the business hours are defined there), each
//! instant that decides the verdict also in UTC.

use chrono::{DateTime, SecondsFormat, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::sla::{ClockDto, instant};
use crate::sla::{ClockExplanation, ClockState, Stretch, StretchPhase, TargetPeriod, format_secs};

/// How many open intervals of one stretch the text lists before eliding the middle.
const MAX_INTERVALS: usize = 8;

/// The ticket an explanation is about, as the history had it at the evaluation instant.
pub struct Subject<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub as_of: DateTime<Utc>,
}

fn local(zone: Tz, t: DateTime<Utc>) -> String {
    let l = t.with_timezone(&zone);
    if l.second() == 0 {
        l.format("%a %Y-%m-%d %H:%M %Z").to_string()
    } else {
        l.format("%a %Y-%m-%d %H:%M:%S %Z").to_string()
    }
}

fn both(zone: Tz, t: DateTime<Utc>) -> String {
    format!("{} ({})", local(zone, t), instant(t))
}

/// `4h 30m` and, when minutes hide seconds, the exact count.
fn span(secs: i64) -> String {
    if secs % 60 == 0 {
        format_secs(secs)
    } else {
        format!("{} ({secs} s)", format_secs(secs))
    }
}

fn clock_name(e: &ClockExplanation) -> String {
    let c = &e.clock;
    if c.cycle > 1 {
        format!("{} clock, cycle {}", c.kind, c.cycle)
    } else {
        format!("{} clock", c.kind)
    }
}

fn target_lines(zone: Tz, p: &TargetPeriod, out: &mut String) {
    let policy = p.policy.as_deref().unwrap_or("no policy");
    out.push_str(&format!(
        "  from {}  {}  {policy}: ",
        local(zone, p.from),
        p.priority
    ));
    let Some(target) = p.target_secs else {
        out.push_str("no target for this clock\n");
        return;
    };
    let reached = match (p.due, p.remaining_secs) {
        (Some(due), _) => format!("reached {}", local(zone, due)),
        (None, Some(left)) => format!("not reached ({} left)", span(left)),
        (None, None) => "not reached".into(),
    };
    out.push_str(&format!("{} of open time, {reached}\n", span(target)));
    if let Some(t) = p.overdue_from {
        out.push_str(&format!("      overdue from {}\n", both(zone, t)));
    }
}

fn interval(zone: Tz, (a, b): &(DateTime<Utc>, DateTime<Utc>)) -> String {
    let (a, b) = (a.with_timezone(&zone), b.with_timezone(&zone));
    let end = if b.date_naive() == a.date_naive() {
        b.format("%H:%M").to_string()
    } else {
        b.format("%a %d %b %H:%M").to_string()
    };
    format!("{}–{end}", a.format("%a %d %b %H:%M"))
}

fn stretch_lines(zone: Tz, s: &Stretch, out: &mut String) {
    let counted = match s.phase {
        StretchPhase::Running => span(s.business_secs),
        StretchPhase::Paused => format!("{} not counted", span(s.business_secs)),
        StretchPhase::Stopped => "not counted".into(),
    };
    out.push_str(&format!(
        "  {} → {}  {} {}  {}  {counted}\n",
        local(zone, s.from),
        local(zone, s.to),
        s.status,
        s.priority,
        s.phase.as_str(),
    ));
    if s.phase == StretchPhase::Stopped {
        return;
    }
    let shown: Vec<String> = if s.open.len() > MAX_INTERVALS {
        let mut v: Vec<String> = s.open.iter().take(4).map(|i| interval(zone, i)).collect();
        v.push(format!("… {} more …", s.open.len() - 6));
        let last_two = s.open.iter().skip(s.open.len() - 2);
        v.extend(last_two.map(|i| interval(zone, i)));
        v
    } else {
        s.open.iter().map(|i| interval(zone, i)).collect()
    };
    if shown.is_empty() {
        out.push_str("      calendar closed throughout\n");
    } else {
        // Three to a line keeps the text within 80 columns.
        for (i, chunk) in shown.chunks(3).enumerate() {
            let head = if i == 0 { "open" } else { "    " };
            out.push_str(&format!("      {head} {}\n", chunk.join(", ")));
        }
    }
    if !s.holidays.is_empty() {
        let days: Vec<String> = s.holidays.iter().map(|d| d.to_string()).collect();
        out.push_str(&format!("      holidays skipped: {}\n", days.join(", ")));
    }
}

/// The verdict's lines after `Verdict  `, continuation lines indented to match.
fn verdict(zone: Tz, e: &ClockExplanation) -> Vec<String> {
    let c = &e.clock;
    let left = span(c.remaining_secs.max(0));
    match c.state {
        ClockState::Breached => {
            let mut v = vec![match c.breached_by_secs {
                Some(by) => format!("breached, {} beyond the target", span(by)),
                None => "breached".into(),
            }];
            if let Some(t) = c.breach_at {
                v.push(format!("overdue since {}", both(zone, t)));
            }
            if let Some(seen) = c.breach_detected_at
                && Some(seen) != c.breach_at
            {
                v.push(format!(
                    "visible from {} (the target changed then)",
                    both(zone, seen)
                ));
            }
            if let Some(t) = c.stopped_at {
                v.push(format!("stopped {}", both(zone, t)));
            }
            v
        }
        ClockState::Met => vec![
            format!("met, {left} to spare"),
            c.stopped_at
                .map_or_else(String::new, |t| format!("stopped {}", both(zone, t))),
        ],
        ClockState::Warning => vec![format!(
            "warning: {left} left (warning from {} elapsed)",
            span(c.warn_threshold_secs)
        )],
        ClockState::Running if c.off_hours => {
            vec![format!("running (outside working hours now): {left} left")]
        }
        ClockState::Running => vec![format!("running: {left} left")],
        ClockState::Paused => vec![format!("paused: {left} left, frozen while paused")],
        ClockState::Cancelled => vec![format!(
            "cancelled{}",
            c.stopped_at
                .map(|t| format!(" {}", both(zone, t)))
                .unwrap_or_default()
        )],
        ClockState::None => vec!["no target in force now".into()],
    }
}

/// The explanation for people: targets, stretches with their open intervals, sums, due time,
/// verdict.
pub fn text(subject: &Subject<'_>, e: &ClockExplanation) -> String {
    let zone = e.zone;
    let c = &e.clock;
    let mut out = format!(
        "{} {}: {}\npolicy {}, calendar {} ({})\nas of {}\n\n",
        subject.id,
        subject.title,
        clock_name(e),
        c.policy,
        c.calendar,
        zone.name(),
        both(zone, subject.as_of),
    );
    out.push_str(&format!("Start    {}\n", both(zone, c.start)));
    out.push_str("Targets  (each measured from the start; a breach under any of them stays)\n");
    for p in &e.targets {
        target_lines(zone, p, &mut out);
    }
    out.push_str(&format!("Time     on calendar {}\n", c.calendar));
    if e.stretches.is_empty() {
        out.push_str("  none: the clock stopped when it started\n");
    }
    for s in &e.stretches {
        stretch_lines(zone, s, &mut out);
    }
    let running: Vec<String> = e
        .stretches
        .iter()
        .filter(|s| s.phase == StretchPhase::Running)
        .map(|s| span(s.business_secs))
        .collect();
    let sum = if running.len() > 1 {
        format!("{} = ", running.join(" + "))
    } else {
        String::new()
    };
    out.push_str(&format!(
        "Elapsed  {sum}{} ({} s) running; {} paused\n",
        span(c.elapsed_secs),
        c.elapsed_secs,
        span(c.paused_secs)
    ));
    if let Some(due) = c.due {
        let how = if c.due_projected {
            " if the clock resumed now"
        } else {
            ""
        };
        out.push_str(&format!(
            "Due      {}: {} elapsed{how}\n",
            both(zone, due),
            span(c.target_secs)
        ));
    }
    let lines: Vec<String> = verdict(zone, e)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    out.push_str(&format!("Verdict  {}\n", lines.join("\n         ")));
    out
}

#[derive(Serialize)]
struct IntervalDto {
    from: String,
    to: String,
}

#[derive(Serialize)]
struct StretchDto {
    from: String,
    to: String,
    from_local: String,
    to_local: String,
    status: String,
    priority: String,
    phase: &'static str,
    business_secs: i64,
    open: Vec<IntervalDto>,
    holidays: Vec<String>,
}

#[derive(Serialize)]
struct TargetDto {
    from: String,
    to: String,
    from_local: String,
    policy: Option<String>,
    priority: String,
    target_secs: Option<i64>,
    calendar: Option<String>,
    due: Option<String>,
    remaining_secs: Option<i64>,
    overdue_from: Option<String>,
}

/// `tix sla explain --format json` (inside the versioned document).
#[derive(Serialize)]
pub struct ExplanationDto {
    as_of: String,
    ticket: String,
    title: String,
    timezone: String,
    clock: ClockDto,
    targets: Vec<TargetDto>,
    stretches: Vec<StretchDto>,
}

fn rfc3339_local(zone: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&zone)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl ExplanationDto {
    pub fn new(subject: &Subject<'_>, e: &ClockExplanation) -> Self {
        let zone = e.zone;
        Self {
            as_of: instant(subject.as_of),
            ticket: subject.id.to_string(),
            title: subject.title.to_string(),
            timezone: zone.name().to_string(),
            clock: ClockDto::from(&e.clock),
            targets: e
                .targets
                .iter()
                .map(|p| TargetDto {
                    from: instant(p.from),
                    to: instant(p.to),
                    from_local: rfc3339_local(zone, p.from),
                    policy: p.policy.clone(),
                    priority: p.priority.clone(),
                    target_secs: p.target_secs,
                    calendar: p.calendar.clone(),
                    due: p.due.map(instant),
                    remaining_secs: p.remaining_secs,
                    overdue_from: p.overdue_from.map(instant),
                })
                .collect(),
            stretches: e
                .stretches
                .iter()
                .map(|s| StretchDto {
                    from: instant(s.from),
                    to: instant(s.to),
                    from_local: rfc3339_local(zone, s.from),
                    to_local: rfc3339_local(zone, s.to),
                    status: s.status.clone(),
                    priority: s.priority.clone(),
                    phase: s.phase.as_str(),
                    business_secs: s.business_secs,
                    open: s
                        .open
                        .iter()
                        .map(|(a, b)| IntervalDto {
                            from: instant(*a),
                            to: instant(*b),
                        })
                        .collect(),
                    holidays: s.holidays.iter().map(|d| d.to_string()).collect(),
                })
                .collect(),
        }
    }
}
