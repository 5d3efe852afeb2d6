CREATE INDEX orders_status_idx ON orders (status); -- expect: create-index-not-concurrently
CREATE UNIQUE INDEX orders_ref_idx ON orders USING btree (reference); -- expect: create-index-not-concurrently

-- safe: concurrently, outside a transaction block, and idempotent for a retried migration
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at) WHERE created_at > '2024-01-01';
DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx; -- expect: mixed-expand-contract

BEGIN;
CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id); -- expect: concurrently-in-transaction
DROP INDEX CONCURRENTLY orders_customer_old_idx; -- expect: concurrently-in-transaction
REINDEX INDEX CONCURRENTLY orders_status_idx; -- expect: concurrently-in-transaction
COMMIT;

-- after COMMIT the script is outside the block again
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id);
START TRANSACTION;
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total); -- expect: concurrently-in-transaction
END;
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
