package io.ledger.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.TestTokens;
import io.ledger.api.PrecheckStatus;
import io.ledger.api.event.PrecheckRecorded;
import io.ledger.client.LedgerClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.ledger.ReadModels.*;
import static io.ledger.history.HistoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Exports stream the whole filtered result, past the page limit, in formats that parse back to the same rows. */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryExportIT {

    private static final int MIGRATIONS = 1200;
    private static final String AWKWARD = "Add \"status\", a column,\r\nthen backfill; naïve ✓";

    @LocalServerPort
    int port;

    private final String database = uniqueDatabase();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Set<String> awkward = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void planManyMigrations() throws Exception {
        LedgerClient ledger = Ledgers.client(port);
        ExecutorService runners = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> planned = IntStream.range(0, MIGRATIONS).<Future<?>>mapToObj(i -> runners.submit(() -> {
                String id = uniqueId("export-" + i);
                String description = i % 100 == 0 ? AWKWARD : "migration " + i;
                ledger.plan(plan(id, database, i % 3 == 0 ? "prod" : "staging", String.valueOf(i), description,
                        List.of(), "a"));
                ids.add(id);
                if (description.equals(AWKWARD)) {
                    awkward.add(id);
                }
            })).toList();
            for (Future<?> future : planned) {
                future.get();
            }
        } finally {
            runners.shutdown();
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                exportNdjson("database=" + encode(database)).size() == MIGRATIONS);
    }

    @Test
    void csvStreamsEveryFilteredRowQuotedPerRfc4180() {
        HttpResponse<String> response = get(port, "/api/v1/history?database=" + encode(database), "text/csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        List<List<String>> records = parseCsv(response.body());
        assertThat(records.get(0)).isEqualTo(HistoryRow.CSV_HEADER);
        List<Map<String, String>> rows = records.subList(1, records.size()).stream().map(record -> {
            assertThat(record).hasSameSizeAs(HistoryRow.CSV_HEADER);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < record.size(); i++) {
                row.put(HistoryRow.CSV_HEADER.get(i), record.get(i));
            }
            return row;
        }).toList();
        assertThat(rows).extracting(row -> row.get("id")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(rows).filteredOn(row -> awkward.contains(row.get("id")))
                .isNotEmpty().allSatisfy(row -> assertThat(row.get("description")).isEqualTo(AWKWARD));
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("database")).isEqualTo(database);
            assertThat(row.get("status")).isEqualTo("prechecked");
            assertThat(row.get("actors")).isEqualTo("alice");
            assertThat(row.get("principals")).isEqualTo(TestTokens.ciName(port));
        });
    }

    @Test
    void csvWritesWhatASpreadsheetWouldRunAsTextAndEachActorOnALineOfItsField() {
        String other = uniqueDatabase();
        String id = uniqueId("formula");
        LedgerClient ledger = Ledgers.client(port);
        ledger.plan(plan(id, other, "staging", "=1+1", "=HYPERLINK(\"http://evil.example\",\"click\")", List.of(),
                "a"));
        ledger.post(id, new PrecheckRecorded(UUID.randomUUID(), Instant.now(), "Bob Smith", null, "load",
                PrecheckStatus.PASSED, "ok"));

        Map<String, String> row = await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<List<String>> records = parseCsv(get(port, "/api/v1/history?database=" + encode(other), "text/csv")
                    .body());
            Map<String, String> fields = new HashMap<>();
            if (records.size() == 2) {
                for (int i = 0; i < records.get(1).size(); i++) {
                    fields.put(HistoryRow.CSV_HEADER.get(i), records.get(1).get(i));
                }
            }
            return fields;
        }, fields -> fields.getOrDefault("actors", "").contains("Bob Smith"));

        assertThat(row.get("version")).isEqualTo("'=1+1");
        assertThat(row.get("description")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(row.get("actors").lines()).containsExactlyInAnyOrder("alice", "Bob Smith");
    }

    @Test
    void ndjsonStreamsEveryFilteredRow() {
        List<JsonNode> rows = exportNdjson("database=" + encode(database) + "&environment=prod");

        long prod = IntStream.range(0, MIGRATIONS).filter(i -> i % 3 == 0).count();
        assertThat(rows).hasSize((int) prod);
        assertThat(rows).allSatisfy(row -> {
            assertThat(ids).contains(row.path("id").asText());
            assertThat(row.path("environment").asText()).isEqualTo("prod");
        });
        assertThat(rows).filteredOn(row -> awkward.contains(row.path("id").asText()))
                .allSatisfy(row -> assertThat(row.path("description").asText()).isEqualTo(AWKWARD));
    }

    @Test
    void exportsKeepTheNewestFirstOrderOfThePages() {
        List<JsonNode> exported = exportNdjson("database=" + encode(database));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = history(port, "limit=500&database=" + encode(database)
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("items").forEach(row -> paged.add(row.path("id").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(exported).extracting(row -> row.path("id").asText()).containsExactlyElementsOf(paged);
    }

    @Test
    void anExportGivenALimitAndACursorIsThatPage() {
        JsonNode first = history(port, "limit=3&database=" + encode(database));
        JsonNode second = history(port, "limit=3&database=" + encode(database) + "&cursor="
                + first.path("nextCursor").asText());
        List<String> secondPage = new ArrayList<>();
        second.path("items").forEach(row -> secondPage.add(row.path("id").asText()));

        String secondPageQuery = "limit=3&database=" + encode(database) + "&cursor=" + first.path("nextCursor").asText();
        assertThat(exportNdjson(secondPageQuery))
                .extracting(row -> row.path("id").asText()).hasSize(3).containsExactlyElementsOf(secondPage);
        HttpResponse<String> csv = get(port, "/api/v1/history?limit=2&database=" + encode(database), "text/csv");
        assertThat(parseCsv(csv.body())).as("the header and two rows").hasSize(3);
    }

    private List<JsonNode> exportNdjson(String query) {
        HttpResponse<String> response = get(port, "/api/v1/history?" + query, "application/x-ndjson");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        response.body().lines().forEach(line -> {
            try {
                rows.add(JSON.readTree(line));
            } catch (Exception malformed) {
                throw new AssertionError("not JSON: " + line, malformed);
            }
        });
        return rows;
    }

    /** An RFC 4180 reader, written apart from the service's writer so that it can catch the writer's mistakes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(record).as("the last record ends with CRLF").isEmpty();
        assertThat(field).isEmpty();
        return records;
    }
}
