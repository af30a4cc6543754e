//! Languages factlint reads, and the per-language word lists loaded from data files.
//!
//! Word lists live in `src/lang/*.toml` (one file per language and concern) so that a new
//! reporting verb or abbreviation is a data change, not a code change.

pub mod lexicon;

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A natural language factlint can analyse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    En,
}

impl Lang {
    /// All supported languages.
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Parses `de`, `de-DE`, `german`, `deutsch`, `en`, `en-US`, `english` (case-insensitive).
    pub fn from_code(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let head = s.split(['-', '_']).next().unwrap_or("");
        match head {
            "de" | "deu" | "ger" | "german" | "deutsch" => Some(Lang::De),
            "en" | "eng" | "english" | "englisch" => Some(Lang::En),
            _ => None,
        }
    }

    /// Guesses the language of a text with whatlang; `None` when unsure or unsupported.
    pub fn detect(text: &str) -> Option<Lang> {
        let sample: String = text.chars().take(4000).collect();
        let opts =
            whatlang::Detector::with_allowlist(vec![whatlang::Lang::Deu, whatlang::Lang::Eng]);
        match opts.detect_lang(&sample)? {
            whatlang::Lang::Deu => Some(Lang::De),
            whatlang::Lang::Eng => Some(Lang::En),
            _ => None,
        }
    }

    /// The Snowball stemmer for this language.
    pub fn stemmer(self) -> &'static rust_stemmers::Stemmer {
        static DE: LazyLock<rust_stemmers::Stemmer> =
            LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::German));
        static EN: LazyLock<rust_stemmers::Stemmer> =
            LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    /// Stems one lower-cased word. Typographic apostrophes are the typewriter's: copy mixes
    /// them ("It’s" in one report, "It's" in another).
    pub fn stem(self, word: &str) -> String {
        let lower = word.to_lowercase().replace(['’', '‘', 'ʼ'], "'");
        // An irregular verb form stems as its base ("broke" as "break").
        let lower = lexicon::verb_base(self, &lower).unwrap_or(&lower);
        self.stemmer().stem(lower).into_owned()
    }

    /// The qualifier group (forecast, capacity, test, …) a lower-cased word belongs to, if any.
    pub fn qualifier_group(self, lower: &str) -> Option<usize> {
        static DE: LazyLock<GroupMap> =
            LazyLock::new(|| group_map(Lang::De, &Lang::De.text_data().qualifiers));
        static EN: LazyLock<GroupMap> =
            LazyLock::new(|| group_map(Lang::En, &Lang::En.text_data().qualifiers));
        self.group_in(&DE, &EN, lower)
    }

    /// Whether a lower-cased qualifier word qualifies a date or time too (`point_qualifiers`:
    /// "planned", „geplant“), by its stem.
    pub fn qualifies_point(self, lower: &str) -> bool {
        static DE: LazyLock<GroupMap> =
            LazyLock::new(|| group_map(Lang::De, &[Lang::De.text_data().point_qualifiers.clone()]));
        static EN: LazyLock<GroupMap> =
            LazyLock::new(|| group_map(Lang::En, &[Lang::En.text_data().point_qualifiers.clone()]));
        self.group_in(&DE, &EN, lower).is_some()
    }

    /// The area level (ward, city, county, …) a lower-cased word names, if any.
    pub fn scope_level(self, lower: &str) -> Option<usize> {
        static DE: LazyLock<GroupMap> =
            LazyLock::new(|| group_map(Lang::De, &Lang::De.text_data().scopes));
        static EN: LazyLock<GroupMap> =
            LazyLock::new(|| group_map(Lang::En, &Lang::En.text_data().scopes));
        self.group_in(&DE, &EN, lower)
    }

    /// The synonym group (its first word) of a word's stem (`stem`, already stemmed): an
    /// inflected form the group does not list („Gästen“ of „Gäste“, "guest" of "guests").
    pub fn synonym_of_stem(self, stem: &str) -> Option<&'static str> {
        static DE: LazyLock<GroupMap> =
            LazyLock::new(|| group_map(Lang::De, &Lang::De.text_data().synonyms));
        static EN: LazyLock<GroupMap> =
            LazyLock::new(|| group_map(Lang::En, &Lang::En.text_data().synonyms));
        let map = match self {
            Lang::De => &DE,
            Lang::En => &EN,
        };
        let g = *map.get(stem)?;
        self.text_data()
            .synonyms
            .get(g)
            .and_then(|g| g.first())
            .map(String::as_str)
    }

    /// The group of a word's stem in this language's map of `de` / `en`.
    fn group_in(self, de: &GroupMap, en: &GroupMap, lower: &str) -> Option<usize> {
        let map = match self {
            Lang::De => de,
            Lang::En => en,
        };
        map.get(&self.stem(lower)).copied()
    }

    /// General text data of this language (`src/lang/<code>.toml`).
    pub fn text_data(self) -> &'static TextData {
        static DE: LazyLock<TextData> = LazyLock::new(|| TextData::parse(include_str!("de.toml")));
        static EN: LazyLock<TextData> = LazyLock::new(|| TextData::parse(include_str!("en.toml")));
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

/// Word stems to the index of the group (of a `lang/*.toml` list of word groups) they are in.
type GroupMap = std::collections::HashMap<String, usize>;

fn group_map(l: Lang, groups: &[Vec<String>]) -> GroupMap {
    let mut m = GroupMap::new();
    for (i, g) in groups.iter().enumerate() {
        for w in g {
            m.insert(l.stem(w), i);
        }
    }
    m
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Segmentation and retrieval word lists of one language.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TextData {
    /// Abbreviations that end in a period but do not end a sentence ("z. B.", "Dr.", "Mr.").
    pub abbreviations: Vec<String>,
    /// Each of `abbreviations` in upper case (same order), computed once.
    #[serde(skip)]
    pub abbreviations_upper: Vec<String>,
    /// Words that, before a period-terminated number, make it an ordinal/date ("am 13. Juli").
    pub months: Vec<String>,
    /// Function words ignored when comparing sentences.
    pub stopwords: Vec<String>,
    /// Groups of words compared as one term (the first word stands for the group).
    pub synonyms: Vec<Vec<String>>,
    /// Groups of words that make a figure a different quantity (forecast, capacity, test, …).
    pub qualifiers: Vec<Vec<String>>,
    /// Levels of area a figure may be counted over (a ward, the city, the county): two figures
    /// both counted over a named level, different ones, are two quantities.
    pub scopes: Vec<Vec<String>>,
    /// First- and second-person singular pronouns: outside a quotation they mark text that is
    /// not reporting (reader comments, forum posts), whose figures are no source's figures.
    pub personal: Vec<String>,
    /// Comparison words ("als", "than"): a qualifier after them is the reference of a
    /// difference ("später als geplant"), not a qualifier of the figure.
    pub comparison: Vec<String>,
    /// Generic nouns a count of persons may use ("Menschen", "people"): no evidence of which
    /// quantity it is.
    pub generic_counted: Vec<String>,
    /// Conjunctions opening a subordinate clause after a comma ("…, where", „…, als“): a
    /// clause of its own (closed class).
    #[serde(default)]
    pub subordinators: Vec<String>,
    /// Word starts that mean "the year before" on their own ("vorjahr…").
    pub year_before: Vec<String>,
    /// Words that mean "earlier" next to a year word ("vergangenen Jahr", "last year", "a year ago").
    pub earlier: Vec<String>,
    /// The word "year" in its forms.
    pub year_words: Vec<String>,
    /// Words that mean "ago" before the span they measure back ("vor vier Jahren").
    #[serde(default)]
    pub ago_before: Vec<String>,
    /// Words that refer back to a time named before in the sentence ("damals", "then").
    #[serde(default)]
    pub then_words: Vec<String>,
    /// Words that open a clause holding when the time before its comma holds („im Vorjahr,
    /// als die Messe 52.300 Besucher zählte“, "last year, when 52,300 came").
    #[serde(default)]
    pub when_relatives: Vec<String>,
    /// Words that mean "ago" after the span they measure back ("two years ago").
    #[serde(default)]
    pub ago_after: Vec<String>,
    /// Words that make a year or date the start or end of a span ("seit 2019", "until 2030"):
    /// a bound, not the time a figure beside it holds.
    #[serde(default)]
    pub span_bounds: Vec<String>,
    /// Pronouns that stand for one person ("she", "he"): a figure beside one belongs to
    /// somebody named elsewhere.
    #[serde(default)]
    pub person_pronouns: Vec<String>,
    /// Nouns that name a measure, not a thing measured ("Zahl", "Anzahl"): as the head of a
    /// compound ("Besucherzahl") the modifier names what is measured (see `lexicon`).
    pub measure_nouns: Vec<String>,
    /// The sides of a vote ("dafür" / "dagegen" / „Enthaltung“; "in favor" / "against" /
    /// "abstained"), a group each: a count of votes against is never the count of votes for.
    #[serde(default)]
    pub vote_sides: Vec<Vec<String>>,
    /// Prepositions that give a figure its role in a change: the value before ("von 380 auf
    /// 425", "from 380 to 425": only with the value after following), the value after ("auf
    /// 425", "to 425") and the amount of the change ("um acht Prozent", "by 8 percent").
    #[serde(default)]
    pub change_from: Vec<String>,
    #[serde(default)]
    pub change_to: Vec<String>,
    #[serde(default)]
    pub change_by: Vec<String>,
    /// Comparatives right after a figure that make it the amount of a change ("vier Prozent
    /// mehr als im Vorjahr", "1,000 fewer than last year"): a closed class.
    #[serde(default)]
    pub change_comparatives: Vec<String>,
    /// Auxiliaries of a passive, one or two words before `change_by`: then it names the agent
    /// ("being fought by 410 firefighters"), not an amount of change.
    #[serde(default)]
    pub passive_auxiliaries: Vec<String>,
    /// Prepositions before a figure compared with an earlier one of its sentence, whose
    /// measured thing it leaves unsaid ("315 Millionen Euro – nach 278 Millionen im Vorjahr",
    /// "$315 million, after $278 million a year earlier").
    #[serde(default)]
    pub compared_before: Vec<String>,
    /// The word between the two counts of a tally ("38 zu 23 Stimmen", "38 to 23 votes"): the
    /// first counts the first side of `vote_sides`, the second the second.
    #[serde(default)]
    pub tally_joiners: Vec<String>,
    /// Nouns that make two joined counts a tally ("Stimmen", "votes").
    #[serde(default)]
    pub tally_nouns: Vec<String>,
    /// The words of `qualifiers` that qualify a date or time too: a plan, forecast, proposal or
    /// demand ("planned for June 20"), not an area level, a rate or "last".
    #[serde(default)]
    pub point_qualifiers: Vec<String>,
    /// Verb forms of voting ("stimmten", "voted"): with one of `vote_prepositions` in a
    /// count's clause, they make it a side of a vote.
    #[serde(default)]
    pub vote_verbs: Vec<String>,
    /// The prepositions of the sides of a vote, in the order of `vote_sides` ("für", "gegen").
    #[serde(default)]
    pub vote_prepositions: Vec<String>,
    /// Prepositions before a place name ("in", "near", „bei“): "in Ashby" sets a report there
    /// (`extract::place`).
    #[serde(default)]
    pub place_prepositions: Vec<String>,
    /// Prepositions that end the head of a fact box label ("Households under evacuation
    /// orders: 1,650" counts households; `figmap::similar::label_counted`).
    #[serde(default)]
    pub label_prepositions: Vec<String>,
    /// Prepositions that make a date, year or time an adjunct of the clause before it ("in
    /// 2008", "at 11:52 p.m.", „um 14 Uhr“): what it dates is the word before.
    pub point_prepositions: Vec<String>,
    /// The word "one" as a figure ("one", „einer“) and what follows it when it picks one out of
    /// a group ("one of the stars", „einer der Stars“): no count (`extract::claim`).
    #[serde(default)]
    pub partitive_numbers: Vec<String>,
    #[serde(default)]
    pub partitive_after: Vec<String>,
    /// What a player's or team's statistics count ("20 points", "193 yards", „zwei Tore“): the
    /// score sheet of a game, which anyone can look up, like a result (`extract::claim`).
    #[serde(default)]
    pub stat_counted: Vec<String>,
    #[serde(skip)]
    stop_set: std::collections::HashSet<String>,
    #[serde(skip)]
    synonym_map: std::collections::HashMap<String, String>,
}

impl TextData {
    fn parse(src: &str) -> TextData {
        // The data files are compiled in and covered by tests; a broken file is a build defect.
        let mut d: TextData =
            toml::from_str(src).unwrap_or_else(|e| panic!("invalid built-in language data: {e}"));
        d.stop_set = d.stopwords.iter().cloned().collect();
        d.abbreviations_upper = d.abbreviations.iter().map(|a| a.to_uppercase()).collect();
        for g in &d.synonyms {
            if let Some(rep) = g.first() {
                for w in g {
                    d.synonym_map.insert(w.clone(), rep.clone());
                }
            }
        }
        d
    }

    /// The group representative of a lower-cased word, if it belongs to a synonym group.
    pub fn synonym_of(&self, word: &str) -> Option<&str> {
        self.synonym_map.get(word).map(|s| s.as_str())
    }

    /// Whether `word` (lower-cased) is a stop word.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stop_set.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("de-AT"), Some(Lang::De));
        assert_eq!(Lang::from_code("fr"), None);
    }

    #[test]
    fn detects_german_and_english() {
        assert_eq!(
            Lang::detect(
                "Die Brücke wird im März für achtzehn Monate gesperrt, teilte das Ministerium mit."
            ),
            Some(Lang::De)
        );
        assert_eq!(
            Lang::detect(
                "The bridge will close for eighteen months in March, the department said."
            ),
            Some(Lang::En)
        );
    }

    #[test]
    fn data_files_load() {
        for l in Lang::ALL {
            let d = l.text_data();
            assert!(!d.abbreviations.is_empty());
            assert!(!d.stopwords.is_empty());
        }
    }
}
