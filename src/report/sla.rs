//! SLA rows: each clock of each ticket, sorted by urgency, with stable JSON DTOs.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::domain::event::TicketSnapshot;
use crate::domain::id::{ShortIds, TicketId};
use crate::output::{Style, Styled};
use crate::report::table::{Cell, Column, Fit, layout};
use crate::sla::{ClockState, ClockStatus, TicketSla, format_secs};

/// One ticket with its clocks: its fields as they stood at the evaluation time, as the history
/// says (uncommitted edits do not count, as they do not for the clocks).
pub struct TicketClocks {
    pub id: TicketId,
    pub ticket: TicketSnapshot,
    pub sla: TicketSla,
    /// Times the ticket was reopened (a finished status left for an unfinished one).
    pub reopens: usize,
}

/// Sort key: breached first (longest overdue first), then warning, running and paused clocks by
/// remaining time, then clocks that stopped.
fn urgency(c: &ClockStatus) -> (u8, i64) {
    let rank = match c.state {
        ClockState::Breached if c.is_active() => 0,
        ClockState::Warning => 1,
        ClockState::Running => 2,
        ClockState::Paused => 3,
        ClockState::Breached => 4,
        ClockState::Met => 5,
        ClockState::Cancelled | ClockState::None => 6,
    };
    (rank, c.remaining_secs)
}

/// Every (ticket, clock) pair, most urgent first.
pub fn rows(tickets: &[TicketClocks]) -> Vec<(&TicketClocks, &ClockStatus)> {
    let mut rows: Vec<(&TicketClocks, &ClockStatus)> = tickets
        .iter()
        .flat_map(|t| t.sla.clocks.iter().map(move |c| (t, c)))
        .collect();
    rows.sort_by(|a, b| {
        urgency(a.1)
            .cmp(&urgency(b.1))
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    rows
}

/// A clock's state for people: `running (off-hours)` when running outside working time.
pub fn state_label(c: &ClockStatus) -> String {
    if c.state == ClockState::Running && c.off_hours {
        "running (off-hours)".to_string()
    } else {
        c.state.as_str().to_string()
    }
}

/// `2h 30m left`, `overdue 1h 5m`, `met`, `-`.
pub fn remaining_label(c: &ClockStatus) -> String {
    match (c.state, c.stopped_at) {
        (ClockState::None | ClockState::Cancelled, _) => "-".into(),
        (_, Some(_)) if c.remaining_secs >= 0 => {
            format!("done, {} spare", format_secs(c.remaining_secs))
        }
        (_, Some(_)) => format!("done, {} late", format_secs(-c.remaining_secs)),
        (ClockState::Breached, None) => {
            format!("overdue {}", format_secs(-c.remaining_secs.min(0)))
        }
        _ => format!("{} left", format_secs(c.remaining_secs)),
    }
}

/// A time in the viewer's zone, minutes precision, labelled with the zone.
pub fn local_time(t: DateTime<Utc>) -> String {
    crate::clock::local_time(t)
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A clock's target as the config wrote it (`3d`, `30m`); `-` when it has none.
pub fn target_label(c: &ClockStatus) -> String {
    if c.target.is_zero() {
        "-".into()
    } else {
        c.target.to_string()
    }
}

/// What a clock's state means for colour: breached is bad, warning a warning, met good; a paused,
/// cancelled or target-less clock is not counting.
pub fn state_style(c: &ClockStatus) -> Style {
    match c.state {
        ClockState::Breached => Style::Bad,
        ClockState::Warning => Style::Warn,
        ClockState::Met => Style::Good,
        ClockState::Running => Style::Plain,
        ClockState::Paused | ClockState::Cancelled | ClockState::None => Style::Dim,
    }
}

/// The columns of `tix sla`, and the order they give way on a narrow terminal: the target and
/// the due time first (the remaining time says what matters of them), then the priority, then
/// the state (the remaining time's colour and `overdue` carry it).
const COLUMNS: [Column<'static>; 8] = [
    Column {
        header: "ID",
        fit: Fit::Keep,
    },
    Column {
        header: "PRI",
        fit: Fit::Drop(3),
    },
    Column {
        header: "CLOCK",
        fit: Fit::Keep,
    },
    Column {
        header: "TARGET",
        fit: Fit::Drop(1),
    },
    Column {
        header: "DUE",
        fit: Fit::Drop(2),
    },
    Column {
        header: "REMAINING",
        fit: Fit::Keep,
    },
    Column {
        header: "STATE",
        fit: Fit::Drop(4),
    },
    Column {
        header: "TITLE",
        fit: Fit::Shrink,
    },
];

/// A clock's name: its kind, and its cycle after the first (`next_response #2`).
pub fn clock_name(c: &ClockStatus) -> String {
    if c.cycle > 1 {
        format!("{} #{}", c.kind, c.cycle)
    } else {
        c.kind.to_string()
    }
}

/// One ticket's clocks, as `tix show` lists them (indented under its `SLA` heading). On a
/// narrow terminal the target goes first, then the due time.
pub fn clock_table(clocks: &[ClockStatus], width: Option<u16>) -> Styled {
    const COLUMNS: [Column<'static>; 5] = [
        Column {
            header: "  CLOCK",
            fit: Fit::Keep,
        },
        Column {
            header: "STATE",
            fit: Fit::Keep,
        },
        Column {
            header: "TARGET",
            fit: Fit::Drop(1),
        },
        Column {
            header: "DUE",
            fit: Fit::Drop(2),
        },
        Column {
            header: "REMAINING",
            fit: Fit::Keep,
        },
    ];
    let rows: Vec<Vec<Cell<'_>>> = clocks
        .iter()
        .map(|c| {
            let state = state_style(c);
            vec![
                Cell::plain(format!("  {}", clock_name(c))),
                Cell::new(state_label(c), state),
                Cell::plain(target_label(c)),
                Cell::plain(c.due.map_or_else(|| "-".into(), local_time)),
                Cell::new(remaining_label(c), state),
            ]
        })
        .collect();
    layout(&COLUMNS, &rows, width)
}

/// `tix sla` as a table, IDs shortened as in `tix list`; `priority_style` colours priorities.
pub fn table(
    rows: &[(&TicketClocks, &ClockStatus)],
    short: &ShortIds<'_>,
    priority_style: &dyn Fn(&str) -> Style,
    width: Option<u16>,
) -> Styled {
    let cells: Vec<Vec<Cell<'_>>> = rows
        .iter()
        .map(|(t, c)| {
            let state = state_style(c);
            vec![
                Cell::plain(short.get(&t.id)),
                Cell::new(
                    t.ticket.priority.to_string(),
                    priority_style(&t.ticket.priority),
                ),
                Cell::plain(clock_name(c)),
                Cell::plain(target_label(c)),
                Cell::plain(c.due.map_or_else(|| "-".into(), local_time)),
                Cell::new(remaining_label(c), state),
                Cell::new(state_label(c), state),
                Cell::plain(t.ticket.title.to_string()),
            ]
        })
        .collect();
    layout(&COLUMNS, &cells, width)
}

#[derive(Serialize)]
pub struct ClockDto {
    pub kind: &'static str,
    pub cycle: u32,
    pub policy: String,
    pub calendar: String,
    pub state: &'static str,
    pub off_hours: bool,
    pub target_secs: i64,
    pub start: String,
    pub due: Option<String>,
    pub elapsed_secs: i64,
    pub paused_secs: i64,
    pub remaining_secs: i64,
    pub breach_at: Option<String>,
    pub breached_by_secs: Option<i64>,
    pub stopped_at: Option<String>,
    /// `due` is projected as if the paused clock resumed now.
    pub due_projected: bool,
    /// When the breach could first be seen (later than `breach_at` after a re-prioritisation).
    pub breach_detected_at: Option<String>,
}

impl From<&ClockStatus> for ClockDto {
    fn from(c: &ClockStatus) -> ClockDto {
        ClockDto {
            kind: c.kind.as_str(),
            cycle: c.cycle,
            policy: c.policy.clone(),
            calendar: c.calendar.clone(),
            state: c.state.as_str(),
            off_hours: c.off_hours,
            target_secs: c.target_secs,
            start: rfc3339(c.start),
            due: c.due.map(rfc3339),
            elapsed_secs: c.elapsed_secs,
            paused_secs: c.paused_secs,
            remaining_secs: c.remaining_secs,
            breach_at: c.breach_at.map(rfc3339),
            breached_by_secs: c.breached_by_secs,
            stopped_at: c.stopped_at.map(rfc3339),
            due_projected: c.due_projected,
            breach_detected_at: c.breach_detected_at.map(rfc3339),
        }
    }
}

#[derive(Serialize)]
pub struct TicketClocksDto {
    pub id: String,
    pub title: String,
    pub status: String,
    pub priority: String,
    pub policy: Option<String>,
    pub reopens: usize,
    pub clocks: Vec<ClockDto>,
}

impl From<&TicketClocks> for TicketClocksDto {
    fn from(t: &TicketClocks) -> TicketClocksDto {
        TicketClocksDto {
            id: t.id.to_string(),
            title: t.ticket.title.to_string(),
            status: t.ticket.status.to_string(),
            priority: t.ticket.priority.to_string(),
            policy: t.sla.policy.clone(),
            reopens: t.reopens,
            clocks: t.sla.clocks.iter().map(ClockDto::from).collect(),
        }
    }
}

/// Renders an instant as RFC 3339 UTC, as every JSON timestamp is.
pub fn instant(t: DateTime<Utc>) -> String {
    rfc3339(t)
}
