//! Hostile input across the whole pipeline, against a real Tansu broker and a real PostgreSQL
//! with the services running in-process (as in `pipeline.rs`).
//!
//! - Files: invalid UTF-8, binary files, empty files, a 50 MB file and HTML bombs next to good
//!   documents. Every bad file is accounted for (a dead letter with its reason, or a skip with
//!   its reason in the fetcher's report), and the good files, read after the bad ones, still
//!   become articles.
//! - Each topic (`articles.raw`, `articles.clean`, `events.extracted`): malformed JSON, JSON of
//!   the wrong shape, wrong and unknown schema versions, invalid UTF-8, binary bytes, empty and
//!   null payloads and a payload larger than the services' message limit, produced straight onto
//!   one partition between good messages. Each bad one lands on `<topic>.dlq` with the original
//!   topic, partition and offset and a reason naming the problem; the good ones after them are
//!   processed (rows in PostgreSQL); no service task exits and every consumer group catches up.
//!
//! Run: `cargo nextest run -p sahel-e2e --test hostile_input`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser as _;
use rdkafka::consumer::{BaseConsumer, Consumer as _};
use rdkafka::message::{Headers as _, Message as _};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};
use sahel_e2e::{caught_up, unique, wait_until, Broker, Postgres};
use sahel_schemas::{dlq, ids, CleanArticle, EventMention, RawArticle};
#[path = "common/messages.rs"]
mod messages;
#[path = "common/services.rs"]
mod services;
use services::{common, Services};

/// The services' message limit (`message.max.bytes` of their producers, `services/runtime`).
const SERVICE_MESSAGE_LIMIT: usize = 10 * 1024 * 1024;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile")
}

fn fixture(name: &str) -> anyhow::Result<String> {
    Ok(std::fs::read_to_string(fixtures().join(name))?)
}

// ---------------------------------------------------------------------------------------------
// The stack: PostgreSQL, Tansu, and the three consumer services in this process.

/// Starts PostgreSQL, Tansu and the services, runs `checks`, and stops the services (while the
/// broker still runs) whatever the checks did; a service that exited early fails the test.
async fn with_stack<F, Fut>(partitions: u32, checks: F) -> anyhow::Result<()>
where
    F: FnOnce(Stack) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let pg = Postgres::start()?;
    let broker = Broker::start()?;
    let stack = Stack {
        db_url: pg.fresh_database(&unique("hostile_")).await?,
        prefix: format!("{}.", unique("h")),
        brokers: broker.brokers.clone(),
    };
    let services = Services::start(&stack.brokers, &stack.prefix, &stack.db_url, Some(partitions));
    services.stop_after(checks(stack)).await
}

#[derive(Clone)]
struct Stack {
    db_url: String,
    prefix: String,
    brokers: String,
}

impl Stack {
    fn topic(&self, base: &str) -> String {
        format!("{}{base}", self.prefix)
    }

    async fn pool(&self) -> anyhow::Result<sqlx::PgPool> {
        Ok(sqlx::PgPool::connect(&self.db_url).await?)
    }

    /// A producer allowed to send more than the services accept (a foreign, careless client).
    fn producer(&self) -> anyhow::Result<FutureProducer> {
        Ok(ClientConfig::new()
            .set("bootstrap.servers", &self.brokers)
            .set("message.max.bytes", "33554432")
            .set("message.timeout.ms", "30000")
            .create()?)
    }

    /// Waits until the services created their topics (they do at start).
    async fn wait_for_topics(&self) -> anyhow::Result<()> {
        let topics: Vec<String> = ["articles.raw", "articles.clean", "events.extracted"]
            .iter()
            .flat_map(|t| [self.topic(t), dlq::dlq_topic(&self.topic(t))])
            .collect();
        let brokers = self.brokers.clone();
        wait_until("the services to create their topics", Duration::from_secs(60), || {
            let (b, t) = (brokers.clone(), topics.clone());
            async move {
                tokio::task::spawn_blocking(move || -> anyhow::Result<bool> {
                    let c: BaseConsumer = ClientConfig::new().set("bootstrap.servers", &b).create()?;
                    let md = c.fetch_metadata(None, Duration::from_secs(5))?;
                    Ok(t.iter().all(|want| {
                        md.topics()
                            .iter()
                            .any(|mt| mt.name() == want && !mt.partitions().is_empty())
                    }))
                })
                .await?
            }
        })
        .await
    }

    /// Waits until every consumer group has committed the end of every partition it reads:
    /// nothing is stuck.
    async fn wait_all_caught_up(&self) -> anyhow::Result<()> {
        let t = |base: &str| self.topic(base);
        let groups = [
            ("normalizer", vec![t("articles.raw")]),
            ("extractor", vec![t("articles.clean")]),
            (
                "writer",
                vec![
                    t("articles.clean"),
                    t("events.extracted"),
                    t("articles.raw.dlq"),
                    t("articles.clean.dlq"),
                    t("events.extracted.dlq"),
                ],
            ),
        ];
        for (service, topics) in groups {
            let group = format!("{}{service}", self.prefix);
            let b = self.brokers.clone();
            wait_until(
                &format!("consumer group {group} to catch up"),
                Duration::from_secs(90),
                || {
                    let (b, g, t) = (b.clone(), group.clone(), topics.clone());
                    async move { tokio::task::spawn_blocking(move || caught_up(&b, &g, &t)).await? }
                },
            )
            .await?;
        }
        Ok(())
    }
}

/// One dead letter as read from a `.dlq` topic.
#[derive(Debug, Clone)]
struct DeadLetter {
    key: Option<String>,
    payload_len: usize,
    headers: BTreeMap<String, String>,
}

impl DeadLetter {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }
    fn original(&self) -> (String, i32, i64) {
        (
            self.header(dlq::HEADER_ORIGINAL_TOPIC).to_owned(),
            self.header(dlq::HEADER_ORIGINAL_PARTITION).parse().unwrap_or(-1),
            self.header(dlq::HEADER_ORIGINAL_OFFSET).parse().unwrap_or(-1),
        )
    }
}

/// The messages of `topic` (all partitions, from the start), read until `enough` holds or
/// `timeout` passes.
async fn read_topic(
    brokers: &str,
    topic: &str,
    enough: impl Fn(&[DeadLetter]) -> bool + Send + 'static,
    timeout: Duration,
) -> anyhow::Result<Vec<DeadLetter>> {
    let (brokers, topic) = (brokers.to_owned(), topic.to_owned());
    tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<DeadLetter>> {
        let c: BaseConsumer = ClientConfig::new()
            .set("bootstrap.servers", &brokers)
            .set("group.id", unique("reader"))
            .set("enable.auto.commit", "false")
            .create()?;
        let md = c.fetch_metadata(Some(&topic), Duration::from_secs(5))?;
        let mut tpl = TopicPartitionList::new();
        for mt in md.topics() {
            for p in mt.partitions() {
                tpl.add_partition_offset(&topic, p.id(), Offset::Beginning)?;
            }
        }
        c.assign(&tpl)?;
        let deadline = std::time::Instant::now() + timeout;
        let mut out = Vec::new();
        while !enough(&out) && std::time::Instant::now() < deadline {
            match c.poll(Duration::from_millis(200)) {
                Some(Ok(m)) => {
                    let headers = m
                        .headers()
                        .map(|h| {
                            h.iter()
                                .map(|h| {
                                    (
                                        h.key.to_owned(),
                                        String::from_utf8_lossy(h.value.unwrap_or_default()).into_owned(),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    out.push(DeadLetter {
                        key: m.key().map(|k| String::from_utf8_lossy(k).into_owned()),
                        payload_len: m.payload().map_or(0, <[u8]>::len),
                        headers,
                    });
                }
                Some(Err(e)) => anyhow::bail!("reading {topic}: {e}"),
                None => {}
            }
        }
        Ok(out)
    })
    .await?
}

// ---------------------------------------------------------------------------------------------
// Hostile messages on each topic.

/// A hostile message and what must become of it.
struct Case {
    /// Also the Kafka key, so its dead letter can be found.
    key: &'static str,
    /// `None`: a record without a payload (a tombstone).
    payload: Option<Vec<u8>>,
    /// The `dlq.error.kind` expected, and a word the reason must contain.
    kind: &'static str,
    reason: &'static str,
}

/// The good message `good` with one string value replaced (keeps the bytes otherwise intact).
fn replace(good: &[u8], from: &str, to: &[u8]) -> Vec<u8> {
    let at = good
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap_or_else(|| panic!("{from:?} is not in the good message"));
    [&good[..at], to, &good[at + from.len()..]].concat()
}

/// The hostile cases for a topic whose messages are named `schema`, derived from a good one.
fn cases(schema: &str, good: &serde_json::Value) -> anyhow::Result<Vec<Case>> {
    let good_bytes = serde_json::to_vec(good)?;
    let with = |f: &dyn Fn(&mut serde_json::Value)| -> anyhow::Result<Vec<u8>> {
        let mut v = good.clone();
        f(&mut v);
        Ok(serde_json::to_vec(&v)?)
    };
    let id = good["id"].as_str().unwrap_or_default().to_owned();
    // Random-looking bytes (fixed, so a failure can be reproduced).
    let binary: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    // Larger than any service may produce, so its dead letter cannot carry it whole.
    let mut huge = b"{\"schema\": {\"name\": \"".to_vec();
    huge.extend_from_slice(schema.as_bytes());
    huge.extend_from_slice(b"\", \"version\": 1}, \"id\": \"huge\", \"padding\": \"");
    huge.resize(SERVICE_MESSAGE_LIMIT + 1024 * 1024, b'x');
    huge.extend_from_slice(b"\"}");
    Ok(vec![
        Case {
            key: "hostile-truncated-json",
            payload: Some(good_bytes[..good_bytes.len() / 2].to_vec()),
            kind: "malformed",
            reason: "EOF",
        },
        Case {
            key: "hostile-not-json",
            payload: Some(b"<html><body>not json</body></html>".to_vec()),
            kind: "malformed",
            reason: "cannot read schema id",
        },
        Case {
            key: "hostile-json-array",
            payload: Some(b"[1, 2, 3]".to_vec()),
            kind: "malformed",
            reason: "cannot read schema id",
        },
        Case {
            key: "hostile-wrong-shape",
            payload: Some(with(&|v| {
                v["id"] = serde_json::json!(42);
            })?),
            kind: "malformed",
            reason: "invalid type",
        },
        Case {
            key: "hostile-missing-field",
            payload: Some(with(&|v| {
                if let Some(o) = v.as_object_mut() {
                    o.remove("produced_at");
                }
            })?),
            kind: "malformed",
            reason: "missing field `produced_at`",
        },
        // (An unknown field is no longer hostile: a newer minor version may add one, and it is
        // ignored; schemas/COMPATIBILITY.md and tests/compatibility.rs.)
        Case {
            key: "hostile-minor-not-a-number",
            payload: Some(with(&|v| {
                v["schema"]["minor"] = serde_json::json!("two");
            })?),
            kind: "malformed",
            reason: "cannot read schema id",
        },
        Case {
            key: "hostile-future-version",
            payload: Some(with(&|v| {
                v["schema"]["version"] = serde_json::json!(2);
            })?),
            kind: "wrong_schema",
            reason: "v2",
        },
        Case {
            key: "hostile-version-zero",
            payload: Some(with(&|v| {
                v["schema"]["version"] = serde_json::json!(0);
            })?),
            kind: "wrong_schema",
            reason: "v0",
        },
        Case {
            key: "hostile-negative-version",
            payload: Some(with(&|v| {
                v["schema"]["version"] = serde_json::json!(-1);
            })?),
            kind: "malformed",
            reason: "cannot read schema id",
        },
        Case {
            key: "hostile-other-schema",
            payload: Some(with(&|v| {
                v["schema"]["name"] = serde_json::json!("articles.unknown");
            })?),
            kind: "wrong_schema",
            reason: "articles.unknown",
        },
        Case {
            key: "hostile-invalid-utf8",
            payload: Some(replace(&good_bytes, &id, b"doc_\xff\xfe\xc3(")),
            kind: "malformed",
            reason: "unicode",
        },
        Case {
            key: "hostile-binary",
            payload: Some(binary),
            kind: "malformed",
            reason: "cannot read schema id",
        },
        Case {
            key: "hostile-empty",
            payload: Some(Vec::new()),
            kind: "empty_payload",
            reason: "empty payload",
        },
        Case {
            key: "hostile-null",
            payload: None,
            kind: "empty_payload",
            reason: "empty payload",
        },
        Case {
            key: "hostile-huge",
            payload: Some(huge),
            kind: "malformed",
            reason: "missing field",
        },
    ])
}

/// Produces one record on partition 0 of `topic`; returns its offset.
async fn send(producer: &FutureProducer, topic: &str, key: String, payload: Option<Vec<u8>>) -> anyhow::Result<i64> {
    let mut r = FutureRecord::<str, [u8]>::to(topic).key(&key).partition(0);
    if let Some(p) = &payload {
        r = r.payload(p);
    }
    producer
        .send(r, Duration::from_secs(30))
        .await
        .map(|d| d.offset)
        .map_err(|(e, _)| anyhow::anyhow!("producing to {topic}: {e}"))
}

/// Produces `first`, the hostile cases and `last` onto partition 0 of `topic`, in that order,
/// each acknowledged before the next is sent. Returns the offset of each case, by key.
async fn produce_hostile(
    stack: &Stack,
    topic: &str,
    first: &[(String, Vec<u8>)],
    cases: &[Case],
    last: &[(String, Vec<u8>)],
) -> anyhow::Result<BTreeMap<&'static str, i64>> {
    let producer = stack.producer()?;
    let send = |key: &str, payload: Option<&[u8]>| send(&producer, topic, key.to_owned(), payload.map(<[u8]>::to_vec));
    for (k, p) in first {
        send(k, Some(p)).await?;
    }
    let mut offsets = BTreeMap::new();
    for c in cases {
        let off = send(c.key, c.payload.as_deref())
            .await
            .map_err(|e| e.context(format!("case {}", c.key)))?;
        offsets.insert(c.key, off);
    }
    for (k, p) in last {
        send(k, Some(p)).await?;
    }
    Ok(offsets)
}

/// Checks that each case has one dead letter per consuming `service` on `<topic>.dlq`, with
/// the original topic, partition and offset and the expected reason.
async fn check_dead_letters(
    stack: &Stack,
    topic: &str,
    cases: &[Case],
    offsets: &BTreeMap<&'static str, i64>,
    services: &[&str],
) -> anyhow::Result<()> {
    let dlq_topic = dlq::dlq_topic(topic);
    let expected = cases.len() * services.len();
    let wanted: Vec<(String, String)> = cases
        .iter()
        .flat_map(|c| services.iter().map(|s| (c.key.to_owned(), (*s).to_owned())))
        .collect();
    let all_there = move |letters: &[DeadLetter]| {
        wanted.iter().all(|(k, s)| {
            letters
                .iter()
                .any(|l| l.key.as_deref() == Some(k) && l.header(dlq::HEADER_SERVICE) == s)
        })
    };
    let letters = read_topic(&stack.brokers, &dlq_topic, all_there, Duration::from_secs(90)).await?;
    let mut problems = Vec::new();
    for c in cases {
        for service in services {
            // At least once: a retried batch may dead-letter a message again, never differently.
            let found: Vec<&DeadLetter> = letters
                .iter()
                .filter(|l| l.key.as_deref() == Some(c.key) && l.header(dlq::HEADER_SERVICE) == *service)
                .collect();
            if found.is_empty() {
                problems.push(format!("{}: no dead letter from {service}", c.key));
            }
            for l in found {
                let want = (topic.to_owned(), 0, offsets[c.key]);
                if l.original() != want {
                    problems.push(format!("{}: original {:?}, want {want:?}", c.key, l.original()));
                }
                if l.header(dlq::HEADER_ERROR_KIND) != c.kind || !l.header(dlq::HEADER_ERROR).contains(c.reason) {
                    problems.push(format!(
                        "{} ({service}): kind {:?}, reason {:?}; want {} with {:?}",
                        c.key,
                        l.header(dlq::HEADER_ERROR_KIND),
                        l.header(dlq::HEADER_ERROR),
                        c.kind,
                        c.reason
                    ));
                }
                // A payload over the services' limit is kept in part, and the size is said.
                let size = c.payload.as_ref().map_or(0, Vec::len);
                let truncated = l.header(dlq::HEADER_PAYLOAD_TRUNCATED);
                let ok = if size > SERVICE_MESSAGE_LIMIT {
                    truncated == size.to_string() && l.payload_len > 0 && l.payload_len < size
                } else {
                    truncated.is_empty() && l.payload_len == size
                };
                if !ok {
                    problems.push(format!(
                        "{}: payload of {size} bytes, dead letter of {} bytes with truncated={truncated:?}",
                        c.key, l.payload_len
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "dead letters on {dlq_topic}: {problems:#?}");
    // The writer records them too, with the same origin.
    let pool = stack.pool().await?;
    let keys: Vec<String> = cases.iter().map(|c| c.key.to_owned()).collect();
    wait_until("the writer to record the dead letters", Duration::from_secs(60), || {
        let (pool, keys) = (pool.clone(), keys.clone());
        async move {
            let n: i64 = sqlx::query_scalar(
                "SELECT count(DISTINCT (message_key, service)) FROM dead_letters
                 WHERE message_key = ANY($1) AND original_topic = $2 AND error_kind IS NOT NULL",
            )
            .bind(&keys)
            .bind(topic)
            .fetch_one(&pool)
            .await?;
            Ok(n == expected as i64)
        }
    })
    .await
}

fn good_raw(name: &str, text: &str) -> RawArticle {
    messages::text_document("hostile-test", &format!("/hostile/{name}"), text)
}

/// Two good articles (English and French protests), as each stage would emit them.
fn good_messages() -> anyhow::Result<Vec<(RawArticle, CleanArticle, Vec<EventMention>)>> {
    let extractor = sahel_extractor::Extractor::new()?;
    let mut out = Vec::new();
    for name in ["z_good_en_gao_sit_in.txt", "z_good_fr_zinder_greve.txt"] {
        let raw = good_raw(name, &fixture(name)?);
        let clean = sahel_normalizer::normalize(&raw).map_err(|r| anyhow::anyhow!("{r}"))?;
        let mentions = extractor.code_article(&clean);
        anyhow::ensure!(!mentions.is_empty(), "{name} codes no event");
        out.push((raw, clean, mentions));
    }
    Ok(out)
}

fn json_record<T: sahel_schemas::envelope::Message>(key: &str, v: &T) -> anyhow::Result<(String, Vec<u8>)> {
    Ok((key.to_owned(), serde_json::to_vec(v)?))
}

async fn count(pool: &sqlx::PgPool, sql: &str, ids: &[String]) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(sql).bind(ids).fetch_one(pool).await?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hostile_messages_on_articles_raw_are_dead_lettered_and_the_partition_moves_on() -> anyhow::Result<()> {
    with_stack(3, |stack| async move {
        stack.wait_for_topics().await?;
        let topic = stack.topic("articles.raw");
        let goods = good_messages()?;
        let [(first, ..), (last, ..)] = goods.as_slice() else {
            anyhow::bail!("two good messages")
        };
        let good_json = serde_json::to_value(first)?;
        let mut cases = cases("articles.raw", &good_json)?;
        // A valid document under the message limit whose clean article would be over it
        // (270 000 one-line paragraphs, each with its span): it cannot be delivered, so it is
        // dead-lettered rather than retried for ever.
        let mut body = fixture("z_good_en_gao_sit_in.txt")?;
        for i in 0..270_000 {
            body.push_str(&format!("\nab {i}"));
        }
        let huge_valid = good_raw("huge-valid.txt", &body);
        cases.push(Case {
            key: "hostile-huge-output",
            payload: Some(serde_json::to_vec(&huge_valid)?),
            kind: "output_too_large",
            reason: "articles.clean",
        });
        let offsets = produce_hostile(
            &stack,
            &topic,
            &[json_record(&first.id, first)?],
            &cases,
            &[json_record(&last.id, last)?],
        )
        .await?;
        check_dead_letters(&stack, &topic, &cases, &offsets, &["normalizer"]).await?;
        // Both good documents became articles, the one after the hostile messages included.
        let pool = stack.pool().await?;
        let want: Vec<String> = [first, last].iter().map(|r| ids::article_id(&r.id)).collect();
        wait_until("the good documents to become articles", Duration::from_secs(60), || {
            let (pool, want) = (pool.clone(), want.clone());
            async move {
                Ok(count(&pool, "SELECT count(*) FROM articles WHERE article_id = ANY($1)", &want).await? == 2)
            }
        })
        .await?;
        stack.wait_all_caught_up().await
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hostile_messages_on_articles_clean_are_dead_lettered_and_the_partition_moves_on() -> anyhow::Result<()> {
    with_stack(3, |stack| async move {
        stack.wait_for_topics().await?;
        let topic = stack.topic("articles.clean");
        let goods = good_messages()?;
        let [(_, first, first_mentions), (_, last, last_mentions)] = goods.as_slice() else {
            anyhow::bail!("two good messages")
        };
        let good_json = serde_json::to_value(first)?;
        let cases = cases("articles.clean", &good_json)?;
        let offsets = produce_hostile(
            &stack,
            &topic,
            &[json_record(&first.id, first)?],
            &cases,
            &[json_record(&last.id, last)?],
        )
        .await?;
        // Two services read articles.clean: each dead-letters what it cannot read.
        check_dead_letters(&stack, &topic, &cases, &offsets, &["extractor", "writer"]).await?;
        let pool = stack.pool().await?;
        let articles: Vec<String> = vec![first.id.clone(), last.id.clone()];
        let mentions: Vec<String> = first_mentions
            .iter()
            .chain(last_mentions)
            .map(|m| m.id.clone())
            .collect();
        wait_until("the good articles and their events", Duration::from_secs(60), || {
            let (pool, articles, mentions) = (pool.clone(), articles.clone(), mentions.clone());
            async move {
                let a = count(
                    &pool,
                    "SELECT count(*) FROM articles WHERE article_id = ANY($1)",
                    &articles,
                )
                .await?;
                let m = count(
                    &pool,
                    "SELECT count(*) FROM event_mentions WHERE mention_id = ANY($1)",
                    &mentions,
                )
                .await?;
                Ok(a == 2 && m == mentions.len() as i64)
            }
        })
        .await?;
        stack.wait_all_caught_up().await
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hostile_messages_on_events_extracted_are_dead_lettered_and_the_partition_moves_on() -> anyhow::Result<()> {
    with_stack(3, |stack| async move {
        stack.wait_for_topics().await?;
        let topic = stack.topic("events.extracted");
        let goods = good_messages()?;
        let [(_, _, first), (_, _, last)] = goods.as_slice() else {
            anyhow::bail!("two good messages")
        };
        let good_json = serde_json::to_value(&first[0])?;
        let cases = cases("events.extracted", &good_json)?;
        let records = |ms: &[EventMention]| -> anyhow::Result<Vec<(String, Vec<u8>)>> {
            ms.iter().map(|m| json_record(&m.event_id, m)).collect()
        };
        let offsets = produce_hostile(&stack, &topic, &records(first)?, &cases, &records(last)?).await?;
        check_dead_letters(&stack, &topic, &cases, &offsets, &["writer"]).await?;
        let pool = stack.pool().await?;
        let mentions: Vec<String> = first.iter().chain(last).map(|m| m.id.clone()).collect();
        wait_until("the good mentions", Duration::from_secs(60), || {
            let (pool, mentions) = (pool.clone(), mentions.clone());
            async move {
                Ok(count(
                    &pool,
                    "SELECT count(*) FROM event_mentions WHERE mention_id = ANY($1)",
                    &mentions,
                )
                .await?
                    == mentions.len() as i64)
            }
        })
        .await?;
        stack.wait_all_caught_up().await
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Hostile files through the fetcher.

/// Runs the fetcher once over `dir`; returns its report lines. A fetcher that does not finish
/// in two minutes is stalled.
async fn fetch_once(stack: &Stack, dir: &Path, report: &Path) -> anyhow::Result<Vec<serde_json::Value>> {
    let mut args = vec![
        "fetcher".to_owned(),
        "--once".to_owned(),
        "--no-progress".to_owned(),
        "--path".to_owned(),
        dir.display().to_string(),
        "--source-name".to_owned(),
        "hostile".to_owned(),
        "--report".to_owned(),
        report.display().to_string(),
    ];
    args.extend(
        common(&stack.brokers, &stack.prefix, Some(1))
            .into_iter()
            .filter(|a| !a.starts_with("--batch") && a != "20"),
    );
    let cfg = sahel_fetcher::Config::try_parse_from(args)?;
    tokio::time::timeout(
        Duration::from_secs(120),
        sahel_fetcher::run(cfg, std::future::pending()),
    )
    .await
    .map_err(|_| anyhow::anyhow!("the fetcher did not finish in 120 s: a hostile file stalls it"))??;
    let text = std::fs::read_to_string(report)?;
    Ok(text.lines().map(serde_json::from_str).collect::<Result<_, _>>()?)
}

/// Deterministic bytes that look random (xorshift), so a failure can be reproduced.
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

/// What must become of a hostile file.
#[derive(Debug, Clone, PartialEq)]
enum Fate {
    /// Not emitted: the fetcher's report says why (`reason`, and `detail` containing a word).
    Skipped(&'static str, &'static str),
    /// Emitted, then dead-lettered on `articles.raw.dlq` with this kind.
    DeadLetter(&'static str),
    /// A readable document after all: an article (decoded as the README documents).
    Article,
}

const ATTRIBUTE_BOMB_TEXT: &str = "Soldiers patrolled the streets of Agadez on 2 June 2024 after a night of unrest.";

/// The hostile files, written into `dir`: name, bytes, fate. Their names sort before the good
/// fixtures' (`z_...`), so the fetcher reads them first.
fn hostile_files(dir: &Path) -> anyhow::Result<Vec<(&'static str, Fate)>> {
    let latin1: Vec<u8> = "Des manifestants se sont rassemblés à Tillabéri le 3 mai 2024 pour dénoncer l'insécurité.\n\nLa police a dispersé le cortège près du marché."
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let utf16: Vec<u8> = "Protesters gathered in Niamey on 16 March 2024."
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(noise(16 * 1024, 7));
    png.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    let nested = format!(
        "<html><body>{}deep{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let attribute = format!(
        "<html><body><div title=\"{}\"><p>{ATTRIBUTE_BOMB_TEXT}</p></div></body></html>",
        "A".repeat(8 * 1024 * 1024)
    );
    let links = format!(
        "<html><body><ul>{}</ul></body></html>",
        (0..100_000)
            .map(|i| format!("<li><a href=\"/page/{i}\">link {i}</a></li>"))
            .collect::<String>()
    );
    let files: Vec<(&'static str, Vec<u8>, Fate)> = vec![
        ("a_empty.txt", Vec::new(), Fate::DeadLetter("empty_document")),
        (
            "a_blank.txt",
            b" \n\t\r\n  \n".to_vec(),
            Fate::DeadLetter("empty_document"),
        ),
        ("b_image.png", png, Fate::DeadLetter("binary_document")),
        ("b_noise.bin", noise(64 * 1024, 42), Fate::DeadLetter("binary_document")),
        // 6 MiB of noise is under the 10 MiB file cap, but as JSON text (control characters
        // escaped) it is larger than a message may be.
        (
            "b_noise_large.bin",
            noise(6 * 1024 * 1024, 3),
            Fate::Skipped("too_large", "message limit"),
        ),
        ("c_utf16_without_bom.txt", utf16, Fate::DeadLetter("binary_document")),
        // Not UTF-8: decoded as windows-1252 (README, "Fetching safely").
        ("c_latin1.txt", latin1, Fate::Article),
        // A stray NUL in a text (PostgreSQL text cannot hold one).
        (
            "c_nul_byte.txt",
            b"Soldiers deployed in Dori on 7 June 2024\0 after an attack on the market.".to_vec(),
            Fate::Article,
        ),
        (
            "d_huge_50mb.txt",
            "All work and no play. ".repeat(50 * 1024 * 1024 / 22 + 1).into_bytes(),
            Fate::Skipped("too_large", "max-document-bytes"),
        ),
        (
            "e_bomb_nested.html",
            nested.into_bytes(),
            Fate::DeadLetter("too_deeply_nested"),
        ),
        // Its 8 MiB attribute is no text: the paragraph beside it is the article.
        ("e_bomb_attribute.html", attribute.into_bytes(), Fate::Article),
        (
            "e_bomb_links.html",
            links.into_bytes(),
            Fate::DeadLetter("no_main_text"),
        ),
    ];
    let mut out = Vec::new();
    for (name, bytes, fate) in files {
        std::fs::write(dir.join(name), bytes)?;
        out.push((name, fate));
    }
    Ok(out)
}

/// The offset of each document on `topic` (one partition), by document id.
async fn offsets_by_key(brokers: &str, topic: &str, n: usize) -> anyhow::Result<BTreeMap<String, i64>> {
    let (brokers, topic) = (brokers.to_owned(), topic.to_owned());
    tokio::task::spawn_blocking(move || -> anyhow::Result<BTreeMap<String, i64>> {
        let c: BaseConsumer = ClientConfig::new()
            .set("bootstrap.servers", &brokers)
            .set("group.id", unique("reader"))
            .set("enable.auto.commit", "false")
            .create()?;
        let mut tpl = TopicPartitionList::new();
        tpl.add_partition_offset(&topic, 0, Offset::Beginning)?;
        c.assign(&tpl)?;
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        let mut out = BTreeMap::new();
        while out.len() < n && std::time::Instant::now() < deadline {
            if let Some(m) = c.poll(Duration::from_millis(200)) {
                let m = m?;
                let key = m
                    .key()
                    .map(|k| String::from_utf8_lossy(k).into_owned())
                    .unwrap_or_default();
                out.entry(key).or_insert(m.offset());
            }
        }
        Ok(out)
    })
    .await?
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hostile_files_are_accounted_for_and_good_files_after_them_still_flow() -> anyhow::Result<()> {
    // One partition, so "after" means a higher offset on the partition the bad files are on.
    with_stack(1, |stack| async move {
        stack.wait_for_topics().await?;
        let input = tempfile::tempdir()?;
        let hostile = hostile_files(input.path())?;
        let good = ["z_good_en_gao_sit_in.txt", "z_good_fr_zinder_greve.txt"];
        for g in good {
            std::fs::copy(fixtures().join(g), input.path().join(g))?;
        }
        let report_dir = tempfile::tempdir()?;
        let lines = fetch_once(&stack, input.path(), &report_dir.path().join("report.jsonl")).await?;
        let line = |name: &str| {
            lines
                .iter()
                .find(|l| l["location"].as_str().is_some_and(|p| p.ends_with(name)))
                .cloned()
                .unwrap_or_else(|| panic!("{name} is not in the fetcher's report: {lines:#?}"))
        };
        let doc_id = |name: &str| line(name)["document_id"].as_str().map(str::to_owned);

        // Skipped files: in the report with the reason; the others were emitted.
        for (name, fate) in &hostile {
            let l = line(name);
            match fate {
                Fate::Skipped(reason, word) => {
                    assert_eq!(l["status"], "skipped", "{name}: {l}");
                    assert_eq!(l["reason"], *reason, "{name}: {l}");
                    assert!(l["detail"].as_str().is_some_and(|d| d.contains(word)), "{name}: {l}");
                }
                _ => assert_eq!(l["status"], "emitted", "{name}: {l}"),
            }
        }
        for g in good {
            assert_eq!(line(g)["status"], "emitted");
        }

        // The good files were read after the bad ones: later on the one partition.
        let emitted: Vec<(&str, String)> = hostile
            .iter()
            .map(|(n, _)| *n)
            .chain(good)
            .filter_map(|n| doc_id(n).map(|id| (n, id)))
            .collect();
        let offsets = offsets_by_key(&stack.brokers, &stack.topic("articles.raw"), emitted.len()).await?;
        let offset = |id: &str| offsets.get(id).copied().unwrap_or(-1);
        let last_bad = emitted
            .iter()
            .filter(|(n, _)| !n.starts_with("z_"))
            .map(|(_, id)| offset(id))
            .max()
            .unwrap_or(-1);
        for g in good {
            let id = doc_id(g).unwrap_or_default();
            assert!(
                offset(&id) > last_bad,
                "{g} at {} is after every bad file ({last_bad})",
                offset(&id)
            );
        }

        // Every emitted file ends as an article or a dead letter with its reason; the good ones
        // (and the Latin-1 one) are articles.
        let pool = stack.pool().await?;
        let ids: Vec<String> = emitted.iter().map(|(_, id)| id.clone()).collect();
        wait_until(
            "every emitted file to be accounted for",
            Duration::from_secs(90),
            || {
                let (pool, ids) = (pool.clone(), ids.clone());
                async move {
                    let n = count(
                        &pool,
                        "SELECT count(*) FROM unnest($1::text[]) d(id)
                     WHERE EXISTS (SELECT 1 FROM articles a WHERE a.document_id = d.id)
                        OR EXISTS (SELECT 1 FROM dead_letters l WHERE l.message_key = d.id)",
                        &ids,
                    )
                    .await?;
                    Ok(n == ids.len() as i64)
                }
            },
        )
        .await?;
        stack.wait_all_caught_up().await?;
        let mut problems = Vec::new();
        for (name, id) in &emitted {
            let article: Option<(String, String)> =
                sqlx::query_as("SELECT article_id, main_text FROM articles WHERE document_id = $1")
                    .bind(id)
                    .fetch_optional(&pool)
                    .await?;
            let letters: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT original_topic, error_kind, error FROM dead_letters WHERE message_key = $1 ORDER BY 1, 2",
            )
            .bind(id)
            .fetch_all(&pool)
            .await?;
            let fate = hostile
                .iter()
                .find(|(n, _)| n == name)
                .map_or(Fate::Article, |(_, f)| f.clone());
            let ok = match &fate {
                Fate::Article => article.is_some() && letters.is_empty(),
                Fate::DeadLetter(kind) => {
                    article.is_none()
                        && letters.len() == 1
                        && letters[0].0 == stack.topic("articles.raw")
                        && letters[0].1 == *kind
                        && !letters[0].2.is_empty()
                }
                Fate::Skipped(..) => false,
            };
            if !ok {
                problems.push(format!(
                    "{name}: want {fate:?}, got article {:?} and dead letters {letters:?}",
                    article.map(|a| a.0)
                ));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
        // The Latin-1 file was decoded, not garbled.
        let text: String = sqlx::query_scalar("SELECT main_text FROM articles WHERE url_or_path LIKE '%c_latin1.txt'")
            .fetch_one(&pool)
            .await?;
        assert!(text.contains("rassemblés à Tillabéri"), "{text}");
        let text: String =
            sqlx::query_scalar("SELECT main_text FROM articles WHERE url_or_path LIKE '%e_bomb_attribute.html'")
                .fetch_one(&pool)
                .await?;
        assert_eq!(text, ATTRIBUTE_BOMB_TEXT);
        // The good files' events were coded: the extractor got past the bad ones too.
        let good_articles: Vec<String> = good
            .iter()
            .filter_map(|g| doc_id(g))
            .map(|d| ids::article_id(&d))
            .collect();
        let coded = count(
            &pool,
            "SELECT count(DISTINCT article_id) FROM event_mentions WHERE article_id = ANY($1)",
            &good_articles,
        )
        .await?;
        assert_eq!(coded, 2, "both good articles have events");
        Ok(())
    })
    .await
}
