package io.ledger.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.TestTokens;
import io.ledger.api.PrecheckStatus;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.ledger.ReadModels.*;
import static io.ledger.timeline.TimelineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

@LedgerServiceTest
class TimelineIT {

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
    void everyEventInLedgerOrderWithItsOffsetPhaseActorRunnerAndDuration() {
        String id = uniqueId("timeline");
        ledger.plan(plan(id, database, List.of("backup-taken"), "a", "b"));
        MigrationHandle migration = ledger.forMigration(id);
        migration.precheck("backup-taken", PrecheckStatus.PASSED, "s3://backups/42");
        migration.startPhase("a");
        migration.phaseApplied("a", 412, 0L, 3L, "ALTER TABLE");
        migration.verified("a", List.of("column exists"), "ok");
        migration.startPhase("b");
        migration.phaseFailed("b", 90, "lock timeout");

        JsonNode timeline = ok(port, "/api/v1/migrations/" + id + "/timeline");
        List<RecordedEvent> events = ledger.events(id);

        JsonNode entries = timeline.path("entries");
        assertThat(entries.findValuesAsText("type")).containsExactly("planned", "precheck-recorded", "prechecked",
                "phase-started", "phase-applied", "verified", "phase-started", "phase-failed");
        Instant first = events.get(0).event().occurredAt();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            RecordedEvent event = events.get(i);
            assertThat(entry.path("sequence").asLong()).isEqualTo(event.sequence());
            assertThat(entry.path("position").asLong()).isEqualTo(event.position());
            assertThat(entry.path("offsetMs").asLong())
                    .isEqualTo(Duration.between(first, event.event().occurredAt()).toMillis());
            assertThat(entry.path("actor").asText()).isEqualTo(event.event().actor());
            assertThat(entry.path("principal").asText()).isEqualTo(TestTokens.ciName(port));
        }
        JsonNode applied = entries.get(4);
        assertThat(applied.path("phase").asText()).isEqualTo("a");
        assertThat(applied.path("durationMs").asLong()).isEqualTo(412);
        assertThat(applied.path("runner").path("tool").asText()).isEqualTo("flyway");
        assertThat(applied.path("detail").asText()).isEqualTo("applied a in 412 ms, 0 rows");
        assertThat(entries.get(7).path("detail").asText()).isEqualTo("b failed: lock timeout");
        assertThat(timeline.path("state").path("status").asText()).isEqualTo("failed");
    }

    @Test
    void anomaliesAreAttachedToTheEventThatCausedThem() {
        String id = uniqueId("anomalous");
        ledger.plan(plan(id, database, List.of(), "a"));
        RecordedEvent applied = ledger.forMigration(id).phaseApplied("a", 10, null, null, null);

        JsonNode entries = ok(port, "/api/v1/migrations/" + id + "/timeline").path("entries");

        assertThat(entries.findValuesAsText("type")).containsExactly("planned", "prechecked", "phase-applied");
        JsonNode anomaly = entries.get(2).path("anomalies").get(0);
        assertThat(anomaly.path("anomaly").asText()).isEqualTo("phase-applied-without-start");
        assertThat(anomaly.path("causeEventId").asText()).isEqualTo(applied.event().eventId().toString());
        assertThat(anomaly.path("sequence").asLong()).isEqualTo(applied.sequence() + 1);
    }

    @Test
    void pausesLongerThanTheGapThresholdAreMarked() {
        String id = uniqueId("gappy");
        ledger.plan(plan(id, database, List.of(), "a"));
        clientAhead(port, Duration.ofMinutes(2)).forMigration(id).startPhase("a");
        clientAhead(port, Duration.ofMinutes(2).plusSeconds(20)).forMigration(id).phaseApplied("a", 10, null, null, null);

        JsonNode entries = ok(port, "/api/v1/migrations/" + id + "/timeline?gap=PT1M").path("entries");
        assertThat(entries.findValuesAsText("type")).containsExactly("planned", "prechecked", "phase-started",
                "phase-applied");
        assertThat(entries.get(2).path("gap").asBoolean()).isTrue();
        assertThat(entries.get(2).path("gapBeforeMs").asLong()).isBetween(110_000L, 130_000L);
        assertThat(entries.get(3).path("gap").asBoolean()).as("20 s is no gap").isFalse();
        assertThat(entries.get(3).has("gapBeforeMs")).isFalse();

        JsonNode byDefault = ok(port, "/api/v1/migrations/" + id + "/timeline");
        assertThat(byDefault.path("gapThreshold").asText()).isEqualTo("PT5M");
        assertThat(byDefault.path("entries").findValuesAsText("gap")).containsOnly("false");

        String markdown = get(port, "/api/v1/migrations/" + id + "/timeline?gap=PT1M", "text/markdown").body();
        assertThat(markdown).contains("| | | **gap of 00:02:");
        assertRefused("/api/v1/migrations/" + id + "/timeline?gap=five", "gap");
        assertRefused("/api/v1/migrations/" + id + "/timeline?gap=-PT1M", "gap");
    }

    @Test
    void asOfReconstructsTheStateAsTheLedgerKnewIt() {
        String id = uniqueId("as-of");
        MigrationView planned = ledger.plan(plan(id, database, List.of(), "a", "b"));
        MigrationHandle migration = ledger.forMigration(id);
        migration.startPhase("a");
        migration.phaseApplied("a", 10, 1L, 0L, "ok");
        RecordedEvent firstVerified = migration.verified("a", List.of("c"), "ok");
        migration.startPhase("b");
        migration.phaseApplied("b", 10, 1L, 0L, "ok");
        migration.verified("b", List.of("c"), "ok");
        String timeline = "/api/v1/migrations/" + id + "/timeline";

        HttpResponse<String> beforePlanning = get(port, timeline + "?asOf=" + planned.plannedAt().minusMillis(1), null);
        assertThat(beforePlanning.statusCode()).isEqualTo(404);
        assertThat(json(beforePlanning).path("detail").asText()).contains("not planned as of");

        JsonNode betweenPhases = ok(port, timeline + "?asOf=" + firstVerified.recordedAt());
        assertThat(betweenPhases.path("asOf").asText()).isEqualTo(firstVerified.recordedAt().toString());
        assertThat(betweenPhases.path("state").path("status").asText()).isEqualTo("in-progress");
        assertThat(betweenPhases.path("state").path("phases").findValuesAsText("status"))
                .containsExactly("verified", "pending");
        assertThat(betweenPhases.path("state").path("lastSequence").asLong()).isEqualTo(firstVerified.sequence());
        assertThat(betweenPhases.path("entries").get(betweenPhases.path("entries").size() - 1).path("sequence")
                .asLong()).isEqualTo(firstVerified.sequence());

        JsonNode afterCompletion = ok(port, timeline + "?asOf=" + Instant.now().plusSeconds(1));
        JsonNode now = ok(port, "/api/v1/migrations/" + id);
        assertThat(afterCompletion.path("state").path("status").asText()).isEqualTo("completed");
        assertThat(afterCompletion.path("state")).isEqualTo(now);

        assertRefused(timeline + "?asOf=yesterday", "asOf");
        assertThat(get(port, "/api/v1/migrations/" + uniqueId("never") + "/timeline", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void markdownIsAPostmortemSection() {
        String id = uniqueId("postmortem");
        ledger.plan(plan(id, database, List.of(), "a", "b"));
        MigrationHandle migration = ledger.forMigration(id);
        migration.startPhase("a");
        migration.phaseApplied("a", 10, 1L, 0L, "ok");
        migration.verified("a", List.of("c"), "ok");
        migration.startPhase("b");
        migration.phaseFailed("b", 90, "lock timeout | on orders");
        migration.rollbackStarted(List.of("b"), "lock timeout");
        migration.rolledBack(List.of("b"), "lock timeout", 40);
        migration.startPhase("b");
        migration.phaseApplied("b", 20, 1L, 0L, "ok");
        migration.verified("b", List.of("c"), "ok");
        // Signed an hour before it reached the ledger: the postmortem tells it at the hour it was signed.
        Instant signedAt = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(TestTokens.call(port, "POST", "/api/v1/migrations/" + id + "/events", """
                {"eventId": "%s", "type": "signed-off", "occurredAt": "%s", "actor": "erin", "role": "dba",
                 "signer": "erin", "comment": "retry was clean"}""".formatted(UUID.randomUUID(), signedAt),
                TestTokens.ci(port)).statusCode()).isEqualTo(201);

        HttpResponse<String> response = get(port, "/api/v1/migrations/" + id + "/timeline", "text/markdown");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/markdown"));
        String markdown = response.body();
        assertThat(markdown).startsWith("## Migration `" + id + "`")
                .contains("| Database | " + database + " |", "| Owner | alice |", "| Status | **signed-off** |")
                .contains("### Timeline", "| Offset | Time | Event | Phase | Actor | Detail |")
                .contains("### What failed", "### What was rolled back", "### Who signed off")
                .containsPattern("\\| \\+00:00:\\d\\d(\\.\\d{3})? \\| \\S+Z \\| phase-failed \\| b \\| ci-runner via "
                        + TestTokens.ciName(port) + " \\| b failed: lock timeout \\\\\\| on orders \\|")
                .containsPattern("\\| prechecked \\|  \\| ledger \\|")
                .contains("phase-failed: b failed: lock timeout | on orders")
                .contains("rolled-back: rolled back b: lock timeout")
                .contains("- " + signedAt + " signed off by erin as dba: retry was clean — posted with the token `"
                        + TestTokens.ciName(port) + "`");
        assertThat(section(markdown, "### What was rolled back")).contains("rollback-started", "rolled-back");
        assertThat(markdown.lines().filter(line -> line.matches("\\| [+-]\\d.*"))).hasSize(ledger.events(id).size());
    }

    @Test
    void markdownShowsControlCharactersAsSymbolsAndProgressWithoutPercentAsSuch() {
        String id = uniqueId("control");
        ledger.plan(plan(id, database, List.of(), "a"));
        MigrationHandle migration = ledger.forMigration(id);
        migration.startPhase("a");
        migration.progress("a", null, 100L, 1000L, null);
        migration.phaseFailed("a", 90, "\u001b[31mlock timeout\u001b[0m\tat\u007f row");

        String markdown = get(port, "/api/v1/migrations/" + id + "/timeline", "text/markdown").body();

        assertThat(markdown).contains("a in progress (100/1000 rows)")
                .contains("a failed: \u241b[31mlock timeout\u241b[0m at\u2421 row")
                .doesNotContain("\u001b", "\u007f", "?%");
    }

    @Test
    void databaseTimelineMergesEveryMigrationOnTheDatabaseInTheWindow() {
        Instant start = Instant.now().minusSeconds(1);
        String first = uniqueId("first");
        String second = uniqueId("second");
        ledger.plan(plan(first, database, List.of(), "a"));
        ledger.plan(plan(second, database, List.of(), "a"));
        ledger.plan(plan(uniqueId("elsewhere"), uniqueDatabase(), List.of(), "a"));
        ledger.forMigration(first).startPhase("a");
        ledger.forMigration(second).startPhase("a");
        ledger.forMigration(first).phaseApplied("a", 5, null, null, null);
        ledger.forMigration(second).phaseFailed("a", 5, "boom");
        List<RecordedEvent> expected = new ArrayList<>(ledger.events(first));
        expected.addAll(ledger.events(second));
        expected.sort((a, b) -> a.event().occurredAt().equals(b.event().occurredAt())
                ? Long.compare(a.position(), b.position()) : a.event().occurredAt().compareTo(b.event().occurredAt()));
        String window = "/api/v1/timeline?database=" + encode(database) + "&from=" + start + "&to="
                + Instant.now().plusSeconds(60);
        awaitCaughtUp(port, "timeline");

        JsonNode all = ok(port, window);
        assertThat(all.path("items").findValuesAsText("position"))
                .containsExactlyElementsOf(expected.stream().map(event -> String.valueOf(event.position())).toList());
        assertThat(all.path("items").findValuesAsText("migrationId")).containsOnly(first, second);
        JsonNode failed = all.path("items").get(all.path("items").size() - 1);
        assertThat(failed.path("type").asText()).isEqualTo("phase-failed");
        assertThat(failed.path("summary").asText()).isEqualTo("a failed: boom");
        assertThat(failed.path("environment").asText()).isEqualTo("prod");
        assertThat(failed.path("actor").asText()).isEqualTo("ci-runner");
        assertThat(failed.path("principal").asText()).isEqualTo(TestTokens.ciName(port));
        assertThat(all.has("nextCursor")).isFalse();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(port, window + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.path("items").size()).isLessThanOrEqualTo(3);
            paged.addAll(page.path("items").findValuesAsText("position"));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(paged).isEqualTo(all.path("items").findValuesAsText("position"));

        Instant cut = expected.get(expected.size() - 1).event().occurredAt();
        JsonNode before = ok(port, "/api/v1/timeline?database=" + encode(database) + "&from=" + start + "&to=" + cut);
        assertThat(before.path("items").size()).as("to is exclusive").isEqualTo(expected.size() - 1);
    }

    @Test
    void databaseTimelineNeedsADatabaseAndABoundedWindow() {
        assertRefused("/api/v1/timeline?from=2026-05-12T02:00:00Z&to=2026-05-12T02:30:00Z", "database");
        assertRefused("/api/v1/timeline?database=orders-db&to=2026-05-12T02:30:00Z", "from");
        assertRefused("/api/v1/timeline?database=orders-db&from=2026-05-12T02:00:00Z", "to");
        assertRefused("/api/v1/timeline?database=orders-db&from=02:00&to=2026-05-12T02:30:00Z", "from");
        assertRefused("/api/v1/timeline?database=orders-db&from=2026-05-12T02:30:00Z&to=2026-05-12T02:00:00Z", "to");
        assertRefused("/api/v1/timeline?database=orders-db&from=2026-04-01T00:00:00Z&to=2026-05-12T00:00:00Z", "to");
        assertRefused("/api/v1/timeline?database=orders-db&from=2026-05-12T02:00:00Z&to=2026-05-12T02:30:00Z"
                + "&limit=5001", "limit");
        assertRefused("/api/v1/timeline?database=orders-db&from=2026-05-12T02:00:00Z&to=2026-05-12T02:30:00Z"
                + "&cursor=%25%25", "cursor");
    }

    @Test
    void aGapTheLedgerCannotCompareInMillisecondsIsRefused() {
        String timeline = "/api/v1/migrations/" + uniqueId("never") + "/timeline";
        assertRefused(timeline + "?gap=PT9999999999999H", "gap");
        assertRefused(timeline + "?gap=P366D", "gap");
        assertThat(get(port, timeline + "?gap=P365D", null).statusCode()).as("the longest gap").isEqualTo(404);
    }

    @Test
    void aParameterGivenTwiceIsRefusedNamingIt() {
        assertRefused("/api/v1/migrations/" + uniqueId("never") + "/timeline?gap=PT1M&gap=PT2M", "gap");
    }

    @Test
    void instantsAndCursorsTheLedgerCannotStoreAreRefusedNamingTheParameter() {
        String timeline = "/api/v1/migrations/" + uniqueId("never") + "/timeline";
        assertRefused(timeline + "?asOf=-5000-01-01T00:00:00Z", "asOf");
        assertRefused(timeline + "?asOf=%2B300000-01-01T00:00:00Z", "asOf");

        String window = "/api/v1/timeline?database=orders-db";
        assertRefused(window + "&from=-1000000000-01-01T00:00:00Z&to=2026-05-12T02:30:00Z", "from");
        assertRefused(window + "&from=%2B300000-01-01T00:00:00Z&to=%2B300000-01-02T00:00:00Z", "to");
        String forged = Base64.getUrlEncoder().encodeToString("+999999999-01-01T00:00:00Z|1"
                .getBytes(StandardCharsets.UTF_8));
        assertRefused(window + "&from=2026-05-12T02:00:00Z&to=2026-05-12T02:30:00Z&cursor=" + forged, "cursor");
    }

    private void assertRefused(String pathAndQuery, String field) {
        HttpResponse<String> response = get(port, pathAndQuery, null);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(json(response).path("errors").findValuesAsText("field")).as(pathAndQuery).contains(field);
    }

    private static String section(String markdown, String heading) {
        String rest = markdown.substring(markdown.indexOf(heading) + heading.length());
        int next = rest.indexOf("\n### ");
        return next < 0 ? rest : rest.substring(0, next);
    }
}
