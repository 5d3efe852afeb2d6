package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonValue;

public enum PhaseStatus {
    PENDING("pending"),
    STARTED("started"),
    APPLIED("applied"),
    VERIFIED("verified"),
    FAILED("failed"),
    VERIFICATION_FAILED("verification-failed"),
    ROLLING_BACK("rolling-back"),
    ROLLED_BACK("rolled-back"),
    ROLLBACK_FAILED("rollback-failed");

    private final String wireId;

    PhaseStatus(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }
}
