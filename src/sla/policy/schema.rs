//! The serde shape of the SLA sections (`calendars`, `sla` with its ordered policies, `groups`,
//! `organisations`), meant to be embedded in tix's own `Config` with `#[serde(default)]`, so
//! serde_yaml_ng reports shape errors (unknown keys, bad durations, unknown time zones,
//! overlapping hours) with their line and column. What needs other sections or the rest of the
//! config is checked by `config::validate`; which policy applies, and its effective settings, is
//! `matching`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, de};

use crate::sla::calendar::Calendars;
use crate::sla::duration::SlaDuration;

/// The statuses that pause clocks when the config says nothing.
pub const DEFAULT_PAUSE_ON: &[&str] = &["pending"];
/// The warning threshold when the config says nothing: 75 % of the target elapsed.
pub const DEFAULT_WARN_PERCENT: u8 = 75;

/// The three clocks a policy can set targets for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClockKind {
    FirstResponse,
    NextResponse,
    Resolution,
}

impl ClockKind {
    /// The snake_case name used in config and output (`first_response`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            ClockKind::FirstResponse => "first_response",
            ClockKind::NextResponse => "next_response",
            ClockKind::Resolution => "resolution",
        }
    }
}

impl fmt::Display for ClockKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A percentage `0..=100`, written `75%` (or the bare number `75`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(pub(super) u8);

impl Percent {
    /// A percentage; `None` above 100.
    pub fn new(value: u8) -> Option<Self> {
        (value <= 100).then_some(Self(value))
    }

    /// The number of percent.
    pub fn get(&self) -> u8 {
        self.0
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        const HINT: &str = "a percentage from 0% to 100%, e.g. 75%";
        impl de::Visitor<'_> for Visitor {
            type Value = Percent;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(HINT)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Percent, E> {
                u8::try_from(v)
                    .ok()
                    .and_then(Percent::new)
                    .ok_or_else(|| E::custom(format!("invalid percentage `{v}`; write {HINT}")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Percent, E> {
                Err(E::custom(format!("invalid percentage `{v}`; write {HINT}")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Percent, E> {
                v.trim()
                    .trim_end_matches('%')
                    .trim()
                    .parse::<u8>()
                    .ok()
                    .and_then(Percent::new)
                    .ok_or_else(|| E::custom(format!("invalid percentage `{v}`; write {HINT}")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// What reopening a resolved ticket does to its resolution clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReopenMode {
    /// The same clock continues; time spent resolved is not counted. One verdict per ticket.
    #[default]
    Resume,
    /// Each reopen starts a new clock (cycle) with its own target and verdict.
    NewCycle,
}

/// Deserializes either one string or a list of strings.
fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    match OneOrMany::deserialize(deserializer) {
        Ok(OneOrMany::One(s)) => Ok(vec![s]),
        Ok(OneOrMany::Many(v)) => Ok(v),
        Err(_) => Err(de::Error::custom(
            "expected a name or a list of names, e.g. [P1, P2]",
        )),
    }
}

/// Conditions a ticket must meet for a policy to apply; empty lists match anything, a list
/// means "one of".
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyMatch {
    /// Names of `groups` the requester must belong to (one of them).
    #[serde(default, deserialize_with = "one_or_many")]
    pub requester_group: Vec<String>,
    #[serde(default, rename = "type", deserialize_with = "one_or_many")]
    pub ticket_type: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub category: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub priority: Vec<String>,
    /// Email domains of the requester (`example.com` also matches `it.example.com`).
    #[serde(default, deserialize_with = "one_or_many")]
    pub domain: Vec<String>,
    /// Names of `organisations` the requester belongs to, by email domain (one of them).
    #[serde(default, deserialize_with = "one_or_many")]
    pub organisation: Vec<String>,
}

/// The targets of one priority.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[serde(default)]
    pub first_response: Option<SlaDuration>,
    #[serde(default)]
    pub resolution: Option<SlaDuration>,
    /// Optional: only tickets whose target defines it get next-response clocks.
    #[serde(default)]
    pub next_response: Option<SlaDuration>,
    /// Overrides the policy's calendar for these targets.
    #[serde(default)]
    pub calendar: Option<String>,
}

impl Target {
    /// The duration set for `kind`, if any.
    pub fn duration(&self, kind: ClockKind) -> Option<SlaDuration> {
        match kind {
            ClockKind::FirstResponse => self.first_response,
            ClockKind::NextResponse => self.next_response,
            ClockKind::Resolution => self.resolution,
        }
    }
}

/// One policy: when it applies and its targets per priority.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub name: String,
    #[serde(default)]
    pub when: PolicyMatch,
    /// Calendar of the targets; `24x7` when omitted.
    #[serde(default)]
    pub calendar: Option<String>,
    #[serde(default)]
    pub warn_at: Option<Percent>,
    #[serde(default)]
    pub warn_before: Option<SlaDuration>,
    #[serde(default)]
    pub pause_on: Option<PauseOn>,
    #[serde(default)]
    pub reopen: Option<ReopenMode>,
    /// Targets by priority name.
    #[serde(default)]
    pub targets: BTreeMap<String, Target>,
}

/// Which statuses pause clocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PauseOn {
    /// `pause_on: [pending]`: resolution and next-response clocks pause; first response never.
    All(Vec<String>),
    /// `pause_on: { first_response: [pending], resolution: [pending, waiting] }`.
    PerClock(PerClockPause),
}

/// One list per clock kind; a clock left out keeps the default (first response: never paused;
/// the others: `[pending]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerClockPause {
    #[serde(default)]
    pub first_response: Option<Vec<String>>,
    #[serde(default)]
    pub next_response: Option<Vec<String>>,
    #[serde(default)]
    pub resolution: Option<Vec<String>>,
}

impl<'de> Deserialize<'de> for PauseOn {
    // By hand rather than `untagged`, so a typo inside the map is reported as the unknown field
    // it is, with its line, instead of "did not match any variant".
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Shape;
        impl<'de> de::Visitor<'de> for Shape {
            type Value = PauseOn;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of statuses, or a map from clock (first_response, next_response, resolution) to statuses")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<PauseOn, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(PauseOn::All)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<PauseOn, A::Error> {
                PerClockPause::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(PauseOn::PerClock)
            }
        }
        d.deserialize_any(Shape)
    }
}

impl PauseOn {
    /// Every list with its key path below `pause_on` (for validation).
    pub fn lists(&self) -> Vec<(Option<&'static str>, &Vec<String>)> {
        match self {
            PauseOn::All(list) => vec![(None, list)],
            PauseOn::PerClock(p) => [
                ("first_response", &p.first_response),
                ("next_response", &p.next_response),
                ("resolution", &p.resolution),
            ]
            .into_iter()
            .filter_map(|(k, l)| l.as_ref().map(|l| (Some(k), l)))
            .collect(),
        }
    }
}

/// The `sla:` section: defaults and the ordered policies.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaSettings {
    #[serde(default)]
    pub warn_at: Option<Percent>,
    #[serde(default)]
    pub warn_before: Option<SlaDuration>,
    /// Statuses that pause clocks: a list (resolution and next-response clocks; `[pending]` when
    /// omitted), or one list per clock.
    #[serde(default)]
    pub pause_on: Option<PauseOn>,
    /// When a ticket an agent opened counts as answered; see [`SlaSettings::agent_opened`].
    #[serde(default)]
    pub agent_opened: Option<AgentOpened>,
    /// The older spelling: `true` is `always`, `false` is `public_message`.
    #[serde(default)]
    pub agent_opened_counts_as_response: Option<bool>,
    #[serde(default)]
    pub reopen: Option<ReopenMode>,
    /// First match wins.
    #[serde(default)]
    pub policies: Vec<Policy>,
}

/// When a ticket opened by an agent has its first response at creation (DESIGN 6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentOpened {
    /// When the agent opened it with a public message (`tix new --message`): like any public
    /// reply by an agent. An agent logging a phone call has not answered yet.
    #[default]
    PublicMessage,
    /// Always: the agent who opened it was talking to the requester.
    Always,
}

impl SlaSettings {
    /// The `agent_opened` rule in force, from either spelling.
    pub fn agent_opened(&self) -> AgentOpened {
        self.agent_opened
            .or(self.agent_opened_counts_as_response.map(|legacy| {
                if legacy {
                    AgentOpened::Always
                } else {
                    AgentOpened::PublicMessage
                }
            }))
            .unwrap_or_default()
    }
}

/// The `groups:` section: named lists of people (names or emails).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(transparent)]
pub struct Groups(pub BTreeMap<String, Vec<String>>);

/// Everything the SLA engine needs from the config.
///
/// Embed the three fields in the application's config struct (each `#[serde(default)]`) and
/// build this from them, or deserialize it directly from a document holding only these keys.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaConfig {
    #[serde(default)]
    pub calendars: Calendars,
    #[serde(default)]
    pub sla: SlaSettings,
    #[serde(default)]
    pub groups: Groups,
    /// Named organisations and their email domains (`acme: [acme.com, acme.co.uk]`).
    #[serde(default)]
    pub organisations: BTreeMap<String, Vec<String>>,
}
