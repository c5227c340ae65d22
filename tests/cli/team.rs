//! Two clones sharing a desk through a bare remote: edits to one ticket merge with plain
//! `git pull`, field by field, and only one field set to two values conflicts.

use std::path::{Path, PathBuf};

use crate::common::{Run, TestEnv};

/// Clone A is `env.root` (after `tix init`, pushed); clone B is a fresh `git clone`.
struct Desk {
    env: TestEnv,
    b: PathBuf,
}

fn desk() -> Desk {
    let env = TestEnv::new();
    let bare = env.tmp.path().join("remote.git");
    env.git_in(
        env.tmp.path(),
        &["init", "-q", "--bare", bare.to_str().expect("utf-8")],
    );
    env.git(&["remote", "add", "origin", bare.to_str().expect("utf-8")]);
    env.git(&["push", "-q", "-u", "origin", "HEAD"]);
    env.git(&["config", "pull.rebase", "false"]);
    let b = env.tmp.path().join("b");
    env.git_in(
        env.tmp.path(),
        &[
            "clone",
            "-q",
            bare.to_str().expect("utf-8"),
            b.to_str().expect("utf-8"),
        ],
    );
    env.git_in(&b, &["config", "pull.rebase", "false"]);
    Desk { env, b }
}

impl Desk {
    fn a(&self, args: &[&str]) -> Run {
        self.env.tix(args)
    }
    fn b(&self, args: &[&str]) -> Run {
        self.env.tix_in(&self.b, args)
    }
    /// A creates a ticket and pushes; B pulls it. Returns the ID.
    fn shared_ticket(&self) -> String {
        let id = self
            .env
            .new_ticket("Shared printer", &["--category", "hardware"]);
        self.env.git(&["push", "-q"]);
        self.env.git_in(&self.b, &["pull", "-q", "--no-edit"]);
        id
    }
    fn pull_b(&self) -> std::process::Output {
        self.env
            .git_cmd_in(&self.b, &["pull", "--no-edit"])
            .output()
            .expect("git pull")
    }
    fn show_b(&self, id: &str) -> serde_json::Value {
        serde_json::from_str(&self.b(&["show", id, "--format", "json"]).success().stdout)
            .expect("json")
    }
}

fn file_of(id: &str) -> String {
    let code = &id[id.rfind('-').expect("dash") + 1..];
    format!("tickets/{}/{}/{id}.yaml", &code[..1], &code[1..2])
}

#[test]
fn init_commits_the_attribute_and_a_fresh_clone_registers_the_driver_on_first_use() {
    let d = desk();
    assert!(
        d.env
            .read(".gitattributes")
            .contains("tickets/** merge=tix")
    );
    let driver = |dir: &Path| {
        d.env
            .git_cmd_in(dir, &["config", "merge.tix.driver"])
            .output()
            .expect("git config")
    };
    assert!(driver(&d.env.root).status.success());
    assert!(
        !driver(&d.b).status.success(),
        "a clone does not copy .git/config"
    );
    d.b(&["list"]).success();
    assert_eq!(
        String::from_utf8_lossy(&driver(&d.b).stdout).trim(),
        "tix merge-file %O %A %B %P"
    );
    d.b(&["check"]).success();
}

#[test]
fn different_fields_both_comments_and_resolve_against_reassign_merge_with_git_pull() {
    let d = desk();
    let id = d.shared_ticket();
    d.a(&["edit", &id, "--set", "priority=P1"]).success();
    d.a(&["comment", &id, "-m", "From A"]).success();
    d.a(&["resolve", &id, "--resolution", "Replaced the drum"])
        .success();
    d.env.git(&["push", "-q"]);
    d.b(&["edit", &id, "--set", "category=network"]).success();
    d.b(&["comment", &id, "-m", "From B"]).success();
    d.b(&["assign", &id, "bob"]).success();
    let pulled = d.pull_b();
    assert!(
        pulled.status.success(),
        "{}",
        String::from_utf8_lossy(&pulled.stderr)
    );
    let t = &d.show_b(&id)["ticket"];
    assert_eq!(t["priority"], "P1");
    assert_eq!(t["category"], "network");
    assert_eq!(t["assignee"], "bob");
    assert_eq!(t["status"], "resolved");
    assert_eq!(t["resolution"], "Replaced the drum");
    let bodies: Vec<&str> = t["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .filter_map(|c| c["body"].as_str())
        .collect();
    assert_eq!(
        bodies.iter().filter(|b| **b == "From A").count(),
        1,
        "{bodies:?}"
    );
    assert_eq!(
        bodies.iter().filter(|b| **b == "From B").count(),
        1,
        "{bodies:?}"
    );
    d.b(&["check"]).success();
    assert_eq!(d.env.git_in(&d.b, &["status", "--porcelain"]), "");
    // And back: A pulls B's merge; both clones hold the same ticket.
    d.env.git_in(&d.b, &["push", "-q"]);
    d.env.git(&["pull", "-q", "--no-edit"]);
    assert_eq!(
        d.env.read(&file_of(&id)),
        std::fs::read_to_string(d.b.join(file_of(&id))).expect("b")
    );
}

#[test]
fn one_field_set_to_two_values_is_the_only_conflict_with_markers_around_it() {
    let d = desk();
    let id = d.shared_ticket();
    d.a(&[
        "edit",
        &id,
        "--set",
        "priority=P1",
        "--set",
        "title=Printer on fire",
    ])
    .success();
    d.env.git(&["push", "-q"]);
    d.b(&["edit", &id, "--set", "priority=P2"]).success();
    d.b(&["comment", &id, "-m", "B was here"]).success();
    let pulled = d.pull_b();
    assert!(
        !pulled.status.success(),
        "the priority conflict must stop the merge"
    );
    let text = std::fs::read_to_string(d.b.join(file_of(&id))).expect("file");
    assert_eq!(text.matches("<<<<<<<").count(), 1, "{text}");
    assert!(
        text.contains("<<<<<<< ours\npriority: P2\n=======\npriority: P1\n>>>>>>> theirs\n"),
        "{text}"
    );
    assert!(text.contains("title: Printer on fire\n"), "{text}");
    assert!(text.contains("B was here"), "{text}");
    let check = d.b(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    let file = file_of(&id);
    assert_eq!(
        check.stdout,
        format!("{file}:5: unresolved merge conflict in this ticket file\n"),
        "{check}"
    );
    assert_eq!(
        check.stderr, "error: 1 problem(s) in the configuration and 1 ticket files\n",
        "{check}"
    );
    let show = d.b(&["show", &id]);
    assert_eq!(
        show.stderr,
        format!(
            "error: {file}:5: unresolved merge conflict in this ticket file\n\
             hint: edit the file to keep what is right and run `git add {file}`, or take one side with `git checkout --ours {file}` (or --theirs) and `git add {file}`\n"
        ),
        "{show}"
    );
    // Resolve by editing the marked lines, as the hint says.
    let fixed = text.replace(
        "<<<<<<< ours\npriority: P2\n=======\npriority: P1\n>>>>>>> theirs\n",
        "priority: P1\n",
    );
    std::fs::write(d.b.join(file_of(&id)), fixed).expect("write");
    d.env.git_in(&d.b, &["add", &file_of(&id)]);
    d.env.git_in(&d.b, &["commit", "-q", "--no-edit"]);
    let t = &d.show_b(&id)["ticket"];
    assert_eq!(t["priority"], "P1");
    d.b(&["check"]).success();
}

#[test]
fn a_repository_from_an_older_tix_gets_the_attribute_from_a_second_init() {
    let env = TestEnv::new();
    env.git(&["rm", "-q", ".gitattributes"]);
    env.git(&["commit", "-qm", "as an older tix left it"]);
    let check = env.tix(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    assert_eq!(
        check.stdout,
        ".gitattributes: no `tickets/** merge=tix` line, so edits to one ticket in two clones conflict as text; run `tix init` to add it\n",
        "{check}"
    );
    assert_eq!(
        check.stderr, "error: 1 problem(s) in the configuration and 0 ticket files\n",
        "{check}"
    );
    env.tix(&["init"]).success();
    assert!(env.read(".gitattributes").contains("tickets/** merge=tix"));
    assert_eq!(env.porcelain(), "");
    env.tix(&["check"]).success();
    let again = env.tix(&["init"]);
    again.success();
    assert_eq!(
        again.stderr, "Already initialised: .tix/config.yaml exists; nothing changed.\n",
        "{again}"
    );
}

#[test]
fn sync_merges_both_ways_and_nothing_to_do_is_quiet() {
    let d = desk();
    let id = d.shared_ticket();
    let quiet = d.a(&["sync"]);
    quiet.success();
    assert_eq!(quiet.stderr, "", "{quiet}");
    d.a(&["edit", &id, "--set", "priority=P1"]).success();
    let first = d.a(&["sync"]);
    first.success();
    let up = format!(
        "origin/{}",
        d.env.git(&["symbolic-ref", "--short", "HEAD"]).trim()
    );
    assert_eq!(
        first.stderr,
        format!("Synced with {up}: 0 commit(s) in, 1 out.\n"),
        "{first}"
    );
    d.b(&["comment", &id, "-m", "From B"]).success();
    let dry = d.b(&["sync", "--dry-run"]);
    dry.success();
    assert_eq!(
        dry.stderr,
        format!("Would bring in 1 commit(s) from {up} and push 1 commit(s); nothing changed.\n"),
        "{dry}"
    );
    let second = d.b(&["sync"]);
    second.success();
    assert_eq!(
        second.stderr,
        format!("Synced with {up}: 1 commit(s) in, 2 out.\n"),
        "{second}"
    );
    d.a(&["sync"]).success();
    let ours = d.env.read(&file_of(&id));
    assert_eq!(
        ours,
        std::fs::read_to_string(d.b.join(file_of(&id))).expect("b")
    );
    assert!(
        ours.contains("priority: P1") && ours.contains("From B"),
        "{ours}"
    );
    d.a(&["check"]).success();
}

#[test]
fn sync_stops_on_a_true_conflict_naming_the_file_and_the_way_on() {
    let d = desk();
    let id = d.shared_ticket();
    d.a(&["edit", &id, "--set", "priority=P1"]).success();
    d.a(&["sync"]).success();
    d.b(&["edit", &id, "--set", "priority=P4"]).success();
    let run = d.b(&["sync"]);
    assert_eq!(run.code, 3, "{run}");
    let file = file_of(&id);
    assert_eq!(
        run.stderr,
        format!(
            "error: the merge needs a person: 1 file is conflicted ({file})\n\
             hint: edit the marked lines in {file}, `git add` them and run `git commit`, then tix sync again; or undo with `git merge --abort`\n"
        ),
        "{run}"
    );
}

#[test]
fn sync_without_a_remote_or_against_a_refusing_remote_says_so() {
    let env = TestEnv::new();
    let run = env.tix(&["sync"]);
    assert_eq!(run.code, 3, "{run}");
    assert_eq!(
        run.stderr,
        "error: no remote to sync with: this repository has no Git remote\n\
         hint: add the shared repository: git remote add origin URL\n",
        "{run}"
    );

    let gone = TestEnv::new();
    gone.git(&["remote", "add", "origin", "/nonexistent/remote.git"]);
    let run = gone.tix(&["sync"]);
    assert_eq!(run.code, 3, "{run}");
    // After the colon, the last line of git's own message.
    let hint = "hint: check the remote's address, your credentials (git fetch/git push say more) and whether the branch is protected\n";
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot fetch from origin: '/nonexistent/remote.git' does not appear to be a git repository\n{hint}"
        ),
        "{run}"
    );

    let d = desk();
    let hook = d.env.tmp.path().join("remote.git/hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'main is protected' >&2\nexit 1\n").expect("hook");
    std::process::Command::new("chmod")
        .args(["+x", hook.to_str().expect("utf-8")])
        .status()
        .expect("chmod");
    d.env.new_ticket("Refused", &[]);
    let run = d.a(&["sync"]);
    assert_eq!(run.code, 3, "{run}");
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot push to origin: failed to push some refs to '{}'\n{hint}",
            d.env.tmp.path().join("remote.git").display()
        ),
        "{run}"
    );
}

/// Three clones, 20 rounds of random work on shared tickets, each round ending in `tix sync`:
/// every comment and field change survives, and all three end with the same files.
#[test]
fn three_clones_syncing_in_rounds_converge_and_lose_nothing() {
    let d = desk();
    let c = d.env.tmp.path().join("c");
    d.env.git_in(
        d.env.tmp.path(),
        &[
            "clone",
            "-q",
            d.env.tmp.path().join("remote.git").to_str().expect("utf-8"),
            c.to_str().expect("utf-8"),
        ],
    );
    let ids: Vec<String> = (0..3)
        .map(|i| d.env.new_ticket(&format!("Shared {i}"), &[]))
        .collect();
    d.a(&["sync"]).success();
    let clones = [d.env.root.clone(), d.b.clone(), c];
    for dir in &clones[1..] {
        d.env.tix_in(dir, &["sync"]).success();
    }
    // Each clone owns one field, so the only overlaps are comments and tags, which never conflict.
    let owned = [
        ("priority", ["P1", "P2", "P3", "P4"]),
        ("category", ["hardware", "software", "network", "access"]),
        ("assignee", ["alice", "bob", "carol", "dave"]),
    ];
    let mut seed: u64 = 42;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        ((seed >> 33) % n) as usize
    };
    let mut comments = Vec::new();
    let mut last: Vec<Vec<(usize, &str, &str)>> = vec![Vec::new(); 3];
    for round in 0..20 {
        for (k, dir) in clones.iter().enumerate() {
            for op in 0..2 {
                let id = &ids[next(3)];
                match next(3) {
                    0 => {
                        let text = format!("round {round} clone {k} op {op}");
                        d.env.tix_in(dir, &["comment", id, "-m", &text]).success();
                        comments.push(text);
                    }
                    1 => {
                        let (field, values) = owned[k];
                        let value = values[next(4)];
                        let run = d
                            .env
                            .tix_in(dir, &["edit", id, "--set", &format!("{field}={value}")]);
                        run.success();
                        last[k].push((ids.iter().position(|x| x == id).unwrap_or(0), field, value));
                    }
                    _ => {
                        let tag = format!("t{}", next(5));
                        d.env
                            .tix_in(dir, &["edit", id, "--set", &format!("tags={tag}")])
                            .success();
                    }
                }
            }
            let run = d.env.tix_in(dir, &["sync"]);
            if run.code != 0 {
                let files = d
                    .env
                    .git_in(dir, &["diff", "--name-only", "--diff-filter=U"]);
                let text: String = files
                    .lines()
                    .map(|f| std::fs::read_to_string(dir.join(f)).unwrap_or_default())
                    .collect();
                panic!("round {round}, clone {k}: {run}\n{text}");
            }
        }
    }
    for dir in clones.iter().chain(clones.iter()) {
        d.env.tix_in(dir, &["sync"]).success();
    }
    for id in &ids {
        let files: Vec<String> = clones
            .iter()
            .map(|dir| std::fs::read_to_string(dir.join(file_of(id))).expect("ticket"))
            .collect();
        assert_eq!(files[0], files[1], "{id}");
        assert_eq!(files[0], files[2], "{id}");
    }
    let all: String = ids.iter().map(|id| d.env.read(&file_of(id))).collect();
    for text in &comments {
        assert_eq!(
            all.matches(text.as_str()).count(),
            1,
            "'{text}' lost or doubled"
        );
    }
    // The last value each clone set for its own field is what every clone has.
    for (k, changes) in last.iter().enumerate() {
        for (t, field, _) in changes {
            let value = changes
                .iter()
                .rev()
                .find(|(u, f, _)| u == t && f == field)
                .map(|c| c.2);
            let text = d.env.read(&file_of(&ids[*t]));
            assert!(
                text.contains(&format!("{field}: {}", value.unwrap_or_default())),
                "clone {k}: {field} of {}",
                ids[*t]
            );
        }
    }
    d.a(&["check"]).success();
}

#[test]
fn the_pre_commit_hook_refuses_a_broken_staged_ticket_and_lets_good_ones_through() {
    let env = TestEnv::new();
    let id = env.new_ticket("Gatekept", &[]);
    env.tix(&["hooks", "install"]).success();
    assert!(
        env.tix(&["hooks", "install"])
            .success()
            .stderr
            .contains("Already installed")
    );
    let file = file_of(&id);
    let good = env.read(&file);
    // A broken hand edit: refused, with the file and line, and nothing committed.
    env.write(&file, &good.replace("status: new", "status: [new"));
    env.git(&["add", &file]);
    let head = env.head();
    let out = env
        .git_cmd_in(&env.root, &["commit", "-qm", "broken"])
        .output()
        .expect("git commit");
    assert!(!out.status.success());
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        said,
        format!(
            "{file}:4:9: status: invalid type: sequence, expected a string\n\
             error: 1 staged file(s) have problems; nothing was committed (fix them, or commit with --no-verify)\n"
        )
    );
    assert_eq!(env.head(), head);
    // An unknown status is refused too; a valid edit goes through.
    env.write(&file, &good.replace("status: new", "status: nonsense"));
    env.git(&["add", &file]);
    assert!(
        !env.git_cmd_in(&env.root, &["commit", "-qm", "bad status"])
            .output()
            .expect("git")
            .status
            .success()
    );
    env.write(
        &file,
        &good.replace("title: Gatekept", "title: Gatekept, fixed by hand"),
    );
    env.git(&["add", &file]);
    env.git(&["commit", "-qm", "good hand edit"]);
    // Only staged files count: a broken unstaged file does not block another commit.
    env.write(&file, "garbage: [");
    env.write("notes.txt", "x\n");
    env.git(&["add", "notes.txt"]);
    env.git(&["commit", "-qm", "unrelated"]);
    // Someone else's hook is kept unless --force.
    let other = TestEnv::new();
    let hook = other.root.join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\nexit 0\n").expect("hook");
    let run = other.tix(&["hooks", "install"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr,
        format!(
            "error: {} already exists and is not tix's\n\
             hint: pass --force to move it to pre-commit.before-tix and install tix's, or call `tix check --staged` from your hook\n",
            hook.display()
        ),
        "{run}"
    );
    other.tix(&["hooks", "install", "--force"]).success();
    assert!(other.root.join(".git/hooks/pre-commit.before-tix").exists());
}

fn at(env: &TestEnv, dir: &Path, when: &str, args: &[&str]) -> Run {
    let mut cmd = env.tix_cmd_in(dir, args);
    cmd.env("TIX_NOW", when);
    Run::from(cmd.output().expect("run tix"))
}

/// The same events, made in two clones and merged, or made in one clone: the same SLA clocks,
/// and `tix log` lists both sides' events in time order.
#[test]
fn sla_clocks_over_merged_history_equal_those_of_one_clone() {
    let steps: [(usize, &str, Vec<&str>); 4] = [
        (
            0,
            "2026-03-02T10:00:00Z",
            vec!["edit", "ID", "--set", "priority=P2"],
        ),
        (
            1,
            "2026-03-02T11:00:00Z",
            vec!["comment", "ID", "-m", "On it"],
        ),
        (0, "2026-03-02T12:00:00Z", vec!["pending", "ID"]),
        (
            1,
            "2026-03-02T13:00:00Z",
            vec!["edit", "ID", "--set", "category=network"],
        ),
    ];
    let sla = |env: &TestEnv, dir: &Path, id: &str| -> serde_json::Value {
        let run = at(
            env,
            dir,
            "2026-03-03T09:00:00Z",
            &["sla", id, "--format", "json"],
        );
        let mut json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
        json.as_object_mut().map(|o| o.remove("as_of"));
        json
    };
    // One clone.
    let one = TestEnv::new();
    let id_one = at(
        &one,
        &one.root,
        "2026-03-02T09:00:00Z",
        &["new", "--title", "Clocked", "--priority", "P3"],
    );
    let id_one = id_one.stdout.trim().to_string();
    for (_, when, args) in &steps {
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "ID" { id_one.as_str() } else { a })
            .collect();
        at(&one, &one.root, when, &args).success();
    }
    // Two clones: A and B alternate, then B pulls (a merge commit), A pulls B's merge.
    let d = desk();
    let id = at(
        &d.env,
        &d.env.root,
        "2026-03-02T09:00:00Z",
        &["new", "--title", "Clocked", "--priority", "P3"],
    );
    let id = id.stdout.trim().to_string();
    d.env.git(&["push", "-q"]);
    d.env.git_in(&d.b, &["pull", "-q", "--no-edit"]);
    for (clone, when, args) in &steps {
        let dir = if *clone == 0 {
            d.env.root.clone()
        } else {
            d.b.clone()
        };
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "ID" { id.as_str() } else { a })
            .collect();
        at(&d.env, &dir, when, &args).success();
    }
    d.env.git(&["push", "-q"]);
    assert!(d.pull_b().status.success());
    let mut merged = sla(&d.env, &d.b, &id);
    let mut single = sla(&one, &one.root, &id_one);
    // Only the IDs differ.
    let text_merged = merged.to_string().replace(&id, "ID");
    let text_single = single.to_string().replace(&id_one, "ID");
    merged = serde_json::from_str(&text_merged).expect("json");
    single = serde_json::from_str(&text_single).expect("json");
    assert_eq!(merged, single);
    let log = d.b(&["log", &id]);
    log.success();
    assert!(
        !log.stdout.contains("no field changes"),
        "the merge adds nothing: {log}"
    );
    let order: Vec<usize> = ["priority", "comment by", "pending", "category"]
        .iter()
        .map(|needle| {
            log.stdout
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} missing: {log}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{log}");
}

#[test]
fn two_clones_create_200_tickets_each_and_tix_sync_merges_them() {
    let d = desk();
    for i in 0..200 {
        d.env.new_ticket(&format!("A {i}"), &[]);
        d.env
            .tix_in(&d.b, &["new", "--title", &format!("B {i}")])
            .success();
    }
    d.a(&["sync"]).success();
    d.b(&["sync"]).success();
    d.a(&["sync"]).success();
    for dir in [&d.env.root, &d.b] {
        let json: serde_json::Value =
            serde_json::from_str(&d.env.tix_in(dir, &["list", "--format", "json"]).stdout)
                .expect("json");
        assert_eq!(json["tickets"].as_array().map(Vec::len), Some(400));
        d.env.tix_in(dir, &["check"]).success();
    }
}

/// The remote moves between tix sync's fetch and its push (a teammate pushed meanwhile): the
/// push is refused, and sync fetches, merges and pushes again.
#[test]
fn sync_retries_when_the_remote_moved_meanwhile() {
    let d = desk();
    let id = d.shared_ticket();
    d.b(&["list"]).success();
    let mark = d.env.tmp.path().join("moved-once");
    let hook = d.env.root.join(".git/hooks/pre-push");
    // Runs inside A's push: B pushes a comment first, once.
    let tix = assert_cmd::cargo::cargo_bin("tix");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\n[ -e '{mark}' ] && exit 0\ntouch '{mark}'\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX\ncd '{b}' && '{tix}' comment {id} -m 'B pushed meanwhile' && git push -q >/dev/null 2>&1\n",
            mark = mark.display(),
            b = d.b.display(),
            tix = tix.display(),
        ),
    )
    .expect("hook");
    std::process::Command::new("chmod")
        .args(["+x", hook.to_str().expect("utf-8")])
        .status()
        .expect("chmod");
    d.a(&["comment", &id, "-m", "A's comment"]).success();
    let run = d.a(&["sync"]);
    run.success();
    assert!(mark.exists(), "the hook did not run");
    let up = format!(
        "origin/{}",
        d.env.git(&["symbolic-ref", "--short", "HEAD"]).trim()
    );
    assert_eq!(
        run.stderr,
        format!("Synced with {up}: 1 commit(s) in, 2 out (the remote moved meanwhile; 1 retry).\n"),
        "{run}"
    );
    let text = d.env.read(&file_of(&id));
    assert!(
        text.contains("B pushed meanwhile") && text.contains("A's comment"),
        "{text}"
    );
    d.env.git_in(&d.b, &["pull", "-q", "--no-edit"]);
    assert_eq!(
        text,
        std::fs::read_to_string(d.b.join(file_of(&id))).expect("b")
    );
}
