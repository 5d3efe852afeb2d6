package io.ledger.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * The runbook of one migration, as registered by {@code POST /migrations}. Its {@code id} is chosen by the runner,
 * so that a retried plan never creates a second migration.
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
        List<String> links) {

    public MigrationPlan {
        reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
        phases = phases == null ? List.of() : List.copyOf(phases);
        requiredPrechecks = requiredPrechecks == null ? List.of() : List.copyOf(requiredPrechecks);
        links = links == null ? List.of() : List.copyOf(links);
        step = step == null ? MigrationStep.NONE : step;
        severity = severity == null ? Severity.MEDIUM : severity;
    }
}
