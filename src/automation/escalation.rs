//! Scheduled escalation: which levels and timed rules are due, and what applying them does.
//!
//! [`plan`] works from the ticket summaries (with the keys already fired), their timelines, the
//! config and "now"; [`apply`] then runs the due actions on each full ticket and keeps a ticket's
//! result only as a whole, with the notifications to send; [`commit_message`] says what the run
//! did. A level fires once per ticket clock (key `level/clock/cycle`); a timed rule once per
//! entry into the state it watches (key `rule@<RFC 3339 time the status began>`). The keys are
//! recorded in the ticket so a second run finds nothing due.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};

use super::notify;
use crate::config::Config;
use crate::config::escalation::{EscalationConfig, Threshold};
use crate::domain::event::{EventKind, Timeline};
use crate::domain::id::TicketId;
use crate::domain::rules::{self, Action, ActionEnv, Assigner, Effects};
use crate::domain::ticket::{Ticket, TicketSummary};
use crate::hooks::Notification;
use crate::sla::{Calendars, ClockState, ClockStatus, evaluate};

/// Who writes the internal notes of escalation `comment` actions.
pub const ESCALATION_AUTHOR: &str = "tix-escalate";

/// An escalation that is due now.
#[derive(Debug, Clone, PartialEq)]
pub struct Due<'a> {
    /// Recorded in the ticket's `escalations` list once done.
    pub key: String,
    /// The level or timed rule.
    pub name: &'a str,
    /// Why, e.g. `resolution at 80% of 4h`.
    pub reason: String,
    pub actions: &'a [Action],
}

/// When the ticket entered `status`, its status at `now` (creation if it never moved).
pub fn status_since(
    timeline: &Timeline,
    status: &str,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let mut since = None;
    for e in timeline.events.iter().take_while(|e| e.at <= now) {
        match &e.kind {
            EventKind::Created(s) => since = Some((e.at, s.status.clone())),
            EventKind::StatusChanged { to, .. } => since = Some((e.at, to.clone())),
            _ => {}
        }
    }
    since.filter(|(_, s)| &**s == status).map(|(at, _)| at)
}

/// The levels and timed rules of `escalation` due for one ticket at `now`, not yet recorded in
/// the ticket. `clocks` are the ticket's SLA clocks at `now`; timed rules measure business time
/// on their calendar (or `default_calendar`).
pub fn due<'a>(
    escalation: &'a EscalationConfig,
    ticket: &TicketSummary,
    clocks: &[ClockStatus],
    timeline: &Timeline,
    now: DateTime<Utc>,
    calendars: &Calendars,
    default_calendar: &str,
) -> Vec<Due<'a>> {
    let mut out = Vec::new();
    for level in &escalation.levels {
        for c in clocks {
            if !c.is_active() || !level.clock.accepts(c.kind) {
                continue;
            }
            let key = format!("{}/{}/{}", level.name, c.kind, c.cycle);
            if ticket.escalations.contains(&key) {
                continue;
            }
            let reason = match &level.at {
                Threshold::Percent(p) => {
                    let needed = c.target_secs.saturating_mul(i64::from(*p)) / 100;
                    let reached = c.state == ClockState::Breached
                        || (c.target_secs > 0 && c.elapsed_secs >= needed);
                    reached.then(|| format!("{} at {p}% of its target", c.kind))
                }
                Threshold::Breach(after) => {
                    let Some(breach_at) = c.breach_at.filter(|_| c.state == ClockState::Breached)
                    else {
                        continue;
                    };
                    match after {
                        None => Some(format!("{} breached", c.kind)),
                        Some(d) => {
                            let cal = calendars.get(&c.calendar);
                            let passed = cal.is_some_and(|cal| {
                                breach_at <= now && cal.working(breach_at, now) >= d.resolve(cal)
                            });
                            passed.then(|| format!("{} breached more than {d} ago", c.kind))
                        }
                    }
                }
            };
            if let Some(reason) = reason {
                out.push(Due {
                    key,
                    name: &level.name,
                    reason,
                    actions: &level.actions,
                });
            }
        }
    }
    for rule in &escalation.timed {
        let w = &rule.when;
        if !w.status.is_empty() && !w.status.contains(&ticket.status) {
            continue;
        }
        if let Some(unassigned) = w.unassigned
            && ticket.assignee.is_none() != unassigned
        {
            continue;
        }
        let Some(since) = status_since(timeline, &ticket.status, now) else {
            continue;
        };
        let key = format!(
            "{}@{}",
            rule.name,
            since.to_rfc3339_opts(SecondsFormat::Secs, true)
        );
        if ticket.escalations.contains(&key) {
            continue;
        }
        let name = rule.calendar.as_deref().unwrap_or(default_calendar);
        let Some(cal) = calendars.get(name) else {
            continue;
        };
        if since <= now && cal.working(since, now) >= rule.after.resolve(cal) {
            out.push(Due {
                key,
                name: &rule.name,
                reason: format!("{} for more than {}", ticket.status, rule.after),
                actions: &rule.actions,
            });
        }
    }
    out
}

/// The tickets with escalations due at one instant, in listing order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan<'c> {
    pub tickets: Vec<DueTicket<'c>>,
}

/// One ticket's due escalations, planned from its summary; applied to the full ticket later.
#[derive(Debug, Clone, PartialEq)]
pub struct DueTicket<'c> {
    pub id: TicketId,
    pub due: Vec<Due<'c>>,
}

/// Plans a run at `now`: for every ticket with a timeline, its SLA clocks (unless the ticket
/// is done or no level watches clocks) and then what is due.
pub fn plan<'c>(
    summaries: &[TicketSummary],
    timelines: &HashMap<String, Timeline>,
    config: &'c Config,
    now: DateTime<Utc>,
) -> Plan<'c> {
    let esc = &config.escalation;
    let mut plan = Plan::default();
    if esc.levels.is_empty() && esc.timed.is_empty() {
        return plan;
    }
    let engine = config.engine_context();
    for summary in summaries {
        let Some(timeline) = timelines.get(summary.id.as_str()) else {
            continue;
        };
        let clocks = if esc.levels.is_empty() || config.schema.workflow.is_done(&summary.status) {
            Vec::new()
        } else {
            evaluate(timeline, &config.sla, &engine, now).clocks
        };
        let due = due(
            esc,
            summary,
            &clocks,
            timeline,
            now,
            &config.sla.calendars,
            config.default_calendar(),
        );
        if !due.is_empty() {
            plan.tickets.push(DueTicket {
                id: summary.id.clone(),
                due,
            });
        }
    }
    plan
}

/// One level or timed rule applied to a ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired<'c> {
    pub name: &'c str,
    pub key: String,
    pub reason: String,
    pub actions: &'c [Action],
    /// The ticket's title once this escalation applied.
    pub title: String,
    /// Actions that could not be applied, and automatic assignments, one line each.
    pub notes: Vec<String>,
}

/// A ticket its escalations changed: to be saved, committed and notified as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Escalated<'c> {
    /// The changed ticket, with the fired keys recorded in `escalations`.
    pub ticket: Ticket,
    pub fired: Vec<Fired<'c>>,
    /// Hook invocations to run after the commit.
    pub notifications: Vec<Notification>,
}

/// What a run does to one planned ticket.
#[derive(Debug, Clone, PartialEq)]
pub enum TicketOutcome<'c> {
    Escalated(Box<Escalated<'c>>),
    /// Nothing of it is recorded, committed or sent; the next run tries again.
    Skipped {
        id: TicketId,
        reason: String,
    },
    /// Everything planned was already recorded in the full ticket.
    Unchanged(TicketId),
}

/// Applies `plan`, one outcome per planned ticket. `load` gives each planned ticket in full (or
/// why it cannot be read); auto-assignment is asked of `assigner`.
pub fn apply<'c>(
    config: &'c Config,
    plan: &Plan<'c>,
    mut load: impl FnMut(&TicketId) -> Result<Ticket, String>,
    assigner: &mut dyn Assigner,
) -> Vec<TicketOutcome<'c>> {
    plan.tickets
        .iter()
        .map(|planned| match load(&planned.id) {
            Ok(ticket) => apply_ticket(config, &planned.due, ticket, assigner),
            Err(reason) => TicketOutcome::Skipped {
                id: planned.id.clone(),
                reason,
            },
        })
        .collect()
}

/// Applies the due escalations to one ticket. The result is kept only if the ticket is still
/// valid: a skipped ticket must send nothing, or its hooks would fire again on every run (its
/// keys are never recorded).
pub fn apply_ticket<'c>(
    config: &'c Config,
    due: &[Due<'c>],
    before: Ticket,
    assigner: &mut dyn Assigner,
) -> TicketOutcome<'c> {
    let mut ticket = before.clone();
    let mut fired = Vec::new();
    let mut notifications = Vec::new();
    for d in due {
        if ticket.escalations.contains(&d.key) {
            continue;
        }
        let mut effects = Effects::default();
        let mut env = ActionEnv {
            priorities: &config.schema.priorities,
            workflow: &config.schema.workflow,
            assigner: &mut *assigner,
            author: ESCALATION_AUTHOR,
        };
        for action in d.actions {
            rules::apply(action, d.name, &mut ticket, &mut env, &mut effects);
        }
        ticket.escalations.push(d.key.clone());
        notifications.extend(notify::notifications(
            config,
            &effects.notices,
            &ticket,
            "escalation",
        ));
        fired.push(Fired {
            name: d.name,
            key: d.key.clone(),
            reason: d.reason.clone(),
            actions: d.actions,
            title: ticket.title.clone(),
            notes: effects.notes,
        });
    }
    if ticket == before {
        return TicketOutcome::Unchanged(before.id);
    }
    if let Err(e) = ticket.validate(&config.schema) {
        return TicketOutcome::Skipped {
            id: ticket.id,
            reason: format!("the escalated ticket would be invalid: {e}"),
        };
    }
    TicketOutcome::Escalated(Box::new(Escalated {
        ticket,
        fired,
        notifications,
    }))
}

/// The commit of a run: subject, body (one line per escalation, then its notes indented) and
/// trailers (`Tix-Action: escalate`, one `Tix-Ticket` per ticket).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationCommit {
    pub subject: String,
    pub body: String,
    pub trailers: Vec<(String, String)>,
}

/// How many escalations fired on `escalated`, over all tickets.
pub fn count(escalated: &[Escalated<'_>]) -> usize {
    escalated.iter().map(|e| e.fired.len()).sum()
}

/// The commit message for `escalated`.
pub fn commit_message(escalated: &[Escalated<'_>]) -> EscalationCommit {
    let mut body = Vec::new();
    for e in escalated {
        for f in &e.fired {
            let actions: Vec<String> = f.actions.iter().map(ToString::to_string).collect();
            body.push(format!(
                "{} {} ({}): {}",
                e.ticket.id,
                f.name,
                f.reason,
                actions.join(", ")
            ));
            body.extend(f.notes.iter().map(|n| format!("  {n}")));
        }
    }
    let mut trailers = vec![("Tix-Action".to_string(), "escalate".to_string())];
    trailers.extend(
        escalated
            .iter()
            .map(|e| ("Tix-Ticket".to_string(), e.ticket.id.to_string())),
    );
    EscalationCommit {
        subject: format!(
            "tix escalate: {} escalation(s) on {} ticket(s)",
            count(escalated),
            escalated.len()
        ),
        body: body.join("\n"),
        trailers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::TicketEvent;
    use crate::domain::ticket::sample_ticket;
    use crate::sla::ClockKind;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn config() -> EscalationConfig {
        serde_yaml_ng::from_str(
            "levels:\n  - {name: l1, clock: resolution, at: 75%, actions: [{add_tag: warn}]}\n  - {name: l2, at: breach, actions: [{raise_priority: 1}]}\n  - {name: l3, at: breach+24h, actions: [{add_tag: escalated}]}\ntimed:\n  - {name: stale, when: {status: [pending]}, after: 5d, actions: [{set_status: closed}]}\n",
        )
        .unwrap()
    }

    fn clock(state: ClockState, elapsed: i64, breach_at: Option<&str>) -> ClockStatus {
        ClockStatus {
            kind: ClockKind::Resolution,
            cycle: 1,
            policy: "p".into(),
            calendar: "24x7".into(),
            target_secs: 100,
            target: crate::sla::SlaDuration::from_secs(100),
            start: at("2026-01-01T00:00:00Z"),
            due: None,
            due_projected: false,
            elapsed_secs: elapsed,
            paused_secs: 0,
            remaining_secs: 100 - elapsed,
            state,
            off_hours: false,
            breach_at: breach_at.map(at),
            breach_detected_at: breach_at.map(at),
            breached_by_secs: None,
            stopped_at: None,
            warn_threshold_secs: 75,
        }
    }

    #[test]
    fn levels_fire_in_turn_and_once() {
        let cfg = config();
        let mut t = TicketSummary::from(&sample_ticket());
        let tl = Timeline::default();
        let cals = Calendars::default();
        let now = at("2026-01-03T00:00:00Z");
        let keys = |c: &ClockStatus, t: &TicketSummary| -> Vec<String> {
            due(&cfg, t, std::slice::from_ref(c), &tl, now, &cals, "24x7")
                .into_iter()
                .map(|d| d.key)
                .collect()
        };
        assert!(keys(&clock(ClockState::Running, 50, None), &t).is_empty());
        assert_eq!(
            keys(&clock(ClockState::Warning, 80, None), &t),
            vec!["l1/resolution/1"]
        );
        let breached = clock(ClockState::Breached, 120, Some("2026-01-02T12:00:00Z"));
        assert_eq!(
            keys(&breached, &t),
            vec!["l1/resolution/1", "l2/resolution/1"]
        );
        let long_ago = clock(ClockState::Breached, 120, Some("2026-01-01T12:00:00Z"));
        t.escalations = vec!["l1/resolution/1".into(), "l2/resolution/1".into()];
        assert_eq!(keys(&long_ago, &t), vec!["l3/resolution/1"]);
    }

    #[test]
    fn timed_rules_measure_time_in_status() {
        let cfg = config();
        let mut t = TicketSummary::from(&sample_ticket());
        t.status = "pending".into();
        let tl = Timeline {
            ticket_id: t.id.to_string(),
            events: vec![
                TicketEvent {
                    at: at("2026-01-01T00:00:00Z"),
                    actor: "a".into(),
                    kind: EventKind::Created(Box::default()),
                },
                TicketEvent {
                    at: at("2026-01-02T00:00:00Z"),
                    actor: "a".into(),
                    kind: EventKind::StatusChanged {
                        from: "new".into(),
                        to: "pending".into(),
                    },
                },
            ],
        };
        let cals = Calendars::default();
        let due = |now: &str, t: &TicketSummary| {
            due(&cfg, t, &[], &tl, at(now), &cals, "24x7")
                .into_iter()
                .map(|d| d.key)
                .collect::<Vec<_>>()
        };
        assert!(due("2026-01-06T00:00:00Z", &t).is_empty());
        assert_eq!(
            due("2026-01-07T00:00:00Z", &t),
            vec!["stale@2026-01-02T00:00:00Z"]
        );
        t.escalations.push("stale@2026-01-02T00:00:00Z".into());
        assert!(due("2026-01-08T00:00:00Z", &t).is_empty());
    }

    mod run {
        use super::super::*;
        use crate::automation::assign::{HistoryAssigner, NoOrder};
        use crate::automation::sample::{AGENTS, at, config_with, history, ticket};

        const LEVELS: &str = "escalation:
  levels:
    - { name: warn, clock: resolution, at: 75%, actions: [{ notify: assignee }] }
    - { name: breach, clock: resolution, at: breach, actions: [{ notify: team_lead }, { raise_priority: 1 }] }
";

        /// The sample desk with the levels above and one hook; office hours Mon-Fri 09-17 UTC,
        /// P2 resolution 1d (8 business hours).
        fn desk() -> Config {
            config_with(&[
                ("agents: []\n", AGENTS),
                (
                    "teams: {}\n",
                    "teams:\n  desktop: { lead: alice }\n  triage: { lead: alice }\n",
                ),
                ("escalation: {}\n", LEVELS),
                (
                    "hooks: {}\n",
                    "hooks:\n  chat: { command: [notify-chat] }\n",
                ),
            ])
        }

        /// A P2 for bob on desktop, created Mon 2026-03-02 09:00.
        fn vpn(n: u64) -> Ticket {
            Ticket {
                title: "VPN flaps".into(),
                priority: "P2".into(),
                assignee: Some("bob".into()),
                team: Some("desktop".into()),
                ..ticket(n)
            }
        }

        fn monday() -> DateTime<Utc> {
            at("2026-03-02T09:00:00Z")
        }

        fn keys(plan: &Plan<'_>) -> Vec<(String, Vec<String>)> {
            plan.tickets
                .iter()
                .map(|t| {
                    (
                        t.id.to_string(),
                        t.due.iter().map(|d| d.key.clone()).collect(),
                    )
                })
                .collect()
        }

        fn assigner(config: &Config) -> HistoryAssigner {
            let (summaries, timelines) = history(&[]);
            HistoryAssigner::new(config.clone(), summaries, timelines, Box::new(NoOrder))
        }

        #[test]
        fn plan_lists_only_open_tickets_with_a_level_due() {
            let config = desk();
            let open = vpn(1);
            let mut done = vpn(2);
            done.status = "closed".into();
            done.resolution = Some("fixed".into());
            let no_history = vpn(3);
            let (mut summaries, timelines) = history(&[(open.clone(), monday()), (done, monday())]);
            summaries.push(TicketSummary::from(&no_history));
            // Mon 14:00: 5 of 8 business hours, below 75%.
            let early = plan(&summaries, &timelines, &config, at("2026-03-02T14:00:00Z"));
            assert!(early.tickets.is_empty(), "{early:?}");
            // Mon 15:00: 6 of 8 hours.
            let due = plan(&summaries, &timelines, &config, at("2026-03-02T15:00:00Z"));
            assert_eq!(
                keys(&due),
                [(open.id.to_string(), vec!["warn/resolution/1".to_string()])]
            );
            assert_eq!(
                due.tickets[0].due[0].reason,
                "resolution at 75% of its target"
            );
        }

        #[test]
        fn a_level_fires_once_recording_its_key_and_notifying() {
            let config = desk();
            let t = vpn(1);
            let (summaries, timelines) = history(&[(t.clone(), monday())]);
            let now = at("2026-03-02T15:00:00Z");
            let planned = plan(&summaries, &timelines, &config, now);
            let outcomes = apply(&config, &planned, |_| Ok(t.clone()), &mut assigner(&config));
            let [TicketOutcome::Escalated(e)] = outcomes.as_slice() else {
                panic!("{outcomes:?}");
            };
            assert_eq!(e.ticket.escalations, ["warn/resolution/1"]);
            assert_eq!(e.fired.len(), 1);
            assert_eq!(
                (e.fired[0].name, e.fired[0].title.as_str()),
                ("warn", "VPN flaps")
            );
            let sent: Vec<(&str, &str, &[String])> = e
                .notifications
                .iter()
                .map(|n| {
                    (
                        n.hook.as_str(),
                        n.event.event.as_str(),
                        n.event.recipients.as_slice(),
                    )
                })
                .collect();
            assert_eq!(
                sent,
                [("chat", "escalation", &["bob@example.com".to_string()][..])]
            );

            // With the key recorded, the next run plans nothing...
            let (summaries, timelines) = history(&[(e.ticket.clone(), monday())]);
            let again = plan(&summaries, &timelines, &config, at("2026-03-02T15:30:00Z"));
            assert!(again.tickets.is_empty(), "{again:?}");
            // ...and a plan made from a stale summary leaves the full ticket as it is.
            let recorded = e.ticket.clone();
            let outcomes = apply(
                &config,
                &planned,
                |_| Ok(recorded.clone()),
                &mut assigner(&config),
            );
            assert_eq!(outcomes, [TicketOutcome::Unchanged(t.id.clone())]);
        }

        #[test]
        fn a_ticket_that_cannot_be_read_or_would_be_invalid_is_skipped_and_sends_nothing() {
            let config = desk();
            let mut bad = vpn(1);
            // As a hand edit committed with git may leave it.
            bad.tags = vec!["needs review".into()];
            let gone = vpn(2);
            let good = vpn(3);
            let tickets = [bad.clone(), gone.clone(), good.clone()];
            let (summaries, timelines) = history(&tickets.clone().map(|t| (t, monday())));
            let planned = plan(&summaries, &timelines, &config, at("2026-03-02T15:00:00Z"));
            assert_eq!(planned.tickets.len(), 3);
            let load = |id: &TicketId| {
                tickets
                    .iter()
                    .find(|t| t.id == *id && t.id != gone.id)
                    .cloned()
                    .ok_or_else(|| "cannot read it".to_string())
            };
            let outcomes = apply(&config, &planned, load, &mut assigner(&config));
            let TicketOutcome::Skipped { id, reason } = &outcomes[0] else {
                panic!("{outcomes:?}");
            };
            assert_eq!(*id, bad.id);
            assert!(
                reason.starts_with("the escalated ticket would be invalid: "),
                "{reason}"
            );
            assert!(reason.contains("invalid tag"), "{reason}");
            assert_eq!(
                outcomes[1],
                TicketOutcome::Skipped {
                    id: gone.id.clone(),
                    reason: "cannot read it".into()
                }
            );
            let TicketOutcome::Escalated(e) = &outcomes[2] else {
                panic!("{outcomes:?}");
            };
            assert_eq!(e.ticket.id, good.id);
            // A skipped ticket stays out of the commit (and, having no outcome to send, sends nothing).
            let escalated = [(**e).clone()];
            let message = commit_message(&escalated);
            assert!(!message.body.contains(bad.id.as_str()), "{message:?}");
        }

        #[test]
        fn the_commit_names_every_escalation_and_ticket() {
            let config = desk();
            let a = vpn(1);
            let b = vpn(2);
            let (summaries, timelines) = history(&[(a.clone(), monday()), (b.clone(), monday())]);
            // Tue 10:00: breached at Tue 09:00, and past 75% long before.
            let planned = plan(&summaries, &timelines, &config, at("2026-03-03T10:00:00Z"));
            let tickets = [a.clone(), b.clone()];
            let load = |id: &TicketId| {
                tickets
                    .iter()
                    .find(|t| t.id == *id)
                    .cloned()
                    .ok_or_else(String::new)
            };
            let escalated: Vec<Escalated<'_>> =
                apply(&config, &planned, load, &mut assigner(&config))
                    .into_iter()
                    .filter_map(|o| match o {
                        TicketOutcome::Escalated(e) => Some(*e),
                        _ => None,
                    })
                    .collect();
            assert_eq!(escalated[0].ticket.priority, "P1");
            assert_eq!(count(&escalated), 4);
            let message = commit_message(&escalated);
            assert_eq!(
                message.subject,
                "tix escalate: 4 escalation(s) on 2 ticket(s)"
            );
            assert_eq!(
                message.body.lines().next(),
                Some(
                    format!(
                        "{} warn (resolution at 75% of its target): notify assignee",
                        a.id
                    )
                    .as_str()
                )
            );
            assert_eq!(message.body.lines().count(), 4, "{}", message.body);
            let trailers: Vec<(&str, String)> = message
                .trailers
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            assert_eq!(
                trailers,
                [
                    ("Tix-Action", "escalate".to_string()),
                    ("Tix-Ticket", a.id.to_string()),
                    ("Tix-Ticket", b.id.to_string()),
                ]
            );
        }
    }
}
