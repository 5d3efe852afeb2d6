package io.ledger.alerts;

import io.ledger.api.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeveritiesTest {

    @Test
    void outsideProductionAnAlertIsAsSevereAsItsMigration() {
        for (Severity severity : Severity.values()) {
            assertThat(Severities.of(severity, false)).isEqualTo(severity);
        }
    }

    @Test
    void productionRaisesTheSeverityOneLevel() {
        assertThat(Severities.of(Severity.LOW, true)).isEqualTo(Severity.MEDIUM);
        assertThat(Severities.of(Severity.MEDIUM, true)).isEqualTo(Severity.HIGH);
        assertThat(Severities.of(Severity.HIGH, true)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void criticalStaysCritical() {
        assertThat(Severities.of(Severity.CRITICAL, true)).isEqualTo(Severity.CRITICAL);
    }
}
