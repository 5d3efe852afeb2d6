package io.ledger.client.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ledger.lint.Finding;
import io.ledger.lint.Rule;
import io.ledger.lint.Severity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Findings as SARIF 2.1.0, the format code-scanning tools (GitHub code scanning, GitLab, IDEs) import. Suppressed
 * findings are included with an in-source suppression, so the tools show them as dismissed with the reason.
 */
final class SarifReport {

    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** RFC 3986's unreserved characters, the only ones a path segment may always hold as they are. */
    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SarifReport() {
    }

    static void write(List<Finding> findings, Path target) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(target.toFile(), log(findings));
    }

    static Log log(List<Finding> findings) {
        List<ReportingDescriptor> rules = Arrays.stream(Rule.values()).map(SarifReport::descriptor).toList();
        List<Result> results = findings.stream().map(SarifReport::result).toList();
        return new Log(SCHEMA, "2.1.0", List.of(new Run(new Tool(new Driver("ledger lint", rules)), results)));
    }

    private static ReportingDescriptor descriptor(Rule rule) {
        return new ReportingDescriptor(rule.id(), new Text(rule.why()),
                new Text("Safer: " + rule.saferAlternative()), new Configuration(level(rule.severity())));
    }

    private static Result result(Finding finding) {
        Location location = new Location(new PhysicalLocation(artifact(finding.source()),
                new Region(finding.line(), finding.column())));
        List<SuppressionEntry> suppressions = finding.suppressed()
                ? List.of(new SuppressionEntry("inSource", finding.suppressionReason()))
                : null;
        return new Result(finding.ruleId(), level(finding.severity()),
                new Text(finding.why() + " Safer: " + finding.saferAlternative()), List.of(location), suppressions);
    }

    /**
     * Standard input has no URI, yet code-scanning tools refuse a location without one: it gets its name as the
     * compiler-style report prints it, encoded ({@code %3Cstdin%3E}, no file's), and a description.
     */
    private static ArtifactLocation artifact(String source) {
        return source.equals(LintCommand.STANDARD_INPUT)
                ? new ArtifactLocation(percentEncoded(source), new Text("standard input"))
                : new ArtifactLocation(uri(source), null);
    }

    /**
     * A URI reference: relative paths stay relative (to the working directory), each segment percent-encoded as
     * UTF-8 (a space, {@code #} or {@code ü} is not allowed raw); a file outside it gets an absolute file URI.
     */
    static String uri(String source) {
        Path path = Path.of(source);
        if (path.isAbsolute()) {
            return path.toUri().toString();
        }
        return percentEncoded(source);
    }

    private static String percentEncoded(String source) {
        StringBuilder uri = new StringBuilder();
        for (byte b : source.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c == '/' || UNRESERVED.indexOf(c) >= 0) {
                uri.append(c);
            } else {
                uri.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return uri.toString();
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {
    }

    record Run(Tool tool, List<Result> results) {
    }

    record Tool(Driver driver) {
    }

    record Driver(String name, List<ReportingDescriptor> rules) {
    }

    record ReportingDescriptor(String id, Text shortDescription, Text help, Configuration defaultConfiguration) {
    }

    record Configuration(String level) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String ruleId, String level, Text message, List<Location> locations,
                  List<SuppressionEntry> suppressions) {
    }

    record Text(String text) {
    }

    record Location(PhysicalLocation physicalLocation) {
    }

    record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ArtifactLocation(String uri, Text description) {
    }

    record Region(int startLine, int startColumn) {
    }

    record SuppressionEntry(String kind, String justification) {
    }
}
