package io.ledger.history;

import io.ledger.api.MigrationStatus;

import java.time.Instant;
import java.util.List;

/**
 * One migration as auditors see it: who changed what, where, when, how it ended and what went wrong. Its
 * {@code actors} are the names the events declared; its {@code principals} the tokens that posted them.
 */
record HistoryRow(
        String id,
        String database,
        String environment,
        String version,
        String description,
        String owner,
        MigrationStatus status,
        Instant plannedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant lastActivityAt,
        Long durationMs,
        int phasesTotal,
        int phasesApplied,
        int phasesFailed,
        int prechecksPassed,
        int prechecksRequired,
        int signOffs,
        int anomalies,
        int rollbacks,
        List<String> actors,
        List<String> principals) {

    /** The CSV columns, in the order {@link #csvValues()} gives them. */
    static final List<String> CSV_HEADER = List.of("id", "database", "environment", "version", "description",
            "owner", "status", "plannedAt", "startedAt", "finishedAt", "lastActivityAt", "durationMs", "phasesTotal",
            "phasesApplied", "phasesFailed", "prechecksPassed", "prechecksRequired", "signOffs", "anomalies",
            "rollbacks", "actors", "principals");

    List<String> csvValues() {
        return java.util.Arrays.asList(id, database, environment, version, description, owner, status.wireId(),
                text(plannedAt), text(startedAt), text(finishedAt), text(lastActivityAt),
                durationMs == null ? null : durationMs.toString(), String.valueOf(phasesTotal),
                String.valueOf(phasesApplied), String.valueOf(phasesFailed), String.valueOf(prechecksPassed),
                String.valueOf(prechecksRequired), String.valueOf(signOffs), String.valueOf(anomalies),
                String.valueOf(rollbacks), String.join("\n", actors), String.join("\n", principals));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
