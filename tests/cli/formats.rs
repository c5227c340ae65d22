use crate::common::TestEnv;

fn two_tickets() -> (TestEnv, String, String) {
    let env = TestEnv::new();
    let a = env.new_ticket(
        "VPN drops every hour",
        &[
            "--priority",
            "P2",
            "--category",
            "network",
            "--tag",
            "vpn",
            "--field",
            "site=Berlin",
        ],
    );
    let b = env.new_ticket(
        "Access to the finance share, please",
        &[
            "--type",
            "request",
            "--priority",
            "P4",
            "--requester",
            "dana@example.com",
        ],
    );
    env.tix(&["assign", &a, "alice"]).success();
    (env, a, b)
}

#[test]
fn list_table() {
    let (env, _, _) = two_tickets();
    insta::assert_snapshot!("list_table", env.tix(&["list"]).to_string());
}

#[test]
fn list_json_is_versioned_and_complete() {
    let (env, a, _) = two_tickets();
    let run = env.tix(&["list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(json["version"], 1);
    let first = &json["tickets"][0];
    assert_eq!(first["id"], a.as_str());
    // Keys come in a fixed, documented order.
    let order = [
        "id",
        "title",
        "type",
        "status",
        "priority",
        "category",
        "requester",
        "assignee",
        "team",
        "tags",
        "due",
        "fields",
        "comment_count",
        "impact",
        "urgency",
        "asset",
        "template",
        "kb",
        "links",
        "created",
        "updated",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|k| run.stdout.find(&format!("\"{k}\":")).expect("key"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{run}");
    assert_eq!(first.as_object().map(|o| o.len()), Some(order.len()));
    assert_eq!(first["fields"]["site"], "Berlin");
    assert_eq!(first["tags"][0], "vpn");
    // From history: the commit that created it is its last change too.
    assert!(
        first["created"].as_str().is_some_and(|t| t.ends_with('Z')),
        "{run}"
    );
    assert_eq!(first["created"], first["updated"]);
}

#[test]
fn list_csv_and_yaml() {
    let (env, _, _) = two_tickets();
    insta::assert_snapshot!(
        "list_csv",
        env.tix(&["list", "--format", "csv"]).to_string()
    );
    let yaml = env.tix(&["list", "--format", "yaml"]);
    assert!(yaml.stdout.starts_with("version: 1\ntickets:\n"), "{yaml}");
}

#[test]
fn list_filters_and_done_tickets() {
    let (env, a, b) = two_tickets();
    let ids = |args: &[&str]| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(&env.tix(args).stdout).expect("json");
        json["tickets"]
            .as_array()
            .expect("tickets")
            .iter()
            .map(|t| t["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(
        ids(&["list", "-f", "json", "--assignee", "alice"]),
        vec![a.clone()]
    );
    assert_eq!(
        ids(&["list", "-f", "json", "--assignee", "-"]),
        vec![b.clone()]
    );
    assert_eq!(
        ids(&["list", "-f", "json", "--type", "request"]),
        vec![b.clone()]
    );
    assert_eq!(
        ids(&["list", "-f", "json", "--tag", "vpn"]),
        vec![a.clone()]
    );
    assert_eq!(
        ids(&["list", "-f", "json", "--priority", "P4,P2"]),
        [a.clone(), b.clone()]
    );
    env.tix(&["resolve", &b, "-r", "granted"]).success();
    assert_eq!(ids(&["list", "-f", "json"]), vec![a.clone()]);
    assert_eq!(ids(&["list", "-f", "json", "--all"]).len(), 2);
    assert_eq!(
        ids(&["list", "-f", "json", "--status", "resolved"]),
        vec![b.clone()]
    );
    let run = env.tix(&["list", "--status", "done"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn show_table() {
    let (env, a, _) = two_tickets();
    env.tix(&[
        "comment",
        &a,
        "-m",
        "Which client version?\nPlease check Help > About.",
    ])
    .success();
    env.tix(&["comment", &a, "--internal", "-m", "Known issue with 5.2"])
        .success();
    insta::assert_snapshot!("show_table", env.tix(&["show", &a]).to_string());
}

#[test]
fn narrow_terminal_cuts_titles_to_one_line_per_ticket() {
    let (env, _, _) = two_tickets();
    let mut cmd = env.tix_cmd(&["list"]);
    cmd.env("COLUMNS", "60");
    let run = crate::common::Run::from(cmd.output().expect("run"));
    assert!(run.stdout.lines().all(|l| l.chars().count() <= 60), "{run}");
    assert_eq!(run.stdout.lines().count(), 3, "{run}");
}
