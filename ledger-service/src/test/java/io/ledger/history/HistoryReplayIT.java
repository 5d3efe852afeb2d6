package io.ledger.history;

import io.ledger.TestTokens;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.PrecheckStatus;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static io.ledger.ReadModels.*;
import static io.ledger.history.HistoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

@LedgerServiceTest
class HistoryReplayIT {

    @LocalServerPort
    int port;

    /**
     * Axon ends a replay only when the processor passes the position it was reset at, that is on the first event
     * appended after the reset; the test appends one (in a database of its own) before waiting for the catch-up.
     */
    @Test
    void replayRebuildsExactlyTheRowsBuiltLive() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        String database = uniqueDatabase();
        for (int i = 0; i < 5; i++) {
            String id = uniqueId("replayed-" + i);
            ledger.plan(plan(id, database, "prod", String.valueOf(i), "replayed " + i, List.of("backup-taken"),
                    "a", "b"));
            MigrationHandle migration = ledger.forMigration(id);
            migration.precheck("backup-taken", PrecheckStatus.PASSED, "s3://backups/" + i);
            migration.startPhase("a");
            if (i % 2 == 0) {
                migration.phaseFailed("a", 10, "deadlock detected " + i);
                migration.rollbackStarted(List.of("a"), "deadlock");
                migration.rolledBack(List.of("a"), "deadlock", 5);
            } else {
                migration.phaseApplied("a", 10, 1L, 0L, "ok");
                migration.verified("a", List.of("c"), "ok");
                migration.verified("b", List.of("c"), "verified a phase never applied");
            }
        }
        awaitCaughtUp(port, "history");
        String live = get(port, "/api/v1/history", "application/x-ndjson").body();
        assertThat(live).contains(database);

        HttpResponse<String> replay = HttpClient.newHttpClient().send(TestTokens.admin(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/admin/projections/history/replay")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(202);
        String nudge = uniqueId("after-replay");
        ledger.plan(plan(nudge, uniqueDatabase(), "prod", "1", "after the replay", List.of(), "a"));
        awaitCaughtUp(port, "history");

        List<String> rebuilt = get(port, "/api/v1/history", "application/x-ndjson").body().lines().toList();
        assertThat(rebuilt).anySatisfy(line -> assertThat(line).contains(nudge));
        assertThat(rebuilt.stream().filter(line -> !line.contains(nudge))).containsExactlyElementsOf(live.lines().toList());
    }
}
