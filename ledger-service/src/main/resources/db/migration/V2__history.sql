-- The auditors' history: one row per migration, rewritten from the migration's fold on each of its events.
-- planned_at and migration_id never change once written, so (planned_at, migration_id) is a stable keyset for
-- paging newest first while events keep arriving.

CREATE TABLE history (
    migration_id       TEXT        NOT NULL PRIMARY KEY,
    database           TEXT        NOT NULL,
    environment        TEXT        NOT NULL,
    version            TEXT        NOT NULL,
    description        TEXT,
    owner              TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    planned_at         TIMESTAMPTZ NOT NULL,
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    last_activity_at   TIMESTAMPTZ NOT NULL,
    duration_ms        BIGINT,
    phases_total       INTEGER     NOT NULL,
    phases_applied     INTEGER     NOT NULL,
    phases_failed      INTEGER     NOT NULL,
    prechecks_passed   INTEGER     NOT NULL,
    prechecks_required INTEGER     NOT NULL,
    sign_offs          INTEGER     NOT NULL,
    anomalies          INTEGER     NOT NULL,
    rollbacks          INTEGER     NOT NULL,
    actors             TEXT[]      NOT NULL,
    search             TEXT        NOT NULL,
    last_sequence      BIGINT      NOT NULL
);

CREATE INDEX history_newest ON history (planned_at, migration_id);
CREATE INDEX history_database ON history (database, planned_at, migration_id);
CREATE INDEX history_environment ON history (environment, planned_at, migration_id);
CREATE INDEX history_status ON history (status, planned_at, migration_id);
CREATE INDEX history_actors ON history USING gin (actors);

-- Free text (q) is a case-insensitive substring match; trigrams let PostgreSQL answer it from an index. pg_trgm is a
-- trusted contrib extension shipped with the embedded PostgreSQL; a server without it still works, by scanning.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX history_search ON history USING gin (search gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm unavailable (%): history search scans', SQLERRM;
END
$$;
