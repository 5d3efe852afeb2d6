package io.ledger.lint;

import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;

import java.util.List;
import java.util.Locale;

/**
 * The rules about ALTER TABLE, read from JSqlParser's tree: each action of the statement (ADD COLUMN, ADD
 * CONSTRAINT, ALTER COLUMN, DROP COLUMN, RENAME) checked on its own. Every form takes an ACCESS EXCLUSIVE lock
 * except VALIDATE CONSTRAINT.
 */
final class AlterTableRules {

    private AlterTableRules() {
    }

    /**
     * Adds the facts of the statement's actions; called once per action when they had to be parsed one by one. The
     * statement takes ACCESS EXCLUSIVE when any action does.
     */
    static void apply(Alter alter, StatementFacts facts, boolean notValid) {
        facts.targetTable = TableName.of(alter.getTable());
        for (AlterExpression expression : alter.getAlterExpressions()) {
            AlterOperation operation = expression.getOperation();
            // VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE: it is the safe second half of NOT VALID
            boolean validate = operation == AlterOperation.UNSPECIFIC && isValidateConstraint(expression);
            facts.accessExclusive |= !validate;
            if (operation == AlterOperation.ADD) {
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
}
