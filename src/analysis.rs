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

/// [`analyze`] for a draft being edited: per-sentence extraction results come from `memo` when
/// the sentence was seen before (the result is the same as without it).
pub fn analyze_with(
    text: &str,
    path: Option<&Path>,
    corpus: &Corpus,
    config: &Config,
    memo: Option<&extract::Memo>,
) -> Analysis {
    let deadline = (config.time_budget_ms > 0).then(|| {
        std::time::Instant::now() + std::time::Duration::from_millis(config.time_budget_ms)
    });
    let (document, facts) = read_with(text, path, config, memo);
    let (mut findings, unchecked_from) = if config.languages.contains(&document.lang) {
        crate::rules::run_until(&document, &facts, corpus, config, deadline)
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
    Analysis {
        document,
        facts,
        findings,
        unchecked_from,
    }
}
