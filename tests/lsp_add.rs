//! `factlint.addSource` in the language server: a source added from the editor lands in the
//! corpus folder as Markdown, the corpus reloads and open drafts are re-checked.

mod common;

use common::{file_uri, options, with_code, Lsp};
use serde_json::json;
use std::path::Path;

#[test]
fn add_source_saves_reloads_and_rechecks() {
    let (_dir, root, corpus) = common::workspace(&[(
        "other.md",
        "---\nsource: Bote\nlang: de\n---\n\nDer Markt öffnet am Samstag.\n",
    )]);
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("draft.md"));
    let text = "---\nlang: de\n---\n\nNach Angaben der Behörde fahren täglich 90.000 Fahrzeuge über die Brücke.\n";
    lsp.open(&uri, text, 1);
    let before = lsp.diagnostics(&uri, 1);
    assert!(
        with_code(&before, "number-conflict").is_none(),
        "{before:#?}"
    );
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources/page.html");
    let answer = lsp.request(
        "workspace/executeCommand",
        json!({ "command": "factlint.addSource", "arguments": [page.to_string_lossy()] }),
    );
    let saved = answer["saved"].as_array().cloned().unwrap_or_default();
    assert_eq!(saved.len(), 1, "{answer:#}");
    assert!(corpus
        .join("hafenbruecke-bleibt-bis-ende-mai-gesperrt.md")
        .is_file());
    let after = lsp.diagnostics_where(&uri, 1, "number-conflict after adding", |d| {
        with_code(d, "number-conflict").is_some()
    });
    let d = with_code(&after, "number-conflict")
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert!(d.contains("Hafenkurier"), "{d}");
    // Go to definition from the finding: the saved Markdown file, at the evidence sentence.
    let at = common::position(text, text.find("90.000").unwrap_or(0) + 1);
    let defs = lsp.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    assert!(
        defs.to_string()
            .contains("hafenbruecke-bleibt-bis-ende-mai-gesperrt.md"),
        "{defs:#}"
    );
    // Bad input: an error message, nothing saved, the session goes on.
    let bad = lsp.request(
        "workspace/executeCommand",
        json!({ "command": "factlint.addSource", "arguments": ["file:///etc/passwd"] }),
    );
    assert!(
        bad["errors"][0]
            .as_str()
            .is_some_and(|e| e.contains("http")),
        "{bad:#}"
    );
    lsp.shutdown();
}

/// Evidence from a web page in the corpus: go to definition opens the page at the sentence (its
/// place in the HTML, not in the converted text).
#[test]
fn definition_of_evidence_from_a_web_page_lands_in_the_page() {
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources/page.html"),
    )
    .unwrap_or_default();
    let (_dir, root, corpus) = common::workspace(&[("page.html", page.as_str())]);
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("draft.md"));
    let text = "---\nlang: de\n---\n\nNach Angaben der Behörde fahren täglich 90.000 Fahrzeuge über die Brücke.\n";
    lsp.open(&uri, text, 1);
    lsp.diagnostics_where(&uri, 1, "number-conflict", |d| {
        with_code(d, "number-conflict").is_some()
    });
    let at = common::position(text, text.find("90.000").unwrap_or(0) + 1);
    let defs = lsp.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    let first = defs
        .as_array()
        .and_then(|d| d.first())
        .cloned()
        .unwrap_or_default();
    assert!(
        first["uri"]
            .as_str()
            .is_some_and(|u| u.ends_with("page.html")),
        "{defs:#}"
    );
    let line = page
        .lines()
        .position(|l| l.contains("Nach Angaben der Behörde fahren an"))
        .unwrap_or(0);
    assert_eq!(first["range"]["start"]["line"], line as u64, "{defs:#}");
    lsp.shutdown();
}
