package io.ledger.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.util.FileSystemUtils;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries shipped in zonky's jars, extracted once into a cache shared by every ledger on the machine,
 * and the way to run them.
 *
 * @param home the extracted distribution, holding {@code bin}, {@code lib} and {@code share}
 * @param inUserNamespace whether each binary runs through {@code unshare}, because the JVM runs as root
 */
record PostgresBinaries(Path home, boolean inUserNamespace) {

    private static final List<String> EXECUTABLES = List.of("initdb", "pg_ctl", "postgres");
    /** Every file the archive holds, one relative path a line, written last: a temp cleaner may take any of them. */
    private static final String MANIFEST = ".ledger-files";

    // initdb and postgres refuse uid 0. In a user namespace that maps uid 65534 (nobody) to our real uid, they see an
    // ordinary user, while the kernel still treats the processes as ours: files stay owned by us and, since the real
    // uid is unchanged, a later pg_ctl from another namespace may signal the postmaster.
    private static final List<String> USER_NAMESPACE =
            List.of("unshare", "--user", "--map-user=65534", "--map-group=65534");

    static PostgresBinaries install(Path cacheDirectory) {
        requireRunnable();
        try {
            return new PostgresBinaries(extract(cacheDirectory), runsAsRoot());
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(
                    "Cannot extract the PostgreSQL binaries into " + cacheDirectory.toAbsolutePath() + " ("
                            + EmbeddedDatabaseException.reason(e) + ")",
                    "Set ledger.embedded.binaries-dir (env LEDGER_EMBEDDED_BINARIESDIR) to a writable directory",
                    e);
        }
    }

    List<String> command(String executable, String... arguments) {
        List<String> command = new ArrayList<>(inUserNamespace ? USER_NAMESPACE : List.of());
        command.add(home.resolve("bin").resolve(executable).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Stops a start as root where PostgreSQL could not run, which otherwise shows only when it starts. */
    static void requireRunnable() {
        requireRunnable(runsAsRoot(), USER_NAMESPACE);
    }

    static void requireRunnable(boolean root, List<String> userNamespace) {
        if (root && !works(userNamespace)) {
            throw new EmbeddedDatabaseException(
                    "PostgreSQL refuses to run as root and user namespaces are unavailable",
                    "Run the service as an unprivileged user or set LEDGER_DB_URL to use an external PostgreSQL",
                    null);
        }
    }

    private static boolean runsAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private static boolean works(List<String> userNamespace) {
        List<String> probe = new ArrayList<>(userNamespace);
        probe.add("true");
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path extract(Path cacheDirectory) throws IOException {
        byte[] archive = archive();
        Path target = cacheDirectory.resolve(shortSha256(archive)).toAbsolutePath();
        if (complete(target)) {
            return target;
        }
        Files.createDirectories(cacheDirectory);
        discardIncomplete(target);
        // Ledgers starting in parallel each extract into their own directory; the first rename wins and the others
        // drop their copy, so no process ever runs a half-extracted binary.
        Path staging = Files.createTempDirectory(cacheDirectory, target.getFileName() + ".extracting-");
        try {
            untar(archive, staging);
            // A temporary directory is its creator's alone (0700): the cache is shared by every user's ledger.
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!complete(target)) {
                throw e;
            }
        } finally {
            FileSystemUtils.deleteRecursively(staging);
        }
        return target;
    }

    private static byte[] archive() throws IOException {
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(),
                System.getProperty("os.arch"))) {
            return in.readAllBytes();
        }
    }

    private static String system() {
        String os = System.getProperty("os.name");
        if (os.startsWith("Linux")) {
            return "Linux";
        }
        if (os.startsWith("Mac")) {
            return "Darwin";
        }
        throw new EmbeddedDatabaseException("The embedded PostgreSQL does not run on " + os,
                "Set LEDGER_DB_URL to use an external PostgreSQL", null);
    }

    private static String shortSha256(byte[] archive) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(archive);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    // A temp cleaner (systemd-tmpfiles) may have removed files of a long-unused extraction.
    /** Extractions made before the manifest existed are judged by their executables alone. */
    private static boolean complete(Path home) {
        if (!EXECUTABLES.stream().allMatch(name -> Files.isExecutable(home.resolve("bin").resolve(name)))) {
            return false;
        }
        Path manifest = home.resolve(MANIFEST);
        if (!Files.exists(manifest)) {
            return true;
        }
        try (Stream<String> files = Files.lines(manifest)) {
            return files.allMatch(file -> Files.exists(home.resolve(file), LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UncheckedIOException unreadable) {
            return false;
        }
    }

    private static void discardIncomplete(Path target) throws IOException {
        if (!Files.exists(target) || complete(target)) {
            return;
        }
        Path discarded = target.resolveSibling(target.getFileName() + ".discarded-" + UUID.randomUUID());
        try {
            Files.move(target, discarded, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return; // another ledger moved it first
        }
        FileSystemUtils.deleteRecursively(discarded);
    }

    private static void untar(byte[] archive, Path into) throws IOException {
        List<String> files = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                files.add(into.relativize(path).toString());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry, path, into));
                }
            }
        }
        Files.write(into.resolve(MANIFEST), files);
    }

    private static Set<PosixFilePermission> permissions(TarArchiveEntry entry, Path path, Path root) {
        boolean executable = (entry.getMode() & 0100) != 0 || path.getParent().equals(root.resolve("bin"));
        return executable
                ? Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
                        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_EXECUTE)
                : Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    }
}
