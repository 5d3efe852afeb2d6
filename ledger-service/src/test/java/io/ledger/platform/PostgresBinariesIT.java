package io.ledger.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresBinariesIT {

    // Extraction takes seconds, so the tests that need not start from an empty cache share one.
    @TempDir
    static Path cache;

    @Test
    void ledgersInstallingAtOnceShareOneCompleteExtraction(@TempDir Path emptyCache) throws Exception {
        Callable<Path> install = () -> PostgresBinaries.install(emptyCache).home();
        ExecutorService ledgers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> homes = ledgers.invokeAll(List.of(install, install));

            Path home = homes.get(0).get();
            for (Future<Path> other : homes) {
                assertThat(other.get()).isEqualTo(home);
            }
            try (Stream<Path> entries = Files.list(emptyCache)) {
                assertThat(entries).as("no staging directory is left behind").containsExactly(home);
            }
            assertThat(home.resolve("bin/postgres")).isExecutable();
        } finally {
            ledgers.shutdown();
        }
    }

    @Test
    void extractedBinariesRunAsThisUser() throws Exception {
        PostgresBinaries binaries = PostgresBinaries.install(cache);

        Process postgres = new ProcessBuilder(binaries.command("postgres", "--version")).redirectErrorStream(true)
                .start();

        assertThat(new String(postgres.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("postgres (PostgreSQL) 17.");
        assertThat(postgres.waitFor()).isZero();
    }

    @Test
    void everyUserOfTheMachineCanRunTheSharedCopy() throws IOException {
        Path home = PostgresBinaries.install(cache).home();

        for (Path directory : List.of(home, home.resolve("bin"), home.resolve("lib"))) {
            assertThat(Files.getPosixFilePermissions(directory)).as(directory.toString())
                    .contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
        }
    }

    @Test
    void symbolicLinksOfTheArchiveAreKept() {
        Path lib = PostgresBinaries.install(cache).home().resolve("lib");

        assertThat(lib.resolve("libpq.so")).isSymbolicLink();
        assertThat(lib.resolve("libpq.so")).isRegularFile();
    }

    @Test
    void anExtractionThatLostABinaryIsReplaced() throws IOException {
        Path home = PostgresBinaries.install(cache).home();
        Files.delete(home.resolve("bin/postgres"));

        assertThat(PostgresBinaries.install(cache).home().resolve("bin/postgres")).isExecutable();
    }

    /** As a temp cleaner leaves it: the executables there, a library they load gone. */
    @Test
    void anExtractionThatLostALibraryIsReplaced() throws IOException {
        Path home = PostgresBinaries.install(cache).home();
        Path library;
        try (Stream<Path> libraries = Files.list(home.resolve("lib"))) {
            library = libraries.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.delete(library);

        assertThat(PostgresBinaries.install(cache).home().resolve(home.relativize(library))).exists();
    }
}
