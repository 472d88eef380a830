//! PostgreSQL: connecting with backoff and applying the migrations.

use std::time::Duration;

use anyhow::Context as _;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use tokio_util::sync::CancellationToken;

use crate::config::DatabaseArgs;

/// The migrations under `schemas/migrations`, embedded at build time. sqlx refuses to run
/// against a database that has applied migrations this build does not know (a newer schema).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../schemas/migrations");

/// Connects, retrying with backoff until the server answers or `shutdown` fires. A URL that
/// cannot be parsed is a configuration error and is not retried.
pub async fn connect(args: &DatabaseArgs, shutdown: &CancellationToken) -> anyhow::Result<PgPool> {
    let opts: PgConnectOptions = args
        .database_url
        .parse()
        .context("invalid configuration: --database-url / DATABASE_URL cannot be parsed")?;
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let r = PgPoolOptions::new()
            .max_connections(args.database_max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts.clone())
            .await;
        match r {
            Ok(pool) => return Ok(pool),
            Err(e) if attempt < 8 && !shutdown.is_cancelled() => {
                let wait = crate::backoff(attempt, Duration::from_millis(250), Duration::from_secs(5));
                tracing::warn!(error = %e, attempt, wait_ms = wait.as_millis() as u64, "PostgreSQL not reachable yet");
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = shutdown.cancelled() => anyhow::bail!("shutdown while connecting to PostgreSQL"),
                }
            }
            Err(e) => return Err(e).context("connecting to PostgreSQL (--database-url / DATABASE_URL)"),
        }
    }
}

/// Applies pending migrations. Fails with a clear message when the database holds a schema
/// newer than this build.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR.run(pool).await.map_err(|e| match e {
        sqlx::migrate::MigrateError::VersionMissing(v) => anyhow::anyhow!(
            "the database schema is newer than this build: migration {v} is applied but unknown here; \
             upgrade this service before pointing it at this database"
        ),
        other => anyhow::Error::new(other).context("applying migrations"),
    })
}

/// Whether a database error is transient (connection trouble, server restarting,
/// serialization failures, deadlocks): worth trying again at once. What a consumer may
/// dead-letter is decided by [`is_data_error`] instead: every other error is retried.
pub fn is_retriable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Protocol(_) => true,
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // 08: connection exception; 40: transaction rollback (serialization, deadlock);
            // 53: insufficient resources; 57P: operator intervention (admin shutdown, crash).
            code.starts_with("08") || code.starts_with("40") || code.starts_with("53") || code.starts_with("57P")
        }
        _ => false,
    }
}

/// Whether PostgreSQL refused the data itself: SQLSTATE class 22 (data exception: a value out
/// of range, invalid text, a NUL byte) or 23 (integrity constraint violation). These are the
/// only errors a message may be dead-lettered for, and only once it is isolated from its batch.
/// Everything else, a read-only database after a failover (25006), a revoked grant (42501),
/// a statement timeout (57014), a disk error (58030), a column missing while another service
/// migrates (42703), a TLS or connection failure, is the state of the database or the network,
/// not of the message: it is retried with backoff and never dead-lettered.
pub fn is_data_error(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            code.starts_with("22") || code.starts_with("23")
        }
        _ => false,
    }
}
