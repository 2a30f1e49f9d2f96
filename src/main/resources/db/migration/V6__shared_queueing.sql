-- Replicas share the queueing of a digest run: the run cuts its subscribers into shards of id
-- ranges, and every process claims shards like deliveries, queues them, and marks them done.
-- A run records the match round and the instant it queues against, so every process decides alike.
ALTER TABLE digest_run ADD COLUMN through_round BIGINT;
ALTER TABLE digest_run ADD COLUMN queued_as_of TIMESTAMP WITH TIME ZONE;

CREATE TABLE queue_shard (
    run_id      BIGINT      NOT NULL REFERENCES digest_run (id) ON DELETE CASCADE,
    first_id    BIGINT      NOT NULL,
    last_id     BIGINT      NOT NULL,
    status      VARCHAR(16) NOT NULL, -- OPEN, CLAIMED, DONE
    claimed_by  VARCHAR(100),
    claimed_at  TIMESTAMP WITH TIME ZONE,
    subscribers INTEGER     NOT NULL DEFAULT 0,
    queued      INTEGER     NOT NULL DEFAULT 0,
    matched     BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, first_id)
);
CREATE INDEX queue_shard_status_idx ON queue_shard (status, run_id);
