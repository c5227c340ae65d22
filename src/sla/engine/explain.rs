//! `tix sla explain`: the arithmetic behind one clock, step by step.
//!
//! Built from the same replay and regime evaluation as [`super::evaluate`], with the evaluator
//! told to keep every stretch it measured, so an explanation cannot drift from the verdict it
//! explains: its running stretches add up to `elapsed_secs`, its paused ones to `paused_secs`,
//! and each stretch's open intervals to the stretch's business seconds (a property test holds
//! it to that over random histories).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::{ClockKind, ClockStatus, EngineContext, EvalOptions, Evaluator, Phase, Replay, to_utc};
use crate::domain::event::Timeline;
use crate::sla::policy::SlaConfig;

/// One clock's verdict and the steps that lead to it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockExplanation {
    /// The verdict, exactly as `evaluate` reports it.
    pub clock: ClockStatus,
    /// The zone of the clock's calendar (UTC for `24x7`), for local times.
    pub zone: Tz,
    /// The clock's life from its start to its end (its stop, or the evaluation instant), in
    /// order and without gaps, measured on the calendar of the target the verdict uses.
    pub stretches: Vec<Stretch>,
    /// Every target in force while the clock ran, in order: more than one after a
    /// re-prioritisation or a change that matched another policy.
    pub targets: Vec<TargetPeriod>,
}

/// A stretch of a clock's life with one status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub status: String,
    pub priority: String,
    pub phase: StretchPhase,
    /// Business seconds counted (running) or frozen (paused); 0 when stopped.
    pub business_secs: i64,
    /// The calendar's open intervals inside the stretch (running and paused stretches): what
    /// `business_secs` adds up.
    pub open: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// Local dates in the stretch on which a holiday took away open time.
    pub holidays: Vec<NaiveDate>,
}

/// What a stretch is to the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StretchPhase {
    /// Counted towards the target.
    Running,
    /// In a pause status of this clock: not counted.
    Paused,
    /// In a done status inside a resolution clock that resumes on reopen: not counted.
    Stopped,
}

impl StretchPhase {
    /// Lowercase name for output.
    pub fn as_str(&self) -> &'static str {
        match self {
            StretchPhase::Running => "running",
            StretchPhase::Paused => "paused",
            StretchPhase::Stopped => "stopped",
        }
    }
}

/// A period during which one (policy, priority) was in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetPeriod {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// `None` when no policy matched the ticket then.
    pub policy: Option<String>,
    pub priority: String,
    /// `None` when the policy sets no target for this clock at this priority.
    pub target_secs: Option<i64>,
    pub calendar: Option<String>,
    /// When the clock's elapsed time, measured from its start under this target, reached the
    /// target (before the clock's end), if it did.
    pub due: Option<DateTime<Utc>>,
    /// Business seconds left under this target at the clock's end (negative when overdue).
    pub remaining_secs: Option<i64>,
    /// The first instant of this period at which the clock ran past this target's due.
    pub overdue_from: Option<DateTime<Utc>>,
}

/// Explains clock `kind` of a ticket at `now`: cycle `cycle`, or the latest cycle that has a
/// target. `None` when the ticket has no such clock then.
pub fn explain(
    timeline: &Timeline,
    cfg: &SlaConfig,
    ctx: &EngineContext,
    now: DateTime<Utc>,
    kind: ClockKind,
    cycle: Option<u32>,
) -> Option<ClockExplanation> {
    let now = now.timestamp();
    let replay = Replay::run(timeline, cfg, ctx, now)?;
    let opts = EvalOptions::default();
    let eval = Evaluator {
        cfg,
        ctx,
        opts: &opts,
        replay: &replay,
        now,
        record: true,
    };
    let detail = eval
        .instances()
        .iter()
        .rev()
        .filter(|i| i.kind == kind && cycle.is_none_or(|c| i.cycle == c))
        .find_map(|inst| eval.clock_detail(inst))?;
    let shown = detail.regimes.get(detail.shown)?.1.as_ref()?;
    let cal = shown.target.calendar;
    let stretches = shown
        .pieces
        .iter()
        .map(|p| {
            let counted = matches!(p.phase, Phase::Running | Phase::Paused);
            Stretch {
                from: to_utc(p.from),
                to: to_utc(p.to),
                status: p.status.to_string(),
                priority: p.priority.to_string(),
                phase: match p.phase {
                    Phase::Running => StretchPhase::Running,
                    Phase::Paused => StretchPhase::Paused,
                    Phase::Stopped(_) => StretchPhase::Stopped,
                },
                business_secs: p.secs,
                open: if counted {
                    cal.open_intervals(p.from, p.to)
                        .into_iter()
                        .map(|(a, b)| (to_utc(a), to_utc(b)))
                        .collect()
                } else {
                    Vec::new()
                },
                holidays: if counted {
                    cal.holidays_between(p.from, p.to)
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    let targets = detail
        .windows
        .iter()
        .zip(&detail.window_regimes)
        .map(|(w, &(regime, overdue))| {
            let r = regime.and_then(|i| detail.regimes.get(i)?.1.as_ref());
            TargetPeriod {
                from: to_utc(w.from),
                to: to_utc(w.to),
                policy: w
                    .policy
                    .and_then(|p| cfg.sla.policies.get(p))
                    .map(|p| p.name.clone()),
                priority: w.priority.to_string(),
                target_secs: r.map(|r| r.target.secs),
                calendar: r.map(|r| r.target.calendar_name.to_string()),
                due: r.and_then(|r| r.due).map(to_utc),
                remaining_secs: r.map(|r| r.target.secs - r.elapsed),
                overdue_from: overdue.map(to_utc),
            }
        })
        .collect();
    Some(ClockExplanation {
        clock: detail.status,
        zone: cal.zone(),
        stretches,
        targets,
    })
}
