//! `--format human`: rustc/ruff-style diagnostics for people at a terminal.
//!
//! ```text
//! draft.md:3:21: error[number-conflict] 90,000: no source supports this figure; …
//!   |
//! 3 | Die Brücke trägt täglich 90.000 Fahrzeuge.
//!   |                          ^^^^^^
//!   = contradicts: Stadtanzeiger (bruecke): "Über die Brücke fahren täglich 68.000 Fahrzeuge."
//!   help: Replace with "68.000" (Stadtanzeiger)
//!     - … täglich 90.000 Fahrzeuge.
//!     + … täglich 68.000 Fahrzeuge.
//!
//! 1 finding (1 error) in 1 file
//! ```
//!
//! The column in the header counts characters (Unicode scalar values). The underline is measured
//! in terminal cells: East Asian wide characters and emoji count two, combining marks none, a tab
//! is shown as four spaces. Long lines are cut around the span with "…"; a span over several
//! lines underlines its part of each line (at most four lines are shown).

use crate::finding::{apply_edits, Edit, Finding, Fix, Relation, Severity};
use crate::report::{path_str, plural, shorten, Checked, Counts};
use crate::text::{LineIndex, Span};
use std::io::{self, Write};
use std::path::Path;

/// Presentation options.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Use ANSI colours.
    pub color: bool,
}

/// Widest source line shown, in terminal cells, before it is cut around the span.
const MAX_LINE_WIDTH: usize = 100;
/// Cells of context kept before the span when a long line is cut.
const CONTEXT_BEFORE: usize = 24;
/// Longest excerpt shown for a piece of evidence, in characters.
const MAX_EXCERPT: usize = 100;
/// Characters of context kept on each side of a fix's edits in the before/after preview.
const FIX_CONTEXT: usize = 30;
/// Span lines shown in full; longer spans show the first two, "...", and the last.
const MAX_SPAN_LINES: usize = 4;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(&self, sev: Severity, s: &str) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Hint => "1;34",
        };
        self.paint(code, s)
    }

    fn gutter(&self, s: &str) -> String {
        self.paint("1;34", s)
    }

    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}

/// Writes every finding, then a summary line.
pub fn render(files: &[Checked], opts: Options, out: &mut dyn Write) -> io::Result<()> {
    let st = Style { color: opts.color };
    let mut files_with_findings = 0;
    for checked in files {
        let findings = &checked.analysis.findings;
        if findings.is_empty() {
            continue;
        }
        files_with_findings += 1;
        let text = &checked.analysis.document.text;
        let lines = LineIndex::new(text);
        for f in findings {
            write_finding(out, &checked.path, text, &lines, f, &st)?;
        }
    }
    let counts = Counts::of(files.iter().flat_map(|c| &c.analysis.findings));
    writeln!(out, "{}", summary(&counts, files_with_findings))
}

/// "3 findings (1 error, 2 warnings) in 2 files", or "no findings".
pub fn summary_line(files: &[Checked]) -> String {
    let counts = Counts::of(files.iter().flat_map(|c| &c.analysis.findings));
    let with = files
        .iter()
        .filter(|c| !c.analysis.findings.is_empty())
        .count();
    summary(&counts, with)
}

fn summary(counts: &Counts, files_with_findings: usize) -> String {
    if counts.total() == 0 {
        return "no findings".to_string();
    }
    let mut parts = Vec::new();
    if counts.error > 0 {
        parts.push(plural(counts.error, "error", "errors"));
    }
    if counts.warning > 0 {
        parts.push(plural(counts.warning, "warning", "warnings"));
    }
    if counts.info > 0 {
        parts.push(format!("{} info", counts.info));
    }
    if counts.hint > 0 {
        parts.push(plural(counts.hint, "hint", "hints"));
    }
    format!(
        "{} ({}) in {}",
        plural(counts.total(), "finding", "findings"),
        parts.join(", "),
        plural(files_with_findings, "file", "files")
    )
}

fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn write_finding(
    out: &mut dyn Write,
    path: &Path,
    text: &str,
    lines: &LineIndex,
    f: &Finding,
    st: &Style,
) -> io::Result<()> {
    let start = lines.line_col(text, f.span.start);
    let header = format!("{}[{}]", f.severity.as_str(), f.rule.id());
    writeln!(
        out,
        "{}: {} {}",
        st.bold(&format!(
            "{}:{}:{}",
            path_str(path),
            start.line,
            start.col_char
        )),
        st.severity(f.severity, &header),
        st.bold(&one_line(&f.message))
    )?;
    let (first, last) = span_lines(lines, f.span);
    let gutter = (last + 1).to_string().len();
    let pad = " ".repeat(gutter);
    writeln!(out, "{pad} {}", st.gutter("|"))?;
    write_snippet(
        out,
        text,
        lines,
        f.span,
        f.severity,
        gutter,
        st,
        (first, last),
    )?;
    for e in &f.evidence {
        let relation = match e.relation {
            Relation::Supports => "supports",
            Relation::Contradicts => "contradicts",
        };
        let source = if e.source.name == e.source.id || e.source.name.is_empty() {
            e.source.id.clone()
        } else {
            format!("{} ({})", one_line(&e.source.name), e.source.id)
        };
        writeln!(
            out,
            "{pad} {} {relation}: {source}: \"{}\"",
            st.gutter("="),
            shorten(&e.excerpt, MAX_EXCERPT)
        )?;
    }
    for fix in &f.fixes {
        writeln!(
            out,
            "{pad} {}: {}",
            st.paint("1;32", "help"),
            one_line(&fix.title)
        )?;
        if let Some((before, after)) = fix_preview(text, lines, fix) {
            writeln!(out, "{pad}   {}", st.paint("31", &format!("- {before}")))?;
            writeln!(out, "{pad}   {}", st.paint("32", &format!("+ {after}")))?;
        }
    }
    writeln!(out)
}

/// The first and last 0-based lines a span covers (a span ending at a line start does not cover that line).
fn span_lines(lines: &LineIndex, span: Span) -> (usize, usize) {
    let first = lines.line_of(span.start);
    let mut last = lines.line_of(span.end).max(first);
    if last > first && span.end <= lines.line_start(last) {
        last -= 1;
    }
    (first, last)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[allow(clippy::too_many_arguments)]
fn write_snippet(
    out: &mut dyn Write,
    text: &str,
    lines: &LineIndex,
    span: Span,
    severity: Severity,
    gutter: usize,
    st: &Style,
    (first, last): (usize, usize),
) -> io::Result<()> {
    let mut shown: Vec<Option<usize>> = Vec::new();
    if last - first < MAX_SPAN_LINES {
        shown.extend((first..=last).map(Some));
    } else {
        shown.extend([Some(first), Some(first + 1), None, Some(last)]);
    }
    let pad = " ".repeat(gutter);
    for entry in shown {
        let Some(l) = entry else {
            writeln!(out, "{}", st.gutter("..."))?;
            continue;
        };
        let line = lines.line_text(text, l);
        let line_start = lines.line_start(l);
        let a = if l == first {
            floor_boundary(line, span.start.saturating_sub(line_start))
        } else {
            0
        };
        let b = floor_boundary(line, span.end.saturating_sub(line_start)).max(a);
        let cut = cut_line(line, a, b);
        writeln!(
            out,
            "{} {} {}",
            st.gutter(&format!("{:>gutter$}", l + 1)),
            st.gutter("|"),
            cut.text
        )?;
        let width = if span.is_empty() {
            cut.caret_width.max(1)
        } else {
            cut.caret_width
        };
        if width > 0 {
            let carets = "^".repeat(width);
            writeln!(
                out,
                "{pad} {} {}{}",
                st.gutter("|"),
                " ".repeat(cut.caret_offset),
                st.severity(severity, &carets)
            )?;
        }
    }
    Ok(())
}

/// A source line as shown, with where its underline goes (in terminal cells).
#[derive(Debug, PartialEq, Eq)]
struct CutLine {
    text: String,
    caret_offset: usize,
    caret_width: usize,
}

/// Terminal cells a character takes, and how it is shown.
fn cell(c: char) -> (usize, Option<&'static str>) {
    let cp = c as u32;
    match cp {
        0x09 => (4, Some("    ")),
        0x00..=0x1F | 0x7F..=0x9F => (1, Some(" ")),
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F
        | 0x2028..=0x202E
        | 0x2060..=0x2064
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xFEFF
        | 0xE0100..=0xE01EF => (0, None),
        0x1100..=0x115F
        | 0x231A..=0x231B
        | 0x23E9..=0x23EC
        | 0x2614..=0x2615
        | 0x2648..=0x2653
        | 0x26A1
        | 0x26AA..=0x26AB
        | 0x26BD..=0x26BE
        | 0x26C4..=0x26C5
        | 0x26D4
        | 0x26EA
        | 0x26F2..=0x26F5
        | 0x26FA
        | 0x26FD
        | 0x2705
        | 0x270A..=0x270B
        | 0x2728
        | 0x274C
        | 0x2753..=0x2755
        | 0x2757
        | 0x2795..=0x2797
        | 0x27B0
        | 0x27BF
        | 0x2B1B..=0x2B1C
        | 0x2B50
        | 0x2B55
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F004
        | 0x1F0CF
        | 0x1F18E
        | 0x1F191..=0x1F19A
        | 0x1F200..=0x1F251
        | 0x1F300..=0x1F64F
        | 0x1F680..=0x1F6FF
        | 0x1F7E0..=0x1F7EB
        | 0x1F900..=0x1F9FF
        | 0x1FA70..=0x1FAFF
        | 0x20000..=0x3FFFD => (2, None),
        _ => (1, None),
    }
}

/// Cuts a long line around the byte range `a..b` and measures the underline.
fn cut_line(line: &str, a: usize, b: usize) -> CutLine {
    let cells: Vec<(usize, char, usize, Option<&'static str>)> = line
        .char_indices()
        .map(|(i, c)| {
            let (w, shown) = cell(c);
            (i, c, w, shown)
        })
        .collect();
    let n = cells.len();
    let ai = cells.iter().position(|x| x.0 >= a).unwrap_or(n);
    let bi = cells.iter().position(|x| x.0 >= b).unwrap_or(n).max(ai);
    let total: usize = cells.iter().map(|x| x.2).sum();
    let (lo, hi) = if total <= MAX_LINE_WIDTH {
        (0, n)
    } else {
        let mut lo = ai.min(n);
        let mut w = 0;
        while lo > 0 && w + cells[lo - 1].2 <= CONTEXT_BEFORE {
            lo -= 1;
            w += cells[lo].2;
        }
        let budget = MAX_LINE_WIDTH - 2;
        let mut hi = lo;
        let mut used = 0;
        while hi < n && used + cells[hi].2 <= budget {
            used += cells[hi].2;
            hi += 1;
        }
        (lo, hi)
    };
    let mut text = String::new();
    let mut caret_offset = 0;
    if lo > 0 {
        text.push('…');
        caret_offset += 1;
    }
    for (i, &(_, c, _, shown)) in cells.iter().enumerate().take(hi).skip(lo) {
        match shown {
            Some(s) => text.push_str(s),
            None => text.push(c),
        }
        if i < ai {
            caret_offset += cells[i].2;
        }
    }
    if hi < n {
        text.push('…');
    }
    let caret_width = cells[ai.min(hi)..bi.min(hi)].iter().map(|x| x.2).sum();
    CutLine {
        text,
        caret_offset,
        caret_width,
    }
}

/// The text around a fix's edits before and after applying them, each on one line.
fn fix_preview(text: &str, lines: &LineIndex, fix: &Fix) -> Option<(String, String)> {
    let lo = fix.edits.iter().map(|e| e.span.start).min()?;
    let hi = fix.edits.iter().map(|e| e.span.end).max()?;
    if lo > hi || hi > text.len() || !text.is_char_boundary(lo) || !text.is_char_boundary(hi) {
        return None;
    }
    let line_start = lines.line_start(lines.line_of(lo));
    let last = lines.line_of(hi);
    let line_end = line_start_of_next(lines, text, last).max(hi);
    let mut from = lo;
    for (n, (i, _)) in text[line_start..lo].char_indices().rev().enumerate() {
        if n >= FIX_CONTEXT {
            break;
        }
        from = line_start + i;
    }
    let mut to = hi;
    for (n, (i, c)) in text[hi..line_end].char_indices().enumerate() {
        if n >= FIX_CONTEXT {
            break;
        }
        to = hi + i + c.len_utf8();
    }
    // Cut the context at word boundaries rather than inside a word.
    if from > line_start {
        if let Some((i, c)) = text[from..lo]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
        {
            from += i + c.len_utf8();
        }
    }
    if to < line_end {
        if let Some(i) = text[hi..to].rfind(char::is_whitespace) {
            to = hi + i;
        }
    }
    let window = &text[from..to];
    let edits: Vec<Edit> = fix
        .edits
        .iter()
        .map(|e| Edit {
            span: Span::new(
                e.span.start.saturating_sub(from),
                e.span.end.saturating_sub(from),
            ),
            replacement: e.replacement.clone(),
        })
        .collect();
    let after = apply_edits(window, edits.iter());
    let dress = |s: &str| {
        let mut shown = String::new();
        if from > line_start {
            shown.push_str("… ");
        }
        shown.push_str(s.split_whitespace().collect::<Vec<_>>().join(" ").as_str());
        if to < line_end {
            shown.push_str(" …");
        }
        shown
    };
    Some((dress(window), dress(&after)))
}

/// The end of 0-based `line`'s text (before its line break).
fn line_start_of_next(lines: &LineIndex, text: &str, line: usize) -> usize {
    let start = lines.line_start(line);
    start + lines.line_text(text, line).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Applicability, Relation, RuleId};
    use crate::report::tests::{checked, evidence, finding, fix, span_of};

    fn render_str(files: &[Checked]) -> String {
        let mut out = Vec::new();
        let r = render(files, Options::default(), &mut out);
        assert!(r.is_ok());
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn empty_run_says_no_findings() {
        assert_eq!(render_str(&[]), "no findings\n");
        let clean = checked("clean.md", "Nothing to see here.\n", vec![]);
        assert_eq!(render_str(&[clean]), "no findings\n");
    }

    #[test]
    fn finding_with_evidence_and_fix() {
        let draft = "# Brücke\n\nDie Brücke trägt täglich 90.000 Fahrzeuge.\n";
        let corpus = "Über die Brücke fahren täglich 68.000 Fahrzeuge.";
        let span = span_of(draft, "90.000");
        let mut f = finding(
            RuleId::NumberConflict,
            Severity::Error,
            span,
            "90.000: no source supports this figure",
        );
        f.evidence.push(evidence(
            "bruecke",
            "Stadtanzeiger",
            corpus,
            corpus,
            Relation::Contradicts,
        ));
        f.fixes.push(fix(
            "Replace with \"68.000\" (Stadtanzeiger)",
            span,
            "68.000",
            Applicability::Unsafe,
        ));
        let out = render_str(&[checked("draft.md", draft, vec![f])]);
        let expected = "\
draft.md:3:26: error[number-conflict] 90.000: no source supports this figure
  |
3 | Die Brücke trägt täglich 90.000 Fahrzeuge.
  |                          ^^^^^^
  = contradicts: Stadtanzeiger (bruecke): \"Über die Brücke fahren täglich 68.000 Fahrzeuge.\"
  help: Replace with \"68.000\" (Stadtanzeiger)
    - Die Brücke trägt täglich 90.000 Fahrzeuge.
    + Die Brücke trägt täglich 68.000 Fahrzeuge.

1 finding (1 error) in 1 file
";
        assert_eq!(out, expected);
    }

    #[test]
    fn emoji_and_cjk_widen_the_underline_offset() {
        let draft = "😀 Der Bau kostet 5 Mio.\n";
        let span = span_of(draft, "5 Mio");
        let f = finding(RuleId::UnsourcedClaim, Severity::Warning, span, "unsourced");
        let out = render_str(&[checked("d.md", draft, vec![f])]);
        // Header column counts characters: "😀 Der Bau kostet " is 17 chars.
        assert!(
            out.starts_with("d.md:1:18: warning[unsourced-claim] unsourced\n"),
            "{out}"
        );
        // The emoji takes two cells, so the carets are preceded by 18 cells.
        assert!(
            out.contains(&format!("  | {}^^^^^\n", " ".repeat(18))),
            "{out}"
        );

        let draft = "東京では 3 人が\n";
        let span = span_of(draft, "3 人");
        let f = finding(RuleId::UnsourcedClaim, Severity::Warning, span, "m");
        let out = render_str(&[checked("d.txt", draft, vec![f])]);
        assert!(
            out.contains(&format!("  | {}^^^^\n", " ".repeat(9))),
            "{out}"
        );
    }

    #[test]
    fn multiline_span_underlines_each_line() {
        let draft = "Erste Zeile mit Anfang\nund zweite Zeile.\n";
        let start = draft.find("Anfang").unwrap_or(0);
        let end = draft.find(" Zeile.").unwrap_or(0);
        let f = finding(
            RuleId::QuoteMismatch,
            Severity::Warning,
            Span::new(start, end),
            "m",
        );
        let out = render_str(&[checked("d.md", draft, vec![f])]);
        let expected = "\
d.md:1:17: warning[quote-mismatch] m
  |
1 | Erste Zeile mit Anfang
  |                 ^^^^^^
2 | und zweite Zeile.
  | ^^^^^^^^^^
";
        assert!(out.starts_with(expected), "{out}");
    }

    #[test]
    fn long_line_is_cut_around_the_span() {
        let draft = format!(
            "{} Es waren 90.000 Menschen. {}\n",
            "Vorher ".repeat(30),
            "Nachher ".repeat(30)
        );
        let span = span_of(&draft, "90.000");
        let f = finding(RuleId::NumberConflict, Severity::Error, span, "m");
        let out = render_str(&[checked("d.md", &draft, vec![f])]);
        let shown = out.lines().nth(2).unwrap_or("");
        assert!(shown.starts_with("1 | …"), "{shown}");
        assert!(shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= MAX_LINE_WIDTH + 4, "{shown}");
        let carets = out.lines().nth(3).unwrap_or("");
        let col = carets.find('^').unwrap_or(0);
        // The carets sit under "90.000" on the shown line.
        let under: String = shown.chars().skip(col).take(6).collect();
        assert_eq!(under, "90.000", "{out}");
    }

    #[test]
    fn summary_counts_severities_and_files() {
        let a = checked(
            "a.md",
            "Eins. Zwei.",
            vec![finding(
                RuleId::NumberConflict,
                Severity::Error,
                Span::new(0, 4),
                "x",
            )],
        );
        let b = checked(
            "b.md",
            "One. Two.",
            vec![
                finding(
                    RuleId::UnsourcedClaim,
                    Severity::Warning,
                    Span::new(0, 3),
                    "y",
                ),
                finding(
                    RuleId::UnsourcedClaim,
                    Severity::Warning,
                    Span::new(5, 8),
                    "z",
                ),
            ],
        );
        let c = checked("c.md", "Clean.", vec![]);
        assert_eq!(
            summary_line(&[a, b, c]),
            "3 findings (1 error, 2 warnings) in 2 files"
        );
    }

    #[test]
    fn colours_only_when_asked() {
        let f = finding(
            RuleId::NumberConflict,
            Severity::Error,
            Span::new(0, 4),
            "x",
        );
        let files = [checked("a.md", "Eins.", vec![f])];
        let mut out = Vec::new();
        assert!(render(&files, Options { color: true }, &mut out).is_ok());
        assert!(String::from_utf8_lossy(&out).contains("\x1b[1;31m"));
        assert!(!render_str(&files).contains('\x1b'));
    }
}
