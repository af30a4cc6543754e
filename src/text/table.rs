//! Pipe tables: the row and the column a cell's text belongs to.
//!
//! A figure in a table cell ("| Lydia Perrault | 4,232 | 3.8% |") says nothing by itself: what
//! it counts is the row's label and its column's header ("Votes", "2024"). Markdown gives each
//! cell as a block of its own; this reads the row and the header back from the text.

use super::Span;

/// The other cells of a table cell's row, and its column's header cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellContext {
    /// The row's other cells that hold text (trimmed spans).
    pub others: Vec<Span>,
    /// The header cell of the cell's column (trimmed; `None` in the header row itself or when
    /// that header cell is empty).
    pub header: Option<Span>,
    /// Every cell of the header row (empty when the cell is in the header row).
    pub headers: Vec<Span>,
    /// Every cell of the cell's row (trimmed), and which of them is the cell.
    pub row: Vec<Span>,
    pub col: usize,
}

/// The line of `text` around byte `at`: (start, end without the newline).
fn line_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text.get(at..)?.find('\n').map_or(text.len(), |i| at + i);
    Some((start, end))
}

/// The cells of the table row `start..end` of `text`, trimmed (empty cells as empty spans),
/// split at pipes that are not escaped.
fn cells(text: &str, start: usize, end: usize) -> Vec<Span> {
    let Some(line) = text.get(start..end) else {
        return Vec::new();
    };
    let mut bounds = Vec::new();
    let mut prev = '\0';
    for (i, c) in line.char_indices() {
        if c == '|' && prev != '\\' {
            bounds.push(i);
        }
        prev = c;
    }
    let trimmed = line.trim();
    let lead = line.len() - line.trim_start().len();
    let mut edges = Vec::new();
    // A row may open and close with a pipe or not ("a | b" is a row too).
    if !trimmed.starts_with('|') {
        edges.push(lead);
    }
    for b in &bounds {
        edges.push(b + 1);
    }
    let mut out = Vec::new();
    for (k, &from) in edges.iter().enumerate() {
        let to = bounds
            .iter()
            .copied()
            .find(|&b| b >= from)
            .unwrap_or(line.len());
        if to < from {
            continue;
        }
        // Past the closing pipe there is no cell.
        if k + 1 == edges.len() && trimmed.ends_with('|') && bounds.last() == Some(&(from - 1)) {
            break;
        }
        let Some(cell) = line.get(from..to) else {
            continue;
        };
        let a = from + (cell.len() - cell.trim_start().len());
        let b = (a + cell.trim().len()).max(a);
        out.push(Span::new(start + a, start + b));
    }
    out
}

/// A delimiter row: `|---|:---:|`.
fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The row and column context of `span`, which lies in a cell of a pipe table in `text` (the
/// caller knows it from the block kind). `None` when the line is no table row.
pub fn cell_context(text: &str, span: Span) -> Option<CellContext> {
    let (start, end) = line_at(text, span.start)?;
    if !text.get(start..end)?.contains('|') {
        return None;
    }
    let row = cells(text, start, end);
    let col = row
        .iter()
        .position(|c| c.start <= span.start && span.start <= c.end.max(c.start))?;
    let others = row
        .iter()
        .enumerate()
        .filter(|(i, c)| *i != col && c.end > c.start)
        .map(|(_, c)| *c)
        .collect();
    // Walk up to the delimiter row; the line above it is the header.
    let mut header = None;
    let mut headers = Vec::new();
    let mut cur = start;
    while cur > 0 {
        let (ps, pe) = line_at(text, cur - 1)?;
        let prev = text.get(ps..pe)?;
        if is_delimiter(prev) {
            if ps > 0 {
                let (hs, he) = line_at(text, ps - 1)?;
                headers = cells(text, hs, he);
                header = headers.get(col).copied().filter(|c| c.end > c.start);
            }
            break;
        }
        if !prev.contains('|') || prev.trim().is_empty() {
            break;
        }
        cur = ps;
    }
    Some(CellContext {
        others,
        header,
        headers,
        row,
        col,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(text: &str, needle: &str) -> (Vec<String>, Option<String>) {
        let at = text.find(needle).expect("needle");
        let c = cell_context(text, Span::new(at, at + needle.len())).expect("a table row");
        (
            c.others
                .iter()
                .map(|s| text[s.start..s.end].to_string())
                .collect(),
            c.header.map(|s| text[s.start..s.end].to_string()),
        )
    }

    #[test]
    fn a_cell_has_its_row_and_its_column_header() {
        let t = "Intro.\n\n| Candidate | Votes | Share |\n|---|---|---|\n| Dana Whitcombe | 58,214 | 51.8% |\n| Lydia Perrault | 4,232 | 3.8% |\n";
        assert_eq!(
            ctx(t, "4,232"),
            (
                vec!["Lydia Perrault".to_string(), "3.8%".to_string()],
                Some("Votes".to_string())
            )
        );
        assert_eq!(ctx(t, "3.8%").1, Some("Share".to_string()));
        // The header row has no header.
        assert_eq!(ctx(t, "Votes").1, None);
    }

    #[test]
    fn rows_without_outer_pipes_and_empty_header_cells() {
        let t = "Ort | 2013 | 2024\n---|---|---\nEvakuierte | 3.100 | 1.870\n";
        assert_eq!(
            ctx(t, "1.870"),
            (
                vec!["Evakuierte".to_string(), "3.100".to_string()],
                Some("2024".to_string())
            )
        );
        let t = "| | 2013 | 2024 |\n|---|---|---|\n| Evakuierte | 3.100 | 1.870 |\n";
        assert_eq!(ctx(t, "3.100").1, Some("2013".to_string()));
        assert_eq!(ctx(t, "Evakuierte").1, None);
    }

    #[test]
    fn escaped_pipes_stay_in_their_cell() {
        let t = "| a \\| b | 5 |\n|---|---|\n| x \\| y | 7 |\n";
        assert_eq!(ctx(t, "7").0, vec!["x \\| y".to_string()]);
    }

    #[test]
    fn prose_is_no_row() {
        assert_eq!(
            cell_context("Just prose, 5 of them.", Span::new(12, 13)),
            None
        );
    }
}
