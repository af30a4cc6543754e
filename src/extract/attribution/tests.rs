use super::*;
use crate::text::DocKind;

/// Checks the attributed sentences of `text`: `expected` lists, per sentence in order,
/// `None` (not attributed) or `Some(source)` ("" = attributed, any or no source).
fn check(text: &str, lang: Lang, expected: &[Option<&str>]) {
    let doc = Document::parse(text, DocKind::Markdown, Some(lang));
    let attrs = extract(&doc);
    let got: Vec<Option<String>> = doc
        .sentences
        .iter()
        .map(|s| {
            let here: Vec<&Attribution> =
                attrs.iter().filter(|a| a.sentence_span == s.span).collect();
            if here.is_empty() {
                return None;
            }
            Some(
                here.iter()
                    .find_map(|a| a.source.as_ref().map(|s| s.text.clone()))
                    .unwrap_or_default(),
            )
        })
        .collect();
    let sents: Vec<&str> = doc.sentences.iter().map(|s| s.span.slice(text)).collect();
    assert_eq!(got.len(), expected.len(), "sentences: {sents:?}");
    for (k, (g, e)) in got.iter().zip(expected).enumerate() {
        match (g, e) {
            (None, None) => {}
            (Some(_), Some("")) => {}
            (Some(g), Some(e)) if g == e => {}
            _ => panic!(
                "sentence {k} {:?}: expected {e:?}, got {g:?}\nall: {got:?}",
                sents[k]
            ),
        }
    }
}

#[test]
fn german_reporting_verbs() {
    // An agency's lower-case short name.
    check(
        "Der Pegel erreichte laut dpa 7,12 Meter.",
        Lang::De,
        &[Some("dpa")],
    );
    check(
        "Der Pegel stieg, wie sdn berichtete, auf sieben Meter.",
        Lang::De,
        &[Some("sdn")],
    );
    check("Der Pegel stieg laut und schnell.", Lang::De, &[None]);
    // A web outlet's lower-case name after "wie".
    check(
        "Die Feier begann 25 Minuten später, wie lindhagen24 berichtete.",
        Lang::De,
        &[Some("lindhagen24")],
    );
    check(
        "Die Feier begann später, wie spiegel.de berichtete.",
        Lang::De,
        &[Some("spiegel.de")],
    );
    check(
        "Der Sprecher der Polizei sagte am Montag, die Lage sei ruhig.",
        Lang::De,
        &[Some("Der Sprecher der Polizei")],
    );
    check(
        "Die Lage sei ruhig, sagte ein Polizeisprecher.",
        Lang::De,
        &[Some("ein Polizeisprecher")],
    );
    check(
        "Am Montag erklärte Ministerin Anna Berg, das Gesetz komme.",
        Lang::De,
        &[Some("Ministerin Anna Berg")],
    );
    check(
        "Das Ministerium teilte am Dienstag mit, die Brücke bleibe gesperrt.",
        Lang::De,
        &[Some("Das Ministerium")],
    );
    check(
        "Die Stadt hat angekündigt, die Gebühren zu senken.",
        Lang::De,
        &[Some("Die Stadt")],
    );
    check(
        "Wie die Feuerwehr mitteilte, brannte die Halle vollständig aus.",
        Lang::De,
        &[Some("die Feuerwehr")],
    );
    check(
        "Er räumte ein, Fehler gemacht zu haben.",
        Lang::De,
        &[Some("Er")],
    );
    check(
        "In dem Bericht heißt es, die Kosten seien gestiegen.",
        Lang::De,
        &[Some("")],
    );
}

#[test]
fn german_prepositional_cues() {
    check(
        "Laut Polizei wurden drei Menschen verletzt.",
        Lang::De,
        &[Some("Polizei")],
    );
    check(
        "Den Angaben der Feuerwehr zufolge brach das Feuer nachts aus.",
        Lang::De,
        &[Some("der Feuerwehr")],
    );
    check(
        "Nach Angaben der Polizei gab es keine Verletzten.",
        Lang::De,
        &[Some("der Polizei")],
    );
    check(
        "Nach Polizeiangaben gab es keine Verletzten.",
        Lang::De,
        &[Some("Polizeiangaben")],
    );
    check(
        "Die Preise steigen weiter, so der Verband.",
        Lang::De,
        &[Some("der Verband")],
    );
    check(
        "Zwei Drittel der Methoden sind unwirksam, so das Ergebnis einer gestern vorgestellten Studie.",
        Lang::De,
        &[Some("")],
    );
    check(
        "Die Preise steigen weiter (Quelle: dpa).",
        Lang::De,
        &[Some("dpa")],
    );
}

#[test]
fn german_false_cues() {
    check(
        "Kritik wurde laut, nachdem die Brücke gesperrt wurde.",
        Lang::De,
        &[None],
    );
    check("Ein lauter Knall weckte die Anwohner.", Lang::De, &[None]);
    check(
        "Der Präsident erklärte den Notstand für beendet.",
        Lang::De,
        &[None],
    );
    check("Nicht erklärte Streiks sind verboten.", Lang::De, &[None]);
    // "zur … erklären" declares something, it reports nothing.
    check(
        "Die Stadt erklärte den Flughafen am Montag zur rauchfreien Zone.",
        Lang::De,
        &[None],
    );
    check("Die Brücke wird im März gesperrt.", Lang::De, &[None]);
    check("Nach dem Start stieg die Rakete auf.", Lang::De, &[None]);
    check("Hat der Minister das gesagt?", Lang::De, &[None]);
    check("Wie berichtet, ist die Brücke gesperrt.", Lang::De, &[None]);
}

#[test]
fn german_continuation_in_konjunktiv() {
    check(
        "Der Bürgermeister sagte, die Stadt müsse sparen. Die Lage sei ernst. Man habe keine Wahl. Am Abend tagte der Rat.",
        Lang::De,
        &[Some("Der Bürgermeister"), Some("Der Bürgermeister"), Some("Der Bürgermeister"), None],
    );
    // Konjunktiv I marks reported speech even without a frame nearby (no source then).
    check("Die Lage sei ernst.", Lang::De, &[Some("")]);
    check(
        "Die Lage ist ernst. Er stürzte fünf Meter tief.",
        Lang::De,
        &[None, None],
    );
    check(
        "Der Täter soll das Opfer mit einem Messer verletzt haben.",
        Lang::De,
        &[Some("")],
    );
}

#[test]
fn german_quotes_and_speakers() {
    check(
        "„Wir werden die Brücke nicht schließen“, sagte Müller.",
        Lang::De,
        &[Some("Müller")],
    );
    check(
        "Müller: „Wir werden die Brücke nicht schließen.“",
        Lang::De,
        &[Some("Müller")],
    );
    check(
        "„Wir schließen die Brücke nicht. Das ist sicher.“ Das sagte der Bürgermeister am Montag.",
        Lang::De,
        &[Some("der Bürgermeister"), Some("der Bürgermeister")],
    );
    check("Die Aktion hieß „Sauber“ und lief gut.", Lang::De, &[None]);
}

#[test]
fn english_cues() {
    check(
        "The bridge will close in March, the state transportation department said.",
        Lang::En,
        &[Some("the state transportation department")],
    );
    check(
        "The bridge will close, said Transportation Secretary Alan Brooks.",
        Lang::En,
        &[Some("Transportation Secretary Alan Brooks")],
    );
    // A source line names its source.
    check(
        "Source: Port Ellery Board of Elections, final unofficial results.",
        Lang::En,
        &[Some("Port Ellery Board of Elections")],
    );
    check(
        "Musk told reporters the deal was off.",
        Lang::En,
        &[Some("Musk")],
    );
    // Who is told is no speaker; an age between commas stays out of the name.
    check(
        "Evacuee Linda Ortega, 67, told KVTR that the dog came first.",
        Lang::En,
        &[Some("Evacuee Linda Ortega")],
    );
    check(
        "Sheriff Dana Whitcombe told the Ledger that the dog came first.",
        Lang::En,
        &[Some("Sheriff Dana Whitcombe")],
    );

    check(
        "According to the BBC, the talks failed.",
        Lang::En,
        &[Some("the BBC")],
    );
    check(
        "As the Guardian reported, the talks failed.",
        Lang::En,
        &[Some("the Guardian")],
    );
    check(
        "Officials believe that the fire was set deliberately.",
        Lang::En,
        &[Some("Officials")],
    );
    check(
        "Heavy rain is expected this week (Met Office).",
        Lang::En,
        &[Some("Met Office")],
    );
    check(
        "The talks failed, as [Reuters](https://reuters.com/x) noted.",
        Lang::En,
        &[Some("")],
    );
}

#[test]
fn english_false_cues_and_quotes() {
    check("The bridge will close in March.", Lang::En, &[None]);
    check("The United States sent aid.", Lang::En, &[None]);
    check("Did the mayor say that?", Lang::En, &[None]);
    check("The bridge closed, as reported.", Lang::En, &[None]);
    check(
        "“We will not close the bridge,” Brooks said.",
        Lang::En,
        &[Some("Brooks")],
    );
    check(
        "Brooks: “We will not close the bridge.”",
        Lang::En,
        &[Some("Brooks")],
    );
    check("The so-called “smart” bridge opened.", Lang::En, &[None]);
}

/// A "to"-infinitive of a reporting verb reports nothing unless its content follows.
#[test]
fn english_bare_infinitives_report_nothing() {
    check(
        "Nearly 150 residents signed up to speak before the vote.",
        Lang::En,
        &[None],
    );
    check(
        "The company declined to comment on the 38 layoffs.",
        Lang::En,
        &[None],
    );
    check(
        "Alvarez went on to say that the budget grows three percent.",
        Lang::En,
        &[Some("")],
    );
}

#[test]
fn german_source_names_are_clean() {
    // The source noun of "nach Angaben", "Angaben … zufolge" is no part of the source.
    check(
        "Nach Angaben von Anna Berg wurde niemand verletzt.",
        Lang::De,
        &[Some("Anna Berg")],
    );
    // An abbreviated title is part of the name, never the whole source.
    check(
        "„Die Lage ist ernst“, sagte Dr. Anna Müller.",
        Lang::De,
        &[Some("Dr. Anna Müller")],
    );
    check(
        "Prof. Jan Weber erklärte, die Werte seien normal.",
        Lang::De,
        &[Some("Prof. Jan Weber")],
    );
    // Name particles: "van", "de".
    check(
        "Die Sprecherin des Vereins, Heike van Laak, sagte dazu: „Wir bleiben bei unserem Ergebnis.“",
        Lang::De,
        &[Some("Die Sprecherin des Vereins, Heike van Laak")],
    );
    // An adverb before an apposition: "Auch X, Y, glaubt, dass …".
    check(
        "Auch Jan Weber, der Stellvertreter, glaubt, dass ein Verfahren möglich sei.",
        Lang::De,
        &[Some("Jan Weber, der Stellvertreter")],
    );
    // A quoted name ends the subject: "Die Wochenzeitung „Die Zeit“ meldet".
    check(
        "Die Wochenzeitung „Die Zeit“ meldet, die Firma sei zahlungsunfähig.",
        Lang::De,
        &[Some("Die Wochenzeitung „Die Zeit“")],
    );
}

#[test]
fn german_inverted_and_particle_verbs() {
    // "teilte das Unternehmen mit": "das" is an article here, not the pronoun.
    check(
        "Der Umsatz wird steigen, teilte das Unternehmen am Montag mit.",
        Lang::De,
        &[Some("das Unternehmen")],
    );
    // A participle with its particle attached ("angegeben") in a passive with content.
    check(
        "Als Grund wurde angegeben, die Kosten seien gestiegen.",
        Lang::De,
        &[Some("")],
    );
    // Expectation and estimate verbs with an organisation as subject.
    check(
        "Nordwerk rechnet mit 2000 Besuchern.",
        Lang::De,
        &[Some("Nordwerk")],
    );
    check(
        "Die Polizei schätzt die Zahl der Teilnehmer auf 5000.",
        Lang::De,
        &[Some("Die Polizei")],
    );
    // A parenthesis between the name and the verb.
    check(
        "Fraktionschef Dieter Lorch (Freie Wähler) sprach von einem Haushalt auf Pump.",
        Lang::De,
        &[Some("Fraktionschef Dieter Lorch")],
    );
    // An expectation with a figure as its object.
    check(
        "Für die kommende Woche erwartet der Wetterdienst bis zu 28 Grad.",
        Lang::De,
        &[Some("der Wetterdienst")],
    );
    check(
        "Kellner expects a pre-tax charge of about $38 million.",
        Lang::En,
        &[Some("Kellner")],
    );
    // A year in the first position, the subject after the verb.
    check(
        "Für 2025 rechnet Veltra mit einem Umsatz von 310 Millionen Euro.",
        Lang::De,
        &[Some("Veltra")],
    );
}

#[test]
fn english_double_apostrophe_quotes_and_titles() {
    // Two apostrophes as quotation marks, the speaker after the verb, "Mr." inside the name.
    check(
        "''We have a network that campaigns spend years trying to build,'' said Mr. Brown, who organizes.",
        Lang::En,
        &[Some("Mr. Brown")],
    );
    check(
        "''We now live in a world where shows never die,'' said David Nevins, the chief executive.",
        Lang::En,
        &[Some("David Nevins")],
    );
    check(
        "Mr. Brown said the bridge would close.",
        Lang::En,
        &[Some("Mr. Brown")],
    );
    check(
        "Speaker Rep. Paul Ryan said the image had no place in a campaign.",
        Lang::En,
        &[Some("Speaker Rep. Paul Ryan")],
    );
}

#[test]
fn english_appositions_and_inversions() {
    check(
        "Miss Bates, court clerk, said: \"The court is closed today.\"",
        Lang::En,
        &[Some("Miss Bates, court clerk")],
    );
    // "said he …" is the content's subject, not an inverted speaker.
    check(
        "Shane Shook, a security expert who studied the breaches, said he saw no evidence.",
        Lang::En,
        &[Some("Shane Shook, a security expert")],
    );
    check(
        "Facebook built the tool for crises, a spokeswoman, Anna White, said on Saturday.",
        Lang::En,
        &[Some("a spokeswoman, Anna White")],
    );
    check(
        "The bridge will close, said the transportation department.",
        Lang::En,
        &[Some("the transportation department")],
    );
    // A participle clause reports for the subject of the clause before it.
    check(
        "Trump mocked his rival, saying she would be a bad president.",
        Lang::En,
        &[Some("Trump")],
    );
    check(
        "Clinton has quickly responded to the ads.",
        Lang::En,
        &[Some("Clinton")],
    );
}

#[test]
fn english_false_cues_nouns_and_participles() {
    check(
        "When the voters finally had their say, they chose Cruz.",
        Lang::En,
        &[None],
    );
    check(
        "With all of the precincts reporting, the race was close.",
        Lang::En,
        &[None],
    );
    check(
        "Because at the paper, what Obama says is now the baseline.",
        Lang::En,
        &[None],
    );
}

#[test]
fn english_quotes_that_run_on() {
    // A quoted question is quoted speech.
    check(
        "“We will not close the bridge,” Brooks said. “Why would we?”",
        Lang::En,
        &[Some("Brooks"), Some("")],
    );
    // A quotation that runs into the next paragraph has no closing mark in its own.
    check(
        "“We will not close the bridge,” Brooks said.\n\n“We have the money. Everything is planned.\n\n“We start in May,” he added.",
        Lang::En,
        &[Some("Brooks"), Some(""), Some(""), Some("he")],
    );
}

#[test]
fn german_prepositional_sources_beyond_noun_phrases() {
    // "laut" with a website, a quoted name or several adjectives.
    check(
        "Laut faz.net appellierte der Minister an die Teilnehmer.",
        Lang::De,
        &[Some("faz.net")],
    );
    check(
        "Laut „Welt“ soll er sich in Haft befinden.",
        Lang::De,
        &[Some("„Welt“")],
    );
    check(
        "Laut nationalem statistischen Institut lebten 40 Prozent in Armut.",
        Lang::De,
        &[Some("")],
    );
    // "zufolge" after a quoted name or a bracketed abbreviation.
    check(
        "Zudem spielte England dem „Figaro“ zufolge eine wichtige Rolle.",
        Lang::De,
        &[Some("dem „Figaro“")],
    );
    // A quoted name inside the clause does not cut the particle off its verb: the speaker
    // comes first ("hob … hervor"), the outlet's "zufolge" stays a cue of its own.
    check(
        "Zudem hob Sarkozy dem „Figaro“ zufolge die Rolle Englands hervor.",
        Lang::De,
        &[Some("Sarkozy")],
    );
    check(
        "Einer Erklärung des Verbandes (VDR) zufolge kamen mehrere tausend Lehrer.",
        Lang::De,
        &[Some("des Verbandes (VDR)")],
    );
    // "nach" with a genitive name, a relative clause on a source noun, a postposition.
    check(
        "Nach Grupps Meinung werden Entscheidungen im Größenwahn getroffen.",
        Lang::De,
        &[Some("")],
    );
    check(
        "Es gibt Gerüchte, nach denen der Sänger krank war.",
        Lang::De,
        &[Some("Gerüchte")],
    );
    check(
        "Die Regierung ist ihrer Meinung nach zu Unrecht im Amt.",
        Lang::De,
        &[Some("")],
    );
    check(
        "Nach dem Grundgesetz hat der Kanzler die Richtlinienkompetenz.",
        Lang::De,
        &[Some("")],
    );
}

#[test]
fn german_frames_and_as_clauses() {
    // A frame without a speaker, with its content.
    check(
        "Im April wurde dann bekannt, dass der Sänger an Krebs litt.",
        Lang::De,
        &[Some("")],
    );
    check("Er wurde durch seine Lieder bekannt.", Lang::De, &[None]);
    // A passive accusation with an infinitive clause.
    check(
        "Ihm wird unter anderem vorgeworfen, in die Übernahme eingegriffen zu haben.",
        Lang::De,
        &[Some("")],
    );
    // "wie X, Y, … mitteilte"; "wie schon X sagte".
    check(
        "Wie der Sprecher der Kommission, Gerald Braun, in Luxemburg mitteilte, sieht der Konzern eine Benachteiligung.",
        Lang::De,
        &[Some("der Sprecher der Kommission, Gerald Braun")],
    );
    check(
        "Wie schon die WHO sagte, ist eine Ansteckung unwahrscheinlich.",
        Lang::De,
        &[Some("die WHO")],
    );
    // A quoted name alone as the subject.
    check(
        "„BBC News“ berichtet, dass die Gefangenen ausgebrochen sind.",
        Lang::De,
        &[Some("„BBC News“")],
    );
}

#[test]
fn german_titles_modals_and_acronyms_are_no_attribution() {
    // A capitalised quotation used as a noun is a title or a name.
    check(
        "Der Film trägt den Titel „Todeszone im Atlantik – Das Bermuda-Dreieck“.",
        Lang::De,
        &[None],
    );
    check(
        "Die Frachtmaschine der Firma „Air Pony Express Inc“ hatte Granit geladen.",
        Lang::De,
        &[None],
    );
    // An acronym after a quoted name is its abbreviation, not a source note.
    check(
        "Er wurde Präsident der „Internationale der Öffentlichen Dienste“ (IÖD).",
        Lang::De,
        &[None],
    );
    // A reporting verb's infinitive after a modal or future auxiliary.
    check(
        "Die Partei wird darauf bestehen, dass ihr Name bleibt.",
        Lang::De,
        &[None],
    );
    // "wollen" states an intention: still attributed.
    check(
        "Der Minister will den Bericht am Montag bestätigen.",
        Lang::De,
        &[Some("Der Minister")],
    );
}

#[test]
fn content_before_an_anaphoric_frame() {
    check(
        "Trapattoni wird neuer Trainer in Stuttgart. Dies gab die Vereinsführung heute bekannt.",
        Lang::De,
        &[Some("die Vereinsführung"), Some("die Vereinsführung")],
    );
    check(
        "In dem Fahrzeug befand sich eine weitere Mitarbeiterin. Das bestätigte die Organisation in Bonn.",
        Lang::De,
        &[Some("die Organisation"), Some("die Organisation")],
    );
    // Only the demonstrative refers back.
    check(
        "Die Halle brannte aus. Die Feuerwehr bestätigte den Einsatz.",
        Lang::De,
        &[None, Some("Die Feuerwehr")],
    );
}

#[test]
fn german_subjects_before_comma_verbs_and_predicative_als() {
    // The apposition before a comma-initial verb is the subject, not the dative after it.
    check(
        "Der bayerische CSU-Vorsitzende, Edmund Stoiber, warf der SPD eine Fehlentwicklung vor.",
        Lang::De,
        &[Some("Der bayerische CSU-Vorsitzende, Edmund Stoiber")],
    );
    // "Als Begründung …" is predicative; the subject follows the verb.
    check(
        "Als Begründung gaben die USA an, zwei Passagiere seien verdächtig.",
        Lang::De,
        &[Some("die USA")],
    );
    // "Wie „Spiegel Online“ berichtet": a quoted name in a wie-clause.
    check(
        "Wie „Spiegel Online“ berichtet, sperrten die Behörden den Zugang.",
        Lang::De,
        &[Some("„Spiegel Online“")],
    );
}

#[test]
fn german_figures_with_counting_and_report_verbs() {
    // A reporting or counting verb with a subject and an object or prepositional object instead
    // of a clause attributes the figure to the subject.
    check(
        "Auch der Lindhagener Anzeiger berichtete von 1.124 Ausstellern.",
        Lang::De,
        &[Some("der Lindhagener Anzeiger")],
    );
    check(
        "Die Polizei sprach von 14 Verletzten.",
        Lang::De,
        &[Some("Die Polizei")],
    );
    check(
        "Der Sender meldete 2.500 Evakuierte.",
        Lang::De,
        &[Some("Der Sender")],
    );
    check(
        "Die Feuerwehr zählte 120 Einsätze.",
        Lang::De,
        &[Some("Die Feuerwehr")],
    );
    check(
        "Das Landratsamt bezifferte den Schaden auf 95 Millionen Euro.",
        Lang::De,
        &[Some("Das Landratsamt")],
    );
    check(
        "Die Messe gab die Zahl der Besucher mit 72.000 an.",
        Lang::De,
        &[Some("Die Messe")],
    );
    check(
        "Die Polizei schätzte die Zahl der Teilnehmer auf 3.000.",
        Lang::De,
        &[Some("Die Polizei")],
    );
    // The required word after an enumeration with commas.
    check(
        "Die Polizei schätzt den Schaden an Straßen, Brücken und Gebäuden auf 3,5 Millionen Euro.",
        Lang::De,
        &[Some("Die Polizei")],
    );
    check(
        "Das Landratsamt beziffert den Schaden an Straßen, Brücken und Gebäuden auf 3,5 Millionen Euro.",
        Lang::De,
        &[Some("Das Landratsamt")],
    );
    check(
        "Die Veranstalter schätzten 40.000 Besucher.",
        Lang::De,
        &[Some("Die Veranstalter")],
    );
    check(
        "Am Sonntag zählten die Veranstalter rund 40.000 Besucher.",
        Lang::De,
        &[Some("die Veranstalter")],
    );
    check(
        "Ebenfalls die Stadtwerke berichteten über 300 Ausfälle.",
        Lang::De,
        &[Some("die Stadtwerke")],
    );
}

#[test]
fn german_counting_verbs_without_a_figure_attribute_nothing() {
    check("Er zählt zu den besten Spielern.", Lang::De, &[None]);
    check("Auf ihn zählte die Mannschaft.", Lang::De, &[None]);
    check("Jede Stimme zählt.", Lang::De, &[None]);
    check("Die Stadt zählt 50.000 Einwohner.", Lang::De, &[None]);
    check("Sie schätzt die Arbeit der Helfer.", Lang::De, &[None]);
    check("Auch die Brücke stürzte ein.", Lang::De, &[None]);
    check(
        "Auch das Komitee lehnt einen Boykott ab.",
        Lang::De,
        &[None],
    );
    check(
        "Auch der Sprecher sagte, die Lage sei ruhig.",
        Lang::De,
        &[Some("der Sprecher")],
    );
    // A focus particle inside a clause that is no main clause: no subject.
    check(
        "Die Erde passierte den Perihel (auch Perigäum genannt).",
        Lang::De,
        &[None],
    );
    // The figure is no part of the subject after the verb.
    check(
        "Unter den größten Firmen zählte EY 36 Konzerne aus Europa.",
        Lang::De,
        &[Some("EY")],
    );
}

#[test]
fn english_figures_with_counting_and_estimate_verbs() {
    check(
        "KPEL News 7 put the number of ballots cast at about 112,000.",
        Lang::En,
        &[Some("KPEL News 7")],
    );
    check(
        "The agency pegged the damage at $4 million.",
        Lang::En,
        &[Some("The agency")],
    );
    check(
        "The fire department placed the number of injured at 14.",
        Lang::En,
        &[Some("The fire department")],
    );
    check(
        "The sheriff's office counted 14 injured.",
        Lang::En,
        &[Some("The sheriff's office")],
    );
    check(
        "The Courier reported 2,500 evacuees.",
        Lang::En,
        &[Some("The Courier")],
    );
    check(
        "Officials tallied 58,214 votes for Whitcombe.",
        Lang::En,
        &[Some("Officials")],
    );
    check(
        "The company estimated the cost at $38 million.",
        Lang::En,
        &[Some("The company")],
    );
    check(
        "Analysts at Garrow & Finch estimate the cost at $38 million.",
        Lang::En,
        &[Some("Analysts at Garrow & Finch")],
    );
    check(
        "Organizers estimated 40,000 visitors on Sunday.",
        Lang::En,
        &[Some("Organizers")],
    );
    check("An estimated 40,000 people attended.", Lang::En, &[None]);
    check(
        "The turnout was 61 percent, according to figures from the board.",
        Lang::En,
        &[Some("the board")],
    );
    check(
        "According to data released by the county, 312 homes were damaged.",
        Lang::En,
        &[Some("the county")],
    );
}

#[test]
fn english_counting_verbs_without_a_figure_attribute_nothing() {
    check("Every vote counted.", Lang::En, &[None]);
    check("The team counted on its captain.", Lang::En, &[None]);
    check("She placed the vase at the door.", Lang::En, &[None]);
    check(
        "The current delegate count is Donald Trump 384, Ted Cruz 300.",
        Lang::En,
        &[None],
    );
}

/// A time adverb before the verb is no speaker: "AMD today announced" and "AMD (NYSE: AMD)
/// today announced" are AMD's, not "today"'s.
#[test]
fn english_time_adverb_before_the_verb_is_no_speaker() {
    check(
        "Kellner Home Products Inc. today announced a recall of 412,000 cookers. AMD yesterday said it would buy SeaMicro.",
        Lang::En,
        &[Some("Kellner Home Products Inc."), Some("AMD")],
    );
    // A parenthesis between the name and the verb holds clause breaks of its own.
    check(
        "AMD (NYSE: AMD) today announced it will buy SeaMicro.",
        Lang::En,
        &[Some("AMD")],
    );
}

/// A thought verb after its content, in the sentence's last clause, attributes the content to
/// its subject; without a subject after it (a coordinated verb), it does not.
#[test]
fn thought_verbs_after_their_content() {
    check(
        "Die Gefahr ist hoch, glauben die Forscher. Die Gefahr ist hoch, stellten die Wissenschaftler außerdem fest. Er kam spät, fürchtete sich aber nicht.",
        Lang::De,
        &[Some("die Forscher"), Some("die Wissenschaftler"), None],
    );
    check(
        "The risk is high, researchers believe. The risk is high and rising.",
        Lang::En,
        &[Some("researchers"), None],
    );
}

/// "wie X berichtete" after a conjunction; an outlet's name in quotation marks after its
/// article is a name, not a quotation.
#[test]
fn as_clauses_after_a_conjunction_and_quoted_outlet_names() {
    check(
        "Denn wie die Zeitung berichtete, leidet er an Alzheimer. Und wie die Polizei mitteilte, ist niemand verletzt. Die „Süddeutsche Zeitung“ berichtete, die Gefahr sei hoch.",
        Lang::De,
        &[
            Some("die Zeitung"),
            Some("die Polizei"),
            Some("Die „Süddeutsche Zeitung“"),
        ],
    );
}

#[test]
fn german_ordinal_dots_and_dates_cut_no_clause() {
    // "4." is an ordinal: the clause goes on, and the subject follows the auxiliary.
    check(
        "Am 4. April 2006 hatte Thaksin seinen Rücktritt bekannt gegeben, nachdem die Wahl scheiterte.",
        Lang::De,
        &[Some("Thaksin")],
    );
    // A passive with no agent and no content: "Juni" is no speaker.
    check(
        "Das offizielle Ergebnis der Wahl wird am 08. Juni bekannt gegeben.",
        Lang::De,
        &[None],
    );
    // "für"/"zur" before a verb-final participle: "zur Zone erklärt" declares, it reports nothing.
    check(
        "Der Flughafen wurde am 15. April zur rauchfreien Zone erklärt.",
        Lang::De,
        &[None],
    );
}

#[test]
fn german_first_position_adverbials_are_no_speakers() {
    // Prepositions opening the clause.
    check(
        "Bezüglich des Startortes meldet die Nachrichtenagentur Xinhua, die Maschine sei gestartet.",
        Lang::De,
        &[Some("die Nachrichtenagentur Xinhua")],
    );
    check(
        "Zu den Gegenveranstaltungen hatten über 50 linke Gruppen aufgerufen.",
        Lang::De,
        &[None],
    );
    // A time phrase.
    check(
        "Ende Januar 2006 verkündete der Verband, dass man sich bewerben werde.",
        Lang::De,
        &[Some("der Verband")],
    );
    // An adverb or adjective alone before the finite verb.
    check(
        "Täglich haben etwa eine Million Nutzer die Seite aufgerufen.",
        Lang::De,
        &[None],
    );
    check(
        "Sinngemäß hofft Musk also, dass der nächste Start gelingt.",
        Lang::De,
        &[Some("Musk")],
    );
    // An object first: a nominative pronoun after the finite verb is the subject.
    check(
        "Der Politik schlug er vor, sich an US-Modellen zu orientieren.",
        Lang::De,
        &[Some("er")],
    );
    // A demonstrative before its noun is its determiner.
    check(
        "Ab einem Wert von unter 50 signalisiert dieser Index einen Rückgang.",
        Lang::De,
        &[Some("dieser Index")],
    );
}

#[test]
fn german_source_nouns_take_possessive_and_adjective_genitives() {
    check(
        "Nach Angaben seines Anwalts starb er in seinem Haus am See.",
        Lang::De,
        &[Some("seines Anwalts")],
    );
    check(
        "Nach Angaben libanesischer Sicherheitskreise wurde eine Person getötet.",
        Lang::De,
        &[Some("libanesischer Sicherheitskreise")],
    );
}

#[test]
fn german_subjects_across_clause_marks() {
    // The content before a trailing thought verb is no apposition of its subject.
    check(
        "Die Gefährdung ist bei Frauen noch höher als bei Männern, stellten die Wissenschaftler fest.",
        Lang::De,
        &[Some("die Wissenschaftler")],
    );
    // A bracket or a quoted name closes the subject before a finite auxiliary.
    check(
        "Ministerpräsident Günther Oettinger (CDU) hat nun angekündigt, das Gymnasium zu reformieren.",
        Lang::De,
        &[Some("Ministerpräsident Günther Oettinger (CDU)")],
    );
    check(
        "Die „Süddeutsche Zeitung“ hatte gestern berichtet, 200 Mitarbeiter sollen entlassen werden.",
        Lang::De,
        &[Some("Die „Süddeutsche Zeitung“")],
    );
    // An apposition with a prepositional attribute inside a "wie" clause.
    check(
        "Wie Steve Marshall, Sprecher der UN-Büros in Birma, in Bangkok mitteilte, sind nur sechs Hubschrauber im Einsatz.",
        Lang::De,
        &[Some("Steve Marshall, Sprecher der UN-Büros in Birma")],
    );
    // A focus particle, the subject and then the finite auxiliary.
    check(
        "Auch einige kleinere Parteien haben angekündigt, vor das Gericht zu ziehen.",
        Lang::De,
        &[Some("einige kleinere Parteien")],
    );
    // A quotation inside the clause cuts neither the agent nor "als" off the verb.
    check(
        "Seine Werke werden von Musikkennern als „Meilensteine der Musik“ bezeichnet.",
        Lang::De,
        &[Some("Musikkennern")],
    );
    check(
        "Wie die „Bild“-Zeitung in ihrer Ausgabe vom 17.12.2005 berichtete, leidet der Schauspieler an Alzheimer.",
        Lang::De,
        &[Some("die „Bild“-Zeitung")],
    );
}

#[test]
fn german_complements_and_clauses_of_their_own() {
    // "zu" inside a particle verb's infinitive makes the complement of a thought verb.
    check(
        "Das Kabinett hat am Dienstag entschieden, einen Gesetzentwurf in den Landtag einzubringen.",
        Lang::De,
        &[Some("Das Kabinett")],
    );
    // A clause with its own finite verb is no list item the particle may follow.
    check(
        "Ob es bei der Vertreibung Verletzte gab, ist derzeit noch nicht bekannt.",
        Lang::De,
        &[None],
    );
}

#[test]
fn german_cross_references_report_nothing() {
    check(
        "Die SPD scheint zur Juniorpartnerschaft bereitzustehen (Wikinews berichtete).",
        Lang::De,
        &[None],
    );
    check(
        "Die Brücke bleibt bis Mai gesperrt (wir berichteten).",
        Lang::De,
        &[None],
    );
    // A bracket with more than a subject and the verb still reports.
    check(
        "Die Brücke bleibt gesperrt (die Stadt berichtete von Rissen).",
        Lang::De,
        &[Some("die Stadt")],
    );
}

#[test]
fn german_articles_subordinate_modals_and_first_persons_continue_nothing() {
    // "Das Gericht" is an article and a noun, not "Das" referring back.
    check(
        "Die Gemeinde hatte Klage erhoben. Das Bundesverfassungsgericht wies die Klage zurück.",
        Lang::De,
        &[None, Some("Das Bundesverfassungsgericht")],
    );
    // "soll" at the end of a relative clause, "Sollte" opening a condition: no hearsay.
    check(
        "Der Minister sagte, die Strecke werde privat gebaut. Der Abschnitt ist das erste Projekt, das nicht aus dem Haushalt finanziert werden soll.",
        Lang::De,
        &[Some("Der Minister"), None],
    );
    check(
        "Der Anwalt sagte, der Antrag sei gestellt. Sollte der Antrag angenommen werden, könnte die Seite wieder online gehen.",
        Lang::De,
        &[Some("Der Anwalt"), None],
    );
    // The past "sollte" with no frame tells a plan or a fate, not hearsay.
    check(
        "Am Ende des Durchgangs sollte sie Neunte sein.",
        Lang::De,
        &[None],
    );
    check(
        "Der Täter soll das Opfer erstochen haben.",
        Lang::De,
        &[Some("")],
    );
    // With "ich" in its clause, "habe" is the first person's indicative.
    check(
        "Der Künstler sagte, er sei glücklich. Ich habe so viel gelernt, indem ich alles ausprobiert habe.",
        Lang::De,
        &[Some("Der Künstler"), None],
    );
}

#[test]
fn english_passive_auxiliary_stands_before_the_participle() {
    check(
        "Obama responded by saying his refusal was an issue.",
        Lang::En,
        &[Some("Obama")],
    );
    check(
        "The closure was announced by the county on Monday.",
        Lang::En,
        &[Some("the county")],
    );
}

#[test]
fn german_quotes_after_a_colon_take_the_subject_of_its_clause() {
    check(
        "Teamchef Jean Todt stellt sich vor seinen Piloten: „Er ist immer noch der Meister, den wir schätzen.“",
        Lang::De,
        &[Some("Teamchef Jean Todt")],
    );
    // The reflexive pronoun between the verb and its subject.
    check(
        "In einem Interview äußerte sich der Außenbeauftragte Javier Solana zuversichtlich: „Ich gehe davon aus, dass eine Einigung gelingt.“",
        Lang::De,
        &[Some("der Außenbeauftragte Javier Solana")],
    );
    check(
        "Zum gleichen Thema äußerte sich heute auch der Präsident, er sei zufrieden.",
        Lang::De,
        &[Some("der Präsident")],
    );
}

#[test]
fn german_reflexive_uses_of_reporting_verbs_are_other_verbs() {
    check(
        "Damit bestätigt sich die Befürchtung, dass das Virus sich ausbreitet.",
        Lang::De,
        &[None],
    );
    check(
        "Nach dem Ende der Auktion meldete sich der Betrüger bei den Käufern.",
        Lang::De,
        &[None],
    );
    check(
        "Als Nachfolger haben sich bereits drei Kandidaten gemeldet.",
        Lang::De,
        &[None],
    );
    // Verbs whose entry allows the pronoun still report.
    check(
        "Offenbar entschied sich der Leiter dazu, ein Kamel zu schlachten.",
        Lang::De,
        &[Some("der Leiter")],
    );
}

#[test]
fn german_laut_before_an_article_with_a_long_attribute() {
    // The article makes "laut" the preposition; its noun comes after a participle's phrase.
    check(
        "Laut einer am Dienstag veröffentlichten Pressemitteilung des WFP wurden 2.000 Menschen versorgt.",
        Lang::De,
        &[Some("des WFP")],
    );
    // The adjective "laut" stays no cue.
    check(
        "Die Kritik an der am Dienstag veröffentlichten Mitteilung wurde laut.",
        Lang::De,
        &[None],
    );
}

#[test]
fn german_rulings_admissions_and_complaints_report() {
    check(
        "Die Kürzung der Pauschale ist rechtswidrig. Dies urteilte heute das Bundesverfassungsgericht.",
        Lang::De,
        &[Some("das Bundesverfassungsgericht"), Some("das Bundesverfassungsgericht")],
    );
    check(
        "Die Organisatoren gestanden ein, dass die Sängerin nicht gesungen hatte.",
        Lang::De,
        &[Some("Die Organisatoren")],
    );
    check(
        "Außerdem bemängeln die Kläger, dass der Bundesrat ausgeschlossen wurde.",
        Lang::De,
        &[Some("die Kläger")],
    );
    // "Zusammen mit X" opens the clause as an adverbial.
    check(
        "Zusammen mit dem Finanzminister plädiert Frank für eine Erweiterung der Befugnisse.",
        Lang::De,
        &[Some("Frank")],
    );
}

#[test]
fn german_konjunktiv_of_ieren_verbs() {
    check(
        "Der Verein teilte mit, die Seite sei gesperrt. Der Zugriff über die andere Adresse funktioniere weiterhin.",
        Lang::De,
        &[Some("Der Verein"), Some("Der Verein")],
    );
    // The first person's indicative.
    check(
        "Der Künstler sagte, er sei glücklich. Ich probiere gern Neues aus.",
        Lang::De,
        &[Some("Der Künstler"), None],
    );
}

#[test]
fn german_decimal_commas_cut_no_clause() {
    // The comma of "3,6" is part of the figure: the subject and its verb stay in one clause.
    check(
        "Die japanischen Behörden haben 3,6 Millionen Einwohner aufgefordert, ihre Häuser zu verlassen.",
        Lang::De,
        &[Some("Die japanischen Behörden")],
    );
}

#[test]
fn english_thousands_commas_and_party_tags_cut_no_clause() {
    check(
        "The union, which represents 1,200 workers, said the strike would go on.",
        Lang::En,
        &[Some("The union")],
    );
    // "D-W.Va.," abbreviates: the dot before the comma ends no sentence or clause.
    check(
        "Rep. Nick Rahall, D-W.Va., said members may try to eliminate the regulations.",
        Lang::En,
        &[Some("Rep. Nick Rahall, D-W.Va.")],
    );
}

#[test]
fn german_participles_of_strong_verbs() {
    check(
        "Die Vereinsleitung hat nun versprochen, gegen die Randalierer vorzugehen.",
        Lang::De,
        &[Some("Die Vereinsleitung")],
    );
    check(
        "Die Kommission hat empfohlen, die Frist zu verlängern.",
        Lang::De,
        &[Some("Die Kommission")],
    );
}

#[test]
fn german_konjunktiv_ii_of_strong_verbs_continues() {
    check(
        "Der Abgeordnete sagte, die Lage sei ernst. Wilde Müllablagerungen böten den Insekten ideale Bedingungen.",
        Lang::De,
        &[Some("Der Abgeordnete"), Some("Der Abgeordnete")],
    );
    check(
        "Die Regierung erklärte, es gebe Probleme. Die wichtigsten Dämme befänden sich nahe der Grenze.",
        Lang::De,
        &[Some("Die Regierung"), Some("Die Regierung")],
    );
}

#[test]
fn german_infinitive_before_a_modal_reports_nothing() {
    check(
        "Das Land Berlin hätte eine Rückübertragung der Grundstücke verlangen müssen.",
        Lang::De,
        &[None],
    );
    check(
        "Die Rechtspopulisten hätten mit 39 Prozent der Stimmen rechnen können.",
        Lang::De,
        &[None],
    );
}

#[test]
fn german_second_position_verb_before_a_comma_is_not_verb_final() {
    // "für" belongs to the subject, not to "erklärte … für beendet".
    check(
        "Ken Rice vom Institut für Astronomie erklärte, die Entdeckung werfe ein neues Licht auf die Theorie.",
        Lang::De,
        &[Some("Ken Rice vom Institut")],
    );
    // Verb-final after an auxiliary, and a predicate after the verb, still declare nothing.
    check(
        "Der Flughafen wurde am 15. April zur rauchfreien Zone erklärt.",
        Lang::De,
        &[None],
    );
    check(
        "Der Richter erklärte das Spiel für beendet.",
        Lang::De,
        &[None],
    );
}

#[test]
fn german_focus_particle_before_an_inverted_subject() {
    check(
        "Von den Einrichtungen erklärten nur die Gefängnisse, nicht an der Aktion teilnehmen zu wollen.",
        Lang::De,
        &[Some("die Gefängnisse")],
    );
}

#[test]
fn coordinated_reporting_verbs_share_the_first_subject() {
    check(
        "Police arrived at the scene and said the man had fled.",
        Lang::En,
        &[Some("Police")],
    );
    check(
        "The company cut 300 jobs last year and said it would cut more.",
        Lang::En,
        &[Some("The company")],
    );
    check(
        "Am Abend sperrte die Polizei die Straße und teilte mit, der Fahrer sei geflohen.",
        Lang::De,
        &[Some("die Polizei")],
    );
    // The reflexive pronoun before "und" is the first verb's.
    check(
        "Ein Journalist der Agentur befand sich nahe der Explosion und berichtete, dass Kinder zu einem Auto rannten.",
        Lang::De,
        &[Some("Ein Journalist der Agentur")],
    );
    // A reflexive use of its own is still no report.
    check(
        "Am Montag haben sich drei Kandidaten gemeldet.",
        Lang::De,
        &[None],
    );
    // Without reported content the second verb is no report ("added six rebounds").
    check(
        "Artino scored a career-high 14 points and added six rebounds in the win.",
        Lang::En,
        &[None],
    );
}

#[test]
fn english_long_appositions_and_prepositional_asides() {
    check(
        "Jamie Rappaport Clark, a former director of the Fish and Wildlife Service and a vice president of Defenders of Wildlife, said Thursday that the changes go too far.",
        Lang::En,
        &[Some("Jamie Rappaport Clark, a former director of the Fish and Wildlife Service and a vice president of Defenders of Wildlife")],
    );
    check(
        "Oklahoma Sen. James Inhofe, the leading Republican on the Senate Environment and Public Works Committee, said the rules were overdue.",
        Lang::En,
        &[Some("Oklahoma Sen. James Inhofe, the leading Republican on the Senate Environment and Public Works Committee")],
    );
    check(
        "Jackson, in a statement released through the team, said he did not think charges would be filed.",
        Lang::En,
        &[Some("Jackson")],
    );
    // An acronym that spells a relative pronoun names the speaker.
    check(
        "The airport was also closed on security concerns, the WHO said.",
        Lang::En,
        &[Some("the WHO")],
    );
}

#[test]
fn german_konjunktiv_i_in_second_position_continues() {
    check(
        "Der Wetterdienst warnte, es gebe Sturm. Dies bedinge teilweise schwere Böen.",
        Lang::De,
        &[Some("Der Wetterdienst"), Some("Der Wetterdienst")],
    );
    check(
        "Elshorst sagte, der Verein prüfe den Fall. Jedoch ruhe die Mitgliedschaft der Firma gegenwärtig.",
        Lang::De,
        &[Some("Elshorst"), Some("Elshorst")],
    );
    // Adjectives in -e after an article or further in are no verbs.
    check(
        "Der Experte sagte, die Sorte sei neu. Die neue transgene Sorte trägt den Namen Fortuna.",
        Lang::De,
        &[Some("Der Experte"), None],
    );
    check(
        "Der Experte sagte, die Lage sei ernst. Nach dem möglicherweise vorsätzlich begangenen Delikt richteten sich die Proteste gegen den Clan.",
        Lang::De,
        &[Some("Der Experte"), None],
    );
    // Nor is an -e form after the subject pronoun and before a noun: an adjective.
    check(
        "Die Gemeinde will zehn Millionen Euro investieren. Dafür nimmt sie neue Kredite auf.",
        Lang::De,
        &[None, None],
    );
    check(
        "Der Bürgermeister sagte, die Lage sei ernst. Dafür arbeite er Tag und Nacht.",
        Lang::De,
        &[Some("Der Bürgermeister"), Some("Der Bürgermeister")],
    );
}

#[test]
fn german_findings_framed_by_wie() {
    check(
        "Wie eine Studie ergab, trinken viele Kinder regelmäßig Alkohol.",
        Lang::De,
        &[Some("eine Studie")],
    );
    check(
        "Wie aus einer Verlautbarung der ISAF hervorgeht, wurden im Bezirk Zhari fünf Zivilisten getötet.",
        Lang::De,
        &[Some("einer Verlautbarung der ISAF")],
    );
    // Without "wie" a result reports nothing.
    check(
        "Die Untersuchung ergab keine Hinweise auf Fremdverschulden.",
        Lang::De,
        &[None],
    );
}

#[test]
fn german_names_in_quotation_marks_and_participle_attributes_as_subjects() {
    check(
        "Das „National Hurricane Centre“ der USA geht davon aus, dass er Kategorie fünf erreichen wird.",
        Lang::De,
        &[Some("Das „National Hurricane Centre“ der USA")],
    );
    check(
        "Am Montag hatte „France Football“ diese Entscheidung in Paris bekannt gegeben.",
        Lang::De,
        &[Some("„France Football“")],
    );
    check(
        "Wie „heise online“ berichtet, sperrten chinesische Behörden den Zugang.",
        Lang::De,
        &[Some("„heise online“")],
    );
    check(
        "Er starb am Samstag, teilte die zur Stanford University gehörende Hoover Institution mit.",
        Lang::De,
        &[Some("Hoover Institution")],
    );
    // A participle before a quoted name names a thing.
    check(
        "Seit November gilt ein neuer Standard für Discs, genannt „Blu-ray-Disc-Profil 1.1“.",
        Lang::De,
        &[None],
    );
}

#[test]
fn german_so_before_an_inverted_thought_verb() {
    check(
        "Aus Berlin kämen zu strenge Weisungen, so glaubt man.",
        Lang::De,
        &[Some("man")],
    );
    check(
        "Der Grund, so vermutet die Zeitung The Guardian, dürfte deren Unterstützung gewesen sein.",
        Lang::De,
        &[Some("die Zeitung The Guardian")],
    );
}

#[test]
fn german_quotation_in_the_first_position_before_an_inverted_subject() {
    check(
        "Als „unerwartetes Geschenk“ bezeichnet die Archäologin Montserrat Sanz den Fund.",
        Lang::De,
        &[Some("die Archäologin Montserrat Sanz")],
    );
    check(
        "Von einer „gezielten Indiskredition“ sprach der Grünen-Politiker Christian Ströbele.",
        Lang::De,
        &[Some("der Grünen-Politiker Christian Ströbele")],
    );
}

#[test]
fn german_bracketed_abbreviation_inside_an_apposition_subject() {
    check(
        "Der Kommissionspräsident der Afrikanischen Union (AU), Alpha Omar Konaré, nannte dies einen Putsch.",
        Lang::De,
        &[Some("Der Kommissionspräsident der Afrikanischen Union (AU), Alpha Omar Konaré")],
    );
}

/// A table's source column credits each row's cells to the source that row names; a table
/// without one credits nothing, and the header row is no claim of the source.
#[test]
fn a_tables_source_column_credits_its_rows() {
    check(
        "| Kennzahl | Wert | Quelle |\n|---|---|---|\n| Einsatzkräfte | mehr als 400 | Landratsamt |\n",
        Lang::De,
        &[
            None,
            None,
            None,
            Some("Landratsamt"),
            Some("Landratsamt"),
            None,
        ],
    );
    check(
        "| Item | Figure | Source |\n|---|---|---|\n| Flights canceled | 212 | Airport authority |\n",
        Lang::En,
        &[
            None,
            None,
            None,
            Some("Airport authority"),
            Some("Airport authority"),
            None,
        ],
    );
    check(
        "| Kennzahl | Wert | Ort |\n|---|---|---|\n| Einsatzkräfte | mehr als 400 | Marlenbach |\n",
        Lang::De,
        &[None, None, None, None, None, None],
    );
}
