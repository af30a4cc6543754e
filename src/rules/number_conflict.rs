//! `number-conflict`: a figure that no corpus source supports while sources state a different
//! figure for the same quantity.
//!
//! ## What it flags
//! A figure in the draft whose interval (approximators, bounds and implied rounding included,
//! units converted) overlaps no corpus figure of the same quantity, while at least one corpus
//! figure of that quantity exists. Attribution does not excuse it: "laut X waren es 800.000"
//! still conflicts when X said eight million.
//!
//! ## Why
//! A wrong figure is the most common correction a newsroom prints.
//!
//! ## Example
//! Corpus: "About 68,000 vehicles cross the bridge every day." Draft: "About 90,000 vehicles
//! cross the bridge every day." → `number-conflict` on "About 90,000".
//! Korpus: „Im Jahr 2022 kaufte Musk Twitter für 44 Milliarden Dollar.“ Entwurf: „Musk kaufte
//! Twitter 2022 für 54 Milliarden Dollar.“ → `number-conflict`.
//!
//! ## Fix safety
//! Replacing the figure with the sources' wording is offered but never applied automatically:
//! the reporter may know better than the corpus.

use crate::finding::{Finding, RuleId, Severity};
use crate::rules::figures::{describe, figure_findings_evidence, replacement_fixes, split};
use crate::rules::{Rule, RuleContext, RuleMeta};

pub struct NumberConflict;

static META: RuleMeta = RuleMeta {
    id: RuleId::NumberConflict,
    summary: "A figure that no source supports while sources state a different one",
    default_severity: Severity::Error,
    fixable: true,
    docs: "Flags a figure in the draft that no corpus document supports while corpus documents state a different \
figure for the same quantity (same dimension after unit conversion, same thing counted in the same context). \
Approximators and bounds are intervals: \"mehr als 40\" supports 45 but not 60. Applies even when the sentence is \
attributed. Fix: replace the figure with the sources' figure (never applied automatically).",
};

impl Rule for NumberConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        for (qi, q) in ctx.facts.quantities.iter().enumerate() {
            if !ctx.wants(q.span) {
                continue;
            }
            let Some(matches) = ctx.matches.figures.get(qi) else {
                continue;
            };
            let (supports, contradicts) = split(matches);
            if !supports.is_empty() || contradicts.is_empty() {
                continue;
            }
            // A sentence of the document the draft reprints is that document's: it states the
            // figure, and the byline credits it.
            if ctx.doc.sentence_at(q.span.start).is_some_and(|si| ctx.credited(si)) {
                continue;
            }
            // The source the draft credits states the figure: whose it is, not whether any
            // source gives it, is in question (`misattributed-figure`).
            if crate::rules::misattributed_figure::named_source_states(ctx, qi) {
                continue;
            }
            let evidence = figure_findings_evidence(ctx, &supports, &contradicts);
            let message = describe(ctx, q, &supports, &contradicts);
            let mut fixes = replacement_fixes(ctx, q, &contradicts);
            // The sentence before states the sources' figure already ("Ward 3 led the city with
            // 55.2 percent turnout, the Board said. Turnout in Ward 3 topped 70 percent."): a
            // replacement would repeat it (`replacements_from` offers none); striking the
            // sentence is the fix.
            fixes.splice(0..0, strike_repeat(ctx, q, &contradicts));
            out.push(Finding {
                rule: RuleId::NumberConflict,
                severity: META.default_severity,
                span: q.span,
                message,
                evidence,
                fixes,
            });
        }
    }
}

/// A fix striking the sentence of `q` where the sentence before it, in the same paragraph,
/// states the figure that would replace `q` (same kind, agreeing value): the sentence would only
/// repeat it.
fn strike_repeat(
    ctx: &RuleContext,
    q: &crate::extract::Quantity,
    contradicts: &[crate::rules::evidence::FigureMatch],
) -> Option<crate::finding::Fix> {
    use crate::finding::{Applicability, Edit, Fix};
    let sure = crate::rules::figures::certain_replacements(ctx, q, contradicts);
    let si = ctx.doc.sentence_at(q.span.start)?;
    let here = ctx.doc.sentences.get(si)?;
    let prev = ctx.doc.sentences.get(si.checked_sub(1)?)?;
    if prev.block != here.block || here.heading || here.question {
        return None;
    }
    let tol = &ctx.config.tolerance;
    let repeated = ctx.facts.quantities.iter().any(|o| {
        prev.span.contains(o.span)
            && sure.iter().any(|r| {
                ctx.corpus
                    .docs
                    .get(r.doc)
                    .and_then(|d| d.facts.quantities.get(r.quantity))
                    .is_some_and(|f| {
                        crate::figmap::similar::comparable(o, f)
                            && crate::rules::evidence::agree(o, f, tol)
                    })
            })
    });
    if !repeated {
        return None;
    }
    let title = match ctx.doc.lang {
        crate::lang::Lang::De => "Satz streichen: der Satz davor nennt die Zahl der Quellen schon",
        crate::lang::Lang::En => "Delete the sentence: the one before gives the sources' figure",
    };
    Some(Fix {
        title: title.into(),
        edits: vec![Edit {
            span: crate::text::Span::new(prev.span.end, here.span.end),
            replacement: String::new(),
        }],
        applicability: Applicability::Unsafe,
    })
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::tests::findings;

    /// An area level in another clause, nearer another figure, is that figure's: the city's
    /// rate does not support the district's („in der Stadt bei 7,2 Prozent, im Landkreis bei
    /// 4,9 Prozent“).
    #[test]
    fn an_area_level_of_a_parallel_clause_is_the_other_figures() {
        let corpus = [
            ("a.md", "---\nsource: Kurier\n---\nDie Arbeitslosenquote liegt in der Stadt Harwenstedt bei 7,2 Prozent, im Landkreis Ilmshagen bei 4,9 Prozent.\n"),
            ("b.md", "---\nsource: Radio\n---\nDie Arbeitslosenquote im Landkreis Ilmshagen liegt bei 4,9 Prozent.\n"),
        ];
        let draft = "Im Landkreis Ilmshagen liegt die Arbeitslosenquote schon jetzt bei 7,2 Prozent.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        let city = "In der Stadt Harwenstedt liegt die Arbeitslosenquote bei 7,2 Prozent.\n";
        let f = findings(&corpus, city, RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
    }

    /// A time credited to a source that states it is that source's, however the map aligns
    /// it: not "no source supports this".
    #[test]
    fn a_time_the_credited_source_states_is_no_conflict() {
        let corpus = [
            (
                "gmt.md",
                "---\nsource: Gewerkschaft Metall und Technik\n---\nAm Dienstag kamen die Beschäftigten um 9 Uhr in Halle 3 zur Betriebsversammlung zusammen.\n",
            ),
            (
                "anw.md",
                "---\nsource: Agentur Nordwest\n---\nDie Pressekonferenz begann am Dienstag um 14 Uhr im Verwaltungsgebäude des Werks.\n",
            ),
            (
                "kurier.md",
                "---\nsource: Harwenstedter Kurier\n---\nDie Pressekonferenz begann am Dienstag um 14 Uhr im Verwaltungsgebäude des Werks.\n",
            ),
        ];
        let credited = "Die Betriebsversammlung begann am Dienstag nach Angaben der Gewerkschaft um 9 Uhr im Verwaltungsgebäude des Werks.\n";
        let f = findings(&corpus, credited, RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
        // Credited to an outlet that does not state it, it is judged as before.
        let other = "Die Betriebsversammlung begann am Dienstag nach Angaben der Agentur um 9 Uhr im Verwaltungsgebäude des Werks.\n";
        let f = findings(&corpus, other, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    /// A figure no source states, whose digits are a source figure's with two swapped, is
    /// judged against that figure though the sentences share few words; a figure a source
    /// does state is no slip of another's digits.
    #[test]
    fn a_figure_with_swapped_digits_is_judged_against_its_original() {
        let corpus = [
            (
                "pm.md",
                "---\nsource: Stadt\n---\nDie Investitionen steigen auf 214 Millionen Euro. Davon entfallen 86 Millionen Euro auf den Neubau und die Sanierung von Schulen.\n",
            ),
            (
                "b.md",
                "---\nsource: Anzeiger\n---\nDer Rat beschloss den Etat. 86 Millionen Euro fließen in Neubau und Sanierung von Schulen.\n",
            ),
        ];
        let draft = "Der Haushalt wurde beschlossen. Für Schulen sind 68 Millionen Euro vorgesehen.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("86"), "{f:?}");
        // No typo where the figure is a source's own ("86" stated, "68" a second quantity).
        let both = [
            corpus[0],
            corpus[1],
            ("c.md", "---\nsource: Bote\n---\nFür Sporthallen sind 68 Millionen Euro eingeplant.\n"),
        ];
        let f = findings(&both, draft, RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
    }

    /// A paragraph that opens with a past year ("Yes. In January 2011, …") tells of that
    /// time in its later sentences too: the earlier storm's count is no conflict with this
    /// storm's; a year further on in a sentence dates nothing after it.
    #[test]
    fn a_paragraph_opened_by_a_past_year_is_background() {
        let corpus = [
            ("wire.md", "---\nsource: Wire\ndate: 2026-02-11\n---\nAbout 1,100 passengers were stranded at the airport by the storm.\n"),
            ("post.md", "---\nsource: Post\ndate: 2026-02-11\n---\nRoughly 1,100 passengers were stranded at the airport by the storm.\n"),
            ("old.md", "---\nsource: Beacon\ndate: 2011-01-28\n---\nAbout 600 passengers were stranded at the airport by the blizzard.\n"),
        ];
        let background = "Yes. In January 2011, a blizzard closed the runway. That storm stranded about 600 passengers at the airport.\n";
        let f = findings(&corpus, background, RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
        let today = "Yes. The runway closed on Tuesday. The storm stranded about 600 passengers at the airport.\n";
        let f = findings(&corpus, today, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    /// A replacement that would repeat the sentence before: striking the sentence comes
    /// first, the replacement stays offered.
    #[test]
    fn a_repeat_of_the_sentence_before_is_struck() {
        let corpus = [("board.md", "---\nsource: Board of Elections\n---\nTurnout in Ward 3 was 55.2 percent on Tuesday.\n")];
        let draft = "Turnout in Ward 3 was 55.2 percent on Tuesday, the Board said. Turnout in Ward 3 was 70 percent on Tuesday.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        let fixed: Vec<String> = f[0].fixes.iter().map(|x| x.apply(draft)).collect();
        assert_eq!(
            fixed.first().map(String::as_str),
            Some("Turnout in Ward 3 was 55.2 percent on Tuesday, the Board said.\n"),
            "{fixed:?}"
        );
        // No replacement: it would make the sentence repeat the one before.
        assert_eq!(fixed.len(), 1, "{fixed:?}");
        // Not after a sentence that states another figure.
        let other = "Ward 3 has 48 polling stations, the Board said. Turnout in Ward 3 was 70 percent on Tuesday.\n";
        let f = findings(&corpus, other, RuleId::NumberConflict);
        assert!(f.iter().all(|x| x.fixes.iter().all(|x| !x.edits.iter().any(|e| e.replacement.is_empty()))), "{f:?}");
    }

    /// A count of one side of a vote is supported by that side of a source's tally: "no
    /// source supports 23" would be false when a report says "38 zu 23 Stimmen".
    #[test]
    fn a_side_of_a_tally_supports_a_count_of_that_side() {
        let corpus = [
            ("anzeiger.md", "---\nsource: Anzeiger\n---\nMit 38 zu 23 Stimmen setzte sich die Koalition im Rat durch.\n"),
            ("pm.md", "---\nsource: Stadt\n---\nFür den Entwurf stimmten 38 Ratsmitglieder, 21 stimmten dagegen.\n"),
        ];
        let draft = "Für den Entwurf stimmten 38 Ratsmitglieder. Dagegen votierten 23 Mitglieder des Rates.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert!(f.iter().all(|x| !x.message.contains("23")), "{f:?}");
        let f = findings(&corpus, "Dagegen votierten 25 Mitglieder des Rates.\n", RuleId::NumberConflict);
        assert!(f.iter().any(|x| x.message.contains("25")), "{f:?}");
    }

    /// Golden: the source's figure replaces the draft's in its slot, per language (where the
    /// words before it make it a bound — "topped", „übertraf“ — none is offered:
    /// `figures::tests::bound_words_before_a_figure`).
    #[test]
    fn a_figure_is_replaced_in_its_slot() {
        let cases: [(&str, &str, &str); 2] = [
            (
                "---\nsource: Board of Elections\n---\nTurnout in Ward 3 was 55.2 percent on Tuesday.\n",
                "Turnout in Ward 3 was 70 percent on Tuesday.\n",
                "Turnout in Ward 3 was 55.2 percent on Tuesday.\n",
            ),
            (
                "---\nsource: Wahlamt\n---\nDie Wahlbeteiligung im Bezirk 3 lag am Sonntag bei 55,2 Prozent.\n",
                "Die Wahlbeteiligung im Bezirk 3 lag am Sonntag bei 70 Prozent.\n",
                "Die Wahlbeteiligung im Bezirk 3 lag am Sonntag bei 55,2 Prozent.\n",
            ),
        ];
        for (source, draft, want) in cases {
            let f = findings(&[("a.md", source)], draft, RuleId::NumberConflict);
            let fixed: Vec<String> = f
                .first()
                .map(|x| x.fixes.iter().map(|fx| fx.apply(draft)).collect())
                .unwrap_or_default();
            assert_eq!(fixed.first().map(String::as_str), Some(want), "{draft:?}: {f:?}");
        }
    }

    /// A figure in a table cell is read with its row and its column's header: "| Lydia
    /// Perrault | 4,232 |" under "Votes" is Perrault's vote count. In a table of several
    /// years, a figure under an earlier year is not this year's.
    #[test]
    fn a_table_cell_is_read_in_its_row_and_column() {
        let corpus = [
            ("courier.md", "---\nsource: The Ellery Courier\ndate: 2025-11-05\n---\nIndependent Lydia Perrault drew 4,322 votes.\n"),
            ("wire.md", "---\nsource: Coastal Press Service\ndate: 2025-11-05\n---\nTurnout in the city was 41.2 percent.\n"),
        ];
        let draft = "Results.\n\n| Candidate | Votes |\n|---|---|\n| Lydia Perrault | 4,232 |\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].fixes.iter().any(|x| x.apply(draft).contains("| 4,322 |")), "{f:?}");
        let corpus = [
            ("city.md", "---\nsource: Stadt Grafenried\ndate: 2024-06-11\n---\nIn Grafenried wurden 1.870 Menschen evakuiert.\n"),
            ("paper.md", "---\nsource: Grafenrieder Tagblatt\ndate: 2024-06-12\n---\nEvakuiert wurden in Grafenried 1.870 Menschen.\n"),
        ];
        let draft = "Bilanz.\n\n| | 2013 | 2024 |\n|---|---|---|\n| Evakuierte in Grafenried | 3.100 | 1.870 |\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
    }

    /// A value more than a thousand times off is another thing, not a variant, however alike
    /// the words (35 euros against 48,900: the old code called it a conflict); a slip of a
    /// thousand (million for billion) still is a conflict.
    #[test]
    fn a_value_a_thousand_times_off_is_another_thing() {
        // Worded alike, but 48,900 against 35 is two things, not a misprint: no conflict.
        let corpus = [(
            "fair.md",
            "---\nsource: Messe\n---\nDer Eintritt kostet in der Grundausstattung 48.900 Euro netto.\n",
        )];
        let draft = "Der Eintritt kostet in der Grundausstattung 35 Euro netto.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
        let corpus = [(
            "city.md",
            "---\nsource: Stadt\n---\nDer Umbau des Hallenbads kostet nach Angaben der Stadt 2,1 Millionen Euro.\n",
        )];
        let draft = "Der Umbau des Hallenbads kostet nach Angaben der Stadt 2,1 Milliarden Euro.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("2,1 Millionen"), "{f:?}");
    }

    /// A forecast stating the draft's figure does not support a measurement of it: "forecast
    /// gusts of up to 70 mph" is no source for "Gusts of 70 mph were recorded" where the
    /// recorded gusts were 52 mph (not "disputed"), in both languages.
    #[test]
    fn a_forecast_of_the_figure_does_not_support_a_measurement() {
        let cases = [
            (
                "---\nsource: Harbour Wire\n---\nThe weather service had forecast gusts of up to 70 mph for the evening. The ship left port at 6 p.m.\n",
                "---\nsource: Coastguard\n---\nGusts of 52 mph were recorded at the pier station at the time of the grounding.\n",
                "Gusts of 70 mph were recorded at the pier station when the ship ran aground.\n",
                "52 mph",
            ),
            (
                "---\nsource: Hafenbote\n---\nDer Wetterdienst hatte für den Abend Böen von bis zu 110 km/h vorhergesagt. Das Schiff legte um 18 Uhr ab.\n",
                "---\nsource: Küstenwache\n---\nAn der Messstation am Pier wurden zur Zeit der Havarie Böen von 85 km/h gemessen.\n",
                "An der Messstation am Pier wurden Böen von 110 km/h gemessen, als das Schiff auf Grund lief.\n",
                "85 km/h",
            ),
        ];
        for (forecast, measured, draft, want) in cases {
            let f = findings(
                &[("a.md", forecast), ("b.md", measured)],
                draft,
                RuleId::NumberConflict,
            );
            assert_eq!(f.len(), 1, "{draft:?}: {f:?}");
            assert!(f[0].message.contains(want), "{f:?}");
            assert_eq!(f[0].evidence.len(), 1, "{f:?}");
        }
    }

    /// A figure aligned below `CONFLICT_MIN` but above `ALIGN_MIN` to a quantity no other
    /// comes near, which two reports state and each align with, is judged against it; one
    /// report alone on so weak an alignment is not enough.
    #[test]
    fn a_clear_weak_alignment_with_two_reports_is_judged() {
        let a = ("a.md", "---\nsource: Daily News\n---\nAbout 30 youths had thrown stones at a police car before the shooting.\n");
        let b = ("b.md", "---\nsource: Metro Wire\n---\nSome 30 youths had thrown stones at the police car, witnesses said.\n");
        let draft = "The clash began after around 90 youths had thrown stones in the square.\n";
        let f = findings(&[a, b], draft, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("around 90"), "{f:?}");
        assert_eq!(f[0].evidence.len(), 2, "{f:?}");
        assert!(findings(&[a], draft, RuleId::NumberConflict).is_empty());
    }

    #[test]
    fn conflicting_count_is_flagged_with_fix() {
        let corpus = [("ledger.md", "---\nsource: Harbor Ledger\n---\nAbout 68,000 vehicles cross the Kessler Bridge every day.\n")];
        let f = findings(
            &corpus,
            "About 90,000 vehicles cross the Kessler Bridge every day.\n",
            RuleId::NumberConflict,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].evidence.iter().any(|e| e.source.id == "ledger"));
        assert!(f[0]
            .fixes
            .iter()
            .any(|x| x.edits.iter().any(|e| e.replacement.contains("68,000"))));
    }

    /// A source states the draft's figure in a sentence the map aligns as well as anything
    /// else, though outside the contradicting variant's quantity: "no source supports this"
    /// would be false. No verdict.
    #[test]
    fn a_figure_a_source_states_in_a_half_fitting_sentence_is_not_unsupported() {
        let corpus = [
            ("kvtr.md", "---\nsource: KVTR News 9\n---\nThe Harlan Ridge Fire started around 2:40 p.m. Monday and spread quickly through dry grass and timber east of Dunmore. By Tuesday it had burned roughly 6,800 acres and was 5 percent contained.\n"),
            ("wire.md", "---\nsource: Allied Press\n---\nDUNMORE, Ore. (Allied Press) — A wind-driven wildfire that broke out at 2:38 p.m. Monday in the hills east of Dunmore had burned about 6,800 acres by Tuesday morning and was 5 percent contained.\n"),
        ];
        let draft = "A wildfire that broke out around 2:40 p.m. Monday in the hills east of Dunmore had burned about 6,800 acres by Tuesday.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
    }

    /// A source's range replaces the draft's figure whole, never by its first half.
    #[test]
    fn a_range_replaces_whole() {
        let corpus = [
            ("wire.md", "---\nsource: Allied Wire\n---\nKellner is recalling 412,000 pressure cookers. Analysts at Garrow & Finch estimate the cost of the recall at $55 million to $70 million.\n"),
            ("journal.md", "---\nsource: Business Journal\n---\nKellner recalls 412,000 cookers. Analysts at Garrow & Finch estimate the recall's cost at $55 million to $70 million.\n"),
        ];
        let draft = "Kellner is recalling 412,000 pressure cookers. Analysts at Garrow & Finch estimate the cost of the recall at $38 million.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        let fixed: Vec<String> = f.iter().flat_map(|x| &x.fixes).map(|x| x.apply(draft)).collect();
        assert!(!fixed.is_empty(), "{f:?}");
        assert!(fixed.iter().all(|t| !t.contains("$55 million.")), "{fixed:?}");
        assert!(fixed.iter().any(|t| t.contains("at $55 million to $70 million.")), "{fixed:?}");
    }

    #[test]
    fn contradictions_scattered_over_a_kind_are_no_verdict() {
        // Three reports' rushing yards of three players and seasons: "70 yards" measures one
        // of them, nobody knows which. One report's different figure is a conflict.
        let corpus = [
            ("a.md", "---\nsource: Courier\n---\nThe rookie finished with a team-high 716 yards rushing this season.\n"),
            ("b.md", "---\nsource: Ledger\n---\nHe rushed for 63 yards in the win over Atlanta.\n"),
            ("c.md", "---\nsource: Star\n---\nAt Wayne State he finished with 8,728 yards rushing.\n"),
        ];
        let draft = "He had 70 yards rushing on Sunday.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
        let f = findings(&corpus[..1], "The rookie finished with 516 yards rushing this season.\n", RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn a_small_count_needs_a_sure_alignment() {
        // "eight games" missed with one injury against "10 total games" missed in the season:
        // a small count shares its noun and its verb with many figures of a story; aligned
        // only so-so, it gets no verdict. Aligned surely, it is a conflict.
        let corpus = [
            ("a.md", "---\nsource: Courier\n---\nBut he missed 10 total games this season and had only 269 yards and two touchdowns on 83 carries.\n"),
            ("b.md", "---\nsource: Ledger\n---\nThe Saints beat the Falcons on Sunday.\n"),
        ];
        let f = findings(&corpus, "Bush missed eight games this season with a fracture in his lower right leg.\n", RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
        let f = findings(&corpus, "He missed eight total games with a fracture.\n", RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn a_year_that_dates_the_sentences_count_is_no_figure_of_its_own() {
        // "2024" dates the revenue: the source's 2025 forecast is another quantity, not a
        // conflicting year.
        let corpus = [("a.md", "---\nsource: Fachblatt\n---\nFinanzvorstand Henrik Sagebiel bestätigte die Prognose: Veltra rechnet für 2025 mit einem Umsatz von 310 bis 320 Millionen Euro, nach 287 Millionen Euro im Jahr 2024.\n")];
        let f = findings(&corpus, "2024 habe der Umsatz bei 278 Millionen Euro gelegen, sagte Finanzvorstand Henrik Sagebiel.\n", RuleId::NumberConflict);
        assert!(f.iter().all(|x| !x.message.starts_with("2024")), "{f:?}");
    }

    #[test]
    fn units_convert_and_attribution_does_not_excuse() {
        let corpus = [(
            "a.md",
            "Der Livestream begann mit einer Stunde Verspätung.\n",
        )];
        let f = findings(
            &corpus,
            "Laut Hafenkurier begann der Livestream mit 20 Minuten Verspätung.\n",
            RuleId::NumberConflict,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        let ok = findings(
            &corpus,
            "Laut Hafenkurier begann der Livestream mit 60 Minuten Verspätung.\n",
            RuleId::NumberConflict,
        );
        assert!(ok.is_empty(), "{ok:?}");
    }

    /// In a large corpus, reports on other fires with the same wording (but other places) are
    /// not evidence about this one: only the event's own reports count.
    #[test]
    fn reports_of_other_events_in_a_large_corpus_are_not_evidence() {
        let places = ["Berkum", "Colsee", "Dornau", "Ebbing", "Falkau", "Gernrode"];
        let mut texts: Vec<(String, String)> = (0..240)
            .map(|i| {
                let place = format!("{}{}", places[i % places.len()], i);
                let text = format!(
                    "---\nsource: Bote {i}\n---\nIn {place} brannte am Montag eine Lagerhalle. \
                     Die Feuerwehr war {} Stunden im Einsatz.\n",
                    2 + i % 5
                );
                (format!("other-{i}.md"), text)
            })
            .collect();
        for (id, hours) in [("kurier", 9), ("anzeiger", 9)] {
            texts.push((
                format!("{id}.md"),
                format!(
                    "---\nsource: {id}\n---\nIn Aldorf an der Weser brannte am Montag eine \
                     Lagerhalle. Die Feuerwehr war {hours} Stunden im Einsatz.\n"
                ),
            ));
        }
        let corpus: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let draft = "# Großbrand in Aldorf an der Weser\n\nIn Aldorf an der Weser brannte am \
                     Montag eine Lagerhalle. Die Feuerwehr war laut Kurier 4 Stunden im Einsatz.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(!f[0].evidence.is_empty());
        assert!(
            f[0].evidence
                .iter()
                .all(|e| e.source.id == "kurier" || e.source.id == "anzeiger"),
            "{:?}",
            f[0].evidence
        );
    }

    #[test]
    fn different_quantity_is_not_confused() {
        let corpus = [(
            "a.md",
            "Das Stadion fasst 55.000 Zuschauer. Zum Spiel kamen 30.000 Zuschauer.\n",
        )];
        let f = findings(
            &corpus,
            "Zum Spiel kamen rund 30.000 Zuschauer.\n",
            RuleId::NumberConflict,
        );
        assert!(f.is_empty(), "{f:?}");
    }

    /// A date written without its year is compared with a full date by its day: "Jan. 1"
    /// against "January 2, 2026" is a conflict, "Jan. 2" is supported.
    #[test]
    fn a_date_without_its_year_is_compared_with_a_full_date_by_its_day() {
        let corpus = [
            ("board.md", "---\nsource: Board of Elections\ndate: 2025-11-05\n---\nResults remain unofficial until the Board certifies them. The mayor-elect will be sworn in on January 2, 2026.\n"),
            ("courier.md", "---\nsource: Courier\ndate: 2025-11-05\n---\nWhitcombe won the race for mayor with 51.8 percent of the vote.\n"),
        ];
        let f = findings(&corpus, "Whitcombe will be sworn in on Jan. 1.\n", RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("January 2, 2026"), "{f:?}");
        let f = findings(&corpus, "Whitcombe will be sworn in on Jan. 2.\n", RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
        let corpus = [
            ("amt.md", "---\nsource: Stadtverwaltung\ndate: 2025-11-05\n---\nDie neue Bürgermeisterin wird am 2. Januar 2026 vereidigt.\n"),
            ("kurier.md", "---\nsource: Kurier\ndate: 2025-11-05\n---\nWhitcombe gewann die Wahl mit 51,8 Prozent.\n"),
        ];
        let f = findings(&corpus, "Whitcombe wird am 1. Januar vereidigt.\n", RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    /// A source that states the draft's very day, however it words the event, keeps the day
    /// from being called unsupported: "takes office Jan. 1" beside "sworn in on January 2".
    #[test]
    fn a_source_stating_the_very_day_is_no_unsupported_date() {
        let corpus = [
            ("board.md", "---\nsource: Board of Elections\ndate: 2025-11-05\n---\nThe mayor-elect will be sworn in on January 2, 2026.\n"),
            ("kpel.md", "---\nsource: KPEL News\ndate: 2025-11-05\n---\nWhitcombe takes office Jan. 1.\n"),
        ];
        let f = findings(&corpus, "She will be sworn in on Jan. 1.\n", RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
    }

    /// A date without its year in a report is read in the year nearest the report's time: a
    /// fair's days in last year's report do not support next year's dates.
    #[test]
    fn a_date_without_its_year_is_read_in_its_reports_year() {
        let corpus = [
            ("schluss.md", "---\nsource: Messe Lindhagen\ndate: 2025-10-17\n---\nAn den vier Messetagen vom 14. bis 17. Oktober kamen 61.400 Fachbesucher. Die nächste FORMA findet vom 13. bis 16. Oktober 2026 statt.\n"),
            ("vorbericht.md", "---\nsource: Anzeiger\ndate: 2025-10-09\n---\nVom 14. bis 17. Oktober wird Lindhagen wieder zum Treffpunkt der Fertigungstechnik.\n"),
        ];
        let f = findings(&corpus, "Die nächste FORMA findet vom 14. bis 17. Oktober 2026 statt.\n", RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("13. bis 16. Oktober 2026"), "{f:?}");
    }

    /// Two spans of time agree end for end, not by overlapping; the draft's whole span is
    /// replaced by the source's.
    #[test]
    fn spans_of_time_agree_end_for_end_and_are_replaced_whole() {
        let corpus = [
            ("notice.md", "---\nsource: Safety Administration\n---\nConsumers can contact Kellner toll-free from 8 a.m. to 8 p.m. ET, Monday through Friday.\n"),
            ("release.md", "---\nsource: Kellner\n---\nCustomers can call Kellner's toll-free line from 8 a.m. to 8 p.m. ET, Monday through Friday.\n"),
        ];
        let draft = "Consumers can call Kellner's toll-free line between 9 a.m. and 5 p.m. ET, Monday through Friday.\n";
        let f = findings(&corpus, draft, RuleId::NumberConflict);
        assert_eq!(f.len(), 1, "{f:?}");
        let fixed: Vec<String> = f[0].fixes.iter().map(|x| x.apply(draft)).collect();
        assert!(
            fixed.iter().any(|t| t.contains("line from 8 a.m. to 8 p.m. ET,")),
            "{fixed:?}"
        );
        let same = "Consumers can call Kellner's toll-free line between 8 a.m. and 8 p.m. ET, Monday through Friday.\n";
        assert!(findings(&corpus, same, RuleId::NumberConflict).is_empty());
        // Estimates still agree where they overlap.
        let corpus = [
            ("a.md", "---\nsource: Journal\n---\nAnalysts estimate the cost of the recall at $55 million to $70 million.\n"),
            ("b.md", "---\nsource: Wire\n---\nAnalysts put the cost of the recall at $55 million to $70 million.\n"),
        ];
        let draft = "Analysts estimate the cost of the recall at $60 million to $75 million.\n";
        assert!(findings(&corpus, draft, RuleId::NumberConflict).is_empty());
    }
}
