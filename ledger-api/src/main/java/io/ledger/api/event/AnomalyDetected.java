package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.UUID;

/** A fact broke the lifecycle; recorded by the ledger right after the fact that caused it. */
@JsonTypeName("anomaly-detected")
public record AnomalyDetected(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) String anomaly,
        String message,
        @JsonProperty(required = true) UUID causeEventId) implements LedgerEvent {
}
