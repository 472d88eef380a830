-- Event resolution (services/resolver, applied by the writer in each batch's transaction):
-- a report (one article's mentions sharing the extractor's proposed event id) joins the event
-- it is compatible with, or starts one. These tables are the resolver's memory and its audit
-- trail; events themselves stay aggregates of their mentions (refresh_events).

-- What each resolved event's reports agree on, and when it can have happened ([lo, hi], either
-- end NULL when unbounded): candidates for a new report are read from here by type and time.
CREATE TABLE event_facts (
    event_id   text PRIMARY KEY,
    event_type text NOT NULL,
    reality    text NOT NULL CHECK (reality IN ('real', 'negated', 'hypothetical')),
    lo         date,
    hi         date,
    facts      jsonb NOT NULL,
    reports    integer NOT NULL DEFAULT 1 CHECK (reports >= 1),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (lo IS NULL OR hi IS NULL OR lo <= hi)
);
CREATE INDEX event_facts_candidates_idx ON event_facts (event_type, reality, hi);

-- Where each report went and why: the event it joined (or started, with a NULL score) and
-- the fields that agreed. A report already linked keeps its event, so replaying a topic
-- gives the same events.
CREATE TABLE event_links (
    article_id        text NOT NULL,
    proposed_event_id text NOT NULL,
    event_id          text NOT NULL,
    score             double precision,
    agreed            jsonb NOT NULL DEFAULT '[]',
    linked_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, proposed_event_id)
);
CREATE INDEX event_links_event_idx ON event_links (event_id);

-- How an analyst audits a merge: every report of an event with what agreed.
CREATE VIEW event_resolution AS
SELECT l.event_id, l.article_id, l.proposed_event_id, l.score,
       l.score IS NULL AS started_event, l.agreed, l.linked_at
FROM event_links l;
GRANT SELECT ON event_resolution TO sahel_dashboard;
