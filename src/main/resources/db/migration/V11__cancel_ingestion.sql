-- an operator asked the run to stop; it ends CANCELLED at its next upstream page or day,
-- whichever replica runs it
ALTER TABLE ingestion_run ADD COLUMN cancel_requested BOOLEAN NOT NULL DEFAULT FALSE;
