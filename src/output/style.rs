//! Styled text: what renderers hand to [`super::Output`] when they want colour.
//!
//! A renderer says what a piece of text *is* (a breached clock, a finished ticket), never which
//! escape codes it gets; whether colour is on, and what each [`Style`] looks like, is decided
//! once, in `Output`. The pieces stay apart until they are written, so the control characters
//! of ticket text are escaped piece by piece and the SGR sequences tix adds around them are the
//! only escapes that ever reach the terminal.

/// What a piece of text means, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// Column headers and the ticket's heading line.
    Heading,
    /// Overdue, breached: act now.
    Bad,
    /// Warning: act soon.
    Warn,
    /// Met, done in time.
    Good,
    /// Finished or not counting (done tickets, paused or cancelled clocks).
    Dim,
    /// The most urgent priority.
    Urgent,
    /// The second most urgent priority.
    Raised,
}

impl Style {
    /// The SGR parameters of the style; `None` for plain text.
    pub(super) fn sgr(self) -> Option<&'static str> {
        match self {
            Style::Plain => None,
            Style::Heading => Some("1"),
            Style::Bad => Some("31"),
            Style::Warn => Some("33"),
            Style::Good => Some("32"),
            Style::Dim => Some("2"),
            Style::Urgent => Some("1;31"),
            Style::Raised => Some("33"),
        }
    }
}

/// Text made of styled pieces, written by [`super::Output::display`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Styled {
    pieces: Vec<(Style, String)>,
}

impl Styled {
    pub fn new() -> Styled {
        Styled::default()
    }

    /// Appends `text` in `style`; adjacent pieces of one style merge.
    pub fn push(&mut self, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some((last, piece)) if *last == style => piece.push_str(text),
            _ => self.pieces.push((style, text.to_string())),
        }
    }

    /// Appends unstyled text.
    pub fn plain(&mut self, text: &str) {
        self.push(Style::Plain, text);
    }

    /// Appends another styled text.
    pub fn append(&mut self, other: Styled) {
        for (style, text) in other.pieces {
            self.push(style, &text);
        }
    }

    pub fn pieces(&self) -> impl Iterator<Item = (Style, &str)> {
        self.pieces.iter().map(|(s, t)| (*s, t.as_str()))
    }

    /// The text without styles (what is printed when colour is off).
    pub fn text(&self) -> String {
        self.pieces.iter().map(|(_, t)| t.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }
}

impl From<String> for Styled {
    fn from(text: String) -> Styled {
        let mut s = Styled::new();
        s.plain(&text);
        s
    }
}

impl From<&str> for Styled {
    fn from(text: &str) -> Styled {
        let mut s = Styled::new();
        s.plain(text);
        s
    }
}

/// Whether stdout gets colour: `--color always|never` wins; in `auto`, a non-empty `NO_COLOR`
/// turns it off, then a `CLICOLOR_FORCE` other than empty or `0` turns it on, then it is on only
/// on a terminal that is not `TERM=dumb`.
pub fn colour_wanted(
    choice: ColorChoice,
    no_color: Option<&str>,
    clicolor_force: Option<&str>,
    term: Option<&str>,
    stdout_is_tty: bool,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if no_color.is_some_and(|v| !v.is_empty()) {
                false
            } else if clicolor_force.is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else {
                stdout_is_tty && term != Some("dumb")
            }
        }
    }
}

/// `--color`: when stdout gets colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it on)
    #[default]
    Auto,
    /// Always, even when piped
    Always,
    /// Never
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_no_color_then_clicolor_force_then_the_terminal() {
        use ColorChoice::{Always, Auto, Never};
        let wanted = |choice, no, force, tty| colour_wanted(choice, no, force, None, tty);
        assert!(wanted(Always, Some("1"), None, false));
        assert!(!wanted(Never, None, Some("1"), true));
        assert!(wanted(Auto, None, None, true));
        assert!(!wanted(Auto, None, None, false));
        assert!(!wanted(Auto, Some("1"), None, true));
        // An empty NO_COLOR is no wish (no-color.org).
        assert!(wanted(Auto, Some(""), None, true));
        assert!(!wanted(Auto, Some("1"), Some("1"), true));
        assert!(wanted(Auto, None, Some("1"), false));
        assert!(!wanted(Auto, None, Some("0"), false));
        assert!(!wanted(Auto, None, Some(""), false));
        assert!(!colour_wanted(Auto, None, None, Some("dumb"), true));
    }

    #[test]
    fn pieces_of_one_style_merge_and_empty_ones_vanish() {
        let mut s = Styled::new();
        s.plain("a");
        s.plain("b");
        s.push(Style::Bad, "");
        s.push(Style::Bad, "c");
        assert_eq!(
            s.pieces().collect::<Vec<_>>(),
            [(Style::Plain, "ab"), (Style::Bad, "c")]
        );
        assert_eq!(s.text(), "abc");
    }
}
