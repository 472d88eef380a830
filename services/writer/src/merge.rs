//! The incremental merge, aggregated in Rust: what a batch's new mentions add to each of their
//! events. Pure functions: no database here.
//!
//! The writer used to stage the mentions in a temporary table and aggregate them in SQL; doing
//! it here saves PostgreSQL a COPY, a temporary table and three sorts per batch, and the merge
//! statement receives one row per event instead of one per mention.
//!
//! The best date, place and evidence are chosen by [`crate::ranking`], the one definition
//! from which the SQL functions `refresh_events` (the full recompute) and the merge's
//! comparison with the stored event use are generated too. A test
//! (`incremental_merges_equal_a_full_recompute_whatever_the_batching`) holds that merging and
//! recomputing give the same rows.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use crate::ranking::{date_cmp, evidence_cmp, place_cmp};
use crate::rows::MentionRow;

/// What the events need of a stored article: when it was first fetched and its source.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArticleFacts {
    pub article_id: String,
    pub fetched_at: DateTime<Utc>,
    pub source_name: String,
}

/// What an event's new mentions add to it.
#[derive(Debug)]
pub struct NewEvent<'a> {
    pub event_id: &'a str,
    pub event_type: &'a str,
    pub cameo_root: &'a str,
    pub quad_class: u8,
    pub num_mentions: usize,
    /// Earliest and latest article fetch time (a mention whose article is not stored counts
    /// at its extraction time).
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub article_ids: BTreeSet<&'a str>,
    pub source_names: BTreeSet<&'a str>,
    /// The strongest evidence.
    pub evidence: &'a MentionRow,
    /// The mention with the best date, if any has one.
    pub date: Option<&'a MentionRow>,
    /// The mention with the best place, if any has one.
    pub place: Option<&'a MentionRow>,
}

/// Keeps in `best` the better of it and `m` by `cmp`.
fn keep_best<'a>(best: &mut Option<&'a MentionRow>, m: &'a MentionRow, cmp: fn(&MentionRow, &MentionRow) -> Ordering) {
    if best.is_none_or(|b| cmp(m, b) == Ordering::Less) {
        *best = Some(m);
    }
}

/// The aggregates of `mentions` per event, in event id order (so concurrent writers lock
/// events in one order). `facts` holds the stored articles the mentions belong to.
pub fn aggregate<'a>(
    mentions: impl IntoIterator<Item = &'a MentionRow>,
    facts: &'a HashMap<String, ArticleFacts>,
) -> Vec<NewEvent<'a>> {
    let mut events: BTreeMap<&'a str, NewEvent<'a>> = BTreeMap::new();
    for m in mentions {
        let article = facts.get(&m.article_id);
        let seen = article.map_or(m.extracted_at, |a| a.fetched_at);
        let e = events.entry(m.event_id.as_str()).or_insert_with(|| NewEvent {
            event_id: &m.event_id,
            event_type: m.event_type,
            cameo_root: &m.cameo_root,
            quad_class: m.quad_class,
            num_mentions: 0,
            first_seen: seen,
            last_seen: seen,
            article_ids: BTreeSet::new(),
            source_names: BTreeSet::new(),
            evidence: m,
            date: None,
            place: None,
        });
        // One event has one type (its id is derived from it); `min` as the SQL aggregate does.
        e.event_type = e.event_type.min(m.event_type);
        e.cameo_root = e.cameo_root.min(m.cameo_root.as_str());
        e.quad_class = e.quad_class.min(m.quad_class);
        e.num_mentions += 1;
        e.first_seen = e.first_seen.min(seen);
        e.last_seen = e.last_seen.max(seen);
        e.article_ids.insert(&m.article_id);
        if let Some(a) = article {
            e.source_names.insert(&a.source_name);
        }
        if evidence_cmp(m, e.evidence) == Ordering::Less {
            e.evidence = m;
        }
        if m.date_start.is_some() {
            keep_best(&mut e.date, m, date_cmp);
        }
        if m.place_name.is_some() {
            keep_best(&mut e.place, m, place_cmp);
        }
    }
    events.into_values().collect()
}

/// A PostgreSQL array literal of text (`{"a","b\"c"}`), for a `text[]` value inside an array
/// of rows.
pub fn text_array_literal<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from("{");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        for c in item.chars() {
            match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                // PostgreSQL text cannot hold NUL.
                '\0' => {}
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn mention(id: &str, event: &str, article: &str) -> MentionRow {
        MentionRow {
            mention_id: id.into(),
            event_id: event.into(),
            article_id: article.into(),
            event_type: "PROTEST",
            event_mode: None,
            cameo_root: "14".into(),
            quad_class: 3,
            actor1_id: None,
            actor1_text: None,
            actor1_name: None,
            actor1_country: None,
            actor1_sector: None,
            actor2_id: None,
            actor2_text: None,
            actor2_name: None,
            actor2_country: None,
            actor2_sector: None,
            date_start: None,
            date_end: None,
            date_precision: None,
            date_resolution: None,
            place_id: None,
            place_name: None,
            place_country: None,
            place_admin1: None,
            latitude: None,
            longitude: None,
            gazetteer_id: None,
            place_precision: None,
            sentence_index: 0,
            char_start: 0,
            char_end: 5,
            quote: "quote".into(),
            quote_language: "en".into(),
            modality: "asserted",
            confidence: 0.5,
            extractor_version: "v1".into(),
            extracted_at: DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
        }
    }

    fn dated(mut m: MentionRow, precision: &'static str, resolution: &'static str, days: i64) -> MentionRow {
        let start = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default();
        m.date_start = Some(start);
        m.date_end = Some(start + chrono::Duration::days(days));
        m.date_precision = Some(precision);
        m.date_resolution = Some(resolution);
        m
    }

    #[test]
    fn dates_rank_precision_then_resolution_then_width_then_confidence_then_id() {
        let day = dated(mention("men_b", "e", "a"), "day", "relative_to_publication", 0);
        let month = dated(mention("men_a", "e", "a"), "month", "stated", 30);
        assert_eq!(date_cmp(&day, &month), Ordering::Less);
        let stated = dated(mention("men_c", "e", "a"), "day", "stated", 3);
        assert_eq!(date_cmp(&stated, &day), Ordering::Less, "resolution before width");
        let narrow = dated(mention("men_d", "e", "a"), "day", "stated", 1);
        assert_eq!(date_cmp(&narrow, &stated), Ordering::Less);
        let mut sure = narrow.clone();
        sure.mention_id = "men_e".into();
        sure.confidence = 0.9;
        assert_eq!(date_cmp(&sure, &narrow), Ordering::Less, "confidence before id");
        let mut twin = narrow.clone();
        twin.mention_id = "men_0".into();
        assert_eq!(date_cmp(&twin, &narrow), Ordering::Less, "the smaller id breaks ties");
    }

    #[test]
    fn places_and_evidence_rank_as_the_sql_functions() {
        let mut city = mention("men_b", "e", "a");
        city.place_name = Some("Niamey".into());
        city.place_precision = Some("city".into());
        let mut country = mention("men_a", "e", "a");
        country.place_name = Some("Niger".into());
        country.place_precision = Some("country".into());
        country.latitude = Some(17.6);
        country.longitude = Some(8.1);
        assert_eq!(
            place_cmp(&city, &country),
            Ordering::Less,
            "precision before coordinates"
        );
        let mut located = city.clone();
        located.mention_id = "men_z".into();
        located.latitude = Some(13.5);
        located.longitude = Some(2.1);
        assert_eq!(
            place_cmp(&located, &city),
            Ordering::Less,
            "coordinates before confidence"
        );

        let mut reported = mention("men_b", "e", "a");
        reported.modality = "reported";
        reported.confidence = 0.9;
        let asserted = mention("men_a", "e", "a");
        // Same class: the more confident wins even though "asserted" ranks before "reported".
        assert_eq!(evidence_cmp(&reported, &asserted), Ordering::Less);
        let mut planned = mention("men_0", "e", "a");
        planned.modality = "planned";
        planned.confidence = 1.0;
        assert_eq!(
            evidence_cmp(&asserted, &planned),
            Ordering::Less,
            "class before confidence"
        );
        let mut nan = asserted.clone();
        nan.mention_id = "men_0".into();
        nan.confidence = f64::NAN;
        // PostgreSQL orders NaN after every number, so -NaN ranks last.
        assert_eq!(evidence_cmp(&asserted, &nan), Ordering::Less);
    }

    #[test]
    fn aggregates_count_sets_and_keep_the_best_mentions_per_event() {
        let t = |s: i64| DateTime::from_timestamp(1_700_000_000 + s, 0).unwrap_or_default();
        let facts: HashMap<String, ArticleFacts> = [("art_1", 100, "rfi"), ("art_2", 50, "aps")]
            .into_iter()
            .map(|(id, s, src)| {
                (
                    id.to_owned(),
                    ArticleFacts {
                        article_id: id.into(),
                        fetched_at: t(s),
                        source_name: src.into(),
                    },
                )
            })
            .collect();
        let a = dated(mention("men_a", "evt_1", "art_1"), "month", "stated", 30);
        let b = dated(mention("men_b", "evt_1", "art_2"), "day", "stated", 0);
        let mut c = mention("men_c", "evt_1", "art_3");
        c.extracted_at = t(10);
        c.confidence = 0.8;
        c.place_name = Some("Gao".into());
        let d = mention("men_d", "evt_0", "art_1");
        let events = aggregate([&a, &b, &c, &d], &facts);
        let ids: Vec<&str> = events.iter().map(|e| e.event_id).collect();
        assert_eq!(ids, ["evt_0", "evt_1"]);
        let e = &events[1];
        assert_eq!(e.num_mentions, 3);
        assert_eq!(
            e.article_ids.iter().copied().collect::<Vec<_>>(),
            ["art_1", "art_2", "art_3"]
        );
        // art_3 is not stored: no source, seen at its extraction time.
        assert_eq!(e.source_names.iter().copied().collect::<Vec<_>>(), ["aps", "rfi"]);
        assert_eq!((e.first_seen, e.last_seen), (t(10), t(100)));
        assert_eq!(e.date.map(|m| m.mention_id.as_str()), Some("men_b"));
        assert_eq!(e.place.map(|m| m.mention_id.as_str()), Some("men_c"));
        assert_eq!(e.evidence.mention_id, "men_c");
        assert_eq!(events[0].num_mentions, 1);
        assert!(events[0].date.is_none() && events[0].place.is_none());
    }

    #[test]
    fn array_literals_quote_and_escape() {
        assert_eq!(text_array_literal([]), "{}");
        assert_eq!(
            text_array_literal(["a", "b \"c\"", "d\\e,f", "g\0"]),
            r#"{"a","b \"c\"","d\\e,f","g"}"#
        );
    }
}
