-- The postmortem timeline across migrations: one row per ledger event, found by database and time. Time is the
-- runner's occurredAt (when it happened), the same axis as the per-migration timeline; position breaks ties.

CREATE TABLE timeline_migration (
    migration_id TEXT NOT NULL PRIMARY KEY,
    database     TEXT NOT NULL,
    environment  TEXT NOT NULL
);

CREATE TABLE timeline_event (
    position     BIGINT      NOT NULL PRIMARY KEY,
    migration_id TEXT        NOT NULL,
    sequence     BIGINT      NOT NULL,
    database     TEXT        NOT NULL,
    environment  TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    type         TEXT        NOT NULL,
    phase        TEXT,
    actor        TEXT        NOT NULL,
    runner       TEXT,
    summary      TEXT        NOT NULL,
    UNIQUE (migration_id, sequence)
);

CREATE INDEX timeline_event_database ON timeline_event (database, occurred_at, position);
