package io.ledger.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledger.api.integrity.Tampering;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireIdTest {

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(classes = {MigrationKind.class, MigrationStep.class, Severity.class, PrecheckStatus.class,
            MigrationStatus.class, PhaseStatus.class, GateRule.class, Anomaly.class, PolicyOutcome.class,
            Tampering.class})
    void wireIdsAreUniqueLowercaseAndRoundTrip(Class<? extends Enum<?>> type) throws Exception {
        List<? extends Enum<?>> constants = Arrays.asList(type.getEnumConstants());
        List<String> ids = constants.stream().map(this::wireId).toList();

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
        for (Enum<?> constant : constants) {
            String serialized = json.writeValueAsString(constant);
            assertThat(serialized).isEqualTo("\"" + wireId(constant) + "\"");
            assertThat(json.readValue(serialized, type)).isEqualTo(constant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"SCHEMA\"", "\"Schema\"", "\"schemas\""})
    void anythingButTheWireIdIsRejected(String value) {
        assertThatThrownBy(() -> json.readValue(value, MigrationKind.class))
                .hasMessageContaining("not one of the values accepted");
    }

    private String wireId(Enum<?> constant) {
        try {
            return (String) constant.getClass().getMethod("wireId").invoke(constant);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(constant.getClass() + " has no wireId()", e);
        }
    }
}
