//! Byte offset to line/column conversion for reports (lines and columns are 1-based here).

/// Line starts of a text, for converting byte offsets into line and column numbers.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

/// A 1-based line and column; `col_utf16` counts UTF-16 code units, `col_char` Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col_utf16: usize,
    pub col_char: usize,
    pub col_byte: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The 0-based line containing `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset at which 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Line and columns of a byte offset; offsets inside a character are moved back to its start.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        let prefix = text.get(start..offset).unwrap_or("");
        LineCol {
            line: line + 1,
            col_utf16: prefix.encode_utf16().count() + 1,
            col_char: prefix.chars().count() + 1,
            col_byte: prefix.len() + 1,
        }
    }

    /// The text of the 0-based line without its line terminator.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.line_start(line);
        let end = self.starts.get(line + 1).map(|e| e - 1).unwrap_or(self.len);
        let s = text.get(start..end.max(start)).unwrap_or("");
        s.strip_suffix('\r').unwrap_or(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_and_chars() {
        let text = "ab\n😀 Zähler 5";
        let idx = LineIndex::new(text);
        let five = text.find('5').unwrap_or(0);
        let lc = idx.line_col(text, five);
        assert_eq!(lc.line, 2);
        assert_eq!(lc.col_char, 10);
        assert_eq!(lc.col_utf16, 11);
        assert_eq!(idx.line_text(text, 1), "😀 Zähler 5");
    }

    #[test]
    fn offsets_past_end_and_inside_chars_are_clamped() {
        let text = "ä";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1).col_char, 1);
        assert_eq!(idx.line_col(text, 99).col_char, 2);
    }
}
