-- Statements before the script sets lock_timeout risk queueing every query behind them.
ALTER TABLE orders ADD COLUMN status text; -- expect: missing-lock-timeout
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
SET lock_timeout = 0;
ALTER TABLE orders ADD COLUMN note text; -- expect: missing-lock-timeout
SET LOCAL lock_timeout TO '2s';
ALTER TABLE orders ADD COLUMN priority int;
ALTER TABLE orders RENAME COLUMN note TO remark; -- expect: rename-column
SET search_path TO public, extensions;
SET SESSION statement_timeout = '15min';
ALTER TABLE orders ADD COLUMN region text;
RESET lock_timeout;
ALTER TABLE orders ADD COLUMN country text; -- expect: missing-lock-timeout
SET lock_timeout TO '3s';
ALTER TABLE orders ADD COLUMN city text;
RESET ALL;
ALTER TABLE orders ADD COLUMN street text; -- expect: missing-lock-timeout
SET lock_timeout TO DEFAULT;
ALTER TABLE orders ADD COLUMN zip text; -- expect: missing-lock-timeout
