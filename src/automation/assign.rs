//! Auto-assignment from the repository's state: members' loads and the round-robin position.
//!
//! `domain::assignment` picks among members it is given; this module gathers them from the
//! config and the tickets: each member's open load weighted by priority (counted under the name
//! or the email the ticket was assigned to), and for round-robin whoever most recently received
//! a ticket of the team, read from the timelines. Only the order of same-second commits needs
//! Git, and it comes through [`SameSecondOrder`].

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::actor::Identity;
use crate::domain::assignment::{self, Member, Pick, Strategy};
use crate::domain::event::Timeline;
use crate::domain::id::TicketId;
use crate::domain::rules::Assigner;
use crate::domain::ticket::{Schema, Ticket, TicketSummary};

/// Orders assignments made in the same second, which their dates cannot.
pub trait SameSecondOrder {
    /// Of `tickets` (IDs), all assigned in `second`, the one assigned by the newest commit;
    /// `None` when history cannot tell.
    fn newest(&self, tickets: &[&str], second: DateTime<Utc>) -> Option<String>;
}

/// No commit order: same-second ties go to the later member in config order.
#[cfg(test)]
pub struct NoOrder;

#[cfg(test)]
impl SameSecondOrder for NoOrder {
    fn newest(&self, _: &[&str], _: DateTime<Utc>) -> Option<String> {
        None
    }
}

/// The open tickets' load per assignee as written in the tickets (a name or an email),
/// weighted by priority. `except` is the ticket being assigned: its own load must not count
/// against whoever holds it now.
pub fn open_load<'s>(
    summaries: &'s [TicketSummary],
    except: &TicketId,
    schema: &Schema,
) -> HashMap<&'s str, u32> {
    let mut load: HashMap<&str, u32> = HashMap::new();
    for s in summaries {
        if s.id == *except || schema.workflow.is_done(&s.status) {
            continue;
        }
        if let Some(a) = &s.assignee {
            *load.entry(a.as_str()).or_default() +=
                assignment::priority_weight(&schema.priorities, &s.priority);
        }
    }
    load
}

/// The members of `team` in config order, each loaded with the tickets assigned to anyone who
/// is the same person (by name or email) plus `picked` (what this run has already handed them).
pub fn members<'c>(
    config: &'c Config,
    team: &str,
    load: &HashMap<&str, u32>,
    picked: &HashMap<String, u32>,
) -> Vec<Member<'c>> {
    // Split each assignee once, not once per member.
    let load: Vec<(Identity<'_>, u32)> = load
        .iter()
        .map(|(who, n)| (Identity::parse(who), *n))
        .collect();
    config
        .agents
        .iter()
        .filter(|a| a.teams.iter().any(|t| t == team))
        .map(|a| {
            let me = a.identity();
            let held: u32 = load
                .iter()
                .filter(|(who, _)| me.same(who))
                .map(|(_, n)| n)
                .sum();
            Member {
                name: &a.name,
                skills: &a.skills,
                away: a.away,
                load: held + picked.get(&a.name).copied().unwrap_or(0),
            }
        })
        .collect()
}

/// Picks agents from the tickets and their timelines by each team's strategy.
pub struct HistoryAssigner {
    /// Owned, so that an assigner can live beside a mutable borrow of whatever loaded it.
    config: Config,
    order: Box<dyn SameSecondOrder>,
    summaries: Vec<TicketSummary>,
    timelines: HashMap<String, Timeline>,
    /// Picks made by this run (several tickets in one `tix escalate`): the last per team, and
    /// the load they added, so one run rotates like separate runs would.
    picked_last: HashMap<String, String>,
    picked_load: HashMap<String, u32>,
}

impl HistoryAssigner {
    /// `summaries` are every ticket, `timelines` their histories keyed by ticket ID.
    pub fn new(
        config: Config,
        summaries: Vec<TicketSummary>,
        timelines: HashMap<String, Timeline>,
        order: Box<dyn SameSecondOrder>,
    ) -> HistoryAssigner {
        HistoryAssigner {
            config,
            order,
            summaries,
            timelines,
            picked_last: HashMap::new(),
            picked_load: HashMap::new(),
        }
    }

    /// Whoever most recently received a ticket of `team` other than `ticket`: from this run's
    /// picks first, else from history.
    fn last_receiver(&self, ticket: &TicketId, team: &str, members: &[Member]) -> Option<String> {
        if let Some(last) = self.picked_last.get(team) {
            return Some(last.clone());
        }
        let team_tickets = self
            .summaries
            .iter()
            .filter(|s| s.team.as_deref() == Some(team) && s.id != *ticket)
            .filter_map(|s| self.timelines.get(s.id.as_str()));
        assignment::most_recent_receiver(team_tickets, members, |ids, second| {
            self.order.newest(ids, second)
        })
    }
}

impl Assigner for HistoryAssigner {
    fn pick(&mut self, ticket: &Ticket, team: &str) -> Pick {
        let Some(team_cfg) = self.config.teams.get(team) else {
            return Pick {
                agent: None,
                reason: format!("team {team} is not configured"),
            };
        };
        let schema = &self.config.schema;
        let load = open_load(&self.summaries, &ticket.id, schema);
        let members = members(&self.config, team, &load, &self.picked_load);
        let last =
            if self.picked_last.contains_key(team) || team_cfg.assignment == Strategy::RoundRobin {
                self.last_receiver(&ticket.id, team, &members)
            } else {
                None
            };
        let pick = assignment::pick(
            team_cfg.assignment,
            team,
            &members,
            ticket.category.as_deref(),
            last.as_deref(),
        );
        if let Some(agent) = &pick.agent {
            self.picked_last.insert(team.to_string(), agent.clone());
            *self.picked_load.entry(agent.clone()).or_default() +=
                assignment::priority_weight(&schema.priorities, &ticket.priority);
        }
        pick
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::automation::sample::{at, desk, history, ticket};

    /// Picks for a new ticket of team desktop with the repository holding `existing`.
    fn pick_with(config: &Config, existing: &[(Ticket, DateTime<Utc>)], new: &Ticket) -> Pick {
        let (summaries, timelines) = history(existing);
        HistoryAssigner::new(config.clone(), summaries, timelines, Box::new(NoOrder))
            .pick(new, "desktop")
    }

    fn assigned(n: u64, who: &str, priority: &str) -> Ticket {
        Ticket {
            assignee: Some(who.into()),
            priority: priority.into(),
            ..ticket(n)
        }
    }

    #[test]
    fn round_robin_is_fair_over_30_tickets() {
        let config = desk("round-robin");
        let mut existing: Vec<(Ticket, DateTime<Utc>)> = Vec::new();
        let mut order = Vec::new();
        // As 30 separate `tix new` runs a minute apart: each reads the history so far afresh.
        for i in 0..30 {
            let mut new = ticket(i);
            new.category = Some("hardware".into());
            new.team = Some("desktop".into());
            let who = pick_with(&config, &existing, &new).agent.expect("an agent");
            order.push(who.clone());
            new.assignee = Some(who);
            existing.push((new, at(&format!("2026-03-02T09:{i:02}:00Z"))));
        }
        assert_eq!(&order[..4], ["alice", "bob", "carol", "alice"]);
        let count = |who: &str| order.iter().filter(|o| *o == who).count();
        assert_eq!((count("alice"), count("bob"), count("carol")), (10, 10, 10));
    }

    #[test]
    fn one_assigner_rotates_across_the_tickets_of_a_run() {
        let config = desk("round-robin");
        let (summaries, timelines) = history(&[]);
        let mut assigner = HistoryAssigner::new(config, summaries, timelines, Box::new(NoOrder));
        let picks: Vec<String> = (0..4)
            .map(|i| {
                assigner
                    .pick(&ticket(i), "desktop")
                    .agent
                    .expect("an agent")
            })
            .collect();
        assert_eq!(picks, ["alice", "bob", "carol", "alice"]);
    }

    #[test]
    fn same_second_ties_are_asked_of_the_commit_order() {
        struct Newest(String);
        impl SameSecondOrder for Newest {
            fn newest(&self, _: &[&str], _: DateTime<Utc>) -> Option<String> {
                Some(self.0.clone())
            }
        }
        let config = desk("round-robin");
        let second = at("2026-03-02T09:00:00Z");
        let mut a = assigned(1, "carol", "P3");
        let mut b = assigned(2, "alice", "P3");
        a.team = Some("desktop".into());
        b.team = Some("desktop".into());
        let (summaries, timelines) = history(&[(a.clone(), second), (b.clone(), second)]);
        // Dates tie; config order alone would say carol was last.
        let by_commit = Newest(b.id.to_string());
        let mut assigner = HistoryAssigner::new(config, summaries, timelines, Box::new(by_commit));
        let pick = assigner.pick(&ticket(3), "desktop");
        assert_eq!(pick.agent.as_deref(), Some("bob"));
        assert_eq!(pick.reason, "round-robin in desktop: after alice");
    }

    #[test]
    fn least_loaded_weights_priorities() {
        let config = desk("least-loaded");
        let t0 = at("2026-03-02T09:00:00Z");
        // alice holds a P1 (weight 4) and bob a P4 (weight 1): carol (0) gets the next one.
        let mut existing = vec![
            (assigned(1, "alice", "P1"), t0),
            (assigned(2, "bob", "P4"), t0),
        ];
        let pick = pick_with(&config, &existing, &ticket(3));
        assert_eq!(pick.agent.as_deref(), Some("carol"));
        existing.push((assigned(3, "carol", "P4"), t0));
        let pick = pick_with(&config, &existing, &ticket(4));
        assert_eq!(pick.agent.as_deref(), Some("bob"));
        assert_eq!(pick.reason, "least-loaded in desktop: load 1");
    }

    #[test]
    fn load_counts_names_and_emails_but_not_finished_tickets_or_the_ticket_itself() {
        let config = desk("least-loaded");
        let mut done = assigned(3, "carol", "P1");
        done.status = "closed".into();
        let tickets = [
            assigned(1, "alice", "P1"),
            assigned(2, "alice@example.com", "P2"),
            done,
            assigned(4, "bob", "P4"),
        ];
        let summaries: Vec<TicketSummary> = tickets.iter().map(TicketSummary::from).collect();
        let load = open_load(&summaries, &tickets[3].id, &config.schema);
        assert_eq!(load.get("alice"), Some(&4));
        assert_eq!(load.get("alice@example.com"), Some(&3));
        assert_eq!(load.get("carol"), None);
        assert_eq!(load.get("bob"), None);
        let picked = HashMap::from([("carol".to_string(), 2)]);
        let loads: Vec<(&str, u32)> = members(&config, "desktop", &load, &picked)
            .iter()
            .map(|m| (m.name, m.load))
            .collect();
        assert_eq!(loads, [("alice", 7), ("bob", 0), ("carol", 2)]);
    }

    #[test]
    fn load_is_counted_for_whoever_is_the_same_person() {
        let config = desk("least-loaded");
        let tickets = [
            assigned(1, "Alice Liddell <ALICE@example.com>", "P1"),
            assigned(2, "BOB", "P4"),
        ];
        let summaries: Vec<TicketSummary> = tickets.iter().map(TicketSummary::from).collect();
        let load = open_load(&summaries, &ticket(9).id, &config.schema);
        let loads: Vec<(&str, u32)> = members(&config, "desktop", &load, &HashMap::new())
            .iter()
            .map(|m| (m.name, m.load))
            .collect();
        assert_eq!(loads, [("alice", 4), ("bob", 1), ("carol", 0)]);
    }

    #[test]
    fn skills_pick_matching_agents_then_fall_back() {
        let config = desk("skills");
        let t0 = at("2026-03-02T09:00:00Z");
        let with_category = |n: u64, category: &str| Ticket {
            category: Some(category.into()),
            ..ticket(n)
        };
        let mut existing = Vec::new();
        let pick = pick_with(&config, &existing, &with_category(1, "hardware"));
        assert_eq!(pick.agent.as_deref(), Some("bob"));
        existing.push((assigned(1, "bob", "P3"), t0));
        let pick = pick_with(&config, &existing, &with_category(2, "network"));
        assert_eq!(pick.agent.as_deref(), Some("alice"));
        existing.push((assigned(2, "alice", "P3"), t0));
        let pick = pick_with(&config, &existing, &with_category(3, "software"));
        assert_eq!(pick.agent.as_deref(), Some("carol"));
        assert_eq!(
            pick.reason,
            "skills in desktop: nobody available has skill software, so least-loaded: load 0"
        );
    }

    #[test]
    fn an_unconfigured_team_has_nobody() {
        let config = desk("round-robin");
        let (summaries, timelines) = history(&[]);
        let pick = HistoryAssigner::new(config, summaries, timelines, Box::new(NoOrder))
            .pick(&ticket(1), "night-shift");
        assert_eq!(pick.agent, None);
        assert_eq!(pick.reason, "team night-shift is not configured");
    }
}
