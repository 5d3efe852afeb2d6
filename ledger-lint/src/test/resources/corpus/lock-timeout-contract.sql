-- ACCESS EXCLUSIVE statements of a contract step, before any lock_timeout.
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check;
DROP INDEX orders_old_idx; -- expect: missing-lock-timeout
TRUNCATE scratch; -- expect: truncate, missing-lock-timeout
VACUUM FULL orders; -- expect: vacuum-full, missing-lock-timeout
CLUSTER orders; -- expect: cluster, missing-lock-timeout
REINDEX TABLE orders; -- expect: reindex-not-concurrently, missing-lock-timeout
DROP TABLE legacy_orders; -- expect: drop-table, missing-lock-timeout
LOCK TABLE orders IN SHARE MODE;
LOCK orders; -- expect: missing-lock-timeout
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE; -- expect: missing-lock-timeout
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status); -- expect: mixed-expand-contract
