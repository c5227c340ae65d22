use super::*;
use crate::domain::event::TicketSnapshot;
use crate::sla::calendar::Calendar;

/// The example from the issue, with an `office` calendar (also the config validation tests').
pub(crate) const EXAMPLE: &str = r#"
calendars:
  office:
    timezone: Europe/Berlin
    hours:
      mon: ["09:00-12:00", "13:00-17:00"]
      tue: ["09:00-17:00"]
      wed: ["09:00-17:00"]
      thu: ["09:00-17:00"]
      fri: ["09:00-17:00"]
    holidays: ["2026-12-25", "2026-12-24 12:00-24:00"]
sla:
  warn_at: 75%
  pause_on: [pending]
  agent_opened_counts_as_response: true
  reopen: resume
  policies:
    - name: vip
      when: { requester_group: [vip], type: [incident], category: [network], priority: [P1, P2] }
      calendar: 24x7
      targets:
        P1: { first_response: 15m, resolution: 2h }
        P2: { first_response: 30m, resolution: 8h, calendar: office }
    - name: standard
      calendar: office
      warn_at: 80%
      targets:
        P1: { first_response: 30m, resolution: 4h, next_response: 1h }
        P2: { first_response: 1h, resolution: 1d }
        P3: { first_response: 4h, resolution: 3d }
        P4: { first_response: 1d, resolution: 5d }
groups:
  vip: [ceo@example.com, "Dana Boss"]
"#;

fn example() -> SlaConfig {
    serde_yaml_ng::from_str(EXAMPLE).expect("example config")
}

fn snapshot(
    priority: &str,
    ticket_type: &str,
    category: Option<&str>,
    requester: Option<&str>,
) -> TicketSnapshot {
    TicketSnapshot {
        status: "new".into(),
        priority: priority.into(),
        ticket_type: ticket_type.into(),
        category: category.map(Into::into),
        requester: requester.map(Into::into),
        ..TicketSnapshot::default()
    }
}

#[test]
fn the_issue_example_parses() {
    let cfg = example();
    assert_eq!(cfg.sla.policies.len(), 2);
    assert_eq!(cfg.sla.policies[0].when.priority, vec!["P1", "P2"]);
    assert!(cfg.groups.contains("vip", "Dana Boss"));
    assert!(cfg.groups.contains("vip", "The CEO <CEO@example.com>"));
    assert!(!cfg.groups.contains("vip", "someone@example.com"));
}

#[test]
fn first_matching_policy_wins_and_needs_a_target_for_the_priority() {
    let cfg = example();
    let ceo = Some("C. E. O. <ceo@example.com>");
    let cases = [
        (
            "vip_p1",
            snapshot("P1", "incident", Some("network"), ceo),
            Some(0),
        ),
        (
            "vip_wrong_category",
            snapshot("P1", "incident", Some("hardware"), ceo),
            Some(1),
        ),
        (
            "vip_no_category",
            snapshot("P1", "incident", None, ceo),
            Some(1),
        ),
        (
            "not_vip",
            snapshot("P1", "incident", Some("network"), Some("x@example.com")),
            Some(1),
        ),
        (
            "vip_p3_falls_through",
            snapshot("P3", "incident", Some("network"), ceo),
            Some(1),
        ),
        (
            "unknown_priority",
            snapshot("P9", "incident", None, None),
            None,
        ),
    ];
    for (name, snap, want) in cases {
        assert_eq!(cfg.match_policy(&snap), want, "{name}");
    }
}

#[test]
fn targets_resolve_against_their_calendar() {
    let cfg = example();
    let t = cfg.target(0, "P2", ClockKind::Resolution).expect("vip P2");
    assert_eq!((t.secs, t.calendar_name), (8 * 3600, "office"));
    let t = cfg
        .target(0, "P1", ClockKind::FirstResponse)
        .expect("vip P1");
    assert_eq!((t.secs, t.calendar_name), (900, "24x7"));
    // 1d on office: (3 h + 4 h) + 4 x 8 h = 39 h over 5 days.
    let t = cfg
        .target(1, "P2", ClockKind::Resolution)
        .expect("standard P2");
    assert_eq!(t.secs, 39 * 3600 / 5);
    assert!(cfg.target(1, "P2", ClockKind::NextResponse).is_none());
    assert!(cfg.target(7, "P2", ClockKind::Resolution).is_none());
}

#[test]
fn settings_fall_back_from_policy_to_sla_to_defaults() {
    let cfg = example();
    assert_eq!(cfg.warn_rule(1), WarnRule::AtPercent(Percent(80)));
    assert_eq!(cfg.warn_rule(0), WarnRule::AtPercent(Percent(75)));
    let empty = SlaConfig::default();
    assert_eq!(
        empty.warn_rule(0),
        WarnRule::AtPercent(Percent(DEFAULT_WARN_PERCENT))
    );
    assert!(empty.pauses(None, ClockKind::Resolution, "pending"));
    assert!(!empty.pauses(None, ClockKind::Resolution, "open"));
    assert!(!empty.pauses(None, ClockKind::FirstResponse, "pending"));
    assert_eq!(empty.sla.agent_opened(), AgentOpened::PublicMessage);
    for (yaml, want) in [
        ("sla: { agent_opened: always }", AgentOpened::Always),
        (
            "sla: { agent_opened_counts_as_response: true }",
            AgentOpened::Always,
        ),
        (
            "sla: { agent_opened_counts_as_response: false }",
            AgentOpened::PublicMessage,
        ),
    ] {
        let cfg: SlaConfig = serde_yaml_ng::from_str(yaml).expect(yaml);
        assert_eq!(cfg.sla.agent_opened(), want, "{yaml}");
    }
    assert_eq!(empty.reopen_mode(None), ReopenMode::Resume);
    let cfg: SlaConfig = serde_yaml_ng::from_str(
        "sla:\n  pause_on: [waiting]\n  warn_before: 30m\n  reopen: new_cycle\n  policies:\n    - name: a\n      pause_on: [on_hold]\n      reopen: resume\n      targets: { P1: { resolution: 4h } }\n",
    )
    .expect("config");
    assert!(cfg.pauses(Some(0), ClockKind::Resolution, "on_hold"));
    assert!(!cfg.pauses(Some(0), ClockKind::Resolution, "waiting"));
    assert!(cfg.pauses(None, ClockKind::NextResponse, "waiting"));
    assert!(!cfg.pauses(None, ClockKind::FirstResponse, "waiting"));
    assert_eq!(cfg.reopen_mode(Some(0)), ReopenMode::Resume);
    assert_eq!(cfg.reopen_mode(None), ReopenMode::NewCycle);
    assert!(matches!(cfg.warn_rule(0), WarnRule::Before(_)));
    assert_eq!(
        cfg.warn_rule(0).threshold(4 * 3600, &Calendar::AlwaysOpen),
        4 * 3600 - 1800
    );
    assert_eq!(
        WarnRule::AtPercent(Percent(75)).threshold(1001, &Calendar::AlwaysOpen),
        751
    );
}

#[test]
fn shape_errors_carry_the_line() {
    let cases = [
        (
            "bad_duration",
            "sla:\n  policies:\n    - name: a\n      targets:\n        P1: { resolution: 4x }\n",
            "`4x`",
            "line 5",
        ),
        (
            "zero_target",
            "sla:\n  policies:\n    - name: a\n      targets:\n        P1: { resolution: 0m }\n",
            "longer than zero",
            "line 5",
        ),
        (
            "unknown_target_key",
            "sla:\n  policies:\n    - name: a\n      targets:\n        P1: { resolve: 4h }\n",
            "unknown field `resolve`",
            "line 5",
        ),
        (
            "unknown_policy_key",
            "sla:\n  policies:\n    - name: a\n      calender: office\n",
            "unknown field `calender`",
            "line 4",
        ),
        (
            "bad_percent",
            "sla:\n  warn_at: 175%\n",
            "invalid percentage",
            "line 2",
        ),
        (
            "bad_reopen",
            "sla:\n  reopen: restart\n",
            "unknown variant `restart`",
            "line 2",
        ),
        (
            "unknown_sla_key",
            "sla:\n  pause: [pending]\n",
            "unknown field `pause`",
            "line 2",
        ),
        (
            "bad_zone_in_calendar",
            "calendars:\n  office:\n    timezone: Berlin/Europe\n",
            "Europe/Berlin",
            "line 3",
        ),
    ];
    for (name, yaml, needle, line) in cases {
        let err = serde_yaml_ng::from_str::<SlaConfig>(yaml)
            .expect_err(name)
            .to_string();
        assert!(err.contains(needle), "{name}: {err}");
        assert!(err.contains(line), "{name}: {err}");
    }
}

#[test]
fn policies_match_the_requester_domain_and_organisation() {
    let yaml = r#"
sla:
  policies:
    - name: acme
      when: { organisation: acme }
      targets: { P3: { resolution: 1h } }
    - name: partners
      when: { domain: [partner.org] }
      targets: { P3: { resolution: 2h } }
    - name: standard
      targets: { P3: { resolution: 3d } }
organisations:
  acme: [acme.com, acme.co.uk]
"#;
    let cfg: SlaConfig = serde_yaml_ng::from_str(yaml).expect("config");
    let policy = |requester: Option<&str>| {
        let t = snapshot("P3", "incident", None, requester);
        cfg.match_policy(&t)
            .map(|i| cfg.sla.policies[i].name.clone())
    };
    assert_eq!(
        policy(Some("Wile <wile@ACME.com>")).as_deref(),
        Some("acme")
    );
    assert_eq!(
        policy(Some("road@runner.acme.co.uk")).as_deref(),
        Some("acme")
    );
    assert_eq!(
        policy(Some("p@it.partner.org")).as_deref(),
        Some("partners")
    );
    assert_eq!(
        policy(Some("x@notpartner.org")).as_deref(),
        Some("standard")
    );
    assert_eq!(policy(Some("No Email")).as_deref(), Some("standard"));
    assert_eq!(policy(None).as_deref(), Some("standard"));
}

#[test]
fn pause_statuses_per_clock() {
    let cfg: SlaConfig = serde_yaml_ng::from_str(
        "sla:\n  pause_on: { first_response: [pending], resolution: [pending, waiting] }\n",
    )
    .expect("config");
    assert!(cfg.pauses(None, ClockKind::FirstResponse, "pending"));
    assert!(!cfg.pauses(None, ClockKind::FirstResponse, "waiting"));
    assert!(cfg.pauses(None, ClockKind::Resolution, "waiting"));
    // Left out: the default.
    assert!(cfg.pauses(None, ClockKind::NextResponse, "pending"));
    assert!(!cfg.pauses(None, ClockKind::NextResponse, "waiting"));
}
