//! Stories in one workspace: which `.factlint.toml` each draft uses, which corpus a configuration
//! reads, and which files of a folder are drafts. The CLI and the language server both decide
//! these here.
//!
//! A draft uses the configuration nearest to it (its folder, then upward), unless one is given for
//! all (`--config`). Drafts whose configurations name the same corpus paths in the same language
//! share one loaded corpus ([`CorpusKey`]). Walking a folder for drafts skips hidden folders,
//! `node_modules` and cache folders, files that are not drafts by their extension, every path
//! that a configuration in scope names as corpus, and its `exclude` globs.

use crate::config::{Config, ConfigError, StoreKind, FILE_NAME};
use crate::lang::Lang;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// What identifies a loaded corpus: the same paths read in the same language give the same
/// documents, so drafts whose configurations agree on both (and on where the corpus is kept)
/// share one corpus.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CorpusKey {
    pub paths: Vec<PathBuf>,
    /// A database corpus (instead of paths).
    pub url: Option<String>,
    /// Whether the user named the database themselves (see `Config::corpus_url_trusted`).
    pub url_trusted: bool,
    pub lang: Option<Lang>,
    /// Where the corpus is kept while checking (`store` in `.factlint.toml`).
    pub store: StoreKind,
}

impl CorpusKey {
    /// The corpus a configuration reads (paths normalised, so that `a/../a/src` is `a/src`).
    pub fn of(config: &Config) -> CorpusKey {
        CorpusKey {
            paths: config.corpus.iter().map(|p| normalize(p)).collect(),
            url: config.corpus_url.clone(),
            url_trusted: config.corpus_url_trusted,
            lang: config.language,
            store: config.store,
        }
    }

    /// Whether no corpus is configured.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.url.is_none()
    }

    /// The paths (or the database) for messages: "a, b".
    pub fn describe(&self) -> String {
        if let Some(u) = &self.url {
            return crate::corpus::store::postgres::redact(u);
        }
        self.paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `p` made absolute (against the current folder) with `.` and `..` resolved lexically
/// (symbolic links are not followed).
pub fn normalize(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `p` relative to the current folder when it lies inside it (reports then name files the way
/// the user named the drafts), else as it is.
pub fn relative_to_cwd(p: &Path) -> PathBuf {
    let cwd = normalize(Path::new("."));
    match normalize(p).strip_prefix(&cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => p.to_path_buf(),
    }
}

fn is_glob(p: &Path) -> bool {
    p.to_string_lossy().contains(['*', '?', '['])
}

/// Whether `path` (normalised) is `entry` or lies under it; for a glob entry, whether the
/// glob matches `path` or one of its folders.
pub fn covers(entry: &Path, path: &Path) -> bool {
    let entry = normalize(entry);
    if !is_glob(&entry) {
        return path.starts_with(&entry);
    }
    let Ok(pattern) = glob::Pattern::new(&entry.to_string_lossy()) else {
        return false;
    };
    let opts = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: false,
    };
    path.ancestors().any(|a| pattern.matches_path_with(a, opts))
}

impl Config {
    /// Whether this configuration names `path` as corpus (or one of its folders).
    pub fn names_as_corpus(&self, path: &Path) -> bool {
        let path = normalize(path);
        self.corpus.iter().any(|c| covers(c, &path))
    }

    /// Whether `path` is never a draft under this configuration: corpus, or `exclude`d.
    pub fn never_a_draft(&self, path: &Path) -> bool {
        let path = normalize(path);
        self.corpus
            .iter()
            .chain(&self.exclude)
            .any(|c| covers(c, &path))
    }
}

/// Configuration files, each read once and again only when it changed on disk (its modification
/// time or size), so a configuration is always the file's current one; the last good version of
/// each is kept.
#[derive(Debug, Default)]
pub struct Configs {
    files: HashMap<PathBuf, Entry>,
    /// Read files inside the current folder by their path relative to it.
    relative: bool,
}

#[derive(Debug)]
struct Entry {
    /// The last version that read without error.
    good: Option<Arc<Config>>,
    /// The error of the current version, if it has one.
    error: Option<ConfigError>,
    /// The file's modification time and size when read.
    stamp: Option<(std::time::SystemTime, u64)>,
}

fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl Configs {
    /// Configurations whose files inside the current folder are read by their relative path,
    /// so that their corpus paths are relative too (the CLI reports paths as the user gave them).
    pub fn relative() -> Configs {
        Configs {
            relative: true,
            ..Configs::default()
        }
    }

    fn as_read(&self, path: &Path) -> PathBuf {
        if self.relative {
            relative_to_cwd(path)
        } else {
            path.to_path_buf()
        }
    }

    /// The configuration in file `path`, read on first use. A file in error gives its error
    /// (see [`Configs::in_force`] for the last good version).
    pub fn load(&mut self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        let e = self.entry(path);
        match (&e.error, &e.good) {
            (Some(err), _) => Err(err.clone()),
            (None, Some(c)) => Ok(Arc::clone(c)),
            (None, None) => Err(ConfigError {
                path: path.to_path_buf(),
                message: "cannot read".into(),
            }),
        }
    }

    /// The configuration in force from file `path`: the current version, or while it is in
    /// error the last good one (`None` when it never read), with the error.
    pub fn in_force(&mut self, path: &Path) -> (Option<Arc<Config>>, Option<ConfigError>) {
        let e = self.entry(path);
        (e.good.clone(), e.error.clone())
    }

    fn entry(&mut self, path: &Path) -> &Entry {
        let key = normalize(path);
        let changed = self
            .files
            .get(&key)
            .is_some_and(|e| e.stamp.is_none() || e.stamp != stamp(path));
        if changed {
            self.reload(path);
        }
        let path = self.as_read(path);
        self.files.entry(key).or_insert_with(|| read(&path, None))
    }

    /// Reads `path` again (it changed). Returns the error when the new version is in error
    /// (the last good version stays in force).
    pub fn reload(&mut self, path: &Path) -> Option<ConfigError> {
        let key = normalize(path);
        let old = self.files.remove(&key).and_then(|e| e.good);
        let entry = read(&self.as_read(path), old);
        let error = entry.error.clone();
        if !path.exists() {
            // Deleted: drafts fall back to the next configuration up.
            return None;
        }
        self.files.insert(key, entry);
        error
    }

    /// Reads every file read so far again (for clients that do not watch files).
    pub fn reload_all(&mut self) {
        let paths: Vec<PathBuf> = self.files.keys().cloned().collect();
        for p in paths {
            self.reload(&p);
        }
    }

    /// The file of the configuration nearest to `draft` (its folder, then upward).
    pub fn nearest_file(draft: &Path) -> Option<PathBuf> {
        let abs = normalize(draft);
        Config::discover(&abs)
    }

    /// The configuration `draft` uses: the nearest file's (in error: its last good version, with
    /// the error), or the defaults when there is none.
    pub fn for_draft(&mut self, draft: &Path) -> (Arc<Config>, Option<ConfigError>) {
        match Configs::nearest_file(draft) {
            Some(file) => {
                let (good, error) = self.in_force(&file);
                (good.unwrap_or_default(), error)
            }
            None => (Arc::default(), None),
        }
    }
}

fn read(path: &Path, last_good: Option<Arc<Config>>) -> Entry {
    let stamp = stamp(path);
    match Config::load(path) {
        Ok(c) => Entry {
            good: Some(Arc::new(c)),
            error: None,
            stamp,
        },
        Err(e) => Entry {
            good: last_good,
            error: Some(e),
            stamp,
        },
    }
}

/// Why a loaded corpus cannot be checked against: a configured path that does not exist, or no
/// readable document at all (`None`: usable). `from` is the configuration that names it.
pub fn corpus_error(
    key: &CorpusKey,
    report: &crate::corpus::LoadReport,
    from: Option<&Path>,
) -> Option<String> {
    let named = match from {
        Some(f) => format!(" (named in {})", f.display()),
        None => String::new(),
    };
    let missing: Vec<String> = key
        .paths
        .iter()
        .filter(|p| !is_glob(p) && !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        let s = if missing.len() == 1 { "" } else { "s" };
        return Some(format!(
            "corpus path{s} {} do{} not exist{named}",
            missing.join(", "),
            if missing.len() == 1 { "es" } else { "" }
        ));
    }
    if key.url.is_some() && report.loaded == 0 {
        let why = report
            .notes
            .last()
            .cloned()
            .unwrap_or_else(|| "it holds no document".into());
        return Some(format!(
            "the database corpus {} cannot be used{named}: {why}",
            key.describe()
        ));
    }
    if report.loaded == 0 {
        return Some(format!(
            "the corpus has no readable document: looked for source documents in {}{named}{}",
            key.describe(),
            if report.skipped.is_empty() {
                String::new()
            } else {
                format!("; {} file(s) skipped", report.skipped.len())
            }
        ));
    }
    None
}

/// Folders never walked for drafts: hidden ones (`.git`, `.obsidian`), installed code
/// (`node_modules`) and caches and build output tagged as such (`CACHEDIR.TAG`, e.g. Cargo's
/// `target`).
fn skipped_dir(dir: &Path) -> bool {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.') || name == "node_modules" || dir.join("CACHEDIR.TAG").is_file()
}

/// Whether a file is a draft by its extension.
pub fn is_draft_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|x| x.to_str())
            .map(|x| x.to_ascii_lowercase())
            .as_deref(),
        Some("md" | "markdown" | "txt")
    )
}

/// The drafts in `paths`: files as given; folders walked (in name order) for `.md`, `.markdown`
/// and `.txt` files, skipping hidden folders, `node_modules`, cache folders (`CACHEDIR.TAG`) and
/// every path that a configuration in scope names as corpus or excludes. In scope are the
/// configuration nearest to each folder, every `.factlint.toml` inside it, and `extra` (one
/// given for all, or `--corpus`). A configuration in scope that does not read is an error, since
/// its corpus cannot be told from drafts.
pub fn drafts(
    paths: &[PathBuf],
    configs: &mut Configs,
    extra: &[&Config],
) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut candidates = Vec::new();
            let mut files: Vec<PathBuf> = Configs::nearest_file(p).into_iter().collect();
            let walk = walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_type().is_dir() || !skipped_dir(e.path())
                });
            for e in walk.flatten() {
                if !e.file_type().is_file() {
                    continue;
                }
                if e.file_name() == FILE_NAME {
                    files.push(e.into_path());
                } else if is_draft_file(e.path()) {
                    candidates.push(e.into_path());
                }
            }
            let mut scope = Vec::new();
            for f in &files {
                scope.push(configs.load(f).map_err(|e| e.to_string())?);
            }
            out.extend(candidates.into_iter().filter(|c| {
                !scope.iter().any(|s| s.never_a_draft(c))
                    && !extra.iter().any(|s| s.never_a_draft(c))
            }));
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_folders_files_and_globs() {
        let p = |s: &str| PathBuf::from(s);
        assert!(covers(&p("/ws/a/sources"), &p("/ws/a/sources/x/y.md")));
        assert!(!covers(&p("/ws/a/sources"), &p("/ws/a/sources-old/y.md")));
        assert!(covers(&p("/ws/a/../a/wire.md"), &p("/ws/a/wire.md")));
        assert!(covers(&p("/ws/*/sources"), &p("/ws/b/sources/z.md")));
        assert!(covers(&p("/ws/wire/*.md"), &p("/ws/wire/x.md")));
        assert!(!covers(&p("/ws/wire/*.md"), &p("/ws/wire/sub/x.md")));
        assert!(!covers(&p("/ws/*/sources"), &p("/ws/b/draft.md")));
    }

    #[test]
    fn corpus_keys_agree_on_equal_paths_and_language() {
        let a = Config {
            corpus: vec![PathBuf::from("/ws/a/./sources")],
            ..Config::default()
        };
        let b = Config {
            corpus: vec![PathBuf::from("/ws/b/../a/sources")],
            ..Config::default()
        };
        assert_eq!(CorpusKey::of(&a), CorpusKey::of(&b));
        let de = Config {
            language: Some(Lang::De),
            ..b
        };
        assert_ne!(CorpusKey::of(&a), CorpusKey::of(&de));
        assert!(CorpusKey::of(&Config::default()).is_empty());
    }

    /// Each story's config names its own sources; walking the parent finds the drafts only.
    #[test]
    fn walking_skips_corpus_excluded_and_hidden() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            let _ = std::fs::create_dir_all(p.parent().unwrap_or(root));
            let _ = std::fs::write(p, text);
        };
        write("a/.factlint.toml", "corpus = [\"sources\"]\n");
        write("a/sources/s1.md", "Source.");
        write("a/draft.md", "Draft.");
        write(
            "b/.factlint.toml",
            "corpus = \"wire/*.txt\"\nexclude = [\"old/**\"]\n",
        );
        write("b/wire/w.txt", "Wire.");
        write("b/wire/notes.md", "A note beside the wire copy.");
        write("b/old/draft-v1.md", "Old.");
        write("b/draft.md", "Draft.");
        write("c/draft.txt", "Draft.");
        write(".git/x.md", "Hidden.");
        write("node_modules/pkg/README.md", "Code.");
        write(
            "target/CACHEDIR.TAG",
            "Signature: 8a477f597d28d172789f06886806bc55",
        );
        write("target/doc/x.md", "Build output.");
        write("c/.obsidian/y.md", "Hidden.");
        let mut configs = Configs::default();
        let found = drafts(&[root.to_path_buf()], &mut configs, &[]).unwrap_or_default();
        let rel: Vec<String> = found
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            rel,
            ["a/draft.md", "b/draft.md", "b/wire/notes.md", "c/draft.txt"]
        );
        // `--corpus` for all is in scope too.
        let extra = Config {
            corpus: vec![root.join("c")],
            ..Config::default()
        };
        let found = drafts(&[root.join("c")], &mut configs, &[&extra]).unwrap_or_default();
        assert!(found.is_empty(), "{found:?}");
        // A broken config in scope is an error naming it.
        write("c/.factlint.toml", "corpus = [\n");
        let err = drafts(&[root.to_path_buf()], &mut Configs::default(), &[])
            .err()
            .unwrap_or_default();
        assert!(
            err.contains(".factlint.toml") && err.contains("line "),
            "{err}"
        );
    }

    #[test]
    fn a_broken_config_keeps_its_last_good_version() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join(FILE_NAME);
        let _ = std::fs::write(&file, "corpus = [\"a\"]\n");
        let draft = dir.path().join("d.md");
        let mut configs = Configs::default();
        let (c, e) = configs.for_draft(&draft);
        assert!(e.is_none());
        assert_eq!(c.corpus, vec![dir.path().join("a")]);
        let _ = std::fs::write(&file, "corpus = [\"a\"]\n[severity]\nnope = \"error\"\n");
        let err = configs.reload(&file);
        assert!(err.is_some_and(|e| e.to_string().contains("line 3")));
        let (c, e) = configs.for_draft(&draft);
        assert!(e.is_some());
        assert_eq!(c.corpus, vec![dir.path().join("a")]);
        // Changed on disk and not reloaded: read again on use all the same.
        let _ = std::fs::write(&file, "corpus = [\"b\", \"c\"]\n");
        assert_eq!(configs.for_draft(&draft).0.corpus.len(), 2);
        let _ = std::fs::write(&file, "corpus = [\"b\"]\n");
        assert!(configs.reload(&file).is_none());
        assert_eq!(
            configs.for_draft(&draft).0.corpus,
            vec![dir.path().join("b")]
        );
        let _ = std::fs::remove_file(&file);
        assert!(configs.reload(&file).is_none());
        assert!(configs.for_draft(&draft).0.corpus.is_empty());
    }
}
