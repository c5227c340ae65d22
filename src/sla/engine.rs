//! The SLA clock engine: a ticket's event timeline, the SLA config and an instant in, clocks out.
//!
//! Pure and deterministic (DESIGN 6.2): no I/O and no wall clock; `now` is a parameter, and only
//! events at or before it are used, which is all `--as-of` needs. One pass over the events
//! builds the ticket's status/priority/policy segments and finds when responses happened; each
//! clock is then evaluated under every target that was in force while it ran ("regimes"), each
//! measured from the clock's original start, so that a priority change re-targets from the start
//! and a breach under any earlier target stays recorded. Business-time arithmetic is delegated
//! to `calendar`; which policy applies and its settings to `policy`.

use std::fmt;

use chrono::{DateTime, Utc};

use super::calendar::Calendar;
use super::duration::SlaDuration;
pub use super::policy::ClockKind;
use super::policy::{AgentOpened, MatchFields, ReopenMode, ResolvedTarget, SlaConfig, WarnRule};
use crate::domain::actor::Identity;
use crate::domain::event::{EventKind, Timeline};

pub use explain::{ClockExplanation, Stretch, StretchPhase, TargetPeriod, explain};

/// Who counts as an agent and which statuses end a ticket, from the rest of the config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngineContext {
    /// Names or emails; an actor or comment author matches if its name or its email equals one.
    pub agents: Vec<String>,
    /// Statuses that stop the resolution clock (e.g. `resolved`, `closed`).
    pub done_statuses: Vec<String>,
    /// Statuses that cancel running clocks (e.g. `cancelled`, `merged`).
    pub cancelled_statuses: Vec<String>,
    /// Automated identities (`bots:` in the config): what they write or commit is never a
    /// response, nor a requester message waiting for one, even when they are also agents.
    pub bots: Vec<String>,
}

impl EngineContext {
    /// Whether `who` (`Name <email>`, a name or an email) is one of the agents, matched on name
    /// or email as the clocks match comment authors.
    pub fn is_agent(&self, who: &str) -> bool {
        Agents::new(self).contains(who)
    }

    fn stop_kind(&self, status: &str) -> Option<Stop> {
        if self.cancelled_statuses.iter().any(|s| s == status) {
            Some(Stop::Cancelled)
        } else if self.done_statuses.iter().any(|s| s == status) {
            Some(Stop::Done)
        } else {
            None
        }
    }
}

/// Evaluation switches that come from the command line rather than the config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// Replace every clock's warning rule by "warn when at most this much time remains"
    /// (`tix sla check --warn-before 2h`), resolved against each clock's calendar.
    pub warn_before: Option<SlaDuration>,
}

/// A clock's state at the evaluation instant (DESIGN 6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockState {
    /// Stopped at or before due, never overdue while running.
    Met,
    /// Stopped after due, running past due, or overdue at some earlier moment (sticky).
    Breached,
    /// Running, not breached, elapsed at or past the warning threshold (at due: 0 left).
    Warning,
    /// In a pause status; remaining time frozen.
    Paused,
    /// Running (maybe outside working hours; see `off_hours`).
    Running,
    /// No target applies now and none was breached.
    None,
    /// The ticket was cancelled before the clock stopped.
    Cancelled,
}

impl ClockState {
    /// Lowercase name for output.
    pub fn as_str(&self) -> &'static str {
        match self {
            ClockState::Met => "met",
            ClockState::Breached => "breached",
            ClockState::Warning => "warning",
            ClockState::Paused => "paused",
            ClockState::Running => "running",
            ClockState::None => "none",
            ClockState::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for ClockState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One clock of one ticket as it stands at the evaluation instant. Durations are business
/// seconds on the clock's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockStatus {
    pub kind: ClockKind,
    /// 1 for the first clock of its kind; next-response clocks and `new_cycle` resolution
    /// clocks count up.
    pub cycle: u32,
    pub policy: String,
    pub calendar: String,
    pub target_secs: i64,
    /// The target as the config wrote it (`3d` rather than its 24 business hours).
    pub target: SlaDuration,
    pub start: DateTime<Utc>,
    /// When the target is (or was) reached. For a clock that stopped before reaching it, the due
    /// time it had when it stopped; for a paused clock that has not reached it, the due time if
    /// it resumed now (`due_projected`).
    pub due: Option<DateTime<Utc>>,
    /// `due` is a projection: the clock is paused, so it moves later while the pause lasts.
    pub due_projected: bool,
    /// Working time while running, net of pauses.
    pub elapsed_secs: i64,
    /// Working time spent in pause statuses.
    pub paused_secs: i64,
    /// `target - elapsed`; negative when overdue.
    pub remaining_secs: i64,
    pub state: ClockState,
    /// Running (not paused or stopped) outside the calendar's working time.
    pub off_hours: bool,
    /// When the clock became overdue (the due time under the target then in force).
    pub breach_at: Option<DateTime<Utc>>,
    /// When the breach could first be seen: `breach_at`, or later when a re-prioritisation
    /// made the clock overdue (the new due was already past at the change) or the clock resumed
    /// from a pause past its due.
    pub breach_detected_at: Option<DateTime<Utc>>,
    /// For breached clocks: business seconds of elapsed time beyond the current target (0 when
    /// the overdue time fell outside working hours or the target was raised since).
    pub breached_by_secs: Option<i64>,
    /// When the clock stopped (response, resolution or cancellation).
    pub stopped_at: Option<DateTime<Utc>>,
    /// Elapsed seconds from which the clock is in `warning`.
    pub warn_threshold_secs: i64,
}

impl ClockStatus {
    /// Whether the clock still runs or is paused (not met, breached-and-stopped, cancelled).
    pub fn is_active(&self) -> bool {
        self.stopped_at.is_none() && self.state != ClockState::None
    }
}

/// All clocks of one ticket: first response, then resolution cycles, then next-response cycles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketSla {
    /// The policy in force at the evaluation instant; `None` when no policy matches.
    pub policy: Option<String>,
    pub clocks: Vec<ClockStatus>,
}

/// Evaluates a ticket's clocks at `now` with the config's own warning rules.
pub fn evaluate(
    timeline: &Timeline,
    cfg: &SlaConfig,
    ctx: &EngineContext,
    now: DateTime<Utc>,
) -> TicketSla {
    evaluate_with(timeline, cfg, ctx, now, &EvalOptions::default())
}

/// Evaluates a ticket's clocks at `now`, using only events at or before `now`.
///
/// Events are taken in timeline order; an event stamped earlier than its predecessor (a
/// rewritten commit date) is treated as happening at its predecessor's time. A timeline with
/// no `Created` event by `now` has no policy and no clocks.
pub fn evaluate_with(
    timeline: &Timeline,
    cfg: &SlaConfig,
    ctx: &EngineContext,
    now: DateTime<Utc>,
    opts: &EvalOptions,
) -> TicketSla {
    let now = now.timestamp();
    let Some(replay) = Replay::run(timeline, cfg, ctx, now) else {
        return TicketSla::default();
    };
    let eval = Evaluator {
        cfg,
        ctx,
        opts,
        replay: &replay,
        now,
        record: false,
    };
    let clocks = eval
        .instances()
        .iter()
        .filter_map(|inst| eval.clock(inst))
        .collect();
    let policy = replay
        .segs
        .last()
        .and_then(|s| s.policy)
        .and_then(|i| cfg.sla.policies.get(i))
        .map(|p| p.name.clone());
    TicketSla { policy, clocks }
}

/// The agent list split into names and emails once per evaluation.
struct Agents<'c>(Vec<Identity<'c>>);

impl<'c> Agents<'c> {
    fn new(ctx: &'c EngineContext) -> Self {
        Self(ctx.agents.iter().map(|a| Identity::parse(a)).collect())
    }

    fn contains(&self, who: &str) -> bool {
        let who = Identity::parse(who);
        self.0.iter().any(|a| a.same(&who))
    }
}

/// How a clock stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Answered or resolved: the verdict is met or breached.
    Done,
    Cancelled,
}

/// A stretch of the ticket's life with one status, priority and matching policy. Strings are
/// borrowed from the timeline: evaluation allocates little, which matters at 10,000 tickets.
#[derive(Debug)]
struct Seg<'t> {
    from: i64,
    status: &'t str,
    priority: &'t str,
    policy: Option<usize>,
}

/// What one pass over the events found.
#[derive(Debug)]
struct Replay<'t> {
    created: i64,
    segs: Vec<Seg<'t>>,
    first_response: Option<(i64, Stop)>,
    /// Next-response cycles: start and, when stopped, when and how.
    next_responses: Vec<(i64, Option<(i64, Stop)>)>,
}

impl<'t> Replay<'t> {
    fn run(timeline: &'t Timeline, cfg: &SlaConfig, ctx: &EngineContext, now: i64) -> Option<Self> {
        let mut events = timeline
            .events
            .iter()
            .skip_while(|e| !matches!(e.kind, EventKind::Created(_)));
        let first = events.next()?;
        let created = first.at.timestamp();
        let EventKind::Created(initial) = &first.kind else {
            return None;
        };
        if created > now {
            return None;
        }
        let mut status: &'t str = &initial.status;
        let mut fields = MatchFields {
            priority: &initial.priority,
            ticket_type: &initial.ticket_type,
            category: initial.category.as_deref(),
            requester: initial.requester.as_deref(),
        };
        let mut policy = cfg.match_fields(&fields);
        let mut segs = vec![Seg {
            from: created,
            status,
            priority: fields.priority,
            policy,
        }];
        let agents = Agents::new(ctx);
        let bots = Agents(ctx.bots.iter().map(|b| Identity::parse(b)).collect());
        // With `public_message` an agent's public message in the first commit answers like
        // any reply (the comment events below); only `always` makes the opening itself one.
        let agent_opened = cfg.sla.agent_opened() == AgentOpened::Always
            && agents.contains(&first.actor)
            && !bots.contains(&first.actor);
        let mut first_response = if agent_opened {
            Some((created, Stop::Done))
        } else {
            ctx.stop_kind(status).map(|s| (created, s))
        };
        let mut next_responses = Vec::new();
        // An unanswered requester message not yet armed (the ticket was paused or stopped).
        let mut pending = false;
        let mut running: Option<i64> = None;
        let mut last_at = created;

        for ev in events {
            let at = ev.at.timestamp().max(last_at);
            if at > now {
                break;
            }
            last_at = at;
            let (mut status_changed, mut fields_changed) = (false, false);
            match &ev.kind {
                EventKind::Created(_)
                | EventKind::Deleted
                | EventKind::Rated { .. }
                | EventKind::Comment { internal: true, .. } => {}
                EventKind::StatusChanged { to, .. } => {
                    status = to;
                    status_changed = true;
                }
                EventKind::PriorityChanged { to, .. } => {
                    fields.priority = to;
                    fields_changed = true;
                }
                EventKind::FieldChanged { field, to, .. } => match &**field {
                    "type" => {
                        fields.ticket_type = to.as_deref().unwrap_or_default();
                        fields_changed = true;
                    }
                    "category" => {
                        fields.category = to.as_deref();
                        fields_changed = true;
                    }
                    "requester" => {
                        fields.requester = to.as_deref();
                        fields_changed = true;
                    }
                    _ => {}
                },
                EventKind::Comment {
                    author,
                    internal: false,
                    automated,
                } => {
                    if *automated || bots.contains(author) || bots.contains(&ev.actor) {
                        // Automated: neither an answer nor a question.
                    } else if agents.contains(author) {
                        first_response.get_or_insert((at, Stop::Done));
                        if let Some(start) = running.take() {
                            next_responses.push((start, Some((at, Stop::Done))));
                        }
                        pending = false;
                    } else if first_response.is_some() && running.is_none() {
                        pending = true;
                    }
                }
            }
            if fields_changed {
                policy = cfg.match_fields(&fields);
            }
            if status_changed || fields_changed {
                let seg = Seg {
                    from: at,
                    status,
                    priority: fields.priority,
                    policy,
                };
                match segs.last_mut() {
                    // Several changes at one instant (one commit): keep only the result.
                    Some(last) if last.from == at => *last = seg,
                    Some(last)
                        if last.status == seg.status
                            && last.priority == seg.priority
                            && last.policy == seg.policy => {}
                    _ => segs.push(seg),
                }
                if let Some(stop) = ctx.stop_kind(status) {
                    first_response.get_or_insert((at, stop));
                    if let Some(start) = running.take() {
                        next_responses.push((start, Some((at, stop))));
                    }
                }
            }
            // Arm the next-response clock once the ticket is active (not paused, not stopped).
            if pending
                && running.is_none()
                && ctx.stop_kind(status).is_none()
                && !cfg.pauses(policy, ClockKind::NextResponse, status)
            {
                running = Some(at);
                pending = false;
            }
        }
        if let Some(start) = running {
            next_responses.push((start, None));
        }
        Some(Self {
            created,
            segs,
            first_response,
            next_responses,
        })
    }

    /// Index of the segment in force at `t` (the first one for instants before creation).
    fn seg_at(&self, t: i64) -> usize {
        self.segs.partition_point(|s| s.from <= t).saturating_sub(1)
    }
}

/// One clock to evaluate: `[start, end)` with `end` the stop instant or now.
#[derive(Debug)]
struct Instance {
    kind: ClockKind,
    cycle: u32,
    start: i64,
    end: i64,
    stop: Option<(i64, Stop)>,
}

/// What a segment of time is to a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Running,
    Paused,
    /// In a done/cancelled status (only inside a `resume` resolution clock).
    Stopped(Stop),
}

/// A clock measured under one target, from its original start.
#[derive(Debug)]
struct RegimeEval<'a> {
    policy: usize,
    target: ResolvedTarget<'a>,
    /// Stretches `[from, to)` while the clock ran. The flag says whether the instant `to`
    /// itself counts too: it does when the clock stops or the evaluation instant is reached
    /// there (a verdict is taken at that instant), not when a pause begins.
    running: Vec<(i64, i64, bool)>,
    elapsed: i64,
    paused: i64,
    /// When elapsed reached the target, if it did before the clock's end.
    due: Option<i64>,
    /// Every non-empty stretch `[from, to)` with its status, phase and business seconds;
    /// recorded only when explaining (`Evaluator::record`).
    pieces: Vec<Piece<'a>>,
}

/// One stretch of a clock's life under one regime, for `explain`.
#[derive(Debug)]
struct Piece<'a> {
    from: i64,
    to: i64,
    status: &'a str,
    priority: &'a str,
    phase: Phase,
    /// Business seconds counted (running) or frozen (paused); 0 when stopped.
    secs: i64,
}

/// A window of time during which one (policy, priority) was in force.
#[derive(Debug)]
struct Window<'a> {
    from: i64,
    to: i64,
    policy: Option<usize>,
    priority: &'a str,
}

struct Evaluator<'a> {
    cfg: &'a SlaConfig,
    ctx: &'a EngineContext,
    opts: &'a EvalOptions,
    replay: &'a Replay<'a>,
    now: i64,
    /// Keep each regime's pieces (`RegimeEval::pieces`), for `explain`.
    record: bool,
}

impl<'a> Evaluator<'a> {
    /// Every clock of the ticket: first response, then resolution cycles, then next-response
    /// cycles.
    fn instances(&self) -> Vec<Instance> {
        let replay = self.replay;
        let (fr_end, fr_stop) = match replay.first_response {
            Some((at, stop)) => (at, Some((at, stop))),
            None => (self.now, None),
        };
        let mut out = vec![Instance {
            kind: ClockKind::FirstResponse,
            cycle: 1,
            start: replay.created,
            end: fr_end,
            stop: fr_stop,
        }];
        let final_policy = replay.segs.iter().rev().find_map(|s| s.policy);
        out.extend(self.resolution_instances(self.cfg.reopen_mode(final_policy)));
        for (i, &(start, stop)) in replay.next_responses.iter().enumerate() {
            out.push(Instance {
                kind: ClockKind::NextResponse,
                cycle: u32::try_from(i + 1).unwrap_or(u32::MAX),
                start,
                end: stop.map_or(self.now, |(at, _)| at),
                stop,
            });
        }
        out
    }

    fn resolution_instances(&self, mode: ReopenMode) -> Vec<Instance> {
        let instance = |cycle, start, end, stop| Instance {
            kind: ClockKind::Resolution,
            cycle,
            start,
            end,
            stop,
        };
        if mode == ReopenMode::Resume {
            return vec![instance(1, self.replay.created, self.now, None)];
        }
        let mut out = Vec::new();
        let mut open_since = Some(self.replay.created);
        for seg in &self.replay.segs {
            match (self.ctx.stop_kind(seg.status), open_since) {
                (Some(stop), Some(start)) => {
                    let cycle = u32::try_from(out.len() + 1).unwrap_or(u32::MAX);
                    out.push(instance(cycle, start, seg.from, Some((seg.from, stop))));
                    open_since = None;
                }
                (None, None) => open_since = Some(seg.from),
                _ => {}
            }
        }
        if let Some(start) = open_since {
            let cycle = u32::try_from(out.len() + 1).unwrap_or(u32::MAX);
            out.push(instance(cycle, start, self.now, None));
        }
        out
    }

    fn phase(&self, inst: &Instance, regime_policy: usize, status: &str) -> Phase {
        if let Some(stop) = self.ctx.stop_kind(status) {
            Phase::Stopped(stop)
        } else if self.cfg.pauses(Some(regime_policy), inst.kind, status) {
            Phase::Paused
        } else {
            Phase::Running
        }
    }

    /// The (policy, priority) windows covering `[start, end]`, merged when equal.
    fn windows(&self, inst: &Instance) -> Vec<Window<'a>> {
        let segs = &self.replay.segs;
        let mut out: Vec<Window<'a>> = Vec::new();
        let (first, last) = (self.replay.seg_at(inst.start), self.replay.seg_at(inst.end));
        for (i, seg) in segs.iter().enumerate().take(last + 1).skip(first) {
            let from = seg.from.max(inst.start);
            let to = segs.get(i + 1).map_or(inst.end, |n| n.from.min(inst.end));
            match out.last_mut() {
                Some(w) if w.policy == seg.policy && w.priority == seg.priority => w.to = to,
                _ => out.push(Window {
                    from,
                    to,
                    policy: seg.policy,
                    priority: seg.priority,
                }),
            }
        }
        out
    }

    /// Measures the clock under policy `policy` and its target for `priority`.
    fn regime(&self, inst: &Instance, policy: usize, priority: &str) -> Option<RegimeEval<'a>> {
        let target = self.cfg.target(policy, priority, inst.kind)?;
        let cal: &Calendar = target.calendar;
        let segs = &self.replay.segs;
        let (mut running, mut elapsed, mut paused, mut due) = (Vec::new(), 0, 0, None);
        let mut pieces = Vec::new();
        let (first, last) = (self.replay.seg_at(inst.start), self.replay.seg_at(inst.end));
        for (i, seg) in segs.iter().enumerate().take(last + 1).skip(first) {
            let from = seg.from.max(inst.start);
            let to = segs.get(i + 1).map_or(inst.end, |n| n.from.min(inst.end));
            let phase = self.phase(inst, policy, seg.status);
            if phase == Phase::Paused {
                // A pause that begins where the clock ran: its first instant is not running.
                if let Some((_, end, counts)) = running.last_mut()
                    && *end == from
                {
                    *counts = false;
                }
            }
            if to <= from {
                // Resumed exactly at the clock's end: that instant runs (and is judged).
                if phase == Phase::Running && from == inst.end {
                    match running.last_mut() {
                        Some((_, end, counts)) if *end == from => *counts = true,
                        _ => running.push((from, from, true)),
                    }
                }
                continue;
            }
            let secs = match phase {
                Phase::Running | Phase::Paused => cal.working_secs(from, to),
                Phase::Stopped(_) => 0,
            };
            if self.record {
                pieces.push(Piece {
                    from,
                    to,
                    status: seg.status,
                    priority: seg.priority,
                    phase,
                    secs,
                });
            }
            match phase {
                Phase::Running => {
                    let w = secs;
                    if due.is_none() && elapsed + w >= target.secs {
                        due = Some(cal.add_secs(from, target.secs - elapsed));
                    }
                    elapsed += w;
                    match running.last_mut() {
                        Some((_, end, counts)) if *end == from => {
                            *end = to;
                            *counts = true;
                        }
                        _ => running.push((from, to, true)),
                    }
                }
                Phase::Paused => paused += secs,
                Phase::Stopped(_) => {}
            }
        }
        Some(RegimeEval {
            policy,
            target,
            running,
            elapsed,
            paused,
            due,
            pieces,
        })
    }

    /// Evaluates one clock; `None` when no target ever applied to it.
    fn clock(&self, inst: &Instance) -> Option<ClockStatus> {
        self.clock_detail(inst).map(|d| d.status)
    }

    /// [`Evaluator::clock`] with the windows and regimes that led to the verdict.
    fn clock_detail(&self, inst: &Instance) -> Option<Detail<'a>> {
        let windows = self.windows(inst);
        // Only `explain` reads it; evaluating thousands of tickets allocates nothing for it.
        let mut window_regimes = Vec::new();
        let mut regimes: Vec<((usize, &str), Option<RegimeEval<'a>>)> = Vec::new();
        // (breach_at, index into regimes): the earliest due missed under any target that was
        // in force while the clock ran, as re-targeting measures from the original start.
        let mut breach: Option<(i64, usize)> = None;
        // The first instant at which any breach could be seen.
        let mut detected: Option<i64> = None;
        let mut last_with_target = None;
        let last_window = windows.len().saturating_sub(1);
        for (wi, w) in windows.iter().enumerate() {
            if self.record {
                window_regimes.push((None, None));
            }
            let Some(policy) = w.policy else { continue };
            let key = (policy, w.priority);
            let idx = match regimes.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    regimes.push((key, self.regime(inst, policy, w.priority)));
                    regimes.len() - 1
                }
            };
            let Some((_, Some(r))) = regimes.get(idx) else {
                continue;
            };
            last_with_target = Some(idx);
            // This window's entry, pushed above when recording.
            if let Some(entry) = window_regimes.last_mut() {
                entry.0 = Some(idx);
            }
            // Overdue while running inside this window: a running instant after due. The
            // window's first instant counts, so a re-prioritisation whose new due is already
            // past is a breach at the change, not a second later.
            if let Some(due) = r.due
                && let Some(seen) = first_overdue(&r.running, due, w, wi == last_window)
            {
                if breach.is_none_or(|(at, _)| due < at) {
                    breach = Some((due, idx));
                }
                if let Some(entry) = window_regimes.last_mut() {
                    entry.1 = Some(seen);
                }
                detected = Some(detected.map_or(seen, |d| d.min(seen)));
            }
        }
        let final_window = windows.last()?;
        let final_idx = final_window.policy.and_then(|p| {
            regimes
                .iter()
                .position(|(k, r)| *k == (p, final_window.priority) && r.is_some())
        });
        let shown_idx = final_idx.or(breach.map(|(_, i)| i)).or(last_with_target)?;
        let r = regimes.get(shown_idx)?.1.as_ref()?;
        let cal = r.target.calendar;

        // How the clock stands at its end.
        let (phase, stopped_at) = match inst.stop {
            Some((at, stop)) => (Phase::Stopped(stop), Some(at)),
            None => {
                let segs = &self.replay.segs;
                let i = self.replay.seg_at(inst.end);
                let mut seg = segs.get(i)?;
                match self.phase(inst, r.policy, seg.status) {
                    Phase::Stopped(stop) => {
                        // Stopped since the earliest segment of the current stopped streak.
                        let mut j = i;
                        while seg.from > inst.start
                            && let Some(prev) = j.checked_sub(1).and_then(|p| segs.get(p))
                            && self.ctx.stop_kind(prev.status).is_some()
                        {
                            j -= 1;
                            seg = prev;
                        }
                        (Phase::Stopped(stop), Some(seg.from.max(inst.start)))
                    }
                    p => (p, None),
                }
            }
        };
        let remaining = r.target.secs - r.elapsed;
        let warn = match self.opts.warn_before {
            Some(d) => WarnRule::Before(d),
            None => self.cfg.warn_rule(r.policy),
        };
        let warn_threshold = warn.threshold(r.target.secs, cal);
        let state = match phase {
            Phase::Stopped(Stop::Cancelled) => ClockState::Cancelled,
            _ if breach.is_some() => ClockState::Breached,
            _ if final_idx.is_none() => ClockState::None,
            Phase::Stopped(Stop::Done) => ClockState::Met,
            Phase::Paused => ClockState::Paused,
            Phase::Running if r.elapsed >= warn_threshold => ClockState::Warning,
            Phase::Running => ClockState::Running,
        };
        // A paused clock that has not reached its target shows when it would if resumed now;
        // one that reached it (a breach before the pause) keeps the due it missed.
        let due_projected = phase == Phase::Paused && r.due.is_none();
        let due = r
            .due
            .unwrap_or_else(|| cal.add_secs(stopped_at.unwrap_or(inst.end), remaining));
        let status = ClockStatus {
            kind: inst.kind,
            cycle: inst.cycle,
            policy: self
                .cfg
                .sla
                .policies
                .get(r.policy)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            calendar: r.target.calendar_name.to_string(),
            target_secs: r.target.secs,
            target: r.target.written,
            start: to_utc(inst.start),
            due: Some(to_utc(due)),
            due_projected,
            elapsed_secs: r.elapsed,
            paused_secs: r.paused,
            remaining_secs: remaining,
            state,
            off_hours: phase == Phase::Running && !cal.is_open_at(inst.end),
            breach_at: breach.map(|(at, _)| to_utc(at)),
            breach_detected_at: detected.map(to_utc),
            breached_by_secs: breach.map(|_| (-remaining).max(0)),
            stopped_at: stopped_at.map(to_utc),
            warn_threshold_secs: warn_threshold,
        };
        Some(Detail {
            status,
            windows,
            window_regimes,
            regimes,
            shown: shown_idx,
        })
    }
}

/// A clock's evaluation with what led to it, for `explain`.
struct Detail<'a> {
    status: ClockStatus,
    windows: Vec<Window<'a>>,
    /// Per window: the regime in force (index into `regimes`; `None` without a target) and
    /// the first instant in the window at which the clock ran past that regime's due.
    window_regimes: Vec<(Option<usize>, Option<i64>)>,
    regimes: Vec<((usize, &'a str), Option<RegimeEval<'a>>)>,
    /// The regime whose numbers the status shows.
    shown: usize,
}

/// The first instant of window `w` at which the clock runs (or stops, or is evaluated) past
/// `due`, if any. Window instants are `[from, to)`, and `[from, to]` for the clock's last
/// window. Running exactly at `due` is not overdue (equality is met).
fn first_overdue(
    running: &[(i64, i64, bool)],
    due: i64,
    w: &Window<'_>,
    last_window: bool,
) -> Option<i64> {
    running.iter().find_map(|&(a, b, end_counts)| {
        let lo = a.max(w.from);
        let hi = b.min(w.to);
        let hi_counts = (hi < b || end_counts) && (hi < w.to || last_window);
        if lo > due {
            (lo < hi || (lo == hi && hi_counts)).then_some(lo)
        } else {
            // Instants just after `due` run when `due` lies before the stretch's end.
            (due < hi).then_some(due)
        }
    })
}

fn to_utc(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

mod explain;
#[cfg(test)]
mod tests;
