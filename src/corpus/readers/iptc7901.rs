//! IPTC 7901 wire text (as dpa renders it, UTF-8): control characters frame the message; after
//! STX come the headline, an optional "(Foto …) =" line, the teaser and the body; everything from
//! the "# Notizblock" (dpa's notepad, with contacts not for publication) or the closing line on is
//! left out. The source is the credit of the dateline ("Berlin (dpa) - "); the date comes from
//! the trailer after ETX ("251852 Sep 24": day, hour, minute, month, year).

use super::tree;
use super::Item;

const SOH: char = '\u{1}';
const STX: char = '\u{2}';
const ETX: char = '\u{3}';

pub fn read(text: &str) -> Result<Item, String> {
    let body_start = text.find(STX).map(|i| i + 1).unwrap_or_else(|| {
        // Without STX: after the header line(s), at the first blank line.
        text.find("\n\n").map(|i| i + 2).unwrap_or(0)
    });
    let header = &text[..body_start];
    let (body, trailer) = match text[body_start..].find(ETX) {
        Some(i) => (
            &text[body_start..body_start + i],
            &text[body_start + i + 1..],
        ),
        None => (&text[body_start..], ""),
    };
    let clean: String = body
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    let mut lines = clean.lines().map(str::trim_end).peekable();
    // Editorial notices before the headline: "(Eil)", "(Berichtigung: …)" over several lines,
    // "(Achtung - …)". They are not prose.
    loop {
        while lines.peek().is_some_and(|l| l.trim().is_empty()) {
            lines.next();
        }
        if !lines
            .peek()
            .is_some_and(|l| l.trim_start().starts_with('('))
        {
            break;
        }
        let mut depth = 0i32;
        for l in lines.by_ref() {
            depth += l.matches('(').count() as i32 - l.matches(')').count() as i32;
            if depth <= 0 {
                break;
            }
        }
    }
    // The headline runs to the line ending with " =" (possibly "(Foto …) ="), or to a blank line.
    let mut head = String::new();
    for l in lines.by_ref() {
        let t = l.trim();
        if t.is_empty() {
            break;
        }
        let (text, done) = match t.strip_suffix('=') {
            Some(rest) => (rest.trim_end(), true),
            None => (t, false),
        };
        let text = match text.find("(Foto") {
            Some(i) => &text[..i],
            None => text,
        };
        head.push(' ');
        head.push_str(text);
        if done {
            break;
        }
    }
    let title = Some(tree::collapse(&head)).filter(|h| !h.is_empty());
    let mut kept = String::new();
    for line in lines {
        let t = line.trim();
        if t.starts_with("# ") || t == "* * * *" {
            break;
        }
        if t.starts_with("(Foto") && t.ends_with('=') {
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    let mut paragraphs = tree::text_paragraphs(&kept);
    // The closing line ("dpa koe yyno n1 sck"): a short last paragraph of lower-case codes.
    if let Some(last) = paragraphs.last() {
        let words: Vec<&str> = last.split_whitespace().collect();
        if words.len() <= 8
            && words.iter().all(|w| {
                w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '/')
            })
        {
            paragraphs.pop();
        }
    }
    let source = paragraphs
        .iter()
        .take(3)
        .find_map(|p| dateline_credit(p))
        .or_else(|| {
            header
                .trim_matches(|c: char| c == SOH || c.is_whitespace())
                .lines()
                .next()
                .and_then(|l| {
                    l.split_whitespace()
                        .rev()
                        .find(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() <= 5)
                })
                .map(str::to_string)
        });
    Ok(Item {
        title,
        source,
        url: None,
        date: trailer_date(trailer),
        lang: None,
        paragraphs,
        summary_only: false,
    })
}

/// "Berlin (dpa) - …" → "dpa"; "(dpa/lni)" → "dpa".
pub fn dateline_credit(p: &str) -> Option<String> {
    let open = p.find('(')?;
    if open > 60 {
        return None;
    }
    let close = open + p[open..].find(')')?;
    let after = p[close + 1..].trim_start();
    if !after.starts_with(['-', '–', '—']) {
        return None;
    }
    let credit = &p[open + 1..close];
    let first = credit.split('/').next().unwrap_or(credit).trim();
    (!first.is_empty() && first.len() <= 30).then(|| first.to_string())
}

/// "251852 Sep 24" → "2024-09-25T18:52".
fn trailer_date(trailer: &str) -> Option<String> {
    let t = trailer.trim_matches(|c: char| c.is_control() || c.is_whitespace());
    let mut parts = t.split_whitespace();
    let dhm = parts.next()?;
    let month = parts.next()?;
    let year = parts.next()?;
    if dhm.len() != 6 || !dhm.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = months
        .iter()
        .position(|x| month.to_ascii_lowercase().starts_with(x))?
        + 1;
    let y: u32 = year
        .trim_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    let y = if y < 100 { 2000 + y } else { y };
    Some(format!(
        "{y:04}-{m:02}-{}T{}:{}",
        &dhm[0..2],
        &dhm[2..4],
        &dhm[4..6]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_without_notepad_with_trailer_date() {
        let item =
            read(include_str!("../../../tests/fixtures/sources/wire.iptc")).unwrap_or_default();
        assert_eq!(
            item.title.as_deref(),
            Some("Hafenbrücke bleibt bis Mai gesperrt")
        );
        assert_eq!(item.source.as_deref(), Some("dpa"));
        assert_eq!(item.date.as_deref(), Some("2024-03-14T10:15"));
        let text = item.paragraphs.join("\n");
        assert!(text.contains("Hamburg (dpa) - Die Hafenbrücke"), "{text}");
        assert!(!text.contains("0171"), "{text}");
        assert!(!text.contains("Foto"), "{text}");
        assert!(!text.contains("yyno"), "{text}");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            "\u{2}",
            "\u{3}",
            "\u{2}\u{3}999999 Foo 24",
            "(x) -",
            "\u{1}a\u{2}b\u{3}",
        ] {
            let _ = read(s);
        }
    }
}
