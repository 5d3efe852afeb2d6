-- The duration-trends read model (io.ledger.reports). Rebuilt from the ledger by its reset handler and a replay,
-- so nothing here is the source of truth.

-- One row per planned migration; the outcome and durations arrive when it finishes.
CREATE TABLE reports_migration (
    migration_id      text PRIMARY KEY,
    database          text NOT NULL,
    environment       text NOT NULL,
    kind              text NOT NULL,
    step              text NOT NULL,
    checksum          text,
    version           text NOT NULL,
    estimated_seconds bigint,
    -- null while the migration runs; completed or aborted once it is over
    outcome           text,
    started_at        timestamptz,
    finished_at       timestamptz,
    -- first phase-started to completed; null when it never started a phase or did not complete
    duration_ms       bigint,
    -- the ledger position of the event that finished it: the order of the rolling windows
    finished_position bigint
);

CREATE INDEX reports_migration_completed ON reports_migration (finished_at) WHERE outcome = 'completed';
CREATE INDEX reports_migration_window ON reports_migration (database, environment, finished_position)
    WHERE outcome = 'completed';
CREATE INDEX reports_migration_checksum ON reports_migration (environment, checksum);

-- The run that counted of each phase of a completed migration.
CREATE TABLE reports_phase_run (
    migration_id      text NOT NULL REFERENCES reports_migration (migration_id) ON DELETE CASCADE,
    phase             text NOT NULL,
    duration_ms       bigint NOT NULL,
    estimated_seconds bigint,
    PRIMARY KEY (migration_id, phase)
);

CREATE INDEX reports_phase_run_phase ON reports_phase_run (phase);

-- A migration (phase = '') or phase that took more than k times the rolling median of its group.
CREATE TABLE reports_regression (
    migration_id      text NOT NULL REFERENCES reports_migration (migration_id) ON DELETE CASCADE,
    phase             text NOT NULL,
    duration_ms       bigint NOT NULL,
    rolling_median_ms bigint NOT NULL,
    factor            double precision NOT NULL,
    previous_runs     integer NOT NULL,
    event_id          uuid NOT NULL,
    PRIMARY KEY (migration_id, phase)
);
