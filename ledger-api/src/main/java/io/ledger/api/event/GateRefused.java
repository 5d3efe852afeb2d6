package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.Reason;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The ledger refused a gate; the refused request is kept whole as evidence, with every reason. */
@JsonTypeName("gate-refused")
public record GateRefused(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) Gate request,
        @JsonProperty(required = true) List<Reason> reasons) implements LedgerEvent {
}
