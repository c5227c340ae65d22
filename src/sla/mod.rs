//! Service-level agreements: durations, business calendars, policies and the clock engine.
//!
//! Everything here is pure (DESIGN 4 and 6): it takes a ticket's event timeline, the SLA part of
//! the config and the instant to evaluate at, and returns clocks as plain data. It depends only
//! on `domain::event` and never reads files, Git, the environment or the wall clock, so every
//! rule is tested with plain values. Submodules, from the bottom up:
//!
//! - [`duration`]: `30m`, `4h`, `2d` as written in the config, resolved against a calendar.
//! - [`calendar`]: time zones, weekly hours, holidays and exact business-time arithmetic.
//! - [`policy`]: the `calendars`, `sla` and `groups` config sections and policy matching
//!   (checking them against the rest of the config is `config::validate`).
//! - [`verdict`]: the pass/warn/fail of `tix sla check` for one clock.
//! - [`engine`]: replays a timeline into first-response, next-response and resolution clocks,
//!   and explains one clock's arithmetic step by step.

pub mod calendar;
pub mod duration;
pub mod engine;
pub mod policy;
pub mod verdict;

pub use calendar::{Calendar, Calendars};
pub use duration::{SlaDuration, format_secs};
pub use engine::{
    ClockExplanation, ClockKind, ClockState, ClockStatus, EngineContext, EvalOptions, Stretch,
    StretchPhase, TargetPeriod, TicketSla, evaluate, evaluate_with, explain,
};
pub use policy::SlaConfig;
