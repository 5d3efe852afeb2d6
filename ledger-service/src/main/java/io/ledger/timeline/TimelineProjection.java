package io.ledger.timeline;

import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.Planned;
import io.ledger.platform.AxonConfiguration;
import io.ledger.projections.BatchScope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per ledger event, keyed by its ledger-wide position, with its migration's database so that "what else
 * happened on orders-db" is one index range. The database comes from the migration's {@code planned} event, kept in
 * {@code timeline_migration}, rather than from re-reading the event log for every event. A batch's rows are written
 * together at its end, in one JDBC batch.
 *
 * <p>The position is the event's own {@code globalindex}, read by its migration and sequence in the same statement.
 * The tracking token is no substitute: appends commit in any order, and an event that commits after a later
 * position (filling a gap the processor skipped) arrives with a token at that later position.
 */
@Component
@ProcessingGroup("timeline")
class TimelineProjection {

    private static final String INSERT = """
            INSERT INTO timeline_event (position, migration_id, sequence, database, environment, occurred_at,
                recorded_at, type, phase, actor, principal, runner, summary)
            SELECT e.globalindex, :id, :sequence, m.database, m.environment, :occurredAt, :recordedAt, :type, :phase,
                :actor, :principal, :runner, :summary
            FROM timeline_migration m
            JOIN domainevententry e ON e.aggregateidentifier = m.migration_id AND e.sequencenumber = :sequence
            WHERE m.migration_id = :id
            ON CONFLICT (position) DO NOTHING
            """;

    private static final Logger LOG = LoggerFactory.getLogger(TimelineProjection.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchScope<Rows> rows = new BatchScope<>("timeline", Rows::new, this::write);

    TimelineProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A batch's rows, written together at its end: the migrations first, so that their events find them. */
    private record Rows(List<SqlParameterSource> migrations, List<SqlParameterSource> events) {
        Rows() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    @EventHandler
    void on(LedgerEvent event, DomainEventMessage<?> message) {
        String id = message.getAggregateIdentifier();
        Rows batch = rows.current();
        if (event instanceof Planned planned) {
            batch.migrations().add(new MapSqlParameterSource("id", id).addValue("database", planned.plan().database())
                    .addValue("environment", planned.plan().environment()));
        }
        batch.events().add(new MapSqlParameterSource("id", id)
                .addValue("sequence", message.getSequenceNumber())
                .addValue("occurredAt", timestamp(event.occurredAt()))
                .addValue("recordedAt", timestamp(message.getTimestamp()))
                .addValue("type", event.type())
                .addValue("phase", EventDetails.phase(event))
                .addValue("actor", event.actor())
                .addValue("principal", message.getMetaData().get(AxonConfiguration.PRINCIPAL))
                .addValue("runner", EventDetails.runner(event.runner()))
                .addValue("summary", EventDetails.summary(event)));
    }

    /**
     * An event of an unknown migration is left out and logged, as Axon logs a handler that fails, and the batch goes
     * on: the ledger never appends an event before its migration's {@code planned}, so this is a broken event table.
     */
    private void write(Rows batch) {
        if (!batch.migrations().isEmpty()) {
            jdbc.batchUpdate("INSERT INTO timeline_migration (migration_id, database, environment) "
                    + "VALUES (:id, :database, :environment) ON CONFLICT (migration_id) DO NOTHING",
                    batch.migrations().toArray(SqlParameterSource[]::new));
        }
        int[] inserted = jdbc.batchUpdate(INSERT, batch.events().toArray(SqlParameterSource[]::new));
        for (int i = 0; i < inserted.length; i++) {
            SqlParameterSource event = batch.events().get(i);
            String id = (String) event.getValue("id");
            long sequence = (Long) event.getValue("sequence");
            if (inserted[i] == 0 && !exists(id, sequence)) {
                LOG.error("event {} of {} arrived before its migration was planned; it is not on the timeline",
                        sequence, id);
            }
        }
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM timeline_event");
        jdbc.getJdbcTemplate().update("DELETE FROM timeline_migration");
    }

    private boolean exists(String migrationId, long sequence) {
        return Boolean.TRUE.equals(jdbc.getJdbcTemplate().queryForObject(
                "SELECT EXISTS (SELECT 1 FROM timeline_event WHERE migration_id = ? AND sequence = ?)", Boolean.class,
                migrationId, sequence));
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
