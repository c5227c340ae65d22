use crate::common::TestEnv;

#[test]
fn any_unique_prefix_finds_the_ticket() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let code = &id[3..];
    for query in [
        id.clone(),
        code.to_string(),
        code[..3].to_lowercase(),
        format!("it-{}", &code[..4]),
    ] {
        let run = env.tix(&["show", &query, "--format", "json"]);
        let json: serde_json::Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{run}"));
        assert_eq!(json["ticket"]["id"], id.as_str(), "query {query}");
    }
}

#[test]
fn lookalike_letters_are_read_as_digits() {
    let env = TestEnv::new();
    let id = loop {
        let id = env.new_ticket("t", &[]);
        if id[3..].starts_with(['0', '1']) {
            break id;
        }
    };
    let lookalike: String = id[3..7]
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'l',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let json: serde_json::Value =
        serde_json::from_str(&env.tix(&["show", &lookalike, "--format", "json"]).stdout)
            .expect("json");
    assert_eq!(json["ticket"]["id"], id.as_str());
}

#[test]
fn list_shows_shortest_unique_prefixes_of_at_least_four() {
    let env = TestEnv::new();
    let ids: Vec<String> = (0..5)
        .map(|i| env.new_ticket(&format!("t{i}"), &[]))
        .collect();
    let run = env.tix(&["list", "--sort", "id"]);
    let mut sorted = ids.clone();
    sorted.sort();
    for (line, id) in run.stdout.lines().skip(1).zip(&sorted) {
        let short = line.split_whitespace().next().expect("id");
        assert!(id.starts_with(short) && short.len() >= 7, "{short} vs {id}");
    }
}

#[test]
fn a_query_with_another_prefix_matches_no_ticket() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let head = env.head();
    let query = format!("HR-{}", &id[3..7]);
    let run = env.tix(&["comment", &query, "-m", "Wrong desk"]);
    env.assert_rejected(&run, 2, &head, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: no ticket matches '{query}'\n\
             hint: run `tix list --all` to see ticket IDs\n"
        ),
        "{run}"
    );
    // The same code under the right prefix, in any case, still finds it.
    env.tix(&["show", &format!("it-{}", &id[3..7])]).success();
}
