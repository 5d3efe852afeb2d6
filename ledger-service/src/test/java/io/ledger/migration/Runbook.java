package io.ledger.migration;

import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Reason;
import io.ledger.api.Runner;
import io.ledger.api.Severity;
import io.ledger.api.event.Aborted;
import io.ledger.api.event.AnomalyDetected;
import io.ledger.api.event.Completed;
import io.ledger.api.event.Fact;
import io.ledger.api.event.Gate;
import io.ledger.api.event.GateRefused;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.Planned;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.Prechecked;
import io.ledger.api.event.Progress;
import io.ledger.api.event.RollbackStarted;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.SignedOff;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.ledger.api.event.LedgerEvent.LEDGER_ACTOR;

/**
 * The seed runbook in the contract's words: add a nullable {@code status} column, backfill it, set it NOT NULL,
 * deploy the code that uses it; verify after each phase.
 */
final class Runbook {

    static final String ID = "orders-status-v42@staging";
    static final String OWNER = "alice";
    static final String ADD_COLUMN = "add-nullable-column";
    static final String BACKFILL = "backfill";
    static final String SET_NOT_NULL = "set-not-null";
    static final String DEPLOY = "deploy";
    static final List<String> PHASES = List.of(ADD_COLUMN, BACKFILL, SET_NOT_NULL, DEPLOY);
    static final List<String> REQUIRED_PRECHECKS = List.of("backup-taken", "staging-tested", "rollback-ready");
    static final Instant AT = Instant.parse("2026-05-12T02:00:00Z");
    static final Runner FLYWAY = new Runner("flyway", "11.3", "ci-7");
    static final String RUNNER = "ci-runner";

    private Runbook() {
    }

    static MigrationPlan plan() {
        return plan(REQUIRED_PRECHECKS);
    }

    static MigrationPlan plan(List<String> requiredPrechecks) {
        return plan(ID, requiredPrechecks);
    }

    static MigrationPlan plan(String id, List<String> requiredPrechecks) {
        return new MigrationPlan(id, "orders-db", "staging", "42", "Add status column to orders", "sha256:9f2c",
                MigrationKind.SCHEMA, MigrationStep.EXPAND, OWNER, List.of("bob", "carol"), Severity.MEDIUM, 1800L,
                null, List.of(
                new Phase(ADD_COLUMN, "ALTER TABLE orders ADD COLUMN status text;",
                        "SELECT count(*) FROM information_schema.columns WHERE column_name='status';",
                        "ALTER TABLE orders DROP COLUMN status;", false, 5L),
                new Phase(BACKFILL, "UPDATE orders SET status='paid' WHERE status IS NULL AND id BETWEEN $1 AND $2;",
                        "SELECT count(*) FROM orders WHERE status IS NULL;", null, true, 1200L),
                new Phase(SET_NOT_NULL, "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;", null,
                        "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;", false, 30L),
                new Phase(DEPLOY, "deploy orders-service 7.1", null, "deploy orders-service 7.0", false, 300L)),
                requiredPrechecks, List.of());
    }

    static Planned planned() {
        return planned(plan());
    }

    static Planned planned(MigrationPlan plan) {
        return new Planned(DerivedEventIds.planned(plan.id()), AT, OWNER, null, plan);
    }

    static PrecheckRecorded precheckPassed(String check) {
        return precheck(check, PrecheckStatus.PASSED);
    }

    static PrecheckRecorded precheck(String check, PrecheckStatus status) {
        return new PrecheckRecorded(id(), AT, RUNNER, FLYWAY, check, status, "evidence of " + check);
    }

    static PrecheckRecorded[] allPrechecksPassed() {
        return REQUIRED_PRECHECKS.stream().map(Runbook::precheckPassed).toArray(PrecheckRecorded[]::new);
    }

    /** The ledger's own conclusion that every required pre-check passed, drawn right after {@code cause}. */
    static Prechecked prechecked(LedgerEvent cause) {
        return new Prechecked(DerivedEventIds.causedBy(cause.eventId(), "prechecked"), AT, LEDGER_ACTOR, null,
                cause instanceof Planned planned ? planned.plan().requiredPrechecks() : REQUIRED_PRECHECKS);
    }

    static PhaseStarted phaseStarted(String phase) {
        return new PhaseStarted(id(), AT, RUNNER, FLYWAY, phase);
    }

    static PhaseApplied phaseApplied(String phase) {
        return new PhaseApplied(id(), AT, RUNNER, FLYWAY, phase, 412L, 0L, 3L, "ALTER TABLE");
    }

    static PhaseFailed phaseFailed(String phase) {
        return new PhaseFailed(id(), AT, RUNNER, FLYWAY, phase, 90L, "lock timeout");
    }

    static Verified verified(String phase) {
        return new Verified(id(), AT, RUNNER, FLYWAY, phase, List.of("column exists"), "count = 1");
    }

    static VerificationFailed verificationFailed(String phase) {
        return new VerificationFailed(id(), AT, RUNNER, FLYWAY, phase, List.of("no NULL status"), "count = 17");
    }

    static RollbackStarted rollbackStarted(String... phases) {
        return new RollbackStarted(id(), AT, RUNNER, FLYWAY, List.of(phases), "verification failed");
    }

    static RolledBack rolledBack(String... phases) {
        return new RolledBack(id(), AT, RUNNER, FLYWAY, List.of(phases), "verification failed", 120L);
    }

    static Progress progress(String phase) {
        return new Progress(id(), AT, RUNNER, FLYWAY, phase, 40.0, 400L, 1000L, AT.plusSeconds(60));
    }

    static SignedOff signedOff(String role, String signer) {
        return new SignedOff(id(), AT, signer, null, role, signer, "looks good");
    }

    static Aborted aborted() {
        return new Aborted(id(), AT, "bob", null, "error rate above 1%");
    }

    static Completed completed() {
        return new Completed(id(), AT, RUNNER, FLYWAY);
    }

    /** The completion the ledger emits itself after {@code cause}. */
    static Completed completedBy(Fact cause) {
        return new Completed(DerivedEventIds.causedBy(cause.eventId(), "completed"), AT, LEDGER_ACTOR, null);
    }

    static GateRefused refused(Gate request, Reason... reasons) {
        return new GateRefused(DerivedEventIds.causedBy(request.eventId(), "refused"), AT, request.actor(),
                request.runner(), request, Arrays.asList(reasons));
    }

    static AnomalyDetected anomaly(Fact cause, int index, Reason anomaly) {
        return new AnomalyDetected(DerivedEventIds.causedBy(cause.eventId(), "anomaly/" + index), cause.occurredAt(),
                LEDGER_ACTOR, null, anomaly.rule(), anomaly.message(), cause.eventId());
    }

    /** Every phase applied and verified in order, as the runbook says. */
    static Object[] appliedAndVerified(String... phases) {
        return Arrays.stream(phases)
                .flatMap(phase -> List.<Object>of(phaseStarted(phase), phaseApplied(phase), verified(phase)).stream())
                .toArray();
    }

    static RecordEvent record(LedgerEvent event) {
        return new RecordEvent(ID, event);
    }

    private static UUID id() {
        return UUID.randomUUID();
    }
}
