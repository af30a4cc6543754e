//! `--format json`: the findings of every checked draft as one JSON object (one line).
//!
//! The shape is stable; fields are only ever added. Offsets are UTF-8 byte offsets into the
//! file's text, end-exclusive; `line` and the columns are 1-based (`column` counts Unicode
//! characters, `column_utf16` UTF-16 code units; the end position is exclusive).
//!
//! ```json
//! {
//!   "version": 1,
//!   "tool": {"name": "factlint", "version": "0.1.0"},
//!   "files": [
//!     {"path": "drafts/bruecke.md", "language": "de", "findings": [
//!       {"rule": "number-conflict", "severity": "error", "message": "…",
//!        "url": "https://…/rules.md#number-conflict",
//!        "range": {"start": {"offset": 40, "line": 3, "column": 26, "column_utf16": 26},
//!                  "end":   {"offset": 46, "line": 3, "column": 32, "column_utf16": 32}},
//!        "text": "90.000",
//!        "evidence": [
//!          {"relation": "contradicts",
//!           "source": {"id": "bruecke", "name": "Stadtanzeiger", "path": "corpus/bruecke.md",
//!                      "url": null, "title": null, "date": null},
//!           "range": {"start": {"offset": 0, "line": 1, "column": 1, "column_utf16": 1},
//!                     "end": {…}},
//!           "excerpt": "Über die Brücke fahren täglich 68.000 Fahrzeuge.",
//!           "figure": "68.000", "speaker": null}],
//!        "fixes": [
//!          {"title": "Replace with \"68.000\"", "applicability": "unsafe",
//!           "edits": [{"range": {…}, "replacement": "68.000"}]}]}]}
//!   ],
//!   "summary": {"files": 1, "files_with_findings": 1, "findings": 1,
//!               "error": 1, "warning": 0, "info": 0, "hint": 0}
//! }
//! ```
//!
//! `severity` is one of `error`, `warning`, `info`, `hint`; `relation` is `supports` or
//! `contradicts`; `applicability` is `safe`, `unsafe` or `display-only`.

use crate::finding::{Applicability, Evidence, Finding, Fix, Relation, Severity};
use crate::report::{path_str, span_range, Checked, Counts};
use crate::text::line_index::LineCol;
use crate::text::{LineIndex, Span};
use serde::Serialize;
use std::io::{self, Write};

/// The version of this JSON shape.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: String,
    language: &'static str,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct Position {
    offset: usize,
    line: usize,
    column: usize,
    column_utf16: usize,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    url: String,
    range: Range,
    text: &'a str,
    evidence: Vec<JsonEvidence<'a>>,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct Source<'a> {
    id: &'a str,
    name: &'a str,
    path: String,
    url: Option<&'a str>,
    title: Option<&'a str>,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonEvidence<'a> {
    relation: &'static str,
    source: Source<'a>,
    range: Range,
    excerpt: &'a str,
    figure: Option<&'a str>,
    speaker: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: Range,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    files_with_findings: usize,
    findings: usize,
    error: usize,
    warning: usize,
    info: usize,
    hint: usize,
}

fn position(offset: usize, lc: LineCol) -> Position {
    Position {
        offset,
        line: lc.line,
        column: lc.col_char,
        column_utf16: lc.col_utf16,
    }
}

fn range(lines: &LineIndex, text: &str, span: Span) -> Range {
    let (start, end) = span_range(lines, text, span);
    Range {
        start: position(span.start, start),
        end: position(span.end, end),
    }
}

fn severity(s: Severity) -> &'static str {
    s.as_str()
}

fn relation(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "supports",
        Relation::Contradicts => "contradicts",
    }
}

fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::DisplayOnly => "display-only",
    }
}

fn evidence(e: &Evidence) -> JsonEvidence<'_> {
    JsonEvidence {
        relation: relation(e.relation),
        source: Source {
            id: &e.source.id,
            name: &e.source.name,
            path: path_str(&e.source.path),
            url: e.source.url.as_deref(),
            title: e.source.title.as_deref(),
            date: e.source.date.as_deref(),
        },
        range: Range {
            start: position(e.span.start, e.start),
            end: position(e.span.end, e.end),
        },
        excerpt: &e.excerpt,
        figure: e.figure.as_deref(),
        speaker: e.speaker.as_deref(),
    }
}

fn fix<'a>(lines: &LineIndex, text: &str, f: &'a Fix) -> JsonFix<'a> {
    JsonFix {
        title: &f.title,
        applicability: applicability(f.applicability),
        edits: f
            .edits
            .iter()
            .map(|e| JsonEdit {
                range: range(lines, text, e.span),
                replacement: &e.replacement,
            })
            .collect(),
    }
}

fn finding<'a>(lines: &LineIndex, text: &'a str, f: &'a Finding) -> JsonFinding<'a> {
    JsonFinding {
        rule: f.rule.id(),
        severity: severity(f.severity),
        message: &f.message,
        url: f.rule.url(),
        range: range(lines, text, f.span),
        text: f.span.slice(text),
        evidence: f.evidence.iter().map(evidence).collect(),
        fixes: f.fixes.iter().map(|x| fix(lines, text, x)).collect(),
    }
}

/// The JSON value of a check run (the documented shape above).
pub fn to_json(files: &[Checked]) -> serde_json::Value {
    let counts = Counts::of(files.iter().flat_map(|c| &c.analysis.findings));
    let report = Report {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "factlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: files
            .iter()
            .map(|c| {
                let text = &c.analysis.document.text;
                let lines = LineIndex::new(text);
                File {
                    path: path_str(&c.path),
                    language: c.analysis.document.lang.code(),
                    findings: c
                        .analysis
                        .findings
                        .iter()
                        .map(|f| finding(&lines, text, f))
                        .collect(),
                }
            })
            .collect(),
        summary: Summary {
            files: files.len(),
            files_with_findings: files
                .iter()
                .filter(|c| !c.analysis.findings.is_empty())
                .count(),
            findings: counts.total(),
            error: counts.error,
            warning: counts.warning,
            info: counts.info,
            hint: counts.hint,
        },
    };
    serde_json::to_value(report).unwrap_or(serde_json::Value::Null)
}

/// Writes the report as one line of JSON.
pub fn render(files: &[Checked], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &to_json(files))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::RuleId;
    use crate::report::tests::{checked, evidence as ev, finding as mk, fix as mkfix, span_of};
    use serde_json::{json, Value};

    fn render_value(files: &[Checked]) -> Value {
        let mut out = Vec::new();
        assert!(render(files, &mut out).is_ok());
        let s = String::from_utf8(out).unwrap_or_default();
        assert!(
            s.ends_with('\n') && s.matches('\n').count() == 1,
            "one line: {s}"
        );
        serde_json::from_str(&s).unwrap_or(Value::Null)
    }

    #[test]
    fn empty_run() {
        let v = render_value(&[]);
        assert_eq!(v["version"], 1);
        assert_eq!(v["tool"]["name"], "factlint");
        assert_eq!(v["files"], json!([]));
        assert_eq!(v["summary"]["findings"], 0);
    }

    #[test]
    fn clean_file_is_listed_with_no_findings() {
        let v = render_value(&[checked("clean.md", "The bridge is old.\n", vec![])]);
        assert_eq!(v["files"][0]["path"], "clean.md");
        assert_eq!(v["files"][0]["language"], "en");
        assert_eq!(v["files"][0]["findings"], json!([]));
    }

    #[test]
    fn finding_with_emoji_evidence_and_fix() {
        let draft = "😀 Über die Brücke fahren täglich 90.000 Autos.\n";
        let corpus = "Titel\n\nÜber die Brücke fahren täglich 68.000 Fahrzeuge.";
        let span = span_of(draft, "90.000");
        let mut f = mk(
            RuleId::NumberConflict,
            Severity::Error,
            span,
            "90.000: \"conflict\"",
        );
        let mut e = ev(
            "bruecke",
            "Stadtanzeiger",
            corpus,
            "Über die Brücke fahren täglich 68.000 Fahrzeuge.",
            Relation::Contradicts,
        );
        e.figure = Some("68.000".into());
        f.evidence.push(e);
        f.fixes.push(mkfix(
            "Replace with \"68.000\"",
            span,
            "68.000",
            Applicability::Safe,
        ));
        let v = render_value(&[checked("d.md", draft, vec![f])]);
        let got = &v["files"][0]["findings"][0];
        // "😀 Über die Brücke fahren täglich " is 33 chars, 34 UTF-16 units, 39 bytes.
        let expected = json!({
            "rule": "number-conflict",
            "severity": "error",
            "message": "90.000: \"conflict\"",
            "url": RuleId::NumberConflict.url(),
            "range": {
                "start": {"offset": span.start, "line": 1, "column": 34, "column_utf16": 35},
                "end": {"offset": span.end, "line": 1, "column": 40, "column_utf16": 41}
            },
            "text": "90.000",
            "evidence": [{
                "relation": "contradicts",
                "source": {"id": "bruecke", "name": "Stadtanzeiger", "path": "corpus/bruecke.md",
                           "url": "https://example.org/bruecke", "title": null, "date": null},
                "range": {
                    "start": {"offset": 7, "line": 3, "column": 1, "column_utf16": 1},
                    "end": {"offset": corpus.len(), "line": 3, "column": 49, "column_utf16": 49}
                },
                "excerpt": "Über die Brücke fahren täglich 68.000 Fahrzeuge.",
                "figure": "68.000",
                "speaker": null
            }],
            "fixes": [{
                "title": "Replace with \"68.000\"",
                "applicability": "safe",
                "edits": [{
                    "range": {
                        "start": {"offset": span.start, "line": 1, "column": 34, "column_utf16": 35},
                        "end": {"offset": span.end, "line": 1, "column": 40, "column_utf16": 41}
                    },
                    "replacement": "68.000"
                }]
            }]
        });
        assert_eq!(got, &expected);
        assert_eq!(span.start, 39);
        assert_eq!(v["summary"]["error"], 1);
        assert_eq!(v["summary"]["files_with_findings"], 1);
    }
}
