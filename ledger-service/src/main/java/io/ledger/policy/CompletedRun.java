package io.ledger.policy;

import java.util.UUID;

/**
 * Another migration that completed: the fact a policy cites, with its completion event and how long it ran.
 *
 * @param durationMs from its first started phase to its completion, as reports measure it; null when it measured
 *                   nothing (no phase started, no duration reported)
 */
public record CompletedRun(String migrationId, UUID completedEventId, Long durationMs) {

    /** How it ran, for a policy's evidence. */
    public String ran() {
        return migrationId + (durationMs == null ? " ran for an unmeasured time: no phase started, none reported a "
                + "duration" : " ran " + durationMs + "ms");
    }
}
