//! `tix import`: round trips through `tix export`, idempotent re-imports, all-or-nothing
//! validation, CSV quirks, the flat CSV recipe, and a kill at every step of the write.

use serde_json::Value;

use crate::common::{Run, TestEnv};

const DANA: &str = "Dana Requester <dana@example.com>";

fn at(env: &TestEnv, when: &str, args: &[&str]) -> Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env("TIX_NOW", when);
    Run::from(cmd.output().expect("run tix"))
}

/// A desk with history: a P1 answered late and resolved, a P3 with a pause, a reopen and a
/// rating, and an open P2 reassigned once.
fn source_desk() -> TestEnv {
    let mut env = TestEnv::empty();
    env.seed = Some(11);
    env.now = "2026-03-01T08:00:00Z".into();
    env.tix(&["init"]).success();
    let new = |when: &str, title: &str, extra: &[&str]| {
        let mut args = vec![
            "new",
            "--title",
            title,
            "--actor",
            DANA,
            "--requester",
            DANA,
        ];
        args.extend_from_slice(extra);
        let run = at(&env, when, &args);
        run.success();
        run.stdout.trim().to_string()
    };
    let a = new("2026-03-02T09:00:00Z", "Mail down", &["--priority", "P1"]);
    at(
        &env,
        "2026-03-02T10:00:00Z",
        &["comment", &a, "-m", "Looking"],
    )
    .success();
    at(
        &env,
        "2026-03-02T12:00:00Z",
        &["resolve", &a, "--resolution", "Disk freed"],
    )
    .success();
    let b = new(
        "2026-03-02T11:00:00Z",
        "VPN, slow",
        &["--description", "Since Monday\nevery day"],
    );
    at(
        &env,
        "2026-03-02T11:30:00Z",
        &["comment", &b, "-m", "Which site?"],
    )
    .success();
    at(&env, "2026-03-02T12:00:00Z", &["pending", &b]).success();
    at(&env, "2026-03-03T09:00:00Z", &["start", &b]).success();
    at(
        &env,
        "2026-03-03T10:00:00Z",
        &["resolve", &b, "--resolution", "Profile"],
    )
    .success();
    at(&env, "2026-03-03T11:00:00Z", &["reopen", &b]).success();
    at(
        &env,
        "2026-03-03T12:00:00Z",
        &["resolve", &b, "--resolution", "New router"],
    )
    .success();
    at(
        &env,
        "2026-03-03T13:00:00Z",
        &["rate", &b, "4", "-m", "ok", "--actor", DANA],
    )
    .success();
    let c = new(
        "2026-03-04T09:00:00Z",
        "Printer",
        &["--priority", "P2", "--assignee", "alice"],
    );
    at(&env, "2026-03-04T09:10:00Z", &["assign", &c, "bob"]).success();
    at(
        &env,
        "2026-03-04T09:20:00Z",
        &["edit", &c, "--set", "tags=floor2,toner"],
    )
    .success();
    env
}

const LATER: &str = "2026-03-10T09:00:00Z";
const PERIOD: [&str; 4] = ["--since", "2026-03-01", "--until", "2026-03-08"];

fn out(env: &TestEnv, args: &[&str]) -> String {
    let run = at(env, LATER, args);
    assert!(run.code == 0 || run.code == 1, "{run}");
    run.stdout
}

fn fresh() -> TestEnv {
    let mut env = TestEnv::empty();
    env.now = "2026-03-01T08:00:00Z".into();
    env.tix(&["init"]).success();
    env.now = LATER.into();
    env
}

#[test]
fn export_then_import_gives_the_same_tickets_clocks_and_report() {
    let source = source_desk();
    let file = source.tmp.path().join("desk.jsonl");
    std::fs::write(
        &file,
        out(&source, &["export", "--with-history", "--format", "jsonl"]),
    )
    .expect("write export");
    let target = fresh();
    let run = at(&target, LATER, &["import", file.to_str().expect("utf-8")]);
    run.success();
    assert_eq!(
        run.stderr, "Imported: 3 created, 0 updated, 0 unchanged, in 14 commit(s).\n",
        "{run}"
    );
    for args in [
        vec!["export", "--with-history"],
        vec!["sla", "--all", "--format", "json"],
    ] {
        assert_eq!(
            out(&target, &args),
            out(&source, &args),
            "tix {}",
            args.join(" ")
        );
    }
    let mut report = vec!["report", "--format", "json"];
    report.extend_from_slice(&PERIOD);
    assert_eq!(out(&target, &report), out(&source, &report));
    // git log reads like the history: author dates in order across tickets.
    let dates = target.git(&["log", "--reverse", "--format=%aI", "-14"]);
    let dates: Vec<&str> = dates.lines().collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(target.porcelain(), "");
}

#[test]
fn a_second_import_skips_unchanged_tickets_and_updates_changed_ones() {
    let source = source_desk();
    let file = source.tmp.path().join("desk.json");
    let exported = out(&source, &["export", "--with-history"]);
    std::fs::write(&file, &exported).expect("write export");
    let path = file.to_str().expect("utf-8");
    let target = fresh();
    at(&target, LATER, &["import", path]).success();
    let commits = target.commit_count();
    let again = at(&target, LATER, &["import", path, "--format", "json"]);
    again.success();
    let summary: Value = serde_json::from_str(&again.stdout).expect("json");
    assert_eq!(
        summary,
        serde_json::json!({"version": 1, "created": 0, "updated": 0, "unchanged": 3, "commits": 0, "dry_run": false})
    );
    assert_eq!(target.commit_count(), commits);
    std::fs::write(
        &file,
        exported.replacen("\"title\": \"Printer\"", "\"title\": \"Printer jams\"", 1),
    )
    .expect("edit export");
    let changed = at(&target, LATER, &["import", path]);
    changed.success();
    assert_eq!(
        changed.stderr,
        "Imported: 0 created, 1 updated, 2 unchanged, in 1 commit(s).\n"
    );
    assert_eq!(target.commit_count(), commits + 1);
}

#[test]
fn one_bad_record_in_a_thousand_lines_names_its_line_and_writes_nothing() {
    let env = fresh();
    let mut csv = String::from("key,title,priority,created_at\n");
    for i in 2..=1000 {
        let priority = if i == 734 { "P9" } else { "P3" };
        csv.push_str(&format!(
            "K{i},Ticket {i},{priority},2026-03-02T09:00:00Z\n"
        ));
    }
    let file = env.tmp.path().join("old.csv");
    std::fs::write(&file, csv).expect("write csv");
    let (head, status) = (env.head(), env.porcelain());
    let run = at(
        &env,
        LATER,
        &["import", file.to_str().expect("utf-8"), "--key", "key"],
    );
    env.assert_rejected(&run, 2, &head, &status);
    let name = file.to_str().expect("utf-8");
    assert_eq!(
        run.stderr,
        format!(
            "error: {name}: line 734 (record 733): unknown priority 'P9'; known values: P1, P2, P3, P4\n\
             error: 1 of 999 records are invalid; nothing was imported\n"
        )
    );
    // --dry-run of the fixed file writes nothing either, and says what would happen.
    let fixed = std::fs::read_to_string(&file)
        .expect("csv")
        .replace(",P9,", ",P3,");
    std::fs::write(&file, fixed).expect("write csv");
    let dry = at(&env, LATER, &["import", name, "--key", "key", "--dry-run"]);
    dry.success();
    assert_eq!(
        dry.stderr,
        "Would import: 999 created, 0 updated, 0 unchanged, in 999 commit(s).\n"
    );
    assert_eq!(env.head(), head);
}

#[test]
fn csv_with_a_bom_quoted_commas_and_line_breaks_and_the_flat_recipe() {
    let env = fresh();
    let csv = "\u{feff}Number,Subject,Body,State,Priority,Opened,Solved\n\
               7,\"Printer, floor 2\",\"Line one\nline two\",closed,P1,2026-03-02T09:00:00Z,2026-03-02T11:00:00Z\n";
    let file = env.tmp.path().join("legacy.csv");
    std::fs::write(&file, csv).expect("write csv");
    let run = at(
        &env,
        LATER,
        &[
            "import",
            file.to_str().expect("utf-8"),
            "--key",
            "Number",
            "--map",
            "Subject=title",
            "--map",
            "Body=description",
            "--map",
            "State=status",
            "--map",
            "Priority=priority",
            "--map",
            "Opened=created_at",
            "--map",
            "Solved=resolved_at",
        ],
    );
    run.success();
    let export = out(&env, &["export", "--with-history"]);
    let doc: Value = serde_json::from_str(&export).expect("json");
    let t = &doc["tickets"][0];
    assert_eq!(t["title"], "Printer, floor 2");
    assert_eq!(t["description"], "Line one\nline two");
    assert_eq!(t["status"], "closed");
    assert_eq!(t["fields"]["external_id"], "7");
    assert_eq!(t["created_at"], "2026-03-02T09:00:00Z");
    // Created new at 09:00, resolved at 11:00: the P1's 4h resolution target was met.
    let sla: Value =
        serde_json::from_str(&out(&env, &["sla", "--all", "--format", "json"])).expect("json");
    let clocks = &sla["tickets"][0]["clocks"];
    assert_eq!(clocks[1]["kind"], "resolution");
    assert_eq!(clocks[1]["state"], "met");
    assert_eq!(clocks[1]["stopped_at"], "2026-03-02T11:00:00Z");
}

#[test]
fn an_import_killed_at_any_step_leaves_the_desk_before_or_after_it() {
    let source = source_desk();
    let file = source.tmp.path().join("desk.jsonl");
    std::fs::write(
        &file,
        out(&source, &["export", "--with-history", "--format", "jsonl"]),
    )
    .expect("write export");
    let path = file.to_str().expect("utf-8");
    for step in 1.. {
        let target = fresh();
        let before = target.commit_count();
        let mut cmd = target.tix_cmd(&["import", path]);
        cmd.env("TIX_NOW", LATER)
            .env("TIX_TEST_CRASH_AT", step.to_string());
        let run = Run::from(cmd.output().expect("run tix"));
        // Any later command repairs what the kill left in between.
        let list = at(&target, LATER, &["list", "--all", "--format", "json"]);
        list.success();
        let listed: Value = serde_json::from_str(&list.stdout).expect("json");
        let count = listed["tickets"].as_array().map_or(0, Vec::len);
        let commits = target.commit_count();
        assert!(
            (commits, count) == (before, 0) || (commits, count) == (before + 14, 3),
            "killed at step {step}: {commits} commits, {count} tickets\n{run}"
        );
        assert_eq!(target.porcelain(), "", "killed at step {step}");
        if run.code == 0 {
            assert_eq!((commits, count), (before + 14, 3));
            break;
        }
        assert!(step < 30, "the import never finished");
    }
}

#[test]
fn a_missing_file_is_named_without_os_codes() {
    let env = fresh();
    let (head, status) = (env.head(), env.porcelain());
    let run = at(&env, LATER, &["import", "nowhere.csv"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: nowhere.csv: cannot read: No such file or directory"
    );
}

#[test]
fn a_seeded_import_of_many_new_tickets_draws_distinct_ids() {
    // With TIX_SEED every draw used to restart the sequence, so the second new ticket of an
    // import waited forever for an ID the first had not yet written.
    let mut env = fresh();
    env.seed = Some(4);
    let rows: String = (0..50).map(|i| format!("Ticket {i}\n")).collect();
    env.write("many.csv", &format!("title\n{rows}"));
    env.tix(&["import", "many.csv"]).success();
    let listed = env.tix(&["list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&listed.stdout).expect("json");
    assert_eq!(json["tickets"].as_array().map(Vec::len), Some(50));
}
