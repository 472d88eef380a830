//! PostgreSQL: connecting with backoff and applying the migrations.
//!
//! Least privilege (issue 19, item 6): migration 0007 makes one role per service
//! ([`SERVICE_ROLES`]), each able to touch only its tables. The database owner applies the
//! migrations (`sahel-migrate`); a service connected as its role only checks that the
//! migrations of its build are applied, and waits for them ([`migrate`]).

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

/// The roles the migrations create for the services (`schemas/migrations/0007_roles.sql`).
/// Connected as one of them, a service never applies migrations: it waits for the database
/// owner to (`sahel-migrate`).
pub const SERVICE_ROLES: [&str; 3] = ["sahel_fetcher", "sahel_normalizer", "sahel_writer"];

/// How long [`migrate`] waits, connected as a role that may not apply migrations, for the
/// owner to apply them.
pub const MIGRATIONS_WAIT: Duration = Duration::from_secs(120);

/// Brings the schema to this build's migrations, or waits for someone else to.
///
/// Connected as the database owner (or any role that may create in schema `public` and is not
/// one of [`SERVICE_ROLES`]), applies the pending migrations, then grants the service roles
/// their tables (`sahel_grant_service_roles()`, migration 0007), so a table a later migration
/// added is granted too. Connected as a service role, applies nothing: returns once every
/// migration this build knows is applied, waiting up to [`MIGRATIONS_WAIT`] for the owner to
/// apply them. Fails with a clear message when the database holds a schema newer than this
/// build.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    migrate_or_wait(pool, MIGRATIONS_WAIT).await
}

/// [`migrate`], waiting at most `wait` for migrations a service role may not apply.
pub async fn migrate_or_wait(pool: &PgPool, wait: Duration) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let mut attempt = 0u32;
    loop {
        let pending = pending_migrations(pool).await?;
        if pending.is_empty() {
            return Ok(());
        }
        let (role, may) = may_apply_migrations(pool).await?;
        if may {
            return apply(pool).await;
        }
        if started.elapsed() >= wait {
            anyhow::bail!(
                "migrations {pending:?} are not applied, and the role `{role}` of --database-url / DATABASE_URL \
                 may not apply them (a service role): run `sahel-migrate` with the database owner's URL first"
            );
        }
        if attempt == 0 {
            tracing::warn!(%role, ?pending, "waiting for the database owner to apply migrations (sahel-migrate)");
        }
        attempt += 1;
        tokio::time::sleep(crate::backoff(
            attempt,
            Duration::from_millis(250),
            Duration::from_secs(5),
        ))
        .await;
    }
}

/// The connected role, and whether it may apply migrations: it may create in schema `public`
/// and is not one of [`SERVICE_ROLES`].
pub async fn may_apply_migrations(pool: &PgPool) -> anyhow::Result<(String, bool)> {
    sqlx::query_as(
        "SELECT current_user::text, has_schema_privilege('public', 'CREATE') AND NOT (current_user::text = ANY($1))",
    )
    .bind(&SERVICE_ROLES[..])
    .fetch_one(pool)
    .await
    .context("reading the connected role")
}

/// The versions of this build's migrations the database has not applied. Fails when it has
/// applied one this build does not know (a newer schema) or one whose text differs.
async fn pending_migrations(pool: &PgPool) -> anyhow::Result<Vec<i64>> {
    let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(pool)
        .await
        .context("looking for the migrations table")?;
    let applied: Vec<(i64, Vec<u8>)> = if exists {
        match sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(pool)
            .await
        {
            Ok(rows) => rows,
            // A service role the migrations have not granted the table yet (a database not
            // yet at 0007): as far as it can tell, nothing is applied.
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42501") => Vec::new(),
            Err(e) => return Err(e).context("reading the applied migrations (_sqlx_migrations)"),
        }
    } else {
        Vec::new()
    };
    let known: Vec<&sqlx::migrate::Migration> = MIGRATOR
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .collect();
    for (version, checksum) in &applied {
        match known.iter().find(|m| m.version == *version) {
            None => return Err(newer_schema(*version)),
            Some(m) if m.checksum.as_ref() != checksum.as_slice() => anyhow::bail!(
                "migration {version} was applied with another text than this build's {}: \
                 the migrations were edited after they were applied",
                m.description
            ),
            Some(_) => {}
        }
    }
    Ok(known
        .iter()
        .map(|m| m.version)
        .filter(|v| !applied.iter().any(|(a, _)| a == v))
        .collect())
}

fn newer_schema(version: i64) -> anyhow::Error {
    anyhow::anyhow!(
        "the database schema is newer than this build: migration {version} is applied but unknown here; \
         upgrade this service before pointing it at this database"
    )
}

/// Applies the pending migrations (as the owner), then grants the service roles their tables.
async fn apply(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR.run(pool).await.map_err(|e| match e {
        sqlx::migrate::MigrateError::VersionMissing(v) => newer_schema(v),
        other => anyhow::Error::new(other).context("applying migrations"),
    })?;
    grant_service_roles(pool).await
}

/// Grants each service role its tables (`sahel_grant_service_roles()`, migration 0007); the
/// owner does so after applying migrations, so a table a later migration added is granted.
pub async fn grant_service_roles(pool: &PgPool) -> anyhow::Result<()> {
    // Several services may have applied (or found applied) the migrations at once: grants of
    // the same objects from two sessions can collide, so they take turns.
    let mut tx = pool.begin().await.context("granting the service roles")?;
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('sahel_grant_service_roles'))")
        .execute(&mut *tx)
        .await
        .context("granting the service roles")?;
    sqlx::query("SELECT sahel_grant_service_roles()")
        .execute(&mut *tx)
        .await
        .context("granting the service roles their tables (sahel_grant_service_roles)")?;
    tx.commit().await.context("granting the service roles")?;
    Ok(())
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
