//! Automation glue shared by `tix new`, every update and `tix escalate`: reads the history the
//! core's auto-assignment needs through the store, calls `automation::change`, writes what it
//! did into the commit message and status lines, and runs notification hooks. The decisions
//! themselves live in `automation` and `domain::{matrix, rules, assignment}`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::automation::assign::{HistoryAssigner, SameSecondOrder};
use crate::automation::change;
use crate::automation::notify::notifications;
use crate::domain::assignment::Pick;
use crate::domain::event::Timeline;
use crate::domain::id::TicketId;
use crate::domain::rules::Assigner;
use crate::domain::ticket::{Ticket, TicketSummary};
use crate::error::CliError;
use crate::hooks::{Notification, Runner};
use crate::output::Output;
use crate::store::{CommitMessage, CommitOrder, Repo};

pub use crate::automation::change::Automation;

/// Same-second assignments ordered by the commit graph.
struct GitOrder(Option<CommitOrder>);

impl SameSecondOrder for GitOrder {
    fn newest(&self, tickets: &[&str], second: DateTime<Utc>) -> Option<String> {
        let ids: Vec<TicketId> = tickets
            .iter()
            .filter_map(|i| TicketId::parse(i).ok())
            .collect();
        let refs: Vec<&TicketId> = ids.iter().collect();
        // History that cannot be read leaves the tie to config order.
        self.0
            .as_ref()?
            .newest_assignment(&refs, second.timestamp())
            .ok()
            .flatten()
            .map(|id| id.to_string())
    }
}

/// An assigner over the repository's tickets and history (both cached).
///
/// # Errors
/// Unreadable tickets or history (e.g. a shallow clone).
pub fn load_assigner(repo: &Repo) -> Result<HistoryAssigner, CliError> {
    Ok(assigner_from(repo, repo.list()?.tickets, repo.timelines()?))
}

/// An assigner over a ticket list and timelines the caller has already read from `repo`.
pub fn assigner_from(
    repo: &Repo,
    summaries: Vec<TicketSummary>,
    timelines: HashMap<String, Timeline>,
) -> HistoryAssigner {
    // Without it ties fall back to config order; that costs rotation, not correctness.
    let order = GitOrder(repo.commit_order().ok());
    HistoryAssigner::new(repo.config().clone(), summaries, timelines, Box::new(order))
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
}

impl Assigner for LazyAssigner<'_> {
    fn pick(&mut self, ticket: &Ticket, team: &str) -> Pick {
        let repo = self.repo;
        let inner = self
            .inner
            .get_or_insert_with(|| load_assigner(repo).map_err(|e| e.message));
        match inner {
            Ok(a) => a.pick(ticket, team),
            Err(e) => Pick {
                agent: None,
                reason: format!("cannot read history: {e}"),
            },
        }
    }
}

/// Applies the priority matrix and the rules to `ticket` (`before` is `None` on create), then
/// checks its assignee and team. `explicit_priority`: the user named the priority (`--priority`).
///
/// # Errors
/// An assignee who is not an agent, or an unknown team, when the config does not allow them.
pub fn automate(
    repo: &Repo,
    before: Option<&Ticket>,
    ticket: &mut Ticket,
    explicit_priority: bool,
) -> Result<Automation, CliError> {
    let mut assigner = LazyAssigner::new(repo);
    change::automate(
        repo.config(),
        before,
        ticket,
        explicit_priority,
        &mut assigner,
    )
    .map_err(|r| CliError::input(r.message).with_hint(r.hint))
}

// The commit message and the hook runner belong to the store and the CLI, so these two stay
// here, beside the glue that calls them, rather than in the core.
impl Automation {
    /// Adds what automation did to the commit message: `Tix-Rules` and
    /// `Tix-Priority-Override` trailers and a body line.
    pub fn decorate(&self, message: &mut CommitMessage) {
        let notes = self.commit_notes();
        message.trailers.extend(notes.trailers);
        if !notes.body.is_empty() {
            let mut text = message.body.take().unwrap_or_default();
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&notes.body.join("\n"));
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
