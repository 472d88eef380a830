//! Internal metrics, named `sahel_<name>_<unit>_total`, with bounded label sets (service name,
//! outcome or error kind; never a topic, URL or raw error text).

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// Labels naming only the service.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ServiceLabel {
    /// Service name.
    pub service: String,
}

/// Labels for a bounded reason or outcome.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabel {
    /// Service name.
    pub service: String,
    /// A value from a fixed set (dead-letter kind, verdict, event type, table...).
    pub kind: String,
}

/// The metrics the pipeline loop records for every service.
#[derive(Debug, Clone)]
pub struct PipelineMetrics {
    service: ServiceLabel,
    consumed: Family<ServiceLabel, Counter>,
    produced: Family<ServiceLabel, Counter>,
    dead_lettered: Family<KindLabel, Counter>,
    retries: Family<ServiceLabel, Counter>,
    consume_errors: Family<ServiceLabel, Counter>,
    batch_seconds: Family<ServiceLabel, Histogram>,
    /// Service-specific outcomes (`sahel_outcomes_total{service, kind}`).
    outcomes: Family<KindLabel, Counter>,
    /// 1 while the loop is stalled at a stage (`sahel_stalled{service, kind=stage}`).
    stalled: Family<KindLabel, Gauge>,
}

impl PipelineMetrics {
    /// Registers the metrics in `registry` (which should carry the `sahel` prefix).
    pub fn register(service: &str, registry: &mut Registry) -> Self {
        let m = Self {
            service: ServiceLabel {
                service: service.to_owned(),
            },
            consumed: Family::default(),
            produced: Family::default(),
            dead_lettered: Family::default(),
            retries: Family::default(),
            consume_errors: Family::default(),
            batch_seconds: Family::new_with_constructor(|| Histogram::new(exponential_buckets(0.001, 2.0, 16))),
            outcomes: Family::default(),
            stalled: Family::default(),
        };
        registry.register(
            "messages_consumed",
            "Messages read from input topics",
            m.consumed.clone(),
        );
        registry.register(
            "messages_produced",
            "Messages confirmed on output topics",
            m.produced.clone(),
        );
        registry.register(
            "messages_dead_lettered",
            "Messages sent to a dead-letter topic, by reason kind",
            m.dead_lettered.clone(),
        );
        registry.register("handler_retries", "Retries after retriable errors", m.retries.clone());
        registry.register(
            "consume_errors",
            "Errors returned by the Kafka consumer",
            m.consume_errors.clone(),
        );
        registry.register(
            "batch_duration_seconds",
            "Time to process, produce and store one batch",
            m.batch_seconds.clone(),
        );
        registry.register("outcomes", "Service-specific outcomes by kind", m.outcomes.clone());
        registry.register(
            "stalled",
            "1 while work is pending and no batch has finished for --stall-after-ms, by stage (kind: handle, batch)",
            m.stalled.clone(),
        );
        m
    }

    fn kind(&self, kind: &str) -> KindLabel {
        KindLabel {
            service: self.service.service.clone(),
            kind: kind.to_owned(),
        }
    }

    /// Counts consumed messages.
    pub fn consumed(&self, n: u64) {
        self.consumed.get_or_create(&self.service).inc_by(n);
    }
    /// Counts produced (confirmed) messages.
    pub fn produced(&self, n: u64) {
        self.produced.get_or_create(&self.service).inc_by(n);
    }
    /// Counts one dead-lettered message of a kind.
    pub fn dead_lettered(&self, kind: &str) {
        self.dead_lettered.get_or_create(&self.kind(kind)).inc();
    }
    /// Counts one retry.
    pub fn retry(&self) {
        self.retries.get_or_create(&self.service).inc();
    }
    /// Counts one consumer error.
    pub fn consume_error(&self) {
        self.consume_errors.get_or_create(&self.service).inc();
    }
    /// Records a batch duration.
    pub fn batch(&self, seconds: f64) {
        self.batch_seconds.get_or_create(&self.service).observe(seconds);
    }
    /// Sets which stage the loop is stalled at (none: not stalled).
    pub fn stalled(&self, stage: Option<crate::watchdog::Stage>) {
        use crate::watchdog::Stage;
        for s in [Stage::Handle, Stage::Batch] {
            self.stalled
                .get_or_create(&self.kind(s.as_str()))
                .set(i64::from(Some(s) == stage));
        }
    }

    /// Counts a service-specific outcome; `kind` must come from a fixed set.
    pub fn outcome(&self, kind: &str, n: u64) {
        self.outcomes.get_or_create(&self.kind(kind)).inc_by(n);
    }
}

/// A registry with the `sahel` prefix.
pub fn new_registry() -> Registry {
    Registry::with_prefix("sahel")
}
