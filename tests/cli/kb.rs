//! `tix kb`, `tix suggest`, `tix resolve --kb` and the report's knowledge-base figures.

use serde_json::Value;

use crate::common::TestEnv;

fn json(run: &crate::common::Run) -> Value {
    run.success();
    serde_json::from_str(&run.stdout).expect("json")
}

fn article(env: &TestEnv, title: &str, extra: &[&str]) -> String {
    let mut args = vec!["kb", "new", "--title", title];
    args.extend_from_slice(extra);
    let run = env.tix(&args);
    run.success();
    run.stdout.trim().to_string()
}

#[test]
fn new_list_show_edit_and_search_round_trip_one_commit_each() {
    let env = TestEnv::new();
    let commits = env.commit_count();
    let slug = article(
        &env,
        "Printer on floor 2 jams",
        &[
            "--tag",
            "printer,paper",
            "--category",
            "hardware",
            "--owner",
            "alice",
            "--body",
            "Open tray 2.\n\nPull the jammed paper out.",
        ],
    );
    assert_eq!(slug, "printer-on-floor-2-jams");
    assert_eq!(env.commit_count(), commits + 1);
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "kb: new printer-on-floor-2-jams: Printer on floor 2 jams"
    );
    assert_eq!(
        env.read("kb/printer-on-floor-2-jams.md"),
        "---\ntitle: Printer on floor 2 jams\ntags:\n- printer\n- paper\ncategories:\n- hardware\nowner: alice\nstatus: draft\n---\n\nOpen tray 2.\n\nPull the jammed paper out.\n"
    );
    assert_eq!(env.porcelain(), "");
    article(
        &env,
        "VPN token reset",
        &["--slug", "vpn", "--status", "published"],
    );

    let list = env.tix(&["kb", "list"]);
    list.success();
    assert_eq!(
        list.stdout,
        "SLUG                     STATUS     TAGS           TITLE\n\
         printer-on-floor-2-jams  draft      printer,paper  Printer on floor 2 jams\n\
         vpn                      published                 VPN token reset\n"
    );
    let published = json(&env.tix(&["kb", "list", "--status", "published", "--format", "json"]));
    assert_eq!(published["version"], 1);
    assert_eq!(published["articles"].as_array().map(Vec::len), Some(1));
    assert_eq!(published["articles"][0]["slug"], "vpn");
    assert_eq!(published["articles"][0]["path"], "kb/vpn.md");

    let show = env.tix(&["kb", "show", &slug]);
    show.success();
    assert_eq!(
        show.stdout,
        "Printer on floor 2 jams\nkb/printer-on-floor-2-jams.md  draft  tags: printer, paper  categories: hardware  owner: alice\n\nOpen tray 2.\n\nPull the jammed paper out.\n"
    );
    let shown = json(&env.tix(&["kb", "show", &slug, "--format", "json"]));
    assert_eq!(
        shown["article"]["body"],
        "Open tray 2.\n\nPull the jammed paper out."
    );
    assert_eq!(
        shown["article"]["tags"],
        serde_json::json!(["printer", "paper"])
    );

    // Drafts are found only with --all.
    let search = env.tix(&["kb", "search", "jammed", "printer"]);
    search.success();
    assert_eq!(search.stdout, "");
    let all = json(&env.tix(&[
        "kb", "search", "--all", "jammed", "printer", "--format", "json",
    ]));
    assert_eq!(all["articles"][0]["slug"], slug);
    assert!(all["articles"][0]["score"].as_f64().unwrap_or_default() > 0.0);

    let commits = env.commit_count();
    env.tix(&["kb", "edit", &slug, "--publish", "--set", "owner=bob"])
        .success();
    assert_eq!(env.commit_count(), commits + 1);
    assert_eq!(
        env.git(&[
            "log",
            "-1",
            "--format=%s%n%(trailers:key=Tix-Action,valueonly)"
        ])
        .trim(),
        "kb: publish printer-on-floor-2-jams: Printer on floor 2 jams\nkb-publish"
    );
    let search = env.tix(&["kb", "search", "jammed", "printer"]);
    assert!(
        search.stdout.contains("printer-on-floor-2-jams  published"),
        "{search}"
    );
    // The same edit again changes nothing and commits nothing.
    let again = env.tix(&["kb", "edit", &slug, "--publish"]);
    again.success();
    assert!(again.stderr.starts_with("No changes"), "{again}");
    assert_eq!(env.commit_count(), commits + 1);
    // --no-input never opens an editor.
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["--no-input", "kb", "edit", &slug]);
    env.assert_rejected(&run, 2, &head, &status);
}

#[test]
fn bad_input_writes_nothing_and_unknown_slugs_name_the_nearest() {
    let env = TestEnv::new();
    article(&env, "Printer on floor 2 jams", &["--slug", "printer-jam"]);
    let (head, status) = (env.head(), env.porcelain());
    for (args, says) in [
        (
            vec!["kb", "new", "--title", "Again", "--slug", "printer-jam"],
            "error: kb/printer-jam.md already exists",
        ),
        (
            vec!["kb", "new", "--title", "X", "--slug", "../etc"],
            "error: --slug: ",
        ),
        (
            vec!["kb", "new", "--title", "X", "--category", "coffee"],
            "error: --category: unknown category 'coffee'",
        ),
        (
            vec!["kb", "edit", "printer-jam", "--set", "stauts=published"],
            "error: --set stauts: unknown article key 'stauts'",
        ),
        (
            vec!["kb", "show", "printer-jm"],
            "error: no article 'printer-jm' (kb/printer-jm.md does not exist)",
        ),
    ] {
        let run = env.tix(&args);
        env.assert_rejected(&run, 2, &head, &status);
        assert!(run.error_line().starts_with(says), "{run}");
    }
    let run = env.tix(&["kb", "show", "printer-jm"]);
    assert!(
        run.stderr.contains("hint: did you mean printer-jam?"),
        "{run}"
    );
}

#[test]
fn a_broken_article_is_reported_with_file_and_line_and_the_others_still_list() {
    let env = TestEnv::new();
    article(&env, "VPN token reset", &["--slug", "vpn"]);
    env.write(
        "kb/broken.md",
        "---\ntitle: Broken\nstauts: published\n---\nBody\n",
    );
    env.git(&["add", "kb/broken.md"]);
    env.git(&["commit", "-qm", "hand edit"]);
    let list = env.tix(&["kb", "list"]);
    list.success();
    assert!(list.stdout.contains("vpn "), "{list}");
    assert!(!list.stdout.contains("broken"), "{list}");
    assert!(
        list.stderr
            .starts_with("warning: kb/broken.md:3: unknown field `stauts`"),
        "{list}"
    );
    let show = env.tix(&["kb", "show", "broken"]);
    assert_eq!(show.code, 2, "{show}");
    assert!(
        show.error_line()
            .starts_with("error: kb/broken.md:3: unknown field `stauts`"),
        "{show}"
    );
    let id = env.new_ticket("VPN broken", &[]);
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["resolve", &id, "-r", "x", "--kb", "broken"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert!(
        run.error_line()
            .starts_with("error: --kb broken: kb/broken.md:3:"),
        "{run}"
    );
}

#[test]
fn resolve_kb_records_the_article_in_the_same_commit() {
    let env = TestEnv::new();
    article(
        &env,
        "VPN token reset",
        &["--slug", "vpn", "--status", "published"],
    );
    article(&env, "Printer draft", &["--slug", "printer-jam"]);
    let id = env.new_ticket("VPN drops", &[]);
    let (head, status) = (env.head(), env.porcelain());
    let unknown = env.tix(&["resolve", &id, "-r", "New token", "--kb", "vpm"]);
    env.assert_rejected(&unknown, 2, &head, &status);
    assert_eq!(
        unknown.error_line(),
        "error: --kb: no article 'vpm' (kb/vpm.md does not exist)"
    );
    assert!(
        unknown.stderr.contains("hint: did you mean vpn?"),
        "{unknown}"
    );
    let commits = env.commit_count();
    let run = env.tix(&[
        "resolve",
        &id,
        "-r",
        "New token",
        "--kb",
        "vpn",
        "--kb",
        "printer-jam",
    ]);
    run.success();
    assert!(
        run.stderr
            .contains("warning: kb/printer-jam is a draft; linked anyway"),
        "{run}"
    );
    assert_eq!(env.commit_count(), commits + 1);
    let file = std::fs::read_to_string(env.ticket_file(&id)).expect("ticket");
    assert!(file.contains("\nstatus: resolved\n"), "{file}");
    assert!(file.contains("\nkb:\n- vpn\n- printer-jam\n"), "{file}");
}

#[test]
fn suggest_ranks_the_similar_resolved_ticket_and_published_article_first() {
    let env = TestEnv::new();
    article(
        &env,
        "Printer on floor 2 jams",
        &[
            "--slug",
            "printer-jam",
            "--status",
            "published",
            "--body",
            "Open tray 2 and pull the jammed paper out of the printer.",
        ],
    );
    article(
        &env,
        "Printer jams: draft notes",
        &[
            "--slug",
            "printer-draft",
            "--body",
            "printer jams paper tray",
        ],
    );
    article(
        &env,
        "VPN token reset",
        &[
            "--slug",
            "vpn",
            "--status",
            "published",
            "--body",
            "Reset the token.",
        ],
    );
    let old = env.new_ticket("Printer jams with paper in tray 2", &["-d", "Paper stuck"]);
    env.tix(&["resolve", &old, "-r", "Cleared the paper from tray 2"])
        .success();
    let vpn = env.new_ticket("VPN drops every hour", &[]);
    env.tix(&["resolve", &vpn, "-r", "New token"]).success();
    let open = env.new_ticket("Printer jams too", &["-d", "paper everywhere"]);
    let asked = env.new_ticket(
        "The printer on floor 2 jams",
        &["-d", "Paper gets stuck in tray 2"],
    );
    let found = json(&env.tix(&["suggest", &asked, "--format", "json"]));
    assert_eq!(found["version"], 1);
    assert_eq!(found["ticket"], asked.as_str());
    let refs: Vec<&str> = found["suggestions"]
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["ref"].as_str().unwrap_or_default())
        .collect();
    // The resolved printer ticket and the published article; never the draft, the open
    // ticket, the unrelated VPN ones or the ticket itself.
    assert_eq!(refs.len(), 2, "{found}");
    assert!(
        refs.contains(&"printer-jam") && refs.contains(&old.as_str()),
        "{found}"
    );
    for absent in ["printer-draft", "vpn", &vpn, &open, &asked] {
        assert!(!refs.contains(&absent), "{absent} in {found}");
    }
    let kinds: Vec<&str> = found["suggestions"]
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["kind"].as_str().unwrap_or_default())
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["article", "ticket"], "{found}");
    let table = env.tix(&["suggest", &asked, "--limit", "1"]);
    table.success();
    assert_eq!(table.stdout.lines().count(), 2, "{table}");
    assert!(table.stdout.starts_with("SCORE  KIND"), "{table}");
    // A second run answers the same from the suggest index.
    let again = json(&env.tix(&["suggest", &asked, "--format", "json"]));
    assert_eq!(again, found);
}

#[test]
fn report_counts_article_use_and_deflection() {
    let env = TestEnv::new();
    article(
        &env,
        "VPN token reset",
        &["--slug", "vpn", "--status", "published"],
    );
    let a = env.new_ticket("VPN drops", &[]);
    env.tix(&["resolve", &a, "-r", "New token", "--kb", "vpn"])
        .success();
    let b = env.new_ticket("VPN slow", &[]);
    env.tix(&["comment", &b, "-m", "Looking into it"]).success();
    env.tix(&["resolve", &b, "-r", "New token", "--kb", "vpn"])
        .success();
    let c = env.new_ticket("Mouse broken", &[]);
    env.tix(&["resolve", &c, "-r", "New mouse"]).success();
    let report = json(&env.tix(&["report", "--format", "json"]));
    let k = &report["knowledge"];
    assert_eq!(k["resolved"], 3, "{k}");
    assert_eq!(k["with_article"], 2, "{k}");
    assert_eq!(k["deflected"], 1, "{k}");
    assert_eq!(
        k["articles"],
        serde_json::json!([{"slug": "vpn", "tickets": 2}])
    );
    let text = env.tix(&["report"]);
    assert!(
        text.stdout.contains(
            "Knowledge base\n  resolved with an article 2/3 (67%), deflected (no agent reply) 1/2 (50%)\n      2  kb/vpn\n"
        ),
        "{text}"
    );
    let markdown = env.tix(&["report", "--format", "markdown"]);
    assert!(
        markdown.stdout.contains("### Knowledge base\n\nResolved with an article: 2/3 (67%); deflected (no agent reply): 1/2 (50%).\n\n| Tickets | Article |\n|---:|---|\n| 2 | kb/vpn |\n"),
        "{markdown}"
    );
    let html = env.tix(&["report", "--format", "html"]);
    html.success();
    assert!(
        html.stdout.contains(
            "<section class=\"table\"><h2>Knowledge base</h2><p class=\"note\">Resolved with an article: 2/3 (67%); deflected (no agent reply): 1/2 (50%).</p><table><thead><tr><th>tickets</th><th>article</th></tr></thead><tbody><tr><td>2</td><td>kb/vpn</td></tr></tbody></table></section>"
        ),
        "{html}"
    );
}

#[test]
fn reports_leave_the_knowledge_section_out_until_an_article_is_used() {
    let env = TestEnv::new();
    let id = env.new_ticket("Mouse broken", &[]);
    env.tix(&["resolve", &id, "-r", "New mouse"]).success();
    for format in ["table", "markdown", "html"] {
        let run = env.tix(&["report", "--format", format]);
        run.success();
        assert!(!run.stdout.contains("Knowledge base"), "{format}: {run}");
    }
}

#[test]
fn new_on_a_terminal_shows_suggestions_and_in_scripts_it_does_not() {
    let available = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("SKIPPED: `script` (util-linux) is not installed");
        return;
    }
    let env = TestEnv::new();
    article(
        &env,
        "Printer on floor 2 jams",
        &["--slug", "printer-jam", "--status", "published"],
    );
    let scripted = env.tix(&["new", "--title", "Printer jams on floor 2"]);
    scripted.success();
    assert_eq!(scripted.stderr, "", "{scripted}");
    let on_terminal = |extra: &str| {
        let mut cmd = env.program("script");
        cmd.args([
            "-qfec",
            &format!("tix new {extra} --title 'Printer jams on floor 2'"),
            "/dev/null",
        ]);
        crate::common::Run::from(cmd.output().expect("run script (util-linux)"))
    };
    let shown = on_terminal("");
    shown.success();
    assert!(
        shown
            .stdout
            .contains("Possibly answered by:\r\n  kb/printer-jam  Printer on floor 2 jams"),
        "{shown}"
    );
    let quiet = on_terminal("--quiet");
    quiet.success();
    assert!(!quiet.stdout.contains("Possibly"), "{quiet}");
}

fn at_width(env: &TestEnv, width: u16, args: &[&str]) -> crate::common::Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env("COLUMNS", width.to_string());
    crate::common::Run::from(cmd.output().expect("run tix"))
}

#[test]
fn kb_and_suggest_tables_fit_an_80_column_terminal_one_line_per_row() {
    let env = TestEnv::new();
    let long =
        "A very long article title that goes on and on about printers and the jams they make";
    let slug = article(
        &env,
        long,
        &[
            "--status",
            "published",
            "--tag",
            "printer,hardware,floor2,jam",
            "--body",
            "printer jam tray",
        ],
    );
    // A slug made from a title stays short enough to type and to fit a table.
    assert_eq!(slug, "a-very-long-article-title-that-goes-on");
    article(&env, "Printer jam", &["--status", "published"]);
    let id = env.new_ticket("Printer jam on floor two", &[]);
    for args in [
        vec!["kb", "list"],
        vec!["kb", "search", "printer", "jam"],
        vec!["suggest", &id],
    ] {
        let run = at_width(&env, 80, &args);
        run.success();
        assert_eq!(run.stdout.lines().count(), 3, "{run}");
        for line in run.stdout.lines() {
            assert!(line.chars().count() <= 80, "wider than 80: {line:?}\n{run}");
        }
        assert!(run.stdout.contains("A very long"), "{run}");
    }
    // Piped (no width) nothing is cut.
    let mut cmd = env.tix_cmd(&["kb", "list"]);
    cmd.env_remove("COLUMNS");
    let piped = crate::common::Run::from(cmd.output().expect("run tix"));
    assert!(piped.stdout.contains(long), "{piped}");
}

#[test]
fn bad_values_name_their_flag() {
    let env = TestEnv::new();
    article(&env, "VPN token reset", &["--slug", "vpn"]);
    let (head, status) = (env.head(), env.porcelain());
    for (args, says) in [
        (
            vec!["kb", "new", "--title", " "],
            "error: --title: the title is empty",
        ),
        (
            vec!["kb", "new", "--title", "X", "--category", "coffee"],
            "error: --category: unknown category 'coffee'",
        ),
        (
            vec!["kb", "edit", "vpn", "--set", "title="],
            "error: --set title: the title is empty",
        ),
        (
            vec!["kb", "edit", "vpn", "--set", "categories=coffee"],
            "error: --set categories: unknown category 'coffee'",
        ),
        (
            vec!["kb", "edit", "vpn", "--set", "tags=a b"],
            "error: --set tags: ",
        ),
        (
            vec!["kb", "new", "--title", "X", "--tag", "a b"],
            "error: --tag: ",
        ),
    ] {
        let run = env.tix(&args);
        env.assert_rejected(&run, 2, &head, &status);
        assert!(run.error_line().starts_with(says), "{run}");
        assert_eq!(run.stderr.lines().count(), 1, "{run}");
    }
}

#[test]
fn a_search_of_only_common_words_says_so_instead_of_finding_nothing() {
    let env = TestEnv::new();
    article(&env, "The printer", &["--status", "published"]);
    let run = env.tix(&["kb", "search", "the", "a", "of"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.error_line()
            .starts_with("error: nothing to search for in 'the a of': "),
        "{run}"
    );
    let found = env.tix(&["kb", "search", "the", "printer"]);
    found.success();
    assert!(found.stdout.contains("the-printer"), "{found}");
}
