package io.ledger.web;

import io.ledger.ValidatedSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteLimitsTest {

    @Test
    void aWriteWaitsForAdmissionNoLessThanNotAtAll() {
        assertThat(bind(Map.of()).writeAdmissionTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(bind(Map.of("ledger.write-admission-timeout", "0s")).writeAdmissionTimeout()).isZero();
        assertThatThrownBy(() -> bind(Map.of("ledger.write-admission-timeout", "-1s")))
                .hasStackTraceContaining("writeAdmissionTimeout");
    }

    private static WriteLimits bind(Map<String, String> settings) {
        return ValidatedSettings.bind("ledger", WriteLimits.class, settings);
    }
}
