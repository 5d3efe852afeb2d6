-- The contract's example done right: no findings at all.
SET lock_timeout = '5s';
SET statement_timeout = '15min';
CREATE TABLE IF NOT EXISTS order_notes (id bigint PRIMARY KEY, order_id bigint NOT NULL, body text);
ALTER TABLE orders ADD COLUMN status text;
ALTER TABLE orders ADD COLUMN archived boolean NOT NULL DEFAULT false;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid')) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check;
UPDATE orders SET status = 'paid' WHERE status IS NULL AND id BETWEEN $1 AND $2;
COMMENT ON COLUMN orders.status IS 'DROP TABLE is not run here';
