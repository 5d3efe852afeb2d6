package io.ledger.history;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The auditors' search. JSON answers one page; {@code text/csv} and {@code application/x-ndjson} stream the whole
 * filtered result, row by row from the database cursor to the socket. The export writes on the request thread
 * rather than through an async {@code StreamingResponseBody}, whose default timeout (30 s on Tomcat) would cut a
 * million-row export short.
 */
@RestController
@RequestMapping("/api/v1")
class HistoryController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final HistoryRepository history;
    private final HistorySettings settings;
    private final ObjectMapper json;

    HistoryController(HistoryRepository history, HistorySettings settings, ObjectMapper json) {
        this.history = history;
        this.settings = settings;
        this.json = json;
    }

    @GetMapping("/history")
    ResponseEntity<HistoryPage> history(@RequestParam MultiValueMap<String, String> parameters,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException {
        HistoryQuery query = HistoryQuery.parse(parameters, settings.defaultLimit());
        MediaType format = format(accept);
        if (format == null) {
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

    /** The export format the client asked for, in its order of preference; null for a JSON page. */
    private static MediaType format(String accept) {
        if (accept == null) {
            return null;
        }
        List<MediaType> accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : accepted) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (CSV.includes(type)) {
                return CSV;
            }
            if (NDJSON.includes(type)) {
                return NDJSON;
            }
            if (MediaType.APPLICATION_JSON.includes(type)) {
                return null;
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
