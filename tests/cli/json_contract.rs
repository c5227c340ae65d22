//! The `--format json` documents are a contract (README, "Machine-readable output"): each
//! command's output on one seeded desk is a snapshot, so any change to a key, a value's form or
//! the document's shape shows up in review. IDs are seeded (`TIX_SEED`) and times pinned
//! (`TIX_NOW`), so nothing is redacted.

use crate::common::{Run, TestEnv};

const DANA: &str = "Dana Requester <dana@example.com>";

/// A desk on the default config: a P1 ticket with a reply, a note and a re-prioritisation, a
/// resolved and rated P3, and an escalation level.
fn desk() -> (TestEnv, String, String) {
    let mut env = TestEnv::empty();
    env.seed = Some(42);
    env.now = "2026-03-02T08:00:00Z".into();
    env.tix(&["init"]).success();
    let config = env.read(".tix/config.yaml").replacen(
        "escalation: {}\n",
        "escalation:\n  levels:\n    - { name: late, clock: resolution, at: breach, actions: [{ add_tag: late }] }\n",
        1,
    );
    env.write(".tix/config.yaml", &config);
    // A pinned date, so that every commit hash after it is the same on every run.
    let commit = env
        .git_cmd_in(&env.root, &["commit", "-qam", "escalation"])
        .env("GIT_AUTHOR_DATE", "2026-03-02T08:30:00Z")
        .env("GIT_COMMITTER_DATE", "2026-03-02T08:30:00Z")
        .status()
        .expect("git commit");
    assert!(commit.success());
    env.now = "2026-03-02T09:00:00Z".into();
    let urgent = env.new_ticket(
        "Mail server down",
        &[
            "--priority",
            "P2",
            "--actor",
            DANA,
            "--requester",
            DANA,
            "--category",
            "network",
        ],
    );
    env.now = "2026-03-02T09:10:00Z".into();
    env.tix(&["comment", &urgent, "-m", "Looking into it"])
        .success();
    env.tix(&["comment", &urgent, "--internal", "-m", "Disk full on mx1"])
        .success();
    env.now = "2026-03-02T10:00:00Z".into();
    env.tix(&[
        "edit",
        &urgent,
        "--set",
        "priority=P1",
        "--set",
        "tags=mail",
    ])
    .success();
    let done = env.new_ticket("Toner", &["--requester", DANA, "--message", "Ordered."]);
    env.now = "2026-03-02T11:00:00Z".into();
    env.tix(&["resolve", &done, "--resolution", "Delivered"])
        .success();
    env.tix(&["rate", &done, "4", "-m", "Fast", "--actor", DANA])
        .success();
    env.now = "2026-03-02T16:00:00Z".into();
    (env, urgent, done)
}

fn json(env: &TestEnv, args: &[&str]) -> String {
    let run: Run = env.tix(args);
    assert!(run.code == 0 || run.code == 1, "{run}");
    serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run}"));
    run.stdout
}

#[test]
fn every_json_document_keeps_its_shape() {
    let (env, urgent, done) = desk();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("list", vec!["list", "--all", "--format", "json"]),
        ("show", vec!["show", &urgent, "--format", "json"]),
        ("log", vec!["log", &urgent, "--format", "json"]),
        ("sla", vec!["sla", "--all", "--format", "json"]),
        ("sla_check", vec!["sla", "check", "--format", "json"]),
        (
            "sla_explain",
            vec!["sla", "explain", &urgent, "--format", "json"],
        ),
        (
            "calendar",
            vec![
                "calendar",
                "office",
                "--add",
                "2026-03-06T16:00:00Z",
                "4h",
                "--format",
                "json",
            ],
        ),
        (
            "escalate",
            vec!["escalate", "--dry-run", "--format", "json"],
        ),
        ("show_resolved", vec!["show", &done, "--format", "json"]),
        (
            "report",
            vec![
                "report",
                "--since",
                "2026-03-02",
                "--until",
                "2026-03-03",
                "--by",
                "priority",
                "--format",
                "json",
            ],
        ),
        (
            "problems",
            vec!["problems", "--min", "2", "--format", "json"],
        ),
    ];
    for (name, args) in cases {
        insta::assert_snapshot!(format!("json_{name}"), json(&env, &args));
    }
}
