//! The writer: the only service that writes the tables dashboards read.
//!
//! It consumes `articles.clean`, `events.extracted` and the three dead-letter topics, and
//! writes each batch in one PostgreSQL transaction: sources, articles (duplicates as rows
//! pointing at their original, without a second copy of the text), event mentions with their
//! actors and places, the events recomputed from their mentions, and dead letters. Offsets
//! are stored only after the commit.
//!
//! Idempotence: every row has a natural key derived from the message ([`sahel_schemas::ids`]);
//! inserts are `ON CONFLICT` and updates only touch rows whose values differ, and only from a
//! message at least as new as the row, so replaying a topic changes no row. Re-extraction:
//! each article has one current extraction (extractor version); a newer one replaces the
//! article's mentions, an older one is ignored.
//!
//! Layout: [`Config`] and [`run`] (the service), [`rows`] (message → row), [`merge`] (what new
//! mentions add to their events), [`ranking`] (which mention gives an event its date, place
//! and evidence: the Rust comparators and the SQL functions, from one definition), [`store`]
//! (the SQL, in named stages), [`replay`] (`sahel-writer replay-articles`: re-extraction of
//! stored articles), [`fault`] (test-only fault injection).

pub mod aliases;
pub mod current;
pub mod dead_letters;
pub mod fault;
pub mod merge;
pub mod ranking;
pub mod replay;
pub mod resolution;
pub mod rows;
pub mod store;

use clap::Parser;
use sahel_runtime::config::{DatabaseArgs, KafkaArgs, ServiceArgs};
use sahel_runtime::metrics::PipelineMetrics;
use sahel_runtime::pipeline::{self, Incoming, Outcome, Retriable};
use sahel_schemas::{dlq, topics};
use std::future::Future;

/// Service name, used in logs, metrics and dead-letter headers.
pub const SERVICE: &str = "writer";
/// Service version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Writer settings (flags or environment).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sahel-writer",
    version,
    about = "Writes articles.clean, events.extracted and dead letters into PostgreSQL",
    after_help = "Re-extraction of stored articles: `sahel-writer replay-articles --help`."
)]
pub struct Config {
    /// Kafka, batching, HTTP and logs.
    #[command(flatten)]
    pub service: ServiceArgs,
    /// PostgreSQL.
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// Batches written at once, each in its own transaction on its own connection (at most
    /// --database-max-connections). Offsets are still stored in order, each batch's only after
    /// it and every batch before it committed; rows two batches share are written last.
    #[arg(long, env = "BATCHES_IN_FLIGHT", default_value_t = 2)]
    pub batches_in_flight: usize,
    /// Resolve each report (an article's mentions of one event) to the event it is
    /// compatible with across articles ([`resolution`]); off, a mention's event is the
    /// extractor's proposed id.
    #[arg(long, env = "EVENT_RESOLUTION", default_value_t = true, action = clap::ArgAction::Set)]
    pub event_resolution: bool,
}

impl Config {
    /// Checks the settings; the error names the offending one.
    pub fn validate(&self) -> Result<(), sahel_runtime::config::ConfigError> {
        self.db.validate()?;
        let most = self.db.database_max_connections as usize;
        if self.batches_in_flight == 0 || self.batches_in_flight > most {
            return Err(sahel_runtime::config::ConfigError::new(
                "--batches-in-flight / BATCHES_IN_FLIGHT",
                format!(
                    "must be between 1 and --database-max-connections ({most}), got {}",
                    self.batches_in_flight
                ),
            ));
        }
        Ok(())
    }
}

/// The input topics: the clean articles, the event mentions and every dead-letter topic.
pub fn input_topics(kafka: &KafkaArgs) -> Vec<String> {
    let clean = kafka.topic(topics::ARTICLES_CLEAN);
    let events = kafka.topic(topics::EVENTS_EXTRACTED);
    let raw = kafka.topic(topics::ARTICLES_RAW);
    vec![
        dlq::dlq_topic(&raw),
        dlq::dlq_topic(&clean),
        dlq::dlq_topic(&events),
        clean,
        events,
    ]
}

struct WriterHandler {
    pool: sqlx::PgPool,
    clean_topic: String,
    events_topic: String,
    metrics: PipelineMetrics,
    fault: fault::Fault,
    batches_in_flight: usize,
    in_flight: store::InFlight,
    event_resolution: bool,
    current_topic: String,
    producer: sahel_schemas::ProducerInfo,
    /// Produces `events.current`. Reading the changed events and producing them happen under
    /// one lock, so that of two batches in flight the one that read later also produces later
    /// and the topic's last message for an event is its newest state.
    current_producer: rdkafka::producer::FutureProducer,
    current_lock: tokio::sync::Mutex<()>,
}

impl pipeline::Handler for WriterHandler {
    /// The batch's rows, and the messages that cannot be decoded.
    type Prepared = (rows::Batch, Vec<(usize, dlq::DlqReason)>);

    fn prepare(&self, (rows, rejected): &mut Self::Prepared, index: usize, msg: &Incoming) {
        if let Err(reason) = rows.add_message(index, msg, &self.clean_topic, &self.events_topic) {
            rejected.push((index, reason));
        }
    }

    /// Batches are independent transactions whose order does not matter: every write is
    /// idempotent and keeps the newest data whatever came first; the changed events' current
    /// state is read and produced under one lock, in commit order.
    fn max_in_flight(&self) -> usize {
        self.batches_in_flight
    }

    async fn handle(&self, _batch: &[Incoming], (rows, rejected): &Self::Prepared) -> Result<Outcome, Retriable> {
        let resolved;
        let rows = if self.event_resolution && !rows.mentions.is_empty() {
            // The prepared batch stays as decoded (a retry resolves it again and finds its
            // reports linked); the copy carries the resolved event ids.
            let mut copy = rows.clone();
            let rows::Batch { facts, mentions, .. } = &mut copy;
            let stats = resolution::resolve_rows(&self.pool, facts, mentions)
                .await
                .map_err(|e| Retriable(anyhow::Error::new(e).context("resolving events")))?;
            tracing::debug!(
                known = stats.known,
                joined = stats.joined,
                started = stats.started,
                merged = stats.merges.len(),
                "events resolved"
            );
            resolved = copy;
            &resolved
        } else {
            rows
        };
        let (outcome, wrote) =
            store::write_isolating(&self.pool, &self.in_flight, rows, rejected.clone(), &self.metrics).await?;
        if wrote {
            // Committed; the loop stores the offsets after this returns.
            self.fault.after_commit();
            // The changed events' current state, produced before the offsets are stored: at
            // least once (a retry after a failure here rewrites nothing and produces again).
            let (events, articles) = current::touched(rows);
            let _order = self.current_lock.lock().await;
            let records = current::records(&self.pool, &self.current_topic, &self.producer, &events, &articles)
                .await
                .map_err(|e| Retriable(anyhow::Error::new(e).context("reading the changed events")))?;
            pipeline::produce_all(&self.current_producer, &records)
                .await
                .map_err(|e| Retriable(e.context("producing the changed events")))?;
        }
        Ok(outcome)
    }
}

/// Starts the writer and runs it until `shutdown` resolves: applies the migrations (refusing
/// a database whose schema is newer than this build), then consumes. Returns an error for bad
/// configuration or when PostgreSQL or Kafka cannot be set up at start.
pub async fn run(config: Config, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    sahel_runtime::service::prepare(&config.service)?;
    config.validate()?;
    let fault = fault::Fault::from_env()?;
    if fault.is_armed() {
        tracing::warn!(setting = fault::ENV, "test-only fault injection is armed");
    }
    let shutdown = sahel_runtime::shutdown::token_from(shutdown);

    let pool = sahel_runtime::db::connect(&config.db, &shutdown).await?;
    sahel_runtime::db::migrate(&pool).await?;
    tracing::info!("migrations applied");

    let kafka = &config.service.kafka;
    let started =
        sahel_runtime::service::start(SERVICE, VERSION, 9104, &config.service, &input_topics(kafka), &shutdown).await?;
    let hold = fault.hold_before_commit();
    let handler = WriterHandler {
        pool,
        clean_topic: kafka.topic(topics::ARTICLES_CLEAN),
        events_topic: kafka.topic(topics::EVENTS_EXTRACTED),
        metrics: started.metrics,
        fault,
        batches_in_flight: config.batches_in_flight,
        in_flight: store::InFlight::default().holding_before_commit(hold),
        event_resolution: config.event_resolution,
        current_topic: kafka.topic(topics::EVENTS_CURRENT),
        producer: sahel_schemas::ProducerInfo::new(SERVICE, VERSION),
        current_producer: sahel_runtime::kafka::producer(kafka, "sahel-writer-current")?,
        current_lock: tokio::sync::Mutex::new(()),
    };
    pipeline::run(started.pipeline, &handler, shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &[&str]) -> Config {
        let args = ["sahel-writer", "--database-url", "postgres://w@localhost/sahel"];
        Config::parse_from(args.iter().chain(extra))
    }

    #[test]
    fn batches_in_flight_must_fit_the_pool_and_the_error_names_the_setting() {
        assert!(config(&[]).validate().is_ok(), "the defaults are valid");
        assert_eq!(config(&[]).batches_in_flight, 2);
        for bad in [
            &["--batches-in-flight", "0"][..],
            &["--batches-in-flight", "5", "--database-max-connections", "4"][..],
        ] {
            let err = config(bad).validate().unwrap_err().to_string();
            assert!(err.contains("BATCHES_IN_FLIGHT"), "{err}");
        }
        assert!(config(&["--batches-in-flight", "4"]).validate().is_ok());
    }
}
