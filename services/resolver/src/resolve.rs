//! Choosing the event a report belongs to among candidates ([`choose`]), and an in-memory
//! resolver over a stream of reports ([`Resolver`]) that the evaluation and tests use; the
//! writer applies the same choice to candidates it reads from PostgreSQL.

use std::collections::HashMap;

use serde::Serialize;

use crate::facts::{Facts, Reality};
use crate::score::{compare, Agreement, Verdict, THRESHOLD};

/// One article's account of one event.
#[derive(Debug, Clone)]
pub struct Report {
    /// The article.
    pub article_id: String,
    /// The extractor's proposed event id, shared by the report's mentions.
    pub proposed: String,
    /// What the mentions say together.
    pub facts: Facts,
}

/// The reports of a batch's mentions, given as (article id, proposed event id, facts), and
/// for each mention the index of its report. (The extractor has already given one id to the
/// fragments of one account within an article, [`crate::fragments`].)
pub fn reports_of<'a>(mentions: impl IntoIterator<Item = (&'a str, &'a str, Facts)>) -> (Vec<Report>, Vec<usize>) {
    let mut reports: Vec<Report> = Vec::new();
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    let mut of_mention = Vec::new();
    for (article_id, proposed, facts) in mentions {
        let i = *index.entry((article_id, proposed)).or_insert_with(|| {
            reports.push(Report {
                article_id: article_id.to_owned(),
                proposed: proposed.to_owned(),
                facts: facts.clone(),
            });
            reports.len() - 1
        });
        if reports[i].facts != facts {
            reports[i].facts.absorb(&facts);
        }
        of_mention.push(i);
    }
    infer_focus(&mut reports);
    (reports, of_mention)
}

/// The country an article is about, when its reports say it: the country its reports' places
/// lie in and its state actors speak for most often, at least twice and more often than any
/// other. A report that names no place is taken to be in it ("after the July 2023 coup" in an
/// article about Niger), so two such reports compare by country.
fn infer_focus(reports: &mut [Report]) {
    let mut counts: HashMap<&str, HashMap<String, usize>> = HashMap::new();
    for r in reports.iter() {
        let per = counts.entry(r.article_id.as_str()).or_default();
        let place = r.facts.place.as_ref().and_then(|p| p.country()).map(str::to_owned);
        let actors = [&r.facts.actor1, &r.facts.actor2]
            .into_iter()
            .flatten()
            .filter(|a| a.state)
            .map(|a| a.key.clone());
        for c in place.into_iter().chain(actors) {
            *per.entry(c).or_default() += 1;
        }
    }
    let focus: HashMap<String, String> = counts
        .into_iter()
        .filter_map(|(article, per)| {
            let mut ranked: Vec<(String, usize)> = per.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let top = ranked.first()?;
            let clear = top.1 >= 2 && ranked.get(1).is_none_or(|second| second.1 < top.1);
            clear.then(|| (article.to_owned(), top.0.clone()))
        })
        .collect();
    for r in reports.iter_mut().filter(|r| r.facts.focus_country.is_none()) {
        r.facts.focus_country = focus.get(&r.article_id).cloned();
    }
}

/// The event chosen for a report, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    /// The event joined.
    pub event_id: String,
    /// The agreement's score.
    pub score: f64,
    /// What agreed.
    pub agreed: Vec<Agreement>,
}

/// The best compatible candidate at or above [`THRESHOLD`]; ties go to the smaller id, so
/// the choice does not depend on the order candidates come in. A report that fits two events
/// which cannot be one ([`ambiguous`]) joins neither: "protesters marched on Friday" fits the
/// march in Bamako and the one in Sikasso that day, and guessing would count one twice.
pub fn choose<'a>(report: &Facts, candidates: impl IntoIterator<Item = (&'a str, &'a Facts)>) -> Option<Choice> {
    let mut fits: Vec<(Choice, &'a Facts)> = Vec::new();
    for (id, facts) in candidates {
        let Verdict::Compatible { score, agreed } = compare(report, facts) else {
            continue;
        };
        if score < THRESHOLD {
            continue;
        }
        fits.push((
            Choice {
                event_id: id.to_owned(),
                score,
                agreed,
            },
            facts,
        ));
    }
    fits.sort_by(|a, b| {
        b.0.score
            .total_cmp(&a.0.score)
            .then_with(|| a.0.event_id.cmp(&b.0.event_id))
    });
    let mut fits = fits.into_iter();
    let (best, best_facts) = fits.next()?;
    if fits.any(|(other, facts)| ambiguous(&best, best_facts, &other, facts)) {
        return None;
    }
    Some(best)
}

/// How close a second candidate's score must come to the best one's for the choice between
/// them to be a guess.
pub const AMBIGUITY_MARGIN: f64 = 1.0;

/// Whether a report that fits `best` fits `other` about as well ([`AMBIGUITY_MARGIN`]) while
/// the two cannot be one event (a conflict: two towns, dates apart). Two events that are merely
/// too weakly alike to have been joined are no dilemma: a report fitting both is the bridge
/// that shows them to be one ([`absorbable`]).
fn ambiguous(best: &Choice, best_facts: &Facts, other: &Choice, other_facts: &Facts) -> bool {
    best.score - other.score < AMBIGUITY_MARGIN && matches!(compare(best_facts, other_facts), Verdict::Conflict(_))
}

/// The candidates that an event, grown by a report, is now compatible with at or above
/// [`THRESHOLD`]: two events kept apart until a report that agrees with both shows them to be
/// one. Sorted by id, so the order does not depend on the order candidates come in.
pub fn absorbable<'a>(
    event_id: &str,
    event: &Facts,
    candidates: impl IntoIterator<Item = (&'a str, &'a Facts)>,
) -> Vec<Choice> {
    let mut out: Vec<Choice> = candidates
        .into_iter()
        .filter(|(id, _)| *id != event_id)
        .filter_map(|(id, facts)| match compare(event, facts) {
            Verdict::Compatible { score, agreed } if score >= THRESHOLD => Some(Choice {
                event_id: id.to_owned(),
                score,
                agreed,
            }),
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    out
}

/// Where a report went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Its event.
    pub event_id: String,
    /// The event it joined and why, or `None` when it started the event.
    pub joined: Option<Choice>,
    /// Events found, with this report, to be the event it joined: absorbed into it, each with
    /// what agreed.
    pub absorbed: Vec<Choice>,
}

/// An in-memory resolver: each report joins the best compatible event seen so far, or starts
/// a new one; an event's facts grow with its reports ([`Facts::absorb`]).
#[derive(Debug, Default)]
pub struct Resolver {
    events: Vec<(String, Facts)>,
    by_kind: HashMap<(String, Reality), Vec<usize>>,
    ids: HashMap<String, usize>,
    /// Absorbed event → the event it was absorbed into.
    aliases: HashMap<String, String>,
}

impl Resolver {
    /// An empty resolver.
    pub fn new() -> Resolver {
        Resolver::default()
    }

    /// Resolves a report; `proposed_id` names the event it starts if it joins none (made
    /// unique when taken).
    pub fn resolve(&mut self, proposed_id: &str, facts: Facts) -> Link {
        let kind = (facts.event_type.clone(), facts.reality);
        let cands = self.by_kind.get(&kind).map(Vec::as_slice).unwrap_or_default();
        let choice = choose(
            &facts,
            cands.iter().map(|&i| (self.events[i].0.as_str(), &self.events[i].1)),
        );
        if let Some(c) = choice {
            let i = self.ids[&c.event_id];
            self.events[i].1.absorb(&facts);
            let absorbed = self.absorb_bridged(i, &kind);
            return Link {
                event_id: c.event_id.clone(),
                joined: Some(c),
                absorbed,
            };
        }
        let mut id = proposed_id.to_owned();
        let mut n = 1;
        while self.ids.contains_key(&id) {
            n += 1;
            id = format!("{proposed_id}~{n}");
        }
        let i = self.events.len();
        self.events.push((id.clone(), facts));
        self.ids.insert(id.clone(), i);
        self.by_kind.entry(kind).or_default().push(i);
        Link {
            event_id: id,
            joined: None,
            absorbed: Vec::new(),
        }
    }

    /// Absorbs into event `i` every event of its kind it is now compatible with, until none is
    /// left (each absorbed event's facts can bring in another).
    fn absorb_bridged(&mut self, i: usize, kind: &(String, Reality)) -> Vec<Choice> {
        let mut all = Vec::new();
        loop {
            let (id, facts) = &self.events[i];
            let cands = self.by_kind.get(kind).map(Vec::as_slice).unwrap_or_default();
            let found = absorbable(
                id,
                facts,
                cands.iter().map(|&k| (self.events[k].0.as_str(), &self.events[k].1)),
            );
            if found.is_empty() {
                return all;
            }
            let kept = id.clone();
            for c in found {
                let k = self.ids[&c.event_id];
                let other = self.events[k].1.clone();
                self.events[i].1.absorb(&other);
                if let Some(list) = self.by_kind.get_mut(kind) {
                    list.retain(|&x| x != k);
                }
                for target in self.aliases.values_mut().filter(|t| **t == c.event_id) {
                    target.clone_from(&kept);
                }
                self.aliases.insert(c.event_id.clone(), kept.clone());
                all.push(c);
            }
        }
    }

    /// The event an id stands for now: itself, or the event it was absorbed into.
    pub fn current<'a>(&'a self, event_id: &'a str) -> &'a str {
        self.aliases.get(event_id).map_or(event_id, String::as_str)
    }

    /// The facts of an event (of the event it was absorbed into, for an absorbed one).
    pub fn facts(&self, event_id: &str) -> Option<&Facts> {
        self.ids.get(self.current(event_id)).map(|&i| &self.events[i].1)
    }

    /// Number of events (absorbed ones not counted).
    pub fn len(&self) -> usize {
        self.events.len() - self.aliases.len()
    }

    /// Whether no event is known.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::protest;

    fn report(place: &str, date: Option<&str>, window_end: Option<&str>) -> Facts {
        protest(Some(place), date, window_end)
    }

    #[test]
    fn reports_of_one_march_join_and_a_march_elsewhere_or_later_does_not() {
        let mut r = Resolver::new();
        let a = r.resolve("a", report("Niamey", Some("2024-03-15"), None));
        let b = r.resolve("b", report("Niamey", Some("2024-03-15"), None));
        let undated = r.resolve("c", report("Niamey", None, Some("2024-03-18")));
        let other_town = r.resolve("d", report("Zinder", Some("2024-03-15"), None));
        let june = r.resolve("e", report("Niamey", Some("2024-06-20"), None));
        let undated_june = r.resolve("f", report("Niamey", None, Some("2024-06-22")));
        assert_eq!(b.event_id, a.event_id);
        assert_eq!(undated.event_id, a.event_id);
        assert!(b
            .joined
            .as_ref()
            .is_some_and(|c| c.agreed.iter().any(|g| g.how == "same day")));
        assert_ne!(other_town.event_id, a.event_id);
        assert_ne!(june.event_id, a.event_id);
        assert_eq!(undated_june.event_id, june.event_id);
        assert_eq!(r.len(), 3);
    }

    #[test]
    fn the_choice_does_not_depend_on_candidate_order() {
        let f = report("Niamey", Some("2024-03-15"), None);
        let x = report("Niamey", Some("2024-03-15"), None);
        let y = report("Niamey", Some("2024-03-15"), None);
        let one = choose(&f, [("y", &y), ("x", &x)]).map(|c| c.event_id);
        let two = choose(&f, [("x", &x), ("y", &y)]).map(|c| c.event_id);
        assert_eq!(one.as_deref(), Some("x"));
        assert_eq!(one, two);
    }

    #[test]
    fn a_report_that_fits_two_marches_of_one_day_joins_neither() {
        let niamey = report("Niamey", Some("2024-03-15"), None);
        let zinder = report("Zinder", Some("2024-03-15"), None);
        // "Protesters marched on the 15th": Niamey's march or Zinder's.
        let vague = protest(None, Some("2024-03-15"), None);
        assert!(choose(&vague, [("n", &niamey), ("z", &zinder)]).is_none());
        // With only one march known it joins it, and a report naming the town joins its own.
        assert_eq!(
            choose(&vague, [("n", &niamey)]).map(|c| c.event_id).as_deref(),
            Some("n")
        );
        let named = report("Zinder", Some("2024-03-15"), None);
        let to = choose(&named, [("n", &niamey), ("z", &zinder)]).map(|c| c.event_id);
        assert_eq!(to.as_deref(), Some("z"));
        // Two candidates that are one event (a report kept apart before) are no dilemma.
        let niamey_again = report("Niamey", Some("2024-03-15"), None);
        let to = choose(&vague, [("n", &niamey), ("m", &niamey_again)]).map(|c| c.event_id);
        assert_eq!(to.as_deref(), Some("m"));
    }

    #[test]
    fn a_placeless_report_is_in_the_country_its_article_is_about() {
        let niger_place = report("Niamey", Some("2024-03-15"), None);
        let placeless = |focus: Option<&str>| Facts {
            place: None,
            focus_country: focus.map(str::to_owned),
            ..report("Niamey", Some("2024-03-15"), None)
        };
        let mut mali_place = report("Bamako", Some("2024-03-16"), None);
        if let Some(p) = mali_place.place.as_mut() {
            p.country = Some("MLI".into());
        }
        // Article a: two reports in Niger and one with no place; article b: two in Mali.
        let (reports, of) = reports_of([
            ("a", "1", niger_place.clone()),
            ("a", "2", niger_place.clone()),
            ("a", "3", placeless(None)),
            ("b", "1", mali_place.clone()),
            ("b", "2", mali_place.clone()),
            ("b", "3", placeless(None)),
            ("c", "1", placeless(None)),
        ]);
        assert_eq!(of, [0, 1, 2, 3, 4, 5, 6]);
        let focus: Vec<Option<&str>> = reports.iter().map(|r| r.facts.focus_country.as_deref()).collect();
        assert_eq!(focus[2], Some("NER"));
        assert_eq!(focus[5], Some("MLI"));
        // One report says nothing of a country: no focus is guessed.
        assert_eq!(focus[6], None);
    }

    #[test]
    fn a_taken_proposed_id_is_made_unique() {
        let mut r = Resolver::new();
        let a = r.resolve("evt", report("Niamey", Some("2024-03-15"), None));
        let b = r.resolve("evt", report("Zinder", Some("2024-03-15"), None));
        assert_ne!(a.event_id, b.event_id);
    }

    #[test]
    fn a_report_that_agrees_with_two_events_kept_apart_merges_them() {
        let mut r = Resolver::new();
        // "Protesters marched in Niamey" (undated), and "protesters marched on the 15th"
        // (no town): too little in common to be taken as one.
        let a = r.resolve("a", protest(Some("Niamey"), None, Some("2024-03-18")));
        let b = r.resolve("b", protest(None, Some("2024-03-15"), None));
        assert_ne!(a.event_id, b.event_id);
        // "Protesters marched in Niamey on the 15th": both were this march.
        let c = r.resolve("c", protest(Some("Niamey"), Some("2024-03-15"), None));
        let kept = c.event_id.clone();
        let absorbed: Vec<&str> = c.absorbed.iter().map(|x| x.event_id.as_str()).collect();
        assert_eq!(absorbed.len(), 1, "{c:?}");
        assert!([a.event_id.as_str(), b.event_id.as_str()].contains(&absorbed[0]));
        assert_eq!(r.current(&a.event_id), kept);
        assert_eq!(r.current(&b.event_id), kept);
        assert_eq!(r.len(), 1);
        // A later report of the march joins the kept event, not the absorbed one.
        let d = r.resolve("d", protest(Some("Niamey"), Some("2024-03-15"), None));
        assert_eq!(d.event_id, kept);
        assert!(d.absorbed.is_empty());
        // A march in another town that day is not drawn in.
        let e = r.resolve("e", protest(Some("Zinder"), Some("2024-03-15"), None));
        assert_ne!(r.current(&e.event_id), kept);
    }
}
