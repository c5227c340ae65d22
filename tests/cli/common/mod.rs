//! TestEnv: a temporary ticket repository and the real `tix` binary run in a fixed environment.
//!
//! Everything a run depends on is pinned: HOME, Git's global and system config, the actor, the
//! clock (`TIX_NOW`), the terminal width. Ticket IDs are random, so `Run`'s `Display` replaces
//! each one (and its short forms) with `IT-ID1`, `IT-ID2`... in order of first appearance.

#![allow(dead_code)]

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;
use tempfile::TempDir;

pub const ACTOR: &str = "Alice Agent <alice@example.com>";
pub const NOW: &str = "2026-03-02T09:00:00Z";

pub struct TestEnv {
    pub tmp: TempDir,
    pub root: PathBuf,
    pub now: String,
    pub actor: String,
    /// `TIX_SEED` for the commands run: the same ticket IDs on every run (for snapshots). Off
    /// by default, since clones of one repository would then draw the same IDs.
    pub seed: Option<u64>,
}

/// The outcome of one command.
#[must_use = "check the outcome: .success(), or assert on .code"]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestEnv {
    /// An empty directory (not yet a ticket repository).
    pub fn empty() -> TestEnv {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().join("repo");
        std::fs::create_dir_all(&root).expect("repo dir");
        TestEnv {
            tmp,
            root,
            now: NOW.to_string(),
            actor: ACTOR.to_string(),
            seed: None,
        }
    }

    /// A ticket repository after `tix init`.
    pub fn new() -> TestEnv {
        let env = TestEnv::empty();
        env.tix(&["init"]).success();
        env
    }

    fn base(&self, cmd: &mut Command, dir: &Path) {
        cmd.current_dir(dir)
            .env_clear()
            .env("PATH", path_with_tix())
            .env("HOME", self.tmp.path())
            .env("XDG_CONFIG_HOME", self.tmp.path().join(".config"))
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TZ", "UTC")
            .env("COLUMNS", "100")
            .env("NO_COLOR", "1");
        if let Some(seed) = self.seed {
            cmd.env("TIX_SEED", seed.to_string());
        }
    }

    /// Any program (strace, sh) run in the repository with tix's pinned environment.
    pub fn program(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        self.base(&mut cmd, &self.root);
        cmd.env("TIX_ACTOR", &self.actor)
            .env("TIX_NOW", &self.now)
            .env("GIT_AUTHOR_NAME", "Hand Editor")
            .env("GIT_AUTHOR_EMAIL", "hand@example.com")
            .env("GIT_COMMITTER_NAME", "Hand Editor")
            .env("GIT_COMMITTER_EMAIL", "hand@example.com");
        cmd
    }

    pub fn tix_cmd(&self, args: &[&str]) -> Command {
        self.tix_cmd_in(&self.root, args)
    }

    pub fn tix_cmd_in(&self, dir: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("tix").expect("tix binary");
        self.base(&mut cmd, dir);
        cmd.env("TIX_ACTOR", &self.actor)
            .env("TIX_NOW", &self.now)
            .args(args);
        cmd
    }

    /// Runs `tix edit ID` with an $EDITOR that applies the sed expression `sed` to the file.
    pub fn edit_with_sed(&self, id: &str, sed: &str) -> Run {
        let script = self.tmp.path().join("editor.sh");
        std::fs::write(&script, format!("#!/bin/sh\nsed -i '{sed}' \"$1\"\n")).expect("script");
        let status = Command::new("chmod")
            .args(["+x", script.to_str().expect("utf-8")])
            .status()
            .expect("chmod");
        assert!(status.success());
        let mut cmd = self.tix_cmd(&["edit", id]);
        cmd.env("EDITOR", &script);
        Run::from(cmd.output().expect("run"))
    }

    pub fn tix(&self, args: &[&str]) -> Run {
        Run::from(self.tix_cmd(args).output().expect("run tix"))
    }

    pub fn tix_in(&self, dir: &Path, args: &[&str]) -> Run {
        Run::from(self.tix_cmd_in(dir, args).output().expect("run tix"))
    }

    /// `tix new --title TITLE [extra...]`, returning the new ID.
    pub fn new_ticket(&self, title: &str, extra: &[&str]) -> String {
        let mut args = vec!["new", "--title", title];
        args.extend_from_slice(extra);
        let run = self.tix(&args);
        run.success();
        run.stdout.trim().to_string()
    }

    pub fn git_cmd_in(&self, dir: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        self.base(&mut cmd, dir);
        cmd.env("GIT_AUTHOR_NAME", "Hand Editor")
            .env("GIT_AUTHOR_EMAIL", "hand@example.com")
            .env("GIT_COMMITTER_NAME", "Hand Editor")
            .env("GIT_COMMITTER_EMAIL", "hand@example.com")
            .args(args);
        cmd
    }

    /// Runs git in the repository and returns stdout; panics on failure.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.root, args)
    }

    pub fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.git_cmd_in(dir, args).output().expect("run git");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    pub fn porcelain(&self) -> String {
        self.git(&["status", "--porcelain"])
    }

    pub fn commit_count(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .expect("count")
    }

    /// The path of a ticket's file.
    pub fn ticket_file(&self, id: &str) -> PathBuf {
        let code = &id[id.rfind('-').expect("dash") + 1..];
        self.root
            .join("tickets")
            .join(&code[..1])
            .join(&code[1..2])
            .join(format!("{id}.yaml"))
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).expect("read file")
    }

    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.root.join(rel), text).expect("write file");
    }

    /// Asserts that `run` failed with `code`, wrote nothing and made no commit.
    pub fn assert_rejected(&self, run: &Run, code: i32, head: &str, status: &str) {
        assert_eq!(run.code, code, "{run}");
        assert!(run.stderr.starts_with("error: "), "{run}");
        assert_eq!(self.head(), head, "a commit was made: {run}");
        assert_eq!(self.porcelain(), status, "files changed: {run}");
    }
}

/// PATH with the tested tix first, so Git finds the merge driver (`tix merge-file`) and hooks.
fn path_with_tix() -> std::ffi::OsString {
    let tix = assert_cmd::cargo::cargo_bin("tix");
    let mut dirs: Vec<PathBuf> = tix.parent().map(Path::to_path_buf).into_iter().collect();
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap_or_default()
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn success(&self) -> &Run {
        assert_eq!(self.code, 0, "{self}");
        self
    }

    /// The first line of stderr, which must be the whole error.
    pub fn error_line(&self) -> &str {
        self.stderr.lines().next().unwrap_or_default()
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        f.write_str(&redact_ids(&text))
    }
}

/// Replaces ticket IDs (full or shortened) by stable placeholders, in order of first appearance.
/// The IDs `tix list ARGS` prints, in order (`--format json`, so full IDs).
pub fn listed(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["list", "--format", "json"];
    all.extend_from_slice(args);
    let run = env.tix(&all);
    run.success();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    json["tickets"]
        .as_array()
        .expect("tickets")
        .iter()
        .map(|t| t["id"].as_str().expect("id").to_string())
        .collect()
}

pub fn redact_ids(text: &str) -> String {
    let re = regex::Regex::new(r"\bIT-([0-9A-HJKMNP-TV-Z]{4,8})\b").expect("regex");
    let mut seen: Vec<String> = Vec::new();
    re.replace_all(text, |caps: &regex::Captures| {
        let code = &caps[1];
        let index = match seen
            .iter()
            .position(|s| s.starts_with(code) || code.starts_with(s.as_str()))
        {
            Some(i) => {
                if code.len() > seen[i].len() {
                    seen[i] = code.to_string();
                }
                i
            }
            None => {
                seen.push(code.to_string());
                seen.len() - 1
            }
        };
        // Same length as the original, so table columns stay aligned in snapshots.
        let mut placeholder = format!("ID{}", index + 1);
        while placeholder.len() < code.len() {
            placeholder.push('_');
        }
        format!("IT-{placeholder}")
    })
    .into_owned()
}
