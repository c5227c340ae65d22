use crate::common::TestEnv;

#[test]
fn full_lifecycle_is_one_commit_per_step_by_the_actor() {
    let env = TestEnv::new();
    let id = env.new_ticket(
        "Laptop blue screen",
        &[
            "--type",
            "incident",
            "--priority",
            "P2",
            "--requester",
            "dana@example.com",
            "--category",
            "hardware",
        ],
    );
    env.tix(&[
        "edit",
        &id,
        "--set",
        "priority=P1",
        "--set",
        "tags=laptop,boot",
    ])
    .success();
    env.tix(&["assign", &id, "alice"]).success();
    env.tix(&["comment", &id, "-m", "Can you bring it to desk 4?"])
        .success();
    env.tix(&["comment", &id, "--internal", "-m", "Driver rollback needed"])
        .success();
    env.tix(&["start", &id]).success();
    env.tix(&["pending", &id, "-m", "Waiting for the laptop"])
        .success();
    env.tix(&["start", &id]).success();
    env.tix(&[
        "resolve",
        &id,
        "--resolution",
        "Rolled back the storage driver",
    ])
    .success();
    env.tix(&["close", &id]).success();
    env.tix(&["reopen", &id, "-m", "It happened again"])
        .success();
    env.tix(&["resolve", &id, "-r", "Replaced the disk"])
        .success();
    env.tix(&["close", &id]).success();

    assert_eq!(env.porcelain(), "");
    let subjects = env.git(&["log", "--reverse", "--format=%s"]);
    let actions: Vec<&str> = subjects
        .lines()
        .skip(1)
        .map(|s| s.split(' ').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        [
            "new:", "edit:", "assign:", "comment:", "note:", "start:", "pending:", "start:",
            "resolve:", "close:", "reopen:", "resolve:", "close:"
        ]
    );
    let authors = env.git(&["log", "--format=%an <%ae>"]);
    assert!(
        authors
            .lines()
            .all(|a| a == "Alice Agent <alice@example.com>"),
        "{authors}"
    );
    let trailers = env.git(&["log", "-1", "--format=%(trailers:only)"]);
    assert_eq!(
        trailers.trim(),
        format!("Tix-Ticket: {id}\nTix-Action: close")
    );
    // Each commit touches only the ticket's file.
    let files = env.git(&["log", "--format=", "--name-only", "-3"]);
    let rel = format!("tickets/{}/{}/{id}.yaml", &id[3..4], &id[4..5]);
    assert!(
        files.lines().filter(|l| !l.is_empty()).all(|l| l == rel),
        "{files}"
    );

    let shown = env.tix(&["show", &id, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&shown.stdout).expect("json");
    assert_eq!(json["ticket"]["status"], "closed");
    assert_eq!(json["ticket"]["priority"], "P1");
    assert_eq!(json["ticket"]["assignee"], "alice");
    assert_eq!(json["ticket"]["resolution"], "Replaced the disk");
    assert_eq!(json["ticket"]["comments"].as_array().map(Vec::len), Some(4));
    assert_eq!(json["ticket"]["comments"][1]["internal"], true);
}

#[test]
fn new_prints_only_the_id_on_stdout() {
    let env = TestEnv::new();
    let run = env.tix(&["new", "--title", "VPN drops"]);
    run.success();
    let re = regex::Regex::new(r"^IT-[0-9A-HJKMNP-TV-Z]{8}\n$").expect("regex");
    assert!(re.is_match(&run.stdout), "{run}");
}

#[test]
fn new_reads_description_from_stdin_and_keeps_custom_fields() {
    let env = TestEnv::new();
    let cmd = env.tix_cmd(&[
        "new",
        "--title",
        "Toner",
        "--description",
        "-",
        "--field",
        "room=B12",
        "--tag",
        "floor2",
        "--due",
        "2026-03-05",
    ]);
    let out = assert_cmd::Command::from_std(cmd)
        .write_stdin("Line one\nLine two\n")
        .output()
        .expect("run");
    assert!(out.status.success());
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let file = std::fs::read_to_string(env.ticket_file(&id)).expect("file");
    assert!(
        file.contains("description: |-\n  Line one\n  Line two\n"),
        "{file}"
    );
    assert!(file.contains("fields:\n  room: B12\n"), "{file}");
    assert!(
        file.contains("due: 2026-03-05") || file.contains("due: '2026-03-05'"),
        "{file}"
    );
}

#[test]
fn log_reads_the_audit_trail_from_git() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    env.tix(&["assign", &id, "bob"]).success();
    let mut later = env.tix_cmd(&["start", &id, "-m", "On my way"]);
    later
        .env("TIX_NOW", "2026-03-02T10:30:00+01:00")
        .env("TIX_ACTOR", "Bob <bob@example.com>");
    assert!(later.status().expect("run").success());
    let run = env.tix(&["log", &id]);
    run.success();
    insta::assert_snapshot!("log_table", run.to_string());
    let json: serde_json::Value =
        serde_json::from_str(&env.tix(&["log", &id, "--format", "json"]).stdout).expect("json");
    assert_eq!(json["entries"][2]["author"], "Bob <bob@example.com>");
    assert_eq!(json["entries"][2]["at"], "2026-03-02T09:30:00Z");
    assert_eq!(json["entries"][2]["changes"][0]["kind"], "field");
    assert_eq!(json["entries"][2]["changes"][1]["kind"], "comment");
}

#[test]
fn check_passes_on_a_clean_repo_and_lists_problems_otherwise() {
    let env = TestEnv::new();
    let id = env.new_ticket("Fine", &[]);
    env.tix(&["check"]).success();
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file)
        .expect("read")
        .replace("priority: P3", "priority: P9");
    std::fs::write(&file, text).expect("write");
    let run = env.tix(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    let rel = format!("tickets/{}/{}/{id}.yaml", &id[3..4], &id[4..5]);
    assert_eq!(
        run.stdout,
        format!("{rel}: unknown priority 'P9'; known values: P1, P2, P3, P4\n"),
        "{run}"
    );
    assert_eq!(
        run.stderr, "error: 1 problem(s) in the configuration and 1 ticket files\n",
        "{run}"
    );

    // A file outside the two-level layout (e.g. moved by hand) is named with where it belongs.
    let code = &id[3..];
    let misplaced = env.root.join("tickets").join(&code[..2]);
    std::fs::create_dir_all(&misplaced).expect("mkdir");
    std::fs::rename(&file, misplaced.join(format!("{id}.yaml"))).expect("move");
    let run = env.tix(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    let expected = format!(
        "tickets/{}/{id}.yaml: is not in a shard directory; move it to tickets/{}/{}/{id}.yaml",
        &code[..2],
        &code[..1],
        &code[1..2]
    );
    assert_eq!(run.stdout, format!("{expected}\n"), "{run}");
    assert_eq!(
        run.stderr, "error: 1 problem(s) in the configuration and 1 ticket files\n",
        "{run}"
    );
}

#[test]
fn edit_in_editor_commits_a_valid_result() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let run = env.edit_with_sed(&id, "s/title: Printer jams/title: Printer on floor 2 jams/");
    run.success();
    assert!(
        std::fs::read_to_string(env.ticket_file(&id))
            .expect("read")
            .contains("title: Printer on floor 2 jams")
    );
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        format!("{id} edit: Printer on floor 2 jams")
    );
    assert_eq!(env.porcelain(), "");
}

#[test]
fn demo_walks_a_ticket_through_its_life() {
    let env = TestEnv::empty();
    let dir = env.tmp.path().join("demo");
    let run = env.tix(&["demo", "--dir", dir.to_str().expect("utf-8")]);
    run.success();
    for expected in [
        "$ tix init",
        "$ tix resolve",
        "Closed IT-",
        "error: cannot move a ticket",
        "$ git log --oneline",
        "SLA (standard):",
        "$ tix report --format markdown\n## Service desk report\n",
        "| Created | 2 |\n| Resolved | 1 |\n",
        "| CSAT | 100% of 1 rating |\n",
    ] {
        assert!(run.stdout.contains(expected), "missing {expected:?}: {run}");
    }
    let log = env.git_in(&dir, &["log", "--oneline"]);
    assert_eq!(log.lines().count(), 10, "{log}");
}

#[test]
fn completions_print_a_script_per_shell() {
    let env = TestEnv::empty();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = env.tix(&["completions", shell]);
        run.success();
        assert!(run.stdout.contains("tix"), "{shell}: {run}");
    }
    assert_eq!(env.tix(&["completions", "tcsh"]).code, 2);
}

#[test]
fn reopen_on_a_ticket_that_never_finished_is_refused() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let head = env.head();
    let run = env.tix(&["reopen", &id]);
    env.assert_rejected(&run, 2, &head, "");
    assert_eq!(
        run.error_line(),
        "error: only a finished ticket can be reopened; this one is 'new' (finished: resolved, closed)"
    );
}

#[test]
fn every_route_to_resolved_needs_a_resolution() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let head = env.head();
    let run = env.tix(&["edit", &id, "--set", "status=resolved"]);
    env.assert_rejected(&run, 2, &head, "");
    assert_eq!(
        run.error_line(),
        "error: a 'resolved' ticket needs a resolution: say what fixed it (tix resolve ID --resolution TEXT, or --set resolution=TEXT)"
    );
    // The same through $EDITOR.
    let run = env.edit_with_sed(&id, "s/^status: new/status: resolved/");
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr,
        format!(
            "error: a 'resolved' ticket needs a resolution: say what fixed it (tix resolve ID --resolution TEXT, or --set resolution=TEXT)\n\
             hint: your edit is saved in {}/.git/tix/edit-{id}.yaml\n",
            env.root.display()
        ),
        "{run}"
    );
    assert_eq!(env.head(), head);
    // With a resolution in the same change it is a resolve like any other.
    env.tix(&[
        "edit",
        &id,
        "--set",
        "status=resolved",
        "--set",
        "resolution=Cleared the jam",
    ])
    .success();
    // Moving back out clears it, as tix reopen does.
    env.tix(&["edit", &id, "--set", "status=open"]).success();
    let show = env.tix(&["show", &id, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&show.stdout).expect("json");
    assert_eq!(json["ticket"]["status"], "open");
    assert_eq!(json["ticket"]["resolution"], serde_json::Value::Null);
}

#[test]
fn a_public_comment_by_a_non_agent_warns_that_it_is_no_response() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &["--requester", "Dana <dana@example.com>"]);
    // The actor is the agent tix init listed: no warning.
    let run = env.tix(&["comment", &id, "-m", "On it"]);
    run.success();
    assert_eq!(run.stderr, format!("Added comment to {id}\n"), "{run}");
    // The requester's own message is what it looks like: no warning.
    let run = env.tix(&[
        "comment",
        &id,
        "--author",
        "dana@example.com",
        "-m",
        "Thanks",
    ]);
    run.success();
    assert_eq!(run.stderr, format!("Added comment to {id}\n"), "{run}");
    // Someone else, e.g. a colleague never added under agents:.
    let mut cmd = env.tix_cmd(&["comment", &id, "-m", "Looking too"]);
    cmd.env("TIX_ACTOR", "Bob Helper <bob@example.com>");
    let run = crate::common::Run::from(cmd.output().expect("run"));
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "Added comment to {id}\n\
             warning: Bob Helper <bob@example.com> is not an agent, so this public comment counts as a requester message, not a response; add them under agents: in .tix/config.yaml if they answer tickets\n"
        ),
        "{run}"
    );
    // Internal notes do not touch the clocks: no warning.
    let mut cmd = env.tix_cmd(&["comment", &id, "--internal", "-m", "fyi"]);
    cmd.env("TIX_ACTOR", "Bob Helper <bob@example.com>");
    let run = crate::common::Run::from(cmd.output().expect("run"));
    run.success();
    assert_eq!(
        run.stderr,
        format!("Added internal note to {id}\n"),
        "{run}"
    );
}
