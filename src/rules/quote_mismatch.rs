//! `quote-mismatch`: text in quotation marks that the corpus does not contain.
//!
//! ## What it flags
//! A direct quotation of three or more words whose words (compared as stems, so inflection and
//! punctuation do not matter) appear in no corpus document in that order: a paraphrase presented
//! as a quote, or a misquote. Short scare quotes („massiven“) are not checked.
//!
//! ## Example
//! Corpus: Musk called it „ein massiver DDoS-Angriff auf X“. Draft: Musk sagte, es sei „ein
//! massiver Cyberangriff von bisher unbekanntem Ausmaß“ gewesen. → `quote-mismatch`.
//!
//! ## Fix safety
//! One fix, never applied automatically: the source's wording (its quotation, or the speaker's
//! words in a transcript or statement of the same event). Removing the quotation marks alone is
//! not offered: it leaves first person and indicative where reported speech needs neither.

use crate::finding::{Applicability, Edit, Finding, Relation, RuleId, Severity};
use crate::extract::AttrKind;
use crate::lang::Lang;
use crate::rules::evidence::sentence_evidence;
use crate::rules::{Rule, RuleContext, RuleMeta};
use crate::text::words::content_terms;
use crate::text::Span;

pub struct QuoteMismatch;

static META: RuleMeta = RuleMeta {
    id: RuleId::QuoteMismatch,
    summary: "A quotation the corpus does not contain",
    default_severity: Severity::Warning,
    fixable: true,
    docs: "Flags text in quotation marks (three words or more) that no corpus document contains, allowing for \
inflection and punctuation, e.g. a paraphrase presented as a direct quote. Fix: replace the words with the source's \
wording (its closest quotation, or the speaker's own words in a transcript or statement).",
};

/// The closest corpus sentence must share this much of the quote to be shown as evidence.
const CLOSEST_MIN: f32 = 0.3;

impl Rule for QuoteMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        if ctx.corpus.is_empty() {
            return;
        }
        let de = ctx.doc.lang == Lang::De;
        for (qi, q) in ctx.facts.quotes.iter().enumerate() {
            if !ctx.wants(q.span) || q.text.split_whitespace().count() < 3 {
                continue;
            }
            let Some(m) = ctx.matches.quotes.get(qi) else {
                continue;
            };
            if let Some((d, s)) = m.found {
                // Found, but given to somebody else: "a quotation given to a speaker the corpus
                // does not give it to".
                if let Some(f) = other_speaker(ctx, q, d, s) {
                    out.push(f);
                }
                continue;
            }
            if !m.checkable {
                continue;
            }
            // The sources quote this statement in several wordings (each outlet translated a
            // foreign remark its own way): one more wording is no mismatch.
            if translation_variant(ctx, q) {
                continue;
            }
            let mut evidence = Vec::new();
            let mut fixes = Vec::new();
            // How many content words the source's own version of the statement has, once one
            // is found: the draft's words are restated as reported speech only then.
            let mut version: Option<usize> = None;
            // Evidence is the source's own version of the statement: a close sentence in a report
            // of the same event, never a look-alike from another story.
            let si = ctx.doc.sentences.iter().position(|s| s.span.contains(q.span));
            let of_event = |d: usize| {
                si.and_then(|si| ctx.matches.events.get(si))
                    .is_none_or(|ev| ev.binary_search(&d).is_ok())
            };
            if let Some((d, s, _)) = m.closest.filter(|c| {
                c.2 >= CLOSEST_MIN && of_event(c.0) && same_statement(ctx, q, c.0, c.1)
            }) {
                if let Some(cd) = ctx.corpus.docs.get(d) {
                    if let Some(e) = sentence_evidence(cd, s, Relation::Contradicts) {
                        evidence.push(e);
                    }
                    // The corpus's own quotation in that sentence, if it has one.
                    if let Some(cs) = cd.doc.sentences.get(s) {
                        let own = cd
                            .facts
                            .quotes
                            .iter()
                            .filter(|x| cs.span.contains(x.span))
                            .max_by_key(|x| x.text.len())
                            .map_or(cs.span, |x| x.inner);
                        version = Some(content_terms(&cd.doc.text, own, cd.doc.lang).len());
                        if let Some(cq) = cd
                            .facts
                            .quotes
                            .iter()
                            .filter(|x| {
                                cs.span.contains(x.span) && x.text.split_whitespace().count() >= 2
                            })
                            .max_by_key(|x| x.text.len())
                        {
                            // Only where the source's words fit the draft's sentence.
                            if let Some(words) =
                                fitting_words(&ctx.doc.text, q, &cq.text, ctx.doc.lang)
                            {
                                let title = if de {
                                    format!("Wortlaut der Quelle: „{words}“")
                                } else {
                                    format!("Use the source's wording: \"{words}\"")
                                };
                                let edits =
                                    wording_edits(&ctx.doc.text, q, &words, ctx.doc.lang);
                                fixes.push(crate::finding::Fix {
                                    title,
                                    edits,
                                    applicability: Applicability::Unsafe,
                                });
                            }
                        }
                    }
                }
            }
            // No corpus quotation close enough: the speaker's own words elsewhere in the
            // event's reports (a transcript turn, a statement), when they share the quote's words.
            // Removing the quotation marks alone would leave a half-converted sentence
            // (first person, no Konjunktiv): the source's wording is the fix instead.
            if fixes.is_empty() {
                if let Some((d, sent, words)) = own_words(ctx, qi, si).and_then(|(d, i, w)| {
                    fitting_words(&ctx.doc.text, q, &w, ctx.doc.lang).map(|w| (d, i, w))
                }) {
                    version = Some(
                        content_terms(&words, Span::new(0, words.len()), ctx.doc.lang).len(),
                    );
                    if let Some(cd) = ctx.corpus.docs.get(d) {
                        if evidence.is_empty() {
                            if let Some(e) = sentence_evidence(cd, sent, Relation::Contradicts) {
                                evidence.push(e);
                            }
                        }
                    }
                    let title = if de {
                        format!("Wortlaut der Quelle: „{words}“")
                    } else {
                        format!("Use the source's wording: \"{words}\"")
                    };
                    let edits = wording_edits(&ctx.doc.text, q, &words, ctx.doc.lang);
                    fixes.push(crate::finding::Fix {
                        title,
                        edits,
                        applicability: Applicability::Unsafe,
                    });
                }
            }
            let alone = ctx
                .facts
                .quotes
                .iter()
                .filter(|x| x.sentence_span == q.sentence_span)
                .count()
                == 1;
            // A phrase quoted inside a sentence that paraphrases the speaker, where the
            // source's words would not fit the phrase's slot: the speaker's own sentence,
            // quoted whole, in place of the draft's sentence („…“, sagte X.).
            if fixes.is_empty() && alone {
                if let Some((d, sent, edit)) = own_sentence(ctx, q, si) {
                    if evidence.is_empty() {
                        if let Some(e) = ctx
                            .corpus
                            .docs
                            .get(d)
                            .and_then(|cd| sentence_evidence(cd, sent, Relation::Contradicts))
                        {
                            evidence.push(e);
                        }
                    }
                    let title = if de {
                        format!("Wortlaut der Quelle: {}", edit.replacement)
                    } else {
                        format!("Use the source's wording: {}", edit.replacement)
                    };
                    fixes.push(crate::finding::Fix {
                        title,
                        edits: vec![edit],
                        applicability: Applicability::Unsafe,
                    });
                }
            }
            // The draft's words as reported speech (Konjunktiv, backshift, person shift), when
            // the sentence holds this one quotation and converts reliably — and only where a
            // source has the statement, in as many words or more: restating words no source
            // has, or more than it has, in indirect speech still puts them in the speaker's
            // mouth ("acted the moment we had the data" for "moved as fast as the evidence
            // allowed"; „von bisher unbekanntem Ausmaß“ added to the source's words).
            let quote_terms = content_terms(&ctx.doc.text, q.inner, ctx.doc.lang).len();
            let backed = version.is_some_and(|n| quote_terms <= n);
            if let Some(edit) = (alone && backed)
                .then(|| {
                    crate::rules::fixes::reported::reported_speech(
                        ctx.doc,
                        q.sentence_span,
                        q.span,
                        q.inner,
                        q.speaker.as_deref(),
                    )
                })
                .flatten()
            {
                let title = if de {
                    format!("Als indirekte Rede: „{}“", edit.replacement)
                } else {
                    format!("As reported speech: \"{}\"", edit.replacement)
                };
                fixes.push(crate::finding::Fix {
                    title,
                    edits: vec![edit],
                    applicability: Applicability::Unsafe,
                });
            }
            let message = if de {
                format!("Dieses Zitat steht so in keiner Quelle: „{}“", q.text)
            } else {
                format!("No source contains this quotation: \"{}\"", q.text)
            };
            out.push(Finding {
                rule: RuleId::QuoteMismatch,
                severity: META.default_severity,
                span: q.span,
                message,
                evidence,
                fixes,
            });
        }
    }
}

/// German: a whole sentence quoted after a comma takes a colon („Kreuzer versprach, „kein …““
/// → „Kreuzer versprach: „Niemand …““) when the source's words open with a capital where the
/// draft's quoted phrase did not.
fn colon_before(text: &str, q: &crate::extract::Quote, words: &str, lang: Lang) -> Option<Edit> {
    if lang != Lang::De {
        return None;
    }
    let upper = |s: &str| s.trim_start().chars().next().is_some_and(char::is_uppercase);
    if !upper(words) || upper(&q.text) {
        return None;
    }
    let before = text.get(q.sentence_span.start..q.span.start)?;
    let comma = before.trim_end();
    if !comma.ends_with(',') || comma.len() <= 1 {
        return None;
    }
    let at = q.sentence_span.start + comma.len() - 1;
    Some(Edit {
        span: Span::new(at, at + 1),
        replacement: ":".into(),
    })
}

/// Whether the source's words can replace the draft's quoted words in their sentence: always
/// for a quotation standing on its own (opening the sentence, or after a colon); for a phrase
/// quoted inside the sentence, not when the two begin at different points of one phrase — the
/// source's first word further on in the draft's quote („den leisesten …“ / „leiseste …“, "run a
/// hard, honest race" / "hard, honest race"), or the reverse: the sentence around it would
/// lose or double words. Nor where the source's words speak in the first person and the
/// draft's phrase does not: inside the draft's third-person sentence ("Whitcombe promised to
/// \"freeze property tax rates in my first budget\"") the speaker's "my" is half-converted speech.
fn fits_slot(text: &str, q: &crate::extract::Quote, words: &str, lang: Lang) -> bool {
    let pre = text
        .get(q.sentence_span.start..q.span.start)
        .unwrap_or("")
        .trim();
    if pre.is_empty() || pre.ends_with(':') {
        return true;
    }
    let ws = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .map(|w| w.trim_matches(['\'', '’']))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let whole_sentence = pre.ends_with(',') && words.trim_start().starts_with(char::is_uppercase);
    let fw = crate::rules::fixes::words(lang);
    let first_person = |s: &str| -> bool {
        ws(s).iter().any(|w| {
            let base = w.split(['\'', '’']).next().unwrap_or(w);
            fw.person_plural
                .iter()
                .chain(fw.person_singular.iter())
                .any(|p| p.first().is_some_and(|x| x == w || x == base))
        })
    };
    if !whole_sentence && first_person(words) && !first_person(&q.text) {
        return false;
    }
    // One word in two forms: equal, or a shared beginning of five letters at most two apart.
    let same = |a: &str, b: &str| {
        let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        a == b || (shared >= 5 && a.chars().count().max(b.chars().count()) - shared <= 2)
    };
    let (draft, source) = (ws(&q.text), ws(words));
    let (Some(d0), Some(s0)) = (draft.first(), source.first()) else {
        return false;
    };
    if same(d0, s0) {
        return true;
    }
    !draft.iter().skip(1).any(|w| same(w, s0)) && !source.iter().skip(1).any(|w| same(w, d0))
}

/// The source's words as they can stand in the draft's quote: all of them where they fit its
/// slot ([`fits_slot`]); where only the speaker's first person keeps them out of a third-person
/// sentence, the words before it, without the function words that would dangle ("freeze
/// property tax rates in my first budget" → "freeze property tax rates"), when three words or
/// more remain — an exact part of what the speaker said, never a half-converted one.
/// The edits that put the source's words in place of the draft's quoted words: the words
/// with the draft's closing punctuation, and where a whole sentence now follows a German
/// comma, a colon before it and the full stop inside the quotation marks („Kreuzer
/// versprach: „Niemand wird … allein gelassen.“").
fn wording_edits(text: &str, q: &crate::extract::Quote, words: &str, lang: Lang) -> Vec<Edit> {
    let mut inner = with_draft_tail(text, q, words);
    let mut edits = Vec::new();
    if let Some(colon) = colon_before(text, q, words, lang) {
        edits.push(colon);
        let after = q.span.end;
        if text.get(after..).is_some_and(|r| r.starts_with('.')) && !inner.ends_with(['.', '!', '?']) {
            inner.push('.');
            edits.push(Edit {
                span: Span::new(after, after + 1),
                replacement: String::new(),
            });
        }
    }
    edits.insert(
        0,
        Edit {
            span: q.inner,
            replacement: inner,
        },
    );
    edits
}

/// The source's words with the draft's punctuation at the quote's end, or none, in place of
/// their own (the draft's „… jede Hilfe.“ Der Unterricht … keeps its full stop; "…," she said
/// its comma; „…“, sagte sie. stays without).
fn with_draft_tail(text: &str, q: &crate::extract::Quote, words: &str) -> String {
    let end = |c: &char| matches!(c, '.' | ',' | '!' | '?' | '…' | ';' | ':');
    let inner = q.inner.slice(text);
    let tail: String = inner
        .chars()
        .rev()
        .take_while(end)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{}{tail}", words.trim_end_matches(|c: char| end(&c)))
}

fn fitting_words(text: &str, q: &crate::extract::Quote, words: &str, lang: Lang) -> Option<String> {
    if fits_slot(text, q, words, lang) {
        return Some(words.to_string());
    }
    let fw = crate::rules::fixes::words(lang);
    let first_person = |w: &str| {
        let l = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
            .replace('’', "'");
        let base = l.split('\'').next().unwrap_or("").to_string();
        fw.person_plural
            .iter()
            .chain(fw.person_singular.iter())
            .any(|p| p.first().is_some_and(|x| *x == l || *x == base))
    };
    let ws: Vec<&str> = words.split_whitespace().collect();
    let cut = ws.iter().position(|w| first_person(w))?;
    let td = lang.text_data();
    let mut keep = &ws[..cut];
    while let Some((last, rest)) = keep.split_last() {
        let bare = last.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if bare.is_empty() || td.is_stopword(&bare) || last.ends_with([',', ';', ':', '–', '—']) {
            keep = rest;
        } else {
            break;
        }
    }
    if keep.len() < 3 {
        return None;
    }
    // A part of the speaker's words replaces the draft's quoted phrase in the draft's own
    // grammar only where it opens with the draft's own word form: "had \"come up short …\""
    // cannot take "came up short tonight".
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let draft_first = q
        .inner
        .slice(text)
        .split_whitespace()
        .next()
        .map(bare)
        .unwrap_or_default();
    if keep.first().map(|w| bare(w)) != Some(draft_first) {
        return None;
    }
    let part = keep.join(" ");
    fits_slot(text, q, &part, lang).then_some(part)
}

/// Whether corpus sentence `si` of document `d` can be the source's version of draft quote `q`:
/// when both name a speaker, the same person saying one of its content words; else half the
/// quote's content words (two at least). Sharing a few function words ("it", "to", "the") makes no version of a
/// statement; a sentence in another speaker's mouth is somebody else's.
fn same_statement(ctx: &RuleContext, q: &crate::extract::Quote, d: usize, si: usize) -> bool {
    let Some(cd) = ctx.corpus.docs.get(d) else {
        return false;
    };
    let Some(cs) = cd.doc.sentences.get(si) else {
        return false;
    };
    let lang = ctx.doc.lang;
    let terms = content_terms(&ctx.doc.text, q.inner, lang);
    let theirs = content_terms(&cd.doc.text, cs.span, lang);
    let shared = terms.iter().filter(|t| theirs.contains(t)).count();
    let draft = q
        .speaker
        .as_deref()
        .map(|x| name_words(x, lang))
        .unwrap_or_default();
    let source = corpus_speaker(cd, si)
        .map(|x| name_words(&x, cd.doc.lang))
        .unwrap_or_default();
    // Without a speaker on both sides, two shared words are a coincidence in a large corpus
    // ("posted to the Internet" against "attacks directed at Internet Explorer"): at least
    // three, and three in five of the quote's.
    if draft.is_empty() || source.is_empty() {
        shared >= 3 && shared as f32 >= 0.6 * terms.len() as f32
    } else {
        // The same person: the last words of the names ("Karen Holbrook" / "Holbrook"), not
        // any word ("Ohio State president Karen Holbrook" / "Ohio State coach Jim Tressel").
        shared >= 1
            && matches!((draft.last(), source.last()), (Some(a), Some(b))
                if same_name_word(lang, a, b))
    }
}

/// Who a corpus document says sentence `si` is by: the speaker of a quotation in it, else the
/// source of its attribution (a transcript turn, "sagte Sagebiel").
fn corpus_speaker(cd: &crate::corpus::CorpusDoc, si: usize) -> Option<String> {
    let s = cd.doc.sentences.get(si)?;
    cd.facts
        .quotes
        .iter()
        .filter(|x| x.sentence_span.overlaps(s.span))
        .find_map(|x| x.speaker.clone())
        .or_else(|| {
            cd.facts
                .attributions
                .iter()
                .filter(|a| a.sentence_span == s.span)
                .find_map(|a| a.source.as_ref().map(|x| x.text.clone()))
        })
}

/// The words of a speaker that name a person: capitalised, not function words or pronouns
/// ("Finanzvorstand Henrik Sagebiel" → finanzvorstand, henrik, sagebiel; "sie" → none).
fn name_words(speaker: &str, lang: Lang) -> Vec<String> {
    let td = lang.text_data();
    speaker
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .filter(|w| !td.is_stopword(w) && !td.person_pronouns.contains(w))
        .collect()
}

/// Two wordings sharing less than this of the shorter one's content words are two
/// translations, not one wording abridged.
const VARIANTS_APART: f32 = 0.7;

/// A quotation's share of content words another wording of the same statement shares.
const VARIANT_SHARE: f32 = 0.3;

/// Whether draft quotation `q` is one more wording of a statement the event's reports quote
/// in different words: two reports or more quote its speaker (a word of the name in common)
/// with wordings that each share [`VARIANT_SHARE`] of the draft's content words and differ
/// from each other (sharing less than [`VARIANTS_APART`]). Translations of a remark made in another language differ so ("Offen
/// gesagt: In Harwenstedt sind wir am Ende des Weges angekommen" / „Ehrlich gesagt ist für
/// uns in Harwenstedt die Straße zu Ende“).
fn translation_variant(ctx: &RuleContext, q: &crate::extract::Quote) -> bool {
    let lang = ctx.doc.lang;
    let Some(who) = q.speaker.as_deref() else {
        return false;
    };
    let speaker = name_words(who, lang);
    if speaker.is_empty() {
        return false;
    }
    let mine = content_terms(&ctx.doc.text, q.inner, lang);
    if mine.len() < 3 {
        return false;
    }
    let Some(si) = ctx.doc.sentences.iter().position(|s| s.span.contains(q.span)) else {
        return false;
    };
    let Some(events) = ctx.matches.events.get(si) else {
        return false;
    };
    let mut wordings: Vec<(usize, Vec<String>)> = Vec::new();
    // A wording sharing enough of the draft's words, one per document.
    let add = |wordings: &mut Vec<(usize, Vec<String>)>, d: usize, theirs: Vec<String>| {
        let shared = mine.iter().filter(|t| theirs.contains(t)).count();
        if (shared as f32) >= VARIANT_SHARE * mine.len() as f32
            && !wordings.iter().any(|(od, w)| *od == d || *w == theirs)
        {
            wordings.push((d, theirs));
        }
    };
    for &d in events.iter() {
        let Some(cd) = ctx.corpus.docs.get(d) else {
            continue;
        };
        if cd.doc.lang != lang {
            continue;
        }
        for x in &cd.facts.quotes {
            let same_speaker = x.speaker.as_deref().is_some_and(|sp| {
                name_words(sp, lang)
                    .iter()
                    .any(|w| speaker.iter().any(|s| same_name_word(lang, w, s)))
            });
            if !same_speaker {
                continue;
            }
            add(&mut wordings, d, content_terms(&cd.doc.text, x.inner, lang));
        }
        // A transcript or script gives the remark as the speaker's turn, without quotation
        // marks ("O-TON RADEK MALINA (Übersetzung): Wir sind hier, weil die Nachbarn …").
        for a in &cd.facts.attributions {
            let Some(src) = a
                .source
                .as_ref()
                .filter(|_| a.kind == AttrKind::Turn)
            else {
                continue;
            };
            let same_speaker = name_words(&src.text, lang)
                .iter()
                .any(|w| speaker.iter().any(|s| same_name_word(lang, w, s)));
            if !same_speaker {
                continue;
            }
            let from = a.sentence_span.start.max(src.end);
            let said = crate::text::Span::new(from.min(a.sentence_span.end), a.sentence_span.end);
            add(&mut wordings, d, content_terms(&cd.doc.text, said, lang));
        }
    }
    // Translations differ from each other; an abridged copy of one wording ("Dass kein Kind
    // … grenzt an ein Wunder" with or without "bei diesem Unfall") is one wording.
    let share = |a: &[String], b: &[String]| {
        let shared = a.iter().filter(|t| b.contains(t)).count();
        shared as f32 / a.len().min(b.len()).max(1) as f32
    };
    wordings.iter().enumerate().any(|(i, (_, a))| {
        wordings
            .iter()
            .skip(i + 1)
            .any(|(_, b)| share(a, b) < VARIANTS_APART)
    })
}

/// How many sentences back a speaker named by a description („der Fachanwalt“) may have been
/// named.
const BACK_REFERENCE: usize = 3;

/// A German role noun is shorter than this in no compound worth matching ("Rat").
const MIN_ROLE_LEN: usize = 5;

/// Whether two words of speakers' names name the same person: the same word, or (German) a
/// role and a compound of it („die Ministerin“ / „Gesundheitsministerin Karin Ebner“).
fn same_name_word(lang: Lang, a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    lang == Lang::De && short.chars().count() >= MIN_ROLE_LEN && long.ends_with(short)
}

/// Whether the speaker of draft quotation `q` is named in the quotation's own sentence
/// (outside the marks) or in the next one („„…“ Das sagte Lorch.“), not only in an earlier
/// one whose speaker the quotation is read to continue.
fn speaker_in_sentence(ctx: &RuleContext, q: &crate::extract::Quote) -> bool {
    let Some(who) = q.speaker.as_deref().filter(|w| !w.is_empty()) else {
        return false;
    };
    let sentences = &ctx.doc.sentences;
    let Some(at) = sentences.iter().position(|s| s.span.contains(q.span)) else {
        return false;
    };
    sentences.iter().skip(at).take(2).any(|s| {
        s.span
            .slice(&ctx.doc.text)
            .match_indices(who)
            .any(|(i, _)| !q.span.contains_offset(s.span.start + i))
    })
}

/// Whether draft quotation `qi` has a speaker only by implication (a quotation standing alone
/// after another speaker's sentence) and the sources give it to somebody else. Then nobody is
/// named for it: it is a quotation without a speaker (`unsourced-claim`, whose fix names the
/// sources' speaker), not one given to the wrong person.
pub fn implied_speaker_differs(ctx: &RuleContext, qi: usize) -> bool {
    let Some(q) = ctx.facts.quotes.get(qi) else {
        return false;
    };
    q.speaker.is_some()
        && !speaker_in_sentence(ctx, q)
        && ctx
            .matches
            .quotes
            .get(qi)
            .and_then(|m| m.found)
            .is_some_and(|(d, si)| speaker_differs(ctx, q, d, si))
}

/// A finding when the sources give quotation `q` (found in sentence `si` of document `d`) to a
/// person other than the one the draft names in the quotation's sentence.
fn other_speaker(
    ctx: &RuleContext,
    q: &crate::extract::Quote,
    d: usize,
    si: usize,
) -> Option<Finding> {
    if !speaker_in_sentence(ctx, q) {
        return None;
    }
    differing_speaker(ctx, q, d, si)
}

fn speaker_differs(ctx: &RuleContext, q: &crate::extract::Quote, d: usize, si: usize) -> bool {
    differing_speaker(ctx, q, d, si).is_some()
}

/// A finding when the sources give quotation `q` (found in sentence `si` of document `d`) to a
/// person other than the one the draft gives it to.
fn differing_speaker(
    ctx: &RuleContext,
    q: &crate::extract::Quote,
    d: usize,
    si: usize,
) -> Option<Finding> {
    let draft = name_words(q.speaker.as_deref()?, ctx.doc.lang);
    let cd = ctx.corpus.docs.get(d)?;
    let theirs = corpus_speaker(cd, si)?;
    // The source's speaker as an editor prints it ("HENRIK SAGEBIEL" → "Henrik Sagebiel"); no
    // finding when what the source names is no speaker at all.
    let speaker = crate::rules::fixes::names::printed_speaker(cd, si, &theirs, cd.doc.lang)?;
    let printed = speaker.name().to_string();
    let source = name_words(&theirs, cd.doc.lang);
    let lang = ctx.doc.lang;
    if draft.is_empty()
        || source.is_empty()
        || draft
            .iter()
            .any(|w| source.iter().any(|s| same_name_word(lang, w, s)))
    {
        return None;
    }
    let at = ctx.doc.sentences.iter().position(|s| s.span.contains(q.span))?;
    // A speaker named only by a description („Der 61-jährige Fachanwalt sagte“, every word a
    // common noun of the lexicon) refers back to somebody the draft has named: where the
    // sentences before name the sources' speaker, that is who it is.
    if draft
        .iter()
        .all(|w| crate::lang::lexicon::common_noun(lang, w))
    {
        let before = ctx.doc.sentences[at.saturating_sub(BACK_REFERENCE)..at]
            .iter()
            .map(|s| s.span.slice(&ctx.doc.text).to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let words = crate::text::words::words_in(&before, Span::new(0, before.len()));
        let named_before = source
            .iter()
            .filter(|w| !crate::lang::lexicon::common_noun(cd.doc.lang, w))
            .any(|w| words.iter().any(|x| x.text == *w));
        if named_before {
            return None;
        }
    }
    // Only a report of the draft's own event says whose words these are.
    if ctx
        .matches
        .events
        .get(at)
        .is_some_and(|ev| ev.binary_search(&d).is_err())
    {
        return None;
    }
    let who = q.speaker.clone().unwrap_or_default();
    // Fix: name the sources' speaker where the draft names its own (outside the quotation).
    let sentence = ctx.doc.sentences.get(at)?.span;
    let fixes = sentence
        .slice(&ctx.doc.text)
        .match_indices(who.as_str())
        .map(|(i, _)| Span::new(sentence.start + i, sentence.start + i + who.len()))
        .filter(|sp| !q.span.overlaps(*sp))
        .last()
        .filter(|_| !who.is_empty())
        .map(|span| {
            // The name as the draft prints it there: the surname at a later mention, the
            // source's identification at the first.
            let edit = crate::rules::fixes::mention_in_place(ctx.doc, sentence, span, &speaker);
            let named = crate::rules::fixes::mention(ctx.doc, span.start, &speaker).0;
            crate::finding::Fix {
                title: if ctx.doc.lang == Lang::De {
                    // A colon spares the dative: „Zitat zuschreiben: die Ministerin“.
                    format!("Zitat zuschreiben: {named}")
                } else {
                    format!("Attribute the quotation to {named}")
                },
                edits: vec![edit],
                applicability: Applicability::Unsafe,
            }
        })
        .into_iter()
        .collect();
    let message = if ctx.doc.lang == Lang::De {
        format!("Die Quellen geben dieses Zitat {printed}, nicht {who}: „{}“", q.text)
    } else {
        format!("The sources give this quotation to {printed}, not {who}: \"{}\"", q.text)
    };
    Some(Finding {
        rule: RuleId::QuoteMismatch,
        severity: META.default_severity,
        span: q.span,
        message,
        evidence: sentence_evidence(cd, si, Relation::Contradicts)
            .into_iter()
            .collect(),
        fixes,
    })
}

/// The speaker's own sentence for a draft sentence that quotes a phrase paraphrasing them
/// („Die Nachfrage habe „alle Erwartungen übertroffen“, sagte Ostrowski.“): among the
/// quotations, transcript turns and statements of the same speaker in the event's documents,
/// the one that shares most of the draft sentence's content words (two at least, and a quarter
/// of them), outside the speaker's name and the verb of saying. Returns the document, its
/// sentence and one edit that replaces the draft's sentence with that sentence quoted and
/// attributed to the speaker as the draft names them. `None` when the speaker is no name,
/// when the draft quotes that sentence already, or nothing qualifies.
fn own_sentence(
    ctx: &RuleContext,
    q: &crate::extract::Quote,
    si: Option<usize>,
) -> Option<(usize, usize, Edit)> {
    let lang = ctx.doc.lang;
    let speaker = q.speaker.as_deref()?.trim();
    let names = name_words(speaker, lang);
    let key = names.last()?.clone();
    let fw = crate::rules::fixes::words(lang);
    let said: Vec<String> = fw
        .said
        .iter()
        .chain(&fw.attribution_words)
        .flat_map(|w| content_terms(w, Span::new(0, w.len()), lang))
        .collect();
    let name_terms: Vec<String> = content_terms(speaker, Span::new(0, speaker.len()), lang);
    // A verb in the past and in the present is one word ("came up short" / "come up short").
    let base = |t: String| -> String {
        fw.irregular_past
            .iter()
            .find(|p| p.get(1) == Some(&t))
            .and_then(|p| p.first().cloned())
            .unwrap_or(t)
    };
    let terms: Vec<String> = content_terms(&ctx.doc.text, q.sentence_span, lang)
        .into_iter()
        .map(base)
        .filter(|t| !name_terms.contains(t) && !said.contains(t))
        .collect();
    if terms.len() < 3 {
        return None;
    }
    let word_of = |hay: &str| {
        hay.split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|x| x.to_lowercase() == key)
    };
    let events = si.and_then(|si| ctx.matches.events.get(si))?;
    let mut best: Option<(usize, usize, usize, Span)> = None;
    for &d in events.iter() {
        let Some(cd) = ctx.corpus.docs.get(d) else {
            continue;
        };
        if cd.doc.lang != lang {
            continue;
        }
        for (i, cs) in cd.doc.sentences.iter().enumerate() {
            // The speaker's words: a quotation given to them, a sentence of their transcript
            // turn, or an unattributed sentence of their own statement.
            let attrs: Vec<_> = cd
                .facts
                .attributions
                .iter()
                .filter(|a| a.sentence_span == cs.span)
                .collect();
            let quote = cd
                .facts
                .quotes
                .iter()
                .filter(|x| cs.span.contains(x.span))
                .max_by_key(|x| x.text.len());
            let theirs = match quote {
                Some(x) => x.speaker.as_deref().is_some_and(word_of).then_some(x.inner),
                None => {
                    let turn = crate::rules::fixes::names::turn_speaker(cd, cs.span, cd.doc.lang)
                        .is_some_and(|w| word_of(w.name()));
                    let statement = attrs.is_empty() && word_of(&cd.source.name);
                    (turn || statement).then_some(cs.span)
                }
            };
            let Some(span) = theirs else {
                continue;
            };
            let ct: Vec<String> = content_terms(&cd.doc.text, span, lang)
                .into_iter()
                .map(base)
                .collect();
            let shared = terms.iter().filter(|t| ct.contains(t)).count();
            if shared < 2 || shared * 4 < terms.len() {
                continue;
            }
            if best.is_none_or(|b| shared > b.0) {
                best = Some((shared, d, i, span));
            }
        }
    }
    let (_, d, i, span) = best?;
    let cd = ctx.corpus.docs.get(d)?;
    let raw = span.slice(&cd.doc.text);
    // A transcript turn's label ("MARTINA OSTROWSKI: …") is no part of the words.
    let raw = match raw.split_once(':') {
        Some((label, rest))
            if !label.trim().is_empty()
                && label
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase) =>
        {
            rest
        }
        _ => raw,
    };
    let words = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| matches!(c, '"' | '„' | '“' | '”' | ' '))
        .to_string();
    let body = words.trim_end_matches(['.', ',']);
    if body.split_whitespace().count() < 3 || ctx.doc.text.contains(body) {
        return None;
    }
    let replacement = match lang {
        Lang::De => format!("„{body}“, sagte {speaker}."),
        Lang::En => {
            let end = if body.ends_with(['!', '?']) { "" } else { "," };
            format!("\"{body}{end}\" {speaker} said.")
        }
    };
    let s = q.sentence_span;
    let trimmed = s.slice(&ctx.doc.text).trim_end();
    Some((
        d,
        i,
        Edit {
            span: Span::new(s.start, s.start + trimmed.len()),
            replacement,
        },
    ))
}

/// Where the speaker of draft quote `qi` says something like it in the section's event
/// documents: `(document, sentence, the words from the first shared word to the end of the
/// clause)`. A sentence qualifies when it shares half the quote's content words, or a fifth when
/// it is the same speaker's.
fn own_words(ctx: &RuleContext, qi: usize, si: Option<usize>) -> Option<(usize, usize, String)> {
    let q = ctx.facts.quotes.get(qi)?;
    let lang = ctx.doc.lang;
    let terms = content_terms(&ctx.doc.text, q.inner, lang);
    if terms.len() < 2 {
        return None;
    }
    // The speaker's last name word; a pronoun ("he said") names nobody to look for.
    let speaker = q
        .speaker
        .as_deref()
        .and_then(|s| name_words(s, lang).pop());
    let word_of = |hay: &str, w: &str| {
        hay.split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|x| x.to_lowercase() == w)
    };
    let events = si.and_then(|si| ctx.matches.events.get(si))?;
    // From the start of the source's clause when the draft's quote opens a sentence of its own
    // („Wir sind …“) or shares little; else from the first shared word.
    let opens = q.text.chars().next().is_some_and(char::is_uppercase);
    let mut best: Option<(f32, usize, Span, f32)> = None;
    for &d in events.iter() {
        let Some(cd) = ctx.corpus.docs.get(d) else {
            continue;
        };
        if cd.doc.lang != lang {
            continue;
        }
        for (ci, cs) in cd.doc.sentences.iter().enumerate() {
            // Every quote of every re-check reads these again: memoised per corpus sentence.
            let ct = ctx.corpus.memo.sentence_terms((d, ci, lang), || {
                content_terms(&cd.doc.text, cs.span, lang)
            });
            let shared = terms.iter().filter(|t| ct.contains(t)).count();
            if shared == 0 {
                continue;
            }
            let share = shared as f32 / terms.len() as f32;
            let same = speaker.as_ref().is_some_and(|sp| {
                let said_by = cd
                    .facts
                    .attributions
                    .iter()
                    .filter(|a| a.sentence_span == cs.span)
                    .filter_map(|a| a.source.as_ref())
                    .any(|x| word_of(&x.text, sp));
                said_by || word_of(&cd.source.name, sp)
            });
            // Somebody's words: a quotation, a transcript turn, or the speaker's own statement.
            // A quotation or transcript turn may share one word with the speaker's quote; the
            // unattributed sentences of the speaker's own statement must share two.
            let quoted = cd.facts.attributions.iter().any(|a| {
                a.sentence_span == cs.span && matches!(a.kind, AttrKind::Quote | AttrKind::Turn)
            }) || cd.facts.quotes.iter().any(|x| cs.span.contains(x.span));
            let statement =
                same && cd.facts.attributions.iter().all(|a| a.sentence_span != cs.span);
            let enough = if quoted {
                shared >= 3 && share >= 0.6 || same && share >= 0.2
            } else {
                statement && shared >= 2 && share >= 0.4
            };
            if !enough {
                continue;
            }
            // Within the sentence, the quotation that shares most of the quote's words, if any.
            let span = cd
                .facts
                .quotes
                .iter()
                .filter(|x| cs.span.contains(x.span))
                .map(|x| {
                    let t = content_terms(&cd.doc.text, x.inner, lang);
                    (terms.iter().filter(|w| t.contains(w)).count(), x.inner)
                })
                .filter(|(n, _)| *n > 0)
                .max_by_key(|(n, _)| *n)
                .map_or(cs.span, |(_, s)| s);
            // A quote embedded in the draft's sentence ("urged owners to \"throw …\"") takes a
            // fragment quoted the same way, or one that shares most of its words: a whole
            // source sentence would not fit the slot.
            let fragment = span != cs.span
                && span
                    .slice(&cd.doc.text)
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_lowercase);
            if !opens && share < 0.5 && !fragment {
                continue;
            }
            // Ties go to a fragment for an embedded quote, then to the shorter source text.
            let score = share
                + if same { 0.5 } else { 0.0 }
                + if fragment && !opens { 0.25 } else { 0.0 }
                - span.len() as f32 * 1e-5;
            if best.is_none_or(|b| score > b.0) {
                best = Some((score, d, span, share));
            }
        }
    }
    let (_, d, span, _) = best?;
    let cd = ctx.corpus.docs.get(d)?;
    let i = cd.doc.sentence_at(span.start)?;
    // A quote opening its own sentence takes the source's clause from its start; an embedded
    // one a source fragment whole, or the words from the first it shares ("promised to
    // \"freeze property tax rates …\"", not "\"I will freeze …\"").
    let whole_fragment = cd.doc.sentences.get(i).is_some_and(|cs| cs.span != span)
        && span
            .slice(&cd.doc.text)
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase);
    let words = source_words(&cd.doc.text, span, &terms, lang, opens || whole_fragment)?;
    Some((d, i, words))
}

/// The source sentence's words from the first word it shares with the quote (or the start of
/// that clause, when `from_clause`) to the end of the clause; speaker labels and quotation marks
/// left out.
fn source_words(
    text: &str,
    s: Span,
    terms: &[String],
    lang: Lang,
    from_clause: bool,
) -> Option<String> {
    let ws = crate::text::words::words_in(text, s);
    let first = ws.iter().position(|w| {
        let t = content_terms(text, w.span, lang);
        t.iter().any(|x| terms.contains(x))
    })?;
    let clause_start = |i: usize| -> usize {
        let mut j = i;
        while j > 0 {
            let gap = text.get(ws[j - 1].span.end..ws[j].span.start).unwrap_or("");
            if gap.contains([',', ';', ':', '„', '“', '"', '«', '»']) {
                break;
            }
            j -= 1;
        }
        j
    };
    let start_word = if from_clause && first - clause_start(first) <= 8 {
        clause_start(first)
    } else {
        first
    };
    let start = ws[start_word].span.start;
    let rest = text.get(start..s.end)?;
    let end = rest
        .find(['.', ';', ':', '!', '?', '“', '”', '"', '«', '»'])
        .unwrap_or(rest.len());
    let words = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    let words = words.trim_end_matches([',', ' ']).to_string();
    (words.split_whitespace().count() >= 2).then_some(words)
}

#[cfg(test)]
mod tests {
    /// The source's words replace a quoted phrase only where the sentence still reads; a whole
    /// sentence after a German comma gets a colon.
    #[test]
    fn source_wording_fits_its_slot() {
        let q = |text: &str| {
            let d = crate::text::Document::parse(text, crate::text::DocKind::Markdown, None);
            let f = crate::extract::extract(&d);
            (d.text.clone(), f.quotes.first().cloned().expect("a quote"))
        };
        let (de, en) = (crate::lang::Lang::De, crate::lang::Lang::En);
        let (t, x) = q("Ostrowski nannte den VR-7 „den leisesten Roboterarm, den wir je gebaut haben“.\n");
        assert!(!super::fits_slot(&t, &x, "leiseste Roboterarm, den wir je gebaut haben", de));
        assert!(super::fits_slot(&t, &x, "den ruhigsten Arm, den es gibt", de));
        let (t, x) = q("Whitcombe said Oyelaran had \"run a hard, honest race.\"\n");
        assert!(!super::fits_slot(&t, &x, "hard, honest race, and this city is better for it", en));
        let (t, x) = q("Kreuzer versprach, „kein Betroffener wird im Stich gelassen“.\n");
        assert!(super::fits_slot(&t, &x, "Niemand wird mit seinem Schaden allein gelassen", de));
        let e = super::colon_before(&t, &x, "Niemand wird allein gelassen", crate::lang::Lang::De)
            .expect("a colon");
        assert_eq!(
            crate::finding::apply_edits(&t, std::iter::once(&e)),
            "Kreuzer versprach: „kein Betroffener wird im Stich gelassen“.\n"
        );
        assert!(super::colon_before(&t, &x, "kein Betroffener", crate::lang::Lang::De).is_none());
        // The speaker's first person inside the draft's third-person sentence: no fit; the
        // draft's own first person, or a whole sentence after a comma, fits.
        let (t, x) = q("Whitcombe promised to \"freeze property taxes for four years.\"\n");
        assert!(!super::fits_slot(&t, &x, "freeze property tax rates in my first budget", en));
        assert!(!super::fits_slot(&t, &x, "freeze the rates we've set", en));
        assert!(super::fits_slot(&t, &x, "freeze property tax rates in the first budget", en));
        assert_eq!(
            super::fitting_words(&t, &x, "freeze property tax rates in my first budget", en)
                .as_deref(),
            Some("freeze property tax rates")
        );
        assert_eq!(super::fitting_words(&t, &x, "freeze our rates", en), None);
        let (t, x) = q("Kreuzer versprach, „kein Betroffener wird im Stich gelassen“.\n");
        assert!(super::fits_slot(&t, &x, "Wir lassen niemanden allein", de));
        let (t, x) = q("Ostrowski nannte den VR-7 „den leisesten Arm, den wir je gebaut haben“.\n");
        assert!(super::fits_slot(&t, &x, "den leisesten Roboterarm, den wir je gebaut haben", de));
    }

    /// The source's wording keeps the draft's punctuation at the quote's end, or none.
    #[test]
    fn source_wording_keeps_the_drafts_closing_punctuation() {
        let q = |text: &str| {
            let d = crate::text::Document::parse(text, crate::text::DocKind::Markdown, None);
            let f = crate::extract::extract(&d);
            (d.text.clone(), f.quotes.first().cloned().expect("a quote"))
        };
        let (t, x) = q("Anselm sagte: „Wir sind alle tief erschüttert.“ Der Unterricht fällt aus.\n");
        let w = super::with_draft_tail(&t, &x, "Wir sind alle erschüttert, aber dankbar");
        assert_eq!(w, "Wir sind alle erschüttert, aber dankbar.");
        let (t, x) = q("„Wir sind alle tief erschüttert“, sagte Anselm.\n");
        assert_eq!(super::with_draft_tail(&t, &x, "Wir sind erschüttert."), "Wir sind erschüttert");
        let (t, x) = q("\"We are proud of the team,\" Ortiz said.\n");
        assert_eq!(super::with_draft_tail(&t, &x, "We are proud of them."), "We are proud of them,");
        // A whole sentence after a German comma: a colon, and the full stop inside the marks.
        let (t, x) = q("Kreuzer versprach, „kein Betroffener wird im Stich gelassen“. Danach ging er.\n");
        let e = super::wording_edits(&t, &x, "Niemand wird allein gelassen", crate::lang::Lang::De);
        assert_eq!(
            crate::finding::apply_edits(&t, e.iter()),
            "Kreuzer versprach: „Niemand wird allein gelassen.“ Danach ging er.\n"
        );
    }

    use crate::finding::RuleId;
    use crate::rules::tests::findings;

    const CORPUS: [(&str, &str); 1] = [("a.md", "Die Polizei sprach von „einer sehr unübersichtlichen Lage am Hafen“ und sperrte die Brücke.\n")];

    #[test]
    fn paraphrase_as_quote_is_flagged_and_inflection_allowed() {
        let bad = findings(
            &CORPUS,
            "Die Polizei sprach von „einem völligen Chaos im Hafengebiet“.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(bad.len(), 1, "{bad:?}");
        let ok = findings(
            &CORPUS,
            "Die Polizei sprach von einer „sehr unübersichtlichen Lage am Hafen“.\n",
            RuleId::QuoteMismatch,
        );
        assert!(ok.is_empty(), "{ok:?}");
    }

    /// A quotation standing alone after another speaker's quotation is read as that speaker's;
    /// when the sources give it to somebody else, nobody is named for it: a quotation without
    /// a speaker (unsourced-claim, naming the sources' speaker), not a quote-mismatch. When the
    /// sources give it to the same speaker, it is fine.
    #[test]
    fn a_quotation_continuing_another_speaker_the_sources_do_not_name_has_no_speaker() {
        let corpus = [
            ("a.md", "„Wir hätten uns mehr Mut beim Sparen gewünscht“, sagte SPD-Fraktionschefin Miriam Osterholt.\n"),
            ("b.md", "„Das ist kein guter Tag für die Stadt“, sagte Fraktionsvorsitzender Dieter Lorch. „Dieser Haushalt lebt auf Pump, und die Rechnung zahlen unsere Kinder“, sagte Lorch.\n"),
        ];
        let draft = "„Wir hätten uns mehr Mut beim Sparen gewünscht“, sagte SPD-Fraktionschefin Miriam Osterholt.\n\n„Dieser Haushalt lebt auf Pump, und die Rechnung zahlen unsere Kinder.“\n";
        assert!(findings(&corpus, draft, RuleId::QuoteMismatch).is_empty());
        let unsourced = findings(&corpus, draft, RuleId::UnsourcedClaim);
        assert_eq!(unsourced.len(), 1, "{unsourced:?}");
        let fixed: Vec<String> = unsourced
            .iter()
            .flat_map(|f| f.fixes.iter().map(|x| x.apply(draft)))
            .collect();
        assert!(fixed.iter().any(|t| t.contains("Lorch")), "{fixed:?}");
        // A frame in the next sentence names the speaker: given to the wrong person.
        let framed = "Der Rat tagte lange.\n\n„Dieser Haushalt lebt auf Pump, und die Rechnung zahlen unsere Kinder.“ Das sagte SPD-Fraktionschefin Miriam Osterholt.\n";
        assert_eq!(findings(&corpus, framed, RuleId::QuoteMismatch).len(), 1);
        assert!(findings(&corpus, framed, RuleId::UnsourcedClaim).is_empty());
        // The sources give it to the speaker it continues: nothing to report.
        let same = "„Das ist kein guter Tag für die Stadt“, sagte Fraktionsvorsitzender Dieter Lorch.\n\n„Dieser Haushalt lebt auf Pump, und die Rechnung zahlen unsere Kinder.“\n";
        assert!(findings(&corpus, same, RuleId::UnsourcedClaim).is_empty());
        assert!(findings(&corpus, same, RuleId::QuoteMismatch).is_empty());
    }

    #[test]
    fn a_quotation_given_to_another_speaker_is_flagged() {
        let corpus = [(
            "a.md",
            "„Wir planen vorsichtig, aber nicht ängstlich“, sagte Finanzvorstand Henrik Sagebiel.\n",
        )];
        let bad = findings(
            &corpus,
            "„Wir planen vorsichtig, aber nicht ängstlich“, sagte Martina Ostrowski.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].message.contains("Sagebiel"), "{bad:?}");
        assert_eq!(
            bad[0].fixes.first().map(|f| f.edits[0].replacement.as_str()),
            Some("Finanzvorstand Henrik Sagebiel"),
            "{bad:?}"
        );
        for ok in [
            "„Wir planen vorsichtig, aber nicht ängstlich“, sagte Sagebiel.\n",
            "„Wir planen vorsichtig, aber nicht ängstlich“, sagte er.\n",
            // The role the source's compound title names.
            "„Wir planen vorsichtig, aber nicht ängstlich“, sagte der Vorstand.\n",
        ] {
            let f = findings(&corpus, ok, RuleId::QuoteMismatch);
            assert!(f.is_empty(), "{ok}: {f:?}");
        }
    }

    /// One more wording of a remark the sources quote in different words (each outlet's
    /// translation) is no mismatch; a paraphrase of a remark quoted one way (abridged or not)
    /// is.
    #[test]
    fn a_translation_variant_is_no_mismatch() {
        let corpus = [
            ("a.md", "---\nsource: Agentur\n---\nMercer sagte auf Englisch: „Offen gesagt: In Harwenstedt sind wir am Ende des Weges angekommen.“\n"),
            ("b.md", "---\nsource: Kurier\n---\n„Ehrlich gesagt ist für uns in Harwenstedt die Straße zu Ende“, sagte Investor Gavin Mercer.\n"),
            ("c.md", "---\nsource: Polizei\n---\n„Dass bei diesem Unfall kein Kind lebensgefährlich verletzt wurde, grenzt an ein Wunder“, sagte Polizeisprecher Jens Wolter.\n"),
            ("d.md", "---\nsource: Bote\n---\n„Dass kein Kind lebensgefährlich verletzt wurde, grenzt an ein Wunder“, sagte Polizeisprecher Jens Wolter.\n"),
        ];
        let variant = "Gavin Mercer sagte: „Offen gesagt, in Harwenstedt ist für uns die Straße zu Ende.“\n";
        let f = findings(&corpus, variant, RuleId::QuoteMismatch);
        assert!(f.is_empty(), "{f:?}");
        let paraphrase = "Jens Wolter sagte: „Es ist ein Wunder, dass kein Kind in Lebensgefahr schwebt.“\n";
        let f = findings(&corpus, paraphrase, RuleId::QuoteMismatch);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    /// A radio script gives a remark as the speaker's turn, without quotation marks: with a
    /// wire's quotation of the same remark in other words, it makes two wordings, and the
    /// draft's third is no mismatch.
    #[test]
    fn a_turn_is_one_wording_of_a_translated_remark() {
        let corpus = [
            ("a.md", "---\nsource: Agentur\n---\nDie Feuerwehr aus Horní Brod half mit. „Wir helfen, weil unsere Nachbarn uns auch geholfen haben“, sagte deren Kommandant Radek Malina auf Tschechisch.\n"),
            ("b.md", "---\nsource: Radio\n---\nREPORTER: Auch Feuerwehrleute aus Horní Brod halfen mit.\n\nO-TON RADEK MALINA (Übersetzung): Wir sind hier, weil die Nachbarn auch für uns da waren, als wir sie gebraucht haben.\n"),
        ];
        let draft = "Auch Feuerwehrleute aus Horní Brod halfen. „Wir helfen, weil die Nachbarn auch uns geholfen haben“, sagte Kommandant Radek Malina.\n";
        let f = findings(&corpus, draft, RuleId::QuoteMismatch);
        assert!(f.is_empty(), "{f:?}");
        // Without the turn, the wire's one wording stands: the draft's is a mismatch.
        let f = findings(&corpus[..1], draft, RuleId::QuoteMismatch);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    /// A speaker named by a description („der 61-jährige Fachanwalt“) is the person the
    /// sentences before name; only when they name nobody the sources give it to is it flagged.
    #[test]
    fn a_speaker_described_after_being_named_is_that_speaker() {
        // „Fachanwalt“ is read as a description (a common noun) through the German lexicon.
        if !crate::lang::lexicon::available(crate::lang::Lang::De) {
            eprintln!("note: German lexicon not installed; skipping (tests/editors/lexicon.deps.sh)");
            return;
        }
        let corpus = [(
            "a.md",
            "„Der Betrieb läuft uneingeschränkt weiter“, sagte Insolvenzverwalter Matthias Oberdiek.\n",
        )];
        let named = "Insolvenzverwalter Matthias Oberdiek bezifferte die Schulden. Der 61-jährige Fachanwalt sagte: „Der Betrieb läuft uneingeschränkt weiter.“\n";
        let f = findings(&corpus, named, RuleId::QuoteMismatch);
        assert!(f.is_empty(), "{f:?}");
        let other = "Geschäftsführerin Ulrike Ramsauer bezifferte die Schulden. Der 61-jährige Fachanwalt sagte: „Der Betrieb läuft uneingeschränkt weiter.“\n";
        let f = findings(&corpus, other, RuleId::QuoteMismatch);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    /// A quotation no source reports is reported without evidence: a corpus sentence sharing
    /// only function words and one word with it is no version of it.
    #[test]
    fn a_quotation_no_source_has_cites_no_unrelated_sentence() {
        let corpus = [(
            "a.md",
            "It is posted on the harbour website, the mayor said.\n\n\"We will reopen the bridge in May,\" said Anna Berg.\n",
        )];
        let f = findings(
            &corpus,
            "\"It gets posted to the Internet very quickly,\" said Tom Reed.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].evidence.is_empty(), "{f:?}");
        // The same speaker's version is the evidence.
        let f = findings(
            &corpus,
            "\"We will reopen the bridge in June,\" said Berg.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].evidence.len(), 1, "{f:?}");
    }

    #[test]
    fn typographic_and_typewriter_apostrophes_are_one() {
        let corpus = [("team.md", "---\nsource: Team\n---\n\"It's disappointing to hear about the issue involving Jamal Williams,\" general manager A.J. Smith said.\n")];
        let draft = "“It’s disappointing to hear about the issue involving Jamal Williams,” Smith said.\n";
        assert!(findings(&corpus, draft, RuleId::QuoteMismatch).is_empty());
        let draft = "“It’s sad to hear about the issue involving Jamal Williams,” Smith said.\n";
        assert_eq!(findings(&corpus, draft, RuleId::QuoteMismatch).len(), 1);
    }

    #[test]
    fn a_pronoun_names_no_speaker_and_two_shared_words_are_no_statement() {
        // "he" is in "Sheriff"; "found" is one shared word: no evidence from that sentence.
        let corpus = [
            ("a.md", "---\nsource: Times\n---\nHe was found \"cowering in a bathtub,\" Sheriff Lee Baca said.\n"),
            ("b.md", "---\nsource: Post\n---\n\"We set forth the goals we expected to reach this season,\" coach Tony DiLeo said.\n"),
        ];
        let f = findings(&corpus, "\"What you see before you is what they found in football,\" he said.\n", RuleId::QuoteMismatch);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].evidence.is_empty(), "{f:?}");
        let f = findings(&corpus, "\"The allegations set forth in this report are consistent with what we expected,\" president Karen Holbrook said.\n", RuleId::QuoteMismatch);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].evidence.is_empty(), "{f:?}");
    }

    #[test]
    fn an_elided_quotation_is_found_part_by_part() {
        let corpus = [(
            "a.md",
            "„Wir sind in diesen Tagen an die Grenze der Belastbarkeit gegangen“, sagte Roth.\n",
        )];
        let ok = findings(
            &corpus,
            "„Wir sind … an die Grenze der Belastbarkeit gegangen“, sagte Roth.\n",
            RuleId::QuoteMismatch,
        );
        assert!(ok.is_empty(), "{ok:?}");
        let bad = findings(
            &corpus,
            "„Wir sind … an die Grenze der Geduld gegangen“, sagte Roth.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(bad.len(), 1, "{bad:?}");
    }

    fn replacements(f: &[crate::finding::Finding]) -> Vec<String> {
        f.iter()
            .flat_map(|x| &x.fixes)
            .flat_map(|x| x.edits.iter().map(|e| e.replacement.clone()))
            .collect()
    }

    /// A phrase quoted inside a sentence that paraphrases the speaker, where the source's words
    /// would not fit the phrase's slot: the speaker's own sentence (a transcript turn, their
    /// own statement) replaces the draft's sentence, quoted and attributed as the draft names
    /// them.
    #[test]
    fn a_paraphrased_phrase_takes_the_speakers_own_sentence() {
        let corpus = [(
            "pk.txt",
            "MARTINA OSTROWSKI: Der Roboterarm kostet 48.900 Euro. Die Nachfrage aus Nordamerika hat uns selbst überrascht.\n",
        )];
        let draft = "Die Nachfrage aus Nordamerika habe „alle Erwartungen übertroffen“, sagte Ostrowski.\n";
        let f = findings(&corpus, draft, RuleId::QuoteMismatch);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            replacements(&f).contains(
                &"„Die Nachfrage aus Nordamerika hat uns selbst überrascht“, sagte Ostrowski.".to_string()
            ),
            "{f:?}"
        );
        let corpus = [(
            "statement.md",
            "---\nsource: Ruiz for Senate\n---\nWe came up short tonight, but the questions we raised are not going away.\n\nWe will not seek a recount.\n",
        )];
        let draft = "Ruiz said her campaign had \"come up short, but the fight is not over.\"\n";
        let f = findings(&corpus, draft, RuleId::QuoteMismatch);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            replacements(&f).contains(
                &"\"We came up short tonight, but the questions we raised are not going away,\" Ruiz said."
                    .to_string()
            ),
            "{f:?}"
        );
        // Another speaker's sentence is not theirs.
        let f = findings(
            &corpus,
            "Diaz said her campaign had \"come up short, but the fight is not over.\"\n",
            RuleId::QuoteMismatch,
        );
        assert!(
            replacements(&f).iter().all(|r| !r.contains("questions we raised")),
            "{f:?}"
        );
    }

    /// The draft's words go into reported speech only where a source has the statement in as
    /// many words or more: a misquote that adds to the source's words, or one no source has,
    /// would still be put in the speaker's mouth.
    #[test]
    fn reported_speech_only_restates_what_a_source_has() {
        let indirect = |f: &[crate::finding::Finding]| {
            f.iter()
                .flat_map(|x| &x.fixes)
                .any(|x| x.title.starts_with("Als indirekte Rede") || x.title.starts_with("As reported speech"))
        };
        let corpus = [(
            "pm.md",
            "„Niemand wird mit seinem Schaden allein gelassen“, sagte Bürgermeisterin Sabine Kreuzer.\n",
        )];
        let f = findings(
            &corpus,
            "Kreuzer versprach, „kein Betroffener wird im Stich gelassen“.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(indirect(&f), "{f:?}");
        let corpus = [(
            "a.md",
            "Musk erklärte in einem Beitrag, es sei „ein massiver DDoS-Angriff auf X“ gewesen.\n",
        )];
        let f = findings(
            &corpus,
            "Musk sagte, es sei „ein massiver Cyberangriff von bisher unbekanntem Ausmaß“ gewesen.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(!indirect(&f), "{f:?}");
        let corpus = [(
            "a.md",
            "\"We moved as fast as the evidence allowed,\" said Chief Executive Renata Solvik.\n",
        )];
        let f = findings(
            &corpus,
            "Solvik said the company had \"acted the moment we had the data.\"\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(!indirect(&f), "{f:?}");
    }
}
