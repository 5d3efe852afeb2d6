package io.ledger.client;

import io.ledger.api.PrecheckStatus;
import io.ledger.api.Runner;
import io.ledger.api.event.Aborted;
import io.ledger.api.event.Completed;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.Progress;
import io.ledger.api.event.RollbackFailed;
import io.ledger.api.event.RollbackStarted;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.SignedOff;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;
import io.ledger.api.view.RecordedEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Posts one migration's events, one method per event a runner may post. Each call builds its event with a new
 * eventId, {@code occurredAt} from the client's clock and the client's actor and runner, then posts it as
 * {@link LedgerClient#post(String, LedgerEvent)} does and throws what it throws. Immutable and thread-safe.
 *
 * <p>Arguments that the contract marks optional may be null and are then left out.
 */
public final class MigrationHandle {

    private final LedgerClient client;
    private final String migrationId;

    MigrationHandle(LedgerClient client, String migrationId) {
        this.client = client;
        this.migrationId = migrationId;
    }

    public String migrationId() {
        return migrationId;
    }

    /** {@code precheck-recorded}: one pre-check's result, such as {@code backup-taken} passed. */
    public RecordedEvent precheck(String check, PrecheckStatus status, String evidence) {
        Require.text(check, "check");
        Require.present(status, "status");
        return post((id, at, actor, runner) -> new PrecheckRecorded(id, at, actor, runner, check, status, evidence));
    }

    /** {@code phase-started}, a gate: asks to begin a phase. */
    public RecordedEvent startPhase(String phase) {
        Require.text(phase, "phase");
        return post((id, at, actor, runner) -> new PhaseStarted(id, at, actor, runner, phase));
    }

    /** {@code phase-applied}: the phase finished successfully. */
    public RecordedEvent phaseApplied(
            String phase, long durationMs, Long rowsAffected, Long lockWaitMs, String output) {
        Require.text(phase, "phase");
        return post((id, at, actor, runner) ->
                new PhaseApplied(id, at, actor, runner, phase, durationMs, rowsAffected, lockWaitMs, output));
    }

    /** {@code phase-failed}: the phase failed. */
    public RecordedEvent phaseFailed(String phase, long durationMs, String error) {
        Require.text(phase, "phase");
        return post((id, at, actor, runner) -> new PhaseFailed(id, at, actor, runner, phase, durationMs, error));
    }

    /** {@code verified}: a verification passed, of one phase or, with a null phase, of the whole migration. */
    public RecordedEvent verified(String phase, List<String> checks, String evidence) {
        return post((id, at, actor, runner) -> new Verified(id, at, actor, runner, phase, checks, evidence));
    }

    /** {@code verification-failed}: a verification failed, of one phase or, with a null phase, of the migration. */
    public RecordedEvent verificationFailed(String phase, List<String> checks, String evidence) {
        return post((id, at, actor, runner) -> new VerificationFailed(id, at, actor, runner, phase, checks, evidence));
    }

    /** {@code rollback-started}: reversal of these phases began. */
    public RecordedEvent rollbackStarted(List<String> phases, String reason) {
        Require.notEmpty(phases, "phases");
        return post((id, at, actor, runner) -> new RollbackStarted(id, at, actor, runner, phases, reason));
    }

    /** {@code rolled-back}: these phases were reversed. */
    public RecordedEvent rolledBack(List<String> phases, String reason, long durationMs) {
        Require.notEmpty(phases, "phases");
        return post((id, at, actor, runner) -> new RolledBack(id, at, actor, runner, phases, reason, durationMs));
    }

    /** {@code rollback-failed}: reversing these phases failed. */
    public RecordedEvent rollbackFailed(List<String> phases, String reason, long durationMs, String error) {
        Require.notEmpty(phases, "phases");
        return post((id, at, actor, runner) ->
                new RollbackFailed(id, at, actor, runner, phases, reason, durationMs, error));
    }

    /** {@code progress}: how far a long phase got. */
    public RecordedEvent progress(String phase, Double percent, Long rowsDone, Long rowsTotal, Instant eta) {
        Require.text(phase, "phase");
        return post((id, at, actor, runner) ->
                new Progress(id, at, actor, runner, phase, percent, rowsDone, rowsTotal, eta));
    }

    /** {@code signed-off}, a gate: a person signs the migration off in a role such as {@code dba}. */
    public RecordedEvent signOff(String role, String signer, String comment) {
        Require.text(role, "role");
        Require.text(signer, "signer");
        return post((id, at, actor, runner) -> new SignedOff(id, at, actor, runner, role, signer, comment));
    }

    /** {@code aborted}: the migration was stopped on an abort criterion. */
    public RecordedEvent abort(String reason) {
        return post((id, at, actor, runner) -> new Aborted(id, at, actor, runner, reason));
    }

    /** {@code completed}, a gate: asks to close the migration with every phase applied and verified. */
    public RecordedEvent complete() {
        return post(Completed::new);
    }

    private RecordedEvent post(Stamped event) {
        return client.post(migrationId, event.with(UUID.randomUUID(), client.now(), client.actor(), client.runner()));
    }

    /** An event still missing the fields every event carries. */
    @FunctionalInterface
    private interface Stamped {
        LedgerEvent with(UUID eventId, Instant occurredAt, String actor, Runner runner);
    }
}
