package io.ledger.policy;

import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.api.PolicyCheck;
import io.ledger.api.PolicyOutcome;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.Planned;
import io.ledger.api.event.PolicyEvaluated;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;
import io.ledger.api.view.RecordedEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One migration's compliance, read from its own events: the rules of its latest policy decision, each with the
 * event that is its evidence, and whether the last failure was followed by a rollback of phases that ran, or, for a
 * forward-only phase, which cannot be rolled back, by that phase verified again (fixed forward).
 */
public final class Compliance {

    static final String FAILURE_ROLLED_BACK = "failure-rolled-back";

    private Compliance() {
    }

    /**
     * @param migrationId  the migration
     * @param environment  its environment
     * @param evaluated    whether a policy decision was recorded (none in relaxed environments, nor before the start)
     * @param decision     where the latest decision was recorded
     * @param rules        each rule with its outcome and evidence
     */
    public record View(String migrationId, String environment, boolean evaluated, Long decision, List<Rule> rules) {
    }

    /** {@code evidenceSequence} locates the evidence when it is an event of this migration. */
    public record Rule(String rule, PolicyOutcome outcome, String evidence, UUID evidenceEventId,
                       String evidenceMigrationId, Long evidenceSequence) {
    }

    /** Reads the migration's events once, in order, keeping only what the rules need of them. */
    public static View of(String migrationId, String environment, Iterator<RecordedEvent> events,
            Reversals reversals) {
        Map<UUID, Long> sequences = new HashMap<>();
        Set<String> forwardOnly = Set.of();
        RecordedEvent decision = null;
        RecordedEvent failure = null;
        RecordedEvent rollback = null;
        RecordedEvent fixedForward = null;
        while (events.hasNext()) {
            RecordedEvent recorded = events.next();
            LedgerEvent event = recorded.event();
            sequences.putIfAbsent(event.eventId(), recorded.sequence());
            if (event instanceof Planned planned) {
                forwardOnly = forwardOnlyPhases(planned.plan());
            } else if (event instanceof PolicyEvaluated) {
                decision = recorded;
            } else if (event instanceof PhaseFailed || event instanceof VerificationFailed) {
                failure = recorded;
                rollback = null;
                fixedForward = null;
            } else if (event instanceof RolledBack rolledBack && failure != null
                    && reversals.reversesAny(migrationId, recorded.sequence(), rolledBack.phases())) {
                rollback = recorded;
            } else if (event instanceof Verified verified && failure != null && verified.phase() != null
                    && verified.phase().equals(failedPhase(failure.event()))
                    && forwardOnly.contains(verified.phase())) {
                fixedForward = recorded;
            }
        }
        List<Rule> rules = new ArrayList<>();
        if (decision != null) {
            for (PolicyCheck check : ((PolicyEvaluated) decision.event()).checks()) {
                rules.add(new Rule(check.rule().wireId(), check.outcome(), check.evidence(), check.evidenceEventId(),
                        check.evidenceMigrationId(), check.evidenceMigrationId() == null
                        ? sequences.get(check.evidenceEventId()) : null));
            }
        }
        rules.add(failure == null
                ? new Rule(FAILURE_ROLLED_BACK, PolicyOutcome.NOT_APPLICABLE, "nothing failed", null, null, null)
                : rollback != null
                ? new Rule(FAILURE_ROLLED_BACK, PolicyOutcome.PASS, failure.event().type() + " was rolled back",
                        rollback.event().eventId(), null, rollback.sequence())
                : fixedForward != null
                ? new Rule(FAILURE_ROLLED_BACK, PolicyOutcome.PASS, failure.event().type() + " of forward-only phase "
                        + failedPhase(failure.event()) + " was fixed forward: verified again",
                        fixedForward.event().eventId(), null, fixedForward.sequence())
                : new Rule(FAILURE_ROLLED_BACK, PolicyOutcome.FAIL, failure.event().type() + " is not rolled back",
                        failure.event().eventId(), null, failure.sequence()));
        return new View(migrationId, environment, decision != null, decision == null ? null : decision.sequence(),
                List.copyOf(rules));
    }

    static Set<String> forwardOnlyPhases(MigrationPlan plan) {
        return plan.phases().stream().filter(Phase::forwardOnly).map(Phase::name).collect(Collectors.toSet());
    }

    /** The phase a failure names; null for a verification of the whole migration. */
    static String failedPhase(LedgerEvent failure) {
        return failure instanceof PhaseFailed failed ? failed.phase() : ((VerificationFailed) failure).phase();
    }
}
