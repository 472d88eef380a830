//! Dates in a sentence, in English, French and Dutch, never guessed.
//!
//! - Stated: "13 April 2024", "April 13, 2024", "13 avril 2024", "op 13 april 2024",
//!   "2024-04-13", "July 2023", "in 2016".
//! - Partial: "in September", "begin september", "end of March", "mi-août", "eind maart".
//! - Relative to the reference date (the publication date, or a date inferred from the text):
//!   "on Monday", "last Tuesday", "yesterday", "last month", "a year ago", "il y a deux
//!   semaines", "vorig jaar"; a day and month without a year.
//! - Relative to the last day named earlier in the text: "two days later", "the next day",
//!   "le lendemain", "de week daarop".
//! - A weekday named with a day and month fixes the year ("Friday April 19" → 2024).
//!
//! Precision is `day` when the range is one day, `month` when it is at most a month (a
//! week, "early September"), `year` otherwise. A date the text does not allow knowing is
//! absent.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sahel_schemas::event::{DateResolution, EventDate, EventDatePrecision};

use crate::nlp::Token;

/// A date expression: its token range in the sentence and the date it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// First token (index into the sentence's tokens).
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// The date.
    pub date: EventDate,
}

/// What relative dates are resolved against.
#[derive(Debug, Clone, Default)]
pub struct DateContext {
    /// The publication date, or the reference inferred from the text.
    pub reference: Option<NaiveDate>,
    /// Whether `reference` was inferred from the text (then relative dates are `inferred`).
    pub reference_inferred: bool,
    /// The last day named earlier in the text ("two days later" counts from it).
    pub anchor: Option<NaiveDate>,
    /// The latest year stated in the text (fixes the year of "Friday April 19" when there is
    /// no reference date).
    pub year_hint: Option<i32>,
}

fn month(word: &str, cap: bool) -> Option<u32> {
    let m = match word {
        "january" | "janvier" | "januari" | "janv" => 1,
        "february" | "février" | "fevrier" | "februari" | "févr" => 2,
        "march" | "mars" | "maart" => 3,
        "april" | "avril" | "avr" => 4,
        "mai" | "mei" => 5,
        "june" | "juin" | "juni" => 6,
        "july" | "juillet" | "juli" | "juil" => 7,
        "august" | "août" | "aout" | "augustus" => 8,
        "september" | "septembre" => 9,
        "october" | "octobre" | "oktober" => 10,
        "november" | "novembre" => 11,
        "december" | "décembre" | "decembre" => 12,
        // English words that are also common words, and abbreviations, count only when
        // written with a capital.
        "may" if cap => 5,
        "jan" if cap => 1,
        "feb" if cap => 2,
        "mar" if cap => 3,
        "apr" if cap => 4,
        "jun" if cap => 6,
        "jul" if cap => 7,
        "aug" if cap => 8,
        "sep" | "sept" if cap => 9,
        "oct" | "okt" if cap => 10,
        "nov" if cap => 11,
        "dec" if cap => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday(word: &str) -> Option<Weekday> {
    let d = match word {
        "monday" | "lundi" | "maandag" => Weekday::Mon,
        "tuesday" | "mardi" | "dinsdag" => Weekday::Tue,
        "wednesday" | "mercredi" | "woensdag" => Weekday::Wed,
        "thursday" | "jeudi" | "donderdag" => Weekday::Thu,
        "friday" | "vendredi" | "vrijdag" => Weekday::Fri,
        "saturday" | "samedi" | "zaterdag" => Weekday::Sat,
        "sunday" | "dimanche" | "zondag" => Weekday::Sun,
        _ => return None,
    };
    Some(d)
}

fn day_num(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic()); // 1st, 2nd, 1er, 3e
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "e" | "ste" | "de") {
        return None;
    }
    digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

fn year_num(word: &str) -> Option<i32> {
    if word.len() != 4 {
        return None;
    }
    word.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y))
}

fn number(word: &str) -> Option<i64> {
    let n = match word {
        "a" | "an" | "one" | "un" | "une" | "een" | "één" => 1,
        "two" | "deux" | "twee" => 2,
        "three" | "trois" | "drie" => 3,
        "four" | "quatre" | "vier" => 4,
        "five" | "cinq" | "vijf" => 5,
        "six" | "zes" => 6,
        "seven" | "sept" | "zeven" => 7,
        "eight" | "huit" | "acht" => 8,
        "nine" | "neuf" | "negen" => 9,
        "ten" | "dix" | "tien" => 10,
        _ => return word.parse::<i64>().ok().filter(|n| (1..=60).contains(n)),
    };
    Some(n)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

fn unit(word: &str) -> Option<Unit> {
    let u = match word {
        "day" | "days" | "jour" | "jours" | "dag" | "dagen" => Unit::Day,
        "week" | "weeks" | "semaine" | "semaines" | "weken" => Unit::Week,
        "month" | "months" | "mois" | "maand" | "maanden" => Unit::Month,
        "year" | "years" | "an" | "ans" | "année" | "années" | "jaar" | "jaren" => Unit::Year,
        _ => return None,
    };
    Some(u)
}

/// `d` plus `n` days (minus for negative `n`), or `None` past the dates chrono represents
/// (about ±262,000 years): a publication date near those limits can come from any message on
/// `articles.clean`, and plain `NaiveDate ± Duration` panics there (tests/fuzz_regressions).
fn plus_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// A date from a range: day precision for one day, month for up to 31 days, else year.
pub fn range(start: NaiveDate, end: NaiveDate, resolution: DateResolution) -> EventDate {
    let days = (end - start).num_days();
    let precision = if days <= 0 {
        EventDatePrecision::Day
    } else if days <= 31 {
        EventDatePrecision::Month
    } else {
        EventDatePrecision::Year
    };
    EventDate {
        start,
        end: end.max(start),
        precision,
        resolution,
    }
}

fn whole_month(y: i32, m: u32, resolution: DateResolution) -> Option<EventDate> {
    Some(range(
        NaiveDate::from_ymd_opt(y, m, 1)?,
        last_day_of_month(y, m)?,
        resolution,
    ))
}

fn whole_year(y: i32, resolution: DateResolution) -> Option<EventDate> {
    Some(range(
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y, 12, 31)?,
        resolution,
    ))
}

fn add_months(d: NaiveDate, months: i32) -> Option<NaiveDate> {
    let total = d.year() * 12 + d.month0() as i32 + months;
    let (y, m0) = (total.div_euclid(12), total.rem_euclid(12));
    NaiveDate::from_ymd_opt(y, m0 as u32 + 1, 1)
}

/// The year in which `m`/`d` falls on `wd`: the one closest to the reference, else the first
/// from the year hint on (at most seven years later), else unknown.
fn year_from_weekday(wd: Weekday, m: u32, d: u32, ctx: &DateContext) -> Option<NaiveDate> {
    if let Some(r) = ctx.reference {
        return (r.year() - 1..=r.year() + 1)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
            .filter(|x| x.weekday() == wd)
            .min_by_key(|x| (*x - r).num_days().abs());
    }
    let hint = ctx.year_hint?;
    (hint..=hint + 7)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .find(|x| x.weekday() == wd)
}

/// The day with month `m` and day `d` on or before the reference (allowing a week after it,
/// for announced events), within the past year.
fn closest_past(p: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(p.year(), m, d)?;
    if this_year <= plus_days(p, 7).unwrap_or(NaiveDate::MAX) {
        Some(this_year)
    } else {
        NaiveDate::from_ymd_opt(p.year() - 1, m, d)
    }
}

/// A word of the sentence (punctuation skipped), with its token index.
#[derive(Debug, Clone, Copy)]
struct W<'a> {
    idx: usize,
    w: &'a str,
    cap: bool,
}

struct Parser<'a, 'c> {
    ws: &'c [W<'a>],
    ctx: &'c DateContext,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Begin,
    Mid,
    End,
}

impl<'a> Parser<'a, '_> {
    fn w(&self, k: usize) -> Option<&'a str> {
        self.ws.get(k).map(|x| x.w)
    }

    fn is(&self, k: usize, words: &[&str]) -> bool {
        self.w(k).is_some_and(|w| words.contains(&w))
    }

    fn month_at(&self, k: usize) -> Option<u32> {
        self.ws.get(k).and_then(|x| month(x.w, x.cap))
    }

    fn relative(&self) -> DateResolution {
        if self.ctx.reference_inferred {
            DateResolution::Inferred
        } else {
            DateResolution::RelativeToPublication
        }
    }

    /// Parses the longest date expression starting at word `k`: (words used, date).
    fn at(&self, k: usize) -> Option<(usize, EventDate)> {
        let w = self.w(k)?;
        // ISO date.
        if w.len() == 10 && w.as_bytes().get(4) == Some(&b'-') {
            if let Ok(d) = NaiveDate::parse_from_str(w, "%Y-%m-%d") {
                return Some((1, range(d, d, DateResolution::Stated)));
            }
        }
        // Weekday, then a day and month: the weekday may fix the year.
        if let Some(wd) = weekday(w) {
            if let Some((n, d)) = self.day_month(k + 1, Some(wd)) {
                return Some((n + 1, d));
            }
            return self.bare_weekday(k, wd, false);
        }
        if let Some(r) = self.day_month(k, None) {
            return Some(r);
        }
        if let Some(r) = self.partial_month(k) {
            return Some(r);
        }
        // Month and year.
        if let (Some(m), Some(y)) = (self.month_at(k), self.w(k + 1).and_then(year_num)) {
            return Some((2, whole_month(y, m, DateResolution::Stated)?));
        }
        self.relative_phrase(k)
    }

    /// "13 April 2024", "April 13, 2024", "1er mai", "the 4th of December", with an optional
    /// weekday before it.
    fn day_month(&self, k: usize, wd: Option<Weekday>) -> Option<(usize, EventDate)> {
        let k0 = k;
        let k = if self.is(k, &["the", "le", "de"]) { k + 1 } else { k };
        let (d, m, next) = if let (Some(d), Some(m)) = (self.w(k).and_then(day_num), self.month_at(k + 1)) {
            (d, m, k + 2)
        } else if let (Some(d), true, Some(m)) = (
            self.w(k).and_then(day_num),
            self.is(k + 1, &["of"]),
            self.month_at(k + 2),
        ) {
            (d, m, k + 3)
        } else if let (Some(m), Some(d)) = (self.month_at(k), self.w(k + 1).and_then(day_num)) {
            (d, m, k + 2)
        } else {
            return None;
        };
        if let Some(y) = self.w(next).and_then(year_num) {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some((next + 1 - k0, range(date, date, DateResolution::Stated)));
        }
        if let Some(wd) = wd {
            let date = year_from_weekday(wd, m, d, self.ctx)?;
            return Some((next - k0, range(date, date, DateResolution::Inferred)));
        }
        let r = self.ctx.reference?;
        let date = closest_past(r, m, d)?;
        Some((next - k0, range(date, date, self.relative())))
    }

    /// "early September", "end of March", "begin juni", "fin novembre", "mi-août", with an
    /// optional year.
    fn partial_month(&self, k: usize) -> Option<(usize, EventDate)> {
        let w = self.w(k)?;
        // One-word forms: "mid-august", "mi-août".
        for (pre, part) in [("mid-", Part::Mid), ("mi-", Part::Mid)] {
            if let Some(rest) = w.strip_prefix(pre) {
                if let Some(m) = month(rest, true) {
                    return self.part_of_month(part, m, k + 1, 1);
                }
            }
        }
        let mut j = k;
        if self.is(j, &["the", "la", "le", "het", "de", "à", "au", "at", "in"]) {
            j += 1;
        }
        let part = match self.w(j)? {
            "early" | "begin" | "beginning" | "start" | "début" | "debut" | "begin-" | "eerste" => Part::Begin,
            "mid" | "middle" | "midden" | "medio" | "half" | "mi" => Part::Mid,
            "end" | "late" | "fin" | "eind" | "einde" | "eind-" | "laatste" => Part::End,
            _ => return None,
        };
        j += 1;
        if self.is(j, &["of", "de", "du", "d'", "van", "mois", "la"]) {
            j += 1;
        }
        if self.is(j, &["mois", "maand", "month"]) {
            j += 1;
            if self.is(j, &["de", "d'", "of", "van"]) {
                j += 1;
            }
        }
        if let Some(y) = self.w(j).and_then(year_num) {
            // "fin 2023", "early 2024", "eind 2023": a third of the year.
            let (a, b) = match part {
                Part::Begin => ((1, 1), (4, 30)),
                Part::Mid => ((5, 1), (8, 31)),
                Part::End => ((9, 1), (12, 31)),
            };
            return Some((
                j + 1 - k,
                range(
                    NaiveDate::from_ymd_opt(y, a.0, a.1)?,
                    NaiveDate::from_ymd_opt(y, b.0, b.1)?,
                    DateResolution::Stated,
                ),
            ));
        }
        let m = self.month_at(j)?;
        self.part_of_month(part, m, j + 1, j + 1 - k)
    }

    fn part_of_month(&self, part: Part, m: u32, year_at: usize, used: usize) -> Option<(usize, EventDate)> {
        let (y, used, resolution) = match self.w(year_at).and_then(year_num) {
            Some(y) => (y, used + 1, DateResolution::Stated),
            None => {
                let r = self.ctx.reference?;
                let y = if m <= r.month() { r.year() } else { r.year() - 1 };
                (y, used, self.relative())
            }
        };
        let last = last_day_of_month(y, m)?.day();
        let (a, b) = match part {
            Part::Begin => (1, 10),
            Part::Mid => (11, 20),
            Part::End => (21, last),
        };
        Some((
            used,
            range(
                NaiveDate::from_ymd_opt(y, m, a)?,
                NaiveDate::from_ymd_opt(y, m, b)?,
                resolution,
            ),
        ))
    }

    /// A weekday alone: the latest such day on or before the reference ("on Saturday"), or
    /// strictly before it after "last" ("last Tuesday", "mardi dernier", "afgelopen dinsdag").
    fn bare_weekday(&self, k: usize, wd: Weekday, last_before: bool) -> Option<(usize, EventDate)> {
        let x = self.ws.get(k)?;
        // English weekdays are written with a capital; "Saturday's" is fine.
        if is_english_weekday(x.w) && !x.cap {
            return None;
        }
        let r = self.ctx.reference?;
        let after_last = self.is(k + 1, &["dernier", "passé"]);
        let mut back = i64::from((7 + r.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7);
        if (last_before || after_last) && back == 0 {
            back = 7;
        }
        let d = plus_days(r, -back)?;
        Some((1 + usize::from(after_last), range(d, d, self.relative())))
    }

    fn relative_phrase(&self, k: usize) -> Option<(usize, EventDate)> {
        let r = self.ctx.reference;
        let rel = self.relative();
        let w = self.w(k)?;
        // "last Tuesday", "afgelopen dinsdag", "vorige week", "last month", "vorig jaar".
        if matches!(w, "last" | "afgelopen" | "vorige" | "vorig" | "past") {
            let k2 = if w == "past" { k } else { k + 1 };
            if let Some(wd) = self.w(k2).and_then(weekday) {
                return self.bare_weekday(k2, wd, true).map(|(n, d)| (n + k2 - k, d));
            }
            let r = r?;
            return match self.w(k + 1)? {
                "week" => {
                    let monday = plus_days(r, -(i64::from(r.weekday().num_days_from_monday()) + 7))?;
                    Some((2, range(monday, plus_days(monday, 6)?, rel)))
                }
                "month" | "maand" => {
                    let d = add_months(r, -1)?;
                    Some((2, whole_month(d.year(), d.month(), rel)?))
                }
                "year" | "jaar" => Some((2, whole_year(r.year() - 1, rel)?)),
                _ => {
                    // "Last March"
                    let m = self.month_at(k + 1)?;
                    let y = if m < r.month() { r.year() } else { r.year() - 1 };
                    Some((2, whole_month(y, m, rel)?))
                }
            };
        }
        // "this past week", "this month", "this year", "earlier this month".
        if matches!(w, "this" | "deze" | "dit" | "cette" | "ce") {
            let r = r?;
            let k2 = if self.is(k + 1, &["past"]) { k + 2 } else { k + 1 };
            return match self.w(k2)? {
                "week" | "semaine" => Some((k2 + 1 - k, range(plus_days(r, -6)?, r, rel))),
                "month" | "maand" | "mois-ci" => Some((k2 + 1 - k, whole_month(r.year(), r.month(), rel)?)),
                "year" | "jaar" | "année" | "année-ci" => Some((k2 + 1 - k, whole_year(r.year(), rel)?)),
                _ => None,
            };
        }
        // French "le mois dernier", "la semaine dernière", "l'an dernier", "l'année passée".
        if matches!(w, "le" | "la" | "l'") {
            let u = self.w(k + 1).and_then(unit);
            if let (Some(u), true) = (u, self.is(k + 2, &["dernier", "dernière", "passé", "passée"])) {
                let r = r?;
                return Some((3, self.unit_before(r, u, 1, rel)?));
            }
            if self.is(k + 1, &["lendemain", "veille"]) {
                let a = self.ctx.anchor?;
                let d = plus_days(a, if self.is(k + 1, &["veille"]) { -1 } else { 1 })?;
                return Some((2, range(d, d, DateResolution::RelativeToText)));
            }
            if self.is(k + 1, &["même"]) && self.is(k + 2, &["jour"]) {
                let a = self.ctx.anchor?;
                return Some((3, range(a, a, DateResolution::RelativeToText)));
            }
            if let (Some(u), true) = (u, self.is(k + 2, &["suivant", "suivante"])) {
                let a = self.ctx.anchor?;
                return Some((3, self.unit_after(a, u, 1)?));
            }
        }
        // "yesterday", "today".
        match w {
            "yesterday" | "hier" | "gisteren" => {
                let d = plus_days(r?, -1)?;
                return Some((1, range(d, d, rel)));
            }
            "today" | "aujourd'hui" | "vandaag" => {
                let d = r?;
                return Some((1, range(d, d, rel)));
            }
            _ => {}
        }
        // "the next day", "the following week", "the day before", "the same day",
        // "de volgende dag", "de dag erna", "de week daarop".
        if matches!(w, "the" | "de" | "het") {
            let (a, b) = (self.w(k + 1)?, self.w(k + 2));
            let anchor = self.ctx.anchor;
            let following = matches!(a, "next" | "following" | "volgende" | "daaropvolgende");
            if following {
                if let Some(u) = b.and_then(unit) {
                    return Some((3, self.unit_after(anchor?, u, 1)?));
                }
            }
            if let Some(u) = unit(a) {
                if matches!(b, Some("before" | "ervoor" | "daarvoor")) {
                    return Some((3, self.unit_before_text(anchor?, u, 1)?));
                }
                if matches!(b, Some("after" | "erna" | "daarop" | "daarna")) {
                    return Some((3, self.unit_after(anchor?, u, 1)?));
                }
            }
            if matches!(a, "same" | "zelfde") && matches!(b, Some("day" | "dag")) {
                let a = anchor?;
                return Some((3, range(a, a, DateResolution::RelativeToText)));
            }
        }
        if matches!(w, "dezelfde") && self.is(k + 1, &["dag"]) {
            let a = self.ctx.anchor?;
            return Some((2, range(a, a, DateResolution::RelativeToText)));
        }
        // "il y a deux semaines"
        if w == "il" && self.is(k + 1, &["y"]) && self.is(k + 2, &["a"]) {
            let n = self.w(k + 3).and_then(number)?;
            let u = self.w(k + 4).and_then(unit)?;
            return Some((5, self.unit_before(r?, u, n, rel)?));
        }
        // "two days later", "a year ago", "twee dagen later", "een jaar geleden", "deux jours
        // plus tard".
        if let Some(n) = number(w) {
            let u = self.w(k + 1).and_then(unit)?;
            return match self.w(k + 2)? {
                "ago" | "geleden" => Some((3, self.unit_before(r?, u, n, rel)?)),
                "later" => Some((3, self.unit_after(self.ctx.anchor?, u, n)?)),
                "earlier" | "eerder" | "before" | "auparavant" => {
                    Some((3, self.unit_before_text(self.ctx.anchor?, u, n)?))
                }
                "plus" if self.is(k + 3, &["tard"]) => Some((4, self.unit_after(self.ctx.anchor?, u, n)?)),
                "plus" if self.is(k + 3, &["tôt"]) => Some((4, self.unit_before_text(self.ctx.anchor?, u, n)?)),
                _ => None,
            };
        }
        // Month alone after "in", "en", "au mois de", "since": relative to the reference.
        if matches!(
            w,
            "in" | "en" | "during" | "tijdens" | "pendant" | "depuis" | "since" | "sinds"
        ) {
            let mut j = k + 1;
            if self.is(j, &["mois"]) && self.is(j + 1, &["de", "d'"]) {
                j += 2;
            }
            if let Some(m) = self.month_at(j) {
                if self.w(j + 1).and_then(year_num).is_some() {
                    return None; // "in July 2023": parsed from the month on.
                }
                let r = r?;
                let y = if m <= r.month() { r.year() } else { r.year() - 1 };
                return Some((j + 1 - k, whole_month(y, m, rel)?));
            }
            if let Some(y) = self.w(j).and_then(year_num) {
                if matches!(w, "depuis" | "since" | "sinds") {
                    return None; // a start, not a date
                }
                return Some((j + 1 - k, whole_year(y, DateResolution::Stated)?));
            }
        }
        None
    }

    fn unit_before(&self, r: NaiveDate, u: Unit, n: i64, rel: DateResolution) -> Option<EventDate> {
        Some(match u {
            Unit::Day => {
                let d = plus_days(r, -n)?;
                range(d, d, rel)
            }
            Unit::Week => {
                let d = plus_days(r, -7 * n)?;
                range(plus_days(d, -3)?, plus_days(d, 3)?, rel)
            }
            Unit::Month => {
                let d = add_months(r, -i32::try_from(n).ok()?)?;
                whole_month(d.year(), d.month(), rel)?
            }
            Unit::Year => whole_year(r.year() - i32::try_from(n).ok()?, rel)?,
        })
    }

    fn unit_before_text(&self, a: NaiveDate, u: Unit, n: i64) -> Option<EventDate> {
        self.unit_before(a, u, n, DateResolution::RelativeToText)
    }

    fn unit_after(&self, a: NaiveDate, u: Unit, n: i64) -> Option<EventDate> {
        let rel = DateResolution::RelativeToText;
        Some(match u {
            Unit::Day => {
                let d = plus_days(a, n)?;
                range(d, d, rel)
            }
            Unit::Week => {
                // The week after the anchor's week, Monday to Sunday.
                let monday = plus_days(a, 7 * n - i64::from(a.weekday().num_days_from_monday()))?;
                range(monday, plus_days(monday, 6)?, rel)
            }
            Unit::Month => {
                let d = add_months(a, i32::try_from(n).ok()?)?;
                whole_month(d.year(), d.month(), rel)?
            }
            Unit::Year => whole_year(a.year() + i32::try_from(n).ok()?, rel)?,
        })
    }
}

fn is_english_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Every date expression in a sentence, left to right. `ctx.anchor` is the last day before
/// the sentence; expressions later in the sentence count from days named earlier in it.
pub fn find_all(toks: &[Token], ctx: &DateContext) -> Vec<DateExpr> {
    let ws: Vec<W<'_>> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.punct)
        .map(|(idx, t)| W {
            idx,
            w: t.lower.as_str(),
            cap: t.cap,
        })
        .collect();
    let mut local = ctx.clone();
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let parsed = {
            let p = Parser { ws: &ws, ctx: &local };
            p.at(k)
        };
        match parsed {
            Some((n, date)) if n > 0 => {
                let first = ws[k].idx;
                let last = ws[(k + n - 1).min(ws.len() - 1)].idx + 1;
                if date.precision == EventDatePrecision::Day {
                    local.anchor = Some(date.start);
                }
                out.push(DateExpr { first, last, date });
                k += n;
            }
            _ => k += 1,
        }
    }
    out
}

/// The latest year written in the tokens (for [`DateContext::year_hint`]).
pub fn max_year(toks: &[Token]) -> Option<i32> {
    toks.iter().filter_map(|t| year_num(&t.lower)).max()
}

/// How the reference date of an article without a publication date was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferredReference {
    /// The date.
    pub date: NaiveDate,
    /// `dateline` (a line holding only a date, before the body) or `latest_date` (the latest
    /// day named in the text).
    pub how: &'static str,
}

/// Infers a reference date from the text when the article has no publication date: the last
/// dateline before the first sentence of the body, else the latest day the text names (a
/// stated date, or a weekday with day and month whose year the text's latest year fixes).
pub fn infer_reference(sentences: &[Vec<Token>]) -> Option<InferredReference> {
    let year_hint = sentences.iter().filter_map(|t| max_year(t)).max();
    let ctx = DateContext {
        year_hint,
        ..DateContext::default()
    };
    let body_start = sentences
        .iter()
        .position(|t| t.iter().filter(|x| !x.punct).count() >= 20)
        .unwrap_or(sentences.len());
    let mut dateline = None;
    for toks in &sentences[..body_start] {
        let words = toks.iter().filter(|x| !x.punct).count();
        for e in find_all(toks, &ctx) {
            let covered = toks[e.first..e.last].iter().filter(|x| !x.punct).count();
            if e.date.precision == EventDatePrecision::Day
                && e.date.resolution == DateResolution::Stated
                && covered * 10 >= words * 6
            {
                dateline = Some(e.date.start);
            }
        }
    }
    if let Some(date) = dateline {
        return Some(InferredReference { date, how: "dateline" });
    }
    sentences
        .iter()
        .flat_map(|t| find_all(t, &ctx))
        .filter(|e| e.date.precision == EventDatePrecision::Day)
        .map(|e| e.date.start)
        .max()
        .map(|date| InferredReference {
            date,
            how: "latest_date",
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn with_ref(r: NaiveDate) -> DateContext {
        DateContext {
            reference: Some(r),
            ..DateContext::default()
        }
    }

    fn first(s: &str, ctx: &DateContext) -> Option<EventDate> {
        find_all(&tokens(s), ctx).into_iter().next().map(|e| e.date)
    }

    fn span(d: &EventDate) -> (NaiveDate, NaiveDate, EventDatePrecision, DateResolution) {
        (d.start, d.end, d.precision, d.resolution)
    }

    #[test]
    fn stated_dates_in_three_languages() {
        for s in [
            "on 13 April 2024 they marched",
            "le 13 avril 2024, ils ont marché",
            "op 13 april 2024 liepen ze",
            "On April 13, 2024 they marched",
            "On Saturday, April 13, 2024 they marched",
            "published 2024-04-13",
            "le samedi 13 avril 2024",
        ] {
            let d = first(s, &DateContext::default()).unwrap_or_else(|| panic!("no date in {s}"));
            assert_eq!(
                (d.start, d.precision, d.resolution),
                (ymd(2024, 4, 13), EventDatePrecision::Day, DateResolution::Stated),
                "{s}"
            );
        }
        let d = first("in July 2023 soldiers seized power", &DateContext::default()).expect("month");
        assert_eq!(
            span(&d),
            (
                ymd(2023, 7, 1),
                ymd(2023, 7, 31),
                EventDatePrecision::Month,
                DateResolution::Stated
            )
        );
        let d = first("Niger bought helicopters in 2016", &DateContext::default()).expect("year");
        assert_eq!(
            (d.start, d.end, d.precision),
            (ymd(2016, 1, 1), ymd(2016, 12, 31), EventDatePrecision::Year)
        );
        assert_eq!(first("He may leave", &with_ref(ymd(2024, 4, 15))), None);
    }

    #[test]
    fn partial_dates() {
        let r = with_ref(ymd(2023, 12, 6));
        let d = first("dat begin september duizenden demonstranten bijeenkwamen", &r).expect("begin");
        assert_eq!(
            span(&d),
            (
                ymd(2023, 9, 1),
                ymd(2023, 9, 10),
                EventDatePrecision::Month,
                DateResolution::RelativeToPublication
            )
        );
        let d = first("At the end of November, the authorities repealed a law", &r).expect("end");
        assert_eq!((d.start, d.end), (ymd(2023, 11, 21), ymd(2023, 11, 30)));
        let d = first("in the country since mid-August", &r).expect("mid");
        assert_eq!((d.start, d.end), (ymd(2023, 8, 11), ymd(2023, 8, 20)));
        let d = first("fin mars 2024, le général a parlé", &DateContext::default()).expect("fin mars");
        assert_eq!(
            (d.start, d.end, d.resolution),
            (ymd(2024, 3, 21), ymd(2024, 3, 31), DateResolution::Stated)
        );
        let d = first("In August, the junta demanded", &r).expect("in August");
        assert_eq!((d.start, d.end), (ymd(2023, 8, 1), ymd(2023, 8, 31)));
        // A month after the reference month is last year's.
        let d = first("en septembre, ils ont manifesté", &with_ref(ymd(2024, 4, 1))).expect("septembre");
        assert_eq!(d.start, ymd(2023, 9, 1));
        assert_eq!(
            first("in September", &DateContext::default()),
            None,
            "no reference, no date"
        );
    }

    #[test]
    fn relative_to_publication() {
        // Published Monday 15 April 2024.
        let r = with_ref(ymd(2024, 4, 15));
        let day = |s: &str| first(s, &r).map(|d| (d.start, d.end, d.precision));
        assert_eq!(
            day("Thousands gathered on Saturday in Niamey"),
            Some((ymd(2024, 4, 13), ymd(2024, 4, 13), EventDatePrecision::Day))
        );
        assert_eq!(
            day("Last Tuesday, the minister received"),
            Some((ymd(2024, 4, 9), ymd(2024, 4, 9), EventDatePrecision::Day))
        );
        assert_eq!(
            day("last Monday"),
            Some((ymd(2024, 4, 8), ymd(2024, 4, 8), EventDatePrecision::Day))
        );
        assert_eq!(
            day("mardi dernier, le ministre"),
            Some((ymd(2024, 4, 9), ymd(2024, 4, 9), EventDatePrecision::Day))
        );
        assert_eq!(
            day("afgelopen dinsdag"),
            Some((ymd(2024, 4, 9), ymd(2024, 4, 9), EventDatePrecision::Day))
        );
        assert_eq!(
            day("Last month, Niger ordered"),
            Some((ymd(2024, 3, 1), ymd(2024, 3, 31), EventDatePrecision::Month))
        );
        assert_eq!(
            day("le mois dernier"),
            Some((ymd(2024, 3, 1), ymd(2024, 3, 31), EventDatePrecision::Month))
        );
        assert_eq!(
            day("vorig jaar"),
            Some((ymd(2023, 1, 1), ymd(2023, 12, 31), EventDatePrecision::Year))
        );
        assert_eq!(
            day("a year ago"),
            Some((ymd(2023, 1, 1), ymd(2023, 12, 31), EventDatePrecision::Year))
        );
        assert_eq!(
            day("il y a deux jours"),
            Some((ymd(2024, 4, 13), ymd(2024, 4, 13), EventDatePrecision::Day))
        );
        assert_eq!(
            day("drie dagen geleden"),
            Some((ymd(2024, 4, 12), ymd(2024, 4, 12), EventDatePrecision::Day))
        );
        assert_eq!(
            day("yesterday"),
            Some((ymd(2024, 4, 14), ymd(2024, 4, 14), EventDatePrecision::Day))
        );
        assert_eq!(
            day("On April 13, thousands gathered"),
            Some((ymd(2024, 4, 13), ymd(2024, 4, 13), EventDatePrecision::Day))
        );
        // Without a reference none of these can be known.
        assert_eq!(first("Thousands gathered on Saturday", &DateContext::default()), None);
        assert_eq!(first("last month", &DateContext::default()), None);
        // English weekdays need their capital.
        assert_eq!(first("a friday prayer", &r), None);
    }

    #[test]
    fn relative_to_other_dates_in_the_text() {
        let ctx = DateContext {
            anchor: Some(ymd(2024, 4, 10)),
            ..DateContext::default()
        };
        let d = first("Two days later, Africa Corps confirmed", &ctx).expect("later");
        assert_eq!(
            (d.start, d.resolution),
            (ymd(2024, 4, 12), DateResolution::RelativeToText)
        );
        let d = first("le lendemain, les soldats", &ctx).expect("lendemain");
        assert_eq!(d.start, ymd(2024, 4, 11));
        let d = first("de volgende dag", &ctx).expect("volgende");
        assert_eq!(d.start, ymd(2024, 4, 11));
        let d = first("the following week", &ctx).expect("week");
        assert_eq!(
            (d.start, d.end, d.precision),
            (ymd(2024, 4, 15), ymd(2024, 4, 21), EventDatePrecision::Month)
        );
        // Within one sentence, a later phrase counts from a day named before it.
        let all = find_all(
            &tokens("On 3 March 2024 they met; two days later they signed."),
            &DateContext::default(),
        );
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].date.start, ymd(2024, 3, 5));
        assert_eq!(first("two days later", &DateContext::default()), None);
    }

    #[test]
    fn weekday_fixes_the_year() {
        let ctx = DateContext {
            year_hint: Some(2023),
            ..DateContext::default()
        };
        let d = first("The United States agreed on Friday April 19 to withdraw", &ctx).expect("date");
        assert_eq!((d.start, d.resolution), (ymd(2024, 4, 19), DateResolution::Inferred));
        let d = first(
            "On Monday, December 4, the general received",
            &with_ref(ymd(2023, 12, 6)),
        )
        .expect("date");
        assert_eq!((d.start, d.resolution), (ymd(2023, 12, 4), DateResolution::Inferred));
        assert_eq!(first("on Friday April 19", &DateContext::default()), None);
    }

    #[test]
    fn reference_from_a_dateline_or_the_latest_date() {
        let sents = |t: &str| -> Vec<Vec<Token>> { crate::nlp::sentences(t).iter().map(|s| tokens(&s.text)).collect() };
        let r = infer_reference(&sents(
            "Le Monde\n6 Dec 2023\n\nAs the last remaining French soldiers leave Niger, the first Russian officials are already being welcomed in the capital.",
        ))
        .expect("dateline");
        assert_eq!((r.date, r.how), (ymd(2023, 12, 6), "dateline"));
        let r = infer_reference(&sents(
            "After the coup of July 26, 2023, relations broke down. The United States agreed on Friday April 19 to withdraw its soldiers.",
        ))
        .expect("latest");
        assert_eq!((r.date, r.how), (ymd(2024, 4, 19), "latest_date"));
        assert_eq!(infer_reference(&sents("No date here at all.")), None);
    }
}
