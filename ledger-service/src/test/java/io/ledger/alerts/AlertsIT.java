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
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Severity;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.GateRefusedException;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import io.ledger.projections.Projections;
import io.ledger.reports.DurationRegression;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Each cause raised from events posted over HTTP, and each way it resolves, read back through {@code GET /alerts}. */
@LedgerServiceTest
class AlertsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROJECTED = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    Scan scan;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    Projections projections;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TransactionTemplate transactions;

    LedgerClient ledger;

    @BeforeEach
    void client() {
        ledger = Ledgers.client(port);
    }

    @Test
    void aFailedPhaseFiresAndItsSuccessfulRetryResolvesIt() throws Exception {
        MigrationHandle migration = planned("staging", Severity.HIGH, null);
        migration.startPhase("add-column");
        RecordedEvent failure = migration.phaseFailed("add-column", 90, "lock timeout");

        JsonNode fired = awaitAlert(migration, "phase-failed:add-column", "firing");
        assertThat(fired.get("severity").asText()).isEqualTo("high");
        assertThat(fired.get("raisedByEventId").asText()).isEqualTo(failure.event().eventId().toString());
        assertThat(fired.get("summary").asText()).contains("add-column", "lock timeout", "orders-db (staging)");

        migration.startPhase("add-column");
        RecordedEvent retry = migration.phaseApplied("add-column", 400, 0L, 0L, null);

        JsonNode resolved = awaitAlert(migration, "phase-failed:add-column", "resolved");
        assertThat(resolved.get("resolvedByEventType").asText()).isEqualTo("phase-applied");
        assertThat(resolved.get("resolvedByEventId").asText()).isEqualTo(retry.event().eventId().toString());
        assertThat(alerts("migrationId=" + migration.migrationId())).hasSize(1);
    }

    @Test
    void aFailedVerificationIsResolvedByALaterVerification() throws Exception {
        MigrationHandle migration = planned("staging", Severity.MEDIUM, null);
        migration.startPhase("add-column");
        migration.phaseApplied("add-column", 400, 0L, 0L, null);
        migration.verificationFailed("add-column", List.of("column exists"), "count = 0");
        assertThat(awaitAlert(migration, "verification-failed:add-column", "firing").get("summary").asText())
                .contains("column exists");

        migration.verified("add-column", List.of("column exists"), "count = 1");
        assertThat(awaitAlert(migration, "verification-failed:add-column", "resolved")
                .get("resolvedByEventType").asText()).isEqualTo("verified");
    }

    @Test
    void aFailedRollbackIsResolvedByTheRollbackThatSucceeds() throws Exception {
        MigrationHandle migration = planned("staging", Severity.LOW, null);
        migration.startPhase("add-column");
        migration.phaseApplied("add-column", 400, 0L, 0L, null);
        migration.verificationFailed("add-column", List.of("column exists"), "count = 0");
        migration.rollbackStarted(List.of("add-column"), "verification failed");
        migration.rollbackFailed(List.of("add-column"), "verification failed", 30, "permission denied");
        assertThat(awaitAlert(migration, "rollback-failed", "firing").get("summary").asText())
                .contains("permission denied");

        RecordedEvent rolledBack = migration.rolledBack(List.of("add-column"), "second attempt", 40);
        for (String cause : List.of("rollback-failed", "verification-failed:add-column")) {
            JsonNode resolved = awaitAlert(migration, cause, "resolved");
            assertThat(resolved.get("resolvedByEventType").asText()).isEqualTo("rolled-back");
            assertThat(resolved.get("resolvedByEventId").asText()).isEqualTo(rolledBack.event().eventId().toString());
        }
    }

    @Test
    void anAbortFiresUntilTheMigrationIsRolledBack() throws Exception {
        MigrationHandle migration = planned("staging", Severity.MEDIUM, null);
        migration.startPhase("add-column");
        migration.phaseApplied("add-column", 400, 0L, 0L, null);
        migration.abort("replication lag over 30 s");
        assertThat(awaitAlert(migration, "aborted", "firing").get("summary").asText()).contains("replication lag");

        migration.rolledBack(List.of("add-column"), "aborted", 40);
        assertThat(awaitAlert(migration, "aborted", "resolved").get("resolvedByEventType").asText())
                .isEqualTo("rolled-back");
    }

    @Test
    void aRollbackResolvesTheFailureItReversedButNotTheAnomalyOfReversingAForwardOnlyPhase() throws Exception {
        MigrationHandle migration = planned("staging", Severity.MEDIUM, null);
        migration.startPhase("add-column");
        migration.phaseApplied("add-column", 400, 0L, 0L, null);
        migration.verified("add-column", List.of("column exists"), "count = 1");
        migration.startPhase("backfill");
        migration.phaseFailed("backfill", 900, "deadlock detected");
        migration.rollbackStarted(List.of("backfill", "add-column"), "backfill failed");
        awaitAlert(migration, "anomaly:rollback-of-forward-only-phase", "firing");

        RecordedEvent rolledBack = migration.rolledBack(List.of("backfill", "add-column"), "backfill failed", 40);

        assertThat(awaitAlert(migration, "phase-failed:backfill", "resolved").get("resolvedByEventId").asText())
                .isEqualTo(rolledBack.event().eventId().toString());
        awaitProjected(migration);
        assertThat(find(migration, "anomaly:rollback-of-forward-only-phase").get("state").asText())
                .isEqualTo("firing");
    }

    /** A typo in the runner's script names no phase of the plan; the wrong phase names one that never ran. */
    @ParameterizedTest(name = "rolled back {0}")
    @CsvSource({"add-colum, unknown-phase", "backfill, rollback-of-unapplied-phase"})
    void aRolledBackOfNoPhaseThatRanResolvesNothing(String phase, String anomaly) throws Exception {
        MigrationHandle migration = failing("staging", Severity.MEDIUM);

        migration.rolledBack(List.of(phase), "the runner named the wrong phase", 40);

        awaitAlert(migration, "anomaly:" + anomaly, "firing");
        assertThat(find(migration, "phase-failed:add-column").get("state").asText()).isEqualTo("firing");
    }

    @Test
    void anAnomalyFires() throws Exception {
        MigrationHandle migration = planned("staging", Severity.MEDIUM, null);
        migration.phaseApplied("add-column", 400, 0L, 0L, null);

        JsonNode anomaly = awaitAlert(migration, "anomaly:phase-applied-without-start", "firing");
        assertThat(anomaly.get("raisedByEventType").asText()).isEqualTo("anomaly-detected");
    }

    @Test
    void aRefusedGateFiresInProductionOneLevelMoreSevereAndPassingTheGateResolvesIt() throws Exception {
        MigrationHandle prod = planned("prod", Severity.MEDIUM, List.of("backup-taken"));
        assertThatThrownBy(() -> prod.startPhase("add-column")).isInstanceOf(GateRefusedException.class);

        JsonNode refused = awaitAlert(prod, "gate-refused:prechecks-incomplete", "firing");
        assertThat(refused.get("severity").asText()).isEqualTo("high");
        assertThat(refused.get("raisedByEventType").asText()).isEqualTo("gate-refused");

        prod.precheck("backup-taken", PrecheckStatus.PASSED, "snapshot 42");
        prod.startPhase("add-column");
        assertThat(awaitAlert(prod, "gate-refused:prechecks-incomplete", "resolved").get("resolvedByEventType").asText())
                .isEqualTo("phase-started");
    }

    @Test
    void aRefusedGateOutsideProductionRaisesNothing() throws Exception {
        MigrationHandle staging = planned("staging", Severity.MEDIUM, List.of("backup-taken"));
        assertThatThrownBy(() -> staging.startPhase("add-column")).isInstanceOf(GateRefusedException.class);
        staging.phaseFailed("add-column", 1, "a later failure, to know the refusal was handled");

        awaitAlert(staging, "phase-failed:add-column", "firing");
        assertThat(alerts("migrationId=" + staging.migrationId())).extracting(alert -> alert.get("cause").asText())
                .doesNotContain("gate-refused:prechecks-incomplete");
    }

    @Test
    void aPhaseRunningPastItsEstimateTimesTheFactorFiresAndResolvesWhenItEnds() throws Exception {
        MigrationHandle migration = planned("staging", Severity.MEDIUM, null, 1L);
        RecordedEvent started = migration.startPhase("add-column");

        JsonNode overrun = await().atMost(Duration.ofSeconds(30)).until(
                () -> find(migration, "phase-overrun:add-column"), alert -> alert != null);
        assertThat(overrun.get("state").asText()).isEqualTo("firing");
        assertThat(Instant.parse(overrun.get("raisedAt").asText()))
                .isEqualTo(started.recordedAt().plusSeconds(2));

        migration.phaseApplied("add-column", 5000, 0L, 0L, null);
        assertThat(awaitAlert(migration, "phase-overrun:add-column", "resolved").get("resolvedByEventType").asText())
                .isEqualTo("phase-applied");
    }

    @Test
    void aSilentMigrationInProgressIsStalledOnceAndProgressResolvesIt() throws Exception {
        MigrationHandle migration = planned("staging", Severity.MEDIUM, null);
        RecordedEvent started = migration.startPhase("add-column");
        awaitProjected(migration);

        scan.scan(migration.migrationId(), started.recordedAt().plus(Duration.ofMinutes(14)));
        assertThat(find(migration, "stalled")).isNull();

        scan.scan(migration.migrationId(), started.recordedAt().plus(Duration.ofMinutes(16)));
        JsonNode stalled = find(migration, "stalled");
        assertThat(stalled.get("state").asText()).isEqualTo("firing");
        assertThat(Instant.parse(stalled.get("raisedAt").asText())).isEqualTo(started.recordedAt().plus(Duration.ofMinutes(15)));

        resolve(stalled.get("id").asText(), "{\"by\": \"carol\"}");
        scan.scan(migration.migrationId(), started.recordedAt().plus(Duration.ofMinutes(20)));
        assertThat(find(migration, "stalled").get("occurrence").asInt())
                .as("one silence raises one alert, even once a person resolved it").isEqualTo(1);

        RecordedEvent progress = migration.progress("add-column", 40.0, 400L, 1000L, null);
        awaitProjected(migration);
        scan.scan(migration.migrationId(), progress.recordedAt().plus(Duration.ofMinutes(10)));
        assertThat(find(migration, "stalled").get("state").asText())
                .as("progress is activity").isEqualTo("resolved");
    }

    @Test
    void aScanLeavesAMigrationWhoseLatestEventIsNotHandledYetToTheProjection() throws Exception {
        MigrationHandle migration = planned("staging", Severity.MEDIUM, null, 60L);
        RecordedEvent started = migration.startPhase("add-column");
        awaitProjected(migration);
        assertThat(projections.pause("alerts")).isPresent();
        try {
            migration.phaseApplied("add-column", 500, 0L, 0L, null);
            scan.scan(migration.migrationId(), started.recordedAt().plus(Duration.ofMinutes(20)));
        } finally {
            projections.resume("alerts");
        }
        awaitProjected(migration);
        assertThat(find(migration, "phase-overrun:add-column")).as("the phase was applied in time").isNull();
        assertThat(find(migration, "stalled")).isNull();
    }

    @Test
    void aSilenceIsResolvedByTheNextEvent() throws Exception {
        MigrationHandle migration = planned("staging", Severity.MEDIUM, null);
        RecordedEvent started = migration.startPhase("add-column");
        awaitProjected(migration);
        scan.scan(migration.migrationId(), started.recordedAt().plus(Duration.ofMinutes(16)));
        assertThat(find(migration, "stalled").get("state").asText()).isEqualTo("firing");

        RecordedEvent progress = migration.progress("add-column", 50.0, 500L, 1000L, null);
        JsonNode resolved = awaitAlert(migration, "stalled", "resolved");
        assertThat(resolved.get("resolvedByEventType").asText()).isEqualTo("progress");
        assertThat(resolved.get("resolvedByEventId").asText()).isEqualTo(progress.event().eventId().toString());
    }

    @Test
    void aDurationRegressionReportedByTheReportsFires() throws Exception {
        MigrationHandle migration = planned("staging", Severity.MEDIUM, null);
        migration.startPhase("add-column");
        RecordedEvent applied = migration.phaseApplied("add-column", 9000, 0L, 0L, null);
        awaitProjected(migration);

        publisher.publishEvent(new DurationRegression(migration.migrationId(), "add-column", 9000, 1000, 3.0,
                applied.event().eventId()));

        JsonNode regression = awaitAlert(migration, "duration-regression:add-column", "firing");
        assertThat(regression.get("raisedByEventId").asText()).isEqualTo(applied.event().eventId().toString());
        assertThat(regression.get("summary").asText())
                .isEqualTo("phase add-column of " + migration.migrationId() + " took 9000 ms, 3.0 × its group's "
                        + "rolling median of 1000 ms");
    }

    @Test
    void firingAlertsAreCountedBySeverity() throws Exception {
        failing("prod", Severity.HIGH);

        assertThat(meters.get("ledger.alerts.firing").tag("severity", "critical").gauge().value())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void peopleAcknowledgeAndResolveAlertsOnlyInOrder() throws Exception {
        MigrationHandle migration = failing("staging", Severity.MEDIUM);
        String id = find(migration, "phase-failed:add-column").get("id").asText();

        HttpResponse<String> ack = post("/api/v1/alerts/" + id + "/ack", "{\"by\": \"bob\", \"comment\": \"on it\"}");
        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode acknowledged = JSON.readTree(ack.body());
        assertThat(acknowledged.get("state").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.get("acknowledgedBy").asText()).isEqualTo("bob");
        assertThat(acknowledged.get("acknowledgeComment").asText()).isEqualTo("on it");

        HttpResponse<String> again = post("/api/v1/alerts/" + id + "/ack", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("rule").asText()).isEqualTo("alert-acknowledged");

        HttpResponse<String> resolve = post("/api/v1/alerts/" + id + "/resolve", "");
        assertThat(resolve.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(resolve.body()).get("state").asText()).isEqualTo("resolved");
        // A body that names no one: the person is the caller's token
        assertThat(JSON.readTree(resolve.body()).get("resolvedBy").asText()).isEqualTo(TestTokens.ciName(port));

        HttpResponse<String> ackResolved = post("/api/v1/alerts/" + id + "/ack", "{\"by\": \"carol\"}");
        assertThat(ackResolved.statusCode()).isEqualTo(409);
        assertThat(ackResolved.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(ackResolved.body()).get("rule").asText()).isEqualTo("alert-resolved");

        assertThat(post("/api/v1/alerts/" + UUID.randomUUID() + "/ack", "").statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/alerts/not-a-uuid/resolve", "").statusCode()).isEqualTo(400);
    }

    @Test
    void whoActsOnAnAlertIsANameByTheSameRulesAsAnActor() throws Exception {
        MigrationHandle migration = failing("staging", Severity.MEDIUM);
        String id = find(migration, "phase-failed:add-column").get("id").asText();

        for (String by : List.of("  ", "bob ", "bo\\u200bb", "bo\\tb")) {
            HttpResponse<String> refused = post("/api/v1/alerts/" + id + "/ack", "{\"by\": \"" + by + "\"}");
            assertThat(refused.statusCode()).as(by).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).at("/errors/0/field").asText()).isEqualTo("by");
        }
        assertThat(find(migration, "phase-failed:add-column").get("state").asText()).isEqualTo("firing");
    }

    @Test
    void anApproverActsOnlyOnTheAlertsOfMigrationsInItsScope() throws Exception {
        MigrationHandle prod = failing("prod", Severity.HIGH);
        String id = find(prod, "phase-failed:add-column").get("id").asText();
        String staging = TestTokens.issue(port, "approver-" + UUID.randomUUID().toString().substring(0, 8),
                List.of(Role.APPROVER), new TokenScope(List.of("orders-db"), List.of("staging")));

        for (String action : List.of("ack", "resolve")) {
            HttpResponse<String> refused = TestTokens.call(port, "POST", "/api/v1/alerts/" + id + "/" + action,
                    "{\"by\": \"" + TestTokens.ciName(port) + "\"}", staging);
            assertThat(refused.statusCode()).as(action).isEqualTo(403);
            assertThat(refused.body()).as("nothing of the alert, nor whether the name is a token's")
                    .contains("outside its scope", "prod").doesNotContain("lock timeout", "another token");
        }
        assertThat(find(prod, "phase-failed:add-column").get("state").asText()).isEqualTo("firing");
        assertThat(post("/api/v1/alerts/" + id + "/ack", "").statusCode()).as("in scope").isEqualTo(200);
    }

    @Test
    void alertsAreFilteredByStateSeverityMigrationDatabaseAndEnvironment() throws Exception {
        String database = "filter-db-" + UUID.randomUUID();
        MigrationHandle prod = planned("prod", Severity.HIGH, null, null, database);
        MigrationHandle staging = planned("staging", Severity.LOW, null, null, database);
        prod.startPhase("add-column");
        prod.phaseFailed("add-column", 1, "boom");
        staging.startPhase("add-column");
        staging.phaseFailed("add-column", 1, "boom");
        awaitAlert(prod, "phase-failed:add-column", "firing");
        String stagingAlert = awaitAlert(staging, "phase-failed:add-column", "firing").get("id").asText();
        post("/api/v1/alerts/" + stagingAlert + "/ack", "");

        String db = "database=" + database;
        assertThat(alerts(db)).hasSize(2);
        assertThat(alerts(db + "&environment=prod")).singleElement()
                .satisfies(alert -> assertThat(alert.get("migrationId").asText()).isEqualTo(prod.migrationId()));
        assertThat(alerts(db + "&severity=critical")).singleElement()
                .satisfies(alert -> assertThat(alert.get("migrationId").asText()).isEqualTo(prod.migrationId()));
        assertThat(alerts(db + "&severity=low")).singleElement()
                .satisfies(alert -> assertThat(alert.get("migrationId").asText()).isEqualTo(staging.migrationId()));
        assertThat(alerts(db + "&state=acknowledged")).singleElement()
                .satisfies(alert -> assertThat(alert.get("id").asText()).isEqualTo(stagingAlert));
        assertThat(alerts(db + "&state=firing&environment=staging")).isEmpty();
        assertThat(alerts("migrationId=" + URLEncoder.encode(prod.migrationId(), StandardCharsets.UTF_8))).hasSize(1);

        HttpResponse<String> invalid = get("/api/v1/alerts?state=burning&severity=dire");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("state", "severity");
    }

    /**
     * The reports can keep a regression for a migration the alerts have not met yet, and commit it only after the
     * alerts met it: the regression's transaction finds no migration to raise it on, and the projection, unless it
     * waits, reads the regressions before that commit. Either one of them must raise it.
     */
    @Test
    void aRegressionKeptBeforeTheAlertsMeetItsMigrationIsRaisedWhenTheyDo() throws Exception {
        String alertsProjection = "/api/v1/admin/projections/alerts";
        assertThat(admin(alertsProjection + "/pause").statusCode()).isEqualTo(200);
        MigrationHandle migration;
        RecordedEvent slow;
        CountDownLatch kept = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> reports;
        try {
            migration = planned("staging", Severity.LOW, null);
            migration.startPhase("add-column");
            slow = migration.phaseApplied("add-column", 9000, 0L, 0L, null);
            reports = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
                publisher.publishEvent(new DurationRegression(migration.migrationId(), null, 9000, 1000, 3.0,
                        slow.event().eventId()));
                kept.countDown();
                awaitUninterruptibly(commit);
            }));
            assertThat(kept.await(20, TimeUnit.SECONDS)).as("regression kept").isTrue();
        } finally {
            assertThat(admin(alertsProjection + "/resume").statusCode()).isEqualTo(202);
        }
        try {
            // Until the projection has either handled the measuring event or waits to.
            await().atMost(PROJECTED).until(() -> count("SELECT count(*) FROM alert_migration WHERE migration_id = '"
                    + migration.migrationId() + "' AND last_sequence >= " + slow.sequence()) == 1
                    || count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0);
        } finally {
            commit.countDown();
        }
        reports.get(20, TimeUnit.SECONDS);

        assertThat(awaitAlert(migration, "duration-regression:migration", "firing").get("raisedByEventId").asText())
                .isEqualTo(slow.event().eventId().toString());
    }

    private HttpResponse<String> admin(String path) throws Exception {
        return HTTP.send(TestTokens.admin(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReplayRebuildsIdenticalAlertsAndQueuesNothingNew() throws Exception {
        MigrationHandle failed = planned("prod", Severity.MEDIUM, null);
        failed.startPhase("add-column");
        failed.phaseFailed("add-column", 90, "lock timeout");
        failed.startPhase("add-column");
        failed.phaseFailed("add-column", 90, "lock timeout while open");
        resolve(awaitAlert(failed, "phase-failed:add-column", "firing").get("id").asText(), "{\"by\": \"dave\"}");
        failed.startPhase("add-column");
        failed.phaseFailed("add-column", 90, "lock timeout again");
        MigrationHandle acknowledged = planned("staging", Severity.HIGH, null);
        acknowledged.abort("stop");
        MigrationHandle resolvedByPerson = planned("staging", Severity.LOW, null);
        resolvedByPerson.phaseApplied("add-column", 1, 0L, 0L, null);
        MigrationHandle regressed = planned("staging", Severity.LOW, null);
        regressed.startPhase("add-column");
        RecordedEvent slow = regressed.phaseApplied("add-column", 9000, 0L, 0L, null);
        MigrationHandle overran = planned("staging", Severity.LOW, null, 1L);
        overran.startPhase("add-column");
        List<MigrationHandle> migrations = List.of(failed, acknowledged, resolvedByPerson, regressed, overran);

        assertThat(awaitAlert(failed, "phase-failed:add-column", "firing").get("occurrence").asInt()).isEqualTo(2);
        post("/api/v1/alerts/" + awaitAlert(acknowledged, "aborted", "firing").get("id").asText() + "/ack",
                "{\"by\": \"bob\", \"comment\": \"looking\"}");
        post("/api/v1/alerts/" + awaitAlert(resolvedByPerson, "anomaly:phase-applied-without-start", "firing")
                .get("id").asText() + "/resolve", "{\"by\": \"carol\", \"comment\": \"harmless\"}");
        awaitProjected(regressed);
        publisher.publishEvent(new DurationRegression(regressed.migrationId(), null, 9000, 1000, 3.0,
                slow.event().eventId()));
        awaitAlert(regressed, "duration-regression:migration", "firing");
        await().atMost(Duration.ofSeconds(30)).until(() -> find(overran, "phase-overrun:add-column"), alert -> alert != null);
        overran.phaseApplied("add-column", 3000, 0L, 0L, null);
        awaitAlert(overran, "phase-overrun:add-column", "resolved");

        List<JsonNode> live = new ArrayList<>();
        for (MigrationHandle migration : migrations) {
            live.addAll(alerts("migrationId=" + migration.migrationId()));
        }
        List<String> notices = notices();
        long deliveries = count("SELECT count(*) FROM alert_delivery");

        assertThat(admin("/api/v1/admin/projections/alerts/replay").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(projections.one("alerts"))
                .hasValueSatisfying(status -> assertThat(status.lagEvents() == 0
                        && (!status.replaying() || status.replayProgress() >= 1.0)).as(status.toString()).isTrue()));

        List<JsonNode> replayed = new ArrayList<>();
        for (MigrationHandle migration : migrations) {
            replayed.addAll(alerts("migrationId=" + migration.migrationId()));
        }
        assertThat(replayed).isEqualTo(live);
        assertThat(live).extracting(alert -> alert.get("state").asText())
                .contains("firing", "acknowledged", "resolved");
        assertThat(notices()).isEqualTo(notices);
        assertThat(count("SELECT count(*) FROM alert_delivery")).isEqualTo(deliveries);
    }

    private List<String> notices() {
        return jdbc.queryForList("SELECT dedup_key || ' ' || state || ' ' || occurrence || ' ' || queued_at "
                + "FROM alert_notice ORDER BY 1", String.class);
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private MigrationHandle planned(String environment, Severity severity, List<String> prechecks) {
        return planned(environment, severity, prechecks, null);
    }

    private MigrationHandle planned(String environment, Severity severity, List<String> prechecks, Long estimate) {
        return planned(environment, severity, prechecks, estimate, "orders-db");
    }

    private MigrationHandle planned(String environment, Severity severity, List<String> prechecks, Long estimate,
            String database) {
        String id = "alerts-" + UUID.randomUUID() + "@" + environment;
        ledger.plan(new MigrationPlan(id, database, environment, "42", "Add status column to orders", "sha256:9f2c",
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", List.of("bob"), severity, null, null,
                List.of(new Phase("add-column", "ALTER TABLE orders ADD COLUMN status text;", null,
                                "ALTER TABLE orders DROP COLUMN status;", false, estimate),
                        new Phase("backfill", "UPDATE orders SET status = 'paid';", null, null, true, null)),
                prechecks, List.of()));
        return ledger.forMigration(id);
    }

    /** Waits until the alerts projection handled every event of the migration. */
    private void awaitProjected(MigrationHandle migration) {
        long last = ledger.migration(migration.migrationId()).lastSequence();
        await().atMost(PROJECTED).until(() -> jdbc.queryForList("SELECT last_sequence FROM alert_migration "
                        + "WHERE migration_id = ?", Long.class, migration.migrationId()),
                sequences -> !sequences.isEmpty() && sequences.get(0) >= last);
    }

    /** A migration whose phase add-column failed, once the alert of that failure fires. */
    private MigrationHandle failing(String environment, Severity severity) throws Exception {
        MigrationHandle migration = planned(environment, severity, null);
        migration.startPhase("add-column");
        migration.phaseFailed("add-column", 90, "lock timeout");
        awaitAlert(migration, "phase-failed:add-column", "firing");
        return migration;
    }

    private JsonNode awaitAlert(MigrationHandle migration, String cause, String state) {
        return await().atMost(PROJECTED).until(() -> find(migration, cause),
                alert -> alert != null && alert.get("state").asText().equals(state));
    }

    private JsonNode find(MigrationHandle migration, String cause) throws Exception {
        return alerts("migrationId=" + URLEncoder.encode(migration.migrationId(), StandardCharsets.UTF_8)).stream()
                .filter(alert -> alert.get("cause").asText().equals(cause)).findFirst().orElse(null);
    }

    private List<JsonNode> alerts(String query) throws Exception {
        HttpResponse<String> response = get("/api/v1/alerts?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    @Test
    void parametersAreCheckedAsOnEveryOtherEndpoint() throws Exception {
        assertRefused("/api/v1/alerts?foo=1", "foo", "unknown parameter; known are [database, environment, "
                + "limit, migrationId, severity, state]");
        assertRefused("/api/v1/alerts?limit=abc", "limit", "must be a whole number from 1 to 1000");
        assertRefused("/api/v1/alerts?limit=1001", "limit", "must be a whole number from 1 to 1000");
        assertRefused("/api/v1/alerts?state=firing&state=resolved", "state", "given 2 times; give it once");
    }

    private void assertRefused(String path, String field, String message) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors).as(path).singleElement().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).isEqualTo(message);
        });
    }

    private void resolve(String id, String body) throws Exception {
        assertThat(post("/api/v1/alerts/" + id + "/resolve", body).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)), port).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest.Builder request = TestTokens.authorized(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)), port);
        if (body.isEmpty()) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
