-- Sahel Monitor: the mention reference check looks each referenced value up once (issue 6,
-- write throughput).
--
-- 0003's statement-level check made five index probes per written mention: its event, two
-- actors, its place and its article's current extraction. A batch of a thousand mentions names
-- a few hundred events, a few hundred articles and a handful of actors and places, so most of
-- those probes repeated one another; they were a sixth of the database's work per batch. Now
-- each distinct (value, reference) of the statement is checked once. When one fails, the
-- mention to name in the error is looked up with 0003's per-row query, so the errors read as
-- before. The rules are unchanged.
--
-- The lookups are LATERAL ... LIMIT 1 so that they stay index probes whatever the planner
-- thinks of the tables' sizes.

CREATE OR REPLACE FUNCTION sahel_check_mention_references() RETURNS trigger LANGUAGE plpgsql AS $$
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
