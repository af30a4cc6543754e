//! The rules: one file per rule, each holding its documentation, check and tests.
//!
//! Adding a rule: write `rules/<id_snake>.rs` with a struct implementing [`Rule`], then add one
//! line to the `rules!` list below.

use crate::config::Config;
use crate::corpus::Corpus;
use crate::extract::Facts;
use crate::finding::{Finding, RuleId, Severity};
use crate::text::Document;

pub mod evidence;
pub mod figures;
pub mod fixes;

/// Static description of a rule.
#[derive(Clone, Copy, Debug)]
pub struct RuleMeta {
    pub id: RuleId,
    pub summary: &'static str,
    pub default_severity: Severity,
    pub fixable: bool,
    /// Markdown documentation: what it flags, why, examples, fix safety.
    pub docs: &'static str,
}

/// What a rule sees.
pub struct RuleContext<'a> {
    pub doc: &'a Document,
    pub facts: &'a Facts,
    pub corpus: &'a Corpus,
    pub config: &'a Config,
    /// Corpus matches shared by the rules (computed once per draft).
    pub matches: &'a evidence::Matches,
}

/// A rule checks a draft against the corpus and pushes findings.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>);
}

macro_rules! rules {
    ($($module:ident :: $ty:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every rule, in report order.
        pub static ALL: &[&dyn Rule] = &[$(&$module::$ty),*];
    };
}

rules! {
    unsourced_claim::UnsourcedClaim,
    number_conflict::NumberConflict,
    disputed_figure::DisputedFigure,
    quote_mismatch::QuoteMismatch,
}

/// The metadata of a rule.
pub fn meta(id: RuleId) -> &'static RuleMeta {
    match ALL.iter().find(|r| r.meta().id == id) {
        Some(r) => r.meta(),
        None => ALL[0].meta(),
    }
}

/// Runs every rule on the draft (severity and suppression are applied by the caller).
pub fn run(doc: &Document, facts: &Facts, corpus: &Corpus, config: &Config) -> Vec<Finding> {
    run_until(doc, facts, corpus, config, None).0
}

/// [`run`] within a deadline: when it passes, the rest of the draft is left unchecked, and the
/// byte offset where the unchecked part starts is returned with the findings before it.
pub fn run_until(
    doc: &Document,
    facts: &Facts,
    corpus: &Corpus,
    config: &Config,
    deadline: Option<std::time::Instant>,
) -> (Vec<Finding>, Option<usize>) {
    let matches = evidence::Matches::compute_until(doc, facts, corpus, config, deadline);
    let ctx = RuleContext {
        doc,
        facts,
        corpus,
        config,
        matches: &matches,
    };
    let mut out = Vec::new();
    for r in ALL {
        r.check(&ctx, &mut out);
    }
    if let Some(c) = matches.cutoff {
        out.retain(|f| f.span.end <= c);
    }
    out.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
    (out, matches.cutoff)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::lang::Lang;

    /// A deadline already passed leaves the whole draft unchecked: no findings, and the cutoff
    /// at its first sentence. Without one, the same draft has findings.
    #[test]
    fn deadline_leaves_the_rest_unchecked() {
        let corpus = Corpus::from_texts(
            [(
                "ledger.md",
                "About 68,000 vehicles cross the Kessler Bridge every day.\n",
            )],
            None,
        );
        let text =
            "Intro without figures.\n\nAbout 90,000 vehicles cross the Kessler Bridge every day.\n";
        let doc = Document::parse(text, crate::text::DocKind::Markdown, None);
        let facts = crate::extract::extract(&doc);
        let config = Config::default();
        let (all, cut) = run_until(&doc, &facts, &corpus, &config, None);
        assert!(cut.is_none());
        assert!(
            all.iter().any(|f| f.rule == RuleId::NumberConflict),
            "{all:?}"
        );
        let (none, cut) = run_until(
            &doc,
            &facts,
            &corpus,
            &config,
            Some(std::time::Instant::now()),
        );
        assert_eq!(cut, Some(0));
        assert!(none.is_empty(), "{none:?}");
    }

    #[test]
    fn registry_is_consistent_and_documented() {
        let readme = include_str!("../../README.md");
        let mut ids = std::collections::HashSet::new();
        for r in ALL {
            let m = r.meta();
            assert!(ids.insert(m.id), "duplicate rule {}", m.id);
            assert!(m
                .id
                .id()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(
                !m.summary.is_empty() && !m.docs.is_empty(),
                "{} lacks docs",
                m.id
            );
            // The README's rule table names every rule with its default severity.
            let row = format!("| `{}` | {} |", m.id, m.default_severity.as_str());
            assert!(
                readme.contains(&row),
                "README.md rule table is stale for {}",
                m.id
            );
        }
        assert_eq!(ids.len(), RuleId::ALL.len());
    }

    /// Findings of one rule for a draft against an in-memory corpus of `(file name, text)`.
    pub fn findings(corpus: &[(&str, &str)], draft: &str, rule: RuleId) -> Vec<Finding> {
        let lang = Lang::detect(draft);
        let corpus = Corpus::from_texts(corpus.iter().copied(), lang);
        let config = Config::default();
        let a = crate::analysis::analyze(
            draft,
            Some(std::path::Path::new("draft.md")),
            &corpus,
            &config,
        );
        a.findings.into_iter().filter(|f| f.rule == rule).collect()
    }
}
