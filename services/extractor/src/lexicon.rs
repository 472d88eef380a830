//! The data files (`services/extractor/data/*.json`) and phrase matching over tokens.
//!
//! A language or a region is added by editing the data, not the code.

use std::collections::HashMap;

use sahel_schemas::event::EventType;
use serde::Deserialize;

use crate::nlp::Token;

/// Trigger lexicon, embedded at build time.
pub const LEXICON_JSON: &str = include_str!("../data/lexicon.json");
/// Actor dictionary, embedded at build time.
pub const ACTORS_JSON: &str = include_str!("../data/actors.json");
/// Gazetteer, embedded at build time.
pub const GAZETTEER_JSON: &str = include_str!("../data/gazetteer.json");

#[derive(Debug, Deserialize)]
struct LexiconFile {
    version: String,
    events: Vec<EventEntry>,
}

/// One event type's entry.
#[derive(Debug, Clone, Deserialize)]
pub struct EventEntry {
    /// PLOVER type name.
    #[serde(rename = "type")]
    pub event_type: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO root code.
    pub cameo_root: String,
    /// Quad class.
    pub quad_class: u8,
    /// Triggers per language.
    pub triggers: HashMap<String, Vec<String>>,
}

/// An actor entry.
#[derive(Debug, Clone, Deserialize)]
pub struct ActorEntry {
    /// Canonical name.
    pub name: String,
    /// Country or organisation code.
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Aliases per language (`any` for all).
    pub aliases: HashMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct ActorsFile {
    actors: Vec<ActorEntry>,
}

/// A gazetteer entry.
#[derive(Debug, Clone, Deserialize)]
pub struct PlaceEntry {
    /// Gazetteer id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Precision (`city`, `country`, ...).
    pub precision: String,
    /// Lower-case names.
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct GazetteerFile {
    places: Vec<PlaceEntry>,
}

/// A phrase pattern: lower-case words, the last one optionally a prefix (`demonstrat*`).
#[derive(Debug, Clone)]
struct Pattern {
    words: Vec<String>,
    last_is_prefix: bool,
    target: usize,
}

/// Longest-match phrase matcher over tokens, indexed by first word (or its first 3 letters
/// for prefix patterns).
#[derive(Debug, Default)]
pub struct PhraseMatcher {
    exact: HashMap<String, Vec<Pattern>>,
    prefix: Vec<Pattern>,
}

/// A match: token range and the entry it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Index of the entry.
    pub target: usize,
}

impl PhraseMatcher {
    fn add(&mut self, phrase: &str, target: usize) {
        let mut words: Vec<String> = crate::nlp::tokens(phrase).into_iter().map(|t| t.lower).collect();
        let last_is_prefix = phrase.trim_end().ends_with('*');
        if words.is_empty() {
            return;
        }
        if last_is_prefix {
            if let Some(w) = words.last_mut() {
                *w = w.trim_end_matches('*').to_owned();
            }
        }
        let p = Pattern {
            words,
            last_is_prefix,
            target,
        };
        if p.last_is_prefix && p.words.len() == 1 {
            self.prefix.push(p);
        } else {
            self.exact.entry(p.words[0].clone()).or_default().push(p);
        }
    }

    fn matches_at(p: &Pattern, toks: &[Token], i: usize) -> bool {
        if i + p.words.len() > toks.len() {
            return false;
        }
        p.words.iter().enumerate().all(|(k, w)| {
            let t = &toks[i + k].lower;
            if p.last_is_prefix && k + 1 == p.words.len() {
                t.starts_with(w.as_str())
            } else {
                t == w
            }
        })
    }

    /// Non-overlapping matches, left to right, longest first at each position.
    pub fn find(&self, toks: &[Token]) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let mut best: Option<&Pattern> = None;
            let candidates = self
                .exact
                .get(&toks[i].lower)
                .into_iter()
                .flatten()
                .chain(self.prefix.iter());
            for p in candidates {
                if Self::matches_at(p, toks, i) && best.is_none_or(|b| p.words.len() > b.words.len()) {
                    best = Some(p);
                }
            }
            if let Some(p) = best {
                out.push(Match {
                    first: i,
                    last: i + p.words.len(),
                    target: p.target,
                });
                i += p.words.len();
            } else {
                i += 1;
            }
        }
        out
    }
}

/// Everything the coder needs, loaded once.
#[derive(Debug)]
pub struct Resources {
    /// Lexicon version (part of the extractor version).
    pub lexicon_version: String,
    /// Event entries.
    pub events: Vec<(EventType, EventEntry)>,
    /// Actor entries.
    pub actors: Vec<ActorEntry>,
    /// Places.
    pub places: Vec<PlaceEntry>,
    triggers: HashMap<String, PhraseMatcher>,
    actor_matchers: HashMap<String, PhraseMatcher>,
    place_matcher: PhraseMatcher,
}

/// A data file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("data file {file}: {problem}")]
pub struct DataError {
    /// Which file.
    pub file: &'static str,
    /// What is wrong.
    pub problem: String,
}

impl Resources {
    /// Loads the embedded data files.
    pub fn embedded() -> Result<Self, DataError> {
        Self::from_json(LEXICON_JSON, ACTORS_JSON, GAZETTEER_JSON)
    }

    /// Loads data from JSON texts.
    pub fn from_json(lexicon: &str, actors: &str, gazetteer: &str) -> Result<Self, DataError> {
        let lex: LexiconFile = serde_json::from_str(lexicon).map_err(|e| DataError {
            file: "lexicon.json",
            problem: e.to_string(),
        })?;
        let act: ActorsFile = serde_json::from_str(actors).map_err(|e| DataError {
            file: "actors.json",
            problem: e.to_string(),
        })?;
        let gaz: GazetteerFile = serde_json::from_str(gazetteer).map_err(|e| DataError {
            file: "gazetteer.json",
            problem: e.to_string(),
        })?;
        let mut events = Vec::new();
        let mut triggers: HashMap<String, PhraseMatcher> = HashMap::new();
        for e in lex.events {
            let t = EventType::parse(&e.event_type).ok_or_else(|| DataError {
                file: "lexicon.json",
                problem: format!("unknown PLOVER type {}", e.event_type),
            })?;
            if !(1..=4).contains(&e.quad_class) || e.cameo_root.len() != 2 {
                return Err(DataError {
                    file: "lexicon.json",
                    problem: format!("{}: bad quad class or CAMEO root", e.event_type),
                });
            }
            let idx = events.len();
            for (lang, words) in &e.triggers {
                let m = triggers.entry(lang.clone()).or_default();
                for w in words {
                    m.add(w, idx);
                }
            }
            events.push((t, e));
        }
        let mut actor_matchers: HashMap<String, PhraseMatcher> = HashMap::new();
        for (idx, a) in act.actors.iter().enumerate() {
            for (lang, names) in &a.aliases {
                let m = actor_matchers.entry(lang.clone()).or_default();
                for n in names {
                    m.add(n, idx);
                }
            }
        }
        // "any" aliases apply to every language: merge them into each language's matcher.
        let any: Vec<(String, usize)> = act
            .actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.aliases.get("any").into_iter().flatten().map(move |n| (n.clone(), i)))
            .collect();
        for lang in ["en", "fr", "nl", "und"] {
            let m = actor_matchers.entry(lang.to_owned()).or_default();
            for (n, i) in &any {
                m.add(n, *i);
            }
        }
        let mut place_matcher = PhraseMatcher::default();
        for (idx, p) in gaz.places.iter().enumerate() {
            for n in &p.aliases {
                place_matcher.add(n, idx);
            }
        }
        Ok(Self {
            lexicon_version: lex.version,
            events,
            actors: act.actors,
            places: gaz.places,
            triggers,
            actor_matchers,
            place_matcher,
        })
    }

    /// Trigger matches for a language.
    pub fn triggers(&self, lang: &str, toks: &[Token]) -> Vec<Match> {
        self.triggers.get(lang).map(|m| m.find(toks)).unwrap_or_default()
    }

    /// Actor matches for a language.
    pub fn actors(&self, lang: &str, toks: &[Token]) -> Vec<Match> {
        self.actor_matchers
            .get(lang)
            .or_else(|| self.actor_matchers.get("und"))
            .map(|m| m.find(toks))
            .unwrap_or_default()
    }

    /// Place matches.
    pub fn places(&self, toks: &[Token]) -> Vec<Match> {
        self.place_matcher.find(toks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens;

    #[test]
    fn embedded_data_loads() {
        let r = Resources::embedded().expect("data files parse");
        assert!(r.events.iter().any(|(t, _)| *t == EventType::Protest));
        assert!(!r.actors.is_empty() && !r.places.is_empty());
    }

    #[test]
    fn longest_match_and_prefixes() {
        let r = Resources::embedded().expect("data");
        let toks = tokens("Duizenden demonstranten eisten het vertrek van de Franse militairen");
        let found: Vec<&str> = r
            .actors("nl", &toks)
            .iter()
            .map(|m| r.actors[m.target].name.as_str())
            .collect();
        assert_eq!(found, vec!["Protesters", "French military"]);
        let toks = tokens("Les manifestations se poursuivent");
        assert_eq!(r.triggers("fr", &toks).len(), 1);
    }
}
