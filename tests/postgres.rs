//! The shared corpus on PostgreSQL, against a real server each test starts for itself: a
//! throwaway cluster (initdb + pg_ctl) in a temp folder, listening only on a unix socket there,
//! with password authentication. No system service is used. When PostgreSQL is not installed
//! (`tests/editors/postgres.deps.sh` installs it) the tests say so and pass without running.
//!
//! Covered: `corpus init` (schema, roles), `corpus ingest` of the fixtures and 240 more reports,
//! `check` against the collection giving byte for byte the JSON findings `check` against the
//! same files in a folder gives, an unchanged re-ingest reading nothing, an ingest killed
//! (SIGKILL) before and after a batch's commit leaving the collection consistent (statistics,
//! df and postings agree) and checkable, the next ingest storing exactly the rest, a read-only
//! role that can check but not ingest nor write any table through SQL, credentials from PGPASSWORD and from a `.pgpass` file, a
//! repository's `.factlint.toml` naming the database not being connected to unless the user
//! allows it (the server's connection log proves it), the database stopped between opening
//! and checking: a clear error, no findings from half a corpus; and the language server: a
//! document ingested while a draft is open shows up in its diagnostics in two servers sharing
//! the collection (LISTEN/NOTIFY), the database stopped mid-session and back (reconnect).

mod common;
use common::{filler, story};

use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SUPERUSER: &str = "factlint_admin";
const SUPERPASS: &str = "admin-secret";

/// A running throwaway cluster; stopped (immediately) when dropped.
struct Cluster {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    bin: PathBuf,
    port: u16,
    /// `runuser -u postgres --` when the tests run as root (initdb refuses root).
    as_user: Vec<String>,
}

fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").is_file() && b.join("pg_ctl").is_file())
        .collect();
    dirs.sort_by_key(|d| {
        d.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    dirs.pop()
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn is_root() -> bool {
    run(Command::new("id").arg("-u")).stdout.starts_with(b"0\n")
}

impl Cluster {
    /// Starts a cluster, or `None` (with a message) when PostgreSQL is not installed.
    fn start() -> Option<Cluster> {
        let Some(bin) = pg_bin() else {
            eprintln!(
                "SKIPPED: PostgreSQL not found (no /usr/lib/postgresql/*/bin/initdb); run \
                 tests/editors/postgres.deps.sh"
            );
            return None;
        };
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = tmp.path().to_path_buf();
        let pwfile = root.join("pw");
        std::fs::write(&pwfile, SUPERPASS).unwrap_or_else(|e| panic!("{e}"));
        let as_user: Vec<String> = if is_root() {
            // initdb and postgres refuse to run as root: the cluster belongs to `postgres`.
            run(Command::new("chown").args(["-R", "postgres:"]).arg(&root));
            run(Command::new("chmod").arg("0755").arg(&root));
            ["runuser", "-u", "postgres", "--"]
                .map(String::from)
                .to_vec()
        } else {
            Vec::new()
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or(54329);
        let c = Cluster {
            _tmp: tmp,
            root: root.clone(),
            bin,
            port,
            as_user,
        };
        let out = run(c.cmd("initdb").args([
            "-D",
            &c.data(),
            "-U",
            SUPERUSER,
            "--pwfile",
            &pwfile.display().to_string(),
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]));
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        c.pg_ctl_start();
        Some(c)
    }

    fn cmd(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        match self.as_user.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(exe);
                c
            }
            None => Command::new(exe),
        }
    }

    fn data(&self) -> String {
        self.root.join("data").display().to_string()
    }

    fn log(&self) -> PathBuf {
        self.root.join("server.log")
    }

    fn pg_ctl_start(&self) {
        let opts = format!(
            "-k {} -p {} -c listen_addresses='' -c fsync=off -c log_connections=on",
            self.root.display(),
            self.port
        );
        let out = run(self.cmd("pg_ctl").args([
            "-D",
            &self.data(),
            "-o",
            &opts,
            "-l",
            &self.log().display().to_string(),
            "-w",
            "-t",
            "60",
            "start",
        ]));
        assert!(
            out.status.success(),
            "pg_ctl start: {}{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(self.log()).unwrap_or_default()
        );
    }

    fn stop(&self) {
        let _ = run(self
            .cmd("pg_ctl")
            .args(["-D", &self.data(), "-m", "immediate", "-w", "stop"]));
    }

    /// A URL for `user` (no password: that comes from the environment or `.pgpass`).
    fn url(&self, user: &str, collection: &str) -> String {
        format!(
            "postgres://{user}@/newsroom?host={}&port={}&collection={collection}",
            self.root.display(),
            self.port
        )
    }

    /// Runs SQL as the superuser.
    fn sql(&self, db: &str, sql: &str) {
        let out = run(self
            .cmd("psql")
            .env("PGPASSWORD", SUPERPASS)
            .args(["-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.root)
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                SUPERUSER,
                "-d",
                db,
                "-c",
                sql,
            ]));
        assert!(
            out.status.success(),
            "psql: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs SQL as `user` (password `pw`): (succeeded, stdout unaligned without headers, stderr).
    fn psql(&self, user: &str, pw: &str, sql: &str) -> (bool, String, String) {
        let out = run(self
            .cmd("psql")
            .env("PGPASSWORD", pw)
            .args(["-X", "-tA", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.root)
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                user,
                "-d",
                "newsroom",
                "-c",
                sql,
            ]));
        (out.status.success(), text(&out.stdout), text(&out.stderr))
    }

    /// Fails unless the collection's statistics and document frequencies agree with its
    /// documents and postings (what a half-written ingest would break).
    fn assert_consistent(&self, collection: &str) {
        let sql = format!(
            "WITH c AS (SELECT id, sentences, total_len FROM factlint.collections \
             WHERE name = '{collection}') \
             SELECT (SELECT count(*) FROM factlint.documents d, c WHERE d.collection = c.id), \
             (SELECT c.sentences = coalesce(sum(d.sentences), 0) \
               AND c.total_len = coalesce(sum(d.total_len), 0) \
               FROM c LEFT JOIN factlint.documents d ON d.collection = c.id \
               GROUP BY c.sentences, c.total_len), \
             (SELECT count(*) FROM factlint.df f, c WHERE f.collection = c.id AND f.n <> \
               (SELECT coalesce(sum(length(p.data) / 12), 0) FROM factlint.postings p \
                WHERE p.collection = f.collection AND p.term = f.term)), \
             (SELECT count(*) FROM factlint.postings p, c WHERE p.collection = c.id \
               AND NOT EXISTS (SELECT 1 FROM factlint.documents d WHERE d.id = p.doc)), \
             (SELECT count(*) FROM factlint.files f, c WHERE f.collection = c.id \
               AND cardinality(f.skipped) = 0 \
               AND NOT EXISTS (SELECT 1 FROM factlint.documents d \
                 WHERE d.collection = f.collection AND d.path = f.path))"
        );
        let (ok, out, err) = self.psql(SUPERUSER, SUPERPASS, &sql);
        assert!(ok, "{err}");
        let v: Vec<&str> = out.trim().split('|').collect();
        assert!(
            v.len() == 5 && v[0] != "0" && v[1] == "t" && v[2..] == ["0", "0", "0"],
            "collection {collection} inconsistent: documents|stats agree|df wrong|orphan \
             postings|files without documents = {out}"
        );
    }

    /// How many connections the server has authorised so far.
    fn connections(&self) -> usize {
        std::fs::read_to_string(self.log())
            .unwrap_or_default()
            .matches("connection authorized")
            .count()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `factlint ARGS` in `dir` with a clean environment for credentials and trust (`envs` added).
fn factlint(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    run(&mut factlint_cmd(dir, args, envs))
}

/// The command [`factlint`] runs.
fn factlint_cmd(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factlint"));
    c.current_dir(dir)
        .args(args)
        .env("FACTLINT_CACHE_DIR", dir.join("cache"))
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"));
    for v in [
        "PGPASSWORD",
        "PGPASSFILE",
        "PGSERVICE",
        "PGHOST",
        "PGPORT",
        "PGUSER",
        "PGDATABASE",
        "FACTLINT_ALLOW_REMOTE_CORPUS",
    ] {
        c.env_remove(v);
    }
    for (k, v) in envs {
        c.env(k, v);
    }
    c
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `factlint check` against the database collection `reader` gives exactly the findings of a
/// check against the corpus folder.
fn same_findings_as_the_folder(dir: &Path, reader: &str, envs: &[(&str, &str)]) {
    let folder = factlint(dir, &["check", "--format", "json", "drafts"], &[]);
    let db = factlint(
        dir,
        &["check", "--format", "json", "--corpus", reader, "drafts"],
        envs,
    );
    assert_eq!(
        text(&db.stdout),
        text(&folder.stdout),
        "{}",
        text(&db.stderr)
    );
}

/// Sets up the database: the schema and roles, an ingesting and a reporting login.
fn newsroom(c: &Cluster, dir: &Path) {
    c.sql("postgres", "CREATE DATABASE newsroom");
    let admin = c.url(SUPERUSER, "wire");
    let out = factlint(
        dir,
        &["corpus", "init", "--to", &admin],
        &[("PGPASSWORD", SUPERPASS)],
    );
    assert!(out.status.success(), "init: {}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("001_init.sql"),
        "{}",
        text(&out.stderr)
    );
    // Again: nothing to apply.
    let out = factlint(
        dir,
        &["corpus", "init", "--to", &admin],
        &[("PGPASSWORD", SUPERPASS)],
    );
    assert!(
        text(&out.stderr).contains("up to date"),
        "{}",
        text(&out.stderr)
    );
    c.sql(
        "newsroom",
        "CREATE ROLE ingest LOGIN PASSWORD 'ingest-secret' IN ROLE factlint_writer; \
         CREATE ROLE reporter LOGIN PASSWORD 'reporter-secret' IN ROLE factlint_reader;",
    );
}

#[test]
fn check_against_the_database_equals_check_against_the_folder() {
    let Some(c) = Cluster::start() else { return };
    let tmp = story();
    let dir = tmp.path();
    newsroom(&c, dir);
    let writer = c.url("ingest", "wire");
    let reader = c.url("reporter", "wire");
    let ingest_pw = [("PGPASSWORD", "ingest-secret")];
    let out = factlint(
        dir,
        &["corpus", "ingest", "corpus", "--to", &writer],
        &ingest_pw,
    );
    let err = text(&out.stderr);
    assert!(out.status.success(), "ingest: {err}");
    assert!(err.contains("0 unchanged"), "{err}");
    // An unchanged corpus is not read again.
    let out = factlint(
        dir,
        &["corpus", "ingest", "corpus", "--to", &writer],
        &ingest_pw,
    );
    let err = text(&out.stderr);
    assert!(err.contains("0 file(s) stored"), "{err}");

    // The folder, then the database (the reporter's password from a .pgpass file).
    let _ = std::fs::write(dir.join(".factlint.toml"), "corpus = [\"corpus\"]\n");
    let folder = factlint(dir, &["check", "--format", "json", "drafts"], &[]);
    assert!(
        text(&folder.stdout).contains("number-conflict"),
        "the drafts must have findings to compare: {}",
        text(&folder.stdout)
    );
    let pgpass = dir.join("pgpass");
    let _ = std::fs::write(&pgpass, "*:*:newsroom:reporter:reporter-secret\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600));
    }
    let pgpass_env = [("PGPASSFILE", pgpass.to_str().unwrap_or_default())];
    let db = factlint(
        dir,
        &["check", "--format", "json", "--corpus", &reader, "drafts"],
        &pgpass_env,
    );
    assert_eq!(
        db.status.code(),
        folder.status.code(),
        "{}",
        text(&db.stderr)
    );
    assert!(!text(&db.stderr).contains("error"), "{}", text(&db.stderr));
    assert_eq!(text(&db.stdout), text(&folder.stdout));

    // The same through a libpq service file (host, port, database and user from it).
    let services = dir.join("pg_service.conf");
    let _ = std::fs::write(
        &services,
        format!(
            "[news]\nhost={}\nport={}\ndbname=newsroom\nuser=reporter\n",
            c.root.display(),
            c.port
        ),
    );
    let via_service = factlint(
        dir,
        &[
            "check",
            "--format",
            "json",
            "--corpus",
            "postgres://?service=news&collection=wire",
            "drafts",
        ],
        &[
            ("PGSERVICEFILE", services.to_str().unwrap_or_default()),
            ("PGPASSWORD", "reporter-secret"),
        ],
    );
    assert_eq!(
        text(&via_service.stdout),
        text(&folder.stdout),
        "{}",
        text(&via_service.stderr)
    );

    // A changed and a new file: ingest updates them, the findings follow the folder again.
    let more = dir.join("corpus").join("more");
    let _ = std::fs::write(more.join("r007.md"), filler(1007));
    let _ = std::fs::write(more.join("r999.md"), filler(999));
    let out = factlint(
        dir,
        &["corpus", "ingest", "corpus", "--to", &writer],
        &ingest_pw,
    );
    assert!(
        text(&out.stderr).contains("2 file(s) stored"),
        "{}",
        text(&out.stderr)
    );
    same_findings_as_the_folder(dir, &reader, &pgpass_env);

    // An ingest killed (SIGKILL) while its second batch of 5 is written but not committed,
    // then one killed just after its first commit: each batch is a transaction, so the
    // collection holds whole batches only, can be checked against, and the next ingest stores
    // exactly the files not committed.
    for i in 0..20 {
        let _ = std::fs::write(more.join(format!("k{i:02}.md")), filler(2_000 + i));
    }
    for i in 10..15 {
        let _ = std::fs::write(more.join(format!("r{i:03}.md")), filler(3_000 + i));
    }
    for at in ["before-commit:2", "after-commit:1"] {
        let mut cmd = factlint_cmd(
            dir,
            &["corpus", "ingest", "corpus", "--to", &writer],
            &[
                ingest_pw[0],
                ("FACTLINT_TEST_STORE_BATCH", "5"),
                ("FACTLINT_TEST_STORE_PAUSE", at),
            ],
        );
        cmd.stderr(std::process::Stdio::piped());
        let child = cmd.spawn().unwrap_or_else(|e| panic!("{e}"));
        common::kill_at_line(child, &format!("store paused {at}"));
        c.assert_consistent("wire");
        let db = factlint(
            dir,
            &["check", "--format", "json", "--corpus", &reader, "drafts"],
            &pgpass_env,
        );
        assert_ne!(db.status.code(), Some(2), "{}", text(&db.stderr));
        assert!(text(&db.stdout).contains("number-conflict"));
    }
    let out = factlint(
        dir,
        &["corpus", "ingest", "corpus", "--to", &writer],
        &ingest_pw,
    );
    assert!(
        text(&out.stderr).contains("15 file(s) stored"),
        "25 files changed, 10 committed before the kills: {}",
        text(&out.stderr)
    );
    c.assert_consistent("wire");
    same_findings_as_the_folder(dir, &reader, &pgpass_env);

    // The reporter's role reads but cannot write: not through factlint, not through SQL.
    for sql in [
        "DELETE FROM factlint.documents",
        "UPDATE factlint.collections SET sentences = 0",
        "INSERT INTO factlint.df VALUES (1, 'x', 1)",
        "TRUNCATE factlint.postings",
        "CREATE TABLE factlint.mine (x int)",
        "SELECT nextval('factlint.document_ids')",
    ] {
        let (ok, _, err) = c.psql("reporter", "reporter-secret", sql);
        assert!(!ok && err.contains("permission denied"), "{sql}: {err}");
    }
    c.assert_consistent("wire");
    let out = factlint(
        dir,
        &["corpus", "ingest", "corpus", "--to", &reader],
        &pgpass_env,
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("permission denied"), "{err}");
    // A wrong password is a clear error.
    let out = factlint(
        dir,
        &["check", "--corpus", &reader, "drafts"],
        &[("PGPASSWORD", "wrong")],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(!err.contains("wrong"), "the password is never shown: {err}");
}

#[test]
fn a_repository_config_naming_a_database_needs_the_users_consent() {
    let Some(c) = Cluster::start() else { return };
    let tmp = story();
    let dir = tmp.path();
    newsroom(&c, dir);
    let writer = c.url("ingest", "wire");
    let out = factlint(
        dir,
        &["corpus", "ingest", "corpus", "--to", &writer],
        &[("PGPASSWORD", "ingest-secret")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let reader = c.url("reporter", "wire");
    let pw = ("PGPASSWORD", "reporter-secret");
    let _ = std::fs::write(
        dir.join(".factlint.toml"),
        format!("corpus = [\"{reader}\"]\n"),
    );
    let before = c.connections();
    let out = factlint(dir, &["check", "drafts"], &[pw]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("FACTLINT_ALLOW_REMOTE_CORPUS"), "{err}");
    assert_eq!(c.connections(), before, "no connection was made");
    // Another database on the same server is not allowed by allowing this one's neighbour.
    let other = format!(
        "postgres:///other?host={}&port={}",
        c.root.display(),
        c.port
    );
    let out = factlint(
        dir,
        &["check", "drafts"],
        &[pw, ("FACTLINT_ALLOW_REMOTE_CORPUS", &other)],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(c.connections(), before, "no connection was made");
    // Allowed in the environment, or in the user's configuration file.
    let out = factlint(
        dir,
        &["check", "drafts"],
        &[pw, ("FACTLINT_ALLOW_REMOTE_CORPUS", &reader)],
    );
    assert_ne!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(c.connections() > before);
    let _ = std::fs::create_dir_all(dir.join("config/factlint"));
    let _ = std::fs::write(
        dir.join("config/factlint/config.toml"),
        format!("allow-remote-corpus = [\"{reader}\"]\n"),
    );
    let out = factlint(dir, &["check", "drafts"], &[pw]);
    assert_ne!(out.status.code(), Some(2), "{}", text(&out.stderr));
    // A password in the repository's configuration is refused outright.
    let with_pw = reader.replace("reporter@", "reporter:reporter-secret@");
    let _ = std::fs::write(
        dir.join(".factlint.toml"),
        format!("corpus = [\"{with_pw}\"]\n"),
    );
    let out = factlint(dir, &["check", "drafts"], &[]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("passwords do not belong"), "{err}");
}

#[test]
fn a_database_that_goes_away_gives_a_clear_error() {
    use factlint::corpus::store::postgres;
    let Some(c) = Cluster::start() else { return };
    let tmp = story();
    let dir = tmp.path();
    newsroom(&c, dir);
    let writer = c.url("ingest", "wire");
    let out = factlint(
        dir,
        &["corpus", "ingest", "corpus", "--to", &writer],
        &[("PGPASSWORD", "ingest-secret")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Opened, then the server stops before the draft is checked: the corpus says it failed.
    let reader = c
        .url(SUPERUSER, "wire")
        .replace("@/", &format!(":{SUPERPASS}@/"));
    let (corpus, report) =
        postgres::open_corpus(&reader, None).unwrap_or_else(|e| panic!("open: {e}"));
    assert!(report.loaded > 200);
    assert_eq!(corpus.docs.fetched(), 0, "opening fetches no document");
    c.stop();
    let draft = std::fs::read_to_string(dir.join("drafts").join("en").join("concert.md"))
        .unwrap_or_default();
    assert!(!draft.is_empty());
    let config = factlint::config::Config::default();
    let _ = factlint::analysis::analyze(&draft, None, &corpus, &config);
    let why = corpus.failure().unwrap_or_default();
    assert!(why.contains("corpus database"), "{why:?}");
    // The CLI against the stopped server: a clear message, exit status 2.
    let out = factlint(
        dir,
        &["check", "--corpus", &writer, "drafts"],
        &[("PGPASSWORD", "ingest-secret")],
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cannot connect to postgres://ingest@/newsroom"),
        "{err}"
    );
}

#[test]
fn an_ingest_reaches_an_open_draft() {
    let Some(c) = Cluster::start() else { return };
    let tmp = story();
    let dir = tmp.path().canonicalize().unwrap_or_else(|e| panic!("{e}"));
    newsroom(&c, &dir);
    let writer = c.url("ingest", "wire");
    let pw = [("PGPASSWORD", "ingest-secret")];
    let ingest = |what: &Path| {
        let out = factlint(
            &dir,
            &[
                "corpus",
                "ingest",
                &what.display().to_string(),
                "--to",
                &writer,
            ],
            &pw,
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
    };
    // First only the reports of other events.
    ingest(&dir.join("corpus").join("more"));
    // The editor's own setting names the database (with its password: the user's settings,
    // not a repository's file), so no consent is asked.
    let url = c
        .url("reporter", "wire")
        .replace("reporter@", "reporter:reporter-secret@");
    let mut lsp = common::Lsp::start_quiet();
    lsp.initialize(&dir, json!({ "corpus": [url], "debounceMs": 0 }), json!({}));
    let draft = dir.join("drafts").join("en").join("concert.md");
    let uri = common::file_uri(&draft);
    let body = std::fs::read_to_string(&draft).unwrap_or_default();
    lsp.open(&uri, &body, 1);
    // The event's own reports are not in the collection yet: no evidence from them.
    let from_event = |diags: &[serde_json::Value]| {
        serde_json::to_string(diags)
            .unwrap_or_default()
            .contains("/corpus/en/")
    };
    let before = lsp.diagnostics(&uri, 1);
    assert!(!from_event(&before), "{before:#?}");
    // A second reporter's server on the same collection.
    let mut other = common::Lsp::start_quiet();
    other.initialize(&dir, json!({ "corpus": [url], "debounceMs": 0 }), json!({}));
    other.open(&uri, &body, 1);
    let theirs = other.diagnostics(&uri, 1);
    assert!(!from_event(&theirs), "{theirs:#?}");
    // Ingested while the draft is open: both servers are notified and check it again.
    ingest(&dir.join("corpus").join("en"));
    let after = lsp.diagnostics_where(&uri, 1, "diagnostics with the new reports", from_event);
    assert!(
        after.iter().any(|d| d["code"] == "number-conflict"),
        "{after:#?}"
    );
    let theirs = other.diagnostics_where(&uri, 1, "the other server's new diagnostics", from_event);
    assert_eq!(theirs, after, "both servers give the same diagnostics");
    other.shutdown();
    // The database goes away mid-session: an edit that needs it is not answered from half a
    // corpus; the user is told, and once it is back the draft is checked again.
    c.stop();
    let edited = format!("{body}\nThe Quorvale committee met with 4,321 delegates on Tuesday.\n");
    lsp.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": edited }],
        }),
    );
    lsp.wait_any("a message that the database stopped answering", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.contains("corpus database") && t.contains("last complete check"))
    });
    c.pg_ctl_start();
    let back = lsp.diagnostics_where(&uri, 2, "diagnostics once the database is back", from_event);
    assert!(
        back.iter().any(|d| d["code"] == "number-conflict"),
        "{back:#?}"
    );
    lsp.shutdown();
}
