package io.ledger.api.event;

/**
 * Evidence of what really happened. A fact is always recorded, even when it breaks the lifecycle; the ledger then
 * records an {@link AnomalyDetected} beside it.
 */
public sealed interface Fact extends LedgerEvent
        permits PrecheckRecorded, PhaseApplied, PhaseFailed, Verified, VerificationFailed,
        RollbackStarted, RolledBack, RollbackFailed, Progress, Aborted {
}
