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

#[test]
fn a_weekend_is_the_latest_saturday_and_sunday() {
    // Published Wednesday 17 April 2024: the weekend before is 13-14 April.
    let r = with_ref(ymd(2024, 4, 17));
    let span = |s: &str| first(s, &r).map(|d| (d.start, d.end));
    for weekend in [
        "Gunmen attacked the village at the weekend",
        "over the weekend",
        "this weekend",
        "last weekend",
        "ce week-end",
        "le week-end dernier",
        "in het weekend",
        "afgelopen weekend",
        "dit weekend",
    ] {
        assert_eq!(span(weekend), Some((ymd(2024, 4, 13), ymd(2024, 4, 14))), "{weekend}");
    }
    // Published on a Sunday: its own weekend, and "last weekend" the one before.
    let r = with_ref(ymd(2024, 4, 14));
    assert_eq!(first("this weekend", &r).map(|d| d.start), Some(ymd(2024, 4, 13)));
    assert_eq!(first("last weekend", &r).map(|d| d.start), Some(ymd(2024, 4, 6)));
    // Published on a Saturday, the weekend is that day so far.
    let r = with_ref(ymd(2024, 4, 13));
    assert_eq!(
        first("at the weekend", &r).map(|d| (d.start, d.end)),
        Some((ymd(2024, 4, 13), ymd(2024, 4, 13)))
    );
    // "next weekend" is the coming one; a weekend is never counted.
    assert_eq!(first("next weekend", &r).map(|d| d.start), Some(ymd(2024, 4, 20)));
    assert_eq!(first("the weekend", &DateContext::default()), None);
}

#[test]
fn an_ordinal_day_alone_is_the_latest_such_day() {
    let r = with_ref(ymd(2025, 11, 20));
    let day = |s: &str| first(s, &r).map(|d| (d.start, d.end));
    assert_eq!(
        day("it happened on the 14th"),
        Some((ymd(2025, 11, 14), ymd(2025, 11, 14)))
    );
    // After the reference's day: the month before.
    assert_eq!(
        day("they attacked on the 21st"),
        Some((ymd(2025, 10, 21), ymd(2025, 10, 21)))
    );
    assert_eq!(
        day("op de 14e vielen ze aan"),
        Some((ymd(2025, 11, 14), ymd(2025, 11, 14)))
    );
    // A bare number after an article is a count, not a day.
    assert_eq!(day("the 14 soldiers"), None);
    // With its month, the month says.
    assert_eq!(
        day("on the 4th of December"),
        Some((ymd(2024, 12, 4), ymd(2024, 12, 4)))
    );
}
