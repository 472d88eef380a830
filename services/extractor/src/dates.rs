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
//!
//! The words (month and weekday names, numbers, units, the words of relative dates) are data:
//! `data/calendar.json`, per language, loaded by `dates/words.rs`; `dates/parser.rs` reads a
//! sentence with them. A language is added by adding its section to that file.

mod parser;
mod words;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sahel_schemas::event::{DateResolution, EventDate, EventDatePrecision};

use crate::nlp::Token;
use parser::{Parser, W};
pub use words::{Calendar, CALENDAR_JSON};

/// A date expression: its token range in the sentence and the date it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// First token (index into the sentence's tokens).
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// The date.
    pub date: EventDate,
    /// Set when the expression names no direction in time ("on Thursday", "in March", "on 3
    /// January") and was read as the latest such date before the reference, a plan may mean
    /// the coming one: how often the expression names a date again.
    pub open: Option<Recurs>,
}

/// How often a date expression without a year or a direction names a date again: a weekday
/// every week, a month or a day of a month every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurs {
    /// "on Thursday".
    Weekly,
    /// "in March", "on 3 January".
    Yearly,
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

fn year_num(word: &str) -> Option<i32> {
    if word.len() != 4 {
        return None;
    }
    word.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y))
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

/// Every date expression in a sentence, left to right. `ctx.anchor` is the last day before
/// the sentence; expressions later in the sentence count from days named earlier in it.
/// Finds nothing when the calendar words cannot be loaded (the error is logged once).
pub fn find_all(toks: &[Token], ctx: &DateContext) -> Vec<DateExpr> {
    let Ok(cal) = Calendar::shared() else {
        return Vec::new();
    };
    let ws: Vec<W<'_>> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.punct)
        .map(|(idx, t)| W {
            idx,
            w: t.lower.as_str(),
            cap: t.cap,
            starts: cal.phrase_starts(&t.lower),
        })
        .collect();
    let mut local = ctx.clone();
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let p = Parser {
            ws: &ws,
            ctx: &local,
            cal,
            open: std::cell::Cell::new(None),
        };
        // "détenu depuis juillet 2023": when a state began, not when an event was.
        if let Some(n) = p.since_span(k) {
            k += n;
            continue;
        }
        let parsed = p.at(k);
        let open = p.open.get();
        match parsed {
            Some((n, date)) if n > 0 => {
                let first = ws[k].idx;
                let last = ws[(k + n - 1).min(ws.len() - 1)].idx + 1;
                if date.precision == EventDatePrecision::Day {
                    local.anchor = Some(date.start);
                }
                out.push(DateExpr {
                    first,
                    last,
                    date,
                    open,
                });
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
#[path = "dates_tests.rs"]
mod tests;
