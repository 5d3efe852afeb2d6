package io.ledger.alerts;

import io.ledger.TestTokens;
import io.ledger.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.Ledgers;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import io.ledger.client.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service configured with a webhook that is down, killed with a notification still pending, then
 * started again with the webhook up: the notification queued before the kill is delivered after it.
 */
class PendingDeliveryRestartIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "restart-secret";

    @Test
    void aDeliveryPendingWhenTheServiceIsKilledIsDeliveredAfterItRestarts() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "alerts-restart");
        String id = "alerts-restart-" + UUID.randomUUID();
        URI down = URI.create("http://127.0.0.1:" + ServiceProcess.freePort() + "/hook");

        try (ServiceProcess service = ServiceProcess.start(data, settings(down))) {
            LedgerClient ledger = client(service.port());
            ledger.plan(new MigrationPlan(id, "orders-db", "staging", "44", "Add index", null, MigrationKind.SCHEMA,
                    null, "alice", List.of("bob"), null, null, null,
                    List.of(new Phase("add-index", "CREATE INDEX ...", null, "DROP INDEX ...", false, null)),
                    List.of(), List.of()));
            MigrationHandle migration = ledger.forMigration(id);
            migration.startPhase("add-index");
            migration.phaseFailed("add-index", 30, "deadlock detected");

            await().atMost(Duration.ofSeconds(30)).until(() -> delivery(service.port(), id),
                    delivery -> delivery != null && delivery.get("attemptLog").size() >= 1);
            JsonNode pending = delivery(service.port(), id);
            assertThat(pending.get("state").asText()).isEqualTo("pending");
            assertThat(pending.get("attemptLog").get(0).get("error").asText()).contains("ConnectException");
            service.kill();
        }

        try (Receiver receiver = new Receiver();
             ServiceProcess service = ServiceProcess.start(data, settings(receiver.url("/hook")))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() >= 1);

            Receiver.Request request = receiver.requests().get(0);
            assertThat(request.header("X-Ledger-Signature")).isEqualTo(Signatures.sign(SECRET, request.body()));
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("migrationId").asText()).isEqualTo(id);
            assertThat(body.get("alerts").get(0).get("cause").asText()).isEqualTo("phase-failed:add-index");

            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(service.port(), id).get("state").asText(),
                    "delivered"::equals);
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void aWebhookWithoutASecretStopsTheStartUpNamingTheSink() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "alerts-invalid");

        assertThatThrownBy(() -> ServiceProcess.start(data, "--ledger.alerts.sinks[0].type=webhook",
                "--ledger.alerts.sinks[0].url=https://hooks.example/ledger").close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the service exited")
                .hasMessageContaining("sink webhook-0: a webhook needs a secret to sign its payloads");
    }

    private static String[] settings(URI webhook) {
        return new String[] {"--ledger.alerts.sinks[0].name=hook", "--ledger.alerts.sinks[0].type=webhook",
                "--ledger.alerts.sinks[0].url=" + webhook, "--ledger.alerts.sinks[0].secret=" + SECRET,
                "--ledger.alerts.group-window=0s", "--ledger.alerts.retry-initial=1s", "--ledger.alerts.retry-max=2s"};
    }

    private static JsonNode delivery(int port, String migrationId) throws Exception {
        HttpResponse<String> response = HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/alerts?migrationId="
                        + URLEncoder.encode(migrationId, StandardCharsets.UTF_8))), port).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode alerts = JSON.readTree(response.body());
        return alerts.size() == 0 || alerts.get(0).get("deliveries").size() == 0 ? null
                : alerts.get(0).get("deliveries").get(0);
    }

    private static LedgerClient client(int port) {
        return LedgerClient.builder().baseUrl("http://127.0.0.1:" + port).token(TestTokens.ci(port))
                .actor("ci-runner").runner(Ledgers.CI)
                .retryPolicy(RetryPolicy.none()).build();
    }
}
