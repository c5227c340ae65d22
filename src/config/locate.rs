//! Finds the line of a key path in YAML text, for errors found after parsing.
//!
//! serde_yaml_ng drops positions once a value is deserialized, so rule violations (a calendar
//! that a policy names but nobody defined) are placed by scanning the text: each path segment is
//! a mapping key or a list index looked up inside the block of the previous one. When the text is
//! laid out in a way this scanner does not follow, it answers with the deepest segment it found.

/// The 1-based line of `path` in `text`, or of its deepest found ancestor.
pub fn line_of(text: &str, path: &[&str]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0;
    let mut end = lines.len();
    let mut min_indent = 0;
    let mut found = None;
    for segment in path {
        let hit = match segment.parse::<usize>() {
            Ok(index) => find_item(&lines, start, end, min_indent, index),
            Err(_) => find_key(&lines, start, end, min_indent, segment),
        };
        let Some((line, indent)) = hit else { break };
        found = Some(line + 1);
        start = line + 1;
        end = block_end(&lines, start, indent);
        min_indent = indent + 1;
        // A flow value on the same line (`key: [a, b]`) has no block below it.
        if start == end {
            break;
        }
    }
    found
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty() && !t.starts_with('#')
}

fn find_key(
    lines: &[&str],
    start: usize,
    end: usize,
    min_indent: usize,
    key: &str,
) -> Option<(usize, usize)> {
    let block = lines.get(start..end)?;
    let first = block.iter().find(|line| is_content(line))?;
    let level = indent_of(first).max(min_indent);
    block.iter().enumerate().find_map(|(k, &line)| {
        let i = start + k;
        let trimmed = line.trim_start().trim_start_matches("- ");
        let indent = line.len() - trimmed.len();
        let plain = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'));
        let quoted = trimmed
            .strip_prefix(&format!("\"{key}\""))
            .is_some_and(|rest| rest.starts_with(':'));
        (is_content(line) && indent >= level && (plain || quoted)).then_some((i, indent))
    })
}

fn find_item(
    lines: &[&str],
    start: usize,
    end: usize,
    min_indent: usize,
    index: usize,
) -> Option<(usize, usize)> {
    // (line, indent) of each list item in the block.
    let items: Vec<(usize, usize)> = lines
        .get(start..end)?
        .iter()
        .enumerate()
        .filter(|(_, line)| {
            is_content(line)
                && indent_of(line) >= min_indent.saturating_sub(1)
                && line.trim_start().starts_with('-')
        })
        .map(|(k, line)| (start + k, indent_of(line)))
        .collect();
    let level = items.first()?.1;
    let item = items
        .into_iter()
        .filter(|&(_, indent)| indent == level)
        .nth(index)?;
    Some((item.0, level))
}

fn block_end(lines: &[&str], start: usize, indent: usize) -> usize {
    lines
        .iter()
        .enumerate()
        .skip(start)
        .find(|(_, line)| {
            is_content(line) && indent_of(line) <= indent && !line.trim_start().starts_with('-')
        })
        .map_or(lines.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a: 1\nb:\n  c: 2\n  d:\n    - x: 1\n    - x: 2\n      y: 3\ne: [1, 2]\n";

    #[test]
    fn finds_nested_keys_and_items() {
        assert_eq!(line_of(TEXT, &["a"]), Some(1));
        assert_eq!(line_of(TEXT, &["b", "c"]), Some(3));
        assert_eq!(line_of(TEXT, &["b", "d", "1"]), Some(6));
        assert_eq!(line_of(TEXT, &["b", "d", "1", "y"]), Some(7));
        assert_eq!(line_of(TEXT, &["e", "1"]), Some(8));
        assert_eq!(line_of(TEXT, &["b", "zz"]), Some(2));
        assert_eq!(line_of(TEXT, &["zz"]), None);
    }
}
