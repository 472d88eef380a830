//! Settings every service takes, from flags or the environment (flags win).

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

/// A configuration problem found at start. The message names the setting (flag and
/// environment variable) so an operator knows what to fix.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {setting}: {problem}")]
pub struct ConfigError {
    /// The setting, as `--flag / ENV_VAR`.
    pub setting: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    /// A problem with a setting.
    pub fn new(setting: &'static str, problem: impl Into<String>) -> Self {
        Self {
            setting,
            problem: problem.into(),
        }
    }
}

/// Kafka settings.
#[derive(Debug, Clone, Args)]
pub struct KafkaArgs {
    /// Bootstrap brokers, comma-separated host:port pairs.
    #[arg(long = "kafka-brokers", env = "KAFKA_BROKERS", default_value = "localhost:9092")]
    pub brokers: String,

    /// Prefix for every topic name (for example `staging.`), so several pipelines can share a
    /// cluster. Topics are `<prefix>articles.raw`, `<prefix>articles.clean`,
    /// `<prefix>events.extracted` and each one's `.dlq`.
    #[arg(long, env = "TOPIC_PREFIX", default_value = "")]
    pub topic_prefix: String,

    /// Consumer group id. Instances sharing a group share the work; the default is the
    /// service name, prefixed with the topic prefix.
    #[arg(long = "group-id", env = "KAFKA_GROUP_ID")]
    pub group_id: Option<String>,

    /// Extra librdkafka settings as key=value (repeatable, or comma-separated in the
    /// environment), e.g. security.protocol=SASL_SSL. They override the defaults.
    #[arg(long = "kafka-option", env = "KAFKA_OPTIONS", value_delimiter = ',')]
    pub options: Vec<String>,

    /// Create missing topics at start (with --topic-partitions partitions). Turn off where
    /// topics are provisioned by the platform team.
    #[arg(long, env = "CREATE_TOPICS", default_value_t = true, action = clap::ArgAction::Set)]
    pub create_topics: bool,

    /// Partitions for topics created at start.
    #[arg(long, env = "TOPIC_PARTITIONS", default_value_t = 3)]
    pub topic_partitions: i32,
}

impl KafkaArgs {
    /// Checks the settings; the error names the offending one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.brokers.trim().is_empty() {
            return Err(ConfigError::new("--kafka-brokers / KAFKA_BROKERS", "must not be empty"));
        }
        for b in self.brokers.split(',') {
            let b = b.trim();
            let ok = b
                .rsplit_once(':')
                .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
            if !ok {
                return Err(ConfigError::new(
                    "--kafka-brokers / KAFKA_BROKERS",
                    format!("`{b}` is not host:port"),
                ));
            }
        }
        for o in &self.options {
            if !o.contains('=') {
                return Err(ConfigError::new(
                    "--kafka-option / KAFKA_OPTIONS",
                    format!("`{o}` is not key=value"),
                ));
            }
        }
        if !(1..=1000).contains(&self.topic_partitions) {
            return Err(ConfigError::new(
                "--topic-partitions / TOPIC_PARTITIONS",
                "must be between 1 and 1000",
            ));
        }
        Ok(())
    }

    /// A topic's full name.
    pub fn topic(&self, base: &str) -> String {
        format!("{}{base}", self.topic_prefix)
    }

    /// The consumer group for a service.
    pub fn group(&self, service: &str) -> String {
        self.group_id
            .clone()
            .unwrap_or_else(|| format!("{}{service}", self.topic_prefix))
    }

    /// The extra options as pairs.
    pub fn option_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.options.iter().filter_map(|o| o.split_once('='))
    }
}

/// Default of `--batch-max-bytes`: 64 MiB, about 500 articles of 130 KB.
pub const DEFAULT_BATCH_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Bounds of `--batch-max-bytes`.
pub const BATCH_MAX_BYTES_RANGE: std::ops::RangeInclusive<usize> = 1024..=1024 * 1024 * 1024;

/// Consumer batching and retry settings.
#[derive(Debug, Clone, Args)]
pub struct ConsumerArgs {
    /// Most messages handled together (one database transaction in the writer).
    #[arg(long, env = "BATCH_SIZE", default_value_t = 500)]
    pub batch_size: usize,

    /// Most bytes (keys, payloads and headers) the messages of one batch may hold. A batch is
    /// handed to the handler once it holds --batch-size messages or once the next message
    /// would take it over this budget (that message starts the next batch); a message larger
    /// than the budget makes a batch of its own. So 500 messages of 10 MiB are never held at
    /// once. In bytes.
    #[arg(long, env = "BATCH_MAX_BYTES", default_value_t = DEFAULT_BATCH_MAX_BYTES)]
    pub batch_max_bytes: usize,

    /// How long to wait for a batch to fill once its first message arrived, in milliseconds.
    #[arg(long, env = "BATCH_LINGER_MS", default_value_t = 50)]
    pub batch_linger_ms: u64,

    /// First retry delay for retriable errors, in milliseconds (doubles each attempt).
    #[arg(long, env = "RETRY_BASE_MS", default_value_t = 200)]
    pub retry_base_ms: u64,

    /// Longest retry delay, in milliseconds.
    #[arg(long, env = "RETRY_MAX_MS", default_value_t = 30_000)]
    pub retry_max_ms: u64,

    /// On SIGINT/SIGTERM, how long in-flight work may take to finish before the service exits
    /// without storing its offsets (the work is then redone after restart), in milliseconds.
    #[arg(long, env = "SHUTDOWN_DEADLINE_MS", default_value_t = 10_000)]
    pub shutdown_deadline_ms: u64,

    /// How long work may be pending (a batch in flight, or messages read and waiting) without
    /// any batch finishing before the loop counts as stalled: `/healthz` answers 503 and
    /// `sahel_stalled{stage}` is 1. In milliseconds.
    #[arg(long, env = "STALL_AFTER_MS", default_value_t = 120_000)]
    pub stall_after_ms: u64,
}

impl ConsumerArgs {
    /// Checks the settings; the error names the offending one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.batch_size == 0 || self.batch_size > 100_000 {
            return Err(ConfigError::new(
                "--batch-size / BATCH_SIZE",
                "must be between 1 and 100000",
            ));
        }
        if !BATCH_MAX_BYTES_RANGE.contains(&self.batch_max_bytes) {
            return Err(ConfigError::new(
                "--batch-max-bytes / BATCH_MAX_BYTES",
                format!(
                    "must be between {} and {} bytes, not {}",
                    BATCH_MAX_BYTES_RANGE.start(),
                    BATCH_MAX_BYTES_RANGE.end(),
                    self.batch_max_bytes
                ),
            ));
        }
        if self.stall_after_ms < 1_000 {
            return Err(ConfigError::new(
                "--stall-after-ms / STALL_AFTER_MS",
                "must be at least 1000",
            ));
        }
        if self.retry_base_ms == 0 || self.retry_base_ms > self.retry_max_ms {
            return Err(ConfigError::new(
                "--retry-base-ms / RETRY_BASE_MS",
                "must be positive and at most --retry-max-ms",
            ));
        }
        Ok(())
    }

    /// Linger as a duration.
    pub fn linger(&self) -> Duration {
        Duration::from_millis(self.batch_linger_ms)
    }
}

/// HTTP endpoint settings.
#[derive(Debug, Clone, Args)]
pub struct HttpArgs {
    /// Address for /healthz and /metrics (port 0 picks a free port, logged at start).
    #[arg(long, env = "HTTP_ADDR")]
    pub http_addr: Option<SocketAddr>,
}

/// Logging settings.
#[derive(Debug, Clone, Args)]
pub struct LogArgs {
    /// Log format: `text` for people, `json` for log pipelines.
    #[arg(long, env = "LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub log_format: String,
    /// Log filter in tracing's EnvFilter syntax, e.g. `info` or `info,sahel_writer=debug`.
    #[arg(long, env = "RUST_LOG", default_value = "info")]
    pub log_filter: String,
}

/// PostgreSQL settings.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// PostgreSQL connection URL, e.g. postgres://user:pass@host:5432/sahel.
    #[arg(long = "database-url", env = "DATABASE_URL")]
    pub database_url: String,

    /// Largest number of pooled connections.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 4)]
    pub database_max_connections: u32,
}

impl DatabaseArgs {
    /// Checks the settings; the error names the offending one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let u = self.database_url.trim();
        if !(u.starts_with("postgres://") || u.starts_with("postgresql://")) {
            return Err(ConfigError::new(
                "--database-url / DATABASE_URL",
                "must be a postgres:// or postgresql:// URL",
            ));
        }
        if self.database_max_connections == 0 {
            return Err(ConfigError::new(
                "--database-max-connections / DATABASE_MAX_CONNECTIONS",
                "must be at least 1",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct T {
        #[command(flatten)]
        kafka: KafkaArgs,
    }

    #[test]
    fn broker_list_is_checked_and_names_the_setting() {
        let t = T::parse_from(["t", "--kafka-brokers", "localhost"]);
        let err = t.kafka.validate().unwrap_err().to_string();
        assert!(err.contains("KAFKA_BROKERS"), "{err}");
        let t = T::parse_from(["t", "--kafka-brokers", "a:1,b:2"]);
        assert!(t.kafka.validate().is_ok());
        let t = T::parse_from(["t", "--kafka-option", "novalue"]);
        assert!(t.kafka.validate().unwrap_err().to_string().contains("KAFKA_OPTIONS"));
    }

    #[derive(Parser, Debug)]
    struct C {
        #[command(flatten)]
        consumer: ConsumerArgs,
    }

    #[test]
    fn the_batch_byte_budget_is_checked_and_names_the_setting() {
        let c = C::parse_from(["c"]);
        assert_eq!(c.consumer.batch_max_bytes, DEFAULT_BATCH_MAX_BYTES);
        assert!(c.consumer.validate().is_ok());
        for bad in ["0", "1023", "1073741825"] {
            let c = C::parse_from(["c", "--batch-max-bytes", bad]);
            let err = c.consumer.validate().unwrap_err().to_string();
            assert!(err.contains("--batch-max-bytes / BATCH_MAX_BYTES"), "{err}");
        }
        let c = C::parse_from(["c", "--batch-max-bytes", "3145728"]);
        assert!(c.consumer.validate().is_ok());
    }

    #[test]
    fn topics_and_groups_take_the_prefix() {
        let t = T::parse_from(["t", "--topic-prefix", "x."]);
        assert_eq!(t.kafka.topic("articles.raw"), "x.articles.raw");
        assert_eq!(t.kafka.group("writer"), "x.writer");
    }
}

/// The settings every consumer service takes.
#[derive(Debug, Clone, Args)]
pub struct ServiceArgs {
    /// Kafka.
    #[command(flatten)]
    pub kafka: KafkaArgs,
    /// Batching and retries.
    #[command(flatten)]
    pub consumer: ConsumerArgs,
    /// HTTP endpoint.
    #[command(flatten)]
    pub http: HttpArgs,
    /// Logs.
    #[command(flatten)]
    pub log: LogArgs,
}

impl ServiceArgs {
    /// Checks the settings; the error names the offending one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.kafka.validate()?;
        self.consumer.validate()
    }
}
