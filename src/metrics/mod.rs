//! Service metrics from ticket timelines (DESIGN 6.3), the pure core of `tix report`: plain
//! values in, numbers out; no Git, files, terminal or wall clock. Periods are half-open,
//! `[since, until)`.
//!
//! - [`facts`]: one pass over a ticket's timeline: created, answered, resolved, reopened,
//!   reassigned, rated, its clocks and business times.
//! - [`stats`]: count, mean and nearest-rank percentiles of a sample, `None` when empty.
//! - [`volume`]: what came in and went out in a period, and the backlog at its ends.
//! - [`summary`]: every figure of one period over a set of tickets.
//! - [`knowledge`]: how often knowledge-base articles solved tickets, and deflection.
//! - [`recurring`]: titles and category + tag pairs that keep coming back.
//! - [`problems`]: incidents grouped into candidate problem tickets (`tix problems`).
//! - [`report`]: the whole report: the summary, its groups, the daily trend, the breaches,
//!   the workload per agent and the recurring incidents.

pub mod facts;
pub mod knowledge;
pub mod problems;
pub mod recurring;
pub mod report;
pub mod stats;
pub mod summary;
pub mod volume;

use crate::domain::actor::Identity;
use crate::domain::workflow::Workflow;
use crate::sla::calendar::{ALWAYS_OPEN, ALWAYS_OPEN_NAME};
use crate::sla::{Calendar, EngineContext, SlaConfig};

pub use report::{GroupBy, ReportRequest, build};
pub use volume::Period;

/// The desk's rules the metrics are computed under.
#[derive(Debug, Clone, Copy)]
pub struct Desk<'a> {
    pub workflow: &'a Workflow,
    pub sla: &'a SlaConfig,
    pub engine: &'a EngineContext,
    /// Priorities, most urgent first (for workload weights and ordering).
    pub priorities: &'a [String],
    /// Agent names, listed in the workload even with nothing open.
    pub agents: &'a [String],
    /// The calendar of tickets no SLA policy names one for.
    pub default_calendar: &'a str,
}

impl Desk<'_> {
    pub fn is_agent(&self, who: &str) -> bool {
        self.engine.is_agent(who)
    }

    pub fn is_bot(&self, who: &str) -> bool {
        let who = Identity::parse(who);
        self.engine
            .bots
            .iter()
            .any(|b| Identity::parse(b).same(&who))
    }

    /// The calendar of SLA policy number `policy`, else the desk's default, else `24x7`.
    pub fn calendar_of(&self, policy: Option<usize>) -> &Calendar {
        let name = policy
            .and_then(|i| self.sla.sla.policies.get(i))
            .and_then(|p| p.calendar.as_deref())
            .unwrap_or(self.default_calendar);
        self.sla
            .calendars
            .get(name)
            .or_else(|| self.sla.calendars.get(ALWAYS_OPEN_NAME))
            .unwrap_or(&ALWAYS_OPEN)
    }
}
