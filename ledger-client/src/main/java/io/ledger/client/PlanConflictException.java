package io.ledger.client;

/**
 * A migration with this id is already planned, with a different plan ({@code 409} on {@code POST /migrations}).
 * Registering the same plan again is not a conflict: it returns the migration's state.
 */
public final class PlanConflictException extends LedgerException {

    private final String migrationId;

    PlanConflictException(String migrationId, String detail) {
        super("migration " + migrationId + " is already planned differently" + (detail == null ? "" : ": " + detail));
        this.migrationId = migrationId;
    }

    public String migrationId() {
        return migrationId;
    }
}
