//! SLA durations as people write them in the config (`30m`, `4h`, `1h30m`, `2d`, `1w`).
//!
//! Hours, minutes and seconds are absolute; days and weeks are relative to the calendar a target
//! runs on, so that `1d` on a Mon-Fri 09-17 calendar means one business day (8 h), not 24 h. This
//! is why a parsed [`SlaDuration`] keeps its units apart and only becomes seconds through
//! [`SlaDuration::resolve`]. The module also owns the human rendering of second counts
//! ([`format_secs`]). It depends on nothing but the calendar's two lengths.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, de};

use super::calendar::Calendar;

/// Largest accepted duration, counted with 24 h days and 7-day weeks: 100 years. Keeping every
/// duration below this means resolving it can never overflow.
const MAX_NOMINAL_SECS: u64 = 100 * 365 * 86_400;

/// Examples shown in every parse error.
const EXAMPLES: &str = "e.g. 30m, 4h, 1h30m, 2d, 1w (units: w, d, h, m, s)";

/// Why a duration string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("empty duration; write one like {EXAMPLES}")]
    Empty,
    #[error("invalid duration `{value}`: `{number}` has no unit; write one like {EXAMPLES}")]
    MissingUnit { value: String, number: String },
    #[error("invalid duration `{value}`: unknown unit `{unit}`; write one like {EXAMPLES}")]
    UnknownUnit { value: String, unit: String },
    #[error(
        "invalid duration `{value}`: expected a number before `{unit}`; write one like {EXAMPLES}"
    )]
    MissingNumber { value: String, unit: char },
    #[error(
        "invalid duration `{value}`: units must appear once each, largest first; write one like {EXAMPLES}"
    )]
    UnitOrder { value: String },
    #[error("invalid duration `{value}`: longer than 100 years")]
    TooLarge { value: String },
    #[error("invalid duration `{value}`: must be longer than zero; write one like {EXAMPLES}")]
    NotPositive { value: String },
}

/// A duration as written: weeks and days (calendar-relative) plus absolute seconds.
///
/// # Examples
/// ```
/// use tix::sla::duration::SlaDuration;
/// let d: SlaDuration = "1h30m".parse().unwrap();
/// assert_eq!(d.to_string(), "1h30m");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SlaDuration {
    weeks: u64,
    days: u64,
    /// Hours, minutes and seconds, folded into seconds.
    secs: u64,
}

impl SlaDuration {
    /// A duration of whole absolute seconds (no calendar-relative part).
    pub fn from_secs(secs: u32) -> Self {
        Self {
            weeks: 0,
            days: 0,
            secs: u64::from(secs),
        }
    }

    /// True when every part is zero.
    pub fn is_zero(&self) -> bool {
        self.weeks == 0 && self.days == 0 && self.secs == 0
    }

    /// Seconds this duration stands for on `calendar`.
    ///
    /// On `24x7` a day is 86 400 s and a week 604 800 s. On a business calendar a day is the
    /// calendar's business-day length (weekly open time divided by the number of weekdays that
    /// have hours, e.g. 8 h for Mon-Fri 09-17) and a week is the weekly open time (40 h there).
    pub fn resolve(&self, calendar: &Calendar) -> i64 {
        // Bounded by MAX_NOMINAL_SECS (checked at parse) and day/week lengths <= 24 h / 7 d.
        let weeks = i64::try_from(self.weeks).unwrap_or(i64::MAX / 4);
        let days = i64::try_from(self.days).unwrap_or(i64::MAX / 4);
        let secs = i64::try_from(self.secs).unwrap_or(i64::MAX / 4);
        weeks
            .saturating_mul(calendar.week_secs())
            .saturating_add(days.saturating_mul(calendar.day_secs()))
            .saturating_add(secs)
    }

    fn parse_str(value: &str) -> Result<Self, DurationError> {
        let text = value.trim();
        if text.is_empty() {
            return Err(DurationError::Empty);
        }
        let mut out = SlaDuration::default();
        // Rank of the last unit seen: units must strictly decrease (w > d > h > m > s).
        let mut last_rank = u8::MAX;
        let mut number = String::new();
        for ch in text.chars() {
            if ch.is_ascii_digit() {
                number.push(ch);
                continue;
            }
            let (rank, unit_secs) = match ch.to_ascii_lowercase() {
                'w' => (4, 0),
                'd' => (3, 0),
                'h' => (2, 3600),
                'm' => (1, 60),
                's' => (0, 1),
                _ => {
                    return Err(DurationError::UnknownUnit {
                        value: value.to_string(),
                        unit: text[text.find(ch).unwrap_or(0)..].to_string(),
                    });
                }
            };
            if number.is_empty() {
                return Err(DurationError::MissingNumber {
                    value: value.to_string(),
                    unit: ch,
                });
            }
            if rank >= last_rank {
                return Err(DurationError::UnitOrder {
                    value: value.to_string(),
                });
            }
            last_rank = rank;
            let too_large = || DurationError::TooLarge {
                value: value.to_string(),
            };
            let n: u64 = number.parse().map_err(|_| too_large())?;
            number.clear();
            match rank {
                4 => out.weeks = n,
                3 => out.days = n,
                _ => {
                    let add = n.checked_mul(unit_secs).ok_or_else(too_large)?;
                    out.secs = out.secs.checked_add(add).ok_or_else(too_large)?;
                }
            }
            if out.nominal_secs().is_none_or(|s| s > MAX_NOMINAL_SECS) {
                return Err(too_large());
            }
        }
        if !number.is_empty() {
            return Err(DurationError::MissingUnit {
                value: value.to_string(),
                number,
            });
        }
        Ok(out)
    }

    /// Length with 24 h days and 7-day weeks; `None` on overflow.
    fn nominal_secs(&self) -> Option<u64> {
        self.weeks
            .checked_mul(7 * 86_400)?
            .checked_add(self.days.checked_mul(86_400)?)?
            .checked_add(self.secs)
    }
}

impl FromStr for SlaDuration {
    type Err = DurationError;

    /// Parses `30m`, `4h`, `1h30m`, `90s`, `2d`, `1w`, `1d4h`: numbers each followed by a unit,
    /// largest unit first, each unit at most once. `0m` is accepted here; config values are
    /// refused when zero (see the `Deserialize` impl).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_str(s)
    }
}

impl fmt::Display for SlaDuration {
    /// The compact form it was written in, normalised: `1w2d3h4m5s`, `0s` for zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0s");
        }
        let (h, rest) = (self.secs / 3600, self.secs % 3600);
        let (m, s) = (rest / 60, rest % 60);
        for (n, unit) in [
            (self.weeks, 'w'),
            (self.days, 'd'),
            (h, 'h'),
            (m, 'm'),
            (s, 's'),
        ] {
            if n > 0 {
                write!(f, "{n}{unit}")?;
            }
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for SlaDuration {
    /// Reads a config duration. Every duration in the config is a target or a warning lead
    /// time, so zero is refused here too; errors name the value and show valid examples.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = SlaDuration;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a duration, {EXAMPLES}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SlaDuration, E> {
                let d = SlaDuration::parse_str(v).map_err(E::custom)?;
                if d.is_zero() {
                    return Err(E::custom(DurationError::NotPositive {
                        value: v.to_string(),
                    }));
                }
                Ok(d)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SlaDuration, E> {
                Err(E::custom(DurationError::MissingUnit {
                    value: v.to_string(),
                    number: v.to_string(),
                }))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SlaDuration, E> {
                Err(E::custom(DurationError::MissingUnit {
                    value: v.to_string(),
                    number: v.to_string(),
                }))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Renders a second count for people: minutes rounded down, in hours and minutes.
///
/// Under an hour `45m`; otherwise `1h 30m` (or `2h` when the minutes are zero), never days:
/// these are business seconds, and "1d" would be ambiguous between 24 h and one business day.
/// Negative counts (overdue) get a leading `-`.
pub fn format_secs(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let minutes = secs.unsigned_abs() / 60;
    let body = match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<SlaDuration, DurationError> {
        s.parse()
    }

    #[test]
    fn parses_the_documented_forms() {
        let cases = [
            ("30m", 0, 0, 1800),
            ("4h", 0, 0, 14_400),
            ("1h30m", 0, 0, 5400),
            ("90s", 0, 0, 90),
            ("2d", 0, 2, 0),
            ("1w", 1, 0, 0),
            ("1d4h", 0, 1, 14_400),
            (" 2H ", 0, 0, 7200),
            ("0m", 0, 0, 0),
        ];
        for (text, weeks, days, secs) in cases {
            assert_eq!(parse(text), Ok(SlaDuration { weeks, days, secs }), "{text}");
        }
    }

    #[test]
    fn refuses_bad_forms_with_the_value_in_the_message() {
        let cases = [
            ("4x", "unknown unit `x`"),
            ("", "empty duration"),
            ("30", "has no unit"),
            ("h", "expected a number"),
            ("30m1h", "largest first"),
            ("1h1h", "largest first"),
            ("99999999999999999999h", "longer than 100 years"),
            ("5300w", "longer than 100 years"),
        ];
        for (text, needle) in cases {
            let err = parse(text).expect_err(text).to_string();
            assert!(err.contains(needle), "{text}: {err}");
            assert!(
                text.is_empty() || err.contains(text.trim()),
                "{text}: {err}"
            );
        }
        assert!(parse("4x").expect_err("4x").to_string().contains("30m"));
    }

    #[test]
    fn deserialize_refuses_zero_and_bare_numbers_with_location() {
        let err = serde_yaml_ng::from_str::<SlaDuration>("0m").expect_err("zero");
        assert!(err.to_string().contains("longer than zero"), "{err}");
        let err = serde_yaml_ng::from_str::<SlaDuration>("45").expect_err("bare");
        assert!(err.to_string().contains("no unit"), "{err}");
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            a: SlaDuration,
            b: SlaDuration,
        }
        let err = serde_yaml_ng::from_str::<Doc>("a: 1h\nb: 4x\n").expect_err("4x");
        let msg = err.to_string();
        assert!(msg.contains("line 2"), "{msg}");
        assert!(msg.contains("`4x`"), "{msg}");
    }

    #[test]
    fn resolves_days_and_weeks_against_the_calendar() {
        let always = Calendar::AlwaysOpen;
        assert_eq!(parse("1d").map(|d| d.resolve(&always)), Ok(86_400));
        assert_eq!(parse("1w").map(|d| d.resolve(&always)), Ok(604_800));
        let office: Calendar = serde_yaml_ng::from_str(
            "timezone: Europe/Berlin\nhours: {mon: [\"09:00-17:00\"], tue: [\"09:00-17:00\"], \
             wed: [\"09:00-17:00\"], thu: [\"09:00-17:00\"], fri: [\"09:00-12:00\", \"13:00-17:00\"]}",
        )
        .expect("calendar");
        // 4 x 8 h + 7 h = 39 h over 5 days: a business day is 7.8 h.
        assert_eq!(parse("1d").map(|d| d.resolve(&office)), Ok(28_080));
        assert_eq!(parse("1w").map(|d| d.resolve(&office)), Ok(39 * 3600));
        assert_eq!(parse("1d1h").map(|d| d.resolve(&office)), Ok(28_080 + 3600));
    }

    #[test]
    fn display_round_trips() {
        for text in ["1w2d3h4m5s", "30m", "1h30m", "2d", "0s"] {
            assert_eq!(parse(text).map(|d| d.to_string()).as_deref(), Ok(text));
        }
        assert_eq!(parse("90m").map(|d| d.to_string()).as_deref(), Ok("1h30m"));
    }

    #[test]
    fn format_secs_rounds_minutes_down() {
        let cases = [
            (0, "0m"),
            (59, "0m"),
            (61, "1m"),
            (3600, "1h"),
            (5399, "1h 29m"),
            (5400, "1h 30m"),
            (86_399, "23h 59m"),
            (86_400, "24h"),
            (2 * 86_400 + 3 * 3600 + 59 * 60, "51h 59m"),
            (-5400, "-1h 30m"),
        ];
        for (secs, text) in cases {
            assert_eq!(format_secs(secs), text, "{secs}");
        }
    }
}
