//! Whether a report can be of an event, and how strongly the two agree: hard conflicts keep
//! them apart (another type, dates known to differ, two different towns, two different
//! sources); agreements add weight, and the weight says how sure a link is. Every agreement
//! is named, so a link can be audited.

use serde::Serialize;

use crate::facts::{ActorFacts, Facts, Span};

/// The weight a report needs to join an event. Below it, the report starts an event of its
/// own: two reports that share only a type and a month stay apart (precision first).
pub const THRESHOLD: f64 = 2.5;

/// What a report must add to [`THRESHOLD`] when no date agrees (one side has neither a date
/// nor a window): actors alone do not tell one attack by an army from its next one.
pub const UNDATED_MARGIN: f64 = 1.0;

/// How the [`UNDATED_MARGIN`] is named among a verdict's agreements.
pub const UNDATED_HOW: &str = "unknown on one side";

/// What the same armed group of no state weighs, of its usual weight, when no date agrees:
/// "gunmen" or "jihadists" attacking soldiers describe many attacks, and a named group
/// fights more than once. Chosen on the dev half: 1.0 (as a named actor) gave pairs P 0.900
/// R 0.786, 0.5 P 0.917 R 0.786, 0.0 P 0.897 R 0.726.
pub const UNDATED_ARMED_GROUP: f64 = 0.5;

/// What two different named targets take off the score: reports name targets differently
/// ("the soldiers", "the army"), so this counts against, not out; it cancels a shared day, so
/// that one source's two acts of a day against two targets (two refusals by one government)
/// need a place or more to be one. Chosen on the dev half: 1.5 gave pairs P 0.829 R 0.740,
/// 2.0 the same, 3.0 P 0.864 R 0.714.
pub const TARGET_DIFFERS: f64 = 3.0;

/// What one report's source being the other's target takes off the score.
pub const ROLES_REVERSED: f64 = 2.0;

/// Modes of acts so rare that two reports of one in the same month are one act unless
/// something else keeps them apart: a coup ("after the coup of July 2023" in two articles,
/// neither naming who). Chosen on the dev half: pairs R 0.746 -> 0.782, P 0.894 -> 0.898.
const RARE_MODES: [&str; 1] = ["coup"];

/// Types whose two sides can be named in either order ("A met B", "B met A").
const SYMMETRIC: [&str; 3] = ["CONSULT", "COOPERATE", "AGREE"];

/// Whether an event of this type is an act of two sides, either of which can be named first.
pub fn symmetric(event_type: &str) -> bool {
    SYMMETRIC.contains(&event_type)
}

/// One field on which a report and an event agree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// The field (`date`, `actor1`, `actor2`, `place`, `country`).
    pub field: &'static str,
    /// How it agrees (`same day`, `contained`, ...).
    pub how: &'static str,
    /// What it adds to the score (negative for a soft disagreement).
    pub weight: f64,
}

/// The outcome of comparing a report with an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Verdict {
    /// They can be one event; the score sums the agreements.
    Compatible {
        /// Sum of the agreements' weights.
        score: f64,
        /// What agreed (and what softly disagreed).
        agreed: Vec<Agreement>,
    },
    /// They cannot be one event, and why.
    Conflict(String),
}

impl Verdict {
    /// The score, when compatible.
    pub fn score(&self) -> Option<f64> {
        match self {
            Verdict::Compatible { score, .. } => Some(*score),
            Verdict::Conflict(_) => None,
        }
    }
}

fn agree(field: &'static str, how: &'static str, weight: f64) -> Agreement {
    Agreement { field, how, weight }
}

/// Dates: two days must be the same or adjacent (a night attack reported on either side of
/// midnight); a day inside a month or a year agrees weakly; an undated report agrees only
/// with what falls in the weeks before its article.
fn dates(a: &Facts, b: &Facts) -> Result<Option<Agreement>, String> {
    let one_day = |s: &Span| s.days() == 1;
    match (a.date, b.date) {
        (Some(x), Some(y)) => {
            let (slack, how, weight) = if one_day(&x) && one_day(&y) {
                if x == y {
                    (0, "same day", 3.0)
                } else {
                    (1, "adjacent day", 2.0)
                }
            } else if x == y {
                (0, "same period", 1.5)
            } else if x.days().max(y.days()) <= 31 {
                (0, "within a month", 1.0)
            } else {
                (0, "within a longer period", 0.5)
            };
            if x.overlaps(&y, slack) {
                Ok(Some(agree("date", how, weight)))
            } else {
                Err(format!("date: {} days apart", x.gap(&y)))
            }
        }
        _ => match (a.when(), b.when()) {
            (Some(x), Some(y)) if x.overlaps(&y, 0) => Ok(Some(agree("date", "within the article's weeks", 0.5))),
            (Some(x), Some(y)) => Err(format!("date: {} days outside the report's weeks", x.gap(&y))),
            _ => Ok(None),
        },
    }
}

/// How two named actors compare: the same key; or two non-state actors of one sector
/// (a named armed group and "armed groups", as two reports name one attacker); or different.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sameness {
    Same,
    SameSector,
    Different,
}

fn sameness(a: &ActorFacts, b: &ActorFacts) -> Sameness {
    if a.key == b.key {
        Sameness::Same
    } else if !a.state && !b.state && a.sector.is_some() && a.sector == b.sector {
        Sameness::SameSector
    } else {
        Sameness::Different
    }
}

/// The same actor weighs by how specific it is: a named organisation, group or person fully;
/// a state (any of its organs) a little less; civilians, the opposition or the media half.
fn specific(field: &'static str, a: Option<&ActorFacts>, weight: f64) -> Agreement {
    match a {
        Some(a) if a.key.starts_with('~') => agree(field, "same sector", weight * 0.5),
        Some(a) if a.state => agree(field, "same state", weight * 0.75),
        _ => agree(field, "same actor", weight),
    }
}

/// Actors: the source must be the same when both name one (for symmetric types, either
/// side); a different target counts against, not out (reports name targets differently).
fn actors(a: &Facts, b: &Facts, out: &mut Vec<Agreement>) -> Result<(), String> {
    let symmetric = symmetric(&a.event_type);
    let both = |x: &Option<ActorFacts>, y: &Option<ActorFacts>| match (x, y) {
        (Some(x), Some(y)) => Some(sameness(x, y)),
        _ => None,
    };
    let straight = (both(&a.actor1, &b.actor1), both(&a.actor2, &b.actor2));
    let crossed = (both(&a.actor1, &b.actor2), both(&a.actor2, &b.actor1));
    let (src, tgt) = if symmetric && straight.0 == Some(Sameness::Different) && crossed.0 == Some(Sameness::Same) {
        crossed
    } else {
        straight
    };
    // "A attacked B" and "B attacked A" (or "B struck back") are two events, however close in
    // time: one side's source being the other's target counts against them, unless the
    // sources are the same (a report that names a side twice). Against, not out: a report
    // can have its roles wrong. A report whose two sides are one state (a coup, an arrest
    // by the state's own forces) shows no direction at that level: "the army overthrew
    // Bazoum" and "Bazoum was overthrown" are not reversed.
    let one_state = |f: &Facts| matches!((&f.actor1, &f.actor2), (Some(x), Some(y)) if x.state && x.key == y.key);
    if !symmetric
        && src != Some(Sameness::Same)
        && (crossed.0 == Some(Sameness::Same) || crossed.1 == Some(Sameness::Same))
        && !one_state(a)
        && !one_state(b)
    {
        out.push(agree("actor1", "roles reversed", -ROLES_REVERSED));
    }
    match src {
        Some(Sameness::Same) => out.push(specific("actor1", a.actor1.as_ref(), 2.0)),
        Some(Sameness::SameSector) => out.push(agree("actor1", "same sector", 0.5)),
        Some(Sameness::Different) => {
            let name = |x: &Option<ActorFacts>| x.as_ref().map(|x| x.name.clone()).unwrap_or_default();
            return Err(format!("actor1: {} vs {}", name(&a.actor1), name(&b.actor1)));
        }
        None => {}
    }
    match tgt {
        Some(Sameness::Same) => out.push(specific("actor2", a.actor2.as_ref(), 1.0)),
        Some(Sameness::SameSector) => {}
        Some(Sameness::Different) => out.push(agree("actor2", "different actor", -TARGET_DIFFERS)),
        None => {}
    }
    Ok(())
}

/// Places: the same place, or one inside the other (a town in the country named by the other
/// report); two different towns are two events. Without a place, the countries the reports
/// are about count a little.
fn places(a: &Facts, b: &Facts, out: &mut Vec<Agreement>) -> Result<(), String> {
    match (&a.place, &b.place) {
        (Some(x), Some(y)) if x.name == y.name => out.push(agree("place", "same place", 2.0)),
        (Some(x), Some(y)) => {
            if x.contains(y) || y.contains(x) {
                let region = x.is_admin1 || y.is_admin1;
                out.push(agree(
                    "place",
                    if region { "in the region" } else { "in the country" },
                    if region { 1.0 } else { 0.5 },
                ));
            } else if x.names_region_of(y) || y.names_region_of(x) {
                out.push(agree("place", "town naming the region", 0.5));
            } else {
                return Err(format!("place: {} vs {}", x.name, y.name));
            }
        }
        _ => match (a.country(), b.country()) {
            (Some(x), Some(y)) if x == y => out.push(agree("country", "same country", 0.5)),
            (Some(_), Some(_)) => out.push(agree("country", "different country", -1.0)),
            _ => {}
        },
    }
    Ok(())
}

/// Compares a report with an event (or another report).
pub fn compare(report: &Facts, event: &Facts) -> Verdict {
    if report.event_type != event.event_type {
        return Verdict::Conflict("type".to_owned());
    }
    if report.reality != event.reality {
        return Verdict::Conflict("modality".to_owned());
    }
    let mut agreed = Vec::new();
    // Reports of one event often name its manner differently (a meeting and a visit, fighting
    // and an air strike): another mode counts against, not out.
    match (&report.mode, &event.mode) {
        (Some(x), Some(y)) if x == y && RARE_MODES.contains(&x.as_str()) => {
            agreed.push(agree("mode", "same rare mode", 1.0))
        }
        (Some(x), Some(y)) if x == y => agreed.push(agree("mode", "same mode", 0.5)),
        (Some(_), Some(_)) => agreed.push(agree("mode", "different mode", -1.0)),
        _ => {}
    }
    let checks = dates(report, event)
        .map(|d| agreed.extend(d))
        .and_then(|()| actors(report, event, &mut agreed))
        .and_then(|()| places(report, event, &mut agreed));
    match checks {
        Err(why) => Verdict::Conflict(why),
        Ok(()) if !agreed.iter().any(|a| a.field == "date") => {
            // Without a date, "protesters" or "civilians" in Niamey describe many events: a
            // shared sector is no evidence of one.
            for a in agreed.iter_mut().filter(|a| a.how == "same sector") {
                a.weight = 0.0;
            }
            // Nor is an armed group of no state much of one ([`UNDATED_ARMED_GROUP`]).
            let armed = |x: &Option<ActorFacts>| {
                x.as_ref()
                    .is_some_and(|x| !x.state && x.sector.as_deref() == Some("rebels"))
            };
            for a in agreed.iter_mut().filter(|a| a.how == "same actor") {
                if (a.field == "actor1" && armed(&report.actor1)) || (a.field == "actor2" && armed(&report.actor2)) {
                    a.weight *= UNDATED_ARMED_GROUP;
                }
            }
            agreed.push(agree("date", UNDATED_HOW, -UNDATED_MARGIN));
            Verdict::Compatible {
                score: agreed.iter().map(|a| a.weight).sum(),
                agreed,
            }
        }
        Ok(()) => Verdict::Compatible {
            score: agreed.iter().map(|a| a.weight).sum(),
            agreed,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{PlaceFacts, Reality};
    use chrono::NaiveDate;

    fn d(s: &str) -> Span {
        Span::day(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date"))
    }

    fn actor(key: &str) -> Option<ActorFacts> {
        Some(ActorFacts {
            key: key.into(),
            name: key.into(),
            sector: None,
            state: key.len() == 3,
        })
    }

    fn town(name: &str, country: &str) -> Option<PlaceFacts> {
        Some(PlaceFacts {
            name: name.into(),
            country: Some(country.into()),
            is_country: false,
            admin1: None,
            is_admin1: false,
        })
    }

    fn protest() -> Facts {
        Facts {
            event_type: "PROTEST".into(),
            mode: None,
            reality: Reality::Real,
            actor1: actor("~civilians"),
            actor2: None,
            place: town("Niamey", "NER"),
            focus_country: Some("NER".into()),
            date: Some(d("2024-03-15")),
            window: None,
        }
    }

    #[test]
    fn the_same_protest_reported_twice_agrees_strongly() {
        let v = compare(&protest(), &protest());
        assert!(v.score().is_some_and(|s| s >= THRESHOLD), "{v:?}");
    }

    #[test]
    fn two_reports_of_a_coup_in_one_month_are_one_coup_not_two_bans() {
        let act = |mode: &str| Facts {
            event_type: "COERCE".into(),
            mode: Some(mode.into()),
            actor1: None,
            place: None,
            // (Neither report says where: a backdrop "after the coup of July 2023".)
            focus_country: None,
            date: Some(Span {
                start: d("2023-07-01").start,
                end: d("2023-07-31").end,
            }),
            ..protest()
        };
        let v = compare(&act("coup"), &act("coup"));
        assert!(v.score().is_some_and(|s| s >= THRESHOLD), "{v:?}");
        let v = compare(&act("ban"), &act("ban"));
        assert!(v.score().is_some_and(|s| s < THRESHOLD), "{v:?}");
    }

    #[test]
    fn an_undated_attack_by_unnamed_gunmen_on_soldiers_needs_more_than_its_actors() {
        let gunmen = Some(ActorFacts {
            key: "Armed groups".into(),
            name: "Armed groups".into(),
            sector: Some("rebels".into()),
            state: false,
        });
        let attack = |date: Option<Span>| Facts {
            event_type: "ASSAULT".into(),
            mode: Some("fight".into()),
            actor1: gunmen.clone(),
            actor2: actor("NER"),
            place: None,
            date,
            ..protest()
        };
        // Neither date nor window on one side: the armed group weighs half.
        let v = compare(&attack(None), &attack(Some(d("2025-03-20"))));
        assert!(v.score().is_some_and(|s| s < THRESHOLD), "{v:?}");
        // The same day on both sides still joins.
        let v = compare(&attack(Some(d("2025-03-20"))), &attack(Some(d("2025-03-20"))));
        assert!(v.score().is_some_and(|s| s >= THRESHOLD), "{v:?}");
    }

    #[test]
    fn one_sources_two_refusals_of_a_day_to_two_targets_stay_apart() {
        let refusal = |target: &str| Facts {
            event_type: "REJECT".into(),
            actor1: actor("IRN"),
            actor2: actor(target),
            place: None,
            ..protest()
        };
        let v = compare(&refusal("USA"), &refusal("~igo-un"));
        assert!(v.score().is_some_and(|s| s < THRESHOLD), "{v:?}");
        // The same refusal reported twice joins.
        let v = compare(&refusal("USA"), &refusal("USA"));
        assert!(v.score().is_some_and(|s| s >= THRESHOLD), "{v:?}");
    }

    #[test]
    fn an_undated_march_of_protesters_in_the_same_town_is_not_enough_to_join() {
        // "In September, hundreds demonstrated in Niamey" (no year, no article date) and a
        // dated march in Niamey share a sector and a town: many marches do.
        let march = Facts {
            mode: Some("demonstrate".into()),
            ..protest()
        };
        let undated = Facts {
            date: None,
            window: None,
            ..march.clone()
        };
        let v = compare(&undated, &march);
        assert!(v.score().is_some_and(|s| s < THRESHOLD), "{v:?}");
        // A named organiser is evidence.
        let named = |f: Facts| Facts {
            actor1: Some(ActorFacts {
                key: "org-m62".into(),
                name: "M62".into(),
                sector: Some("civilians".into()),
                state: false,
            }),
            ..f
        };
        let v = compare(&named(undated), &named(march));
        assert!(v.score().is_some_and(|s| s >= THRESHOLD), "{v:?}");
    }

    #[test]
    fn protests_in_two_towns_on_one_day_conflict() {
        let other = Facts {
            place: town("Zinder", "NER"),
            ..protest()
        };
        assert!(matches!(compare(&protest(), &other), Verdict::Conflict(w) if w.starts_with("place")));
    }

    #[test]
    fn dates_weeks_apart_conflict_and_a_day_in_its_month_agrees() {
        let later = Facts {
            date: Some(d("2024-04-12")),
            ..protest()
        };
        assert!(matches!(compare(&protest(), &later), Verdict::Conflict(w) if w.starts_with("date")));
        let march = Facts {
            date: Some(Span {
                start: d("2024-03-01").start,
                end: d("2024-03-31").start,
            }),
            ..protest()
        };
        assert!(compare(&march, &protest()).score().is_some());
    }

    #[test]
    fn an_undated_report_joins_only_within_its_articles_weeks() {
        let undated = |end: &str| Facts {
            date: None,
            window: Some(Span {
                start: d(end).start - chrono::Duration::days(31),
                end: d(end).start,
            }),
            ..protest()
        };
        assert!(compare(&undated("2024-03-20"), &protest()).score().is_some());
        assert!(compare(&undated("2024-06-20"), &protest()).score().is_none());
    }

    #[test]
    fn a_town_joins_its_country_and_the_target_may_differ_at_a_cost() {
        let national = Facts {
            place: Some(PlaceFacts {
                name: "Niger".into(),
                country: Some("NER".into()),
                is_country: true,
                admin1: None,
                is_admin1: false,
            }),
            actor2: actor("FRA"),
            ..protest()
        };
        let mut with_target = protest();
        with_target.actor2 = actor("ECOWAS");
        let v = compare(&national, &with_target);
        let Verdict::Compatible { agreed, .. } = v else {
            panic!("compatible expected")
        };
        assert!(agreed.iter().any(|a| a.how == "in the country"));
        assert!(agreed.iter().any(|a| a.field == "actor2" && a.weight < 0.0));
    }

    #[test]
    fn symmetric_types_match_sides_in_either_order() {
        let a = Facts {
            event_type: "CONSULT".into(),
            actor1: actor("NER"),
            actor2: actor("RUS"),
            ..protest()
        };
        let b = Facts {
            actor1: actor("RUS"),
            actor2: actor("NER"),
            ..a.clone()
        };
        assert!(compare(&a, &b).score().is_some());
        let c = Facts {
            event_type: "ASSAULT".into(),
            ..a.clone()
        };
        let d2 = Facts {
            event_type: "ASSAULT".into(),
            ..b
        };
        assert!(compare(&c, &d2).score().is_none());
    }

    #[test]
    fn negated_and_real_reports_never_join() {
        let denied = Facts {
            reality: Reality::Negated,
            ..protest()
        };
        assert_eq!(compare(&denied, &protest()), Verdict::Conflict("modality".into()));
    }

    fn attack(source: &str, target: Option<&str>) -> Facts {
        Facts {
            event_type: "ASSAULT".into(),
            actor1: actor(source),
            actor2: target.and_then(actor),
            ..protest()
        }
    }

    #[test]
    fn an_attack_and_the_reply_with_roles_reversed_count_against() {
        // "JNIM attacked the army" and "the army struck JNIM" the same day, same town.
        let ambush = attack("JNIM", Some("NER"));
        let mut reply = attack("NER", Some("JNIM"));
        reply.actor1 = None; // a report that names only the army's target
        let v = compare(&ambush, &reply);
        let Verdict::Compatible { score, agreed } = v else {
            panic!("{v:?}")
        };
        assert!(agreed.iter().any(|a| a.how == "roles reversed"), "{agreed:?}");
        let plain = compare(&ambush, &attack("JNIM", None)).score().expect("compatible");
        assert!(score <= plain - ROLES_REVERSED + 1e-9, "{score} vs {plain}");
    }

    #[test]
    fn a_report_with_both_sides_one_state_shows_no_reversal() {
        // "The army overthrew the president" (both NER) and "the president was overthrown".
        let coup = |source: Option<&str>| Facts {
            event_type: "COERCE".into(),
            actor1: source.and_then(actor),
            actor2: actor("NER"),
            ..protest()
        };
        let v = compare(&coup(Some("NER")), &coup(None));
        let Verdict::Compatible { agreed, .. } = v else {
            panic!("{v:?}")
        };
        assert!(!agreed.iter().any(|a| a.how == "roles reversed"), "{agreed:?}");
    }

    #[test]
    fn a_town_lies_in_its_region_and_another_regions_town_conflicts() {
        let region = |name: &str| PlaceFacts {
            name: name.into(),
            country: Some("MLI".into()),
            is_country: false,
            admin1: Some(name.into()),
            is_admin1: true,
        };
        let in_kayes = PlaceFacts {
            admin1: Some("Kayes".into()),
            ..town("Diéma", "MLI").expect("a town")
        };
        let a = Facts {
            place: Some(region("Kayes")),
            ..protest()
        };
        let b = Facts {
            place: Some(in_kayes.clone()),
            ..protest()
        };
        let v = compare(&a, &b);
        let Verdict::Compatible { agreed, .. } = &v else {
            panic!("{v:?}")
        };
        assert!(agreed.iter().any(|g| g.how == "in the region"), "{agreed:?}");
        let c = Facts {
            place: Some(region("Mopti")),
            ..protest()
        };
        assert!(matches!(compare(&c, &b), Verdict::Conflict(_)));
        // The town that names the region may be the region; another region's town is not.
        let town_named = |name: &str, region: &str| PlaceFacts {
            admin1: Some(region.into()),
            ..town(name, "MLI").expect("a town")
        };
        let d = Facts {
            place: Some(town_named("Kayes", "Kayes")),
            ..protest()
        };
        let v = compare(&d, &b);
        let Verdict::Compatible { agreed, .. } = &v else {
            panic!("{v:?}")
        };
        assert!(agreed.iter().any(|g| g.how == "town naming the region"), "{agreed:?}");
        let e = Facts {
            place: Some(town_named("Ségou", "Segou")),
            ..protest()
        };
        assert!(matches!(compare(&e, &b), Verdict::Conflict(_)));
        let f = Facts {
            place: Some(town_named("Markala", "Segou")),
            ..protest()
        };
        assert!(compare(&e, &f).score().is_some());
    }
}
