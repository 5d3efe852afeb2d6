package io.ledger.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresIT {

    // the default cache, so that test runs share one extraction
    private static final Path BINARIES = new LedgerProperties.Embedded(Path.of("data"), null).binariesDir();

    @TempDir
    Path temp;

    private final List<Path> killedLedgerDataDirs = new ArrayList<>();

    private final List<Process> ledgers = new ArrayList<>();

    @AfterEach
    void stopWhatKilledLedgersLeftRunning() throws Exception {
        for (Process ledger : ledgers) {
            ledger.destroyForcibly().waitFor();
        }
        for (Path dataDir : killedLedgerDataDirs) {
            Optional<ProcessHandle> postmaster = postmaster(dataDir);
            if (postmaster.isPresent()) {
                postmaster.get().destroy();
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void dataSurvivesARestart() throws SQLException {
        Path dataDir = temp.resolve("data");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, BINARIES)) {
            execute(postgres, "CREATE TABLE note (text text)", "INSERT INTO note VALUES ('before restart')");
        }

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, BINARIES)) {
            assertThat(notes(postgres)).containsExactly("before restart");
        }
    }

    @Test
    void postgresLeftRunningByAKilledLedgerIsStoppedAndItsDataKept() throws Exception {
        Path dataDir = temp.resolve("data");
        Process ledger = startLedgerInAnotherJvm(dataDir, "written before the kill");

        ledger.destroyForcibly().waitFor();
        ProcessHandle orphan = postmaster(dataDir).orElseThrow();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, BINARIES)) {
            assertThat(notes(postgres)).containsExactly("written before the kill");
            assertThat(postmaster(dataDir).orElseThrow().pid()).isNotEqualTo(orphan.pid());
            // pg_ctl stop returns once the pid file is gone, a moment before the process ends
            assertThat(orphan.onExit()).succeedsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void aSecondLedgerOnTheSameDataDirectoryIsRefused() throws Exception {
        Path dataDir = temp.resolve("data");
        startLedgerInAnotherJvm(dataDir, "first ledger");

        assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir, BINARIES))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessage("Data directory " + dataDir.toAbsolutePath() + " is in use by another running ledger. "
                        + "Stop that ledger, or set LEDGER_DATA_DIR (ledger.embedded.data-dir) to another directory");
    }

    @Test
    void aSecondLedgerInTheSameJvmIsRefused() {
        Path dataDir = temp.resolve("data");
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dataDir, BINARIES)) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir, BINARIES))
                    .hasMessageContaining("is in use by another running ledger");
        }
    }

    @Test
    void unwritableDataDirectoryNamesThePathAndTheSetting() throws IOException {
        // File permissions do not stop root, but no one can create a directory inside a regular file.
        Path file = Files.createFile(temp.resolve("a-file"));
        Path dataDir = file.resolve("data");

        assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir, BINARIES))
                .isInstanceOf(EmbeddedDatabaseException.class)
                .hasMessageStartingWith("Data directory " + dataDir.toAbsolutePath() + " is not writable")
                .hasMessageContaining("LEDGER_DATA_DIR");
    }

    @Test
    void commitsAreDurable() throws SQLException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(temp.resolve("data"), BINARIES)) {
            assertThat(show(postgres, "fsync")).isEqualTo("on");
            assertThat(show(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(show(postgres, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void secretsAreReadableOnlyByTheirOwner() throws IOException {
        Path dataDir = temp.resolve("data");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, BINARIES)) {
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres.password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres")))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    private Process startLedgerInAnotherJvm(Path dataDir, String note) throws Exception {
        Process ledger = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledLedger.class.getName(), dataDir.toString(),
                BINARIES.toString(), note).redirectErrorStream(true).start();
        ledgers.add(ledger);
        killedLedgerDataDirs.add(dataDir);
        BufferedReader output = new BufferedReader(
                new InputStreamReader(ledger.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        boolean started = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = output.readLine()) != null; ) {
                    lines.add(line);
                    if (line.equals(KilledLedger.STARTED)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(started).as("ledger in another JVM started; its output: %s", lines).isTrue();
        return ledger;
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0))).filter(ProcessHandle::isAlive);
    }

    private static void execute(EmbeddedPostgres postgres, String... statements) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> notes(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = connect(postgres);
                ResultSet rows = connection.createStatement().executeQuery("SELECT text FROM note")) {
            List<String> notes = new ArrayList<>();
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
            return notes;
        }
    }

    private static String show(EmbeddedPostgres postgres, String setting) throws SQLException {
        try (Connection connection = connect(postgres);
                ResultSet rows = connection.createStatement().executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection connect(EmbeddedPostgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
