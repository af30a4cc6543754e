//! Attribution word lists per language (`src/lang/attribution-<code>.toml`).

use crate::lang::Lang;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A set of words looked up per token: the FxHash of rustc (`rustc-hash`) instead of SipHash,
/// which made these lookups a third of corpus extraction. The sets are built from the built-in
/// word lists, never from input, so a hash-flooding attack has nothing to aim at; and nothing
/// depends on their iteration order (it was random per process with SipHash).
pub type WordSet = HashSet<String, rustc_hash::FxBuildHasher>;

/// Whether a verb is always a cue or needs a complement clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerbClass {
    Speech,
    Thought,
    /// A frame without a speaker, a cue only with its content ("wurde bekannt, dass …").
    Frame,
}

/// One reporting verb: its forms, an optional separable particle and companion words.
#[derive(Debug)]
pub struct Verb {
    pub forms: WordSet,
    /// The infinitive (the first form of the entry), without its particle.
    pub infinitive: String,
    pub particle: Option<String>,
    /// Words that must stand in the same clause ("heißt es", "geht davon aus").
    pub requires: Vec<String>,
    /// Words that must not follow in the same clause ("erklärte … für beendet").
    pub excludes: Vec<String>,
    /// Words that may follow the verb as its reflexive pronoun and leave it a report
    /// ("äußerte sich"); other verbs followed by one are used in another sense ("bestätigt
    /// sich", "meldete sich").
    pub reflexive: Vec<String>,
    pub class: VerbClass,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Raw {
    speech: Vec<String>,
    thought: Vec<String>,
    frames: Vec<String>,
    complementizers: Vec<String>,
    source_nouns: Vec<String>,
    document_modifiers: Vec<String>,
    prep_source_after: Vec<String>,
    prep_source_before: Vec<String>,
    prep_noun: Vec<String>,
    adverb_cues: Vec<String>,
    so_words: Vec<String>,
    not_cue_phrases: Vec<String>,
    passive_aux: Vec<String>,
    agent_preps: Vec<String>,
    as_words: Vec<String>,
    after_so_source: Vec<String>,
    addressee_verbs: Vec<String>,
    note_labels: Vec<String>,
    self_reference: Vec<String>,
    #[serde(default)]
    house_roles: Vec<String>,
    adjective_laut_context: Vec<String>,
    konjunktiv: Vec<String>,
    konjunktiv2: Vec<String>,
    konjunktiv_only: Vec<String>,
    konjunktiv_endings: Vec<String>,
    hearsay: Vec<String>,
    hearsay_alone: Vec<String>,
    perfect_aux: Vec<String>,
    not_verbs: Vec<String>,
    determiners: Vec<String>,
    oblique_determiners: Vec<String>,
    np_links: Vec<String>,
    pronouns: Vec<String>,
    relatives: Vec<String>,
    conjunctions: Vec<String>,
    adverbials: Vec<String>,
    auxiliaries: Vec<String>,
    skip_words: Vec<String>,
    adjectival_markers: Vec<String>,
    adjective_endings: Vec<String>,
    inseparable_prefixes: Vec<String>,
    name_particles: Vec<String>,
    titles: Vec<String>,
    articles: Vec<String>,
    verbal_aux: Vec<String>,
    apostrophe_quotes: bool,
    title_case_titles: bool,
    modals: Vec<String>,
    anaphora: Vec<String>,
    number_words: Vec<String>,
    source_links: Vec<String>,
    subject_pronouns: Vec<String>,
    time_words: Vec<String>,
    source_genitives: Vec<String>,
    coordinators: Vec<String>,
    adverb_endings: Vec<String>,
    cross_reference: Vec<String>,
    separable_particles: Vec<String>,
    verb_coordinators: Vec<String>,
}

fn set(v: &[String]) -> WordSet {
    v.iter().map(|s| s.to_lowercase()).collect()
}

/// The attribution vocabulary of one language.
#[derive(Debug)]
pub struct Lexicon {
    pub lang: Lang,
    pub verbs: Vec<Verb>,
    /// Per verb form, the verbs (indexes into `verbs`, ascending) that list it.
    verb_forms: HashMap<String, Vec<usize>, rustc_hash::FxBuildHasher>,
    /// The separable particles of `verbs`, each once ("mit", "an").
    particles: Vec<String>,
    pub complementizers: WordSet,
    /// Stems of source nouns ("angab", "bericht").
    pub source_nouns: WordSet,
    /// Lower-cased source nouns, for compounds ("polizeiangaben").
    pub source_noun_words: Vec<String>,
    /// Words that make a source noun a kind of document ("press release", "news release").
    pub document_modifiers: WordSet,
    /// Multi-word prepositions, split into words ("according to").
    pub prep_source_after: Vec<Vec<String>>,
    pub prep_source_before: WordSet,
    pub prep_noun: WordSet,
    pub adverb_cues: WordSet,
    pub so_words: WordSet,
    /// Word sequences that contain a reporting verb but report nothing ("genauer gesagt").
    pub not_cue_phrases: Vec<Vec<String>>,
    pub passive_aux: WordSet,
    pub agent_preps: WordSet,
    pub as_words: WordSet,
    pub after_so_source: WordSet,
    /// Reporting verbs whose object is who is told, never who speaks ("told KVTR", "told
    /// reporters"): no speaker after them.
    pub addressee_verbs: WordSet,
    pub note_labels: WordSet,
    pub self_reference: WordSet,
    /// Roles of an outlet's own reporting staff in a transcript's turn labels ("REPORTER",
    /// "REPORTERIN (Aylin Demir)"): their turns are the outlet's own reporting, nobody's
    /// statement.
    pub house_roles: WordSet,
    pub adjective_laut_context: WordSet,
    pub konjunktiv: WordSet,
    pub konjunktiv2: WordSet,
    /// Konjunktiv I forms that are never indicative ("sei").
    pub konjunktiv_only: WordSet,
    /// Endings of Konjunktiv I forms of a whole verb class ("-iere": "funktioniere").
    pub konjunktiv_endings: Vec<String>,
    pub hearsay: WordSet,
    /// The hearsay modals that report with no frame nearby ("soll", not "sollte").
    pub hearsay_alone: WordSet,
    pub perfect_aux: WordSet,
    pub not_verbs: WordSet,
    pub determiners: WordSet,
    pub oblique_determiners: WordSet,
    pub np_links: WordSet,
    pub pronouns: WordSet,
    pub relatives: WordSet,
    pub conjunctions: WordSet,
    pub adverbials: WordSet,
    pub auxiliaries: WordSet,
    pub skip_words: WordSet,
    pub adjectival_markers: WordSet,
    /// Endings an attributive adjective carries (German "-e", "-en", …): a verb form without
    /// one is no adjective ("rechnet"). Empty: no such test.
    pub adjective_endings: Vec<String>,
    /// Lower-case particles inside personal names ("van", "de").
    pub name_particles: WordSet,
    /// Titles and forms of address before a name ("mr.", "dr.", "miss"), lower-cased.
    pub titles: WordSet,
    /// Articles and possessives: a word right after one is a noun ("their say", "the reports").
    pub articles: WordSet,
    /// Finite auxiliaries and modals (no adverbs): another verb before the cue.
    pub verbal_aux: WordSet,
    /// Whether two apostrophes are quotation marks (`''We will,'' he said.`).
    pub apostrophe_quotes: bool,
    /// Titles of works and names are set in title case ("The End of Time"), and common nouns
    /// are lower case, so a quotation in title case is a title, not speech (English).
    pub title_case_titles: bool,
    /// Modal and future auxiliaries: an infinitive after one states no report ("wollte nicht bestätigen").
    pub modals: WordSet,
    /// Demonstratives that open a frame referring back to the previous sentence ("Dies teilte … mit").
    pub anaphora: WordSet,
    /// Cardinal and collective number words ("zwölf", "Hunderte", "dozens"): the figure a
    /// counting verb (`+#`) needs when it is not written in digits.
    pub number_words: WordSet,
    /// English: words joining a source noun to its source ("figures from the board").
    pub source_links: WordSet,
    /// Pronouns that are only ever nominative ("er", "wir"): right after a main clause's finite
    /// verb, its subject.
    pub subject_pronouns: WordSet,
    /// Words of a time phrase ("Ende", "Mitte", month names): a phrase of them opens a clause
    /// as an adverbial, not as its subject.
    pub time_words: WordSet,
    /// Determiners that open a genitive after a source noun ("Angaben seines Anwalts").
    pub source_genitives: WordSet,
    /// Words joining the parts of a noun phrase ("und", "oder").
    pub coordinators: WordSet,
    /// Endings of adjectives and adverbs ("-lich", "-weise"): such a capitalised word alone
    /// before the finite verb is an adverbial.
    pub adverb_endings: Vec<String>,
    /// Reporting verb forms that, alone with their subject in brackets, refer to earlier
    /// coverage ("(wir berichteten)").
    pub cross_reference: WordSet,
    /// Separable verb particles ("ein", "auf"): "zu" stands inside an infinitive after one
    /// ("einzubringen").
    pub separable_particles: Vec<String>,
    /// Words joining two verb phrases of one subject ("und", "and"): a reporting verb right after
    /// one shares the subject of the sentence's first clause ("Police arrived and said …").
    pub verb_coordinators: WordSet,
}

/// The lexicon of a language.
pub fn lexicon(lang: Lang) -> &'static Lexicon {
    static DE: LazyLock<Lexicon> =
        LazyLock::new(|| Lexicon::parse(Lang::De, include_str!("../../lang/attribution-de.toml")));
    static EN: LazyLock<Lexicon> =
        LazyLock::new(|| Lexicon::parse(Lang::En, include_str!("../../lang/attribution-en.toml")));
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

impl Lexicon {
    fn parse(lang: Lang, src: &str) -> Lexicon {
        // The data files are compiled in and covered by tests; a broken file is a build defect.
        let raw: Raw = toml::from_str(src)
            .unwrap_or_else(|e| panic!("invalid built-in attribution data: {e}"));
        let prefixes = raw.inseparable_prefixes.clone();
        let mut verbs = Vec::new();
        for (list, class) in [
            (&raw.speech, VerbClass::Speech),
            (&raw.thought, VerbClass::Thought),
            (&raw.frames, VerbClass::Frame),
        ] {
            for entry in list {
                if let Some(v) = parse_verb(lang, entry, class, &prefixes) {
                    verbs.push(v);
                }
            }
        }
        let mut verb_forms: HashMap<String, Vec<usize>, rustc_hash::FxBuildHasher> =
            HashMap::default();
        let mut particles: Vec<String> = Vec::new();
        for (i, v) in verbs.iter().enumerate() {
            for f in &v.forms {
                verb_forms.entry(f.clone()).or_default().push(i);
            }
            if let Some(p) = &v.particle {
                if !particles.contains(p) {
                    particles.push(p.clone());
                }
            }
        }
        Lexicon {
            lang,
            verbs,
            verb_forms,
            particles,
            complementizers: set(&raw.complementizers),
            source_nouns: raw.source_nouns.iter().map(|w| lang.stem(w)).collect(),
            document_modifiers: set(&raw.document_modifiers),
            source_noun_words: raw
                .source_nouns
                .iter()
                .map(|w| w.to_lowercase())
                .filter(|w| w.chars().count() >= 5)
                .collect(),
            prep_source_after: raw
                .prep_source_after
                .iter()
                .map(|p| {
                    p.to_lowercase()
                        .split_whitespace()
                        .map(str::to_string)
                        .collect()
                })
                .collect(),
            prep_source_before: set(&raw.prep_source_before),
            prep_noun: set(&raw.prep_noun),
            adverb_cues: set(&raw.adverb_cues),
            so_words: set(&raw.so_words),
            not_cue_phrases: raw
                .not_cue_phrases
                .iter()
                .map(|p| {
                    p.to_lowercase()
                        .split_whitespace()
                        .map(str::to_string)
                        .collect()
                })
                .collect(),
            passive_aux: set(&raw.passive_aux),
            agent_preps: set(&raw.agent_preps),
            as_words: set(&raw.as_words),
            after_so_source: set(&raw.after_so_source),
            addressee_verbs: set(&raw.addressee_verbs),
            note_labels: set(&raw.note_labels),
            self_reference: set(&raw.self_reference),
            house_roles: set(&raw.house_roles),
            adjective_laut_context: set(&raw.adjective_laut_context),
            konjunktiv: set(&raw.konjunktiv),
            konjunktiv2: set(&raw.konjunktiv2),
            konjunktiv_only: set(&raw.konjunktiv_only),
            konjunktiv_endings: raw.konjunktiv_endings.clone(),
            hearsay: set(&raw.hearsay),
            hearsay_alone: set(&raw.hearsay_alone),
            perfect_aux: set(&raw.perfect_aux),
            not_verbs: set(&raw.not_verbs),
            determiners: set(&raw.determiners),
            oblique_determiners: set(&raw.oblique_determiners),
            np_links: set(&raw.np_links),
            pronouns: set(&raw.pronouns),
            relatives: set(&raw.relatives),
            conjunctions: set(&raw.conjunctions),
            adverbials: set(&raw.adverbials),
            auxiliaries: set(&raw.auxiliaries),
            skip_words: set(&raw.skip_words),
            adjectival_markers: set(&raw.adjectival_markers),
            adjective_endings: raw.adjective_endings.clone(),
            name_particles: set(&raw.name_particles),
            titles: set(&raw.titles),
            articles: set(&raw.articles),
            verbal_aux: set(&raw.verbal_aux),
            apostrophe_quotes: raw.apostrophe_quotes,
            title_case_titles: raw.title_case_titles,
            modals: set(&raw.modals),
            anaphora: set(&raw.anaphora),
            number_words: set(&raw.number_words),
            source_links: set(&raw.source_links),
            subject_pronouns: set(&raw.subject_pronouns),
            source_genitives: set(&raw.source_genitives),
            coordinators: set(&raw.coordinators),
            adverb_endings: raw.adverb_endings.clone(),
            cross_reference: set(&raw.cross_reference),
            separable_particles: raw.separable_particles.clone(),
            verb_coordinators: set(&raw.verb_coordinators),
            time_words: set(&raw.time_words),
        }
    }

    /// The verbs (indexes into `verbs`, ascending, each once) that may match the lower-cased
    /// word `w` in `detect::match_verb`: those listing `w` as a form, and those with a particle
    /// `p` listing what follows `p` in `w` (with or without an infixed "zu": "mitzuteilen").
    /// Every verb `match_verb` can accept at `w` is among them; the rest are not looked at.
    pub fn verb_candidates(&self, w: &str, out: &mut Vec<usize>) {
        out.clear();
        if let Some(ids) = self.verb_forms.get(w) {
            out.extend_from_slice(ids);
        }
        for p in &self.particles {
            let Some(rest) = w.strip_prefix(p.as_str()) else {
                continue;
            };
            if rest.is_empty() {
                continue;
            }
            let rest2 = rest.strip_prefix("zu").unwrap_or(rest);
            for r in [rest, rest2] {
                for &i in self.verb_forms.get(r).into_iter().flatten() {
                    if self.verbs[i].particle.as_deref() == Some(p.as_str()) {
                        out.push(i);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Whether a lower-cased word is a source noun ("Angaben", "Polizeiangaben", "Medienberichten").
    pub fn is_source_noun(&self, lower: &str) -> bool {
        if self.source_nouns.contains(&self.lang.stem(lower)) {
            return true;
        }
        let tail = lower.rsplit('-').next().unwrap_or(lower);
        self.source_nouns.contains(&self.lang.stem(tail))
            || self
                .source_noun_words
                .iter()
                .any(|n| lower.len() > n.len() + 2 && lower.ends_with(n.as_str()))
    }
}

/// Parses one verb entry (see the data files for the format).
fn parse_verb(lang: Lang, entry: &str, class: VerbClass, prefixes: &[String]) -> Option<Verb> {
    let mut forms = Vec::new();
    let mut particle = None;
    let mut requires = Vec::new();
    let mut excludes = Vec::new();
    let mut reflexive = Vec::new();
    for item in entry.split_whitespace() {
        let item = item.to_lowercase();
        if let Some(p) = item.strip_suffix(':') {
            let mut parts = p.split('+');
            particle = parts.next().filter(|s| !s.is_empty()).map(str::to_string);
            requires.extend(parts.map(str::to_string));
        } else if let Some(w) = item.strip_prefix('+') {
            requires.push(w.to_string());
        } else if let Some(w) = item.strip_prefix('!') {
            excludes.push(w.to_string());
        } else if let Some(w) = item.strip_prefix('?') {
            reflexive.push(w.to_string());
        } else {
            forms.push(item);
        }
    }
    if forms.is_empty() {
        return None;
    }
    let infinitive = forms[0].clone();
    let mut all: WordSet = WordSet::default();
    if forms.len() == 1 {
        all.extend(generate(lang, &forms[0], prefixes));
    }
    all.extend(forms);
    Some(Verb {
        forms: all,
        infinitive,
        particle,
        requires,
        excludes,
        reflexive,
        class,
    })
}

/// The regular forms of a verb given by its infinitive.
fn generate(lang: Lang, inf: &str, prefixes: &[String]) -> Vec<String> {
    match lang {
        Lang::De => {
            let stem = inf
                .strip_suffix("en")
                .or_else(|| inf.strip_suffix('n'))
                .unwrap_or(inf);
            let e = if stem.ends_with('t')
                || stem.ends_with('d')
                || stem.ends_with("chn")
                || stem.ends_with("ffn")
            {
                "e"
            } else {
                ""
            };
            let inf_ending = &inf[stem.len()..];
            let mut out = vec![
                inf.to_string(),
                format!("{stem}e"),
                format!("{stem}{e}st"),
                format!("{stem}{e}t"),
                format!("{stem}{inf_ending}"),
                format!("{stem}{e}te"),
                format!("{stem}{e}ten"),
                format!("{stem}{e}test"),
                format!("{stem}{e}tet"),
            ];
            let no_ge = stem.ends_with("ier")
                || prefixes
                    .iter()
                    .any(|p| stem.starts_with(p.as_str()) && stem.len() > p.len() + 2);
            if no_ge {
                out.push(format!("{stem}{e}t"));
            } else {
                out.push(format!("ge{stem}{e}t"));
            }
            out
        }
        Lang::En => {
            let base = inf.to_string();
            let (s, ed, ing) = if let Some(b) = inf.strip_suffix('e') {
                (format!("{inf}s"), format!("{inf}d"), format!("{b}ing"))
            } else if inf.ends_with("ss")
                || inf.ends_with("sh")
                || inf.ends_with("ch")
                || inf.ends_with('x')
            {
                (format!("{inf}es"), format!("{inf}ed"), format!("{inf}ing"))
            } else {
                (format!("{inf}s"), format!("{inf}ed"), format!("{inf}ing"))
            };
            vec![base, s, ed, ing]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load_and_generate_forms() {
        let de = lexicon(Lang::De);
        let sagen = de
            .verbs
            .iter()
            .find(|v| v.forms.contains("sagte"))
            .expect("sagen");
        assert!(sagen.forms.contains("gesagt") && sagen.forms.contains("sagt"));
        let berichten = de
            .verbs
            .iter()
            .find(|v| v.forms.contains("berichtete"))
            .expect("berichten");
        assert!(berichten.forms.contains("berichtet"));
        assert!(de
            .verbs
            .iter()
            .any(|v| v.particle.as_deref() == Some("mit") && v.forms.contains("teilte")));
        assert!(
            de.is_source_noun("angaben")
                && de.is_source_noun("polizeiangaben")
                && !de.is_source_noun("start")
        );
        let en = lexicon(Lang::En);
        assert!(en.verbs.iter().any(|v| v.forms.contains("announced")));
        assert!(en.verbs.iter().any(|v| v.forms.contains("said")));
    }
}
