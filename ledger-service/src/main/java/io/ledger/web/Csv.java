package io.ledger.web;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * RFC 4180 records: CRLF line ends; a field holding a comma, quote or line break is quoted, quotes doubled. A field
 * a spreadsheet would take for a formula ({@code =HYPERLINK(...)}, {@code +1}, {@code @SUM}, {@code -2+3}), which
 * any runner can put in a plan's description or version for an auditor to open, is written with a leading
 * apostrophe, as OWASP advises; numbers, negative ones included, are written as they are.
 */
public final class Csv {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private Csv() {
    }

    public static String record(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        String safe = startsAFormula(value) ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static boolean startsAFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !NUMBER.matcher(value).matches();
    }
}
