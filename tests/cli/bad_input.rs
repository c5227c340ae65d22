//! Bad input: a one-line error, the documented exit code, and nothing written (HEAD and
//! `git status` unchanged).

use crate::common::TestEnv;

/// A repository with one ticket in `new`, and its HEAD and status before the bad command.
fn setup() -> (TestEnv, String, String, String) {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let (head, status) = (env.head(), env.porcelain());
    (env, id, head, status)
}

#[test]
fn unknown_id() {
    let (env, _, head, status) = setup();
    let run = env.tix(&["assign", "ZZZZZZZZ", "bob"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(run.error_line(), "error: no ticket matches 'ZZZZZZZZ'");
}

#[test]
fn malformed_id() {
    let (env, _, head, status) = setup();
    let run = env.tix(&["show", "IT-UU!"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: 'IT-UU!' is not a ticket ID or ID prefix: IDs use the digits 0-9 and letters A-Z except I, L, O, U"
    );
}

#[test]
fn ambiguous_prefix_lists_candidates() {
    let env = TestEnv::new();
    // Create tickets until two share a first character.
    let mut ids: Vec<String> = Vec::new();
    let shared = loop {
        let id = env.new_ticket("t", &[]);
        if let Some(other) = ids.iter().find(|o| o[3..4] == id[3..4]) {
            break (other.clone(), id);
        }
        ids.push(id);
    };
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["close", &shared.0[3..4]]);
    env.assert_rejected(&run, 2, &head, &status);
    let (first, second) = if shared.0 < shared.1 {
        (&shared.0, &shared.1)
    } else {
        (&shared.1, &shared.0)
    };
    assert_eq!(
        run.stderr,
        format!(
            "error: '{}' is ambiguous: 2 tickets match: {first}, {second}; type more characters\n",
            &shared.0[3..4]
        ),
        "{run}"
    );
}

#[test]
fn ambiguous_prefix_of_many_names_ten_and_counts_all() {
    let (env, id, _, _) = setup();
    // 37 ticket files whose codes start with 4, copies of a real one: resolving reads names.
    let text = std::fs::read_to_string(env.ticket_file(&id)).expect("ticket");
    let alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut crafted: Vec<String> = alphabet
        .chars()
        .flat_map(|second| ["00", "11"].map(|rest| format!("IT-4{second}{rest}0000")))
        .take(37)
        .collect();
    crafted.sort();
    for crafted_id in &crafted {
        let file = env.ticket_file(crafted_id);
        std::fs::create_dir_all(file.parent().expect("shard")).expect("mkdir");
        std::fs::write(&file, text.replace(&id, crafted_id)).expect("write");
    }
    env.git(&["add", "tickets"]);
    env.git(&["commit", "-qm", "37 tickets starting with 4"]);
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["close", "it-4"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.stderr,
        format!(
            "error: 'it-4' is ambiguous: 37 tickets match, e.g. {}, ...; type more characters\n",
            crafted[..10].join(", ")
        ),
        "{run}"
    );
}

#[test]
fn chdir_to_a_file_says_it_is_not_a_directory() {
    let (env, _, _, _) = setup();
    env.write("notes.txt", "not a desk\n");
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["-C", "notes.txt", "list"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.stderr,
        format!(
            "error: -C {}: not a directory\n",
            env.root.join("notes.txt").display()
        ),
        "{run}"
    );
    let run = env.tix(&["-C", "missing", "list"]);
    assert_eq!(
        run.error_line(),
        format!(
            "error: -C {}: no such directory",
            env.root.join("missing").display()
        )
    );
}

#[test]
fn limit_zero_is_refused() {
    let (env, _, head, status) = setup();
    let run = env.tix(&["list", "--limit", "0"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: invalid value '0' for '--limit <N>': must be at least 1; leave --limit out to show every ticket"
    );
    env.tix(&["list", "--limit", "1"]).success();
}

#[test]
fn invalid_transition_names_allowed_statuses() {
    let (env, id, head, status) = setup();
    let run = env.tix(&["close", &id]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: cannot move a ticket from 'new' to 'closed'; allowed next statuses: open, in_progress, pending, resolved"
    );
    let run = env.tix(&["edit", &id, "--set", "status=closed"]);
    env.assert_rejected(&run, 2, &head, &status);
}

#[test]
fn unknown_field() {
    let (env, id, head, status) = setup();
    let run = env.tix(&["edit", &id, "--set", "colour=red"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.stderr,
        "error: unknown field 'colour'; known fields: title, type, status, priority, impact, urgency, category, requester, assignee, team, tags, due, asset, template, kb, description, resolution, or fields.NAME for a custom field\n",
        "{run}"
    );
}

#[test]
fn unknown_priority_and_category() {
    let (env, id, head, status) = setup();
    let run = env.tix(&["edit", &id, "--set", "priority=P9"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: unknown priority 'P9'; known values: P1, P2, P3, P4"
    );
    let run = env.tix(&["new", "--title", "x", "--category", "plumbing"]);
    env.assert_rejected(&run, 2, &head, &status);
}

#[test]
fn empty_title() {
    let (env, _, head, status) = setup();
    let run = env.tix(&["new", "--title", "   "]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: the title is empty; give a short summary such as --title \"Laptop does not boot\""
    );
    let run = env.tix(&["new", "--no-input"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: missing --title: give a one-line summary, e.g. --title \"Printer on floor 2 jams\""
    );
}

#[test]
fn malformed_field_flag() {
    let (env, _, head, status) = setup();
    let run = env.tix(&["new", "--title", "x", "--field", "room"]);
    env.assert_rejected(&run, 2, &head, &status);
    // Checked by clap at the edge, before anything runs.
    assert_eq!(
        run.error_line(),
        "error: invalid value 'room' for '--field <KEY=VALUE>': expected KEY=VALUE, e.g. --field room=B12"
    );
    let run = env.tix(&["new", "--title", "x", "--field", "9lives=x"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: invalid value '9lives=x' for '--field <KEY=VALUE>': invalid custom field name '9lives': use letters, digits, '_' or '-', starting with a letter"
    );
    for (args, error) in [
        (
            &["edit", "ABCD", "--set", "priority"][..],
            "error: invalid value 'priority' for '--set <FIELD=VALUE>': expected FIELD=VALUE, e.g. --set priority=P1",
        ),
        (
            &["sla", "--as-of", "yesterday"][..],
            "error: invalid value 'yesterday' for '--as-of <TIME>': not a time: use RFC 3339 (2026-03-02T09:00:00Z) or YYYY-MM-DD",
        ),
        (
            &["sla", "check", "--warn-before", "4x"][..],
            "error: invalid value '4x' for '--warn-before <DURATION>': invalid duration `4x`: unknown unit `x`; write one like e.g. 30m, 4h, 1h30m, 2d, 1w (units: w, d, h, m, s)",
        ),
    ] {
        let run = env.tix(args);
        env.assert_rejected(&run, 2, &head, &status);
        assert_eq!(run.error_line(), error, "{run}");
    }
}

#[test]
fn broken_ticket_yaml_reports_file_and_line() {
    let (env, id, _, _) = setup();
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("status: new", "status: [new")).expect("write");
    env.git(&["commit", "-qam", "hand edit gone wrong"]);
    let (head, status) = (env.head(), env.porcelain());
    let rel = format!("tickets/{}/{}/{id}.yaml", &id[3..4], &id[4..5]);
    for args in [
        vec!["show", id.as_str()],
        vec!["assign", id.as_str(), "bob"],
    ] {
        let run = env.tix(&args);
        env.assert_rejected(&run, 2, &head, &status);
        assert_eq!(
            run.stderr,
            format!("error: {rel}:4:9: status: invalid type: sequence, expected a string\n"),
            "{run}"
        );
    }
    // A broken file does not hide the other tickets: list warns and goes on; check fails.
    env.new_ticket("Still listed", &[]);
    let run = env.tix(&["list"]);
    run.success();
    assert!(run.stdout.contains("Still listed"), "{run}");
    assert_eq!(
        run.stderr,
        format!(
            "warning: skipped {rel}:4:9: status: invalid type: sequence, expected a string (run `tix check`)\n"
        ),
        "{run}"
    );
    assert_eq!(env.tix(&["check"]).code, 1);
}

#[test]
fn broken_config_reports_file_and_line() {
    let (env, id, _, _) = setup();
    let text = env
        .read(".tix/config.yaml")
        .replace("closed: [open]", "closed: [opne]");
    env.write(".tix/config.yaml", &text);
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["assign", &id, "bob"]);
    env.assert_rejected(&run, 2, &head, &status);
    let line = text
        .lines()
        .position(|l| l.contains("closed: [opne]"))
        .expect("line")
        + 1;
    assert_eq!(
        run.error_line(),
        format!(
            "error: .tix/config.yaml:{line}: transition from 'closed' to unknown status 'opne'"
        )
    );
    env.write(
        ".tix/config.yaml",
        &text.replace("version: 1", "version: 1\nversion_two: true"),
    );
    let run = env.tix(&["list"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr,
        "error: .tix/config.yaml:5:1: unknown field `version_two`, expected one of `version`, `id_prefix`, `workflow`, `types`, `default_type`, `priorities`, `default_priority`, `categories`, `agents`, `bots`, `calendars`, `sla`, `groups`, `organisations`, `priority_matrix`, `teams`, `free_form_assignees`, `rules`, `escalation`, `hooks`, `audit`, `views`, `intake`\n",
        "{run}"
    );
}

#[test]
fn outside_a_ticket_repo() {
    let env = TestEnv::empty();
    let run = env.tix(&["list"]);
    assert_eq!(run.code, 3, "{run}");
    assert_eq!(
        run.stderr,
        format!(
            "error: not a ticket repository: no .tix/config.yaml in {} or its parents\n\
             hint: run `tix init` to make this directory a ticket repository, or use -C DIR\n",
            env.root.display()
        ),
        "{run}"
    );
    assert!(
        std::fs::read_dir(&env.root).expect("dir").next().is_none(),
        "something was written"
    );
}

#[test]
fn uncommitted_hand_edit_is_not_overwritten() {
    let (env, id, head, _) = setup();
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file)
        .expect("read")
        .replace("Printer jams", "Printer jams badly");
    std::fs::write(&file, &text).expect("write");
    let status = env.porcelain();
    let run = env.tix(&["assign", &id, "bob"]);
    env.assert_rejected(&run, 3, &head, &status);
    let rel = format!("tickets/{}/{}/{id}.yaml", &id[3..4], &id[4..5]);
    assert_eq!(
        run.stderr,
        format!(
            "error: {rel} has uncommitted changes; commit them with git or discard them (git checkout -- {rel}) first\n"
        ),
        "{run}"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
}

#[test]
fn resolve_without_resolution() {
    let (env, id, head, status) = setup();
    let run = env.tix(&["resolve", &id]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: missing --resolution TEXT: say what fixed the problem"
    );
}

#[test]
fn bad_actor_and_bad_clock() {
    let (env, id, head, status) = setup();
    let run = env.tix(&["assign", &id, "bob", "--actor", "x <y"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: --actor/TIX_ACTOR 'x <y' is not a valid author; use \"Name <email>\" or a name"
    );
    let mut cmd = env.tix_cmd(&["assign", &id, "bob"]);
    cmd.env("TIX_NOW", "yesterday");
    let run = crate::common::Run::from(cmd.output().expect("run"));
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: TIX_NOW='yesterday' is not an RFC 3339 time such as 2026-03-02T09:00:00Z"
    );
}

#[test]
fn editor_result_that_is_invalid_is_rejected_and_kept() {
    let (env, id, head, status) = setup();
    let run = env.edit_with_sed(&id, "s/priority: P3/priority: P7/");
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.stderr,
        format!(
            "error: unknown priority 'P7'; known values: P1, P2, P3, P4\n\
             hint: your edit is saved in {}/.git/tix/edit-{id}.yaml\n",
            env.root.display()
        ),
        "{run}"
    );
}
