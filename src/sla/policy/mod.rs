//! The SLA part of the config and how it applies to a ticket.
//!
//! [`schema`] holds the config-facing types of the `calendars`, `sla`, `groups` and
//! `organisations` sections; [`matching`] picks the policy for a ticket and the settings in force
//! under it. Checking the sections against the rest of the config is `config::validate`; the
//! clock rules are `engine`.

pub mod matching;
pub mod schema;

pub use matching::{MatchFields, ResolvedTarget, WarnRule, in_domain};
pub use schema::{
    AgentOpened, ClockKind, DEFAULT_PAUSE_ON, DEFAULT_WARN_PERCENT, Groups, PauseOn, PerClockPause,
    Percent, Policy, PolicyMatch, ReopenMode, SlaConfig, SlaSettings, Target,
};

#[cfg(test)]
pub(crate) mod tests;
