//! Renderers: one file per output format. Renderers write to `&mut dyn Write` and never decide anything.
//!
//! Every renderer takes the checked drafts in the order the CLI checked them and writes each
//! finding as it is: no filtering, sorting or severity mapping beyond the format's own
//! vocabulary. Line and column numbers come from [`LineIndex`] on the draft's original text.

pub mod checkstyle;
pub mod facts;
pub mod figures;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::analysis::Analysis;
use crate::corpus::Corpus;
use crate::finding::{Finding, Severity};
use crate::text::line_index::LineCol;
use crate::text::{LineIndex, Span};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The output formats of `factlint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Checkstyle,
}

/// One checked draft.
pub struct Checked {
    pub path: PathBuf,
    pub analysis: Analysis,
}

/// Renders the results of a check run.
///
/// The corpus is not needed by any renderer today: each piece of evidence carries its source,
/// span and line/columns. The human format uses colours when standard output is a terminal and
/// `NO_COLOR` is unset (the CLI always renders to standard output).
pub fn render(
    format: Format,
    files: &[Checked],
    corpus: &Corpus,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let _ = corpus;
    match format {
        Format::Human => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            human::render(files, human::Options { color }, out)
        }
        Format::Json => json::render(files, out),
        Format::Sarif => sarif::render(files, out),
        Format::Github => github::render(files, out),
        Format::Checkstyle => checkstyle::render(files, out),
    }
}

/// Start and end of a byte span in a text, as 1-based lines and columns (end exclusive).
pub(crate) fn span_range(lines: &LineIndex, text: &str, span: Span) -> (LineCol, LineCol) {
    (
        lines.line_col(text, span.start),
        lines.line_col(text, span.end),
    )
}

/// A path as written in reports: as given on the command line, lossily converted to UTF-8.
pub(crate) fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Whitespace (including line breaks) collapsed to single spaces, and shortened to at most
/// `max_chars` characters with a trailing "…".
pub(crate) fn shorten(s: &str, max_chars: usize) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let keep = max_chars.saturating_sub(1);
    let mut cut: String = collapsed.chars().take(keep).collect();
    // Prefer cutting at a word boundary when one is reasonably close.
    if let Some(pos) = cut.rfind(' ') {
        if cut[..pos].chars().count() * 4 >= keep * 3 {
            cut.truncate(pos);
        }
    }
    format!("{} …", cut.trim_end())
}

/// Number of findings per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub hint: usize,
}

impl Counts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
                Severity::Hint => c.hint += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.error + self.warning + self.info + self.hint
    }
}

/// "1 finding" / "2 findings": a count with its noun in singular or plural.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::Config;
    use crate::finding::{Applicability, Edit, Evidence, Fix, Relation, RuleId, SourceRef};

    /// A checked draft with hand-made findings.
    pub fn checked(path: &str, text: &str, findings: Vec<Finding>) -> Checked {
        let (document, facts) =
            crate::analysis::read(text, Some(Path::new(path)), &Config::default());
        Checked {
            path: PathBuf::from(path),
            analysis: Analysis {
                document,
                facts,
                findings,
                unchecked_from: None,
            },
        }
    }

    /// The byte span of the first occurrence of `needle` in `text` (empty at 0 when absent).
    pub fn span_of(text: &str, needle: &str) -> Span {
        match text.find(needle) {
            Some(i) => Span::new(i, i + needle.len()),
            None => Span::new(0, 0),
        }
    }

    /// A finding without evidence or fixes.
    pub fn finding(rule: RuleId, severity: Severity, span: Span, message: &str) -> Finding {
        Finding {
            rule,
            severity,
            span,
            message: message.to_string(),
            evidence: Vec::new(),
            fixes: Vec::new(),
        }
    }

    /// Evidence from a corpus text, for the sentence `sentence` in it.
    pub fn evidence(
        id: &str,
        name: &str,
        corpus_text: &str,
        sentence: &str,
        relation: Relation,
    ) -> Evidence {
        let span = span_of(corpus_text, sentence);
        let lines = LineIndex::new(corpus_text);
        Evidence {
            source: SourceRef {
                id: id.to_string(),
                path: PathBuf::from(format!("corpus/{id}.md")),
                name: name.to_string(),
                title: None,
                url: Some(format!("https://example.org/{id}")),
                date: None,
            },
            span,
            start: lines.line_col(corpus_text, span.start),
            end: lines.line_col(corpus_text, span.end),
            excerpt: sentence.to_string(),
            relation,
            figure: None,
            speaker: None,
        }
    }

    /// A fix replacing `span` with `replacement`.
    pub fn fix(title: &str, span: Span, replacement: &str, applicability: Applicability) -> Fix {
        Fix {
            title: title.to_string(),
            edits: vec![Edit {
                span,
                replacement: replacement.to_string(),
            }],
            applicability,
        }
    }

    /// Spans past the end, inside characters, reversed or over CRLF line ends never panic a renderer.
    #[test]
    fn odd_spans_never_panic() {
        let text = "Zeile 😀 eins\r\nzwei ä\r\n\r\n";
        let spans = [
            Span::new(0, 0),
            Span::new(7, 8),
            Span { start: 12, end: 3 },
            Span::new(13, 16),
            Span::new(text.len(), text.len()),
            Span::new(text.len() - 2, text.len() + 50),
            Span::new(999, 1999),
        ];
        let mut findings = Vec::new();
        for span in spans {
            let mut f = finding(RuleId::NumberConflict, Severity::Error, span, "m\r\nx");
            f.fixes.push(fix("t", span, "r", Applicability::Safe));
            f.fixes.push(Fix {
                title: "none".into(),
                edits: Vec::new(),
                applicability: Applicability::DisplayOnly,
            });
            f.evidence
                .push(evidence("e", "E", "", "", Relation::Supports));
            findings.push(f);
        }
        let files = [
            checked("odd.txt", text, findings),
            checked("empty.md", "", vec![]),
        ];
        for format in [
            Format::Human,
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Checkstyle,
        ] {
            let mut out = Vec::new();
            assert!(render(format, &files, &Corpus::empty(), &mut out).is_ok());
            assert!(!out.is_empty());
        }
    }

    #[test]
    fn shorten_collapses_and_cuts() {
        assert_eq!(shorten("a\n  b\tc", 10), "a b c");
        let long = "Die Brücke bleibt nach Angaben der Stadt achtzehn Monate gesperrt";
        let s = shorten(long, 30);
        assert!(s.ends_with(" …"), "{s}");
        assert!(s.chars().count() <= 31, "{s}");
        assert!(long.starts_with(s.trim_end_matches(" …")), "{s}");
    }

    #[test]
    fn counts_by_severity() {
        let f = |s| finding(RuleId::UnsourcedClaim, s, Span::new(0, 1), "m");
        let c = Counts::of(&[
            f(Severity::Error),
            f(Severity::Warning),
            f(Severity::Warning),
            f(Severity::Hint),
        ]);
        assert_eq!(
            c,
            Counts {
                error: 1,
                warning: 2,
                info: 0,
                hint: 1
            }
        );
        assert_eq!(c.total(), 4);
        assert_eq!(plural(1, "file", "files"), "1 file");
        assert_eq!(plural(0, "file", "files"), "0 files");
    }
}
