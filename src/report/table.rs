//! Aligned text tables for people (comfy-table), the one place tix lays out columns.

use std::borrow::Cow;

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};

use crate::domain::text::escape_controls;

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

/// The columns a text takes, counted as characters (as comfy-table does for the text tix
/// writes); most cells are ASCII, where that is the length.
fn columns(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
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
