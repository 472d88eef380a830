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
/// for each mention the index of its report.
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
    (reports, of_mention)
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
/// the choice does not depend on the order candidates come in.
pub fn choose<'a>(report: &Facts, candidates: impl IntoIterator<Item = (&'a str, &'a Facts)>) -> Option<Choice> {
    let mut best: Option<Choice> = None;
    for (id, facts) in candidates {
        let Verdict::Compatible { score, agreed } = compare(report, facts) else {
            continue;
        };
        if score < THRESHOLD {
            continue;
        }
        let better = match &best {
            None => true,
            Some(b) => score > b.score || (score == b.score && id < b.event_id.as_str()),
        };
        if better {
            best = Some(Choice {
                event_id: id.to_owned(),
                score,
                agreed,
            });
        }
    }
    best
}

/// Where a report went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Its event.
    pub event_id: String,
    /// The event it joined and why, or `None` when it started the event.
    pub joined: Option<Choice>,
}

/// An in-memory resolver: each report joins the best compatible event seen so far, or starts
/// a new one; an event's facts grow with its reports ([`Facts::absorb`]).
#[derive(Debug, Default)]
pub struct Resolver {
    events: Vec<(String, Facts)>,
    by_kind: HashMap<(String, Reality), Vec<usize>>,
    ids: HashMap<String, usize>,
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
            return Link {
                event_id: c.event_id.clone(),
                joined: Some(c),
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
        }
    }

    /// The facts of an event.
    pub fn facts(&self, event_id: &str) -> Option<&Facts> {
        self.ids.get(event_id).map(|&i| &self.events[i].1)
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether no event is known.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ActorFacts, PlaceFacts, Span};
    use chrono::NaiveDate;

    fn day(s: &str) -> Span {
        Span::day(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date"))
    }

    fn report(place: &str, date: Option<&str>, window_end: Option<&str>) -> Facts {
        Facts {
            event_type: "PROTEST".into(),
            mode: None,
            reality: Reality::Real,
            actor1: Some(ActorFacts {
                key: "~civilians".into(),
                name: "Protesters".into(),
                sector: Some("civilians".into()),
                state: false,
            }),
            actor2: None,
            place: Some(PlaceFacts {
                name: place.into(),
                country: Some("NER".into()),
                is_country: false,
            }),
            focus_country: Some("NER".into()),
            date: date.map(day),
            window: window_end.map(|e| Span {
                start: day(e).start - chrono::Duration::days(31),
                end: day(e).start,
            }),
        }
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
    fn a_taken_proposed_id_is_made_unique() {
        let mut r = Resolver::new();
        let a = r.resolve("evt", report("Niamey", Some("2024-03-15"), None));
        let b = r.resolve("evt", report("Zinder", Some("2024-03-15"), None));
        assert_ne!(a.event_id, b.event_id);
    }
}
