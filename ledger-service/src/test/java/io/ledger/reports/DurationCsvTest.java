package io.ledger.reports;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DurationCsvTest {

    @Test
    void aHeaderThenARowPerGroupAndBucketWithAGroupNamedLikeAFormulaWrittenAsText() {
        DurationReport.Point point = new DurationReport.Point(LocalDate.parse("2026-11-02"), 2, 1500.0, 2950.0, 3000,
                0, 0.0, null, 4, 700.0, 1000.0, 1000L, 1.25);
        DurationReport report = new DurationReport("database", "week", null, null,
                List.of(new DurationReport.Series("=1+1", List.of(point))), List.of(), List.of());

        assertThat(DurationCsv.write(report)).isEqualTo("group,bucket,count,p50Ms,p95Ms,maxMs,overBudget,"
                + "overBudgetShare,estimateRatio,phaseCount,phaseP50Ms,phaseP95Ms,phaseMaxMs,phaseEstimateRatio\r\n"
                + "'=1+1,2026-11-02,2,1500.0,2950.0,3000,0,0.0,,4,700.0,1000.0,1000,1.25\r\n");
    }
}
