package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.ledger.api.MigrationPlan;
import io.ledger.api.PlanFinding;
import io.ledger.api.Runner;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The runbook is registered; written by {@code POST /migrations}, with the SQL safety analysis of its phases
 * ({@code findings}). Findings are null on plans registered before the ledger analysed plans: not analysed is not
 * the same as nothing found.
 */
@JsonTypeName("planned")
public record Planned(
        @JsonProperty(required = true) UUID eventId,
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String actor,
        Runner runner,
        @JsonProperty(required = true) MigrationPlan plan,
        List<PlanFinding> findings) implements LedgerEvent {

    public Planned {
        findings = findings == null ? null : List.copyOf(findings);
    }

    /** A plan without analysis, as runners and older ledgers wrote it. */
    public Planned(UUID eventId, Instant occurredAt, String actor, Runner runner, MigrationPlan plan) {
        this(eventId, occurredAt, actor, runner, plan, null);
    }
}
