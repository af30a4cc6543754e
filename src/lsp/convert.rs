//! Conversions between the engine's byte spans and LSP positions (UTF-8 or UTF-16), via ropey.
//!
//! Out-of-range positions are clamped: a column past the end of its line means the line end,
//! a line past the end of the document means the end of the document.

use crate::finding::Edit;
use crate::text::line_index::LineCol;
use crate::text::Span;
use ropey::{Rope, RopeSlice};
use tower_lsp_server::lsp_types::{
    Position, PositionEncodingKind, Range, TextDocumentContentChangeEvent, TextEdit,
};

/// The unit in which LSP positions count columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// Picks UTF-8 when the client offers it, else UTF-16 (the LSP default).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The char index where `line` starts and the number of chars before its line terminator.
fn line_content(rope: &Rope, line: usize) -> (usize, usize) {
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    (start, len)
}

fn column_to_char(slice: RopeSlice, col: usize, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf16 if col < slice.len_utf16_cu() => slice.utf16_cu_to_char(col),
        Encoding::Utf8 if col < slice.len_bytes() => slice.byte_to_char(col),
        _ => slice.len_chars(),
    }
}

/// The char index of an LSP position, clamped to the document.
pub fn position_to_char(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let (start, len) = line_content(rope, line);
    start + column_to_char(rope.slice(start..start + len), pos.character as usize, enc)
}

/// The byte offset of an LSP position, clamped to the document.
pub fn position_to_byte(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    rope.char_to_byte(position_to_char(rope, pos, enc))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The LSP position of a char index (clamped to the document).
pub fn char_to_position(rope: &Rope, char_idx: usize, enc: Encoding) -> Position {
    let c = char_idx.min(rope.len_chars());
    let line = rope.char_to_line(c);
    let start = rope.line_to_char(line);
    let col = match enc {
        Encoding::Utf16 => rope.char_to_utf16_cu(c) - rope.char_to_utf16_cu(start),
        Encoding::Utf8 => rope.char_to_byte(c) - rope.char_to_byte(start),
    };
    Position::new(to_u32(line), to_u32(col))
}

/// The LSP position of a byte offset; offsets inside a character move back to its start.
pub fn byte_to_position(rope: &Rope, byte: usize, enc: Encoding) -> Position {
    let b = byte.min(rope.len_bytes());
    char_to_position(rope, rope.byte_to_char(b), enc)
}

/// The LSP range of a byte span.
pub fn span_to_range(rope: &Rope, span: Span, enc: Encoding) -> Range {
    Range::new(
        byte_to_position(rope, span.start, enc),
        byte_to_position(rope, span.end.max(span.start), enc),
    )
}

/// The byte span of an LSP range (ends before starts are swapped).
pub fn range_to_span(rope: &Rope, range: Range, enc: Encoding) -> Span {
    let a = position_to_byte(rope, range.start, enc);
    let b = position_to_byte(rope, range.end, enc);
    Span::new(a.min(b), a.max(b))
}

/// An engine edit as an LSP text edit.
pub fn edit_to_text_edit(rope: &Rope, edit: &Edit, enc: Encoding) -> TextEdit {
    TextEdit::new(
        span_to_range(rope, edit.span, enc),
        edit.replacement.clone(),
    )
}

/// The LSP range of a 1-based line/column pair from the engine's line index (corpus evidence).
pub fn line_col_range(start: LineCol, end: LineCol, enc: Encoding) -> Range {
    let pos = |lc: LineCol| {
        let col = match enc {
            Encoding::Utf16 => lc.col_utf16,
            Encoding::Utf8 => lc.col_byte,
        };
        Position::new(
            to_u32(lc.line.saturating_sub(1)),
            to_u32(col.saturating_sub(1)),
        )
    };
    Range::new(pos(start), pos(end))
}

/// Applies one `didChange` content change to the rope; a change without a range replaces all.
pub fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let a = position_to_char(rope, range.start, enc);
            let b = position_to_char(rope, range.end, enc);
            let (start, end) = (a.min(b), a.max(b));
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    fn change(range: Option<Range>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn utf16_and_utf8_columns_with_umlauts_and_emoji() {
        let text = "Zähler\r\n😀 wurden 14 Menschen";
        let rope = Rope::from_str(text);
        let b = text.find("14").unwrap_or(0);
        assert_eq!(byte_to_position(&rope, b, Encoding::Utf16), pos(1, 10));
        assert_eq!(byte_to_position(&rope, b, Encoding::Utf8), pos(1, 12));
        assert_eq!(position_to_byte(&rope, pos(1, 10), Encoding::Utf16), b);
        assert_eq!(position_to_byte(&rope, pos(1, 12), Encoding::Utf8), b);
        // "ä" is one UTF-16 unit and two bytes.
        let r = text.find('l').unwrap_or(0);
        assert_eq!(byte_to_position(&rope, r, Encoding::Utf16), pos(0, 3));
        assert_eq!(byte_to_position(&rope, r, Encoding::Utf8), pos(0, 4));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\r\ncd\n";
        let rope = Rope::from_str(text);
        // Past the line end: the end of the line content, before CRLF.
        assert_eq!(position_to_byte(&rope, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(position_to_byte(&rope, pos(1, 99), Encoding::Utf8), 6);
        // Past the last line: the end of the document.
        assert_eq!(
            position_to_byte(&rope, pos(42, 0), Encoding::Utf16),
            text.len()
        );
        assert_eq!(byte_to_position(&rope, 999, Encoding::Utf16), pos(2, 0));
        // Inside a surrogate pair or a multi-byte char: no panic, a char boundary.
        let rope = Rope::from_str("😀x");
        let c = position_to_char(&rope, pos(0, 1), Encoding::Utf16);
        assert!(c <= 1);
        let c = position_to_char(&rope, pos(0, 2), Encoding::Utf8);
        assert!(c <= 1);
    }

    #[test]
    fn lone_cr_is_a_line_break_and_unicode_separators_are_not() {
        let rope = Rope::from_str("a\rb\u{2028}c\nd");
        assert_eq!(rope.len_lines(), 3);
        assert_eq!(position_to_char(&rope, pos(1, 3), Encoding::Utf16), 5);
    }

    #[test]
    fn incremental_changes_apply_in_utf16() {
        let mut rope = Rope::from_str("😀 Über 90,000 cars\nnext");
        apply_change(
            &mut rope,
            &change(Some(Range::new(pos(0, 8), pos(0, 14))), "68,000"),
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "😀 Über 68,000 cars\nnext");
        // Reversed and out-of-range ranges do not panic.
        apply_change(
            &mut rope,
            &change(Some(Range::new(pos(9, 9), pos(1, 2))), "!"),
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "😀 Über 68,000 cars\nne!");
        apply_change(&mut rope, &change(None, "neu"), Encoding::Utf8);
        assert_eq!(rope.to_string(), "neu");
    }

    #[test]
    fn negotiation_prefers_utf8() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
