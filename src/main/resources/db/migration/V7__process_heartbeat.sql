-- Each service process writes its row every few seconds. Leases, outbox claims and queue shards
-- held by a process whose row has gone stale are free at once, instead of when they run out.
CREATE TABLE process_heartbeat (
    owner        VARCHAR(100) PRIMARY KEY,
    alive_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
