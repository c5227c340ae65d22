//! Event rules and the actions that rules and escalations share.
//!
//! A rule (`rules:` in the config) has conditions on ticket fields and a list of actions. Rules
//! run in order on the ticket as modified by the earlier ones, on create and on every update,
//! inside the same commit as the change. [`schema`] owns the config-facing types and their
//! construction from what serde reads; [`eval`] runs them on plain tickets: auto-assignment is
//! asked of an [`Assigner`] the caller provides, and `notify` actions are collected for the
//! caller to run after the commit.

pub mod eval;
pub mod schema;

pub use eval::{ActionEnv, Assigner, Effects, Notice, RULES_AUTHOR, apply, field_value, run};
pub use schema::{
    Action, Condition, ConditionError, NotifyTarget, Pattern, RawCondition, RawRule, Rule, Trigger,
};
