package io.ledger.platform;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownSettingCheckTest {

    @Test
    void theSettingsClassesDescribeTheLedgersKeys() {
        assertThat(UnknownSettingCheck.known()).containsEntry("ledger.alerts.scan-interval", false)
                .containsEntry("ledger.embedded.data-dir", false).containsEntry("ledger.max-clock-skew", false)
                .containsEntry("ledger.policy.environments", true).containsEntry("ledger.alerts.sinks", true)
                .containsEntry("ledger.policy.other-environments", true);
    }

    @Test
    void aMisspelledKeyIsNamedAndTheKeysOfMapsAndListsAndRelaxedSpellingsAreNot() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("settings", Map.of(
                "ledger.alerts.scan-intervall", "1s",
                "ledger.alertz.foo", "1",
                "ledger.max-clock-skew.seconds", "30",
                "ledger.alerts.scan-interval", "1s",
                "ledger.maxClockSkew", "2m",
                "ledger.alerts.scan_interval", "1s",
                "ledger.alerts.sinks[0].url", "https://hooks.example/a",
                "ledger.policy.environments.prod.backup-window", "12h",
                "ledger.reports.budget.per-environment.prod", "10s",
                "spring.datasource.url", "")));
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource("environment",
                Map.of("LEDGER_TOKEN", "the command-line tool's", "LEDGER_ALERTZ", "x")));

        assertThat(UnknownSettingCheck.unknown(environment, UnknownSettingCheck.known())).containsExactly(
                "ledger.alerts.scan-intervall (\"ledger.alerts.scan-intervall\" from property source \"settings\")",
                "ledger.alertz.foo (\"ledger.alertz.foo\" from property source \"settings\")",
                "ledger.max-clock-skew.seconds (\"ledger.max-clock-skew.seconds\" from property source \"settings\")");
    }
}
