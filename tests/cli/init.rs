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
    let run = env.tix(&["init", "--prefix", "I T"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.error_line(),
        "error: invalid value 'I T' for '--prefix <PREFIX>': use letters, digits or '_', e.g. IT or HR_EU",
        "{run}"
    );
    // Refused before `git init`: the directory is as it was.
    assert_eq!(
        std::fs::read_dir(&env.root).expect("dir").count(),
        0,
        "{run}"
    );
    // In an existing repository too, and the prefix rule is the config's.
    env.git(&["init", "-q"]);
    let run = env.tix(&["init", "--prefix", "IT-2"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(!env.root.join(".tix").exists());
}

#[test]
fn a_desk_owned_by_another_user_gets_gits_advice() {
    let uid = std::process::Command::new("id")
        .arg("-u")
        .output()
        .expect("id -u");
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        eprintln!("SKIPPED a_desk_owned_by_another_user_gets_gits_advice: needs root to chown");
        return;
    }
    let env = TestEnv::new();
    let chown = std::process::Command::new("chown")
        .args(["-R", "nobody"])
        .arg(&env.root)
        .status()
        .expect("chown");
    assert!(chown.success());
    let advice = format!(
        "hint: if you trust it, tell Git so: git config --global --add safe.directory {}\n",
        env.root.display()
    );
    for args in [&["list"][..], &["init"][..]] {
        let run = env.tix(args);
        assert_eq!(run.code, 3, "{run}");
        assert_eq!(
            run.stderr,
            format!(
                "error: {} is owned by another user, so Git does not trust it (\"dubious ownership\")\n{advice}",
                env.root.display()
            ),
            "{run}"
        );
    }
}
