//! Signing tix's commits the way `git commit` would when `commit.gpgsign` is on, so a branch
//! that requires signed commits accepts them.
//!
//! The commit object is built by libgit2, signed by the program Git would run (`gpg.program`,
//! `gpg.ssh.program` or `gpg.x509.program` for `gpg.format` openpgp, ssh or x509) with
//! `user.signingkey`, and stored with its `gpgsig` header.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use git2::{Oid, Repository, Signature, Tree};

use super::StoreError;

/// Creates the commit object, signed when the repository's Git config asks for it.
pub(crate) fn create_commit(
    git: &Repository,
    signature: &Signature,
    message: &str,
    tree: &Tree,
    parents: &[&git2::Commit],
) -> Result<Oid, StoreError> {
    Signer::of(git)?.create_commit(git, signature, message, tree, parents)
}

/// How a repository's commits are signed, read from its Git config once (a chain of commits
/// signs each the same way).
pub(crate) struct Signer {
    /// `None`: `commit.gpgsign` is off.
    sign: Option<Signing>,
}

struct Signing {
    format: String,
    key: Option<String>,
    program: String,
    /// The `.git` directory, where a literal SSH key and the signing input are written.
    git_dir: std::path::PathBuf,
}

impl Signer {
    pub(crate) fn of(git: &Repository) -> Result<Signer, StoreError> {
        let config = git.config()?;
        if !config.get_bool("commit.gpgsign").unwrap_or(false) {
            return Ok(Signer { sign: None });
        }
        let format = config
            .get_string("gpg.format")
            .unwrap_or_else(|_| "openpgp".into());
        let (key, default) = match format.as_str() {
            "ssh" => ("gpg.ssh.program", "ssh-keygen"),
            "x509" => ("gpg.x509.program", "gpgsm"),
            _ => ("gpg.program", "gpg"),
        };
        Ok(Signer {
            sign: Some(Signing {
                program: config.get_string(key).unwrap_or_else(|_| default.into()),
                format,
                key: config.get_string("user.signingkey").ok(),
                git_dir: git.path().to_path_buf(),
            }),
        })
    }

    /// Creates the commit object in `objects` (the repository, or a handle on its objects).
    pub(crate) fn create_commit(
        &self,
        objects: &Repository,
        signature: &Signature,
        message: &str,
        tree: &Tree,
        parents: &[&git2::Commit],
    ) -> Result<Oid, StoreError> {
        if self.sign.is_none() {
            return Ok(objects.commit(None, signature, signature, message, tree, parents)?);
        }
        let buffer = objects.commit_create_buffer(signature, signature, message, tree, parents)?;
        let text = std::str::from_utf8(&buffer)
            .map_err(|_| StoreError::Signing("the commit is not UTF-8".into()))?;
        match self.sign(text, signature)? {
            Some(signed) => Ok(objects.commit_signed(text, &signed, None)?),
            None => Err(StoreError::Internal("signing was on, then off")),
        }
    }

    /// The signature of the commit object `text` by `signature`'s author, or `None` when
    /// `commit.gpgsign` is off.
    pub(crate) fn sign(
        &self,
        text: &str,
        signature: &Signature,
    ) -> Result<Option<String>, StoreError> {
        let Some(signing) = &self.sign else {
            return Ok(None);
        };
        let program = signing.program.as_str();
        let signed = if signing.format == "ssh" {
            let key = signing.key.as_deref().ok_or_else(|| {
                StoreError::Signing("gpg.format is ssh but user.signingkey is not set".into())
            })?;
            sign_ssh(&signing.git_dir, program, key, text)?
        } else {
            let key = signing.key.clone().unwrap_or_else(|| {
                format!(
                    "{} <{}>",
                    signature.name().unwrap_or(""),
                    signature.email().unwrap_or("")
                )
            });
            run(program, &["--status-fd=2", "-bsau", &key], text)?
        };
        Ok(Some(signed))
    }
}

/// `ssh-keygen -Y sign -n git -f KEY`; a literal key (`key::ssh-ed25519 ...`, or a public key
/// line) is written to a file first, as Git does, and the agent holds its private half.
fn sign_ssh(git_dir: &Path, program: &str, key: &str, text: &str) -> Result<String, StoreError> {
    let literal = key
        .strip_prefix("key::")
        .map(str::to_string)
        .or_else(|| key.starts_with("ssh-").then(|| key.to_string()));
    let key_file = match literal {
        Some(public) => {
            let path = git_dir.join("tix").join("signing-key.pub");
            let _ = std::fs::create_dir_all(git_dir.join("tix"));
            std::fs::write(&path, public + "\n")
                .map_err(|e| StoreError::Signing(format!("cannot write the key file: {e}")))?;
            path.display().to_string()
        }
        None => shellexpand_home(key),
    };
    let dir = tempdir_in(git_dir)?;
    let input = dir.join("commit");
    std::fs::write(&input, text).map_err(|e| StoreError::Signing(e.to_string()))?;
    let out = Command::new(program)
        .args(["-Y", "sign", "-n", "git", "-f", &key_file])
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| StoreError::Signing(format!("cannot run {program}: {e}")))?;
    let sig_path = input.with_extension("sig");
    let result = if out.status.success() {
        std::fs::read_to_string(&sig_path).map_err(|e| StoreError::Signing(e.to_string()))
    } else {
        Err(StoreError::Signing(first_line(&out.stderr, program)))
    };
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn tempdir_in(git_dir: &Path) -> Result<std::path::PathBuf, StoreError> {
    let dir = git_dir
        .join("tix")
        .join(format!("sign-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Signing(e.to_string()))?;
    Ok(dir)
}

fn shellexpand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest).display().to_string(),
        _ => path.to_string(),
    }
}

fn run(program: &str, args: &[&str], input: &str) -> Result<String, StoreError> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| StoreError::Signing(format!("cannot run {program}: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map_err(|e| StoreError::Signing(e.to_string()))?;
    if !out.status.success() {
        return Err(StoreError::Signing(first_line(&out.stderr, program)));
    }
    String::from_utf8(out.stdout)
        .map_err(|_| StoreError::Signing("the signature is not text".into()))
}

fn first_line(stderr: &[u8], program: &str) -> String {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("failed");
    format!("{program}: {line}")
}
