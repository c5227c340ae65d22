//! Automation config end to end. Each invalid automation config (unknown field, status, agent,
//! team or hook in a rule, a bad regex, a matrix cell missing, a team lead who is no agent, a
//! timed rule on an unknown status) is a fixture under tests/fixtures/config/invalid/, checked
//! for its exact error by `config_fixtures.rs`; what stays here needs more than a config file.

use crate::common::TestEnv;

/// A hook whose program cannot run is reported by `tix check` (file, line, the fix) and when it
/// runs; it does not stop commands that never run it. It used to make every command, even
/// `tix list`, exit 2.
#[test]
fn hook_that_is_not_executable() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.root.join("scripts")).expect("dir");
    env.write("scripts/notify.sh", "#!/bin/sh\nexit 0\n");
    let text = env.read(".tix/config.yaml").replacen(
        "hooks: {}\n",
        "hooks:\n  chat:\n    command: [./scripts/notify.sh]\n",
        1,
    );
    env.write(".tix/config.yaml", &text);
    env.git(&["commit", "-qam", "a hook"]);
    let line = text
        .lines()
        .position(|l| l.contains("command: [./scripts/notify.sh]"))
        .expect("line")
        + 1;
    env.tix(&["list"]).success();
    env.new_ticket("x", &[]);
    let check = env.tix(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    assert_eq!(
        check.stdout,
        format!(
            ".tix/config.yaml:{line}: hook 'chat': ./scripts/notify.sh is not executable (the first word of command is a program, relative to the repository root; make it executable (chmod +x))\n"
        ),
        "{check}"
    );
    assert_eq!(
        check.stderr, "error: 1 problem(s) in the configuration and 1 ticket files\n",
        "{check}"
    );
}
