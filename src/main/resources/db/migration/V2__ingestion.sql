-- Ingestion: one row per run of a source (hf, arxiv) or of a file import (file), and the arXiv
-- fields the foundation schema had no room for. Plain SQL that H2 2.x and PostgreSQL 15 both accept.

CREATE SEQUENCE ingestion_run_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE ingestion_run (
    id              BIGINT PRIMARY KEY,
    source          VARCHAR(16) NOT NULL, -- hf, arxiv, file
    status          VARCHAR(16) NOT NULL, -- QUEUED RUNNING SUCCEEDED FAILED CANCELLED
    requested_date  DATE,                 -- null: everything new since the last successful run
    scheduled       BOOLEAN     NOT NULL,
    owner           VARCHAR(100),         -- the process (JobLease.OWNER) that runs it
    fetched         INTEGER     NOT NULL DEFAULT 0, -- entries read from upstream documents
    created         INTEGER     NOT NULL DEFAULT 0,
    updated         INTEGER     NOT NULL DEFAULT 0,
    skipped         INTEGER     NOT NULL DEFAULT 0, -- seen before, nothing changed
    failed          INTEGER     NOT NULL DEFAULT 0, -- entries rejected, see rejections
    requests        INTEGER     NOT NULL DEFAULT 0, -- HTTP requests made, retries included
    progress        DOUBLE PRECISION NOT NULL DEFAULT 0, -- 0..1, best estimate while running
    cursor_from     TIMESTAMP WITH TIME ZONE, -- the oldest point in time this run asked for
    rejections      VARCHAR,              -- one line per rejected entry: index<tab>reason (capped)
    error           VARCHAR,              -- why the run failed, or document-level problems
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ingestion_run_source_idx ON ingestion_run (source, status, started_at);

-- arXiv affiliations: one line per author, in the order of paper.authors; several
-- affiliations of one author are separated by " | "; an empty line when none is known.
ALTER TABLE paper ADD COLUMN author_affiliations VARCHAR;
-- the PDF link as the source gave it (arXiv: versioned, https://arxiv.org/pdf/2401.01234v2)
ALTER TABLE paper ADD COLUMN pdf_link VARCHAR(1000);
