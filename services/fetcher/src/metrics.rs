//! The fetcher's metrics, per source. Labels are bounded: `source` comes from the
//! configuration (a handful of names checked at start), `outcome`, `reason` and `class` from
//! fixed sets ([`crate::fetch::SkipReason`], [`crate::fetch::FailClass`]). Never a URL.
//!
//! - `sahel_fetch_documents_total{source, outcome}`: fetched, not_modified, unchanged,
//!   skipped, failed (one per URL or file handled).
//! - `sahel_fetch_skipped_total{source, reason}` and `sahel_fetch_failures_total{source, class}`.
//! - `sahel_fetch_bytes_total{source}`: body bytes after decompression.
//! - `sahel_fetch_request_duration_seconds{source}`: time per URL, redirects, retries and
//!   politeness waits included.
//! - `sahel_fetch_source_runs_total{source, result}`: ok or failed.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// Source label.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SourceLabel {
    /// Configured source name.
    pub source: String,
}

/// Source and a value from a fixed set.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SourceOutcome {
    /// Configured source name.
    pub source: String,
    /// Fixed-set value.
    pub outcome: String,
}

/// Source and a skip reason.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SourceReason {
    /// Configured source name.
    pub source: String,
    /// Skip reason.
    pub reason: String,
}

/// Source and a failure class.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SourceClass {
    /// Configured source name.
    pub source: String,
    /// Failure class.
    pub class: String,
}

/// Source and a run result.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SourceResult {
    /// Configured source name.
    pub source: String,
    /// ok or failed.
    pub result: String,
}

/// The fetcher's metrics.
#[derive(Debug, Clone)]
pub struct FetchMetrics {
    documents: Family<SourceOutcome, Counter>,
    skipped: Family<SourceReason, Counter>,
    failures: Family<SourceClass, Counter>,
    bytes: Family<SourceLabel, Counter>,
    latency: Family<SourceLabel, Histogram, fn() -> Histogram>,
    runs: Family<SourceResult, Counter>,
}

fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.005, 2.0, 14))
}

impl FetchMetrics {
    /// Metrics not registered anywhere (tests, benchmarks).
    pub fn unregistered() -> Self {
        Self {
            documents: Family::default(),
            skipped: Family::default(),
            failures: Family::default(),
            bytes: Family::default(),
            latency: Family::new_with_constructor(latency_histogram),
            runs: Family::default(),
        }
    }

    /// Registers the metrics in `registry` (which carries the `sahel` prefix).
    pub fn register(registry: &mut Registry) -> Self {
        let m = Self::unregistered();
        registry.register(
            "fetch_documents",
            "URLs and files handled, by source and outcome",
            m.documents.clone(),
        );
        registry.register(
            "fetch_skipped",
            "Items skipped, by source and reason",
            m.skipped.clone(),
        );
        registry.register(
            "fetch_failures",
            "Failed fetches, by source and class",
            m.failures.clone(),
        );
        registry.register("fetch_bytes", "Body bytes read (after decompression)", m.bytes.clone());
        registry.register(
            "fetch_request_duration_seconds",
            "Time to fetch one URL, redirects, retries and politeness waits included",
            m.latency.clone(),
        );
        registry.register("fetch_source_runs", "Source runs, by result", m.runs.clone());
        m
    }

    /// Counts an outcome (`fetched`, `not_modified`, `unchanged`, `skipped`, `failed`).
    pub fn document(&self, source: &str, outcome: &'static str) {
        self.documents
            .get_or_create(&SourceOutcome {
                source: source.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    /// Counts a skip.
    pub fn skip(&self, source: &str, reason: &'static str) {
        self.document(source, "skipped");
        self.skipped
            .get_or_create(&SourceReason {
                source: source.to_owned(),
                reason: reason.to_owned(),
            })
            .inc();
    }

    /// Counts a failure.
    pub fn failure(&self, source: &str, class: &'static str) {
        self.document(source, "failed");
        self.failures
            .get_or_create(&SourceClass {
                source: source.to_owned(),
                class: class.to_owned(),
            })
            .inc();
    }

    /// Counts body bytes.
    pub fn bytes(&self, source: &str, n: u64) {
        self.bytes
            .get_or_create(&SourceLabel {
                source: source.to_owned(),
            })
            .inc_by(n);
    }

    /// Records the time one URL took.
    pub fn latency(&self, source: &str, seconds: f64) {
        self.latency
            .get_or_create(&SourceLabel {
                source: source.to_owned(),
            })
            .observe(seconds);
    }

    /// Counts a source run.
    pub fn run(&self, source: &str, failed: bool) {
        self.runs
            .get_or_create(&SourceResult {
                source: source.to_owned(),
                result: if failed { "failed" } else { "ok" }.to_owned(),
            })
            .inc();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_are_exposed_with_bounded_labels() {
        let mut registry = sahel_runtime::metrics::new_registry();
        let m = FetchMetrics::register(&mut registry);
        m.document("rfi", "fetched");
        m.skip("rfi", "robots");
        m.failure("rfi", "timeout");
        m.bytes("rfi", 1234);
        m.latency("rfi", 0.2);
        m.run("rfi", false);
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &registry).expect("encode");
        for line in [
            r#"sahel_fetch_documents_total{source="rfi",outcome="fetched"} 1"#,
            r#"sahel_fetch_documents_total{source="rfi",outcome="skipped"} 1"#,
            r#"sahel_fetch_skipped_total{source="rfi",reason="robots"} 1"#,
            r#"sahel_fetch_failures_total{source="rfi",class="timeout"} 1"#,
            r#"sahel_fetch_bytes_total{source="rfi"} 1234"#,
            r#"sahel_fetch_request_duration_seconds_count{source="rfi"} 1"#,
            r#"sahel_fetch_source_runs_total{source="rfi",result="ok"} 1"#,
        ] {
            assert!(text.contains(line), "missing {line} in\n{text}");
        }
    }
}
