//! Sentence segmentation for German and English news prose.
//!
//! Boundaries are sentence punctuation followed by space and a plausible sentence start, except
//! after abbreviations ("z. B.", "Dr.", "U.S."), initials, ordinals and dates ("am 13. Juli"),
//! and inside quotations. A line break after a line without final punctuation (a headline, a
//! list line) also ends a sentence.

use crate::lang::Lang;
use crate::text::{quotes, Span};

/// Splits `text[block]` into sentence spans (trimmed of surrounding whitespace).
pub fn split(text: &str, block: Span, lang: Lang) -> Vec<Span> {
    let quotes_in = quotes::scan(text, block);
    let inside_quote = |pos: usize| {
        quotes_in
            .iter()
            .any(|q| q.depth == 0 && q.inner.start <= pos && pos < q.inner.end)
    };
    let Some(slice) = text.get(block.start..block.end) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = slice
        .char_indices()
        .map(|(i, c)| (block.start + i, c))
        .collect();
    let mut cuts: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '\n' {
            if line_break_ends_sentence(text, &chars, i) {
                cuts.push(pos);
            }
            i += 1;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Take the whole run of punctuation and closing marks.
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
            j += 1;
        }
        let mut k = j;
        while k < chars.len()
            && matches!(
                chars[k].1,
                '“' | '”' | '"' | '«' | '»' | '’' | '‘' | ')' | ']' | '\'' | '›' | '‹'
            )
        {
            k += 1;
        }
        // A closing mark that is part of a still-open quote does not count when we're inside one.
        let end = if k < chars.len() {
            chars[k].0
        } else {
            block.end
        };
        if k >= chars.len() {
            break;
        }
        if !chars[k].1.is_whitespace() {
            i = k.max(i + 1);
            continue;
        }
        if inside_quote(pos) && k == j {
            // Punctuation inside an open quotation: the quote continues the sentence.
            i = k;
            continue;
        }
        let mut n = k;
        while n < chars.len() && chars[n].1.is_whitespace() {
            n += 1;
        }
        if n >= chars.len() {
            break;
        }
        let next = chars[n].1;
        if c == '.' && j == i + 1 && !period_ends_sentence(text, pos, chars[n].0, lang) {
            i = n;
            continue;
        }
        if starts_sentence(next) {
            cuts.push(end);
        }
        i = n;
    }
    let mut out = Vec::new();
    let mut start = block.start;
    for cut in cuts.into_iter().chain(std::iter::once(block.end)) {
        if let Some(s) = trim(text, Span::new(start, cut)) {
            out.push(s);
        }
        start = cut;
    }
    out
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '„' | '“'
                | '"'
                | '»'
                | '«'
                | '‚'
                | '‘'
                | '('
                | '['
                | '–'
                | '—'
                | '-'
                | '¿'
                | '¡'
                | '*'
                | '_'
        )
}

fn trim(text: &str, span: Span) -> Option<Span> {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() || !t.chars().any(|c| c.is_alphanumeric()) {
        return None;
    }
    Some(Span::new(span.start + lead, span.start + lead + t.len()))
}

/// A newline ends a sentence when the line before has no final punctuation and is short or the
/// next line starts like a new sentence (headlines, datelines, list lines in plain text).
fn line_break_ends_sentence(_text: &str, chars: &[(usize, char)], i: usize) -> bool {
    let mut p = i;
    while p > 0 && chars[p - 1].1.is_whitespace() {
        p -= 1;
    }
    if p == 0 {
        return false;
    }
    let prev = chars[p - 1].1;
    let mut n = i + 1;
    while n < chars.len() && chars[n].1.is_whitespace() {
        if chars[n].1 == '\n' {
            return true; // blank line
        }
        n += 1;
    }
    if n >= chars.len() {
        return false;
    }
    let next = chars[n].1;
    if matches!(prev, ',' | ';' | ':' | '-' | '–' | '(' | '„' | '“')
        || prev.is_lowercase() && next.is_lowercase()
    {
        return false;
    }
    // Text wrapped mid-sentence continues with a lower-case word; a new headline or line starts upper-case.
    !prev.is_lowercase() && starts_sentence(next)
        || matches!(prev, '.' | '!' | '?' | '…' | '"' | '“' | '”' | '«' | '»')
        || (prev.is_alphanumeric() && next.is_uppercase() && !is_wrapped_noun(chars, i))
}

/// In German every noun is capitalised, so "…die\nPolizei" is a wrapped line: a lower-case word
/// before the break that is a function word signals a continuation.
fn is_wrapped_noun(chars: &[(usize, char)], i: usize) -> bool {
    let mut p = i;
    while p > 0 && chars[p - 1].1.is_whitespace() {
        p -= 1;
    }
    let end = p;
    while p > 0 && chars[p - 1].1.is_alphabetic() {
        p -= 1;
    }
    let word: String = chars[p..end]
        .iter()
        .map(|(_, c)| *c)
        .collect::<String>()
        .to_lowercase();
    Lang::ALL.iter().any(|l| l.text_data().is_stopword(&word))
}

/// Decides whether the period at byte `dot` ends a sentence whose next word starts at `next`.
fn period_ends_sentence(text: &str, dot: usize, next: usize, lang: Lang) -> bool {
    let before = &text[..dot + 1];
    let data = lang.text_data();
    let next_word: String = text[next..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let next_lower = next_word.to_lowercase();
    // Abbreviations, matched on a word boundary.
    let bytes = text.as_bytes();
    let odata = other(lang).text_data();
    for (abbr, upper) in data
        .abbreviations
        .iter()
        .zip(&data.abbreviations_upper)
        .chain(odata.abbreviations.iter().zip(&odata.abbreviations_upper))
    {
        // The dot may be any of the abbreviation's periods ("z." of "z. B.").
        let matched = abbr.match_indices('.').find_map(|(k, _)| {
            let start = (dot + 1).checked_sub(k + 1)?;
            // The first byte decides most comparisons.
            let b = *bytes.get(start)?;
            if abbr.as_bytes().first() != Some(&b) && upper.as_bytes().first() != Some(&b) {
                return None;
            }
            text.get(start..start + abbr.len())
                .is_some_and(|t| t == abbr || t == upper)
                .then_some((start, k + 1 == abbr.len()))
        });
        if let Some((start, last_dot)) = matched {
            if !last_dot {
                let boundary = text[..start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                if boundary {
                    return false;
                }
                continue;
            }
            let boundary = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if boundary {
                // A time that opens its line alone is a live blog's or ticker's stamp ("**7:55
                // p.m.** The first departure …"): it dates the entry and stays in its sentence.
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                let lead = text[line_start..start].trim_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '*' | '_' | '#' | '>' | '-')
                });
                let stamp = matches!(abbr.as_str(), "a.m." | "p.m.")
                    && !lead.is_empty()
                    && lead
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
                    && lead.chars().next().is_some_and(|c| c.is_ascii_digit());
                if stamp {
                    return false;
                }
                // Sentence-final abbreviations ("… at 10 p.m. The …"): break before a function word.
                let can_end = matches!(
                    abbr.as_str(),
                    "a.m."
                        | "p.m."
                        | "etc."
                        | "usw."
                        | "U.S."
                        | "Inc."
                        | "Ltd."
                        | "Co."
                        | "Corp."
                        | "e.V."
                        | "e. V."
                );
                return can_end
                    && (data.is_stopword(&next_lower)
                        || next_word.chars().next().is_some_and(|c| c.is_uppercase())
                            && lang == Lang::De);
            }
        }
    }
    let prev_word: String = {
        let mut w: Vec<char> = before[..before.len() - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        w.reverse();
        w.into_iter().collect()
    };
    // Initials: "J. F. Kennedy".
    if prev_word.chars().count() == 1 && prev_word.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    if !prev_word.is_empty() && prev_word.chars().all(|c| c.is_ascii_digit()) {
        // Dates and ordinals: "am 13. Juli", "3. Oktober", "der 3. Platz".
        if data.months.contains(&next_lower)
            || Lang::ALL
                .iter()
                .any(|l| l.text_data().months.contains(&next_lower))
        {
            return false;
        }
        if lang == Lang::De && prev_word.len() <= 3 {
            let head = &before[..before.len() - 1 - prev_word.len()];
            let word_before: String = {
                let mut w: Vec<char> = head
                    .trim_end()
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                w.reverse();
                w.into_iter().collect::<String>().to_lowercase()
            };
            const ORD: [&str; 22] = [
                "der", "die", "das", "den", "dem", "des", "am", "vom", "zum", "zur", "im", "beim",
                "bis", "ab", "seit", "ihr", "ihre", "sein", "seine", "seinem", "ihrem", "jeder",
            ];
            if ORD.contains(&word_before.as_str())
                || next_word.chars().next().is_some_and(|c| c.is_lowercase())
            {
                return false;
            }
        }
    }
    true
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::De => Lang::En,
        Lang::En => Lang::De,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, lang: Lang, expect: &[&str]) {
        let got: Vec<&str> = split(text, Span::new(0, text.len()), lang)
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn german_abbreviations_dates_and_numbers() {
        check(
            "Am 13. Juli kamen ca. 115.000 Menschen, u. a. aus Bayern. Der Wert lag bei 1,3 Prozent. Dr. Meier sprach.",
            Lang::De,
            &["Am 13. Juli kamen ca. 115.000 Menschen, u. a. aus Bayern.", "Der Wert lag bei 1,3 Prozent.", "Dr. Meier sprach."],
        );
        check(
            "Sie wurde am 3. Oktober gewählt. Das ist z. B. gut.",
            Lang::De,
            &["Sie wurde am 3. Oktober gewählt.", "Das ist z. B. gut."],
        );
        check(
            "Er belegte den 3. Platz. Danach ging er.",
            Lang::De,
            &["Er belegte den 3. Platz.", "Danach ging er."],
        );
    }

    #[test]
    fn english_abbreviations_times_and_decimals() {
        check(
            "Mr. Brooks said the U.S. rate rose 2.1 percent. It happened at 9:42 p.m. The ferry left.",
            Lang::En,
            &["Mr. Brooks said the U.S. rate rose 2.1 percent.", "It happened at 9:42 p.m.", "The ferry left."],
        );
        // A time opening its line is a live blog's stamp: it stays with its entry.
        check(
            "**7:55 p.m.** The first departure is in the air.\n\n- 6:45 p.m. The runway is open again.",
            Lang::En,
            &["**7:55 p.m.** The first departure is in the air.", "- 6:45 p.m. The runway is open again."],
        );
    }

    #[test]
    fn quotations_spanning_sentences_stay_whole() {
        check(
            "„Es ist ein Angriff. Wir arbeiten daran“, sagte Musk. Dann begann es.",
            Lang::De,
            &[
                "„Es ist ein Angriff. Wir arbeiten daran“, sagte Musk.",
                "Dann begann es.",
            ],
        );
        check(
            "\"This is complex.\" Ferries will run.",
            Lang::En,
            &["\"This is complex.\"", "Ferries will run."],
        );
    }

    #[test]
    fn lines_without_final_punctuation() {
        check(
            "Interview bei X\nDas Gespräch begann spät.",
            Lang::De,
            &["Interview bei X", "Das Gespräch begann spät."],
        );
        check(
            "Die Polizei meldete, dass die\nBrücke gesperrt sei.",
            Lang::De,
            &["Die Polizei meldete, dass die\nBrücke gesperrt sei."],
        );
    }

    #[test]
    fn questions_and_exclamations() {
        check(
            "Will commuters switch? Nobody knows!",
            Lang::En,
            &["Will commuters switch?", "Nobody knows!"],
        );
    }
}
