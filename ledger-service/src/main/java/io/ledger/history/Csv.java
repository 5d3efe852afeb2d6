package io.ledger.history;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 records: CRLF line ends; a field holding a comma, quote or line break is quoted, quotes doubled. */
final class Csv {

    private Csv() {
    }

    static String record(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
