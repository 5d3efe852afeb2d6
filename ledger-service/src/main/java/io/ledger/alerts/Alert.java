package io.ledger.alerts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One alert: one per migration and cause ({@code dedupKey}). {@code occurrence} counts how often the cause fired
 * again after it was resolved. {@code resolvedByEventId}/{@code Type} name the ledger event that resolved it; a
 * person who resolved it is {@code resolvedBy}.
 */
record Alert(
        UUID id,
        String dedupKey,
        String migrationId,
        String database,
        String environment,
        String cause,
        String severity,
        AlertState state,
        int occurrence,
        String summary,
        Instant raisedAt,
        UUID raisedByEventId,
        String raisedByEventType,
        Instant acknowledgedAt,
        String acknowledgedBy,
        String acknowledgeComment,
        Instant resolvedAt,
        String resolvedBy,
        String resolveComment,
        UUID resolvedByEventId,
        String resolvedByEventType,
        List<Delivery> deliveries) {

    Alert withDeliveries(List<Delivery> deliveries) {
        return new Alert(id, dedupKey, migrationId, database, environment, cause, severity, state, occurrence, summary,
                raisedAt, raisedByEventId, raisedByEventType, acknowledgedAt, acknowledgedBy, acknowledgeComment,
                resolvedAt, resolvedBy, resolveComment, resolvedByEventId, resolvedByEventType, deliveries);
    }

    /** What a notification says about this alert at the moment it changed. */
    Notice notice() {
        return new Notice(id, dedupKey, migrationId, database, environment, cause, severity, state, occurrence,
                summary, raisedAt, resolvedAt, resolvedBy, resolvedByEventId, resolvedByEventType);
    }

    /** One notification to one sink that carried this alert, with every attempt to send it. */
    record Delivery(long id, String sink, String sinkType, String state, AlertState carried, int occurrence,
            int attempts, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, List<Attempt> attemptLog) {
    }

    /** One attempt: a status code when the sink answered, an error when it did not. */
    record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMs) {
    }

    /** The alert as a notification carries it: a snapshot, so a later change does not rewrite what was sent. */
    record Notice(UUID id, String dedupKey, String migrationId, String database, String environment, String cause,
            String severity, AlertState state, int occurrence, String summary, Instant raisedAt, Instant resolvedAt,
            String resolvedBy, UUID resolvedByEventId, String resolvedByEventType) {
    }
}
