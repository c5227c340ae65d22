//! `tix export`: tickets as JSON, JSON Lines and CSV, with their history.

use serde_json::{Value, json};

use crate::common::{Run, TestEnv};

const DANA: &str = "Dana Requester <dana@example.com>";

fn at(env: &TestEnv, when: &str, args: &[&str]) -> Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env("TIX_NOW", when);
    Run::from(cmd.output().expect("run tix"))
}

/// A seeded desk: a VPN ticket Dana opened, answered, noted, re-prioritised, resolved and
/// rated; and an open printer ticket.
fn desk() -> (TestEnv, String, String) {
    let mut env = TestEnv::empty();
    env.seed = Some(3);
    env.now = "2026-03-01T08:00:00Z".into();
    env.tix(&["init"]).success();
    let new = |when: &str, args: &[&str]| {
        let run = at(&env, when, args);
        run.success();
        run.stdout.trim().to_string()
    };
    let vpn = new(
        "2026-03-02T09:00:00Z",
        &[
            "new",
            "--title",
            "VPN, then \"timeout\"",
            "--actor",
            DANA,
            "--requester",
            DANA,
            "--description",
            "Line one\nline two",
        ],
    );
    at(
        &env,
        "2026-03-02T09:20:00Z",
        &["comment", &vpn, "-m", "Which client?"],
    )
    .success();
    at(
        &env,
        "2026-03-02T09:25:00Z",
        &["comment", &vpn, "--internal", "-m", "Known issue"],
    )
    .success();
    at(
        &env,
        "2026-03-02T10:00:00Z",
        &[
            "edit",
            &vpn,
            "--set",
            "priority=P2",
            "--set",
            "tags=vpn,remote",
        ],
    )
    .success();
    at(
        &env,
        "2026-03-02T11:00:00Z",
        &["resolve", &vpn, "--resolution", "New profile"],
    )
    .success();
    at(
        &env,
        "2026-03-02T12:00:00Z",
        &["rate", &vpn, "4", "--actor", DANA],
    )
    .success();
    let printer = new(
        "2026-03-03T09:00:00Z",
        &["new", "--title", "Printer", "--field", "room=B12"],
    );
    (env, vpn, printer)
}

fn json_of(run: &Run) -> Value {
    run.success();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run}"))
}

#[test]
fn the_history_of_a_ticket_is_exported_in_order_with_comment_bodies() {
    let (env, vpn, printer) = desk();
    let doc = json_of(&env.tix(&["export", "--with-history"]));
    assert_eq!(doc["version"], 1);
    let tickets = doc["tickets"].as_array().expect("tickets");
    let ids: Vec<&str> = tickets.iter().filter_map(|t| t["id"].as_str()).collect();
    let mut expected = vec![vpn.as_str(), printer.as_str()];
    expected.sort();
    assert_eq!(
        ids, expected,
        "every ticket, finished ones included, in ID order"
    );
    let t = tickets
        .iter()
        .find(|t| t["id"] == vpn.as_str())
        .expect("vpn");
    assert_eq!(t["status"], "resolved");
    assert_eq!(t["created_at"], "2026-03-02T09:00:00Z");
    assert_eq!(t["created_by"], DANA);
    assert_eq!(
        t["history"],
        json!([
            {"at": "2026-03-02T09:00:00Z", "actor": DANA, "kind": "created", "ticket": {
                "title": "VPN, then \"timeout\"", "type": "incident", "status": "new",
                "priority": "P3", "category": null, "requester": DANA, "assignee": null,
                "team": null, "tags": []}},
            {"at": "2026-03-02T09:20:00Z", "actor": "Alice Agent <alice@example.com>",
             "kind": "comment", "author": "Alice Agent <alice@example.com>", "internal": false,
             "body": "Which client?"},
            {"at": "2026-03-02T09:25:00Z", "actor": "Alice Agent <alice@example.com>",
             "kind": "comment", "author": "Alice Agent <alice@example.com>", "internal": true,
             "body": "Known issue"},
            {"at": "2026-03-02T10:00:00Z", "actor": "Alice Agent <alice@example.com>",
             "kind": "priority", "from": "P3", "to": "P2"},
            {"at": "2026-03-02T10:00:00Z", "actor": "Alice Agent <alice@example.com>",
             "kind": "field", "field": "tags", "from": null, "to": "vpn, remote"},
            {"at": "2026-03-02T11:00:00Z", "actor": "Alice Agent <alice@example.com>",
             "kind": "status", "from": "new", "to": "resolved"},
            {"at": "2026-03-02T12:00:00Z", "actor": DANA, "kind": "rated", "score": 4}
        ])
    );
    // Without --with-history, no history key; --open leaves the resolved ticket out.
    let open = json_of(&env.tix(&["export", "--open"]));
    let only = open["tickets"].as_array().expect("tickets");
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["id"], printer.as_str());
    assert_eq!(only[0]["history"], Value::Null);
    assert_eq!(only[0]["fields"], json!({"room": "B12"}));
}

#[test]
fn json_lines_hold_one_record_each_and_csv_has_the_flat_columns() {
    let (env, vpn, _) = desk();
    let lines = env.tix(&["export", "--format", "jsonl", "--with-history"]);
    lines.success();
    let records: Vec<Value> = lines
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON record per line"))
        .collect();
    assert_eq!(records.len(), 2);
    let csv = env.tix(&["export", "--format", "csv"]);
    csv.success();
    let mut rows = csv.stdout.lines();
    assert_eq!(
        rows.next(),
        Some(
            "id,title,type,status,priority,impact,urgency,category,requester,assignee,team,tags,due,asset,template,kb,description,resolution,created_at,created_by,resolved_at,closed_at,rating,comment_count,field.room"
        )
    );
    let vpn_row = format!(
        "{vpn},\"VPN, then \"\"timeout\"\"\",incident,resolved,P2,,,,{DANA},,,vpn;remote,,,,,\"Line one\nline two\",New profile,2026-03-02T09:00:00Z,{DANA},2026-03-02T11:00:00Z,,4,2,"
    );
    assert!(csv.stdout.contains(&vpn_row), "{csv}");
}

#[test]
fn history_in_csv_and_unknown_filter_values_are_refused() {
    let (env, _, _) = desk();
    let run = env.tix(&["export", "--format", "csv", "--with-history"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.error_line(),
        "error: --with-history needs --format json or jsonl: a CSV row has no room for a history"
    );
    let run = env.tix(&["export", "--status", "frozen"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.error_line(),
        "error: --status: unknown status 'frozen'; known statuses: new, open, in_progress, pending, resolved, closed"
    );
}
