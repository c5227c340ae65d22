//! Writes to stdout that fail: a full disk is an error (exit 3) that says what was already done;
//! a closed pipe (`tix list | head`) ends the command quietly with exit 0, as ripgrep does.

use std::io::Read;
use std::process::Stdio;

use crate::common::{Run, TestEnv};

fn to_dev_full(env: &TestEnv, args: &[&str]) -> Run {
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let mut cmd = env.tix_cmd(args);
    cmd.stdout(Stdio::from(full));
    Run::from(cmd.output().expect("run tix"))
}

#[test]
fn new_to_a_full_disk_fails_and_names_the_created_ticket() {
    let env = TestEnv::new();
    let run = to_dev_full(&env, &["new", "--title", "Printer jams"]);
    assert_eq!(run.code, 3, "{run}");
    let line = run.error_line();
    let prefix = "error: cannot write to standard output: No space left on device; the ticket was created as IT-";
    assert!(line.starts_with(prefix), "{run}");
    let id = &line["error: cannot write to standard output: No space left on device; the ticket was created as ".len()..];
    assert!(env.ticket_file(id).exists(), "{run}");
    env.tix(&["show", id]).success();
}

#[test]
fn list_to_a_full_disk_fails() {
    let env = TestEnv::new();
    env.new_ticket("Printer jams", &[]);
    for args in [&["list", "--format", "json"][..], &["list"]] {
        let run = to_dev_full(&env, args);
        assert_eq!(run.code, 3, "{args:?}: {run}");
        assert_eq!(
            run.error_line(),
            "error: cannot write to standard output: No space left on device"
        );
    }
}

#[test]
fn list_into_a_closed_pipe_exits_quietly() {
    let env = TestEnv::new();
    for i in 0..3 {
        env.new_ticket(&format!("Ticket {i}"), &[]);
    }
    let mut cmd = env.tix_cmd(&["list", "--format", "json"]);
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Close the reading end before tix writes anything, as `| head -0` does.
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}
