-- What a digest shows, chosen when it was queued (Selection), moves out of the delivery row into
-- a table of its own, so the rows that senders update several times each stay narrow. Plain SQL
-- that H2 2.x and PostgreSQL 15 both accept.
CREATE TABLE delivery_selection (
    delivery_id BIGINT PRIMARY KEY REFERENCES delivery (id) ON DELETE CASCADE,
    selection   VARCHAR NOT NULL
);
INSERT INTO delivery_selection (delivery_id, selection)
    SELECT id, selection FROM delivery WHERE selection IS NOT NULL;
ALTER TABLE delivery DROP COLUMN selection;

-- Senders claim queued deliveries in the order of this index, a batch at a time, reading no
-- further than the batch (without id in it, every claim sorted all the queued rows). Every index
-- costs each status change an entry, so the one by run goes: a run counts its deliveries once.
DROP INDEX delivery_status_idx;
DROP INDEX delivery_run_idx;
CREATE INDEX delivery_due_idx ON delivery (status, next_attempt_at, id);
