package io.ledger.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCommandTest {

    private static final String ISSUED = """
            {"name": "ci", "token": "mlg_secret", "roles": ["runner", "approver"],
             "scope": {"databases": ["orders-db"], "environments": ["staging"]},
             "createdAt": "2026-05-12T02:00:00Z", "expiresAt": null}""";

    @TempDir
    Path workingDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile int status = 201;
    private volatile String answer = ISSUED;
    private final HttpServer ledger = ledger();
    private String url = "http://127.0.0.1:" + ledger.getAddress().getPort();

    @AfterEach
    void stopLedger() {
        ledger.stop(0);
    }

    @Test
    void rolesMayBeSeparatedByCommasOrRepeated() throws IOException {
        int exit = token("create", "ci", "--role", "runner,approver", "--role", "auditor",
                "--database", "orders-db", "--environment", "staging");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualToIgnoringNewLines("mlg_secret");
        JsonNode request = new ObjectMapper().readTree(received.get(0).substring(received.get(0).indexOf(' ') + 1));
        assertThat(request.get("roles")).extracting(JsonNode::asText).containsExactly("runner", "approver", "auditor");
    }

    @Test
    void aRefusedTokenExitsThreeAsForFlushAndAnyOtherRefusalOne() {
        status = 401;
        answer = problem(401, "token unknown, revoked or expired");
        assertThat(token("list")).isEqualTo(TokenCommand.TOKEN_REFUSED).isEqualTo(3);
        status = 403;
        answer = problem(403, "needs the admin role");
        assertThat(token("revoke", "ci")).isEqualTo(3);
        assertThat(err.toString().lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("the ledger refused the token: ledger rejected the request with 40"));
        status = 409;
        answer = problem(409, "the name ci is taken");
        assertThat(token("create", "ci", "--role", "auditor")).isEqualTo(TokenCommand.REFUSED);
        assertThat(err.toString()).contains("refused: ledger rejected the request with 409");
    }

    @Test
    void anUnknownRoleAmongSeveralIsAUsageErrorNamingIt() {
        int exit = token("create", "ci", "--role", "runner,owner", "--database", "orders-db",
                "--environment", "staging");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown role 'owner': use runner, approver, auditor or admin");
        assertThat(received).isEmpty();
    }

    @Test
    void anExpiryPastTheYear9999IsAUsageErrorSayingHowLongIsAllowed() {
        int exit = token("create", "r1", "--role", "runner", "--database", "x", "--environment", "y",
                "--expires-in", "99999999999999d");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--expires-in must end before +10000-01-01T00:00:00Z")
                .containsPattern("at most \\d{7}d, was '99999999999999d'")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(received).isEmpty();
    }

    @Test
    void aUrlEndingInTheApiPathIsAUsageErrorNamingTheOption() {
        url = "http://127.0.0.1:1/api/v1/";

        int exit = token("list");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--url (or LEDGER_URL) is the ledger's root URL, without /api/v1 (the "
                + "client adds it): use http://127.0.0.1:1, was http://127.0.0.1:1/api/v1/");
    }

    private static String problem(int status, String detail) {
        return "{\"type\": \"about:blank\", \"title\": \"Refused\", \"status\": " + status + ", \"detail\": \""
                + detail + "\"}";
    }

    /** {@code ledger token SUBCOMMAND --url ... --token ... ARGUMENTS...}. */
    private int token(String subcommand, String... arguments) {
        List<String> line = new ArrayList<>(List.of("token", subcommand, "--url", url, "--token", "mlg_admin"));
        line.addAll(List.of(arguments));
        return LedgerCommand.commandLine(workingDirectory).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(line.toArray(String[]::new));
    }

    /** A ledger that records each request as "METHOD BODY" and answers {@link #status} with {@link #answer}. */
    private HttpServer ledger() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                received.add(exchange.getRequestMethod() + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", status < 400 ? "application/json"
                        : "application/problem+json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
