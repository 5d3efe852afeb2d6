package io.ledger.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FindingTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void findingSerialisesWithTheSeverityWireIdAndSuppression() throws Exception {
        Finding finding = SqlLinter.lint("-- ledger:ignore truncate reason: scratch table\nTRUNCATE scratch;").stream()
                .filter(found -> found.ruleId().equals("truncate"))
                .findFirst().orElseThrow();

        JsonNode node = json.readTree(json.writeValueAsString(finding));

        assertThat(node.get("ruleId").asText()).isEqualTo("truncate");
        assertThat(node.get("severity").asText()).isEqualTo("error");
        assertThat(node.get("line").asInt()).isEqualTo(2);
        assertThat(node.get("suppressed").asBoolean()).isTrue();
        assertThat(node.get("suppressionReason").asText()).isEqualTo("scratch table");
    }

    @Test
    void findingRoundTripsThroughJson() throws Exception {
        Finding finding = SqlLinter.lint("DROP TABLE orders;").get(0).from("phases[0].action");

        assertThat(json.readValue(json.writeValueAsString(finding), Finding.class)).isEqualTo(finding);
    }

    @Test
    void severityWireIdsAreUniqueAndRoundTrip() {
        for (Severity severity : Severity.values()) {
            assertThat(Severity.fromWireId(severity.wireId())).isSameAs(severity);
        }
    }

    @Test
    void ruleIdsAreUniqueAndKebabCase() {
        List<String> ids = Arrays.stream(Rule.values()).map(Rule::id).toList();

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void longStatementsAreAbbreviated() {
        String longUpdate = "UPDATE orders SET note = '" + "x".repeat(500) + "'";

        assertThat(SqlLinter.lint(longUpdate).get(0).statement()).hasSizeLessThan(210).endsWith("...");
    }
}
