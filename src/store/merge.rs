//! The Git side of merging tickets: the merge driver's file handling and its registration.
//!
//! Git runs `tix merge-file %O %A %B %P` for every path matched by `tickets/** merge=tix` in
//! `.gitattributes` when both sides changed it. The three versions are parsed, merged field by
//! field ([`crate::domain::merge`]) and written back as a normal ticket file. Only fields set to
//! different values on both sides get conflict markers, around just those lines. The attribute is
//! committed (`tix init` writes it); the driver itself lives in `.git/config`, which is not
//! cloned, so every tix command adds it to a clone that lacks it.

use std::fs;
use std::path::Path;

use git2::Repository;

use super::yaml;
use crate::domain::merge::{self, Merged};
use crate::domain::workflow::Workflow;

/// The committed attribute that routes ticket files to the driver.
pub const ATTRIBUTES_LINE: &str = "tickets/** merge=tix";
const DRIVER: &str = "tix merge-file %O %A %B %P";
const DRIVER_NAME: &str = "tix: merge tickets field by field";

/// What merging three versions of a file gave.
#[derive(Debug, PartialEq, Eq)]
pub enum FileMerge {
    /// Merged without conflict: the new file.
    Clean(String),
    /// Merged, with markers around the fields that conflict.
    Conflicted { text: String, fields: Vec<String> },
    /// One of the versions is not a ticket (a broken hand edit): merge as text instead.
    NotTickets,
}

/// Merges three versions of a ticket file (`base` empty when both sides added the file).
pub fn merge_files(base: &[u8], ours: &[u8], theirs: &[u8], workflow: &Workflow) -> FileMerge {
    let parse = |bytes: &[u8]| {
        std::str::from_utf8(bytes)
            .ok()
            .and_then(|t| yaml::parse(t).ok())
    };
    let base_ticket = if base.is_empty() {
        None
    } else {
        match parse(base) {
            Some(t) => Some(t),
            None => return FileMerge::NotTickets,
        }
    };
    let (Some(ours), Some(theirs)) = (parse(ours), parse(theirs)) else {
        return FileMerge::NotTickets;
    };
    let Merged {
        ours: a,
        theirs: b,
        conflicts,
    } = merge::merge(base_ticket.as_ref(), &ours, &theirs, workflow);
    let ours_text = yaml::render(&a);
    if conflicts.is_empty() {
        return FileMerge::Clean(ours_text);
    }
    FileMerge::Conflicted {
        text: with_markers(&ours_text, &yaml::render(&b)),
        fields: conflicts,
    }
}

/// `ours` with every run of lines that differs from `theirs` replaced by Git-style markers
/// holding both runs: the rest of the file is shared and stays as it is.
fn with_markers(ours: &str, theirs: &str) -> String {
    let a: Vec<&str> = ours.lines().collect();
    let b: Vec<&str> = theirs.lines().collect();
    // Longest common subsequence of lines; ticket files are small (hundreds of lines).
    let lcs = merge::Lcs::new(&a, &b);
    let mut out = String::with_capacity(ours.len() + theirs.len());
    let (mut i, mut j) = (0, 0);
    let (mut run_a, mut run_b): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let flush = |out: &mut String, run_a: &mut Vec<&str>, run_b: &mut Vec<&str>| {
        if run_a.is_empty() && run_b.is_empty() {
            return;
        }
        out.push_str("<<<<<<< ours\n");
        for line in run_a.drain(..) {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("=======\n");
        for line in run_b.drain(..) {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(">>>>>>> theirs\n");
    };
    loop {
        match (a.get(i), b.get(j)) {
            (None, None) => break,
            (Some(x), Some(y)) if x == y => {
                flush(&mut out, &mut run_a, &mut run_b);
                out.push_str(x);
                out.push('\n');
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) => {
                if lcs.get(i, j + 1) >= lcs.get(i + 1, j) {
                    run_b.push(y);
                    j += 1;
                } else {
                    run_a.push(x);
                    i += 1;
                }
            }
            (None, Some(y)) => {
                run_b.push(y);
                j += 1;
            }
            (Some(x), None) => {
                run_a.push(x);
                i += 1;
            }
        }
    }
    flush(&mut out, &mut run_a, &mut run_b);
    out
}

/// Registers the driver in `.git/config` when the committed attributes ask for it and the clone
/// lacks it (a fresh clone). Silent and best effort: a read-only clone merges as text.
pub(crate) fn ensure_driver(git: &Repository, workdir: &Path) {
    let Ok(mut config) = git.config() else { return };
    if config.get_string("merge.tix.driver").is_ok() || !attributes_ask(workdir) {
        return;
    }
    let _ = register(&mut config);
}

/// True when the working tree's `.gitattributes` routes tickets to the driver.
pub(crate) fn attributes_ask(workdir: &Path) -> bool {
    fs::read_to_string(workdir.join(".gitattributes"))
        .is_ok_and(|t| t.lines().any(|l| l.trim() == ATTRIBUTES_LINE))
}

/// True when this clone's Git configuration names the driver.
pub(crate) fn driver_registered(git: &Repository) -> bool {
    git.config()
        .is_ok_and(|c| c.get_string("merge.tix.driver").is_ok())
}

/// Writes the driver into the repository's own config (`.git/config`).
pub(crate) fn register_in(git: &Repository) -> Result<(), git2::Error> {
    let mut config = git.config()?.open_level(git2::ConfigLevel::Local)?;
    register(&mut config)
}

fn register(config: &mut git2::Config) -> Result<(), git2::Error> {
    config.set_str("merge.tix.name", DRIVER_NAME)?;
    config.set_str("merge.tix.driver", DRIVER)
}

/// `.gitattributes` with the driver's line added (the file's other lines kept).
pub(crate) fn attributes_with_driver(existing: Option<&str>) -> String {
    let mut text = existing.unwrap_or_default().to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(
        "# Merge ticket files field by field (tix merge-file); see README \"Working together\".\n",
    );
    text.push_str(ATTRIBUTES_LINE);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workflow() -> Workflow {
        crate::domain::workflow::sample()
    }

    const BASE: &str = "id: IT-7KQ2M4X1\ntitle: Printer jams\ntype: incident\nstatus: open\npriority: P3\ncategory: hardware\n";

    #[test]
    fn adjacent_lines_changed_on_each_side_merge_cleanly() {
        let ours = BASE.replace("priority: P3", "priority: P1");
        let theirs = BASE.replace("category: hardware", "category: network");
        let merged = merge_files(
            BASE.as_bytes(),
            ours.as_bytes(),
            theirs.as_bytes(),
            &workflow(),
        );
        let FileMerge::Clean(text) = merged else {
            panic!("{merged:?}")
        };
        assert!(text.contains("priority: P1\n") && text.contains("category: network\n"));
    }

    #[test]
    fn a_true_conflict_marks_only_that_field() {
        let ours = BASE
            .replace("priority: P3", "priority: P1")
            .replace("Printer jams", "Printer on fire");
        let theirs = BASE.replace("priority: P3", "priority: P2");
        let merged = merge_files(
            BASE.as_bytes(),
            ours.as_bytes(),
            theirs.as_bytes(),
            &workflow(),
        );
        let FileMerge::Conflicted { text, fields } = merged else {
            panic!("{merged:?}")
        };
        assert_eq!(fields, ["priority"]);
        assert!(
            text.contains("<<<<<<< ours\npriority: P1\n=======\npriority: P2\n>>>>>>> theirs\n"),
            "{text}"
        );
        assert!(text.contains("title: Printer on fire\n"), "{text}");
        assert_eq!(text.matches("<<<<<<<").count(), 1);
    }

    #[test]
    fn a_broken_version_is_left_to_the_text_merge() {
        let merged = merge_files(BASE.as_bytes(), b"title: [", BASE.as_bytes(), &workflow());
        assert_eq!(merged, FileMerge::NotTickets);
    }
}
