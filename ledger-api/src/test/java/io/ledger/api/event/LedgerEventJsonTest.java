package io.ledger.api.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ledger.api.EvidenceHash;
import io.ledger.api.GateRule;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.PlanFinding;
import io.ledger.api.PolicyCheck;
import io.ledger.api.PolicyOutcome;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Reason;
import io.ledger.api.Runner;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerEventJsonTest {

    private static final UUID ID = UUID.fromString("5b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11");
    private static final Instant AT = Instant.parse("2026-05-12T02:04:51.123456789Z");
    private static final Runner RUNNER = new Runner("flyway", "11.3", "ci-7");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void everyRecordOfTheSealedHierarchyHasAWireType() {
        Set<Class<?>> registered = new HashSet<>();
        Arrays.stream(LedgerEvent.class.getAnnotation(JsonSubTypes.class).value())
                .forEach(type -> registered.add(type.value()));

        assertThat(registered).containsExactlyInAnyOrderElementsOf(records(LedgerEvent.class));
        assertThat(registered.stream().map(type -> LedgerEvent.typeOf(type.asSubclass(LedgerEvent.class))))
                .doesNotHaveDuplicates().hasSize(registered.size());
    }

    @Test
    void everyEventRoundTripsThroughJsonWithItsContractType() throws Exception {
        PhaseStarted start = new PhaseStarted(ID, AT, "ci-runner", RUNNER, "backfill");
        List<LedgerEvent> events = List.of(
                new Planned(ID, AT, "alice", null, new MigrationPlan("m", "orders-db", "prod", "42", null, null,
                        MigrationKind.SCHEMA, null, "alice", null, null, null, null,
                        List.of(new Phase("p1", "ALTER TABLE t ADD c int", null, null, true, 5L)), null, null)),
                new Planned(ID, AT, "alice", null, new MigrationPlan("m", "orders-db", "prod", "43", null, null,
                        MigrationKind.SCHEMA, MigrationStep.CONTRACT, "alice", null, null, null, null,
                        List.of(new Phase("p1", "ALTER TABLE t DROP COLUMN c", null, null, true, 5L)), null, null),
                        List.of(new PlanFinding("drop-column", "error", "ALTER TABLE t DROP COLUMN c", 1, 1, "loses data",
                                "contract step", "phases[0].action", false, null, true))),
                new PrecheckRecorded(ID, AT, "ci-runner", RUNNER, "backup-taken", PrecheckStatus.PASSED, "s3://b"),
                new Prechecked(ID, AT, LedgerEvent.LEDGER_ACTOR, null, List.of("backup-taken")),
                start,
                new PhaseApplied(ID, AT, "ci-runner", RUNNER, "backfill", 412L, 10L, 3L, "UPDATE 10"),
                new PhaseFailed(ID, AT, "ci-runner", RUNNER, "backfill", 90L, "lock timeout"),
                new Verified(ID, AT, "ci-runner", RUNNER, null, List.of("no nulls"), "0 rows"),
                new VerificationFailed(ID, AT, "ci-runner", RUNNER, "backfill", List.of("no nulls"), "17 rows"),
                new RollbackStarted(ID, AT, "ci-runner", RUNNER, List.of("backfill"), "verify failed"),
                new RolledBack(ID, AT, "ci-runner", RUNNER, List.of("backfill"), "verify failed", 120L),
                new RollbackFailed(ID, AT, "ci-runner", RUNNER, List.of("backfill"), "verify failed", 120L, "boom"),
                new Progress(ID, AT, "ci-runner", RUNNER, "backfill", 42.5, 425L, 1000L, AT.plusSeconds(60)),
                new SignedOff(ID, AT, "bob", null, "dba", "bob", "ok"),
                new SignedOff(ID, AT, "bob", null, "dba", "bob", "ok")
                        .withEvidenceHash(new EvidenceHash(6, "9f2c".repeat(16))),
                new Aborted(ID, AT, "bob", null, "error budget"),
                new Completed(ID, AT, "ci-runner", RUNNER),
                new GateRefused(ID, AT, "ci-runner", RUNNER, start, List.of(new Reason("unknown-phase", "no"))),
                new AnomalyDetected(ID, AT, LedgerEvent.LEDGER_ACTOR, null, "unknown-phase", "no", ID),
                new PolicyEvaluated(ID, AT, LedgerEvent.LEDGER_ACTOR, null, ID, "prod", true, List.of(
                        new PolicyCheck(GateRule.STAGING_BEFORE_PROD, PolicyOutcome.PASS, "completed in staging", ID,
                                "m@staging"),
                        new PolicyCheck(GateRule.TWO_PHASE_DESTRUCTIVE, PolicyOutcome.NOT_APPLICABLE, "nothing destructive",
                                null, null))));

        for (LedgerEvent event : events) {
            String written = json.writeValueAsString(event);
            assertThat(json.readTree(written).get("type").asText()).isEqualTo(event.type());
            assertThat(json.readValue(written, LedgerEvent.class)).isEqualTo(event);
        }
        assertThat(events.stream().map(Object::getClass).distinct()).hasSameSizeAs(records(LedgerEvent.class));
    }

    @Test
    void contractExampleParsesAsPhaseApplied() throws Exception {
        String example = """
                {"eventId": "5b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11", "type": "phase-applied",
                 "occurredAt": "2026-05-12T02:04:51Z", "actor": "ci-runner",
                 "runner": {"tool": "flyway", "version": "11.3", "host": "ci-7"},
                 "phase": "add-nullable-column", "durationMs": 412, "rowsAffected": 0}""";

        assertThat(json.readValue(example, LedgerEvent.class)).isEqualTo(new PhaseApplied(ID,
                Instant.parse("2026-05-12T02:04:51Z"), "ci-runner", RUNNER, "add-nullable-column", 412L, 0L, null, null));
    }

    @Test
    void unknownTypeIsRejected() {
        assertThatThrownBy(() -> json.readValue("{\"type\":\"phase-exploded\"}", LedgerEvent.class))
                .isInstanceOf(InvalidTypeIdException.class);
    }

    @Test
    void missingRequiredFieldIsRejectedByName() {
        String noPhase = "{\"type\":\"phase-started\",\"eventId\":\"" + ID + "\",\"occurredAt\":\"" + AT
                + "\",\"actor\":\"ci\"}";
        assertThatThrownBy(() -> json.readValue(noPhase, LedgerEvent.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining("'phase'");
    }

    /** The concrete records below a sealed interface, however deep. */
    private static Set<Class<?>> records(Class<?> sealed) {
        Set<Class<?>> records = new HashSet<>();
        Deque<Class<?>> open = new ArrayDeque<>(List.of(sealed));
        while (!open.isEmpty()) {
            Class<?> next = open.pop();
            if (next.isRecord()) {
                records.add(next);
            } else {
                open.addAll(Arrays.asList(next.getPermittedSubclasses()));
            }
        }
        return records;
    }
}
