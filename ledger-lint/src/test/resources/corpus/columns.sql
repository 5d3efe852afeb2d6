SET lock_timeout = '5s';

-- safe: nullable, constant default (PostgreSQL 11+ stores it in the catalog), stable now() evaluated once
ALTER TABLE orders ADD COLUMN status text;
ALTER TABLE orders ADD COLUMN priority int NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now();
ALTER TABLE orders ADD COLUMN note text DEFAULT lower('X');

ALTER TABLE orders ADD COLUMN shipped boolean NOT NULL; -- expect: add-column-not-null-without-default
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- expect: add-column-volatile-default
ALTER TABLE orders ADD COLUMN jitter float8 NOT NULL DEFAULT random(); -- expect: add-column-volatile-default
ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp(); -- expect: add-column-volatile-default
ALTER TABLE orders ADD COLUMN line_no bigserial; -- expect: add-column-volatile-default
ALTER TABLE orders ADD COLUMN seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY; -- expect: add-column-volatile-default
ALTER TABLE orders ADD COLUMN region text GENERATED ALWAYS AS (upper(country)) STORED; -- expect: add-column-volatile-default
ALTER TABLE orders ADD COLUMN prefs jsonb NOT NULL DEFAULT '{}'::jsonb;
-- JSqlParser reserves a few words PostgreSQL allows as names: quoted, they parse
ALTER TABLE orders ADD COLUMN settings text; -- expect: unparsed
ALTER TABLE orders ADD COLUMN "settings" text;
ALTER TABLE orders ADD COLUMN stamped timestamptz DEFAULT CURRENT_TIMESTAMP;

ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2); -- expect: alter-column-type
ALTER TABLE orders ALTER COLUMN total SET DATA TYPE bigint; -- expect: alter-column-type
ALTER TABLE orders ALTER COLUMN amount TYPE bigint USING amount::bigint; -- expect: alter-column-type

ALTER TABLE orders RENAME COLUMN total TO amount; -- expect: rename-column
ALTER TABLE orders RENAME TO purchases; -- expect: rename-table

-- safe: only catalog changes
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;
