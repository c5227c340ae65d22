//! The pure core: tickets, IDs, workflow rules and events. No Git, files, terminal or clock.

pub mod actor;
pub mod change;
pub mod event;
pub mod id;
pub mod lifecycle;
pub mod ticket;
pub mod workflow;
