package io.ledger.client.cli;

import com.sun.net.httpserver.HttpServer;
import io.ledger.api.PrecheckStatus;
import io.ledger.client.LedgerClient;
import io.ledger.client.RetryPolicy;
import io.ledger.client.SpooledException;
import io.ledger.client.internal.SpoolDirectory;
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

        int exit = flush("--url", "http://127.0.0.1:" + ledger.getAddress().getPort(), "--token", "mlg_t",
                "--spool", "spool");

        assertThat(exit).isEqualTo(FlushCommand.UNAVAILABLE);
        assertThat(out.toString()).contains("stopped: the ledger refused the token (401)")
                .contains("delivered 0, rejected 0, still spooled 1");
    }

    @Test
    void exitsOneAndSaysSoWhenARecordWasDamagedOnDisk() throws IOException {
        spoolOneEvent();
        Path log = queue().resolve("spool.log");
        byte[] bytes = Files.readAllBytes(log);
        bytes[bytes.length - 3] ^= 1;
        Files.write(log, bytes);

        int exit = flush("--url", "http://127.0.0.1:" + ledger.getAddress().getPort(), "--token", "mlg_t",
                "--spool", "spool");

        assertThat(exit).isEqualTo(FlushCommand.REJECTED);
        assertThat(out.toString()).contains("damaged 1 record(s)").contains("still spooled 0");
        assertThat(received).isEmpty();
    }

    @Test
    void exitsTwoWithoutASpool() {
        assertThat(flush("--url", "http://127.0.0.1:1", "--token", "mlg_t")).isEqualTo(2);
        assertThat(err.toString()).contains("--spool");
    }

    @Test
    void aSpoolThatCannotBeLockedExitsTwoOnOneLineNamingTheFile() throws IOException {
        spoolOneEvent();
        // As a lock file another user owns would: root, which runs some builds, may open any file but no directory.
        Files.createDirectory(queue().resolve("flush.lock"));

        int exit = flush("--url", "http://127.0.0.1:" + ledger.getAddress().getPort(), "--token", "mlg_t",
                "--spool", "spool");

        assertThat(exit).isEqualTo(FlushCommand.SPOOL_PROBLEM);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("ledger flush: cannot lock the spool ").contains("flush.lock");
        assertThat(received).isEmpty();
    }

    @Test
    void aMissingSpoolIsAUsageErrorAndIsNotCreated() {
        int exit = flush("--url", "http://127.0.0.1:" + ledger.getAddress().getPort(), "--token", "mlg_t",
                "--spool", "s1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--spool s1 is not a directory: it does not exist");
        assertThat(workingDirectory.resolve("s1")).doesNotExist();
    }

    @Test
    void anEmptySpoolPathIsAUsageErrorRatherThanTheWorkingDirectory() {
        int exit = flush("--url", "http://127.0.0.1:" + ledger.getAddress().getPort(), "--token", "mlg_t",
                "--spool", "");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--spool must name a spool directory");
        assertThat(workingDirectory.resolve("flush.lock")).doesNotExist();
    }

    @Test
    void aBadUrlIsAUsageErrorNamingTheOption() throws IOException {
        spoolOneEvent();

        assertThat(flush("--url", "http://localhost:99999", "--token", "mlg_t", "--spool", "spool")).isEqualTo(2);
        assertThat(err.toString()).contains("--url (or LEDGER_URL) must have a port from 1 to 65535")
                .doesNotContain("baseUrl");
    }

    @Test
    void leavesWhatAnotherTokenSpooledAndSaysWhereAndHowToDeliverIt() throws IOException {
        spoolOneEvent();
        String url = "http://127.0.0.1:" + ledger.getAddress().getPort();

        int exit = flush("--url", url, "--token", "mlg_another", "--spool", "spool");

        assertThat(exit).isZero();
        assertThat(received).isEmpty();
        assertThat(out.toString()).contains("left 1 request(s) spooled with another token in " + queue().toRealPath()
                + ": flush with that token to deliver them, or name that directory as --spool to deliver them with "
                + "this one (recorded as this token's)").contains("delivered 0, rejected 0, still spooled 0");

        assertThat(flush("--url", url, "--token", "mlg_another", "--spool", workingDirectory.relativize(queue())
                .toString())).isZero();
        assertThat(authorizations).containsExactly("Bearer mlg_another");
    }

    private Path queue() {
        return workingDirectory.resolve("spool").resolve(SpoolDirectory.queueName("mlg_t"));
    }

    private void spoolOneEvent() throws IOException {
        LedgerClient down = LedgerClient.builder().baseUrl("http://127.0.0.1:" + closedPort()).token("mlg_t")
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
                String event = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(event);
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                if (status == 201) {
                    // The ledger's record of the event: nothing less counts as delivered.
                    byte[] record = ("{\"migrationId\":\"m1\",\"sequence\":1,\"position\":1,\"event\":" + event + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, record.length);
                    exchange.getResponseBody().write(record);
                } else {
                    exchange.sendResponseHeaders(status, -1);
                }
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
