package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonValue;

public enum MigrationKind {
    SCHEMA("schema"),
    DATA("data"),
    ENGINE("engine"),
    PLATFORM("platform");

    private final String wireId;

    MigrationKind(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }
}
