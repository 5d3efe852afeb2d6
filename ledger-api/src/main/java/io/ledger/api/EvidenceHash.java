package io.ledger.api;

/**
 * What a sign-off binds: the hash of its migration's event at {@code sequence}, the last before the sign-off, which
 * chains every event before it (docs/security.md). Filled in by the ledger, never by the sender.
 */
public record EvidenceHash(long sequence, String hash) {
}
