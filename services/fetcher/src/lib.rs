//! The fetcher: sources → `articles.raw`.
//!
//! Sources are files, directories and glob patterns; URL lists; RSS, Atom and JSON feeds; and
//! sitemaps (indexes, gzip-compressed, Google News), each with a schedule, listed in a TOML
//! sources file (`--sources`, see [`sources`]). `--path` is a shorthand for one files source.
//!
//! Two modes: `--once` runs every source that is due (all with `--force`), prints a summary
//! (fetched, unchanged, skipped and failed by reason) and exits, with a progress bar when
//! stderr is a terminal; without it the fetcher is a daemon that runs each source on its
//! schedule until SIGINT/SIGTERM.
//!
//! Crawl state (validators, body hashes, due times, failure counts, feed items seen) lives in
//! PostgreSQL when `--database-url` is given ([`state`]), so restarts fetch nothing twice; a
//! 304, an unchanged body or an item seen before emits nothing. HTTP is polite and safe
//! ([`fetch`], [`safety`]).
//!
//! Layout: [`sources`] and [`schedule`] (configuration), [`files`] (local files),
//! [`safety`] (SSRF), [`fetch`] (HTTP: robots, politeness, retries, caps), [`content`] (types
//! and charsets), [`feeds`] and [`sitemap`] (lists of pages), [`state`] (crawl state),
//! [`crawler`] (a source run: fetch → document → sink → state), [`metrics`], and [`run`]
//! (the service).

pub mod content;
pub mod crawler;
pub mod feeds;
pub mod fetch;
pub mod files;
pub mod metrics;
pub mod safety;
pub mod schedule;
pub mod sitemap;
pub mod sources;
pub mod state;

use std::collections::HashMap;
use std::future::Future;
use std::io::{IsTerminal as _, Write as _};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use chrono::Utc;
use clap::Parser;
use sahel_runtime::config::{ConfigError, DatabaseArgs, HttpArgs, KafkaArgs, LogArgs};
use sahel_runtime::http::Health;
use sahel_runtime::metrics::{new_registry, PipelineMetrics};
use sahel_schemas::topics;

use crate::crawler::{Crawler, KafkaSink, SourceReport, Summary};
use crate::fetch::{FetchSettings, Fetcher};
use crate::safety::AddressPolicy;
use crate::schedule::Schedule;
use crate::sources::{Source, SourceKind};
use crate::state::Store;

/// Service name.
pub const SERVICE: &str = "fetcher";
/// Service version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Fetcher settings (flags or environment).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "sahel-fetcher",
    version,
    about = "Fetches files, URL lists, feeds and sitemaps into articles.raw, on schedules, politely and safely"
)]
pub struct Config {
    /// The sources file (TOML): files, URL lists, feeds and sitemaps with their schedules.
    /// See deploy/sources.example.toml.
    #[arg(long = "sources", env = "FETCH_SOURCES")]
    pub sources: Option<PathBuf>,

    /// Shorthand for one files source: a file, directory or glob pattern to fetch
    /// (repeatable; comma-separated in the environment). Directories are read recursively;
    /// hidden files are skipped. Always due in one-shot mode.
    #[arg(
        long = "path",
        env = "FETCH_PATHS",
        value_delimiter = ',',
        required_unless_present = "sources"
    )]
    pub paths: Vec<PathBuf>,

    /// Name of the `--path` source (dashboards group by it). Default: the name of the first
    /// path.
    #[arg(long, env = "SOURCE_NAME")]
    pub source_name: Option<String>,

    /// Language of the `--path` source (ISO 639-1), used when detection is unsure.
    #[arg(long, env = "LANGUAGE_HINT")]
    pub language_hint: Option<String>,

    /// Fetch every source that is due now, print a summary and exit (otherwise run as a
    /// daemon, each source on its schedule).
    #[arg(long)]
    pub once: bool,

    /// With --once: fetch every source now, due or not.
    #[arg(long)]
    pub force: bool,

    /// Daemon mode: seconds between scans of the `--path` source.
    #[arg(long, env = "FETCH_INTERVAL_SECS", default_value_t = 300)]
    pub interval_secs: u64,

    /// Largest document (file or page body, after decompression), in bytes; larger ones are
    /// skipped and reported.
    #[arg(long, env = "MAX_DOCUMENT_BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_document_bytes: u64,

    /// Largest feed or sitemap, in bytes after decompression.
    #[arg(long, env = "FETCH_MAX_LIST_BYTES", default_value_t = 50 * 1024 * 1024)]
    pub max_list_bytes: u64,

    /// Write one JSON line per URL or file (source, location, status, document_id, reason,
    /// detail) to this file.
    #[arg(long, env = "FETCH_REPORT")]
    pub report: Option<PathBuf>,

    /// PostgreSQL URL for the crawl state (validators, due times, failures, items seen).
    /// Required for HTTP sources in daemon mode; without it the state lasts one process.
    #[arg(long = "database-url", env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Largest number of pooled database connections.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 4)]
    pub database_max_connections: u32,

    /// User-Agent product token and version; robots.txt groups are matched on the token.
    #[arg(long, env = "FETCH_USER_AGENT", default_value = concat!("SahelMonitor/", env!("CARGO_PKG_VERSION")))]
    pub user_agent: String,

    /// Where site operators learn about the crawler and how to reach its operator; sent in
    /// the User-Agent as `(+URL)`.
    #[arg(
        long,
        env = "FETCH_CONTACT_URL",
        default_value = "https://example.invalid/sahel-monitor/crawler"
    )]
    pub contact_url: String,

    /// Requests in flight across all hosts.
    #[arg(long, env = "FETCH_CONCURRENCY", default_value_t = 8)]
    pub concurrency: usize,

    /// Least time between two requests to one host, in milliseconds (one request at a time
    /// per host in any case).
    #[arg(long, env = "FETCH_HOST_DELAY_MS", default_value_t = 1000)]
    pub host_delay_ms: u64,

    /// Largest robots.txt Crawl-delay honoured, in seconds (larger ones are capped).
    #[arg(long, env = "FETCH_MAX_CRAWL_DELAY_SECS", default_value_t = 30)]
    pub max_crawl_delay_secs: u64,

    /// Time to connect, in milliseconds.
    #[arg(long, env = "FETCH_CONNECT_TIMEOUT_MS", default_value_t = 10_000)]
    pub connect_timeout_ms: u64,

    /// Time for a whole response (headers and body), in milliseconds.
    #[arg(long, env = "FETCH_REQUEST_TIMEOUT_MS", default_value_t = 30_000)]
    pub request_timeout_ms: u64,

    /// Most redirects followed.
    #[arg(long, env = "FETCH_MAX_REDIRECTS", default_value_t = 5)]
    pub max_redirects: usize,

    /// Retries within a run for 429, 5xx, timeouts and connection failures.
    #[arg(long, env = "FETCH_MAX_RETRIES", default_value_t = 3)]
    pub max_retries: u32,

    /// First retry delay in milliseconds (doubling, with jitter).
    #[arg(long, env = "FETCH_RETRY_BASE_MS", default_value_t = 1000)]
    pub retry_base_ms: u64,

    /// Longest wait before a retry within a run, Retry-After included, in milliseconds; a
    /// longer Retry-After postpones the URL (and its source) to a later run.
    #[arg(long, env = "FETCH_RETRY_MAX_MS", default_value_t = 60_000)]
    pub retry_max_ms: u64,

    /// Largest robots.txt read, in bytes (the rest is ignored).
    #[arg(long, env = "FETCH_ROBOTS_MAX_BYTES", default_value_t = 512 * 1024)]
    pub robots_max_bytes: u64,

    /// How long a robots.txt is cached, in seconds.
    #[arg(long, env = "FETCH_ROBOTS_CACHE_SECS", default_value_t = 86_400)]
    pub robots_cache_secs: u64,

    /// Networks the fetcher may reach although they are private, loopback, link-local...
    /// (repeatable; comma-separated in the environment), e.g. 127.0.0.1 or 10.1.0.0/16.
    #[arg(long = "allow-net", env = "FETCH_ALLOW_NETS", value_delimiter = ',')]
    pub allow_nets: Vec<String>,

    /// No progress bar, even on a terminal.
    #[arg(long)]
    pub no_progress: bool,

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
    /// Checks the settings; the error names the offending one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.kafka.validate()?;
        self.fetch_settings()?;
        if self.interval_secs == 0 {
            return Err(ConfigError::new(
                "--interval-secs / FETCH_INTERVAL_SECS",
                "must be at least 1",
            ));
        }
        if let Some(url) = &self.database_url {
            DatabaseArgs {
                database_url: url.clone(),
                database_max_connections: self.database_max_connections,
            }
            .validate()?;
        }
        let sources = self.load_sources()?;
        if !self.once && self.database_url.is_none() && sources.iter().any(|s| s.kind.is_http()) {
            return Err(ConfigError::new(
                "--database-url / DATABASE_URL",
                "required in daemon mode with URL, feed or sitemap sources: the crawl state must survive restarts",
            ));
        }
        Ok(())
    }

    /// The HTTP settings.
    pub fn fetch_settings(&self) -> Result<FetchSettings, ConfigError> {
        let ua = self.user_agent.trim();
        let token: String = ua
            .split(['/', ' '])
            .next()
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        if token.is_empty() || !ua.is_ascii() {
            return Err(ConfigError::new(
                "--user-agent / FETCH_USER_AGENT",
                format!("`{ua}` must start with an ASCII product token such as SahelMonitor/1.0"),
            ));
        }
        let contact = self.contact_url.trim();
        let contact_ok = url::Url::parse(contact)
            .ok()
            .is_some_and(|u| matches!(u.scheme(), "http" | "https" | "mailto"));
        if !contact_ok {
            return Err(ConfigError::new(
                "--contact-url / FETCH_CONTACT_URL",
                format!("`{contact}` must be an http(s) or mailto URL where site operators can reach you"),
            ));
        }
        let policy = AddressPolicy::parse(&self.allow_nets)
            .map_err(|e| ConfigError::new("--allow-net / FETCH_ALLOW_NETS", e))?;
        let positive = |v: u64, setting: &'static str| {
            if v == 0 {
                Err(ConfigError::new(setting, "must be at least 1"))
            } else {
                Ok(())
            }
        };
        positive(self.concurrency as u64, "--concurrency / FETCH_CONCURRENCY")?;
        positive(
            self.connect_timeout_ms,
            "--connect-timeout-ms / FETCH_CONNECT_TIMEOUT_MS",
        )?;
        positive(
            self.request_timeout_ms,
            "--request-timeout-ms / FETCH_REQUEST_TIMEOUT_MS",
        )?;
        positive(self.retry_base_ms, "--retry-base-ms / FETCH_RETRY_BASE_MS")?;
        positive(self.max_document_bytes, "--max-document-bytes / MAX_DOCUMENT_BYTES")?;
        positive(self.max_list_bytes, "--max-list-bytes / FETCH_MAX_LIST_BYTES")?;
        positive(self.robots_max_bytes, "--robots-max-bytes / FETCH_ROBOTS_MAX_BYTES")?;
        if self.concurrency > 1024 {
            return Err(ConfigError::new(
                "--concurrency / FETCH_CONCURRENCY",
                "must be at most 1024",
            ));
        }
        if self.max_redirects > 20 {
            return Err(ConfigError::new(
                "--max-redirects / FETCH_MAX_REDIRECTS",
                "must be at most 20",
            ));
        }
        if self.retry_base_ms > self.retry_max_ms {
            return Err(ConfigError::new(
                "--retry-base-ms / FETCH_RETRY_BASE_MS",
                "must be at most --retry-max-ms",
            ));
        }
        Ok(FetchSettings {
            user_agent: format!("{ua} (+{contact})"),
            robots_token: token,
            policy,
            concurrency: self.concurrency,
            host_delay: Duration::from_millis(self.host_delay_ms),
            max_crawl_delay: Duration::from_secs(self.max_crawl_delay_secs),
            connect_timeout: Duration::from_millis(self.connect_timeout_ms),
            request_timeout: Duration::from_millis(self.request_timeout_ms),
            max_redirects: self.max_redirects,
            max_body_bytes: self.max_document_bytes,
            max_sitemap_bytes: self.max_list_bytes,
            robots_max_bytes: self.robots_max_bytes,
            robots_ttl: Duration::from_secs(self.robots_cache_secs),
            max_retries: self.max_retries,
            retry_base: Duration::from_millis(self.retry_base_ms),
            retry_max: Duration::from_millis(self.retry_max_ms),
        })
    }

    /// The sources: those of the sources file, and the `--path` source.
    pub fn load_sources(&self) -> Result<Vec<Source>, ConfigError> {
        let mut out = match &self.sources {
            Some(p) => sources::load(p).map_err(|e| ConfigError::new("--sources / FETCH_SOURCES", e))?,
            None => Vec::new(),
        };
        if !self.paths.is_empty() {
            for p in &self.paths {
                let pattern = p.to_string_lossy().contains(['*', '?', '[']);
                if !pattern && !p.exists() {
                    return Err(ConfigError::new(
                        "--path / FETCH_PATHS",
                        format!("{} does not exist", p.display()),
                    ));
                }
            }
            if let Some(l) = &self.language_hint {
                if l.len() != 2 || !l.chars().all(|c| c.is_ascii_lowercase()) {
                    return Err(ConfigError::new(
                        "--language-hint / LANGUAGE_HINT",
                        format!("`{l}` must be a two-letter ISO 639-1 code"),
                    ));
                }
            }
            let name = self.path_source_name();
            if out.iter().any(|s| s.name == name) {
                return Err(ConfigError::new(
                    "--source-name / SOURCE_NAME",
                    format!("`{name}` is also a source in the sources file"),
                ));
            }
            let schedule = Schedule::every(&format!("{}s", self.interval_secs))
                .map_err(|e| ConfigError::new("--interval-secs / FETCH_INTERVAL_SECS", e))?;
            out.push(Source {
                name,
                kind: SourceKind::Files {
                    paths: self.paths.clone(),
                },
                schedule,
                language: self.language_hint.clone(),
                tags: Vec::new(),
                max_items: sources::DEFAULT_MAX_ITEMS,
                always_due: true,
            });
        }
        if out.is_empty() {
            return Err(ConfigError::new(
                "--sources / FETCH_SOURCES",
                "no enabled source: add one to the sources file or give --path",
            ));
        }
        Ok(out)
    }

    fn path_source_name(&self) -> String {
        self.source_name.clone().unwrap_or_else(|| {
            self.paths
                .first()
                .and_then(|p| p.canonicalize().ok())
                .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "files".to_owned())
        })
    }
}

fn progress_bar(enabled: bool) -> indicatif::ProgressBar {
    if !enabled || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {msg:24!} [{bar:32}] {pos}/{len} {elapsed_precise}")
    {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}

fn write_report(file: &mut Option<std::fs::File>, report: &SourceReport) -> anyhow::Result<()> {
    if let Some(f) = file.as_mut() {
        for line in &report.lines {
            writeln!(f, "{}", serde_json::to_string(line)?)?;
        }
        f.flush()?;
    }
    Ok(())
}

/// The one-shot summary, as printed.
pub fn summary_text(reports: &[SourceReport]) -> String {
    let mut out = String::new();
    let mut total = Summary::default();
    let mut ran = 0;
    for r in reports {
        match r.not_due_until {
            Some(at) => out.push_str(&format!(
                "source `{}`: not due until {} (use --force to fetch it now)\n",
                r.source,
                at.format("%Y-%m-%d %H:%M:%S UTC")
            )),
            None => {
                ran += 1;
                let failed = if r.failed { " [source failed]" } else { "" };
                out.push_str(&format!("source `{}`: {}{failed}\n", r.source, r.summary.line()));
                total.add(&r.summary);
            }
        }
    }
    out.push_str(&format!("total over {ran} sources: {}\n", total.line()));
    for r in reports {
        for l in r.lines.iter().filter(|l| matches!(l.status, "skipped" | "failed")) {
            out.push_str(&format!(
                "  {} {} ({}): {}\n",
                l.status,
                l.location,
                l.reason.as_deref().unwrap_or("-"),
                l.detail.as_deref().unwrap_or("-")
            ));
        }
    }
    out
}

/// Starts the fetcher and runs it until done (`--once`) or until `shutdown` resolves.
pub async fn run(config: Config, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    sahel_runtime::telemetry::init(&config.log)?;
    config.validate()?;
    let sources = config.load_sources()?;
    let settings = config.fetch_settings()?;
    let shutdown = sahel_runtime::shutdown::token_from(shutdown);
    let mut registry = new_registry();
    let pipeline_metrics = PipelineMetrics::register(SERVICE, &mut registry);
    let fetch_metrics = metrics::FetchMetrics::register(&mut registry);
    let health = Health::default();
    let addr = config
        .http
        .http_addr
        .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 9101)));
    sahel_runtime::http::serve(addr, registry, health.clone(), shutdown.clone()).await?;

    let store = match &config.database_url {
        Some(url) => {
            let args = DatabaseArgs {
                database_url: url.clone(),
                database_max_connections: config.database_max_connections,
            };
            let pool = sahel_runtime::db::connect(&args, &shutdown).await?;
            sahel_runtime::db::migrate(&pool).await?;
            Store::postgres(pool)
        }
        None => {
            tracing::warn!("no --database-url: the crawl state lasts only as long as this process");
            Store::memory()
        }
    };
    if config.kafka.create_topics {
        sahel_runtime::kafka::ensure_topics(&config.kafka, &topics::all_topics(&config.kafka.topic_prefix)).await?;
    }
    let producer = sahel_runtime::kafka::producer(&config.kafka, SERVICE)?;
    let sink = Arc::new(KafkaSink {
        producer,
        topic: config.kafka.topic(topics::ARTICLES_RAW),
        shutdown: shutdown.clone(),
    });
    let fetcher = Arc::new(Fetcher::new(settings)?);
    let mut crawler = Crawler::new(fetcher, store, sink, fetch_metrics);
    crawler.max_file_bytes = config.max_document_bytes;
    crawler.once = config.once;
    crawler.cancel = shutdown.child_token();
    if config.once {
        crawler.progress = progress_bar(!config.no_progress);
    }
    let crawler = Arc::new(crawler);
    let mut report = match &config.report {
        Some(p) => Some(std::fs::File::create(p).with_context(|| format!("creating --report file {}", p.display()))?),
        None => None,
    };
    health.set(true);
    tracing::info!(
        sources = sources.len(),
        mode = if config.once { "once" } else { "daemon" },
        durable_state = crawler.store.is_durable(),
        "fetcher started"
    );

    if config.once {
        let reports = crawler.run_due(&sources, config.force).await?;
        crawler.progress.finish_and_clear();
        for r in &reports {
            write_report(&mut report, r)?;
            pipeline_metrics.produced(r.summary.fetched);
        }
        print!("{}", summary_text(&reports));
        health.set(false);
        return Ok(());
    }

    // Daemon: each source on its schedule; a source runs in its own task, so a slow one does
    // not hold back the others (politeness and the global limit are in the shared Fetcher).
    let mut due: HashMap<usize, chrono::DateTime<Utc>> = HashMap::new();
    for (i, s) in sources.iter().enumerate() {
        let at = match crawler.due(s, false).await? {
            Ok(()) => Utc::now(),
            Err(at) => at,
        };
        tracing::info!(source = %s.name, schedule = %s.schedule.describe(), due = %at, "scheduled");
        due.insert(i, at);
    }
    let mut running: tokio::task::JoinSet<(usize, anyhow::Result<SourceReport>)> = tokio::task::JoinSet::new();
    let mut busy = vec![false; sources.len()];
    loop {
        let now = Utc::now();
        for (i, s) in sources.iter().enumerate() {
            if !busy[i] && due.get(&i).is_some_and(|at| *at <= now) {
                busy[i] = true;
                let c = crawler.clone();
                let s = s.clone();
                running.spawn(async move { (i, c.run_source(&s).await) });
            }
        }
        let next = (0..sources.len())
            .filter(|i| !busy[*i])
            .filter_map(|i| due.get(&i).copied())
            .min();
        let wait = next
            .map(|at| (at - Utc::now()).to_std().unwrap_or_default())
            .unwrap_or(Duration::from_secs(3600))
            .min(Duration::from_secs(3600));
        tokio::select! {
            _ = shutdown.cancelled() => break,
            Some(done) = running.join_next(), if !running.is_empty() => {
                let (i, result) = done.context("a source task panicked")?;
                busy[i] = false;
                match result {
                    Ok(r) => {
                        write_report(&mut report, &r)?;
                        pipeline_metrics.produced(r.summary.fetched);
                    }
                    // The store or the sink failed (database down, shutdown during delivery):
                    // the source is tried again after a pause; nothing was recorded as done.
                    Err(e) => tracing::error!(source = %sources[i].name, error = %format!("{e:#}"), "source run aborted"),
                }
                let at = match crawler.due(&sources[i], false).await {
                    Ok(Err(at)) => at,
                    _ => Utc::now() + chrono::Duration::seconds(60),
                };
                due.insert(i, at);
            }
            _ = tokio::time::sleep(wait) => {}
        }
    }
    health.set(false);
    tracing::info!(
        running = running.len(),
        "shutting down: letting source runs finish their current items"
    );
    let drain = async {
        while let Some(done) = running.join_next().await {
            if let Ok((_, Ok(r))) = done {
                write_report(&mut report, &r)?;
            }
        }
        anyhow::Ok(())
    };
    match tokio::time::timeout(Duration::from_secs(30), drain).await {
        Ok(r) => r?,
        Err(_) => {
            tracing::warn!(
                "source runs did not finish within 30 s; aborting them (their items are fetched again next time)"
            );
            running.abort_all();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Config {
        let mut v = vec!["sahel-fetcher"];
        v.extend_from_slice(args);
        Config::try_parse_from(v).expect("parses")
    }

    fn problem(args: &[&str]) -> String {
        parse(args).validate().expect_err("invalid").to_string()
    }

    #[test]
    fn bad_settings_are_refused_naming_the_setting() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let d = dir.path().to_str().unwrap_or_default();
        assert!(problem(&["--path", d, "--allow-net", "intranet"]).contains("FETCH_ALLOW_NETS"));
        assert!(problem(&["--path", d, "--contact-url", "call me"]).contains("FETCH_CONTACT_URL"));
        assert!(problem(&["--path", d, "--user-agent", "Ünïcode/1"]).contains("FETCH_USER_AGENT"));
        assert!(problem(&["--path", d, "--concurrency", "0"]).contains("FETCH_CONCURRENCY"));
        assert!(
            problem(&["--path", d, "--retry-base-ms", "5000", "--retry-max-ms", "10"]).contains("FETCH_RETRY_BASE_MS")
        );
        assert!(problem(&["--path", "/no/such/dir"]).contains("FETCH_PATHS"));
        assert!(
            Config::try_parse_from(["sahel-fetcher"]).is_err(),
            "--path or --sources is required"
        );

        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "[[source]]\nname = \"rfi\"\nkind = \"feed\"\n")?;
        let p = problem(&["--sources", bad.to_str().unwrap_or_default()]);
        assert!(p.contains("FETCH_SOURCES") && p.contains("source `rfi`"), "{p}");

        let feeds = dir.path().join("feeds.toml");
        std::fs::write(
            &feeds,
            "[[source]]\nname = \"rfi\"\nkind = \"feed\"\nurl = \"https://www.rfi.fr/fr/afrique/rss\"\n",
        )?;
        let daemon = parse(&["--sources", feeds.to_str().unwrap_or_default()]);
        if daemon.database_url.is_none() {
            assert!(daemon
                .validate()
                .expect_err("needs a database")
                .to_string()
                .contains("DATABASE_URL"));
        }
        let once = parse(&[
            "--sources",
            feeds.to_str().unwrap_or_default(),
            "--once",
            "--database-url",
            "postgres://x@h/db",
        ]);
        assert!(once.validate().is_ok());
        Ok(())
    }

    #[test]
    fn the_settings_carry_the_contact_and_the_robots_token() -> Result<(), ConfigError> {
        let c = parse(&[
            "--path",
            ".",
            "--user-agent",
            "SahelMonitor/2.0",
            "--contact-url",
            "mailto:crawler@example.org",
            "--allow-net",
            "127.0.0.1,10.0.0.0/8",
        ]);
        let s = c.fetch_settings()?;
        assert_eq!(s.user_agent, "SahelMonitor/2.0 (+mailto:crawler@example.org)");
        assert_eq!(s.robots_token, "SahelMonitor");
        assert_eq!(s.policy.allow.len(), 2);
        let sources = c.load_sources()?;
        assert_eq!(sources.len(), 1);
        assert!(sources[0].always_due);
        Ok(())
    }

    #[test]
    fn the_example_sources_file_parses() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/sources.example.toml");
        let text = std::fs::read_to_string(&path).expect("deploy/sources.example.toml");
        let sources = sources::parse(&text, std::path::Path::new("/srv/sahel/deploy")).expect("parses");
        assert_eq!(sources.len(), 1, "only the seeds are enabled");
        assert_eq!(sources[0].name, "seeds");
        let all = sources::parse(
            &text.replace("enabled = false", "enabled = true"),
            std::path::Path::new("/"),
        )
        .expect("every example parses when enabled");
        assert!(all.iter().filter(|s| matches!(s.kind, SourceKind::Feed { .. })).count() >= 8);
        assert!(all.iter().any(|s| matches!(s.kind, SourceKind::Sitemap { .. })));
    }

    #[test]
    fn the_summary_names_reasons_and_not_due_sources() {
        let mut r = SourceReport {
            source: "rfi".into(),
            ..SourceReport::default()
        };
        r.summary.fetched = 3;
        r.summary.skipped.insert("robots".into(), 2);
        r.summary.failed.insert("timeout".into(), 1);
        let later = SourceReport {
            source: "bbc".into(),
            not_due_until: Some(Utc::now() + chrono::Duration::hours(1)),
            ..SourceReport::default()
        };
        let text = summary_text(&[r, later]);
        assert!(text.contains("source `rfi`: fetched 3"), "{text}");
        assert!(
            text.contains("skipped 2 (robots 2)") && text.contains("failed 1 (timeout 1)"),
            "{text}"
        );
        assert!(text.contains("source `bbc`: not due until"), "{text}");
        assert!(text.contains("total over 1 sources: fetched 3"), "{text}");
    }
}
