//! The editor configurations shipped in `editors/` parse, name the server the same way and start
//! `factlint lsp`; the VS Code manifest's view, commands and icon fit together.

use serde_json::Value;
use std::path::Path;

fn read(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn helix_languages_toml_starts_factlint_for_markdown_and_text() {
    let doc: toml::Value = toml::from_str(&read("editors/helix/languages.toml")).expect("TOML");
    let server = &doc["language-server"]["factlint"];
    assert_eq!(server["command"].as_str(), Some("factlint"));
    assert_eq!(
        server["args"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>()),
        Some(vec!["lsp"])
    );
    assert!(
        server["config"].is_table(),
        "initialization options are a table"
    );
    let langs = doc["language"].as_array().expect("[[language]]");
    let uses = |name: &str| {
        langs.iter().any(|l| {
            l["name"].as_str() == Some(name)
                && l["language-servers"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|v| v.as_str() == Some("factlint")))
        })
    };
    assert!(uses("markdown"), "Markdown uses factlint");
    assert!(uses("factlint-text"), "plain text uses factlint");
}

#[test]
fn zed_settings_json_starts_factlint_for_markdown_and_text() {
    let v: Value = serde_json::from_str(&read("editors/zed/settings.json")).expect("JSON");
    let bin = &v["lsp"]["factlint"]["binary"];
    assert_eq!(bin["path"], "factlint");
    assert_eq!(bin["arguments"], serde_json::json!(["lsp"]));
    assert!(v["lsp"]["factlint"]["initialization_options"].is_object());
    for lang in ["Markdown", "Plain Text"] {
        let servers = &v["languages"][lang]["language_servers"];
        assert!(
            servers
                .as_array()
                .is_some_and(|s| s.iter().any(|x| x == "factlint")),
            "{lang}: {servers}"
        );
    }
}

#[test]
fn vscode_manifest_view_commands_and_icon_fit_together() {
    let v: Value = serde_json::from_str(&read("editors/vscode/package.json")).expect("JSON");
    let icon = v["icon"].as_str().expect("icon");
    let png = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("editors/vscode")
            .join(icon),
    )
    .expect("the icon file exists");
    assert!(png.starts_with(b"\x89PNG"), "the icon is a PNG");
    for key in ["categories", "keywords"] {
        assert!(v[key].as_array().is_some_and(|a| !a.is_empty()), "{key}");
    }
    assert!(v["repository"]["url"].is_string());
    let c = &v["contributes"];
    assert!(c["views"]["explorer"]
        .as_array()
        .is_some_and(|a| a.iter().any(|x| x["id"] == "factlint.figures")));
    let commands: Vec<&str> = c["commands"]
        .as_array()
        .expect("commands")
        .iter()
        .filter_map(|x| x["command"].as_str())
        .collect();
    for want in [
        "factlint.showFigures",
        "factlint.openSource",
        "factlint.reindexCorpus",
    ] {
        assert!(commands.contains(&want), "{want} in {commands:?}");
    }
    // Every menu entry names a contributed command.
    for (menu, entries) in c["menus"].as_object().expect("menus") {
        for e in entries.as_array().expect("entries") {
            let cmd = e["command"].as_str().unwrap_or("");
            assert!(commands.contains(&cmd), "{menu}: {cmd}");
        }
    }
    // Server commands are registered by the language client under their own names: a client
    // command of the same name would fail the client's start ("command already exists").
    for server_cmd in [
        "factlint.reindex",
        "factlint.corpus",
        "factlint.figures",
        "factlint.ignoreFinding",
    ] {
        assert!(
            !commands.contains(&server_cmd),
            "{server_cmd} is a server command"
        );
    }
    // The icon and screenshots go into the package.
    let ignore = read("editors/vscode/.vscodeignore");
    assert!(ignore.lines().any(|l| l == "!images/*.png"), "{ignore}");
}
