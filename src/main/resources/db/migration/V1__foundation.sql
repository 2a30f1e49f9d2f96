-- Paper Digest foundation schema. Plain SQL that H2 2.x and PostgreSQL 15 both accept:
-- VARCHAR without a length is unbounded on both; ids come from sequences so inserts batch.

CREATE SEQUENCE paper_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE paper (
    id               BIGINT PRIMARY KEY,
    arxiv_id         VARCHAR(64)  NOT NULL,
    latest_version   INTEGER,
    title            VARCHAR      NOT NULL,
    abstract_text    VARCHAR      NOT NULL,
    authors          VARCHAR      NOT NULL, -- one name per line, in the paper's order
    categories       VARCHAR      NOT NULL, -- space separated, primary first
    published_at     TIMESTAMP WITH TIME ZONE,
    updated_at       TIMESTAMP WITH TIME ZONE,
    upvotes          INTEGER,
    num_comments     INTEGER,
    sources          VARCHAR(200) NOT NULL, -- space separated: hf arxiv import demo
    listed_on        DATE         NOT NULL, -- the day a source listed it (trending day)
    first_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    matched_at       TIMESTAMP WITH TIME ZONE, -- null until matched against the subscriptions
    comment          VARCHAR,
    journal_ref      VARCHAR,
    doi              VARCHAR(255),
    github_repo      VARCHAR(1000),
    project_page     VARCHAR(1000),
    thumbnail_url    VARCHAR(1000),
    ai_keywords      VARCHAR,
    CONSTRAINT paper_arxiv_id_uq UNIQUE (arxiv_id)
);
CREATE INDEX paper_listed_on_idx ON paper (listed_on);
CREATE INDEX paper_matched_at_idx ON paper (matched_at);
CREATE INDEX paper_published_at_idx ON paper (published_at);

CREATE SEQUENCE subscriber_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE subscriber (
    id                   BIGINT PRIMARY KEY,
    public_id            VARCHAR(40)  NOT NULL, -- random; what links name instead of the row id
    email                VARCHAR(320) NOT NULL, -- lower case
    status               VARCHAR(16)  NOT NULL,
    frequency            VARCHAR(16)  NOT NULL,
    send_hour            INTEGER      NOT NULL,
    time_zone            VARCHAR(64)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at         TIMESTAMP WITH TIME ZONE,
    unsubscribed_at      TIMESTAMP WITH TIME ZONE,
    token_generation     INTEGER      NOT NULL DEFAULT 0, -- raising it revokes every link sent so far
    confirmations_day    DATE,
    confirmations_sent   INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT subscriber_email_uq UNIQUE (email),
    CONSTRAINT subscriber_public_id_uq UNIQUE (public_id)
);
CREATE INDEX subscriber_status_idx ON subscriber (status);

CREATE SEQUENCE subscription_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE subscription (
    id            BIGINT PRIMARY KEY,
    subscriber_id BIGINT       NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    kind          VARCHAR(16)  NOT NULL,
    query         VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX subscription_subscriber_idx ON subscription (subscriber_id);

CREATE SEQUENCE digest_run_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE digest_run (
    id           BIGINT PRIMARY KEY,
    status       VARCHAR(16) NOT NULL,
    period_date  DATE,        -- null: today in each subscriber's zone
    dry_run      BOOLEAN     NOT NULL,
    scheduled    BOOLEAN     NOT NULL, -- a scheduled tick waits for each send hour; a manual run does not
    subscribers  INTEGER     NOT NULL DEFAULT 0,
    matched      INTEGER     NOT NULL DEFAULT 0,
    queued       INTEGER     NOT NULL DEFAULT 0,
    sent         INTEGER     NOT NULL DEFAULT 0,
    failed       INTEGER     NOT NULL DEFAULT 0,
    progress     DOUBLE PRECISION NOT NULL DEFAULT 0,
    error        VARCHAR,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE,
    finished_at  TIMESTAMP WITH TIME ZONE
);

CREATE SEQUENCE delivery_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE delivery (
    id              BIGINT PRIMARY KEY,
    subscriber_id   BIGINT      NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    period          VARCHAR(16) NOT NULL, -- 2026-11-28 for daily, 2026-W48 for weekly
    status          VARCHAR(16) NOT NULL,
    digest_run_id   BIGINT,
    paper_count     INTEGER     NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    last_error      VARCHAR,
    message_id      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_at      TIMESTAMP WITH TIME ZONE,
    sent_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT delivery_subscriber_period_uq UNIQUE (subscriber_id, period)
);
CREATE INDEX delivery_status_idx ON delivery (status, next_attempt_at);
CREATE INDEX delivery_run_idx ON delivery (digest_run_id);

CREATE SEQUENCE paper_match_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE paper_match (
    id             BIGINT PRIMARY KEY,
    subscriber_id  BIGINT  NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    paper_id       BIGINT  NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
    score          DOUBLE PRECISION NOT NULL,
    reasons        VARCHAR NOT NULL, -- one line per hit: KIND<tab>query
    matched_terms  VARCHAR NOT NULL, -- one term per line, for highlighting
    matched_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    delivery_id    BIGINT REFERENCES delivery (id) ON DELETE SET NULL,
    CONSTRAINT paper_match_subscriber_paper_uq UNIQUE (subscriber_id, paper_id)
);
CREATE INDEX paper_match_delivery_idx ON paper_match (subscriber_id, delivery_id);
CREATE INDEX paper_match_paper_idx ON paper_match (paper_id);

-- Shared state for several replicas: the key that signs links, and leases on jobs.
CREATE TABLE app_secret (
    name   VARCHAR(64)  PRIMARY KEY,
    secret VARCHAR(200) NOT NULL
);
CREATE TABLE job_lease (
    name          VARCHAR(64) PRIMARY KEY,
    owner         VARCHAR(100),
    leased_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
