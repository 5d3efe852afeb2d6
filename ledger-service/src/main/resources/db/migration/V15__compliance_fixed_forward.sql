-- A failure of a forward-only phase, which cannot be rolled back, passes failure-rolled-back once that phase is
-- verified again (fixed forward): the read model keeps the plan's forward-only phases and the phase that failed last.
-- Rows written before this version have neither; replay the policy read model after upgrading (docs/operations.md).
ALTER TABLE policy_compliance
    ADD COLUMN forward_only_phases text[] NOT NULL DEFAULT '{}',
    ADD COLUMN failed_phase        text;
