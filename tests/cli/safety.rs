//! Safe writes: whatever crashes or runs beside tix, no ticket is lost, reverted or corrupted,
//! and the repository is never wedged.
//!
//! The kill tests stop tix at every step of its write protocol (`TIX_TEST_CRASH_AT=N` sends the
//! process SIGKILL at the Nth step), at random instants, and (when strace is installed) at each
//! `rename` system call, then check what a user would see: `git fsck` clean, `git status` clean
//! after the next tix command, the ticket as it was before or after the command, and a later
//! `tix new` working without manual cleanup.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::automation::configure;
use crate::common::{Run, TestEnv};

/// Killed by a signal: `Run::code` is -1 then.
fn killed(run: &Run) -> bool {
    run.code == -1
}

fn crash_at(env: &TestEnv, step: u32, args: &[&str]) -> Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env("TIX_TEST_CRASH_AT", step.to_string());
    Run::from(cmd.output().expect("run tix"))
}

/// What a user sees after the next tix command: a clean, consistent repository.
fn assert_healthy(env: &TestEnv, context: &str) {
    let next = env.tix(&["list", "--all"]);
    assert_eq!(next.code, 0, "{context}: {next}");
    assert_eq!(env.porcelain(), "", "{context}: {next}");
    env.git(&["fsck", "--no-progress", "--no-dangling"]);
    let branch_lock = format!("refs/heads/{}.lock", branch(env));
    for stale in ["index.lock", branch_lock.as_str(), "tix/intent.json"] {
        assert!(
            !env.root.join(".git").join(stale).exists(),
            "{context}: .git/{stale} left"
        );
    }
    // A user's `git commit -a` now records nothing: no reversion is waiting to be committed.
    assert_eq!(env.git(&["diff", "HEAD", "--stat"]), "", "{context}");
}

fn branch(env: &TestEnv) -> String {
    env.git(&["symbolic-ref", "--short", "HEAD"])
        .trim()
        .to_string()
}

/// Each command is killed at every step of its write, then the next tix run repairs.
#[test]
fn kill_at_every_step_leaves_the_ticket_before_or_after() {
    let env = TestEnv::new();
    configure(
        &env,
        &[(
            "escalation: {}",
            "escalation:\n  timed:\n    - { name: stale, when: { status: [new] }, after: 1h, actions: [{ add_tag: stale }] }",
        )],
    );
    let id = env.new_ticket("Crash me", &[]);
    let commands: Vec<(&str, Vec<String>)> = vec![
        ("new", vec!["new".into(), "--title".into(), "Born".into()]),
        (
            "comment",
            vec!["comment".into(), id.clone(), "-m".into(), "hello".into()],
        ),
        ("start", vec!["start".into(), id.clone()]),
        (
            "resolve",
            vec![
                "resolve".into(),
                id.clone(),
                "--resolution".into(),
                "fixed".into(),
            ],
        ),
    ];
    for (name, args) in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut step = 1;
        loop {
            let before_head = env.head();
            let before = std::fs::read_to_string(env.ticket_file(&id)).expect("ticket");
            let run = crash_at(&env, step, &args);
            let context = format!("{name} killed at step {step}");
            assert_healthy(&env, &context);
            let after = std::fs::read_to_string(env.ticket_file(&id)).expect("ticket");
            if env.head() == before_head {
                assert_eq!(after, before, "{context}: changed without a commit");
            } else {
                assert_eq!(
                    env.commit_count(),
                    count_at(&env, &before_head) + 1,
                    "{context}"
                );
            }
            if !killed(&run) {
                run.success();
                if *name == "new" {
                    let new_id = run.stdout.trim();
                    assert!(env.ticket_file(new_id).exists(), "{context}: {run}");
                }
                break;
            }
            if env.head() != before_head {
                // The commit landed before the kill: it is whole, and the command is done.
                if *name != "new" {
                    assert_ne!(after, before, "{context}");
                }
                break;
            }
            // Undone steps are simply tried again, as a user would.
            step += 1;
            assert!(step < 30, "{name} never completed");
        }
        assert!(
            step > 5,
            "{name}: the write has fewer steps than expected ({step})"
        );
    }
    // escalate writes through the same protocol, one commit for all tickets.
    let other = env.new_ticket("Second", &[]);
    let head = env.head();
    let mut step = 1;
    loop {
        let mut cmd = env.tix_cmd(&["escalate"]);
        cmd.env("TIX_NOW", "2026-03-03T12:00:00Z")
            .env("TIX_TEST_CRASH_AT", step.to_string());
        let run = Run::from(cmd.output().expect("run"));
        assert_healthy(&env, &format!("escalate killed at step {step}"));
        if !killed(&run) {
            run.success();
            break;
        }
        step += 1;
        assert!(step < 30, "escalate never completed");
    }
    assert_eq!(env.commit_count(), count_at(&env, &head) + 1);
    assert!(env.read(&rel(&other)).contains("stale"));
    env.new_ticket("Still works", &[]);
}

fn count_at(env: &TestEnv, rev: &str) -> usize {
    env.git(&["rev-list", "--count", rev])
        .trim()
        .parse()
        .expect("count")
}

fn rel(id: &str) -> String {
    let code = &id[id.rfind('-').expect("dash") + 1..];
    format!("tickets/{}/{}/{id}.yaml", &code[..1], &code[1..2])
}

/// SIGKILL at random instants (a fixed pseudo-random sequence, so a failure can be replayed).
#[test]
fn kill_at_random_instants_loses_nothing_printed() {
    let env = TestEnv::new();
    let id = env.new_ticket("Target", &[]);
    let mut printed = Vec::new();
    let mut comments = Vec::new();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let started = Instant::now();
    for i in 0..40 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay = Duration::from_micros((seed >> 33) % 20_000);
        let text = format!("note {i}");
        let args: Vec<&str> = if i % 2 == 0 {
            vec!["new", "--title", &text]
        } else {
            vec!["comment", &id, "-m", &text]
        };
        let mut child = env
            .tix_cmd(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill();
        let out = child.wait_with_output().expect("wait");
        if out.status.success() {
            if i % 2 == 0 {
                printed.push(String::from_utf8_lossy(&out.stdout).trim().to_string());
            } else {
                comments.push(text);
            }
        }
        assert_healthy(&env, &format!("random kill {i} after {delay:?}"));
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "kill loop too slow"
        );
    }
    for new_id in &printed {
        assert!(
            env.ticket_file(new_id).exists(),
            "{new_id} was printed but is gone"
        );
    }
    let ticket = env.read(&rel(&id));
    for text in &comments {
        assert!(
            ticket.contains(text.as_str()),
            "'{text}' was committed but is gone"
        );
    }
    env.new_ticket("After the storm", &[]);
}

/// The original reproduction: strace kills tix at its Nth `rename` system call.
#[test]
fn kill_at_each_rename_syscall_with_strace() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("SKIPPED kill_at_each_rename_syscall_with_strace: strace is not installed");
        return;
    }
    let env = TestEnv::new();
    let id = env.new_ticket("Traced", &[]);
    let tix = assert_cmd::cargo::cargo_bin("tix");
    for n in 1..=8 {
        let mut traced = env.program("strace");
        traced
            .args([
                "-f",
                "-o",
                "/dev/null",
                "-e",
                "trace=rename,renameat,renameat2",
            ])
            .arg("-e")
            .arg(format!(
                "inject=rename,renameat,renameat2:signal=KILL:when={n}"
            ))
            .arg(&tix)
            .args(["comment", &id, "-m", &format!("traced {n}")]);
        let run = Run::from(traced.output().expect("strace"));
        assert_healthy(&env, &format!("killed at rename {n}: {run}"));
    }
}

/// 30 `tix new` racing 30 plain `git add && git commit` in the same clone, with the pre-commit
/// hook of `tix hooks install` (as README advises beside plain git).
///
/// tix and git exclude each other through `index.lock`, but `git commit` reads the index before
/// it locks it; when a whole tix write lands in that gap, git writes back an index without the
/// new ticket (a git race that two git commands have too). The hook refuses to commit such a
/// stale index, so no ticket leaves HEAD, and `git reset -q -- tickets` puts the index right.
#[test]
fn plain_git_beside_tix_loses_no_ticket() {
    let env = TestEnv::new();
    env.tix(&["hooks", "install"]).success();
    std::fs::create_dir_all(env.root.join("notes")).expect("dir");
    let mut children = Vec::new();
    for i in 0..30 {
        let mut tix = env.tix_cmd(&["new", "--title", &format!("raced {i}")]);
        tix.env("TIX_LOCK_TIMEOUT", "60")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        children.push((true, tix.spawn().expect("spawn tix")));
        let script = format!(
            "echo {i} > notes/{i}.txt && git add notes/{i}.txt && git commit -qm 'note {i}'"
        );
        let mut sh = env.program("sh");
        sh.args(["-c", &script])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        children.push((false, sh.spawn().expect("spawn sh")));
    }
    let mut ids = Vec::new();
    for (is_tix, child) in children {
        let out = child.wait_with_output().expect("wait");
        if is_tix {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            ids.push(String::from_utf8_lossy(&out.stdout).trim().to_string());
        }
    }
    env.git(&["fsck", "--no-progress", "--no-dangling"]);
    let in_head = |env: &TestEnv| env.git(&["ls-tree", "-r", "--name-only", "HEAD"]);
    let tracked = in_head(&env);
    for id in &ids {
        assert!(
            tracked.contains(&rel(id)),
            "{id} is not in HEAD; deletions:\n{}",
            env.git(&[
                "log",
                "--diff-filter=D",
                "--name-only",
                "--format=%h %s (%an)"
            ])
        );
        assert!(
            env.ticket_file(id).exists(),
            "{id} is not in the working tree"
        );
    }
    let status = env.porcelain();
    if status.contains("tickets/") {
        // Only a stale index (git's race), which the hook names and git reset repairs.
        let check = env.tix(&["check", "--staged"]);
        assert_eq!(check.code, 1, "{check}\n{status}");
        // However many files git's race reached, each is named with its repair.
        let lines: Vec<&str> = check.stdout.lines().collect();
        for line in &lines {
            let named = ids.iter().map(|id| rel(id)).find(|r| {
                *line == format!(
                    "{r} is staged as an older version (or a deletion) while the file and HEAD agree: a stale index, written back by a git command that raced a tix write; `git reset -q -- {r}` takes HEAD's version back into the index"
                )
            });
            assert!(named.is_some(), "{check}");
        }
        assert_eq!(
            check.stderr,
            format!(
                "error: {} staged file(s) have problems; nothing was committed (fix them, or commit with --no-verify)\n",
                lines.len()
            ),
            "{check}"
        );
        env.git(&["reset", "-q", "--", "tickets"]);
    }
    assert!(!env.porcelain().contains("tickets/"), "{}", env.porcelain());
    // And a user's commit of everything now removes nothing.
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "the rest", "--allow-empty"]);
    let tracked = in_head(&env);
    assert_eq!(
        ids.iter().filter(|id| tracked.contains(&rel(id))).count(),
        30
    );
}

/// The hook's defence on its own: an index that lost a ticket tix committed is refused.
#[test]
fn the_pre_commit_hook_refuses_a_stale_index_that_would_delete_a_ticket() {
    let env = TestEnv::new();
    env.tix(&["hooks", "install"]).success();
    let id = env.new_ticket("Kept", &[]);
    // What a racing `git commit` writes back: the index without the new ticket.
    env.git(&["rm", "-q", "--cached", &rel(&id)]);
    let head = env.head();
    let out = env
        .git_cmd_in(&env.root, &["commit", "-qm", "would delete it"])
        .output()
        .expect("git");
    assert!(!out.status.success());
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let file = rel(&id);
    assert_eq!(
        said,
        format!(
            "{file} is staged as an older version (or a deletion) while the file and HEAD agree: a stale index, written back by a git command that raced a tix write; `git reset -q -- {file}` takes HEAD's version back into the index\n\
             error: 1 staged file(s) have problems; nothing was committed (fix them, or commit with --no-verify)\n"
        )
    );
    assert_eq!(env.head(), head);
    env.git(&["reset", "-q", "--", &rel(&id)]);
    assert_eq!(env.porcelain(), "");
}

#[test]
fn leftover_lock_files_of_crashed_runs_do_not_wedge() {
    let env = TestEnv::new();
    // Created but never filled in (killed before writing a PID), or holding a reused PID: tix's
    // own locks are kernel locks, so any file left behind is not a lock.
    std::fs::write(env.root.join(".git/tix/write.lock"), "").expect("write");
    std::fs::write(env.root.join(".git/tix/write.lock"), "1\n").expect("write");
    std::fs::write(env.root.join(".git/tix.lock"), "1\n").expect("write");
    std::fs::write(env.root.join(".git/tix/timeline.lock"), "").expect("write");
    let started = Instant::now();
    let mut cmd = env.tix_cmd(&["new", "--title", "not wedged"]);
    cmd.env("TIX_LOCK_TIMEOUT", "0");
    Run::from(cmd.output().expect("run")).success();
    let mut cmd = env.tix_cmd(&["sla", "check"]);
    cmd.env("TIX_LOCK_TIMEOUT", "0");
    Run::from(cmd.output().expect("run")).success();
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_foreign_index_lock_is_reported_before_anything_is_written() {
    let env = TestEnv::new();
    let id = env.new_ticket("Locked out", &[]);
    let (head, status) = (env.head(), env.porcelain());
    std::fs::write(env.root.join(".git/index.lock"), "").expect("lock");
    let mut cmd = env.tix_cmd(&["new", "--title", "blocked"]);
    cmd.env("TIX_LOCK_TIMEOUT", "0.1");
    let run = Run::from(cmd.output().expect("run"));
    assert_eq!(run.stdout, "", "no ID may be printed: {run}");
    assert_eq!(run.code, 3, "{run}");
    let lock = env.root.join(".git/index.lock");
    assert_eq!(
        run.stderr,
        format!(
            "error: {0} exists: another git process seems to be running in this repository; nothing was written\n\
             hint: if no git command is running (a crashed one may have left it), remove the file: rm {0}\n",
            lock.display()
        ),
        "{run}"
    );
    assert_eq!(env.head(), head);
    // Nobody else's lock is ever removed by tix.
    assert!(env.root.join(".git/index.lock").exists());
    std::fs::remove_file(env.root.join(".git/index.lock")).expect("rm");
    assert_eq!(env.porcelain(), status);
    env.tix(&["comment", &id, "-m", "free again"]).success();
}

#[test]
fn a_stale_branch_lock_gets_a_hint_naming_the_file() {
    let env = TestEnv::new();
    let id = env.new_ticket("Branch locked", &[]);
    let head = env.head();
    let lock = env
        .root
        .join(format!(".git/refs/heads/{}.lock", branch(&env)));
    std::fs::write(&lock, "").expect("lock");
    let mut cmd = env.tix_cmd(&["comment", &id, "-m", "x"]);
    cmd.env("TIX_LOCK_TIMEOUT", "0.2");
    let run = Run::from(cmd.output().expect("run"));
    env.assert_rejected(&run, 3, &head, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: {0} exists: another git process seems to be updating the branch; nothing was written\n\
             hint: if no git command is running (a crashed one may have left it), remove the file: rm {0}\n",
            lock.display()
        ),
        "{run}"
    );
    assert!(lock.exists(), "someone else's lock must stay");
}

/// Builds a repository in the middle of `operation` and checks tix refuses to write (with
/// `hint`, what to run next) but reads.
fn assert_refuses_during(env: &TestEnv, id: &str, operation: &str, hint: &str) {
    let head = env.head();
    let run = env.tix(&["comment", id, "-m", "during"]);
    assert_eq!(run.code, 3, "{run}");
    assert_eq!(
        run.stderr,
        format!(
            "error: {operation} is in progress; tix does not write until it is finished\n\
             hint: {hint}, then run tix again\n"
        ),
        "{run}"
    );
    assert_eq!(env.head(), head);
    env.tix(&["show", id]).success();
}

#[test]
fn writes_are_refused_during_merge_rebase_cherry_pick_revert_and_bisect() {
    let env = TestEnv::new();
    let id = env.new_ticket("Bystander", &[]);
    env.write("notes.txt", "base\n");
    env.git(&["add", "notes.txt"]);
    env.git(&["commit", "-qm", "base"]);
    let main = branch(&env);
    env.git(&["checkout", "-qb", "side"]);
    env.write("notes.txt", "side\n");
    env.git(&["commit", "-qam", "side"]);
    env.git(&["checkout", "-q", &main]);
    env.write("notes.txt", "main\n");
    env.git(&["commit", "-qam", "main"]);
    let conflict = |args: &[&str]| {
        let out = env.git_cmd_in(&env.root, args).output().expect("git");
        assert!(
            !out.status.success(),
            "git {args:?} should stop on the conflict"
        );
    };

    conflict(&["merge", "side"]);
    assert_refuses_during(
        &env,
        &id,
        "a merge",
        "resolve the conflicts and run `git commit`, or abort it with `git merge --abort`",
    );
    env.git(&["merge", "--abort"]);

    conflict(&["cherry-pick", "side"]);
    assert_refuses_during(
        &env,
        &id,
        "a cherry-pick",
        "continue it with `git cherry-pick --continue`, or abort it with `git cherry-pick --abort`",
    );
    env.git(&["cherry-pick", "--abort"]);

    conflict(&["rebase", "side"]);
    assert_refuses_during(
        &env,
        &id,
        "a rebase",
        "continue it with `git rebase --continue`, or abort it with `git rebase --abort`",
    );
    env.git(&["rebase", "--abort"]);

    conflict(&["revert", "--no-edit", "HEAD~1"]);
    assert_refuses_during(
        &env,
        &id,
        "a revert",
        "continue it with `git revert --continue`, or abort it with `git revert --abort`",
    );
    env.git(&["revert", "--abort"]);

    env.git(&["bisect", "start"]);
    assert_refuses_during(&env, &id, "a bisect", "end it with `git bisect reset`");
    env.git(&["bisect", "reset"]);

    env.tix(&["comment", &id, "-m", "all clear"]).success();
}

#[test]
fn detached_head_is_refused_unless_asked() {
    let env = TestEnv::new();
    let id = env.new_ticket("Detached", &[]);
    env.git(&["checkout", "-q", "--detach"]);
    let head = env.head();
    let run = env.tix(&["comment", &id, "-m", "where?"]);
    env.assert_rejected(&run, 3, &head, "");
    assert_eq!(
        run.stderr,
        "error: HEAD is detached (not on a branch), so a commit would belong to no branch\n\
         hint: switch to a branch first (git switch main), or pass --detached to commit anyway\n",
        "{run}"
    );
    env.tix(&["--detached", "comment", &id, "-m", "here"])
        .success();
    assert_ne!(env.head(), head);
    assert_eq!(env.porcelain(), "");
}

#[test]
fn a_conflicted_ticket_file_is_named_with_the_command_that_resolves_it() {
    let env = TestEnv::new();
    let id = env.new_ticket("Contested", &[]);
    env.new_ticket("Innocent", &[]);
    let file = rel(&id);
    let main = branch(&env);
    env.git(&["checkout", "-qb", "side"]);
    env.write(&file, &env.read(&file).replace("Contested", "Side title"));
    env.git(&["commit", "-qam", "side"]);
    env.git(&["checkout", "-q", &main]);
    env.write(&file, &env.read(&file).replace("Contested", "Main title"));
    env.git(&["commit", "-qam", "main"]);
    let out = env
        .git_cmd_in(&env.root, &["merge", "side"])
        .output()
        .expect("git");
    assert!(!out.status.success());

    let run = env.tix(&["show", &id]);
    assert_eq!(run.code, 3, "{run}");
    // The first conflict marker is on line 2, the title.
    assert_eq!(
        run.stderr,
        format!(
            "error: {file}:2: unresolved merge conflict in this ticket file\n\
             hint: edit the file to keep what is right and run `git add {file}`, or take one side with `git checkout --ours {file}` (or --theirs) and `git add {file}`\n"
        ),
        "{run}"
    );
    // The others stay readable.
    let list = env.tix(&["list"]);
    list.success();
    assert!(list.stdout.contains("Innocent"), "{list}");
    assert_eq!(
        list.stderr,
        format!(
            "warning: skipped {file}:2: unresolved merge conflict in this ticket file (run `tix check`)\n"
        ),
        "{list}"
    );
    assert_eq!(env.tix(&["check"]).code, 1);
    // Following the hint works.
    env.git(&["checkout", "--theirs", &file]);
    env.git(&["add", &file]);
    env.git(&["commit", "-qm", "merged"]);
    assert!(
        env.tix(&["show", &id])
            .success()
            .stdout
            .contains("Side title")
    );
}

#[test]
fn a_non_utf8_ticket_is_refused_on_write_as_on_read() {
    let env = TestEnv::new();
    let id = env.new_ticket("Latin-1", &[]);
    let path = env.ticket_file(&id);
    let mut bytes = std::fs::read(&path).expect("read");
    let at = bytes
        .windows(7)
        .position(|w| w == b"Latin-1")
        .expect("title");
    bytes[at + 5] = 0xE9;
    std::fs::write(&path, &bytes).expect("write");
    env.git(&["commit", "-qam", "hand edit in Latin-1"]);
    let head = env.head();
    for args in [
        vec!["comment", id.as_str(), "-m", "x"],
        vec!["show", id.as_str()],
    ] {
        let run = env.tix(&args);
        env.assert_rejected(&run, 2, &head, "");
        assert_eq!(
            run.stderr,
            format!(
                "error: {}:2: is not valid UTF-8 (byte 28); ticket files are UTF-8 text, re-save it as UTF-8\n",
                rel(&id)
            ),
            "{run}"
        );
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "bytes were rewritten"
    );
}

#[test]
fn a_committed_symlink_for_tickets_is_refused() {
    let env = TestEnv::new();
    env.new_ticket("Behind a link", &[]);
    env.git(&["mv", "tickets", "store"]);
    std::os::unix::fs::symlink("store", env.root.join("tickets")).expect("symlink");
    env.git(&["add", "tickets"]);
    env.git(&["commit", "-qm", "tickets live in store/"]);
    let head = env.head();
    let run = env.tix(&["new", "--title", "split"]);
    env.assert_rejected(&run, 3, &head, "");
    assert_eq!(
        run.stderr,
        "error: tickets is a symbolic link; tix writes ticket files only into real directories\n\
         hint: replace the link by a real directory (git rm the link, mkdir, move the files, commit)\n",
        "{run}"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn sla_works_where_the_cache_cannot_be_written() {
    let env = TestEnv::new();
    let id = env.new_ticket("Read-only desk", &["--priority", "P1"]);
    let expected = env.tix(&["sla", "check", "--format", "json"]);
    // A cache directory that cannot be created stands for a read-only .git (tests may run as
    // root, for whom permissions do not stop writes).
    std::fs::remove_dir_all(env.root.join(".git/tix")).expect("rm");
    std::fs::write(env.root.join(".git/tix"), "not a directory").expect("write");
    let run = env.tix(&["sla", "check", "--format", "json"]);
    assert_eq!(run.code, expected.code, "{run}");
    assert_eq!(run.stdout, expected.stdout);
    assert_eq!(
        run.stderr, expected.stderr,
        "the cache is disposable: nothing to say"
    );
    env.tix(&["list"]).success();
    env.tix(&["show", &id]).success();
}

#[test]
fn writes_pack_loose_objects_as_git_does() {
    let env = TestEnv::new();
    env.git(&["config", "gc.autoDetach", "false"]);
    // Git's own estimate looks at objects/17 only: put two loose objects there (more than
    // ceil(gc.auto / 256) = 1 for gc.auto = 1), as many commits eventually would.
    env.git(&["config", "gc.auto", "1"]);
    let mut seeded = 0;
    for n in 0.. {
        let content = format!("seed {n}\n");
        let digest =
            <sha1::Sha1 as sha1::Digest>::digest(format!("blob {}\0{content}", content.len()));
        if digest[0] == 0x17 {
            env.write("seed.txt", &content);
            env.git(&["hash-object", "-w", "seed.txt"]);
            seeded += 1;
            if seeded == 2 {
                break;
            }
        }
    }
    std::fs::remove_file(env.root.join("seed.txt")).expect("rm");
    assert_eq!(packed(&env.root), 0);
    env.new_ticket("The straw", &[]);
    assert!(packed(&env.root) > 0, "tix did not run git gc --auto");
    // And below the threshold, no gc runs (each write stays cheap).
    let quiet = TestEnv::new();
    quiet.new_ticket("One", &[]);
    assert_eq!(packed(&quiet.root), 0);
}

fn packed(root: &Path) -> usize {
    let out = Command::new("git")
        .args(["count-objects", "-v"])
        .current_dir(root)
        .output()
        .expect("git");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("in-pack: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// A full disk at different points of the write (the file-size limit makes each write beyond N
/// bytes fail with EFBIG, as ENOSPC would): the command fails or succeeds whole.
#[test]
fn a_full_disk_fails_the_write_whole_or_not_at_all() {
    let env = TestEnv::new();
    let long = "A long description. ".repeat(200);
    let id = env.new_ticket("Big ticket", &["--description", &long]);
    let tix = assert_cmd::cargo::cargo_bin("tix");
    let (mut failed, mut done) = (0, 0);
    for blocks in [1, 2, 4, 8, 16, 64] {
        let head = env.head();
        let before = env.read(&rel(&id));
        let mut sh = env.program("sh");
        // SIGXFSZ ignored, so an oversized write fails with an error instead of killing tix.
        sh.arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""
            ))
            .arg(&tix)
            .args(["comment", &id, "-m", &format!("disk of {blocks} blocks")]);
        let run = Run::from(sh.output().expect("sh"));
        let context = format!("file size limit {blocks} blocks: {run}");
        assert!(run.code == 0 || run.code == 3, "{context}");
        assert_eq!(env.porcelain(), "", "{context}");
        assert!(!env.root.join(".git/tix/intent.json").exists(), "{context}");
        assert!(!env.root.join(".git/index.lock").exists(), "{context}");
        if run.code == 3 {
            failed += 1;
            assert_eq!(env.head(), head, "{context}");
            assert_eq!(env.read(&rel(&id)), before, "{context}");
        } else {
            done += 1;
            assert!(
                env.read(&rel(&id))
                    .contains(&format!("disk of {blocks} blocks"))
            );
        }
    }
    assert!(
        failed >= 2 && done >= 1,
        "{failed} failed, {done} done: limits miss the write"
    );
    env.git(&["fsck", "--no-progress", "--no-dangling"]);
    env.tix(&["comment", &id, "-m", "space again"]).success();
}

/// Writes of several files (a ticket and its child tasks, both ends of a link, an asset file)
/// killed at every step leave everything as before or after, never a part of it.
#[test]
fn kill_at_every_step_of_a_many_file_write_leaves_all_or_nothing() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.root.join(".tix/templates")).expect("dir");
    env.write(
        ".tix/templates/move.yaml",
        "title: Office move\ntasks:\n  - title: Network\n  - title: Phones\n",
    );
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "template"]);
    let a = env.new_ticket("Switch", &[]);
    let b = env.new_ticket("Move", &[]);
    let commands: Vec<(&str, Vec<&str>)> = vec![
        ("template", vec!["new", "--template", "move"]),
        ("link", vec!["link", &a, "blocks", &b]),
        ("asset", vec!["asset", "new", "LT-1", "--type", "laptop"]),
    ];
    for (name, args) in &commands {
        let mut step = 1;
        loop {
            let (head, commits) = (env.head(), env.commit_count());
            let run = crash_at(&env, step, args);
            let context = format!("{name} killed at step {step}");
            assert_healthy(&env, &context);
            let landed = env.head() != head;
            assert_eq!(
                env.commit_count(),
                commits + usize::from(landed),
                "{context}"
            );
            if landed {
                let files = env.git(&["show", "--name-only", "--format=", "HEAD"]);
                let want = match *name {
                    "template" => 3,
                    "link" => 2,
                    _ => 1,
                };
                assert_eq!(files.lines().count(), want, "{context}: {files}");
            }
            if !killed(&run) || landed {
                break;
            }
            step += 1;
            assert!(step < 30, "{name} never completed");
        }
        assert!(
            step > 3,
            "{name}: killed at fewer steps than a write has ({step})"
        );
    }
}
