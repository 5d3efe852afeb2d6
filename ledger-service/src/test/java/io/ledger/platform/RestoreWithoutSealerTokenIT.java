package io.ledger.platform;

import io.ledger.Ledgers;
import io.ledger.ServiceProcess;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.Severity;
import io.ledger.api.integrity.Verification;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database restored from a dump taken while the sealer was behind, without the sealer's token: the restored ledger
 * seals the events the dump caught unsealed, rather than reporting them as forged.
 */
class RestoreWithoutSealerTokenIT {

    private static final Path BINARIES = new LedgerProperties.Embedded(Path.of("data"), null).binariesDir();

    @Test
    void theSealerSealsWhatTheBackupCaughtUnsealed() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "restore");
        try (ServiceProcess service = ServiceProcess.start(dataDir)) {
            LedgerClient ledger = Ledgers.client(service.port());
            String id = "restore-" + UUID.randomUUID() + "@staging";
            ledger.plan(new MigrationPlan(id, "orders-db", "staging", "42", null, null, MigrationKind.SCHEMA,
                    MigrationStep.EXPAND, "alice", List.of(), Severity.LOW, null, null,
                    List.of(new Phase("add-column", "ALTER TABLE orders ADD COLUMN status text;", null,
                            "ALTER TABLE orders DROP COLUMN status;", false, null)), List.of(), List.of()));
            MigrationHandle migration = ledger.forMigration(id);
            migration.startPhase("add-column");
            migration.phaseApplied("add-column", 412, 0L, 1L, "ALTER TABLE");
            migration.verified("add-column", List.of("column exists"), "ok");
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger.verify().unsealedEvents() == 0);
        }

        // What a dump taken before the sealer reached the last three events holds, restored without tokenentry's
        // row for the sealer (and so without the checkpoints that came after).
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, BINARIES);
                Connection database = DriverManager.getConnection(postgres.jdbcUrl(), "ledger", postgres.password())) {
            database.setAutoCommit(false);
            try (Statement surgery = database.createStatement()) {
                surgery.execute("SET LOCAL session_replication_role = replica");
                surgery.execute("DELETE FROM ledger_chain WHERE chain_seq > (SELECT max(chain_seq) - 3 "
                        + "FROM ledger_chain)");
                surgery.execute("DELETE FROM ledger_checkpoint WHERE chain_seq > (SELECT max(chain_seq) "
                        + "FROM ledger_chain)");
                assertThat(surgery.executeUpdate("DELETE FROM tokenentry WHERE processorname = 'sealer'"))
                        .isPositive();
            }
            database.commit();
        }

        try (ServiceProcess restored = ServiceProcess.start(dataDir)) {
            LedgerClient ledger = Ledgers.client(restored.port());
            await().atMost(Duration.ofSeconds(60)).until(() -> ledger.verify().unsealedEvents() == 0);
            Verification whole = ledger.verify();
            assertThat(whole.ok()).as("%s", whole.firstBroken()).isTrue();
        }
    }
}
