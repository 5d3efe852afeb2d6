package io.ledger.history;

import io.ledger.api.MigrationStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Reads the history table: one page at a time, or the whole filtered result as a stream of rows. */
@Component
class HistoryRepository {

    private static final String COLUMNS = "SELECT migration_id, database, environment, version, description, owner, "
            + "status, planned_at, started_at, finished_at, last_activity_at, duration_ms, phases_total, "
            + "phases_applied, phases_failed, prechecks_passed, prechecks_required, sign_offs, anomalies, rollbacks, "
            + "actors, principals FROM history";
    private static final String NEWEST_FIRST = " ORDER BY planned_at DESC, migration_id DESC";

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate exportJdbc;
    private final TransactionTemplate readOnly;

    HistoryRepository(NamedParameterJdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions,
            HistorySettings settings) {
        this.jdbc = jdbc;
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(settings.exportFetchSize());
        this.exportJdbc = new NamedParameterJdbcTemplate(fetching);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    HistoryPage page(HistoryQuery query) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("limit", query.limit() + 1);
        List<HistoryRow> rows = jdbc.query(COLUMNS + where(query, parameters) + NEWEST_FIRST + " LIMIT :limit",
                parameters, ROW);
        if (rows.size() <= query.limit()) {
            return new HistoryPage(rows, null);
        }
        HistoryRow last = rows.get(query.limit() - 1);
        return new HistoryPage(rows.subList(0, query.limit()),
                new HistoryQuery.Cursor(last.plannedAt(), last.id()).encode());
    }

    /**
     * Hands the matching rows (as many as the request's limit, when it named one) to {@code sink}, newest first,
     * holding only one fetch of rows at a time: PostgreSQL streams through a cursor only inside a transaction and
     * with a fetch size, hence both.
     */
    void export(HistoryQuery query, Consumer<HistoryRow> sink) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("limit", query.limit());
        String sql = COLUMNS + where(query, parameters) + NEWEST_FIRST + (query.limitGiven() ? " LIMIT :limit" : "");
        readOnly.executeWithoutResult(transaction -> exportJdbc.query(sql, parameters,
                (RowCallbackHandler) resultSet -> sink.accept(ROW.mapRow(resultSet, 0))));
    }

    private static String where(HistoryQuery query, MapSqlParameterSource parameters) {
        StringBuilder where = new StringBuilder(" WHERE true");
        if (query.database() != null) {
            where.append(" AND database = :database");
            parameters.addValue("database", query.database());
        }
        if (query.environment() != null) {
            where.append(" AND environment = :environment");
            parameters.addValue("environment", query.environment());
        }
        if (!query.statuses().isEmpty()) {
            where.append(" AND status IN (:statuses)");
            parameters.addValue("statuses", query.statuses().stream().map(MigrationStatus::wireId).toList());
        }
        if (query.actor() != null) {
            where.append(" AND actors @> ARRAY[CAST(:actor AS text)]");
            parameters.addValue("actor", query.actor());
        }
        if (query.principal() != null) {
            // Token names compare without case (docs/security.md).
            where.append(" AND EXISTS (SELECT 1 FROM unnest(principals) AS p WHERE lower(p) = lower(:principal))");
            parameters.addValue("principal", query.principal());
        }
        if (query.from() != null) {
            where.append(" AND last_activity_at >= :from");
            parameters.addValue("from", HistoryProjection.timestamp(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND planned_at <= :to");
            parameters.addValue("to", HistoryProjection.timestamp(query.to()));
        }
        if (query.q() != null) {
            where.append(" AND search ILIKE :pattern ESCAPE '\\'");
            parameters.addValue("pattern", "%" + query.q().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        if (query.after() != null) {
            where.append(" AND (planned_at, migration_id) < (:afterPlannedAt, :afterId)");
            parameters.addValue("afterPlannedAt", HistoryProjection.timestamp(query.after().plannedAt()));
            parameters.addValue("afterId", query.after().id());
        }
        return where.toString();
    }

    private static final RowMapper<HistoryRow> ROW = (row, n) -> new HistoryRow(
            row.getString("migration_id"), row.getString("database"), row.getString("environment"),
            row.getString("version"), row.getString("description"), row.getString("owner"),
            status(row.getString("status")), instant(row, "planned_at"), instant(row, "started_at"),
            instant(row, "finished_at"), instant(row, "last_activity_at"),
            row.getObject("duration_ms", Long.class), row.getInt("phases_total"), row.getInt("phases_applied"),
            row.getInt("phases_failed"), row.getInt("prechecks_passed"), row.getInt("prechecks_required"),
            row.getInt("sign_offs"), row.getInt("anomalies"), row.getInt("rollbacks"),
            List.of((String[]) row.getArray("actors").getArray()),
            List.of((String[]) row.getArray("principals").getArray()));

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static MigrationStatus status(String wireId) {
        return Arrays.stream(MigrationStatus.values()).filter(status -> status.wireId().equals(wireId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown status in history: " + wireId));
    }
}
