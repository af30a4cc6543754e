//! Cues inside one sentence: reporting verbs with their speaker, prepositional cues, source notes.

use super::lexicon::{Lexicon, Verb, VerbClass};
use super::tokens::{clause_range, Tok};
use super::AttrKind;
use crate::lang::Lang;
use crate::text::Span;

/// A cue found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub cue: Span,
    /// Token range `[start, end)` of the source, if one was found.
    pub source: Option<Span>,
    pub kind: AttrKind,
}

/// Finds all cues of a sentence, in text order.
pub fn cues(lex: &Lexicon, toks: &[Tok], text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    verbs(lex, toks, &mut out);
    prepositions(lex, toks, &mut out);
    notes(lex, toks, text, &mut out);
    out.sort_by_key(|f| f.cue.start);
    out.dedup_by_key(|f| f.cue.start);
    out
}

fn span_of(toks: &[Tok], r: (usize, usize)) -> Option<Span> {
    if r.0 >= r.1 || r.1 > toks.len() {
        return None;
    }
    Some(Span::new(toks[r.0].span.start, toks[r.1 - 1].span.end))
}

/// Whether a word is a free (unquoted) word token.
fn free_word(t: &Tok) -> bool {
    t.word && !t.quoted
}

// ---------------------------------------------------------------- verbs

fn verbs(lex: &Lexicon, toks: &[Tok], out: &mut Vec<Found>) {
    verbs_among(lex, toks, out, |w, c| lex.verb_candidates(w, c));
}

/// Reporting-verb cues, trying at each token the verbs `candidates` lists for its lower-cased
/// word (indexes into `lex.verbs`, ascending): `Lexicon::verb_candidates`, or every verb (the
/// test that shows the two give the same cues).
fn verbs_among(
    lex: &Lexicon,
    toks: &[Tok],
    out: &mut Vec<Found>,
    candidates: impl Fn(&str, &mut Vec<usize>),
) {
    let first_word = toks.iter().position(|t| t.word);
    let mut cands: Vec<usize> = Vec::new();
    for i in 0..toks.len() {
        let t = &toks[i];
        if !free_word(t) || (t.capital() && Some(i) != first_word && lex.lang == Lang::De) {
            continue;
        }
        candidates(&t.lower, &mut cands);
        for v in cands.iter().filter_map(|&k| lex.verbs.get(k)) {
            let Some(cue) = match_verb(lex, v, toks, i) else {
                continue;
            };
            if adjectival(lex, toks, i)
                || cross_reference(lex, toks, i)
                || fixed_phrase(lex, toks, i)
                || noun_use_en(lex, toks, i)
                || modal_infinitive_de(lex, v, toks, i)
                || bare_to_infinitive_en(lex, v, toks, i)
            {
                continue;
            }
            if reflexive_use(lex, v, toks, i) {
                continue;
            }
            if v.class == VerbClass::Thought && !has_complement(lex, toks, i) {
                continue;
            }
            // "Im Mai wurde bekannt, dass …": a frame without a speaker, only with its content.
            if v.class == VerbClass::Frame {
                if has_complement(lex, toks, i) {
                    out.push(Found {
                        cue,
                        source: None,
                        kind: AttrKind::Verb,
                    });
                    break;
                }
                continue;
            }
            let impersonal = v.requires.iter().any(|r| r == "es");
            let passive = passive(lex, toks, i);
            let subj = if impersonal {
                None
            } else if passive {
                agent(lex, toks, i)
            } else {
                subject(lex, toks, i)
            };
            let participle = participle_en(lex, toks, i);
            let subj = if participle && subj.is_none() {
                participle_subject_en(lex, toks, i)
            } else {
                subj
            };
            // "zählt EY 36 Konzerne": the figure of a counting verb is no part of its subject.
            let subj = if v.requires.iter().any(|r| r == "#") {
                subj.map(|(a, b)| {
                    let cut = (a + 1..b)
                        .find(|&k| toks[k].text.starts_with(|c: char| c.is_ascii_digit()))
                        .unwrap_or(b);
                    (a, cut)
                })
            } else {
                subj
            };
            let source = subj.and_then(|r| span_of(toks, r));
            // "wie berichtet": the publication's own earlier report.
            if source.is_none() && self_reference(lex, toks, i) {
                continue;
            }
            // A passive without an agent reports something only with its content: "wurde mitgeteilt, dass …".
            let frame = impersonal || participle || (passive && has_complement(lex, toks, i));
            if source.is_none() && !frame {
                continue;
            }
            out.push(Found {
                cue,
                source,
                kind: AttrKind::Verb,
            });
            break;
        }
    }
}

/// Where the clause ending at `ce` ends when the commas after it only separate the items of an
/// enumeration ("schlug X, Y und Z vor"): a chunk with a finite auxiliary is a clause of its
/// own ("Ob es Verletzte gab, ist nicht bekannt"), not a list item. At most 30 tokens past the
/// verb at `i`.
fn past_enumeration(lex: &Lexicon, toks: &[Tok], ce: usize, i: usize) -> usize {
    let mut e = ce;
    while e < toks.len() && e - i < 30 && toks[e].is(",") && toks.get(e + 1).is_some_and(free_word)
    {
        let (a, b) = clause_range(toks, e + 1);
        if toks[a..b]
            .iter()
            .any(|t| free_word(t) && lex.auxiliaries.contains(&t.lower))
        {
            break;
        }
        e = b;
    }
    e
}

/// The cue span if the verb matches at token `i`.
fn match_verb(lex: &Lexicon, v: &Verb, toks: &[Tok], i: usize) -> Option<Span> {
    let w = &toks[i].lower;
    let (cs, ce) = clause_range(toks, i);
    // A required word may stand after an enumeration with commas ("schätzt den Schaden an
    // Straßen, Brücken und Gebäuden auf 3,5 Millionen Euro").
    let listed = past_enumeration(lex, toks, ce, i);
    let in_clause = |word: &str| {
        toks[cs..listed]
            .iter()
            .any(|t| free_word(t) && t.lower == word)
    };
    let mut hit = false;
    if let Some(p) = &v.particle {
        if v.forms.contains(w) && w.len() > p.len() + 2 && w.starts_with(p.as_str()) {
            // A listed form with its particle attached ("angegeben", "bekanntgegeben").
            hit = true;
        } else if v.forms.contains(w) {
            // Separated particle at the end of the clause ("teilte … mit"), or just before ("bekannt gegeben").
            // The particle may stand after an enumeration with commas ("schlug X, Y und Z vor").
            let e = listed;
            let after = (i + 1..e)
                .any(|j| toks[j].is(p) && free_word(&toks[j]) && clause_final(lex, toks, j));
            let before = i > cs && toks[i - 1].is(p);
            hit = after || before;
        } else if let Some(rest) = w.strip_prefix(p.as_str()) {
            let rest2 = rest.strip_prefix("zu").unwrap_or(rest);
            hit = !rest.is_empty() && (v.forms.contains(rest) || v.forms.contains(rest2));
        }
    } else {
        hit = v.forms.contains(w);
    }
    if !hit {
        return None;
    }
    if !v.requires.iter().all(|r| {
        if r == "#" {
            figure_object(lex, toks, i)
        } else {
            in_clause(r)
        }
    }) {
        return None;
    }
    // "erklärte das Spiel für beendet"; verb-final, the words stand before it: "wurde für
    // beendet erklärt".
    // A finite verb in second position before a comma ("Ken Rice vom Institut für Astronomie
    // erklärte, …") is no verb-final one: its subject may hold the word.
    let verb_final = toks
        .get(i + 1)
        .is_none_or(|t| !t.word || t.clause != toks[i].clause)
        && (toks[cs..i].iter().any(|t| {
            free_word(t)
                && (lex.auxiliaries.contains(&t.lower)
                    || lex.passive_aux.contains(&t.lower)
                    || lex.modals.contains(&t.lower))
        }) || toks.get(cs).is_some_and(|t| {
            free_word(t)
                && (lex.conjunctions.contains(&t.lower)
                    || lex.relatives.contains(&t.lower)
                    || lex.as_words.contains(&t.lower))
        }));
    let from = if verb_final { cs } else { i + 1 };
    if v.excludes
        .iter()
        .any(|x| (from..ce).any(|j| j != i && toks[j].is(x)))
    {
        return None;
    }
    Some(toks[i].span)
}

/// German: "bestätigt sich", "meldete sich", "verspricht sich": a reporting verb followed by a
/// reflexive pronoun its entry neither requires nor allows is another verb.
fn reflexive_use(lex: &Lexicon, v: &Verb, toks: &[Tok], i: usize) -> bool {
    if lex.lang != Lang::De {
        return false;
    }
    if v.requires.iter().any(|r| r == "sich") || v.reflexive.iter().any(|r| r == "sich") {
        return false;
    }
    let next = toks[i + 1..]
        .iter()
        .find(|t| !(t.word && lex.skip_words.contains(&t.lower) && !t.is("sich")));
    // Verb-final, the pronoun stands before it: "haben sich drei Kandidaten gemeldet".
    let (cs, _) = clause_range(toks, i);
    let verb_final = toks
        .get(i + 1)
        .is_none_or(|t| !t.word || t.clause != toks[i].clause);
    // "befand sich nahe der Explosion und berichtete, …": a pronoun before a coordinator is the
    // first verb's.
    let from = (cs..i)
        .rev()
        .find(|&k| free_word(&toks[k]) && lex.verb_coordinators.contains(&toks[k].lower))
        .map_or(cs, |k| k + 1);
    next.is_some_and(|t| free_word(t) && t.is("sich"))
        || (verb_final && toks[from..i].iter().any(|t| free_word(t) && t.is("sich")))
}

/// A counting verb reports a figure: "zählte 120 Einsätze", "tallied 58,214 votes". The figure
/// (digits or a number word) follows the verb in its clause, or precedes a verb that ends its
/// clause ("wie die Feuerwehr 120 Einsätze zählte").
fn figure_object(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    let (cs, ce) = clause_range(toks, i);
    let figure = |t: &Tok| {
        free_word(t)
            && (t.text.chars().next().is_some_and(|c| c.is_ascii_digit())
                || lex.number_words.contains(&t.lower))
    };
    let last = toks
        .get(i + 1)
        .is_none_or(|t| !t.word || t.clause != toks[i].clause);
    // "The delegate count is 384": a noun before the finite verb.
    if toks
        .get(i + 1)
        .is_some_and(|t| free_word(t) && lex.verbal_aux.contains(&t.lower))
    {
        return false;
    }
    toks[i + 1..ce].iter().any(figure) || (last && toks[cs..i].iter().any(figure))
}

/// Whether token `j` ends its clause (a separable particle).
fn clause_final(lex: &Lexicon, toks: &[Tok], j: usize) -> bool {
    match toks.get(j + 1) {
        None => true,
        Some(n) => !n.word || n.clause != toks[j].clause || lex.conjunctions.contains(&n.lower),
    }
}

/// "nicht erklärte Streiks", "die genannten Zahlen": a verb form used as an adjective.
fn adjectival(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    if lex.lang != Lang::De || i == 0 {
        return false;
    }
    // "Das berichten Medien": a sentence-initial pronoun, not an article.
    if i == 1 && lex.adverbials.contains(&toks[0].lower) {
        return false;
    }
    // An attributive adjective is inflected (-e, -en, -er, -es, -em): "rechnet" in „Für 2025
    // rechnet Veltra …“ is a finite verb whatever stands before it.
    let w = &toks[i].lower;
    if !lex.adjective_endings.is_empty()
        && !lex
            .adjective_endings
            .iter()
            .any(|e| w.ends_with(e.as_str()))
    {
        return false;
    }
    let prev = &toks[i - 1];
    let next_noun = toks.get(i + 1).is_some_and(|n| n.capital());
    let modifier = !prev.capital()
        && !lex.adverbials.contains(&prev.lower)
        && !lex.skip_words.contains(&prev.lower)
        && !lex.conjunctions.contains(&prev.lower)
        && !lex.auxiliaries.contains(&prev.lower)
        && !lex.pronouns.contains(&prev.lower);
    prev.word
        && next_noun
        && (lex.adjectival_markers.contains(&prev.lower)
            || lex.determiners.contains(&prev.lower)
            || modifier)
}

/// English: "their say", "the reports" (a noun after an article), "precincts reporting",
/// "stopped writing" (a participle that is not the finite verb of a clause).
fn noun_use_en(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    if lex.lang != Lang::En || i == 0 {
        return false;
    }
    let prev = &toks[i - 1];
    if prev.word && lex.articles.contains(&prev.lower) {
        return true;
    }
    toks[i].lower.ends_with("ing")
        && prev.word
        && prev.clause == toks[i].clause
        && !lex.passive_aux.contains(&prev.lower)
        && !lex.auxiliaries.contains(&prev.lower)
        && !participle_en(lex, toks, i)
}

/// German: an infinitive after a modal or future auxiliary ("wollte nicht bestätigen", "wird
/// darauf bestehen") reports no statement that was made.
fn modal_infinitive_de(lex: &Lexicon, v: &Verb, toks: &[Tok], i: usize) -> bool {
    let w = toks[i].lower.as_str();
    let particle = v.particle.as_deref().unwrap_or("");
    let infinitive = w == v.infinitive
        || w.strip_prefix(particle).is_some_and(|r| {
            !particle.is_empty()
                && (r == v.infinitive || r.strip_prefix("zu") == Some(&v.infinitive))
        });
    if lex.lang != Lang::De || !infinitive {
        return false;
    }
    let (cs, _) = clause_range(toks, i);
    // The infinitive closes the clause (verb-final), or stands right before "zu": "zu bestätigen".
    let last = toks
        .get(i + 1)
        .is_none_or(|t| !t.word || t.clause != toks[i].clause);
    // Verb-final, the modal follows the infinitive: "… eine Rückübertragung verlangen müssen",
    // "… mit 39 Prozent rechnen können".
    let modal_after = toks.get(i + 1).is_some_and(|t| {
        free_word(t) && t.clause == toks[i].clause && lex.modals.contains(&t.lower)
    }) && clause_final(lex, toks, i + 1);
    modal_after
        || last
            && toks[cs..i]
                .iter()
                .any(|t| free_word(t) && lex.modals.contains(&t.lower))
}

/// English: a reporting verb's "to"-infinitive with no content to report ("signed up to
/// speak", "declined to comment", "refused to say"): nobody said anything. With its content it
/// stays a cue ("went on to say that …", "…," she went on to say).
fn bare_to_infinitive_en(lex: &Lexicon, v: &Verb, toks: &[Tok], i: usize) -> bool {
    lex.lang == Lang::En
        && toks[i].lower == v.infinitive
        && i > 0
        && free_word(&toks[i - 1])
        && toks[i - 1].lower == "to"
        && !has_complement(lex, toks, i)
        // "went on to explain how he believes …": a wh-clause is its content.
        && !toks.get(i + 1).is_some_and(|t| {
            t.word && matches!(t.lower.as_str(), "how" | "why" | "what" | "where" | "when" | "who")
        })
}

/// English: a clause-initial participle of a reporting verb ("…, saying she would …").
fn participle_en(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    lex.lang == Lang::En
        && toks[i].lower.ends_with("ing")
        && i > 0
        && !toks[i - 1].word
        && clause_range(toks, i).0 == i
}

/// The subject of the clause before a participle: "Trump mocked …, saying" → "Trump".
fn participle_subject_en(lex: &Lexicon, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    let (ps, _) = clause_range(toks, i.checked_sub(2)?);
    let mut a = ps;
    while a < i && (!toks[a].word || lex.conjunctions.contains(&toks[a].lower)) {
        a += 1;
    }
    let first = toks.get(a).filter(|t| free_word(t))?;
    if lex.pronouns.contains(&first.lower) {
        return Some((a, a + 1));
    }
    if !(first.capital() || lex.determiners.contains(&first.lower)) {
        return None;
    }
    let mut k = a;
    while k < i
        && k - a < 10
        && free_word(&toks[k])
        && !lex.auxiliaries.contains(&toks[k].lower)
        && !lex.relatives.contains(&toks[k].lower)
        && !(k > a && lex.pronouns.contains(&toks[k].lower))
        && !(!toks[k].capital() && (toks[k].lower.ends_with("ed") || toks[k].lower.ends_with("ly")))
    {
        k += 1;
    }
    // The noun phrase must end at a verb, not run to the clause end.
    (k > a && toks.get(k).is_some_and(free_word)).then_some((a, k))
}

/// "genauer gesagt", "so genannte": a fixed phrase through token `i`.
fn fixed_phrase(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    let matches_at = |start: usize, p: &[String]| {
        start + p.len() <= toks.len()
            && p.iter()
                .enumerate()
                .all(|(k, w)| toks[start + k].word && toks[start + k].lower == *w)
    };
    lex.not_cue_phrases
        .iter()
        .any(|p| (0..p.len()).any(|off| i >= off && matches_at(i - off, p)))
}

/// The agent of a passive reporting verb: "wurde von der Polizei mitgeteilt".
fn agent(lex: &Lexicon, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    let (cs, ce) = clause_range(toks, i);
    let p = (cs..ce).find(|&j| free_word(&toks[j]) && lex.agent_preps.contains(&toks[j].lower))?;
    match lex.lang {
        Lang::De => np_de(lex, toks, p + 1, true),
        Lang::En => np_en(lex, toks, p + 1),
    }
}

/// A thought verb after its content, in the sentence's last clause: „Die Gefahr ist hoch,
/// glauben die Forscher.“, „…, stellten die Wissenschaftler außerdem fest.“, "The risk is
/// high, researchers believe." The content before the comma is its complement.
fn trailing_after_content(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    let Some(comma) = (0..i).rev().find(|&k| !toks[k].word) else {
        return false;
    };
    if !toks[comma].is(",") || toks[..comma].iter().filter(|t| t.word).count() < 3 {
        return false;
    }
    let after: Vec<&Tok> = toks[i + 1..].iter().collect();
    let rest_words = after.iter().take_while(|t| t.word).count();
    // Nothing but words to the end, and at most a final full stop.
    let ends = after
        .get(rest_words..)
        .is_some_and(|r| r.is_empty() || (r.len() == 1 && (r[0].is(".") || r[0].is("!"))));
    if !ends {
        return false;
    }
    match lex.lang {
        // The verb right after the comma, its subject after it: a determiner or a name.
        Lang::De => {
            comma + 1 == i
                && (1..=6).contains(&rest_words)
                && toks.get(i + 1).is_some_and(|t| {
                    lex.determiners.contains(&t.lower)
                        || (t.capital() && !lex.pronouns.contains(&t.lower))
                })
        }
        // The subject between the comma and the verb, nothing (or one word) after it.
        Lang::En => (1..=4).contains(&(i - comma - 1)) && rest_words <= 1,
    }
}

/// A thought verb needs a complement: "glaubt, dass …", "believes that …".
fn has_complement(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    if trailing_after_content(lex, toks, i) {
        return true;
    }
    // "…, so glaubt man.", "Der Grund, so vermutet die Zeitung, …": "so" after a comma points
    // back to the content.
    if lex.lang == Lang::De
        && i >= 3
        && toks[i - 1].word
        && lex.so_words.contains(&toks[i - 1].lower)
        && toks[i - 2].is(",")
    {
        return true;
    }
    let n = toks.len();
    match lex.lang {
        Lang::De => {
            (i + 1..n.saturating_sub(1)).any(|j| {
                (toks[j].is(",") || toks[j].is(":"))
                    && toks.get(j + 1).is_some_and(|t| {
                        lex.complementizers.contains(&t.lower)
                            || lex.konjunktiv.contains(&t.lower)
                            || t.is("„")
                    })
            }) || (i + 1..n).any(|j| {
                // An infinitive clause: "Ihm wird vorgeworfen, in die Übernahme eingegriffen zu haben."
                toks[j].is(",") && {
                    let (a, e) = clause_range(toks, j + 1);
                    e >= a + 3
                        && ((toks[e - 2].is("zu") && free_word(&toks[e - 2]) && toks[e - 1].word)
                            || zu_infinitive_de(lex, &toks[e - 1]))
                }
            }) || (i > 0 && toks[..i].iter().rev().take_while(|t| t.word).count() > 0 && {
                // Verb-final subordinate clause after the content: "…, wie die Polizei vermutet."
                let (cs, _) = clause_range(toks, i);
                toks.get(cs)
                    .is_some_and(|t| lex.as_words.contains(&t.lower))
            })
        }
        Lang::En => {
            let mut j = i + 1;
            while j < n && toks[j].word && lex.auxiliaries.contains(&toks[j].lower) {
                j += 1;
            }
            toks.get(j)
                .is_some_and(|t| lex.complementizers.contains(&t.lower) || t.is(",") || t.is(":"))
        }
    }
}

/// A particle verb's infinitive with "zu" inside it: "einzubringen", "aufzunehmen".
fn zu_infinitive_de(lex: &Lexicon, t: &Tok) -> bool {
    free_word(t)
        && !t.capital()
        && lex.separable_particles.iter().any(|p| {
            t.lower
                .strip_prefix(p.as_str())
                .and_then(|r| r.strip_prefix("zu"))
                .is_some_and(|r| r.chars().count() >= 3 && r.ends_with('n'))
        })
}

/// "wie berichtet", "as reported": the publication's own report, without a speaker.
fn self_reference(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    lex.self_reference.contains(&toks[i].lower) && {
        let (cs, _) = clause_range(toks, i);
        toks[cs..i]
            .iter()
            .all(|t| lex.as_words.contains(&t.lower) || lex.skip_words.contains(&t.lower))
    }
}

/// A passive frame without a speaker: "wurde mitgeteilt", "wird berichtet", "was announced".
fn passive(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    let (cs, ce) = clause_range(toks, i);
    // English sets the auxiliary before the participle ("was announced"; not "responded by
    // saying it was"); German anywhere in the clause ("mitgeteilt wurde").
    let end = if lex.lang == Lang::En { i } else { ce };
    toks[cs..end]
        .iter()
        .any(|t| free_word(t) && lex.passive_aux.contains(&t.lower))
        && (lex.lang == Lang::De || toks[i].lower.ends_with("ed"))
        && (lex.lang == Lang::En || !toks[i].lower.ends_with('e'))
}

// ---------------------------------------------------------------- speakers

/// The speaker of the reporting verb at token `v`, as a token range.
pub fn subject(lex: &Lexicon, toks: &[Tok], v: usize) -> Option<(usize, usize)> {
    let (cs, _) = clause_range(toks, v);
    let found = match lex.lang {
        Lang::De => subject_de(lex, toks, cs, v),
        Lang::En => subject_en(lex, toks, cs, v),
    };
    found.or_else(|| coordinated_subject(lex, toks, v))
}

/// "Ein Journalist der dpa (dpa) befand sich nahe der Explosion und berichtet, dass …", "Police
/// arrived at the scene and said …": a reporting verb right after a coordinator joining two verb
/// phrases has the subject of the sentence's first clause.
fn coordinated_subject(lex: &Lexicon, toks: &[Tok], v: usize) -> Option<(usize, usize)> {
    let c = v.checked_sub(1)?;
    if !(free_word(&toks[c]) && lex.verb_coordinators.contains(&toks[c].lower)) {
        return None;
    }
    // Only with reported content: "… and added six rebounds" is no statement.
    if !has_complement(lex, toks, v) {
        return None;
    }
    let f = toks.iter().position(|t| t.word)?;
    if toks[..f]
        .iter()
        .any(|t| !t.is("„") && !t.is("\"") && !t.is("“"))
        || toks[f].quoted
    {
        return None;
    }
    let first = &toks[f];
    match lex.lang {
        Lang::De => {
            // The first clause's finite verb, then its subject as for any verb.
            let fin = (f + 1..c)
                .find(|&k| finite_candidate_de(lex, toks, k) && toks[k].clause == toks[c].clause)?;
            let (fs, _) = clause_range(toks, fin);
            subject_de(lex, toks, fs, fin).filter(|np| np.1 <= c && np.0 >= f)
        }
        Lang::En => {
            if lex.pronouns.contains(&first.lower) {
                return Some((f, f + 1));
            }
            // A name ("Police", "John Smith"), or an article and its noun ("The company", "The
            // Associated Press").
            let det = lex.determiners.contains(&first.lower);
            if !(first.capital() || det) {
                return None;
            }
            let mut k = f + 1;
            while k < c && k - f <= 4 && free_word(&toks[k]) && toks[k].capital() {
                k += 1;
            }
            if det && k == f + 1 {
                k += 1;
            }
            let ok = k > f + usize::from(det)
                && k < c
                && toks[f..k].iter().all(free_word)
                && free_word(&toks[k])
                && !toks[k].capital();
            ok.then_some((f, k))
        }
    }
}

fn subject_de(lex: &Lexicon, toks: &[Tok], cs: usize, v: usize) -> Option<(usize, usize)> {
    // A parenthesis between the name and the verb ("Fraktionschef Dieter Lorch (Freie Wähler)
    // sprach von …"): the subject is the clause before it, when that clause opens the sentence.
    if cs == v {
        if let Some(np) = paren_subject_de(lex, toks, cs) {
            return Some(np);
        }
    }
    // The same before a finite auxiliary opening the clause: "Günther Oettinger (CDU) hat
    // angekündigt, …", "Die „Süddeutsche Zeitung“ hatte berichtet", "Die Parteien, die PPP und
    // die PML-N, hatten erklärt, …".
    if cs < v
        && lex.auxiliaries.contains(&toks[cs].lower)
        && !toks[cs].capital()
        && toks[cs..v].iter().all(|t| t.word)
    {
        let before = paren_subject_de(lex, toks, cs)
            .or_else(|| named_in_quotes_de(lex, toks, cs))
            .or_else(|| apposition_de(lex, toks, cs));
        if before.is_some() {
            return before;
        }
    }
    // "wie X mitteilte", "wie schon die WHO sagte", "Denn wie X berichtete"
    let cs = if cs + 1 < v
        && lex.conjunctions.contains(&toks[cs].lower)
        && lex.as_words.contains(&toks[cs + 1].lower)
    {
        cs + 1
    } else {
        cs
    };
    if cs < v && lex.as_words.contains(&toks[cs].lower) {
        let mut a = cs + 1;
        while a < v && lex.skip_words.contains(&toks[a].lower) {
            a += 1;
        }
        // "Wie aus einer Verlautbarung der ISAF hervorgeht": the source after "aus".
        if a + 1 < v && toks[a].word && lex.prep_noun.contains(&toks[a].lower) {
            a += 1;
        }
        // "Wie „heise online“ berichtet", "wie lindhagen24 berichtete"
        let np = np_de(lex, toks, a, true)
            .or_else(|| quoted_name(toks, a).map(|e| (a, e)))
            // "Wie „heise online“ berichtet": a lower-case name in quotation marks.
            .or_else(|| quoted_words(toks, a).map(|e| (a, e)))
            .or_else(|| {
                (a + 1 == v && toks.get(a).is_some_and(|t| web_name(t) || agency_short(t)))
                    .then_some((a, a + 1))
            })?;
        return (np.1 <= v).then_some(np);
    }
    if let Some(np) = as_apposition_de(lex, toks, cs, v) {
        return Some(np);
    }
    let mut s = cs;
    while s < v && lex.conjunctions.contains(&toks[s].lower) {
        s += 1;
    }
    // "Als Begründung gaben die USA an": a predicative "als" phrase before the verb.
    let predicative = s > cs && toks[s - 1].is("als");
    if s < v {
        let t = &toks[s];
        if lex.pronouns.contains(&t.lower) && !t.is("es") {
            return Some((s, s + 1));
        }
        // An article before a name in quotation marks ("Das „National Hurricane Centre“ der USA").
        let det_noun = lex.determiners.contains(&t.lower)
            && (toks
                .get(s + 1)
                .is_some_and(|n| n.capital() || adjective_de(lex, n))
                || quoted_name(toks, s + 1).is_some());
        if let Some(p) = pronoun_after_finite_de(lex, toks, s, v) {
            return Some(p);
        }
        if (det_noun || !lex.adverbials.contains(&t.lower))
            && !lex.oblique_determiners.contains(&t.lower)
            && !predicative
        {
            if let Some(np) = np_de(lex, toks, s, false) {
                if np.1 <= v
                    && (np.1 == v || (toks[np.1].word && !toks[np.1].capital()))
                    && !time_phrase_de(lex, toks, np)
                    && !adverb_de(lex, toks, np)
                {
                    return Some(np);
                }
            }
        }
        // "Auch der Anzeiger berichtete von 1.124 Ausstellern": a focus particle and the subject
        // fill the first position of a main clause together (not "(auch Perigäum genannt)"),
        // when the verb reports a figure or a statement ("Auch er sagte, …"), not a stance
        // alone ("Auch das IOC lehnt einen Boykott ab").
        let main_clause = toks[..cs].iter().all(|x| !x.word);
        if main_clause
            && lex.skip_words.contains(&t.lower)
            && !t.quoted
            && (figure_object(lex, toks, v) || has_complement(lex, toks, v))
        {
            // The phrase ends at the verb or at its finite auxiliary ("Auch einige Parteien
            // haben angekündigt, …").
            let np = np_de(lex, toks, s + 1, false).filter(|np| {
                (np.1 == v || finite_de(lex, toks, np.1 - 1, v) == Some(np.1))
                    && !lex.oblique_determiners.contains(&toks[s + 1].lower)
            });
            if np.is_some() {
                return np;
            }
        }
        // Inverted order: the subject follows the finite verb (the cue or an auxiliary).
        for k in s + 1..=v {
            // A quotation set inside the first position ("Als „unerwartetes Geschenk“
            // bezeichnet die Archäologin …") breaks no clause; quoted words are no verb.
            let embedded = toks[k].clause == toks[v].clause;
            if !toks[k].word && !embedded {
                return None;
            }
            if !toks[k].word || toks[k].quoted {
                continue;
            }
            if k == v || (lex.auxiliaries.contains(&toks[k].lower) && !toks[k].capital()) {
                return after_de(lex, toks, k + 1);
            }
        }
        return None;
    }
    // A noun phrase with appositions opening the sentence before a comma-initial verb is its
    // subject ("Der Vorsitzende, Edmund Stoiber, warf der SPD … vor"), not what follows the verb.
    named_in_quotes_de(lex, toks, v)
        .or_else(|| apposition_de(lex, toks, cs))
        .or_else(|| after_de(lex, toks, v + 1))
}

/// "Fraktionschef Dieter Lorch (Freie Wähler) sprach …": the noun phrase opening the sentence
/// before a parenthesis that ends right before the clause at `cs`.
fn paren_subject_de(lex: &Lexicon, toks: &[Tok], cs: usize) -> Option<(usize, usize)> {
    if cs == 0 || !toks[cs - 1].is(")") {
        return None;
    }
    let open = (0..cs - 1).rev().find(|&k| toks[k].is("("))?;
    let start = (0..open)
        .rev()
        .take_while(|&k| toks[k].word)
        .last()
        .unwrap_or(open);
    if start >= open || toks[..start].iter().any(|t| t.word) {
        return None;
    }
    // The phrase ends at the bracket, or takes it in ("Oettinger (CDU)").
    np_de(lex, toks, start, false).filter(|np| np.1 == open || np.1 == cs)
}

/// The finite verb of a main clause whose first position starts at `s` and whose reporting verb
/// is `v`: the reporting verb itself or an auxiliary before it, with only words before it.
fn finite_de(lex: &Lexicon, toks: &[Tok], s: usize, v: usize) -> Option<usize> {
    let k = (s + 1..=v).find(|&k| {
        !toks[k].word || k == v || (lex.auxiliaries.contains(&toks[k].lower) && !toks[k].capital())
    })?;
    toks[k].word.then_some(k)
}

/// "Der Politik schlug er vor", "Die Bürger forderte er auf": a pronoun that is only ever
/// nominative right after the finite verb is the subject, and what stands before the verb is
/// an object or an adverbial.
fn pronoun_after_finite_de(
    lex: &Lexicon,
    toks: &[Tok],
    s: usize,
    v: usize,
) -> Option<(usize, usize)> {
    let f = finite_de(lex, toks, s, v)?;
    let mut j = f + 1;
    while toks
        .get(j)
        .is_some_and(|t| free_word(t) && lex.skip_words.contains(&t.lower))
    {
        j += 1;
    }
    let t = toks.get(j)?;
    (free_word(t) && t.clause == toks[f].clause && lex.subject_pronouns.contains(&t.lower))
        .then_some((j, j + 1))
}

/// "Ende Januar 2006", "April 2006": a noun phrase without an article that opens with a time
/// word (a month, "Ende", "Mitte") opens the clause as an adverbial; the subject follows the
/// finite verb. ("Die Herbstsaison 2005 hat …" is a subject.)
fn time_phrase_de(lex: &Lexicon, toks: &[Tok], np: (usize, usize)) -> bool {
    toks.get(np.0)
        .is_some_and(|t| np.0 < np.1 && lex.time_words.contains(&t.lower))
}

/// The finite verb of a German main clause ending before `end`, guessed as its first
/// lower-case word that is no article, link, preposition or conjunction and follows no
/// article ("In einem Interview äußerte sich …", "Der Text lautete: …").
pub fn finite_guess_de(lex: &Lexicon, toks: &[Tok], end: usize) -> Option<usize> {
    (1..end.min(toks.len())).find(|&k| finite_candidate_de(lex, toks, k))
}

/// Whether token `k` (not the first) can be the finite verb [`finite_guess_de`] looks for.
fn finite_candidate_de(lex: &Lexicon, toks: &[Tok], k: usize) -> bool {
    k > 0 && k < toks.len() && {
        let (t, prev) = (&toks[k], &toks[k - 1]);
        free_word(t)
            && !t.capital()
            && !t.text.starts_with(|c: char| c.is_ascii_digit())
            && !lex.determiners.contains(&t.lower)
            && !lex.oblique_determiners.contains(&t.lower)
            && !lex.np_links.contains(&t.lower)
            && !lex.adverbials.contains(&t.lower)
            && !lex.conjunctions.contains(&t.lower)
            && !lex.relatives.contains(&t.lower)
            && !lex.name_particles.contains(&t.lower)
            && !lex.skip_words.contains(&t.lower)
            && !(prev.word
                && (lex.determiners.contains(&prev.lower)
                    || lex.oblique_determiners.contains(&prev.lower)
                    || adjective_de(lex, prev)))
    }
}

/// "Täglich haben …", "Sinngemäß hofft Musk": one capitalised word with an adjective's or
/// adverb's ending, alone before the finite verb, is an adverbial.
fn adverb_de(lex: &Lexicon, toks: &[Tok], np: (usize, usize)) -> bool {
    np.1 == np.0 + 1
        && lex
            .adverb_endings
            .iter()
            .any(|e| toks[np.0].lower.ends_with(e.as_str()) && toks[np.0].lower.len() > e.len() + 2)
}

/// "(Wikinews berichtete)", "(wir berichteten)": a bracket holding only a subject and a
/// reporting verb refers to earlier coverage; it reports nothing.
fn cross_reference(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    if !lex.cross_reference.contains(&toks[i].lower) {
        return false;
    }
    let Some(open) = (0..i).rev().find(|&k| !toks[k].word) else {
        return false;
    };
    toks[open].is("(")
        && (1..=3).contains(&(i - open - 1))
        && toks
            .get(i + 1)
            .is_some_and(|t| t.is(")") || (t.is(".") && toks.get(i + 2).is_some_and(|c| c.is(")"))))
}

/// "Wie der Sprecher der Firma, Anna Berg, in Bonn mitteilte": a "wie" clause whose subject
/// has an apposition, so the verb stands in a later comma chunk.
fn as_apposition_de(lex: &Lexicon, toks: &[Tok], cs: usize, v: usize) -> Option<(usize, usize)> {
    // The verb ends its clause ("mitteilte,").
    if toks.get(v + 1).is_some_and(|t| t.word) || cs < 2 || !toks[cs - 1].is(",") {
        return None;
    }
    let last = cs - 1; // the comma before the verb's chunk
    let mut end = cs;
    for _ in 0..3 {
        if end < 2 || !toks[end - 1].is(",") {
            return None;
        }
        let (ps, _) = clause_range(toks, end - 2);
        if lex.as_words.contains(&toks[ps].lower) {
            let mut a = ps + 1;
            while a < end - 1 && lex.skip_words.contains(&toks[a].lower) {
                a += 1;
            }
            let np = np_de(lex, toks, a, true)?;
            return (np.1 == end - 1).then_some((np.0, last));
        }
        // An apposition chunk: a whole noun phrase, maybe with a prepositional attribute
        // ("Sprecher der UN-Büros in Birma").
        if np_de(lex, toks, ps, false).is_none_or(|np| {
            np.1 != end - 1 && !(np.1 < end - 1 && attribute_words_de(lex, &toks[np.1..end - 1]))
        }) {
            return None;
        }
        end = ps;
    }
    None
}

/// "Die Wochenzeitung „Die Zeit“ meldet": a subject ending in a quoted name, which the
/// quotation marks cut off from the verb's clause.
fn named_in_quotes_de(lex: &Lexicon, toks: &[Tok], v: usize) -> Option<(usize, usize)> {
    let close = v.checked_sub(1)?;
    if !matches!(toks[close].text.as_str(), "“" | "\"" | "«" | "”") {
        return None;
    }
    let open = (close.saturating_sub(6)..close)
        .rev()
        .find(|&o| quoted_name(toks, o) == Some(v))?;
    // „BBC News“ berichtet, wie „Spiegel Online“ berichtet: the quoted name alone.
    if open == 0 || !toks[open - 1].word || lex.as_words.contains(&toks[open - 1].lower) {
        return Some((open, v));
    }
    let (ps, _) = clause_range(toks, open - 1);
    np_de(lex, toks, ps, false).filter(|np| np.1 == v)
}

/// "Hans Müller, Präsident des Vereins, sagte …": noun phrases filling the clauses before a
/// clause-initial verb, from the sentence start or a clause break other than a comma.
fn apposition_de(lex: &Lexicon, toks: &[Tok], cs: usize) -> Option<(usize, usize)> {
    let mut end = cs;
    let mut best: Option<(usize, usize)> = None;
    let mut opens = cs; // where the clause of the first noun phrase starts
    for _ in 0..3 {
        if end < 2 || !toks[end - 1].is(",") {
            break;
        }
        let comma = end - 1;
        // "Der Kommissionspräsident der Afrikanischen Union (AU), Alpha Omar Konaré, nannte": a
        // bracketed abbreviation closing the chunk belongs to its noun phrase.
        let last = if toks[comma - 1].is(")") {
            (comma.saturating_sub(5)..comma - 1)
                .rev()
                .find(|&o| toks[o].is("("))
                .filter(|&o| o > 0 && toks[o - 1].word)
                .map_or(comma - 1, |o| o - 1)
        } else {
            comma - 1
        };
        let (clause_start, _) = clause_range(toks, last);
        // "Auch Winfried Hassemer, Papiers Stellvertreter, glaubt": a leading adverb or conjunction.
        let mut ps = clause_start;
        while ps + 1 < comma
            && toks[ps].word
            && (lex.skip_words.contains(&toks[ps].lower)
                || lex.conjunctions.contains(&toks[ps].lower))
        {
            ps += 1;
        }
        let np = np_de(lex, toks, ps, false);
        let ends_in_noun = toks[comma - 1].capital();
        let np = match np {
            Some(np) if np.1 == comma => np,
            // "der Milliardär hinter der Firma": an apposition with a prepositional attribute,
            // not a clause of its own ("Die Gefährdung ist bei Frauen höher, stellten … fest").
            Some(np)
                if ends_in_noun
                    && lex.determiners.contains(&toks[ps].lower)
                    && attribute_words_de(lex, &toks[np.1..comma]) =>
            {
                (np.0, comma)
            }
            // Skip a relative clause: "Die Organisation, die … ausübt, erklärte".
            _ if lex.relatives.contains(&toks[ps].lower) && !toks[ps].capital() => {
                end = ps;
                continue;
            }
            _ => break,
        };
        best = Some((np.0, best.map(|b| b.1).unwrap_or(np.1)));
        opens = clause_start;
        end = clause_start;
    }
    // The first noun phrase must open the sentence or follow a clause break that is not a comma.
    best.filter(|_| opens == 0 || !toks[opens - 1].word && !toks[opens - 1].is(","))
}

/// Whether `toks` (what follows a noun phrase's head) can be a prepositional attribute of it
/// ("hinter der Firma", "aus dem Süden Frankreichs"): prepositions, articles, adjectives and
/// nouns only, no verb.
fn attribute_words_de(lex: &Lexicon, toks: &[Tok]) -> bool {
    toks.iter().all(|t| {
        free_word(t)
            && (t.capital()
                || lex.determiners.contains(&t.lower)
                || lex.oblique_determiners.contains(&t.lower)
                || lex.np_links.contains(&t.lower)
                || lex.name_particles.contains(&t.lower)
                || (lex.adverbials.contains(&t.lower) && !lex.auxiliaries.contains(&t.lower))
                || lex.coordinators.contains(&t.lower)
                || adjective_de(lex, t))
    })
}

/// The subject right after a verb: "sagte der Sprecher", "teilte die Polizei mit", "sagte er".
fn after_de(lex: &Lexicon, toks: &[Tok], mut j: usize) -> Option<(usize, usize)> {
    while toks
        .get(j)
        .is_some_and(|t| t.word && lex.skip_words.contains(&t.lower))
    {
        j += 1;
    }
    let t = toks.get(j)?;
    // "hatte „France Football“ … bekannt gegeben": a name in quotation marks after the finite
    // auxiliary (not after a participle: "…, genannt „BRD-Video“" names a thing).
    let after_aux = j > 0 && toks[j - 1].word && lex.auxiliaries.contains(&toks[j - 1].lower);
    if let Some(e) = quoted_name(toks, j).filter(|_| after_aux) {
        return Some((j, e));
    }
    if !t.word || t.quoted {
        return None;
    }
    let det_noun = lex.determiners.contains(&t.lower)
        && (toks
            .get(j + 1)
            .is_some_and(|n| free_word(n) && (n.capital() || adjective_de(lex, n)))
            || quoted_name(toks, j + 1).is_some());
    // "signalisiert dieser Index": a demonstrative before its noun is its determiner.
    if lex.pronouns.contains(&t.lower) && !t.is("es") && !det_noun {
        return Some((j, j + 1));
    }
    if lex.oblique_determiners.contains(&t.lower)
        || (lex.adverbials.contains(&t.lower) && !det_noun)
    {
        return None;
    }
    // "teilte die zur Stanford University gehörende Hoover Institution mit": an article, a
    // participle's phrase, then the noun.
    np_de(lex, toks, j, false).or_else(|| {
        // Not a second article's noun: "sprachen sich die beiden für eine Aussöhnung aus".
        attributed_noun_de(lex, toks, j).filter(|&(k, _)| {
            !lex.determiners.contains(&toks[k - 1].lower)
                && !lex.oblique_determiners.contains(&toks[k - 1].lower)
        })
    })
}

/// Whether a lower-case word can be an attributive adjective ("zuständige", "neuen").
fn adjective_de(lex: &Lexicon, t: &Tok) -> bool {
    t.word
        && !t.capital()
        && !lex.auxiliaries.contains(&t.lower)
        && !lex.conjunctions.contains(&t.lower)
        && !lex.adverbials.contains(&t.lower)
        && !lex.pronouns.contains(&t.lower)
        && ["e", "en", "er", "es", "em"]
            .iter()
            .any(|e| t.lower.ends_with(e))
        && t.lower.chars().count() > 3
}

/// A German noun phrase starting at `j`: determiner, adjectives, capitalised nouns and names,
/// genitive attributes ("der Sprecher der Polizei"), a bracketed abbreviation.
pub fn np_de(lex: &Lexicon, toks: &[Tok], j: usize, allow_oblique: bool) -> Option<(usize, usize)> {
    let n = toks.len();
    let t = toks.get(j)?;
    if !t.word || t.quoted {
        return None;
    }
    if lex.pronouns.contains(&t.lower) && !lex.determiners.contains(&t.lower) {
        return Some((j, j + 1));
    }
    let mut k = j;
    if lex.determiners.contains(&toks[k].lower)
        || (allow_oblique && lex.oblique_determiners.contains(&toks[k].lower))
    {
        k += 1;
    }
    // After a determiner, a quoted name is the head: "die „Süddeutsche Zeitung“", "der
    // „Spiegel“", "die „Bild“-Zeitung".
    let quoted_head = || {
        let e = quoted_name(toks, k).filter(|_| k > j)?;
        let compound = toks.get(e).is_some_and(|t| t.is("-"))
            && toks.get(e + 1).is_some_and(|t| t.word && t.capital());
        Some(if compound { e + 2 } else { e })
    };
    let head = noun_run(lex, toks, k).or_else(quoted_head)?;
    k = head;
    // After a source noun a genitive may open with a possessive ("Angaben seines Anwalts") or,
    // in the plural, with an adjective alone ("Angaben libanesischer Sicherheitskreise").
    let source_head = toks[head - 1].capital() && lex.is_source_noun(&toks[head - 1].lower);
    if source_head {
        if let Some(l) = toks.get(k).filter(|l| free_word(l) && !l.capital()) {
            let genitive = if lex.source_genitives.contains(&l.lower) {
                noun_run(lex, toks, k + 1)
            } else if l.lower.ends_with("er") && adjective_de(lex, l) {
                noun_run(lex, toks, k)
            } else {
                None
            };
            if let Some(e) = genitive {
                k = e;
            }
        }
    }
    // Genitive or "von" attributes, at most two.
    for _ in 0..2 {
        let Some(l) = toks.get(k) else { break };
        if !(l.word && lex.np_links.contains(&l.lower) && !l.capital()) {
            break;
        }
        let mut m = k + 1;
        if toks
            .get(m)
            .is_some_and(|t| t.word && lex.determiners.contains(&t.lower))
        {
            m += 1;
        }
        // "ein Bericht der „Frankfurter Allgemeinen Zeitung“"
        match noun_run(lex, toks, m).or_else(|| quoted_name(toks, m)) {
            Some(e) => k = e,
            None => break,
        }
    }
    // A quoted name after the head: "die Zeitung „Die Welt“".
    if let Some(e) = quoted_name(toks, k) {
        k = e;
    }
    // "(BKA)"
    if k + 2 < n && toks[k].is("(") && toks[k + 1].capital() && toks[k + 2].is(")") {
        k += 3;
    }
    Some((j, k))
}

/// A short quotation of words at `k`, capitalised or not ("„heise online“"); returns the end after
/// the closing mark.
fn quoted_words(toks: &[Tok], k: usize) -> Option<usize> {
    let open = toks.get(k)?;
    if !matches!(open.text.as_str(), "„" | "\"" | "»" | "“") {
        return None;
    }
    let close = (k + 2..toks.len().min(k + 5))
        .find(|&m| matches!(toks[m].text.as_str(), "“" | "\"" | "«" | "”"))?;
    toks[k + 1..close]
        .iter()
        .all(|t| t.word)
        .then_some(close + 1)
}

/// A short quoted name opening at `k` ("„Die Welt“"); returns the end after the closing mark.
fn quoted_name(toks: &[Tok], k: usize) -> Option<usize> {
    let open = toks.get(k)?;
    if !matches!(open.text.as_str(), "„" | "\"" | "»" | "“") {
        return None;
    }
    let close = (k + 2..toks.len().min(k + 7))
        .find(|&m| matches!(toks[m].text.as_str(), "“" | "\"" | "«" | "”"))?;
    (toks[k + 1..close].iter().all(|t| t.word) && toks[k + 1].capital()).then_some(close + 1)
}

/// Drops a leading source noun and its link from a source: "Angaben der Polizei" → "der
/// Polizei", "Angaben von Anna Berg" → "Anna Berg". The noun is kept when nothing follows it.
fn strip_source_noun(lex: &Lexicon, toks: &[Tok], r: (usize, usize)) -> (usize, usize) {
    let mut a = r.0;
    // "den Angaben der Feuerwehr": the determiner of the source noun goes too.
    if a + 1 < r.1 && lex.determiners.contains(&toks[a].lower) && toks[a + 1].capital() {
        a += 1;
    }
    let link_word = |t: &Tok| {
        lex.np_links.contains(&t.lower)
            || lex.source_genitives.contains(&t.lower)
            || (t.lower.ends_with("er") && adjective_de(lex, t))
    };
    if a + 2 < r.1
        && toks[a].capital()
        && lex.is_source_noun(&toks[a].lower)
        && free_word(&toks[a + 1])
        && link_word(&toks[a + 1])
    {
        let link = &toks[a + 1];
        // A genitive keeps its article ("der Polizei", "seines Anwalts", "libanesischer
        // Kreise"); "von" goes ("von Anna Berg" → "Anna Berg").
        let start = if !lex.np_links.contains(&link.lower) || lex.determiners.contains(&link.lower)
        {
            a + 1
        } else {
            a + 2
        };
        return (start, r.1);
    }
    r
}

/// English: drops a leading source noun and its link from a source: "figures from the board"
/// → "the board", "a report released Monday by the county" → "the county". The noun is kept
/// when nothing follows it, or when its link names what it is about ("a poll of voters").
fn strip_source_noun_en(lex: &Lexicon, toks: &[Tok], r: (usize, usize)) -> (usize, usize) {
    let (a, b) = r;
    // Determiners and adjectives before the noun: "the latest figures".
    let Some(m) = (a..b.min(a + 4))
        .take_while(|&k| free_word(&toks[k]) && !toks[k].capital())
        .find(|&k| lex.is_source_noun(&toks[k].lower))
    else {
        return r;
    };
    // A participle, maybe with a time word, between the noun and its link: "released Monday by".
    let mut l = m + 1;
    if toks
        .get(l)
        .is_some_and(|t| free_word(t) && !t.capital() && t.lower.ends_with("ed"))
    {
        l += 1;
        if l + 1 < b && !lex.source_links.contains(&toks[l].lower) {
            l += 1;
        }
    }
    if l + 1 < b && free_word(&toks[l]) && lex.source_links.contains(&toks[l].lower) {
        return (l + 1, b);
    }
    r
}

/// Adjectives then one or more capitalised words from `k`; returns the end.
fn noun_run(lex: &Lexicon, toks: &[Tok], mut k: usize) -> Option<usize> {
    let mut adj = 0;
    while adj < 3 && toks.get(k).is_some_and(|t| adjective_de(lex, t)) {
        k += 1;
        adj += 1;
    }
    let start = k;
    loop {
        // "Heike van Laak", "Jean de la Croix": particles between the parts of a name.
        let mut p = k;
        while p > start
            && p - k < 2
            && toks
                .get(p)
                .is_some_and(|t| free_word(t) && lex.name_particles.contains(&t.lower))
        {
            p += 1;
        }
        if p > k && toks.get(p).is_some_and(|t| free_word(t) && t.capital()) {
            k = p;
        }
        if !toks.get(k).is_some_and(|t| {
            free_word(t)
                && (t.capital()
                    || t.text.chars().next().is_some_and(|c| c.is_ascii_digit()) && k > start)
                && !lex.adverbials.contains(&t.lower)
                && !lex.conjunctions.contains(&t.lower)
                && !lex.pronouns.contains(&t.lower)
                && !lex.determiners.contains(&t.lower)
        }) {
            break;
        }
        k += 1;
    }
    (k > start).then_some(k)
}

fn subject_en(lex: &Lexicon, toks: &[Tok], cs: usize, v: usize) -> Option<(usize, usize)> {
    // Quotation marks that open no clause of their own ("…,'' said Mr. Brown").
    let mut s = cs;
    while s < v && !toks[s].word {
        s += 1;
    }
    // "as X reported"
    if s < v && lex.as_words.contains(&toks[s].lower) {
        s += 1;
    } else {
        while s < v && lex.conjunctions.contains(&toks[s].lower) {
            s += 1;
        }
    }
    // Auxiliaries and adverbs before the verb: "has also said", "has quickly responded".
    let mut e = v;
    while e > s
        && (lex.auxiliaries.contains(&toks[e - 1].lower)
            || (toks[e - 1].lower.ends_with("ly") && !toks[e - 1].capital()))
    {
        e -= 1;
    }
    // A parenthesis between the name and the verb ("AMD (NYSE: AMD) today announced") may
    // hold clause breaks of its own: the name is in the clause before it.
    if e == s && e > 0 && toks[e - 1].is(")") {
        if let Some(open) = (0..e - 1).rev().find(|&k| toks[k].is("(")) {
            let c = open
                .checked_sub(1)
                .and_then(|p| toks.get(p))
                .map(|t| t.clause);
            e = open;
            s = (0..open)
                .rev()
                .take_while(|&k| Some(toks[k].clause) == c)
                .last()
                .unwrap_or(open);
            while s < e && !toks[s].word {
                s += 1;
            }
        }
    }
    if e > s {
        let mut b = e;
        while b > s && e - b < 8 && (free_word(&toks[b - 1]) || name_joiner(toks, b - 1)) {
            b -= 1;
        }
        // "just as Red Hot Chili Peppers announced": start after a conjunction.
        if let Some(c) = (b..e).rev().find(|&k| {
            lex.conjunctions.contains(&toks[k].lower) || lex.as_words.contains(&toks[k].lower)
        }) {
            b = c + 1;
        }
        // A relative clause before the cue: "what Obama says" (not an acronym: "the WHO said").
        let acronym = |t: &Tok| t.text.chars().all(|c| c.is_uppercase()) && t.text.len() >= 2;
        if toks[b..e]
            .iter()
            .any(|t| lex.relatives.contains(&t.lower) && !acronym(t))
        {
            return None;
        }
        // Another finite verb: "allies have in the past said" keeps "allies".
        if let Some(x) = (b..e).find(|&k| lex.verbal_aux.contains(&toks[k].lower)) {
            e = x;
        }
        return (b < e).then_some((b, e));
    }
    if s == v {
        // "…, told KVTR": whoever follows is told, the speaker stands before.
        if lex.addressee_verbs.contains(&toks[v].lower) {
            return apposition_en(lex, toks, cs);
        }
        return inverted_en(lex, toks, v).or_else(|| apposition_en(lex, toks, cs));
    }
    None
}

/// An ampersand between two capitalised words of a name: "Garrow & Finch".
fn name_joiner(toks: &[Tok], k: usize) -> bool {
    toks[k].is("&")
        && !toks[k].quoted
        && k > 0
        && toks[k - 1].capital()
        && toks.get(k + 1).is_some_and(|t| free_word(t) && t.capital())
}

/// The speaker after the verb: "…,'' said Mr. Brown.", "said the company on Monday". The noun
/// phrase must end its clause or be followed by a time or place ("said he did" is no inversion).
fn inverted_en(lex: &Lexicon, toks: &[Tok], v: usize) -> Option<(usize, usize)> {
    let j = v + 1;
    let t = toks.get(j)?;
    if !free_word(t)
        || lex.auxiliaries.contains(&t.lower)
        || lex.relatives.contains(&t.lower)
        || (t.lower.ends_with("ly") && !t.capital())
    {
        return None;
    }
    let np = np_en(lex, toks, j)?;
    let ends = match toks.get(np.1) {
        None => true,
        Some(n) => !n.word || lex.after_so_source.contains(&n.lower),
    };
    ends.then_some(np)
}

/// "Miss Bates, court clerk, said", "Shane Shook, a security expert who …, said": noun
/// phrases in the comma-separated chunks right before a clause-initial verb.
fn apposition_en(lex: &Lexicon, toks: &[Tok], cs: usize) -> Option<(usize, usize)> {
    let mut end = cs;
    let mut first: Option<usize> = None;
    let mut last_end: Option<usize> = None;
    let mut skipped = false;
    for _ in 0..4 {
        if end < 2 || !toks[end - 1].is(",") {
            break;
        }
        let comma = end - 1;
        let (ps, _) = clause_range(toks, comma - 1);
        let mut a = ps;
        while a < comma && !toks[a].word {
            a += 1;
        }
        // A relative clause or bracket ends the noun phrase.
        let cut = (a..comma)
            .find(|&k| lex.relatives.contains(&toks[k].lower) || toks[k].is("("))
            .unwrap_or(comma);
        // One relative or participle clause may stand between the speaker and the verb
        // ("Executives, which generated …, say"; "Rubio, appearing on Fox News, said").
        // So may a phrase opening with a preposition ("Jackson, in a statement released through
        // the team, said"; "Obama, in announcing his decision, said").
        let participle = !toks[a].capital()
            && (toks[a].lower.ends_with("ing")
                || toks[a].lower.ends_with("ed")
                || (toks[a].word
                    && lex.np_links.contains(&toks[a].lower)
                    && toks.get(a + 1).is_some_and(free_word)));
        // An age between commas ("Linda Ortega, 67, told"): skipped like a clause.
        let age = cut == a + 1
            && toks[a].lower.len() <= 3
            && toks[a].lower.chars().all(|c| c.is_ascii_digit());
        if age {
            end = ps;
            continue;
        }
        if (cut == a || participle) && !skipped {
            skipped = true;
            end = ps;
            continue;
        }
        if !np_like_en(lex, toks, a, cut) {
            break;
        }
        first = Some(a);
        last_end.get_or_insert(cut);
        end = ps;
    }
    // The speaker opens with a capital or a determiner; inner chunks need not ("court clerk").
    let first = first.filter(|&a| toks[a].capital() || lex.determiners.contains(&toks[a].lower))?;
    Some((first, last_end?))
}

/// Whether `toks[a..b]` reads as a noun phrase: a determiner or capital first, at most twenty
/// words, no auxiliary, pronoun or verb-looking word.
fn np_like_en(lex: &Lexicon, toks: &[Tok], a: usize, b: usize) -> bool {
    // A possessive's apostrophe after a plural ("Concerned Scientists' program") is no break.
    let part = |t: &Tok| free_word(t) || (!t.quoted && (t.is("'") || t.is("’")));
    if a >= b || b - a > 20 || !toks[a..b].iter().all(part) || !free_word(&toks[a]) {
        return false;
    }
    if lex.pronouns.contains(&toks[a].lower) {
        return false;
    }
    // A determiner inside a noun phrase follows a link word ("the head of the party"); after
    // any other word it starts an object ("Facebook built the tool").
    if (a + 1..b).any(|k| {
        lex.determiners.contains(&toks[k].lower)
            && !lex.np_links.contains(&toks[k - 1].lower)
            && !lex.coordinators.contains(&toks[k - 1].lower)
    }) {
        return false;
    }
    toks[a..b].iter().all(|t| {
        !t.word
            || t.capital()
            || lex.determiners.contains(&t.lower)
            || lex.np_links.contains(&t.lower)
            || lex.coordinators.contains(&t.lower)
            || !(lex.auxiliaries.contains(&t.lower)
                || lex.pronouns.contains(&t.lower)
                || lex.relatives.contains(&t.lower)
                || lex.conjunctions.contains(&t.lower)
                || t.lower.ends_with("ed")
                || t.lower.ends_with("ly"))
    })
}

/// An English noun phrase starting at `j`, up to the end of the clause or a verb-like word.
pub fn np_en(lex: &Lexicon, toks: &[Tok], j: usize) -> Option<(usize, usize)> {
    let t = toks.get(j)?;
    if !free_word(t) {
        return None;
    }
    if lex.pronouns.contains(&t.lower) {
        return Some((j, j + 1));
    }
    let stop = [
        "that", "on", "in", "to", "after", "before", "during", "when", "while", "who", "which",
        "and", "but", "is", "was", "were", "are", "has", "had", "have", "will", "would", "said",
        "says", "told", "last", "this", "on",
    ];
    if stop.contains(&t.lower.as_str()) && !lex.determiners.contains(&t.lower) {
        return None;
    }
    let mut k = j;
    while k < toks.len()
        && k - j < 8
        && (free_word(&toks[k]) || name_joiner(toks, k))
        && (k == j || !stop.contains(&toks[k].lower.as_str()))
    {
        k += 1;
    }
    // Possessive "'s" and name-joining words are kept; trailing link words are not.
    while k > j + 1 && lex.np_links.contains(&toks[k - 1].lower) {
        k -= 1;
    }
    (k > j).then_some((j, k))
}

// ---------------------------------------------------------------- prepositional cues

fn prepositions(lex: &Lexicon, toks: &[Tok], out: &mut Vec<Found>) {
    let n = toks.len();
    for i in 0..n {
        let t = &toks[i];
        if !free_word(t) {
            continue;
        }
        // "laut X", "gemäß X", "according to X"
        for p in &lex.prep_source_after {
            let len = p.len();
            if len == 0
                || i + len > n
                || !(0..len).all(|k| toks[i + k].word && toks[i + k].lower == p[k])
            {
                continue;
            }
            if lex.lang == Lang::De && !prep_laut_ok(lex, toks, i) {
                continue;
            }
            let src = match lex.lang {
                Lang::De => np_de(lex, toks, i + len, true)
                    .or_else(|| capital_run(toks, i + len))
                    .or_else(|| loose_source(toks, i + len))
                    .or_else(|| attributed_noun_de(lex, toks, i + len))
                    .map(|r| strip_source_noun(lex, toks, r)),
                Lang::En => np_en(lex, toks, i + len).map(|r| strip_source_noun_en(lex, toks, r)),
            };
            if let Some(r) = src {
                out.push(Found {
                    cue: span_of(toks, (i, i + len)).unwrap_or(t.span),
                    source: span_of(toks, r),
                    kind: AttrKind::Preposition,
                });
            }
        }
        // "X zufolge"
        if lex.prep_source_before.contains(&t.lower) {
            // "zufolge" is only ever a postposition: a cue even when its noun phrase is unusual
            // ("dem „Figaro“ zufolge", "der Website worldreferee.com zufolge").
            let r = np_back(lex, toks, i).map(|r| strip_source_noun(lex, toks, r));
            if r.is_some() || (i > 0 && toks[i - 1].word) || i > 0 && quote_close(&toks[i - 1]) {
                out.push(Found {
                    cue: t.span,
                    source: r.and_then(|r| span_of(toks, r)),
                    kind: AttrKind::Preposition,
                });
            }
        }
        // "nach Angaben der Polizei", "nach Polizeiangaben", "seiner Meinung nach"
        if lex.prep_noun.contains(&t.lower) {
            let mut j = i + 1;
            while j < n && j - i <= 3 && toks[j].word && !toks[j].capital() {
                j += 1;
            }
            // "nach Grupps Meinung": a genitive name before the noun.
            if toks
                .get(j)
                .is_some_and(|g| free_word(g) && g.capital() && g.lower.ends_with('s'))
                && toks
                    .get(j + 1)
                    .is_some_and(|h| free_word(h) && h.capital() && lex.is_source_noun(&h.lower))
            {
                j += 1;
            }
            // "Gerüchte, nach denen …": a relative clause on a source noun.
            let relative = toks
                .get(i + 1)
                .is_some_and(|r| free_word(r) && lex.relatives.contains(&r.lower))
                && i >= 2
                && toks[i - 1].is(",")
                && toks[i - 2].capital()
                && lex.is_source_noun(&toks[i - 2].lower);
            // "seiner Meinung nach zu Unrecht": "nach" with no object of its own.
            let postposition = clause_final(lex, toks, i)
                || toks.get(i + 1).is_some_and(|x| {
                    x.word
                        && !x.capital()
                        && !lex.determiners.contains(&x.lower)
                        && !lex.oblique_determiners.contains(&x.lower)
                        && !adjective_de(lex, x)
                });
            if relative {
                out.push(Found {
                    cue: t.span,
                    source: span_of(toks, (i - 2, i - 1)),
                    kind: AttrKind::Preposition,
                });
            } else if toks
                .get(j)
                .is_some_and(|h| free_word(h) && h.capital() && lex.is_source_noun(&h.lower))
            {
                let r = np_de(lex, toks, i + 1, true).unwrap_or((i + 1, j + 1));
                let r = strip_source_noun(lex, toks, r);
                out.push(Found {
                    cue: t.span,
                    source: span_of(toks, r),
                    kind: AttrKind::Preposition,
                });
            } else if i > 0
                && toks[i - 1].capital()
                && lex.is_source_noun(&toks[i - 1].lower)
                && postposition
            {
                let r = np_back(lex, toks, i).map(|r| strip_source_noun(lex, toks, r));
                out.push(Found {
                    cue: t.span,
                    source: r.and_then(|r| span_of(toks, r)),
                    kind: AttrKind::Preposition,
                });
            }
        }
        // "…, so der Sprecher."
        if lex.so_words.contains(&t.lower) && (i == 0 || !toks[i - 1].word) {
            if let Some(r) = np_de(lex, toks, i + 1, false) {
                // "so das Ergebnis einer gestern vorgestellten Studie": a genitive goes on.
                let end_ok = match toks.get(r.1) {
                    None => true,
                    Some(x) => {
                        !x.word
                            || lex.after_so_source.contains(&x.lower)
                            || lex.np_links.contains(&x.lower)
                    }
                };
                let pronoun = r.1 == r.0 + 1 && lex.pronouns.contains(&toks[r.0].lower);
                if end_ok && !pronoun {
                    out.push(Found {
                        cue: t.span,
                        source: span_of(toks, r),
                        kind: AttrKind::Preposition,
                    });
                }
            }
        }
        // "Demnach", "wonach", "reportedly"
        if lex.adverb_cues.contains(&t.lower) {
            out.push(Found {
                cue: t.span,
                source: None,
                kind: AttrKind::Preposition,
            });
        }
    }
}

/// "laut einer am Dienstag veröffentlichten Mitteilung des WFP": an article, then an attribute
/// with words of its own (a participle's phrase), then the noun; the noun phrase from the noun,
/// within the clause and at most eight words on.
fn attributed_noun_de(lex: &Lexicon, toks: &[Tok], j: usize) -> Option<(usize, usize)> {
    let first = toks.get(j)?;
    if !(free_word(first)
        && (lex.determiners.contains(&first.lower)
            || lex.oblique_determiners.contains(&first.lower)))
    {
        return None;
    }
    let (_, ce) = clause_range(toks, j);
    let k = (j + 1..ce.min(j + 9))
        .find(|&k| free_word(&toks[k]) && toks[k].capital() && adjective_de(lex, &toks[k - 1]))?;
    let (_, e) = np_de(lex, toks, k, false)?;
    Some((k, e))
}

/// "laut" is the preposition, not the adjective ("Kritik wurde laut", "laut geworden").
fn prep_laut_ok(lex: &Lexicon, toks: &[Tok], i: usize) -> bool {
    // "Kritik wurde laut", "laut geworden": only the preposition has an object.
    let copula =
        i > 0 && toks[i - 1].word && lex.adjective_laut_context.contains(&toks[i - 1].lower);
    match toks.get(i + 1) {
        Some(n) if copula && n.word && lex.adjective_laut_context.contains(&n.lower) => false,
        Some(n) if n.word => {
            let mut k = i + 1;
            while k < i + 4 && toks.get(k).is_some_and(|t| adjective_de(lex, t)) {
                k += 1;
            }
            n.capital()
                || lex.determiners.contains(&n.lower)
                || lex.oblique_determiners.contains(&n.lower)
                || web_name(n)
                || agency_short(n)
                || (k > i + 1 && toks.get(k).is_some_and(|m| m.capital()))
        }
        // "laut „Welt“"
        Some(n) => quoted_name(toks, i + 1).is_some() && !n.quoted,
        _ => false,
    }
}

/// A closing quotation mark.
fn quote_close(t: &Tok) -> bool {
    matches!(t.text.as_str(), "“" | "\"" | "«" | "”")
}

/// A lower-case name of a website or agency: "faz.net", "ndr.de", "ai-Bericht", "al-Dschasira".
fn web_name(t: &Tok) -> bool {
    free_word(t)
        && !t.capital()
        && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && (t.text.contains('.')
            || t.text.contains('-')
            // "lindhagen24": letters and digits in one lower-case name
            || t.text.chars().any(|c| c.is_ascii_digit())
                && t.text.chars().next().is_some_and(char::is_alphabetic))
}

/// A source after a preposition that is no regular noun phrase: "„Welt“", "faz.net".
fn loose_source(toks: &[Tok], j: usize) -> Option<(usize, usize)> {
    if let Some(e) = quoted_name(toks, j) {
        return Some((j, e));
    }
    toks.get(j)
        .filter(|t| web_name(t) || agency_short(t))
        .map(|_| (j, j + 1))
}

/// A news agency's lower-case short name as German copy prints it ("dpa", "afp", "epd"): two
/// to four lower-case letters that are no function word.
fn agency_short(t: &Tok) -> bool {
    free_word(t)
        && (2..=4).contains(&t.text.chars().count())
        && t.text.chars().all(|c| c.is_ascii_lowercase())
        && !Lang::De.text_data().is_stopword(&t.lower)
}

/// Capitalised words from `j` (a bare name after "laut").
fn capital_run(toks: &[Tok], j: usize) -> Option<(usize, usize)> {
    let mut k = j;
    while toks.get(k).is_some_and(|t| free_word(t) && t.capital()) {
        k += 1;
    }
    (k > j).then_some((j, k))
}

/// The noun phrase ending right before token `i` ("Angaben der Polizei zufolge").
fn np_back(lex: &Lexicon, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    let mut b = i;
    while b > 0 && i - b < 12 {
        let t = &toks[b - 1];
        // A bracketed abbreviation or a quoted name: "(VDR)", "dem „Figaro“".
        if t.is(")") || quote_close(t) {
            let open = (b.saturating_sub(7)..b - 1)
                .rev()
                .find(|&o| (t.is(")") && toks[o].is("(")) || quoted_name(toks, o) == Some(b));
            if let Some(o) = open.filter(|&o| toks.get(o + 1).is_some_and(|x| x.capital())) {
                b = o;
                continue;
            }
            break;
        }
        let ok = free_word(t) && (web_name(t) || lex.name_particles.contains(&t.lower) && b < i)
            || free_word(t)
                && (t.capital()
                    && !lex.adverbials.contains(&t.lower)
                    && !lex.conjunctions.contains(&t.lower)
                    || lex.determiners.contains(&t.lower)
                    || lex.oblique_determiners.contains(&t.lower)
                    || lex.np_links.contains(&t.lower)
                    || adjective_de(lex, t));
        if !ok {
            break;
        }
        b -= 1;
    }
    // Do not start on a link word.
    while b < i
        && lex.np_links.contains(&toks[b].lower)
        && !lex.determiners.contains(&toks[b].lower)
    {
        b += 1;
    }
    // "hob Sarkozy dem „Figaro“ zufolge": a dative or accusative article starts the phrase.
    if let Some(d) = (b + 1..i).rev().find(|&k| {
        free_word(&toks[k])
            && (lex.determiners.contains(&toks[k].lower)
                || lex.oblique_determiners.contains(&toks[k].lower))
            && !lex.np_links.contains(&toks[k].lower)
    }) {
        b = d;
    }
    (b < i && toks[b..i].iter().any(|t| t.capital() || web_name(t))).then_some((b, i))
}

// ---------------------------------------------------------------- notes

/// "(Quelle: dpa)", "(DWD)" at the end of a sentence.
fn notes(lex: &Lexicon, toks: &[Tok], text: &str, out: &mut Vec<Found>) {
    let n = toks.len();
    // A source line: "Source: Port Ellery Board of Elections, final results.", „Quelle: dpa“.
    let first = toks.iter().position(|t| t.word);
    if let Some(f) = first.filter(|&f| toks[..f].iter().all(|t| !t.word)) {
        if lex.note_labels.contains(&toks[f].lower)
            && toks.get(f + 1).is_some_and(|t| t.is(":"))
            && toks.get(f + 2).is_some_and(|t| t.word)
        {
            let end = (f + 2..n)
                .find(|&j| toks[j].is(",") || toks[j].is(";") || toks[j].is("."))
                .unwrap_or(n);
            out.push(Found {
                cue: toks[f].span,
                source: span_of(toks, (f + 2, end)),
                kind: AttrKind::Note,
            });
            return;
        }
    }
    for i in 0..n {
        if !toks[i].is("(") {
            continue;
        }
        let Some(close) = (i + 1..n).find(|&j| toks[j].is(")")) else {
            continue;
        };
        let inner = &toks[i + 1..close];
        if inner.is_empty() {
            continue;
        }
        // "(Quelle: dpa)"
        if inner.len() >= 3 && lex.note_labels.contains(&inner[0].lower) && inner[1].is(":") {
            out.push(Found {
                cue: inner[0].span,
                source: span_of(toks, (i + 3, close)),
                kind: AttrKind::Note,
            });
            continue;
        }
        // "(DWD)" at the end, not an apposition after a name ("Merkel (CDU)").
        let at_end = toks[close + 1..].iter().all(|t| !t.word);
        let names = inner.len() <= 4 && inner.iter().all(|t| t.capital() || t.is("-") || t.is("&"));
        let after_name = i > 0 && (toks[i - 1].capital() || quote_close(&toks[i - 1]));
        let _ = text;
        if at_end && names && !after_name && i > 0 {
            out.push(Found {
                cue: toks[i].span,
                source: span_of(toks, (i + 1, close)),
                kind: AttrKind::Note,
            });
        }
    }
}

#[cfg(test)]
mod candidate_tests {
    use super::*;
    use crate::text::{DocKind, Document};

    /// Every Markdown file of the repository's fixtures and labelled suites, with its language.
    fn texts() -> Vec<(String, Lang)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in ["fixtures", "tests/fixtures", "tests/eval"] {
            for e in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                if e.path().extension().is_some_and(|x| x == "md") {
                    if let Ok(t) = std::fs::read_to_string(e.path()) {
                        for lang in [Lang::De, Lang::En] {
                            out.push((t.clone(), lang));
                        }
                    }
                }
            }
        }
        out
    }

    /// The verb index gives exactly the cues that trying every verb at every token gives.
    #[test]
    fn verb_candidates_give_the_cues_of_all_verbs() {
        let texts = texts();
        assert!(texts.len() > 100, "fixtures found: {}", texts.len());
        let (mut sentences, mut found) = (0usize, 0usize);
        for (text, lang) in &texts {
            let doc = Document::parse(text, DocKind::Markdown, Some(*lang));
            let lex = super::super::lexicon::lexicon(*lang);
            for s in &doc.sentences {
                let toks = super::super::tokens::tokenize(&doc.masked, s.span, &|_| false);
                let mut fast = Vec::new();
                verbs(lex, &toks, &mut fast);
                let mut all = Vec::new();
                verbs_among(lex, &toks, &mut all, |_, c: &mut Vec<usize>| {
                    c.clear();
                    c.extend(0..lex.verbs.len());
                });
                assert_eq!(fast, all, "{}", s.span.slice(&doc.masked));
                sentences += 1;
                found += fast.len();
            }
        }
        // The comparison saw cues, not only sentences without any.
        assert!(
            sentences > 1000 && found > 200,
            "{sentences} sentences, {found} cues"
        );
    }

    /// Particle verbs are found with the particle attached ("mitgeteilt", "mitzuteilen") and
    /// separated ("teilte … mit").
    #[test]
    fn particle_verbs_are_candidates_in_every_form() {
        let lex = super::super::lexicon::lexicon(Lang::De);
        let mut c = Vec::new();
        for w in ["mitgeteilt", "mitzuteilen", "teilte", "mitteilte"] {
            lex.verb_candidates(w, &mut c);
            assert!(
                c.iter()
                    .any(|&i| lex.verbs[i].particle.as_deref() == Some("mit")),
                "{w}: {c:?}"
            );
        }
        lex.verb_candidates("brücke", &mut c);
        assert!(c.is_empty());
    }
}
