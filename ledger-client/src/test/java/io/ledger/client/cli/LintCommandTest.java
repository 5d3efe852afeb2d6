package io.ledger.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code ledger lint} in-process over migrations written to a temporary working directory. */
class LintCommandTest {

    private static final String SAFE = "SET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN status text;\n";
    private static final String DESTRUCTIVE = "SET lock_timeout = '5s';\n\nALTER TABLE orders DROP COLUMN status;\n";
    private static final String WARNING_ONLY = "ALTER TABLE orders ADD COLUMN status text;\n";

    @TempDir
    Path workingDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void findingsArePrintedLikeACompilerWithTheSaferAlternative() throws IOException {
        write("db/changes.sql", DESTRUCTIVE);

        int exit = lint("db");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains(
                "db/changes.sql:3:1: error: drop-column: DROP COLUMN deletes the column's data",
                "    safer: Stop reading and writing the column first",
                "1 file linted: 1 error, 0 warnings, 0 info; 0 suppressed");
    }

    @Test
    void verboseAlsoPrintsTheStatement() throws IOException {
        write("change.sql", DESTRUCTIVE);

        lint("--verbose", "change.sql");

        assertThat(out.toString()).contains("    statement: ALTER TABLE orders DROP COLUMN status");
    }

    @Test
    void cleanMigrationsExitZero() throws IOException {
        write("db/V1__add_status.sql", SAFE);
        write("db/U1__add_status.sql", "SET lock_timeout = '5s';\n-- ledger:ignore drop-column reason: undo\n"
                + "ALTER TABLE orders DROP COLUMN status;\n");

        assertThat(lint("db")).isZero();
        assertThat(out.toString()).contains("2 files linted: 0 errors, 0 warnings, 0 info; 1 suppressed");
    }

    @Test
    void warningsFailOnlyWhenFailOnIsWarningOrInfo() throws IOException {
        write("change.sql", WARNING_ONLY);

        assertThat(lint("change.sql")).isZero();
        assertThat(lint("--fail-on", "warning", "change.sql")).isEqualTo(1);
        assertThat(lint("--fail-on", "info", "change.sql")).isEqualTo(1);
    }

    @Test
    void errorsFailAtEveryThreshold() throws IOException {
        write("change.sql", DESTRUCTIVE);

        assertThat(lint("--fail-on", "error", "change.sql")).isEqualTo(1);
        assertThat(lint("--fail-on", "warning", "change.sql")).isEqualTo(1);
    }

    @Test
    void suppressedFindingsAreReportedButDoNotFail() throws IOException {
        write("change.sql", "SET lock_timeout = '5s';\n"
                + "ALTER TABLE orders DROP COLUMN status; -- ledger:ignore drop-column reason: unused since v40\n");

        int exit = lint("change.sql");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("change.sql:2:1: error: drop-column: ")
                .contains("[suppressed: unused since v40]")
                .contains("0 errors, 0 warnings, 0 info; 1 suppressed");
    }

    @Test
    void flywayVersionedMigrationWithoutItsUndoMissesItsReversal() throws IOException {
        write("flyway/V1__add_status.sql", SAFE);
        write("flyway/U1__add_status.sql", "SET lock_timeout = '5s';\n");
        write("flyway/V2__add_note.sql", SAFE);
        write("flyway/R__refresh_views.sql", "SELECT 1;\n");

        lint("--fail-on", "warning", "flyway");

        assertThat(out.toString())
                .contains("flyway/V2__add_note.sql:1:1: warning: missing-reversal: no U2__*.sql (Flyway undo)")
                .doesNotContain("V1__add_status.sql:1:1: warning: missing-reversal")
                .doesNotContain("R__refresh_views.sql:1:1: warning: missing-reversal");
    }

    @Test
    void flywayUndoMayWriteTheVersionWithDotsOrUnderscores() throws IOException {
        write("flyway/V1_1__add_status.sql", SAFE);
        write("flyway/U1.1__add_status.sql", "SET lock_timeout = '5s';\n");

        assertThat(lint("--fail-on", "warning", "flyway")).isZero();
    }

    @Test
    void missingReversalCanBeSuppressedWithAReasonAnywhereInTheFile() throws IOException {
        write("flyway/V7__backfill.sql", "-- ledger:ignore missing-reversal reason: data backfill, forward only\n"
                + "UPDATE orders SET status = 'paid' WHERE id BETWEEN 1 AND 1000;\n");

        int exit = lint("--fail-on", "warning", "flyway");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("flyway/V7__backfill.sql:1:1: warning: missing-reversal: "
                + "no U7__*.sql (Flyway undo)").contains("[suppressed: data backfill, forward only]");
    }

    @Test
    void destructiveStatementsInDownAndUndoFilesAreWarnings() throws IOException {
        write("migrations/000001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        write("migrations/000001_create_users.down.sql", "SET lock_timeout = '5s';\nDROP TABLE users;\n");

        int exit = lint("migrations");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("migrations/000001_create_users.down.sql:2:1: warning: drop-table: ");
    }

    @Test
    void golangMigrateUpWithoutDownMissesItsReversal() throws IOException {
        write("migrations/000001_add_status.up.sql", SAFE);
        write("migrations/000001_add_status.down.sql", "SELECT 1;\n");
        write("migrations/000002_add_note.up.sql", SAFE);

        int exit = lint("--fail-on", "warning", "migrations");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("migrations/000002_add_note.up.sql:1:1: warning: missing-reversal: "
                        + "no 000002_add_note.down.sql (golang-migrate down)")
                .doesNotContain("000001_add_status.up.sql:1:1: warning: missing-reversal");
    }

    @Test
    void sarifReportCarriesRulesResultsLocationsAndSuppressions() throws IOException {
        write("db/changes.sql", DESTRUCTIVE + "TRUNCATE scratch; -- ledger:ignore truncate reason: rebuilt nightly\n");

        lint("--sarif", "out/lint.sarif", "db");

        JsonNode sarif = new ObjectMapper().readTree(workingDirectory.resolve("out/lint.sarif").toFile());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("ledger lint");
        assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).contains("drop-column", "truncate");
        assertThat(run.at("/tool/driver/rules/0/help/text")).isNotNull();
        JsonNode dropColumn = run.get("results").get(0);
        assertThat(dropColumn.get("ruleId").asText()).isEqualTo("drop-column");
        assertThat(dropColumn.get("level").asText()).isEqualTo("error");
        assertThat(dropColumn.at("/message/text").asText()).startsWith("DROP COLUMN deletes");
        assertThat(dropColumn.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("db/changes.sql");
        assertThat(dropColumn.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
        assertThat(dropColumn.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(1);
        assertThat(dropColumn.has("suppressions")).isFalse();
        JsonNode truncate = run.get("results").get(1);
        assertThat(truncate.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
        assertThat(truncate.at("/suppressions/0/justification").asText()).isEqualTo("rebuilt nightly");
    }

    @Test
    void sarifDescribesEveryRuleEvenWithoutFindings() {
        assertThat(SarifReport.log(java.util.List.of()).runs().get(0).tool().driver().rules())
                .extracting(SarifReport.ReportingDescriptor::id)
                .contains("unparsed", "missing-reversal", "suppression-without-reason");
    }

    @Test
    void missingPathIsAUsageErrorNamingIt() {
        int exit = lint("no/such/dir");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no such file or directory: no/such/dir");
    }

    @Test
    void aFileNamedTwiceOrAlsoFoundInADirectoryIsLintedOnce() throws IOException {
        write("db/change.sql", DESTRUCTIVE);

        int exit = lint("db/change.sql", "db/change.sql", "./db/change.sql", "db");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("1 file linted: 1 error, 0 warnings, 0 info; 0 suppressed");
        assertThat(out.toString().lines().filter(line -> line.contains("drop-column"))).hasSize(1);
    }

    @Test
    void aPathThatIsNeitherAFileNorADirectoryIsAUsageErrorSayingSo() {
        int exit = lint("/dev/null");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("not a regular file or directory: /dev/null");
    }

    @Test
    void aDirectoryWithoutSqlFilesIsAUsageErrorNamingIt() throws IOException {
        write("docs/readme.md", "# not SQL\n");
        write("db/change.sql", SAFE);

        int exit = lint("db", "docs");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no .sql files in directory docs");
        assertThat(out.toString()).doesNotContain("linted");
    }

    @Test
    void unknownOptionIsAUsageError() throws IOException {
        write("change.sql", SAFE);

        int exit = lint("--strict", "change.sql");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--strict'");
    }

    @Test
    void unknownSeverityIsAUsageErrorNamingIt() throws IOException {
        write("change.sql", SAFE);

        int exit = lint("--fail-on", "fatal", "change.sql");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--fail-on").contains("fatal");
    }

    @Test
    void noPathIsAUsageError() {
        int exit = lint();

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'PATH'");
    }

    @Test
    void unreadableFileIsAUsageErrorNamingIt() throws IOException {
        Files.write(workingDirectory.resolve("latin1.sql"), new byte[] {'S', 'E', 'L', (byte) 0xE9, ';'});

        int exit = lint("latin1.sql");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read latin1.sql");
    }

    @Test
    void aFileThatIsNotUtf8IsAUsageErrorSayingWhere() throws IOException {
        Files.write(workingDirectory.resolve("latin1.sql"), new byte[] {'S', ';', '\n', 'S', 'E', (byte) 0xE9, ';'});

        int exit = lint("latin1.sql");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("cannot read latin1.sql: not valid UTF-8 (line 2, byte 0xE9); save it as UTF-8");
    }

    @Test
    void sqlFilesAreFoundWhateverTheCaseOfTheirExtension() throws IOException {
        write("db/V4__drop.SQL", DESTRUCTIVE);

        int exit = lint("db");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("db/V4__drop.SQL:3:1: error: drop-column");
    }

    @Test
    void symbolicLinksAreFollowedAndEachRealFileLintedOnce() throws IOException {
        write("real/change.sql", DESTRUCTIVE);
        Files.createDirectories(workingDirectory.resolve("db"));
        Files.createSymbolicLink(workingDirectory.resolve("db/linked"), Path.of("../real"));
        Files.createSymbolicLink(workingDirectory.resolve("db/alias.sql"), Path.of("../real/change.sql"));
        Files.createSymbolicLink(workingDirectory.resolve("real/loop"), Path.of(".."));

        int exit = lint("db", "real");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("1 file linted: 1 error");
    }

    @Test
    void aBrokenSymbolicLinkIsAUsageErrorNamingIt() throws IOException {
        write("db/ok.sql", SAFE);
        Files.createSymbolicLink(workingDirectory.resolve("db/gone.sql"), Path.of("/nonexistent/gone.sql"));

        int exit = lint("db");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("broken symbolic link (its target does not exist): db/gone.sql");
    }

    @Test
    void aDashReadsStandardInputNamedStdinInFindingsAndSarif() throws IOException {
        write("db/changes.sql", SAFE);
        InputStream in = new ByteArrayInputStream(DESTRUCTIVE.getBytes(StandardCharsets.UTF_8));

        int exit = LedgerCommand.commandLine(workingDirectory, in).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute("lint", "--sarif", "lint.sarif", "-", "db");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("<stdin>:3:1: error: drop-column: DROP COLUMN deletes the column's data",
                "2 files linted: 1 error, 0 warnings");
        JsonNode location = new ObjectMapper().readTree(workingDirectory.resolve("lint.sarif").toFile())
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation");
        assertThat(location.get("uri").asText()).isEqualTo("%3Cstdin%3E");
        assertThat(location.at("/description/text").asText()).isEqualTo("standard input");
    }

    @Test
    void aNamedPipeSuchAsDevStdinIsReadNotCalledABrokenLink() throws Exception {
        Path fifo = workingDirectory.resolve("piped");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).as("mkfifo").isZero();
        // as /dev/stdin is a link to /proc/self/fd/0, whose target "pipe:[...]" is no path
        Files.createSymbolicLink(workingDirectory.resolve("stdin"), fifo);
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "TRUNCATE orders;\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();

        int exit = lint("stdin");
        writer.join(5_000);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("stdin:1:1: error: truncate", "1 file linted: 1 error");
    }

    @Test
    void sarifUrisArePercentEncoded() throws IOException {
        write("db mig/#1 \u00fc/V1__x y.sql", DESTRUCTIVE);

        lint("--sarif", "lint.sarif", "db mig");

        JsonNode sarif = new ObjectMapper().readTree(workingDirectory.resolve("lint.sarif").toFile());
        assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("db%20mig/%231%20%C3%BC/V1__x%20y.sql");
    }

    @Test
    void aByteOrderMarkIsNotAColumn() throws IOException {
        write("change.sql", "\uFEFFDROP TABLE orders;\n");

        lint("change.sql");

        assertThat(out.toString()).contains("change.sql:1:1: error: drop-table");
    }

    @Test
    void verboseStatementsStayOnOneLineWhateverTheirLineEnds() throws IOException {
        write("change.sql", "SET lock_timeout = '5s';\r\nALTER TABLE orders\r\n\tDROP COLUMN status;\r\n");

        lint("-v", "change.sql");

        assertThat(out.toString()).contains("    statement: ALTER TABLE orders  DROP COLUMN status")
                .doesNotContain("\r");
    }

    @Test
    void golangMigrateRunsAFileOfSeveralStatementsAsOneTransaction() throws IOException {
        write("migrations/000001_idx.up.sql", "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY i ON t (x);\n");
        write("migrations/000001_idx.down.sql", "DROP INDEX CONCURRENTLY i;\n");
        write("flyway/V1__idx.sql", "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY i ON t (x);\n");

        lint("migrations", "flyway");

        assertThat(out.toString())
                .contains("migrations/000001_idx.up.sql:2:1: error: concurrently-in-transaction")
                .doesNotContain("000001_idx.down.sql:1:1: error: concurrently-in-transaction")
                .doesNotContain("V1__idx.sql:2:1: error: concurrently-in-transaction");
    }

    @Test
    void ledgerWithoutSubcommandIsAUsageError() {
        int exit = LedgerCommand.commandLine(workingDirectory).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute();

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand");
    }

    private int lint(String... arguments) {
        String[] withCommand = new String[arguments.length + 1];
        withCommand[0] = "lint";
        System.arraycopy(arguments, 0, withCommand, 1, arguments.length);
        return LedgerCommand.commandLine(workingDirectory).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(withCommand);
    }

    private void write(String relative, String content) throws IOException {
        Path file = workingDirectory.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
