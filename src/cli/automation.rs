//! Automation glue shared by `tix new`, every update and `tix escalate`: the priority matrix,
//! event rules, auto-assignment from history, the known-agent check, commit trailers and
//! notification hooks. The decisions themselves live in `domain::{matrix, rules, assignment}`.

use std::collections::HashMap;

use crate::config::Config;
use crate::domain::assignment::{self, Member, Pick};
use crate::domain::event::Timeline;
use crate::domain::id::TicketId;
use crate::domain::rules::{self, ActionEnv, Assigner, Effects, Notice, RULES_AUTHOR, Trigger};
use crate::domain::ticket::{Ticket, TicketSummary};
use crate::error::CliError;
use crate::hooks::{Event, EventTicket, Notification, Runner};
use crate::output::Output;
use crate::store::{CommitMessage, CommitOrder, Repo};

/// Picks agents from the repository's tickets and history.
pub struct HistoryAssigner {
    /// Orders same-second assignments by commit (round-robin); `None` falls back to dates.
    order: Option<CommitOrder>,
    config: Config,
    summaries: Vec<TicketSummary>,
    timelines: HashMap<String, Timeline>,
    /// Picks made by this run (several tickets in one `tix escalate`): the last per team, and
    /// the load they added, so one run rotates like separate runs would.
    picked_last: HashMap<String, String>,
    picked_load: HashMap<String, u32>,
}

impl HistoryAssigner {
    /// Reads the ticket list and the timelines (both cached).
    ///
    /// # Errors
    /// Unreadable tickets or history (e.g. a shallow clone).
    pub fn load(repo: &Repo) -> Result<HistoryAssigner, CliError> {
        Ok(HistoryAssigner::from_parts(
            repo,
            repo.list()?.tickets,
            repo.timelines()?,
        ))
    }

    /// From a ticket list and timelines the caller has already read from `repo`.
    pub fn from_parts(
        repo: &Repo,
        summaries: Vec<TicketSummary>,
        timelines: HashMap<String, Timeline>,
    ) -> HistoryAssigner {
        HistoryAssigner {
            // Without it ties fall back to config order; that costs rotation, not correctness.
            order: repo.commit_order().ok(),
            config: repo.config().clone(),
            summaries,
            timelines,
            picked_last: HashMap::new(),
            picked_load: HashMap::new(),
        }
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
        let mut load: HashMap<&str, u32> = HashMap::new();
        for s in &self.summaries {
            if s.id == ticket.id || schema.workflow.is_done(&s.status) {
                continue;
            }
            if let Some(a) = &s.assignee {
                *load.entry(a.as_str()).or_default() +=
                    assignment::priority_weight(&schema.priorities, &s.priority);
            }
        }
        let members: Vec<Member> = self
            .config
            .agents
            .iter()
            .filter(|a| a.teams.iter().any(|t| t == team))
            .map(|a| Member {
                name: &a.name,
                skills: &a.skills,
                away: a.away,
                load: load.get(a.name.as_str()).copied().unwrap_or(0)
                    + self.picked_load.get(&a.name).copied().unwrap_or(0)
                    + a.email
                        .as_deref()
                        .and_then(|e| load.get(e).copied())
                        .unwrap_or(0),
            })
            .collect();
        let last = if let Some(last) = self.picked_last.get(team) {
            Some(last.clone())
        } else if team_cfg.assignment == assignment::Strategy::RoundRobin {
            let team_tickets = self
                .summaries
                .iter()
                .filter(|s| s.team.as_deref() == Some(team) && s.id != ticket.id)
                .filter_map(|s| self.timelines.get(s.id.as_str()));
            let order = self.order.as_ref();
            assignment::most_recent_receiver(team_tickets, &members, |ids, second| {
                let ids: Vec<TicketId> =
                    ids.iter().filter_map(|i| TicketId::parse(i).ok()).collect();
                let refs: Vec<&TicketId> = ids.iter().collect();
                // History that cannot be read leaves the tie to config order.
                order?
                    .newest_assignment(&refs, second.timestamp())
                    .ok()
                    .flatten()
                    .map(|id| id.to_string())
            })
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

/// Loads history only when a rule actually auto-assigns.
pub struct LazyAssigner<'r> {
    repo: &'r Repo,
    inner: Option<Result<HistoryAssigner, String>>,
}

impl<'r> LazyAssigner<'r> {
    pub fn new(repo: &'r Repo) -> LazyAssigner<'r> {
        LazyAssigner { repo, inner: None }
    }

    /// One with its history already read, so it is not read a second time.
    pub fn loaded(repo: &'r Repo, history: HistoryAssigner) -> LazyAssigner<'r> {
        LazyAssigner {
            repo,
            inner: Some(Ok(history)),
        }
    }
}

impl Assigner for LazyAssigner<'_> {
    fn pick(&mut self, ticket: &Ticket, team: &str) -> Pick {
        let repo = self.repo;
        let inner = self
            .inner
            .get_or_insert_with(|| HistoryAssigner::load(repo).map_err(|e| e.message));
        match inner {
            Ok(a) => a.pick(ticket, team),
            Err(e) => Pick {
                agent: None,
                reason: format!("cannot read history: {e}"),
            },
        }
    }
}

/// What automation did to a change before it is committed.
#[derive(Debug, Default)]
pub struct Automation {
    pub effects: Effects,
    /// `P2 (matrix said P1)` when the priority departs from the matrix.
    pub priority_override: Option<String>,
}

/// Applies the priority matrix and the rules to `ticket` (`before` is `None` on create), then
/// checks its assignee. `explicit_priority`: the user named the priority (`--priority`).
///
/// # Errors
/// An assignee who is not an agent when the config does not allow free-form names.
pub fn automate(
    repo: &Repo,
    before: Option<&Ticket>,
    ticket: &mut Ticket,
    explicit_priority: bool,
) -> Result<Automation, CliError> {
    let config = repo.config();
    let matrix_value = |t: &Ticket| -> Option<String> {
        config
            .priority_matrix
            .as_ref()
            .and_then(|m| m.for_values(t.impact.as_deref(), t.urgency.as_deref()))
            .map(String::from)
    };
    if let Some(value) = matrix_value(ticket) {
        let inputs_changed =
            before.is_none_or(|b| b.impact != ticket.impact || b.urgency != ticket.urgency);
        let priority_kept = match before {
            None => !explicit_priority,
            Some(b) => b.priority == ticket.priority,
        };
        if inputs_changed && priority_kept {
            ticket.priority = value;
        }
    }
    let mut assigner = LazyAssigner::new(repo);
    let mut env = ActionEnv {
        priorities: &config.schema.priorities,
        workflow: &config.schema.workflow,
        assigner: &mut assigner,
        author: RULES_AUTHOR,
    };
    let mut effects = rules::run(&config.rules, Trigger::of(before), before, ticket, &mut env);
    // A ticket that lands on a configured team without an assignee gets one by the team's strategy.
    let team_changed = before.map_or(ticket.team.is_some(), |b| b.team != ticket.team);
    if let (true, None, Some(team)) = (team_changed, &ticket.assignee, ticket.team.clone())
        && config.teams.contains_key(&team)
    {
        effects.notes.push(assigner.assign_from(ticket, &team));
    }
    let priority_changed = before.is_none_or(|b| b.priority != ticket.priority);
    let priority_override = match matrix_value(ticket) {
        Some(m) if m != ticket.priority && priority_changed => {
            Some(format!("{} (matrix said {m})", ticket.priority))
        }
        _ => None,
    };
    check_assignee(config, before, ticket)?;
    check_team(config, before, ticket)?;
    Ok(Automation {
        effects,
        priority_override,
    })
}

/// Refuses an assignee who is not an agent unless `free_form_assignees: true`.
///
/// # Errors
/// The unknown name, with the known agents.
pub fn check_assignee(
    config: &Config,
    before: Option<&Ticket>,
    ticket: &Ticket,
) -> Result<(), CliError> {
    let Some(who) = &ticket.assignee else {
        return Ok(());
    };
    if config.free_form_assignees
        || before.is_some_and(|b| b.assignee == ticket.assignee)
        || config.agent(who).is_some()
    {
        return Ok(());
    }
    let names: Vec<&str> = config.agents.iter().map(|a| a.name.as_str()).collect();
    Err(CliError::input(format!(
        "unknown agent '{who}'; known agents: {}",
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    ))
    .with_hint("add them under agents: in .tix/config.yaml, or set free_form_assignees: true"))
}

/// Once teams are configured, a ticket may only move to one of them.
///
/// # Errors
/// The unknown team, with the known ones.
pub fn check_team(
    config: &Config,
    before: Option<&Ticket>,
    ticket: &Ticket,
) -> Result<(), CliError> {
    let Some(team) = &ticket.team else {
        return Ok(());
    };
    if config.teams.is_empty()
        || config.teams.contains_key(team)
        || before.is_some_and(|b| b.team == ticket.team)
    {
        return Ok(());
    }
    let names: Vec<&str> = config.teams.keys().map(String::as_str).collect();
    Err(CliError::input(format!(
        "unknown team '{team}'; known teams: {}",
        names.join(", ")
    ))
    .with_hint("add it under teams: in .tix/config.yaml"))
}

impl Automation {
    /// Adds what automation did to the commit message: `Tix-Rules` and
    /// `Tix-Priority-Override` trailers and a body line.
    pub fn decorate(&self, message: &mut CommitMessage) {
        let mut body = Vec::new();
        if !self.effects.fired.is_empty() {
            let fired = self.effects.fired.join(", ");
            body.push(format!("Rules fired: {fired}"));
            message.trailers.push(("Tix-Rules".into(), fired));
        }
        body.extend(self.effects.notes.iter().map(|n| format!("- {n}")));
        if let Some(o) = &self.priority_override {
            body.push(format!("Priority override: {o}"));
            message
                .trailers
                .push(("Tix-Priority-Override".into(), o.clone()));
        }
        if !body.is_empty() {
            let mut text = message.body.take().unwrap_or_default();
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&body.join("\n"));
            message.body = Some(text);
        }
    }

    /// Prints what rules did and runs their notifications (after the commit).
    pub fn report_and_notify(&self, repo: &Repo, out: &Output, ticket: &Ticket) {
        if !self.effects.fired.is_empty() {
            out.status(&format!("Rules fired: {}.", self.effects.fired.join(", ")));
        }
        for note in &self.effects.notes {
            out.status(&format!("{}: {note}", ticket.id));
        }
        let notifications = notifications(repo.config(), &self.effects.notices, ticket, "rule");
        for failure in send(repo, &notifications) {
            out.warn(&failure);
        }
    }
}

/// Runs notifications through the hooks; returns failure messages (the failures are queued).
pub fn send(repo: &Repo, notifications: &[Notification]) -> Vec<String> {
    if notifications.is_empty() {
        return vec![];
    }
    Runner {
        root: repo.workdir(),
        git_dir: repo.git_dir(),
        hooks: &repo.config().hooks,
    }
    .send(notifications)
}

/// The hook invocations for `notices` about `ticket`.
pub fn notifications(
    config: &Config,
    notices: &[Notice],
    ticket: &Ticket,
    event: &str,
) -> Vec<Notification> {
    let mut out = Vec::new();
    for notice in notices {
        let hooks: Vec<&String> = match notice.target.via() {
            Some(via) => config.hooks.keys().filter(|k| *k == via).collect(),
            None => config.hooks.keys().collect(),
        };
        let target = notice.target.to();
        for hook in hooks {
            out.push(Notification {
                hook: hook.clone(),
                event: Event {
                    version: 1,
                    event: event.to_string(),
                    name: notice.source.clone(),
                    ticket: EventTicket {
                        id: ticket.id.to_string(),
                        title: ticket.title.clone(),
                        priority: ticket.priority.clone(),
                        status: ticket.status.clone(),
                        assignee: ticket.assignee.clone(),
                        team: ticket.team.clone(),
                    },
                    target: target.to_string(),
                    recipients: recipients(config, ticket, target),
                },
            });
        }
    }
    out
}

/// Email addresses (or names) a notify target stands for.
pub fn recipients(config: &Config, ticket: &Ticket, target: &str) -> Vec<String> {
    let address = |name: &str| -> String {
        config
            .agent(name)
            .and_then(|a| a.email.clone())
            .unwrap_or_else(|| name.to_string())
    };
    match target {
        "assignee" => ticket.assignee.iter().map(|a| address(a)).collect(),
        "requester" => ticket.requester.iter().cloned().collect(),
        "team_lead" => ticket
            .team
            .as_ref()
            .and_then(|t| config.teams.get(t))
            .and_then(|t| t.lead.as_deref())
            .map(address)
            .into_iter()
            .collect(),
        "team" => match &ticket.team {
            Some(team) => config
                .agents
                .iter()
                .filter(|a| a.teams.contains(team))
                .map(|a| a.email.clone().unwrap_or_else(|| a.name.clone()))
                .collect(),
            None => vec![],
        },
        agent => vec![address(agent)],
    }
}
