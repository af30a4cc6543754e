//! How findings look in LSP: diagnostics, code actions, hover text and definition locations.
//! Pure conversions from the engine's findings; no checking happens here.

use crate::finding::{Applicability, Evidence, Finding, Relation, RuleId, Severity};
use crate::lsp::convert::{self, Encoding};
use crate::lsp::state::{touches, IgnoreKey};
use crate::text::Span;
use ropey::Rope;
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::str::FromStr;
use tower_lsp_server::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeDescription, Command, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, Hover, HoverContents, Location,
    MarkupContent, MarkupKind, NumberOrString, Position, Range, TextEdit, Uri, WorkspaceEdit,
};
use tower_lsp_server::UriExt;

/// The server command behind "Ignore this finding".
pub const IGNORE_COMMAND: &str = "factlint.ignoreFinding";
/// `workspace/executeCommand`: the figure map as JSON (argument: a document URI, or none).
pub const FIGURES_COMMAND: &str = "factlint.figures";
/// Saves sources (URLs or files, the arguments) into the corpus folder, then reloads the corpus.
pub const ADD_SOURCE_COMMAND: &str = "factlint.addSource";
/// `workspace/executeCommand`: the corpus a document is checked against, `{"documents": [...]}`
/// (argument: a document URI, or none for the first workspace folder's).
pub const CORPUS_COMMAND: &str = "factlint.corpus";
/// `workspace/executeCommand`: loads every corpus in use again from its files.
pub const REINDEX_COMMAND: &str = "factlint.reindex";

/// The diagnostic source.
pub const SOURCE: &str = "factlint";

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Hint => DiagnosticSeverity::HINT,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Error => DiagnosticSeverity::ERROR,
    }
}

fn relation(r: Relation) -> &'static str {
    match r {
        Relation::Supports => "supports",
        Relation::Contradicts => "contradicts",
    }
}

/// The file URI of a corpus document (relative paths are taken from the current folder).
pub fn file_uri(path: &Path) -> Option<Uri> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Uri::from_file_path(abs)
}

fn evidence_location(e: &Evidence, enc: Encoding) -> Option<Location> {
    // A source converted from another format: the excerpt's place in the original file.
    let (start, end) =
        crate::lsp::origin::locate(&e.source.path, &e.excerpt).unwrap_or((e.start, e.end));
    Some(Location::new(
        file_uri(&e.source.path)?,
        convert::line_col_range(start, end, enc),
    ))
}

fn rule_message(f: &Finding) -> String {
    if f.message.trim().is_empty() {
        let summary = crate::rules::meta(f.rule).summary;
        if summary.is_empty() {
            f.rule.id().to_string()
        } else {
            summary.to_string()
        }
    } else {
        f.message.clone()
    }
}

/// Evidence shown under a diagnostic (all of it is in hover and `factlint check`).
const MAX_RELATED: usize = 4;
/// Characters of a corpus sentence shown in related information.
const MAX_EXCERPT_CHARS: usize = 160;

/// `text` cut at a word boundary near `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => text.into(),
        Some((at, _)) => {
            let head = &text[..at];
            let cut = head.rfind(' ').filter(|&i| i > at / 2).unwrap_or(at);
            format!("{}…", head[..cut].trim_end()).into()
        }
    }
}

/// A finding as a diagnostic. Fixes are computed again for code actions, so `data` carries only
/// the document version the diagnostic belongs to: large drafts publish hundreds of diagnostics
/// on every keystroke, and each byte is serialised, sent and parsed by the editor.
pub fn diagnostic(rope: &Rope, f: &Finding, version: i32, enc: Encoding) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .evidence
        .iter()
        .filter_map(|e| {
            Some(DiagnosticRelatedInformation {
                location: evidence_location(e, enc)?,
                message: format!(
                    "{}: {}: {}",
                    relation(e.relation),
                    e.source.name,
                    clip(&e.excerpt, MAX_EXCERPT_CHARS)
                ),
            })
        })
        .take(MAX_RELATED)
        .collect();
    Diagnostic {
        range: convert::span_to_range(rope, f.span, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.id().to_string())),
        code_description: Uri::from_str(&f.rule.url())
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: rule_message(f),
        related_information: if related.is_empty() {
            None
        } else {
            Some(related)
        },
        tags: None,
        data: Some(json!({ "version": version })),
    }
}

// `Uri` is a map key in lsp-types' own `WorkspaceEdit`; its hash never changes.
#[allow(clippy::mutable_key_type)]
fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    WorkspaceEdit {
        changes: Some(changes),
        document_changes: None,
        change_annotations: None,
    }
}

/// The line terminator used by `line` ("\n" when it has none).
fn line_ending(rope: &Rope, line: usize) -> &'static str {
    let Some(slice) = rope.get_line(line) else {
        return "\n";
    };
    let n = slice.len_chars();
    if n >= 2 && slice.char(n - 2) == '\r' && slice.char(n - 1) == '\n' {
        "\r\n"
    } else if n >= 1 && slice.char(n - 1) == '\r' {
        "\r"
    } else {
        "\n"
    }
}

/// The edit inserting a `factlint-disable-next-line` comment above the finding's first line.
fn disable_edit(rope: &Rope, rule: RuleId, span: Span) -> TextEdit {
    let line = rope.byte_to_line(span.start.min(rope.len_bytes()));
    let indent: String = rope
        .get_line(line)
        .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').collect())
        .unwrap_or_default();
    let at = Position::new(u32::try_from(line).unwrap_or(u32::MAX), 0);
    let text = format!(
        "{indent}<!-- factlint-disable-next-line {} -->{}",
        rule.id(),
        line_ending(rope, line)
    );
    TextEdit::new(Range::new(at, at), text)
}

/// The document code actions are computed for.
#[derive(Clone, Copy)]
pub struct Target<'a> {
    pub uri: &'a Uri,
    pub rope: &'a Rope,
    pub version: i32,
    pub enc: Encoding,
    /// Whether the document is read as Markdown (suppression comments work only there).
    pub markdown: bool,
}

/// Code actions for the findings touching `range`: every fix, then "Disable <rule> for this
/// line" and "Ignore this finding".
pub fn code_actions(
    target: &Target,
    findings: &[Finding],
    keys: &[IgnoreKey],
    range: Range,
) -> Vec<CodeActionOrCommand> {
    let Target {
        uri,
        rope,
        version,
        enc,
        markdown,
    } = *target;
    let want = convert::range_to_span(rope, range, enc);
    let mut fixes = Vec::new();
    let mut disables = Vec::new();
    let mut ignores = Vec::new();
    let mut seen_disable = HashSet::new();
    for (f, key) in findings.iter().zip(keys) {
        if !touches(f.span, want.start, want.end) {
            continue;
        }
        let diag = diagnostic(rope, f, version, enc);
        for fix in &f.fixes {
            let edits = fix
                .edits
                .iter()
                .map(|e| convert::edit_to_text_edit(rope, e, enc))
                .collect();
            fixes.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(workspace_edit(uri, edits)),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..CodeAction::default()
            }));
        }
        let line = rope.byte_to_line(f.span.start.min(rope.len_bytes()));
        // Suppression comments are HTML comments: Markdown only.
        if markdown && seen_disable.insert((f.rule, line)) {
            disables.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Disable {} for this line", f.rule.id()),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(workspace_edit(
                    uri,
                    vec![disable_edit(rope, f.rule, f.span)],
                )),
                ..CodeAction::default()
            }));
        }
        ignores.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore this finding ({})", f.rule.id()),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag]),
            command: Some(Command {
                title: "Ignore this finding".to_string(),
                command: IGNORE_COMMAND.to_string(),
                arguments: Some(vec![json!({ "uri": uri, "key": key })]),
            }),
            ..CodeAction::default()
        }));
    }
    fixes.extend(disables);
    fixes.extend(ignores);
    fixes
}

fn quote_markdown(s: &str) -> String {
    s.lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Hover text for the findings at a byte offset, with the finding range.
pub fn hover(rope: &Rope, findings: &[Finding], offset: usize, enc: Encoding) -> Option<Hover> {
    let here: Vec<&Finding> = findings
        .iter()
        .filter(|f| touches(f.span, offset, offset))
        .collect();
    let first = here.first()?;
    let mut md = String::new();
    for f in &here {
        if !md.is_empty() {
            md.push_str("\n\n---\n\n");
        }
        md.push_str(&format!(
            "**factlint** `{}`: {}\n",
            f.rule.id(),
            rule_message(f)
        ));
        for e in &f.evidence {
            md.push('\n');
            md.push_str(&quote_markdown(&e.excerpt));
            md.push_str("\n\n");
            let mut who = format!("— *{}*", e.source.name);
            if let Some(d) = &e.source.date {
                who.push_str(&format!(", {d}"));
            }
            if let Some(s) = &e.speaker {
                who.push_str(&format!(" (speaker: {s})"));
            }
            who.push_str(&format!(" · **{}**", relation(e.relation)));
            if let Some(fig) = &e.figure {
                who.push_str(&format!(" · figure: {fig}"));
            }
            if let Some(uri) = file_uri(&e.source.path) {
                let name = e
                    .source
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                let line = crate::lsp::origin::locate(&e.source.path, &e.excerpt)
                    .map_or(e.start.line, |(s, _)| s.line);
                who.push_str(&format!(" · [{name}:{line}]({}#L{line})", uri.as_str()));
            }
            md.push_str(&who);
            md.push('\n');
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: md,
        }),
        range: Some(convert::span_to_range(rope, first.span, enc)),
    })
}

/// Adds the figure map's view of the figure under the cursor to a hover: its quantity and
/// every variant with its sources.
pub fn with_quantity(
    found: Option<Hover>,
    quantity: Option<&crate::figmap::briefing::QuantityView>,
) -> Option<Hover> {
    let Some(q) = quantity else {
        return found;
    };
    let mut md = format!(
        "**factlint** figure map: *{}*{}\n",
        if q.label.is_empty() { &q.id } else { &q.label },
        if q.contested { " — contested" } else { "" }
    );
    for v in &q.variants {
        let who: Vec<String> = v
            .sources
            .iter()
            .map(|s| match &s.speaker {
                Some(sp) => format!("{} ({sp})", s.source),
                None => s.source.clone(),
            })
            .collect();
        md.push_str(&format!("- **{}** — {}\n", v.text, who.join(", ")));
    }
    let (value, range) = match found {
        Some(Hover {
            contents: HoverContents::Markup(m),
            range,
        }) => (format!("{}\n\n---\n\n{md}", m.value), range),
        _ => (md, None),
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    })
}

/// The evidence sentences of the findings at a byte offset.
pub fn definitions(findings: &[Finding], offset: usize, enc: Encoding) -> Vec<Location> {
    let mut out: Vec<Location> = Vec::new();
    for f in findings.iter().filter(|f| touches(f.span, offset, offset)) {
        for e in &f.evidence {
            if let Some(l) = evidence_location(e, enc) {
                if !out.contains(&l) {
                    out.push(l);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Edit, Fix, SourceRef};
    use crate::text::line_index::LineIndex;

    fn sample() -> (String, Vec<Finding>, Vec<IgnoreKey>) {
        let text =
            "# Brücke\r\n\r\n😀 About 90,000 vehicles cross the Kessler Bridge every day.\r\n"
                .to_string();
        let corpus = "About 68,000 vehicles cross the Kessler Bridge every day.";
        let idx = LineIndex::new(corpus);
        let start = text.find("90,000").unwrap_or(0);
        let span = Span::new(start, start + 6);
        let f = Finding {
            rule: RuleId::NumberConflict,
            severity: Severity::Error,
            span,
            message: "90,000 conflicts with 68,000".into(),
            evidence: vec![Evidence {
                source: SourceRef {
                    id: "ledger".into(),
                    path: "/corpus/ledger.md".into(),
                    name: "Harbor Ledger".into(),
                    title: None,
                    url: None,
                    date: Some("2024-05-02".into()),
                },
                span: Span::new(0, corpus.len()),
                start: idx.line_col(corpus, 0),
                end: idx.line_col(corpus, corpus.len()),
                excerpt: corpus.into(),
                relation: Relation::Contradicts,
                figure: Some("68,000".into()),
                speaker: None,
            }],
            fixes: vec![Fix {
                title: "Replace with 68,000".into(),
                edits: vec![Edit {
                    span,
                    replacement: "68,000".into(),
                }],
                applicability: Applicability::Safe,
            }],
        };
        let key = IgnoreKey {
            rule: "number-conflict".into(),
            text: "90,000".into(),
            context: "x".into(),
        };
        (text, vec![f], vec![key])
    }

    #[test]
    fn clip_cuts_long_excerpts_at_a_word() {
        assert_eq!(clip("kurz", 10), "kurz");
        let long = "Die Feuerwehr war mit mehr als hundert Kräften im Einsatz.";
        let c = clip(long, 20);
        assert_eq!(c, "Die Feuerwehr war…");
        assert_eq!(clip("äöüäöüäöüäöü", 5), "äöüäö…");
    }

    #[test]
    fn diagnostic_fields() {
        let (text, findings, _) = sample();
        let rope = Rope::from_str(&text);
        let d = diagnostic(&rope, &findings[0], 3, Encoding::Utf16);
        assert_eq!(
            d.range,
            Range::new(Position::new(2, 9), Position::new(2, 15))
        );
        assert_eq!(
            d.code,
            Some(NumberOrString::String("number-conflict".into()))
        );
        assert_eq!(d.source.as_deref(), Some("factlint"));
        assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
        assert!(d.code_description.is_some());
        let rel = d.related_information.unwrap_or_default();
        assert_eq!(rel.len(), 1);
        assert_eq!(rel[0].location.uri.as_str(), "file:///corpus/ledger.md");
        assert_eq!(
            rel[0].location.range,
            Range::new(Position::new(0, 0), Position::new(0, 57))
        );
        assert!(rel[0]
            .message
            .starts_with("contradicts: Harbor Ledger: About 68,000"));
        assert_eq!(d.data, Some(json!({ "version": 3 })));
    }

    #[test]
    fn code_actions_fix_disable_ignore() {
        let (text, findings, keys) = sample();
        let rope = Rope::from_str(&text);
        let uri = Uri::from_str("file:///ws/draft.md").unwrap_or_else(|_| unreachable!());
        let at = Range::new(Position::new(2, 10), Position::new(2, 10));
        let t = Target {
            uri: &uri,
            rope: &rope,
            version: 1,
            enc: Encoding::Utf16,
            markdown: true,
        };
        let actions = code_actions(&t, &findings, &keys, at);
        let titles: Vec<String> = actions
            .iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(c) => c.title.clone(),
                CodeActionOrCommand::Command(c) => c.title.clone(),
            })
            .collect();
        assert_eq!(
            titles,
            [
                "Replace with 68,000",
                "Disable number-conflict for this line",
                "Ignore this finding (number-conflict)"
            ]
        );
        let CodeActionOrCommand::CodeAction(disable) = &actions[1] else {
            unreachable!()
        };
        let edits = disable
            .edit
            .as_ref()
            .and_then(|e| e.changes.as_ref())
            .and_then(|c| c.get(&uri))
            .cloned();
        let edits = edits.unwrap_or_default();
        assert_eq!(
            edits[0].new_text,
            "<!-- factlint-disable-next-line number-conflict -->\r\n"
        );
        assert_eq!(edits[0].range.start, Position::new(2, 0));
        // Nothing on another line.
        let elsewhere = Range::new(Position::new(0, 0), Position::new(0, 3));
        assert!(code_actions(&t, &findings, &keys, elsewhere).is_empty());
        // Plain text has no suppression comments.
        let plain = Target {
            markdown: false,
            ..t
        };
        assert_eq!(code_actions(&plain, &findings, &keys, at).len(), 2);
    }

    #[test]
    fn hover_and_definition() {
        let (text, findings, _) = sample();
        let rope = Rope::from_str(&text);
        let off = text.find("000 vehicles").unwrap_or(0);
        let h = hover(&rope, &findings, off, Encoding::Utf8);
        let Some(Hover {
            contents: HoverContents::Markup(m),
            range,
        }) = h
        else {
            unreachable!()
        };
        assert!(m.value.contains("> About 68,000 vehicles"), "{}", m.value);
        assert!(
            m.value.contains("*Harbor Ledger*, 2024-05-02"),
            "{}",
            m.value
        );
        assert!(m.value.contains("contradicts"));
        assert_eq!(range.map(|r| r.start), Some(Position::new(2, 11)));
        assert!(hover(&rope, &findings, 0, Encoding::Utf8).is_none());
        let defs = definitions(&findings, off, Encoding::Utf16);
        assert_eq!(defs.len(), 1);
        assert!(definitions(&findings, 0, Encoding::Utf16).is_empty());
    }
}
