//! Sentence tokens for cue matching: words and punctuation, with clause numbers and quote marks.

use crate::lang::Lang;
use crate::text::words::{words_in, Word};
use crate::text::Span;

/// A word or a punctuation character of one sentence.
#[derive(Clone, Debug)]
pub struct Tok {
    pub span: Span,
    pub text: String,
    pub lower: String,
    pub word: bool,
    /// Inside a quotation (the speaker's own words).
    pub quoted: bool,
    /// Clause number within the sentence (punctuation and quote edges start a new clause).
    pub clause: usize,
}

impl Tok {
    /// Starts with an upper-case letter.
    pub fn capital(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }

    pub fn is(&self, s: &str) -> bool {
        self.lower == s
    }
}

/// Characters that end a clause.
fn clause_break(c: &str) -> bool {
    matches!(
        c,
        "," | ";"
            | ":"
            | "("
            | ")"
            | "–"
            | "—"
            | "„"
            | "“"
            | "”"
            | "\""
            | "»"
            | "«"
            | "."
            | "!"
            | "?"
            | "["
            | "]"
    )
}

/// Whether the word at `w` is an abbreviation of either language followed by its dot.
fn abbreviation(text: &str, w: Span) -> bool {
    if text.get(w.end..w.end + 1) != Some(".") {
        return false;
    }
    let Some(word) = text.get(w.start..w.end + 1) else {
        return false;
    };
    Lang::ALL
        .iter()
        .any(|l| l.text_data().abbreviations.iter().any(|a| a == word))
}

/// Whether the word at `w` is followed by a dot and a comma ("Rep. Nick Rahall, D-W.Va., said",
/// "Acme Co., the maker"): a dot before a comma ends no sentence, it abbreviates.
fn dot_before_comma(text: &str, w: Span) -> bool {
    text.get(w.end..w.end + 2) == Some(".,")
}

/// Whether the word at `w` is a number whose dot makes it an ordinal inside the sentence `sent`
/// ("am 4. April", "der 16. Deutsche Bundestag"): the dot is part of the word and ends no clause,
/// since the sentence goes on after it.
fn ordinal(text: &str, w: Span, sent: Span) -> bool {
    let digits = text
        .get(w.start..w.end)
        .is_some_and(|d| (1..=4).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()));
    let rest = text.get(w.end + 1..sent.end).unwrap_or("");
    digits
        && text.get(w.end..w.end + 1) == Some(".")
        && rest.starts_with(' ')
        && rest.trim_start().starts_with(char::is_alphanumeric)
}

/// Joins the parts of a number that a comma splits into words: a decimal comma ("3,6
/// Millionen") or a thousands separator ("1,200 jobs"). The comma between two digits ends no
/// clause, so a subject and its verb stay together around the figure.
fn number_groups<'a>(text: &'a str, words: Vec<Word<'a>>) -> Vec<Word<'a>> {
    let mut out: Vec<Word<'a>> = Vec::with_capacity(words.len());
    for w in words {
        if let Some(prev) = out.last_mut() {
            let joined = text.get(prev.span.end..w.span.start) == Some(",")
                && prev.text.ends_with(|c: char| c.is_ascii_digit())
                && w.text.starts_with(|c: char| c.is_ascii_digit());
            if joined {
                if let Some(t) = text.get(prev.span.start..w.span.end) {
                    prev.span = Span::new(prev.span.start, w.span.end);
                    prev.text = t;
                    continue;
                }
            }
        }
        out.push(w);
    }
    out
}

/// Tokens of `text[span]`; `quoted` tells whether a byte offset lies inside a quotation.
pub fn tokenize(text: &str, span: Span, quoted: &dyn Fn(usize) -> bool) -> Vec<Tok> {
    let words = number_groups(text, words_in(text, span));
    let mut out: Vec<Tok> = Vec::new();
    let mut pos = span.start;
    let push_punct = |out: &mut Vec<Tok>, from: usize, to: usize| {
        let Some(gap) = text.get(from..to) else {
            return;
        };
        for (i, c) in gap.char_indices() {
            if c.is_whitespace() || c.is_alphanumeric() {
                continue;
            }
            let s = Span::new(from + i, from + i + c.len_utf8());
            let t = c.to_string();
            out.push(Tok {
                span: s,
                lower: t.clone(),
                text: t,
                word: false,
                quoted: quoted(s.start),
                clause: 0,
            });
        }
    };
    for w in &words {
        push_punct(&mut out, pos, w.span.start);
        // An abbreviation keeps its dot ("Mr.", "Dr.", "Sen."): the dot ends no clause and a
        // name goes on after it ("said Mr. Brown").
        let end = if abbreviation(text, w.span)
            || ordinal(text, w.span, span)
            || dot_before_comma(text, w.span)
        {
            w.span.end + 1
        } else {
            w.span.end
        };
        let span = Span::new(w.span.start, end);
        let word = text.get(span.start..span.end).unwrap_or(w.text);
        out.push(Tok {
            span,
            text: word.to_string(),
            lower: word.to_lowercase(),
            word: true,
            quoted: quoted(w.span.start),
            clause: 0,
        });
        pos = span.end;
    }
    push_punct(&mut out, pos, span.end);
    let embedded = embedded_quotes(&out);
    let mut clause = 0;
    let mut prev_quoted = out.first().map(|t| t.quoted).unwrap_or(false);
    for (t, &inside) in out.iter_mut().zip(&embedded) {
        if inside {
            prev_quoted = t.quoted;
            t.clause = clause;
            continue;
        }
        if !t.word && clause_break(&t.text) {
            clause += 1;
            t.clause = clause;
            clause += 1;
            continue;
        }
        if t.quoted != prev_quoted {
            clause += 1;
            prev_quoted = t.quoted;
        }
        t.clause = clause;
    }
    out
}

/// A quotation mark.
fn quote_mark(t: &Tok) -> bool {
    !t.word && matches!(t.text.as_str(), "„" | "“" | "”" | "\"" | "»" | "«")
}

/// The tokens (marks included) of quotations set inside a clause, between two of its words,
/// with no punctuation of their own: a name or a phrase the clause goes on after ("wurde als
/// „junge Demokratie“ bezeichnet", "wie die „Bild“-Zeitung berichtete"). They break no clause.
fn embedded_quotes(toks: &[Tok]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].quoted || (i > 0 && toks[i - 1].quoted) {
            i += 1;
            continue;
        }
        let (start, mut end) = (i, i);
        while end < toks.len() && toks[end].quoted {
            end += 1;
        }
        i = end;
        let opens = start >= 2
            && quote_mark(&toks[start - 1])
            && toks[start - 2].word
            && !toks[start - 2].quoted;
        let closes = toks.get(end).is_some_and(quote_mark)
            && toks
                .get(end + 1)
                .is_some_and(|n| (n.word && !n.quoted) || n.is("-"));
        let plain = toks[start..end]
            .iter()
            .all(|t| t.word || !clause_break(&t.text));
        if opens && closes && plain {
            for x in &mut out[start - 1..=end] {
                *x = true;
            }
        }
    }
    out
}

/// The index range of the clause of token `i`.
pub fn clause_range(toks: &[Tok], i: usize) -> (usize, usize) {
    let Some(c) = toks.get(i).map(|t| t.clause) else {
        return (i, i);
    };
    let mut s = i;
    while s > 0 && toks[s - 1].clause == c {
        s -= 1;
    }
    let mut e = i + 1;
    while e < toks.len() && toks[e].clause == c {
        e += 1;
    }
    (s, e)
}
