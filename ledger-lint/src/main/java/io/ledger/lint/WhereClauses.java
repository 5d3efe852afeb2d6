package io.ledger.lint;

import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;

/**
 * Decides whether an UPDATE or DELETE is batched. Deliberately simple: a WHERE is bounded when it contains a
 * key range ({@code BETWEEN}), an {@code IN} list, or an upper bound or equality against a number or a parameter
 * ({@code id <= $2} as keyset batching writes it, {@code id = 42}). Anything else, such as
 * {@code WHERE status IS NULL} or {@code created_at < now() - interval '90 days'}, may touch the whole table in one
 * transaction.
 */
final class WhereClauses {

    private WhereClauses() {
    }

    static boolean bounded(Expression where) {
        BoundFinder finder = new BoundFinder();
        where.accept(finder, null);
        return finder.bounded;
    }

    private static final class BoundFinder extends ExpressionVisitorAdapter<Void> {

        private boolean bounded;

        @Override
        public <S> Void visit(Between between, S context) {
            bounded = true;
            return super.visit(between, context);
        }

        @Override
        public <S> Void visit(InExpression in, S context) {
            bounded = true;
            return super.visit(in, context);
        }

        @Override
        public <S> Void visit(MinorThan minorThan, S context) {
            bounded |= againstKeyValue(minorThan);
            return super.visit(minorThan, context);
        }

        @Override
        public <S> Void visit(MinorThanEquals minorThanEquals, S context) {
            bounded |= againstKeyValue(minorThanEquals);
            return super.visit(minorThanEquals, context);
        }

        @Override
        public <S> Void visit(EqualsTo equalsTo, S context) {
            bounded |= againstKeyValue(equalsTo);
            return super.visit(equalsTo, context);
        }

        private static boolean againstKeyValue(BinaryExpression comparison) {
            return isKeyValue(comparison.getLeftExpression()) || isKeyValue(comparison.getRightExpression());
        }

        private static boolean isKeyValue(Expression expression) {
            return expression instanceof LongValue || expression instanceof JdbcParameter
                    || expression instanceof JdbcNamedParameter;
        }
    }
}
