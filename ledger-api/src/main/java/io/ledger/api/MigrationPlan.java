package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * The runbook of one migration, as registered by {@code POST /migrations}. Its {@code id} is chosen by the runner,
 * so that a retried plan never creates a second migration. {@code plannedAt}, optional, is when the runner made the
 * plan, on its clock: the {@code planned} event's {@code occurredAt}, as every other event carries the sender's time,
 * so that a plan delivered late (from a spool) is not recorded after the phases it preceded. It is not part of the
 * plan: the same plan posted again at another time is the same plan, and the ledger stores the plan without it.
 */
public record MigrationPlan(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) String database,
        @JsonProperty(required = true) String environment,
        @JsonProperty(required = true) String version,
        String description,
        String checksum,
        @JsonProperty(required = true) MigrationKind kind,
        MigrationStep step,
        @JsonProperty(required = true) String owner,
        List<String> reviewers,
        Severity severity,
        Long estimatedSeconds,
        Instant scheduledFor,
        @JsonProperty(required = true) List<Phase> phases,
        List<String> requiredPrechecks,
        List<String> links,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant plannedAt) {

    public MigrationPlan {
        reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
        phases = phases == null ? List.of() : List.copyOf(phases);
        requiredPrechecks = requiredPrechecks == null ? List.of() : List.copyOf(requiredPrechecks);
        links = links == null ? List.of() : List.copyOf(links);
        step = step == null ? MigrationStep.NONE : step;
        severity = severity == null ? Severity.MEDIUM : severity;
    }

    /** A plan whose {@code planned} event the ledger stamps with the time it receives it. */
    public MigrationPlan(String id, String database, String environment, String version, String description,
            String checksum, MigrationKind kind, MigrationStep step, String owner, List<String> reviewers,
            Severity severity, Long estimatedSeconds, Instant scheduledFor, List<Phase> phases,
            List<String> requiredPrechecks, List<String> links) {
        this(id, database, environment, version, description, checksum, kind, step, owner, reviewers, severity,
                estimatedSeconds, scheduledFor, phases, requiredPrechecks, links, null);
    }

    /** The same plan made at {@code at}. */
    public MigrationPlan withPlannedAt(Instant at) {
        return new MigrationPlan(id, database, environment, version, description, checksum, kind, step, owner,
                reviewers, severity, estimatedSeconds, scheduledFor, phases, requiredPrechecks, links, at);
    }
}
