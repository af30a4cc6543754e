//! Whether one clause of a sentence reads as reported speech.
//!
//! A German sentence in Konjunktiv after an attributed one continues that source's speech
//! (`AttrKind::Continuation`), but only its reported clauses do: in „Die Brücke war anderthalb
//! Tage gesperrt, die Bahnstrecke soll ab dem 19. Juni wieder befahrbar sein.“ the hearsay
//! „soll“ reports the second clause; the first, with its own indicative „war“, is the writer's.
//! A fix that credits a figure of the first clause to the earlier speaker credits somebody who
//! never said it.

use super::{konjunktiv, lexicon, tokens};
use crate::lang::Lang;
use crate::text::{Document, Span};

/// Whether the clause of `sentence` holding `at` states it in the writer's own voice: it has an
/// indicative finite auxiliary ("war", "ist", "hat", …) and no Konjunktiv or hearsay modal. A
/// clause with neither tells nothing (false), and only German has these forms.
pub(crate) fn indicative_clause(doc: &Document, sentence: Span, at: Span) -> bool {
    if doc.lang != Lang::De {
        return false;
    }
    let lex = lexicon(doc.lang);
    let toks = tokens::tokenize(&doc.masked, sentence, &|_| false);
    let Some(i) = toks
        .iter()
        .position(|t| t.word && t.span.start < at.end && at.start < t.span.end)
    else {
        return false;
    };
    let (s, e) = tokens::clause_range(&toks, i);
    let clause = &toks[s..e];
    if konjunktiv(lex, clause, true) || clause.iter().any(|t| lex.hearsay.contains(&t.lower)) {
        return false;
    }
    // Finite auxiliaries that are not also a Konjunktiv, a hearsay modal or an infinitive
    // („soll … haben“, „wird … werden“).
    clause.iter().any(|t| {
        t.word
            && lex.auxiliaries.contains(&t.lower)
            && !lex.konjunktiv.contains(&t.lower)
            && !lex.konjunktiv2.contains(&t.lower)
            && !lex.hearsay.contains(&t.lower)
            && !lex.perfect_aux.contains(&t.lower)
            && !matches!(t.lower.as_str(), "werden")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::DocKind;

    fn indicative(text: &str, figure: &str) -> bool {
        let d = Document::parse(text, DocKind::Markdown, Some(Lang::De));
        let Some(at) = text.find(figure) else {
            return false;
        };
        let at = Span::new(at, at + figure.len());
        let Some(s) = d.sentences.iter().find(|s| s.span.contains(at)) else {
            return false;
        };
        indicative_clause(&d, s.span, at)
    }

    #[test]
    fn a_clause_with_its_own_indicative_is_the_writers() {
        let t = "Die Brücke war anderthalb Tage gesperrt, die Bahnstrecke soll ab dem 19. Juni wieder befahrbar sein.\n";
        assert!(indicative(t, "anderthalb Tage"));
        assert!(!indicative(t, "19. Juni"));
        // Konjunktiv in the figure's own clause: reported.
        assert!(!indicative(
            "Die Brücke sei anderthalb Tage gesperrt gewesen.\n",
            "anderthalb Tage"
        ));
        // No finite auxiliary: nothing to tell by.
        assert!(!indicative(
            "Die Brücke blieb anderthalb Tage gesperrt.\n",
            "anderthalb Tage"
        ));
    }
}
