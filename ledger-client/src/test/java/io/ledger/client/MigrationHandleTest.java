package io.ledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Runner;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.internal.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class MigrationHandleTest {

    private static final ObjectMapper JSON = Json.newMapper();
    private static final Instant NOW = Instant.parse("2026-05-12T02:04:51.123456789Z");

    private final StubLedger ledger = StubLedger.start();
    private final MigrationHandle migration = ledger.client()
            .actor("ci-runner")
            .runner(new Runner("flyway", "11.3", "ci-7"))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build()
            .forMigration("orders-status-v42@staging");

    @AfterEach
    void stopLedger() {
        ledger.close();
    }

    static Stream<Arguments> everyEventARunnerPosts() {
        return Stream.of(
                event(m -> m.precheck("backup-taken", PrecheckStatus.PASSED, "s3://backups/orders-db/2026-05-12"), """
                        {"type": "precheck-recorded", "check": "backup-taken", "status": "passed",
                         "evidence": "s3://backups/orders-db/2026-05-12"}"""),
                event(m -> m.startPhase("add-nullable-column"), """
                        {"type": "phase-started", "phase": "add-nullable-column"}"""),
                event(m -> m.phaseApplied("add-nullable-column", 412, 0L, 3L, "ALTER TABLE"), """
                        {"type": "phase-applied", "phase": "add-nullable-column", "durationMs": 412,
                         "rowsAffected": 0, "lockWaitMs": 3, "output": "ALTER TABLE"}"""),
                event(m -> m.phaseApplied("add-nullable-column", 412, null, null, null), """
                        {"type": "phase-applied", "phase": "add-nullable-column", "durationMs": 412}"""),
                event(m -> m.phaseFailed("backfill", 90_000, "canceling statement due to lock timeout"), """
                        {"type": "phase-failed", "phase": "backfill", "durationMs": 90000,
                         "error": "canceling statement due to lock timeout"}"""),
                event(m -> m.verified("add-nullable-column", List.of("column-exists"), "1 row"), """
                        {"type": "verified", "phase": "add-nullable-column", "checks": ["column-exists"],
                         "evidence": "1 row"}"""),
                event(m -> m.verified(null, List.of("smoke-test"), null), """
                        {"type": "verified", "checks": ["smoke-test"]}"""),
                event(m -> m.verificationFailed("backfill", List.of("no-nulls"), "12 rows with null status"), """
                        {"type": "verification-failed", "phase": "backfill", "checks": ["no-nulls"],
                         "evidence": "12 rows with null status"}"""),
                event(m -> m.rollbackStarted(List.of("backfill", "add-nullable-column"), "verification failed"), """
                        {"type": "rollback-started", "phases": ["backfill", "add-nullable-column"],
                         "reason": "verification failed"}"""),
                event(m -> m.rolledBack(List.of("add-nullable-column"), "verification failed", 230), """
                        {"type": "rolled-back", "phases": ["add-nullable-column"], "reason": "verification failed",
                         "durationMs": 230}"""),
                event(m -> m.rollbackFailed(List.of("add-nullable-column"), "verification failed", 230, "timeout"), """
                        {"type": "rollback-failed", "phases": ["add-nullable-column"], "reason": "verification failed",
                         "durationMs": 230, "error": "timeout"}"""),
                event(m -> m.progress("backfill", 42.5, 425_000L, 1_000_000L, Instant.parse("2026-05-12T02:30:00Z")),
                        """
                        {"type": "progress", "phase": "backfill", "percent": 42.5, "rowsDone": 425000,
                         "rowsTotal": 1000000, "eta": "2026-05-12T02:30:00Z"}"""),
                event(m -> m.signOff("dba", "dave", "looks good"), """
                        {"type": "signed-off", "role": "dba", "signer": "dave", "comment": "looks good"}"""),
                event(m -> m.abort("error rate above 1%"), """
                        {"type": "aborted", "reason": "error rate above 1%"}"""),
                event(MigrationHandle::complete, """
                        {"type": "completed"}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventARunnerPosts")
    void eachMethodPostsItsContractEventStampedByTheClient(String type, Function<MigrationHandle, RecordedEvent> post,
                                                           String fields) throws Exception {
        RecordedEvent recorded = post.apply(migration);

        ObjectNode sent = (ObjectNode) ledger.lastReceived().json();
        UUID eventId = UUID.fromString(sent.remove("eventId").asText());
        ObjectNode expected = (ObjectNode) JSON.readTree(fields);
        expected.put("occurredAt", "2026-05-12T02:04:51.123Z");
        expected.put("actor", "ci-runner");
        expected.set("runner", JSON.readTree("""
                {"tool": "flyway", "version": "11.3", "host": "ci-7"}"""));
        assertThat(sent).isEqualTo(expected);
        assertThat(ledger.lastReceived().method()).isEqualTo("POST");
        assertThat(ledger.lastReceived().rawPath()).isEqualTo("/api/v1/migrations/orders-status-v42%40staging/events");
        assertThat(recorded.event().type()).isEqualTo(type);
        assertThat(recorded.event().eventId()).isEqualTo(eventId);
    }

    @Test
    void everyCallIsANewEvent() {
        RecordedEvent first = migration.startPhase("backfill");
        RecordedEvent second = migration.startPhase("backfill");

        assertThat(first.event().eventId()).isNotEqualTo(second.event().eventId());
    }

    @Test
    void fieldsTheContractRequiresAreCheckedBeforeSending() {
        assertThatIllegalArgumentException().isThrownBy(() -> migration.startPhase(" ")).withMessageContaining("phase");
        assertThatIllegalArgumentException().isThrownBy(() -> migration.precheck("backup-taken", null, null))
                .withMessageContaining("status");
        assertThatIllegalArgumentException().isThrownBy(() -> migration.rolledBack(List.of(), null, 0))
                .withMessageContaining("phases");
        assertThatIllegalArgumentException().isThrownBy(() -> migration.signOff("dba", null, null))
                .withMessageContaining("signer");
        assertThat(ledger.received()).isEmpty();
    }

    private static Arguments event(Function<MigrationHandle, RecordedEvent> post, String fields) {
        try {
            JsonNode json = JSON.readTree(fields);
            return arguments(json.get("type").asText(), post, fields);
        } catch (Exception e) {
            throw new IllegalArgumentException(fields, e);
        }
    }
}
