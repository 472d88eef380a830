-- Sahel Monitor: initial schema.
--
-- Ownership: the writer owns sources, articles, events, event_mentions and dead_letters; the
-- normalizer owns dedup_fingerprints (its dedup state). Migrations are forward-only and applied
-- at start by sqlx (which serialises concurrent runs with an advisory lock).

CREATE TABLE sources (
    name          text PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('file', 'directory', 'url', 'feed', 'sitemap')),
    first_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
    article_id          text PRIMARY KEY CHECK (article_id LIKE 'art\_%'),
    document_id         text NOT NULL UNIQUE CHECK (document_id LIKE 'doc\_%'),
    source_name         text NOT NULL REFERENCES sources (name),
    url_or_path         text NOT NULL,
    final_url           text,
    canonical_url       text,
    title               text,
    byline              text,
    language            text NOT NULL,
    language_confidence double precision NOT NULL CHECK (language_confidence BETWEEN 0 AND 1),
    published_at        timestamptz,
    published_precision text CHECK (published_precision IN ('time', 'day', 'month', 'year')),
    published_source    text CHECK (published_source IN
                            ('meta_tag', 'json_ld', 'time_element', 'url', 'feed', 'text', 'inferred')),
    -- The main text; NULL for duplicates, whose text is the original's.
    main_text           text,
    paragraphs          jsonb,
    word_count          integer NOT NULL CHECK (word_count >= 0),
    text_sha256         text NOT NULL,
    dedup_verdict       text NOT NULL CHECK (dedup_verdict IN ('unique', 'exact_duplicate', 'near_duplicate')),
    -- No foreign key: the original may reach the writer after its duplicate (another partition).
    duplicate_of        text,
    similarity          double precision CHECK (similarity BETWEEN 0 AND 1),
    fetched_at          timestamptz NOT NULL,
    normalizer_version  text NOT NULL,
    written_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((dedup_verdict = 'unique') = (duplicate_of IS NULL)),
    CHECK ((dedup_verdict = 'unique') = (main_text IS NOT NULL)),
    CHECK (published_at IS NULL OR (published_precision IS NOT NULL AND published_source IS NOT NULL))
);
CREATE INDEX articles_duplicate_of_idx ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX articles_published_at_idx ON articles (published_at);
CREATE INDEX articles_source_idx ON articles (source_name);

-- One row per real-world event; its attributes are recomputed from its mentions by
-- refresh_events() (the most precise date and place, the strongest evidence).
CREATE TABLE events (
    event_id        text PRIMARY KEY CHECK (event_id LIKE 'evt\_%'),
    event_type      text NOT NULL CHECK (event_type IN
                        ('AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT',
                         'INVESTIGATE', 'DEMAND', 'DISAPPROVE', 'REJECT', 'THREATEN', 'SANCTION',
                         'PROTEST', 'CRIME', 'MOBILIZE', 'COERCE', 'ASSAULT')),
    event_mode      text,
    cameo_root      text NOT NULL CHECK (cameo_root ~ '^[0-9]{2}$'),
    quad_class      smallint NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
    actor1_name     text,
    actor1_country  text,
    actor1_sector   text,
    actor2_name     text,
    actor2_country  text,
    actor2_sector   text,
    date_start      date,
    date_end        date,
    date_precision  text CHECK (date_precision IN ('day', 'month', 'year')),
    place_name      text,
    place_country   text,
    place_admin1    text,
    latitude        double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude       double precision CHECK (longitude BETWEEN -180 AND 180),
    gazetteer_id    text,
    place_precision text,
    confidence      double precision CHECK (confidence BETWEEN 0 AND 1),
    evidence        text,
    CHECK (date_start IS NULL OR (date_end >= date_start AND date_precision IS NOT NULL))
);
CREATE INDEX events_type_date_idx ON events (event_type, date_start);
CREATE INDEX events_country_idx ON events (place_country);

CREATE TABLE event_mentions (
    mention_id        text PRIMARY KEY CHECK (mention_id LIKE 'men\_%'),
    event_id          text NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    -- No foreign key: mentions and articles travel on different topics and may arrive in
    -- either order; articles_export and events_export join them.
    article_id        text NOT NULL,
    event_type        text NOT NULL,
    event_mode        text,
    cameo_root        text NOT NULL,
    quad_class        smallint NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
    actor1_text       text,
    actor1_name       text,
    actor1_country    text,
    actor1_sector     text,
    actor2_text       text,
    actor2_name       text,
    actor2_country    text,
    actor2_sector     text,
    date_start        date,
    date_end          date,
    date_precision    text CHECK (date_precision IN ('day', 'month', 'year')),
    date_resolution   text CHECK (date_resolution IN
                          ('stated', 'relative_to_publication', 'relative_to_text', 'inferred')),
    place_name        text,
    place_country     text,
    place_admin1      text,
    latitude          double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude         double precision CHECK (longitude BETWEEN -180 AND 180),
    gazetteer_id      text,
    place_precision   text,
    sentence_index    integer NOT NULL CHECK (sentence_index >= 0),
    char_start        integer NOT NULL CHECK (char_start >= 0),
    char_end          integer NOT NULL,
    quote             text NOT NULL,
    quote_language    text NOT NULL,
    modality          text NOT NULL CHECK (modality IN
                          ('asserted', 'reported', 'planned', 'hypothetical', 'negated', 'background')),
    confidence        double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    extractor_version text NOT NULL,
    CHECK (char_end > char_start)
);
CREATE INDEX event_mentions_event_idx ON event_mentions (event_id);
CREATE INDEX event_mentions_article_idx ON event_mentions (article_id);

-- Everything a consumer dead-lettered, so every fetched document is accounted for in
-- PostgreSQL (an article row, or a dead letter with its reason). The natural key is the
-- document (service, original topic, reason kind, message key) when the key is a pipeline id,
-- so fetching a bad document again records it once; other messages are keyed by their
-- dead-letter coordinates.
CREATE TABLE dead_letters (
    dedup_key          text PRIMARY KEY,
    dlq_topic          text NOT NULL,
    dlq_partition      integer NOT NULL,
    dlq_offset         bigint NOT NULL,
    original_topic     text,
    original_partition integer,
    original_offset    bigint,
    service            text,
    error_kind         text,
    error              text,
    message_key        text,
    payload_excerpt    text,
    received_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_key_idx ON dead_letters (message_key);

-- Normalizer state: the first article seen with each exact text fingerprint. The insert that
-- wins the primary key decides which article is the original, across instances and restarts.
CREATE TABLE dedup_fingerprints (
    text_sha256   text PRIMARY KEY,
    article_id    text NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now()
);

-- Recomputes the aggregate columns of the given events from their mentions. Rows whose values
-- do not change are not touched, so replaying mentions changes nothing.
CREATE FUNCTION refresh_events(ids text[]) RETURNS void LANGUAGE sql AS $$
    WITH best_date AS (
        SELECT DISTINCT ON (event_id) event_id, date_start, date_end, date_precision
        FROM event_mentions
        WHERE event_id = ANY (ids) AND date_start IS NOT NULL
        ORDER BY event_id,
                 CASE date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END,
                 confidence DESC, mention_id
    ), best_place AS (
        SELECT DISTINCT ON (event_id) event_id, place_name, place_country, place_admin1,
               latitude, longitude, gazetteer_id, place_precision
        FROM event_mentions
        WHERE event_id = ANY (ids) AND place_name IS NOT NULL
        ORDER BY event_id,
                 CASE place_precision WHEN 'point' THEN 0 WHEN 'city' THEN 1 WHEN 'admin2' THEN 2
                                      WHEN 'admin1' THEN 3 WHEN 'country' THEN 4 ELSE 5 END,
                 confidence DESC, mention_id
    ), best_evidence AS (
        SELECT DISTINCT ON (event_id) event_id, quote, confidence,
               actor1_name, actor1_country, actor1_sector, actor2_name, actor2_country, actor2_sector,
               event_mode
        FROM event_mentions
        WHERE event_id = ANY (ids)
        ORDER BY event_id, confidence DESC, mention_id
    ), agg AS (
        SELECT e.event_id, ev.quote, ev.confidence,
               ev.actor1_name, ev.actor1_country, ev.actor1_sector,
               ev.actor2_name, ev.actor2_country, ev.actor2_sector, ev.event_mode,
               d.date_start, d.date_end, d.date_precision,
               p.place_name, p.place_country, p.place_admin1, p.latitude, p.longitude,
               p.gazetteer_id, p.place_precision
        FROM best_evidence ev
        JOIN events e ON e.event_id = ev.event_id
        LEFT JOIN best_date d ON d.event_id = ev.event_id
        LEFT JOIN best_place p ON p.event_id = ev.event_id
    )
    UPDATE events e SET
        evidence = agg.quote, confidence = agg.confidence, event_mode = agg.event_mode,
        actor1_name = agg.actor1_name, actor1_country = agg.actor1_country, actor1_sector = agg.actor1_sector,
        actor2_name = agg.actor2_name, actor2_country = agg.actor2_country, actor2_sector = agg.actor2_sector,
        date_start = agg.date_start, date_end = agg.date_end, date_precision = agg.date_precision,
        place_name = agg.place_name, place_country = agg.place_country, place_admin1 = agg.place_admin1,
        latitude = agg.latitude, longitude = agg.longitude, gazetteer_id = agg.gazetteer_id,
        place_precision = agg.place_precision
    FROM agg
    WHERE e.event_id = agg.event_id
      AND (e.evidence, e.confidence, e.event_mode,
           e.actor1_name, e.actor1_country, e.actor1_sector,
           e.actor2_name, e.actor2_country, e.actor2_sector,
           e.date_start, e.date_end, e.date_precision,
           e.place_name, e.place_country, e.place_admin1, e.latitude, e.longitude,
           e.gazetteer_id, e.place_precision)
          IS DISTINCT FROM
          (agg.quote, agg.confidence, agg.event_mode,
           agg.actor1_name, agg.actor1_country, agg.actor1_sector,
           agg.actor2_name, agg.actor2_country, agg.actor2_sector,
           agg.date_start, agg.date_end, agg.date_precision,
           agg.place_name, agg.place_country, agg.place_admin1, agg.latitude, agg.longitude,
           agg.gazetteer_id, agg.place_precision);
$$;

-- The export contract (DESIGN.md): one row per event.
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
       e.date_start                                    AS event_date,
       e.date_precision,
       e.place_name,
       e.place_country,
       e.latitude,
       e.longitude,
       count(m.mention_id)::integer                    AS num_mentions,
       count(DISTINCT m.article_id)::integer           AS num_articles,
       count(DISTINCT a.source_name)::integer          AS num_sources,
       e.confidence,
       min(a.fetched_at)                               AS first_seen,
       max(a.fetched_at)                               AS last_seen,
       array_agg(DISTINCT m.article_id)                AS article_ids,
       coalesce(array_agg(DISTINCT a.source_name) FILTER (WHERE a.source_name IS NOT NULL),
                '{}'::text[])                          AS source_names,
       e.evidence,
       e.date_end                                      AS event_date_end,
       e.place_admin1
FROM events e
JOIN event_mentions m ON m.event_id = e.event_id
LEFT JOIN articles a ON a.article_id = m.article_id
GROUP BY e.event_id;

-- The export contract (DESIGN.md): one row per article, duplicates included.
CREATE VIEW articles_export AS
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
FROM articles a;

-- Read-only role for dashboards: the views, nothing else. Roles are cluster-wide, so creating
-- it tolerates a concurrent creation by another database's migration.
DO $$
BEGIN
    CREATE ROLE sahel_dashboard NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;
GRANT SELECT ON events_export, articles_export TO sahel_dashboard;
