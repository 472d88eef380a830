//! Helpers the sentence tests share: code a text as published on a day, find a mention of a
//! type, read an actor's or a place's name, or the day of a mention's date.

use sahel_extractor::Extractor;
use sahel_schemas::event::{Actor, EventMention};

/// The mentions `x` codes in `text` (language `lang`), published on `y`-`m`-`d`.
pub fn code_on(x: &Extractor, text: &str, lang: &str, (y, m, d): (i32, u32, u32)) -> Vec<EventMention> {
    x.code_text("t", text, lang, chrono::NaiveDate::from_ymd_opt(y, m, d))
}

/// The first mention of type `ty`; fails the test, showing `text` and all mentions, if none.
pub fn find<'a>(ms: &'a [EventMention], ty: &str, text: &str) -> &'a EventMention {
    ms.iter()
        .find(|m| m.event_type.as_str() == ty)
        .unwrap_or_else(|| panic!("no {ty} in {text}: {ms:?}"))
}

/// An actor's canonical name.
pub fn name(a: &Option<Actor>) -> Option<&str> {
    a.as_ref().map(|a| a.name.as_str())
}

/// The first day of a mention's date, as written (YYYY-MM-DD).
#[allow(dead_code)] // (Not every test file reads dates.)
pub fn day(m: &EventMention) -> Option<String> {
    m.date.as_ref().map(|d| d.start.to_string())
}

/// A mention's place name.
#[allow(dead_code)] // (Not every test file reads places.)
pub fn place(m: &EventMention) -> Option<&str> {
    m.place.as_ref().map(|p| p.name.as_str())
}
