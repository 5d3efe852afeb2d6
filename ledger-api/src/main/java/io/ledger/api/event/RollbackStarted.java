package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reversal of one or more phases began. */
@JsonTypeName("rollback-started")
public record RollbackStarted(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) List<String> phases,
        String reason) implements Fact {
}
