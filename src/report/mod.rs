//! Reports as plain data and their renderings (tables, JSON, JUnit).
//!
//! `sla` turns engine output into rows sorted by urgency; `explain` shows one clock's
//! arithmetic; `junit` renders a CI verdict. Nothing
//! here touches Git or the terminal: commands hand the text to `Output`.

pub mod explain;
pub mod junit;
pub mod service;
pub mod sla;
pub mod table;
