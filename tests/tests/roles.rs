//! Issue 19, item 6: each service connects as its own PostgreSQL role (migration 0007), which
//! can touch only its tables, against a real PostgreSQL. The normalizer, which parses hostile
//! HTML, cannot write (nor read) events, articles or dead letters; no service role can create,
//! alter or drop anything, nor apply migrations: it waits for the owner to.
//!
//! Run: `cargo nextest run -p sahel-e2e --test roles`.

use std::time::Duration;

use sahel_e2e::{unique, url_as, Postgres};
use sqlx::PgPool;

const FETCHER: &str = "sahel_fetcher";
const NORMALIZER: &str = "sahel_normalizer";
const WRITER: &str = "sahel_writer";

/// The tables each role owns; every other table is the writer's.
const FETCHER_TABLES: &[&str] = &["crawl_sources", "crawl_urls", "crawl_seen_items"];
const NORMALIZER_TABLES: &[&str] = &["dedup_fingerprints", "near_dup_articles", "near_dup_bands"];
/// The writer's model, at least (later migrations add its own bookkeeping tables).
const WRITER_TABLES: &[&str] = &[
    "sources",
    "articles",
    "events",
    "event_mentions",
    "dead_letters",
    "actors",
    "actor_aliases",
    "places",
    "article_extractions",
];

fn owner_of(table: &str) -> &'static str {
    if FETCHER_TABLES.contains(&table) {
        FETCHER
    } else if NORMALIZER_TABLES.contains(&table) {
        NORMALIZER
    } else {
        WRITER
    }
}

/// The SQLSTATE of a statement's failure, or `None` when it succeeded; run in a transaction
/// that is rolled back, so nothing stays.
async fn sqlstate(pool: &PgPool, sql: &str) -> Option<String> {
    let mut tx = match pool.begin().await {
        Ok(tx) => tx,
        Err(e) => return Some(format!("cannot begin: {e}")),
    };
    let got = match sqlx::query(sql).execute(&mut *tx).await {
        Ok(_) => None,
        Err(sqlx::Error::Database(e)) => Some(e.code().map(|c| c.into_owned()).unwrap_or_default()),
        Err(e) => Some(format!("not a database error: {e}")),
    };
    let _ = tx.rollback().await;
    got
}

async fn migrated_database(pg: &Postgres) -> anyhow::Result<String> {
    let url = pg.fresh_database(&unique("roles_")).await?;
    let admin = PgPool::connect(&url).await?;
    sahel_runtime::db::migrate(&admin).await?;
    admin.close().await;
    Ok(url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_service_role_reads_and_writes_only_its_own_tables() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    let url = migrated_database(&pg).await?;
    let admin = PgPool::connect(&url).await?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_sqlx_migrations' ORDER BY 1",
    )
    .fetch_all(&admin)
    .await?;
    for t in FETCHER_TABLES.iter().chain(NORMALIZER_TABLES).chain(WRITER_TABLES) {
        assert!(tables.iter().any(|x| x == t), "no table {t}: {tables:?}");
    }

    let mut problems = Vec::new();
    for role in [FETCHER, NORMALIZER, WRITER] {
        let pool = PgPool::connect(&url_as(&url, role)?).await?;
        let me: String = sqlx::query_scalar("SELECT current_user::text").fetch_one(&pool).await?;
        assert_eq!(me, role);
        for t in &tables {
            let own = owner_of(t) == role;
            // Read, insert and delete: privileges are checked before any row or constraint
            // is, so a refused statement is 42501 and an allowed one anything else (the
            // insert of an empty row breaks a NOT NULL constraint, or passes and is rolled
            // back).
            for sql in [
                format!("SELECT count(*) FROM {t}"),
                format!("INSERT INTO {t} DEFAULT VALUES"),
                format!("DELETE FROM {t} WHERE false"),
            ] {
                let got = sqlstate(&pool, &sql).await;
                let refused = got.as_deref() == Some("42501");
                if refused == own {
                    problems.push(format!("{role}: `{sql}` gave {got:?} (owner: {})", owner_of(t)));
                }
            }
            // Nobody but the owner alters or drops a table.
            let got = sqlstate(&pool, &format!("ALTER TABLE {t} ADD COLUMN intruder int")).await;
            if got.as_deref() != Some("42501") {
                problems.push(format!("{role}: ALTER TABLE {t} gave {got:?}"));
            }
        }
        for sql in [
            "CREATE TABLE intruder (x int)".to_owned(),
            "CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'".to_owned(),
            "SELECT sahel_grant_service_roles()".to_owned(),
        ] {
            let got = sqlstate(&pool, &sql).await;
            if got.as_deref() != Some("42501") {
                problems.push(format!("{role}: `{sql}` gave {got:?}, want 42501"));
            }
        }
        // Each reads the applied migrations, and finds nothing to do.
        sahel_runtime::db::migrate_or_wait(&pool, Duration::from_secs(1)).await?;
        pool.close().await;
    }
    // The writer may call every function of the model (some are not for PUBLIC: refresh_events,
    // sahel_actor_id, sahel_place_id); nobody but the owner may call the grants.
    let refused: Vec<String> = sqlx::query_scalar(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'public' AND p.proname <> 'sahel_grant_service_roles'
           AND NOT has_function_privilege('sahel_writer', p.oid, 'EXECUTE')",
    )
    .fetch_all(&admin)
    .await?;
    if !refused.is_empty() {
        problems.push(format!("{WRITER} may not execute {refused:?}"));
    }
    assert!(problems.is_empty(), "{problems:#?}");

    // The issue's own example, with a whole row: the normalizer cannot write an event (refused
    // for its privileges, before any constraint is looked at), the writer can.
    let event = "INSERT INTO events (event_id, event_type, cameo_root, quad_class)
                 VALUES ('evt_roles', 'PROTEST', '14', 3)";
    let normalizer = PgPool::connect(&url_as(&url, NORMALIZER)?).await?;
    assert_eq!(sqlstate(&normalizer, event).await.as_deref(), Some("42501"));
    let writer = PgPool::connect(&url_as(&url, WRITER)?).await?;
    let by_writer = sqlstate(&writer, event).await;
    assert_ne!(by_writer.as_deref(), Some("42501"), "the writer may write events");
    Ok(())
}

/// The services' own code paths as their roles: the fetcher records its crawl state, the
/// normalizer claims a fingerprint, and neither can reach the other's state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fetcher_and_normalizer_code_runs_as_their_roles() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    let url = migrated_database(&pg).await?;
    let fetcher = PgPool::connect(&url_as(&url, FETCHER)?).await?;
    let store = sahel_fetcher::state::Store::postgres(fetcher.clone());
    store
        .record_success(&sahel_fetcher::state::UrlSuccess {
            url: "https://example.org/a",
            source: "roles",
            final_url: "https://example.org/a",
            status: 200,
            etag: Some("\"x\""),
            last_modified: None,
            content_sha256: Some("00"),
            document_id: Some("doc_roles"),
            at: sahel_schemas::envelope::now(),
        })
        .await?;
    assert!(store.url_state("https://example.org/a").await?.is_some());

    let normalizer = PgPool::connect(&url_as(&url, NORMALIZER)?).await?;
    let owner = sahel_normalizer::dedup::claim(&normalizer, &"ab".repeat(32), "art_roles").await?;
    assert_eq!(owner, "art_roles");

    assert_eq!(
        sqlstate(&normalizer, "SELECT count(*) FROM crawl_urls")
            .await
            .as_deref(),
        Some("42501")
    );
    assert_eq!(
        sqlstate(&fetcher, "SELECT count(*) FROM dedup_fingerprints")
            .await
            .as_deref(),
        Some("42501")
    );
    Ok(())
}

/// A service role never applies migrations: on a database without them it waits for the
/// owner, fails with a message that says what to run when the owner does not come, and
/// returns once the owner has applied them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_service_role_waits_for_the_owner_to_migrate() -> anyhow::Result<()> {
    let pg = Postgres::start()?;
    // The roles exist (cluster-wide) once any database was migrated.
    migrated_database(&pg).await?;
    let url = pg.fresh_database(&unique("roles_fresh_")).await?;
    let writer = PgPool::connect(&url_as(&url, WRITER)?).await?;
    let e = sahel_runtime::db::migrate_or_wait(&writer, Duration::from_secs(1))
        .await
        .expect_err("a service role may not migrate");
    let msg = format!("{e:#}");
    assert!(msg.contains("sahel-migrate") && msg.contains("sahel_writer"), "{msg}");
    let admin = PgPool::connect(&url).await?;
    let tables: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        .fetch_one(&admin)
        .await?;
    assert_eq!(tables, 0, "the service role created tables");

    let waiting =
        tokio::spawn(async move { sahel_runtime::db::migrate_or_wait(&writer, Duration::from_secs(60)).await });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!waiting.is_finished(), "the service role did not wait");
    sahel_runtime::db::migrate(&admin).await?;
    tokio::time::timeout(Duration::from_secs(30), waiting).await???;
    Ok(())
}
