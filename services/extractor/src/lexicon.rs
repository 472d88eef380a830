//! The actor, place and cue data files (`services/extractor/data/*.json`), loaded into
//! [`Resources`] with their phrase matchers ([`crate::matcher`]).
//!
//! A language, an actor or a place is added by editing the data, not the code.

use std::collections::HashMap;

use crate::grammar::Grammar;
use crate::triggers::Triggers;
use serde::Deserialize;

pub use crate::matcher::{Match, PhraseMatcher};
use crate::nlp::Token;

/// Trigger lexicon and modality cues, embedded at build time.
pub const LEXICON_JSON: &str = include_str!("../data/lexicon.json");
/// Actor dictionary, embedded at build time.
pub const ACTORS_JSON: &str = include_str!("../data/actors.json");
/// Gazetteer, embedded at build time.
pub const GAZETTEER_JSON: &str = include_str!("../data/gazetteer.json");
/// Confidence calibration (written by `sahel-extractor-eval --calibrate`), embedded.
pub const CALIBRATION_JSON: &str = include_str!("../data/calibration.json");

/// Languages the data covers.
pub const LANGUAGES: [&str; 3] = ["en", "fr", "nl"];

// ---------------------------------------------------------------------------------------------
// Files

#[derive(Debug, Deserialize)]
struct LexiconFile {
    version: String,
    cues: HashMap<String, serde_json::Value>,
}

/// Kinds of surface cue (keys of `cues.<lang>` in lexicon.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Words for a capital city.
    Capital,
    /// Locative prepositions (a place after them is where something happened).
    Locative,
    /// A singular definite noun phrase that describes a country by its region ("the Sahel
    /// country", "the West African nation"): the country the story is about.
    Country,
}

const CUE_KEYS: [(&str, Cue); 3] = [
    ("capital", Cue::Capital),
    ("locative", Cue::Locative),
    ("country", Cue::Country),
];

#[derive(Debug, Clone, Deserialize, Default)]
struct PerLang {
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
    #[serde(default)]
    fr: Vec<String>,
    #[serde(default)]
    nl: Vec<String>,
}

impl PerLang {
    fn for_lang(&self, lang: &str) -> impl Iterator<Item = &String> {
        let own = match lang {
            "en" => &self.en,
            "fr" => &self.fr,
            "nl" => &self.nl,
            _ => &self.any,
        };
        let any = if lang == "any" { None } else { Some(&self.any) };
        own.iter().chain(any.into_iter().flatten())
    }
}

/// A country.
#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    /// ISO 3166 alpha-3.
    pub code: String,
    /// English name.
    pub name: String,
    /// Capital (lower-case, as in the gazetteer).
    pub capital: Option<String>,
    /// The person "the junta" of this country names.
    pub junta: Option<String>,
    /// A country whose adjective translated reports often write by mistake as this one's
    /// ("Nigerian" for Nigerien): in an article that names that country and never this
    /// one, this one's adjective means that one.
    #[serde(default)]
    pub adjective_slip_for: Option<String>,
    /// Cities besides the capital whose mention names this country.
    #[serde(default)]
    pub major_cities: Vec<String>,
    #[serde(default)]
    names: PerLang,
    #[serde(default)]
    adjectives: PerLang,
    #[serde(default)]
    demonyms: PerLang,
}

/// A sector group: nouns for a sector, and how to name the actor they make.
#[derive(Debug, Clone, Deserialize)]
pub struct Group {
    /// Group name.
    pub group: String,
    /// Sector.
    pub sector: String,
    /// "junta" nouns name the country's junta leader.
    #[serde(default)]
    pub junta: bool,
    /// Alone, the noun means the article's focus country's group.
    #[serde(default)]
    pub focus_when_bare: bool,
    /// Phrases that look like actors but are not ("military cooperation").
    #[serde(default)]
    pub ignore: bool,
    /// An actor only with its country ("Russian aircraft", "l'aviation malienne": that
    /// country's military); alone ("the aircraft", "drones") no one.
    #[serde(default)]
    pub only_with_country: bool,
    /// Name when no country is known.
    pub bare_name: String,
    /// Name with a country (`{country}` replaced).
    pub with_country: Option<String>,
    nouns: PerLang,
}

impl Group {
    /// The name of the group's actor of country `code` ("Mali civilians"), or its bare name
    /// without a country or a name for one.
    pub fn name_in(&self, res: &Resources, code: Option<&str>) -> String {
        match (code, &self.with_country) {
            (Some(c), Some(tpl)) => tpl.replace("{country}", &res.country_name(c)),
            _ => self.bare_name.clone(),
        }
    }
}

/// An organisation, mission or armed group.
#[derive(Debug, Clone, Deserialize)]
pub struct Organisation {
    /// Canonical name.
    pub name: String,
    /// Country or organisation code.
    pub code: Option<String>,
    /// Sector.
    pub sector: String,
    aliases: PerLang,
}

/// A person.
#[derive(Debug, Clone, Deserialize)]
pub struct Person {
    /// Canonical name.
    pub name: String,
    /// Country or organisation code.
    pub country: Option<String>,
    /// Role.
    pub role: String,
    /// Sector.
    pub sector: String,
    /// Titles the person is referred to by ("the general").
    #[serde(default)]
    pub titles: Vec<String>,
    aliases: Vec<String>,
    /// Roles with their dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), sorted by start.
    #[serde(default)]
    pub roles: Vec<Role>,
}

/// One role of a person, for a period.
#[derive(Debug, Clone, Deserialize)]
pub struct Role {
    /// Country or organisation code.
    pub country: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// First day (a year or month means its first day); open when absent.
    pub from: Option<String>,
    /// Last day (a year or month means its last day); open when absent.
    pub until: Option<String>,
}

/// A partial ISO date as its first (`end = false`) or last day, `YYYY-MM-DD`.
fn date_bound(d: &str, end: bool) -> String {
    match (d.len(), end) {
        (4, false) => format!("{d}-01-01"),
        (4, true) => format!("{d}-12-31"),
        (7, false) => format!("{d}-01"),
        (7, true) => format!("{d}-31"),
        _ => d.to_owned(),
    }
}

impl Person {
    /// The person's country and sector on `date`: the role that covers it; a person whose
    /// roles all ended before it keeps their country as one of its elites ("former
    /// president"); without a date or roles, the person's current entry.
    pub fn at(&self, date: Option<chrono::NaiveDate>) -> (Option<String>, String) {
        let current = (self.country.clone(), self.sector.clone());
        let Some(date) = date else { return current };
        if self.roles.is_empty() {
            return current;
        }
        let day = date.format("%Y-%m-%d").to_string();
        let covers = |r: &Role| {
            r.from.as_deref().is_none_or(|f| date_bound(f, false) <= day)
                && r.until.as_deref().is_none_or(|u| day <= date_bound(u, true))
        };
        if let Some(r) = self.roles.iter().rev().find(|r| covers(r)) {
            return (
                r.country.clone().or(self.country.clone()),
                r.sector.clone().unwrap_or_else(|| self.sector.clone()),
            );
        }
        let ended = self
            .roles
            .iter()
            .all(|r| r.until.as_deref().is_some_and(|u| date_bound(u, true) < day));
        if ended {
            return (self.country.clone(), "elites".to_owned());
        }
        current
    }
}

/// A coreference phrase ("the general").
#[derive(Debug, Clone, Deserialize)]
pub struct Reference {
    /// Kind (`title`).
    pub kind: String,
    /// The title it refers by.
    pub title: String,
    phrases: PerLang,
}

#[derive(Debug, Deserialize)]
struct ActorsFile {
    version: String,
    countries: Vec<Country>,
    groups: Vec<Group>,
    organisations: Vec<Organisation>,
    people: Vec<Person>,
    references: Vec<Reference>,
    titles: HashMap<String, Vec<String>>,
}

/// What an actor pattern names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorPat {
    /// A country's name.
    CountryName(usize),
    /// A country adjective.
    CountryAdj(usize),
    /// A country's people.
    Demonym(usize),
    /// A country's capital (may stand for its government).
    Capital(usize),
    /// A sector noun.
    Group(usize),
    /// An organisation.
    Org(usize),
    /// A known person.
    Person(usize),
    /// A coreference phrase.
    Reference(usize),
    /// A title before a personal name, with the sector it implies.
    Title(String),
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
    /// Precision (`city`, `admin1`, `country`, `region`, `river`, ...).
    pub precision: String,
    /// For countries: the capital's id.
    #[serde(default)]
    pub capital: Option<String>,
    /// For countries: the seat of government's id, where it is not the capital (Cotonou).
    #[serde(default)]
    pub seat: Option<String>,
    /// Lower-case names.
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct GazetteerFile {
    places: Vec<PlaceEntry>,
}

/// Confidence model: logistic weights over mention features, fitted on the gold set.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
pub struct Calibration {
    /// What was fitted on, and how well.
    pub comment: String,
    /// Feature name → weight (`bias` is the intercept).
    pub weights: HashMap<String, f64>,
}

/// Everything the coder needs, loaded once.
#[derive(Debug)]
pub struct Resources {
    /// Lexicon version (part of the extractor version).
    pub lexicon_version: String,
    /// Event triggers by lemma.
    pub triggers: Triggers,
    /// The words the syntactic coder reads around a trigger.
    pub grammar: Grammar,
    /// Countries.
    pub countries: Vec<Country>,
    /// Sector groups.
    pub groups: Vec<Group>,
    /// Organisations.
    pub orgs: Vec<Organisation>,
    /// People.
    pub people: Vec<Person>,
    /// Coreference phrases.
    pub references: Vec<Reference>,
    /// Actor pattern targets.
    pub actor_pats: Vec<ActorPat>,
    /// Place index of a country's capital → its capital actor pattern.
    capital_pats: HashMap<usize, usize>,
    /// Places.
    pub places: Vec<PlaceEntry>,
    /// Confidence model.
    pub calibration: Calibration,
    country_by_code: HashMap<String, usize>,
    title_words: HashMap<String, String>,
    place_by_id: HashMap<String, usize>,
    country_place: HashMap<String, usize>,
    cues: HashMap<(String, Cue), PhraseMatcher>,
    actor_matchers: HashMap<String, PhraseMatcher>,
    place_matcher: PhraseMatcher,
}

/// A data file that cannot be used.
#[derive(Debug, Clone, thiserror::Error)]
#[error("data file {file}: {problem}")]
pub struct DataError {
    /// Which file.
    pub file: &'static str,
    /// What is wrong.
    pub problem: String,
}

fn err(file: &'static str) -> impl Fn(String) -> DataError {
    move |problem| DataError { file, problem }
}

impl Resources {
    /// Loads the embedded data files.
    pub fn embedded() -> Result<Self, DataError> {
        Self::from_json(LEXICON_JSON, ACTORS_JSON, GAZETTEER_JSON, CALIBRATION_JSON)
    }

    /// Loads data from JSON texts.
    pub fn from_json(lexicon: &str, actors: &str, gazetteer: &str, calibration: &str) -> Result<Self, DataError> {
        let lex: LexiconFile = serde_json::from_str(lexicon).map_err(|e| err("lexicon.json")(e.to_string()))?;
        let act: ActorsFile = serde_json::from_str(actors).map_err(|e| err("actors.json")(e.to_string()))?;
        let gaz: GazetteerFile = serde_json::from_str(gazetteer).map_err(|e| err("gazetteer.json")(e.to_string()))?;
        let calibration: Calibration =
            serde_json::from_str(calibration).map_err(|e| err("calibration.json")(e.to_string()))?;

        let mut cues: HashMap<(String, Cue), PhraseMatcher> = HashMap::new();
        for (lang, v) in &lex.cues {
            let Some(obj) = v.as_object() else { continue };
            for (key, cue) in CUE_KEYS {
                let m = cues.entry((lang.clone(), cue)).or_default();
                for w in obj.get(key).and_then(|x| x.as_array()).into_iter().flatten() {
                    if let Some(w) = w.as_str() {
                        m.add(w, 0)
                            .map_err(|p| err("lexicon.json")(format!("cue {lang}.{key}: {p}")))?;
                    }
                }
            }
        }

        // Actors: one matcher per language over every kind of actor pattern.
        let mut actor_pats = Vec::new();
        let mut actor_matchers: HashMap<String, PhraseMatcher> = HashMap::new();
        let mut add = |pat: ActorPat, lang: &str, phrase: &str| -> Result<(), DataError> {
            let idx = actor_pats.len();
            actor_pats.push(pat);
            let langs: Vec<&str> = if lang == "any" { LANGUAGES.to_vec() } else { vec![lang] };
            for l in langs {
                actor_matchers
                    .entry(l.to_owned())
                    .or_insert_with(|| PhraseMatcher::default().folding())
                    .add(phrase, idx)
                    .map_err(|p| err("actors.json")(format!("`{phrase}`: {p}")))?;
            }
            Ok(())
        };
        for lang in LANGUAGES {
            for (ci, c) in act.countries.iter().enumerate() {
                for n in c.names.for_lang(lang) {
                    add(ActorPat::CountryName(ci), lang, n)?;
                }
                for n in c.adjectives.for_lang(lang) {
                    add(ActorPat::CountryAdj(ci), lang, n)?;
                }
                for n in c.demonyms.for_lang(lang) {
                    add(ActorPat::Demonym(ci), lang, n)?;
                }
                if let Some(cap) = &c.capital {
                    add(ActorPat::Capital(ci), lang, cap)?;
                }
            }
            for (gi, g) in act.groups.iter().enumerate() {
                for n in g.nouns.for_lang(lang) {
                    add(ActorPat::Group(gi), lang, n)?;
                }
            }
            for (oi, o) in act.organisations.iter().enumerate() {
                for n in o.aliases.for_lang(lang) {
                    add(ActorPat::Org(oi), lang, n)?;
                }
            }
            for (pi, p) in act.people.iter().enumerate() {
                for n in &p.aliases {
                    add(ActorPat::Person(pi), lang, n)?;
                }
            }
            for (ri, r) in act.references.iter().enumerate() {
                for n in r.phrases.for_lang(lang) {
                    add(ActorPat::Reference(ri), lang, n)?;
                }
            }
            for (sector, words) in &act.titles {
                for w in words {
                    add(ActorPat::Title(sector.clone()), lang, w)?;
                }
            }
        }
        let title_words = act
            .titles
            .iter()
            .flat_map(|(sector, words)| words.iter().map(move |w| (w.clone(), sector.clone())))
            .collect();
        let country_by_code = act
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), i))
            .collect();

        // Places: every language's names of the countries the actor file knows, then the
        // gazetteer's names. Of two places written alike the first added wins: a country
        // before a town ("le Bénin" is the country, not Benin City, which GeoNames also
        // calls "Bénin").
        let mut place_matcher = PhraseMatcher::capitalised().folding();
        let mut place_by_id = HashMap::new();
        let mut country_place = HashMap::new();
        for (idx, p) in gaz.places.iter().enumerate() {
            place_by_id.insert(p.id.clone(), idx);
            if let Some(c) = p.country.as_ref().filter(|_| p.precision == "country") {
                country_place.entry(c.clone()).or_insert(idx);
            }
        }
        for c in &act.countries {
            if let Some(&idx) = country_place.get(&c.code) {
                for lang in LANGUAGES {
                    for n in c.names.for_lang(lang) {
                        if !n.starts_with('=') && !n.starts_with("the ") {
                            place_matcher.add(n, idx).map_err(err("actors.json"))?;
                        }
                    }
                }
            }
        }
        // A place's alternate name that is another place's own name stands for that other
        // place: GeoNames lists "Islamabad" among Chattogram's names, and the bigger town,
        // added first, would take it.
        let mut own_names: HashMap<String, usize> = HashMap::new();
        for (idx, p) in gaz.places.iter().enumerate() {
            own_names.entry(p.name.to_lowercase()).or_insert(idx);
        }
        for (idx, p) in gaz.places.iter().enumerate() {
            for n in &p.aliases {
                if own_names
                    .get(n)
                    .is_some_and(|&q| q != idx && gaz.places[q].precision == p.precision)
                {
                    continue;
                }
                place_matcher
                    .add(n, idx)
                    .map_err(|e| err("gazetteer.json")(format!("{}: {e}", p.id)))?;
            }
        }
        // A capital stands for its government in every language the gazetteer names it in
        // ("Moscou a critiqué", "Peking waarschuwde"): a place match of a capital is also
        // the country's capital as an actor ([`Resources::actors_and_capitals`]).
        // So does a seat of government that is not the capital ("Cotonou accuse", "Den Haag").
        let mut capital_pats = HashMap::new();
        for (ci, c) in act.countries.iter().enumerate() {
            let Some(&cp) = country_place.get(&c.code) else {
                continue;
            };
            let p = &gaz.places[cp];
            let mut seats = [p.capital.as_ref(), p.seat.as_ref()]
                .into_iter()
                .flatten()
                .filter_map(|id| place_by_id.get(id))
                .peekable();
            if seats.peek().is_some() {
                let target = actor_pats.len();
                actor_pats.push(ActorPat::Capital(ci));
                for &k in seats {
                    capital_pats.insert(k, target);
                }
            }
        }
        let triggers = Triggers::embedded()?;
        // The date words are loaded once per process; a broken file stops the start here.
        crate::dates::Calendar::shared().map_err(Clone::clone)?;
        Ok(Self {
            lexicon_version: format!("{}.{}.{}", lex.version, triggers.version, act.version),
            triggers,
            grammar: Grammar::embedded()?,
            countries: act.countries,
            groups: act.groups,
            orgs: act.organisations,
            people: act.people,
            references: act.references,
            actor_pats,
            capital_pats,
            places: gaz.places,
            calibration,
            country_by_code,
            title_words,
            place_by_id,
            country_place,
            cues,
            actor_matchers,
            place_matcher,
        })
    }

    /// Cue matches of one kind.
    pub fn cues(&self, lang: &str, cue: Cue, toks: &[Token]) -> Vec<Match> {
        let lang = if LANGUAGES.contains(&lang) { lang } else { "en" };
        self.cues
            .get(&(lang.to_owned(), cue))
            .map(|m| m.find(toks))
            .unwrap_or_default()
    }

    /// Actor pattern matches for a language.
    pub fn actors(&self, lang: &str, toks: &[Token]) -> Vec<Match> {
        let lang = if LANGUAGES.contains(&lang) { lang } else { "en" };
        self.actor_matchers.get(lang).map(|m| m.find(toks)).unwrap_or_default()
    }

    /// A sentence's actor pattern matches (`actors`, from [`Resources::actors`]) with the
    /// capitals among `places` (its place matches) that no actor match covers, as their
    /// countries' capitals.
    pub fn with_capitals(&self, actors: Vec<Match>, places: &[Match]) -> Vec<Match> {
        let mut out = actors;
        let before = out.len();
        for p in places {
            let Some(&target) = self.capital_pats.get(&p.target) else {
                continue;
            };
            if !out[..before].iter().any(|m| m.first < p.last && p.first < m.last) {
                out.push(Match { target, ..*p });
            }
        }
        if out.len() > before {
            out.sort_by_key(|m| m.first);
        }
        out
    }

    /// Place matches (a word of the name must be written with a capital).
    pub fn places(&self, toks: &[Token]) -> Vec<Match> {
        self.place_matcher.find(toks)
    }

    /// A country by its code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_by_code.get(code).map(|&i| &self.countries[i])
    }

    /// A country's name by its code (the code itself for a code of no country).
    pub fn country_name(&self, code: &str) -> String {
        self.country(code).map_or_else(|| code.to_owned(), |c| c.name.clone())
    }

    /// The gazetteer entry of a country.
    pub fn country_place(&self, code: &str) -> Option<&PlaceEntry> {
        self.country_place.get(code).map(|&i| &self.places[i])
    }

    /// The gazetteer entry of a country's capital.
    pub fn capital_place(&self, code: &str) -> Option<&PlaceEntry> {
        let c = self.country_place(code)?;
        let id = c.capital.as_ref()?;
        self.place_by_id.get(id).map(|&i| &self.places[i])
    }

    /// The sector a title word implies ("general" → military), if it is a title.
    pub fn title_sector(&self, word: &str) -> Option<&str> {
        self.title_words.get(word).map(String::as_str)
    }

    /// A person by canonical name.
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens;

    #[test]
    fn embedded_data_loads() {
        let r = Resources::embedded().expect("data files parse");
        assert!(r.places.len() > 1000, "gazetteer has {} places", r.places.len());
        assert!(r.country("NER").is_some());
        assert_eq!(r.capital_place("NER").map(|p| p.name.as_str()), Some("Niamey"));
        for t in sahel_schemas::event::EventType::ALL {
            assert!(
                r.triggers.entries.iter().any(|e| e.event_type == t),
                "no trigger entry for {t:?}"
            );
        }
    }

    #[test]
    fn an_articles_date_picks_a_persons_role() {
        let p: Person = serde_json::from_str(
            r#"{"name": "A B", "country": "NER", "role": "former president", "sector": "government",
                "aliases": ["a b"], "roles": [
                  {"country": "NER", "sector": "military", "from": "2011", "until": "2021-03"},
                  {"country": "NER", "sector": "government", "from": "2021-04-02", "until": "2023-07-26"}]}"#,
        )
        .expect("person");
        let at = |y, m, d| p.at(chrono::NaiveDate::from_ymd_opt(y, m, d));
        assert_eq!(at(2015, 6, 1), (Some("NER".to_owned()), "military".to_owned()));
        assert_eq!(at(2021, 3, 31), (Some("NER".to_owned()), "military".to_owned()));
        assert_eq!(at(2022, 1, 1), (Some("NER".to_owned()), "government".to_owned()));
        assert_eq!(at(2024, 1, 1), (Some("NER".to_owned()), "elites".to_owned()));
        assert_eq!(p.at(None), (Some("NER".to_owned()), "government".to_owned()));
    }

    #[test]
    fn country_names_are_places_in_every_language() {
        let r = Resources::embedded().expect("data");
        for s in ["in Frankrijk", "au Tchad", "in Chad"] {
            let toks = tokens(s);
            let m = r.places(&toks);
            assert_eq!(m.len(), 1, "{s}");
        }
        // "Niger river" is the river, "Niger State" a state of Nigeria, "Niger" the country.
        let name = |s: &str| {
            let toks = tokens(s);
            r.places(&toks).first().map(|m| r.places[m.target].name.clone())
        };
        assert_eq!(name("along the Niger river").as_deref(), Some("Niger River"));
        assert_eq!(name("in Niger State").as_deref(), Some("Niger State"));
        assert_eq!(name("in Niger").as_deref(), Some("Niger"));
        assert_eq!(name("in Nigeria").as_deref(), Some("Nigeria"));
    }
}
