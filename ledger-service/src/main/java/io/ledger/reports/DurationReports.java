package io.ledger.reports;

import io.ledger.reports.DurationReport.Point;
import io.ledger.reports.DurationReport.Prediction;
import io.ledger.reports.DurationReport.Regression;
import io.ledger.reports.DurationReport.Series;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the duration-trends tables. The statistics are computed by PostgreSQL at query time, so a changed budget
 * applies at once, without a replay. Every statistic of a migration and of its phases falls in the bucket of the
 * instant it completed.
 */
@Component
class DurationReports {

    private final NamedParameterJdbcTemplate jdbc;
    private final ReportsProperties properties;
    private final TransactionTemplate snapshot;

    DurationReports(NamedParameterJdbcTemplate jdbc, ReportsProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * One snapshot for all the report's queries: a migration completing meanwhile shows in every part of the
     * report or in none.
     */
    DurationReport report(DurationQuery query) {
        return snapshot.execute(status -> read(query));
    }

    private DurationReport read(DurationQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("from", timestamp(query.from())).addValue("to", timestamp(query.to()));
        String group = "m." + query.groupBy().wireId;
        String bucket = "(date_trunc('" + query.bucket().wireId + "', m.finished_at AT TIME ZONE 'UTC'))::date";
        String window = (query.from() == null ? "" : " AND m.finished_at >= :from")
                + (query.to() == null ? "" : " AND m.finished_at < :to");
        String completed = " WHERE m.outcome = 'completed' AND m.duration_ms IS NOT NULL" + window;

        Map<String, Map<LocalDate, Point>> series = new LinkedHashMap<>();
        jdbc.query("SELECT " + group + " AS grp, " + bucket + " AS bucket, count(*) AS count, "
                        + percentileMs(0.5, "m.duration_ms", "p50") + ", "
                        + percentileMs(0.95, "m.duration_ms", "p95") + ", "
                        + "max(m.duration_ms) AS max, "
                        + "count(*) FILTER (WHERE m.duration_ms > " + budgetMs(params) + ") AS over_budget, "
                        + "percentile_cont(0.5) WITHIN GROUP (ORDER BY m.duration_ms::float8 / (m.estimated_seconds * 1000)) "
                        + "FILTER (WHERE m.estimated_seconds > 0) AS estimate_ratio"
                        + " FROM reports_migration m" + completed + " GROUP BY 1, 2 ORDER BY 1, 2", params, row -> {
                    long count = row.getLong("count");
                    long over = row.getLong("over_budget");
                    series.computeIfAbsent(row.getString("grp"), key -> new LinkedHashMap<>())
                            .put(row.getObject("bucket", LocalDate.class), new Point(
                                    row.getObject("bucket", LocalDate.class), count, row.getDouble("p50"),
                                    row.getDouble("p95"), row.getLong("max"), over, (double) over / count,
                                    nullableDouble(row, "estimate_ratio"), 0, null, null, null, null));
                });
        jdbc.query("SELECT " + group + " AS grp, " + bucket + " AS bucket, count(*) AS count, "
                        + percentileMs(0.5, "p.duration_ms", "p50") + ", "
                        + percentileMs(0.95, "p.duration_ms", "p95") + ", "
                        + "max(p.duration_ms) AS max, "
                        + "percentile_cont(0.5) WITHIN GROUP (ORDER BY p.duration_ms::float8 / (p.estimated_seconds * 1000)) "
                        + "FILTER (WHERE p.estimated_seconds > 0) AS estimate_ratio"
                        + " FROM reports_migration m JOIN reports_phase_run p ON p.migration_id = m.migration_id"
                        + completed + " GROUP BY 1, 2", params, row -> {
                    long count = row.getLong("count");
                    double p50 = row.getDouble("p50");
                    double p95 = row.getDouble("p95");
                    long max = row.getLong("max");
                    Double ratio = nullableDouble(row, "estimate_ratio");
                    series.get(row.getString("grp")).computeIfPresent(row.getObject("bucket", LocalDate.class),
                            (day, point) -> new Point(point.bucket(), point.count(), point.p50Ms(), point.p95Ms(),
                                    point.maxMs(), point.overBudget(), point.overBudgetShare(), point.estimateRatio(),
                                    count, p50, p95, max, ratio));
                });

        List<Regression> regressions = jdbc.query("SELECT r.*, " + group + " AS grp, m.database, m.environment, "
                + "m.finished_at FROM reports_regression r JOIN reports_migration m ON m.migration_id = r.migration_id"
                + completed + " ORDER BY m.finished_position, r.phase", params, (row, n) ->
                new Regression(row.getString("migration_id"), row.getString("grp"), row.getString("database"),
                        row.getString("environment"), row.getString("phase").isEmpty() ? null : row.getString("phase"),
                        row.getLong("duration_ms"), row.getLong("rolling_median_ms"), row.getDouble("factor"),
                        row.getInt("previous_runs"), row.getTimestamp("finished_at").toInstant(),
                        row.getObject("event_id", UUID.class)));

        return new DurationReport(query.groupBy().wireId, query.bucket().wireId, query.from(), query.to(),
                series.entrySet().stream()
                        .map(entry -> new Series(entry.getKey(), List.copyOf(entry.getValue().values()))).toList(),
                regressions, predictions(group));
    }

    /**
     * Pending migrations of the target environment whose checksum completed in the source environment on the same
     * database; the ratio is the database's median, over checksums completed in both, of their latest runs'
     * target/source durations. The window does not apply: pending migrations are about what comes next.
     */
    private List<Prediction> predictions(String group) {
        ReportsProperties.Prediction prediction = properties.prediction();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("source", prediction.from()).addValue("target", prediction.to());
        return jdbc.query("WITH latest AS (SELECT DISTINCT ON (database, environment, checksum) database, environment, "
                + "checksum, migration_id, duration_ms FROM reports_migration WHERE outcome = 'completed' "
                + "AND duration_ms IS NOT NULL AND checksum IS NOT NULL AND environment IN (:source, :target) "
                + "ORDER BY database, environment, checksum, finished_position DESC), "
                + "ratios AS (SELECT s.database, count(*) AS samples, "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY t.duration_ms::float8 / s.duration_ms) AS ratio "
                + "FROM latest s JOIN latest t ON t.database = s.database AND t.checksum = s.checksum "
                + "AND t.environment = :target WHERE s.environment = :source AND s.duration_ms > 0 GROUP BY s.database) "
                + "SELECT " + group + " AS grp, m.migration_id, m.database, m.environment, m.checksum, m.version, "
                + "m.estimated_seconds, s.migration_id AS source_id, s.duration_ms AS source_ms, r.ratio, "
                + "coalesce(r.samples, 0) AS samples FROM reports_migration m "
                + "JOIN latest s ON s.database = m.database AND s.checksum = m.checksum AND s.environment = :source "
                + "LEFT JOIN ratios r ON r.database = m.database "
                + "WHERE m.environment = :target AND m.outcome IS NULL ORDER BY m.migration_id", params, (row, n) -> {
            long sourceMs = row.getLong("source_ms");
            Double ratio = nullableDouble(row, "ratio");
            return new Prediction(row.getString("migration_id"), row.getString("grp"), row.getString("database"),
                    row.getString("environment"), row.getString("checksum"), row.getString("version"),
                    (Long) row.getObject("estimated_seconds", Long.class), prediction.from(), row.getString("source_id"),
                    sourceMs, ratio, row.getInt("samples"), ratio == null ? sourceMs : Math.round(sourceMs * ratio));
        });
    }

    /** The budget of each migration's environment, as SQL over bound parameters. */
    private String budgetMs(MapSqlParameterSource params) {
        ReportsProperties.Budget budget = properties.budget();
        params.addValue("defaultBudgetMs", budget.defaultBudget().toMillis());
        if (budget.perEnvironment().isEmpty()) {
            return ":defaultBudgetMs";
        }
        StringBuilder sql = new StringBuilder("CASE m.environment");
        List<Map.Entry<String, Duration>> budgets = new ArrayList<>(budget.perEnvironment().entrySet());
        for (int i = 0; i < budgets.size(); i++) {
            sql.append(" WHEN :budgetEnv").append(i).append(" THEN :budgetMs").append(i);
            params.addValue("budgetEnv" + i, budgets.get(i).getKey())
                    .addValue("budgetMs" + i, budgets.get(i).getValue().toMillis());
        }
        return sql.append(" ELSE :defaultBudgetMs END").toString();
    }

    private static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * A percentile of durations in milliseconds, to the microsecond: the interpolation's binary noise
     * ({@code 40299.99999999998}) is no part of a measurement.
     */
    private static String percentileMs(double quantile, String column, String alias) {
        return "round(percentile_cont(" + quantile + ") WITHIN GROUP (ORDER BY " + column + ")::numeric, 3)::float8 AS "
                + alias;
    }
}
