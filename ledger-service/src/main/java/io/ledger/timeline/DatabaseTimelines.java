package io.ledger.timeline;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads the timeline projection: every migration's events on one database, merged on the runners' clock. */
@Component
class DatabaseTimelines {

    private final NamedParameterJdbcTemplate jdbc;

    DatabaseTimelines(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    DatabaseTimeline page(DatabaseTimelineQuery query) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("database", query.database())
                .addValue("from", TimelineProjection.timestamp(query.from()))
                .addValue("to", TimelineProjection.timestamp(query.to()))
                .addValue("limit", query.limit() + 1);
        String after = "";
        if (query.after() != null) {
            after = " AND (occurred_at, position) > (:afterOccurredAt, :afterPosition)";
            parameters.addValue("afterOccurredAt", TimelineProjection.timestamp(query.after().occurredAt()))
                    .addValue("afterPosition", query.after().position());
        }
        List<DatabaseTimeline.Item> items = jdbc.query("SELECT position, migration_id, sequence, environment, "
                + "occurred_at, recorded_at, type, phase, actor, principal, runner, summary FROM timeline_event "
                + "WHERE database = :database AND occurred_at >= :from AND occurred_at < :to" + after
                + " ORDER BY occurred_at, position LIMIT :limit", parameters, ITEM);
        if (items.size() <= query.limit()) {
            return new DatabaseTimeline(query.database(), query.from(), query.to(), items, null);
        }
        DatabaseTimeline.Item last = items.get(query.limit() - 1);
        return new DatabaseTimeline(query.database(), query.from(), query.to(), items.subList(0, query.limit()),
                new DatabaseTimelineQuery.Cursor(last.occurredAt(), last.position()).encode());
    }

    private static final RowMapper<DatabaseTimeline.Item> ITEM = (row, n) -> new DatabaseTimeline.Item(
            row.getLong("position"), row.getString("migration_id"), row.getLong("sequence"),
            row.getString("environment"), instant(row, "occurred_at"), instant(row, "recorded_at"),
            row.getString("type"), row.getString("phase"), row.getString("actor"), row.getString("principal"),
            row.getString("runner"),
            row.getString("summary"));

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
