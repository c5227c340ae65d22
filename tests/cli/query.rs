//! Finding tickets: the query language, --grep, people by name or email, views, and sorting by
//! what history says.

use crate::common::{TestEnv, listed};

/// Four tickets made a day apart (2026-03-02 to 03-05), as Alice unless said otherwise.
struct Desk {
    env: TestEnv,
    printer: String,
    vpn: String,
    vip: String,
    done: String,
}

fn desk() -> Desk {
    let mut env = TestEnv::new();
    // `tix init` listed Alice (the actor) as an agent.
    let config =
        env.read(".tix/config.yaml")
            .replacen("agents:\n", "agents:\n  - { name: bob }\n", 1);
    env.write(".tix/config.yaml", &config);
    env.git(&["commit", "-qam", "agents"]);
    env.now = "2026-03-02T09:00:00Z".into();
    let printer = env.new_ticket(
        "Printer jams",
        &[
            "--priority",
            "P1",
            "--assignee",
            "Alice Agent",
            "--requester",
            "Rita <rita@example.com>",
        ],
    );
    env.now = "2026-03-03T09:00:00Z".into();
    let vpn = env.new_ticket(
        "VPN drops",
        &[
            "--priority",
            "P2",
            "--assignee",
            "bob",
            "--description",
            "The tunnel to the printer subnet dies",
        ],
    );
    env.now = "2026-03-04T09:00:00Z".into();
    let vip = env.new_ticket(
        "Laptop for the CEO",
        &[
            "--priority",
            "P2",
            "--assignee",
            "Alice Agent",
            "--tag",
            "vip",
            "--field",
            "site=Berlin",
        ],
    );
    env.now = "2026-03-05T09:00:00Z".into();
    let done = env.new_ticket("Old printer toner", &["--priority", "P3"]);
    env.tix(&["resolve", &done, "--resolution", "Replaced the cartridge"])
        .success();
    env.now = "2026-03-06T09:00:00Z".into();
    env.tix(&[
        "comment",
        &vpn,
        "-m",
        "Seen again on the Berlin office link",
    ])
    .success();
    Desk {
        env,
        printer,
        vpn,
        vip,
        done,
    }
}

#[test]
fn the_issue_example_query_and_each_key() {
    let d = desk();
    let env = &d.env;
    // The example of the issue, as one argument and as several words.
    let example = "status:new assignee:@me priority:P1,P2 -tag:vip created:>7d \"printer\"";
    assert_eq!(listed(env, &[example]), vec![d.printer.clone()]);
    // As separate words, a negation goes after `--` (clap would read it as a flag).
    let mut words: Vec<&str> = vec!["--"];
    words.extend(example.split(' '));
    assert_eq!(listed(env, &words), vec![d.printer.clone()]);
    assert_eq!(
        listed(env, &["--", "-tag:vip", "assignee:@me"]),
        vec![d.printer.clone()]
    );
    assert_eq!(listed(env, &["field.site:Berlin"]), vec![d.vip.clone()]);
    assert_eq!(listed(env, &["is:done"]), vec![d.done.clone()]);
    assert_eq!(
        listed(env, &["is:unassigned", "--all"]),
        vec![d.done.clone()]
    );
    assert_eq!(listed(env, &["priority:P2", "--sort", "id"]).len(), 2);
    // Relative to TIX_NOW (03-06 09:00): created in the last two days, or older than that.
    assert_eq!(
        listed(env, &["created:>=2d", "--all"]),
        [d.vip.clone(), d.done.clone()]
    );
    assert_eq!(
        listed(env, &["age:>2d"]),
        [d.printer.clone(), d.vpn.clone()]
    );
    assert_eq!(listed(env, &["updated:2026-03-06"]), vec![d.vpn.clone()]);
    // The flag forms still work, and combine with the words.
    assert_eq!(
        listed(env, &["--priority", "P2", "--", "-tag:vip"]),
        vec![d.vpn.clone()]
    );
}

#[test]
fn people_are_found_by_name_or_email() {
    let d = desk();
    let env = &d.env;
    let alices = [d.printer.clone(), d.vip.clone()];
    assert_eq!(listed(env, &["--assignee", "alice@example.com"]), alices);
    assert_eq!(listed(env, &["--assignee", "ALICE AGENT"]), alices);
    assert_eq!(listed(env, &["--assignee", "@me"]), alices);
    assert_eq!(
        listed(env, &["--requester", "rita@example.com"]),
        vec![d.printer.clone()]
    );
    assert_eq!(listed(env, &["requester:Rita"]), vec![d.printer.clone()]);
    // @me with nobody acting is refused, naming the term.
    let mut cmd = env.tix_cmd(&["list", "assignee:@me"]);
    cmd.env_remove("TIX_ACTOR");
    let run = crate::common::Run::from(cmd.output().expect("run"));
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.error_line().starts_with(
            "error: assignee:@me: @me stands for the actor, and tix does not know who you are"
        ),
        "{run}"
    );
}

#[test]
fn grep_searches_description_comments_and_resolution_with_smart_case() {
    let d = desk();
    let env = &d.env;
    // Title of one, description of another.
    assert_eq!(
        listed(env, &["--grep", "printer"]),
        [d.printer.clone(), d.vpn.clone()]
    );
    // Upper case makes it case-sensitive.
    assert!(listed(env, &["--grep", "PRINTER"]).is_empty());
    assert_eq!(
        listed(env, &["--grep", "berlin office"]),
        vec![d.vpn.clone()]
    );
    assert_eq!(
        listed(env, &["--grep", "cartridge", "--all"]),
        vec![d.done.clone()]
    );
    assert_eq!(
        listed(env, &["--grep", "cart(ridge|on)", "--all"]),
        vec![d.done.clone()]
    );
    // A bare word is literal; a negated one excludes.
    assert_eq!(listed(env, &["printer -tunnel"]), vec![d.printer.clone()]);
    // The text comes from the list cache: a hand edit (no tix write) is found at once.
    let file = env.ticket_file(&d.vip);
    let text = std::fs::read_to_string(&file).expect("ticket");
    std::fs::write(
        &file,
        text.replace("Laptop for the CEO", "Laptop with a cracked hinge"),
    )
    .expect("write");
    assert_eq!(listed(env, &["hinge"]), vec![d.vip.clone()]);
    let run = env.tix(&["list", "--grep", "(unclosed"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.error_line()
            .starts_with("error: --grep (unclosed: regex parse error"),
        "{run}"
    );
}

#[test]
fn views_from_the_config() {
    let d = desk();
    let env = &d.env;
    let config = env.read(".tix/config.yaml").replace(
        "views: {}",
        "views:\n  mine: \"assignee:@me is:open\"\n  berlin: \"field.site:Berlin\"",
    );
    env.write(".tix/config.yaml", &config);
    assert_eq!(listed(env, &["@mine"]), [d.printer.clone(), d.vip.clone()]);
    assert_eq!(listed(env, &["@mine", "priority:P2"]), vec![d.vip.clone()]);
    assert_eq!(listed(env, &["@berlin"]), vec![d.vip.clone()]);
    let run = env.tix(&["list", "@nope"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.error_line().contains("'@nope': no such view"), "{run}");
    // A broken view is a config error, with file and line, for every command.
    let broken = config.replace("is:open", "colour:red");
    env.write(".tix/config.yaml", &broken);
    let run = env.tix(&["list"]);
    assert_ne!(run.code, 0, "{run}");
    assert!(
        run.error_line().starts_with("error: .tix/config.yaml:")
            && run.stderr.contains("unknown key 'colour'"),
        "{run}"
    );
}

#[test]
fn sorting_by_history_and_reversing() {
    let d = desk();
    let env = &d.env;
    let open = [d.printer.clone(), d.vpn.clone(), d.vip.clone()];
    assert_eq!(listed(env, &["--sort", "age"]), open);
    let newest: Vec<String> = open.iter().rev().cloned().collect();
    assert_eq!(listed(env, &["--sort", "created"]), newest);
    assert_eq!(listed(env, &["--sort", "age", "--reverse"]), newest);
    // The comment on 03-06 made the VPN ticket the last changed.
    assert_eq!(listed(env, &["--sort", "updated"])[0], d.vpn);
    // SLA: the P1 ticket has least time left.
    assert_eq!(listed(env, &["--sort", "sla"])[0], d.printer);
    let run = env.tix(&["list", "--limit", "0"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn bad_query_terms_are_named_and_nothing_is_listed() {
    let d = desk();
    let env = &d.env;
    for (args, message) in [
        (
            vec!["colour:red"],
            "error: query term 'colour:red': unknown key 'colour'",
        ),
        (
            vec!["status:opne"],
            "error: status:opne: unknown status 'opne'; known statuses:",
        ),
        (
            vec!["created:yesterday"],
            "error: query term 'created:yesterday': 'yesterday' is not a time",
        ),
        (
            vec!["\"unclosed"],
            "error: query term '\"unclosed': the quote is not closed",
        ),
        (
            vec!["--status", "opne"],
            "error: --status: unknown status 'opne'",
        ),
    ] {
        let mut all = vec!["list"];
        all.extend(args);
        let run = env.tix(&all);
        assert_eq!(run.code, 2, "{run}");
        assert!(run.error_line().starts_with(message), "{run}");
        assert!(run.stdout.is_empty(), "{run}");
    }
}

#[test]
fn columns_pick_the_table_including_history_dates() {
    let d = desk();
    let env = &d.env;
    let run = env.tix(&[
        "list",
        "--columns",
        "id,created,updated,title",
        "--sort",
        "age",
    ]);
    run.success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("ID") && lines[0].contains("CREATED     UPDATED     TITLE"),
        "{run}"
    );
    // The VPN ticket: created 03-03, commented on 03-06.
    let vpn = lines
        .iter()
        .find(|l| l.contains("VPN drops"))
        .expect("vpn row");
    assert!(vpn.contains("2026-03-03  2026-03-06"), "{run}");
    let run = env.tix(&["list", "--columns", "id,colour"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("possible values"), "{run}");
}
