//! `tix audit`: hand edits, unknown identities and unsigned commits are flagged; tix signs its
//! own commits when `commit.gpgsign` is on (an SSH key made in the test).

use std::process::Command;

use crate::common::{Run, TestEnv};

fn audit_json(env: &TestEnv) -> (Run, serde_json::Value) {
    let run = env.tix(&["audit", "--format", "json"]);
    let json = serde_json::from_str(&run.stdout).expect("json");
    (run, json)
}

#[test]
fn audit_flags_a_hand_edit_and_an_unknown_identity() {
    let env = TestEnv::new();
    let id = env.new_ticket("Audited", &["--requester", "Dana <dana@example.com>"]);
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(
        &file,
        text.replace("title: Audited", "title: Audited by hand"),
    )
    .expect("write");
    env.git(&["commit", "-qam", "hand edit"]);
    let mut mallory = env.tix_cmd(&["comment", &id, "-m", "hi"]);
    mallory.env("TIX_ACTOR", "Mallory <m@evil.example>");
    Run::from(mallory.output().expect("run")).success();
    let (run, json) = audit_json(&env);
    run.success();
    let entries = json["entries"].as_array().expect("entries");
    let flags = |subject: &str| -> Vec<String> {
        entries
            .iter()
            .find(|e| e["subject"].as_str().is_some_and(|s| s.contains(subject)))
            .map(|e| serde_json::from_value(e["flags"].clone()).expect("flags"))
            .unwrap_or_default()
    };
    assert_eq!(flags(" new: "), Vec::<String>::new());
    // The hand editor is neither an agent nor the requester.
    assert_eq!(flags("hand edit"), ["outside_tix", "unknown_identity"]);
    assert_eq!(flags(" comment: "), ["unknown_identity"]);
    let hand = entries
        .iter()
        .find(|e| e["subject"] == "hand edit")
        .expect("hand");
    assert_eq!(hand["files"][0]["fields"], serde_json::json!(["title"]));
    assert_eq!(hand["files"][0]["ticket"], id.as_str());
    assert_eq!(json["flagged"], 2);
    let table = env.tix(&["audit"]);
    assert!(
        table.stdout.contains("git  ") && table.stdout.contains("[outside_tix, unknown_identity]"),
        "{table}"
    );
}

#[test]
fn unsigned_commits_fail_the_audit_when_signing_is_required_and_tix_signs_its_own() {
    if Command::new("ssh-keygen").arg("-?").output().is_err() {
        eprintln!("SKIPPED unsigned_commits_fail_the_audit...: ssh-keygen is not installed");
        return;
    }
    let env = TestEnv::new();
    let key = env.tmp.path().join("key");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "alice", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen");
    assert!(made.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).expect("pub");
    let signers = env.tmp.path().join("allowed_signers");
    std::fs::write(&signers, format!("alice@example.com {public}")).expect("signers");
    env.git(&["config", "gpg.format", "ssh"]);
    env.git(&["config", "user.signingkey", key.to_str().expect("utf-8")]);
    env.git(&[
        "config",
        "gpg.ssh.allowedSignersFile",
        signers.to_str().expect("utf-8"),
    ]);
    let mut config = env.read(".tix/config.yaml");
    config.push_str("\naudit:\n  require_signed: true\n");
    env.write(".tix/config.yaml", &config);
    env.git(&["commit", "-qam", "require signed commits"]);
    env.new_ticket("Unsigned", &[]);
    env.git(&["config", "commit.gpgsign", "true"]);
    env.new_ticket("Signed by tix", &[]);
    assert_eq!(
        env.git(&["log", "-1", "--format=%G?"]).trim(),
        "G",
        "git verifies tix's signature"
    );
    let (run, json) = audit_json(&env);
    assert_eq!(run.code, 1, "{run}");
    assert_eq!(
        run.stderr,
        "error: commits without a good signature, and the config requires signing (audit.require_signed)\n",
        "{run}"
    );
    let entries = json["entries"].as_array().expect("entries");
    let by_subject = |s: &str| {
        entries
            .iter()
            .find(|e| e["subject"].as_str().is_some_and(|x| x.contains(s)))
            .expect(s)
    };
    assert_eq!(by_subject("new: Signed by tix")["signature"], "G");
    assert_eq!(
        by_subject("new: Signed by tix")["flags"],
        serde_json::json!([])
    );
    assert_eq!(
        by_subject("new: Unsigned")["flags"],
        serde_json::json!(["unsigned"])
    );
    // A key that cannot sign stops the write before anything is visible.
    env.git(&["config", "user.signingkey", "/nonexistent/key"]);
    let head = env.head();
    let run = env.tix(&["new", "--title", "cannot sign"]);
    env.assert_rejected(&run, 3, &head, "");
    // The middle is ssh-keygen's own message, which differs between OpenSSH versions.
    let (signing, hint) = run.stderr.split_once('\n').expect("two lines");
    assert!(
        signing.starts_with("error: cannot sign the commit (commit.gpgsign is on): ssh-keygen: ")
            && signing.ends_with("; nothing was written"),
        "{run}"
    );
    assert_eq!(
        hint,
        "hint: check user.signingkey and gpg.format (git commit -S shows the same error), or turn commit.gpgsign off\n",
        "{run}"
    );
}
