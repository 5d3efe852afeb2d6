package io.ledger.lint;

import net.sf.jsqlparser.schema.Table;

import java.util.Locale;

/**
 * A table's name as PostgreSQL resolves it: unquoted identifiers fold to lower case, quoted ones keep their case.
 * {@code schema} is null when the name is unqualified; {@code orders} and {@code public.orders} are then different
 * names, since which table an unqualified name means depends on the search_path.
 */
record TableName(String schema, String name) {

    static TableName of(Table table) {
        return new TableName(table.getSchemaName() == null ? null : fold(table.getSchemaName()),
                fold(table.getName()));
    }

    private static String fold(String identifier) {
        boolean quoted = identifier.length() > 1 && identifier.startsWith("\"") && identifier.endsWith("\"");
        return quoted
                ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier.toLowerCase(Locale.ROOT);
    }
}
