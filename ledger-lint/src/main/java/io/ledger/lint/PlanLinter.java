package io.ledger.lint;

import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;

import java.util.ArrayList;
import java.util.List;

/**
 * Lints a whole plan: each phase's {@code action} and {@code rollback} (findings located by their source,
 * {@code phases[i].action} or {@code phases[i].rollback}, and their line within it), each phase's reversal, and
 * whether the plan's actions mix expand and contract steps across phases.
 */
public final class PlanLinter {

    private PlanLinter() {
    }

    public static List<Finding> lint(MigrationPlan plan) {
        return lint(plan.phases());
    }

    public static List<Finding> lint(List<Phase> phases) {
        List<Finding> findings = new ArrayList<>();
        String expandingSource = null;
        LintedScript firstContracting = null;
        String contractingSource = null;
        boolean mixedWithinOneScript = false;
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            String actionSource = "phases[" + i + "].action";
            if (isPresent(phase.action())) {
                LintedScript action = SqlLinter.analyse(phase.action());
                findings.addAll(from(action.findings(), actionSource));
                mixedWithinOneScript |= action.mixesExpandAndContract();
                if (action.firstExpand() != null && expandingSource == null) {
                    expandingSource = actionSource;
                }
                if (action.firstContract() != null && firstContracting == null) {
                    firstContracting = action;
                    contractingSource = actionSource;
                }
            }
            if (isPresent(phase.rollback())) {
                findings.addAll(from(SqlLinter.lintReversal(phase.rollback()), "phases[" + i + "].rollback"));
            } else if (!phase.forwardOnly()) {
                findings.add(Finding.missingReversal("phase " + phase.name() + " has no rollback",
                        "phases[" + i + "]"));
            }
        }
        boolean mixedAcrossPhases = expandingSource != null && firstContracting != null
                && !expandingSource.equals(contractingSource);
        if (mixedAcrossPhases && !mixedWithinOneScript) {
            Statement contract = firstContracting.firstContract();
            findings.addAll(from(SqlLinter.suppress(List.of(Finding.of(Rule.MIXED_EXPAND_CONTRACT, contract)),
                    contract), contractingSource));
        }
        return List.copyOf(findings);
    }

    private static List<Finding> from(List<Finding> findings, String source) {
        return findings.stream().map(finding -> finding.from(source)).toList();
    }

    private static boolean isPresent(String sql) {
        return sql != null && !sql.isBlank();
    }
}
