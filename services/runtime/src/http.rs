//! `/healthz` and `/metrics`.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use anyhow::Context as _;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use prometheus_client::registry::Registry;
use tokio_util::sync::CancellationToken;

/// Shared health: healthy while the service's main loop runs and no batch is failing.
#[derive(Debug, Clone, Default)]
pub struct Health(Arc<HealthState>);

#[derive(Debug, Default)]
struct HealthState {
    running: AtomicBool,
    /// Batches being retried after a failure (a database or broker that refuses them).
    failing: AtomicUsize,
    /// The loop's watchdog found no progress for too long.
    stalled: AtomicBool,
}

impl Health {
    /// Marks the main loop running or not.
    pub fn set(&self, ok: bool) {
        self.0.running.store(ok, Ordering::Relaxed);
    }

    /// A batch started failing: the service is unhealthy until it passes.
    pub fn failing(&self) {
        self.0.failing.fetch_add(1, Ordering::Relaxed);
    }

    /// A failing batch passed.
    pub fn recovered(&self) {
        let _ = self
            .0
            .failing
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| Some(n.saturating_sub(1)));
    }

    /// Marks the loop stalled or not (its watchdog).
    pub fn set_stalled(&self, stalled: bool) {
        self.0.stalled.store(stalled, Ordering::Relaxed);
    }

    /// Whether the service is healthy.
    pub fn get(&self) -> bool {
        self.0.running.load(Ordering::Relaxed)
            && self.0.failing.load(Ordering::Relaxed) == 0
            && !self.0.stalled.load(Ordering::Relaxed)
    }
}

#[derive(Clone)]
struct AppState {
    registry: Arc<Registry>,
    health: Health,
}

async fn healthz(State(s): State<AppState>) -> impl IntoResponse {
    if s.health.get() {
        (StatusCode::OK, "ok\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready\n")
    }
}

async fn metrics(State(s): State<AppState>) -> impl IntoResponse {
    let mut body = String::new();
    match prometheus_client::encoding::text::encode(&mut body, &s.registry) {
        Ok(()) => (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            )],
            body,
        ),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain")],
            format!("encoding metrics: {e}"),
        ),
    }
}

/// Binds `addr` and serves until `shutdown`. Returns the bound address (useful with port 0).
pub async fn serve(
    addr: SocketAddr,
    registry: Registry,
    health: Health,
    shutdown: CancellationToken,
) -> anyhow::Result<SocketAddr> {
    let state = AppState {
        registry: Arc::new(registry),
        health,
    };
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding the HTTP endpoint --http-addr / HTTP_ADDR = {addr}"))?;
    let bound = listener.local_addr()?;
    tracing::info!(addr = %bound, "serving /healthz and /metrics");
    tokio::spawn(async move {
        let r = axum::serve(listener, app)
            .with_graceful_shutdown(async move { shutdown.cancelled().await })
            .await;
        if let Err(e) = r {
            tracing::error!(error = %e, "HTTP endpoint failed");
        }
    });
    Ok(bound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_batch_makes_the_service_unhealthy_until_it_passes() {
        let h = Health::default();
        assert!(!h.get(), "not healthy before the loop runs");
        h.set(true);
        assert!(h.get());
        h.failing();
        h.failing();
        assert!(!h.get(), "unhealthy while batches are retried");
        h.recovered();
        assert!(!h.get(), "one batch still failing");
        h.recovered();
        assert!(h.get(), "healthy once every failing batch passed");
        h.recovered();
        assert!(h.get(), "an extra recovery cannot go below zero");
        h.set_stalled(true);
        assert!(!h.get(), "a stalled loop is unhealthy");
        h.set_stalled(false);
        assert!(h.get());
        h.set(false);
        assert!(!h.get());
    }
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn get(addr: SocketAddr, path: &str) -> String {
        let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
        s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
            .await
            .expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).await.expect("read");
        out
    }

    #[tokio::test]
    async fn healthz_follows_the_flag_and_metrics_are_exposed() {
        let mut registry = crate::metrics::new_registry();
        let m = crate::metrics::PipelineMetrics::register("writer", &mut registry);
        m.dead_lettered("malformed");
        let health = Health::default();
        let stop = CancellationToken::new();
        let addr = serve(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            registry,
            health.clone(),
            stop.clone(),
        )
        .await
        .expect("serve");
        assert!(get(addr, "/healthz").await.starts_with("HTTP/1.1 503"));
        health.set(true);
        assert!(get(addr, "/healthz").await.starts_with("HTTP/1.1 200"));
        let metrics = get(addr, "/metrics").await;
        assert!(
            metrics.contains(r#"sahel_messages_dead_lettered_total{service="writer",kind="malformed"} 1"#),
            "{metrics}"
        );
        stop.cancel();
    }
}
