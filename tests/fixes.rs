//! `factlint check --fix` on the labelled dev drafts (`../shared/eval/dev`, beside the repo in
//! CI): the safe fixes change nothing the gold marks clean, and a second check of the fixed
//! draft reports no finding the first did not. Skipped, with a message, when the suites are absent.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_factlint")
}

fn dev() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev");
    p.is_dir().then_some(p)
}

/// `(rule, text)` of every finding of `draft`, counted.
fn findings(corpus: &Path, draft: &Path) -> HashMap<(String, String), usize> {
    let out = Command::new(bin())
        .args(["check", "--format", "json", "--corpus"])
        .arg(corpus)
        .arg(draft)
        .output()
        .expect("factlint runs");
    let log: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let mut m = HashMap::new();
    for f in log["files"].as_array().into_iter().flatten() {
        for fd in f["findings"].as_array().into_iter().flatten() {
            let key = (
                fd["rule"].as_str().unwrap_or("").to_string(),
                fd["text"].as_str().unwrap_or("").to_string(),
            );
            *m.entry(key).or_default() += 1;
        }
    }
    m
}

#[test]
fn safe_fixes_keep_clean_spans_and_add_no_findings() {
    let Some(dev) = dev() else {
        eprintln!("skipped: ../shared/eval/dev is not beside the repository");
        return;
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut suites: Vec<PathBuf> = std::fs::read_dir(&dev)
        .expect("dev suites")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("drafts").is_dir() && p.join("corpus").is_dir())
        .collect();
    suites.sort();
    let mut problems = Vec::new();
    let mut changed = 0;
    for suite in &suites {
        let corpus = suite.join("corpus");
        let mut drafts: Vec<PathBuf> = std::fs::read_dir(suite.join("drafts"))
            .expect("drafts")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        drafts.sort();
        for draft in drafts {
            let name = draft.file_name().expect("file name").to_owned();
            let copy = tmp.path().join(&name);
            let original = std::fs::read_to_string(&draft).expect("draft");
            std::fs::write(&copy, &original).expect("copy");
            let first = findings(&corpus, &copy);
            let status = Command::new(bin())
                .args(["check", "--fix", "--format", "json", "--corpus"])
                .arg(&corpus)
                .arg(&copy)
                .output()
                .expect("factlint --fix runs");
            assert!(status.status.code().is_some_and(|c| c <= 1), "{status:?}");
            let fixed = std::fs::read_to_string(&copy).expect("fixed draft");
            if fixed != original {
                changed += 1;
            }
            // Clean spans of the gold stay as they were.
            let gold = draft.with_extension("gold.json");
            if let Ok(g) = std::fs::read_to_string(&gold) {
                let g: Value = serde_json::from_str(&g).expect("gold JSON");
                for item in g["items"].as_array().into_iter().flatten() {
                    if item["rule"] != "clean" {
                        continue;
                    }
                    let span = item["span"].as_str().unwrap_or("");
                    if original.contains(span) && !fixed.contains(span) {
                        problems.push(format!("{}: clean span changed: {span:?}", draft.display()));
                    }
                }
            }
            // Nothing new after the fixes.
            let second = findings(&corpus, &copy);
            for (key, n) in &second {
                if first.get(key).copied().unwrap_or(0) < *n {
                    problems.push(format!("{}: new after --fix: {key:?}", draft.display()));
                }
            }
        }
    }
    eprintln!("{changed} drafts changed by --fix");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The sentence around bytes `a..b` of `text`: from after the previous sentence end to the next.
fn sentence_around(text: &str, a: usize, b: usize) -> (usize, usize) {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let start = text[..a]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(c) && text[i + c.len_utf8()..].starts_with([' ', '\n']))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[b..]
        .char_indices()
        .find(|&(i, c)| is_end(c) && text[b + i + c.len_utf8()..].starts_with([' ', '\n']))
        .map_or(text.len(), |(i, _)| b + i);
    (start, end)
}

/// A number-conflict replacement never pastes in a figure its own sentence already states for
/// something else ("Von den 980 Beschäftigten arbeiten 980 …"): such a figure belongs to
/// another quantity.
#[test]
fn replacements_do_not_repeat_their_sentence() {
    let Some(dev) = dev() else {
        eprintln!("skipped: ../shared/eval/dev is not beside the repository");
        return;
    };
    let mut problems = Vec::new();
    let mut seen = 0;
    for suite in std::fs::read_dir(&dev).expect("dev suites").flatten() {
        let suite = suite.path();
        let Ok(drafts) = std::fs::read_dir(suite.join("drafts")) else {
            continue;
        };
        for draft in drafts.flatten().map(|e| e.path()) {
            if draft.extension().is_none_or(|x| x != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&draft).expect("draft");
            let out = Command::new(bin())
                .args(["check", "--format", "json", "--corpus"])
                .arg(suite.join("corpus"))
                .arg(&draft)
                .output()
                .expect("factlint runs");
            let log: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
            for f in log["files"].as_array().into_iter().flatten() {
                for fd in f["findings"].as_array().into_iter().flatten() {
                    if fd["rule"] != "number-conflict" {
                        continue;
                    }
                    for fx in fd["fixes"].as_array().into_iter().flatten() {
                        for e in fx["edits"].as_array().into_iter().flatten() {
                            let a = e["range"]["start"]["offset"].as_u64().unwrap_or(0) as usize;
                            let b = e["range"]["end"]["offset"].as_u64().unwrap_or(0) as usize;
                            let rep = e["replacement"].as_str().unwrap_or("");
                            let Some(number) = rep
                                .split_whitespace()
                                .find(|w| w.chars().filter(|c| c.is_ascii_digit()).count() >= 2)
                            else {
                                continue;
                            };
                            seen += 1;
                            let (s, t) = sentence_around(&text, a, b);
                            let rest = format!("{} {}", &text[s..a], &text[b..t]);
                            if rest
                                .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
                                .any(|w| w.trim_end_matches([',', '.', ';']) == number)
                            {
                                problems.push(format!(
                                    "{}: {:?} → {rep:?} repeats its sentence",
                                    draft.display(),
                                    &text[a..b]
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    eprintln!("{seen} replacements checked");
    assert!(problems.is_empty(), "{problems:#?}");
}
