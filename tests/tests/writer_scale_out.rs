//! Writers scaled out: three `sahel-writer` processes in one consumer group, with a real Tansu
//! broker and a real PostgreSQL, over a corpus in which each article and its mentions reach
//! different processes at about the same time (articles are keyed by article id, mentions by
//! event id, and each event has mentions in two articles of two sources).
//!
//! An article's transaction and its mentions' transaction then overlap. Unless the database
//! orders them (the `article_locks` row each upserts first), each misses the other's
//! uncommitted rows: the mentions are merged without their article's source and fetch time,
//! and the article finds no stored mentions whose events to recompute, so `num_sources`,
//! `source_names` and first/last seen stay wrong. Every transaction is held open a little
//! before its commit (`SAHEL_WRITER_FAULT=hold_before_commit:MS`) so that overlaps are common.
//!
//! When the writers are idle, every event must equal what a full recompute from its mentions
//! and their articles gives. (With the `article_locks` stage disabled, five runs left 30 to 59
//! of the 120 events with a source or a fetch time missing.)
//!
//! The writers keep the default session timeout: with `stack::SESSION_TIMEOUT` (3 s), Tansu
//! 0.6 expels and readmits members of a three-member group every few seconds, and partitions
//! move between writers instead of being written at once by several.
//!
//! `SAHEL_SCALE_OUT_LOG` sets the writers' `RUST_LOG` (default `warn`); their logs are printed
//! when the test fails.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::ClientConfig;
use sahel_e2e::{caught_up, create_topics, free_port, unique, wait_until, writer_binary, Broker, Postgres};
use serde_json::{json, Value};

const ARTICLES: usize = 240;
/// Two articles per event.
const EVENTS: usize = ARTICLES / 2;
const SOURCES: usize = 7;

/// Article `i`: its source and fetch time differ from its neighbours'.
fn article(i: usize) -> Value {
    let id = format!("art_{i:032x}");
    let text = format!("Protesters marched in Niamey, report {i}.");
    let fetched = format!("2024-03-{:02}T{:02}:{:02}:00Z", 1 + i / 60, (i / 3) % 24, i % 60);
    json!({
        "schema": {"name": "articles.clean", "version": 1},
        "id": id,
        "produced_at": fetched,
        "producer": {"service": "normalizer", "version": "0.1.0"},
        "document_id": id.replace("art_", "doc_"),
        "source": {"name": format!("source{}", i % SOURCES), "kind": "directory",
                   "location": format!("/in/{id}.txt"), "feed_url": null, "final_url": null},
        "fetched_at": fetched,
        "canonical_url": null,
        "title": null,
        "byline": null,
        "published": {"value": "2024-03-01T00:00:00Z", "precision": "day", "found_in": "text"},
        "language": {"code": "en", "confidence": 0.98},
        "text": text,
        "paragraphs": [{"start": 0, "end": text.chars().count()}],
        "word_count": text.split_whitespace().count(),
        "fingerprints": {"text_sha256": sahel_schemas::ids::sha256_hex(text.as_bytes())},
        "dedup": {"verdict": "unique", "duplicate_of": null, "similarity": null},
        "removed": []
    })
}

/// The two mentions of article `i`, of event `i / 2`, which the article next to it (of another
/// source, produced just before or after it) reports too. Extracted after the article was
/// fetched, so an event merged without its article's fetch time has first/last seen wrong.
/// Nothing else touches the event afterwards: a write skew between the article and its
/// mentions is not repaired by a later recompute.
fn mentions(i: usize) -> [Value; 2] {
    let article = format!("art_{i:032x}");
    let quote = "Protesters marched in Niamey";
    // Each event on a day of its own, days apart: no two events are one event to the writer's
    // event resolution.
    let e = i / 2;
    let day = format!("2020-{:02}-{:02}", 1 + e / 10, 1 + (e % 10) * 3);
    [(0u32, i / 2), (1u32, i / 2)].map(|(sentence, event)| {
        let start = sentence * 100;
        json!({
            "schema": {"name": "events.extracted", "version": 1},
            "id": sahel_schemas::ids::mention_id(&article, sentence, start, "PROTEST"),
            "produced_at": "2024-04-01T00:00:00Z",
            "producer": {"service": "extractor", "version": "0.1.0"},
            "event_id": format!("evt_{event:032x}"),
            "article_id": article,
            "event_type": "PROTEST",
            "event_mode": "demonstrate",
            "cameo_root": "14",
            "quad_class": 3,
            "actor1": {"text": "protesters", "name": "Protesters", "country": "NER", "sector": "civilians"},
            "actor2": null,
            "date": {"start": day, "end": day, "precision": "day", "resolution": "stated"},
            "place": {"name": "Niamey", "country": "NER", "admin1": "Niamey", "latitude": 13.5137,
                      "longitude": 2.1098, "gazetteer_id": "sahel:niamey", "precision": "city"},
            "evidence": {"article_id": article, "sentence_index": sentence, "char_start": start,
                         "char_end": start + quote.chars().count() as u32, "quote": quote, "language": "en"},
            "modality": "asserted",
            "confidence": 0.5 + (i % 40) as f64 / 100.0,
            "extractor_version": "0.1.0+lexicon.test"
        })
    })
}

fn producer(brokers: &str) -> anyhow::Result<FutureProducer> {
    Ok(ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("enable.idempotence", "true")
        .set("linger.ms", "2")
        .create()?)
}

/// Sends `messages` (topic, key, payload) and waits for every delivery.
async fn produce(producer: &FutureProducer, messages: &[(String, String, Vec<u8>)]) -> anyhow::Result<()> {
    let sends = messages.iter().map(|(t, k, p)| {
        producer.send(
            FutureRecord::to(t).key(k.as_str()).payload(p.as_slice()),
            Duration::from_secs(30),
        )
    });
    for r in futures::future::join_all(sends).await {
        r.map_err(|(e, _)| e)?;
    }
    Ok(())
}

/// Articles each writer has written so far (`sahel_outcomes_total{kind="articles_written"}`
/// on its `/metrics`; 0 while it is not serving yet).
async fn written_by_each(http: &[String]) -> Vec<u64> {
    let mut out = Vec::new();
    for addr in http {
        out.push(articles_written(addr).await.unwrap_or(0));
    }
    out
}

async fn articles_written(addr: &str) -> anyhow::Result<u64> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    s.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await?;
    let mut body = String::new();
    s.read_to_string(&mut body).await?;
    Ok(body
        .lines()
        .find(|l| l.starts_with("sahel_outcomes_total{") && l.contains("kind=\"articles_written\""))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0))
}

/// Kills the writers when dropped (a failed assertion must not leave them running).
struct Writers(Vec<Child>);

impl Drop for Writers {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// The events whose stored aggregates differ from a recompute from their mentions and those
/// mentions' articles (counts, article and source sets, first and last seen), with both.
const WRONG_EVENTS: &str = "
    WITH truth AS (
        SELECT m.event_id, count(*)::integer AS num_mentions, count(DISTINCT m.article_id)::integer AS num_articles,
               count(DISTINCT a.source_name)::integer AS num_sources,
               coalesce(array_agg(DISTINCT a.source_name ORDER BY a.source_name)
                        FILTER (WHERE a.source_name IS NOT NULL), '{}') AS source_names,
               min(coalesce(a.fetched_at, m.extracted_at)) AS first_seen,
               max(coalesce(a.fetched_at, m.extracted_at)) AS last_seen
        FROM event_mentions m LEFT JOIN articles a ON a.article_id = m.article_id
        GROUP BY m.event_id
    )
    SELECT e.event_id || ': stored ' || row(e.num_mentions, e.num_articles, e.num_sources, e.source_names,
                                            e.first_seen, e.last_seen)::text
           || ', recomputed ' || row(t.num_mentions, t.num_articles, t.num_sources, t.source_names,
                                     t.first_seen, t.last_seen)::text
    FROM events e FULL JOIN truth t ON t.event_id = e.event_id
    WHERE row(e.num_mentions, e.num_articles, e.num_sources, e.source_names, e.first_seen, e.last_seen)
          IS DISTINCT FROM row(t.num_mentions, t.num_articles, t.num_sources, t.source_names, t.first_seen, t.last_seen)
    ORDER BY 1";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_writers_in_one_group_leave_every_event_equal_to_a_full_recompute() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    let broker = Broker::start()?;
    let db = pg.fresh_database(&unique("so_")).await?;
    let prefix = format!("{}.", unique("t"));
    let topic = |base: &str| format!("{prefix}{base}");
    let writer_topics: Vec<String> = [
        "articles.clean",
        "events.extracted",
        "articles.raw.dlq",
        "articles.clean.dlq",
        "events.extracted.dlq",
    ]
    .iter()
    .map(|t| topic(t))
    .collect();
    create_topics(&broker.brokers, &writer_topics, 3).await?;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(2)
        .connect(&db)
        .await?;

    let group = unique("g");
    let dir = tempfile::tempdir()?;
    let bin = writer_binary()?;
    let mut writers = Writers(Vec::new());
    let http: Vec<String> = (0..3)
        .map(|_| Ok(format!("127.0.0.1:{}", free_port()?)))
        .collect::<anyhow::Result<_>>()?;
    for (n, addr) in http.iter().enumerate() {
        let log = std::fs::File::create(dir.path().join(format!("writer{n}.log")))?;
        writers.0.push(
            Command::new(&bin)
                .args([
                    "--kafka-brokers",
                    &broker.brokers,
                    "--topic-prefix",
                    &prefix,
                    "--group-id",
                    &group,
                ])
                .args(["--database-url", &db, "--http-addr", addr])
                .args(["--batch-size", "16", "--batch-linger-ms", "5"])
                .args(["--retry-base-ms", "50", "--retry-max-ms", "500"])
                .env(
                    "RUST_LOG",
                    std::env::var("SAHEL_SCALE_OUT_LOG").unwrap_or_else(|_| "warn".into()),
                )
                .env("SAHEL_WRITER_FAULT", "hold_before_commit:40")
                .stdout(Stdio::null())
                .stderr(Stdio::from(log))
                .spawn()?,
        );
    }
    let logs = || {
        (0..3)
            .map(|n| std::fs::read_to_string(dir.path().join(format!("writer{n}.log"))).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n---\n")
    };

    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move { Ok::<i64, anyhow::Error>(sqlx::query_scalar(sql).fetch_one(&pool).await?) }
    };
    // The group settles first: Tansu rebalances a group of three joining at once over several
    // seconds (and says it is stable before each member has its partitions), and the corpus
    // should race between writers, not between rebalances. Rounds of warm-up articles (no
    // mentions: they touch no event) are written until, in one round, each of the three
    // writers wrote some: each then holds partitions. (The writers apply the migrations: until
    // then the tables are missing, an error `wait_until` retries.)
    let mut warm = 0;
    let mut spread = false;
    for _round in 0..20 {
        let before = written_by_each(&http).await;
        let warm_up: Vec<(String, String, Vec<u8>)> = (ARTICLES + warm..ARTICLES + warm + 30)
            .map(|i| {
                let a = article(i);
                let key = a["id"].as_str().unwrap_or_default().to_owned();
                Ok((topic("articles.clean"), key, serde_json::to_vec(&a)?))
            })
            .collect::<anyhow::Result<_>>()?;
        produce(&producer(&broker.brokers)?, &warm_up).await?;
        warm += 30;
        let (b, g, t) = (broker.brokers.clone(), group.clone(), writer_topics.clone());
        let caught = wait_until("the group to write a warm-up round", Duration::from_secs(120), || {
            let (b, g, t) = (b.clone(), g.clone(), t.clone());
            async move {
                Ok(count("SELECT count(*) FROM articles").await? == warm as i64
                    && tokio::task::spawn_blocking(move || caught_up(&b, &g, &t)).await??)
            }
        })
        .await;
        if let Err(e) = caught {
            panic!("{e:#}\nwriter logs:\n{}", logs());
        }
        let after = written_by_each(&http).await;
        if before.iter().zip(&after).all(|(b, a)| a > b) {
            spread = true;
            break;
        }
    }
    assert!(
        spread,
        "the group never spread its partitions over the three writers:\n{}",
        logs()
    );

    // The corpus streams in, a few articles and their mentions at a time, as the normalizer
    // and the extractor would produce them: each writer's batches then mix its article and
    // mention partitions, and the process that has an article and the one that has its
    // mentions write them at about the same time. (Produced all at once, each writer would
    // read one topic's backlog, then the other's, and articles and mentions would rarely meet.)
    let producer = producer(&broker.brokers)?;
    for round in (0..ARTICLES).collect::<Vec<_>>().chunks(4) {
        let mut messages = Vec::new();
        for &i in round {
            for m in mentions(i) {
                let key = m["event_id"].as_str().unwrap_or_default().to_owned();
                messages.push((topic("events.extracted"), key, serde_json::to_vec(&m)?));
            }
            let a = article(i);
            let key = a["id"].as_str().unwrap_or_default().to_owned();
            messages.push((topic("articles.clean"), key, serde_json::to_vec(&a)?));
        }
        produce(&producer, &messages).await?;
        // Pacing, not a wait for an outcome: the stream arrives over about a second.
        tokio::time::sleep(Duration::from_millis(15)).await;
    }

    let written = wait_until(
        "every article and mention to be written",
        Duration::from_secs(240),
        || async {
            Ok(
                count("SELECT count(*) FROM articles").await? == (ARTICLES + warm) as i64
                    && count("SELECT count(*) FROM event_mentions").await? == 2 * ARTICLES as i64,
            )
        },
    )
    .await;
    if let Err(e) = written {
        let articles = count("SELECT count(*) FROM articles").await.unwrap_or(-1);
        let mentions = count("SELECT count(*) FROM event_mentions").await.unwrap_or(-1);
        panic!(
            "{e:#}: {articles} of {} articles and {mentions} of {} mentions written\nwriter logs:\n{}",
            ARTICLES + warm,
            2 * ARTICLES,
            logs()
        );
    }
    let (b, g, t) = (broker.brokers.clone(), group.clone(), writer_topics.clone());
    wait_until("the group to store every offset", Duration::from_secs(120), || {
        let (b, g, t) = (b.clone(), g.clone(), t.clone());
        async move { tokio::task::spawn_blocking(move || caught_up(&b, &g, &t)).await? }
    })
    .await?;
    // Idle: nothing is written any more.
    drop(writers);

    assert_eq!(count("SELECT count(*) FROM dead_letters").await?, 0, "{}", logs());
    assert_eq!(count("SELECT count(*) FROM events").await?, EVENTS as i64);
    let wrong: Vec<String> = sqlx::query_scalar(WRONG_EVENTS).fetch_all(&pool).await?;
    assert!(
        wrong.is_empty(),
        "{} of {EVENTS} events differ from a recompute from their mentions and articles:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // Both articles of every event arrived, so every event has their two sources: the corpus
    // is not vacuous.
    assert_eq!(count("SELECT count(*) FROM events WHERE num_sources <> 2").await?, 0);
    // And `refresh_events`, the writer's own full recompute, changes no row either (date, place
    // and evidence included).
    let before = sahel_e2e::snapshot(&pool, &[("events", "event_id")]).await?;
    sqlx::query("SELECT refresh_events(ARRAY(SELECT event_id FROM events))")
        .execute(&pool)
        .await?;
    assert_eq!(
        before,
        sahel_e2e::snapshot(&pool, &[("events", "event_id")]).await?,
        "a full recompute changed stored events"
    );
    Ok(())
}
