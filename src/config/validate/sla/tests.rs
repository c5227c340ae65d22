use super::*;

use crate::sla::policy::tests::EXAMPLE;

fn list(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_string()).collect()
}

/// Checks `cfg` against a vocabulary with four priorities, five statuses, two types and two
/// categories.
fn check(cfg: &SlaConfig) -> Result<(), Vec<Issue>> {
    let priorities = list(&["P1", "P2", "P3", "P4"]);
    let statuses = list(&["new", "open", "pending", "resolved", "closed"]);
    let types = list(&["incident", "request"]);
    let categories = list(&["network", "hardware"]);
    let known = Known {
        priorities: &priorities,
        statuses: &statuses,
        types: &types,
        categories: &categories,
        ..Known::default()
    };
    check_sla(cfg, &known)
}

#[test]
fn the_issue_example_validates() {
    let cfg: SlaConfig = serde_yaml_ng::from_str(EXAMPLE).expect("example config");
    assert_eq!(check(&cfg), Ok(()));
}

#[test]
fn unknown_pause_statuses_per_clock_are_named() {
    let bad: SlaConfig =
        serde_yaml_ng::from_str("sla:\n  pause_on: { first_response: [pendng] }\n").expect("shape");
    let issues = check(&bad).expect_err("unknown status");
    assert_eq!(issues[0].path.join("."), "sla.pause_on.first_response.0");
}

#[test]
fn validate_reports_paths_messages_and_hints() {
    let yaml = r#"
calendars:
  office:
    timezone: UTC
    hours: { mon: ["09:00-17:00"] }
sla:
  warn_at: 75%
  warn_before: 30m
  pause_on: [pending, waiting]
  policies:
    - name: a
      calendar: ofice
      when: { priority: [P7], type: [incidnet], requester_group: [vipp] }
      targets:
        P1: { resolution: 4h, calendar: nowhere }
        P8: { first_response: 1h }
        P2: {}
    - name: a
      warn_at: 50%
      warn_before: 1h
      targets: {}
"#;
    let cfg: SlaConfig = serde_yaml_ng::from_str(yaml).expect("shape is valid");
    let issues = check(&cfg).expect_err("issues");
    let found: Vec<(String, &str)> = issues
        .iter()
        .map(|i| (i.path.join("."), i.message.as_str()))
        .collect();
    let expect = [
        (
            "sla.warn_before",
            "both `warn_at` and `warn_before` are set",
        ),
        ("sla.pause_on.1", "unknown status `waiting`"),
        ("sla.policies.0.calendar", "unknown calendar `ofice`"),
        ("sla.policies.0.when.priority.0", "unknown priority `P7`"),
        ("sla.policies.0.when.type.0", "unknown type `incidnet`"),
        (
            "sla.policies.0.when.requester_group.0",
            "unknown group `vipp`",
        ),
        (
            "sla.policies.0.targets.P1.calendar",
            "unknown calendar `nowhere`",
        ),
        ("sla.policies.0.targets.P2", "priority `P2` has no target"),
        ("sla.policies.0.targets.P8", "unknown priority `P8`"),
        ("sla.policies.1.name", "policy name `a` is used twice"),
        (
            "sla.policies.1.warn_before",
            "both `warn_at` and `warn_before` are set",
        ),
        ("sla.policies.1.targets", "policy `a` has no targets"),
    ];
    for (path, message) in expect {
        assert!(
            found.iter().any(|(p, m)| p == path && *m == message),
            "missing {path}: {message} in {found:#?}"
        );
    }
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    let cal = issues
        .iter()
        .find(|i| i.path.last().map(String::as_str) == Some("calendar"))
        .expect("calendar");
    assert!(
        cal.hint.contains("office") && cal.hint.contains("24x7"),
        "{}",
        cal.hint
    );
    assert!(
        cal.to_string()
            .starts_with("sla.policies.0.calendar: unknown calendar")
    );
}

#[test]
fn empty_known_lists_are_not_checked() {
    let cfg: SlaConfig = serde_yaml_ng::from_str(
        "sla:\n  policies:\n    - name: a\n      when: { category: [anything] }\n      targets: { P1: { resolution: 4h } }\n",
    )
    .expect("config");
    assert_eq!(check_sla(&cfg, &Known::default()), Ok(()));
}

#[test]
fn an_unknown_organisation_is_named_with_the_known_ones() {
    let yaml = r#"
sla:
  policies:
    - name: a
      when: { organisation: [acme] }
      targets: { P3: { resolution: 1h } }
organisations:
  globex: [globex.com]
"#;
    let cfg: SlaConfig = serde_yaml_ng::from_str(yaml).expect("shape");
    let issues = check(&cfg).expect_err("issues");
    assert_eq!(
        issues[0].path.join("."),
        "sla.policies.0.when.organisation.0"
    );
    assert_eq!(issues[0].message, "unknown organisation `acme`");
    assert!(issues[0].hint.contains("globex"), "{:?}", issues[0].hint);
}

#[test]
fn both_spellings_of_agent_opened_are_refused() {
    let both: SlaConfig = serde_yaml_ng::from_str(
        "sla: { agent_opened: always, agent_opened_counts_as_response: true }",
    )
    .expect("parses");
    let issues = check_sla(&both, &Known::default()).expect_err("both spellings");
    assert!(
        issues[0].message.contains("both `agent_opened`"),
        "{issues:?}"
    );
}
