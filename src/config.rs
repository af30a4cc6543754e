//! `.factlint.toml`: corpus paths, languages, per-rule severity and approximator tolerance.

use crate::finding::{RuleId, Severity};
use crate::lang::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the configuration file, searched upward from a draft or workspace.
pub const FILE_NAME: &str = ".factlint.toml";

/// A rule's configured level: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// How far approximators stretch a figure, as a fraction of its value.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Tolerance {
    /// "etwa", "rund", "about", "around": ± this share.
    pub about: f64,
    /// "knapp", "fast", "nearly", "almost": up to this share below.
    pub nearly: f64,
    /// "mehr als", "über", "more than": up to this share above (open-ended claims are still bounded).
    pub more_than: f64,
    /// „gut“, "just over", "a good": up to this share above.
    pub just_over: f64,
}

impl Default for Tolerance {
    fn default() -> Tolerance {
        Tolerance {
            about: 0.075,
            nearly: 0.1,
            more_than: 0.4,
            just_over: 0.2,
        }
    }
}

/// The effective configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The config file this came from, if any.
    pub path: Option<PathBuf>,
    /// Corpus folders, files or globs, resolved against the config file's folder.
    pub corpus: Vec<PathBuf>,
    /// A shared corpus in a database (`corpus = ["postgres://host/db?collection=wire"]`), read
    /// instead of folders (`corpus::store::postgres`). Never with a password: credentials come
    /// from the environment, `~/.pgpass` or a service file.
    pub corpus_url: Option<String>,
    /// Whether the user named `corpus_url` themselves (`--corpus`, editor settings): then it is
    /// connected to without asking; one from a configuration file needs the user's consent
    /// (`corpus::store::postgres::allowed`).
    pub corpus_url_trusted: bool,
    /// Globs of files that are never drafts (walking a folder skips them), resolved like `corpus`.
    pub exclude: Vec<PathBuf>,
    /// The language of drafts that do not say (front matter); `None` detects it.
    pub language: Option<Lang>,
    /// The languages analysed; drafts in others are skipped.
    pub languages: Vec<Lang>,
    pub severity: BTreeMap<RuleId, Level>,
    pub tolerance: Tolerance,
    /// Language-server debounce in milliseconds.
    pub debounce_ms: u64,
    /// Where the corpus cache is kept; `None` uses the user cache folder.
    pub cache_dir: Option<PathBuf>,
    /// Whether the analysed corpus is persisted between runs.
    pub cache: bool,
    /// Where the analysed corpus is kept while checking: loaded into memory, or opened from its
    /// on-disk store in the cache folder (`store = "disk"`), reading only what a draft needs.
    pub store: StoreKind,
    /// Largest document analysed, in bytes.
    pub max_document_bytes: usize,
    /// Time allowed for matching one draft against the corpus, in milliseconds (0: no limit).
    /// When it runs out, the rest of the draft is not checked and the user is told where.
    pub time_budget_ms: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            path: None,
            corpus: Vec::new(),
            corpus_url: None,
            corpus_url_trusted: false,
            exclude: Vec::new(),
            language: None,
            languages: Lang::ALL.to_vec(),
            severity: BTreeMap::new(),
            tolerance: Tolerance::default(),
            debounce_ms: 150,
            cache_dir: None,
            cache: true,
            store: StoreKind::Memory,
            max_document_bytes: 5 * 1024 * 1024,
            time_budget_ms: 10_000,
        }
    }
}

/// Where a corpus is kept while checking (`store` in `.factlint.toml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StoreKind {
    /// Analysed documents loaded into memory (from the cache file when it has them).
    #[default]
    Memory,
    /// The corpus store in the cache folder (`corpus::store`): opened, not loaded.
    Disk,
}

/// A configuration error that names the file, line and key.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    corpus: Option<OneOrMany>,
    exclude: Option<OneOrMany>,
    language: Option<String>,
    languages: Option<Vec<String>>,
    severity: BTreeMap<String, String>,
    tolerance: Option<Tolerance>,
    debounce_ms: Option<u64>,
    cache_dir: Option<String>,
    cache: Option<bool>,
    store: Option<String>,
    max_document_bytes: Option<usize>,
    time_budget_ms: Option<u64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

impl Config {
    /// The level of a rule: its configured one or its default.
    pub fn level(&self, rule: RuleId) -> Level {
        self.severity
            .get(&rule)
            .copied()
            .unwrap_or(Level::On(crate::rules::meta(rule).default_severity))
    }

    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            message: format!("cannot read: {e}"),
        })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut cfg = Config::from_toml(&text, &base).map_err(|message| ConfigError {
            path: path.to_path_buf(),
            message,
        })?;
        cfg.path = Some(path.to_path_buf());
        Ok(cfg)
    }

    /// Parses config text; relative paths are resolved against `base`. Errors name the line
    /// (when the key is found in the text) and the key.
    pub fn from_toml(text: &str, base: &Path) -> Result<Config, String> {
        Config::from_toml_unlocated(text, base).map_err(|e| locate(text, e))
    }

    fn from_toml_unlocated(text: &str, base: &Path) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(l) => format!("line {l}: {}", e.message()),
                None => e.message().to_string(),
            }
        })?;
        let mut cfg = Config::default();
        if let Some(c) = raw.corpus {
            let (urls, paths): (Vec<String>, Vec<String>) = c
                .into_vec()
                .into_iter()
                .partition(|p| crate::corpus::store::postgres::is_database_url(p));
            cfg.corpus = paths.into_iter().map(|p| base.join(p)).collect();
            (cfg.corpus_url, cfg.corpus) = corpus_url(urls, std::mem::take(&mut cfg.corpus))?;
        }
        if let Some(x) = raw.exclude {
            cfg.exclude = x.into_vec().into_iter().map(|p| base.join(p)).collect();
            if let Some(bad) = cfg
                .exclude
                .iter()
                .find(|p| glob::Pattern::new(&p.to_string_lossy()).is_err())
            {
                return Err(format!(
                    "key `exclude`: {:?} is not a valid glob",
                    bad.display().to_string()
                ));
            }
        }
        if let Some(l) = raw.language {
            if l != "auto" {
                cfg.language = Some(Lang::from_code(&l).ok_or_else(|| {
                    format!("key `language`: unknown language {l:?} (use de, en or auto)")
                })?);
            }
        }
        if let Some(ls) = raw.languages {
            cfg.languages = ls
                .iter()
                .map(|l| {
                    Lang::from_code(l)
                        .ok_or_else(|| format!("key `languages`: unknown language {l:?}"))
                })
                .collect::<Result<_, _>>()?;
        }
        for (k, v) in raw.severity {
            let rule = RuleId::from_id(&k).ok_or_else(|| {
                format!("key `severity.{k}`: unknown rule (known: {})", rule_list())
            })?;
            cfg.severity.insert(
                rule,
                parse_level(&v).ok_or_else(|| {
                    format!("key `severity.{k}`: {v:?} is not off, hint, info, warning or error")
                })?,
            );
        }
        if let Some(t) = raw.tolerance {
            cfg.tolerance = t;
        }
        if let Some(d) = raw.debounce_ms {
            cfg.debounce_ms = d;
        }
        cfg.cache_dir = raw.cache_dir.map(|c| base.join(c));
        if let Some(c) = raw.cache {
            cfg.cache = c;
        }
        match raw.store.as_deref() {
            None | Some("memory") => {}
            Some("disk") => cfg.store = StoreKind::Disk,
            Some(other) => {
                return Err(format!(
                    "key `store`: {other:?} is not \"memory\" or \"disk\""
                ))
            }
        }
        if let Some(t) = raw.time_budget_ms {
            cfg.time_budget_ms = t;
        }
        if let Some(m) = raw.max_document_bytes {
            cfg.max_document_bytes = m;
        }
        Ok(cfg)
    }

    /// The corpus cache folder in effect: `None` when caching is off.
    pub fn effective_cache_dir(&self) -> Option<PathBuf> {
        if !self.cache {
            return None;
        }
        self.cache_dir
            .clone()
            .or_else(crate::corpus::cache::default_dir)
    }

    /// Finds `.factlint.toml` in `start` or its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let mut dir = if start.is_file() {
            start.parent()?.to_path_buf()
        } else {
            start.to_path_buf()
        };
        loop {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            if !dir.pop() {
                return None;
            }
        }
    }
}

/// Checks the database corpora among the `corpus` entries: at most one, not together with
/// folders, and without a password.
fn corpus_url(
    urls: Vec<String>,
    paths: Vec<PathBuf>,
) -> Result<(Option<String>, Vec<PathBuf>), String> {
    let Some(url) = urls.first() else {
        return Ok((None, paths));
    };
    if urls.len() > 1 || !paths.is_empty() {
        return Err(
            "key `corpus`: a database corpus is read on its own: name one database URL, or \
             folders and files"
                .into(),
        );
    }
    if crate::corpus::store::postgres::has_password(url) {
        return Err(
            "key `corpus`: the database URL holds a password; passwords do not belong in \
             .factlint.toml: use PGPASSWORD, ~/.pgpass or a service file (PGSERVICE)"
                .into(),
        );
    }
    Ok((Some(url.trim().to_string()), paths))
}

/// Prefixes a "key `a.b`: …" error with the line of the key `b` in `text`, when found.
fn locate(text: &str, e: String) -> String {
    let Some(key) = e
        .strip_prefix("key `")
        .and_then(|r| r.split('`').next())
        .and_then(|k| k.rsplit('.').next())
    else {
        return e;
    };
    let line = text.lines().position(|l| {
        let l = l.trim_start();
        let rest = l
            .strip_prefix(key)
            .or_else(|| l.strip_prefix(&format!("\"{key}\"")));
        rest.is_some_and(|r| r.trim_start().starts_with('='))
    });
    match line {
        Some(n) => format!("line {}: {e}", n + 1),
        None => e,
    }
}

/// Parses `off|hint|info|warning|error`.
pub fn parse_level(s: &str) -> Option<Level> {
    if s.trim().eq_ignore_ascii_case("off") {
        return Some(Level::Off);
    }
    Severity::parse(s).map(Level::On)
}

fn rule_list() -> String {
    RuleId::ALL
        .iter()
        .map(|r| r.id())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_is_memory_by_default_disk_when_asked_and_nothing_else() {
        let base = Path::new("/ws");
        let store = |text: &str| Config::from_toml(text, base).map(|c| c.store);
        assert_eq!(store(""), Ok(StoreKind::Memory));
        assert_eq!(store("store = \"memory\""), Ok(StoreKind::Memory));
        assert_eq!(store("store = \"disk\""), Ok(StoreKind::Disk));
        let e = store("store = \"tantivy\"").err().unwrap_or_default();
        assert!(e.contains("key `store`") && e.contains("line 1"), "{e}");
    }

    #[test]
    fn a_database_corpus_is_kept_as_a_url_alone_and_without_password() {
        let base = Path::new("/ws");
        let cfg = Config::from_toml(
            "corpus = [\"postgres://rep@db/news?collection=wire\"]",
            base,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            cfg.corpus_url.as_deref(),
            Some("postgres://rep@db/news?collection=wire")
        );
        assert!(cfg.corpus.is_empty());
        assert!(!cfg.corpus_url_trusted, "a file's database needs consent");
        let e = Config::from_toml("\ncorpus = \"postgres://rep:pw@db/news\"", base)
            .err()
            .unwrap_or_default();
        assert!(e.contains("password") && e.contains("line 2"), "{e}");
        assert!(!e.contains("pw@"), "{e}");
        let e = Config::from_toml("corpus = [\"postgres://db/news\", \"sources\"]", base)
            .err()
            .unwrap_or_default();
        assert!(e.contains("key `corpus`"), "{e}");
    }

    #[test]
    fn parses_paths_severity_and_language() {
        let cfg = Config::from_toml(
            "corpus = [\"sources\", \"wire/*.md\"]\nlanguage = \"de\"\n[severity]\nunsourced-claim = \"off\"\nnumber-conflict = \"error\"\n",
            Path::new("/ws"),
        )
        .unwrap_or_default();
        assert_eq!(
            cfg.corpus,
            vec![PathBuf::from("/ws/sources"), PathBuf::from("/ws/wire/*.md")]
        );
        assert_eq!(cfg.language, Some(Lang::De));
        assert_eq!(cfg.level(RuleId::UnsourcedClaim), Level::Off);
        assert_eq!(
            cfg.level(RuleId::NumberConflict),
            Level::On(Severity::Error)
        );
    }

    #[test]
    fn tolerance_and_debounce_keys() {
        let cfg = Config::from_toml(
            "debounce-ms = 0
time-budget-ms = 250
[tolerance]
about = 0.2
more-than = 0.3
",
            Path::new("/"),
        )
        .unwrap_or_default();
        assert_eq!(cfg.debounce_ms, 0);
        assert_eq!(cfg.time_budget_ms, 250);
        assert_eq!(cfg.tolerance.about, 0.2);
        assert_eq!(cfg.tolerance.more_than, 0.3);
        assert_eq!(cfg.tolerance.nearly, 0.1);
    }

    #[test]
    fn errors_name_line_and_key() {
        let err = Config::from_toml(
            "corpus = \"a\"\n[severity]\nno-such-rule = \"error\"\n",
            Path::new("."),
        )
        .err()
        .unwrap_or_default();
        assert!(err.contains("severity.no-such-rule"), "{err}");
        assert!(err.starts_with("line 3: "), "{err}");
        let err = Config::from_toml("corpus = [\n", Path::new("."))
            .err()
            .unwrap_or_default();
        assert!(err.starts_with("line "), "{err}");
        let err = Config::from_toml("[severity]\nquote-mismatch = \"loud\"\n", Path::new("."))
            .err()
            .unwrap_or_default();
        assert!(err.contains("quote-mismatch"), "{err}");
        assert!(err.starts_with("line 2: "), "{err}");
        let err = Config::from_toml("exclude = [\"a/[\"]\n", Path::new("."))
            .err()
            .unwrap_or_default();
        assert!(err.starts_with("line 1: key `exclude`"), "{err}");
    }

    #[test]
    fn exclude_globs_resolve_against_the_config_folder() {
        let cfg = Config::from_toml("exclude = \"drafts/old/**\"\n", Path::new("/ws"))
            .unwrap_or_default();
        assert_eq!(cfg.exclude, vec![PathBuf::from("/ws/drafts/old/**")]);
    }
}
