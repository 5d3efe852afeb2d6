package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every required pre-check passed; emitted by the ledger itself. */
@JsonTypeName("prechecked")
public record Prechecked(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        List<String> checks) implements LedgerEvent {
}
