package io.ledger.reports;

import io.ledger.ValidatedSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportsPropertiesTest {

    @Test
    void aBudgetMustBePositive() {
        Map<String, String> refused = Map.of("ledger.reports.budget.default", "defaultBudget",
                "ledger.reports.budget.per-environment.prod", "perEnvironment[prod]");
        refused.forEach((setting, field) -> assertThatThrownBy(() -> ValidatedSettings.bind("ledger.reports",
                ReportsProperties.class, Map.of(setting, "-30s"))).as(setting)
                .hasStackTraceContaining("field '" + field + "': rejected value [PT-30S]"));
    }

    @Test
    void defaultsNeedNoSetting() {
        ReportsProperties properties = bind(Map.of());
        assertThat(properties.budget().of("prod")).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.regressionFactor()).isEqualTo(2.0);
        assertThat(properties.regressionWindow()).isEqualTo(20);
        assertThat(properties.regressionMinRuns()).isEqualTo(3);
        assertThat(properties.prediction().from()).isEqualTo("staging");
        assertThat(properties.prediction().to()).isEqualTo("prod");
    }

    @Test
    void anEnvironmentMayHaveABudgetOfItsOwn() {
        ReportsProperties properties = bind(Map.of("ledger.reports.budget.default", "1m",
                "ledger.reports.budget.per-environment.prod", "10s"));
        assertThat(properties.budget().of("prod")).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.budget().of("staging")).isEqualTo(Duration.ofMinutes(1));
    }

    private static ReportsProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ledger.reports", ReportsProperties.class);
    }
}
