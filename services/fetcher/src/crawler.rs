//! The crawler: runs one source (files, URL list, feeds, sitemaps) through the
//! [`Fetcher`], turns what it fetched into `articles.raw` documents, hands them to a
//! [`Sink`], and records the crawl state once the sink confirmed them.
//!
//! What emits nothing: a 304; a 200 whose body hashes the same as last time; a feed entry or
//! sitemap URL already seen. What is recorded and not retried: robots disallow, a refused
//! content type, a body over the cap, a 4xx, a refused address, a redirect loop. What is
//! retried on a later run (with the URL's own backoff): 429, 5xx, timeouts, connection
//! failures; an item that keeps failing is given up after [`MAX_ITEM_FAILURES`].
//!
//! A feed's or sitemap's validators are stored only once every item it listed has been
//! handled, so a run cut short (by `max_items`, a failure or a shutdown) does not make the next
//! run's conditional GET hide the items still pending.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use futures::StreamExt as _;
use sahel_schemas::raw::{FeedMeta, HttpMeta, RawArticle, SourceRef};
use sahel_schemas::ProducerInfo;
use serde::Serialize;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::content::{self, Purpose};
use crate::fetch::{FailClass, FetchOutcome, Fetcher, SkipReason, Validators};
use crate::metrics::FetchMetrics;
use crate::sitemap::Sitemap;
use crate::sources::{Source, SourceKind};
use crate::state::{SourceRun, Store, UrlFailure, UrlSuccess};

/// An item that failed this many runs in a row (retriable failures) is given up.
pub const MAX_ITEM_FAILURES: i32 = 5;
/// Child sitemaps read per index and run.
pub const MAX_CHILD_SITEMAPS: usize = 100;

/// Documents of a files source delivered per batch.
pub const FILE_BATCH: usize = 100;

/// Where documents go. The service uses Kafka; tests may use a channel.
pub trait Sink: Send + Sync {
    /// Delivers one document; returns once it is durable (for Kafka: the delivery report).
    fn emit<'a>(&'a self, doc: &'a RawArticle) -> BoxFuture<'a, anyhow::Result<()>>;

    /// Delivers several documents; returns once all are durable.
    fn emit_batch<'a>(&'a self, docs: &'a [RawArticle]) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            for d in docs {
                self.emit(d).await?;
            }
            Ok(())
        })
    }
}

/// A sink that sends documents into a channel (tests and benchmarks).
#[derive(Debug, Clone)]
pub struct ChannelSink(pub tokio::sync::mpsc::UnboundedSender<RawArticle>);

impl Sink for ChannelSink {
    fn emit<'a>(&'a self, doc: &'a RawArticle) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            self.0
                .send(doc.clone())
                .map_err(|_| anyhow::anyhow!("the document channel is closed"))
        })
    }
}

/// The documents of one source into Kafka, retried until delivered or shut down.
#[derive(Clone)]
pub struct KafkaSink {
    /// Idempotent producer.
    pub producer: rdkafka::producer::FutureProducer,
    /// `articles.raw` with its prefix.
    pub topic: String,
    /// Stops the retries.
    pub shutdown: CancellationToken,
}

impl std::fmt::Debug for KafkaSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KafkaSink").field("topic", &self.topic).finish()
    }
}

impl Sink for KafkaSink {
    fn emit<'a>(&'a self, doc: &'a RawArticle) -> BoxFuture<'a, anyhow::Result<()>> {
        self.emit_batch(std::slice::from_ref(doc))
    }

    fn emit_batch<'a>(&'a self, docs: &'a [RawArticle]) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let records = docs
                .iter()
                .map(|d| sahel_runtime::pipeline::Record::json(&self.topic, &d.id, d))
                .collect::<Result<Vec<_>, _>>()?;
            let mut attempt = 0;
            loop {
                match sahel_runtime::pipeline::produce_all(&self.producer, &records).await {
                    Ok(()) => return Ok(()),
                    Err(e) => {
                        attempt += 1;
                        if self.shutdown.is_cancelled() {
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
                }
            }
        })
    }
}

/// Counts of a run (one source, or all of them).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Documents emitted.
    pub fetched: u64,
    /// 304 answers (pages, feeds, sitemaps).
    pub not_modified: u64,
    /// Bodies fetched again with the same content (or files unchanged), not emitted.
    pub unchanged: u64,
    /// Feed entries and sitemap URLs seen before, not fetched.
    pub already_seen: u64,
    /// URLs waiting out a backoff or a `max_items` cap; tried on a later run.
    pub deferred: u64,
    /// Skipped, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Failed, by class.
    pub failed: BTreeMap<String, u64>,
}

impl Summary {
    /// Adds another summary's counts.
    pub fn add(&mut self, o: &Summary) {
        self.fetched += o.fetched;
        self.not_modified += o.not_modified;
        self.unchanged += o.unchanged;
        self.already_seen += o.already_seen;
        self.deferred += o.deferred;
        for (k, v) in &o.skipped {
            *self.skipped.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.failed {
            *self.failed.entry(k.clone()).or_default() += v;
        }
    }

    /// Total skipped.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Total failed.
    pub fn failed_total(&self) -> u64 {
        self.failed.values().sum()
    }

    /// One line: `fetched 3, unchanged 1, not modified 2, already seen 5, skipped 1 (robots 1), failed 0`.
    pub fn line(&self) -> String {
        let by = |m: &BTreeMap<String, u64>| {
            if m.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
                )
            }
        };
        let mut s = format!(
            "fetched {}, unchanged {}, not modified {}, already seen {}, skipped {}{}, failed {}{}",
            self.fetched,
            self.unchanged,
            self.not_modified,
            self.already_seen,
            self.skipped_total(),
            by(&self.skipped),
            self.failed_total(),
            by(&self.failed)
        );
        if self.deferred > 0 {
            s.push_str(&format!(", deferred {}", self.deferred));
        }
        s
    }
}

/// One line of the report (`--report`): what happened to one URL or file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportLine {
    /// Source name.
    pub source: String,
    /// URL or path.
    pub location: String,
    /// `emitted`, `unchanged`, `not_modified`, `skipped`, `failed`, `deferred`.
    pub status: &'static str,
    /// The document emitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    /// Skip reason or failure class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What a source's run came to.
#[derive(Debug, Clone, Default)]
pub struct SourceReport {
    /// Source name.
    pub source: String,
    /// Counts.
    pub summary: Summary,
    /// Per URL or file.
    pub lines: Vec<ReportLine>,
    /// The source could not be read at all (its feed or every sitemap failed).
    pub failed: bool,
    /// The source was not due (one-shot mode), with when it is.
    pub not_due_until: Option<DateTime<Utc>>,
    /// Ids of the documents emitted.
    pub emitted: Vec<String>,
    /// A server asked to come back later than the schedule would.
    pub retry_after: Option<Duration>,
}

impl SourceReport {
    fn new(source: &str) -> Self {
        Self {
            source: source.to_owned(),
            ..Self::default()
        }
    }

    fn absorb(&mut self, r: ItemResult) {
        let s = &mut self.summary;
        match r.status {
            "emitted" => s.fetched += 1,
            "unchanged" => s.unchanged += 1,
            "not_modified" => s.not_modified += 1,
            "deferred" => s.deferred += 1,
            "skipped" => *s.skipped.entry(r.reason.clone().unwrap_or_default()).or_default() += 1,
            "failed" => *s.failed.entry(r.reason.clone().unwrap_or_default()).or_default() += 1,
            _ => {}
        }
        if let Some(id) = &r.document_id {
            self.emitted.push(id.clone());
        }
        if let Some(ra) = r.retry_after {
            self.retry_after = Some(self.retry_after.map_or(ra, |x| x.max(ra)));
        }
        self.lines.push(ReportLine {
            source: self.source.clone(),
            location: r.location,
            status: r.status,
            document_id: r.document_id,
            reason: r.reason,
            detail: r.detail,
        });
    }
}

/// The result of handling one page URL.
#[derive(Debug, Clone)]
struct ItemResult {
    location: String,
    status: &'static str,
    document_id: Option<String>,
    reason: Option<String>,
    detail: Option<String>,
    /// Whether the item is finished with (to be marked seen), and how.
    settled: Option<String>,
    retry_after: Option<Duration>,
}

impl ItemResult {
    fn new(location: &str, status: &'static str) -> Self {
        Self {
            location: location.to_owned(),
            status,
            document_id: None,
            reason: None,
            detail: None,
            settled: None,
            retry_after: None,
        }
    }
}

/// An item found in a feed or sitemap.
#[derive(Debug, Clone)]
struct Item {
    key: String,
    url: Url,
    list_url: Url,
    feed: Option<FeedMeta>,
    language: Option<String>,
    /// For ordering: newest first.
    when: Option<DateTime<Utc>>,
}

/// A list document (feed or sitemap) read this run, whose validators wait until its items are
/// handled.
#[derive(Debug)]
struct ListDoc {
    url: Url,
    final_url: Url,
    status: u16,
    validators: Validators,
    sha: Option<String>,
    keys: Vec<String>,
}

/// Runs sources.
pub struct Crawler {
    /// HTTP.
    pub fetcher: Arc<Fetcher>,
    /// Crawl state.
    pub store: Store,
    /// Where documents go.
    pub sink: Arc<dyn Sink>,
    /// Per-source metrics.
    pub metrics: FetchMetrics,
    /// Written into every document.
    pub producer: ProducerInfo,
    /// Largest local file read.
    pub max_file_bytes: u64,
    /// One-shot mode: files are emitted even when unchanged (the pipeline absorbs them).
    pub once: bool,
    /// Progress (hidden when stderr is not a terminal).
    pub progress: indicatif::ProgressBar,
    /// Stops starting new items.
    pub cancel: CancellationToken,
}

impl std::fmt::Debug for Crawler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Crawler")
            .field("store_durable", &self.store.is_durable())
            .field("once", &self.once)
            .finish()
    }
}

impl Crawler {
    /// A crawler with a hidden progress bar and an uncancelled token.
    pub fn new(fetcher: Arc<Fetcher>, store: Store, sink: Arc<dyn Sink>, metrics: FetchMetrics) -> Self {
        Self {
            fetcher,
            store,
            sink,
            metrics,
            producer: ProducerInfo::new(crate::SERVICE, crate::VERSION),
            max_file_bytes: 10 * 1024 * 1024,
            once: true,
            progress: indicatif::ProgressBar::hidden(),
            cancel: CancellationToken::new(),
        }
    }

    /// Whether a source is due now; `Err` carries when it is due.
    pub async fn due(&self, source: &Source, force: bool) -> anyhow::Result<Result<(), DateTime<Utc>>> {
        if force || (self.once && source.always_due) {
            return Ok(Ok(()));
        }
        match self.store.source_due(&source.name).await? {
            Some(at) if at > Utc::now() => Ok(Err(at)),
            _ => Ok(Ok(())),
        }
    }

    /// Runs every due source (all when `force`) concurrently; not-due sources are reported.
    pub async fn run_due(&self, sources: &[Source], force: bool) -> anyhow::Result<Vec<SourceReport>> {
        let futs = sources.iter().map(|s| async move {
            match self.due(s, force).await? {
                Ok(()) => self.run_source(s).await,
                Err(at) => {
                    tracing::info!(source = %s.name, due = %at, "not due yet");
                    let mut r = SourceReport::new(&s.name);
                    r.not_due_until = Some(at);
                    Ok(r)
                }
            }
        });
        futures::future::try_join_all(futs).await
    }

    /// Runs one source now and records when it is due next.
    pub async fn run_source(&self, source: &Source) -> anyhow::Result<SourceReport> {
        let started = Instant::now();
        tracing::info!(source = %source.name, kind = source.kind.name(), tags = ?source.tags, "source run starts");
        self.progress.set_message(source.name.clone());
        let mut report = match &source.kind {
            SourceKind::Files { paths } => self.run_files(source, paths).await?,
            SourceKind::Urls { urls } => self.run_urls(source, urls).await?,
            SourceKind::Feed { urls } => self.run_lists(source, urls, Purpose::Feed).await?,
            SourceKind::Sitemap { urls } => self.run_lists(source, urls, Purpose::Sitemap).await?,
        };
        let now = Utc::now();
        let mut next = source.schedule.next_after(now);
        if let Some(ra) = report.retry_after {
            next = next.max(now + chrono::Duration::from_std(ra).unwrap_or_default());
        }
        let failures = self
            .store
            .record_source_run(&SourceRun {
                name: &source.name,
                kind: source.kind.name(),
                at: now,
                next_due_at: next,
                failed: report.failed,
                summary: serde_json::to_value(&report.summary).unwrap_or_default(),
            })
            .await?;
        self.metrics.run(&source.name, report.failed);
        report.not_due_until = None;
        if report.failed {
            tracing::warn!(
                source = %source.name,
                consecutive_failures = failures,
                summary = %report.summary.line(),
                next_due = %next,
                "source run failed"
            );
        } else {
            tracing::info!(
                source = %source.name,
                summary = %report.summary.line(),
                elapsed_ms = started.elapsed().as_millis() as u64,
                next_due = %next,
                "source run done"
            );
        }
        Ok(report)
    }

    async fn run_files(&self, source: &Source, paths: &[std::path::PathBuf]) -> anyhow::Result<SourceReport> {
        let mut report = SourceReport::new(&source.name);
        let scanned = {
            let paths = paths.to_vec();
            let name = source.name.clone();
            let hint = source.language.clone();
            let max = self.max_file_bytes;
            tokio::task::spawn_blocking(move || crate::files::scan(&paths, &name, hint.as_deref(), max)).await?
        };
        self.progress.inc_length(scanned.len() as u64);
        let mut all_failed = !scanned.is_empty();
        let mut to_emit: Vec<RawArticle> = Vec::new();
        for s in scanned {
            let r = match s {
                crate::files::Scanned::Document(raw) => {
                    all_failed = false;
                    let location = raw.source.location.clone();
                    let previous = self.store.url_state(&location).await?;
                    let same = previous
                        .and_then(|p| p.content_sha256)
                        .is_some_and(|sha| sha == raw.content_sha256);
                    self.metrics.bytes(&source.name, raw.byte_length);
                    if same && !self.once {
                        self.metrics.document(&source.name, "unchanged");
                        self.progress.inc(1);
                        ItemResult::new(&location, "unchanged")
                    } else {
                        to_emit.push(*raw);
                        continue;
                    }
                }
                crate::files::Scanned::Skipped { location, reason } => {
                    all_failed = false;
                    tracing::warn!(source = %source.name, %location, %reason, "skipped");
                    self.metrics.skip(&source.name, SkipReason::TooLarge.as_str());
                    self.progress.inc(1);
                    let mut r = ItemResult::new(&location, "skipped");
                    r.reason = Some(SkipReason::TooLarge.as_str().into());
                    r.detail = Some(reason);
                    r
                }
                crate::files::Scanned::Failed { location, reason } => {
                    tracing::warn!(source = %source.name, %location, %reason, "cannot read");
                    self.metrics.failure(&source.name, FailClass::Io.as_str());
                    self.progress.inc(1);
                    let mut r = ItemResult::new(&location, "failed");
                    r.reason = Some(FailClass::Io.as_str().into());
                    r.detail = Some(reason);
                    r
                }
            };
            report.absorb(r);
        }
        // Delivered in batches (one round trip to the broker per batch), then recorded.
        for batch in to_emit.chunks(FILE_BATCH) {
            self.sink.emit_batch(batch).await?;
            for raw in batch {
                let location = raw.source.location.as_str();
                self.store
                    .record_success(&UrlSuccess {
                        url: location,
                        source: &source.name,
                        final_url: location,
                        status: 200,
                        etag: None,
                        last_modified: None,
                        content_sha256: Some(&raw.content_sha256),
                        document_id: Some(&raw.id),
                        at: raw.fetched_at,
                    })
                    .await?;
                self.metrics.document(&source.name, "fetched");
                self.progress.inc(1);
                report.absorb(ItemResult {
                    document_id: Some(raw.id.clone()),
                    ..ItemResult::new(location, "emitted")
                });
            }
        }
        report.failed = all_failed;
        Ok(report)
    }

    async fn run_urls(&self, source: &Source, urls: &[Url]) -> anyhow::Result<SourceReport> {
        let mut report = SourceReport::new(&source.name);
        self.progress.inc_length(urls.len() as u64);
        let n = self.fetcher.settings().concurrency.max(1);
        let results: Vec<anyhow::Result<ItemResult>> = futures::stream::iter(urls.iter().cloned())
            .map(|u| async move {
                if self.cancel.is_cancelled() {
                    return Ok(ItemResult::new(u.as_str(), "deferred"));
                }
                let r = self.page(source, &u, None, None, source.language.clone()).await;
                self.progress.inc(1);
                r
            })
            .buffer_unordered(n)
            .collect()
            .await;
        for r in results {
            report.absorb(r?);
        }
        report.failed = !urls.is_empty() && report.summary.failed_total() == urls.len() as u64;
        Ok(report)
    }

    /// Feeds and sitemaps: read the lists, then fetch the new items.
    async fn run_lists(&self, source: &Source, lists: &[Url], purpose: Purpose) -> anyhow::Result<SourceReport> {
        let mut report = SourceReport::new(&source.name);
        let mut docs: Vec<ListDoc> = Vec::new();
        let mut items: Vec<Item> = Vec::new();
        let mut list_failures = 0usize;
        let mut queue: Vec<(Url, usize)> = lists.iter().map(|u| (u.clone(), 0)).collect();
        let mut read_lists: HashSet<Url> = HashSet::new();
        let mut children_of_index: HashMap<Url, Vec<Url>> = HashMap::new();
        while let Some((url, depth)) = queue.pop() {
            if !read_lists.insert(url.clone()) || self.cancel.is_cancelled() {
                continue;
            }
            match self.read_list(source, &url, purpose, &mut report).await? {
                ListRead::NotModified => {}
                ListRead::Failed => list_failures += 1,
                ListRead::Feed(doc, found) => {
                    items.extend(found);
                    docs.push(doc);
                }
                ListRead::Index(doc, children) => {
                    if depth >= 2 {
                        tracing::warn!(source = %source.name, %url, "sitemap index nested too deep; ignored");
                        continue;
                    }
                    let children: Vec<Url> = children.into_iter().take(MAX_CHILD_SITEMAPS).collect();
                    children_of_index.insert(url.clone(), children.clone());
                    queue.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
                    docs.push(doc);
                }
            }
        }
        report.failed = list_failures > 0 && list_failures == read_lists.len();

        // New items, newest first, at most max_items.
        let keys: Vec<String> = items.iter().map(|i| i.key.clone()).collect();
        let unseen: HashSet<String> = self.store.unseen(&source.name, &keys).await?.into_iter().collect();
        let mut fresh: Vec<Item> = Vec::new();
        let mut dup: HashSet<String> = HashSet::new();
        for i in items {
            if !unseen.contains(&i.key) {
                report.summary.already_seen += 1;
            } else if dup.insert(i.key.clone()) {
                fresh.push(i);
            }
        }
        fresh.sort_by_key(|i| std::cmp::Reverse(i.when));
        let mut pending: HashSet<String> = HashSet::new();
        if fresh.len() > source.max_items {
            for i in fresh.drain(source.max_items..) {
                pending.insert(i.key);
                report.summary.deferred += 1;
            }
        }
        self.progress.inc_length(fresh.len() as u64);
        let n = self.fetcher.settings().concurrency.max(1);
        let results: Vec<anyhow::Result<(String, ItemResult)>> = futures::stream::iter(fresh)
            .map(|i| async move {
                if self.cancel.is_cancelled() {
                    return Ok((i.key, ItemResult::new(i.url.as_str(), "deferred")));
                }
                let r = self
                    .page(source, &i.url, Some(&i.list_url), i.feed.clone(), i.language.clone())
                    .await?;
                if let Some(outcome) = &r.settled {
                    self.store
                        .mark_seen(&source.name, &i.key, Some(i.url.as_str()), outcome)
                        .await?;
                }
                self.progress.inc(1);
                Ok((i.key, r))
            })
            .buffer_unordered(n)
            .collect()
            .await;
        for r in results {
            let (key, r) = r?;
            if r.settled.is_none() {
                pending.insert(key);
            }
            report.absorb(r);
        }

        // Validators of the lists whose items are all handled; the others are asked for in
        // full next time.
        let mut complete: HashMap<Url, bool> = HashMap::new();
        for d in &docs {
            complete.insert(d.url.clone(), d.keys.iter().all(|k| !pending.contains(k)));
        }
        // Twice, so an index of indexes sees its children's verdicts.
        for _ in 0..2 {
            for (index, children) in &children_of_index {
                let all = children.iter().all(|c| complete.get(c).copied().unwrap_or(false));
                complete.insert(index.clone(), all);
            }
        }
        for d in &docs {
            let done = complete.get(&d.url).copied().unwrap_or(false);
            self.store
                .record_success(&UrlSuccess {
                    url: d.url.as_str(),
                    source: &source.name,
                    final_url: d.final_url.as_str(),
                    status: d.status,
                    etag: if done { d.validators.etag.as_deref() } else { None },
                    last_modified: if done {
                        d.validators.last_modified.as_deref()
                    } else {
                        None
                    },
                    content_sha256: if done { d.sha.as_deref() } else { None },
                    document_id: None,
                    at: Utc::now(),
                })
                .await?;
        }
        Ok(report)
    }

    /// Fetches one feed or sitemap.
    async fn read_list(
        &self,
        source: &Source,
        url: &Url,
        purpose: Purpose,
        report: &mut SourceReport,
    ) -> anyhow::Result<ListRead> {
        let state = self.store.url_state(url.as_str()).await?;
        if let Some(st) = &state {
            if st.failure_count > 0 && st.next_due_at.is_some_and(|d| d > Utc::now()) {
                let mut r = ItemResult::new(url.as_str(), "deferred");
                r.detail = Some(format!(
                    "backing off after {} failures until {}",
                    st.failure_count,
                    st.next_due_at.map(|d| d.to_rfc3339()).unwrap_or_default()
                ));
                report.absorb(r);
                return Ok(ListRead::NotModified);
            }
        }
        let validators = state
            .as_ref()
            .map(|s| Validators {
                etag: s.etag.clone(),
                last_modified: s.last_modified.clone(),
            })
            .unwrap_or_default();
        let t0 = Instant::now();
        let out = self.fetcher.fetch(url, purpose, &validators).await;
        self.metrics.latency(&source.name, t0.elapsed().as_secs_f64());
        let f = match out {
            FetchOutcome::Fetched(f) => f,
            FetchOutcome::NotModified { final_url, validators } => {
                self.metrics.document(&source.name, "not_modified");
                self.record_not_modified(source, url, &final_url, &validators, state.as_ref())
                    .await?;
                report.absorb(ItemResult::new(url.as_str(), "not_modified"));
                return Ok(ListRead::NotModified);
            }
            other => {
                let r = self.settle_failure(source, url, other).await?;
                tracing::warn!(
                    source = %source.name,
                    %url,
                    reason = r.reason.as_deref().unwrap_or_default(),
                    detail = r.detail.as_deref().unwrap_or_default(),
                    "cannot read the source's list"
                );
                report.absorb(r);
                return Ok(ListRead::Failed);
            }
        };
        self.metrics.bytes(&source.name, f.body.len() as u64);
        let sha = sahel_schemas::ids::sha256_hex(&f.body);
        let parse_failed = |detail: String| ItemResult {
            reason: Some(FailClass::Parse.as_str().into()),
            detail: Some(detail),
            ..ItemResult::new(url.as_str(), "failed")
        };
        let mut doc = ListDoc {
            url: url.clone(),
            final_url: f.final_url.clone(),
            status: f.status,
            validators: f.validators.clone(),
            sha: Some(sha),
            keys: Vec::new(),
        };
        match purpose {
            Purpose::Feed => match crate::feeds::parse(&f.body, &f.final_url) {
                Ok(entries) => {
                    let mut items = Vec::new();
                    for e in entries {
                        doc.keys.push(e.key.clone());
                        let Some(link) = e.link.clone() else {
                            // Nothing to fetch: recorded as a skip, once.
                            let unseen = self.store.unseen(&source.name, std::slice::from_ref(&e.key)).await?;
                            if !unseen.is_empty() {
                                self.store
                                    .mark_seen(&source.name, &e.key, None, SkipReason::NoLink.as_str())
                                    .await?;
                                self.metrics.skip(&source.name, SkipReason::NoLink.as_str());
                                report.absorb(ItemResult {
                                    reason: Some(SkipReason::NoLink.as_str().into()),
                                    detail: Some(format!("feed entry `{}` has no link", e.key)),
                                    ..ItemResult::new(url.as_str(), "skipped")
                                });
                            }
                            continue;
                        };
                        items.push(Item {
                            key: e.key,
                            url: link,
                            list_url: url.clone(),
                            when: e.published,
                            feed: Some(FeedMeta {
                                title: e.title,
                                published: e.published,
                                summary: e.summary,
                            }),
                            language: source.language.clone(),
                        });
                    }
                    Ok(ListRead::Feed(doc, items))
                }
                Err(e) => {
                    self.metrics.failure(&source.name, FailClass::Parse.as_str());
                    tracing::warn!(source = %source.name, %url, error = %e, "cannot parse the feed");
                    report.absorb(parse_failed(e));
                    Ok(ListRead::Failed)
                }
            },
            _ => {
                let parsed = crate::sitemap::maybe_gunzip(f.body, self.fetcher.settings().max_sitemap_bytes)
                    .and_then(|b| crate::sitemap::parse(&b));
                match parsed {
                    Ok(Sitemap::Index(children)) => {
                        let children = children
                            .iter()
                            .filter_map(|c| f.final_url.join(c.trim()).ok())
                            .collect();
                        Ok(ListRead::Index(doc, children))
                    }
                    Ok(Sitemap::UrlSet(urls)) => {
                        let mut items = Vec::new();
                        for u in urls {
                            let Ok(link) = f.final_url.join(u.loc.trim()) else {
                                continue;
                            };
                            // A changed lastmod makes it a new item: the page is fetched again
                            // (conditionally).
                            let stamp = u
                                .lastmod
                                .clone()
                                .or_else(|| u.news_published.map(|d| d.to_rfc3339()))
                                .unwrap_or_default();
                            let key = format!("{link}\u{1f}{stamp}");
                            doc.keys.push(key.clone());
                            let when = u
                                .news_published
                                .or_else(|| u.lastmod.as_deref().and_then(crate::sitemap::parse_date));
                            let feed = (u.news_title.is_some() || u.news_published.is_some()).then(|| FeedMeta {
                                title: u.news_title.clone(),
                                published: u.news_published,
                                summary: None,
                            });
                            let language = source.language.clone().or_else(|| {
                                u.news_language
                                    .clone()
                                    .filter(|l| l.len() == 2 && l.chars().all(|c| c.is_ascii_lowercase()))
                            });
                            items.push(Item {
                                key,
                                url: link,
                                list_url: url.clone(),
                                feed,
                                language,
                                when,
                            });
                        }
                        Ok(ListRead::Feed(doc, items))
                    }
                    Err(e) => {
                        self.metrics.failure(&source.name, FailClass::Parse.as_str());
                        tracing::warn!(source = %source.name, %url, error = %e, "cannot parse the sitemap");
                        report.absorb(parse_failed(e));
                        Ok(ListRead::Failed)
                    }
                }
            }
        }
    }

    /// Records a failed or skipped fetch and says whether the item is settled.
    /// Records a 304: the validators the server sent, else those it confirmed.
    async fn record_not_modified(
        &self,
        source: &Source,
        url: &Url,
        final_url: &Url,
        validators: &Validators,
        state: Option<&crate::state::UrlState>,
    ) -> anyhow::Result<()> {
        self.store
            .record_success(&UrlSuccess {
                url: url.as_str(),
                source: &source.name,
                final_url: final_url.as_str(),
                status: 304,
                etag: validators.etag.as_deref().or(state.and_then(|s| s.etag.as_deref())),
                last_modified: validators
                    .last_modified
                    .as_deref()
                    .or(state.and_then(|s| s.last_modified.as_deref())),
                content_sha256: None,
                document_id: None,
                at: Utc::now(),
            })
            .await
    }

    async fn settle_failure(&self, source: &Source, url: &Url, out: FetchOutcome) -> anyhow::Result<ItemResult> {
        match out {
            FetchOutcome::Skipped { reason, detail } => {
                self.metrics.skip(&source.name, reason.as_str());
                tracing::info!(source = %source.name, %url, reason = reason.as_str(), %detail, "skipped");
                Ok(ItemResult {
                    reason: Some(reason.as_str().into()),
                    detail: Some(detail),
                    settled: Some(format!("skipped:{}", reason.as_str())),
                    ..ItemResult::new(url.as_str(), "skipped")
                })
            }
            FetchOutcome::Failed {
                class,
                detail,
                retry_after,
            } => {
                let previous = self
                    .store
                    .url_state(url.as_str())
                    .await?
                    .map(|s| s.failure_count)
                    .unwrap_or(0);
                let backoff = sahel_runtime::backoff(
                    u32::try_from(previous + 1).unwrap_or(1),
                    Duration::from_secs(60),
                    Duration::from_secs(24 * 3600),
                );
                let wait = retry_after.map_or(backoff, |r| r.max(backoff));
                let next = Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default();
                let failures = self
                    .store
                    .record_failure(&UrlFailure {
                        url: url.as_str(),
                        source: &source.name,
                        class: class.as_str(),
                        detail: &detail,
                        next_due_at: next,
                    })
                    .await?;
                self.metrics.failure(&source.name, class.as_str());
                tracing::warn!(
                    source = %source.name,
                    %url,
                    class = class.as_str(),
                    %detail,
                    failures,
                    "fetch failed"
                );
                let settled = if !class.retriable() {
                    Some(format!("failed:{}", class.as_str()))
                } else if failures >= MAX_ITEM_FAILURES {
                    Some(format!("gave_up:{}", class.as_str()))
                } else {
                    None
                };
                Ok(ItemResult {
                    reason: Some(class.as_str().into()),
                    detail: Some(detail),
                    settled,
                    retry_after,
                    ..ItemResult::new(url.as_str(), "failed")
                })
            }
            FetchOutcome::Fetched(_) | FetchOutcome::NotModified { .. } => {
                Ok(ItemResult::new(url.as_str(), "unchanged"))
            }
        }
    }

    /// Fetches one page and emits it when it is new.
    async fn page(
        &self,
        source: &Source,
        url: &Url,
        list_url: Option<&Url>,
        feed: Option<FeedMeta>,
        language: Option<String>,
    ) -> anyhow::Result<ItemResult> {
        let state = self.store.url_state(url.as_str()).await?;
        if let Some(st) = &state {
            if st.failure_count > 0 && st.next_due_at.is_some_and(|d| d > Utc::now()) {
                return Ok(ItemResult {
                    detail: Some(format!(
                        "backing off after {} failures until {}",
                        st.failure_count,
                        st.next_due_at.map(|d| d.to_rfc3339()).unwrap_or_default()
                    )),
                    ..ItemResult::new(url.as_str(), "deferred")
                });
            }
        }
        let validators = state
            .as_ref()
            .map(|s| Validators {
                etag: s.etag.clone(),
                last_modified: s.last_modified.clone(),
            })
            .unwrap_or_default();
        let t0 = Instant::now();
        let out = self.fetcher.fetch(url, Purpose::Page, &validators).await;
        self.metrics.latency(&source.name, t0.elapsed().as_secs_f64());
        let f = match out {
            FetchOutcome::Fetched(f) => f,
            FetchOutcome::NotModified { final_url, validators } => {
                self.record_not_modified(source, url, &final_url, &validators, state.as_ref())
                    .await?;
                self.metrics.document(&source.name, "not_modified");
                return Ok(ItemResult {
                    settled: Some("not_modified".into()),
                    ..ItemResult::new(url.as_str(), "not_modified")
                });
            }
            other => return self.settle_failure(source, url, other).await,
        };
        self.metrics.bytes(&source.name, f.body.len() as u64);
        let ctype = content::page_type(&f.essence, &f.body);
        let is_html = ctype.contains("html");
        let decoded = content::decode(&f.body, f.content_type_header.as_deref(), is_html);
        let fetched_at = Utc::now();
        let final_url = (f.final_url != *url).then(|| f.final_url.to_string());
        let source_ref = SourceRef {
            name: source.name.clone(),
            kind: source.kind.raw_kind(),
            location: url.to_string(),
            feed_url: list_url.map(Url::to_string),
            final_url,
        };
        let mut raw = RawArticle::from_local(
            source_ref,
            &f.body,
            decoded,
            &ctype,
            fetched_at,
            self.producer.clone(),
            language,
        );
        raw.http = Some(HttpMeta {
            status: f.status,
            etag: f.validators.etag.clone(),
            last_modified: f.validators.last_modified.clone(),
        });
        raw.feed = feed;
        let unchanged = state
            .as_ref()
            .and_then(|s| s.content_sha256.as_deref())
            .is_some_and(|sha| sha == raw.content_sha256);
        if let Some(detail) = crate::files::over_message_limit(&raw).filter(|_| !unchanged) {
            let skipped = FetchOutcome::Skipped {
                reason: SkipReason::TooLarge,
                detail,
            };
            return self.settle_failure(source, url, skipped).await;
        }
        if !unchanged {
            self.sink.emit(&raw).await?;
        }
        self.store
            .record_success(&UrlSuccess {
                url: url.as_str(),
                source: &source.name,
                final_url: f.final_url.as_str(),
                status: f.status,
                etag: f.validators.etag.as_deref(),
                last_modified: f.validators.last_modified.as_deref(),
                content_sha256: Some(&raw.content_sha256),
                document_id: (!unchanged).then_some(raw.id.as_str()),
                at: fetched_at,
            })
            .await?;
        if unchanged {
            self.metrics.document(&source.name, "unchanged");
            return Ok(ItemResult {
                settled: Some("unchanged".into()),
                ..ItemResult::new(url.as_str(), "unchanged")
            });
        }
        self.metrics.document(&source.name, "fetched");
        Ok(ItemResult {
            document_id: Some(raw.id),
            settled: Some("fetched".into()),
            ..ItemResult::new(url.as_str(), "emitted")
        })
    }
}

enum ListRead {
    NotModified,
    Failed,
    Feed(ListDoc, Vec<Item>),
    Index(ListDoc, Vec<Url>),
}
