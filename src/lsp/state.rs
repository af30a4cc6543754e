//! What the server holds: open documents, the last results per document, the effective
//! configuration, the corpus, client settings and the findings the user chose to ignore.

use crate::config::{self, Config, Level};
use crate::corpus::Corpus;
use crate::finding::{Finding, RuleId};
use crate::lang::Lang;
use crate::lsp::convert::Encoding;
use crate::text::{Document, Span};
use crate::workspace::{Configs, CorpusKey};
use ropey::Rope;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
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
    /// The configuration the document is checked with (its nearest `.factlint.toml`, then the
    /// client's settings).
    pub config: Arc<Config>,
    /// The corpus it is checked against.
    pub key: CorpusKey,
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
    /// The findings less the ignored ones, without fixes (diagnostics, hover, definitions).
    pub findings: Vec<Finding>,
    /// Per finding, its key for "Ignore this finding".
    pub keys: Vec<IgnoreKey>,
    /// The whole analysis, fixes not yet re-checked: code actions re-check theirs.
    pub pending: Arc<Pending>,
}

/// One version of a draft analysed without re-checking its fixes
/// (`analysis::analyze_pending`), with all that re-checking them needs: a code action re-checks
/// the fixes of the findings it is asked for (`Pending::rechecked`), and gets what an eager
/// analysis would have given them.
pub struct Pending {
    /// The analysed text.
    pub text: String,
    /// `None` when the draft is not analysed (over `max-document-bytes`, not a draft).
    pub analysis: Option<crate::analysis::Analysis>,
    /// Per finding (ignored ones included), its key for "Ignore this finding".
    pub keys: Vec<IgnoreKey>,
    pub path: Option<PathBuf>,
    pub config: Arc<Config>,
    pub corpus: Arc<Corpus>,
    pub memo: Arc<crate::analysis::Memo>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("path", &self.path)
            .field("findings", &self.findings().len())
            .finish_non_exhaustive()
    }
}

impl Pending {
    /// All findings (ignored ones included), fixes not re-checked.
    pub fn findings(&self) -> &[Finding] {
        self.analysis.as_ref().map_or(&[], |a| &a.findings)
    }

    /// The findings `wanted` marks (by index into [`Pending::findings`]) with their keys, their
    /// fixes re-checked as `analysis::analyze_with` would have.
    pub fn rechecked(&self, wanted: &[bool]) -> (Vec<Finding>, Vec<IgnoreKey>) {
        let Some(a) = &self.analysis else {
            return (Vec::new(), Vec::new());
        };
        if !wanted.iter().any(|w| *w) {
            return (Vec::new(), Vec::new());
        }
        let findings = crate::analysis::recheck_fixes(
            a,
            &self.text,
            self.path.as_deref(),
            &self.corpus,
            &self.config,
            Some(&self.memo),
            wanted,
        );
        findings
            .into_iter()
            .zip(self.keys.iter().cloned())
            .zip(wanted.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, w)| **w)
            .map(|(fk, _)| fk)
            .unzip()
    }
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
            let is_url = |p: &&String| crate::corpus::store::postgres::is_database_url(p);
            // A database named in the editor's settings is the user's own choice.
            cfg.corpus_url = corpus.iter().find(is_url).cloned();
            cfg.corpus_url_trusted = cfg.corpus_url.is_some();
            cfg.corpus = corpus
                .iter()
                .filter(|p| !is_url(p))
                .map(|p| base.join(p))
                .collect();
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

/// A corpus the server holds: loaded once for every draft whose configuration names it.
#[derive(Debug)]
pub struct Slot {
    /// `None` until the first load finished (its drafts wait for it).
    pub corpus: Option<Arc<Corpus>>,
    /// The newest load started; only its result is installed.
    pub load: u64,
}

/// The server's mutable state, behind one mutex that is never held across an `.await`.
#[derive(Default)]
pub struct State {
    pub docs: HashMap<Uri, Doc>,
    pub checked: HashMap<Uri, Checked>,
    pub encoding: Encoding,
    pub caps: ClientCaps,
    /// The first workspace folder (settings and untitled documents go by it).
    pub root: Option<PathBuf>,
    /// Every workspace folder (`workspaceFolders`, `didChangeWorkspaceFolders`).
    pub folders: Vec<PathBuf>,
    pub init_settings: Settings,
    pub client_settings: Settings,
    /// The configuration files read so far, each with its last good version.
    pub configs: Configs,
    /// The corpora in use, by what they read.
    pub corpora: HashMap<CorpusKey, Slot>,
    /// The corpus of drafts without one.
    pub empty: Arc<Corpus>,
    /// Bumped whenever configuration, corpus or ignores change: older results are stale.
    pub generation: u64,
    /// Numbers corpus loads.
    pub loads: u64,
    /// Ignored findings per workspace folder (kept in its `.factlint-ignore.json`); without a
    /// folder, under the empty path, in memory only.
    pub ignores: HashMap<PathBuf, Ignores>,
    /// The id of the current file-watcher registration, if any.
    pub watch_registration: Option<String>,
    /// Configuration errors shown to the user (shown again only after they were fixed).
    pub told_errors: HashSet<String>,
    /// Workspaces told that a draft in them has no configuration and no corpus.
    pub told_unconfigured: HashSet<PathBuf>,
}

impl State {
    /// The workspace folder holding `path` (the innermost), else the first one, else the
    /// current folder.
    pub fn folder_of(&self, path: Option<&Path>) -> PathBuf {
        let inner = path.and_then(|p| {
            self.folders
                .iter()
                .filter(|f| p.starts_with(f))
                .max_by_key(|f| f.components().count())
        });
        match inner.or(self.folders.first()) {
            Some(f) => f.clone(),
            None => self.base_dir(),
        }
    }

    /// The configuration for a draft at `path` (a document without a path: its workspace
    /// folder's): the nearest `.factlint.toml` (while it is in error its last good version, and
    /// the error), then `initializationOptions`, then `workspace/configuration`.
    pub fn resolve(&mut self, path: Option<&Path>) -> (Arc<Config>, Option<String>) {
        let folder = self.folder_of(path);
        let at = path.map_or_else(|| folder.clone(), Path::to_path_buf);
        let (cfg, error) = self.configs.for_draft(&at);
        let settings = [&self.init_settings, &self.client_settings];
        let cfg = if settings.iter().all(|s| **s == Settings::default()) {
            cfg
        } else {
            let mut c = (*cfg).clone();
            for s in settings {
                s.apply(&mut c, &folder);
            }
            Arc::new(c)
        };
        let error = error.map(|e| {
            format!("config: {e} (the last good configuration stays in force until it is fixed)")
        });
        (cfg, error)
    }

    /// The corpora to hold: those of the open documents and of the workspace folders (a
    /// figure map without a draft uses its folder's), each with the first configuration naming
    /// it (its cache settings are used to load it).
    pub fn wanted(&mut self) -> BTreeMap<CorpusKey, Arc<Config>> {
        let mut out: BTreeMap<CorpusKey, Arc<Config>> = BTreeMap::new();
        for d in self.docs.values() {
            out.entry(d.key.clone())
                .or_insert_with(|| Arc::clone(&d.config));
        }
        let folders: Vec<PathBuf> = if self.folders.is_empty() {
            vec![self.base_dir()]
        } else {
            self.folders.clone()
        };
        for f in folders {
            let config = self.resolve(Some(&f)).0;
            out.entry(CorpusKey::of(&config)).or_insert(config);
        }
        out.retain(|k, _| !k.is_empty());
        out
    }

    /// The note for a draft with no configuration and no corpus: once per workspace folder.
    pub fn unconfigured(&mut self, config: &Config, path: Option<&Path>) -> Option<String> {
        if config.path.is_some() || !config.corpus.is_empty() {
            return None;
        }
        let folder = self.folder_of(path);
        if !self.told_unconfigured.insert(folder.clone()) {
            return None;
        }
        let name = path.map_or_else(|| folder.display().to_string(), |p| p.display().to_string());
        Some(format!(
            "no corpus configured for {name}: create .factlint.toml with corpus = [...] in its \
             folder or one above it; until then drafts in {} are checked for unsourced claims \
             only",
            folder.display()
        ))
    }

    /// The corpus a document is checked against, once loaded.
    pub fn corpus_for(&self, key: &CorpusKey) -> Option<Arc<Corpus>> {
        if key.is_empty() {
            return Some(Arc::clone(&self.empty));
        }
        self.corpora.get(key)?.corpus.clone()
    }

    /// The folder relative setting paths are resolved against.
    pub fn base_dir(&self) -> PathBuf {
        match &self.root {
            Some(r) => r.clone(),
            None => std::env::current_dir().unwrap_or_default(),
        }
    }

    /// The corpora a changed file belongs to.
    pub fn corpora_of(&self, path: &Path) -> Vec<CorpusKey> {
        self.corpora
            .keys()
            .filter(|k| in_corpus(&k.paths, path))
            .cloned()
            .collect()
    }

    /// The folder whose ignore file holds the ignored findings of a document at `path` (the
    /// empty path without workspace folders).
    pub fn ignores_folder(&self, path: Option<&Path>) -> PathBuf {
        if self.folders.is_empty() {
            return PathBuf::new();
        }
        self.folder_of(path)
    }

    /// Findings of the document at `path` minus the ones ignored in its workspace folder, with
    /// their keys.
    pub fn filter_ignored(
        &self,
        path: Option<&Path>,
        findings: Vec<Finding>,
        keys: Vec<IgnoreKey>,
    ) -> (Vec<Finding>, Vec<IgnoreKey>) {
        let folder = self.ignores_folder(path);
        let Some(ignores) = self.ignores.get(&folder) else {
            return (findings, keys);
        };
        findings
            .into_iter()
            .zip(keys)
            .filter(|(_, k)| !ignores.keys.contains(k))
            .unzip()
    }
}

/// Whether a changed file belongs to a corpus read from `paths` (anything under a glob's
/// folder counts: a folder created or removed there changes what the glob matches).
pub fn in_corpus(paths: &[PathBuf], path: &Path) -> bool {
    paths.iter().any(|c| {
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
        let paths = [PathBuf::from("/ws/corpus"), PathBuf::from("/ws/wire/*.md")];
        assert!(in_corpus(&paths, Path::new("/ws/corpus/a/b.md")));
        assert!(in_corpus(&paths, Path::new("/ws/wire/x.md")));
        assert!(!in_corpus(&paths, Path::new("/ws/drafts/x.md")));
    }

    /// Each draft takes the configuration nearest to it; settings apply over all of them.
    #[test]
    fn drafts_resolve_to_their_story_config() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws = dir.path().to_path_buf();
        let _ = std::fs::create_dir_all(ws.join("a"));
        let _ = std::fs::write(ws.join("a/.factlint.toml"), "corpus = \"src\"\n");
        let mut st = State {
            folders: vec![ws.clone()],
            root: Some(ws.clone()),
            ..State::default()
        };
        let (a, e) = st.resolve(Some(&ws.join("a/draft.md")));
        assert!(e.is_none());
        assert_eq!(a.corpus, vec![ws.join("a/src")]);
        let (c, _) = st.resolve(Some(&ws.join("c/draft.md")));
        assert!(c.corpus.is_empty() && c.path.is_none());
        st.client_settings.debounce_ms = Some(0);
        let (a, _) = st.resolve(Some(&ws.join("a/draft.md")));
        assert_eq!((a.debounce_ms, a.corpus.len()), (0, 1));
    }
}
