//! Suppression comments: `<!-- factlint-disable-next-line RULE -->`, `<!-- factlint-disable RULE -->`
//! … `<!-- factlint-enable -->`. Without a rule list they apply to every rule.

use crate::finding::{Finding, RuleId};
use crate::text::{Document, LineIndex, Span};

#[derive(Debug, Clone)]
struct Region {
    span: Span,
    rules: Option<Vec<RuleId>>,
}

/// The suppressed regions of a document.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    regions: Vec<Region>,
}

fn parse_rules(rest: &str) -> Option<Vec<RuleId>> {
    let ids: Vec<RuleId> = rest.split([',', ' ']).filter_map(RuleId::from_id).collect();
    if ids.is_empty() {
        None
    } else {
        Some(ids)
    }
}

impl Suppressions {
    /// Reads the directives in the document's HTML comments.
    pub fn from_document(doc: &Document) -> Suppressions {
        let lines = LineIndex::new(&doc.text);
        let mut regions = Vec::new();
        let mut open: Vec<(usize, Option<Vec<RuleId>>)> = Vec::new();
        for c in &doc.comments {
            let body = c.body.trim();
            if let Some(rest) = body.strip_prefix("factlint-disable-next-line") {
                // The next line that has prose after the comment.
                let line = lines.line_of(c.span.end.saturating_sub(1));
                let mut next = line + 1;
                while lines.line_start(next) < doc.text.len()
                    && lines.line_text(&doc.text, next).trim().is_empty()
                {
                    next += 1;
                }
                let start = lines.line_start(next);
                let end = lines.line_start(next + 1);
                regions.push(Region {
                    span: Span::new(start, end),
                    rules: parse_rules(rest),
                });
            } else if let Some(rest) = body.strip_prefix("factlint-disable-line") {
                let line = lines.line_of(c.span.start);
                regions.push(Region {
                    span: Span::new(lines.line_start(line), lines.line_start(line + 1)),
                    rules: parse_rules(rest),
                });
            } else if let Some(rest) = body.strip_prefix("factlint-disable") {
                open.push((c.span.end, parse_rules(rest)));
            } else if body.starts_with("factlint-enable") {
                for (start, rules) in open.drain(..) {
                    regions.push(Region {
                        span: Span::new(start, c.span.start),
                        rules,
                    });
                }
            }
        }
        for (start, rules) in open {
            regions.push(Region {
                span: Span::new(start, doc.text.len()),
                rules,
            });
        }
        Suppressions { regions }
    }

    /// Whether a finding of `rule` at `span` is suppressed.
    pub fn is_suppressed(&self, rule: RuleId, span: Span) -> bool {
        self.regions.iter().any(|r| {
            r.span.start <= span.start
                && span.start < r.span.end.max(r.span.start + 1)
                && r.rules.as_ref().is_none_or(|l| l.contains(&rule))
        })
    }

    /// Drops suppressed findings.
    pub fn filter(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| !self.is_suppressed(f.rule, f.span));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::text::DocKind;

    #[test]
    fn next_line_and_regions() {
        let t = "A 1.\n<!-- factlint-disable-next-line number-conflict -->\nB 2.\nC 3.\n<!-- factlint-disable -->\nD 4.\n<!-- factlint-enable -->\nE 5.\n";
        let d = Document::parse(t, DocKind::Markdown, Some(Lang::En));
        let s = Suppressions::from_document(&d);
        let at = |w: &str| Span::new(t.find(w).unwrap_or(0), t.find(w).unwrap_or(0) + 1);
        assert!(s.is_suppressed(RuleId::NumberConflict, at("B 2")));
        assert!(!s.is_suppressed(RuleId::UnsourcedClaim, at("B 2")));
        assert!(!s.is_suppressed(RuleId::NumberConflict, at("C 3")));
        assert!(s.is_suppressed(RuleId::QuoteMismatch, at("D 4")));
        assert!(!s.is_suppressed(RuleId::QuoteMismatch, at("E 5")));
        assert!(!s.is_suppressed(RuleId::QuoteMismatch, at("A 1")));
    }
}
