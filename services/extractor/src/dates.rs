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

    #[test]
    fn an_expression_without_a_year_or_a_direction_is_open() {
        let r = with_ref(ymd(2024, 4, 15));
        let open = |s: &str| find_all(&tokens(s), &r).first().map(|e| e.open);
        assert_eq!(open("on Thursday"), Some(Some(Recurs::Weekly)));
        assert_eq!(open("on 3 January"), Some(Some(Recurs::Yearly)));
        assert_eq!(open("in March"), Some(Some(Recurs::Yearly)));
        assert_eq!(open("last Thursday"), Some(None));
        assert_eq!(open("last week"), Some(None));
        assert_eq!(open("yesterday"), Some(None));
        assert_eq!(open("in March 2024"), Some(None));
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
    fn decades_are_their_ten_years() {
        for s in [
            "agreements signed in the 1960s with Paris",
            "des accords signés dans les années 1960 avec Paris",
            "des accords signés dans les années soixante",
            "akkoorden die in de jaren zestig werden gesloten",
            "akkoorden uit de jaren 60",
        ] {
            let d = first(s, &DateContext::default()).unwrap_or_else(|| panic!("no date in {s}"));
            assert_eq!(
                (d.start, d.end, d.precision, d.resolution),
                (
                    ymd(1960, 1, 1),
                    ymd(1969, 12, 31),
                    EventDatePrecision::Year,
                    DateResolution::Stated
                ),
                "{s}"
            );
        }
        // Not a decade: a year, a plural noun, a count.
        assert_eq!(first("ces dernières années, la junte", &DateContext::default()), None);
        assert_eq!(first("de jaren na de staatsgreep", &DateContext::default()), None);
        let d = first("in 1965 they signed", &DateContext::default()).expect("year");
        assert_eq!((d.start, d.end), (ymd(1965, 1, 1), ymd(1965, 12, 31)));
    }

    #[test]
    fn partial_dates() {
        let r = with_ref(ymd(2023, 12, 6));
        // A part of a month or year is dated to the whole of it: the text names no day.
        let d = first("dat begin september duizenden demonstranten bijeenkwamen", &r).expect("begin");
        assert_eq!(
            span(&d),
            (
                ymd(2023, 9, 1),
                ymd(2023, 9, 30),
                EventDatePrecision::Month,
                DateResolution::RelativeToPublication
            )
        );
        let d = first("At the end of November, the authorities repealed a law", &r).expect("end");
        assert_eq!((d.start, d.end), (ymd(2023, 11, 1), ymd(2023, 11, 30)));
        // "since": when a state began, not when an event was; no date, whatever follows.
        for text in [
            "in the country since mid-August",
            "detained since July 2023",
            "détenu depuis juillet 2023",
            "sinds 2016 actief",
        ] {
            assert!(first(text, &r).is_none(), "{text}");
        }
        let d = first("in the country in mid-August", &r).expect("mid");
        assert_eq!((d.start, d.end), (ymd(2023, 8, 1), ymd(2023, 8, 31)));
        let d = first("fin mars 2024, le général a parlé", &DateContext::default()).expect("fin mars");
        assert_eq!(
            (d.start, d.end, d.resolution),
            (ymd(2024, 3, 1), ymd(2024, 3, 31), DateResolution::Stated)
        );
        let d = first("La mission a quitté le pays fin 2023.", &DateContext::default()).expect("fin 2023");
        assert_eq!(
            (d.start, d.end, d.precision),
            (ymd(2023, 1, 1), ymd(2023, 12, 31), EventDatePrecision::Year)
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
        // Last week is the calendar week before the reference's, Monday to Sunday.
        for last_week in ["last week", "la semaine dernière", "vorige week"] {
            assert_eq!(
                day(last_week),
                Some((ymd(2024, 4, 8), ymd(2024, 4, 14), EventDatePrecision::Month)),
                "{last_week}"
            );
        }
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
        // A weekday and a part of the day in one word.
        for evening in ["donderdagavond", "donderdagochtend", "vorige donderdagnacht"] {
            assert_eq!(
                day(evening),
                Some((ymd(2024, 4, 11), ymd(2024, 4, 11), EventDatePrecision::Day)),
                "{evening}"
            );
        }
        assert_eq!(
            day("yesterday"),
            Some((ymd(2024, 4, 14), ymd(2024, 4, 14), EventDatePrecision::Day))
        );
        assert_eq!(
            day("On April 13, thousands gathered"),
            Some((ymd(2024, 4, 13), ymd(2024, 4, 13), EventDatePrecision::Day))
        );
        // The coming month, year or weekday; the coming week fixes no days.
        for next_month in ["next month", "le mois prochain", "volgende maand"] {
            assert_eq!(
                day(next_month),
                Some((ymd(2024, 5, 1), ymd(2024, 5, 31), EventDatePrecision::Month)),
                "{next_month}"
            );
        }
        assert_eq!(
            day("l'année prochaine"),
            Some((ymd(2025, 1, 1), ymd(2025, 12, 31), EventDatePrecision::Year))
        );
        assert_eq!(
            day("next Monday"),
            Some((ymd(2024, 4, 22), ymd(2024, 4, 22), EventDatePrecision::Day))
        );
        assert_eq!(
            day("komende vrijdag"),
            Some((ymd(2024, 4, 19), ymd(2024, 4, 19), EventDatePrecision::Day))
        );
        for next_week in ["next week", "la semaine prochaine", "volgende week"] {
            assert_eq!(day(next_week), None, "{next_week}");
        }
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
        // "that day", "die dag": the last day named.
        let d = first("Rebels struck back that day", &ctx).expect("that day");
        assert_eq!(d.start, ymd(2024, 4, 10));
        let d = first("Ook in Sikasso demonstreerden die dag honderden handelaars", &ctx).expect("die dag");
        assert_eq!(d.start, ymd(2024, 4, 10));
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
