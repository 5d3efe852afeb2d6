package io.ledger.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.LedgerServiceTest;
import io.ledger.TestTokens;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint, called by every kind of caller: no token, a token the ledger never issued, and each role with a
 * scope that covers the migration called about and one that does not. A caller the rules allow gets an answer from
 * the endpoint itself; any other gets {@code 401} or {@code 403} problem details, and nothing is written.
 */
@LedgerServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENVIRONMENT = "staging";

    /** The callers of the matrix, each with what it may do. */
    enum CallerKind {
        NO_TOKEN, UNKNOWN_TOKEN, RUNNER_IN_SCOPE, RUNNER_OUT_OF_SCOPE, APPROVER_IN_SCOPE, APPROVER_OUT_OF_SCOPE,
        AUDITOR, ADMIN
    }

    private static final Set<CallerKind> ANYONE_WITH_A_TOKEN = EnumSet.range(CallerKind.RUNNER_IN_SCOPE, CallerKind.ADMIN);
    private static final Set<CallerKind> READERS_OF_EVERYTHING = EnumSet.of(CallerKind.AUDITOR, CallerKind.ADMIN);
    private static final Set<CallerKind> READERS_OF_THE_MIGRATION = EnumSet.of(CallerKind.RUNNER_IN_SCOPE,
            CallerKind.APPROVER_IN_SCOPE, CallerKind.AUDITOR, CallerKind.ADMIN);

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "orders-db-" + run;
    private final String migration = "access-" + run + "@staging";
    private final Map<CallerKind, String> secrets = new LinkedHashMap<>();

    /** An endpoint, how to call it, who may, and what the endpoint itself answers them. */
    record Endpoint(String name, String method, Supplier<String> path, Supplier<String> body, Set<CallerKind> allowed,
            int answer) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void tokensAndAMigration() {
        TokenScope inScope = new TokenScope(List.of("orders-db-" + run), List.of("dev", ENVIRONMENT));
        TokenScope outOfScope = new TokenScope(List.of("payments-*"), List.of("*"));
        secrets.put(CallerKind.UNKNOWN_TOKEN, "mlg_never-issued-by-this-ledger-" + run);
        secrets.put(CallerKind.RUNNER_IN_SCOPE, issue("runner-in-" + run, Role.RUNNER, inScope));
        secrets.put(CallerKind.RUNNER_OUT_OF_SCOPE, issue("runner-out-" + run, Role.RUNNER, outOfScope));
        secrets.put(CallerKind.APPROVER_IN_SCOPE, issue("approver-in-" + run, Role.APPROVER, inScope));
        secrets.put(CallerKind.APPROVER_OUT_OF_SCOPE, issue("approver-out-" + run, Role.APPROVER, outOfScope));
        secrets.put(CallerKind.AUDITOR, issue("auditor-" + run, Role.AUDITOR, null));
        secrets.put(CallerKind.ADMIN, TestTokens.BOOTSTRAP);
        HttpResponse<String> planned = call("POST", "/api/v1/migrations", plan(migration), secrets.get(CallerKind.RUNNER_IN_SCOPE));
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
    }

    Stream<Arguments> matrix() {
        String encoded = URLEncoder.encode(migration, StandardCharsets.UTF_8);
        String unknownAlert = UUID.randomUUID().toString();
        List<Endpoint> endpoints = List.of(
                new Endpoint("plan a migration", "POST", () -> "/api/v1/migrations",
                        () -> plan("access-" + UUID.randomUUID() + "@staging"),
                        EnumSet.of(CallerKind.RUNNER_IN_SCOPE), 201),
                new Endpoint("post a fact", "POST", () -> "/api/v1/migrations/" + encoded + "/events",
                        () -> event("precheck-recorded", ",\"check\":\"backup-taken\",\"status\":\"passed\""),
                        EnumSet.of(CallerKind.RUNNER_IN_SCOPE), 201),
                new Endpoint("post a gate", "POST", () -> "/api/v1/migrations/" + encoded + "/events",
                        () -> event("phase-started", ",\"phase\":\"p1\""), EnumSet.of(CallerKind.RUNNER_IN_SCOPE), 201),
                new Endpoint("sign off", "POST", () -> "/api/v1/migrations/" + encoded + "/events",
                        () -> event("signed-off", ",\"role\":\"dba\",\"signer\":\"dana\""),
                        EnumSet.of(CallerKind.APPROVER_IN_SCOPE), 409),
                new Endpoint("read a migration", "GET", () -> "/api/v1/migrations/" + encoded, null,
                        READERS_OF_THE_MIGRATION, 200),
                new Endpoint("read its events", "GET", () -> "/api/v1/migrations/" + encoded + "/events", null,
                        READERS_OF_THE_MIGRATION, 200),
                new Endpoint("read its timeline", "GET", () -> "/api/v1/migrations/" + encoded + "/timeline", null,
                        READERS_OF_THE_MIGRATION, 200),
                new Endpoint("read its compliance", "GET", () -> "/api/v1/migrations/" + encoded + "/compliance",
                        null, READERS_OF_THE_MIGRATION, 200),
                new Endpoint("search the history", "GET", () -> "/api/v1/history?database=" + database, null,
                        READERS_OF_EVERYTHING, 200),
                new Endpoint("a database's timeline", "GET", () -> "/api/v1/timeline?database=" + database
                        + "&from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now().plusSeconds(3600), null,
                        READERS_OF_EVERYTHING, 200),
                new Endpoint("duration reports", "GET", () -> "/api/v1/reports/durations?groupBy=database", null,
                        READERS_OF_EVERYTHING, 200),
                new Endpoint("compliance report", "GET", () -> "/api/v1/reports/compliance", null,
                        READERS_OF_EVERYTHING, 200),
                new Endpoint("list alerts", "GET", () -> "/api/v1/alerts?database=" + database, null,
                        READERS_OF_EVERYTHING, 200),
                new Endpoint("read an alert", "GET", () -> "/api/v1/alerts/" + unknownAlert, null,
                        READERS_OF_EVERYTHING, 404),
                new Endpoint("acknowledge an alert", "POST", () -> "/api/v1/alerts/" + unknownAlert + "/ack",
                        () -> "{}", EnumSet.of(CallerKind.APPROVER_IN_SCOPE, CallerKind.APPROVER_OUT_OF_SCOPE,
                        CallerKind.ADMIN), 404),
                new Endpoint("resolve an alert", "POST", () -> "/api/v1/alerts/" + unknownAlert + "/resolve",
                        () -> "{}", EnumSet.of(CallerKind.APPROVER_IN_SCOPE, CallerKind.APPROVER_OUT_OF_SCOPE,
                        CallerKind.ADMIN), 404),
                new Endpoint("verify a migration", "GET", () -> "/api/v1/ledger/verify?migrationId=" + encoded, null,
                        READERS_OF_EVERYTHING, 200),
                new Endpoint("verify the ledger", "GET", () -> "/api/v1/ledger/verify", null, READERS_OF_EVERYTHING, 200),
                new Endpoint("verify a stored checkpoint", "POST", () -> "/api/v1/ledger/verify",
                        () -> "{\"events\": 1, \"position\": 1, \"chainHash\": null, \"createdAt\": \"2026-01-01T00:00:00Z\","
                                + " \"keyId\": \"k\", \"signature\": null}", READERS_OF_EVERYTHING, 400),
                new Endpoint("list checkpoints", "GET", () -> "/api/v1/ledger/checkpoints", null,
                        READERS_OF_EVERYTHING, 200),
                new Endpoint("the signing key", "GET", () -> "/api/v1/ledger/public-key", null,
                        READERS_OF_EVERYTHING, 200),
                new Endpoint("lint SQL", "POST", () -> "/api/v1/lint", () -> "{\"sql\":\"SELECT 1;\"}",
                        ANYONE_WITH_A_TOKEN, 200),
                new Endpoint("projection status", "GET", () -> "/api/v1/admin/projections", null,
                        EnumSet.of(CallerKind.ADMIN), 200),
                new Endpoint("replay a projection", "POST", () -> "/api/v1/admin/projections/no-such/replay",
                        () -> "", EnumSet.of(CallerKind.ADMIN), 404),
                new Endpoint("list tokens", "GET", () -> "/api/v1/admin/tokens", null, EnumSet.of(CallerKind.ADMIN), 200),
                new Endpoint("create a token", "POST", () -> "/api/v1/admin/tokens",
                        () -> "{\"name\":\"made-" + UUID.randomUUID() + "\",\"roles\":[\"auditor\"]}",
                        EnumSet.of(CallerKind.ADMIN), 201),
                new Endpoint("revoke a token", "DELETE", () -> "/api/v1/admin/tokens/no-such-token-" + run, null,
                        EnumSet.of(CallerKind.ADMIN), 404),
                new Endpoint("auditors' reads", "GET", () -> "/api/v1/admin/reads", null, EnumSet.of(CallerKind.ADMIN), 200),
                new Endpoint("metrics", "GET", () -> "/actuator/prometheus", null, READERS_OF_EVERYTHING, 200),
                // Probes call without a token; a token that is presented is checked, whatever the endpoint.
                new Endpoint("health", "GET", () -> "/actuator/health/readiness", null,
                        EnumSet.complementOf(EnumSet.of(CallerKind.UNKNOWN_TOKEN)), 200));
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (CallerKind caller : CallerKind.values()) {
                cases.add(Arguments.of(endpoint, caller, endpoint.allowed().contains(caller)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1}: allowed {2}")
    @MethodSource("matrix")
    void everyEndpointByEveryCaller(Endpoint endpoint, CallerKind caller, boolean allowed) throws IOException {
        long eventsBefore = events();
        HttpResponse<String> response = call(endpoint.method(), endpoint.path().get(),
                endpoint.body() == null ? null : endpoint.body().get(), secrets.get(caller));

        if (allowed) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(endpoint.answer());
            return;
        }
        int expected = caller == CallerKind.NO_TOKEN || caller == CallerKind.UNKNOWN_TOKEN ? 401 : 403;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText())
                .isEqualTo(expected == 401 ? "urn:migration-ledger:problem:unauthenticated"
                        : "urn:migration-ledger:problem:forbidden");
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (expected == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        }
        assertThat(events()).as("events of " + migration).isEqualTo(eventsBefore);
    }

    private long events() throws IOException {
        HttpResponse<String> events = call("GET", "/api/v1/migrations/" + URLEncoder.encode(migration,
                StandardCharsets.UTF_8) + "/events", null, secrets.get(CallerKind.AUDITOR));
        return JSON.readTree(events.body()).size();
    }

    private String issue(String name, Role role, TokenScope scope) {
        return TestTokens.issue(port, name, List.of(role), scope == null ? TokenScope.EVERYTHING : scope);
    }

    private String plan(String id) {
        return """
                {"id": "%s", "database": "%s", "environment": "%s", "version": "1", "kind": "schema",
                 "owner": "alice", "phases": [{"name": "p1", "action": "SELECT 1", "forwardOnly": true}]}
                """.formatted(id, database, ENVIRONMENT);
    }

    private static String event(String type, String fields) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"occurredAt\":\""
                + Instant.now() + "\",\"actor\":\"erin\"" + fields + "}";
    }

    private HttpResponse<String> call(String method, String path, String body, String secret) {
        return TestTokens.call(port, method, path, body, secret);
    }
}
