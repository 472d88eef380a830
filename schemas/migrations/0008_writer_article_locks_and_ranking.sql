-- Sahel Monitor: writers serialised per article across processes, and the ranking functions
-- generated from the writer's one definition (issue 19, items 3 and 8).
--
-- article_locks: one row per article, upserted (and so locked) in article id order as the
-- first statement of every writer transaction that writes an article or mentions of it. Two
-- writer processes, one writing an article and one writing its mentions, used to run at once
-- and each miss the other's uncommitted rows (the mentions merged without the article's
-- source and fetch time; the article found no mentions whose events to recompute), leaving
-- num_sources, source_names and first/last seen wrong for good. Now the later transaction
-- waits for the earlier one's commit and, its next statements taking new snapshots, sees
-- what it wrote. Row locks live in the rows, not in the shared lock table, so a batch of
-- any size can take them (advisory locks, one per article, could exhaust the lock table).
-- A row is made the first time an article or a mention of it is written.
-- No check on the id: the articles and event_mentions tables refuse a malformed one, in the
-- stage that names them.
CREATE TABLE article_locks (
    article_id text PRIMARY KEY
);

-- The ranking functions, as `cargo run -q -p sahel-writer --example ranking_sql` prints them
-- from services/writer/src/ranking.rs (the comparators the writer's merge uses in Rust are
-- made from the same tables). Same results as 0003's and 0005's definitions.
CREATE OR REPLACE FUNCTION sahel_place_rank(place_precision text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE place_precision WHEN 'point' THEN 0 WHEN 'site' THEN 0 WHEN 'city' THEN 1 WHEN 'town' THEN 1 WHEN 'admin2' THEN 2 WHEN 'admin1' THEN 3 WHEN 'region' THEN 4 WHEN 'river' THEN 4 WHEN 'lake' THEN 4 WHEN 'country' THEN 5 ELSE 6 END
$$;

CREATE OR REPLACE FUNCTION sahel_modality_rank(modality text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE modality WHEN 'asserted' THEN 0 WHEN 'reported' THEN 1 WHEN 'planned' THEN 2 WHEN 'background' THEN 3 WHEN 'hypothetical' THEN 4 ELSE 5 END
$$;

CREATE OR REPLACE FUNCTION sahel_date_rank(date_precision text, date_resolution text, date_start date, date_end date, confidence double precision, mention_id text) RETURNS sahel_date_rank
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ROW(CASE date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, CASE date_resolution WHEN 'stated' THEN 0 WHEN 'inferred' THEN 1 WHEN 'relative_to_publication' THEN 2 ELSE 3 END, date_end - date_start, -confidence, mention_id)::sahel_date_rank
$$;

CREATE OR REPLACE FUNCTION sahel_place_key(place_precision text, latitude double precision, confidence double precision, mention_id text) RETURNS sahel_place_key
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ROW(sahel_place_rank(place_precision), latitude IS NULL, -confidence, mention_id)::sahel_place_key
$$;

CREATE OR REPLACE FUNCTION sahel_evidence_rank(modality text, confidence double precision, mention_id text) RETURNS sahel_evidence_rank
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ROW(CASE modality WHEN 'asserted' THEN 0 WHEN 'reported' THEN 0 WHEN 'planned' THEN 1 WHEN 'background' THEN 1 ELSE 2 END, -confidence, sahel_modality_rank(modality), mention_id)::sahel_evidence_rank
$$;
