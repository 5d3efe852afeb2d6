package io.ledger.lint;

import com.fasterxml.jackson.annotation.JsonValue;

/** How bad a finding is; ordered from least to most severe so that {@code --fail-on} can compare. */
public enum Severity {
    INFO("info"),
    WARNING("warning"),
    ERROR("error");

    private final String wireId;

    Severity(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    public static Severity fromWireId(String wireId) {
        for (Severity severity : values()) {
            if (severity.wireId.equals(wireId)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + wireId + "' (expected info, warning or error)");
    }
}
