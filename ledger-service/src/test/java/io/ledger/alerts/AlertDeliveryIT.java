package io.ledger.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.TestTokens;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.Severity;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery against real HTTP receivers. The shared application has no sinks, so each test builds its own outbox and
 * sender over the application's database with sinks of its own (uniquely named: the application's sender only
 * drains sinks it has), exactly as {@link AlertsConfiguration} builds them from settings.
 */
@LedgerServiceTest
class AlertDeliveryIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "s3cret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ObjectMapper json;

    @Autowired
    MeterRegistry meters;

    @Autowired
    AlertStore alerts;

    @Test
    void aWebhookThatFailsFirstIsRetriedWithBackoffSignedAndEveryAttemptShowsOnTheAlert() throws Exception {
        try (Receiver receiver = new Receiver(500)) {
            AlertsProperties.Sink sink = sink(SinkType.WEBHOOK, receiver.url("/hook"), SECRET);
            Alert alert = failedPhaseAlert();
            queue(outbox(sink, Duration.ZERO), alert.notice());
            Sender sender = sender(sink);

            sender.drain();
            assertThat(receiver.requests()).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sender.drain() > 0 && receiver.requests().size() == 2);

            for (Receiver.Request request : receiver.requests()) {
                assertThat(request.header("X-Ledger-Signature")).isEqualTo(Signatures.sign(SECRET, request.body()));
            }
            JsonNode body = json.readTree(receiver.requests().get(1).body());
            assertThat(body.get("migrationId").asText()).isEqualTo(alert.migrationId());
            assertThat(body.get("alerts").get(0).get("cause").asText()).isEqualTo("phase-failed:add-column");
            assertThat(body.get("alerts").get(0).get("state").asText()).isEqualTo("firing");

            JsonNode shown = json.readTree(get("/api/v1/alerts/" + alert.id()));
            JsonNode delivery = shown.get("deliveries").get(0);
            assertThat(delivery.get("sink").asText()).isEqualTo(sink.name());
            assertThat(delivery.get("state").asText()).isEqualTo("delivered");
            assertThat(delivery.get("attemptLog")).hasSize(2);
            assertThat(delivery.get("attemptLog").get(0).get("statusCode").asInt()).isEqualTo(500);
            assertThat(delivery.get("attemptLog").get(0).get("error").asText()).isEqualTo("HTTP 500");
            assertThat(delivery.get("attemptLog").get(1).get("statusCode").asInt()).isEqualTo(200);
            assertThat(meters.counter("ledger.alerts.delivery.failures", "sink", sink.name()).count()).isEqualTo(1);
        }
    }

    @Test
    void alertmanagerGetsPostableAlertsAndAResolvedOneCarriesEndsAt() throws Exception {
        try (Receiver receiver = new Receiver()) {
            AlertsProperties.Sink sink = sink(SinkType.ALERTMANAGER, receiver.url("/am/"), null);
            Alert firing = failedPhaseAlert();
            Outbox outbox = outbox(sink, Duration.ZERO);
            queue(outbox, firing.notice());
            Sender sender = sender(sink);
            await().atMost(Duration.ofSeconds(10)).until(() -> sender.drain() >= 0 && receiver.requests().size() == 1);

            Alert resolved = transactions.execute(status -> {
                alerts.resolve(firing.id(), "carol", "fixed by hand");
                return alerts.find(firing.id()).orElseThrow();
            });
            queue(outbox, resolved.notice());
            await().atMost(Duration.ofSeconds(10)).until(() -> sender.drain() >= 0 && receiver.requests().size() == 2);

            assertThat(receiver.requests()).extracting(Receiver.Request::path).containsOnly("/am/api/v2/alerts");
            JsonNode first = json.readTree(receiver.requests().get(0).body());
            assertThat(first.isArray()).isTrue();
            JsonNode alert = first.get(0);
            assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("MigrationLedgerPhaseFailed");
            assertThat(alert.get("labels").get("migration").asText()).isEqualTo(firing.migrationId());
            assertThat(alert.get("labels").get("severity").asText()).isEqualTo("medium");
            assertThat(alert.get("annotations").get("summary").asText()).contains("lock timeout");
            assertThat(Instant.parse(alert.get("startsAt").asText())).isEqualTo(firing.raisedAt());
            assertThat(alert.has("endsAt")).isFalse();
            assertThat(alert.get("generatorURL").asText()).endsWith("/api/v1/alerts/" + firing.id());

            JsonNode second = json.readTree(receiver.requests().get(1).body()).get(0);
            assertThat(second.get("labels")).isEqualTo(alert.get("labels"));
            assertThat(Instant.parse(second.get("endsAt").asText())).isEqualTo(resolved.resolvedAt());
        }
    }

    @Test
    void firingAlertsAreResentToAlertmanager() throws Exception {
        try (Receiver receiver = new Receiver()) {
            AlertsProperties.Sink sink = sink(SinkType.ALERTMANAGER, receiver.url(""), null);
            Alert firing = failedPhaseAlert();
            Sender sender = sender(sink);
            Resender resender = new Resender(jdbc, alerts, payloads(), sender, List.of(sink), json);

            resender.resend();
            resender.resend();

            assertThat(receiver.requests()).hasSize(2);
            for (Receiver.Request request : receiver.requests()) {
                assertThat(json.readTree(request.body()).findValuesAsText("alertId")).contains(firing.id().toString());
            }
        }
    }

    @Test
    void changesOnOneMigrationWithinTheGroupWindowGoOutAsOneNotification() throws Exception {
        try (Receiver receiver = new Receiver()) {
            AlertsProperties.Sink sink = sink(SinkType.SLACK, receiver.url("/slack"), null);
            Outbox outbox = outbox(sink, Duration.ofSeconds(2));
            Alert one = failedPhaseAlert();
            List<Alert> sameMigration = transactions.execute(status -> {
                AlertStore.Target target = new AlertStore.Target(one.migrationId(), one.database(), one.environment(),
                        Severity.MEDIUM);
                alerts.raise(target, "aborted", null, "aborted: burst", new AlertStore.Because(Instant.now(), null, null));
                alerts.raise(target, "rollback-failed", null, "rollback failed: burst",
                        new AlertStore.Because(Instant.now(), null, null));
                return alerts.search(new AlertFilter(null, null, one.migrationId(), null, null, 10));
            });
            assertThat(sameMigration).hasSize(3);
            Alert other = failedPhaseAlert();
            sameMigration.forEach(alert -> queue(outbox, alert.notice()));
            queue(outbox, other.notice());

            Sender sender = sender(sink);
            sender.drain();
            assertThat(receiver.requests()).as("nothing goes out before the window closes").isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> sender.drain() >= 0 && receiver.requests().size() == 2);

            List<String> texts = receiver.requests().stream().map(request -> {
                try {
                    return json.readTree(request.body()).get("text").asText();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            String grouped = texts.stream().filter(text -> text.contains(one.migrationId())).findFirst().orElseThrow();
            assertThat(grouped).contains("phase-failed:add-column", "aborted: burst", "rollback failed: burst");
            assertThat(texts).filteredOn(text -> text.contains(other.migrationId())).singleElement()
                    .satisfies(text -> assertThat(text).doesNotContain("burst"));
        }
    }

    @Test
    void aChangeIsQueuedOnceHoweverOftenItIsSeen() {
        AlertsProperties.Sink sink = sink(SinkType.SLACK, URI.create("http://127.0.0.1:9/unused"), null);
        Outbox outbox = outbox(sink, Duration.ofMinutes(1));
        Alert alert = failedPhaseAlert();

        assertThat(queued(outbox, alert.notice())).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_delivery WHERE sink = ?", Long.class, sink.name()))
                .as("the application already queued this change when the alert fired").isZero();

        Alert.Notice unseen = new Alert.Notice(alert.id(), alert.dedupKey() + "-unseen", alert.migrationId(),
                alert.database(), alert.environment(), alert.cause(), alert.severity(), alert.state(), 1,
                alert.summary(), alert.raisedAt(), null, null, null, null);
        assertThat(queued(outbox, unseen)).isTrue();
        assertThat(queued(outbox, unseen)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_delivery_item i JOIN alert_delivery d "
                + "ON d.id = i.delivery_id WHERE d.sink = ?", Long.class, sink.name())).isEqualTo(1);
    }

    @Test
    void aPendingDeliveryLeftByAStoppedSenderIsDeliveredByTheNextOne() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Receiver receiver = new Receiver()) {
            String name = "restart-" + UUID.randomUUID();
            AlertsProperties.Sink down = new AlertsProperties.Sink(name, SinkType.WEBHOOK,
                    URI.create("http://127.0.0.1:" + closedPort + "/hook"), SECRET);
            Alert alert = failedPhaseAlert();
            queue(outbox(down, Duration.ZERO), alert.notice());
            sender(down).drain();
            assertThat(jdbc.queryForObject("SELECT error FROM alert_attempt a JOIN alert_delivery d "
                    + "ON d.id = a.delivery_id WHERE d.sink = ?", String.class, name)).contains("ConnectException");

            // A new process with the same sink, reachable now, finds the delivery pending in the database.
            AlertsProperties.Sink up = new AlertsProperties.Sink(name, SinkType.WEBHOOK, receiver.url("/hook"), SECRET);
            Sender restarted = sender(up);
            await().atMost(Duration.ofSeconds(10)).until(() -> restarted.drain() >= 0 && receiver.requests().size() == 1);

            assertThat(json.readTree(receiver.requests().get(0).body()).get("alerts").get(0).get("id").asText())
                    .isEqualTo(alert.id().toString());
            assertThat(jdbc.queryForObject("SELECT state FROM alert_delivery WHERE sink = ?", String.class, name))
                    .isEqualTo("delivered");
        }
    }

    private Alert failedPhaseAlert() {
        LedgerClient ledger = Ledgers.client(port);
        String id = "delivery-" + UUID.randomUUID() + "@staging";
        ledger.plan(new MigrationPlan(id, "orders-db", "staging", "42", "Add status column", null,
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", List.of(), Severity.MEDIUM, null, null,
                List.of(new Phase("add-column", "ALTER TABLE orders ADD COLUMN status text;", null, null, true, null)),
                List.of(), List.of()));
        MigrationHandle migration = ledger.forMigration(id);
        migration.startPhase("add-column");
        migration.phaseFailed("add-column", 90, "lock timeout");
        return await().atMost(Duration.ofSeconds(20)).until(() -> alerts.search(
                new AlertFilter(null, null, id, null, null, 10)), found -> found.size() == 1).get(0);
    }

    private static AlertsProperties.Sink sink(SinkType type, URI url, String secret) {
        return new AlertsProperties.Sink(type.wireId() + "-" + UUID.randomUUID(), type, url, secret);
    }

    private Outbox outbox(AlertsProperties.Sink sink, Duration groupWindow) {
        return new Outbox(jdbc, json, List.of(sink), groupWindow, Duration.ofHours(1));
    }

    /** Queues a change never queued before: the application itself queued the alert's real change already. */
    private void queue(Outbox outbox, Alert.Notice notice) {
        Alert.Notice fresh = new Alert.Notice(notice.id(), notice.dedupKey() + "|" + UUID.randomUUID(),
                notice.migrationId(), notice.database(), notice.environment(), notice.cause(), notice.severity(),
                notice.state(), notice.occurrence(), notice.summary(), notice.raisedAt(), notice.resolvedAt(),
                notice.resolvedBy(), notice.resolvedByEventId(), notice.resolvedByEventType());
        assertThat(queued(outbox, fresh)).isTrue();
    }

    private boolean queued(Outbox outbox, Alert.Notice notice) {
        return Boolean.TRUE.equals(transactions.execute(status -> outbox.queue(notice, Instant.now(), Instant.now())));
    }

    private Sender sender(AlertsProperties.Sink sink) {
        return new Sender(jdbc, transactions, json, payloads(), List.of(sink),
                new Sender.Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 5), meters, Clock.systemUTC());
    }

    private Payloads payloads() {
        return new Payloads(json, URI.create("http://ledger.example"));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)), port).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
