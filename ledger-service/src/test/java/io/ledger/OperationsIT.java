package io.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import org.axonframework.updates.UpdateChecker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@LedgerServiceTest
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void livenessAndReadinessAreUp() throws Exception {
        assertThat(json("/actuator/health/liveness").get("status").asText()).isEqualTo("UP");
        assertThat(json("/actuator/health/readiness").get("status").asText()).isEqualTo("UP");
        assertThat(json("/actuator/health").at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(json("/actuator/health").at("/components/diskSpace/details/path").asText())
                .as("the disk the database writes to").contains("target/it-data/");
        assertThat(json("/actuator/health/readiness").at("/components/db/status").asText())
                .as("without its database the ledger is not ready").isEqualTo("UP");
        assertThat(json("/actuator/health/liveness").at("/components/db").isMissingNode())
                .as("a database outage must not have every instance restarted").isTrue();
    }

    @Test
    void healthWithoutATokenSaysUpAndNothingAboutTheDatabaseOrTheDisk() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(200);
        // "groups" names the probes (liveness, readiness), which anyone may call.
        assertThat(JSON.readTree(anonymous.body()).properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("status", "groups");
        assertThat(JSON.readTree(anonymous.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void ledgerMakesNoCallsHome() {
        assertThat(context.getBeanNamesForType(UpdateChecker.class)).isEmpty();
    }

    @Test
    void everyReadModelCatchesUpWithTheLedgerAndSaysSo() throws Exception {
        plan("caught-up-");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode projections = json("/api/v1/admin/projections");
            assertThat(projections.findValuesAsText("name")).containsExactly("alerts", "history", "policy", "reports",
                    "timeline");
            assertThat(projections).allSatisfy(projection -> {
                assertThat(projection.get("running").asBoolean()).isTrue();
                assertThat(projection.get("caughtUp").asBoolean()).isTrue();
                assertThat(projection.get("lagEvents").asLong()).isZero();
                assertThat(projection.get("position").asLong()).isEqualTo(projection.get("headPosition").asLong());
            });
        });
    }

    @Test
    void unknownReadModelIsNotFound() throws Exception {
        assertThat(get("/api/v1/admin/projections/nonsense").statusCode()).isEqualTo(404);
        assertThat(HTTP.send(TestTokens.admin(HttpRequest.newBuilder(uri("/api/v1/admin/projections/nonsense/replay")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void prometheusCountsAppendedEventsAndProjectionLag() throws Exception {
        plan("metrics-");

        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("ledger_events_appended_total\\{[^}]*type=\"planned\"[^}]*} [1-9]")
                .contains("ledger_projection_lag_events{", "ledger_projection_lag_seconds{", "projection=\"history\"");
    }

    private void plan(String prefix) {
        Ledgers.client(port).plan(new MigrationPlan(prefix + UUID.randomUUID(), "operations-db", "dev", "1", null, null,
                MigrationKind.SCHEMA, null, "alice", null, null, null, null,
                List.of(new Phase("p1", "SELECT 1", null, null, true, null)), null, null));
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(TestTokens.admin(HttpRequest.newBuilder(uri(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
