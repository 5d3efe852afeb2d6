package io.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Raw HTTP reads of the read models and the names that keep tests apart on the one shared database, for the
 * read-model tests.
 */
public final class ReadModels {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ReadModels() {
    }

    /** A database name no other test uses, so that filtering on it isolates a test's migrations. */
    public static String uniqueDatabase() {
        return "orders-db-" + UUID.randomUUID();
    }

    public static String uniqueId(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** A read with the tests' runner token, or the admin's for {@code /api/v1/admin/...}. */
    public static HttpResponse<String> get(int port, String pathAndQuery, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
        if (pathAndQuery.startsWith("/api/v1/admin/")) {
            TestTokens.admin(request);
        } else {
            TestTokens.authorized(request, port);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException failed) {
            throw new IllegalStateException(response.body(), failed);
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Waits until the named read model has processed everything appended so far. */
    public static void awaitCaughtUp(int port, String projection) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json(get(port, "/api/v1/admin/projections/" + projection, null)).path("caughtUp").asBoolean());
    }
}
