package io.ledger.policy;

import io.ledger.ValidatedSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicySettingsTest {

    @Test
    void aBackupWindowOrADurationBudgetMustBePositive() {
        Map<String, String> refused = Map.of("ledger.policy.environments.prod.backup-window", "backupWindow",
                "ledger.policy.other-environments.duration-budget", "durationBudget");
        refused.forEach((setting, field) -> assertThatThrownBy(() -> ValidatedSettings.bind("ledger.policy",
                PolicySettings.class, Map.of(setting, "-24h"))).as(setting)
                .hasStackTraceContaining(field + "': rejected value [PT-24H]"));
    }

    @Test
    void prodIsStrictAndEveryOtherEnvironmentRelaxedWithNoSetting() {
        PolicySettings settings = bind(Map.of());
        assertThat(settings.policyFor("prod")).isEqualTo(Policy.STRICT);
        assertThat(settings.policyFor("staging").enforced()).isFalse();
        assertThat(settings.policyFor("dev").enforced()).isFalse();
    }

    @Test
    void strictDefaultsAreTheRunbooksNumbers() {
        Policy strict = bind(Map.of()).policyFor("prod");
        assertThat(strict.promotedFrom()).isEqualTo("staging");
        assertThat(strict.backupWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(strict.approverRoles()).containsExactly("dba");
        assertThat(strict.durationBudget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(strict.durationWaiver()).isEqualTo("duration-waiver");
    }

    @Test
    void configuringAnotherEnvironmentLeavesProdStrict() {
        PolicySettings settings = bind(Map.of("ledger.policy.environments.staging.enforced", "true",
                "ledger.policy.environments.staging.approver-roles", "dba,oncall"));
        assertThat(settings.policyFor("prod")).isEqualTo(Policy.STRICT);
        assertThat(settings.policyFor("staging").enforced()).isTrue();
        assertThat(settings.policyFor("staging").approverRoles()).isEqualTo(List.of("dba", "oncall"));
        assertThat(settings.policyFor("staging").durationBudget()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void prodMayBeTunedSettingBySetting() {
        Policy prod = bind(Map.of("ledger.policy.environments.prod.duration-budget", "2m")).policyFor("prod");
        assertThat(prod.enforced()).isTrue();
        assertThat(prod.durationBudget()).isEqualTo(Duration.ofMinutes(2));
        assertThat(prod.backupWindow()).isEqualTo(Duration.ofHours(24));
    }

    private static PolicySettings bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ledger.policy", PolicySettings.class);
    }
}
