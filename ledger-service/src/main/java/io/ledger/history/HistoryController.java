package io.ledger.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.web.Csv;
import io.ledger.web.Representations;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/**
 * The auditors' search. JSON answers one page; {@code text/csv} and {@code application/x-ndjson} stream the whole
 * filtered result, row by row from the database cursor to the socket. The export writes on the request thread
 * rather than through an async {@code StreamingResponseBody}, whose default timeout (30 s on Tomcat) would cut a
 * million-row export short.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE})
class HistoryController {

    static final String CSV_VALUE = "text/csv";
    static final MediaType CSV = MediaType.parseMediaType(CSV_VALUE);
    static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

    private final HistoryRepository history;
    private final HistorySettings settings;
    private final ObjectMapper json;

    HistoryController(HistoryRepository history, HistorySettings settings, ObjectMapper json) {
        this.history = history;
        this.settings = settings;
        this.json = json;
    }

    @GetMapping(path = "/history", produces = {APPLICATION_JSON_VALUE, APPLICATION_PROBLEM_JSON_VALUE, CSV_VALUE,
            MediaType.APPLICATION_NDJSON_VALUE})
    ResponseEntity<HistoryPage> history(@RequestParam MultiValueMap<String, String> parameters,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException {
        HistoryQuery query = HistoryQuery.parse(parameters, settings.defaultLimit());
        MediaType format = Representations.preferred(accept, MediaType.APPLICATION_JSON, CSV, NDJSON);
        if (format.equals(MediaType.APPLICATION_JSON)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(history.page(query));
        }
        response.setContentType(format + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"history."
                + (format.equals(CSV) ? "csv" : "ndjson") + "\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8))) {
            if (format.equals(CSV)) {
                out.write(Csv.record(HistoryRow.CSV_HEADER));
                history.export(query, row -> write(out, Csv.record(row.csvValues())));
            } else {
                history.export(query, row -> {
                    try {
                        write(out, json.writeValueAsString(row) + "\n");
                    } catch (IOException failed) {
                        throw new UncheckedIOException(failed);
                    }
                });
            }
        }
        return null;
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
