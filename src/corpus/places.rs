//! Reports of look-alike events in a story's corpus: a document datelined or set in a place the
//! other reports rarely name, which names the place most of them share much less often, is a
//! report from elsewhere (the neighbouring town's budget vote, a second fire eighty miles south).
//! A draft that never names that place but names the shared one is not about it, and such a
//! report is no evidence for it (`rules::evidence`).

use super::Docs;
use crate::extract::place::{doc_places, Mentions};

/// A document set somewhere else than most of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elsewhere {
    pub doc: usize,
    /// The place the document is datelined or set in.
    pub own: String,
    /// Places most documents name, which this one names less than half as often as its own.
    pub rivals: Vec<String>,
}

/// A document's own place is named at least this often in it (a dateline is one mention and
/// weighs as two: "Merlau, 13. Juni 2024." alone sets a town's release in Merlau).
const MIN_OWN_MENTIONS: usize = 1;

/// The documents of a corpus set somewhere else (see the module comment), in document order.
/// Computed on every document: meant for corpora small enough that every document is a
/// candidate report of the draft's event.
pub fn elsewhere(docs: &Docs) -> Vec<Elsewhere> {
    let n = docs.len();
    if n < 3 {
        return Vec::new();
    }
    // All of them: in one round trip where they are in a database.
    docs.prefetch(0..n);
    let profiles: Vec<(Vec<(String, u32)>, Mentions)> = (0..n)
        .map(|i| match docs.get(i) {
            Some(d) => (doc_places(&d.doc), Mentions::of(&d.doc)),
            None => (Vec::new(), Mentions::default()),
        })
        .collect();
    let mut places: Vec<&str> = profiles
        .iter()
        .flat_map(|(p, _)| p.iter().map(|(x, _)| x.as_str()))
        .collect();
    places.sort_unstable();
    places.dedup();
    let named_by = |x: &str| profiles.iter().filter(|(_, m)| m.count(x) > 0).count();
    // Named by a quarter of the documents: in a story's corpus with an archive of other
    // events (other towns' floods), the story's place is named by fewer than half.
    let shared: Vec<&str> = places
        .iter()
        .copied()
        .filter(|x| named_by(x) * 4 >= n)
        .collect();
    let mut out = Vec::new();
    for (doc, (p, m)) in profiles.iter().enumerate() {
        // The heaviest place, weighing at least a dateline, and no other as heavy.
        let own = match p.as_slice() {
            [(x, w), rest @ ..] if *w >= 2 && rest.first().is_none_or(|r| r.1 < *w) => x,
            _ => continue,
        };
        let own_mentions = m.count(own);

        let others = named_by(own) - usize::from(own_mentions > 0);
        if own_mentions < MIN_OWN_MENTIONS || others * 2 >= n - 1 {
            continue;
        }
        let rivals: Vec<String> = shared
            .iter()
            .filter(|y| !y.starts_with(own.as_str()) && !own.starts_with(**y))
            .filter(|y| named_by(y) > others + 1)
            .filter(|y| m.count(y) * 2 < own_mentions)
            .map(|y| y.to_string())
            .collect();

        if !rivals.is_empty() {
            out.push(Elsewhere {
                doc,
                own: own.clone(),
                rivals,
            });
        }
    }
    out
}

/// The documents of `elsewhere` a draft (its prose words) is not about: it never names their
/// place but names a place they are set apart from. Sorted.
pub fn not_about(elsewhere: &[Elsewhere], draft: &Mentions) -> Vec<usize> {
    elsewhere
        .iter()
        .filter(|e| draft.count(&e.own) == 0 && e.rivals.iter().any(|y| draft.count(y) > 0))
        .map(|e| e.doc)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::lang::Lang;

    const FIRE: &str = "Fire forces thousands to flee near Dunmore\n\nDUNMORE, Ore. (Allied Press) — A wildfire east of Dunmore burned 6,800 acres. In Dunmore, 4,200 residents left.";
    const KVTR: &str =
        "The fire started Monday east of Dunmore. The shelter at Dunmore High took in 260 people.";
    const SHERIFF: &str =
        "The sheriff ordered 4,200 residents to leave. Roads near Dunmore are closed.";
    const OTHER: &str = "Second wildfire prompts evacuations near Ashby\n\nASHBY, Ore. (Allied Press) — A second wildfire broke out near Ashby, about 80 miles south of Dunmore. It was 15 percent contained.";

    fn corpus(texts: &[(&str, &str)]) -> Corpus {
        Corpus::from_texts(texts.iter().copied(), Some(Lang::En))
    }

    #[test]
    fn a_report_from_another_town_is_set_apart() {
        let c = corpus(&[
            ("wire.txt", FIRE),
            ("kvtr.txt", KVTR),
            ("sheriff.txt", SHERIFF),
            ("ashby.txt", OTHER),
        ]);
        let e = elsewhere(&c.docs);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].doc, 3);
        assert_eq!(e[0].own, "ashby");
        assert_eq!(e[0].rivals, vec!["dunmore".to_string()]);
        // A draft about Dunmore is not about it; one that names Ashby may be; one that names
        // neither place is not judged.
        let about = |t: &str| not_about(&e, &Mentions::of_text(t));
        assert_eq!(about("Evacuees returned to Dunmore on Friday."), vec![3]);
        assert!(about("In Dunmore and near Ashby, fires burned.").is_empty());
        assert!(about("Thousands fled a wildfire.").is_empty());
    }

    /// A town's release opens with its place and date and never names the place again: the
    /// dateline alone sets it there.
    #[test]
    fn a_dateline_alone_sets_a_release_elsewhere() {
        let release = "Ashby, June 13, 2024 – After the second fire, the city estimates the damage at about $4 million. Households may apply for aid.";
        let c = corpus(&[
            ("wire.txt", FIRE),
            ("kvtr.txt", KVTR),
            ("sheriff.txt", SHERIFF),
            ("ashby-release.txt", release),
        ]);
        let e = elsewhere(&c.docs);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].doc, e[0].own.as_str()), (3, "ashby"));
    }

    /// An archive of other towns' fires: the story's place is named by fewer than half the
    /// documents, still far more than any archive town, and the archive reports are set apart.
    #[test]
    fn in_an_archive_of_other_towns_the_story_place_is_still_shared() {
        let towns = ["Bexley", "Carrow", "Delford", "Elmstead", "Fenwick"];
        let archive: Vec<(String, String)> = towns
            .iter()
            .map(|t| {
                (
                    format!("{}.txt", t.to_lowercase()),
                    format!("{}, May 2, 2019 – A brush fire burned 300 acres in {t}. Crews in {t} contained it by night.", t.to_uppercase()),
                )
            })
            .collect();
        let mut texts: Vec<(&str, &str)> = vec![
            ("wire.txt", FIRE),
            ("kvtr.txt", KVTR),
            ("sheriff.txt", SHERIFF),
        ];
        texts.extend(archive.iter().map(|(a, b)| (a.as_str(), b.as_str())));
        let c = corpus(&texts);
        let e = elsewhere(&c.docs);
        let set: Vec<usize> = e.iter().map(|x| x.doc).collect();
        assert_eq!(set, vec![3, 4, 5, 6, 7], "{e:?}");
        assert!(
            e.iter().all(|x| x.rivals == vec!["dunmore".to_string()]),
            "{e:?}"
        );
    }

    #[test]
    fn a_report_datelined_elsewhere_that_names_the_shared_place_stays() {
        // Datelined in the capital, but about the town every report names.
        let capital = "SALEM, Ore. (Allied Press) — The governor sent help to Dunmore. Crews from Salem joined the fight near Dunmore.";
        let c = corpus(&[
            ("wire.txt", FIRE),
            ("kvtr.txt", KVTR),
            ("sheriff.txt", SHERIFF),
            ("salem.txt", capital),
        ]);
        assert!(elsewhere(&c.docs).is_empty());
    }

    #[test]
    fn the_shared_place_is_never_elsewhere() {
        // Two reports of one town and two of another: no place is shared by most reports
        // that a document names much less often than its own.
        let c = corpus(&[
            ("wire.txt", FIRE),
            ("kvtr.txt", KVTR),
            ("ashby.txt", OTHER),
            (
                "ashby2.txt",
                "ASHBY, Ore. (Allied Press) — Crews near Ashby held the line.",
            ),
        ]);
        let e = elsewhere(&c.docs);
        assert!(e.iter().all(|x| x.own != "dunmore"), "{e:?}");
    }
}
