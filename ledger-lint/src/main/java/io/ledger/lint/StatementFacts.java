package io.ledger.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * What one statement does, as far as the script-level rules care: the statement-level rules it breaks, whether it
 * takes an ACCESS EXCLUSIVE lock, sets or resets lock_timeout, expands or contracts the schema, and which table it
 * creates or changes (so that changes to a table created earlier in the same script, still empty and unused, are
 * not flagged).
 */
final class StatementFacts {

    final List<Rule> rules = new ArrayList<>();
    boolean accessExclusive;
    boolean setsLockTimeout;
    boolean resetsLockTimeout;
    boolean expands;
    boolean contracts;
    TableName createdTable;
    TableName targetTable;

    StatementFacts breaks(Rule rule) {
        rules.add(rule);
        return this;
    }
}
