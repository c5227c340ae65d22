use crate::common::TestEnv;

#[test]
fn two_clones_create_200_each_and_merge_without_conflict() {
    let env = TestEnv::new();
    let origin = env.root.clone();
    let a = env.tmp.path().join("a");
    let b = env.tmp.path().join("b");
    for clone in [&a, &b] {
        env.git_in(
            env.tmp.path(),
            &[
                "clone",
                "-q",
                origin.to_str().expect("utf-8"),
                clone.to_str().expect("utf-8"),
            ],
        );
    }
    let mut ids = Vec::new();
    for (clone, who) in [(&a, "a"), (&b, "b")] {
        for i in 0..200 {
            let run = env.tix_in(
                clone,
                &["new", "--title", &format!("ticket {i} from {who}")],
            );
            run.success();
            ids.push(run.stdout.trim().to_string());
        }
    }
    env.git_in(
        &a,
        &[
            "pull",
            "-q",
            "--no-rebase",
            "--no-edit",
            b.to_str().expect("utf-8"),
            "HEAD",
        ],
    );
    assert_eq!(env.git_in(&a, &["status", "--porcelain"]), "");
    let json: serde_json::Value =
        serde_json::from_str(&env.tix_in(&a, &["list", "--format", "json"]).stdout).expect("json");
    let mut listed: Vec<String> = json["tickets"]
        .as_array()
        .expect("tickets")
        .iter()
        .map(|t| t["id"].as_str().expect("id").to_string())
        .collect();
    listed.sort();
    ids.sort();
    assert_eq!(listed.len(), 400);
    assert_eq!(listed, ids);
    env.tix_in(&a, &["check"]).success();
}
