//! One integration-test binary (faster to link than one per file). Every file in tests/cli/ must
//! be declared here; `every_test_file_is_declared` fails otherwise.

mod common;

mod assets;
mod audit;
mod automation;
mod automation_config;
mod bad_input;
mod bulk;
mod calendar;
mod check;
mod completion;
mod concurrency;
mod config_fixtures;
mod escalate;
mod export;
mod formats;
mod generated;
mod hand_edit;
mod help;
mod import;
mod init;
mod intake;
mod json_contract;
mod kb;
mod lifecycle;
mod links;
mod merge;
mod output_errors;
mod prefix;
mod problems;
mod query;
mod rate;
mod refusals;
mod report;
mod safety;
mod sla;
mod team;
mod templates;
mod terminal;

#[test]
fn every_test_file_is_declared() {
    let main = include_str!("main.rs");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    for entry in std::fs::read_dir(dir).expect("tests/cli") {
        let name = entry
            .expect("entry")
            .file_name()
            .into_string()
            .expect("utf-8");
        if let Some(module) = name.strip_suffix(".rs")
            && module != "main"
        {
            assert!(
                main.contains(&format!("mod {module};")),
                "tests/cli/{name} is not declared in main.rs"
            );
        }
    }
}
