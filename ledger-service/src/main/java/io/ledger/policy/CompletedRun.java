package io.ledger.policy;

import java.util.UUID;

/** Another migration that completed: the fact a policy cites, with its completion event and how long it ran. */
public record CompletedRun(String migrationId, UUID completedEventId, long durationMs) {
}
