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
