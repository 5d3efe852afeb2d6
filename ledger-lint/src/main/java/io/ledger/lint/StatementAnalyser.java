package io.ledger.lint;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

import java.util.List;
import java.util.Locale;

/**
 * Applies the statement-level rules to one statement, reading it with JSqlParser. JSqlParser 5.4 cannot parse a
 * few PostgreSQL statements the rules must judge ({@code VACUUM}, {@code CLUSTER}, {@code REINDEX},
 * {@code SET LOCAL}, {@code DROP INDEX CONCURRENTLY IF EXISTS}, {@code ADD CONSTRAINT ... NOT VALID},
 * {@code USING INDEX}, {@code SET DATA TYPE}); those are recognised from the lexer's keyword tokens, never from the
 * raw text. Anything else it cannot parse is reported as {@code unparsed}.
 */
final class StatementAnalyser {

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
        if (isTransactionControl(statement)) {
            return facts;
        }
        if (recognisedFromTokens(statement, facts)) {
            return facts;
        }
        net.sf.jsqlparser.statement.Statement parsed = parse(statement.text());
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
            facts.targetTable = StatementFacts.tableKey(truncate.getTable().getName());
        } else if (parsed instanceof Delete delete) {
            if (delete.getWhere() == null) {
                facts.breaks(Rule.DELETE_WITHOUT_WHERE);
            } else if (!WhereClauses.bounded(delete.getWhere())) {
                facts.breaks(Rule.UNBATCHED_DELETE);
            }
        } else if (parsed instanceof Update update) {
            if (update.getWhere() == null) {
                facts.breaks(Rule.UPDATE_WITHOUT_WHERE);
            } else if (!WhereClauses.bounded(update.getWhere())) {
                facts.breaks(Rule.UNBATCHED_UPDATE);
            }
        } else if (parsed instanceof CreateIndex createIndex) {
            facts.expands = true;
            facts.targetTable = StatementFacts.tableKey(createIndex.getTable().getName());
            if (!createIndex.isConcurrently()) {
                facts.breaks(Rule.CREATE_INDEX_NOT_CONCURRENTLY);
            } else if (statement.inTransactionBlock()) {
                facts.breaks(Rule.CONCURRENTLY_IN_TRANSACTION);
            }
        } else if (parsed instanceof CreateTable createTable) {
            facts.expands = true;
            facts.createdTable = StatementFacts.tableKey(createTable.getTable().getName());
        } else if (parsed instanceof Alter alter) {
            alter(alter, facts, notValid);
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

    private static void alter(Alter alter, StatementFacts facts, boolean notValid) {
        facts.targetTable = StatementFacts.tableKey(alter.getTable().getName());
        facts.accessExclusive = true;
        for (AlterExpression expression : alter.getAlterExpressions()) {
            AlterOperation operation = expression.getOperation();
            if (operation == AlterOperation.UNSPECIFIC && isValidateConstraint(expression)) {
                // VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE: it is the safe second half of NOT VALID
                facts.accessExclusive = alter.getAlterExpressions().size() > 1;
            } else if (operation == AlterOperation.ADD) {
                add(expression, facts, notValid);
            } else if (operation == AlterOperation.ALTER) {
                alterColumn(expression, facts);
            } else if (operation == AlterOperation.DROP && expression.getColumnName() != null) {
                facts.breaks(Rule.DROP_COLUMN).contracts = true;
            } else if (operation == AlterOperation.RENAME) {
                facts.breaks(Rule.RENAME_COLUMN);
            } else if (operation == AlterOperation.RENAME_TABLE) {
                facts.breaks(Rule.RENAME_TABLE);
            }
        }
    }

    private static boolean isValidateConstraint(AlterExpression expression) {
        String specifier = expression.getOptionalSpecifier();
        return specifier != null && specifier.toUpperCase(Locale.ROOT).startsWith("VALIDATE");
    }

    private static void add(AlterExpression expression, StatementFacts facts, boolean notValid) {
        if (expression.getColDataTypeList() != null) {
            facts.expands = true;
            for (AlterExpression.ColumnDataType column : expression.getColDataTypeList()) {
                List<String> specs = column.getColumnSpecs() == null ? List.of() : column.getColumnSpecs();
                String defaultExpression = Defaults.defaultOf(specs);
                boolean generated = Defaults.isGenerated(specs);
                if (isNotNull(specs) && defaultExpression == null && !generated) {
                    facts.breaks(Rule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT);
                }
                boolean serial = column.getColDataType() != null
                        && Defaults.isSerial(column.getColDataType().getDataType());
                if (generated || serial
                        || (defaultExpression != null && Defaults.isVolatile(defaultExpression))) {
                    facts.breaks(Rule.ADD_COLUMN_VOLATILE_DEFAULT);
                }
            }
        }
        Index index = expression.getIndex();
        if (index instanceof ForeignKeyIndex || index instanceof CheckConstraint) {
            if (!notValid) {
                facts.breaks(Rule.ADD_CONSTRAINT_WITHOUT_NOT_VALID);
            }
        } else if (expression.getPkColumns() != null || expression.getUkColumns() != null
                || (index != null && isKeyIndex(index))) {
            facts.breaks(Rule.ADD_UNIQUE_OR_PRIMARY_KEY_WITHOUT_INDEX);
        }
    }

    private static boolean isKeyIndex(Index index) {
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        return type.contains("PRIMARY") || type.contains("UNIQUE");
    }

    private static boolean isNotNull(List<String> specs) {
        int not = Defaults.indexOfIgnoringCase(specs, "NOT");
        return not >= 0 && not + 1 < specs.size() && specs.get(not + 1).equalsIgnoreCase("NULL");
    }

    private static void alterColumn(AlterExpression expression, StatementFacts facts) {
        if (expression.getColDataTypeList() != null
                && expression.getColDataTypeList().stream().anyMatch(AlterExpression.ColumnDataType::isWithType)) {
            facts.breaks(Rule.ALTER_COLUMN_TYPE);
        }
        if (expression.getColumnSetNotNullList() != null && !expression.getColumnSetNotNullList().isEmpty()) {
            facts.breaks(Rule.SET_NOT_NULL).contracts = true;
        }
    }

    private static boolean recognisedFromTokens(Statement statement, StatementFacts facts) {
        List<Token> tokens = statement.tokens();
        if (statement.startsWith("VACUUM")) {
            // VACUUM FULL t, or VACUUM (FULL, ANALYZE) t: FULL is the only rewriting option
            boolean full = tokens.size() > 1 && (tokens.get(1).is("FULL")
                    || (tokens.get(1).isSymbol("(") && optionsBeforeClose(tokens).contains("FULL")));
            if (full) {
                facts.breaks(Rule.VACUUM_FULL).accessExclusive = true;
            }
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

    private static List<String> optionsBeforeClose(List<Token> tokens) {
        List<String> options = new java.util.ArrayList<>();
        for (int i = 2; i < tokens.size() && !tokens.get(i).isSymbol(")"); i++) {
            options.add(tokens.get(i).upper());
        }
        return options;
    }

    /**
     * {@code SET [LOCAL | SESSION] name {TO | =} value} and {@code RESET name | ALL}, read from tokens because
     * JSqlParser rejects several of PostgreSQL's forms ({@code SET LOCAL}, {@code TO}). Session settings neither
     * lock nor change data; only lock_timeout matters to the rules, and setting it to 0 or DEFAULT switches it off.
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
            Token value = tokens.get(tokens.size() - 1);
            boolean off = value.text().replace("'", "").equals("0") || value.is("DEFAULT");
            facts.setsLockTimeout = !off;
            facts.resetsLockTimeout = off;
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
            net.sf.jsqlparser.statement.Statement parsed = parse(statement.text().substring(0, cut));
            if (parsed != null) {
                return analyseParsed(parsed, statement, facts, true);
            }
        }
        if (containsSequence(tokens, "USING", "INDEX")
                && (statement.hasWord("PRIMARY") || statement.hasWord("UNIQUE"))) {
            facts.accessExclusive = true;
            return facts;
        }
        if (containsSequence(tokens, "SET", "DATA", "TYPE")) {
            facts.breaks(Rule.ALTER_COLUMN_TYPE).accessExclusive = true;
            return facts;
        }
        return facts.breaks(Rule.UNPARSED);
    }

    private static boolean containsSequence(List<Token> tokens, String... words) {
        for (int i = 0; i + words.length <= tokens.size(); i++) {
            boolean match = true;
            for (int j = 0; j < words.length && match; j++) {
                match = tokens.get(i + j).is(words[j]);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransactionControl(Statement statement) {
        return statement.startsWith("BEGIN") || statement.startsWith("START", "TRANSACTION")
                || statement.startsWith("COMMIT") || statement.startsWith("END") || statement.startsWith("ABORT")
                || statement.startsWith("ROLLBACK") || statement.startsWith("SAVEPOINT")
                || statement.startsWith("RELEASE");
    }

    /** The parsed statement, or null when JSqlParser cannot read it (it answers some with UnsupportedStatement). */
    private static net.sf.jsqlparser.statement.Statement parse(String sql) {
        try {
            net.sf.jsqlparser.statement.Statement parsed = CCJSqlParserUtil.parse(sql);
            return parsed instanceof UnsupportedStatement ? null : parsed;
        } catch (JSQLParserException | RuntimeException unreadable) {
            return null;
        }
    }
}
