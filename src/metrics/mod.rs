//! Service metrics from ticket timelines (DESIGN 6.3), the pure core of `tix report`: plain
//! values in, numbers out; no Git, files, terminal or wall clock. The period is half-open,
//! `[since, until)`.
//!
//! - [`stats`]: count, mean and nearest-rank percentiles of a sample, `None` when empty.
//! - [`volume`]: what came in and went out in a period, and the backlog at its ends.

pub mod stats;
pub mod volume;
