//! The query language: `status:open assignee:@me priority:P1,P2 -tag:vip created:>7d "printer"`.
//!
//! Terms are separated by spaces and must all hold. `key:value` compares a field, a list of
//! values (`priority:P1,P2`) matches any of them, and repeating a key requires both. A leading
//! `-` negates a term. Anything else is text searched for in the title, description, comments
//! and resolution; double quotes keep a phrase (or a value) with spaces together. `@name`
//! stands for a saved view's query. The full reference is `tix help query` (README.md, "Finding
//! tickets").

use chrono::{DateTime, NaiveDate};

use super::{Bound, Field, Filter, Moment, Person, Role, Test, TextPattern};
use crate::domain::link::LinkKind;

/// The keys the language knows, for error messages and `tix help query`.
pub const KEYS: &[&str] = &[
    "status",
    "priority",
    "type",
    "category",
    "team",
    "tag",
    "assignee",
    "requester",
    "is",
    "created",
    "updated",
    "age",
    "asset",
    "template",
    "kb",
    "has",
    "parent",
    "children",
    "related",
    "duplicate_of",
    "duplicates",
    "blocks",
    "blocked_by",
    "field.NAME",
];

/// A query that cannot be read, naming the term and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query term '{term}': {reason}")]
pub struct ParseError {
    pub term: String,
    pub reason: String,
}

/// Parses `text` into filters. `now` (Unix seconds) anchors relative times (`7d` is seven days
/// before it); `view` looks a saved view's query up by name.
///
/// # Errors
/// The first term that is not understood: an unknown key or view, a value missing, a bad time,
/// an unclosed quote.
pub fn parse(
    text: &str,
    now: i64,
    view: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Filter>, ParseError> {
    let mut filters = Vec::new();
    for token in tokens(text)? {
        if let Some(name) = token.text.strip_prefix('@')
            && !token.quoted
        {
            let Some(body) = view(name) else {
                return Err(error(
                    &token.text,
                    "no such view; views are defined under `views:` in .tix/config.yaml",
                ));
            };
            // A view may not name views: no cycles to detect, and one place to read.
            let nested = parse(&body, now, &|_| None).map_err(|e| ParseError {
                term: token.text.clone(),
                reason: format!("in this view, {e}"),
            })?;
            if token.negated {
                return Err(error(&token.text, "a view cannot be negated"));
            }
            filters.extend(nested);
            continue;
        }
        let mut filter = term(&token, now)?;
        // `is:assigned` is itself a negation (of `assignee:-`).
        filter.negated ^= token.negated;
        filters.push(filter);
    }
    Ok(filters)
}

/// One space-separated term, its quotes removed.
struct Token {
    /// The term as written, for messages.
    written: String,
    negated: bool,
    /// The term without its `-`, quotes removed.
    text: String,
    /// Where `key:` ends in `text`, when the term has a key outside quotes.
    key_end: Option<usize>,
    /// Some part was quoted (a quoted word is always text, never a key or a view).
    quoted: bool,
}

fn tokens(text: &str) -> Result<Vec<Token>, ParseError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(out);
        }
        let mut token = Token {
            written: String::new(),
            negated: false,
            text: String::new(),
            key_end: None,
            quoted: false,
        };
        if chars.next_if_eq(&'-').is_some() {
            token.written.push('-');
            // A lone `-` (or `--`) is a word, not a negation of nothing.
            if chars.peek().is_none_or(|c| c.is_whitespace()) {
                token.text.push('-');
                out.push(token);
                continue;
            }
            token.negated = true;
        }
        let mut in_quotes = false;
        while let Some(c) = chars.next_if(|c| in_quotes || !c.is_whitespace()) {
            token.written.push(c);
            match c {
                '"' => {
                    in_quotes = !in_quotes;
                    token.quoted = true;
                }
                ':' if !in_quotes && !token.quoted && token.key_end.is_none() => {
                    token.key_end = Some(token.text.len());
                    token.text.push(c);
                }
                _ => token.text.push(c),
            }
        }
        if in_quotes {
            return Err(error(&token.written, "the quote is not closed"));
        }
        out.push(token);
    }
}

fn error(term: &str, reason: impl Into<String>) -> ParseError {
    ParseError {
        term: term.to_string(),
        reason: reason.into(),
    }
}

/// The filter one term stands for (not yet negated).
fn term(token: &Token, now: i64) -> Result<Filter, ParseError> {
    let source = token.written.trim_start_matches('-').to_string();
    let Some(key_end) = token.key_end else {
        let pattern = TextPattern::literal(&token.text).map_err(|e| error(&token.written, e))?;
        return Ok(Filter::new(Test::Text(pattern), source));
    };
    let key = token.text.get(..key_end).unwrap_or_default();
    let value = token.text.get(key_end + 1..).unwrap_or_default().trim();
    let bad = |reason: String| error(&token.written, reason);
    if value.is_empty() {
        return Err(bad(format!("{key}: needs a value, as in {key}:VALUE")));
    }
    let values = || -> Result<Vec<String>, ParseError> {
        let list: Vec<String> = value.split(',').map(|v| v.trim().to_string()).collect();
        if list.iter().any(String::is_empty) {
            return Err(bad(format!("{key}: an empty value in the list '{value}'")));
        }
        Ok(list)
    };
    let field = |field| -> Result<Test, ParseError> {
        Ok(Test::Values {
            field,
            values: values()?,
        })
    };
    let people = |role| -> Result<Test, ParseError> {
        let people = values()?
            .into_iter()
            .map(|written| Person {
                forms: vec![written.clone()],
                written,
            })
            .collect();
        Ok(Test::People { role, people })
    };
    let test = match key {
        "status" => field(Field::Status)?,
        "priority" => field(Field::Priority)?,
        "type" => field(Field::Type)?,
        "category" => field(Field::Category)?,
        "team" => field(Field::Team)?,
        "tag" | "tags" => field(Field::Tag)?,
        "assignee" => people(Role::Assignee)?,
        "requester" => people(Role::Requester)?,
        "asset" => field(Field::Asset)?,
        "template" => field(Field::Template)?,
        "kb" => field(Field::Kb)?,
        // `has:parent` is "not parent:-": the ticket has a link of the kind.
        "has" => {
            let field = match value {
                "asset" => Field::Asset,
                "template" => Field::Template,
                "kb" => Field::Kb,
                _ => Field::Link(LinkKind::parse(value).ok_or_else(|| {
                    bad(format!(
                        "has: takes asset, template, kb or a link kind ({})",
                        LinkKind::names().collect::<Vec<_>>().join(", ")
                    ))
                })?),
            };
            let test = Test::Values {
                field,
                values: vec!["-".into()],
            };
            let mut filter = Filter::new(test, source);
            filter.negated = true;
            return Ok(filter);
        }
        "is" => match value {
            "open" => Test::Done(false),
            "done" => Test::Done(true),
            "unassigned" | "assigned" => {
                let test = Test::People {
                    role: Role::Assignee,
                    people: vec![Person {
                        written: "-".into(),
                        forms: vec!["-".into()],
                    }],
                };
                let mut filter = Filter::new(test, source);
                filter.negated = value == "assigned";
                return Ok(filter);
            }
            _ => {
                return Err(bad(
                    "is: takes open, done, assigned or unassigned".to_string()
                ));
            }
        },
        "created" | "updated" => {
            let moment = if key == "created" {
                Moment::Created
            } else {
                Moment::Updated
            };
            Test::Time {
                moment,
                bound: time_bound(value, now).map_err(bad)?,
            }
        }
        "age" => Test::Time {
            moment: Moment::Created,
            bound: age_bound(value, now).map_err(bad)?,
        },
        _ => {
            if let Some(kind) = LinkKind::parse(key) {
                field(Field::Link(kind))?
            } else if let Some(name) = key
                .strip_prefix("field.")
                .or_else(|| key.strip_prefix("fields."))
                .filter(|n| !n.is_empty())
            {
                field(Field::Custom(name.to_string()))?
            } else {
                return Err(bad(format!(
                    "unknown key '{key}'; keys: {}; to search for the text, quote it: \"{}\"",
                    KEYS.join(", "),
                    token.text
                )));
            }
        }
    };
    Ok(Filter::new(test, source))
}

/// Splits a leading comparison operator off a value.
fn operator(value: &str) -> (&str, &str) {
    for op in [">=", "<=", ">", "<"] {
        if let Some(rest) = value.strip_prefix(op) {
            return (op, rest.trim());
        }
    }
    ("", value)
}

/// Seconds in a relative time such as `7d` (`m`inutes, `h`ours, `d`ays, `w`eeks).
fn span(value: &str) -> Option<i64> {
    let unit = value.chars().last()?;
    let number: i64 = value.get(..value.len() - unit.len_utf8())?.parse().ok()?;
    let seconds = match unit {
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return None,
    };
    number.checked_mul(seconds).filter(|s| *s >= 0)
}

const TIME_FORMS: &str = "a time is 30m, 12h, 7d or 2w ago, a date (2026-11-30, UTC) or an \
                          RFC 3339 time, optionally after >, >=, < or <=";

/// `created:`/`updated:` values: `>7d` (after seven days ago: within the last week),
/// `<2026-11-01`, `2026-11-30` (that whole day, UTC), `7d` (within the last seven days).
fn time_bound(value: &str, now: i64) -> Result<Bound, String> {
    let (op, rest) = operator(value);
    let (at, end) = if let Some(secs) = span(rest) {
        (now - secs, None)
    } else if let Ok(date) = NaiveDate::parse_from_str(rest, "%Y-%m-%d") {
        let start = date
            .and_hms_opt(0, 0, 0)
            .map(|d| d.and_utc().timestamp())
            .ok_or_else(|| TIME_FORMS.to_string())?;
        (start, Some(start + 86_400))
    } else if let Ok(time) = DateTime::parse_from_rfc3339(rest) {
        (time.timestamp(), Some(time.timestamp() + 1))
    } else {
        return Err(format!("'{rest}' is not a time; {TIME_FORMS}"));
    };
    Ok(match (op, end) {
        (">", Some(end)) => Bound::AtOrAfter(end),
        (">", None) => Bound::After(at),
        (">=", _) => Bound::AtOrAfter(at),
        ("<", _) => Bound::Before(at),
        ("<=", Some(end)) => Bound::Before(end),
        ("<=", None) => Bound::AtOrBefore(at),
        (_, Some(end)) => Bound::Within(at, end),
        (_, None) => Bound::AtOrAfter(at),
    })
}

/// `age:` values: `>7d` is older than seven days, `<2h` younger than two hours.
fn age_bound(value: &str, now: i64) -> Result<Bound, String> {
    let (op, rest) = operator(value);
    let Some(secs) = span(rest) else {
        return Err(format!(
            "'{value}' is not an age; write >7d (older than 7 days) or <2h (younger than 2 \
             hours), in m, h, d or w"
        ));
    };
    let at = now - secs;
    match op {
        ">" => Ok(Bound::Before(at)),
        ">=" => Ok(Bound::AtOrBefore(at)),
        "<" => Ok(Bound::After(at)),
        "<=" => Ok(Bound::AtOrAfter(at)),
        _ => Err(format!(
            "'{value}' needs > or < (age:>7d is older than 7 days, age:<2h younger than 2 hours)"
        )),
    }
}
