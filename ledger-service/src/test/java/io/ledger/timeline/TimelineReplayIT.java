package io.ledger.timeline;

import io.ledger.TestTokens;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static io.ledger.ReadModels.*;
import static io.ledger.timeline.TimelineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

@LedgerServiceTest
class TimelineReplayIT {

    @LocalServerPort
    int port;

    /**
     * Axon ends a replay only when the processor passes the position it was reset at, that is on the first event
     * appended after the reset; the test appends one (on another database) before waiting for the catch-up.
     */
    @Test
    void replayRebuildsExactlyTheRowsBuiltLive() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        Instant start = Instant.now().minusSeconds(1);
        List<String> databases = List.of(uniqueDatabase(), uniqueDatabase());
        for (int i = 0; i < 6; i++) {
            String id = uniqueId("replayed-" + i);
            ledger.plan(plan(id, databases.get(i % 2), List.of(), "a", "b"));
            MigrationHandle migration = ledger.forMigration(id);
            migration.startPhase("a");
            migration.progress("a", 50.0, 5L, 10L, null);
            migration.phaseApplied("a", 10, 10L, 0L, "ok");
            migration.verified("b", List.of("c"), "verified a phase never applied");
            migration.abort("window closed");
        }
        awaitCaughtUp(port, "timeline");
        Instant end = Instant.now().plusSeconds(60);
        List<String> live = databases.stream().map(database -> get(port, "/api/v1/timeline?database="
                + encode(database) + "&from=" + start + "&to=" + end, null).body()).toList();
        assertThat(live).allSatisfy(body -> assertThat(body).contains("window closed"));

        HttpResponse<String> replay = HttpClient.newHttpClient().send(TestTokens.admin(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/admin/projections/timeline/replay")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(202);
        ledger.plan(plan(uniqueId("after-replay"), uniqueDatabase(), List.of(), "a"));
        awaitCaughtUp(port, "timeline");

        assertThat(databases.stream().map(database -> get(port, "/api/v1/timeline?database=" + encode(database)
                + "&from=" + start + "&to=" + end, null).body()).toList()).isEqualTo(live);
    }
}
