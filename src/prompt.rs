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
