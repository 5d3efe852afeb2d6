package io.ledger.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL server run from {@link PostgresBinaries} on a cluster kept in a data directory, for as long as this
 * object is open.
 *
 * <p>The data directory holds {@code postgres/} (the cluster), {@code postgres.password} (the generated password of
 * the {@value #USER} superuser), {@code postgres.log} and {@code ledger.lock}, which this object holds so that two
 * ledgers never share a cluster.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final String USER = "ledger";

    private static final String DATABASE = "ledger";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private static final String LOCK_FILE = "ledger.lock";

    /**
     * The data directories whose lock this JVM holds. Their lock is looked up here, never probed: closing any channel
     * on the file would release it, since POSIX locks belong to the process.
     */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path dataDirectory;

    private final PostgresBinaries binaries;

    private final FileChannel lock;

    private final String password;

    private final int port;

    private boolean closed;

    private EmbeddedPostgres(Path dataDirectory, PostgresBinaries binaries, FileChannel lock, String password,
            int port) {
        this.dataDirectory = dataDirectory;
        this.binaries = binaries;
        this.lock = lock;
        this.password = password;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on the cluster in {@code dataDirectory}, creating the cluster and the {@value #DATABASE}
     * database the first time.
     *
     * @param binariesCache where the binaries are extracted, shared by every ledger on the machine
     * @throws EmbeddedDatabaseException naming what to fix when the server cannot start
     */
    static EmbeddedPostgres start(Path dataDirectory, Path binariesCache) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        FileChannel lock = lock(directory);
        EmbeddedPostgres postgres = null;
        try {
            PostgresBinaries binaries = PostgresBinaries.install(binariesCache);
            String password = password(directory);
            postgres = new EmbeddedPostgres(directory, binaries, lock, password, freePort());
            postgres.initialiseOnce();
            postgres.stopLeftOverServer();
            postgres.startServer();
            String version = postgres.createDatabaseOnce();
            log.info("Embedded PostgreSQL {} on 127.0.0.1:{}, data in {}", version, postgres.port, directory);
            return postgres;
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            } else {
                unlock(directory, lock);
            }
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String username() {
        return USER;
    }

    String password() {
        return password;
    }

    /** Stops the server and gives the data directory up; does nothing the second time. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Files.exists(cluster().resolve("postmaster.pid"))
                    && run(binaries.command("pg_ctl", "-D", cluster().toString(), "stop", "-m", "fast", "-w", "-t",
                            "30")) != 0) {
                log.warn("Embedded PostgreSQL did not stop cleanly; see {}", logFile());
            }
        } finally {
            unlock(dataDirectory, lock);
        }
    }

    /**
     * Fails when another ledger holds the data directory, without taking it, so that a start can be stopped before
     * anything else starts; {@link #start} still takes the lock for good.
     */
    static synchronized void requireFree(Path directory) {
        if (HELD.contains(directory)) {
            throw inUse(directory);
        }
        Path file = directory.resolve(LOCK_FILE);
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.tryLock() == null) {
                throw inUse(directory);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(directory);
        } catch (IOException e) {
            // start() says what it cannot lock, when it tries.
        }
    }

    private static synchronized FileChannel lock(Path directory) {
        FileChannel channel;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw EmbeddedDatabaseException.notWritable(directory, e);
        }
        try {
            FileLock held = channel.tryLock();
            if (held != null) {
                HELD.add(directory);
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // held by another ledger in this JVM, which is just as much in use
        } catch (IOException e) {
            release(channel);
            throw new EmbeddedDatabaseException("Cannot lock data directory " + directory + " ("
                    + EmbeddedDatabaseException.reason(e) + ")",
                    "Set LEDGER_DATA_DIR (ledger.embedded.data-dir) to a directory on a local file system", e);
        }
        release(channel);
        throw inUse(directory);
    }

    private static EmbeddedDatabaseException inUse(Path directory) {
        return new EmbeddedDatabaseException("Data directory " + directory + " is in use by another running ledger",
                "Stop that ledger, or set LEDGER_DATA_DIR (ledger.embedded.data-dir) to another directory", null);
    }

    private static synchronized void unlock(Path directory, FileChannel lock) {
        HELD.remove(directory);
        release(lock);
    }

    private static void release(FileChannel lock) {
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("Cannot release {}", lock, e);
        }
    }

    private static String password(Path directory) {
        Path file = directory.resolve("postgres.password");
        if (!Files.exists(file) && Files.exists(directory.resolve("postgres").resolve("PG_VERSION"))) {
            throw new EmbeddedDatabaseException("The password file " + file + " of the existing cluster is missing",
                    "Restore it, or move " + directory + " away to start with an empty ledger", null);
        }
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                Path written = Files.createTempFile(directory, "postgres.password", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(written, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).get(0).strip();
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new EmbeddedDatabaseException("Cannot read or create the password file " + file,
                    "Restore it, or move " + directory + " away to start with an empty ledger", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("No free port on 127.0.0.1 for the embedded PostgreSQL",
                    "Free a local port, or set LEDGER_DB_URL to use an external PostgreSQL", e);
        }
    }

    private void initialiseOnce() {
        if (Files.exists(cluster().resolve("PG_VERSION"))) {
            return;
        }
        if (!isEmptyOrAbsent(cluster())) {
            throw new EmbeddedDatabaseException(cluster() + " is not a PostgreSQL cluster",
                    "Move it away, or set LEDGER_DATA_DIR (ledger.embedded.data-dir) to another directory", null);
        }
        // initdb into a sibling and rename, so that a start interrupted during initdb leaves no half cluster behind.
        Path staging = dataDirectory.resolve("postgres.initdb");
        try {
            FileSystemUtils.deleteRecursively(staging);
            Path passwordFile = dataDirectory.resolve("postgres.password");
            expectSuccess("initdb", binaries.command("initdb", "-D", staging.toString(), "-U", USER,
                    "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-locale"));
            Files.move(staging, cluster(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Cannot create the PostgreSQL cluster in " + cluster() + " ("
                    + EmbeddedDatabaseException.reason(e) + ")",
                    "Set LEDGER_DATA_DIR (ledger.embedded.data-dir) to a directory this user can write", e);
        }
    }

    // Holding the lock means no ledger runs on this cluster, so a live postmaster is one whose ledger was killed
    // (SIGKILL, OOM) without stopping it.
    private void stopLeftOverServer() {
        Optional<ProcessHandle> postmaster = leftOverPostmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        if (!runsOnThisCluster(postmaster.get())) {
            // After a reboot the pid in the file can belong to an unrelated process, another ledger's PostgreSQL
            // included, which must not be signalled.
            deleteQuietly(cluster().resolve("postmaster.pid"));
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by a ledger that did not shut down",
                postmaster.get().pid(), cluster());
        expectSuccess("pg_ctl stop", binaries.command("pg_ctl", "-D", cluster().toString(), "stop", "-m", "fast",
                "-w", "-t", "30"));
    }

    /**
     * A postmaster changes into its data directory, which Linux shows as the process's working directory; elsewhere
     * its command names the directory it was started on, with {@code -D}.
     */
    private boolean runsOnThisCluster(ProcessHandle process) {
        Path workingDirectory = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            if (Files.exists(workingDirectory)) {
                return Files.isSameFile(workingDirectory, cluster());
            }
        } catch (IOException e) {
            return false;
        }
        return process.info().command().filter(command -> command.endsWith("postgres")).isPresent()
                && process.info().arguments().map(List::of)
                        .filter(arguments -> arguments.contains(cluster().toString())).isPresent();
    }

    private Optional<ProcessHandle> leftOverPostmaster() {
        Path pidFile = cluster().resolve("postmaster.pid");
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::strip).filter(pid -> pid.matches("\\d+")).map(Long::parseLong)
                    .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            // absent, or unreadable, in which case postgres reports it when it starts
            return Optional.empty();
        }
    }

    private void startServer() {
        // pg_ctl passes -o to a shell, which turns '' into the empty value that disables Unix sockets.
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
        expectSuccess("pg_ctl start", binaries.command("pg_ctl", "-D", cluster().toString(), "-l",
                logFile().toString(), "-w", "-t", "60", "-o", options, "start"));
    }

    private String createDatabaseOnce() {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, USER, password);
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
                }
            }
            try (ResultSet version = statement.executeQuery("SHOW server_version")) {
                version.next();
                return version.getString(1);
            }
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException("Embedded PostgreSQL started but refused the ledger's connection ("
                    + e.getMessage() + ")",
                    "See " + logFile() + "; if postgres.password was changed, restore it", e);
        }
    }

    private void expectSuccess(String what, List<String> command) {
        int exit = run(command);
        if (exit != 0) {
            throw new EmbeddedDatabaseException(
                    "Embedded PostgreSQL failed: " + what + " exited with " + exit + lastLogLine(),
                    "See " + logFile(), null);
        }
    }

    private int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedDatabaseException(
                        "Embedded PostgreSQL failed: " + String.join(" ", command) + " did not finish in "
                                + COMMAND_TIMEOUT_SECONDS + " s",
                        "See " + logFile(), null);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Cannot run " + command.get(0) + " ("
                    + EmbeddedDatabaseException.reason(e) + ")", "See " + logFile(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("Interrupted while running " + command.get(0),
                    "Start the service again", e);
        }
    }

    private String lastLogLine() {
        try (Stream<String> lines = Files.lines(logFile())) {
            return lines.filter(line -> !line.isBlank()).reduce((first, second) -> second)
                    .map(line -> " (" + line.strip() + ")").orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private Path cluster() {
        return dataDirectory.resolve("postgres");
    }

    private Path logFile() {
        return dataDirectory.resolve("postgres.log");
    }

    private static boolean isEmptyOrAbsent(Path directory) {
        if (!Files.isDirectory(directory)) {
            return !Files.exists(directory);
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}", file, e);
        }
    }
}
