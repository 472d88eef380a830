//! The statement list: every statement a batch's write runs, built once ([`SQL`]), and the
//! incremental merge's statement ([`merge_sql`]), whose ranking calls are the functions
//! [`crate::ranking`] generates.

use std::sync::LazyLock;

use super::table::{names, unnest_sql, ARTICLES, DEAD_LETTERS, MENTIONS, SOURCES};

/// The statements of a batch, built once.
pub(super) struct Sql {
    /// Upserts (so locks) the `article_locks` row of each given article, in the order given
    /// (article id order): the first statement of every part that writes articles or mentions.
    pub(super) article_locks: String,
    pub(super) sources: String,
    pub(super) articles: String,
    pub(super) dead_letters: String,
    /// Records each article's newest extraction in the batch (a newer extractor version replaces
    /// the current one) and removes the mentions of superseded extractions; returns each
    /// article's current extraction, whether its row is new, and the events that lost
    /// mentions. One statement, so the check that runs at its end sees a consistent state.
    pub(super) extraction: String,
    /// The current extractor version of each of the given articles.
    pub(super) versions: String,
    /// The stored event of each of the given mentions that exist.
    pub(super) existing: String,
    /// The events of the stored mentions of the given articles.
    pub(super) article_events: String,
    /// Actors, their aliases and places, each inserted unless stored (one statement: the
    /// alias references are checked at its end, when the actors are in).
    pub(super) dimensions: String,
    /// Event identities for mentions of the batch that are stored already (their events are recomputed).
    pub(super) event_ids: String,
    /// `fetched_at` and `source_name` of the given articles that are stored.
    pub(super) article_facts: String,
    /// Merges the aggregates of the new mentions into their events (inserting the events they
    /// create).
    pub(super) merge: String,
    /// Merges an absorbed event's row into the kept event's ([`absorb_sql`]).
    pub(super) absorb: String,
    /// Mention arrays → event_mentions; returns what was written and whether it was inserted.
    pub(super) mentions: String,
    /// Mention arrays → event_mentions, for mentions of articles whose extraction row this
    /// batch created: none of their mentions can be stored yet (see [`write`]), so a plain
    /// insert, without the conflict check.
    pub(super) mentions_fresh: String,
}

/// The event columns an incremental merge sets, by group, with their types: the strongest
/// evidence, the best date and the best place. Each group is replaced as a whole when the best
/// new mention ranks before the stored choice.
pub(super) const EVIDENCE_COLUMNS: &[(&str, &str)] = &[
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
pub(super) const DATE_COLUMNS: &[(&str, &str)] = &[
    ("date_start", "date"),
    ("date_end", "date"),
    ("date_precision", "text"),
    ("date_resolution", "text"),
    ("date_confidence", "double precision"),
    ("date_mention_id", "text"),
];
pub(super) const PLACE_COLUMNS: &[(&str, &str)] = &[
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
pub(super) const EVENT_COLUMNS: &[(&str, &str)] = &[
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
/// one row per event, merged into the stored event with the ranking functions
/// ([`crate::ranking`] generates them; `refresh_events` ranks with them too). A test holds that
/// a full recompute afterwards changes no row.
fn merge_sql() -> String {
    let input: Vec<(&str, &str)> = [EVENT_COLUMNS, EVIDENCE_COLUMNS, DATE_COLUMNS, PLACE_COLUMNS].concat();
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
    merge_into(&format!(
        "SELECT x.*, {articles} AS article_set, {sources} AS source_set FROM {unnest}",
        articles = sorted("article_ids"),
        sources = sorted("source_names"),
        unnest = unnest_sql(&input, "x"),
    ))
}

/// An absorbed event's row merged into the row of the event that absorbed it (`$1` absorbed,
/// `$2` kept; inserted under the kept id when that one has no row yet), by the same merge as
/// new mentions: the two rows are aggregates of disjoint sets of mentions, so this is what a
/// full recompute of their union gives, without reading every mention of a large event.
fn absorb_sql() -> String {
    let all = names(&[EVIDENCE_COLUMNS, DATE_COLUMNS, PLACE_COLUMNS].concat());
    merge_into(&format!(
        "SELECT $2::text AS event_id, e.event_type, e.cameo_root, e.quad_class, e.num_mentions, e.first_seen,
                e.last_seen, e.article_ids AS article_set, e.source_names AS source_set, {all}
         FROM events e WHERE e.event_id = $1::text",
        all = all.iter().map(|c| format!("e.{c}")).collect::<Vec<_>>().join(", "),
    ))
}

/// Merges the rows of `source` (a query giving the event columns, with the article and
/// source sets sorted as `refresh_events` sorts them as `article_set` and `source_set`) into
/// `events`.
fn merge_into(source: &str) -> String {
    let all = names(&[EVIDENCE_COLUMNS, DATE_COLUMNS, PLACE_COLUMNS].concat());
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
    format!(
        "WITH x AS ({source})
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
        all = all.join(", "),
        union_articles = union_sql("article_ids"),
        union_sources = union_sql("source_names"),
        evidence = replace_group(EVIDENCE_COLUMNS, better_evidence),
        date = replace_group(DATE_COLUMNS, better_date),
        place = replace_group(PLACE_COLUMNS, better_place),
    )
}

/// An extraction switches its article to its version when it is of another version and newer.
/// Message times are bounded by the database's clock before they get here (`stages::bound`):
/// one past `now()` is from a broken clock and switches nothing.
const SWITCH: &str = "(s.extractor_version IS DISTINCT FROM EXCLUDED.extractor_version \
                      AND EXCLUDED.extracted_at > s.extracted_at AND EXCLUDED.extracted_at <= now())";

pub(super) static SQL: LazyLock<Sql> = LazyLock::new(|| Sql {
    // `DO UPDATE ... WHERE false` changes no row but locks every conflicting one (and waits for
    // a concurrent insert of the same key to commit); a new key is inserted, and so locked.
    article_locks: "INSERT INTO article_locks AS l (article_id)
                        SELECT a FROM unnest($1::text[]) WITH ORDINALITY AS i (a, n) ORDER BY n
                        ON CONFLICT (article_id) DO UPDATE SET article_id = EXCLUDED.article_id WHERE false"
        .to_owned(),
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
                     requested_at = CASE WHEN {answers} THEN NULL ELSE s.requested_at END
                 -- A newer extraction switches the article to its version. A pending
                 -- re-extraction request (made on the database's clock) is fulfilled by any
                 -- extraction of the article's current version this statement sees: it runs
                 -- after the request was committed, so no producer's clock is compared with
                 -- the database's (an extractor whose clock is behind would otherwise never
                 -- fulfil a request, and its mentions would be pruned).
                 WHERE {switch} OR (s.requested_at IS NOT NULL AND {answers})
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
        switch = SWITCH,
        answers = format!("({SWITCH} OR s.extractor_version = EXCLUDED.extractor_version)"),
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
    absorb: absorb_sql(),
    mentions: MENTIONS.unnest_sql(),
    mentions_fresh: MENTIONS.unnest_insert_sql(),
});

#[cfg(test)]
mod tests {
    use super::*;

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
