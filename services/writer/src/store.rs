//! The SQL. Each table's rows go in as one `jsonb` parameter expanded by
//! `jsonb_to_recordset`, so a batch of any size is one statement per table, all in one
//! transaction.

use std::sync::LazyLock;

use sahel_runtime::db::is_retriable;
use sahel_runtime::metrics::PipelineMetrics;
use sahel_runtime::pipeline::{Outcome, Retriable};
use sahel_schemas::dlq::DlqReason;
use serde::Serialize;

use crate::rows::Batch;

/// What to do when a row's key exists.
#[derive(Clone, Copy)]
enum OnConflict {
    /// Keep the existing row.
    Ignore,
    /// Update the columns not in `keep`, but only when some value differs (so a replay does
    /// not touch the row at all).
    UpdateIfChanged { keep: &'static [&'static str] },
}

struct Table {
    name: &'static str,
    key: &'static str,
    columns: &'static [(&'static str, &'static str)],
    on_conflict: OnConflict,
}

impl Table {
    fn sql(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|(n, _)| *n).collect();
        let typed: Vec<String> = self.columns.iter().map(|(n, t)| format!("{n} {t}")).collect();
        let mut sql = format!(
            "INSERT INTO {table} ({cols}) SELECT {cols} FROM jsonb_to_recordset($1::jsonb) AS x({typed}) ON CONFLICT ({key}) ",
            table = self.name,
            cols = names.join(", "),
            typed = typed.join(", "),
            key = self.key,
        );
        match self.on_conflict {
            OnConflict::Ignore => sql.push_str("DO NOTHING"),
            OnConflict::UpdateIfChanged { keep } => {
                let upd: Vec<&str> = names
                    .iter()
                    .copied()
                    .filter(|n| *n != self.key && !keep.contains(n))
                    .collect();
                let lhs: Vec<String> = upd.iter().map(|n| format!("{}.{n}", self.name)).collect();
                let rhs: Vec<String> = upd.iter().map(|n| format!("EXCLUDED.{n}")).collect();
                sql.push_str(&format!(
                    "DO UPDATE SET ({cols}) = ROW({rhs}) WHERE ({lhs}) IS DISTINCT FROM ({rhs})",
                    cols = upd.join(", "),
                    rhs = rhs.join(", "),
                    lhs = lhs.join(", "),
                ));
            }
        }
        sql
    }
}

static SOURCES: Table = Table {
    name: "sources",
    key: "name",
    columns: &[("name", "text"), ("kind", "text")],
    on_conflict: OnConflict::Ignore,
};

static ARTICLES: Table = Table {
    name: "articles",
    key: "article_id",
    columns: &[
        ("article_id", "text"),
        ("document_id", "text"),
        ("source_name", "text"),
        ("url_or_path", "text"),
        ("final_url", "text"),
        ("canonical_url", "text"),
        ("title", "text"),
        ("byline", "text"),
        ("language", "text"),
        ("language_confidence", "double precision"),
        ("published_at", "timestamptz"),
        ("published_precision", "text"),
        ("published_source", "text"),
        ("main_text", "text"),
        ("paragraphs", "jsonb"),
        ("word_count", "integer"),
        ("text_sha256", "text"),
        ("dedup_verdict", "text"),
        ("duplicate_of", "text"),
        ("similarity", "double precision"),
        ("fetched_at", "timestamptz"),
        ("normalizer_version", "text"),
    ],
    // The first fetch time stays: fetching the same bytes again is the same document.
    on_conflict: OnConflict::UpdateIfChanged { keep: &["fetched_at"] },
};

static EVENTS: Table = Table {
    name: "events",
    key: "event_id",
    columns: &[
        ("event_id", "text"),
        ("event_type", "text"),
        ("cameo_root", "text"),
        ("quad_class", "smallint"),
    ],
    on_conflict: OnConflict::Ignore,
};

static MENTIONS: Table = Table {
    name: "event_mentions",
    key: "mention_id",
    columns: &[
        ("mention_id", "text"),
        ("event_id", "text"),
        ("article_id", "text"),
        ("event_type", "text"),
        ("event_mode", "text"),
        ("cameo_root", "text"),
        ("quad_class", "smallint"),
        ("actor1_text", "text"),
        ("actor1_name", "text"),
        ("actor1_country", "text"),
        ("actor1_sector", "text"),
        ("actor2_text", "text"),
        ("actor2_name", "text"),
        ("actor2_country", "text"),
        ("actor2_sector", "text"),
        ("date_start", "date"),
        ("date_end", "date"),
        ("date_precision", "text"),
        ("date_resolution", "text"),
        ("place_name", "text"),
        ("place_country", "text"),
        ("place_admin1", "text"),
        ("latitude", "double precision"),
        ("longitude", "double precision"),
        ("gazetteer_id", "text"),
        ("place_precision", "text"),
        ("sentence_index", "integer"),
        ("char_start", "integer"),
        ("char_end", "integer"),
        ("quote", "text"),
        ("quote_language", "text"),
        ("modality", "text"),
        ("confidence", "double precision"),
        ("extractor_version", "text"),
    ],
    on_conflict: OnConflict::UpdateIfChanged { keep: &[] },
};

static DEAD_LETTERS: Table = Table {
    name: "dead_letters",
    key: "dedup_key",
    columns: &[
        ("dedup_key", "text"),
        ("dlq_topic", "text"),
        ("dlq_partition", "integer"),
        ("dlq_offset", "bigint"),
        ("original_topic", "text"),
        ("original_partition", "integer"),
        ("original_offset", "bigint"),
        ("service", "text"),
        ("error_kind", "text"),
        ("error", "text"),
        ("message_key", "text"),
        ("payload_excerpt", "text"),
    ],
    on_conflict: OnConflict::Ignore,
};

static SQL: LazyLock<[String; 5]> = LazyLock::new(|| {
    [
        SOURCES.sql(),
        ARTICLES.sql(),
        EVENTS.sql(),
        MENTIONS.sql(),
        DEAD_LETTERS.sql(),
    ]
});

async fn insert<'c, T: Serialize + 'c>(
    tx: &mut sqlx::Transaction<'c, sqlx::Postgres>,
    sql: &str,
    rows: impl Iterator<Item = &'c T>,
) -> Result<u64, sqlx::Error> {
    let rows: Vec<&T> = rows.collect();
    if rows.is_empty() {
        return Ok(0);
    }
    let json = serde_json::to_value(&rows).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    Ok(sqlx::query(sql).bind(json).execute(&mut **tx).await?.rows_affected())
}

/// Writes a batch in one transaction and recomputes the events it touched.
pub async fn write(pool: &sqlx::PgPool, b: &Batch, metrics: &PipelineMetrics) -> Result<(), sqlx::Error> {
    if b.is_empty() {
        return Ok(());
    }
    let [sources, articles, events, mentions, dead_letters] = &*SQL;
    let mut tx = pool.begin().await?;
    insert(&mut tx, sources, b.sources.values()).await?;
    let n_articles = insert(&mut tx, articles, b.articles.values().map(|(_, r)| r)).await?;
    insert(&mut tx, events, b.events.values()).await?;
    let n_mentions = insert(&mut tx, mentions, b.mentions.values().map(|(_, r)| r)).await?;
    let n_dead = insert(&mut tx, dead_letters, b.dead_letters.iter().map(|(_, r)| r)).await?;
    if !b.events.is_empty() {
        let ids: Vec<&str> = b.events.keys().map(String::as_str).collect();
        sqlx::query("SELECT refresh_events($1)")
            .bind(&ids)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    metrics.outcome("articles_written", n_articles);
    metrics.outcome("mentions_written", n_mentions);
    metrics.outcome("dead_letters_written", n_dead);
    Ok(())
}

/// Writes a batch. When PostgreSQL refuses it for a reason retrying cannot fix (a constraint
/// violated by bad data), writes message by message to find the culprits and dead-letters
/// only them. Connection trouble is retriable: the whole batch is retried later.
pub async fn write_isolating(
    pool: &sqlx::PgPool,
    batch: Batch,
    mut rejected: Vec<(usize, DlqReason)>,
    metrics: &PipelineMetrics,
) -> Result<Outcome, Retriable> {
    match write(pool, &batch, metrics).await {
        Ok(()) => {
            return Ok(Outcome {
                records: Vec::new(),
                rejected,
            })
        }
        Err(e) if is_retriable(&e) => return Err(Retriable(anyhow::Error::new(e).context("writing a batch"))),
        Err(e) => tracing::warn!(error = %e, "batch refused by PostgreSQL; writing message by message"),
    }
    for idx in batch.indexes() {
        let one = batch.clone_only(idx);
        match write(pool, &one, metrics).await {
            Ok(()) => {}
            Err(e) if is_retriable(&e) => {
                return Err(Retriable(anyhow::Error::new(e).context("writing one message")));
            }
            Err(e) => rejected.push((idx, DlqReason::new("rejected_by_database", e.to_string()))),
        }
    }
    Ok(Outcome {
        records: Vec::new(),
        rejected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsert_sql_only_updates_changed_rows() {
        let sql = ARTICLES.sql();
        assert!(sql.starts_with("INSERT INTO articles (article_id, document_id"));
        assert!(sql.contains("ON CONFLICT (article_id) DO UPDATE SET"));
        assert!(sql.contains("IS DISTINCT FROM"));
        // fetched_at is inserted but never updated.
        let update = sql.split("DO UPDATE").nth(1).unwrap_or_default();
        assert!(!update.contains("fetched_at"));
        assert!(SOURCES.sql().ends_with("DO NOTHING"));
    }
}
