package io.ledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.TestTokens;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.api.access.Role;
import io.ledger.api.access.TokenScope;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the ledger answers is settled before it does anything: an Accept it cannot answer is a 406 and a body it
 * cannot read a 415, and either leaves the ledger as it was.
 */
@LedgerServiceTest
class ContentNegotiationIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private LedgerClient ledger;

    @BeforeEach
    void client() {
        ledger = Ledgers.client(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/csv", "application/xml", "text/markdown"})
    void anUnacceptableAcceptPlansNothing(String accept) throws Exception {
        String id = "negotiation-" + UUID.randomUUID();

        assertNotAcceptable(call("POST", "/api/v1/migrations", accept, "application/json", plan(id)));
        assertThat(call("GET", "/api/v1/migrations/" + id, null, null, null).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/csv", "application/xml", "text/markdown"})
    void anUnacceptableAcceptRecordsNoEvent(String accept) throws Exception {
        MigrationHandle migration = planned();
        int before = ledger.events(migration.migrationId()).size();

        assertNotAcceptable(call("POST", "/api/v1/migrations/" + migration.migrationId() + "/events", accept,
                "application/json", "{\"type\":\"aborted\",\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\""
                        + Instant.now() + "\",\"actor\":\"ci-runner\",\"reason\":\"refused\"}"));
        assertThat(ledger.events(migration.migrationId())).hasSize(before);
    }

    @Test
    void anUnacceptableAcceptCreatesNoTokenAndItsNameStaysFree() throws Exception {
        String name = "negotiation-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"name\":\"" + name + "\",\"roles\":[\"auditor\"],\"scope\":{\"databases\":[\"*\"],"
                + "\"environments\":[\"*\"]}}";

        assertNotAcceptable(call("POST", "/api/v1/admin/tokens", "text/csv", "application/json", body));
        HttpResponse<String> created = call("POST", "/api/v1/admin/tokens", null, "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("token").asText()).startsWith("mlg_");
    }

    @Test
    void anUnacceptableAcceptRevokesNoToken() throws Exception {
        String name = "negotiation-" + UUID.randomUUID().toString().substring(0, 8);
        TestTokens.issue(port, name, List.of(Role.AUDITOR), TokenScope.EVERYTHING);

        assertNotAcceptable(call("DELETE", "/api/v1/admin/tokens/" + name, "application/xml", null, null));
        JsonNode tokens = JSON.readTree(call("GET", "/api/v1/admin/tokens", null, null, null).body());
        JsonNode token = null;
        for (JsonNode listed : tokens) {
            if (listed.get("name").asText().equals(name)) {
                token = listed;
            }
        }
        assertThat(token).isNotNull();
        assertThat(token.path("revokedAt").isMissingNode() || token.path("revokedAt").isNull()).as(token.toString())
                .isTrue();
    }

    @Test
    void anUnacceptableAcceptLeavesAnAlertFiring() throws Exception {
        MigrationHandle migration = planned();
        migration.startPhase("p1");
        migration.phaseFailed("p1", 10, "lock timeout");
        String alerts = "/api/v1/alerts?migrationId=" + migration.migrationId();
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(call("GET", alerts, null, null, null).body())
                .size() == 1);
        String alert = "/api/v1/alerts/" + JSON.readTree(call("GET", alerts, null, null, null).body()).get(0)
                .get("id").asText();

        assertNotAcceptable(call("POST", alert + "/ack", "text/csv", "application/json", "{\"by\":\"carol\"}"));
        assertNotAcceptable(call("POST", alert + "/resolve", "text/csv", "application/json", "{\"by\":\"carol\"}"));
        JsonNode state = JSON.readTree(call("GET", alert, null, null, null).body());
        assertThat(state.get("state").asText()).isEqualTo("firing");
        assertThat(state.path("acknowledgedBy").isMissingNode()).as(state.toString()).isTrue();
    }

    @Test
    void anUnacceptableAcceptLeavesAReadModelRunning() throws Exception {
        String projection = "/api/v1/admin/projections/history";
        try {
            assertNotAcceptable(call("POST", projection + "/pause", "application/xml", null, null));
            assertThat(JSON.readTree(call("GET", projection, null, null, null).body()).get("running").asBoolean())
                    .isTrue();
            assertNotAcceptable(call("POST", projection + "/replay", "application/xml", null, null));
            assertThat(JSON.readTree(call("GET", projection, null, null, null).body()).get("replaying").asBoolean())
                    .isFalse();
            assertNotAcceptable(call("POST", projection + "/resume", "application/xml", null, null));
        } finally {
            call("POST", projection + "/resume", null, null, null);
        }
    }

    @Test
    void anUnacceptableAcceptIsRefusedByThePostsThatWriteNothingToo() throws Exception {
        assertNotAcceptable(call("POST", "/api/v1/lint", "text/csv", "application/json", "{\"sql\":\"SELECT 1\"}"));
        assertNotAcceptable(call("POST", "/api/v1/ledger/verify", "text/csv", "application/json", "{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "application/*", "application/json", "application/problem+json",
            "application/json, application/problem+json"})
    void anyAcceptOfJsonPlansAndGetsJson(String accept) throws Exception {
        String id = "negotiation-" + UUID.randomUUID();

        HttpResponse<String> planned = call("POST", "/api/v1/migrations", accept.isEmpty() ? null : accept,
                "application/json", plan(id));

        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
        assertThat(planned.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(planned.body()).get("id").asText()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "application/json", "application/json, application/problem+json"})
    void aProblemAnsweredByAnEndpointIsLabelledAProblem(String accept) throws Exception {
        HttpResponse<String> missing = call("GET", "/api/v1/migrations/never-" + UUID.randomUUID(),
                accept.isEmpty() ? null : accept, null, null);

        assertProblem(missing, 404, "is planned");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/history", "/api/v1/migrations/%s/timeline", "/api/v1/migrations/%s",
            "/api/v1/alerts", "/api/v1/reports/durations", "/api/v1/migrations"})
    void anAcceptThatIsNotAMediaTypeIsABadRequestNamingIt(String path) throws Exception {
        String id = planned().migrationId();
        boolean write = path.equals("/api/v1/migrations");
        String planId = "negotiation-" + UUID.randomUUID();

        HttpResponse<String> response = call(write ? "POST" : "GET", path.formatted(id), "!!!",
                write ? "application/json" : null, write ? plan(planId) : null);

        assertProblem(response, 400, "the Accept header is not a list of media types");
        assertThat(call("GET", "/api/v1/migrations/" + planId, null, null, null).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/history|application/xml", "/api/v1/history|text/markdown",
            "/api/v1/migrations/%s/timeline|application/xml", "/api/v1/migrations/%s/timeline|text/csv",
            "/api/v1/migrations/%s/timeline|application/x-ndjson", "/api/v1/migrations/%s/events|text/csv",
            "/api/v1/alerts|text/markdown"})
    void aReadRefusesAFormatItDoesNotAnswer(String pathAndAccept) throws Exception {
        String[] parts = pathAndAccept.split("\\|");
        assertNotAcceptable(call("GET", parts[0].formatted(planned().migrationId()), parts[1], null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/history|text/csv|text/csv", "/api/v1/history|text/*|text/csv",
            "/api/v1/history|application/x-ndjson|application/x-ndjson",
            "/api/v1/history|text/csv;q=0.5, application/json|application/json",
            "/api/v1/migrations/%s/timeline|text/markdown|text/markdown",
            "/api/v1/migrations/%s/timeline|text/*|text/markdown",
            "/api/v1/migrations/%s/timeline|*/*|application/json"})
    void aReadAnswersTheFormatTheClientPrefers(String pathAndAcceptAndType) throws Exception {
        String[] parts = pathAndAcceptAndType.split("\\|");

        HttpResponse<String> response = call("GET", parts[0].formatted(planned().migrationId()), parts[1], null, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(parts[2]));
    }

    @Test
    void aTimelineNotFoundIsAProblemWhenMarkdownWasAskedFor() throws Exception {
        assertProblem(call("GET", "/api/v1/migrations/never-" + UUID.randomUUID() + "/timeline", "text/markdown",
                null, null), 404, "is planned");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "br", "identity, gzip"})
    void aCompressedBodyIsUnsupportedAndPlansNothing(String encoding) throws Exception {
        String id = "negotiation-" + UUID.randomUUID();

        HttpResponse<String> response = HTTP.send(TestTokens.authorized(request("/api/v1/migrations"), port)
                .header("Content-Type", "application/json").header("Content-Encoding", encoding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed(plan(id), encoding))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 415, "Content-Encoding " + encoding.replace("identity, ", "") + " is not supported");
        assertThat(response.headers().firstValue("Accept-Encoding")).hasValue("identity");
        assertThat(call("GET", "/api/v1/migrations/" + id, null, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anIdentityEncodedBodyIsRead() throws Exception {
        HttpResponse<String> response = HTTP.send(TestTokens.authorized(request("/api/v1/migrations"), port)
                .header("Content-Type", "application/json").header("Content-Encoding", "identity")
                .POST(HttpRequest.BodyPublishers.ofString(plan("negotiation-" + UUID.randomUUID()))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/merge-patch+json", "application/vnd.ledger+json", "text/json"})
    void aBodyOfAnotherJsonTypeIsUnsupportedAndPlansNothing(String contentType) throws Exception {
        String id = "negotiation-" + UUID.randomUUID();

        assertProblem(call("POST", "/api/v1/migrations", null, contentType, plan(id)), 415, contentType);
        assertThat(call("GET", "/api/v1/migrations/" + id, null, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aJsonBodyWithACharsetIsRead() throws Exception {
        HttpResponse<String> response = call("POST", "/api/v1/migrations", null, "application/json; charset=UTF-8",
                plan("negotiation-" + UUID.randomUUID()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private MigrationHandle planned() {
        String id = "negotiation-" + UUID.randomUUID();
        ledger.plan(new MigrationPlan(id, "orders-db", "staging", "1", null, null, MigrationKind.SCHEMA, null,
                "alice", null, null, null, null, List.of(new Phase("p1", "SELECT 1", null, null, true, null)), null,
                null));
        return ledger.forMigration(id);
    }

    private static String plan(String id) {
        return "{\"id\":\"" + id + "\",\"database\":\"orders-db\",\"environment\":\"staging\",\"version\":\"1\","
                + "\"kind\":\"schema\",\"owner\":\"alice\",\"phases\":[{\"name\":\"p1\",\"action\":\"SELECT 1\","
                + "\"forwardOnly\":true}]}";
    }

    private static byte[] compressed(String text, String encoding) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = encoding.endsWith("gzip") ? new GZIPOutputStream(bytes) : new DeflaterOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    /** One call as the tests' runner, or as the bootstrap admin for {@code /api/v1/admin/...}. */
    private HttpResponse<String> call(String method, String path, String accept, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (path.startsWith("/api/v1/admin/")) {
            TestTokens.admin(request);
        } else {
            TestTokens.authorized(request, port);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNotAcceptable(HttpResponse<String> response) throws Exception {
        assertProblem(response, 406, "Acceptable representations");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String named) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("urn:migration-ledger:problem:");
        assertThat(problem.get("detail").asText()).contains(named);
    }
}
