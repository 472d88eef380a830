//! `sahel-writer replay-articles`: re-extraction of stored articles by the current extractor.
//!
//! Lexicons and the extractor keep improving; the articles already in PostgreSQL should be
//! coded again by the current version. This command:
//!
//! 1. selects the original articles to replay (all, some ids, or those fetched since a time);
//! 2. records a re-extraction request for each (`article_extractions.requested_at`, on the
//!    database clock);
//! 3. publishes each article again on `articles.clean`, rebuilt from its row (same id, same
//!    `produced_at` and producer as the normalizer's message, so the writer's copy of the
//!    article does not change), with a `sahel.replayed_by` header, and waits for the delivery
//!    reports;
//! 4. waits until the extractor's consumer group has committed past every replayed message,
//!    and then until the writer's group has committed everything on `events.extracted`;
//! 5. prunes: the writer clears a request when it writes, after the request, a mention of the
//!    article's current extraction; a request still pending means the current extractor found
//!    nothing in the article, so its mentions go, it is recorded as "extracted, nothing found"
//!    (a replayed old topic cannot bring its mentions back), and the events concerned are
//!    recomputed.
//!
//! The writer itself does the rest while the command waits: mentions of a newer extractor
//! version replace the article's older ones in the same transaction (see [`crate::store`]).
//! With `--no-wait` the command stops after step 3; `--finish` later does steps 4 and 5 for
//! every pending request. Fulfilment compares no clocks: the request is on the database's
//! clock, and a mention fulfils it by being written after it (an extractor whose clock is
//! behind the database's re-extracts as well as any). A newer extractor version still replaces
//! the current one only if its mentions were produced later than the current ones (by the
//! extractor's clock, bounded by the database's): clocks must agree to better than the time
//! between two extractions of an article.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use chrono::{DateTime, Utc};
use clap::Parser;
use rdkafka::consumer::{BaseConsumer, Consumer as _};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{ClientConfig, TopicPartitionList};
use sahel_runtime::config::{DatabaseArgs, KafkaArgs, LogArgs};
use sahel_schemas::{topics, CleanArticle, Message as _};
use sqlx::Row as _;

/// Header on replayed `articles.clean` messages: who replayed them.
pub const HEADER_REPLAYED_BY: &str = "sahel.replayed_by";

/// Settings of `sahel-writer replay-articles` (flags or environment).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sahel-writer replay-articles",
    version,
    about = "Re-extracts stored articles with the current extractor: republishes them on articles.clean, \
             waits for the extractor and the writer, then removes the mentions the current extractor no longer finds"
)]
pub struct ReplayConfig {
    /// Kafka (brokers, topic prefix, options).
    #[command(flatten)]
    pub kafka: KafkaArgs,
    /// PostgreSQL.
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// Logs.
    #[command(flatten)]
    pub log: LogArgs,
    /// Replay only this article (repeatable). Default: every original article.
    #[arg(long = "article-id")]
    pub article_ids: Vec<String>,
    /// Replay only articles fetched at or after this instant (RFC 3339).
    #[arg(long)]
    pub fetched_since: Option<DateTime<Utc>>,
    /// The extractor's consumer group, whose progress the command waits for. Default: the
    /// topic prefix + `extractor`.
    #[arg(long, env = "EXTRACTOR_GROUP_ID")]
    pub extractor_group: Option<String>,
    /// The writer's consumer group. Default: `--group-id`, else the topic prefix + `writer`.
    #[arg(long, env = "WRITER_GROUP_ID")]
    pub writer_group: Option<String>,
    /// How long to wait for the extractor and the writer, in seconds.
    #[arg(long, default_value_t = 900)]
    pub wait_secs: u64,
    /// Publish and return without waiting or pruning (run `--finish` later).
    #[arg(long, conflicts_with = "finish")]
    pub no_wait: bool,
    /// Publish nothing: wait until the extractor and the writer have caught up with their
    /// topics, then prune every pending request.
    #[arg(long)]
    pub finish: bool,
}

impl ReplayConfig {
    fn extractor_group(&self) -> String {
        self.extractor_group
            .clone()
            .unwrap_or_else(|| format!("{}extractor", self.kafka.topic_prefix))
    }

    fn writer_group(&self) -> String {
        self.writer_group
            .clone()
            .unwrap_or_else(|| self.kafka.group(crate::SERVICE))
    }
}

/// What a replay did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReplaySummary {
    /// Articles republished on `articles.clean`.
    pub published: usize,
    /// Articles whose request was completed (pruned).
    pub finished: usize,
    /// Mentions removed because the current extractor no longer produces them.
    pub mentions_pruned: u64,
    /// Articles in which the current extractor found nothing.
    pub articles_now_empty: u64,
}

impl std::fmt::Display for ReplaySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "republished {} articles; completed {} re-extraction requests; pruned {} mentions the current \
             extractor no longer finds; {} articles now have no events",
            self.published, self.finished, self.mentions_pruned, self.articles_now_empty
        )
    }
}

fn client_config(kafka: &KafkaArgs) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", &kafka.brokers);
    for (k, v) in kafka.option_pairs() {
        c.set(k, v);
    }
    c
}

/// The message that republishes a stored article: the normalizer's message as it was
/// (the fields the database keeps), so the writer's upsert of it changes nothing.
fn article_message(r: &sqlx::postgres::PgRow) -> anyhow::Result<CleanArticle> {
    let published_at: Option<DateTime<Utc>> = r.try_get("published_at")?;
    let published = published_at.map(|value| {
        serde_json::json!({
            "value": value,
            "precision": r.try_get::<Option<String>, _>("published_precision").ok().flatten(),
            "found_in": r.try_get::<Option<String>, _>("published_source").ok().flatten(),
        })
    });
    let v = serde_json::json!({
        "schema": CleanArticle::current_schema(),
        "id": r.try_get::<String, _>("article_id")?,
        "produced_at": r.try_get::<DateTime<Utc>, _>("produced_at")?,
        "producer": {"service": "normalizer", "version": r.try_get::<String, _>("normalizer_version")?},
        "document_id": r.try_get::<String, _>("document_id")?,
        "source": {
            "name": r.try_get::<String, _>("source_name")?,
            "kind": r.try_get::<String, _>("kind")?,
            "location": r.try_get::<String, _>("url_or_path")?,
            "feed_url": null,
            "final_url": r.try_get::<Option<String>, _>("final_url")?,
        },
        "fetched_at": r.try_get::<DateTime<Utc>, _>("fetched_at")?,
        "canonical_url": r.try_get::<Option<String>, _>("canonical_url")?,
        "title": r.try_get::<Option<String>, _>("title")?,
        "byline": r.try_get::<Option<String>, _>("byline")?,
        "published": published,
        "language": {"code": r.try_get::<String, _>("language")?,
                     "confidence": r.try_get::<f64, _>("language_confidence")?},
        "text": r.try_get::<String, _>("main_text")?,
        "paragraphs": r.try_get::<Option<serde_json::Value>, _>("paragraphs")?.unwrap_or_else(|| serde_json::json!([])),
        "word_count": r.try_get::<i32, _>("word_count")?,
        "fingerprints": {"text_sha256": r.try_get::<String, _>("text_sha256")?},
        "dedup": {"verdict": "unique", "duplicate_of": null, "similarity": null},
        "removed": [],
    });
    serde_json::from_value(v).context("rebuilding an articles.clean message from its row")
}

/// Runs the command.
pub async fn run(config: ReplayConfig) -> anyhow::Result<ReplaySummary> {
    sahel_runtime::telemetry::init(&config.log)?;
    config.kafka.validate()?;
    config.db.validate()?;
    let never = sahel_runtime::CancellationToken::new();
    let pool = sahel_runtime::db::connect(&config.db, &never).await?;
    sahel_runtime::db::migrate(&pool).await?;
    let mut summary = ReplaySummary::default();
    let clean_topic = config.kafka.topic(topics::ARTICLES_CLEAN);
    let events_topic = config.kafka.topic(topics::EVENTS_EXTRACTED);
    let deadline = Instant::now() + Duration::from_secs(config.wait_secs);

    let (ids, extractor_targets) = if config.finish {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT article_id FROM article_extractions WHERE requested_at IS NOT NULL")
                .fetch_all(&pool)
                .await?;
        let ends = topic_ends(&config.kafka, &clean_topic).await?;
        (ids, ends)
    } else {
        let rows = sqlx::query(
            "SELECT a.*, s.kind, coalesce(a.normalized_at, a.fetched_at) AS produced_at
             FROM articles a JOIN sources s ON s.name = a.source_name
             WHERE a.dedup_verdict = 'unique' AND a.main_text IS NOT NULL
               AND (cardinality($1::text[]) = 0 OR a.article_id = ANY ($1))
               AND ($2::timestamptz IS NULL OR a.fetched_at >= $2)
             ORDER BY a.fetched_at, a.article_id",
        )
        .bind(&config.article_ids)
        .bind(config.fetched_since)
        .fetch_all(&pool)
        .await
        .context("selecting the articles to replay")?;
        if !config.article_ids.is_empty() && rows.len() != config.article_ids.len() {
            let found: Vec<String> = rows.iter().filter_map(|r| r.try_get("article_id").ok()).collect();
            let missing: Vec<&String> = config.article_ids.iter().filter(|id| !found.contains(id)).collect();
            bail!("--article-id: not stored as original articles: {missing:?}");
        }
        let articles = rows.iter().map(article_message).collect::<anyhow::Result<Vec<_>>>()?;
        let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
        // The request is recorded before anything is published, so every mention the
        // extractor makes of a replayed article is written after it.
        record_requests(&pool, &ids).await?;
        let delivered = publish(&config.kafka, &clean_topic, &articles).await?;
        summary.published = articles.len();
        tracing::info!(articles = articles.len(), topic = %clean_topic, "articles republished");
        (ids, delivered)
    };
    if config.no_wait || ids.is_empty() {
        return Ok(summary);
    }

    let extractor = config.extractor_group();
    wait_committed(&config.kafka, &extractor, &extractor_targets, deadline)
        .await
        .with_context(|| {
            format!("waiting for the extractor (group {extractor}); run `sahel-writer replay-articles --finish` later")
        })?;
    let writer = config.writer_group();
    let events_ends = topic_ends(&config.kafka, &events_topic).await?;
    wait_committed(&config.kafka, &writer, &events_ends, deadline)
        .await
        .with_context(|| {
            format!("waiting for the writer (group {writer}); run `sahel-writer replay-articles --finish` later")
        })?;

    let (pruned, empty) = prune(&pool, &ids).await?;
    summary.finished = ids.len();
    summary.mentions_pruned = pruned;
    summary.articles_now_empty = empty;
    Ok(summary)
}

/// Records a re-extraction request for each of `ids` (on the database's clock).
pub async fn record_requests(pool: &sqlx::PgPool, ids: &[String]) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO article_extractions (article_id, extractor_version, extracted_at, requested_at)
         SELECT id, NULL, '-infinity', now() FROM unnest($1::text[]) AS u (id)
         ON CONFLICT (article_id) DO UPDATE SET requested_at = EXCLUDED.requested_at",
    )
    .bind(ids)
    .execute(pool)
    .await
    .context("recording the re-extraction requests")?;
    Ok(())
}

/// Completes the re-extraction requests of `ids` once the extractor and the writer have
/// processed the replay. A request the writer saw fulfilled (a mention of the article's current
/// extraction written after it) is already cleared: the newer extraction replaced the article's mentions, or the
/// same extractor produced the same ones. A request still pending means the current extractor
/// found nothing in the article: its mentions go, it is recorded as extracted with nothing
/// found (so replaying an old topic cannot bring them back), and the events concerned are
/// recomputed. Returns (mentions removed, articles left without mentions).
pub async fn prune(pool: &sqlx::PgPool, ids: &[String]) -> anyhow::Result<(u64, u64)> {
    let mut tx = pool.begin().await?;
    let pending: Vec<String> = sqlx::query_scalar(
        "SELECT article_id FROM article_extractions
         WHERE article_id = ANY ($1) AND requested_at IS NOT NULL FOR UPDATE",
    )
    .bind(ids)
    .fetch_all(&mut *tx)
    .await?;
    let (events, pruned): (Vec<String>, i64) = sqlx::query_as(
        "WITH stale AS (DELETE FROM event_mentions WHERE article_id = ANY ($1) RETURNING event_id)
         SELECT ARRAY(SELECT DISTINCT event_id FROM stale), (SELECT count(*) FROM stale)",
    )
    .bind(&pending)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE article_extractions
         SET extractor_version = NULL, extracted_at = requested_at, requested_at = NULL
         WHERE article_id = ANY ($1)",
    )
    .bind(&pending)
    .execute(&mut *tx)
    .await?;
    crate::store::refresh_events(&mut tx, &events).await?;
    tx.commit().await?;
    Ok((pruned.max(0) as u64, pending.len() as u64))
}

/// Publishes the articles keyed by id and returns, per partition, the offset one past the last
/// message delivered (what a consumer group must have committed to have processed them all).
async fn publish(
    kafka: &KafkaArgs,
    topic: &str,
    articles: &[CleanArticle],
) -> anyhow::Result<BTreeMap<(String, i32), i64>> {
    let producer: FutureProducer = sahel_runtime::kafka::producer(kafka, "writer-replay")?;
    let replayed_by = format!("sahel-writer {}", crate::VERSION);
    let payloads = articles.iter().map(serde_json::to_vec).collect::<Result<Vec<_>, _>>()?;
    let mut pending = Vec::with_capacity(articles.len());
    for (a, payload) in articles.iter().zip(&payloads) {
        let headers = OwnedHeaders::new().insert(Header {
            key: HEADER_REPLAYED_BY,
            value: Some(replayed_by.as_bytes()),
        });
        loop {
            let record = FutureRecord::to(topic)
                .key(a.id.as_str())
                .payload(payload.as_slice())
                .headers(headers.clone());
            match producer.send_result(record) {
                Ok(f) => {
                    pending.push(f);
                    break;
                }
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), _)) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Err((e, _)) => return Err(e).with_context(|| format!("queueing article {} for {topic}", a.id)),
            }
        }
    }
    let mut ends = BTreeMap::new();
    for (i, f) in futures::future::join_all(pending).await.into_iter().enumerate() {
        let delivery = f
            .context("the producer was dropped")?
            .map_err(|(e, _)| e)
            .with_context(|| {
                let id = articles.get(i).map(|a| a.id.as_str()).unwrap_or("?");
                format!("publishing article {id} to {topic}")
            })?;
        let e = ends.entry((topic.to_owned(), delivery.partition)).or_insert(0);
        *e = (*e).max(delivery.offset + 1);
    }
    Ok(ends)
}

/// The end offset (high watermark) of every partition of `topic` that holds messages.
async fn topic_ends(kafka: &KafkaArgs, topic: &str) -> anyhow::Result<BTreeMap<(String, i32), i64>> {
    let (config, topic) = (client_config(kafka), topic.to_owned());
    tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
        let c: BaseConsumer = config.create()?;
        let timeout = Duration::from_secs(10);
        let md = c.fetch_metadata(Some(&topic), timeout)?;
        let mut ends = BTreeMap::new();
        for t in md.topics() {
            for p in t.partitions() {
                let (_, high) = c.fetch_watermarks(&topic, p.id(), timeout)?;
                if high > 0 {
                    ends.insert((topic.clone(), p.id()), high);
                }
            }
        }
        Ok(ends)
    })
    .await?
}

/// Whether `group` has committed at least `targets` on every partition.
async fn committed(kafka: &KafkaArgs, group: &str, targets: &BTreeMap<(String, i32), i64>) -> anyhow::Result<bool> {
    let mut config = client_config(kafka);
    config.set("group.id", group).set("enable.auto.commit", "false");
    let targets = targets.clone();
    tokio::task::spawn_blocking(move || -> anyhow::Result<bool> {
        let c: BaseConsumer = config.create()?;
        let mut tpl = TopicPartitionList::new();
        for (t, p) in targets.keys() {
            tpl.add_partition(t, *p);
        }
        let got = c.committed_offsets(tpl, Duration::from_secs(10))?;
        Ok(targets.iter().all(|((t, p), want)| {
            got.find_partition(t, *p)
                .and_then(|e| e.offset().to_raw())
                .is_some_and(|off| off >= *want)
        }))
    })
    .await?
}

async fn wait_committed(
    kafka: &KafkaArgs,
    group: &str,
    targets: &BTreeMap<(String, i32), i64>,
    deadline: Instant,
) -> anyhow::Result<()> {
    loop {
        match committed(kafka, group, targets).await {
            Ok(true) => return Ok(()),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %format!("{e:#}"), group, "cannot read committed offsets yet"),
        }
        if Instant::now() >= deadline {
            bail!("group {group} has not committed past {targets:?} in time");
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_topic_prefix_and_flags_are_checked() {
        let c = ReplayConfig::parse_from(["x", "--database-url", "postgres://x/y", "--topic-prefix", "p."]);
        assert_eq!(c.extractor_group(), "p.extractor");
        assert_eq!(c.writer_group(), "p.writer");
        let c = ReplayConfig::parse_from([
            "x",
            "--database-url",
            "postgres://x/y",
            "--group-id",
            "w",
            "--extractor-group",
            "e",
        ]);
        assert_eq!((c.extractor_group().as_str(), c.writer_group().as_str()), ("e", "w"));
        assert!(
            ReplayConfig::try_parse_from(["x", "--database-url", "postgres://x/y", "--no-wait", "--finish"]).is_err()
        );
    }
}
