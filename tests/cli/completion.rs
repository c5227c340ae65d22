//! Shell completion: the scripts call `tix` back (`TIX_COMPLETE=SHELL tix -- WORDS`), and the
//! candidates come from the desk. Each test runs the binary exactly as a script does.

use std::path::Path;

use crate::common::{Run, TestEnv};

/// The candidates fish would get for the command line `words` (the last word is the one being
/// completed), run in `dir`: one `value\tdescription` line each.
fn fish(env: &TestEnv, dir: &Path, words: &[&str]) -> Run {
    let mut cmd = env.tix_cmd_in(dir, &["--", "tix"]);
    cmd.args(words).env("TIX_COMPLETE", "fish");
    Run::from(cmd.output().expect("run tix"))
}

/// The values alone, in order.
fn values(run: &Run) -> Vec<String> {
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stderr, "", "completion must be silent: {run}");
    run.stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

/// A desk with three tickets (seeded IDs), a second agent and two teams.
fn desk() -> (TestEnv, Vec<String>) {
    let mut env = TestEnv::new();
    env.seed = Some(5);
    let config = env
        .read(".tix/config.yaml")
        .replace(
            "    email: \"alice@example.com\"\n",
            "    email: \"alice@example.com\"\n  - { name: bob, email: bob@example.com, teams: [desktop] }\n",
        )
        .replace("teams: {}", "teams:\n  desktop: {}\n  network: {}");
    env.write(".tix/config.yaml", &config);
    env.git(&["commit", "-qam", "agents and teams"]);
    let ids = ["Printer jams", "VPN drops every hour", "Laptop slow"]
        .iter()
        .map(|title| env.new_ticket(title, &[]))
        .collect();
    (env, ids)
}

/// What `tix list` shows as each ticket's ID, by full ID.
fn short_form(env: &TestEnv, id: &str) -> String {
    let list = env.tix(&["list", "--all"]);
    let code = &id[3..];
    list.success()
        .stdout
        .split_whitespace()
        .find(|w| w.starts_with("IT-") && code.starts_with(&w[3..]))
        .unwrap_or_else(|| panic!("{id} not in {list}"))
        .to_string()
}

#[test]
fn ticket_ids_complete_in_their_short_form_with_the_title() {
    let (env, ids) = desk();
    let run = fish(&env, &env.root, &["show", ""]);
    let mut expected: Vec<(String, String)> = ids
        .iter()
        .zip(["Printer jams", "VPN drops every hour", "Laptop slow"])
        .map(|(id, title)| (short_form(&env, id), format!("{title} (new)")))
        .collect();
    expected.sort();
    let got: Vec<(String, String)> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("IT-"))
        .map(|l| {
            let (value, help) = l.split_once('\t').expect("a description");
            (value.to_string(), help.to_string())
        })
        .collect();
    assert_eq!(got, expected, "{run}");

    // What was typed keeps its shape: a lower-case code completes in lower case.
    let one = &ids[1];
    let typed = one[3..5].to_ascii_lowercase();
    let run = fish(&env, &env.root, &["close", &typed]);
    let short = short_form(&env, one);
    assert!(
        values(&run).contains(&short[3..].to_ascii_lowercase()),
        "{typed}: {run}"
    );
}

#[test]
fn bash_gets_the_ids_through_its_registered_function() {
    let (env, ids) = desk();
    let script = env.tix(&["completions", "bash"]);
    let file = env.tmp.path().join("tix.bash");
    std::fs::write(&file, &script.success().stdout).expect("write script");
    // What bash does on `tix show <TAB>`: set COMP_WORDS and call the registered function.
    let program = format!(
        "source {}\nCOMP_WORDS=(tix show ''); COMP_CWORD=2; COMP_TYPE=9\n_clap_complete_tix tix '' show\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        file.display()
    );
    let out = env
        .program("bash")
        .args(["-c", &program])
        .output()
        .expect("run bash");
    let run = Run::from(out);
    let got: Vec<String> = values(&run)
        .into_iter()
        .filter(|v| v.starts_with("IT-"))
        .collect();
    let mut expected: Vec<String> = ids.iter().map(|id| short_form(&env, id)).collect();
    expected.sort();
    assert_eq!(got, expected, "{run}");
}

#[test]
fn config_values_complete_statuses_priorities_agents_and_teams() {
    let (env, _) = desk();
    let root = &env.root;
    assert_eq!(
        values(&fish(&env, root, &["list", "--status", ""])),
        [
            "new",
            "open",
            "in_progress",
            "pending",
            "resolved",
            "closed"
        ]
    );
    // A comma-separated filter completes its last value.
    assert_eq!(
        values(&fish(&env, root, &["list", "--status", "new,p"])),
        ["new,pending"]
    );
    assert_eq!(
        values(&fish(&env, root, &["new", "--priority", ""])),
        ["P1", "P2", "P3", "P4"]
    );
    // Alice's name has a space, so she is offered by email, which every shell inserts whole.
    assert_eq!(
        values(&fish(&env, root, &["list", "--assignee", ""])),
        ["alice@example.com", "bob", "-"]
    );
    assert_eq!(
        values(&fish(&env, root, &["new", "--team", ""])),
        ["desktop", "network"]
    );
    assert_eq!(
        values(&fish(&env, root, &["edit", "x", "--set", "prio"])),
        ["priority="]
    );
    assert_eq!(
        values(&fish(&env, root, &["edit", "x", "--set", "team=d"])),
        ["team=desktop"]
    );
}

#[test]
fn hidden_commands_are_never_offered() {
    let env = TestEnv::new();
    assert_eq!(
        values(&fish(&env, &env.root, &["gen"])),
        Vec::<String>::new()
    );
    let all = values(&fish(&env, &env.root, &[""]));
    assert!(all.contains(&"list".to_string()), "{all:?}");
    assert!(all.contains(&"man".to_string()), "{all:?}");
    assert!(!all.iter().any(|c| c == "generate"), "{all:?}");
}

#[test]
fn outside_a_desk_there_are_no_candidates_and_no_error() {
    let (env, _) = desk();
    let elsewhere = env.tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    let run = fish(&env, &elsewhere, &["show", ""]);
    assert!(!values(&run).iter().any(|v| v.starts_with("IT-")), "{run}");
    // -C names the desk, as it would for the command itself.
    let root = env.root.to_str().expect("utf-8");
    let run = fish(&env, &elsewhere, &["-C", root, "show", ""]);
    assert_eq!(
        values(&run).iter().filter(|v| v.starts_with("IT-")).count(),
        3,
        "{run}"
    );
}

#[test]
fn committed_scripts_call_tix_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for name in ["tix.bash", "_tix", "tix.fish", "tix.elv", "_tix.ps1"] {
        let script = std::fs::read_to_string(root.join(name)).expect("script");
        assert!(script.contains("TIX_COMPLETE"), "{name} is not dynamic");
    }
}
