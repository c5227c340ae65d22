//! Recurring incidents: the same normalised title, or the same category and tag, on several
//! tickets created in the period: candidates for problem management.
//!
//! A title is normalised by lower-casing it, dropping reply and forward prefixes (`re:`, `fw:`,
//! `fwd:`), turning punctuation into spaces and collapsing spaces, so "RE: VPN down!" and
//! "vpn down" are one. Digits are kept: "printer 3" and "printer 4" are different printers.

use std::collections::BTreeMap;

use super::facts::Facts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pattern {
    Title,
    CategoryTag,
}

impl Pattern {
    pub fn as_str(self) -> &'static str {
        match self {
            Pattern::Title => "title",
            Pattern::CategoryTag => "category_tag",
        }
    }
}

/// One recurring pattern and the tickets showing it, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurring {
    pub pattern: Pattern,
    /// The normalised title, or `category / tag`.
    pub key: String,
    pub tickets: Vec<String>,
}

/// The title as compared for recurrence.
pub fn normalise_title(title: &str) -> String {
    let lower = title.to_lowercase();
    let mut rest = lower.trim_start();
    while let Some(stripped) = ["re:", "fwd:", "fw:", "aw:", "wg:"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
    {
        rest = stripped.trim_start();
    }
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `category / tag` keys of a ticket filed under `category` with `tags` (blank tags skipped),
/// the same in `tix report` and `tix problems`.
pub fn category_tags<'a>(
    category: &'a str,
    tags: impl IntoIterator<Item = &'a str> + 'a,
) -> impl Iterator<Item = String> + 'a {
    tags.into_iter()
        .filter(|t| !t.is_empty())
        .map(move |tag| format!("{category} / {tag}"))
}

/// Patterns shared by at least `min` of `facts` (the tickets created in the period), the most
/// frequent first.
pub fn recurring(facts: &[&Facts<'_>], min: usize) -> Vec<Recurring> {
    // Each pattern's tickets with their creation time, to list them oldest first.
    type Seen<'f> = BTreeMap<(Pattern, String), Vec<(chrono::DateTime<chrono::Utc>, &'f str)>>;
    let mut seen: Seen<'_> = BTreeMap::new();
    for f in facts {
        let entry = (f.created, f.id());
        let title = normalise_title(&f.last.title);
        if !title.is_empty() {
            seen.entry((Pattern::Title, title)).or_default().push(entry);
        }
        if let (Some(category), Some(tags)) = (&f.last.category, &f.last.tags) {
            for key in category_tags(category, tags.split(", ")) {
                seen.entry((Pattern::CategoryTag, key))
                    .or_default()
                    .push(entry);
            }
        }
    }
    let mut out: Vec<Recurring> = seen
        .into_iter()
        .filter(|(_, tickets)| tickets.len() >= min.max(1))
        .map(|((pattern, key), mut tickets)| {
            tickets.sort();
            Recurring {
                pattern,
                key,
                tickets: tickets.into_iter().map(|(_, id)| id.to_string()).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.tickets
            .len()
            .cmp(&a.tickets.len())
            .then(a.pattern.cmp(&b.pattern))
            .then(a.key.cmp(&b.key))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_without_case_prefixes_or_punctuation() {
        assert_eq!(normalise_title("RE: Fwd:  VPN down!!"), "vpn down");
        assert_eq!(normalise_title("vpn   down"), "vpn down");
        assert_eq!(normalise_title("Printer 3 jammed"), "printer 3 jammed");
        assert_eq!(normalise_title("?!"), "");
    }
}
