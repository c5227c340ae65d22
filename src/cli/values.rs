//! Value parsers for command-line flags, so a malformed value is a usage error that clap
//! reports (naming the flag) before any command runs, and handlers receive typed values.

use chrono::{DateTime, Utc};
use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::domain::field::Field;
use crate::domain::ticket::validate_field_name;
use crate::output::Format;
use crate::sla::SlaDuration;

/// `--format` of a command that renders only some of the shared formats: clap lists (in
/// `--help`, in the error for any other value, in completions) exactly the ones in `accepted`.
pub fn format_of(accepted: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(accepted.iter().filter_map(ValueEnum::to_possible_value)).map(
        // Only the names of `accepted` get past the parser above, and each names a format.
        |name| Format::from_str(&name, false).unwrap_or(Format::Table),
    )
}

/// `--as-of`: RFC 3339, or a bare date meaning the end of that day in the local zone (what a
/// person reading a report expects).
pub fn instant(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| "not a time: use RFC 3339 (2026-03-02T09:00:00Z) or YYYY-MM-DD".to_string())?;
    let end = date.and_hms_opt(23, 59, 59).unwrap_or_default();
    Ok(end
        .and_local_timezone(chrono::Local)
        .earliest()
        .map_or_else(|| end.and_utc(), |t| t.with_timezone(&Utc)))
}

/// `--since` / `--until`: a day (its start, in a zone the command knows) or an exact instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(chrono::NaiveDate),
    At(DateTime<Utc>),
}

/// Parses `--since` and `--until`: `YYYY-MM-DD` or RFC 3339.
pub fn when(text: &str) -> Result<When, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(When::At(t.with_timezone(&Utc)));
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(When::Day)
        .map_err(|_| {
            "not a date: use YYYY-MM-DD (2026-11-01) or RFC 3339 (2026-11-01T09:00:00Z)".to_string()
        })
}

/// `--limit N`: a count of at least one (`--limit 0` would show nothing, which is never what a
/// person meant; leave the flag out for no limit).
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1; leave --limit out to show every ticket".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err("not a whole number of tickets such as 20".to_string()),
    }
}

/// `--warn-before 2h` and other business durations.
pub fn duration(text: &str) -> Result<SlaDuration, String> {
    text.parse::<SlaDuration>().map_err(|e| e.to_string())
}

/// `--set FIELD=VALUE`: the field is checked by the ticket (it may be `fields.NAME`).
pub fn assignment(text: &str) -> Result<(String, String), String> {
    let (field, value) = text
        .split_once('=')
        .ok_or_else(|| "expected FIELD=VALUE, e.g. --set priority=P1".to_string())?;
    Ok((field.trim().to_string(), value.to_string()))
}

/// The long help of `--set`: every field it accepts, from the table of built-in fields, so a new
/// field shows up in `tix edit --help` by itself.
pub fn set_help() -> String {
    let fields: Vec<String> = Field::ALL
        .into_iter()
        .map(|field| match field {
            Field::Tags => "tags (comma-separated)".to_string(),
            Field::Due => "due (YYYY-MM-DD or RFC 3339)".to_string(),
            field => field.name().to_string(),
        })
        .collect();
    format!(
        "Set a field, repeatable: --set priority=P1 --set tags=vpn,remote\n\n\
         FIELD is one of: {}, or fields.NAME for a custom field. An empty value clears an \
         optional field.",
        fields.join(", ")
    )
}

/// `--field KEY=VALUE`: a custom field with a valid name.
pub fn custom_field(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| "expected KEY=VALUE, e.g. --field room=B12".to_string())?;
    let key = key.trim();
    validate_field_name(key).map_err(|e| e.to_string())?;
    Ok((key.to_string(), value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_durations_and_pairs() {
        assert_eq!(
            instant("2026-03-02T09:00:00+01:00").map(|t| t.to_rfc3339()),
            Ok("2026-03-02T08:00:00+00:00".to_string())
        );
        assert!(instant("2026-03-02").is_ok());
        assert!(instant("yesterday").unwrap_err().contains("RFC 3339"));
        assert!(duration("2h").is_ok());
        assert!(duration("4x").is_err());
        assert_eq!(
            assignment("priority"),
            Err("expected FIELD=VALUE, e.g. --set priority=P1".into())
        );
        assert_eq!(
            assignment("priority=P1"),
            Ok(("priority".into(), "P1".into()))
        );
        assert_eq!(custom_field("room=a=1"), Ok(("room".into(), "a=1".into())));
        assert!(custom_field("2bad=x").is_err());
        assert!(
            custom_field("room")
                .unwrap_err()
                .starts_with("expected KEY=VALUE")
        );
    }

    #[test]
    fn limits_start_at_one() {
        assert_eq!(at_least_one("1"), Ok(1));
        assert_eq!(at_least_one("20"), Ok(20));
        assert!(at_least_one("0").unwrap_err().contains("at least 1"));
        assert!(at_least_one("-3").is_err());
        assert!(at_least_one("ten").is_err());
    }

    #[test]
    fn a_restricted_format_parses_only_its_values() {
        let cmd = clap::Command::new("t").arg(
            clap::Arg::new("format")
                .long("format")
                .value_parser(format_of(&[Format::Table, Format::Json])),
        );
        let parse = |value: &str| {
            cmd.clone()
                .try_get_matches_from(["t", "--format", value])
                .map(|m| m.get_one::<Format>("format").copied())
        };
        assert_eq!(parse("json").ok().flatten(), Some(Format::Json));
        assert_eq!(parse("table").ok().flatten(), Some(Format::Table));
        let refused = parse("csv").expect_err("csv is not accepted").to_string();
        assert!(
            refused.contains("[possible values: table, json]"),
            "{refused}"
        );
    }
}
