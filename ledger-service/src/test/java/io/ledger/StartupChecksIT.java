package io.ledger;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
