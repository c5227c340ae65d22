//! Help and man pages: global flags under their own heading, `--format` offering only what a
//! command renders, `tix edit --help` naming every field, and man pages that name the command,
//! list the environment and refer only to pages that exist.

use std::path::Path;

use clap::CommandFactory;

use crate::common::TestEnv;

/// Every visible command path: `["list"]`, `["sla", "check"]`, ...
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            walk(sub, &path, out);
            out.push(path);
        }
    }
    let mut out = Vec::new();
    walk(&tix::cli::Cli::command(), &[], &mut out);
    out.sort();
    out
}

#[test]
fn global_options_have_their_own_heading() {
    let env = TestEnv::empty();
    insta::assert_snapshot!(env.tix(&["log", "-h"]).to_string(), @r#"
    exit: 0
    --- stdout
    Show who changed a ticket, what, and when

    Usage: tix log [OPTIONS] <ID>

    Arguments:
      <ID>  Ticket ID or a unique prefix of it

    Options:
      -f, --format <FORMAT>  Output format [default: table] [possible values: table, json, yaml]
      -h, --help             Print help (see more with '--help')
      -V, --version          Print version

    Global options:
      -C <DIR>            Run as if tix was started in DIR
          --actor <WHO>   Who is acting: "Name <email>" or a name. Defaults to TIX_ACTOR, then git's
                          user.name and user.email
      -q, --quiet         Print no status messages on stderr (errors and warnings still appear)
          --no-input      Never prompt, even on a terminal; missing values are errors that name the flag
                          to pass
          --detached      Allow commits while HEAD is detached (not on a branch); without it tix refuses
                          to write there, as such commits belong to no branch and are easily lost
          --color <WHEN>  When to colour tables and tickets; JSON, CSV and YAML never are. Wins over
                          NO_COLOR and CLICOLOR_FORCE [default: auto] [possible values: auto, always,
                          never]
          --no-pager      Do not page long output on a terminal (through TIX_PAGER, PAGER or `less
                          -FRX`)
    --- stderr
    "#);
    for path in command_paths() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let run = env.tix(&args);
        let help = &run.success().stdout;
        let global = help
            .find("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("tix {path:?} --help has no Global options heading: {run}"));
        for flag in [
            "-C <DIR>",
            "--actor <WHO>",
            "--quiet",
            "--no-input",
            "--detached",
        ] {
            let at = help.find(flag).unwrap_or_else(|| panic!("{flag} in {run}"));
            assert!(
                at > global,
                "tix {path:?}: {flag} is not under Global options"
            );
        }
    }
}

#[test]
fn format_offers_and_accepts_only_what_the_command_renders() {
    let env = TestEnv::new();
    for (args, accepted) in [
        (vec!["list"], "table, json, csv, yaml"),
        (vec!["show", "x"], "table, json, yaml"),
        (vec!["log", "x"], "table, json, yaml"),
        (vec!["audit"], "table, json, yaml"),
        (
            vec!["calendar", "24x7", "--is-open", "2026-03-02T09:00:00Z"],
            "table, json, yaml",
        ),
        (vec!["sla"], "table, json"),
        (vec!["sla", "explain", "x"], "table, json"),
    ] {
        let mut bad = args.clone();
        bad.extend(["--format", "xml"]);
        let run = env.tix(&bad);
        assert_eq!(run.code, 2, "{run}");
        assert!(
            run.stderr
                .starts_with("error: invalid value 'xml' for '--format <FORMAT>'"),
            "{run}"
        );
        assert!(
            run.stderr
                .contains(&format!("[possible values: {accepted}]")),
            "tix {args:?}: {run}"
        );
    }
    // A format the shared list has but the command does not render is refused before it runs.
    let run = env.tix(&["sla", "--format", "yaml"]);
    assert!(
        run.stderr.contains("[possible values: table, json]"),
        "{run}"
    );
    let help = env.tix(&["sla", "explain", "--help"]);
    let help = &help.success().stdout;
    assert!(help.contains("- json:"), "{help}");
    assert!(
        !help.contains("- csv:") && !help.contains("- yaml:"),
        "{help}"
    );
}

#[test]
fn edit_help_lists_every_field_set_accepts() {
    let env = TestEnv::empty();
    let run = env.tix(&["edit", "--help"]);
    let help = &run.success().stdout;
    let set = &help[help.find("--set <FIELD=VALUE>").expect("--set")..];
    let set = &set[..set.find("\n\n").expect("end of --set")];
    let set = set.split_whitespace().collect::<Vec<_>>().join(" ");
    for field in [
        "title",
        "type",
        "status",
        "priority",
        "impact",
        "urgency",
        "category",
        "requester",
        "assignee",
        "team",
        "tags",
        "due",
        "description",
        "resolution",
        "fields.NAME",
    ] {
        assert!(
            set.contains(&format!(" {field},")) || set.contains(&format!(" {field} ")),
            "--set help does not name {field}: {set}"
        );
    }
}

/// Installs the man pages into a temporary directory and returns it with the file names.
fn installed(env: &TestEnv) -> (std::path::PathBuf, Vec<String>) {
    let dir = env.tmp.path().join("share/man");
    let run = env.tix(&["man", "--install", dir.to_str().expect("utf-8")]);
    let mut names: Vec<String> = std::fs::read_dir(dir.join("man1"))
        .expect("man1 was created")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut printed: Vec<String> = run.success().stdout.lines().map(String::from).collect();
    printed.sort();
    let expected: Vec<String> = names
        .iter()
        .map(|n| dir.join("man1").join(n).display().to_string())
        .collect();
    assert_eq!(printed, expected, "tix man --install prints what it wrote");
    (dir.join("man1"), names)
}

#[test]
fn man_install_writes_a_page_per_command() {
    let env = TestEnv::empty();
    let (man1, names) = installed(&env);
    let mut expected: Vec<String> = command_paths()
        .iter()
        .filter(|p| p.last().is_some_and(|n| n != "help"))
        .map(|p| format!("tix-{}.1", p.join("-")))
        .collect();
    expected.push("tix.1".to_string());
    expected.sort();
    assert_eq!(names, expected);
    // The pages are the committed ones, and `tix man COMMAND` prints the same.
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    for name in &names {
        let page = std::fs::read(man1.join(name)).expect("page");
        assert_eq!(
            std::fs::read(committed.join(name)).ok(),
            Some(page),
            "man/{name} differs from what tix man --install wrote"
        );
    }
    let run = env.tix(&["man", "sla", "check"]);
    assert_eq!(
        run.success().stdout.as_bytes(),
        std::fs::read(man1.join("tix-sla-check.1")).expect("page"),
    );
    let run = env.tix(&["man", "nosuch"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .starts_with("error: no manual page for `tix nosuch`"),
        "{run}"
    );
}

#[test]
fn man_pages_name_the_command_list_the_environment_and_refer_to_existing_pages() {
    let env = TestEnv::empty();
    let (man1, names) = installed(&env);
    let list = std::fs::read_to_string(man1.join("tix-list.1")).expect("tix-list.1");
    let synopsis = list
        .lines()
        .skip_while(|l| *l != ".SH SYNOPSIS")
        .nth(1)
        .expect("a synopsis");
    assert!(synopsis.starts_with("\\fBtix list\\fR "), "{synopsis}");
    // Options show the values they take.
    assert!(
        synopsis.contains("[\\fB\\-n\\fR|\\fB\\-\\-limit\\fR \\fIN\\fR]"),
        "{synopsis}"
    );
    assert!(
        synopsis.contains("[\\fB\\-\\-status\\fR \\fISTATUS\\fR]..."),
        "{synopsis}"
    );
    let reference = regex::Regex::new(r"\\fB([a-z\\-]+)\\fR\(1\)").expect("regex");
    for name in &names {
        let page = std::fs::read_to_string(man1.join(name)).expect("page");
        for section in [
            ".SH SYNOPSIS",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH \"SEE ALSO\"",
        ] {
            assert!(page.contains(section), "{name} has no {section}");
        }
        let environment = &page[page.find(".SH ENVIRONMENT").expect("ENVIRONMENT")..];
        for var in [
            "TIX_ACTOR",
            "TIX_NOW",
            "TIX_LOCK_TIMEOUT",
            "TIX_PAGER",
            "VISUAL",
            "EDITOR",
            "PAGER",
            "NO_COLOR",
            "CLICOLOR_FORCE",
            "COLUMNS",
        ] {
            assert!(
                environment.contains(&format!("\\fB{var}\\fR")),
                "{name}: {var}"
            );
        }
        for found in reference.captures_iter(&page) {
            let target = found[1].replace("\\-", "-");
            assert!(
                target == "git" || names.contains(&format!("{target}.1")),
                "{name} refers to {target}(1), which does not exist"
            );
        }
    }
    let check = std::fs::read_to_string(man1.join("tix-sla-check.1")).expect("page");
    let see_also = &check[check.find(".SH \"SEE ALSO\"").expect("SEE ALSO")..];
    for page in ["tix", "tix\\-sla", "tix\\-sla\\-explain"] {
        assert!(
            see_also.contains(&format!("\\fB{page}\\fR(1)")),
            "{see_also}"
        );
    }
}
