//! What an incoming email means for the desk (`tix intake`), decided from its already-decoded
//! parts: which ticket its subject names, the title and text it becomes, who sent it, what its
//! attachments are called on disk, and what the ticket says about them.
//!
//! MIME and RFC 2047 decoding happen in the CLI (`cli/intake.rs`, through mail-parser); this
//! module sees only strings, names and sizes, so every decision is testable without a message,
//! and it writes nothing: the CLI stores what it decides.

use super::id::TicketId;
use super::ticket::{MAX_TEXT_BYTES, MAX_TITLE_CHARS};

/// The title of a mail without a subject: as mail clients show it. Refusing the mail would
/// bounce a real request back to someone who only forgot the subject line.
pub const NO_SUBJECT: &str = "(no subject)";

/// The text of a reply that says nothing (only attachments, or an empty body): a comment cannot
/// be empty.
pub const NO_TEXT: &str = "(no text)";

/// The longest attachment file name kept, in characters (extension included); longer names are
/// cut before the extension. Far below every file system's 255 bytes even in 4-byte UTF-8.
pub const MAX_FILE_NAME_CHARS: usize = 60;

/// The most attachments listed one by one in a ticket's text; the rest are counted.
pub const LISTED_ATTACHMENTS: usize = 50;

/// Reply and forward markers of the common mail clients and languages (`Re:`, German `AW:`/`WG:`,
/// Nordic `SV:`/`VS:`, Dutch `Antw:`, French `TR:`/`Réf:`, Italian `R:`/`RIF:`, Polish `Odp:`,
/// Spanish/Portuguese `RES:`/`ENC:`), compared ignoring case.
const REPLY_MARKERS: &[&str] = &[
    "re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "doorst", "tr", "réf", "ref", "rif", "r",
    "odp", "res", "enc",
];

/// The ticket IDs of this desk (`prefix`, e.g. `IT`) that `subject` names as whole words, in
/// order: `[IT-7KQ2M4X1] Printer`, `Re: IT-7KQ2M4X1 printer`. Only full IDs count (a short
/// prefix in a subject is as likely a part number), the prefix ignoring case.
pub fn subject_ids(subject: &str, prefix: &str) -> Vec<TicketId> {
    let mut ids: Vec<TicketId> = Vec::new();
    let words = subject.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    for word in words {
        let Some((head, code)) = word.rsplit_once('-') else {
            continue;
        };
        if !head.eq_ignore_ascii_case(prefix) {
            continue;
        }
        if let Ok(id) = TicketId::parse(&format!("{prefix}-{}", code.to_ascii_uppercase()))
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    ids
}

/// A ticket title from a mail subject: reply and forward markers (`Re:`, `Fwd:`, `AW:`...)
/// and leading `[tags]` removed, white space collapsed, control characters dropped, cut to
/// [`MAX_TITLE_CHARS`] with an ellipsis; [`NO_SUBJECT`] when nothing is left.
pub fn clean_title(subject: Option<&str>) -> String {
    let line = one_line(subject.unwrap_or_default());
    let mut rest = line.as_str();
    loop {
        let before = rest;
        rest = strip_reply_marker(rest);
        rest = strip_leading_tag(rest);
        if rest == before {
            break;
        }
    }
    let title = if rest.is_empty() { line.as_str() } else { rest };
    if title.is_empty() {
        return NO_SUBJECT.to_string();
    }
    cut_chars(title, MAX_TITLE_CHARS)
}

/// Text on one line: control characters and runs of white space become one space.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `Re: x` → `x`, also `RE[2]: x`, `Re (3): x`, `Réf : x` and a full-width colon.
fn strip_reply_marker(text: &str) -> &str {
    let word_end = text
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    let word = &text[..word_end];
    if !REPLY_MARKERS.iter().any(|m| word.to_lowercase() == *m) {
        return text;
    }
    let mut rest = text[word_end..].trim_start();
    // A reply counter: `Re[2]:` or `Re(2):`.
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(inner) = rest.strip_prefix(open)
            && let Some((count, after)) = inner.split_once(close)
            && !count.is_empty()
            && count.trim().chars().all(|c| c.is_ascii_digit())
        {
            rest = after;
        }
    }
    let rest = rest.trim_start();
    match rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix('\u{ff1a}'))
    {
        Some(after) => after.trim_start(),
        None => text,
    }
}

/// `[EXTERNAL] x` → `x`: a bracketed tag a list or a mail gateway put in front.
fn strip_leading_tag(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('[') else {
        return text;
    };
    match inner.split_once(']') {
        Some((tag, after)) if tag.chars().count() <= 40 && !after.trim().is_empty() => {
            after.trim_start()
        }
        _ => text,
    }
}

/// At most `limit` characters, the last an ellipsis when cut.
fn cut_chars(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(limit - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// A message text ready for a ticket: line endings made `\n`, control characters other than
/// line breaks and tabs dropped (ticket validation refuses them; a mail may carry any), trailing
/// white space of each line and of the text removed, and runs of blank lines (common in text
/// made from HTML) kept to one.
pub fn clean_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.split('\n') {
        let line: String = line
            .chars()
            .filter(|&c| c == '\t' || !c.is_control())
            .filter(|&c| c != '\u{feff}')
            .collect();
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

/// A reply without the message it quotes: everything from an `-----Original Message-----` or
/// Outlook `____` + `From:` separator on (top posting), or else the trailing block of `>` lines
/// and the `On ... wrote:` line before it. Quotes between the writer's own lines (an inline
/// answer) stay. A text that is only a quote is kept whole.
pub fn strip_quoted_reply(text: &str) -> &str {
    let lines: Vec<&str> = text.lines().collect();
    let mut offsets = Vec::with_capacity(lines.len());
    let mut at = 0;
    for line in &lines {
        offsets.push(at);
        at += line.len() + 1;
    }
    let separator = lines.iter().enumerate().position(|(i, line)| {
        let t = line.trim();
        let dashed = t.starts_with("-----") && t.ends_with("-----") && t.len() > 10;
        let outlook = t.len() >= 20
            && t.chars().all(|c| c == '_')
            && lines
                .get(i + 1)
                .is_some_and(|next| next.starts_with("From:"));
        dashed && t.to_lowercase().contains("original") || outlook
    });
    let cut = separator.or_else(|| {
        let quoted_or_blank = |l: &&&str| l.starts_with('>') || l.trim_end().is_empty();
        let tail = lines.iter().rev().take_while(quoted_or_blank).count();
        let mut start = lines.len() - tail;
        if !lines.iter().skip(start).any(|l| l.starts_with('>')) {
            return None;
        }
        // The attribution line (`On Mon, Alice wrote:`), when there is one.
        if start
            .checked_sub(1)
            .and_then(|i| lines.get(i))
            .is_some_and(|l| l.trim_end().ends_with(':'))
        {
            start -= 1;
        }
        Some(start)
    });
    match cut {
        Some(line) => {
            let kept = text[..offsets.get(line).copied().unwrap_or(text.len())].trim_end();
            if kept.is_empty() { text } else { kept }
        }
        None => text,
    }
}

/// The requester a mail's `From:` names, as `Name <email>`, or `None` when the address is not
/// one (no `@`, white space, angle brackets or control characters). Characters that would break
/// the `Name <email>` form (`<`, `>`, control characters, quotes) are dropped from the name; a
/// missing name leaves the bare address.
pub fn requester(name: Option<&str>, address: &str) -> Option<String> {
    let address = address.trim();
    let valid = address.contains('@')
        && !address.starts_with('@')
        && !address.ends_with('@')
        && !address
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'));
    if !valid {
        return None;
    }
    let name = one_line(
        &name
            .unwrap_or_default()
            .chars()
            .filter(|c| !matches!(c, '<' | '>' | '"'))
            .collect::<String>(),
    );
    if name.is_empty() || name.eq_ignore_ascii_case(address) {
        Some(address.to_string())
    } else {
        Some(format!("{name} <{address}>"))
    }
}

/// A file name safe to write under `attachments/ID/`: only the last component of a path
/// (`../../etc/passwd` → `passwd`, `C:\x\y.pdf` → `y.pdf`), no control characters, none of
/// `: * ? " < > |` (refused by Windows, so a clone there could not check it out), no leading
/// dots (no hidden files, no `..`), no trailing dots or spaces, at most
/// [`MAX_FILE_NAME_CHARS`] characters keeping the extension; `fallback` when nothing is left.
pub fn safe_file_name(name: &str, fallback: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = one_line(&cleaned);
    let cleaned = cleaned
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    if cleaned.is_empty() {
        return fallback.to_string();
    }
    let (stem, ext) = split_extension(cleaned);
    let count = cleaned.chars().count();
    if count <= MAX_FILE_NAME_CHARS {
        return cleaned.to_string();
    }
    let ext_chars = ext.chars().count();
    let keep = MAX_FILE_NAME_CHARS.saturating_sub(ext_chars).max(1);
    let stem: String = stem.chars().take(keep).collect();
    format!("{}{ext}", stem.trim_end_matches(['.', ' ']))
}

/// `report.final.pdf` → (`report.final`, `.pdf`); no extension, or a long one (more than 10
/// characters: not an extension), gives (`name`, ``).
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot <= 11 => name.split_at(dot),
        _ => (name, ""),
    }
}

/// `name` if `taken` says it is free, else the first free `stem-1.ext`, `stem-2.ext`...
pub fn unique_name(name: &str, taken: &dyn Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    let (stem, ext) = split_extension(name);
    (1..)
        .map(|n| format!("{stem}-{n}{ext}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| name.to_string())
}

/// One attachment of a message, as the CLI found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<'a> {
    /// The file name the sender gave (`Content-Disposition` or `Content-Type` `name`), decoded.
    pub name: Option<&'a str>,
    /// `image/png`, `application/pdf`...
    pub content_type: &'a str,
    pub bytes: u64,
}

/// What becomes of one attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The safe, unique file name under `attachments/ID/` (also for one not saved, to name it).
    pub name: String,
    pub bytes: u64,
    /// False when it is larger than the limit.
    pub saved: bool,
}

/// Names every attachment (safe, and unique against `taken`: the files already in the ticket's
/// directory, and each other) and decides which are saved: those of at most `limit` bytes.
pub fn plan_attachments(
    parts: &[Part<'_>],
    limit: u64,
    taken: &dyn Fn(&str) -> bool,
) -> Vec<Planned> {
    let mut planned: Vec<Planned> = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let fallback = format!("attachment-{}{}", i + 1, extension_for(part.content_type));
        let name = safe_file_name(part.name.unwrap_or_default(), &fallback);
        let saved = part.bytes <= limit;
        let name = if saved {
            let used = |candidate: &str| {
                taken(candidate)
                    || planned
                        .iter()
                        .any(|p| p.saved && p.name.eq_ignore_ascii_case(candidate))
            };
            unique_name(&name, &used)
        } else {
            name
        };
        planned.push(Planned {
            name,
            bytes: part.bytes,
            saved,
        });
    }
    planned
}

/// An extension for an attachment sent without a name, from its type.
fn extension_for(content_type: &str) -> &'static str {
    match content_type.to_ascii_lowercase().as_str() {
        "image/png" => ".png",
        "image/jpeg" | "image/jpg" => ".jpg",
        "image/gif" => ".gif",
        "application/pdf" => ".pdf",
        "message/rfc822" => ".eml",
        "text/plain" => ".txt",
        "text/html" => ".html",
        "text/calendar" => ".ics",
        _ => ".bin",
    }
}

/// The lines a ticket's text gets about its attachments, so `tix show` reveals them: each saved
/// one with its size and path, each one left out with the reason. Empty without attachments.
pub fn attachment_note(id: &TicketId, planned: &[Planned], limit: u64) -> String {
    if planned.is_empty() {
        return String::new();
    }
    let mut out = format!("Attachments (under attachments/{id}/):");
    for p in planned.iter().take(LISTED_ATTACHMENTS) {
        out.push_str(&format!("\n- {} ({})", p.name, format_size(p.bytes)));
        if !p.saved {
            out.push_str(&format!(
                ": not saved, larger than the limit of {} (intake.max_attachment_size)",
                format_size(limit)
            ));
        }
    }
    if planned.len() > LISTED_ATTACHMENTS {
        out.push_str(&format!(
            "\n- ... and {} more",
            planned.len() - LISTED_ATTACHMENTS
        ));
    }
    out
}

/// The text of a ticket or comment: `body` and then `note` (the attachments), cut so the whole
/// stays within [`MAX_TEXT_BYTES`] with a line saying so, rather than refusing the mail: the
/// requester's message must not bounce for being long. `fallback` stands in for an empty body.
pub fn compose_text(body: &str, note: &str, fallback: &str) -> String {
    let body = if body.trim().is_empty() && note.is_empty() {
        fallback
    } else {
        body.trim_end()
    };
    let separator = if body.is_empty() || note.is_empty() {
        ""
    } else {
        "\n\n"
    };
    let whole = body.len() + separator.len() + note.len();
    if whole <= MAX_TEXT_BYTES {
        return format!("{body}{separator}{note}");
    }
    let marker = format!(
        "\n\n[The message was cut here: its text was {} bytes, more than the {} a ticket holds.]",
        body.len(),
        MAX_TEXT_BYTES
    );
    // The note is bounded by LISTED_ATTACHMENTS lines; if it alone is too long, cut it too.
    let note = floor_boundary(note, MAX_TEXT_BYTES / 2);
    let room = MAX_TEXT_BYTES.saturating_sub(marker.len() + separator.len() + note.len());
    let kept = floor_boundary(body, room).trim_end();
    format!("{kept}{marker}{separator}{note}")
}

/// The longest prefix of `text` of at most `limit` bytes that ends on a character boundary.
fn floor_boundary(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `512 B`, `12.3 KiB`, `10 MiB`: sizes for people, in powers of 1024.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {}", UNITS.get(unit).unwrap_or(&"TiB"))
}

/// Parses a size from the config: a number of bytes (`1048576`) or a number with a unit `B`,
/// `KiB`, `MiB` or `GiB` (ignoring case and a space before it: `10 MiB`, `512kib`). Decimal
/// units (`MB`) are refused rather than guessed at.
///
/// # Errors
/// The reason, for the config error.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a size"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        other => return Err(format!("'{text}' has an unknown unit '{other}'")),
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("'{text}' is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> TicketId {
        TicketId::parse(text).expect("id")
    }

    #[test]
    fn subject_ids_are_full_ids_of_this_desk_as_whole_words() {
        assert_eq!(
            subject_ids("Re: [IT-7KQ2M4X1] Printer", "IT"),
            vec![id("IT-7KQ2M4X1")]
        );
        assert_eq!(
            subject_ids("AW: it-7kq2m4x1 and IT-0000000A, IT-7KQ2M4X1", "IT"),
            vec![id("IT-7KQ2M4X1"), id("IT-0000000A")]
        );
        for none in [
            "Printer IT-7KQ2",
            "HR-7KQ2M4X1",
            "XIT-7KQ2M4X1",
            "IT-7KQ2M4X1Z",
            "IT-7KQ2M4XU",
            "",
        ] {
            assert!(subject_ids(none, "IT").is_empty(), "{none}");
        }
        assert_eq!(
            subject_ids("(HR_DESK-7KQ2M4X1)", "HR_DESK"),
            vec![id("HR_DESK-7KQ2M4X1")]
        );
    }

    #[test]
    fn titles_lose_reply_markers_and_tags() {
        for (subject, title) in [
            ("Re: Fwd: AW: Printer jams", "Printer jams"),
            ("RE[2]: Re (3): VPN", "VPN"),
            ("Réf : Imprimante", "Imprimante"),
            ("[EXTERNAL] [IT-7KQ2M4X1] Re: Laptop", "Laptop"),
            ("  Too\t many \n spaces  ", "Too many spaces"),
            ("Reboot: server 3", "Reboot: server 3"),
            ("Regarding: VPN", "Regarding: VPN"),
            ("[URGENT]", "[URGENT]"),
            ("Re:", "Re:"),
            ("Esc\u{1b}[2J here", "Esc [2J here"),
        ] {
            assert_eq!(clean_title(Some(subject)), title, "{subject:?}");
        }
        assert_eq!(clean_title(None), NO_SUBJECT);
        assert_eq!(clean_title(Some("  ")), NO_SUBJECT);
        let long = clean_title(Some(&"é".repeat(500)));
        assert_eq!(long.chars().count(), MAX_TITLE_CHARS);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn text_is_cleaned_of_controls_and_extra_blank_lines() {
        assert_eq!(
            clean_text("\r\n\r\nHello\x1b[31m\r\n\r\n\r\n\r\nBye  \t\r\n\x00"),
            "Hello[31m\n\nBye"
        );
        assert_eq!(clean_text("a\tb\rc"), "a\tb\nc");
        assert_eq!(clean_text(" \n "), "");
    }

    #[test]
    fn quoted_replies_are_cut_but_inline_answers_stay() {
        let bottom = "Thanks, it works.\n\nOn Mon, 2 Mar 2026, Desk wrote:\n> Try again\n> now\n";
        assert_eq!(strip_quoted_reply(bottom), "Thanks, it works.");
        let outlook =
            "Still broken.\n\n________________________________\nFrom: Desk\nSent: Monday\n";
        assert_eq!(strip_quoted_reply(outlook), "Still broken.");
        let original = "Yes.\n-----Original Message-----\nFrom: x\n";
        assert_eq!(strip_quoted_reply(original), "Yes.");
        let inline = "> Which floor?\nThe second.\n> Which printer?\nThe big one.";
        assert_eq!(strip_quoted_reply(inline), inline);
        let only_quote = "> nothing new\n";
        assert_eq!(strip_quoted_reply(only_quote), only_quote);
    }

    #[test]
    fn requesters_are_name_and_address() {
        assert_eq!(
            requester(Some("Bob Müller"), "bob@example.com").as_deref(),
            Some("Bob Müller <bob@example.com>")
        );
        assert_eq!(
            requester(None, "bob@example.com").as_deref(),
            Some("bob@example.com")
        );
        assert_eq!(
            requester(Some("\"Eve <x>\"\n"), "eve@example.com").as_deref(),
            Some("Eve x <eve@example.com>")
        );
        for bad in ["bob", "@x", "bob@", "b ob@x", "bo\u{1b}b@x", "<bob@x>"] {
            assert_eq!(requester(Some("B"), bad), None, "{bad:?}");
        }
    }

    #[test]
    fn file_names_stay_inside_their_directory() {
        for (name, safe) in [
            ("../../etc/passwd", "passwd"),
            ("C:\\Users\\bob\\report.pdf", "report.pdf"),
            ("..", "fallback.bin"),
            (".bashrc", "bashrc"),
            ("a\x1bb\n.txt", "ab.txt"),
            ("what?.txt", "what_.txt"),
            ("trailing. . ", "trailing"),
            ("", "fallback.bin"),
        ] {
            assert_eq!(safe_file_name(name, "fallback.bin"), safe, "{name:?}");
        }
        let long = safe_file_name(&format!("{}.pdf", "x".repeat(300)), "f");
        assert_eq!(long.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(long.ends_with("x.pdf"));
    }

    #[test]
    fn names_are_made_unique() {
        let taken = |n: &str| ["a.pdf", "a-1.pdf", "b"].contains(&n);
        assert_eq!(unique_name("a.pdf", &taken), "a-2.pdf");
        assert_eq!(unique_name("b", &taken), "b-1");
        assert_eq!(unique_name("c.pdf", &taken), "c.pdf");
    }

    #[test]
    fn attachments_are_named_and_limited() {
        let parts = [
            Part {
                name: Some("log.txt"),
                content_type: "text/plain",
                bytes: 10,
            },
            Part {
                name: Some("log.txt"),
                content_type: "text/plain",
                bytes: 20,
            },
            Part {
                name: None,
                content_type: "image/png",
                bytes: 5,
            },
            Part {
                name: Some("disk.img"),
                content_type: "application/octet-stream",
                bytes: 101,
            },
        ];
        let plan = plan_attachments(&parts, 100, &|n| n == "attachment-3.png");
        let names: Vec<(&str, bool)> = plan.iter().map(|p| (p.name.as_str(), p.saved)).collect();
        assert_eq!(
            names,
            [
                ("log.txt", true),
                ("log-1.txt", true),
                ("attachment-3-1.png", true),
                ("disk.img", false)
            ]
        );
        let note = attachment_note(&id("IT-7KQ2M4X1"), &plan, 100);
        assert_eq!(
            note,
            "Attachments (under attachments/IT-7KQ2M4X1/):\n- log.txt (10 B)\n- log-1.txt (20 B)\n- attachment-3-1.png (5 B)\n- disk.img (101 B): not saved, larger than the limit of 100 B (intake.max_attachment_size)"
        );
    }

    #[test]
    fn long_texts_are_cut_with_a_note_and_keep_the_attachment_list() {
        let body = "é".repeat(MAX_TEXT_BYTES);
        let text = compose_text(&body, "Attachments: x", NO_TEXT);
        assert!(text.len() <= MAX_TEXT_BYTES, "{}", text.len());
        assert!(text.contains("[The message was cut here: its text was 131072 bytes"));
        assert!(text.ends_with("\n\nAttachments: x"));
        assert_eq!(compose_text("  \n", "", NO_TEXT), NO_TEXT);
        assert_eq!(
            compose_text("", "Attachments: x", NO_TEXT),
            "Attachments: x"
        );
        assert_eq!(compose_text("Hi\n", "", NO_TEXT), "Hi");
    }

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("10 MiB"), Ok(10 << 20));
        assert_eq!(parse_size("512kib"), Ok(512 << 10));
        assert!(parse_size("10MB").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("99999999999 GiB").is_err());
        assert_eq!(format_size(100), "100 B");
        assert_eq!(format_size(10 << 20), "10 MiB");
        assert_eq!(format_size(12_595), "12.3 KiB");
    }
}
