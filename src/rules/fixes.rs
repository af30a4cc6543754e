//! Building fixes: attributions in the draft's language and position, figure and quote replacements.
//!
//! Attributions read like an editor would write them: a speaker the corpus names goes after the
//! statement ("…, sagte Musk." / "…, Brooks said."), or after a quotation („…“, sagte Musk.);
//! an outlet becomes "according to X" in English and "laut X" in German, placed after the finite
//! verb when the sentence opens with a one-word subject ("Musk kaufte laut X …"), else in parentheses.

use crate::finding::{Applicability, Edit, Evidence, Fix};
use crate::lang::Lang;
use crate::text::{Document, Span};

/// Who a statement can be attributed to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    /// A person or body the corpus quotes ("Musk", "the transportation department").
    Speaker(String),
    /// The outlet of a corpus document ("Harbor Ledger").
    Outlet(String),
}

impl Who {
    /// The attribution a piece of evidence allows: its speaker when the corpus attributes the
    /// statement, else its outlet.
    pub fn from_evidence(e: &Evidence) -> Who {
        match e
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| usable_speaker(s))
        {
            Some(s) => Who::Speaker(s.to_string()),
            None => Who::Outlet(e.source.name.clone()),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Who::Speaker(s) | Who::Outlet(s) => s,
        }
    }
}

fn usable_speaker(s: &str) -> bool {
    let words = s.split_whitespace().count();
    // Pronouns and whole clauses make poor attributions.
    let lower = s.to_lowercase();
    (1..=6).contains(&words)
        && !matches!(
            lower.as_str(),
            "er" | "sie" | "es" | "he" | "she" | "they" | "it" | "wir" | "we" | "ich" | "i" | "man"
        )
        && s.chars().any(|c| c.is_alphabetic())
}

/// Distinct attributions from evidence, in order, at most `max`.
pub fn distinct_who<'a>(evidence: impl Iterator<Item = &'a Evidence>, max: usize) -> Vec<Who> {
    let mut out: Vec<Who> = Vec::new();
    for e in evidence {
        let w = Who::from_evidence(e);
        if !out.iter().any(|o| o.name().eq_ignore_ascii_case(w.name())) {
            out.push(w);
        }
        if out.len() >= max {
            break;
        }
    }
    out
}

/// The byte offset of the sentence's final punctuation (or its end), skipping closing quotes.
fn final_punct(text: &str, s: Span) -> (usize, Option<char>) {
    let body = s.slice(text);
    let trimmed = body.trim_end();
    let mut end = s.start + trimmed.len();
    for (i, c) in trimmed.char_indices().rev() {
        if matches!(c, '.' | '!' | '?' | '…') {
            return (s.start + i, Some(c));
        }
        if matches!(c, '“' | '”' | '"' | '«' | '»' | '‘' | '’' | ')' | '\'') {
            end = s.start + i;
            continue;
        }
        break;
    }
    (end, None)
}

/// Whether the sentence is (essentially) one direct quotation.
fn quote_only(text: &str, s: Span) -> Option<(usize, usize, char)> {
    let body = s.slice(text).trim();
    let first = body.chars().next()?;
    let last = body.chars().next_back()?;
    let pairs = [('„', '“'), ('“', '”'), ('"', '"'), ('»', '«'), ('«', '»')];
    if pairs.iter().any(|&(o, c)| o == first && c == last) {
        let close = s.start + s.slice(text).trim_end().len() - last.len_utf8();
        return Some((s.start, close, last));
    }
    None
}

/// A fix that attributes the sentence `s` of the draft to `who`.
pub fn attribution(
    doc: &Document,
    s: Span,
    who: &Who,
    verb: Option<&str>,
    applicability: Applicability,
) -> Fix {
    let text = &doc.text;
    let lang = doc.lang;
    let name = who.name();
    // A sentence that is one quotation: move the final period out and name the speaker.
    if let Some((_, close, mark)) = quote_only(text, s) {
        let (p, punct) = final_punct(text, Span::new(s.start, close + mark.len_utf8()));
        let said = reporting_verb(lang, verb);
        let tail = match (lang, who) {
            (Lang::De, Who::Speaker(n)) => format!(", {said} {n}."),
            (Lang::De, Who::Outlet(n)) => format!(", zitiert {n}."),
            (Lang::En, Who::Speaker(n)) => format!(" {n} {said}."),
            (Lang::En, Who::Outlet(n)) => format!(" according to {n}."),
        };
        let mut edits = Vec::new();
        if punct == Some('.') && p < close {
            // „Wir arbeiten daran.“ → „Wir arbeiten daran“, sagte X.  /  "This is it." → "This is it," X said.
            let inner = if lang == Lang::En { "," } else { "" };
            edits.push(Edit {
                span: Span::new(p, p + 1),
                replacement: inner.to_string(),
            });
            let after = close + mark.len_utf8();
            edits.push(Edit {
                span: Span::new(after, after),
                replacement: tail,
            });
        } else {
            let after = close + mark.len_utf8();
            let t = tail.trim_start_matches(',').trim_start();
            edits.push(Edit {
                span: Span::new(after, after),
                replacement: format!(" {}", t.trim_end_matches('.')) + ".",
            });
        }
        let title = match lang {
            Lang::De => format!("Zitat zuschreiben: {name}"),
            Lang::En => format!("Attribute the quote to {name}"),
        };
        return Fix {
            title,
            edits,
            applicability,
        };
    }
    let (p, _) = final_punct(text, s);
    let (edit, title) = match (lang, who) {
        (Lang::En, Who::Speaker(n)) => {
            let said = reporting_verb(lang, verb);
            (
                Edit {
                    span: Span::new(p, p),
                    replacement: format!(", {n} {said}"),
                },
                format!("Add \", {n} {said}\""),
            )
        }
        (Lang::En, Who::Outlet(n)) => (
            Edit {
                span: Span::new(p, p),
                replacement: format!(", according to {n}"),
            },
            format!("Add \"according to {n}\""),
        ),
        (Lang::De, Who::Speaker(n)) => {
            let said = reporting_verb(lang, verb);
            (
                Edit {
                    span: Span::new(p, p),
                    replacement: format!(", {said} {n}"),
                },
                format!("„…, {said} {n}“ ergänzen"),
            )
        }
        (Lang::De, Who::Outlet(n)) => match after_finite_verb(text, s) {
            Some(at) => (
                Edit {
                    span: Span::new(at, at),
                    replacement: format!(" laut {n}"),
                },
                format!("„laut {n}“ ergänzen"),
            ),
            None => (
                Edit {
                    span: Span::new(p, p),
                    replacement: format!(" (laut {n})"),
                },
                format!("„(laut {n})“ ergänzen"),
            ),
        },
    };
    Fix {
        title,
        edits: vec![edit],
        applicability,
    }
}

/// The past-tense reporting verb to use: the corpus's own when it is one word, else "sagte"/"said".
fn reporting_verb(lang: Lang, verb: Option<&str>) -> String {
    match verb.map(str::trim) {
        Some(v)
            if !v.is_empty()
                && !v.contains(' ')
                && v.chars().all(|c| c.is_alphabetic())
                && v.chars().next().is_some_and(|c| c.is_lowercase()) =>
        {
            v.to_string()
        }
        _ => match lang {
            Lang::De => "sagte".into(),
            Lang::En => "said".into(),
        },
    }
}

/// In "Musk kaufte Twitter …" the finite verb follows a one-word subject: the offset after it.
fn after_finite_verb(text: &str, s: Span) -> Option<usize> {
    let words = crate::text::words::words_in(text, s);
    let (w0, w1) = (words.first()?, words.get(1)?);
    let gap = text.get(w0.span.end..w1.span.start)?;
    let first_upper = w0.text.chars().next()?.is_uppercase();
    let second_lower = w1.text.chars().next()?.is_lowercase();
    let article = matches!(
        w0.text.to_lowercase().as_str(),
        "der"
            | "die"
            | "das"
            | "ein"
            | "eine"
            | "am"
            | "im"
            | "in"
            | "es"
            | "er"
            | "sie"
            | "man"
            | "wir"
            | "ich"
            | "nach"
            | "vor"
            | "seit"
            | "trotz"
            | "wegen"
    );
    (gap.trim().is_empty()
        && first_upper
        && second_lower
        && !article
        && w1.text.chars().all(|c| c.is_alphabetic()))
    .then_some(w1.span.end)
}

/// A fix replacing a figure with another's wording.
pub fn replace_figure(
    span: Span,
    original: &str,
    replacement: &str,
    lang: Lang,
    source: &str,
) -> Fix {
    // Keep the draft's capitalisation at the start ("About 55,000" → "About 48,000").
    let upper = original.chars().next().is_some_and(|c| c.is_uppercase());
    let mut chars = replacement.chars();
    let replacement: String = match chars.next() {
        Some(f) if upper => f.to_uppercase().chain(chars).collect(),
        Some(f)
            if !upper
                && f.is_uppercase()
                && replacement
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.chars().skip(1).all(|c| c.is_lowercase())) =>
        {
            f.to_lowercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    };
    let replacement = replacement.as_str();
    let title = match lang {
        Lang::De => format!("Durch „{replacement}“ ersetzen ({source})"),
        Lang::En => format!("Replace with \"{replacement}\" ({source})"),
    };
    Fix {
        title,
        edits: vec![Edit {
            span,
            replacement: replacement.to_string(),
        }],
        applicability: Applicability::Unsafe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::DocKind;

    fn fixed(text: &str, lang: Lang, who: Who) -> String {
        let d = Document::parse(text, DocKind::Plain, Some(lang));
        let s = d.sentences[0].span;
        attribution(&d, s, &who, None, Applicability::Safe).apply(text)
    }

    #[test]
    fn german_attributions() {
        assert_eq!(
            fixed(
                "Musk kaufte Twitter für 44 Milliarden Dollar.",
                Lang::De,
                Who::Outlet("Hafenkurier".into())
            ),
            "Musk kaufte laut Hafenkurier Twitter für 44 Milliarden Dollar."
        );
        assert_eq!(
            fixed(
                "Am Ende sahen 115.000 Menschen zu.",
                Lang::De,
                Who::Outlet("Hafenkurier".into())
            ),
            "Am Ende sahen 115.000 Menschen zu (laut Hafenkurier)."
        );
        assert_eq!(
            fixed(
                "Der Stream war schwer erreichbar.",
                Lang::De,
                Who::Speaker("Musk".into())
            ),
            "Der Stream war schwer erreichbar, sagte Musk."
        );
        assert_eq!(
            fixed(
                "„Wir arbeiten daran, ihn abzuschalten.“",
                Lang::De,
                Who::Speaker("Musk".into())
            ),
            "„Wir arbeiten daran, ihn abzuschalten“, sagte Musk."
        );
    }

    #[test]
    fn english_attributions() {
        assert_eq!(
            fixed(
                "Ferries will run every 15 minutes.",
                Lang::En,
                Who::Outlet("Harbor Ledger".into())
            ),
            "Ferries will run every 15 minutes, according to Harbor Ledger."
        );
        assert_eq!(
            fixed(
                "\"This is the most complex project.\"",
                Lang::En,
                Who::Speaker("Alan Brooks".into())
            ),
            "\"This is the most complex project,\" Alan Brooks said."
        );
        assert_eq!(
            fixed(
                "Inspectors found corrosion.",
                Lang::En,
                Who::Speaker("Brooks".into())
            ),
            "Inspectors found corrosion, Brooks said."
        );
    }
}
