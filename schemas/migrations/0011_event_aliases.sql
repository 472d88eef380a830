-- Events found later to be one (issue 18, stable identity). When a new report agrees with two
-- events the resolver had kept apart, the writer absorbs one into the other: the absorbed
-- event's mentions, links and facts move to the kept event, its `events` row goes, and this
-- table records where it went, so an id saved downstream always leads somewhere.
--
-- One hop: when a kept event is itself absorbed later, the rows pointing to it are pointed
-- on, so `kept_id` is always an event that exists (or was deleted for losing its mentions).
CREATE TABLE event_aliases (
    event_id  text PRIMARY KEY,
    kept_id   text NOT NULL CHECK (kept_id <> event_id),
    score     double precision NOT NULL,
    agreed    jsonb NOT NULL DEFAULT '[]',
    merged_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_aliases_kept_idx ON event_aliases (kept_id);

-- The event an id stands for now: the id itself, or the event it was absorbed into.
CREATE FUNCTION sahel_current_event_id(id text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT kept_id FROM event_aliases WHERE event_id = id), id)
$$;

-- How an analyst (or a consumer holding an old id) finds where an event went, and why.
CREATE VIEW event_merges AS
SELECT a.event_id AS absorbed_event_id, a.kept_id AS kept_event_id, a.score, a.agreed, a.merged_at
FROM event_aliases a;
GRANT SELECT ON event_merges TO sahel_dashboard;
GRANT EXECUTE ON FUNCTION sahel_current_event_id(text) TO sahel_dashboard;
