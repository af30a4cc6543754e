//! `factlint figures`: the figure map of a corpus, end to end through the real binary.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn figures(args: &[&str]) -> (i32, Value, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .arg("figures")
        .args(args)
        .arg("--no-cache")
        .output()
        .expect("run factlint");
    let v = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
    (
        o.status.code().unwrap_or(-1),
        v,
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

/// Three reports phrase one delay three ways and disagree on it; a reader comment below one of
/// them has a figure of its own; a test load is not the audience.
#[test]
fn contested_quantities_come_first_and_comments_make_no_variants() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = dir.path();
    write(c, "welt.md", "---\nsource: Welt\nlang: de\n---\n\nDer Livestream startete etwa 30 Minuten später als geplant. Bis zu eine Million Zuhörer verfolgten das Gespräch. Musk erklärte, das System sei zuvor mit acht Millionen Zuhörern getestet worden.\n");
    write(c, "bote.md", "---\nsource: Bote\nlang: de\n---\n\nDer Livestream begann mit 45 Minuten Verspätung. Etwa eine Million Zuhörer verfolgten das Gespräch. Das System war laut Musk mit acht Millionen Zuhörern getestet worden.\n\nIch habe 3 Stunden gewartet und 450.000.000 Bürger zahlen dafür!\n");
    write(c, "kurier.md", "---\nsource: Kurier\nlang: de\n---\n\nDas Gespräch begann mit mehr als 40 Minuten Verspätung. Rund 1,3 Millionen Zuhörer verfolgten das Gespräch live.\n");
    let corpus = c.to_string_lossy().to_string();
    let (code, v, err) = figures(&["--corpus", &corpus, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let qs = v["quantities"].as_array().cloned().unwrap_or_default();
    assert!(!qs.is_empty(), "{v:#}");
    // Contested first.
    let first_agreed = qs
        .iter()
        .position(|q| q["contested"] == false)
        .unwrap_or(qs.len());
    assert!(qs[..first_agreed].iter().all(|q| q["contested"] == true));
    assert!(qs[first_agreed..].iter().all(|q| q["contested"] == false));
    let texts = |q: &Value| -> Vec<String> {
        q["variants"]
            .as_array()
            .map(|vs| {
                vs.iter()
                    .filter_map(|x| x["text"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let delay = qs
        .iter()
        .find(|q| q["dimension"] == "duration")
        .unwrap_or_else(|| panic!("no delay: {v:#}"));
    assert_eq!(delay["contested"], true, "{delay:#}");
    let t = texts(delay);
    assert!(
        t.iter().any(|x| x == "etwa 30 Minuten") && t.iter().any(|x| x == "45 Minuten"),
        "{t:?}"
    );
    assert!(
        !t.iter().any(|x| x.contains("3 Stunden")),
        "a comment made a variant: {t:?}"
    );
    // The test load is its own, agreed quantity, with Musk as the speaker.
    let load = qs
        .iter()
        .find(|q| texts(q).iter().any(|x| x == "acht Millionen"))
        .unwrap_or_else(|| panic!("no test load: {v:#}"));
    assert!(!texts(load).iter().any(|x| x.contains("1,3")), "{load:#}");
    assert_eq!(load["contested"], false, "{load:#}");
    let speakers: Vec<&str> = load["variants"][0]["sources"]
        .as_array()
        .map(|s| s.iter().filter_map(|x| x["speaker"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        speakers.iter().all(|s| s.contains("Musk")) && !speakers.is_empty(),
        "{load:#}"
    );
    // Every source names its file, outlet, sentence and the figure's bytes in the file.
    for q in &qs {
        for var in q["variants"].as_array().into_iter().flatten() {
            for s in var["sources"].as_array().into_iter().flatten() {
                let doc = s["doc"].as_str().unwrap_or("");
                let text = std::fs::read_to_string(doc).unwrap_or_default();
                let (a, b) = (
                    s["start"].as_u64().unwrap_or(0) as usize,
                    s["end"].as_u64().unwrap_or(0) as usize,
                );
                assert_eq!(text.get(a..b), var["text"].as_str(), "{s:#}");
            }
        }
    }
    assert!(!v.to_string().contains("450.000.000"), "{v:#}");
    // With a draft: only the quantities its figures align to.
    write(
        c,
        "../draft.md",
        "Der Livestream startete mit 45 Minuten Verspätung.\n",
    );
    let draft = c.join("../draft.md").to_string_lossy().to_string();
    let (code, v, err) = figures(&[&draft, "--corpus", &corpus, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let qs = v["quantities"].as_array().cloned().unwrap_or_default();
    assert_eq!(qs.len(), 1, "{v:#}");
    assert_eq!(qs[0]["dimension"], "duration");
}

#[test]
fn a_missing_corpus_is_an_error() {
    let (code, _, err) = figures(&["--corpus", "/does/not/exist"]);
    assert_eq!(code, 2);
    assert!(err.contains("/does/not/exist"), "{err}");
}

/// The acceptance check on the shared seed corpus (present beside the repository in CI).
#[test]
fn seed_corpus_delay_and_audience_are_contested() {
    let corpus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval/dev/seed-de/corpus"
    );
    if !Path::new(corpus).is_dir() {
        eprintln!("skipped: {corpus} not present");
        return;
    }
    let (code, v, err) = figures(&["--corpus", corpus, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let qs = v["quantities"].as_array().cloned().unwrap_or_default();
    let contested: Vec<&Value> = qs.iter().filter(|q| q["contested"] == true).collect();
    assert!(
        contested.iter().any(|q| q["dimension"] == "duration"),
        "{v:#}"
    );
    assert!(contested.iter().any(|q| q["dimension"] == "count"), "{v:#}");
    assert!(
        !v.to_string().contains("450.000.000"),
        "reader comment in the map: {v:#}"
    );
}

/// Mapping a whole archive at once would compare every figure with every other: beyond the
/// event-size limit `factlint figures` asks for a draft instead of hanging.
#[test]
fn a_whole_archive_without_a_draft_is_refused_with_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..200 {
        write(
            dir.path(),
            &format!("d{i}.md"),
            &format!(
                "---\nsource: Bote {i}\n---\nIn Ort{i} brannte eine Halle; {i} Helfer kamen.\n"
            ),
        );
    }
    let corpus = dir.path().to_string_lossy().to_string();
    let (code, _, err) = figures(&["--corpus", &corpus]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("200 documents") && err.contains("draft"),
        "{err}"
    );
}
