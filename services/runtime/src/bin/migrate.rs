//! `sahel-migrate`: applies the PostgreSQL migrations (`schemas/migrations`) and grants the
//! service roles their tables, then exits. Run it with the database owner's URL before the
//! services, which connect as their own roles (`sahel_fetcher`, `sahel_normalizer`,
//! `sahel_writer`) and only wait for the migrations their build knows.
//!
//! `DATABASE_URL=postgres://owner@host/sahel sahel-migrate`

use clap::Parser;
use sahel_runtime::config::{DatabaseArgs, LogArgs};

/// Applies the database migrations as the database owner, then exits.
#[derive(Debug, Parser)]
#[command(name = "sahel-migrate", version)]
struct Args {
    /// PostgreSQL (the owner's URL).
    #[command(flatten)]
    db: DatabaseArgs,
    /// Logs.
    #[command(flatten)]
    log: LogArgs,
}

async fn run(args: Args) -> anyhow::Result<()> {
    sahel_runtime::telemetry::init(&args.log)?;
    args.db.validate()?;
    let shutdown = sahel_runtime::shutdown::token_from(sahel_runtime::shutdown::signal());
    let pool = sahel_runtime::db::connect(&args.db, &shutdown).await?;
    let (role, may) = sahel_runtime::db::may_apply_migrations(&pool).await?;
    if !may {
        anyhow::bail!(
            "invalid configuration: --database-url / DATABASE_URL: the role `{role}` may not apply migrations; \
             give the database owner's URL"
        );
    }
    sahel_runtime::db::migrate(&pool).await?;
    // Again when nothing was pending: a re-run repairs the grants.
    sahel_runtime::db::grant_service_roles(&pool).await?;
    tracing::info!(%role, "migrations applied");
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    sahel_runtime::exit_code("sahel-migrate", run(Args::parse()).await)
}
