//! The CI verdict on one clock (`tix sla check`): pass, warn or fail.

use super::engine::{ClockState, ClockStatus};

/// What makes a check fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Breached clocks that still run or are paused.
    #[default]
    Breach,
    /// Those, and clocks in warning.
    Warning,
}

/// One clock's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    /// In warning, without failing the check.
    Warn,
    Fail,
}

impl Verdict {
    /// Lowercase name for output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// The verdict on `c`. A breach fails only while the clock is active: a closed ticket's missed
/// target is history for reports, not a CI failure; a breach stays a breach (sticky) even when
/// the priority was lowered since.
pub fn verdict(c: &ClockStatus, fail_on: FailOn) -> Verdict {
    let breached = c.state == ClockState::Breached && c.is_active();
    let warned = c.state == ClockState::Warning;
    match (breached, warned, fail_on) {
        (true, _, _) | (_, true, FailOn::Warning) => Verdict::Fail,
        (_, true, FailOn::Breach) => Verdict::Warn,
        _ => Verdict::Pass,
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::sla::ClockKind;

    fn clock(state: ClockState, stopped: bool) -> ClockStatus {
        let t = DateTime::from_timestamp(0, 0).expect("epoch");
        ClockStatus {
            kind: ClockKind::Resolution,
            cycle: 1,
            policy: "standard".into(),
            calendar: "24x7".into(),
            target_secs: 3600,
            target: crate::sla::SlaDuration::from_secs(3600),
            start: t,
            due: Some(t),
            due_projected: false,
            elapsed_secs: 0,
            paused_secs: 0,
            remaining_secs: 0,
            state,
            off_hours: false,
            breach_at: None,
            breach_detected_at: None,
            breached_by_secs: None,
            stopped_at: stopped.then_some(t),
            warn_threshold_secs: 2700,
        }
    }

    #[test]
    fn active_breaches_fail_and_warnings_fail_only_when_asked() {
        use ClockState::{Breached, Met, Running, Warning};
        let cases = [
            (Breached, false, FailOn::Breach, Verdict::Fail),
            (Breached, true, FailOn::Breach, Verdict::Pass),
            (Warning, false, FailOn::Breach, Verdict::Warn),
            (Warning, false, FailOn::Warning, Verdict::Fail),
            (Running, false, FailOn::Warning, Verdict::Pass),
            (Met, true, FailOn::Warning, Verdict::Pass),
        ];
        for (state, stopped, fail_on, want) in cases {
            assert_eq!(
                verdict(&clock(state, stopped), fail_on),
                want,
                "{state} stopped={stopped} {fail_on:?}"
            );
        }
    }
}
