//! The publication date of plain-text articles (issue 20, item 4): a corpus of short articles
//! written for this test in English, French and Dutch (`tests/fixtures/plain_dates/`), each
//! normalized as the service and `sahel-normalizer normalize` do ([`sahel_normalizer::normalize`]
//! on a raw document read from disk), fetched on 1 July 2024.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use sahel_normalizer::normalize;
use sahel_schemas::clean::{DatePrecision, DateSource};
use sahel_schemas::raw::{RawArticle, SourceKind, SourceRef};
use sahel_schemas::{CleanArticle, ProducerInfo};

fn fetched_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 7, 1, 12, 0, 0).single().expect("a date")
}

fn normalized(name: &str) -> CleanArticle {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plain_dates")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = SourceRef {
        name: "plain_dates".to_owned(),
        kind: SourceKind::File,
        location: path.display().to_string(),
        feed_url: None,
        final_url: None,
    };
    let raw = RawArticle::from_local(
        source,
        &bytes,
        sahel_runtime::charset::decode(&bytes, false),
        "text/plain",
        fetched_at(),
        ProducerInfo::new("plain-dates-test", "0"),
        None,
    );
    normalize(&raw).unwrap_or_else(|r| panic!("{name}: {}: {}", r.kind, r.message))
}

/// Each article, the day of its publication date (UTC), the precision, and its date line.
const DATED: &[(&str, &str, DatePrecision, &str)] = &[
    ("en_second_line.txt", "2024-06-15", DatePrecision::Day, "June 15, 2024"),
    (
        "en_published_weekday_time_zone.txt",
        "2024-06-15",
        DatePrecision::Time,
        "Published: Saturday, June 15, 2024, 2:30 p.m. GMT",
    ),
    (
        "en_date_at_bottom.txt",
        "2024-06-15",
        DatePrecision::Day,
        "15 June 2024",
    ),
    (
        "en_updated_then_published.txt",
        "2024-06-15",
        DatePrecision::Day,
        "First published on June 15, 2024",
    ),
    (
        "en_iso_posted.txt",
        "2024-06-13",
        DatePrecision::Time,
        "Posted 2024-06-13 08:30 +01:00",
    ),
    ("fr_second_line.txt", "2024-06-14", DatePrecision::Day, "14 juin 2024"),
    (
        "fr_publie_le_updated.txt",
        "2024-06-14",
        DatePrecision::Day,
        "Publié le vendredi 14 juin 2024 à 14h30, mis à jour le samedi 15 juin 2024 à 09h12",
    ),
    (
        "fr_date_at_bottom.txt",
        "2024-07-01",
        DatePrecision::Day,
        "Publié le 1er juil. 2024",
    ),
    ("nl_second_line.txt", "2024-06-20", DatePrecision::Day, "20 juni 2024"),
    (
        "nl_gepubliceerd_op.txt",
        "2024-06-20",
        DatePrecision::Day,
        "Gepubliceerd op donderdag 20 juni 2024 om 14.30 uur",
    ),
    (
        "nl_weekday_time_zone.txt",
        "2024-06-22",
        DatePrecision::Time,
        "za 22 jun 2024 10:05 CEST",
    ),
];

#[test]
fn date_lines_give_the_publication_date_and_leave_the_text() {
    for &(name, day, precision, line) in DATED {
        let clean = normalized(name);
        let published = clean.published.unwrap_or_else(|| panic!("{name}: no publication date"));
        assert_eq!(
            (
                published.value.format("%F").to_string().as_str(),
                published.precision,
                published.found_in
            ),
            (day, precision, DateSource::Text),
            "{name}"
        );
        assert!(!clean.text.contains(line), "{name}: the date line is left in the text");
        assert!(clean.removed.iter().any(|r| r == line), "{name}: {:?}", clean.removed);
        assert!(
            clean.word_count >= 30,
            "{name}: the body is kept ({} words)",
            clean.word_count
        );
    }
}

#[test]
fn times_with_a_zone_are_instants() {
    let at = |name: &str| normalized(name).published.map(|p| p.value.to_rfc3339());
    assert_eq!(
        at("en_published_weekday_time_zone.txt").as_deref(),
        Some("2024-06-15T14:30:00+00:00")
    );
    assert_eq!(at("en_iso_posted.txt").as_deref(), Some("2024-06-13T07:30:00+00:00"));
    assert_eq!(
        at("nl_weekday_time_zone.txt").as_deref(),
        Some("2024-06-22T08:05:00+00:00")
    );
    // A time without a zone names no instant: the day is kept.
    assert_eq!(
        at("nl_gepubliceerd_op.txt").as_deref(),
        Some("2024-06-20T00:00:00+00:00")
    );
}

#[test]
fn dates_that_are_not_the_articles_are_not_taken() {
    for name in [
        "neg_copyright.txt",
        "neg_read_more.txt",
        "neg_lire_aussi.txt",
        "neg_lees_ook.txt",
        "neg_date_in_sentence.txt",
        "neg_aggregator_banner.txt",
        "neg_future_date.txt",
    ] {
        let clean = normalized(name);
        assert_eq!(clean.published, None, "{name}");
        assert!(
            clean.word_count >= 20,
            "{name}: the body is kept ({} words)",
            clean.word_count
        );
    }
    // A sentence that holds a date is body text.
    let clean = normalized("neg_date_in_sentence.txt");
    assert!(clean
        .text
        .contains("On June 15, 2024, negotiators from both sides met again in Niamey."));
    // Teasers' date lines are furniture all the same.
    let clean = normalized("neg_read_more.txt");
    assert!(
        !clean.text.contains("June 3, 2024") && !clean.text.contains("May 28, 2024"),
        "{}",
        clean.text
    );
    let clean = normalized("neg_lees_ook.txt");
    assert!(!clean.text.contains("3 juni 2024"), "{}", clean.text);
}
