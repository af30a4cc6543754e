//! Attribution: reporting verbs with a speaker, prepositional cues, source notes, links, reported speech.

pub(crate) mod detect;
pub(crate) mod lexicon;
pub(crate) mod reported;
pub(crate) mod tokens;

use crate::lang::Lang;
use crate::text::{quotes, Document, Span};
use detect::Found;
use lexicon::{lexicon, Lexicon};
use serde::Serialize;
use tokens::Tok;

/// How a sentence is attributed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttrKind {
    /// A reporting verb with a speaker: "sagte Musk", "the company said".
    Verb,
    /// "laut X", "X zufolge", "nach Angaben von X", "according to X", "wie X berichtete".
    Preposition,
    /// "(Quelle: dpa)", "(DWD)".
    Note,
    /// A Markdown link or footnote to a source.
    Link,
    /// Reported content whose frame stands in a neighbouring sentence: German Konjunktiv I
    /// continuing an attributed sentence, or the sentence that a following "Dies teilte X mit",
    /// "That, the company said" refers back to.
    Continuation,
    /// A direct quotation (its speaker named in, before or after it).
    Quote,
    /// Hearsay without a frame: "Der Täter soll … haben".
    Hearsay,
    /// A speaker's turn in a transcript or interview ("MODERATOR: …", "Koller: …").
    Turn,
}

/// The speaker or source named by an attribution.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct SourceText {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One attribution in a sentence.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct Attribution {
    /// The attributed content (at least the sentence).
    pub start: usize,
    pub end: usize,
    pub cue: Span,
    pub source: Option<SourceText>,
    pub kind: AttrKind,
    pub span: Span,
    /// The sentence this attribution belongs to.
    pub sentence_span: Span,
}

/// Whether the attributions `attrs` of a document credit the text at `at` of an attributed
/// `sentence` (true where none of them covers it: a table credited by its source line): one
/// of the sentence's attributions covers it, and `at` does not stand in a part of the sentence
/// a semicolon sets off from every cue ("Im Schwesterwerk arbeiten 610 Menschen; bis zu 180
/// sollen dort nach Angaben von X unterkommen": the 610 is the writer's), nor in the name of
/// the source itself (the speaker's age). Quotations, continuations, turns and notes credit
/// their whole sentence.
pub fn credits(text: &str, attrs: &[Attribution], sentence: Span, at: Span) -> bool {
    let covering: Vec<&Attribution> = attrs
        .iter()
        .filter(|a| a.sentence_span == sentence && a.start <= at.start && at.end <= a.end)
        .collect();
    // Credited by other means (a table's source line): the sentence's own flag decides.
    if covering.is_empty() {
        return true;
    }
    // The speaker's own description is not what the speaker says: "Die 58-jährige
    // Geschäftsführerin begründete …" credits nobody with the age.
    let mine: Vec<&Attribution> = covering
        .into_iter()
        .filter(|a| {
            a.kind != AttrKind::Verb
                || !a
                    .source
                    .as_ref()
                    .is_some_and(|src| src.start <= at.start && at.end <= src.end)
        })
        .collect();
    if mine.is_empty() {
        return false;
    }
    // The semicolon-separated part of the sentence holding `at`.
    let Some(body) = text.get(sentence.start..sentence.end) else {
        return true;
    };
    let rel = at.start.saturating_sub(sentence.start);
    let lo = body
        .get(..rel)
        .and_then(|b| b.rfind(';'))
        .map_or(sentence.start, |k| sentence.start + k + 1);
    let hi = body
        .get(rel..)
        .and_then(|b| b.find(';'))
        .map_or(sentence.end, |k| sentence.start + rel + k);
    mine.iter().any(|a| {
        !matches!(a.kind, AttrKind::Verb | AttrKind::Preposition)
            || (a.cue.start < hi && a.cue.end > lo)
            || a.source
                .as_ref()
                .is_some_and(|src| src.start < hi && src.end > lo)
    })
}

/// Finds the attributions of every sentence of the document.
pub fn extract(doc: &Document) -> Vec<Attribution> {
    extract_with(doc, None)
}

/// [`extract`], with each sentence's cues from `memo` when it has seen the sentence.
pub fn extract_with(doc: &Document, memo: Option<&crate::extract::Memo>) -> Vec<Attribution> {
    let lex = lexicon(doc.lang);
    let mut quote_spans: Vec<quotes::QuoteSpan> = doc
        .blocks
        .iter()
        .flat_map(|b| quotes::scan(&doc.masked, b.span))
        .filter(|q| q.depth == 0)
        .collect();
    for b in &doc.blocks {
        let more = more_quotes(doc, b.span, &quote_spans);
        quote_spans.extend(more);
    }
    quote_spans.sort_by_key(|q| q.outer.start);
    let quoted = |pos: usize| quote_spans.iter().any(|q| q.inner.contains_offset(pos));
    let toks: Vec<Vec<Tok>> = doc
        .sentences
        .iter()
        .map(|s| {
            let Some(memo) = memo else {
                return tokens::tokenize(&doc.masked, s.span, &quoted);
            };
            // Tokens depend on the sentence and on where quotations cover it.
            let covered: String = quote_spans
                .iter()
                .filter(|q| q.inner.start < s.span.end && s.span.start < q.inner.end)
                .map(|q| {
                    let a = q.inner.start.saturating_sub(s.span.start);
                    let b = q.inner.end.saturating_sub(s.span.start);
                    format!("{a}-{b},")
                })
                .collect();
            let key = crate::extract::memo::key(&doc.masked, s.span, doc.lang, &covered);
            memo.tokens.get(key, s.span.start, || {
                tokens::tokenize(&doc.masked, s.span, &quoted)
            })
        })
        .collect();
    // A question is no claim, unless it is quoted speech ("“Can you explain that?”").
    let quoted_sentence = |i: usize| {
        let s = doc.sentences[i].span;
        quote_spans
            .iter()
            .any(|q| q.inner.overlaps(s) && substantial(&doc.masked, q))
    };
    let skip =
        |i: usize| doc.sentences[i].heading || (doc.sentences[i].question && !quoted_sentence(i));

    // Cues in each sentence.
    let mut found: Vec<Vec<Found>> = (0..doc.sentences.len())
        .map(|i| {
            if skip(i) {
                return Vec::new();
            }
            let Some(memo) = memo else {
                return detect::cues(lex, &toks[i], &doc.text);
            };
            // Cues depend on the sentence's words and which of them are quoted.
            let s = doc.sentences[i].span;
            let quoted: String = toks[i]
                .iter()
                .map(|t| if t.quoted { '1' } else { '0' })
                .collect();
            let extra = format!("{}\u{1}{quoted}", s.slice(&doc.text));
            let key = crate::extract::memo::key(&doc.masked, s, doc.lang, &extra);
            memo.cues
                .get(key, s.start, || detect::cues(lex, &toks[i], &doc.text))
        })
        .collect();
    links(doc, &mut found);
    turns(doc, &mut found);

    // Quotations: every sentence a real quotation touches.
    let mut quote_of: Vec<Option<usize>> = vec![None; doc.sentences.len()];
    for (qi, q) in quote_spans.iter().enumerate() {
        if !substantial(&doc.masked, q) {
            continue;
        }
        for (i, s) in doc.sentences.iter().enumerate() {
            if s.span.overlaps(q.inner) && !skip(i) && quote_of[i].is_none() {
                quote_of[i] = Some(qi);
            }
        }
    }
    let mut out: Vec<Attribution> = Vec::new();
    let mut active: Option<(Option<SourceText>, usize)> = None; // (source, block) of the running reported speech
    let mut last_source: Option<(SourceText, usize)> = None; // the latest named source in the block
                                                             // The speaker of the latest quotation and its sentence: a quotation that opens the next
                                                             // paragraph with no frame of its own goes on in that speaker's voice.
    let mut last_quote: Option<(SourceText, usize)> = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        let block = s.block;
        if active.as_ref().is_some_and(|(_, b)| *b != block) {
            active = None;
        }
        if last_source.as_ref().is_some_and(|(_, b)| *b != block) {
            last_source = None;
        }
        let earlier = last_source.as_ref().map(|(s, _)| s.clone());
        if skip(i) {
            active = None;
            continue;
        }
        let mut here: Vec<Attribution> = found[i]
            .iter()
            .map(|f| make(doc, i, f.cue, f.source, f.kind))
            .collect();
        if let Some(qi) = quote_of[i] {
            if here.is_empty() || here.iter().all(|a| a.source.is_none()) {
                let q = &quote_spans[qi];
                let src = quote_speaker(doc, lex, &toks, &found, q, i);
                let cue = Span::new(q.outer.start, q.inner.start);
                here.retain(|a| a.source.is_some());
                let mut a = make(doc, i, cue, src, AttrKind::Quote);
                if a.source.is_none() {
                    a.source = continued_quote(doc, q, i, last_quote.as_ref());
                }
                here.push(a);
            }
        }
        // Sources named by an adverb ("Demnach") come from the running speech.
        for a in &mut here {
            if a.source.is_none() {
                if let Some((Some(src), _)) = &active {
                    a.source = Some(src.clone());
                }
            }
        }
        if !here.is_empty() {
            // Any quotation of two words or more opens a speaker's turn ("„Wir sind
            // erschüttert“, sagte er." has no closing punctuation inside the marks).
            let quoted = quote_of[i].is_some()
                || quote_spans.iter().any(|q| {
                    s.span.contains_offset(q.outer.start)
                        && q.inner.slice(&doc.masked).split_whitespace().count() >= 2
                });
            if quoted {
                last_quote = here
                    .iter()
                    .find_map(|a| a.source.clone())
                    .map(|src| (src, i));
            }
            let src = here.iter().find_map(|a| a.source.clone());
            let src = src.or_else(|| active.as_ref().and_then(|(s, _)| s.clone()));
            if let Some(s) = &src {
                last_source = Some((s.clone(), block));
            }
            active = Some((src, block));
            out.extend(here);
            continue;
        }
        if doc.lang == Lang::De {
            // Konjunktiv I is reported speech even when its frame is further away or missing.
            let konj = konjunktiv(lex, &toks[i], active.is_some());
            let modal = active.is_some()
                && toks[i].iter().enumerate().any(|(k, t)| {
                    t.word && !t.quoted && lex.hearsay.contains(&t.lower) && main_verb(&toks[i], k)
                });
            if konj || modal {
                let src = active
                    .as_ref()
                    .and_then(|(s, _)| s.clone())
                    .or(earlier.clone());
                let cue = toks[i].first().map(|t| t.span).unwrap_or(s.span);
                out.push(Attribution {
                    source: src.clone(),
                    ..make(doc, i, cue, None, AttrKind::Continuation)
                });
                active = Some((src, block));
                continue;
            }
            if let Some(cue) = hearsay(lex, &toks[i]) {
                let src = active.as_ref().and_then(|(s, _)| s.clone()).or(earlier);
                out.push(Attribution {
                    source: src.clone(),
                    ..make(doc, i, cue, None, AttrKind::Hearsay)
                });
                active = Some((src, block));
                continue;
            }
        }
        active = None;
    }
    anticipated(doc, lex, &toks, &skip, &mut out);
    source_column(doc, lex, &mut out);
    out
}

/// A table with a source column ("| Kennzahl | Wert | Quelle |", "| Item | Figure | Source |":
/// a header cell that is a source line's label, `note_labels`) credits each cell of a row to
/// the source that row names there, as a source line would ([`AttrKind::Note`]).
fn source_column(doc: &Document, lex: &Lexicon, out: &mut Vec<Attribution>) {
    for s in &doc.sentences {
        let cell = doc
            .blocks
            .get(s.block)
            .is_some_and(|b| b.kind == crate::text::BlockKind::TableCell);
        if !cell || out.iter().any(|a| a.sentence_span == s.span) {
            continue;
        }
        let Some(ctx) = crate::text::table::cell_context(&doc.text, s.span) else {
            continue;
        };
        let label = |h: &Span| {
            let words: Vec<String> = h
                .slice(&doc.text)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            words.len() <= 3 && words.first().is_some_and(|w| lex.note_labels.contains(w))
        };
        let Some(col) = ctx.headers.iter().position(label) else {
            continue;
        };
        if col == ctx.col {
            continue;
        }
        let (Some(src), Some(head)) = (ctx.row.get(col), ctx.headers.get(col)) else {
            continue;
        };
        let text = src.slice(&doc.text).trim();
        if src.end <= src.start || !text.chars().any(char::is_alphabetic) {
            continue;
        }
        out.push(Attribution {
            start: s.span.start,
            end: s.span.end,
            cue: *head,
            source: Some(SourceText {
                start: src.start,
                end: src.end,
                text: text.to_string(),
            }),
            kind: AttrKind::Note,
            span: s.span,
            sentence_span: s.span,
        });
    }
}

/// The speaker a quotation continues: news copy sets each quoted sentence of a speaker in a
/// paragraph of its own and names the speaker once (`"We are shocked," said her nephew.` /
/// `"She was so nice."`). A quotation that opens its sentence, right after a sentence whose
/// quotation has a named speaker (same paragraph or the one before, nothing in between), is
/// that speaker's.
fn continued_quote(
    doc: &Document,
    q: &quotes::QuoteSpan,
    i: usize,
    last_quote: Option<&(SourceText, usize)>,
) -> Option<SourceText> {
    let (src, prev) = last_quote?;
    if prev + 1 != i {
        return None;
    }
    let (s, p) = (doc.sentences.get(i)?, doc.sentences.get(*prev)?);
    if s.block != p.block && s.block != p.block + 1 {
        return None;
    }
    let opens = doc
        .masked
        .get(s.span.start..q.outer.start)
        .is_some_and(|t| t.trim().is_empty());
    opens.then(|| src.clone())
}

/// "Trapattoni wird neuer Trainer. Dies gab der Verein heute bekannt.": a sentence whose frame
/// follows in the next sentence, opened by a demonstrative that refers back to it, is that
/// frame's content.
fn anticipated(
    doc: &Document,
    lex: &Lexicon,
    toks: &[Vec<Tok>],
    skip: &dyn Fn(usize) -> bool,
    out: &mut Vec<Attribution>,
) {
    let mut more = Vec::new();
    for i in 0..doc.sentences.len().saturating_sub(1) {
        let (s, next) = (&doc.sentences[i], &doc.sentences[i + 1]);
        if s.block != next.block || skip(i) || skip(i + 1) {
            continue;
        }
        if out.iter().any(|a| a.sentence_span == s.span) {
            continue;
        }
        let words: Vec<&Tok> = toks[i + 1].iter().filter(|t| t.word).take(4).collect();
        if !words
            .first()
            .is_some_and(|t| !t.quoted && lex.anaphora.contains(&t.lower))
        {
            continue;
        }
        // "Das Gericht wies … zurück": before a noun the word is an article, not a demonstrative
        // (German capitalises nouns; an English name after "That," is the speaker).
        if doc.lang == Lang::De && words.get(1).is_some_and(|t| t.capital()) {
            continue;
        }
        // The frame's verb stands right after the demonstrative or its auxiliary.
        let frame = out.iter().find(|a| {
            a.sentence_span == next.span
                && a.kind == AttrKind::Verb
                && words.iter().skip(1).take(2).any(|w| w.span == a.cue)
        });
        if let Some(f) = frame {
            let cue = toks[i].first().map(|t| t.span).unwrap_or(s.span);
            more.push(Attribution {
                source: f.source.clone(),
                ..make(doc, i, cue, None, AttrKind::Continuation)
            });
        }
    }
    if !more.is_empty() {
        out.extend(more);
        out.sort_by_key(|a| a.sentence_span.start);
    }
}

fn make(doc: &Document, i: usize, cue: Span, source: Option<Span>, kind: AttrKind) -> Attribution {
    let span = doc.sentences[i].span;
    // A title alone ("Dr.", "Mr.") names nobody.
    let lex = lexicon(doc.lang);
    let source = source.filter(|s| {
        s.slice(&doc.text)
            .split_whitespace()
            .any(|w| !lex.titles.contains(&w.to_lowercase()))
    });
    Attribution {
        start: span.start,
        end: span.end,
        cue,
        source: source.map(|s| SourceText {
            start: s.start,
            end: s.end,
            text: s.slice(&doc.text).to_string(),
        }),
        kind,
        span,
        sentence_span: span,
    }
}

/// Markdown links to a URL and footnote references cite a source.
fn links(doc: &Document, found: &mut [Vec<Found>]) {
    for l in &doc.links {
        let d = l.dest.trim().to_ascii_lowercase();
        if !(d.starts_with("http://") || d.starts_with("https://") || d.starts_with("www.")) {
            continue;
        }
        if let Some(i) = doc.sentence_at(l.span.start) {
            if !doc.sentences[i].heading {
                found[i].push(Found {
                    cue: l.span,
                    source: Some(l.span),
                    kind: AttrKind::Link,
                });
            }
        }
    }
    for f in &doc.footnotes {
        if let Some(i) = doc
            .sentence_at(f.start)
            .or_else(|| f.start.checked_sub(1).and_then(|p| doc.sentence_at(p)))
        {
            found[i].push(Found {
                cue: *f,
                source: None,
                kind: AttrKind::Link,
            });
        }
    }
}

/// A "Label: value" line with at most this many words after the colon and no closing
/// punctuation is a fact box's line, not a speaker's turn.
const FACT_VALUE_WORDS: usize = 8;

/// Transcript and interview turns: lines opening with a speaker label ("MODERATOR:",
/// "Oberbürgermeister Koller:", "RUTH OKAFOR (General Secretary, NURO):") attribute every
/// sentence up to the next label or blank line to that speaker. A document counts as a
/// transcript when at least two lines open with a label, or a label is in capitals.
fn turns(doc: &Document, found: &mut [Vec<Found>]) {
    static LABEL: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[ \t>*_-]*(\p{Lu}[\p{L}\p{M}.'’-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}.'’-]*|von|van|de|der|da|di|al|bin)){0,5})(?:[ \t]*\([^)\n]{1,100}\))?[ \t]*:[ \t]+\S").ok()
    });
    let Some(re) = LABEL.as_ref() else { return };
    let mut labels: Vec<(usize, Span)> = Vec::new(); // (line start, label span)
    let mut pos = 0;
    for line in doc.text.split_inclusive('\n') {
        // Only lines whose label is prose (not code, not front matter).
        if let Some(c) = re.captures(line) {
            if let Some(m) = c.get(1) {
                let span = Span::new(pos + m.start(), pos + m.end());
                // "- Auslieferung: ab Mai 2026", "Traglast: sieben Kilogramm": a fact box's
                // label and value, no words spoken — a few words with no closing punctuation.
                let rest = line
                    .get(m.end()..)
                    .unwrap_or("")
                    .trim_start_matches([' ', '\t', ')'])
                    .trim_start_matches(':')
                    .trim();
                // "Abstimmung: 38 Ja-Stimmen, 21 Nein-Stimmen, 2 Enthaltungen. Der Haushalt
                // ist damit beschlossen.": a record's figures under a label, then prose in the
                // record's own voice; no turn opens with a figure.
                let first = rest.split_inclusive(". ").next().unwrap_or(rest);
                let figures_first = rest.starts_with(|c: char| c.is_ascii_digit())
                    && first.split_whitespace().count() <= FACT_VALUE_WORDS;
                let value_only = figures_first
                    || rest.split_whitespace().count() <= FACT_VALUE_WORDS
                        && !rest.ends_with(['.', '!', '?', '…', '"', '“', '”', '»', '«', '\'']);
                if value_only {
                    pos += line.len();
                    continue;
                }
                if doc.masked.get(span.start..span.end) == doc.text.get(span.start..span.end) {
                    labels.push((pos, span));
                }
            }
        }
        pos += line.len();
    }
    let caps = |s: &str| {
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(|c| c.is_lowercase())
    };
    if labels.len() < 2 && !labels.iter().any(|(_, l)| caps(l.slice(&doc.text))) {
        return;
    }
    let lex = lexicon(doc.lang);
    for (k, &(line_start, label)) in labels.iter().enumerate() {
        // "REPORTER:", "REPORTERIN (Aylin Demir):": the outlet's own staff report in its own
        // voice; the turn ends the one before and credits nobody.
        let role = label.slice(&doc.text).trim().to_lowercase();
        if lex.house_roles.contains(&role) {
            continue;
        }
        let next = labels.get(k + 1).map(|l| l.0).unwrap_or(doc.text.len());
        // A blank line ends the turn early.
        let end = doc.text[line_start..next]
            .find("\n\n")
            .map(|i| line_start + i)
            .unwrap_or(next);
        for (i, s) in doc.sentences.iter().enumerate() {
            if s.span.start >= line_start && s.span.start < end && !s.heading {
                found[i].push(Found {
                    cue: label,
                    source: Some(label),
                    kind: AttrKind::Turn,
                });
            }
        }
    }
}

/// Quotations `quotes::scan` leaves out, in the block `block`:
/// * two apostrophes as quotation marks, as some newspapers print them (`''We will,'' he said.`);
/// * a quotation opened at the start of a paragraph and never closed in it: a quote that runs
///   on into the next paragraph, which by convention gets no closing mark.
fn more_quotes(doc: &Document, block: Span, known: &[quotes::QuoteSpan]) -> Vec<quotes::QuoteSpan> {
    let Some(text) = doc.masked.get(block.start..block.end) else {
        return Vec::new();
    };
    let after = |p: usize| text[p..].chars().next();
    let (mut out, mut unclosed) = apostrophe_pairs(doc, block);
    // Opening marks at a sentence start that no quotation covers.
    for s in doc
        .sentences
        .iter()
        .filter(|s| block.contains_offset(s.span.start))
    {
        let Some(p) = s.span.start.checked_sub(block.start) else {
            continue;
        };
        let Some(c) = after(p) else { continue };
        if !matches!(c, '“' | '„' | '"' | '»') {
            continue;
        }
        let abs = s.span.start;
        let covered = known
            .iter()
            .chain(out.iter())
            .any(|q| q.outer.contains_offset(abs));
        if !covered && !unclosed.iter().any(|&(u, _)| u == p) {
            unclosed.push((p, c.len_utf8()));
        }
    }
    for (p, len) in unclosed {
        let abs = block.start + p;
        let covered = known
            .iter()
            .chain(out.iter())
            .any(|q| q.outer.contains_offset(abs));
        // Only a mark that opens its paragraph runs on to the end of the paragraph.
        let at_start = text[..p].trim().is_empty();
        if !covered && at_start && abs + len < block.end {
            out.push(quotes::QuoteSpan {
                outer: Span::new(abs, block.end),
                inner: Span::new(abs + len, block.end),
                depth: 0,
            });
        }
    }
    out
}

/// Quotations marked by two apostrophes in the block `block` (`''We will,'' he said.`), in
/// languages whose newspapers print them so (elsewhere they are wiki markup). The quotation
/// extractor uses the same pairs, so that what attribution treats as a quote is one.
pub(crate) fn apostrophe_quotes(doc: &Document, block: Span) -> Vec<quotes::QuoteSpan> {
    apostrophe_pairs(doc, block).0
}

/// The `''` pairs of a block and the offsets (in the block) of opening marks left unpaired,
/// each with the mark's length.
fn apostrophe_pairs(doc: &Document, block: Span) -> (Vec<quotes::QuoteSpan>, Vec<(usize, usize)>) {
    let mut out = Vec::new();
    let mut unclosed: Vec<(usize, usize)> = Vec::new();
    let Some(text) = doc.masked.get(block.start..block.end) else {
        return (out, unclosed);
    };
    if !lexicon(doc.lang).apostrophe_quotes {
        return (out, unclosed);
    }
    let before = |p: usize| text[..p].chars().next_back();
    let after = |p: usize| text[p..].chars().next();
    // Non-overlapping "''" marks that are not part of a longer run of apostrophes.
    let marks: Vec<usize> = text
        .match_indices("''")
        .map(|(p, _)| p)
        .filter(|&p| before(p) != Some('\'') && after(p + 2) != Some('\''))
        .collect();
    let mut k = 0;
    while k < marks.len() {
        let open = marks[k];
        let opens = after(open + 2).is_some_and(|c| !c.is_whitespace())
            && before(open).is_none_or(|c| !c.is_alphanumeric());
        if !opens {
            k += 1;
            continue;
        }
        match marks.get(k + 1) {
            Some(&close) if before(close).is_some_and(|c| !c.is_whitespace()) => {
                out.push(quotes::QuoteSpan {
                    outer: Span::new(block.start + open, block.start + close + 2),
                    inner: Span::new(block.start + open + 2, block.start + close),
                    depth: 0,
                });
                k += 2;
            }
            _ => {
                unclosed.push((open, 2));
                k += 1;
            }
        }
    }
    (out, unclosed)
}

/// Whether the words of a quotation are a title or a name in title case ("The End of Time,",
/// "Doctor Who Live: The Next Doctor", "World War Z"), in a language that sets titles so
/// (`title_case_titles`): every word of more than three letters capitalised, the first and a
/// later word of two or more letters capitalised, one sentence at most, and no exclamation or
/// question. Short speech ("I did it.", "No, I did not.") is not in title case.
pub(crate) fn is_title(lang: Lang, inner: &str) -> bool {
    let t = inner.trim();
    if t.ends_with(['!', '?'])
        || t.trim_end_matches(['.', ','])
            .contains(['.', '!', '?', ';'])
    {
        return false;
    }
    title_case(lang, t, 8)
}

/// Whether `t` (two to `max_words` words) is set in title case, in a language that sets titles
/// and headlines so: the first and a later word of two or more letters capitalised, and every
/// word of more than three letters.
pub(crate) fn title_case(lang: Lang, t: &str, max_words: usize) -> bool {
    if !lexicon(lang).title_case_titles {
        return false;
    }
    let words: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 || words.len() > max_words {
        return false;
    }
    let upper = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let later_capital = words[1..]
        .iter()
        .any(|w| upper(w) && w.chars().count() >= 2);
    upper(words[0]) && later_capital && words.iter().all(|w| upper(w) || w.chars().count() <= 3)
}

/// A quotation that quotes speech, not a scare-quoted word or a title.
fn substantial(masked: &str, q: &quotes::QuoteSpan) -> bool {
    let inner = q.inner.slice(masked);
    let words = inner.split_whitespace().count();
    let ends_like_speech = inner.trim_end().ends_with(['.', '!', '?', ',', '…']);
    // A capitalised quotation used as a noun inside the sentence is a title or a name, not
    // speech: "den Titel „Todeszone im Atlantik“", "der Firma „Air Pony Express Inc“".
    let after_word = masked[..q.outer.start]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let capital = inner
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if after_word && capital && !ends_like_speech {
        return false;
    }
    words >= 4 || (words >= 2 && ends_like_speech)
}

/// The speaker of a quotation: the source of an attribution in a sentence it touches, a colon
/// introduction ("Musk: „…“"), or the next sentence ("„…“ Das teilte die Polizei mit.").
fn quote_speaker(
    doc: &Document,
    lex: &Lexicon,
    toks: &[Vec<Tok>],
    found: &[Vec<Found>],
    q: &quotes::QuoteSpan,
    here: usize,
) -> Option<Span> {
    let touched: Vec<usize> = (0..doc.sentences.len())
        .filter(|&i| doc.sentences[i].span.overlaps(q.outer))
        .collect();
    // A cue in a sentence the quotation touches, the closing one first.
    for &i in touched.iter().rev() {
        if let Some(s) = found[i].iter().find_map(|f| f.source) {
            return Some(s);
        }
    }
    // A colon introduction in the opening sentence.
    let first = touched.first().copied().unwrap_or(here);
    let t = &toks[first];
    if let Some(c) = t
        .iter()
        .rposition(|x| x.is(":") && x.span.end <= q.outer.start)
    {
        let np = match lex.lang {
            Lang::De => detect::np_de(lex, t, 0, false),
            Lang::En => detect::np_en(lex, t, 0),
        };
        if let Some((a, b)) = np {
            if b == c && a < b {
                return Some(Span::new(t[a].span.start, t[b - 1].span.end));
            }
        }
        // "…, sagte er:" handled as a cue above; a bare speaker right before the colon.
        let mut k = c;
        while k > 0 && t[k - 1].capital() && c - k < 4 {
            k -= 1;
        }
        if k < c && (k == 0 || !t[k - 1].word) {
            return Some(Span::new(t[k].span.start, t[c - 1].span.end));
        }
        // "Teamchef Jean Todt stellt sich vor seinen Piloten: „…“", "Hier sparte der
        // Bundespräsident nicht mit Kritik: „…“": the subject of the clause that the colon
        // ends, when the quotation opens right after it.
        let opens = t.get(c + 1).is_some_and(|x| x.span.start == q.outer.start);
        if lex.lang == Lang::De && opens {
            let subj = detect::finite_guess_de(lex, t, c).and_then(|v| detect::subject(lex, t, v));
            if let Some((a, b)) = subj.filter(|&(a, b)| a < b && b <= c) {
                return Some(Span::new(t[a].span.start, t[b - 1].span.end));
            }
        }
    }
    // The next sentence names the speaker: "Das teilte der Sprecher mit."
    let last = touched.last().copied().unwrap_or(here);
    if let Some(next) = found.get(last + 1) {
        if doc.sentences.get(last + 1).map(|s| s.block) == doc.sentences.get(last).map(|s| s.block)
        {
            if let Some(f) = next
                .iter()
                .find(|f| f.kind == AttrKind::Verb && f.source.is_some())
            {
                let nt = &toks[last + 1];
                let anaphoric = nt.first().is_some_and(|x| {
                    ["das", "dies", "so", "this", "that"].contains(&x.lower.as_str())
                });
                if anaphoric
                    || nt.first().is_some_and(|x| {
                        x.span.start <= f.cue.start && f.cue.start - x.span.start < 3
                    })
                {
                    return f.source;
                }
            }
        }
    }
    None
}

/// Whether a sentence's finite verb is in Konjunktiv I (reported speech), outside quotations.
fn konjunktiv(lex: &Lexicon, toks: &[Tok], continuing: bool) -> bool {
    toks.iter().enumerate().any(|(i, t)| {
        if !t.word || t.quoted || t.capital() {
            return false;
        }
        let prev = i
            .checked_sub(1)
            .map(|p| toks[p].lower.as_str())
            .unwrap_or("");
        if prev == "ich" {
            return false;
        }
        // "indem ich sie ausprobiert habe": with "ich" in its clause an -e form is the first
        // person's indicative, not Konjunktiv I ("sei" is never indicative).
        if t.lower.ends_with('e') && !lex.konjunktiv_only.contains(&t.lower) {
            let (cs, ce) = tokens::clause_range(toks, i);
            if toks[cs..ce].iter().any(|x| x.word && x.lower == "ich") {
                return false;
            }
        }
        if lex.konjunktiv.contains(&t.lower) || (continuing && lex.konjunktiv2.contains(&t.lower)) {
            return true;
        }
        if lex.konjunktiv_endings.iter().any(|e| {
            t.lower.ends_with(e.as_str()) && t.lower.chars().count() >= e.chars().count() + 3
        }) {
            return true;
        }
        let next = toks.get(i + 1).map(|n| n.lower.as_str()).unwrap_or("");
        // While reported speech goes on, an -e form in second position of a main clause, before
        // a lower-case word or "sich" (not a noun, as after an adjective): „Dies bedinge
        // teilweise …“, „Jedoch ruhe die Mitgliedschaft …“, „So vertrage sich …“.
        let prev_word = i.checked_sub(1).is_some_and(|p| toks[p].word);
        let before_lower = toks
            .get(i + 1)
            .is_some_and(|n| n.word && !n.quoted && !n.capital() && n.clause == t.clause);
        // One word before it, opening the sentence, and no article ("Die neue …").
        let opens_clause = {
            let (cs, _) = tokens::clause_range(toks, i);
            let words: Vec<&Tok> = toks[cs..i].iter().filter(|x| x.word).collect();
            cs <= toks.iter().position(|x| x.word).unwrap_or(0)
                && words.len() == 1
                && !lex.determiners.contains(&words[0].lower)
        };
        if continuing
            && prev_word
            && before_lower
            && opens_clause
            && t.lower.ends_with('e')
            && !t.lower.ends_with("te")
            && t.lower.chars().count() >= 4
            && t.lower.starts_with(char::is_alphabetic)
            && !lex.not_verbs.contains(&t.lower)
            && !lex.determiners.contains(&t.lower)
            && !lex.auxiliaries.contains(&t.lower)
            && !lex.adverbials.contains(&t.lower)
            && !lex.conjunctions.contains(&t.lower)
            && !lex.relatives.contains(&t.lower)
            && !lex.pronouns.contains(&t.lower)
        {
            return true;
        }
        // Other -e forms next to a subject pronoun: "er arbeite", "arbeite er".
        let subj = |w: &str| ["er", "sie", "es", "man"].contains(&w);
        // Weak preterites ("stürzte er") and auxiliaries ("wurde er") look alike; they are not counted.
        // Before a noun an -e form after the pronoun is an adjective: „Dafür nimmt sie neue
        // Kredite auf.“
        let before_noun = toks
            .get(i + 1)
            .is_some_and(|n| n.word && n.capital() && n.clause == t.clause);
        t.lower.ends_with('e')
            && !(subj(prev) && before_noun)
            && !t.lower.ends_with("te")
            && next != "ich"
            && !lex.auxiliaries.contains(&t.lower)
            && t.lower.chars().count() >= 4
            && !lex.not_verbs.contains(&t.lower)
            && !lex.determiners.contains(&t.lower)
            && (subj(prev) || subj(next))
    })
}

/// Whether the finite verb at `k` can be a main clause's: not the sentence's first word (a
/// condition or question: "Sollte der Antrag …") nor the last of its clause (a subordinate
/// clause: "…, das finanziert werden soll.").
fn main_verb(toks: &[Tok], k: usize) -> bool {
    let (_, ce) = tokens::clause_range(toks, k);
    let first = toks[..k].iter().all(|t| !t.word);
    let last = toks[k + 1..ce].iter().all(|t| !t.word);
    !first && !last
}

/// "Der Täter soll das Opfer erstochen haben": a hearsay modal with a perfect infinitive.
fn hearsay(lex: &Lexicon, toks: &[Tok]) -> Option<Span> {
    for (i, t) in toks.iter().enumerate() {
        if !t.word || t.quoted || !lex.hearsay_alone.contains(&t.lower) || !main_verb(toks, i) {
            continue;
        }
        let (_, ce) = tokens::clause_range(toks, i);
        let last = (i + 1..ce).rev().find(|&j| toks[j].word)?;
        if lex.perfect_aux.contains(&toks[last].lower) && last > i + 1 {
            return Some(t.span);
        }
    }
    None
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod turn_tests {
    use crate::extract::AttrKind;
    use crate::lang::Lang;
    use crate::text::{DocKind, Document};

    fn turns(text: &str) -> Vec<String> {
        let doc = Document::parse(text, DocKind::Markdown, Some(Lang::De));
        crate::extract::extract(&doc)
            .attributions
            .iter()
            .filter(|a| a.kind == AttrKind::Turn)
            .filter_map(|a| a.source.as_ref().map(|s| s.text.clone()))
            .collect()
    }

    /// A fact box's "Label: value" lines are no speakers' turns; a transcript's are.
    #[test]
    fn fact_box_lines_are_no_turns() {
        assert!(turns(
            "Die Eckdaten:\n\n- Traglast: sieben Kilogramm\n- Auslieferung: ab Mai 2026\n"
        )
        .is_empty());
        let t = turns("MODERATOR: Viele fragen nach dem Damm.\nKOLLER: Wir bauen ihn bis zum Herbst neu auf.\n");
        assert_eq!(t, vec!["MODERATOR".to_string(), "KOLLER".to_string()]);
    }

    /// A record's "Label: figures." line is the record's own voice, not a turn, though prose
    /// follows it on the line; a turn that speaks of a figure later is still a turn.
    #[test]
    fn a_label_over_figures_is_no_turn() {
        let t = turns("Koller: Der Entwurf hat ein Volumen von 1,2 Milliarden Euro.\n\nHollmann: Wir brauchen neue Kredite.\n\nAbstimmung: 38 Ja-Stimmen, 21 Nein-Stimmen, 2 Enthaltungen. Der Haushalt ist damit beschlossen.\n");
        assert_eq!(t, vec!["Koller".to_string(), "Hollmann".to_string()]);
    }

    /// A reporter's turn is the outlet's own reporting: it credits nobody, and it ends the
    /// turn before it.
    #[test]
    fn a_reporters_turn_is_the_outlets_own() {
        let t = turns("MODERATOR: Wir schalten nach Talbach.\n\nREPORTERIN (Aylin Demir): Der 52 Jahre alte Fahrer ist leicht verletzt.\nKOLLER: Wir sind erleichtert.\n");
        assert_eq!(t, vec!["MODERATOR".to_string(), "KOLLER".to_string()]);
        let doc = Document::parse(
            "HOST: We go live to Dunmore.\nREPORTER: Twelve homes burned overnight.\nCHIEF ORTIZ: We held the line.\n",
            DocKind::Markdown,
            Some(Lang::En),
        );
        let facts = crate::extract::extract(&doc);
        let credited: Vec<&str> = facts
            .attributions
            .iter()
            .filter(|a| a.kind == AttrKind::Turn)
            .filter_map(|a| a.source.as_ref().map(|s| s.text.as_str()))
            .collect();
        assert_eq!(credited, vec!["HOST", "CHIEF ORTIZ"]);
        let burned = facts
            .sentences
            .iter()
            .find(|s| s.span().slice(&doc.text).contains("Twelve"));
        assert!(
            burned.is_some_and(|s| !s.attributed),
            "{:?}",
            facts.sentences
        );
    }
}
