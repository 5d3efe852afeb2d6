package io.ledger.lint;

/**
 * One thing the linter found in one statement. {@code source} names where the SQL came from: a file path for the
 * command-line tool, {@code phases[1].rollback} for a plan, null for a bare script. A suppressed finding is still
 * reported, with the reason its author gave, so that reviewers see what was waived.
 */
public record Finding(
        String ruleId,
        Severity severity,
        String statement,
        int line,
        int column,
        String why,
        String saferAlternative,
        String source,
        boolean suppressed,
        String suppressionReason) {

    private static final int MAX_STATEMENT_LENGTH = 200;

    static Finding of(Rule rule, Statement statement) {
        return of(rule, statement.text(), statement.line(), statement.column());
    }

    static Finding of(Rule rule, String statement, int line, int column) {
        return new Finding(rule.id(), rule.severity(), abbreviate(statement), line, column, rule.why(),
                rule.saferAlternative(), null, false, null);
    }

    /**
     * {@code missing-reversal} for something that has no way back: a plan phase without rollback, or a migration
     * file without its undo or down file.
     */
    public static Finding missingReversal(String what, String source) {
        Rule rule = Rule.MISSING_REVERSAL;
        return new Finding(rule.id(), rule.severity(), what, 1, 1, what + ": " + rule.why(), rule.saferAlternative(),
                source, false, null);
    }

    public Finding from(String newSource) {
        return new Finding(ruleId, severity, statement, line, column, why, saferAlternative, newSource, suppressed,
                suppressionReason);
    }

    Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, statement, line, column, why, saferAlternative, source, suppressed,
                suppressionReason);
    }

    Finding suppressedBecause(String reason) {
        return new Finding(ruleId, severity, statement, line, column, why, saferAlternative, source, true, reason);
    }

    /** Whether this finding should fail a build that fails on {@code threshold} and above. */
    public boolean failsAt(Severity threshold) {
        return !suppressed && severity.atLeast(threshold);
    }

    private static String abbreviate(String statement) {
        String trimmed = statement.strip();
        return trimmed.length() <= MAX_STATEMENT_LENGTH ? trimmed : trimmed.substring(0, MAX_STATEMENT_LENGTH) + "...";
    }
}
