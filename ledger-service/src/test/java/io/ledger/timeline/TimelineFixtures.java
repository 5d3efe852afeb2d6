package io.ledger.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.Ledgers;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStep;
import io.ledger.api.Phase;
import io.ledger.api.Severity;
import io.ledger.client.LedgerClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Plans in the contract's words and raw HTTP reads, for the timeline tests. */
final class TimelineFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TimelineFixtures() {
    }

    static String uniqueDatabase() {
        return "orders-db-" + UUID.randomUUID();
    }

    static String uniqueId(String name) {
        return name + "-" + UUID.randomUUID();
    }

    static MigrationPlan plan(String id, String database, List<String> requiredPrechecks, String... phases) {
        return new MigrationPlan(id, database, "prod", "42", "Add status column to orders", "sha256:42",
                MigrationKind.SCHEMA, MigrationStep.EXPAND, "alice", List.of("bob"), Severity.HIGH, 60L, null,
                Arrays.stream(phases).map(name -> new Phase(name, "ALTER TABLE orders -- " + name, "SELECT 1",
                        "ALTER TABLE orders -- undo " + name, false, 5L)).toList(),
                requiredPrechecks, List.of());
    }

    /** A runner whose clock runs {@code ahead} of the ledger's: its events claim to occur that much later. */
    static LedgerClient clientAhead(int port, Duration ahead) {
        return LedgerClient.builder().baseUrl("http://127.0.0.1:" + port).actor("ci-runner").runner(Ledgers.CI)
                .clock(Clock.offset(Clock.systemUTC(), ahead)).build();
    }

    static HttpResponse<String> get(int port, String pathAndQuery, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException failed) {
            throw new IllegalStateException(response.body(), failed);
        }
    }

    static JsonNode ok(int port, String pathAndQuery) {
        HttpResponse<String> response = get(port, pathAndQuery, null);
        if (response.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void awaitCaughtUp(int port, String projection) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json(get(port, "/api/v1/admin/projections/" + projection, null)).path("caughtUp").asBoolean());
    }
}
