package io.ledger.lint;

import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

import java.util.List;
import java.util.Locale;

/**
 * Applies the statement-level rules to one statement, reading it with JSqlParser. JSqlParser 5.4 cannot parse a
 * few PostgreSQL statements the rules must judge: {@link KeywordStatements} recognises those from the lexer's
 * keyword tokens, never from the raw text, and the ALTER TABLE forms it rejects are handled here the same way.
 * Anything else it cannot parse is reported as {@code unparsed}.
 */
final class StatementAnalyser {

    private static final InlineParser PARSER = new InlineParser(InlineParser.LIMIT);

    private StatementAnalyser() {
    }

    /**
     * The facts of one statement. A syntax tree shape the rules did not expect is reported as unparsed rather than
     * crashing the whole lint run.
     */
    static StatementFacts analyse(Statement statement) {
        try {
            return analyseChecked(statement);
        } catch (RuntimeException unexpectedShape) {
            return new StatementFacts().breaks(Rule.UNPARSED);
        }
    }

    private static StatementFacts analyseChecked(Statement statement) {
        StatementFacts facts = new StatementFacts();
        if (KeywordStatements.recognise(statement, facts)) {
            return facts;
        }
        net.sf.jsqlparser.statement.Statement parsed = PARSER.parse(statement.text());
        if (parsed == null) {
            return alterTableFallback(statement, facts);
        }
        return analyseParsed(parsed, statement, facts, false);
    }

    private static StatementFacts analyseParsed(net.sf.jsqlparser.statement.Statement parsed, Statement statement,
                                                StatementFacts facts, boolean notValid) {
        if (parsed instanceof Drop drop) {
            drop(drop, facts);
        } else if (parsed instanceof Truncate truncate) {
            facts.breaks(Rule.TRUNCATE).accessExclusive = true;
            facts.targetTable = TableName.of(truncate.getTable());
        } else if (parsed instanceof Delete delete) {
            facts.targetTable = TableName.of(delete.getTable());
            if (delete.getWhere() == null || WhereClauses.alwaysTrue(delete.getWhere())) {
                facts.breaks(Rule.DELETE_WITHOUT_WHERE);
            } else if (!WhereClauses.bounded(delete.getWhere())) {
                facts.breaks(Rule.UNBATCHED_DELETE);
            }
        } else if (parsed instanceof Update update) {
            facts.targetTable = TableName.of(update.getTable());
            if (update.getWhere() == null || WhereClauses.alwaysTrue(update.getWhere())) {
                facts.breaks(Rule.UPDATE_WITHOUT_WHERE);
            } else if (!WhereClauses.bounded(update.getWhere())) {
                facts.breaks(Rule.UNBATCHED_UPDATE);
            }
        } else if (parsed instanceof CreateIndex createIndex) {
            facts.expands = true;
            facts.targetTable = TableName.of(createIndex.getTable());
            if (!createIndex.isConcurrently()) {
                facts.breaks(Rule.CREATE_INDEX_NOT_CONCURRENTLY);
            } else if (statement.inTransactionBlock()) {
                facts.breaks(Rule.CONCURRENTLY_IN_TRANSACTION);
            }
        } else if (parsed instanceof CreateTable createTable) {
            facts.expands = true;
            if (!createTable.isIfNotExists()) {
                // IF NOT EXISTS may find the table already there, with its rows and its readers
                facts.createdTable = TableName.of(createTable.getTable());
            }
        } else if (parsed instanceof Alter alter) {
            AlterTableRules.apply(alter, facts, notValid);
        }
        return facts;
    }

    private static void drop(Drop drop, StatementFacts facts) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        switch (type) {
            case "TABLE" -> {
                facts.breaks(Rule.DROP_TABLE).accessExclusive = true;
                facts.contracts = true;
            }
            case "SCHEMA" -> {
                facts.breaks(Rule.DROP_SCHEMA).accessExclusive = true;
                facts.contracts = true;
            }
            case "INDEX" -> {
                facts.accessExclusive = true;
                facts.contracts = true;
            }
            default -> {
                // views, functions, types...: not table data, and not a lock on a table
            }
        }
    }

    /**
     * The PostgreSQL ALTER TABLE forms JSqlParser 5.4 rejects: a trailing {@code NOT VALID} (parse the statement
     * without those two tokens and remember them), {@code ADD ... PRIMARY KEY/UNIQUE USING INDEX} (the safe form:
     * only a brief ACCESS EXCLUSIVE lock) and {@code SET DATA TYPE} (a spelling of {@code TYPE}).
     */
    private static StatementFacts alterTableFallback(Statement statement, StatementFacts facts) {
        List<Token> tokens = statement.tokens();
        int size = tokens.size();
        if (!statement.startsWith("ALTER", "TABLE")) {
            return facts.breaks(Rule.UNPARSED);
        }
        if (size > 2 && tokens.get(size - 2).is("NOT") && tokens.get(size - 1).is("VALID")) {
            int cut = tokens.get(size - 2).start() - tokens.get(0).start();
            net.sf.jsqlparser.statement.Statement parsed = PARSER.parse(statement.text().substring(0, cut));
            if (parsed != null) {
                return analyseParsed(parsed, statement, facts, true);
            }
        }
        if (statement.containsWords("USING", "INDEX")
                && (statement.hasWord("PRIMARY") || statement.hasWord("UNIQUE"))) {
            facts.accessExclusive = true;
            return facts;
        }
        if (statement.containsWords("SET", "DATA", "TYPE")) {
            facts.breaks(Rule.ALTER_COLUMN_TYPE).accessExclusive = true;
            return facts;
        }
        return facts.breaks(Rule.UNPARSED);
    }
}
