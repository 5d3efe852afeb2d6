package io.ledger.migration;

import io.ledger.api.Phase;
import io.ledger.api.PhaseStatus;
import io.ledger.api.view.PhaseView;

import java.time.Duration;
import java.time.Instant;

/** Where one phase of a migration stands, and what its latest run measured. */
record PhaseProgress(
        Phase phase,
        PhaseStatus status,
        int attempts,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Long rowsAffected,
        Long lockWaitMs,
        String error,
        Double percent,
        Instant eta) {

    static PhaseProgress pending(Phase phase) {
        return new PhaseProgress(phase, PhaseStatus.PENDING, 0, null, null, null, null, null, null, null, null);
    }

    String name() {
        return phase.name();
    }

    boolean forwardOnly() {
        return phase.forwardOnly();
    }

    /** A new attempt: what the previous one measured no longer describes the phase. */
    PhaseProgress started(Instant at) {
        return new PhaseProgress(phase, PhaseStatus.STARTED, attempts + 1, at, null, null, null, null, null, null, null);
    }

    PhaseProgress applied(Instant at, Long reportedDurationMs, Long rows, Long lockWait) {
        return new PhaseProgress(phase, PhaseStatus.APPLIED, attempts, startedAt, at, duration(at, reportedDurationMs),
                rows, lockWait, null, 100.0, null);
    }

    PhaseProgress failed(Instant at, Long reportedDurationMs, String failure) {
        return new PhaseProgress(phase, PhaseStatus.FAILED, attempts, startedAt, at, duration(at, reportedDurationMs),
                rowsAffected, lockWaitMs, failure, percent, null);
    }

    PhaseProgress progressed(Double reportedPercent, Instant expectedFinish) {
        return new PhaseProgress(phase, status, attempts, startedAt, finishedAt, durationMs, rowsAffected, lockWaitMs,
                error, reportedPercent, expectedFinish);
    }

    PhaseProgress moveTo(PhaseStatus next) {
        return new PhaseProgress(phase, next, attempts, startedAt, finishedAt, durationMs, rowsAffected, lockWaitMs,
                error, percent, eta);
    }

    PhaseProgress rollbackFailed(String failure) {
        return new PhaseProgress(phase, PhaseStatus.ROLLBACK_FAILED, attempts, startedAt, finishedAt, durationMs,
                rowsAffected, lockWaitMs, failure, percent, eta);
    }

    /** The runner's own measurement wins; the gap between the start and this event is the fallback. */
    private Long duration(Instant at, Long reportedDurationMs) {
        if (reportedDurationMs != null || startedAt == null) {
            return reportedDurationMs;
        }
        return Math.max(0, Duration.between(startedAt, at).toMillis());
    }

    PhaseView view() {
        return new PhaseView(phase.name(), status, phase.forwardOnly(), phase.estimatedSeconds(), attempts,
                startedAt, finishedAt, durationMs, rowsAffected, lockWaitMs, error, percent, eta);
    }
}
