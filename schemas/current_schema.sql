--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: sahel_date_rank; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.sahel_date_rank AS (
	precision_rank integer,
	resolution_rank integer,
	width integer,
	neg_confidence double precision,
	mention_id text
);

--
-- Name: sahel_evidence_rank; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.sahel_evidence_rank AS (
	modality_class integer,
	neg_confidence double precision,
	modality_rank integer,
	mention_id text
);

--
-- Name: sahel_place_key; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.sahel_place_key AS (
	precision_rank integer,
	no_point boolean,
	neg_confidence double precision,
	mention_id text
);

--
-- Name: refresh_events(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.refresh_events(ids text[]) RETURNS void
    LANGUAGE sql
    AS $$
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

--
-- Name: sahel_actor_id(text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_actor_id(name text, country text, sector text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT 'act_' || left(encode(sha256(convert_to(
        coalesce(name, '') || chr(31) || coalesce(country, '') || chr(31) || coalesce(sector, '') || chr(31),
        'UTF8')), 'hex'), 32)
$$;

--
-- Name: sahel_check_actors_unreferenced(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_check_actors_unreferenced() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM removed r JOIN event_mentions m ON r.actor_id IN (m.actor1_id, m.actor2_id)) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'event_mentions_references: a deleted actor is still referenced by a mention',
            CONSTRAINT = 'event_mentions_references', TABLE = 'actors';
    END IF;
    RETURN NULL;
END
$$;

--
-- Name: sahel_check_events_unreferenced(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_check_events_unreferenced() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM removed r JOIN event_mentions m ON m.event_id = r.event_id) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'event_mentions_references: a deleted event still has mentions',
            CONSTRAINT = 'event_mentions_references', TABLE = 'events';
    END IF;
    RETURN NULL;
END
$$;

--
-- Name: sahel_check_extraction_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_check_extraction_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

--
-- Name: sahel_check_mention_references(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_check_mention_references() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    bad text;
BEGIN
    IF NOT (
        EXISTS (SELECT 1 FROM (SELECT DISTINCT event_id, event_type FROM written) w
                LEFT JOIN LATERAL (SELECT 1 AS found FROM events e
                                   WHERE e.event_id = w.event_id AND e.event_type = w.event_type LIMIT 1) f ON true
                WHERE f.found IS NULL)
        OR EXISTS (SELECT 1
                   FROM (SELECT actor1_id AS id, actor1_name AS name, actor1_country AS country,
                                actor1_sector AS sector FROM written
                         UNION
                         SELECT actor2_id, actor2_name, actor2_country, actor2_sector FROM written) a
                   LEFT JOIN LATERAL (SELECT 1 AS found FROM actors x
                                      WHERE x.actor_id = a.id AND x.name = a.name
                                        AND x.country IS NOT DISTINCT FROM a.country
                                        AND x.sector IS NOT DISTINCT FROM a.sector LIMIT 1) f ON true
                   WHERE (a.id IS NULL) <> (a.name IS NULL) OR (a.id IS NOT NULL AND f.found IS NULL))
        OR EXISTS (SELECT 1
                   FROM (SELECT DISTINCT place_id, place_name, place_country, place_admin1, latitude, longitude,
                                         gazetteer_id, place_precision
                         FROM written) w
                   LEFT JOIN LATERAL (SELECT 1 AS found FROM places p
                                      WHERE p.place_id = w.place_id AND p.name = w.place_name
                                        AND p.country IS NOT DISTINCT FROM w.place_country
                                        AND p.admin1 IS NOT DISTINCT FROM w.place_admin1
                                        AND p.latitude IS NOT DISTINCT FROM w.latitude
                                        AND p.longitude IS NOT DISTINCT FROM w.longitude
                                        AND p.gazetteer_id IS NOT DISTINCT FROM w.gazetteer_id
                                        AND p.place_precision = w.place_precision LIMIT 1) f ON true
                   WHERE (w.place_id IS NULL) <> (w.place_name IS NULL)
                      OR (w.place_id IS NOT NULL AND f.found IS NULL))
        OR EXISTS (SELECT 1 FROM (SELECT DISTINCT article_id, extractor_version FROM written) w
                   LEFT JOIN LATERAL (SELECT 1 AS found FROM article_extractions s
                                      WHERE s.article_id = w.article_id
                                        AND s.extractor_version = w.extractor_version LIMIT 1) f ON true
                   WHERE f.found IS NULL)
    ) THEN
        RETURN NULL;
    END IF;
    -- Some reference fails: name the first mention with a problem, as 0003 did.
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
    RAISE foreign_key_violation USING
        MESSAGE = 'event_mentions_references: mention ' || coalesce(bad, '(not found again)'),
        CONSTRAINT = 'event_mentions_references', TABLE = 'event_mentions';
END
$$;

--
-- Name: sahel_check_places_unreferenced(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_check_places_unreferenced() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM removed r JOIN event_mentions m ON m.place_id = r.place_id) THEN
        RAISE foreign_key_violation USING
            MESSAGE = 'event_mentions_references: a deleted place is still referenced by a mention',
            CONSTRAINT = 'event_mentions_references', TABLE = 'places';
    END IF;
    RETURN NULL;
END
$$;

--
-- Name: sahel_current_event_id(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_current_event_id(id text) RETURNS text
    LANGUAGE sql STABLE
    AS $$
    SELECT coalesce((SELECT kept_id FROM event_aliases WHERE event_id = id), id)
$$;

--
-- Name: sahel_date_rank(text, text, date, date, double precision, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_date_rank(date_precision text, date_resolution text, date_start date, date_end date, confidence double precision, mention_id text) RETURNS public.sahel_date_rank
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT ROW(CASE date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, CASE date_resolution WHEN 'stated' THEN 0 WHEN 'inferred' THEN 1 WHEN 'relative_to_publication' THEN 2 ELSE 3 END, date_end - date_start, -confidence, mention_id)::sahel_date_rank
$$;

--
-- Name: sahel_event_type_unchanged(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_event_type_unchanged() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.event_type IS DISTINCT FROM OLD.event_type THEN
        RAISE check_violation USING MESSAGE = 'events: event_type never changes', TABLE = 'events';
    END IF;
    RETURN NEW;
END
$$;

--
-- Name: sahel_evidence_rank(text, double precision, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_evidence_rank(modality text, confidence double precision, mention_id text) RETURNS public.sahel_evidence_rank
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT ROW(CASE modality WHEN 'asserted' THEN 0 WHEN 'reported' THEN 0 WHEN 'planned' THEN 1 WHEN 'background' THEN 1 ELSE 2 END, -confidence, sahel_modality_rank(modality), mention_id)::sahel_evidence_rank
$$;

--
-- Name: sahel_grant_service_roles(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_grant_service_roles() RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    t record;
    f regprocedure;
    svc text;
BEGIN
    FOR t IN
        SELECT c.relname, c.relkind
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S') AND c.relname <> '_sqlx_migrations'
    LOOP
        svc := CASE
            WHEN t.relname LIKE 'crawl\_%' THEN 'sahel_fetcher'
            WHEN t.relname LIKE 'dedup\_%' OR t.relname LIKE 'near\_dup\_%' THEN 'sahel_normalizer'
            ELSE 'sahel_writer'
        END;
        IF t.relkind = 'S' THEN
            EXECUTE format('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %I TO %I', t.relname, svc);
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %I TO %I', t.relname, svc);
        END IF;
    END LOOP;
    FOR f IN
        SELECT p.oid::regprocedure
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.prokind IN ('f', 'a', 'w') AND p.proname <> 'sahel_grant_service_roles'
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO sahel_writer', f);
    END LOOP;
    GRANT SELECT ON TABLE _sqlx_migrations TO sahel_fetcher, sahel_normalizer, sahel_writer;
END
$$;

--
-- Name: sahel_immutable(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_immutable() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE check_violation USING MESSAGE = format('%s rows are immutable (ids derive from their values)', TG_TABLE_NAME);
END
$$;

--
-- Name: sahel_modality_rank(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_modality_rank(modality text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE modality WHEN 'asserted' THEN 0 WHEN 'reported' THEN 1 WHEN 'planned' THEN 2 WHEN 'background' THEN 3 WHEN 'hypothetical' THEN 4 ELSE 5 END
$$;

--
-- Name: sahel_place_id(text, text, text, text, text, double precision, double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_place_id(name text, country text, admin1 text, gazetteer_id text, place_precision text, latitude double precision, longitude double precision) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT 'plc_' || left(encode(sha256(convert_to(
        coalesce(name, '') || chr(31) || coalesce(country, '') || chr(31) || coalesce(admin1, '') || chr(31) ||
        coalesce(gazetteer_id, '') || chr(31) || coalesce(place_precision, '') || chr(31) ||
        coalesce(latitude::text, '') || chr(31) || coalesce(longitude::text, '') || chr(31),
        'UTF8')), 'hex'), 32)
$$;

--
-- Name: sahel_place_key(text, double precision, double precision, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_place_key(place_precision text, latitude double precision, confidence double precision, mention_id text) RETURNS public.sahel_place_key
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT ROW(sahel_place_rank(place_precision), latitude IS NULL, -confidence, mention_id)::sahel_place_key
$$;

--
-- Name: sahel_place_rank(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_place_rank(place_precision text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE place_precision WHEN 'point' THEN 0 WHEN 'site' THEN 0 WHEN 'city' THEN 1 WHEN 'town' THEN 1 WHEN 'admin2' THEN 2 WHEN 'admin1' THEN 3 WHEN 'region' THEN 4 WHEN 'river' THEN 4 WHEN 'lake' THEN 4 WHEN 'country' THEN 5 ELSE 6 END
$$;

--
-- Name: sahel_union(text[], text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.sahel_union(a text[], b text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}'::text[]) FROM unnest(a || b) AS u (x)
$$;

--
-- Name: actor_activity; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.actor_activity AS
SELECT
    NULL::text AS actor_id,
    NULL::text AS actor_name,
    NULL::text AS actor_country,
    NULL::text AS actor_sector,
    NULL::text[] AS aliases,
    NULL::integer AS num_events,
    NULL::integer AS num_cooperative,
    NULL::integer AS num_conflictual,
    NULL::integer AS num_mentions,
    NULL::date AS first_day,
    NULL::date AS last_day;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: actor_aliases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.actor_aliases (
    actor_id text NOT NULL,
    alias text NOT NULL,
    CONSTRAINT actor_aliases_alias_check CHECK ((alias <> ''::text))
);

--
-- Name: actors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.actors (
    actor_id text NOT NULL,
    name text NOT NULL,
    country text,
    sector text,
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT actors_country_check CHECK ((country ~ '^[A-Z][A-Z0-9]{1,9}$'::text)),
    CONSTRAINT actors_id_is_derived CHECK ((actor_id = public.sahel_actor_id(name, country, sector))),
    CONSTRAINT actors_name_check CHECK ((name <> ''::text)),
    CONSTRAINT actors_sector_check CHECK ((sector <> ''::text))
);

--
-- Name: articles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.articles (
    article_id text NOT NULL,
    document_id text NOT NULL,
    source_name text NOT NULL,
    url_or_path text NOT NULL,
    final_url text,
    canonical_url text,
    title text,
    byline text,
    language text NOT NULL,
    language_confidence double precision NOT NULL,
    published_at timestamp with time zone,
    published_precision text,
    published_source text,
    main_text text,
    paragraphs jsonb,
    word_count integer NOT NULL,
    text_sha256 text NOT NULL,
    dedup_verdict text NOT NULL,
    duplicate_of text,
    similarity double precision,
    fetched_at timestamp with time zone NOT NULL,
    normalizer_version text NOT NULL,
    written_at timestamp with time zone DEFAULT now() NOT NULL,
    normalized_at timestamp with time zone,
    CONSTRAINT articles_article_id_check CHECK ((article_id ~~ 'art\_%'::text)),
    CONSTRAINT articles_check CHECK (((dedup_verdict = 'unique'::text) = (duplicate_of IS NULL))),
    CONSTRAINT articles_check1 CHECK (((dedup_verdict = 'unique'::text) = (main_text IS NOT NULL))),
    CONSTRAINT articles_check2 CHECK (((published_at IS NULL) OR ((published_precision IS NOT NULL) AND (published_source IS NOT NULL)))),
    CONSTRAINT articles_dedup_verdict_check CHECK ((dedup_verdict = ANY (ARRAY['unique'::text, 'exact_duplicate'::text, 'near_duplicate'::text]))),
    CONSTRAINT articles_document_id_check CHECK ((document_id ~~ 'doc\_%'::text)),
    CONSTRAINT articles_duplicate_of_format CHECK ((duplicate_of ~~ 'art\_%'::text)),
    CONSTRAINT articles_language_confidence_check CHECK (((language_confidence >= (0)::double precision) AND (language_confidence <= (1)::double precision))),
    CONSTRAINT articles_language_format CHECK ((language ~ '^[a-z]{2,3}$'::text)),
    CONSTRAINT articles_location_not_empty CHECK ((url_or_path <> ''::text)),
    CONSTRAINT articles_not_own_duplicate CHECK ((duplicate_of <> article_id)),
    CONSTRAINT articles_published_complete CHECK ((((published_at IS NULL) = (published_precision IS NULL)) AND ((published_at IS NULL) = (published_source IS NULL)))),
    CONSTRAINT articles_published_precision_check CHECK ((published_precision = ANY (ARRAY['time'::text, 'day'::text, 'month'::text, 'year'::text]))),
    CONSTRAINT articles_published_source_check CHECK ((published_source = ANY (ARRAY['meta_tag'::text, 'json_ld'::text, 'time_element'::text, 'url'::text, 'feed'::text, 'text'::text, 'inferred'::text]))),
    CONSTRAINT articles_sha256_format CHECK ((text_sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT articles_similarity_check CHECK (((similarity >= (0)::double precision) AND (similarity <= (1)::double precision))),
    CONSTRAINT articles_similarity_only_for_duplicates CHECK (((similarity IS NULL) OR (duplicate_of IS NOT NULL))),
    CONSTRAINT articles_word_count_check CHECK ((word_count >= 0))
);

--
-- Name: article_duplicates; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.article_duplicates AS
 SELECT d.duplicate_of AS article_id,
    o.title,
    o.source_name,
    d.article_id AS duplicate_id,
    d.source_name AS duplicate_source_name,
    d.url_or_path AS duplicate_url_or_path,
    d.dedup_verdict,
    d.similarity,
    d.fetched_at AS duplicate_fetched_at
   FROM (public.articles d
     LEFT JOIN public.articles o ON ((o.article_id = d.duplicate_of)))
  WHERE (d.duplicate_of IS NOT NULL);

--
-- Name: article_extractions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.article_extractions (
    article_id text NOT NULL,
    extractor_version text,
    extracted_at timestamp with time zone NOT NULL,
    requested_at timestamp with time zone,
    CONSTRAINT article_extractions_article_id_check CHECK ((article_id ~~ 'art\_%'::text)),
    CONSTRAINT article_extractions_extractor_version_check CHECK ((extractor_version <> ''::text))
);

--
-- Name: article_locks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.article_locks (
    article_id text NOT NULL
);

--
-- Name: articles_export; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.articles_export AS
 SELECT a.article_id,
    a.source_name,
    a.url_or_path,
    a.title,
    a.language,
    a.published_at,
    a.published_precision,
    a.duplicate_of,
    a.word_count,
    a.fetched_at,
    a.dedup_verdict,
    a.similarity,
    a.language_confidence
   FROM public.articles a;

--
-- Name: crawl_seen_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crawl_seen_items (
    source_name text NOT NULL,
    item_key text NOT NULL,
    url text,
    outcome text NOT NULL,
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: crawl_sources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crawl_sources (
    name text NOT NULL,
    kind text NOT NULL,
    last_run_at timestamp with time zone,
    next_due_at timestamp with time zone,
    consecutive_failures integer DEFAULT 0 NOT NULL,
    last_summary jsonb,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT crawl_sources_consecutive_failures_check CHECK ((consecutive_failures >= 0)),
    CONSTRAINT crawl_sources_kind_check CHECK ((kind = ANY (ARRAY['files'::text, 'urls'::text, 'feed'::text, 'sitemap'::text])))
);

--
-- Name: crawl_urls; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.crawl_urls (
    url text NOT NULL,
    source_name text NOT NULL,
    final_url text,
    http_status smallint,
    etag text,
    last_modified text,
    content_sha256 text,
    document_id text,
    fetched_at timestamp with time zone,
    next_due_at timestamp with time zone,
    failure_count integer DEFAULT 0 NOT NULL,
    last_error_class text,
    last_error text,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT crawl_urls_failure_count_check CHECK ((failure_count >= 0))
);

--
-- Name: dead_letter_replays; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dead_letter_replays (
    dedup_key text NOT NULL,
    replayed_at timestamp with time zone DEFAULT now() NOT NULL,
    replayed_to text NOT NULL,
    replayed_partition integer NOT NULL,
    replayed_offset bigint NOT NULL,
    times integer DEFAULT 1 NOT NULL,
    CONSTRAINT dead_letter_replays_times_check CHECK ((times >= 1))
);

--
-- Name: dead_letters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dead_letters (
    dedup_key text NOT NULL,
    dlq_topic text NOT NULL,
    dlq_partition integer NOT NULL,
    dlq_offset bigint NOT NULL,
    original_topic text,
    original_partition integer,
    original_offset bigint,
    service text,
    error_kind text,
    error text,
    message_key text,
    payload_excerpt text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT dead_letters_offsets CHECK (((dlq_offset >= 0) AND (dlq_partition >= 0))),
    CONSTRAINT dead_letters_topic_format CHECK ((dlq_topic ~~ '%.dlq'::text))
);

--
-- Name: dedup_fingerprints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dedup_fingerprints (
    text_sha256 text NOT NULL,
    article_id text NOT NULL,
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: dyads; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.dyads AS
SELECT
    NULL::text AS actor1_id,
    NULL::text AS actor1_name,
    NULL::text AS actor1_country,
    NULL::text AS actor1_sector,
    NULL::text AS actor2_id,
    NULL::text AS actor2_name,
    NULL::text AS actor2_country,
    NULL::text AS actor2_sector,
    NULL::integer AS num_events,
    NULL::integer AS num_cooperative,
    NULL::integer AS num_conflictual,
    NULL::integer AS num_mentions,
    NULL::text[] AS event_types,
    NULL::date AS first_day,
    NULL::date AS last_day;

--
-- Name: event_aliases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_aliases (
    event_id text NOT NULL,
    kept_id text NOT NULL,
    score double precision NOT NULL,
    agreed jsonb DEFAULT '[]'::jsonb NOT NULL,
    merged_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT event_aliases_check CHECK ((kept_id <> event_id))
);

--
-- Name: event_mentions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_mentions (
    mention_id text NOT NULL,
    event_id text NOT NULL,
    article_id text NOT NULL,
    event_type text NOT NULL,
    event_mode text,
    cameo_root text NOT NULL,
    quad_class smallint NOT NULL,
    actor1_text text,
    actor1_name text,
    actor1_country text,
    actor1_sector text,
    actor2_text text,
    actor2_name text,
    actor2_country text,
    actor2_sector text,
    date_start date,
    date_end date,
    date_precision text,
    date_resolution text,
    place_name text,
    place_country text,
    place_admin1 text,
    latitude double precision,
    longitude double precision,
    gazetteer_id text,
    place_precision text,
    sentence_index integer NOT NULL,
    char_start integer NOT NULL,
    char_end integer NOT NULL,
    quote text NOT NULL,
    quote_language text NOT NULL,
    modality text NOT NULL,
    confidence double precision NOT NULL,
    extractor_version text NOT NULL,
    actor1_id text,
    actor2_id text,
    place_id text,
    extracted_at timestamp with time zone NOT NULL,
    written_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT event_mentions_article_format CHECK ((article_id ~~ 'art\_%'::text)),
    CONSTRAINT event_mentions_cameo_root CHECK ((cameo_root ~ '^(0[1-9]|1[0-9]|20)$'::text)),
    CONSTRAINT event_mentions_char_start_check CHECK ((char_start >= 0)),
    CONSTRAINT event_mentions_check CHECK ((char_end > char_start)),
    CONSTRAINT event_mentions_confidence_check CHECK (((confidence >= (0)::double precision) AND (confidence <= (1)::double precision))),
    CONSTRAINT event_mentions_coordinates_paired CHECK (((latitude IS NULL) = (longitude IS NULL))),
    CONSTRAINT event_mentions_date_complete CHECK ((((date_start IS NULL) = (date_end IS NULL)) AND ((date_start IS NULL) = (date_precision IS NULL)) AND ((date_start IS NULL) = (date_resolution IS NULL)) AND (date_end >= date_start))),
    CONSTRAINT event_mentions_date_precision_check CHECK ((date_precision = ANY (ARRAY['day'::text, 'month'::text, 'year'::text]))),
    CONSTRAINT event_mentions_date_resolution_check CHECK ((date_resolution = ANY (ARRAY['stated'::text, 'relative_to_publication'::text, 'relative_to_text'::text, 'inferred'::text]))),
    CONSTRAINT event_mentions_latitude_check CHECK (((latitude >= ('-90'::integer)::double precision) AND (latitude <= (90)::double precision))),
    CONSTRAINT event_mentions_longitude_check CHECK (((longitude >= ('-180'::integer)::double precision) AND (longitude <= (180)::double precision))),
    CONSTRAINT event_mentions_mention_id_check CHECK ((mention_id ~~ 'men\_%'::text)),
    CONSTRAINT event_mentions_modality_check CHECK ((modality = ANY (ARRAY['asserted'::text, 'reported'::text, 'planned'::text, 'hypothetical'::text, 'negated'::text, 'background'::text]))),
    CONSTRAINT event_mentions_mode_format CHECK ((event_mode ~ '^[a-z][a-z0-9_-]*$'::text)),
    CONSTRAINT event_mentions_place_precision CHECK ((place_precision ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT event_mentions_quad_class_check CHECK (((quad_class >= 1) AND (quad_class <= 4))),
    CONSTRAINT event_mentions_quote_is_span CHECK (((quote <> ''::text) AND (char_length(quote) = (char_end - char_start)))),
    CONSTRAINT event_mentions_quote_language CHECK ((quote_language ~ '^[a-z]{2,3}$'::text)),
    CONSTRAINT event_mentions_sentence_index_check CHECK ((sentence_index >= 0)),
    CONSTRAINT event_mentions_version_not_empty CHECK ((extractor_version <> ''::text))
);

--
-- Name: event_evidence; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.event_evidence AS
 SELECT m.event_id,
    m.mention_id,
    m.event_type,
    m.event_mode,
    m.article_id,
    a.title AS article_title,
    COALESCE(a.canonical_url, a.final_url, a.url_or_path) AS article_url,
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
   FROM (public.event_mentions m
     LEFT JOIN public.articles a ON ((a.article_id = m.article_id)));

--
-- Name: event_facts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_facts (
    event_id text NOT NULL,
    event_type text NOT NULL,
    reality text NOT NULL,
    lo date,
    hi date,
    facts jsonb NOT NULL,
    reports integer DEFAULT 1 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT event_facts_check CHECK (((lo IS NULL) OR (hi IS NULL) OR (lo <= hi))),
    CONSTRAINT event_facts_reality_check CHECK ((reality = ANY (ARRAY['real'::text, 'negated'::text, 'hypothetical'::text]))),
    CONSTRAINT event_facts_reports_check CHECK ((reports >= 1))
);

--
-- Name: event_links; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event_links (
    article_id text NOT NULL,
    proposed_event_id text NOT NULL,
    event_id text NOT NULL,
    score double precision,
    agreed jsonb DEFAULT '[]'::jsonb NOT NULL,
    linked_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: event_merges; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.event_merges AS
 SELECT a.event_id AS absorbed_event_id,
    a.kept_id AS kept_event_id,
    a.score,
    a.agreed,
    a.merged_at
   FROM public.event_aliases a;

--
-- Name: event_resolution; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.event_resolution AS
 SELECT l.event_id,
    l.article_id,
    l.proposed_event_id,
    l.score,
    (l.score IS NULL) AS started_event,
    l.agreed,
    l.linked_at
   FROM public.event_links l;

--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    event_id text NOT NULL,
    event_type text NOT NULL,
    event_mode text,
    cameo_root text NOT NULL,
    quad_class smallint NOT NULL,
    actor1_name text,
    actor1_country text,
    actor1_sector text,
    actor2_name text,
    actor2_country text,
    actor2_sector text,
    date_start date,
    date_end date,
    date_precision text,
    place_name text,
    place_country text,
    place_admin1 text,
    latitude double precision,
    longitude double precision,
    gazetteer_id text,
    place_precision text,
    confidence double precision,
    evidence text,
    num_mentions integer DEFAULT 0 NOT NULL,
    num_articles integer DEFAULT 0 NOT NULL,
    num_sources integer DEFAULT 0 NOT NULL,
    first_seen timestamp with time zone,
    last_seen timestamp with time zone,
    article_ids text[] DEFAULT '{}'::text[] NOT NULL,
    source_names text[] DEFAULT '{}'::text[] NOT NULL,
    modality text,
    actor1_id text,
    actor2_id text,
    place_id text,
    evidence_mention_id text,
    evidence_article_id text,
    event_day date GENERATED ALWAYS AS (
CASE
    WHEN (date_precision = 'day'::text) THEN date_start
    ELSE ((first_seen AT TIME ZONE 'UTC'::text))::date
END) STORED,
    date_resolution text,
    date_confidence double precision,
    date_mention_id text,
    place_confidence double precision,
    place_mention_id text,
    CONSTRAINT events_cameo_root CHECK ((cameo_root ~ '^(0[1-9]|1[0-9]|20)$'::text)),
    CONSTRAINT events_cameo_root_check CHECK ((cameo_root ~ '^[0-9]{2}$'::text)),
    CONSTRAINT events_check CHECK (((date_start IS NULL) OR ((date_end >= date_start) AND (date_precision IS NOT NULL)))),
    CONSTRAINT events_confidence_check CHECK (((confidence >= (0)::double precision) AND (confidence <= (1)::double precision))),
    CONSTRAINT events_coordinates_paired CHECK (((latitude IS NULL) = (longitude IS NULL))),
    CONSTRAINT events_counts CHECK ((((num_articles >= 0) AND (num_articles <= num_mentions)) AND ((num_sources >= 0) AND (num_sources <= num_articles)) AND (cardinality(article_ids) = num_articles) AND (cardinality(source_names) = num_sources))),
    CONSTRAINT events_date_complete CHECK ((((date_start IS NULL) = (date_end IS NULL)) AND ((date_start IS NULL) = (date_precision IS NULL)))),
    CONSTRAINT events_date_keys CHECK ((((date_start IS NULL) = (date_resolution IS NULL)) AND ((date_start IS NULL) = (date_confidence IS NULL)) AND ((date_start IS NULL) = (date_mention_id IS NULL)))),
    CONSTRAINT events_date_precision_check CHECK ((date_precision = ANY (ARRAY['day'::text, 'month'::text, 'year'::text]))),
    CONSTRAINT events_event_id_check CHECK ((event_id ~~ 'evt\_%'::text)),
    CONSTRAINT events_event_type_check CHECK ((event_type = ANY (ARRAY['AGREE'::text, 'CONSULT'::text, 'SUPPORT'::text, 'CONCEDE'::text, 'COOPERATE'::text, 'AID'::text, 'RETREAT'::text, 'INVESTIGATE'::text, 'DEMAND'::text, 'DISAPPROVE'::text, 'REJECT'::text, 'THREATEN'::text, 'SANCTION'::text, 'PROTEST'::text, 'CRIME'::text, 'MOBILIZE'::text, 'COERCE'::text, 'ASSAULT'::text]))),
    CONSTRAINT events_evidence_complete CHECK (((num_mentions = 0) OR ((evidence IS NOT NULL) AND (modality IS NOT NULL) AND (first_seen IS NOT NULL) AND (confidence IS NOT NULL)))),
    CONSTRAINT events_latitude_check CHECK (((latitude >= ('-90'::integer)::double precision) AND (latitude <= (90)::double precision))),
    CONSTRAINT events_longitude_check CHECK (((longitude >= ('-180'::integer)::double precision) AND (longitude <= (180)::double precision))),
    CONSTRAINT events_modality_check CHECK ((modality = ANY (ARRAY['asserted'::text, 'reported'::text, 'planned'::text, 'hypothetical'::text, 'negated'::text, 'background'::text]))),
    CONSTRAINT events_mode_format CHECK ((event_mode ~ '^[a-z][a-z0-9_-]*$'::text)),
    CONSTRAINT events_num_mentions_check CHECK ((num_mentions >= 0)),
    CONSTRAINT events_place_keys CHECK ((((place_name IS NULL) = (place_confidence IS NULL)) AND ((place_name IS NULL) = (place_mention_id IS NULL)))),
    CONSTRAINT events_place_precision CHECK ((place_precision ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT events_quad_class_check CHECK (((quad_class >= 1) AND (quad_class <= 4))),
    CONSTRAINT events_seen_order CHECK ((first_seen <= last_seen))
);

--
-- Name: events_daily_by_actor; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.events_daily_by_actor AS
SELECT
    NULL::date AS day,
    NULL::text AS actor_id,
    NULL::text AS actor_name,
    NULL::text AS actor_country,
    NULL::text AS actor_sector,
    NULL::integer AS num_events,
    NULL::integer AS num_as_actor1,
    NULL::integer AS num_as_actor2,
    NULL::integer AS num_cooperative,
    NULL::integer AS num_conflictual,
    NULL::integer AS num_mentions;

--
-- Name: events_daily_by_country; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.events_daily_by_country AS
 SELECT e.event_day AS day,
    e.place_country AS country,
    (count(*))::integer AS num_events,
    (count(*) FILTER (WHERE (e.quad_class = ANY (ARRAY[1, 2]))))::integer AS num_cooperative,
    (count(*) FILTER (WHERE (e.quad_class = ANY (ARRAY[3, 4]))))::integer AS num_conflictual,
    (count(*) FILTER (WHERE (e.date_precision = 'day'::text)))::integer AS num_dated_events,
    (sum(e.num_mentions))::integer AS num_mentions,
    (sum(e.num_articles))::integer AS num_articles
   FROM public.events e
  WHERE (e.num_mentions > 0)
  GROUP BY e.event_day, e.place_country;

--
-- Name: events_daily_by_type; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.events_daily_by_type AS
 SELECT e.event_day AS day,
    e.event_type,
    e.quad_class,
    (count(*))::integer AS num_events,
    (count(*) FILTER (WHERE (e.date_precision = 'day'::text)))::integer AS num_dated_events,
    (sum(e.num_mentions))::integer AS num_mentions,
    (sum(e.num_articles))::integer AS num_articles
   FROM public.events e
  WHERE (e.num_mentions > 0)
  GROUP BY e.event_day, e.event_type, e.quad_class;

--
-- Name: events_export; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.events_export AS
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
    e.date_start AS event_date,
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
    e.date_end AS event_date_end,
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
   FROM public.events e
  WHERE (e.num_mentions > 0);

--
-- Name: latest_events; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.latest_events AS
 SELECT e.event_id,
    e.last_seen,
    e.first_seen,
    e.event_day,
    e.date_start AS event_date,
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
    e.evidence AS quote,
    m.quote_language,
    e.evidence_article_id AS article_id,
    a.title AS article_title,
    COALESCE(a.canonical_url, a.final_url, a.url_or_path) AS article_url,
    a.source_name,
    a.published_at
   FROM ((public.events e
     LEFT JOIN public.event_mentions m ON ((m.mention_id = e.evidence_mention_id)))
     LEFT JOIN public.articles a ON ((a.article_id = e.evidence_article_id)))
  WHERE (e.num_mentions > 0)
  ORDER BY e.last_seen DESC, e.event_id;

--
-- Name: near_dup_articles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.near_dup_articles (
    article_id text NOT NULL,
    scheme text NOT NULL,
    signature bytea NOT NULL,
    duplicate_of text,
    similarity double precision,
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT near_dup_articles_check CHECK (((duplicate_of IS NULL) = (similarity IS NULL))),
    CONSTRAINT near_dup_articles_similarity_check CHECK (((similarity IS NULL) OR ((similarity >= (0)::double precision) AND (similarity <= (1)::double precision))))
);

--
-- Name: near_dup_bands; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.near_dup_bands (
    band_key bigint NOT NULL,
    article_id text NOT NULL
);

--
-- Name: places; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.places (
    place_id text NOT NULL,
    name text NOT NULL,
    country text,
    admin1 text,
    latitude double precision,
    longitude double precision,
    gazetteer_id text,
    place_precision text NOT NULL,
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT places_admin1_check CHECK ((admin1 <> ''::text)),
    CONSTRAINT places_check CHECK (((latitude IS NULL) = (longitude IS NULL))),
    CONSTRAINT places_country_check CHECK ((country ~ '^[A-Z][A-Z0-9]{1,9}$'::text)),
    CONSTRAINT places_gazetteer_id_check CHECK ((gazetteer_id <> ''::text)),
    CONSTRAINT places_id_is_derived CHECK ((place_id = public.sahel_place_id(name, country, admin1, gazetteer_id, place_precision, latitude, longitude))),
    CONSTRAINT places_latitude_check CHECK (((latitude >= ('-90'::integer)::double precision) AND (latitude <= (90)::double precision))),
    CONSTRAINT places_longitude_check CHECK (((longitude >= ('-180'::integer)::double precision) AND (longitude <= (180)::double precision))),
    CONSTRAINT places_name_check CHECK ((name <> ''::text)),
    CONSTRAINT places_place_precision_check CHECK ((place_precision ~ '^[a-z][a-z0-9_]*$'::text))
);

--
-- Name: sources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sources (
    name text NOT NULL,
    kind text NOT NULL,
    first_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sources_kind_check CHECK ((kind = ANY (ARRAY['file'::text, 'directory'::text, 'url'::text, 'feed'::text, 'sitemap'::text]))),
    CONSTRAINT sources_name_not_empty CHECK ((name <> ''::text))
);

--
-- Name: actor_aliases actor_aliases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actor_aliases
    ADD CONSTRAINT actor_aliases_pkey PRIMARY KEY (actor_id, alias);

--
-- Name: actors actors_natural_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actors
    ADD CONSTRAINT actors_natural_key UNIQUE NULLS NOT DISTINCT (name, country, sector);

--
-- Name: actors actors_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actors
    ADD CONSTRAINT actors_pkey PRIMARY KEY (actor_id);

--
-- Name: article_extractions article_extractions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.article_extractions
    ADD CONSTRAINT article_extractions_pkey PRIMARY KEY (article_id);

--
-- Name: article_locks article_locks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.article_locks
    ADD CONSTRAINT article_locks_pkey PRIMARY KEY (article_id);

--
-- Name: articles articles_document_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.articles
    ADD CONSTRAINT articles_document_id_key UNIQUE (document_id);

--
-- Name: articles articles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.articles
    ADD CONSTRAINT articles_pkey PRIMARY KEY (article_id);

--
-- Name: crawl_seen_items crawl_seen_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crawl_seen_items
    ADD CONSTRAINT crawl_seen_items_pkey PRIMARY KEY (source_name, item_key);

--
-- Name: crawl_sources crawl_sources_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crawl_sources
    ADD CONSTRAINT crawl_sources_pkey PRIMARY KEY (name);

--
-- Name: crawl_urls crawl_urls_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.crawl_urls
    ADD CONSTRAINT crawl_urls_pkey PRIMARY KEY (url);

--
-- Name: dead_letter_replays dead_letter_replays_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dead_letter_replays
    ADD CONSTRAINT dead_letter_replays_pkey PRIMARY KEY (dedup_key);

--
-- Name: dead_letters dead_letters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dead_letters
    ADD CONSTRAINT dead_letters_pkey PRIMARY KEY (dedup_key);

--
-- Name: dedup_fingerprints dedup_fingerprints_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dedup_fingerprints
    ADD CONSTRAINT dedup_fingerprints_pkey PRIMARY KEY (text_sha256);

--
-- Name: event_aliases event_aliases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_aliases
    ADD CONSTRAINT event_aliases_pkey PRIMARY KEY (event_id);

--
-- Name: event_facts event_facts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_facts
    ADD CONSTRAINT event_facts_pkey PRIMARY KEY (event_id);

--
-- Name: event_links event_links_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_links
    ADD CONSTRAINT event_links_pkey PRIMARY KEY (article_id, proposed_event_id);

--
-- Name: event_mentions event_mentions_natural_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_mentions
    ADD CONSTRAINT event_mentions_natural_key UNIQUE (article_id, sentence_index, char_start, event_type);

--
-- Name: event_mentions event_mentions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event_mentions
    ADD CONSTRAINT event_mentions_pkey PRIMARY KEY (mention_id);

--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (event_id);

--
-- Name: near_dup_articles near_dup_articles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.near_dup_articles
    ADD CONSTRAINT near_dup_articles_pkey PRIMARY KEY (article_id);

--
-- Name: near_dup_bands near_dup_bands_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.near_dup_bands
    ADD CONSTRAINT near_dup_bands_pkey PRIMARY KEY (band_key, article_id);

--
-- Name: places places_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.places
    ADD CONSTRAINT places_pkey PRIMARY KEY (place_id);

--
-- Name: sources sources_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sources
    ADD CONSTRAINT sources_pkey PRIMARY KEY (name);

--
-- Name: articles_duplicate_of_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX articles_duplicate_of_idx ON public.articles USING btree (duplicate_of) WHERE (duplicate_of IS NOT NULL);

--
-- Name: articles_fetched_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX articles_fetched_at_idx ON public.articles USING btree (fetched_at);

--
-- Name: articles_published_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX articles_published_at_idx ON public.articles USING btree (published_at);

--
-- Name: articles_source_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX articles_source_idx ON public.articles USING btree (source_name);

--
-- Name: crawl_urls_source_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX crawl_urls_source_idx ON public.crawl_urls USING btree (source_name);

--
-- Name: dead_letters_key_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dead_letters_key_idx ON public.dead_letters USING btree (message_key);

--
-- Name: event_aliases_kept_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_aliases_kept_idx ON public.event_aliases USING btree (kept_id);

--
-- Name: event_facts_candidates_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_facts_candidates_idx ON public.event_facts USING btree (event_type, reality, hi);

--
-- Name: event_links_event_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_links_event_idx ON public.event_links USING btree (event_id);

--
-- Name: event_mentions_event_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX event_mentions_event_idx ON public.event_mentions USING btree (event_id);

--
-- Name: events_country_day_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_country_day_idx ON public.events USING btree (place_country, event_day);

--
-- Name: events_day_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_day_idx ON public.events USING btree (event_day);

--
-- Name: events_last_seen_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_last_seen_idx ON public.events USING btree (last_seen DESC);

--
-- Name: places_gazetteer_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX places_gazetteer_idx ON public.places USING btree (gazetteer_id) WHERE (gazetteer_id IS NOT NULL);

--
-- Name: actor_activity _RETURN; Type: RULE; Schema: public; Owner: -
--

CREATE OR REPLACE VIEW public.actor_activity AS
 SELECT a.actor_id,
    a.name AS actor_name,
    a.country AS actor_country,
    a.sector AS actor_sector,
    COALESCE(( SELECT array_agg(al.alias ORDER BY al.alias) AS array_agg
           FROM public.actor_aliases al
          WHERE (al.actor_id = a.actor_id)), '{}'::text[]) AS aliases,
    (count(DISTINCT e.event_id))::integer AS num_events,
    (count(DISTINCT e.event_id) FILTER (WHERE (e.quad_class = ANY (ARRAY[1, 2]))))::integer AS num_cooperative,
    (count(DISTINCT e.event_id) FILTER (WHERE (e.quad_class = ANY (ARRAY[3, 4]))))::integer AS num_conflictual,
    (COALESCE(sum(e.num_mentions), (0)::bigint))::integer AS num_mentions,
    min(e.event_day) AS first_day,
    max(e.event_day) AS last_day
   FROM (public.actors a
     LEFT JOIN public.events e ON ((((e.actor1_id = a.actor_id) OR (e.actor2_id = a.actor_id)) AND (e.num_mentions > 0))))
  GROUP BY a.actor_id;

--
-- Name: dyads _RETURN; Type: RULE; Schema: public; Owner: -
--

CREATE OR REPLACE VIEW public.dyads AS
 SELECT e.actor1_id,
    a1.name AS actor1_name,
    a1.country AS actor1_country,
    a1.sector AS actor1_sector,
    e.actor2_id,
    a2.name AS actor2_name,
    a2.country AS actor2_country,
    a2.sector AS actor2_sector,
    (count(*))::integer AS num_events,
    (count(*) FILTER (WHERE (e.quad_class = ANY (ARRAY[1, 2]))))::integer AS num_cooperative,
    (count(*) FILTER (WHERE (e.quad_class = ANY (ARRAY[3, 4]))))::integer AS num_conflictual,
    (sum(e.num_mentions))::integer AS num_mentions,
    array_agg(DISTINCT e.event_type ORDER BY e.event_type) AS event_types,
    min(e.event_day) AS first_day,
    max(e.event_day) AS last_day
   FROM ((public.events e
     JOIN public.actors a1 ON ((a1.actor_id = e.actor1_id)))
     JOIN public.actors a2 ON ((a2.actor_id = e.actor2_id)))
  WHERE (e.num_mentions > 0)
  GROUP BY e.actor1_id, a1.actor_id, e.actor2_id, a2.actor_id;

--
-- Name: events_daily_by_actor _RETURN; Type: RULE; Schema: public; Owner: -
--

CREATE OR REPLACE VIEW public.events_daily_by_actor AS
 WITH roles AS (
         SELECT e.event_id,
            e.event_day,
            e.quad_class,
            e.num_mentions,
            r_1.actor_id,
            bool_or((r_1.role = 1)) AS as_actor1,
            bool_or((r_1.role = 2)) AS as_actor2
           FROM (public.events e
             CROSS JOIN LATERAL ( VALUES (1,e.actor1_id), (2,e.actor2_id)) r_1(role, actor_id))
          WHERE ((e.num_mentions > 0) AND (r_1.actor_id IS NOT NULL))
          GROUP BY e.event_id, r_1.actor_id
        )
 SELECT r.event_day AS day,
    a.actor_id,
    a.name AS actor_name,
    a.country AS actor_country,
    a.sector AS actor_sector,
    (count(*))::integer AS num_events,
    (count(*) FILTER (WHERE r.as_actor1))::integer AS num_as_actor1,
    (count(*) FILTER (WHERE r.as_actor2))::integer AS num_as_actor2,
    (count(*) FILTER (WHERE (r.quad_class = ANY (ARRAY[1, 2]))))::integer AS num_cooperative,
    (count(*) FILTER (WHERE (r.quad_class = ANY (ARRAY[3, 4]))))::integer AS num_conflictual,
    (sum(r.num_mentions))::integer AS num_mentions
   FROM (roles r
     JOIN public.actors a ON ((a.actor_id = r.actor_id)))
  GROUP BY r.event_day, a.actor_id;

--
-- Name: actors actors_immutable; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER actors_immutable BEFORE UPDATE ON public.actors FOR EACH STATEMENT EXECUTE FUNCTION public.sahel_immutable();

--
-- Name: actors actors_unreferenced; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER actors_unreferenced AFTER DELETE ON public.actors REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION public.sahel_check_actors_unreferenced();

--
-- Name: article_extractions article_extractions_changed_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER article_extractions_changed_delete AFTER DELETE ON public.article_extractions REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.sahel_check_extraction_change();

--
-- Name: article_extractions article_extractions_changed_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER article_extractions_changed_update AFTER UPDATE ON public.article_extractions REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.sahel_check_extraction_change();

--
-- Name: event_mentions event_mentions_references_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER event_mentions_references_insert AFTER INSERT ON public.event_mentions REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION public.sahel_check_mention_references();

--
-- Name: event_mentions event_mentions_references_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER event_mentions_references_update AFTER UPDATE ON public.event_mentions REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION public.sahel_check_mention_references();

--
-- Name: events events_type_unchanged; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER events_type_unchanged BEFORE UPDATE OF event_type ON public.events FOR EACH ROW EXECUTE FUNCTION public.sahel_event_type_unchanged();

--
-- Name: events events_unreferenced; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER events_unreferenced AFTER DELETE ON public.events REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION public.sahel_check_events_unreferenced();

--
-- Name: places places_immutable; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER places_immutable BEFORE UPDATE ON public.places FOR EACH STATEMENT EXECUTE FUNCTION public.sahel_immutable();

--
-- Name: places places_unreferenced; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER places_unreferenced AFTER DELETE ON public.places REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION public.sahel_check_places_unreferenced();

--
-- Name: actor_aliases actor_aliases_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.actor_aliases
    ADD CONSTRAINT actor_aliases_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.actors(actor_id) ON DELETE CASCADE;

--
-- Name: articles articles_source_name_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.articles
    ADD CONSTRAINT articles_source_name_fkey FOREIGN KEY (source_name) REFERENCES public.sources(name);

--
-- Name: dead_letter_replays dead_letter_replays_dedup_key_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dead_letter_replays
    ADD CONSTRAINT dead_letter_replays_dedup_key_fkey FOREIGN KEY (dedup_key) REFERENCES public.dead_letters(dedup_key) ON DELETE CASCADE;

--
-- Name: events events_evidence_mention_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_evidence_mention_id_fkey FOREIGN KEY (evidence_mention_id) REFERENCES public.event_mentions(mention_id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;

--
-- Name: near_dup_bands near_dup_bands_article_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.near_dup_bands
    ADD CONSTRAINT near_dup_bands_article_id_fkey FOREIGN KEY (article_id) REFERENCES public.near_dup_articles(article_id);

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO sahel_fetcher;
GRANT USAGE ON SCHEMA public TO sahel_normalizer;
GRANT USAGE ON SCHEMA public TO sahel_writer;

--
-- Name: FUNCTION refresh_events(ids text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.refresh_events(ids text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.refresh_events(ids text[]) TO sahel_writer;

--
-- Name: FUNCTION sahel_actor_id(name text, country text, sector text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.sahel_actor_id(name text, country text, sector text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.sahel_actor_id(name text, country text, sector text) TO sahel_writer;

--
-- Name: FUNCTION sahel_check_actors_unreferenced(); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_check_actors_unreferenced() TO sahel_writer;

--
-- Name: FUNCTION sahel_check_events_unreferenced(); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_check_events_unreferenced() TO sahel_writer;

--
-- Name: FUNCTION sahel_check_extraction_change(); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_check_extraction_change() TO sahel_writer;

--
-- Name: FUNCTION sahel_check_mention_references(); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_check_mention_references() TO sahel_writer;

--
-- Name: FUNCTION sahel_check_places_unreferenced(); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_check_places_unreferenced() TO sahel_writer;

--
-- Name: FUNCTION sahel_current_event_id(id text); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_current_event_id(id text) TO sahel_dashboard;
GRANT ALL ON FUNCTION public.sahel_current_event_id(id text) TO sahel_writer;

--
-- Name: FUNCTION sahel_date_rank(date_precision text, date_resolution text, date_start date, date_end date, confidence double precision, mention_id text); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_date_rank(date_precision text, date_resolution text, date_start date, date_end date, confidence double precision, mention_id text) TO sahel_writer;

--
-- Name: FUNCTION sahel_event_type_unchanged(); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_event_type_unchanged() TO sahel_writer;

--
-- Name: FUNCTION sahel_evidence_rank(modality text, confidence double precision, mention_id text); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_evidence_rank(modality text, confidence double precision, mention_id text) TO sahel_writer;

--
-- Name: FUNCTION sahel_grant_service_roles(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.sahel_grant_service_roles() FROM PUBLIC;

--
-- Name: FUNCTION sahel_immutable(); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_immutable() TO sahel_writer;

--
-- Name: FUNCTION sahel_modality_rank(modality text); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_modality_rank(modality text) TO sahel_writer;

--
-- Name: FUNCTION sahel_place_id(name text, country text, admin1 text, gazetteer_id text, place_precision text, latitude double precision, longitude double precision); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.sahel_place_id(name text, country text, admin1 text, gazetteer_id text, place_precision text, latitude double precision, longitude double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION public.sahel_place_id(name text, country text, admin1 text, gazetteer_id text, place_precision text, latitude double precision, longitude double precision) TO sahel_writer;

--
-- Name: FUNCTION sahel_place_key(place_precision text, latitude double precision, confidence double precision, mention_id text); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_place_key(place_precision text, latitude double precision, confidence double precision, mention_id text) TO sahel_writer;

--
-- Name: FUNCTION sahel_place_rank(place_precision text); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_place_rank(place_precision text) TO sahel_writer;

--
-- Name: FUNCTION sahel_union(a text[], b text[]); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.sahel_union(a text[], b text[]) TO sahel_writer;

--
-- Name: TABLE actor_activity; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.actor_activity TO sahel_dashboard;

--
-- Name: TABLE actor_aliases; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.actor_aliases TO sahel_writer;

--
-- Name: TABLE actors; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.actors TO sahel_writer;

--
-- Name: TABLE articles; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.articles TO sahel_writer;

--
-- Name: TABLE article_duplicates; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.article_duplicates TO sahel_dashboard;

--
-- Name: TABLE article_extractions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.article_extractions TO sahel_writer;

--
-- Name: TABLE article_locks; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.article_locks TO sahel_writer;

--
-- Name: TABLE articles_export; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.articles_export TO sahel_dashboard;

--
-- Name: TABLE crawl_seen_items; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.crawl_seen_items TO sahel_fetcher;

--
-- Name: TABLE crawl_sources; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.crawl_sources TO sahel_fetcher;

--
-- Name: TABLE crawl_urls; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.crawl_urls TO sahel_fetcher;

--
-- Name: TABLE dead_letter_replays; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.dead_letter_replays TO sahel_writer;

--
-- Name: TABLE dead_letters; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.dead_letters TO sahel_writer;

--
-- Name: TABLE dedup_fingerprints; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.dedup_fingerprints TO sahel_normalizer;

--
-- Name: TABLE dyads; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.dyads TO sahel_dashboard;

--
-- Name: TABLE event_aliases; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.event_aliases TO sahel_writer;

--
-- Name: TABLE event_mentions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.event_mentions TO sahel_writer;

--
-- Name: TABLE event_evidence; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.event_evidence TO sahel_dashboard;

--
-- Name: TABLE event_facts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.event_facts TO sahel_writer;

--
-- Name: TABLE event_links; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.event_links TO sahel_writer;

--
-- Name: TABLE event_merges; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.event_merges TO sahel_dashboard;

--
-- Name: TABLE event_resolution; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.event_resolution TO sahel_dashboard;

--
-- Name: TABLE events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.events TO sahel_writer;

--
-- Name: TABLE events_daily_by_actor; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.events_daily_by_actor TO sahel_dashboard;

--
-- Name: TABLE events_daily_by_country; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.events_daily_by_country TO sahel_dashboard;

--
-- Name: TABLE events_daily_by_type; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.events_daily_by_type TO sahel_dashboard;

--
-- Name: TABLE events_export; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.events_export TO sahel_dashboard;

--
-- Name: TABLE latest_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.latest_events TO sahel_dashboard;

--
-- Name: TABLE near_dup_articles; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.near_dup_articles TO sahel_normalizer;

--
-- Name: TABLE near_dup_bands; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.near_dup_bands TO sahel_normalizer;

--
-- Name: TABLE places; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.places TO sahel_writer;

--
-- Name: TABLE sources; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.sources TO sahel_writer;

--
-- PostgreSQL database dump complete
--
