-- the process (JobLease.OWNER) that created the run: a run whose process died with it is ended
-- by the others (DigestRun.failOrphans) instead of staying QUEUED or RUNNING for ever
ALTER TABLE digest_run ADD COLUMN owner VARCHAR(100);
