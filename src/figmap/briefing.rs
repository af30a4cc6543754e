//! The figure map as a reporter reads it before writing: every quantity with its variants and
//! who states them, contested quantities first. Serialised as the stable JSON of
//! `factlint figures` and the language server's `factlint.figures` command.

use super::{agree, FigureMap};
use crate::config::Tolerance;
use crate::corpus::Corpus;
use crate::extract::Quantity;
use crate::text::words::words_in;
use serde::Serialize;
use std::collections::HashMap;

/// `{"quantities": [...]}`.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Briefing {
    pub quantities: Vec<QuantityView>,
}

/// One quantity of the map.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct QuantityView {
    /// "q1", "q2", … in the order listed.
    pub id: String,
    /// What is measured, in the sources' words ("Verspätung", "votes").
    pub label: String,
    pub dimension: String,
    pub unit: Option<String>,
    /// The variants do not all agree.
    pub contested: bool,
    pub variants: Vec<VariantView>,
}

/// One value of a quantity and every source that states it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct VariantView {
    pub text: String,
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub unit: Option<String>,
    pub sources: Vec<SourceView>,
}

/// Where a variant stands.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SourceView {
    /// The corpus file's path as given or found.
    pub doc: String,
    /// The outlet (front matter `source`, else title or file name).
    pub source: String,
    /// Whom the document attributes the figure to, if anyone.
    pub speaker: Option<String>,
    /// The sentence, whitespace collapsed.
    pub sentence: String,
    /// Byte offsets of the figure in the file.
    pub start: usize,
    pub end: usize,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn kebab(d: crate::extract::Dimension) -> String {
    serde_json::to_value(d)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{d:?}").to_lowercase())
}

/// The speaker a corpus sentence attributes its content to. A "source" that is itself a figure
/// ("Twenty-three people reported burns", "23 Menschen berichteten") is what the sentence
/// counts, not who states it: no speaker.
pub fn speaker(corpus: &Corpus, doc: usize, sentence: usize) -> Option<String> {
    let d = corpus.docs.get(doc)?;
    let s = d.doc.sentences.get(sentence)?;
    d.facts
        .attributions
        .iter()
        .find(|a| a.sentence_span == s.span)
        .and_then(|a| a.source.as_ref())
        .filter(|x| !is_figure(&d.facts, x))
        .map(|x| collapse(&x.text))
}

/// Whether an attribution's "source" holds a figure's number ("Twenty-three people reported
/// …"): then it is what is counted, not a speaker.
pub fn is_figure(facts: &crate::extract::Facts, source: &crate::extract::SourceText) -> bool {
    let span = crate::text::Span::new(source.start, source.end);
    facts
        .quantities
        .iter()
        .any(|q| span.overlaps(q.number_span))
}

/// The label of a quantity: its counted noun, else the word near its figures that most of its
/// variants share (rarer words first), in the form the first source writes it.
fn label(corpus: &Corpus, map: &FigureMap, members: &[usize]) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &i in members {
        let f = &map.figures[i];
        let mut seen: Vec<&str> = Vec::new();
        if let Some(c) = &f.counted {
            seen.push(c.as_str());
        }
        for t in &f.local.terms {
            if !seen.contains(&t.as_str()) {
                seen.push(t.as_str());
            }
        }
        for t in seen {
            *counts.entry(t).or_default() += 1;
        }
    }
    let counted: Vec<&str> = members
        .iter()
        .filter_map(|&i| map.figures[i].counted.as_deref())
        .collect();
    let best = if let Some(c) = counted.iter().max_by_key(|c| counts.get(**c)) {
        Some(*c)
    } else {
        counts
            .iter()
            .filter(|(t, _)| !t.chars().any(|c| c.is_ascii_digit()))
            .max_by(|a, b| {
                (a.1, corpus.index.idf(a.0))
                    .partial_cmp(&(b.1, corpus.index.idf(b.0)))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.0.cmp(a.0))
            })
            .map(|(t, _)| *t)
    };
    let Some(best) = best else {
        return String::new();
    };
    // The word as written.
    for &i in members {
        let f = &map.figures[i];
        let Some(d) = corpus.docs.get(f.at.doc) else {
            continue;
        };
        let Some(s) = d.doc.sentences.get(f.at.sentence) else {
            continue;
        };
        for w in words_in(&d.doc.masked, s.span) {
            if crate::text::words::term(d.doc.lang, &w.text.to_lowercase()) == best {
                return w.text.to_string();
            }
        }
    }
    best.trim_start_matches('~').to_string()
}

/// The briefing of `quantities` of `map` (all when `None`), contested first, then by how many
/// documents state them.
pub fn briefing(
    corpus: &Corpus,
    map: &FigureMap,
    quantities: Option<&[usize]>,
    tol: &Tolerance,
) -> Briefing {
    let all: Vec<usize> = (0..map.quantities.len()).collect();
    let chosen = quantities.unwrap_or(&all);
    let mut views: Vec<(bool, usize, usize, QuantityView)> = Vec::new();
    for &qi in chosen {
        let Some(members) = map.quantities.get(qi) else {
            continue;
        };
        // A quantity only one document states is no comparison; listed only when asked for.
        let mut docs: Vec<usize> = members.iter().map(|&i| map.figures[i].at.doc).collect();
        docs.sort_unstable();
        docs.dedup();
        if quantities.is_none() && docs.len() < 2 {
            continue;
        }
        let mut variants: Vec<(Quantity, VariantView)> = Vec::new();
        for &i in members {
            let f = &map.figures[i];
            let (Some(d), Some(q)) = (corpus.docs.get(f.at.doc), map.figure(corpus, i)) else {
                continue;
            };
            let sentence = d
                .doc
                .sentences
                .get(f.at.sentence)
                .map(|s| collapse(s.span.slice(&d.doc.text)))
                .unwrap_or_default();
            let src = SourceView {
                doc: d.source.path.display().to_string(),
                source: d.source.name.clone(),
                speaker: speaker(corpus, f.at.doc, f.at.sentence),
                sentence,
                start: q.span.start,
                end: q.span.end,
            };
            // Variants are values: figures that state the same interval are one variant.
            match variants.iter_mut().find(|(v, _)| {
                super::interval(v, tol) == super::interval(q, tol) && v.unit == q.unit
            }) {
                Some((_, v)) => v.sources.push(src),
                None => variants.push((
                    q.clone(),
                    VariantView {
                        text: collapse(&q.text),
                        value: q.value,
                        low: q.low,
                        high: q.high,
                        unit: q.unit.clone(),
                        sources: vec![src],
                    },
                )),
            }
        }
        let Some((first, _)) = variants.first() else {
            continue;
        };
        let contested = variants
            .iter()
            .enumerate()
            .any(|(x, (a, _))| variants[x + 1..].iter().any(|(b, _)| !agree(a, b, tol)));
        let first_at = members.first().map_or(0, |&i| i);
        let view = QuantityView {
            id: String::new(),
            label: label(corpus, map, members),
            dimension: kebab(first.dimension),
            unit: first.unit.clone(),
            contested,
            variants: variants.into_iter().map(|(_, v)| v).collect(),
        };
        views.push((contested, docs.len(), first_at, view));
    }
    views.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    Briefing {
        quantities: views
            .into_iter()
            .enumerate()
            .map(|(n, (_, _, _, mut v))| {
                v.id = format!("q{}", n + 1);
                v
            })
            .collect(),
    }
}

#[cfg(test)]
mod speaker_tests {
    use super::speaker;
    use crate::corpus::Corpus;

    /// "Twenty-three people reported burns": the extractor reads a reporting verb with a
    /// subject, but the subject is the figure itself, not who states it.
    #[test]
    fn a_figure_is_not_a_speaker() {
        let c = Corpus::from_texts(
            [(
                "a.md",
                "The regulator said it knew of 87 incidents.\n\nTwenty-three people reported burns.\n",
            )],
            None,
        );
        let d = &c.docs[0];
        let si = |needle: &str| {
            d.doc
                .sentences
                .iter()
                .position(|s| s.span.slice(&d.doc.text).contains(needle))
                .unwrap_or(usize::MAX)
        };
        // The extractor does read an attribution there.
        assert!(
            d.facts.attributions.iter().any(|a| a
                .source
                .as_ref()
                .is_some_and(|s| s.text.contains("Twenty-three"))),
            "{:?}",
            d.facts.attributions
        );
        assert_eq!(speaker(&c, 0, si("Twenty-three")), None);
        assert_eq!(
            speaker(&c, 0, si("regulator")).as_deref(),
            Some("The regulator")
        );
    }
}
