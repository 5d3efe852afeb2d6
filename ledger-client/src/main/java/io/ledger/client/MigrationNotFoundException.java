package io.ledger.client;

/** The ledger knows no migration with this id ({@code 404}): plan it first. */
public final class MigrationNotFoundException extends LedgerException {

    private final String migrationId;

    MigrationNotFoundException(String migrationId, String detail) {
        super("no migration " + migrationId + " in the ledger" + (detail == null ? "" : ": " + detail));
        this.migrationId = migrationId;
    }

    public String migrationId() {
        return migrationId;
    }
}
