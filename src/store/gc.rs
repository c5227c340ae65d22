//! Packing loose objects as Git's own commands do, so thousands of tix commits do not leave
//! tens of thousands of loose object files.
//!
//! Every commit adds about six loose objects (blob, four trees, commit). Git's porcelain runs
//! `git gc --auto` after such commands; spawning it after every tix write would cost a few
//! milliseconds each time, so tix first makes Git's own cheap estimate (the number of loose
//! objects in `objects/17` against `gc.auto / 256`) and runs `git gc --auto --quiet` only when
//! that says it is due. Git then applies its full rules (`gc.auto`, `gc.autoPackLimit`,
//! `gc.autoDetach`: by default it packs in the background and returns at once).

use std::fs;
use std::process::{Command, Stdio};

use git2::Repository;

/// Git's default for `gc.auto`.
const GIT_GC_AUTO_DEFAULT: i64 = 6700;

/// Runs `git gc --auto` if Git's estimate says enough loose objects have piled up.
pub(crate) fn after_write(git: &Repository) {
    if !due(git) {
        return;
    }
    let Some(workdir) = git.workdir() else { return };
    // Best effort: packing is housekeeping, never a reason for a write to fail.
    let _ = Command::new("git")
        .args(["gc", "--auto", "--quiet"])
        .current_dir(workdir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Git's `too_many_loose_objects`: more than `ceil(gc.auto / 256)` loose objects in
/// `objects/17`, one of 256 fan-out directories.
fn due(git: &Repository) -> bool {
    let limit = git
        .config()
        .ok()
        .and_then(|c| c.get_i64("gc.auto").ok())
        .unwrap_or(GIT_GC_AUTO_DEFAULT);
    if limit <= 0 {
        return false;
    }
    let threshold = (limit + 255) / 256;
    let Ok(entries) = fs::read_dir(git.commondir().join("objects").join("17")) else {
        return false;
    };
    let loose = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.len() == 38 && name.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .count();
    i64::try_from(loose).unwrap_or(i64::MAX) > threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_once_objects_17_passes_the_threshold() {
        let dir = tempfile::tempdir().unwrap();
        let git = Repository::init(dir.path()).unwrap();
        git.config().unwrap().set_i64("gc.auto", 512).unwrap();
        let fanout = dir.path().join(".git/objects/17");
        fs::create_dir_all(&fanout).unwrap();
        for i in 0..2 {
            fs::write(fanout.join(format!("{i:038x}")), "").unwrap();
        }
        assert!(
            !due(&git),
            "2 is the threshold for gc.auto=512, not above it"
        );
        fs::write(fanout.join(format!("{:038x}", 2)), "").unwrap();
        assert!(due(&git));
        git.config().unwrap().set_i64("gc.auto", 0).unwrap();
        assert!(!due(&git), "gc.auto=0 turns automatic packing off");
    }
}
