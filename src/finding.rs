//! Findings: what a rule reports, the corpus evidence behind it, and the fixes it offers.

use crate::text::line_index::LineCol;
use crate::text::Span;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The rules factlint knows. Ids are fixed; see `rules/` for each rule's documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    UnsourcedClaim,
    NumberConflict,
    DisputedFigure,
    MisattributedFigure,
    QuoteMismatch,
}

impl RuleId {
    pub const ALL: [RuleId; 5] = [
        RuleId::UnsourcedClaim,
        RuleId::NumberConflict,
        RuleId::DisputedFigure,
        RuleId::MisattributedFigure,
        RuleId::QuoteMismatch,
    ];

    /// The kebab-case id used in configs, suppression comments, SARIF and LSP.
    pub fn id(self) -> &'static str {
        match self {
            RuleId::UnsourcedClaim => "unsourced-claim",
            RuleId::NumberConflict => "number-conflict",
            RuleId::DisputedFigure => "disputed-figure",
            RuleId::MisattributedFigure => "misattributed-figure",
            RuleId::QuoteMismatch => "quote-mismatch",
        }
    }

    pub fn from_id(s: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.id() == s.trim())
    }

    /// Where the rule is documented.
    pub fn url(self) -> String {
        format!(
            "https://github.com/factlint/factlint/blob/main/docs/rules.md#{}",
            self.id()
        )
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "info" | "information" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A corpus document, as evidence refers to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The file stem ("001_613905076d0e18e0", "ledger-bridge").
    pub id: String,
    pub path: PathBuf,
    /// The outlet or, failing that, the title or file name: what an attribution names.
    pub name: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
}

/// Whether a piece of evidence supports or contradicts the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Supports,
    Contradicts,
}

/// A corpus sentence that bears on a finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub source: SourceRef,
    /// Byte span of the sentence in the corpus document.
    pub span: Span,
    /// 1-based start and end of that span in the corpus document.
    #[serde(skip)]
    pub start: LineCol,
    #[serde(skip)]
    pub end: LineCol,
    pub excerpt: String,
    pub relation: Relation,
    /// The corpus figure's own words, for figure findings ("mehr als 40 Minuten").
    pub figure: Option<String>,
    /// Who the corpus says made the statement, when it attributes it.
    pub speaker: Option<String>,
}

/// One text replacement in the draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// How safe a fix is to apply without review (ruff's ordering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    DisplayOnly,
    Unsafe,
    Safe,
}

/// A proposed change to the draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

/// One problem in a draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub evidence: Vec<Evidence>,
    pub fixes: Vec<Fix>,
}

impl Fix {
    /// Applies the edits to `text`; edits that overlap or fall outside the text are skipped.
    pub fn apply(&self, text: &str) -> String {
        apply_edits(text, self.edits.iter())
    }
}

/// Applies non-overlapping edits (in any order) to `text`.
pub fn apply_edits<'a>(text: &str, edits: impl Iterator<Item = &'a Edit>) -> String {
    let mut edits: Vec<&Edit> = edits.collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for e in edits {
        if e.span.start < pos
            || e.span.end > text.len()
            || !text.is_char_boundary(e.span.start)
            || !text.is_char_boundary(e.span.end)
        {
            continue;
        }
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_round_trip() {
        for r in RuleId::ALL {
            assert_eq!(RuleId::from_id(r.id()), Some(r));
        }
    }

    #[test]
    fn edits_apply_in_order_and_skip_bad_ones() {
        let e = [
            Edit {
                span: Span::new(4, 5),
                replacement: "X".into(),
            },
            Edit {
                span: Span::new(0, 0),
                replacement: ">".into(),
            },
            Edit {
                span: Span::new(3, 99),
                replacement: "bad".into(),
            },
        ];
        assert_eq!(apply_edits("abcdef", e.iter()), ">abcdXf");
    }
}
