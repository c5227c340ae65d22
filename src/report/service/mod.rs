//! Renderings of `tix report` (the figures come from [`crate::metrics`]): `text` for the
//! terminal, `data` for JSON and CSV, `markdown` for CI job summaries, `html` for a
//! self-contained dashboard. The helpers here keep numbers looking the same in all of them.

pub mod data;
pub mod html;
pub mod markdown;
pub mod text;

use crate::metrics::stats::Summary;
use crate::metrics::summary::{Figures, ratio};

/// The columns of a group's row (after its key) in the terminal and dashboard tables.
pub const GROUP_HEADER: [&str; 8] = [
    "created",
    "resolved",
    "open",
    "first response p50",
    "resolve p50",
    "SLA",
    "first contact",
    "CSAT",
];

/// One group's row: `key` and the figures of [`GROUP_HEADER`].
pub fn group_row(key: &str, f: &Figures) -> Vec<String> {
    let (met, breached) = f.sla_totals();
    let s = &f.satisfaction;
    let median = |t: Option<Summary>| t.map_or_else(|| "-".into(), |s| span(s.median));
    vec![
        key.to_string(),
        f.volume.created.to_string(),
        f.volume.resolved.to_string(),
        f.backlog.open.to_string(),
        median(f.first_response.calendar),
        median(f.resolution.calendar),
        percent(ratio(met, met + breached)),
        percent(ratio(
            f.first_contact.first_contact,
            f.first_contact.resolved,
        )),
        percent(ratio(s.satisfied(), s.ratings())),
    ]
}

/// A calendar span for people: `45m`, `3h 20m`, `2d 4h`.
pub fn span(secs: i64) -> String {
    let minutes = secs.max(0) / 60;
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m}m"),
        (0, h, 0) => format!("{h}h"),
        (0, h, m) => format!("{h}h {m}m"),
        (d, 0, _) => format!("{d}d"),
        (d, h, _) => format!("{d}d {h}h"),
    }
}

/// A business span: hours and minutes, never days (a business day's length depends on the
/// calendar).
pub fn business_span(secs: i64) -> String {
    crate::sla::format_secs(secs)
}

/// `80%`, or `-` when nothing was counted.
pub fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |x| format!("{:.0}%", x * 100.0))
}

/// `8/10 (80%)`, or `-` for `0/0`.
pub fn share(part: usize, whole: usize) -> String {
    match ratio(part, whole) {
        Some(_) => format!("{part}/{whole} ({})", percent(ratio(part, whole))),
        None => "-".to_string(),
    }
}

/// Mean, median, p90 and p95 of a sample as spans, `-` each when empty.
pub fn stats_cells(s: Option<&Summary>, fmt: fn(i64) -> String) -> [String; 5] {
    match s {
        None => ["0".into(), "-".into(), "-".into(), "-".into(), "-".into()],
        Some(s) => [
            s.count.to_string(),
            fmt(s.mean.round() as i64),
            fmt(s.median),
            fmt(s.p90),
            fmt(s.p95),
        ],
    }
}

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of `values`, one character each, scaled to the largest.
pub fn sparkline(values: &[usize]) -> String {
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if max == 0 {
                SPARKS[0]
            } else {
                let i = (v * (SPARKS.len() - 1)).div_ceil(max);
                SPARKS.get(i).copied().unwrap_or('█')
            }
        })
        .collect()
}

/// A horizontal bar of `value` against `max`, at most `width` cells, in eighths.
pub fn bar(value: usize, max: usize, width: usize) -> String {
    if max == 0 || value == 0 {
        return String::new();
    }
    let eighths = (value * width * 8).div_ceil(max);
    let mut out = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    out.push_str(PARTS.get(eighths % 8).copied().unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_percentages_and_charts() {
        assert_eq!(span(45 * 60), "45m");
        assert_eq!(span(3 * 3600 + 20 * 60), "3h 20m");
        assert_eq!(span(2 * 86_400 + 4 * 3600 + 59), "2d 4h");
        assert_eq!(percent(None), "-");
        assert_eq!(share(8, 10), "8/10 (80%)");
        assert_eq!(share(0, 0), "-");
        assert_eq!(sparkline(&[0, 1, 7, 0]), "▁▂█▁");
        assert_eq!(sparkline(&[0, 0]), "▁▁");
        assert_eq!(bar(1, 2, 4), "██");
        assert_eq!(bar(1, 16, 2), "▏");
        assert_eq!(bar(0, 5, 4), "");
    }
}
