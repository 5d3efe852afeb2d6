package io.ledger.client;

/**
 * Everything the client throws, besides {@link IllegalArgumentException} for arguments it refuses to send. Thrown
 * as itself only for an answer the contract does not allow, such as a redirect or a body that is not the promised
 * JSON.
 */
public sealed class LedgerException extends RuntimeException
        permits GateRefusedException, EventConflictException, PlanConflictException, MigrationNotFoundException,
        LedgerRejectedException, LedgerUnavailableException, SpooledException, SpoolFullException,
        SpoolFailedException, SpoolRefusedException {

    LedgerException(String message) {
        super(message);
    }

    LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
