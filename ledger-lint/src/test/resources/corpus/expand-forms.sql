-- Expanding forms that are safe, or judged despite what JSqlParser 5.4 cannot read.
SET lock_timeout = '5s';
ALTER TABLE orders ADD COLUMN c text DEFAULT NULL;
ALTER TABLE orders ADD COLUMN d int NOT NULL DEFAULT NULL; -- expect: add-column-not-null-without-default
-- stable functions of now() are evaluated once
ALTER TABLE orders ADD COLUMN e timestamptz DEFAULT timezone('utc', now());
ALTER TABLE orders ADD COLUMN f timestamptz DEFAULT date_trunc('day', now());
ALTER TABLE orders ADD COLUMN g int DEFAULT (random() * 100)::int; -- expect: add-column-volatile-default

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i2 ON app.orders (lower(status::text)) WHERE total_cents > 0;
CREATE INDEX i3 ON app.orders (lower(status::text)); -- expect: create-index-not-concurrently
-- on a partitioned table's parent alone: instant, and the recommended first step
CREATE INDEX events_at_idx ON ONLY events (at);
CREATE INDEX events_at_idx ON ONLY events (lower(kind::text));
