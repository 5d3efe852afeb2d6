package io.ledger.projections;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.TestTokens;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.client.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.ledger.ReadModels.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pausing a read model stops it where it is while the ledger takes events; resuming lets it catch up. A read model
 * that cannot get past an event says why.
 */
@LedgerServiceTest
class PauseIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPausedReadModelFallsBehindAndCatchesUpWhenResumed() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        awaitCaughtUp(port, "history");
        long caughtUpAt = json(get(port, "/api/v1/admin/projections/history", null)).path("position").asLong();
        HttpResponse<String> paused = post("/api/v1/admin/projections/history/pause");
        String id = uniqueId("paused");
        String database = uniqueDatabase();
        try {
            assertThat(paused.statusCode()).isEqualTo(200);
            assertThat(json(paused).path("running").asBoolean()).isFalse();

            ledger.plan(plan(id, database));
            ledger.forMigration(id).startPhase("p1");

            JsonNode behind = json(get(port, "/api/v1/admin/projections/history", null));
            assertThat(behind.path("running").asBoolean()).isFalse();
            assertThat(behind.path("caughtUp").asBoolean()).isFalse();
            assertThat(behind.path("lagEvents").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(behind.path("position").asLong()).as("where it stopped, not the start of the ledger")
                    .isEqualTo(caughtUpAt);
            assertThat(behind.path("lagEvents").asLong())
                    .isEqualTo(behind.path("headPosition").asLong() - caughtUpAt);
            assertThat(json(get(port, "/api/v1/history?database=" + encode(database), null)).path("items")).isEmpty();
        } finally {
            HttpResponse<String> resumed = post("/api/v1/admin/projections/history/resume");
            assertThat(resumed.statusCode()).isEqualTo(202);
            assertThat(json(resumed).path("running").asBoolean()).isTrue();
        }

        awaitCaughtUp(port, "history");
        JsonNode items = json(get(port, "/api/v1/history?database=" + encode(database), null)).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("id").asText()).isEqualTo(id);
        assertThat(items.get(0).path("status").asText()).isEqualTo("in-progress");
    }

    @Test
    void aReadModelThatCannotCommitABatchSaysWhyUntilItGetsPast() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        awaitCaughtUp(port, "history");
        String id = uniqueId("refused");
        // A constraint that only this migration's history row breaks, added without checking the rows already there.
        jdbc.execute("ALTER TABLE history ADD CONSTRAINT refuses_one_migration CHECK (migration_id <> '" + id
                + "') NOT VALID");
        try {
            ledger.plan(plan(id, uniqueDatabase()));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(json(get(port, "/api/v1/admin/projections/history", null)).path("error").asText())
                            .contains("refuses_one_migration"));
            assertThat(json(get(port, "/api/v1/admin/projections/history", null)).path("caughtUp").asBoolean())
                    .isFalse();
        } finally {
            jdbc.execute("ALTER TABLE history DROP CONSTRAINT refuses_one_migration");
        }

        awaitCaughtUp(port, "history");
        assertThat(json(get(port, "/api/v1/admin/projections/history", null)).hasNonNull("error")).isFalse();
    }

    @Test
    void resumingARunningReadModelChangesNothingAndUnknownNamesAreNotFound() throws Exception {
        HttpResponse<String> resumed = post("/api/v1/admin/projections/timeline/resume");
        assertThat(resumed.statusCode()).isEqualTo(202);
        assertThat(json(resumed).path("running").asBoolean()).isTrue();

        assertThat(post("/api/v1/admin/projections/nonsense/pause").statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/admin/projections/nonsense/resume").statusCode()).isEqualTo(404);
    }

    private static MigrationPlan plan(String id, String database) {
        return new MigrationPlan(id, database, "dev", "1", "paused read model", null, MigrationKind.SCHEMA,
                null, "alice", null, null, null, null, List.of(new Phase("p1", "SELECT 1", null, null, true, null)),
                null, null);
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(TestTokens.admin(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
