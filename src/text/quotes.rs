//! Pairing of quotation marks in German and English prose („…“, »…«, «…», “…”, "…", ‚…‘, ‘…’).

use crate::text::Span;

/// One quotation: the span including its marks and the inner span without them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    pub outer: Span,
    pub inner: Span,
    /// Nesting depth, 0 for the outermost quotation.
    pub depth: usize,
}

/// The closing mark a character opens, given what currently awaits closing.
fn opens(c: char) -> Option<char> {
    match c {
        '„' => Some('“'),
        '“' => Some('”'),
        '»' => Some('«'),
        '«' => Some('»'),
        '‚' => Some('‘'),
        '‘' => Some('’'),
        '"' => Some('"'),
        '‹' => Some('›'),
        '›' => Some('‹'),
        _ => None,
    }
}

/// Whether `c` can close a quotation that awaits `expected`.
fn closes(c: char, expected: char) -> bool {
    c == expected || (expected == '“' && c == '”') || (expected == '”' && c == '“')
}

/// Finds the balanced quotations in `text[range]`. Unbalanced marks are ignored; an apostrophe
/// (’ or ') inside a word never opens a quote.
pub fn scan(text: &str, range: Span) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let Some(slice) = text.get(range.start..range.end) else {
        return out;
    };
    let mut stack: Vec<(usize, char, usize)> = Vec::new(); // (open offset, expected closer, mark len)
    let mut prev: Option<char> = None;
    for (i, c) in slice.char_indices() {
        let abs = range.start + i;
        if let Some(pos) = stack.iter().rposition(|&(_, exp, _)| closes(c, exp)) {
            // Straight double quotes: a quote directly after a letter closes; else it may open a nested one.
            let (open, _, mark_len) = stack[pos];
            stack.truncate(pos);
            out.push(QuoteSpan {
                outer: Span::new(open, abs + c.len_utf8()),
                inner: Span::new(open + mark_len, abs),
                depth: pos,
            });
        } else if let Some(exp) = opens(c) {
            // ‘ directly after a letter is an apostrophe in English ("rock ‘n’ roll" aside).
            let after_letter = prev.is_some_and(|p| p.is_alphanumeric());
            if (c == '‘' || c == '›') && after_letter {
                prev = Some(c);
                continue;
            }
            stack.push((abs, exp, c.len_utf8()));
        }
        prev = Some(c);
    }
    out.sort_by_key(|q| q.outer.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        scan(text, Span::new(0, text.len()))
            .iter()
            .map(|q| q.inner.slice(text))
            .collect()
    }

    #[test]
    fn german_english_and_guillemets() {
        assert_eq!(inner("Er sagte: „Es geht.“ Dann"), vec!["Es geht."]);
        assert_eq!(inner("He said “it works” today"), vec!["it works"]);
        assert_eq!(inner("»Nein«, sagte sie"), vec!["Nein"]);
        assert_eq!(inner("«Ja», sagte sie"), vec!["Ja"]);
        assert_eq!(inner("\"One,\" he said, \"two.\""), vec!["One,", "two."]);
    }

    #[test]
    fn nested_and_apostrophes() {
        assert_eq!(
            inner("„Er rief ‚Halt‘ und ging“"),
            vec!["Er rief ‚Halt‘ und ging", "Halt"]
        );
        assert_eq!(inner("Musk’s team didn’t say"), Vec::<&str>::new());
    }
}
