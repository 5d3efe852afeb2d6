package io.ledger.api.integrity;

/**
 * One broken link of the ledger's evidence: what was found, and the event it concerns (for a checkpoint, the last
 * event it covers). Any of {@code migrationId}, {@code sequence} and {@code eventId} is absent when unknown.
 */
public record BrokenLink(
        Tampering kind,
        String migrationId,
        Long sequence,
        Long position,
        String eventId,
        String message) {
}
