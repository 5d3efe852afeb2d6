package io.ledger.alerts;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsPropertiesTest {

    @Test
    void everyDurationThatIsNotPositiveIsNamed() {
        assertThatThrownBy(() -> new AlertsProperties(List.of("prod"), 2, Duration.ofMinutes(15), Duration.ZERO,
                Duration.ofSeconds(-30), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(5), 20,
                Duration.ofMinutes(1), Duration.ofHours(-1), URI.create("http://localhost:8080"), List.of()))
                .hasMessageContaining("scan-interval must be positive, got PT0S")
                .hasMessageContaining("group-window must not be negative, got PT-30S")
                .hasMessageContaining("notify-max-age must be positive, got PT-1H");
    }

    @Test
    void sinksWithoutANameAreNamedAfterTheirTypeAndPlace() {
        AlertsProperties settings = settings(List.of(
                new AlertsProperties.Sink(null, SinkType.WEBHOOK, URI.create("https://hooks.example/a"), "k"),
                new AlertsProperties.Sink("pager", SinkType.ALERTMANAGER, URI.create("http://am:9093"), null)));

        assertThat(settings.sinks()).extracting(AlertsProperties.Sink::name).containsExactly("webhook-0", "pager");
    }

    @Test
    void aWebhookWithoutASecretIsRefusedAtStartUp() {
        assertThatThrownBy(() -> settings(List.of(
                new AlertsProperties.Sink(null, SinkType.WEBHOOK, URI.create("https://hooks.example/a"), null))))
                .hasMessageContaining("sink webhook-0: a webhook needs a secret");
    }

    @Test
    void everyBrokenSinkIsNamedAtOnce() {
        assertThatThrownBy(() -> settings(List.of(
                new AlertsProperties.Sink("a", null, null, null),
                new AlertsProperties.Sink("b", SinkType.SLACK, URI.create("hooks.example/relative"), "k"),
                new AlertsProperties.Sink("b", SinkType.SLACK, URI.create("https://hooks.slack.example/x"), null))))
                .hasMessageContaining("sink a: type is required")
                .hasMessageContaining("sink a: url is required")
                .hasMessageContaining("sink b: url must be an absolute http(s) URL")
                .hasMessageContaining("sink b: only a webhook takes a secret")
                .hasMessageContaining("two sinks are named b");
    }

    @Test
    void productionEnvironmentsMatchWhateverTheCase() {
        AlertsProperties settings = settings(List.of());

        assertThat(settings.isProduction("PROD")).isTrue();
        assertThat(settings.isProduction("production")).isTrue();
        assertThat(settings.isProduction("staging")).isFalse();
    }

    private static AlertsProperties settings(List<AlertsProperties.Sink> sinks) {
        return new AlertsProperties(List.of("prod", "production"), 2, Duration.ofMinutes(15), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(5), 20,
                Duration.ofMinutes(1), Duration.ofHours(1), URI.create("http://localhost:8080"), sinks);
    }
}
