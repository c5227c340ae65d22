//! `tix merge-file`: Git's merge driver for ticket files.

use std::path::PathBuf;

use clap::Args;

use super::Context;
use crate::config::{CONFIG_PATH, Config, DEFAULT_CONFIG};
use crate::error::CliError;
use crate::store::merge::{self, FileMerge};

/// Merge three versions of a ticket file field by field (Git's merge driver)
///
/// Git runs this for ticket files changed on both sides of a merge, as configured by `tix init`
/// (`.gitattributes`: tickets/** merge=tix; `.git/config`: merge.tix.driver = tix merge-file %O %A
/// %B %P). The result replaces OURS. A field changed on one side takes that side; tags and
/// escalations merge as sets; comments from both sides are all kept, once; a status changed on
/// both sides follows the workflow (work in progress beats a resolution, otherwise the later
/// status wins). Only a field set to different values on both sides is a conflict: it is written
/// between <<<<<<< ours / ======= / >>>>>>> theirs markers and the exit status is 1, so Git
/// reports the file as conflicted. A version that is not a valid ticket is merged as text.
#[derive(Debug, Args)]
pub struct MergeFileArgs {
    /// The common ancestor's version (%O); empty when both sides added the file
    pub base: PathBuf,
    /// Our version (%A); the merge result is written here
    pub ours: PathBuf,
    /// Their version (%B)
    pub theirs: PathBuf,
    /// The file's path in the repository (%P), for messages
    pub path: Option<String>,
}

pub fn run(ctx: &mut Context, args: &MergeFileArgs) -> Result<(), CliError> {
    let read = |path: &PathBuf| {
        std::fs::read(path)
            .map_err(|e| CliError::input(format!("{}: cannot read: {e}", path.display())))
    };
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let shown = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    // The workflow decides status conflicts: this repository's, or the default one.
    let workflow = match ctx.repo() {
        Ok(repo) => repo.config().schema.workflow.clone(),
        Err(_) => Config::parse(DEFAULT_CONFIG, CONFIG_PATH)?.schema.workflow,
    };
    let write = |text: &str| {
        std::fs::write(&args.ours, text).map_err(|e| {
            CliError::repository(format!("{}: cannot write: {e}", args.ours.display()))
        })
    };
    match merge::merge_files(&base, &ours, &theirs, &workflow) {
        FileMerge::Clean(text) => write(&text),
        FileMerge::Conflicted { text, fields } => {
            write(&text)?;
            Err(CliError::failed(format!(
                "{shown}: {} set to different values on both sides ({}); edit the marked lines, then `git add {shown}`",
                if fields.len() == 1 {
                    "one field was"
                } else {
                    "fields were"
                },
                fields.join(", ")
            )))
        }
        FileMerge::NotTickets => text_merge(&args.base, &args.ours, &args.theirs, &shown),
    }
}

/// A version that is not a ticket: Git's own line merge, markers and all.
fn text_merge(
    base: &PathBuf,
    ours: &PathBuf,
    theirs: &PathBuf,
    shown: &str,
) -> Result<(), CliError> {
    let status = std::process::Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .args([ours, base, theirs])
        .status()
        .map_err(|e| CliError::repository(format!("cannot run git merge-file: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(CliError::failed(format!(
            "{shown}: not a valid ticket on one side, merged as text with conflicts; fix the file, then `git add {shown}`"
        )))
    }
}
