//! End-to-end tests of `factlint check`: the real binary on a tiny corpus and drafts in a temp dir.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EN_CORPUS: &str = "---
title: Harbour Bridge closes for repairs
source: Port Gazette
date: 2026-02-01
url: https://port-gazette.example/harbour-bridge
---

The Harbour Bridge will close for 18 months from March for a full renovation.

According to the city transport office, the bridge carries 68,000 vehicles a day.

Commuters are advised to use the ferry or the northern ring road during the works.
";

const DE_CORPUS: &str = "---
title: Rheinbrücke wird saniert
source: Neustädter Anzeiger
date: 2026-02-01
---

Die Rheinbrücke in Neustadt wird ab März für 18 Monate gesperrt.

Nach Angaben des Verkehrsamts fahren täglich 68.000 Fahrzeuge über die Brücke.

Pendler sollen während der Bauzeit auf die Fähre oder die Nordumgehung ausweichen.
";

/// A figure the corpus contradicts (68,000 vehicles a day), attributed as in the corpus.
const EN_CONFLICT: &str = "# Harbour Bridge to close

According to the city transport office, the bridge carries 90,000 vehicles a day.
";

const DE_CONFLICT: &str = "# Rheinbrücke wird gesperrt

Nach Angaben des Verkehrsamts fahren täglich 90.000 Fahrzeuge über die Brücke.
";

/// Nothing to object to: no figure, no quote, no claim the corpus reports as somebody's statement.
const EN_CLEAN: &str = "# Harbour Bridge

The bridge crosses the harbour.
";

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().to_path_buf();
        let f = Fixture { _dir: dir, root };
        f.write("corpus/en/harbour-bridge.md", EN_CORPUS.as_bytes());
        f.write("corpus/de/rheinbruecke.md", DE_CORPUS.as_bytes());
        f.write("drafts/en/conflict.md", EN_CONFLICT.as_bytes());
        f.write("drafts/de/konflikt.md", DE_CONFLICT.as_bytes());
        f.write("drafts/en/clean.md", EN_CLEAN.as_bytes());
        f
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.root.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(&p, bytes).expect("write file");
        p
    }

    /// Runs `factlint check` in the fixture root with the given arguments.
    fn check(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_factlint"))
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .arg("check")
            .args(args)
            .output()
            .expect("run factlint")
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn json(o: &Output) -> Value {
    match serde_json::from_slice(&o.stdout) {
        Ok(v) => v,
        Err(e) => panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            stdout(o),
            stderr(o)
        ),
    }
}

/// Every finding in a `--format json` report.
fn findings(v: &Value) -> Vec<Value> {
    v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["findings"].as_array().cloned().unwrap_or_default())
        .collect()
}

fn file_stem(uri: &str) -> String {
    Path::new(uri)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

const FORMATS: [&str; 5] = ["human", "json", "sarif", "github", "checkstyle"];

fn assert_well_formed(format: &str, o: &Output, draft: &str) {
    let out = stdout(o);
    assert!(
        code(o) == 0 || code(o) == 1,
        "{format}: exit {}\n{}",
        code(o),
        stderr(o)
    );
    match format {
        "human" => {
            let last = out.lines().last().unwrap_or("");
            let summary = last == "no findings"
                || (last.contains(" finding") && last.contains(" in ") && last.contains(" file"));
            assert!(summary, "{format}: no summary line:\n{out}");
            assert!(!out.contains('\x1b'), "no colours when piped");
        }
        "json" => {
            let v = json(o);
            assert_eq!(v["version"], 1);
            assert_eq!(v["tool"]["name"], "factlint");
            let files = v["files"].as_array().cloned().unwrap_or_default();
            assert_eq!(files.len(), 1);
            assert_eq!(files[0]["path"], draft);
            assert!(files[0]["findings"].is_array());
            for f in findings(&v) {
                for key in ["rule", "severity", "message", "range", "evidence", "fixes"] {
                    assert!(f.get(key).is_some(), "json finding without {key}: {f}");
                }
                for key in ["offset", "line", "column", "column_utf16"] {
                    assert!(f["range"]["start"][key].is_u64(), "range.start.{key}: {f}");
                    assert!(f["range"]["end"][key].is_u64(), "range.end.{key}: {f}");
                }
            }
            assert!(v["summary"]["findings"].is_u64());
        }
        "sarif" => {
            let v = json(o);
            assert!(
                v["$schema"].as_str().unwrap_or("").contains("sarif"),
                "$schema"
            );
            assert_eq!(v["version"], "2.1.0");
            let runs = v["runs"].as_array().cloned().unwrap_or_default();
            assert_eq!(runs.len(), 1);
            let run = &runs[0];
            assert_eq!(run["columnKind"], "utf16CodeUnits");
            let driver = &run["tool"]["driver"];
            assert_eq!(driver["name"], "factlint");
            assert!(driver["version"].is_string());
            assert!(driver["informationUri"].is_string());
            let rules = driver["rules"].as_array().cloned().unwrap_or_default();
            let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
            assert_eq!(
                ids,
                [
                    "unsourced-claim",
                    "number-conflict",
                    "disputed-figure",
                    "misattributed-figure",
                    "quote-mismatch"
                ]
            );
            for r in &rules {
                assert!(r["shortDescription"]["text"].is_string());
                assert!(r["fullDescription"]["text"].is_string());
                assert!(r["help"]["text"].is_string());
                assert!(r["helpUri"].as_str().unwrap_or("").starts_with("http"));
                let level = r["defaultConfiguration"]["level"].as_str().unwrap_or("");
                assert!(["error", "warning", "note"].contains(&level), "{r}");
            }
            let results = run["results"].as_array().cloned().unwrap_or_default();
            assert!(run["results"].is_array());
            for r in &results {
                let id = r["ruleId"].as_str().unwrap_or("");
                let index = r["ruleIndex"].as_u64().unwrap_or(99) as usize;
                assert_eq!(ids.get(index).copied(), Some(id), "ruleIndex: {r}");
                assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap_or("")));
                assert!(r["message"]["text"].is_string());
                let loc = &r["locations"][0]["physicalLocation"];
                assert_eq!(loc["artifactLocation"]["uri"], draft);
                for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                    assert!(
                        loc["region"][key].as_u64().unwrap_or(0) >= 1,
                        "region.{key}: {r}"
                    );
                }
                for rel in r["relatedLocations"].as_array().into_iter().flatten() {
                    assert!(rel["id"].is_u64());
                    assert!(rel["physicalLocation"]["artifactLocation"]["uri"].is_string());
                    assert!(rel["physicalLocation"]["region"]["startLine"].is_u64());
                    let text = rel["message"]["text"].as_str().unwrap_or("");
                    assert!(
                        text.starts_with("supports: ") || text.starts_with("contradicts: "),
                        "{text}"
                    );
                }
                for fix in r["fixes"].as_array().into_iter().flatten() {
                    assert!(fix["description"]["text"].is_string());
                    let change = &fix["artifactChanges"][0];
                    assert_eq!(change["artifactLocation"]["uri"], draft);
                    for rep in change["replacements"].as_array().into_iter().flatten() {
                        assert!(rep["deletedRegion"]["startLine"].is_u64());
                        assert!(rep["deletedRegion"]["endColumn"].is_u64());
                        assert!(rep["insertedContent"]["text"].is_string());
                    }
                }
            }
        }
        "github" => {
            for line in out.lines() {
                let ok = ["::error file=", "::warning file=", "::notice file="]
                    .iter()
                    .any(|p| line.starts_with(p));
                assert!(ok, "github: {line}");
                assert!(
                    line.contains(",title=factlint (") && line.contains(")::"),
                    "github: {line}"
                );
            }
        }
        "checkstyle" => {
            assert!(
                out.starts_with(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
                ),
                "{out}"
            );
            assert!(out.ends_with("</checkstyle>\n"), "{out}");
            assert!(out.contains(&format!("<file name=\"{draft}\"")), "{out}");
            assert_eq!(
                out.matches("<error ").count(),
                out.matches("source=\"factlint.").count()
            );
        }
        _ => unreachable!(),
    }
}

#[test]
fn every_format_is_well_formed() {
    let fx = Fixture::new();
    for (draft, corpus, lang) in [
        ("drafts/en/conflict.md", "corpus/en", "en"),
        ("drafts/de/konflikt.md", "corpus/de", "de"),
        ("drafts/en/clean.md", "corpus/en", "en"),
    ] {
        for format in FORMATS {
            let o = fx.check(&[
                draft, "--corpus", corpus, "--lang", lang, "--format", format,
            ]);
            assert_well_formed(format, &o, draft);
        }
    }
}

#[test]
fn clean_draft_exits_zero_with_no_findings() {
    let fx = Fixture::new();
    let o = fx.check(&[
        "drafts/en/clean.md",
        "--corpus",
        "corpus/en",
        "--lang",
        "en",
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(findings(&json(&o)).len(), 0);
    let o = fx.check(&[
        "drafts/en/clean.md",
        "--corpus",
        "corpus/en",
        "--lang",
        "en",
    ]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "no findings\n");
}

/// The draft's 90,000 against the corpus's 68,000 in every format.
fn assert_number_conflict(fx: &Fixture, draft: &str, corpus: &str, lang: &str, figure: &str) {
    let base = [draft, "--corpus", corpus, "--lang", lang];
    let run = |format: &str| fx.check(&[&base[..], &["--format", format]].concat());

    let o = run("json");
    assert_eq!(
        code(&o),
        1,
        "an error finding fails the run: {}",
        stdout(&o)
    );
    let v = json(&o);
    let all = findings(&v);
    let conflict = all.iter().find(|f| f["rule"] == "number-conflict");
    let Some(conflict) = conflict else {
        panic!("no number-conflict in {v}")
    };
    assert_eq!(conflict["severity"], "error");
    let text = conflict["text"].as_str().unwrap_or("");
    assert!(
        text.contains(figure),
        "the finding covers the figure: {conflict}"
    );
    let text_in_draft = std::fs::read_to_string(fx.root.join(draft)).unwrap_or_default();
    let start = conflict["range"]["start"]["offset"].as_u64().unwrap_or(0) as usize;
    let end = conflict["range"]["end"]["offset"].as_u64().unwrap_or(0) as usize;
    assert_eq!(text_in_draft.get(start..end), Some(text));
    assert_eq!(conflict["range"]["start"]["line"], 3);
    let evidence = conflict["evidence"].as_array().cloned().unwrap_or_default();
    assert!(
        evidence.iter().any(|e| e["relation"] == "contradicts"
            && e["excerpt"].as_str().unwrap_or("").contains("68")),
        "contradicting evidence: {conflict}"
    );

    let o = run("sarif");
    let v = json(&o);
    let results = v["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let Some(r) = results.iter().find(|r| r["ruleId"] == "number-conflict") else {
        panic!("no SARIF result: {v}")
    };
    assert_eq!(r["level"], "error");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    let stems: Vec<String> = r["relatedLocations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .map(file_stem)
        .collect();
    let expected_stem = if lang == "de" {
        "rheinbruecke"
    } else {
        "harbour-bridge"
    };
    assert!(
        stems.iter().any(|s| s == expected_stem),
        "related locations {stems:?}"
    );

    let o = run("human");
    let out = stdout(&o);
    assert!(
        out.contains(&format!("{draft}:3:")) && out.contains("error[number-conflict]"),
        "{out}"
    );
    assert!(out.contains("= contradicts: "), "{out}");

    let o = run("github");
    assert!(
        stdout(&o)
            .lines()
            .any(|l| l.starts_with(&format!("::error file={draft},line=3,"))),
        "{}",
        stdout(&o)
    );

    let o = run("checkstyle");
    assert!(
        stdout(&o).contains("source=\"factlint.number-conflict\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn number_conflict_english() {
    assert_number_conflict(
        &Fixture::new(),
        "drafts/en/conflict.md",
        "corpus/en",
        "en",
        "90,000",
    );
}

#[test]
fn number_conflict_german() {
    assert_number_conflict(
        &Fixture::new(),
        "drafts/de/konflikt.md",
        "corpus/de",
        "de",
        "90.000",
    );
}

#[test]
fn missing_draft_path_exits_two() {
    let fx = Fixture::new();
    let o = fx.check(&["drafts/en/nope.md", "--corpus", "corpus/en"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("nope.md"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn config_syntax_error_exits_two_naming_file_and_line() {
    let fx = Fixture::new();
    fx.write("bad.toml", b"corpus = \"corpus/en\"\nlanguage = \n");
    let o = fx.check(&["drafts/en/clean.md", "--config", "bad.toml"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("bad.toml") && err.contains("line 2"), "{err}");

    // The same through discovery of .factlint.toml next to the drafts.
    fx.write(
        "drafts/.factlint.toml",
        b"[severity]\nnumber-conflict = \"error\"\ncorpus = [\n",
    );
    let o = fx.check(&["drafts/en/clean.md"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains(".factlint.toml") && err.contains("line "),
        "{err}"
    );
}

#[test]
fn fail_on_and_min_severity_follow_configured_severity() {
    let fx = Fixture::new();
    // number-conflict downgraded to a warning.
    fx.write(
        "warn.toml",
        b"corpus = \"corpus/en\"\nlanguage = \"en\"\n\n[severity]\nnumber-conflict = \"warning\"\n",
    );
    let draft = "drafts/en/conflict.md";

    let o = fx.check(&[draft, "--config", "warn.toml", "--format", "json"]);
    assert_eq!(
        code(&o),
        0,
        "warnings do not fail the default --fail-on error"
    );
    let all = findings(&json(&o));
    assert!(all.iter().all(|f| f["severity"] != "error"), "{all:?}");

    let o = fx.check(&[
        draft,
        "--config",
        "warn.toml",
        "--format",
        "json",
        "--min-severity",
        "error",
    ]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        findings(&json(&o)).len(),
        0,
        "--min-severity error hides warnings"
    );
}

#[test]
fn fail_on_and_min_severity_with_findings() {
    let fx = Fixture::new();
    fx.write(
        "warn.toml",
        b"corpus = \"corpus/en\"\nlanguage = \"en\"\n\n[severity]\nnumber-conflict = \"warning\"\n",
    );
    let draft = "drafts/en/conflict.md";

    let o = fx.check(&[
        draft,
        "--config",
        "warn.toml",
        "--format",
        "json",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(code(&o), 1, "a warning fails --fail-on warning");
    let all = findings(&json(&o));
    assert!(
        all.iter()
            .any(|f| f["rule"] == "number-conflict" && f["severity"] == "warning"),
        "{all:?}"
    );

    let o = fx.check(&[
        draft,
        "--config",
        "warn.toml",
        "--format",
        "json",
        "--min-severity",
        "error",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(code(&o), 0, "hidden findings do not fail the run");

    // With default severities the conflict is an error and survives --min-severity error.
    let o = fx.check(&[
        draft,
        "--corpus",
        "corpus/en",
        "--lang",
        "en",
        "--format",
        "json",
        "--min-severity",
        "error",
    ]);
    assert_eq!(code(&o), 1);
    let all = findings(&json(&o));
    assert!(all.iter().all(|f| f["severity"] == "error"), "{all:?}");
    assert!(
        all.iter().any(|f| f["rule"] == "number-conflict"),
        "{all:?}"
    );
}

fn write_bad_corpus(fx: &Fixture) {
    fx.write("mixed/harbour-bridge.md", EN_CORPUS.as_bytes());
    fx.write(
        "mixed/binary.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    // "Die Brücke über den Fluss" in Latin-1.
    fx.write(
        "mixed/latin1.txt",
        b"Die Br\xfccke \xfcber den Fluss wird gesperrt.\n",
    );
    fx.write("mixed/empty.md", b"");
}

#[test]
fn unreadable_corpus_files_warn_and_the_check_goes_on() {
    let fx = Fixture::new();
    write_bad_corpus(&fx);
    let o = fx.check(&[
        "drafts/en/clean.md",
        "--corpus",
        "mixed",
        "--lang",
        "en",
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    let warned = |name: &str, why: &str| {
        err.lines()
            .any(|l| l.contains("warning") && l.contains(name) && l.contains(why))
    };
    assert!(warned("binary.txt", "binary"), "{err}");
    assert!(warned("latin1.txt", "UTF-8"), "{err}");
    assert!(warned("empty.md", "empty"), "{err}");
    assert!(
        !err.contains("harbour-bridge"),
        "the good file is read: {err}"
    );
    let v = json(&o);
    assert_eq!(v["files"][0]["path"], "drafts/en/clean.md");
}

#[test]
fn unreadable_corpus_files_do_not_stop_findings() {
    let fx = Fixture::new();
    write_bad_corpus(&fx);
    let o = fx.check(&[
        "drafts/en/conflict.md",
        "--corpus",
        "mixed",
        "--lang",
        "en",
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(findings(&json(&o))
        .iter()
        .any(|f| f["rule"] == "number-conflict"));
}

#[test]
fn several_drafts_in_a_folder() {
    let fx = Fixture::new();
    let o = fx.check(&[
        "drafts/en",
        "--corpus",
        "corpus/en",
        "--lang",
        "en",
        "--format",
        "json",
    ]);
    assert!(code(&o) == 0 || code(&o) == 1, "{}", stderr(&o));
    let v = json(&o);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths, ["drafts/en/clean.md", "drafts/en/conflict.md"]);
    assert_eq!(v["summary"]["files"], 2);
}
