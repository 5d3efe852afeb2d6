package io.ledger.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drains the outbox, off the ingestion path. A due delivery is first claimed (its attempt counted and its next
 * attempt scheduled by the backoff) and committed, then sent, then its outcome recorded: a crash mid-send leaves it
 * pending for a later attempt, so a notification can be sent twice but is never lost. Only sinks configured now
 * are drained; a delivery to a sink since removed stays pending and visible.
 */
final class Sender {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final int BATCH = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Payloads payloads;
    private final Map<String, AlertsProperties.Sink> sinks;
    private final Backoff backoff;
    private final MeterRegistry meters;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Sender(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json, Payloads payloads,
            List<AlertsProperties.Sink> sinks, Backoff backoff, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.payloads = payloads;
        this.sinks = sinks.stream().collect(Collectors.toMap(AlertsProperties.Sink::name, Function.identity()));
        this.backoff = backoff;
        this.meters = meters;
        this.clock = clock;
    }

    /** The delay after a failed attempt: doubled each time from {@code initial}, never over {@code max}. */
    record Backoff(Duration initial, Duration max, int maxAttempts) {

        Duration after(int attempts) {
            Duration delay = initial;
            for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(max) > 0 ? max : delay;
        }
    }

    record Claimed(long id, AlertsProperties.Sink sink, String migrationId, int attempt) {
    }

    /** Sends every delivery due now; returns how many were attempted. */
    int drain() {
        if (sinks.isEmpty()) {
            return 0;
        }
        int attempted = 0;
        List<Claimed> batch;
        do {
            batch = claim(clock.instant());
            batch.forEach(this::send);
            attempted += batch.size();
        } while (batch.size() == BATCH);
        return attempted;
    }

    private List<Claimed> claim(Instant now) {
        return transactions.execute(status -> {
            List<Claimed> due = jdbc.query(statement -> {
                var query = statement.prepareStatement("SELECT id, sink, migration_id, attempts FROM alert_delivery "
                        + "WHERE state = 'pending' AND next_attempt_at <= ? AND sink = ANY (?) ORDER BY next_attempt_at, id "
                        + "LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                query.setTimestamp(1, Timestamp.from(now));
                query.setArray(2, statement.createArrayOf("text", sinks.keySet().toArray()));
                return query;
            }, (row, n) -> new Claimed(row.getLong("id"), sinks.get(row.getString("sink")),
                    row.getString("migration_id"), row.getInt("attempts") + 1));
            for (Claimed delivery : due) {
                jdbc.update("UPDATE alert_delivery SET attempts = ?, next_attempt_at = ? WHERE id = ?",
                        delivery.attempt(), Timestamp.from(now.plus(backoff.after(delivery.attempt()))), delivery.id());
            }
            return due;
        });
    }

    private void send(Claimed delivery) {
        List<Alert.Notice> notices = new ArrayList<>();
        jdbc.queryForList("SELECT snapshot FROM alert_delivery_item WHERE delivery_id = ? ORDER BY alert_id, "
                        + "occurrence, state DESC", String.class, delivery.id())
                .forEach(snapshot -> notices.add(read(snapshot)));
        AlertsProperties.Sink sink = delivery.sink();
        byte[] body = payloads.body(sink.type(), delivery.migrationId(), notices);
        Instant started = clock.instant();
        long began = System.nanoTime();
        Integer statusCode = null;
        String error = null;
        try {
            statusCode = post(sink, body);
            if (statusCode / 100 != 2) {
                error = "HTTP " + statusCode;
            }
        } catch (IOException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        long durationMs = (System.nanoTime() - began) / 1_000_000;
        record(delivery, started, statusCode, error, durationMs);
    }

    /** Posts to the sink; Alertmanager's API path is added to its base URL. */
    int post(AlertsProperties.Sink sink, byte[] body) throws IOException, InterruptedException {
        URI target = sink.type() == SinkType.ALERTMANAGER
                ? URI.create(sink.url().toString().replaceAll("/+$", "") + "/api/v2/alerts") : sink.url();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (sink.type() == SinkType.WEBHOOK) {
            request.header(Signatures.HEADER, Signatures.sign(sink.secret(), body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void record(Claimed delivery, Instant at, Integer statusCode, String error, long durationMs) {
        boolean delivered = error == null;
        boolean givenUp = !delivered && delivery.attempt() >= backoff.maxAttempts();
        transactions.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO alert_attempt (delivery_id, attempt, at, status_code, error, duration_ms) "
                            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    delivery.id(), delivery.attempt(), Timestamp.from(at), statusCode, error, durationMs);
            if (delivered) {
                jdbc.update("UPDATE alert_delivery SET state = 'delivered', delivered_at = ? WHERE id = ?",
                        Timestamp.from(clock.instant()), delivery.id());
            } else if (givenUp) {
                jdbc.update("UPDATE alert_delivery SET state = 'failed' WHERE id = ?", delivery.id());
            }
        });
        if (delivered) {
            LOG.info("Delivered alert notification {} for {} to {} ({}), attempt {}: HTTP {} in {} ms", delivery.id(),
                    delivery.migrationId(), delivery.sink().name(), delivery.sink().type().wireId(), delivery.attempt(),
                    statusCode, durationMs);
        } else {
            failure(delivery.sink().name());
            LOG.warn("Alert notification {} for {} to {} ({}) failed, attempt {} of {}: {} in {} ms{}", delivery.id(),
                    delivery.migrationId(), delivery.sink().name(), delivery.sink().type().wireId(), delivery.attempt(),
                    backoff.maxAttempts(), error, durationMs, givenUp ? "; given up" : "; will retry");
        }
    }

    void failure(String sink) {
        Counter.builder("ledger.alerts.delivery.failures").tag("sink", sink)
                .description("Failed attempts to deliver an alert notification").register(meters).increment();
    }

    private Alert.Notice read(String snapshot) {
        try {
            return json.readValue(snapshot, Alert.Notice.class);
        } catch (IOException corrupt) {
            throw new IllegalStateException("an outbox item does not read back: " + snapshot, corrupt);
        }
    }
}
