package io.ledger.timeline;

import io.ledger.ValidatedSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineSettingsTest {

    @Test
    void theGapThresholdAndTheLongestWindowMustBePositive() {
        assertThat(bind(Map.of()).gapThreshold()).isEqualTo(Duration.ofMinutes(5));
        for (String setting : new String[] {"gap-threshold", "max-window"}) {
            for (String value : new String[] {"0s", "-1d"}) {
                assertThatThrownBy(() -> bind(Map.of("ledger.timeline." + setting, value)))
                        .as(setting + "=" + value).hasStackTraceContaining(setting.equals("gap-threshold")
                                ? "gapThreshold" : "maxWindow");
            }
        }
    }

    private static TimelineSettings bind(Map<String, String> settings) {
        return ValidatedSettings.bind("ledger.timeline", TimelineSettings.class, settings);
    }
}
