-- Sahel Monitor: the writer's model (issue 6).
--
-- What this adds to 0001:
-- - actors (with the aliases they are written as) and places, referenced by mentions and events;
-- - constraints that make wrong states impossible: foreign keys wherever both rows are written
--   in the same transaction, checks on enumerations and formats, unique natural keys;
-- - events as stored aggregates of their mentions (counts, first/last seen, the most precise
--   date and place, the strongest evidence), recomputed by refresh_events();
-- - per-article extraction state, so a re-extraction replaces an article's mentions rather
--   than adding to them, and replaying an old topic cannot bring stale mentions back;
-- - views for dashboards (daily aggregates, dyads, latest events with evidence), readable by
--   the role sahel_dashboard, which can read nothing else.
--
-- Forward-only: existing rows are backfilled before the new constraints are added.

-- Identities derived from content, as in schemas/src/ids.rs: prefix + the first 16 bytes of
-- SHA-256 over the parts, each followed by a 0x1F unit separator (NULL counts as empty, and
-- the tables forbid empty strings, so the two never collide). The writer computes the same ids
-- in Rust; the checks below prove both agree. STABLE, like convert_to, so PostgreSQL inlines
-- them into the checks (a function call per row would cost more than the hash).
CREATE FUNCTION sahel_actor_id(name text, country text, sector text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT 'act_' || left(encode(sha256(convert_to(
        coalesce(name, '') || chr(31) || coalesce(country, '') || chr(31) || coalesce(sector, '') || chr(31),
        'UTF8')), 'hex'), 32)
$$;

CREATE FUNCTION sahel_place_id(name text, country text, admin1 text, gazetteer_id text, place_precision text,
                               latitude double precision, longitude double precision) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT 'plc_' || left(encode(sha256(convert_to(
        coalesce(name, '') || chr(31) || coalesce(country, '') || chr(31) || coalesce(admin1, '') || chr(31) ||
        coalesce(gazetteer_id, '') || chr(31) || coalesce(place_precision, '') || chr(31) ||
        coalesce(latitude::text, '') || chr(31) || coalesce(longitude::text, '') || chr(31),
        'UTF8')), 'hex'), 32)
$$;

-- Rank of a place precision: lower is more precise. Features that span a region (a river, a
-- lake) rank with regions; unknown values rank last.
CREATE FUNCTION sahel_place_rank(place_precision text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE place_precision WHEN 'point' THEN 0 WHEN 'site' THEN 0 WHEN 'city' THEN 1 WHEN 'town' THEN 1
                                WHEN 'admin2' THEN 2 WHEN 'admin1' THEN 3 WHEN 'region' THEN 4 WHEN 'river' THEN 4
                                WHEN 'lake' THEN 4 WHEN 'country' THEN 5 ELSE 6 END
$$;

-- Strength of a mention's modality: lower is stronger evidence that the event happened.
CREATE FUNCTION sahel_modality_rank(modality text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE modality WHEN 'asserted' THEN 0 WHEN 'reported' THEN 1 WHEN 'planned' THEN 2
                         WHEN 'background' THEN 3 WHEN 'hypothetical' THEN 4 ELSE 5 END
$$;

-- Actors as coded: canonical name, country (ISO 3166 alpha-3 or an organisation code) and
-- sector. "Tiani", "Tchiani" and "the junta" are one actor with three aliases.
CREATE TABLE actors (
    actor_id      text PRIMARY KEY,
    name          text NOT NULL CHECK (name <> ''),
    country       text CHECK (country ~ '^[A-Z][A-Z0-9]{1,9}$'),
    sector        text CHECK (sector <> ''),
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT actors_natural_key UNIQUE NULLS NOT DISTINCT (name, country, sector),
    CONSTRAINT actors_id_is_derived CHECK (actor_id = sahel_actor_id(name, country, sector))
);

CREATE TABLE actor_aliases (
    actor_id text NOT NULL REFERENCES actors (actor_id) ON DELETE CASCADE,
    alias    text NOT NULL CHECK (alias <> ''),
    PRIMARY KEY (actor_id, alias)
);

-- Places as coded by the gazetteer.
CREATE TABLE places (
    place_id        text PRIMARY KEY,
    name            text NOT NULL CHECK (name <> ''),
    country         text CHECK (country ~ '^[A-Z][A-Z0-9]{1,9}$'),
    admin1          text CHECK (admin1 <> ''),
    latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
    gazetteer_id    text CHECK (gazetteer_id <> ''),
    -- An open set that grows with the gazetteer (city, admin1, region, river, country, ...).
    place_precision text NOT NULL CHECK (place_precision ~ '^[a-z][a-z0-9_]*$'),
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CONSTRAINT places_id_is_derived CHECK (
        place_id = sahel_place_id(name, country, admin1, gazetteer_id, place_precision, latitude, longitude))
);
CREATE INDEX places_gazetteer_idx ON places (gazetteer_id) WHERE gazetteer_id IS NOT NULL;

-- Which extraction of each article is current: the extractor version whose mentions stand,
-- and the production time of its earliest mention. A mention of another version is accepted
-- only when it was produced later (a re-extraction), and then replaces every mention of the
-- article; an older one (a replayed topic) is ignored. `extractor_version` is NULL when the
-- current extractor found nothing in the article (see `sahel-writer replay-articles`).
CREATE TABLE article_extractions (
    article_id        text PRIMARY KEY CHECK (article_id LIKE 'art\_%'),
    extractor_version text CHECK (extractor_version <> ''),
    extracted_at      timestamptz NOT NULL,
    -- A pending re-extraction asked for by `sahel-writer replay-articles` (database clock).
    requested_at      timestamptz
);

-- Sources and articles.
ALTER TABLE sources ADD CONSTRAINT sources_name_not_empty CHECK (name <> '');

ALTER TABLE articles ADD COLUMN normalized_at timestamptz;
UPDATE articles SET similarity = NULL WHERE dedup_verdict = 'unique' AND similarity IS NOT NULL;
ALTER TABLE articles
    ADD CONSTRAINT articles_not_own_duplicate CHECK (duplicate_of <> article_id),
    ADD CONSTRAINT articles_duplicate_of_format CHECK (duplicate_of LIKE 'art\_%'),
    ADD CONSTRAINT articles_similarity_only_for_duplicates CHECK (similarity IS NULL OR duplicate_of IS NOT NULL),
    ADD CONSTRAINT articles_language_format CHECK (language ~ '^[a-z]{2,3}$'),
    ADD CONSTRAINT articles_sha256_format CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
    ADD CONSTRAINT articles_location_not_empty CHECK (url_or_path <> ''),
    ADD CONSTRAINT articles_published_complete CHECK ((published_at IS NULL) = (published_precision IS NULL)
                                                      AND (published_at IS NULL) = (published_source IS NULL));
CREATE INDEX articles_fetched_at_idx ON articles (fetched_at);

-- Event mentions: actor, place and extraction references, and what makes a mention coherent.
ALTER TABLE event_mentions
    ADD COLUMN actor1_id    text,
    ADD COLUMN actor2_id    text,
    ADD COLUMN place_id     text,
    -- When the extractor produced the mention (the message's produced_at).
    ADD COLUMN extracted_at timestamptz;

UPDATE event_mentions m SET
    actor1_id = CASE WHEN actor1_name IS NOT NULL THEN sahel_actor_id(actor1_name, actor1_country, actor1_sector) END,
    actor2_id = CASE WHEN actor2_name IS NOT NULL THEN sahel_actor_id(actor2_name, actor2_country, actor2_sector) END,
    place_id = CASE WHEN place_name IS NOT NULL THEN sahel_place_id(place_name, place_country, place_admin1,
                    gazetteer_id, place_precision, latitude, longitude) END,
    extracted_at = coalesce((SELECT a.fetched_at FROM articles a WHERE a.article_id = m.article_id), now());
INSERT INTO actors (actor_id, name, country, sector)
SELECT DISTINCT a.id, a.name, a.country, a.sector
FROM event_mentions m,
     LATERAL (VALUES (m.actor1_id, m.actor1_name, m.actor1_country, m.actor1_sector),
                     (m.actor2_id, m.actor2_name, m.actor2_country, m.actor2_sector)) AS a (id, name, country, sector)
WHERE a.id IS NOT NULL
ON CONFLICT DO NOTHING;
INSERT INTO actor_aliases (actor_id, alias)
SELECT DISTINCT a.id, a.alias
FROM event_mentions m,
     LATERAL (VALUES (m.actor1_id, m.actor1_text), (m.actor2_id, m.actor2_text)) AS a (id, alias)
WHERE a.id IS NOT NULL AND a.alias <> ''
ON CONFLICT DO NOTHING;
INSERT INTO places (place_id, name, country, admin1, latitude, longitude, gazetteer_id, place_precision)
SELECT DISTINCT place_id, place_name, place_country, place_admin1, latitude, longitude, gazetteer_id, place_precision
FROM event_mentions WHERE place_id IS NOT NULL
ON CONFLICT DO NOTHING;
-- Before 0003 a re-extraction added mentions; keep only the newest version per article.
DELETE FROM event_mentions m
WHERE m.extractor_version <> (SELECT max(x.extractor_version) FROM event_mentions x WHERE x.article_id = m.article_id);
INSERT INTO article_extractions (article_id, extractor_version, extracted_at)
SELECT article_id, max(extractor_version), min(extracted_at) FROM event_mentions GROUP BY article_id;

ALTER TABLE event_mentions
    ALTER COLUMN extracted_at SET NOT NULL,
    -- The natural key: mention_id is derived from it.
    ADD CONSTRAINT event_mentions_natural_key UNIQUE (article_id, sentence_index, char_start, event_type),
    ADD CONSTRAINT event_mentions_article_format CHECK (article_id LIKE 'art\_%'),
    ADD CONSTRAINT event_mentions_cameo_root CHECK (cameo_root ~ '^(0[1-9]|1[0-9]|20)$'),
    ADD CONSTRAINT event_mentions_mode_format CHECK (event_mode ~ '^[a-z][a-z0-9_-]*$'),
    ADD CONSTRAINT event_mentions_date_complete CHECK (
        (date_start IS NULL) = (date_end IS NULL) AND (date_start IS NULL) = (date_precision IS NULL)
        AND (date_start IS NULL) = (date_resolution IS NULL) AND date_end >= date_start),
    ADD CONSTRAINT event_mentions_coordinates_paired CHECK ((latitude IS NULL) = (longitude IS NULL)),
    ADD CONSTRAINT event_mentions_quote_is_span CHECK (quote <> '' AND char_length(quote) = char_end - char_start),
    ADD CONSTRAINT event_mentions_quote_language CHECK (quote_language ~ '^[a-z]{2,3}$'),
    ADD CONSTRAINT event_mentions_version_not_empty CHECK (extractor_version <> '');
-- The reference to events (and to actors and places) is checked per statement below.
ALTER TABLE event_mentions DROP CONSTRAINT event_mentions_event_id_fkey;
-- Covered by event_mentions_natural_key, which starts with article_id.
DROP INDEX event_mentions_article_idx;

-- What a mention references must exist and agree with it: its event (with the same type), its
-- actors and its place (whose ids derive from the very values the mention carries, so a row
-- with equal values proves the id), and its article's current extraction (same extractor
-- version). Checked per statement over the rows it wrote (transition tables): one join per
-- batch instead of trigger calls per row and reference.
CREATE FUNCTION sahel_check_mention_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad text;
BEGIN
    SELECT w.mention_id || ': ' || r.problem INTO bad
    FROM written w,
         LATERAL (
             SELECT 'its event with this type is not in events' AS problem
             WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = w.event_id AND e.event_type = w.event_type)
             UNION ALL
             SELECT 'actor1 is not in actors with these values'
             WHERE (w.actor1_id IS NULL) <> (w.actor1_name IS NULL)
                OR (w.actor1_id IS NOT NULL AND NOT EXISTS (
                       SELECT 1 FROM actors a WHERE a.actor_id = w.actor1_id AND a.name = w.actor1_name
                         AND a.country IS NOT DISTINCT FROM w.actor1_country
                         AND a.sector IS NOT DISTINCT FROM w.actor1_sector))
             UNION ALL
             SELECT 'actor2 is not in actors with these values'
             WHERE (w.actor2_id IS NULL) <> (w.actor2_name IS NULL)
                OR (w.actor2_id IS NOT NULL AND NOT EXISTS (
                       SELECT 1 FROM actors a WHERE a.actor_id = w.actor2_id AND a.name = w.actor2_name
                         AND a.country IS NOT DISTINCT FROM w.actor2_country
                         AND a.sector IS NOT DISTINCT FROM w.actor2_sector))
             UNION ALL
             SELECT 'its place is not in places with these values'
             WHERE (w.place_id IS NULL) <> (w.place_name IS NULL)
                OR (w.place_id IS NOT NULL AND NOT EXISTS (
                       SELECT 1 FROM places p WHERE p.place_id = w.place_id AND p.name = w.place_name
                         AND p.country IS NOT DISTINCT FROM w.place_country
                         AND p.admin1 IS NOT DISTINCT FROM w.place_admin1
                         AND p.latitude IS NOT DISTINCT FROM w.latitude
                         AND p.longitude IS NOT DISTINCT FROM w.longitude
                         AND p.gazetteer_id IS NOT DISTINCT FROM w.gazetteer_id
                         AND p.place_precision = w.place_precision))
             UNION ALL
             SELECT 'it is not of its article''s current extraction (article_extractions)'
             WHERE NOT EXISTS (SELECT 1 FROM article_extractions s
                               WHERE s.article_id = w.article_id AND s.extractor_version = w.extractor_version)
         ) AS r
    LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'event_mentions_references: mention ' || bad,
            CONSTRAINT = 'event_mentions_references', TABLE = 'event_mentions';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER event_mentions_references_insert AFTER INSERT ON event_mentions
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION sahel_check_mention_references();
CREATE TRIGGER event_mentions_references_update AFTER UPDATE ON event_mentions
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION sahel_check_mention_references();

CREATE FUNCTION sahel_check_actors_unreferenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM removed r JOIN event_mentions m ON r.actor_id IN (m.actor1_id, m.actor2_id)) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'event_mentions_references: a deleted actor is still referenced by a mention',
            CONSTRAINT = 'event_mentions_references', TABLE = 'actors';
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION sahel_check_places_unreferenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM removed r JOIN event_mentions m ON m.place_id = r.place_id) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'event_mentions_references: a deleted place is still referenced by a mention',
            CONSTRAINT = 'event_mentions_references', TABLE = 'places';
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION sahel_check_events_unreferenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM removed r JOIN event_mentions m ON m.event_id = r.event_id) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'event_mentions_references: a deleted event still has mentions',
            CONSTRAINT = 'event_mentions_references', TABLE = 'events';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_unreferenced AFTER DELETE ON events
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION sahel_check_events_unreferenced();
-- An event's type never changes (its id is derived from it).
CREATE FUNCTION sahel_event_type_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.event_type IS DISTINCT FROM OLD.event_type THEN
        RAISE check_violation USING MESSAGE = 'events: event_type never changes', TABLE = 'events';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_type_unchanged BEFORE UPDATE OF event_type ON events
    FOR EACH ROW EXECUTE FUNCTION sahel_event_type_unchanged();
-- Changing an article's current extraction must leave none of its mentions of another one.
CREATE FUNCTION sahel_check_extraction_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed c JOIN event_mentions m ON m.article_id = c.article_id
               LEFT JOIN article_extractions s ON s.article_id = c.article_id
               WHERE m.extractor_version IS DISTINCT FROM s.extractor_version) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'event_mentions_references: an article''s current extraction changed but mentions of '
                      'another one remain',
            CONSTRAINT = 'event_mentions_references', TABLE = 'article_extractions';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER article_extractions_changed_update AFTER UPDATE ON article_extractions
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION sahel_check_extraction_change();
CREATE TRIGGER article_extractions_changed_delete AFTER DELETE ON article_extractions
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION sahel_check_extraction_change();
CREATE TRIGGER actors_unreferenced AFTER DELETE ON actors
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION sahel_check_actors_unreferenced();
CREATE TRIGGER places_unreferenced AFTER DELETE ON places
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION sahel_check_places_unreferenced();
-- Actors and places are immutable: their ids are derived from every column.
CREATE FUNCTION sahel_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE check_violation USING MESSAGE = format('%s rows are immutable (ids derive from their values)', TG_TABLE_NAME);
END
$$;
CREATE TRIGGER actors_immutable BEFORE UPDATE ON actors FOR EACH STATEMENT EXECUTE FUNCTION sahel_immutable();
CREATE TRIGGER places_immutable BEFORE UPDATE ON places FOR EACH STATEMENT EXECUTE FUNCTION sahel_immutable();


-- Events: aggregates of their mentions, stored so dashboards read one row per event.
ALTER TABLE events
    ADD COLUMN num_mentions        integer NOT NULL DEFAULT 0 CHECK (num_mentions >= 0),
    ADD COLUMN num_articles        integer NOT NULL DEFAULT 0,
    ADD COLUMN num_sources         integer NOT NULL DEFAULT 0,
    ADD COLUMN first_seen          timestamptz,
    ADD COLUMN last_seen           timestamptz,
    ADD COLUMN article_ids         text[] NOT NULL DEFAULT '{}',
    ADD COLUMN source_names        text[] NOT NULL DEFAULT '{}',
    ADD COLUMN modality            text CHECK (modality IN
                                       ('asserted', 'reported', 'planned', 'hypothetical', 'negated', 'background')),
    -- Copied from the mentions (which reference actors and places) by refresh_events.
    ADD COLUMN actor1_id           text,
    ADD COLUMN actor2_id           text,
    ADD COLUMN place_id            text,
    ADD COLUMN evidence_mention_id text REFERENCES event_mentions (mention_id)
                                       ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    ADD COLUMN evidence_article_id text,
    -- The day an event counts for on daily dashboards: its date when known to the day, else
    -- the day it was first reported.
    ADD COLUMN event_day           date GENERATED ALWAYS AS (
        CASE WHEN date_precision = 'day' THEN date_start ELSE (first_seen AT TIME ZONE 'UTC')::date END) STORED,
    ADD CONSTRAINT events_counts CHECK (num_articles BETWEEN 0 AND num_mentions AND num_sources BETWEEN 0 AND num_articles
                                        AND cardinality(article_ids) = num_articles
                                        AND cardinality(source_names) = num_sources),
    ADD CONSTRAINT events_seen_order CHECK (first_seen <= last_seen),
    -- An event with mentions always has its evidence.
    ADD CONSTRAINT events_evidence_complete CHECK (
        num_mentions = 0 OR (evidence IS NOT NULL AND modality IS NOT NULL AND first_seen IS NOT NULL
                             AND confidence IS NOT NULL)),
    ADD CONSTRAINT events_cameo_root CHECK (cameo_root ~ '^(0[1-9]|1[0-9]|20)$'),
    ADD CONSTRAINT events_mode_format CHECK (event_mode ~ '^[a-z][a-z0-9_-]*$'),
    ADD CONSTRAINT events_date_complete CHECK ((date_start IS NULL) = (date_end IS NULL)
                                               AND (date_start IS NULL) = (date_precision IS NULL)),
    ADD CONSTRAINT events_coordinates_paired CHECK ((latitude IS NULL) = (longitude IS NULL)),
    ADD CONSTRAINT events_place_precision CHECK (place_precision ~ '^[a-z][a-z0-9_]*$');
ALTER TABLE event_mentions
    ADD CONSTRAINT event_mentions_place_precision CHECK (place_precision ~ '^[a-z][a-z0-9_]*$');
CREATE INDEX events_day_idx ON events (event_day);
CREATE INDEX events_last_seen_idx ON events (last_seen DESC);
CREATE INDEX events_country_day_idx ON events (place_country, event_day);
-- Superseded by events_country_day_idx and events_day_idx. (An index led by event_type, with
-- few distinct values, also tempts the planner away from the primary key on a young table.)
DROP INDEX events_country_idx;
DROP INDEX events_type_date_idx;

ALTER TABLE dead_letters
    ADD CONSTRAINT dead_letters_topic_format CHECK (dlq_topic LIKE '%.dlq'),
    ADD CONSTRAINT dead_letters_offsets CHECK (dlq_offset >= 0 AND dlq_partition >= 0);

-- Recomputes the given events from their mentions (and the mentions' articles): counts, first
-- and last seen, the most precise date, the most precise place, the strongest evidence (with
-- its actors, mode and modality). Events left without mentions are deleted. Only rows whose
-- values change are touched, so replaying mentions changes nothing.
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
        SELECT DISTINCT ON (event_id) event_id, date_start, date_end, date_precision
        FROM m WHERE date_start IS NOT NULL
        ORDER BY event_id,
                 CASE date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END,
                 CASE date_resolution WHEN 'stated' THEN 0 WHEN 'inferred' THEN 1
                                      WHEN 'relative_to_publication' THEN 2 ELSE 3 END,
                 date_end - date_start, confidence DESC, mention_id
    ), best_place AS (
        SELECT DISTINCT ON (event_id) event_id, place_id, place_name, place_country, place_admin1,
               latitude, longitude, gazetteer_id, place_precision
        FROM m WHERE place_name IS NOT NULL
        ORDER BY event_id, sahel_place_rank(place_precision), (latitude IS NULL), confidence DESC, mention_id
    ), best_evidence AS (
        SELECT DISTINCT ON (event_id) event_id, mention_id, article_id, quote, confidence, modality, event_mode,
               actor1_id, actor1_name, actor1_country, actor1_sector,
               actor2_id, actor2_name, actor2_country, actor2_sector
        FROM m
        ORDER BY event_id,
                 CASE WHEN modality IN ('asserted', 'reported') THEN 0
                      WHEN modality IN ('planned', 'background') THEN 1 ELSE 2 END,
                 confidence DESC, sahel_modality_rank(modality), mention_id
    ), agg AS (
        SELECT c.*, ev.mention_id, ev.article_id AS evidence_article_id, ev.quote, ev.confidence, ev.modality,
               ev.event_mode, ev.actor1_id, ev.actor1_name, ev.actor1_country, ev.actor1_sector,
               ev.actor2_id, ev.actor2_name, ev.actor2_country, ev.actor2_sector,
               d.date_start, d.date_end, d.date_precision,
               p.place_id, p.place_name, p.place_country, p.place_admin1, p.latitude, p.longitude,
               p.gazetteer_id, p.place_precision
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
        place_id = agg.place_id, place_name = agg.place_name, place_country = agg.place_country,
        place_admin1 = agg.place_admin1, latitude = agg.latitude, longitude = agg.longitude,
        gazetteer_id = agg.gazetteer_id, place_precision = agg.place_precision
    FROM agg
    WHERE e.event_id = agg.event_id
      AND (e.num_mentions, e.num_articles, e.num_sources, e.first_seen, e.last_seen, e.article_ids, e.source_names,
           e.evidence, e.evidence_mention_id, e.evidence_article_id, e.confidence, e.modality, e.event_mode,
           e.actor1_id, e.actor1_name, e.actor1_country, e.actor1_sector,
           e.actor2_id, e.actor2_name, e.actor2_country, e.actor2_sector,
           e.date_start, e.date_end, e.date_precision,
           e.place_id, e.place_name, e.place_country, e.place_admin1, e.latitude, e.longitude,
           e.gazetteer_id, e.place_precision)
          IS DISTINCT FROM
          (agg.num_mentions, agg.num_articles, agg.num_sources, agg.first_seen, agg.last_seen, agg.article_ids,
           agg.source_names, agg.quote, agg.mention_id, agg.evidence_article_id, agg.confidence, agg.modality,
           agg.event_mode, agg.actor1_id, agg.actor1_name, agg.actor1_country, agg.actor1_sector,
           agg.actor2_id, agg.actor2_name, agg.actor2_country, agg.actor2_sector,
           agg.date_start, agg.date_end, agg.date_precision,
           agg.place_id, agg.place_name, agg.place_country, agg.place_admin1, agg.latitude, agg.longitude,
           agg.gazetteer_id, agg.place_precision);
$$;

SELECT refresh_events(ARRAY(SELECT event_id FROM events));


-- Views. events_export keeps DESIGN.md's columns first, in order (more follow).
DROP VIEW events_export;
CREATE VIEW events_export AS
SELECT e.event_id,
       e.event_type,
       e.event_mode,
       e.cameo_root,
       e.quad_class,
       e.actor1_name,
       e.actor1_country,
       e.actor1_sector,
       e.actor2_name,
       e.actor2_country,
       e.actor2_sector,
       e.date_start          AS event_date,
       e.date_precision,
       e.place_name,
       e.place_country,
       e.latitude,
       e.longitude,
       e.num_mentions,
       e.num_articles,
       e.num_sources,
       e.confidence,
       e.first_seen,
       e.last_seen,
       e.article_ids,
       e.source_names,
       e.evidence,
       e.date_end            AS event_date_end,
       e.place_admin1,
       e.modality,
       e.event_day,
       e.actor1_id,
       e.actor2_id,
       e.place_id,
       e.gazetteer_id,
       e.place_precision,
       e.evidence_mention_id,
       e.evidence_article_id
FROM events e
WHERE e.num_mentions > 0;

-- Every mention with its article: the evidence behind each event.
CREATE VIEW event_evidence AS
SELECT m.event_id,
       m.mention_id,
       m.event_type,
       m.event_mode,
       m.article_id,
       a.title                                               AS article_title,
       coalesce(a.canonical_url, a.final_url, a.url_or_path) AS article_url,
       a.source_name,
       a.published_at,
       m.sentence_index,
       m.char_start,
       m.char_end,
       m.quote,
       m.quote_language,
       m.modality,
       m.confidence,
       m.actor1_text,
       m.actor1_name,
       m.actor2_text,
       m.actor2_name,
       m.date_start,
       m.date_precision,
       m.date_resolution,
       m.place_name,
       m.extractor_version,
       m.extracted_at
FROM event_mentions m
LEFT JOIN articles a ON a.article_id = m.article_id;

-- The latest events, newest report first, each with its strongest quote and where it is from.
CREATE VIEW latest_events AS
SELECT e.event_id,
       e.last_seen,
       e.first_seen,
       e.event_day,
       e.date_start                                          AS event_date,
       e.date_precision,
       e.event_type,
       e.event_mode,
       e.quad_class,
       e.modality,
       e.actor1_name,
       e.actor1_country,
       e.actor2_name,
       e.actor2_country,
       e.place_name,
       e.place_country,
       e.latitude,
       e.longitude,
       e.num_mentions,
       e.num_articles,
       e.num_sources,
       e.confidence,
       e.evidence                                            AS quote,
       m.quote_language,
       e.evidence_article_id                                 AS article_id,
       a.title                                               AS article_title,
       coalesce(a.canonical_url, a.final_url, a.url_or_path) AS article_url,
       a.source_name,
       a.published_at
FROM events e
LEFT JOIN event_mentions m ON m.mention_id = e.evidence_mention_id
LEFT JOIN articles a ON a.article_id = e.evidence_article_id
WHERE e.num_mentions > 0
ORDER BY e.last_seen DESC, e.event_id;

CREATE VIEW events_daily_by_type AS
SELECT e.event_day                                             AS day,
       e.event_type,
       e.quad_class,
       count(*)::integer                                       AS num_events,
       count(*) FILTER (WHERE e.date_precision = 'day')::integer AS num_dated_events,
       sum(e.num_mentions)::integer                            AS num_mentions,
       sum(e.num_articles)::integer                            AS num_articles
FROM events e
WHERE e.num_mentions > 0
GROUP BY e.event_day, e.event_type, e.quad_class;

CREATE VIEW events_daily_by_country AS
SELECT e.event_day                                             AS day,
       e.place_country                                         AS country,
       count(*)::integer                                       AS num_events,
       count(*) FILTER (WHERE e.quad_class IN (1, 2))::integer AS num_cooperative,
       count(*) FILTER (WHERE e.quad_class IN (3, 4))::integer AS num_conflictual,
       count(*) FILTER (WHERE e.date_precision = 'day')::integer AS num_dated_events,
       sum(e.num_mentions)::integer                            AS num_mentions,
       sum(e.num_articles)::integer                            AS num_articles
FROM events e
WHERE e.num_mentions > 0
GROUP BY e.event_day, e.place_country;

CREATE VIEW events_daily_by_actor AS
WITH roles AS (
    SELECT e.event_id, e.event_day, e.quad_class, e.num_mentions, r.actor_id,
           bool_or(r.role = 1) AS as_actor1, bool_or(r.role = 2) AS as_actor2
    FROM events e
    CROSS JOIN LATERAL (VALUES (1, e.actor1_id), (2, e.actor2_id)) AS r (role, actor_id)
    WHERE e.num_mentions > 0 AND r.actor_id IS NOT NULL
    GROUP BY e.event_id, r.actor_id
)
SELECT r.event_day                                             AS day,
       a.actor_id,
       a.name                                                  AS actor_name,
       a.country                                               AS actor_country,
       a.sector                                                AS actor_sector,
       count(*)::integer                                       AS num_events,
       count(*) FILTER (WHERE r.as_actor1)::integer            AS num_as_actor1,
       count(*) FILTER (WHERE r.as_actor2)::integer            AS num_as_actor2,
       count(*) FILTER (WHERE r.quad_class IN (1, 2))::integer AS num_cooperative,
       count(*) FILTER (WHERE r.quad_class IN (3, 4))::integer AS num_conflictual,
       sum(r.num_mentions)::integer                            AS num_mentions
FROM roles r
JOIN actors a ON a.actor_id = r.actor_id
GROUP BY r.event_day, a.actor_id;

-- Who does what to whom: directed dyads over all time.
CREATE VIEW dyads AS
SELECT e.actor1_id,
       a1.name                                                 AS actor1_name,
       a1.country                                              AS actor1_country,
       a1.sector                                               AS actor1_sector,
       e.actor2_id,
       a2.name                                                 AS actor2_name,
       a2.country                                              AS actor2_country,
       a2.sector                                               AS actor2_sector,
       count(*)::integer                                       AS num_events,
       count(*) FILTER (WHERE e.quad_class IN (1, 2))::integer AS num_cooperative,
       count(*) FILTER (WHERE e.quad_class IN (3, 4))::integer AS num_conflictual,
       sum(e.num_mentions)::integer                            AS num_mentions,
       array_agg(DISTINCT e.event_type ORDER BY e.event_type)  AS event_types,
       min(e.event_day)                                        AS first_day,
       max(e.event_day)                                        AS last_day
FROM events e
JOIN actors a1 ON a1.actor_id = e.actor1_id
JOIN actors a2 ON a2.actor_id = e.actor2_id
WHERE e.num_mentions > 0
GROUP BY e.actor1_id, a1.actor_id, e.actor2_id, a2.actor_id;

-- Each actor over all time, with the ways it is written.
CREATE VIEW actor_activity AS
SELECT a.actor_id,
       a.name                                                   AS actor_name,
       a.country                                                AS actor_country,
       a.sector                                                 AS actor_sector,
       coalesce((SELECT array_agg(al.alias ORDER BY al.alias) FROM actor_aliases al WHERE al.actor_id = a.actor_id),
                '{}'::text[])                                   AS aliases,
       count(DISTINCT e.event_id)::integer                      AS num_events,
       count(DISTINCT e.event_id) FILTER (WHERE e.quad_class IN (1, 2))::integer AS num_cooperative,
       count(DISTINCT e.event_id) FILTER (WHERE e.quad_class IN (3, 4))::integer AS num_conflictual,
       coalesce(sum(e.num_mentions), 0)::integer                AS num_mentions,
       min(e.event_day)                                         AS first_day,
       max(e.event_day)                                         AS last_day
FROM actors a
LEFT JOIN events e ON (e.actor1_id = a.actor_id OR e.actor2_id = a.actor_id) AND e.num_mentions > 0
GROUP BY a.actor_id;

-- Articles and the duplicates reported of them.
CREATE VIEW article_duplicates AS
SELECT d.duplicate_of AS article_id,
       o.title,
       o.source_name,
       d.article_id   AS duplicate_id,
       d.source_name  AS duplicate_source_name,
       d.url_or_path  AS duplicate_url_or_path,
       d.dedup_verdict,
       d.similarity,
       d.fetched_at   AS duplicate_fetched_at
FROM articles d
LEFT JOIN articles o ON o.article_id = d.duplicate_of
WHERE d.duplicate_of IS NOT NULL;

-- The dashboard role reads the views and nothing else; the functions are the writer's.
REVOKE ALL ON FUNCTION refresh_events(text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION sahel_actor_id(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION sahel_place_id(text, text, text, text, text, double precision, double precision) FROM PUBLIC;
GRANT SELECT ON events_export, articles_export, event_evidence, latest_events, events_daily_by_type,
                events_daily_by_country, events_daily_by_actor, dyads, actor_activity, article_duplicates
    TO sahel_dashboard;
