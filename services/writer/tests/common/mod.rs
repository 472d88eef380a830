//! Shared by the writer's database tests: a migrated database on a throwaway PostgreSQL, and
//! message builders (JSON, so fields added to the message types later default cleanly).

#![allow(dead_code)]

use sahel_e2e::{unique, Postgres};
use sahel_runtime::pipeline::Incoming;
use sahel_schemas::{CleanArticle, EventMention};
use sahel_writer::rows::Batch;
use serde_json::{json, Value};

/// A throwaway server with one migrated database.
pub struct Db {
    pub pg: Postgres,
    pub url: String,
    pub pool: sqlx::PgPool,
}

pub async fn migrated() -> Db {
    let pg = Postgres::start().expect("PostgreSQL for tests");
    let url = pg.fresh_database(&unique("w_")).await.expect("database");
    let pool = sqlx::PgPool::connect(&url).await.expect("connect");
    sahel_runtime::db::migrate(&pool).await.expect("migrations");
    Db { pg, url, pool }
}

/// A clean article message (valid against the current schema).
pub fn article(id: &str, source: &str, text: &str, fetched_at: &str) -> Value {
    json!({
        "schema": {"name": "articles.clean", "version": 1},
        "id": id,
        "produced_at": fetched_at,
        "producer": {"service": "normalizer", "version": "0.1.0"},
        "document_id": id.replace("art_", "doc_"),
        "source": {"name": source, "kind": "directory", "location": format!("/in/{id}.txt"), "feed_url": null, "final_url": null},
        "fetched_at": fetched_at,
        "canonical_url": null,
        "title": format!("Title of {id}"),
        "byline": null,
        "published": {"value": "2024-03-16T00:00:00Z", "precision": "day", "found_in": "text"},
        "language": {"code": "en", "confidence": 0.98},
        "text": text,
        "paragraphs": [{"start": 0, "end": text.chars().count()}],
        "word_count": text.split_whitespace().count(),
        "fingerprints": {"text_sha256": format!("{:0>64}", id.trim_start_matches("art_"))},
        "dedup": {"verdict": "unique", "duplicate_of": null, "similarity": null},
        "removed": []
    })
}

/// A PROTEST mention of event `event`, in `article`, with the quote at `start`.
#[allow(clippy::too_many_arguments)]
pub fn mention(
    article: &str,
    event: &str,
    start: u32,
    quote: &str,
    produced_at: &str,
    version: &str,
    confidence: f64,
) -> Value {
    let id = sahel_schemas::ids::mention_id(article, start, start, "PROTEST");
    json!({
        "schema": {"name": "events.extracted", "version": 1},
        "id": id,
        "produced_at": produced_at,
        "producer": {"service": "extractor", "version": "0.1.0"},
        "event_id": event,
        "article_id": article,
        "event_type": "PROTEST",
        "event_mode": "demonstrate",
        "cameo_root": "14",
        "quad_class": 3,
        "actor1": {"text": "protesters", "name": "Protesters", "country": "NER", "sector": "civilians"},
        "actor2": {"text": "the junta", "name": "Abdourahamane Tiani", "country": "NER", "sector": "military"},
        "date": {"start": "2024-03-01", "end": "2024-03-31", "precision": "month", "resolution": "relative_to_publication"},
        "place": {"name": "Niger", "country": "NER", "admin1": null, "latitude": 17.61, "longitude": 8.08,
                  "gazetteer_id": "sahel:country:NER", "precision": "country"},
        "evidence": {"article_id": article, "sentence_index": start, "char_start": start,
                     "char_end": start + quote.chars().count() as u32, "quote": quote, "language": "en"},
        "modality": "reported",
        "confidence": confidence,
        "extractor_version": version
    })
}

/// `v` with `path` (e.g. `["date"]`) set to `value`.
pub fn with(mut v: Value, key: &str, value: Value) -> Value {
    v[key] = value;
    v
}

pub fn incoming(topic: &str, offset: i64, payload: &Value) -> Incoming {
    Incoming {
        topic: topic.to_owned(),
        partition: 0,
        offset,
        key: payload["id"].as_str().map(|s| s.as_bytes().to_vec()),
        payload: Some(serde_json::to_vec(payload).expect("json")),
        headers: Vec::new(),
    }
}

/// A batch of clean articles (topic `c`) and mentions (topic `e`).
pub fn batch(articles: &[&Value], mentions: &[&Value]) -> Batch {
    for a in articles {
        serde_json::from_value::<CleanArticle>((*a).clone()).expect("valid article");
    }
    for m in mentions {
        serde_json::from_value::<EventMention>((*m).clone()).expect("valid mention");
    }
    let msgs: Vec<Incoming> = articles
        .iter()
        .map(|a| incoming("c", 0, a))
        .chain(mentions.iter().map(|m| incoming("e", 0, m)))
        .collect();
    let (b, rejected) = Batch::from_messages(&msgs, "c", "e");
    assert!(rejected.is_empty(), "{rejected:?}");
    b
}

/// Every row of the writer's tables as text with its xmin: equal snapshots mean no row was
/// written, not even with the same values.
pub async fn snapshot(pool: &sqlx::PgPool) -> Vec<String> {
    sahel_e2e::snapshot(pool, sahel_e2e::WRITER_TABLES)
        .await
        .expect("snapshot")
}

/// Recomputes every event from all its mentions and asserts that no row was written: the
/// stored events were exactly the recompute's result.
pub async fn assert_a_recompute_changes_nothing(pool: &sqlx::PgPool, why: &str) {
    let before = snapshot(pool).await;
    sqlx::query("SELECT refresh_events(ARRAY(SELECT event_id FROM events))")
        .execute(pool)
        .await
        .expect("refresh_events");
    assert_eq!(before, snapshot(pool).await, "{why}");
}
