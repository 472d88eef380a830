//! The consumer services of one pipeline (writer, normalizer, extractor) running in the test's
//! process against a real broker and database, shared by the end-to-end tests that need no
//! process to kill (`pipeline.rs`, `hostile_input.rs`; `tests/src/stack.rs` runs them as child
//! processes for the fault tests).

use std::time::Duration;

use clap::Parser as _;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The consumer services of one pipeline, running in this process.
pub struct Services {
    stops: Vec<oneshot::Sender<()>>,
    tasks: Vec<(&'static str, JoinHandle<anyhow::Result<()>>)>,
}

/// Flags every service takes: the broker, the test's topic prefix, topic partitions when
/// given (else the services' default), no fixed HTTP port, a short batch linger.
pub fn common(brokers: &str, prefix: &str, partitions: Option<u32>) -> Vec<String> {
    let mut v: Vec<String> = ["--kafka-brokers", brokers, "--topic-prefix", prefix]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if let Some(p) = partitions {
        v.extend(["--topic-partitions".to_owned(), p.to_string()]);
    }
    v.extend(
        ["--http-addr", "127.0.0.1:0", "--batch-linger-ms", "20"]
            .iter()
            .map(|s| s.to_string()),
    );
    v
}

fn stop_signal() -> (
    oneshot::Sender<()>,
    impl std::future::Future<Output = ()> + Send + 'static,
) {
    let (tx, rx) = oneshot::channel::<()>();
    (tx, async move {
        let _ = rx.await;
    })
}

impl Services {
    /// Starts the writer, the normalizer and the extractor; the first two use `db`.
    #[allow(dead_code)] // not every test binary asks
    pub fn start(brokers: &str, prefix: &str, db: &str, partitions: Option<u32>) -> Self {
        Self::start_with_databases(brokers, prefix, db, db, partitions)
    }

    /// [`Services::start`] with the writer on `writer_db` and the normalizer on
    /// `normalizer_db`: the same database as different roles (issue 19, item 6).
    pub fn start_with_databases(
        brokers: &str,
        prefix: &str,
        writer_db: &str,
        normalizer_db: &str,
        partitions: Option<u32>,
    ) -> Self {
        let mut s = Services {
            stops: Vec::new(),
            tasks: Vec::new(),
        };
        let args = |name: &str, db: Option<&str>| {
            let mut v = vec![name.to_owned()];
            v.extend(common(brokers, prefix, partitions));
            if let Some(db) = db {
                v.extend(["--database-url".to_owned(), db.to_owned()]);
            }
            v
        };
        let (tx, stop) = stop_signal();
        let cfg = sahel_writer::Config::parse_from(args("writer", Some(writer_db)));
        s.stops.push(tx);
        s.tasks.push(("writer", tokio::spawn(sahel_writer::run(cfg, stop))));
        let (tx, stop) = stop_signal();
        let cfg = sahel_normalizer::Config::parse_from(args("normalizer", Some(normalizer_db)));
        s.stops.push(tx);
        s.tasks
            .push(("normalizer", tokio::spawn(sahel_normalizer::run(cfg, stop))));
        let (tx, stop) = stop_signal();
        let cfg = sahel_extractor::Config::parse_from(args("extractor", None));
        s.stops.push(tx);
        s.tasks
            .push(("extractor", tokio::spawn(sahel_extractor::run(cfg, stop))));
        s
    }

    /// The services whose task has ended (none should before the stop signal).
    #[allow(dead_code)] // not every test binary asks
    pub fn exited(&self) -> Vec<&'static str> {
        self.tasks
            .iter()
            .filter(|(_, t)| t.is_finished())
            .map(|(n, _)| *n)
            .collect()
    }

    /// Runs `checks`, then stops the services whatever the checks did (while the broker still
    /// runs: a consumer closing against a dead broker would hang the test). A panic in the
    /// checks is resumed, and a service that exited before the stop signal fails the test.
    #[allow(dead_code)] // not every test binary asks
    pub async fn stop_after(self, checks: impl std::future::Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
        use futures::FutureExt as _;
        let result = std::panic::AssertUnwindSafe(checks).catch_unwind().await;
        let exited = self.exited();
        let stopped = self.stop().await;
        match result {
            Ok(r) => r?,
            Err(panic) => std::panic::resume_unwind(panic),
        }
        assert!(exited.is_empty(), "services exited before the stop signal: {exited:?}");
        stopped
    }

    /// Sends the shutdown signal and checks that every service stops cleanly.
    pub async fn stop(self) -> anyhow::Result<()> {
        for tx in self.stops {
            let _ = tx.send(());
        }
        for (name, t) in self.tasks {
            match tokio::time::timeout(Duration::from_secs(30), t).await {
                Ok(Ok(Ok(()))) => {}
                Ok(Ok(Err(e))) => anyhow::bail!("{name} failed: {e:#}"),
                Ok(Err(e)) => anyhow::bail!("{name} panicked: {e}"),
                Err(_) => anyhow::bail!("{name} did not stop within 30 s of the shutdown signal"),
            }
        }
        Ok(())
    }
}
