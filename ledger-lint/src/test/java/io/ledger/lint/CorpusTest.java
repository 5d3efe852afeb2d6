package io.ledger.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every corpus file and compares the findings with the file's own {@code -- expect: rule-id[, rule-id]}
 * comments, exactly: nothing missing, nothing extra. An expectation at the end of a line is about the statement
 * starting on that line; alone on its line, it is about the next line with SQL. A suppressed finding is expected
 * as {@code rule-id(suppressed)}. Every rule a script can break appears in the corpus ({@code missing-reversal}
 * is about plans and file layouts, tested with them).
 */
class CorpusTest {

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path directory = Path.of(CorpusTest.class.getResource("/corpus").toURI());
        return Files.list(directory).filter(path -> path.toString().endsWith(".sql")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void findingsAreExactlyTheExpectedOnes(Path file) throws IOException {
        String sql = Files.readString(file);

        List<String> actual = SqlLinter.lint(sql).stream()
                .map(finding -> finding.line() + ":" + finding.ruleId() + (finding.suppressed() ? "(suppressed)" : ""))
                .sorted()
                .toList();

        assertThat(actual).containsExactlyInAnyOrderElementsOf(expectations(sql));
    }

    @Test
    void corpusExpectsEveryRuleAScriptCanBreak() throws IOException, URISyntaxException {
        Set<String> expected = new HashSet<>();
        for (Path file : corpus().toList()) {
            expectations(Files.readString(file)).forEach(line -> expected.add(line.replaceAll("^\\d+:|\\(.*", "")));
        }

        assertThat(expected).containsAll(Arrays.stream(Rule.values())
                .filter(rule -> rule != Rule.MISSING_REVERSAL)
                .map(Rule::id)
                .toList());
    }

    private static List<String> expectations(String sql) {
        List<String> lines = sql.lines().toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf("-- expect:");
            if (at < 0) {
                continue;
            }
            int target = line.substring(0, at).isBlank() ? nextSqlLine(lines, i) : i + 1;
            for (String rule : line.substring(at + "-- expect:".length()).split(",")) {
                expected.add(target + ":" + rule.strip());
            }
        }
        return expected;
    }

    private static int nextSqlLine(List<String> lines, int from) {
        for (int i = from + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("--")) {
                return i + 1;
            }
        }
        throw new IllegalStateException("expectation on line " + (from + 1) + " is followed by no SQL");
    }
}
