package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.UUID;

/** A person signs the migration off in a role such as {@code author}, {@code dba} or {@code oncall}. */
@JsonTypeName("signed-off")
public record SignedOff(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) String role,
        @JsonProperty(required = true) String signer,
        String comment) implements Gate {
}
