use crate::common::TestEnv;

#[test]
fn twenty_parallel_new_make_twenty_tickets_and_commits() {
    let env = TestEnv::new();
    let before = env.commit_count();
    let children: Vec<std::process::Child> = (0..20)
        .map(|i| {
            let mut cmd = env.tix_cmd(&["new", "--title", &format!("parallel {i}")]);
            cmd.env("TIX_LOCK_TIMEOUT", "60")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().expect("spawn")
        })
        .collect();
    let mut ids = Vec::new();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        ids.push(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 20);
    assert_eq!(env.commit_count(), before + 20);
    assert_eq!(env.porcelain(), "");
    env.git(&["fsck", "--no-progress"]);
    let json: serde_json::Value =
        serde_json::from_str(&env.tix(&["list", "--format", "json"]).stdout).expect("json");
    assert_eq!(json["tickets"].as_array().map(Vec::len), Some(20));
}

#[test]
fn parallel_updates_of_one_ticket_all_land() {
    let env = TestEnv::new();
    let id = env.new_ticket("Busy ticket", &[]);
    let children: Vec<std::process::Child> = (0..8)
        .map(|i| {
            let mut cmd = env.tix_cmd(&["comment", &id, "-m", &format!("note {i}")]);
            cmd.env("TIX_LOCK_TIMEOUT", "60")
                .stderr(std::process::Stdio::piped());
            cmd.spawn().expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&env.tix(&["show", &id, "--format", "json"]).stdout).expect("json");
    assert_eq!(json["ticket"]["comments"].as_array().map(Vec::len), Some(8));
    assert_eq!(env.porcelain(), "");
}

#[test]
fn a_held_lock_gives_a_clear_retry_error() {
    let env = TestEnv::new();
    let id = env.new_ticket("t", &[]);
    // A live process holds the kernel lock.
    // -o: the lock stays with flock itself, so killing it releases the lock.
    let mut holder = std::process::Command::new("flock")
        .arg("-o")
        .arg(env.root.join(".git/tix/write.lock"))
        .args(["sleep", "30"])
        .spawn()
        .expect("flock(1) from util-linux");
    while std::process::Command::new("flock")
        .args(["-n", "-E", "9"])
        .arg(env.root.join(".git/tix/write.lock"))
        .arg("true")
        .status()
        .expect("flock")
        .success()
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let head = env.head();
    let mut cmd = env.tix_cmd(&["assign", &id, "bob"]);
    cmd.env("TIX_LOCK_TIMEOUT", "0.2");
    let run = crate::common::Run::from(cmd.output().expect("run"));
    assert_eq!(run.code, 3, "{run}");
    // The PID is whatever the last tix to hold the lock wrote into the file.
    let lock = env.root.join(".git/tix/write.lock");
    let pid = std::fs::read_to_string(&lock).expect("lock file");
    assert_eq!(
        run.stderr,
        format!(
            "error: the repository is locked by another tix process (PID {}); retry in a moment\n\
             hint: the lock ({}) is released when that process exits; TIX_LOCK_TIMEOUT sets how many seconds to wait\n",
            pid.trim(),
            lock.display()
        ),
        "{run}"
    );
    assert_eq!(env.head(), head);
    holder.kill().expect("kill");
    holder.wait().expect("wait");
    // The kernel released the lock with its holder: no cleanup needed.
    env.tix(&["assign", &id, "bob"]).success();
}
