use crate::common::TestEnv;

#[test]
fn init_creates_git_repo_config_and_one_commit() {
    let env = TestEnv::empty();
    let run = env.tix(&["init", "--prefix", "HD"]);
    run.success();
    assert_eq!(
        run.stderr,
        format!(
            "Initialised an empty Git repository in {}\n\
             Created .tix/config.yaml and .gitattributes and committed them. Next: tix new --title \"...\"\n",
            env.root.display()
        ),
        "{run}"
    );
    assert!(env.read(".tix/config.yaml").contains("id_prefix: HD"));
    assert_eq!(
        env.git(&["log", "--format=%an <%ae>|%s"]),
        "Alice Agent <alice@example.com>|tix init: ticket repository\n"
    );
    assert_eq!(env.porcelain(), "");
    let id = env.new_ticket("First", &[]);
    assert!(id.starts_with("HD-"), "{id}");
}

#[test]
fn second_init_changes_nothing() {
    let env = TestEnv::new();
    let head = env.head();
    let run = env.tix(&["init"]);
    run.success();
    assert_eq!(
        run.stderr, "Already initialised: .tix/config.yaml exists; nothing changed.\n",
        "{run}"
    );
    assert_eq!(env.head(), head);
}

#[test]
fn init_in_existing_repo_keeps_unrelated_changes() {
    let env = TestEnv::empty();
    env.git(&["init", "-q"]);
    env.write("notes.txt", "draft\n");
    env.tix(&["init"]).success();
    assert_eq!(env.porcelain(), "?? notes.txt\n");
    assert_eq!(
        env.git(&["show", "--name-only", "--format="]),
        ".gitattributes\n.tix/config.yaml\n"
    );
}

#[test]
fn init_with_bad_prefix_writes_nothing() {
    let env = TestEnv::empty();
    env.git(&["init", "-q"]);
    let run = env.tix(&["init", "--prefix", "I T"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr,
        "error: .tix/config.yaml:7: invalid id_prefix 'I T'\n\
         hint: use letters, digits or '_', e.g. IT\n",
        "{run}"
    );
    assert!(!env.root.join(".tix").exists());
}
