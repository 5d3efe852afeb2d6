package io.ledger.client.cli;

import io.ledger.lint.Delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@code .sql} file in one of the layouts whose forward migrations have a reversal file beside them: Flyway's
 * {@code V<version>__<description>.sql} with its undo {@code U<version>__<description>.sql}, and golang-migrate's
 * {@code <version>_<title>.up.sql} with {@code <version>_<title>.down.sql}. Flyway's repeatable {@code R__} files,
 * reversal files themselves and plain {@code .sql} files need no reversal.
 */
record MigrationFile(Path path) {

    private static final Pattern FLYWAY_VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.*\\.sql");
    private static final Pattern FLYWAY_UNDO = Pattern.compile("U([0-9][0-9._]*)__.*\\.sql");
    private static final Pattern GOLANG_UP = Pattern.compile("(.+)\\.up\\.sql");
    private static final Pattern GOLANG_DOWN = Pattern.compile("(.+)\\.down\\.sql");

    /** Whether this file undoes another: a Flyway undo or a golang-migrate down file. */
    boolean reversal() {
        String name = path.getFileName().toString();
        return FLYWAY_UNDO.matcher(name).matches() || name.endsWith(".down.sql");
    }

    /**
     * golang-migrate sends a file to PostgreSQL as one query string (its default, without x-multi-statement), so a
     * file of several statements runs as one implicit transaction.
     */
    Delivery delivery() {
        String name = path.getFileName().toString();
        return GOLANG_UP.matcher(name).matches() || GOLANG_DOWN.matcher(name).matches()
                ? Delivery.ONE_QUERY : Delivery.STATEMENT_BY_STATEMENT;
    }

    /** What should reverse this file, when it is a forward migration whose reversal file is missing. */
    Optional<String> missingReversal() throws IOException {
        String name = path.getFileName().toString();
        Matcher flyway = FLYWAY_VERSIONED.matcher(name);
        if (flyway.matches()) {
            String version = flyway.group(1);
            return hasSibling(sibling -> {
                Matcher undo = FLYWAY_UNDO.matcher(sibling);
                return undo.matches() && sameVersion(undo.group(1), version);
            }) ? Optional.empty() : Optional.of("U" + version + "__*.sql (Flyway undo)");
        }
        Matcher up = GOLANG_UP.matcher(name);
        if (up.matches()) {
            String down = up.group(1) + ".down.sql";
            return hasSibling(down::equals) ? Optional.empty() : Optional.of(down + " (golang-migrate down)");
        }
        return Optional.empty();
    }

    /** Flyway reads an underscore in a version as a dot: V1_1 and U1.1 are the same version. */
    private static boolean sameVersion(String one, String other) {
        return one.replace('_', '.').equals(other.replace('_', '.'));
    }

    private boolean hasSibling(java.util.function.Predicate<String> matches) throws IOException {
        Path directory = path.toAbsolutePath().getParent();
        try (Stream<Path> siblings = Files.list(directory)) {
            return siblings.map(sibling -> sibling.getFileName().toString()).anyMatch(matches);
        }
    }
}
