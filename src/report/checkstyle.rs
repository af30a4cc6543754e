//! `--format checkstyle`: Checkstyle XML, as read by Jenkins, GitLab and reviewdog.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <checkstyle version="4.3">
//!   <file name="drafts/bruecke.md">
//!     <error line="3" column="26" severity="error" message="…" source="factlint.number-conflict"/>
//!   </file>
//! </checkstyle>
//! ```
//!
//! Every checked draft gets a `<file>` element, also when it has no findings. `column` counts
//! characters (1-based). Severities are Checkstyle's: `error`, `warning`, `info` (for info and
//! hint). Attribute values are XML-escaped; characters XML 1.0 forbids become U+FFFD.

use crate::finding::Severity;
use crate::report::{path_str, Checked};
use crate::text::LineIndex;
use std::io::{self, Write};

/// Checkstyle's severity for a finding's.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "info",
    }
}

/// Escapes text for an XML attribute value in double quotes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{8}'
            | '\u{B}'
            | '\u{C}'
            | '\u{E}'..='\u{1F}'
            | '\u{FFFE}'
            | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Writes the Checkstyle report.
pub fn render(files: &[Checked], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for c in files {
        let name = escape(&path_str(&c.path));
        if c.analysis.findings.is_empty() {
            writeln!(out, r#"  <file name="{name}"/>"#)?;
            continue;
        }
        writeln!(out, r#"  <file name="{name}">"#)?;
        let text = &c.analysis.document.text;
        let lines = LineIndex::new(text);
        for f in &c.analysis.findings {
            let start = lines.line_col(text, f.span.start);
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="factlint.{}"/>"#,
                start.line,
                start.col_char,
                severity(f.severity),
                escape(&f.message),
                f.rule.id()
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Applicability, Relation, RuleId};
    use crate::report::tests::{checked, evidence, finding, fix, span_of};

    fn render_str(files: &[Checked]) -> String {
        let mut out = Vec::new();
        assert!(render(files, &mut out).is_ok());
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn empty_run() {
        assert_eq!(
            render_str(&[]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n"
        );
        let out = render_str(&[checked("clean.md", "Fine.\n", vec![])]);
        assert!(out.contains("  <file name=\"clean.md\"/>\n"), "{out}");
    }

    #[test]
    fn finding_with_emoji_and_escaping() {
        let draft = "😀 „Zitat“ & 90.000 <Autos>\n";
        let span = span_of(draft, "90.000");
        let mut f = finding(
            RuleId::NumberConflict,
            Severity::Error,
            span,
            "\"90.000\" <falsch> & 'anders'\nZeile\u{1}",
        );
        f.evidence.push(evidence(
            "amt",
            "Amt",
            "68.000 Autos.",
            "68.000 Autos.",
            Relation::Contradicts,
        ));
        f.fixes
            .push(fix("Replace", span, "68.000", Applicability::Safe));
        let files = [
            checked("a&b.md", draft, vec![f]),
            checked(
                "b.md",
                "One.",
                vec![finding(
                    RuleId::UnsourcedClaim,
                    Severity::Hint,
                    span_of("One.", "One"),
                    "h",
                )],
            ),
        ];
        let out = render_str(&files);
        // "😀 „Zitat“ & " is 12 characters.
        let expected = "\
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<checkstyle version=\"4.3\">
  <file name=\"a&amp;b.md\">
    <error line=\"1\" column=\"13\" severity=\"error\" message=\"&quot;90.000&quot; &lt;falsch&gt; &amp; &apos;anders&apos;&#10;Zeile\u{FFFD}\" source=\"factlint.number-conflict\"/>
  </file>
  <file name=\"b.md\">
    <error line=\"1\" column=\"1\" severity=\"info\" message=\"h\" source=\"factlint.unsourced-claim\"/>
  </file>
</checkstyle>
";
        assert_eq!(out, expected);
    }
}
