package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.UUID;

/** The runbook is registered; written by {@code POST /migrations}. */
@JsonTypeName("planned")
public record Planned(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) MigrationPlan plan) implements LedgerEvent {
}
