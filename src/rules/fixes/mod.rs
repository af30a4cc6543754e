//! Building fixes: attributions placed by the sentence's structure, in the draft's language,
//! naming what an editor would print; figure replacements in the draft's form.
//!
//! - `names.rs`: who an attribution names ([`Who`]): the speaker as the source names them (title
//!   case for transcript capitals, the source's fuller form with title), an organisation with
//!   its article, the source's own prepositional attribution ("nach Angaben der Polizei"), an
//!   outlet by its name (no file ids, legal forms or metadata labels).
//! - here: where it goes. English: "…, X said." / "…, according to X." before the final
//!   punctuation, after a closing quotation ("…," X said.). German: a person "…, sagte X.", an
//!   organisation "…, teilte die Polizei mit.", an outlet or prepositional phrase right after
//!   the finite verb of the main clause ("Am Ende verfolgten laut X rund …"), which keeps the
//!   verb second; a quotation „…“, sagte X. Never in headings or table cells, never inside a
//!   quotation; list items take the attribution in parentheses at their end.
//! - a figure standing alone in an apposition after a name takes its attribution inside the
//!   apposition (`figure_attribution`: "Whitcombe, who is 44 according to KPEL News 7, is …"),
//!   not at the sentence's end. A German subject named with its title right after the verb
//!   takes „laut X“ after the name.
//! - placeholders ("add a source — factlint found none in the corpus") are display-only, titled
//!   by what the evidence shows (nothing matched; only unnamed documents; a figure with its own finding).
//!
//! Every fix offered is re-checked by `crate::recheck` before it is shown.

pub(crate) mod names;
pub(crate) mod reported;

pub use names::{distinct_who, doc_of, identified_in, outlet_name, speaker_name, who_of, Who};

use crate::finding::{Applicability, Edit, Fix};
use crate::lang::Lang;
use crate::text::{BlockKind, Document, Span};
use serde::Deserialize;
use std::sync::LazyLock;

/// Closed-class word lists for fixes (`src/lang/fixes-*.toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Words {
    pub nominative_articles: Vec<String>,
    pub pronouns: Vec<String>,
    pub no_verb: Vec<String>,
    pub subordinators: Vec<String>,
    pub subject_pronouns: Vec<String>,
    pub vague_speakers: Vec<String>,
    pub said: Vec<String>,
    pub legal_forms: Vec<String>,
    pub label_words: Vec<String>,
    pub konjunktiv: Vec<Vec<String>>,
    pub bare_number_words: Vec<String>,
    pub attribution_words: Vec<String>,
    /// The preposition of a clock time („um“, "at").
    pub clock_preposition: String,
    pub singular_words: Vec<String>,
    // Reported speech (`reported.rs`).
    pub person_plural: Vec<Vec<String>>,
    pub person_singular: Vec<Vec<String>>,
    pub reflexive: Vec<Vec<String>>,
    pub object_after_preposition: Vec<Vec<String>>,
    pub second_person: Vec<String>,
    pub formal_address: Vec<String>,
    pub ambiguous: Vec<String>,
    pub not_verbs: Vec<String>,
    pub coordinators: Vec<String>,
    pub not_finite_after: Vec<String>,
    pub past_forms: Vec<String>,
    pub adverbs: Vec<String>,
    pub irregular_past: Vec<Vec<String>>,
    pub contractions: Vec<Vec<String>>,
    pub feminine_titles: Vec<String>,
    pub masculine_titles: Vec<String>,
    pub feminine_role_endings: Vec<String>,
    pub masculine_role_endings: Vec<String>,
    pub article_heads: Vec<String>,
    /// The cardinals copy writes as words, from two up ("zwei", …, "zwölf"): a replacement
    /// keeps the draft's choice of words or digits for them.
    pub cardinal_words: Vec<String>,
    /// Verbs of a person speaking, which an outlet's name cannot follow as their subject
    /// („…, sagte Lindhagener Anzeiger“).
    pub speech_verbs: Vec<String>,
    /// Prepositions a figure's slot may open with („um 10 Uhr“, „ab Mai“): a second figure
    /// named beside it in an ellipsis repeats the preposition („…, laut X um 9 Uhr“).
    pub figure_prepositions: Vec<String>,
    /// Those of them that govern the dative (the figure's noun takes it: „von anderthalb Tagen“).
    pub dative_prepositions: Vec<String>,
    /// Phrases with which a source states a time or figure as a plan not kept („begann 25
    /// Minuten später als geplant“): it contradicts a sentence that states it as what happened.
    pub deviation_words: Vec<String>,
    /// Words with which the draft itself states a plan or a deviation (then such a source
    /// agrees with it).
    pub plan_words: Vec<String>,
    /// Words that make the figure right after them a bound ("topped 70 percent", „übertraf 70
    /// Prozent“): an exact figure put in its place would claim more than its source.
    pub bound_words: Vec<String>,
}

pub(crate) fn words(lang: Lang) -> &'static Words {
    static DE: LazyLock<Words> = LazyLock::new(|| {
        toml::from_str(include_str!("../../lang/fixes-de.toml")).unwrap_or_default()
    });
    static EN: LazyLock<Words> = LazyLock::new(|| {
        toml::from_str(include_str!("../../lang/fixes-en.toml")).unwrap_or_default()
    });
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

const CLOSING: [char; 7] = ['“', '”', '"', '«', '»', '‘', '’'];
const OPENING: [char; 6] = ['„', '“', '"', '«', '»', '‚'];

/// Where the sentence stands: a heading, a table cell, a list item or running text.
fn block_kind(doc: &Document, s: Span) -> Option<(BlockKind, bool)> {
    let i = doc.sentence_at(s.start)?;
    let sent = doc.sentences.get(i)?;
    let b = doc.blocks.get(sent.block)?;
    Some((b.kind, sent.heading || sent.question))
}

/// The sentence's end: the offset of its final punctuation (or of its end), and whether
/// closing quotation marks follow that punctuation.
struct End {
    /// Where "…, X said" goes: before the final punctuation, or after the closing quote.
    at: usize,
    /// The final punctuation mark, if any.
    punct: Option<char>,
    /// The final punctuation stands inside a quotation: (its offset, the offset after the quote).
    inside_quote: Option<(usize, usize)>,
}

fn sentence_end(text: &str, s: Span) -> End {
    let body = s.slice(text);
    let trimmed = body.trim_end();
    let end = s.start + trimmed.len();
    let mut quote_end: Option<usize> = None;
    for (i, c) in trimmed.char_indices().rev() {
        if matches!(c, '.' | '!' | '?' | '…') {
            return match quote_end {
                Some(q) => End {
                    at: q,
                    punct: Some(c),
                    inside_quote: Some((s.start + i, q)),
                },
                None => End {
                    at: s.start + i,
                    punct: Some(c),
                    inside_quote: None,
                },
            };
        }
        if CLOSING.contains(&c) || c == ')' || c == '\'' {
            if quote_end.is_none() && CLOSING.contains(&c) {
                quote_end = Some(end);
            }
            continue;
        }
        break;
    }
    End {
        at: quote_end.unwrap_or(end),
        punct: None,
        inside_quote: None,
    }
}

/// Whether `at` lies inside a quotation opened earlier in the sentence.
fn inside_quotation(text: &str, s: Span, at: usize) -> bool {
    let Some(before) = text.get(s.start..at) else {
        return true;
    };
    let mut open = 0i32;
    for c in before.chars() {
        match c {
            '„' | '»' | '‚' => open += 1,
            '“' => {
                // German closes with “, English opens with it.
                if open > 0 {
                    open -= 1
                } else {
                    open += 1
                }
            }
            '”' | '«' | '‘' => open = (open - 1).max(0),
            '"' => {
                if open > 0 {
                    open -= 1
                } else {
                    open += 1
                }
            }
            _ => {}
        }
    }
    open > 0
}

/// In a German main clause, the offset right after the finite verb (after a subject pronoun
/// that follows it): where "laut X" goes without breaking verb-second order.
fn after_finite_verb(doc: &Document, s: Span) -> Option<usize> {
    let text = &doc.text;
    let ws = crate::text::words::words_in(text, s);
    let w = words(Lang::De);
    let body = s.slice(text).trim_start();
    if body.starts_with(OPENING) || ws.len() < 3 {
        return None;
    }
    let lower: Vec<String> = ws.iter().map(|x| x.text.to_lowercase()).collect();
    if w.subordinators.contains(&lower[0]) {
        return None;
    }
    let is_lower = |i: usize| ws[i].text.chars().next().is_some_and(|c| c.is_lowercase());
    let is_upper = |i: usize| ws[i].text.chars().next().is_some_and(|c| c.is_uppercase());
    let digit = |i: usize| {
        ws[i]
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    };
    let mut verb = None;
    if w.subject_pronouns.contains(&lower[0]) && is_lower(1) {
        verb = Some(1);
    } else {
        for i in 1..ws.len().min(10) {
            // A comma or a quotation before the verb: a structure this does not read.
            let gap = text
                .get(ws[i - 1].span.end..ws[i].span.start)
                .unwrap_or(",");
            if gap.contains([',', ';', ':', '(', ')', '–', '—']) || gap.contains(OPENING) {
                return None;
            }
            if !is_lower(i) || !ws[i].text.chars().all(char::is_alphabetic) {
                continue;
            }
            if w.no_verb.contains(&lower[i]) {
                continue;
            }
            // An attributive adjective: after an article, preposition or figure, before a noun.
            let after_det = w.no_verb.contains(&lower[i - 1]) || digit(i - 1);
            let before_noun = i + 1 < ws.len() && is_upper(i + 1);
            let adj_ending = ["e", "en", "er", "es", "em"]
                .iter()
                .any(|e| lower[i].ends_with(e));
            if after_det && (before_noun || adj_ending) {
                continue;
            }
            verb = Some(i);
            break;
        }
    }
    let mut v = verb?;
    if v + 1 < ws.len() && w.subject_pronouns.contains(&lower[v + 1]) {
        v += 1;
    } else {
        // A name right after the verb, its subject with a title ("rief Landrat Martin Oberhuber
        // den Katastrophenfall aus"): „laut X“ goes after it, not between verb and name.
        let name_word = |i: usize| {
            is_upper(i)
                && ws[i]
                    .text
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.'))
                && !w.no_verb.contains(&lower[i])
                && text
                    .get(ws[i - 1].span.end..ws[i].span.start)
                    .is_some_and(|g| g.trim().is_empty())
        };
        let mut j = v + 1;
        while j < ws.len() && name_word(j) {
            j += 1;
        }
        // Two or more such words, and the clause goes on with no figure right after them.
        if j - v > 2 && j < ws.len() && !digit(j) {
            v = j - 1;
        }
    }
    // The clause must go on after it (not "…, teilte X mit" at the very end).
    let at = ws[v].span.end;
    let rest = text.get(at..s.end)?.trim();
    if rest.len() < 2 || inside_quotation(text, s, at) {
        return None;
    }
    Some(at)
}

/// Whether the sentence is (essentially) one direct quotation.
fn quote_only(text: &str, s: Span) -> bool {
    let body = s.slice(text).trim();
    let (Some(first), Some(last)) = (body.chars().next(), body.chars().next_back()) else {
        return false;
    };
    OPENING.contains(&first) && CLOSING.contains(&last)
}

/// A past-tense verb of saying from the corpus, when it is one the draft can reuse as it stands.
fn said(lang: Lang, verb: Option<&str>) -> String {
    let w = words(lang);
    match verb.map(str::trim) {
        Some(v) if w.said.iter().any(|x| x == v) => v.to_string(),
        _ => w.said.first().cloned().unwrap_or_else(|| "said".into()),
    }
}

/// The name to print at `at` in the draft, and the source's identification of a person to
/// print after it. A person the draft has mentioned before (by the surname, or in full) is
/// named by the surname alone, as news copy names a person at later mentions in both
/// languages; at the first mention the name as the source gives it (title included), with the
/// source's apposition when it gives one ("Tom Brandt, an analyst at Garrow & Finch").
pub fn mention(doc: &Document, at: usize, who: &Who) -> (String, Option<String>) {
    match who {
        Who::Speaker {
            name,
            org: false,
            role,
        } => {
            let before = doc.text.get(..at).unwrap_or("");
            let before = before.split_whitespace().collect::<Vec<_>>().join(" ");
            let ws: Vec<&str> = name.split_whitespace().collect();
            // An English name ending in two common nouns, the last a plural ("Kellner Home
            // Products"), is a firm's, not a person's with a surname ("Alan Brooks").
            let common = |w: &str| crate::lang::lexicon::common_noun(doc.lang, w);
            let firm = |prev: &str, last: &str| {
                doc.lang == Lang::En
                    && common(prev)
                    && last
                        .strip_suffix('s')
                        .is_some_and(|one| common(last) && common(one))
            };
            match ws.as_slice() {
                [.., prev, last]
                    if last.chars().count() >= 3
                        && last.chars().next().is_some_and(char::is_uppercase)
                        && !firm(prev, last)
                        && contains_phrase(&before, last) =>
                {
                    (last.to_string(), None)
                }
                _ => (name.clone(), role.clone()),
            }
        }
        w => (w.name().to_string(), None),
    }
}

/// The edit that names `who` where the draft names another speaker at `span` in sentence `s`:
/// the name as [`mention`] prints it there, with the source's identification after a comma
/// where the name ends its sentence ("…," said Gideon Lark, a political scientist at Ellery
/// State University.). An English name before its verb at the sentence's end takes the verb
/// first then ("…," Solvik said. → "…," said Paula Vance, acting chair of …); elsewhere the
/// name stays bare (an apposition would part the speaker from the verb).
pub fn mention_in_place(doc: &Document, s: Span, span: Span, who: &Who) -> Edit {
    let (name, role) = mention(doc, span.start, who);
    let bare = Edit {
        span,
        replacement: name.clone(),
    };
    let Some(role) = role else {
        return bare;
    };
    let rest = doc.text.get(span.end..s.end).unwrap_or("");
    let trimmed = rest.trim_end();
    let (body, punct) = match trimmed.char_indices().next_back() {
        Some((i, '.' | '!' | '?')) => (&trimmed[..i], i),
        _ => (trimmed, trimmed.len()),
    };
    if body.is_empty() {
        return Edit {
            span,
            replacement: format!("{name}, {role}"),
        };
    }
    let verb = body.trim();
    let one_verb = body.starts_with(' ')
        && !verb.contains(char::is_whitespace)
        && words(doc.lang).said.iter().any(|v| v == verb);
    if doc.lang == Lang::En && one_verb {
        return Edit {
            span: Span::new(span.start, span.end + punct),
            replacement: format!("{verb} {name}, {role}"),
        };
    }
    bare
}

/// Whether `source` (a corpus sentence) states a time or figure of the draft sentence `draft`
/// as a plan that was not kept („angesetzt für 10.30 Uhr, begann 25 Minuten später als
/// geplant“) while the draft states it as what happened („begann pünktlich um 10.30 Uhr“): a
/// credit to that source would put the opposite of its report in its mouth.
pub fn states_a_plan_not_kept(draft: &str, source: &str, lang: Lang) -> bool {
    let w = words(lang);
    let (draft, source) = (draft.to_lowercase(), source.to_lowercase());
    let any = |hay: &str, list: &[String]| list.iter().any(|p| contains_phrase(hay, p));
    any(&source, &w.deviation_words)
        && !any(&draft, &w.deviation_words)
        && !any(&draft, &w.plan_words)
}

/// Whether `phrase` stands in `hay` as whole words.
fn contains_phrase(hay: &str, phrase: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(phrase).any(|(i, m)| {
        !word(hay[..i].chars().next_back()) && !word(hay[i + m.len()..].chars().next())
    })
}

fn contains_word(hay: &str, w: &str) -> bool {
    crate::text::words::words_in(hay, Span::new(0, hay.len()))
        .iter()
        .any(|x| x.text == w)
}

/// Whether `body` names `who`: a person by the surname; an organisation or outlet by its whole
/// name (without article): "Dunmore Ledger" is not named by "the Dunmore School District".
fn names_source(body: &str, who: &Who, lang: Lang) -> bool {
    let n = who.name();
    let ws: Vec<&str> = n.split_whitespace().collect();
    match who {
        Who::Speaker { org: false, .. } => {
            let key = ws.last().copied().unwrap_or(n);
            let key = key.split('.').next().unwrap_or(key);
            key.chars().count() >= 3 && contains_word(body, key)
        }
        Who::Phrase(_) => false,
        _ => {
            let article = ws
                .first()
                .is_some_and(|w| words(lang).nominative_articles.contains(&w.to_lowercase()));
            let rest = if article && ws.len() > 1 {
                &ws[1..]
            } else {
                &ws[..]
            };
            let phrase = rest.join(" ").trim_matches(['„', '“']).to_string();
            phrase.chars().count() >= 3 && contains_phrase(body, &phrase)
        }
    }
}

/// Whether a sentence has words of attribution in it ("said", „laut“, „nach Angaben“).
fn attributed_in_words(body: &str, lang: Lang) -> bool {
    let lower = body.to_lowercase();
    words(lang)
        .attribution_words
        .iter()
        .any(|w| contains_word(&lower, w) || (w.contains(' ') && lower.contains(w.as_str())))
}

/// The sentence before `s` in the same paragraph, if any.
fn previous_in_block(doc: &Document, s: Span) -> Option<Span> {
    let i = doc.sentence_at(s.start)?;
    let here = doc.sentences.get(i)?;
    let prev = doc.sentences.get(i.checked_sub(1)?)?;
    (prev.block == here.block).then_some(prev.span)
}

/// Whether the sentence `body`, attributed in words, credits `who`: by name, or with the
/// source's own prepositional phrase („nach Angaben der Messe“).
fn credits(body: &str, who: &Who, lang: Lang) -> bool {
    let named = match who {
        Who::Phrase(p) => body.to_lowercase().contains(&p.to_lowercase()),
        _ => names_source(body, who, lang),
    };
    named && attributed_in_words(body, lang)
}

/// A fix joining the sentence `s` to the next one of its paragraph with a semicolon where that
/// one credits `who` at its end ("Whitcombe finished with 58,214 votes. Oyelaran received
/// 49,870 votes, the Board of Elections said." → "…58,214 votes; Oyelaran received …, the
/// Board of Elections said."): one attribution for both, not the same credit twice. Only in
/// running text, for two plain sentences (no quotation at the join, `s` ending in a period, the
/// next opening with a capital) of at most 45 words together.
pub fn fold_into_next(doc: &Document, s: Span, who: &Who) -> Option<Fix> {
    let i = doc.sentence_at(s.start)?;
    let here = doc.sentences.get(i)?;
    let next = doc.sentences.get(i + 1)?;
    let (kind, heading) = block_kind(doc, s)?;
    if next.block != here.block || kind != BlockKind::Paragraph || heading {
        return None;
    }
    let body = here.span.slice(&doc.text).trim_end();
    let nbody = next.span.slice(&doc.text);
    // The credit stands at the next sentence's end ("…, the Board of Elections said."), where
    // it reads as covering both clauses.
    let tail: String = nbody
        .trim_end()
        .trim_end_matches(['.', '!', '?'])
        .rsplit(',')
        .next()
        .unwrap_or("")
        .to_string();
    // By its name, or a shorter form of it: every capitalised word of the credit ("the Board
    // of Elections said") a word of the name ("the Port Ellery Board of Elections").
    let articles = &words(doc.lang).nominative_articles;
    let caps: Vec<&str> = tail
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| !articles.contains(&w.to_lowercase()))
        .collect();
    let shorter = !caps.is_empty() && caps.iter().all(|k| contains_word(who.name(), k));
    if !(credits(&tail, who, doc.lang) || shorter) || !attributed_in_words(&tail, doc.lang) {
        return None;
    }
    let words = body.split_whitespace().count() + nbody.split_whitespace().count();
    let quoted = |t: &str| t.contains(CLOSING) || t.contains(OPENING);
    if !body.ends_with('.')
        || body.ends_with("..")
        || words > 45
        || quoted(body)
        || !nbody.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    let period = here.span.start + body.len() - 1;
    let title = match doc.lang {
        Lang::De => format!(
            "Mit dem nächsten Satz verbinden, der {} als Quelle nennt",
            who.name()
        ),
        Lang::En => format!("Join with the next sentence, which credits {}", who.name()),
    };
    Some(Fix {
        title,
        edits: vec![Edit {
            span: Span::new(period, next.span.start),
            replacement: "; ".into(),
        }],
        applicability: Applicability::Unsafe,
    })
}

/// Whether the sentence before `s` in its paragraph credits `who` already (by name or the
/// source's phrase, with words of attribution): a second attribution would repeat it.
pub fn credited_before(doc: &Document, s: Span, who: &Who) -> bool {
    previous_in_block(doc, s).is_some_and(|p| credits(p.slice(&doc.text), who, doc.lang))
}

/// Whether an earlier sentence of the paragraph of `s` credits `who` already, by a word of its
/// name ("teilte die Messe mit" for "Messe Lindhagen", "the Board said" for "Port Ellery Board
/// of Elections"): naming it as the source of `s` instead of another makes it confirm itself
/// ("Auch Messe Lindhagen berichtete …").
pub fn credited_in_paragraph(doc: &Document, s: Span, who: &Who) -> bool {
    let Some(i) = doc.sentence_at(s.start) else {
        return false;
    };
    let Some(here) = doc.sentences.get(i) else {
        return false;
    };
    let w = words(doc.lang);
    let keys: Vec<String> = who
        .name()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|x| x.chars().count() >= 4 && x.chars().next().is_some_and(char::is_uppercase))
        .filter(|x| !w.nominative_articles.contains(&x.to_lowercase()))
        .map(str::to_string)
        .collect();
    doc.sentences[..i]
        .iter()
        .rev()
        .take_while(|p| p.block == here.block)
        .map(|p| p.span.slice(&doc.text))
        .any(|body| {
            attributed_in_words(body, doc.lang) && keys.iter().any(|k| contains_word(body, k))
        })
}

/// Whether the sentence has a first-person word outside quotation marks ("our crews", „wir“):
/// an attribution after it would leave a half-direct sentence ("…, Ortiz said" after "we").
fn first_person_outside_quotes(doc: &Document, s: Span) -> bool {
    let w = words(doc.lang);
    crate::text::words::words_in(&doc.text, s).iter().any(|x| {
        // "US", "WIR" in capitals: a country, an abbreviation, not a pronoun.
        if x.text.chars().count() > 1 && x.text.chars().all(|c| !c.is_lowercase()) {
            return false;
        }
        let l = x.text.to_lowercase().replace('’', "'");
        let person = w.person_plural.iter().any(|p| p.first() == Some(&l))
            || w.person_singular.iter().any(|p| p.first() == Some(&l));
        // German „Sie“ capitalised is formal address, not the plural's „sie“: not listed.
        person && !inside_quotation(&doc.text, s, x.span.start)
    })
}

/// Whether the draft names the person `who` before `at` (by the surname): a later mention.
fn mentioned_before(doc: &Document, at: usize, who: &Who) -> bool {
    let before = doc.text.get(..at).unwrap_or("");
    let before = before.split_whitespace().collect::<Vec<_>>().join(" ");
    who.name()
        .split_whitespace()
        .last()
        .is_some_and(|last| last.chars().count() >= 3 && contains_phrase(&before, last))
}

/// A fix that attributes the sentence `s` of the draft to `who`, or `None` where no attribution
/// can stand (headings, questions, table cells, sentences ending in ! or ?, a quotation the
/// attribution would have to go into).
pub fn attribution(
    doc: &Document,
    s: Span,
    who: &Who,
    verb: Option<&str>,
    applicability: Applicability,
) -> Option<Fix> {
    let (kind, heading) = block_kind(doc, s)?;
    if heading || matches!(kind, BlockKind::Heading | BlockKind::TableCell) {
        return None;
    }
    let text = &doc.text;
    let lang = doc.lang;
    let (name, role) = mention(doc, s.start, who);
    // The source's identification of a person at the first mention, set off by a comma.
    let apposition = role.as_ref().map(|r| format!(", {r}")).unwrap_or_default();
    // The sentence names the source already ("Kellner expects …", "Source: X"): adding it again
    // says nothing; the finding is for a person to judge.
    let body = s.slice(&doc.text);
    // The sentence names the source already, or carries words of attribution ("…, wie
    // lindhagen24 berichtete") the extractor may not have read: no second attribution.
    if names_source(body, who, lang) || attributed_in_words(body, lang) {
        return None;
    }
    let end = sentence_end(text, s);
    if matches!(end.punct, Some('!' | '?')) {
        return None;
    }
    let quote = quote_only(text, s);
    // First person outside a quotation is the speaker's voice half kept: no attribution fits.
    if !quote && first_person_outside_quotes(doc, s) {
        return None;
    }
    let mut app = applicability;
    // A person named for the first time without the identification a source gives ("Brooks
    // said", "Derek Ames said" where the draft never said who they are): for a person to judge.
    if matches!(who, Who::Speaker { org: false, .. })
        && role.is_none()
        && name.split_whitespace().count() <= 2
        && !mentioned_before(doc, s.start, who)
    {
        app = app.min(Applicability::Unsafe);
    }
    // German: the sentence before, in the same paragraph, credits this source already („Nach
    // Angaben der Messe kamen …“): a second „laut Messe“ repeats it. Reported speech in
    // Konjunktiv carries that attribution on („Das sei ein Plus …“), as rules.md counts it.
    if lang == Lang::De && !quote && kind != BlockKind::ListItem {
        {
            if credited_before(doc, s, who) {
                let (span, conv) = reported::konjunktiv_statement(doc, s)?;
                return Some(Fix {
                    title: format!("Als indirekte Rede fortführen: „{conv}.“"),
                    edits: vec![Edit {
                        span,
                        replacement: conv,
                    }],
                    applicability: app.min(Applicability::Unsafe),
                });
            }
        }
    }
    let mut edits: Vec<Edit> = Vec::new();
    let insert = |at: usize, t: String| Edit {
        span: Span::new(at, at),
        replacement: t,
    };
    // The quotation's final period becomes a comma (English) or goes (German): „…“, sagte X.
    let close_quote = |edits: &mut Vec<Edit>| {
        if let Some((p, _)) = end.inside_quote {
            if end.punct == Some('.') {
                edits.push(Edit {
                    span: Span::new(p, p + 1),
                    replacement: if lang == Lang::En {
                        ",".into()
                    } else {
                        String::new()
                    },
                });
            }
        }
    };
    let period = if end.punct.is_some() && end.inside_quote.is_none() {
        ""
    } else {
        "."
    };
    let title;
    if quote {
        // A quotation standing alone is its speaker's: „…“, sagte X. / "…," X said. An
        // outlet's own words (a statement it published) get "(laut X)" / "according to X", for review.
        let v = said(lang, verb);
        let at = end.at;
        let comma = if end.inside_quote.is_some() { "" } else { "," };
        let t = match (lang, who) {
            (Lang::De, Who::Speaker { .. }) => {
                close_quote(&mut edits);
                format!(", {v} {name}{apposition}{period}")
            }
            (Lang::En, Who::Speaker { .. }) => {
                close_quote(&mut edits);
                // With an identification the verb goes first: "…," said Tom Brandt, an analyst.
                if role.is_some() {
                    format!("{comma} {v} {name}{apposition}{period}")
                } else {
                    format!("{comma} {name} {v}{period}")
                }
            }
            (Lang::De, Who::Outlet(_)) => {
                app = app.min(Applicability::Unsafe);
                format!(" (laut {name})")
            }
            (Lang::En, Who::Outlet(_)) => {
                app = app.min(Applicability::Unsafe);
                close_quote(&mut edits);
                format!("{comma} according to {name}{period}")
            }
            (_, Who::Phrase(_)) => return None,
        };
        edits.push(insert(at, t.clone()));
        title = match lang {
            Lang::De => format!("Zitat zuschreiben: „…“{}", t.trim_end_matches('.')),
            Lang::En => format!("Attribute the quote: \"…\"{}", t.trim_end_matches('.')),
        };
    } else if kind == BlockKind::ListItem {
        // A list item is often no sentence: the source goes in parentheses at its end.
        let t = match (lang, who) {
            (_, Who::Phrase(p)) => format!(" ({p})"),
            (Lang::De, _) => format!(" (laut {name})"),
            (Lang::En, _) => format!(" (according to {name})"),
        };
        let at = end.at;
        edits.push(insert(at, t.clone()));
        title = match lang {
            Lang::De => format!("Quelle ergänzen: „{}“", t.trim()),
            Lang::En => format!("Add the source: \"{}\"", t.trim()),
        };
    } else {
        match (lang, who) {
            (Lang::En, Who::Speaker { .. }) => {
                let v = said(lang, verb);
                close_quote(&mut edits);
                let sep = if end.inside_quote.is_some() { "" } else { "," };
                let t = if role.is_some() {
                    format!("{v} {name}{apposition}")
                } else {
                    format!("{name} {v}")
                };
                edits.push(insert(end.at, format!("{sep} {t}{period}")));
                title = format!("Add \"…, {t}\"");
            }
            (Lang::En, Who::Outlet(_) | Who::Phrase(_)) => {
                let p = match who {
                    Who::Phrase(p) => p.clone(),
                    _ => format!("according to {name}"),
                };
                close_quote(&mut edits);
                let sep = if end.inside_quote.is_some() { "" } else { "," };
                edits.push(insert(end.at, format!("{sep} {p}{period}")));
                title = format!("Add \"…, {p}\"");
            }
            (Lang::De, Who::Speaker { org: false, .. }) => {
                // „…, sagte X.“ after an indicative statement is wrong German: „laut X“ after
                // the finite verb takes the indicative. A first mention with the source's
                // apposition cannot stand there: the statement in Konjunktiv, then „sagte X, …“.
                // A sentence ending in a quotation keeps „…“, sagte X: the quoted words are his.
                let slot = after_finite_verb(doc, s).filter(|_| role.is_none());
                match slot {
                    _ if end.inside_quote.is_some() => {
                        let v = said(lang, verb);
                        close_quote(&mut edits);
                        edits.push(insert(end.at, format!(", {v} {name}{apposition}{period}")));
                        title = format!("„…, {v} {name}{apposition}“ ergänzen");
                    }
                    Some(at) => {
                        edits.push(insert(at, format!(" laut {name}")));
                        title = format!("„laut {name}“ ergänzen");
                    }
                    None => {
                        let (span, conv) = reported::konjunktiv_statement(doc, s)?;
                        let v = said(lang, verb);
                        edits.push(Edit {
                            span,
                            replacement: format!("{conv}, {v} {name}{apposition}"),
                        });
                        title = format!("In indirekter Rede: „{conv}, {v} {name}{apposition}.“");
                    }
                }
            }
            (Lang::De, Who::Speaker { org: true, .. }) => {
                close_quote(&mut edits);
                edits.push(insert(end.at, format!(", teilte {name} mit{period}")));
                title = format!("„…, teilte {name} mit“ ergänzen");
            }
            (Lang::De, Who::Outlet(_) | Who::Phrase(_)) => {
                // „laut Norddeutscher Pressedienst“: an adjective in -scher would have to be
                // inflected („Norddeutschem“), which depends on the noun's gender: for review.
                if matches!(who, Who::Outlet(n) if n.split_whitespace().next().is_some_and(|w| w.ends_with("scher")))
                {
                    app = app.min(Applicability::Unsafe);
                }
                let p = match who {
                    Who::Phrase(p) => p.clone(),
                    _ => format!("laut {name}"),
                };
                match after_finite_verb(doc, s) {
                    Some(at) => edits.push(insert(at, format!(" {p}"))),
                    None => {
                        // No verb-second clause found: in parentheses at the end, for review.
                        app = app.min(Applicability::Unsafe);
                        close_quote(&mut edits);
                        edits.push(insert(end.at, format!(" ({p}){period}")));
                    }
                }
                title = format!("„{p}“ ergänzen");
            }
        }
    }
    Some(Fix {
        title,
        edits,
        applicability: app,
    })
}

/// Where a figure stands alone in an apposition after a name ("Whitcombe, 44, is …",
/// „Ostrowski, 75, führt …“): the offset right after the figure, where an attribution for it
/// alone goes. An attribution at the sentence's end would credit the rest of the sentence
/// instead ("…, is a former school board president, according to KPEL").
fn apposition_end(doc: &Document, s: Span, figure: Span) -> Option<usize> {
    let text = &doc.text;
    if !s.contains(figure) {
        return None;
    }
    let before = text.get(s.start..figure.start)?.trim_end();
    let after = text.get(figure.end..s.end)?;
    let name = before.strip_suffix(',')?.trim_end();
    let last = name.split_whitespace().last()?;
    let named = last.chars().next().is_some_and(char::is_uppercase)
        && last
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''));
    // The sentence goes on after the apposition's closing comma.
    let rest = after.strip_prefix(',')?;
    if !named || rest.split_whitespace().count() < 2 {
        return None;
    }
    Some(figure.end)
}

/// German: where a figure is an attributive adjective after its article („die 75-jährige
/// Ostrowski“, „der zweistündigen Sitzung“), its start — „laut X“ goes between article and
/// figure, as German copy credits one detail („die laut Polizei 38-jährige Fahrerin“).
fn adjective_before(doc: &Document, s: Span, figure: Span) -> Option<usize> {
    if doc.lang != Lang::De || !s.contains(figure) {
        return None;
    }
    let text = &doc.text;
    adjective_slot(figure.slice(text))?;
    // The figure is one word, right after an article or determiner, before a noun.
    if figure.slice(text).split_whitespace().count() != 1 {
        return None;
    }
    let before = text.get(s.start..figure.start)?;
    let prev = before.split_whitespace().last()?;
    let after = text.get(figure.end..s.end)?;
    let noun = after
        .strip_prefix(' ')
        .and_then(|a| a.chars().next())
        .is_some_and(char::is_uppercase);
    let w = words(Lang::De);
    let article = w.no_verb.contains(&prev.to_lowercase());
    (before.ends_with(' ') && article && noun).then_some(figure.start)
}

/// A fix that attributes the figure at `figure` in sentence `s` to `who`: where it stands alone
/// in an apposition, inside it for a bare number ("Whitcombe, who is 44 according to KPEL News
/// 7, is …", „Ostrowski, laut Anzeiger 75, führt …“) or in parentheses right after a figure
/// with a unit; German „laut X“ before an attributive figure; else the sentence's attribution
/// ([`attribution`]).
pub fn figure_attribution(
    doc: &Document,
    s: Span,
    figure: Span,
    who: &Who,
    applicability: Applicability,
) -> Option<Fix> {
    // „nach Angaben der Stadt“ between an article and its adjective reads badly: only „laut“.
    let laut = !matches!(who, Who::Phrase(p) if !p.starts_with("laut "));
    let adjective = adjective_before(doc, s, figure).filter(|_| laut);
    let Some(at) = apposition_end(doc, s, figure).or(adjective) else {
        return attribution(doc, s, who, None, applicability)
            .map(|f| before_participle(doc, s, figure, f));
    };
    let (kind, heading) = block_kind(doc, s)?;
    if heading || matches!(kind, BlockKind::Heading | BlockKind::TableCell) {
        return None;
    }
    let body = s.slice(&doc.text);
    if names_source(body, who, doc.lang) || attributed_in_words(body, doc.lang) {
        return None;
    }
    let (name, _) = mention(doc, at, who);
    let p = match (doc.lang, who) {
        (_, Who::Phrase(p)) => p.clone(),
        (Lang::De, _) => format!("laut {name}"),
        (Lang::En, _) => format!("according to {name}"),
    };
    // Before an attributive figure („die laut Anzeiger 75-jährige Ostrowski“), after one in
    // an apposition.
    let bare = bare_number(figure.slice(&doc.text), doc.lang);
    if adjective.is_none() && bare {
        // A bare number in an apposition (an age): the attribution inside it, as copy words
        // it — "Whitcombe, who is 44 according to KPEL News 7, is …", „Ostrowski, laut
        // Anzeiger 75, führt …“ — not in parentheses after the number.
        let (edits, title) = match doc.lang {
            Lang::De => (
                vec![Edit {
                    span: Span::new(figure.start, figure.start),
                    replacement: format!("{p} "),
                }],
                format!("„{p}“ vor der Zahl ergänzen"),
            ),
            Lang::En => (
                vec![
                    Edit {
                        span: Span::new(figure.start, figure.start),
                        replacement: "who is ".into(),
                    },
                    Edit {
                        span: Span::new(at, at),
                        replacement: format!(" {p}"),
                    },
                ],
                format!("Add \"who is … {p}\""),
            ),
        };
        return Some(Fix {
            title,
            edits,
            applicability: applicability.min(Applicability::Unsafe),
        });
    }
    let (t, title) = if adjective.is_some() {
        (format!("{p} "), format!("„{p}“ vor der Zahl ergänzen"))
    } else {
        let t = format!(" ({p})");
        let title = match doc.lang {
            Lang::De => format!("„{}“ nach der Zahl ergänzen", t.trim()),
            Lang::En => format!("Add \"{}\" after the figure", t.trim()),
        };
        (t, title)
    };
    Some(Fix {
        title,
        edits: vec![Edit {
            span: Span::new(at, at),
            replacement: t,
        }],
        applicability: applicability.min(Applicability::Unsafe),
    })
}

/// A fix that credits the clause a figure stands in, wherever the figure stands: for a figure
/// replaced by one that several sources agree on, whose credit inside an age or adjective slot
/// would read as a dispute („die laut X 57-jährige Ostrowski“): „Die 57-jährige Ostrowski führt
/// laut X Veltra …“, "Whitcombe, 47, is a former school board president, according to X."
/// `None` where the figure stands in no such slot (the caller's figure credit is the same).
pub fn clause_attribution(
    doc: &Document,
    s: Span,
    figure: Span,
    who: &Who,
    applicability: Applicability,
) -> Option<Fix> {
    let slot =
        apposition_end(doc, s, figure).is_some() || adjective_before(doc, s, figure).is_some();
    if !slot {
        return None;
    }
    attribution(doc, s, who, None, applicability).map(|f| before_participle(doc, s, figure, f))
}

/// English: "according to X" at the end of a sentence whose figure is followed by a
/// participle clause ("She took 53 percent of the vote, defeating Marcus Oyelaran.") moves to
/// the end of the figure's clause — "…of the vote, according to KPEL News 7, defeating …" — so
/// that it credits the figure, not the participle's statement.
fn before_participle(doc: &Document, s: Span, figure: Span, mut fix: Fix) -> Fix {
    if doc.lang != Lang::En || fix.edits.len() != 1 {
        return fix;
    }
    let Some(e) = fix.edits.first() else {
        return fix;
    };
    if !e.span.is_empty()
        || !e.replacement.starts_with(", according to ")
        || e.span.start < figure.end
    {
        return fix;
    }
    let Some(between) = doc.text.get(figure.end..e.span.start) else {
        return fix;
    };
    // The first clause break after the figure: a comma opening a participle clause.
    let Some(comma) = between.find([',', ';', ':', '(', '"', '“']) else {
        return fix;
    };
    let participle = between.get(comma..).is_some_and(|rest| {
        rest.starts_with(", ")
            && rest[2..].split_whitespace().next().is_some_and(|w| {
                w.len() > 4 && w.ends_with("ing") && w.chars().all(|c| c.is_ascii_lowercase())
            })
    });
    if !participle || !s.contains_offset(figure.end + comma) {
        return fix;
    }
    let at = figure.end + comma;
    let replacement = e.replacement.clone();
    fix.edits = vec![Edit {
        span: Span::new(at, at),
        replacement,
    }];
    fix
}

/// Whether the evidence names exactly one source, the one in `who`: the first condition of a
/// safe attribution (the re-check in `crate::recheck` is the other).
pub fn single_source(
    ctx: &crate::rules::RuleContext,
    evidence: &[crate::finding::Evidence],
    who: &[Who],
) -> bool {
    let [one] = who else {
        return false;
    };
    // "the Harbor Ledger" as printed is the outlet "Harbor Ledger".
    let bare = |n: &str| -> String {
        n.strip_prefix("the ")
            .or_else(|| n.strip_prefix("The "))
            .unwrap_or(n)
            .to_string()
    };
    !evidence.is_empty()
        && evidence.iter().all(|e| {
            who_of(ctx.corpus, e, ctx.doc.lang).is_some_and(|w| bare(w.name()) == bare(one.name()))
        })
}

/// Fixes that make the same edits, offered once (the first).
pub fn dedup_fixes(fixes: &mut Vec<Fix>) {
    let mut seen: Vec<Vec<Edit>> = Vec::new();
    fixes.retain(|f| {
        if seen.contains(&f.edits) {
            false
        } else {
            seen.push(f.edits.clone());
            true
        }
    });
}

/// Why a placeholder stands where an attribution would: the title says which, and claims no
/// more than the finding's evidence shows — never that the corpus is silent, only that factlint
/// found nothing it could credit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoSource {
    /// No evidence: factlint matched no corpus statement to it (the corpus may still have one
    /// in words it did not match).
    NoneFound,
    /// The corpus reports it, but only where no printable name can be given (a file id, a
    /// clause instead of a speaker): the title names the documents.
    Unnamed,
    /// A figure in the sentence has a figure finding of its own: naming one source for the
    /// whole sentence would put that figure in its mouth.
    Disputed,
}

/// A placeholder attribution where no source in the corpus can be named: shown, never applied.
/// `docs`: the ids of the documents the evidence comes from (named in an `Unnamed` title).
pub fn placeholder(doc: &Document, s: Span, why: NoSource, docs: &[&str]) -> Option<Fix> {
    let who = if quote_only(&doc.text, s) {
        Who::person(match doc.lang {
            Lang::De => "[Sprecher]",
            Lang::En => "[speaker]",
        })
    } else {
        Who::Outlet(match doc.lang {
            Lang::De => "[Quelle]".into(),
            Lang::En => "[source]".into(),
        })
    };
    let mut f = attribution(doc, s, &who, None, Applicability::DisplayOnly)?;
    let mut ids: Vec<&str> = Vec::new();
    for d in docs {
        if !ids.contains(d) {
            ids.push(d);
        }
    }
    let ids = ids.join(", ");
    f.title = match (doc.lang, why) {
        (Lang::De, NoSource::NoneFound) => {
            "Quelle ergänzen – factlint hat im Korpus keine dazu gefunden (Platzhalter)".into()
        }
        (Lang::De, NoSource::Unnamed) if !ids.is_empty() => format!(
            "Quelle ergänzen – im Korpus steht es nur in {ids}, ohne nennbaren Urheber (Platzhalter)"
        ),
        (Lang::De, NoSource::Unnamed) => {
            "Quelle ergänzen – im Korpus steht es nur ohne nennbaren Urheber (Platzhalter)".into()
        }
        (Lang::De, NoSource::Disputed) => {
            "Quelle ergänzen – eine Zahl darin hat einen eigenen Befund; erst diesen klären (Platzhalter)"
                .into()
        }
        (Lang::En, NoSource::NoneFound) => {
            "Add a source — factlint found none in the corpus (placeholder)".into()
        }
        (Lang::En, NoSource::Unnamed) if !ids.is_empty() => format!(
            "Add a source — the corpus has it only in {ids}, which names no outlet or speaker (placeholder)"
        ),
        (Lang::En, NoSource::Unnamed) => {
            "Add a source — the corpus has it only without a nameable source (placeholder)".into()
        }
        (Lang::En, NoSource::Disputed) => {
            "Add a source — a figure in it has a finding of its own; settle that first (placeholder)"
                .into()
        }
    };
    f.applicability = Applicability::DisplayOnly;
    Some(f)
}

/// The grammatical slot a figure's last word fills: an adjective ("zweistündigen", "75-jährige",
/// "two-hour") or a noun phrase.
pub(crate) fn adjective_slot(text: &str) -> Option<String> {
    let last = text.split_whitespace().last()?;
    let lower = last.to_lowercase();
    // German adjectives from figures: -ig with its endings ("zweistündigen", "63-jährig").
    for end in ["igen", "iger", "igem", "iges", "ige", "ig"] {
        if lower.ends_with(end) && lower.chars().count() > end.len() + 2 {
            return Some(end.to_string());
        }
    }
    // English compound adjectives: "two-hour", "36-year-old" (not "twenty-three").
    if last.contains('-') && !last.ends_with('-') {
        let tail = lower.rsplit('-').next().unwrap_or("");
        let number = matches!(
            tail,
            "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
        );
        if tail.chars().all(char::is_alphabetic) && !tail.is_empty() && !number {
            return Some(format!("-{tail}"));
        }
    }
    None
}

/// The source's figure with the draft's form of each word they share: a unit or counted noun
/// the source inflects for its own sentence ("auf 84.000 Quadratmetern") keeps the draft's case
/// ("84.000 Quadratmeter"). Words are matched from the end; a word is the same word in another
/// form when one begins with the other, or they differ only after a shared stem of five letters.
/// Where either figure is singular ("eine Million", "1 hour"), the forms differ in number, not
/// case, and the source's form stands.
fn draft_forms(original: &str, replacement: &str, lang: Lang) -> String {
    let orig: Vec<&str> = original.split_whitespace().collect();
    let mut rep: Vec<String> = replacement.split_whitespace().map(str::to_string).collect();
    let singular = |w: &str| {
        let l = w.to_lowercase();
        l == "1" || words(lang).singular_words.contains(&l)
    };
    if orig.iter().any(|w| singular(w)) || rep.iter().any(|w| singular(w)) {
        return rep.join(" ");
    }
    let alpha = |w: &str| w.chars().all(char::is_alphabetic);
    for (r, o) in rep.iter_mut().rev().zip(orig.iter().rev()) {
        if !alpha(r) || !alpha(o) || r == o {
            break;
        }
        let (rl, ol) = (r.to_lowercase(), o.to_lowercase());
        let shared = rl
            .chars()
            .zip(ol.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let (nr, no) = (rl.chars().count(), ol.chars().count());
        let same = shared >= 5 && nr.max(no) - shared <= 2;
        if !same {
            break;
        }
        *r = o.to_string();
    }
    rep.join(" ")
}

/// The replacement with its small cardinal written as the draft writes its own: in words where
/// the draft's figure is a number word („zwei Millionen“ → „acht Millionen“, not „8
/// Millionen“), in digits where the draft writes a small number in digits ("3 injuries" →
/// "9 injuries"). Larger numbers, which copy writes in digits anyway, say nothing of the
/// draft's style and are left as the source writes them.
/// `text` with its small cardinals in words ("8 Millionen" → "acht Millionen"): for a draft
/// that writes this very figure in words elsewhere.
pub fn small_cardinals_in_words(text: &str, lang: Lang) -> String {
    match words(lang).cardinal_words.first() {
        Some(w) => number_style(w, text, lang),
        None => text.to_string(),
    }
}

fn number_style(original: &str, replacement: &str, lang: Lang) -> String {
    let cardinals = &words(lang).cardinal_words;
    let value_of_word = |w: &str| {
        let l = w.to_lowercase();
        cardinals.iter().position(|c| *c == l).map(|i| i + 2)
    };
    let small_digits = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            && w.parse::<usize>()
                .is_ok_and(|v| (2..2 + cardinals.len()).contains(&v))
    };
    let orig: Vec<&str> = original.split_whitespace().collect();
    let has_digit = |w: &&str| w.chars().any(|c| c.is_ascii_digit());
    let in_words = !orig.iter().any(has_digit) && orig.iter().any(|w| value_of_word(w).is_some());
    let in_digits = orig.iter().any(|w| small_digits(w))
        && !orig.iter().any(|w| has_digit(w) && !small_digits(w));
    let out: Vec<String> = replacement
        .split_whitespace()
        .map(|w| {
            if in_words && small_digits(w) {
                let v: usize = w.parse().unwrap_or(0);
                if let Some(c) = v.checked_sub(2).and_then(|i| cardinals.get(i)) {
                    return c.clone();
                }
            }
            if in_digits {
                if let Some(v) = value_of_word(w) {
                    return v.to_string();
                }
            }
            w.to_string()
        })
        .collect();
    out.join(" ")
}

/// Whether a figure's words are only digits, number words and approximators ("Nine", "about
/// 8,300", "rund 1.200"): no unit or counted noun of its own.
pub fn bare_number(text: &str, lang: Lang) -> bool {
    let w = words(lang);
    text.split_whitespace().all(|x| {
        // Digits and separators only: "54.2%" or "$38" carry their unit in the sign.
        (x.chars().any(|c| c.is_ascii_digit())
            && x.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '’')))
            || x.to_lowercase()
                .split('-')
                .all(|p| w.bare_number_words.iter().any(|b| b == p))
    })
}

/// A fix replacing a figure with the sources' wording, or `None` when the sources' figure does
/// not fit the slot (an adjective replaced by a noun phrase: "dauerte zweistündigen").
/// A clock time the draft writes after a bound or approximator that is its preposition
/// ("gegen 9:30 Uhr", "around 9:30 a.m.") keeps a preposition when the source's time comes
/// bare: „brach am Sonntag um 7:30 Uhr“, not „brach am Sonntag 7:30 Uhr“.
fn clock_preposition(original: &str, replacement: &str, lang: Lang) -> String {
    let d = crate::extract::quantity::data::data(lang);
    let a = &d.approx;
    let lower = original.to_lowercase();
    let bound = [
        &a.time_about,
        &a.time_before,
        &a.time_after,
        &a.time_shortly_before,
        &a.time_shortly_after,
    ]
    .iter()
    .flat_map(|l| l.iter())
    .any(|w| lower.starts_with(&format!("{w} ")));
    // A clock time: hours and minutes, or a clock word („Uhr“, "a.m.") after the number.
    let r = replacement.to_lowercase();
    let bare_clock = replacement.starts_with(|c: char| c.is_ascii_digit())
        && (r.contains(':')
            || d.context
                .clock
                .iter()
                .chain(&d.context.am_words)
                .chain(&d.context.pm_words)
                .any(|w| r.split_whitespace().any(|x| x == w)));
    if bound && bare_clock {
        format!("{} {replacement}", words(lang).clock_preposition)
    } else {
        replacement.to_string()
    }
}

pub fn replace_figure(
    span: Span,
    original: &str,
    replacement: &str,
    lang: Lang,
    source: &str,
) -> Option<Fix> {
    let replacement = draft_forms(original, replacement, lang);
    let replacement = number_style(original, &replacement, lang);
    if replacement.is_empty() {
        return None;
    }
    let replacement = clock_preposition(original, &replacement, lang);
    match (adjective_slot(original), adjective_slot(&replacement)) {
        (Some(a), Some(b)) if a == b => {}
        (None, None) => {}
        _ => return None,
    }
    // Keep the draft's capitalisation at the start ("About 55,000" → "About 48,000").
    let upper = original.chars().next().is_some_and(|c| c.is_uppercase());
    let mut chars = replacement.chars();
    let replacement: String = match chars.next() {
        Some(f) if upper => f.to_uppercase().chain(chars).collect(),
        Some(f)
            if !upper
                && f.is_uppercase()
                && replacement
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.chars().skip(1).all(|c| c.is_lowercase())) =>
        {
            f.to_lowercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    };
    let title = match (lang, source.is_empty()) {
        (Lang::De, false) => format!("Durch „{replacement}“ ersetzen ({source})"),
        (Lang::De, true) => format!("Durch „{replacement}“ ersetzen"),
        (Lang::En, false) => format!("Replace with \"{replacement}\" ({source})"),
        (Lang::En, true) => format!("Replace with \"{replacement}\""),
    };
    Some(Fix {
        title,
        edits: vec![Edit { span, replacement }],
        applicability: Applicability::Unsafe,
    })
}

#[cfg(test)]
mod golden;
