package io.ledger.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Queues notifications in the transaction that changed the alert, so a committed change is never lost and ingestion
 * never waits on a sink. Changes on one migration within the group window join one pending delivery per sink.
 * Every queued (dedup key, state, occurrence) is remembered outside the projection's tables, so a replay that
 * re-raises an alert queues nothing that was queued before.
 */
final class Outbox {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final List<AlertsProperties.Sink> sinks;
    private final Duration groupWindow;
    private final Duration maxAge;

    Outbox(JdbcTemplate jdbc, ObjectMapper json, List<AlertsProperties.Sink> sinks, Duration groupWindow,
            Duration maxAge) {
        this.jdbc = jdbc;
        this.json = json;
        this.sinks = List.copyOf(sinks);
        this.groupWindow = groupWindow;
        this.maxAge = maxAge;
    }

    /**
     * Queues the change {@code changedAt} unless it was queued before or is too old to matter now.
     *
     * @return whether it was queued (for the sinks configured; with none it is only remembered)
     */
    boolean queue(Alert.Notice notice, Instant changedAt, Instant now) {
        if (changedAt.isBefore(now.minus(maxAge))) {
            return false;
        }
        int fresh = jdbc.update("INSERT INTO alert_notice (dedup_key, state, occurrence, queued_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                notice.dedupKey(), notice.state().wireId(), notice.occurrence(), Timestamp.from(now));
        if (fresh == 0) {
            return false;
        }
        String snapshot = snapshot(notice);
        for (AlertsProperties.Sink sink : sinks) {
            long delivery = openGroup(sink, notice.migrationId(), now);
            jdbc.update("INSERT INTO alert_delivery_item (delivery_id, alert_id, state, occurrence, snapshot) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    delivery, notice.id(), notice.state().wireId(), notice.occurrence(), snapshot);
        }
        return true;
    }

    /**
     * The sink's delivery for this migration that is still gathering changes, or a new one that will go out when
     * the window closes. The row lock keeps the sender from claiming it while a change joins it.
     */
    private long openGroup(AlertsProperties.Sink sink, String migrationId, Instant now) {
        List<Long> open = jdbc.queryForList("SELECT id FROM alert_delivery WHERE sink = ? AND migration_id = ? "
                        + "AND state = 'pending' AND attempts = 0 AND next_attempt_at > ? ORDER BY id LIMIT 1 FOR UPDATE",
                Long.class, sink.name(), migrationId, Timestamp.from(now));
        if (!open.isEmpty()) {
            return open.get(0);
        }
        return jdbc.queryForObject("INSERT INTO alert_delivery (sink, sink_type, migration_id, state, created_at, "
                        + "next_attempt_at) VALUES (?, ?, ?, 'pending', ?, ?) RETURNING id", Long.class,
                sink.name(), sink.type().wireId(), migrationId, Timestamp.from(now), Timestamp.from(now.plus(groupWindow)));
    }

    private String snapshot(Alert.Notice notice) {
        try {
            return json.writeValueAsString(notice);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an alert notice did not serialise", impossible);
        }
    }
}
