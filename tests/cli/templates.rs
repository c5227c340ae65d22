//! Request templates: defaults, typed fields checked on every write, child tasks in one commit.

use crate::common::TestEnv;

const ONBOARDING: &str = r#"about: A new employee's first day
type: request
title: "Onboarding: {employee}"
description: |
  {employee} starts on {start_date}.
tags: [onboarding]
fields:
  employee: {type: text, required: true}
  start_date: {type: date, required: true}
  laptop: {type: choice, values: [mac, windows, linux], default: linux}
  monitors: {type: number}
tasks:
  - title: "Account for {employee}"
    team: identity
  - title: "{laptop} laptop for {employee}"
    team: hardware
  - title: "Door access for {employee}"
    assignee: Alice Agent
    priority: P2
"#;

fn desk() -> TestEnv {
    let env = TestEnv::new();
    let config = env.read(".tix/config.yaml");
    let config = config
        .replacen(
            "agents:\n",
            "agents:\n  - name: Bob\n    email: bob@example.com\n    teams: [identity]\n  - name: Carol\n    email: carol@example.com\n    teams: [hardware]\n",
            1,
        )
        .replacen(
            "teams: {}\n",
            "teams:\n  identity: {lead: Bob, assignment: round-robin}\n  hardware: {lead: Carol, assignment: round-robin}\n",
            1,
        );
    env.write(".tix/config.yaml", &config);
    std::fs::create_dir_all(env.root.join(".tix/templates")).expect("dir");
    env.write(".tix/templates/onboarding.yaml", ONBOARDING);
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "onboarding template"]);
    env
}

fn json(env: &TestEnv, id: &str) -> serde_json::Value {
    let run = env.tix(&["show", id, "--format", "json"]);
    run.success();
    serde_json::from_str(&run.stdout).expect("json")
}

#[test]
fn a_template_opens_the_ticket_and_a_child_task_per_team_in_one_commit() {
    let env = desk();
    let before = env.commit_count();
    let run = env.tix(&[
        "new",
        "--template",
        "onboarding",
        "--field",
        "employee=Bob Jones",
        "--field",
        "start_date=2026-12-14",
        "--requester",
        "hr@example.com",
    ]);
    run.success();
    assert_eq!(env.commit_count(), before + 1, "{run}");
    let parent = run.stdout.trim().to_string();
    let p = json(&env, &parent);
    assert_eq!(p["ticket"]["title"], "Onboarding: Bob Jones");
    assert_eq!(p["ticket"]["type"], "request");
    assert_eq!(p["ticket"]["template"], "onboarding");
    assert_eq!(p["ticket"]["tags"], serde_json::json!(["onboarding"]));
    assert_eq!(p["ticket"]["fields"]["laptop"], "linux", "the default");
    assert_eq!(
        p["ticket"]["description"],
        "Bob Jones starts on 2026-12-14."
    );
    let children = p["ticket"]["links"]["children"]
        .as_array()
        .expect("children")
        .clone();
    assert_eq!(children.len(), 3);
    let mut owners = Vec::new();
    for child in &children {
        let c = json(&env, child.as_str().expect("id"));
        assert_eq!(c["ticket"]["links"]["parent"], serde_json::json!([parent]));
        assert_eq!(c["ticket"]["requester"], "hr@example.com");
        assert_eq!(c["ticket"]["type"], "request");
        // Each child has its own clocks.
        assert!(
            c["sla"]["clocks"].as_array().is_some_and(|c| !c.is_empty()),
            "{c}"
        );
        owners.push((
            c["ticket"]["title"].as_str().expect("title").to_string(),
            c["ticket"]["assignee"].as_str().unwrap_or("-").to_string(),
            c["ticket"]["priority"]
                .as_str()
                .expect("priority")
                .to_string(),
        ));
    }
    owners.sort();
    assert_eq!(
        owners,
        [
            ("Account for Bob Jones".into(), "Bob".into(), "P3".into()),
            (
                "Door access for Bob Jones".into(),
                "Alice Agent".into(),
                "P2".into()
            ),
            (
                "linux laptop for Bob Jones".into(),
                "Carol".into(),
                "P3".into()
            ),
        ]
    );
    assert!(run.stderr.contains("with 3 child tasks"), "{run}");
    // The parent waits for its children.
    let resolve = env.tix(&["resolve", &parent, "-r", "Done"]);
    assert_eq!(resolve.code, 2, "{resolve}");
}

#[test]
fn typed_fields_are_checked_at_creation_and_on_every_write() {
    let env = desk();
    let before = env.commit_count();
    for (args, message) in [
        (
            vec!["--field", "employee=Bob"],
            "fields.start_date is required by the template 'onboarding'",
        ),
        (
            vec![
                "--field",
                "employee=Bob",
                "--field",
                "start_date=14.12.2026",
            ],
            "fields.start_date '14.12.2026' is not a date, YYYY-MM-DD",
        ),
        (
            vec![
                "--field",
                "employee=Bob",
                "--field",
                "start_date=2026-12-14",
                "--field",
                "laptop=dos",
            ],
            "fields.laptop 'dos' is not one of mac, windows, linux",
        ),
        (
            vec![
                "--field",
                "employee=Bob",
                "--field",
                "start_date=2026-12-14",
                "--field",
                "monitors=two",
            ],
            "fields.monitors 'two' is not a number",
        ),
    ] {
        let mut all = vec!["new", "--template", "onboarding"];
        all.extend(args);
        let run = env.tix(&all);
        assert_eq!(run.code, 2, "{run}");
        assert!(run.stderr.contains(message), "{run}");
        assert_eq!(env.commit_count(), before);
        assert!(env.porcelain().is_empty());
    }
    let unknown = env.tix(&["new", "--template", "offboarding"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no template 'offboarding'")
            && unknown.stderr.contains("templates: onboarding"),
        "{unknown}"
    );

    let id = env
        .tix(&[
            "new",
            "--template",
            "onboarding",
            "--title",
            "Bob",
            "--field",
            "employee=Bob",
            "--field",
            "start_date=2026-12-14",
        ])
        .stdout
        .trim()
        .to_string();
    let before = env.commit_count();
    for set in ["fields.start_date=", "fields.laptop=dos"] {
        let run = env.tix(&["edit", &id, "--set", set]);
        assert_eq!(run.code, 2, "{set}: {run}");
        assert_eq!(env.commit_count(), before);
    }
    env.tix(&["edit", &id, "--set", "fields.laptop=mac"])
        .success();
}

#[test]
fn a_broken_template_is_named_with_its_line_and_template_list_teaches() {
    let env = desk();
    let list = env.tix(&["template", "list"]);
    list.success();
    assert!(
        list.stdout
            .contains("onboarding  A new employee's first day (+3 child tasks)"),
        "{list}"
    );
    let show = env.tix(&["template", "show", "onboarding", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&show.stdout).expect("json");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["template"]["fields"][0]["name"], "employee");
    env.write(
        ".tix/templates/onboarding.yaml",
        &ONBOARDING.replace("type: number", "type: integer"),
    );
    let run = env.tix(&["list"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains(
            ".tix/templates/onboarding.yaml:11: fields.monitors: unknown field type 'integer'"
        ),
        "{run}"
    );
}
