package io.ledger.integrity;

import io.ledger.ValidatedSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointSettingsTest {

    @Test
    void anIntervalMustBePositive() {
        for (String interval : new String[] {"0s", "-1m"}) {
            assertThatThrownBy(() -> ValidatedSettings.bind("ledger.checkpoints", CheckpointSettings.class,
                    Map.of("ledger.checkpoints.interval", interval))).as(interval).hasStackTraceContaining("interval");
        }
    }

    @Test
    void everySettingHasADefaultAndNoKeyFileMeansAGeneratedKey() {
        CheckpointSettings settings = bind(Map.of("ledger.checkpoints.signing-key-file", ""));

        assertThat(settings.signingKeyFile()).isNull();
        assertThat(settings.previousPublicKeyFiles()).isEmpty();
        assertThat(settings.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.maxUnsignedEvents()).isEqualTo(1000);
    }

    @Test
    void bindsTheKeysOfTheConfigurationPage() {
        CheckpointSettings settings = bind(Map.of("ledger.checkpoints.signing-key-file", "/etc/ledger/key.pem",
                "ledger.checkpoints.previous-public-key-files", "/etc/ledger/2025.pub.pem,/etc/ledger/2024.pub.pem",
                "ledger.checkpoints.interval", "30s", "ledger.checkpoints.max-unsigned-events", "500"));

        assertThat(settings.signingKeyFile()).isEqualTo(Path.of("/etc/ledger/key.pem"));
        assertThat(settings.previousPublicKeyFiles())
                .containsExactly(Path.of("/etc/ledger/2025.pub.pem"), Path.of("/etc/ledger/2024.pub.pem"));
        assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxUnsignedEvents()).isEqualTo(500);
    }

    private static CheckpointSettings bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("ledger.checkpoints",
                CheckpointSettings.class);
    }
}
