package io.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens for tests, created as an admin creates them: through {@code POST /api/v1/admin/tokens} with the bootstrap
 * admin token every test ledger starts with ({@link #BOOTSTRAP}).
 */
public final class TestTokens {

    /** The first admin's secret in every test ledger: LEDGER_BOOTSTRAP_TOKEN, as an operator would set it. */
    public static final String BOOTSTRAP = "mlg_bootstrap-secret-of-the-test-ledgers-0123456789";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<Integer, String> CI = new ConcurrentHashMap<>();
    private static final Map<Integer, String> CI_NAMES = new ConcurrentHashMap<>();

    private TestTokens() {
    }

    /**
     * The token the tests' runners use on the ledger at {@code port}: runner, approver and auditor, over every
     * database and environment. Its name is unique ({@code ci-...}), since names are never reused and a ledger
     * restarted on its data may come back on another port.
     */
    public static String ci(int port) {
        return CI.computeIfAbsent(port, p -> {
            String name = "ci-" + UUID.randomUUID().toString().substring(0, 8);
            CI_NAMES.put(p, name);
            return issue(p, name, List.of(Role.RUNNER, Role.APPROVER, Role.AUDITOR), TokenScope.EVERYTHING);
        });
    }

    /**
     * A new ledger now answers on {@code port}: the token cached for it belongs to one that is gone. Service processes
     * come and go during a run, and the system may hand a freed port to the next one.
     */
    public static void forget(int port) {
        CI.remove(port);
        CI_NAMES.remove(port);
    }

    /** The name of {@link #ci(int)}'s token, which the ledger records as the principal of its calls. */
    public static String ciName(int port) {
        ci(port);
        return CI_NAMES.get(port);
    }

    /** A new token's secret. */
    public static String issue(int port, String name, List<Role> roles, TokenScope scope) {
        JsonNode issued = JSON.valueToTree(Map.of("name", name, "roles", roles, "scope", scope));
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/admin/tokens"))
                .header("Authorization", "Bearer " + BOOTSTRAP)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(issued.toString())).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating token " + name + ": " + response.statusCode() + " "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body()).get("token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code request} with the bootstrap admin's token. */
    public static HttpRequest.Builder admin(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + BOOTSTRAP);
    }

    /** {@code request} with the tests' runner token of the ledger at {@code port}. */
    public static HttpRequest.Builder authorized(HttpRequest.Builder request, int port) {
        return request.header("Authorization", "Bearer " + ci(port));
    }

    /** One JSON call with {@code secret} as its bearer token, or none when null. */
    public static HttpResponse<String> call(int port, String method, String path, String body, String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
