//! The `LanguageServer` implementation: handlers update the state before any `.await`, and
//! analysis runs in the background on snapshots, debounced, with stale results dropped.

use crate::analysis;
use crate::config::Config;
use crate::corpus::{self, Corpus, LoadOptions};
use crate::finding::Finding;
use crate::lsp::convert::{self, Encoding};
use crate::lsp::state::{
    glob_root, touches, Checked, ClientCaps, Doc, IgnoreKey, Ignores, Pending, Settings, Slot,
    State, IGNORE_FILE,
};
use crate::lsp::view;
use crate::text::DocKind;
use crate::workspace::CorpusKey;
use ropey::Rope;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, UriExt};

/// How long the server waits for an answer to its own requests to the client.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

/// The language server.
pub struct Backend {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    state: Mutex<State>,
    /// Serialises publishing so that an older result can never be sent after a newer one.
    publish: tokio::sync::Mutex<()>,
    /// Serialises watcher registrations: the last one registered reflects the newest state.
    watching: tokio::sync::Mutex<()>,
    /// Limits concurrent analyses (the machine may have few cores).
    permits: Semaphore,
    /// Set by `shutdown`; `exit` without it is an error.
    shutdown: Arc<AtomicBool>,
    /// Messages from `initialize`, logged once the client is ready for them.
    pending_logs: Mutex<Vec<(MessageType, String)>>,
    /// Documents the user was told are over `max-document-bytes`: told again only after they
    /// fit or were closed.
    over_limit: Mutex<HashSet<Uri>>,
    /// Documents the user was told the time budget ran out on, until a check completes.
    timed_out: Mutex<HashSet<Uri>>,
    /// Per-sentence extraction results: a keystroke re-extracts the edited sentence only.
    memo: Arc<analysis::Memo>,
    /// Documents the user was told their database corpus stopped answering, until a check
    /// completes.
    corpus_failed: Mutex<HashSet<Uri>>,
    /// Database corpora watched for ingests (`postgres::watch`), each by one task.
    db_watches: Mutex<HashSet<CorpusKey>>,
}

/// One version of a document, with what analysing it needs.
struct Snapshot {
    rope: Rope,
    version: i32,
    generation: u64,
    path: Option<PathBuf>,
    config: Arc<Config>,
    corpus: Arc<Corpus>,
    memo: Arc<analysis::Memo>,
    /// A file its configuration names as corpus or excludes: never checked as a draft.
    not_a_draft: bool,
}

/// Findings for the current version of a document.
struct Current {
    rope: Rope,
    markdown: bool,
    version: i32,
    encoding: Encoding,
    /// Less the ignored ones, without fixes.
    findings: Vec<Finding>,
    /// The analysis whose fixes code actions re-check.
    pending: Arc<Pending>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn file_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().map(|s| s.as_str()) != Some("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The document's size in bytes when it is over `max-document-bytes`: it is then not analysed.
fn over_limit(snap: &Snapshot) -> Option<usize> {
    let size = snap.rope.len_bytes();
    (size > snap.config.max_document_bytes).then_some(size)
}

/// What the user is told about a document over the limit.
fn over_limit_message(uri: &Uri, size: usize, limit: usize) -> String {
    let name = file_path(uri).map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
    let mib = |n: usize| n as f64 / (1024.0 * 1024.0);
    format!(
        "{name} is not checked: it is {size} bytes ({:.1} MiB), over the limit of {limit} \
         bytes ({:.1} MiB). To check it, raise `max-document-bytes` in .factlint.toml.",
        mib(size),
        mib(limit)
    )
}

/// Runs the engine on a snapshot, without re-checking fixes (a code action re-checks those of
/// the findings it shows): the analysis with the findings' ignore keys (no findings when the
/// document is over the size limit: `check` tells the user), and the 1-based line from which
/// the time budget left the draft unchecked.
fn analyze(snap: &Snapshot) -> (Arc<Pending>, Option<usize>) {
    let analysed = over_limit(snap).is_none() && !snap.not_a_draft;
    let text = if analysed {
        snap.rope.to_string()
    } else {
        String::new()
    };
    let a = analysed.then(|| {
        analysis::analyze_pending(
            &text,
            snap.path.as_deref(),
            &snap.corpus,
            &snap.config,
            Some(&snap.memo),
        )
    });
    let keys = a.as_ref().map_or_else(Vec::new, |a| {
        a.findings
            .iter()
            .map(|f| IgnoreKey::of(&a.document, f))
            .collect()
    });
    let unchecked = a
        .as_ref()
        .and_then(|a| a.unchecked_from)
        .map(|at| snap.rope.byte_to_line(at.min(snap.rope.len_bytes())) + 1);
    let pending = Pending {
        text,
        analysis: a,
        keys,
        path: snap.path.clone(),
        config: Arc::clone(&snap.config),
        corpus: Arc::clone(&snap.corpus),
        memo: Arc::clone(&snap.memo),
    };
    (Arc::new(pending), unchecked)
}

/// The findings to show and their keys: the ignored ones left out, fixes dropped (they are not
/// re-checked yet; code actions re-check and show them).
fn shown(st: &State, pending: &Pending) -> (Vec<Finding>, Vec<IgnoreKey>) {
    let findings = pending
        .findings()
        .iter()
        .map(|f| Finding {
            fixes: Vec::new(),
            ..f.clone()
        })
        .collect();
    st.filter_ignored(pending.path.as_deref(), findings, pending.keys.clone())
}

fn timed_out_message(uri: &Uri, line: usize, budget: u64) -> String {
    let name = file_path(uri).map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
    format!(
        "{name} is not checked from line {line} on: the time budget of {budget} ms ran out. To \
         check all of it, raise `time-budget-ms` in .factlint.toml (0: no limit)."
    )
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Backend {
        Backend {
            inner: Arc::new(Inner {
                client,
                state: Mutex::new(State::default()),
                publish: tokio::sync::Mutex::new(()),
                watching: tokio::sync::Mutex::new(()),
                db_watches: Mutex::new(HashSet::new()),
                corpus_failed: Mutex::new(HashSet::new()),
                permits: Semaphore::new(2),
                shutdown,
                pending_logs: Mutex::new(Vec::new()),
                over_limit: Mutex::new(HashSet::new()),
                timed_out: Mutex::new(HashSet::new()),
                memo: Arc::default(),
            }),
        }
    }
}

impl Inner {
    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    async fn log(&self, typ: MessageType, msg: impl std::fmt::Display) {
        self.client
            .log_message(typ, format!("factlint: {msg}"))
            .await;
    }

    /// Schedules a check of one document in the background.
    fn schedule(self: &Arc<Self>, uri: Uri) {
        let this = Arc::clone(self);
        tokio::spawn(async move { this.check(uri).await });
    }

    fn schedule_all(self: &Arc<Self>) {
        let uris: Vec<Uri> = self.state().docs.keys().cloned().collect();
        for uri in uris {
            self.schedule(uri);
        }
    }

    /// A snapshot of the document if it is at `version` (any version when `None`) and the
    /// corpus is ready.
    fn snapshot(&self, uri: &Uri, version: Option<i32>) -> Option<Snapshot> {
        let st = self.state();
        let doc = st.docs.get(uri)?;
        if version.is_some_and(|v| v != doc.version) {
            return None;
        }
        // Until its corpus is loaded, a document waits (the load re-checks it).
        let corpus = st.corpus_for(&doc.key)?;
        Some(Snapshot {
            rope: doc.rope.clone(),
            version: doc.version,
            generation: st.generation,
            path: doc.engine_path(),
            not_a_draft: doc
                .path
                .as_deref()
                .is_some_and(|p| doc.config.never_a_draft(p)),
            config: Arc::clone(&doc.config),
            corpus,
            memo: Arc::clone(&self.memo),
        })
    }

    /// Analyses a snapshot off the async threads; `None` if the engine panicked.
    async fn run_analysis(
        self: &Arc<Self>,
        snap: Snapshot,
    ) -> Option<(Snapshot, Arc<Pending>, Option<usize>)> {
        let _permit = self.permits.acquire().await.ok()?;
        match tokio::task::spawn_blocking(move || {
            let (pending, unchecked) = analyze(&snap);
            (snap, pending, unchecked)
        })
        .await
        {
            Ok(r) => Some(r),
            Err(e) => {
                self.log(MessageType::ERROR, format!("analysis failed: {e}"))
                    .await;
                None
            }
        }
    }

    /// Debounces, analyses the current version and publishes unless a newer version or
    /// configuration arrived meanwhile.
    async fn check(self: Arc<Self>, uri: Uri) {
        let (version, debounce) = {
            let st = self.state();
            let Some(doc) = st.docs.get(&uri) else { return };
            (doc.version, doc.config.debounce_ms)
        };
        if debounce > 0 {
            tokio::time::sleep(Duration::from_millis(debounce)).await;
        }
        // A newer edit has its own task; analysing this version would be wasted.
        let Some(snap) = self.snapshot(&uri, Some(version)) else {
            return;
        };
        let Some((snap, pending, unchecked)) = self.run_analysis(snap).await else {
            return;
        };
        // A database corpus that stopped answering during the check gave part of its answers:
        // the diagnostics last published stay until it is back (its watch reloads it then).
        let failed = snap.corpus.failure().map(|why| {
            format!(
                "{why}; the diagnostics of {} are from the last complete check",
                uri.as_str()
            )
        });
        let is_failed = failed.is_some();
        self.tell_once(&self.corpus_failed, &uri, failed).await;
        if is_failed {
            return;
        }
        let (over, limit) = (over_limit(&snap), snap.config.max_document_bytes);
        let snap_budget = snap.config.time_budget_ms;
        let _publishing = self.publish.lock().await;
        let stale = |st: &State| {
            st.docs.get(&uri).map(|d| d.version) != Some(snap.version)
                || st.generation != snap.generation
        };
        let (findings, keys, enc) = {
            let st = self.state();
            if stale(&st) {
                return;
            }
            let (findings, keys) = shown(&st, &pending);
            (findings, keys, st.encoding)
        };
        // Converted without holding the state: edits keep arriving meanwhile.
        let diagnostics: Vec<Diagnostic> = findings
            .iter()
            .map(|f| view::diagnostic(&snap.rope, f, snap.version, enc))
            .collect();
        {
            let mut st = self.state();
            if stale(&st) {
                return;
            }
            st.checked.insert(
                uri.clone(),
                Checked {
                    version: snap.version,
                    generation: snap.generation,
                    rope: snap.rope,
                    findings,
                    keys,
                    pending,
                },
            );
        }
        // Before the (empty) diagnostics, so that a client holding them has the warning too.
        self.tell_over_limit(&uri, over, limit).await;
        let budget = snap_budget;
        let message = unchecked.map(|line| timed_out_message(&uri, line, budget));
        self.tell_once(&self.timed_out, &uri, message).await;
        self.client
            .publish_diagnostics(uri, diagnostics, Some(version))
            .await;
    }

    /// Warns once (`window/showMessage`) when a document is over the size limit, not on every
    /// keystroke: again only once it fit in between or was closed.
    async fn tell_over_limit(&self, uri: &Uri, size: Option<usize>, limit: usize) {
        let message = size.map(|size| over_limit_message(uri, size, limit));
        self.tell_once(&self.over_limit, uri, message).await;
    }

    /// Shows `message` (a limit hit for `uri`) unless `told` says the user has seen it since
    /// the limit was last not hit; `None` (not hit) re-arms the warning.
    async fn tell_once(&self, told: &Mutex<HashSet<Uri>>, uri: &Uri, message: Option<String>) {
        let first = {
            let mut told = lock(told);
            match message {
                Some(_) => told.insert(uri.clone()),
                None => {
                    told.remove(uri);
                    false
                }
            }
        };
        if let (Some(message), true) = (message, first) {
            self.log(MessageType::WARNING, &message).await;
            self.client
                .show_message(MessageType::WARNING, format!("factlint: {message}"))
                .await;
        }
    }

    /// The findings for the document's current version: the published ones when they are
    /// current, else a fresh analysis (not published).
    async fn current(self: &Arc<Self>, uri: &Uri) -> Option<Current> {
        let snap = {
            let st = self.state();
            let doc = st.docs.get(uri)?;
            let markdown = DocKind::from_path(doc.engine_path().as_deref()) == DocKind::Markdown;
            if let Some(c) = st.checked.get(uri) {
                if c.version == doc.version && c.generation == st.generation {
                    return Some(Current {
                        rope: c.rope.clone(),
                        markdown,
                        version: c.version,
                        encoding: st.encoding,
                        findings: c.findings.clone(),
                        pending: Arc::clone(&c.pending),
                    });
                }
            }
            drop(st);
            (self.snapshot(uri, None)?, markdown)
        };
        let (snap, markdown) = snap;
        let (snap, pending, _) = self.run_analysis(snap).await?;
        let st = self.state();
        let (findings, _) = shown(&st, &pending);
        Some(Current {
            rope: snap.rope,
            markdown,
            version: snap.version,
            encoding: st.encoding,
            findings,
            pending,
        })
    }

    /// The findings of `pending` that `wanted` marks, less the ignored ones, with their keys
    /// and their fixes re-checked (off the async threads; the verdict memo makes a second ask
    /// cheap); `None` if the engine panicked.
    async fn rechecked(
        self: &Arc<Self>,
        pending: Arc<Pending>,
        wanted: Vec<bool>,
    ) -> Option<(Vec<Finding>, Vec<IgnoreKey>)> {
        let _permit = self.permits.acquire().await.ok()?;
        let path = pending.path.clone();
        let (findings, keys) =
            match tokio::task::spawn_blocking(move || pending.rechecked(&wanted)).await {
                Ok(r) => r,
                Err(e) => {
                    self.log(MessageType::ERROR, format!("re-checking fixes failed: {e}"))
                        .await;
                    return None;
                }
            };
        Some(self.state().filter_ignored(path.as_deref(), findings, keys))
    }

    /// Asks the client for the `factlint` settings section (with a timeout).
    async fn fetch_client_settings(&self) {
        let (supported, scope) = {
            let st = self.state();
            (
                st.caps.configuration,
                st.root.as_ref().and_then(Uri::from_file_path),
            )
        };
        if !supported {
            return;
        }
        let item = ConfigurationItem {
            scope_uri: scope,
            section: Some("factlint".to_string()),
        };
        match tokio::time::timeout(CLIENT_TIMEOUT, self.client.configuration(vec![item])).await {
            Ok(Ok(values)) => {
                let value = values.into_iter().next().unwrap_or(Value::Null);
                let (settings, problems) = Settings::from_json(&value);
                for p in problems {
                    self.log(MessageType::WARNING, p).await;
                }
                self.state().client_settings = settings;
            }
            Ok(Err(e)) => {
                self.log(
                    MessageType::WARNING,
                    format!("workspace/configuration failed: {e}"),
                )
                .await
            }
            Err(_) => {
                self.log(MessageType::WARNING, "workspace/configuration timed out")
                    .await
            }
        }
    }

    /// Resolves every open document's configuration again (settings, workspace folders or a
    /// `.factlint.toml` changed), tells the user about configuration errors and drafts without
    /// a corpus, loads the corpora now named, drops those no longer used, and re-checks.
    async fn apply_config(self: &Arc<Self>) {
        let (errors, unconfigured) = {
            let mut st = self.state();
            let uris: Vec<Uri> = st.docs.keys().cloned().collect();
            let mut errors = Vec::new();
            let mut unconfigured = Vec::new();
            for uri in uris {
                let path = st.docs.get(&uri).and_then(|d| d.path.clone());
                let (config, error) = st.resolve(path.as_deref());
                errors.extend(error);
                unconfigured.extend(st.unconfigured(&config, path.as_deref()));
                if let Some(doc) = st.docs.get_mut(&uri) {
                    doc.key = CorpusKey::of(&config);
                    doc.config = config;
                }
            }
            // Errors of the folders' own configurations too.
            for f in st.folders.clone() {
                errors.extend(st.resolve(Some(&f)).1);
            }
            errors.sort();
            errors.dedup();
            let now: HashSet<String> = errors.iter().cloned().collect();
            let new: Vec<String> = errors
                .into_iter()
                .filter(|e| !st.told_errors.contains(e))
                .collect();
            st.told_errors = now;
            st.generation += 1;
            (new, unconfigured)
        };
        self.tell(errors, unconfigured).await;
        self.ensure_corpora().await;
        self.schedule_all();
    }

    /// Shows configuration errors (as errors) and "no corpus configured" notes (as information).
    async fn tell(&self, errors: Vec<String>, unconfigured: Vec<String>) {
        for e in errors {
            self.log(MessageType::ERROR, &e).await;
            self.client
                .show_message(MessageType::ERROR, format!("factlint: {e}"))
                .await;
        }
        for n in unconfigured {
            self.log(MessageType::INFO, &n).await;
            self.client
                .show_message(MessageType::INFO, format!("factlint: {n}"))
                .await;
        }
    }

    /// `factlint.addSource`: fetches or reads each argument (URL or file), saves its items into
    /// the first corpus folder of the story (the configuration of the draft whose URI is among
    /// the arguments, else of the only story open), reloads that corpus (which re-checks its
    /// drafts) and answers `{"saved": [{"path", "action", "note"}], "errors": [..]}`.
    async fn add_sources(self: &Arc<Self>, args: &[LSPAny]) -> Result<Option<LSPAny>> {
        let strings: Vec<String> = args
            .iter()
            .filter_map(|a| a.as_str().map(str::to_string))
            .collect();
        let dir = {
            let mut st = self.state();
            // A draft named among the arguments picks the story; else the only story open.
            let named = strings.iter().find_map(|a| {
                let uri: Uri = a.parse().ok()?;
                st.docs.get(&uri).map(|d| Arc::clone(&d.config))
            });
            let config = named.or_else(|| {
                let wanted = st.wanted();
                let mut configs = wanted.values();
                match (configs.next(), configs.next()) {
                    (Some(c), None) => Some(Arc::clone(c)),
                    _ => None,
                }
            });
            config.and_then(|c| crate::corpus::add::corpus_folder(&c.corpus))
        };
        let inputs: Vec<String> = strings
            .into_iter()
            .filter(|a| {
                a.parse::<Uri>()
                    .map_or(true, |u| !self.state().docs.contains_key(&u))
            })
            .collect();
        if inputs.is_empty() {
            return Err(Error::invalid_params("give a URL or file to add"));
        }
        let Some(dir) = dir else {
            return Err(Error::invalid_params(
                "no corpus folder for this draft (corpus = [...] in its .factlint.toml; with several stories open, pass the draft's URI)",
            ));
        };
        let result = tokio::task::spawn_blocking(move || {
            use crate::corpus::add;
            let opts = crate::corpus::fetch::FetchOptions::default();
            let retrieved = add::now();
            let (mut saved, mut errors) = (Vec::new(), Vec::new());
            for input in &inputs {
                match add::read_source(input, &opts) {
                    Ok((_, items)) => {
                        for item in &items {
                            match add::save(item, &dir, &retrieved) {
                                Ok(s) => saved.push(serde_json::json!({
                                    "path": s.path.display().to_string(),
                                    "action": format!("{:?}", s.action).to_lowercase(),
                                    "note": s.note,
                                })),
                                Err(e) => errors.push(e),
                            }
                        }
                    }
                    Err(e) => errors.push(e),
                }
            }
            serde_json::json!({"saved": saved, "errors": errors})
        })
        .await
        .map_err(|_| Error::internal_error())?;
        let saved: Vec<PathBuf> = result["saved"]
            .as_array()
            .map(|s| {
                s.iter()
                    .filter_map(|x| x["path"].as_str().map(PathBuf::from))
                    .collect()
            })
            .unwrap_or_default();
        if !saved.is_empty() {
            self.reload_corpora_of(&saved).await;
        }
        Ok(Some(result))
    }

    /// Starts loading every corpus in use that is not held yet, drops those no document or
    /// workspace folder uses, and watches what is held.
    async fn ensure_corpora(self: &Arc<Self>) {
        let (loads, changed) = {
            let mut st = self.state();
            let wanted = st.wanted();
            let before = st.corpora.len();
            st.corpora.retain(|k, _| wanted.contains_key(k));
            let dropped = st.corpora.len() != before;
            let mut loads = Vec::new();
            for (key, config) in wanted {
                if st.corpora.contains_key(&key) {
                    continue;
                }
                st.loads += 1;
                let id = st.loads;
                st.corpora.insert(
                    key.clone(),
                    Slot {
                        corpus: None,
                        load: id,
                    },
                );
                // Where the load keeps its analysis: the first configuration naming the corpus
                // decides (the cache never changes what is loaded).
                loads.push((key, id, config.effective_cache_dir()));
            }
            let changed = dropped || !loads.is_empty();
            (loads, changed)
        };
        if changed {
            self.register_watchers().await;
        }
        for (key, id, cache) in loads {
            let this = Arc::clone(self);
            tokio::spawn(async move { this.load_corpus(key, id, cache).await });
        }
    }

    /// Loads the corpora that `changed` (a file) belongs to again.
    async fn reload_corpora_of(self: &Arc<Self>, changed: &[PathBuf]) {
        let loads: Vec<(CorpusKey, u64, Option<PathBuf>)> = {
            let mut st = self.state();
            let mut keys: Vec<CorpusKey> = changed.iter().flat_map(|p| st.corpora_of(p)).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .map(|k| {
                    st.loads += 1;
                    let id = st.loads;
                    if let Some(slot) = st.corpora.get_mut(&k) {
                        slot.load = id;
                    }
                    let cache = st.wanted().get(&k).and_then(|c| c.effective_cache_dir());
                    (k, id, cache)
                })
                .collect()
        };
        for (key, id, cache) in loads {
            self.load_corpus(key, id, cache).await;
        }
    }

    /// Watches a database corpus for ingests (once per corpus): each one, and each reconnection
    /// after the database was away, loads it again, which re-checks the open drafts. The watch
    /// ends when the corpus is no longer held.
    fn watch_database(self: &Arc<Self>, key: CorpusKey, url: String) {
        {
            let Ok(mut w) = self.db_watches.lock() else {
                return;
            };
            if !w.insert(key.clone()) {
                return;
            }
        }
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
        tokio::spawn(crate::corpus::store::postgres::watch(
            url,
            tx,
            std::time::Duration::from_secs(2),
        ));
        let this = Arc::clone(self);
        tokio::spawn(async move {
            while rx.recv().await.is_some() {
                // Several notifications in a row (one per ingest batch) load once.
                while rx.try_recv().is_ok() {}
                let id = {
                    let mut st = this.state();
                    if !st.corpora.contains_key(&key) {
                        break;
                    }
                    st.loads += 1;
                    let id = st.loads;
                    if let Some(slot) = st.corpora.get_mut(&key) {
                        slot.load = id;
                    }
                    id
                };
                this.load_corpus(key.clone(), id, None).await;
            }
            if let Ok(mut w) = this.db_watches.lock() {
                w.remove(&key);
            }
        });
    }

    /// Loads every corpus held again from its files ("Re-index corpus"), in the background.
    async fn reindex(self: &Arc<Self>) {
        let loads: Vec<(CorpusKey, u64, Option<PathBuf>)> = {
            let mut st = self.state();
            let wanted = st.wanted();
            let keys: Vec<CorpusKey> = st.corpora.keys().cloned().collect();
            keys.into_iter()
                .filter(|k| !k.is_empty())
                .map(|k| {
                    st.loads += 1;
                    let id = st.loads;
                    if let Some(slot) = st.corpora.get_mut(&k) {
                        slot.load = id;
                    }
                    let cache = wanted.get(&k).and_then(|c| c.effective_cache_dir());
                    (k, id, cache)
                })
                .collect()
        };
        for (key, id, cache) in loads {
            let this = Arc::clone(self);
            tokio::spawn(async move { this.load_corpus(key, id, cache).await });
        }
    }

    /// Loads one corpus in the background with work-done progress, installs it unless a newer
    /// load of it started or it was dropped meanwhile, then re-checks the documents using it.
    async fn load_corpus(
        self: &Arc<Self>,
        key: CorpusKey,
        load_id: u64,
        cache_dir: Option<PathBuf>,
    ) {
        let progress_supported = self.state().caps.work_done_progress;
        let (paths, lang, store) = (key.paths.clone(), key.lang, key.store);
        let mut progress = None;
        if progress_supported && !paths.is_empty() {
            let token = NumberOrString::String(format!("factlint/index/{load_id}"));
            let create =
                self.client
                    .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                        token: token.clone(),
                    });
            if let Ok(Ok(())) = tokio::time::timeout(CLIENT_TIMEOUT, create).await {
                let p = self
                    .client
                    .progress(token, "factlint: indexing corpus")
                    .with_message(key.describe())
                    .with_percentage(0);
                progress = Some(p.begin().await);
            }
        }
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, usize)>();
        let (url, trusted) = (key.url.clone(), key.url_trusted);
        let task = tokio::task::spawn_blocking(move || {
            if let Some(url) = url {
                // A database corpus: only one the user allows (environment, user config).
                use crate::corpus::store::postgres;
                let allowed = if trusted {
                    Ok(())
                } else {
                    postgres::allowed(&url)
                };
                return match allowed.and_then(|()| postgres::open_corpus(&url, lang)) {
                    Ok(opened) => opened,
                    Err(e) => {
                        let mut report = corpus::LoadReport::default();
                        report.notes.push(e);
                        (Corpus::empty(), report)
                    }
                };
            }
            let report = move |done: usize, total: usize| {
                let _ = tx.send((done, total));
            };
            let opts = LoadOptions {
                lang,
                progress: Some(&report),
                cache_dir,
            };
            // As `factlint check` opens it (`store` in `.factlint.toml`).
            corpus::store::open(store, &paths, &opts)
        });
        let mut last = 0;
        while let Some((done, total)) = rx.recv().await {
            let pct = u32::try_from(done * 100 / total.max(1)).unwrap_or(100);
            if let Some(p) = &progress {
                if pct != last {
                    last = pct;
                    p.report_with_message(format!("{done}/{total} files"), pct)
                        .await;
                }
            }
        }
        let loaded = match task.await {
            Ok(r) => Some(r),
            Err(e) => {
                self.log(MessageType::ERROR, format!("corpus loading failed: {e}"))
                    .await;
                None
            }
        };
        let Some((corpus, report)) = loaded else {
            if let Some(p) = progress {
                p.finish_with_message("failed").await;
            }
            // Its drafts are not left waiting: they are checked without a corpus.
            let installed = {
                let mut st = self.state();
                match st.corpora.get_mut(&key) {
                    Some(slot) if slot.load == load_id && slot.corpus.is_none() => {
                        slot.corpus = Some(Arc::new(Corpus::empty()));
                        st.generation += 1;
                        true
                    }
                    _ => false,
                }
            };
            if installed {
                self.schedule_all();
            }
            return;
        };
        if key.url.is_some() && report.loaded == 0 {
            // A database that cannot be read now: its drafts keep the last state it gave.
            let kept = {
                let st = self.state();
                st.corpora
                    .get(&key)
                    .and_then(|slot| slot.corpus.as_ref())
                    .is_some_and(|c| !c.is_empty())
            };
            if kept {
                let why = report.notes.join("; ");
                self.log(
                    MessageType::WARNING,
                    format!("{why}; drafts keep the corpus as last read"),
                )
                .await;
                if let Some(p) = progress {
                    p.finish_with_message("failed").await;
                }
                return;
            }
        }
        for s in &report.skipped {
            self.log(
                MessageType::WARNING,
                format!("corpus: skipped {}: {}", s.path.display(), s.reason),
            )
            .await;
        }
        for n in &report.notes {
            self.log(MessageType::WARNING, n.clone()).await;
        }
        let summary = format!(
            "indexed {} corpus documents ({} from cache, {} skipped) from {}",
            report.loaded,
            report.from_cache,
            report.skipped.len(),
            key.describe()
        );
        let (installed, from) = {
            let mut st = self.state();
            let from = st
                .docs
                .values()
                .find(|d| d.key == key)
                .and_then(|d| d.config.path.clone());
            match st.corpora.get_mut(&key) {
                Some(slot) if slot.load == load_id => {
                    slot.corpus = Some(Arc::new(corpus));
                    st.generation += 1;
                    (true, from)
                }
                _ => (false, from),
            }
        };
        if let Some(p) = progress {
            p.finish_with_message(summary.clone()).await;
        }
        if !installed {
            return;
        }
        self.log(MessageType::INFO, summary).await;
        // Watched only where connecting is allowed; a database away now is watched too, so that
        // its drafts are checked against it once it is back.
        if let Some(url) = key
            .url
            .clone()
            .filter(|u| key.url_trusted || crate::corpus::store::postgres::allowed(u).is_ok())
        {
            self.watch_database(key.clone(), url);
        }
        // A corpus that cannot be what the user meant is said, not only logged: the drafts
        // using it are checked for unsourced claims only.
        if let Some(e) = crate::workspace::corpus_error(&key, &report, from.as_deref()) {
            let message = format!("{e}; drafts using it are checked without a corpus");
            self.log(MessageType::WARNING, &message).await;
            self.client
                .show_message(MessageType::WARNING, format!("factlint: {message}"))
                .await;
        }
        // Installing bumped the generation, which makes every check in flight stale (also of
        // drafts on other corpora): all are checked again (the memo keeps that cheap).
        self.schedule_all();
    }

    /// Registers file watchers for the config, the ignore file and the corpus, if the client
    /// supports dynamic registration.
    async fn register_watchers(&self) {
        let _one_at_a_time = self.watching.lock().await;
        let (old, id, watchers) = {
            let mut st = self.state();
            if !st.caps.watch_dynamic {
                return;
            }
            let relative = st.caps.watch_relative;
            let mut globs = vec![
                GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                GlobPattern::String(format!("**/{IGNORE_FILE}")),
            ];
            let mut paths: Vec<&PathBuf> = st.corpora.keys().flat_map(|k| &k.paths).collect();
            paths.sort();
            paths.dedup();
            for p in paths {
                globs.push(watch_glob(p, relative));
            }
            st.loads += 1;
            let id = format!("factlint-watch-{}", st.loads);
            let old = st.watch_registration.replace(id.clone());
            let watchers: Vec<FileSystemWatcher> = globs
                .into_iter()
                .map(|g| FileSystemWatcher {
                    glob_pattern: g,
                    kind: None,
                })
                .collect();
            (old, id, watchers)
        };
        if let Some(old) = old {
            let un = Unregistration {
                id: old,
                method: "workspace/didChangeWatchedFiles".to_string(),
            };
            let _ =
                tokio::time::timeout(CLIENT_TIMEOUT, self.client.unregister_capability(vec![un]))
                    .await;
        }
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let reg = Registration {
            id,
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        match tokio::time::timeout(CLIENT_TIMEOUT, self.client.register_capability(vec![reg])).await
        {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                self.log(MessageType::WARNING, format!("cannot watch files: {e}"))
                    .await
            }
            Err(_) => {
                self.log(MessageType::WARNING, "registering file watchers timed out")
                    .await
            }
        }
    }

    async fn startup(self: Arc<Self>) {
        self.fetch_client_settings().await;
        self.register_watchers().await;
        self.apply_config().await;
    }

    async fn ignore(self: &Arc<Self>, arg: Option<&Value>) -> Result<()> {
        let key = arg
            .and_then(|a| a.get("key"))
            .and_then(|k| serde_json::from_value::<IgnoreKey>(k.clone()).ok())
            .ok_or_else(|| Error::invalid_params("expected {\"uri\", \"key\"}"))?;
        // Kept in the workspace folder of the document the finding is in.
        let uri = arg
            .and_then(|a| a.get("uri"))
            .and_then(|u| u.as_str())
            .and_then(|s| s.parse::<Uri>().ok());
        let ignores = {
            let mut st = self.state();
            let path = uri.as_ref().and_then(file_path);
            let folder = st.ignores_folder(path.as_deref());
            let ignores = st.ignores.entry(folder).or_default();
            ignores.keys.insert(key);
            let ignores = ignores.clone();
            st.generation += 1;
            ignores
        };
        if let Err(e) = tokio::task::spawn_blocking(move || ignores.save())
            .await
            .unwrap_or(Ok(()))
        {
            self.log(
                MessageType::WARNING,
                format!("cannot save ignored findings: {e}"),
            )
            .await;
        }
        self.schedule_all();
        Ok(())
    }
}

/// The watcher glob for a corpus folder, file or glob.
fn watch_glob(p: &Path, relative: bool) -> GlobPattern {
    let s = p.to_string_lossy().to_string();
    if s.contains(['*', '?', '[']) {
        if relative {
            if let (Some(root), Some(uri)) = (
                glob_root(p),
                glob_root(p).as_deref().and_then(Uri::from_file_path),
            ) {
                let rest = p
                    .strip_prefix(&root)
                    .map(|r| r.to_string_lossy().to_string())
                    .unwrap_or(s.clone());
                return GlobPattern::Relative(RelativePattern {
                    base_uri: OneOf::Right(uri),
                    pattern: rest,
                });
            }
        }
        return GlobPattern::String(s);
    }
    if p.is_file() {
        return GlobPattern::String(s);
    }
    match Uri::from_file_path(p) {
        Some(uri) if relative => GlobPattern::Relative(RelativePattern {
            base_uri: OneOf::Right(uri),
            pattern: "**/*".to_string(),
        }),
        _ => GlobPattern::String(format!("{}/**/*", s.trim_end_matches('/'))),
    }
}

/// The workspace folders (`workspaceFolders`, else `rootUri`, else `rootPath`).
fn folders_of(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| file_path(&f.uri))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref().and_then(file_path);
    #[allow(deprecated)]
    let root_path = params.root_path.as_ref().map(PathBuf::from);
    root_uri.or(root_path).into_iter().collect()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let ws = caps.workspace.as_ref();
        let watch = ws.and_then(|w| w.did_change_watched_files.as_ref());
        let client_caps = ClientCaps {
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            watch_dynamic: watch.and_then(|w| w.dynamic_registration).unwrap_or(false),
            watch_relative: watch
                .and_then(|w| w.relative_pattern_support)
                .unwrap_or(false),
        };
        let folders = folders_of(&params);
        let root = folders.first().cloned();
        let mut logs = Vec::new();
        let (settings, problems) = match &params.initialization_options {
            Some(v) => Settings::from_json(v),
            None => (Settings::default(), Vec::new()),
        };
        logs.extend(problems.into_iter().map(|p| (MessageType::WARNING, p)));
        let mut ignores = HashMap::new();
        for f in &folders {
            let (loaded, problem) = Ignores::load(Some(f));
            logs.extend(problem.map(|p| (MessageType::WARNING, p)));
            ignores.insert(f.clone(), loaded);
        }
        {
            let mut st = self.inner.state();
            st.encoding = encoding;
            st.caps = client_caps;
            st.root = root;
            st.folders = folders;
            st.init_settings = settings;
            st.ignores = ignores;
        }
        lock(&self.inner.pending_logs).extend(logs);
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                        ..CodeActionOptions::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![
                        view::IGNORE_COMMAND.to_string(),
                        view::FIGURES_COMMAND.to_string(),
                        view::ADD_SOURCE_COMMAND.to_string(),
                        view::CORPUS_COMMAND.to_string(),
                        view::REINDEX_COMMAND.to_string(),
                    ],
                    ..ExecuteCommandOptions::default()
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "factlint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let logs = std::mem::take(&mut *lock(&self.inner.pending_logs));
        tokio::spawn(Arc::clone(&self.inner).startup());
        for (typ, msg) in logs {
            self.inner.log(typ, msg).await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.inner.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let path = file_path(&td.uri);
        let (error, unconfigured) = {
            let mut st = self.inner.state();
            let (config, error) = st.resolve(path.as_deref());
            let unconfigured = st.unconfigured(&config, path.as_deref());
            let error = error.filter(|e| st.told_errors.insert(e.clone()));
            let doc = Doc {
                rope: Rope::from_str(&td.text),
                version: td.version,
                language_id: td.language_id,
                path,
                key: CorpusKey::of(&config),
                config,
            };
            st.docs.insert(td.uri.clone(), doc);
            (error, unconfigured)
        };
        self.inner.schedule(td.uri);
        // The story's corpus is loaded when its first draft opens.
        let this = Arc::clone(&self.inner);
        tokio::spawn(async move {
            this.tell(
                error.into_iter().collect(),
                unconfigured.into_iter().collect(),
            )
            .await;
            this.ensure_corpora().await;
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let known = {
            let mut st = self.inner.state();
            let enc = st.encoding;
            match st.docs.get_mut(&uri) {
                Some(doc) => {
                    for change in &params.content_changes {
                        convert::apply_change(&mut doc.rope, change, enc);
                    }
                    doc.version = params.text_document.version;
                    true
                }
                None => false,
            }
        };
        if known {
            self.inner.schedule(uri);
        } else {
            self.inner
                .log(
                    MessageType::WARNING,
                    format!(
                        "didChange for a document that is not open: {}",
                        uri.as_str()
                    ),
                )
                .await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut st = self.inner.state();
            st.docs.remove(&uri);
            st.checked.remove(&uri);
        }
        lock(&self.inner.over_limit).remove(&uri);
        lock(&self.inner.timed_out).remove(&uri);
        {
            let _publishing = self.inner.publish.lock().await;
            self.inner
                .client
                .publish_diagnostics(uri, Vec::new(), None)
                .await;
        }
        // Corpora no open draft uses are dropped.
        let this = Arc::clone(&self.inner);
        tokio::spawn(async move { this.ensure_corpora().await });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let inline = params.settings.get("factlint").cloned();
        let mut problems = Vec::new();
        // The client may not watch files: configuration files are read again too.
        self.inner.state().configs.reload_all();
        if let Some(v) = &inline {
            let (settings, p) = Settings::from_json(v);
            problems = p;
            self.inner.state().client_settings = settings;
        }
        let this = Arc::clone(&self.inner);
        tokio::spawn(async move {
            for p in problems {
                this.log(MessageType::WARNING, p).await;
            }
            if inline.is_none() {
                this.fetch_client_settings().await;
            }
            this.apply_config().await;
        });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let (mut config, mut ignores) = (false, false);
        let mut corpus = Vec::new();
        {
            let mut st = self.inner.state();
            for ch in &params.changes {
                let Some(path) = file_path(&ch.uri) else {
                    continue;
                };
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                if name == crate::config::FILE_NAME {
                    // Read again now; an error is shown by `apply_config`, the last good
                    // version stays in force.
                    st.configs.reload(&path);
                    config = true;
                } else if name == IGNORE_FILE {
                    ignores = true;
                } else if !st.corpora_of(&path).is_empty() {
                    corpus.push(path);
                }
            }
        }
        if ignores {
            let mut st = self.inner.state();
            ignores = false;
            for folder in st.folders.clone() {
                let (loaded, _) = Ignores::load(Some(&folder));
                if st.ignores.get(&folder).map(|i| &i.keys) != Some(&loaded.keys) {
                    st.ignores.insert(folder, loaded);
                    ignores = true;
                }
            }
            if ignores {
                st.generation += 1;
            }
        }
        let this = Arc::clone(&self.inner);
        tokio::spawn(async move {
            if config {
                this.apply_config().await;
            }
            if !corpus.is_empty() {
                this.reload_corpora_of(&corpus).await;
            } else if ignores && !config {
                this.schedule_all();
            }
        });
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut st = self.inner.state();
            for f in &params.event.removed {
                if let Some(p) = file_path(&f.uri) {
                    st.folders.retain(|x| *x != p);
                    st.ignores.remove(&p);
                }
            }
            for f in &params.event.added {
                if let Some(p) = file_path(&f.uri) {
                    if !st.folders.contains(&p) {
                        let (loaded, _) = Ignores::load(Some(&p));
                        st.ignores.insert(p.clone(), loaded);
                        st.folders.push(p);
                    }
                }
            }
            st.root = st.folders.first().cloned();
            st.generation += 1;
        }
        let this = Arc::clone(&self.inner);
        tokio::spawn(async move { this.apply_config().await });
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        if let Some(only) = &params.context.only {
            if !only
                .iter()
                .any(|k| k == &CodeActionKind::QUICKFIX || k.as_str().is_empty())
            {
                return Ok(None);
            }
        }
        let uri = params.text_document.uri;
        let Some(cur) = self.inner.current(&uri).await else {
            return Ok(None);
        };
        let target = view::Target {
            uri: &uri,
            rope: &cur.rope,
            version: cur.version,
            enc: cur.encoding,
            markdown: cur.markdown,
        };
        // Only the fixes of the findings in the range are re-checked, now.
        let want = convert::range_to_span(&cur.rope, params.range, cur.encoding);
        let wanted: Vec<bool> = cur
            .pending
            .findings()
            .iter()
            .map(|f| touches(f.span, want.start, want.end))
            .collect();
        let Some((findings, keys)) = self.inner.rechecked(cur.pending, wanted).await else {
            return Ok(None);
        };
        let actions = view::code_actions(&target, &findings, &keys, params.range);
        Ok(Some(actions))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(cur) = self.inner.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let offset = convert::position_to_byte(&cur.rope, p.position, cur.encoding);
        let found = view::hover(&cur.rope, &cur.findings, offset, cur.encoding);
        // The figure's quantity in the map, with its variants (computed off the async threads;
        // the corpus memoises the matching).
        let quantity = match self.inner.snapshot(&p.text_document.uri, None) {
            Some(snap) if !snap.not_a_draft => tokio::task::spawn_blocking(move || {
                let text = snap.rope.to_string();
                crate::analysis::figure_at(
                    &snap.corpus,
                    &text,
                    snap.path.as_deref(),
                    &snap.config,
                    offset,
                )
            })
            .await
            .ok()
            .flatten(),
            _ => None,
        };
        Ok(view::with_quantity(found, quantity.as_ref()))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some(cur) = self.inner.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let offset = convert::position_to_byte(&cur.rope, p.position, cur.encoding);
        let locations = view::definitions(&cur.findings, offset, cur.encoding);
        Ok(if locations.is_empty() {
            None
        } else {
            Some(GotoDefinitionResponse::Array(locations))
        })
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command == view::IGNORE_COMMAND {
            self.inner.ignore(params.arguments.first()).await?;
            Ok(None)
        } else if params.command == view::REINDEX_COMMAND {
            self.inner.reindex().await;
            Ok(None)
        } else if params.command == view::CORPUS_COMMAND {
            // Argument: a document URI (its story's corpus), or none.
            let uri = params
                .arguments
                .first()
                .and_then(|a| a.as_str())
                .and_then(|s| s.parse::<Uri>().ok());
            let corpus = {
                let mut st = self.inner.state();
                let config = match uri.as_ref().and_then(|u| st.docs.get(u)) {
                    Some(d) => Arc::clone(&d.config),
                    None => {
                        let folder = st.folder_of(None);
                        st.resolve(Some(&folder)).0
                    }
                };
                st.corpus_for(&CorpusKey::of(&config))
            };
            let Some(corpus) = corpus else {
                // Still loading.
                return Err(Error::invalid_request());
            };
            Ok(serde_json::to_value(crate::analysis::corpus_documents(&corpus)).ok())
        } else if params.command == view::FIGURES_COMMAND {
            // Arguments: a document URI (the quantities its figures align to), or none; then
            // optionally a position in it: the answer's `selected` is the id of the quantity
            // the draft figure there aligns to.
            let uri = params
                .arguments
                .first()
                .and_then(|a| a.as_str())
                .and_then(|s| s.parse::<Uri>().ok());
            let at: Option<Position> = params
                .arguments
                .get(1)
                .and_then(|a| serde_json::from_value(a.clone()).ok());
            let snap = {
                let mut st = self.inner.state();
                let doc = uri.as_ref().and_then(|u| st.docs.get(u));
                let draft = doc.map(|d| (d.rope.to_string(), d.engine_path()));
                let offset = doc
                    .zip(at)
                    .map(|(d, p)| convert::position_to_byte(&d.rope, p, st.encoding));
                // The draft's configuration and corpus, else the first workspace folder's.
                let config = match doc {
                    Some(d) => Arc::clone(&d.config),
                    None => {
                        let folder = st.folder_of(None);
                        st.resolve(Some(&folder)).0
                    }
                };
                let key = CorpusKey::of(&config);
                let Some(corpus) = st.corpus_for(&key) else {
                    return Err(Error::invalid_request());
                };
                (corpus, config, draft, offset)
            };
            let (briefing, selected) = tokio::task::spawn_blocking(move || {
                let (corpus, config, draft, offset) = snap;
                let drafts: Vec<(&str, Option<&std::path::Path>)> = draft
                    .iter()
                    .map(|(t, p)| (t.as_str(), p.as_deref()))
                    .collect();
                let briefing = crate::analysis::figures(&corpus, &drafts, &config)?;
                let selected = match (&draft, offset) {
                    (Some((text, path)), Some(offset)) => crate::analysis::selected_quantity(
                        &briefing,
                        &corpus,
                        text,
                        path.as_deref(),
                        &config,
                        offset,
                    ),
                    _ => None,
                };
                Ok::<_, String>((briefing, selected))
            })
            .await
            .map_err(|_| Error::internal_error())?
            .map_err(Error::invalid_params)?;
            let mut value = serde_json::to_value(briefing).map_err(|_| Error::internal_error())?;
            if let (Some(obj), Some(id)) = (value.as_object_mut(), selected) {
                obj.insert("selected".to_string(), LSPAny::String(id));
            }
            Ok(Some(value))
        } else if params.command == view::ADD_SOURCE_COMMAND {
            self.inner.add_sources(&params.arguments).await
        } else {
            Err(Error::invalid_params(format!(
                "unknown command {:?}",
                params.command
            )))
        }
    }
}
