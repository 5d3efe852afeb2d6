package io.ledger.migration;

import io.ledger.api.Phase;
import io.ledger.api.PhaseStatus;
import io.ledger.api.view.PhaseView;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** How the events of a phase move its {@link PhaseView}; each transition returns the new view. */
final class PhaseTransitions {

    /** A verification, passed or failed, speaks about a phase only once the phase was applied. */
    private static final Set<PhaseStatus> VERIFIABLE =
            EnumSet.of(PhaseStatus.APPLIED, PhaseStatus.VERIFIED, PhaseStatus.VERIFICATION_FAILED);

    private PhaseTransitions() {
    }

    static boolean verifiable(PhaseView phase) {
        return VERIFIABLE.contains(phase.status());
    }

    static PhaseView pending(Phase phase) {
        return new PhaseView(phase.name(), PhaseStatus.PENDING, phase.forwardOnly(), phase.estimatedSeconds(), 0,
                null, null, null, null, null, null, null, null);
    }

    /** A new attempt: what the previous one measured no longer describes the phase. */
    static PhaseView started(PhaseView phase, Instant at) {
        return new PhaseView(phase.name(), PhaseStatus.STARTED, phase.forwardOnly(), phase.estimatedSeconds(),
                phase.attempts() + 1, at, null, null, null, null, null, null, null);
    }

    static PhaseView applied(PhaseView phase, Instant at, Long reportedDurationMs, Long rows, Long lockWait) {
        return new PhaseView(phase.name(), PhaseStatus.APPLIED, phase.forwardOnly(), phase.estimatedSeconds(),
                phase.attempts(), phase.startedAt(), at, duration(phase, at, reportedDurationMs), rows, lockWait, null,
                100.0, null);
    }

    static PhaseView failed(PhaseView phase, Instant at, Long reportedDurationMs, String failure) {
        return new PhaseView(phase.name(), PhaseStatus.FAILED, phase.forwardOnly(), phase.estimatedSeconds(),
                phase.attempts(), phase.startedAt(), at, duration(phase, at, reportedDurationMs), phase.rowsAffected(),
                phase.lockWaitMs(), failure, phase.percent(), null);
    }

    static PhaseView progressed(PhaseView phase, Double percent, Instant expectedFinish) {
        return new PhaseView(phase.name(), phase.status(), phase.forwardOnly(), phase.estimatedSeconds(),
                phase.attempts(), phase.startedAt(), phase.finishedAt(), phase.durationMs(), phase.rowsAffected(),
                phase.lockWaitMs(), phase.error(), percent, expectedFinish);
    }

    /**
     * A phase that was never applied stays as it was, whatever a verification says of it: the fact is recorded with
     * its anomaly, and it must open no gate nor complete the migration.
     */
    static PhaseView verification(PhaseView phase, PhaseStatus outcome) {
        return verifiable(phase) ? withStatus(phase, outcome, phase.error()) : phase;
    }

    static PhaseView moveTo(PhaseView phase, PhaseStatus next) {
        return withStatus(phase, next, phase.error());
    }

    static PhaseView rollbackFailed(PhaseView phase, String failure) {
        return withStatus(phase, PhaseStatus.ROLLBACK_FAILED, failure);
    }

    private static PhaseView withStatus(PhaseView phase, PhaseStatus next, String error) {
        return new PhaseView(phase.name(), next, phase.forwardOnly(), phase.estimatedSeconds(), phase.attempts(),
                phase.startedAt(), phase.finishedAt(), phase.durationMs(), phase.rowsAffected(), phase.lockWaitMs(),
                error, phase.percent(), phase.eta());
    }

    /** The runner's own measurement wins; the gap between the start and this event is the fallback. */
    private static Long duration(PhaseView phase, Instant at, Long reportedDurationMs) {
        if (reportedDurationMs != null || phase.startedAt() == null) {
            return reportedDurationMs;
        }
        return Math.max(0, Duration.between(phase.startedAt(), at).toMillis());
    }
}
