//! Event resolution end to end (issue 18): two `sahel-writer` processes in one consumer group,
//! a real Tansu broker and a real PostgreSQL. Six real events (protests in six towns on one
//! day) are each reported by three articles of three sources, each report with the
//! extractor's own proposed event id: one dated to the day, one to the month only, one undated
//! in an article published two weeks later. A seventh protest in the first town two months
//! later must stay apart. Mentions are keyed by their proposed ids, so the reports of one event
//! reach both writers at about the same time.
//!
//! Checked when the writers are idle: seven events, six with three articles each; every
//! link recorded with what agreed; a replay of every message changes no event; and the
//! compacted topic `events.current` holds, as its last message per event, the event as stored.
//! Then two reports too different to be one event, and a third that agrees with both: the
//! two events are merged, and the absorbed one's last message points to the kept one.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use rdkafka::consumer::{BaseConsumer, Consumer as _};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{ClientConfig, Message as _};
use sahel_e2e::{caught_up, create_topics, free_port, unique, wait_until, writer_binary, Broker, Postgres};
use serde_json::{json, Value};

const TOWNS: [&str; 6] = ["Niamey", "Zinder", "Maradi", "Agadez", "Tahoua", "Dosso"];

fn article(id: &str, source: &str) -> Value {
    let text = format!("Report {id}: protesters marched.");
    json!({
        "schema": {"name": "articles.clean", "version": 1},
        "id": id,
        "produced_at": "2024-03-20T10:00:00Z",
        "producer": {"service": "normalizer", "version": "0.1.0"},
        "document_id": id.replace("art_", "doc_"),
        "source": {"name": source, "kind": "directory", "location": format!("/in/{id}.txt"),
                   "feed_url": null, "final_url": null},
        "fetched_at": "2024-03-20T10:00:00Z",
        "canonical_url": null, "title": null, "byline": null, "published": null,
        "language": {"code": "en", "confidence": 0.98},
        "text": text,
        "paragraphs": [{"start": 0, "end": text.chars().count()}],
        "word_count": text.split_whitespace().count(),
        "fingerprints": {"text_sha256": sahel_schemas::ids::sha256_hex(text.as_bytes())},
        "dedup": {"verdict": "unique", "duplicate_of": null, "similarity": null},
        "removed": []
    })
}

/// A protest mention in `town`, dated by `date` (a JSON date or null), in an article whose
/// reference date is `reference`, with the extractor's proposed id `proposed`.
fn mention(article: &str, proposed: &str, town: &str, date: Value, reference: &str) -> Value {
    let quote = format!("Protesters marched in {town}");
    json!({
        "schema": {"name": "events.extracted", "version": 1},
        "id": sahel_schemas::ids::mention_id(article, 0, 0, "PROTEST"),
        "produced_at": "2024-04-01T00:00:00Z",
        "producer": {"service": "extractor", "version": "0.1.0"},
        "event_id": proposed,
        "article_id": article,
        "event_type": "PROTEST",
        "event_mode": "demonstrate",
        "cameo_root": "14",
        "quad_class": 3,
        "actor1": {"text": "protesters", "name": "Protesters", "country": "NER", "sector": "civilians"},
        "actor2": null,
        "date": date,
        "place": {"name": town, "country": "NER", "admin1": null, "latitude": null, "longitude": null,
                  "gazetteer_id": null, "precision": "city"},
        "evidence": {"article_id": article, "sentence_index": 0, "char_start": 0,
                     "char_end": quote.chars().count(), "quote": quote, "language": "en"},
        "modality": "asserted",
        "confidence": 0.8,
        "extractor_version": "0.1.0+lexicon.test",
        "reference_date": {"date": reference, "source": "published"}
    })
}

/// Every message of the corpus: (topic base name, key, payload).
fn corpus() -> Vec<(&'static str, String, Value)> {
    let day = json!({"start": "2024-03-15", "end": "2024-03-15", "precision": "day", "resolution": "stated"});
    let month = json!({"start": "2024-03-01", "end": "2024-03-31", "precision": "month", "resolution": "stated"});
    let mut out = Vec::new();
    for (t, town) in TOWNS.iter().enumerate() {
        for (r, (date, reference)) in [
            (day.clone(), "2024-03-16"),
            (month.clone(), "2024-03-20"),
            (Value::Null, "2024-03-29"),
        ]
        .into_iter()
        .enumerate()
        {
            let id = format!("art_{:032x}", t * 10 + r);
            let proposed = format!("evt_{:032x}", t * 10 + r);
            out.push(("articles.clean", id.clone(), article(&id, &format!("source{r}"))));
            out.push((
                "events.extracted",
                proposed.clone(),
                mention(&id, &proposed, town, date, reference),
            ));
        }
    }
    // The same town, two months later: another protest.
    let (id, proposed) = (format!("art_{:032x}", 99), format!("evt_{:032x}", 99));
    let may = json!({"start": "2024-05-17", "end": "2024-05-17", "precision": "day", "resolution": "stated"});
    out.push(("articles.clean", id.clone(), article(&id, "source0")));
    out.push((
        "events.extracted",
        proposed.clone(),
        mention(&id, &proposed, "Niamey", may, "2024-05-18"),
    ));
    out
}

struct Writers(Vec<Child>);

impl Drop for Writers {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

async fn produce(brokers: &str, prefix: &str, messages: &[(&'static str, String, Value)]) -> anyhow::Result<()> {
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("enable.idempotence", "true")
        .create()?;
    for (topic, key, payload) in messages {
        let topic = format!("{prefix}{topic}");
        let payload = serde_json::to_vec(payload)?;
        producer
            .send(
                FutureRecord::to(&topic).key(key.as_str()).payload(payload.as_slice()),
                Duration::from_secs(30),
            )
            .await
            .map_err(|(e, _)| e)?;
    }
    Ok(())
}

/// The last message per key on a topic, read from the beginning.
fn last_per_key(brokers: &str, topic: &str) -> anyhow::Result<HashMap<String, Value>> {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", brokers)
        .set("group.id", unique("current"))
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "false")
        .create()?;
    consumer.subscribe(&[topic])?;
    let mut out = HashMap::new();
    let mut idle = std::time::Instant::now();
    while idle.elapsed() < Duration::from_secs(5) {
        if let Some(m) = consumer.poll(Duration::from_millis(200)) {
            let m = m?;
            let key = String::from_utf8_lossy(m.key().unwrap_or_default()).into_owned();
            out.insert(key, serde_json::from_slice(m.payload().unwrap_or_default())?);
            idle = std::time::Instant::now();
        }
    }
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_writers_resolve_reports_into_events_and_publish_their_current_state() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    let broker = Broker::start()?;
    let db = pg.fresh_database(&unique("res_")).await?;
    let prefix = format!("{}.", unique("t"));
    let inputs: Vec<String> = [
        "articles.clean",
        "events.extracted",
        "articles.raw.dlq",
        "articles.clean.dlq",
        "events.extracted.dlq",
    ]
    .iter()
    .map(|t| format!("{prefix}{t}"))
    .collect();
    create_topics(&broker.brokers, &inputs, 3).await?;
    let group = unique("g");
    let dir = tempfile::tempdir()?;
    let bin = writer_binary()?;
    let mut writers = Writers(Vec::new());
    for n in 0..2 {
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
                .args(["--database-url", &db])
                .args(["--http-addr", &format!("127.0.0.1:{}", free_port()?)])
                .args(["--batch-size", "4", "--batch-linger-ms", "5"])
                .env("RUST_LOG", "warn")
                .env("SAHEL_WRITER_FAULT", "hold_before_commit:30")
                .stdout(Stdio::null())
                .stderr(Stdio::from(log))
                .spawn()?,
        );
    }
    let logs = || {
        (0..2)
            .map(|n| std::fs::read_to_string(dir.path().join(format!("writer{n}.log"))).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n---\n")
    };
    let messages = corpus();
    produce(&broker.brokers, &prefix, &messages).await?;

    let pool = sqlx::PgPool::connect(&db).await?;
    let mentions = messages.iter().filter(|m| m.0 == "events.extracted").count() as i64;
    let idle = |pool: sqlx::PgPool, mentions: i64| {
        let (b, g, t) = (broker.brokers.clone(), group.clone(), inputs.clone());
        wait_until(
            "the writers to write every message",
            Duration::from_secs(180),
            move || {
                let (pool, b, g, t) = (pool.clone(), b.clone(), g.clone(), t.clone());
                async move {
                    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM event_mentions")
                        .fetch_one(&pool)
                        .await?;
                    Ok(n == mentions && tokio::task::spawn_blocking(move || caught_up(&b, &g, &t)).await??)
                }
            },
        )
    };
    if let Err(e) = idle(pool.clone(), mentions).await {
        panic!("{e:#}\nwriter logs:\n{}", logs());
    }

    let events: Vec<(String, String, i32, Option<String>)> = sqlx::query_as(
        "SELECT event_id, place_name, num_articles, date_start::text FROM events ORDER BY place_name, date_start",
    )
    .fetch_all(&pool)
    .await?;
    assert_eq!(events.len(), 7, "{events:?}\n{}", logs());
    for town in TOWNS {
        let of_town: Vec<_> = events.iter().filter(|e| e.1 == town).collect();
        let e = of_town
            .iter()
            .find(|e| e.3.as_deref() == Some("2024-03-15"))
            .unwrap_or_else(|| panic!("no March event in {town}: {events:?}"));
        assert_eq!(e.2, 3, "three articles report the protest in {town}: {events:?}");
    }
    // Every report joined or started an event, and says why.
    let (links, joined): (i64, i64) =
        sqlx::query_as("SELECT count(*), count(*) FILTER (WHERE NOT started_event) FROM event_resolution")
            .fetch_one(&pool)
            .await?;
    assert_eq!((links, joined), (mentions, 12));

    // A replay of every message changes no event.
    let before: Vec<(String, i32, i32)> =
        sqlx::query_as("SELECT event_id, num_mentions, num_articles FROM events ORDER BY 1")
            .fetch_all(&pool)
            .await?;
    produce(&broker.brokers, &prefix, &messages).await?;
    if let Err(e) = idle(pool.clone(), mentions).await {
        panic!("{e:#}\nwriter logs:\n{}", logs());
    }
    let after: Vec<(String, i32, i32)> =
        sqlx::query_as("SELECT event_id, num_mentions, num_articles FROM events ORDER BY 1")
            .fetch_all(&pool)
            .await?;
    assert_eq!(before, after, "a replay changed the events");

    // The compacted topic's last message per event is the event as stored.
    let current = {
        let (b, t) = (broker.brokers.clone(), format!("{prefix}events.current"));
        tokio::task::spawn_blocking(move || last_per_key(&b, &t)).await??
    };
    for (id, mentions_n, articles_n) in &after {
        let m = current
            .get(id)
            .unwrap_or_else(|| panic!("no events.current message for {id}"));
        assert_eq!(m["deleted"], json!(false));
        assert_eq!(m["num_mentions"], json!(mentions_n), "{m}");
        assert_eq!(m["num_articles"], json!(articles_n), "{m}");
        assert_eq!(m["schema"]["name"], json!("events.current"));
    }
    for (id, m) in &current {
        assert!(
            after.iter().any(|e| &e.0 == id) || m["deleted"] == json!(true),
            "{id} is on events.current but not an event"
        );
    }

    // Two reports too different to be taken as one (a march in Tillabéri, undated; a march
    // on the 27th, no town), then a third that agrees with both: the two become one event.
    let (stated, published) = (
        json!({"start": "2024-03-27", "end": "2024-03-27", "precision": "day", "resolution": "stated"}),
        "2024-03-29",
    );
    let bridge = |n: usize, town: &str, date: Value| {
        let (id, proposed) = (format!("art_{:032x}", 200 + n), format!("evt_{:032x}", 200 + n));
        let mut m = mention(&id, &proposed, town, date, published);
        if town.is_empty() {
            m["place"] = Value::Null;
        }
        [
            ("articles.clean", id.clone(), article(&id, "source9")),
            ("events.extracted", proposed, m),
        ]
    };
    let apart: Vec<_> = bridge(0, "Tillabéri", Value::Null)
        .into_iter()
        .chain(bridge(1, "", stated.clone()))
        .collect();
    produce(&broker.brokers, &prefix, &apart).await?;
    if let Err(e) = idle(pool.clone(), mentions + 2).await {
        panic!("{e:#}\nwriter logs:\n{}", logs());
    }
    let two: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(&pool)
        .await?;
    assert_eq!(two, 9, "the two reports are two events\n{}", logs());
    produce(&broker.brokers, &prefix, &bridge(2, "Tillabéri", stated)).await?;
    if let Err(e) = idle(pool.clone(), mentions + 3).await {
        panic!("{e:#}\nwriter logs:\n{}", logs());
    }
    let merged: Vec<(String, String)> = sqlx::query_as("SELECT absorbed_event_id, kept_event_id FROM event_merges")
        .fetch_all(&pool)
        .await?;
    assert_eq!(merged.len(), 1, "{merged:?}\n{}", logs());
    let (absorbed, kept) = merged[0].clone();
    let (events_n, kept_articles): (i64, i32) =
        sqlx::query_as("SELECT count(*), max(num_articles) FILTER (WHERE event_id = $1) FROM events")
            .bind(&kept)
            .fetch_one(&pool)
            .await?;
    assert_eq!((events_n, kept_articles), (8, 3), "one event of three articles");
    let current = {
        let (b, t) = (broker.brokers.clone(), format!("{prefix}events.current"));
        tokio::task::spawn_blocking(move || last_per_key(&b, &t)).await??
    };
    let gone = &current[&absorbed];
    assert_eq!(
        (gone["deleted"].clone(), gone["merged_into"].clone()),
        (json!(true), json!(kept)),
        "{gone}"
    );
    assert_eq!(current[&kept]["num_articles"], json!(3), "{}", current[&kept]);
    drop(writers);
    Ok(())
}
