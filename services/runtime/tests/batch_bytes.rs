//! Issue 19, item 7 (bytes): the consumer loop cuts a batch by bytes as well as by count, over
//! a real broker (Tansu): large messages are never all held in one batch, each batch stays
//! within `--batch-max-bytes` (a message larger than the budget alone), and every message is
//! handled once, in order, with its offset committed.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::ClientConfig;
use sahel_e2e::{caught_up, unique, wait_until, Broker};
use sahel_runtime::config::{ConsumerArgs, KafkaArgs};
use sahel_runtime::pipeline::{Handler, Incoming, Outcome, Retriable};
use sahel_runtime::CancellationToken;

const MIB: usize = 1024 * 1024;

/// One handled batch: (offset, size) of each message.
type Batch = Vec<(i64, usize)>;

/// Remembers every batch it is given.
#[derive(Debug, Default, Clone)]
struct Recorder(Arc<Mutex<Vec<Batch>>>);

impl Handler for Recorder {
    type Prepared = ();
    async fn handle(&self, batch: &[Incoming], _: &()) -> Result<Outcome, Retriable> {
        let seen = batch.iter().map(|m| (m.offset, m.size())).collect();
        self.0
            .lock()
            .map_err(|_| Retriable(anyhow::anyhow!("poisoned")))?
            .push(seen);
        Ok(Outcome::default())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_messages_are_cut_into_batches_within_the_byte_budget_and_none_is_lost() -> anyhow::Result<()> {
    let broker = Broker::start()?;
    let topic = unique("bytes.");
    sahel_e2e::create_topics(&broker.brokers, std::slice::from_ref(&topic), 1).await?;
    // Twelve messages of 1 MiB, one of 4 MiB in the middle, and small ones between: all on the
    // topic before the consumer starts, so that count and linger alone would take them in one
    // batch.
    let producer: FutureProducer = ClientConfig::new()
        .set("bootstrap.servers", &broker.brokers)
        .set("message.max.bytes", (12 * MIB).to_string())
        .set("message.timeout.ms", "30000")
        .create()?;
    let mut sizes: Vec<usize> = Vec::new();
    for i in 0..12 {
        sizes.push(MIB);
        sizes.push(100 + i);
        if i == 6 {
            sizes.push(4 * MIB);
        }
    }
    for (i, n) in sizes.iter().enumerate() {
        let payload = vec![b'a' + (i % 26) as u8; *n];
        let key = format!("m{i}");
        producer
            .send(
                FutureRecord::to(&topic).key(&key).payload(&payload).partition(0),
                Duration::from_secs(30),
            )
            .await
            .map_err(|(e, _)| anyhow::anyhow!("producing message {i}: {e}"))?;
    }

    let budget = 3 * MIB;
    let kafka = KafkaArgs {
        brokers: broker.brokers.clone(),
        topic_prefix: String::new(),
        group_id: Some(unique("g")),
        options: vec!["session.timeout.ms=6000".into()],
        create_topics: false,
        topic_partitions: 1,
    };
    let consumer = ConsumerArgs {
        batch_size: 500,
        batch_max_bytes: budget,
        // Long enough for every message to be read before a batch would close by time.
        batch_linger_ms: 3_000,
        retry_base_ms: 100,
        retry_max_ms: 1_000,
        shutdown_deadline_ms: 5_000,
        stall_after_ms: 60_000,
    };
    consumer.validate()?;
    let mut registry = sahel_runtime::metrics::new_registry();
    let metrics = sahel_runtime::metrics::PipelineMetrics::register("bytes-test", &mut registry);
    let pipeline = sahel_runtime::kafka::pipeline(
        "bytes-test",
        "0",
        &kafka,
        &consumer,
        std::slice::from_ref(&topic),
        &[],
        metrics,
        sahel_runtime::http::Health::default(),
    )
    .await?;
    let recorder = Recorder::default();
    let shutdown = CancellationToken::new();
    let loop_task = {
        let (r, s) = (recorder.clone(), shutdown.clone());
        tokio::spawn(async move { sahel_runtime::pipeline::run(pipeline, &r, s).await })
    };

    let group = kafka.group("bytes-test");
    let topics = vec![topic.clone()];
    let waited = wait_until("every message handled and committed", Duration::from_secs(90), || {
        let (b, g, t) = (broker.brokers.clone(), group.clone(), topics.clone());
        async move { tokio::task::spawn_blocking(move || caught_up(&b, &g, &t)).await? }
    })
    .await;
    shutdown.cancel();
    loop_task.await??;
    waited?;

    let batches = recorder.0.lock().map_err(|_| anyhow::anyhow!("poisoned"))?.clone();
    // Every message once, in order.
    let offsets: Vec<i64> = batches.iter().flatten().map(|(o, _)| *o).collect();
    assert_eq!(
        offsets,
        (0..sizes.len() as i64).collect::<Vec<_>>(),
        "batches: {batches:?}"
    );
    let got: Vec<usize> = batches.iter().flatten().map(|(_, n)| *n).collect();
    let keyed: Vec<usize> = sizes
        .iter()
        .enumerate()
        .map(|(i, n)| n + format!("m{i}").len())
        .collect();
    assert_eq!(got, keyed);
    // Within the budget, except a message larger than it, alone.
    for b in &batches {
        let bytes: usize = b.iter().map(|(_, n)| n).sum();
        assert!(
            bytes <= budget || b.len() == 1,
            "a batch of {} messages holds {bytes} bytes, over the {budget}-byte budget",
            b.len()
        );
    }
    assert!(
        batches.iter().any(|b| b.len() == 1 && b[0].1 > budget),
        "the 4 MiB message has a batch of its own: {batches:?}"
    );
    // 16 MiB in 3 MiB batches: at least six of them.
    assert!(batches.len() >= 6, "{} batches", batches.len());
    Ok(())
}
