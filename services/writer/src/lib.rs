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
//! mentions add to their events), [`store`] (the
//! SQL), [`replay`] (`sahel-writer replay-articles`: re-extraction of stored articles),
//! [`fault`] (test-only fault injection).

pub mod fault;
pub mod merge;
pub mod replay;
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
}

impl pipeline::Handler for WriterHandler {
    /// The batch's rows, and the messages that cannot be decoded.
    type Prepared = (rows::Batch, Vec<(usize, dlq::DlqReason)>);

    fn prepare(&self, (rows, rejected): &mut Self::Prepared, index: usize, msg: &Incoming) {
        if let Err(reason) = rows.add_message(index, msg, &self.clean_topic, &self.events_topic) {
            rejected.push((index, reason));
        }
    }

    async fn handle(&self, _batch: &[Incoming], (rows, rejected): &Self::Prepared) -> Result<Outcome, Retriable> {
        let (outcome, wrote) = store::write_isolating(&self.pool, rows, rejected.clone(), &self.metrics).await?;
        if wrote {
            // Committed; the loop stores the offsets after this returns.
            self.fault.after_commit();
        }
        Ok(outcome)
    }
}

/// Starts the writer and runs it until `shutdown` resolves: applies the migrations (refusing
/// a database whose schema is newer than this build), then consumes. Returns an error for bad
/// configuration or when PostgreSQL or Kafka cannot be set up at start.
pub async fn run(config: Config, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    sahel_runtime::service::prepare(&config.service)?;
    config.db.validate()?;
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
    let handler = WriterHandler {
        pool,
        clean_topic: kafka.topic(topics::ARTICLES_CLEAN),
        events_topic: kafka.topic(topics::EVENTS_EXTRACTED),
        metrics: started.metrics,
        fault,
    };
    pipeline::run(started.pipeline, &handler, shutdown).await
}
