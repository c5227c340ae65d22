use super::*;
use crate::config::Config;
use crate::domain::id::TicketId;

fn schema() -> Schema {
    Config::parse(crate::config::DEFAULT_CONFIG, ".tix/config.yaml")
        .expect("default config")
        .schema
}

fn ticket(code: &str, status: &str, priority: &str, assignee: Option<&str>) -> TicketSummary {
    TicketSummary {
        id: TicketId::parse(&format!("IT-{code}")).expect("id"),
        title: format!("Ticket {code}"),
        ticket_type: "incident".into(),
        status: status.into(),
        priority: priority.into(),
        category: None,
        requester: None,
        assignee: assignee.map(str::to_string),
        team: None,
        tags: vec![],
        due: None,
        asset: None,
        template: None,
        kb: vec![],
        links: Default::default(),
        fields: Default::default(),
        comment_count: 0,
        impact: None,
        urgency: None,
        escalations: vec![],
    }
}

fn ids(shown: &[&TicketSummary]) -> Vec<String> {
    shown.iter().map(|t| t.id.code().to_string()).collect()
}

const NOW: i64 = 1_764_547_200; // 2025-12-01T00:00:00Z
const DAY: i64 = 86_400;

fn no_facts(_: &TicketId) -> Known {
    Known::default()
}

/// A query from the language alone, with no views.
fn q(text: &str) -> Query {
    Query {
        filters: parse(text, NOW, &|_| None).expect(text),
        ..Query::default()
    }
}

fn err(text: &str) -> String {
    parse(text, NOW, &|_| None).expect_err(text).to_string()
}

fn values(field: Field, values: &[&str]) -> Test {
    Test::Values {
        field,
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

#[test]
fn open_tickets_most_urgent_first_by_default() {
    let s = schema();
    let tickets = vec![
        ticket("AAAAAAAA", "open", "P3", None),
        ticket("BBBBBBBB", "resolved", "P1", None),
        ticket("CCCCCCCC", "new", "P1", Some("bob")),
        ticket("DDDDDDDD", "open", "P1", None),
    ];
    let q = Query::default();
    assert_eq!(
        ids(&q.run(&s, &tickets, &no_facts)),
        ["CCCCCCCC", "DDDDDDDD", "AAAAAAAA"]
    );
    let all = Query {
        all: true,
        sort: SortKey::Id,
        limit: Some(2),
        ..Query::default()
    };
    assert_eq!(
        ids(&all.run(&s, &tickets, &no_facts)),
        ["AAAAAAAA", "BBBBBBBB"]
    );
}

#[test]
fn filters_combine_with_and_values_with_or() {
    let s = schema();
    let tickets = vec![
        ticket("AAAAAAAA", "open", "P3", None),
        ticket("BBBBBBBB", "resolved", "P1", None),
        ticket("DDDDDDDD", "open", "P1", None),
    ];
    let unassigned_p1 = q("assignee:- priority:P1");
    assert_eq!(
        ids(&unassigned_p1.run(&s, &tickets, &no_facts)),
        ["DDDDDDDD"]
    );
    // Naming a done status lets done tickets in.
    let named_done = q("status:resolved");
    assert_eq!(ids(&named_done.run(&s, &tickets, &no_facts)), ["BBBBBBBB"]);
    let either = q("priority:P1,P3 sort-ignored-text");
    assert!(either.searches_text());
}

#[test]
fn every_key_parses_to_its_test() {
    let f = parse(
        "status:open,new priority:P1 type:incident category:network team:desk tag:vip \
         field.site:Berlin fields.floor:2",
        NOW,
        &|_| None,
    )
    .expect("parse");
    let tests: Vec<Test> = f.into_iter().map(|f| f.test).collect();
    assert_eq!(
        tests,
        [
            values(Field::Status, &["open", "new"]),
            values(Field::Priority, &["P1"]),
            values(Field::Type, &["incident"]),
            values(Field::Category, &["network"]),
            values(Field::Team, &["desk"]),
            values(Field::Tag, &["vip"]),
            values(Field::Custom("site".into()), &["Berlin"]),
            values(Field::Custom("floor".into()), &["2"]),
        ]
    );
}

#[test]
fn negation_quotes_and_text() {
    let f = parse(
        r#"-tag:vip "printer on fire" -toner key:"a b""#,
        NOW,
        &|_| None,
    );
    let f = f.expect_err("key is unknown");
    assert!(f.to_string().contains("unknown key 'key'"), "{f}");
    let f = parse(
        r#"-tag:vip "printer on fire" -toner team:"first line""#,
        NOW,
        &|_| None,
    )
    .expect("parse");
    assert_eq!(f.len(), 4);
    assert!(f[0].negated && f[0].test == values(Field::Tag, &["vip"]));
    assert_eq!(f[0].source, "tag:vip");
    let Test::Text(phrase) = &f[1].test else {
        panic!("text: {:?}", f[1]);
    };
    assert_eq!(phrase.written(), "printer on fire");
    assert!(!f[1].negated);
    assert!(matches!(&f[2].test, Test::Text(p) if p.written() == "toner") && f[2].negated);
    assert_eq!(f[3].test, values(Field::Team, &["first line"]));
    // A quoted colon is text, not a key; a lone dash is a word.
    let f = parse(r#""error:42" -"#, NOW, &|_| None).expect("parse");
    assert!(matches!(&f[0].test, Test::Text(p) if p.written() == "error:42"));
    assert!(matches!(&f[1].test, Test::Text(p) if p.written() == "-") && !f[1].negated);
}

#[test]
fn text_is_smart_case() {
    let lower = TextPattern::literal("printer").expect("pattern");
    assert!(lower.is_match("The PRINTER jams"));
    let upper = TextPattern::literal("VPN").expect("pattern");
    assert!(upper.is_match("VPN down") && !upper.is_match("vpn down"));
    let regex = TextPattern::regex("disk (full|space)").expect("pattern");
    assert!(regex.is_match("Disk Full on build host"));
    assert!(TextPattern::regex("(unclosed").is_err());
    // A literal is literal: regex syntax in a word matches itself.
    let dots = TextPattern::literal("a.b").expect("pattern");
    assert!(dots.is_match("see a.b") && !dots.is_match("axb"));
    let query = q("printer -toner");
    assert!(query.wants_text("printer jams"));
    assert!(!query.wants_text("printer out of toner"));
    assert!(!query.wants_text("scanner"));
}

#[test]
fn people_match_by_name_or_email_and_me() {
    let s = schema();
    let mut alice = ticket("AAAAAAAA", "open", "P3", Some("Alice Agent"));
    alice.requester = Some("Rita Requester <rita@example.com>".into());
    let tickets = vec![alice, ticket("BBBBBBBB", "open", "P3", Some("bob"))];
    let agent = |who: &str| {
        crate::domain::actor::same_person(who, "Alice Agent <alice@example.com>")
            .then(|| "Alice Agent <alice@example.com>".to_string())
    };
    let mut by_email = q("assignee:alice@example.com");
    by_email.expand_people(None, &agent).expect("expand");
    assert_eq!(ids(&by_email.run(&s, &tickets, &no_facts)), ["AAAAAAAA"]);
    let mut requester = q("requester:RITA@example.com");
    requester.expand_people(None, &|_| None).expect("expand");
    assert_eq!(ids(&requester.run(&s, &tickets, &no_facts)), ["AAAAAAAA"]);
    let mut me = q("assignee:@me");
    me.expand_people(Some("Bob <bob@example.com>"), &|_| None)
        .expect("expand");
    assert_eq!(ids(&me.run(&s, &tickets, &no_facts)), ["BBBBBBBB"]);
    let mut nobody = q("assignee:@me");
    let e = nobody.expand_people(None, &|_| None).expect_err("no actor");
    assert!(
        e.to_string()
            .starts_with("assignee:@me: @me stands for the actor")
    );
    let mut not_bob = q("-assignee:bob");
    not_bob.expand_people(None, &|_| None).expect("expand");
    assert_eq!(ids(&not_bob.run(&s, &tickets, &no_facts)), ["AAAAAAAA"]);
}

#[test]
fn is_terms() {
    let s = schema();
    let tickets = vec![
        ticket("AAAAAAAA", "open", "P3", None),
        ticket("BBBBBBBB", "resolved", "P1", Some("bob")),
        ticket("CCCCCCCC", "closed", "P1", None),
    ];
    assert_eq!(
        ids(&q("is:done").run(&s, &tickets, &no_facts)),
        ["BBBBBBBB", "CCCCCCCC"]
    );
    assert_eq!(
        ids(&q("is:open").run(&s, &tickets, &no_facts)),
        ["AAAAAAAA"]
    );
    assert_eq!(
        ids(&q("is:done is:unassigned").run(&s, &tickets, &no_facts)),
        ["CCCCCCCC"]
    );
    assert_eq!(
        ids(&q("is:done is:assigned").run(&s, &tickets, &no_facts)),
        ["BBBBBBBB"]
    );
    // A negated status alone does not let done tickets in.
    assert_eq!(
        ids(&q("-status:open").run(&s, &tickets, &no_facts)),
        Vec::<String>::new()
    );
    assert!(err("is:maybe").contains("is: takes open, done"));
}

#[test]
fn times_and_ages() {
    let bound = |text: &str| match &parse(text, NOW, &|_| None).expect(text)[0].test {
        Test::Time { moment, bound } => (*moment, *bound),
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(
        bound("created:>7d"),
        (Moment::Created, Bound::After(NOW - 7 * DAY))
    );
    assert_eq!(
        bound("updated:<2h"),
        (Moment::Updated, Bound::Before(NOW - 7200))
    );
    assert_eq!(
        bound("created:>=30m"),
        (Moment::Created, Bound::AtOrAfter(NOW - 1800))
    );
    assert_eq!(
        bound("created:<=1w"),
        (Moment::Created, Bound::AtOrBefore(NOW - 7 * DAY))
    );
    assert_eq!(
        bound("created:3d"),
        (Moment::Created, Bound::AtOrAfter(NOW - 3 * DAY))
    );
    // A date without an operator is that whole day; > is after it, <= up to its end.
    assert_eq!(
        bound("created:2025-11-30"),
        (Moment::Created, Bound::Within(NOW - DAY, NOW))
    );
    assert_eq!(
        bound("created:>2025-11-30"),
        (Moment::Created, Bound::AtOrAfter(NOW))
    );
    assert_eq!(
        bound("created:<=2025-11-30"),
        (Moment::Created, Bound::Before(NOW))
    );
    assert_eq!(
        bound("created:<2025-11-30"),
        (Moment::Created, Bound::Before(NOW - DAY))
    );
    assert_eq!(
        bound("updated:>2025-11-30T12:00:00Z"),
        (Moment::Updated, Bound::AtOrAfter(NOW - DAY / 2 + 1))
    );
    assert_eq!(
        bound("age:>7d"),
        (Moment::Created, Bound::Before(NOW - 7 * DAY))
    );
    assert_eq!(
        bound("age:<2h"),
        (Moment::Created, Bound::After(NOW - 7200))
    );
    assert_eq!(
        bound("age:>=1d"),
        (Moment::Created, Bound::AtOrBefore(NOW - DAY))
    );
    assert_eq!(
        bound("age:<=1d"),
        (Moment::Created, Bound::AtOrAfter(NOW - DAY))
    );
    assert!(err("created:yesterday").contains("'yesterday' is not a time"));
    assert!(err("age:7d").contains("needs > or <"));
    assert!(err("age:>2025-01-01").contains("is not an age"));

    let s = schema();
    let tickets = vec![
        ticket("AAAAAAAA", "open", "P3", None),
        ticket("BBBBBBBB", "open", "P3", None),
        ticket("CCCCCCCC", "open", "P3", None),
    ];
    let created = |id: &TicketId| {
        let age = match id.code() {
            "AAAAAAAA" => 10 * DAY,
            "BBBBBBBB" => DAY,
            _ => return Known::default(),
        };
        Known {
            created: Some(NOW - age),
            updated: Some(NOW - age / 2),
            sla_left: None,
        }
    };
    assert_eq!(ids(&q("age:>7d").run(&s, &tickets, &created)), ["AAAAAAAA"]);
    assert_eq!(
        ids(&q("created:>7d").run(&s, &tickets, &created)),
        ["BBBBBBBB"]
    );
    // A ticket without history matches no time filter.
    assert_eq!(
        ids(&q("-created:>7d").run(&s, &tickets, &created)),
        ["AAAAAAAA", "CCCCCCCC"]
    );
}

#[test]
fn sorting_by_history_due_and_sla_keeps_unknowns_last() {
    let s = schema();
    let mut tickets = vec![
        ticket("AAAAAAAA", "open", "P3", None),
        ticket("BBBBBBBB", "open", "P3", None),
        ticket("CCCCCCCC", "open", "P3", None),
        ticket("DDDDDDDD", "open", "P3", None),
    ];
    tickets[0].due = Some("2026-01-02".into());
    tickets[2].due = Some("2025-12-31T09:00:00Z".into());
    let facts = |id: &TicketId| match id.code() {
        "AAAAAAAA" => Known {
            created: Some(300),
            updated: Some(900),
            sla_left: Some(-50),
        },
        "BBBBBBBB" => Known {
            created: Some(100),
            updated: Some(950),
            sla_left: Some(600),
        },
        "CCCCCCCC" => Known {
            created: Some(200),
            updated: Some(400),
            sla_left: None,
        },
        _ => Known::default(),
    };
    let sorted = |sort, reverse| {
        let query = Query {
            sort,
            reverse,
            ..Query::default()
        };
        ids(&query.run(&s, &tickets, &facts))
    };
    assert_eq!(
        sorted(SortKey::Created, false),
        ["AAAAAAAA", "CCCCCCCC", "BBBBBBBB", "DDDDDDDD"]
    );
    assert_eq!(
        sorted(SortKey::Created, true),
        ["BBBBBBBB", "CCCCCCCC", "AAAAAAAA", "DDDDDDDD"]
    );
    assert_eq!(
        sorted(SortKey::Age, false),
        ["BBBBBBBB", "CCCCCCCC", "AAAAAAAA", "DDDDDDDD"]
    );
    assert_eq!(
        sorted(SortKey::Updated, false),
        ["BBBBBBBB", "AAAAAAAA", "CCCCCCCC", "DDDDDDDD"]
    );
    assert_eq!(
        sorted(SortKey::Due, false),
        ["CCCCCCCC", "AAAAAAAA", "BBBBBBBB", "DDDDDDDD"]
    );
    assert_eq!(
        sorted(SortKey::Sla, false),
        ["AAAAAAAA", "BBBBBBBB", "CCCCCCCC", "DDDDDDDD"]
    );
    // Reversed, ties keep ID order.
    assert_eq!(
        sorted(SortKey::Priority, true),
        ["AAAAAAAA", "BBBBBBBB", "CCCCCCCC", "DDDDDDDD"]
    );
}

#[test]
fn views_expand_and_do_not_nest() {
    let views = |name: &str| match name {
        "mine" => Some("assignee:@me is:open".to_string()),
        "loop" => Some("@mine".to_string()),
        _ => None,
    };
    let f = parse("@mine priority:P1", NOW, &views).expect("parse");
    assert_eq!(f.len(), 3);
    assert_eq!(f[1].test, Test::Done(false));
    let e = parse("@nope", NOW, &views).expect_err("unknown view");
    assert!(e.to_string().contains("no such view"), "{e}");
    let e = parse("@loop", NOW, &views).expect_err("nested");
    assert!(e.to_string().contains("in this view"), "{e}");
    // A quoted @ is text.
    let f = parse("\"@mine\"", NOW, &views).expect("parse");
    assert!(matches!(&f[0].test, Test::Text(_)));
}

#[test]
fn malformed_terms_are_named() {
    assert_eq!(
        err("status:"),
        "query term 'status:': status: needs a value, as in status:VALUE"
    );
    assert!(err("priority:P1,,P2").contains("an empty value"));
    assert!(err("\"unclosed").contains("the quote is not closed"));
    let unknown = err("colour:red");
    assert!(unknown.contains("unknown key 'colour'"), "{unknown}");
    assert!(unknown.contains("\"colour:red\""), "{unknown}");
}

#[test]
fn unknown_statuses_and_priorities_are_named() {
    let s = schema();
    let mut flag = Query::default();
    flag.and(Filter::new(values(Field::Status, &["opne"]), "--status"));
    let e = flag.check(&s).expect_err("unknown status");
    assert!(
        e.to_string()
            .starts_with("--status: unknown status 'opne'; known statuses: new, open"),
        "{e}"
    );
    assert!(
        q("priority:P9")
            .check(&s)
            .expect_err("P9")
            .to_string()
            .starts_with("priority:P9: unknown priority 'P9'; known priorities: P1")
    );
    assert!(q("type:bug").check(&s).is_err());
}

#[test]
fn search_text_holds_every_written_part() {
    let mut t = crate::domain::ticket::sample_ticket();
    t.title = "Printer".into();
    t.description = Some("jams daily".into());
    t.resolution = Some("new drum".into());
    t.comments.push(crate::domain::ticket::Comment {
        author: "a".into(),
        body: "still jams".into(),
        internal: true,
        automated: false,
    });
    let text = search_text(&t);
    for part in ["Printer", "jams daily", "still jams", "new drum"] {
        assert!(text.contains(part), "{part} in {text}");
    }
}
