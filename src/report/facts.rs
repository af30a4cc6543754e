//! `factlint facts`: what the engine sees in a document, as stable JSON or for humans.

use crate::extract::Facts;
use crate::text::{Document, LineIndex};
use serde_json::json;
use std::io::Write;

/// The documented JSON shape of `factlint facts --format json` (see README.md). Built field by
/// field so that the engine's types can change without changing this output.
pub fn to_json(doc: &Document, facts: &Facts) -> serde_json::Value {
    let sentences: Vec<_> = facts
        .sentences
        .iter()
        .map(|s| {
            json!({"start": s.start, "end": s.end, "claim": s.claim, "attributed": s.attributed,
                   "heading": s.heading, "question": s.question})
        })
        .collect();
    let quantities: Vec<_> = facts
        .quantities
        .iter()
        .map(|q| {
            let mut v = json!({"start": q.start, "end": q.end, "text": q.text, "value": q.value, "low": q.low,
                   "high": q.high, "unit": q.unit, "dimension": q.dimension, "approx": q.approx});
            if let (Some(c), Some(o)) = (&q.counted, v.as_object_mut()) {
                o.insert("counted".into(), json!(c));
            }
            v
        })
        .collect();
    let attributions: Vec<_> = facts
        .attributions
        .iter()
        .map(|a| {
            json!({"start": a.start, "end": a.end, "cue": {"start": a.cue.start, "end": a.cue.end},
                   "kind": a.kind,
                   "source": a.source.as_ref().map(|s| json!({"start": s.start, "end": s.end, "text": s.text}))})
        })
        .collect();
    let quotes: Vec<_> = facts
        .quotes
        .iter()
        .map(|q| json!({"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker}))
        .collect();
    json!({
        "language": facts.language,
        "sentences": sentences,
        "quantities": quantities,
        "attributions": attributions,
        "quotes": quotes,
        "meta": doc.meta,
    })
}

/// Writes the facts as pretty JSON.
pub fn write_json(doc: &Document, facts: &Facts, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &to_json(doc, facts))?;
    writeln!(out)
}

/// Writes the facts for a human: one line per sentence, with its figures, attributions and quotes.
pub fn write_human(doc: &Document, facts: &Facts, out: &mut dyn Write) -> std::io::Result<()> {
    let lines = LineIndex::new(&doc.text);
    writeln!(out, "language: {} ({:?})", facts.language, doc.lang_source)?;
    for s in &facts.sentences {
        let lc = lines.line_col(&doc.text, s.start);
        let mut tags = Vec::new();
        if s.heading {
            tags.push("heading");
        }
        if s.question {
            tags.push("question");
        }
        if s.claim {
            tags.push("claim");
        }
        if s.attributed {
            tags.push("attributed");
        }
        let text: String = s
            .span()
            .slice(&doc.text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(
            out,
            "{}:{} [{}] {}",
            lc.line,
            lc.col_char,
            tags.join(", "),
            text
        )?;
        for q in facts.quantities_in(s.span()) {
            let unit = q.unit.as_deref().unwrap_or("");
            writeln!(
                out,
                "    figure {:?}: {} {} [{}, {}] {:?} {:?}{}",
                q.text,
                q.value,
                unit,
                q.low,
                q.high,
                q.dimension,
                q.approx,
                q.counted
                    .as_deref()
                    .map(|c| format!(" of {c}"))
                    .unwrap_or_default()
            )?;
        }
        for a in facts
            .attributions
            .iter()
            .filter(|a| a.sentence_span == s.span())
        {
            writeln!(
                out,
                "    attribution {:?} via {:?}: {}",
                a.kind,
                a.cue.slice(&doc.text),
                a.source.as_ref().map(|s| s.text.as_str()).unwrap_or("-")
            )?;
        }
        for q in facts.quotes.iter().filter(|q| q.sentence_span == s.span()) {
            writeln!(
                out,
                "    quote {:?} by {}",
                q.text,
                q.speaker.as_deref().unwrap_or("-")
            )?;
        }
    }
    Ok(())
}
