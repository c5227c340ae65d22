//! Business calendars and exact business-time arithmetic (DESIGN 6.1).
//!
//! A calendar is either the built-in `24x7` (absolute elapsed time) or an IANA time zone with
//! weekly local opening intervals and holidays. The reference definition is *day by day*: each
//! local opening and closing of a local date is mapped to its real UTC instant (a local time in
//! a DST gap maps to the first instant after the gap, an ambiguous one to the earliest), and
//! `working(a, b)` is the measure of `[a, b)` inside those UTC intervals. That definition lives
//! in the `slow_*` functions and is what the tests compare against.
//!
//! Evaluating thousands of tickets per command cannot afford a day loop with time-zone
//! conversions, so the public functions use a cumulative count instead: the working seconds
//! before the start of local day `D` are `weeks * weekly_open + prefix(weekday)` minus the time
//! holidays take away plus, for the few days that touch a UTC-offset change, the difference
//! between their true and their nominal open time. The offset changes of the zone are found
//! once per calendar (lazily, 1970-2100) and those days' corrections are precomputed, so
//! `working` and `add` cost a few binary searches whatever the span. Outside 1970-2100 the
//! slow path is used. Assumption: a zone never changes its offset and changes it back within
//! one week (no real zone does).
//!
//! Instants are whole seconds: sub-second parts of inputs are dropped. This module knows
//! nothing about tickets or policies.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{GapInfo, Tz};

use index::SortedKeys;
pub use spec::{CalendarError, CalendarSpec, DayInterval, Holiday, WeekHours};

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;
/// The name of the built-in always-open calendar.
pub const ALWAYS_OPEN_NAME: &str = "24x7";
/// The fast path knows the zone's offset changes between these instants (1970-01-01 and
/// 2100-01-01 UTC); spans reaching outside them use the day-by-day path.
const FAST_FROM: i64 = 0;
const FAST_UNTIL: i64 = 4_102_444_800;
/// Keep this far from the ends of the fast window, so that every day the fast path touches has
/// its neighbours inside the scanned range.
const FAST_MARGIN: i64 = 4 * DAY;
/// Largest span `add` honours: 100 years of seconds.
const MAX_ADD_SECS: i64 = 100 * 365 * DAY;
/// Day numbers the lookup tables are bucketed over (the fast window plus slack).
const INDEX_FROM_DAY: i64 = FAST_FROM / DAY - 16;
const INDEX_UNTIL_DAY: i64 = FAST_UNTIL / DAY + 16;
/// Buckets of 32 days for day-keyed tables, about 24 days for instant-keyed ones.
const DAY_SHIFT: u32 = 5;
const INSTANT_SHIFT: u32 = 21;

/// A calendar: the built-in always-open one or a business calendar.
#[derive(Debug, Clone, PartialEq)]
pub enum Calendar {
    /// `24x7`: every second counts.
    AlwaysOpen,
    /// Boxed: the lookup tables make it large.
    Business(Box<BusinessCalendar>),
}

/// The built-in `24x7` calendar.
pub static ALWAYS_OPEN: Calendar = Calendar::AlwaysOpen;

fn ts(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

fn from_ts(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or(if t < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

impl Calendar {
    /// The calendar's time zone (UTC for `24x7`).
    pub fn zone(&self) -> Tz {
        match self {
            Calendar::AlwaysOpen => Tz::UTC,
            Calendar::Business(b) => b.timezone(),
        }
    }

    /// Working seconds in `[a, b)`; zero when `b <= a`.
    pub fn working(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> i64 {
        self.working_secs(ts(a), ts(b))
    }

    /// The earliest instant `t >= start` with `working(start, t) == secs`; `start` itself when
    /// `secs <= 0`. A span that uses up a day exactly ends at its closing time.
    pub fn add(&self, start: DateTime<Utc>, secs: i64) -> DateTime<Utc> {
        from_ts(self.add_secs(ts(start), secs))
    }

    /// Whether `t` lies inside an opening interval (`[open, close)`).
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        self.is_open_at(ts(t))
    }

    /// The first instant at or after `t` that is open (`t` itself when open).
    pub fn next_open(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        // The second that brings the working count to 1 starts at the first open instant.
        from_ts(self.add_secs(ts(t), 1) - 1)
    }

    /// Length of one calendar day in duration arithmetic (`1d`): 24 h on `24x7`, else the
    /// weekly open time divided by the number of weekdays with hours.
    pub fn day_secs(&self) -> i64 {
        match self {
            Calendar::AlwaysOpen => DAY,
            Calendar::Business(c) => c.weekly_open / c.open_days,
        }
    }

    /// Length of one calendar week in duration arithmetic (`1w`): 7 x 24 h on `24x7`, else the
    /// weekly open time.
    pub fn week_secs(&self) -> i64 {
        match self {
            Calendar::AlwaysOpen => WEEK,
            Calendar::Business(c) => c.weekly_open,
        }
    }

    /// [`Calendar::working`] on Unix seconds.
    pub fn working_secs(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        match self {
            Calendar::AlwaysOpen => b - a,
            Calendar::Business(c) => c.working(a, b),
        }
    }

    /// [`Calendar::add`] on Unix seconds.
    pub fn add_secs(&self, start: i64, secs: i64) -> i64 {
        if secs <= 0 {
            return start;
        }
        // Durations are at most 100 years (see `duration`); clamping keeps absurd inputs from
        // overflowing the counts.
        let secs = secs.min(MAX_ADD_SECS);
        match self {
            Calendar::AlwaysOpen => start.saturating_add(secs),
            Calendar::Business(c) => c.add(start, secs),
        }
    }

    /// [`Calendar::is_open`] on Unix seconds.
    pub fn is_open_at(&self, t: i64) -> bool {
        self.working_secs(t, t + 1) == 1
    }

    /// The open stretches inside `[a, b)` in order, as Unix seconds: what `working_secs(a, b)`
    /// adds up, for showing the arithmetic. Day by day, so meant for one clock, not thousands.
    pub fn open_intervals(&self, a: i64, b: i64) -> Vec<(i64, i64)> {
        if b <= a {
            return Vec::new();
        }
        match self {
            Calendar::AlwaysOpen => vec![(a, b)],
            Calendar::Business(c) => c.open_intervals(a, b),
        }
    }

    /// Local dates inside `[a, b)` on which a holiday took away open time.
    pub fn holidays_between(&self, a: i64, b: i64) -> Vec<NaiveDate> {
        match self {
            Calendar::AlwaysOpen => Vec::new(),
            Calendar::Business(c) if b > a => c.holidays_between(a, b),
            Calendar::Business(_) => Vec::new(),
        }
    }
}

/// A time-zone calendar with weekly hours and holidays, plus its lookup tables.
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    tz: Tz,
    hours: WeekHours,
    holidays: Vec<Holiday>,
    /// Monday first: sorted opening intervals.
    week: [Vec<DayInterval>; 7],
    /// `day_prefix[i]`: open seconds from Monday 00:00 to the start of weekday `i`.
    day_prefix: [i64; 8],
    weekly_open: i64,
    open_days: i64,
    /// Holiday dates (day numbers since 1970-01-01), sorted.
    holiday_days: SortedKeys,
    /// Effective intervals of each holiday date, parallel to `holiday_days`.
    holiday_open: Vec<Vec<DayInterval>>,
    /// `holiday_loss_prefix[i]`: seconds the first `i` holiday dates take away.
    holiday_loss_prefix: Vec<i64>,
    /// Built on first use: the days touching an offset change and their corrections.
    dst: OnceLock<DstTable>,
}

impl PartialEq for BusinessCalendar {
    fn eq(&self, other: &Self) -> bool {
        self.tz == other.tz && self.hours == other.hours && self.holidays == other.holidays
    }
}

/// The zone's offset changes in the fast window, and the days whose true open time differs
/// from the nominal one because they touch such a change.
#[derive(Debug, Clone, Default)]
struct DstTable {
    /// Offset in force at the start of the scanned range.
    first_offset: i64,
    /// Sorted instants where the offset changes.
    changes: SortedKeys,
    /// The offset from each change on, parallel to `changes`.
    change_offsets: Vec<i64>,
    /// Sorted day numbers of the irregular days.
    days: SortedKeys,
    /// `prefix[i]`: sum of (true - nominal) open seconds over the first `i` days.
    prefix: Vec<i64>,
}

/// Seconds of `[0, upto)` covered by `intervals` (local seconds of one day).
fn open_before(intervals: &[DayInterval], upto: i64) -> i64 {
    intervals
        .iter()
        .map(|iv| (upto.min(i64::from(iv.close)) - i64::from(iv.open)).max(0))
        .sum()
}

/// `base` minus `closed`, for a holiday.
fn subtract(base: &[DayInterval], closed: &[DayInterval]) -> Vec<DayInterval> {
    let mut out = Vec::new();
    for iv in base {
        let mut pieces = vec![*iv];
        for c in closed {
            let mut next = Vec::new();
            for p in pieces {
                if c.close <= p.open || c.open >= p.close {
                    next.push(p);
                    continue;
                }
                if p.open < c.open {
                    next.push(DayInterval {
                        open: p.open,
                        close: c.open,
                    });
                }
                if c.close < p.close {
                    next.push(DayInterval {
                        open: c.close,
                        close: p.close,
                    });
                }
            }
            pieces = next;
        }
        out.extend(pieces);
    }
    out
}

fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - 719_163
}

/// Monday = 0. Day 0 (1970-01-01) was a Thursday.
fn weekday_of(day: i64) -> usize {
    // rem_euclid(7) is in 0..7.
    (day + 3).rem_euclid(7) as usize
}

impl BusinessCalendar {
    /// Builds the tables for a calendar definition.
    ///
    /// # Errors
    /// [`CalendarError::NoWorkingTime`] when no weekday has hours.
    pub fn new(spec: CalendarSpec) -> Result<Self, CalendarError> {
        let week: [Vec<DayInterval>; 7] = spec.hours.days().map(|d| d.intervals().to_vec());
        let mut day_prefix = [0i64; 8];
        let mut weekly_open = 0;
        for (slot, day) in day_prefix.iter_mut().skip(1).zip(&week) {
            weekly_open += day.iter().map(DayInterval::secs).sum::<i64>();
            *slot = weekly_open;
        }
        if weekly_open == 0 {
            return Err(CalendarError::NoWorkingTime);
        }
        let open_days = week.iter().filter(|d| !d.is_empty()).count() as i64;

        let mut closed: BTreeMap<i64, Vec<DayInterval>> = BTreeMap::new();
        for h in &spec.holidays {
            let iv = h.closed.unwrap_or(DayInterval {
                open: 0,
                close: 86_400,
            });
            closed.entry(day_number(h.date)).or_default().push(iv);
        }
        let mut holiday_keys = Vec::with_capacity(closed.len());
        let mut holiday_open = Vec::with_capacity(closed.len());
        let mut holiday_loss_prefix = vec![0];
        for (day, closed) in closed {
            let base = week.get(weekday_of(day)).map_or(&[][..], Vec::as_slice);
            let open = subtract(base, &closed);
            let loss = open_before(base, DAY) - open_before(&open, DAY);
            let last = holiday_loss_prefix.last().copied().unwrap_or(0);
            holiday_loss_prefix.push(last + loss);
            holiday_keys.push(day);
            holiday_open.push(open);
        }
        Ok(Self {
            tz: spec.timezone.0,
            hours: spec.hours,
            holidays: spec.holidays,
            week,
            day_prefix,
            weekly_open,
            open_days,
            holiday_days: SortedKeys::new(holiday_keys, INDEX_FROM_DAY, INDEX_UNTIL_DAY, DAY_SHIFT),
            holiday_open,
            holiday_loss_prefix,
            dst: OnceLock::new(),
        })
    }

    /// The calendar's time zone.
    pub fn timezone(&self) -> Tz {
        self.tz
    }

    /// Open seconds in a week without holidays.
    pub fn weekly_open_secs(&self) -> i64 {
        self.weekly_open
    }

    /// The nominal local intervals of a day: its weekday's hours, less any holiday.
    fn day_intervals(&self, day: i64) -> &[DayInterval] {
        let i = self.holiday_days.lower_bound(day);
        match (self.holiday_days.keys().get(i), self.holiday_open.get(i)) {
            (Some(d), Some(open)) if *d == day => open,
            // `weekday_of` is in 0..7, so there is always a weekday.
            _ => self.week.get(weekday_of(day)).map_or(&[], Vec::as_slice),
        }
    }

    /// The UTC offset at `t` according to chrono-tz.
    fn tz_offset(&self, t: i64) -> i64 {
        let naive = from_ts(t).naive_utc();
        i64::from(
            self.tz
                .offset_from_utc_datetime(&naive)
                .fix()
                .local_minus_utc(),
        )
    }

    /// The UTC offset at `t`: from the scanned table inside the fast window (a binary search
    /// over a few hundred integers), else from chrono-tz.
    fn offset_at(&self, t: i64) -> i64 {
        if !Self::in_fast_window(t) {
            return self.tz_offset(t);
        }
        let dst = self.dst();
        match dst.changes.lower_bound(t + 1) {
            0 => dst.first_offset,
            i => dst
                .change_offsets
                .get(i - 1)
                .copied()
                .unwrap_or(dst.first_offset),
        }
    }

    /// The local day number `t` falls on (reference path: asks chrono-tz).
    fn local_day(&self, t: i64) -> i64 {
        (t + self.tz_offset(t)).div_euclid(DAY)
    }

    /// The UTC instant of local time `secs` after midnight of `day` (`secs` may be 86400),
    /// following DESIGN 6.1: a time in a gap maps to the first instant after the gap, an
    /// ambiguous one to the earliest.
    fn local_to_utc(&self, day: i64, secs: u32) -> i64 {
        let local = day * DAY + i64::from(secs);
        let naive: NaiveDateTime = from_ts(local).naive_utc();
        match self.tz.from_local_datetime(&naive) {
            chrono::LocalResult::Single(t) => t.timestamp(),
            chrono::LocalResult::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
            chrono::LocalResult::None => match GapInfo::new(&naive, &self.tz).and_then(|g| g.end) {
                Some(end) => end.timestamp(),
                // Not expected (a gap always has an end inside the table); use the offset in
                // force before the gap, which lands after it.
                None => local - self.tz_offset(local - DAY),
            },
        }
    }

    /// True UTC opening intervals of a local day (the reference definition).
    fn utc_intervals(&self, day: i64, out: &mut Vec<(i64, i64)>) {
        out.clear();
        for iv in self.day_intervals(day) {
            let a = self.local_to_utc(day, iv.open);
            let b = self.local_to_utc(day, iv.close);
            if b > a {
                out.push((a, b));
            }
        }
    }

    fn true_open(&self, day: i64) -> i64 {
        let mut buf = Vec::new();
        self.utc_intervals(day, &mut buf);
        buf.iter().map(|(a, b)| b - a).sum()
    }

    fn dst(&self) -> &DstTable {
        self.dst.get_or_init(|| self.build_dst_table())
    }

    /// Finds every offset change in the fast window by weekly sampling and bisection, marks
    /// the local days around it and records how far their true open time is from nominal.
    fn build_dst_table(&self) -> DstTable {
        let mut marked: Vec<i64> = Vec::new();
        let mut changes = Vec::new();
        let mut change_offsets = Vec::new();
        let mut mark = |t: i64, before: i64, after: i64| {
            let d1 = (t + before).div_euclid(DAY);
            let d2 = (t + after).div_euclid(DAY);
            marked.extend((d1.min(d2) - 1)..=(d1.max(d2) + 1));
            changes.push(t);
            change_offsets.push(after);
        };
        let start = FAST_FROM - WEEK;
        let mut t = start;
        let first_offset = self.tz_offset(t);
        let mut off = first_offset;
        while t < FAST_UNTIL + WEEK {
            let next = t + WEEK;
            let next_off = self.tz_offset(next);
            // Find each change in (t, next]: the first instant whose offset differs from `off`.
            let (mut from, mut from_off) = (t, off);
            while from_off != next_off {
                let (mut lo, mut hi) = (from, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if self.tz_offset(mid) == from_off {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let after = self.tz_offset(hi);
                mark(hi, from_off, after);
                (from, from_off) = (hi, after);
            }
            (t, off) = (next, next_off);
        }
        marked.sort_unstable();
        marked.dedup();
        let mut prefix = Vec::with_capacity(marked.len() + 1);
        prefix.push(0);
        let mut sum = 0;
        for &day in &marked {
            sum += self.true_open(day) - open_before(self.day_intervals(day), DAY);
            prefix.push(sum);
        }
        let (lo, hi) = (FAST_FROM - 2 * WEEK, FAST_UNTIL + 2 * WEEK);
        DstTable {
            first_offset,
            changes: SortedKeys::new(changes, lo, hi, INSTANT_SHIFT),
            change_offsets,
            days: SortedKeys::new(marked, INDEX_FROM_DAY, INDEX_UNTIL_DAY, DAY_SHIFT),
            prefix,
        }
    }

    /// Working seconds before local day `day` starts, on the fast path's common scale.
    fn base(&self, day: i64) -> i64 {
        self.base_at(day, self.dst_pos(day).0)
    }

    /// [`Self::base`] given the position of `day` in the DST table.
    fn base_at(&self, day: i64, dst_index: usize) -> i64 {
        // Weeks counted from Monday 1969-12-29 (day -3).
        let n = day + 3;
        // Every index is in range (rem_euclid(7) < 8 prefix entries, lower_bound <= keys, the DST
        // position <= days), so the zeros never show.
        let week_prefix = self.day_prefix.get(n.rem_euclid(7) as usize).copied();
        let nominal = n.div_euclid(7) * self.weekly_open + week_prefix.unwrap_or(0);
        let h = self.holiday_days.lower_bound(day);
        let holiday_loss = self.holiday_loss_prefix.get(h).copied().unwrap_or(0);
        let dst_gain = self.dst().prefix.get(dst_index).copied().unwrap_or(0);
        nominal - holiday_loss + dst_gain
    }

    /// Where `day` sits in the DST table, and whether it is one of its irregular days.
    fn dst_pos(&self, day: i64) -> (usize, bool) {
        let days = &self.dst().days;
        let i = days.lower_bound(day);
        (i, days.keys().get(i) == Some(&day))
    }

    fn is_irregular(&self, day: i64) -> bool {
        self.dst().days.contains(day)
    }

    fn in_fast_window(t: i64) -> bool {
        (FAST_FROM + FAST_MARGIN..=FAST_UNTIL - FAST_MARGIN).contains(&t)
    }

    /// Working seconds before `t`, on the same scale as [`Self::base`].
    fn cum(&self, t: i64) -> i64 {
        let off = self.offset_at(t);
        let day = (t + off).div_euclid(DAY);
        let (dst_index, irregular) = self.dst_pos(day);
        if !irregular {
            return self.base_at(day, dst_index)
                + open_before(self.day_intervals(day), t + off - day * DAY);
        }
        // Near an offset change: count the neighbouring days' true intervals up to t.
        let mut sum = self.base(day - 1);
        let mut buf = Vec::new();
        for d in day - 1..=day + 1 {
            self.utc_intervals(d, &mut buf);
            sum += buf.iter().map(|&(a, b)| (b.min(t) - a).max(0)).sum::<i64>();
        }
        sum
    }

    fn working(&self, a: i64, b: i64) -> i64 {
        if Self::in_fast_window(a) && Self::in_fast_window(b) {
            self.cum(b) - self.cum(a)
        } else {
            self.slow_working(a, b)
        }
    }

    fn add(&self, start: i64, secs: i64) -> i64 {
        self.fast_add(start, secs)
            .unwrap_or_else(|| self.slow_add(start, secs))
    }

    /// `add` through the cumulative tables; `None` when the span leaves the fast window.
    fn fast_add(&self, start: i64, secs: i64) -> Option<i64> {
        if secs <= 0 {
            return Some(start);
        }
        if !Self::in_fast_window(start) {
            return None;
        }
        let target = self.cum(start) + secs;
        // Smallest day d with base(d + 1) >= target: the day in which the count reaches it.
        let first = (start + self.offset_at(start)).div_euclid(DAY) - 1;
        let reaches = |d: i64| self.base(d + 1) >= target;
        let (mut lo, mut hi) = (first, first);
        let mut step = 1;
        while !reaches(hi) {
            lo = hi + 1;
            hi += step;
            step *= 2;
            if hi * DAY > FAST_UNTIL {
                return None;
            }
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if reaches(mid) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        let day = lo;
        let mut count = self.base(day);
        let result = if self.is_irregular(day) {
            let mut buf = Vec::new();
            self.utc_intervals(day, &mut buf);
            buf.iter().find_map(|&(a, b)| {
                if count + (b - a) >= target {
                    Some(a + (target - count))
                } else {
                    count += b - a;
                    None
                }
            })
        } else {
            // A regular day has one offset throughout: local arithmetic is exact.
            let off = self.offset_at(day * DAY + DAY / 2 - self.offset_at(day * DAY));
            self.day_intervals(day).iter().find_map(|iv| {
                if count + iv.secs() >= target {
                    Some(day * DAY + i64::from(iv.open) + (target - count) - off)
                } else {
                    count += iv.secs();
                    None
                }
            })
        };
        // `result` is always found (base(day + 1) >= target); the window check keeps the
        // answer inside the range the tables describe.
        result.filter(|t| Self::in_fast_window(*t))
    }

    /// Reference `working`: day by day over the true UTC intervals.
    pub(crate) fn slow_working(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        let mut sum = 0;
        let mut buf = Vec::new();
        for day in self.local_day(a) - 1..=self.local_day(b) + 1 {
            self.utc_intervals(day, &mut buf);
            sum += buf
                .iter()
                .map(|&(x, y)| (y.min(b) - x.max(a)).max(0))
                .sum::<i64>();
        }
        sum
    }

    fn open_intervals(&self, a: i64, b: i64) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        for day in self.local_day(a) - 1..=self.local_day(b) + 1 {
            self.utc_intervals(day, &mut buf);
            out.extend(
                buf.iter()
                    .map(|&(x, y)| (x.max(a), y.min(b)))
                    .filter(|(x, y)| y > x),
            );
        }
        out
    }

    fn holidays_between(&self, a: i64, b: i64) -> Vec<NaiveDate> {
        let (first, last) = (self.local_day(a), self.local_day(b - 1));
        // Loss before and after each holiday: the prefix has one more entry than there are keys.
        let prefix = &self.holiday_loss_prefix;
        let losses = prefix.iter().zip(prefix.iter().skip(1));
        self.holiday_days
            .keys()
            .iter()
            .zip(losses)
            .skip(self.holiday_days.lower_bound(first))
            .take_while(|&(&key, _)| key <= last)
            .filter(|&(_, (before, after))| after > before)
            .filter_map(|(&key, _)| {
                NaiveDate::from_num_days_from_ce_opt(i32::try_from(key + 719_163).ok()?)
            })
            .collect()
    }

    /// Reference `add`: day by day over the true UTC intervals.
    pub(crate) fn slow_add(&self, start: i64, secs: i64) -> i64 {
        if secs <= 0 {
            return start;
        }
        let mut count = 0;
        let mut buf = Vec::new();
        let mut day = self.local_day(start) - 1;
        // Every week has open time, so this ends well before the bound (durations are at most
        // 100 years; each holiday date can add a day); it only guards absurd inputs.
        let last_day =
            day + 40_000 + 7 * (secs / self.weekly_open + 1) + self.holiday_open.len() as i64;
        while day <= last_day {
            self.utc_intervals(day, &mut buf);
            for &(a, b) in &buf {
                let from = a.max(start);
                if b > from {
                    if count + (b - from) >= secs {
                        return from + (secs - count);
                    }
                    count += b - from;
                }
            }
            day += 1;
        }
        i64::MAX
    }
}

/// The calendars of a config by name; `24x7` is built in and cannot be redefined.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calendars(BTreeMap<String, Calendar>);

impl Calendars {
    /// Adds a calendar.
    ///
    /// # Errors
    /// [`CalendarError::ReservedName`] for `24x7`.
    pub fn insert(&mut self, name: &str, calendar: Calendar) -> Result<(), CalendarError> {
        if name == ALWAYS_OPEN_NAME {
            return Err(CalendarError::ReservedName);
        }
        self.0.insert(name.to_string(), calendar);
        Ok(())
    }

    /// The calendar called `name`, including the built-in `24x7`.
    pub fn get(&self, name: &str) -> Option<&Calendar> {
        if name == ALWAYS_OPEN_NAME {
            return Some(&ALWAYS_OPEN);
        }
        self.0.get(name)
    }

    /// Configured names (without `24x7`), sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

mod index;
mod spec;
#[cfg(test)]
mod tests;
