package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** The expand/contract step a migration belongs to; {@code none} for changes outside that pattern. */
public enum MigrationStep {
    EXPAND("expand"),
    MIGRATE("migrate"),
    SWITCH("switch"),
    CONTRACT("contract"),
    NONE("none");

    private final String wireId;

    MigrationStep(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }
}
