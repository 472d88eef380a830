//! The date expression parser: reads the words of a sentence from a position, looking words up
//! in the calendar tables ([`super::words`]).

use chrono::{Datelike, NaiveDate, Weekday};
use sahel_schemas::event::{DateResolution, EventDate};

use super::words::{Calendar, Unit, G};
use super::{
    add_months, closest_past, plus_days, range, whole_month, whole_year, year_from_weekday, year_num, DateContext,
    Recurs,
};

/// A word of the sentence (punctuation skipped), with its token index.
#[derive(Debug, Clone, Copy)]
pub(super) struct W<'a> {
    pub(super) idx: usize,
    pub(super) w: &'a str,
    pub(super) cap: bool,
    /// The groups with a phrase starting with this word ([`Calendar::phrase_starts`]).
    pub(super) starts: u64,
}

pub(super) struct Parser<'a, 'c> {
    pub(super) ws: &'c [W<'a>],
    pub(super) ctx: &'c DateContext,
    pub(super) cal: &'c Calendar,
    /// Set when the expression parsed names no direction in time ("on Thursday", "in
    /// March", "le 26 juillet" without a year) and was read as the latest one before the
    /// reference: a plan may mean the coming one instead. "Last week", "yesterday" and "next
    /// month" say which.
    pub(super) open: std::cell::Cell<Option<Recurs>>,
}

impl<'a> Parser<'a, '_> {
    fn w(&self, k: usize) -> Option<&'a str> {
        self.ws.get(k).map(|x| x.w)
    }

    /// How many words from `k` a "since" phrase spans with the date it starts ("since July
    /// 2023", "depuis 2016", "sinds juli"): a start of a state, not the date of an event.
    pub(super) fn since_span(&self, k: usize) -> Option<usize> {
        let n = self.phrase(k, G::Since)?;
        if let Some((m, _)) = self.at(k + n).filter(|&(m, _)| m > 0) {
            return Some(n + m);
        }
        let j = k + n + self.phrase(k + n, G::MonthInNoun).unwrap_or(0);
        if self.month_at(j).is_some() {
            let year = self.w(j + 1).and_then(year_num).map_or(0, |_| 1);
            return Some(j + 1 + year - k);
        }
        self.w(j).and_then(year_num).map(|_| j + 1 - k)
    }

    /// The number of words of the longest phrase of group `g` at word `k`.
    fn phrase(&self, k: usize, g: G) -> Option<usize> {
        if self.ws.get(k)?.starts & g.bit() == 0 {
            return None;
        }
        self.cal
            .phrases(g)
            .iter()
            .find(|p| p.iter().enumerate().all(|(i, x)| self.w(k + i) == Some(x.as_str())))
            .map(Vec::len)
    }

    fn month_at(&self, k: usize) -> Option<u32> {
        self.ws.get(k).and_then(|x| self.cal.month(x.w, x.cap))
    }

    fn day_at(&self, k: usize) -> Option<u32> {
        self.w(k).and_then(|w| self.cal.day_number(w))
    }

    fn unit_at(&self, k: usize) -> Option<Unit> {
        self.w(k).and_then(|w| self.cal.unit(w))
    }

    fn relative(&self) -> DateResolution {
        if self.ctx.reference_inferred {
            DateResolution::Inferred
        } else {
            DateResolution::RelativeToPublication
        }
    }

    /// Parses the longest date expression starting at word `k`: (words used, date).
    pub(super) fn at(&self, k: usize) -> Option<(usize, EventDate)> {
        let w = self.w(k)?;
        // ISO date.
        if w.len() == 10 && w.as_bytes().get(4) == Some(&b'-') {
            if let Ok(d) = NaiveDate::parse_from_str(w, "%Y-%m-%d") {
                return Some((1, range(d, d, DateResolution::Stated)));
            }
        }
        // Weekday, then a day and month: the weekday may fix the year.
        if let Some(wd) = self.cal.weekday(w) {
            if let Some((n, d)) = self.day_month(k + 1, Some(wd)) {
                return Some((n + 1, d));
            }
            return self.bare_weekday(k, wd, false);
        }
        if let Some(r) = self.decade(k) {
            return Some(r);
        }
        if let Some(r) = self.day_month(k, None) {
            return Some(r);
        }
        if let Some(r) = self.partial_month(k) {
            return Some(r);
        }
        if let Some(r) = self.day_alone(k) {
            return Some(r);
        }
        // Month and year.
        if let (Some(m), Some(y)) = (self.month_at(k), self.w(k + 1).and_then(year_num)) {
            return Some((2, whole_month(y, m, DateResolution::Stated)?));
        }
        self.relative_phrase(k)
    }

    /// A decade: "the 1960s" (one word, in any language), "les années 1960", "les années
    /// soixante", "de jaren zestig": its ten years, stated.
    fn decade(&self, k: usize) -> Option<(usize, EventDate)> {
        let w = self.w(k)?;
        let (used, first) = match w.strip_suffix('s').and_then(year_num) {
            Some(y) if y % 10 == 0 => (1, y),
            _ => {
                let n = self.phrase(k, G::DecadeNoun)?;
                (n + 1, self.cal.decade(self.w(k + n)?)?)
            }
        };
        let start = NaiveDate::from_ymd_opt(first, 1, 1)?;
        let end = NaiveDate::from_ymd_opt(first + 9, 12, 31)?;
        Some((used, range(start, end, DateResolution::Stated)))
    }

    /// "13 April 2024", "April 13, 2024", "1er mai", "the 4th of December", with an optional
    /// weekday before it.
    fn day_month(&self, k: usize, wd: Option<Weekday>) -> Option<(usize, EventDate)> {
        let k0 = k;
        let k = k + self.phrase(k, G::DayArticle).unwrap_or(0);
        let day_month = || Some((self.day_at(k)?, self.month_at(k + 1)?, k + 2));
        let day_of_month = || {
            let d = self.day_at(k)?;
            let of = self.phrase(k + 1, G::DayOf)?;
            Some((d, self.month_at(k + 1 + of)?, k + 2 + of))
        };
        let month_day = || {
            let m = self.month_at(k)?;
            Some((self.day_at(k + 1)?, m, k + 2))
        };
        let (d, m, next) = day_month().or_else(day_of_month).or_else(month_day)?;
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
        self.open.set(Some(Recurs::Yearly));
        Some((next - k0, range(date, date, self.relative())))
    }

    /// "on the 14th", "op de 14e": an ordinal day of the month after its article, without a
    /// month: the latest such day on or before the reference (the story's month, or the one
    /// before). Only a written ordinal counts: a bare number after an article is as often a
    /// count ("le 14" of a list, "the 14 soldiers").
    fn day_alone(&self, k: usize) -> Option<(usize, EventDate)> {
        let a = self.phrase(k, G::DayArticle)?;
        let w = self.w(k + a)?;
        if w.chars().last().is_none_or(|c| c.is_ascii_digit()) || self.month_at(k + a + 1).is_some() {
            return None;
        }
        let d = self.day_at(k + a)?;
        let r = self.ctx.reference?;
        let this_month = NaiveDate::from_ymd_opt(r.year(), r.month(), d).filter(|&x| x <= r);
        let date = this_month.or_else(|| {
            let before = add_months(r, -1)?;
            NaiveDate::from_ymd_opt(before.year(), before.month(), d)
        })?;
        Some((a + 1, range(date, date, self.relative())))
    }

    /// "early September", "end of March", "begin juni", "fin novembre", "mi-août", with an
    /// optional year: the whole month (or year, "fin 2023"). Where in it the text does not
    /// say to the day, so the date is the period named, at its own precision: a third of a
    /// month would read as a day it does not give.
    fn partial_month(&self, k: usize) -> Option<(usize, EventDate)> {
        let w = self.w(k)?;
        // One-word forms: "mid-august", "mi-août".
        for pre in self.cal.mid_prefixes() {
            if let Some(rest) = w.strip_prefix(pre.as_str()) {
                if let Some(m) = self.cal.month(rest, true) {
                    return self.month_of_part(m, k + 1, 1);
                }
            }
        }
        let mut j = k + self.phrase(k, G::PartLead).unwrap_or(0);
        j += [G::PartBegin, G::PartMid, G::PartEnd]
            .into_iter()
            .find_map(|g| self.phrase(j, g))?;
        j += self.phrase(j, G::PartOf).unwrap_or(0);
        if let Some(n) = self.phrase(j, G::MonthNoun) {
            j += n;
            j += self.phrase(j, G::MonthNounOf).unwrap_or(0);
        }
        if let Some(y) = self.w(j).and_then(year_num) {
            // "fin 2023", "early 2024", "eind 2023".
            return Some((j + 1 - k, whole_year(y, DateResolution::Stated)?));
        }
        let m = self.month_at(j)?;
        self.month_of_part(m, j + 1, j + 1 - k)
    }

    fn month_of_part(&self, m: u32, year_at: usize, used: usize) -> Option<(usize, EventDate)> {
        let (y, used, resolution) = match self.w(year_at).and_then(year_num) {
            Some(y) => (y, used + 1, DateResolution::Stated),
            None => {
                let r = self.ctx.reference?;
                let y = if m <= r.month() { r.year() } else { r.year() - 1 };
                self.open.set(Some(Recurs::Yearly));
                (y, used, self.relative())
            }
        };
        Some((used, whole_month(y, m, resolution)?))
    }

    /// A weekday alone: the latest such day on or before the reference ("on Saturday"), or
    /// strictly before it after "last" ("last Tuesday", "mardi dernier", "afgelopen dinsdag").
    fn bare_weekday(&self, k: usize, wd: Weekday, last_before: bool) -> Option<(usize, EventDate)> {
        let x = self.ws.get(k)?;
        // English weekdays are written with a capital; "Saturday's" is fine.
        if self.cal.weekday_needs_capital(x.w) && !x.cap {
            return None;
        }
        let r = self.ctx.reference?;
        let after_last = self.phrase(k + 1, G::WeekdayLastAfter).unwrap_or(0);
        let mut back = i64::from((7 + r.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7);
        if (last_before || after_last > 0) && back == 0 {
            back = 7;
        }
        self.open
            .set((!last_before && after_last == 0).then_some(Recurs::Weekly));
        let d = plus_days(r, -back)?;
        Some((1 + after_last, range(d, d, self.relative())))
    }

    fn relative_phrase(&self, k: usize) -> Option<(usize, EventDate)> {
        let r = self.ctx.reference;
        let rel = self.relative();
        let text = DateResolution::RelativeToText;
        // "last Tuesday", "afgelopen dinsdag", "vorige week", "last month", "vorig jaar"; "past"
        // takes no weekday.
        let last = self.phrase(k, G::Last);
        if let Some(n) = last.or_else(|| self.phrase(k, G::Past)) {
            let k1 = k + n;
            if let (true, Some(wd)) = (last.is_some(), self.w(k1).and_then(|x| self.cal.weekday(x))) {
                return self.bare_weekday(k1, wd, true).map(|(n, d)| (n + k1 - k, d));
            }
            let r = r?;
            let used = k1 + 1 - k;
            return match self.cal.last_unit(self.w(k1)?) {
                Some(Unit::Day) => None, // not allowed in last_units
                Some(u) => Some((used, last_unit(r, u, rel)?)),
                None => {
                    // "Last March"
                    let m = self.month_at(k1)?;
                    let y = if m < r.month() { r.year() } else { r.year() - 1 };
                    Some((used, whole_month(y, m, rel)?))
                }
            };
        }
        // "next week", "next month", "next Tuesday", "volgende maand", "komend jaar": the
        // coming one after the reference.
        if let Some(n) = self.phrase(k, G::Next) {
            let k1 = k + n;
            let r = r?;
            if let Some(wd) = self.w(k1).and_then(|x| self.cal.weekday(x)) {
                let ahead = (7 + wd.num_days_from_monday() - r.weekday().num_days_from_monday()) % 7;
                let d = plus_days(r, i64::from(if ahead == 0 { 7 } else { ahead }))?;
                return Some((k1 + 1 - k, range(d, d, rel)));
            }
            let u = self.cal.last_unit(self.w(k1)?)?;
            return Some((k1 + 1 - k, next_unit(r, u, rel)?));
        }
        // "this past week", "this month", "this year", "earlier this month".
        if let Some(n) = self.phrase(k, G::This) {
            let r = r?;
            let k2 = k + n + self.phrase(k + n, G::Past).unwrap_or(0);
            let used = k2 + 1 - k;
            return match self.cal.this_unit(self.w(k2)?) {
                Some(Unit::Week) => Some((used, range(plus_days(r, -6)?, r, rel))),
                Some(Unit::Weekend) => Some((used, latest_weekend(r, 0, rel)?)),
                Some(Unit::Month) => Some((used, whole_month(r.year(), r.month(), rel)?)),
                Some(Unit::Year) => Some((used, whole_year(r.year(), rel)?)),
                Some(Unit::Day) | None => None,
            };
        }
        // "at the weekend", "le week-end", "in het weekend": the latest one.
        if let Some(n) = self.phrase(k, G::WeekendArticle) {
            if self.w(k + n).and_then(|w| self.cal.this_unit(w)) == Some(Unit::Weekend) {
                return Some((n + 1, latest_weekend(r?, 0, rel)?));
            }
        }
        // French "le mois dernier", "la semaine dernière", "l'an dernier", "l'année passée",
        // "le lendemain", "la veille", "le même jour", "la semaine suivante".
        if let Some(n) = self.phrase(k, G::NounArticle) {
            let k1 = k + n;
            let u = self.unit_at(k1);
            if let (Some(u), Some(n)) = (u, self.phrase(k1 + 1, G::UnitLastAfter)) {
                return Some((k1 + 1 + n - k, last_unit(r?, u, rel)?));
            }
            if let (Some(u), Some(n)) = (u, self.phrase(k1 + 1, G::UnitNextAfter)) {
                return Some((k1 + 1 + n - k, next_unit(r?, u, rel)?));
            }
            let next = self.phrase(k1, G::NextDay).map(|n| (n, 1));
            if let Some((n, step)) = next.or_else(|| self.phrase(k1, G::PreviousDay).map(|n| (n, -1))) {
                let d = plus_days(self.ctx.anchor?, step)?;
                return Some((k1 + n - k, range(d, d, text)));
            }
            if let Some(n) = self.phrase(k1, G::NounSameDay) {
                let a = self.ctx.anchor?;
                return Some((k1 + n - k, range(a, a, text)));
            }
            if let (Some(u), Some(n)) = (u, self.phrase(k1 + 1, G::UnitFollowingAfter)) {
                let a = self.ctx.anchor?;
                return Some((k1 + 1 + n - k, self.unit_after(a, u, 1)?));
            }
        }
        // "yesterday", "today".
        if let Some(n) = self.phrase(k, G::Yesterday) {
            let d = plus_days(r?, -1)?;
            return Some((n, range(d, d, rel)));
        }
        if let Some(n) = self.phrase(k, G::Today) {
            let d = r?;
            return Some((n, range(d, d, rel)));
        }
        // "the next day", "the following week", "the day before", "the same day",
        // "de volgende dag", "de dag erna", "de week daarop".
        if let Some(n) = self.phrase(k, G::RelativeArticle) {
            let k1 = k + n;
            self.w(k1)?;
            let anchor = self.ctx.anchor;
            if let Some(n) = self.phrase(k1, G::Following) {
                if let Some(u) = self.unit_at(k1 + n) {
                    return Some((k1 + n + 1 - k, self.unit_after(anchor?, u, 1)?));
                }
            }
            if let Some(u) = self.unit_at(k1) {
                if let Some(n) = self.phrase(k1 + 1, G::UnitBefore) {
                    return Some((k1 + 1 + n - k, self.unit_before_text(anchor?, u, 1)?));
                }
                if let Some(n) = self.phrase(k1 + 1, G::UnitAfter) {
                    return Some((k1 + 1 + n - k, self.unit_after(anchor?, u, 1)?));
                }
            }
            if let Some(n) = self.phrase(k1, G::SameDay) {
                let a = anchor?;
                return Some((k1 + n - k, range(a, a, text)));
            }
        }
        if let Some(n) = self.phrase(k, G::SameDayAlone) {
            let a = self.ctx.anchor?;
            return Some((n, range(a, a, text)));
        }
        // "il y a deux semaines"
        if let Some(n) = self.phrase(k, G::AgoBefore) {
            let count = self.w(k + n).and_then(|x| self.cal.number(x))?;
            let u = self.unit_at(k + n + 1)?;
            return Some((n + 2, self.unit_before(r?, u, count, rel)?));
        }
        // "two days later", "a year ago", "twee dagen later", "een jaar geleden", "deux jours
        // plus tard".
        if let Some(count) = self.w(k).and_then(|x| self.cal.number(x)) {
            let u = self.unit_at(k + 1)?;
            if let Some(n) = self.phrase(k + 2, G::Ago) {
                return Some((2 + n, self.unit_before(r?, u, count, rel)?));
            }
            if let Some(n) = self.phrase(k + 2, G::Later) {
                return Some((2 + n, self.unit_after(self.ctx.anchor?, u, count)?));
            }
            if let Some(n) = self.phrase(k + 2, G::Earlier) {
                return Some((2 + n, self.unit_before_text(self.ctx.anchor?, u, count)?));
            }
            return None;
        }
        // Month alone after "in", "en", "mois de": relative to the reference. ("since" is a
        // start, not a date: `since_span`.)
        if let Some(n) = self.phrase(k, G::MonthIn) {
            let j = k + n;
            let j = j + self.phrase(j, G::MonthInNoun).unwrap_or(0);
            if let Some(m) = self.month_at(j) {
                if self.w(j + 1).and_then(year_num).is_some() {
                    return None; // "in July 2023": parsed from the month on.
                }
                return self.month_of_part(m, j + 1, j + 1 - k);
            }
            if let Some(y) = self.w(j).and_then(year_num) {
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
            Unit::Weekend => return None,
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
            Unit::Weekend => return None,
            Unit::Month => {
                let d = add_months(a, i32::try_from(n).ok()?)?;
                whole_month(d.year(), d.month(), rel)?
            }
            Unit::Year => whole_year(a.year() + i32::try_from(n).ok()?, rel)?,
        })
    }
}

/// "last week", "la semaine dernière", "vorige maand": the calendar unit before the
/// reference's (a week from Monday to Sunday); "last day" is yesterday.
/// The coming month or year after the reference (a day: the next). The coming week dates
/// nothing: a plan "for next week" is not fixed to its days (the gold's convention).
fn next_unit(r: NaiveDate, u: Unit, rel: DateResolution) -> Option<EventDate> {
    Some(match u {
        Unit::Day => {
            let d = plus_days(r, 1)?;
            range(d, d, rel)
        }
        Unit::Week => return None,
        // "next weekend": the Saturday and Sunday after the reference.
        Unit::Weekend => {
            let sat = plus_days(saturday_on_or_before(r)?, 7)?;
            range(sat, plus_days(sat, 1)?, rel)
        }
        Unit::Month => {
            let d = add_months(r, 1)?;
            whole_month(d.year(), d.month(), rel)?
        }
        Unit::Year => whole_year(r.year() + 1, rel)?,
    })
}

fn last_unit(r: NaiveDate, u: Unit, rel: DateResolution) -> Option<EventDate> {
    Some(match u {
        Unit::Day => {
            let d = plus_days(r, -1)?;
            range(d, d, rel)
        }
        Unit::Week => {
            let monday = plus_days(r, -(i64::from(r.weekday().num_days_from_monday()) + 7))?;
            range(monday, plus_days(monday, 6)?, rel)
        }
        // On a Saturday or Sunday, "last weekend" is the one before.
        Unit::Weekend => {
            let own = r.weekday().num_days_from_monday() >= 5;
            latest_weekend(r, if own { 1 } else { 0 }, rel)?
        }
        Unit::Month => {
            let d = add_months(r, -1)?;
            whole_month(d.year(), d.month(), rel)?
        }
        Unit::Year => whole_year(r.year() - 1, rel)?,
    })
}

/// The Saturday and Sunday of the latest weekend on or before `r`, `back` weekends earlier;
/// a Saturday reference ends it there.
fn latest_weekend(r: NaiveDate, back: i64, rel: DateResolution) -> Option<EventDate> {
    let sat = plus_days(saturday_on_or_before(r)?, -7 * back)?;
    let sunday = plus_days(sat, 1)?;
    Some(range(sat, if back == 0 { sunday.min(r) } else { sunday }, rel))
}

/// The latest Saturday on or before `r`.
fn saturday_on_or_before(r: NaiveDate) -> Option<NaiveDate> {
    plus_days(r, -((i64::from(r.weekday().num_days_from_monday()) + 2) % 7))
}
