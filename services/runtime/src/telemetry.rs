//! Structured logs (key/value), as text for people or JSON for log pipelines.

use tracing_subscriber::EnvFilter;

use crate::config::{ConfigError, LogArgs};

/// Installs the global subscriber. Calling it twice is harmless (the second call keeps the
/// first subscriber), which lets tests start several services in one process.
pub fn init(args: &LogArgs) -> Result<(), ConfigError> {
    let filter =
        EnvFilter::try_new(&args.log_filter).map_err(|e| ConfigError::new("--log-filter / RUST_LOG", e.to_string()))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = if args.log_format == "json" {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
    Ok(())
}
