//! Assets: files under assets/, tickets naming them, warranty warnings, report by asset.

use crate::common::TestEnv;

fn laptop(env: &TestEnv) {
    env.tix(&[
        "asset",
        "new",
        "LT-042",
        "--type",
        "laptop",
        "--model",
        "ThinkPad T14",
        "--owner",
        "Dana <dana@example.com>",
        "--purchased",
        "2023-05-02",
        "--warranty-end",
        "2026-01-31",
    ])
    .success();
}

#[test]
fn an_asset_is_one_file_and_one_commit_and_lists_its_tickets() {
    let env = TestEnv::new();
    let before = env.commit_count();
    laptop(&env);
    assert_eq!(env.commit_count(), before + 1);
    assert_eq!(
        env.read("assets/LT-042.yaml"),
        "type: laptop\nmodel: ThinkPad T14\nowner: Dana <dana@example.com>\npurchased: 2023-05-02\nwarranty_end: 2026-01-31\n"
    );
    assert!(
        env.git(&["log", "-1", "--format=%s"])
            .starts_with("asset: new LT-042: laptop ThinkPad T14")
    );
    let run = env.tix(&["new", "--title", "Fan is loud", "--asset", "LT-042"]);
    run.success();
    assert!(
        run.stderr
            .contains("warning: the warranty of LT-042 ended on 2026-01-31, 30 days ago"),
        "{run}"
    );
    let id = run.stdout.trim().to_string();
    let other = env.new_ticket("Printer", &[]);
    env.tix(&["edit", &other, "--set", "asset=LT-042"])
        .success();
    // env.now is 2026-03-02: the warranty ended a month before.
    let show = env.tix(&["asset", "show", "LT-042"]);
    show.success();
    assert!(show.stdout.contains("Tickets (2):"), "{show}");
    assert!(show.stdout.contains("Fan is loud"), "{show}");
    assert!(show.stdout.contains("ended 2026-01-31 (30d ago)"), "{show}");
    assert!(
        show.stderr
            .contains("warning: the warranty of LT-042 ended on 2026-01-31, 30 days ago"),
        "{show}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &env.tix(&["asset", "show", "LT-042", "--format", "json"])
            .stdout,
    )
    .expect("json");
    assert_eq!(json["version"], 1);
    assert_eq!(json["asset"]["warranty"], "ended");
    assert_eq!(json["tickets"].as_array().map(Vec::len), Some(2));
    let list = env.tix(&["list", "asset:LT-042", "--format", "json"]);
    assert!(list.stdout.contains(&id), "{list}");
    let ended = env.tix(&["asset", "list", "--warranty", "ended"]);
    assert!(ended.stdout.contains("LT-042"), "{ended}");
    let active = env.tix(&["asset", "list", "--warranty", "active"]);
    assert!(active.stderr.contains("No assets match."), "{active}");

    env.tix(&[
        "asset",
        "edit",
        "LT-042",
        "--set",
        "location=Berlin 4.12",
        "--set",
        "warranty_end=2027-01-31",
    ])
    .success();
    assert!(
        env.read("assets/LT-042.yaml")
            .contains("location: Berlin 4.12\n")
    );
    let show = env.tix(&["asset", "show", "LT-042"]);
    assert!(!show.stderr.contains("warning"), "{show}");
}

#[test]
fn bad_assets_and_unknown_names_are_refused_with_nothing_written() {
    let env = TestEnv::new();
    laptop(&env);
    let before = env.commit_count();
    for (args, message) in [
        (
            vec!["asset", "new", "LT-042"],
            "asset LT-042 exists already",
        ),
        (vec!["asset", "new", "../x"], "invalid asset name '../x'"),
        (
            vec!["asset", "new", "PR-1", "--purchased", "May"],
            "not a date; use YYYY-MM-DD",
        ),
        (
            vec![
                "asset",
                "new",
                "PR-1",
                "--purchased",
                "2026-02-01",
                "--warranty-end",
                "2025-01-01",
            ],
            "warranty_end 2025-01-01 is before purchased 2026-02-01",
        ),
        (
            vec!["asset", "edit", "LT-042", "--set", "colour=red"],
            "unknown asset field 'colour'",
        ),
        (
            vec!["asset", "edit", "LT-43", "--set", "model=x"],
            "no asset LT-43",
        ),
        (vec!["asset", "show", "nope"], "no asset nope"),
        (
            vec!["new", "--title", "x", "--asset", "LT-43"],
            "no asset LT-43",
        ),
    ] {
        let run = env.tix(&args);
        assert_eq!(run.code, 2, "{args:?}: {run}");
        assert!(run.stderr.contains(message), "{args:?}: {run}");
        assert_eq!(env.commit_count(), before, "{args:?}");
        assert!(env.porcelain().is_empty(), "{args:?}");
    }
    // A broken hand edit is reported with its file and line, and the rest still lists.
    env.write("assets/PR-9.yaml", "type: printer\ncolour: red\n");
    let list = env.tix(&["asset", "list"]);
    list.success();
    assert!(list.stderr.contains("assets/PR-9.yaml:2"), "{list}");
    assert!(list.stdout.contains("LT-042"), "{list}");
    let check = env.tix(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    assert!(check.stdout.contains("assets/PR-9.yaml:2"), "{check}");
}

#[test]
fn a_desk_that_kept_the_asset_as_a_custom_field_reads_it_as_the_asset() {
    let env = TestEnv::new();
    let id = env.new_ticket("Old style", &[]);
    let path = env.ticket_file(&id);
    let text = std::fs::read_to_string(&path).expect("file");
    std::fs::write(&path, text + "fields:\n  asset: LT-001\n").expect("write");
    env.git(&["commit", "-qam", "hand edit"]);
    // The old form is read as the asset (it is no custom field any more); it has no file,
    // which is fine for a ticket that had it before.
    let show = env.tix(&["show", &id, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&show.stdout).expect("json");
    assert_eq!(json["ticket"]["asset"], "LT-001");
    env.tix(&["start", &id]).success();
    let file = std::fs::read_to_string(env.ticket_file(&id)).expect("file");
    assert!(
        file.contains("\nasset: LT-001\n") && !file.contains("fields:"),
        "{file}"
    );
}

#[test]
fn the_report_groups_by_asset() {
    let env = TestEnv::new();
    laptop(&env);
    env.new_ticket("Fan", &["--asset", "LT-042"]);
    env.new_ticket("Screen", &["--asset", "LT-042"]);
    env.new_ticket("Other", &[]);
    let run = env.tix(&[
        "report",
        "--by",
        "asset",
        "--since",
        "2026-03-01",
        "--format",
        "json",
    ]);
    run.success();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let groups = json["groups"].as_array().expect("groups");
    let lt = groups
        .iter()
        .find(|g| g["key"] == "LT-042")
        .expect("LT-042 group");
    assert_eq!(lt["volume"]["created"], 2, "{lt}");
}

#[test]
fn asset_help_teaches_and_status_lines_match_the_other_commands() {
    let env = TestEnv::new();
    let help = env.tix(&["asset", "--help"]);
    help.success();
    assert!(
        help.stdout
            .contains("\n  tix asset list --warranty ended\n"),
        "{help}"
    );
    for command in ["new", "list", "show", "edit"] {
        let run = env.tix(&["asset", command, "--help"]);
        run.success();
        assert!(run.stdout.contains("Examples:\n  tix asset "), "{run}");
        // Every argument and option says what it is for.
        assert!(!run.stdout.contains(">\n          \n"), "{run}");
    }
    laptop(&env);
    let show = env.tix(&["asset", "show", "LT-042"]);
    assert!(show.stdout.ends_with("\nTickets: none\n"), "{show}");
    let run = env.tix(&["asset", "edit", "LT-042", "--set", "model=X1"]);
    run.success();
    assert_eq!(run.stderr, "Updated asset LT-042\n");
    let again = env.tix(&["asset", "edit", "LT-042", "--set", "model=X1"]);
    again.success();
    assert_eq!(
        again.stderr,
        "No changes to asset LT-042: it already is that way.\n"
    );
}

#[test]
fn the_audit_lists_asset_changes_and_flags_a_hand_edit() {
    let env = TestEnv::new();
    laptop(&env);
    env.write("assets/LT-042.yaml", "type: laptop\nmodel: T15\n");
    env.git(&["commit", "-qam", "fix the model"]);
    let run = env.tix(&["audit", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let text = json.to_string();
    assert!(text.contains("assets/LT-042.yaml"), "{run}");
    assert!(text.contains("asset-new"), "{run}");
    assert!(text.contains("outside_tix"), "{run}");
}
