package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** What one policy rule concluded about a gate. */
public enum PolicyOutcome {
    PASS("pass"),
    FAIL("fail"),
    /** The rule does not concern this migration, such as the two-phase rule for a plan that destroys nothing. */
    NOT_APPLICABLE("not-applicable");

    private final String wireId;

    PolicyOutcome(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    public String wireId() {
        return wireId;
    }
}
