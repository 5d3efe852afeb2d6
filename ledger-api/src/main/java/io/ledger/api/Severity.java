package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Severity {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    CRITICAL("critical");

    private final String wireId;

    Severity(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }
}
