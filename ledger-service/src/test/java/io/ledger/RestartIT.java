package io.ledger;

import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStatus;
import io.ledger.api.Phase;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import io.ledger.client.LedgerException;
import io.ledger.client.MigrationHandle;
import io.ledger.client.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged service killed with SIGKILL in the middle of a runbook, then started again on the same data. */
class RestartIT {

    @Test
    void serviceKilledMidRunKeepsEveryAcknowledgedEventAndTheState() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "restart");
        String id = "restart-" + UUID.randomUUID();
        List<RecordedEvent> before;
        MigrationView stateBefore;
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();

        try (ServiceProcess service = ServiceProcess.start(data)) {
            LedgerClient ledger = client(service.port());
            MigrationHandle migration = ledger.forMigration(id);
            ledger.plan(plan(id));
            migration.precheck("backup-taken", PrecheckStatus.PASSED, "snapshot 42");
            migration.startPhase("expand");
            migration.phaseApplied("expand", 100, 0L, 0L, null);
            migration.verified("expand", List.of("column exists"), "1");
            migration.startPhase("backfill");

            AtomicBoolean posting = new AtomicBoolean(true);
            CountDownLatch someAcknowledged = new CountDownLatch(20);
            Thread runner = new Thread(() -> {
                for (long rows = 0; posting.get(); rows++) {
                    try {
                        acknowledged.add(migration.progress("backfill", null, rows, null, null).event().eventId());
                        someAcknowledged.countDown();
                    } catch (LedgerException refusedOrDown) {
                        return;
                    }
                }
            });
            runner.start();
            someAcknowledged.await();
            service.kill();
            posting.set(false);
            runner.join();
        }

        try (ServiceProcess service = ServiceProcess.start(data)) {
            LedgerClient ledger = client(service.port());
            before = ledger.events(id);
            stateBefore = ledger.migration(id);
            assertThat(before.stream().map(recorded -> recorded.event().eventId()).collect(Collectors.toSet()))
                    .containsAll(acknowledged);
            assertThat(stateBefore.status()).isEqualTo(MigrationStatus.IN_PROGRESS);

            MigrationHandle migration = ledger.forMigration(id);
            migration.phaseApplied("backfill", 5000, 1_000_000L, 0L, null);
            migration.verified("backfill", List.of("no NULL status"), "0");
            assertThat(ledger.migration(id).status()).isEqualTo(MigrationStatus.COMPLETED);
        }

        try (ServiceProcess service = ServiceProcess.start(data)) {
            LedgerClient ledger = client(service.port());
            assertThat(ledger.events(id)).startsWith(before.toArray(RecordedEvent[]::new));
            assertThat(ledger.migration(id).status()).isEqualTo(MigrationStatus.COMPLETED);
        }
    }

    /**
     * After a reboot the pid in a stale postmaster.pid can be any process's, another ledger's PostgreSQL included:
     * a process that is not this cluster's postmaster is left alone, whatever its name.
     */
    @Test
    void aStalePidFileNamingAnotherProcessCalledPostgresLeavesThatProcessRunning() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "stale-pid");
        try (ServiceProcess service = ServiceProcess.start(data)) {
            assertThat(service.alive()).isTrue();
        }
        Path decoy = Files.copy(Path.of("/bin/sleep"), Files.createDirectory(data.resolve("decoy")).resolve("postgres"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Process other = new ProcessBuilder(decoy.toString(), "600").start();
        try {
            Files.writeString(data.resolve("postgres").resolve("postmaster.pid"), other.pid() + "\n"
                    + data.resolve("postgres").toAbsolutePath() + "\n");

            try (ServiceProcess service = ServiceProcess.start(data)) {
                assertThat(other.isAlive()).as("the other process was signalled").isTrue();
                assertThat(Files.readString(service.log())).doesNotContain("Stopping PostgreSQL");
                assertThat(client(service.port()).verify().ok()).isTrue();
            }
        } finally {
            other.destroyForcibly();
        }
    }

    private static LedgerClient client(int port) {
        return LedgerClient.builder().baseUrl("http://127.0.0.1:" + port).token(TestTokens.ci(port))
                .actor("ci-runner").runner(Ledgers.CI)
                .retryPolicy(RetryPolicy.none()).build();
    }

    private static MigrationPlan plan(String id) {
        return new MigrationPlan(id, "orders-db", "staging", "43", "Backfill order status", "sha256:1", MigrationKind.DATA,
                null, "alice", List.of("bob"), null, 60L, Instant.now(), List.of(
                new Phase("expand", "ALTER TABLE orders ADD COLUMN status text", null, "ALTER TABLE orders DROP COLUMN status",
                        false, 1L),
                new Phase("backfill", "UPDATE orders SET status = 'paid'", null, null, true, 50L)),
                List.of("backup-taken"), List.of());
    }
}
