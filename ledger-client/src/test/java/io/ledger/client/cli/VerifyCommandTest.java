package io.ledger.client.cli;

import com.sun.net.httpserver.HttpServer;
import io.ledger.api.integrity.Checkpoint;
import io.ledger.client.internal.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {

    private static final String INTACT = """
            {"ok": true, "checkedEvents": 1342, "unsealedEvents": 2, "checkpoints": 12, "invalidatedSignOffs": []}""";
    private static final String BROKEN = """
            {"ok": false, "checkedEvents": 1342, "unsealedEvents": 0, "checkpoints": 12,
             "firstBroken": {"kind": "payload-changed", "migrationId": "orders-status-v42@staging", "sequence": 4,
                             "position": 57, "eventId": "5b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11",
                             "message": "the payload of event 4 of orders-status-v42@staging is not the one sealed"},
             "invalidatedSignOffs": [{"kind": "sign-off-invalidated", "migrationId": "orders-status-v42@staging",
                             "sequence": 7, "position": 61, "eventId": "7c1e", "message": "binds broken events"}],
             "broken": [{"kind": "payload-changed", "migrationId": "orders-status-v42@staging", "sequence": 4,
                         "position": 57, "eventId": "5b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11",
                         "message": "the payload of event 4 of orders-status-v42@staging is not the one sealed"},
                        {"kind": "event-deleted", "migrationId": "billing-v7@prod", "sequence": 3, "position": 301,
                         "eventId": "9d2f", "message": "event 3 of billing-v7@prod is no longer stored"}]}""";

    @TempDir
    Path workingDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private String answer = INTACT;
    private int status = 200;
    private String contentType = "application/json";
    private final HttpServer ledger = ledger();

    @AfterEach
    void stopLedger() {
        ledger.stop(0);
    }

    @Test
    void intactLedgerExitsZero() {
        int exit = verify("--url", url());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("ledger: intact, 1342 events checked (2 not sealed yet), 12 checkpoints");
        assertThat(received).containsExactly("GET /api/v1/ledger/verify ");
    }

    @Test
    void brokenLedgerExitsOneNamingTheEventAndTheSignOffsItInvalidates() {
        answer = BROKEN;

        int exit = verify("--url", url());

        assertThat(exit).isEqualTo(VerifyCommand.BROKEN);
        assertThat(out.toString()).contains("ledger: BROKEN", "first broken link: payload-changed at position 57 event 4 "
                + "of orders-status-v42@staging (eventId 5b0e6a52-3f1c-4c3e-9a59-0c3a3f0e2d11)",
                "invalidated sign-off: sign-off-invalidated at position 61 event 7 of orders-status-v42@staging",
                "also broken: event-deleted at position 301 event 3 of billing-v7@prod");
        assertThat(out.toString()).doesNotContain("also broken: payload-changed");
    }

    @Test
    void oneMigrationIsVerifiedOnItsOwn() {
        int exit = verify("--url", url(), "--migration", "orders-status-v42@staging");

        assertThat(exit).isZero();
        assertThat(received).containsExactly("GET /api/v1/ledger/verify migrationId=orders-status-v42%40staging");
        assertThat(out.toString()).contains("migration orders-status-v42@staging: intact");
    }

    @Test
    void checkpointWithAValidSignatureIsCheckedOfflineThenAgainstTheLedger() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Checkpoint checkpoint = signed(key);
        write(checkpoint, key);

        int offline = verify("--checkpoint", "checkpoint.json", "--public-key", "ledger.pem");
        int online = verify("--checkpoint", "checkpoint.json", "--public-key", "ledger.pem", "--url", url());

        assertThat(offline).isZero();
        assertThat(online).isZero();
        assertThat(out.toString()).contains("the checkpoint given: holds");
        assertThat(out.toString()).contains("checkpoint of 1200 events up to position 1342, 2026-05-12T02:00:00.120Z: "
                + "signature valid for key " + CheckpointSignature.keyId(key.getPublic()));
        assertThat(received).singleElement().asString().startsWith("POST /api/v1/ledger/verify ")
                .contains("\"chainHash\":\"" + checkpoint.chainHash() + "\"", checkpoint.signature());
    }

    @Test
    void checkpointWithABadSignatureExitsOneWithoutAskingTheLedger() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Checkpoint checkpoint = signed(key);
        Checkpoint altered = new Checkpoint(checkpoint.events() + 1, checkpoint.position(), checkpoint.chainHash(),
                checkpoint.createdAt(), checkpoint.keyId(), checkpoint.algorithm(), null, checkpoint.signature());
        write(altered, key);

        int exit = verify("--checkpoint", "checkpoint.json", "--public-key", "ledger.pem", "--url", url());

        assertThat(exit).isEqualTo(VerifyCommand.BROKEN);
        assertThat(out.toString()).contains("signature INVALID");
        assertThat(received).isEmpty();
    }

    @Test
    void checkpointSignedByAnotherKeyIsInvalid() throws Exception {
        write(signed(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()),
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair());

        assertThat(verify("--checkpoint", "checkpoint.json", "--public-key", "ledger.pem"))
                .isEqualTo(VerifyCommand.BROKEN);
    }

    @Test
    void unavailableLedgerExitsThree() throws IOException {
        int exit = verify("--url", "http://127.0.0.1:" + closedPort());

        assertThat(exit).isEqualTo(VerifyCommand.UNAVAILABLE);
        assertThat(err.toString()).contains("the ledger is unavailable");
    }

    @Test
    void aRefusedTokenExitsThreeAsForFlushNeitherBrokenNorAUsageError() {
        contentType = "application/problem+json";
        status = 401;
        answer = "{\"title\": \"Unauthorized\", \"status\": 401, \"detail\": \"token unknown\"}";
        assertThat(verify("--url", url())).isEqualTo(VerifyCommand.TOKEN_REFUSED).isEqualTo(3);
        status = 403;
        answer = "{\"title\": \"Forbidden\", \"status\": 403, \"detail\": \"needs the auditor role\"}";
        assertThat(verify("--url", url(), "--migration", "orders-status-v42@staging")).isEqualTo(3);

        assertThat(err.toString().lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("ledger verify: the ledger refused the token: ledger rejected the request with 40"));
    }

    @Test
    void aRedirectingProxyExitsThreeOnOneLineNeverOne() throws Exception {
        status = 307;
        answer = "";
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        write(signed(key), key);

        assertThat(verify("--url", url())).isEqualTo(VerifyCommand.UNAVAILABLE);
        assertThat(verify("--checkpoint", "checkpoint.json", "--public-key", "ledger.pem", "--url", url()))
                .isEqualTo(VerifyCommand.UNAVAILABLE);
        assertThat(err.toString().lines()).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("ledger verify: nothing was verified: ")
                        .contains("307"));
    }

    @Test
    void anHtmlPageInsteadOfAVerificationExitsThreeOnOneLine() {
        contentType = "text/html";
        answer = "<html><body>Sign in</body></html>";

        assertThat(verify("--url", url())).isEqualTo(VerifyCommand.UNAVAILABLE);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("the ledger answered 200 with a body that is not a Verification");
    }

    @Test
    void aVerificationThatCannotBeAnsweredIsAskedForOnceNotRetried() {
        status = 503;
        answer = "";

        assertThat(verify("--url", url())).isEqualTo(VerifyCommand.UNAVAILABLE);
        assertThat(received).hasSize(1);
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Files.writeString(workingDirectory.resolve("checkpoint.json"), "not json");

        assertThat(verify()).isEqualTo(VerifyCommand.USAGE_ERROR);
        assertThat(verify("--checkpoint", "checkpoint.json")).isEqualTo(VerifyCommand.USAGE_ERROR);
        assertThat(err.toString()).contains("--checkpoint needs --public-key");
        assertThat(verify("--migration", "m")).isEqualTo(VerifyCommand.USAGE_ERROR);
        Files.writeString(workingDirectory.resolve("ledger.pem"), "not a key");
        assertThat(verify("--checkpoint", "checkpoint.json", "--public-key", "ledger.pem"))
                .isEqualTo(VerifyCommand.USAGE_ERROR);
        assertThat(received).isEmpty();
    }

    @Test
    void aCheckpointFileThatIsMissingOrNotJsonIsNamedAsSuch() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        write(signed(key), key);

        assertThat(verify("--checkpoint", "missing.json", "--public-key", "ledger.pem"))
                .isEqualTo(VerifyCommand.USAGE_ERROR);
        assertThat(err.toString()).contains("--checkpoint missing.json does not exist");
        Files.writeString(workingDirectory.resolve("checkpoint.json"), "not json");
        assertThat(verify("--checkpoint", "checkpoint.json", "--public-key", "ledger.pem"))
                .isEqualTo(VerifyCommand.USAGE_ERROR);
        assertThat(err.toString()).contains("--checkpoint checkpoint.json is not a checkpoint the ledger gave: "
                + "Unrecognized token 'not'").doesNotContain("REDACTED");
        assertThat(received).isEmpty();
    }

    private Checkpoint signed(KeyPair key) throws Exception {
        Checkpoint unsigned = new Checkpoint(1200, 1342, "9f2c".repeat(16), Instant.parse("2026-05-12T02:00:00.120Z"),
                CheckpointSignature.keyId(key.getPublic()), "Ed25519", null, null);
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key.getPrivate());
        signature.update(unsigned.signedText().getBytes(StandardCharsets.UTF_8));
        return new Checkpoint(unsigned.events(), unsigned.position(), unsigned.chainHash(), unsigned.createdAt(),
                unsigned.keyId(), unsigned.algorithm(), null, Base64.getEncoder().encodeToString(signature.sign()));
    }

    private void write(Checkpoint checkpoint, KeyPair key) throws IOException {
        Files.writeString(workingDirectory.resolve("checkpoint.json"), Json.newMapper().writeValueAsString(checkpoint));
        Files.writeString(workingDirectory.resolve("ledger.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    }

    private int verify(String... arguments) {
        String[] withCommand = new String[arguments.length + 3];
        withCommand[0] = "verify";
        withCommand[1] = "--token";
        withCommand[2] = "mlg_auditor";
        System.arraycopy(arguments, 0, withCommand, 3, arguments.length);
        return LedgerCommand.commandLine(workingDirectory).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(withCommand);
    }

    private String url() {
        return "http://127.0.0.1:" + ledger.getAddress().getPort();
    }

    private HttpServer ledger() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String query = exchange.getRequestURI().getRawQuery();
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                        + (query == null ? "" : query) + new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.getResponseHeaders().set("Location", "https://login.example.com/");
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

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
