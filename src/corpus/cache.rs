//! The persisted corpus cache: parsed documents, their facts and index terms, keyed by a hash of
//! each file's content (and the engine version), so a second run or an editor restart does not
//! re-analyse unchanged documents. A corrupt cache or one from another version is rebuilt, never
//! trusted.

use crate::extract::Facts;
use crate::lang::Lang;
use crate::text::Document;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Bump when the cached data's meaning changes without a crate version change.
pub(crate) const FORMAT: u32 = 2;

/// What is cached per document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub doc: Document,
    pub facts: Facts,
    pub terms: Vec<Vec<String>>,
}

#[derive(Deserialize)]
struct File {
    format: u32,
    version: String,
    entries: Vec<(String, Entry)>,
}

/// The borrowed form written to disk (serializes exactly like `Entry`).
#[derive(Serialize)]
pub struct EntryRef<'a> {
    pub doc: &'a Document,
    pub facts: &'a Facts,
    pub terms: &'a [Vec<String>],
}

#[derive(Serialize)]
struct FileRef<'a> {
    format: u32,
    version: &'a str,
    entries: Vec<(&'a str, EntryRef<'a>)>,
}

/// The cache of one corpus: where it lives and what it held when opened.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    entries: HashMap<String, Entry>,
    /// Why an existing cache file was discarded, if it was.
    pub discarded: Option<String>,
}

/// The cache key of a document's content read with an optional configured language.
pub fn key(text: &str, lang: Option<Lang>) -> String {
    let mut h = blake3::Hasher::new();
    h.update(engine_id().as_bytes());
    h.update(&FORMAT.to_le_bytes());
    h.update(lang.map(|l| l.code()).unwrap_or("auto").as_bytes());
    h.update(text.as_bytes());
    h.finalize().to_hex().to_string()
}

/// Identifies the engine that analysed a document: the version plus the running executable's
/// size and modification time, so a rebuilt factlint never trusts an older build's analysis.
pub fn engine_id() -> &'static str {
    static ID: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let exe = std::env::current_exe()
            .ok()
            .and_then(|p| std::fs::metadata(p).ok());
        let stamp = exe
            .map(|m| {
                let (len, t) = crate::corpus::load::stamp_of(&m);
                format!("{len}-{t}")
            })
            .unwrap_or_default();
        format!("{}+{stamp}", env!("CARGO_PKG_VERSION"))
    });
    &ID
}

/// The default cache folder: `$FACTLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/factlint`, else `~/.cache/factlint`.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("FACTLINT_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("factlint"));
    }
    std::env::var_os("HOME")
        .filter(|d| !d.is_empty())
        .map(|h| PathBuf::from(h).join(".cache").join("factlint"))
}

impl Cache {
    /// Opens the cache of the corpus made of `roots` in `dir` (an empty cache if there is none yet).
    pub fn open(dir: &Path, roots: &[PathBuf]) -> Cache {
        let mut h = blake3::Hasher::new();
        for r in roots {
            let abs = std::fs::canonicalize(r).unwrap_or_else(|_| r.clone());
            h.update(abs.to_string_lossy().as_bytes());
            h.update(b"\0");
        }
        let name = format!("corpus-{}.bin", &h.finalize().to_hex()[..16]);
        let path = dir.join(name);
        let mut cache = Cache {
            path,
            entries: HashMap::new(),
            discarded: None,
        };
        match std::fs::read(&cache.path) {
            Ok(bytes) => match bincode::deserialize::<File>(&bytes) {
                Ok(f) if f.format == FORMAT && f.version == engine_id() => {
                    cache.entries = f.entries.into_iter().collect();
                }
                // Another build's cache is simply rebuilt: that is expected after an upgrade.
                Ok(_) => {}
                Err(e) => cache.discarded = Some(format!("it is corrupt ({e})")),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => cache.discarded = Some(format!("it cannot be read ({e})")),
        }
        cache
    }

    /// Takes the cached analysis of a document with this key out of the cache.
    pub fn take(&mut self, key: &str) -> Option<Entry> {
        self.entries.remove(key)
    }

    /// Writes the given entries atomically (temp file, then rename), replacing the cache.
    pub fn save(&self, entries: Vec<(&str, EntryRef)>) -> std::io::Result<()> {
        let file = FileRef {
            format: FORMAT,
            version: engine_id(),
            entries,
        };
        let bytes = bincode::serialize(&file).map_err(|e| std::io::Error::other(e.to_string()))?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self
            .path
            .with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &self.path)?;
        Ok(())
    }

    /// Whether no entries are left (all were taken by this load).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where the cache lives.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
