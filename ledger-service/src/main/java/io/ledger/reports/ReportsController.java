package io.ledger.reports;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

@RestController
@RequestMapping(path = "/api/v1/reports", produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class ReportsController {

    static final String TEXT_CSV = "text/csv";

    private final DurationReports reports;

    ReportsController(DurationReports reports) {
        this.reports = reports;
    }

    @GetMapping("/durations")
    DurationReport durations(@RequestParam MultiValueMap<String, String> parameters) {
        return reports.report(DurationQuery.parse(parameters, Instant.now()));
    }

    /** One row per group and bucket; regressions and predictions stay in the JSON. */
    @GetMapping(path = "/durations", produces = TEXT_CSV)
    ResponseEntity<String> durationsCsv(@RequestParam MultiValueMap<String, String> parameters) {
        DurationReport report = reports.report(DurationQuery.parse(parameters, Instant.now()));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8;header=present"))
                .header("Content-Disposition", "attachment; filename=\"durations-by-" + report.groupBy() + ".csv\"")
                .body(DurationCsv.write(report));
    }
}
