package io.ledger.lint;

import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

import java.math.BigDecimal;

/**
 * Reads an UPDATE's or DELETE's WHERE from its syntax tree: whether it is always true (then it is no WHERE at all),
 * and whether it bounds the rows to a batch. A WHERE is bounded when one of its top-level {@code AND} conjuncts
 * (or every branch of a top-level {@code OR}) limits a column from above by a constant: {@code col = c},
 * {@code col IN (c, ...)}, {@code col BETWEEN c AND c}, {@code col < c} / {@code col <= c} (or {@code c > col}),
 * or {@code col IN (SELECT ... LIMIT n)}. A constant is a number or a parameter ({@code $1}, {@code ?},
 * {@code :name}), possibly cast. Anything else, such as {@code WHERE status IS NULL}, {@code id NOT IN (1, 2)},
 * {@code id IN (SELECT id FROM t)}, {@code 0 < id} or {@code created_at < now() - interval '90 days'}, may touch
 * the whole table in one transaction.
 */
final class WhereClauses {

    private WhereClauses() {
    }

    /** A WHERE that holds for every row: {@code true}, {@code 1 = 1}, {@code 'a' = 'a'}, or an OR with one. */
    static boolean alwaysTrue(Expression where) {
        Expression expression = unwrap(where);
        if (expression instanceof BooleanValue value) {
            return value.getValue();
        }
        if (expression instanceof Column column) {
            return column.getFullyQualifiedName().equalsIgnoreCase("true");
        }
        if (expression instanceof NotExpression not) {
            return alwaysFalse(not.getExpression());
        }
        if (expression instanceof AndExpression and) {
            return alwaysTrue(and.getLeftExpression()) && alwaysTrue(and.getRightExpression());
        }
        if (expression instanceof OrExpression or) {
            return alwaysTrue(or.getLeftExpression()) || alwaysTrue(or.getRightExpression());
        }
        if (expression instanceof ComparisonOperator comparison) {
            Integer order = compareLiterals(comparison.getLeftExpression(), comparison.getRightExpression());
            return order != null && holds(comparison, order);
        }
        return false;
    }

    private static boolean alwaysFalse(Expression expression) {
        Expression inner = unwrap(expression);
        return inner instanceof BooleanValue value ? !value.getValue()
                : inner instanceof Column column && column.getFullyQualifiedName().equalsIgnoreCase("false");
    }

    static boolean bounded(Expression where) {
        Expression expression = unwrap(where);
        if (expression instanceof AndExpression and) {
            return bounded(and.getLeftExpression()) || bounded(and.getRightExpression());
        }
        if (expression instanceof OrExpression or) {
            return bounded(or.getLeftExpression()) && bounded(or.getRightExpression());
        }
        if (expression instanceof Between between) {
            return !between.isNot() && isColumn(between.getLeftExpression())
                    && isConstant(between.getBetweenExpressionStart()) && isConstant(between.getBetweenExpressionEnd());
        }
        if (expression instanceof InExpression in) {
            return !in.isNot() && isColumn(in.getLeftExpression()) && boundedList(in.getRightExpression());
        }
        if (expression instanceof EqualsTo equalsTo) {
            return columnAgainstConstant(equalsTo.getLeftExpression(), equalsTo.getRightExpression())
                    || columnAgainstConstant(equalsTo.getRightExpression(), equalsTo.getLeftExpression());
        }
        if (expression instanceof MinorThan || expression instanceof MinorThanEquals) {
            ComparisonOperator upperBound = (ComparisonOperator) expression;
            return columnAgainstConstant(upperBound.getLeftExpression(), upperBound.getRightExpression());
        }
        if (expression instanceof GreaterThan || expression instanceof GreaterThanEquals) {
            ComparisonOperator upperBound = (ComparisonOperator) expression;
            return columnAgainstConstant(upperBound.getRightExpression(), upperBound.getLeftExpression());
        }
        return false;
    }

    /** A list of constants, or a subquery that returns at most a LIMIT of rows. */
    private static boolean boundedList(Expression list) {
        if (list instanceof ParenthesedSelect select) {
            Select inner = select.getSelect();
            return inner.getLimit() != null && inner.getLimit().getRowCount() != null
                    && isConstant(inner.getLimit().getRowCount());
        }
        if (list instanceof ExpressionList<?> values) {
            return !values.isEmpty() && values.stream().allMatch(WhereClauses::isConstant);
        }
        return false;
    }

    private static boolean columnAgainstConstant(Expression column, Expression constant) {
        return isColumn(column) && isConstant(constant);
    }

    private static boolean isColumn(Expression expression) {
        Expression inner = unwrap(expression);
        return inner instanceof Column column && !column.getFullyQualifiedName().equalsIgnoreCase("true")
                && !column.getFullyQualifiedName().equalsIgnoreCase("false");
    }

    private static boolean isConstant(Expression expression) {
        Expression inner = unwrap(expression);
        if (inner instanceof CastExpression cast) {
            return isConstant(cast.getLeftExpression());
        }
        if (inner instanceof SignedExpression signed) {
            return isConstant(signed.getExpression());
        }
        return inner instanceof LongValue || inner instanceof DoubleValue || inner instanceof JdbcParameter
                || inner instanceof JdbcNamedParameter;
    }

    /** How two literals compare (negative, zero, positive), or null when either is not a literal of one kind. */
    private static Integer compareLiterals(Expression left, Expression right) {
        Expression one = unwrap(left);
        Expression other = unwrap(right);
        if (one instanceof StringValue a && other instanceof StringValue b) {
            return a.getValue().compareTo(b.getValue());
        }
        BigDecimal a = number(one);
        BigDecimal b = number(other);
        return a != null && b != null ? a.compareTo(b) : null;
    }

    private static BigDecimal number(Expression expression) {
        if (expression instanceof LongValue value) {
            return new BigDecimal(value.getStringValue());
        }
        if (expression instanceof DoubleValue value) {
            return BigDecimal.valueOf(value.getValue());
        }
        return null;
    }

    private static boolean holds(ComparisonOperator comparison, int order) {
        if (comparison instanceof EqualsTo) {
            return order == 0;
        }
        if (comparison instanceof NotEqualsTo) {
            return order != 0;
        }
        if (comparison instanceof MinorThan) {
            return order < 0;
        }
        if (comparison instanceof MinorThanEquals) {
            return order <= 0;
        }
        if (comparison instanceof GreaterThan) {
            return order > 0;
        }
        return comparison instanceof GreaterThanEquals && order >= 0;
    }

    /** {@code (x)}, which JSqlParser reads as a parenthesised list of one. */
    private static Expression unwrap(Expression expression) {
        Expression inner = expression;
        while (true) {
            if (inner instanceof Parenthesis parenthesis) {
                inner = parenthesis.getExpression();
            } else if (inner instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
                inner = list.get(0);
            } else {
                return inner;
            }
        }
    }
}
