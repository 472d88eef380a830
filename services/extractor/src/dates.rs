//! Dates in a sentence: stated dates ("13 April 2024", "April 13, 2024", "13 avril 2024",
//! "13 april 2024"), day and month without a year (year from the publication date), and
//! weekdays relative to the publication date ("on Saturday", "samedi", "zaterdag"). A date
//! the text does not allow knowing is `None`, never a guess.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sahel_schemas::event::{DateResolution, EventDate, EventDatePrecision};

use crate::nlp::Token;

fn month(word: &str) -> Option<u32> {
    let m = match word {
        "january" | "janvier" | "januari" | "jan" => 1,
        "february" | "février" | "fevrier" | "februari" | "feb" => 2,
        "march" | "mars" | "maart" | "mar" => 3,
        "april" | "avril" | "apr" => 4,
        "may" | "mai" | "mei" => 5,
        "june" | "juin" | "juni" | "jun" => 6,
        "july" | "juillet" | "juli" | "jul" => 7,
        "august" | "août" | "aout" | "augustus" | "aug" => 8,
        "september" | "septembre" | "sept" | "sep" => 9,
        "october" | "octobre" | "oktober" | "oct" | "okt" => 10,
        "november" | "novembre" | "nov" => 11,
        "december" | "décembre" | "decembre" | "dec" => 12,
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
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic()); // 1st, 2nd, 1er
    digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

fn year_num(word: &str) -> Option<i32> {
    word.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y))
}

fn day(d: NaiveDate, resolution: DateResolution) -> EventDate {
    EventDate {
        start: d,
        end: d,
        precision: EventDatePrecision::Day,
        resolution,
    }
}

/// The first date found in the tokens of a sentence.
pub fn find(toks: &[Token], published: Option<NaiveDate>) -> Option<EventDate> {
    let w = |i: usize| toks.get(i).map(|t| t.lower.as_str());
    for (i, tok) in toks.iter().enumerate() {
        let word = tok.lower.as_str();
        // 13 April 2024 / 13 avril 2024 / 13 april / 1er mai
        if let (Some(d), Some(m)) = (day_num(word), w(i + 1).and_then(month)) {
            if let Some(y) = w(i + 2).and_then(year_num) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(day(date, DateResolution::Stated));
                }
            } else if let Some(p) = published {
                if let Some(date) = closest_past(p, m, d) {
                    return Some(day(date, DateResolution::RelativeToPublication));
                }
            }
        }
        // April 13, 2024 / April 13
        if let (Some(m), Some(d)) = (month(word), w(i + 1).and_then(day_num)) {
            if let Some(y) = w(i + 2).and_then(year_num) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(day(date, DateResolution::Stated));
                }
            } else if let Some(p) = published {
                if let Some(date) = closest_past(p, m, d) {
                    return Some(day(date, DateResolution::RelativeToPublication));
                }
            }
        }
        // A weekday: the latest such day on or before publication ("on Saturday").
        if let (Some(wd), Some(p)) = (weekday(word), published) {
            // "Friday April 19" is handled above on the next token; a bare weekday here.
            if w(i + 1).and_then(month).is_none() {
                let back = (7 + p.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                return Some(day(
                    p - Duration::days(i64::from(back)),
                    DateResolution::RelativeToPublication,
                ));
            }
        }
    }
    None
}

/// The date with month `m` and day `d` on or before `p`, within the past year.
fn closest_past(p: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(p.year(), m, d)?;
    if this_year <= p + Duration::days(7) {
        Some(this_year)
    } else {
        NaiveDate::from_ymd_opt(p.year() - 1, m, d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokens;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn stated_dates_in_three_languages() {
        for s in [
            "on 13 April 2024 they marched",
            "le 13 avril 2024, ils ont marché",
            "op 13 april 2024 liepen ze",
            "On April 13, 2024 they marched",
        ] {
            let d = find(&tokens(s), None).unwrap_or_else(|| panic!("no date in {s}"));
            assert_eq!(
                (d.start, d.resolution),
                (ymd(2024, 4, 13), DateResolution::Stated),
                "{s}"
            );
        }
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        let toks = tokens("Thousands gathered on Saturday in Niamey");
        assert_eq!(find(&toks, None), None);
        // Published Monday 15 April 2024: "Saturday" is 13 April.
        let d = find(&toks, Some(ymd(2024, 4, 15))).expect("date");
        assert_eq!(
            (d.start, d.resolution),
            (ymd(2024, 4, 13), DateResolution::RelativeToPublication)
        );
        let d = find(&tokens("On April 13, thousands gathered"), Some(ymd(2024, 4, 20))).expect("date");
        assert_eq!(d.start, ymd(2024, 4, 13));
    }
}
