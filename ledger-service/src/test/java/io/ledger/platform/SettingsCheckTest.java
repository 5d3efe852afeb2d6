package io.ledger.platform;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsCheckTest {

    @Test
    void everySettingsClassOfTheLedgerIsChecked() {
        assertThat(SettingsCheck.settings()).extracting(SettingsCheck.Setting::prefix)
                .contains("ledger", "ledger.alerts", "ledger.checkpoints", "ledger.history", "ledger.policy",
                        "ledger.reports", "ledger.timeline", "ledger.access")
                .doesNotContain("ledger.embedded", "spring.datasource.hikari");
    }

    @Test
    void theDefaultsPass() {
        assertThatCode(() -> SettingsCheck.check(new StandardEnvironment())).doesNotThrowAnyException();
    }

    @Test
    void aValueTheLedgerCannotUseStopsTheStartNamingIt() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("settings",
                Map.of("ledger.max-concurrent-writes", "0")));

        assertThatThrownBy(() -> SettingsCheck.check(environment)).isInstanceOf(BindException.class)
                .hasMessageContaining("io.ledger.web.WriteLimits");
    }
}
