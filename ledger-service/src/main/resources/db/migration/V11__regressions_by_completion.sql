-- A duration regression is kept under the event that measured it, its migration's completion, which measures the
-- whole migration and each of its phases: one completion may have several regressions. Rows kept before were under
-- ids of no event (a name-based UUID of migration and phase), which no alert was ever raised from; replaying the
-- reports read model publishes them again under their completion (docs/operations.md).
ALTER TABLE alert_regression DROP CONSTRAINT alert_regression_pkey;
DELETE FROM alert_regression a
    WHERE NOT EXISTS (SELECT 1 FROM domainevententry e WHERE e.eventidentifier = a.event_id::text);
CREATE UNIQUE INDEX alert_regression_event_phase ON alert_regression (event_id, coalesce(phase, ''));
