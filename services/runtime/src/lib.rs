//! What every Sahel Monitor service shares.
//!
//! Layout:
//! - [`charset`]: bytes to text with the right charset.
//! - [`config`]: command-line/environment settings common to all services (Kafka, HTTP, logs),
//!   validated at start with errors that name the setting.
//! - [`kafka`]: the idempotent producer, the consumer with manual offset storage, topic creation.
//! - [`pipeline`]: the consume → process → produce → store-offset loop with retries and
//!   dead-lettering ([`pipeline::Handler`] is what a service implements).
//! - [`http`] and [`metrics`]: `/healthz` and Prometheus `/metrics`.
//! - [`db`]: PostgreSQL connection with backoff, and the migrations: applied by the database
//!   owner (`sahel-migrate`, `src/bin/migrate.rs`, or a service connected as the owner),
//!   awaited by a service connected as its own role (migration 0007).
//! - [`service`]: the start-up sequence shared by the consumer services.
//! - [`shutdown`]: SIGINT/SIGTERM handling.
//! - [`telemetry`]: structured logs.

pub mod charset;
pub mod config;
pub mod db;
pub mod http;
pub mod kafka;
pub mod metrics;
pub mod pipeline;
pub mod service;
pub mod shutdown;
pub mod telemetry;
pub mod watchdog;

pub use tokio_util::sync::CancellationToken;

/// Exponential backoff with full jitter: attempt 1 waits up to `base`, doubling each attempt,
/// never more than `cap`.
pub fn backoff(attempt: u32, base: std::time::Duration, cap: std::time::Duration) -> std::time::Duration {
    use rand::Rng;
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let max = exp.min(cap);
    let millis = u64::try_from(max.as_millis()).unwrap_or(u64::MAX).max(1);
    // Half fixed, half random: never a zero wait, still spread out.
    let half = millis / 2;
    std::time::Duration::from_millis(half + rand::rng().random_range(0..=millis - half))
}

/// The exit code of a service binary: 0 on a clean stop, 1 with the error chain on stderr.
pub fn exit_code(binary: &str, result: anyhow::Result<()>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{binary}: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn backoff_grows_and_is_capped() {
        let base = Duration::from_millis(100);
        let cap = Duration::from_secs(5);
        for _ in 0..50 {
            let b1 = backoff(1, base, cap);
            assert!(b1 >= Duration::from_millis(50) && b1 <= base);
            let b4 = backoff(4, base, cap);
            assert!(b4 >= Duration::from_millis(400) && b4 <= Duration::from_millis(800));
            assert!(backoff(30, base, cap) <= cap);
        }
    }
}
