package io.ledger.migration;

import io.ledger.api.Anomaly;
import io.ledger.api.PhaseStatus;
import io.ledger.api.Reason;
import io.ledger.api.view.PhaseView;
import io.ledger.api.event.Fact;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.Progress;
import io.ledger.api.event.RollbackFailed;
import io.ledger.api.event.RollbackStarted;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Names the ways a fact breaks the lifecycle, judged against the state before the fact. */
final class AnomalyRules {

    private AnomalyRules() {
    }

    static List<Reason> detect(Fact fact, MigrationState state) {
        List<Reason> anomalies = new ArrayList<>();
        if (state.isTerminal()) {
            anomalies.add(Anomaly.EVENT_AFTER_TERMINAL_STATE.because(
                    fact.type() + " after the migration was " + state.status().wireId()));
        }
        if (fact instanceof PrecheckRecorded precheck && state.hasStarted()) {
            anomalies.add(Anomaly.PRECHECK_AFTER_START.because(precheck.check() + " recorded after phases started"));
        } else if (fact instanceof PhaseApplied applied) {
            requireStarted(applied.phase(), state, Anomaly.PHASE_APPLIED_WITHOUT_START, anomalies);
            requireAfterStart(applied, applied.phase(), state, anomalies);
        } else if (fact instanceof PhaseFailed failed) {
            requireStarted(failed.phase(), state, Anomaly.PHASE_FAILED_WITHOUT_START, anomalies);
            requireAfterStart(failed, failed.phase(), state, anomalies);
        } else if (fact instanceof Progress progress) {
            requireStarted(progress.phase(), state, Anomaly.PROGRESS_WITHOUT_START, anomalies);
        } else if (fact instanceof Verified verified) {
            verification(verified.phase(), state, anomalies);
        } else if (fact instanceof VerificationFailed failed) {
            verification(failed.phase(), state, anomalies);
        } else if (fact instanceof RollbackStarted rollback) {
            rollback(rollback.phases(), state, anomalies);
        } else if (fact instanceof RolledBack rolledBack) {
            rollback(rolledBack.phases(), state, anomalies);
        } else if (fact instanceof RollbackFailed failed) {
            rollback(failed.phases(), state, anomalies);
        }
        return anomalies;
    }

    private static void requireStarted(String name, MigrationState state, Anomaly anomaly, List<Reason> anomalies) {
        known(name, state, anomalies).filter(phase -> phase.status() != PhaseStatus.STARTED).ifPresent(phase ->
                anomalies.add(anomaly.because(name + " was " + phase.status().wireId() + ", not started")));
    }

    /** A phase cannot end before it started: the clocks that stamped the two disagree. */
    private static void requireAfterStart(Fact end, String name, MigrationState state, List<Reason> anomalies) {
        state.phase(name).filter(phase -> phase.status() == PhaseStatus.STARTED && phase.startedAt() != null
                && end.occurredAt().isBefore(phase.startedAt())).ifPresent(phase -> anomalies.add(
                Anomaly.ENDED_BEFORE_START.because(name + " " + end.type() + " at " + end.occurredAt()
                        + ", before it started at " + phase.startedAt() + ": a sender's clock is off")));
    }

    private static void verification(String name, MigrationState state, List<Reason> anomalies) {
        if (name == null) {
            List<String> unapplied = state.phases().stream()
                    .filter(phase -> !PhaseTransitions.verifiable(phase)).map(PhaseView::name).toList();
            if (!unapplied.isEmpty()) {
                anomalies.add(Anomaly.VERIFICATION_BEFORE_ALL_APPLIED.because(
                        "the migration was verified while not applied: " + String.join(", ", unapplied)));
            }
            return;
        }
        known(name, state, anomalies).filter(phase -> !PhaseTransitions.verifiable(phase)).ifPresent(phase ->
                anomalies.add(Anomaly.VERIFICATION_OF_UNAPPLIED_PHASE.because(
                        name + " was " + phase.status().wireId() + ", not applied")));
    }

    private static void rollback(List<String> names, MigrationState state, List<Reason> anomalies) {
        // A phase already rolling back was judged when its rollback started.
        names.forEach(name -> known(name, state, anomalies)
                .filter(phase -> phase.status() != PhaseStatus.ROLLING_BACK).ifPresent(phase -> {
            if (phase.status() == PhaseStatus.PENDING) {
                anomalies.add(Anomaly.ROLLBACK_OF_UNAPPLIED_PHASE.because(name + " was never applied"));
            }
            if (phase.forwardOnly()) {
                anomalies.add(Anomaly.ROLLBACK_OF_FORWARD_ONLY_PHASE.because(name + " is declared forward-only"));
            }
        }));
    }

    private static Optional<PhaseView> known(String name, MigrationState state, List<Reason> anomalies) {
        Optional<PhaseView> phase = state.phase(name);
        if (phase.isEmpty()) {
            anomalies.add(Anomaly.UNKNOWN_PHASE.because(name + " is not a phase of this migration's plan"));
        }
        return phase;
    }
}
