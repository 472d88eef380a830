//! The consume → handle → produce → store-offset loop every consumer service runs.
//!
//! Architecture Invariant: an input offset is stored only after everything the handler made
//! of the message (output records and dead letters) is confirmed by the broker, or, for the
//! writer, committed in PostgreSQL. A crash anywhere before that replays the message; the
//! handlers are idempotent, so a replay changes nothing downstream.
//!
//! Messages are read in batches (up to `--batch-size` messages and `--batch-max-bytes` bytes,
//! waiting `--batch-linger-ms` for a batch to fill) from one task, so each partition is
//! processed in order. A message that would take a batch over its byte budget is held back
//! and starts the next batch, so what the loop holds is bounded in bytes as well as in count:
//! the batches in flight and the one being read, each within the budget (or one message larger
//! than it), plus librdkafka's prefetch queue. The next batch is read,
//! and prepared by the handler, while the current one is handled. A handler whose batches do
//! not depend on one another's order ([`Handler::max_in_flight`]: the writer) may have several
//! handled at once; their offsets are still stored in order, each batch's once it and every
//! batch before it are done.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use futures::stream::{FuturesOrdered, StreamExt as _};
use rdkafka::consumer::{CommitMode, Consumer, StreamConsumer};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Header, Headers, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Offset, TopicPartitionList};
use sahel_schemas::dlq::{self, DlqReason};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::config::ConsumerArgs;
use crate::http::Health;
use crate::metrics::PipelineMetrics;

/// A message read from Kafka, copied out of the consumer's buffer.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Topic it was read from.
    pub topic: String,
    /// Partition.
    pub partition: i32,
    /// Offset.
    pub offset: i64,
    /// Key bytes.
    pub key: Option<Vec<u8>>,
    /// Payload bytes.
    pub payload: Option<Vec<u8>>,
    /// Headers (name, value).
    pub headers: Vec<(String, Vec<u8>)>,
}

impl Incoming {
    fn from_message<M: rdkafka::Message>(m: &M) -> Self {
        let headers = m
            .headers()
            .map(|h| {
                h.iter()
                    .map(|h| (h.key.to_owned(), h.value.map(<[u8]>::to_vec).unwrap_or_default()))
                    .collect()
            })
            .unwrap_or_default();
        Self {
            topic: m.topic().to_owned(),
            partition: m.partition(),
            offset: m.offset(),
            key: m.key().map(<[u8]>::to_vec),
            payload: m.payload().map(<[u8]>::to_vec),
            headers,
        }
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
    }

    /// The key as text (lossy).
    pub fn key_str(&self) -> Option<String> {
        self.key.as_deref().map(|k| String::from_utf8_lossy(k).into_owned())
    }

    /// Bytes the message holds (key, payload and headers): what `--batch-max-bytes` counts.
    pub fn size(&self) -> usize {
        self.key.as_ref().map_or(0, Vec::len)
            + self.payload.as_ref().map_or(0, Vec::len)
            + self.headers.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>()
    }
}

/// A message to produce.
#[derive(Debug, Clone)]
pub struct Record {
    /// Destination topic.
    pub topic: String,
    /// Key (determines the partition).
    pub key: Option<Vec<u8>>,
    /// Payload.
    pub payload: Vec<u8>,
    /// Headers.
    pub headers: Vec<(String, Vec<u8>)>,
}

impl Record {
    /// A JSON record keyed by `key`.
    pub fn json<T: Serialize>(topic: &str, key: &str, value: &T) -> Result<Self, serde_json::Error> {
        Ok(Self {
            topic: topic.to_owned(),
            key: Some(key.as_bytes().to_vec()),
            payload: serde_json::to_vec(value)?,
            headers: Vec::new(),
        })
    }

    /// Bytes the record counts against [`MAX_RECORD_BYTES`]: key, payload and headers.
    pub fn size(&self) -> usize {
        self.key.as_ref().map_or(0, Vec::len)
            + self.payload.len()
            + self.headers.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>()
    }

    /// The dead letter for `msg`: same key and payload, on `<topic>.dlq`, with the headers of
    /// the convention (and the original headers after them). A message too large to be
    /// produced again whole (larger than the services' message limit, from another producer)
    /// keeps only the first [`DLQ_PREVIEW_BYTES`] of its key and payload, without its original
    /// headers, and says so in `dlq.payload.truncated`: a dead letter that can never be
    /// delivered would stall its partition.
    pub fn dead_letter(msg: &Incoming, reason: &DlqReason, service: &str, version: &str) -> Self {
        let mut headers = vec![
            (dlq::HEADER_ERROR.to_owned(), reason.message.clone().into_bytes()),
            (dlq::HEADER_ERROR_KIND.to_owned(), reason.kind.as_bytes().to_vec()),
            (dlq::HEADER_SERVICE.to_owned(), service.as_bytes().to_vec()),
            (dlq::HEADER_SERVICE_VERSION.to_owned(), version.as_bytes().to_vec()),
            (dlq::HEADER_ORIGINAL_TOPIC.to_owned(), msg.topic.clone().into_bytes()),
            (
                dlq::HEADER_ORIGINAL_PARTITION.to_owned(),
                msg.partition.to_string().into_bytes(),
            ),
            (
                dlq::HEADER_ORIGINAL_OFFSET.to_owned(),
                msg.offset.to_string().into_bytes(),
            ),
            (
                dlq::HEADER_FAILED_AT.to_owned(),
                chrono::Utc::now().to_rfc3339().into_bytes(),
            ),
        ];
        let mut letter = Self {
            topic: dlq::dlq_topic(&msg.topic),
            key: msg.key.clone(),
            payload: msg.payload.clone().unwrap_or_default(),
            headers: headers.clone(),
        };
        letter
            .headers
            .extend(msg.headers.iter().filter(|(k, _)| !k.starts_with("dlq.")).cloned());
        if letter.size() > MAX_RECORD_BYTES {
            let original = letter.payload.len();
            letter.payload.truncate(DLQ_PREVIEW_BYTES);
            if let Some(k) = letter.key.as_mut() {
                k.truncate(DLQ_PREVIEW_BYTES);
            }
            headers.push((
                dlq::HEADER_PAYLOAD_TRUNCATED.to_owned(),
                original.to_string().into_bytes(),
            ));
            letter.headers = headers;
        }
        letter
    }
}

/// Largest record (key, payload and headers) the services produce: the producers' message
/// limit less room for the record's framing.
pub const MAX_RECORD_BYTES: usize = crate::kafka::MAX_MESSAGE_BYTES - 4096;

/// How much of an oversized message's payload (and key) its dead letter keeps.
pub const DLQ_PREVIEW_BYTES: usize = 64 * 1024;

/// What a handler made of a batch.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Records to produce (in order).
    pub records: Vec<Record>,
    /// Messages (by index in the batch) that cannot ever be processed, with the reason.
    pub rejected: Vec<(usize, DlqReason)>,
}

/// A failure that may pass: the batch is retried with backoff and its offsets are not stored.
#[derive(Debug, thiserror::Error)]
#[error("{0:#}")]
pub struct Retriable(pub anyhow::Error);

/// What one message's processing can end in.
#[derive(Debug)]
pub enum MessageError {
    /// Retrying cannot help: dead-letter it.
    Permanent(DlqReason),
    /// Retry the batch later.
    Retriable(anyhow::Error),
}

impl From<sahel_schemas::DecodeError> for MessageError {
    fn from(e: sahel_schemas::DecodeError) -> Self {
        MessageError::Permanent(e.into())
    }
}

/// What a consumer service implements.
pub trait Handler: Send + Sync {
    /// What [`Handler::prepare`] makes of a batch's messages.
    type Prepared: Default + Send + Sync + 'static;

    /// Work on one message that needs neither the network nor a database (decoding), added
    /// to its batch's `prepared` (`index`: its place in the batch). The loop calls it as each
    /// message is read (a message held back because its batch was full in bytes, when the next
    /// batch starts with it); the next batch is read while the current one is handled, so this work
    /// overlaps the current batch's waits (its PostgreSQL transaction, its delivery reports).
    /// By default nothing is prepared.
    fn prepare(&self, prepared: &mut Self::Prepared, index: usize, msg: &Incoming) {
        let _ = (prepared, index, msg);
    }

    /// How many batches may be handled at once. More than one only for a handler whose
    /// batches may be handled in any order and concurrently: its outputs of a later batch may
    /// be produced before an earlier batch's, so a handler whose outputs must keep their input
    /// order (per partition) keeps the default, one.
    fn max_in_flight(&self) -> usize {
        1
    }

    /// Processes a batch read from the input topics (in order per partition), with what
    /// `prepare` made of it. Must be idempotent: after a crash the same batch is handled
    /// again, and after a retriable failure this is called again with the same arguments.
    fn handle(
        &self,
        batch: &[Incoming],
        prepared: &Self::Prepared,
    ) -> impl Future<Output = Result<Outcome, Retriable>> + Send;
}

/// The batch being read: its messages, what the handler prepared of them, their size in bytes,
/// when the first one came (the linger counts from it), and the message read that did not fit
/// in its byte budget (the first of the next batch).
struct NextBatch<P> {
    messages: Vec<Incoming>,
    prepared: P,
    first_at: Option<tokio::time::Instant>,
    /// Most messages (`--batch-size`).
    max_messages: usize,
    /// Most bytes (`--batch-max-bytes`), unless one message alone is larger.
    max_bytes: usize,
    /// Bytes of `messages` ([`Incoming::size`]).
    bytes: usize,
    /// A message that would have taken the batch over `max_bytes`: the batch is full, and this
    /// message starts the next one.
    held: Option<Incoming>,
}

impl<P: Default> NextBatch<P> {
    fn new(max_messages: usize, max_bytes: usize) -> Self {
        NextBatch {
            messages: Vec::with_capacity(max_messages.min(4096)),
            prepared: P::default(),
            first_at: None,
            max_messages,
            max_bytes,
            bytes: 0,
            held: None,
        }
    }

    /// Adds a message just read, or holds it back for the next batch when it would take this
    /// one over its byte budget (a batch always takes its first message, however large).
    fn push<H: Handler<Prepared = P>>(&mut self, handler: &H, msg: Incoming) {
        if !self.messages.is_empty() && self.bytes.saturating_add(msg.size()) > self.max_bytes {
            self.held = Some(msg);
        } else {
            self.add(handler, msg);
        }
    }

    fn add<H: Handler<Prepared = P>>(&mut self, handler: &H, msg: Incoming) {
        handler.prepare(&mut self.prepared, self.messages.len(), &msg);
        self.bytes += msg.size();
        self.messages.push(msg);
        self.first_at.get_or_insert_with(tokio::time::Instant::now);
    }

    /// Whether the batch takes no more messages: it holds `--batch-size` of them, or the next
    /// one did not fit in its bytes.
    fn full(&self) -> bool {
        self.messages.len() >= self.max_messages || self.held.is_some()
    }

    /// The batch, for handling; the message held back, if any, starts the next one.
    fn take<H: Handler<Prepared = P>>(&mut self, handler: &H) -> (Vec<Incoming>, P) {
        let capacity = self.messages.capacity();
        self.first_at = None;
        self.bytes = 0;
        let taken = (
            std::mem::replace(&mut self.messages, Vec::with_capacity(capacity)),
            std::mem::take(&mut self.prepared),
        );
        if let Some(msg) = self.held.take() {
            self.add(handler, msg);
        }
        taken
    }
}

/// Runs `f` over each message of a batch, collecting records and rejections; the first
/// retriable error fails the whole batch (it will be retried).
pub async fn handle_each<'a, F, Fut>(batch: &'a [Incoming], mut f: F) -> Result<Outcome, Retriable>
where
    F: FnMut(&'a Incoming) -> Fut,
    Fut: Future<Output = Result<Vec<Record>, MessageError>>,
{
    let mut out = Outcome::default();
    for (i, msg) in batch.iter().enumerate() {
        match f(msg).await {
            // An output the broker would refuse can never be delivered: retrying would stall
            // the partition, so the input is dead-lettered instead.
            Ok(records) => match records.iter().find(|r| r.size() > MAX_RECORD_BYTES) {
                Some(big) => out.rejected.push((
                    i,
                    DlqReason::new(
                        "output_too_large",
                        format!(
                            "the record for {} made of this message is {} bytes, over the {MAX_RECORD_BYTES}-byte limit",
                            big.topic,
                            big.size()
                        ),
                    ),
                )),
                None => out.records.extend(records),
            },
            Err(MessageError::Permanent(reason)) => out.rejected.push((i, reason)),
            Err(MessageError::Retriable(e)) => return Err(Retriable(e)),
        }
    }
    Ok(out)
}

/// Everything the loop needs besides the handler.
pub struct Pipeline {
    /// Service name (DLQ header, logs).
    pub service: &'static str,
    /// Service version (DLQ header).
    pub version: &'static str,
    /// Subscribed consumer.
    pub consumer: StreamConsumer,
    /// Producer for outputs and dead letters.
    pub producer: FutureProducer,
    /// Batching and retry settings.
    pub args: ConsumerArgs,
    /// Metrics.
    pub metrics: PipelineMetrics,
    /// Health flag, set while the loop runs.
    pub health: Health,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("service", &self.service)
            .field("args", &self.args)
            .finish_non_exhaustive()
    }
}

/// Produces `records` in order and waits for every delivery report.
pub async fn produce_all(producer: &FutureProducer, records: &[Record]) -> anyhow::Result<()> {
    let mut pending = Vec::with_capacity(records.len());
    for r in records {
        let mut headers = OwnedHeaders::new_with_capacity(r.headers.len());
        for (k, v) in &r.headers {
            headers = headers.insert(Header {
                key: k,
                value: Some(v.as_slice()),
            });
        }
        loop {
            let mut fr = FutureRecord::<[u8], [u8]>::to(&r.topic)
                .payload(r.payload.as_slice())
                .headers(headers.clone());
            if let Some(k) = &r.key {
                fr = fr.key(k.as_slice());
            }
            match producer.send_result(fr) {
                Ok(f) => {
                    pending.push(f);
                    break;
                }
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), _)) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Err((e, _)) => return Err(e).with_context(|| format!("queueing a record for {}", r.topic)),
            }
        }
    }
    for (i, f) in futures::future::join_all(pending).await.into_iter().enumerate() {
        match f {
            Ok(Ok(_)) => {}
            Ok(Err((e, _))) => {
                let topic = records.get(i).map(|r| r.topic.as_str()).unwrap_or("?");
                return Err(e).with_context(|| format!("delivering a record to {topic}"));
            }
            Err(_) => anyhow::bail!("the producer was dropped before delivery"),
        }
    }
    Ok(())
}

fn store_offsets(consumer: &StreamConsumer, batch: &[Incoming]) -> anyhow::Result<()> {
    let mut next: BTreeMap<(&str, i32), i64> = BTreeMap::new();
    for m in batch {
        let e = next.entry((m.topic.as_str(), m.partition)).or_insert(m.offset + 1);
        *e = (*e).max(m.offset + 1);
    }
    let mut tpl = TopicPartitionList::new();
    for ((topic, partition), offset) in next {
        tpl.add_partition_offset(topic, partition, Offset::Offset(offset))?;
    }
    consumer.store_offsets(&tpl).context("storing offsets")
}

/// What handling a batch came to, with the batch (its offsets are stored from it).
struct Handled<P> {
    batch: Vec<Incoming>,
    prepared: P,
    rejected: Vec<(usize, DlqReason)>,
    n_out: u64,
    started: Instant,
}

/// Handles a batch, then produces its outputs and dead letters, retrying retriable failures
/// with backoff until they pass.
async fn handle_batch<H: Handler>(
    p: &Pipeline,
    handler: &H,
    batch: Vec<Incoming>,
    prepared: H::Prepared,
) -> Handled<H::Prepared> {
    let base = Duration::from_millis(p.args.retry_base_ms);
    let cap = Duration::from_millis(p.args.retry_max_ms);
    let started = Instant::now();
    let mut attempt = 0u32;
    loop {
        let result = match handler.handle(&batch, &prepared).await {
            Ok(outcome) => {
                let mut records = outcome.records;
                let n_out = records.len() as u64;
                for (i, reason) in &outcome.rejected {
                    if let Some(msg) = batch.get(*i) {
                        if msg.topic.ends_with(dlq::DLQ_SUFFIX) {
                            // A dead letter that cannot be recorded is not dead-lettered again:
                            // `<topic>.dlq.dlq` exists nowhere, and producing to it would stall
                            // the partition. It stays on its own dead-letter topic.
                            tracing::error!(
                                topic = %msg.topic, partition = msg.partition, offset = msg.offset,
                                kind = reason.kind, reason = %reason.message,
                                "a dead letter could not be recorded; it stays on its topic"
                            );
                            continue;
                        }
                        tracing::warn!(
                            topic = %msg.topic, partition = msg.partition, offset = msg.offset,
                            kind = reason.kind, reason = %reason.message, "dead-lettering message"
                        );
                        records.push(Record::dead_letter(msg, reason, p.service, p.version));
                    }
                }
                produce_all(&p.producer, &records)
                    .await
                    .map(|()| (outcome.rejected, n_out))
            }
            Err(Retriable(e)) => Err(e),
        };
        match result {
            Ok((rejected, n_out)) => {
                if attempt > 0 {
                    p.health.recovered();
                }
                return Handled {
                    batch,
                    prepared,
                    rejected,
                    n_out,
                    started,
                };
            }
            Err(e) => {
                if attempt == 0 {
                    p.health.failing();
                }
                attempt += 1;
                p.metrics.retry();
                let wait = crate::backoff(attempt, base, cap);
                tracing::warn!(error = %format!("{e:#}"), attempt, wait_ms = wait.as_millis() as u64,
                    "retriable failure; retrying the batch");
                tokio::time::sleep(wait).await;
            }
        }
    }
}

/// Runs the loop until `shutdown`. On shutdown it stops reading, lets the batches in flight
/// finish for up to `--shutdown-deadline-ms`, stores and commits offsets, and returns.
///
/// While batches are handled, the next one is read and prepared ([`Handler::prepare`]); it is
/// handled once full (or its linger is over) and fewer than [`Handler::max_in_flight`] batches
/// are in flight. Offsets are stored in the order batches were read, each batch's once it and
/// every batch before it are done, so a crash or shutdown in between only means that what was
/// not stored is read and handled again.
pub async fn run<H: Handler>(p: Pipeline, handler: &H, shutdown: CancellationToken) -> anyhow::Result<()> {
    let drain = Duration::from_millis(p.args.shutdown_deadline_ms);
    let max_in_flight = handler.max_in_flight().max(1);
    p.health.set(true);
    let mut next = NextBatch::<H::Prepared>::new(p.args.batch_size, p.args.batch_max_bytes);
    // Batches being handled, yielded in the order they were started.
    let mut in_flight = FuturesOrdered::new();
    // From the start of shutdown, how long the batches in flight may still take.
    let drain_deadline = async {
        shutdown.cancelled().await;
        tokio::time::sleep(drain).await;
    };
    tokio::pin!(drain_deadline);
    // After a consumer error, reading waits a little.
    let mut read_after: Option<tokio::time::Instant> = None;
    let stall_after = Duration::from_millis(p.args.stall_after_ms);
    let mut watchdog = crate::watchdog::Watchdog::new(stall_after, std::time::Instant::now());
    let mut watch = tokio::time::interval((stall_after / 4).min(Duration::from_secs(1)));
    watch.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut stalled_at = None;
    loop {
        let stopping = shutdown.is_cancelled();
        if stopping && in_flight.is_empty() {
            break;
        }
        let now = tokio::time::Instant::now();
        let linger_end = next.first_at.map(|t| t + p.args.linger());
        let free = !stopping && in_flight.len() < max_in_flight;
        if free && (next.full() || linger_end.is_some_and(|end| end <= now)) {
            let (batch, prepared) = next.take(handler);
            p.metrics.consumed(batch.len() as u64);
            in_flight.push_back(handle_batch(&p, handler, batch, prepared));
            continue;
        }
        let reading_paused = read_after.is_some_and(|t| t > now);
        let can_read = !stopping && !next.full() && !reading_paused;
        tokio::select! {
            biased;
            Some(done) = in_flight.next(), if !in_flight.is_empty() => {
                for (_, reason) in &done.rejected {
                    p.metrics.dead_lettered(reason.kind);
                }
                p.metrics.produced(done.n_out);
                watchdog.progressed(std::time::Instant::now());
                if let Err(e) = store_offsets(&p.consumer, &done.batch) {
                    // Typically a partition revoked by a rebalance mid-batch: its new owner
                    // redoes the batch, which is harmless because handlers are idempotent.
                    tracing::warn!(error = %format!("{e:#}"), "could not store offsets");
                }
                p.metrics.batch(done.started.elapsed().as_secs_f64());
                // Freeing a large batch (every row's strings) takes about a millisecond per
                // thousand messages: on a blocking thread, so the loop goes on now.
                if done.batch.len() >= 100 {
                    tokio::task::spawn_blocking(move || drop((done.batch, done.prepared)));
                }
            }
            _ = &mut drain_deadline, if !in_flight.is_empty() => {
                tracing::warn!(
                    batches = in_flight.len(),
                    "shutdown deadline passed with batches in flight; their offsets are not stored and they will be redone"
                );
                break;
            }
            _ = watch.tick() => {
                let stage = watchdog.check(std::time::Instant::now(), in_flight.len(), next.messages.len());
                if stage != stalled_at {
                    match stage {
                        Some(s) => tracing::error!(stage = s.as_str(), stall_after_ms = p.args.stall_after_ms,
                            "no batch has finished for too long with work pending; reporting unhealthy"),
                        None => tracing::info!("the loop progresses again"),
                    }
                    p.health.set_stalled(stage.is_some());
                    p.metrics.stalled(stage);
                    stalled_at = stage;
                }
            }
            _ = shutdown.cancelled(), if !stopping => {}
            _ = tokio::time::sleep_until(linger_end.unwrap_or(now)), if free && linger_end.is_some() => {}
            _ = tokio::time::sleep_until(read_after.unwrap_or(now)), if reading_paused => {}
            m = p.consumer.recv(), if can_read => match m {
                Ok(m) => next.push(handler, Incoming::from_message(&m)),
                Err(e) => {
                    p.metrics.consume_error();
                    tracing::warn!(error = %e, "consumer error");
                    read_after = Some(tokio::time::Instant::now() + Duration::from_millis(200));
                }
            },
        }
    }
    drop(in_flight);
    p.health.set(false);
    match p.consumer.commit_consumer_state(CommitMode::Sync) {
        Ok(()) => {}
        Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::NoOffset)) => {}
        Err(e) => tracing::warn!(error = %e, "final offset commit failed; the last batch may be redone"),
    }
    tracing::info!(service = p.service, "consumer stopped");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incoming(payload: Vec<u8>) -> Incoming {
        Incoming {
            topic: "t.articles.raw".into(),
            partition: 2,
            offset: 41,
            key: Some(b"doc_1".to_vec()),
            payload: Some(payload),
            headers: vec![("trace".into(), b"abc".to_vec())],
        }
    }

    fn header<'a>(r: &'a Record, name: &str) -> Option<&'a [u8]> {
        r.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_slice())
    }

    #[test]
    fn dead_letters_keep_the_message_whole_when_it_fits() {
        let msg = incoming(b"not json".to_vec());
        let d = Record::dead_letter(&msg, &DlqReason::new("malformed", "bad"), "normalizer", "1");
        assert_eq!(d.topic, "t.articles.raw.dlq");
        assert_eq!(d.payload, b"not json");
        assert_eq!(d.key.as_deref(), Some(&b"doc_1"[..]));
        assert_eq!(header(&d, dlq::HEADER_ORIGINAL_OFFSET), Some(&b"41"[..]));
        assert_eq!(header(&d, "trace"), Some(&b"abc"[..]));
        assert_eq!(header(&d, dlq::HEADER_PAYLOAD_TRUNCATED), None);
    }

    #[test]
    fn an_oversized_message_is_dead_lettered_with_a_preview_that_can_be_delivered() {
        let msg = incoming(vec![b'x'; MAX_RECORD_BYTES + 1]);
        let d = Record::dead_letter(&msg, &DlqReason::new("malformed", "bad"), "normalizer", "1");
        assert_eq!(d.payload.len(), DLQ_PREVIEW_BYTES);
        assert!(d.size() <= MAX_RECORD_BYTES);
        let original = (MAX_RECORD_BYTES + 1).to_string();
        assert_eq!(header(&d, dlq::HEADER_PAYLOAD_TRUNCATED), Some(original.as_bytes()));
        assert_eq!(header(&d, dlq::HEADER_ORIGINAL_PARTITION), Some(&b"2"[..]));
        assert_eq!(header(&d, "trace"), None, "original headers are dropped");
    }

    /// Records what `prepare` saw: (index in the batch, payload length).
    #[derive(Debug)]
    struct Recorder;

    impl Handler for Recorder {
        type Prepared = Vec<(usize, usize)>;
        fn prepare(&self, prepared: &mut Self::Prepared, index: usize, msg: &Incoming) {
            prepared.push((index, msg.payload.as_ref().map_or(0, Vec::len)));
        }
        async fn handle(&self, _: &[Incoming], _: &Self::Prepared) -> Result<Outcome, Retriable> {
            Ok(Outcome::default())
        }
    }

    fn sized(n: usize) -> Incoming {
        Incoming {
            topic: "t".into(),
            partition: 0,
            offset: 0,
            key: None,
            payload: Some(vec![b'x'; n]),
            headers: Vec::new(),
        }
    }

    /// Cuts a stream of messages into batches as the loop does, reading while the batch is
    /// not full and taking it when it is (or at the end).
    fn batches(sizes: &[usize], max_messages: usize, max_bytes: usize) -> Vec<Vec<usize>> {
        let mut next = NextBatch::<Vec<(usize, usize)>>::new(max_messages, max_bytes);
        let mut out = Vec::new();
        let mut take = |next: &mut NextBatch<_>| {
            let (batch, prepared) = next.take(&Recorder);
            let lens: Vec<usize> = batch.iter().map(Incoming::size).collect();
            // What was prepared is the batch, in order, with its indices.
            assert_eq!(prepared, lens.iter().copied().enumerate().collect::<Vec<_>>());
            out.push(lens);
        };
        for &n in sizes {
            if next.full() {
                take(&mut next);
            }
            next.push(&Recorder, sized(n));
        }
        while !next.messages.is_empty() {
            take(&mut next);
        }
        out
    }

    #[test]
    fn a_batch_is_cut_by_bytes_as_well_as_by_count_and_nothing_is_lost() {
        const MIB: usize = 1024 * 1024;
        // Ten messages of 1 MiB under a 3 MiB budget: batches of three.
        let got = batches(&[MIB; 10], 500, 3 * MIB);
        assert_eq!(got, vec![vec![MIB; 3], vec![MIB; 3], vec![MIB; 3], vec![MIB]]);
        // A message larger than the budget makes a batch of its own; small ones fill up to it.
        let got = batches(&[10, 20, 5 * MIB, 30, 3 * MIB - 30, 1], 500, 3 * MIB);
        assert_eq!(got, vec![vec![10, 20], vec![5 * MIB], vec![30, 3 * MIB - 30], vec![1]]);
        // The count still cuts when the bytes do not.
        let got = batches(&[1; 7], 3, 3 * MIB);
        assert_eq!(got, vec![vec![1; 3], vec![1; 3], vec![1]]);
        // Nothing is lost or reordered: 500 messages of 10 MiB, never more than 64 MiB held.
        let sizes: Vec<usize> = (0..500).map(|i| 10 * MIB - i).collect();
        let got = batches(&sizes, 500, 64 * MIB);
        assert!(
            got.iter().all(|b| b.iter().sum::<usize>() <= 64 * MIB),
            "a batch over the budget"
        );
        assert_eq!(got.concat(), sizes);
    }

    #[tokio::test]
    async fn an_output_over_the_limit_dead_letters_its_input() {
        let batch = vec![incoming(b"small".to_vec()), incoming(b"big".to_vec())];
        let out = handle_each(&batch, |m| {
            let n = if m.payload.as_deref() == Some(b"big") {
                MAX_RECORD_BYTES + 1
            } else {
                10
            };
            std::future::ready(Ok(vec![Record {
                topic: "t.articles.clean".into(),
                key: None,
                payload: vec![b'y'; n],
                headers: Vec::new(),
            }]))
        })
        .await
        .expect("no retriable error");
        assert_eq!(out.records.len(), 1);
        assert_eq!(out.rejected.len(), 1);
        let (i, reason) = &out.rejected[0];
        assert_eq!((*i, reason.kind), (1, "output_too_large"));
        assert!(reason.message.contains("t.articles.clean"), "{}", reason.message);
    }
}
