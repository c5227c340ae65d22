//! `tix escalate` end to end: levels at chosen times (TIX_NOW), idempotency, dry run, JSON,
//! timed rules, and notification hooks that fail, are queued and retried.
//! Office calendar: Mon-Fri 09:00-17:00 UTC; default policy P2 resolution 1d (8 business hours).

use crate::automation::{AGENTS, configure, teams};
use crate::common::{Run, TestEnv};

const HOOK: &str = "#!/bin/sh
# Appends the event and its environment to .git/hook-log; fails while .git/fail-hook exists.
if [ -e .git/fail-hook ]; then echo 'chat is down' >&2; exit 1; fi
{ echo \"$TIX_EVENT $TIX_TICKET $TIX_TARGET\"; cat; echo; } >> .git/hook-log
";

const LEVELS: &str = "escalation:
  levels:
    - { name: warn, clock: resolution, at: 75%, actions: [{ notify: assignee }] }
    - name: breach
      clock: resolution
      at: breach
      actions: [{ notify: team_lead }, { raise_priority: 1 }]
    - name: reassign
      clock: resolution
      at: breach+24h
      actions: [{ set: { assignee: \"\" } }, { assign_team: triage }, { add_tag: escalated }]
  timed:
    - name: stale-pending
      when: { status: [pending] }
      after: 5d
      actions: [{ comment: No answer for 5 business days; closing. }, { set_status: closed }]
    - name: triage-new
      when: { status: [new], unassigned: true }
      after: 2h
      actions: [{ assign_team: triage }]
";

fn at(env: &TestEnv, when: &str, args: &[&str]) -> Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env("TIX_NOW", when);
    Run::from(cmd.output().expect("run tix"))
}

/// A desk with agents, teams, the levels above and a chat hook; init on Mon 2026-03-02 08:00.
fn desk() -> TestEnv {
    let mut env = TestEnv::empty();
    env.now = "2026-03-02T08:00:00Z".into();
    env.tix(&["init"]).success();
    std::fs::create_dir_all(env.root.join("scripts")).expect("dir");
    env.write("scripts/notify.sh", HOOK);
    env.git(&["add", "scripts/notify.sh"]);
    env.git(&["update-index", "--chmod=+x", "scripts/notify.sh"]);
    std::process::Command::new("chmod")
        .args(["+x", "scripts/notify.sh"])
        .current_dir(&env.root)
        .status()
        .expect("chmod");
    configure(
        &env,
        &[
            (
                "agents:\n  - name: \"Alice Agent\"\n    email: \"alice@example.com\"\n",
                AGENTS,
            ),
            ("teams: {}\n", &teams("round-robin")),
            ("escalation: {}\n", LEVELS),
            (
                "hooks: {}\n",
                "hooks:\n  chat:\n    command: [./scripts/notify.sh, --channel, desk]\n",
            ),
            (
                "pending: [open, in_progress, resolved]",
                "pending: [open, in_progress, resolved, closed]",
            ),
        ],
    );
    env.now = "2026-03-02T09:00:00Z".into();
    env
}

fn show(env: &TestEnv, id: &str) -> serde_json::Value {
    let run = env.tix(&["show", id, "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{run}"));
    json["ticket"].clone()
}

fn hook_log(env: &TestEnv) -> String {
    std::fs::read_to_string(env.root.join(".git/hook-log")).unwrap_or_default()
}

#[test]
fn levels_fire_once_each_at_their_time() {
    let env = desk();
    let id = env.new_ticket(
        "VPN flaps",
        &["--priority", "P2", "--assignee", "bob", "--team", "desktop"],
    );

    // Mon 14:00: 5 of 8 business hours, below 75%.
    let run = at(&env, "2026-03-02T14:00:00Z", &["escalate"]);
    run.success();
    assert_eq!(run.stderr, "Nothing to escalate.\n", "{run}");

    // Mon 15:00: 6 of 8 hours = 75%: level warn notifies the assignee.
    let head = env.head();
    let run = at(&env, "2026-03-02T15:00:00Z", &["escalate"]);
    run.success();
    assert_eq!(
        run.stdout,
        format!("{id}  warn  resolution at 75% of its target  notify assignee\n"),
        "{run}"
    );
    assert_eq!(
        run.stderr, "Escalated: 1 escalation(s) on 1 ticket(s), one commit.\n",
        "{run}"
    );
    assert_ne!(env.head(), head);
    assert_eq!(
        show(&env, &id)["escalations"],
        serde_json::json!(["warn/resolution/1"])
    );
    let msg = env.git(&["log", "-1", "--format=%B"]);
    assert!(
        msg.starts_with("tix escalate: 1 escalation(s) on 1 ticket(s)"),
        "{msg}"
    );
    assert!(msg.contains("Tix-Action: escalate"), "{msg}");
    assert!(msg.contains(&format!("Tix-Ticket: {id}")), "{msg}");
    let log = hook_log(&env);
    assert!(
        log.starts_with(&format!("escalation {id} assignee\n")),
        "{log}"
    );
    let event: serde_json::Value =
        serde_json::from_str(log.lines().nth(1).expect("json line")).expect("json");
    assert_eq!(event["version"], 1);
    assert_eq!(event["name"], "warn");
    assert_eq!(event["recipients"], serde_json::json!(["bob@example.com"]));
    assert_eq!(event["ticket"]["priority"], "P2");
    assert_eq!(env.porcelain(), "");

    // Idempotent: the same run again changes nothing and runs no hook.
    let head = env.head();
    let run = at(&env, "2026-03-02T15:30:00Z", &["escalate"]);
    run.success();
    assert_eq!(run.stderr, "Nothing to escalate.\n", "{run}");
    assert_eq!(env.head(), head);
    assert_eq!(hook_log(&env), log);

    // Tue 10:00: breached at Tue 09:00: the lead is told and the priority goes up.
    at(&env, "2026-03-03T10:00:00Z", &["escalate"]).success();
    let t = show(&env, &id);
    assert_eq!(t["priority"], "P1");
    assert_eq!(
        t["escalations"],
        serde_json::json!(["warn/resolution/1", "breach/resolution/1"])
    );
    assert!(hook_log(&env).contains(&format!("escalation {id} team_lead\n")));
    assert!(hook_log(&env).contains("\"recipients\":[\"alice@example.com\"]"));

    // 24 business hours after the breach (now Mon 13:00 under P1's 4h): Thu 13:00.
    let run = at(&env, "2026-03-05T12:59:00Z", &["escalate"]);
    assert_eq!(run.stderr, "Nothing to escalate.\n", "{run}");
    at(&env, "2026-03-05T13:00:00Z", &["escalate"]).success();
    let t = show(&env, &id);
    assert_eq!(t["team"], "triage");
    assert_eq!(t["assignee"], "alice");
    assert_eq!(t["tags"], serde_json::json!(["escalated"]));
    let log = env.tix(&["log", &id]);
    assert!(log.stdout.contains("escalations:"), "{log}");
}

#[test]
fn dry_run_writes_nothing_and_json_lists_actions() {
    let env = desk();
    let id = env.new_ticket("VPN flaps", &["--priority", "P2", "--assignee", "bob"]);
    let head = env.head();
    let run = at(
        &env,
        "2026-03-02T15:00:00Z",
        &["escalate", "--dry-run", "--format", "json"],
    );
    run.success();
    assert_eq!(env.head(), head);
    assert_eq!(env.porcelain(), "");
    assert_eq!(hook_log(&env), "");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(json["version"], 1);
    assert_eq!(json["dry_run"], true);
    assert_eq!(json["as_of"], "2026-03-02T15:00:00Z");
    let e = &json["escalations"][0];
    assert_eq!(e["ticket"], id.as_str());
    assert_eq!(e["name"], "warn");
    assert_eq!(e["key"], "warn/resolution/1");
    assert_eq!(
        e["actions"],
        serde_json::json!([{ "action": "notify", "value": "assignee" }])
    );
    assert_eq!(
        run.stderr, "Dry run: 1 escalation(s) on 1 ticket(s) would be applied; nothing written.\n",
        "{run}"
    );
}

#[test]
fn failing_hook_is_reported_queued_and_retried() {
    let env = desk();
    let id = env.new_ticket("VPN flaps", &["--priority", "P2", "--assignee", "bob"]);
    std::fs::write(env.root.join(".git/fail-hook"), "").expect("flag");
    let head = env.head();
    let run = at(&env, "2026-03-02T15:00:00Z", &["escalate"]);
    run.success();
    // "chat is down" is the hook's own stderr, passed through.
    assert_eq!(
        run.stderr,
        format!(
            "Escalated: 1 escalation(s) on 1 ticket(s), one commit.\n\
             chat is down\n\
             warning: hook 'chat' for warn on {id} failed: ./scripts/notify.sh exited with exit status: 1; queued for retry by the next `tix escalate`\n"
        ),
        "{run}"
    );
    // The escalation is committed anyway.
    assert_ne!(env.head(), head);
    let queue = env.root.join(".git/tix/pending-notifications.jsonl");
    assert_eq!(
        std::fs::read_to_string(&queue)
            .expect("queue")
            .lines()
            .count(),
        1
    );
    // Still failing: kept.
    let run = at(&env, "2026-03-02T15:10:00Z", &["escalate"]);
    assert_eq!(
        run.stderr,
        format!(
            "chat is down\n\
             warning: queued hook 'chat' for warn on {id} failed again: ./scripts/notify.sh exited with exit status: 1; kept in the queue\n\
             Nothing to escalate.\n"
        ),
        "{run}"
    );
    assert!(queue.exists());
    // Back up: the next run sends it and empties the queue; nothing new is committed.
    std::fs::remove_file(env.root.join(".git/fail-hook")).expect("unflag");
    let head = env.head();
    let run = at(&env, "2026-03-02T15:20:00Z", &["escalate"]);
    run.success();
    assert_eq!(
        run.stderr, "Sent 1 queued notification(s).\nNothing to escalate.\n",
        "{run}"
    );
    assert!(!queue.exists());
    assert_eq!(env.head(), head);
    assert!(hook_log(&env).starts_with(&format!("escalation {id} assignee\n")));
}

#[test]
fn timed_rules_triage_new_tickets_and_close_stale_pending_ones() {
    let env = desk();
    let fresh = env.new_ticket("Monitor flickers", &[]);
    let waiting = env.new_ticket("Need a license", &["--assignee", "carol"]);
    at(&env, "2026-03-02T10:00:00Z", &["pending", &waiting]).success();

    let run = at(&env, "2026-03-02T10:59:00Z", &["escalate"]);
    assert_eq!(run.stderr, "Nothing to escalate.\n", "{run}");
    let run = at(&env, "2026-03-02T11:00:00Z", &["escalate"]);
    run.success();
    assert_eq!(
        run.stdout,
        format!(
            "{fresh}  triage-new  new for more than 2h  assign_team triage\n  \
             assigned to alice (round-robin in triage: first in rotation)\n"
        ),
        "{run}"
    );
    assert_eq!(
        run.stderr, "Escalated: 1 escalation(s) on 1 ticket(s), one commit.\n",
        "{run}"
    );
    let t = show(&env, &fresh);
    assert_eq!(t["team"], "triage");
    assert_eq!(t["assignee"], "alice");
    assert_eq!(
        t["escalations"],
        serde_json::json!(["triage-new@2026-03-02T09:00:00Z"])
    );

    // Pending since Mon 10:00: 5 business days (40 h) later is Mon 2026-03-09 10:00.
    let run = at(&env, "2026-03-09T09:59:00Z", &["escalate", "--dry-run"]);
    // Not yet stale-pending: only the other ticket's levels are due.
    assert_eq!(
        run.stdout,
        format!(
            "{fresh}  warn  resolution at 75% of its target  notify assignee\n\
             {fresh}  breach  resolution breached  notify team_lead; raise_priority 1\n"
        ),
        "{run}"
    );
    at(&env, "2026-03-09T10:00:00Z", &["escalate"]).success();
    let t = show(&env, &waiting);
    assert_eq!(t["status"], "closed");
    // A closed ticket has a resolution; automation names itself as what closed it.
    assert_eq!(t["resolution"], "Set to closed by stale-pending.");
    assert_eq!(t["comments"][0]["author"], "tix-escalate");
    assert_eq!(t["comments"][0]["internal"], true);
    // That run also raised the other ticket from P3 to P2 on its breach. Re-targeted from its
    // start, it is breached since Mon 17:00 (P2's due), so at the instant of the raise it is
    // already 33 business hours past that breach: the next run reassigns it.
    let run = at(&env, "2026-03-09T10:00:00Z", &["escalate"]);
    assert_eq!(
        run.stdout,
        format!(
            "{fresh}  reassign  resolution breached more than 24h ago  set {{\"assignee\":\"\"}}; assign_team triage; add_tag escalated\n  \
             assigned to alice (round-robin in triage: first in rotation)\n"
        ),
        "{run}"
    );
    // And the same run again does nothing.
    let head = env.head();
    at(&env, "2026-03-09T10:00:00Z", &["escalate"]).success();
    assert_eq!(env.head(), head);
}

#[test]
fn workflow_forbidden_moves_are_reported_and_skipped() {
    let env = desk();
    let text = env.read(".tix/config.yaml").replace(
        "pending: [open, in_progress, resolved, closed]",
        "pending: [open, in_progress, resolved]",
    );
    env.write(".tix/config.yaml", &text);
    env.git(&["commit", "-qam", "no pending -> closed"]);
    let id = env.new_ticket("Need a license", &["--assignee", "carol"]);
    env.tix(&["pending", &id]).success();
    let run = at(&env, "2026-03-09T10:00:00Z", &["escalate"]);
    run.success();
    assert_eq!(
        run.stdout,
        format!(
            "{id}  stale-pending  pending for more than 5d  comment No answer for 5 business days; closing.; set_status closed\n  \
             stale-pending: skipped set status closed: cannot move a ticket from 'pending' to 'closed'; allowed next statuses: open, in_progress, resolved\n"
        ),
        "{run}"
    );
    let t = show(&env, &id);
    assert_eq!(t["status"], "pending");
    // Recorded anyway, so it is not retried forever.
    assert_eq!(
        t["escalations"],
        serde_json::json!(["stale-pending@2026-03-02T09:00:00Z"])
    );
}

#[test]
fn rule_notify_runs_the_hook_after_the_commit() {
    let env = desk();
    configure(
        &env,
        &[(
            "rules: []\n",
            "rules:\n  - name: p1-page\n    when: [{ field: priority, equals: P1 }]\n    then: [{ notify: { to: team_lead, via: chat } }]\n",
        )],
    );
    let id = env.new_ticket("Mail down", &["--priority", "P1", "--team", "desktop"]);
    let log = hook_log(&env);
    assert!(log.starts_with(&format!("rule {id} team_lead\n")), "{log}");
    let event: serde_json::Value =
        serde_json::from_str(log.lines().nth(1).expect("json line")).expect("json");
    assert_eq!(event["event"], "rule");
    assert_eq!(event["name"], "p1-page");
    assert_eq!(
        event["recipients"],
        serde_json::json!(["alice@example.com"])
    );
    // A failing hook does not block the change: the commit is made, the failure reported.
    std::fs::write(env.root.join(".git/fail-hook"), "").expect("flag");
    let before = env.commit_count();
    let run = env.tix(&["comment", &id, "-m", "Still down"]);
    run.success();
    assert_eq!(env.commit_count(), before + 1);
    assert_eq!(
        run.stderr,
        format!(
            "Rules fired: p1-page.\n\
             chat is down\n\
             warning: hook 'chat' for p1-page on {id} failed: ./scripts/notify.sh exited with exit status: 1; queued for retry by the next `tix escalate`\n\
             Added comment to {id}\n"
        ),
        "{run}"
    );
}

#[test]
fn one_run_rotates_round_robin_across_the_tickets_it_assigns() {
    let env = desk();
    configure(
        &env,
        &[(
            "      after: 2h\n      actions: [{ assign_team: triage }]",
            "      after: 2h\n      actions: [{ assign_team: desktop }]",
        )],
    );
    let ids: Vec<String> = (0..3)
        .map(|i| env.new_ticket(&format!("PC {i}"), &[]))
        .collect();
    let run = at(&env, "2026-03-02T11:00:00Z", &["escalate"]);
    run.success();
    let mut who: Vec<String> = ids
        .iter()
        .map(|id| {
            show(&env, id)["assignee"]
                .as_str()
                .unwrap_or("-")
                .to_string()
        })
        .collect();
    who.sort();
    assert_eq!(who, ["alice", "bob", "carol"], "{run}");
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "tix escalate: 3 escalation(s) on 3 ticket(s)"
    );
}

#[test]
fn a_ticket_skipped_as_invalid_sends_nothing_and_is_reported() {
    let env = desk();
    // A hand edit committed with git left a tag tix refuses; escalating would have to save it.
    let bad = env.new_ticket("Bad one", &["--priority", "P2", "--assignee", "bob"]);
    let file = env.ticket_file(&bad);
    let text = std::fs::read_to_string(&file).expect("ticket");
    let text = text.replacen(
        "title: Bad one\n",
        "title: Bad one\ntags: [needs review]\n",
        1,
    );
    std::fs::write(&file, text).expect("write");
    // Dated like the rest of the desk (tags are in history, and a commit from the real
    // present would be reported as dated after the test's now).
    let status = env
        .git_cmd_in(&env.root, &["commit", "-qam", "hand edit"])
        .env("GIT_AUTHOR_DATE", &env.now)
        .env("GIT_COMMITTER_DATE", &env.now)
        .status()
        .expect("git commit");
    assert!(status.success());
    // A sound ticket escalated in the same run, so that run does commit and send.
    let good = env.new_ticket("Good one", &["--priority", "P2", "--assignee", "carol"]);
    let run = at(
        &env,
        "2026-03-02T15:00:00Z",
        &["escalate", "--format", "json"],
    );
    run.success();
    let log = hook_log(&env);
    assert!(
        !log.contains(&bad),
        "a hook ran for a skipped ticket: {log}"
    );
    assert!(log.contains(&good), "{log}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let escalated: Vec<&str> = json["escalations"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["ticket"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(escalated, [good.as_str()], "{run}");
    assert_eq!(json["skipped_tickets"][0]["ticket"], bad.as_str(), "{run}");
    let reason = "the escalated ticket would be invalid: invalid tag 'needs review': tags are single words without spaces or commas";
    assert_eq!(json["skipped_tickets"][0]["reason"], reason, "{run}");
    assert_eq!(
        run.stderr,
        format!(
            "warning: skipped {bad}: {reason}\n\
             Escalated: 1 escalation(s) on 1 ticket(s), one commit.\n"
        ),
        "{run}"
    );
    let message = env.git(&["log", "-1", "--format=%B"]);
    assert!(!message.contains(&bad), "{message}");
    // The next run sends nothing new: the good ticket's level is recorded, the bad one is
    // skipped again.
    let run = at(&env, "2026-03-02T15:10:00Z", &["escalate"]);
    run.success();
    assert_eq!(hook_log(&env), log, "{run}");
}

/// Whether a process is gone: no /proc entry, or a zombie waiting to be reaped.
#[cfg(target_os = "linux")]
fn process_gone(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_hook_that_times_out_is_ended_with_everything_it_started() {
    let env = desk();
    // The hook starts a long sleep in the background (its output elsewhere, so that nothing
    // waits on it through our pipes), records its PID, and waits for it.
    env.write(
        "scripts/slow.sh",
        "#!/bin/sh\nsleep 300 >/dev/null 2>&1 &\necho $! > .git/sleep-pid\nwait\n",
    );
    std::process::Command::new("chmod")
        .args(["+x", "scripts/slow.sh"])
        .current_dir(&env.root)
        .status()
        .expect("chmod");
    configure(
        &env,
        &[(
            "  chat:\n    command: [./scripts/notify.sh, --channel, desk]\n",
            "  chat:\n    command: [./scripts/slow.sh]\n    timeout_secs: 1\n",
        )],
    );
    let id = env.new_ticket("VPN flaps", &["--priority", "P2", "--assignee", "bob"]);
    let run = at(&env, "2026-03-02T15:00:00Z", &["escalate"]);
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "Escalated: 1 escalation(s) on 1 ticket(s), one commit.\n\
             warning: hook 'chat' for warn on {id} failed: ./scripts/slow.sh ran longer than 1s; queued for retry by the next `tix escalate`\n"
        ),
        "{run}"
    );
    let pid = env.read(".git/sleep-pid");
    let pid = pid.trim();
    assert!(!pid.is_empty());
    // SIGKILL is delivered at once but the process ends a moment later: wait for it, bounded.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !process_gone(pid) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let gone = process_gone(pid);
    if !gone {
        let _ = std::process::Command::new("kill")
            .args(["-9", pid])
            .status();
    }
    assert!(gone, "the hook's child {pid} outlived the timeout");
}
