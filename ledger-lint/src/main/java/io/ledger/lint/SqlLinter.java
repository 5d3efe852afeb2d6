package io.ledger.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Lints one SQL script (PostgreSQL dialect): the statement rules, then the rules about the script as a whole. */
public final class SqlLinter {

    /**
     * Rules that do not apply to a table created earlier in the same script: it is still empty and no running code
     * uses it, so locks and rewrites cost nothing.
     */
    private static final Set<Rule> HARMLESS_ON_NEW_TABLE = Set.of(
            Rule.CREATE_INDEX_NOT_CONCURRENTLY, Rule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
            Rule.ADD_COLUMN_VOLATILE_DEFAULT, Rule.ALTER_COLUMN_TYPE, Rule.SET_NOT_NULL,
            Rule.ADD_CONSTRAINT_WITHOUT_NOT_VALID, Rule.ADD_UNIQUE_OR_PRIMARY_KEY_WITHOUT_INDEX,
            Rule.UPDATE_WITHOUT_WHERE, Rule.DELETE_WITHOUT_WHERE, Rule.UNBATCHED_UPDATE, Rule.UNBATCHED_DELETE);

    private SqlLinter() {
    }

    /** Every finding in the script, suppressed ones included (marked), in statement order. */
    public static List<Finding> lint(String sql) {
        return lint(sql, Delivery.STATEMENT_BY_STATEMENT);
    }

    /** The same, for a script the migration tool sends to PostgreSQL as described. */
    public static List<Finding> lint(String sql, Delivery delivery) {
        return analyse(sql, delivery).findings();
    }

    /**
     * The findings of a reversal script (a phase's rollback, a Flyway U__ or golang-migrate .down.sql file). Undoing
     * an expand destroys what it added by design, so destructive findings are warnings here, still reported so that
     * whoever runs the rollback knows it loses data; and a reversal is not checked for mixing expand and contract.
     */
    public static List<Finding> lintReversal(String sql) {
        return lintReversal(sql, Delivery.STATEMENT_BY_STATEMENT);
    }

    /** The same, for a reversal script the migration tool sends to PostgreSQL as described. */
    public static List<Finding> lintReversal(String sql, Delivery delivery) {
        return analyse(sql, delivery).findings().stream()
                .filter(finding -> !finding.ruleId().equals(Rule.MIXED_EXPAND_CONTRACT.id()))
                .map(finding -> isDestructive(finding) ? finding.withSeverity(Severity.WARNING) : finding)
                .toList();
    }

    private static boolean isDestructive(Finding finding) {
        return Arrays.stream(Rule.values()).anyMatch(rule -> rule.destructive() && rule.id().equals(finding.ruleId()));
    }

    /**
     * A finding about the script as a whole (its missing undo file, say), suppressed when any comment of the
     * script says {@code ledger:ignore <its rule> reason: ...}.
     */
    public static Finding suppressIfIgnored(Finding aboutTheScript, String sql) {
        for (Comment comment : Lexer.lex(sql).comments()) {
            Optional<Suppression> suppression = Suppression.parse(comment);
            if (suppression.isPresent() && suppression.get().hasReason()
                    && suppression.get().covers(aboutTheScript.ruleId())) {
                return aboutTheScript.suppressedBecause(suppression.get().reason());
            }
        }
        return aboutTheScript;
    }

    static LintedScript analyse(String sql) {
        return analyse(sql, Delivery.STATEMENT_BY_STATEMENT);
    }

    private static LintedScript analyse(String sql, Delivery delivery) {
        ScriptSplitter.Script script = ScriptSplitter.split(sql, delivery);
        List<Statement> statements = script.statements();
        List<Finding> findings = new ArrayList<>();
        Set<TableName> createdTables = new HashSet<>();
        boolean lockTimeoutSet = false;
        Statement firstExpand = null;
        Statement firstContract = null;
        for (Statement statement : statements) {
            StatementFacts facts = StatementAnalyser.analyse(statement);
            boolean onNewTable = facts.targetTable != null && createdTables.contains(facts.targetTable);
            List<Finding> found = new ArrayList<>();
            for (Rule rule : facts.rules) {
                if (!(onNewTable && HARMLESS_ON_NEW_TABLE.contains(rule))) {
                    found.add(Finding.of(rule, statement));
                }
            }
            if (facts.accessExclusive && !onNewTable && !lockTimeoutSet) {
                found.add(Finding.of(Rule.MISSING_LOCK_TIMEOUT, statement));
            }
            if (facts.expands && firstExpand == null) {
                firstExpand = statement;
            }
            if (facts.contracts && !onNewTable && firstContract == null) {
                firstContract = statement;
                if (firstExpand != null) {
                    found.add(Finding.of(Rule.MIXED_EXPAND_CONTRACT, statement));
                }
            }
            if (facts.createdTable != null) {
                createdTables.add(facts.createdTable);
            }
            lockTimeoutSet = (lockTimeoutSet || facts.setsLockTimeout) && !facts.resetsLockTimeout;
            List<Finding> marked = suppress(found, statement);
            findings.addAll(marked);
            findings.addAll(suppressionProblems(statement.comments(), marked));
        }
        findings.addAll(suppressionProblems(script.looseComments(), List.of()));
        if (firstContract != null && firstExpand != null && firstExpand.line() > firstContract.line()) {
            findings.addAll(suppress(List.of(Finding.of(Rule.MIXED_EXPAND_CONTRACT, firstExpand)), firstExpand));
        }
        findings.sort(java.util.Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return new LintedScript(List.copyOf(findings), firstExpand, firstContract);
    }

    /** Marks the findings a {@code ledger:ignore} comment (with a reason) of this statement covers. */
    static List<Finding> suppress(List<Finding> findings, Statement statement) {
        List<Suppression> suppressions = statement.comments().stream().map(Suppression::parse)
                .flatMap(Optional::stream).filter(Suppression::hasReason).toList();
        List<Finding> result = new ArrayList<>();
        for (Finding finding : findings) {
            Finding marked = finding;
            for (Suppression suppression : suppressions) {
                if (suppression.covers(finding.ruleId())) {
                    marked = finding.suppressedBecause(suppression.reason());
                }
            }
            result.add(marked);
        }
        return result;
    }

    /**
     * The {@code ledger:ignore} comments among these that are themselves wrong: without a reason (they suppress
     * nothing), naming no rule or an unknown one, or suppressing none of the findings given.
     */
    private static List<Finding> suppressionProblems(List<Comment> comments, List<Finding> findings) {
        List<Finding> problems = new ArrayList<>();
        for (Comment comment : comments) {
            Optional<Suppression> parsed = Suppression.parse(comment);
            if (parsed.isEmpty()) {
                continue;
            }
            Suppression suppression = parsed.get();
            boolean used = findings.stream()
                    .anyMatch(finding -> finding.suppressed() && suppression.covers(finding.ruleId()));
            Rule problem = null;
            if (!suppression.namesKnownRules()) {
                problem = Rule.INVALID_SUPPRESSION;
            } else if (!suppression.hasReason()) {
                problem = Rule.SUPPRESSION_WITHOUT_REASON;
            } else if (!used && !suppression.namesRuleBeyondTheStatement()) {
                problem = Rule.UNUSED_SUPPRESSION;
            }
            if (problem != null) {
                problems.add(Finding.of(problem, comment.text(), comment.line(), comment.column()));
            }
        }
        return problems;
    }
}
