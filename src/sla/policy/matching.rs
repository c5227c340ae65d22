//! Which policy applies to a ticket, and the settings in force under it: targets resolved
//! against their calendars, the warning rule, the pause statuses and the reopen mode. Requester
//! groups and organisations are matched with `domain::actor`'s one notion of the same person.

use super::schema::{
    ClockKind, DEFAULT_PAUSE_ON, DEFAULT_WARN_PERCENT, Groups, PauseOn, Percent, Policy,
    ReopenMode, SlaConfig,
};
use crate::domain::actor::{Identity, same_person};
use crate::domain::event::TicketSnapshot;
use crate::sla::calendar::{ALWAYS_OPEN_NAME, Calendar};
use crate::sla::duration::SlaDuration;

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
}

fn default_pauses(kind: ClockKind, status: &str) -> bool {
    kind != ClockKind::FirstResponse && DEFAULT_PAUSE_ON.contains(&status)
}

impl Groups {
    /// Whether `person` (`Name <email>`, a name or an email) is a member of `group`.
    pub fn contains(&self, group: &str, person: &str) -> bool {
        self.0
            .get(group)
            .is_some_and(|members| members.iter().any(|m| same_person(m, person)))
    }
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
            // A subdomain: `domain` ends `d` after a dot.
            let subdomain = d
                .len()
                .checked_sub(domain.len())
                .and_then(|at| d.as_bytes().split_at_checked(at))
                .is_some_and(|(head, tail)| {
                    head.last() == Some(&b'.') && tail.eq_ignore_ascii_case(domain.as_bytes())
                });
            d.eq_ignore_ascii_case(domain) || subdomain
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
    /// The target as the config wrote it (`3d`), for people: its seconds depend on the calendar.
    pub written: SlaDuration,
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
            written: duration,
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
