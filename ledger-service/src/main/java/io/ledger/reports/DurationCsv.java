package io.ledger.reports;

import io.ledger.reports.DurationReport.Point;
import io.ledger.reports.DurationReport.Series;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, a quote or a line break. */
final class DurationCsv {

    private static final String CRLF = "\r\n";

    private DurationCsv() {
    }

    static String write(DurationReport report) {
        StringBuilder csv = new StringBuilder(row(List.of("group", "bucket", "count", "p50Ms", "p95Ms", "maxMs",
                "overBudget", "overBudgetShare", "estimateRatio", "phaseCount", "phaseP50Ms", "phaseP95Ms",
                "phaseMaxMs", "phaseEstimateRatio")));
        for (Series series : report.series()) {
            for (Point point : series.points()) {
                csv.append(row(Stream.of(series.group(), point.bucket(), point.count(), point.p50Ms(), point.p95Ms(),
                        point.maxMs(), point.overBudget(), point.overBudgetShare(), point.estimateRatio(),
                        point.phaseCount(), point.phaseP50Ms(), point.phaseP95Ms(), point.phaseMaxMs(),
                        point.phaseEstimateRatio()).map(DurationCsv::text).toList()));
            }
        }
        return csv.toString();
    }

    private static String row(List<String> fields) {
        return fields.stream().map(DurationCsv::field).collect(Collectors.joining(",")) + CRLF;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
