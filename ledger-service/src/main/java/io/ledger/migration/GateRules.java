package io.ledger.migration;

import io.ledger.api.GateRule;
import io.ledger.api.MigrationStatus;
import io.ledger.api.PhaseStatus;
import io.ledger.api.Reason;
import io.ledger.api.event.Completed;
import io.ledger.api.event.Gate;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.SignedOff;
import io.ledger.api.view.PhaseView;
import io.ledger.policy.Policy;
import io.ledger.web.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a gate may pass. Every rule is evaluated, so that a refusal names every reason at once and a
 * runner fixes them in one round trip.
 */
final class GateRules {

    private GateRules() {
    }

    /** @param principal the name of the token that asks, or null when no token does (aggregate tests) */
    static List<Reason> evaluate(Gate gate, MigrationState state, Policy policy, String principal) {
        if (gate instanceof PhaseStarted started) {
            return phaseStart(started.phase(), state);
        }
        if (gate instanceof SignedOff signedOff) {
            return signOff(signedOff, state, policy, principal);
        }
        return completion((Completed) gate, state);
    }

    private static List<Reason> phaseStart(String name, MigrationState state) {
        List<Reason> reasons = new ArrayList<>();
        Optional<PhaseView> phase = state.phase(name);
        if (phase.isEmpty()) {
            reasons.add(GateRule.UNKNOWN_PHASE.because(name + " is not a phase of this migration's plan"));
        }
        terminal(state, reasons);
        state.unsatisfiedPrechecks().forEach(check -> reasons.add(GateRule.PRECHECKS_INCOMPLETE.because(
                check + state.precheck(check).map(result -> " is " + result.status().wireId()).orElse(" has not passed"))));
        if (state.status() == MigrationStatus.ROLLING_BACK) {
            reasons.add(GateRule.ROLLBACK_IN_PROGRESS.because("a rollback is in progress; record its outcome first"));
        }
        phase.ifPresent(current -> {
            state.phaseBefore(name).filter(previous -> previous.status() != PhaseStatus.VERIFIED).ifPresent(previous ->
                    reasons.add(GateRule.PREVIOUS_PHASE_NOT_VERIFIED.because(
                            previous.name() + " is " + previous.status().wireId() + ", not verified")));
            if (current.status() == PhaseStatus.STARTED) {
                reasons.add(GateRule.PHASE_ALREADY_RUNNING.because(name + " is already running"));
            }
            if (current.status() == PhaseStatus.APPLIED || current.status() == PhaseStatus.VERIFIED) {
                reasons.add(GateRule.PHASE_ALREADY_APPLIED.because(name + " is already " + current.status().wireId()));
            }
        });
        return reasons;
    }

    /**
     * A sign-off follows completion, except an approval: a sign-off in an approver role of a migration whose
     * severity needs approval, before it starts. An approval does not sign the migration off; a sign-off after
     * completion still does.
     */
    private static List<Reason> signOff(SignedOff signOff, MigrationState state, Policy policy, String principal) {
        List<Reason> reasons = new ArrayList<>();
        if (state.status() == MigrationStatus.ABORTED) {
            terminal(state, reasons);
        } else if (!PolicyRules.isApproval(signOff, state, policy) && state.status() != MigrationStatus.COMPLETED && state.status() != MigrationStatus.SIGNED_OFF) {
            reasons.add(GateRule.NOT_COMPLETED.because("the migration is " + state.status().wireId() + ", not completed"));
        }
        if (samePerson(signOff.signer(), state.plan().owner())) {
            reasons.add(GateRule.SIGNER_IS_OWNER.because(
                    signOff.signer() + " owns this migration; a sign-off needs a second pair of eyes"));
        } else if (principal != null && samePerson(principal, state.plan().owner())) {
            reasons.add(GateRule.SIGNER_IS_OWNER.because("token " + principal + " is the owner's own; a sign-off "
                    + "needs a second pair of eyes, whoever it names as signer"));
        }
        return reasons;
    }

    /**
     * Names compared as people read them ({@link Names#asRead}). Input validation refuses padded names now, but
     * plans recorded before it may hold them, which is why the comparison strips them.
     */
    private static boolean samePerson(String one, String other) {
        return Names.readAlike(one, other);
    }

    private static List<Reason> completion(Completed completed, MigrationState state) {
        List<Reason> reasons = new ArrayList<>();
        terminal(state, reasons);
        List<String> unverified = state.phases().stream()
                .filter(phase -> phase.status() != PhaseStatus.VERIFIED).map(PhaseView::name).toList();
        if (!unverified.isEmpty()) {
            reasons.add(GateRule.PHASES_NOT_VERIFIED.because("not applied and verified: " + String.join(", ", unverified)));
        }
        return reasons;
    }

    private static void terminal(MigrationState state, List<Reason> reasons) {
        if (state.isTerminal()) {
            reasons.add(GateRule.TERMINAL_STATE.because("the migration is " + state.status().wireId()));
        }
    }
}
