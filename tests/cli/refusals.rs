//! Input tix refuses with a one-line error, exit 2 and nothing written: control characters in
//! actors and ticket fields, over-long texts, out-of-range environment values, an aborted editor.
//! Also: text from hand-edited files is shown with its control characters escaped.

use crate::common::{Run, TestEnv};

fn setup() -> (TestEnv, String, String, String) {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let (head, status) = (env.head(), env.porcelain());
    (env, id, head, status)
}

fn with_env(env: &TestEnv, args: &[&str], name: &str, value: &str) -> Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env(name, value);
    Run::from(cmd.output().expect("run tix"))
}

#[test]
fn actor_with_a_newline_is_refused() {
    let (env, id, head, status) = setup();
    let run = env.tix(&["--actor", "Eve\nEvil <e@x>", "new", "--title", "x"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: --actor/TIX_ACTOR 'Eve\\u000aEvil <e@x>' holds the control character U+000A (line break); use \"Name <email>\" or a name"
    );
    let run = with_env(&env, &["assign", &id, "bob"], "TIX_ACTOR", "Eve\u{1b}[31m");
    env.assert_rejected(&run, 2, &head, &status);
    let run = env.tix(&["comment", &id, "-m", "hi", "--author", "Eve\u{1}"]);
    env.assert_rejected(&run, 2, &head, &status);
    env.git(&["fsck", "--strict"]);
}

#[test]
fn control_characters_in_fields_are_refused_naming_the_field() {
    let (env, id, head, status) = setup();
    let line = "single-line values cannot hold control characters (line breaks, tabs, ESC, NUL...)";
    let text = "multi-line texts may hold line breaks and tabs, but no other control characters";
    // The field, the character as named, and which rule it breaks.
    let cases: [(&[&str], &str, &str, &str); 8] = [
        (
            &["new", "--title", "a\u{1b}[31mred"],
            "title",
            "U+001B (ESC)",
            line,
        ),
        (
            &["new", "--title", "t", "--requester", "bob\u{7}"],
            "requester",
            "U+0007",
            line,
        ),
        (
            &["new", "--title", "t", "--tag", "vpn\u{9b}"],
            "tag",
            "U+009B",
            line,
        ),
        (
            &["new", "--title", "t", "--field", "room=4\u{1}"],
            "fields.room",
            "U+0001",
            line,
        ),
        (
            &["new", "--title", "t", "--description", "x\u{1b}]0;pwn\u{7}"],
            "description",
            "U+001B (ESC)",
            text,
        ),
        (
            &["edit", &id, "--set", "category=hard\nware"],
            "category",
            "U+000A (line break)",
            line,
        ),
        (
            &["assign", &id, "bob\u{7f}"],
            "assignee",
            "U+007F (DEL)",
            line,
        ),
        (
            &["comment", &id, "-m", "see \u{1b}[2J"],
            "comment 1",
            "U+001B (ESC)",
            text,
        ),
    ];
    for (args, field, character, rule) in cases {
        let run = env.tix(args);
        env.assert_rejected(&run, 2, &head, &status);
        assert_eq!(
            run.stderr,
            format!("error: {field} contains the control character {character}; {rule}\n"),
            "{args:?}: {run}"
        );
    }
    // Multi-line texts keep line breaks and tabs.
    env.tix(&["comment", &id, "-m", "Steps:\n\t1. reboot"])
        .success();
}

#[test]
fn an_editor_result_with_control_characters_is_refused() {
    let (env, id, head, status) = setup();
    let run = env.edit_with_sed(
        &id,
        "s/title: Printer jams/title: \"Printer \\\\e[5mjams\"/",
    );
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.stderr,
        format!(
            "error: title contains the control character U+001B (ESC); single-line values cannot hold control characters (line breaks, tabs, ESC, NUL...)\n\
             hint: your edit is saved in {}/.git/tix/edit-{id}.yaml\n",
            env.root.display()
        ),
        "{run}"
    );
}

#[test]
fn a_hand_edited_control_character_blocks_writes_and_is_escaped_on_display() {
    let (env, id, _, _) = setup();
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file).expect("read");
    let text = text.replace("title: Printer jams", "title: \"Printer \\e[31mjams\\a\"");
    std::fs::write(&file, text + "description: \"one\\ntwo\\e]0;owned\\a\"\n").expect("write");
    env.git(&["commit", "-qam", "hand edit"]);
    let (head, status) = (env.head(), env.porcelain());

    let run = env.tix(&["comment", &id, "-m", "hello"]);
    env.assert_rejected(&run, 2, &head, &status);
    let rel = format!("tickets/{}/{}/{id}.yaml", &id[3..4], &id[4..5]);
    assert_eq!(
        run.stderr,
        format!(
            "error: {rel}: title contains the control character U+001B (ESC); single-line values cannot hold control characters (line breaks, tabs, ESC, NUL...)\n\
             hint: fix the value (tix edit ID --set FIELD=VALUE), or edit the file and commit it with git\n"
        ),
        "{run}"
    );

    for args in [
        &["list"][..],
        &["show", &id],
        &["list", "--format", "csv"],
        &["log", &id],
    ] {
        let run = env.tix(args);
        run.success();
        assert!(
            !run.stdout.contains(['\u{1b}', '\u{7}']),
            "{args:?} printed a raw control character: {run}"
        );
    }
    let show = env.tix(&["show", &id]);
    assert!(
        show.stdout.contains("Printer \\u001b[31mjams\\u0007"),
        "{show}"
    );
    assert!(
        show.stdout.contains("  one\n  two\\u001b]0;owned\\u0007\n"),
        "{show}"
    );
    let json = env.tix(&["show", &id, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(
        value["ticket"]["title"], "Printer \u{1b}[31mjams\u{7}",
        "json keeps the exact value"
    );

    // Setting a clean value repairs the ticket.
    env.tix(&[
        "edit",
        &id,
        "--set",
        "title=Printer jams",
        "--set",
        "description=one",
    ])
    .success();
}

#[test]
fn titles_and_texts_over_their_limits_are_refused() {
    let (env, id, head, status) = setup();
    let title = "x".repeat(201);
    let run = env.tix(&["new", "--title", &title]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: title is too long: 201 characters; the limit is 200"
    );
    env.new_ticket(&"x".repeat(200), &[]);
    let (head, status) = (env.head(), env.porcelain());
    let body = "y".repeat(64 * 1024 + 1);
    let run = env.tix(&["comment", &id, "-m", &body]);
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: comment 1 is too long: 65537 bytes; the limit is 65536"
    );
}

#[test]
fn tix_now_outside_1970_to_2100_is_refused() {
    let (env, id, head, status) = setup();
    for value in ["1900-01-01T00:00:00Z", "9999-01-01T00:00:00Z"] {
        let run = with_env(&env, &["assign", &id, "bob"], "TIX_NOW", value);
        env.assert_rejected(&run, 2, &head, &status);
        assert_eq!(
            run.error_line(),
            format!(
                "error: TIX_NOW='{value}' is out of range: it must be between 1970-01-01T00:00:00Z and 2100-01-01T00:00:00Z"
            )
        );
    }
}

#[test]
fn tix_lock_timeout_must_be_finite_seconds_up_to_an_hour() {
    let (env, id, head, status) = setup();
    for value in ["inf", "1e300", "NaN", "-1", "3601"] {
        let run = with_env(&env, &["assign", &id, "bob"], "TIX_LOCK_TIMEOUT", value);
        env.assert_rejected(&run, 2, &head, &status);
        assert_eq!(
            run.error_line(),
            format!(
                "error: TIX_LOCK_TIMEOUT='{value}' is not a number of seconds from 0 to 3600 (e.g. 10 or 0.5)"
            )
        );
    }
    with_env(&env, &["assign", &id, "bob"], "TIX_LOCK_TIMEOUT", "0.5").success();
    // In `tix check` too it is a usage error (exit 2), not an invalid configuration (exit 1).
    let check = with_env(&env, &["check"], "TIX_LOCK_TIMEOUT", "abc");
    assert_eq!(check.code, 2, "{check}");
    assert!(check.stdout.is_empty(), "{check}");
}

/// An $EDITOR script that changes the title, then runs `then` (exit 1, or a signal).
fn failing_editor(env: &TestEnv, then: &str) -> std::path::PathBuf {
    let script = env.tmp.path().join("failing-editor.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nsed -i 's/title: Printer jams/title: Edited/' \"$1\"\n{then}\n"),
    )
    .expect("script");
    let status = std::process::Command::new("chmod")
        .args(["+x", script.to_str().expect("utf-8")])
        .status()
        .expect("chmod");
    assert!(status.success());
    script
}

#[test]
fn an_editor_that_fails_aborts_the_edit_and_keeps_the_text() {
    let (env, id, head, status) = setup();
    // From a subdirectory (-C), the kept file still goes to the repository's own git dir.
    std::fs::create_dir_all(env.root.join("docs")).expect("mkdir");
    for (then, how) in [
        ("exit 1", "the editor exited with status 1"),
        ("kill -KILL $$", "the editor was killed by signal 9"),
    ] {
        let mut cmd = env.tix_cmd(&["-C", "docs", "edit", &id]);
        cmd.env("EDITOR", failing_editor(&env, then));
        let run = Run::from(cmd.output().expect("run"));
        env.assert_rejected(&run, 2, &head, &status);
        assert_eq!(
            run.error_line(),
            format!("error: {how}; nothing was committed")
        );
        let kept = env.root.join(".git/tix").join(format!("edit-{id}.yaml"));
        assert_eq!(
            run.stderr.lines().nth(1),
            Some(format!("hint: your edit is saved in {}", kept.display()).as_str()),
            "{run}"
        );
        assert!(
            std::fs::read_to_string(&kept)
                .expect("kept")
                .contains("title: Edited")
        );
    }
}

#[test]
fn anchors_and_aliases_in_a_ticket_file_are_refused_with_file_and_line() {
    let (env, id, _, _) = setup();
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file).expect("read");
    let big = "x".repeat(100_000);
    let aliases = vec!["*big"; 200].join(", ");
    let text = text.replace("title: Printer jams", &format!("title: &big \"{big}\""));
    std::fs::write(&file, format!("{text}tags: [{aliases}]\n")).expect("write");
    env.git(&["commit", "-qam", "hand edit"]);
    let rel = file
        .strip_prefix(&env.root)
        .expect("inside")
        .display()
        .to_string();
    let problem =
        format!("{rel}:2:8: anchors and aliases are not allowed in ticket files (found an anchor)");
    for args in [&["show", &id][..], &["assign", &id, "bob"]] {
        let run = env.tix(args);
        assert_eq!(run.code, 2, "{args:?}: {run}");
        assert_eq!(run.error_line(), format!("error: {problem}"), "{args:?}");
    }
    // tix list shows the other tickets and names the refused file.
    let run = env.tix(&["list"]);
    run.success();
    assert_eq!(
        run.stderr,
        format!("warning: skipped {problem} (run `tix check`)\nNo tickets match.\n"),
        "{run}"
    );
}

#[test]
fn a_ticket_file_over_one_mebibyte_is_refused_naming_it() {
    let (env, id, _, _) = setup();
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, format!("{text}# {}\n", "x".repeat(1024 * 1024))).expect("write");
    let rel = file
        .strip_prefix(&env.root)
        .expect("inside")
        .display()
        .to_string();
    let run = env.tix(&["show", &id]);
    assert_eq!(run.code, 2, "{run}");
    let size = std::fs::metadata(&file).expect("size").len();
    assert_eq!(
        run.stderr,
        format!("error: {rel}: the file is {size} bytes; the limit is 1048576 bytes (1 MiB)\n"),
        "{run}"
    );
}

#[test]
fn config_with_aliases_or_huge_values_is_refused_without_echoing_them() {
    let env = TestEnv::new();
    let config = env.read(".tix/config.yaml");
    let big = "y".repeat(500_000);
    let with_alias = config.replacen(
        "default_type: incident",
        &format!("default_type: &t \"{big}\"\ncategories: [*t, *t, *t]"),
        1,
    );
    env.write(".tix/config.yaml", &with_alias);
    let run = env.tix(&["list"]);
    assert_eq!(run.code, 2, "{run}");
    let line = with_alias
        .lines()
        .position(|l| l.starts_with("default_type: &t"))
        .expect("line")
        + 1;
    assert_eq!(
        run.stderr,
        format!(
            "error: .tix/config.yaml:{line}:15: anchors and aliases are not allowed in the config (found an anchor)\n\
             hint: write the repeated values out in full\n"
        ),
        "{run}"
    );
    // Without aliases, an invalid 500 KB value is quoted in 80 characters at most.
    env.write(
        ".tix/config.yaml",
        &config.replacen(
            "default_type: incident",
            &format!("default_type: \"{big}\""),
            1,
        ),
    );
    let run = env.tix(&["list"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.len() < 500, "{}", &run.stderr[..500]);
}
