package io.ledger.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * Alertmanager forgets a firing alert that is not re-sent within its resolve_timeout, so every open alert is sent
 * again to each Alertmanager sink at the resend interval. A missed re-send is harmless (the next one follows), so
 * these are logged and counted, not queued.
 */
final class Resender {

    private static final Logger LOG = LoggerFactory.getLogger(Resender.class);

    private final JdbcTemplate jdbc;
    private final AlertStore alerts;
    private final Payloads payloads;
    private final Sender sender;
    private final List<AlertsProperties.Sink> sinks;
    private final ObjectMapper json;

    Resender(JdbcTemplate jdbc, AlertStore alerts, Payloads payloads, Sender sender, List<AlertsProperties.Sink> sinks,
            ObjectMapper json) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.payloads = payloads;
        this.sender = sender;
        this.sinks = sinks.stream().filter(sink -> sink.type() == SinkType.ALERTMANAGER).toList();
        this.json = json;
    }

    void resend() {
        if (sinks.isEmpty()) {
            return;
        }
        List<Alert.Notice> open = jdbc.queryForList("SELECT id FROM alert WHERE state <> 'resolved' ORDER BY raised_at",
                UUID.class).stream().flatMap(id -> alerts.find(id).stream()).map(Alert::notice).toList();
        if (open.isEmpty()) {
            return;
        }
        for (AlertsProperties.Sink sink : sinks) {
            try {
                byte[] body = json.writeValueAsBytes(payloads.alertmanager(open));
                int status = sender.post(sink, body);
                if (status / 100 != 2) {
                    sender.failure(sink.name());
                    LOG.warn("Re-sending {} firing alerts to {} failed: HTTP {}", open.size(), sink.name(), status);
                }
            } catch (IOException e) {
                sender.failure(sink.name());
                LOG.warn("Re-sending {} firing alerts to {} failed: {}", open.size(), sink.name(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
