-- Sahel Monitor: near-duplicate state of the normalizer (issue 4, item 6).
--
-- Owned by the normalizer, like dedup_fingerprints. Every article with enough text gets a
-- MinHash signature (services/normalizer/src/neardup.rs) and is indexed under its LSH band keys,
-- so a later article that shares a band with it is compared with its signature; a match on a
-- near duplicate names that duplicate's original. Claims hold transaction-scoped advisory locks
-- on their band keys (taken in ascending order, so two claims never deadlock): two normalizer
-- instances claiming similar articles at once are serialised, and the second sees the first.

CREATE TABLE near_dup_articles (
    article_id    text PRIMARY KEY,
    -- Scheme of the signature (shingle size, permutations, banding); only equal schemes compare.
    scheme        text NOT NULL,
    -- MinHash minima, 32-bit little-endian each.
    signature     bytea NOT NULL,
    -- The verdict given the first time, returned again on a replay.
    duplicate_of  text,
    similarity    double precision CHECK (similarity IS NULL OR (similarity >= 0 AND similarity <= 1)),
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((duplicate_of IS NULL) = (similarity IS NULL))
);

-- LSH band keys of every article with a signature (a match on a near duplicate names its original).
CREATE TABLE near_dup_bands (
    band_key   bigint NOT NULL,
    article_id text NOT NULL REFERENCES near_dup_articles (article_id),
    PRIMARY KEY (band_key, article_id)
);
