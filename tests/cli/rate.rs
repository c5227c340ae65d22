//! `tix rate`: satisfaction ratings of finished tickets.

use crate::common::TestEnv;

const DANA: &str = "Dana Requester <dana@example.com>";

#[test]
fn a_finished_ticket_is_rated_once_per_commit_and_a_later_rating_replaces_it() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &["--requester", DANA]);
    let (head, status) = (env.head(), env.porcelain());
    let open = env.tix(&["rate", &id, "4"]);
    env.assert_rejected(&open, 2, &head, &status);
    assert_eq!(
        open.error_line(),
        format!(
            "error: {id} is new, not finished: only resolved or closed tickets can be rated (resolved, closed)"
        )
    );
    env.tix(&["resolve", &id, "--resolution", "New VPN profile"])
        .success();
    let (head, status) = (env.head(), env.porcelain());
    for (bad, why) in [
        ("0", "0 is not in 1..=5"),
        ("6", "6 is not in 1..=5"),
        ("four", "invalid digit found in string"),
    ] {
        let run = env.tix(&["rate", &id, bad]);
        env.assert_rejected(&run, 2, &head, &status);
        assert_eq!(
            run.error_line(),
            format!("error: invalid value '{bad}' for '<SCORE>': {why}"),
            "{run}"
        );
    }
    env.tix(&["rate", &id, "2", "-m", "Took two days", "--actor", DANA])
        .success();
    env.tix(&["rate", &id, "5", "-m", "Works now, thanks"])
        .success();
    let show = env.tix(&["show", &id, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&show.stdout).expect("json");
    let rating = &json["ticket"]["rating"];
    assert_eq!(rating["score"], 5);
    assert_eq!(rating["comment"], "Works now, thanks");
    // The test actor (an agent) rated on Dana's behalf; Dana's own rating was not.
    assert_eq!(rating["on_behalf"], true);
    let text = env.tix(&["show", &id]);
    assert!(
        text.stdout
            .contains("Rating: 5/5 by Alice Agent <alice@example.com>, on the requester's behalf"),
        "{text}"
    );
    // Both ratings are in history, one commit each.
    let log = env.tix(&["log", &id]);
    assert_eq!(
        log.stdout,
        "2026-03-02 09:00 +00:00  Alice Agent <alice@example.com>    created\n\
         2026-03-02 09:00 +00:00  Alice Agent <alice@example.com>    status: new -> resolved\n\
         \x20                                                           resolution set\n\
         2026-03-02 09:00 +00:00  Dana Requester <dana@example.com>  rating: - -> 2/5\n\
         2026-03-02 09:00 +00:00  Alice Agent <alice@example.com>    rating: 2/5 -> 5/5\n",
        "{log}"
    );
    assert_eq!(
        env.git(&["log", "--format=%s", "-2"])
            .lines()
            .filter(|l| l.contains(" rate: "))
            .count(),
        2
    );
}

#[test]
fn a_hand_edited_rating_out_of_range_is_reported_with_its_file() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    let file = env.ticket_file(&id);
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text + "rating:\n  score: 9\n  by: dana\n").expect("write");
    let check = env.tix(&["check"]);
    assert_eq!(check.code, 1, "{check}");
    let rel = format!("tickets/{}/{}/{id}.yaml", &id[3..4], &id[4..5]);
    assert_eq!(
        check.stdout,
        format!(
            "{rel}: rating score 9 is out of range: it must be 1 (very unsatisfied) to 5 (very satisfied)\n"
        ),
        "{check}"
    );
    assert_eq!(
        check.stderr, "error: 1 problem(s) in the configuration and 1 ticket files\n",
        "{check}"
    );
}
