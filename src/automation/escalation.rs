//! Scheduled escalation: which levels and timed rules are due for a ticket at an instant.
//!
//! Pure: from the ticket (its summary, with the keys already fired), its SLA clocks, its timeline
//! and "now". A level fires once per ticket clock (key `level/clock/cycle`); a timed rule once per
//! entry into the state it watches (key `rule@<RFC 3339 time the status began>`). The keys are
//! recorded in the ticket so a second run finds nothing due.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::config::escalation::{EscalationConfig, Threshold};
use crate::domain::event::{EventKind, Timeline};
use crate::domain::rules::Action;
use crate::domain::ticket::TicketSummary;
use crate::sla::{Calendars, ClockState, ClockStatus};

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
    since.filter(|(_, s)| s == status).map(|(at, _)| at)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::{TicketEvent, TicketSnapshot};
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
                    kind: EventKind::Created(TicketSnapshot::default()),
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
}
