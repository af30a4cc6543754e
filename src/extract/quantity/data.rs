//! Word lists of the quantity extractor, one data file per language (`src/lang/quantity-*.toml`).

use super::Dimension;
use crate::lang::Lang;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Articles that count as "one" only in some contexts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Articles {
    pub forms: Vec<String>,
    /// "eine Stunde", "einen Euro": an article before a unit word is the figure 1.
    pub before_units: bool,
    /// Words after which "one" is a pronoun ("this one").
    pub pronoun_after: Vec<String>,
    /// Words after "one" that make it a pronoun ("one another").
    #[serde(default)]
    pub pronoun_before: Vec<String>,
    /// Unit forms an article may stand before as the figure 1 when `before_units` is off
    /// ("an hour", "a day", "a fortnight").
    pub unit_forms: Vec<String>,
    /// Adjectives between an article and a unit that qualify the figure ("eine knappe Stunde",
    /// "a good hour"), with the approximator they stand for.
    pub adjectives: HashMap<String, super::Approx>,
    /// Words before "an article + unit" that make it a rate, not a figure ("twice a day", "pro Tag").
    pub rate_before: Vec<String>,
    /// Fraction words before an article and a unit ("half an hour").
    pub half_before: Vec<String>,
    /// Words before "a day" that make it a duration even after another figure ("for a day").
    pub duration_before: Vec<String>,
    /// Words after "a day" that make it a duration even after another figure ("a day later").
    pub duration_after: Vec<String>,
}

/// Number words other than plain cardinals.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Words {
    pub negative: Vec<String>,
    pub decimal_point: Vec<String>,
    pub connector: Vec<String>,
    pub scales: HashMap<String, f64>,
    pub glued_scales: HashMap<String, f64>,
    pub dozen: Vec<String>,
    /// Other group words ("pair" = 2).
    pub groups: HashMap<String, f64>,
    pub fractions: HashMap<String, f64>,
    pub fraction_words: HashMap<String, f64>,
    pub plus_half_suffixes: Vec<String>,
    pub multiplier_words: HashMap<String, f64>,
    pub times: Vec<String>,
    pub times_suffixes: Vec<String>,
    pub vague: Vec<String>,
    pub half_articles: Vec<String>,
    /// "in", "out of", "over", "von": a ratio between two numbers.
    pub ratio: Vec<String>,
    /// Ratio words that allow a numerator larger than the denominator ("2000 over 3").
    pub ratio_free: Vec<String>,
    /// Words after a fraction that make it a share of something ("ein Drittel der", "a fifth of").
    pub share_of: Vec<String>,
    /// Words after a bare fraction word ("half the staff") that make it a share.
    pub share_bare: Vec<String>,
    /// Fraction words that stand without an article when a share follows ("half of").
    pub share_bare_words: Vec<String>,
    /// Words joining the two numbers of a result ("38 zu 23 Stimmen", "38 votes to 23").
    pub score_join: Vec<String>,
    /// Nouns a result counts ("Stimmen", "votes", "goals").
    pub score_counted: Vec<String>,
    /// Words that mark a pair "3-1" / "21:15" as a result ("Sieg", "won", "Endstand").
    pub score_context: Vec<String>,
    /// Words that make such a pair a ratio, not a result ("im Verhältnis 1:3", "a 1:50 scale").
    pub score_blockers: Vec<String>,
    /// Labels of a publication stamp ("Updated: January 6, 2011, 11:34 AM ET", „Stand: 14.
    /// März, 9.30 Uhr“): its dates and times are the page's, not figures of the story.
    pub stamp_labels: Vec<String>,
    /// Words that may follow a stamp label ("Posted at 3:21 PM", „Aktualisiert am 12.03.“).
    pub stamp_links: Vec<String>,
}

/// Approximators and range words, each a list of (possibly multi-word) forms.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApproxWords {
    pub about: Vec<String>,
    pub nearly: Vec<String>,
    pub more_than: Vec<String>,
    /// Just over: a little more than the value (see [`super::Approx::JustOver`]).
    pub just_over: Vec<String>,
    pub at_least: Vec<String>,
    pub up_to: Vec<String>,
    pub less_than: Vec<String>,
    pub range_open: Vec<String>,
    pub range_join: Vec<String>,
    /// "over"/"über" before a duration: a time span, not "more than", after another figure.
    pub period: Vec<String>,
    /// Words after such a duration that make it a span ("über drei Jahre verteilt").
    pub period_after: Vec<String>,
    /// Words before "over" that make the duration a span ("spread over").
    pub period_lead: Vec<String>,
    /// Words before "over" that keep it "more than" ("for over 20 years").
    pub period_blockers: Vec<String>,
    /// Before a clock time, a bound: no later than it ("before 4 a.m.", „vor 4 Uhr“) …
    pub time_before: Vec<String>,
    /// … no earlier than it ("after 10 p.m.", „nach 22 Uhr“) …
    pub time_after: Vec<String>,
    /// … within half an hour before it ("shortly before", „kurz vor“) …
    pub time_shortly_before: Vec<String>,
    /// … within half an hour after it ("shortly after", „kurz nach“) …
    pub time_shortly_after: Vec<String>,
    /// … or a quarter of an hour either side of it ("around 2:40 p.m.", „gegen 22 Uhr“).
    pub time_about: Vec<String>,
}

/// Context words: dates, clock times, ages, counted nouns.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Context {
    pub year_preps: Vec<String>,
    /// Words after a duration that make it place a happening in time ("two weeks later",
    /// "seven months ago"): it dates, like a date.
    pub dating_after: Vec<String>,
    /// Words before a duration that do the same ("vor zwei Wochen").
    pub dating_before: Vec<String>,
    pub months: HashMap<String, u32>,
    pub clock: Vec<String>,
    pub pm_words: Vec<String>,
    pub am_words: Vec<String>,
    /// Words after an "m:ss" reading that make it a game clock counting down ("with 7:42 left
    /// in the first half"), not a time of day.
    pub countdown: Vec<String>,
    pub age_after: Vec<String>,
    pub age_before: Vec<String>,
    pub age_suffixes: Vec<String>,
    pub duration_suffixes: HashMap<String, f64>,
    pub not_counted: Vec<String>,
    pub currency_adjective_endings: Vec<String>,
    /// Determiners before a year used attributively ("die 1962 eröffnete Brücke").
    pub year_attr_det: Vec<String>,
    /// Of those, the ones that are singular only (so the figure cannot count the noun).
    pub year_attr_singular: Vec<String>,
    /// Participles glued by a hyphen after a year ("1998-built"), and their endings ("-ed").
    pub year_participles: Vec<String>,
    pub year_participle_endings: Vec<String>,
    /// Capitalised words before a number that keep it a figure, not a model name ("Tempo").
    pub label_keep: Vec<String>,
    /// Titles before a surname ("Herr", "Mr").
    pub titles: Vec<String>,
    /// Plural nouns without a plural ending ("people", "staff"): a count after a name ("In London 500
    /// people") is no model number.
    pub plural_irregular: Vec<String>,
    /// Words before a month named alone that make it date something ("im Juli", "in July").
    pub month_preps: Vec<String>,
    /// Words between an ordinal day and its month ("the 4th of July").
    pub day_of_month: Vec<String>,
    /// Weekdays, 1 (Monday) to 7 (Sunday).
    pub weekdays: HashMap<String, u32>,
    /// Words before a weekday that make it date something ("am", "on", "last").
    pub weekday_before: Vec<String>,
    /// Parts of the day after a weekday or glued to it ("Tuesday night", "Montagabend").
    pub dayparts: Vec<String>,
    /// Words between a weekday and the date it names ("Donnerstag, den 18. September").
    pub weekday_date_links: Vec<String>,
    /// Words after "Name, 62," that keep the number an age ("of", "from").
    pub age_apposition_after: Vec<String>,
    /// Labels before a number that make it a name, rank or version, not a figure ("Nr.", "No.",
    /// "Platz", "Week", "version"); a form ending in "." matches the word and its dot.
    pub label_before: Vec<String>,
    /// Words joining the members of a list of numbers ("6, 7, 8 and 9").
    pub list_joins: Vec<String>,
    /// Words glued by a hyphen after a number that make it no figure ("two-time").
    pub not_figure_compounds: Vec<String>,
}

/// One unit: its written forms, canonical name, dimension and factor to the base unit.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UnitDef {
    pub forms: Vec<String>,
    /// Forms that match only with exactly this case ("m", "t", "V").
    pub cased: Vec<String>,
    pub unit: String,
    pub dimension: String,
    pub factor: Option<f64>,
    /// A currency's hundredth ("Cent", "pence").
    pub subunit: bool,
    /// A smaller unit that may follow with its own number ("5 feet 2 inches"): its canonical unit.
    pub then: Option<String>,
    /// Extra forms of that smaller unit valid only in this compound ("in").
    pub then_forms: Vec<String>,
    /// Forms valid only glued to the digits, with exactly this case ("30C", "86F").
    pub glued: Vec<String>,
    /// After a scale word and not followed by "of", the canonical unit this form means instead:
    /// "1.2 billion pounds over two years" is money, "2 million pounds of beef" a weight.
    pub scaled: Option<String>,
}

impl UnitDef {
    pub fn dim(&self) -> Dimension {
        match self.dimension.as_str() {
            "duration" => Dimension::Duration,
            "currency" => Dimension::Currency,
            "percent" => Dimension::Percent,
            "percentage-point" => Dimension::PercentagePoint,
            "speed" => Dimension::Speed,
            "length" => Dimension::Length,
            "mass" => Dimension::Mass,
            "area" => Dimension::Area,
            "volume" => Dimension::Volume,
            "temperature" => Dimension::Temperature,
            _ => Dimension::Other,
        }
    }

    pub fn factor(&self) -> f64 {
        self.factor.unwrap_or(1.0)
    }
}

/// One language's quantity word lists.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QuantityData {
    pub decimal: String,
    pub thousands: String,
    pub dot_ordinals: bool,
    pub cardinals: HashMap<String, f64>,
    pub articles: Articles,
    pub words: Words,
    pub approx: ApproxWords,
    pub context: Context,
    #[serde(rename = "unit")]
    pub units: Vec<UnitDef>,
    /// (form, cased, unit index), longest form first; filled after loading.
    #[serde(skip)]
    pub unit_forms: Vec<(String, bool, usize)>,
    /// `unit_forms` by their first character: the forms that may match at a place.
    #[serde(skip)]
    pub unit_first: EndIndex,
    /// The `unit_forms` a currency sign or code before a number may be (currencies, not
    /// subunits, not cased; codes of three letters and forms with a sign), by their last character.
    #[serde(skip)]
    pub currency_last: EndIndex,
}

/// Forms (by index) grouped by the character at one end, case folded: for a character of the
/// text, the forms that may match there, in their original order — every form `match_at`
/// (first character) or `match_back` (last character) can match starting or ending with it,
/// and maybe others. Forms with a space or nothing at that end are candidates everywhere.
#[derive(Debug, Default)]
pub struct EndIndex {
    by_char: rustc_hash::FxHashMap<char, Vec<usize>>,
    always: Vec<usize>,
}

/// The key of a character: the first character of its lower case. Two characters that
/// `scan::same` takes as equal have the same key.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

impl EndIndex {
    /// Indexes `forms` (index, form) by their first (`last` false) or last character.
    pub fn build<'a>(forms: impl Iterator<Item = (usize, &'a str)>, last: bool) -> EndIndex {
        let mut ix = EndIndex::default();
        let mut keyed: Vec<(Option<char>, usize)> = Vec::new();
        for (i, f) in forms {
            let end = if last {
                f.chars().next_back()
            } else {
                f.chars().next()
            };
            match end.filter(|c| *c != ' ') {
                Some(c) => keyed.push((Some(fold(c)), i)),
                None => {
                    ix.always.push(i);
                    keyed.push((None, i));
                }
            }
        }
        for (k, i) in &keyed {
            if let Some(c) = k {
                ix.by_char.entry(*c).or_default().push(*i);
            }
        }
        // Each list with the forms that match anywhere, in the original order.
        for list in ix.by_char.values_mut() {
            list.extend(ix.always.iter().copied());
            list.sort_unstable();
        }
        ix
    }

    /// The forms that may match where the text has `c` at the indexed end (`None`: no
    /// character there).
    pub fn get(&self, c: Option<char>) -> &[usize] {
        c.and_then(|c| self.by_char.get(&fold(c)))
            .map_or(self.always.as_slice(), |v| v.as_slice())
    }
}

impl QuantityData {
    fn parse(src: &str) -> QuantityData {
        // The data files are compiled in and covered by tests; a broken file is a build defect.
        let mut d: QuantityData =
            toml::from_str(src).unwrap_or_else(|e| panic!("invalid built-in quantity data: {e}"));
        let mut forms = Vec::new();
        for (i, u) in d.units.iter().enumerate() {
            for f in &u.forms {
                forms.push((f.to_lowercase(), false, i));
            }
            for f in &u.cased {
                forms.push((f.clone(), true, i));
            }
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.0.chars().count()));
        d.unit_first = EndIndex::build(forms.iter().map(|f| f.0.as_str()).enumerate(), false);
        let currency = forms.iter().enumerate().filter(|(_, (form, cased, idx))| {
            d.units.get(*idx).is_some_and(|def| {
                def.dim() == Dimension::Currency
                    && !def.subunit
                    && !*cased
                    && (is_code(form) || is_sign(form))
            })
        });
        d.currency_last = EndIndex::build(currency.map(|(i, f)| (i, f.0.as_str())), true);
        d.unit_forms = forms;
        d
    }

    pub fn decimal_char(&self) -> char {
        self.decimal.chars().next().unwrap_or('.')
    }

    pub fn is(&self, list: &[String], lower: &str) -> bool {
        list.iter().any(|w| w == lower)
    }
}

/// A currency code: three ASCII letters ("USD").
pub fn is_code(form: &str) -> bool {
    form.chars().all(|c| c.is_ascii_alphabetic()) && form.len() == 3
}

/// A form with a sign in it ("$", "€", "US-$").
pub fn is_sign(form: &str) -> bool {
    form.chars().any(|c| !c.is_alphanumeric() && c != ' ')
}

/// The quantity word lists of a language.
pub fn data(lang: Lang) -> &'static QuantityData {
    static DE: LazyLock<QuantityData> =
        LazyLock::new(|| QuantityData::parse(include_str!("../../lang/quantity-de.toml")));
    static EN: LazyLock<QuantityData> =
        LazyLock::new(|| QuantityData::parse(include_str!("../../lang/quantity-en.toml")));
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}
