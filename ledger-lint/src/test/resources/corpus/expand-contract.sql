-- The "two phases in one PR" incident: the expand and the contract shipped together.
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN status_v2 text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_v2_idx ON orders (status_v2);
ALTER TABLE orders DROP COLUMN status; -- expect: drop-column, mixed-expand-contract
