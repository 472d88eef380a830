//! Test fixtures shared by the resolver's unit tests.

use chrono::NaiveDate;

use crate::facts::{ActorFacts, Facts, PlaceFacts, Reality, Span};

/// A day.
pub fn day(s: &str) -> Span {
    Span::day(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date"))
}

/// A protest by civilians in Niger: in town `place` (or nowhere), on `date` (or undated),
/// and when undated, in the month before `window_end`.
pub fn protest(place: Option<&str>, date: Option<&str>, window_end: Option<&str>) -> Facts {
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
        place: place.map(|p| PlaceFacts {
            name: p.into(),
            country: Some("NER".into()),
            is_country: false,
            admin1: None,
            is_admin1: false,
        }),
        focus_country: Some("NER".into()),
        date: date.map(day),
        window: window_end.map(|e| Span {
            start: day(e).start - chrono::Duration::days(31),
            end: day(e).start,
        }),
    }
}
