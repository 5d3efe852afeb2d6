package io.ledger.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.TestTokens;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import static io.ledger.ReadModels.*;
import static io.ledger.history.HistoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@LedgerServiceTest
class HistoryIT {

    private static final List<String> BACKUP = List.of("backup-taken");

    @LocalServerPort
    int port;

    private LedgerClient ledger;
    private String database;

    @BeforeEach
    void ledger() {
        ledger = Ledgers.client(port);
        database = uniqueDatabase();
    }

    @Test
    void rowShowsWhatHappenedToTheMigration() {
        String id = signedOff(database, "staging", "Add status column to orders");
        MigrationHandle failing = failedAndRolledBack(database, "prod", "Backfill order status");
        ledger.forMigration(failing.migrationId()).phaseApplied("never-planned", 3, null, null, null);
        MigrationView signedOff = ledger.migration(id);

        JsonNode rows = awaitRows("database=" + encode(database), 2);
        JsonNode row = find(rows, id);
        assertThat(row.path("database").asText()).isEqualTo(database);
        assertThat(row.path("environment").asText()).isEqualTo("staging");
        assertThat(row.path("version").asText()).isEqualTo("42");
        assertThat(row.path("description").asText()).isEqualTo("Add status column to orders");
        assertThat(row.path("owner").asText()).isEqualTo("alice");
        assertThat(row.path("status").asText()).isEqualTo("signed-off");
        assertThat(Instant.parse(row.path("plannedAt").asText())).isEqualTo(signedOff.plannedAt());
        assertThat(Instant.parse(row.path("startedAt").asText())).isEqualTo(signedOff.startedAt());
        assertThat(Instant.parse(row.path("finishedAt").asText())).isEqualTo(signedOff.finishedAt());
        assertThat(row.path("durationMs").asLong())
                .isEqualTo(Duration.between(signedOff.startedAt(), signedOff.finishedAt()).toMillis());
        assertThat(row.path("phasesTotal").asInt()).isEqualTo(2);
        assertThat(row.path("phasesApplied").asInt()).isEqualTo(2);
        assertThat(row.path("phasesFailed").asInt()).isZero();
        assertThat(row.path("prechecksPassed").asInt()).isEqualTo(1);
        assertThat(row.path("prechecksRequired").asInt()).isEqualTo(1);
        assertThat(row.path("signOffs").asInt()).isEqualTo(1);
        assertThat(row.path("anomalies").asInt()).isZero();
        assertThat(row.path("rollbacks").asInt()).isZero();

        JsonNode failed = find(rows, failing.migrationId());
        assertThat(failed.path("status").asText()).isEqualTo(ledger.migration(failing.migrationId()).status().wireId());
        assertThat(failed.path("phasesApplied").asInt()).isZero();
        assertThat(failed.path("rollbacks").asInt()).isEqualTo(1);
        assertThat(failed.path("anomalies").asInt()).isEqualTo(1);
        assertThat(failed.path("prechecksPassed").asInt()).isZero();
        assertThat(failed.has("finishedAt")).isTrue();
    }

    @Test
    void filtersByDatabaseAndEnvironment() {
        String staging = signedOff(database, "staging", "one");
        String prod = planned(database, "prod", "two").migrationId();
        planned(uniqueDatabase(), "prod", "elsewhere");

        assertThat(ids(awaitRows("database=" + encode(database), 2))).containsExactlyInAnyOrder(staging, prod);
        assertThat(ids(history(port, "database=" + encode(database) + "&environment=prod").path("items")))
                .containsExactly(prod);
    }

    @Test
    void filtersByStatusAsTheMigrationReportsIt() {
        String signedOff = signedOff(database, "staging", "done");
        String rolledBack = failedAndRolledBack(database, "staging", "undone").migrationId();
        String planned = planned(database, "staging", "waiting").migrationId();
        awaitRows("database=" + encode(database), 3);

        for (String id : List.of(signedOff, rolledBack, planned)) {
            String status = ledger.migration(id).status().wireId();
            assertThat(ids(history(port, "database=" + encode(database) + "&status=" + status).path("items")))
                    .containsExactly(id);
        }
        assertThat(ids(history(port, "database=" + encode(database) + "&status=signed-off,planned").path("items")))
                .containsExactlyInAnyOrder(signedOff, planned);
        assertThat(ids(history(port, "database=" + encode(database) + "&status=signed-off&status=rolled-back")
                .path("items"))).containsExactlyInAnyOrder(signedOff, rolledBack);
    }

    @Test
    void filtersByActorWhetherTheyPostedOrSigned() {
        String signedOff = signedOff(database, "staging", "signed by erin");
        MigrationHandle byDave = clientAs(port, "dave").forMigration(planned(database, "staging", "x").migrationId());
        byDave.precheck("backup-taken", PrecheckStatus.PASSED, "s3://backups/1");
        // The two migrations may be projected by different segments, in either order.
        awaitRows("database=" + encode(database) + "&actor=dave", 1);
        awaitRows("database=" + encode(database) + "&actor=erin", 1);

        assertThat(ids(history(port, "database=" + encode(database) + "&actor=erin").path("items")))
                .containsExactly(signedOff);
        assertThat(ids(history(port, "database=" + encode(database) + "&actor=dave").path("items")))
                .containsExactly(byDave.migrationId());
        assertThat(ids(history(port, "database=" + encode(database) + "&actor=alice").path("items")))
                .as("the owner planned both").hasSize(2);
        assertThat(history(port, "database=" + encode(database) + "&actor=ledger").path("items")).isEmpty();
    }

    @Test
    void filtersByPrincipalTheTokenThatPostedWhateverActorTheBodyNamed() {
        String releaseToken = "release-" + uniqueId("bot");
        String secret = TestTokens.issue(port, releaseToken, List.of(Role.RUNNER), TokenScope.EVERYTHING);
        MigrationHandle byCi = planned(database, "staging", "posted with ci's token only");
        MigrationHandle byBoth = planned(database, "staging", "a step posted with the release token");
        LedgerClient release = LedgerClient.builder().baseUrl("http://127.0.0.1:" + port).token(secret)
                .actor("alice").runner(Ledgers.CI).build();
        release.forMigration(byBoth.migrationId()).precheck("backup-taken", PrecheckStatus.PASSED, "s3://backups/2");
        awaitRows("database=" + encode(database) + "&principal=" + encode(releaseToken), 1);

        assertThat(ids(history(port, "database=" + encode(database) + "&principal=" + encode(releaseToken))
                .path("items"))).containsExactly(byBoth.migrationId());
        assertThat(ids(history(port, "database=" + encode(database) + "&principal="
                + encode(releaseToken.toUpperCase(Locale.ROOT))).path("items")))
                .as("token names compare without case").containsExactly(byBoth.migrationId());
        assertThat(ids(history(port, "database=" + encode(database) + "&principal=" + encode(TestTokens.ciName(port)))
                .path("items"))).containsExactlyInAnyOrder(byCi.migrationId(), byBoth.migrationId());
        assertThat(find(history(port, "database=" + encode(database)).path("items"), byBoth.migrationId())
                .path("principals")).extracting(JsonNode::asText)
                .containsExactly(TestTokens.ciName(port), releaseToken);
        assertThat(history(port, "database=" + encode(database) + "&actor=" + encode(releaseToken)).path("items"))
                .as("the body named alice, not the token").isEmpty();
        assertThat(history(port, "database=" + encode(database) + "&principal=alice").path("items"))
                .as("a name in a body is no principal").isEmpty();
    }

    @Test
    void fromAndToSelectMigrationsActiveInTheWindow() {
        MigrationView first = ledger.plan(plan(uniqueId("first"), database, "staging", "1", "first", BACKUP, "a"));
        MigrationView second = ledger.plan(plan(uniqueId("second"), database, "staging", "2", "second", BACKUP, "a"));
        RecordedEvent secondActive = ledger.forMigration(second.id())
                .precheck("backup-taken", PrecheckStatus.FAILED, "no space left");
        MigrationView third = ledger.plan(plan(uniqueId("third"), database, "staging", "3", "third", BACKUP, "a"));
        awaitRows("database=" + encode(database), 3);

        String inDatabase = "database=" + encode(database);
        assertThat(ids(window(inDatabase, first.plannedAt().minusSeconds(60), between(first.plannedAt(), second.plannedAt()))))
                .containsExactly(first.id());
        assertThat(ids(window(inDatabase, between(second.plannedAt(), secondActive.recordedAt()),
                between(secondActive.recordedAt(), third.plannedAt()))))
                .as("second was planned before the window and active in it").containsExactly(second.id());
        assertThat(ids(window(inDatabase, between(first.plannedAt(), second.plannedAt()), third.plannedAt().plusSeconds(60))))
                .containsExactly(third.id(), second.id());
        assertThat(ids(history(port, inDatabase + "&from=" + third.plannedAt().plusSeconds(60)).path("items"))).isEmpty();
    }

    @Test
    void freeTextSearchesDescriptionVersionPhaseNamesAndErrorsIgnoringCase() {
        String described = planned(database, "staging", "Add STATUS column to orders").migrationId();
        String versioned = ledger.plan(plan(uniqueId("v"), database, "staging", "2026.05.12-007", "other", List.of(),
                "add-index")).id();
        MigrationHandle failing = failedAndRolledBack(database, "staging", "third");
        awaitRows("database=" + encode(database), 3);

        String inDatabase = "database=" + encode(database) + "&q=";
        assertThat(ids(history(port, inDatabase + "status%20COLUMN").path("items"))).containsExactly(described);
        assertThat(ids(history(port, inDatabase + "05.12-007").path("items"))).containsExactly(versioned);
        assertThat(ids(history(port, inDatabase + "ADD-INDEX").path("items"))).containsExactly(versioned);
        assertThat(ids(history(port, inDatabase + "lock%20timeout").path("items")))
                .containsExactly(failing.migrationId());
        assertThat(ids(history(port, inDatabase + encode("100%_")).path("items")))
                .as("wildcards are searched literally").isEmpty();
    }

    @Test
    void filtersCombineWithAnd() {
        String wanted = signedOff(database, "prod", "the one");
        signedOff(database, "staging", "the one");
        failedAndRolledBack(database, "prod", "the one");
        awaitRows("database=" + encode(database), 3);

        assertThat(ids(history(port, "database=" + encode(database)
                + "&environment=prod&status=signed-off&actor=erin&q=ONE").path("items"))).containsExactly(wanted);
    }

    @Test
    void invalidParametersAreRefusedNamingTheParameter() {
        assertRefused("status=finished", "status");
        assertRefused("from=yesterday", "from");
        assertRefused("to=2026-13-01T00:00:00Z", "to");
        assertRefused("from=2026-05-12T00:00:00Z&to=2026-05-11T00:00:00Z", "to");
        assertRefused("limit=0", "limit");
        assertRefused("limit=501", "limit");
        assertRefused("limit=ten", "limit");
        assertRefused("cursor=bm90LWEtY3Vyc29y", "cursor");
        assertRefused("enviroment=prod", "enviroment");
        assertThat(get(port, "/api/v1/history?status=finished", "text/csv").statusCode()).isEqualTo(400);
    }

    @Test
    void instantsTheLedgerCannotStoreAndForgedCursorsAreRefusedNamingTheParameter() {
        assertRefused("from=-1000000000-01-01T00:00:00Z", "from");
        assertRefused("to=%2B1000000000-12-31T23:59:59.999999999Z", "to");
        assertRefused("from=%2B300000-01-01T00:00:00Z", "from");
        assertRefused("to=0000-12-31T23:59:59Z", "to");
        assertRefused("cursor=" + cursor("2026-05-12T01:58:10.120Z|x\u0000y"), "cursor");
        assertRefused("cursor=" + cursor("+999999999-05-12T01:58:10.120Z|x"), "cursor");
    }

    @Test
    void aParameterOfOneValueGivenTwiceIsRefusedWhileStatusesMayRepeat() {
        assertRefused("limit=1&limit=2", "limit");
        assertRefused("q=a&q=b", "q");
        assertThat(get(port, "/api/v1/history?status=failed&status=aborted", null).statusCode()).isEqualTo(200);
    }

    private static String cursor(String decoded) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String query, String field) {
        HttpResponse<String> response = get(port, "/api/v1/history?" + query, null);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("errors").findValuesAsText("field")).as(query).contains(field);
    }

    private JsonNode window(String filter, Instant from, Instant to) {
        return history(port, filter + "&from=" + from + "&to=" + to).path("items");
    }

    private static Instant between(Instant earlier, Instant later) {
        return earlier.plus(Duration.between(earlier, later).dividedBy(2));
    }

    private MigrationHandle planned(String database, String environment, String description) {
        MigrationView view = ledger.plan(plan(uniqueId("planned"), database, environment, "42", description, BACKUP,
                "add-column"));
        return ledger.forMigration(view.id());
    }

    /** Pre-checked, both phases applied and verified (so completed by the ledger), then signed off by erin. */
    private String signedOff(String database, String environment, String description) {
        String id = uniqueId("signed-off");
        ledger.plan(plan(id, database, environment, "42", description, BACKUP, "add-column", "backfill"));
        MigrationHandle migration = ledger.forMigration(id);
        migration.precheck("backup-taken", PrecheckStatus.PASSED, "s3://backups/42");
        for (String phase : List.of("add-column", "backfill")) {
            migration.startPhase(phase);
            migration.phaseApplied(phase, 120, 10L, 0L, "ok");
            migration.verified(phase, List.of("columns"), "ok");
        }
        migration.signOff("dba", "erin", "looks right");
        return id;
    }

    private MigrationHandle failedAndRolledBack(String database, String environment, String description) {
        String id = uniqueId("rolled-back");
        ledger.plan(plan(id, database, environment, "43", description, List.of(), "add-column"));
        MigrationHandle migration = ledger.forMigration(id);
        migration.startPhase("add-column");
        migration.phaseFailed("add-column", 30_000, "Lock timeout on ORDERS");
        migration.rollbackStarted(List.of("add-column"), "lock timeout");
        migration.rolledBack(List.of("add-column"), "lock timeout", 200);
        return migration;
    }

    /** Waits until the history shows {@code count} rows for the query, each row up to date with the ledger. */
    private JsonNode awaitRows(String query, int count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            JsonNode items = history(port, query).path("items");
            if (items.size() != count) {
                return false;
            }
            for (JsonNode row : items) {
                MigrationView view = ledger.migration(row.path("id").asText());
                if (!Instant.parse(row.path("lastActivityAt").asText()).equals(view.lastEventAt())) {
                    return false;
                }
                found.add(row);
            }
            return true;
        });
        return JSON.valueToTree(found);
    }

    private static JsonNode find(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.path("id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError(id + " not in " + rows);
    }

    static List<String> ids(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.path("id").asText()));
        return ids;
    }
}
