package io.ledger.api.view;

import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStatus;

import java.time.Instant;
import java.util.List;

/** The current state of one migration, replayed from its events. */
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
        long lastSequence) {
}
