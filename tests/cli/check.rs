//! `tix check` over what tickets refer to: knowledge-base articles, templates and assets.

use crate::common::TestEnv;

fn article(env: &TestEnv, slug: &str) {
    env.tix(&[
        "kb", "new", "--title", slug, "--slug", slug, "--body", "text",
    ])
    .success();
}

/// Appends `yaml` to the ticket's file and commits it, as a hand edit with git would.
fn hand_edit(env: &TestEnv, id: &str, yaml: &str) {
    let path = env.ticket_file(id);
    let text = std::fs::read_to_string(&path).expect("ticket file");
    std::fs::write(&path, text + yaml).expect("write ticket");
    env.git(&["commit", "-qam", "hand edit"]);
}

#[test]
fn check_counts_articles_on_a_clean_desk() {
    let env = TestEnv::new();
    article(&env, "vpn");
    let id = env.new_ticket("VPN drops", &[]);
    env.tix(&["resolve", &id, "-r", "New token", "--kb", "vpn"])
        .success();
    let run = env.tix(&["check"]);
    run.success();
    assert_eq!(
        run.stderr,
        "Checked the configuration, 1 tickets, 0 assets and 1 articles: no problems.\n"
    );
}

#[test]
fn check_reports_a_broken_article_with_its_file_and_line() {
    let env = TestEnv::new();
    article(&env, "vpn");
    env.write(
        "kb/broken.md",
        "---\ntitle: Broken\nstauts: published\n---\nBody\n",
    );
    env.git(&["add", "kb/broken.md"]);
    env.git(&["commit", "-qm", "hand edit"]);
    let (head, status) = (env.head(), env.porcelain());
    let run = env.tix(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stdout
            .starts_with("kb/broken.md:3: unknown field `stauts`"),
        "{run}"
    );
    assert_eq!(run.stdout.lines().count(), 1, "{run}");
    assert_eq!((env.head(), env.porcelain()), (head, status));
}

#[test]
fn check_names_tickets_whose_article_or_template_has_no_file_but_not_their_asset() {
    let env = TestEnv::new();
    article(&env, "vpn");
    let id = env.new_ticket("VPN drops", &[]);
    env.tix(&["resolve", &id, "-r", "New token", "--kb", "vpn"])
        .success();
    env.git(&["rm", "-q", "kb/vpn.md"]);
    env.git(&["commit", "-qm", "drop the article"]);
    let other = env.new_ticket("Onboard Dana", &[]);
    hand_edit(&env, &other, "template: onboarding\nasset: LT-001\n");
    let run = env.tix(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    let path = |id: &str| {
        env.ticket_file(id)
            .strip_prefix(&env.root)
            .expect("inside")
            .to_str()
            .expect("utf-8")
            .to_string()
    };
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run}");
    assert!(
        lines.contains(&format!(
            "{}: kb names the article 'vpn', but kb/vpn.md does not exist; restore it, or change the ticket's kb with `tix edit {id} --set kb=...`",
            path(&id)
        ).as_str()),
        "{run}"
    );
    assert!(
        lines.contains(&format!(
            "{}: template 'onboarding' has no file .tix/templates/onboarding.yaml; restore it, or clear the ticket's template with `tix edit {other} --set template=`",
            path(&other)
        ).as_str()),
        "{run}"
    );
    // A broken article still exists: it is reported as broken, the ticket naming it is fine.
    std::fs::create_dir_all(env.root.join("kb")).expect("kb dir");
    env.write("kb/vpn.md", "---\ntitle: [oops\n---\n");
    let run = env.tix(&["check"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stdout.contains("kb/vpn.md:2: "), "{run}");
    assert!(!run.stdout.contains("kb names the article"), "{run}");
}

#[test]
fn check_staged_refuses_a_broken_article_before_it_is_committed() {
    let env = TestEnv::new();
    article(&env, "vpn");
    env.write("kb/vpn.md", "---\ntitle: VPN\ntags: two words\n---\n");
    std::fs::create_dir_all(env.root.join("kb/img")).expect("kb/img");
    env.write("kb/img/readme.md", "not an article");
    env.git(&["add", "kb"]);
    let run = env.tix(&["check", "--staged"]);
    assert_eq!(run.code, 1, "{run}");
    assert_eq!(run.stdout.lines().count(), 1, "{run}");
    assert!(run.stdout.starts_with("kb/vpn.md:3: "), "{run}");
    env.write("kb/vpn.md", "---\ntitle: VPN\ntags: [vpn]\n---\n");
    env.git(&["add", "kb"]);
    env.tix(&["check", "--staged"]).success();
}
