//! Reported speech: a direct quotation turned into indirect speech as a copy editor writes it.
//!
//! German: Konjunktiv I of the finite verbs („ist“ → „sei“, „hat“ → „habe“), Konjunktiv II where
//! I equals the indicative („wir haben“ → „sie hätten“), „war“ → „sei … gewesen“; first person
//! shifted to third („wir“ → „sie“, „unser“ → „ihr“, „uns“ → „sich“ with „wir“ as subject).
//! English: backshift ("are" → "were", "will" → "would", "we expect" → "they expected") and the
//! same person shift ("we" → "they", "our" → "their").
//!
//! Only what can be converted reliably is: every clause must have its finite verb converted (or
//! be a short phrase without one), "I"/„ich“ needs the speaker's gender from a title („Frau“,
//! "Ms.", „Sprecherin“), and a second person, a question, an exclamation or a quotation of
//! several sentences gives up. Where this returns `None`, the caller offers the source's
//! wording instead — never a half-converted sentence.

use super::words;
use crate::finding::Edit;
use crate::lang::Lang;
use crate::text::words::{words_in, Word};
use crate::text::{Document, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Fem,
    Masc,
}

/// The speaker's gender when a title in the draft says it („Frau Petersen“, "Ms. Ortiz",
/// „Hafenmeisterin Jana Petersen“), else `None`.
fn gender(doc: &Document, speaker: Option<&str>) -> Option<Gender> {
    let surname = speaker?
        .split_whitespace()
        .last()?
        .trim_matches(|c: char| !c.is_alphabetic());
    if surname.chars().count() < 2 {
        return None;
    }
    let hay = format!("{} {}", speaker.unwrap_or(""), doc.text);
    let ws = words_in(&hay, Span::new(0, hay.len()));
    let mut found: Option<Gender> = None;
    for (i, x) in ws.iter().enumerate() {
        if x.text != surname {
            continue;
        }
        // The one or two words before the surname: a title, or a role and a first name.
        for back in 1..=3usize {
            let Some(t) = i.checked_sub(back).and_then(|j| ws.get(j)) else {
                break;
            };
            let names_between = back - 1;
            let g = title_gender(doc.lang, t.text, names_between);
            if let Some(g) = g {
                if found.is_some_and(|f| f != g) {
                    return None;
                }
                found = Some(g);
                break;
            }
            if !t.text.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
        }
    }
    found
}

/// The gender a title word before a name gives: "Mr", "Frau", and German role nouns
/// („Sprecherin“, „Bürgermeister“) when first name and surname follow them.
fn title_gender(lang: Lang, t: &str, names_between: usize) -> Option<Gender> {
    let w = words(lang);
    let bare = t.trim_end_matches('.');
    if w.feminine_titles.iter().any(|x| x == bare) {
        return Some(Gender::Fem);
    }
    if w.masculine_titles.iter().any(|x| x == bare) {
        return Some(Gender::Masc);
    }
    if lang != Lang::De || !t.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let lower = t.to_lowercase();
    let n = lower.chars().count();
    // A role noun is long; a first name ending so („Severin“, „Jennifer“) is shorter or stands
    // without a first name after it.
    if n >= 8 && names_between >= 1 {
        if w.feminine_role_endings
            .iter()
            .any(|e| lower.ends_with(e.as_str()))
        {
            return Some(Gender::Fem);
        }
        if w.masculine_role_endings
            .iter()
            .any(|e| lower.ends_with(e.as_str()))
        {
            return Some(Gender::Masc);
        }
    }
    None
}

/// What happened to one word.
enum Conv {
    Keep,
    Word(String),
    /// A finite verb converted; `tail` goes to the clause's end („war“ → „sei … gewesen“).
    Verb {
        form: String,
        tail: Option<String>,
    },
    /// A verb already right for reported speech (English past, German „ich“-form = Konjunktiv I).
    VerbAsIs,
    GiveUp,
}

fn norm(s: &str) -> String {
    s.replace('’', "'").to_lowercase()
}

fn pair<'a>(list: &'a [Vec<String>], w: &str) -> Option<&'a Vec<String>> {
    list.iter().find(|p| p.first().is_some_and(|x| x == w))
}

/// Keep the case of the original's first letter.
fn cased(original: &str, new: &str) -> String {
    let upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut c = new.chars();
    match c.next() {
        Some(f) if upper => f.to_uppercase().chain(c).collect(),
        _ => new.to_string(),
    }
}

/// The clauses of a quotation: word index ranges between punctuation and coordinators.
fn clauses(text: &str, ws: &[Word], lang: Lang) -> Vec<(usize, usize)> {
    let w = words(lang);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..ws.len() {
        let gap_before = if i == 0 {
            ""
        } else {
            text.get(ws[i - 1].span.end..ws[i].span.start).unwrap_or("")
        };
        let coord = w
            .coordinators
            .iter()
            .any(|c| c == &ws[i].text.to_lowercase());
        if i > start && (gap_before.contains([',', ';', ':', '–', '—', '(', ')']) || coord) {
            out.push((start, i));
            start = i;
        }
    }
    if start < ws.len() {
        out.push((start, ws.len()));
    }
    out
}

/// Punctuation-delimited clause of word `i` (coordinators do not end it): where a subject
/// for a reflexive pronoun is looked for and where „gewesen“ goes.
fn punct_clause(text: &str, ws: &[Word], i: usize) -> (usize, usize) {
    let breaks = |j: usize| {
        j > 0
            && text
                .get(ws[j - 1].span.end..ws[j].span.start)
                .unwrap_or("")
                .contains([',', ';', ':', '–', '—', '(', ')'])
    };
    let mut a = i;
    while a > 0 && !breaks(a) {
        a -= 1;
    }
    let mut b = i + 1;
    while b < ws.len() && !breaks(b) {
        b += 1;
    }
    (a, b)
}

/// Whether a German word could be a finite verb this module did not convert: lowercase, ending
/// like a present or past finite form, not a participle, not a listed adverb or adjective.
fn verb_like_de(ws: &[Word], i: usize) -> bool {
    let w = words(Lang::De);
    let t = ws[i].text;
    if !t.chars().next().is_some_and(char::is_lowercase) || t.chars().count() < 3 {
        return false;
    }
    let l = t.to_lowercase();
    if w.no_verb.contains(&l) || w.not_verbs.contains(&l) {
        return false;
    }
    // After a determiner or "zu": an adjective or an infinitive.
    if i > 0 {
        let p = ws[i - 1].text.to_lowercase();
        if p == "zu" || w.no_verb.contains(&p) {
            return false;
        }
    }
    if l.starts_with("ge") && (l.ends_with('t') || l.ends_with("en")) {
        return false;
    }
    l.ends_with('t') || l.ends_with("en") || l.ends_with("te") || l.ends_with("st")
}

/// Converts the words of a quotation. `Some(edits)` (spans into `text`) when every clause came
/// out right, else `None`.
fn convert(
    text: &str,
    inner: Span,
    lang: Lang,
    gender: Option<Gender>,
    fragment: bool,
) -> Option<Vec<Edit>> {
    let w = words(lang);
    let ws = words_in(text, inner);
    if ws.is_empty() {
        return None;
    }
    let lower: Vec<String> = ws.iter().map(|x| norm(x.text)).collect();
    let mut conv: Vec<Conv> = Vec::with_capacity(ws.len());
    for (i, x) in ws.iter().enumerate() {
        conv.push(word(text, &ws, &lower, i, lang, gender, x));
    }
    if conv.iter().any(|c| matches!(c, Conv::GiveUp)) {
        return None;
    }
    // German: one finite verb per clause; a later form in -en is an infinitive („wir werden
    // es schaffen können“), and so is one after „zu“.
    if lang == Lang::De {
        for (a, b) in clauses(text, &ws, lang) {
            let mut seen = false;
            for i in a..b {
                if matches!(conv[i], Conv::Verb { .. } | Conv::VerbAsIs) {
                    let infinitive = lower[i].ends_with("en")
                        && (seen || i.checked_sub(1).is_some_and(|j| lower[j] == "zu"));
                    if infinitive {
                        conv[i] = Conv::Keep;
                    }
                    seen = true;
                }
            }
        }
    }
    // Every clause must have its finite verb converted, or have none.
    for (a, b) in clauses(text, &ws, lang) {
        let has_verb = conv[a..b]
            .iter()
            .any(|c| matches!(c, Conv::Verb { .. } | Conv::VerbAsIs));
        if has_verb {
            continue;
        }
        let ok = match lang {
            Lang::De => {
                let sub = w.subordinators.contains(&lower[a]);
                !sub && !(a..b).any(|i| verb_like_de(&ws, i))
            }
            // English verbs look like nouns: a clause without a converted verb passes only
            // when it is short and has no subject pronoun.
            Lang::En => {
                b - a <= 3
                    && !(a..b).any(|i| w.subject_pronouns.contains(&lower[i]))
                    && !(a..b).any(|i| pair(&w.irregular_past, &lower[i]).is_some())
            }
        };
        if !(ok || fragment && b - a <= 2) {
            return None;
        }
    }
    let mut edits = Vec::new();
    let mut tails: Vec<(usize, String)> = Vec::new();
    for (i, c) in conv.into_iter().enumerate() {
        let new = match c {
            Conv::Word(s) => s,
            Conv::Verb { form, tail } => {
                if let Some(t) = tail {
                    let (_, b) = punct_clause(text, &ws, i);
                    let last = b - 1;
                    // „war geschlossen“ / „war gekommen“: a participle at the end is ambiguous.
                    let l = &lower[last];
                    if last == i {
                        // At the clause's end (a subordinate clause): „… gewesen sei“.
                        format!("{t} {form}")
                    } else if l.starts_with("ge") && (l.ends_with('t') || l.ends_with("en")) {
                        return None;
                    } else {
                        tails.push((ws[last].span.end, t));
                        form
                    }
                } else {
                    form
                }
            }
            _ => continue,
        };
        edits.push(Edit {
            span: ws[i].span,
            replacement: cased(ws[i].text, &new),
        });
    }
    for (at, t) in tails {
        edits.push(Edit {
            span: Span::new(at, at),
            replacement: format!(" {t}"),
        });
    }
    Some(edits)
}

#[allow(clippy::too_many_arguments)]
fn word(
    text: &str,
    ws: &[Word],
    lower: &[String],
    i: usize,
    lang: Lang,
    gender: Option<Gender>,
    x: &Word,
) -> Conv {
    let w = words(lang);
    let l = &lower[i];
    if w.second_person.contains(l) {
        return Conv::GiveUp;
    }
    // German formal address („Sie“, „Ihnen“) inside a quotation: not the third person.
    if w.formal_address.iter().any(|f| f == x.text) {
        return Conv::GiveUp;
    }
    // A capitalised word inside the quotation is a name or a German noun ("in May"), never a
    // pronoun or verb to convert — except English "I".
    let pronoun_i = x.text == "I" || x.text.starts_with("I'") || x.text.starts_with("I’");
    if i > 0 && x.text.chars().next().is_some_and(char::is_uppercase) && !pronoun_i {
        return Conv::Keep;
    }
    if let Some(p) = pair(&w.person_plural, l) {
        return Conv::Word(p.get(1).cloned().unwrap_or_default());
    }
    if let Some(p) = pair(&w.person_singular, l) {
        return match gender {
            Some(Gender::Masc) => Conv::Word(p.get(1).cloned().unwrap_or_default()),
            Some(Gender::Fem) => Conv::Word(p.get(2).cloned().unwrap_or_default()),
            None => Conv::GiveUp,
        };
    }
    // Reflexive or object pronouns: „uns“ → „sich“ when „wir“ is the clause's subject.
    if let Some(p) = pair(&w.reflexive, l) {
        let (a, b) = punct_clause(text, ws, i);
        let subject = p.get(2).map(String::as_str).unwrap_or("");
        if (a..b).any(|j| lower[j] == subject) {
            if subject == "i" || subject == "ich" {
                return match gender {
                    Some(Gender::Masc) => Conv::Word(p.get(1).cloned().unwrap_or_default()),
                    Some(Gender::Fem) => Conv::Word(p.get(3).cloned().unwrap_or_default()),
                    None => Conv::GiveUp,
                };
            }
            return Conv::Word(p.get(1).cloned().unwrap_or_default());
        }
        // „für uns“ → „für sie“, „mit uns“ → „mit ihnen“: the preposition gives the case.
        if subject == "wir" {
            if let Some(o) = i
                .checked_sub(1)
                .and_then(|j| pair(&w.object_after_preposition, &lower[j]))
            {
                return Conv::Word(o.get(1).cloned().unwrap_or_default());
            }
        }
        return Conv::GiveUp;
    }
    // Contractions of a subject pronoun and a verb ("we're", "I've", "it's").
    if let Some(p) = pair(&w.contractions, l) {
        let needs_gender = p.len() > 2;
        return match (needs_gender, gender) {
            (false, _) => Conv::Verb {
                form: p.get(1).cloned().unwrap_or_default(),
                tail: None,
            },
            (true, Some(Gender::Masc)) => Conv::Verb {
                form: p.get(1).cloned().unwrap_or_default(),
                tail: None,
            },
            (true, Some(Gender::Fem)) => Conv::Verb {
                form: p.get(2).cloned().unwrap_or_default(),
                tail: None,
            },
            (true, None) => Conv::GiveUp,
        };
    }
    if w.ambiguous.contains(l) {
        return Conv::GiveUp;
    }
    let prev = i.checked_sub(1).map(|j| lower[j].as_str()).unwrap_or("");
    if let Some(p) = pair(&w.konjunktiv, l) {
        // An infinitive after "to", a modal or "do" is not finite ("we will have", "to do").
        if lang == Lang::En && (prev == "to" || w.not_finite_after.iter().any(|m| m == prev)) {
            return Conv::Keep;
        }
        let form = p.get(1).cloned().unwrap_or_default();
        let tail = p.get(2).cloned();
        return Conv::Verb { form, tail };
    }
    match lang {
        Lang::De => {
            // „ich glaube“, „jetzt glaube ich“: the first person singular is Konjunktiv I.
            let by_ich = prev == "ich" || lower.get(i + 1).is_some_and(|n| n == "ich");
            if by_ich && l.ends_with('e') && x.text.chars().next().is_some_and(char::is_lowercase) {
                return Conv::VerbAsIs;
            }
            Conv::Keep
        }
        Lang::En => {
            if w.past_forms.contains(l) || w.irregular_past.iter().any(|p| p.get(1) == Some(l)) {
                return Conv::VerbAsIs;
            }
            // The verb right after a subject pronoun (an adverb may stand between).
            let mut j = i;
            while j > 0 && (w.adverbs.contains(&lower[j - 1]) || lower[j - 1].ends_with("ly")) {
                j -= 1;
            }
            let after_pronoun = j > 0 && w.subject_pronouns.contains(&lower[j - 1]) && j - 1 != i;
            if !after_pronoun || !x.text.chars().all(|c| c.is_ascii_lowercase()) {
                return Conv::Keep;
            }
            if l.ends_with("ed") {
                return Conv::VerbAsIs;
            }
            match past_en(l, &lower[j - 1]) {
                Some(p) => Conv::Verb {
                    form: p,
                    tail: None,
                },
                None => Conv::GiveUp,
            }
        }
    }
}

/// The simple past of an English present-tense verb after `subject`; `None` when the spelling
/// rule is not certain (a doubled consonant: "plan" → "planned").
fn past_en(v: &str, subject: &str) -> Option<String> {
    let w = words(Lang::En);
    let third = matches!(subject, "he" | "she" | "it");
    let base = if third {
        if let Some(b) = v.strip_suffix("ies") {
            format!("{b}y")
        } else if let Some(b) = v.strip_suffix("es").filter(|b| {
            b.ends_with("sh")
                || b.ends_with("ch")
                || b.ends_with('x')
                || b.ends_with("ss")
                || b.ends_with('o')
        }) {
            b.to_string()
        } else {
            v.strip_suffix('s')?.to_string()
        }
    } else {
        v.to_string()
    };
    if let Some(p) = pair(&w.irregular_past, &base) {
        return p.get(1).cloned();
    }
    let cs: Vec<char> = base.chars().collect();
    let n = cs.len();
    if n < 3 {
        return None;
    }
    let vowel = |c: char| "aeiou".contains(c);
    if base.ends_with('e') {
        return Some(format!("{base}d"));
    }
    if cs[n - 1] == 'y' && !vowel(cs[n - 2]) {
        return Some(format!("{}ied", &base[..base.len() - 1]));
    }
    // Consonant–vowel–consonant: doubling depends on stress ("plan", "visit").
    if !vowel(cs[n - 1]) && vowel(cs[n - 2]) && !vowel(cs[n - 3]) && !"wxy".contains(cs[n - 1]) {
        return None;
    }
    Some(format!("{base}ed"))
}

/// The first word of a converted quotation after „sagte,“ / "said": lowercase unless it is a
/// name or a German noun (capitalised elsewhere in the draft inside a sentence); `None` when
/// that cannot be told.
fn lower_first(doc: &Document, s: &str) -> Option<String> {
    let first = s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if first.is_empty() || !first.chars().next().is_some_and(char::is_uppercase) {
        return Some(s.to_string());
    }
    if first == "I" {
        return Some(s.to_string());
    }
    let lower = first.to_lowercase();
    let w = words(doc.lang);
    let function = w.no_verb.contains(&lower)
        || w.subject_pronouns.contains(&lower)
        || w.nominative_articles.contains(&lower)
        || w.person_plural.iter().any(|p| p.get(1) == Some(&lower));
    let ws = words_in(&doc.text, Span::new(0, doc.text.len()));
    let lower_elsewhere = ws.iter().any(|x| x.text == lower);
    let upper_inside = ws.windows(2).any(|p| {
        p[1].text == first
            && doc
                .text
                .get(p[0].span.end..p[1].span.start)
                .is_some_and(|g| !g.contains(['.', '!', '?', '„', '"', '“', ':']))
    });
    if function || (lower_elsewhere && !upper_inside) {
        let rest = &s[first.len()..];
        return Some(format!("{lower}{rest}"));
    }
    if upper_inside && !lower_elsewhere {
        return Some(s.to_string());
    }
    None
}

/// The sentence `sentence` with its one quotation (`quote` with its marks, `inner` without)
/// turned into reported speech: one edit over the sentence, or `None` where that cannot be
/// done reliably.
pub fn reported_speech(
    doc: &Document,
    sentence: Span,
    quote: Span,
    inner: Span,
    speaker: Option<&str>,
) -> Option<Edit> {
    let text = &doc.text;
    let lang = doc.lang;
    let body = sentence.slice(text);
    let end = sentence.start + body.trim_end().len();
    if !(sentence.start <= quote.start
        && quote.end <= end
        && quote.start <= inner.start
        && inner.end <= quote.end)
    {
        return None;
    }
    let inner_text = inner.slice(text);
    let core = inner_text.trim_end();
    let punct: String = core
        .chars()
        .rev()
        .take_while(|c| matches!(c, '.' | ',' | '!' | '?' | '…' | ';' | ':'))
        .collect();
    if punct.contains(['!', '?', '…', ';', ':']) {
        return None;
    }
    let core_len = core.len() - punct.len();
    let core_span = Span::new(inner.start, inner.start + core_len);
    let core_text = core_span.slice(text);
    // Several sentences in one quotation, or a quotation inside it: not one clause to report.
    if core_text.contains(". ")
        || core_text.contains("! ")
        || core_text.contains("? ")
        || core_text.contains(['„', '“', '”', '"', '»', '«', '‚', '‘'])
    {
        return None;
    }
    let pre = text.get(sentence.start..quote.start)?;
    let post = text.get(quote.end..end)?;
    if post.contains(['„', '“', '”', '"', '»', '«']) || pre.contains(['„', '“', '”', '"', '»', '«'])
    {
        return None;
    }
    let g = gender(doc, speaker);
    let pre_t = pre.trim();
    let (fragment, shape) = if pre_t.is_empty() {
        (false, Shape::First)
    } else if pre_t.ends_with(':')
        || (pre_t.ends_with(',') && core_text.chars().next().is_some_and(char::is_uppercase))
    {
        (false, Shape::Colon)
    } else {
        (true, Shape::Inside)
    };
    let edits = convert(text, core_span, lang, g, fragment)?;
    let conv = crate::finding::apply_edits(text, edits.iter());
    // The converted core, cut out of the converted text.
    let delta: isize = edits
        .iter()
        .map(|e| e.replacement.len() as isize - e.span.len() as isize)
        .sum();
    let conv_core = conv
        .get(core_span.start..(core_span.end as isize + delta) as usize)?
        .to_string();
    let out = match shape {
        Shape::First => {
            // „Q“, sagte X. / "Q," X said. → Q, sagte X. / Q, X said.
            speaker?;
            let rest = post.trim_start().trim_start_matches(',').trim_start();
            if rest.split_whitespace().count() < 2 || !rest.ends_with('.') {
                return None;
            }
            format!("{conv_core}, {rest}")
        }
        Shape::Colon => {
            // X sagte: „Q.“ → X sagte, q. / X said: "Q." → X said q.
            let head = pre_t.trim_end_matches([':', ',']).trim_end();
            let last = head.split_whitespace().last().unwrap_or("");
            if !last.chars().next().is_some_and(char::is_lowercase) {
                return None;
            }
            let rest = post.trim();
            if !(rest.is_empty() || rest == ".") {
                return None;
            }
            let q = lower_first(doc, &conv_core)?;
            match lang {
                Lang::De => format!("{head}, {q}."),
                Lang::En => format!("{head} {q}."),
            }
        }
        Shape::Inside => {
            // A quoted phrase inside the sentence: the words without their marks.
            let follows = post.trim_start().chars().next();
            let keep = if follows.is_some_and(|c| !c.is_alphanumeric()) {
                ""
            } else {
                punct.as_str()
            };
            format!("{pre}{conv_core}{keep}{post}")
        }
    };
    Some(Edit {
        span: Span::new(sentence.start, end),
        replacement: out,
    })
}

/// A German statement of the draft's own (no quotation) in Konjunktiv, as reported speech
/// continuing or followed by its attribution: „Das ist ein Plus“ → „Das sei ein Plus“, „Wühltiere
/// hatten den Deich geschwächt“ → „Wühltiere hätten den Deich geschwächt“. The sentence's span
/// without its final period and its converted text, or `None` where that cannot be done reliably: a quotation, a question,
/// a first or second person (whose shift would need the speaker), a clause whose finite verb is
/// not in the word list, or nothing converted at all.
pub fn konjunktiv_statement(doc: &Document, sentence: Span) -> Option<(Span, String)> {
    if doc.lang != Lang::De {
        return None;
    }
    let text = &doc.text;
    let body = sentence.slice(text);
    let trimmed = body.trim_end();
    let core = trimmed.strip_suffix('.')?;
    if core.contains([
        '„', '“', '”', '"', '»', '«', '‚', '‘', '?', '!', ':', ';', '(', '[',
    ]) {
        return None;
    }
    let lead = core.len() - core.trim_start().len();
    let span = Span::new(sentence.start + lead, sentence.start + core.len());
    let w = words(Lang::De);
    let person = |l: &str| {
        pair(&w.person_plural, l).is_some()
            || pair(&w.person_singular, l).is_some()
            || pair(&w.reflexive, l).is_some()
    };
    if words_in(text, span).iter().any(|x| person(&norm(x.text))) {
        return None;
    }
    let edits = convert(text, span, Lang::De, None, false)?;
    if edits.is_empty() {
        return None;
    }
    let out = crate::finding::apply_edits(text, edits.iter());
    let delta: isize = edits
        .iter()
        .map(|e| e.replacement.len() as isize - e.span.len() as isize)
        .sum();
    let end = usize::try_from(span.end as isize + delta).ok()?;
    out.get(span.start..end).map(|c| (span, c.to_string()))
}

enum Shape {
    First,
    Colon,
    Inside,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::DocKind;

    /// Any sentence with a quotation, however odd: no panic, and a conversion either takes the
    /// quotation's marks out or is not offered.
    #[test]
    fn never_panics_and_never_half_converts() {
        let heads = [
            "",
            "Sie sagte: ",
            "Er sagte, ",
            "Ortiz said: ",
            "Ortiz said ",
            "„",
            "\"",
        ];
        let bodies = [
            "Wir haben ich uns mir euch",
            "We are I'm we'd you",
            "war war war",
            "ist",
            "…",
            "Ünïcödé — 12,5 % ",
            "is are",
            "",
            " . , ",
            "wir sind. Wir waren",
        ];
        let tails = [
            "“, sagte Petersen.",
            "\" Ortiz said.",
            ",\" Ortiz said.",
            "“.",
            "\"",
            "?“",
            "",
        ];
        for lang in [Lang::De, Lang::En] {
            for h in heads {
                for b in bodies {
                    for t in tails {
                        for (open, close) in [("„", "“"), ("\"", "\"")] {
                            let text = format!("{h}{open}{b}{close}{t}\n");
                            let d = Document::parse(&text, DocKind::Markdown, Some(lang));
                            let facts = crate::extract::extract(&d);
                            for q in &facts.quotes {
                                let e = reported_speech(
                                    &d,
                                    q.sentence_span,
                                    q.span,
                                    q.inner,
                                    q.speaker.as_deref(),
                                );
                                if let Some(e) = e {
                                    let out =
                                        crate::finding::apply_edits(&text, std::iter::once(&e));
                                    assert!(
                                        !out.contains(open) || h.contains(open),
                                        "{text:?} → {out:?}"
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
