-- A digest run reads the active subscribers a page of a thousand at a time, in id order
-- (status = 'ACTIVE' and the id in a range). H2 answered that through the index on status alone,
-- reading and sorting every active subscriber for every page: 100 pages of 100,000 rows at
-- 100,000 subscribers. With the id in the index, both databases read just the page. Whatever
-- looked subscribers up by status alone uses the new index as well as the old one.
CREATE INDEX subscriber_status_id_idx ON subscriber (status, id);
DROP INDEX subscriber_status_idx;
