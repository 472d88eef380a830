//! `sahel-writer replay-dead-letters`: lists dead letters by topic, kind and time, and, once
//! their cause is fixed, produces the chosen ones again to their original topic.
//!
//! The `dead_letters` table records where each dead letter lies (`dlq_topic`, partition,
//! offset); the command reads the message back from there (its whole payload, key and
//! headers, which the table keeps only an excerpt of), produces it to its original topic with
//! a `sahel.replayed_from` header, waits for the delivery report, and records the replay in
//! `dead_letter_replays`. A dead letter replayed once is not replayed again unless `--again`
//! is given, so a replay followed by a second one brings each message back once.

use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use chrono::{DateTime, Utc};
use clap::Parser;
use rdkafka::consumer::Consumer as _;
use rdkafka::message::{Header, Headers as _, Message as _, OwnedHeaders};
use rdkafka::producer::FutureRecord;
use rdkafka::{Offset, TopicPartitionList};
use sahel_runtime::config::{DatabaseArgs, KafkaArgs, LogArgs};

/// Header naming the dead letter a replayed message came from (`topic/partition/offset`).
pub const HEADER_REPLAYED_FROM: &str = "sahel.replayed_from";

/// `sahel-writer replay-dead-letters` settings.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sahel-writer replay-dead-letters",
    about = "List dead letters by topic, kind and time; produce the chosen ones again to their original topic"
)]
pub struct DeadLetterReplayConfig {
    /// Kafka (brokers, topic prefix, options).
    #[command(flatten)]
    pub kafka: KafkaArgs,
    /// PostgreSQL.
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// Logs.
    #[command(flatten)]
    pub log: LogArgs,
    /// Only dead letters of this original topic (full name, prefix included).
    #[arg(long)]
    pub topic: Option<String>,
    /// Only dead letters of this kind (`malformed`, `rejected_by_database`, ...).
    #[arg(long)]
    pub kind: Option<String>,
    /// Only dead letters recorded at or after this instant (RFC 3339).
    #[arg(long)]
    pub since: Option<DateTime<Utc>>,
    /// Only dead letters recorded before this instant (RFC 3339).
    #[arg(long)]
    pub until: Option<DateTime<Utc>>,
    /// List the chosen dead letters and replay nothing.
    #[arg(long)]
    pub list: bool,
    /// Replay dead letters that were replayed before, too.
    #[arg(long)]
    pub again: bool,
    /// How long to wait for each message to be read back from its dead-letter topic, in seconds.
    #[arg(long, default_value_t = 30)]
    pub read_timeout_secs: u64,
}

/// One dead letter as listed.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Listed {
    /// Its key in `dead_letters`.
    pub dedup_key: String,
    /// Where it lies.
    pub dlq_topic: String,
    /// Partition there.
    pub dlq_partition: i32,
    /// Offset there.
    pub dlq_offset: i64,
    /// The topic it was read from.
    pub original_topic: Option<String>,
    /// Why.
    pub error_kind: Option<String>,
    /// The reason in full.
    pub error: Option<String>,
    /// When it was recorded.
    pub received_at: DateTime<Utc>,
    /// When it was last replayed, if ever.
    pub replayed_at: Option<DateTime<Utc>>,
}

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DeadLetterReplaySummary {
    /// Dead letters chosen.
    pub chosen: usize,
    /// Produced again to their original topic.
    pub replayed: usize,
}

impl std::fmt::Display for DeadLetterReplaySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} dead letters chosen, {} replayed", self.chosen, self.replayed)
    }
}

/// The dead letters the filters choose, oldest first.
pub async fn list(pool: &sqlx::PgPool, c: &DeadLetterReplayConfig) -> anyhow::Result<Vec<Listed>> {
    Ok(sqlx::query_as(
        "SELECT d.dedup_key, d.dlq_topic, d.dlq_partition, d.dlq_offset, d.original_topic, d.error_kind,
                d.error, d.received_at, r.replayed_at
         FROM dead_letters d LEFT JOIN dead_letter_replays r USING (dedup_key)
         WHERE ($1::text IS NULL OR d.original_topic = $1)
           AND ($2::text IS NULL OR d.error_kind = $2)
           AND ($3::timestamptz IS NULL OR d.received_at >= $3)
           AND ($4::timestamptz IS NULL OR d.received_at < $4)
           AND ($5 OR r.replayed_at IS NULL)
         ORDER BY d.received_at, d.dedup_key",
    )
    .bind(&c.topic)
    .bind(&c.kind)
    .bind(c.since)
    .bind(c.until)
    .bind(c.again || c.list)
    .fetch_all(pool)
    .await?)
}

/// A message read back from its dead-letter topic: key, payload, headers.
type ReadBack = (Option<Vec<u8>>, Option<Vec<u8>>, Vec<(String, Vec<u8>)>);

/// Reads back the messages of `letters` (all of one dead-letter topic and partition, in
/// offset order) with one consumer reading forward from the first.
async fn read_back(
    kafka: &KafkaArgs,
    letters: &[&Listed],
    timeout: Duration,
) -> anyhow::Result<std::collections::HashMap<i64, ReadBack>> {
    let mut out = std::collections::HashMap::new();
    let (Some(first), Some(last)) = (letters.first(), letters.last()) else {
        return Ok(out);
    };
    let consumer = sahel_runtime::kafka::consumer(kafka, "sahel-dlq-replay", "sahel-dlq-replay")?;
    let mut tpl = TopicPartitionList::new();
    tpl.add_partition_offset(&first.dlq_topic, first.dlq_partition, Offset::Offset(first.dlq_offset))?;
    consumer.assign(&tpl)?;
    let wanted: std::collections::HashSet<i64> = letters.iter().map(|l| l.dlq_offset).collect();
    let deadline = Instant::now() + timeout;
    while out.len() < wanted.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        let missing = || {
            let mut m: Vec<i64> = wanted.iter().filter(|o| !out.contains_key(*o)).copied().collect();
            m.sort_unstable();
            m
        };
        if left.is_zero() {
            bail!(
                "dead letters at {}/{} offsets {:?} not read back within {timeout:?}",
                first.dlq_topic,
                first.dlq_partition,
                missing()
            );
        }
        let Ok(msg) = tokio::time::timeout(left, consumer.recv()).await else {
            continue;
        };
        let msg = msg?;
        if msg.offset() > last.dlq_offset {
            bail!(
                "dead letters at {}/{} offsets {:?} are no longer on the topic (retention?)",
                first.dlq_topic,
                first.dlq_partition,
                missing()
            );
        }
        if !wanted.contains(&msg.offset()) {
            continue;
        }
        let headers = msg
            .headers()
            .map(|h| {
                h.iter()
                    .map(|x| (x.key.to_owned(), x.value.map(<[u8]>::to_vec).unwrap_or_default()))
                    .collect()
            })
            .unwrap_or_default();
        out.insert(
            msg.offset(),
            (
                msg.key().map(<[u8]>::to_vec),
                msg.payload().map(<[u8]>::to_vec),
                headers,
            ),
        );
    }
    Ok(out)
}

/// Runs the command: lists, or replays the chosen dead letters and records each replay.
pub async fn run(config: DeadLetterReplayConfig) -> anyhow::Result<DeadLetterReplaySummary> {
    sahel_runtime::telemetry::init(&config.log)?;
    config.kafka.validate()?;
    config.db.validate()?;
    let never = sahel_runtime::CancellationToken::new();
    let pool = sahel_runtime::db::connect(&config.db, &never).await?;
    let chosen = list(&pool, &config).await?;
    let mut summary = DeadLetterReplaySummary {
        chosen: chosen.len(),
        replayed: 0,
    };
    if config.list {
        for l in &chosen {
            println!(
                "{}  {}  {}  {}/{}/{}  {}{}",
                l.received_at.to_rfc3339(),
                l.original_topic.as_deref().unwrap_or("-"),
                l.error_kind.as_deref().unwrap_or("-"),
                l.dlq_topic,
                l.dlq_partition,
                l.dlq_offset,
                l.error.as_deref().unwrap_or(""),
                l.replayed_at
                    .map(|t| format!("  (replayed {})", t.to_rfc3339()))
                    .unwrap_or_default(),
            );
        }
        return Ok(summary);
    }
    if chosen.is_empty() {
        return Ok(summary);
    }
    let producer = sahel_runtime::kafka::producer(&config.kafka, "sahel-dlq-replay")?;
    let timeout = Duration::from_secs(config.read_timeout_secs);
    let mut by_partition: std::collections::BTreeMap<(&str, i32), Vec<&Listed>> = Default::default();
    for l in &chosen {
        by_partition
            .entry((l.dlq_topic.as_str(), l.dlq_partition))
            .or_default()
            .push(l);
    }
    let mut messages = std::collections::HashMap::new();
    for letters in by_partition.values_mut() {
        letters.sort_by_key(|l| l.dlq_offset);
        for (offset, m) in read_back(&config.kafka, letters, timeout).await? {
            messages.insert((letters[0].dlq_topic.clone(), letters[0].dlq_partition, offset), m);
        }
    }
    for l in &chosen {
        let Some(original) = l.original_topic.as_deref() else {
            tracing::warn!(key = %l.dedup_key, "dead letter without an original topic; skipped");
            continue;
        };
        let Some((key, payload, headers)) = messages.remove(&(l.dlq_topic.clone(), l.dlq_partition, l.dlq_offset))
        else {
            bail!("dead letter {} was not read back", l.dedup_key);
        };
        // The dead-letter headers describe the failure, not the message: they are left behind.
        let mut out = OwnedHeaders::new();
        for (k, v) in headers.iter().filter(|(k, _)| !k.starts_with("dlq.")) {
            out = out.insert(Header { key: k, value: Some(v) });
        }
        let from = format!("{}/{}/{}", l.dlq_topic, l.dlq_partition, l.dlq_offset);
        out = out.insert(Header {
            key: HEADER_REPLAYED_FROM,
            value: Some(&from),
        });
        let mut record = FutureRecord::to(original).headers(out);
        if let Some(k) = key.as_deref() {
            record = record.key(k);
        }
        if let Some(p) = payload.as_deref() {
            record = record.payload(p);
        }
        let delivery = producer
            .send(record, Duration::from_secs(60))
            .await
            .map_err(|(e, _)| e)
            .with_context(|| format!("producing dead letter {} to {original}", l.dedup_key))?;
        let (partition, offset) = (delivery.partition, delivery.offset);
        sqlx::query(
            "INSERT INTO dead_letter_replays (dedup_key, replayed_to, replayed_partition, replayed_offset)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (dedup_key) DO UPDATE SET replayed_at = now(), replayed_to = EXCLUDED.replayed_to,
                 replayed_partition = EXCLUDED.replayed_partition, replayed_offset = EXCLUDED.replayed_offset,
                 times = dead_letter_replays.times + 1",
        )
        .bind(&l.dedup_key)
        .bind(original)
        .bind(partition)
        .bind(offset)
        .execute(&pool)
        .await
        .context("recording the replay")?;
        summary.replayed += 1;
        tracing::info!(key = %l.dedup_key, to = original, partition, offset, "dead letter replayed");
    }
    Ok(summary)
}
