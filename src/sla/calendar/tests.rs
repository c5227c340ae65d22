use proptest::prelude::*;

use super::*;

/// Parses an RFC 3339 instant (tests only).
fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("test instant")
        .with_timezone(&Utc)
}

fn calendar(yaml: &str) -> Calendar {
    serde_yaml_ng::from_str(yaml).expect("test calendar")
}

fn business(yaml: &str) -> BusinessCalendar {
    match calendar(yaml) {
        Calendar::Business(b) => *b,
        Calendar::AlwaysOpen => unreachable!("test calendars have a zone"),
    }
}

const MON_FRI: &str = r#"
timezone: Europe/Berlin
hours:
  mon: ["09:00-17:00"]
  tue: ["09:00-17:00"]
  wed: ["09:00-17:00"]
  thu: ["09:00-17:00"]
  fri: ["09:00-17:00"]
holidays: ["2026-12-25", "2026-12-24 12:00-24:00", "2026-04-03"]
"#;

const NEW_YORK: &str = r#"
timezone: America/New_York
hours:
  mon: ["08:00-18:00"]
  tue: ["08:00-18:00"]
  wed: ["08:00-18:00"]
  thu: ["08:00-18:00"]
  fri: ["08:00-18:00"]
  sun: ["00:30-03:30"]
holidays: ["2026-07-03"]
"#;

const NY_OFFICE: &str = r#"
timezone: America/New_York
hours: { mon: ["08:00-18:00"], tue: ["08:00-18:00"], wed: ["08:00-18:00"], thu: ["08:00-18:00"],
         fri: ["08:00-18:00"] }
"#;

const SPLIT: &str = r#"
timezone: Europe/Berlin
hours:
  mon: ["09:00-12:00", "13:00-17:00"]
  tue: ["09:00-12:00", "13:00-17:00"]
"#;

/// Open around the clock every day in Berlin: DST shows up in the arithmetic.
const BERLIN_ALL_DAY: &str = r#"
timezone: Europe/Berlin
hours: { mon: ["00:00-24:00"], tue: ["00:00-24:00"], wed: ["00:00-24:00"], thu: ["00:00-24:00"],
         fri: ["00:00-24:00"], sat: ["00:00-24:00"], sun: ["00:00-24:00"] }
"#;

/// Hours that straddle the switch hour on Sundays (01:00-04:00 local), plus a holiday on a
/// switch day, to exercise the irregular-day corrections.
const BERLIN_NIGHT: &str = r#"
timezone: Europe/Berlin
hours:
  sun: ["01:00-02:30", "02:30-04:00", "22:00-24:00"]
  mon: ["00:00-01:00", "09:00-17:00"]
  sat: ["23:00-24:00"]
holidays: ["2025-10-26 03:00-03:30", "2027-03-28"]
"#;

#[test]
fn due_times_to_the_second() {
    // (name, calendar, start, duration, expected due)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "friday_1600_plus_4h_is_monday_1200",
            MON_FRI,
            "2026-06-05T16:00:00+02:00",
            "4h",
            "2026-06-08T12:00:00+02:00",
        ),
        (
            "created_saturday_starts_monday",
            MON_FRI,
            "2026-06-06T10:00:00+02:00",
            "4h",
            "2026-06-08T13:00:00+02:00",
        ),
        (
            "created_on_holiday_starts_next_working_day",
            MON_FRI,
            "2026-12-25T10:00:00+01:00",
            "4h",
            "2026-12-28T13:00:00+01:00",
        ),
        (
            "half_day_holiday_closes_at_noon",
            MON_FRI,
            "2026-12-24T11:00:00+01:00",
            "2h",
            "2026-12-28T10:00:00+01:00",
        ),
        (
            "monday_0900_plus_8h_ends_at_closing",
            MON_FRI,
            "2026-06-08T09:00:00+02:00",
            "8h",
            "2026-06-08T17:00:00+02:00",
        ),
        (
            "created_before_opening_accrues_from_opening",
            MON_FRI,
            "2026-06-08T06:00:00+02:00",
            "1h",
            "2026-06-08T10:00:00+02:00",
        ),
        (
            "one_business_day_is_eight_hours",
            MON_FRI,
            "2026-06-09T10:00:00+02:00",
            "1d",
            "2026-06-10T10:00:00+02:00",
        ),
        (
            "one_week_is_forty_hours",
            MON_FRI,
            "2026-06-09T10:00:00+02:00",
            "1w",
            "2026-06-16T10:00:00+02:00",
        ),
        (
            "berlin_spring_forward_weekend",
            MON_FRI,
            "2026-03-27T15:00:00+01:00",
            "4h",
            "2026-03-30T11:00:00+02:00",
        ),
        (
            "berlin_fall_back_weekend",
            MON_FRI,
            "2026-10-23T15:00:00+02:00",
            "4h",
            "2026-10-26T11:00:00+01:00",
        ),
        (
            "new_york_spring_forward_weekend",
            NY_OFFICE,
            "2026-03-06T16:00:00-05:00",
            "4h",
            "2026-03-09T10:00:00-04:00",
        ),
        // With Sunday night hours the same span ends inside the shortened Sunday interval.
        (
            "new_york_spring_forward_sunday_hours",
            NEW_YORK,
            "2026-03-06T16:00:00-05:00",
            "4h",
            "2026-03-08T03:30:00-04:00",
        ),
        (
            "new_york_fall_back_sunday_hours",
            NEW_YORK,
            "2026-10-30T16:00:00-04:00",
            "4h",
            "2026-11-01T01:30:00-05:00",
        ),
        (
            "new_york_fall_back_weekend",
            NY_OFFICE,
            "2026-10-30T16:00:00-04:00",
            "4h",
            "2026-11-02T10:00:00-05:00",
        ),
        // Sunday 2026-03-08 00:30-03:30 local: 02:00-03:00 does not exist, so 2 h of work.
        (
            "new_york_sunday_hours_lose_the_gap",
            NEW_YORK,
            "2026-03-08T00:30:00-05:00",
            "2h30m",
            "2026-03-09T08:30:00-04:00",
        ),
        // Sunday 2026-11-01: 00:30 EDT to 03:30 EST is 4 h.
        (
            "new_york_sunday_hours_gain_the_repeat",
            NEW_YORK,
            "2026-11-01T00:30:00-04:00",
            "4h",
            "2026-11-01T03:30:00-05:00",
        ),
        (
            "always_open_24h_across_spring_forward",
            "24x7",
            "2026-03-28T12:00:00+01:00",
            "24h",
            "2026-03-29T13:00:00+02:00",
        ),
        (
            "berlin_all_day_24h_across_spring_forward",
            BERLIN_ALL_DAY,
            "2026-03-28T12:00:00+01:00",
            "24h",
            "2026-03-29T13:00:00+02:00",
        ),
        (
            "berlin_all_day_24h_across_fall_back",
            BERLIN_ALL_DAY,
            "2026-10-24T12:00:00+02:00",
            "24h",
            "2026-10-25T11:00:00+01:00",
        ),
        (
            "split_day_skips_lunch",
            SPLIT,
            "2026-06-08T11:00:00+02:00",
            "2h",
            "2026-06-08T14:00:00+02:00",
        ),
        (
            "split_day_uses_up_morning_at_noon",
            SPLIT,
            "2026-06-08T09:00:00+02:00",
            "3h",
            "2026-06-08T12:00:00+02:00",
        ),
        (
            "split_week_rolls_to_next_monday",
            SPLIT,
            "2026-06-09T16:00:00+02:00",
            "2h",
            "2026-06-15T10:00:00+02:00",
        ),
        (
            "zero_is_start_even_when_closed",
            MON_FRI,
            "2026-06-06T10:00:00+02:00",
            "0s",
            "2026-06-06T10:00:00+02:00",
        ),
        (
            "holiday_good_friday_skipped",
            MON_FRI,
            "2026-04-02T16:00:00+02:00",
            "2h",
            "2026-04-06T10:00:00+02:00",
        ),
    ];
    for (name, cal, start, dur, due) in cases {
        let calendar = if *cal == "24x7" {
            Calendar::AlwaysOpen
        } else {
            calendar(cal)
        };
        let secs = dur
            .parse::<SlaDuration>()
            .expect("duration")
            .resolve(&calendar);
        let got = calendar.add(at(start), secs);
        assert_eq!(got, at(due), "{name}");
        assert_eq!(calendar.working(at(start), got), secs, "{name}: round trip");
        if let Calendar::Business(b) = &calendar {
            assert_eq!(
                b.slow_add(ts(at(start)), secs),
                ts(at(due)),
                "{name}: slow path"
            );
        }
    }
}

use super::super::duration::SlaDuration;

#[test]
fn working_counts_dst_days_by_their_real_length() {
    let all_day = calendar(BERLIN_ALL_DAY);
    let day = |d: &str, next: &str| all_day.working(at(d), at(next));
    assert_eq!(
        day("2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"),
        23 * 3600
    );
    assert_eq!(
        day("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"),
        25 * 3600
    );
    assert_eq!(
        day("2026-06-01T00:00:00+02:00", "2026-06-02T00:00:00+02:00"),
        24 * 3600
    );
    // Interval 01:00-02:30 on fall-back night maps to 01:00 CEST..02:30 CEST (earliest).
    let night = calendar(BERLIN_NIGHT);
    assert_eq!(
        night.working(
            at("2026-10-25T00:00:00+02:00"),
            at("2026-10-25T12:00:00+01:00")
        ),
        // 01:00-02:30 CEST (1.5 h) + 02:30 CEST-04:00 CET (2.5 h)
        4 * 3600
    );
}

#[test]
fn is_open_and_next_open() {
    let office = calendar(MON_FRI);
    assert!(office.is_open(at("2026-06-08T09:00:00+02:00")));
    assert!(!office.is_open(at("2026-06-08T17:00:00+02:00")));
    assert!(!office.is_open(at("2026-06-06T12:00:00+02:00")));
    assert_eq!(
        office.next_open(at("2026-06-05T17:00:00+02:00")),
        at("2026-06-08T09:00:00+02:00")
    );
    assert_eq!(
        office.next_open(at("2026-06-08T10:00:00+02:00")),
        at("2026-06-08T10:00:00+02:00")
    );
    assert_eq!(
        office.next_open(at("2026-12-24T12:00:00+01:00")),
        at("2026-12-28T09:00:00+01:00")
    );
    assert_eq!(
        Calendar::AlwaysOpen.next_open(at("2026-06-06T12:00:00Z")),
        at("2026-06-06T12:00:00Z")
    );
}

#[test]
fn spans_outside_the_fast_window_use_the_reference_path() {
    let office = calendar(MON_FRI);
    // 1969 and 2101 are outside 1970-2100.
    let a = at("1969-12-26T10:00:00+01:00");
    assert_eq!(office.add(a, 8 * 3600), at("1969-12-29T10:00:00+01:00"));
    assert_eq!(
        office.working(a, at("1970-01-13T10:00:00+01:00")),
        12 * 8 * 3600
    );
    // chrono-tz knows no DST rules after 2099, so Berlin stays on +01:00 then.
    let b = at("2101-12-02T16:00:00+01:00");
    assert_eq!(office.add(b, 2 * 3600), at("2101-12-05T10:00:00+01:00"));
}

#[test]
fn a_one_year_span_is_cheap() {
    // Not a timing test: it checks the fast path answers a long span without walking days, by
    // comparing with the reference and by staying correct across a whole year of holidays.
    let office = calendar(MON_FRI);
    let (a, b) = (
        at("2026-01-01T00:00:00+01:00"),
        at("2027-01-01T00:00:00+01:00"),
    );
    let Calendar::Business(bc) = &office else {
        unreachable!()
    };
    assert_eq!(office.working(a, b), bc.slow_working(ts(a), ts(b)));
    // 261 weekdays in 2026, minus Good Friday and Christmas Day, minus half of Christmas Eve.
    assert_eq!(office.working(a, b), (259 * 8 - 5) * 3600);
}

#[test]
fn config_errors_name_the_value_and_the_line() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "unknown_zone",
            "timezone: Europe/Berln\n",
            "unknown time zone `Europe/Berln`",
        ),
        (
            "inverted",
            "timezone: UTC\nhours:\n  mon: [\"17:00-09:00\"]\n",
            "empty or inverted",
        ),
        (
            "empty_interval",
            "timezone: UTC\nhours:\n  mon: [\"09:00-09:00\"]\n",
            "empty or inverted",
        ),
        (
            "overlap",
            "timezone: UTC\nhours:\n  mon: [\"09:00-12:00\", \"11:00-13:00\"]\n",
            "overlap",
        ),
        (
            "malformed_time",
            "timezone: UTC\nhours:\n  mon: [\"9:00-12:00\"]\n",
            "invalid time `9:00`",
        ),
        (
            "minutes_out_of_range",
            "timezone: UTC\nhours:\n  mon: [\"09:60-12:00\"]\n",
            "invalid time",
        ),
        (
            "open_at_24",
            "timezone: UTC\nhours:\n  mon: [\"24:00-24:00\"]\n",
            "invalid time",
        ),
        (
            "no_dash",
            "timezone: UTC\nhours:\n  mon: [\"09:00\"]\n",
            "HH:MM-HH:MM",
        ),
        (
            "unknown_weekday",
            "timezone: UTC\nhours:\n  mnd: [\"09:00-12:00\"]\n",
            "unknown field `mnd`",
        ),
        (
            "no_working_time",
            "timezone: UTC\nhours:\n  mon: []\n",
            "no working time",
        ),
        (
            "bad_holiday",
            "timezone: UTC\nhours:\n  mon: [\"09:00-12:00\"]\nholidays: [\"2026-13-01\"]\n",
            "invalid holiday",
        ),
        (
            "unknown_key",
            "timezone: UTC\nhour: {}\n",
            "unknown field `hour`",
        ),
    ];
    for (name, yaml, needle) in cases {
        // Nested under a name, as in a config file, so that positions are not 1:1.
        let nested: String = yaml.lines().map(|l| format!("  {l}\n")).collect();
        let doc = format!("office:\n{nested}");
        let err = serde_yaml_ng::from_str::<Calendars>(&doc)
            .expect_err(name)
            .to_string();
        assert!(err.contains(needle), "{name}: {err}");
        assert!(err.contains("line"), "{name}: no location in {err}");
    }
    let err = serde_yaml_ng::from_str::<Calendar>("timezone: Mars/Base\n").expect_err("zone");
    assert!(
        err.to_string().contains("Europe/Berlin"),
        "hint missing: {err}"
    );
    let err = serde_yaml_ng::from_str::<Calendar>(
        "timezone: UTC\nhours:\n  tue: [\"08:00-10:00\"]\n  mon: [\"17:00-09:00\"]\n",
    )
    .expect_err("inverted")
    .to_string();
    assert!(err.contains("line 4"), "{err}");
}

#[test]
fn the_24x7_name_is_reserved_and_built_in() {
    let err = serde_yaml_ng::from_str::<Calendars>(
        "office:\n  timezone: UTC\n  hours: {mon: [\"09:00-17:00\"]}\n24x7:\n  timezone: UTC\n",
    )
    .expect_err("reserved")
    .to_string();
    assert!(err.contains("built-in"), "{err}");
    assert!(err.contains("line 4"), "{err}");
    let cals: Calendars =
        serde_yaml_ng::from_str("office:\n  timezone: UTC\n  hours: {mon: [\"09:00-17:00\"]}\n")
            .expect("calendars");
    assert_eq!(cals.get("24x7"), Some(&Calendar::AlwaysOpen));
    assert!(cals.get("office").is_some());
    assert!(cals.get("nope").is_none());
}

/// The calendars the property tests run on: several zones, DST, holidays, odd hours.
fn property_calendars() -> &'static [(&'static str, BusinessCalendar)] {
    static CALENDARS: OnceLock<Vec<(&'static str, BusinessCalendar)>> = OnceLock::new();
    CALENDARS.get_or_init(|| {
        vec![
            ("mon_fri", business(MON_FRI)),
            ("new_york", business(NEW_YORK)),
            ("split", business(SPLIT)),
            ("berlin_all_day", business(BERLIN_ALL_DAY)),
            ("berlin_night", business(BERLIN_NIGHT)),
        ]
    })
}

/// Instants from 2024 to 2028, which holds DST switches in both directions in both zones.
fn instant() -> impl Strategy<Value = i64> {
    1_704_067_200i64..1_830_297_600i64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fast_working_equals_day_by_day(a in instant(), len in 0i64..(400 * DAY)) {
        for (name, cal) in property_calendars() {
            prop_assert!(BusinessCalendar::in_fast_window(a + len));
            prop_assert_eq!(cal.working(a, a + len), cal.slow_working(a, a + len), "{}", name);
        }
    }

    #[test]
    fn fast_add_equals_day_by_day(a in instant(), secs in 0i64..(2000 * 3600)) {
        for (name, cal) in property_calendars() {
            prop_assert_eq!(cal.fast_add(a, secs), Some(cal.slow_add(a, secs)), "{}", name);
        }
    }

    #[test]
    fn add_then_working_round_trips(a in instant(), secs in 0i64..(2000 * 3600)) {
        for (name, cal) in property_calendars() {
            let cal = Calendar::Business(Box::new(cal.clone()));
            let due = cal.add_secs(a, secs);
            prop_assert!(due >= a);
            prop_assert_eq!(cal.working_secs(a, due), secs, "{}", name);
            // Earliest: one second less would not be enough.
            if secs > 0 {
                prop_assert_eq!(cal.working_secs(a, due - 1), secs - 1, "{}", name);
            }
        }
    }

    #[test]
    fn due_lies_in_open_close_of_an_interval(a in instant(), secs in 1i64..(2000 * 3600)) {
        // (open, close]: the second just before the due instant is working time.
        for (name, cal) in property_calendars() {
            let cal = Calendar::Business(Box::new(cal.clone()));
            let due = cal.add_secs(a, secs);
            prop_assert!(cal.is_open_at(due - 1), "{}: {}", name, due);
        }
    }

    #[test]
    fn working_is_additive(a in instant(), l1 in 0i64..(30 * DAY), l2 in 0i64..(30 * DAY)) {
        for (name, cal) in property_calendars() {
            let whole = cal.working(a, a + l1 + l2);
            prop_assert_eq!(whole, cal.working(a, a + l1) + cal.working(a + l1, a + l1 + l2), "{}", name);
        }
    }
}
