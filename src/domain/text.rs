//! Control characters in ticket text: which inputs may hold them, and how text is shown safely.
//!
//! Ticket text is written by requesters, so it must not be able to steer a terminal (an ESC
//! sequence in a title that recolours or clears the screen of the agent running `tix list`) or
//! break a one-line format (a newline in an actor becomes two header lines of a commit object,
//! which `git fsck` rejects). Single-line values hold no control character at all; multi-line
//! texts (description, comment bodies, resolution) may hold line breaks and tabs only. Text read
//! back from files, which a hand edit may have filled with anything, is escaped for display.
//! "Control character" means Unicode category Cc: C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F).

use std::borrow::Cow;

/// The longest value an error message quotes; longer ones are cut (a 1 MB value must not flood
/// the terminal).
pub const QUOTE_LIMIT: usize = 80;

/// The first control character of a single-line value, if any.
pub fn control_in_line(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control())
}

/// The first control character a multi-line text may not hold: anything but `\n`, `\t` and the
/// `\r` of a Windows line ending (`\r\n`, which files store as `\n`).
pub fn control_in_block(text: &str) -> Option<char> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n'));
        if c.is_control() && !allowed {
            return Some(c);
        }
    }
    None
}

/// A name for a control character in messages: `U+001B (ESC)`.
pub fn describe_control(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\t' => " (tab)",
        '\n' => " (line break)",
        '\r' => " (carriage return)",
        '\u{1b}' => " (ESC)",
        '\u{7f}' => " (DEL)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

/// Text with its control characters written as `\u001b`, for showing on a terminal.
///
/// `keep_layout` keeps `\n` and `\t` (multi-line blocks); otherwise they are escaped too, so the
/// result is one line. The `\u00XX` form is also a valid escape inside JSON and YAML double-quoted
/// strings, which is why it is used rather than caret notation (`^[`).
pub fn escape_controls(text: &str, keep_layout: bool) -> Cow<'_, str> {
    let needs = |c: char| c.is_control() && !(keep_layout && (c == '\n' || c == '\t'));
    // ASCII text (most of it) is checked byte by byte, without decoding characters.
    let plain = if text.is_ascii() {
        !text
            .bytes()
            .any(|b| (b < 0x20 || b == 0x7f) && !(keep_layout && (b == b'\n' || b == b'\t')))
    } else {
        !text.chars().any(needs)
    };
    if plain {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value quoted for an error message: control characters escaped, cut to [`QUOTE_LIMIT`]
/// characters with a note of the full length.
pub fn quote_for_message(text: &str) -> String {
    let escaped = escape_controls(text, false);
    let count = escaped.chars().count();
    if count <= QUOTE_LIMIT {
        format!("'{escaped}'")
    } else {
        let cut: String = escaped.chars().take(QUOTE_LIMIT).collect();
        format!("'{cut}...' ({} characters)", text.chars().count())
    }
}

/// A message with every quoted run ('...', "..." or `...`) longer than [`QUOTE_LIMIT`] cut
/// short: parser messages quote the offending value, which may be a megabyte long.
pub fn shorten_quotes(message: &str) -> Cow<'_, str> {
    let chars: Vec<char> = message.chars().collect();
    let mut out = String::with_capacity(message.len().min(4096));
    let mut changed = false;
    let mut rest: &[char] = &chars;
    while let Some((&c, after)) = rest.split_first() {
        let close = matches!(c, '\'' | '"' | '`')
            .then(|| after.iter().position(|&d| d == c))
            .flatten();
        match close {
            Some(len) if len > QUOTE_LIMIT => {
                out.push(c);
                out.extend(after.iter().take(QUOTE_LIMIT));
                out.push_str("...");
                out.push(c);
                // Past the `len` quoted characters and the closing quote.
                rest = after.get(len + 1..).unwrap_or_default();
                changed = true;
            }
            Some(len) => {
                out.push(c);
                out.extend(after.iter().take(len + 1));
                rest = after.get(len + 1..).unwrap_or_default();
            }
            None => {
                out.push(c);
                rest = after;
            }
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_line_values_refuse_every_control_character() {
        assert_eq!(control_in_line("Laptop does not boot"), None);
        assert_eq!(control_in_line("café ☕"), None);
        for c in [
            '\0', '\n', '\t', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}',
        ] {
            assert_eq!(control_in_line(&format!("a{c}b")), Some(c), "{c:?}");
        }
        // U+00A0 (no-break space) is past C1 and is ordinary text.
        assert_eq!(control_in_line("a\u{a0}b"), None);
    }

    #[test]
    fn blocks_keep_line_breaks_and_tabs_only() {
        assert_eq!(control_in_block("one\n\ttwo\r\nthree"), None);
        assert_eq!(control_in_block("one\rtwo"), Some('\r'));
        assert_eq!(control_in_block("x\u{1b}[2J"), Some('\u{1b}'));
        assert_eq!(control_in_block("x\0"), Some('\0'));
    }

    #[test]
    fn escaping_makes_control_characters_visible() {
        assert_eq!(escape_controls("plain", false), "plain");
        assert_eq!(escape_controls("a\u{1b}[31mb", false), "a\\u001b[31mb");
        assert_eq!(escape_controls("a\nb\tc", false), "a\\u000ab\\u0009c");
        assert_eq!(escape_controls("a\nb\tc\u{9b}", true), "a\nb\tc\\u009b");
    }

    #[test]
    fn long_quoted_runs_in_messages_are_cut() {
        let long = "y".repeat(1_000_000);
        let message = format!("invalid type: string \"{long}\", expected a sequence");
        let short = shorten_quotes(&message);
        assert_eq!(
            short,
            format!(
                "invalid type: string \"{}...\", expected a sequence",
                "y".repeat(80)
            )
        );
        assert_eq!(
            shorten_quotes("unknown field `x`, it's fine"),
            "unknown field `x`, it's fine"
        );
    }

    #[test]
    fn quotes_are_short_and_one_line() {
        assert_eq!(quote_for_message("Eve\nEvil"), "'Eve\\u000aEvil'");
        let long = "x".repeat(1_000_000);
        let quoted = quote_for_message(&long);
        assert!(quoted.len() < 120, "{quoted}");
        assert!(quoted.ends_with("...' (1000000 characters)"), "{quoted}");
    }
}
