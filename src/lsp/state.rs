//! What the server holds: open documents, the last results per document, the effective
//! configuration, the corpus, client settings and the findings the user chose to ignore.

use crate::config::{self, Config, Level};
use crate::corpus::Corpus;
use crate::finding::{Finding, RuleId};
use crate::lang::Lang;
use crate::lsp::convert::Encoding;
use crate::text::{Document, Span};
use ropey::Rope;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::lsp_types::Uri;

/// The file in the workspace root where ignored findings are kept.
pub const IGNORE_FILE: &str = ".factlint-ignore.json";

/// An open document.
#[derive(Clone, Debug)]
pub struct Doc {
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
    /// The file path, when the URI is a file URI; it decides Markdown or plain text.
    pub path: Option<PathBuf>,
}

impl Doc {
    /// The path the engine reads the document as (plain text for `.txt` or a plain-text language id).
    pub fn engine_path(&self) -> Option<PathBuf> {
        let has_ext = self.path.as_ref().and_then(|p| p.extension()).is_some();
        if has_ext {
            return self.path.clone();
        }
        match self.language_id.as_str() {
            "plaintext" | "text" => Some(PathBuf::from("untitled.txt")),
            _ => self.path.clone(),
        }
    }
}

/// The results of analysing one version of a document, as last published.
#[derive(Clone, Debug)]
pub struct Checked {
    pub version: i32,
    pub generation: u64,
    /// The text the spans refer to.
    pub rope: Rope,
    pub findings: Vec<Finding>,
    /// Per finding, its key for "Ignore this finding".
    pub keys: Vec<IgnoreKey>,
}

/// A finding the user ignored, identified by its rule and its text, not its position.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct IgnoreKey {
    pub rule: String,
    /// The flagged words.
    pub text: String,
    /// The sentence around them, whitespace-normalised.
    pub context: String,
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl IgnoreKey {
    /// The key of a finding in its analysed document.
    pub fn of(doc: &Document, finding: &Finding) -> IgnoreKey {
        // Sentences are in text order: skip those ending before the finding.
        let first = doc
            .sentences
            .partition_point(|s| s.span.end < finding.span.start);
        let sentence = doc.sentences[first..]
            .iter()
            .take_while(|s| s.span.start <= finding.span.end)
            .find(|s| s.span.overlaps(finding.span) || s.span.contains(finding.span))
            .map(|s| s.span)
            .unwrap_or(finding.span);
        IgnoreKey {
            rule: finding.rule.id().to_string(),
            text: squash(finding.span.slice(&doc.text)),
            context: squash(sentence.slice(&doc.text)),
        }
    }
}

#[derive(Serialize, Deserialize, Default)]
struct IgnoreFile {
    ignored: Vec<IgnoreKey>,
}

/// Ignored findings, optionally persisted in the workspace.
#[derive(Clone, Debug, Default)]
pub struct Ignores {
    pub keys: BTreeSet<IgnoreKey>,
    pub file: Option<PathBuf>,
}

impl Ignores {
    /// Reads `.factlint-ignore.json` from the workspace root (a missing or broken file is empty).
    pub fn load(root: Option<&Path>) -> (Ignores, Option<String>) {
        let Some(root) = root else {
            return (Ignores::default(), None);
        };
        let file = root.join(IGNORE_FILE);
        let mut out = Ignores {
            keys: BTreeSet::new(),
            file: Some(file.clone()),
        };
        let Ok(text) = std::fs::read_to_string(&file) else {
            return (out, None);
        };
        match serde_json::from_str::<IgnoreFile>(&text) {
            Ok(f) => {
                out.keys = f.ignored.into_iter().collect();
                (out, None)
            }
            Err(e) => (out, Some(format!("{}: {e}", file.display()))),
        }
    }

    /// Writes the ignore file; without a workspace root the keys live only in memory.
    pub fn save(&self) -> Result<(), String> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let data = IgnoreFile {
            ignored: self.keys.iter().cloned().collect(),
        };
        let text = serde_json::to_string_pretty(&data).map_err(|e| e.to_string())?;
        std::fs::write(file, text + "\n").map_err(|e| format!("{}: {e}", file.display()))
    }
}

/// Settings from `initializationOptions` or `workspace/configuration` (section `factlint`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub corpus: Option<Vec<String>>,
    pub severity: BTreeMap<RuleId, Level>,
    pub debounce_ms: Option<u64>,
    pub time_budget_ms: Option<u64>,
    pub max_document_bytes: Option<usize>,
    /// `Some(None)` is "auto".
    pub language: Option<Option<Lang>>,
}

impl Settings {
    /// Reads settings from JSON, either the section itself or an object with a `factlint` key.
    /// Unknown or invalid values are reported and skipped.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut s = Settings::default();
        let mut problems = Vec::new();
        let obj = match value.get("factlint") {
            Some(inner @ Value::Object(_)) => inner,
            _ => value,
        };
        let Value::Object(map) = obj else {
            if !obj.is_null() {
                problems.push(format!("settings: expected an object, got {obj}"));
            }
            return (s, problems);
        };
        for (k, v) in map {
            match k.as_str() {
                "corpus" => match v {
                    Value::String(p) => s.corpus = Some(vec![p.clone()]),
                    Value::Array(items) => {
                        s.corpus = Some(
                            items
                                .iter()
                                .filter_map(|i| i.as_str().map(String::from))
                                .collect(),
                        )
                    }
                    Value::Null => {}
                    other => problems.push(format!(
                        "settings: `corpus` must be a path or a list of paths, got {other}"
                    )),
                },
                "severity" => match v {
                    Value::Object(levels) => {
                        for (rule, level) in levels {
                            let r = RuleId::from_id(rule);
                            let l = level.as_str().and_then(config::parse_level);
                            match (r, l) {
                                (Some(r), Some(l)) => {
                                    s.severity.insert(r, l);
                                }
                                (None, _) => problems.push(format!("settings: `severity.{rule}`: unknown rule")),
                                (_, None) => problems.push(format!(
                                    "settings: `severity.{rule}`: {level} is not off, hint, info, warning or error"
                                )),
                            }
                        }
                    }
                    Value::Null => {}
                    other => problems.push(format!(
                        "settings: `severity` must be an object, got {other}"
                    )),
                },
                "timeBudgetMs" | "time_budget_ms" | "time-budget-ms" => match v.as_u64() {
                    Some(ms) => s.time_budget_ms = Some(ms),
                    None if v.is_null() => {}
                    None => problems.push(format!(
                        "settings: `timeBudgetMs` must be a number of milliseconds, got {v}"
                    )),
                },
                "maxDocumentBytes" | "max_document_bytes" | "max-document-bytes" => {
                    match v.as_u64() {
                        Some(n) => s.max_document_bytes = Some(n as usize),
                        None if v.is_null() => {}
                        None => problems.push(format!(
                            "settings: `maxDocumentBytes` must be a number of bytes, got {v}"
                        )),
                    }
                }
                "debounceMs" | "debounce_ms" | "debounce-ms" => match v.as_u64() {
                    Some(ms) => s.debounce_ms = Some(ms.min(60_000)),
                    None if v.is_null() => {}
                    None => {
                        problems.push(format!("settings: `debounceMs` must be a number, got {v}"))
                    }
                },
                "language" => match v.as_str() {
                    Some("auto") | Some("") => s.language = Some(None),
                    Some(code) => match Lang::from_code(code) {
                        Some(l) => s.language = Some(Some(l)),
                        None => problems.push(format!(
                            "settings: unknown language {code:?} (use de, en or auto)"
                        )),
                    },
                    None if v.is_null() => {}
                    None => {
                        problems.push(format!("settings: `language` must be a string, got {v}"))
                    }
                },
                other => problems.push(format!("settings: unknown key `{other}`")),
            }
        }
        (s, problems)
    }

    /// Applies these settings over a configuration; relative corpus paths are resolved against `base`.
    pub fn apply(&self, cfg: &mut Config, base: &Path) {
        if let Some(corpus) = &self.corpus {
            cfg.corpus = corpus.iter().map(|p| base.join(p)).collect();
        }
        for (r, l) in &self.severity {
            cfg.severity.insert(*r, *l);
        }
        if let Some(ms) = self.debounce_ms {
            cfg.debounce_ms = ms;
        }
        if let Some(ms) = self.time_budget_ms {
            cfg.time_budget_ms = ms;
        }
        if let Some(n) = self.max_document_bytes {
            cfg.max_document_bytes = n;
        }
        if let Some(l) = self.language {
            cfg.language = l;
        }
    }
}

/// What the client can do, as far as the server cares.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientCaps {
    pub work_done_progress: bool,
    pub configuration: bool,
    pub watch_dynamic: bool,
    pub watch_relative: bool,
}

/// The server's mutable state, behind one mutex that is never held across an `.await`.
#[derive(Default)]
pub struct State {
    pub docs: HashMap<Uri, Doc>,
    pub checked: HashMap<Uri, Checked>,
    pub encoding: Encoding,
    pub caps: ClientCaps,
    pub root: Option<PathBuf>,
    pub init_settings: Settings,
    pub client_settings: Settings,
    pub config: Arc<Config>,
    pub corpus: Arc<Corpus>,
    /// Whether the first corpus load finished; documents are checked only after it.
    pub corpus_ready: bool,
    /// Bumped whenever configuration, corpus or ignores change: older results are stale.
    pub generation: u64,
    /// Bumped for each corpus load; only the newest load is installed.
    pub corpus_load: u64,
    pub ignores: Ignores,
    /// The id of the current file-watcher registration, if any.
    pub watch_registration: Option<String>,
}

impl State {
    /// Recomputes the effective configuration: `.factlint.toml` found upward from the workspace
    /// root, then `initializationOptions`, then `workspace/configuration`. Returns problems to log.
    pub fn reload_config(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut cfg = match self.root.as_deref().and_then(Config::discover) {
            Some(path) => match Config::load(&path) {
                Ok(c) => c,
                Err(e) => {
                    problems.push(format!("config: {e}"));
                    Config::default()
                }
            },
            None => Config::default(),
        };
        let base = self.base_dir();
        self.init_settings.apply(&mut cfg, &base);
        self.client_settings.apply(&mut cfg, &base);
        self.config = Arc::new(cfg);
        self.generation += 1;
        problems
    }

    /// The folder relative setting paths are resolved against.
    pub fn base_dir(&self) -> PathBuf {
        match &self.root {
            Some(r) => r.clone(),
            None => std::env::current_dir().unwrap_or_default(),
        }
    }

    /// Whether a changed file belongs to the configured corpus.
    pub fn is_corpus_file(&self, path: &Path) -> bool {
        self.config.corpus.iter().any(|c| {
            let s = c.to_string_lossy();
            if s.contains(['*', '?', '[']) {
                glob::Pattern::new(&s)
                    .map(|p| p.matches_path(path))
                    .unwrap_or(false)
                    || glob_root(c).is_some_and(|r| path.starts_with(r))
            } else {
                path.starts_with(c)
            }
        })
    }

    /// Findings of a document minus the ignored ones, with their keys.
    pub fn filter_ignored(
        &self,
        findings: Vec<Finding>,
        keys: Vec<IgnoreKey>,
    ) -> (Vec<Finding>, Vec<IgnoreKey>) {
        findings
            .into_iter()
            .zip(keys)
            .filter(|(_, k)| !self.ignores.keys.contains(k))
            .unzip()
    }
}

/// The folder part of a glob before its first wildcard component.
pub fn glob_root(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        if c.as_os_str().to_string_lossy().contains(['*', '?', '[']) {
            break;
        }
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        None
    } else {
        Some(out)
    }
}

/// The span of a finding in the text it came from, for looking findings up by position.
pub fn touches(span: Span, a: usize, b: usize) -> bool {
    span.start <= b && a <= span.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use serde_json::json;

    #[test]
    fn settings_from_json_with_problems() {
        let (s, problems) = Settings::from_json(&json!({
            "factlint": {
                "corpus": "sources",
                "severity": { "number-conflict": "warning", "unsourced-claim": "off", "nope": "error" },
                "debounceMs": 0,
                "language": "de",
                "extra": 1
            }
        }));
        assert_eq!(s.corpus, Some(vec!["sources".to_string()]));
        assert_eq!(
            s.severity.get(&RuleId::NumberConflict),
            Some(&Level::On(Severity::Warning))
        );
        assert_eq!(s.severity.get(&RuleId::UnsourcedClaim), Some(&Level::Off));
        assert_eq!(s.debounce_ms, Some(0));
        assert_eq!(s.language, Some(Some(Lang::De)));
        assert_eq!(problems.len(), 2, "{problems:?}");
        let mut cfg = Config::default();
        s.apply(&mut cfg, Path::new("/ws"));
        assert_eq!(cfg.corpus, vec![PathBuf::from("/ws/sources")]);
        assert_eq!(cfg.debounce_ms, 0);
        let (s, problems) = Settings::from_json(&Value::Null);
        assert_eq!(s, Settings::default());
        assert!(problems.is_empty());
        let (_, problems) = Settings::from_json(&json!([1, 2]));
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn corpus_membership_for_folders_files_and_globs() {
        let st = State {
            config: Arc::new(Config {
                corpus: vec![PathBuf::from("/ws/corpus"), PathBuf::from("/ws/wire/*.md")],
                ..Config::default()
            }),
            ..State::default()
        };
        assert!(st.is_corpus_file(Path::new("/ws/corpus/a/b.md")));
        assert!(st.is_corpus_file(Path::new("/ws/wire/x.md")));
        assert!(!st.is_corpus_file(Path::new("/ws/drafts/x.md")));
    }
}
