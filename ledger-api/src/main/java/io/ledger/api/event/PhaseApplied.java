package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.UUID;

/** A phase finished successfully. */
@JsonTypeName("phase-applied")
public record PhaseApplied(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) String phase,
        Long durationMs,
        Long rowsAffected,
        Long lockWaitMs,
        String output) implements Fact {
}
