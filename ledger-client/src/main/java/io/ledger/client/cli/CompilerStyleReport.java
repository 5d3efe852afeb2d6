package io.ledger.client.cli;

import io.ledger.lint.Finding;
import io.ledger.lint.Severity;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints findings the way compilers do, {@code path:line:column: severity: rule-id: why}, so that editors and CI
 * logs link them to the line; the safer alternative follows, indented. A summary line ends the report.
 */
final class CompilerStyleReport {

    private final PrintWriter out;
    private final boolean verbose;

    CompilerStyleReport(PrintWriter out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    void print(List<Finding> findings, int fileCount) {
        for (Finding finding : findings) {
            String suppression = finding.suppressed() ? " [suppressed: " + finding.suppressionReason() + "]" : "";
            out.printf("%s:%d:%d: %s: %s: %s%s%n", finding.source(), finding.line(), finding.column(),
                    finding.severity().wireId(), finding.ruleId(), finding.why(), suppression);
            if (verbose) {
                out.printf("    statement: %s%n", oneLine(finding.statement()));
            }
            out.printf("    safer: %s%n", finding.saferAlternative());
        }
        out.println(summary(findings, fileCount));
        out.flush();
    }

    /**
     * The statement on one line: a line end (CRLF, LF or CR) or another control character becomes a space, since a
     * raw CR makes a terminal overwrite the line.
     */
    static String oneLine(String statement) {
        StringBuilder line = new StringBuilder(statement.length());
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '\r' && i + 1 < statement.length() && statement.charAt(i + 1) == '\n') {
                continue;
            }
            line.append(Character.isISOControl(c) ? ' ' : c);
        }
        return line.toString();
    }

    private static String summary(List<Finding> findings, int fileCount) {
        long suppressed = findings.stream().filter(Finding::suppressed).count();
        return "%d %s linted: %d %s, %d %s, %d info; %d suppressed".formatted(
                fileCount, fileCount == 1 ? "file" : "files",
                count(findings, Severity.ERROR), count(findings, Severity.ERROR) == 1 ? "error" : "errors",
                count(findings, Severity.WARNING), count(findings, Severity.WARNING) == 1 ? "warning" : "warnings",
                count(findings, Severity.INFO), suppressed);
    }

    private static long count(List<Finding> findings, Severity severity) {
        return findings.stream().filter(finding -> !finding.suppressed() && finding.severity() == severity).count();
    }
}
