//! The engine's façade: a draft and a corpus in, the document, its facts and the findings out.
//! Both the CLI and the language server call only this.

use crate::config::{Config, Level};
use crate::corpus::Corpus;
use crate::extract::{self, Facts};
use crate::finding::Finding;
use crate::suppress::Suppressions;
use crate::text::{DocKind, Document};
use std::path::Path;

/// Everything factlint knows about one draft.
#[derive(Debug)]
pub struct Analysis {
    pub document: Document,
    pub facts: Facts,
    pub findings: Vec<Finding>,
    /// When the time budget (`time-budget-ms`) ran out: the byte offset from which the draft
    /// was not checked.
    pub unchecked_from: Option<usize>,
}

/// Reads a draft (Markdown unless `path` ends in `.txt`) and extracts its facts, without checks.
pub fn read(text: &str, path: Option<&Path>, config: &Config) -> (Document, Facts) {
    read_with(text, path, config, None)
}

fn read_with(
    text: &str,
    path: Option<&Path>,
    config: &Config,
    memo: Option<&extract::Memo>,
) -> (Document, Facts) {
    let document = Document::parse_with(
        text,
        DocKind::from_path(path),
        config.language,
        memo.map(|m| &m.text),
    );
    let facts = extract::extract_with(&document, memo);
    (document, facts)
}

/// Reads a draft and checks it against the corpus, applying severities and suppression comments.
pub fn analyze(text: &str, path: Option<&Path>, corpus: &Corpus, config: &Config) -> Analysis {
    analyze_with(text, path, corpus, config, None)
}

/// What an editing session keeps between analyses of its drafts: per-block sentence
/// boundaries, per-sentence extraction results and per-block findings. A keystroke then
/// recomputes only what it changed; the result is always the same as without the memo
/// (`tests/properties.rs`, `tests/fuzz_inputs.rs` and the fuzz targets compare them).
#[derive(Debug, Default)]
pub struct Memo {
    pub extract: extract::Memo,
    pub blocks: crate::rules::BlockCache,
    /// Verdicts of re-checked fixes (`recheck`).
    pub fixes: crate::recheck::Memo,
}

/// [`analyze`] for a draft being edited, with the session's `memo`. Every fix offered has been
/// re-checked on the draft with the fix applied (`recheck`).
pub fn analyze_with(
    text: &str,
    path: Option<&Path>,
    corpus: &Corpus,
    config: &Config,
    memo: Option<&Memo>,
) -> Analysis {
    let deadline = deadline(config);
    // The re-checks analyse the draft again with one edit: the block memo makes that cheap.
    let local = Memo::default();
    let memo = memo.unwrap_or(&local);
    let mut a = pending(text, path, corpus, config, memo, deadline);
    let all = vec![true; a.findings.len()];
    let at = (text, path, corpus, config, memo);
    recheck_until(
        &a.document,
        a.unchecked_from,
        &mut a.findings,
        at,
        &all,
        deadline,
    );
    a
}

/// [`analyze_with`] without re-checking the fixes: the findings are the same, their fixes are
/// as the rules offered them, not yet judged. Only for callers that show no fix before
/// [`recheck_fixes`] (the language server publishes diagnostics from this and re-checks when a
/// code action is asked for; `factlint check` in formats without fixes).
pub fn analyze_pending(
    text: &str,
    path: Option<&Path>,
    corpus: &Corpus,
    config: &Config,
    memo: Option<&Memo>,
) -> Analysis {
    let local = Memo::default();
    pending(
        text,
        path,
        corpus,
        config,
        memo.unwrap_or(&local),
        deadline(config),
    )
}

/// The findings of an [`analyze_pending`] analysis of `text` (with the same `path`, `corpus`
/// and `config`), those that `wanted` marks (by index) with their fixes re-checked exactly as
/// [`analyze_with`] gives them, the others with their fixes unjudged. The time budget starts
/// anew.
pub fn recheck_fixes(
    analysis: &Analysis,
    text: &str,
    path: Option<&Path>,
    corpus: &Corpus,
    config: &Config,
    memo: Option<&Memo>,
    wanted: &[bool],
) -> Vec<Finding> {
    let local = Memo::default();
    let memo = memo.unwrap_or(&local);
    let mut findings = analysis.findings.clone();
    recheck_until(
        &analysis.document,
        analysis.unchecked_from,
        &mut findings,
        (text, path, corpus, config, memo),
        wanted,
        deadline(config),
    );
    findings
}

fn deadline(config: &Config) -> Option<std::time::Instant> {
    (config.time_budget_ms > 0).then(|| {
        std::time::Instant::now() + std::time::Duration::from_millis(config.time_budget_ms)
    })
}

fn pending(
    text: &str,
    path: Option<&Path>,
    corpus: &Corpus,
    config: &Config,
    memo: &Memo,
    deadline: Option<std::time::Instant>,
) -> Analysis {
    let (document, facts, findings, unchecked_from) =
        check(text, path, corpus, config, memo, deadline);
    Analysis {
        document,
        facts,
        findings,
        unchecked_from,
    }
}

/// What analysing a version of the draft needs: its text, path, corpus, configuration and memo.
type Context<'a> = (&'a str, Option<&'a Path>, &'a Corpus, &'a Config, &'a Memo);

fn recheck_until(
    document: &Document,
    unchecked_from: Option<usize>,
    findings: &mut [Finding],
    (text, path, corpus, config, memo): Context,
    wanted: &[bool],
    deadline: Option<std::time::Instant>,
) {
    if unchecked_from.is_none() {
        let whole = format!("{:?}\u{1}{}", config, corpus.id);
        let verdicts = Some((&memo.fixes, whole.as_str()));
        crate::recheck::fixes_of(document, text, findings, wanted, verdicts, |fixed| {
            let (_, _, found, cut) = check(fixed, path, corpus, config, memo, deadline);
            cut.is_none().then_some(found)
        });
    } else {
        // Not checked to the end: nothing is re-checked, nothing is safe.
        for (f, _) in findings.iter_mut().zip(wanted).filter(|(_, w)| **w) {
            for x in &mut f.fixes {
                x.applicability = x.applicability.min(crate::finding::Applicability::Unsafe);
            }
        }
    }
}

/// One analysis: the document, its facts, the findings (configured levels and suppression
/// comments applied) and where the time budget ran out.
fn check(
    text: &str,
    path: Option<&Path>,
    corpus: &Corpus,
    config: &Config,
    memo: &Memo,
    deadline: Option<std::time::Instant>,
) -> (Document, Facts, Vec<Finding>, Option<usize>) {
    let (document, facts) = read_with(text, path, config, Some(&memo.extract));
    let (mut findings, unchecked_from) = if config.languages.contains(&document.lang) {
        crate::rules::run_cached(
            &document,
            &facts,
            corpus,
            config,
            deadline,
            Some(&memo.blocks),
        )
    } else {
        (Vec::new(), None)
    };
    findings.retain_mut(|f| match config.level(f.rule) {
        Level::Off => false,
        Level::On(sev) => {
            f.severity = sev;
            true
        }
    });
    Suppressions::from_document(&document).filter(&mut findings);
    (document, facts, findings, unchecked_from)
}

/// A draft figure's quantity: the figure map of its section's event documents (the one the
/// rules read, memoised in the corpus) and the quantity's index in it.
type Aligned = (
    crate::text::Span,
    std::sync::Arc<crate::figmap::FigureMap>,
    usize,
);

/// Per figure of a draft, its span and the quantity it aligns to.
fn aligned(corpus: &Corpus, text: &str, path: Option<&Path>, config: &Config) -> Vec<Aligned> {
    use crate::figmap::FigRef;
    // The same limits as a check: too large a draft is not read, and matching stops at the
    // time budget (figures after it get no quantity).
    if text.len() > config.max_document_bytes {
        return Vec::new();
    }
    let (doc, facts) = read(text, path, config);
    let deadline = (config.time_budget_ms > 0).then(|| {
        std::time::Instant::now() + std::time::Duration::from_millis(config.time_budget_ms)
    });
    let m = crate::rules::evidence::Matches::compute_until(&doc, &facts, corpus, config, deadline);
    facts
        .quantities
        .iter()
        .zip(&m.figures)
        .filter_map(|(q, v)| {
            let f = v.first()?;
            let si = doc.sentences.iter().position(|s| s.span.contains(q.span))?;
            let map =
                crate::rules::evidence::figure_map(corpus, m.events.get(si)?, &config.tolerance);
            let at = FigRef {
                doc: f.doc,
                sentence: f.sentence,
                quantity: f.quantity,
            };
            let qi = map.quantity_at(at)?;
            Some((q.span, map, qi))
        })
        .collect()
}

/// The figure map of the corpus as a briefing (`factlint figures`, the server's
/// `factlint.figures`): every quantity two or more sources state, contested first; with drafts,
/// the quantities their figures align to. A whole corpus is mapped only up to
/// [`crate::rules::evidence::EVENT_MIN_CORPUS`] documents (beyond that the map is built per
/// event, from a draft): a larger one is an error naming its size.
pub fn figures(
    corpus: &Corpus,
    drafts: &[(&str, Option<&Path>)],
    config: &Config,
) -> Result<crate::figmap::briefing::Briefing, String> {
    use crate::figmap::briefing::briefing;
    let tol = &config.tolerance;
    if drafts.is_empty() {
        let max = crate::rules::evidence::EVENT_MIN_CORPUS;
        if corpus.docs.len() >= max {
            return Err(format!(
                "the corpus has {} documents; a whole corpus is mapped up to {}: name a draft \
                 to see the quantities of its events",
                corpus.docs.len(),
                max - 1
            ));
        }
        let all: Vec<usize> = (0..corpus.docs.len()).collect();
        let map = crate::rules::evidence::figure_map(corpus, &all, tol);
        return Ok(briefing(corpus, &map, None, tol));
    }
    // Quantities per map (sections of one event share theirs), in order of first use.
    let mut chosen: Vec<(std::sync::Arc<crate::figmap::FigureMap>, Vec<usize>)> = Vec::new();
    for (text, path) in drafts {
        for (_, map, q) in aligned(corpus, text, *path, config) {
            match chosen
                .iter_mut()
                .find(|(m, _)| std::sync::Arc::ptr_eq(m, &map))
            {
                Some((_, qs)) if qs.contains(&q) => {}
                Some((_, qs)) => qs.push(q),
                None => chosen.push((map, vec![q])),
            }
        }
    }
    let mut out = crate::figmap::briefing::Briefing::default();
    for (map, qs) in &chosen {
        out.quantities
            .extend(briefing(corpus, map, Some(qs), tol).quantities);
    }
    Ok(merge_figures(vec![out]))
}

/// Briefings of several corpora (drafts of several stories) as one: contested quantities first
/// across all of them (in their order otherwise), renumbered `q1`, `q2`, ….
pub fn merge_figures(
    parts: Vec<crate::figmap::briefing::Briefing>,
) -> crate::figmap::briefing::Briefing {
    let mut out = crate::figmap::briefing::Briefing::default();
    for p in parts {
        out.quantities.extend(p.quantities);
    }
    out.quantities.sort_by_key(|q| !q.contested);
    for (n, q) in out.quantities.iter_mut().enumerate() {
        q.id = format!("q{}", n + 1);
    }
    out
}

/// One document of a corpus as the editors list it (`factlint.corpus`).
#[derive(Clone, Debug, serde::Serialize, PartialEq)]
pub struct CorpusEntry {
    /// The corpus file's path as given or found.
    pub path: String,
    /// The outlet (front matter `source`, else title or file name).
    pub source: String,
    pub title: Option<String>,
    pub date: Option<String>,
}

/// `{"documents": [...]}`: a corpus's documents, newest first (undated last), then by path.
#[derive(Clone, Debug, Default, serde::Serialize, PartialEq)]
pub struct CorpusListing {
    pub documents: Vec<CorpusEntry>,
}

/// The documents of a corpus (the server's `factlint.corpus`).
pub fn corpus_documents(corpus: &Corpus) -> CorpusListing {
    let mut documents: Vec<CorpusEntry> = corpus
        .docs
        .all()
        .map(|d| CorpusEntry {
            path: d.source.path.display().to_string(),
            source: d.source.name.clone(),
            title: d.source.title.clone(),
            date: d.source.date.clone(),
        })
        .collect();
    documents.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => y.cmp(x).then_with(|| a.path.cmp(&b.path)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.path.cmp(&b.path),
    });
    CorpusListing { documents }
}

/// The id, in `briefing`, of the quantity that the draft figure at byte `offset` aligns to:
/// what an editor reveals when the cursor is on a draft figure.
pub fn selected_quantity(
    briefing: &crate::figmap::briefing::Briefing,
    corpus: &Corpus,
    text: &str,
    path: Option<&Path>,
    config: &Config,
    offset: usize,
) -> Option<String> {
    let q = figure_at(corpus, text, path, config, offset)?;
    briefing
        .quantities
        .iter()
        .find(|b| b.label == q.label && b.dimension == q.dimension && b.variants == q.variants)
        .map(|b| b.id.clone())
}

/// The quantity that the draft figure at byte `offset` aligns to (hover).
pub fn figure_at(
    corpus: &Corpus,
    text: &str,
    path: Option<&Path>,
    config: &Config,
    offset: usize,
) -> Option<crate::figmap::briefing::QuantityView> {
    if corpus.is_empty() {
        return None;
    }
    let (_, map, q) = aligned(corpus, text, path, config)
        .into_iter()
        .find(|(span, _, _)| span.start <= offset && offset <= span.end)?;
    crate::figmap::briefing::briefing(corpus, &map, Some(&[q]), &config.tolerance)
        .quantities
        .into_iter()
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block's findings depend on the block before it ("Laut Polizei:" attributes the list
    /// below): the session memo must not serve the list's old findings once the lead-in changed.
    #[test]
    fn memo_follows_a_changed_lead_in() {
        let corpus = Corpus::empty();
        let config = Config::default();
        let memo = Memo::default();
        let path = Some(Path::new("d.md"));
        let sourced = "Laut Polizei:\n\n- 14 Menschen wurden verletzt.\n";
        let unsourced = "Am Abend:\n\n- 14 Menschen wurden verletzt.\n";
        for text in [sourced, unsourced, sourced] {
            let warm = analyze_with(text, path, &corpus, &config, Some(&memo));
            let cold = analyze(text, path, &corpus, &config);
            assert_eq!(warm.findings, cold.findings, "{text}");
        }
        assert!(analyze(sourced, path, &corpus, &config).findings.is_empty());
        assert_eq!(analyze(unsourced, path, &corpus, &config).findings.len(), 1);
    }

    /// Whether a figure of an old year is background depends on the draft's own year, which a
    /// paragraph far from the figure's may set: the year is part of every block's cache key.
    #[test]
    fn memo_follows_the_drafts_year() {
        let corpus = Corpus::from_texts(
            [(
                "a.md",
                "---\nsource: Presseagentur\ndate: 2018-07-14\n---\nDie Talsperre gab 85 Kubikmeter pro Sekunde ab. Bereits im September 2017 hatte der Betreiber Wasser ablassen müssen; damals wurden in Salwerode rund 200 Menschen in Sicherheit gebracht.\n",
            )],
            None,
        );
        let config = Config::default();
        let memo = Memo::default();
        let path = Some(Path::new("d.md"));
        let body = "Ohne Zahl.\n\nBereits im September 2017 hatte der Betreiber Wasser ablassen müssen; damals wurden in Salwerode rund 200 Menschen in Sicherheit gebracht.\n";
        let now = format!("Ein Rückblick aus dem Jahr 2025.\n\nNoch ein Absatz.\n\n{body}");
        let then = format!("Ein Rückblick aus dem Jahr 2016.\n\nNoch ein Absatz.\n\n{body}");
        for text in [&now, &then, &now] {
            let warm = analyze_with(text, path, &corpus, &config, Some(&memo));
            let cold = analyze(text, path, &corpus, &config);
            assert_eq!(warm.findings, cold.findings, "{text}");
        }
        assert!(analyze(&now, path, &corpus, &config).findings.is_empty());
        assert_eq!(analyze(&then, path, &corpus, &config).findings.len(), 1);
    }

    /// Which town a draft is about (the one it names most) decides whether a report's figure
    /// of another town is evidence, and a paragraph far from the figure's may change it: part
    /// of every block's cache key.
    #[test]
    fn memo_follows_the_drafts_town() {
        let corpus = Corpus::from_texts(
            [
                ("bote.md", "---\nsource: Bote\n---\nAnders als in Grafenried, wo ein Mann starb, kam Lützenbrück glimpflich davon: 950 Menschen mussten ihre Häuser verlassen, der Schaden liegt bei 17 Millionen Euro.\n"),
                ("kurier.md", "---\nsource: Kurier\n---\nDas Wasser stieg in Grafenried über die Ufer. Der Schaden liegt bei mehr als 45 Millionen Euro.\n"),
                ("stadt.md", "---\nsource: Stadt\n---\nIn Lützenbrück wurden die Keller geräumt.\n"),
            ],
            None,
        );
        let config = Config::default();
        let memo = Memo::default();
        let path = Some(Path::new("d.md"));
        let body = "Der Schaden liegt bei mehr als 45 Millionen Euro.\n";
        let home = format!("Das Wasser stieg in Grafenried über die Ufer. In Grafenried wurden Häuser geräumt.\n\nNoch ein Absatz.\n\n{body}");
        let tied = format!("Das Wasser stieg in Grafenried über die Ufer. In Lützenbrück wurden Häuser geräumt.\n\nNoch ein Absatz.\n\n{body}");
        for text in [&home, &tied, &home] {
            let warm = analyze_with(text, path, &corpus, &config, Some(&memo));
            let cold = analyze(text, path, &corpus, &config);
            assert_eq!(warm.findings, cold.findings, "{text}");
        }
        let disputed = |text: &str| {
            analyze(text, path, &corpus, &config)
                .findings
                .iter()
                .any(|f| f.rule == crate::finding::RuleId::DisputedFigure)
        };
        assert!(!disputed(&home));
        assert!(disputed(&tied));
    }

    /// A table's source column credits its row's figure from another cell (another block): the
    /// source it names is part of the figure cell's cache key.
    #[test]
    fn memo_follows_a_tables_source_column() {
        let corpus = Corpus::from_texts(
            [
                ("amt.md", "---\nsource: Landratsamt Grevenau\n---\nIn der Spitze waren rund 350 Einsatzkräfte von Feuerwehren und THW im Einsatz.\n"),
                ("echo.md", "---\nsource: Kreisecho\n---\nIn der Spitze waren mehr als 400 Einsatzkräfte von Feuerwehr und THW im Einsatz.\n"),
            ],
            None,
        );
        let config = Config::default();
        let memo = Memo::default();
        let path = Some(Path::new("d.md"));
        let row = |source: &str| {
            format!("| Kennzahl | Wert | Einheiten | Quelle |\n|---|---|---|---|\n| Einsatzkräfte in der Spitze | mehr als 400 | Feuerwehr und THW | {source} |\n")
        };
        let (wrong, right) = (row("Landratsamt"), row("Kreisecho"));
        for text in [&wrong, &right, &wrong] {
            let warm = analyze_with(text, path, &corpus, &config, Some(&memo));
            let cold = analyze(text, path, &corpus, &config);
            assert_eq!(warm.findings, cold.findings, "{text}");
        }
        let misattributed = |text: &str| {
            analyze(text, path, &corpus, &config)
                .findings
                .iter()
                .any(|f| f.rule == crate::finding::RuleId::MisattributedFigure)
        };
        assert!(misattributed(&wrong));
        assert!(!misattributed(&right));
    }

    /// The same line is a claim in a paragraph and none as a setext heading: the block's kind is
    /// part of its cache key (found by the `check` fuzz target).
    #[test]
    fn memo_follows_a_block_that_became_a_heading() {
        let corpus = Corpus::empty();
        let config = Config::default();
        let memo = Memo::default();
        let path = Some(Path::new("d.md"));
        let paragraph = "The storm lasted 12 hours.\n";
        let heading = "The storm lasted 12 hours.\n=\n";
        for text in [paragraph, heading, paragraph] {
            let warm = analyze_with(text, path, &corpus, &config, Some(&memo));
            let cold = analyze(text, path, &corpus, &config);
            assert_eq!(warm.findings, cold.findings, "{text:?}");
        }
        assert!(analyze(heading, path, &corpus, &config).findings.is_empty());
        assert_eq!(analyze(paragraph, path, &corpus, &config).findings.len(), 1);
    }
}
