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

/// Opens `$VISUAL`/`$EDITOR` on `text` and returns what the person saved, or `None` if they
/// saved nothing.
///
/// # Errors
/// The editor could not be started.
pub fn edit(text: &str, extension: &str) -> Result<Option<String>, CliError> {
    dialoguer::Editor::new()
        .extension(extension)
        .require_save(true)
        .trim_newlines(false)
        .edit(text)
        .map_err(|e| {
            CliError::input(format!(
                "could not run the editor ($VISUAL or $EDITOR): {e}"
            ))
        })
}
