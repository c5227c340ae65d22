//! Config files under tests/fixtures/config/: every valid one loads and checks clean; every
//! invalid one is refused by any command with its exact error (file:line, message and hint, as a
//! snapshot named after the fixture), writes nothing, and is a finding of `tix check` (exit 1).

use std::path::{Path, PathBuf};

use crate::common::TestEnv;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

fn with_config(path: &Path) -> TestEnv {
    let env = TestEnv::new();
    env.write(
        ".tix/config.yaml",
        &std::fs::read_to_string(path).expect("fixture"),
    );
    env
}

#[test]
fn valid_configs_load_and_check_clean() {
    for path in fixtures("valid") {
        let env = with_config(&path);
        let check = env.tix(&["check"]);
        assert_eq!(check.code, 0, "{}: {check}", path.display());
        env.new_ticket("A ticket", &[]);
    }
}

#[test]
fn invalid_configs_are_refused_with_their_line_and_hint() {
    for path in fixtures("invalid") {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("name");
        let env = with_config(&path);
        let (head, status) = (env.head(), env.porcelain());
        let run = env.tix(&["new", "--title", "x"]);
        env.assert_rejected(&run, 2, &head, &status);
        assert!(
            run.stderr.starts_with("error: .tix/config.yaml:"),
            "{name}: {run}"
        );
        insta::assert_snapshot!(format!("config_{name}"), run.stderr);
        let check = env.tix(&["check"]);
        assert_eq!(check.code, 1, "{name}: {check}");
        let located = run.error_line().trim_start_matches("error: ").to_string();
        assert_eq!(check.stdout, format!("{located}\n"), "{name}: {check}");
        assert_eq!(
            check.stderr, "error: the configuration is invalid\n",
            "{name}: {check}"
        );
    }
}
