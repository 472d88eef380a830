//! Event identity within the extractor: mentions of one real-world event share an
//! `event_id` within and across articles ([`IdentityKey`]); within one article, the fragments
//! of one account take one id ([`assign_event_ids`]).

use sahel_resolver::{actor_key, Facts};
use sahel_schemas::event::{EventDatePrecision, EventMention, Modality};
use sahel_schemas::ids;

/// The identity of the event a mention reports. Actor 2 is left out: reports of one event
/// name its target differently or not at all (measured on the gold set: identity recall
/// doubles, precision holds). Negated and hypothetical mentions are kept apart from real
/// events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentityKey {
    /// PLOVER type, with `/negated` or `/hypothetical` for those modalities.
    pub event_type: String,
    /// Actor 1's key ([`actor_key`]); empty when unknown.
    pub actor1: String,
    /// The article id when neither actor 1 nor a date identifies the event beyond it.
    pub scope: String,
    /// Where: the place's country (else its name), or the article's focus country.
    pub place: String,
    /// When: the month (`YYYY-MM`), the year for year-precision dates; empty when undated.
    pub when: String,
}

impl IdentityKey {
    /// The key of a mention; `focus` is the article's focus country.
    pub fn of(m: &EventMention, focus: Option<&str>) -> IdentityKey {
        let place = m
            .place
            .as_ref()
            .map(|p| p.country.clone().unwrap_or_else(|| p.name.clone()))
            .or_else(|| focus.map(str::to_owned))
            .unwrap_or_default();
        let when = match &m.date {
            None => String::new(),
            Some(d) if d.precision == EventDatePrecision::Year => d.start.format("%Y").to_string(),
            Some(d) => d.start.format("%Y-%m").to_string(),
        };
        let mut event_type = m.event_type.as_str().to_owned();
        match m.modality {
            Modality::Negated => event_type.push_str("/negated"),
            Modality::Hypothetical => event_type.push_str("/hypothetical"),
            _ => {}
        }
        let actor1 = actor_key(m.actor1.as_ref());
        let scope = if actor1.is_empty() && when.is_empty() {
            m.article_id.clone()
        } else {
            String::new()
        };
        IdentityKey {
            event_type,
            actor1,
            scope,
            place,
            when,
        }
    }

    /// The event id.
    pub fn event_id(&self) -> String {
        ids::event_id(&self.event_type, &self.actor1, &self.scope, &self.place, &self.when)
    }
}

/// Event ids for an article's mentions: from the identity key; then the fragments of one
/// account (a headline without date, a later reference without place, "the attackers") are
/// folded into the account they belong to ([`sahel_resolver::fold_article`], the resolver's
/// compatibility rules within one article), and take its id.
pub fn assign_event_ids(out: &mut [&mut EventMention], focus: Option<&str>) {
    let keys: Vec<String> = out.iter().map(|m| IdentityKey::of(m, focus).event_id()).collect();
    let folded: Vec<String> = sahel_resolver::fold_article(
        out.iter()
            .zip(&keys)
            .map(|(m, k)| (k.as_str(), Facts::of(m, focus), m.evidence.sentence_index)),
    );
    for (m, id) in out.iter_mut().zip(folded) {
        m.event_id = id;
    }
}

#[cfg(test)]
mod country_list_tests {
    /// The resolver's list of country codes (`services/resolver/data/countries.txt`) is the
    /// extractor's: a country added to `data/actors.json` must be added there too.
    #[test]
    fn the_resolvers_countries_are_the_extractors() {
        let actors: serde_json::Value =
            serde_json::from_str(include_str!("../data/actors.json")).expect("actors.json parses");
        let codes: Vec<&str> = actors["countries"]
            .as_array()
            .expect("a list of countries")
            .iter()
            .filter_map(|c| c["code"].as_str())
            .collect();
        assert!(codes.len() > 200);
        for code in &codes {
            assert!(
                sahel_resolver::facts::is_country_code(code),
                "{code} missing from the resolver's list"
            );
        }
        for not_a_country in ["IGO", "NGO", "MEA", "UNO"] {
            assert!(!sahel_resolver::facts::is_country_code(not_a_country));
        }
    }
}
