//! The shared corpus on PostgreSQL: `factlint corpus ingest PATHS… --to postgres://…` analyses
//! documents and stores their records and sentence postings; `corpus = ["postgres://…"]` makes
//! `factlint check` read a collection from the database instead of a folder.
//!
//! What is stored is what the disk store keeps (`disk.rs`), in tables of the schema `factlint`
//! (`migrations/postgres/*.sql`, applied by `factlint corpus init`): per document its head (path,
//! item, date window, language) and its analysis (the bincode `cache::Entry`, fetched by id), per
//! term and document the packed postings of its sentences, per term its sentence frequency, per
//! collection the BM25 statistics. Retrieval is the engine's own BM25 over these postings
//! (`index::Postings`), so a check against a collection gives the findings a check against the
//! same files in a folder gives.
//!
//! Reads happen on one thread per opened collection that owns the connection (a current-thread
//! tokio runtime); callers block on its answers with a timeout, so a database that stops
//! answering costs one timeout, after which the snapshot says it failed ([`Snapshot::failure`])
//! and answers nothing more. A snapshot reads in one `REPEATABLE READ` transaction: an ingest
//! committing meanwhile does not change what it sees.
//!
//! Connection parameters follow libpq's conventions as far as tokio-postgres allows: the URL,
//! then a service (`?service=` or `PGSERVICE`, from `PGSERVICEFILE` or `~/.pg_service.conf`, then
//! `PGSYSCONFDIR/pg_service.conf`), then `PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`,
//! `PGPASSWORD`, `PGSSLMODE`, `PGCONNECT_TIMEOUT`, `PGAPPNAME`; a password not given so is looked
//! up in `PGPASSFILE` or `~/.pgpass` (ignored, as libpq does, when others can read it). TLS is not
//! built in: `sslmode=disable`, `allow` and `prefer` connect without it; `require`,
//! `verify-ca` and `verify-full` are refused with a message rather than downgraded.

use super::{Head, Snapshot};
use crate::corpus::cache::{self, Entry, EntryRef};
use crate::corpus::index::Postings;
use crate::corpus::load::{self, LoadOptions, LoadReport, Skipped};
use crate::corpus::{report_window, Corpus, CorpusDoc};
use crate::lang::Lang;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Client, NoTls};

/// The migrations, in order: (version, name, SQL).
const MIGRATIONS: &[(i32, &str, &str)] = &[(
    1,
    "001_init.sql",
    include_str!("../../../migrations/postgres/001_init.sql"),
)];

/// Bump when what is stored changes meaning.
const FORMAT: u32 = 1;

/// The collection read when the URL names none.
pub const DEFAULT_COLLECTION: &str = "default";

/// Connecting gives up after this long unless `connect_timeout` / `PGCONNECT_TIMEOUT` says.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Every read a check makes gives up after this long (also the server's `statement_timeout`).
const QUERY_TIMEOUT: Duration = Duration::from_secs(15);
/// Every statement of an ingest gives up after this long.
const WRITE_TIMEOUT: Duration = Duration::from_secs(600);

/// Files read, analysed and committed together by an ingest.
const BATCH_FILES: usize = 500;

/// Bytes of one packed posting: sentence, tf, len (u32 each, little-endian).
const POSTING: usize = 12;

/// The channel ingests notify on commit (payload: the collection's name).
pub const CHANNEL: &str = "factlint_corpus";

/// Advisory lock class serialising writers of one collection.
const LOCK_CLASS: i32 = 0x6661_6374;

/// What the records of a collection are: a reader of another format cannot use them.
fn format_id() -> String {
    format!("{}/{}/{FORMAT}", env!("CARGO_PKG_VERSION"), cache::FORMAT)
}

fn lang_code(lang: Option<Lang>) -> &'static str {
    lang.map(|l| l.code()).unwrap_or("auto")
}

/// Whether a corpus entry names a database rather than a path.
pub fn is_database_url(s: &str) -> bool {
    let l = s.trim_start().to_ascii_lowercase();
    l.starts_with("postgres://") || l.starts_with("postgresql://")
}

/// Decodes `%XX` escapes.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A database corpus as a URL names it, with the libpq conventions applied.
pub struct Target {
    pub config: tokio_postgres::Config,
    pub collection: String,
    /// The URL without password, for messages.
    pub shown: String,
    /// What was noticed on the way (a `.pgpass` others can read).
    pub notes: Vec<String>,
}

/// The URL with factlint's own parameters (`collection`, `service`) taken out of its query.
struct Split {
    base: String,
    collection: Option<String>,
    service: Option<String>,
    sslmode_given: bool,
}

fn split(url: &str) -> Split {
    let url = url.trim();
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let mut kept = Vec::new();
    let (mut collection, mut service, mut sslmode_given) = (None, None, false);
    for pair in query.into_iter().flat_map(|q| q.split('&')) {
        if pair.is_empty() {
            continue;
        }
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "collection" => collection = Some(percent_decode(v)),
            "service" => service = Some(percent_decode(v)),
            _ => {
                if k == "sslmode" {
                    sslmode_given = true;
                }
                kept.push(pair);
            }
        }
    }
    let base = if kept.is_empty() {
        head.to_string()
    } else {
        format!("{head}?{}", kept.join("&"))
    };
    Split {
        base,
        collection,
        service,
        sslmode_given,
    }
}

/// The URL as shown in messages: without a password (in the user part or the query).
pub fn redact(url: &str) -> String {
    let url = url.trim();
    if let Some((head, query)) = url.split_once('?') {
        let query: Vec<String> = query
            .split('&')
            .map(|p| match p.split_once('=') {
                Some(("password", _)) => "password=***".to_string(),
                _ => p.to_string(),
            })
            .collect();
        return format!("{}?{}", redact(head), query.join("&"));
    }
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            let user = userinfo.split(':').next().unwrap_or("");
            let hidden = if userinfo.contains(':') {
                format!("{user}:***")
            } else {
                user.to_string()
            };
            format!("{}{hidden}{}", &url[..scheme_end + 3], &rest[at..])
        }
        None => url.to_string(),
    }
}

/// Whether the URL carries a password (which must not stand in a configuration file).
pub fn has_password(url: &str) -> bool {
    let s = split(url);
    if s.base.contains("password=") {
        return true;
    }
    s.base
        .parse::<tokio_postgres::Config>()
        .is_ok_and(|c| c.get_password().is_some())
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn home() -> Option<PathBuf> {
    env("HOME").map(PathBuf::from)
}

/// The `[name]` section of a libpq service file, if the file has it.
fn service_section(text: &str, name: &str) -> Option<HashMap<String, String>> {
    let mut found = None;
    let mut current: Option<HashMap<String, String>> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if let Some(done) = current.take() {
                found = Some(done);
                break;
            }
            if section.trim() == name {
                current = Some(HashMap::new());
            }
            continue;
        }
        if let (Some(map), Some((k, v))) = (current.as_mut(), line.split_once('=')) {
            map.insert(k.trim().to_string(), v.trim().to_string());
        }
    }
    found.or(current)
}

/// The parameters of service `name`: `PGSERVICEFILE` or `~/.pg_service.conf` first, then the
/// system-wide file.
fn service(name: &str) -> Result<HashMap<String, String>, String> {
    let mut files: Vec<PathBuf> = Vec::new();
    match env("PGSERVICEFILE") {
        Some(f) => files.push(PathBuf::from(f)),
        None => files.extend(home().map(|h| h.join(".pg_service.conf"))),
    }
    match env("PGSYSCONFDIR") {
        Some(d) => files.push(PathBuf::from(d).join("pg_service.conf")),
        None => files.push(PathBuf::from("/etc/postgresql-common/pg_service.conf")),
    }
    for f in &files {
        if let Ok(text) = std::fs::read_to_string(f) {
            if let Some(s) = service_section(&text, name) {
                return Ok(s);
            }
        }
    }
    Err(format!(
        "PostgreSQL service {name:?} not found (looked in {})",
        files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Splits a `.pgpass` line into its five fields (`\:` and `\\` unescaped).
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    if let Some(last) = out.last_mut() {
                        last.push(n);
                    }
                }
            }
            ':' if out.len() < 5 => out.push(String::new()),
            c => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out
}

/// The password `.pgpass` holds for this host, port, database and user.
fn pgpass(host: &str, port: u16, db: &str, user: &str, notes: &mut Vec<String>) -> Option<String> {
    let file = env("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".pgpass")))?;
    let meta = std::fs::metadata(&file).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            notes.push(format!(
                "password file {} ignored: others can read it (chmod 0600 it)",
                file.display()
            ));
            return None;
        }
    }
    #[cfg(not(unix))]
    let _ = (meta, &notes);
    let text = std::fs::read_to_string(&file).ok()?;
    let port = port.to_string();
    let unix = host.starts_with('/');
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f = pgpass_fields(line);
        if f.len() != 5 {
            continue;
        }
        let field = |i: usize, v: &str| f[i] == "*" || f[i] == v;
        let host_ok = field(0, host) || (unix && f[0] == "localhost");
        if host_ok && field(1, &port) && field(2, db) && field(3, user) {
            return Some(f[4].clone());
        }
    }
    None
}

impl Target {
    /// Parses a database corpus URL and fills in what it leaves out from the service file, the
    /// environment and `.pgpass`, as libpq would. Errors say what is wrong, never with the
    /// password.
    pub fn parse(url: &str) -> Result<Target, String> {
        let shown = redact(url);
        let s = split(url);
        let mut config: tokio_postgres::Config = s
            .base
            .parse()
            .map_err(|e| format!("{shown}: not a PostgreSQL URL ({e})"))?;
        let service_name = s.service.clone().or_else(|| env("PGSERVICE"));
        let svc = match &service_name {
            Some(n) => service(n).map_err(|e| format!("{shown}: {e}"))?,
            None => HashMap::new(),
        };
        // URL, then service, then environment.
        let pick = |svc_key: &str, env_key: &str| -> Option<String> {
            svc.get(svc_key).cloned().or_else(|| env(env_key))
        };
        if config.get_hosts().is_empty() {
            match pick("host", "PGHOST") {
                Some(h) => {
                    for h in h.split(',') {
                        config.host(h.trim());
                    }
                }
                None => {
                    let socket = Path::new("/var/run/postgresql");
                    if socket.is_dir() {
                        config.host_path(socket);
                    } else {
                        config.host("localhost");
                    }
                }
            }
        }
        if config.get_ports().is_empty() {
            if let Some(p) = pick("port", "PGPORT") {
                for p in p.split(',') {
                    let n: u16 = p
                        .trim()
                        .parse()
                        .map_err(|_| format!("{shown}: port {p:?} is not a number"))?;
                    config.port(n);
                }
            }
        }
        if config.get_user().is_none() {
            let user = pick("user", "PGUSER")
                .or_else(|| env("USER"))
                .or_else(|| env("LOGNAME"))
                .unwrap_or_else(|| "postgres".into());
            config.user(user);
        }
        if config.get_dbname().is_none() {
            let db = pick("dbname", "PGDATABASE")
                .or_else(|| config.get_user().map(str::to_string))
                .unwrap_or_default();
            config.dbname(db);
        }
        if !s.sslmode_given {
            if let Some(m) = pick("sslmode", "PGSSLMODE") {
                match m.as_str() {
                    "disable" => {
                        config.ssl_mode(tokio_postgres::config::SslMode::Disable);
                    }
                    "allow" | "prefer" => {
                        config.ssl_mode(tokio_postgres::config::SslMode::Prefer);
                    }
                    _ => {
                        config.ssl_mode(tokio_postgres::config::SslMode::Require);
                    }
                }
            }
        }
        if config.get_ssl_mode() == tokio_postgres::config::SslMode::Require {
            return Err(format!(
                "{shown}: sslmode asks for TLS, which this build of factlint does not speak; \
                 connect over a unix socket, an SSH tunnel or a TLS-terminating proxy, or use \
                 sslmode=prefer where the network is trusted"
            ));
        }
        if config.get_connect_timeout().is_none() {
            let t = pick("connect_timeout", "PGCONNECT_TIMEOUT")
                .and_then(|t| t.trim().parse::<u64>().ok())
                .filter(|t| *t > 0)
                .map_or(CONNECT_TIMEOUT, Duration::from_secs);
            config.connect_timeout(t);
        }
        if config.get_application_name().is_none() {
            let name = pick("application_name", "PGAPPNAME").unwrap_or_else(|| "factlint".into());
            config.application_name(name);
        }
        let mut notes = Vec::new();
        if config.get_password().is_none() {
            let pw = svc.get("password").cloned().or_else(|| env("PGPASSWORD"));
            let pw = pw.or_else(|| {
                let host = match config.get_hosts().first() {
                    Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
                    #[cfg(unix)]
                    Some(tokio_postgres::config::Host::Unix(p)) => p.display().to_string(),
                    None => "localhost".into(),
                };
                let port = config.get_ports().first().copied().unwrap_or(5432);
                pgpass(
                    &host,
                    port,
                    config.get_dbname().unwrap_or(""),
                    config.get_user().unwrap_or(""),
                    &mut notes,
                )
            });
            if let Some(pw) = pw {
                config.password(pw);
            }
        }
        let collection = s
            .collection
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| DEFAULT_COLLECTION.into());
        Ok(Target {
            config,
            collection,
            shown,
            notes,
        })
    }

    fn connect_timeout(&self) -> Duration {
        self.config
            .get_connect_timeout()
            .copied()
            .unwrap_or(CONNECT_TIMEOUT)
    }
}

/// A database error as a message: the server's own text (with its detail) when there is one.
fn db_err(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => match d.detail() {
            Some(detail) => format!("{} ({detail})", d.message()),
            None => d.message().to_string(),
        },
        None => {
            let mut s = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(inner) = src {
                s = format!("{s}: {inner}");
                src = inner.source();
            }
            s
        }
    }
}

/// Runs `fut` with a timeout, as a `Result<T, String>`.
async fn timed<T>(
    what: &str,
    limit: Duration,
    fut: impl std::future::Future<Output = Result<T, tokio_postgres::Error>>,
) -> Result<T, String> {
    match tokio::time::timeout(limit, fut).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(format!("{what}: {}", db_err(&e))),
        Err(_) => Err(format!(
            "{what}: no answer within {} s",
            limit.as_secs_f32()
        )),
    }
}

/// Connects, with the connect timeout and the server-side statement timeout set.
async fn connect(target: &Target, statement_timeout: Duration) -> Result<Client, String> {
    let limit = target.connect_timeout() + Duration::from_secs(1);
    let (client, connection) = match tokio::time::timeout(limit, target.config.connect(NoTls)).await
    {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => {
            return Err(format!(
                "cannot connect to {}: {}",
                target.shown,
                db_err(&e)
            ))
        }
        Err(_) => {
            return Err(format!(
                "cannot connect to {}: no answer within {} s",
                target.shown,
                limit.as_secs()
            ))
        }
    };
    tokio::spawn(async move {
        let _ = connection.await;
    });
    timed(
        "setting the statement timeout",
        QUERY_TIMEOUT,
        client.batch_execute(&format!(
            "SET statement_timeout = {}",
            statement_timeout.as_millis()
        )),
    )
    .await?;
    Ok(client)
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the database client: {e}"))
}

/// Whether the database has factlint's schema; a message saying what to do when it has not.
async fn require_schema(client: &Client, shown: &str) -> Result<(), String> {
    let row = timed(
        "reading the schema",
        QUERY_TIMEOUT,
        client.query_one(
            "SELECT to_regclass('factlint.collections') IS NOT NULL",
            &[],
        ),
    )
    .await?;
    if row.get::<_, bool>(0) {
        Ok(())
    } else {
        Err(format!(
            "{shown} has no factlint schema: run `factlint corpus init --to URL` once as the \
             database's owner"
        ))
    }
}

/// Applies the migrations the database has not had yet; returns their names.
pub fn init(url: &str) -> Result<Vec<String>, String> {
    let target = Target::parse(url)?;
    let rt = runtime()?;
    rt.block_on(async {
        let mut client = connect(&target, WRITE_TIMEOUT).await?;
        let tx = timed("BEGIN", QUERY_TIMEOUT, client.transaction()).await?;
        timed(
            "creating the schema",
            WRITE_TIMEOUT,
            tx.batch_execute(
                "SELECT pg_advisory_xact_lock(1717920116); \
                 CREATE SCHEMA IF NOT EXISTS factlint; \
                 CREATE TABLE IF NOT EXISTS factlint.migrations (version integer PRIMARY KEY, \
                 name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())",
            ),
        )
        .await?;
        let done: Vec<i32> = timed(
            "reading migrations",
            QUERY_TIMEOUT,
            tx.query("SELECT version FROM factlint.migrations", &[]),
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
        let mut applied = Vec::new();
        for (version, name, sql) in MIGRATIONS {
            if done.contains(version) {
                continue;
            }
            timed(name, WRITE_TIMEOUT, tx.batch_execute(sql)).await?;
            timed(
                name,
                QUERY_TIMEOUT,
                tx.execute(
                    "INSERT INTO factlint.migrations (version, name) VALUES ($1, $2)",
                    &[version, name],
                ),
            )
            .await?;
            applied.push((*name).to_string());
        }
        timed(
            "granting",
            QUERY_TIMEOUT,
            tx.batch_execute(
                "GRANT SELECT ON factlint.migrations TO factlint_reader, factlint_writer",
            ),
        )
        .await?;
        timed("COMMIT", WRITE_TIMEOUT, tx.commit()).await?;
        Ok(applied)
    })
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct IngestReport {
    pub collection: String,
    /// Files read and stored (new or changed).
    pub files: usize,
    /// Files left as they were (same size and modification time as stored).
    pub unchanged: usize,
    /// Documents stored.
    pub documents: usize,
    pub skipped: Vec<Skipped>,
    pub notes: Vec<String>,
}

/// A file's size and modification time (nanoseconds since 1970).
fn stamp(path: &Path) -> Option<(i64, i64)> {
    let (len, t) = crate::corpus::load::stamp(path)?;
    let int = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
    Some((int(len), int(t)))
}

/// One file of a batch as it is written.
struct FileRow {
    path: String,
    size: i64,
    mtime: i64,
    skipped: Vec<String>,
    docs: Vec<(Option<u32>, CorpusDoc)>,
}

/// Reads, analyses and stores `paths` (folders, files, globs) in the collection the URL names,
/// creating it when missing. Files already stored with the same size and modification time are
/// not read again; changed ones replace their documents. Each batch of files is one transaction
/// that notifies [`CHANNEL`] on commit: readers see a batch whole or not at all.
pub fn ingest(url: &str, paths: &[PathBuf], opts: &LoadOptions) -> Result<IngestReport, String> {
    let target = Target::parse(url)?;
    let mut report = IngestReport {
        collection: target.collection.clone(),
        notes: target.notes.clone(),
        ..IngestReport::default()
    };
    let mut load_report = LoadReport::default();
    let files = load::resolve(paths, &mut load_report);
    report.skipped.extend(load_report.skipped);
    let rt = runtime()?;
    let prepared = rt.block_on(async {
        let mut client = connect(&target, WRITE_TIMEOUT).await?;
        require_schema(&client, &target.shown).await?;
        let coll = collection_for_writing(&mut client, &target, opts.lang, &mut report).await?;
        // What changed, by path, size and modification time, before reading anything.
        let mut names: Vec<(PathBuf, String)> = Vec::new();
        for f in files {
            match f.to_str() {
                Some(s) => {
                    let s = s.to_string();
                    names.push((f, s));
                }
                None => report.skipped.push(Skipped {
                    path: f.clone(),
                    reason: "its path is not UTF-8".into(),
                }),
            }
        }
        let mut stored: HashMap<String, (i64, i64)> = HashMap::new();
        for chunk in names.chunks(10_000) {
            let list: Vec<&str> = chunk.iter().map(|(_, s)| s.as_str()).collect();
            let rows = timed(
                "reading stored files",
                WRITE_TIMEOUT,
                client.query(
                    "SELECT path, size, mtime FROM factlint.files \
                     WHERE collection = $1 AND path = ANY($2)",
                    &[&coll, &list],
                ),
            )
            .await?;
            for r in rows {
                stored.insert(r.get(0), (r.get(1), r.get(2)));
            }
        }
        let mut todo: Vec<(PathBuf, String, (i64, i64))> = Vec::new();
        for (f, s) in names {
            let now = stamp(&f).unwrap_or((0, 0));
            if stored.get(&s) == Some(&now) {
                report.unchanged += 1;
            } else {
                todo.push((f, s, now));
            }
        }
        Ok::<_, String>((client, coll, todo))
    })?;
    let (mut client, coll, todo) = prepared;
    let hooks = super::Hooks::from_env(BATCH_FILES);
    let total = todo.len();
    if let Some(p) = opts.progress {
        p(0, total);
    }
    // Batches are analysed on one thread while the previous one is written: the database's
    // work and the analysis overlap.
    let (tx, rx) = mpsc::sync_channel::<(Vec<FileRow>, Vec<Skipped>, usize)>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for batch in todo.chunks(hooks.batch) {
                let batch_paths: Vec<PathBuf> = batch.iter().map(|(f, _, _)| f.clone()).collect();
                let analysed = super::analyse_files(&batch_paths, opts);
                let mut rows = Vec::new();
                let mut skipped_now = Vec::new();
                for ((f, s, (size, mtime)), a) in batch.iter().zip(analysed) {
                    match a {
                        super::FileAnalysis::Unreadable(reason) => skipped_now.push(Skipped {
                            path: f.clone(),
                            reason,
                        }),
                        super::FileAnalysis::Read { docs, skipped } => {
                            for reason in &skipped {
                                skipped_now.push(Skipped {
                                    path: f.clone(),
                                    reason: reason.clone(),
                                });
                            }
                            rows.push(FileRow {
                                path: s.clone(),
                                size: *size,
                                mtime: *mtime,
                                skipped,
                                docs,
                            });
                        }
                    }
                }
                // The writer stopped (it failed): nothing more to analyse.
                if tx.send((rows, skipped_now, batch.len())).is_err() {
                    break;
                }
            }
        });
        let mut done = 0;
        for (number, (rows, skipped, n)) in rx.into_iter().enumerate() {
            report.skipped.extend(skipped);
            report.files += rows.len();
            report.documents += rows.iter().map(|r| r.docs.len()).sum::<usize>();
            let before_commit = || hooks.pause(false, number + 1);
            rt.block_on(write_batch(
                &mut client,
                coll,
                &target.collection,
                rows,
                &before_commit,
            ))?;
            hooks.pause(true, number + 1);
            done += n;
            if let Some(p) = opts.progress {
                p(done, total);
            }
        }
        Ok(report)
    })
}

/// The id of the collection to write, created when missing; one holding another format or
/// language setting is emptied first (its records cannot be read by this build), with a note.
async fn collection_for_writing(
    client: &mut Client,
    target: &Target,
    lang: Option<Lang>,
    report: &mut IngestReport,
) -> Result<i32, String> {
    let what = format!("collection {:?}", target.collection);
    let tx = timed("BEGIN", QUERY_TIMEOUT, client.transaction()).await?;
    timed(
        &what,
        WRITE_TIMEOUT,
        tx.execute(
            "INSERT INTO factlint.collections (name, format, lang) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO NOTHING",
            &[&target.collection, &format_id(), &lang_code(lang)],
        ),
    )
    .await?;
    let row = timed(
        &what,
        WRITE_TIMEOUT,
        tx.query_one(
            "SELECT id, format, lang FROM factlint.collections WHERE name = $1 FOR UPDATE",
            &[&target.collection],
        ),
    )
    .await?;
    let (id, format, stored_lang): (i32, String, String) = (row.get(0), row.get(1), row.get(2));
    if format != format_id() || stored_lang != lang_code(lang) {
        timed(
            &what,
            WRITE_TIMEOUT,
            tx.batch_execute(&format!(
                "SELECT pg_advisory_xact_lock({LOCK_CLASS}, {id}); \
                 DELETE FROM factlint.postings WHERE collection = {id}; \
                 DELETE FROM factlint.documents WHERE collection = {id}; \
                 DELETE FROM factlint.files WHERE collection = {id}; \
                 DELETE FROM factlint.df WHERE collection = {id}; \
                 UPDATE factlint.collections SET sentences = 0, total_len = 0, \
                 generation = generation + 1, updated = now() WHERE id = {id}"
            )),
        )
        .await?;
        timed(
            &what,
            WRITE_TIMEOUT,
            tx.execute(
                "UPDATE factlint.collections SET format = $2, lang = $3 WHERE id = $1",
                &[&id, &format_id(), &lang_code(lang)],
            ),
        )
        .await?;
        report.notes.push(format!(
            "collection {:?} held analyses of factlint {format} (language {stored_lang}); it \
             was emptied and is filled anew by factlint {} (language {})",
            target.collection,
            format_id(),
            lang_code(lang)
        ));
    }
    timed("COMMIT", WRITE_TIMEOUT, tx.commit()).await?;
    Ok(id)
}

/// Writes one batch of files (replacing what the collection held for their paths) in one
/// transaction; `before_commit` is called just before it commits (a test hook).
async fn write_batch(
    client: &mut Client,
    coll: i32,
    name: &str,
    rows: Vec<FileRow>,
    before_commit: &(dyn Fn() + Sync),
) -> Result<(), String> {
    use tokio_postgres::binary_copy::BinaryCopyInWriter;
    let w = |what: &'static str| what;
    let tx = timed("BEGIN", QUERY_TIMEOUT, client.transaction()).await?;
    timed(
        w("locking the collection"),
        WRITE_TIMEOUT,
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, $2)",
            &[&LOCK_CLASS, &coll],
        ),
    )
    .await?;
    let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    // The old documents of these files leave the index.
    let old = timed(
        w("reading old documents"),
        WRITE_TIMEOUT,
        tx.query(
            "SELECT id, sentences, total_len FROM factlint.documents \
             WHERE collection = $1 AND path = ANY($2)",
            &[&coll, &paths],
        ),
    )
    .await?;
    let old_ids: Vec<i64> = old.iter().map(|r| r.get(0)).collect();
    let mut d_sentences: i64 = 0;
    let mut d_len: i64 = 0;
    for r in &old {
        d_sentences -= i64::from(r.get::<_, i32>(1));
        d_len -= r.get::<_, i64>(2);
    }
    if !old_ids.is_empty() {
        timed(
            w("removing old documents"),
            WRITE_TIMEOUT,
            tx.execute(
                "UPDATE factlint.df d SET n = d.n - g.c FROM \
                 (SELECT term, sum(length(data) / 12)::bigint AS c FROM factlint.postings \
                  WHERE collection = $1 AND doc = ANY($2) GROUP BY term) g \
                 WHERE d.collection = $1 AND d.term = g.term",
                &[&coll, &old_ids],
            ),
        )
        .await?;
        timed(
            w("removing old documents"),
            WRITE_TIMEOUT,
            tx.execute(
                "DELETE FROM factlint.df d USING \
                 (SELECT DISTINCT term FROM factlint.postings WHERE collection = $1 AND doc = ANY($2)) g \
                 WHERE d.collection = $1 AND d.term = g.term AND d.n <= 0",
                &[&coll, &old_ids],
            ),
        )
        .await?;
        for q in [
            "DELETE FROM factlint.postings WHERE collection = $1 AND doc = ANY($2)",
            "DELETE FROM factlint.documents WHERE collection = $1 AND id = ANY($2)",
        ] {
            timed(
                w("removing old documents"),
                WRITE_TIMEOUT,
                tx.execute(q, &[&coll, &old_ids]),
            )
            .await?;
        }
    }
    timed(
        w("removing old files"),
        WRITE_TIMEOUT,
        tx.execute(
            "DELETE FROM factlint.files WHERE collection = $1 AND path = ANY($2)",
            &[&coll, &paths],
        ),
    )
    .await?;
    let n_docs: i64 = rows.iter().map(|r| r.docs.len() as i64).sum();
    let ids: Vec<i64> = timed(
        w("allocating ids"),
        WRITE_TIMEOUT,
        tx.query(
            "SELECT nextval('factlint.document_ids') FROM generate_series(1, $1::bigint)",
            &[&n_docs],
        ),
    )
    .await?
    .iter()
    .map(|r| r.get(0))
    .collect();
    // Files.
    {
        let sink = timed(
            w("writing files"),
            WRITE_TIMEOUT,
            tx.copy_in(
                "COPY factlint.files (collection, path, size, mtime, skipped) FROM STDIN BINARY",
            ),
        )
        .await?;
        let writer = BinaryCopyInWriter::new(
            sink,
            &[
                Type::INT4,
                Type::TEXT,
                Type::INT8,
                Type::INT8,
                Type::TEXT_ARRAY,
            ],
        );
        let mut writer = std::pin::pin!(writer);
        for r in &rows {
            let vals: [&(dyn ToSql + Sync); 5] = [&coll, &r.path, &r.size, &r.mtime, &r.skipped];
            timed(
                w("writing files"),
                WRITE_TIMEOUT,
                writer.as_mut().write(&vals),
            )
            .await?;
        }
        timed(w("writing files"), WRITE_TIMEOUT, writer.finish()).await?;
    }
    // Documents and their postings.
    let mut df: HashMap<&str, i64> = HashMap::new();
    {
        let sink = timed(
            w("writing documents"),
            WRITE_TIMEOUT,
            tx.copy_in(
                "COPY factlint.documents (id, collection, path, item, day_lo, day_hi, lang, \
                 sentences, total_len, key, record) FROM STDIN BINARY",
            ),
        )
        .await?;
        let writer = BinaryCopyInWriter::new(
            sink,
            &[
                Type::INT8,
                Type::INT4,
                Type::TEXT,
                Type::INT4,
                Type::INT8,
                Type::INT8,
                Type::TEXT,
                Type::INT4,
                Type::INT8,
                Type::TEXT,
                Type::BYTEA,
            ],
        );
        let mut writer = std::pin::pin!(writer);
        let mut next = ids.iter();
        for r in &rows {
            for (item, d) in &r.docs {
                let Some(id) = next.next() else {
                    return Err("allocating ids: fewer than asked for".into());
                };
                let record = bincode::serialize(&EntryRef {
                    doc: &d.doc,
                    facts: &d.facts,
                    terms: &d.terms,
                })
                .map_err(|e| format!("encoding a document: {e}"))?;
                let window = d.source.date.as_deref().and_then(report_window);
                let item: Option<i32> = item.and_then(|i| i32::try_from(i).ok());
                let sentences = i32::try_from(d.terms.len()).unwrap_or(i32::MAX);
                let len: i64 = d.terms.iter().map(|t| t.len() as i64).sum();
                d_sentences += i64::from(sentences);
                d_len += len;
                let vals: [&(dyn ToSql + Sync); 11] = [
                    id,
                    &coll,
                    &r.path,
                    &item,
                    &window.map(|w| w.0),
                    &window.map(|w| w.1),
                    &d.doc.lang.code(),
                    &sentences,
                    &len,
                    &d.key,
                    &record,
                ];
                timed(
                    w("writing documents"),
                    WRITE_TIMEOUT,
                    writer.as_mut().write(&vals),
                )
                .await?;
            }
        }
        timed(w("writing documents"), WRITE_TIMEOUT, writer.finish()).await?;
    }
    {
        let sink = timed(
            w("writing postings"),
            WRITE_TIMEOUT,
            tx.copy_in("COPY factlint.postings (collection, term, doc, data) FROM STDIN BINARY"),
        )
        .await?;
        let writer =
            BinaryCopyInWriter::new(sink, &[Type::INT4, Type::TEXT, Type::INT8, Type::BYTEA]);
        let mut writer = std::pin::pin!(writer);
        let mut next = ids.iter();
        for r in &rows {
            for (_, d) in &r.docs {
                let Some(id) = next.next() else {
                    return Err("allocating ids: fewer than asked for".into());
                };
                // Per term, the packed postings of the sentences containing it, in order.
                let mut per_term: Vec<(&str, Vec<u8>)> = Vec::new();
                let mut at: HashMap<&str, usize> = HashMap::new();
                for (si, terms) in d.terms.iter().enumerate() {
                    let len = terms.len() as u32;
                    let mut tf: Vec<(&str, u32)> = Vec::new();
                    for t in terms {
                        match tf.iter_mut().find(|(x, _)| *x == t.as_str()) {
                            Some((_, n)) => *n += 1,
                            None => tf.push((t.as_str(), 1)),
                        }
                    }
                    for (t, n) in tf {
                        *df.entry(t).or_default() += 1;
                        let i = *at.entry(t).or_insert_with(|| {
                            per_term.push((t, Vec::new()));
                            per_term.len() - 1
                        });
                        for x in [si as u32, n, len] {
                            per_term[i].1.extend_from_slice(&x.to_le_bytes());
                        }
                    }
                }
                for (t, data) in &per_term {
                    let vals: [&(dyn ToSql + Sync); 4] = [&coll, t, id, data];
                    timed(
                        w("writing postings"),
                        WRITE_TIMEOUT,
                        writer.as_mut().write(&vals),
                    )
                    .await?;
                }
            }
        }
        timed(w("writing postings"), WRITE_TIMEOUT, writer.finish()).await?;
    }
    if !df.is_empty() {
        let mut terms: Vec<(&str, i64)> = df.into_iter().collect();
        terms.sort_unstable();
        let (t, n): (Vec<&str>, Vec<i64>) = terms.into_iter().unzip();
        timed(
            w("writing term frequencies"),
            WRITE_TIMEOUT,
            tx.execute(
                "INSERT INTO factlint.df (collection, term, n) \
                 SELECT $1, t, c FROM unnest($2::text[], $3::bigint[]) AS u(t, c) \
                 ON CONFLICT (collection, term) DO UPDATE SET n = factlint.df.n + EXCLUDED.n",
                &[&coll, &t, &n],
            ),
        )
        .await?;
    }
    timed(
        w("updating the collection"),
        WRITE_TIMEOUT,
        tx.execute(
            "UPDATE factlint.collections SET sentences = sentences + $2, \
             total_len = total_len + $3, generation = generation + 1, updated = now() \
             WHERE id = $1",
            &[&coll, &d_sentences, &d_len],
        ),
    )
    .await?;
    timed(
        w("notifying"),
        WRITE_TIMEOUT,
        tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &name]),
    )
    .await?;
    before_commit();
    timed(w("COMMIT"), WRITE_TIMEOUT, tx.commit()).await
}

/// A request to the thread that owns a snapshot's connection.
enum Req {
    Df(String),
    DfMany(Vec<String>),
    Each(String),
    Fetch(i64),
    FetchMany(Vec<i64>),
}

enum Resp {
    Df(i64),
    DfMany(Vec<(String, i64)>),
    Each(Vec<(i64, Vec<u8>)>),
    Fetch(Option<(String, Vec<u8>)>),
    FetchMany(Vec<(i64, String, Vec<u8>)>),
}

type Reply = mpsc::Sender<Result<Resp, String>>;

/// What opening a collection reads: its documents' heads and statistics.
struct Opened {
    heads: Vec<Head>,
    ids: Vec<i64>,
    sentences: (usize, u64),
    lang: String,
}

/// A collection's snapshot: one read-only `REPEATABLE READ` transaction on a connection owned by
/// a thread of its own.
struct PgSnapshot {
    heads: Vec<Head>,
    ids: Vec<i64>,
    place: HashMap<i64, u32>,
    sentences: (usize, u64),
    requests: Mutex<mpsc::Sender<(Req, Reply)>>,
    failed: Mutex<Option<String>>,
    df_memo: Mutex<HashMap<String, usize>>,
    /// Postings already read, per term: (place, sentence, tf, len); a check asks for a term's
    /// postings more than once (its sentences' searches, its sections' event documents).
    each_memo: Mutex<EachMemo>,
    shown: String,
}

/// Read postings, bounded in size.
#[derive(Default)]
struct EachMemo {
    map: HashMap<String, Arc<Vec<[u32; 4]>>>,
    postings: usize,
}

/// Postings kept in [`EachMemo`] before it starts over (16 bytes each).
const EACH_MEMO_POSTINGS: usize = 4_000_000;

impl PgSnapshot {
    /// Asks the connection thread; a failure is kept, and every later call fails at once.
    fn ask(&self, req: Req) -> Option<Resp> {
        if self.failure().is_some() {
            return None;
        }
        let (tx, rx) = mpsc::channel();
        let sent = self
            .requests
            .lock()
            .ok()
            .map(|s| s.send((req, tx)).is_ok())
            .unwrap_or(false);
        let answer = if sent {
            match rx.recv_timeout(QUERY_TIMEOUT + Duration::from_secs(2)) {
                Ok(r) => r,
                Err(_) => Err(format!("no answer within {} s", QUERY_TIMEOUT.as_secs())),
            }
        } else {
            Err("the connection is closed".into())
        };
        match answer {
            Ok(r) => Some(r),
            Err(e) => {
                if let Ok(mut f) = self.failed.lock() {
                    f.get_or_insert_with(|| format!("corpus database {}: {e}", self.shown));
                }
                None
            }
        }
    }
}

impl Postings for PgSnapshot {
    fn df(&self, term: &str) -> usize {
        if let Some(n) = self.df_memo.lock().ok().and_then(|m| m.get(term).copied()) {
            return n;
        }
        let n = match self.ask(Req::Df(term.to_string())) {
            Some(Resp::Df(n)) => usize::try_from(n).unwrap_or(0),
            _ => return 0,
        };
        if let Ok(mut m) = self.df_memo.lock() {
            if m.len() >= 1_000_000 {
                m.clear();
            }
            m.insert(term.to_string(), n);
        }
        n
    }

    fn prefetch_df(&self, terms: &[&str]) {
        let want: Vec<String> = match self.df_memo.lock() {
            Ok(m) => terms
                .iter()
                .filter(|t| !m.contains_key(**t))
                .map(|t| t.to_string())
                .collect(),
            Err(_) => return,
        };
        if want.len() < 2 {
            return;
        }
        let Some(Resp::DfMany(rows)) = self.ask(Req::DfMany(want.clone())) else {
            return;
        };
        let mut found: HashMap<String, usize> = rows
            .into_iter()
            .map(|(t, n)| (t, usize::try_from(n).unwrap_or(0)))
            .collect();
        if let Ok(mut m) = self.df_memo.lock() {
            if m.len() + want.len() >= 1_000_000 {
                m.clear();
            }
            // A term the table does not hold occurs nowhere: 0, as `df` would say.
            for t in want {
                let n = found.remove(&t).unwrap_or(0);
                m.insert(t, n);
            }
        }
    }

    fn each(&self, term: &str, f: &mut dyn FnMut(usize, u32, u32, u32)) {
        let known = self
            .each_memo
            .lock()
            .ok()
            .and_then(|m| m.map.get(term).cloned());
        let list = match known {
            Some(l) => l,
            None => {
                let Some(Resp::Each(rows)) = self.ask(Req::Each(term.to_string())) else {
                    return;
                };
                let mut list = Vec::new();
                for (doc, data) in rows {
                    let Some(&place) = self.place.get(&doc) else {
                        continue;
                    };
                    for p in data.chunks_exact(POSTING) {
                        list.push([place, u32_at(p, 0), u32_at(p, 1), u32_at(p, 2)]);
                    }
                }
                let list = Arc::new(list);
                if let Ok(mut m) = self.each_memo.lock() {
                    if m.postings + list.len() > EACH_MEMO_POSTINGS {
                        *m = EachMemo::default();
                    }
                    m.postings += list.len();
                    m.map.insert(term.to_string(), Arc::clone(&list));
                }
                list
            }
        };
        for [doc, sentence, tf, len] in list.iter() {
            f(*doc as usize, *sentence, *tf, *len);
        }
    }
}

fn u32_at(p: &[u8], i: usize) -> u32 {
    p.get(i * 4..i * 4 + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

impl PgSnapshot {
    /// The document at `doc` from its stored record; an unreadable record marks the snapshot
    /// failed (it was written by another build).
    fn decode(&self, doc: usize, key: String, record: &[u8]) -> Option<CorpusDoc> {
        let head = self.heads.get(doc)?;
        let entry: Entry = match bincode::deserialize(record) {
            Ok(e) => e,
            Err(e) => {
                if let Ok(mut f) = self.failed.lock() {
                    f.get_or_insert_with(|| {
                        format!(
                            "corpus database {}: a document record cannot be read ({e}); \
                             ingest the collection again with this factlint",
                            self.shown
                        )
                    });
                }
                return None;
            }
        };
        let mut d = load::from_entry(&head.path, key, entry);
        if let Some(n) = head.item {
            d.source.id = format!("{}#{n}", d.source.id);
        }
        Some(d)
    }
}

impl Snapshot for PgSnapshot {
    fn heads(&self) -> &[Head] {
        &self.heads
    }

    fn sentences(&self) -> (usize, u64) {
        self.sentences
    }

    fn fetch(&self, doc: usize) -> Option<CorpusDoc> {
        let id = *self.ids.get(doc)?;
        let Some(Resp::Fetch(Some((key, record)))) = self.ask(Req::Fetch(id)) else {
            return None;
        };
        self.decode(doc, key, &record)
    }

    fn fetch_many(&self, docs: &[usize]) -> Vec<Option<CorpusDoc>> {
        let ids: Vec<i64> = docs
            .iter()
            .filter_map(|d| self.ids.get(*d).copied())
            .collect();
        let mut got: HashMap<i64, (String, Vec<u8>)> = match self.ask(Req::FetchMany(ids)) {
            Some(Resp::FetchMany(rows)) => rows
                .into_iter()
                .map(|(id, key, record)| (id, (key, record)))
                .collect(),
            _ => HashMap::new(),
        };
        docs.iter()
            .map(|d| {
                let id = self.ids.get(*d)?;
                let (key, record) = got.remove(id)?;
                self.decode(*d, key, &record)
            })
            .collect()
    }

    fn failure(&self) -> Option<String> {
        self.failed.lock().ok().and_then(|f| f.clone())
    }
}

/// Opens the collection: reads its statistics and every document's head in a new
/// `REPEATABLE READ READ ONLY` transaction.
async fn open_collection(client: &Client, target: &Target) -> Result<(Opened, i32), String> {
    require_schema(client, &target.shown).await?;
    timed(
        "BEGIN",
        QUERY_TIMEOUT,
        client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
    )
    .await?;
    let what = format!("reading collection {:?}", target.collection);
    let row = timed(
        &what,
        QUERY_TIMEOUT,
        client.query_opt(
            "SELECT id, format, lang, sentences, total_len FROM factlint.collections \
             WHERE name = $1",
            &[&target.collection],
        ),
    )
    .await?
    .ok_or_else(|| {
        format!(
            "{} has no collection {:?}: ingest documents into it with `factlint corpus ingest \
             PATHS --to URL`",
            target.shown, target.collection
        )
    })?;
    let (coll, format, lang): (i32, String, String) = (row.get(0), row.get(1), row.get(2));
    if format != format_id() {
        return Err(format!(
            "collection {:?} in {} holds analyses of factlint {format}, this is {}: ingest it \
             again with this version (or use the version that wrote it)",
            target.collection,
            target.shown,
            format_id()
        ));
    }
    let sentences = (
        usize::try_from(row.get::<_, i64>(3)).unwrap_or(0),
        u64::try_from(row.get::<_, i64>(4)).unwrap_or(0),
    );
    let rows = timed(
        &what,
        QUERY_TIMEOUT,
        client.query(
            "SELECT id, path, item, day_lo, day_hi, lang FROM factlint.documents \
             WHERE collection = $1",
            &[&coll],
        ),
    )
    .await?;
    let mut docs: Vec<(PathBuf, Option<u32>, i64, Head)> = rows
        .iter()
        .map(|r| {
            let path = PathBuf::from(r.get::<_, String>(1));
            let item = r
                .get::<_, Option<i32>>(2)
                .and_then(|i| u32::try_from(i).ok());
            let window = match (r.get::<_, Option<i64>>(3), r.get::<_, Option<i64>>(4)) {
                (Some(a), Some(b)) => Some((a, b)),
                _ => None,
            };
            let lang = Lang::from_code(&r.get::<_, String>(5)).unwrap_or(Lang::En);
            let head = Head {
                path: path.clone(),
                item,
                window,
                lang,
            };
            (path, item, r.get::<_, i64>(0), head)
        })
        .collect();
    // Corpus order, as a folder is loaded: files in path order, items in file order.
    docs.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let mut heads = Vec::with_capacity(docs.len());
    let mut ids = Vec::with_capacity(docs.len());
    for (_, _, id, head) in docs {
        heads.push(head);
        ids.push(id);
    }
    Ok((
        Opened {
            heads,
            ids,
            sentences,
            lang,
        },
        coll,
    ))
}

/// Serves a snapshot's requests until it is dropped.
async fn serve(client: Client, coll: i32, requests: mpsc::Receiver<(Req, Reply)>) {
    let df = client
        .prepare("SELECT n FROM factlint.df WHERE collection = $1 AND term = $2")
        .await;
    let each = client
        .prepare("SELECT doc, data FROM factlint.postings WHERE collection = $1 AND term = $2")
        .await;
    let fetch = client
        .prepare("SELECT key, record FROM factlint.documents WHERE id = $1")
        .await;
    let (df, each, fetch) = match (df, each, fetch) {
        (Ok(a), Ok(b), Ok(c)) => (a, b, c),
        (a, b, c) => {
            let e = [a.err(), b.err(), c.err()]
                .into_iter()
                .flatten()
                .next()
                .map(|e| db_err(&e))
                .unwrap_or_default();
            while let Ok((_, reply)) = requests.recv() {
                let _ = reply.send(Err(format!("preparing queries: {e}")));
            }
            return;
        }
    };
    // `recv` blocks this thread between requests; nothing else runs on its runtime then.
    while let Ok((req, reply)) = requests.recv() {
        let answer = match req {
            Req::Df(term) => timed(
                "reading a term",
                QUERY_TIMEOUT,
                client.query_opt(&df, &[&coll, &term]),
            )
            .await
            .map(|r| Resp::Df(r.map_or(0, |r| r.get(0)))),
            Req::Each(term) => timed(
                "reading postings",
                QUERY_TIMEOUT,
                client.query(&each, &[&coll, &term]),
            )
            .await
            .map(|rows| Resp::Each(rows.iter().map(|r| (r.get(0), r.get(1))).collect())),
            Req::DfMany(terms) => timed(
                "reading terms",
                QUERY_TIMEOUT,
                client.query(
                    "SELECT term, n FROM factlint.df WHERE collection = $1 AND term = ANY($2)",
                    &[&coll, &terms],
                ),
            )
            .await
            .map(|rows| Resp::DfMany(rows.iter().map(|r| (r.get(0), r.get(1))).collect())),
            Req::FetchMany(ids) => timed(
                "reading documents",
                QUERY_TIMEOUT,
                client.query(
                    "SELECT id, key, record FROM factlint.documents WHERE id = ANY($1)",
                    &[&ids],
                ),
            )
            .await
            .map(|rows| {
                Resp::FetchMany(
                    rows.iter()
                        .map(|r| (r.get(0), r.get(1), r.get(2)))
                        .collect(),
                )
            }),
            Req::Fetch(id) => timed(
                "reading a document",
                QUERY_TIMEOUT,
                client.query_opt(&fetch, &[&id]),
            )
            .await
            .map(|r| Resp::Fetch(r.map(|r| (r.get(0), r.get(1))))),
        };
        let _ = reply.send(answer);
    }
}

/// Opens the collection a database corpus URL names as a corpus whose documents are fetched
/// when a check needs them. `lang` is the reader's language setting: a collection analysed with
/// another gets a note. Fails with a message when the database cannot be reached or has no
/// such collection; never waits longer than the connect and query timeouts.
pub fn open_corpus(url: &str, lang: Option<Lang>) -> Result<(Corpus, LoadReport), String> {
    let target = Target::parse(url)?;
    let (req_tx, req_rx) = mpsc::channel::<(Req, Reply)>();
    let (open_tx, open_rx) = mpsc::channel::<Result<Opened, String>>();
    let wait = target.connect_timeout() + QUERY_TIMEOUT * 3 + Duration::from_secs(2);
    let shown = target.shown.clone();
    let mut report = LoadReport::default();
    report.notes.extend(target.notes.iter().cloned());
    std::thread::Builder::new()
        .name("factlint-postgres".into())
        .spawn(move || {
            let rt = match runtime() {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = open_tx.send(Err(e));
                    return;
                }
            };
            rt.block_on(async move {
                let client = match connect(&target, QUERY_TIMEOUT).await {
                    Ok(c) => c,
                    Err(e) => {
                        let _ = open_tx.send(Err(e));
                        return;
                    }
                };
                match open_collection(&client, &target).await {
                    Ok((opened, coll)) => {
                        if open_tx.send(Ok(opened)).is_ok() {
                            serve(client, coll, req_rx).await;
                        }
                    }
                    Err(e) => {
                        let _ = open_tx.send(Err(e));
                    }
                }
            });
        })
        .map_err(|e| format!("cannot start the database client: {e}"))?;
    let opened = match open_rx.recv_timeout(wait) {
        Ok(r) => r?,
        Err(_) => {
            return Err(format!(
                "corpus database {shown}: no answer within {} s",
                wait.as_secs()
            ))
        }
    };
    if opened.lang != lang_code(lang) {
        report.notes.push(format!(
            "corpus database {shown}: the collection was analysed with language setting {}, \
             this configuration reads drafts with {}",
            opened.lang,
            lang_code(lang)
        ));
    }
    let place = opened
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i as u32))
        .collect();
    report.loaded = opened.heads.len();
    report.from_cache = opened.heads.len();
    let snapshot = PgSnapshot {
        heads: opened.heads,
        ids: opened.ids,
        place,
        sentences: opened.sentences,
        requests: Mutex::new(req_tx),
        failed: Mutex::new(None),
        df_memo: Mutex::new(HashMap::new()),
        each_memo: Mutex::new(EachMemo::default()),
        shown,
    };
    Ok((
        Corpus::from_snapshot(Arc::new(snapshot) as Arc<dyn Snapshot>),
        report,
    ))
}

/// Watches the collection a URL names for ingests: sends on `changed` whenever an ingest into
/// it commits (`NOTIFY` on [`CHANNEL`]), and once after every reconnection (notifications may
/// have been missed meanwhile). Reconnects after `retry` when the connection fails or cannot be
/// made; returns when `changed` is closed. Runs on the caller's tokio runtime.
pub async fn watch(url: String, changed: tokio::sync::mpsc::UnboundedSender<()>, retry: Duration) {
    let Ok(target) = Target::parse(&url) else {
        return;
    };
    let mut first = true;
    loop {
        let _ = listen(&target, &changed, !first).await;
        first = false;
        tokio::select! {
            _ = tokio::time::sleep(retry) => {}
            _ = changed.closed() => return,
        }
    }
}

/// One connection's LISTEN loop; `Ok` when `changed` was closed, `Err` when the connection
/// failed.
async fn listen(
    target: &Target,
    changed: &tokio::sync::mpsc::UnboundedSender<()>,
    reconnected: bool,
) -> Result<(), String> {
    let limit = target.connect_timeout() + Duration::from_secs(1);
    let (client, mut connection) = tokio::time::timeout(limit, target.config.connect(NoTls))
        .await
        .map_err(|_| "connect timed out".to_string())?
        .map_err(|e| db_err(&e))?;
    let sql = format!("LISTEN {CHANNEL}");
    let mut subscribe = std::pin::pin!(client.batch_execute(&sql));
    let mut listening = false;
    loop {
        tokio::select! {
            r = &mut subscribe, if !listening => {
                r.map_err(|e| db_err(&e))?;
                listening = true;
                if reconnected && changed.send(()).is_err() {
                    return Ok(());
                }
            }
            m = std::future::poll_fn(|cx| connection.poll_message(cx)) => match m {
                Some(Ok(tokio_postgres::AsyncMessage::Notification(n))) => {
                    if n.channel() == CHANNEL
                        && n.payload() == target.collection
                        && changed.send(()).is_err()
                    {
                        return Ok(());
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(db_err(&e)),
                None => return Err("connection closed".into()),
            },
            _ = changed.closed() => return Ok(()),
        }
    }
}

/// The user's own settings that allow a database corpus a repository's configuration names:
/// `FACTLINT_ALLOW_REMOTE_CORPUS` (`1` or `*`: any; else URLs separated by commas or spaces) and
/// `allow-remote-corpus` (a list of URLs, or `true`) in the user configuration file
/// (`$XDG_CONFIG_HOME/factlint/config.toml`, else `~/.config/factlint/config.toml`).
/// An allowed URL matches when host, port, database and (if it names one) collection agree.
pub fn allowed(url: &str) -> Result<(), String> {
    let mut entries: Vec<String> = Vec::new();
    let mut sources = Vec::new();
    if let Some(v) = env("FACTLINT_ALLOW_REMOTE_CORPUS") {
        sources.push("FACTLINT_ALLOW_REMOTE_CORPUS".to_string());
        entries.extend(
            v.split([',', ' ', '\n'])
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    if let Some(file) = user_config_file() {
        if let Ok(text) = std::fs::read_to_string(&file) {
            if let Ok(v) = text.parse::<toml::Table>() {
                match v.get("allow-remote-corpus") {
                    Some(toml::Value::Boolean(true)) => entries.push("*".into()),
                    Some(toml::Value::String(s)) => entries.push(s.clone()),
                    Some(toml::Value::Array(a)) => {
                        entries.extend(a.iter().filter_map(|x| x.as_str()).map(str::to_string))
                    }
                    _ => {}
                }
                sources.push(file.display().to_string());
            }
        }
    }
    if entries
        .iter()
        .any(|e| e == "1" || e == "*" || e == "true" || same_database(e, url))
    {
        return Ok(());
    }
    Err(format!(
        "not connecting to the database corpus {} that a configuration file names: a \
         repository's configuration cannot send drafts to a database unless you allow it. To \
         allow it, set FACTLINT_ALLOW_REMOTE_CORPUS={} or add it to `allow-remote-corpus` in {} \
         (or pass it yourself with --corpus)",
        redact(url),
        allow_form(url),
        user_config_file()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| "~/.config/factlint/config.toml".into())
    ))
}

/// The user-level configuration file.
pub fn user_config_file() -> Option<PathBuf> {
    env("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".config")))
        .map(|d| d.join("factlint").join("config.toml"))
}

/// Which database a URL names: hosts, ports, database, collection.
type Identity = (Vec<String>, Vec<u16>, Option<String>, Option<String>);

/// The parts of a URL that say which database it is.
fn identity(url: &str) -> Option<Identity> {
    let s = split(url);
    let c: tokio_postgres::Config = s.base.parse().ok()?;
    let hosts = c
        .get_hosts()
        .iter()
        .map(|h| match h {
            tokio_postgres::config::Host::Tcp(h) => h.to_ascii_lowercase(),
            #[cfg(unix)]
            tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
        })
        .collect();
    Some((
        hosts,
        c.get_ports().to_vec(),
        c.get_dbname().map(str::to_string),
        s.collection,
    ))
}

/// Whether `allowed` (a URL the user allows) names the database `url` names.
fn same_database(allowed: &str, url: &str) -> bool {
    let (Some(a), Some(b)) = (identity(allowed), identity(url)) else {
        return false;
    };
    let ports = |p: &[u16]| if p.is_empty() { vec![5432] } else { p.to_vec() };
    a.0 == b.0 && ports(&a.1) == ports(&b.1) && a.2 == b.2 && (a.3.is_none() || a.3 == b.3)
}

/// The URL as the user would allow it: without password and parameters other than collection.
fn allow_form(url: &str) -> String {
    let s = split(&redact(url));
    let head = s.base.split('?').next().unwrap_or(&s.base).to_string();
    let head = match head.find("://").map(|i| i + 3) {
        Some(at) => match head[at..].find('@') {
            Some(u) => format!("{}{}", &head[..at], &head[at + u + 1..]),
            None => head,
        },
        None => head,
    };
    match s.collection {
        Some(c) => format!("{head}?collection={c}"),
        None => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_split_redacted_and_recognised() {
        assert!(is_database_url("postgres://h/db"));
        assert!(is_database_url("PostgreSQL://h/db"));
        assert!(!is_database_url("sources/postgres"));
        let s = split("postgres://u@h:5433/news?collection=wire&sslmode=disable&service=x");
        assert_eq!(s.base, "postgres://u@h:5433/news?sslmode=disable");
        assert_eq!(s.collection.as_deref(), Some("wire"));
        assert_eq!(s.service.as_deref(), Some("x"));
        assert!(s.sslmode_given);
        assert_eq!(
            redact("postgres://rep:secret@h/news?collection=wire"),
            "postgres://rep:***@h/news?collection=wire"
        );
        assert_eq!(redact("postgres://h/news"), "postgres://h/news");
        assert_eq!(
            redact("postgres://h/news?password=secret&collection=wire"),
            "postgres://h/news?password=***&collection=wire"
        );
        assert!(has_password("postgres://rep:secret@h/news"));
        assert!(has_password("postgres://h/news?password=x"));
        assert!(!has_password("postgres://rep@h/news?collection=wire"));
        assert_eq!(
            allow_form("postgres://rep:secret@h/news?collection=wire&sslmode=disable"),
            "postgres://h/news?collection=wire"
        );
        assert_eq!(percent_decode("a%20b%2"), "a b%2");
    }

    #[test]
    fn allowed_databases_match_by_host_port_database_and_collection() {
        let url = "postgres://rep@db.example:5432/news?collection=wire";
        assert!(same_database("postgres://db.example/news", url));
        assert!(same_database(
            "postgres://DB.example:5432/news?collection=wire",
            url
        ));
        assert!(!same_database(
            "postgres://db.example/news?collection=archive",
            url
        ));
        assert!(!same_database("postgres://db.example/newsroom", url));
        assert!(!same_database("postgres://db.example.evil/news", url));
        assert!(!same_database("postgres://db.example:5433/news", url));
    }

    #[test]
    fn service_files_and_pgpass_lines_are_read_as_libpq_reads_them() {
        let text = "# c\n[other]\nhost=x\n[news]\nhost = db.example\nport=6432\ndbname=news\n[z]\n";
        let s = service_section(text, "news").unwrap_or_default();
        assert_eq!(s.get("host").map(String::as_str), Some("db.example"));
        assert_eq!(s.get("port").map(String::as_str), Some("6432"));
        assert!(!s.contains_key("x"));
        assert!(service_section(text, "none").is_none());
        assert_eq!(
            pgpass_fields(r"db\:1:5432:*:rep:pa\:ss:w"),
            vec!["db:1", "5432", "*", "rep", "pa:ss:w"]
        );
    }

    #[test]
    fn tls_demands_are_refused_not_downgraded() {
        let e = Target::parse("postgres://h/db?sslmode=require")
            .err()
            .unwrap_or_default();
        assert!(e.contains("TLS"), "{e}");
        assert!(Target::parse("postgres://h/db?sslmode=disable").is_ok());
        let t = Target::parse("postgres://h/db?collection=wire").ok();
        assert_eq!(t.map(|t| t.collection), Some("wire".to_string()));
    }
}
