//! SLA clocks end to end: commits at chosen author dates (TIX_NOW), then `tix sla --as-of`,
//! `tix sla check` exit codes and JUnit. The arithmetic itself is unit-tested in src/sla/.

use crate::common::{Run, TestEnv};

const DANA: &str = "Dana Requester <dana@example.com>";

/// A desk whose office calendar is Mon-Fri 09:00-17:00 UTC with the default policy
/// (P1: first response 30m, resolution 4h), and a P1 ticket Dana opened on Friday 2026-03-06 16:00.
fn friday_ticket() -> (TestEnv, String) {
    friday_ticket_seeded(None)
}

/// [`friday_ticket`] with `TIX_SEED` set, for snapshots that show the real ID.
fn friday_ticket_seeded(seed: Option<u64>) -> (TestEnv, String) {
    let mut env = TestEnv::empty();
    env.seed = seed;
    env.now = "2026-03-02T08:00:00Z".into();
    env.tix(&["init"]).success();
    env.now = "2026-03-06T16:00:00Z".into();
    let id = env.new_ticket(
        "Mail server down",
        &["--priority", "P1", "--actor", DANA, "--requester", DANA],
    );
    (env, id)
}

fn at(env: &TestEnv, when: &str, args: &[&str]) -> Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env("TIX_NOW", when);
    Run::from(cmd.output().expect("run tix"))
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{run}"))
}

fn clocks(run: &Run) -> serde_json::Value {
    json(run)["tickets"][0]["clocks"].clone()
}

#[test]
fn friday_afternoon_ticket_is_due_monday_noon() {
    let (env, _) = friday_ticket();
    let run = at(&env, "2026-03-06T16:20:00Z", &["sla", "--format", "json"]);
    let c = clocks(&run);
    assert_eq!(c[0]["kind"], "first_response");
    assert_eq!(c[0]["state"], "running");
    assert_eq!(c[0]["due"], "2026-03-06T16:30:00Z");
    assert_eq!(c[0]["remaining_secs"], 600);
    assert_eq!(c[1]["kind"], "resolution");
    assert_eq!(c[1]["due"], "2026-03-09T12:00:00Z");

    let run = at(&env, "2026-03-09T10:00:00Z", &["sla", "--format", "json"]);
    let c = clocks(&run);
    assert_eq!(c[0]["state"], "breached");
    assert_eq!(c[0]["breach_at"], "2026-03-06T16:30:00Z");
    assert_eq!(c[1]["state"], "running");
    assert_eq!(c[1]["remaining_secs"], 7200);
}

#[test]
fn as_of_uses_only_history_up_to_then() {
    let (env, id) = friday_ticket();
    at(
        &env,
        "2026-03-06T16:10:00Z",
        &["comment", &id, "-m", "Looking at it"],
    )
    .success();
    at(
        &env,
        "2026-03-09T09:30:00Z",
        &["resolve", &id, "-r", "Restarted the MTA"],
    )
    .success();
    // Before the reply: first response still running.
    let c = clocks(&at(
        &env,
        "2026-03-09T12:00:00Z",
        &[
            "sla",
            &id,
            "--as-of",
            "2026-03-06T16:05:00Z",
            "--format",
            "json",
        ],
    ));
    assert_eq!(c[0]["state"], "running");
    assert_eq!(c[1]["state"], "running");
    // Today: both met (the reply at 16:10, the resolution Monday 09:30).
    let c = clocks(&at(
        &env,
        "2026-03-09T12:00:00Z",
        &["sla", &id, "--format", "json"],
    ));
    assert_eq!(c[0]["state"], "met");
    assert_eq!(c[0]["stopped_at"], "2026-03-06T16:10:00Z");
    assert_eq!(c[1]["state"], "met");
    assert_eq!(c[1]["elapsed_secs"], 3600 + 1800);
}

#[test]
fn internal_note_and_status_change_are_not_responses() {
    let (env, id) = friday_ticket();
    at(
        &env,
        "2026-03-06T16:05:00Z",
        &["comment", &id, "--internal", "-m", "Checking logs"],
    )
    .success();
    at(&env, "2026-03-06T16:06:00Z", &["start", &id]).success();
    let c = clocks(&at(
        &env,
        "2026-03-06T16:40:00Z",
        &["sla", "--format", "json"],
    ));
    assert_eq!(c[0]["state"], "breached");
}

#[test]
fn pending_pauses_the_resolution_clock() {
    let (env, id) = friday_ticket();
    at(
        &env,
        "2026-03-06T16:10:00Z",
        &["pending", &id, "-m", "Which mailbox?"],
    )
    .success();
    let c = clocks(&at(
        &env,
        "2026-03-09T16:00:00Z",
        &["sla", "--format", "json"],
    ));
    assert_eq!(c[1]["state"], "paused");
    assert_eq!(c[1]["elapsed_secs"], 600);
    // Paused: the due shown is where it would be if work resumed now (3h50m left from Monday
    // 16:00), flagged as a projection.
    assert_eq!(c[1]["due"], "2026-03-10T11:50:00Z");
    assert_eq!(c[1]["due_projected"], true);
    at(&env, "2026-03-10T09:00:00Z", &["start", &id]).success();
    let c = clocks(&at(
        &env,
        "2026-03-10T09:00:00Z",
        &["sla", "--format", "json"],
    ));
    assert_eq!(c[1]["state"], "running");
    // 10 minutes used before the pause, 3h50m left from Tuesday 09:00.
    assert_eq!(c[1]["due"], "2026-03-10T12:50:00Z");
}

#[test]
fn check_exit_codes_and_junit() {
    let (env, id) = friday_ticket();
    let ok = at(&env, "2026-03-06T16:20:00Z", &["sla", "check"]);
    assert_eq!(ok.code, 0, "{ok}");
    assert_eq!(
        ok.stderr, "SLA check passed: 2 clocks on 1 open tickets, 0 warning.\n",
        "{ok}"
    );

    let warn = at(
        &env,
        "2026-03-06T16:20:00Z",
        &[
            "sla",
            "check",
            "--warn-before",
            "15m",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(warn.code, 1, "{warn}");

    let breached = at(
        &env,
        "2026-03-09T10:00:00Z",
        &["sla", "check", "--format", "junit"],
    );
    assert_eq!(breached.code, 1, "{breached}");
    assert_eq!(
        breached.stderr,
        "error: SLA check failed: 1 clock(s) failing, 0 warning, across 1 open tickets\n",
        "{breached}"
    );
    assert!(
        breached
            .stdout
            .contains("<testsuite name=\"tix sla check\" tests=\"2\" failures=\"1\""),
        "{breached}"
    );
    assert!(
        breached.stdout.contains(&format!(
            "<testcase classname=\"{id}\" name=\"first_response\">"
        )),
        "{breached}"
    );
    assert!(
        breached.stdout.contains(&format!(
            "<testcase classname=\"{id}\" name=\"resolution\"/>"
        )),
        "{breached}"
    );

    let json = at(
        &env,
        "2026-03-09T10:00:00Z",
        &["sla", "check", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(doc["passed"], false);
    assert_eq!(doc["failed"], 1);
    assert_eq!(doc["results"][0]["verdict"], "fail");

    // A closed ticket's missed target is history, not a CI failure.
    at(
        &env,
        "2026-03-09T10:05:00Z",
        &["resolve", &id, "-r", "done"],
    )
    .success();
    assert_eq!(at(&env, "2026-03-09T10:10:00Z", &["sla", "check"]).code, 0);
}

#[test]
fn hand_commit_with_author_date_counts() {
    let (env, id) = friday_ticket();
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file)
        .expect("read")
        .replace("status: new", "status: resolved");
    std::fs::write(&file, text).expect("write");
    let mut commit = env.git_cmd_in(&env.root, &["commit", "-qam", "resolved by hand"]);
    commit
        .env("GIT_AUTHOR_DATE", "2026-03-09T09:15:00Z")
        .env("GIT_COMMITTER_DATE", "2026-03-09T09:15:00Z");
    assert!(commit.status().expect("git").success());
    let c = clocks(&at(
        &env,
        "2026-03-10T09:00:00Z",
        &["sla", &id, "--format", "json"],
    ));
    assert_eq!(c[1]["state"], "met");
    assert_eq!(c[1]["stopped_at"], "2026-03-09T09:15:00Z");
}

#[test]
fn raising_priority_retargets_from_the_original_start() {
    let (env, id) = friday_ticket();
    at(
        &env,
        "2026-03-06T16:05:00Z",
        &["comment", &id, "-m", "On it"],
    )
    .success();
    at(
        &env,
        "2026-03-06T16:06:00Z",
        &["edit", &id, "--set", "priority=P3"],
    )
    .success();
    // P3 resolution is 3 business days from Friday 16:00.
    let c = clocks(&at(
        &env,
        "2026-03-09T16:00:00Z",
        &["sla", "--format", "json"],
    ));
    assert_eq!(c[1]["target_secs"], 3 * 8 * 3600);
    assert_eq!(c[1]["state"], "running");
    at(
        &env,
        "2026-03-09T16:00:00Z",
        &["edit", &id, "--set", "priority=P1"],
    )
    .success();
    let c = clocks(&at(
        &env,
        "2026-03-09T16:01:00Z",
        &["sla", "--format", "json"],
    ));
    assert_eq!(c[1]["state"], "breached");
    assert_eq!(c[1]["breach_at"], "2026-03-09T12:00:00Z");
}

#[test]
fn cache_follows_new_commits_and_can_be_deleted() {
    let (env, id) = friday_ticket();
    let before = at(&env, "2026-03-06T16:40:00Z", &["sla", "--format", "json"]);
    assert_eq!(clocks(&before)[0]["state"], "breached");
    at(
        &env,
        "2026-03-06T16:10:00Z",
        &["comment", &id, "-m", "reply"],
    )
    .success();
    let after = at(&env, "2026-03-06T16:40:00Z", &["sla", "--format", "json"]);
    assert_eq!(clocks(&after)[0]["state"], "met");
    std::fs::remove_dir_all(env.root.join(".git/tix")).expect("remove cache");
    let rebuilt = at(&env, "2026-03-06T16:40:00Z", &["sla", "--format", "json"]);
    assert_eq!(rebuilt.stdout, after.stdout);
    // A rewritten history (reset) rebuilds the cache instead of trusting it.
    env.git(&["reset", "-q", "--hard", "HEAD~1"]);
    let reset = at(&env, "2026-03-06T16:40:00Z", &["sla", "--format", "json"]);
    assert_eq!(reset.stdout, before.stdout);
}

#[test]
fn merged_clones_count_each_change_once() {
    let (env, id) = friday_ticket();
    let origin = env.root.clone();
    let other = env.tmp.path().join("other");
    env.git_in(
        env.tmp.path(),
        &[
            "clone",
            "-q",
            origin.to_str().expect("utf-8"),
            other.to_str().expect("utf-8"),
        ],
    );
    let mut reply = env.tix_cmd_in(
        &other,
        &["comment", &id, "-m", "Reply from the other clone"],
    );
    reply.env("TIX_NOW", "2026-03-06T16:10:00Z");
    assert!(reply.status().expect("run").success());
    at(
        &env,
        "2026-03-06T16:20:00Z",
        &["edit", &id, "--set", "category=network"],
    )
    .success();
    env.git(&[
        "pull",
        "-q",
        "--no-rebase",
        "--no-edit",
        other.to_str().expect("utf-8"),
        "HEAD",
    ]);
    let c = clocks(&at(
        &env,
        "2026-03-06T16:40:00Z",
        &["sla", "--format", "json"],
    ));
    assert_eq!(c[0]["state"], "met");
    assert_eq!(c[0]["stopped_at"], "2026-03-06T16:10:00Z");
    let log = env.tix(&["log", &id, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&log.stdout).expect("json");
    let comments = doc["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .flat_map(|e| e["changes"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["kind"] == "comment")
        .count();
    assert_eq!(comments, 1);
}

/// A `--depth 1` clone of the desk, beside it.
fn shallow_clone(env: &TestEnv) -> std::path::PathBuf {
    let shallow = env.tmp.path().join("shallow");
    let url = format!("file://{}", env.root.display());
    let target = shallow.to_str().expect("utf-8");
    env.git_in(
        env.tmp.path(),
        &["clone", "-q", "--depth", "1", &url, target],
    );
    shallow
}

#[test]
fn shallow_clone_is_refused_with_the_fix() {
    let (env, _) = friday_ticket();
    at(&env, "2026-03-06T16:10:00Z", &["new", "--title", "second"]).success();
    let shallow = shallow_clone(&env);
    let run = env.tix_in(&shallow, &["sla", "check"]);
    assert_eq!(run.code, 3, "{run}");
    assert_eq!(
        run.stderr,
        "error: this is a shallow clone: SLA clocks and reports need the whole history\n\
         hint: fetch the full history: git fetch --unshallow (in CI: actions/checkout with fetch-depth: 0, or GIT_DEPTH: 0 in GitLab)\n",
        "{run}"
    );
}

#[test]
fn log_in_a_shallow_clone_warns_that_the_first_entry_may_not_be_the_creation() {
    let (env, id) = friday_ticket();
    at(
        &env,
        "2026-03-06T16:10:00Z",
        &["comment", &id, "-m", "On it"],
    )
    .success();
    let shallow = shallow_clone(&env);
    let run = env.tix_in(&shallow, &["log", &id]);
    run.success();
    assert_eq!(
        run.stderr,
        "warning: this is a shallow clone: history before its boundary is missing, so the first entry may not be when the ticket was created; run git fetch --unshallow for the whole trail\n",
        "{run}"
    );
    let full = env.tix(&["log", &id]);
    full.success();
    assert_eq!(full.stderr, "", "{full}");
}

#[test]
fn show_includes_the_clocks() {
    let (env, id) = friday_ticket();
    let run = at(&env, "2026-03-06T16:20:00Z", &["show", &id]);
    assert!(run.stdout.contains("SLA (standard):"), "{run}");
    assert!(run.stdout.contains("first_response  running"), "{run}");
    let json = at(
        &env,
        "2026-03-06T16:20:00Z",
        &["show", &id, "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(doc["sla"]["policy"], "standard");
    assert_eq!(doc["sla"]["clocks"][1]["due"], "2026-03-09T12:00:00Z");
}

#[test]
fn sla_table_snapshot() {
    let (env, id) = friday_ticket();
    at(
        &env,
        "2026-03-06T16:25:00Z",
        &["new", "--title", "Printer toner", "--priority", "P3"],
    )
    .success();
    at(&env, "2026-03-09T09:00:00Z", &["pending", &id]).success();
    let mut cmd = env.tix_cmd(&["sla"]);
    cmd.env("TIX_NOW", "2026-03-09T10:00:00Z");
    insta::assert_snapshot!(
        "sla_table",
        Run::from(cmd.output().expect("run")).to_string()
    );
}

#[test]
fn invalid_sla_config_is_refused_with_its_line() {
    let (env, id) = friday_ticket();
    let config = env.read(".tix/config.yaml");
    // What follows `error: .tix/config.yaml:LINE` (the line of `from`).
    for (from, to, rest) in [
        (
            "timezone: UTC",
            "timezone: Europe/Berln",
            ":15: calendars.office.timezone: unknown time zone `Europe/Berln`; use an IANA name like Europe/Berlin or America/New_York\n",
        ),
        (
            "P1: { first_response: 30m",
            "P1: { first_response: 4x",
            ":31: sla.policies[0].targets.P1.first_response: invalid duration `4x`: unknown unit `x`; write one like e.g. 30m, 4h, 1h30m, 2d, 1w (units: w, d, h, m, s)\n",
        ),
        (
            "calendar: office",
            "calendar: offfice",
            ": unknown calendar `offfice`\nhint: define it under `calendars:` or use one of: office, 24x7\n",
        ),
        (
            "mon: [\"09:00-17:00\"]",
            "mon: [\"09:00-12:00\", \"11:00-17:00\"]",
            ":12: calendars.office.hours.mon: intervals `09:00-12:00` and `11:00-17:00` overlap; list each working period once\n",
        ),
        (
            "mon: [\"09:00-17:00\"]",
            "mon: [\"17:00-09:00\"]",
            ":13: calendars.office.hours.mon[0]: interval `17:00-09:00` is empty or inverted; the opening must come before the closing\n",
        ),
    ] {
        env.write(".tix/config.yaml", &config.replace(from, to));
        let line = config.lines().position(|l| l.contains(from)).expect("line") + 1;
        let run = env.tix(&["sla", "check"]);
        assert_eq!(run.code, 2, "{run}");
        assert_eq!(
            run.stderr,
            format!("error: .tix/config.yaml:{line}{rest}"),
            "{to}: {run}"
        );
        let assign = env.tix(&["assign", &id, "bob"]);
        assert_eq!(
            assign.code, 2,
            "nothing may run with a broken config: {assign}"
        );
    }
}

#[test]
fn sla_shows_history_as_of_the_time_and_forgets_deleted_tickets() {
    let (env, id) = friday_ticket();
    at(
        &env,
        "2026-03-09T09:30:00Z",
        &["edit", &id, "--set", "title=Mail server down for everyone"],
    )
    .success();
    // Looking back takes --as-of: at a TIX_NOW before a commit, that commit is future-dated and
    // counts as made now.
    let title = |when: &str| {
        let run = at(&env, when, &["sla", "--format", "json", "--as-of", when]);
        json(&run)["tickets"][0]["title"].clone()
    };
    assert_eq!(title("2026-03-09T09:00:00Z"), "Mail server down");
    assert_eq!(
        title("2026-03-09T10:00:00Z"),
        "Mail server down for everyone"
    );
    // An uncommitted edit does not count; a ticket removed with plain git is gone from the clocks.
    let file = env.ticket_file(&id);
    std::fs::write(&file, "not: [yaml").expect("write");
    assert_eq!(
        title("2026-03-09T10:00:00Z"),
        "Mail server down for everyone"
    );
    env.git(&["rm", "-qf", &file.to_string_lossy()]);
    env.git(&["commit", "-qm", "remove a test ticket"]);
    let run = at(
        &env,
        "2099-01-01T00:00:00Z",
        &["sla", "check", "--format", "json"],
    );
    let json: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{run}"));
    assert_eq!(json["checked"], 0, "{run}");
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn commit_dated_after_now_counts_as_made_now_with_a_warning() {
    let mut env = TestEnv::empty();
    env.tix(&["init"]).success();
    // A laptop whose clock runs a day ahead creates the ticket.
    env.now = "2026-03-03T09:00:00Z".into();
    let id = env.new_ticket("Printer on fire", &["--priority", "P1"]);
    let run = at(&env, "2026-03-02T09:10:00Z", &["sla", "check"]);
    assert_eq!(run.code, 0, "{run}");
    let warning = format!(
        "warning: 1 commit is dated after now (2026-03-02T09:10:00Z), the latest on {id} at 2026-03-03T09:00:00Z; counted as made now (a clock set ahead?)\n"
    );
    // The ticket counts, with one warning.
    assert_eq!(
        run.stderr,
        format!("{warning}SLA check passed: 2 clocks on 1 open tickets, 0 warning.\n"),
        "{run}"
    );
    let run = at(&env, "2026-03-02T09:10:00Z", &["show", &id]);
    assert!(run.stdout.contains("first_response"), "{run}");
    assert_eq!(run.stderr, warning, "{run}");
    // An explicit --as-of before the commit leaves it out, without a warning.
    let run = at(
        &env,
        "2026-03-02T09:10:00Z",
        &["sla", "check", "--as-of", "2026-03-02T09:10:00Z"],
    );
    assert_eq!(
        run.stderr, "SLA check passed: 0 clocks on 0 open tickets, 0 warning.\n",
        "{run}"
    );
}

#[test]
fn raising_the_priority_past_the_new_due_is_a_breach_at_the_change() {
    let mut env = TestEnv::empty();
    env.now = "2026-03-02T08:00:00Z".into();
    env.tix(&["init"]).success();
    env.now = "2026-03-02T09:00:00Z".into();
    let id = env.new_ticket(
        "VPN flaky",
        &["--priority", "P3", "--actor", DANA, "--requester", DANA],
    );
    // The first response is answered, so only the resolution clock is at stake.
    at(
        &env,
        "2026-03-02T09:05:00Z",
        &["comment", &id, "-m", "On it"],
    )
    .success();
    at(
        &env,
        "2026-03-02T14:00:00Z",
        &["edit", &id, "--set", "priority=P1"],
    )
    .success();
    let run = at(&env, "2026-03-02T14:00:00Z", &["sla", "--format", "json"]);
    let c = clocks(&run);
    assert_eq!(c[1]["kind"], "resolution");
    assert_eq!(c[1]["state"], "breached", "{run}");
    assert_eq!(c[1]["due"], "2026-03-02T13:00:00Z");
    assert_eq!(c[1]["breach_at"], "2026-03-02T13:00:00Z");
    assert_eq!(c[1]["breach_detected_at"], "2026-03-02T14:00:00Z");
    let check = at(&env, "2026-03-02T14:00:00Z", &["sla", "check"]);
    assert_eq!(check.code, 1, "{check}");
}

/// A policy for one organisation's requesters, matched by email domain; an unknown
/// organisation in a policy is a config error with file and line.
#[test]
fn a_policy_matches_the_requester_organisation_by_email_domain() {
    let env = TestEnv::new();
    let config = env.read(".tix/config.yaml").replacen(
        "  policies:                  # the first policy whose `when` matches a ticket applies\n",
        "  policies:                  # the first policy whose `when` matches a ticket applies\n    - name: acme\n      calendar: 24x7\n      when: { organisation: acme }\n      targets: { P3: { first_response: 10m, resolution: 1h } }\n",
        1,
    ) + "organisations:\n  acme: [acme.com]\n";
    env.write(".tix/config.yaml", &config);
    env.git(&["commit", "-qam", "acme gets an hour"]);
    let acme = env.new_ticket("Acme", &["--requester", "Wile <wile@eu.acme.com>"]);
    let other = env.new_ticket("Other", &["--requester", "someone@example.org"]);
    let target = |id: &str| -> serde_json::Value {
        let json: serde_json::Value =
            serde_json::from_str(&env.tix(&["sla", id, "--format", "json"]).stdout).expect("json");
        let clocks = json["tickets"][0]["clocks"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        clocks
            .iter()
            .find(|c| c["kind"] == "resolution")
            .map(|c| c["target_secs"].clone())
            .unwrap_or_default()
    };
    assert_eq!(target(&acme), serde_json::json!(3600));
    assert_ne!(target(&other), serde_json::json!(3600));

    env.write(
        ".tix/config.yaml",
        &config.replace("organisation: acme", "organisation: acne"),
    );
    let check = env.tix(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    let line = config
        .lines()
        .position(|l| l.contains("organisation: acme"))
        .expect("line")
        + 1;
    assert_eq!(
        check.stdout,
        format!(".tix/config.yaml:{line}: unknown organisation `acne`\n"),
        "{check}"
    );
    assert_eq!(
        check.stderr, "error: the configuration is invalid\n",
        "{check}"
    );
}

/// `tix sla --all` includes finished tickets, the JSON counts reopens, and `tix sla check ID`
/// judges only the tickets named.
#[test]
fn sla_all_reopens_and_check_of_named_tickets() {
    let (env, late) = friday_ticket();
    // A second P1 that gets resolved, reopened twice and closed.
    let done = at(
        &env,
        "2026-03-09T09:00:00Z",
        &["new", "--title", "Printer", "--priority", "P1"],
    );
    let done = done.stdout.trim().to_string();
    for (when, args) in [
        (
            "2026-03-09T09:05:00Z",
            vec!["resolve", done.as_str(), "--resolution", "Fixed"],
        ),
        ("2026-03-09T09:10:00Z", vec!["reopen", done.as_str()]),
        (
            "2026-03-09T09:15:00Z",
            vec!["resolve", done.as_str(), "--resolution", "Fixed again"],
        ),
        ("2026-03-09T09:20:00Z", vec!["reopen", done.as_str()]),
        (
            "2026-03-09T09:25:00Z",
            vec!["resolve", done.as_str(), "--resolution", "For good"],
        ),
        ("2026-03-09T09:30:00Z", vec!["close", done.as_str()]),
    ] {
        at(&env, when, &args).success();
    }
    let when = "2026-03-10T12:00:00Z";
    let ids = |run: &Run| -> Vec<String> {
        json(run)["tickets"]
            .as_array()
            .expect("tickets")
            .iter()
            .filter_map(|t| t["id"].as_str().map(str::to_string))
            .collect()
    };
    let open = at(&env, when, &["sla", "--format", "json"]);
    assert_eq!(ids(&open), vec![late.clone()]);
    let all = at(&env, when, &["sla", "--all", "--format", "json"]);
    assert_eq!(ids(&all).len(), 2, "{all}");
    let closed = json(&at(&env, when, &["sla", &done, "--format", "json"]));
    assert_eq!(closed["tickets"][0]["reopens"], 2);
    assert_eq!(json(&open)["tickets"][0]["reopens"], 0);
    // The late ticket is breached; checking only the closed one passes.
    assert_eq!(at(&env, when, &["sla", "check"]).code, 1);
    let named = at(&env, when, &["sla", "check", &done]);
    assert_eq!(named.code, 0, "{named}");
    assert_eq!(at(&env, when, &["sla", "check", &late]).code, 1);
}

/// `bots:` in the config: an automated comment (here by an identity that is also an agent)
/// does not stop the first-response clock; an agent's reply does.
#[test]
fn a_bot_comment_is_no_first_response() {
    let (env, id) = friday_ticket();
    let config = env.read(".tix/config.yaml").replacen(
        "agents:\n",
        "bots: [bot@example.com]\nagents:\n  - name: Desk Bot\n    email: bot@example.com\n",
        1,
    );
    env.write(".tix/config.yaml", &config);
    env.git(&["commit", "-qam", "a bot"]);
    let mut bot = env.tix_cmd(&["comment", &id, "-m", "We got your mail."]);
    bot.env("TIX_NOW", "2026-03-06T16:01:00Z")
        .env("TIX_ACTOR", "Desk Bot <bot@example.com>");
    Run::from(bot.output().expect("run")).success();
    let first = |run: &Run| -> serde_json::Value {
        clocks(run)
            .as_array()
            .and_then(|c| c.iter().find(|c| c["kind"] == "first_response").cloned())
            .unwrap_or_default()
    };
    let after_bot = at(
        &env,
        "2026-03-06T16:05:00Z",
        &["sla", &id, "--format", "json"],
    );
    assert_eq!(
        first(&after_bot)["stopped_at"],
        serde_json::Value::Null,
        "{after_bot}"
    );
    at(
        &env,
        "2026-03-06T16:10:00Z",
        &["comment", &id, "-m", "Looking now."],
    )
    .success();
    let after_agent = at(
        &env,
        "2026-03-06T16:15:00Z",
        &["sla", &id, "--format", "json"],
    );
    assert_eq!(
        first(&after_agent)["stopped_at"],
        "2026-03-06T16:10:00Z",
        "{after_agent}"
    );
}

/// `tix sla explain`: the worked example of the README (a pause over a weekend, then a
/// re-prioritisation whose new due is already past), as text and as JSON whose stretches add up
/// to the elapsed time; a missing clock names the ones there are.
#[test]
fn explain_shows_the_arithmetic_of_one_clock() {
    // Seeded IDs: the snapshot shows the real ID, no redaction.
    let (env, id) = friday_ticket_seeded(Some(1));
    at(
        &env,
        "2026-03-06T16:10:00Z",
        &["comment", &id, "-m", "Looking"],
    )
    .success();
    at(
        &env,
        "2026-03-06T16:30:00Z",
        &["edit", &id, "--set", "priority=P3"],
    )
    .success();
    at(
        &env,
        "2026-03-06T16:45:00Z",
        &["pending", &id, "-m", "Which server?"],
    )
    .success();
    at(&env, "2026-03-09T11:00:00Z", &["start", &id]).success();
    at(
        &env,
        "2026-03-09T14:30:00Z",
        &["edit", &id, "--set", "priority=P1"],
    )
    .success();
    let mut cmd = env.tix_cmd(&["sla", "explain", &id[..6]]);
    cmd.env("TIX_NOW", "2026-03-09T15:00:00Z");
    let run = Run::from(cmd.output().expect("run"));
    insta::assert_snapshot!("sla_explain", run.success().stdout);

    let run = at(
        &env,
        "2026-03-09T15:00:00Z",
        &["sla", "explain", &id, "--format", "json"],
    );
    let doc = json(&run);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["clock"]["state"], "breached");
    assert_eq!(doc["clock"]["breach_at"], "2026-03-09T14:15:00Z");
    assert_eq!(doc["clock"]["breach_detected_at"], "2026-03-09T14:30:00Z");
    let stretches = doc["stretches"].as_array().expect("stretches");
    let running: i64 = stretches
        .iter()
        .filter(|s| s["phase"] == "running")
        .map(|s| s["business_secs"].as_i64().expect("secs"))
        .sum();
    assert_eq!(
        running,
        doc["clock"]["elapsed_secs"].as_i64().expect("elapsed")
    );
    assert_eq!(doc["targets"].as_array().map(Vec::len), Some(3));

    let first = at(
        &env,
        "2026-03-09T15:00:00Z",
        &[
            "sla",
            "explain",
            &id,
            "--clock",
            "first_response",
            "--as-of",
            "2026-03-06T16:20:00Z",
        ],
    );
    assert!(first.success().stdout.contains("Verdict  met"), "{first}");
    let none = at(
        &env,
        "2026-03-09T15:00:00Z",
        &["sla", "explain", &id, "--clock", "next_response"],
    );
    assert_eq!(none.code, 2, "{none}");
    assert_eq!(
        none.stderr,
        format!(
            "error: {id} has no next_response clock at 2026-03-09T15:00:00Z; it has: first_response, resolution (pick one with --clock and --cycle)\n"
        ),
        "{none}"
    );
}

/// An agent's ticket is answered at creation only when opened with a public message
/// (`tix new --message`); an `--automated` comment is shown but never answers.
#[test]
fn agent_opened_tickets_need_a_public_message_and_automated_comments_do_not_answer() {
    let (env, _) = friday_ticket();
    // The test actor is the agent `tix init` listed.
    let logged = env.new_ticket("Phoned in: VPN down", &["--priority", "P1"]);
    let answered = env.new_ticket(
        "Mailed: VPN down",
        &["--priority", "P1", "--message", "We are on it."],
    );
    let auto = env.new_ticket(
        "Monitoring: disk full",
        &["--priority", "P1", "--requester", DANA],
    );
    at(
        &env,
        "2026-03-06T16:01:00Z",
        &[
            "comment",
            &auto,
            "--automated",
            "-m",
            "Alert acknowledged by the pager.",
        ],
    )
    .success();
    let run = at(&env, "2026-03-06T16:20:00Z", &["sla", "--format", "json"]);
    let doc = json(&run);
    let first = |id: &str| -> serde_json::Value {
        doc["tickets"]
            .as_array()
            .and_then(|t| t.iter().find(|t| t["id"] == id))
            .map(|t| t["clocks"][0].clone())
            .unwrap_or_else(|| panic!("{id} in {run}"))
    };
    assert_eq!(first(&logged)["state"], "running", "{run}");
    assert_eq!(first(&answered)["state"], "met", "{run}");
    assert_eq!(first(&answered)["stopped_at"], "2026-03-06T16:00:00Z");
    assert_eq!(first(&auto)["state"], "running", "{run}");
    let show = env.tix(&["show", &auto]);
    assert!(show.success().stdout.contains("(automated)"), "{show}");
    let json_show = env.tix(&["show", &auto, "--format", "json"]);
    assert!(
        json_show.stdout.contains("\"automated\": true"),
        "{json_show}"
    );
    let file = std::fs::read_to_string(env.ticket_file(&auto)).expect("ticket file");
    assert!(file.contains("automated: true"), "{file}");
    let empty = env.tix(&["new", "--title", "x", "--message", " "]);
    assert_eq!(empty.code, 2, "{empty}");
}
