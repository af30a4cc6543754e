//! The command line: `check`, `facts`, `lsp`, `rules`. Thin: parses flags, calls the engine, renders.

use crate::analysis::{self, Analysis};
use crate::config::Config;
use crate::corpus::{self, Corpus, LoadOptions};
use crate::finding::{Applicability, Severity};
use crate::report::{self, Checked, Format};
use crate::workspace::{Configs, CorpusKey};
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod sources;

/// Exit status for usage and I/O errors.
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "factlint",
    version,
    about = "Checks news drafts against a reference corpus: unsourced claims, conflicting figures, mismatched quotes."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check drafts against the corpus and report findings.
    Check(CheckArgs),
    /// Print what the engine reads in a document: sentences, figures, attributions, quotes.
    Facts(FactsArgs),
    /// Show the figure map: every quantity the sources state, with its variants and who states
    /// them, contested first; with drafts, the quantities their figures align to.
    Figures(FiguresArgs),
    /// Show a source (web page, wire copy, feed, PDF, DOCX; file or URL) as factlint reads it.
    Source(sources::SourceArgs),
    /// Save sources (URLs or files) into the story's corpus as Markdown with front matter.
    Add(sources::AddArgs),
    /// The shared corpus in a database: set it up, fill it.
    #[command(subcommand)]
    Corpus(CorpusCommand),
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted for editor clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// List the rules, or explain one.
    Rules {
        /// Show the documentation of this rule.
        #[arg(long)]
        explain: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum CorpusCommand {
    /// Create (or bring up to date) factlint's schema and roles in a database; run once as
    /// the database's owner.
    Init {
        /// The database: postgres://[user@]host[:port]/db (credentials: PGPASSWORD, ~/.pgpass,
        /// PGSERVICE).
        #[arg(long)]
        to: String,
    },
    /// Analyse documents (any format factlint reads) and store them in a collection of the
    /// shared corpus; unchanged files (same size and modification time) are not read again.
    Ingest {
        /// Files, folders or globs to ingest.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The database and collection: postgres://[user@]host[:port]/db?collection=NAME.
        #[arg(long)]
        to: String,
        /// Language of documents that do not say (default: detect).
        #[arg(long)]
        lang: Option<String>,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Draft files or folders (walked for .md/.markdown/.txt). Default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Corpus folder, file or glob, or a database (postgres://host/db?collection=NAME);
    /// repeatable. Overrides `corpus` in the config.
    #[arg(long)]
    pub corpus: Vec<PathBuf>,
    /// Config file (default: .factlint.toml found upward from the first path).
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Apply the safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// Report only findings at or above this severity.
    #[arg(long, value_enum, default_value = "hint")]
    pub min_severity: SeverityArg,
    /// Exit with status 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: SeverityArg,
    /// Language of drafts and corpus documents that do not say (default: detect).
    #[arg(long)]
    pub lang: Option<String>,
    /// Do not read or write the persisted corpus cache.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(clap::Args, Debug)]
pub struct FactsArgs {
    /// The document to read; `-` or nothing reads stdin.
    pub file: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: FactsFormat,
    /// Language of the document (default: front matter, then detection).
    #[arg(long)]
    pub lang: Option<String>,
    /// Read the input as plain text rather than Markdown.
    #[arg(long)]
    pub plain: bool,
}

#[derive(clap::Args, Debug)]
pub struct FiguresArgs {
    /// Drafts whose figures select the quantities shown (none: every quantity of the corpus).
    pub paths: Vec<PathBuf>,
    /// Corpus folder, file or glob; repeatable. Overrides `corpus` in the config.
    #[arg(long)]
    pub corpus: Vec<PathBuf>,
    /// Config file (default: .factlint.toml found upward from the first path or the current folder).
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: FiguresFormat,
    /// Language of documents that do not say (default: detect).
    #[arg(long)]
    pub lang: Option<String>,
    /// Do not read or write the persisted corpus cache.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FiguresFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FactsFormat {
    Json,
    Human,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum SeverityArg {
    Hint,
    Info,
    Warning,
    Error,
}

impl SeverityArg {
    fn severity(self) -> Severity {
        match self {
            SeverityArg::Hint => Severity::Hint,
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        }
    }
}

/// Runs the CLI and returns the process exit status.
pub fn run() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Facts(args) => facts(args),
        Command::Figures(args) => figures(args),
        Command::Source(args) => sources::source(args),
        Command::Add(args) => sources::add(args),
        Command::Corpus(cmd) => corpus_command(cmd),
        // LSP: exit status 0 after `shutdown`, 1 when the client exits without it.
        Command::Lsp { .. } => Ok(match crate::lsp::run() {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("factlint: {e:#}");
                1
            }
        }),
        Command::Rules { explain } => rules(explain),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("factlint: error: {e:#}");
            EXIT_ERROR
        }
    }
}

fn corpus_command(cmd: CorpusCommand) -> anyhow::Result<i32> {
    use crate::corpus::store::postgres;
    match cmd {
        CorpusCommand::Init { to } => {
            let applied = postgres::init(&to).map_err(|e| anyhow::anyhow!(e))?;
            if applied.is_empty() {
                eprintln!("factlint: {} is up to date", postgres::redact(&to));
            } else {
                eprintln!(
                    "factlint: {}: applied {}",
                    postgres::redact(&to),
                    applied.join(", ")
                );
            }
            Ok(0)
        }
        CorpusCommand::Ingest { paths, to, lang } => {
            let bar = progress_bar("ingesting");
            let progress = |done: usize, total: usize| show_progress(&bar, done, total);
            let opts = LoadOptions {
                lang: parse_lang(&lang)?,
                progress: Some(&progress),
                cache_dir: None,
            };
            let started = std::time::Instant::now();
            let result = postgres::ingest(&to, &paths, &opts);
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            let report = result.map_err(|e| anyhow::anyhow!(e))?;
            for s in &report.skipped {
                eprintln!(
                    "factlint: warning: skipped {}: {}",
                    s.path.display(),
                    s.reason
                );
            }
            for n in &report.notes {
                eprintln!("factlint: note: {n}");
            }
            eprintln!(
                "factlint: collection {:?}: {} file(s) stored ({} documents), {} unchanged, {} \
                 skipped, in {:.1} s",
                report.collection,
                report.files,
                report.documents,
                report.unchanged,
                report.skipped.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(0)
        }
    }
}

fn parse_lang(s: &Option<String>) -> anyhow::Result<Option<crate::lang::Lang>> {
    match s {
        None => Ok(None),
        Some(l) if l == "auto" => Ok(None),
        Some(l) => crate::lang::Lang::from_code(l)
            .map(Some)
            .ok_or_else(|| anyhow::anyhow!("unknown language {l:?} (use de, en or auto)")),
    }
}

fn facts(args: FactsArgs) -> anyhow::Result<i32> {
    let (text, path) = match &args.file {
        None => (read_stdin()?, None),
        Some(p) if p.as_os_str() == "-" => (read_stdin()?, None),
        Some(p) => (
            corpus::load::read_text(p, u64::MAX)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
            Some(p.as_path()),
        ),
    };
    let config = Config {
        language: parse_lang(&args.lang)?,
        ..Config::default()
    };
    let path = if args.plain {
        Some(Path::new("stdin.txt"))
    } else {
        path
    };
    let (doc, facts) = analysis::read(&text, path, &config);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        FactsFormat::Json => report::facts::write_json(&doc, &facts, &mut out)?,
        FactsFormat::Human => report::facts::write_human(&doc, &facts, &mut out)?,
    }
    Ok(0)
}

fn figures(args: FiguresArgs) -> anyhow::Result<i32> {
    // Files inside the current folder are named relative to it, so are the corpus paths
    // in reports (SARIF, annotations), as the user names the drafts.
    let mut configs = Configs::relative();
    let flags = Overrides::new(
        &mut configs,
        &args.config,
        &args.corpus,
        &args.lang,
        args.no_cache,
    )?;
    let scope = flags.scope();
    let extra: Vec<&Config> = scope.iter().collect();
    let drafts = collect_drafts(&args.paths, &mut configs, &extra)?;
    // Drafts grouped by the corpus their configuration names (in order of first use): each
    // story's figures are mapped against its own sources. Without drafts, the current folder's.
    let mut stories: Vec<(CorpusKey, Config, Vec<PathBuf>)> = Vec::new();
    if drafts.is_empty() {
        let config = flags.config_for(&mut configs, None)?;
        stories.push((CorpusKey::of(&config), config, Vec::new()));
    }
    for path in drafts {
        let config = flags.config_for(&mut configs, Some(&path))?;
        let key = CorpusKey::of(&config);
        match stories.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, paths)) => paths.push(path),
            None => stories.push((key, config, vec![path])),
        }
    }
    let mut parts = Vec::new();
    for (key, config, paths) in &stories {
        if key.is_empty() {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            anyhow::bail!(
                "no corpus{}: pass --corpus PATH or set corpus = [...] in .factlint.toml",
                if names.is_empty() {
                    String::new()
                } else {
                    format!(" for {}", names.join(", "))
                }
            );
        }
        let corpus = load_corpus_checked(config, flags.corpus_from(config))?;
        let mut texts = Vec::new();
        for path in paths {
            let t = read_draft(path, config.max_document_bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            texts.push((t, path.clone()));
        }
        let refs: Vec<(&str, Option<&Path>)> = texts
            .iter()
            .map(|(t, p)| (t.as_str(), Some(p.as_path())))
            .collect();
        parts.push(analysis::figures(&corpus, &refs, config).map_err(|e| anyhow::anyhow!(e))?);
    }
    let b = analysis::merge_figures(parts);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        FiguresFormat::Json => report::figures::write_json(&b, &mut out)?,
        FiguresFormat::Human => report::figures::write_human(&b, &mut out)?,
        FiguresFormat::Markdown => report::figures::write_markdown(&b, &mut out)?,
    }
    Ok(0)
}

fn read_stdin() -> anyhow::Result<String> {
    let mut buf = Vec::new();
    std::io::stdin().read_to_end(&mut buf)?;
    String::from_utf8(buf).map_err(|e| {
        anyhow::anyhow!(
            "stdin is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Drafts in `paths` (see [`crate::workspace::drafts`]), with the configurations given for all.
fn collect_drafts(
    paths: &[PathBuf],
    configs: &mut Configs,
    extra: &[&Config],
) -> anyhow::Result<Vec<PathBuf>> {
    crate::workspace::drafts(paths, configs, extra).map_err(|e| anyhow::anyhow!(e))
}

/// The flags of `check` and `figures` that apply over every draft's configuration.
struct Overrides {
    config: Option<Arc<Config>>,
    corpus: Vec<PathBuf>,
    lang: Option<crate::lang::Lang>,
    no_cache: bool,
}

impl Overrides {
    /// The configuration file that named `config`'s corpus (none when `--corpus` did).
    fn corpus_from<'a>(&self, config: &'a Config) -> Option<&'a Path> {
        if self.corpus.is_empty() {
            config.path.as_deref()
        } else {
            None
        }
    }

    fn new(
        configs: &mut Configs,
        config: &Option<PathBuf>,
        corpus: &[PathBuf],
        lang: &Option<String>,
        no_cache: bool,
    ) -> anyhow::Result<Overrides> {
        Ok(Overrides {
            config: match config {
                Some(p) => Some(configs.load(p)?),
                None => None,
            },
            corpus: corpus.to_vec(),
            lang: parse_lang(lang)?,
            no_cache,
        })
    }

    /// What walking a folder must also skip: the corpus of `--config` and of `--corpus`.
    fn scope(&self) -> Vec<Config> {
        let mut out: Vec<Config> = self.config.iter().map(|c| (**c).clone()).collect();
        if !self.corpus.is_empty() {
            out.push(Config {
                corpus: self
                    .corpus
                    .iter()
                    .filter(|p| {
                        !crate::corpus::store::postgres::is_database_url(&p.to_string_lossy())
                    })
                    .cloned()
                    .collect(),
                ..Config::default()
            });
        }
        out
    }

    /// The configuration `draft` is checked with (`None`: no draft, the current folder's):
    /// `--config`, else the nearest `.factlint.toml`, with the flags applied.
    fn config_for(&self, configs: &mut Configs, draft: Option<&Path>) -> anyhow::Result<Config> {
        let base = match &self.config {
            Some(c) => Arc::clone(c),
            None => {
                let at = draft.unwrap_or(Path::new("."));
                match Configs::nearest_file(at) {
                    Some(f) => configs.load(&f)?,
                    None => Arc::default(),
                }
            }
        };
        let mut config = (*base).clone();
        if let Some(l) = self.lang {
            config.language = Some(l);
        }
        if !self.corpus.is_empty() {
            let (urls, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = self.corpus.iter().partition(|p| {
                crate::corpus::store::postgres::is_database_url(&p.to_string_lossy())
            });
            if urls.len() > 1 || (!urls.is_empty() && !paths.is_empty()) {
                anyhow::bail!(
                    "--corpus: a database corpus is read on its own: pass one database URL, or \
                     folders and files"
                );
            }
            config.corpus = paths.into_iter().cloned().collect();
            config.corpus_url = urls.first().map(|u| u.to_string_lossy().to_string());
            config.corpus_url_trusted = config.corpus_url.is_some();
        }
        if self.no_cache {
            config.cache = false;
        }
        Ok(config)
    }
}

/// Loads the corpus `config` names; a configured path that does not exist or a corpus without
/// a readable document is an error naming what was looked for.
/// `from` is the configuration file that names it (none for `--corpus`).
fn load_corpus_checked(config: &Config, from: Option<&Path>) -> anyhow::Result<Corpus> {
    if let Some(url) = &config.corpus_url {
        return open_database_corpus(url, config, from.filter(|_| !config.corpus_url_trusted));
    }
    let (corpus, report) = load_corpus_reported(config);
    let key = CorpusKey::of(config);
    if !key.is_empty() {
        if let Some(e) = crate::workspace::corpus_error(&key, &report, from) {
            anyhow::bail!(e);
        }
    }
    Ok(corpus)
}

/// Opens a database corpus: one a configuration file names only when the user allows it
/// (`postgres::allowed`); `from` is that file (none: the user named it with `--corpus`).
fn open_database_corpus(url: &str, config: &Config, from: Option<&Path>) -> anyhow::Result<Corpus> {
    use crate::corpus::store::postgres;
    if let Some(file) = from {
        postgres::allowed(url).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    }
    let (corpus, report) =
        postgres::open_corpus(url, config.language).map_err(|e| anyhow::anyhow!(e))?;
    for n in &report.notes {
        eprintln!("factlint: warning: {n}");
    }
    if report.loaded == 0 {
        anyhow::bail!(
            "the corpus database {} holds no document in this collection",
            postgres::redact(url)
        );
    }
    Ok(corpus)
}

fn check(args: CheckArgs) -> anyhow::Result<i32> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // Files inside the current folder are named relative to it, so are the corpus paths
    // in reports (SARIF, annotations), as the user names the drafts.
    let mut configs = Configs::relative();
    let flags = Overrides::new(
        &mut configs,
        &args.config,
        &args.corpus,
        &args.lang,
        args.no_cache,
    )?;
    let scope = flags.scope();
    let extra: Vec<&Config> = scope.iter().collect();
    let drafts = collect_drafts(&paths, &mut configs, &extra)?;
    if drafts.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "factlint: warning: no drafts (.md, .markdown, .txt) found in {}",
            names.join(", ")
        );
    }
    // Every draft with its own configuration; each corpus is loaded once, for all drafts that
    // name it. A configuration or corpus that cannot be used fails the run before any check.
    let mut plan: Vec<(PathBuf, Arc<Config>, CorpusKey)> = Vec::new();
    let mut corpora: BTreeMap<CorpusKey, Arc<Corpus>> = BTreeMap::new();
    let mut unconfigured = Vec::new();
    for path in drafts {
        let config = flags.config_for(&mut configs, Some(&path))?;
        let key = CorpusKey::of(&config);
        if key.is_empty() {
            unconfigured.push(path.display().to_string());
        }
        if !corpora.contains_key(&key) {
            let corpus = if key.is_empty() {
                Corpus::empty()
            } else {
                load_corpus_checked(&config, flags.corpus_from(&config))
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
            };
            corpora.insert(key.clone(), Arc::new(corpus));
        }
        plan.push((path, Arc::new(config), key));
    }
    if let Some(first) = unconfigured.first() {
        let more = match unconfigured.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        eprintln!(
            "factlint: note: no corpus configured for {first}{more}: only claims without a \
             source are checked; create .factlint.toml with corpus = [...] (or pass --corpus)"
        );
    }
    let mut checked = Vec::new();
    // A draft that could not be (fully) checked makes the run fail with EXIT_ERROR, after the
    // other drafts were checked and reported.
    let mut incomplete = false;
    for (path, config, key) in plan {
        let corpus = corpora.get(&key).cloned().unwrap_or_default();
        let config = &*config;
        let text = match read_draft(&path, config.max_document_bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("factlint: error: {}: {e}", path.display());
                incomplete = true;
                continue;
            }
        };
        // Fixes are re-checked (an analysis of the draft with each fix applied) only when they
        // are applied or printed.
        let shown = prints_fixes(args.format);
        let analyse = |text: &str, recheck: bool| {
            if recheck {
                analysis::analyze(text, Some(&path), &corpus, config)
            } else {
                analysis::analyze_pending(text, Some(&path), &corpus, config, None)
            }
        };
        let mut analysis = analyse(&text, shown || args.fix);
        if let Some(at) = analysis.unchecked_from {
            let line = crate::text::LineIndex::new(&text).line_of(at) + 1;
            eprintln!(
                "factlint: error: {}: not checked from line {line} on: the time budget of {} ms \
                 ran out; raise `time-budget-ms` in .factlint.toml (0: no limit)",
                path.display(),
                config.time_budget_ms
            );
            incomplete = true;
        }
        if let Some(e) = corpus.failure() {
            // The corpus stopped answering during the check: its findings are not to be trusted.
            eprintln!("factlint: error: {}: not checked: {e}", path.display());
            incomplete = true;
            continue;
        }
        analysis
            .findings
            .retain(|f| f.severity >= args.min_severity.severity());
        if args.fix {
            if let Some(fixed) = apply_safe_fixes(&text, &analysis) {
                if let Err(e) = write_fixed(&path, &text, &fixed) {
                    eprintln!(
                        "factlint: error: {}: fixes not written: {e}",
                        path.display()
                    );
                    return Ok(EXIT_ERROR);
                }
                analysis = analyse(&fixed, shown);
                analysis
                    .findings
                    .retain(|f| f.severity >= args.min_severity.severity());
            }
        }
        checked.push(Checked { path, analysis });
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    report::render(args.format, &checked, &Corpus::empty(), &mut out)?;
    out.flush()?;
    let fail = checked
        .iter()
        .flat_map(|c| &c.analysis.findings)
        .any(|f| f.severity >= args.fail_on.severity());
    Ok(if incomplete {
        EXIT_ERROR
    } else if fail {
        1
    } else {
        0
    })
}

/// Reads a draft as UTF-8 text; one over `max-document-bytes` is refused with a reason that names
/// the limit and how to raise it.
fn read_draft(path: &Path, limit: usize) -> Result<String, String> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > limit as u64 {
        return Err(format!(
            "not checked: it is {size} bytes, over the limit of {limit} bytes; to check it, raise \
             `max-document-bytes` in .factlint.toml"
        ));
    }
    corpus::load::read_text(path, limit as u64)
}

/// Loads the configured corpus, reporting skipped files on stderr (with a progress bar on a TTY).
pub fn load_corpus(config: &Config) -> Corpus {
    load_corpus_reported(config).0
}

fn load_corpus_reported(config: &Config) -> (Corpus, corpus::LoadReport) {
    if config.corpus.is_empty() {
        return (Corpus::empty(), corpus::LoadReport::default());
    }
    let bar = progress_bar("indexing corpus");
    let progress = |done: usize, total: usize| show_progress(&bar, done, total);
    let opts = LoadOptions {
        lang: config.language,
        progress: Some(&progress),
        cache_dir: config.effective_cache_dir(),
    };
    let (corpus, report) = corpus::store::open(config.store, &config.corpus, &opts);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    for s in &report.skipped {
        eprintln!(
            "factlint: warning: corpus: skipped {}: {}",
            s.path.display(),
            s.reason
        );
    }
    for n in &report.notes {
        eprintln!("factlint: warning: {n}");
    }
    // Without the lexicon packages the figure map compares head words by stem only: say so.
    for lang in [crate::lang::Lang::De, crate::lang::Lang::En] {
        if corpus.langs.contains(&lang) && !crate::lang::lexicon::installed(lang) {
            eprintln!(
                "factlint: note: no word relations for {lang} (install openthesaurus-de-text / \
                 wordnet-base or set FACTLINT_LEXICON_DIR); head words are compared by stem only"
            );
        }
    }
    (corpus, report)
}

/// Writes fixed text atomically (temp file in the same folder, then rename), keeping the file's
/// permissions, and refuses when the file changed since it was read.
fn write_fixed(path: &Path, original: &str, fixed: &str) -> std::io::Result<()> {
    let now = std::fs::read(path)?;
    if now != original.as_bytes() {
        return Err(std::io::Error::other("the file changed since it was read"));
    }
    let perms = std::fs::metadata(path)?.permissions();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.factlint-{}.tmp", std::process::id()));
    std::fs::write(&tmp, fixed)?;
    std::fs::set_permissions(&tmp, perms)?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// Whether `format` prints fixes: only then are they re-checked (unless `--fix` applies them).
fn prints_fixes(format: Format) -> bool {
    match format {
        Format::Human | Format::Json | Format::Sarif | Format::Github => true,
        Format::Checkstyle => false,
    }
}

fn apply_safe_fixes(text: &str, analysis: &Analysis) -> Option<String> {
    let mut edits = Vec::new();
    for f in &analysis.findings {
        // One safe fix per finding, and only when it is the only safe choice (unambiguous).
        let safe: Vec<_> = f
            .fixes
            .iter()
            .filter(|x| x.applicability == Applicability::Safe)
            .collect();
        if safe.len() == 1 {
            edits.extend(safe[0].edits.iter());
        }
    }
    if edits.is_empty() {
        return None;
    }
    Some(crate::finding::apply_edits(text, edits.into_iter()))
}

fn rules(explain: Option<String>) -> anyhow::Result<i32> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match explain {
        Some(id) => {
            let rule = crate::finding::RuleId::from_id(&id)
                .ok_or_else(|| anyhow::anyhow!("unknown rule {id:?}"))?;
            let m = crate::rules::meta(rule);
            writeln!(
                out,
                "{} ({})\n\n{}\n\n{}",
                m.id,
                m.default_severity.as_str(),
                m.summary,
                m.docs
            )?;
        }
        None => {
            for r in crate::rules::ALL {
                let m = r.meta();
                writeln!(
                    out,
                    "{:<18} {:<8} {}",
                    m.id.id(),
                    m.default_severity.as_str(),
                    m.summary
                )?;
            }
        }
    }
    Ok(0)
}

/// A progress bar on stderr labelled `label`, when stderr is a terminal.
fn progress_bar(label: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(0);
    b.set_style(
        indicatif::ProgressStyle::with_template(&format!("{label} {{bar:30}} {{pos}}/{{len}}"))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(b)
}

/// Shows `done` of `total` on `bar`, if there is one.
fn show_progress(bar: &Option<indicatif::ProgressBar>, done: usize, total: usize) {
    if let Some(b) = bar {
        b.set_length(total as u64);
        b.set_position(done as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const READ: &str = "Ferries will run every 15 minutes during rush hour.\r\n";
    const FIXED: &str =
        "Ferries will run every 15 minutes during rush hour, the Harbor Ledger reported.\r\n";

    /// `check` skips the re-check in the formats `prints_fixes` says print none: their output
    /// must then not depend on the fixes at all (fails once such a format starts printing them).
    #[test]
    fn formats_said_to_print_no_fixes_print_none() {
        use crate::finding::{Edit, Finding, Fix, RuleId, Severity};
        let text = "Ferries will run every 15 minutes during rush hour.\n";
        let finding = |fixes: Vec<Fix>| Finding {
            rule: RuleId::UnsourcedClaim,
            severity: Severity::Warning,
            span: crate::text::Span::new(0, 50),
            message: "m".into(),
            evidence: Vec::new(),
            fixes,
        };
        let fix = Fix {
            title: "Add a source".into(),
            edits: vec![Edit {
                span: crate::text::Span::new(50, 50),
                replacement: ", the Harbor Ledger reported".into(),
            }],
            applicability: Applicability::Safe,
        };
        let render = |format: Format, fixes: Vec<Fix>| {
            let (document, facts) = analysis::read(text, None, &Config::default());
            let checked = [Checked {
                path: PathBuf::from("d.md"),
                analysis: Analysis {
                    document,
                    facts,
                    findings: vec![finding(fixes)],
                    unchecked_from: None,
                },
            }];
            let mut out = Vec::new();
            report::render(format, &checked, &Corpus::empty(), &mut out).expect("render");
            String::from_utf8(out).expect("utf-8")
        };
        let formats = [
            Format::Human,
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Checkstyle,
        ];
        for format in formats {
            let with = render(format, vec![fix.clone()]);
            let without = render(format, Vec::new());
            assert_eq!(with != without, prints_fixes(format), "{format:?}");
        }
    }

    /// A folder with `draft.md` holding `READ`, and the draft's path.
    fn draft() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("draft.md");
        std::fs::write(&path, READ).expect("write");
        (dir, path)
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// `--fix` read the draft, then someone saved it before the fixes were written: the fixes are
    /// refused and the newer text stays. The change happens between the read (`READ`, what
    /// `write_fixed` gets as the original) and the write, without timing.
    #[test]
    fn fixes_are_not_written_over_a_file_changed_since_it_was_read() {
        for newer in [
            "Ferries will run every 15 minutes during rush hour.\r\nA line the editor added.\r\n",
            // Same length, one byte different: the content is compared, not the size or time.
            "Ferries will run every 16 minutes during rush hour.\r\n",
            "",
        ] {
            let (dir, path) = draft();
            std::fs::write(&path, newer).expect("write");
            let err = write_fixed(&path, READ, FIXED).expect_err("the fix must be refused");
            assert!(
                err.to_string().contains("changed since it was read"),
                "{err}"
            );
            assert_eq!(std::fs::read_to_string(&path).expect("read"), newer);
            assert_eq!(names(dir.path()), ["draft.md"], "a temp file was left");
        }
    }

    #[test]
    fn fixes_are_not_written_when_the_file_was_removed_since_it_was_read() {
        let (dir, path) = draft();
        std::fs::remove_file(&path).expect("remove");
        assert!(write_fixed(&path, READ, FIXED).is_err());
        assert!(names(dir.path()).is_empty(), "the file was written again");
    }

    #[cfg(unix)]
    #[test]
    fn fixes_are_written_over_an_unchanged_file_keeping_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, path) = draft();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_fixed(&path, READ, FIXED).expect("the fix is written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), FIXED);
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(names(dir.path()), ["draft.md"], "a temp file was left");
    }
}
