package io.ledger;

import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import io.ledger.client.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.ledger.ReadModels.get;
import static io.ledger.ReadModels.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service, in the heap it is run with ({@code -Xmx512m}), with every read model far behind on events
 * near the body limit: each read model reads them back from PostgreSQL on its own, and must not hold them all.
 */
class LargeEventsIT {

    private static final List<String> READ_MODELS = List.of("alerts", "history", "policy", "reports", "timeline");
    private static final int MIGRATIONS = 10;
    private static final int PHASES = 20;
    /** An output near the 1 MiB a body may carry: the 200 of them are 160 MB, five read models' worth 800 MB. */
    private static final String OUTPUT = "y".repeat(800_000);

    @Test
    void readModelsFarBehindOnLargeEventsCatchUpWithinTheHeap() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "large");
        try (ServiceProcess service = ServiceProcess.start(data)) {
            int port = service.port();
            READ_MODELS.forEach(readModel -> assertThat(TestTokens.call(port, "POST",
                    "/api/v1/admin/projections/" + readModel + "/pause", null, TestTokens.BOOTSTRAP).statusCode())
                    .isEqualTo(200));
            LedgerClient ledger = LedgerClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .token(TestTokens.ci(port)).actor("ci-runner").runner(Ledgers.CI)
                    .retryPolicy(RetryPolicy.none()).build();
            String database = "large-" + UUID.randomUUID();
            for (int m = 0; m < MIGRATIONS; m++) {
                String id = database + "-" + m;
                ledger.plan(plan(id, database));
                MigrationHandle migration = ledger.forMigration(id);
                for (int p = 0; p < PHASES; p++) {
                    migration.startPhase("p" + p);
                    migration.phaseApplied("p" + p, 1000, 0L, 0L, OUTPUT);
                    migration.verified("p" + p, List.of("rows match"), null);
                }
            }

            READ_MODELS.forEach(readModel -> TestTokens.call(port, "POST",
                    "/api/v1/admin/projections/" + readModel + "/resume", null, TestTokens.BOOTSTRAP));
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> !service.alive() || READ_MODELS.stream().allMatch(readModel -> json(get(port,
                            "/api/v1/admin/projections/" + readModel, null)).path("caughtUp").asBoolean()));
            assertThat(service.alive()).as(() -> lastLines(service)).isTrue();
            assertThat(json(get(port, "/api/v1/history?status=completed&database=" + database, null))
                    .path("items").size()).isEqualTo(MIGRATIONS);
        }
    }

    private static MigrationPlan plan(String id, String database) {
        List<Phase> phases = IntStream.range(0, PHASES)
                .mapToObj(p -> new Phase("p" + p, "UPDATE orders SET status = 'paid' WHERE id % 20 = " + p, null,
                        null, true, 1L))
                .toList();
        return new MigrationPlan(id, database, "staging", "1", "Backfill with loud output", "sha256:1",
                MigrationKind.DATA, null, "alice", List.of("bob"), null, 60L, Instant.now(), phases, List.of(),
                List.of());
    }

    private static String lastLines(ServiceProcess service) {
        try {
            List<String> lines = Files.readAllLines(service.log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException unreadable) {
            return unreadable.toString();
        }
    }
}
