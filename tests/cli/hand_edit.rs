use crate::common::TestEnv;

#[test]
fn vim_style_rewrite_committed_with_plain_git_is_read_correctly() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &["--priority", "P3"]);
    // Warm the list cache so a stale entry would show.
    env.tix(&["list"]).success();
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file).expect("read");
    // vim writes a new file and renames it over the old one (new inode, same size here).
    let edited = text
        .replace("priority: P3", "priority: P1")
        .replace("status: new", "status: open");
    let swap = file.with_extension("yaml~");
    std::fs::write(&swap, edited + "assignee: carol\ncomments:\n- author: Dana <dana@example.com>\n  body: |-\n    Any news?\n    It is urgent.\n").expect("write");
    std::fs::rename(&swap, &file).expect("rename");
    env.git(&["commit", "-qam", "triage by hand"]);

    let json: serde_json::Value =
        serde_json::from_str(&env.tix(&["list", "--format", "json"]).stdout).expect("json");
    assert_eq!(json["tickets"][0]["priority"], "P1");
    assert_eq!(json["tickets"][0]["assignee"], "carol");
    assert_eq!(json["tickets"][0]["comment_count"], 1);
    let shown = env.tix(&["show", &id]);
    assert!(
        shown.stdout.contains("Any news?\n      It is urgent."),
        "{shown}"
    );

    let log = env.tix(&["log", &id, "--format", "json"]);
    let log: serde_json::Value = serde_json::from_str(&log.stdout).expect("json");
    let hand = &log["entries"][1];
    assert_eq!(hand["author"], "Hand Editor <hand@example.com>");
    assert_eq!(hand["subject"], "triage by hand");
    let kinds: Vec<String> = hand["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| format!("{}:{}", c["kind"], c["field"]))
        .collect();
    assert_eq!(
        kinds,
        [
            "\"field\":\"status\"",
            "\"field\":\"priority\"",
            "\"field\":\"assignee\"",
            "\"comment\":null"
        ]
    );

    // tix carries on from the hand-edited state.
    env.tix(&["start", &id]).success();
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains("assignee: carol")
    );
    assert_eq!(env.porcelain(), "");
}

#[test]
fn same_size_edit_in_place_is_noticed_by_list() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    env.tix(&["list"]).success();
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file)
        .expect("read")
        .replace("Printer jams", "Printer JAMS");
    std::fs::write(&file, text).expect("write");
    let run = env.tix(&["list"]);
    assert!(run.stdout.contains("Printer JAMS"), "{run}");
}

/// A corrupted entry in the disposable list cache (here an ID cut short) is not trusted: the
/// cache is rebuilt from the files. It used to panic `tix list` while shortening the ID; now
/// the cache's checksum catches any changed byte.
#[test]
fn a_corrupted_list_cache_is_rebuilt_not_a_panic() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &["--priority", "P3"]);
    // Files changed in the last two seconds are never cached: age this one.
    let touched = std::process::Command::new("touch")
        .args(["-d", "2020-01-01T00:00:00"])
        .arg(env.ticket_file(&id))
        .status()
        .expect("touch");
    assert!(touched.success());
    env.tix(&["list"]).success();
    let cache = env.root.join(".git/tix/list-cache-v6");
    let bytes = std::fs::read(&cache).expect("list cache written");
    let at = bytes
        .windows(id.len())
        .position(|w| w == id.as_bytes())
        .expect("the ID is in the cache");
    let mut corrupted = bytes.clone();
    corrupted[at..at + id.len()].copy_from_slice(format!("{:<1$}", "IT-AB", id.len()).as_bytes());
    std::fs::write(&cache, &corrupted).expect("corrupt the cache");
    let list = env.tix(&["list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&list.success().stdout).expect("json");
    assert_eq!(json["tickets"][0]["id"], id.as_str());
    assert_ne!(std::fs::read(&cache).expect("rewritten"), corrupted);
}

/// A key written twice by hand is reported at its second line, not at the top of the file.
#[test]
fn a_repeated_key_is_reported_where_it_repeats() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file).expect("read");
    let lines = text.lines().count();
    std::fs::write(&file, text + "title: Twice\n").expect("write");
    let show = env.tix(&["show", &id]);
    assert_eq!(show.code, 2, "{show}");
    let rel = file
        .strip_prefix(&env.root)
        .expect("inside")
        .display()
        .to_string();
    assert_eq!(
        show.error_line(),
        format!("error: {rel}:{}: duplicate field `title`", lines + 1)
    );
}
