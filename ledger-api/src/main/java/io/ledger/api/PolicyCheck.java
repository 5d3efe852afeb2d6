package io.ledger.api;

import java.util.UUID;

/**
 * One policy rule evaluated at a gate: its outcome, in words why, and the event that is its evidence (in this
 * migration, or in {@code evidenceMigrationId} when the fact belongs to another one, such as the staging run).
 */
public record PolicyCheck(
        GateRule rule,
        PolicyOutcome outcome,
        String evidence,
        UUID evidenceEventId,
        String evidenceMigrationId) {
}
