//! Questions on a terminal. Only called when [`crate::cli::Context::interactive`] says a person
//! is there; scripts get an error naming the flag instead.

use crate::error::CliError;

/// Asks for a non-empty line of text.
///
/// # Errors
/// The terminal closed or the answer was empty.
pub fn text(label: &str) -> Result<String, CliError> {
    let answer: String = dialoguer::Input::new()
        .with_prompt(label)
        .interact_text()
        .map_err(|e| CliError::input(format!("could not read {label}: {e}")))?;
    let answer = answer.trim().to_string();
    if answer.is_empty() {
        return Err(CliError::input(format!("{label} is empty")));
    }
    Ok(answer)
}

/// Characters that make git run an editor value through the shell.
const SHELL_SYNTAX: &[char] = &[
    '|', '&', ';', '<', '>', '(', ')', '$', '`', '\\', '"', '\'', ' ', '\t', '\n', '*', '?', '[',
    '#', '~', '=', '%',
];

/// How an editor session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum EditorExit {
    /// Exit status 0: the file holds what the person wants.
    Saved,
    /// A non-zero exit (vim's `:cq`, a failing script) or a signal: the person aborted, or the
    /// editor broke; either way its file must not be taken as the answer, as git does.
    Failed(String),
}

/// A file the person edited, kept until the caller has taken the text (a rejected edit is not
/// lost: its path is in [`Scratch::kept`], for the error's hint).
pub struct Scratch {
    pub path: std::path::PathBuf,
    /// "your edit is saved in PATH".
    pub kept: String,
}

impl Scratch {
    /// The edit was taken: the file goes.
    pub fn discard(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Writes `text` to `dir/name`, opens it in the editor and reads it back. `None` when it came
/// back unchanged (the file is removed then); otherwise the new text and its [`Scratch`], to
/// discard once the text is taken.
///
/// # Errors
/// The file cannot be written or read, or the editor failed (vim's `:cq`): nothing is to be
/// committed, and the hint says where the text is kept.
pub fn edit_scratch(
    dir: &std::path::Path,
    name: &str,
    text: &str,
) -> Result<Option<(String, Scratch)>, CliError> {
    let path = dir.join(name);
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&path, text))
        .map_err(|e| {
            CliError::repository(format!(
                "cannot write {} for the editor: {e}",
                path.display()
            ))
        })?;
    let scratch = Scratch {
        kept: format!("your edit is saved in {}", path.display()),
        path,
    };
    if let EditorExit::Failed(how) = edit_file(&scratch.path)? {
        return Err(
            CliError::input(format!("the editor {how}; nothing was committed"))
                .with_hint(scratch.kept),
        );
    }
    let edited = std::fs::read_to_string(&scratch.path).map_err(|e| {
        CliError::input(format!(
            "cannot read the edited file {}: {e}",
            scratch.path.display()
        ))
        .with_hint(scratch.kept.clone())
    })?;
    if edited == text {
        scratch.discard();
        return Ok(None);
    }
    Ok(Some((edited, scratch)))
}

/// Opens `$VISUAL`, else `$EDITOR`, else `vi` on `path` and waits for it.
///
/// A value with spaces or other shell syntax is run by `sh` with the path as an argument, as git
/// does, so it may carry options (`code --wait`) or quoting.
///
/// # Errors
/// The editor could not be started.
pub fn edit_file(path: &std::path::Path) -> Result<EditorExit, CliError> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    // As git does: a plain program name is run directly, anything with shell syntax through sh.
    let mut command = if editor.contains(SHELL_SYNTAX) {
        let mut sh = std::process::Command::new("sh");
        sh.arg("-c").arg(format!("{editor} \"$@\"")).arg(&editor);
        sh
    } else {
        std::process::Command::new(&editor)
    };
    let status = command.arg(path).status().map_err(|e| {
        CliError::input(format!(
            "could not run the editor ($VISUAL or $EDITOR): {e}"
        ))
    })?;
    if status.success() {
        return Ok(EditorExit::Saved);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Ok(EditorExit::Failed(format!("was killed by signal {signal}")));
        }
    }
    Ok(EditorExit::Failed(match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => "failed".to_string(),
    }))
}
