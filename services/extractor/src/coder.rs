//! Event coding: sentence → event mentions. Pure functions over [`Resources`].

use chrono::NaiveDate;
use sahel_schemas::envelope::{now, Message};
use sahel_schemas::event::{Actor, EventMention, Evidence, Modality, Place};
use sahel_schemas::{ids, ProducerInfo};

use crate::lexicon::{Match, Resources};
use crate::nlp::{self, Token};

/// What the coder needs to know about an article.
#[derive(Debug, Clone)]
pub struct ArticleInput<'a> {
    /// Article id.
    pub article_id: &'a str,
    /// Text (NFC, paragraphs separated by blank lines).
    pub text: &'a str,
    /// Language (ISO 639-1).
    pub language: &'a str,
    /// Publication date, for relative dates.
    pub published: Option<NaiveDate>,
}

const LOCATIVE: &[&str] = &[
    "in", "at", "near", "from", "to", "à", "a", "dans", "de", "vers", "te", "naar", "bij", "uit", "op",
];
const NEGATION: &[&str] = &[
    "not", "no", "never", "denied", "ne", "pas", "jamais", "démenti", "niet", "geen", "nooit",
];
const REPORTED: &[&str] = &[
    "said",
    "says",
    "according",
    "reported",
    "selon",
    "affirme",
    "a déclaré",
    "aldus",
    "volgens",
    "zei",
];
const PLANNED: &[&str] = &[
    "will", "plans", "planned", "to", "va", "compte", "prévoit", "zal", "gaat", "plan", "call", "called",
];
const HYPOTHETICAL: &[&str] = &[
    "could", "might", "may", "would", "if", "pourrait", "si", "zou", "kunnen", "als",
];

fn has_cue(toks: &[Token], range: std::ops::Range<usize>, cues: &[&str]) -> bool {
    toks.get(range)
        .into_iter()
        .flatten()
        .any(|t| cues.contains(&t.lower.as_str()))
}

/// Modality from cue words in a window before the trigger (and anywhere for attribution).
fn modality(toks: &[Token], trigger: &Match) -> Modality {
    let before = trigger.first.saturating_sub(4)..trigger.first;
    if has_cue(toks, before.clone(), NEGATION) {
        Modality::Negated
    } else if has_cue(toks, before.clone(), HYPOTHETICAL) {
        Modality::Hypothetical
    } else if has_cue(toks, trigger.first.saturating_sub(2)..trigger.first, PLANNED)
        && !toks
            .get(trigger.first)
            .is_some_and(|t| t.lower.ends_with("ed") || t.lower.ends_with("ers"))
    {
        Modality::Planned
    } else if has_cue(toks, 0..toks.len(), REPORTED) {
        Modality::Reported
    } else {
        Modality::Asserted
    }
}

fn actor(res: &Resources, toks: &[Token], sentence: &str, m: &Match) -> Actor {
    let a = &res.actors[m.target];
    let chars: Vec<char> = sentence.chars().collect();
    let text: String = chars[toks[m.first].start as usize..toks[m.last - 1].end as usize]
        .iter()
        .collect();
    Actor {
        text,
        name: a.name.clone(),
        country: a.country.clone(),
        sector: a.sector.clone(),
    }
}

/// Codes every sentence of an article.
pub fn code(
    res: &Resources,
    input: &ArticleInput<'_>,
    extractor_version: &str,
    producer: &ProducerInfo,
) -> Vec<EventMention> {
    let mut out = Vec::new();
    for (si, s) in nlp::sentences(input.text).into_iter().enumerate() {
        let toks = nlp::tokens(&s.text);
        let triggers = res.triggers(input.language, &toks);
        if triggers.is_empty() {
            continue;
        }
        let places = res.places(&toks);
        // A capital after a locative preposition ("in Niamey", "à Bamako") is a place, not
        // the government it can stand for.
        let actors: Vec<Match> = res
            .actors(input.language, &toks)
            .into_iter()
            .filter(|a| {
                let is_place = places.iter().any(|p| p.first == a.first && p.last == a.last);
                let after_locative = a.first > 0 && LOCATIVE.contains(&toks[a.first - 1].lower.as_str());
                !(is_place && after_locative)
            })
            .collect();
        // One mention per event type per sentence: the first trigger of each type.
        let mut seen = Vec::new();
        for trig in triggers {
            let (event_type, entry) = &res.events[trig.target];
            if seen.contains(event_type) {
                continue;
            }
            seen.push(*event_type);
            // Actor 1: an actor noun that is the trigger itself ("protesters"), else the
            // closest actor before the trigger, else the first after it; actor 2: the first
            // other actor after the trigger.
            let a1 = actors
                .iter()
                .find(|a| a.first <= trig.first && a.last >= trig.last)
                .or_else(|| actors.iter().rev().find(|a| a.last <= trig.first))
                .or_else(|| actors.iter().find(|a| a.first >= trig.last));
            let a2 = actors.iter().find(|a| {
                a.first >= trig.last
                    && Some(*a) != a1
                    && a1.is_none_or(|x| res.actors[x.target].name != res.actors[a.target].name)
            });
            let a1 = a1.map(|m| actor(res, &toks, &s.text, m));
            let a2 = a2.map(|m| actor(res, &toks, &s.text, m));
            // Place: the most precise gazetteer match (a city beats a country).
            let place = places
                .iter()
                .map(|m| &res.places[m.target])
                .min_by_key(|p| if p.precision == "city" { 0 } else { 1 })
                .map(|p| Place {
                    name: p.name.clone(),
                    country: p.country.clone(),
                    admin1: p.admin1.clone(),
                    latitude: Some(p.lat),
                    longitude: Some(p.lon),
                    gazetteer_id: Some(p.id.clone()),
                    precision: p.precision.clone(),
                });
            let date = crate::dates::find(&toks, input.published);
            let modality = modality(&toks, &trig);
            let mut confidence: f64 = 0.4;
            if a1.is_some() {
                confidence += 0.2;
            }
            if place.is_some() {
                confidence += 0.15;
            }
            if date.is_some() {
                confidence += 0.15;
            }
            if matches!(modality, Modality::Negated | Modality::Hypothetical) {
                confidence *= 0.5;
            }
            let date_key = date.as_ref().map(|d| d.start.to_string()).unwrap_or_default();
            let event_id = ids::event_id(
                event_type.as_str(),
                a1.as_ref().map(|a| a.name.as_str()).unwrap_or(""),
                a2.as_ref().map(|a| a.name.as_str()).unwrap_or(""),
                place.as_ref().map(|p| p.name.as_str()).unwrap_or(""),
                &date_key,
            );
            out.push(EventMention {
                schema: EventMention::current_schema(),
                id: ids::mention_id(input.article_id, si as u32, s.start, event_type.as_str()),
                produced_at: now(),
                producer: producer.clone(),
                event_id,
                article_id: input.article_id.to_owned(),
                event_type: *event_type,
                event_mode: entry.mode.clone(),
                cameo_root: entry.cameo_root.clone(),
                quad_class: entry.quad_class,
                actor1: a1,
                actor2: a2,
                date,
                place,
                evidence: Evidence {
                    article_id: input.article_id.to_owned(),
                    sentence_index: si as u32,
                    char_start: s.start,
                    char_end: s.end,
                    quote: s.text.clone(),
                    language: input.language.to_owned(),
                },
                modality,
                confidence: (confidence * 100.0).round() / 100.0,
                extractor_version: extractor_version.to_owned(),
            });
        }
    }
    merge_within_article(&mut out);
    out
}

fn compatible<T: PartialEq>(a: Option<&T>, b: Option<&T>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Within one article, an undated mention (a headline, a later reference) of the same type,
/// with compatible actor 1 and place, is another mention of the dated event: it takes that
/// event's id instead of founding an event of its own.
fn merge_within_article(mentions: &mut [EventMention]) {
    let dated: Vec<(usize, String)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.date.is_some())
        .map(|(i, m)| (i, m.event_id.clone()))
        .collect();
    for i in 0..mentions.len() {
        if mentions[i].date.is_some() {
            continue;
        }
        let found = dated.iter().find(|(j, _)| {
            let (a, b) = (&mentions[i], &mentions[*j]);
            a.event_type == b.event_type
                && compatible(a.place.as_ref().map(|p| &p.name), b.place.as_ref().map(|p| &p.name))
                && compatible(a.actor1.as_ref().map(|x| &x.name), b.actor1.as_ref().map(|x| &x.name))
        });
        if let Some((_, id)) = found {
            mentions[i].event_id = id.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahel_schemas::event::EventType;

    fn run(text: &str, lang: &str, published: Option<NaiveDate>) -> Vec<EventMention> {
        let res = Resources::embedded().expect("data");
        let input = ArticleInput {
            article_id: "art_x",
            text,
            language: lang,
            published,
        };
        code(&res, &input, "test", &ProducerInfo::new("extractor", "test"))
    }

    #[test]
    fn protest_with_actor_place_date_and_evidence_span() {
        let text = "Background line.\n\nThousands of protesters gathered in Niamey on 13 April 2024 to demand the departure of US troops.";
        let m = run(text, "en", None);
        let p = m
            .iter()
            .find(|m| m.event_type == EventType::Protest)
            .expect("a PROTEST");
        assert_eq!(p.actor1.as_ref().map(|a| a.name.as_str()), Some("Protesters"));
        assert_eq!(
            p.actor2.as_ref().map(|a| a.name.as_str()),
            Some("United States military")
        );
        assert_eq!(p.place.as_ref().map(|p| p.name.as_str()), Some("Niamey"));
        assert_eq!(
            p.date.as_ref().map(|d| d.start.to_string()),
            Some("2024-04-13".to_owned())
        );
        let chars: Vec<char> = text.chars().collect();
        let quoted: String = chars[p.evidence.char_start as usize..p.evidence.char_end as usize]
            .iter()
            .collect();
        assert_eq!(quoted, p.evidence.quote);
        assert_eq!(p.evidence.sentence_index, 1);
        assert_eq!(p.modality, Modality::Asserted);
    }

    #[test]
    fn french_and_dutch_protests() {
        let fr = run(
            "Des milliers de manifestants ont défilé samedi à Niamey contre la présence française.",
            "fr",
            None,
        );
        assert!(fr
            .iter()
            .any(|m| m.event_type == EventType::Protest && m.place.as_ref().is_some_and(|p| p.name == "Niamey")));
        let nl = run(
            "In Niamey demonstreerden duizenden mensen tegen de Franse militairen.",
            "nl",
            None,
        );
        assert!(nl.iter().any(|m| m.event_type == EventType::Protest));
    }

    #[test]
    fn an_undated_headline_joins_the_dated_event_of_its_article() {
        let m = run(
            "Rally in Niamey\n\nProtesters gathered in Niamey on 16 March 2024.",
            "en",
            None,
        );
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].event_id, m[1].event_id);
        assert!(m[0].date.is_none() && m[1].date.is_some());
    }

    #[test]
    fn negated_protest_is_recorded_as_negated() {
        let m = run("The opposition did not protest in Niamey.", "en", None);
        assert_eq!(m.first().map(|m| m.modality), Some(Modality::Negated));
    }

    #[test]
    fn same_event_in_two_articles_shares_an_event_id() {
        let a = run("Protesters rallied in Niamey on 13 April 2024.", "en", None);
        let b = run(
            "On 13 April 2024, protesters demonstrated in Niamey against the junta.",
            "en",
            None,
        );
        let (a, b) = (a.first().expect("a"), b.first().expect("b"));
        assert_eq!(a.event_type, b.event_type);
        // Actor 2 differs (the junta is named only in b), so identity follows the actors.
        assert_ne!(a.event_id, b.event_id);
        let c = run("Protesters rallied in Niamey on 13 April 2024.", "en", None);
        assert_eq!(a.event_id, c.first().expect("c").event_id);
    }
}
