package io.ledger;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start that cannot work, on the packaged service as an operator runs it: it stops with the problem and its fix,
 * before it has started Tomcat, a connection pool or PostgreSQL, and without a stack trace.
 */
class StartupChecksIT {

    @TempDir
    Path root;

    @Test
    void aPortInUseStopsTheStartBeforeTheDatabaseStarts() throws Exception {
        Path data = root.resolve("data");
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            ServiceProcess.Exit exit = ServiceProcess.startFailing(port, data);

            exit.assertStoppedAtOnce("Cannot listen on port " + port + " (Address already in use).",
                    "Stop the process that listens on port " + port + ", or set SERVER_PORT (server.port) to a free "
                            + "port.");
        }
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenStopsTheStartBeforeAnythingStarts() throws Exception {
        Path unwritable = Files.createFile(root.resolve("a-file")).resolve("data");

        ServiceProcess.Exit exit = ServiceProcess.startFailing(ServiceProcess.freePort(), root.resolve("data"),
                "--ledger.embedded.data-dir=" + unwritable);

        exit.assertStoppedAtOnce("Data directory " + unwritable + " is not writable (Not a directory).",
                "Set LEDGER_DATA_DIR (ledger.embedded.data-dir) to a directory this user can write.");
    }

    @Test
    void aDataDirectoryAnotherLedgerHoldsStopsTheStartBeforeAnythingStarts() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        // Held by this JVM, as a running ledger's process holds it.
        try (FileChannel channel = FileChannel.open(data.resolve("ledger.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {

            ServiceProcess.Exit exit = ServiceProcess.startFailing(ServiceProcess.freePort(), data);

            exit.assertStoppedAtOnce("Data directory " + data + " is in use by another running ledger.",
                    "Stop that ledger, or set LEDGER_DATA_DIR (ledger.embedded.data-dir) to another directory.");
            assertThat(held.isValid()).isTrue();
        }
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void anUnreachableDatabaseStopsTheStartBeforeAnythingStarts() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/ledger";
        Path data = root.resolve("data");

        ServiceProcess.Exit exit = ServiceProcess.startFailing(ServiceProcess.freePort(), data,
                "--spring.datasource.url=" + url);

        exit.assertStoppedAtOnce("Cannot reach the PostgreSQL database at " + url + ": connection refused.",
                "Start that PostgreSQL or correct LEDGER_DB_URL (LEDGER_DB_USER and LEDGER_DB_PASSWORD give the "
                        + "login); leave LEDGER_DB_URL empty to use the embedded PostgreSQL instead.");
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresqlStopsTheStartWithoutShowingItsPassword() throws Exception {
        Path data = root.resolve("data");

        ServiceProcess.Exit exit = ServiceProcess.startFailing(ServiceProcess.freePort(), data,
                "--spring.datasource.url=jdbc:postgres://ledger:hunter2@127.0.0.1:5432/ledger?password=hunter2");

        exit.assertStoppedAtOnce("LEDGER_DB_URL (spring.datasource.url) is not a PostgreSQL JDBC URL: "
                        + "jdbc:postgres://ledger:****@127.0.0.1:5432/ledger?password=****.",
                "Write it as jdbc:postgresql://HOST:PORT/DATABASE, with the login in LEDGER_DB_USER and "
                        + "LEDGER_DB_PASSWORD.");
        assertThat(exit.output()).doesNotContain("hunter2");
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void aPortOutsideTheRangeStopsTheStartAtOnce() throws Exception {
        for (int port : new int[] {70000, -1}) {
            ServiceProcess.Exit exit = ServiceProcess.startFailing(port, root.resolve("data-" + (port < 0 ? "m" : "")
                    + Math.abs(port)));

            exit.assertStoppedAtOnce("Cannot listen on port " + port + ": a port is a number from 1 to 65535.",
                    "Set SERVER_PORT (server.port) to a free port from 1 to 65535, or to 0 for any free port.");
        }
    }

    @Test
    void aMisspelledSettingStopsTheStartInsteadOfBeingIgnored() throws Exception {
        ServiceProcess.Exit exit = ServiceProcess.startFailing(ServiceProcess.freePort(), root.resolve("data"),
                "--ledger.alerts.scan-intervall=1s");

        exit.assertStoppedAtOnce("Unknown setting ledger.alerts.scan-intervall (\"ledger.alerts.scan-intervall\" "
                        + "from property source \"commandLineArgs\").",
                "Correct or remove it: docs/configuration.md lists every ledger.* setting.");
    }

    @Test
    void aSigningKeyThatCannotBeReadStopsTheStartBeforeTheDatabaseStarts() throws Exception {
        Path data = root.resolve("data");
        Path key = root.resolve("no-such-key.pem");

        ServiceProcess.Exit exit = ServiceProcess.startFailing(ServiceProcess.freePort(), data,
                "--ledger.checkpoints.signing-key-file=" + key);

        exit.assertStoppedAtOnce("Cannot read the checkpoint signing key " + key + " (no such file).",
                "Set LEDGER_SIGNING_KEY_FILE to a readable file holding one (openssl genpkey -algorithm ed25519 -out "
                        + "FILE).");
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
