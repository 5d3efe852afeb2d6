package io.ledger.lint;

import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.truncate.Truncate;

import java.util.Locale;

/**
 * Applies the statement-level rules to one statement, reading it with JSqlParser. JSqlParser 5.4 cannot parse a
 * few PostgreSQL statements the rules must judge: {@link KeywordStatements} recognises those from the lexer's
 * keyword tokens, never from the raw text; {@link PostgresSpellings} rewrites the spellings it rejects; the ALTER
 * TABLE and CREATE INDEX forms it still rejects are read action by action or from their keywords. Anything else it
 * cannot parse is reported as {@code unparsed}.
 */
final class StatementAnalyser {

    private static final InlineParser PARSER = new InlineParser(InlineParser.LIMIT);
    private static final AlterTableFallback ALTER_TABLE = new AlterTableFallback(PARSER);

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
            parsed = PARSER.parse(PostgresSpellings.rewrite(statement));
        }
        if (parsed != null) {
            return analyseParsed(parsed, statement, facts);
        }
        if (ALTER_TABLE.apply(statement, facts) || createIndex(statement, facts)) {
            return facts;
        }
        return facts.breaks(Rule.UNPARSED);
    }

    private static StatementFacts analyseParsed(net.sf.jsqlparser.statement.Statement parsed, Statement statement,
                                                StatementFacts facts) {
        if (parsed instanceof Drop drop) {
            drop(drop, facts);
        } else if (parsed instanceof Truncate truncate) {
            facts.breaks(Rule.TRUNCATE).accessExclusive = true;
            facts.targetTable = TableName.of(truncate.getTable());
        } else if (parsed instanceof CreateIndex createIndex) {
            facts.targetTable = TableName.of(createIndex.getTable());
            indexRules(createIndex.isConcurrently(), createIndex.isOnly(), statement, facts);
        } else if (parsed instanceof CreateTable createTable) {
            facts.expands = true;
            if (!createTable.isIfNotExists()) {
                // IF NOT EXISTS may find the table already there, with its rows and its readers
                facts.createdTable = TableName.of(createTable.getTable());
            }
        } else if (parsed instanceof Alter alter) {
            AlterTableRules.apply(alter, facts, false);
        } else {
            DataChanges.apply(parsed, facts);
            LockTimeout.setConfig(parsed, facts);
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
     * A CREATE INDEX whose expressions JSqlParser 5.4 cannot read ({@code lower(status::text)}, say): the rules only
     * need its keywords.
     */
    private static boolean createIndex(Statement statement, StatementFacts facts) {
        int index = statement.startsWith("CREATE", "UNIQUE", "INDEX") ? 3
                : statement.startsWith("CREATE", "INDEX") ? 2 : -1;
        if (index < 0) {
            return false;
        }
        boolean concurrently = statement.tokens().size() > index && statement.tokens().get(index).is("CONCURRENTLY");
        indexRules(concurrently, statement.containsWords("ON", "ONLY"), statement, facts);
        return true;
    }

    /**
     * {@code CREATE INDEX ... ON ONLY parent} creates an invalid index on a partitioned table's parent alone: it is
     * instant, and the recommended way to index partitions one by one ({@code CONCURRENTLY} is rejected there).
     */
    private static void indexRules(boolean concurrently, boolean onlyParent, Statement statement,
                                   StatementFacts facts) {
        facts.expands = true;
        if (!concurrently && !onlyParent) {
            facts.breaks(Rule.CREATE_INDEX_NOT_CONCURRENTLY);
        } else if (concurrently && statement.inTransactionBlock()) {
            facts.breaks(Rule.CONCURRENTLY_IN_TRANSACTION);
        }
    }
}
