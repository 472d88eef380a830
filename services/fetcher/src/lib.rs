//! The fetcher: sources → `articles.raw`.
//!
//! This version reads files and directories (recursively, in name order). Each file becomes
//! one raw document whose id is derived from its path and the hash of its bytes, so fetching
//! unchanged files again yields the same ids and changes nothing downstream.
//!
//! Two modes: `--once` fetches everything and exits with a summary (the main job uses it);
//! without it, the fetcher rescans every `--interval-secs` and emits only what changed since
//! its last scan.
//!
//! Layout: [`files`] (reading and decoding files, pure apart from the file system), [`run`].

pub mod files;

use std::collections::HashSet;
use std::future::Future;
use std::io::Write as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use sahel_runtime::config::{ConfigError, HttpArgs, KafkaArgs, LogArgs};
use sahel_runtime::http::Health;
use sahel_runtime::metrics::{new_registry, PipelineMetrics};
use sahel_runtime::pipeline::{produce_all, Record};
use sahel_schemas::topics;

/// Service name.
pub const SERVICE: &str = "fetcher";
/// Service version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Fetcher settings (flags or environment).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sahel-fetcher",
    version,
    about = "Fetches documents from files and directories into articles.raw"
)]
pub struct Config {
    /// A file or directory to fetch (repeatable; comma-separated in the environment).
    /// Directories are read recursively; hidden files are skipped.
    #[arg(long = "path", env = "FETCH_PATHS", value_delimiter = ',', required = true)]
    pub paths: Vec<PathBuf>,

    /// Source name recorded with every document (dashboards group by it). Default: the name
    /// of the first path.
    #[arg(long, env = "SOURCE_NAME")]
    pub source_name: Option<String>,

    /// Language of the source (ISO 639-1), used when detection is unsure.
    #[arg(long, env = "LANGUAGE_HINT")]
    pub language_hint: Option<String>,

    /// Fetch everything once, print a summary and exit (otherwise run as a daemon).
    #[arg(long)]
    pub once: bool,

    /// Daemon mode: seconds between scans.
    #[arg(long, env = "FETCH_INTERVAL_SECS", default_value_t = 300)]
    pub interval_secs: u64,

    /// Largest file read, in bytes; larger files are skipped and reported.
    #[arg(long, env = "MAX_DOCUMENT_BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_document_bytes: u64,

    /// Write one JSON line per document (id, location, status, reason) to this file.
    #[arg(long, env = "FETCH_REPORT")]
    pub report: Option<PathBuf>,

    /// Kafka.
    #[command(flatten)]
    pub kafka: KafkaArgs,
    /// HTTP endpoint.
    #[command(flatten)]
    pub http: HttpArgs,
    /// Logs.
    #[command(flatten)]
    pub log: LogArgs,
}

impl Config {
    fn validate(&self) -> Result<(), ConfigError> {
        self.kafka.validate()?;
        for p in &self.paths {
            if !p.exists() {
                return Err(ConfigError::new(
                    "--path / FETCH_PATHS",
                    format!("{} does not exist", p.display()),
                ));
            }
        }
        if self.interval_secs == 0 {
            return Err(ConfigError::new(
                "--interval-secs / FETCH_INTERVAL_SECS",
                "must be at least 1",
            ));
        }
        Ok(())
    }

    fn source_name(&self) -> String {
        self.source_name.clone().unwrap_or_else(|| {
            self.paths
                .first()
                .and_then(|p| p.canonicalize().ok())
                .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "files".to_owned())
        })
    }
}

/// Counts of one scan.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Documents emitted.
    pub fetched: u64,
    /// Documents unchanged since the last scan (daemon mode).
    pub unchanged: u64,
    /// Files skipped, by reason.
    pub skipped: Vec<(String, String)>,
}

/// Starts the fetcher and runs it until done (`--once`) or until `shutdown` resolves.
pub async fn run(config: Config, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    sahel_runtime::telemetry::init(&config.log)?;
    config.validate()?;
    let shutdown = sahel_runtime::shutdown::token_from(shutdown);
    let mut registry = new_registry();
    let metrics = PipelineMetrics::register(SERVICE, &mut registry);
    let health = Health::default();
    let addr = config
        .http
        .http_addr
        .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 9101)));
    sahel_runtime::http::serve(addr, registry, health.clone(), shutdown.clone()).await?;
    if config.kafka.create_topics {
        sahel_runtime::kafka::ensure_topics(&config.kafka, &topics::all_topics(&config.kafka.topic_prefix)).await?;
    }
    let producer = sahel_runtime::kafka::producer(&config.kafka, SERVICE)?;
    let topic = config.kafka.topic(topics::ARTICLES_RAW);
    let source = config.source_name();
    let mut report = match &config.report {
        Some(p) => Some(std::fs::File::create(p).with_context(|| format!("creating --report file {}", p.display()))?),
        None => None,
    };
    health.set(true);
    let mut seen: HashSet<String> = HashSet::new();
    loop {
        let mut summary = Summary::default();
        let docs = files::scan(
            &config.paths,
            &source,
            config.language_hint.as_deref(),
            config.max_document_bytes,
        );
        let mut records = Vec::new();
        let mut emitted = Vec::new();
        for d in docs {
            match d {
                files::Scanned::Document(raw) => {
                    if !seen.insert(raw.id.clone()) {
                        summary.unchanged += 1;
                        continue;
                    }
                    records.push(Record::json(&topic, &raw.id, &raw).context("serializing a document")?);
                    emitted.push((raw.id.clone(), raw.source.location.clone()));
                }
                files::Scanned::Skipped { location, reason } => {
                    tracing::warn!(%location, %reason, "skipped");
                    metrics.outcome("skipped", 1);
                    summary.skipped.push((location, reason));
                }
            }
        }
        // Retry delivery until it succeeds or we are told to stop: nothing fetched is lost.
        let mut attempt = 0;
        while let Err(e) = produce_all(&producer, &records).await {
            attempt += 1;
            if shutdown.is_cancelled() {
                return Err(e.context("shutdown before the documents were delivered"));
            }
            tracing::warn!(error = %format!("{e:#}"), attempt, "delivery failed; retrying");
            tokio::time::sleep(sahel_runtime::backoff(
                attempt,
                Duration::from_millis(500),
                Duration::from_secs(30),
            ))
            .await;
        }
        summary.fetched = emitted.len() as u64;
        metrics.produced(summary.fetched);
        metrics.outcome("fetched", summary.fetched);
        if let Some(f) = report.as_mut() {
            for (id, location) in &emitted {
                writeln!(
                    f,
                    "{}",
                    serde_json::json!({"document_id": id, "location": location, "status": "emitted"})
                )?;
            }
            for (location, reason) in &summary.skipped {
                writeln!(
                    f,
                    "{}",
                    serde_json::json!({"location": location, "status": "skipped", "reason": reason})
                )?;
            }
            f.flush()?;
        }
        tracing::info!(
            fetched = summary.fetched,
            unchanged = summary.unchanged,
            skipped = summary.skipped.len(),
            "scan done"
        );
        if config.once {
            println!(
                "fetched {} documents from source `{source}` ({} skipped, {} unchanged)",
                summary.fetched,
                summary.skipped.len(),
                summary.unchanged
            );
            for (location, reason) in &summary.skipped {
                println!("  skipped {location}: {reason}");
            }
            break;
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(Duration::from_secs(config.interval_secs)) => {}
        }
    }
    health.set(false);
    Ok(())
}
