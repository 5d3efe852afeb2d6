package io.ledger.lint;

import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
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
