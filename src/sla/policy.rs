//! The SLA part of the config: `calendars`, `sla` (settings and ordered policies) and `groups`.
//!
//! These are plain serde structs meant to be embedded in tix's own `Config` with
//! `#[serde(default)]`, so serde_yaml_ng reports shape errors (unknown keys, bad durations,
//! unknown time zones, overlapping hours) with their line and column. What needs the rest of the
//! config (known priorities and statuses) or other sections (calendar names, groups) is checked
//! afterwards by `config::validate`, which owns the vocabulary. Policy matching and the effective per-policy settings live
//! here too; the clock rules do not (see `engine`).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, de};

use super::calendar::{ALWAYS_OPEN_NAME, Calendar, Calendars};
use super::duration::SlaDuration;
use crate::domain::actor::{Identity, same_person};
use crate::domain::event::TicketSnapshot;

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
pub struct Percent(u8);

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

/// When a clock enters `warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarnRule {
    /// Once this percentage of the target has elapsed.
    AtPercent(Percent),
    /// Once the remaining time is at most this long.
    Before(SlaDuration),
}

impl WarnRule {
    /// Elapsed business seconds at which a clock with `target` seconds on `calendar` warns.
    pub fn threshold(&self, target: i64, calendar: &Calendar) -> i64 {
        match self {
            // Smallest whole second >= pct x target, so "elapsed >= threshold" is exact.
            WarnRule::AtPercent(p) => (target * i64::from(p.get()) + 99) / 100,
            WarnRule::Before(d) => (target - d.resolve(calendar)).max(0),
        }
    }
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
    /// Whether `status` pauses a clock of `kind`.
    pub fn pauses(&self, kind: ClockKind, status: &str) -> bool {
        match self {
            PauseOn::All(list) => {
                kind != ClockKind::FirstResponse && list.iter().any(|s| s == status)
            }
            PauseOn::PerClock(p) => {
                let list = match kind {
                    ClockKind::FirstResponse => p.first_response.as_ref(),
                    ClockKind::NextResponse => p.next_response.as_ref(),
                    ClockKind::Resolution => p.resolution.as_ref(),
                };
                match list {
                    Some(list) => list.iter().any(|s| s == status),
                    None => default_pauses(kind, status),
                }
            }
        }
    }

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

fn default_pauses(kind: ClockKind, status: &str) -> bool {
    kind != ClockKind::FirstResponse && DEFAULT_PAUSE_ON.contains(&status)
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

impl Groups {
    /// Whether `person` (`Name <email>`, a name or an email) is a member of `group`.
    pub fn contains(&self, group: &str, person: &str) -> bool {
        self.0
            .get(group)
            .is_some_and(|members| members.iter().any(|m| same_person(m, person)))
    }
}

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

/// Whether `person`'s email (`Name <a@b.c>` or `a@b.c`) is at `domain` or one of its
/// subdomains, ignoring ASCII case.
pub fn in_domain(person: &str, domain: &str) -> bool {
    let domain = domain.trim().trim_start_matches('@');
    let person = Identity::parse(person);
    [person.name, person.email]
        .into_iter()
        .flatten()
        .filter_map(|part| part.rsplit_once('@').map(|(_, d)| d))
        .any(|d| {
            d.eq_ignore_ascii_case(domain)
                || (d.len() > domain.len()
                    && d[d.len() - domain.len()..].eq_ignore_ascii_case(domain)
                    && d.as_bytes()[d.len() - domain.len() - 1] == b'.')
        })
}

/// The ticket fields policies match on, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchFields<'a> {
    pub priority: &'a str,
    pub ticket_type: &'a str,
    pub category: Option<&'a str>,
    pub requester: Option<&'a str>,
}

/// A target resolved against its calendar.
#[derive(Debug, Clone, Copy)]
pub struct ResolvedTarget<'a> {
    pub secs: i64,
    pub calendar_name: &'a str,
    pub calendar: &'a Calendar,
}

impl SlaConfig {
    /// The index of the first policy that applies to `snapshot`.
    ///
    /// A policy applies when all its `when` conditions hold *and* it has targets for the
    /// ticket's priority, so a `vip` policy listing only P1 and P2 lets a VIP's P3 ticket fall
    /// through to the next policy.
    pub fn match_policy(&self, snapshot: &TicketSnapshot) -> Option<usize> {
        self.match_fields(&MatchFields {
            priority: &snapshot.priority,
            ticket_type: &snapshot.ticket_type,
            category: snapshot.category.as_deref(),
            requester: snapshot.requester.as_deref(),
        })
    }

    /// [`SlaConfig::match_policy`] on borrowed fields.
    pub fn match_fields(&self, t: &MatchFields<'_>) -> Option<usize> {
        self.sla.policies.iter().position(|p| self.applies(p, t))
    }

    fn applies(&self, policy: &Policy, t: &MatchFields<'_>) -> bool {
        let one_of = |list: &[String], value: Option<&str>| {
            list.is_empty() || value.is_some_and(|v| list.iter().any(|x| x == v))
        };
        let w = &policy.when;
        policy.targets.contains_key(t.priority)
            && one_of(&w.priority, Some(t.priority))
            && one_of(&w.ticket_type, Some(t.ticket_type))
            && one_of(&w.category, t.category)
            && (w.requester_group.is_empty()
                || t.requester
                    .is_some_and(|r| w.requester_group.iter().any(|g| self.groups.contains(g, r))))
            && (w.domain.is_empty()
                || t.requester
                    .is_some_and(|r| w.domain.iter().any(|d| in_domain(r, d))))
            && (w.organisation.is_empty()
                || t.requester.is_some_and(|r| {
                    w.organisation.iter().any(|o| {
                        self.organisations
                            .get(o)
                            .is_some_and(|domains| domains.iter().any(|d| in_domain(r, d)))
                    })
                }))
    }

    /// The target of `kind` for `priority` under policy number `policy`, with its calendar.
    /// `None` when there is none, or its calendar is unknown (a config that passed
    /// validation has none unknown).
    pub fn target(
        &self,
        policy: usize,
        priority: &str,
        kind: ClockKind,
    ) -> Option<ResolvedTarget<'_>> {
        let p = self.sla.policies.get(policy)?;
        let t = p.targets.get(priority)?;
        let duration = t.duration(kind)?;
        let calendar_name = t
            .calendar
            .as_deref()
            .or(p.calendar.as_deref())
            .unwrap_or(ALWAYS_OPEN_NAME);
        let calendar = self.calendars.get(calendar_name)?;
        let secs = duration.resolve(calendar);
        (secs > 0).then_some(ResolvedTarget {
            secs,
            calendar_name,
            calendar,
        })
    }

    /// The warning rule of policy number `policy`: its own, else the `sla` default, else 75 %.
    pub fn warn_rule(&self, policy: usize) -> WarnRule {
        let own = self
            .sla
            .policies
            .get(policy)
            .and_then(|p| rule(p.warn_at, p.warn_before));
        own.or_else(|| rule(self.sla.warn_at, self.sla.warn_before))
            .unwrap_or(WarnRule::AtPercent(Percent(DEFAULT_WARN_PERCENT)))
    }

    /// Whether `status` pauses a clock of `kind` under policy number `policy` (the `sla`
    /// default, or `[pending]` for resolution and next response, when the policy says nothing).
    pub fn pauses(&self, policy: Option<usize>, kind: ClockKind, status: &str) -> bool {
        let own = policy
            .and_then(|i| self.sla.policies.get(i))
            .and_then(|p| p.pause_on.as_ref());
        match own.or(self.sla.pause_on.as_ref()) {
            Some(pause_on) => pause_on.pauses(kind, status),
            None => default_pauses(kind, status),
        }
    }

    /// The reopen mode of policy number `policy` (or the default when `None`).
    pub fn reopen_mode(&self, policy: Option<usize>) -> ReopenMode {
        policy
            .and_then(|i| self.sla.policies.get(i))
            .and_then(|p| p.reopen)
            .or(self.sla.reopen)
            .unwrap_or_default()
    }
}

fn rule(warn_at: Option<Percent>, warn_before: Option<SlaDuration>) -> Option<WarnRule> {
    warn_before
        .map(WarnRule::Before)
        .or(warn_at.map(WarnRule::AtPercent))
}

#[cfg(test)]
mod tests;
