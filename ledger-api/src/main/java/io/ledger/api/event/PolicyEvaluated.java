package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.PolicyCheck;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The environment's policy decided a gate; written by the ledger right before the gate it allowed or the refusal,
 * so that an auditor sees why a phase was allowed to run. Every rule is listed with its outcome and evidence,
 * including the facts about other migrations (the staging run, the expand step) the decision used.
 */
@JsonTypeName("policy-evaluated")
public record PolicyEvaluated(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) UUID gateEventId,
        @JsonProperty(required = true) String environment,
        boolean allowed,
        @JsonProperty(required = true) List<PolicyCheck> checks) implements LedgerEvent {

    public PolicyEvaluated {
        checks = List.copyOf(checks);
    }
}
