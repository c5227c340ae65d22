//! What tix refuses in YAML before the parser sees it: oversized files, anchors and aliases.
//!
//! YAML aliases (`*name`) repeat an anchored node (`&name`) without repeating its text, and the
//! parser expands every repetition: 2,000 aliases of a 1 MB string in a 2 MB ticket file cost
//! seconds and gigabytes on every `tix list`, and nesting them (the "billion laughs") costs more
//! than any machine has, so limiting their number alone bounds nothing. tix never writes anchors
//! or aliases, and neither a ticket nor the config needs them, so both refuse them outright with
//! the line of the first one. File sizes are capped for the same reason, before parsing.
//!
//! The parser (serde_yaml_ng) does not expose its event stream, so [`find_anchor_or_alias`] is a
//! lexical scan that follows YAML's rules for where a node may start: outside comments, quoted
//! scalars, block scalars (`|`, `>`) and plain scalars, including a plain scalar's continuation
//! lines (`Please:\n  * reboot` is text, not an alias). It depends on nothing else in tix but
//! `domain::text`, which shortens the values quoted in the parser's messages.

/// The largest ticket file read, in bytes (1 MiB): far above any real ticket (whose texts are
/// capped at 64 KiB each), far below what hurts.
pub const MAX_TICKET_FILE_BYTES: usize = 1024 * 1024;

/// The largest `.tix/config.yaml` read, in bytes (1 MiB).
pub const MAX_CONFIG_FILE_BYTES: usize = 1024 * 1024;

/// An anchor or alias found in YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// 1-based line and column of the `&` or `*`.
    pub line: usize,
    pub column: usize,
    /// `'&'` for an anchor, `'*'` for an alias.
    pub indicator: char,
}

impl Found {
    /// "anchor" or "alias".
    pub fn kind(&self) -> &'static str {
        if self.indicator == '&' {
            "anchor"
        } else {
            "alias"
        }
    }
}

/// The line (1-based) of a repeated key that serde reports as "duplicate field `KEY`" at the
/// start of the document: the second `KEY:` at the same indentation within one mapping.
pub fn duplicate_key_line(text: &str, message: &str) -> Option<usize> {
    let key = message
        .split("duplicate field `")
        .nth(1)?
        .split('`')
        .next()?;
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let is_key = |l: &str| {
        let t = l.trim_start().trim_start_matches("- ");
        t.strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
    };
    for (i, first) in lines.iter().enumerate() {
        if !is_key(first) {
            continue;
        }
        let depth = indent(first);
        for (j, line) in lines.iter().enumerate().skip(i + 1) {
            let t = line.trim_start();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            if indent(line) < depth {
                break;
            }
            if indent(line) == depth && is_key(line) {
                return Some(j + 1);
            }
        }
    }
    None
}

/// A file over `limit` bytes, described for an error message.
pub fn too_large(len: usize, limit: usize) -> Option<String> {
    (len > limit).then(|| {
        format!(
            "the file is {len} bytes; the limit is {limit} bytes ({} MiB)",
            limit / (1024 * 1024)
        )
    })
}

/// serde_yaml_ng appends " at line L column C"; we print the location in front instead. Quoted
/// values in its messages are cut short, as they may be huge.
pub fn strip_location(message: &str) -> String {
    // The location is reported separately as file:line:column; libyaml may name it twice
    // ("... at line 15 column 13, while parsing a flow sequence at line 15 column 8").
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(pos) = rest.find(" at line ") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + " at line ".len()..];
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let mut tail = &after[digits(after)..];
        if let Some(col) = tail.strip_prefix(" column ") {
            tail = &col[digits(col)..];
        }
        rest = tail;
    }
    out.push_str(rest);
    crate::domain::text::shorten_quotes(&out).into_owned()
}

/// The first anchor or alias in `text`, if any.
pub fn find_anchor_or_alias(text: &str) -> Option<Found> {
    // Nearly every file has neither character; those need no scan.
    if !text.bytes().any(|b| b == b'&' || b == b'*') {
        return None;
    }
    Scanner::default().run(text)
}

/// Where the scan is between lines.
#[derive(Default)]
struct Scanner {
    flow_depth: usize,
    /// Inside a quoted scalar that continues on the next line (`"` or `'`).
    quote: Option<u8>,
    /// Inside a block scalar: lines indented more than this column (or blank) are its text.
    block_parent: Option<isize>,
    /// A plain scalar in block context may continue on lines indented more than this column.
    plain_parent: Option<isize>,
    /// A plain scalar in a flow collection ran to the end of the line and may continue.
    flow_plain: bool,
    /// The column of the key or `-` that ended the previous line, whose value starts on a later
    /// line; -1 at the top level.
    opener: isize,
}

/// What the cursor may meet next on a line.
#[derive(Clone, Copy)]
enum Mode {
    /// A node may start here; `parent` is the column of the key or `-` that owns it (on a line
    /// holding nothing before it, the one that ended an earlier line).
    NodeStart { parent: isize },
    /// Inside a plain scalar that began at column `start`, owned by `parent`.
    Plain { start: isize, parent: isize },
    /// After a complete node (a quoted scalar, a flow collection) that began at `start`.
    AfterNode { start: isize },
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

impl Scanner {
    fn run(&mut self, text: &str) -> Option<Found> {
        self.opener = -1;
        for (index, raw) in text.split('\n').enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw).as_bytes();
            if let Some(column) = self.line(line) {
                // `line` returns the column of a `&` or `*` it read.
                let indicator = line.get(column).map_or('&', |&b| char::from(b));
                return Some(Found {
                    line: index + 1,
                    column: column + 1,
                    indicator,
                });
            }
        }
        None
    }

    /// Scans one line; returns the byte column of an anchor or alias.
    fn line(&mut self, line: &[u8]) -> Option<usize> {
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let blank = line.iter().all(|&b| is_blank(b));
        let opener = std::mem::replace(&mut self.opener, -1);
        if let Some(parent) = self.block_parent {
            if blank || indent as isize > parent {
                return None;
            }
            self.block_parent = None;
        }
        let mut pos = 0;
        let mut mode = Mode::NodeStart { parent: opener };
        if let Some(quote) = self.quote {
            match close_quote(line, 0, quote) {
                Some(end) => {
                    self.quote = None;
                    pos = end;
                    mode = Mode::AfterNode { start: 0 };
                }
                None => return None,
            }
        } else if self.flow_depth > 0 {
            if self.flow_plain {
                self.flow_plain = false;
                mode = Mode::Plain {
                    start: 0,
                    parent: -1,
                };
            }
        } else {
            if blank {
                // Blank lines fold into a plain scalar and keep the opener waiting.
                self.opener = opener;
                return None;
            }
            if let Some(parent) = self.plain_parent {
                if indent as isize > parent && line.get(indent) != Some(&b'#') {
                    return None; // a continuation line of the plain scalar: all text
                }
                self.plain_parent = None;
            }
            pos = indent;
            let rest = line.get(indent..).unwrap_or_default();
            if rest.starts_with(b"---") || rest.starts_with(b"...") {
                if line.get(indent + 3).is_none_or(|&b| is_blank(b)) {
                    pos = indent + 3;
                }
            } else if indent == 0 && line.first() == Some(&b'%') {
                return None; // a directive
            }
        }
        self.scan(line, pos, mode)
    }

    fn scan(&mut self, line: &[u8], mut pos: usize, mut mode: Mode) -> Option<usize> {
        let flow = |s: &Scanner| s.flow_depth > 0;
        // Where the current node's first token (a tag, say) began: a `:` there ends an empty key,
        // and the mapping it belongs to sits at that column.
        let mut begin: Option<isize> = None;
        loop {
            match mode {
                Mode::NodeStart { parent } => {
                    while line.get(pos).is_some_and(|&b| is_blank(b)) {
                        pos += 1;
                    }
                    let Some(&b) = line.get(pos).filter(|&&b| b != b'#') else {
                        if !flow(self) {
                            // The value comes on a later line, owned by the key or `-` here (or,
                            // on a line with nothing else, by the one that opened it).
                            self.opener = parent;
                        }
                        return None;
                    };
                    let next_blank = line.get(pos + 1).is_none_or(|&n| is_blank(n));
                    let col = pos as isize;
                    let first = *begin.get_or_insert(col);
                    match b {
                        b'&' | b'*' => return Some(pos),
                        b'!' => {
                            while line.get(pos).is_some_and(|&b| !is_blank(b)) {
                                pos += 1;
                            }
                        }
                        b'-' | b'?' if next_blank && !flow(self) => {
                            pos += 1;
                            begin = None;
                            mode = Mode::NodeStart { parent: col };
                        }
                        b'?' if next_blank => {
                            pos += 1;
                            begin = None;
                        }
                        b':' if next_blank
                            || (flow(self)
                                && line.get(pos + 1).is_some_and(|&n| is_flow_indicator(n))) =>
                        {
                            pos += 1;
                            begin = None;
                            if !flow(self) {
                                mode = Mode::NodeStart {
                                    parent: parent.max(first),
                                };
                            }
                        }
                        b'"' | b'\'' => match close_quote(line, pos + 1, b) {
                            Some(end) => {
                                pos = end;
                                mode = Mode::AfterNode { start: col };
                            }
                            None => {
                                self.quote = Some(b);
                                return None;
                            }
                        },
                        b'|' | b'>' if !flow(self) => {
                            self.block_parent = Some(parent);
                            return None;
                        }
                        b'[' | b'{' => {
                            self.flow_depth += 1;
                            pos += 1;
                            begin = None;
                        }
                        b']' | b'}' if flow(self) => {
                            self.flow_depth -= 1;
                            pos += 1;
                            mode = Mode::AfterNode { start: col };
                        }
                        b',' if flow(self) => {
                            pos += 1;
                            begin = None;
                        }
                        _ => {
                            mode = Mode::Plain { start: col, parent };
                            pos += 1;
                        }
                    }
                }
                Mode::Plain { start, parent } => {
                    let Some(&b) = line.get(pos) else {
                        if flow(self) {
                            self.flow_plain = true;
                        } else {
                            self.plain_parent = Some(parent);
                        }
                        return None;
                    };
                    let next = line.get(pos + 1).copied();
                    let ends_value = next.is_none_or(is_blank)
                        || (flow(self) && next.is_some_and(is_flow_indicator));
                    if b == b':' && ends_value {
                        // The scalar was a key; its value starts after the colon.
                        pos += 1;
                        mode = Mode::NodeStart { parent: start };
                    } else if b == b'#'
                        && pos
                            .checked_sub(1)
                            .and_then(|before| line.get(before))
                            .is_some_and(|&before| is_blank(before))
                    {
                        return None; // a comment ends the scalar and the line
                    } else if flow(self) && b == b',' {
                        pos += 1;
                        mode = Mode::NodeStart { parent: -1 };
                    } else if flow(self) && (b == b']' || b == b'}') {
                        self.flow_depth -= 1;
                        pos += 1;
                        mode = Mode::AfterNode { start };
                    } else {
                        pos += 1;
                    }
                }
                Mode::AfterNode { start } => {
                    while line.get(pos).is_some_and(|&b| is_blank(b)) {
                        pos += 1;
                    }
                    let &b = line.get(pos).filter(|&&b| b != b'#')?;
                    if flow(self) && (b == b']' || b == b'}') {
                        self.flow_depth -= 1;
                        pos += 1;
                    } else if b == b':' || (flow(self) && b == b',') {
                        // After a quoted key, or between flow entries: a node may start.
                        pos += 1;
                        mode = Mode::NodeStart { parent: start };
                    } else {
                        // Not valid YAML; look on as if a node could start, so nothing slips by.
                        mode = Mode::NodeStart { parent: start };
                    }
                }
            }
        }
    }
}

/// The position after the quote that closes a scalar opened by `quote`, scanning from `from`;
/// `None` when the scalar goes on past this line.
fn close_quote(line: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut pos = from;
    while let Some(&b) = line.get(pos) {
        if quote == b'"' && b == b'\\' {
            pos += 2;
            continue;
        }
        if b == quote {
            if quote == b'\'' && line.get(pos + 1) == Some(&b'\'') {
                pos += 2;
                continue;
            }
            return Some(pos + 1);
        }
        pos += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_key_is_found_in_its_own_mapping() {
        let text = "id: IT-1\ntitle: a\ncomments:\n- author: x\n  body: y\n- author: z\n  body: w\ntitle: b\n";
        assert_eq!(duplicate_key_line(text, "duplicate field `title`"), Some(8));
        let nested = "workflow:\n  initial: new\n  done: []\n  initial: open\ntypes: []\n";
        assert_eq!(
            duplicate_key_line(nested, "workflow: duplicate field `initial`"),
            Some(4)
        );
        assert_eq!(duplicate_key_line(text, "unknown field `x`"), None);
    }

    fn found(text: &str) -> Option<(usize, usize, char)> {
        find_anchor_or_alias(text).map(|f| (f.line, f.column, f.indicator))
    }

    #[test]
    fn anchors_and_aliases_where_nodes_start_are_found() {
        assert_eq!(found("title: &big x\n"), Some((1, 8, '&')));
        assert_eq!(found("a: x\ntags: [*big, b]\n"), Some((2, 8, '*')));
        assert_eq!(found("tags:\n  - *a\n"), Some((2, 5, '*')));
        assert_eq!(found("tags:\n- a\n- &b c\n"), Some((3, 3, '&')));
        assert_eq!(found("key:\n  &a\n  value\n"), Some((2, 3, '&')));
        assert_eq!(found("m: {k: *a}\n"), Some((1, 8, '*')));
        assert_eq!(found("m: {\"k\":*a}\n"), Some((1, 9, '*')));
        assert_eq!(found("title: !!str &a x\n"), Some((1, 14, '&')));
        assert_eq!(found("*a : x\n"), Some((1, 1, '*')));
        assert_eq!(found("--- &a\nx: 1\n"), Some((1, 5, '&')));
        assert_eq!(found("- - *a\n"), Some((1, 5, '*')));
        assert_eq!(found("d: |\n  text\nt: *a\n"), Some((3, 4, '*')));
        assert_eq!(
            found("c:\n  - body: |\n      x\n    author: *a\n"),
            Some((4, 13, '*'))
        );
        assert_eq!(found("t: \"multi\n  line\" \nu: *a\n"), Some((3, 4, '*')));
    }

    #[test]
    fn the_same_characters_inside_text_are_not() {
        for text in [
            "title: R&D laptop\n",
            "title: 5 * 3 = 15\n",
            "title: a&b*c\n",
            "title: \"&quoted\"\n",
            "title: '*quoted'' &still'\n",
            "title: x # &comment\n",
            "# *comment\ntitle: x\n",
            "description: |\n  * one\n  &two\n\n  * three\n",
            "description: >-\n  *folded\n",
            "description: Please do\n  * reboot\n  * check\n",
            "description:\n  Steps\n  * reboot\n",
            "- item\n  *continued\n",
            "tags: [a&b, c*d]\n",
            "t: \"multi &line\n  *still quoted\"\n",
            "t: \"escaped \\\" &still\"\n",
            "t: 'it''s *here'\n",
            "fields: {a: R&D}\n",
        ] {
            assert_eq!(found(text), None, "{text:?}");
        }
    }

    #[test]
    fn rendered_tickets_never_trip_the_scan() {
        let mut t = crate::domain::ticket::sample_ticket();
        t.title = "R&D *urgent* & more".into();
        t.description = Some("* one\n& two\n  *three".into());
        t.tags = vec!["r&d".into(), "*x".into()];
        t.fields.insert("note".into(), "&a *b".into());
        t.comments.push(crate::domain::ticket::Comment {
            author: "*bot*".into(),
            body: "&anchor-looking\ntext *".into(),
            internal: false,
            automated: false,
        });
        let text = crate::store::yaml::render(&t);
        assert_eq!(found(&text), None, "{text}");
        assert_eq!(crate::store::yaml::parse(&text), Ok(t));
    }

    /// Pieces of YAML syntax, so generated text reaches the scanner's and the parsers' corners.
    const PIECES: &[&str] = &[
        "key: ",
        "k2:",
        "- ",
        "? ",
        ": ",
        "  ",
        "    ",
        "\n",
        "\t",
        "&a ",
        "*a",
        "&a",
        " *a",
        "\"",
        "'",
        "''",
        "\\",
        "|",
        "|-\n",
        ">",
        "[",
        "]",
        "{",
        "}",
        ", ",
        ",",
        "#",
        " # c",
        "x",
        "R&D",
        "5 * 3",
        "!!str ",
        "---\n",
        "...",
        "%YAML 1.2\n",
        "id: IT-00000000\n",
        "title: t\n",
        "é",
        "\r\n",
    ];

    fn yamlish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(proptest::sample::select(PIECES), 0..48).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Every alias the parser sees is one the scan finds: a text the scan passes never
        /// reaches the parser's "unknown anchor" (its verdict on an alias without anchor).
        #[test]
        fn the_scan_misses_no_alias(text in yamlish()) {
            if find_anchor_or_alias(&text).is_none()
                && let Err(e) = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&text) {
                    proptest::prop_assert!(
                        !e.to_string().starts_with("unknown anchor"),
                        "missed an alias in {:?}: {}", text, e
                    );
                }
        }

        /// Arbitrary bytes and YAML-ish text: the ticket and config parsers return, never panic.
        #[test]
        fn ticket_and_config_parsers_never_panic(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048),
            text in yamlish(),
        ) {
            let lossy = String::from_utf8_lossy(&bytes);
            for input in [lossy.as_ref(), text.as_str()] {
                let _ = find_anchor_or_alias(input);
                let _ = crate::store::yaml::parse(input);
                let _ = crate::config::Config::parse(input, ".tix/config.yaml");
            }
        }

        /// Ticket files built from the pieces: whatever parses holds no expanded alias, so the
        /// parsed ticket is no larger than its file (bounded memory).
        #[test]
        fn a_parsed_ticket_is_no_larger_than_its_file(body in yamlish()) {
            let text = format!("id: IT-00000000\ntitle: t\ntype: i\nstatus: s\npriority: p\n{body}");
            if let Ok(t) = crate::store::yaml::parse(&text) {
                let size = t.title.len()
                    + t.tags.iter().map(String::len).sum::<usize>()
                    + t.fields.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>()
                    + t.description.as_ref().map_or(0, String::len)
                    + t.comments.iter().map(|c| c.body.len() + c.author.len()).sum::<usize>();
                proptest::prop_assert!(size <= text.len(), "{:?}", text);
            }
        }
    }

    #[test]
    fn file_size_limits() {
        assert_eq!(
            too_large(MAX_TICKET_FILE_BYTES, MAX_TICKET_FILE_BYTES),
            None
        );
        assert_eq!(
            too_large(MAX_TICKET_FILE_BYTES + 1, MAX_TICKET_FILE_BYTES).as_deref(),
            Some("the file is 1048577 bytes; the limit is 1048576 bytes (1 MiB)")
        );
    }
}
