//! The PostgreSQL model against a real server (a throwaway cluster from the harness in
//! `tests/src/lib.rs`): migrations, constraints, aggregation, re-extraction, the dashboard
//! role, and the refusal of a newer schema.

// Helpers outside #[test] functions unwrap too: a test that unwraps fails loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{json, Value};
use sqlx::Row as _;

const A1: &str = "art_00000000000000000000000000000001";
const A2: &str = "art_00000000000000000000000000000002";
const E1: &str = "evt_00000000000000000000000000000001";
const E2: &str = "evt_00000000000000000000000000000002";
const V1: &str = "0.1.0+lexicon.1";
const V2: &str = "0.2.0+lexicon.2";

#[tokio::test]
async fn events_are_aggregates_refined_in_place_and_replay_changes_nothing() {
    let db = migrated().await;
    let pool = &db.pool;
    // First report: month precision, country-level place, reported, weak.
    let m1 = mention(
        A1,
        E1,
        0,
        "Protests were reported in Niger.",
        "2024-03-20T10:00:00Z",
        V1,
        0.5,
    );
    let b1 = batch(&[], &[&m1]);
    sahel_writer::store::write(pool, &b1).await.unwrap();
    let (xmin1, date1, place1, n1, sources1, first1): (String, String, String, i32, i32, String) = sqlx::query_as(
        "SELECT xmin::text, date_precision, place_name, num_mentions, num_sources, first_seen::text
         FROM events WHERE event_id = $1",
    )
    .bind(E1)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(
        (date1.as_str(), place1.as_str(), n1, sources1),
        ("month", "Niger", 1, 0)
    );
    assert_eq!(
        first1, "2024-03-20 10:00:00+00",
        "before its article arrives, seen when extracted"
    );

    // A second article: the day, the city, asserted and stronger. Same event, refined in place.
    let quote2 = "Thousands marched in Niamey on Saturday.";
    let m2 = with(
        with(
            with(
                mention(A2, E1, 3, quote2, "2024-03-21T09:00:00Z", V1, 0.9),
                "date",
                json!({"start": "2024-03-16", "end": "2024-03-16", "precision": "day", "resolution": "stated"}),
            ),
            "place",
            json!({"name": "Niamey", "country": "NER", "admin1": "Niamey", "latitude": 13.5137, "longitude": 2.1098,
                   "gazetteer_id": "sahel:niamey", "precision": "city"}),
        ),
        "modality",
        json!("asserted"),
    );
    let a1 = article(A1, "wire", "Protests were reported in Niger.", "2024-03-19T08:00:00Z");
    let a2 = article(
        A2,
        "paper",
        "The day. Thousands marched in Niamey on Saturday.",
        "2024-03-21T08:00:00Z",
    );
    let b2 = batch(&[&a1, &a2], &[&m2]);
    let w = sahel_writer::store::write(pool, &b2).await.unwrap();
    assert_eq!((w.articles, w.mentions), (2, 1));
    let r = sqlx::query("SELECT * FROM events_export WHERE event_id = $1")
        .bind(E1)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(r.get::<String, _>("date_precision"), "day");
    assert_eq!(
        r.get::<Option<chrono::NaiveDate>, _>("event_date").unwrap().to_string(),
        "2024-03-16"
    );
    assert_eq!(r.get::<String, _>("place_name"), "Niamey");
    assert_eq!(r.get::<f64, _>("latitude"), 13.5137);
    assert_eq!(r.get::<String, _>("evidence"), quote2, "the strongest evidence");
    assert_eq!(r.get::<String, _>("modality"), "asserted");
    assert_eq!(r.get::<f64, _>("confidence"), 0.9);
    assert_eq!(r.get::<i32, _>("num_mentions"), 2);
    assert_eq!(r.get::<i32, _>("num_articles"), 2);
    assert_eq!(r.get::<i32, _>("num_sources"), 2);
    assert_eq!(
        r.get::<Vec<String>, _>("article_ids"),
        vec![A1.to_owned(), A2.to_owned()]
    );
    assert_eq!(
        r.get::<Vec<String>, _>("source_names"),
        vec!["paper".to_owned(), "wire".to_owned()]
    );
    assert_eq!(
        r.get::<chrono::DateTime<chrono::Utc>, _>("first_seen").to_rfc3339(),
        "2024-03-19T08:00:00+00:00",
        "first seen: the earliest fetch of an article reporting it"
    );
    assert_eq!(r.get::<String, _>("actor2_name"), "Abdourahamane Tiani");
    let xmin2: String = sqlx::query_scalar("SELECT xmin::text FROM events WHERE event_id = $1")
        .bind(E1)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_ne!(xmin1, xmin2, "refined in place");
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM events")
            .fetch_one(pool)
            .await
            .unwrap(),
        1
    );

    // Dimensions: two actors with their aliases, two places.
    let actors: Vec<(String, Vec<String>, i32)> =
        sqlx::query_as("SELECT actor_name, aliases, num_events FROM actor_activity ORDER BY actor_name")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(
        actors,
        vec![
            ("Abdourahamane Tiani".to_owned(), vec!["the junta".to_owned()], 1),
            ("Protesters".to_owned(), vec!["protesters".to_owned()], 1)
        ]
    );
    let places: i64 = sqlx::query_scalar("SELECT count(*) FROM places")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(places, 2);

    // Replaying everything, in another order and batching, changes no row.
    let before = snapshot(pool).await;
    sahel_writer::store::write(pool, &batch(&[&a2], &[&m2, &m1]))
        .await
        .unwrap();
    sahel_writer::store::write(pool, &b2).await.unwrap();
    sahel_writer::store::write(pool, &b1).await.unwrap();
    sahel_writer::store::write(pool, &batch(&[&a1], &[])).await.unwrap();
    assert_eq!(before, snapshot(pool).await, "a replay changed rows");

    // An older message for a mention (replayed after a newer one) does not undo it.
    let older = with(m2.clone(), "produced_at", json!("2024-03-21T08:59:00Z"));
    let older = with(older, "confidence", json!(0.1));
    sahel_writer::store::write(pool, &batch(&[], &[&older])).await.unwrap();
    assert_eq!(before, snapshot(pool).await, "an older message overwrote a newer one");

    // Dashboard views see the event.
    let (day, n): (chrono::NaiveDate, i32) =
        sqlx::query_as("SELECT day, num_events FROM events_daily_by_country WHERE country = 'NER'")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!((day.to_string().as_str(), n), ("2024-03-16", 1));
    let dyad: (String, String, i32, Vec<String>) =
        sqlx::query_as("SELECT actor1_name, actor2_name, num_conflictual, event_types FROM dyads")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(
        dyad,
        (
            "Protesters".into(),
            "Abdourahamane Tiani".into(),
            1,
            vec!["PROTEST".into()]
        )
    );
    let latest: (String, String, String) =
        sqlx::query_as("SELECT quote, article_title, source_name FROM latest_events LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(
        latest,
        (quote2.to_owned(), format!("Title of {A2}"), "paper".to_owned())
    );
    let evidence: i64 = sqlx::query_scalar("SELECT count(*) FROM event_evidence WHERE event_id = $1")
        .bind(E1)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(evidence, 2);
}

#[tokio::test]
async fn a_newer_extraction_replaces_an_articles_mentions_and_an_older_one_is_ignored() {
    let db = migrated().await;
    let pool = &db.pool;
    let old1 = mention(A1, E1, 0, "Protesters marched.", "2024-03-20T10:00:00Z", V1, 0.7);
    let old2 = mention(A1, E2, 30, "Protesters marched again.", "2024-03-20T10:00:01Z", V1, 0.7);
    let other = mention(A2, E1, 0, "Protesters marched too.", "2024-03-20T11:00:00Z", V1, 0.6);
    let old = batch(&[], &[&old1, &old2, &other]);
    sahel_writer::store::write(pool, &old).await.unwrap();
    assert_eq!(count(pool, "event_mentions").await, 3);
    assert_eq!(count(pool, "events").await, 2);

    // The new extractor codes A1 again: one mention, of E1 only, at another span.
    let new1 = mention(A1, E1, 5, "Protesters marched!", "2024-04-01T10:00:00Z", V2, 0.8);
    let w = sahel_writer::store::write(pool, &batch(&[], &[&new1])).await.unwrap();
    assert_eq!((w.mentions, w.mentions_superseded), (1, 2));
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT article_id, event_id, extractor_version FROM event_mentions ORDER BY 1, 2")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        vec![
            (A1.to_owned(), E1.to_owned(), V2.to_owned()),
            (A2.to_owned(), E1.to_owned(), V1.to_owned())
        ],
        "A1's old mentions are replaced, A2's untouched"
    );
    assert_eq!(count(pool, "events").await, 1, "E2 lost its only mention and is gone");
    let n: i32 = sqlx::query_scalar("SELECT num_mentions FROM events WHERE event_id = $1")
        .bind(E1)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(n, 2);

    // Replaying the old extraction (an old topic) brings nothing back and changes no row.
    let before = snapshot(pool).await;
    let w = sahel_writer::store::write(pool, &old).await.unwrap();
    assert_eq!(w.mentions_outdated, 2);
    assert_eq!(before, snapshot(pool).await);

    // Re-extraction request, then the current extractor finds nothing in A2: prune removes
    // its mentions, records it as empty, and a replay of its old mention stays ignored.
    sqlx::query("UPDATE article_extractions SET requested_at = now() WHERE article_id = $1")
        .bind(A2)
        .execute(pool)
        .await
        .unwrap();
    let (pruned, empty) = sahel_writer::replay::prune(pool, &[A2.to_owned()]).await.unwrap();
    assert_eq!((pruned, empty), (1, 1));
    let state: (Option<String>, Option<chrono::DateTime<chrono::Utc>>) =
        sqlx::query_as("SELECT extractor_version, requested_at FROM article_extractions WHERE article_id = $1")
            .bind(A2)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(state, (None, None));
    let n: i32 = sqlx::query_scalar("SELECT num_mentions FROM events WHERE event_id = $1")
        .bind(E1)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(n, 1, "the event is recomputed");
    let before = snapshot(pool).await;
    sahel_writer::store::write(pool, &old).await.unwrap();
    assert_eq!(before, snapshot(pool).await, "a replay resurrected pruned mentions");
}

async fn count(pool: &sqlx::PgPool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Inserts through the writer, expecting PostgreSQL to refuse with `code`.
async fn refused(pool: &sqlx::PgPool, m: &serde_json::Value, code: &str, what: &str) {
    let b = batch(&[], &[m]);
    match sahel_writer::store::write(pool, &b).await {
        Ok(_) => panic!("{what}: accepted"),
        Err(e) => match e.database() {
            sqlx::Error::Database(db) => {
                assert_eq!(db.code().as_deref(), Some(code), "{what}: {e}");
                assert!(
                    e.to_string().starts_with("stage `"),
                    "{what}: the error names its stage: {e}"
                );
            }
            _ => panic!("{what}: {e}"),
        },
    }
}

#[tokio::test]
async fn constraints_refuse_wrong_states() {
    let db = migrated().await;
    let pool = &db.pool;
    let ok = mention(A1, E1, 0, "Protesters marched.", "2024-03-20T10:00:00Z", V1, 0.7);
    // The quote must be the span it claims.
    let mut bad = ok.clone();
    bad["evidence"]["char_end"] = json!(3);
    refused(pool, &bad, "23514", "quote longer than its span").await;
    // Dates: end before start.
    let bad = with(
        ok.clone(),
        "date",
        json!({"start": "2024-03-16", "end": "2024-03-10", "precision": "day", "resolution": "stated"}),
    );
    refused(pool, &bad, "23514", "date ending before it starts").await;
    // Coordinates come in pairs.
    let mut bad = ok.clone();
    bad["place"]["longitude"] = json!(null);
    refused(pool, &bad, "23514", "latitude without longitude").await;
    // CAMEO root codes are 01..20.
    refused(
        pool,
        &with(ok.clone(), "cameo_root", json!("42")),
        "23514",
        "cameo root 42",
    )
    .await;
    // Country codes are upper-case codes.
    let mut bad = ok.clone();
    bad["actor1"]["country"] = json!("niger");
    refused(pool, &bad, "23514", "lower-case country").await;
    sahel_writer::store::write(pool, &batch(&[], &[&ok])).await.unwrap();
    // A mention's type is its event's type.
    let mut bad = with(ok.clone(), "event_type", json!("ASSAULT"));
    bad["id"] = json!(sahel_schemas::ids::mention_id(A1, 0, 0, "ASSAULT"));
    refused(pool, &bad, "23503", "mention of another type than its event").await;

    // Direct SQL: ids derived from content, articles that duplicate themselves.
    let e = sqlx::query("INSERT INTO actors (actor_id, name) VALUES ('act_x', 'Someone')")
        .execute(pool)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("actors_id_is_derived"), "{e}");
    sqlx::query("INSERT INTO sources (name, kind) VALUES ('wire', 'file')")
        .execute(pool)
        .await
        .unwrap();
    let e = sqlx::query(
        "INSERT INTO articles (article_id, document_id, source_name, url_or_path, language, language_confidence,
             word_count, text_sha256, dedup_verdict, duplicate_of, fetched_at, normalizer_version)
         VALUES ($1, 'doc_1', 'wire', '/x', 'en', 1, 0, repeat('0', 64), 'exact_duplicate', $1, now(), 'x')",
    )
    .bind(A1)
    .execute(pool)
    .await
    .unwrap_err();
    assert!(e.to_string().contains("articles_not_own_duplicate"), "{e}");
    let e = sqlx::query("UPDATE event_mentions SET extractor_version = 'other'")
        .execute(pool)
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("not of its article's current extraction"),
        "a mention outside its article's current extraction: {e}"
    );
    let e = sqlx::query("UPDATE article_extractions SET extractor_version = 'other'")
        .execute(pool)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("mentions of another one remain"), "{e}");
    let e = sqlx::query("UPDATE event_mentions SET actor1_name = 'Someone else'")
        .execute(pool)
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("actor1 is not in actors with these values"),
        "{e}"
    );
    let e = sqlx::query("UPDATE event_mentions SET place_id = NULL")
        .execute(pool)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("its place is not in places"), "{e}");
    let e = sqlx::query("DELETE FROM actors").execute(pool).await.unwrap_err();
    assert!(e.to_string().contains("still referenced"), "{e}");
    let e = sqlx::query("DELETE FROM events").execute(pool).await.unwrap_err();
    assert!(e.to_string().contains("still has mentions"), "{e}");
    let e = sqlx::query("UPDATE events SET event_type = 'ASSAULT'")
        .execute(pool)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("never changes"), "{e}");
}

#[tokio::test]
async fn a_poison_message_is_isolated_and_the_rest_of_the_batch_written() {
    let db = migrated().await;
    let good1 = mention(A1, E1, 0, "Protesters marched.", "2024-03-20T10:00:00Z", V1, 0.7);
    let mut poison = mention(A1, E2, 40, "Protesters marched again.", "2024-03-20T10:00:00Z", V1, 0.7);
    poison["evidence"]["char_end"] = json!(41);
    let good2 = mention(A2, E2, 0, "Protesters marched too.", "2024-03-20T10:00:00Z", V1, 0.7);
    let msgs = vec![
        incoming("e", 0, &good1),
        incoming("e", 1, &poison),
        incoming("e", 2, &good2),
    ];
    let (b, rejected) = sahel_writer::rows::Batch::from_messages(&msgs, "c", "e");
    let mut registry = sahel_runtime::metrics::new_registry();
    let metrics = sahel_runtime::metrics::PipelineMetrics::register("writer", &mut registry);
    let (outcome, wrote) = sahel_writer::store::write_isolating(&db.pool, &Default::default(), &b, rejected, &metrics)
        .await
        .unwrap();
    assert!(wrote);
    let rejected: Vec<(usize, &str)> = outcome.rejected.iter().map(|(i, r)| (*i, r.kind)).collect();
    assert_eq!(rejected, vec![(1, "rejected_by_database")]);
    let reason = &outcome.rejected[0].1.message;
    assert!(reason.contains("event_mentions_quote_is_span"), "{reason}");
    // The reason names the statement that refused the message.
    assert!(reason.starts_with("stage `upsert mentions` failed: "), "{reason}");
    assert_eq!(count(&db.pool, "event_mentions").await, 2);
}

#[tokio::test]
async fn the_dashboard_role_reads_the_views_only_and_the_writer_owns_the_tables() {
    let db = migrated().await;
    let pool = &db.pool;
    let m = mention(A1, E1, 0, "Protesters marched.", "2024-03-20T10:00:00Z", V1, 0.7);
    sahel_writer::store::write(
        pool,
        &batch(
            &[&article(A1, "wire", "Protesters marched.", "2024-03-20T09:00:00Z")],
            &[&m],
        ),
    )
    .await
    .unwrap();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT tablename::text, tableowner::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let me: String = sqlx::query_scalar("SELECT current_user::text")
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(tables.len() >= 10, "{tables:?}");
    for (t, owner) in &tables {
        assert_eq!(owner, &me, "{t} is owned by the migrating (writer) role");
    }
    let views: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.role_table_grants
         WHERE grantee = 'sahel_dashboard' AND privilege_type = 'SELECT' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        views,
        [
            "actor_activity",
            "article_duplicates",
            "articles_export",
            "dyads",
            "event_evidence",
            "event_merges",
            "event_resolution",
            "events_daily_by_actor",
            "events_daily_by_country",
            "events_daily_by_type",
            "events_export",
            "latest_events"
        ]
    );

    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("SET ROLE sahel_dashboard")
        .execute(&mut *conn)
        .await
        .unwrap();
    for v in &views {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {v}"))
            .fetch_one(&mut *conn)
            .await
            .unwrap_or_else(|e| panic!("dashboard cannot read {v}: {e}"));
        assert!(n >= 0);
    }
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM events_export")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(n, 1);
    for (t, _) in &tables {
        let e = sqlx::query(&format!("SELECT 1 FROM {t} LIMIT 1"))
            .execute(&mut *conn)
            .await
            .expect_err("the dashboard role must not read tables");
        match e {
            sqlx::Error::Database(d) => assert_eq!(d.code().as_deref(), Some("42501"), "{t}: {d}"),
            other => panic!("{t}: {other}"),
        }
    }
    let e = sqlx::query("SELECT refresh_events('{}')")
        .execute(&mut *conn)
        .await
        .expect_err("nor run the writer's functions");
    assert!(e.to_string().contains("permission denied"), "{e}");
    sqlx::query("RESET ROLE").execute(&mut *conn).await.unwrap();
}

#[tokio::test]
async fn events_export_keeps_the_contract_columns_in_order() {
    let db = migrated().await;
    let cols: Vec<String> = sqlx::query_scalar(
        "SELECT column_name::text FROM information_schema.columns
         WHERE table_name = 'events_export' ORDER BY ordinal_position",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let contract = [
        "event_id",
        "event_type",
        "event_mode",
        "cameo_root",
        "quad_class",
        "actor1_name",
        "actor1_country",
        "actor1_sector",
        "actor2_name",
        "actor2_country",
        "actor2_sector",
        "event_date",
        "date_precision",
        "place_name",
        "place_country",
        "latitude",
        "longitude",
        "num_mentions",
        "num_articles",
        "num_sources",
        "confidence",
        "first_seen",
        "last_seen",
        "article_ids",
        "source_names",
        "evidence",
    ];
    assert_eq!(&cols[..contract.len()], contract);
    let types: Vec<(String, String)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text FROM information_schema.columns
         WHERE table_name = 'events_export' AND column_name IN ('article_ids', 'source_names', 'evidence', 'num_mentions')
         ORDER BY 1",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(
        types,
        [
            ("article_ids".to_owned(), "ARRAY".to_owned()),
            ("evidence".to_owned(), "text".to_owned()),
            ("num_mentions".to_owned(), "integer".to_owned()),
            ("source_names".to_owned(), "ARRAY".to_owned())
        ]
    );
}

#[tokio::test]
async fn the_migration_upgrades_a_database_holding_data_of_the_initial_schema() {
    let pg = sahel_e2e::Postgres::start().unwrap();
    let url = pg.fresh_database(&sahel_e2e::unique("w_")).await.unwrap();
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let all = &sahel_runtime::db::MIGRATOR;
    let first = sqlx::migrate::Migrator {
        migrations: std::borrow::Cow::Owned(all.iter().take(1).cloned().collect()),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    first.run(&pool).await.unwrap();
    // Rows as the writer of the initial schema wrote them.
    sqlx::raw_sql(
        "INSERT INTO sources VALUES ('seeds', 'file', now());
         INSERT INTO articles (article_id, document_id, source_name, url_or_path, language, language_confidence,
             main_text, word_count, text_sha256, dedup_verdict, fetched_at, normalizer_version)
         VALUES ('art_1', 'doc_1', 'seeds', '/a.txt', 'en', 0.9, 'Protesters gathered in Niamey.', 4,
                 repeat('a', 64), 'unique', '2024-03-17T08:00:00Z', '0.1.0');
         INSERT INTO events (event_id, event_type, cameo_root, quad_class) VALUES ('evt_1', 'PROTEST', '14', 3);
         INSERT INTO event_mentions (mention_id, event_id, article_id, event_type, event_mode, cameo_root, quad_class,
             actor1_text, actor1_name, actor1_sector, place_name, place_country, latitude, longitude, gazetteer_id,
             place_precision, sentence_index, char_start, char_end, quote, quote_language, modality, confidence,
             extractor_version)
         VALUES ('men_1', 'evt_1', 'art_1', 'PROTEST', 'demonstrate', '14', 3, 'Protesters', 'Protesters', 'civilians',
                 'Niamey', 'NER', 13.51, 2.11, 'sahel:niamey', 'city', 0, 0, 30, 'Protesters gathered in Niamey.',
                 'en', 'asserted', 0.9, '0.1.0+lexicon.0.1.0');
         SELECT refresh_events(ARRAY['evt_1']);",
    )
    .execute(&pool)
    .await
    .unwrap();
    sahel_runtime::db::migrate(&pool).await.unwrap();
    let r = sqlx::query(
        "SELECT e.num_mentions, e.num_sources, e.actor1_id, e.place_id, s.extractor_version, m.extracted_at::text AS x
         FROM events e JOIN event_mentions m USING (event_id) JOIN article_extractions s ON s.article_id = m.article_id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(r.get::<i32, _>("num_mentions"), 1);
    assert_eq!(r.get::<i32, _>("num_sources"), 1);
    assert_eq!(
        r.get::<String, _>("actor1_id"),
        sahel_writer::rows::actor_id("Protesters", None, Some("civilians"))
    );
    assert!(r.get::<String, _>("place_id").starts_with("plc_"));
    assert_eq!(r.get::<String, _>("extractor_version"), "0.1.0+lexicon.0.1.0");
    assert_eq!(r.get::<String, _>("x"), "2024-03-17 08:00:00+00");
}

#[tokio::test]
async fn the_writer_refuses_a_schema_newer_than_it_knows() {
    let db = migrated().await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (9999, 'from the future', true, '\\x00', 0)",
    )
    .execute(&db.pool)
    .await
    .unwrap();
    let before = snapshot(&db.pool).await;
    let cfg = <sahel_writer::Config as clap::Parser>::parse_from([
        "writer",
        "--database-url",
        &db.url,
        "--kafka-brokers",
        "127.0.0.1:1",
        "--http-addr",
        "127.0.0.1:0",
    ]);
    let err = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        sahel_writer::run(cfg, std::future::pending()),
    )
    .await
    .expect("refuses promptly")
    .expect_err("must refuse");
    let msg = format!("{err:#}");
    assert!(msg.contains("newer than this build") && msg.contains("9999"), "{msg}");
    assert_eq!(before, snapshot(&db.pool).await);
}

#[tokio::test]
async fn every_dashboard_query_runs_as_the_dashboard_role_and_finds_the_events() {
    let db = migrated().await;
    let pool = &db.pool;
    let m = mention(A1, E1, 0, "Protesters marched.", "2024-03-20T10:00:00Z", V1, 0.7);
    let a = article(A1, "wire", "Protesters marched.", "2024-03-20T09:00:00Z");
    sahel_writer::store::write(pool, &batch(&[&a], &[&m])).await.unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/grafana/dashboards");
    let mut queries = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let dash: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for panel in dash["panels"].as_array().unwrap() {
                for t in panel["targets"].as_array().into_iter().flatten() {
                    let sql = t["rawSql"].as_str().unwrap().to_owned();
                    queries.push((panel["title"].as_str().unwrap_or("?").to_owned(), sql));
                }
            }
        }
    }
    assert!(queries.len() >= 6, "{queries:?}");
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("SET ROLE sahel_dashboard")
        .execute(&mut *conn)
        .await
        .unwrap();
    for (title, sql) in queries {
        // Grafana's time macros, over a range holding the event.
        let sql = sql
            .replace("$__timeFrom()", "'2000-01-01T00:00:00Z'::timestamptz")
            .replace("$__timeTo()", "'2100-01-01T00:00:00Z'::timestamptz");
        let rows = sqlx::query(&sql)
            .fetch_all(&mut *conn)
            .await
            .unwrap_or_else(|e| panic!("{title}: {e}\n{sql}"));
        assert!(!rows.is_empty(), "{title} finds nothing:\n{sql}");
    }
    sqlx::query("RESET ROLE").execute(&mut *conn).await.unwrap();
}

/// Merging new mentions into stored events (the writer's fast path) must give exactly what a
/// full recompute from all mentions gives, whatever the batching and arrival order: ties,
/// dates of every precision and resolution, places with and without coordinates, articles
/// arriving before and after their mentions.
#[tokio::test]
async fn incremental_merges_equal_a_full_recompute_whatever_the_batching() {
    // Databases whose collation sorts text unlike its bytes (the writer sends sets sorted by
    // bytes; it must sort them as the database does), with source names that tell the two apart.
    let pg = sahel_e2e::Postgres::start().unwrap();
    let icu = || async {
        let url = pg.fresh_icu_database(&sahel_e2e::unique("w_")).await.unwrap();
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        sahel_runtime::db::migrate(&pool).await.unwrap();
        pool
    };
    let (merged, one_batch) = (icu().await, icu().await);

    let mut seed: u64 = 0x5EED_1234;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let dates = [
        json!(null),
        json!({"start": "2024-03-16", "end": "2024-03-16", "precision": "day", "resolution": "stated"}),
        json!({"start": "2024-03-17", "end": "2024-03-17", "precision": "day", "resolution": "relative_to_publication"}),
        json!({"start": "2024-03-15", "end": "2024-03-16", "precision": "day", "resolution": "inferred"}),
        json!({"start": "2024-03-01", "end": "2024-03-31", "precision": "month", "resolution": "stated"}),
        json!({"start": "2024-01-01", "end": "2024-12-31", "precision": "year", "resolution": "relative_to_text"}),
        // Same precision and resolution as others, another width: the narrower range wins.
        json!({"start": "2024-03-14", "end": "2024-03-16", "precision": "day", "resolution": "stated"}),
        json!({"start": "2024-02-01", "end": "2024-02-29", "precision": "month", "resolution": "stated"}),
    ];
    let places = [
        json!(null),
        json!({"name": "Niger", "country": "NER", "admin1": null, "latitude": 17.61, "longitude": 8.08,
               "gazetteer_id": "sahel:country:NER", "precision": "country"}),
        json!({"name": "Niamey", "country": "NER", "admin1": "Niamey", "latitude": 13.5137, "longitude": 2.1098,
               "gazetteer_id": "sahel:niamey", "precision": "city"}),
        json!({"name": "Agadez", "country": "NER", "admin1": null, "latitude": null, "longitude": null,
               "gazetteer_id": null, "precision": "city"}),
    ];
    let modalities = [
        "asserted",
        "reported",
        "planned",
        "background",
        "hypothetical",
        "negated",
    ];
    let events: Vec<String> = (1..=6).map(|i| format!("evt_{i:032}")).collect();
    let articles: Vec<String> = (1..=12).map(|i| format!("art_{i:032}")).collect();
    let sources = ["Wire", "paper", "radio"];
    let mut arts: Vec<Value> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let source = sources[i % sources.len()];
        arts.push(article(
            a,
            source,
            "Protests were reported.",
            &format!("2024-03-{:02}T08:00:00Z", 10 + i),
        ));
    }
    let mut mentions: Vec<Value> = Vec::new();
    for k in 0..90u32 {
        let a = &articles[next(articles.len() as u64) as usize];
        let e = &events[next(events.len() as u64) as usize];
        // Few distinct confidences, so ranks tie and the mention id decides.
        let confidence = [0.5, 0.7, 0.9][next(3) as usize];
        let mut m = mention(
            a,
            e,
            k * 40,
            "Protests were reported.",
            "2024-03-20T10:00:00Z",
            V1,
            confidence,
        );
        m["date"] = dates[next(dates.len() as u64) as usize].clone();
        m["place"] = places[next(places.len() as u64) as usize].clone();
        m["modality"] = json!(modalities[next(modalities.len() as u64) as usize]);
        mentions.push(m);
    }
    // Half the articles first; then the other half shuffled among mentions (so some arrive
    // after their mentions, and their events are recomputed); then mentions only, merged
    // into the stored events.
    let mut middle: Vec<Value> = arts[6..].iter().chain(&mentions[..45]).cloned().collect();
    for i in (1..middle.len()).rev() {
        middle.swap(i, next(i as u64 + 1) as usize);
    }
    let msgs: Vec<Value> = arts[..6]
        .iter()
        .chain(&middle)
        .chain(&mentions[45..])
        .cloned()
        .collect();
    let split = |msgs: &[Value]| -> (Vec<Value>, Vec<Value>) {
        msgs.iter()
            .cloned()
            .partition(|m| m["schema"]["name"] == "articles.clean")
    };
    let mut rest = &msgs[..];
    let mut batches = 0;
    while !rest.is_empty() {
        let n = (1 + next(9) as usize).min(rest.len());
        let (a, m) = split(&rest[..n]);
        let w = sahel_writer::store::write(
            &merged,
            &batch(&a.iter().collect::<Vec<_>>(), &m.iter().collect::<Vec<_>>()),
        )
        .await
        .unwrap();
        assert_eq!(w.mentions as usize, m.len());
        rest = &rest[n..];
        batches += 1;
    }
    assert!(batches > 10, "{batches} batches");
    let (a, m) = split(&msgs);
    sahel_writer::store::write(
        &one_batch,
        &batch(&a.iter().collect::<Vec<_>>(), &m.iter().collect::<Vec<_>>()),
    )
    .await
    .unwrap();

    let events_of = |pool: sqlx::PgPool| async move {
        sqlx::query_scalar::<_, String>("SELECT e::text FROM events e ORDER BY event_id")
            .fetch_all(&pool)
            .await
            .unwrap()
    };
    let events = events_of(merged.clone()).await;
    assert!(events.len() >= 5, "{events:?}");
    assert!(
        events.iter().any(|e| e.contains("{paper,radio,Wire}")),
        "source sets sorted as the database sorts: {events:?}"
    );
    assert_eq!(events, events_of(one_batch.clone()).await, "batching changes nothing");
    // A full recompute from all mentions writes no row: the merges left exactly its result.
    assert_a_recompute_changes_nothing(&merged, "a full recompute changed merged events").await;
}

/// Two writers (two connections) write overlapping batches at the same time: the same new
/// articles, some of the same mentions. Mentions of an article whose extraction a batch creates
/// are inserted without a conflict check; that is only sound if no other transaction can hold
/// them, so a race must neither fail, nor duplicate, nor count a mention twice.
#[tokio::test]
async fn two_writers_racing_on_the_same_new_articles_lose_and_duplicate_nothing() {
    let db = migrated().await;
    let other = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&db.url)
        .await
        .unwrap();
    async fn write_retrying(pool: &sqlx::PgPool, b: &sahel_writer::rows::Batch) -> u64 {
        for _ in 0..20 {
            match sahel_writer::store::write(pool, b).await {
                Ok(w) => return w.mentions,
                Err(e) if sahel_runtime::db::is_retriable(e.database()) => continue,
                Err(e) => panic!("a racing write failed: {e}"),
            }
        }
        panic!("a racing write kept failing with retriable errors");
    }
    let mut expected = 0usize;
    for round in 0..12u32 {
        let arts: Vec<String> = (0..3).map(|i| format!("art_{:032}", 1000 + round * 3 + i)).collect();
        let evts: Vec<String> = (0..2).map(|i| format!("evt_{:032}", 1000 + round * 2 + i)).collect();
        let mentions: Vec<Value> = (0..9u32)
            .map(|k| {
                let quote = format!("Protesters marched, report {k}.");
                mention(
                    &arts[(k % 3) as usize],
                    &evts[(k % 2) as usize],
                    k * 40,
                    &quote,
                    "2024-03-20T10:00:00Z",
                    V1,
                    0.5 + f64::from(k) / 20.0,
                )
            })
            .collect();
        expected += mentions.len();
        // One writer has them all, the other every other one (so both claim the same articles),
        // in an order that alternates between rounds.
        let all: Vec<&Value> = mentions.iter().collect();
        let some: Vec<&Value> = mentions.iter().step_by(2).collect();
        let (b1, b2) = (batch(&[], &all), batch(&[], &some));
        let (first, second) = if round % 2 == 0 {
            (&db.pool, &other)
        } else {
            (&other, &db.pool)
        };
        let (n1, n2) = tokio::join!(write_retrying(first, &b1), write_retrying(second, &b2));
        assert!(n1 as usize <= all.len() && n2 as usize <= some.len(), "{n1} {n2}");
    }
    let (stored, counted): (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM event_mentions), (SELECT sum(num_mentions) FROM events)")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!(stored as usize, expected, "every mention stored once");
    assert_eq!(counted as usize, expected, "every mention counted once by its event");
    // The events are exactly what a full recompute from their mentions gives.
    assert_a_recompute_changes_nothing(&db.pool, "racing merges left events a recompute would change").await;
}

/// Events, mentions, extractions and articles as text, without row versions or write times:
/// equal in two databases when both hold the same data.
async fn contents(pool: &sqlx::PgPool) -> Vec<String> {
    let mut rows = Vec::new();
    for q in [
        "SELECT row_to_json(x)::text FROM (SELECT event_id, num_mentions, num_articles, num_sources, first_seen, \
         last_seen, article_ids, source_names, modality, confidence, evidence, evidence_mention_id, date_start, \
         date_end, place_id, actor1_id, actor2_id FROM events ORDER BY event_id) x",
        "SELECT row_to_json(x)::text FROM (SELECT mention_id, event_id, article_id, extractor_version, confidence \
         FROM event_mentions ORDER BY mention_id) x",
        "SELECT row_to_json(x)::text FROM (SELECT article_id, extractor_version FROM article_extractions ORDER BY 1) x",
        "SELECT row_to_json(x)::text FROM (SELECT article_id, source_name, title FROM articles ORDER BY 1) x",
    ] {
        rows.extend(sqlx::query_scalar::<_, String>(q).fetch_all(pool).await.unwrap());
    }
    rows
}

#[tokio::test]
async fn batches_written_concurrently_store_what_batches_written_one_at_a_time_store() {
    use futures::stream::{FuturesOrdered, StreamExt as _};
    use sahel_writer::store::{write_batch, InFlight};

    // A stream of batches whose neighbours share events, articles and the articles' source:
    // mention n is of article n / 4 and event n / 5, six to a batch; each batch also brings
    // the clean articles whose mentions the batch before it had, and the fourth a newer
    // extraction of an article of the third.
    let art = |n: u32| format!("art_{:032}", 500 + n / 4);
    let evt = |n: u32| format!("evt_{:032}", 500 + n / 5);
    let mut batches = Vec::new();
    for b in 0..8u32 {
        let mut mentions: Vec<Value> = (b * 6..b * 6 + 6)
            .map(|n| {
                let quote = format!("Protesters marched in Niamey, report {n}.");
                mention(
                    &art(n),
                    &evt(n),
                    n * 10,
                    &quote,
                    "2024-03-20T10:00:00Z",
                    V1,
                    0.5 + f64::from(n % 9) / 20.0,
                )
            })
            .collect();
        if b == 4 {
            let n = 3 * 6 + 1;
            mentions.push(mention(
                &art(n),
                &evt(n),
                n * 10 + 3,
                "Protesters marched again.",
                "2024-03-21T10:00:00Z",
                V2,
                0.9,
            ));
        }
        let articles: Vec<Value> = if b == 0 {
            Vec::new()
        } else {
            let mut ids: Vec<String> = ((b - 1) * 6..b * 6).map(art).collect();
            ids.dedup();
            ids.iter()
                .map(|id| article(id, "rfi", "Protesters marched in Niamey.", "2024-03-20T09:00:00Z"))
                .collect()
        };
        batches.push(batch(
            &articles.iter().collect::<Vec<_>>(),
            &mentions.iter().collect::<Vec<_>>(),
        ));
    }
    // Each batch shares rows with the one before it, so written concurrently it has rows to
    // write last.
    for pair in batches.windows(2) {
        let earlier = pair[0].keys();
        let (first, last) = pair[1].split(&[&earlier]);
        assert!(!first.mentions.is_empty() && !last.mentions.is_empty() && !last.articles.is_empty());
    }

    let one_at_a_time = migrated().await;
    for b in &batches {
        sahel_writer::store::write(&one_at_a_time.pool, b).await.unwrap();
    }

    let url = one_at_a_time.pg.fresh_database(&sahel_e2e::unique("w_")).await.unwrap();
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(3)
        .connect(&url)
        .await
        .unwrap();
    sahel_runtime::db::migrate(&pool).await.unwrap();
    let in_flight = InFlight::default();
    // As the service's loop: up to three batches at once, each retried while PostgreSQL says
    // a retry may pass (two transactions inserting the same new actor can deadlock).
    async fn write(pool: &sqlx::PgPool, in_flight: &InFlight, b: &sahel_writer::rows::Batch) -> u64 {
        for _ in 0..20 {
            match write_batch(pool, in_flight, b).await {
                Ok(w) => return w.mentions,
                Err(e) if sahel_runtime::db::is_retriable(e.database()) => continue,
                Err(e) => panic!("a concurrent write failed: {e}"),
            }
        }
        panic!("a concurrent write kept failing with retriable errors");
    }
    let mut writing = FuturesOrdered::new();
    let mut mentions = 0;
    for b in &batches {
        if writing.len() == 3 {
            mentions += writing.next().await.unwrap_or(0);
        }
        writing.push_back(write(&pool, &in_flight, b));
    }
    while let Some(n) = writing.next().await {
        mentions += n;
    }
    assert!(mentions >= 48, "{mentions} mentions written");
    let expected = contents(&one_at_a_time.pool).await;
    assert!(
        expected.iter().any(|r| r.contains(V2)),
        "the newer extraction is stored"
    );
    let got = contents(&pool).await;
    let only_concurrent: Vec<&String> = got.iter().filter(|r| !expected.contains(r)).collect();
    let only_one_at_a_time: Vec<&String> = expected.iter().filter(|r| !got.contains(r)).collect();
    assert!(
        only_concurrent.is_empty() && only_one_at_a_time.is_empty() && got.len() == expected.len(),
        "concurrent batches stored other rows than one at a time: {only_concurrent:#?} instead of {only_one_at_a_time:#?}"
    );
    assert_a_recompute_changes_nothing(&pool, "concurrent merges left events a recompute would change").await;
}

/// The article's title and normalization time, and whether the time is at most the database's
/// clock plus a microsecond (the bound of a message from a broken clock).
async fn article_state(pool: &sqlx::PgPool, id: &str) -> (String, bool) {
    sqlx::query_as(
        "SELECT title, normalized_at <= now() + interval '1 microsecond' FROM articles WHERE article_id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Producers whose clocks are far ahead of the database's: their messages count as produced
/// now, so a later message from a sound clock still replaces them, and one of them never
/// replaces a row a sound clock wrote; replaying both changes nothing.
#[tokio::test]
async fn a_message_from_a_clock_far_ahead_never_wins_for_ever() {
    let db = migrated().await;
    let pool = &db.pool;
    let iso = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let from = |produced: &str, title: &str| {
        let mut a = article(A1, "wire", "Protesters marched.", "2024-03-20T09:00:00Z");
        a["produced_at"] = json!(produced);
        a["title"] = json!(title);
        a
    };
    // A normalizer whose clock says 2099.
    let ahead = from("2099-01-01T00:00:00Z", "from the future");
    sahel_writer::store::write(pool, &batch(&[&ahead], &[])).await.unwrap();
    assert_eq!(
        article_state(pool, A1).await,
        ("from the future".to_owned(), true),
        "stored, its time bounded by the database's clock"
    );
    // A sound normalizer re-normalizes the article later: it wins.
    let sound = from(&iso(chrono::Utc::now()), "sound");
    sahel_writer::store::write(pool, &batch(&[&sound], &[])).await.unwrap();
    assert_eq!(
        article_state(pool, A1).await.0,
        "sound",
        "the far-future message won for ever"
    );
    // The clock far ahead again: it replaces nothing a sound clock wrote.
    let again = from("2099-06-01T00:00:00Z", "from the future again");
    sahel_writer::store::write(pool, &batch(&[&again], &[])).await.unwrap();
    assert_eq!(article_state(pool, A1).await.0, "sound");
    // Replaying all three, in order, changes no row.
    let before = snapshot(pool).await;
    for a in [&ahead, &sound, &again] {
        sahel_writer::store::write(pool, &batch(&[a], &[])).await.unwrap();
    }
    assert_eq!(before, snapshot(pool).await, "a replay of skewed messages changed rows");

    // Extractions: version 1 from a clock in 2099, then version 2 from a sound clock, which
    // replaces it; then version 1 again from the broken clock, which is ignored.
    let v1 = mention(A2, E1, 0, "Protesters marched.", "2099-01-01T00:00:00Z", V1, 0.7);
    sahel_writer::store::write(pool, &batch(&[], &[&v1])).await.unwrap();
    let v2 = mention(A2, E1, 5, "Protesters marched!", &iso(chrono::Utc::now()), V2, 0.8);
    let w = sahel_writer::store::write(pool, &batch(&[], &[&v2])).await.unwrap();
    assert_eq!(
        (w.mentions, w.mentions_superseded),
        (1, 1),
        "the newer extraction replaced the skewed one"
    );
    let v1_again = mention(A2, E1, 0, "Protesters marched.", "2099-06-01T00:00:00Z", V1, 0.7);
    let w = sahel_writer::store::write(pool, &batch(&[], &[&v1_again]))
        .await
        .unwrap();
    assert_eq!(w.mentions_outdated, 1);
    let versions: Vec<String> =
        sqlx::query_scalar("SELECT extractor_version FROM event_mentions WHERE article_id = $1")
            .bind(A2)
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(versions, vec![V2.to_owned()]);
    assert_a_recompute_changes_nothing(pool, "events after skewed extractions").await;
}

/// An extractor whose clock is an hour behind the database's re-extracts a replayed article:
/// its mentions (produced, by its clock, before the request) fulfil the request all the same,
/// and the prune that ends the replay keeps them.
#[tokio::test]
async fn a_re_extraction_from_a_clock_behind_is_not_pruned() {
    let db = migrated().await;
    let pool = &db.pool;
    let old = mention(A1, E1, 0, "Protesters marched.", "2024-03-20T10:00:00Z", V1, 0.7);
    sahel_writer::store::write(pool, &batch(&[], &[&old])).await.unwrap();
    sahel_writer::replay::record_requests(pool, &[A1.to_owned()])
        .await
        .unwrap();
    let behind = (chrono::Utc::now() - chrono::TimeDelta::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let new = mention(A1, E1, 5, "Protesters marched!", &behind, V2, 0.8);
    let w = sahel_writer::store::write(pool, &batch(&[], &[&new])).await.unwrap();
    assert_eq!((w.mentions, w.mentions_superseded), (1, 1));
    let pending: i64 = sqlx::query_scalar("SELECT count(*) FROM article_extractions WHERE requested_at IS NOT NULL")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(pending, 0, "the re-extraction fulfilled the request");
    let (pruned, empty) = sahel_writer::replay::prune(pool, &[A1.to_owned()]).await.unwrap();
    assert_eq!((pruned, empty), (0, 0), "the re-extraction was pruned");
    assert_eq!(count(pool, "event_mentions").await, 1);
    // A same-version re-extraction (nothing new found) fulfils a request too.
    sahel_writer::replay::record_requests(pool, &[A1.to_owned()])
        .await
        .unwrap();
    sahel_writer::store::write(pool, &batch(&[], &[&new])).await.unwrap();
    let (pruned, empty) = sahel_writer::replay::prune(pool, &[A1.to_owned()]).await.unwrap();
    assert_eq!((pruned, empty), (0, 0));
}
