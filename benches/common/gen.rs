//! A deterministic generator of news-like corpora and drafts for benchmarks.
//!
//! Everything is invented: outlets, people, places and events come from templates and syllable
//! lists, never from real news text. The output depends only on the seed and the index, so a corpus
//! of 100 documents is a prefix of the corpus of 10,000 with the same seed, and a draft (which draws
//! on the first stories only) finds its evidence in every corpus size.
//!
//! Documents are grouped into stories: every story (an event in an invented place) is covered by
//! [`DOCS_PER_STORY`] documents from different outlets, mostly with the same figures, sometimes with
//! rounded, approximated or conflicting ones, with quotes and attributions. Half the stories are
//! German, half English.

#![allow(dead_code)]

/// Documents per story: document `i` belongs to story `i / DOCS_PER_STORY`.
pub const DOCS_PER_STORY: usize = 5;

/// Stories a draft draws on by default: all of them are in a corpus of 100 documents.
pub const DRAFT_STORIES: usize = 100 / DOCS_PER_STORY;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    pub fn from_code(s: &str) -> Option<Lang> {
        match s {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// SplitMix64: small, fast, good enough for test data, and stable across platforms.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A generator for one item of one stream (`tag`) under a seed.
    pub fn for_item(seed: u64, tag: u64, i: u64) -> Rng {
        let mut r = Rng(seed ^ tag.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let _ = r.next();
        r.0 ^= i.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let _ = r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Names

const OUTLETS_DE: &[&str] = &[
    "Hafenkurier",
    "Nordwelle",
    "Agentur Nord",
    "Kesseltaler Bote",
    "Rheinauer Anzeiger",
    "Morgenpost Lindau-Ost",
    "Tagesblatt Wendorf",
    "Radio Brennsee",
    "Westkreis-Echo",
    "Südfunk Aktuell",
    "Landeswelle",
    "Der Marktplatz",
    "Abendzeitung Halmstedt",
    "Nachrichtenagentur Mitte",
    "Küstenrundschau",
];

const OUTLETS_EN: &[&str] = &[
    "KXRV News",
    "Valley Times",
    "Harbor Ledger",
    "Coastline Daily",
    "Northgate Wire",
    "The Riverside Gazette",
    "Metro Bulletin",
    "WQLT Radio",
    "Eastfield Courier",
    "Pine County Post",
    "The Lakeshore Record",
    "Capital Desk",
    "Summit Press Agency",
    "Bayview Herald",
    "Tri-State Dispatch",
];

const SYL_A: &[&str] = &[
    "Bren", "Kal", "Mor", "Ost", "Wend", "Lind", "Hal", "Sor", "Tam", "Vel", "Gar", "Rud", "Fal",
    "Ker", "Dorn", "Ast", "Bel", "Quel", "Nor", "Sil", "Trav", "Elm", "Hag", "Mar",
];
const SYL_B: &[&str] = &["", "e", "en", "in", "er", "an", "o", "il", "un", "a"];
const PLACE_DE: &[&str] = &[
    "stadt", "heim", "hausen", "dorf", "burg", "feld", "au", "bach", "hagen", "rode",
];
const PLACE_EN: &[&str] = &[
    "ton", "ford", "field", "bury", "port", "dale", "wick", "haven", "ridge", "mouth",
];
const SURNAME_END: &[&str] = &[
    "mann", "sen", "ke", "berg", "hoff", "ing", "ow", "ert", "ley", "ford", "ström", "wald",
];
const GIVEN_DE: &[&str] = &[
    "Jana", "Lukas", "Marie", "Tobias", "Greta", "Henrik", "Ida", "Jonas", "Frieda", "Malte",
    "Leonie", "Ole",
];
const GIVEN_EN: &[&str] = &[
    "Dana", "Marcus", "Ellen", "Trevor", "Priya", "Owen", "Rosa", "Caleb", "Nadia", "Felix",
    "Imogen", "Reed",
];
const WEEKDAY_DE: &[&str] = &[
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];
const WEEKDAY_EN: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn stem(rng: &mut Rng) -> String {
    let mut s = String::new();
    s.push_str(rng.pick(SYL_A));
    let b = rng.pick(SYL_B);
    s.push_str(b);
    if rng.chance(0.3) {
        s.push_str(&rng.pick(SYL_A).to_lowercase());
    }
    s
}

fn place(rng: &mut Rng, lang: Lang) -> String {
    let suffix = match lang {
        Lang::De => rng.pick(PLACE_DE),
        Lang::En => rng.pick(PLACE_EN),
    };
    format!("{}{}", stem(rng), suffix)
}

fn surname(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SYL_A), rng.pick(SURNAME_END))
}

// ---------------------------------------------------------------------------------------------
// Figures

/// One figure of a story: its value in every report that gets it right.
#[derive(Clone, Copy, Debug)]
struct Slot {
    key: &'static str,
    lo: f64,
    hi: f64,
    /// Decimal places the figure is reported with.
    dec: u8,
}

const NUM_DE: &[&str] = &[
    "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
    "elf", "zwölf",
];
const NUM_EN: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

fn group(int: u64, sep: char) -> String {
    let digits = int.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn number(v: f64, dec: u8, lang: Lang, rng: &mut Rng) -> String {
    if dec == 0 {
        let n = v.round().max(0.0) as u64;
        if (2..=12).contains(&n) && rng.chance(0.3) {
            return match lang {
                Lang::De => NUM_DE[n as usize].to_string(),
                Lang::En => NUM_EN[n as usize].to_string(),
            };
        }
        if n >= 10_000 || (n >= 1000 && rng.chance(0.7)) {
            return group(n, if lang == Lang::De { '.' } else { ',' });
        }
        n.to_string()
    } else {
        let s = format!("{:.1}", v);
        let s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
        if lang == Lang::De {
            s.replace('.', ",")
        } else {
            s
        }
    }
}

/// A step that makes a "round" number near `v`.
fn round_step(v: f64) -> f64 {
    if v < 10.0 {
        1.0
    } else if v < 30.0 {
        5.0
    } else {
        let mag = 10f64.powf(v.log10().floor());
        if v / mag < 3.0 {
            mag / 2.0
        } else {
            mag
        }
    }
}

/// How a report states a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Exact,
    About,
    MoreThan,
    Nearly,
}

fn approximator(style: Style, lang: Lang, rng: &mut Rng) -> &'static str {
    match (style, lang) {
        (Style::Exact, _) => "",
        (Style::About, Lang::De) => rng.pick(&["rund ", "etwa ", "ungefähr ", "circa "]),
        (Style::About, Lang::En) => rng.pick(&["about ", "around ", "roughly ", "some "]),
        (Style::MoreThan, Lang::De) => rng.pick(&["mehr als ", "über "]),
        (Style::MoreThan, Lang::En) => rng.pick(&["more than ", "over "]),
        (Style::Nearly, Lang::De) => rng.pick(&["knapp ", "fast ", "beinahe "]),
        (Style::Nearly, Lang::En) => rng.pick(&["nearly ", "almost "]),
    }
}

/// A figure as one report writes it: exact, approximated or (with `conflict`) a different value.
fn figure(slot: &Slot, base: f64, lang: Lang, conflict: bool, rng: &mut Rng) -> String {
    let mut v = base;
    if conflict {
        let f = rng.pick(&[0.5, 0.7, 0.8, 1.3, 1.5, 2.0]);
        v = base * f;
        if slot.dec == 0 {
            v = if f > 1.0 {
                v.round().max(base + 1.0)
            } else {
                v.round().min(base - 1.0).max(1.0)
            };
        }
    }
    let style = match rng.below(10) {
        _ if slot.dec == 0 && v < 10.0 => Style::Exact,
        0..=4 => Style::Exact,
        5..=7 => Style::About,
        8 => Style::MoreThan,
        _ => Style::Nearly,
    };
    let step = if slot.dec == 0 { round_step(v) } else { 0.5 };
    let shown = match style {
        Style::Exact => v,
        Style::About => (v / step).round() * step,
        Style::MoreThan => {
            let r = (v / step).floor() * step;
            if r >= v {
                r - step
            } else {
                r
            }
        }
        Style::Nearly => {
            let r = (v / step).ceil() * step;
            if r <= v {
                r + step
            } else {
                r
            }
        }
    };
    let (style, shown) = if shown <= 0.0 {
        (Style::Exact, v)
    } else {
        (style, shown)
    };
    format!(
        "{}{}",
        approximator(style, lang, rng),
        number(shown, slot.dec, lang, rng)
    )
}

// ---------------------------------------------------------------------------------------------
// Event kinds and their templates
//
// Placeholders: {place} {day} {org} {street} {speaker} {speaker2} {inst} {years}, a slot key
// such as {injured} (the figure, with its approximator), and in German {att}: a mid-sentence
// attribution (" laut Polizei") or nothing.

struct Texts {
    titles: &'static [&'static str],
    leads: &'static [&'static str],
    /// (slot key, sentence)
    facts: &'static [(&'static str, &'static str)],
    quotes: &'static [&'static str],
    /// Institutions that give figures ("Feuerwehr", "the fire department").
    insts: &'static [&'static str],
    /// Roles of people who speak ("Feuerwehrsprecher", "fire chief").
    roles: &'static [&'static str],
}

struct Kind {
    slots: &'static [Slot],
    de: Texts,
    en: Texts,
}

const fn slot(key: &'static str, lo: f64, hi: f64, dec: u8) -> Slot {
    Slot { key, lo, hi, dec }
}

const KINDS: &[Kind] = &[
    // 0: storm surge
    Kind {
        slots: &[
            slot("hours", 3.0, 12.0, 0),
            slot("injured", 3.0, 40.0, 0),
            slot("damage", 2.0, 60.0, 0),
            slot("level", 1.5, 4.5, 1),
            slot("ferries", 4.0, 30.0, 0),
        ],
        de: Texts {
            titles: &["Sturmflut legt Hafen von {place} lahm", "Hochwasser in {place}: Hafen gesperrt", "Sturmflut trifft {place}"],
            leads: &[
                "Eine Sturmflut hat am {day} den Hafen von {place} für {hours} Stunden lahmgelegt.",
                "Der Hafen von {place} war am {day} wegen einer Sturmflut {hours} Stunden lang gesperrt.",
            ],
            facts: &[
                ("injured", "Bei der Sturmflut wurden{att} {injured} Menschen verletzt."),
                ("injured", "{injured} Menschen mussten{att} im Krankenhaus behandelt werden."),
                ("damage", "Der Schaden wird{att} auf {damage} Millionen Euro geschätzt."),
                ("level", "Der Pegel stieg{att} auf {level} Meter über Normal."),
                ("ferries", "{ferries} Fähren nach {place2} fielen{att} aus."),
                ("hours", "Die Sperrung dauerte{att} {hours} Stunden."),
            ],
            quotes: &[
                "Wir haben so etwas seit {years} Jahren nicht erlebt",
                "Die Einsatzkräfte haben die ganze Nacht gearbeitet",
                "Der Hafen wird so schnell wie möglich wieder geöffnet",
            ],
            insts: &["Feuerwehr", "Polizei", "Hafenverwaltung", "Wasserschutzpolizei"],
            roles: &["Hafenmeisterin", "Hafenmeister", "Feuerwehrsprecher", "Bürgermeisterin"],
        },
        en: Texts {
            titles: &["Storm surge shuts {place} harbor", "Flooding closes the port of {place}", "Storm surge hits {place}"],
            leads: &[
                "A storm surge shut the harbor of {place} for {hours} hours on {day}.",
                "The port of {place} was closed for {hours} hours on {day} after a storm surge.",
            ],
            facts: &[
                ("injured", "{injured} people were injured in the surge."),
                ("injured", "{injured} people had to be treated in hospital."),
                ("damage", "The damage is estimated at {damage} million dollars."),
                ("level", "The water rose to {level} meters above normal."),
                ("ferries", "{ferries} ferries to {place2} were cancelled."),
                ("hours", "The closure lasted {hours} hours."),
            ],
            quotes: &[
                "We have not seen anything like this in {years} years",
                "The crews worked through the night",
                "The harbor will reopen as soon as it is safe",
            ],
            insts: &["the fire department", "police", "the port authority", "the coast guard"],
            roles: &["harbor master", "fire chief", "Mayor", "port spokeswoman"],
        },
    },
    // 1: warehouse fire
    Kind {
        slots: &[
            slot("firefighters", 40.0, 300.0, 0),
            slot("injured", 1.0, 15.0, 0),
            slot("damage", 1.0, 30.0, 0),
            slot("hours", 2.0, 14.0, 0),
            slot("residents", 20.0, 800.0, 0),
        ],
        de: Texts {
            titles: &["Großbrand in {place}", "Lagerhalle in {place} abgebrannt", "Feuer bei {org} in {place}"],
            leads: &[
                "Ein Großbrand hat am {day} eine Lagerhalle von {org} in {place} zerstört.",
                "In {place} ist am {day} eine Lagerhalle der Firma {org} niedergebrannt.",
            ],
            facts: &[
                ("firefighters", "{firefighters} Feuerwehrleute waren{att} im Einsatz."),
                ("injured", "{injured} Menschen wurden{att} verletzt."),
                ("damage", "Der Sachschaden liegt{att} bei {damage} Millionen Euro."),
                ("hours", "Die Löscharbeiten dauerten{att} {hours} Stunden."),
                ("residents", "{residents} Anwohner der {street} mussten{att} ihre Wohnungen verlassen."),
            ],
            quotes: &[
                "Das Feuer hat sich rasend schnell ausgebreitet",
                "Wir konnten ein Übergreifen auf die Wohnhäuser verhindern",
                "Die Ursache ist noch völlig unklar",
            ],
            insts: &["Feuerwehr", "Polizei", "Stadtverwaltung"],
            roles: &["Einsatzleiter", "Feuerwehrsprecherin", "Polizeisprecher", "Bürgermeister"],
        },
        en: Texts {
            titles: &["Warehouse fire in {place}", "Fire destroys {org} warehouse", "Blaze in {place}"],
            leads: &[
                "A fire destroyed a warehouse owned by {org} in {place} on {day}.",
                "A warehouse of {org} in {place} burned down on {day}.",
            ],
            facts: &[
                ("firefighters", "{firefighters} firefighters fought the blaze."),
                ("injured", "{injured} people were injured."),
                ("damage", "The damage is put at {damage} million dollars."),
                ("hours", "It took {hours} hours to put out the fire."),
                ("residents", "{residents} residents of {street} had to leave their homes."),
            ],
            quotes: &[
                "The fire spread incredibly fast",
                "We managed to keep it away from the houses",
                "We still do not know what caused it",
            ],
            insts: &["the fire department", "police", "the city"],
            roles: &["fire chief", "battalion chief", "police spokesman", "Mayor"],
        },
    },
    // 2: concert
    Kind {
        slots: &[
            slot("fans", 5000.0, 70000.0, 0),
            slot("capacity", 72000.0, 90000.0, 0),
            slot("minutes", 15.0, 90.0, 0),
            slot("price", 40.0, 180.0, 0),
            slot("arrests", 2.0, 25.0, 0),
        ],
        de: Texts {
            titles: &["{org} begeistert in {place}", "Konzert in {place} mit Verspätung", "Ausverkauft: {org} in {place}"],
            leads: &[
                "Die Band {org} hat am {day} in {place} vor {fans} Fans gespielt.",
                "{fans} Fans kamen am {day} zum Konzert von {org} in {place}.",
            ],
            facts: &[
                ("fans", "Zu dem Konzert kamen{att} {fans} Fans."),
                ("capacity", "Das Stadion fasst {capacity} Menschen."),
                ("minutes", "Das Konzert begann{att} {minutes} Minuten zu spät."),
                ("price", "Die Karten kosteten{att} {price} Euro."),
                ("arrests", "Die Polizei nahm{att} {arrests} Menschen fest."),
            ],
            quotes: &[
                "Das war der schönste Abend der ganzen Tour",
                "Wir sind stolz auf unser Team",
                "Die Technik hat uns im Stich gelassen",
            ],
            insts: &["Veranstalter", "Polizei", "Stadionbetreiber"],
            roles: &["Veranstalterin", "Tourmanager", "Sängerin", "Polizeisprecher"],
        },
        en: Texts {
            titles: &["{org} thrills {place}", "Late start for {org} in {place}", "Sold out: {org} at {place} Arena"],
            leads: &[
                "The band {org} played to {fans} fans in {place} on {day}.",
                "{fans} fans came to see {org} in {place} on {day}.",
            ],
            facts: &[
                ("fans", "The concert drew {fans} fans."),
                ("capacity", "The stadium holds {capacity} people."),
                ("minutes", "The show started {minutes} minutes late."),
                ("price", "Tickets cost {price} dollars."),
                ("arrests", "Police arrested {arrests} people."),
            ],
            quotes: &[
                "This was the best night of the whole tour",
                "We are proud of how the crew handled it",
                "The equipment let us down",
            ],
            insts: &["the promoter", "police", "the venue"],
            roles: &["promoter", "tour manager", "singer", "police spokesman"],
        },
    },
    // 3: rail strike
    Kind {
        slots: &[
            slot("trains", 100.0, 2500.0, 0),
            slot("share", 20.0, 90.0, 0),
            slot("hours", 8.0, 48.0, 0),
            slot("commuters", 10000.0, 400000.0, 0),
            slot("raise", 3.0, 12.0, 1),
        ],
        de: Texts {
            titles: &["Bahnstreik in {place}", "Streik legt Nahverkehr um {place} lahm", "Warnstreik bei {org}"],
            leads: &[
                "Ein Streik bei {org} hat am {day} den Bahnverkehr rund um {place} lahmgelegt.",
                "Wegen eines Warnstreiks bei {org} standen am {day} in {place} die Züge still.",
            ],
            facts: &[
                ("trains", "{trains} Züge fielen{att} aus."),
                ("share", "{share} Prozent der Verbindungen wurden{att} gestrichen."),
                ("hours", "Der Streik dauerte{att} {hours} Stunden."),
                ("commuters", "{commuters} Pendler waren{att} betroffen."),
                ("raise", "Die Gewerkschaft fordert{att} {raise} Prozent mehr Lohn."),
            ],
            quotes: &[
                "Die Beschäftigten haben die Geduld verloren",
                "Dieser Streik ist völlig unverhältnismäßig",
                "Wir sind jederzeit zu Gesprächen bereit",
            ],
            insts: &["Bahn", "Gewerkschaft", "Verkehrsverbund"],
            roles: &["Gewerkschaftschef", "Bahnsprecherin", "Verkehrsministerin", "Betriebsrat"],
        },
        en: Texts {
            titles: &["Rail strike in {place}", "Strike halts trains around {place}", "Walkout at {org}"],
            leads: &[
                "A strike at {org} halted trains around {place} on {day}.",
                "Trains stood still in {place} on {day} because of a walkout at {org}.",
            ],
            facts: &[
                ("trains", "{trains} trains were cancelled."),
                ("share", "{share} percent of services were cut."),
                ("hours", "The strike lasted {hours} hours."),
                ("commuters", "{commuters} commuters were affected."),
                ("raise", "The union wants a {raise} percent pay rise."),
            ],
            quotes: &[
                "Our members have run out of patience",
                "This strike is completely out of proportion",
                "We are ready to talk at any time",
            ],
            insts: &["the rail operator", "the union", "the transit authority"],
            roles: &["union leader", "rail spokeswoman", "transport secretary", "shop steward"],
        },
    },
    // 4: motorway pileup
    Kind {
        slots: &[
            slot("vehicles", 5.0, 60.0, 0),
            slot("injured", 2.0, 30.0, 0),
            slot("jam", 5.0, 35.0, 0),
            slot("hours", 2.0, 10.0, 0),
            slot("dead", 1.0, 4.0, 0),
        ],
        de: Texts {
            titles: &["Massenkarambolage bei {place}", "Unfall auf der A{road} bei {place}", "Autobahn bei {place} gesperrt"],
            leads: &[
                "Bei einer Massenkarambolage auf der A{road} bei {place} sind am {day} {vehicles} Fahrzeuge zusammengestoßen.",
                "Auf der A{road} bei {place} hat es am {day} einen schweren Unfall mit {vehicles} Fahrzeugen gegeben.",
            ],
            facts: &[
                ("vehicles", "{vehicles} Fahrzeuge waren{att} an dem Unfall beteiligt."),
                ("injured", "{injured} Menschen wurden{att} verletzt."),
                ("jam", "Der Stau war{att} {jam} Kilometer lang."),
                ("hours", "Die Autobahn blieb{att} {hours} Stunden gesperrt."),
                ("dead", "{dead} Menschen kamen{att} ums Leben."),
            ],
            quotes: &[
                "Die Sicht war praktisch null",
                "So einen Unfall habe ich in meiner Laufbahn nicht gesehen",
                "Viele sind viel zu schnell gefahren",
            ],
            insts: &["Polizei", "Autobahnpolizei", "Rettungsdienst"],
            roles: &["Polizeisprecher", "Notärztin", "Einsatzleiter", "Autobahnmeister"],
        },
        en: Texts {
            titles: &["Pileup near {place}", "Crash on Route {road} near {place}", "Highway near {place} closed"],
            leads: &[
                "{vehicles} vehicles collided on Route {road} near {place} on {day}.",
                "A pileup involving {vehicles} vehicles closed Route {road} near {place} on {day}.",
            ],
            facts: &[
                ("vehicles", "{vehicles} vehicles were involved in the crash."),
                ("injured", "{injured} people were injured."),
                ("jam", "Traffic backed up for {jam} kilometers."),
                ("hours", "The highway stayed closed for {hours} hours."),
                ("dead", "{dead} people died."),
            ],
            quotes: &[
                "Visibility was practically zero",
                "I have never seen a crash like this in my career",
                "Far too many drivers were going too fast",
            ],
            insts: &["state police", "highway patrol", "paramedics"],
            roles: &["trooper", "paramedic", "incident commander", "police spokeswoman"],
        },
    },
    // 5: demonstration
    Kind {
        slots: &[
            slot("protesters", 800.0, 40000.0, 0),
            slot("officers", 100.0, 2000.0, 0),
            slot("arrests", 2.0, 60.0, 0),
            slot("hours", 2.0, 8.0, 0),
        ],
        de: Texts {
            titles: &["Demonstration in {place}", "Tausende protestieren in {place}", "Protest gegen {org} in {place}"],
            leads: &[
                "In {place} haben am {day} {protesters} Menschen gegen die Pläne von {org} demonstriert.",
                "Gegen das Vorhaben von {org} sind am {day} in {place} {protesters} Menschen auf die Straße gegangen.",
            ],
            facts: &[
                ("protesters", "An der Kundgebung nahmen{att} {protesters} Menschen teil."),
                ("officers", "Die Polizei war mit {officers} Beamten im Einsatz."),
                ("arrests", "{arrests} Demonstranten wurden{att} festgenommen."),
                ("hours", "Der Zug durch die {street} dauerte{att} {hours} Stunden."),
            ],
            quotes: &[
                "Wir lassen uns unsere Stadt nicht wegnehmen",
                "Der Protest verlief weitgehend friedlich",
                "Die Stadt muss die Pläne sofort stoppen",
            ],
            insts: &["Polizei", "Veranstalter", "Stadtverwaltung"],
            roles: &["Organisatorin", "Polizeisprecher", "Stadtrat", "Bürgermeisterin"],
        },
        en: Texts {
            titles: &["Protest in {place}", "Thousands march in {place}", "Rally against {org} in {place}"],
            leads: &[
                "{protesters} people protested against plans by {org} in {place} on {day}.",
                "Protesters marched through {place} on {day} against the plans of {org}.",
            ],
            facts: &[
                ("protesters", "{protesters} people took part in the rally."),
                ("officers", "Police deployed {officers} officers."),
                ("arrests", "{arrests} protesters were arrested."),
                ("hours", "The march along {street} lasted {hours} hours."),
            ],
            quotes: &[
                "We will not let them take our town away",
                "The protest was largely peaceful",
                "The city must stop these plans right now",
            ],
            insts: &["police", "the organizers", "the city"],
            roles: &["organizer", "police spokesman", "council member", "Mayor"],
        },
    },
    // 6: factory jobs
    Kind {
        slots: &[
            slot("jobs", 80.0, 3000.0, 0),
            slot("share", 5.0, 40.0, 0),
            slot("invest", 10.0, 400.0, 0),
            slot("duration", 2.0, 6.0, 0),
        ],
        de: Texts {
            titles: &["{org} streicht Stellen in {place}", "Stellenabbau bei {org}", "Werk in {place} vor dem Umbau"],
            leads: &[
                "Der Hersteller {org} will in seinem Werk in {place} {jobs} Stellen streichen, wie am {day} bekannt wurde.",
                "{org} baut in {place} {jobs} Arbeitsplätze ab; das gab das Unternehmen am {day} bekannt.",
            ],
            facts: &[
                ("jobs", "{jobs} Stellen sollen{att} wegfallen."),
                ("share", "Das sind{att} {share} Prozent der Belegschaft."),
                ("invest", "Zugleich will das Unternehmen{att} {invest} Millionen Euro in das Werk investieren."),
                ("years", "Der Umbau soll{att} {duration} Jahre dauern."),
            ],
            quotes: &[
                "Das ist ein schwarzer Tag für die Region",
                "Wir müssen wettbewerbsfähig bleiben",
                "Niemand wird betriebsbedingt gekündigt",
            ],
            insts: &["Unternehmen", "Betriebsrat", "Gewerkschaft"],
            roles: &["Betriebsratschefin", "Vorstandschef", "Werksleiter", "Wirtschaftsministerin"],
        },
        en: Texts {
            titles: &["{org} to cut jobs in {place}", "Job cuts at {org}", "{place} plant to be restructured"],
            leads: &[
                "The manufacturer {org} will cut {jobs} jobs at its plant in {place}, it said on {day}.",
                "{org} is cutting {jobs} jobs in {place}, the company announced on {day}.",
            ],
            facts: &[
                ("jobs", "{jobs} jobs are to go."),
                ("share", "That is {share} percent of the workforce."),
                ("invest", "The company also plans to invest {invest} million dollars in the plant."),
                ("years", "The restructuring is to take {duration} years."),
            ],
            quotes: &[
                "This is a dark day for the region",
                "We have to stay competitive",
                "Nobody will be laid off against their will",
            ],
            insts: &["the company", "the union", "the works council"],
            roles: &["union rep", "chief executive", "plant manager", "state commerce secretary"],
        },
    },
];

const FILLER_DE: &[&str] = &[
    "Am Abend blieb die Lage in {place} ruhig.",
    "Wie es weitergeht, ist noch offen.",
    "Weitere Informationen sollen am {day2} folgen.",
    "Die {street} war zeitweise gesperrt.",
    "Anwohner berichteten von chaotischen Szenen.",
    "Der Stadtrat will sich in seiner nächsten Sitzung mit dem Fall befassen.",
    "Wer für die Kosten aufkommt, ist unklar.",
    "{place} liegt im Landkreis {place2}.",
    "Schon im vergangenen Jahr hatte es in der Region ähnliche Probleme gegeben.",
    "Die Opposition forderte eine Aufklärung.",
    "Was bedeutet das für die Menschen in {place}?",
    "Auch die Nachbargemeinde {place2} ist betroffen.",
    "Die Ermittlungen dauern an.",
    "Ein Sprecher von {org} wollte sich zunächst nicht äußern.",
    "Die Landesregierung kündigte an, die Lage in {place} in den kommenden Wochen genau zu beobachten und gegebenenfalls Hilfen bereitzustellen.",
    "Viele Bewohner von {place} verfolgten die Ereignisse in den sozialen Netzwerken und tauschten dort Fotos und Videos aus.",
    "Bereits am Vormittag hatten sich zahlreiche Schaulustige an der {street} versammelt, die von der Polizei zurückgedrängt wurden.",
    "Experten hatten schon vor Monaten davor gewarnt, dass die Infrastruktur in der Region veraltet sei.",
    "In {place2} wurde am Nachmittag eine Informationsstelle für Betroffene eingerichtet.",
    "Die Gemeinde hat eine Telefonnummer für Fragen von Angehörigen und Anwohnern freigeschaltet.",
];

const FILLER_EN: &[&str] = &[
    "The situation in {place} was calm by the evening.",
    "It is unclear what happens next.",
    "More details are expected on {day2}.",
    "{street} was closed for part of the day.",
    "Residents described chaotic scenes.",
    "The city council plans to discuss the case at its next meeting.",
    "It is not clear who will pay for the damage.",
    "{place} is in {place2} County.",
    "The region had similar problems last year.",
    "The opposition called for an inquiry.",
    "What does this mean for the people of {place}?",
    "The neighboring town of {place2} was also affected.",
    "The investigation is continuing.",
    "A spokesperson for {org} declined to comment.",
    "The state government said it would monitor the situation in {place} closely in the coming weeks and offer help if needed.",
    "Many residents of {place} followed the events on social media, sharing photos and videos throughout the day.",
    "Crowds of onlookers had gathered on {street} by mid-morning and were pushed back by police.",
    "Experts had warned for months that the region's infrastructure was out of date.",
    "An information point for those affected opened in {place2} in the afternoon.",
    "The town has set up a hotline for relatives and residents with questions.",
];

const PARAPHRASE_DE: &[&str] = &[
    "Wir sind von dem Ausmaß völlig überrascht worden",
    "So etwas darf sich nicht wiederholen",
    "Jetzt zählt nur noch der Wiederaufbau",
];
const PARAPHRASE_EN: &[&str] = &[
    "We were completely taken aback by the scale of it",
    "This must never happen again",
    "Now all that matters is rebuilding",
];

// ---------------------------------------------------------------------------------------------
// Stories

/// One invented event, covered by several documents.
pub struct Story {
    pub id: usize,
    pub lang: Lang,
    kind: usize,
    pub place: String,
    place2: String,
    org: String,
    street: String,
    road: u32,
    day: usize,
    date: (u32, u32),
    years: u32,
    values: Vec<f64>,
    /// (role, name) of the two people quoted.
    speakers: [(String, String); 2],
    quotes: [usize; 2],
}

impl Story {
    pub fn new(seed: u64, id: usize) -> Story {
        let mut r = Rng::for_item(seed, 0x5709, id as u64);
        let lang = if r.chance(0.5) { Lang::De } else { Lang::En };
        let kind = r.below(KINDS.len());
        let k = &KINDS[kind];
        let t = texts(kind, lang);
        let place = place(&mut r, lang);
        let place2 = place_or_county(&mut r, lang);
        let org = match (kind, lang) {
            (2, Lang::De) => format!("Die {}", stem(&mut r)),
            (2, Lang::En) => format!("The {}s", stem(&mut r)),
            (_, Lang::De) => format!(
                "{}{} {}",
                stem(&mut r),
                r.pick(&["-Werke", "tec", " Logistik", " Bahn", "-Gruppe"]),
                "GmbH"
            )
            .replace("Bahn GmbH", "Bahn"),
            (_, Lang::En) => format!(
                "{}{}",
                stem(&mut r),
                r.pick(&[" Industries", " Logistics", " Rail", " Group", "tech"])
            ),
        };
        let street = match lang {
            Lang::De => format!(
                "{}{}",
                stem(&mut r),
                r.pick(&["straße", "weg", "allee", "er Chaussee"])
            ),
            Lang::En => format!(
                "{} {}",
                stem(&mut r),
                r.pick(&["Street", "Avenue", "Road", "Boulevard"])
            ),
        };
        let values = k
            .slots
            .iter()
            .map(|s| {
                let v = s.lo + (s.hi - s.lo) * r.unit() * r.unit().sqrt();
                if s.dec == 0 && v > 300.0 && r.chance(0.8) {
                    // Large counts are estimates: two or three significant digits.
                    let step = round_step(v) / if r.chance(0.5) { 10.0 } else { 1.0 };
                    ((v / step).round() * step).max(step)
                } else if s.dec == 0 {
                    v.round()
                } else {
                    (v * 10.0).round() / 10.0
                }
            })
            .collect();
        let given = match lang {
            Lang::De => GIVEN_DE,
            Lang::En => GIVEN_EN,
        };
        let speakers = [
            (
                r.pick(t.roles).to_string(),
                format!("{} {}", r.pick(given), surname(&mut r)),
            ),
            (
                r.pick(t.roles).to_string(),
                format!("{} {}", r.pick(given), surname(&mut r)),
            ),
        ];
        let q0 = r.below(t.quotes.len());
        let q1 = (q0 + 1 + r.below(t.quotes.len() - 1)) % t.quotes.len();
        Story {
            id,
            lang,
            kind,
            place,
            place2,
            org,
            street,
            road: r.range(1, 99) as u32,
            day: r.below(7),
            date: (r.range(1, 12) as u32, r.range(1, 28) as u32),
            years: r.range(10, 50) as u32,
            values,
            speakers,
            quotes: [q0, q1],
        }
    }

    fn texts(&self) -> &'static Texts {
        texts(self.kind, self.lang)
    }

    fn slots(&self) -> &'static [Slot] {
        KINDS[self.kind].slots
    }

    fn slot_index(&self, key: &str) -> Option<usize> {
        self.slots().iter().position(|s| s.key == key)
    }

    fn speaker(&self, i: usize) -> String {
        let (role, name) = &self.speakers[i];
        format!("{role} {name}")
    }

    fn surname_of(&self, i: usize) -> &str {
        self.speakers[i].1.rsplit(' ').next().unwrap_or("")
    }

    fn quote_text(&self, i: usize) -> String {
        self.texts().quotes[self.quotes[i]].replace("{years}", &self.years.to_string())
    }

    /// Fills a template; figures are exact unless `conflict` (per slot) says otherwise.
    fn fill(&self, tpl: &str, att: &str, r: &mut Rng, conflict_p: f64) -> String {
        let mut out = String::with_capacity(tpl.len() + 40);
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let key = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            match key {
                "place" => out.push_str(&self.place),
                "place2" => out.push_str(&self.place2),
                "org" => out.push_str(&self.org),
                "street" => out.push_str(&self.street),
                "road" => out.push_str(&self.road.to_string()),
                "years" => out.push_str(&self.years.to_string()),
                "att" => out.push_str(att),
                "day" => out.push_str(weekday(self.lang, self.day)),
                "day2" => out.push_str(weekday(self.lang, (self.day + 1 + r.below(3)) % 7)),
                k => match self.slot_index(k) {
                    Some(i) => {
                        let s = &self.slots()[i];
                        out.push_str(&figure(
                            s,
                            self.values[i],
                            self.lang,
                            r.chance(conflict_p),
                            r,
                        ));
                    }
                    None => {
                        out.push('{');
                        out.push_str(k);
                        out.push('}');
                    }
                },
            }
        }
        out.push_str(rest);
        capitalize(&out)
    }

    fn title(&self, r: &mut Rng) -> String {
        self.fill(r.pick(self.texts().titles), "", r, 0.0)
    }

    /// A figure sentence, attributed or not; `conflict_p` is the chance of a wrong figure.
    fn fact(&self, r: &mut Rng, attributed: bool, conflict_p: f64, outlet: Option<&str>) -> String {
        let i = r.below(self.texts().facts.len());
        self.fact_at(i, r, attributed, conflict_p, outlet)
    }

    /// Fact sentence `i` of the story's kind.
    fn fact_at(
        &self,
        i: usize,
        r: &mut Rng,
        attributed: bool,
        conflict_p: f64,
        outlet: Option<&str>,
    ) -> String {
        let t = self.texts();
        let (_, tpl) = t.facts[i % t.facts.len()];
        let inst = r.pick(t.insts);
        let who = match outlet {
            Some(o) if r.chance(0.3) => o.to_string(),
            _ => {
                if r.chance(0.5) {
                    inst.to_string()
                } else {
                    self.speaker(r.below(2))
                }
            }
        };
        if !attributed {
            return self.fill(tpl, "", r, conflict_p);
        }
        match self.lang {
            Lang::De => match r.below(4) {
                0 | 1 => self.fill(tpl, &format!(" laut {who}"), r, conflict_p),
                2 => {
                    let s = self.fill(tpl, "", r, conflict_p);
                    format!(
                        "{}, sagte {}.",
                        s.trim_end_matches('.'),
                        self.speaker(r.below(2))
                    )
                }
                _ => {
                    let s = self.fill(tpl, "", r, conflict_p);
                    let verb = r.pick(&["teilte", "gab"]);
                    let tail = if verb == "teilte" { "mit" } else { "an" };
                    let speaker = self.speaker(r.below(2));
                    format!("{}, {verb} {speaker} {tail}.", s.trim_end_matches('.'))
                }
            },
            Lang::En => {
                let s = self.fill(tpl, "", r, conflict_p);
                let body = s.trim_end_matches('.');
                match r.below(3) {
                    0 => format!("{body}, according to {who}."),
                    1 => format!("{body}, {} said.", self.speaker(r.below(2))),
                    _ => {
                        let lower = match body.chars().next() {
                            Some(c)
                                if c.is_uppercase()
                                    && !body.starts_with(&self.org)
                                    && !body.starts_with(&self.place) =>
                            {
                                let mut l = c.to_lowercase().collect::<String>();
                                l.push_str(&body[c.len_utf8()..]);
                                l
                            }
                            _ => body.to_string(),
                        };
                        format!("According to {who}, {lower}.")
                    }
                }
            }
        }
    }

    /// A quotation; `faithful` quotes the story's words, otherwise words no source has.
    fn quote(&self, r: &mut Rng, faithful: bool, attributed: bool) -> String {
        let i = r.below(2);
        self.quote_at(i, r, faithful, attributed)
    }

    /// A quotation of speaker `i` (0 or 1).
    fn quote_at(&self, i: usize, r: &mut Rng, faithful: bool, attributed: bool) -> String {
        let text = if faithful {
            self.quote_text(i)
        } else {
            match self.lang {
                Lang::De => r.pick(PARAPHRASE_DE).to_string(),
                Lang::En => r.pick(PARAPHRASE_EN).to_string(),
            }
        };
        match (self.lang, attributed) {
            (Lang::De, true) => match r.below(2) {
                0 => format!("„{text}“, sagte {}.", self.speaker(i)),
                _ => format!("{} sagte: „{text}.“", capitalize(&self.speaker(i))),
            },
            (Lang::De, false) => format!("„{text}.“"),
            (Lang::En, true) => match r.below(2) {
                0 => format!("\"{text},\" {} said.", self.speaker(i)),
                _ => format!("\"{text},\" said {}.", self.surname_of(i)),
            },
            (Lang::En, false) => format!("\"{text}.\""),
        }
    }

    fn filler(&self, r: &mut Rng) -> String {
        self.filler_at(r.below(FILLER_DE.len()), r)
    }

    fn filler_at(&self, i: usize, r: &mut Rng) -> String {
        let pool = match self.lang {
            Lang::De => FILLER_DE,
            Lang::En => FILLER_EN,
        };
        self.fill(pool[i % pool.len()], "", r, 0.0)
    }

    fn lead(&self, r: &mut Rng, conflict_p: f64) -> String {
        self.fill(r.pick(self.texts().leads), "", r, conflict_p)
    }
}

fn shuffle<T>(items: &mut [T], r: &mut Rng) {
    for i in (1..items.len()).rev() {
        items.swap(i, r.below(i + 1));
    }
}

fn texts(kind: usize, lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &KINDS[kind].de,
        Lang::En => &KINDS[kind].en,
    }
}

fn weekday(lang: Lang, d: usize) -> &'static str {
    match lang {
        Lang::De => WEEKDAY_DE[d % 7],
        Lang::En => WEEKDAY_EN[d % 7],
    }
}

fn place_or_county(r: &mut Rng, lang: Lang) -> String {
    place(r, lang)
}

// ---------------------------------------------------------------------------------------------
// Documents and drafts

/// The relative path of corpus document `i`: folders of 1,000 documents each.
pub fn doc_path(i: usize) -> String {
    format!("{:03}/doc-{:06}.md", i / 1000, i)
}

/// Corpus document `i` under `seed`: Markdown with YAML front matter, about 900 bytes.
pub fn document(seed: u64, i: usize) -> String {
    document_sized(seed, i, 0)
}

/// Corpus document `i` under `seed`, lengthened to at least `min_bytes` (news length: about
/// 3,000) with more paragraphs about the same story: its facts again (attributed or not, wrong as
/// often as the outlet gets figures wrong), quotes and background sentences, drawn from a random
/// stream of their own. With `min_bytes` at most the short document's length it is
/// [`document`]'s text, byte for byte.
pub fn document_sized(seed: u64, i: usize, min_bytes: usize) -> String {
    let story = Story::new(seed, i / DOCS_PER_STORY);
    let mut r = Rng::for_item(seed, 0xD0C, i as u64);
    let lang = story.lang;
    let outlet = r.pick(match lang {
        Lang::De => OUTLETS_DE,
        Lang::En => OUTLETS_EN,
    });
    let title = story.title(&mut r);
    let (m, d) = story.date;
    let d = (d + r.below(2) as u32).min(28);
    let mut out = String::with_capacity(2048);
    out.push_str(&format!(
        "---\ntitle: \"{}\"\nsource: {outlet}\ndate: 2026-{m:02}-{d:02}\nlang: {}\n---\n\n",
        title.replace('"', "'"),
        lang.code()
    ));
    if r.chance(0.5) {
        out.push_str(&format!("# {title}\n\n"));
    }
    // Some outlets get a figure wrong.
    let conflict_p = if r.chance(0.25) { 0.3 } else { 0.03 };
    // Each fact at most once, one or two quotes, a few background sentences, in random order.
    let n_facts = story.texts().facts.len();
    let mut facts: Vec<usize> = (0..n_facts).collect();
    shuffle(&mut facts, &mut r);
    facts.truncate(r.range(3, n_facts));
    let mut items: Vec<u8> = facts.iter().map(|_| 0).collect();
    items.extend(std::iter::repeat_n(1, r.range(1, 2)));
    items.extend(std::iter::repeat_n(2, r.range(3, 8)));
    let mut quotes = r.below(2);
    shuffle(&mut items, &mut r);
    let mut fillers: Vec<usize> = (0..FILLER_DE.len()).collect();
    shuffle(&mut fillers, &mut r);
    let mut para = vec![story.lead(&mut r, conflict_p)];
    for item in items {
        let s = match item {
            0 => {
                let attributed = r.chance(0.6);
                let f = facts.pop().unwrap_or(0);
                story.fact_at(f, &mut r, attributed, conflict_p, None)
            }
            1 => {
                quotes += 1;
                story.quote_at(quotes % 2, &mut r, true, true)
            }
            _ => story.filler_at(fillers.pop().unwrap_or(0), &mut r),
        };
        para.push(s);
        if para.len() >= 3 && r.chance(0.4) {
            out.push_str(&para.join(" "));
            out.push_str("\n\n");
            para.clear();
        }
    }
    if !para.is_empty() {
        out.push_str(&para.join(" "));
        out.push_str("\n\n");
    }
    // Lengthened: paragraphs of three to six sentences until the document is long enough.
    let mut more = Rng::for_item(seed, 0xB16D0C, i as u64);
    while out.len() < min_bytes {
        let mut para = Vec::new();
        for _ in 0..more.range(3, 6) {
            para.push(match more.below(10) {
                0..=4 => {
                    let f = more.below(n_facts);
                    let attributed = more.chance(0.6);
                    story.fact_at(f, &mut more, attributed, conflict_p, None)
                }
                5 => story.quote_at(more.below(2), &mut more, true, true),
                _ => story.filler(&mut more),
            });
        }
        out.push_str(&para.join(" "));
        out.push_str("\n\n");
    }
    if r.chance(0.2) {
        out.push_str(&match lang {
            Lang::De => format!("(Quelle: {outlet})\n"),
            Lang::En => format!("Source: {outlet}\n"),
        });
    }
    out
}

/// A draft of at least `words` words in `lang`, drawing on the first `stories` stories (those of
/// `lang`): sections with headings, attributed and unattributed figures, some wrong, quotes, some
/// not in any source.
pub fn draft(seed: u64, words: usize, lang: Lang, stories: usize) -> String {
    let mut pool: Vec<Story> = (0..stories.max(1))
        .map(|k| Story::new(seed, k))
        .filter(|s| s.lang == lang)
        .collect();
    let mut k = stories.max(1);
    while pool.is_empty() {
        let s = Story::new(seed, k);
        if s.lang == lang {
            pool.push(s);
        }
        k += 1;
    }
    let mut r = Rng::for_item(seed, 0xD7AF, words as u64 ^ ((lang as u64) << 40));
    let mut out = String::with_capacity(words * 8);
    let title = match lang {
        Lang::De => "Der Tag in der Region",
        Lang::En => "The day in the region",
    };
    out.push_str(&format!(
        "---\ntitle: {title}\nlang: {}\n---\n\n# {title}\n\n",
        lang.code()
    ));
    let mut count = 0usize;
    let mut section = 0usize;
    while count < words {
        let story = &pool[section % pool.len()];
        section += 1;
        let mut text = format!("## {}\n\n", story.title(&mut r));
        let paras = r.range(2, 4);
        for p in 0..paras {
            let mut sentences = Vec::new();
            if p == 0 {
                sentences.push(story.lead(&mut r, 0.15));
            }
            for _ in 0..r.range(3, 5) {
                let s = match r.below(10) {
                    0..=5 => {
                        let attributed = r.chance(0.5);
                        let outlet = r.pick(match lang {
                            Lang::De => OUTLETS_DE,
                            Lang::En => OUTLETS_EN,
                        });
                        story.fact(&mut r, attributed, 0.2, Some(outlet))
                    }
                    6 | 7 => {
                        let faithful = r.chance(0.7);
                        let attributed = r.chance(0.8);
                        story.quote(&mut r, faithful, attributed)
                    }
                    _ => story.filler(&mut r),
                };
                sentences.push(s);
            }
            text.push_str(&sentences.join(" "));
            text.push_str("\n\n");
        }
        count += text
            .split_whitespace()
            .filter(|w| !w.starts_with('#'))
            .count();
        out.push_str(&text);
    }
    out
}
