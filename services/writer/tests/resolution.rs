//! Event resolution against a real PostgreSQL: reports of one event from different articles
//! join it, near misses stay apart, a replay keeps every link, two transactions resolving
//! reports of one event at once still make one event, and two events that a later report
//! shows to be one are merged, the absorbed id leading to the kept one, whichever of their
//! batches commits first.

mod common;

use sahel_schemas::EventMention;
use sahel_writer::resolution::{facts_of, reports_of, resolve, resolve_rows, Resolved};
use serde_json::{json, Value};

/// A PROTEST mention in `article` with the extractor's proposed id `proposed`, in `town` on
/// `day` (or undated when `None`), published on 2024-03-16.
fn protest(article: &str, proposed: &str, town: &str, day: Option<&str>) -> EventMention {
    let mut v: Value = common::mention(
        article,
        proposed,
        0,
        "Thousands marched",
        "2024-03-16T10:00:00Z",
        "1",
        0.8,
    );
    v["place"] = json!({"name": town, "country": "NER", "admin1": null, "latitude": null, "longitude": null,
                        "gazetteer_id": null, "precision": "city"});
    v["date"] = match day {
        Some(d) => json!({"start": d, "end": d, "precision": "day", "resolution": "stated"}),
        None => Value::Null,
    };
    v["modality"] = json!("asserted");
    v["reference_date"] = json!({"date": "2024-03-16", "source": "published"});
    serde_json::from_value(v).expect("a valid mention")
}

async fn resolve_all(pool: &sqlx::PgPool, mentions: &[EventMention]) -> (Vec<String>, Resolved) {
    let (reports, of) = reports_of(
        mentions
            .iter()
            .map(|m| (m.article_id.as_str(), m.event_id.as_str(), facts_of(m))),
    );
    let mut tx = pool.begin().await.expect("begin");
    let (ids, stats) = resolve(&mut tx, &reports).await.expect("resolve");
    tx.commit().await.expect("commit");
    (of.iter().map(|&i| ids[i].clone()).collect(), stats)
}

#[tokio::test]
async fn reports_of_one_event_join_and_near_misses_stay_apart() {
    let db = common::migrated().await;
    let first = [protest("art_a", "evt_a", "Niamey", Some("2024-03-15"))];
    let (a, s) = resolve_all(&db.pool, &first).await;
    assert_eq!(s.started, 1);
    assert_eq!(a[0], "evt_a", "a new event keeps the extractor's proposed id");

    let later = [
        // Same march, another article, another proposed id.
        protest("art_b", "evt_b", "Niamey", Some("2024-03-15")),
        // Undated, in the weeks before its article: joins.
        protest("art_c", "evt_c", "Niamey", None),
        // Same day, another town: another event.
        protest("art_d", "evt_d", "Zinder", Some("2024-03-15")),
        // Same town, three months later: another event.
        protest("art_e", "evt_e", "Niamey", Some("2024-06-20")),
    ];
    let (ids, s) = resolve_all(&db.pool, &later).await;
    assert_eq!(ids[0], "evt_a");
    assert_eq!(ids[1], "evt_a");
    assert_eq!(ids[2], "evt_d");
    assert_eq!(ids[3], "evt_e");
    assert_eq!((s.joined, s.started), (2, 2));

    let (agreed,): (Value,) =
        sqlx::query_as("SELECT agreed FROM event_resolution WHERE article_id = 'art_b' AND event_id = 'evt_a'")
            .fetch_one(&db.pool)
            .await
            .expect("the link is recorded");
    let hows: Vec<&str> = agreed
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|a| a["how"].as_str())
        .collect();
    assert!(hows.contains(&"same day") && hows.contains(&"same place"), "{agreed}");

    // A replay (or a retried batch) keeps every link.
    let (again, s) = resolve_all(&db.pool, &later).await;
    assert_eq!(again, ids);
    assert_eq!(s.known, 4);
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM event_facts")
        .fetch_one(&db.pool)
        .await
        .expect("count");
    assert_eq!(n, 3);
}

#[tokio::test]
async fn a_proposed_id_taken_by_another_event_gets_a_new_one() {
    let db = common::migrated().await;
    let (a, _) = resolve_all(&db.pool, &[protest("art_a", "evt_x", "Niamey", Some("2024-03-15"))]).await;
    let (b, _) = resolve_all(&db.pool, &[protest("art_b", "evt_x", "Zinder", Some("2024-03-15"))]).await;
    assert_eq!(a[0], "evt_x");
    assert_ne!(b[0], "evt_x");
    assert!(b[0].starts_with("evt_"));
}

#[tokio::test]
async fn two_transactions_resolving_one_event_at_once_make_one_event() {
    let db = common::migrated().await;
    let mut t1 = db.pool.begin().await.expect("begin");
    let mut t2 = db.pool.begin().await.expect("begin");
    let report = |m: EventMention| reports_of([(m.article_id.as_str(), m.event_id.as_str(), facts_of(&m))]).0;
    let r1 = report(protest("art_a", "evt_a", "Niamey", Some("2024-03-15")));
    let r2 = report(protest("art_b", "evt_b", "Niamey", Some("2024-03-15")));
    let (ids1, _) = resolve(&mut t1, &r1).await.expect("first");
    // The second waits for the first's lock; commit the first meanwhile.
    let second = tokio::spawn(async move {
        let out = resolve(&mut t2, &r2).await.expect("second");
        t2.commit().await.expect("commit");
        out
    });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(!second.is_finished(), "the second transaction waits for the first");
    t1.commit().await.expect("commit");
    let (ids2, s2) = second.await.expect("join");
    assert_eq!(ids2, ids1);
    assert_eq!(s2.joined, 1);
}

/// A protest in `article` (proposed id `proposed`): in `town` or nowhere, on `day` or
/// undated, with no target.
fn march(article: &str, proposed: &str, town: Option<&str>, day: Option<&str>) -> Value {
    let mut v = serde_json::to_value(protest(article, proposed, town.unwrap_or("Niamey"), day)).expect("json");
    v["actor2"] = Value::Null;
    if town.is_none() {
        v["place"] = Value::Null;
    }
    v
}

/// Resolves and writes one article with its mentions, as the writer's handler does.
async fn resolve_and_write(pool: &sqlx::PgPool, b: &mut sahel_writer::rows::Batch) -> Resolved {
    let stats = resolve_rows(pool, &b.facts, &mut b.mentions).await.expect("resolve");
    sahel_writer::store::write(pool, b).await.expect("write");
    stats
}

fn article_of(id: &str) -> Value {
    common::article(id, "wire", "Thousands marched.", "2024-03-16T09:00:00Z")
}

async fn event_of(pool: &sqlx::PgPool, article: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT DISTINCT event_id FROM event_mentions WHERE article_id = $1 ORDER BY 1")
        .bind(article)
        .fetch_all(pool)
        .await
        .expect("mentions")
}

#[tokio::test]
async fn a_report_that_agrees_with_two_events_kept_apart_merges_them_and_the_old_id_leads_on() {
    let db = common::migrated().await;
    let pool = &db.pool;
    // "Protesters marched in Niamey" (undated) and "protesters marched on the 15th" (no
    // town): too little in common, two events.
    let a = march("art_a", "evt_a", Some("Niamey"), None);
    let b = march("art_b", "evt_b", None, Some("2024-03-15"));
    resolve_and_write(pool, &mut common::batch(&[&article_of("art_a")], &[&a])).await;
    resolve_and_write(pool, &mut common::batch(&[&article_of("art_b")], &[&b])).await;
    assert_eq!(event_of(pool, "art_a").await, ["evt_a"]);
    assert_eq!(event_of(pool, "art_b").await, ["evt_b"]);

    // Resolved before the merge, written after it: its mention follows the alias.
    let late = march("art_d", "evt_d", Some("Niamey"), None);
    let mut late_batch = common::batch(&[&article_of("art_d")], &[&late]);
    resolve_rows(pool, &late_batch.facts, &mut late_batch.mentions)
        .await
        .expect("resolve");
    assert!(late_batch.mentions.values().all(|(_, m)| m.event_id == "evt_a"));

    // "Protesters marched in Niamey on the 15th": both were this march.
    let c = march("art_c", "evt_c", Some("Niamey"), Some("2024-03-15"));
    let stats = resolve_and_write(pool, &mut common::batch(&[&article_of("art_c")], &[&c])).await;
    assert_eq!(stats.joined, 1);
    assert_eq!(stats.merges.len(), 1, "{stats:?}");
    let (absorbed, kept) = (stats.merges[0].absorbed.clone(), stats.merges[0].kept.clone());
    assert_eq!((absorbed.as_str(), kept.as_str()), ("evt_a", "evt_b"));
    sahel_writer::store::write(pool, &late_batch)
        .await
        .expect("write the late batch");

    for art in ["art_a", "art_b", "art_c", "art_d"] {
        assert_eq!(event_of(pool, art).await, [kept.as_str()], "{art}");
    }
    let (events, articles): (i64, i32) = sqlx::query_as("SELECT count(*), max(num_articles) FROM events")
        .fetch_one(pool)
        .await
        .expect("events");
    assert_eq!((events, articles), (1, 4), "one event, four articles");
    let (current, merges): (String, i64) = sqlx::query_as(
        "SELECT sahel_current_event_id('evt_a'), (SELECT count(*) FROM event_merges WHERE kept_event_id = 'evt_b')",
    )
    .fetch_one(pool)
    .await
    .expect("alias");
    assert_eq!((current.as_str(), merges), ("evt_b", 1));
    let facts: Vec<String> = sqlx::query_scalar("SELECT event_id FROM event_facts")
        .fetch_all(pool)
        .await
        .expect("facts");
    assert_eq!(facts, ["evt_b"]);
    let links: Vec<String> = sqlx::query_scalar("SELECT DISTINCT event_id FROM event_links")
        .fetch_all(pool)
        .await
        .expect("links");
    assert_eq!(links, ["evt_b"]);

    // A replay of the absorbed event's first report finds it linked to the kept event.
    let (ids, s) = resolve_all(pool, &[serde_json::from_value(a).expect("mention")]).await;
    assert_eq!((ids[0].as_str(), s.known), ("evt_b", 1));
    common::assert_a_recompute_changes_nothing(pool, "merged events are what their mentions make").await;

    // A new report that proposes the absorbed id and joins nothing (another town, another
    // day) starts an event of its own under another id: the absorbed id keeps leading on.
    let other = march("art_e", "evt_a", Some("Zinder"), Some("2024-03-02"));
    let (ids, s) = resolve_all(pool, &[serde_json::from_value(other).expect("mention")]).await;
    assert_eq!(s.started, 1, "{s:?}");
    assert_ne!(ids[0], "evt_a", "an absorbed id is not given to a new event");
    let current: String = sqlx::query_scalar("SELECT sahel_current_event_id('evt_a')")
        .fetch_one(pool)
        .await
        .expect("alias");
    assert_eq!(current, "evt_b");
}

#[tokio::test]
async fn a_merge_inside_one_batch_keeps_the_stored_event() {
    let db = common::migrated().await;
    let pool = &db.pool;
    // Stored: "protesters marched in Niamey" (undated).
    let a = march("art_a", "evt_a", Some("Niamey"), None);
    resolve_and_write(pool, &mut common::batch(&[&article_of("art_a")], &[&a])).await;
    // One batch: "marched on the 15th" (no town: an event of its own, started in the batch),
    // then "marched in Niamey on the 15th", which bridges the two. The event started in the
    // batch has no row yet, so the stored one must be the one kept, whichever the report
    // chose: else the stored mentions would move to an event that does not exist and the
    // batch would fail on every retry.
    let b = march("art_b", "evt_b", None, Some("2024-03-15"));
    let c = march("art_c", "evt_c", Some("Niamey"), Some("2024-03-15"));
    let mut batch = common::batch(&[&article_of("art_b"), &article_of("art_c")], &[&b, &c]);
    let stats = resolve_and_write(pool, &mut batch).await;
    assert_eq!(stats.merges.len(), 1, "{stats:?}");
    assert_eq!(stats.merges[0].kept, "evt_a", "{stats:?}");
    for art in ["art_a", "art_b", "art_c"] {
        assert_eq!(event_of(pool, art).await, ["evt_a"], "{art}");
    }
    common::assert_a_recompute_changes_nothing(pool, "a merge inside a batch").await;
}

#[tokio::test]
async fn a_merge_with_an_event_still_being_written_keeps_the_stored_one() {
    let db = common::migrated().await;
    let pool = &db.pool;
    let a = march("art_a", "evt_a", Some("Niamey"), None);
    resolve_and_write(pool, &mut common::batch(&[&article_of("art_a")], &[&a])).await;
    // Another batch in flight: resolved (its event's facts stored), not yet written.
    let b = march("art_b", "evt_b", None, Some("2024-03-15"));
    let mut in_flight = common::batch(&[&article_of("art_b")], &[&b]);
    resolve_rows(pool, &in_flight.facts, &mut in_flight.mentions)
        .await
        .expect("resolve");
    // The bridging report: the stored event is kept, the one without its row absorbed.
    let c = march("art_c", "evt_c", Some("Niamey"), Some("2024-03-15"));
    let stats = resolve_and_write(pool, &mut common::batch(&[&article_of("art_c")], &[&c])).await;
    assert_eq!(stats.merges.len(), 1, "{stats:?}");
    assert_eq!(stats.merges[0].kept, "evt_a", "{stats:?}");
    sahel_writer::store::write(pool, &in_flight)
        .await
        .expect("the batch in flight follows the alias");
    for art in ["art_a", "art_b", "art_c"] {
        assert_eq!(event_of(pool, art).await, ["evt_a"], "{art}");
    }
    common::assert_a_recompute_changes_nothing(pool, "a merge with a batch in flight").await;
}

#[tokio::test]
async fn a_merge_of_two_events_still_being_written_holds_whichever_batch_commits_first() {
    let db = common::migrated().await;
    let pool = &db.pool;
    // Three batches resolved, none written yet: two reports too different to join, then the
    // report that bridges them. Neither event has its row, so either may be kept.
    let a = march("art_a", "evt_a", Some("Niamey"), None);
    let b = march("art_b", "evt_b", None, Some("2024-03-15"));
    let c = march("art_c", "evt_c", Some("Niamey"), Some("2024-03-15"));
    let mut batches: Vec<_> = [("art_a", &a), ("art_b", &b), ("art_c", &c)]
        .into_iter()
        .map(|(art, m)| common::batch(&[&article_of(art)], &[m]))
        .collect();
    let mut merges = Vec::new();
    for batch in &mut batches {
        let stats = resolve_rows(pool, &batch.facts, &mut batch.mentions)
            .await
            .expect("resolve");
        merges.extend(stats.merges);
    }
    assert_eq!(merges.len(), 1, "{merges:?}");
    let (absorbed, kept) = (merges[0].absorbed.clone(), merges[0].kept.clone());
    // The batch of the absorbed event commits first: its mentions follow the alias to an
    // event whose own batch has not committed, and must not be refused for it.
    let first = if absorbed == "evt_a" { 0 } else { 1 };
    sahel_writer::store::write(pool, &batches[first])
        .await
        .expect("the absorbed event's batch commits before the kept one's");
    let (n, rows): (i32, i64) = sqlx::query_as("SELECT max(num_mentions), count(*) FROM events WHERE event_id = $1")
        .bind(&kept)
        .fetch_one(pool)
        .await
        .expect("kept event");
    assert_eq!((n, rows), (1, 1), "the moved mention gives the kept event its row");
    for (i, batch) in batches.iter().enumerate() {
        if i != first {
            sahel_writer::store::write(pool, batch).await.expect("write");
        }
    }
    for art in ["art_a", "art_b", "art_c"] {
        assert_eq!(event_of(pool, art).await, [kept.as_str()], "{art}");
    }
    let (events, articles): (i64, i32) = sqlx::query_as("SELECT count(*), max(num_articles) FROM events")
        .fetch_one(pool)
        .await
        .expect("events");
    assert_eq!((events, articles), (1, 3), "one event, three articles");
    common::assert_a_recompute_changes_nothing(pool, "a merge of two events in flight").await;
}
