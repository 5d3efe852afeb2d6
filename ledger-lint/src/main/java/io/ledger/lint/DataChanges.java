package io.ledger.lint;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules about changing rows, wherever the change is written: an UPDATE or DELETE, one inside a {@code WITH}
 * clause of any statement ({@code WITH d AS (DELETE FROM orders RETURNING *) SELECT ...} runs it), a MERGE, or the
 * statement that {@code EXPLAIN ANALYZE} runs (plain EXPLAIN only plans it). A MERGE's {@code WHEN MATCHED THEN
 * DELETE | UPDATE} changes every row its join matches, bounded by whatever the source holds, so it is
 * {@code unbatched-delete} / {@code unbatched-update}.
 */
final class DataChanges {

    private static final Set<String> FALSE = Set.of("FALSE", "OFF", "0");

    private DataChanges() {
    }

    static void apply(net.sf.jsqlparser.statement.Statement parsed, StatementFacts facts) {
        withItems(parsed).forEach(item -> applyTo(item, facts));
        if (parsed instanceof Delete delete) {
            rowChange(delete.getTable(), delete.getWhere(), Rule.DELETE_WITHOUT_WHERE, Rule.UNBATCHED_DELETE, facts);
        } else if (parsed instanceof Update update) {
            rowChange(update.getTable(), update.getWhere(), Rule.UPDATE_WITHOUT_WHERE, Rule.UNBATCHED_UPDATE, facts);
        } else if (parsed instanceof Merge merge) {
            facts.targetTable = TableName.of(merge.getTable());
            for (MergeOperation operation : merge.getOperations()) {
                if (operation instanceof MergeDelete) {
                    facts.breaks(Rule.UNBATCHED_DELETE);
                } else if (operation instanceof MergeUpdate) {
                    facts.breaks(Rule.UNBATCHED_UPDATE);
                }
            }
        } else if (parsed instanceof ExplainStatement explain && analyzes(explain) && explain.getStatement() != null) {
            apply(explain.getStatement(), facts);
        }
    }

    /** A delete or an update: every row without a WHERE (or with one always true), a whole table when unbounded. */
    private static void rowChange(Table table, Expression where, Rule withoutWhere, Rule unbatched,
            StatementFacts facts) {
        facts.targetTable = TableName.of(table);
        if (where == null || WhereClauses.alwaysTrue(where)) {
            facts.breaks(withoutWhere);
        } else if (!WhereClauses.bounded(where)) {
            facts.breaks(unbatched);
        }
    }

    private static void applyTo(WithItem<?> item, StatementFacts facts) {
        ParenthesedStatement statement = item.getStatement();
        if (statement instanceof ParenthesedDelete delete) {
            apply(delete.getDelete(), facts);
        } else if (statement instanceof ParenthesedUpdate update) {
            apply(update.getUpdate(), facts);
        } else if (statement instanceof ParenthesedInsert insert) {
            apply(insert.getInsert(), facts);
        } else if (statement instanceof ParenthesedSelect select) {
            apply(select.getSelect(), facts);
        }
    }

    private static List<WithItem<?>> withItems(net.sf.jsqlparser.statement.Statement parsed) {
        List<WithItem<?>> items = null;
        if (parsed instanceof Select select) {
            items = select.getWithItemsList();
        } else if (parsed instanceof Delete delete) {
            items = delete.getWithItemsList();
        } else if (parsed instanceof Update update) {
            items = update.getWithItemsList();
        } else if (parsed instanceof Insert insert) {
            items = insert.getWithItemsList();
        } else if (parsed instanceof Merge merge) {
            items = merge.getWithItemsList();
        }
        return items == null ? List.of() : items;
    }

    /** {@code EXPLAIN ANALYZE} or {@code EXPLAIN (ANALYZE [true])} executes the statement. */
    private static boolean analyzes(ExplainStatement explain) {
        ExplainStatement.Option analyze = explain.getOption(ExplainStatement.OptionType.ANALYZE);
        return analyze != null
                && (analyze.getValue() == null || !FALSE.contains(analyze.getValue().toUpperCase(Locale.ROOT)));
    }
}
