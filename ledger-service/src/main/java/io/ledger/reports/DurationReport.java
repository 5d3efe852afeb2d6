package io.ledger.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Duration trends shaped for plotting: one series per group, one point per bucket. Durations are in milliseconds;
 * percentiles interpolate (PostgreSQL's {@code percentile_cont}).
 *
 * @param from inclusive, null for the ledger's beginning
 * @param to   exclusive, null for now
 */
record DurationReport(
        String groupBy,
        String bucket,
        Instant from,
        Instant to,
        List<Series> series,
        List<Regression> regressions,
        List<Prediction> predictions) {

    record Series(String group, List<Point> points) {
    }

    /**
     * @param bucket          the first day of the bucket (weeks start on Monday), in UTC
     * @param count           completed migrations that finished in the bucket
     * @param overBudget      how many of them took longer than their environment's budget
     * @param estimateRatio   median over those migrations with an estimate of actual / estimated; null without any
     * @param phaseCount      phase runs of those migrations
     */
    record Point(
            LocalDate bucket,
            long count,
            double p50Ms,
            double p95Ms,
            long maxMs,
            long overBudget,
            double overBudgetShare,
            Double estimateRatio,
            long phaseCount,
            Double phaseP50Ms,
            Double phaseP95Ms,
            Long phaseMaxMs,
            Double phaseEstimateRatio) {
    }

    /**
     * @param phase  null when the whole migration regressed
     * @param factor how many times the rolling median this run took
     */
    record Regression(
            String migrationId,
            String group,
            String database,
            String environment,
            String phase,
            long durationMs,
            long rollingMedianMs,
            double factor,
            int previousRuns,
            Instant finishedAt,
            UUID eventId) {
    }

    /**
     * @param fromMigrationId   the latest completed run of the same checksum on the same database in the source
     *                          environment
     * @param ratio             the database's median target/source duration ratio; null without history
     * @param ratioSamples      how many checksums completed in both environments on this database
     * @param expectedMs        fromDurationMs × ratio, or fromDurationMs without history
     */
    record Prediction(
            String migrationId,
            String group,
            String database,
            String environment,
            String checksum,
            String version,
            Long estimatedSeconds,
            String fromEnvironment,
            String fromMigrationId,
            long fromDurationMs,
            Double ratio,
            int ratioSamples,
            long expectedMs) {
    }
}
