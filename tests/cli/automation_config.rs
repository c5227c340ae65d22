//! Bad automation config: refused at load with `.tix/config.yaml:LINE` and a hint, exit 2,
//! nothing written; `tix check` reports the same (exit 1).

use crate::common::TestEnv;

/// Writes `section` in place of `key` in the config (uncommitted) and checks that `tix new`
/// and `tix check` fail with exit 2 on the line holding `marker`, writing nothing.
fn rejected(key: &str, section: &str, marker: &str, message: &str) {
    rejected_with(&[(key, section)], marker, message);
}

fn rejected_with(replacements: &[(&str, &str)], marker: &str, message: &str) {
    let env = TestEnv::new();
    let mut text = env.read(".tix/config.yaml");
    for (key, section) in replacements {
        assert!(text.contains(key), "no '{key}'");
        text = text.replacen(key, section, 1);
    }
    env.write(".tix/config.yaml", &text);
    let line = text
        .lines()
        .position(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("no '{marker}'"))
        + 1;
    let head = env.head();
    let status = env.porcelain();
    let run = env.tix(&["new", "--title", "x"]);
    env.assert_rejected(&run, 2, &head, &status);
    let prefix = format!("error: .tix/config.yaml:{line}");
    assert!(run.stderr.starts_with(&prefix), "want {prefix}: {run}");
    assert!(run.stderr.contains(message), "want '{message}': {run}");
    assert!(
        run.stderr.contains("hint: ") || message.contains("regex"),
        "{run}"
    );
    // `tix check` reports the whole configuration too (exit 1: it found invalid data).
    let check = env.tix(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    assert!(
        check.stdout.contains(&format!(".tix/config.yaml:{line}")),
        "{check}"
    );
}

#[test]
fn rule_with_unknown_field() {
    rejected(
        "rules: []\n",
        "rules:\n  - name: r\n    when: [{ field: colour, equals: red }]\n    then: [{ add_tag: x }]\n",
        "field: colour",
        "unknown field 'colour'",
    );
}

#[test]
fn rule_with_unknown_status() {
    rejected(
        "rules: []\n",
        "rules:\n  - name: r\n    when:\n      - { field: status, equals: done }\n    then: [{ add_tag: x }]\n",
        "equals: done",
        "unknown status 'done'",
    );
}

#[test]
fn rule_with_unknown_agent() {
    rejected(
        "rules: []\n",
        "rules:\n  - name: r\n    then:\n      - { assign: mallory }\n",
        "assign: mallory",
        "unknown agent 'mallory'",
    );
}

#[test]
fn rule_with_unknown_team() {
    rejected(
        "rules: []\n",
        "rules:\n  - name: r\n    then:\n      - { assign_team: web }\n",
        "assign_team: web",
        "unknown team 'web'",
    );
}

#[test]
fn rule_with_invalid_regex() {
    rejected(
        "rules: []\n",
        "rules:\n  - name: r\n    when:\n      - { field: title, matches: \"print(er\" }\n    then: [{ add_tag: x }]\n",
        "print(er",
        "invalid regex 'print(er'",
    );
}

#[test]
fn matrix_missing_a_cell() {
    rejected(
        "    low:    { high: P3, medium: P4, low: P4 }",
        "    low:    { high: P3, medium: P4 }",
        "low:    { high: P3",
        "priority_matrix.matrix.low has no cell for urgency 'low'",
    );
}

#[test]
fn agent_in_unknown_team_and_lead_not_an_agent() {
    rejected(
        "    email: \"alice@example.com\"\n",
        "    email: \"alice@example.com\"\n    teams: [desk]\n",
        "teams: [desk]",
        "agent 'Alice Agent' is in unknown team 'desk'",
    );
    rejected(
        "teams: {}\n",
        "teams:\n  desktop:\n    lead: zoe\n",
        "lead: zoe",
        "the lead of team 'desktop', 'zoe', is not an agent",
    );
}

/// A hook whose program cannot run is reported by `tix check` (file, line, the fix) and when it
/// runs; it does not stop commands that never run it. It used to make every command, even
/// `tix list`, exit 2.
#[test]
fn hook_that_is_not_executable() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.root.join("scripts")).expect("dir");
    env.write("scripts/notify.sh", "#!/bin/sh\nexit 0\n");
    let text = env.read(".tix/config.yaml").replacen(
        "hooks: {}\n",
        "hooks:\n  chat:\n    command: [./scripts/notify.sh]\n",
        1,
    );
    env.write(".tix/config.yaml", &text);
    env.git(&["commit", "-qam", "a hook"]);
    let line = text
        .lines()
        .position(|l| l.contains("command: [./scripts/notify.sh]"))
        .expect("line")
        + 1;
    env.tix(&["list"]).success();
    env.new_ticket("x", &[]);
    let check = env.tix(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    assert!(
        check.stdout.contains(&format!(
            ".tix/config.yaml:{line}: hook 'chat': ./scripts/notify.sh is not executable"
        )),
        "{check}"
    );
    assert!(check.stdout.contains("chmod +x"), "{check}");
}

#[test]
fn notify_with_unknown_hook_and_escalation_with_unknown_status() {
    rejected(
        "rules: []\n",
        "rules:\n  - name: r\n    then:\n      - { notify: { to: assignee, via: pager } }\n",
        "via: pager",
        "notify needs a hook, and no hooks are configured",
    );
    rejected(
        "escalation: {}\n",
        "escalation:\n  timed:\n    - name: stale\n      when:\n        status: [waiting]\n      after: 5d\n      actions: [{ add_tag: stale }]\n",
        "status: [waiting]",
        "timed rule 'stale' names unknown status 'waiting'",
    );
}

#[test]
fn notify_via_an_unknown_hook() {
    rejected_with(
        &[
            ("hooks: {}\n", "hooks:\n  chat: { command: [\"true\"] }\n"),
            (
                "rules: []\n",
                "rules:\n  - name: r\n    then:\n      - { notify: { to: team_lead, via: pager } }\n",
            ),
        ],
        "via: pager",
        "unknown hook 'pager'",
    );
}
