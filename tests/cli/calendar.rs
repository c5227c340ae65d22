//! `tix calendar`: the config's business-time arithmetic from the command line.

use crate::automation::configure;
use crate::common::TestEnv;

fn berlin() -> TestEnv {
    let env = TestEnv::new();
    configure(
        &env,
        &[(
            "calendars:\n",
            "calendars:\n  berlin:\n    timezone: Europe/Berlin\n    hours: { mon: [\"09:00-17:00\"], tue: [\"09:00-17:00\"], wed: [\"09:00-17:00\"], thu: [\"09:00-17:00\"], fri: [\"09:00-17:00\"] }\n    holidays: [\"2026-03-09\"]\n",
        )],
    );
    env
}

#[test]
fn add_between_and_is_open_answer_in_utc_and_local_time() {
    let env = berlin();
    // Friday 16:00 Berlin (15:00 UTC) + 4h: one hour on Friday, Monday is a holiday, so Tuesday 12:00.
    let add = env.tix(&["calendar", "berlin", "--add", "2026-03-06T15:00:00Z", "4h"]);
    add.success();
    assert_eq!(
        add.stdout,
        "2026-03-06T15:00:00Z + 4h of open time = 2026-03-10T11:00:00Z (2026-03-10T12:00:00+01:00)\n"
    );
    let between = env.tix(&[
        "calendar",
        "berlin",
        "--between",
        "2026-03-06T15:00:00Z",
        "2026-03-10T11:00:00Z",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&between.stdout).expect("json");
    assert_eq!(json["duration_secs"], 4 * 3600);
    assert_eq!(json["version"], 1);
    let closed = env.tix(&[
        "calendar",
        "berlin",
        "--is-open",
        "2026-03-09T10:00:00Z",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&closed.stdout).expect("json");
    assert_eq!(json["open"], false);
    assert_eq!(json["next_open"], "2026-03-10T08:00:00Z");
    let open = env.tix(&["calendar", "24x7", "--is-open", "2026-03-09T10:00:00Z"]);
    assert!(open.success().stdout.starts_with("open at"), "{open}");
}

#[test]
fn unknown_calendars_and_bad_questions_are_input_errors() {
    let env = berlin();
    let run = env.tix(&["calendar", "nowhere", "--is-open", "2026-03-09T10:00:00Z"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr,
        "error: no calendar 'nowhere' in .tix/config.yaml; known: 24x7, berlin, office\n",
        "{run}"
    );
    let run = env.tix(&["calendar", "berlin"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr, "error: ask one question: --add START DURATION, --between A B or --is-open T\n",
        "{run}"
    );
    let run = env.tix(&["calendar", "berlin", "--add", "yesterday", "4h"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr,
        "error: --add 'yesterday' is not an RFC 3339 time such as 2026-03-02T09:00:00Z\n",
        "{run}"
    );
    let run = env.tix(&["calendar", "berlin", "--add", "2026-03-06T15:00:00Z", "4x"]);
    assert_eq!(run.code, 2, "{run}");
}
