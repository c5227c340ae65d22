//! Terminal manners end to end: tables that fit `COLUMNS` one line per row, colour and when it
//! is on, the pager on a real terminal (driven through `script`, from util-linux), and the small
//! display rules (zones on due times, targets as configured, comment times).

use std::process::Command;

use crate::common::{Run, TestEnv};

const DANA: &str = "Dana Requester <dana@example.com>";

/// A desk on Tuesday 2026-03-03 15:00 UTC: a P1 with a long title opened Monday 09:00 by Dana
/// (breached), a P2 assigned to alice, a P3 whose resolution target is `3d`, and a P4 that was
/// answered and resolved on Monday.
fn desk() -> (TestEnv, Vec<String>) {
    let mut env = TestEnv::empty();
    env.seed = Some(7);
    env.tix(&["init"]).success();
    let laptop = env.new_ticket(
        "Laptop shows a blue screen after the storage driver update this morning",
        &[
            "--priority",
            "P1",
            "--category",
            "hardware",
            "--actor",
            DANA,
            "--requester",
            DANA,
            "--due",
            "2026-03-04T17:00:00Z",
        ],
    );
    let vpn = env.new_ticket("VPN flaps", &["--priority", "P2", "--assignee", "alice"]);
    let toner = env.new_ticket(
        "Printer toner",
        &["--priority", "P3", "--category", "hardware"],
    );
    let mouse = env.new_ticket("Need a new mouse", &["--priority", "P4"]);
    env.now = "2026-03-02T10:15:00Z".into();
    env.tix(&["comment", &mouse, "-m", "On its way"]).success();
    env.tix(&["comment", &laptop, "--internal", "-m", "Storage driver"])
        .success();
    env.now = "2026-03-02T11:00:00Z".into();
    env.tix(&["resolve", &mouse, "--resolution", "Sent"])
        .success();
    env.now = "2026-03-03T15:00:00Z".into();
    (env, vec![laptop, vpn, toner, mouse])
}

fn at_width(env: &TestEnv, width: u16, args: &[&str]) -> Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env("COLUMNS", width.to_string());
    Run::from(cmd.output().expect("run tix"))
}

fn assert_fits(run: &Run, width: u16) {
    for line in run.stdout.lines() {
        assert!(
            line.chars().count() <= usize::from(width),
            "a line is wider than {width}: {line:?}\n{run}"
        );
    }
}

/// A run with its colours made visible (`«1;31»P1«0»`) for snapshots, before IDs are redacted.
fn visible(mut run: Run) -> String {
    let re = regex::Regex::new("\u{1b}\\[([0-9;]*)m").expect("regex");
    run.stdout = re.replace_all(&run.stdout, "«$1»").into_owned();
    assert!(!run.stdout.contains('\u{1b}'), "{run}");
    run.to_string()
}

fn strip_sgr(text: &str) -> String {
    let re = regex::Regex::new("\u{1b}\\[[0-9;]*m").expect("regex");
    re.replace_all(text, "").into_owned()
}

#[test]
fn list_fits_60_100_and_200_columns_one_line_per_ticket() {
    let (env, _) = desk();
    for width in [60, 100, 200] {
        let run = at_width(&env, width, &["list", "--all"]);
        run.success();
        assert_fits(&run, width);
        assert_eq!(run.stdout.lines().count(), 5, "{run}");
        insta::assert_snapshot!(format!("list_{width}"), run.to_string());
    }
}

#[test]
fn sla_fits_60_100_and_200_columns_one_line_per_clock() {
    let (env, _) = desk();
    for width in [60, 100, 200] {
        let run = at_width(&env, width, &["sla", "--all"]);
        run.success();
        assert_fits(&run, width);
        assert_eq!(run.stdout.lines().count(), 9, "{run}");
        insta::assert_snapshot!(format!("sla_{width}"), run.to_string());
    }
    let check = at_width(&env, 60, &["sla", "check"]);
    assert_eq!(check.code, 1, "{check}");
    assert_fits(&check, 60);
}

#[test]
fn show_at_60_100_and_200_columns() {
    let (env, ids) = desk();
    for width in [60, 100, 200] {
        let run = at_width(&env, width, &["show", &ids[0]]);
        run.success();
        insta::assert_snapshot!(format!("show_{width}"), run.to_string());
    }
}

#[test]
fn piped_tables_without_columns_are_never_cut() {
    let (env, _) = desk();
    for args in [&["list"][..], &["sla"]] {
        let mut cmd = env.tix_cmd(args);
        cmd.env_remove("COLUMNS");
        let run = Run::from(cmd.output().expect("run"));
        run.success();
        assert!(
            run.stdout.contains(
                "Laptop shows a blue screen after the storage driver update this morning"
            ),
            "{run}"
        );
        assert!(!run.stdout.contains('…'), "{run}");
    }
}

#[test]
fn sla_targets_are_shown_as_the_config_wrote_them() {
    let (env, ids) = desk();
    let run = at_width(&env, 200, &["sla", &ids[2]]);
    // The default office calendar's 3d is 24 business hours; people wrote 3d.
    assert!(run.stdout.contains("resolution      3d "), "{run}");
    assert!(!run.stdout.contains("24h"), "{run}");
}

#[test]
fn colour_with_the_flag_or_clicolor_force_and_not_with_no_color_or_piped() {
    let (env, _) = desk();
    let run_with = |args: &[&str], vars: &[(&str, &str)]| {
        let mut cmd = env.tix_cmd(args);
        cmd.env_remove("NO_COLOR");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        Run::from(cmd.output().expect("run"))
    };
    let always = run_with(&["--color", "always", "list", "--all"], &[]);
    always.success();
    insta::assert_snapshot!(
        "list_colour",
        visible(run_with(&["--color", "always", "list", "--all"], &[]))
    );
    let forced = run_with(&["list", "--all"], &[("CLICOLOR_FORCE", "1")]);
    assert_eq!(forced.stdout, always.stdout);
    // The flag wins over the environment.
    let flag_wins = run_with(&["list", "--all", "--color=always"], &[("NO_COLOR", "1")]);
    assert_eq!(flag_wins.stdout, always.stdout);
    let never = run_with(
        &["list", "--all", "--color", "never"],
        &[("CLICOLOR_FORCE", "1")],
    );
    let no_color = run_with(
        &["list", "--all"],
        &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")],
    );
    let piped = run_with(&["list", "--all"], &[]);
    for plain in [&never, &no_color, &piped] {
        plain.success();
        assert!(!plain.stdout.contains('\u{1b}'), "{plain}");
        // Colour changes no column: without its escapes the coloured table is the plain one.
        assert_eq!(strip_sgr(&always.stdout), plain.stdout);
    }
}

#[test]
fn sla_and_show_colour_states_without_moving_columns() {
    let (env, ids) = desk();
    for width in [60, 200] {
        for args in [&["sla", "--all"][..], &["show", &ids[0]], &["sla", "check"]] {
            let mut coloured = env.tix_cmd(&[&["--color", "always"][..], args].concat());
            coloured.env("COLUMNS", width.to_string());
            let coloured = Run::from(coloured.output().expect("run"));
            let plain = at_width(&env, width, args);
            assert!(coloured.stdout.contains("\u{1b}[31m"), "{coloured}");
            assert_eq!(strip_sgr(&coloured.stdout), plain.stdout, "{args:?}");
        }
    }
    let mut cmd = env.tix_cmd(&["--color", "always", "show", &ids[0]]);
    cmd.env("COLUMNS", "100");
    insta::assert_snapshot!(
        "show_colour",
        visible(Run::from(cmd.output().expect("run")))
    );
}

#[test]
fn data_formats_are_never_coloured() {
    let (env, ids) = desk();
    for args in [
        &["list", "--format", "json"][..],
        &["list", "--format", "csv"],
        &["list", "--format", "yaml"],
        &["show", &ids[0], "--format", "json"],
        &["sla", "--format", "json"],
        &["sla", "check", "--format", "junit"],
        &["log", &ids[0], "--format", "json"],
    ] {
        let run = env.tix(&[&["--color", "always"][..], args].concat());
        assert!(!run.stdout.contains('\u{1b}'), "{args:?}: {run}");
    }
}

#[test]
fn an_escape_in_ticket_text_stays_escaped_when_tix_colours() {
    let (env, ids) = desk();
    let file = env.ticket_file(&ids[1]);
    let text = std::fs::read_to_string(&file).expect("read");
    let text = text.replace("title: VPN flaps", "title: \"VPN \\e[2Jflaps\"");
    std::fs::write(&file, text).expect("write");
    env.git(&["commit", "-qam", "hand edit"]);
    for args in [&["list"][..], &["show", &ids[1]], &["sla"]] {
        let run = env.tix(&[&["--color", "always"][..], args].concat());
        run.success();
        assert!(run.stdout.contains("VPN \\u001b[2Jflaps"), "{run}");
        assert!(!run.stdout.contains("\u{1b}[2J"), "{run}");
        assert!(run.stdout.contains("\u{1b}[1m"), "tix's own colours: {run}");
    }
}

/// `tix ARGS` on a pseudo-terminal (`script`), with `vars` set; stdout and stderr both arrive
/// on the terminal, with its `\r\n` line ends.
fn on_terminal(env: &TestEnv, args: &str, vars: &[(&str, &str)]) -> Run {
    let mut cmd: Command = env.program("script");
    cmd.args(["-qfec", &format!("tix {args}"), "/dev/null"])
        .env("TIX_PAGER", "sed s/^/PAGED:/")
        .env_remove("NO_COLOR");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let mut run = Run::from(cmd.output().expect("run script (util-linux)"));
    run.stdout = run.stdout.replace("\r\n", "\n");
    run
}

fn script_available() -> bool {
    Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn on_a_terminal_long_output_goes_through_the_pager_and_piped_it_does_not() {
    if !script_available() {
        eprintln!("SKIPPED: `script` (util-linux) is not installed");
        return;
    }
    let (env, ids) = desk();
    let id = ids[0].as_str();
    for args in [
        "list".to_string(),
        format!("show {id}"),
        format!("log {id}"),
        "sla".to_string(),
        "report --since 2026-03-01".to_string(),
    ] {
        let run = on_terminal(&env, &args, &[]);
        assert_eq!(run.code, 0, "{args}: {run}");
        let lines: Vec<&str> = run.stdout.lines().filter(|l| !l.is_empty()).collect();
        assert!(
            !lines.is_empty() && lines.iter().all(|l| l.starts_with("PAGED:")),
            "{args}: {run}"
        );
    }
    let piped = env
        .tix_cmd(&["list"])
        .env("TIX_PAGER", "sed s/^/PAGED:/")
        .output();
    let piped = Run::from(piped.expect("run"));
    assert!(!piped.stdout.contains("PAGED:"), "{piped}");
    // Data formats are not paged.
    let json = on_terminal(&env, "list --format json", &[]);
    assert!(json.stdout.starts_with('{'), "{json}");
}

#[test]
fn no_pager_an_empty_pager_or_cat_turns_the_pager_off() {
    if !script_available() {
        eprintln!("SKIPPED: `script` (util-linux) is not installed");
        return;
    }
    let (env, _) = desk();
    let run = on_terminal(&env, "--no-pager list", &[]);
    assert!(run.stdout.starts_with("\u{1b}[1mID"), "{run}");
    for (var, value) in [("TIX_PAGER", ""), ("TIX_PAGER", "cat")] {
        let run = on_terminal(&env, "list", &[(var, value), ("PAGER", "sed s/^/P:/")]);
        assert!(run.stdout.starts_with("\u{1b}[1mID"), "{value:?}: {run}");
    }
    // Without TIX_PAGER, PAGER is used.
    let mut cmd = env.program("script");
    cmd.args(["-qfec", "tix list", "/dev/null"])
        .env("PAGER", "sed s/^/P:/")
        .env_remove("TIX_PAGER");
    let run = Run::from(cmd.output().expect("run"));
    assert!(run.stdout.starts_with("P:"), "{run}");
}

#[test]
fn on_a_terminal_colour_is_on_unless_no_color_or_never() {
    if !script_available() {
        eprintln!("SKIPPED: `script` (util-linux) is not installed");
        return;
    }
    let (env, _) = desk();
    let run = on_terminal(&env, "--no-pager list", &[]);
    assert!(run.stdout.contains("\u{1b}[1;31mP1\u{1b}[0m"), "{run}");
    for (args, vars) in [
        ("--no-pager list", &[("NO_COLOR", "1")][..]),
        ("--no-pager --color never list", &[]),
        ("--no-pager list", &[("TERM", "dumb")]),
    ] {
        let run = on_terminal(&env, args, vars);
        assert!(!run.stdout.contains('\u{1b}'), "{args} {vars:?}: {run}");
        assert!(run.stdout.starts_with("ID "), "{run}");
    }
}

#[test]
fn a_pager_that_quits_early_ends_tix_quietly() {
    if !script_available() {
        eprintln!("SKIPPED: `script` (util-linux) is not installed");
        return;
    }
    let (env, ids) = desk();
    // Far more than a pipe holds (64 KiB), so tix is still writing when the pager has gone.
    let text = "y".repeat(60 * 1024);
    for _ in 0..3 {
        env.tix(&["comment", &ids[1], "-m", &text]).success();
    }
    let run = on_terminal(
        &env,
        &format!("show {}", ids[1]),
        &[("TIX_PAGER", "head -n 1")],
    );
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout.lines().count(), 1, "{run}");
    assert!(run.stdout.contains("VPN flaps"), "{run}");
    assert!(!run.stdout.contains("error"), "{run}");
}

#[test]
fn edit_without_set_under_no_input_names_set_and_opens_no_editor() {
    let (env, ids) = desk();
    let marker = env.tmp.path().join("editor-ran");
    let editor = env.tmp.path().join("editor.sh");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\ntouch '{}'\n", marker.display()),
    )
    .expect("write");
    Command::new("chmod")
        .args(["+x", editor.to_str().expect("utf-8")])
        .status()
        .expect("chmod");
    let (head, status) = (env.head(), env.porcelain());
    let mut cmd = env.tix_cmd(&["--no-input", "edit", &ids[1]]);
    cmd.env("EDITOR", &editor);
    let run = Run::from(cmd.output().expect("run"));
    env.assert_rejected(&run, 2, &head, &status);
    assert_eq!(
        run.error_line(),
        "error: --no-input: tix edit without --set would open an editor; pass --set FIELD=VALUE"
    );
    assert!(!marker.exists(), "the editor ran");
}
