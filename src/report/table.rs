//! Aligned text tables for people (comfy-table), the one place tix lays out columns.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};

/// Renders rows under `header`. With a `width` (a terminal, or `COLUMNS`) the last column wraps
/// to fit and the others never do; without one (output piped) nothing wraps, as `git log` does.
pub fn render(header: &[&str], rows: Vec<Vec<String>>, width: Option<u16>) -> String {
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    match width {
        Some(width) => table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width),
        None => table.set_content_arrangement(ContentArrangement::Disabled),
    };
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
