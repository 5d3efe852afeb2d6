package io.ledger.alerts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ledger.alerts.*} settings; docs/alerts.md describes each one.
 *
 * @param productionEnvironments environments whose refused gates raise alerts and whose alerts are one level more severe
 * @param overrunFactor a phase running longer than its estimate times this raises {@code phase-overrun}
 * @param stallAfter an in-progress migration with no event for this long raises {@code stalled}
 * @param scanInterval how often running phases and silent migrations are checked
 * @param groupWindow alert changes on one migration within this window go out as one notification
 * @param sendInterval how often the outbox is drained
 * @param retryInitial the delay before the second attempt of a failed delivery; doubled each attempt
 * @param retryMax the longest delay between two attempts
 * @param maxAttempts a delivery that failed this many times is given up
 * @param resendInterval how often firing alerts are re-sent to Alertmanager (keep it below its resolve_timeout)
 * @param notifyMaxAge alert changes older than this are not notified (a first start over an old ledger stays quiet)
 * @param publicUrl the ledger's address as people reach it, for links in notifications
 * @param sinks where notifications go
 */
@ConfigurationProperties("ledger.alerts")
@Validated
record AlertsProperties(
        @NotNull @DefaultValue({"prod", "production"}) List<String> productionEnvironments,
        @DecimalMin(value = "1.0") @DefaultValue("2") double overrunFactor,
        @NotNull @DefaultValue("15m") Duration stallAfter,
        @NotNull @DefaultValue("5s") Duration scanInterval,
        @NotNull @DefaultValue("30s") Duration groupWindow,
        @NotNull @DefaultValue("1s") Duration sendInterval,
        @NotNull @DefaultValue("1s") Duration retryInitial,
        @NotNull @DefaultValue("5m") Duration retryMax,
        @Positive @DefaultValue("20") int maxAttempts,
        @NotNull @DefaultValue("1m") Duration resendInterval,
        @NotNull @DefaultValue("1h") Duration notifyMaxAge,
        @NotNull @DefaultValue("http://localhost:8080") URI publicUrl,
        @Valid @DefaultValue List<Sink> sinks) {

    AlertsProperties {
        productionEnvironments = productionEnvironments.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        sinks = named(sinks == null ? List.of() : sinks);
        List<String> problems = new ArrayList<>();
        Map<String, Duration> positive = new LinkedHashMap<>();
        positive.put("stall-after", stallAfter);
        positive.put("scan-interval", scanInterval);
        positive.put("send-interval", sendInterval);
        positive.put("retry-initial", retryInitial);
        positive.put("retry-max", retryMax);
        positive.put("resend-interval", resendInterval);
        positive.put("notify-max-age", notifyMaxAge);
        positive.forEach((name, value) -> {
            if (value.isNegative() || value.isZero()) {
                problems.add(name + " must be positive, got " + value);
            }
        });
        if (groupWindow.isNegative()) {
            problems.add("group-window must not be negative, got " + groupWindow);
        }
        if (retryMax.compareTo(retryInitial) < 0) {
            problems.add("retry-max (" + retryMax + ") is shorter than retry-initial (" + retryInitial + ")");
        }
        Set<String> names = new HashSet<>();
        for (Sink sink : sinks) {
            problems.addAll(sink.problems());
            if (!names.add(sink.name())) {
                problems.add("sinks: two sinks are named " + sink.name() + "; give each a distinct name");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid ledger.alerts settings: " + String.join("; ", problems));
        }
    }

    boolean isProduction(String environment) {
        return productionEnvironments.contains(environment.toLowerCase(Locale.ROOT));
    }

    /** Sinks without a name are called after their type and place, {@code webhook-0}, so deliveries can name them. */
    private static List<Sink> named(List<Sink> sinks) {
        List<Sink> named = new ArrayList<>();
        for (int i = 0; i < sinks.size(); i++) {
            Sink sink = sinks.get(i);
            named.add(sink.name() != null && !sink.name().isBlank() ? sink
                    : new Sink(sink.type() == null ? "sink-" + i : sink.type().wireId() + "-" + i,
                    sink.type(), sink.url(), sink.secret()));
        }
        return List.copyOf(named);
    }

    /**
     * One destination of notifications.
     *
     * @param name how deliveries name it; defaults to {@code <type>-<index>}
     * @param type {@code webhook}, {@code alertmanager} or {@code slack}
     * @param url the webhook or Slack URL; for Alertmanager its base URL ({@code /api/v2/alerts} is appended)
     * @param secret for {@code webhook}: the HMAC-SHA256 key of the {@code X-Ledger-Signature} header
     */
    record Sink(String name, SinkType type, URI url, String secret) {

        List<String> problems() {
            String where = "sink " + name;
            List<String> problems = new ArrayList<>();
            if (type == null) {
                problems.add(where + ": type is required (webhook, alertmanager or slack)");
            }
            if (url == null) {
                problems.add(where + ": url is required");
            } else if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                problems.add(where + ": url must be an absolute http(s) URL, got " + url);
            }
            if (type == SinkType.WEBHOOK && (secret == null || secret.isBlank())) {
                problems.add(where + ": a webhook needs a secret to sign its payloads");
            }
            if (type != SinkType.WEBHOOK && secret != null) {
                problems.add(where + ": only a webhook takes a secret");
            }
            return problems;
        }
    }
}
