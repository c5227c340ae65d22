//! `tix intake`: real messages (multipart, quoted-printable, base64, ISO-8859-1, HTML only)
//! built here, fed to the binary, and judged by the tickets, files and commits they leave.

use std::io::Write;
use std::process::Stdio;

use crate::common::{Run, TestEnv};

/// Base64 with line breaks every 76 characters, as mail encoders write it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.as_bytes()
        .chunks(76)
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// A plain message from Bob.
fn plain(id: &str, subject: &str, body: &str) -> String {
    format!(
        "From: Bob Requester <bob@example.com>\r\nTo: desk@example.com\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

/// multipart/mixed: a quoted-printable text part and a base64 attachment named `name`.
fn with_attachment(id: &str, name: &str, attachment: &[u8]) -> String {
    format!(
        "From: Bob Requester <bob@example.com>\r\nSubject: Printer on floor 2\r\nMessage-ID: <{id}>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\nThis is a multi-part message.\r\n--XYZ\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nThe printer shows =E2=80=9Cpaper jam=E2=80=9D and a very long line that th=\r\ne encoder had to wrap.\r\nCaf=C3=A9 is on floor 2.\r\n--XYZ\r\nContent-Type: application/octet-stream; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--XYZ--\r\n",
        base64(attachment)
    )
}

impl TestEnv {
    /// `tix intake FILE [extra]` with `mail` written to a file outside the repository.
    fn intake(&self, mail: &str, extra: &[&str]) -> Run {
        self.intake_bytes(mail.as_bytes(), extra)
    }

    fn intake_bytes(&self, mail: &[u8], extra: &[&str]) -> Run {
        let path = self.tmp.path().join("message.eml");
        std::fs::write(&path, mail).expect("write message");
        let mut args = vec!["intake", path.to_str().expect("utf-8")];
        args.extend_from_slice(extra);
        self.tix(&args)
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let run = self.tix(args);
        run.success();
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run}"))
    }

    fn ticket_json(&self, id: &str) -> serde_json::Value {
        self.json(&["show", id, "--format", "json"])["ticket"].clone()
    }

    fn last_author(&self) -> String {
        self.git(&["log", "-1", "--format=%an <%ae>|%cn <%ce>"])
            .trim()
            .to_string()
    }
}

#[test]
fn intake_multipart_mail_creates_a_ticket_with_its_attachment_in_one_commit() {
    let env = TestEnv::new();
    let before = env.commit_count();
    let pdf: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let run = env.intake(
        &with_attachment("m1@example.com", "report.pdf", &pdf),
        &["--format", "json"],
    );
    run.success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let id = doc["ticket"].as_str().expect("ticket").to_string();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["action"], "created");
    assert_eq!(doc["message_id"], "m1@example.com");
    assert_eq!(doc["requester"], "Bob Requester <bob@example.com>");
    assert_eq!(
        doc["attachments"],
        serde_json::json!([{
            "name": "report.pdf", "bytes": 3000, "saved": true,
            "path": format!("attachments/{id}/report.pdf")
        }])
    );
    assert!(run.stderr.contains(&format!(
        "Created {id} from mail by Bob Requester <bob@example.com>"
    )));
    assert_eq!(env.commit_count(), before + 1);
    assert_eq!(env.porcelain(), "");
    let saved = std::fs::read(env.root.join(format!("attachments/{id}/report.pdf"))).expect("file");
    assert_eq!(saved, pdf);
    let ticket = env.ticket_json(&id);
    assert_eq!(ticket["title"], "Printer on floor 2");
    assert_eq!(ticket["requester"], "Bob Requester <bob@example.com>");
    assert_eq!(ticket["status"], "new");
    assert_eq!(
        ticket["description"],
        format!(
            "The printer shows “paper jam” and a very long line that the encoder had to wrap.\nCafé is on floor 2.\n\nAttachments (under attachments/{id}/):\n- report.pdf (2.9 KiB)"
        )
    );
    // The sender is the author (and committer) of the commit: the SLA engine sees them open it.
    assert_eq!(
        env.last_author(),
        "Bob Requester <bob@example.com>|Bob Requester <bob@example.com>"
    );
    let files = env.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.lines().count(), 3, "{files}");
    assert!(files.lines().any(|l| l.starts_with("intake/")), "{files}");
    env.tix(&["check"]).success();
}

#[test]
fn intake_decodes_iso_8859_1_bodies_and_encoded_subjects() {
    let env = TestEnv::new();
    let mut mail = b"From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <jm@example.com>\r\nSubject: =?ISO-8859-1?Q?Caf=E9_machine_kaputt?=\r\nMessage-ID: <latin1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".to_vec();
    mail.extend_from_slice(b"Die Kaffeemaschine im Gro\xdfraumb\xfcro ist \xfcberhitzt.\r\n");
    let run = env.intake_bytes(&mail, &[]);
    run.success();
    let id = run.stdout.trim();
    let ticket = env.ticket_json(id);
    assert_eq!(ticket["title"], "Café machine kaputt");
    assert_eq!(ticket["requester"], "Jürgen Müller <jm@example.com>");
    assert_eq!(
        ticket["description"],
        "Die Kaffeemaschine im Großraumbüro ist überhitzt."
    );
}

#[test]
fn intake_html_only_mail_keeps_the_text_without_tags() {
    let env = TestEnv::new();
    let mail = "From: carol@example.com\r\nSubject: Fwd: [EXTERNAL] VPN\r\nMessage-ID: <html@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p { color: red }</style></head><body><p>The VPN <b>drops</b> every hour.</p><p>Since &amp; after the update.<br>Carol</p><script>alert(1)</script></body></html>\r\n";
    let run = env.intake(mail, &[]);
    run.success();
    let ticket = env.ticket_json(run.stdout.trim());
    assert_eq!(ticket["title"], "VPN");
    assert_eq!(ticket["requester"], "carol@example.com");
    let description = ticket["description"].as_str().expect("text");
    assert!(
        description.contains("The VPN drops every hour.")
            && description.contains("Since & after the update.")
            && description.contains("Carol"),
        "{description}"
    );
    for markup in ["<", "color", "alert"] {
        assert!(!description.contains(markup), "{description}");
    }
}

#[test]
fn intake_reply_naming_the_id_is_one_comment_by_the_requester() {
    let env = TestEnv::new();
    let created = env.intake(&plain("first@example.com", "Laptop", "It is slow."), &[]);
    created.success();
    let id = created.stdout.trim().to_string();
    let before = env.commit_count();
    let reply = plain(
        "second@example.com",
        &format!("RE: [{id}] Laptop"),
        "Still slow after the reboot.\r\n\r\nOn Mon, Alice Agent wrote:\r\n> Please reboot it.\r\n> Alice",
    );
    let run = env.intake(&reply, &["--format", "json"]);
    run.success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(doc["action"], "commented");
    assert_eq!(doc["ticket"], id.as_str());
    assert_eq!(env.commit_count(), before + 1);
    assert_eq!(env.porcelain(), "");
    let ticket = env.ticket_json(&id);
    assert_eq!(ticket["title"], "Laptop");
    assert_eq!(
        ticket["comments"],
        serde_json::json!([{
            "author": "Bob Requester <bob@example.com>",
            "body": "Still slow after the reboot.",
            "internal": false
        }])
    );
    assert_eq!(
        env.last_author(),
        "Bob Requester <bob@example.com>|Bob Requester <bob@example.com>"
    );
    // The requester's mail is no response: the first-response clock still runs.
    let sla = env.json(&["show", &id, "--format", "json"])["sla"]["clocks"][0].clone();
    assert_eq!(sla["kind"], "first_response");
    assert_eq!(sla["state"], "running");
}

#[test]
fn intake_reply_from_an_agent_is_a_response_and_threads_by_references() {
    let env = TestEnv::new();
    let created = env.intake(&plain("first@example.com", "Laptop", "It is slow."), &[]);
    let id = created.stdout.trim().to_string();
    // No ID in the subject: the reply is found through References, and Alice is an agent.
    let reply = "From: Alice Agent <alice@example.com>\r\nSubject: Re: Laptop\r\nMessage-ID: <answer@example.com>\r\nIn-Reply-To: <first@example.com>\r\nReferences: <first@example.com>\r\n\r\nPlease reboot it.\r\n";
    let run = env.intake(reply, &[]);
    run.success();
    assert_eq!(run.stdout.trim(), id);
    let ticket = env.ticket_json(&id);
    assert_eq!(
        ticket["comments"][0]["author"],
        "Alice Agent <alice@example.com>"
    );
    let sla = env.json(&["show", &id, "--format", "json"])["sla"]["clocks"][0].clone();
    assert_eq!(sla["kind"], "first_response");
    assert_eq!(sla["state"], "met", "{sla}");
}

#[test]
fn intake_subject_naming_an_unknown_id_opens_a_new_ticket() {
    let env = TestEnv::new();
    let run = env.intake(
        &plain("x@example.com", "Re: [IT-0000000A] Old thing", "Hello"),
        &[],
    );
    run.success();
    let ticket = env.ticket_json(run.stdout.trim());
    assert_ne!(ticket["id"], "IT-0000000A");
    assert_eq!(ticket["title"], "Old thing");
}

#[test]
fn intake_redelivery_changes_nothing() {
    let env = TestEnv::new();
    let mail = with_attachment("again@example.com", "a.txt", b"hello");
    let first = env.intake(&mail, &[]);
    first.success();
    let id = first.stdout.trim().to_string();
    let (head, count) = (env.head(), env.commit_count());
    let again = env.intake(&mail, &["--format", "json"]);
    again.success();
    let doc: serde_json::Value = serde_json::from_str(&again.stdout).expect("json");
    assert_eq!(doc["action"], "duplicate");
    assert_eq!(doc["ticket"], id.as_str());
    assert!(
        again.stderr.contains(&format!(
            "Already received as {id} (Message-ID <again@example.com>)"
        )),
        "{again}"
    );
    assert_eq!((env.head(), env.commit_count()), (head, count));
    assert_eq!(env.porcelain(), "");
    // The same on a clone that got the first delivery through Git.
    let clone = env.tmp.path().join("clone");
    env.git(&[
        "clone",
        "-q",
        env.root.to_str().expect("utf-8"),
        clone.to_str().expect("utf-8"),
    ]);
    let path = env.tmp.path().join("message.eml");
    let on_clone = env.tix_in(&clone, &["intake", path.to_str().expect("utf-8")]);
    on_clone.success();
    assert_eq!(on_clone.stdout.trim(), id);
    assert_eq!(
        env.git_in(&clone, &["rev-list", "--count", "HEAD"]).trim(),
        count.to_string()
    );
}

#[test]
fn intake_without_a_message_id_dedupes_on_the_bytes() {
    let env = TestEnv::new();
    let mail = "From: bob@example.com\r\nSubject: No id\r\n\r\nHello\r\n";
    env.intake(mail, &[]).success();
    let count = env.commit_count();
    let again = env.intake(mail, &[]);
    again.success();
    assert!(again.stderr.contains("Already received as"), "{again}");
    assert_eq!(env.commit_count(), count);
}

#[test]
fn intake_leaves_out_attachments_over_the_limit_and_says_so() {
    let env = TestEnv::new();
    let config = env.read(".tix/config.yaml");
    env.write(
        ".tix/config.yaml",
        &format!("{config}\nintake:\n  max_attachment_size: 1 KiB\n"),
    );
    env.git(&["commit", "-qam", "limit"]);
    let run = env.intake(
        &with_attachment("big@example.com", "disk.img", &[7u8; 2048]),
        &["--format", "json"],
    );
    run.success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let id = doc["ticket"].as_str().expect("id");
    assert_eq!(
        doc["attachments"],
        serde_json::json!([{"name": "disk.img", "bytes": 2048, "saved": false, "path": null}])
    );
    assert!(
        run.stderr.contains(
            "warning: attachment 'disk.img' (2 KiB) is larger than intake.max_attachment_size (1 KiB); not saved"
        ),
        "{run}"
    );
    assert!(!env.root.join("attachments").exists());
    let description = env.ticket_json(id)["description"]
        .as_str()
        .expect("text")
        .to_string();
    assert!(
        description.ends_with(
            "- disk.img (2 KiB): not saved, larger than the limit of 1 KiB (intake.max_attachment_size)"
        ),
        "{description}"
    );
}

#[test]
fn intake_refuses_bad_input_and_writes_nothing() {
    let env = TestEnv::new();
    let config = env.read(".tix/config.yaml");
    env.write(
        ".tix/config.yaml",
        &format!("{config}\nintake:\n  max_message_size: 4 KiB\n"),
    );
    env.git(&["commit", "-qam", "limit"]);
    let (head, status) = (env.head(), env.porcelain());
    let file = env.tmp.path().join("message.eml");
    let file = file.to_str().expect("utf-8");
    for (mail, error) in [
        (
            "just some words\nand more\n".to_string(),
            format!("error: {file} is not an email message: it has no header fields (RFC 5322)"),
        ),
        (
            "\n\n".to_string(),
            format!("error: {file} is empty: there is no message to take in"),
        ),
        (
            "Subject: Hi\r\n\r\nNo sender\r\n".to_string(),
            format!(
                "error: the message in {file} has no sender: its From: header is missing or holds no address"
            ),
        ),
        (
            "From: not an address\r\nSubject: Hi\r\n\r\nx\r\n".to_string(),
            format!(
                "error: the message in {file} has no sender: its From: header is missing or holds no address"
            ),
        ),
        (
            plain("huge@example.com", "Big", &"x".repeat(5000)),
            format!("error: the message on {file} is larger than intake.max_message_size (4 KiB)"),
        ),
    ] {
        let run = env.intake(&mail, &[]);
        env.assert_rejected(&run, 2, &head, &status);
        assert!(run.error_line().starts_with(&error), "{mail:.40}: {run}");
    }
    // From standard input there is no file to name.
    for (mail, error) in [
        (
            "",
            "error: the input is empty: there is no message to take in",
        ),
        (
            "just words\n",
            "error: the input is not an email message: it has no header fields (RFC 5322)",
        ),
        (
            "Subject: Hi\r\n\r\nx\r\n",
            "error: the message has no sender: its From: header is missing",
        ),
    ] {
        let mut cmd = env.tix_cmd(&["intake", "-"]);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn tix");
        {
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(mail.as_bytes()).expect("write stdin");
        }
        let run = Run::from(child.wait_with_output().expect("wait"));
        env.assert_rejected(&run, 2, &head, &status);
        assert!(run.error_line().starts_with(error), "{mail:?}: {run}");
    }
}

#[test]
fn intake_keeps_attachment_names_inside_the_ticket_directory() {
    let env = TestEnv::new();
    let run = env.intake(
        &with_attachment("evil@example.com", "../../etc/passwd", b"root:x:0:0"),
        &["--format", "json"],
    );
    run.success();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let id = doc["ticket"].as_str().expect("id");
    assert_eq!(
        doc["attachments"][0]["path"],
        format!("attachments/{id}/passwd")
    );
    assert_eq!(env.read(&format!("attachments/{id}/passwd")), "root:x:0:0");
    assert!(!env.tmp.path().join("etc").exists());
    // A second file of the same name on the same ticket gets a name of its own.
    let reply = with_attachment("evil2@example.com", "passwd", b"again")
        .replace("Subject: Printer on floor 2", &format!("Subject: Re: {id}"));
    env.intake(&reply, &[]).success();
    assert_eq!(env.read(&format!("attachments/{id}/passwd-1")), "again");
}

#[test]
fn intake_reads_standard_input_as_a_delivery_pipe_does() {
    let env = TestEnv::new();
    let mut child = env
        .tix_cmd(&["intake"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(plain("pipe@example.com", "Piped", "Hello").as_bytes())
        .expect("write");
    let run = Run::from(child.wait_with_output().expect("wait"));
    run.success();
    assert_eq!(env.ticket_json(run.stdout.trim())["title"], "Piped");
}

#[test]
fn intake_auto_replies_are_automated_comments() {
    let env = TestEnv::new();
    let created = env.intake(&plain("first@example.com", "Laptop", "It is slow."), &[]);
    let id = created.stdout.trim().to_string();
    let reply = plain(
        "ooo@example.com",
        &format!("Out of office: {id}"),
        "Back on Monday.",
    )
    .replace(
        "MIME-Version",
        "Auto-Submitted: auto-replied\r\nMIME-Version",
    );
    env.intake(&reply, &[]).success();
    let comment = env.ticket_json(&id)["comments"][0].clone();
    assert_eq!(comment["automated"], true, "{comment}");
}

#[test]
fn intake_decodes_multi_byte_charsets() {
    let env = TestEnv::new();
    let mut mail = b"From: taro@example.jp\r\nSubject: =?Shift_JIS?B?g26DjYFbgUWDj4Fbg4uDaA==?=\r\nMessage-ID: <sjis@example.jp>\r\nContent-Type: text/plain; charset=Shift_JIS\r\n\r\n".to_vec();
    mail.extend_from_slice(b"\x83n\x83\x8D\x81[\x81E\x83\x8F\x81[\x83\x8B\x83h\r\n");
    let run = env.intake_bytes(&mail, &[]);
    run.success();
    let ticket = env.ticket_json(run.stdout.trim());
    assert_eq!(ticket["title"], "ハロー・ワールド");
    assert_eq!(ticket["description"], "ハロー・ワールド");
}
