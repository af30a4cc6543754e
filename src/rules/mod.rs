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
    /// Per block, whether to check it (`None`: all). Blocks whose findings are known from an
    /// earlier analysis are skipped.
    pub only: Option<&'a [bool]>,
    /// The corpus document the draft reprints ([`evidence::Matches::reprint`]).
    pub reprint: Option<usize>,
}

impl RuleContext<'_> {
    /// Whether the rules should report on `span` (the block it starts in is being checked).
    pub fn wants(&self, span: crate::text::Span) -> bool {
        let Some(only) = self.only else {
            return true;
        };
        self.doc
            .sentence_at(span.start)
            .and_then(|i| self.doc.sentences.get(i))
            .and_then(|s| only.get(s.block).copied())
            .unwrap_or(true)
    }

    /// Whether draft sentence `si` is a sentence of the document the draft reprints, word for
    /// word: its claims are that document's (see [`evidence::Matches::reprint`]).
    pub fn credited(&self, si: usize) -> bool {
        self.matches
            .credited(self.doc, self.corpus, self.reprint, si)
    }
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
    misattributed_figure::MisattributedFigure,
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
    run_cached(doc, facts, corpus, config, deadline, None)
}

/// Findings per block, with spans relative to the block, for a draft being edited.
pub type BlockCache = crate::text::memo::Table<Finding>;

impl crate::text::memo::Shift for Finding {
    fn shift(&self, by: isize) -> Finding {
        let mut f = self.clone();
        f.span = f.span.shift(by);
        for fix in &mut f.fixes {
            for e in &mut fix.edits {
                e.span = e.span.shift(by);
            }
        }
        f
    }
}

/// [`run_until`], taking the findings of blocks seen before from `cache`: a block's findings
/// depend on its kind and text, its neighbours' (attribution and quotes reach across them), the event
/// documents of its section, the draft's language and kind, its links, the corpus and the
/// configuration, and all of that is in its key. The rules then check only the other blocks.
pub fn run_cached(
    doc: &Document,
    facts: &Facts,
    corpus: &Corpus,
    config: &Config,
    deadline: Option<std::time::Instant>,
    cache: Option<&BlockCache>,
) -> (Vec<Finding>, Option<usize>) {
    let matches = evidence::Matches::compute_until(doc, facts, corpus, config, deadline);
    let reprint = matches.reprint(doc, corpus);
    // A run cut short by the time budget is neither served from nor stored in the cache.
    let cache = cache.filter(|_| matches.cutoff.is_none());
    let keys: Vec<String> = match cache {
        Some(_) => block_keys(doc, facts, corpus, config, &matches, reprint),
        None => Vec::new(),
    };
    let mut known: Vec<Option<Vec<Finding>>> = vec![None; doc.blocks.len()];
    if let Some(c) = cache {
        for (b, block) in doc.blocks.iter().enumerate() {
            known[b] = c.peek(&keys[b], block.span.start);
        }
    }
    let only: Vec<bool> = known.iter().map(|k| k.is_none()).collect();
    let ctx = RuleContext {
        doc,
        facts,
        corpus,
        config,
        matches: &matches,
        only: cache.map(|_| only.as_slice()),
        reprint,
    };
    let mut out = Vec::new();
    for r in ALL {
        r.check(&ctx, &mut out);
    }
    if let Some(c) = cache {
        // Store what was found per checked block (a finding outside every block is never
        // cached: its block is checked again next time).
        // Nor is a block one of whose findings reaches outside it (a fix that renames the
        // source a quotation's attribution carries over from an earlier paragraph): what lies
        // between the blocks is in no key, and the stored spans are relative to the block.
        let mut per_block: Vec<Vec<Finding>> = vec![Vec::new(); doc.blocks.len()];
        let mut reaches_out = vec![false; doc.blocks.len()];
        for f in &out {
            if let Some(b) = doc
                .sentence_at(f.span.start)
                .and_then(|i| doc.sentences.get(i))
                .map(|s| s.block)
            {
                if let (Some(v), Some(block)) = (per_block.get_mut(b), doc.blocks.get(b)) {
                    let inside = std::iter::once(f.span)
                        .chain(f.fixes.iter().flat_map(|x| x.edits.iter().map(|e| e.span)))
                        .all(|s| block.span.start <= s.start && s.end <= block.span.end);
                    if !inside {
                        reaches_out[b] = true;
                    }
                    v.push(f.clone());
                }
            }
        }
        for (b, found) in per_block.into_iter().enumerate() {
            if only[b] && !reaches_out[b] {
                c.put(keys[b].clone(), doc.blocks[b].span.start, found);
            }
        }
        out.extend(known.into_iter().flatten().flatten());
    }
    if let Some(c) = matches.cutoff {
        out.retain(|f| f.span.end <= c);
    }
    out.sort_by_key(|f| (f.span.start, f.span.end, f.rule));
    (out, matches.cutoff)
}

/// The cache key of each block (see [`run_cached`]).
/// Per block, a hash of the capitalised words the draft writes before it: every piece of a
/// whitespace-separated token from the start of one letter-or-digit run to the end of another
/// ("Müller-Lüdenscheidt" gives "Müller", "Lüdenscheidt" and the whole), which is what
/// `fixes::mention` can find there.
fn names_before_blocks(doc: &Document) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let mut seen: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    let mut out = Vec::with_capacity(doc.blocks.len());
    let mut from = 0;
    for b in &doc.blocks {
        let upto = b.span.start.max(from);
        for token in doc.text.get(from..upto).unwrap_or("").split_whitespace() {
            let runs: Vec<(usize, usize)> = {
                let mut v = Vec::new();
                let mut start = None;
                for (i, c) in token.char_indices() {
                    match (c.is_alphanumeric(), start) {
                        (true, None) => start = Some(i),
                        (false, Some(s)) => {
                            v.push((s, i));
                            start = None;
                        }
                        _ => {}
                    }
                }
                if let Some(s) = start {
                    v.push((s, token.len()));
                }
                v
            };
            for (x, &(s, _)) in runs.iter().enumerate() {
                for &(_, e) in &runs[x..] {
                    if let Some(piece) = token.get(s..e) {
                        if piece.chars().next().is_some_and(char::is_uppercase) {
                            seen.insert(piece);
                        }
                    }
                }
            }
        }
        from = upto;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        seen.hash(&mut h);
        out.push(h.finish());
    }
    out
}

fn block_keys(
    doc: &Document,
    facts: &Facts,
    corpus: &Corpus,
    config: &Config,
    matches: &evidence::Matches,
    reprint: Option<usize>,
) -> Vec<String> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{config:?}").hash(&mut h);
    corpus.id.hash(&mut h);
    for l in &doc.links {
        l.dest.hash(&mut h);
    }
    doc.footnotes.len().hash(&mut h);
    // Whether the draft reprints a document depends on all its sentences; so does the year
    // that makes older figures background (`unsourced_claim::draft_year`).
    reprint.hash(&mut h);
    unsourced_claim::draft_year(doc, facts, corpus, matches)
        .map(f64::to_bits)
        .hash(&mut h);
    let whole = format!("{:?}/{:?}/{:x}", doc.lang, doc.kind, h.finish());
    let text = |b: Option<&crate::text::Block>| b.map_or("", |b| b.span.slice(&doc.text));
    // The section hashes of each block's sentences, in one pass over the sentences.
    let mut sections: Vec<std::collections::hash_map::DefaultHasher> =
        vec![Default::default(); doc.blocks.len()];
    for (si, s) in doc.sentences.iter().enumerate() {
        if let Some(h) = sections.get_mut(s.block) {
            matches.sections.get(si).hash(h);
            // An attribution may name its source outside the block (a table's source
            // column): what it names is part of the key.
            for a in facts
                .attributions
                .iter()
                .filter(|a| a.sentence_span == s.span)
            {
                a.source.as_ref().map(|x| x.text.as_str()).hash(h);
            }
        }
    }
    // A fix names a person by the surname when the draft named them before the block
    // (`fixes::mention`): the capitalised words before each block are part of its key.
    let named_before = names_before_blocks(doc);
    doc.blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            format!(
                "{whole}\u{1}{:x}\u{1}{:?}/{}\u{1}{:x}\u{1}{}\u{1}{}\u{1}{}",
                named_before.get(i).copied().unwrap_or(0),
                // The same line is a claim in a paragraph and none in a (setext) heading.
                b.kind,
                b.in_quote,
                sections[i].finish(),
                text(i.checked_sub(1).and_then(|p| doc.blocks.get(p))),
                text(Some(b)),
                text(doc.blocks.get(i + 1)),
            )
        })
        .collect()
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
