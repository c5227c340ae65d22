//! `tix problems`: recurring incidents grouped into candidates, and `--create` opening problem
//! tickets linked to them in one commit.

use crate::common::TestEnv;

fn json(run: &crate::common::Run) -> serde_json::Value {
    run.success();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run}"))
}

/// A ticket created at `when` (the commit date history dates it by).
fn at(env: &mut TestEnv, when: &str, title: &str, extra: &[&str]) -> String {
    let now = std::mem::replace(&mut env.now, when.to_string());
    let id = env.new_ticket(title, extra);
    env.now = now;
    id
}

/// Three VPN incidents worded differently (a day apart) and two printer ones.
fn vpn_desk() -> (TestEnv, Vec<String>) {
    let mut env = TestEnv::new();
    let vpn = vec![
        at(
            &mut env,
            "2026-02-20T09:00:00Z",
            "VPN drops every hour",
            &[],
        ),
        at(&mut env, "2026-02-21T09:00:00Z", "vpn dropping again", &[]),
        at(
            &mut env,
            "2026-02-22T09:00:00Z",
            "VPN disconnects every hour",
            &[],
        ),
    ];
    at(&mut env, "2026-02-23T09:00:00Z", "Printer jams", &[]);
    at(&mut env, "2026-02-24T09:00:00Z", "printer jammed!", &[]);
    (env, vpn)
}

/// Three hardware incidents a day apart, with `extra` flags.
fn hardware(env: &mut TestEnv, extra: &[&str]) -> Vec<String> {
    [
        (10, "Battery dies"),
        (11, "Screen flickers"),
        (12, "Fan is loud"),
    ]
    .into_iter()
    .map(|(day, title)| {
        let mut flags = vec!["--category", "hardware"];
        flags.extend_from_slice(extra);
        at(env, &format!("2026-02-{day}T09:00:00Z"), title, &flags)
    })
    .collect()
}

fn related(env: &TestEnv, id: &str) -> serde_json::Value {
    let doc = json(&env.tix(&["show", id, "--format", "json"]));
    doc["ticket"]["links"]["related"].clone()
}

#[test]
fn similar_titles_group_together_and_a_smaller_group_is_not_proposed() {
    let (env, vpn) = vpn_desk();
    let doc = json(&env.tix(&["problems", "--format", "json"]));
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["since"], "2026-01-31T09:00:01Z");
    assert_eq!(doc["until"], "2026-03-02T09:00:01Z");
    assert_eq!(doc["incidents"], 5);
    let candidates = doc["candidates"].as_array().expect("candidates");
    assert_eq!(candidates.len(), 1, "{doc:#}");
    let c = &candidates[0];
    assert_eq!(c["number"], 1);
    assert_eq!(c["title"], "Recurring: VPN drops every hour (3 incidents)");
    assert_eq!(c["incidents"], serde_json::json!(vpn));
    assert_eq!(c["reasons"][0]["kind"], "similar_titles");
    assert_eq!(c["open"], 3);
    assert_eq!(c["first_seen"], "2026-02-20T09:00:00Z");
    assert_eq!(c["last_seen"], "2026-02-22T09:00:00Z");
    assert_eq!(c["covered_by"], serde_json::Value::Null);
    assert_eq!(doc["created"], serde_json::json!([]));

    // Two printer incidents make a candidate only with --min 2.
    let doc = json(&env.tix(&["problems", "--min", "2", "--format", "json"]));
    assert_eq!(doc["candidates"].as_array().expect("candidates").len(), 2);
    assert_eq!(doc["candidates"][1]["reasons"][0]["text"], "similar titles");
}

#[test]
fn the_listing_shows_each_candidate_with_its_reasons_and_incidents() {
    let (env, vpn) = vpn_desk();
    let run = env.tix(&["problems"]);
    run.success();
    let expected = format!(
        " 1  Recurring: VPN drops every hour (3 incidents)\n    similar titles\n    \
         3 incidents, 3 open, first 2026-02-20, last 2026-02-22\n    {}\n",
        vpn.join(" ")
    );
    assert_eq!(run.stdout, expected, "{run}");
    assert!(run.stderr.contains("tix problems --create"), "{run}");
}

#[test]
fn incidents_on_one_asset_in_one_category_group() {
    let mut env = TestEnv::new();
    env.tix(&["asset", "new", "LT-042"]).success();
    let ids = hardware(&mut env, &["--asset", "LT-042"]);
    at(
        &mut env,
        "2026-02-13T09:00:00Z",
        "Keyboard sticks",
        &["--category", "hardware"],
    );
    env.tix(&["resolve", &ids[0], "--resolution", "New battery"])
        .success();
    let doc = json(&env.tix(&["problems", "--format", "json"]));
    let c = &doc["candidates"][0];
    assert_eq!(doc["candidates"].as_array().expect("list").len(), 1);
    assert_eq!(c["reasons"][0]["kind"], "category_asset");
    assert_eq!(
        c["reasons"][0]["text"],
        "same category and asset: hardware / LT-042"
    );
    assert_eq!(c["category"], "hardware");
    assert_eq!(c["asset"], "LT-042");
    assert_eq!(c["incidents"], serde_json::json!(ids));
    assert_eq!(c["open"], 2);
    assert_eq!(c["title"], "Recurring on LT-042: 3 incidents (hardware)");

    let problem = env
        .tix(&["problems", "--create"])
        .success()
        .stdout
        .trim()
        .to_string();
    let doc = json(&env.tix(&["show", &problem, "--format", "json"]));
    assert_eq!(doc["ticket"]["category"], "hardware");
    assert_eq!(doc["ticket"]["asset"], "LT-042");
}

#[test]
fn an_asset_without_a_file_is_grouped_but_left_off_the_problem() {
    let mut env = TestEnv::new();
    let ids = hardware(&mut env, &[]);
    // Named by hand, as tickets from before the desk kept asset files do.
    for id in &ids {
        let path = env.ticket_file(id);
        let text = std::fs::read_to_string(&path).expect("ticket");
        let text = text.replace(
            "category: hardware\n",
            "category: hardware\nasset: LT-077\n",
        );
        std::fs::write(&path, text).expect("write");
    }
    env.git(&["commit", "-qam", "assets by hand"]);
    let run = env.tix(&["problems", "--create"]);
    run.success();
    let doc = json(&env.tix(&["show", run.stdout.trim(), "--format", "json"]));
    assert_eq!(doc["ticket"]["asset"], serde_json::Value::Null);
    assert_eq!(doc["ticket"]["category"], "hardware");
    let description = doc["ticket"]["description"].as_str().expect("text");
    assert!(
        description.contains("same category and asset: hardware / LT-077"),
        "{description}"
    );
}

#[test]
fn create_opens_one_problem_linked_to_every_incident_in_one_commit() {
    let (env, vpn) = vpn_desk();
    let before = env.commit_count();
    let run = env.tix(&["problems", "--create"]);
    run.success();
    assert_eq!(env.commit_count(), before + 1, "{run}");
    assert_eq!(env.porcelain(), "");
    let problem = run.stdout.trim().to_string();
    assert!(
        run.stderr.contains(&format!(
            "Created problem {problem}: Recurring: VPN drops every hour (3 incidents), related to 3 incidents"
        )),
        "{run}"
    );
    let doc = json(&env.tix(&["show", &problem, "--format", "json"]));
    assert_eq!(doc["ticket"]["type"], "problem");
    assert_eq!(
        doc["ticket"]["title"],
        "Recurring: VPN drops every hour (3 incidents)"
    );
    let mut sorted = vpn.clone();
    sorted.sort();
    assert_eq!(doc["ticket"]["links"]["related"], serde_json::json!(sorted));
    let description = doc["ticket"]["description"].as_str().expect("description");
    assert!(
        description.contains(&format!("- {} VPN drops every hour", vpn[0])),
        "{description}"
    );
    for id in &vpn {
        assert_eq!(related(&env, id), serde_json::json!([problem]), "{id}");
    }
    let message = env.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with(&format!("{problem} problem: Recurring: VPN drops")),
        "{message}"
    );

    // Covered now: listed as such, and a second --create writes nothing.
    let doc = json(&env.tix(&["problems", "--format", "json"]));
    assert_eq!(doc["candidates"][0]["covered_by"], problem.as_str());
    let head = env.head();
    let again = env.tix(&["problems", "--create"]);
    again.success();
    assert_eq!(env.head(), head, "{again}");
    assert!(again.stderr.contains("Nothing to create"), "{again}");
    assert_eq!(again.stdout, "");
    let listing = env.tix(&["problems"]);
    assert!(
        listing.stdout.contains(&format!("covered by {problem}")),
        "{listing}"
    );
}

#[test]
fn create_in_json_reports_the_new_ticket_and_the_candidate_it_covers() {
    let (env, vpn) = vpn_desk();
    let doc = json(&env.tix(&["problems", "--create", "--format", "json"]));
    let created = &doc["created"][0];
    let id = created["id"].as_str().expect("id");
    assert_eq!(created["candidate"], 1);
    assert_eq!(created["incidents"], serde_json::json!(vpn));
    assert_eq!(doc["candidates"][0]["covered_by"], id);
    assert_eq!(doc["dry_run"], false);
}

#[test]
fn dry_run_says_what_would_be_created_and_writes_nothing() {
    let (env, vpn) = vpn_desk();
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["problems", "--create", "--dry-run"]);
    run.success();
    assert_eq!(
        run.stdout,
        format!(
            "would create: Recurring: VPN drops every hour (3 incidents) (related to {})\n",
            vpn.join(", ")
        )
    );
    assert_eq!(
        (env.head(), env.porcelain()),
        (head.clone(), status.clone())
    );
    let doc = json(&env.tix(&["problems", "--create", "--dry-run", "--format", "json"]));
    assert_eq!(doc["dry_run"], true);
    assert_eq!(doc["created"][0]["id"], serde_json::Value::Null);
    assert_eq!((env.head(), env.porcelain()), (head, status));
}

#[test]
fn create_without_a_problem_type_is_refused_and_writes_nothing() {
    let (env, _) = vpn_desk();
    let config = env.read(".tix/config.yaml");
    let changed = config.replace(
        "types: [incident, request, problem, change]",
        "types: [incident, request, change]",
    );
    assert_ne!(config, changed, "the default config lists the types");
    env.write(".tix/config.yaml", &changed);
    env.git(&["commit", "-qam", "no problems here"]);
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["problems", "--create"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert!(
        run.error_line().contains("no ticket type `problem`"),
        "{run}"
    );
    assert!(run.stderr.contains("hint: add problem to `types`"), "{run}");
    // Listing still works.
    env.tix(&["problems"]).success();
}

#[test]
fn a_pick_that_is_covered_or_missing_is_refused() {
    let (env, _) = vpn_desk();
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["problems", "--create", "--pick", "2"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert!(run.error_line().contains("no candidate 2"), "{run}");
    env.tix(&["problems", "--create", "--pick", "1"]).success();
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["problems", "--create", "--pick", "1"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert!(run.error_line().contains("already covered by"), "{run}");
    let run = env.tix(&["problems", "--pick", "1"]);
    assert_eq!(run.code, 2, "--pick needs --create: {run}");
}

#[test]
fn only_incidents_of_the_period_and_type_count() {
    let mut env = TestEnv::new();
    for day in [1, 2, 3] {
        let when = format!("2026-01-0{day}T09:00:00Z");
        at(&mut env, &when, "Mail is slow", &[]);
    }
    for day in [4, 5, 6] {
        let when = format!("2026-02-0{day}T09:00:00Z");
        at(&mut env, &when, "New laptop", &["--type", "request"]);
    }
    // The mails are older than 30 days; the laptops are requests.
    let doc = json(&env.tix(&["problems", "--format", "json"]));
    assert_eq!(doc["candidates"], serde_json::json!([]));
    let doc = json(&env.tix(&["problems", "--since", "90d", "--format", "json"]));
    assert_eq!(
        doc["candidates"][0]["title"],
        "Recurring: Mail is slow (3 incidents)"
    );
    let doc = json(&env.tix(&[
        "problems",
        "--since",
        "2026-01-02",
        "--until",
        "2026-01-04",
        "--min",
        "2",
        "--format",
        "json",
    ]));
    assert_eq!(doc["candidates"][0]["open"], 2);
    let doc = json(&env.tix(&["problems", "--type", "request", "--format", "json"]));
    assert_eq!(
        doc["candidates"][0]["title"],
        "Recurring: New laptop (3 incidents)"
    );
    let run = env.tix(&["problems", "--type", "incidnet"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.error_line().contains("not a ticket type"), "{run}");
    let run = env.tix(&["problems"]);
    run.success();
    assert!(
        run.stderr
            .contains("No tickets of type incident were created from 2026-01-31 to 2026-03-02."),
        "{run}"
    );
    let run = env.tix(&["problems", "--since", "90d", "--min", "4"]);
    run.success();
    assert!(
        run.stderr.contains("No recurring incidents: none of the 3"),
        "{run}"
    );
}
