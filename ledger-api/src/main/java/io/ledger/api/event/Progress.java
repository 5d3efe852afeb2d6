package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.UUID;

/** A long phase reports how far it got, as gh-ost and batched backfills do. */
@JsonTypeName("progress")
public record Progress(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) String phase,
        Double percent,
        Long rowsDone,
        Long rowsTotal,
        Instant eta) implements Fact {
}
