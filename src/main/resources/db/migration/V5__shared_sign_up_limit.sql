-- Sign-up posts per client network and clock hour, shared by every replica (the limit used to
-- live in each process's memory, so N replicas allowed N times the limit). Rows of past hours
-- are deleted every few minutes.
CREATE TABLE sign_up_count (
    client VARCHAR(64) NOT NULL,
    clock_hour BIGINT    NOT NULL,
    posts  INTEGER     NOT NULL,
    PRIMARY KEY (client, clock_hour)
);
