package io.ledger.client.cli;

import com.sun.net.httpserver.HttpServer;
import io.ledger.api.PrecheckStatus;
import io.ledger.client.LedgerClient;
import io.ledger.client.RetryPolicy;
import io.ledger.client.SpooledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FlushCommandTest {

    @TempDir
    Path workingDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer ledger = recordingLedger();
    private volatile int status = 201;

    @AfterEach
    void stopLedger() {
        ledger.stop(0);
    }

    @Test
    void deliversWhatTheSpoolHoldsAndExitsZero() throws IOException {
        spoolOneEvent();

        int exit = flush("--url", "http://127.0.0.1:" + ledger.getAddress().getPort(), "--token", "mlg_t",
                "--spool", "spool");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("delivered 1, rejected 0, still spooled 0");
        assertThat(received).singleElement().asString().contains("precheck-recorded");
        assertThat(authorizations).containsExactly("Bearer mlg_t");
    }

    @Test
    void exitsTwoWithoutAToken() throws IOException {
        spoolOneEvent();

        assertThat(flush("--url", "http://127.0.0.1:" + ledger.getAddress().getPort(), "--spool", "spool"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Missing a token: set LEDGER_TOKEN or give --token");
        assertThat(received).isEmpty();
    }

    @Test
    void exitsThreeWhenTheLedgerStaysUnavailable() throws IOException {
        spoolOneEvent();

        int exit = flush("--url", "http://127.0.0.1:" + closedPort(), "--token", "mlg_t", "--spool", "spool");

        assertThat(exit).isEqualTo(FlushCommand.UNAVAILABLE);
        assertThat(out.toString()).contains("stopped: ledger unavailable after ")
                .contains("still spooled 1");
    }

    @Test
    void exitsThreeAndSaysSoWhenTheLedgerRefusesTheToken() throws IOException {
        spoolOneEvent();
        status = 401;

        int exit = flush("--url", "http://127.0.0.1:" + ledger.getAddress().getPort(), "--token", "mlg_revoked",
                "--spool", "spool");

        assertThat(exit).isEqualTo(FlushCommand.UNAVAILABLE);
        assertThat(out.toString()).contains("stopped: the ledger refused the token (401)")
                .contains("delivered 0, rejected 0, still spooled 1");
    }

    @Test
    void exitsTwoWithoutASpool() {
        assertThat(flush("--url", "http://127.0.0.1:1", "--token", "mlg_t")).isEqualTo(2);
        assertThat(err.toString()).contains("--spool");
    }

    private void spoolOneEvent() throws IOException {
        LedgerClient down = LedgerClient.builder().baseUrl("http://127.0.0.1:" + closedPort()).token("mlg_test")
                .retryPolicy(RetryPolicy.none()).spool(workingDirectory.resolve("spool")).build();
        assertThatExceptionOfType(SpooledException.class).isThrownBy(() ->
                down.forMigration("m1").precheck("backup-taken", PrecheckStatus.PASSED, "snapshot"));
    }

    private int flush(String... arguments) {
        String[] withCommand = new String[arguments.length + 1];
        withCommand[0] = "flush";
        System.arraycopy(arguments, 0, withCommand, 1, arguments.length);
        return LedgerCommand.commandLine(workingDirectory).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(withCommand);
    }

    private HttpServer recordingLedger() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                received.add(new String(exchange.getRequestBody().readAllBytes()));
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.sendResponseHeaders(status, -1);
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
