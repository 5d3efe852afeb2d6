package io.ledger.client.cli;

import io.ledger.lint.Finding;
import io.ledger.lint.Severity;
import io.ledger.lint.SqlLinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ledger lint PATH...}: the SQL safety rules over migration files, offline, for CI. */
@Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = LedgerCommand.JarVersion.class,
        description = {"Lint SQL migrations for unsafe changes (PostgreSQL), offline.",
                "Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 usage or read error."})
final class LintCommand implements Callable<Integer> {

    static final int FINDINGS = 1;
    static final int USAGE_ERROR = 2;
    /** How findings in what was read from standard input name their file, as compilers do. */
    static final String STANDARD_INPUT = "<stdin>";

    private static final Path DASH = Path.of("-");
    /** stat(2)'s S_IFMT and S_IFIFO, in the "unix:mode" attribute. */
    private static final int FILE_TYPE_BITS = 0170000;
    private static final int FIFO = 0010000;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Migration files or directories of .sql files (Flyway V__/U__/R__ and golang-migrate "
                    + ".up.sql/.down.sql layouts are recognised), or - for standard input.")
    private List<Path> paths;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error", converter = SeverityConverter.class,
            description = "Exit 1 when an unsuppressed finding is at or above: info, warning, error "
                    + "(default: ${DEFAULT-VALUE}).")
    private Severity failOn;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write the findings as SARIF 2.1.0 to FILE.")
    private Path sarif;

    @Option(names = {"-v", "--verbose"}, description = "Also print each finding's statement.")
    private boolean verbose;

    private final Path workingDirectory;
    private final InputStream standardInput;

    LintCommand(Path workingDirectory, InputStream standardInput) {
        this.workingDirectory = workingDirectory;
        this.standardInput = standardInput;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = migrationFiles();
        List<Finding> findings = new ArrayList<>();
        for (Path file : files) {
            boolean dash = file.equals(DASH);
            String source = dash ? STANDARD_INPUT : display(file);
            try {
                String sql = dash ? Utf8File.read(standardInput) : Utf8File.read(file);
                MigrationFile migration = new MigrationFile(file);
                List<Finding> found = migration.reversal()
                        ? SqlLinter.lintReversal(sql, migration.delivery())
                        : SqlLinter.lint(sql, migration.delivery());
                found.forEach(finding -> findings.add(finding.from(source)));
                Optional<String> missing = migration.missingReversal();
                missing.ifPresent(reversal -> findings.add(
                        SqlLinter.suppressIfIgnored(Finding.missingReversal("no " + reversal, source), sql)));
            } catch (IOException | UncheckedIOException unreadable) {
                err.println("ledger lint: cannot read " + source + ": " + describe(unreadable));
                return USAGE_ERROR;
            }
        }
        new CompilerStyleReport(out, verbose).print(findings, files.size());
        if (sarif != null) {
            Path target = workingDirectory.resolve(sarif);
            try {
                SarifReport.write(findings, target);
            } catch (IOException unwritable) {
                err.println("ledger lint: cannot write SARIF to " + sarif + ": " + describe(unwritable));
                return USAGE_ERROR;
            }
        }
        return findings.stream().anyMatch(finding -> finding.failsAt(failOn)) ? FINDINGS : 0;
    }

    /**
     * The files named, and the {@code .sql} files (in any case) under the directories named, each directory in name
     * order, following symbolic links; a file named twice, or reached again through a link, is linted and counted
     * once. {@code -} stands for standard input, and a named pipe is read as a file.
     */
    private List<Path> migrationFiles() {
        Map<Path, Path> files = new LinkedHashMap<>();
        for (Path path : paths) {
            if (path.equals(DASH)) {
                // Relative, unlike every resolved path, so it cannot be mistaken for a file named "-" (./-).
                files.putIfAbsent(DASH, DASH);
                continue;
            }
            Path resolved = workingDirectory.resolve(path).toAbsolutePath().normalize();
            if (Files.isDirectory(resolved)) {
                List<Path> found = sqlFilesUnder(resolved, path);
                if (found.isEmpty()) {
                    // Most likely the wrong directory: CI must not pass having linted nothing.
                    throw new CommandLine.ParameterException(spec.commandLine(), "no .sql files in directory " + path);
                }
                found.forEach(file -> files.putIfAbsent(realPath(file), file));
            } else if (Files.isRegularFile(resolved)) {
                files.putIfAbsent(realPath(resolved), resolved);
            } else if (isPipe(resolved)) {
                // Such as /dev/stdin piped into, a link to "pipe:[...]", which has no real path to compare.
                files.putIfAbsent(resolved, resolved);
            } else if (Files.isSymbolicLink(resolved)) {
                throw brokenLink(path);
            } else if (Files.exists(resolved)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "not a regular file or directory: "
                        + path);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "no such file or directory: " + path);
            }
        }
        return List.copyOf(files.values());
    }

    private List<Path> sqlFilesUnder(Path directory, Path named) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(directory, Set.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            boolean sql = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql");
                            if (sql && attributes.isSymbolicLink()) {
                                // a link followed whose target is gone: a migration CI would silently skip
                                throw brokenLink(display(file));
                            }
                            if (sql && attributes.isRegularFile()) {
                                found.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                            if (failure instanceof FileSystemLoopException) {
                                // a link back up the tree: what lies below it is walked already
                                return FileVisitResult.CONTINUE;
                            }
                            throw failure;
                        }
                    });
        } catch (IOException unreadable) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read directory " + named + ": " + describe(unreadable));
        }
        found.sort(null);
        return found;
    }

    /**
     * A FIFO, read to its end like a file; devices are not, since /dev/zero would never end. The file type is only
     * known where the JDK offers the "unix" attribute view (Linux, macOS).
     */
    private static boolean isPipe(Path path) {
        try {
            return ((int) Files.getAttribute(path, "unix:mode") & FILE_TYPE_BITS) == FIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            return false;
        }
    }

    private CommandLine.ParameterException brokenLink(Object path) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "broken symbolic link (its target does not exist): " + path);
    }

    private Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException unreadable) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read " + display(file) + ": " + describe(unreadable));
        }
    }

    /** Paths as a compiler prints them: relative to the working directory, with forward slashes. */
    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = workingDirectory.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    private static String describe(Exception exception) {
        Throwable cause = exception instanceof UncheckedIOException unchecked ? unchecked.getCause() : exception;
        if (cause instanceof Utf8File.NotUtf8Exception) {
            return cause.getMessage();
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    static final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.fromWireId(value);
            } catch (IllegalArgumentException unknown) {
                throw new CommandLine.TypeConversionException(unknown.getMessage());
            }
        }
    }
}
