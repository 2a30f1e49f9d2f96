-- "More like this" and "Fewer like this": one vote per subscriber and paper, the latest kept. The
-- votes steer that subscriber's ranking; they go with the subscriber (erasure) and with the paper.
CREATE TABLE paper_feedback (
    subscriber_id BIGINT     NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    paper_id      BIGINT     NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
    vote          VARCHAR(8) NOT NULL, -- MORE or FEWER
    voted_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subscriber_id, paper_id)
);
CREATE INDEX paper_feedback_paper_idx ON paper_feedback (paper_id);
