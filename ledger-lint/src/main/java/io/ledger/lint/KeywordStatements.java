package io.ledger.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The statements recognised from their leading keyword tokens rather than parsed, because JSqlParser 5.4 rejects
 * them or most of their PostgreSQL forms: psql meta-commands, transaction control, {@code VACUUM}, {@code LOCK},
 * {@code CLUSTER}, {@code REINDEX}, {@code SET} / {@code RESET} and {@code DROP INDEX CONCURRENTLY}. Their grammar
 * is small enough that the keywords say all the rules need; this never looks at raw text.
 */
final class KeywordStatements {

    private KeywordStatements() {
    }

    /** Whether the statement is one of these; if so its facts are filled in. */
    static boolean recognise(Statement statement, StatementFacts facts) {
        List<Token> tokens = statement.tokens();
        if (tokens.get(0).kind() == Token.Kind.META_COMMAND) {
            if (runsSqlNotInTheScript(tokens.get(0))) {
                facts.breaks(Rule.UNPARSED);
            }
            return true;
        }
        if (isTransactionControl(statement)) {
            return true;
        }
        if (statement.startsWith("VACUUM")) {
            // VACUUM FULL t, or VACUUM (FULL, ANALYZE) t: FULL is the only rewriting option
            boolean full = tokens.size() > 1 && (tokens.get(1).is("FULL")
                    || (tokens.get(1).isSymbol("(") && optionsBeforeClose(tokens).contains("FULL")));
            if (full) {
                facts.breaks(Rule.VACUUM_FULL).accessExclusive = true;
            }
            return true;
        }
        if (statement.startsWith("LOCK")) {
            // LOCK [TABLE] t takes ACCESS EXCLUSIVE unless an IN ... MODE clause names a weaker lock
            facts.accessExclusive = !statement.hasWord("IN") || statement.containsWords("ACCESS", "EXCLUSIVE");
            return true;
        }
        if (statement.startsWith("CLUSTER")) {
            facts.breaks(Rule.CLUSTER).accessExclusive = true;
            return true;
        }
        if (statement.startsWith("REINDEX")) {
            if (!statement.hasWord("CONCURRENTLY")) {
                facts.breaks(Rule.REINDEX_NOT_CONCURRENTLY).accessExclusive = true;
            } else if (statement.inTransactionBlock()) {
                facts.breaks(Rule.CONCURRENTLY_IN_TRANSACTION);
            }
            return true;
        }
        if (statement.startsWith("SET") || statement.startsWith("RESET")) {
            sessionSetting(statement, facts);
            return true;
        }
        if (statement.startsWith("DROP", "INDEX", "CONCURRENTLY")) {
            facts.contracts = true;
            if (statement.inTransactionBlock()) {
                facts.breaks(Rule.CONCURRENTLY_IN_TRANSACTION);
            }
            return true;
        }
        return false;
    }

    /**
     * psql's {@code \i} and {@code \ir} (and their long names) run another file, and {@code \gexec} runs
     * whatever SQL a query returns: the linter cannot check either. Other meta-commands only steer psql.
     */
    private static boolean runsSqlNotInTheScript(Token metaCommand) {
        String text = metaCommand.text();
        int end = 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return Set.of("i", "ir", "include", "include_relative", "gexec").contains(text.substring(1, end));
    }

    private static List<String> optionsBeforeClose(List<Token> tokens) {
        List<String> options = new ArrayList<>();
        for (int i = 2; i < tokens.size() && !tokens.get(i).isSymbol(")"); i++) {
            options.add(tokens.get(i).upper());
        }
        return options;
    }

    /**
     * {@code SET [LOCAL | SESSION] name {TO | =} value} and {@code RESET name | ALL}, read from tokens because
     * JSqlParser rejects several of PostgreSQL's forms ({@code SET LOCAL}, {@code TO}). Session settings neither
     * lock nor change data; only lock_timeout matters to the rules ({@link LockTimeout}).
     */
    private static void sessionSetting(Statement statement, StatementFacts facts) {
        List<Token> tokens = statement.tokens();
        int name = tokens.size() > 2 && (tokens.get(1).is("LOCAL") || tokens.get(1).is("SESSION")) ? 2 : 1;
        if (tokens.size() <= name) {
            return;
        }
        boolean lockTimeout = tokens.get(name).is("lock_timeout");
        if (statement.startsWith("RESET")) {
            facts.resetsLockTimeout = lockTimeout || tokens.get(name).is("ALL");
        } else if (lockTimeout) {
            LockTimeout.set(tokens.get(tokens.size() - 1).text(), facts);
        }
    }

    private static boolean isTransactionControl(Statement statement) {
        return statement.startsWith("BEGIN") || statement.startsWith("START", "TRANSACTION")
                || statement.startsWith("COMMIT") || statement.startsWith("END") || statement.startsWith("ABORT")
                || statement.startsWith("ROLLBACK") || statement.startsWith("SAVEPOINT")
                || statement.startsWith("RELEASE");
    }
}
