package io.ledger.platform;

import io.ledger.ValidatedSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerPropertiesTest {

    @Test
    void aNegativeClockSkewIsRefusedAtStart() {
        assertThatThrownBy(() -> ValidatedSettings.bind("ledger", LedgerProperties.class,
                Map.of("ledger.max-clock-skew", "-5m"))).hasStackTraceContaining("maxClockSkew");
        assertThat(ValidatedSettings.bind("ledger", LedgerProperties.class, Map.of("ledger.max-clock-skew", "0s"))
                .maxClockSkew()).isZero();
    }

    @Test
    void everySettingHasADefault() {
        LedgerProperties properties = bind(Map.of());

        assertThat(properties.embedded().dataDir()).isEqualTo(Path.of("data"));
        assertThat(properties.embedded().binariesDir())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "migration-ledger-postgres"));
        assertThat(properties.maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(properties.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.readModelReadAhead()).isEqualTo(DataSize.ofMegabytes(8));
    }

    @Test
    void bindsTheKeysOfApplicationYml() {
        LedgerProperties properties = bind(Map.of("ledger.embedded.data-dir", "/var/lib/ledger",
                "ledger.embedded.binaries-dir", "/opt/ledger/postgres", "ledger.max-body-bytes", "2048",
                "ledger.max-clock-skew", "30s", "ledger.read-model-read-ahead", "32MB"));

        assertThat(properties.embedded().dataDir()).isEqualTo(Path.of("/var/lib/ledger"));
        assertThat(properties.embedded().binariesDir()).isEqualTo(Path.of("/opt/ledger/postgres"));
        assertThat(properties.maxBodyBytes()).isEqualTo(2048);
        assertThat(properties.maxClockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.readModelReadAhead()).isEqualTo(DataSize.ofMegabytes(32));
    }

    @Test
    void aReadModelMayReadAheadAtLeastOneByte() {
        assertThatThrownBy(() -> bind(Map.of("ledger.read-model-read-ahead", "0B")))
                .hasRootCauseMessage("ledger.read-model-read-ahead must be at least 1B, was 0B");
    }

    private static LedgerProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("ledger",
                LedgerProperties.class);
    }
}
