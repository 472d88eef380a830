-- Dead letters produced again to their original topic by `sahel-writer replay-dead-letters`
-- once their cause was fixed: one row per dead letter, so a second run does not bring a
-- message back twice (unless asked to with --again, which counts in `times`).
CREATE TABLE dead_letter_replays (
    dedup_key          text PRIMARY KEY REFERENCES dead_letters (dedup_key) ON DELETE CASCADE,
    replayed_at        timestamptz NOT NULL DEFAULT now(),
    replayed_to        text NOT NULL,
    replayed_partition integer NOT NULL,
    replayed_offset    bigint NOT NULL,
    times              integer NOT NULL DEFAULT 1 CHECK (times >= 1)
);
