package io.ledger.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.TestTokens;
import io.ledger.Ledgers;
import io.ledger.ServiceProcess;
import io.ledger.api.GateRule;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStatus;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.PlanFinding;
import io.ledger.api.PolicyOutcome;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Reason;
import io.ledger.api.Severity;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.PolicyEvaluated;
import io.ledger.api.event.Verified;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.GateRefusedException;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.ledger.ReadModels.awaitCaughtUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy with the shipped defaults ({@code prod} strict), hence the packaged service in a process of its own:
 * the shared Spring context relaxes prod for the tests that drive prod migrations without staging runs, and a
 * second context cannot share this JVM's migration cache.
 */
class PolicyIT {

    private static ServiceProcess service;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADD = "SET lock_timeout = '5s'; ALTER TABLE orders ADD COLUMN status text;";
    private static final String DROP = "SET lock_timeout = '5s'; ALTER TABLE orders DROP COLUMN legacy_status;";

    private int port;

    @BeforeAll
    static void startTheServiceWithItsDefaults() throws Exception {
        service = ServiceProcess.start(Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "it-data")), "policy"));
    }

    @AfterAll
    static void stopTheService() throws Exception {
        service.close();
    }

    private LedgerClient ledger;
    private String database;

    @BeforeEach
    void connect() {
        port = service.port();
        ledger = Ledgers.client(port);
        database = "orders-db-" + UUID.randomUUID();
    }

    @Test
    void lintAnswersTheFindingsOfSql() throws Exception {
        HttpResponse<String> response = lint("{\"sql\": \"DROP TABLE orders;\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode findings = JSON.readTree(response.body()).get("findings");
        assertThat(findings.findValuesAsText("ruleId")).contains("drop-table");
        assertThat(findings.get(0).get("line").asInt()).isEqualTo(1);
    }

    @Test
    void lintAnswersTheFindingsOfAPlanWithTheirSource() throws Exception {
        String plan = JSON.writeValueAsString(plan("lint-only", "dev", MigrationStep.NONE, "sha256:l",
                new Phase("add", "CREATE INDEX orders_status ON orders (status);", null, null, false, 5L)));
        HttpResponse<String> response = lint("{\"plan\": " + plan + "}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode findings = JSON.readTree(response.body()).get("findings");
        assertThat(findings.findValuesAsText("ruleId")).contains("create-index-not-concurrently", "missing-reversal");
        assertThat(findings.findValuesAsText("source")).contains("phases[0].action");
    }

    @Test
    void lintNeedsExactlyOneOfSqlAndPlan() throws Exception {
        HttpResponse<String> neither = lint("{}");
        HttpResponse<String> both = lint("{\"sql\": \"SELECT 1\", \"plan\": " + JSON.writeValueAsString(
                plan("both", "dev", MigrationStep.NONE, "sha256:b", new Phase("p", "SELECT 1", null, null, true, 1L)))
                + "}");

        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(neither.body()).at("/errors/0/field").asText()).isEqualTo("sql");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(both.body()).at("/errors/0/field").asText()).isEqualTo("plan");
    }

    @Test
    void migrationStateShowsTheFindingsRecordedWithItsPlan() {
        MigrationView view = ledger.plan(plan(id("findings"), "dev", MigrationStep.CONTRACT, "sha256:f",
                new Phase("drop", DROP, null, null, true, 5L)));

        assertThat(view.findings()).extracting(PlanFinding::ruleId).contains("drop-column");
        assertThat(view.findings()).filteredOn(PlanFinding::destructive).extracting(PlanFinding::source)
                .containsExactly("phases[0].action");
    }

    @Test
    void destructivePlanIsRefusedInProdAndAllowedAsAContractStepAfterItsExpand() throws Exception {
        String expandChecksum = "sha256:expand-" + UUID.randomUUID();
        String contractChecksum = "sha256:contract-" + UUID.randomUUID();

        MigrationHandle destructive = planned(plan(id("destructive@prod"), "prod", MigrationStep.NONE,
                contractChecksum, new Phase("drop", DROP, null, null, true, 5L)));
        assertThatThrownBy(() -> destructive.startPhase("drop"))
                .isInstanceOfSatisfying(GateRefusedException.class, refused -> assertThat(refused.reasons())
                        .extracting(Reason::rule).containsExactly(GateRule.STAGING_BEFORE_PROD.wireId(),
                                GateRule.TWO_PHASE_DESTRUCTIVE.wireId()));

        runToCompletion(plan(id("expand@staging"), "staging", MigrationStep.EXPAND, expandChecksum, addColumn()), "add");
        runToCompletion(plan(id("expand@prod"), "prod", MigrationStep.EXPAND, expandChecksum, addColumn()), "add");
        runToCompletion(plan(id("contract@staging"), "staging", MigrationStep.CONTRACT, contractChecksum,
                new Phase("drop", DROP, null, null, true, 5L)), "drop");
        String contractId = id("contract@prod");
        runToCompletion(plan(contractId, "prod", MigrationStep.CONTRACT, contractChecksum,
                new Phase("drop", DROP, null, null, true, 5L)), "drop");

        List<RecordedEvent> events = ledger.events(contractId);
        assertThat(events).filteredOn(recorded -> recorded.event() instanceof PolicyEvaluated).singleElement()
                .satisfies(recorded -> assertThat(((PolicyEvaluated) recorded.event()).allowed()).isTrue());
        JsonNode compliance = get("/api/v1/migrations/" + contractId + "/compliance");
        assertThat(compliance.get("evaluated").asBoolean()).isTrue();
        JsonNode twoPhase = rule(compliance, GateRule.TWO_PHASE_DESTRUCTIVE.wireId());
        assertThat(twoPhase.get("outcome").asText()).isEqualTo(PolicyOutcome.PASS.wireId());
        assertThat(twoPhase.get("evidenceMigrationId").asText()).isEqualTo(id("expand@prod"));
        JsonNode staging = rule(compliance, GateRule.STAGING_BEFORE_PROD.wireId());
        assertThat(staging.get("evidenceMigrationId").asText()).isEqualTo(id("contract@staging"));
        JsonNode backup = rule(compliance, GateRule.BACKUP_BEFORE_PROD.wireId());
        assertThat(backup.get("outcome").asText()).isEqualTo("pass");
        assertThat(backup.get("evidenceSequence").asLong()).isPositive();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode groups = get("/api/v1/reports/compliance?database=" + database).get("groups");
            assertThat(groups).hasSize(2);
            JsonNode prod = groups.get(0);
            assertThat(prod.get("environment").asText()).isEqualTo("prod");
            assertThat(prod.get("migrations").asLong()).isEqualTo(3);
            assertThat(prod.at("/criteria/additive-only/pass").asLong()).isEqualTo(2);
            assertThat(prod.at("/criteria/additive-only/fail").asLong()).isEqualTo(1);
            assertThat(prod.at("/criteria/staging-before-prod/fail").asLong()).isEqualTo(1);
            assertThat(prod.at("/criteria/backup-before-prod/pass").asLong()).isEqualTo(3);
            JsonNode stagingGroup = groups.get(1);
            assertThat(stagingGroup.get("environment").asText()).isEqualTo("staging");
            assertThat(stagingGroup.at("/criteria/additive-only/notEvaluated").asLong()).isEqualTo(2);
        });
    }

    @Test
    void complianceReportCountsAFailureUntilAPhaseThatRanIsRolledBack() throws Exception {
        String id = id("failing@dev");
        Phase add = addColumn();
        MigrationPlan twoPhases = plan(id, "dev", MigrationStep.EXPAND, "sha256:" + UUID.randomUUID(), add);
        MigrationHandle failing = planned(new MigrationPlan(id, database, "dev", "42", "policy", twoPhases.checksum(),
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", List.of("bob"), Severity.MEDIUM, 20L, null,
                List.of(add, new Phase("index", "CREATE INDEX CONCURRENTLY orders_status ON orders (status);", null,
                        "DROP INDEX CONCURRENTLY orders_status;", false, 5L)), List.of("backup-taken"), List.of()));
        failing.startPhase("add");
        failing.phaseFailed("add", 90, "lock timeout");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/v1/reports/compliance"
                + "?environment=dev&database=" + database).at("/groups/0/criteria/failure-rolled-back/fail").asLong())
                .isEqualTo(1));

        failing.rolledBack(List.of("index"), "the runner named the wrong phase", 30);
        awaitCaughtUp(port, "policy");
        assertThat(get("/api/v1/reports/compliance?environment=dev&database=" + database)
                .at("/groups/0/criteria/failure-rolled-back/fail").asLong())
                .as("index never ran: rolling it back reversed nothing").isEqualTo(1);
        assertThat(rule(get("/api/v1/migrations/" + id + "/compliance"), "failure-rolled-back").get("outcome")
                .asText()).isEqualTo("fail");

        failing.rolledBack(List.of("add"), "lock timeout", 30);
        assertThat(rule(get("/api/v1/migrations/" + id + "/compliance"), "failure-rolled-back").get("outcome")
                .asText()).isEqualTo("pass");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/v1/reports/compliance"
                + "?environment=dev&database=" + database).at("/groups/0/criteria/failure-rolled-back/pass").asLong())
                .isEqualTo(1));
    }

    /** A forward-only phase cannot be rolled back; failed, then applied and verified again, it was fixed forward. */
    @Test
    void aFailedForwardOnlyPhaseVerifiedAgainPassesAsFixedForward() throws Exception {
        String id = id("backfill@dev");
        MigrationHandle migration = planned(new MigrationPlan(id, database, "dev", "42", "policy",
                "sha256:" + UUID.randomUUID(), MigrationKind.DATA, MigrationStep.MIGRATE, "alice", List.of("bob"),
                Severity.MEDIUM, 20L, null, List.of(new Phase("backfill",
                        "UPDATE orders SET status = 'paid' WHERE id BETWEEN 1 AND 1000;", null, null, true, 5L)),
                List.of("backup-taken"), List.of()));
        migration.startPhase("backfill");
        migration.phaseFailed("backfill", 90, "deadlock detected");
        assertThat(rule(get("/api/v1/migrations/" + id + "/compliance"), "failure-rolled-back").get("outcome")
                .asText()).isEqualTo("fail");

        migration.startPhase("backfill");
        migration.phaseApplied("backfill", 400, 1000L, 1000L, "done");
        migration.verified("backfill", List.of("no null status"), "0 rows");

        JsonNode fixed = rule(get("/api/v1/migrations/" + id + "/compliance"), "failure-rolled-back");
        assertThat(fixed.get("outcome").asText()).isEqualTo("pass");
        assertThat(fixed.get("evidence").asText())
                .isEqualTo("phase-failed of forward-only phase backfill was fixed forward: verified again");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/v1/reports/compliance"
                + "?environment=dev&database=" + database).at("/groups/0/criteria/failure-rolled-back/pass").asLong())
                .isEqualTo(1));
    }

    @Test
    void complianceOfARefusedMigrationNamesTheFailedRulesAndAnUnrolledFailure() throws Exception {
        MigrationHandle refused = planned(plan(id("unpromoted@prod"), "prod", MigrationStep.EXPAND,
                "sha256:" + UUID.randomUUID(), addColumn()));
        assertThatThrownBy(() -> refused.startPhase("add")).isInstanceOf(GateRefusedException.class);

        JsonNode compliance = get("/api/v1/migrations/" + refused.migrationId() + "/compliance");
        assertThat(rule(compliance, GateRule.STAGING_BEFORE_PROD.wireId()).get("outcome").asText()).isEqualTo("fail");
        assertThat(rule(compliance, GateRule.REVERSAL_REQUIRED.wireId()).get("outcome").asText()).isEqualTo("pass");
        assertThat(rule(compliance, "failure-rolled-back").get("outcome").asText()).isEqualTo("not-applicable");
    }

    private void runToCompletion(MigrationPlan plan, String phase) {
        MigrationHandle migration = planned(plan);
        migration.startPhase(phase);
        migration.phaseApplied(phase, 400, 0L, 1L, "done");
        migration.verified(phase, List.of("checked"), "ok");
        assertThat(ledger.migration(plan.id()).status()).isEqualTo(MigrationStatus.COMPLETED);
    }

    private MigrationHandle planned(MigrationPlan plan) {
        ledger.plan(plan);
        MigrationHandle migration = ledger.forMigration(plan.id());
        migration.precheck("backup-taken", PrecheckStatus.PASSED, "s3://backups/" + plan.id());
        return migration;
    }

    private String id(String name) {
        return database + ":" + name;
    }

    private MigrationPlan plan(String id, String environment, MigrationStep step, String checksum, Phase phase) {
        return new MigrationPlan(id, database, environment, "42", "policy", checksum, MigrationKind.SCHEMA, step,
                "alice", List.of("bob"), Severity.MEDIUM, 20L, null, List.of(phase), List.of("backup-taken"), List.of());
    }

    private static Phase addColumn() {
        return new Phase("add", ADD, null, "ALTER TABLE orders DROP COLUMN status;", false, 5L);
    }

    private static JsonNode rule(JsonNode compliance, String rule) {
        for (JsonNode node : compliance.get("rules")) {
            if (node.get("rule").asText().equals(rule)) {
                return node;
            }
        }
        throw new AssertionError("no rule " + rule + " in " + compliance);
    }

    @Test
    void aStagingRunIsTimedFromItsFirstStartedPhaseToItsCompletionWhateverItsPhasesReported() throws Exception {
        String checksum = "sha256:timed-" + UUID.randomUUID();
        String staging = id("timed@staging");
        planned(plan(staging, "staging", MigrationStep.EXPAND, checksum, addColumn()));
        Instant started = Instant.now().minusSeconds(60);
        Instant applied = started.plusSeconds(40);
        ledger.post(staging, new PhaseStarted(UUID.randomUUID(), started, "erin", null, "add"));
        // no durationMs: the run is timed on the runner's clock all the same
        ledger.post(staging, new PhaseApplied(UUID.randomUUID(), applied, "erin", null, "add", null, 0L, null, null));
        ledger.post(staging, new Verified(UUID.randomUUID(), applied, "erin", null, "add", List.of("checked"), "ok"));
        MigrationHandle prod = planned(plan(id("timed@prod"), "prod", MigrationStep.EXPAND, checksum, addColumn()));

        assertThatThrownBy(() -> prod.startPhase("add"))
                .isInstanceOfSatisfying(GateRefusedException.class, refused -> assertThat(refused.reasons())
                        .singleElement().satisfies(reason -> {
                            assertThat(reason.rule()).isEqualTo(GateRule.DURATION_BUDGET.wireId());
                            assertThat(reason.message()).contains(staging + " ran 40000ms");
                        }));
    }

    @Test
    void theComplianceReportRefusesAnUnknownParameter() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(TestTokens.authorized(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/reports/compliance?foo=1")), port).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText()).isEqualTo("foo");
    }

    private HttpResponse<String> lint(String body) throws Exception {
        return HttpClient.newHttpClient().send(TestTokens.authorized(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/lint")), port).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(TestTokens.authorized(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)), port).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
