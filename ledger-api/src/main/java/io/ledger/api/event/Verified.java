package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A verification passed: of one phase, or of the whole migration when {@code phase} is absent. */
@JsonTypeName("verified")
public record Verified(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        String phase,
        List<String> checks,
        String evidence) implements Fact {
}
