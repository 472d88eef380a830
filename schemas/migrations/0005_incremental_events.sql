-- Sahel Monitor: events refined incrementally (issue 6, write throughput).
--
-- Until 0004 the writer recomputed every event a batch touched from all of its mentions. Most
-- batches only add new mentions, and an event's aggregates can then be merged with the new
-- mentions alone: counts add up, article and source sets unite, first/last seen widen, and the
-- best date, place and evidence is the better of the stored one and the best new one. For that
-- the stored event keeps the ranking keys of its chosen date and place (the evidence's are
-- already there). The ranking is one definition, the sahel_*_rank functions below, used by the
-- full recompute (refresh_events) and by the writer's merge alike; a test holds that both
-- give the same rows.
--
-- Also: event_mentions.written_at, when the writer first wrote a mention (for latency figures).

CREATE TYPE sahel_date_rank AS (precision_rank integer, resolution_rank integer, width integer,
                                neg_confidence double precision, mention_id text);
CREATE TYPE sahel_place_key AS (precision_rank integer, no_point boolean, neg_confidence double precision,
                                mention_id text);
CREATE TYPE sahel_evidence_rank AS (modality_class integer, neg_confidence double precision, modality_rank integer,
                                    mention_id text);

-- Lower is better: day before month before year, a stated date before an inferred one before
-- one resolved from the publication date, a narrower range, a more confident mention; the
-- mention id breaks ties so the choice never depends on the order mentions arrive in.
CREATE FUNCTION sahel_date_rank(date_precision text, date_resolution text, date_start date, date_end date,
                                confidence double precision, mention_id text) RETURNS sahel_date_rank
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ROW(CASE date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END,
               CASE date_resolution WHEN 'stated' THEN 0 WHEN 'inferred' THEN 1
                                    WHEN 'relative_to_publication' THEN 2 ELSE 3 END,
               date_end - date_start, -confidence, mention_id)::sahel_date_rank
$$;

-- Lower is better: a more precise place, one with coordinates, a more confident mention.
CREATE FUNCTION sahel_place_key(place_precision text, latitude double precision, confidence double precision,
                                mention_id text) RETURNS sahel_place_key
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ROW(sahel_place_rank(place_precision), latitude IS NULL, -confidence, mention_id)::sahel_place_key
$$;

-- Lower is stronger evidence: asserted or reported before planned or background before the
-- rest, then confidence, then the modality itself.
CREATE FUNCTION sahel_evidence_rank(modality text, confidence double precision, mention_id text)
    RETURNS sahel_evidence_rank
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ROW(CASE WHEN modality IN ('asserted', 'reported') THEN 0
                    WHEN modality IN ('planned', 'background') THEN 1 ELSE 2 END,
               -confidence, sahel_modality_rank(modality), mention_id)::sahel_evidence_rank
$$;

-- The sorted set union of two text arrays (article ids, source names).
CREATE FUNCTION sahel_union(a text[], b text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}'::text[]) FROM unnest(a || b) AS u (x)
$$;

ALTER TABLE events
    ADD COLUMN date_resolution  text,
    ADD COLUMN date_confidence  double precision,
    ADD COLUMN date_mention_id  text,
    ADD COLUMN place_confidence double precision,
    ADD COLUMN place_mention_id text;

ALTER TABLE event_mentions
    ADD COLUMN written_at timestamptz NOT NULL DEFAULT clock_timestamp();

-- The full recompute, as in 0003, ranking with the functions above and keeping the chosen
-- date's and place's keys.
CREATE OR REPLACE FUNCTION refresh_events(ids text[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM events e
    WHERE e.event_id = ANY (ids)
      AND NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.event_id);

    WITH m AS (
        -- One index probe per event and per article (OFFSET 0 and LIMIT 1 keep the planner from
        -- turning the probes into scans of whole tables, which it does for long arrays).
        SELECT m.*, a.fetched_at, a.source_name
        FROM (SELECT DISTINCT e FROM unnest(ids) AS e) AS i (event_id)
        CROSS JOIN LATERAL (SELECT * FROM event_mentions m WHERE m.event_id = i.event_id OFFSET 0) AS m
        LEFT JOIN LATERAL (SELECT a.fetched_at, a.source_name FROM articles a
                           WHERE a.article_id = m.article_id LIMIT 1) AS a ON true
    ), counts AS (
        SELECT event_id,
               count(*)::integer                                   AS num_mentions,
               count(DISTINCT article_id)::integer                 AS num_articles,
               count(DISTINCT source_name)::integer                AS num_sources,
               min(coalesce(fetched_at, extracted_at))             AS first_seen,
               max(coalesce(fetched_at, extracted_at))             AS last_seen,
               array_agg(DISTINCT article_id ORDER BY article_id)  AS article_ids,
               coalesce(array_agg(DISTINCT source_name ORDER BY source_name) FILTER (WHERE source_name IS NOT NULL),
                        '{}'::text[])                              AS source_names
        FROM m GROUP BY event_id
    ), best_date AS (
        SELECT DISTINCT ON (event_id) event_id, date_start, date_end, date_precision, date_resolution,
               confidence AS date_confidence, mention_id AS date_mention_id
        FROM m WHERE date_start IS NOT NULL
        ORDER BY event_id, sahel_date_rank(date_precision, date_resolution, date_start, date_end, confidence, mention_id)
    ), best_place AS (
        SELECT DISTINCT ON (event_id) event_id, place_id, place_name, place_country, place_admin1,
               latitude, longitude, gazetteer_id, place_precision,
               confidence AS place_confidence, mention_id AS place_mention_id
        FROM m WHERE place_name IS NOT NULL
        ORDER BY event_id, sahel_place_key(place_precision, latitude, confidence, mention_id)
    ), best_evidence AS (
        SELECT DISTINCT ON (event_id) event_id, mention_id, article_id, quote, confidence, modality, event_mode,
               actor1_id, actor1_name, actor1_country, actor1_sector,
               actor2_id, actor2_name, actor2_country, actor2_sector
        FROM m
        ORDER BY event_id, sahel_evidence_rank(modality, confidence, mention_id)
    ), agg AS (
        SELECT c.*, ev.mention_id, ev.article_id AS evidence_article_id, ev.quote, ev.confidence, ev.modality,
               ev.event_mode, ev.actor1_id, ev.actor1_name, ev.actor1_country, ev.actor1_sector,
               ev.actor2_id, ev.actor2_name, ev.actor2_country, ev.actor2_sector,
               d.date_start, d.date_end, d.date_precision, d.date_resolution, d.date_confidence, d.date_mention_id,
               p.place_id, p.place_name, p.place_country, p.place_admin1, p.latitude, p.longitude,
               p.gazetteer_id, p.place_precision, p.place_confidence, p.place_mention_id
        FROM counts c
        JOIN best_evidence ev ON ev.event_id = c.event_id
        LEFT JOIN best_date d ON d.event_id = c.event_id
        LEFT JOIN best_place p ON p.event_id = c.event_id
    )
    UPDATE events e SET
        num_mentions = agg.num_mentions, num_articles = agg.num_articles, num_sources = agg.num_sources,
        first_seen = agg.first_seen, last_seen = agg.last_seen,
        article_ids = agg.article_ids, source_names = agg.source_names,
        evidence = agg.quote, evidence_mention_id = agg.mention_id, evidence_article_id = agg.evidence_article_id,
        confidence = agg.confidence, modality = agg.modality, event_mode = agg.event_mode,
        actor1_id = agg.actor1_id, actor1_name = agg.actor1_name, actor1_country = agg.actor1_country,
        actor1_sector = agg.actor1_sector,
        actor2_id = agg.actor2_id, actor2_name = agg.actor2_name, actor2_country = agg.actor2_country,
        actor2_sector = agg.actor2_sector,
        date_start = agg.date_start, date_end = agg.date_end, date_precision = agg.date_precision,
        date_resolution = agg.date_resolution, date_confidence = agg.date_confidence,
        date_mention_id = agg.date_mention_id,
        place_id = agg.place_id, place_name = agg.place_name, place_country = agg.place_country,
        place_admin1 = agg.place_admin1, latitude = agg.latitude, longitude = agg.longitude,
        gazetteer_id = agg.gazetteer_id, place_precision = agg.place_precision,
        place_confidence = agg.place_confidence, place_mention_id = agg.place_mention_id
    FROM agg
    WHERE e.event_id = agg.event_id
      AND (e.num_mentions, e.num_articles, e.num_sources, e.first_seen, e.last_seen, e.article_ids, e.source_names,
           e.evidence, e.evidence_mention_id, e.evidence_article_id, e.confidence, e.modality, e.event_mode,
           e.actor1_id, e.actor1_name, e.actor1_country, e.actor1_sector,
           e.actor2_id, e.actor2_name, e.actor2_country, e.actor2_sector,
           e.date_start, e.date_end, e.date_precision, e.date_resolution, e.date_confidence, e.date_mention_id,
           e.place_id, e.place_name, e.place_country, e.place_admin1, e.latitude, e.longitude,
           e.gazetteer_id, e.place_precision, e.place_confidence, e.place_mention_id)
          IS DISTINCT FROM
          (agg.num_mentions, agg.num_articles, agg.num_sources, agg.first_seen, agg.last_seen, agg.article_ids,
           agg.source_names, agg.quote, agg.mention_id, agg.evidence_article_id, agg.confidence, agg.modality,
           agg.event_mode, agg.actor1_id, agg.actor1_name, agg.actor1_country, agg.actor1_sector,
           agg.actor2_id, agg.actor2_name, agg.actor2_country, agg.actor2_sector,
           agg.date_start, agg.date_end, agg.date_precision, agg.date_resolution, agg.date_confidence,
           agg.date_mention_id,
           agg.place_id, agg.place_name, agg.place_country, agg.place_admin1, agg.latitude, agg.longitude,
           agg.gazetteer_id, agg.place_precision, agg.place_confidence, agg.place_mention_id);
$$;

SELECT refresh_events(ARRAY(SELECT event_id FROM events));

-- A stored event's chosen date and place always carry their ranking keys.
ALTER TABLE events
    ADD CONSTRAINT events_date_keys CHECK (
        (date_start IS NULL) = (date_resolution IS NULL) AND (date_start IS NULL) = (date_confidence IS NULL)
        AND (date_start IS NULL) = (date_mention_id IS NULL)),
    ADD CONSTRAINT events_place_keys CHECK (
        (place_name IS NULL) = (place_confidence IS NULL) AND (place_name IS NULL) = (place_mention_id IS NULL));
