//! The SQL. One transaction per batch:
//!
//! 1. sources, articles and dead letters: each table's rows go in as one `jsonb` parameter
//!    expanded by `jsonb_to_recordset` (an UNNEST of the whole batch), `INSERT ... ON
//!    CONFLICT`, updating only rows whose values differ;
//! 2. mentions: staged in a session-local temporary table, then
//!    - each article's current extraction is decided (`article_extractions`): a newer
//!      extractor version replaces the article's mentions, an older one is ignored;
//!    - actors, their aliases, places and event identities are inserted from the staged rows;
//!    - the mentions are upserted (a row only changes for a newer message with other values);
//! 3. `refresh_events` recomputes every event the batch touched (new, moved or removed
//!    mentions, and articles whose arrival changes an event's sources or first/last seen).
//!
//! The offsets of the batch are stored by the runtime loop only after `COMMIT` returned.

use std::sync::LazyLock;

use sahel_runtime::db::is_retriable;
use sahel_runtime::metrics::PipelineMetrics;
use sahel_runtime::pipeline::{Outcome, Retriable};
use sahel_schemas::dlq::DlqReason;
use serde::Serialize;
use sqlx::Executor as _;

use crate::rows::{Batch, MentionRow};

/// What to do when a row's key exists.
#[derive(Clone, Copy)]
enum OnConflict {
    /// Keep the existing row.
    Ignore,
    /// Update the columns not in `keep`, but only when some value differs (so a replay does
    /// not touch the row at all) and, when `newer` names a column, only from a message at
    /// least as new as the row (so replaying an old message cannot undo a newer one).
    UpdateIfChanged {
        keep: &'static [&'static str],
        newer: Option<&'static str>,
    },
}

struct Table {
    name: &'static str,
    key: &'static str,
    columns: &'static [(&'static str, &'static str)],
    on_conflict: OnConflict,
    /// A `RETURNING` clause, if the caller needs the keys written.
    returning: Option<&'static str>,
}

impl Table {
    fn names(&self) -> Vec<&'static str> {
        self.columns.iter().map(|(n, _)| *n).collect()
    }

    /// `name type, ...`: the record definition for `jsonb_to_recordset` or a table.
    fn typed(&self) -> String {
        let typed: Vec<String> = self.columns.iter().map(|(n, t)| format!("{n} {t}")).collect();
        typed.join(", ")
    }

    fn on_conflict_sql(&self) -> String {
        let names = self.names();
        match self.on_conflict {
            OnConflict::Ignore => format!("ON CONFLICT ({}) DO NOTHING", self.key),
            OnConflict::UpdateIfChanged { keep, newer } => {
                let upd: Vec<&str> = names
                    .iter()
                    .copied()
                    .filter(|n| *n != self.key && !keep.contains(n))
                    .collect();
                // The message time orders updates but is not content: a message that only
                // differs by it (the same output produced again) changes nothing.
                let compared: Vec<&str> = upd.iter().copied().filter(|n| Some(*n) != newer).collect();
                let lhs: Vec<String> = compared.iter().map(|n| format!("{}.{n}", self.name)).collect();
                let rhs_cmp: Vec<String> = compared.iter().map(|n| format!("EXCLUDED.{n}")).collect();
                let rhs: Vec<String> = upd.iter().map(|n| format!("EXCLUDED.{n}")).collect();
                let mut sql = format!(
                    "ON CONFLICT ({key}) DO UPDATE SET ({cols}) = ROW({rhs}) WHERE ({lhs}) IS DISTINCT FROM ({rhs_cmp})",
                    key = self.key,
                    cols = upd.join(", "),
                    rhs = rhs.join(", "),
                    lhs = lhs.join(", "),
                    rhs_cmp = rhs_cmp.join(", "),
                );
                if let Some(col) = newer {
                    sql.push_str(&format!(
                        " AND ({t}.{col} IS NULL OR EXCLUDED.{col} >= {t}.{col})",
                        t = self.name
                    ));
                }
                sql
            }
        }
    }

    /// `INSERT ... SELECT ... FROM jsonb_to_recordset($1) ... ON CONFLICT ...`.
    fn sql(&self) -> String {
        let mut sql = format!(
            "INSERT INTO {table} ({cols}) SELECT {cols} FROM jsonb_to_recordset($1::jsonb) AS x({typed}) {conflict}",
            table = self.name,
            cols = self.names().join(", "),
            typed = self.typed(),
            conflict = self.on_conflict_sql(),
        );
        if let Some(r) = self.returning {
            sql.push_str(&format!(" RETURNING {r}"));
        }
        sql
    }
}

static SOURCES: Table = Table {
    name: "sources",
    key: "name",
    columns: &[("name", "text"), ("kind", "text")],
    on_conflict: OnConflict::Ignore,
    returning: None,
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
        ("normalized_at", "timestamptz"),
    ],
    // The first fetch time stays: fetching the same bytes again is the same document.
    on_conflict: OnConflict::UpdateIfChanged {
        keep: &["fetched_at"],
        newer: Some("normalized_at"),
    },
    returning: Some("article_id"),
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
    returning: None,
};

/// The mention columns: of the staging table, of `jsonb_to_recordset`, and of the upsert.
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
        ("actor1_id", "text"),
        ("actor1_text", "text"),
        ("actor1_name", "text"),
        ("actor1_country", "text"),
        ("actor1_sector", "text"),
        ("actor2_id", "text"),
        ("actor2_text", "text"),
        ("actor2_name", "text"),
        ("actor2_country", "text"),
        ("actor2_sector", "text"),
        ("date_start", "date"),
        ("date_end", "date"),
        ("date_precision", "text"),
        ("date_resolution", "text"),
        ("place_id", "text"),
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
        ("extracted_at", "timestamptz"),
    ],
    on_conflict: OnConflict::UpdateIfChanged {
        keep: &[],
        newer: Some("extracted_at"),
    },
    returning: None,
};

/// The statements of a batch, built once.
struct Sql {
    sources: String,
    articles: String,
    dead_letters: String,
    /// Creates the session's staging table unless it exists (no notice when it does).
    create_stage: String,
    /// `COPY` into the staging table (text format).
    stage: String,
    /// Decides each staged article's current extraction (a newer extractor version replaces
    /// the current one), removes the mentions of superseded extractions and the staged
    /// mentions older than their article's current extraction; returns the events to
    /// recompute. One statement, so the checks that run at its end see a consistent state.
    supersede: String,
    /// Actors, aliases, places and event identities from the staged mentions.
    dimensions: String,
    /// staging table → event_mentions; returns the events of the rows written.
    mentions: String,
    /// Recomputes the events in `$1` and those of the articles in `$2`.
    refresh: String,
}

const STAGE: &str = "pg_temp.sahel_staged_mentions";

static SQL: LazyLock<Sql> = LazyLock::new(|| {
    let cols = MENTIONS.names().join(", ");
    Sql {
        sources: SOURCES.sql(),
        articles: ARTICLES.sql(),
        dead_letters: DEAD_LETTERS.sql(),
        create_stage: format!(
            "DO $$ BEGIN IF to_regclass('{STAGE}') IS NULL THEN \
             CREATE TEMPORARY TABLE sahel_staged_mentions ({typed}) ON COMMIT DELETE ROWS; END IF; END $$",
            typed = MENTIONS.typed()
        ),
        stage: format!("COPY {STAGE} ({cols}) FROM STDIN"),
        supersede: format!(
            "WITH runs AS (
                 SELECT article_id, extractor_version, min(extracted_at) AS extracted_at
                 FROM {STAGE} GROUP BY article_id, extractor_version
             ), newest AS (
                 SELECT DISTINCT ON (article_id) article_id, extractor_version, extracted_at
                 FROM runs ORDER BY article_id, extracted_at DESC, extractor_version
             ), switched AS (
                 INSERT INTO article_extractions AS s (article_id, extractor_version, extracted_at)
                 SELECT article_id, extractor_version, extracted_at FROM newest
                 ON CONFLICT (article_id) DO UPDATE
                 SET extractor_version = CASE WHEN {switch} THEN EXCLUDED.extractor_version
                                              ELSE s.extractor_version END,
                     extracted_at = CASE WHEN {switch} THEN EXCLUDED.extracted_at ELSE s.extracted_at END,
                     requested_at = CASE WHEN EXCLUDED.extracted_at > s.requested_at THEN NULL
                                         ELSE s.requested_at END
                 -- A newer extraction switches the article to its version; any extraction
                 -- produced after a pending re-extraction request fulfils it.
                 WHERE {switch} OR EXCLUDED.extracted_at > s.requested_at
                 RETURNING s.article_id, s.extractor_version
             ), current AS (
                 SELECT n.article_id,
                        CASE WHEN w.article_id IS NOT NULL THEN w.extractor_version ELSE s.extractor_version END
                            AS extractor_version
                 FROM newest n
                 LEFT JOIN switched w ON w.article_id = n.article_id
                 -- LIMIT keeps the planner from turning these probes into a scan of the table.
                 LEFT JOIN LATERAL (SELECT s.extractor_version FROM article_extractions s
                                    WHERE s.article_id = n.article_id LIMIT 1) AS s ON true
             ), superseded AS (
                 -- Every stored mention of an article is of its current extraction (checked by
                 -- triggers), so only the articles switched here can have mentions to remove.
                 DELETE FROM event_mentions m
                 USING switched w
                 WHERE m.article_id = w.article_id
                   AND m.extractor_version IS DISTINCT FROM w.extractor_version
                 RETURNING m.event_id
             ), outdated AS (
                 DELETE FROM {STAGE} x
                 USING current c
                 WHERE x.article_id = c.article_id AND x.extractor_version IS DISTINCT FROM c.extractor_version
                 RETURNING x.mention_id
             ), moved AS (
                 SELECT m.event_id
                 FROM {STAGE} x
                 CROSS JOIN LATERAL (SELECT m.event_id FROM event_mentions m
                                     WHERE m.mention_id = x.mention_id LIMIT 1) AS m
                 WHERE m.event_id <> x.event_id
             )
             SELECT ARRAY(SELECT event_id FROM superseded UNION SELECT event_id FROM moved) AS events,
                    (SELECT count(*) FROM superseded) AS superseded,
                    (SELECT count(*) FROM outdated) AS outdated",
            switch = "(s.extractor_version IS DISTINCT FROM EXCLUDED.extractor_version \
                       AND EXCLUDED.extracted_at > s.extracted_at)"
        ),
        dimensions: format!(
            "INSERT INTO actors (actor_id, name, country, sector)
             SELECT DISTINCT a.id, a.name, a.country, a.sector
             FROM {STAGE} x,
                  LATERAL (VALUES (x.actor1_id, x.actor1_name, x.actor1_country, x.actor1_sector),
                                  (x.actor2_id, x.actor2_name, x.actor2_country, x.actor2_sector))
                      AS a (id, name, country, sector)
             WHERE a.id IS NOT NULL
             ON CONFLICT DO NOTHING;
             INSERT INTO actor_aliases (actor_id, alias)
             SELECT DISTINCT a.id, a.alias
             FROM {STAGE} x, LATERAL (VALUES (x.actor1_id, x.actor1_text), (x.actor2_id, x.actor2_text)) AS a (id, alias)
             WHERE a.id IS NOT NULL AND a.alias <> ''
             ON CONFLICT DO NOTHING;
             INSERT INTO places (place_id, name, country, admin1, latitude, longitude, gazetteer_id, place_precision)
             SELECT DISTINCT place_id, place_name, place_country, place_admin1, latitude, longitude, gazetteer_id,
                    place_precision
             FROM {STAGE} WHERE place_id IS NOT NULL
             ON CONFLICT DO NOTHING;
             INSERT INTO events (event_id, event_type, cameo_root, quad_class)
             SELECT DISTINCT ON (event_id) event_id, event_type, cameo_root, quad_class
             FROM {STAGE} ORDER BY event_id, extracted_at DESC
             ON CONFLICT (event_id) DO NOTHING;"
        ),
        mentions: format!(
            "INSERT INTO event_mentions ({cols}) SELECT {cols} FROM {STAGE} {conflict} RETURNING event_id",
            conflict = MENTIONS.on_conflict_sql()
        ),
        refresh: "SELECT refresh_events(ARRAY(
                      SELECT unnest($1::text[])
                      UNION SELECT m.event_id FROM unnest($2::text[]) AS a (article_id)
                            CROSS JOIN LATERAL (SELECT event_id FROM event_mentions m
                                                WHERE m.article_id = a.article_id OFFSET 0) AS m))"
            .to_owned(),
    }
});

/// What a committed batch changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Articles inserted or updated.
    pub articles: u64,
    /// Mentions inserted or updated.
    pub mentions: u64,
    /// Mentions removed because a newer extraction of their article replaced them.
    pub mentions_superseded: u64,
    /// Mentions ignored because their article has a newer extraction.
    pub mentions_outdated: u64,
    /// Dead letters recorded.
    pub dead_letters: u64,
}

/// Appends `v` to a `COPY` text-format row: backslash, tab, newline and carriage return
/// escaped; NUL (which PostgreSQL text cannot hold) dropped.
fn copy_field(out: &mut String, v: Option<&str>) {
    match v {
        None => out.push_str("\\N"),
        Some(s) => {
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\0' => {}
                    c => out.push(c),
                }
            }
        }
    }
}

/// The staged mentions as `COPY ... FROM STDIN` text, columns in [`MENTIONS`] order.
fn copy_text(rows: &[&MentionRow]) -> Vec<u8> {
    let mut out = String::with_capacity(rows.len() * 700);
    for m in rows {
        let fields: [Option<String>; 38] = [
            Some(m.mention_id.clone()),
            Some(m.event_id.clone()),
            Some(m.article_id.clone()),
            Some(m.event_type.to_owned()),
            m.event_mode.clone(),
            Some(m.cameo_root.clone()),
            Some(m.quad_class.to_string()),
            m.actor1_id.clone(),
            m.actor1_text.clone(),
            m.actor1_name.clone(),
            m.actor1_country.clone(),
            m.actor1_sector.clone(),
            m.actor2_id.clone(),
            m.actor2_text.clone(),
            m.actor2_name.clone(),
            m.actor2_country.clone(),
            m.actor2_sector.clone(),
            m.date_start.map(|d| d.to_string()),
            m.date_end.map(|d| d.to_string()),
            m.date_precision.map(str::to_owned),
            m.date_resolution.clone(),
            m.place_id.clone(),
            m.place_name.clone(),
            m.place_country.clone(),
            m.place_admin1.clone(),
            m.latitude.map(|x| x.to_string()),
            m.longitude.map(|x| x.to_string()),
            m.gazetteer_id.clone(),
            m.place_precision.clone(),
            Some(m.sentence_index.to_string()),
            Some(m.char_start.to_string()),
            Some(m.char_end.to_string()),
            Some(m.quote.clone()),
            Some(m.quote_language.clone()),
            Some(m.modality.to_owned()),
            Some(m.confidence.to_string()),
            Some(m.extractor_version.clone()),
            Some(m.extracted_at.to_rfc3339()),
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            copy_field(&mut out, f.as_deref());
        }
        out.push('\n');
    }
    out.into_bytes()
}

fn to_json<T: Serialize>(rows: &[&T]) -> Result<serde_json::Value, sqlx::Error> {
    serde_json::to_value(rows).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// Writes a batch in one transaction and recomputes the events it touched.
pub async fn write(pool: &sqlx::PgPool, b: &Batch) -> Result<Written, sqlx::Error> {
    let mut w = Written::default();
    if b.is_empty() {
        return Ok(w);
    }
    let sql = &*SQL;
    let mut tx = pool.begin().await?;
    // Plans for these statements depend on the batch (array sizes, staged rows): a generic
    // plan chosen after a few executions can be far worse than planning each time.
    (&mut *tx)
        .execute("SET LOCAL plan_cache_mode = force_custom_plan")
        .await?;

    let sources: Vec<_> = b.sources.values().collect();
    if !sources.is_empty() {
        sqlx::query(&sql.sources)
            .bind(to_json(&sources)?)
            .execute(&mut *tx)
            .await?;
    }
    let mut articles_written: Vec<String> = Vec::new();
    let articles: Vec<_> = b.articles.values().map(|(_, r)| r).collect();
    if !articles.is_empty() {
        articles_written = sqlx::query_scalar(&sql.articles)
            .bind(to_json(&articles)?)
            .fetch_all(&mut *tx)
            .await?;
        w.articles = articles_written.len() as u64;
    }
    let dead: Vec<_> = b.dead_letters.iter().map(|(_, r)| r).collect();
    if !dead.is_empty() {
        w.dead_letters = sqlx::query(&sql.dead_letters)
            .bind(to_json(&dead)?)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }

    let mut touched: Vec<String> = Vec::new();
    let mentions: Vec<_> = b.mentions.values().map(|(_, r)| r).collect();
    if !mentions.is_empty() {
        (&mut *tx).execute(sql.create_stage.as_str()).await?;
        let mut copy = tx.copy_in_raw(&sql.stage).await?;
        copy.send(copy_text(&mentions)).await?;
        copy.finish().await?;
        let (events, superseded, outdated): (Vec<String>, i64, i64) =
            sqlx::query_as(&sql.supersede).fetch_one(&mut *tx).await?;
        touched = events;
        w.mentions_superseded = superseded.max(0) as u64;
        w.mentions_outdated = outdated.max(0) as u64;
        (&mut *tx).execute(sql.dimensions.as_str()).await?;
        let written: Vec<String> = sqlx::query_scalar(&sql.mentions).fetch_all(&mut *tx).await?;
        w.mentions = written.len() as u64;
        touched.extend(written);
        touched.sort_unstable();
        touched.dedup();
    }
    if !touched.is_empty() || !articles_written.is_empty() {
        sqlx::query(&sql.refresh)
            .bind(&touched)
            .bind(&articles_written)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    tracing::debug!(
        articles = w.articles,
        mentions_staged = mentions.len(),
        mentions = w.mentions,
        superseded = w.mentions_superseded,
        outdated = w.mentions_outdated,
        dead_letters = w.dead_letters,
        "batch committed"
    );
    Ok(w)
}

fn count(metrics: &PipelineMetrics, w: &Written) {
    metrics.outcome("articles_written", w.articles);
    metrics.outcome("mentions_written", w.mentions);
    metrics.outcome("mentions_superseded", w.mentions_superseded);
    metrics.outcome("mentions_outdated", w.mentions_outdated);
    metrics.outcome("dead_letters_written", w.dead_letters);
}

/// Writes a batch. When PostgreSQL refuses it for a reason retrying cannot fix (a constraint
/// violated by bad data), writes message by message to find the culprits and dead-letters
/// only them. Connection trouble is retriable: the whole batch is retried later.
pub async fn write_isolating(
    pool: &sqlx::PgPool,
    batch: Batch,
    mut rejected: Vec<(usize, DlqReason)>,
    metrics: &PipelineMetrics,
) -> Result<(Outcome, bool), Retriable> {
    let mut wrote = false;
    match write(pool, &batch).await {
        Ok(w) => {
            count(metrics, &w);
            let outcome = Outcome {
                records: Vec::new(),
                rejected,
            };
            return Ok((outcome, !batch.is_empty()));
        }
        Err(e) if is_retriable(&e) => return Err(Retriable(anyhow::Error::new(e).context("writing a batch"))),
        Err(e) => tracing::warn!(error = %e, "batch refused by PostgreSQL; writing message by message"),
    }
    for idx in batch.indexes() {
        let one = batch.clone_only(idx);
        match write(pool, &one).await {
            Ok(w) => {
                count(metrics, &w);
                wrote = true;
            }
            Err(e) if is_retriable(&e) => {
                return Err(Retriable(anyhow::Error::new(e).context("writing one message")));
            }
            Err(e) => rejected.push((idx, DlqReason::new("rejected_by_database", e.to_string()))),
        }
    }
    Ok((
        Outcome {
            records: Vec::new(),
            rejected,
        },
        wrote,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsert_sql_only_updates_changed_rows_from_newer_messages() {
        let sql = ARTICLES.sql();
        assert!(sql.starts_with("INSERT INTO articles (article_id, document_id"));
        assert!(sql.contains("ON CONFLICT (article_id) DO UPDATE SET"));
        assert!(sql.contains("IS DISTINCT FROM"));
        assert!(sql.contains("EXCLUDED.normalized_at >= articles.normalized_at"));
        assert!(sql.ends_with("RETURNING article_id"));
        // fetched_at is inserted but never updated.
        let update = sql.split("DO UPDATE").nth(1).unwrap_or_default();
        assert!(!update.contains("fetched_at"));
        // The message time is set but not compared: the same content produced again is no change.
        let compared = update.split("WHERE").nth(1).unwrap_or_default();
        assert!(compared.contains("IS DISTINCT FROM"));
        assert!(
            !compared
                .split("AND")
                .next()
                .unwrap_or_default()
                .contains("normalized_at"),
            "{compared}"
        );
        assert!(SOURCES.sql().ends_with("DO NOTHING"));
        let m = &SQL.mentions;
        assert!(
            m.contains("EXCLUDED.extracted_at >= event_mentions.extracted_at"),
            "{m}"
        );
        assert!(!m.contains("SET (mention_id"), "the key is never updated: {m}");
    }

    #[test]
    fn copy_text_escapes_and_matches_the_columns() {
        let mut out = String::new();
        copy_field(&mut out, Some("a\\b\tc\nd\re\0f"));
        out.push('|');
        copy_field(&mut out, None);
        assert_eq!(out, r"a\\b\tc\nd\ref|\N");
        assert_eq!(MENTIONS.columns.len(), 38, "copy_text writes 38 fields per row");
    }
}
