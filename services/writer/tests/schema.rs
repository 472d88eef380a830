//! The schema the migrations build, against a real PostgreSQL:
//!
//! - `schemas/current_schema.sql` is the dump (`pg_dump --schema-only`) of a freshly migrated
//!   database, so a reader sees every live table, view and function in one file. After adding
//!   a migration, regenerate it with
//!   `SAHEL_BLESS=1 cargo nextest run -p sahel-writer --test schema`;
//! - the ranking functions the migrations leave are exactly those `ranking.rs` generates, and
//!   rank every value as its Rust comparators do.

// Helpers outside #[test] functions unwrap too: a test that unwraps fails loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::migrated;
use sahel_writer::ranking;

/// The dump checked in.
const CURRENT_SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schemas/current_schema.sql");

/// `pg_dump` of the server the tests use: `PG_BIN/pg_dump`, else the newest under
/// `/usr/lib/postgresql/*/bin`, else `pg_dump` on PATH.
fn pg_dump() -> PathBuf {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return PathBuf::from(dir).join("pg_dump");
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path().join("bin/pg_dump"))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.pop().unwrap_or_else(|| PathBuf::from("pg_dump"))
}

/// A dump without what changes from run to run or machine to machine: the server and
/// pg_dump versions, and the random key of `\restrict` (pg_dump 15.14 and later).
fn normalized(dump: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in dump.lines() {
        if line.starts_with("-- Dumped from")
            || line.starts_with("-- Dumped by")
            || line.starts_with("\\restrict")
            || line.starts_with("\\unrestrict")
        {
            continue;
        }
        // One blank line at most between statements.
        if line.trim().is_empty() {
            if blank {
                continue;
            }
            blank = true;
        } else {
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    format!("{}\n", out.trim())
}

#[tokio::test]
async fn the_current_schema_file_is_what_the_migrations_build() {
    let db = migrated().await;
    let out = Command::new(pg_dump())
        .args([
            "--schema-only",
            "--no-owner",
            "--exclude-table=_sqlx_migrations",
            "--dbname",
        ])
        .arg(&db.url)
        .output()
        .expect("running pg_dump");
    assert!(
        out.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let live = normalized(&String::from_utf8(out.stdout).expect("pg_dump writes UTF-8"));
    assert!(
        live.contains("CREATE FUNCTION public.refresh_events") && live.contains("CREATE TABLE public.article_locks"),
        "the dump holds the schema: {live}"
    );
    if std::env::var_os("SAHEL_BLESS").is_some() {
        std::fs::write(CURRENT_SCHEMA, &live).expect("writing schemas/current_schema.sql");
        return;
    }
    let file = std::fs::read_to_string(CURRENT_SCHEMA).unwrap_or_default();
    if file != live {
        let (n, (f, l)) = file
            .lines()
            .chain(std::iter::repeat(""))
            .zip(live.lines().chain(std::iter::repeat("")))
            .enumerate()
            .find(|(_, (f, l))| f != l)
            .unwrap_or((0, ("", "")));
        panic!(
            "schemas/current_schema.sql is not what the migrations build; regenerate it with \
             `SAHEL_BLESS=1 cargo nextest run -p sahel-writer --test schema`. First difference, line {}:\n  file: {f}\n  live: {l}",
            n + 1
        );
    }
}

#[tokio::test]
async fn the_live_ranking_functions_are_the_ones_ranking_rs_generates() {
    let db = migrated().await;
    let pool = &db.pool;
    for f in ranking::functions() {
        let (body, params, returns): (String, String, String) = sqlx::query_as(
            "SELECT p.prosrc, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid)
             FROM pg_proc p WHERE p.proname = $1 AND p.pronamespace = 'public'::regnamespace",
        )
        .bind(f.name)
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", f.name));
        let hint = "the database's function is not the one services/writer/src/ranking.rs generates: \
                    add a migration with `cargo run -q -p sahel-writer --example ranking_sql`";
        assert_eq!(body, f.body, "{}: {hint}", f.name);
        assert_eq!(
            params,
            f.params.split_whitespace().collect::<Vec<_>>().join(" "),
            "{}",
            f.name
        );
        assert_eq!(returns, f.returns, "{}", f.name);
    }
    // And they rank every value, a value they do not know and NULL as the Rust tables do.
    for (function, ranks) in [
        ("sahel_place_rank", &ranking::PLACE_PRECISION),
        ("sahel_modality_rank", &ranking::MODALITY),
    ] {
        let values: Vec<Option<&str>> = ranks
            .ranks
            .iter()
            .map(|(v, _)| Some(*v))
            .chain([Some("unheard-of"), None])
            .collect();
        for v in values {
            let sql: i32 = sqlx::query_scalar(&format!("SELECT {function}($1)"))
                .bind(v)
                .fetch_one(pool)
                .await
                .unwrap();
            assert_eq!(sql, i32::from(ranks.of(v)), "{function}({v:?})");
        }
    }
    for (v, class) in [("reported", 0), ("background", 1), ("negated", 2)] {
        let sql: i32 = sqlx::query_scalar("SELECT (sahel_evidence_rank($1, 0.5, 'men_0')).modality_class")
            .bind(v)
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(
            (sql, i32::from(ranking::MODALITY_CLASS.of(Some(v)))),
            (class, class),
            "{v}"
        );
    }
    for (precision, resolution) in [("day", "inferred"), ("year", "relative_to_text"), ("month", "stated")] {
        let (p, r): (i32, i32) = sqlx::query_as(
            "SELECT (k).precision_rank, (k).resolution_rank
             FROM (SELECT sahel_date_rank($1, $2, DATE '2024-03-01', DATE '2024-03-02', 0.5, 'men_0') AS k) s",
        )
        .bind(precision)
        .bind(resolution)
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(
            (p, r),
            (
                i32::from(ranking::DATE_PRECISION.of(Some(precision))),
                i32::from(ranking::DATE_RESOLUTION.of(Some(resolution)))
            ),
            "{precision} {resolution}"
        );
    }
}
