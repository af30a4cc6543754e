//! `--format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! ```text
//! ::error file=drafts/bruecke.md,line=3,col=26,endLine=3,endColumn=31,title=factlint (number-conflict)::90.000: …%0Acontradicts: …
//! ```
//!
//! `error` findings become `::error`, `warning` `::warning`, `info` and `hint` `::notice`.
//! Columns count UTF-16 code units (as GitHub's web UI does); `endColumn` is inclusive (GitHub
//! defaults it to `col` for a one-character annotation). GitHub accepts columns only when the
//! annotation starts and ends on the same line, so multi-line findings carry lines only. The
//! message lists the evidence and fixes on further lines. Escaping follows GitHub's toolkit:
//! `%`, `\r`, `\n` in the message; additionally `:` and `,` in properties.

use crate::finding::{Finding, Relation, Severity};
use crate::report::{path_str, shorten, span_range, Checked};
use crate::text::LineIndex;
use std::io::{self, Write};

/// Longest evidence excerpt in an annotation, in characters.
const MAX_EXCERPT: usize = 160;

/// The workflow command for a severity.
pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// Escapes a command's message (data).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn message(f: &Finding) -> String {
    let mut lines = vec![f.message.clone()];
    for e in &f.evidence {
        let relation = match e.relation {
            Relation::Supports => "supports",
            Relation::Contradicts => "contradicts",
        };
        lines.push(format!(
            "{relation}: {} ({}): \"{}\"",
            e.source.name,
            e.source.id,
            shorten(&e.excerpt, MAX_EXCERPT)
        ));
    }
    for fix in &f.fixes {
        lines.push(format!("help: {}", fix.title));
    }
    lines.join("\n")
}

fn annotation(path: &str, text: &str, lines: &LineIndex, f: &Finding) -> String {
    let (start, end) = span_range(lines, text, f.span);
    let mut props = vec![
        format!("file={}", escape_property(path)),
        format!("line={}", start.line),
    ];
    if start.line == end.line {
        props.push(format!("col={}", start.col_utf16));
        props.push(format!("endLine={}", end.line));
        props.push(format!(
            "endColumn={}",
            end.col_utf16.saturating_sub(1).max(start.col_utf16)
        ));
    } else {
        props.push(format!("endLine={}", end.line));
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("factlint ({})", f.rule.id()))
    ));
    format!(
        "::{} {}::{}",
        command(f.severity),
        props.join(","),
        escape_data(&message(f))
    )
}

/// Writes one workflow command per finding (nothing when there are none).
pub fn render(files: &[Checked], out: &mut dyn Write) -> io::Result<()> {
    for c in files {
        let text = &c.analysis.document.text;
        let lines = LineIndex::new(text);
        let path = path_str(&c.path);
        for f in &c.analysis.findings {
            writeln!(out, "{}", annotation(&path, text, &lines, f))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Applicability, RuleId};
    use crate::report::tests::{checked, evidence, finding, fix, span_of};
    use crate::text::Span;

    fn render_str(files: &[Checked]) -> String {
        let mut out = Vec::new();
        assert!(render(files, &mut out).is_ok());
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn empty_run_writes_nothing() {
        assert_eq!(render_str(&[]), "");
        assert_eq!(render_str(&[checked("a.md", "Fine.\n", vec![])]), "");
    }

    #[test]
    fn annotation_with_emoji_escaping_evidence_and_fix() {
        let draft = "😀 Täglich 90.000 Autos.\n";
        let corpus = "Täglich 68.000 Fahrzeuge, sagt das Amt.";
        let span = span_of(draft, "90.000");
        let mut f = finding(
            RuleId::NumberConflict,
            Severity::Error,
            span,
            "90.000: 100% falsch,\nsiehe Quelle",
        );
        f.evidence.push(evidence(
            "amt",
            "Amt: Bau",
            corpus,
            corpus,
            Relation::Contradicts,
        ));
        f.fixes.push(fix(
            "Replace with \"68.000\"",
            span,
            "68.000",
            Applicability::Unsafe,
        ));
        let out = render_str(&[checked("drafts/a,b:c.md", draft, vec![f])]);
        // "😀 Täglich " is 11 UTF-16 code units; "90.000" spans columns 12..=17.
        let expected = "::error file=drafts/a%2Cb%3Ac.md,line=1,col=12,endLine=1,endColumn=17,\
title=factlint (number-conflict)::90.000: 100%25 falsch,%0Asiehe Quelle\
%0Acontradicts: Amt: Bau (amt): \"Täglich 68.000 Fahrzeuge, sagt das Amt.\"\
%0Ahelp: Replace with \"68.000\"\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn severities_and_multiline_spans() {
        let text = "Eins\nzwei drei.\n";
        let files = [checked(
            "x.md",
            text,
            vec![
                finding(
                    RuleId::UnsourcedClaim,
                    Severity::Warning,
                    Span::new(0, 8),
                    "w",
                ),
                finding(RuleId::QuoteMismatch, Severity::Info, Span::new(5, 9), "i"),
                finding(RuleId::DisputedFigure, Severity::Hint, Span::new(5, 5), "h"),
            ],
        )];
        let out = render_str(&files);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "::warning file=x.md,line=1,endLine=2,title=factlint (unsourced-claim)::w"
        );
        assert_eq!(lines[1], "::notice file=x.md,line=2,col=1,endLine=2,endColumn=4,title=factlint (quote-mismatch)::i");
        assert_eq!(lines[2], "::notice file=x.md,line=2,col=1,endLine=2,endColumn=1,title=factlint (disputed-figure)::h");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
    }
}
