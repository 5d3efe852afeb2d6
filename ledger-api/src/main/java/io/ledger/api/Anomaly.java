package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** The ways a fact can break the lifecycle. The fact is recorded all the same, with the anomaly beside it. */
public enum Anomaly implements RuleId {
    UNKNOWN_PHASE("unknown-phase"),
    PHASE_APPLIED_WITHOUT_START("phase-applied-without-start"),
    PHASE_FAILED_WITHOUT_START("phase-failed-without-start"),
    PROGRESS_WITHOUT_START("progress-without-start"),
    /** A phase applied or failed at a time before it started: a sender's clock is off, and its duration with it. */
    ENDED_BEFORE_START("ended-before-start"),
    VERIFICATION_OF_UNAPPLIED_PHASE("verification-of-unapplied-phase"),
    VERIFICATION_BEFORE_ALL_APPLIED("verification-before-all-applied"),
    ROLLBACK_OF_UNAPPLIED_PHASE("rollback-of-unapplied-phase"),
    ROLLBACK_OF_FORWARD_ONLY_PHASE("rollback-of-forward-only-phase"),
    PRECHECK_AFTER_START("precheck-after-start"),
    EVENT_AFTER_TERMINAL_STATE("event-after-terminal-state");

    private final String wireId;

    Anomaly(String wireId) {
        this.wireId = wireId;
    }

    @Override
    @JsonValue
    public String wireId() {
        return wireId;
    }
}
