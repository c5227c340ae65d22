//! Checking the SLA sections (`calendars`, `sla`, `groups`, `organisations`) against each other
//! and against the vocabulary. Every problem is reported, not just the first, so `tix check` can
//! list them all.

use std::collections::BTreeSet;

use super::Known;
use crate::domain::Issue;
use crate::sla::calendar::ALWAYS_OPEN_NAME;
use crate::sla::{ClockKind, SlaConfig, SlaDuration};

/// Checks what serde cannot in the `calendars`, `sla`, `groups` and `organisations` sections:
/// references between them and to the vocabulary.
///
/// # Errors
/// Every problem found, each with the YAML path of the offending value.
pub(crate) fn check_sla(sla: &SlaConfig, known: &Known<'_>) -> Result<(), Vec<Issue>> {
    let mut issues = Vec::new();
    let mut push = |path: Vec<String>, message: String, hint: String| {
        issues.push(Issue {
            path,
            message,
            hint,
        });
    };
    let calendar_hint = || {
        let mut names: Vec<&str> = sla.calendars.names().collect();
        names.push(ALWAYS_OPEN_NAME);
        format!(
            "define it under `calendars:` or use one of: {}",
            names.join(", ")
        )
    };
    let check_list = |push: &mut dyn FnMut(Vec<String>, String, String),
                      path: Vec<String>,
                      values: &[String],
                      allowed: &[String],
                      what: &str| {
        if allowed.is_empty() {
            return;
        }
        for (i, v) in values.iter().enumerate() {
            if !allowed.contains(v) {
                push(
                    join(&path, &[&i.to_string()]),
                    format!("unknown {what} `{v}`"),
                    format!("known {what} values: {}", allowed.join(", ")),
                );
            }
        }
    };
    let root: Vec<String> = Vec::new();

    if sla.sla.warn_at.is_some() && sla.sla.warn_before.is_some() {
        push(
            join(&root, &["sla", "warn_before"]),
            "both `warn_at` and `warn_before` are set".into(),
            "keep one: a percentage of the target (warn_at: 75%) or a lead time (warn_before: 30m)"
                .into(),
        );
    }
    if sla.sla.agent_opened.is_some() && sla.sla.agent_opened_counts_as_response.is_some() {
        push(
            join(&root, &["sla", "agent_opened_counts_as_response"]),
            "both `agent_opened` and `agent_opened_counts_as_response` are set".into(),
            "keep `agent_opened: public_message` or `agent_opened: always`".into(),
        );
    }
    if let Some(pause_on) = &sla.sla.pause_on {
        for (key, list) in pause_on.lists() {
            let path: Vec<&str> = ["sla", "pause_on"].into_iter().chain(key).collect();
            check_list(
                &mut push,
                join(&root, &path),
                list,
                known.statuses,
                "status",
            );
        }
    }
    if let Some(d) = sla.sla.warn_before.filter(SlaDuration::is_zero) {
        push(
            join(&root, &["sla", "warn_before"]),
            format!("`{d}` is not positive"),
            "write e.g. 30m".into(),
        );
    }

    let mut seen = BTreeSet::new();
    for (i, policy) in sla.sla.policies.iter().enumerate() {
        let base = join(&root, &["sla", "policies", &i.to_string()]);
        let at = |rest: &[&str]| join(&base, rest);
        if policy.name.trim().is_empty() {
            push(
                at(&["name"]),
                "policy name is empty".into(),
                "give each policy a name".into(),
            );
        } else if !seen.insert(policy.name.as_str()) {
            push(
                at(&["name"]),
                format!("policy name `{}` is used twice", policy.name),
                "give each policy its own name".into(),
            );
        }
        if let Some(cal) = &policy.calendar
            && sla.calendars.get(cal).is_none()
        {
            push(
                at(&["calendar"]),
                format!("unknown calendar `{cal}`"),
                calendar_hint(),
            );
        }
        if policy.warn_at.is_some() && policy.warn_before.is_some() {
            push(
                at(&["warn_before"]),
                "both `warn_at` and `warn_before` are set".into(),
                "keep one of the two".into(),
            );
        }
        if let Some(pause_on) = &policy.pause_on {
            for (key, list) in pause_on.lists() {
                let path: Vec<&str> = std::iter::once("pause_on").chain(key).collect();
                check_list(&mut push, at(&path), list, known.statuses, "status");
            }
        }
        let w = &policy.when;
        let when = [
            ("priority", &w.priority, known.priorities),
            ("type", &w.ticket_type, known.types),
            ("category", &w.category, known.categories),
        ];
        for (key, values, allowed) in when {
            check_list(&mut push, at(&["when", key]), values, allowed, key);
        }
        for (j, g) in w.requester_group.iter().enumerate() {
            if !sla.groups.0.contains_key(g) {
                let known_groups: Vec<&str> = sla.groups.0.keys().map(String::as_str).collect();
                let known_groups = if known_groups.is_empty() {
                    "none".into()
                } else {
                    known_groups.join(", ")
                };
                push(
                    at(&["when", "requester_group", &j.to_string()]),
                    format!("unknown group `{g}`"),
                    format!("define it under `groups:` (known: {known_groups})"),
                );
            }
        }
        for (j, o) in w.organisation.iter().enumerate() {
            if !sla.organisations.contains_key(o) {
                let names: Vec<&str> = sla.organisations.keys().map(String::as_str).collect();
                let names = if names.is_empty() {
                    "none".into()
                } else {
                    names.join(", ")
                };
                push(
                    at(&["when", "organisation", &j.to_string()]),
                    format!("unknown organisation `{o}`"),
                    format!(
                        "define it under `organisations:` with its email domains (known: {names})"
                    ),
                );
            }
        }
        if policy.targets.is_empty() {
            push(
                at(&["targets"]),
                format!("policy `{}` has no targets", policy.name),
                "add targets per priority, e.g. P1: { first_response: 30m, resolution: 4h }".into(),
            );
        }
        for (prio, target) in &policy.targets {
            if !known.priorities.is_empty() && !known.priorities.contains(prio) {
                push(
                    at(&["targets", prio]),
                    format!("unknown priority `{prio}`"),
                    format!("known priority values: {}", known.priorities.join(", ")),
                );
            }
            if let Some(cal) = &target.calendar
                && sla.calendars.get(cal).is_none()
            {
                push(
                    at(&["targets", prio, "calendar"]),
                    format!("unknown calendar `{cal}`"),
                    calendar_hint(),
                );
            }
            let kinds = [
                ClockKind::FirstResponse,
                ClockKind::NextResponse,
                ClockKind::Resolution,
            ];
            if kinds.iter().all(|k| target.duration(*k).is_none()) {
                push(
                    at(&["targets", prio]),
                    format!("priority `{prio}` has no target"),
                    "set first_response, resolution or next_response".into(),
                );
            }
            for kind in kinds {
                if target.duration(kind).is_some_and(|d| d.is_zero()) {
                    push(
                        at(&["targets", prio, kind.as_str()]),
                        "target is not positive".into(),
                        "targets must be longer than zero, e.g. 30m".into(),
                    );
                }
            }
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

fn join(base: &[String], rest: &[&str]) -> Vec<String> {
    base.iter()
        .cloned()
        .chain(rest.iter().map(|s| (*s).to_string()))
        .collect()
}

#[cfg(test)]
mod tests;
