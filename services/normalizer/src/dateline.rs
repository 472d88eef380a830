//! The publication date of a plain-text article, from its date line.
//!
//! A date line is a line that is a date and nothing else: "June 15, 2024", "15 June 2024",
//! "14 juin 2024", "20 juni 2024", "2024-06-15", optionally with a weekday ("Saturday,",
//! "samedi", "za"), a time ("14:30", "2:30 p.m.", "14h30", "14.30 uur"), a time zone ("CET",
//! "UTC+1", "+01:00") and a lead-in saying what the date is ("Published", "Publié le",
//! "Gepubliceerd op"; "Updated", "Mis à jour le", "Bijgewerkt op"). A line may hold several
//! such dates ("Publié le … à 10h00, modifié le … à 14h30"). The words are data
//! (`data/dates.json`).
//!
//! A line with any other word is no date line (a date inside a sentence, a copyright line, a
//! byline), and neither is a line cut from a row (a leading or trailing `|`: an aggregator's
//! banner strip "Jun 26, 2025 |"). Date lines are furniture, never body text; the publication
//! date is taken from those before the first and after the last paragraph of the body (see
//! [`publication_date`]), except a date below a teaser ("Read more …": the teaser's date) and
//! a date after the fetch time or before 1990.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sahel_schemas::clean::{DatePrecision, DateSource, PublishedDate};
use serde::Deserialize;

/// The words of written dates, embedded at build time.
pub const DATES_JSON: &str = include_str!("../data/dates.json");

/// Lines longer than this are sentences, not date lines.
const MAX_CHARS: usize = 120;

#[derive(Debug, Deserialize)]
struct File {
    months: HashMap<String, HashMap<String, u32>>,
    weekdays: HashMap<String, Vec<String>>,
    ordinal_suffixes: Vec<String>,
    before_month: Vec<String>,
    before_time: Vec<String>,
    hour_marks: Vec<String>,
    after_time: Vec<String>,
    lead_ins: LeadIns,
    zones: Zones,
    window: Window,
}

#[derive(Debug, Deserialize)]
struct LeadIns {
    published: Vec<String>,
    updated: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Zones {
    #[serde(flatten)]
    offsets: HashMap<String, serde_json::Value>,
}

/// Where a publication date line is looked for (see `data/dates.json`).
#[derive(Debug, Clone, Copy, Deserialize)]
struct Window {
    top_lines: usize,
    bottom_lines: usize,
    max_lines: usize,
    min_body_words: usize,
    teaser_label_words: usize,
}

/// What a date line says its date is, in order of preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lead {
    /// "Published …", "Publié le …", "Gepubliceerd op …".
    Published,
    /// A date alone.
    Plain,
    /// "Updated …", "Mis à jour le …", "Bijgewerkt op …".
    Updated,
}

/// The date of a date line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateLine {
    /// What the line says the date is (the preferred one when it holds several).
    pub lead: Lead,
    /// The instant: exact when the line gives a time and a zone, else midnight UTC of the day.
    pub value: DateTime<Utc>,
    /// `Time` with a time and a zone, else `Day` (a time without a zone names no instant).
    pub precision: DatePrecision,
}

/// The compiled word tables.
#[derive(Debug)]
struct Words {
    months: HashMap<String, u32>,
    weekdays: HashSet<String>,
    ordinals: HashSet<String>,
    before_month: HashSet<String>,
    before_time: HashSet<String>,
    hour_marks: HashSet<String>,
    after_time: HashSet<String>,
    /// Lead-ins as word sequences, longest first.
    leads: Vec<(Vec<String>, Lead)>,
    /// Zone offsets in minutes.
    zones: HashMap<String, i32>,
    window: Window,
}

impl Words {
    fn from_json(json: &str) -> Result<Self, String> {
        let f: File = serde_json::from_str(json).map_err(|e| format!("dates.json: {e}"))?;
        let set = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect::<HashSet<_>>();
        let mut months = HashMap::new();
        for (word, month) in f.months.into_values().flatten() {
            if !(1..=12).contains(&month) {
                return Err(format!("dates.json: month {word} is {month}"));
            }
            if months.insert(word.to_lowercase(), month).is_some_and(|m| m != month) {
                return Err(format!("dates.json: month {word} has two numbers"));
            }
        }
        let mut leads: Vec<(Vec<String>, Lead)> = (f.lead_ins.published.iter().map(|l| (l, Lead::Published)))
            .chain(f.lead_ins.updated.iter().map(|l| (l, Lead::Updated)))
            .map(|(l, lead)| (l.split_whitespace().map(str::to_lowercase).collect(), lead))
            .collect();
        leads.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let mut zones = HashMap::new();
        for (name, offset) in f.zones.offsets {
            if name == "comment" {
                continue;
            }
            let minutes = offset
                .as_i64()
                .and_then(|m| i32::try_from(m).ok())
                .filter(|m| m.abs() <= 14 * 60)
                .ok_or_else(|| format!("dates.json: zone {name} has no offset in minutes"))?;
            zones.insert(name.to_lowercase(), minutes);
        }
        Ok(Self {
            months,
            weekdays: set(f.weekdays.into_values().flatten().collect()),
            ordinals: set(f.ordinal_suffixes),
            before_month: set(f.before_month),
            before_time: set(f.before_time),
            hour_marks: set(f.hour_marks),
            after_time: set(f.after_time),
            leads,
            zones,
            window: f.window,
        })
    }

    /// The embedded tables, compiled once. A unit test checks the data file; if it were
    /// broken, no line would be taken for a date line.
    fn embedded() -> Option<&'static Words> {
        static WORDS: LazyLock<Option<Words>> = LazyLock::new(|| {
            Words::from_json(DATES_JSON)
                .inspect_err(|e| tracing::error!(error = %e, "date words do not load; no date line is recognised"))
                .ok()
        });
        WORDS.as_ref()
    }
}

/// The month numbered by a month name or abbreviation in any of the tables' languages
/// ("juin", "Sept.", "mrt").
pub fn month(name: &str) -> Option<u32> {
    let words = Words::embedded()?;
    words.months.get(&name.trim_end_matches('.').to_lowercase()).copied()
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    /// Value and number of digits.
    Num(u32, usize),
    Punct(char),
}

/// Lower-case words, numbers of at most four digits and single punctuation characters; `None`
/// for a line that cannot be a date line (too long, a longer number).
fn tokenize(line: &str) -> Option<Vec<Tok>> {
    let mut toks = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_alphabetic()) {
                w.extend(c.to_lowercase());
                chars.next();
            }
            toks.push(Tok::Word(w));
        } else if c.is_ascii_digit() {
            let (mut value, mut len) = (0u32, 0usize);
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                value = value * 10 + d;
                len += 1;
                if len > 4 {
                    return None;
                }
                chars.next();
            }
            toks.push(Tok::Num(value, len));
        } else {
            toks.push(Tok::Punct(c));
            chars.next();
        }
    }
    Some(toks)
}

/// Separators between the parts of a date line ("15 June 2024 | 14:30", "…, updated …").
const SEPARATORS: &[char] = &[',', ';', '|', '-', '–', '—', '·', '•', '/'];

struct Parser<'a> {
    toks: &'a [Tok],
    pos: usize,
    w: &'a Words,
}

impl<'a> Parser<'a> {
    /// Runs `f`, rewinding when it fails.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let start = self.pos;
        let r = f(self);
        if r.is_none() {
            self.pos = start;
        }
        r
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.toks.get(self.pos) == Some(&Tok::Punct(c));
        self.pos += usize::from(hit);
        hit
    }

    fn eat_separator(&mut self) -> bool {
        let hit = matches!(self.toks.get(self.pos), Some(Tok::Punct(c)) if SEPARATORS.contains(c));
        self.pos += usize::from(hit);
        hit
    }

    fn word(&mut self) -> Option<&'a str> {
        let toks: &'a [Tok] = self.toks;
        match toks.get(self.pos) {
            Some(Tok::Word(w)) => {
                self.pos += 1;
                Some(w)
            }
            _ => None,
        }
    }

    fn word_in(&mut self, set: &HashSet<String>) -> bool {
        self.attempt(|p| p.word().filter(|w| set.contains(*w)).map(|_| ()))
            .is_some()
    }

    /// A number of `digits` digits (1 or 2 when `digits` is 0).
    fn num(&mut self, digits: usize) -> Option<u32> {
        match self.toks.get(self.pos) {
            Some(&Tok::Num(v, len)) if len == digits || (digits == 0 && len <= 2) => {
                self.pos += 1;
                Some(v)
            }
            _ => None,
        }
    }

    fn month(&mut self) -> Option<u32> {
        self.attempt(|p| {
            let w = p.word()?;
            let m = p.w.months.get(w).copied()?;
            p.eat('.');
            Some(m)
        })
    }

    fn lead(&mut self) -> Option<Lead> {
        let table = self.w;
        for (words, lead) in &table.leads {
            let hit = self
                .attempt(|p| words.iter().all(|w| p.word() == Some(w.as_str())).then_some(()))
                .is_some();
            if hit {
                // "Published: …", "Gepubliceerd - …"
                let _ = self.eat(':') || self.eat_separator();
                return Some(*lead);
            }
        }
        None
    }

    /// "15 June 2024", "1er juin 2024", "June 15th, 2024", "2024-06-15", after an optional
    /// weekday.
    fn date(&mut self) -> Option<NaiveDate> {
        self.attempt(|p| {
            if !p.word_in(&p.w.weekdays) {
                return None;
            }
            p.eat('.');
            p.eat(',');
            p.bare_date()
        })
        .or_else(|| self.attempt(Self::bare_date))
    }

    fn bare_date(&mut self) -> Option<NaiveDate> {
        let year = |p: &mut Self| p.num(4).and_then(|y| i32::try_from(y).ok());
        let ordinal = |p: &mut Self| p.word_in(&p.w.ordinals);
        let dmy = |p: &mut Self| {
            let d = p.num(0)?;
            ordinal(p);
            p.eat('.');
            p.word_in(&p.w.before_month);
            let m = p.month()?;
            p.eat(',');
            NaiveDate::from_ymd_opt(year(p)?, m, d)
        };
        let mdy = |p: &mut Self| {
            let m = p.month()?;
            let d = p.num(0)?;
            ordinal(p);
            p.eat(',');
            NaiveDate::from_ymd_opt(year(p)?, m, d)
        };
        let iso = |p: &mut Self| {
            let y = year(p)?;
            p.eat('-').then_some(())?;
            let m = p.num(2)?;
            p.eat('-').then_some(())?;
            NaiveDate::from_ymd_opt(y, m, p.num(2)?)
        };
        self.attempt(dmy)
            .or_else(|| self.attempt(mdy))
            .or_else(|| self.attempt(iso))
    }

    /// "a.m." / "pm": `Some(true)` for the afternoon.
    fn meridiem(&mut self) -> Option<bool> {
        self.attempt(|p| match p.word()? {
            "am" => Some(false),
            "pm" => Some(true),
            half @ ("a" | "p") => {
                let pm = half == "p";
                p.eat('.').then_some(())?;
                (p.word()? == "m").then_some(())?;
                p.eat('.');
                Some(pm)
            }
            _ => None,
        })
    }

    /// "14:30", "14:30:00", "14.30 uur", "14h30", "14h", "14u30", "2:30 pm", "2 p.m.".
    fn clock(&mut self) -> Option<(u32, u32, u32)> {
        self.attempt(|p| {
            let mut h = p.num(0)?;
            let (mut m, mut s, mut marked) = (0, 0, false);
            if p.eat(':') || p.eat('.') {
                m = p.num(2)?;
                if p.eat(':') {
                    s = p.num(2)?;
                }
                marked = true;
            } else if p.word_in(&p.w.hour_marks) {
                m = p.num(2).unwrap_or(0);
                marked = true;
            }
            match p.meridiem() {
                Some(pm) => {
                    if !(1..=12).contains(&h) {
                        return None;
                    }
                    h = h % 12 + if pm { 12 } else { 0 };
                }
                None if !marked => return None,
                None => {}
            }
            p.word_in(&p.w.after_time);
            (h < 24 && m < 60 && s < 60).then_some((h, m, s))
        })
    }

    /// "+01:00", "+0100", "-5": minutes east of UTC.
    fn offset(&mut self) -> Option<i32> {
        self.attempt(|p| {
            let sign = if p.eat('+') {
                1
            } else if p.eat('-') || p.eat('−') {
                -1
            } else {
                return None;
            };
            let (h, m) = match p.toks.get(p.pos) {
                Some(&Tok::Num(v, 4)) => {
                    p.pos += 1;
                    (v / 100, v % 100)
                }
                _ => {
                    let h = p.num(0)?;
                    let m = if p.eat(':') { p.num(2)? } else { 0 };
                    (h, m)
                }
            };
            let minutes = i32::try_from(h * 60 + m).ok().filter(|&x| x <= 14 * 60 && m < 60)?;
            Some(sign * minutes)
        })
    }

    /// "CET", "UTC+1", "(GMT)", "+01:00": minutes east of UTC.
    fn zone(&mut self) -> Option<i32> {
        self.attempt(|p| {
            let paren = p.eat('(');
            let named = p.attempt(|p| {
                let w = p.word()?;
                p.w.zones.get(w).copied()
            });
            let minutes = match named {
                Some(base) => base + p.offset().unwrap_or(0),
                None => p.offset()?,
            };
            if paren && !p.eat(')') {
                return None;
            }
            Some(minutes)
        })
    }

    /// The time after a date: ", 14:30", " at 2:30 p.m. EDT", " à 14h30", " om 14.30 uur".
    fn time(&mut self) -> Option<((u32, u32, u32), Option<i32>)> {
        self.attempt(|p| {
            p.eat_separator();
            p.word_in(&p.w.before_time);
            let clock = p.clock()?;
            Some((clock, p.zone()))
        })
    }

    /// One date of the line: `[lead-in] date [time [zone]]`, or `lead-in time [zone]` after an
    /// earlier date ("…, bijgewerkt om 11.40 uur").
    fn stamp(&mut self, earlier: Option<NaiveDate>) -> Option<(NaiveDate, DateLine)> {
        let lead = self.lead();
        let (day, time) = match self.date() {
            Some(day) => (day, self.time()),
            None => (earlier.filter(|_| lead.is_some())?, Some(self.time()?)),
        };
        let lead = lead.unwrap_or(Lead::Plain);
        let (value, precision) = match time {
            Some(((h, m, s), Some(zone))) => {
                let local = day.and_hms_opt(h, m, s)?;
                (
                    Utc.from_utc_datetime(&(local - Duration::minutes(i64::from(zone)))),
                    DatePrecision::Time,
                )
            }
            _ => (Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0)?), DatePrecision::Day),
        };
        Some((day, DateLine { lead, value, precision }))
    }

    /// The whole line: dates separated by separators, each after the first opened by a
    /// lead-in, and at most a final full stop.
    fn line(&mut self) -> Option<DateLine> {
        let (mut best, mut earlier): (Option<DateLine>, Option<NaiveDate>) = (None, None);
        loop {
            let (day, stamp) = self.stamp(earlier)?;
            earlier = Some(day);
            if best.is_none_or(|b| stamp.lead < b.lead) {
                best = Some(stamp);
            }
            self.eat('.');
            if self.pos == self.toks.len() {
                return best;
            }
            // Another date follows a separator only with its own lead-in (read by the next stamp).
            if !self.eat_separator() {
                return None;
            }
            let next = self.pos;
            self.lead()?;
            self.pos = next;
        }
    }
}

/// The date of a line that is a date line, and what it says the date is.
pub fn parse_line(line: &str) -> Option<DateLine> {
    let words = Words::embedded()?;
    if line.chars().count() > MAX_CHARS {
        return None;
    }
    let toks = tokenize(line)?;
    if toks.is_empty() {
        return None;
    }
    Parser {
        toks: &toks,
        pos: 0,
        w: words,
    }
    .line()
}

/// Whether a line is a date line (furniture: it is removed from the body).
pub fn is_date_line(line: &str) -> bool {
    parse_line(line).is_some()
}

/// The publication date of a plain-text article, from its cleaned, non-empty lines (the whole
/// document) and which of them are furniture ([`crate::furniture::Rules::mask`]).
///
/// Date lines are looked for before the first and after the last paragraph of the body (a
/// line that is not furniture, long enough and ending a sentence), and in any case among the
/// first and last few lines. "Published" beats a plain date, which beats "Updated"; then the
/// top beats the bottom; then the line nearest the body wins, so a source's own date beats the
/// banner date of the aggregator that republished it. A date line below a teaser (`is_teaser`: "Read
/// more …", with at most its headline between) is the teaser's date; a date after
/// `fetched_at` (tomorrow, for time zones) or before 1990 is no publication date.
pub fn publication_date(
    lines: &[String],
    furniture: &[bool],
    fetched_at: Option<DateTime<Utc>>,
    is_teaser: impl Fn(&str) -> bool,
) -> Option<PublishedDate> {
    let words = Words::embedded()?;
    let w = words.window;
    let n = lines.len();
    let is_body = |i: usize| {
        let l = &lines[i];
        !furniture.get(i).copied().unwrap_or(false)
            && l.split_whitespace().count() >= w.min_body_words
            && l.trim_end_matches(['"', '\'', '”', '’', '»', ')'])
                .ends_with(['.', '!', '?', '…'])
            && !is_date_line(l)
    };
    let first_body = (0..n).position(is_body).unwrap_or(n);
    let last_body = (0..n).rposition(is_body);
    let top_end = first_body.max(w.top_lines).min(w.max_lines).min(n);
    let bottom_start = last_body
        .map_or(0, |b| b + 1)
        .min(n.saturating_sub(w.bottom_lines))
        .max(n.saturating_sub(w.max_lines))
        .max(top_end);
    // Below a teaser: walking up, at most one headline line between the teaser and the date
    // (after a teaser that is a label alone) or between two of the teaser's dates.
    let below_teaser = |i: usize| {
        let mut headline_seen = false;
        for j in (i.saturating_sub(w.max_lines)..i).rev() {
            let l = &lines[j];
            if is_teaser(l) {
                return !headline_seen || l.split_whitespace().count() <= w.teaser_label_words;
            }
            if is_date_line(l) {
                headline_seen = false;
            } else if headline_seen || is_body(j) {
                return false;
            } else {
                headline_seen = true;
            }
        }
        false
    };
    let earliest = Utc.with_ymd_and_hms(1990, 1, 1, 0, 0, 0).single()?;
    let now = Utc::now();
    let latest = fetched_at.map_or(now, |f| f.min(now)) + Duration::days(1);
    // Nearest the body first: the top from its end up, the bottom from its start down.
    (0..top_end)
        .rev()
        .chain(bottom_start..n)
        .filter_map(|i| parse_line(&lines[i]).map(|d| (i, d)))
        .filter(|(_, d)| (earliest..=latest).contains(&d.value))
        .filter(|(i, _)| !below_teaser(*i))
        .min_by_key(|(_, d)| d.lead)
        .map(|(_, d)| PublishedDate {
            value: d.value,
            precision: d.precision,
            found_in: DateSource::Text,
        })
}

#[cfg(test)]
#[path = "dateline_tests.rs"]
mod tests;
