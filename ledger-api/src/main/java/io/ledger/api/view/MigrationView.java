package io.ledger.api.view;

import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStatus;
import io.ledger.api.PlanFinding;

import java.time.Instant;
import java.util.List;

/**
 * The current state of one migration, replayed from its events. {@code findings} is the SQL safety analysis
 * recorded with the plan (empty when the plan predates the analysis).
 */
public record MigrationView(
        String id,
        MigrationStatus status,
        MigrationPlan plan,
        List<PhaseView> phases,
        List<PrecheckView> prechecks,
        List<SignOffView> signOffs,
        List<AnomalyView> anomalies,
        int refusals,
        Instant plannedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant lastEventAt,
        long lastSequence,
        List<PlanFinding> findings) {
}
