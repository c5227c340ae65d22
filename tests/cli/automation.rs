//! Priority matrix, event rules, agents and teams, auto-assignment: end to end through the binary,
//! one test per strategy and route. The decisions themselves are unit-tested with plain values in
//! src/domain/{matrix,rules,assignment}.rs and src/automation/{assign,change,notify}.rs (e.g.
//! round-robin fairness over 30 tickets, nobody available).

use crate::common::{Run, TestEnv};

/// Replaces `key: {}` / `key: []` / `key: true` lines of the default config and commits it.
pub fn configure(env: &TestEnv, replacements: &[(&str, &str)]) {
    let mut text = env.read(".tix/config.yaml");
    for (from, to) in replacements {
        assert!(text.contains(from), "config has no '{from}'");
        text = text.replacen(from, to, 1);
    }
    env.write(".tix/config.yaml", &text);
    env.git(&["add", ".tix/config.yaml"]);
    env.git(&["commit", "-qm", "configure automation"]);
}

pub const AGENTS: &str = "agents:
  - { name: alice, email: alice@example.com, teams: [desktop, triage], skills: [network] }
  - { name: bob, email: bob@example.com, teams: [desktop], skills: [hardware] }
  - { name: carol, email: carol@example.com, teams: [desktop] }
";

pub fn teams(strategy: &str) -> String {
    format!(
        "teams:\n  desktop: {{ lead: alice, assignment: {strategy} }}\n  triage: {{ lead: alice }}\n"
    )
}

fn field(env: &TestEnv, id: &str, key: &str) -> serde_json::Value {
    let run = env.tix(&["show", id, "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{run}"));
    json["ticket"][key].clone()
}

fn last_message(env: &TestEnv) -> String {
    env.git(&["log", "-1", "--format=%B"])
}

fn at(env: &TestEnv, when: &str, args: &[&str]) -> Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env("TIX_NOW", when);
    Run::from(cmd.output().expect("run tix"))
}

#[test]
fn matrix_sets_priority_and_explicit_priority_is_an_override() {
    let env = TestEnv::new();
    let id = env.new_ticket("Mail down", &["--impact", "high", "--urgency", "high"]);
    assert_eq!(field(&env, &id, "priority"), "P1");
    assert_eq!(field(&env, &id, "impact"), "high");
    assert!(!last_message(&env).contains("Tix-Priority-Override"));

    let id = env.new_ticket(
        "Mail slow",
        &["--impact", "high", "--urgency", "high", "--priority", "P2"],
    );
    assert_eq!(field(&env, &id, "priority"), "P2");
    assert!(
        last_message(&env).contains("Tix-Priority-Override: P2 (matrix said P1)"),
        "{}",
        last_message(&env)
    );
    let show = env.tix(&["show", &id]);
    assert!(
        show.stdout.contains("P2 (override; matrix says P1)"),
        "{show}"
    );

    // Changing impact recomputes the priority.
    env.tix(&["edit", &id, "--set", "impact=low"]).success();
    assert_eq!(field(&env, &id, "priority"), "P3");

    let run = env.tix(&[
        "new",
        "--title",
        "x",
        "--impact",
        "huge",
        "--urgency",
        "high",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr, "error: unknown impact 'huge'; known values: high, medium, low\n",
        "{run}"
    );
}

#[test]
fn rules_route_by_keyword_in_the_same_commit_with_trailer() {
    let env = TestEnv::new();
    configure(
        &env,
        &[
            (
                "agents:\n  - name: \"Alice Agent\"\n    email: \"alice@example.com\"\n",
                AGENTS,
            ),
            ("teams: {}\n", &teams("round-robin")),
            (
                "rules: []\n",
                "rules:
  - name: printers
    on: [create]
    when: [{ field: text, matches: \"printer|toner\" }]
    then: [{ set: { category: hardware } }, { assign_team: desktop }]
  - name: vip
    when: [{ field: requester, one_of: [ceo@example.com] }]
    then: [{ add_tag: vip }, { set_priority: P1 }, { comment: VIP ticket }]
    stop: true
  - name: never-after-stop
    when: [{ field: requester, contains: ceo }]
    then: [{ add_tag: late }]
",
            ),
        ],
    );
    let before = env.commit_count();
    let id = env.new_ticket(
        "Need toner",
        &[
            "--description",
            "Floor 2 PRINTER",
            "--requester",
            "ceo@example.com",
        ],
    );
    assert_eq!(env.commit_count(), before + 1, "rules add no commit");
    assert_eq!(field(&env, &id, "category"), "hardware");
    assert_eq!(field(&env, &id, "team"), "desktop");
    assert_eq!(field(&env, &id, "assignee"), "alice");
    assert_eq!(field(&env, &id, "priority"), "P1");
    assert_eq!(field(&env, &id, "tags"), serde_json::json!(["vip"]));
    assert_eq!(field(&env, &id, "comments")[0]["author"], "tix-rules");
    assert_eq!(field(&env, &id, "comments")[0]["internal"], true);
    let msg = last_message(&env);
    assert!(msg.contains("Tix-Rules: printers, vip"), "{msg}");
    assert!(msg.contains("Rules fired: printers, vip"), "{msg}");
    assert_eq!(env.porcelain(), "");

    // `on: [create]` rules do not run on updates; others do.
    let id2 = env.new_ticket("VPN", &[]);
    env.tix(&["edit", &id2, "--set", "title=printer jam"])
        .success();
    assert_eq!(field(&env, &id2, "category"), serde_json::Value::Null);
}

#[test]
fn changed_condition_and_tag_condition_on_update() {
    let env = TestEnv::new();
    configure(
        &env,
        &[(
            "rules: []\n",
            "rules:
  - name: reopened
    on: [update]
    when: [{ field: status, changed: true, from: resolved, to: open }]
    then: [{ add_tag: reopened }]
  - name: vip-up
    when: [{ tag: vip }, { field: priority, equals: P3 }]
    then: [{ raise_priority: 2 }]
  - name: laptops
    on: [create]
    when: [{ field: title, contains: LAPTOP }, { field: fields.site, equals: Berlin }]
    then: [{ assign: \"Alice Agent\" }, { set: { due: 2026-12-01, fields.kit: spare } }]
",
        )],
    );
    let laptop = env.new_ticket("Laptop broken", &["--field", "site=Berlin"]);
    assert_eq!(field(&env, &laptop, "assignee"), "Alice Agent");
    assert_eq!(field(&env, &laptop, "due"), "2026-12-01");
    assert_eq!(field(&env, &laptop, "fields")["kit"], "spare");
    let other = env.new_ticket("Laptop broken", &["--field", "site=Paris"]);
    assert_eq!(field(&env, &other, "assignee"), serde_json::Value::Null);
    let id = env.new_ticket("Laptop", &[]);
    env.tix(&["resolve", &id, "--resolution", "done"]).success();
    env.tix(&["reopen", &id]).success();
    assert_eq!(field(&env, &id, "tags"), serde_json::json!(["reopened"]));
    assert!(last_message(&env).contains("Tix-Rules: reopened"));
    env.tix(&["edit", &id, "--set", "tags=vip"]).success();
    assert_eq!(field(&env, &id, "priority"), "P1");
}

#[test]
fn assign_refuses_unknown_agents_unless_free_form() {
    let env = TestEnv::new();
    let id = env.new_ticket("Laptop", &[]);
    // The generated config allows free-form names.
    env.tix(&["assign", &id, "bob"]).success();
    configure(
        &env,
        &[("free_form_assignees: true", "free_form_assignees: false")],
    );
    let head = env.head();
    let run = env.tix(&["assign", &id, "mallory"]);
    env.assert_rejected(&run, 2, &head, "");
    assert_eq!(
        run.stderr,
        "error: unknown agent 'mallory'; known agents: Alice Agent\n\
         hint: add them under agents: in .tix/config.yaml, or set free_form_assignees: true\n",
        "{run}"
    );
    env.tix(&["assign", &id, "alice@example.com"]).success();
}

fn desk(strategy: &str) -> TestEnv {
    let env = TestEnv::new();
    configure(
        &env,
        &[
            (
                "agents:\n  - name: \"Alice Agent\"\n    email: \"alice@example.com\"\n",
                AGENTS,
            ),
            ("teams: {}\n", &teams(strategy)),
            (
                "rules: []\n",
                "rules:\n  - name: desk\n    when: [{ field: category, one_of: [hardware, network] }]\n    then: [{ assign_team: desktop }]\n",
            ),
        ],
    );
    env
}

#[test]
fn round_robin_rotates_exactly_in_a_burst_within_one_second() {
    let env = desk("round-robin");
    let mut order = Vec::new();
    // Every commit has the same date, as in a script or import: only commit order can tell.
    for _ in 0..12 {
        let run = at(
            &env,
            "2026-03-02T09:00:00Z",
            &["new", "--title", "PC", "--category", "hardware"],
        );
        run.success();
        let id = run.stdout.trim().to_string();
        order.push(
            field(&env, &id, "assignee")
                .as_str()
                .unwrap_or("-")
                .to_string(),
        );
    }
    let expected: Vec<&str> = ["alice", "bob", "carol"]
        .iter()
        .copied()
        .cycle()
        .take(12)
        .collect();
    assert_eq!(order, expected);
}

#[test]
fn assign_auto_explains_round_robin_and_skips_away_agents() {
    let env = desk("round-robin");
    let a = env.new_ticket("PC", &["--category", "hardware"]);
    assert_eq!(field(&env, &a, "assignee"), "alice");
    let text = env
        .read(".tix/config.yaml")
        .replace("skills: [hardware] }", "skills: [hardware], away: true }");
    env.write(".tix/config.yaml", &text);
    env.git(&["commit", "-qam", "bob away"]);
    // Landing on a team (here with --team) auto-assigns too; bob is away.
    let run = at(
        &env,
        "2026-03-02T09:01:00Z",
        &["new", "--title", "PC", "--team", "desktop"],
    );
    let b = run.stdout.trim().to_string();
    assert_eq!(
        run.stderr,
        format!("{b}: assigned to carol (round-robin in desktop: after alice)\n"),
        "{run}"
    );
    assert_eq!(field(&env, &b, "assignee"), "carol");
    assert!(
        last_message(&env).contains("- assigned to carol (round-robin in desktop: after alice)")
    );
    let run = reassign(&env, &b);
    assert_eq!(
        run.stderr,
        format!("Assigned {b} to carol (round-robin in desktop: after alice)\n"),
        "{run}"
    );
}

/// `tix assign ID --unassign`, then `tix assign ID --auto`.
fn reassign(env: &TestEnv, id: &str) -> Run {
    env.tix(&["assign", id, "--unassign"]).success();
    let run = env.tix(&["assign", id, "--auto"]);
    run.success();
    run
}

#[test]
fn least_loaded_weights_priorities() {
    let env = desk("least-loaded");
    // Hand alice a P1 (weight 4) and bob a P4 (weight 1): carol (0) gets the next one, then bob.
    env.new_ticket("x", &["--assignee", "alice", "--priority", "P1"]);
    env.new_ticket("y", &["--assignee", "bob", "--priority", "P4"]);
    let c = env.new_ticket("PC", &["--category", "hardware", "--priority", "P4"]);
    assert_eq!(field(&env, &c, "assignee"), "carol");
    let d = env.new_ticket("PC", &["--team", "desktop"]);
    assert_eq!(field(&env, &d, "assignee"), "bob");
    let head = env.head();
    let run = env.tix(&["edit", &d, "--set", "team=desktp"]);
    env.assert_rejected(&run, 2, &head, "");
    assert_eq!(
        run.stderr,
        "error: unknown team 'desktp'; known teams: desktop, triage\n\
         hint: add it under teams: in .tix/config.yaml\n",
        "{run}"
    );
    let run = reassign(&env, &d);
    assert_eq!(
        run.stderr,
        format!("Assigned {d} to bob (least-loaded in desktop: load 1)\n"),
        "{run}"
    );
}

#[test]
fn skills_pick_matching_agents_then_fall_back() {
    let env = desk("skills");
    let a = env.new_ticket("PC", &["--category", "hardware"]);
    assert_eq!(field(&env, &a, "assignee"), "bob");
    let b = env.new_ticket("WiFi", &["--category", "network"]);
    assert_eq!(field(&env, &b, "assignee"), "alice");
    let c = env.new_ticket("Other", &["--team", "desktop", "--category", "software"]);
    let run = reassign(&env, &c);
    assert_eq!(
        run.stderr,
        format!(
            "Assigned {c} to carol (skills in desktop: nobody available has skill software, so least-loaded: load 0)\n"
        ),
        "{run}"
    );
}
