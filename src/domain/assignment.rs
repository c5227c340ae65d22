//! Automatic assignment: which agent of a team gets a ticket.
//!
//! Pure: the caller gathers the team's members (config order, with skills and away flags), each
//! member's open-ticket load and the team's timelines. Round-robin is derived from history (the
//! member after whoever most recently received a ticket of the team), not from a stored counter
//! that two clones would fight over.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::actor::same_person;
use super::event::{EventKind, Timeline};

/// How a team hands out tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// Each active member in turn, in config order.
    #[default]
    RoundRobin,
    /// The member with the fewest open tickets, weighted by priority.
    LeastLoaded,
    /// Members whose skills include the ticket's category, then least-loaded among them.
    Skills,
}

impl Strategy {
    pub fn as_str(&self) -> &'static str {
        match self {
            Strategy::RoundRobin => "round-robin",
            Strategy::LeastLoaded => "least-loaded",
            Strategy::Skills => "skills",
        }
    }
}

/// `teams.NAME` in the config.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// The agent escalations notify as `team_lead`.
    #[serde(default)]
    pub lead: Option<String>,
    #[serde(default)]
    pub assignment: Strategy,
}

/// One member of the team, in config order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member<'a> {
    pub name: &'a str,
    pub skills: &'a [String],
    pub away: bool,
    /// Open tickets weighted by priority.
    pub load: u32,
}

/// The chosen agent (if anyone is available) and why, in a few words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub agent: Option<String>,
    pub reason: String,
}

/// The weight of a priority in a load: P1 of four counts 4, P4 counts 1.
pub fn priority_weight(priorities: &[String], priority: &str) -> u32 {
    let n = priorities.len();
    let index = priorities
        .iter()
        .position(|p| p == priority)
        .unwrap_or(n.saturating_sub(1));
    u32::try_from(n.saturating_sub(index)).unwrap_or(1).max(1)
}

/// Picks an agent of team `team` by `strategy`. `last` is the member who most recently received
/// a ticket of the team (round-robin only).
pub fn pick(
    strategy: Strategy,
    team: &str,
    members: &[Member<'_>],
    category: Option<&str>,
    last: Option<&str>,
) -> Pick {
    let active: Vec<&Member> = members.iter().filter(|m| !m.away).collect();
    let Some(&first_active) = active.first() else {
        let reason = if members.is_empty() {
            format!("team {team} has no members")
        } else {
            format!("every member of {team} is away")
        };
        return Pick {
            agent: None,
            reason,
        };
    };
    match strategy {
        Strategy::RoundRobin => {
            let start = last
                .and_then(|l| members.iter().position(|m| same_person(m.name, l)))
                .map_or(0, |i| i + 1);
            let chosen = (0..members.len())
                .filter_map(|k| members.get((start + k) % members.len()))
                .find(|m| !m.away)
                .map(|m| m.name.to_string());
            let after = match last {
                Some(l) if members.iter().any(|m| same_person(m.name, l)) => format!("after {l}"),
                _ => "first in rotation".to_string(),
            };
            Pick {
                agent: chosen,
                reason: format!("round-robin in {team}: {after}"),
            }
        }
        Strategy::LeastLoaded => {
            let m = least_loaded(first_active, &active);
            Pick {
                agent: Some(m.name.to_string()),
                reason: format!("least-loaded in {team}: load {}", m.load),
            }
        }
        Strategy::Skills => {
            let skilled: Vec<&Member> = active
                .iter()
                .copied()
                .filter(|m| category.is_some_and(|c| m.skills.iter().any(|s| s == c)))
                .collect();
            if let Some(&first_skilled) = skilled.first() {
                let m = least_loaded(first_skilled, &skilled);
                Pick {
                    agent: Some(m.name.to_string()),
                    reason: format!(
                        "skills in {team}: {}, least-loaded: load {}",
                        category.unwrap_or_default(),
                        m.load
                    ),
                }
            } else {
                let m = least_loaded(first_active, &active);
                let what = category.map_or_else(
                    || "the ticket has no category".to_string(),
                    |c| format!("nobody available has skill {c}"),
                );
                Pick {
                    agent: Some(m.name.to_string()),
                    reason: format!("skills in {team}: {what}, so least-loaded: load {}", m.load),
                }
            }
        }
    }
}

/// The member with the lowest load among `first` and `members`; ties go to the first in config
/// order (`first` is the first of `members`, or comes before them).
fn least_loaded<'a, 'b>(first: &'b Member<'a>, members: &[&'b Member<'a>]) -> &'b Member<'a> {
    members
        .iter()
        .copied()
        .fold(first, |best, m| if m.load < best.load { m } else { best })
}

/// The member who most recently received a ticket (created assigned to them, or assigned
/// later) among `timelines`.
///
/// Dates order the assignments, but a burst (a script, an import, a shell loop) makes many in
/// one second, and dates cannot order those: then `newest` is asked which of the tickets
/// assigned in that second was assigned by the newest commit (given their IDs and the second),
/// so the rotation follows commit order exactly. When it cannot tell, the later member in
/// config order wins the tie.
pub fn most_recent_receiver<'t>(
    timelines: impl Iterator<Item = &'t Timeline>,
    members: &[Member<'_>],
    newest: impl FnOnce(&[&str], DateTime<Utc>) -> Option<String>,
) -> Option<String> {
    // Per ticket, its latest assignment to a member (later in the timeline wins a tie).
    let mut latest: Vec<(&str, DateTime<Utc>, usize)> = Vec::new();
    for timeline in timelines {
        let mut last: Option<(DateTime<Utc>, usize)> = None;
        for event in &timeline.events {
            let to = match &event.kind {
                EventKind::Created(s) => s.assignee.as_deref(),
                EventKind::FieldChanged { field, to, .. } if &**field == "assignee" => {
                    to.as_deref()
                }
                _ => None,
            };
            let Some(index) =
                to.and_then(|to| members.iter().position(|m| same_person(m.name, to)))
            else {
                continue;
            };
            if last.is_none_or(|(at, _)| event.at >= at) {
                last = Some((event.at, index));
            }
        }
        if let Some((at, index)) = last {
            latest.push((timeline.ticket_id.as_str(), at, index));
        }
    }
    let max_at = latest.iter().map(|(_, at, _)| *at).max()?;
    let tied: Vec<&(&str, DateTime<Utc>, usize)> =
        latest.iter().filter(|(_, at, _)| *at == max_at).collect();
    let first = tied.first()?.2;
    let index = if tied.iter().all(|(_, _, i)| *i == first) {
        first
    } else {
        let ids: Vec<&str> = tied.iter().map(|(id, _, _)| *id).collect();
        let by_commit = newest(&ids, max_at)
            .and_then(|id| tied.iter().find(|(t, _, _)| *t == id).map(|(_, _, i)| *i));
        by_commit.unwrap_or_else(|| tied.iter().map(|(_, _, i)| *i).max().unwrap_or(first))
    };
    members.get(index).map(|m| m.name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::{TicketEvent, TicketSnapshot};

    fn members<'a>(skills: &'a [String]) -> Vec<Member<'a>> {
        vec![
            Member {
                name: "alice",
                skills,
                away: false,
                load: 3,
            },
            Member {
                name: "bob",
                skills: &[],
                away: false,
                load: 1,
            },
            Member {
                name: "carol",
                skills: &[],
                away: false,
                load: 1,
            },
        ]
    }

    #[test]
    fn round_robin_follows_the_last_receiver_and_skips_away() {
        let mut m = members(&[]);
        let p = pick(Strategy::RoundRobin, "desk", &m, None, Some("alice"));
        assert_eq!(p.agent.as_deref(), Some("bob"));
        assert_eq!(p.reason, "round-robin in desk: after alice");
        assert_eq!(
            pick(Strategy::RoundRobin, "desk", &m, None, Some("carol")).agent,
            Some("alice".into())
        );
        m[1].away = true;
        assert_eq!(
            pick(Strategy::RoundRobin, "desk", &m, None, Some("alice")).agent,
            Some("carol".into())
        );
        assert_eq!(
            pick(Strategy::RoundRobin, "desk", &m, None, None).agent,
            Some("alice".into())
        );
    }

    #[test]
    fn least_loaded_and_skills() {
        let skills = vec!["hardware".to_string()];
        let m = members(&skills);
        assert_eq!(
            pick(Strategy::LeastLoaded, "desk", &m, None, None).agent,
            Some("bob".into())
        );
        let p = pick(Strategy::Skills, "desk", &m, Some("hardware"), None);
        assert_eq!(p.agent, Some("alice".into()));
        let p = pick(Strategy::Skills, "desk", &m, Some("network"), None);
        assert_eq!(p.agent, Some("bob".into()));
        assert!(
            p.reason.contains("nobody available has skill network"),
            "{}",
            p.reason
        );
    }

    #[test]
    fn nobody_available() {
        let mut m = members(&[]);
        for x in &mut m {
            x.away = true;
        }
        let p = pick(Strategy::LeastLoaded, "desk", &m, None, None);
        assert_eq!(p.agent, None);
        assert_eq!(p.reason, "every member of desk is away");
    }

    #[test]
    fn weights_and_last_receiver() {
        let prios: Vec<String> = ["P1", "P2", "P3", "P4"].map(String::from).to_vec();
        assert_eq!(priority_weight(&prios, "P1"), 4);
        assert_eq!(priority_weight(&prios, "P4"), 1);
        let at = |h: u32| {
            DateTime::parse_from_rfc3339(&format!("2026-01-05T{h:02}:00:00Z"))
                .unwrap()
                .with_timezone(&Utc)
        };
        let t = Timeline {
            ticket_id: "IT-1".into(),
            events: vec![
                TicketEvent {
                    at: at(9),
                    actor: "x".into(),
                    kind: EventKind::Created(Box::new(TicketSnapshot {
                        assignee: Some("carol".into()),
                        ..TicketSnapshot::default()
                    })),
                },
                TicketEvent {
                    at: at(10),
                    actor: "x".into(),
                    kind: EventKind::FieldChanged {
                        field: "assignee".into(),
                        from: Some("carol".into()),
                        to: Some("bob".into()),
                    },
                },
            ],
        };
        let m = members(&[]);
        assert_eq!(
            most_recent_receiver(std::iter::once(&t), &m, |_, _| None),
            Some("bob".into())
        );
    }

    #[test]
    fn same_second_assignments_are_ordered_by_commit_not_config() {
        let at = DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let created = |id: &str, who: &str| Timeline {
            ticket_id: id.into(),
            events: vec![TicketEvent {
                at,
                actor: "x".into(),
                kind: EventKind::Created(Box::new(TicketSnapshot {
                    assignee: Some(who.into()),
                    ..TicketSnapshot::default()
                })),
            }],
        };
        // Four tickets in one second: alice, bob, carol, then alice again (newest commit).
        let ts = [
            created("IT-A", "alice"),
            created("IT-B", "bob"),
            created("IT-C", "carol"),
            created("IT-D", "alice"),
        ];
        let m = members(&[]);
        let mut asked = Vec::new();
        let last = most_recent_receiver(ts.iter(), &m, |ids, second| {
            asked = ids.iter().map(|s| s.to_string()).collect();
            assert_eq!(second, at);
            Some("IT-D".into())
        });
        assert_eq!(last, Some("alice".into()));
        assert_eq!(asked, ["IT-A", "IT-B", "IT-C", "IT-D"]);
        // Without an answer from history, the later member in config order.
        assert_eq!(
            most_recent_receiver(ts.iter(), &m, |_, _| None),
            Some("carol".into())
        );
        // One receiver in that second needs no history.
        let one = [created("IT-A", "bob"), created("IT-B", "bob")];
        let last = most_recent_receiver(one.iter(), &m, |_, _| panic!("not asked"));
        assert_eq!(last, Some("bob".into()));
    }
}
