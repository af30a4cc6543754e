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
