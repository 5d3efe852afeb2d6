package io.ledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.TestTokens;
import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.ReadModels;
import io.ledger.api.MigrationKind;
import io.ledger.api.MigrationPlan;
import io.ledger.api.Phase;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import org.apache.coyote.http11.Http11Processor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed input is a 4xx problem that names what is wrong, and the ledger is left exactly as it was. */
@LedgerServiceTest
@ExtendWith(OutputCaptureExtension.class)
class BadInputIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private LedgerClient ledger;
    private String id;

    @BeforeEach
    void planAMigration() {
        ledger = Ledgers.client(port);
        id = "bad-input-" + UUID.randomUUID();
        ledger.plan(new MigrationPlan(id, "orders-db", "staging", "1", null, null, MigrationKind.SCHEMA, null, "alice",
                null, null, null, null, List.of(new Phase("p1", "SELECT 1", null, null, true, null)), null, null));
    }

    static Stream<Arguments> badEvents() {
        String now = Instant.now().toString();
        String eventId = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("malformed JSON", "{\"type\": \"phase-started\",", 400, "malformed JSON"),
                Arguments.of("truncated JSON", "{\"type\": \"phase-started\", \"phase\": \"p1\"", 400,
                        "malformed JSON: Unexpected end-of-input: expected close marker for Object (start marker at "
                                + "line 1, column 1) at line 1, column"),
                Arguments.of("text after the event", event("phase-started", eventId, now, ",\"phase\":\"p1\"")
                        + " xyz", 400, "malformed JSON: Unrecognized token 'xyz'"),
                Arguments.of("two events in one body", event("aborted", eventId, now, ",\"reason\":\"first\"")
                        + event("progress", UUID.randomUUID().toString(), now, ",\"phase\":\"p1\""), 400,
                        "malformed JSON: more follows the body's object; post one object per request"),
                Arguments.of("not JSON at all", "phase started", 400, "malformed JSON"),
                Arguments.of("empty body", "", 400, "missing"),
                Arguments.of("unknown type", event("phase-exploded", eventId, now, ""), 400, "unknown type 'phase-exploded'"),
                Arguments.of("missing type", "{\"eventId\":\"" + eventId + "\",\"actor\":\"ci\"}", 400,
                        "type: is required"),
                Arguments.of("missing phase", event("phase-started", eventId, now, ""), 400, "phase: is required"),
                Arguments.of("missing eventId", "{\"type\":\"phase-started\",\"occurredAt\":\"" + now
                        + "\",\"actor\":\"ci\",\"phase\":\"p1\"}", 400, "eventId: is required"),
                Arguments.of("missing phases of a rollback", event("rolled-back", eventId, now, ""), 400,
                        "phases: is required"),
                Arguments.of("eventId not a UUID", event("phase-started", "42", now, ",\"phase\":\"p1\""), 400, "eventId"),
                Arguments.of("eventId the ledger would derive", event("progress",
                        UUID.nameUUIDFromBytes("planned/orders-v1@prod".getBytes(StandardCharsets.UTF_8)).toString(),
                        now, ",\"phase\":\"p1\""), 400, "eventId: must not be a name-based (version 3) UUID"),
                Arguments.of("wrong type", event("phase-applied", eventId, now, ",\"phase\":\"p1\",\"durationMs\":\"fast\""),
                        400, "durationMs"),
                Arguments.of("unknown enum", event("precheck-recorded", eventId, now,
                        ",\"check\":\"backup-taken\",\"status\":\"ok\""), 400, "status"),
                Arguments.of("unknown field", event("phase-started", eventId, now, ",\"phase\":\"p1\",\"phaze\":\"p1\""),
                        400, "phaze: unknown field; known fields are [actor, eventId, occurredAt, phase, runner, type]"),
                Arguments.of("blank actor", "{\"type\":\"phase-started\",\"eventId\":\"" + eventId + "\",\"occurredAt\":\""
                        + now + "\",\"actor\":\" \",\"phase\":\"p1\"}", 400, "actor"),
                Arguments.of("negative duration", event("phase-applied", eventId, now, ",\"phase\":\"p1\",\"durationMs\":-1"),
                        400, "durationMs"),
                Arguments.of("percent over 100", event("progress", eventId, now, ",\"phase\":\"p1\",\"percent\":101"),
                        400, "percent"),
                Arguments.of("occurredAt in the future", event("phase-started", eventId,
                        Instant.now().plusSeconds(600).toString(), ",\"phase\":\"p1\""), 400, "occurredAt"),
                Arguments.of("planned is not posted", event("planned", eventId, now, ",\"plan\":{\"id\":\"x\",\"database\":\"d\","
                        + "\"environment\":\"e\",\"version\":\"1\",\"kind\":\"schema\",\"owner\":\"o\","
                        + "\"phases\":[{\"name\":\"p\",\"action\":\"SELECT 1\"}]}"),
                        400, "POST /api/v1/migrations"),
                Arguments.of("prechecked is the ledger's", event("prechecked", eventId, now, ""), 400, "written by the ledger"),
                Arguments.of("planned without its plan", event("planned", eventId, now, ""), 400,
                        "type: planned is written by the ledger itself; plan a migration with POST /api/v1/migrations"),
                Arguments.of("gate-refused without its reasons", event("gate-refused", eventId, now, ""), 400,
                        "type: gate-refused is written by the ledger itself"),
                Arguments.of("NUL in an error text", event("phase-failed", eventId, now,
                        ",\"phase\":\"p1\",\"error\":\"bad\\u0000byte\""), 400, "error: contains U+0000"),
                Arguments.of("null among the checks", event("verified", eventId, now,
                        ",\"checks\":[\"rows\",null]"), 400, "checks[1]: must not be null"),
                Arguments.of("blank check", event("verification-failed", eventId, now,
                        ",\"checks\":[\" \"]"), 400, "checks[0]: must not be blank"),
                Arguments.of("NUL in a list", event("verification-failed", eventId, now,
                        ",\"checks\":[\"rows\",\"x\\u0000\"]"), 400, "checks[1]: contains U+0000"),
                Arguments.of("unpaired surrogate", event("progress", eventId, now, ",\"phase\":\"p\\ud800\""),
                        400, "phase: contains an unpaired surrogate"),
                Arguments.of("fraction for a whole number", event("phase-applied", eventId, now,
                        ",\"phase\":\"p1\",\"durationMs\":1.5"), 400, "durationMs: must be a whole number"),
                Arguments.of("number for a string", "{\"type\":\"phase-started\",\"eventId\":\"" + eventId
                        + "\",\"occurredAt\":\"" + now + "\",\"actor\":123,\"phase\":\"p1\"}", 400,
                        "actor: must be a string"),
                Arguments.of("boolean for a string", event("phase-started", eventId, now, ",\"phase\":true"), 400,
                        "phase: must be a string"),
                Arguments.of("numbers for strings in a list", event("verification-failed", eventId, now,
                        ",\"checks\":[1,2]"), 400, "checks[0]: must be a string"),
                Arguments.of("string for a number", event("progress", eventId, now,
                        ",\"phase\":\"p1\",\"percent\":\"5\""), 400, "percent: must be a number"),
                Arguments.of("number for an instant", "{\"type\":\"phase-started\",\"eventId\":\"" + eventId
                        + "\",\"occurredAt\":1763700000,\"actor\":\"ci\",\"phase\":\"p1\"}", 400,
                        "occurredAt: must be an ISO-8601 instant"),
                Arguments.of("field given twice", event("phase-started", eventId, now,
                        ",\"phase\":\"p1\",\"actor\":\"someone-else\""), 400, "actor: is given twice"),
                Arguments.of("padded actor", "{\"type\":\"phase-started\",\"eventId\":\"" + eventId
                        + "\",\"occurredAt\":\"" + now + "\",\"actor\":\"ci\\u00a0\",\"phase\":\"p1\"}", 400,
                        "actor: must not begin or end with white space"),
                Arguments.of("padded signer", event("signed-off", eventId, now,
                        ",\"role\":\"dba\",\"signer\":\" alice \""), 400, "signer: must not begin or end"),
                Arguments.of("control character in a phase", event("phase-started", eventId, now,
                        ",\"phase\":\"p\\u001b[31m\""), 400, "phase: must not contain control"),
                Arguments.of("array body", "[{\"type\":\"phase-started\"}]", 400, "the body must be a JSON object"),
                Arguments.of("a number in an array", "[1]", 400, "the body must be a JSON object"),
                Arguments.of("an event in Jackson's wrapper array", "[\"aborted\",{\"eventId\":\"" + eventId
                        + "\",\"occurredAt\":\"" + now + "\",\"actor\":\"ci-runner\",\"reason\":\"wrapped\"}]", 400,
                        "the body must be a JSON object"),
                Arguments.of("anomaly is the ledger's", event("anomaly-detected", eventId, now,
                        ",\"anomaly\":\"unknown-phase\",\"causeEventId\":\"" + eventId + "\""), 400,
                        "type: anomaly-detected is written by the ledger itself"),
                Arguments.of("occurredAt before year 1", event("phase-applied", eventId, "-5000-01-01T00:00:00Z",
                        ",\"phase\":\"p1\""), 400, "occurredAt: must be in the years 0001 through 9999"),
                Arguments.of("occurredAt a day before year 1", event("progress", eventId, "0000-12-31T00:00:00Z",
                        ",\"phase\":\"p1\""), 400, "occurredAt: must be in the years 0001 through 9999"),
                Arguments.of("occurredAt at Java's first instant", event("aborted", eventId,
                        "-1000000000-01-01T00:00:00Z", ""), 400, "occurredAt: must be in the years 0001 through 9999"),
                Arguments.of("occurredAt past year 9999", event("phase-started", eventId, "+300000-01-01T00:00:00Z",
                        ",\"phase\":\"p1\""), 400, "occurredAt: must be in the years 0001 through 9999"),
                Arguments.of("eta past year 9999", event("progress", eventId, now,
                        ",\"phase\":\"p1\",\"eta\":\"+10000-01-01T00:00:00Z\""), 400,
                        "eta: must be in the years 0001 through 9999"),
                Arguments.of("eta before year 1", event("progress", eventId, now,
                        ",\"phase\":\"p1\",\"eta\":\"-5000-01-01T00:00:00Z\""), 400,
                        "eta: must be in the years 0001 through 9999"),
                Arguments.of("duration over a year", event("phase-applied", eventId, now,
                        ",\"phase\":\"p1\",\"durationMs\":9223372036854775807"), 400,
                        "durationMs: must be at most 31536000000 (365 days)"),
                Arguments.of("lock wait over a year", event("phase-applied", eventId, now,
                        ",\"phase\":\"p1\",\"lockWaitMs\":31536000001"), 400,
                        "lockWaitMs: must be at most 31536000000 (365 days)"),
                Arguments.of("failure after over a year", event("phase-failed", eventId, now,
                        ",\"phase\":\"p1\",\"durationMs\":31536000001"), 400,
                        "durationMs: must be at most 31536000000 (365 days)"),
                Arguments.of("rollback over a year", event("rolled-back", eventId, now,
                        ",\"phases\":[\"p1\"],\"durationMs\":31536000001"), 400,
                        "durationMs: must be at most 31536000000 (365 days)"),
                Arguments.of("failed rollback over a year", event("rollback-failed", eventId, now,
                        ",\"phases\":[\"p1\"],\"durationMs\":31536000001"), 400,
                        "durationMs: must be at most 31536000000 (365 days)"));
    }

    private static String event(String type, String eventId, String occurredAt, String more) {
        return "{\"type\":\"" + type + "\",\"eventId\":\"" + eventId + "\",\"occurredAt\":\"" + occurredAt
                + "\",\"actor\":\"ci-runner\"" + more + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void badEventIsAProblemNamingTheFaultAndWritesNothing(String what, String body, int status, String named)
            throws Exception {
        List<RecordedEvent> before = ledger.events(id);

        HttpResponse<String> response = post("/api/v1/migrations/" + id + "/events", "application/json",
                HttpRequest.BodyPublishers.ofString(body));

        assertProblem(response, status, named);
        assertThat(ledger.events(id)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneFieldAtFault")
    void aFieldAtFaultIsListedApartFromWhatIsWrongWithIt(String what, String more, String field, String message)
            throws Exception {
        HttpResponse<String> response = post("/api/v1/migrations/" + id + "/events", "application/json",
                HttpRequest.BodyPublishers.ofString(event("phase-applied", UUID.randomUUID().toString(),
                        Instant.now().toString(), more)));

        assertProblem(response, 400, field + ": " + message);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
        assertThat(errors.get(0).get("message").asText()).isEqualTo(message);
    }

    static Stream<Arguments> oneFieldAtFault() {
        return Stream.of(
                Arguments.of("wrong JSON type", ",\"phase\":\"p1\",\"durationMs\":\"fast\"", "durationMs",
                        "must be a whole number"),
                Arguments.of("missing", "", "phase", "is required"),
                Arguments.of("given twice", ",\"phase\":\"p1\",\"phase\":\"p2\"", "phase", "is given twice"),
                Arguments.of("in a nested object", ",\"phase\":\"p1\",\"runner\":{\"tool\":7}", "runner.tool",
                        "must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typesAtFault")
    void aTypeMissingUnknownOrNotAStringIsTheTypeFieldAtFault(String what, String type, String message)
            throws Exception {
        String body = "{" + type + "\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"actor\":\"ci\",\"phase\":\"p1\"}";
        HttpResponse<String> response = post("/api/v1/migrations/" + id + "/events", "application/json",
                HttpRequest.BodyPublishers.ofString(body));

        assertProblem(response, 400, "type: " + message);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("type");
        assertThat(errors.get(0).get("message").asText()).startsWith(message);
    }

    static Stream<Arguments> typesAtFault() {
        String postable = "; a runner posts one of [aborted, completed, phase-applied, phase-failed, phase-started, "
                + "precheck-recorded, progress, rollback-failed, rollback-started, rolled-back, signed-off, "
                + "verification-failed, verified]";
        return Stream.of(
                Arguments.of("missing", "", "is required"),
                Arguments.of("unknown", "\"type\":\"phase-exploded\",", "unknown type 'phase-exploded'" + postable),
                Arguments.of("a number", "\"type\":5,", "unknown type '5'" + postable));
    }

    /** The first and last of every range are taken, and every read model can store them. */
    @Test
    void theEdgesOfTheRangesAreRecordedAndEveryReadModelTakesThem() throws Exception {
        String edges = "edges-" + UUID.randomUUID();
        ledger.plan(new MigrationPlan(edges, "orders-db", "staging", "1", null, null, MigrationKind.SCHEMA, null,
                "alice", null, null, 31_536_000L, Instant.parse("9999-12-31T23:59:59.999999Z"),
                List.of(new Phase("p1", "SELECT 1", null, null, true, 31_536_000L)), null, null));
        String path = "/api/v1/migrations/" + edges + "/events";

        HttpResponse<String> applied = post(path, "application/json", HttpRequest.BodyPublishers.ofString(
                event("phase-applied", UUID.randomUUID().toString(), "0001-01-01T00:00:00Z",
                        ",\"phase\":\"p1\",\"durationMs\":31536000000,\"lockWaitMs\":31536000000")));
        HttpResponse<String> progress = post(path, "application/json", HttpRequest.BodyPublishers.ofString(
                event("progress", UUID.randomUUID().toString(), Instant.now().toString(),
                        ",\"phase\":\"p1\",\"eta\":\"9999-12-31T23:59:59.999999Z\"")));

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        assertThat(progress.statusCode()).as(progress.body()).isEqualTo(201);
        for (String readModel : List.of("history", "timeline", "reports", "alerts", "policy")) {
            ReadModels.awaitCaughtUp(port, readModel);
        }
    }

    @Test
    void bodyOverOneMebibyteIsRefused() throws Exception {
        List<RecordedEvent> before = ledger.events(id);
        String huge = event("phase-applied", UUID.randomUUID().toString(), Instant.now().toString(),
                ",\"phase\":\"p1\",\"output\":\"" + "x".repeat(1024 * 1024) + "\"");
        String path = "/api/v1/migrations/" + id + "/events";

        HttpResponse<String> declared = post(path, "application/json", HttpRequest.BodyPublishers.ofString(huge));
        // Without a declared length the body is counted as it streams.
        byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> streamed = post(path, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));

        for (HttpResponse<String> response : List.of(declared, streamed)) {
            assertProblem(response, 413, "1048576 bytes");
            assertThat(JSON.readTree(response.body()).get("instance").asText()).isEqualTo(path);
        }
        assertThat(ledger.events(id)).isEqualTo(before);
    }

    @Test
    void bodyThatIsNotJsonIsUnsupported() throws Exception {
        HttpResponse<String> response = post("/api/v1/migrations/" + id + "/events", "text/plain",
                HttpRequest.BodyPublishers.ofString("phase-started"));
        assertProblem(response, 415, "text/plain");
        assertThat(JSON.readTree(response.body()).get("type").asText())
                .isEqualTo("urn:migration-ledger:problem:unsupported-media-type");
    }

    /** An empty value is not the parameter left out: ?asOf= would answer today's state. */
    @ParameterizedTest(name = "{0}")
    @MethodSource({"nulInQueries", "emptyInQueries"})
    void aQueryParameterHoldingNulOrNothingIsAProblemNamingIt(String path, String parameter, String problem)
            throws Exception {
        HttpResponse<String> response = HTTP.send(TestTokens.admin(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path))).build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 400, parameter + ": " + problem);
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo(parameter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsTomcatRefuses")
    void pathTomcatRefusesIsStillAProblem(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)), port).build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 400, "refused before it reached the ledger");
    }

    static Stream<String> pathsTomcatRefuses() {
        return Stream.of("/api/v1/migrations/a%2Fb/events", "/api/v1/migrations/a%00b");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsTheFirewallRefuses")
    void pathTheFirewallRefusesIsAProblemSayingWhy(String path, String why) throws Exception {
        RawResponse response = raw("GET " + path + " HTTP/1.0\r\nAuthorization: Bearer " + TestTokens.ci(port)
                + "\r\n\r\n");

        response.assertProblem(400, why);
        assertThat(JSON.readTree(response.body()).get("detail").asText())
                .startsWith("the request was refused before it reached the ledger");
    }

    static Stream<Arguments> pathsTheFirewallRefuses() {
        return Stream.of(Arguments.of("/api/v1/migrations/abc%2E", "\"%2E\""),
                Arguments.of("/api/v1/migrations/%2e%2e", "\"%2e\""),
                Arguments.of("/api/v1/migrations/a%252Fb", "\"%25\""),
                Arguments.of("/api/v1/migrations/a%25", "\"%25\""),
                Arguments.of("/api/v1/migrations/a;b", "\";\""),
                Arguments.of("/api/v1/migrations/a%3Bb", "\"%3B\""),
                Arguments.of("/api/v1//migrations/x", "\"//\""),
                Arguments.of("/api/v1/./migrations/x", "not normalized"),
                Arguments.of("/api/v1/../x", "not normalized"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TRACE", "FOO", "PUT", "PATCH", "OPTIONS"})
    void methodNoEndpointAnswersIsNotAllowed(String method) throws Exception {
        String path = "/api/v1/migrations/" + id;

        RawResponse response = raw(method + " " + path + " HTTP/1.0\r\nAuthorization: Bearer " + TestTokens.ci(port)
                + "\r\n\r\n");

        response.assertProblem(405, "the ledger does not answer " + method);
        assertThat(response.header("Allow")).hasValue("GET, HEAD, POST, DELETE");
        assertThat(JSON.readTree(response.body()).get("instance").asText()).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headsTomcatRefuses")
    void requestHeadTomcatRefusesIsAProblemSayingWhatIsWrong(String what, String head, int status, String why)
            throws Exception {
        List<RecordedEvent> before = ledger.events(id);

        raw(head).assertProblem(status, "refused before it reached the ledger: " + why);
        assertThat(ledger.events(id)).isEqualTo(before);
    }

    static Stream<Arguments> headsTomcatRefuses() {
        String post = "POST /api/v1/migrations HTTP/1.1\r\nHost: ledger\r\nContent-Type: application/json\r\n";
        return Stream.of(
                Arguments.of("negative Content-Length", post + "Content-Length: -1\r\n\r\n{}", 400,
                        "a header is malformed"),
                Arguments.of("oversized Content-Length", post + "Content-Length: 99999999999999999999999\r\n\r\n{}",
                        400, "a header is malformed"),
                Arguments.of("Content-Length twice", post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                        400, "a header is malformed"),
                Arguments.of("control character in Authorization", "GET /api/v1/history HTTP/1.1\r\nHost: ledger\r\n"
                        + "Authorization: Bearer mlg_\u0001x\r\n\r\n", 400, "a header is malformed"),
                Arguments.of("path that is not UTF-8", "GET /api/v1/migrations/%C0%AF HTTP/1.1\r\nHost: ledger\r\n\r\n",
                        400, "a header is malformed (a Content-Length that is negative, not a number or given twice?) "
                                + "or its path does not decode (percent-encoded bytes that are not UTF-8?)"),
                Arguments.of("| in the path", "GET /api/v1/migrations/a|b HTTP/1.1\r\nHost: ledger\r\n\r\n", 400,
                        "its request line is malformed"),
                Arguments.of("20 KB query", "GET /api/v1/history?q=" + "a".repeat(20_000)
                        + " HTTP/1.1\r\nHost: ledger\r\n\r\n", 414, "its request line (the path and query)"),
                Arguments.of("20 KB header", "GET /api/v1/history HTTP/1.1\r\nHost: ledger\r\nX-Padding: "
                        + "a".repeat(20_000) + "\r\n\r\n", 431, "its headers are too large"));
    }

    @Test
    void requestTomcatCannotParseLogsNoStackTrace(CapturedOutput output) throws Exception {
        raw("GET /api/v1/migrations/a|b HTTP/1.1\r\nHost: ledger\r\n\r\n").assertProblem(400, "request line");

        assertThat(output.getAll()).doesNotContain("Invalid character found in the request target");
        // Tomcat logs only the first such request at INFO, which another test may have sent already.
        assertThat(LoggerFactory.getLogger(Http11Processor.class).isInfoEnabled()).isFalse();
    }

    private static final String NUL = "contains U+0000";
    private static final String EMPTY = "is empty; give a value or leave the parameter out";

    static Stream<Arguments> nulInQueries() {
        return Stream.of(Arguments.of("/api/v1/history?q=%00", "q", NUL),
                Arguments.of("/api/v1/history?database=orders-db&actor=a%00b", "actor", NUL),
                Arguments.of("/api/v1/alerts?migrationId=%00", "migrationId", NUL),
                Arguments.of("/api/v1/ledger/verify?migrationId=x%00", "migrationId", NUL),
                Arguments.of("/api/v1/admin/reads?token=%00", "token", NUL));
    }

    static Stream<Arguments> emptyInQueries() {
        return Stream.of(Arguments.of("/api/v1/migrations/" + UUID.randomUUID() + "/timeline?asOf=", "asOf", EMPTY),
                Arguments.of("/api/v1/ledger/verify?migrationId=", "migrationId", EMPTY),
                Arguments.of("/api/v1/history?database=", "database", EMPTY),
                Arguments.of("/api/v1/history?limit=%20", "limit", EMPTY),
                Arguments.of("/api/v1/history?status=failed,,aborted", "status", EMPTY),
                Arguments.of("/api/v1/alerts?state=", "state", EMPTY),
                Arguments.of("/api/v1/reports/durations?groupBy=", "groupBy", EMPTY),
                Arguments.of("/api/v1/admin/reads?from=", "from", EMPTY));
    }

    @Test
    void eventForAnUnknownMigrationIsNotFound() throws Exception {
        HttpResponse<String> response = post("/api/v1/migrations/unknown-" + UUID.randomUUID() + "/events",
                "application/json", HttpRequest.BodyPublishers.ofString(event("phase-started",
                        UUID.randomUUID().toString(), Instant.now().toString(), ",\"phase\":\"p1\"")));
        assertProblem(response, 404, "no migration");
    }

    static Stream<Arguments> badPlans() {
        String phases = ",\"phases\":[{\"name\":\"p1\",\"action\":\"SELECT 1\"}]";
        String base = "\"database\":\"orders-db\",\"environment\":\"prod\",\"version\":\"1\",\"kind\":\"schema\","
                + "\"owner\":\"alice\"";
        return Stream.of(
                Arguments.of("id with a slash", "{\"id\":\"a/b\"," + base + phases + "}", "id"),
                Arguments.of("missing database", "{\"id\":\"m-" + UUID.randomUUID() + "\",\"environment\":\"prod\","
                        + "\"version\":\"1\",\"kind\":\"schema\",\"owner\":\"alice\"" + phases + "}",
                        "database: is required"),
                Arguments.of("phase without a name", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"phases\":[{\"action\":\"SELECT 1\"}]}", "phases[0].name: is required"),
                Arguments.of("phase without an action", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"phases\":[{\"name\":\"drop-it\",\"rollback\":\"SELECT 1\"}]}",
                        "phases[0].action: is required: the statement or command the phase runs"),
                Arguments.of("blank action", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"phases\":[{\"name\":\"p1\",\"action\":\" \\n\"}]}", "phases[0].action: is required"),
                Arguments.of("no phases", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base + ",\"phases\":[]}", "phases"),
                Arguments.of("duplicate phase", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"phases\":[{\"name\":\"p1\",\"action\":\"SELECT 1\"},"
                        + "{\"name\":\"p1\",\"action\":\"SELECT 2\"}]}",
                        "phases[1].name"),
                Arguments.of("unknown kind", "{\"id\":\"m-" + UUID.randomUUID() + "\",\"database\":\"d\",\"environment\":"
                        + "\"prod\",\"version\":\"1\",\"kind\":\"ddl\",\"owner\":\"alice\"" + phases + "}",
                        "kind: must be one of"),
                Arguments.of("NUL in a description", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"description\":\"a\\u0000b\"" + phases + "}", "description: contains U+0000"),
                Arguments.of("NUL in an action", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"phases\":[{\"name\":\"p1\",\"action\":\"SELECT 1;\\u0000\"}]}",
                        "phases[0].action: contains U+0000"),
                Arguments.of("unpaired surrogate in a reviewer", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"reviewers\":[\"dave\\ud800\"]" + phases + "}", "reviewers[0]: contains an unpaired"),
                Arguments.of("number for the version", "{\"id\":\"m-" + UUID.randomUUID() + "\",\"database\":\"d\","
                        + "\"environment\":\"prod\",\"version\":1,\"kind\":\"schema\",\"owner\":\"alice\""
                        + phases + "}", "version: must be a string"),
                Arguments.of("number for forwardOnly", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"phases\":[{\"name\":\"p1\",\"forwardOnly\":1}]}", "phases[0].forwardOnly: must be true or false"),
                Arguments.of("padded owner", "{\"id\":\"m-" + UUID.randomUUID() + "\",\"database\":\"d\","
                        + "\"environment\":\"prod\",\"version\":\"1\",\"kind\":\"schema\",\"owner\":\"alice \""
                        + phases + "}", "owner: must not begin or end with white space"),
                Arguments.of("text after the plan", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base + phases
                        + "} garbage", "malformed JSON: Unrecognized token 'garbage'"),
                Arguments.of("phase name given twice", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"phases\":[{\"name\":\"p1\",\"name\":\"p2\"}]}", "phases[0].name: is given twice"),
                Arguments.of("null for a phase", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"phases\":[null]}", "phases[0]: must not be null"),
                Arguments.of("null among the reviewers", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"reviewers\":[\"bob\",null]" + phases + "}", "reviewers[1]: must not be null"),
                Arguments.of("estimate over a year", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"estimatedSeconds\":9223372036854776" + phases + "}",
                        "estimatedSeconds: must be at most 31536000 (365 days)"),
                Arguments.of("phase estimate over a year", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"phases\":[{\"name\":\"p1\",\"estimatedSeconds\":9223372036854775807}]}",
                        "phases[0].estimatedSeconds: must be at most 31536000 (365 days)"),
                Arguments.of("scheduled before year 1", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"scheduledFor\":\"-5000-01-01T00:00:00Z\"" + phases + "}",
                        "scheduledFor: must be in the years 0001 through 9999"),
                Arguments.of("scheduled past year 9999", "{\"id\":\"m-" + UUID.randomUUID() + "\"," + base
                        + ",\"scheduledFor\":\"+300000-01-01T00:00:00Z\"" + phases + "}",
                        "scheduledFor: must be in the years 0001 through 9999"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPlans")
    void badPlanIsAProblemNamingTheFaultAndPlansNothing(String what, String body, String named) throws Exception {
        assertProblem(post("/api/v1/migrations", "application/json", HttpRequest.BodyPublishers.ofString(body)), 400, named);
        JsonNode plan = JSON.readTree(body);
        if (plan.hasNonNull("id") && !plan.get("id").asText().contains("/")) {
            HttpResponse<String> state = HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/migrations/" + plan.get("id").asText())), port).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anEndpointThatReadsNoParameterRefusesAnyBeforeItDoesAnything() throws Exception {
        List<RecordedEvent> before = ledger.events(id);
        String abort = event("aborted", UUID.randomUUID().toString(), Instant.now().toString(), ",\"reason\":\"try\"");
        assertProblem(post("/api/v1/migrations/" + id + "/events?dryRun=true", "application/json",
                HttpRequest.BodyPublishers.ofString(abort)), 400,
                "dryRun: unknown parameter; this endpoint takes none");
        assertThat(ledger.events(id)).isEqualTo(before);

        String other = "bad-input-" + UUID.randomUUID();
        String plan = "{\"id\":\"" + other + "\",\"database\":\"orders-db\",\"environment\":\"staging\","
                + "\"version\":\"1\",\"kind\":\"schema\",\"owner\":\"alice\",\"phases\":[{\"name\":\"p1\","
                + "\"action\":\"SELECT 1\",\"forwardOnly\":true}]}";
        assertProblem(post("/api/v1/migrations?validateOnly=true", "application/json",
                HttpRequest.BodyPublishers.ofString(plan)), 400, "validateOnly: unknown parameter");
        assertThat(get("/api/v1/migrations/" + other, false).statusCode()).isEqualTo(404);

        for (String path : List.of("/api/v1/migrations/" + id + "?asOf=2026-01-01T00:00:00Z",
                "/api/v1/migrations/" + id + "/events?after=3", "/api/v1/migrations/" + id + "/compliance?x=1",
                "/api/v1/ledger/public-key?x=1")) {
            assertProblem(get(path, false), 400, path.substring(path.indexOf('?') + 1, path.indexOf('='))
                    + ": unknown parameter; this endpoint takes none");
        }
        for (String path : List.of("/api/v1/admin/tokens?all=true", "/api/v1/admin/projections?x=1",
                "/api/v1/admin/projections/history?x=1")) {
            assertProblem(get(path, true), 400, "unknown parameter; this endpoint takes none");
        }
        assertThat(get("/api/v1/migrations/" + id, false).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/metrics/jvm.memory.used?tag=area:heap", true).statusCode())
                .as("the actuator reads its own parameters").isEqualTo(200);
    }

    private HttpResponse<String> get(String path, boolean admin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return HTTP.send((admin ? TestTokens.admin(request) : TestTokens.authorized(request, port)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(TestTokens.authorized(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)), port)
                .header("Content-Type", contentType).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code head} as it is, which HttpClient would refuse or correct, and reads the whole answer. */
    private RawResponse raw(String head) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            return new RawResponse(answer.substring(0, end), answer.substring(end + 4));
        }
    }

    /** An answer read off the socket; its body is whole, as every answer here closes the connection. */
    private record RawResponse(String head, String body) {

        int status() {
            return Integer.parseInt(head.split(" ")[1]);
        }

        Optional<String> header(String name) {
            return head.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip()).findFirst();
        }

        void assertProblem(int status, String named) throws Exception {
            assertThat(status()).as(head + "\n" + body).isEqualTo(status);
            assertThat(header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("type").asText()).startsWith("urn:migration-ledger:problem:");
            assertThat(problem.get("detail").asText()).contains(named);
        }
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
