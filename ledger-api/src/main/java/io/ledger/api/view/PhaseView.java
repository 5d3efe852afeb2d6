package io.ledger.api.view;

import io.ledger.api.PhaseStatus;

import java.time.Instant;

/** One phase of a migration: where it stands and what its last run measured. */
public record PhaseView(
        String name,
        PhaseStatus status,
        boolean forwardOnly,
        Long estimatedSeconds,
        int attempts,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Long rowsAffected,
        Long lockWaitMs,
        String error,
        Double percent,
        Instant eta) {
}
