//! The current state of the events a batch changed, for the compacted topic `events.current`
//! ([`sahel_schemas::CurrentEvent`]): read after the batch's commit and returned as records,
//! which the consumer loop produces before it stores the batch's offsets. Delivery is at least
//! once; a consumer keeps the last message per key, as compaction does.
//!
//! The events a batch changed: those its mentions now belong to, and every event ever linked
//! to one of its articles (`event_links`), which covers events that lost mentions to a newer
//! extraction, and the events merged with any of these (`event_aliases`). An event no longer
//! stored is sent with `deleted: true`, and, when it was absorbed into another, `merged_into`.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use sahel_runtime::pipeline::Record;
use sahel_schemas::event::Actor;
use sahel_schemas::{CurrentEvent, Message as _, ProducerInfo};

use crate::rows::Batch;

/// The events a batch may have changed (before the articles' linked events are added).
pub fn touched(batch: &Batch) -> (Vec<String>, Vec<String>) {
    let events: BTreeSet<&str> = batch.mentions.values().map(|(_, m)| m.event_id.as_str()).collect();
    let articles: BTreeSet<&str> = batch
        .articles
        .keys()
        .map(String::as_str)
        .chain(batch.mentions.values().map(|(_, m)| m.article_id.as_str()))
        .collect();
    (
        events.into_iter().map(str::to_owned).collect(),
        articles.into_iter().map(str::to_owned).collect(),
    )
}

type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    (Option<String>, Option<String>, Option<String>),
    (Option<String>, Option<String>, Option<String>),
    (Option<NaiveDate>, Option<NaiveDate>, Option<String>),
    (Option<String>, Option<String>, Option<f64>, Option<f64>),
    (i32, i32, i32),
    (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    (Vec<String>, Vec<String>),
    (Option<String>, Option<f64>),
);

fn actor(
    text: Option<String>,
    (name, country, sector): (Option<String>, Option<String>, Option<String>),
) -> Option<Actor> {
    name.map(|name| Actor {
        text: text.unwrap_or_else(|| name.clone()),
        name,
        country,
        sector,
    })
}

/// The `events.current` records for the events `events` and those linked to `articles`, as
/// stored now (after the commit).
pub async fn records(
    pool: &sqlx::PgPool,
    topic: &str,
    producer: &ProducerInfo,
    events: &[String],
    articles: &[String],
) -> Result<Vec<Record>, sqlx::Error> {
    if events.is_empty() && articles.is_empty() {
        return Ok(Vec::new());
    }
    // With the events absorbed into any of them and the events any of them went into
    // (`event_aliases`): a merge changes both, whichever batch brings it to light.
    let ids: Vec<String> = sqlx::query_scalar(
        "WITH t AS (SELECT e FROM unnest($1::text[]) AS e
                    UNION SELECT event_id FROM event_links WHERE article_id = ANY ($2))
         SELECT e FROM t
         UNION SELECT a.event_id FROM event_aliases a JOIN t ON a.kept_id = t.e
         UNION SELECT a.kept_id FROM event_aliases a JOIN t ON a.event_id = t.e
         ORDER BY 1",
    )
    .bind(events)
    .bind(articles)
    .fetch_all(pool)
    .await?;
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT event_id, event_type, event_mode, modality,
                (actor1_name, actor1_country, actor1_sector), (actor2_name, actor2_country, actor2_sector),
                (date_start, date_end, date_precision), (place_name, place_country, latitude, longitude),
                (num_mentions, num_articles, num_sources), (first_seen, last_seen),
                (article_ids, source_names), (evidence, confidence)
         FROM events WHERE event_id = ANY ($1) AND num_mentions > 0",
    )
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    let now = Utc::now();
    let schema = CurrentEvent::current_schema();
    let mut out = Vec::with_capacity(ids.len());
    let mut found = BTreeSet::new();
    for (id, event_type, event_mode, modality, a1, a2, date, place, counts, seen, lists, evidence) in rows {
        found.insert(id.clone());
        let e = CurrentEvent {
            schema: schema.clone(),
            id,
            produced_at: now,
            producer: producer.clone(),
            deleted: false,
            merged_into: None,
            event_type,
            event_mode,
            modality,
            actor1: actor(None, a1),
            actor2: actor(None, a2),
            date_start: date.0,
            date_end: date.1,
            date_precision: date.2,
            place_name: place.0,
            place_country: place.1,
            latitude: place.2,
            longitude: place.3,
            num_mentions: counts.0,
            num_articles: counts.1,
            num_sources: counts.2,
            first_seen: seen.0,
            last_seen: seen.1,
            article_ids: lists.0,
            source_names: lists.1,
            evidence: evidence.0,
            confidence: evidence.1,
        };
        out.push(e);
    }
    let gone: Vec<&String> = ids.iter().filter(|i| !found.contains(*i)).collect();
    let merged_into: std::collections::HashMap<String, String> =
        sqlx::query_as("SELECT event_id, kept_id FROM event_aliases WHERE event_id = ANY ($1)")
            .bind(&gone)
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    for id in gone {
        out.push(CurrentEvent {
            merged_into: merged_into.get(id).cloned(),
            id: id.clone(),
            schema: schema.clone(),
            produced_at: now,
            producer: producer.clone(),
            deleted: true,
            event_type: String::new(),
            event_mode: None,
            modality: None,
            actor1: None,
            actor2: None,
            date_start: None,
            date_end: None,
            date_precision: None,
            place_name: None,
            place_country: None,
            latitude: None,
            longitude: None,
            num_mentions: 0,
            num_articles: 0,
            num_sources: 0,
            first_seen: None,
            last_seen: None,
            article_ids: Vec::new(),
            source_names: Vec::new(),
            evidence: None,
            confidence: None,
        });
    }
    Ok(out.iter().filter_map(|e| Record::json(topic, &e.id, e).ok()).collect())
}
