//! The automation core: what rules, auto-assignment and scheduled escalation decide.
//!
//! Everything here works on plain values: the typed config, tickets, their timelines and an
//! instant passed in. It depends on `config`, `domain` and `sla`, and never on `store`, `cli`,
//! the terminal or the wall clock; whatever needs Git (history, commit order) reaches it through
//! a trait the caller implements, so every decision is unit-tested without a repository.

pub mod assign;
pub mod change;
pub mod escalation;
pub mod notify;

#[cfg(test)]
mod sample;

#[cfg(test)]
mod layering {
    use std::path::Path;

    /// The `.rs` files under `src/<dir>`, with their text up to the unit tests (tests may
    /// read files; the code under test may not).
    fn sources(dir: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("source dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.file_name().is_some_and(|n| n == "tests.rs") {
                    // A `tests.rs` module is compiled for unit tests only.
                    continue;
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source");
                    let code = text.split("\n#[cfg(test)]").next().unwrap_or_default();
                    out.push((path.display().to_string(), code.to_string()));
                }
            }
        }
        out
    }

    fn assert_free_of(dir: &str, forbidden: &[&str]) {
        for (file, text) in sources(dir) {
            for needle in forbidden {
                assert!(!text.contains(needle), "{file} uses {needle}");
            }
        }
    }

    #[test]
    fn domain_depends_on_neither_sla_nor_the_outer_layers() {
        assert_free_of(
            "domain",
            &[
                "crate::sla",
                "crate::config",
                "crate::automation",
                "crate::store",
                "crate::cli",
            ],
        );
    }

    #[test]
    fn automation_reaches_no_git_files_terminal_or_clock() {
        assert_free_of(
            "automation",
            &[
                "crate::store",
                "crate::cli",
                "crate::output",
                "crate::clock",
                "hooks::Runner",
                "git2",
                "std::fs",
                "std::process",
                "Utc::now",
                "Local::now",
            ],
        );
    }

    #[test]
    fn metrics_reach_no_git_files_terminal_clock_or_renderer() {
        assert_free_of(
            "metrics",
            &[
                "crate::store",
                "crate::cli",
                "crate::config",
                "crate::output",
                "crate::report",
                "crate::clock",
                "git2",
                "std::fs",
                "std::process",
                "Utc::now",
                "Local::now",
                "clap",
            ],
        );
    }
}
