//! The committed man pages and completion scripts must match what the binary generates.
//! Refresh them with `cargo run -- generate all .` (or `UPDATE_GENERATED=1 cargo test`).

use std::path::Path;

use crate::common::TestEnv;

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let env = TestEnv::empty();
    let out = env.tmp.path().join("gen");
    env.tix(&["generate", "all", out.to_str().expect("utf-8")])
        .success();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    for dir in ["man", "completions"] {
        for entry in std::fs::read_dir(out.join(dir)).expect("generated dir") {
            let entry = entry.expect("entry");
            let rel = Path::new(dir).join(entry.file_name());
            let fresh = std::fs::read(entry.path()).expect("read generated");
            if std::fs::read(root.join(&rel)).ok().as_deref() != Some(&fresh[..]) {
                if update {
                    std::fs::create_dir_all(root.join(dir)).expect("mkdir");
                    std::fs::write(root.join(&rel), &fresh).expect("write");
                }
                stale.push(rel.display().to_string());
            }
        }
        // Files for commands that no longer exist.
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            for entry in entries.flatten() {
                if !out.join(dir).join(entry.file_name()).exists() {
                    stale.push(format!(
                        "{dir}/{} (no longer generated)",
                        entry.file_name().to_string_lossy()
                    ));
                }
            }
        }
    }
    assert!(
        update || stale.is_empty(),
        "stale generated files: {stale:?}; run `cargo run -- generate all .` or UPDATE_GENERATED=1 cargo test"
    );
}

/// README's exit-code table is generated from the same table as `--help` and the man page, and
/// its environment table from the same list as the man pages' ENVIRONMENT section.
#[test]
fn readme_exit_codes_and_environment_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let fresh = tix::cli::generate::with_generated_tables(&readme).expect("table markers");
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(root.join("README.md"), &fresh).expect("write README.md");
    } else {
        assert!(
            fresh == readme,
            "README.md's exit-code or environment table is stale; run `cargo run -- generate all .`"
        );
    }
    let help = TestEnv::empty().tix(&["--help"]);
    assert!(
        help.success()
            .stdout
            .contains("Exit codes:\n    0  success"),
        "{help}"
    );
    assert!(help.stdout.contains("    4  internal error"), "{help}");
}
