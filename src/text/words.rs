//! Word tokens with byte spans, and the stemmed content terms used to compare sentences.

use crate::lang::Lang;
use crate::text::Span;

/// One word of a text: letters and digits, with inner hyphens, apostrophes and dots kept
/// ("DDoS-Angriff", "don't", "U.S."), trailing ones dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub span: Span,
    pub text: &'a str,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '‑' | '&')
}

/// The words of `text[range]`, with spans relative to the whole `text`.
pub fn words_in(text: &str, range: Span) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let Some(slice) = text.get(range.start..range.end) else {
        return out;
    };
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                chars.next();
            } else if is_joiner(d) {
                // Keep a joiner only when a word character follows it.
                let mut look = slice[j + d.len_utf8()..].chars();
                match look.next() {
                    Some(n) if is_word_char(n) => {
                        chars.next();
                        end = j + d.len_utf8();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        let span = Span::new(range.start + start, range.start + end);
        out.push(Word {
            span,
            text: &text[span.start..span.end],
        });
    }
    out
}

/// Whether a word is a content word worth comparing (not a stop word, not a bare number).
pub fn is_content(lang: Lang, lower: &str) -> bool {
    lower.chars().count() >= 2
        && lower.chars().any(|c| c.is_alphabetic())
        && !lang.text_data().is_stopword(lower)
}

/// The comparison term of a lower-cased content word: its synonym group (by the word, else —
/// German, which declines its nouns — by its stem: „Gästen“ of „Gäste“), else its stem. English
/// groups list their forms: a stem there would also catch a verb ("posted" of "posts").
pub fn term(lang: Lang, lower: &str) -> String {
    if let Some(rep) = lang.text_data().synonym_of(lower) {
        return format!("~{rep}");
    }
    let stem = lang.stem(lower);
    let by_stem = || {
        (lang == Lang::De)
            .then(|| lang.synonym_of_stem(&stem))
            .flatten()
    };
    match by_stem().or_else(|| compound_synonym(lang, lower)) {
        Some(rep) => format!("~{rep}"),
        None => stem,
    }
}

/// Letters a German compound's modifier and head must each have at least (see
/// [`compound_synonym`]).
const COMPOUND_PART: usize = 3;

/// A German compound counts what its head counts: „Fachbesucherinnen“, „Messebesucher“ are
/// visitors like „Besucher“. The group of the longest head of `lower` that is in a group.
fn compound_synonym(lang: Lang, lower: &str) -> Option<&'static str> {
    if lang != Lang::De {
        return None;
    }
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    (COMPOUND_PART..chars.len().saturating_sub(COMPOUND_PART - 1)).find_map(|k| {
        let at = chars.get(k)?.0;
        let head = lower.get(at..)?.trim_start_matches('-');
        (head.chars().count() > COMPOUND_PART)
            .then(|| lang.text_data().synonym_of(head))
            .flatten()
    })
}

/// A copy of `text` with the given spans blanked (same length), e.g. numbers before comparing words.
pub fn blank_spans(text: &str, spans: impl IntoIterator<Item = Span>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for s in spans {
        if s.end > bytes.len() || !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            continue;
        }
        for b in &mut bytes[s.start..s.end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Stemmed content terms of a span; compound parts of hyphenated words are added as well, and
/// a closed German compound's core ("Gesamtvolumen" adds "Volumen", "Besucherzahl" adds
/// "Besucher": [`crate::lang::lexicon::compound_core`]), so a compound meets its plain word.
pub fn content_terms(text: &str, range: Span, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for w in words_in(text, range) {
        let lower = w.text.to_lowercase();
        if !is_content(lang, &lower) {
            continue;
        }
        out.push(term(lang, &lower));
        if let Some(core) = crate::lang::lexicon::compound_core(lang, &lower) {
            let t = match lang.synonym_of_stem(&core) {
                Some(rep) => format!("~{rep}"),
                None => core,
            };
            if out.last() != Some(&t) {
                out.push(t);
            }
        }
        if lower.contains('-') {
            for part in lower.split('-') {
                if is_content(lang, part) {
                    out.push(term(lang, part));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// A German compound counts what its head counts; a short modifier or head does not make
    /// one, and English words are left alone.
    #[test]
    fn a_compound_takes_its_heads_group() {
        assert_eq!(
            term(Lang::De, "fachbesucherinnen"),
            term(Lang::De, "besucher")
        );
        assert_eq!(term(Lang::De, "messebesucher"), term(Lang::De, "besucher"));
        // The head decides, not the modifier: „Besucherzahl“ is a number, not visitors.
        assert_ne!(term(Lang::De, "besucherzahl"), term(Lang::De, "besucher"));
        assert_eq!(
            term(Lang::En, "supervisitors"),
            Lang::En.stem("supervisitors")
        );
    }

    /// An inflection a synonym group does not list is in the group by its stem: „vor rund
    /// 1.200 Gästen“ counts what „1.200 Gäste“ counts.
    #[test]
    fn an_unlisted_inflection_takes_its_groups_term() {
        assert_eq!(term(Lang::De, "gästen"), term(Lang::De, "gäste"));
        assert!(term(Lang::De, "gästen").starts_with('~'));
        // A word of no group keeps its stem.
        assert_eq!(term(Lang::De, "hallen"), Lang::De.stem("hallen"));
    }

    use super::*;

    #[test]
    fn words_keep_inner_joiners() {
        let t = "Der DDoS-Angriff, sagte Mr. Musk's Team – ok.";
        let w: Vec<&str> = words_in(t, Span::new(0, t.len()))
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            w,
            vec!["Der", "DDoS-Angriff", "sagte", "Mr", "Musk's", "Team", "ok"]
        );
    }

    #[test]
    fn content_terms_are_stemmed_and_skip_stopwords() {
        let t = "Die Nutzer verfolgten das Gespräch";
        let terms = content_terms(t, Span::new(0, t.len()), Lang::De);
        assert!(terms.contains(&"~zuschauer".to_string()), "{terms:?}");
        assert!(terms.contains(&Lang::De.stem("gespräch")));
        assert!(!terms.iter().any(|x| x == "die"));
    }
}
