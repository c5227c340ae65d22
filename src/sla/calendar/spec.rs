//! The YAML shape of calendars and its validation: time zones, `HH:MM-HH:MM` intervals,
//! weekday keys, holidays, the reserved `24x7` name.
//!
//! Every check runs inside a serde visitor, so serde_yaml_ng reports the offending value's line
//! and column. The arithmetic tables are built from a checked [`CalendarSpec`] by the parent
//! module; this one knows nothing about business time.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, de};

use super::{ALWAYS_OPEN_NAME, BusinessCalendar, Calendar, Calendars};

/// Why a calendar definition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("unknown time zone `{0}`; use an IANA name like Europe/Berlin or America/New_York")]
    UnknownTimeZone(String),
    #[error("invalid time `{value}`; write HH:MM (00:00 to 23:59, or 24:00 as a closing time)")]
    BadTime { value: String },
    #[error("invalid interval `{value}`; write it as HH:MM-HH:MM, e.g. 09:00-17:00")]
    BadInterval { value: String },
    #[error("interval `{value}` is empty or inverted; the opening must come before the closing")]
    InvertedInterval { value: String },
    #[error("intervals `{first}` and `{second}` overlap; list each working period once")]
    OverlappingIntervals { first: String, second: String },
    #[error(
        "invalid holiday `{value}`; write a date like 2026-12-25 or a date and interval like 2026-12-24 12:00-24:00"
    )]
    BadHoliday { value: String },
    #[error(
        "the calendar has no working time; give at least one day some hours, e.g. mon: [\"09:00-17:00\"]"
    )]
    NoWorkingTime,
    #[error(
        "`24x7` is the built-in always-open calendar and cannot be redefined; choose another name"
    )]
    ReservedName,
}

/// One local opening interval `[open, close)` of a day, in seconds after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayInterval {
    /// Seconds after local midnight, `0..86400`.
    pub open: u32,
    /// Seconds after local midnight, `open < close <= 86400` (`86400` is `24:00`).
    pub close: u32,
}

impl DayInterval {
    /// Length in seconds.
    pub fn secs(&self) -> i64 {
        i64::from(self.close) - i64::from(self.open)
    }
}

fn parse_hhmm(value: &str, allow_24: bool) -> Result<u32, CalendarError> {
    let bad = || CalendarError::BadTime {
        value: value.to_string(),
    };
    let (h, m) = value.trim().split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    match (h, m) {
        (24, 0) if allow_24 => Ok(86_400),
        (0..=23, 0..=59) => Ok(h * 3600 + m * 60),
        _ => Err(bad()),
    }
}

fn fmt_hhmm(secs: u32) -> String {
    format!("{:02}:{:02}", secs / 3600, (secs % 3600) / 60)
}

impl FromStr for DayInterval {
    type Err = CalendarError;

    /// Parses `HH:MM-HH:MM`; `24:00` is allowed as the closing time only.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (open, close) = s
            .split_once('-')
            .ok_or_else(|| CalendarError::BadInterval {
                value: s.to_string(),
            })?;
        let open = parse_hhmm(open, false)?;
        let close = parse_hhmm(close, true)?;
        if open >= close {
            return Err(CalendarError::InvertedInterval {
                value: s.trim().to_string(),
            });
        }
        Ok(Self { open, close })
    }
}

impl fmt::Display for DayInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", fmt_hhmm(self.open), fmt_hhmm(self.close))
    }
}

/// Deserializes a string through `FromStr`. The parse runs inside the visitor so that
/// serde_yaml_ng attaches the value's line and column to the error.
fn from_str_de<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    struct Visitor<T>(std::marker::PhantomData<T>);
    impl<T> de::Visitor<'_> for Visitor<T>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            v.parse().map_err(E::custom)
        }
    }
    deserializer.deserialize_str(Visitor(std::marker::PhantomData))
}

impl<'de> Deserialize<'de> for DayInterval {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str_de(deserializer)
    }
}

/// The opening intervals of one weekday, sorted and non-overlapping (may be empty: closed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DayHours(Vec<DayInterval>);

impl DayHours {
    /// Sorts the intervals and refuses overlaps.
    ///
    /// # Errors
    /// [`CalendarError::OverlappingIntervals`] naming the first two that overlap.
    pub fn new(mut intervals: Vec<DayInterval>) -> Result<Self, CalendarError> {
        intervals.sort();
        for (first, second) in intervals.iter().zip(intervals.iter().skip(1)) {
            if second.open < first.close {
                return Err(CalendarError::OverlappingIntervals {
                    first: first.to_string(),
                    second: second.to_string(),
                });
            }
        }
        Ok(Self(intervals))
    }

    /// The intervals, sorted by opening time.
    pub fn intervals(&self) -> &[DayInterval] {
        &self.0
    }
}

impl<'de> Deserialize<'de> for DayHours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = DayHours;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of intervals like [\"09:00-12:00\", \"13:00-17:00\"]")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<DayHours, A::Error> {
                let mut intervals = Vec::new();
                while let Some(iv) = seq.next_element::<DayInterval>()? {
                    intervals.push(iv);
                }
                // Refused inside the visitor, so the error carries the list's position.
                DayHours::new(intervals).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_seq(Visitor)
    }
}

/// Weekly hours as configured: one entry per weekday key; a missing day is closed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekHours {
    #[serde(default)]
    pub mon: DayHours,
    #[serde(default)]
    pub tue: DayHours,
    #[serde(default)]
    pub wed: DayHours,
    #[serde(default)]
    pub thu: DayHours,
    #[serde(default)]
    pub fri: DayHours,
    #[serde(default)]
    pub sat: DayHours,
    #[serde(default)]
    pub sun: DayHours,
}

impl WeekHours {
    /// The days Monday first.
    pub fn days(&self) -> [&DayHours; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
    }
}

/// A holiday: a whole local date, or a local interval of a date, closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Holiday {
    pub date: NaiveDate,
    /// `None` closes the whole day.
    pub closed: Option<DayInterval>,
}

impl FromStr for Holiday {
    type Err = CalendarError;

    /// Parses `2026-12-25` or `2026-12-24 12:00-24:00`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || CalendarError::BadHoliday {
            value: s.to_string(),
        };
        let text = s.trim();
        let (date, rest) = match text.split_once(char::is_whitespace) {
            Some((d, r)) => (d, Some(r.trim())),
            None => (text, None),
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| bad())?;
        let closed = match rest {
            None => None,
            Some(r) => Some(r.parse::<DayInterval>()?),
        };
        Ok(Self { date, closed })
    }
}

impl<'de> Deserialize<'de> for Holiday {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str_de(deserializer)
    }
}

/// An IANA time zone name, checked when read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneName(pub Tz);

impl FromStr for ZoneName {
    type Err = CalendarError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim()
            .parse::<Tz>()
            .map(ZoneName)
            .map_err(|_| CalendarError::UnknownTimeZone(s.to_string()))
    }
}

impl<'de> Deserialize<'de> for ZoneName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str_de(deserializer)
    }
}

/// The YAML shape of a calendar, before its arithmetic tables are built.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    pub timezone: ZoneName,
    #[serde(default)]
    pub hours: WeekHours,
    #[serde(default)]
    pub holidays: Vec<Holiday>,
}

impl<'de> Deserialize<'de> for Calendar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Calendar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a calendar with timezone, hours and holidays")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Calendar, A::Error> {
                let spec = CalendarSpec::deserialize(de::value::MapAccessDeserializer::new(map))?;
                // Refused inside the visitor, so the error carries the calendar's position.
                BusinessCalendar::new(spec)
                    .map(|b| Calendar::Business(Box::new(b)))
                    .map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A configured calendar's name: anything but `24x7`.
struct CalendarName(String);

impl FromStr for CalendarName {
    type Err = CalendarError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == ALWAYS_OPEN_NAME {
            return Err(CalendarError::ReservedName);
        }
        Ok(Self(s.to_string()))
    }
}

impl<'de> Deserialize<'de> for CalendarName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str_de(deserializer)
    }
}

impl<'de> Deserialize<'de> for Calendars {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Calendars;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of calendar names to calendars")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Calendars, A::Error> {
                let mut out = Calendars::default();
                while let Some(CalendarName(name)) = map.next_key()? {
                    let calendar = map.next_value::<Calendar>()?;
                    out.0.insert(name, calendar);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}
