-- Fetcher crawl state (issue 3). Owned by the fetcher; no other service reads or writes it.
-- Rows are recorded only after the documents a fetch produced were confirmed by the broker,
-- so a crash re-fetches rather than loses.

-- One row per configured source: when it ran, when it is due again, how it went.
CREATE TABLE crawl_sources (
    name                 text PRIMARY KEY,
    kind                 text NOT NULL CHECK (kind IN ('files', 'urls', 'feed', 'sitemap')),
    last_run_at          timestamptz,
    next_due_at          timestamptz,
    -- Runs in a row whose feed or sitemap could not be read at all.
    consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    -- The last run's counts (fetched, unchanged, skipped and failed by reason).
    last_summary         jsonb,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- One row per URL fetched (pages, feeds, sitemaps): validators for conditional GET, the
-- last body's hash, and failures with the time before which the URL is not tried again.
CREATE TABLE crawl_urls (
    url              text PRIMARY KEY,
    source_name      text NOT NULL,
    final_url        text,
    http_status      smallint,
    etag             text,
    last_modified    text,
    content_sha256   text,
    document_id      text,
    fetched_at       timestamptz,
    next_due_at      timestamptz,
    failure_count    integer NOT NULL DEFAULT 0 CHECK (failure_count >= 0),
    last_error_class text,
    last_error       text,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crawl_urls_source_idx ON crawl_urls (source_name);

-- Feed entries and sitemap URLs already handled, per source: an item seen before emits
-- nothing. `outcome` says how it ended (fetched, skipped reason, or gave up after failures).
CREATE TABLE crawl_seen_items (
    source_name   text NOT NULL,
    item_key      text NOT NULL,
    url           text,
    outcome       text NOT NULL,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_name, item_key)
);
