//! The one source of "now". The binary reads `TIX_NOW` into a [`Clock::Fixed`] so tests and
//! replays can build any timeline; nothing else in tix asks the operating system for the time.

use chrono::{DateTime, FixedOffset, Local, Utc};

/// Where the current time comes from.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    /// The current time with the local UTC offset (commit dates keep the author's offset).
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(t) => *t,
        }
    }

    pub fn now_utc(&self) -> DateTime<Utc> {
        self.now().with_timezone(&Utc)
    }
}

/// The viewer's time zone by name, for labelling local times (`CET`, `UTC`): `TZ` when it names
/// an IANA zone, else the system's zone. `None` when neither can be told (a POSIX `TZ` rule),
/// where times fall back to chrono's local zone with a numeric offset.
fn viewer_zone() -> Option<chrono_tz::Tz> {
    static ZONE: std::sync::OnceLock<Option<chrono_tz::Tz>> = std::sync::OnceLock::new();
    *ZONE.get_or_init(|| {
        let name = match std::env::var("TZ") {
            Ok(tz) => tz.trim_start_matches(':').to_string(),
            Err(_) => iana_time_zone::get_timezone().ok()?,
        };
        name.parse().ok()
    })
}

/// An instant in the viewer's zone to the minute, with the zone's name:
/// `2026-03-09 12:00 UTC`, `2026-03-09 13:00 CET`.
pub fn local_time(t: DateTime<Utc>) -> String {
    match viewer_zone() {
        Some(zone) => t
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string(),
        None => t
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M %:z")
            .to_string(),
    }
}
