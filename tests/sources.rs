//! End-to-end tests of `factlint source` and `factlint add` (the real binary), of a corpus that
//! mixes formats, and of fetching from a local HTTP server started by the test (never the
//! internet).

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sources")
        .join(name)
}

fn factlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run factlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr:\n{}", stdout(o), stderr(o)))
}

fn source_json(file: &str) -> Value {
    let p = fixture(file);
    let o = factlint(Path::new("."), &["source", &p.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
    json(&o)
}

#[test]
fn source_prints_each_format_as_json() {
    let cases = [
        (
            "page.html",
            "Hafenkurier",
            "de",
            "Die Hafenbrücke bleibt bis Ende Mai gesperrt.",
        ),
        (
            "newsml-g2.xml",
            "dpa",
            "de",
            "Hamburg (dpa) - Die Hafenbrücke",
        ),
        (
            "digitalwires.json",
            "dpa",
            "de",
            "Hamburg (dpa) - Die Hafenbrücke",
        ),
        ("wire.iptc", "dpa", "de", "Hamburg (dpa) - Die Hafenbrücke"),
        (
            "story.nitf.xml",
            "Harbor Ledger",
            "en",
            "The harbor bridge will stay closed",
        ),
        (
            "ninjs.json",
            "Harbor Ledger",
            "en",
            "The harbor bridge will stay closed",
        ),
        (
            "newsml1.xml",
            "Business Wire",
            "en",
            "repairs will last until May",
        ),
        (
            "release.pdf",
            "Hafenbehörde",
            "de",
            "Die Hafenbrücke bleibt bis Ende Mai gesperrt.",
        ),
        (
            "transcript.docx",
            "Hafenbehörde",
            "de",
            "bis Ende Mai gesperrt",
        ),
    ];
    for (file, source, lang, text) in cases {
        let v = source_json(file);
        assert_eq!(v["source"], source, "{file}: {v}");
        assert!(
            v["lang"].as_str().is_some_and(|l| l.starts_with(lang)),
            "{file}: {v}"
        );
        let body = v["text"].as_str().unwrap_or_default();
        assert!(body.contains(text), "{file}: {body}");
        for secret in ["0171", "555-0100", "Notizblock", "Teilen auf", "Foto: "] {
            assert!(!body.contains(secret), "{file}: {secret} leaked: {body}");
        }
        assert!(v["title"].is_string(), "{file}: {v}");
    }
}

#[test]
fn a_feed_is_an_array_and_markdown_has_front_matter() {
    let v = source_json("feed.rss");
    let items = v.as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 2, "{v}");
    assert_eq!(items[1]["summary_only"], true);
    let p = fixture("page.html");
    let o = factlint(
        Path::new("."),
        &["source", &p.to_string_lossy(), "--format", "markdown"],
    );
    let md = stdout(&o);
    assert!(md.starts_with("---\ntitle: "), "{md}");
    assert!(md.contains("\nsource: Hafenkurier\n"), "{md}");
    assert!(md.contains("\nurl: https://hafenkurier.example/lokales/hafenbruecke-gesperrt\n"));
}

#[test]
fn bad_sources_fail_with_a_reason_and_are_skipped_in_a_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("dir");
    let pdf = std::fs::read(fixture("release.pdf")).expect("fixture");
    let docx = std::fs::read(fixture("transcript.docx")).expect("fixture");
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("broken.pdf", pdf[..pdf.len() / 2].to_vec()),
        ("broken.docx", docx[..docx.len() / 2].to_vec()),
        ("broken.xml", b"<newsMessage><itemSet><newsItem>".to_vec()),
        ("broken.json", b"{\"headlines\": [".to_vec()),
        ("image.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()),
        ("data.json", b"{\"some\": \"thing\"}".to_vec()),
    ];
    for (name, bytes) in &bad {
        let p = corpus.join(name);
        std::fs::write(&p, bytes).expect("write");
        let o = factlint(dir.path(), &["source", &p.to_string_lossy()]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stdout(&o));
        assert!(stderr(&o).contains(name), "{name}: {}", stderr(&o));
    }
    // In a corpus they are skipped, the rest is used.
    std::fs::copy(fixture("page.html"), corpus.join("page.html")).expect("copy");
    std::fs::write(
        dir.path().join("draft.md"),
        "Nach Angaben der Behörde fahren täglich 90.000 Fahrzeuge über die Brücke.\n",
    )
    .expect("write");
    let o = factlint(
        dir.path(),
        &[
            "check",
            "draft.md",
            "--corpus",
            "corpus",
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    for (name, _) in &bad {
        assert!(err.contains(name), "{name} not named as skipped: {err}");
    }
}

/// The findings of a report, reduced to what must not depend on the corpus's file formats: the
/// rule, where in the draft, and the outlets its evidence names.
fn finding_keys(v: &Value) -> Vec<(String, Value, Vec<String>)> {
    let mut out: Vec<_> = v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["findings"].as_array().cloned().unwrap_or_default())
        .map(|f| {
            let mut names: Vec<String> = f["evidence"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["source"]["name"].as_str().map(str::to_string))
                .collect();
            names.sort();
            (f["rule"].to_string(), f["range"].clone(), names)
        })
        .collect();
    out.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    out
}

const PAGE_MD: &str = "---
title: Hafenbrücke bleibt bis Ende Mai gesperrt
source: Hafenkurier
date: 2024-03-14T09:30:00+01:00
---

Die Hafenbrücke bleibt bis Ende Mai gesperrt. Das teilte die Hafenbehörde am Donnerstag mit, nachdem Prüfer bei einer zweiten Untersuchung weitere Schäden an den Trägern gefunden hatten.

Nach Angaben der Behörde fahren an einem normalen Werktag täglich 68.000 Fahrzeuge über die Brücke. Die Reparatur der Fahrbahn und der beiden Träger kostet nach ersten Schätzungen rund 12 Millionen Euro.

Pendler sollen während der Sperrung auf die Fähren ausweichen, die seit dieser Woche alle zehn Minuten zwischen den beiden Ufern fahren. Die Busse der Linie 4 werden über die Nordumgehung geleitet.

Die Sperrung hatte Anfang Februar begonnen, nachdem Prüfer Risse in zwei Trägern entdeckt hatten. Hafensenatorin Jana Holm sagte, die Sicherheit der Menschen gehe vor, auch wenn die Sperrung viele Betriebe im Hafen belaste.
";

const DPA_MD: &str = "---
title: Hafenbrücke bleibt bis Mai gesperrt
source: dpa
date: 2024-03-14T10:15:00+01:00
---

Die Hafenbrücke bleibt länger zu.

Hamburg (dpa) - Die Hafenbrücke bleibt bis Ende Mai gesperrt. Das teilte die Hafenbehörde am Donnerstag mit.

Nach Angaben der Behörde fahren täglich 68.000 Fahrzeuge über die Brücke. Die Reparatur kostet rund 12 Millionen Euro.
";

const FEED_1_MD: &str = "---
title: Hafenbrücke bleibt bis Ende Mai gesperrt
source: Hafenkurier
date: 2024-03-14T08:30:00+00:00
---

Die Hafenbrücke bleibt bis Ende Mai gesperrt. Das teilte die Hafenbehörde am Donnerstag mit.

Nach Angaben der Behörde fahren täglich 68.000 Fahrzeuge über die Brücke.
";

const FEED_2_MD: &str = "---
title: Fähren fahren öfter
source: Hafenkurier
date: 2024-03-15T07:00:00+00:00
---

Die Fähren fahren nun alle zehn Minuten.
";

const RELEASE_MD: &str = "---
title: Hafenbruecke bleibt gesperrt
source: Hafenbehörde
---

Pressemitteilung der Hafenbehörde

Die Hafenbrücke bleibt bis Ende Mai gesperrt. Nach Angaben der Behörde fahren täglich 68.000 Fahrzeuge über die Brücke.
";

const DRAFT: &str = "# Hafenbrücke

Nach Angaben der Behörde fahren täglich 90.000 Fahrzeuge über die Brücke.

Die Reparatur kostet rund 30 Millionen Euro.

Die Fähren fahren nun alle zehn Minuten.
";

/// The same reports as HTML, NewsML-G2, RSS and PDF give the findings their Markdown versions
/// give, and the evidence names the outlets.
#[test]
fn a_mixed_format_corpus_gives_the_findings_of_its_markdown_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let mixed = root.join("mixed");
    let markdown = root.join("markdown");
    std::fs::create_dir_all(&mixed).expect("dir");
    std::fs::create_dir_all(&markdown).expect("dir");
    for f in ["page.html", "newsml-g2.xml", "feed.rss", "release.pdf"] {
        std::fs::copy(fixture(f), mixed.join(f)).expect("copy");
    }
    for (name, text) in [
        ("page.md", PAGE_MD),
        ("dpa.md", DPA_MD),
        ("feed-1.md", FEED_1_MD),
        ("feed-2.md", FEED_2_MD),
        ("release.md", RELEASE_MD),
    ] {
        std::fs::write(markdown.join(name), text).expect("write");
    }
    std::fs::write(root.join("draft.md"), DRAFT).expect("write");
    let run = |corpus: &str| {
        let o = factlint(
            root,
            &[
                "check",
                "draft.md",
                "--corpus",
                corpus,
                "--no-cache",
                "--format",
                "json",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{corpus}: {}", stderr(&o));
        json(&o)
    };
    let from_mixed = finding_keys(&run("mixed"));
    let from_markdown = finding_keys(&run("markdown"));
    assert!(from_mixed.len() >= 2, "{from_mixed:?}");
    assert_eq!(from_mixed, from_markdown);
    let names: Vec<&String> = from_mixed.iter().flat_map(|f| &f.2).collect();
    for outlet in ["Hafenkurier", "dpa", "Hafenbehörde"] {
        assert!(
            names.iter().any(|n| *n == outlet),
            "{outlet} not named: {names:?}"
        );
    }
}

/// A tiny HTTP server for the fetch tests: one thread per connection, routes by path.
fn serve() -> (String, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = format!("http://{}", listener.local_addr().expect("addr"));
    let page = std::fs::read(fixture("page.html")).expect("fixture");
    let handle = std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let page = page.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(match stream.try_clone() {
                    Ok(s) => s,
                    Err(_) => return,
                });
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                        break;
                    }
                }
                let respond = |s: &mut std::net::TcpStream,
                               status: &str,
                               headers: &str,
                               body: &[u8]| {
                    let head = format!(
                        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = s.write_all(head.as_bytes());
                    let _ = s.write_all(body);
                };
                match path.as_str() {
                    "/page" => respond(
                        &mut stream,
                        "200 OK",
                        "Content-Type: text/html; charset=utf-8\r\n",
                        &page,
                    ),
                    "/redirect" => respond(&mut stream, "302 Found", "Location: /page\r\n", b""),
                    "/to-file" => respond(
                        &mut stream,
                        "302 Found",
                        "Location: file:///etc/passwd\r\n",
                        b"",
                    ),
                    "/loop" => respond(&mut stream, "302 Found", "Location: /loop\r\n", b""),
                    "/image" => respond(
                        &mut stream,
                        "200 OK",
                        "Content-Type: image/png\r\n",
                        b"\x89PNG\r\n",
                    ),
                    "/huge" => respond(
                        &mut stream,
                        "200 OK",
                        "Content-Type: text/html\r\n",
                        &vec![b'a'; 3 << 20],
                    ),
                    "/huge-unsized" => {
                        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n");
                        let chunk = vec![b'a'; 64 << 10];
                        for _ in 0..48 {
                            if stream.write_all(&chunk).is_err() {
                                break;
                            }
                        }
                    }
                    "/slow" => {
                        std::thread::sleep(Duration::from_secs(5));
                        respond(&mut stream, "200 OK", "Content-Type: text/html\r\n", &page);
                    }
                    _ => respond(
                        &mut stream,
                        "404 Not Found",
                        "Content-Type: text/plain\r\n",
                        b"no",
                    ),
                }
            });
        }
    });
    (addr, handle)
}

#[test]
fn add_fetches_pages_over_http_with_limits() {
    let (base, _server) = serve();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let add = |args: &[&str]| {
        let mut all = vec!["add", "--to", "corpus"];
        all.extend_from_slice(args);
        factlint(root, &all)
    };
    // A page: saved as Markdown named from its title, with front matter.
    let o = add(&[&format!("{base}/page")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let saved = root.join("corpus/hafenbruecke-bleibt-bis-ende-mai-gesperrt.md");
    let text = std::fs::read_to_string(&saved).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    for field in [
        "title: ",
        "source: Hafenkurier",
        "url: https://hafenkurier.example/",
        "date: 2024-03-14",
        "lang: de",
        "retrieved: ",
    ] {
        assert!(text.contains(field), "{field} missing: {text}");
    }
    // The same page through a redirect: same URL, so the file is kept (unchanged), not doubled.
    let o = add(&[&format!("{base}/redirect")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("unchanged"), "{}", stdout(&o));
    assert_eq!(
        std::fs::read_dir(root.join("corpus"))
            .map(|d| d.count())
            .unwrap_or(0),
        1
    );
    // Failures: each says what failed, nothing is written.
    let cases = [
        ("/missing", "404"),
        ("/image", "image/png"),
        ("/to-file", "only http and https"),
        ("/loop", "redirects"),
        ("/huge", "too large"),
        ("/huge-unsized", "too large"),
    ];
    for (path, why) in cases {
        let o = add(&["--max-bytes", "1000000", &format!("{base}{path}")]);
        assert_eq!(o.status.code(), Some(2), "{path}: {}", stdout(&o));
        assert!(stderr(&o).contains(why), "{path}: {}", stderr(&o));
    }
    let start = std::time::Instant::now();
    let o = add(&["--timeout", "1", &format!("{base}/slow")]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    assert!(stderr(&o).contains("within"), "{}", stderr(&o));
    for url in ["file:///etc/passwd", "ftp://example.org/x"] {
        let o = add(&[url]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("only http and https"), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read_dir(root.join("corpus"))
            .map(|d| d.count())
            .unwrap_or(0),
        1
    );
}

#[test]
fn add_saves_files_one_per_item_and_never_overwrites_another_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let feed = fixture("feed.rss");
    let o = factlint(root, &["add", "--to", "corpus", &feed.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(root.join("corpus"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "faehren-fahren-oefter.md",
            "hafenbruecke-bleibt-bis-ende-mai-gesperrt.md"
        ]
    );
    // A different document with the same title gets its own file.
    let other = root.join("other.html");
    let page = std::fs::read_to_string(fixture("page.html")).expect("fixture");
    std::fs::write(
        &other,
        page.replace(
            "hafenkurier.example/lokales/hafenbruecke-gesperrt",
            "other.example/b",
        )
        .replace("68.000", "70.000"),
    )
    .expect("write");
    let o = factlint(root, &["add", "--to", "corpus", &other.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("hafenbruecke-bleibt-bis-ende-mai-gesperrt-2.md"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("different document"), "{}", stdout(&o));
    // The page under the feed item's URL: updated in place, and said so.
    let page_path = fixture("page.html");
    let o = factlint(
        root,
        &["add", "--to", "corpus", &page_path.to_string_lossy()],
    );
    assert!(stdout(&o).contains("updated"), "{}", stdout(&o));
    // No corpus folder configured and no --to: a clear error.
    let o = factlint(root, &["add", &page_path.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--to"), "{}", stderr(&o));
}
