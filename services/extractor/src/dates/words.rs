//! The words the date finder reads (`data/calendar.json`): month and weekday names, number
//! words, units, ordinal suffixes and the groups of words that make relative dates, per
//! language. A language is added by adding its section to the file.
//!
//! The parser does not know a sentence's language, so the sections are merged: a word counts
//! in every sentence, whatever section it stands in.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::Weekday;
use serde_json::{Map, Value};

use crate::lexicon::DataError;

/// The calendar words file, embedded at build time.
pub const CALENDAR_JSON: &str = include_str!("../../data/calendar.json");

const FILE: &str = "calendar.json";

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    /// A Saturday and Sunday: counted only from the reference ("last weekend", "ce
    /// week-end", "het weekend"), never in numbers.
    Weekend,
    Month,
    Year,
}

/// A group of words or phrases the parser tells apart (the file's comment says what each is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum G {
    DayArticle,
    DayOf,
    PartLead,
    PartBegin,
    PartMid,
    PartEnd,
    PartOf,
    MonthNoun,
    MonthNounOf,
    WeekdayLastAfter,
    Last,
    Next,
    Past,
    This,
    WeekendArticle,
    NounArticle,
    UnitLastAfter,
    UnitNextAfter,
    UnitFollowingAfter,
    NextDay,
    PreviousDay,
    NounSameDay,
    RelativeArticle,
    Following,
    UnitBefore,
    UnitAfter,
    SameDay,
    SameDayAlone,
    Yesterday,
    Today,
    AgoBefore,
    Ago,
    Later,
    Earlier,
    MonthIn,
    Since,
    MonthInNoun,
    DecadeNoun,
}

impl G {
    /// The group's bit in [`Calendar::starts`].
    pub(super) fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

const GROUPS: [(&str, G); 38] = [
    ("day_article", G::DayArticle),
    ("day_of", G::DayOf),
    ("part_lead", G::PartLead),
    ("part_begin", G::PartBegin),
    ("part_mid", G::PartMid),
    ("part_end", G::PartEnd),
    ("part_of", G::PartOf),
    ("month_noun", G::MonthNoun),
    ("month_noun_of", G::MonthNounOf),
    ("weekday_last_after", G::WeekdayLastAfter),
    ("last", G::Last),
    ("next", G::Next),
    ("past", G::Past),
    ("this", G::This),
    ("weekend_article", G::WeekendArticle),
    ("noun_article", G::NounArticle),
    ("unit_last_after", G::UnitLastAfter),
    ("unit_next_after", G::UnitNextAfter),
    ("unit_following_after", G::UnitFollowingAfter),
    ("next_day", G::NextDay),
    ("previous_day", G::PreviousDay),
    ("noun_same_day", G::NounSameDay),
    ("relative_article", G::RelativeArticle),
    ("following", G::Following),
    ("unit_before", G::UnitBefore),
    ("unit_after", G::UnitAfter),
    ("same_day", G::SameDay),
    ("same_day_alone", G::SameDayAlone),
    ("yesterday", G::Yesterday),
    ("today", G::Today),
    ("ago_before", G::AgoBefore),
    ("ago", G::Ago),
    ("later", G::Later),
    ("earlier", G::Earlier),
    ("month_in", G::MonthIn),
    ("since", G::Since),
    ("month_in_noun", G::MonthInNoun),
    ("decade_noun", G::DecadeNoun),
];

/// The keys that are not word groups; with [`GROUPS`], every key a language section has.
const TABLES: [&str; 12] = [
    "decades",
    "months",
    "months_capitalised",
    "weekdays",
    "weekdays_alone_capitalised",
    "weekday_part_suffixes",
    "numbers",
    "units",
    "last_units",
    "this_units",
    "ordinal_suffixes",
    "mid_prefixes",
];

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The calendar words of every language, merged.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    months: HashMap<String, u32>,
    months_capitalised: HashMap<String, u32>,
    weekdays: HashMap<String, Weekday>,
    weekdays_capitalised: HashSet<String>,
    numbers: HashMap<String, i64>,
    decades: HashMap<String, i32>,
    units: HashMap<String, Unit>,
    last_units: HashMap<String, Unit>,
    this_units: HashMap<String, Unit>,
    ordinal_suffixes: HashSet<String>,
    mid_prefixes: Vec<String>,
    /// Each group's phrases (a phrase is its words), longest first.
    groups: HashMap<G, Vec<Vec<String>>>,
    /// For each word that starts a phrase of some group, those groups ([`G::bit`]): the
    /// parser tries a dozen groups at every word, and most words start none.
    starts: HashMap<String, u64>,
}

fn bad(problem: String) -> DataError {
    DataError { file: FILE, problem }
}

/// Inserts `word → value` into a merged table; a word may stand in several languages only with
/// the same value.
fn merge<T: PartialEq + Copy + std::fmt::Debug>(
    table: &mut HashMap<String, T>,
    lang: &str,
    key: &str,
    word: String,
    value: T,
) -> Result<(), DataError> {
    match table.get(&word) {
        Some(old) if *old != value => Err(bad(format!(
            "{lang}.{key}.{word}: {value:?} here but {old:?} in another language"
        ))),
        _ => {
            table.insert(word, value);
            Ok(())
        }
    }
}

/// The object at `lang.key`, each value read by `f` (`what` says what it must be).
fn entries<T>(
    sec: &Map<String, Value>,
    lang: &str,
    key: &str,
    f: impl Fn(&Value) -> Option<T>,
    what: &str,
) -> Result<Vec<(String, T)>, DataError> {
    let obj = sec
        .get(key)
        .and_then(Value::as_object)
        .ok_or_else(|| bad(format!("{lang}.{key}: missing object")))?;
    obj.iter()
        .map(|(w, v)| {
            let value = f(v).ok_or_else(|| bad(format!("{lang}.{key}.{w}: not {what}")))?;
            Ok((w.to_lowercase(), value))
        })
        .collect()
}

/// The list at `lang.key`, lower-cased; an empty string is an error.
fn strings(sec: &Map<String, Value>, lang: &str, key: &str) -> Result<Vec<String>, DataError> {
    let list = sec
        .get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| bad(format!("{lang}.{key}: missing list")))?;
    list.iter()
        .map(|v| match v.as_str().map(str::trim) {
            Some(s) if !s.is_empty() => Ok(s.to_lowercase()),
            _ => Err(bad(format!("{lang}.{key}: {v} is not a non-empty string"))),
        })
        .collect()
}

fn unit_named(v: &Value) -> Option<Unit> {
    match v.as_str()? {
        "day" => Some(Unit::Day),
        "week" => Some(Unit::Week),
        "weekend" => Some(Unit::Weekend),
        "month" => Some(Unit::Month),
        "year" => Some(Unit::Year),
        _ => None,
    }
}

fn unit_not_day(v: &Value) -> Option<Unit> {
    unit_named(v).filter(|u| *u != Unit::Day)
}

fn month_number(v: &Value) -> Option<u32> {
    v.as_u64().filter(|m| (1..=12).contains(m)).map(|m| m as u32)
}

impl Calendar {
    /// The embedded calendar, loaded on first use and kept for the process.
    pub fn shared() -> Result<&'static Calendar, &'static DataError> {
        static CELL: OnceLock<Result<Calendar, DataError>> = OnceLock::new();
        CELL.get_or_init(|| {
            let loaded = Calendar::from_json(CALENDAR_JSON);
            if let Err(e) = &loaded {
                tracing::error!(error = %e, "no dates can be found");
            }
            loaded
        })
        .as_ref()
    }

    /// Loads a calendar file: a `comment` and one section per language, each with every key.
    pub fn from_json(json: &str) -> Result<Calendar, DataError> {
        let raw: Map<String, Value> = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
        let mut cal = Calendar::default();
        for (lang, sec) in raw.iter().filter(|(k, _)| *k != "comment") {
            let sec = sec.as_object().ok_or_else(|| bad(format!("{lang}: not an object")))?;
            let known = |k: &str| TABLES.contains(&k) || GROUPS.iter().any(|(g, _)| *g == k);
            if let Some(k) = sec.keys().find(|k| !known(k)) {
                return Err(bad(format!("{lang}.{k}: unknown key")));
            }
            let month = "a month number (1-12)";
            for (w, m) in entries(sec, lang, "months", month_number, month)? {
                merge(&mut cal.months, lang, "months", w, m)?;
            }
            for (w, m) in entries(sec, lang, "months_capitalised", month_number, month)? {
                merge(&mut cal.months_capitalised, lang, "months_capitalised", w, m)?;
            }
            let capitalised = sec
                .get("weekdays_alone_capitalised")
                .and_then(Value::as_bool)
                .ok_or_else(|| bad(format!("{lang}.weekdays_alone_capitalised: missing true or false")))?;
            let day = |v: &Value| {
                v.as_u64()
                    .filter(|d| (1..=7).contains(d))
                    .map(|d| WEEKDAYS[d as usize - 1])
            };
            // "donderdagavond": a weekday and a part of the day written as one word.
            let parts = strings(sec, lang, "weekday_part_suffixes")?;
            for (w, d) in entries(sec, lang, "weekdays", day, "a weekday number (1-7)")? {
                for compound in parts.iter().map(|p| format!("{w}{p}")) {
                    if capitalised {
                        cal.weekdays_capitalised.insert(compound.clone());
                    }
                    merge(&mut cal.weekdays, lang, "weekday_part_suffixes", compound, d)?;
                }
                if capitalised {
                    cal.weekdays_capitalised.insert(w.clone());
                }
                merge(&mut cal.weekdays, lang, "weekdays", w, d)?;
            }
            let positive = |v: &Value| v.as_i64().filter(|n| *n > 0);
            for (w, n) in entries(sec, lang, "numbers", positive, "a positive whole number")? {
                merge(&mut cal.numbers, lang, "numbers", w, n)?;
            }
            for (w, u) in entries(sec, lang, "units", unit_named, "day, week, weekend, month or year")? {
                merge(&mut cal.units, lang, "units", w, u)?;
            }
            for (key, table) in [("last_units", &mut cal.last_units), ("this_units", &mut cal.this_units)] {
                for (w, u) in entries(sec, lang, key, unit_not_day, "week, weekend, month or year")? {
                    merge(table, lang, key, w, u)?;
                }
            }
            for s in strings(sec, lang, "ordinal_suffixes")? {
                if !s.chars().all(char::is_alphabetic) {
                    return Err(bad(format!("{lang}.ordinal_suffixes: {s} is not letters only")));
                }
                cal.ordinal_suffixes.insert(s);
            }
            cal.mid_prefixes.extend(strings(sec, lang, "mid_prefixes")?);
            let tens = |v: &Value| v.as_u64().filter(|d| d % 10 == 0 && *d < 100).map(|d| d as i32);
            for (w, d) in entries(sec, lang, "decades", tens, "a multiple of ten below 100")? {
                merge(&mut cal.decades, lang, "decades", w, d)?;
            }
            for (key, g) in GROUPS {
                let phrases = strings(sec, lang, key)?;
                for p in phrases {
                    let words: Vec<String> = p.split_whitespace().map(str::to_owned).collect();
                    let Some(first) = words.first() else {
                        return Err(bad(format!("{lang}.{key} has an empty phrase")));
                    };
                    *cal.starts.entry(first.clone()).or_default() |= g.bit();
                    cal.groups.entry(g).or_default().push(words);
                }
            }
        }
        for list in cal.groups.values_mut() {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            list.dedup();
        }
        cal.mid_prefixes
            .sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        cal.mid_prefixes.dedup();
        Ok(cal)
    }

    /// The month `word` names; words of `months_capitalised` only when written with a capital.
    pub(super) fn month(&self, word: &str, cap: bool) -> Option<u32> {
        self.months
            .get(word)
            .or_else(|| self.months_capitalised.get(word).filter(|_| cap))
            .copied()
    }

    /// Whether `word` (lower-case) names a month or a weekday in some language.
    pub fn is_date_word(&self, word: &str) -> bool {
        self.months.contains_key(word) || self.months_capitalised.contains_key(word) || self.weekdays.contains_key(word)
    }

    /// Whether `word` is a date word or a unit of time ("dagen", "weeks"): a bare phrase of
    /// it counts time, not people.
    pub fn is_time_word(&self, word: &str) -> bool {
        self.is_date_word(word) || self.unit(word).is_some()
    }

    /// The weekday `word` names.
    pub(super) fn weekday(&self, word: &str) -> Option<Weekday> {
        self.weekdays.get(word).copied()
    }

    /// Whether `word` is a weekday that, standing alone, counts only with a capital.
    pub(super) fn weekday_needs_capital(&self, word: &str) -> bool {
        self.weekdays_capitalised.contains(word)
    }

    /// The number `word` stands for: a number word, or digits from 1 to 60.
    pub(crate) fn number(&self, word: &str) -> Option<i64> {
        match self.numbers.get(word) {
            Some(n) => Some(*n),
            None => word.parse::<i64>().ok().filter(|n| (1..=60).contains(n)),
        }
    }

    /// The first year of the decade `word` names after a decade noun: its first year
    /// ("1960"), two digits ("60"), or a number word ("soixante", "zestig"), the last two in
    /// the twentieth century.
    pub(super) fn decade(&self, word: &str) -> Option<i32> {
        let digits = word.trim_start_matches('\'');
        let year = match digits.parse::<i32>() {
            Ok(y) if digits.len() == 4 => y,
            Ok(y) if digits.len() == 2 => 1900 + y,
            _ => 1900 + *self.decades.get(word)?,
        };
        ((1800..=2090).contains(&year) && year % 10 == 0).then_some(year)
    }

    /// The unit `word` names.
    pub(super) fn unit(&self, word: &str) -> Option<Unit> {
        self.units.get(word).copied()
    }

    /// The unit `word` names after a `last` or `past` word.
    pub(super) fn last_unit(&self, word: &str) -> Option<Unit> {
        self.last_units.get(word).copied()
    }

    /// The unit `word` names after a `this` word.
    pub(super) fn this_unit(&self, word: &str) -> Option<Unit> {
        self.this_units.get(word).copied()
    }

    /// The day of the month `word` writes: one or two digits, then nothing or an ordinal suffix.
    pub(super) fn day_number(&self, word: &str) -> Option<u32> {
        let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
        if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let suffix = &word[digits.len()..];
        if !suffix.is_empty() && !self.ordinal_suffixes.contains(suffix) {
            return None;
        }
        digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
    }

    /// The prefixes for the middle of a month, longest first.
    pub(super) fn mid_prefixes(&self) -> &[String] {
        &self.mid_prefixes
    }

    /// The groups with a phrase that starts with `word` (their [`G::bit`]s).
    pub(super) fn phrase_starts(&self, word: &str) -> u64 {
        self.starts.get(word).copied().unwrap_or(0)
    }

    /// The phrases of a group, longest first.
    pub(super) fn phrases(&self, g: G) -> &[Vec<String>] {
        self.groups.get(&g).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_loads_and_every_language_has_every_key() {
        let cal = Calendar::shared().expect("calendar.json loads");
        let raw: Map<String, Value> = serde_json::from_str(CALENDAR_JSON).expect("json");
        let comment = raw.get("comment").and_then(Value::as_object).expect("comment object");
        let keys: Vec<&str> = TABLES.iter().copied().chain(GROUPS.iter().map(|(k, _)| *k)).collect();
        for key in &keys {
            assert!(comment.contains_key(*key), "comment.{key} is missing");
        }
        for lang in crate::lexicon::LANGUAGES {
            let sec = raw.get(lang).and_then(Value::as_object).expect("language section");
            for key in &keys {
                assert!(sec.contains_key(*key), "{lang}.{key} is missing");
            }
        }
        assert_eq!(cal.month("août", false), Some(8));
        assert_eq!(cal.month("may", false), None);
        assert_eq!(cal.month("may", true), Some(5));
        assert_eq!(cal.weekday("zondag"), Some(Weekday::Sun));
        assert!(cal.weekday_needs_capital("friday") && !cal.weekday_needs_capital("vendredi"));
        assert_eq!(
            (cal.number("deux"), cal.number("12"), cal.number("61")),
            (Some(2), Some(12), None)
        );
        assert_eq!(cal.unit("années"), Some(Unit::Year));
        assert_eq!(
            (cal.day_number("1er"), cal.day_number("2nd"), cal.day_number("3x")),
            (Some(1), Some(2), None)
        );
        assert_eq!(cal.phrases(G::AgoBefore), [vec!["il", "y", "a"]]);
    }

    #[test]
    fn errors_name_the_file_and_the_key() {
        let e = Calendar::from_json(r#"{"en": {"months": {"january": 1}}}"#).expect_err("incomplete");
        assert_eq!(e.file, "calendar.json");
        assert!(e.problem.contains("en.months_capitalised"), "{}", e.problem);
        let mut raw: Map<String, Value> = serde_json::from_str(CALENDAR_JSON).expect("json");
        if let Some(Value::Object(fr)) = raw.get_mut("fr") {
            fr.insert("months".into(), serde_json::json!({"mars": 13}));
        }
        let e = Calendar::from_json(&Value::Object(raw).to_string()).expect_err("bad month");
        assert!(e.problem.contains("fr.months.mars"), "{}", e.problem);
        let e = Calendar::from_json(r#"{"nl": {"maanden": {}}}"#).expect_err("unknown key");
        assert!(e.problem.contains("nl.maanden"), "{}", e.problem);
    }

    #[test]
    fn a_word_in_two_languages_keeps_one_meaning() {
        let mut raw: Map<String, Value> = serde_json::from_str(CALENDAR_JSON).expect("json");
        if let Some(Value::Object(nl)) = raw.get_mut("nl") {
            nl.insert("numbers".into(), serde_json::json!({"two": 3}));
        }
        let e = Calendar::from_json(&Value::Object(raw).to_string()).expect_err("conflict");
        assert!(e.problem.contains("nl.numbers.two"), "{}", e.problem);
    }
}
