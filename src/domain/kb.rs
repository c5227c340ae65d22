//! Knowledge-base articles: what one is, its file format, its checks and its slug.
//!
//! An article is `kb/SLUG.md`: a YAML front matter between two `---` lines, then Markdown.
//!
//! ```text
//! ---
//! title: Printer on floor 2 jams
//! tags: [printer]
//! categories: [hardware]
//! owner: alice
//! status: published
//! ---
//!
//! Open tray 2 and pull the paper out.
//! ```
//!
//! The slug is the file name, never repeated inside, so a renamed file cannot disagree with
//! itself. As for tickets, unknown keys are refused with their line (a misspelt `stauts:` would
//! otherwise publish nothing), and anchors, aliases and huge files are refused before parsing
//! ([`crate::yaml_guard`]). Only text is handled here: reading and writing files is the store's.

use serde::{Deserialize, Serialize};

use crate::domain::text;
use crate::yaml_guard;

/// The longest title, in characters (a ticket's limit too).
pub const MAX_TITLE_CHARS: usize = 200;

/// The longest slug made from a title; [`crate::domain::ticket::validate_slug`] allows 100, but
/// a slug is typed (`--kb SLUG`) and shown beside the title in 80-column tables.
const SLUG_FROM_TITLE_CHARS: usize = 40;

/// Whether an article is offered to readers and to `tix suggest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleStatus {
    /// Being written: shown by `tix kb list`, never suggested.
    #[default]
    Draft,
    Published,
}

impl ArticleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Published => "published",
        }
    }

    pub fn parse(text: &str) -> Option<ArticleStatus> {
        match text {
            "draft" => Some(ArticleStatus::Draft),
            "published" => Some(ArticleStatus::Published),
            _ => None,
        }
    }
}

/// One knowledge-base article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The file name without `.md`.
    pub slug: String,
    pub title: String,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub owner: Option<String>,
    pub status: ArticleStatus,
    /// Markdown, kept as written (without the blank lines around it).
    pub body: String,
}

/// The front matter as the file holds it, in the order it is written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    #[serde(default)]
    status: ArticleStatus,
}

/// Why an article's text is not an article: a message and, when known, the file's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleError {
    pub line: Option<usize>,
    pub message: String,
}

impl ArticleError {
    fn at(line: Option<usize>, message: impl Into<String>) -> ArticleError {
        ArticleError {
            line,
            message: message.into(),
        }
    }
}

/// The front-matter keys, for messages and `kb edit --set`.
pub const KEYS: [&str; 5] = ["title", "tags", "categories", "owner", "status"];

/// Parses the text of `kb/<slug>.md`.
///
/// # Errors
/// No front matter, broken YAML, unknown or repeated keys, a value that fails
/// [`Article::validate`], each with the line of the file where known.
pub fn parse(slug: &str, text: &str) -> Result<Article, ArticleError> {
    if let Some(message) = yaml_guard::too_large(text.len(), yaml_guard::MAX_TICKET_FILE_BYTES) {
        return Err(ArticleError::at(None, message));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err(ArticleError::at(
            Some(1),
            "an article starts with a `---` line, then its front matter (title, tags, categories, owner, status), a `---` line and the Markdown body",
        ));
    }
    let mut yaml = String::new();
    let mut offset = first.len();
    let mut body_start = None;
    for line in lines {
        offset += line.len();
        if line.trim_end() == "---" {
            body_start = Some(offset);
            break;
        }
        yaml.push_str(line);
    }
    let Some(body_start) = body_start else {
        return Err(ArticleError::at(
            Some(1),
            "the front matter opened here is never closed: add a `---` line after it",
        ));
    };
    // Front-matter line n is line n + 1 of the file.
    let file_line = |n: usize| n + 1;
    if let Some(found) = yaml_guard::find_anchor_or_alias(&yaml) {
        return Err(ArticleError::at(
            Some(file_line(found.line)),
            format!(
                "anchors and aliases are not allowed in articles (found an {})",
                found.kind()
            ),
        ));
    }
    if yaml.trim().is_empty() {
        return Err(ArticleError::at(
            Some(2),
            "the front matter is empty; it needs at least `title:`",
        ));
    }
    let front: FrontMatter = serde_yaml_ng::from_str(&yaml).map_err(|e| {
        let duplicate = yaml_guard::duplicate_key_line(&yaml, &e.to_string());
        let line = duplicate.or(e.location().map(|l| l.line()));
        ArticleError::at(
            line.map(file_line),
            yaml_guard::strip_location(&e.to_string()),
        )
    })?;
    let body = text.get(body_start..).unwrap_or_default();
    let article = Article {
        slug: slug.to_string(),
        title: front.title.trim().to_string(),
        tags: front.tags,
        categories: front.categories,
        owner: front.owner.filter(|o| !o.trim().is_empty()),
        status: front.status,
        body: body.trim_start_matches(['\n', '\r']).trim_end().to_string(),
    };
    article.validate().map_err(|(key, message)| {
        let line = yaml
            .lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .map(|i| file_line(i + 1));
        ArticleError::at(line, message)
    })?;
    Ok(article)
}

/// Renders an article as the text of its file.
pub fn render(article: &Article) -> String {
    let front = FrontMatter {
        title: article.title.clone(),
        tags: article.tags.clone(),
        categories: article.categories.clone(),
        owner: article.owner.clone(),
        status: article.status,
    };
    // Serializing plain strings and lists cannot fail.
    let yaml = serde_yaml_ng::to_string(&front).unwrap_or_default();
    let mut text = format!("---\n{yaml}---\n");
    let body = article.body.trim();
    if !body.is_empty() {
        text.push('\n');
        text.push_str(&body.replace("\r\n", "\n"));
        text.push('\n');
    }
    text
}

impl Article {
    /// Checks the values a file or a command gives.
    ///
    /// # Errors
    /// The front-matter key at fault and what is wrong with it.
    pub fn validate(&self) -> Result<(), (&'static str, String)> {
        crate::domain::ticket::validate_slug("slug", &self.slug)
            .map_err(|e| ("slug", e.to_string()))?;
        let title = self.title.trim();
        if title.is_empty() {
            return Err(("title", "the title is empty".into()));
        }
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err((
                "title",
                format!(
                    "title is {} characters long; the limit is {MAX_TITLE_CHARS}",
                    title.chars().count()
                ),
            ));
        }
        let one_line = |key: &'static str, value: &str| match text::control_in_line(value) {
            Some(c) => Err((
                key,
                format!(
                    "{key} holds the control character {}",
                    text::describe_control(c)
                ),
            )),
            None => Ok(()),
        };
        one_line("title", title)?;
        for (key, words) in [("tags", &self.tags), ("categories", &self.categories)] {
            for word in words {
                one_line(key, word)?;
                if word.trim().is_empty() || word.contains([',', ' ']) {
                    return Err((
                        key,
                        format!(
                            "{key}: {} is not one word (no spaces or commas)",
                            text::quote_for_message(word)
                        ),
                    ));
                }
            }
        }
        if let Some(owner) = &self.owner {
            one_line("owner", owner)?;
        }
        if let Some(c) = text::control_in_block(&self.body) {
            return Err((
                "body",
                format!(
                    "the body holds the control character {}",
                    text::describe_control(c)
                ),
            ));
        }
        Ok(())
    }

    /// Sets one front-matter value by name, as `tix kb edit --set KEY=VALUE` does: lists are
    /// comma-separated, an empty value clears `owner`, `tags` or `categories`.
    ///
    /// # Errors
    /// An unknown key or status (the result is checked by [`Article::validate`] afterwards).
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let list = |v: &str| -> Vec<String> {
            v.split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        match key {
            "title" => self.title = value.trim().to_string(),
            "tags" => self.tags = list(value),
            "categories" => self.categories = list(value),
            "owner" => self.owner = Some(value.trim().to_string()).filter(|o| !o.is_empty()),
            "status" => {
                self.status = ArticleStatus::parse(value.trim()).ok_or_else(|| {
                    format!(
                        "status {} is not draft or published",
                        text::quote_for_message(value)
                    )
                })?;
            }
            _ => {
                return Err(format!(
                    "unknown article key {}; the keys are {}",
                    text::quote_for_message(key),
                    KEYS.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The words `tix suggest` and `tix kb search` match: the title (twice, as a title says more
    /// per word than a body), the tags and the body.
    pub fn search_text(&self) -> String {
        format!(
            "{title}\n{title}\n{}\n{}",
            self.tags.join(" "),
            self.body,
            title = self.title
        )
    }
}

/// A slug from a title: lowercase ASCII letters and digits, other runs as one `-`, cut at a
/// word boundary; `article` when nothing is left.
pub fn slug_from_title(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > SLUG_FROM_TITLE_CHARS {
        let cut = slug
            .get(..=SLUG_FROM_TITLE_CHARS)
            .and_then(|s| s.rfind('-'))
            .unwrap_or(SLUG_FROM_TITLE_CHARS);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        "article".to_string()
    } else {
        slug
    }
}

/// Up to `n` of `known` closest to `wanted`, for "did you mean" hints: those containing it
/// first, then by edit distance, keeping those at most half the longer one's length away or
/// sharing a word (`printer-jam` finds `printer-on-floor-2-jams`).
pub fn nearest<'k>(wanted: &str, known: &[&'k str], n: usize) -> Vec<&'k str> {
    let words = |s: &'k str| s.split(['-', '_', '.']).filter(|w| w.len() > 2);
    let mut scored: Vec<(usize, &str)> = known
        .iter()
        .filter_map(|k| {
            if k.contains(wanted) || wanted.contains(k) {
                return Some((0, *k));
            }
            let d = edit_distance(wanted, k);
            let shares = words(k).any(|w| wanted.split(['-', '_', '.']).any(|v| v == w));
            (shares || d <= wanted.len().max(k.len()) / 2).then_some((d, *k))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, k)| k).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or_default();
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or_default();
            let left = row.get(j).copied().unwrap_or_default();
            let cost = usize::from(ca != *cb);
            let value = (diagonal + cost).min(above + 1).min(left + 1);
            diagonal = above;
            if let Some(slot) = row.get_mut(j + 1) {
                *slot = value;
            }
        }
    }
    row.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Article {
        Article {
            slug: "printer-jam".into(),
            title: "Printer on floor 2 jams".into(),
            tags: vec!["printer".into()],
            categories: vec!["hardware".into()],
            owner: Some("alice".into()),
            status: ArticleStatus::Published,
            body: "Open tray 2.\n\n- Pull the paper out.".into(),
        }
    }

    #[test]
    fn render_then_parse_round_trips() {
        let article = sample();
        let text = render(&article);
        assert!(
            text.starts_with("---\ntitle: Printer on floor 2 jams\n"),
            "{text}"
        );
        assert!(
            text.contains("status: published\n---\n\nOpen tray 2."),
            "{text}"
        );
        assert_eq!(parse("printer-jam", &text), Ok(article));
        let empty = Article {
            body: String::new(),
            owner: None,
            tags: vec![],
            ..sample()
        };
        assert_eq!(parse("printer-jam", &render(&empty)), Ok(empty));
    }

    #[test]
    fn a_missing_status_is_a_draft_and_crlf_files_parse() {
        let text = "---\r\ntitle: VPN\r\n---\r\nBody\r\n";
        let article = parse("vpn", text).unwrap();
        assert_eq!(article.status, ArticleStatus::Draft);
        assert_eq!(article.body, "Body");
    }

    #[test]
    fn unknown_keys_are_refused_with_the_file_line() {
        let text = "---\ntitle: VPN\nstauts: published\n---\nBody\n";
        let err = parse("vpn", text).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(
            err.message.contains("unknown field `stauts`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn broken_front_matter_is_reported_with_its_line() {
        for (text, line, says) in [
            ("no front matter\n", 1, "starts with a `---` line"),
            ("---\ntitle: x\n", 1, "never closed"),
            ("---\n---\nbody", 2, "empty"),
            ("---\ntitle: [oops\n---\n", 2, ""),
            ("---\ntitle: a\ntitle: b\n---\n", 3, "duplicate"),
            ("---\ntitle: a\ntags: &x [a]\n---\n", 3, "anchor"),
            ("---\ntitle: a\nstatus: done\n---\n", 3, "unknown variant"),
            ("---\ntitle: '  '\n---\n", 2, "title is empty"),
            ("---\ntitle: a\ntags: [two words]\n---\n", 3, "not one word"),
        ] {
            let err = parse("x", text).unwrap_err();
            assert_eq!(err.line, Some(line), "{text:?}: {err:?}");
            assert!(err.message.contains(says), "{text:?}: {}", err.message);
        }
    }

    #[test]
    fn set_changes_one_key_and_refuses_unknown_ones() {
        let mut article = sample();
        article.set("tags", "printer, toner").unwrap();
        article.set("owner", "").unwrap();
        article.set("status", "draft").unwrap();
        assert_eq!(article.tags, ["printer", "toner"]);
        assert_eq!(article.owner, None);
        assert_eq!(article.status, ArticleStatus::Draft);
        assert!(
            article
                .set("stat", "x")
                .unwrap_err()
                .contains("title, tags")
        );
        assert!(article.set("status", "done").is_err());
    }

    #[test]
    fn slugs_come_from_titles() {
        assert_eq!(
            slug_from_title("Printer on floor 2 jams!"),
            "printer-on-floor-2-jams"
        );
        assert_eq!(
            slug_from_title("  VPN: reset — your token "),
            "vpn-reset-your-token"
        );
        assert_eq!(slug_from_title("ÄÖÜ"), "article");
        let long = slug_from_title(&"word ".repeat(40));
        assert!(
            long.len() <= SLUG_FROM_TITLE_CHARS && !long.ends_with('-'),
            "{long}"
        );
        for title in ["Printer on floor 2 jams!", &"word ".repeat(40)] {
            crate::domain::ticket::validate_slug("slug", &slug_from_title(title)).unwrap();
        }
    }

    #[test]
    fn nearest_slugs_prefer_containment_then_distance() {
        let known = ["printer-jam", "vpn-reset", "printer-toner", "wifi"];
        assert_eq!(
            nearest("printer-jm", &known, 3),
            ["printer-jam", "printer-toner"]
        );
        assert_eq!(nearest("vpn", &known, 3), ["vpn-reset"]);
        assert!(nearest("zzzzzzzz", &known, 3).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
