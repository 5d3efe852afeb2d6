package io.ledger.alerts;

import io.ledger.api.Severity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The alerts table and its lifecycle. Every change locks the alert's row, so the projection, the time-based scan
 * and people acting through the API never overwrite each other, and queues its notification in the same
 * transaction.
 */
class AlertStore {

    private static final String SELECT = "SELECT id, dedup_key, migration_id, database, environment, cause, severity, "
            + "state, occurrence, summary, raised_at, raised_by_event_id, raised_by_event_type, acknowledged_at, "
            + "acknowledged_by, acknowledge_comment, resolved_at, resolved_by, resolve_comment, resolved_by_event_id, "
            + "resolved_by_event_type FROM alert ";

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;

    AlertStore(JdbcTemplate jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What an alert needs to know of its migration. */
    record Target(String migrationId, String database, String environment, Severity severity) {
    }

    /** The ledger event (or its absence, for time-based causes) that raised or resolved an alert. */
    record Because(Instant at, UUID eventId, String eventType) {
    }

    static UUID idOf(String dedupKey) {
        return UUID.nameUUIDFromBytes(("alert:" + dedupKey).getBytes(StandardCharsets.UTF_8));
    }

    static String dedupKey(String migrationId, String cause) {
        return migrationId + "|" + cause;
    }

    /**
     * Fires the alert of this migration and cause, unless it is already open. A resolved alert fires again as its
     * next occurrence.
     */
    void raise(Target target, String cause, String subject, String summary, Because because) {
        String key = dedupKey(target.migrationId(), cause);
        UUID id = idOf(key);
        List<Alert> existing = jdbc.query(SELECT + "WHERE id = ? FOR UPDATE", ROW, id);
        if (existing.isEmpty()) {
            jdbc.update("INSERT INTO alert (id, dedup_key, migration_id, database, environment, cause, subject, severity, "
                            + "state, occurrence, summary, raised_at, raised_by_event_id, raised_by_event_type) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'firing', 1, ?, ?, ?, ?)",
                    id, key, target.migrationId(), target.database(), target.environment(), cause, subject,
                    target.severity().wireId(), summary, Timestamp.from(because.at()), because.eventId(),
                    because.eventType());
        } else if (existing.get(0).state() == AlertState.RESOLVED) {
            int occurrence = existing.get(0).occurrence() + 1;
            jdbc.update("UPDATE alert SET state = 'firing', occurrence = ?, severity = ?, summary = ?, raised_at = ?, "
                            + "raised_by_event_id = ?, raised_by_event_type = ?, acknowledged_at = NULL, "
                            + "acknowledged_by = NULL, acknowledge_comment = NULL, resolved_at = NULL, resolved_by = NULL, "
                            + "resolve_comment = NULL, resolved_by_event_id = NULL, resolved_by_event_type = NULL "
                            + "WHERE id = ?",
                    occurrence, target.severity().wireId(), summary, Timestamp.from(because.at()), because.eventId(),
                    because.eventType(), id);
        } else {
            return;
        }
        notify(id, because.at());
    }

    /** Resolves the open alerts of these causes on the migration, naming the event that resolved them. */
    void resolve(String migrationId, List<String> causes, Because because) {
        List<UUID> open = jdbc.query("SELECT id FROM alert WHERE migration_id = ? AND state <> 'resolved' "
                        + "AND cause = ANY (?) ORDER BY id FOR UPDATE", statement -> {
                    statement.setString(1, migrationId);
                    statement.setArray(2, statement.getConnection().createArrayOf("text", causes.toArray()));
                }, (row, n) -> row.getObject("id", UUID.class));
        open.forEach(id -> resolveByEvent(id, because));
    }

    /** Resolves every open alert on the migration whose cause starts with the prefix. */
    void resolveStartingWith(String migrationId, String prefix, Because because) {
        List<UUID> open = jdbc.queryForList("SELECT id FROM alert WHERE migration_id = ? AND state <> 'resolved' "
                + "AND starts_with(cause, ?) ORDER BY id FOR UPDATE", UUID.class, migrationId, prefix);
        open.forEach(id -> resolveByEvent(id, because));
    }

    /** Resolves every open alert on the migration whose cause does not start with the prefix. */
    void resolveAllBut(String migrationId, String prefix, Because because) {
        List<UUID> open = jdbc.queryForList("SELECT id FROM alert WHERE migration_id = ? AND state <> 'resolved' "
                + "AND NOT starts_with(cause, ?) ORDER BY id FOR UPDATE", UUID.class, migrationId, prefix);
        open.forEach(id -> resolveByEvent(id, because));
    }

    /** Resolves the open refusals of one kind of gate, once that gate passed. */
    void resolveRefusals(String migrationId, String gateType, Because because) {
        List<UUID> open = jdbc.queryForList("SELECT id FROM alert WHERE migration_id = ? AND state <> 'resolved' "
                        + "AND starts_with(cause, 'gate-refused:') AND subject = ? ORDER BY id FOR UPDATE", UUID.class,
                migrationId, gateType);
        open.forEach(id -> resolveByEvent(id, because));
    }

    private void resolveByEvent(UUID id, Because because) {
        jdbc.update("UPDATE alert SET state = 'resolved', resolved_at = ?, resolved_by_event_id = ?, "
                        + "resolved_by_event_type = ? WHERE id = ?",
                Timestamp.from(because.at()), because.eventId(), because.eventType(), id);
        notify(id, because.at());
    }

    /** The outcome of a person's request to acknowledge or resolve an alert. */
    sealed interface Outcome {
        record Changed(Alert alert) implements Outcome {
        }

        record Refused(String rule, String message) implements Outcome {
        }

        record NotFound() implements Outcome {
        }
    }

    Outcome acknowledge(UUID id, String by, String comment) {
        return act(id, "acknowledge", by, comment);
    }

    Outcome resolve(UUID id, String by, String comment) {
        return act(id, "resolve", by, comment);
    }

    /**
     * A person's action is kept apart from the projection's tables: it is not in the ledger. It is stored with the
     * last event of the migration the projection had handled, so that a replay applies it again at that very point
     * (see {@link #reapplyActions}). The migration's row is locked first, as the projection locks it, so the two
     * cannot interleave.
     */
    private Outcome act(UUID id, String action, String by, String comment) {
        List<String> migration = jdbc.queryForList("SELECT migration_id FROM alert WHERE id = ?", String.class, id);
        if (migration.isEmpty()) {
            return new Outcome.NotFound();
        }
        Long handled = jdbc.queryForList("SELECT last_sequence FROM alert_migration WHERE migration_id = ? FOR UPDATE",
                Long.class, migration.get(0)).stream().findFirst().orElse(-1L);
        Alert alert = jdbc.query(SELECT + "WHERE id = ? FOR UPDATE", ROW, id).get(0);
        if (alert.state() == AlertState.RESOLVED) {
            return new Outcome.Refused("alert-resolved", "alert " + id + " is already resolved"
                    + (alert.resolvedByEventType() != null ? " by " + alert.resolvedByEventType() + " " + alert.resolvedByEventId()
                    : " by " + alert.resolvedBy()));
        }
        if (action.equals("acknowledge") && alert.state() == AlertState.ACKNOWLEDGED) {
            return new Outcome.Refused("alert-acknowledged", "alert " + id + " was already acknowledged by "
                    + alert.acknowledgedBy());
        }
        Instant now = clock.instant();
        jdbc.update("INSERT INTO alert_action (alert_id, occurrence, after_sequence, action, actor, comment, at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                id, alert.occurrence(), handled, action, by, comment, Timestamp.from(now));
        apply(id, action, by, comment, now);
        return new Outcome.Changed(find(id).orElseThrow());
    }

    /**
     * Applies, to the open alerts of the migration, what people did to the same occurrence once the projection had
     * handled up to {@code sequence}. Live these were applied when people acted and nothing matches; in a replay
     * they fall between the same two events as they did live.
     */
    void reapplyActions(String migrationId, long sequence) {
        record Action(UUID alertId, String action, String by, String comment, Instant at) {
        }
        jdbc.query("SELECT a.alert_id, a.action, a.actor, a.comment, a.at FROM alert_action a JOIN alert l "
                        + "ON l.id = a.alert_id AND l.occurrence = a.occurrence WHERE l.migration_id = ? "
                        + "AND l.state <> 'resolved' AND a.after_sequence <= ? ORDER BY a.at, a.action",
                (row, n) -> new Action(row.getObject("alert_id", UUID.class), row.getString("action"),
                        row.getString("actor"), row.getString("comment"), row.getTimestamp("at").toInstant()),
                migrationId, sequence)
                .forEach(action -> apply(action.alertId(), action.action(), action.by(), action.comment(), action.at()));
    }

    private void apply(UUID id, String action, String by, String comment, Instant at) {
        if (action.equals("acknowledge")) {
            jdbc.update("UPDATE alert SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, "
                    + "acknowledge_comment = ? WHERE id = ? AND state = 'firing'", Timestamp.from(at), by, comment, id);
        } else {
            int resolved = jdbc.update("UPDATE alert SET state = 'resolved', resolved_at = ?, resolved_by = ?, "
                    + "resolve_comment = ? WHERE id = ? AND state <> 'resolved'", Timestamp.from(at), by, comment, id);
            if (resolved > 0) {
                notify(id, at);
            }
        }
    }

    private void notify(UUID id, Instant changedAt) {
        find(id).ifPresent(alert -> outbox.queue(alert.notice(), changedAt, clock.instant()));
    }

    Optional<Alert> find(UUID id) {
        return withDeliveries(jdbc.query(SELECT + "WHERE id = ?", ROW, id)).stream().findFirst();
    }

    /** Alerts matching every given filter (a null filter matches all), newest first. */
    List<Alert> search(AlertFilter filter) {
        StringBuilder where = new StringBuilder("WHERE true");
        List<Object> args = new ArrayList<>();
        condition(where, args, "state", filter.state() == null ? null : filter.state().wireId());
        condition(where, args, "severity", filter.severity() == null ? null : filter.severity().wireId());
        condition(where, args, "migration_id", filter.migrationId());
        condition(where, args, "database", filter.database());
        condition(where, args, "environment", filter.environment());
        args.add(filter.limit());
        return withDeliveries(jdbc.query(SELECT + where + " ORDER BY raised_at DESC, id LIMIT ?", ROW, args.toArray()));
    }

    private static void condition(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private List<Alert> withDeliveries(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return alerts;
        }
        Object[] ids = alerts.stream().map(Alert::id).toArray();
        PreparedStatementSetter byIds = statement ->
                statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids));
        Map<UUID, List<Alert.Delivery>> deliveries = new LinkedHashMap<>();
        Map<Long, List<Alert.Attempt>> attempts = new LinkedHashMap<>();
        jdbc.query("SELECT a.delivery_id, a.attempt, a.at, a.status_code, a.error, a.duration_ms FROM alert_attempt a "
                + "WHERE a.delivery_id IN (SELECT delivery_id FROM alert_delivery_item WHERE alert_id = ANY (?)) "
                + "ORDER BY a.delivery_id, a.attempt", byIds, (ResultSet row) -> {
            attempts.computeIfAbsent(row.getLong("delivery_id"), any -> new ArrayList<>()).add(new Alert.Attempt(
                    row.getInt("attempt"), row.getTimestamp("at").toInstant(), (Integer) row.getObject("status_code"),
                    row.getString("error"), row.getLong("duration_ms")));
        });
        jdbc.query("SELECT i.alert_id, i.state AS carried, i.occurrence, d.id, d.sink, d.sink_type, d.state, d.attempts, "
                + "d.created_at, d.next_attempt_at, d.delivered_at FROM alert_delivery_item i "
                + "JOIN alert_delivery d ON d.id = i.delivery_id WHERE i.alert_id = ANY (?) ORDER BY d.id", byIds, (ResultSet row) -> {
            long delivery = row.getLong("id");
            deliveries.computeIfAbsent(row.getObject("alert_id", UUID.class), any -> new ArrayList<>()).add(
                    new Alert.Delivery(delivery, row.getString("sink"), row.getString("sink_type"),
                            row.getString("state"), AlertState.of(row.getString("carried")), row.getInt("occurrence"),
                            row.getInt("attempts"), instant(row, "created_at"),
                            "pending".equals(row.getString("state")) ? instant(row, "next_attempt_at") : null,
                            instant(row, "delivered_at"), attempts.getOrDefault(delivery, List.of())));
        });
        return alerts.stream().map(alert -> alert.withDeliveries(deliveries.getOrDefault(alert.id(), List.of()))).toList();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<Alert> ROW = (row, n) -> new Alert(
            row.getObject("id", UUID.class), row.getString("dedup_key"), row.getString("migration_id"),
            row.getString("database"), row.getString("environment"), row.getString("cause"),
            row.getString("severity"), AlertState.of(row.getString("state")), row.getInt("occurrence"),
            row.getString("summary"), instant(row, "raised_at"), row.getObject("raised_by_event_id", UUID.class),
            row.getString("raised_by_event_type"), instant(row, "acknowledged_at"), row.getString("acknowledged_by"),
            row.getString("acknowledge_comment"), instant(row, "resolved_at"), row.getString("resolved_by"),
            row.getString("resolve_comment"), row.getObject("resolved_by_event_id", UUID.class),
            row.getString("resolved_by_event_type"), List.of());
}
