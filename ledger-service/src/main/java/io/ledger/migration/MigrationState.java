package io.ledger.migration;

import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStatus;
import io.ledger.api.Phase;
import io.ledger.api.PhaseStatus;
import io.ledger.api.PlanFinding;
import io.ledger.api.event.Aborted;
import io.ledger.api.event.AnomalyDetected;
import io.ledger.api.event.Completed;
import io.ledger.api.event.Fact;
import io.ledger.api.event.GateRefused;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.Planned;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.Prechecked;
import io.ledger.api.event.Progress;
import io.ledger.api.event.RollbackFailed;
import io.ledger.api.event.RollbackStarted;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.SignedOff;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;
import io.ledger.api.view.AnomalyView;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.PhaseView;
import io.ledger.api.view.PrecheckView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.api.view.SignOffView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The lifecycle of one migration, folded from its events. The aggregate decides with it and every read model
 * replays it, so all agree on what a status means. Facts are folded even when they break the lifecycle: the state
 * shows what really happened. Not thread-safe: one fold belongs to one thread at a time.
 */
public final class MigrationState {

    private static final Set<MigrationStatus> TERMINAL =
            EnumSet.of(MigrationStatus.COMPLETED, MigrationStatus.SIGNED_OFF, MigrationStatus.ABORTED);
    private static final Set<MigrationStatus> FINISHED =
            EnumSet.of(MigrationStatus.COMPLETED, MigrationStatus.ROLLED_BACK, MigrationStatus.ABORTED);

    private MigrationPlan plan;
    private Planned planned;
    private List<PlanFinding> findings = List.of();
    private boolean analysed;
    private MigrationStatus status;
    private final Map<String, PhaseView> phases = new LinkedHashMap<>();
    private final Map<String, PrecheckView> prechecks = new LinkedHashMap<>();
    private final Map<String, PrecheckRecorded> precheckEvents = new LinkedHashMap<>();
    private final List<SignedOff> signOffEvents = new ArrayList<>();
    private final List<SignOffView> signOffs = new ArrayList<>();
    private final List<AnomalyView> anomalies = new ArrayList<>();
    private boolean prechecked;
    private int refusals;
    private Instant plannedAt;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant lastEventAt;
    private long lastSequence = -1;
    private Long completedSequence;

    public void apply(LedgerEvent event, long sequence, Instant recordedAt) {
        lastSequence = sequence;
        lastEventAt = recordedAt;
        if (event instanceof Fact && isTerminal()) {
            // A late fact is recorded with its anomaly; it changes no phase or pre-check of a finished migration,
            // which would otherwise read "signed-off" beside a phase that failed after it.
            return;
        }
        if (event instanceof Planned registered) {
            planned = registered;
            plan = registered.plan();
            analysed = registered.findings() != null;
            findings = analysed ? registered.findings() : List.of();
            status = MigrationStatus.PLANNED;
            plannedAt = recordedAt;
            plan.phases().forEach(phase -> phases.put(phase.name(), PhaseTransitions.pending(phase)));
        } else if (event instanceof PrecheckRecorded precheck) {
            precheckEvents.put(precheck.check(), precheck);
            prechecks.put(precheck.check(), new PrecheckView(precheck.check(), isRequired(precheck.check()),
                    precheck.status(), precheck.evidence(), precheck.actor(), recordedAt));
            // Before any phase starts the status says whether one may: a required check that failed after the
            // ledger said prechecked takes it back to planned, and passing again restores it (no second event).
            if (prechecked && (status == MigrationStatus.PLANNED || status == MigrationStatus.PRECHECKED)) {
                status = unsatisfiedPrechecks().isEmpty() ? MigrationStatus.PRECHECKED : MigrationStatus.PLANNED;
            }
        } else if (event instanceof Prechecked) {
            prechecked = true;
            if (status == MigrationStatus.PLANNED) {
                status = MigrationStatus.PRECHECKED;
            }
        } else if (event instanceof PhaseStarted started) {
            update(started.phase(), phase -> PhaseTransitions.started(phase, started.occurredAt()));
            if (startedAt == null) {
                startedAt = started.occurredAt();
            }
            moveTo(MigrationStatus.IN_PROGRESS, started);
        } else if (event instanceof PhaseApplied applied && knows(applied.phase())) {
            update(applied.phase(), phase -> PhaseTransitions.applied(phase, applied.occurredAt(), applied.durationMs(),
                    applied.rowsAffected(), applied.lockWaitMs()));
            moveTo(allPhasesIn(PhaseStatus.APPLIED, PhaseStatus.VERIFIED)
                    ? MigrationStatus.APPLIED : MigrationStatus.IN_PROGRESS, applied);
        } else if (event instanceof PhaseFailed failed && knows(failed.phase())) {
            update(failed.phase(), phase -> PhaseTransitions.failed(phase, failed.occurredAt(), failed.durationMs(),
                    failed.error()));
            moveTo(MigrationStatus.FAILED, failed);
        } else if (event instanceof Verified verified && (verified.phase() == null || knows(verified.phase()))) {
            if (verified.phase() == null) {
                phases.replaceAll((name, phase) -> PhaseTransitions.verification(phase, PhaseStatus.VERIFIED));
            } else {
                update(verified.phase(), phase -> PhaseTransitions.verification(phase, PhaseStatus.VERIFIED));
            }
            if (allPhasesIn(PhaseStatus.VERIFIED)) {
                moveTo(MigrationStatus.VERIFIED, verified);
            }
        } else if (event instanceof VerificationFailed failed && (failed.phase() == null || knows(failed.phase()))) {
            if (failed.phase() != null) {
                update(failed.phase(), phase -> PhaseTransitions.verification(phase, PhaseStatus.VERIFICATION_FAILED));
            }
            moveTo(MigrationStatus.FAILED, failed);
        } else if (event instanceof RollbackStarted rollback && reversesAny(rollback.phases())) {
            reverse(rollback.phases(), phase -> PhaseTransitions.moveTo(phase, PhaseStatus.ROLLING_BACK));
            moveTo(MigrationStatus.ROLLING_BACK, rollback);
        } else if (event instanceof RolledBack rolledBack && reversesAny(rolledBack.phases())) {
            reverse(rolledBack.phases(), phase -> PhaseTransitions.moveTo(phase, PhaseStatus.ROLLED_BACK));
            moveTo(MigrationStatus.ROLLED_BACK, rolledBack);
        } else if (event instanceof RollbackFailed failed && reversesAny(failed.phases())) {
            reverse(failed.phases(), phase -> PhaseTransitions.rollbackFailed(phase, failed.error()));
            moveTo(MigrationStatus.FAILED, failed);
        } else if (event instanceof Progress progress) {
            update(progress.phase(), phase -> PhaseTransitions.progressed(phase, progress.percent(), progress.eta()));
        } else if (event instanceof SignedOff signedOff) {
            signOffEvents.add(signedOff);
            signOffs.add(new SignOffView(signedOff.role(), signedOff.signer(), signedOff.comment(), recordedAt));
            if (status == MigrationStatus.COMPLETED) {
                status = MigrationStatus.SIGNED_OFF;
            }
        } else if (event instanceof Aborted aborted) {
            moveTo(MigrationStatus.ABORTED, aborted);
        } else if (event instanceof Completed completed) {
            if (moveTo(MigrationStatus.COMPLETED, completed)) {
                completedSequence = sequence;
            }
        } else if (event instanceof GateRefused) {
            refusals++;
        } else if (event instanceof AnomalyDetected anomaly) {
            anomalies.add(new AnomalyView(anomaly.anomaly(), anomaly.message(), anomaly.causeEventId(), sequence));
        }
    }

    /**
     * Facts about phases the plan does not have change neither a phase nor the migration's status: they describe
     * no step of this runbook, and their anomaly tells the story.
     */
    private boolean knows(String phase) {
        return phases.containsKey(phase);
    }

    /**
     * Whether a rollback of {@code names} reverses anything: a phase of the plan that ran. A phase never started has
     * nothing to reverse, so a rollback that names only such phases (or phases the plan does not have) changes
     * neither a phase nor the migration's status, and its anomaly tells the story; it must not pass for the reversal
     * of a failure it never touched.
     */
    boolean reversesAny(List<String> names) {
        return names.stream().map(phases::get).anyMatch(MigrationState::ran);
    }

    private void reverse(List<String> names, UnaryOperator<PhaseView> change) {
        names.stream().filter(name -> ran(phases.get(name))).forEach(name -> update(name, change));
    }

    private static boolean ran(PhaseView phase) {
        return phase != null && phase.status() != PhaseStatus.PENDING;
    }

    private void update(String phase, UnaryOperator<PhaseView> change) {
        phases.computeIfPresent(phase, (name, progress) -> change.apply(progress));
    }

    /**
     * Terminal statuses stick: a late fact is recorded as an anomaly, it does not reopen the migration. A migration
     * is finished while it is completed, rolled back or aborted; any other status, a retry after a rollback
     * included, means it is not.
     */
    private boolean moveTo(MigrationStatus next, LedgerEvent cause) {
        if (isTerminal()) {
            return false;
        }
        status = next;
        finishedAt = FINISHED.contains(next) ? cause.occurredAt() : null;
        return true;
    }

    public boolean exists() {
        return plan != null;
    }

    /** The text this state keeps, which may be large, for {@link CacheWeight}: the rest is small and bounded. */
    public long heldTextBytes() {
        long bytes = plan == null ? 0 : CacheWeight.textBytes(plan);
        for (PhaseView phase : phases.values()) {
            bytes += CacheWeight.length(phase.error());
        }
        for (PrecheckRecorded precheck : precheckEvents.values()) {
            bytes += CacheWeight.length(precheck.evidence());
        }
        for (SignedOff signOff : signOffEvents) {
            bytes += CacheWeight.length(signOff.comment());
        }
        return bytes;
    }

    MigrationPlan plan() {
        return plan;
    }

    MigrationStatus status() {
        return status;
    }

    boolean isTerminal() {
        return TERMINAL.contains(status);
    }

    boolean isPrechecked() {
        return prechecked;
    }

    boolean hasStarted() {
        return startedAt != null;
    }

    long lastSequence() {
        return lastSequence;
    }

    /** Where the migration's completion was recorded, once it completed. */
    Optional<Long> completion() {
        return Optional.ofNullable(completedSequence);
    }

    Optional<PhaseView> phase(String name) {
        return Optional.ofNullable(phases.get(name));
    }

    /** The phase planned right before the named one, if any. */
    Optional<PhaseView> phaseBefore(String name) {
        List<Phase> planned = plan.phases();
        for (int i = 1; i < planned.size(); i++) {
            if (planned.get(i).name().equals(name)) {
                return phase(planned.get(i - 1).name());
            }
        }
        return Optional.empty();
    }

    List<PhaseView> phases() {
        return List.copyOf(phases.values());
    }

    boolean allPhasesIn(PhaseStatus... statuses) {
        Set<PhaseStatus> accepted = EnumSet.of(statuses[0], statuses);
        return phases.values().stream().allMatch(phase -> accepted.contains(phase.status()));
    }

    /** Required pre-checks whose latest result does not satisfy them, in plan order. */
    List<String> unsatisfiedPrechecks() {
        return plan.requiredPrechecks().stream()
                .filter(check -> prechecks.get(check) == null || !prechecks.get(check).status().satisfies())
                .toList();
    }

    /** The latest result recorded for a pre-check, as its event: the evidence a policy cites. */
    Optional<PrecheckRecorded> precheckEvent(String check) {
        return Optional.ofNullable(precheckEvents.get(check));
    }

    List<SignedOff> signOffEvents() {
        return List.copyOf(signOffEvents);
    }

    Planned planned() {
        return planned;
    }

    /** Whether the plan was analysed when it was registered; plans registered before analysis existed were not. */
    boolean isAnalysed() {
        return analysed;
    }

    List<PlanFinding> findings() {
        return findings;
    }

    Optional<PrecheckView> precheck(String check) {
        return Optional.ofNullable(prechecks.get(check));
    }

    private boolean isRequired(String check) {
        return plan != null && plan.requiredPrechecks().contains(check);
    }

    public MigrationView view() {
        List<PrecheckView> checks = new ArrayList<>();
        plan.requiredPrechecks().forEach(check ->
                checks.add(prechecks.getOrDefault(check, new PrecheckView(check, true, null, null, null, null))));
        prechecks.values().stream().filter(check -> !check.required()).forEach(checks::add);
        return new MigrationView(plan.id(), status, plan,
                List.copyOf(phases.values()),
                List.copyOf(checks), List.copyOf(signOffs), List.copyOf(anomalies), refusals,
                plannedAt, startedAt, finishedAt, lastEventAt, lastSequence, findings);
    }
}
