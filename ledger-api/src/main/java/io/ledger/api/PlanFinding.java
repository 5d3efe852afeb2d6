package io.ledger.api;

/**
 * One finding of the SQL safety analysis of a plan, as the ledger recorded it when the plan was registered. It
 * mirrors the linter's finding (ledger-api cannot depend on ledger-lint) and also records whether its rule loses
 * data, so that a gate decided later, or replayed after the linter changed, reads the verdict the ledger kept.
 */
public record PlanFinding(
        String ruleId,
        String severity,
        String statement,
        int line,
        int column,
        String why,
        String saferAlternative,
        String source,
        boolean suppressed,
        String suppressionReason,
        boolean destructive) {
}
