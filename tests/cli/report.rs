//! `tix report` end to end: a desk built with commits at chosen author dates, every figure
//! checked against values worked out by hand (in the comments), then the output formats,
//! empty periods, bad input and `--as-of`.
//!
//! The office calendar is Mon-Fri 09:00-17:00 UTC; the period is the week of Monday
//! 2026-03-09: `[2026-03-09T00:00Z, 2026-03-16T00:00Z)`.

use serde_json::{Value, json};

use crate::common::{Run, TestEnv};

const DANA: &str = "Dana Requester <dana@example.com>";
const WEEK: [&str; 4] = ["--since", "2026-03-09", "--until", "2026-03-16"];

fn at(env: &TestEnv, when: &str, args: &[&str]) -> Run {
    let mut cmd = env.tix_cmd(args);
    cmd.env("TIX_NOW", when);
    Run::from(cmd.output().expect("run tix"))
}

fn new_at(env: &TestEnv, when: &str, title: &str, extra: &[&str]) -> String {
    let mut args = vec!["new", "--title", title];
    args.extend_from_slice(extra);
    let run = at(env, when, &args);
    run.success();
    run.stdout.trim().to_string()
}

fn ok(env: &TestEnv, when: &str, args: &[&str]) {
    at(env, when, args).success();
}

fn report(env: &TestEnv, when: &str, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--format", "json", "--recurring-min", "2"];
    args.extend_from_slice(&WEEK);
    args.extend_from_slice(extra);
    let run = at(env, when, &args);
    run.success();
    serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{run}"))
}

/// The tickets of the week, `[A, B, C, D, E, F]`, with the report printed on Tuesday at 15:00
/// (its JSON) for the `--as-of` check. Commands run in author-date order, so that report saw
/// exactly the history up to then.
struct Desk {
    env: TestEnv,
    ids: Vec<String>,
    probe: Value,
}

fn desk() -> Desk {
    let mut env = TestEnv::empty();
    env.now = "2026-03-01T08:00:00Z".into();
    env.seed = Some(7);
    env.tix(&["init"]).success();
    let dana = ["--actor", DANA, "--requester", DANA];
    // E: opened before the period, waiting on the requester ever since (paused backlog).
    let mut dana_p3 = dana.to_vec();
    dana_p3.extend(["--priority", "P3"]);
    let e = new_at(&env, "2026-03-02T09:00:00Z", "Monitor flickers", &dana_p3);
    ok(&env, "2026-03-02T10:00:00Z", &["pending", &e]);
    // A: opened Friday 16:00 before the period; answered and resolved on Monday, rated 5.
    let a = new_at(&env, "2026-03-06T16:00:00Z", "Printer jammed", &dana_p3);
    ok(
        &env,
        "2026-03-09T10:00:00Z",
        &["comment", &a, "-m", "On my way"],
    );
    ok(
        &env,
        "2026-03-09T12:00:00Z",
        &["resolve", &a, "--resolution", "Cleared"],
    );
    ok(
        &env,
        "2026-03-10T09:00:00Z",
        &["rate", &a, "5", "--actor", DANA],
    );
    // B: P2 on Monday 09:00, answered at 09:30, pending 10:00 to Tuesday 10:00, resolved,
    // reopened and resolved again on Tuesday.
    let mut dana_p2 = dana.to_vec();
    dana_p2.extend(["--priority", "P2"]);
    let b = new_at(&env, "2026-03-09T09:00:00Z", "VPN down", &dana_p2);
    ok(
        &env,
        "2026-03-09T09:30:00Z",
        &["comment", &b, "-m", "Looking"],
    );
    ok(&env, "2026-03-09T10:00:00Z", &["pending", &b]);
    ok(&env, "2026-03-10T10:00:00Z", &["start", &b]);
    ok(
        &env,
        "2026-03-10T11:00:00Z",
        &["resolve", &b, "--resolution", "Profile"],
    );
    ok(&env, "2026-03-10T12:00:00Z", &["reopen", &b]);
    ok(
        &env,
        "2026-03-10T13:00:00Z",
        &["resolve", &b, "--resolution", "Profile"],
    );
    // C: an agent's P4 on Tuesday 14:00 for alice, handed to bob, resolved at 14:30 without a
    // reply (a zero-reply first-contact resolution with one reassignment).
    let c = new_at(
        &env,
        "2026-03-10T14:00:00Z",
        "Password reset",
        &["--priority", "P4", "--assignee", "alice"],
    );
    ok(&env, "2026-03-10T14:10:00Z", &["assign", &c, "bob"]);
    ok(
        &env,
        "2026-03-10T14:30:00Z",
        &["resolve", &c, "--resolution", "Reset"],
    );
    let probe = report(&env, "2026-03-10T15:00:00Z", &[]);
    // B again: reopened Wednesday 09:00, finally resolved at 10:00, rated 3 (neutral).
    ok(&env, "2026-03-11T09:00:00Z", &["reopen", &b]);
    ok(
        &env,
        "2026-03-11T10:00:00Z",
        &["resolve", &b, "--resolution", "Router"],
    );
    ok(
        &env,
        "2026-03-11T11:00:00Z",
        &["rate", &b, "3", "--actor", DANA],
    );
    // D: P1 on Thursday 09:00, never answered (both clocks breach in the period), for bob.
    let mut dana_p1 = dana.to_vec();
    dana_p1.extend(["--priority", "P1"]);
    let d = new_at(&env, "2026-03-12T09:00:00Z", "Printer jammed!", &dana_p1);
    ok(&env, "2026-03-12T09:05:00Z", &["assign", &d, "bob"]);
    // F: the same printer again on Friday 10:00; its first response breaches at 14:00.
    let f = new_at(
        &env,
        "2026-03-13T10:00:00Z",
        "RE: printer  jammed",
        &dana_p3,
    );
    Desk {
        env,
        ids: vec![a, b, c, d, e, f],
        probe,
    }
}

const AFTER: &str = "2026-03-16T08:00:00Z";

#[test]
fn every_figure_of_a_hand_built_week() {
    let Desk { env, ids, .. } = desk();
    let [a, b, c, d, e, f] = <[String; 6]>::try_from(ids).expect("six tickets");
    let r = report(&env, AFTER, &[]);
    assert_eq!(r["version"], 1);
    assert_eq!(
        r["period"],
        json!({"since": "2026-03-09T00:00:00Z", "until": "2026-03-16T00:00:00Z"})
    );
    let s = &r["summary"];
    // Created B, C, D, F; resolved A once, B three times, C once; B reopened twice. Open before
    // Monday: A and E; open at the end: D, E, F. Flow: 2 + 4 - 5 + 2 = 3.
    assert_eq!(
        s["volume"],
        json!({"created": 4, "resolved": 5, "reopened": 2, "closed": 0, "deleted_open": 0,
               "backlog_start": 2, "backlog_end": 3})
    );
    // E pending (paused); ages at the end: F 2d14h, D 3d15h, E 13d15h.
    assert_eq!(
        s["backlog"],
        json!({"open": 3, "active": 2, "paused": 1, "age": [
            {"bucket": "0-1d", "tickets": 0}, {"bucket": "1-3d", "tickets": 1},
            {"bucket": "3-7d", "tickets": 1}, {"bucket": "7-30d", "tickets": 1},
            {"bucket": ">30d", "tickets": 0}]})
    );
    // First replies in the period: B after 30m (business 30m), A after 2d18h = 237600 s
    // (business: Friday 16-17 and Monday 9-10 = 7200 s). Nearest rank: the median of two is
    // the lower, p90 and p95 the upper.
    assert_eq!(
        s["first_response"],
        json!({
            "calendar": {"count": 2, "mean_secs": 119700, "median_secs": 1800, "p90_secs": 237600, "p95_secs": 237600},
            "business": {"count": 2, "mean_secs": 4500, "median_secs": 1800, "p90_secs": 7200, "p95_secs": 7200}
        })
    );
    // Final resolutions in the period: C after 30m; B after 49h (business 9h: Monday 9-10,
    // then the pause to Tuesday 10:00 left out, Tuesday 10-17 and Wednesday 9-10); A after
    // 2d20h = 244800 s (business 4h). Median of three: the middle one; p90: the largest.
    assert_eq!(
        s["resolution"],
        json!({
            "calendar": {"count": 3, "mean_secs": 141000, "median_secs": 176400, "p90_secs": 244800, "p95_secs": 244800},
            "business": {"count": 3, "mean_secs": 16200, "median_secs": 14400, "p90_secs": 32400, "p95_secs": 32400}
        })
    );
    // Met: A, B and C on both clocks (C's first response stopped by its resolution).
    // Breached in the period: D's two clocks (running), F's first response (running). E's
    // first response breached before the period, so it does not count.
    assert_eq!(
        s["sla"]["kinds"],
        json!([
            {"clock": "first_response", "met": 3, "breached": 2, "attainment": 0.6},
            {"clock": "resolution", "met": 3, "breached": 1, "attainment": 0.75}
        ])
    );
    assert_eq!(
        s["sla"]["by_priority"],
        json!([
            {"clock": "first_response", "priority": "P1", "met": 0, "breached": 1, "attainment": 0.0},
            {"clock": "first_response", "priority": "P2", "met": 1, "breached": 0, "attainment": 1.0},
            {"clock": "first_response", "priority": "P3", "met": 1, "breached": 1, "attainment": 0.5},
            {"clock": "first_response", "priority": "P4", "met": 1, "breached": 0, "attainment": 1.0},
            {"clock": "resolution", "priority": "P1", "met": 0, "breached": 1, "attainment": 0.0},
            {"clock": "resolution", "priority": "P2", "met": 1, "breached": 0, "attainment": 1.0},
            {"clock": "resolution", "priority": "P3", "met": 1, "breached": 0, "attainment": 1.0},
            {"clock": "resolution", "priority": "P4", "met": 1, "breached": 0, "attainment": 1.0}
        ])
    );
    // Resolved in the period: A (one reply, first contact), B (reopened), C (no reply).
    assert_eq!(
        s["first_contact"],
        json!({"resolved": 3, "first_contact": 2, "zero_reply": 1, "rate": 0.6667})
    );
    assert_eq!(
        s["reopens"],
        json!({"resolved": 3, "reopened": 1, "rate": 0.3333})
    );
    assert_eq!(
        s["reassignment"],
        json!({"tickets": 3, "total": 1, "mean": 0.3333, "max": 1, "distribution": [2, 1, 0, 0]})
    );
    // A rated 5 and B 3 (neutral) in the period; C unrated.
    assert_eq!(
        s["satisfaction"],
        json!({"ratings": 2, "csat": 0.5, "average": 4.0, "distribution": [0, 0, 1, 0, 1],
               "resolved": 3, "rated": 2, "response_rate": 0.6667})
    );
    assert_eq!(
        r["breaches"],
        json!([
            {"ticket": d, "title": "Printer jammed!", "clock": "first_response", "cycle": 1,
             "priority": "P1", "assignee": "bob", "breach_at": "2026-03-12T09:30:00Z",
             "stopped_at": null, "breached_by_secs": 55800},
            {"ticket": d, "title": "Printer jammed!", "clock": "resolution", "cycle": 1,
             "priority": "P1", "assignee": "bob", "breach_at": "2026-03-12T13:00:00Z",
             "stopped_at": null, "breached_by_secs": 43200},
            {"ticket": f, "title": "RE: printer  jammed", "clock": "first_response", "cycle": 1,
             "priority": "P3", "assignee": null, "breach_at": "2026-03-13T14:00:00Z",
             "stopped_at": null, "breached_by_secs": 10800}
        ])
    );
    // Open at the end: D (P1, weight 4) for bob; E and F (P3, weight 2 each) unassigned.
    assert_eq!(
        r["workload"],
        json!([
            {"agent": "Alice Agent", "open": 0, "weighted": 0, "by_priority": [
                {"priority": "P1", "open": 0}, {"priority": "P2", "open": 0},
                {"priority": "P3", "open": 0}, {"priority": "P4", "open": 0}]},
            {"agent": "bob", "open": 1, "weighted": 4, "by_priority": [
                {"priority": "P1", "open": 1}, {"priority": "P2", "open": 0},
                {"priority": "P3", "open": 0}, {"priority": "P4", "open": 0}]},
            {"agent": null, "open": 2, "weighted": 4, "by_priority": [
                {"priority": "P1", "open": 0}, {"priority": "P2", "open": 0},
                {"priority": "P3", "open": 2}, {"priority": "P4", "open": 0}]}
        ])
    );
    // "Printer jammed!" and "RE: printer  jammed" are one title; A (the same title) was
    // created before the period.
    assert_eq!(
        r["recurring"],
        json!([{"pattern": "title", "key": "printer jammed", "count": 2, "tickets": [d, f]}])
    );
    let day =
        |date: &str, c: usize, res: usize, reo: usize, backlog: usize, met: usize, br: usize| {
            json!({"date": date, "created": c, "resolved": res, "reopened": reo, "backlog": backlog,
               "sla_met": met, "sla_breached": br})
        };
    assert_eq!(
        r["daily"],
        json!([
            day("2026-03-09", 1, 1, 0, 2, 3, 0),
            day("2026-03-10", 1, 3, 1, 1, 2, 0),
            day("2026-03-11", 0, 1, 1, 1, 1, 0),
            day("2026-03-12", 1, 0, 0, 2, 0, 2),
            day("2026-03-13", 1, 0, 0, 3, 0, 1),
            day("2026-03-14", 0, 0, 0, 3, 0, 0),
            day("2026-03-15", 0, 0, 0, 3, 0, 0)
        ])
    );
    let _ = (a, b, c, e);
}

#[test]
fn groups_split_the_figures() {
    let Desk { env, .. } = desk();
    let r = report(&env, AFTER, &["--by", "priority"]);
    assert_eq!(r["by"], "priority");
    let created: Vec<(String, u64)> = r["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap_or_default().to_string(),
                g["volume"]["created"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    // P3 holds A, E and F, of which only F was created in the period.
    assert_eq!(
        created,
        [("P1", 1), ("P2", 1), ("P3", 1), ("P4", 1)]
            .map(|(k, n)| (k.to_string(), n))
            .to_vec()
    );
    // Organisations by email domain: no `organisations:` are configured, so the domain itself;
    // C has no requester.
    let orgs = report(&env, AFTER, &["--by", "org"]);
    let keys: Vec<&str> = orgs["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g["key"].as_str())
        .collect();
    assert_eq!(keys, ["example.com", "(none)"]);
    assert_eq!(orgs["groups"][1]["volume"]["created"], 1);
    // A week grouped by week is one group with the week's figures.
    let weekly = report(&env, AFTER, &["--by", "week"]);
    assert_eq!(weekly["groups"].as_array().map(Vec::len), Some(1));
    assert_eq!(weekly["groups"][0]["key"], "2026-03-09");
    assert_eq!(weekly["groups"][0]["volume"], weekly["summary"]["volume"]);
    let daily = report(&env, AFTER, &["--by", "day"]);
    assert_eq!(daily["groups"].as_array().map(Vec::len), Some(7));
    assert_eq!(daily["groups"][1]["volume"]["reopened"], 1);
}

#[test]
fn as_of_reproduces_the_report_printed_then() {
    let Desk { env, probe, .. } = desk();
    // The probe ran at 2026-03-10T15:00 (its period then ended at that moment).
    let again = report(&env, AFTER, &["--as-of", "2026-03-10T15:00:00Z"]);
    assert_eq!(again, probe);
    assert_eq!(probe["period"]["until"], "2026-03-10T15:00:01Z");
    assert_eq!(probe["summary"]["volume"]["reopened"], 1);
}

#[test]
fn an_empty_period_is_an_empty_report() {
    let env = TestEnv::new();
    let run = env.tix(&[
        "report",
        "--since",
        "2020-01-01",
        "--until",
        "2020-02-01",
        "--format",
        "json",
    ]);
    run.success();
    let r: Value = serde_json::from_str(&run.stdout).expect("json");
    let s = &r["summary"];
    assert_eq!(s["volume"]["created"], 0);
    assert_eq!(
        s["first_response"],
        json!({"calendar": null, "business": null})
    );
    assert_eq!(s["sla"], json!({"kinds": [], "by_priority": []}));
    assert_eq!(s["first_contact"]["rate"], Value::Null);
    assert_eq!(s["satisfaction"]["csat"], Value::Null);
    assert_eq!(r["daily"].as_array().map(Vec::len), Some(31));
    let text = env.tix(&["report", "--since", "2020-01-01", "--until", "2020-02-01"]);
    text.success();
    assert!(
        text.stdout
            .contains("  first-contact resolution - of resolved"),
        "{text}"
    );
    let csv = env.tix(&[
        "report",
        "--since",
        "2020-01-01",
        "--until",
        "2020-02-01",
        "-f",
        "csv",
    ]);
    csv.success();
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[0].starts_with("group,created,resolved,reopened,closed,"),
        "{csv}"
    );
    assert!(
        lines[1].starts_with("(all),0,0,0,0,0,0,0,0,0,,,,,,0,"),
        "{csv}"
    );
}

#[test]
fn bad_periods_and_groupings_are_refused_naming_the_flag() {
    let env = TestEnv::new();
    let (head, status) = (env.head(), env.porcelain());
    let cases: [(&[&str], &str); 4] = [
        (
            &["report", "--since", "2026-13-01"],
            "error: invalid value '2026-13-01' for '--since <DATE>': not a date: use YYYY-MM-DD (2026-11-01) or RFC 3339 (2026-11-01T09:00:00Z)",
        ),
        (
            &["report", "--by", "colour"],
            "error: invalid value 'colour' for '--by <FIELD>': unknown grouping: use one of assignee, team, category, priority, type, requester, asset, org, week, day",
        ),
        (
            &["report", "--since", "2026-03-02", "--until", "2026-03-01"],
            "error: --since (2026-03-02T00:00:00Z) is not before --until (2026-03-01T00:00:00Z): the period [since, until) would be empty",
        ),
        (
            &["report", "--recurring-min", "1"],
            "error: invalid value '1' for '--recurring-min <N>': 1 is not in 2..=65535",
        ),
    ];
    for (args, error) in cases {
        let run = env.tix(args);
        env.assert_rejected(&run, 2, &head, &status);
        assert_eq!(run.error_line(), error, "{run}");
    }
    // --output writes nothing when the directory does not exist.
    let run = env.tix(&["report", "-o", "missing/report.html", "-f", "html"]);
    env.assert_rejected(&run, 2, &head, &status);
    assert!(!env.root.join("missing").exists());
}

#[test]
fn markdown_and_html_carry_the_same_numbers() {
    let Desk { env, .. } = desk();
    let md = at(
        &env,
        AFTER,
        &[
            "report", WEEK[0], WEEK[1], WEEK[2], WEEK[3], "-f", "markdown",
        ],
    );
    md.success();
    assert!(md.stdout.starts_with("## Service desk report\n"), "{md}");
    assert!(md.stdout.contains("| SLA attainment | 6/9 (67%) |"), "{md}");
    assert!(
        md.stdout
            .contains("| First-contact resolution | 2/3 (67%) |"),
        "{md}"
    );
    assert!(md.stdout.contains("### Breaches (3)"), "{md}");
    let out = env.tmp.path().join("report.html");
    let out_arg = out.to_str().expect("utf-8");
    let html = at(
        &env,
        AFTER,
        &[
            "report", WEEK[0], WEEK[1], WEEK[2], WEEK[3], "-f", "html", "-o", out_arg,
        ],
    );
    html.success();
    let page = std::fs::read_to_string(&out).expect("html written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 6);
    // Self-contained: nothing is fetched.
    for outside in ["http://", "https://", "src=", "@import", "url("] {
        let fetched = page
            .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
            .contains(outside);
        assert!(!fetched, "the page refers to {outside}");
    }
    assert!(page.contains("<h2>Per agent</h2>") && page.contains("<h2>Per category</h2>"));
}

/// The browser the dashboard test uses, if one is installed.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok()
        })
}

/// Runs headless Chromium on `page` with `args`, for at most two minutes.
fn headless(env: &TestEnv, browser: &str, page: &std::path::Path, args: &[&str]) -> Run {
    let mut cmd = env.program("timeout");
    cmd.args([
        "120",
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
    ])
    .args([
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--no-first-run",
    ])
    .arg(format!(
        "--user-data-dir={}",
        env.tmp.path().join("chromium").display()
    ))
    .args(["--enable-logging=stderr", "--v=0"])
    .args(args)
    .arg(format!("file://{}", page.display()));
    Run::from(cmd.output().expect("run chromium"))
}

#[test]
fn the_dashboard_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED the_dashboard_renders_in_headless_chromium: chromium is not installed (apt-get install chromium)"
        );
        return;
    };
    let Desk { env, .. } = desk();
    let page = env.tmp.path().join("report.html");
    let page_arg = page.to_str().expect("utf-8");
    at(
        &env,
        AFTER,
        &[
            "report", WEEK[0], WEEK[1], WEEK[2], WEEK[3], "-f", "html", "-o", page_arg,
        ],
    )
    .success();
    let dom = headless(&env, browser, &page, &["--dump-dom"]);
    assert_eq!(dom.code, 0, "{dom}");
    // The page's script marks each chart with its laid-out size and how many shapes it drew.
    let rendered: Vec<(u32, u32, u32)> = dom
        .stdout
        .split("data-rendered=\"")
        .skip(1)
        .filter_map(|rest| {
            let value = rest.split('"').next()?;
            let (size, shapes) = value.split_once(':')?;
            let (w, h) = size.split_once('x')?;
            Some((w.parse().ok()?, h.parse().ok()?, shapes.parse().ok()?))
        })
        .collect();
    assert_eq!(
        rendered.len(),
        6,
        "every chart rendered: {rendered:?}\n{dom}"
    );
    for (w, h, shapes) in &rendered {
        assert!(*w >= 200 && *h >= 80 && *shapes > 0, "{rendered:?}");
    }
    let console: Vec<&str> = dom
        .stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .collect();
    assert!(console.is_empty(), "console messages: {console:?}");
    let shot = env.tmp.path().join("report.png");
    let run = headless(
        &env,
        browser,
        &page,
        &[
            "--window-size=1280,1600",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    assert_eq!(run.code, 0, "{run}");
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

#[test]
fn readme_documents_the_csv_columns_the_binary_prints() {
    let env = TestEnv::new();
    let run = env.tix(&["report", "--format", "csv"]);
    run.success();
    let header = run.stdout.lines().next().unwrap_or_default();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    assert!(
        readme.contains(&format!("`tix report --format csv` columns: `{header}`")),
        "README does not list the report CSV columns {header}"
    );
}

#[test]
fn the_terminal_report_of_the_week() {
    let Desk { env, .. } = desk();
    let mut args = vec!["report", "--recurring-min", "2", "--by", "assignee"];
    args.extend_from_slice(&WEEK);
    let run = at(&env, AFTER, &args);
    run.success();
    insta::assert_snapshot!("report_table", run.stdout);
}
