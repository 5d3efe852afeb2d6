package io.ledger.alerts;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of notification sinks, named in settings by their wire id. */
enum SinkType {
    WEBHOOK("webhook"),
    ALERTMANAGER("alertmanager"),
    SLACK("slack");

    private final String wireId;

    SinkType(String wireId) {
        this.wireId = wireId;
    }

    @JsonValue
    String wireId() {
        return wireId;
    }
}
