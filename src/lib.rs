//! tix: IT service-desk tickets kept as YAML files in a Git repository.
//!
//! Layers (DESIGN.md section 4): `domain` and `sla` are the pure core, and `automation` decides
//! what rules, auto-assignment and escalation do on top of them; `store` owns Git and files;
//! `config` loads the repository's rules; `cli` parses arguments, calls the core and renders.

// Outside tests nothing may abort on a bad value: errors carry a message to the user instead.
// An index that is provably in range may opt out on its own function, saying why.
#![cfg_attr(
    not(test),
    deny(clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]

pub(crate) mod automation;
pub mod cli;
pub(crate) mod clock;
pub mod config;
pub mod domain;
pub(crate) mod error;
pub(crate) mod hooks;
pub(crate) mod metrics;
pub(crate) mod output;
pub(crate) mod prompt;
pub(crate) mod report;
// Public for the doctests of its value types (`sla::duration`).
pub mod sla;
pub mod store;
pub(crate) mod yaml_guard;
