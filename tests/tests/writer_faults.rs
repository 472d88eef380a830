//! The writer under faults, with a real Tansu broker and a real PostgreSQL:
//!
//! - replaying every input topic from the beginning changes no row;
//! - the writer killed between its commit and its offset store (the `SAHEL_WRITER_FAULT`
//!   hook), and killed with SIGKILL at a random point, loses nothing and duplicates nothing;
//! - PostgreSQL restarted under load: the writer reconnects with backoff, nothing is lost;
//! - a poison message goes to the dead-letter topic (and table) and the writer carries on;
//! - `sahel-writer replay-articles` re-extracts stored articles with the current extractor,
//!   replacing an older extractor's mentions, and a later replay of the old topic changes
//!   nothing.
//!
//! Each test has its own broker, server, topics (a random prefix), groups and database.

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt as _;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use clap::Parser as _;
use rdkafka::consumer::{BaseConsumer, Consumer as _};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{ClientConfig, Message as _};
use sahel_e2e::{caught_up, commit_group_at_end, create_topics, unique, wait_until, writer_binary, Broker, Postgres};
use serde_json::{json, Value};
use sqlx::Row as _;
use tokio::sync::oneshot;

/// One test's broker, server, database and topic prefix.
struct Env {
    pg: Postgres,
    broker: Broker,
    db: String,
    prefix: String,
    pool: sqlx::PgPool,
}

impl Env {
    async fn start() -> anyhow::Result<Env> {
        let pg = Postgres::start()?;
        let broker = Broker::start()?;
        let db = pg.fresh_database(&unique("wf_")).await?;
        let prefix = format!("{}.", unique("t"));
        let topics: Vec<String> = [
            "articles.raw",
            "articles.clean",
            "events.extracted",
            "articles.raw.dlq",
            "articles.clean.dlq",
            "events.extracted.dlq",
        ]
        .iter()
        .map(|t| format!("{prefix}{t}"))
        .collect();
        create_topics(&broker.brokers, &topics, 3).await?;
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(2)
            .connect(&db)
            .await?;
        Ok(Env {
            pg,
            broker,
            db,
            prefix,
            pool,
        })
    }

    fn topic(&self, base: &str) -> String {
        format!("{}{base}", self.prefix)
    }

    fn writer_topics(&self) -> Vec<String> {
        [
            "articles.clean",
            "events.extracted",
            "articles.raw.dlq",
            "articles.clean.dlq",
            "events.extracted.dlq",
        ]
        .iter()
        .map(|t| self.topic(t))
        .collect()
    }

    fn producer(&self) -> anyhow::Result<FutureProducer> {
        Ok(ClientConfig::new()
            .set("bootstrap.servers", &self.broker.brokers)
            .set("enable.idempotence", "true")
            .set("linger.ms", "5")
            .create()?)
    }

    /// Produces `messages` to `topic`, keyed by their id, and waits for every delivery.
    async fn produce(&self, topic: &str, messages: &[Value]) -> anyhow::Result<()> {
        let producer = self.producer()?;
        let topic = self.topic(topic);
        let payloads: Vec<(String, Vec<u8>)> = messages
            .iter()
            .map(|m| {
                let key = m["event_id"].as_str().or(m["id"].as_str()).unwrap_or("x").to_owned();
                (key, serde_json::to_vec(m).unwrap_or_default())
            })
            .collect();
        let sends = payloads.iter().map(|(k, p)| {
            producer.send(
                FutureRecord::to(&topic).key(k.as_str()).payload(p.as_slice()),
                Duration::from_secs(30),
            )
        });
        for r in futures::future::join_all(sends).await {
            r.map_err(|(e, _)| e)?;
        }
        Ok(())
    }

    /// Args shared by the in-process writer and the child process.
    fn writer_args(&self, group: &str) -> Vec<String> {
        [
            "--kafka-brokers",
            &self.broker.brokers,
            "--topic-prefix",
            &self.prefix,
            "--group-id",
            group,
            "--database-url",
            &self.db,
            "--http-addr",
            "127.0.0.1:0",
            "--batch-size",
            "50",
            "--batch-linger-ms",
            "20",
            "--retry-base-ms",
            "100",
            "--retry-max-ms",
            "1000",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    /// Starts the writer as a child process (so that it can be killed), its stderr appended
    /// to `dir/writer.log`.
    fn spawn_writer(&self, group: &str, fault: Option<&str>, dir: &std::path::Path) -> anyhow::Result<Child> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("writer.log"))?;
        let mut cmd = Command::new(writer_binary()?);
        // Tansu 0.6 forgets a member that died without leaving only once its last heartbeat
        // is older than the session timeout; 3 s lets a restarted writer rejoin its group soon.
        cmd.args(self.writer_args(group))
            .arg("--kafka-option")
            .arg(sahel_e2e::stack::SESSION_TIMEOUT)
            .current_dir(dir)
            .env("RUST_LOG", "warn")
            .env_remove("SAHEL_WRITER_FAULT")
            .stdout(Stdio::null())
            .stderr(Stdio::from(log));
        if let Some(f) = fault {
            cmd.env("SAHEL_WRITER_FAULT", f);
        }
        Ok(cmd.spawn()?)
    }

    /// Starts the writer in this process; send on the returned channel to stop it.
    fn run_writer(&self, group: &str) -> (oneshot::Sender<()>, tokio::task::JoinHandle<anyhow::Result<()>>) {
        let cfg = sahel_writer::Config::parse_from(std::iter::once("writer".to_owned()).chain(self.writer_args(group)));
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(sahel_writer::run(cfg, async move {
            let _ = rx.await;
        }));
        (tx, task)
    }

    async fn wait_caught_up(&self, group: &str, topics: Vec<String>) -> anyhow::Result<()> {
        let b = self.broker.brokers.clone();
        let group = group.to_owned();
        wait_until(&format!("group {group} to catch up"), Duration::from_secs(120), || {
            let (b, g, t) = (b.clone(), group.clone(), topics.clone());
            async move { tokio::task::spawn_blocking(move || caught_up(&b, &g, &t)).await? }
        })
        .await
    }

    async fn count(&self, sql: &str) -> anyhow::Result<i64> {
        Ok(sqlx::query_scalar(sql).fetch_one(&self.pool).await?)
    }

    /// Makes PostgreSQL refuse every write of mentions with SQLSTATE `code`, as a read-only
    /// standby, a revoked grant or a failing disk would (a trigger raises it).
    async fn refuse_mentions(&self, code: &str) -> anyhow::Result<()> {
        sqlx::query(&format!(
            "CREATE FUNCTION sahel_test_refuse() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'injected refusal' USING ERRCODE = '{code}'; END $$"
        ))
        .execute(&self.pool)
        .await?;
        sqlx::query(
            "CREATE TRIGGER sahel_test_refuse BEFORE INSERT OR UPDATE ON event_mentions \
             FOR EACH STATEMENT EXECUTE FUNCTION sahel_test_refuse()",
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Removes what [`Env::refuse_mentions`] put in.
    async fn accept_mentions(&self) -> anyhow::Result<()> {
        sqlx::query("DROP TRIGGER sahel_test_refuse ON event_mentions")
            .execute(&self.pool)
            .await?;
        sqlx::query("DROP FUNCTION sahel_test_refuse()")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

async fn stop(tx: oneshot::Sender<()>, task: tokio::task::JoinHandle<anyhow::Result<()>>) -> anyhow::Result<()> {
    let _ = tx.send(());
    tokio::time::timeout(Duration::from_secs(30), task).await???;
    Ok(())
}

fn article(id: &str, text: &str) -> Value {
    json!({
        "schema": {"name": "articles.clean", "version": 1},
        "id": id,
        "produced_at": "2024-03-17T08:00:00Z",
        "producer": {"service": "normalizer", "version": "0.1.0"},
        "document_id": id.replace("art_", "doc_"),
        "source": {"name": "wire", "kind": "directory", "location": format!("/in/{id}.txt"), "feed_url": null, "final_url": null},
        "fetched_at": "2024-03-17T07:59:00Z",
        "canonical_url": null,
        "title": null,
        "byline": null,
        "published": {"value": "2024-03-16T00:00:00Z", "precision": "day", "found_in": "text"},
        "language": {"code": "en", "confidence": 0.98},
        "text": text,
        "paragraphs": [{"start": 0, "end": text.chars().count()}],
        "word_count": text.split_whitespace().count(),
        "fingerprints": {"text_sha256": sahel_schemas::ids::sha256_hex(text.as_bytes())},
        "dedup": {"verdict": "unique", "duplicate_of": null, "similarity": null},
        "removed": []
    })
}

const QUOTE: &str = "Protesters marched in Niamey.";

/// Mention `i` of a synthetic stream: two mentions per event, four per article.
fn mention(i: usize, version: &str, produced_at: &str) -> Value {
    let article = format!("art_{:032x}", i / 4);
    let event = format!("evt_{:032x}", i / 2);
    let sentence = (i % 4) as u32;
    let start = sentence * 100;
    // Each event on a day of its own, three days from the next: the writer's event resolution
    // keeps them apart as the real events they stand for.
    let days = 3 * (i / 2);
    let (year, rest) = (2000 + days / 336, days % 336);
    let day = format!("{year}-{:02}-{:02}", 1 + rest / 28, 1 + rest % 28);
    json!({
        "schema": {"name": "events.extracted", "version": 1},
        "id": sahel_schemas::ids::mention_id(&article, sentence, start, "PROTEST"),
        "produced_at": produced_at,
        "producer": {"service": "extractor", "version": "0.1.0"},
        "event_id": event,
        "article_id": article,
        "event_type": "PROTEST",
        "event_mode": "demonstrate",
        "cameo_root": "14",
        "quad_class": 3,
        "actor1": {"text": "protesters", "name": "Protesters", "country": "NER", "sector": "civilians"},
        "actor2": null,
        "date": {"start": day, "end": day, "precision": "day", "resolution": "stated"},
        "place": {"name": "Niamey", "country": "NER", "admin1": "Niamey", "latitude": 13.5137, "longitude": 2.1098,
                  "gazetteer_id": "sahel:niamey", "precision": "city"},
        "evidence": {"article_id": article, "sentence_index": sentence, "char_start": start,
                     "char_end": start + QUOTE.chars().count() as u32, "quote": QUOTE, "language": "en"},
        "modality": "asserted",
        "confidence": 0.5 + (i % 40) as f64 / 100.0,
        "extractor_version": version
    })
}

fn mentions(range: std::ops::Range<usize>) -> Vec<Value> {
    range
        .map(|i| mention(i, "0.1.0+lexicon.test", "2024-03-17T08:00:01Z"))
        .collect()
}

/// Every row of the writer's tables with its xmin: equal snapshots mean no row was written.
async fn snapshot(pool: &sqlx::PgPool) -> anyhow::Result<Vec<String>> {
    sahel_e2e::snapshot(pool, sahel_e2e::WRITER_TABLES).await
}

/// The stream is complete and counted once: every mention, every event with its two. (It
/// first waits, up to a minute, for the count to reach `n`: the harness's caught-up check was
/// once seen passing early under load (it skips partitions whose end offset reads as 0);
/// waiting keeps the check strict, since a lost mention still fails it.)
async fn assert_complete(env: &Env, n: usize) -> anyhow::Result<()> {
    let _ = wait_until("every mention to be written", Duration::from_secs(60), || async {
        Ok(env.count("SELECT count(*) FROM event_mentions").await? >= n as i64)
    })
    .await;
    let stored: std::collections::BTreeSet<String> = sqlx::query_scalar("SELECT mention_id FROM event_mentions")
        .fetch_all(&env.pool)
        .await?
        .into_iter()
        .collect();
    let missing: Vec<usize> = (0..n)
        .filter(|i| !stored.contains(mention(*i, "", "")["id"].as_str().unwrap_or_default()))
        .collect();
    let dead: Vec<(String, String)> =
        sqlx::query_as("SELECT coalesce(error_kind, ''), coalesce(error, '') FROM dead_letters")
            .fetch_all(&env.pool)
            .await?;
    if !missing.is_empty() {
        // Lost by the writer, or never on the topic? Read the topic back to tell.
        let on_topic = topic_ids(&env.broker.brokers, &env.topic("events.extracted")).await?;
        let absent: Vec<usize> = missing
            .iter()
            .copied()
            .filter(|i| !on_topic.contains(mention(*i, "", "")["id"].as_str().unwrap_or_default()))
            .collect();
        panic!(
            "missing mentions {missing:?}; of those, not on the topic either: {absent:?} ({} ids on the topic); dead letters {dead:?}",
            on_topic.len()
        );
    }
    assert_eq!(env.count("SELECT count(*) FROM event_mentions").await?, n as i64);
    assert_eq!(env.count("SELECT count(*) FROM events").await?, n.div_ceil(2) as i64);
    let wrong = env
        .count("SELECT count(*) FROM events e WHERE num_mentions <> (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.event_id)")
        .await?;
    assert_eq!(wrong, 0, "every event counts its mentions exactly");
    assert_eq!(
        env.count("SELECT coalesce(sum(num_mentions), 0)::bigint FROM events")
            .await?,
        n as i64
    );
    Ok(())
}

/// The `id` of every message on `topic`, read from the beginning to the end of each partition.
async fn topic_ids(brokers: &str, topic: &str) -> anyhow::Result<std::collections::BTreeSet<String>> {
    let (brokers, topic) = (brokers.to_owned(), topic.to_owned());
    tokio::task::spawn_blocking(move || {
        let c: BaseConsumer = ClientConfig::new()
            .set("bootstrap.servers", &brokers)
            .set("group.id", unique("read_back"))
            .set("enable.auto.commit", "false")
            .create()?;
        let timeout = Duration::from_secs(5);
        let md = c.fetch_metadata(Some(&topic), timeout)?;
        let mut tpl = rdkafka::TopicPartitionList::new();
        let mut ends = BTreeMap::new();
        for mt in md.topics() {
            for p in mt.partitions() {
                let (_, high) = c.fetch_watermarks(&topic, p.id(), timeout)?;
                ends.insert(p.id(), high);
                tpl.add_partition_offset(&topic, p.id(), rdkafka::Offset::Beginning)?;
            }
        }
        c.assign(&tpl)?;
        let mut ids = std::collections::BTreeSet::new();
        let mut next: BTreeMap<i32, i64> = ends.keys().map(|p| (*p, 0)).collect();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while next.iter().any(|(p, o)| *o < ends[p]) && std::time::Instant::now() < deadline {
            if let Some(m) = c.poll(Duration::from_millis(200)) {
                let m = m?;
                next.insert(m.partition(), m.offset() + 1);
                if let Some(v) = m.payload().and_then(|p| serde_json::from_slice::<Value>(p).ok()) {
                    if let Some(id) = v["id"].as_str() {
                        ids.insert(id.to_owned());
                    }
                }
            }
        }
        anyhow::Ok(ids)
    })
    .await?
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replaying_every_topic_from_the_beginning_changes_no_row() -> anyhow::Result<()> {
    let env = Env::start().await?;
    let n = 400;
    let arts: Vec<Value> = (0..n / 4)
        .map(|i| article(&format!("art_{i:032x}"), &format!("Article {i}. {QUOTE}")))
        .collect();
    env.produce("articles.clean", &arts).await?;
    env.produce("events.extracted", &mentions(0..n)).await?;
    env.produce("events.extracted.dlq", &[json!({"id": "men_poison", "x": 1})])
        .await?;

    let (tx, task) = env.run_writer("first");
    env.wait_caught_up("first", env.writer_topics()).await?;
    stop(tx, task).await?;
    assert_complete(&env, n).await?;
    assert_eq!(env.count("SELECT count(*) FROM articles").await?, (n / 4) as i64);
    assert_eq!(env.count("SELECT count(*) FROM dead_letters").await?, 1);
    let before = snapshot(&env.pool).await?;

    // A new consumer group reads every topic from the beginning.
    let (tx, task) = env.run_writer("second");
    env.wait_caught_up("second", env.writer_topics()).await?;
    stop(tx, task).await?;
    assert_eq!(before, snapshot(&env.pool).await?, "replaying the topics changed rows");
    Ok(())
}

/// Killed by the fault hook right after its third commit, before that batch's offsets are
/// stored, the writer restarts in its group, redoes the batch and writes nothing twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_between_commit_and_offset_store_the_writer_loses_and_duplicates_nothing() -> anyhow::Result<()> {
    let env = Env::start().await?;
    let dir = tempfile::tempdir()?;
    let n = 600;
    env.produce("events.extracted", &mentions(0..n)).await?;
    let topics = vec![env.topic("events.extracted")];

    let child = env.spawn_writer("w", Some("kill_after_commit:3"), dir.path())?;
    let status = tokio::task::spawn_blocking(move || child.wait_with_output()).await??;
    let stderr = std::fs::read_to_string(dir.path().join("writer.log"))?;
    assert_eq!(status.status.signal(), Some(6), "aborted (SIGABRT): {stderr}");
    assert!(
        stderr.contains("batch 3 committed; aborting before its offsets are stored"),
        "{stderr}"
    );
    let written = env.count("SELECT count(*) FROM event_mentions").await?;
    assert!(
        written > 0 && written < n as i64,
        "{written} mentions written before the kill"
    );
    let b = env.broker.brokers.clone();
    let t = topics.clone();
    assert!(
        !tokio::task::spawn_blocking(move || caught_up(&b, "w", &t)).await??,
        "the last committed batch's offsets were not stored"
    );
    let at_kill = snapshot(&env.pool).await?;

    // Restarted in the same group, it redoes the batch: what was committed is not written again.
    let mut child = env.spawn_writer("w", None, dir.path())?;
    let caught = env.wait_caught_up("w", topics).await;
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = caught {
        anyhow::bail!("{e:#}; writer log:\n{}", log_tail(dir.path()));
    }
    let after = snapshot(&env.pool).await?;
    for row in at_kill.iter().filter(|r| r.starts_with("event_mentions:")) {
        assert!(
            after.contains(row),
            "a mention committed before the kill was written again: {row}"
        );
    }
    assert_complete(&env, n).await
}

/// SIGKILLed at a random point while mentions stream in, the writer restarts in its group
/// and ends with every mention once and every event counting its mentions exactly.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkilled_at_random_while_mentions_stream_in_the_writer_loses_and_duplicates_nothing() -> anyhow::Result<()> {
    let env = Env::start().await?;
    let dir = tempfile::tempdir()?;
    let n = 1000;
    let topics = vec![env.topic("events.extracted")];
    env.produce("events.extracted", &mentions(0..n / 5)).await?;
    let mut child = env.spawn_writer("w", None, dir.path())?;
    let stream = {
        let rest = mentions(n / 5..n);
        async move {
            for chunk in rest.chunks(100) {
                env.produce("events.extracted", chunk).await?;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            anyhow::Ok(env)
        }
    };
    let producing = tokio::spawn(stream);
    tokio::time::sleep(Duration::from_millis(1000 + rand_ms(1500))).await;
    child.kill()?; // SIGKILL
    assert_eq!(child.wait()?.signal(), Some(9));
    let env = producing.await??;
    let mut child = env.spawn_writer("w", None, dir.path())?;
    let caught = env.wait_caught_up("w", topics).await;
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = caught {
        anyhow::bail!("{e:#}; writer log:\n{}", log_tail(dir.path()));
    }
    assert_complete(&env, n).await
}

/// The last 4,000 characters of the writer's log.
fn log_tail(dir: &std::path::Path) -> String {
    let log = std::fs::read_to_string(dir.join("writer.log")).unwrap_or_default();
    let skip = log.chars().count().saturating_sub(4000);
    log.chars().skip(skip).collect()
}

fn rand_ms(max: u64) -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::from(d.subsec_nanos()) % max.max(1))
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_restarted_under_load_the_writer_reconnects_and_loses_nothing() -> anyhow::Result<()> {
    let env = Env::start().await?;
    let n = 2000;
    let (tx, task) = env.run_writer("w");
    let all = mentions(0..n);
    let mut restarted = false;
    for (i, chunk) in all.chunks(100).enumerate() {
        env.produce("events.extracted", chunk).await?;
        if i == 6 {
            // Let the writer get going, then restart the server under it.
            wait_until("some mentions written", Duration::from_secs(60), || async {
                Ok(env.count("SELECT count(*) FROM event_mentions").await.unwrap_or(0) > 0)
            })
            .await?;
            env.pg.restart()?;
            restarted = true;
        }
    }
    assert!(restarted);
    // The test's own pool reconnects too (sqlx tests connections before use).
    env.wait_caught_up("w", vec![env.topic("events.extracted")]).await?;
    stop(tx, task).await?;
    assert_complete(&env, n).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_poison_message_goes_to_the_dead_letter_topic_and_the_writer_carries_on() -> anyhow::Result<()> {
    let env = Env::start().await?;
    let mut poison = mention(1000, "0.1.0+lexicon.test", "2024-03-17T08:00:01Z");
    // Valid JSON of the right schema, but the quote is not the span it claims: PostgreSQL
    // refuses it (event_mentions_quote_is_span).
    poison["evidence"]["char_end"] = json!(3);
    let mut stream = mentions(0..40);
    stream.insert(17, poison.clone());
    env.produce("events.extracted", &stream).await?;
    let (tx, task) = env.run_writer("w");
    env.wait_caught_up("w", env.writer_topics()).await?;
    // The writer went on past the poison: everything else is there.
    assert_complete(&env, 40).await?;
    // The dead letter is on the topic with the convention's headers ...
    let c: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", &env.broker.brokers)
        .set("group.id", unique("reader"))
        .set("auto.offset.reset", "earliest")
        .create()?;
    c.subscribe(&[&env.topic("events.extracted.dlq")])?;
    let mut found = None;
    for _ in 0..100 {
        if let Some(m) = c.poll(Duration::from_millis(200)) {
            let m = m?;
            let headers: BTreeMap<String, String> =
                rdkafka::message::Headers::iter(m.headers().ok_or_else(|| anyhow::anyhow!("no headers"))?)
                    .map(|h| {
                        (
                            h.key.to_owned(),
                            String::from_utf8_lossy(h.value.unwrap_or_default()).into_owned(),
                        )
                    })
                    .collect();
            found = Some((m.payload().map(<[u8]>::to_vec), headers));
            break;
        }
    }
    let (payload, headers) = found.ok_or_else(|| anyhow::anyhow!("nothing on the dead-letter topic"))?;
    assert_eq!(
        payload.as_deref(),
        Some(serde_json::to_vec(&poison)?.as_slice()),
        "payload unchanged"
    );
    assert_eq!(
        headers.get("dlq.error.kind").map(String::as_str),
        Some("rejected_by_database")
    );
    assert_eq!(headers.get("dlq.service").map(String::as_str), Some("writer"));
    assert!(
        headers
            .get("dlq.error")
            .is_some_and(|e| e.contains("event_mentions_quote_is_span")),
        "{headers:?}"
    );
    assert_eq!(
        headers.get("dlq.original.topic").map(String::as_str),
        Some(env.topic("events.extracted").as_str())
    );
    // ... and recorded in PostgreSQL.
    let row = sqlx::query("SELECT error_kind, message_key FROM dead_letters")
        .fetch_one(&env.pool)
        .await?;
    assert_eq!(row.get::<String, _>("error_kind"), "rejected_by_database");
    assert_eq!(
        row.get::<String, _>("message_key"),
        poison["event_id"].as_str().unwrap_or_default()
    );
    // And it carries on with what comes next.
    env.produce("events.extracted", &mentions(40..60)).await?;
    env.wait_caught_up("w", env.writer_topics()).await?;
    stop(tx, task).await?;
    assert_complete(&env, 60).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replay_articles_reextracts_with_the_current_extractor_and_replaces_older_mentions() -> anyhow::Result<()> {
    let env = Env::start().await?;
    let extractor = sahel_extractor::Extractor::new()?;
    let coded = "Several thousand protesters gathered in Niamey on 16 March 2024 to demand the departure of \
                 US troops from the country.\n\nOrganisers said the march was peaceful.";
    let quiet = "The weather in the capital was mild this week.\n\nMarkets were open as usual.";
    let a = article("art_0000000000000000000000000000000a", coded);
    let b = article("art_0000000000000000000000000000000b", quiet);
    let current: Vec<sahel_schemas::EventMention> = [&a, &b]
        .iter()
        .flat_map(|v| {
            let art: sahel_schemas::CleanArticle = serde_json::from_value((*v).clone()).expect("article");
            extractor.code_article(&art)
        })
        .collect();
    assert!(!current.is_empty(), "the current extractor codes the first article");
    assert!(
        current.iter().all(|m| m.article_id == a["id"]),
        "and nothing in the second"
    );

    // What an older extractor wrote: other spans and events, for both articles.
    let old = |art: &Value, start: u32, event: &str| {
        let mut m = mention(0, "0.0.1+lexicon.old", "2024-03-17T08:00:01Z");
        let aid = art["id"].as_str().unwrap_or_default();
        m["article_id"] = json!(aid);
        m["evidence"]["article_id"] = json!(aid);
        m["evidence"]["sentence_index"] = json!(0);
        m["evidence"]["char_start"] = json!(start);
        m["evidence"]["char_end"] = json!(start + QUOTE.chars().count() as u32);
        m["id"] = json!(sahel_schemas::ids::mention_id(aid, 0, start, "PROTEST"));
        m["event_id"] = json!(event);
        m
    };
    let olds = vec![
        old(&a, 500, "evt_0000000000000000000000000000old1"),
        old(&b, 600, "evt_0000000000000000000000000000old2"),
    ];
    env.produce("articles.clean", &[a.clone(), b.clone()]).await?;
    env.produce("events.extracted", &olds).await?;
    let (tx, task) = env.run_writer("writer");
    env.wait_caught_up("writer", env.writer_topics()).await?;
    assert_eq!(env.count("SELECT count(*) FROM event_mentions").await?, 2);

    // The extractor has seen these articles before (with the old version): its group is at
    // the end of articles.clean. Now the current extractor runs.
    let extractor_group = format!("{}extractor", env.prefix);
    let (b2, g2, t2) = (
        env.broker.brokers.clone(),
        extractor_group.clone(),
        vec![env.topic("articles.clean")],
    );
    tokio::task::spawn_blocking(move || commit_group_at_end(&b2, &g2, &t2)).await??;
    let cfg = sahel_extractor::Config::parse_from([
        "extractor",
        "--kafka-brokers",
        &env.broker.brokers,
        "--topic-prefix",
        &env.prefix,
        "--http-addr",
        "127.0.0.1:0",
        "--batch-linger-ms",
        "20",
    ]);
    let (etx, erx) = oneshot::channel::<()>();
    let etask = tokio::spawn(sahel_extractor::run(cfg, async move {
        let _ = erx.await;
    }));

    let replay = sahel_writer::replay::ReplayConfig::parse_from([
        "replay-articles",
        "--kafka-brokers",
        &env.broker.brokers,
        "--topic-prefix",
        &env.prefix,
        "--group-id",
        "writer",
        "--database-url",
        &env.db,
        "--wait-secs",
        "120",
    ]);
    let summary = sahel_writer::replay::run(replay).await?;
    assert_eq!(summary.published, 2);
    assert_eq!(summary.finished, 2);
    assert_eq!(
        (summary.mentions_pruned, summary.articles_now_empty),
        (1, 1),
        "{summary}"
    );

    // Only the current extractor's mentions remain, and the events are recomputed.
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT mention_id, extractor_version FROM event_mentions ORDER BY mention_id")
            .fetch_all(&env.pool)
            .await?;
    let mut expected: Vec<(String, String)> = current
        .iter()
        .map(|m| (m.id.clone(), m.extractor_version.clone()))
        .collect();
    expected.sort();
    assert_eq!(rows, expected);
    let old_events = env
        .count("SELECT count(*) FROM events WHERE event_id LIKE 'evt_0000000000000000000000000000old%'")
        .await?;
    assert_eq!(
        old_events, 0,
        "the old extractor's events lost their mentions and are gone"
    );
    let mut event_ids: Vec<String> = current.iter().map(|m| m.event_id.clone()).collect();
    event_ids.sort();
    event_ids.dedup();
    let stored: Vec<String> = sqlx::query_scalar("SELECT event_id FROM events_export ORDER BY event_id")
        .fetch_all(&env.pool)
        .await?;
    assert_eq!(stored, event_ids);
    // The articles themselves did not change.
    let articles = env
        .count("SELECT count(*) FROM articles WHERE normalized_at = '2024-03-17T08:00:00Z'")
        .await?;
    assert_eq!(articles, 2);

    // Replaying every topic from the beginning (old mentions included) changes nothing.
    let before = snapshot(&env.pool).await?;
    let (tx2, task2) = env.run_writer("again");
    env.wait_caught_up("again", env.writer_topics()).await?;
    stop(tx2, task2).await?;
    assert_eq!(before, snapshot(&env.pool).await?, "a replay brought old mentions back");

    stop(tx, task).await?;
    let _ = etx.send(());
    tokio::time::timeout(Duration::from_secs(30), etask).await???;
    Ok(())
}

/// Issue 19, item 1: a refusal that is about the database, not the message, is retried with
/// the offsets kept, never dead-lettered. Each SQLSTATE is raised by a trigger on the mentions
/// table, as a read-only standby after a failover (25006), a revoked grant (42501), a statement
/// timeout (57014), a disk error (58030), a column dropped by a migration in progress (42703)
/// or a broken connection (08006) would raise it; removing the trigger is removing the cause.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn database_refusals_not_about_the_data_are_retried_never_dead_lettered() -> anyhow::Result<()> {
    let env = Env::start().await?;
    let (tx, task) = env.run_writer("w");
    env.produce("events.extracted", &mentions(0..10)).await?;
    env.wait_caught_up("w", env.writer_topics()).await?;
    let mut n = 10;
    for code in ["25006", "42501", "57014", "58030", "42703", "08006"] {
        env.refuse_mentions(code).await?;
        env.produce("events.extracted", &mentions(n..n + 10)).await?;
        // Long enough for several attempts (the writer retries after 100 ms, at most 1 s).
        tokio::time::sleep(Duration::from_secs(4)).await;
        assert_eq!(
            env.count("SELECT count(*) FROM dead_letters").await?,
            0,
            "{code}: nothing dead-lettered in PostgreSQL"
        );
        let dlq = topic_ids(&env.broker.brokers, &env.topic("events.extracted.dlq")).await?;
        assert!(dlq.is_empty(), "{code}: nothing on the dead-letter topic: {dlq:?}");
        assert_eq!(
            env.count("SELECT count(*) FROM event_mentions").await?,
            n as i64,
            "{code}: nothing written"
        );
        let (b, t) = (env.broker.brokers.clone(), env.writer_topics());
        let stored = tokio::task::spawn_blocking(move || caught_up(&b, "w", &t)).await??;
        assert!(!stored, "{code}: the refused batch's offsets are not stored");
        env.accept_mentions().await?;
        n += 10;
        env.wait_caught_up("w", env.writer_topics()).await?;
        assert_complete(&env, n).await?;
    }
    stop(tx, task).await?;
    assert_eq!(env.count("SELECT count(*) FROM dead_letters").await?, 0);
    Ok(())
}

/// Issue 19, item 2: a dead letter whose headers hold NUL (a schema name or an id with
/// `\u0000`, quoted in the error) is recorded without them, and the writer goes on. Before,
/// PostgreSQL refused the row, the letter was sent to `<topic>.dlq.dlq`, which does not exist,
/// and the partition stopped for good.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_dead_letter_with_nul_in_its_headers_is_recorded_and_the_writer_goes_on() -> anyhow::Result<()> {
    use rdkafka::message::{Header, OwnedHeaders};
    let env = Env::start().await?;
    let producer = env.producer()?;
    let headers = OwnedHeaders::new()
        .insert(Header {
            key: "dlq.error",
            value: Some("unknown schema \"events.extracted\u{0}x\" version 1"),
        })
        .insert(Header {
            key: "dlq.error.kind",
            value: Some("wrong_schema"),
        })
        .insert(Header {
            key: "dlq.service",
            value: Some("extractor\u{0}"),
        })
        .insert(Header {
            key: "dlq.original.topic",
            value: Some(env.topic("articles.clean").as_str()),
        })
        .insert(Header {
            key: "dlq.original.partition",
            value: Some("0"),
        })
        .insert(Header {
            key: "dlq.original.offset",
            value: Some("7"),
        });
    producer
        .send(
            FutureRecord::to(&env.topic("articles.clean.dlq"))
                .key("art_\u{0}00")
                .payload("{\"schema\":{\"name\":\"articles.clean\u{0}\"}}")
                .headers(headers),
            Duration::from_secs(30),
        )
        .await
        .map_err(|(e, _)| e)?;
    env.produce("events.extracted", &mentions(0..20)).await?;
    let (tx, task) = env.run_writer("w");
    env.wait_caught_up("w", env.writer_topics()).await?;
    stop(tx, task).await?;
    assert_complete(&env, 20).await?;
    let (error, service, key): (String, String, String) =
        sqlx::query_as("SELECT error, service, message_key FROM dead_letters")
            .fetch_one(&env.pool)
            .await?;
    assert!(error.contains("events.extractedx"), "{error}");
    assert_eq!(service, "extractor");
    assert_eq!(key, "art_00");
    Ok(())
}

/// A plain HTTP GET on loopback: (status, body).
async fn http_get(addr: &str, path: &str) -> anyhow::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
        .await?;
    let mut out = String::new();
    s.read_to_string(&mut out).await?;
    let status = out.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Ok((status, out))
}

/// Issue 19, item 2: the progress watchdog. While the database refuses every batch, work is
/// pending and nothing finishes: after `--stall-after-ms` the writer says so on `/healthz` and
/// in `sahel_stalled{kind="handle"}`, and both clear once the batch goes through.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_stalled_writer_says_where_it_is_stuck() -> anyhow::Result<()> {
    let env = Env::start().await?;
    let addr = format!("127.0.0.1:{}", sahel_e2e::free_port()?);
    let mut args = env.writer_args("w");
    if let Some(i) = args.iter().position(|a| a == "--http-addr") {
        args[i + 1] = addr.clone();
    }
    args.extend(["--stall-after-ms".to_owned(), "1000".to_owned()]);
    let cfg = sahel_writer::Config::parse_from(std::iter::once("writer".to_owned()).chain(args));
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(sahel_writer::run(cfg, async move {
        let _ = rx.await;
    }));
    // The writer creates the schema; the refusal goes in once the table is there.
    wait_until("the writer's migrations", Duration::from_secs(60), || async {
        Ok(env
            .count("SELECT count(*) FROM pg_tables WHERE tablename = 'event_mentions'")
            .await?
            == 1)
    })
    .await?;
    env.refuse_mentions("58030").await?;
    env.produce("events.extracted", &mentions(0..10)).await?;
    let stalled = |body: &str| {
        body.lines()
            .any(|l| l.starts_with("sahel_stalled{") && l.contains("kind=\"handle\"") && l.trim_end().ends_with(" 1"))
    };
    wait_until("the writer to report a stall", Duration::from_secs(60), || {
        let addr = addr.clone();
        async move {
            let (_, metrics) = http_get(&addr, "/metrics").await?;
            let (health, _) = http_get(&addr, "/healthz").await?;
            Ok(stalled(&metrics) && health == 503)
        }
    })
    .await?;
    assert_eq!(env.count("SELECT count(*) FROM dead_letters").await?, 0);
    env.accept_mentions().await?;
    env.wait_caught_up("w", env.writer_topics()).await?;
    wait_until("the writer to report progress again", Duration::from_secs(30), || {
        let addr = addr.clone();
        async move {
            let (_, metrics) = http_get(&addr, "/metrics").await?;
            let (health, _) = http_get(&addr, "/healthz").await?;
            Ok(!stalled(&metrics) && health == 200)
        }
    })
    .await?;
    stop(tx, task).await?;
    assert_complete(&env, 10).await?;
    Ok(())
}
