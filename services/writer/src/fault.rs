//! Fault injection, for tests only.
//!
//! `SAHEL_WRITER_FAULT=kill_after_commit` (or `kill_after_commit:N`) makes the writer abort
//! the process right after the `COMMIT` of its first (or N-th) batch that wrote rows, before
//! the offsets of that batch are stored: the crash window the delivery guarantee is about.
//! `tests/tests/writer_faults.rs` uses it to prove that a restart then loses nothing and
//! duplicates nothing.
//!
//! `SAHEL_WRITER_FAULT=hold_before_commit:MS` keeps every batch's transaction open MS
//! milliseconds after its last statement, before its `COMMIT`: it widens the window in which
//! transactions of several writer processes overlap (`tests/tests/writer_scale_out.rs`).
//!
//! Never set it in production.

use std::sync::atomic::{AtomicU64, Ordering};

use sahel_runtime::config::ConfigError;

/// The environment variable.
pub const ENV: &str = "SAHEL_WRITER_FAULT";

/// The fault to inject, if any.
#[derive(Debug, Default)]
pub struct Fault {
    /// Abort after this many committed batches.
    kill_after: Option<u64>,
    commits: AtomicU64,
    /// Hold each transaction open this long before its commit.
    hold_before_commit: Option<std::time::Duration>,
}

impl Fault {
    /// Reads [`ENV`]. Unset or empty: no fault.
    pub fn from_env() -> Result<Self, ConfigError> {
        match std::env::var(ENV) {
            Ok(v) if !v.trim().is_empty() => Self::parse(v.trim()),
            _ => Ok(Self::default()),
        }
    }

    fn parse(v: &str) -> Result<Self, ConfigError> {
        let (name, n) = match v.split_once(':') {
            Some((name, n)) => (name, n.parse::<u64>().ok().filter(|n| *n > 0)),
            None => (v, Some(1)),
        };
        match (name, n) {
            ("kill_after_commit", Some(n)) => Ok(Self {
                kill_after: Some(n),
                ..Self::default()
            }),
            ("hold_before_commit", Some(ms)) if v.contains(':') => Ok(Self {
                hold_before_commit: Some(std::time::Duration::from_millis(ms)),
                ..Self::default()
            }),
            _ => Err(ConfigError::new(
                "SAHEL_WRITER_FAULT (test only)",
                format!(
                    "`{v}` is not `kill_after_commit`, `kill_after_commit:N` or `hold_before_commit:MS` with N, MS >= 1"
                ),
            )),
        }
    }

    /// Whether a fault is armed.
    pub fn is_armed(&self) -> bool {
        self.kill_after.is_some() || self.hold_before_commit.is_some()
    }

    /// How long to hold each transaction open before its commit, if at all.
    pub fn hold_before_commit(&self) -> Option<std::time::Duration> {
        self.hold_before_commit
    }

    /// Called after each commit of a batch that wrote rows, before its offsets are stored.
    pub fn after_commit(&self) {
        let Some(n) = self.kill_after else { return };
        let c = self.commits.fetch_add(1, Ordering::SeqCst) + 1;
        if c >= n {
            eprintln!("{ENV}: batch {c} committed; aborting before its offsets are stored");
            std::process::abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_fault_and_names_the_setting_when_wrong() {
        assert_eq!(Fault::parse("kill_after_commit").unwrap().kill_after, Some(1));
        assert_eq!(Fault::parse("kill_after_commit:3").unwrap().kill_after, Some(3));
        assert_eq!(
            Fault::parse("hold_before_commit:40").unwrap().hold_before_commit(),
            Some(std::time::Duration::from_millis(40))
        );
        for bad in [
            "kill_after_commit:0",
            "kill_after_commit:x",
            "explode",
            "hold_before_commit",
            "hold_before_commit:0",
        ] {
            let e = Fault::parse(bad).unwrap_err().to_string();
            assert!(e.contains("SAHEL_WRITER_FAULT"), "{e}");
        }
        assert!(!Fault::default().is_armed());
    }
}
