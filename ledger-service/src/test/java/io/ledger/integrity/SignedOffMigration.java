package io.ledger.integrity;

import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Severity;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;

import java.util.List;
import java.util.UUID;

/**
 * A short runbook taken to its sign-off: planned, pre-checked, one phase started, applied and verified, completed
 * by the ledger, then signed off by a reviewer. Events 0 to 7, the sign-off last.
 */
final class SignedOffMigration {

    static final String PHASE = "add-nullable-column";
    static final int SIGN_OFF = 7;

    private SignedOffMigration() {
    }

    /** @return the migration's events as the ledger recorded them */
    static List<RecordedEvent> run(LedgerClient ledger, String name) {
        String id = name + "-" + UUID.randomUUID();
        ledger.plan(new MigrationPlan(id, "orders-db", "staging", "42", "Add status column to orders", "sha256:9f2c",
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", List.of("bob"), Severity.MEDIUM, 60L, null,
                List.of(new Phase(PHASE, "ALTER TABLE orders ADD COLUMN status text;", "SELECT 1;",
                        "ALTER TABLE orders DROP COLUMN status;", false, 5L)),
                List.of("backup-taken"), List.of()));
        MigrationHandle migration = ledger.forMigration(id);
        migration.precheck("backup-taken", PrecheckStatus.PASSED, "s3://backups/orders-db/2026-05-12");
        migration.startPhase(PHASE);
        migration.phaseApplied(PHASE, 412, 0L, 1L, "ALTER TABLE");
        migration.verified(PHASE, List.of("column exists"), "1 row");
        migration.signOff("dba", "bob", "checked on staging");
        return ledger.events(id);
    }
}
