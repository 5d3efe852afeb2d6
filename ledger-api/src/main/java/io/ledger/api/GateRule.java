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
    SIGNER_IS_OWNER("signer-is-owner");

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
