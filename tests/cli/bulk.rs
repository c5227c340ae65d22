//! Changing several tickets at once: IDs or --query, one commit, all or nothing, --dry-run.

use crate::common::TestEnv;

fn desk() -> (TestEnv, Vec<String>) {
    let env = TestEnv::new();
    let ids = vec![
        env.new_ticket("Outage: mail", &["--tag", "outage-42"]),
        env.new_ticket("Outage: chat", &["--tag", "outage-42"]),
        env.new_ticket("Outage: wiki", &["--tag", "outage-42", "--priority", "P2"]),
        env.new_ticket("Unrelated printer", &[]),
    ];
    (env, ids)
}

fn field(env: &TestEnv, id: &str, name: &str) -> String {
    let run = env.tix(&["show", id, "--format", "json"]);
    run.success();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    json["ticket"][name].as_str().unwrap_or("-").to_string()
}

#[test]
fn several_ids_change_in_one_commit() {
    let (env, ids) = desk();
    let before = env.commit_count();
    let run = env.tix(&[
        "resolve",
        &ids[0],
        &ids[1],
        "--resolution",
        "Restarted the relay",
    ]);
    run.success();
    assert_eq!(env.commit_count(), before + 1, "{run}");
    for id in &ids[..2] {
        assert_eq!(field(&env, id, "status"), "resolved");
        assert!(
            run.stderr.contains(&format!("Resolved {id} (resolved)")),
            "{run}"
        );
    }
    assert_eq!(field(&env, &ids[2], "status"), "new");
    let message = env.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with(&format!("resolve 2 tickets: {}, {}\n", ids[0], ids[1])),
        "{message}"
    );
    assert!(message.contains(&format!("Tix-Ticket: {}\nTix-Ticket: {}\n", ids[0], ids[1])));
    // One ticket keeps the one-ticket commit of before.
    env.tix(&["start", &ids[3]]).success();
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert!(
        subject.starts_with(&format!("{} start: Unrelated printer", ids[3])),
        "{subject}"
    );
}

#[test]
fn a_query_selects_the_tickets_and_dry_run_writes_nothing() {
    let (env, ids) = desk();
    let head = env.head();
    let run = env.tix(&[
        "assign",
        "--query",
        "tag:outage-42",
        "--to",
        "bob",
        "--dry-run",
    ]);
    run.success();
    for id in &ids[..3] {
        assert!(
            run.stdout
                .contains(&format!("would assign {id}: assignee: - -> bob")),
            "{run}"
        );
    }
    assert!(!run.stdout.contains(&ids[3]), "{run}");
    assert!(
        run.stderr.contains("Dry run: 3 ticket(s) would change"),
        "{run}"
    );
    assert_eq!(env.head(), head);
    assert_eq!(env.porcelain(), "");
    // For real, with cp-style words: tickets, then who.
    env.tix(&["assign", &ids[0], &ids[3], "carol"]).success();
    assert_eq!(field(&env, &ids[0], "assignee"), "carol");
    assert_eq!(field(&env, &ids[3], "assignee"), "carol");
    env.tix(&[
        "edit",
        "--query",
        "tag:outage-42 priority:P3",
        "--set",
        "priority=P1",
    ])
    .success();
    let p1: Vec<String> = ids.iter().map(|id| field(&env, id, "priority")).collect();
    assert_eq!(p1, ["P1", "P1", "P2", "P3"]);
}

#[test]
fn one_bad_ticket_stops_them_all_and_each_is_named() {
    let (env, ids) = desk();
    env.tix(&["resolve", &ids[1], "--resolution", "done"])
        .success();
    env.tix(&["close", &ids[1]]).success();
    let head = env.head();
    // Closing needs a resolved ticket: the two unresolved ones fail.
    let run = env.tix(&["close", &ids[0], &ids[1], &ids[2]]);
    assert_ne!(run.code, 0, "{run}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{run}");
    assert!(
        lines[0].starts_with("error: ") && lines[0].contains(&ids[0]),
        "{run}"
    );
    assert!(
        lines[1].starts_with("error: ") && lines[1].contains(&ids[2]),
        "{run}"
    );
    assert_eq!(
        lines[2],
        "error: 2 of 3 tickets cannot be changed (close); nothing was written"
    );
    assert_eq!(env.head(), head);
    assert_eq!(env.porcelain(), "");
    // A query that selects nothing is an error, not a silent success.
    let run = env.tix(&["start", "--query", "tag:nothing-has-this"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.error_line().contains("the query selects none"), "{run}");
    // Neither IDs nor a query: clap says what is missing.
    let run = env.tix(&["start"]);
    assert_eq!(run.code, 2, "{run}");
    let run = env.tix(&["assign", &ids[0]]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.error_line().contains("say who"), "{run}");
    assert_eq!(env.head(), head);
}
