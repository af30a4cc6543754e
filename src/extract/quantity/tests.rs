use super::*;

/// Renders a figure as `text=value unit Dimension [Approx] [of counted]`, with `[low, high]`
/// appended when the expectation asks for it.
fn render(q: &Quantity, interval: bool) -> String {
    let mut s = format!("{}={}", q.text, q.value);
    if let Some(u) = &q.unit {
        s.push_str(&format!(" {u}"));
    }
    s.push_str(&format!(" {:?}", q.dimension));
    if q.approx != Approx::Exact {
        s.push_str(&format!(" {:?}", q.approx));
    }
    if let Some(c) = &q.counted {
        s.push_str(&format!(" of {c}"));
    }
    if interval {
        let r = |x: f64| (x * 1e6).round() / 1e6;
        s.push_str(&format!(" [{}, {}]", r(q.low), r(q.high)));
    }
    s
}

/// Extracts the figures of `input` (one sentence) and compares them, in order, with `expected`.
fn check(input: &str, lang: Lang, expected: &[&str]) {
    let qs = extract(input, &[Span::new(0, input.len())], lang);
    let got: Vec<String> = qs
        .iter()
        .zip(expected.iter().chain(std::iter::repeat(&"")))
        .map(|(q, e)| render(q, e.contains('[')))
        .collect();
    assert_eq!(got, expected, "input: {input:?}");
    for q in &qs {
        assert_eq!(Span::new(q.start, q.end).slice(input), q.text);
        assert!(
            q.span.contains(q.number_span),
            "number span outside the figure in {input:?}"
        );
        assert!(q.low <= q.high, "bad interval {q:?}");
    }
}

const DE: Lang = Lang::De;
const EN: Lang = Lang::En;

#[test]
fn german_digits() {
    check(
        "Es kamen 115.000 Zuschauer.",
        DE,
        &["115.000=115000 Count of Zuschauer"],
    );
    check(
        "Der Wert lag bei 1.000,5 und 1,3.",
        DE,
        &["1.000,5=1000.5 Number", "1,3=1.3 Number"],
    );
    check(
        "Es sind 2.300 und 4,800.",
        DE,
        &["2.300=2300 Number", "4,800=4.8 Number"],
    );
    check(
        "Es gab 40 000 Anträge.",
        DE,
        &["40 000=40000 Count of Anträge"],
    );
    // An ambiguous "4,800" is a decimal unless it counts things.
    check(
        "Es kamen 4,800 Zuschauer bei 4,800 Tonnen.",
        DE,
        &["4,800=4800 Count of Zuschauer", "4,800 Tonnen=4.8 t Mass"],
    );
}

#[test]
fn english_digits() {
    check(
        "There were 52,000 fans and 2.1 goals.",
        EN,
        &["52,000=52000 Count of fans", "2.1=2.1 Count of goals"],
    );
    check(
        "It was 4,800 and 1,3 and 1,000.5 units.",
        EN,
        &[
            "4,800=4800 Number",
            "1,3=1.3 Number",
            "1,000.5=1000.5 Count of units",
        ],
    );
}

#[test]
fn german_number_words() {
    check("Es kamen acht Kinder.", DE, &["acht=8 Count of Kinder"]);
    check("Es waren zwölf.", DE, &["zwölf=12 Number"]);
    check(
        "Sie zählten einhundertzwanzig Stimmen.",
        DE,
        &["einhundertzwanzig=120 Count of Stimmen"],
    );
    check(
        "Das waren zwei Millionen eintausendeinhundertfünfzig.",
        DE,
        &["zwei Millionen eintausendeinhundertfünfzig=2001150 Number"],
    );
    check(
        "Er kam mit einer Million Euro.",
        DE,
        &["einer Million Euro=1000000 EUR Currency"],
    );
}

#[test]
fn english_number_words() {
    check(
        "Fifty thousand people came.",
        EN,
        &["Fifty thousand=50000 Count of people"],
    );
    check(
        "one hundred and sixteen",
        EN,
        &["one hundred and sixteen=116 Number"],
    );
    check(
        "They bought a dozen eggs.",
        EN,
        &["a dozen=12 Count of eggs"],
    );
    check(
        "twenty-one trillion",
        EN,
        &["twenty-one trillion=21000000000000 Number"],
    );
}

#[test]
fn scales() {
    check(
        "Es kostete 1,3 Mio. Euro und 2 Mrd. Dollar.",
        DE,
        &[
            "1,3 Mio. Euro=1300000 EUR Currency",
            "2 Mrd. Dollar=2000000000 USD Currency",
        ],
    );
    check(
        "Die Schulden betragen eine Billion Euro.",
        DE,
        &["eine Billion Euro=1000000000000 EUR Currency"],
    );
    check(
        "It cost £5m and $2bn, or 10k.",
        EN,
        &[
            "£5m=5000000 GBP Currency",
            "$2bn=2000000000 USD Currency",
            "10k=10000 Number",
        ],
    );
    check(
        "a population of 3 million and a half",
        EN,
        &["3 million and a half=3500000 Number"],
    );
}

#[test]
fn fractions() {
    check(
        "Sie aß ein halbes Brot und drei Viertel.",
        DE,
        &["ein halbes=0.5 Count of Brot", "drei Viertel=0.75 Number"],
    );
    check(
        "Es gibt zweieinhalb Stücke und 1/2.",
        DE,
        &["zweieinhalb=2.5 Count of Stücke", "1/2=0.5 Number"],
    );
    check("Die Hälfte fehlt.", DE, &["Hälfte=0.5 Number"]);
    check(
        "one and a half, three fifths and ¾",
        EN,
        &[
            "one and a half=1.5 Number",
            "three fifths=0.6 Number",
            "¾=0.75 Number",
        ],
    );
    check("half a million", EN, &["half a million=500000 Number"]);
}

#[test]
fn compounds_and_multipliers() {
    check(
        "Er klickte 612-mal, der 63-jährige Mann, zweistündig.",
        DE,
        &[
            "612-mal=612 x Multiplier",
            "63-jährige=63 a Age",
            "zweistündig=2 h Duration",
        ],
    );
    check(
        "Das ist doppelt so viel, dreimal mehr.",
        DE,
        &["doppelt=2 x Multiplier", "dreimal=3 x Multiplier"],
    );
    check(
        "It rose twice, then three times, in a 55,000-seat arena.",
        EN,
        &[
            "twice=2 x Multiplier",
            "three times=3 x Multiplier",
            "55,000=55000 Count of seat",
        ],
    );
}

#[test]
fn durations_and_ages() {
    check(
        "Die Sperrung dauert 18 Monate und eine Stunde.",
        DE,
        &["18 Monate=18 mo Duration", "eine Stunde=1 h Duration"],
    );
    check(
        "Sie ist 63 Jahre alt, im Alter von 95 Jahren.",
        DE,
        &["63 Jahre alt=63 a Age", "95 Jahren=95 a Age"],
    );
    check(
        "She is 60 years old, aged 63, a 63-year-old.",
        EN,
        &[
            "60 years old=60 a Age",
            "63=63 a Age",
            "63-year-old=63 a Age",
        ],
    );
    check(
        "It lasted 45 minutes and three days.",
        EN,
        &["45 minutes=45 min Duration", "three days=3 d Duration"],
    );
}

#[test]
fn currencies() {
    check(
        "Es kostet 3 €, 15 US-Dollar und 2 £.",
        DE,
        &[
            "3 €=3 EUR Currency",
            "15 US-Dollar=15 USD Currency",
            "2 £=2 GBP Currency",
        ],
    );
    check(
        "Es kostet 15 Dollar und 15 Cent.",
        DE,
        &["15 Dollar und 15 Cent=15.15 USD Currency"],
    );
    check(
        "It costs $94,000, €20 or 30 pounds sterling.",
        EN,
        &[
            "$94,000=94000 USD Currency",
            "€20=20 EUR Currency",
            "30 pounds sterling=30 GBP Currency",
        ],
    );
    // With a scale word "pounds" is money, unless "of" names what weighs it.
    check(
        "The package is worth 1.2 billion pounds over two years.",
        EN,
        &[
            "1.2 billion pounds=1200000000 GBP Currency",
            "two years=2 a Duration",
        ],
    );
    check(
        "The firm recalled 2 million pounds of beef and a 40 pound crate.",
        EN,
        &["2 million pounds=2000000 lb Mass", "40 pound=40 lb Mass"],
    );
}

#[test]
fn percent_and_points() {
    check(
        "Die Quote stieg um 25 % auf 240 Prozent, plus 15 Prozentpunkte.",
        DE,
        &[
            "25 %=25 % Percent",
            "240 Prozent=240 % Percent",
            "15 Prozentpunkte=15 pp PercentagePoint",
        ],
    );
    check(
        "It fell 10 percent, or 2 percentage points.",
        EN,
        &[
            "10 percent=10 % Percent",
            "2 percentage points=2 pp PercentagePoint",
        ],
    );
}

#[test]
fn measures() {
    check(
        "Er fuhr 120 km/h über 500 Kilometer mit 12 Tonnen auf 30 Quadratmetern.",
        DE,
        &[
            "120 km/h=120 km/h Speed",
            "über 500 Kilometer=500 km Length MoreThan",
            "12 Tonnen=12 t Mass",
            "30 Quadratmetern=30 m² Area",
        ],
    );
    check(
        "Es waren 35 °C, 90 Grad Fahrenheit.",
        DE,
        &[
            "35 °C=35 °C Temperature",
            "90 Grad Fahrenheit=90 °F Temperature",
        ],
    );
    check(
        "He drove 70 mph for 200 miles with 5 kg at 98.6 degrees fahrenheit.",
        EN,
        &[
            "70 mph=70 mph Speed",
            "200 miles=200 mi Length",
            "5 kg=5 kg Mass",
            "98.6 degrees fahrenheit=98.6 °F Temperature",
        ],
    );
    check(
        "light moves at 50 meters per second",
        EN,
        &["50 meters per second=50 m/s Speed"],
    );
}

#[test]
fn times_dates_years() {
    check(
        "Am 13. Juli um 20 Uhr, seit 2019, im Mai 2023, um 2 Uhr morgens.",
        DE,
        &[
            "13. Juli=713 md Date",
            "20 Uhr=20 h TimeOfDay",
            "2019=2019 Year",
            "Mai 2023=19478 date Date",
            "2 Uhr morgens=2 h TimeOfDay",
        ],
    );
    check(
        "At 9:42 p.m. on March 3, shortly before 10 p.m., since 2019.",
        EN,
        &[
            "9:42 p.m.=21.7 h TimeOfDay",
            "March 3=303 md Date",
            "shortly before 10 p.m.=22 h TimeOfDay AtMost [21.5, 22]",
            "2019=2019 Year",
        ],
    );
    // "tens of thousands" is no figure, like "hundreds of homes".
    check(
        "It killed 170,000 people and tens of thousands more.",
        EN,
        &["170,000=170000 Count of people"],
    );
    // Bounds of a clock time are part of it, and make its interval.
    check(
        "The attack was discovered before 4 a.m. and ambulances returned after 8 p.m.",
        EN,
        &[
            "before 4 a.m.=4 h TimeOfDay AtMost [2, 4]",
            "after 8 p.m.=20 h TimeOfDay AtLeast [20, 22]",
        ],
    );
    check(
        "Kurz nach 22 Uhr war die Sitzung zu Ende.",
        DE,
        &["Kurz nach 22 Uhr=22 h TimeOfDay AtLeast [22, 22.5]"],
    );
    // "Around" a clock time is a quarter of an hour either side of it.
    check(
        "Gegen 22 Uhr war die Sitzung zu Ende.",
        DE,
        &["Gegen 22 Uhr=22 h TimeOfDay About [21.75, 22.25]"],
    );
    check(
        "A fire that broke out around 2:40 p.m. spread quickly.",
        EN,
        &["around 2:40 p.m.=14.666666666666666 h TimeOfDay About [14.416667, 14.916667]"],
    );
    check(
        "Um 10.30 Uhr kam der 5G-Ausbau.",
        DE,
        &["10.30 Uhr=10.5 h TimeOfDay"],
    );
    check(
        "It started Jan. 5 with 4K screens.",
        EN,
        &["Jan. 5=105 md Date"],
    );
}

#[test]
fn counted_nouns() {
    check(
        "Two were hurt, one of them badly.",
        EN,
        &["Two=2 Number", "one=1 Number"],
    );
    check(
        "68,000 vehicles cross it and 14 of the bridge's cables broke.",
        EN,
        &["68,000=68000 Count of vehicles", "14=14 Count of cables"],
    );
    check(
        "Es kamen drei neue Fälle und 14 der Kabel.",
        DE,
        &["drei=3 Count of Fälle", "14=14 Count of Kabel"],
    );
}

#[test]
fn approximators_and_intervals() {
    check(
        "Es kamen rund 100 Gäste.",
        DE,
        &["rund 100=100 Count About of Gäste [92.5, 107.5]"],
    );
    check(
        "mehr als 200, mindestens 10, bis zu 40, weniger als 8, knapp 50",
        DE,
        &[
            "mehr als 200=200 Number MoreThan [200, 300]",
            "mindestens 10=10 Number AtLeast [10, 15]",
            "bis zu 40=40 Number AtMost [20, 40]",
            "weniger als 8=8 Number LessThan [4, 8]",
            "knapp 50=50 Number Nearly [45, 50]",
        ],
    );
    check(
        "about 100, nearly 50, more than 20, at least 10, up to 40, less than 8",
        EN,
        &[
            "about 100=100 Number About [92.5, 107.5]",
            "nearly 50=50 Number Nearly [45, 50]",
            "more than 20=20 Number MoreThan [20, 30]",
            "at least 10=10 Number AtLeast [10, 15]",
            "up to 40=40 Number AtMost [20, 40]",
            "less than 8=8 Number LessThan [4, 8]",
        ],
    );
    // „gut“, "just over": a little more, not open-ended.
    check(
        "gut 200, knapp über 50, über 80",
        DE,
        &[
            "gut 200=200 Number JustOver [200, 240]",
            "knapp über 50=50 Number JustOver [50, 60]",
            "über 80=80 Number MoreThan [80, 120]",
        ],
    );
    check(
        "just over 200, well over 50",
        EN,
        &[
            "just over 200=200 Number JustOver [200, 240]",
            "well over 50=50 Number MoreThan [50, 75]",
        ],
    );
}

#[test]
fn rounding_of_bare_numbers() {
    check(
        "Es kamen 115.000 Gäste.",
        DE,
        &["115.000=115000 Count of Gäste [114500, 115500]"],
    );
    check(
        "Es kamen 45 Gäste.",
        DE,
        &["45=45 Count of Gäste [44.5, 45.5]"],
    );
    check(
        "Es waren 1,3 Millionen.",
        DE,
        &["1,3 Millionen=1300000 Number [1250000, 1350000]"],
    );
}

/// A year-like figure before a verb is a year, not a count of the noun after the verb.
#[test]
fn a_year_before_a_verb_counts_nothing() {
    check(
        "Für 2025 rechnet Veltra mit Gewinn",
        DE,
        &["2025=2025 Year"],
    );
    check("2025 Besucher kamen", DE, &["2025=2025 Count of Besucher"]);
}

/// "X to Y" with X above Y is a tally or a change, not one figure's range.
#[test]
fn a_downward_pair_is_no_range() {
    check(
        "she beat him 35,120 to 31,004",
        EN,
        &["35,120=35120 Number", "31,004=31004 Number"],
    );
    check(
        "ein Minus von 45 bis 30 Prozent",
        DE,
        &["45=45 Number", "bis 30 Prozent=30 % Percent AtMost"],
    );
}

#[test]
fn ranges() {
    check(
        "zwischen 10 und 20 Kilometer",
        DE,
        &[
            "zwischen 10=10 km Length Range [9.5, 20.5]",
            "20 Kilometer=20 km Length Range [9.5, 20.5]",
        ],
    );
    check(
        "100 bis 300 Milliarden",
        DE,
        &[
            "100=100000000000 Number Range",
            "300 Milliarden=300000000000 Number Range",
        ],
    );
    check(
        "between 10 and 20 people",
        EN,
        &[
            "between 10=10 Count Range of people",
            "20=20 Count Range of people",
        ],
    );
    check(
        "zwischen 14 und 18 Uhr",
        DE,
        &[
            "zwischen 14=14 h TimeOfDay Range [14, 18]",
            "18 Uhr=18 h TimeOfDay Range [14, 18]",
        ],
    );
}

#[test]
fn ratios() {
    check(
        "One in five adults agreed.",
        EN,
        &["One in five=0.2 ratio Count of adults"],
    );
    check(
        "two out of three",
        EN,
        &["two out of three=0.6666666666666666 ratio Number"],
    );
}

#[test]
fn no_ordinals_or_list_numbers() {
    check("Der dritte Versuch endete am 3. Platz.", DE, &[]);
    check("1. Punkt der Liste", DE, &[]);
    check(
        "It was the third attempt on May 4th.",
        EN,
        &["May 4th=504 md Date"],
    );
    check("The 21st time.", EN, &[]);
}

#[test]
fn no_articles_as_numbers() {
    check(
        "Einer der Zuhörer führte ein Gespräch mit einer Frau.",
        DE,
        &[],
    );
    check("A man met an official; this one was new.", EN, &[]);
    check("A patch for a zero-day flaw in a zero-sum game.", EN, &[]);
    check("Die Stadt setzt auf Null-Toleranz.", DE, &[]);
    check("Er kam für einen Euro.", DE, &["einen Euro=1 EUR Currency"]);
}

#[test]
fn no_identifiers() {
    check(
        "Version 1.2.3 unter https://example.com/a/123 oder www.test.de/5",
        DE,
        &[],
    );
    check(
        "Ruf +49 30 1234567 an, Hash a3f9c21, Code SCP-173 und COVID-19.",
        DE,
        &[],
    );
    check(
        "Call +1-222-2222/2222 about IP 192.168.1.2 on 5/17/2018.",
        EN,
        &[],
    );
}

#[test]
fn never_panics() {
    let inputs = [
        "",
        "€",
        "½",
        "1,",
        ",5",
        "-",
        "- 1",
        "1/0",
        "1^999",
        "1e400",
        "9:",
        "13.",
        "ein",
        "a",
        "and and and",
        "zwischen und",
        "99999999999999999999999999999999999 Euro",
        "1.2.3.4.5.6.7.8.9",
        "1 000 000 000 000 000 000 000 000",
        "ÄÖÜ 12 ß 3 µm ¾ 5½ 𝟙𝟚 12 €",
        "\u{202f}1\u{202f}000\u{202f}",
        "one hundred and and a half of the million",
    ];
    for s in inputs {
        for lang in [DE, EN] {
            let _ = extract(s, &[Span::new(0, s.len())], lang);
            // Spans that do not fall on char boundaries are skipped, not sliced.
            let _ = extract(s, &[Span::new(1, s.len())], lang);
            let _ = extract(s, &[Span::new(0, s.len() + 5)], lang);
        }
    }
}

/// Every prefix of sentences with dates, weekdays, article durations, labels and datelines: the
/// readers look ahead and must stop at the sentence's end ("March 3 to" once indexed past it).
#[test]
fn prefixes_never_panic() {
    let inputs = [
        "On March 3 to 5, 2026 and Oct. 14-17, 2026 or 14 July 2023 and Oct 5.",
        "Vom 14. bis 17. Oktober 2026, am 14.–17. Okt. 2026 und 1. Januar 2024.",
        "BERLIN, 12. März (dpa) – am Montagabend, am Donnerstag, den 18. September.",
        "NEW YORK, March 3 (Reuters) - on Thursday, Sept. 18, the 4th of July, 2026.",
        "Lindhagen, 9. Oktober 2025.",
        "Oyelaran, 62, of Leeds; Smith Jr., 30, from Ohio; Müller, 62, aus Köln.",
        "an hour and a half, half an hour, a good hour, eine knappe Stunde, a day.",
        "No. 5, Nr. 5, Week 17, version 2.1, two-time, a fourth-year, im Juli, in May.",
        "between 9 a.m. and 5 p.m. ET, 12:50 a.m., um 10.30 Uhr.",
    ];
    for s in inputs {
        for (end, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            let p = &s[..end];
            for lang in [DE, EN] {
                let _ = extract(p, &[Span::new(0, p.len())], lang);
            }
        }
    }
}

#[test]
fn data_files_load() {
    for lang in Lang::ALL {
        let d = data::data(lang);
        assert!(!d.units.is_empty());
        assert!(!d.approx.about.is_empty());
        assert!(!d.context.months.is_empty());
    }
}

#[test]
fn glued_temperatures() {
    check(
        "Es waren 30C, dann 24°C und 39,4°C.",
        DE,
        &[
            "30C=30 °C Temperature",
            "24°C=24 °C Temperature",
            "39,4°C=39.4 °C Temperature",
        ],
    );
    check(
        "It was 30C at noon and 86F later.",
        EN,
        &["30C=30 °C Temperature", "86F=86 °F Temperature"],
    );
    // Other glued letters stay identifiers.
    check("Die Klasse 3c und 4D.", DE, &[]);
}

#[test]
fn change_verbs_are_multipliers() {
    check(
        "Die Zahl hat sich verdoppelt, die Kosten verdreifachten sich.",
        DE,
        &["verdoppelt=2 x Multiplier", "verdreifachten=3 x Multiplier"],
    );
    check(
        "Der Umsatz vervierfachte sich und ist doppelt so hoch.",
        DE,
        &["vervierfachte=4 x Multiplier", "doppelt=2 x Multiplier"],
    );
    check(
        "Revenue tripled, costs doubled and prices quadrupled to twice the level.",
        EN,
        &[
            "tripled=3 x Multiplier",
            "doubled=2 x Multiplier",
            "quadrupled=4 x Multiplier",
            "twice=2 x Multiplier",
        ],
    );
}

#[test]
fn race_times() {
    check(
        "Er siegte in 2:06:41 und lief 3:45,2 Minuten.",
        DE,
        &[
            "2:06:41=7601 s Duration [7600.5, 7601.5]",
            "3:45,2 Minuten=225.2 s Duration [225.15, 225.25]",
        ],
    );
    check(
        "She won in 2:21:05, ahead of a 1:02:03.5 half.",
        EN,
        &["2:21:05=8465 s Duration", "1:02:03.5=3723.5 s Duration"],
    );
    // Clock times stay clock times.
    check(
        "Um 14:30 Uhr und um 10:15:30 Uhr.",
        DE,
        &[
            "14:30 Uhr=14.5 h TimeOfDay",
            "10:15:30 Uhr=10.258333333333333 h TimeOfDay",
        ],
    );
}

#[test]
fn shares_as_percent() {
    check(
        "Ein Fünftel der Züge fiel aus, ein Drittel der Befragten war dagegen.",
        DE,
        &[
            "Ein Fünftel=20 % Percent",
            "ein Drittel=33.33333333333333 % Percent",
        ],
    );
    check(
        "Die Hälfte der Mitglieder und ein Viertel aller Kinder.",
        DE,
        &[
            "Hälfte=50 % Percent [49.5, 50.5]",
            "ein Viertel=25 % Percent",
        ],
    );
    check(
        "A fifth of trains ran, half of the staff left and two thirds of voters agreed.",
        EN,
        &[
            "A fifth=20 % Percent [19.5, 20.5]",
            "half=50 % Percent",
            "two thirds=66.66666666666666 % Percent",
        ],
    );
    check("A quarter of the budget.", EN, &["A quarter=25 % Percent"]);
    // A fraction of a number or unit stays that number or unit.
    check(
        "A quarter of a million people waited three quarters of an hour.",
        EN,
        &[
            "A quarter of a million=250000 Count of people",
            "three quarters of an hour=0.75 h Duration",
        ],
    );
    check(
        "Zwei Drittel von 300 Befragten, eine halbe Stunde.",
        DE,
        &[
            "Zwei Drittel von 300=200 Count of Befragten",
            "eine halbe Stunde=0.5 h Duration",
        ],
    );
}

#[test]
fn over_a_duration_after_a_figure_is_a_period() {
    check(
        "Prices rose 9.5 percent over 12 months.",
        EN,
        &[
            "9.5 percent=9.5 % Percent",
            "12 months=12 mo Duration [11.5, 12.5]",
        ],
    );
    check(
        "The council approved £2.1bn over two years.",
        EN,
        &["£2.1bn=2100000000 GBP Currency", "two years=2 a Duration"],
    );
    check(
        "The train was over 40 minutes late.",
        EN,
        &["over 40 minutes=40 min Duration MoreThan"],
    );
    check(
        "With 500 staff, it has existed for over 20 years.",
        EN,
        &[
            "500=500 Count of staff",
            "over 20 years=20 a Duration MoreThan",
        ],
    );
    check(
        "Die Preise stiegen um 7 Prozent über zwei Jahre.",
        DE,
        &["7 Prozent=7 % Percent", "zwei Jahre=2 a Duration"],
    );
    check(
        "Die Kosten werden über drei Jahre verteilt.",
        DE,
        &["drei Jahre=3 a Duration"],
    );
    check(
        "Über drei Jahre lang wurde gebaut.",
        DE,
        &["Über drei Jahre=3 a Duration MoreThan"],
    );
}

#[test]
fn model_names_are_no_figures() {
    check("Die Boeing 737 und der Golf 8 fuhren vor.", DE, &[]);
    check(
        "Es wurden 410.000 PowerPack 500 Akkus verkauft.",
        DE,
        &["410.000=410000 Count of Akkus", "500=500 Count of Akkus"],
    );
    check(
        "In Berlin 500 Menschen.",
        DE,
        &["500=500 Count of Menschen"],
    );
    // A place after its preposition and a number closing the clause: an elliptical count.
    check(
        "In Harwenstedt arbeiten 1.240 Menschen, im zweiten Werk in Brökendorf 610; mehr nicht.",
        DE,
        &["1.240=1240 Count of Menschen", "610=610 Number"],
    );
    // A number with a thousands separator after a noun is a count of its own.
    check(
        "Varnholt beschäftigt an zwei Standorten 1.240 Menschen.",
        DE,
        &["zwei=2 Count of Standorten", "1.240=1240 Count of Menschen"],
    );
    check(
        "He bought an iPhone 15 with Windows 11 on an Airbus A320.",
        EN,
        &[],
    );
    check(
        "They sold 410,000 PowerPack 500 batteries.",
        EN,
        &[
            "410,000=410000 Count of batteries",
            "500=500 Count of batteries",
        ],
    );
    check(
        "In London 500 people protested.",
        EN,
        &["500=500 Count of people"],
    );
    // The first word of a sentence and title-case headlines are no model names.
    check("Storm Kills 12 In Texas.", EN, &["12=12 Number"]);
}

#[test]
fn votes_and_scores() {
    check(
        "Der Antrag wurde mit 38 zu 23 Stimmen angenommen.",
        DE,
        &["38=38 Count of Stimmen", "23=23 Count of Stimmen"],
    );
    check(
        "Bayern feierte einen 3:1-Sieg, es stand 38:23.",
        DE,
        &["3=3 Count", "1=1 Count", "38=38 Count", "23=23 Count"],
    );
    check(
        "The bill passed by 38 votes to 23.",
        EN,
        &["38=38 Count of votes", "23=23 Count of votes"],
    );
    check(
        "Liverpool won 3-1 against Everton.",
        EN,
        &["3=3 Count", "1=1 Count"],
    );
    // A falling pair is no range, with or without a word of winning near it.
    let qs = extract(
        "The Jays were up 33-26 at the half after a 15-2 run.",
        &[Span::new(0, 52)],
        EN,
    );
    assert!(qs.len() == 4 && qs.iter().all(|q| q.score), "{qs:?}");
    // A fighter's or a team's record is a result, not two figures about the event.
    let t = "Klitschko improved his record to 52-3.";
    let qs = extract(t, &[Span::new(0, t.len())], EN);
    assert!(qs.len() == 2 && qs.iter().all(|q| q.score), "{qs:?}");
    // Win–loss records in parentheses (a rising pair too: no range there).
    let qs = extract(
        "The Saints (11-5) play Seattle (7-9).",
        &[Span::new(0, 37)],
        EN,
    );
    assert!(qs.len() == 4 && qs.iter().all(|q| q.score), "{qs:?}");
    let qs = extract("The Colts (11-4) won.", &[Span::new(0, 21)], EN);
    assert!(qs.len() == 2 && qs.iter().all(|q| q.score), "{qs:?}");
    let qs = extract("Bayern (12-3) siegte.", &[Span::new(0, 21)], DE);
    assert!(qs.len() == 2 && qs.iter().all(|q| q.score), "{qs:?}");
    // Ratios are no results.
    check("Im Verhältnis 1:3 gemischt.", DE, &[]);
    check("A model at a 1:50 scale.", EN, &[]);
    // Ranges stay ranges.
    check(
        "It took 10-20 days.",
        EN,
        &["10=10 d Duration Range", "20 days=20 d Duration Range"],
    );
}

#[test]
fn attributive_years() {
    check(
        "Die 1962 eröffnete Brücke und das 1350 erbaute Kloster.",
        DE,
        &["1962=1962 Year", "1350=1350 Year"],
    );
    check(
        "Die 1500 verletzten Menschen.",
        DE,
        &["1500=1500 Count of Menschen"],
    );
    check(
        "the 1998-built ship and the 1350-built church.",
        EN,
        &["1998=1998 Year", "1350=1350 Year"],
    );
    // A capitalised word after a year names the occasion; a round figure stays a count.
    check(
        "He leaves in the 2013 Christmas Special after the 2012 Olympics.",
        EN,
        &["2013=2013 Year", "2012=2012 Year"],
    );
    check(
        "About 2000 Americans live there.",
        EN,
        &["About 2000=2000 Count About of Americans"],
    );
}

#[test]
fn number_word_surnames() {
    check("Claudia Tausend sagte, Herr Hundert kam.", DE, &[]);
    check(
        "Einige Tausend Menschen kamen, rund Hundert blieben.",
        DE,
        &[
            "Tausend=1000 Count of Menschen",
            "rund Hundert=100 Number About",
        ],
    );
    check("Mr Hundred and Dr. Thousand said so.", EN, &[]);
}

#[test]
fn dates_are_days_since_1970_or_month_day() {
    // With a year: days since 1970-01-01; a month covers all its days.
    check(
        "Am 14. Juli 2023 kam er, im Mai 2023 und im November 2023 auch.",
        DE,
        &[
            "14. Juli 2023=19552 date Date [19552, 19552]",
            "Mai 2023=19478 date Date [19478, 19508]",
            "November 2023=19662 date Date [19662, 19691]",
        ],
    );
    check(
        "On March 3, 2019, in May 2022 and on 14 July 2023.",
        EN,
        &[
            "March 3, 2019=17958 date Date [17958, 17958]",
            "May 2022=19113 date Date [19113, 19143]",
            "14 July 2023=19552 date Date [19552, 19552]",
        ],
    );
    check(
        "Es begann am 1. Januar 1970.",
        DE,
        &["1. Januar 1970=0 date Date [0, 0]"],
    );
    check(
        "It happened on Feb. 29, 2024.",
        EN,
        &["Feb. 29, 2024=19782 date Date [19782, 19782]"],
    );
    // Without a year: month * 100 + day.
    check(
        "Am 13. Juli und am 14. Juli ging er.",
        DE,
        &[
            "13. Juli=713 md Date [713, 713]",
            "14. Juli=714 md Date [714, 714]",
        ],
    );
    check(
        "On Nov. 8, Jan. 1 and Sept. 18 it rained.",
        EN,
        &[
            "Nov. 8=1108 md Date [1108, 1108]",
            "Jan. 1=101 md Date [101, 101]",
            "Sept. 18=918 md Date [918, 918]",
        ],
    );
    check(
        "On the 4th of July, 2026 and the 21st of May.",
        EN,
        &[
            "4th of July, 2026=20638 date Date",
            "21st of May=521 md Date",
        ],
    );
    // No such day.
    check("am 31. Februar", DE, &[]);
    // A month alone: all its days.
    check(
        "Im Juli kam er, seit Anfang Mai ist Ruhe.",
        DE,
        &["Juli=701 md Date [701, 731]", "Mai=501 md Date [501, 531]"],
    );
    check(
        "In July it rained; you may come in May.",
        EN,
        &["July=701 md Date [701, 731]", "May=501 md Date [501, 531]"],
    );
    check("The March on Rome; der Mai ist gekommen.", EN, &[]);
    // Years stay years.
    check(
        "Im Jahr 1949 und seit 2018.",
        DE,
        &["1949=1949 Year", "2018=2018 Year"],
    );
    check("In 2018 it began.", EN, &["2018=2018 Year"]);
}

#[test]
fn date_ranges() {
    check(
        "Vom 14. bis 17. Oktober 2026 ist Messe.",
        DE,
        &["14. bis 17. Oktober 2026=20740 date Date Range [20740, 20743]"],
    );
    check(
        "Am 14.–17. Oktober ist Messe.",
        DE,
        &["14.–17. Oktober=1014 md Date Range [1014, 1017]"],
    );
    check(
        "Vom 14. Juli bis 17. August 2026.",
        DE,
        &[
            "14. Juli=20648 date Date Range [20648, 20682]",
            "17. August 2026=20682 date Date Range [20648, 20682]",
        ],
    );
    check(
        "From Oct. 14 to 17, 2026 and Oct. 20-22.",
        EN,
        &[
            "Oct. 14 to 17, 2026=20740 date Date Range [20740, 20743]",
            "Oct. 20-22=1020 md Date Range [1020, 1022]",
        ],
    );
    check(
        "between March 3 and April 5, 2025",
        EN,
        &[
            "between March 3=20150 date Date Range [20150, 20183]",
            "April 5, 2025=20183 date Date Range [20150, 20183]",
        ],
    );
}

#[test]
fn weekdays_that_date_an_event() {
    check(
        "Am Montag kam er, am Montagabend ging er, seit Dienstag ist Ruhe.",
        DE,
        &[
            "Montag=1 weekday Date",
            "Montagabend=1 weekday Date",
            "Dienstag=2 weekday Date",
        ],
    );
    check(
        "On Tuesday night, last Friday and Sunday morning.",
        EN,
        &[
            "Tuesday night=2 weekday Date",
            "Friday=5 weekday Date",
            "Sunday morning=7 weekday Date",
        ],
    );
    // Names are no dates; a weekday before a date gives way to the date.
    check("Sales on Black Friday and Ash Wednesday rose.", EN, &[]);
    check("Der Freitag erschien montags.", DE, &[]);
    check(
        "It happened on Thursday, Sept. 18.",
        EN,
        &["Sept. 18=918 md Date"],
    );
    check(
        "Es geschah am Donnerstag, den 18. September.",
        DE,
        &["18. September=918 md Date"],
    );
}

#[test]
fn clock_times() {
    check(
        "At 12:50 a.m., at 12 a.m., at noon 12 p.m. and at 10 p.m.",
        EN,
        &[
            "12:50 a.m.=0.8333333333333334 h TimeOfDay",
            "12 a.m.=0 h TimeOfDay",
            "12 p.m.=12 h TimeOfDay",
            "10 p.m.=22 h TimeOfDay",
        ],
    );
    check(
        "Open 9 a.m. to 5 p.m.",
        EN,
        &[
            "9 a.m.=9 h TimeOfDay Range [9, 17]",
            "5 p.m.=17 h TimeOfDay Range [9, 17]",
        ],
    );
    check(
        "Open between 9 a.m. and 5 p.m. ET daily.",
        EN,
        &[
            "between 9 a.m.=9 h TimeOfDay Range [9, 17]",
            "5 p.m.=17 h TimeOfDay Range [9, 17]",
        ],
    );
    check(
        "Um 21 Uhr, um 10.30 Uhr und gegen 9:30 Uhr.",
        DE,
        &[
            "21 Uhr=21 h TimeOfDay",
            "10.30 Uhr=10.5 h TimeOfDay",
            "gegen 9:30 Uhr=9.5 h TimeOfDay About",
        ],
    );
}

#[test]
fn ages_in_apposition() {
    check("Oyelaran, 62, said it was over.", EN, &["62=62 a Age"]);
    check(
        "Whitcombe, 44, of Leeds and Smith Jr., 30, from Ohio.",
        EN,
        &["44=44 a Age", "30=30 a Age"],
    );
    check("Müller, 62, aus Köln sagte es.", DE, &["62=62 a Age"]);
    check(
        "Vorstandschefin Martina Ostrowski (75) stellte den Arm vor.",
        DE,
        &["75=75 a Age"],
    );
    check("Chairman John Smith (62) said so.", EN, &["62=62 a Age"]);
    check(
        "Die 57 Jahre alte Vorstandschefin sprach.",
        DE,
        &["57 Jahre alte=57 a Age"],
    );
    // A bracketed number after one noun is no age.
    check("Siehe Absatz (3) der Regel.", DE, &["3=3 Number"]);
    check(
        "Der 63-jährige Mann starb im Alter von 87 Jahren.",
        DE,
        &["63-jährige=63 a Age", "87 Jahren=87 a Age"],
    );
    check(
        "A 36-year-old, aged 52.",
        EN,
        &["36-year-old=36 a Age", "52=52 a Age"],
    );
    // Not after a name, or not between commas: no age.
    check(
        "In total, 62, 63 and 64.",
        EN,
        &["62=62 Number", "63=63 Number", "64=64 Number"],
    );
    check("Rooms, 200 of them, were full.", EN, &["200=200 Number"]);
    // Ending the sentence after the name: an age.
    check(
        "\"It was hard,\" said Mayor Teresa Alvarez, 61.",
        EN,
        &["61=61 a Age"],
    );
    check(
        "Das sagte Bürgermeisterin Anna Roth, 58.",
        DE,
        &["58=58 a Age"],
    );
}

#[test]
fn durations_with_articles() {
    check(
        "Es dauerte eine knappe Stunde, dann eine gute Stunde und eine volle Stunde.",
        DE,
        &[
            "eine knappe Stunde=1 h Duration Nearly [0.9, 1]",
            "eine gute Stunde=1 h Duration JustOver [1, 1.2]",
            "eine volle Stunde=1 h Duration",
        ],
    );
    check(
        "Es dauerte anderthalb Tage, eineinhalb Stunden, knapp zwei Tage und zwei Wochen.",
        DE,
        &[
            "anderthalb Tage=1.5 d Duration",
            "eineinhalb Stunden=1.5 h Duration",
            "knapp zwei Tage=2 d Duration Nearly",
            "zwei Wochen=2 wk Duration",
        ],
    );
    check(
        "It took an hour, then half an hour, then an hour and a half.",
        EN,
        &[
            "an hour=1 h Duration",
            "half an hour=0.5 h Duration",
            "an hour and a half=1.5 h Duration",
        ],
    );
    check(
        "It took nearly two hours, a day, a fortnight and a good hour.",
        EN,
        &[
            "nearly two hours=2 h Duration Nearly",
            "a day=1 d Duration",
            "a fortnight=1 fortnight Duration",
            "a good hour=1 h Duration JustOver",
        ],
    );
    check(
        "It lasted a good two hours.",
        EN,
        &["a good two hours=2 h Duration JustOver"],
    );
    check(
        "Es dauerte gute zwei Stunden und knappe drei Tage.",
        DE,
        &[
            "gute zwei Stunden=2 h Duration JustOver",
            "knappe drei Tage=3 d Duration Nearly",
        ],
    );
    // Rates and other articles are no figures.
    check(
        "Twice a day, $5 a day, once a week, a man and a dollar.",
        EN,
        &["Twice=2 x Multiplier", "$5=5 USD Currency"],
    );
    check(
        "It buys 2.4 billion gallons of fuel a year, for a year now.",
        EN,
        &[
            "2.4 billion gallons=2400000000 gal Volume",
            "a year=1 a Duration",
        ],
    );
    check(
        "He sold 300 shares a week before the crash; the calf is a year old.",
        EN,
        &[
            "300=300 Count of shares",
            "a week=1 wk Duration",
            "a year old=1 a Age",
        ],
    );
}

#[test]
fn labels_ranks_versions_are_no_figures() {
    check(
        "Der dritte Mann kam auf Platz 2, trug Nr. 5 und las Kapitel 3 von Version 2.1.",
        DE,
        &[],
    );
    check(
        "The 4th man, a fourth-year student and two-time champion, wore No. 5 in Week 17.",
        EN,
        &[],
    );
    check(
        "In Game 3 the ranked No. 1 team ran iOS 17, version 2.1 and Windows 11.",
        EN,
        &[],
    );
    // An ordinal before its noun, a number-and-participle adjective: no figures.
    check(
        "He scored a sixth round stoppage, his third straight win, after a two-handed assault.",
        EN,
        &[],
    );
    check(
        "The No. 1 team beat the No. 5 seed in Game 3 winner style.",
        EN,
        &[],
    );
    check(
        "1. Januar 2024 war ein Feiertag.",
        DE,
        &["1. Januar 2024=19723 date Date"],
    );
    // A count after the label word stays.
    check(
        "In der Woche 17 Menschen mehr.",
        DE,
        &["17=17 Count of Menschen"],
    );
}

#[test]
fn capitalised_labels_name_in_english() {
    check("Highway 38 remains closed east of town.", EN, &[]);
    check("Crews closed Route 66 and Week 17 games.", EN, &[]);
    // Lower case, a plural noun after the number is counted.
    check("In week 17 people died.", EN, &["17=17 Count of people"]);
}

/// "the 1982-83 season": one span of two years, not a year and a count of 83.
#[test]
fn a_season_of_two_years_is_one_span() {
    let qs = extract(
        "He won the 1982-83 title and played in the 2003/04 season.",
        &[Span::new(0, 58)],
        EN,
    );
    let got: Vec<(String, f64, f64)> = qs.iter().map(|q| (q.text.clone(), q.low, q.high)).collect();
    assert_eq!(
        got,
        vec![
            ("1982-83".to_string(), 1982.0, 1983.0),
            ("2003/04".to_string(), 2003.0, 2004.0)
        ]
    );
    // A number too large for any year before "-12" (a fuzzer's find: an overflow in debug).
    let t = "Ferries 77777777777777777777777776-12 ran.";
    let _ = extract(t, &[Span::new(0, t.len())], EN);
}

/// The later members of a list of labelled numbers are labels too; a list without a label
/// stays figures.
#[test]
fn a_list_of_labelled_numbers_names_throughout() {
    check(
        "The flaw affects Internet Explorer versions 6, 7, 8, and 9 and Windows XP.",
        EN,
        &[],
    );
    check(
        "Betroffen sind die Gleise 3 und 4 sowie 12 Züge.",
        DE,
        &["12=12 Count of Züge"],
    );
    check(
        "Police detained 6, 7 or 8 people.",
        EN,
        &["6=6 Number", "7=7 Number", "8=8 Count of people"],
    );
}

/// A scaled number after an amount of money in its sentence is an amount in that currency; a
/// count with its noun is not.
#[test]
fn an_elliptic_amount_takes_the_currency_before_it() {
    check(
        "Der Haushalt hat ein Volumen von 48,6 Millionen Euro, und 3,4 Millionen davon fließen in das Hallenbad.",
        DE,
        &["48,6 Millionen Euro=48600000 EUR Currency", "3,4 Millionen=3400000 EUR Currency"],
    );
    check(
        "The plan costs $2 million and serves 1.2 million people.",
        EN,
        &[
            "$2 million=2000000 USD Currency",
            "1.2 million=1200000 Count of people",
        ],
    );
}

/// A game clock counting down is no time of day; a time of day before the same words is.
#[test]
fn a_game_clock_is_no_time_of_day() {
    check(
        "With 7:42 left in the first half, Hansbrough scored.",
        EN,
        &[],
    );
    check("Mit 2:30 verbleibend traf Müller.", DE, &[]);
    check(
        "The polls closed at 8:00 p.m. left of the river.",
        EN,
        &["8:00 p.m.=20 h TimeOfDay"],
    );
}

#[test]
fn publication_stamps_are_no_figures() {
    check("Last updated 13:26 14/09/2013", EN, &[]);
    check("Updated: January 6, 2011, 11:34 AM ET", EN, &[]);
    check("PUBLISHED: WEDNESDAY, MARCH 13, 2013, 12:38 AM", EN, &[]);
    check("Posted at 3:21 PM ET, 01/5/2011", EN, &[]);
    check("on Feb. 04, 2009", EN, &[]);
    check("Am 14. Juli 2025", DE, &[]);
    check("Aktualisiert am 12. März 2024, 14.05 Uhr", DE, &[]);
    check("Stand: 14. März 2024, 9.30 Uhr", DE, &[]);
    // A line that is only a date and a time, without a label.
    check("September 16, 2013 9:36 am", EN, &[]);
    check("14. März 2024, 9.30 Uhr", DE, &[]);
    // A table's cell is no line of its own: its date heads a column.
    let row = "  Messwert   Juli 2025   September 2017  ";
    let at = row.find("Juli").unwrap_or(0);
    let qs = extract(row, &[Span::new(at, at + "Juli 2025".len())], DE);
    assert_eq!(qs.len(), 1, "{qs:?}");
    // A label that opens a sentence of the story is no stamp.
    check(
        "Published figures show 5 men were arrested.",
        EN,
        &["5=5 Count of men"],
    );
    check(
        "Veröffentlicht wurden 300 Seiten.",
        DE,
        &["300=300 Count of Seiten"],
    );
}

#[test]
fn datelines_are_no_figures() {
    check(
        "BERLIN, 12. März (dpa) – Die Polizei nahm 5 Männer fest.",
        DE,
        &["5=5 Count of Männer"],
    );
    check(
        "NEW YORK, March 3 (Reuters) - Police arrested 5 men.",
        EN,
        &["5=5 Count of men"],
    );
    check("Lindhagen, 9. Oktober 2025.", DE, &[]);
    check("WASHINGTON, Jan. 5 — Lawmakers met.", EN, &[]);
    check(
        "LONDON, Oct 14 (Reuters) - Shares fell 3 percent on Oct 13.",
        EN,
        &["3 percent=3 % Percent", "Oct 13=1013 md Date"],
    );
    // A short month without its dot counts only capitalised.
    check("Do not mar 5 cars.", EN, &["5=5 Count of cars"]);
    // Not a dateline: the date of the event.
    check(
        "Am 12. März nahm die Polizei 5 Männer fest.",
        DE,
        &["12. März=312 md Date", "5=5 Count of Männer"],
    );
}

#[test]
fn multipliers_still_work() {
    check(
        "Er kam zweimal, dann dreimal.",
        DE,
        &["zweimal=2 x Multiplier", "dreimal=3 x Multiplier"],
    );
    check(
        "He came twice, then three times.",
        EN,
        &["twice=2 x Multiplier", "three times=3 x Multiplier"],
    );
}
