//! The `escalation:` section: escalation levels on SLA clocks and timed rules on time in status.
//!
//! Only the typed shape of the section and the parsing of thresholds (`75%`, `breach`,
//! `breach+24h`) live here; deciding what is due and applying it is `automation::escalation`.
//! It sits under `config` rather than `domain` because thresholds and clock selectors are
//! written in SLA terms, and `domain` must not depend on `sla`.

use serde::{Deserialize, Deserializer};

use crate::domain::rules::Action;
use crate::sla::{ClockKind, SlaDuration};

/// `escalation:` in the config.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationConfig {
    #[serde(default)]
    pub levels: Vec<Level>,
    #[serde(default)]
    pub timed: Vec<TimedRule>,
}

/// An escalation level on SLA clocks.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub name: String,
    #[serde(default)]
    pub clock: ClockSelector,
    pub at: Threshold,
    pub actions: Vec<Action>,
}

/// Which clocks a level watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockSelector {
    FirstResponse,
    Resolution,
    NextResponse,
    #[default]
    Any,
}

impl ClockSelector {
    /// Whether a level on this selector watches a clock of `kind`.
    pub fn accepts(self, kind: ClockKind) -> bool {
        matches!(
            (self, kind),
            (ClockSelector::Any, _)
                | (ClockSelector::FirstResponse, ClockKind::FirstResponse)
                | (ClockSelector::Resolution, ClockKind::Resolution)
                | (ClockSelector::NextResponse, ClockKind::NextResponse)
        )
    }
}

/// When a level fires: `75%` of the target elapsed, `breach`, or `breach+24h` (business time
/// on the clock's calendar after the breach).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Threshold {
    Percent(u32),
    Breach(Option<SlaDuration>),
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let t = text.trim();
        let bad = || {
            serde::de::Error::custom(format!(
                "invalid escalation threshold '{text}': use a percentage of the target (75%), breach, or breach+DURATION (breach+24h)"
            ))
        };
        if let Some(p) = t.strip_suffix('%') {
            let p: u32 = p.trim().parse().map_err(|_| bad())?;
            if p == 0 || p > 1000 {
                return Err(bad());
            }
            return Ok(Threshold::Percent(p));
        }
        if t == "breach" {
            return Ok(Threshold::Breach(None));
        }
        let rest = t.strip_prefix("breach").ok_or_else(bad)?.trim_start();
        let rest = rest.strip_prefix('+').ok_or_else(bad)?.trim();
        let d: SlaDuration = rest.parse().map_err(|_| bad())?;
        Ok(Threshold::Breach(Some(d)))
    }
}

/// A rule on time spent in a state: `when: {status: [pending]}`, `after: 5d`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimedRule {
    pub name: String,
    #[serde(default)]
    pub when: TimedWhen,
    pub after: SlaDuration,
    /// Calendar `after` is measured on; default the first SLA policy's calendar.
    #[serde(default)]
    pub calendar: Option<String>,
    pub actions: Vec<Action>,
}

/// The state a timed rule watches.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimedWhen {
    /// Any of these statuses (empty: any status).
    #[serde(default)]
    pub status: Vec<String>,
    /// `true`: only without assignee; `false`: only with one.
    #[serde(default)]
    pub unassigned: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_parse() {
        let t: Threshold = serde_yaml_ng::from_str("breach+24h").unwrap();
        assert_eq!(t, Threshold::Breach(Some("24h".parse().unwrap())));
        assert!(serde_yaml_ng::from_str::<Threshold>("soon").is_err());
    }
}
