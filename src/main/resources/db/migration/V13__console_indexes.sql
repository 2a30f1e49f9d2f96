-- The operators' console (/admin) counts what happened on each of the last 30 days. Each count
-- reads only the rows of those days through one of these indexes, instead of every subscriber,
-- paper or delivery there is. Bounces need none: the console counts them among the subscribers
-- who are BOUNCED, whom the status index finds. Plain SQL that H2 2.x and PostgreSQL 15 both accept.
CREATE INDEX subscriber_created_idx ON subscriber (created_at);
CREATE INDEX subscriber_confirmed_idx ON subscriber (confirmed_at);
CREATE INDEX subscriber_unsubscribed_idx ON subscriber (unsubscribed_at);
CREATE INDEX paper_first_seen_idx ON paper (first_seen_at);
CREATE INDEX delivery_sent_idx ON delivery (sent_at);
