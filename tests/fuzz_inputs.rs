//! Replays the committed fuzz inputs (`fuzz/corpus/{parse,extract,check}/seed-*` and `kept-*`)
//! through the engine in ordinary `cargo test`, where cargo-fuzz is not installed: no input may
//! panic, every reported span must lie on char boundaries inside the draft, and the session
//! memos must give what a fresh analysis gives.

use factlint::analysis;
use factlint::config::Config;
use factlint::corpus::Corpus;
use std::path::{Path, PathBuf};

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut out = Vec::new();
    for target in ["parse", "extract", "check"] {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for e in dir.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("seed-") || name.starts_with("kept-") {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn committed_fuzz_inputs_are_handled() {
    let files = inputs();
    assert!(files.len() >= 100, "fuzz inputs missing: {}", files.len());
    let corpus = || {
        Corpus::from_texts(
            [
                ("ledger.md", "---\nsource: Harbor Ledger\n---\nAbout 68,000 vehicles cross the bridge every day, officials said.\n"),
                ("bote.md", "---\nsource: Stadtbote\nlang: de\n---\nRund 1,3 Millionen Menschen besuchten das Fest, teilte die Stadt mit. „Wir bauen weiter“, sagte Anna Weber.\n"),
            ],
            None,
        )
    };
    let session = corpus();
    let memo = factlint::analysis::Memo::default();
    let config = Config::default();
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            continue;
        };
        // The targets read UTF-8 only; other inputs are lossily converted here.
        let text = String::from_utf8_lossy(&bytes);
        for path in [Path::new("draft.md"), Path::new("draft.txt")] {
            let warm = analysis::analyze_with(&text, Some(path), &session, &config, Some(&memo));
            let cold = analysis::analyze(&text, Some(path), &corpus(), &config);
            assert_eq!(warm.findings, cold.findings, "{}", f.display());
            for s in warm
                .findings
                .iter()
                .map(|x| x.span)
                .chain(warm.facts.quantities.iter().map(|q| q.span))
            {
                assert!(
                    s.start <= s.end && s.end <= text.len(),
                    "{}: {s:?}",
                    f.display()
                );
                assert!(
                    text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                    "{}: {s:?}",
                    f.display()
                );
            }
        }
    }
}
