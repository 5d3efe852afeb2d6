-- The compliance read model (io.ledger.policy): one row per migration with the outcome of each acceptance
-- criterion. Rebuilt from the ledger by its reset handler and a replay, so nothing here is the source of truth.
CREATE TABLE policy_compliance (
    migration_id        text PRIMARY KEY,
    database            text NOT NULL,
    environment         text NOT NULL,
    -- outcomes of the latest policy-evaluated (pass, fail, not-applicable); null while no decision was recorded
    additive_only       text,
    rollback_per_phase  text,
    staging_before_prod text,
    backup_before_prod  text,
    duration_in_budget  text,
    -- not-applicable until a phase or verification fails; fail until a rollback follows it, then pass
    failure_rolled_back text NOT NULL DEFAULT 'not-applicable'
);

CREATE INDEX policy_compliance_scope ON policy_compliance (database, environment);
