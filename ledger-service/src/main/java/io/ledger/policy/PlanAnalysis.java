package io.ledger.policy;

import io.ledger.api.MigrationPlan;
import io.ledger.api.PlanFinding;
import io.ledger.lint.Finding;
import io.ledger.lint.PlanLinter;
import io.ledger.lint.Rule;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL safety analysis of a plan, in the shape the ledger records with it. Whether a finding loses data is
 * decided here, once, so that a gate judged later reads the verdict that was recorded, not the current linter's.
 */
public final class PlanAnalysis {

    private static final Set<String> DESTRUCTIVE = Arrays.stream(Rule.values()).filter(Rule::destructive)
            .map(Rule::id).collect(Collectors.toUnmodifiableSet());

    private PlanAnalysis() {
    }

    public static List<PlanFinding> of(MigrationPlan plan) {
        return PlanLinter.lint(plan).stream().map(PlanAnalysis::recorded).toList();
    }

    /**
     * A rollback that drops what its expand added is destructive by design (the linter already lowers it to a
     * warning); only what the plan does going forward counts as destructive here.
     */
    private static PlanFinding recorded(Finding finding) {
        boolean forward = finding.source() == null || !finding.source().endsWith(".rollback");
        return new PlanFinding(finding.ruleId(), finding.severity().wireId(), finding.statement(), finding.line(),
                finding.column(), finding.why(), finding.saferAlternative(), finding.source(), finding.suppressed(),
                finding.suppressionReason(), forward && DESTRUCTIVE.contains(finding.ruleId()));
    }
}
