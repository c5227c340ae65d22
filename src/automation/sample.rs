//! A sample service desk for the core's unit tests: the default config with the agents and
//! teams the end-to-end tests use, and tickets with histories built from plain values.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::config::{CONFIG_PATH, Config, DEFAULT_CONFIG};
use crate::domain::event::{EventKind, TicketEvent, Timeline};
use crate::domain::id::TicketId;
use crate::domain::ticket::{Ticket, TicketSummary, sample_ticket};

/// alice (desktop, triage; network), bob (desktop; hardware), carol (desktop).
pub const AGENTS: &str = "agents:
  - { name: alice, email: alice@example.com, teams: [desktop, triage], skills: [network] }
  - { name: bob, email: bob@example.com, teams: [desktop], skills: [hardware] }
  - { name: carol, email: carol@example.com, teams: [desktop] }
";

/// The default config with `replacements` applied (each must match).
pub fn config_with(replacements: &[(&str, &str)]) -> Config {
    let mut text = DEFAULT_CONFIG.to_string();
    for (from, to) in replacements {
        assert!(text.contains(from), "config has no '{from}'");
        text = text.replacen(from, to, 1);
    }
    Config::parse(&text, CONFIG_PATH).expect("valid config")
}

/// The desk: the agents above, team desktop handing out tickets by `strategy` (lead alice),
/// team triage (lead alice), and only agents may be assignees.
pub fn desk(strategy: &str) -> Config {
    let teams = format!(
        "teams:\n  desktop: {{ lead: alice, assignment: {strategy} }}\n  triage: {{ lead: alice }}\n"
    );
    config_with(&[
        ("agents: []\n", AGENTS),
        ("teams: {}\n", &teams),
        ("free_form_assignees: true", "free_form_assignees: false"),
    ])
}

/// Ticket number `n` of the sample desk (distinct IDs), new, P3, no team.
pub fn ticket(n: u64) -> Ticket {
    Ticket {
        id: TicketId::from_entropy("IT", 1000 + n),
        ..sample_ticket()
    }
}

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("RFC 3339")
        .with_timezone(&Utc)
}

/// A timeline with only the ticket's creation, as it is now, at `when`.
pub fn created(ticket: &Ticket, when: DateTime<Utc>) -> Timeline {
    Timeline {
        ticket_id: ticket.id.to_string(),
        events: vec![TicketEvent {
            at: when,
            actor: "tester".into(),
            kind: EventKind::Created(Box::new(crate::domain::change::snapshot(ticket))),
        }],
    }
}

/// Summaries and creation-only timelines of `tickets`, all created at `when`.
pub fn history(
    tickets: &[(Ticket, DateTime<Utc>)],
) -> (Vec<TicketSummary>, HashMap<String, Timeline>) {
    let summaries = tickets
        .iter()
        .map(|(t, _)| TicketSummary::from(t))
        .collect();
    let timelines = tickets
        .iter()
        .map(|(t, when)| (t.id.to_string(), created(t, *when)))
        .collect();
    (summaries, timelines)
}
