-- Digests at scale: no row per hit. Papers enter matching in numbered rounds; each subscriber
-- remembers the last round their digests took into account, and a digest run matches each due
-- subscriber against the papers of the rounds after it, keeping only what one digest shows (the
-- delivery's selection). Plain SQL that H2 2.x and PostgreSQL 15 both accept.

DROP TABLE paper_match;
DROP SEQUENCE paper_match_seq;

CREATE SEQUENCE match_round_seq START WITH 1 INCREMENT BY 1;
ALTER TABLE paper ADD COLUMN match_round BIGINT; -- null until a digest run takes the paper into matching
-- papers matched before this migration have had their digests: round 0 lies behind every subscriber
UPDATE paper SET match_round = 0 WHERE matched_at IS NOT NULL;
CREATE INDEX paper_match_round_idx ON paper (match_round);

-- the last match round this subscriber's digests took into account; later rounds are still to come
ALTER TABLE subscriber ADD COLUMN matched_through BIGINT NOT NULL DEFAULT 0;
-- when the scheduled tick should look at this subscriber next (the tick works out what is due)
ALTER TABLE subscriber ADD COLUMN next_digest_at TIMESTAMP WITH TIME ZONE;
UPDATE subscriber SET next_digest_at = CURRENT_TIMESTAMP WHERE status = 'ACTIVE';
CREATE INDEX subscriber_next_digest_idx ON subscriber (next_digest_at);

-- what the digest shows, chosen when it was queued (Selection), and how many papers matched in all
ALTER TABLE delivery ADD COLUMN selection VARCHAR;
ALTER TABLE delivery ADD COLUMN matched_count INTEGER NOT NULL DEFAULT 0;
-- the process whose sender holds a SENDING claim (JobLease.OWNER)
ALTER TABLE delivery ADD COLUMN claimed_by VARCHAR(100);
-- queued deliveries are claimed in order of next_attempt_at; sent ones are pruned by age
CREATE INDEX delivery_created_idx ON delivery (created_at);
ALTER SEQUENCE delivery_seq INCREMENT BY 500;
ALTER SEQUENCE subscriber_seq INCREMENT BY 500;
ALTER SEQUENCE subscription_seq INCREMENT BY 500;

-- an operator asked the run to stop; it does at its next page of subscribers or batch of digests
ALTER TABLE digest_run ADD COLUMN cancel_requested BOOLEAN NOT NULL DEFAULT FALSE;
