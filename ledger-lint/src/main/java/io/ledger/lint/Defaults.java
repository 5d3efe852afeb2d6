package io.ledger.lint;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a column DEFAULT is volatile. Since PostgreSQL 11, ADD COLUMN with a non-volatile default stores the
 * value once in the catalog (no rewrite); a volatile one must be computed per row, rewriting the table. Stable
 * functions such as {@code now()} are evaluated once per statement, so they are not flagged: any other function
 * call is, since the linter cannot look up a function's volatility without the database.
 */
final class Defaults {

    private static final Set<String> NON_VOLATILE = Set.of(
            "now", "transaction_timestamp", "statement_timestamp", "current_timestamp", "current_date",
            "localtimestamp", "lower", "upper", "coalesce", "nullif", "concat", "to_jsonb", "jsonb_build_object",
            "json_build_object", "array", "make_interval", "to_timestamp", "to_date", "md5", "timezone",
            "date_trunc", "date_part", "extract", "current_setting", "btrim", "trim", "length", "abs", "round");

    private static final Set<String> SERIAL_TYPES = Set.of(
            "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8");

    private static final Set<String> SPEC_KEYWORDS = Set.of(
            "NOT", "NULL", "CONSTRAINT", "REFERENCES", "CHECK", "PRIMARY", "UNIQUE", "COLLATE", "GENERATED");

    private Defaults() {
    }

    /**
     * The column's {@code DEFAULT} expression as JSqlParser gives it (a list of spec words), or null when it has none;
     * {@code DEFAULT NULL} is none, as in PostgreSQL.
     */
    static String defaultOf(List<String> specs) {
        int at = indexOfIgnoringCase(specs, "DEFAULT");
        if (at < 0 || at + 1 >= specs.size() || specs.get(at + 1).equalsIgnoreCase("NULL")) {
            return null;
        }
        StringBuilder expression = new StringBuilder();
        for (int i = at + 1; i < specs.size() && !SPEC_KEYWORDS.contains(specs.get(i).toUpperCase(Locale.ROOT)); i++) {
            expression.append(specs.get(i)).append(' ');
        }
        return expression.toString().strip();
    }

    static boolean isVolatile(String defaultExpression) {
        try {
            Expression expression = CCJSqlParserUtil.parseExpression(defaultExpression);
            VolatileCallFinder finder = new VolatileCallFinder();
            expression.accept(finder, null);
            return finder.found;
        } catch (JSQLParserException notAnExpression) {
            return false;
        }
    }

    /** Identity and stored generated columns are computed for every existing row, like a volatile default. */
    static boolean isGenerated(List<String> specs) {
        return specs.stream().anyMatch(spec -> spec.toUpperCase(Locale.ROOT).startsWith("GENERATED"));
    }

    /** {@code serial} types are shorthand for {@code DEFAULT nextval(...)}, which is volatile. */
    static boolean isSerial(String dataType) {
        return dataType != null && SERIAL_TYPES.contains(dataType.toLowerCase(Locale.ROOT));
    }

    static int indexOfIgnoringCase(List<String> specs, String word) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).equalsIgnoreCase(word)) {
                return i;
            }
        }
        return -1;
    }

    private static final class VolatileCallFinder extends ExpressionVisitorAdapter<Void> {

        private boolean found;

        @Override
        public <S> Void visit(Function function, S context) {
            String name = function.getName().toLowerCase(Locale.ROOT);
            String unqualified = name.substring(name.lastIndexOf('.') + 1);
            if (!NON_VOLATILE.contains(unqualified)) {
                found = true;
            }
            return super.visit(function, context);
        }
    }
}
