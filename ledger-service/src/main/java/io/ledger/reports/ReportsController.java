package io.ledger.reports;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class ReportsController {

    static final String TEXT_CSV = "text/csv";

    private final DurationReports reports;

    ReportsController(DurationReports reports) {
        this.reports = reports;
    }

    @GetMapping(path = "/durations", produces = MediaType.APPLICATION_JSON_VALUE)
    DurationReport durations(@RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String bucket, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return reports.report(DurationQuery.parse(groupBy, bucket, from, to));
    }

    /** One row per group and bucket; regressions and predictions stay in the JSON. */
    @GetMapping(path = "/durations", produces = TEXT_CSV)
    ResponseEntity<String> durationsCsv(@RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String bucket, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        DurationReport report = reports.report(DurationQuery.parse(groupBy, bucket, from, to));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8;header=present"))
                .header("Content-Disposition", "attachment; filename=\"durations-by-" + report.groupBy() + ".csv\"")
                .body(DurationCsv.write(report));
    }
}
