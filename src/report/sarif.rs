//! `--format sarif`: SARIF 2.1.0, built with `serde-sarif`. The only file that knows SARIF.
//!
//! One run; `tool.driver` describes every rule in [`crate::rules::ALL`]; `run.columnKind` is
//! `utf16CodeUnits`, so every region's columns count UTF-16 code units (1-based, `endColumn`
//! exclusive). Each result has the draft location (`artifactLocation.uri` is the draft path as
//! given), one `relatedLocations` entry per piece of evidence (the corpus file, the evidence
//! sentence's region, and "supports: …" / "contradicts: …"), and one `fixes` entry per fix.

use crate::finding::{Evidence, Finding, Relation, Severity};
use crate::report::{path_str, shorten, span_range, Checked};
use crate::rules::RuleMeta;
use crate::text::line_index::LineCol;
use crate::text::{LineIndex, Span};
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Location, Message,
    MultiformatMessageString, PhysicalLocation, Region, ReportingConfiguration,
    ReportingDescriptor, Result as SarifResult, Run, Sarif, Tool, ToolComponent,
};
use std::io::{self, Write};

/// The SARIF 2.1.0 schema.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Where factlint is documented.
pub const INFORMATION_URI: &str = "https://github.com/factlint/factlint";
/// Longest evidence excerpt in a related location's message, in characters.
const MAX_EXCERPT: usize = 200;

fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// SARIF's level for a severity: `error`, `warning` or `note`.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn region(start: LineCol, end: LineCol) -> Region {
    Region::builder()
        .start_line(int(start.line))
        .start_column(int(start.col_utf16))
        .end_line(int(end.line))
        .end_column(int(end.col_utf16))
        .build()
}

fn physical(uri: String, region: Region) -> PhysicalLocation {
    PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(uri).build())
        .region(region)
        .build()
}

fn descriptor(m: &RuleMeta) -> ReportingDescriptor {
    ReportingDescriptor::builder()
        .id(m.id.id())
        .short_description(MultiformatMessageString::builder().text(m.summary).build())
        .full_description(
            MultiformatMessageString::builder()
                .text(m.docs)
                .markdown(m.docs)
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(m.docs)
                .markdown(m.docs)
                .build(),
        )
        .help_uri(m.id.url())
        .default_configuration(
            ReportingConfiguration::builder()
                .level(level(m.default_severity))
                .build(),
        )
        .build()
}

fn related(index: usize, e: &Evidence) -> Location {
    let relation = match e.relation {
        Relation::Supports => "supports",
        Relation::Contradicts => "contradicts",
    };
    let text = format!(
        "{relation}: {} ({}): \"{}\"",
        e.source.name,
        e.source.id,
        shorten(&e.excerpt, MAX_EXCERPT)
    );
    Location::builder()
        .id(int(index + 1))
        .physical_location(physical(path_str(&e.source.path), region(e.start, e.end)))
        .message(Message::builder().text(text).build())
        .build()
}

fn result(uri: &str, text: &str, lines: &LineIndex, f: &Finding) -> SarifResult {
    let (start, end) = span_range(lines, text, f.span);
    let rule_index = crate::rules::ALL
        .iter()
        .position(|r| r.meta().id == f.rule)
        .unwrap_or(0);
    let builder = SarifResult::builder()
        .rule_id(f.rule.id())
        .rule_index(int(rule_index))
        .level(level(f.severity))
        .message(Message::builder().text(f.message.as_str()).build())
        .locations(vec![Location::builder()
            .physical_location(physical(uri.to_string(), region(start, end)))
            .build()]);
    let related: Vec<Location> = f
        .evidence
        .iter()
        .enumerate()
        .map(|(i, e)| related(i, e))
        .collect();
    let fixes: Vec<SarifFix> = f
        .fixes
        .iter()
        .map(|fix| {
            let replacements: Vec<_> = fix
                .edits
                .iter()
                .map(|e| {
                    let (s, t) = span_range(lines, text, Span::new(e.span.start, e.span.end));
                    serde_sarif::sarif::Replacement::builder()
                        .deleted_region(region(s, t))
                        .inserted_content(
                            ArtifactContent::builder()
                                .text(e.replacement.as_str())
                                .build(),
                        )
                        .build()
                })
                .collect();
            let change = ArtifactChange::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri).build())
                .replacements(replacements)
                .build();
            SarifFix::builder()
                .description(Message::builder().text(fix.title.as_str()).build())
                .artifact_changes(vec![change])
                .build()
        })
        .collect();
    // Optional arrays are left out when empty; the fields are public, so set them after building.
    let mut r = builder.build();
    if !related.is_empty() {
        r.related_locations = Some(related);
    }
    if !fixes.is_empty() {
        r.fixes = Some(fixes);
    }
    r
}

/// The SARIF log of a check run.
pub fn to_sarif(files: &[Checked]) -> Sarif {
    let driver = ToolComponent::builder()
        .name("factlint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(INFORMATION_URI)
        .rules(
            crate::rules::ALL
                .iter()
                .map(|r| descriptor(r.meta()))
                .collect::<Vec<_>>(),
        )
        .build();
    let mut results = Vec::new();
    for c in files {
        let text = &c.analysis.document.text;
        let lines = LineIndex::new(text);
        let uri = path_str(&c.path);
        results.extend(
            c.analysis
                .findings
                .iter()
                .map(|f| result(&uri, text, &lines, f)),
        );
    }
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .column_kind("utf16CodeUnits")
        .results(results)
        .build();
    Sarif::builder()
        .schema(SCHEMA)
        .version("2.1.0")
        .runs(vec![run])
        .build()
}

/// Writes the SARIF log as pretty JSON.
pub fn render(files: &[Checked], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_sarif(files))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Applicability, RuleId};
    use crate::report::tests::{checked, evidence, finding, fix, span_of};
    use serde_json::{json, Value};

    fn render_value(files: &[Checked]) -> Value {
        let mut out = Vec::new();
        assert!(render(files, &mut out).is_ok());
        serde_json::from_slice(&out).unwrap_or(Value::Null)
    }

    #[test]
    fn empty_run_has_driver_rules_and_empty_results() {
        let v = render_value(&[]);
        assert_eq!(v["$schema"], SCHEMA);
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        assert_eq!(run["results"], json!([]));
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "factlint");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(driver["informationUri"], INFORMATION_URI);
        let rules = driver["rules"].as_array().cloned().unwrap_or_default();
        assert_eq!(rules.len(), crate::rules::ALL.len());
        for (rule, meta) in rules.iter().zip(crate::rules::ALL.iter().map(|r| r.meta())) {
            assert_eq!(rule["id"], meta.id.id());
            assert_eq!(rule["shortDescription"]["text"], meta.summary);
            assert_eq!(rule["fullDescription"]["text"], meta.docs);
            assert_eq!(rule["help"]["text"], meta.docs);
            assert_eq!(rule["helpUri"], meta.id.url());
            assert_eq!(
                rule["defaultConfiguration"]["level"],
                level(meta.default_severity)
            );
        }
    }

    #[test]
    fn result_with_emoji_evidence_and_fix() {
        let draft = "Titel\n\n😀 Die Brücke trägt 90.000 Autos.\n";
        let corpus = "Vorspann.\nDie Brücke trägt täglich 68.000 Fahrzeuge.\n";
        let span = span_of(draft, "90.000");
        let mut f = finding(
            RuleId::NumberConflict,
            Severity::Error,
            span,
            "90.000 conflicts",
        );
        f.evidence.push(evidence(
            "bruecke",
            "Stadtanzeiger",
            corpus,
            "Die Brücke trägt täglich 68.000 Fahrzeuge.",
            Relation::Contradicts,
        ));
        f.evidence.push(evidence(
            "amt",
            "Bauamt",
            corpus,
            "Vorspann.",
            Relation::Supports,
        ));
        f.fixes.push(fix(
            "Replace with \"68.000\"",
            span,
            "68.000",
            Applicability::Unsafe,
        ));
        let v = render_value(&[checked("drafts/d.md", draft, vec![f])]);
        let r = &v["runs"][0]["results"][0];
        assert_eq!(r["ruleId"], "number-conflict");
        assert_eq!(r["ruleIndex"], 1);
        assert_eq!(r["level"], "error");
        assert_eq!(r["message"]["text"], "90.000 conflicts");
        // "😀 Die Brücke trägt " is 20 UTF-16 code units (19 chars; the emoji is two units).
        let expected_region =
            json!({"startLine": 3, "startColumn": 21, "endLine": 3, "endColumn": 27});
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"],
            expected_region
        );
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "drafts/d.md"
        );
        let rel = &r["relatedLocations"];
        assert_eq!(rel[0]["id"], 1);
        assert_eq!(
            rel[0]["physicalLocation"]["artifactLocation"]["uri"],
            "corpus/bruecke.md"
        );
        assert_eq!(
            rel[0]["physicalLocation"]["region"],
            json!({"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 43})
        );
        assert_eq!(
            rel[0]["message"]["text"],
            "contradicts: Stadtanzeiger (bruecke): \"Die Brücke trägt täglich 68.000 Fahrzeuge.\""
        );
        assert_eq!(rel[1]["id"], 2);
        assert!(rel[1]["message"]["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("supports: Bauamt (amt)"));
        let fix = &r["fixes"][0];
        assert_eq!(fix["description"]["text"], "Replace with \"68.000\"");
        let change = &fix["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "drafts/d.md");
        assert_eq!(change["replacements"][0]["deletedRegion"], expected_region);
        assert_eq!(
            change["replacements"][0]["insertedContent"]["text"],
            "68.000"
        );
    }

    #[test]
    fn info_and_hint_are_notes_and_empty_arrays_are_left_out() {
        let text = "One. Two.";
        let files = [checked(
            "a.md",
            text,
            vec![
                finding(RuleId::QuoteMismatch, Severity::Info, Span::new(0, 4), "i"),
                finding(RuleId::DisputedFigure, Severity::Hint, Span::new(5, 9), "h"),
            ],
        )];
        let v = render_value(&files);
        let results = &v["runs"][0]["results"];
        assert_eq!(results[0]["level"], "note");
        assert_eq!(results[1]["level"], "note");
        assert_eq!(results[1]["ruleIndex"], 2);
        assert!(results[0].get("relatedLocations").is_none());
        assert!(results[0].get("fixes").is_none());
    }
}
