//! The automation core: what rules, auto-assignment and scheduled escalation decide.
//!
//! Everything here works on plain values: the typed config, tickets, their timelines and an
//! instant passed in. It depends on `config`, `domain` and `sla`, and never on `store`, `cli`,
//! the terminal or the wall clock; whatever needs Git (history, commit order) reaches it through
//! a trait the caller implements, so every decision is unit-tested without a repository.

pub mod assign;
pub mod change;
pub mod escalation;
pub mod notify;

#[cfg(test)]
mod sample;
