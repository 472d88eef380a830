//! Start-up shared by the consumer services: logs, configuration check, `/healthz` and
//! `/metrics`, topics, and the Kafka clients of the loop.

use std::net::{Ipv4Addr, SocketAddr};

use tokio_util::sync::CancellationToken;

use crate::config::ServiceArgs;
use crate::http::Health;
use crate::metrics::{new_registry, PipelineMetrics};
use crate::pipeline::Pipeline;

/// What a consumer service needs to build its handler and run.
#[derive(Debug)]
pub struct Started {
    /// The loop's clients and settings.
    pub pipeline: Pipeline,
    /// Metrics (handlers count their own outcomes with them).
    pub metrics: PipelineMetrics,
}

/// Installs logging and validates the settings; the first thing every service does.
pub fn prepare(args: &ServiceArgs) -> anyhow::Result<()> {
    crate::telemetry::init(&args.log)?;
    args.validate()?;
    Ok(())
}

/// Serves `/healthz` and `/metrics` (on `--http-addr`, or 127.0.0.1:`default_port`), creates
/// the pipeline topics when asked to, and subscribes to `inputs`.
pub async fn start(
    service: &'static str,
    version: &'static str,
    default_port: u16,
    args: &ServiceArgs,
    inputs: &[String],
    shutdown: &CancellationToken,
) -> anyhow::Result<Started> {
    let mut registry = new_registry();
    let metrics = PipelineMetrics::register(service, &mut registry);
    let health = Health::default();
    let addr = args
        .http
        .http_addr
        .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, default_port)));
    crate::http::serve(addr, registry, health.clone(), shutdown.clone()).await?;
    let mut create = sahel_schemas::topics::all_topics(&args.kafka.topic_prefix);
    create.extend(inputs.iter().cloned());
    create.sort();
    create.dedup();
    let pipeline = crate::kafka::pipeline(
        service,
        version,
        &args.kafka,
        &args.consumer,
        inputs,
        &create,
        metrics.clone(),
        health,
    )
    .await?;
    Ok(Started { pipeline, metrics })
}
