//! Renders the figure map (`factlint figures`): JSON (stable), human and Markdown.

use crate::figmap::briefing::Briefing;
use std::io::Write;

/// The stable JSON: `{"quantities": [{"id", "label", "dimension", "unit", "contested", "variants": [...]}]}`.
pub fn write_json(b: &Briefing, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, b)?;
    writeln!(out)
}

fn sources_line(v: &crate::figmap::briefing::VariantView) -> String {
    v.sources
        .iter()
        .map(|s| match &s.speaker {
            Some(sp) => format!("{} ({})", s.source, sp),
            None => s.source.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One block per quantity, contested marked.
pub fn write_human(b: &Briefing, out: &mut dyn Write) -> std::io::Result<()> {
    if b.quantities.is_empty() {
        writeln!(out, "no quantity is stated by two or more sources")?;
    }
    for q in &b.quantities {
        let mark = if q.contested { "CONTESTED" } else { "agreed" };
        writeln!(
            out,
            "{} {} [{}{}] — {mark}",
            q.id,
            if q.label.is_empty() { "?" } else { &q.label },
            q.dimension,
            q.unit
                .as_deref()
                .map(|u| format!(", {u}"))
                .unwrap_or_default()
        )?;
        for v in &q.variants {
            writeln!(out, "  {:<24} {}", v.text, sources_line(v))?;
            for s in &v.sources {
                writeln!(out, "      {}: {}", s.doc, s.sentence)?;
            }
        }
    }
    Ok(())
}

/// A Markdown table per quantity (for a story's briefing note).
pub fn write_markdown(b: &Briefing, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "# Figures in the sources\n")?;
    for q in &b.quantities {
        let mark = if q.contested { " (contested)" } else { "" };
        writeln!(
            out,
            "## {}{mark}\n",
            if q.label.is_empty() { &q.id } else { &q.label }
        )?;
        writeln!(out, "| figure | sources | sentence |\n|---|---|---|")?;
        for v in &q.variants {
            let sentence = v
                .sources
                .first()
                .map(|s| s.sentence.replace('|', "\\|"))
                .unwrap_or_default();
            writeln!(
                out,
                "| {} | {} | {} |",
                v.text,
                sources_line(v).replace('|', "\\|"),
                sentence
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
