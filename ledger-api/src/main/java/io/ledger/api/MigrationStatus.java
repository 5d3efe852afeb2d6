package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code planned → prechecked → in-progress → applied → verified → completed → signed-off}, with the side exits
 * {@code failed}, {@code rolling-back}, {@code rolled-back} and {@code aborted}.
 */
public enum MigrationStatus {
    PLANNED("planned"),
    PRECHECKED("prechecked"),
    IN_PROGRESS("in-progress"),
    APPLIED("applied"),
    VERIFIED("verified"),
    COMPLETED("completed"),
    SIGNED_OFF("signed-off"),
    FAILED("failed"),
    ROLLING_BACK("rolling-back"),
    ROLLED_BACK("rolled-back"),
    ABORTED("aborted");

    private final String wireId;

    MigrationStatus(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }
}
