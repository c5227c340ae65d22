//! Links between tickets: both ends in one commit, shown both ways, the parent guard, filters.

use crate::common::TestEnv;

fn json(env: &TestEnv, id: &str) -> serde_json::Value {
    let run = env.tix(&["show", id, "--format", "json"]);
    run.success();
    serde_json::from_str(&run.stdout).expect("json")
}

#[test]
fn a_link_is_written_on_both_tickets_in_one_commit_and_shown_both_ways() {
    let env = TestEnv::new();
    let parent = env.new_ticket("Onboard Bob", &[]);
    let laptop = env.new_ticket("Laptop for Bob", &[]);
    let account = env.new_ticket("Account for Bob", &[]);
    let before = env.commit_count();
    let run = env.tix(&["link", &parent, "children", &laptop, &account]);
    run.success();
    assert_eq!(env.commit_count(), before + 1, "{run}");
    assert!(
        run.stderr
            .contains(&format!("Linked {laptop}: part of {parent}")),
        "{run}"
    );
    let p = json(&env, &parent);
    let mut children = vec![laptop.clone(), account.clone()];
    children.sort();
    assert_eq!(
        p["ticket"]["links"]["children"],
        serde_json::json!(children)
    );
    assert_eq!(
        json(&env, &laptop)["ticket"]["links"]["parent"],
        serde_json::json!([parent])
    );
    let mut titles: Vec<&str> = p["linked"]
        .as_array()
        .expect("linked")
        .iter()
        .map(|l| l["title"].as_str().expect("title"))
        .collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Account for Bob", "Laptop for Bob"]);
    let file = std::fs::read_to_string(env.ticket_file(&laptop)).expect("file");
    assert!(
        file.contains(&format!("links:\n  parent: {parent}\n")),
        "{file}"
    );
    let shown = env.tix(&["show", &laptop]);
    assert!(
        shown
            .stdout
            .contains(&format!("part of  {parent}  new  Onboard Bob")),
        "{shown}"
    );
    let shown = env.tix(&["show", &parent]);
    assert!(
        shown
            .stdout
            .contains(&format!("child tasks  {laptop}  new  Laptop for Bob")),
        "{shown}"
    );

    // The same link again changes nothing; unlink removes both ends.
    let again = env.tix(&["link", &laptop, "parent", &parent]);
    again.success();
    assert_eq!(env.commit_count(), before + 1, "{again}");
    env.tix(&["unlink", &laptop, "parent", &parent]).success();
    assert_eq!(env.commit_count(), before + 2);
    assert!(
        json(&env, &parent)["ticket"]["links"]["children"]
            .as_array()
            .is_some_and(|c| c.len() == 1)
    );
    assert!(
        !std::fs::read_to_string(env.ticket_file(&laptop))
            .expect("file")
            .contains("links:")
    );
    let none = env.tix(&["unlink", &laptop, "parent", &parent]);
    assert_eq!(none.code, 2, "{none}");
    assert!(none.stderr.contains("has no link 'parent'"), "{none}");
}

#[test]
fn a_parent_waits_for_its_children_unless_forced() {
    let env = TestEnv::new();
    let parent = env.new_ticket("Onboard Bob", &[]);
    let child = env.new_ticket("Laptop for Bob", &[]);
    env.tix(&["link", &child, "parent", &parent]).success();
    let before = env.commit_count();
    let run = env.tix(&["resolve", &parent, "-r", "Done"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains(&format!("{parent} has open child tasks: {child} (new)")),
        "{run}"
    );
    assert!(run.stderr.contains("--force"), "{run}");
    assert_eq!(env.commit_count(), before);
    assert!(env.porcelain().is_empty());
    // Resolving both in one command is fine: the child is finished by the same change.
    env.tix(&["resolve", &parent, &child, "-r", "Done"])
        .success();
    env.tix(&["reopen", &parent, &child]).success();
    env.tix(&["resolve", &parent, "-r", "Done anyway", "--force"])
        .success();
    assert_eq!(json(&env, &parent)["ticket"]["status"], "resolved");
}

#[test]
fn a_duplicate_is_resolved_and_bad_links_are_refused_with_nothing_written() {
    let env = TestEnv::new();
    let first = env.new_ticket("VPN down", &[]);
    let second = env.new_ticket("VPN not working", &[]);
    let third = env.new_ticket("Printer", &[]);
    let run = env.tix(&["link", &second, "duplicate-of", &first]);
    run.success();
    let dup = json(&env, &second);
    assert_eq!(dup["ticket"]["status"], "resolved");
    assert_eq!(dup["ticket"]["resolution"], format!("Duplicate of {first}"));
    assert_eq!(
        json(&env, &first)["ticket"]["links"]["duplicates"],
        serde_json::json!([second])
    );

    let before = env.commit_count();
    for (args, message) in [
        (
            vec!["link", &first, "related", &first],
            "cannot be linked to itself",
        ),
        (
            vec!["link", &second, "duplicate_of", &third],
            "already has duplicate_of",
        ),
        (
            vec!["link", &first, "sibling", &third],
            "unknown link kind; use one of: parent",
        ),
        (vec!["link", &first, "blocks", "IT-NOSUCH1"], "IT-NOSUCH1"),
    ] {
        let run = env.tix(&args);
        assert_ne!(run.code, 0, "{run}");
        assert!(run.stderr.contains(message), "{args:?}: {run}");
        assert_eq!(env.commit_count(), before, "{args:?}");
        assert!(env.porcelain().is_empty(), "{args:?}");
    }
    // A parent cycle is refused too.
    env.tix(&["link", &third, "parent", &first]).success();
    let cycle = env.tix(&["link", &first, "parent", &third]);
    assert_eq!(cycle.code, 2, "{cycle}");
    assert!(
        cycle.stderr.contains("cannot be each other's parent"),
        "{cycle}"
    );
}

#[test]
fn list_filters_by_link() {
    let env = TestEnv::new();
    let a = env.new_ticket("Switch firmware", &[]);
    let b = env.new_ticket("Office move", &[]);
    let c = env.new_ticket("Unrelated", &[]);
    env.tix(&["link", &a, "blocks", &b]).success();
    let ids = |query: &[&str]| crate::common::listed(&env, query);
    assert_eq!(ids(&[&format!("blocked_by:{a}")]), std::slice::from_ref(&b));
    // A prefix of the code is enough, as everywhere else.
    assert_eq!(
        ids(&[&format!("blocks:{}", &b[3..7])]),
        std::slice::from_ref(&a)
    );
    assert_eq!(ids(&["has:blocks"]), std::slice::from_ref(&a));
    let mut rest = ids(&["--", "-has:blocks"]);
    rest.sort();
    let mut want = vec![b, c];
    want.sort();
    assert_eq!(rest, want);
    let bad = env.tix(&["list", "has:siblings"]);
    assert_eq!(bad.code, 2, "{bad}");
    assert!(
        bad.stderr
            .contains("has: takes asset, template, kb or a link kind"),
        "{bad}"
    );
}

#[test]
fn a_refused_link_is_one_error_line_and_status_lines_read_as_sentences() {
    let env = TestEnv::new();
    let parent = env.new_ticket("Onboard Bob", &[]);
    let laptop = env.new_ticket("Laptop for Bob", &[]);
    let other = env.new_ticket("Other project", &[]);
    env.tix(&["link", &laptop, "parent", &parent]).success();
    let (head, status) = (env.head(), env.porcelain());
    for (args, says) in [
        (
            vec!["link", &laptop, "parent", &other],
            format!("error: {laptop} already has parent {parent}; unlink it first"),
        ),
        (
            vec!["link", &parent, "parent", &laptop],
            format!("error: {parent} and {laptop} cannot be each other's parent"),
        ),
    ] {
        let run = env.tix(&args);
        env.assert_rejected(&run, 2, &head, &status);
        assert!(run.error_line().starts_with(&says), "{run}");
        assert_eq!(run.stderr.lines().count(), 1, "{run}");
    }
    let again = env.tix(&["link", &laptop, "parent", &parent]);
    again.success();
    assert_eq!(
        again.stderr,
        format!("No changes: {laptop} is already part of {parent}.\n")
    );
    let run = env.tix(&["unlink", &parent, "children", &laptop]);
    run.success();
    assert!(
        run.stderr
            .contains(&format!("Unlinked {parent} (child tasks {laptop})\n")),
        "{run}"
    );
    assert!(
        run.stderr
            .contains(&format!("Unlinked {laptop} (part of {parent})\n")),
        "{run}"
    );
}

#[test]
fn link_help_shows_its_examples_one_per_line() {
    let env = TestEnv::new();
    for command in ["link", "unlink"] {
        let run = env.tix(&[command, "--help"]);
        run.success();
        assert!(
            run.stdout
                .contains(&format!("\n  tix {command} IT-2 parent IT-1")),
            "{run}"
        );
    }
}
