package io.ledger.lint;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Whether a statement sets or clears lock_timeout. Besides {@code SET} and {@code RESET} (read from tokens by
 * {@link KeywordStatements}), {@code SELECT set_config('lock_timeout', '5s', is_local)} sets it: with
 * {@code is_local} true it is like {@code SET LOCAL}, which the per-script tracking treats alike. A value of zero
 * in any unit ({@code 0}, {@code '0'}, {@code '0s'}, {@code '0ms'}) or {@code DEFAULT} switches the timeout off.
 */
final class LockTimeout {

    private static final String NAME = "lock_timeout";

    private LockTimeout() {
    }

    /** Records a value given to lock_timeout: off when it is zero or the default, on otherwise. */
    static void set(String value, StatementFacts facts) {
        boolean off = switchesOff(value);
        facts.setsLockTimeout = !off;
        facts.resetsLockTimeout = off;
    }

    static void setConfig(net.sf.jsqlparser.statement.Statement parsed, StatementFacts facts) {
        if (!(parsed instanceof PlainSelect select) || select.getSelectItems() == null) {
            return;
        }
        ExpressionVisitorAdapter<Void> finder = new ExpressionVisitorAdapter<>() {
            @Override
            public <S> Void visit(Function function, S context) {
                setConfigCall(function, facts);
                return super.visit(function, context);
            }
        };
        for (SelectItem<?> item : select.getSelectItems()) {
            item.getExpression().accept(finder, null);
        }
    }

    private static void setConfigCall(Function function, StatementFacts facts) {
        if (!function.getName().equalsIgnoreCase("set_config") || function.getParameters() == null
                || function.getParameters().size() < 2) {
            return;
        }
        Expression name = function.getParameters().get(0);
        Expression value = function.getParameters().get(1);
        if (name instanceof StringValue setting && setting.getValue().equalsIgnoreCase(NAME)) {
            if (value instanceof StringValue text) {
                set(text.getValue(), facts);
            } else if (value instanceof LongValue number) {
                set(number.getStringValue(), facts);
            }
        }
    }

    /** {@code DEFAULT}, or a number (with or without a unit) that is zero. */
    private static boolean switchesOff(String value) {
        String text = value.strip();
        if (text.startsWith("'") && text.endsWith("'") && text.length() > 1) {
            text = text.substring(1, text.length() - 1).strip();
        }
        if (text.toUpperCase(Locale.ROOT).equals("DEFAULT")) {
            return true;
        }
        int end = 0;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        try {
            return end > 0 && new BigDecimal(text.substring(0, end)).signum() == 0;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
