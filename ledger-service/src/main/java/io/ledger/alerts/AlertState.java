package io.ledger.alerts;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code firing → acknowledged → resolved}; a resolved alert whose cause comes back fires again. */
enum AlertState {
    FIRING("firing"),
    ACKNOWLEDGED("acknowledged"),
    RESOLVED("resolved");

    private final String wireId;

    AlertState(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    String wireId() {
        return wireId;
    }

    static AlertState of(String wireId) {
        for (AlertState state : values()) {
            if (state.wireId.equals(wireId)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown alert state " + wireId);
    }
}
