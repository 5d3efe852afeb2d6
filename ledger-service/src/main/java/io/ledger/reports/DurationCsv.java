package io.ledger.reports;

import io.ledger.reports.DurationReport.Point;
import io.ledger.reports.DurationReport.Series;
import io.ledger.web.Csv;

import java.util.List;
import java.util.stream.Stream;

/** The report as {@link Csv} records, a header row first. */
final class DurationCsv {

    private DurationCsv() {
    }

    static String write(DurationReport report) {
        StringBuilder csv = new StringBuilder(Csv.record(List.of("group", "bucket", "count", "p50Ms", "p95Ms", "maxMs",
                "overBudget", "overBudgetShare", "estimateRatio", "phaseCount", "phaseP50Ms", "phaseP95Ms",
                "phaseMaxMs", "phaseEstimateRatio")));
        for (Series series : report.series()) {
            for (Point point : series.points()) {
                csv.append(Csv.record(Stream.of(series.group(), point.bucket(), point.count(), point.p50Ms(),
                        point.p95Ms(), point.maxMs(), point.overBudget(), point.overBudgetShare(),
                        point.estimateRatio(), point.phaseCount(), point.phaseP50Ms(), point.phaseP95Ms(),
                        point.phaseMaxMs(), point.phaseEstimateRatio()).map(DurationCsv::text).toList()));
            }
        }
        return csv.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
