//! Random edit sequences applied through `lsp::convert::apply_change` to a `ropey::Rope` and,
//! independently, to a `String` must give the same text; the position conversions in
//! `lsp::convert` never panic, return char boundaries, and round-trip at char boundaries.
//!
//! Input: a start text and edits, each `start line, start col, end line, end col, encoding,
//! replacement`, drawn from the fuzzer's bytes. Text and replacements come from a small alphabet
//! with umlauts, CRLF, lone CR, emoji (surrogate pairs in UTF-16) and a line separator.
#![no_main]

use factlint::finding::Edit;
use factlint::lsp::convert::{self, Encoding};
use factlint::text::Span;
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use tower_lsp_server::lsp_types::{Position, Range, TextDocumentContentChangeEvent};

const ALPHABET: &[&str] = &[
    "a", "b", " ", "\n", "\r\n", "\r", "ä", "Ü", "ß", "😀", "👍🏽", "\u{2028}", "€", "1", "\t", "x",
];

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*b)
    }
    fn text(&mut self, max: usize) -> String {
        let n = self.byte().map_or(0, |b| b as usize % (max + 1));
        let mut s = String::new();
        for _ in 0..n {
            match self.byte() {
                Some(b) => s.push_str(ALPHABET[b as usize % ALPHABET.len()]),
                None => break,
            }
        }
        s
    }
    /// Mostly small numbers, sometimes far out of range.
    fn coord(&mut self) -> u32 {
        match self.byte() {
            Some(b) if b >= 250 => u32::MAX - u32::from(b - 250),
            Some(b) if b >= 240 => 1000 + u32::from(b),
            Some(b) => u32::from(b % 24),
            None => 0,
        }
    }
}

/// Byte offset in `s` of a position, by the documented rules of `convert` (clamping, CR/LF/CRLF
/// line breaks, a column inside a character lands on that character's start), computed on a
/// plain `String` without ropey.
fn reference_offset(s: &str, pos: Position, enc: Encoding) -> usize {
    // Line starts: after "\n", after "\r" not followed by "\n".
    let bytes = s.as_bytes();
    let mut starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        let breaks = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if breaks {
            starts.push(i + 1);
        }
    }
    let line = pos.line as usize;
    if line >= starts.len() {
        return s.len();
    }
    let start = starts[line];
    let mut end = starts.get(line + 1).copied().unwrap_or(s.len());
    let content = &s[start..end];
    if content.ends_with("\r\n") {
        end -= 2;
    } else if content.ends_with('\n') || content.ends_with('\r') {
        end -= 1;
    }
    let mut units = 0usize;
    let col = pos.character as usize;
    for (off, ch) in s[start..end].char_indices() {
        let w = match enc {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
        };
        if col < units + w {
            return start + off;
        }
        units += w;
    }
    end
}

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes(data);
    let initial = input.text(40);
    let mut rope = Rope::from_str(&initial);
    let mut string = initial;
    let mut steps = 0;
    while !input.0.is_empty() && steps < 32 {
        steps += 1;
        let start = Position::new(input.coord(), input.coord());
        let end = Position::new(input.coord(), input.coord());
        let enc = if input.byte().unwrap_or(0) % 2 == 0 {
            Encoding::Utf16
        } else {
            Encoding::Utf8
        };
        let full = input.byte().unwrap_or(1) == 0;
        let replacement = input.text(8);

        // Conversions must not panic and must agree with the reference.
        for pos in [start, end] {
            let b = convert::position_to_byte(&rope, pos, enc);
            assert_eq!(
                b,
                reference_offset(&string, pos, enc),
                "{string:?} {pos:?} {enc:?}"
            );
            assert!(string.is_char_boundary(b));
            // Round trip: the position of that byte converts back to the same byte.
            let p = convert::byte_to_position(&rope, b, enc);
            assert_eq!(
                convert::position_to_byte(&rope, p, enc),
                b,
                "{string:?} {p:?}"
            );
        }
        // Any byte (also inside a character or past the end) converts without panic.
        let any = (start.character as usize) % (string.len() + 3);
        let p = convert::byte_to_position(&rope, any, enc);
        let back = convert::position_to_byte(&rope, p, enc);
        assert!(back <= any.min(string.len()) && string.is_char_boundary(back));
        let span = Span::new(any / 2, any);
        let range = convert::span_to_range(&rope, span, enc);
        let _ = convert::range_to_span(&rope, range, enc);
        let edit = Edit {
            span,
            replacement: replacement.clone(),
        };
        let _ = convert::edit_to_text_edit(&rope, &edit, enc);

        let change = TextDocumentContentChangeEvent {
            range: (!full).then(|| Range::new(start, end)),
            range_length: None,
            text: replacement.clone(),
        };
        if full {
            string = replacement;
        } else {
            let a = reference_offset(&string, start, enc);
            let b = reference_offset(&string, end, enc);
            string.replace_range(a.min(b)..a.max(b), &replacement);
        }
        convert::apply_change(&mut rope, &change, enc);
        assert_eq!(rope.to_string(), string, "after {change:?} in {enc:?}");
    }
});
