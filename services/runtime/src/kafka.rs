//! Kafka clients configured the way DESIGN.md requires.
//!
//! - Producers: `enable.idempotence=true`, `acks=all`.
//! - Consumers: `enable.auto.offset.store=false` (offsets are stored by [`crate::pipeline`]
//!   only after the outputs are confirmed), auto-commit of stored offsets, start from the
//!   earliest offset when the group has none.

use std::time::Duration;

use anyhow::Context as _;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::config::ClientConfig;
use rdkafka::consumer::StreamConsumer;
use rdkafka::error::RDKafkaErrorCode;
use rdkafka::producer::FutureProducer;

use crate::config::KafkaArgs;

/// Largest record the services produce (`message.max.bytes` of their producers); the broker
/// and the consumers must accept records this large too.
pub const MAX_MESSAGE_BYTES: usize = 10 * 1024 * 1024;

fn base_config(args: &KafkaArgs, client_id: &str) -> ClientConfig {
    let mut c = ClientConfig::new();
    c.set("bootstrap.servers", &args.brokers)
        .set("client.id", client_id)
        // Tansu and small clusters: fail over quickly when the broker restarts.
        .set("reconnect.backoff.max.ms", "2000")
        .set("socket.keepalive.enable", "true");
    c
}

fn apply_overrides(mut c: ClientConfig, args: &KafkaArgs) -> ClientConfig {
    for (k, v) in args.option_pairs() {
        c.set(k, v);
    }
    c
}

/// An idempotent producer (`acks=all`).
pub fn producer(args: &KafkaArgs, client_id: &str) -> anyhow::Result<FutureProducer> {
    let mut c = base_config(args, client_id);
    c.set("enable.idempotence", "true")
        .set("acks", "all")
        .set("linger.ms", "5")
        .set("compression.type", "lz4")
        // Large articles: 10 MB messages (the broker must allow them too).
        .set("message.max.bytes", MAX_MESSAGE_BYTES.to_string())
        .set("message.timeout.ms", "60000");
    apply_overrides(c, args)
        .create()
        .context("creating the Kafka producer (check --kafka-brokers and --kafka-option)")
}

/// A consumer in `group` that never stores offsets by itself.
pub fn consumer(args: &KafkaArgs, client_id: &str, group: &str) -> anyhow::Result<StreamConsumer> {
    let mut c = base_config(args, client_id);
    c.set("group.id", group)
        .set("enable.auto.offset.store", "false")
        .set("enable.auto.commit", "true")
        .set("auto.commit.interval.ms", "1000")
        .set("auto.offset.reset", "earliest")
        .set("session.timeout.ms", "10000")
        .set("heartbeat.interval.ms", "1000")
        // A fetch waits at most this long for data. Tansu answers a waiting fetch only when
        // the wait ends, not when a message arrives, so librdkafka's default (500 ms) adds up
        // to half a second per hop; three consumer hops made the p99 to an event row 2.2 s at
        // 50 articles/s (BENCHMARKS.md). 100 ms costs the broker a little CPU when idle.
        .set("fetch.wait.max.ms", "100")
        .set("fetch.message.max.bytes", MAX_MESSAGE_BYTES.to_string());
    apply_overrides(c, args)
        .create()
        .context("creating the Kafka consumer (check --kafka-brokers and --kafka-option)")
}

/// Creates the topics that do not exist yet; existing topics are left as they are.
pub async fn ensure_topics(args: &KafkaArgs, topics: &[String]) -> anyhow::Result<()> {
    let admin: AdminClient<DefaultClientContext> = apply_overrides(base_config(args, "sahel-admin"), args)
        .create()
        .context("creating the Kafka admin client")?;
    let new: Vec<NewTopic<'_>> = topics
        .iter()
        .map(|t| {
            let topic = NewTopic::new(t, args.topic_partitions, TopicReplication::Fixed(1));
            if sahel_schemas::topics::is_compacted(t) {
                topic.set("cleanup.policy", "compact")
            } else {
                topic
            }
        })
        .collect();
    let opts = AdminOptions::new().operation_timeout(Some(Duration::from_secs(10)));
    let results = admin
        .create_topics(&new, &opts)
        .await
        .context("creating topics (is the broker reachable at --kafka-brokers?)")?;
    for r in results {
        match r {
            Ok(name) => tracing::info!(topic = %name, "created topic"),
            Err((name, RDKafkaErrorCode::TopicAlreadyExists)) => {
                tracing::debug!(topic = %name, "topic exists")
            }
            Err((name, code)) => anyhow::bail!("creating topic {name}: {code}"),
        }
    }
    Ok(())
}

/// Creates the producer and a consumer subscribed to `inputs`, first creating the topics in
/// `create` when `--create-topics` is on: everything [`crate::pipeline::run`] needs.
#[allow(clippy::too_many_arguments)]
pub async fn pipeline(
    service: &'static str,
    version: &'static str,
    kafka: &KafkaArgs,
    consumer_args: &crate::config::ConsumerArgs,
    inputs: &[String],
    create: &[String],
    metrics: crate::metrics::PipelineMetrics,
    health: crate::http::Health,
) -> anyhow::Result<crate::pipeline::Pipeline> {
    use rdkafka::consumer::Consumer as _;
    if kafka.create_topics {
        ensure_topics(kafka, create).await?;
    }
    let producer = producer(kafka, service)?;
    let consumer = consumer(kafka, service, &kafka.group(service))?;
    let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    consumer.subscribe(&refs).context("subscribing to the input topics")?;
    tracing::info!(group = %kafka.group(service), topics = ?inputs, "subscribed");
    Ok(crate::pipeline::Pipeline {
        service,
        version,
        consumer,
        producer,
        args: consumer_args.clone(),
        metrics,
        health,
    })
}
