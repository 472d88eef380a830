//! The SQL builder: a table's columns and conflict rule, and the `INSERT` statements made from
//! them (one array parameter per column expanded by `unnest`, or one `jsonb` parameter expanded
//! by `jsonb_to_recordset`), with the writer's tables.

/// What to do when a row's key exists.
#[derive(Clone, Copy)]
pub(super) enum OnConflict {
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

pub(super) struct Table {
    name: &'static str,
    key: &'static str,
    pub(super) columns: &'static [(&'static str, &'static str)],
    on_conflict: OnConflict,
    /// A `RETURNING` clause, if the caller needs the keys written.
    returning: Option<&'static str>,
}

impl Table {
    pub(super) fn names(&self) -> Vec<&'static str> {
        names(self.columns)
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
                // The message time is bounded by the database's clock (`stages::bound`): one
                // past `now()` is from a broken clock and replaces nothing.
                if let Some(col) = newer {
                    sql.push_str(&format!(
                        " AND ({t}.{col} IS NULL OR EXCLUDED.{col} >= {t}.{col}) AND EXCLUDED.{col} <= now()",
                        t = self.name
                    ));
                }
                sql
            }
        }
    }

    /// `INSERT ... SELECT ... FROM unnest($1::t1[], ...) ... ON CONFLICT ...`: one array
    /// parameter per column, bound in column order. Integers are bound as bigint and cast by
    /// the database, so a value out of range is refused by PostgreSQL like any other bad value
    /// (and its message dead-lettered).
    pub(super) fn unnest_sql(&self) -> String {
        let mut sql = format!("{} {}", self.unnest_insert_sql(), self.on_conflict_sql());
        if let Some(r) = self.returning {
            sql.push_str(&format!(" RETURNING {r}"));
        }
        sql
    }

    /// [`Table::unnest_sql`] without `ON CONFLICT` and `RETURNING`: for rows whose keys
    /// cannot exist yet (a key that does is an error).
    pub(super) fn unnest_insert_sql(&self) -> String {
        let bound: Vec<(&str, &str)> = self
            .columns
            .iter()
            .map(|&(n, t)| (n, if t == "integer" { "bigint" } else { t }))
            .collect();
        let select: Vec<String> = self
            .columns
            .iter()
            .map(|&(n, t)| {
                if t == "integer" {
                    format!("{n}::integer")
                } else {
                    n.to_owned()
                }
            })
            .collect();
        format!(
            "INSERT INTO {table} ({cols}) SELECT {select} FROM {unnest}",
            table = self.name,
            cols = self.names().join(", "),
            select = select.join(", "),
            unnest = unnest_sql(&bound, "x"),
        )
    }

    /// `INSERT ... SELECT ... FROM jsonb_to_recordset($1) ... ON CONFLICT ...`.
    pub(super) fn sql(&self) -> String {
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

pub(super) static SOURCES: Table = Table {
    name: "sources",
    key: "name",
    columns: &[("name", "text"), ("kind", "text")],
    on_conflict: OnConflict::Ignore,
    returning: None,
};

pub(super) static ARTICLES: Table = Table {
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

pub(super) static DEAD_LETTERS: Table = Table {
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

/// The mention columns, in the order the upsert binds its arrays.
pub(super) static MENTIONS: Table = Table {
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
    returning: Some("mention_id, event_id, (xmax = 0) AS inserted"),
};

/// The column names of a `(name, type)` list.
pub(super) fn names<'a>(cols: &[(&'a str, &str)]) -> Vec<&'a str> {
    cols.iter().map(|(n, _)| *n).collect()
}

/// `(SELECT unnest($1::t1[]) AS c1, unnest($2::t2[]) AS c2, ...) AS alias`: one parameter
/// per column, bound in this order, read in step. The set-returning functions are in the
/// select list rather than in `FROM unnest($1, $2, ...)`, which stores each array's elements
/// in a tuplestore of its own before it zips them: about three times the work for 38 arrays.
pub(super) fn unnest_sql(cols: &[(&str, &str)], alias: &str) -> String {
    let select: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, (n, t))| format!("unnest(${}::{t}[]) AS {n}", i + 1))
        .collect();
    format!("(SELECT {}) AS {alias}", select.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsert_sql_only_updates_changed_rows_from_newer_messages() {
        let sql = ARTICLES.unnest_sql();
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
        let m = MENTIONS.unnest_sql();
        assert!(
            m.contains("EXCLUDED.extracted_at >= event_mentions.extracted_at"),
            "{m}"
        );
        assert!(!m.contains("SET (mention_id"), "the key is never updated: {m}");
    }
}
