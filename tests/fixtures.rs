//! The bundled example (`fixtures/`): the binary finds exactly the problems the example drafts
//! were written to contain, and suppression comments work.

use std::process::Command;

fn check(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--format", "json", "--no-cache"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run factlint: {e}"));
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

fn findings(v: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in v["files"].as_array().into_iter().flatten() {
        let path = f["path"].as_str().unwrap_or("").replace('\\', "/");
        let name = path.rsplit('/').next().unwrap_or("").to_string();
        for x in f["findings"].as_array().into_iter().flatten() {
            out.push((
                name.clone(),
                x["rule"].as_str().unwrap_or("").to_string(),
                x["text"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn example_drafts_have_the_expected_findings() {
    let v = check(&["fixtures/drafts", "--config", "fixtures/.factlint.toml"]);
    let got = findings(&v);
    let want: Vec<(String, String, String)> = [
        ("concert.md", "disputed-figure", "45 minutes"),
        ("concert.md", "number-conflict", "About 55,000"),
        (
            "concert.md",
            "quote-mismatch",
            "\"We are proud of the whole crew,\"",
        ),
        ("sturmflut.md", "disputed-figure", "sechs Stunden"),
        ("sturmflut.md", "number-conflict", "4,5 Meter"),
        (
            "sturmflut.md",
            "quote-mismatch",
            "„der schlimmsten Flut seit Menschengedenken“",
        ),
        (
            "sturmflut.md",
            "unsourced-claim",
            "„Wir haben so etwas seit zwanzig Jahren nicht erlebt.“",
        ),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn suppression_comment_hides_a_real_finding() {
    let text = std::fs::read_to_string("fixtures/drafts/de/sturmflut.md").unwrap_or_default();
    assert!(text.contains("factlint-disable-next-line number-conflict"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let draft = dir.path().join("ohne-kommentar.md");
    let _ = std::fs::write(
        &draft,
        text.replace("<!-- factlint-disable-next-line number-conflict -->\n", ""),
    );
    let v = check(&[
        draft.to_str().unwrap_or(""),
        "--config",
        "fixtures/.factlint.toml",
    ]);
    let got = findings(&v);
    assert!(
        got.iter()
            .any(|(_, r, t)| r == "number-conflict" && t.contains("20 Millionen")),
        "{got:?}"
    );
}

#[test]
fn facts_of_the_german_example() {
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args([
            "facts",
            "--format",
            "json",
            "fixtures/drafts/de/sturmflut.md",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run factlint: {e}"));
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(v["language"], "de");
    let texts: Vec<&str> = v["quantities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|q| q["text"].as_str())
        .collect();
    for want in ["sechs Stunden", "14", "4,5 Meter", "20 Millionen Euro"] {
        assert!(texts.contains(&want), "{want} missing from {texts:?}");
    }
    // The fenced code block is not prose.
    assert!(!texts.iter().any(|t| t.contains("99")), "{texts:?}");
    let heading = &v["sentences"][0];
    assert_eq!(heading["heading"], true);
    assert_eq!(heading["claim"], false);
}
