package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonValue;

public enum PrecheckStatus {
    PASSED("passed"),
    FAILED("failed"),
    /** Deliberately skipped by a person, with evidence; satisfies a required pre-check. */
    WAIVED("waived");

    private final String wireId;

    PrecheckStatus(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }

    public boolean satisfies() {
        return this != FAILED;
    }
}
