package io.ledger.migration;

import io.ledger.api.GateRule;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.PlanFinding;
import io.ledger.api.PolicyCheck;
import io.ledger.api.PolicyOutcome;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.Reason;
import io.ledger.api.Severity;
import io.ledger.api.event.Gate;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.api.event.SignedOff;
import io.ledger.policy.CompletedRun;
import io.ledger.policy.GateEvidence;
import io.ledger.policy.Policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The environment's policy, judged when a migration's first phase asks to start: the moment after which the
 * database is being changed. Every rule is evaluated and listed, passed or not, because the list is the evidence an
 * auditor reads; the rules that failed become the refusal's reasons. docs/policy.md describes each rule.
 */
final class PolicyRules {

    static final String BACKUP = "backup-taken";

    private PolicyRules() {
    }

    static boolean apply(Gate gate, MigrationState state, GateEvidence evidence) {
        return evidence.policy().enforced() && gate instanceof PhaseStarted && !state.hasStarted()
                && !state.isTerminal();
    }

    static List<PolicyCheck> evaluate(PhaseStarted gate, MigrationState state, GateEvidence evidence) {
        Policy policy = evidence.policy();
        MigrationPlan plan = state.plan();
        UUID planned = state.planned().eventId();
        return List.of(
                promotion(plan, policy, evidence.promotion()),
                backup(gate.occurredAt(), state, policy),
                reversal(plan, planned),
                twoPhase(plan, state, planned, evidence.expand()),
                approval(plan, state, policy),
                duration(plan, state, policy, evidence.promotion()));
    }

    static List<Reason> failures(List<PolicyCheck> checks) {
        return checks.stream().filter(check -> check.outcome() == PolicyOutcome.FAIL)
                .map(check -> check.rule().because(check.evidence())).toList();
    }

    private static PolicyCheck promotion(MigrationPlan plan, Policy policy, CompletedRun run) {
        GateRule rule = GateRule.STAGING_BEFORE_PROD;
        if (policy.promotedFrom() == null || policy.promotedFrom().isBlank()
                || policy.promotedFrom().equals(plan.environment())) {
            return new PolicyCheck(rule, PolicyOutcome.NOT_APPLICABLE, "no earlier environment to promote from",
                    null, null);
        }
        if (plan.checksum() == null) {
            return fail(rule, "the plan has no checksum, so its run in " + policy.promotedFrom() + " cannot be found");
        }
        if (run == null) {
            return fail(rule, "checksum " + plan.checksum() + " has not completed in " + policy.promotedFrom());
        }
        return new PolicyCheck(rule, PolicyOutcome.PASS, "checksum " + plan.checksum() + " completed in "
                + policy.promotedFrom() + " as " + run.migrationId(), run.completedEventId(), run.migrationId());
    }

    /** Both instants are the senders' own: the pre-check's and the gate's, so replaying decides the same way. */
    private static PolicyCheck backup(Instant startAt, MigrationState state, Policy policy) {
        GateRule rule = GateRule.BACKUP_BEFORE_PROD;
        Optional<PrecheckRecorded> backup = state.precheckEvent(BACKUP);
        if (backup.isEmpty() || backup.get().status() != PrecheckStatus.PASSED) {
            return fail(rule, BACKUP + backup.map(check -> " is " + check.status().wireId()).orElse(" has not passed")
                    + "; it must pass within " + policy.backupWindow() + " before the first phase");
        }
        Duration age = Duration.between(backup.get().occurredAt(), startAt);
        if (age.isNegative() || age.compareTo(policy.backupWindow()) > 0) {
            return fail(rule, BACKUP + " passed at " + backup.get().occurredAt() + ", not within "
                    + policy.backupWindow() + " before the first phase at " + startAt);
        }
        return new PolicyCheck(rule, PolicyOutcome.PASS, BACKUP + " passed " + age + " before the first phase",
                backup.get().eventId(), null);
    }

    private static PolicyCheck reversal(MigrationPlan plan, UUID planned) {
        List<String> irreversible = plan.phases().stream()
                .filter(phase -> !phase.forwardOnly() && (phase.rollback() == null || phase.rollback().isBlank()))
                .map(Phase::name).toList();
        if (!irreversible.isEmpty()) {
            return new PolicyCheck(GateRule.REVERSAL_REQUIRED, PolicyOutcome.FAIL, "no rollback and not forwardOnly: "
                    + String.join(", ", irreversible), planned, null);
        }
        return new PolicyCheck(GateRule.REVERSAL_REQUIRED, PolicyOutcome.PASS,
                "every phase has a rollback or is forwardOnly", planned, null);
    }

    /**
     * Suppressed findings count too: a suppression is its author's note to reviewers, not a waiver of production's
     * two-phase rule.
     */
    private static PolicyCheck twoPhase(MigrationPlan plan, MigrationState state, UUID planned, CompletedRun expand) {
        GateRule rule = GateRule.TWO_PHASE_DESTRUCTIVE;
        if (!state.isAnalysed()) {
            return new PolicyCheck(rule, PolicyOutcome.NOT_APPLICABLE, "the plan was registered without analysis",
                    planned, null);
        }
        List<String> destructive = state.findings().stream().filter(PlanFinding::destructive)
                .map(finding -> finding.ruleId() + " at " + finding.source()).distinct().toList();
        if (destructive.isEmpty()) {
            return new PolicyCheck(rule, PolicyOutcome.PASS, "additive only: no destructive finding", planned, null);
        }
        String found = "destructive: " + String.join(", ", destructive);
        if (plan.step() != MigrationStep.CONTRACT) {
            return new PolicyCheck(rule, PolicyOutcome.FAIL, found + "; only a contract step may destroy, after its "
                    + "expand completed", planned, null);
        }
        if (expand == null) {
            return new PolicyCheck(rule, PolicyOutcome.FAIL, found + "; no expand migration of " + plan.database()
                    + " has completed in " + plan.environment(), planned, null);
        }
        return new PolicyCheck(rule, PolicyOutcome.PASS, found + " in a contract step after expand "
                + expand.migrationId() + " completed", expand.completedEventId(), expand.migrationId());
    }

    private static PolicyCheck approval(MigrationPlan plan, MigrationState state, Policy policy) {
        GateRule rule = GateRule.APPROVAL_REQUIRED;
        if (!needsApproval(plan, policy)) {
            return new PolicyCheck(rule, PolicyOutcome.NOT_APPLICABLE, "severity " + plan.severity().wireId()
                    + " needs no approval", null, null);
        }
        List<SignedOff> approvals = state.signOffEvents();
        List<String> missing = policy.approverRoles().stream()
                .filter(role -> approvals.stream().noneMatch(signOff -> signOff.role().equalsIgnoreCase(role)))
                .toList();
        if (!missing.isEmpty()) {
            return fail(rule, "severity " + plan.severity().wireId() + " needs a sign-off before the first phase by: "
                    + String.join(", ", missing));
        }
        SignedOff last = approvals.stream().filter(signOff -> policy.approverRoles().stream()
                .anyMatch(role -> role.equalsIgnoreCase(signOff.role()))).reduce((a, b) -> b).orElseThrow();
        return new PolicyCheck(rule, PolicyOutcome.PASS, "approved by " + String.join(", ", approvals.stream()
                .map(signOff -> signOff.signer() + " (" + signOff.role() + ")").toList()), last.eventId(), null);
    }

    /** High and critical migrations need approvers; so sign-offs in their roles are accepted before the start. */
    static boolean needsApproval(MigrationPlan plan, Policy policy) {
        return policy.enforced() && !policy.approverRoles().isEmpty()
                && (plan.severity() == Severity.HIGH || plan.severity() == Severity.CRITICAL);
    }

    static boolean isApproval(SignedOff signOff, MigrationState state, Policy policy) {
        return needsApproval(state.plan(), policy) && !state.hasStarted()
                && policy.approverRoles().stream().anyMatch(role -> role.equalsIgnoreCase(signOff.role()));
    }

    private static PolicyCheck duration(MigrationPlan plan, MigrationState state, Policy policy, CompletedRun run) {
        GateRule rule = GateRule.DURATION_BUDGET;
        long budget = policy.durationBudget().toMillis();
        Long estimateSeconds = plan.estimatedSeconds() != null ? plan.estimatedSeconds()
                : plan.phases().stream().map(Phase::estimatedSeconds).filter(Objects::nonNull)
                .reduce(Long::sum).orElse(null);
        List<String> over = new ArrayList<>();
        if (estimateSeconds != null && estimateSeconds * 1000 > budget) {
            over.add("estimated " + estimateSeconds + "s");
        }
        // A run that measured nothing shows nothing within the budget: only a waiver lets it pass.
        if (run != null && (run.durationMs() == null || run.durationMs() > budget)) {
            over.add(run.ran());
        }
        String budgetText = "budget " + policy.durationBudget();
        if (over.isEmpty()) {
            return new PolicyCheck(rule, PolicyOutcome.PASS, "within " + budgetText
                    + (estimateSeconds == null ? "" : ", estimated " + estimateSeconds + "s")
                    + (run == null ? "" : ", " + run.ran()),
                    run == null ? state.planned().eventId() : run.completedEventId(),
                    run == null ? null : run.migrationId());
        }
        Optional<PrecheckRecorded> waiver = state.precheckEvent(policy.durationWaiver())
                .filter(check -> check.status() == PrecheckStatus.WAIVED)
                .filter(check -> check.evidence() != null && !check.evidence().isBlank());
        if (waiver.isPresent()) {
            return new PolicyCheck(rule, PolicyOutcome.PASS, "not within " + budgetText + " (" + String.join(", ", over)
                    + "), waived: " + waiver.get().evidence(), waiver.get().eventId(), null);
        }
        return fail(rule, "not within " + budgetText + " (" + String.join(", ", over) + "); record "
                + policy.durationWaiver() + " as waived with evidence");
    }

    private static PolicyCheck fail(GateRule rule, String why) {
        return new PolicyCheck(rule, PolicyOutcome.FAIL, why, null, null);
    }
}
