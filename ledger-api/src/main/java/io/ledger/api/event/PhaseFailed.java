package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.UUID;

/** A phase failed. */
@JsonTypeName("phase-failed")
public record PhaseFailed(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) String phase,
        Long durationMs,
        String error) implements Fact {
}
