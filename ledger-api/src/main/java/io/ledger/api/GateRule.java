package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** The rules a gate ({@code phase-started}, {@code signed-off}, {@code completed}) can be refused by. */
public enum GateRule implements RuleId {
    UNKNOWN_PHASE("unknown-phase"),
    TERMINAL_STATE("terminal-state"),
    PRECHECKS_INCOMPLETE("prechecks-incomplete"),
    PREVIOUS_PHASE_NOT_VERIFIED("previous-phase-not-verified"),
    PHASE_ALREADY_RUNNING("phase-already-running"),
    PHASE_ALREADY_APPLIED("phase-already-applied"),
    ROLLBACK_IN_PROGRESS("rollback-in-progress"),
    PHASES_NOT_VERIFIED("phases-not-verified"),
    NOT_COMPLETED("not-completed"),
    SIGNER_IS_OWNER("signer-is-owner"),
    // The environment's policy (docs/policy.md), evaluated before the first phase starts.
    STAGING_BEFORE_PROD("staging-before-prod"),
    BACKUP_BEFORE_PROD("backup-before-prod"),
    REVERSAL_REQUIRED("reversal-required"),
    TWO_PHASE_DESTRUCTIVE("two-phase-destructive"),
    APPROVAL_REQUIRED("approval-required"),
    DURATION_BUDGET("duration-budget");

    private final String wireId;

    GateRule(String wireId) {
        this.wireId = wireId;
    }

    @Override
    @JsonValue
    public String wireId() {
        return wireId;
    }
}
