-- A contract step on its own is not mixed: only its destructive statements are reported.
SET lock_timeout = '5s';
-- ledger:ignore drop-column reason: status unused since v41, backup in s3://backups/orders-v41
ALTER TABLE orders DROP COLUMN status; -- expect: drop-column(suppressed)
DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;
