//! Aligned text tables for people, the one place tix lays out columns.
//!
//! [`layout`] draws the tables people scan on a terminal (`tix list`, `tix sla`): one line per
//! row, always. On a narrow terminal low-value columns give way first, each table saying in
//! which order, then the title is cut with an ellipsis; piped (no width) nothing is cut.
//! Widths are measured on the visible text, before any colour is added. [`render`] draws the
//! report's tables with comfy-table, wrapping their last column.

use std::borrow::Cow;

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::text::escape_controls;
use crate::output::{Style, Styled};

/// How a column gives way when a table is wider than the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Always shown in full (IDs, states).
    Keep,
    /// Left out when the table does not fit; rank 1 goes first, then 2, and so on.
    Drop(u8),
    /// Cut with `…` to the room left (a title); one column per table at most.
    Shrink,
}

/// One column of a [`layout`] table.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    pub header: &'a str,
    pub fit: Fit,
}

/// One cell: its text and what it means for colour.
#[derive(Debug, Clone)]
pub struct Cell<'a> {
    pub text: Cow<'a, str>,
    pub style: Style,
}

impl<'a> Cell<'a> {
    pub fn new(text: impl Into<Cow<'a, str>>, style: Style) -> Cell<'a> {
        Cell {
            text: text.into(),
            style,
        }
    }

    pub fn plain(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::new(text, Style::Plain)
    }
}

/// The room a shrinking column is given before other columns are dropped for it, and the least
/// it is cut to when nothing more can be dropped.
const SHRINK_COMFORT: usize = 20;
const SHRINK_LEAST: usize = 10;

/// Space between columns.
const GAP: usize = 2;

/// Lays out `rows` under `columns`, one line per row. With a `width` (a terminal, or `COLUMNS`)
/// the table fits it: the [`Fit::Shrink`] column is cut to what is left, down to
/// [`SHRINK_COMFORT`]; when even that does not fit, [`Fit::Drop`] columns are left out in rank
/// order until it does (a table too wide without them runs past the edge). Without a width
/// nothing is cut or dropped, as `git log` does when piped.
pub fn layout(columns: &[Column<'_>], rows: &[Vec<Cell<'_>>], width: Option<u16>) -> Styled {
    // Cells hold ticket text, which a hand edit may have filled with control characters; escape
    // them before widths are measured so columns stay aligned and the terminal is not steered.
    let rows: Vec<Vec<(Cow<'_, str>, Style)>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| (escape_controls(&cell.text, false), cell.style))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = columns.iter().map(|c| c.header.width()).collect();
    for row in &rows {
        for (w, (text, _)) in widths.iter_mut().zip(row) {
            *w = (*w).max(text.width());
        }
    }
    let shown = match width {
        Some(width) => fit(columns, &mut widths, usize::from(width)),
        None => vec![true; columns.len()],
    };
    let mut out = Styled::new();
    // The header's gaps share its style, so it is painted as one piece.
    let mut line = |cells: &mut dyn Iterator<Item = (&str, Style)>, gaps: Style| {
        let mut pad = 0;
        let mut first = true;
        for (i, (text, style)) in cells.enumerate() {
            let (Some(true), Some(&w)) = (shown.get(i), widths.get(i)) else {
                continue;
            };
            if !first {
                out.push(gaps, &" ".repeat(pad + GAP));
            }
            first = false;
            let text = cut(text, w);
            out.push(style, &text);
            pad = w.saturating_sub(text.width());
        }
        out.plain("\n");
    };
    line(
        &mut columns.iter().map(|c| (c.header, Style::Heading)),
        Style::Heading,
    );
    for row in &rows {
        // A row in one style (a finished ticket's, dimmed) is one piece too.
        let first = row.first().map_or(Style::Plain, |(_, s)| *s);
        let gaps = if row.iter().all(|(_, s)| *s == first) {
            first
        } else {
            Style::Plain
        };
        line(
            &mut row.iter().map(|(text, style)| (text.as_ref(), *style)),
            gaps,
        );
    }
    out
}

/// Decides which columns a table of `widths` shows in `width` columns, and narrows the
/// shrinking one to its share.
fn fit(columns: &[Column<'_>], widths: &mut [usize], width: usize) -> Vec<bool> {
    let mut drops: Vec<(u8, usize)> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c.fit {
            Fit::Drop(rank) => Some((rank, i)),
            _ => None,
        })
        .collect();
    drops.sort_unstable();
    let shrink = columns.iter().position(|c| c.fit == Fit::Shrink);
    let mut shown = vec![true; columns.len()];
    for dropped in 0..=drops.len() {
        if dropped > 0
            && let Some(&(_, i)) = drops.get(dropped - 1)
            && let Some(s) = shown.get_mut(i)
        {
            *s = false;
        }
        let visible = shown.iter().filter(|s| **s).count();
        let fixed: usize = widths
            .iter()
            .zip(&shown)
            .enumerate()
            .filter(|&(i, (_, s))| *s && Some(i) != shrink)
            .map(|(_, (w, _))| *w)
            .sum::<usize>()
            + GAP * visible.saturating_sub(1);
        let Some(w) = shrink.and_then(|s| widths.get_mut(s)) else {
            if fixed <= width {
                break;
            }
            continue;
        };
        let room = width.saturating_sub(fixed);
        let last = dropped == drops.len();
        if room >= (*w).min(SHRINK_COMFORT) || last {
            *w = (*w).min(room.max(SHRINK_LEAST.min(*w)));
            break;
        }
    }
    shown
}

/// `text` cut to `width` columns, its last one an ellipsis when something was cut.
fn cut(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    // "a blue…", not "a blue …".
    out.truncate(out.trim_end().len());
    out.push('…');
    Cow::Owned(out)
}

/// Renders rows under `header`. With a `width` (a terminal, or `COLUMNS`) the last column wraps
/// to fit and the others never do; without one (output piped) nothing wraps, as `git log` does.
pub fn render<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>], width: Option<u16>) -> String {
    // Cells hold ticket text, which a hand edit may have filled with control characters; escape
    // them before widths are measured so columns stay aligned and the terminal is not steered.
    let rows: Vec<Vec<Cow<'_, str>>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| escape_controls(cell.as_ref(), false))
                .collect()
        })
        .collect();
    let Some(width) = width else {
        return unwrapped(header, &rows);
    };
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table.set_header(header.to_vec());
    for row in rows {
        table.add_row(row);
    }
    let last = header.len().saturating_sub(1);
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_constraint(if i < last {
            ColumnConstraint::ContentWidth
        } else {
            ColumnConstraint::LowerBoundary(Width::Fixed(10))
        });
    }
    trim_lines(&table.to_string())
}

/// The columns a text takes on a terminal (as comfy-table counts them); most cells are ASCII,
/// where that is the length.
fn columns(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// Columns padded to their widest cell, two spaces apart: what comfy-table prints when nothing
/// wraps, at a fraction of its cost on long lists (`tix list` of thousands of tickets, piped).
fn unwrapped(header: &[&str], rows: &[Vec<Cow<'_, str>>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| columns(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(columns(cell));
        }
    }
    let mut out =
        String::with_capacity((rows.len() + 1) * (widths.iter().sum::<usize>() + 2 * widths.len()));
    let spaces = " ".repeat(widths.iter().copied().max().unwrap_or(0));
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let start = out.len();
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            out.push_str(cell);
            let pad = widths
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(columns(cell));
            out.push_str(spaces.get(..pad).unwrap_or_default());
        }
        let trimmed = out[start..].trim_end().len();
        out.truncate(start + trimmed);
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(AsRef::as_ref));
    }
    out
}

/// comfy-table pads every cell; trailing spaces and the left margin only make diffs noisy.
pub fn trim_lines(text: &str) -> String {
    let mut out: String = text
        .lines()
        .map(str::trim_end)
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<Cell<'static>> {
        texts
            .iter()
            .map(|t| Cell::plain(Cow::Owned(t.to_string())))
            .collect()
    }

    const COLUMNS: [Column<'static>; 4] = [
        Column {
            header: "ID",
            fit: Fit::Keep,
        },
        Column {
            header: "TYPE",
            fit: Fit::Drop(1),
        },
        Column {
            header: "OWNER",
            fit: Fit::Drop(2),
        },
        Column {
            header: "TITLE",
            fit: Fit::Shrink,
        },
    ];

    fn table(width: Option<u16>) -> String {
        let rows = vec![
            cells(&[
                "IT-1",
                "incident",
                "alice",
                "Laptop shows a blue screen after the update",
            ]),
            cells(&["IT-22", "request", "-", "VPN"]),
        ];
        layout(&COLUMNS, &rows, width).text()
    }

    #[test]
    fn piped_layout_cuts_nothing() {
        assert_eq!(
            table(None),
            "ID     TYPE      OWNER  TITLE\n\
             IT-1   incident  alice  Laptop shows a blue screen after the update\n\
             IT-22  request   -      VPN\n"
        );
    }

    #[test]
    fn the_title_is_cut_first_then_columns_drop_in_rank_order() {
        // Room for the title's comfortable share: only the title is cut.
        assert_eq!(
            table(Some(45)),
            "ID     TYPE      OWNER  TITLE\n\
             IT-1   incident  alice  Laptop shows a blue…\n\
             IT-22  request   -      VPN\n"
        );
        // Less: TYPE (rank 1) gives way, then OWNER.
        assert_eq!(
            table(Some(38)),
            "ID     OWNER  TITLE\n\
             IT-1   alice  Laptop shows a blue scr…\n\
             IT-22  -      VPN\n"
        );
        assert_eq!(
            table(Some(24)),
            "ID     TITLE\n\
             IT-1   Laptop shows a b…\n\
             IT-22  VPN\n"
        );
        for width in [20, 24, 38, 45, 60] {
            for line in table(Some(width)).lines() {
                assert!(line.width() <= usize::from(width), "{width}: {line}");
            }
        }
    }

    #[test]
    fn wide_characters_are_measured_by_their_columns() {
        let rows = vec![cells(&[
            "IT-1",
            "x",
            "y",
            "日本語のタイトルはとても長いです",
        ])];
        let text = layout(&COLUMNS, &rows, Some(30)).text();
        for line in text.lines() {
            assert!(line.width() <= 30, "{line}");
        }
        assert!(text.contains('…'), "{text}");
    }

    #[test]
    fn styles_cover_the_text_not_the_padding() {
        let rows = vec![vec![
            Cell::new("IT-1", Style::Bad),
            Cell::plain("t"),
            Cell::plain("o"),
            Cell::plain("x"),
        ]];
        let styled = layout(&COLUMNS, &rows, None);
        let pieces: Vec<(Style, &str)> = styled.pieces().collect();
        assert_eq!(pieces[0], (Style::Heading, "ID    TYPE  OWNER  TITLE"));
        assert_eq!(pieces[1], (Style::Plain, "\n"));
        assert_eq!(pieces[2], (Style::Bad, "IT-1"));
        assert_eq!(pieces[3], (Style::Plain, "  t     o      x\n"));
    }

    #[test]
    fn piped_tables_align_without_wrapping_or_trailing_spaces() {
        let rows = vec![
            vec![
                "IT-AB".to_string(),
                "a long title that would wrap".to_string(),
            ],
            vec!["IT-ABCD".to_string(), "x".to_string()],
        ];
        assert_eq!(
            render(&["ID", "TITLE"], &rows, None),
            "ID       TITLE\nIT-AB    a long title that would wrap\nIT-ABCD  x\n"
        );
    }
}
