//! The SQL. One transaction per batch:
//!
//! 1. sources and dead letters: each table's rows go in as one `jsonb` parameter expanded by
//!    `jsonb_to_recordset`; articles as one array per column (`unnest`); `INSERT ... ON
//!    CONFLICT`, updating only rows whose values differ;
//! 2. mentions:
//!    - each article's current extraction is decided (`article_extractions`): a newer
//!      extractor version replaces the article's mentions, an older one is ignored;
//!    - actors, their aliases and places are inserted, each once per batch, just before the
//!      transaction in a statement of their own ([`write_batch`]);
//!    - the mentions not stored yet are aggregated per event in Rust ([`crate::merge`]) and
//!      merged into their events, one row per event (`INSERT ... ON CONFLICT DO UPDATE`);
//!    - the mentions are upserted from one array per column (`unnest`; a row only changes
//!      for a newer message with other values);
//! 3. `refresh_events` recomputes every event the batch changed otherwise (moved, changed or
//!    removed mentions, and articles whose arrival changes an event's sources or first/last
//!    seen).
//!
//! With batches in flight ([`InFlight`]), the rows a batch shares with an earlier one go
//! through 1 to 3 a second time, after that batch's commit. The offsets of the batch are
//! stored by the runtime loop only after `COMMIT` returned, and those of every earlier batch.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use chrono::{DateTime, Utc};

use sahel_runtime::db::is_data_error;
use sahel_runtime::metrics::PipelineMetrics;
use sahel_runtime::pipeline::{Outcome, Retriable};
use sahel_schemas::dlq::DlqReason;
use serde::Serialize;

use crate::merge::{self, ArticleFacts, NewEvent};
use crate::rows::{ArticleRow, Batch, Keys, MentionRow, Part};

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

    /// `INSERT ... SELECT ... FROM unnest($1::t1[], ...) ... ON CONFLICT ...`: one array
    /// parameter per column, bound in column order. Integers are bound as bigint and cast by
    /// the database, so a value out of range is refused by PostgreSQL like any other bad value
    /// (and its message dead-lettered).
    fn unnest_sql(&self) -> String {
        let mut sql = format!("{} {}", self.unnest_insert_sql(), self.on_conflict_sql());
        if let Some(r) = self.returning {
            sql.push_str(&format!(" RETURNING {r}"));
        }
        sql
    }

    /// [`Table::unnest_sql`] without `ON CONFLICT` and `RETURNING`: for rows whose keys
    /// cannot exist yet (a key that does is an error).
    fn unnest_insert_sql(&self) -> String {
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

/// The mention columns, in the order the upsert binds its arrays.
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
    returning: Some("mention_id, event_id, (xmax = 0) AS inserted"),
};

/// The statements of a batch, built once.
struct Sql {
    sources: String,
    articles: String,
    dead_letters: String,
    /// Records each article's newest extraction in the batch (a newer extractor version replaces
    /// the current one) and removes the mentions of superseded extractions; returns each
    /// article's current extraction, whether its row is new, and the events that lost
    /// mentions. One statement, so the check that runs at its end sees a consistent state.
    extraction: String,
    /// The current extractor version of each of the given articles.
    versions: String,
    /// The stored event of each of the given mentions that exist.
    existing: String,
    /// The events of the stored mentions of the given articles.
    article_events: String,
    /// Actors, their aliases and places, each inserted unless stored (one statement: the
    /// alias references are checked at its end, when the actors are in).
    dimensions: String,
    /// Event identities for mentions of the batch that are stored already (their events are recomputed).
    event_ids: String,
    /// `fetched_at` and `source_name` of the given articles that are stored.
    article_facts: String,
    /// Merges the aggregates of the new mentions into their events (inserting the events they
    /// create).
    merge: String,
    /// Mention arrays → event_mentions; returns what was written and whether it was inserted.
    mentions: String,
    /// Mention arrays → event_mentions, for mentions of articles whose extraction row this
    /// batch created: none of their mentions can be stored yet (see [`write`]), so a plain
    /// insert, without the conflict check.
    mentions_fresh: String,
}

/// The event columns an incremental merge sets, by group, with their types: the strongest
/// evidence, the best date and the best place. Each group is replaced as a whole when the best
/// new mention ranks before the stored choice.
const EVIDENCE_COLUMNS: &[(&str, &str)] = &[
    ("evidence", "text"),
    ("evidence_mention_id", "text"),
    ("evidence_article_id", "text"),
    ("confidence", "double precision"),
    ("modality", "text"),
    ("event_mode", "text"),
    ("actor1_id", "text"),
    ("actor1_name", "text"),
    ("actor1_country", "text"),
    ("actor1_sector", "text"),
    ("actor2_id", "text"),
    ("actor2_name", "text"),
    ("actor2_country", "text"),
    ("actor2_sector", "text"),
];
const DATE_COLUMNS: &[(&str, &str)] = &[
    ("date_start", "date"),
    ("date_end", "date"),
    ("date_precision", "text"),
    ("date_resolution", "text"),
    ("date_confidence", "double precision"),
    ("date_mention_id", "text"),
];
const PLACE_COLUMNS: &[(&str, &str)] = &[
    ("place_id", "text"),
    ("place_name", "text"),
    ("place_country", "text"),
    ("place_admin1", "text"),
    ("latitude", "double precision"),
    ("longitude", "double precision"),
    ("gazetteer_id", "text"),
    ("place_precision", "text"),
    ("place_confidence", "double precision"),
    ("place_mention_id", "text"),
];
/// The merge's per-event input before the groups: identity, counts, first/last seen, and the
/// article and source sets as array literals.
const EVENT_COLUMNS: &[(&str, &str)] = &[
    ("event_id", "text"),
    ("event_type", "text"),
    ("cameo_root", "text"),
    ("quad_class", "smallint"),
    ("num_mentions", "integer"),
    ("first_seen", "timestamptz"),
    ("last_seen", "timestamptz"),
    ("article_ids", "text"),
    ("source_names", "text"),
];

/// The column names of a `(name, type)` list.
fn names<'a>(cols: &[(&'a str, &str)]) -> Vec<&'a str> {
    cols.iter().map(|(n, _)| *n).collect()
}

/// `(SELECT unnest($1::t1[]) AS c1, unnest($2::t2[]) AS c2, ...) AS alias`: one parameter
/// per column, bound in this order, read in step. The set-returning functions are in the
/// select list rather than in `FROM unnest($1, $2, ...)`, which stores each array's elements
/// in a tuplestore of its own before it zips them: about three times the work for 38 arrays.
fn unnest_sql(cols: &[(&str, &str)], alias: &str) -> String {
    let select: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, (n, t))| format!("unnest(${}::{t}[]) AS {n}", i + 1))
        .collect();
    format!("(SELECT {}) AS {alias}", select.join(", "))
}

/// `(cols) = (SELECT EXCLUDED.cols WHERE better UNION ALL SELECT e.cols WHERE NOT better)`:
/// `better` must never be NULL.
fn replace_group(cols: &[(&'static str, &str)], better: &str) -> String {
    let cols = names(cols);
    let list = |p: &str| cols.iter().map(|c| format!("{p}.{c}")).collect::<Vec<_>>().join(", ");
    format!(
        "({cols}) = (SELECT {new} WHERE {better} UNION ALL SELECT {old} WHERE NOT ({better}))",
        cols = cols.join(", "),
        new = list("EXCLUDED"),
        old = list("e"),
    )
}

/// The union of a stored and a new set, sorted as `refresh_events` sorts (the stored array
/// itself when it holds the new one already, the common case of a later mention from a known
/// article).
fn union_sql(col: &str) -> String {
    format!("CASE WHEN e.{col} @> EXCLUDED.{col} THEN e.{col} ELSE sahel_union(e.{col}, EXCLUDED.{col}) END")
}

/// The incremental merge: the aggregates of the new mentions per event ([`crate::merge`]),
/// one row per event, merged into the stored event with the ranking functions of migration
/// 0005. A test holds that a full recompute afterwards changes no row.
fn merge_sql() -> String {
    let all = names(&[EVIDENCE_COLUMNS, DATE_COLUMNS, PLACE_COLUMNS].concat());
    let input: Vec<(&str, &str)> = [EVENT_COLUMNS, EVIDENCE_COLUMNS, DATE_COLUMNS, PLACE_COLUMNS].concat();
    let better_evidence = "(e.num_mentions = 0 OR coalesce(
        sahel_evidence_rank(EXCLUDED.modality, EXCLUDED.confidence, EXCLUDED.evidence_mention_id)
        < sahel_evidence_rank(e.modality, e.confidence, e.evidence_mention_id), false))";
    let better_date = "(EXCLUDED.date_start IS NOT NULL AND (e.date_start IS NULL OR coalesce(
        sahel_date_rank(EXCLUDED.date_precision, EXCLUDED.date_resolution, EXCLUDED.date_start, EXCLUDED.date_end,
                        EXCLUDED.date_confidence, EXCLUDED.date_mention_id)
        < sahel_date_rank(e.date_precision, e.date_resolution, e.date_start, e.date_end, e.date_confidence,
                          e.date_mention_id), false)))";
    let better_place = "(EXCLUDED.place_name IS NOT NULL AND (e.place_name IS NULL OR coalesce(
        sahel_place_key(EXCLUDED.place_precision, EXCLUDED.latitude, EXCLUDED.place_confidence, EXCLUDED.place_mention_id)
        < sahel_place_key(e.place_precision, e.latitude, e.place_confidence, e.place_mention_id), false)))";
    // The sets arrive sorted byte by byte. Unless the database sorts text that way too (its
    // collation is C or POSIX), a set of more than one is sorted again as it sorts text
    // (source names may order differently under its collation).
    let bytewise = "coalesce((SELECT d.datlocprovider = 'c' AND d.datcollate IN ('C', 'POSIX')
                              FROM pg_database d WHERE d.datname = current_database()), false)";
    let sorted = |col: &str| {
        format!(
            "CASE WHEN cardinality(x.{col}::text[]) > 1 AND NOT {bytewise} THEN sahel_union(x.{col}::text[], '{{}}') \
             ELSE x.{col}::text[] END"
        )
    };
    format!(
        "WITH x AS (
             SELECT x.*, {articles} AS article_set, {sources} AS source_set
             FROM {unnest}
         )
         INSERT INTO events AS e (event_id, event_type, cameo_root, quad_class, num_mentions, num_articles,
                                  num_sources, first_seen, last_seen, article_ids, source_names, {all})
         SELECT event_id, event_type, cameo_root, quad_class, num_mentions, cardinality(article_set),
                cardinality(source_set), first_seen, last_seen, article_set, source_set, {all}
         FROM x
         ON CONFLICT (event_id) DO UPDATE SET
             num_mentions = e.num_mentions + EXCLUDED.num_mentions,
             -- Each union computed once for the set and its size (OFFSET 0 keeps the planner from
             -- copying the expression into both columns).
             (article_ids, num_articles) = (SELECT u, cardinality(u) FROM (SELECT {union_articles} AS u OFFSET 0) AS s),
             (source_names, num_sources) = (SELECT u, cardinality(u) FROM (SELECT {union_sources} AS u OFFSET 0) AS s),
             first_seen = least(e.first_seen, EXCLUDED.first_seen),
             last_seen = greatest(e.last_seen, EXCLUDED.last_seen),
             {evidence},
             {date},
             {place}",
        articles = sorted("article_ids"),
        sources = sorted("source_names"),
        unnest = unnest_sql(&input, "x"),
        all = all.join(", "),
        union_articles = union_sql("article_ids"),
        union_sources = union_sql("source_names"),
        evidence = replace_group(EVIDENCE_COLUMNS, better_evidence),
        date = replace_group(DATE_COLUMNS, better_date),
        place = replace_group(PLACE_COLUMNS, better_place),
    )
}

static SQL: LazyLock<Sql> = LazyLock::new(|| Sql {
    sources: SOURCES.sql(),
    articles: ARTICLES.unnest_sql(),
    dead_letters: DEAD_LETTERS.sql(),
    extraction: format!(
        "WITH newest AS (
                 SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
                     AS n (article_id, extractor_version, extracted_at)
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
                 RETURNING s.article_id, s.extractor_version, (s.xmax = 0) AS fresh
             ), superseded AS (
                 -- Every stored mention of an article is of its current extraction (checked by
                 -- triggers), so only the articles switched here can have mentions to remove.
                 DELETE FROM event_mentions m
                 USING switched w
                 WHERE NOT w.fresh AND m.article_id = w.article_id
                   AND m.extractor_version IS DISTINCT FROM w.extractor_version
                 RETURNING m.event_id
             )
             SELECT n.article_id,
                    CASE WHEN w.article_id IS NOT NULL THEN w.extractor_version ELSE s.extractor_version END
                        AS extractor_version,
                    coalesce(w.fresh, false) AS fresh,
                    (SELECT count(*) FROM superseded) AS superseded,
                    ARRAY(SELECT DISTINCT event_id FROM superseded) AS superseded_events
             FROM newest n
             LEFT JOIN switched w ON w.article_id = n.article_id
             -- LIMIT keeps the planner from turning these probes into a scan of the table.
             LEFT JOIN LATERAL (SELECT s.extractor_version FROM article_extractions s
                                WHERE s.article_id = n.article_id LIMIT 1) AS s ON true",
        switch = "(s.extractor_version IS DISTINCT FROM EXCLUDED.extractor_version \
                       AND EXCLUDED.extracted_at > s.extracted_at)"
    ),
    versions: "SELECT s.article_id, s.extractor_version FROM article_extractions s
                   WHERE s.article_id = ANY($1::text[]) AND s.extractor_version IS NOT NULL"
        .to_owned(),
    existing: "SELECT m.mention_id, m.event_id FROM unnest($1::text[]) AS i (mention_id)
                   CROSS JOIN LATERAL (SELECT m.mention_id, m.event_id FROM event_mentions m
                                       WHERE m.mention_id = i.mention_id LIMIT 1) AS m"
        .to_owned(),
    article_events: "SELECT DISTINCT m.event_id FROM unnest($1::text[]) AS a (article_id)
                         CROSS JOIN LATERAL (SELECT m.event_id FROM event_mentions m
                                             WHERE m.article_id = a.article_id OFFSET 0) AS m"
        .to_owned(),
    dimensions: "WITH new_actors AS (
                      INSERT INTO actors (actor_id, name, country, sector)
                      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                      ON CONFLICT DO NOTHING
                  ), new_aliases AS (
                      INSERT INTO actor_aliases (actor_id, alias)
                      SELECT * FROM unnest($5::text[], $6::text[])
                      ON CONFLICT DO NOTHING
                  )
                  INSERT INTO places (place_id, name, country, admin1, latitude, longitude, gazetteer_id,
                                      place_precision)
                  SELECT * FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::float8[],
                                       $12::float8[], $13::text[], $14::text[])
                  ON CONFLICT DO NOTHING"
        .to_owned(),
    event_ids: "INSERT INTO events (event_id, event_type, cameo_root, quad_class)
                    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[])
                    ON CONFLICT (event_id) DO NOTHING"
        .to_owned(),
    article_facts: "SELECT a.article_id, a.fetched_at, a.source_name FROM unnest($1::text[]) AS i (article_id)
                        CROSS JOIN LATERAL (SELECT a.article_id, a.fetched_at, a.source_name FROM articles a
                                            WHERE a.article_id = i.article_id LIMIT 1) AS a"
        .to_owned(),
    merge: merge_sql(),
    mentions: MENTIONS.unnest_sql(),
    mentions_fresh: MENTIONS.unnest_insert_sql(),
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

fn to_json<T: Serialize>(rows: &[&T]) -> Result<serde_json::Value, sqlx::Error> {
    serde_json::to_value(rows).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// The newest extraction staged for each article: `(article, version, produced at)`, the
/// extraction produced last (ties: the smaller version).
fn newest_extractions(mentions: &[&MentionRow]) -> (Vec<String>, Vec<String>, Vec<DateTime<Utc>>) {
    // (article, version) → earliest produced_at of that run, as one extraction's mentions
    // may come in several messages.
    let mut runs: BTreeMap<(&str, &str), DateTime<Utc>> = BTreeMap::new();
    for m in mentions {
        let t = runs
            .entry((m.article_id.as_str(), m.extractor_version.as_str()))
            .or_insert(m.extracted_at);
        *t = (*t).min(m.extracted_at);
    }
    let mut newest: BTreeMap<&str, (&str, DateTime<Utc>)> = BTreeMap::new();
    for ((article, version), at) in runs {
        match newest.get(article) {
            // Runs come in version order, so on equal times the first (smaller) version stays.
            Some((_, best)) if *best >= at => {}
            _ => {
                newest.insert(article, (version, at));
            }
        }
    }
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for (article, (version, at)) in newest {
        out.0.push(article.to_owned());
        out.1.push(version.to_owned());
        out.2.push(at);
    }
    out
}

/// Actors, one array per column.
#[derive(Default)]
struct ActorColumns<'a> {
    id: Vec<&'a str>,
    name: Vec<&'a str>,
    country: Vec<Option<&'a str>>,
    sector: Vec<Option<&'a str>>,
}

/// Places, one array per column.
#[derive(Default)]
struct PlaceColumns<'a> {
    id: Vec<&'a str>,
    name: Vec<&'a str>,
    country: Vec<Option<&'a str>>,
    admin1: Vec<Option<&'a str>>,
    latitude: Vec<Option<f64>>,
    longitude: Vec<Option<f64>>,
    gazetteer_id: Vec<Option<&'a str>>,
    precision: Vec<Option<&'a str>>,
}

/// The actors, aliases (actor id, alias) and places the mentions reference, each once, in key
/// order (so concurrent writers inserting the same new rows take their locks in one order).
#[derive(Default)]
struct Dimensions<'a> {
    actors: ActorColumns<'a>,
    aliases: (Vec<&'a str>, Vec<&'a str>),
    places: PlaceColumns<'a>,
}

impl<'a> Dimensions<'a> {
    /// The dimension rows of `mentions`, but for those whose [`Dimensions::keys`] are `known`.
    fn of(mentions: impl IntoIterator<Item = &'a MentionRow>, known: &HashSet<String>) -> Self {
        let known = |key: &str| known.contains(key);
        type Actor<'a> = (&'a str, Option<&'a str>, Option<&'a str>);
        let mut actors: BTreeMap<&str, Actor<'a>> = BTreeMap::new();
        let mut aliases: BTreeSet<(&str, &str)> = BTreeSet::new();
        let mut places: BTreeMap<&str, &MentionRow> = BTreeMap::new();
        for m in mentions {
            for (id, text, name, country, sector) in [
                (
                    &m.actor1_id,
                    &m.actor1_text,
                    &m.actor1_name,
                    &m.actor1_country,
                    &m.actor1_sector,
                ),
                (
                    &m.actor2_id,
                    &m.actor2_text,
                    &m.actor2_name,
                    &m.actor2_country,
                    &m.actor2_sector,
                ),
            ] {
                let (Some(id), Some(name)) = (id, name) else { continue };
                if !actors.contains_key(id.as_str()) && !known(id) {
                    actors.insert(id.as_str(), (name.as_str(), country.as_deref(), sector.as_deref()));
                }
                if let Some(alias) = text.as_deref().filter(|a| !a.is_empty()) {
                    if !aliases.contains(&(id.as_str(), alias)) && !known(&alias_key(id, alias)) {
                        aliases.insert((id.as_str(), alias));
                    }
                }
            }
            if let (Some(id), Some(_)) = (&m.place_id, &m.place_name) {
                if !places.contains_key(id.as_str()) && !known(id) {
                    places.insert(id.as_str(), m);
                }
            }
        }
        let mut d = Dimensions::default();
        for (id, (name, country, sector)) in actors {
            d.actors.id.push(id);
            d.actors.name.push(name);
            d.actors.country.push(country);
            d.actors.sector.push(sector);
        }
        (d.aliases.0, d.aliases.1) = aliases.into_iter().unzip();
        let p = &mut d.places;
        for (id, m) in places {
            p.id.push(id);
            p.name.push(m.place_name.as_deref().unwrap_or_default());
            p.country.push(m.place_country.as_deref());
            p.admin1.push(m.place_admin1.as_deref());
            p.latitude.push(m.latitude);
            p.longitude.push(m.longitude);
            p.gazetteer_id.push(m.gazetteer_id.as_deref());
            p.precision.push(m.place_precision.as_deref());
        }
        d
    }

    fn is_empty(&self) -> bool {
        self.actors.id.is_empty() && self.aliases.0.is_empty() && self.places.id.is_empty()
    }

    /// What identifies each row: actor and place ids, and [`alias_key`]s.
    fn keys(&self) -> impl Iterator<Item = String> + '_ {
        let aliases = self
            .aliases
            .0
            .iter()
            .zip(&self.aliases.1)
            .map(|(id, a)| alias_key(id, a));
        self.actors
            .id
            .iter()
            .chain(&self.places.id)
            .map(|id| (*id).to_owned())
            .chain(aliases)
    }

    /// Inserts the rows that are not there yet (one statement).
    async fn insert<'c, E: sqlx::PgExecutor<'c>>(&self, conn: E) -> Result<(), sqlx::Error> {
        if self.is_empty() {
            return Ok(());
        }
        let (a, p) = (&self.actors, &self.places);
        sqlx::query(&SQL.dimensions)
            .bind(&a.id)
            .bind(&a.name)
            .bind(&a.country)
            .bind(&a.sector)
            .bind(&self.aliases.0)
            .bind(&self.aliases.1)
            .bind(&p.id)
            .bind(&p.name)
            .bind(&p.country)
            .bind(&p.admin1)
            .bind(&p.latitude)
            .bind(&p.longitude)
            .bind(&p.gazetteer_id)
            .bind(&p.precision)
            .execute(conn)
            .await
            .map(|_| ())
    }
}

fn alias_key(actor_id: &str, alias: &str) -> String {
    format!("{actor_id}\u{1}{alias}")
}

/// An article's current extraction after a batch's extractions are recorded, and what the
/// batch superseded (the same on every row).
#[derive(sqlx::FromRow)]
struct Extraction {
    article_id: String,
    extractor_version: Option<String>,
    /// Its extraction row was created by this batch: none of its mentions is stored.
    fresh: bool,
    superseded: i64,
    superseded_events: Vec<String>,
}

/// Writes a batch with no other in flight: [`write_batch`], the service's path.
pub async fn write(pool: &sqlx::PgPool, b: &Batch) -> Result<Written, sqlx::Error> {
    write_batch(pool, &InFlight::default(), b).await
}

fn committed(b: &Batch, w: &Written) {
    tracing::debug!(
        articles = w.articles,
        mentions_staged = b.mentions.len(),
        mentions = w.mentions,
        superseded = w.mentions_superseded,
        outdated = w.mentions_outdated,
        dead_letters = w.dead_letters,
        "batch committed"
    );
}

/// Writes `b` in transaction `tx` (the actors, aliases and places of its mentions are stored
/// already) and brings the events it touched up to date: events that only gain new mentions
/// are merged with them; events that lost, moved or changed mentions, or whose articles
/// changed, are recomputed from all their mentions.
async fn write_part(tx: &mut sqlx::PgConnection, b: &Part<'_>) -> Result<Written, sqlx::Error> {
    let mut w = Written::default();
    let sql = &*SQL;
    // Every statement reads its batch from array parameters and reaches stored rows by index
    // probes (LATERAL ... LIMIT 1 where the planner could prefer a scan), so one generic plan
    // fits every batch: PostgreSQL plans each statement a few times, then reuses its plan.

    if !b.sources.is_empty() {
        sqlx::query(&sql.sources)
            .bind(to_json(&b.sources)?)
            .execute(&mut *tx)
            .await?;
    }
    let mut articles_written: Vec<String> = Vec::new();
    if !b.articles.is_empty() {
        articles_written = upsert_articles(&mut *tx, &sql.articles, &b.articles).await?;
        w.articles = articles_written.len() as u64;
    }
    if !b.dead_letters.is_empty() {
        w.dead_letters = sqlx::query(&sql.dead_letters)
            .bind(to_json(&b.dead_letters)?)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }

    // Events recomputed from all their mentions.
    let mut recompute: BTreeSet<String> = BTreeSet::new();
    // Articles whose extraction row was created by this batch: none of their mentions is stored.
    let mut fresh: HashSet<String> = HashSet::new();
    let staged: &[&MentionRow] = &b.mentions;
    let mut kept: Vec<(&MentionRow, bool)> = Vec::new();
    let mut stored_event: HashMap<String, String> = HashMap::new();
    if !staged.is_empty() {
        let (ids, versions, times) = newest_extractions(staged);
        let current: Vec<Extraction> = sqlx::query_as(&sql.extraction)
            .bind(&ids)
            .bind(&versions)
            .bind(&times)
            .fetch_all(&mut *tx)
            .await?;
        // An extraction row another transaction committed while this statement waited for it
        // is locked by the statement but outside its snapshot, so its version reads NULL; a
        // new statement sees it (READ COMMITTED), and the lock keeps it as it is.
        let unseen: Vec<&str> = current
            .iter()
            .filter(|x| x.extractor_version.is_none())
            .map(|x| x.article_id.as_str())
            .collect();
        let committed: HashMap<String, String> = if unseen.is_empty() {
            HashMap::new()
        } else {
            sqlx::query_as::<_, (String, String)>(&sql.versions)
                .bind(&unseen)
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect()
        };
        let mut version_of: HashMap<&str, Option<&str>> = HashMap::new();
        for x in &current {
            let version = x
                .extractor_version
                .as_deref()
                .or(committed.get(&x.article_id).map(String::as_str));
            version_of.insert(x.article_id.as_str(), version);
            if x.fresh {
                fresh.insert(x.article_id.clone());
            }
            // The same figures on every row.
            w.mentions_superseded = x.superseded.max(0) as u64;
            recompute.extend(x.superseded_events.iter().cloned());
        }
        // Mentions of an extraction other than their article's current one are ignored.
        for m in staged {
            if version_of.get(m.article_id.as_str()).copied().flatten() == Some(m.extractor_version.as_str()) {
                kept.push((m, fresh.contains(&m.article_id)));
            } else {
                w.mentions_outdated += 1;
            }
        }
        // Which of the others are stored already, and in which event.
        let probe: Vec<&str> = kept
            .iter()
            .filter(|(_, new)| !new)
            .map(|(m, _)| m.mention_id.as_str())
            .collect();
        if !probe.is_empty() {
            let found: Vec<(String, String)> = sqlx::query_as(&sql.existing).bind(&probe).fetch_all(&mut *tx).await?;
            stored_event.extend(found);
            for (m, new) in kept.iter_mut() {
                *new = !stored_event.contains_key(&m.mention_id);
            }
        }
    }
    // An article written now changes the first/last seen and sources of the events its stored
    // mentions belong to.
    let old_articles: Vec<&str> = articles_written
        .iter()
        .filter(|a| !fresh.contains(*a))
        .map(String::as_str)
        .collect();
    if !old_articles.is_empty() {
        let events: Vec<String> = sqlx::query_scalar(&sql.article_events)
            .bind(&old_articles)
            .fetch_all(&mut *tx)
            .await?;
        recompute.extend(events);
    }

    if !kept.is_empty() {
        let new: Vec<&MentionRow> = kept.iter().filter(|(_, new)| *new).map(|(m, _)| *m).collect();
        let facts: HashMap<String, ArticleFacts> = if new.is_empty() {
            HashMap::new()
        } else {
            let mut articles: Vec<&str> = new.iter().map(|m| m.article_id.as_str()).collect();
            articles.sort_unstable();
            articles.dedup();
            sqlx::query_as::<_, ArticleFacts>(&sql.article_facts)
                .bind(&articles)
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .map(|a| (a.article_id.clone(), a))
                .collect()
        };
        let events = merge::aggregate(new.iter().copied(), &facts);
        // Events of mentions that are stored already: recomputed below once the mentions are
        // written, so only their identities are needed here.
        let mut seen = BTreeSet::new();
        let mut ids: (Vec<&str>, Vec<&str>, Vec<&str>, Vec<i16>) = Default::default();
        for (m, _) in kept.iter().filter(|(_, new)| !new) {
            if seen.insert(m.event_id.as_str()) {
                ids.0.push(&m.event_id);
                ids.1.push(m.event_type);
                ids.2.push(&m.cameo_root);
                ids.3.push(i16::from(m.quad_class));
            }
        }
        if !ids.0.is_empty() {
            sqlx::query(&sql.event_ids)
                .bind(&ids.0)
                .bind(&ids.1)
                .bind(&ids.2)
                .bind(&ids.3)
                .execute(&mut *tx)
                .await?;
        }
        if !events.is_empty() {
            merge_events(&mut *tx, &sql.merge, &events).await?;
        }

        // Mentions of fresh articles are inserted without a conflict check. No transaction can
        // hold a mention of such an article: a mention needs its article's current extraction
        // (the reference check), and this batch's insert of that extraction row would have
        // waited for, then conflicted with, any other transaction's.
        let (fresh_rows, others): (Vec<&MentionRow>, Vec<&MentionRow>) = kept
            .iter()
            .map(|(m, _)| *m)
            .partition(|m| fresh.contains(&m.article_id));
        // Mentions inserted by the upsert below (the fresh ones all are).
        let mut inserted: HashSet<&str> = HashSet::new();
        if !fresh_rows.is_empty() {
            sqlx::query_with(&sql.mentions_fresh, mention_arguments(&fresh_rows)?)
                .execute(&mut *tx)
                .await?;
            w.mentions += fresh_rows.len() as u64;
        }
        let written: Vec<(String, String, bool)> = if others.is_empty() {
            Vec::new()
        } else {
            sqlx::query_as_with(&sql.mentions, mention_arguments(&others)?)
                .fetch_all(&mut *tx)
                .await?
        };
        w.mentions += written.len() as u64;
        for (mention, event, was_inserted) in &written {
            if *was_inserted {
                inserted.insert(mention.as_str());
            } else {
                // A stored mention changed: its event, and the one it left, are recomputed.
                recompute.insert(event.clone());
                if let Some(old) = stored_event.get(mention) {
                    recompute.insert(old.clone());
                }
            }
        }
        // A mention taken for new but found stored (another writer got there first) was
        // merged twice: its event is recomputed.
        for (m, _) in kept
            .iter()
            .filter(|(m, new)| *new && !fresh.contains(&m.article_id) && !inserted.contains(m.mention_id.as_str()))
        {
            recompute.insert(m.event_id.clone());
        }
    }
    if !recompute.is_empty() {
        let ids: Vec<String> = recompute.into_iter().collect();
        refresh_events(&mut *tx, &ids).await?;
    }
    Ok(w)
}

/// Recomputes `events` from all their mentions (`refresh_events`). Their rows are locked
/// first, in a statement of their own: a transaction that changes an event's mentions holds
/// its row until it commits, so once the locks are granted, the recompute (a new statement,
/// a new snapshot) sees every committed mention, and none is lost to a transaction that
/// committed while this one waited.
pub async fn refresh_events(tx: &mut sqlx::PgConnection, events: &[String]) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1 FROM events WHERE event_id = ANY ($1) ORDER BY event_id FOR UPDATE")
        .bind(events)
        .execute(&mut *tx)
        .await?;
    sqlx::query("SELECT refresh_events($1)")
        .bind(events)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// A column: one value per row (text as decoded: [`crate::rows`] removed any NUL).
fn col<'a, R, T>(rows: &[&'a R], f: fn(&'a R) -> T) -> Vec<T> {
    rows.iter().map(|r| f(r)).collect()
}

/// Upserts the articles, one array per column in [`ARTICLES`] order; returns the ids written.
async fn upsert_articles(
    tx: &mut sqlx::PgConnection,
    sql: &str,
    rows: &[&ArticleRow],
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(sql)
        .bind(col(rows, |a| a.article_id.as_str()))
        .bind(col(rows, |a| a.document_id.as_str()))
        .bind(col(rows, |a| a.source_name.as_str()))
        .bind(col(rows, |a| a.url_or_path.as_str()))
        .bind(col(rows, |a| a.final_url.as_deref()))
        .bind(col(rows, |a| a.canonical_url.as_deref()))
        .bind(col(rows, |a| a.title.as_deref()))
        .bind(col(rows, |a| a.byline.as_deref()))
        .bind(col(rows, |a| a.language.as_str()))
        .bind(col(rows, |a| a.language_confidence))
        .bind(col(rows, |a| a.published_at))
        .bind(col(rows, |a| a.published_precision))
        .bind(col(rows, |a| a.published_source))
        .bind(col(rows, |a| a.main_text.as_deref()))
        .bind(col(rows, |a| a.paragraphs.as_ref().map(sqlx::types::Json)))
        .bind(col(rows, |a| i64::from(a.word_count)))
        .bind(col(rows, |a| a.text_sha256.as_str()))
        .bind(col(rows, |a| a.dedup_verdict))
        .bind(col(rows, |a| a.duplicate_of.as_deref()))
        .bind(col(rows, |a| a.similarity))
        .bind(col(rows, |a| a.fetched_at))
        .bind(col(rows, |a| a.normalizer_version.as_str()))
        .bind(col(rows, |a| a.normalized_at))
        .fetch_all(tx)
        .await
}

/// The mention arrays, one per column in [`MENTIONS`] order. Mention text is bound as decoded
/// ([`crate::rows::mention_row`] removed any NUL).
fn mention_arguments(rows: &[&MentionRow]) -> Result<sqlx::postgres::PgArguments, sqlx::Error> {
    use sqlx::Arguments as _;
    let mut a = sqlx::postgres::PgArguments::default();
    let add = |r: Result<(), sqlx::error::BoxDynError>| r.map_err(sqlx::Error::Encode);
    add(a.add(col(rows, |m| m.mention_id.as_str())))?;
    add(a.add(col(rows, |m| m.event_id.as_str())))?;
    add(a.add(col(rows, |m| m.article_id.as_str())))?;
    add(a.add(col(rows, |m| m.event_type)))?;
    add(a.add(col(rows, |m| m.event_mode.as_deref())))?;
    add(a.add(col(rows, |m| m.cameo_root.as_str())))?;
    add(a.add(col(rows, |m| i16::from(m.quad_class))))?;
    add(a.add(col(rows, |m| m.actor1_id.as_deref())))?;
    add(a.add(col(rows, |m| m.actor1_text.as_deref())))?;
    add(a.add(col(rows, |m| m.actor1_name.as_deref())))?;
    add(a.add(col(rows, |m| m.actor1_country.as_deref())))?;
    add(a.add(col(rows, |m| m.actor1_sector.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_id.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_text.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_name.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_country.as_deref())))?;
    add(a.add(col(rows, |m| m.actor2_sector.as_deref())))?;
    add(a.add(col(rows, |m| m.date_start)))?;
    add(a.add(col(rows, |m| m.date_end)))?;
    add(a.add(col(rows, |m| m.date_precision)))?;
    add(a.add(col(rows, |m| m.date_resolution)))?;
    add(a.add(col(rows, |m| m.place_id.as_deref())))?;
    add(a.add(col(rows, |m| m.place_name.as_deref())))?;
    add(a.add(col(rows, |m| m.place_country.as_deref())))?;
    add(a.add(col(rows, |m| m.place_admin1.as_deref())))?;
    add(a.add(col(rows, |m| m.latitude)))?;
    add(a.add(col(rows, |m| m.longitude)))?;
    add(a.add(col(rows, |m| m.gazetteer_id.as_deref())))?;
    add(a.add(col(rows, |m| m.place_precision.as_deref())))?;
    add(a.add(col(rows, |m| i64::from(m.sentence_index))))?;
    add(a.add(col(rows, |m| i64::from(m.char_start))))?;
    add(a.add(col(rows, |m| i64::from(m.char_end))))?;
    add(a.add(col(rows, |m| m.quote.as_str())))?;
    add(a.add(col(rows, |m| m.quote_language.as_str())))?;
    add(a.add(col(rows, |m| m.modality)))?;
    add(a.add(col(rows, |m| m.confidence)))?;
    add(a.add(col(rows, |m| m.extractor_version.as_str())))?;
    add(a.add(col(rows, |m| m.extracted_at)))?;
    Ok(a)
}

/// Merges the aggregates of the new mentions into their events, one array per column in the
/// order of [`EVENT_COLUMNS`], [`EVIDENCE_COLUMNS`], [`DATE_COLUMNS`] and [`PLACE_COLUMNS`].
async fn merge_events<'a>(tx: &mut sqlx::PgConnection, sql: &str, events: &[NewEvent<'a>]) -> Result<(), sqlx::Error> {
    fn of<'e, 'a, T>(events: &'e [NewEvent<'a>], f: impl Fn(&'e NewEvent<'a>) -> T) -> Vec<T> {
        events.iter().map(f).collect()
    }
    // Mention text is bound as decoded ([`crate::rows::mention_row`] removed any NUL).
    sqlx::query(sql)
        .bind(of(events, |e| e.event_id))
        .bind(of(events, |e| e.event_type))
        .bind(of(events, |e| e.cameo_root))
        .bind(of(events, |e| i16::from(e.quad_class)))
        .bind(of(events, |e| i32::try_from(e.num_mentions).unwrap_or(i32::MAX)))
        .bind(of(events, |e| e.first_seen))
        .bind(of(events, |e| e.last_seen))
        .bind(of(events, |e| merge::text_array_literal(e.article_ids.iter().copied())))
        .bind(of(events, |e| {
            merge::text_array_literal(e.source_names.iter().copied())
        }))
        // The strongest evidence.
        .bind(of(events, |e| &e.evidence.quote))
        .bind(of(events, |e| &e.evidence.mention_id))
        .bind(of(events, |e| &e.evidence.article_id))
        .bind(of(events, |e| e.evidence.confidence))
        .bind(of(events, |e| e.evidence.modality))
        .bind(of(events, |e| e.evidence.event_mode.as_deref()))
        .bind(of(events, |e| e.evidence.actor1_id.as_deref()))
        .bind(of(events, |e| e.evidence.actor1_name.as_deref()))
        .bind(of(events, |e| e.evidence.actor1_country.as_deref()))
        .bind(of(events, |e| e.evidence.actor1_sector.as_deref()))
        .bind(of(events, |e| e.evidence.actor2_id.as_deref()))
        .bind(of(events, |e| e.evidence.actor2_name.as_deref()))
        .bind(of(events, |e| e.evidence.actor2_country.as_deref()))
        .bind(of(events, |e| e.evidence.actor2_sector.as_deref()))
        // The best date.
        .bind(of(events, |e| e.date.and_then(|m| m.date_start)))
        .bind(of(events, |e| e.date.and_then(|m| m.date_end)))
        .bind(of(events, |e| e.date.and_then(|m| m.date_precision)))
        .bind(of(events, |e| e.date.and_then(|m| m.date_resolution)))
        .bind(of(events, |e| e.date.map(|m| m.confidence)))
        .bind(of(events, |e| e.date.map(|m| m.mention_id.as_str())))
        // The best place.
        .bind(of(events, |e| e.place.and_then(|m| m.place_id.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.place_name.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.place_country.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.place_admin1.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.latitude)))
        .bind(of(events, |e| e.place.and_then(|m| m.longitude)))
        .bind(of(events, |e| e.place.and_then(|m| m.gazetteer_id.as_deref())))
        .bind(of(events, |e| e.place.and_then(|m| m.place_precision.as_deref())))
        .bind(of(events, |e| e.place.map(|m| m.confidence)))
        .bind(of(events, |e| e.place.map(|m| m.mention_id.as_str())))
        .execute(tx)
        .await?;
    Ok(())
}

fn count(metrics: &PipelineMetrics, w: &Written) {
    metrics.outcome("articles_written", w.articles);
    metrics.outcome("mentions_written", w.mentions);
    metrics.outcome("mentions_superseded", w.mentions_superseded);
    metrics.outcome("mentions_outdated", w.mentions_outdated);
    metrics.outcome("dead_letters_written", w.dead_letters);
}

/// The batches one writer has in flight (the consumer loop hands it up to
/// `--batches-in-flight` at once, each in its own transaction on its own connection), with
/// the rows each may write, and the actors, aliases and places known to be stored. A batch
/// writes the rows it shares with a batch started before it and still in flight last
/// ([`Batch::split`]), and only once that batch has committed (or failed): before them, in the
/// same transaction, it takes the earlier transaction's advisory lock in shared mode, so it
/// reads what that one wrote as if the two had run one after the other. The wait is
/// PostgreSQL's, so a cycle through rows neither batch named (an event both recompute) is a
/// detected deadlock: one transaction is aborted and its batch retried.
#[derive(Debug)]
pub struct InFlight {
    /// The first key of this writer's advisory locks (the second is the batch's number).
    class: i32,
    next: AtomicU64,
    batches: Mutex<Vec<Entered>>,
    /// Keys of the actors, aliases and places known to be stored ([`Dimensions::keys`]).
    dimensions: Mutex<HashSet<String>>,
}

/// How many dimension keys [`InFlight`] remembers before it starts again.
const KNOWN_DIMENSIONS: usize = 200_000;

/// A batch in flight as later batches see it.
#[derive(Debug, Clone)]
struct Entered {
    id: u64,
    keys: Arc<Keys>,
    /// True once its transaction holds its advisory lock; closed when it is done.
    locked: tokio::sync::watch::Receiver<bool>,
}

impl Default for InFlight {
    fn default() -> Self {
        InFlight {
            // Random, so that two writers' batch numbers do not meet.
            class: std::hash::BuildHasher::hash_one(&std::collections::hash_map::RandomState::new(), std::process::id())
                as i32,
            next: AtomicU64::new(0),
            batches: Mutex::new(Vec::new()),
            dimensions: Mutex::new(HashSet::new()),
        }
    }
}

/// A batch's place in [`InFlight`], given up when dropped.
#[derive(Debug)]
pub struct Entry<'a> {
    set: &'a InFlight,
    id: u64,
    locked: tokio::sync::watch::Sender<bool>,
    earlier: Vec<Entered>,
}

impl InFlight {
    /// Enters a batch that may write `keys`; the entry knows the batches entered before it
    /// and still in flight.
    pub fn enter(&self, keys: Keys) -> Entry<'_> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (locked, rx) = tokio::sync::watch::channel(false);
        let mut batches = self.batches.lock().unwrap_or_else(|e| e.into_inner());
        let earlier = batches.clone();
        batches.push(Entered {
            id,
            keys: Arc::new(keys),
            locked: rx,
        });
        Entry {
            set: self,
            id,
            locked,
            earlier,
        }
    }

    /// Forgets which dimension rows are stored (after a refused batch: one may have been
    /// deleted since).
    pub fn forget_dimensions(&self) {
        self.dimensions.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// The advisory lock key of batch `id`.
    fn lock_key(&self, id: u64) -> (i32, i32) {
        (self.class, id as u32 as i32)
    }
}

impl Entry<'_> {
    /// The keys of the batches in flight that were entered before this one.
    pub fn contended(&self) -> Vec<&Keys> {
        self.earlier.iter().map(|e| &*e.keys).collect()
    }
}

impl Drop for Entry<'_> {
    fn drop(&mut self) {
        let mut batches = self.set.batches.lock().unwrap_or_else(|e| e.into_inner());
        batches.retain(|e| e.id != self.id);
    }
}

/// Writes a batch while others may be in flight ([`InFlight`]): in one transaction, the rows
/// no earlier batch in flight shares first, then, once those batches are done, the others.
pub async fn write_batch(pool: &sqlx::PgPool, in_flight: &InFlight, b: &Batch) -> Result<Written, sqlx::Error> {
    if b.is_empty() {
        return Ok(Written::default());
    }
    // Actors, aliases and places first, in a statement of their own (committed at once): they
    // are immutable rows whose ids derive from their values, and inserted inside the batch's
    // transaction, a new one both batches have would make the later batch, which waits for
    // the earlier one's lock, hold what the earlier one then waits for.
    let dimensions = {
        let known = in_flight.dimensions.lock().unwrap_or_else(|e| e.into_inner());
        Dimensions::of(b.mentions.values().map(|(_, m)| m), &known)
    };
    if !dimensions.is_empty() {
        dimensions.insert(pool).await?;
        let mut known = in_flight.dimensions.lock().unwrap_or_else(|e| e.into_inner());
        if known.len() > KNOWN_DIMENSIONS {
            known.clear();
        }
        known.extend(dimensions.keys());
    }
    let entry = in_flight.enter(b.keys());
    let (first, last) = b.split(&entry.contended());
    let lock = "SELECT pg_advisory_xact_lock($1, $2)";
    let wait = "SELECT pg_advisory_xact_lock_shared($1, $2)";
    // The earlier batches' advisory locks are waited for below; first make sure they are
    // taken (each batch takes its own as its transaction's first statement), so that a wait
    // cannot pass before the batch has begun. No lock of this batch is held meanwhile.
    if !last.is_empty() {
        for e in &entry.earlier {
            let mut locked = e.locked.clone();
            // Err: that batch is done (committed or failed).
            let _ = locked.wait_for(|l| *l).await;
        }
    }
    let mut tx = pool.begin().await?;
    let (class, id) = in_flight.lock_key(entry.id);
    sqlx::query(lock).bind(class).bind(id).execute(&mut *tx).await?;
    entry.locked.send_replace(true);
    let mut w = write_part(&mut tx, &first).await?;
    if !last.is_empty() {
        for e in &entry.earlier {
            let (class, id) = in_flight.lock_key(e.id);
            sqlx::query(wait).bind(class).bind(id).execute(&mut *tx).await?;
        }
        let x = write_part(&mut tx, &last).await?;
        w.articles += x.articles;
        w.mentions += x.mentions;
        w.mentions_superseded += x.mentions_superseded;
        w.mentions_outdated += x.mentions_outdated;
        w.dead_letters += x.dead_letters;
    }
    tx.commit().await?;
    committed(b, &w);
    Ok(w)
}

/// Writes a batch ([`write_batch`]). When PostgreSQL refuses the data itself (SQLSTATE class
/// 22 or 23, [`is_data_error`]), writes message by message to find the culprits and
/// dead-letters only them. Any other error (connection, read-only database, permissions,
/// timeouts, disk, a schema being migrated) is retriable: the whole batch is retried later,
/// its offsets stay, and the service reports itself unhealthy meanwhile.
pub async fn write_isolating(
    pool: &sqlx::PgPool,
    in_flight: &InFlight,
    batch: &Batch,
    mut rejected: Vec<(usize, DlqReason)>,
    metrics: &PipelineMetrics,
) -> Result<(Outcome, bool), Retriable> {
    let mut wrote = false;
    match write_batch(pool, in_flight, batch).await {
        Ok(w) => {
            count(metrics, &w);
            let outcome = Outcome {
                records: Vec::new(),
                rejected,
            };
            return Ok((outcome, !batch.is_empty()));
        }
        Err(e) if !is_data_error(&e) => return Err(Retriable(anyhow::Error::new(e).context("writing a batch"))),
        Err(e) => {
            in_flight.forget_dimensions();
            tracing::warn!(error = %e, "batch refused by PostgreSQL; writing message by message")
        }
    }
    for idx in batch.indexes() {
        let one = batch.clone_only(idx);
        match write_batch(pool, in_flight, &one).await {
            Ok(w) => {
                count(metrics, &w);
                wrote = true;
            }
            Err(e) if !is_data_error(&e) => {
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
        let m = &SQL.mentions;
        assert!(
            m.contains("EXCLUDED.extracted_at >= event_mentions.extracted_at"),
            "{m}"
        );
        assert!(!m.contains("SET (mention_id"), "the key is never updated: {m}");
    }

    #[test]
    fn statements_bind_one_array_per_column() {
        // mention_arguments binds 38 arrays, merge_events 39.
        assert_eq!(MENTIONS.columns.len(), 38);
        assert!(SQL.mentions.contains("$38::timestamptz[]") && !SQL.mentions.contains("$39"));
        // upsert_articles binds 23.
        assert_eq!(ARTICLES.columns.len(), 23);
        assert!(SQL.articles.contains("$23::timestamptz[]") && !SQL.articles.contains("$24"));
        assert!(SQL.articles.contains("$15::jsonb[]") && SQL.articles.contains("word_count::integer"));
        assert!(
            SQL.mentions.contains("sentence_index::integer"),
            "integers are cast by the database"
        );
        assert_eq!(
            EVENT_COLUMNS.len() + EVIDENCE_COLUMNS.len() + DATE_COLUMNS.len() + PLACE_COLUMNS.len(),
            39
        );
        assert!(SQL.merge.contains("$39::text[]") && !SQL.merge.contains("$40"));
    }
}
