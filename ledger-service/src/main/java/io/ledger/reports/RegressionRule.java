package io.ledger.reports;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Judges one run against the previous runs of its group: a regression when it took more than k times their median.
 * Pure, so that a live run and a replay judge alike.
 */
final class RegressionRule {

    private final double factor;
    private final int minRuns;

    RegressionRule(double factor, int minRuns) {
        this.factor = factor;
        this.minRuns = minRuns;
    }

    /**
     * @param previousMs the durations of the group's previous runs, newest first, already cut to the window
     * @param measuredBy the event that measured the run (its migration's completion)
     */
    Optional<DurationRegression> judge(String migrationId, String phase, long durationMs, List<Long> previousMs,
            UUID measuredBy) {
        if (previousMs.size() < minRuns) {
            return Optional.empty();
        }
        long median = Math.round(median(previousMs));
        // A zero median says nothing about how slow "slow" is; no ratio can be formed from it.
        if (median <= 0 || durationMs <= factor * median) {
            return Optional.empty();
        }
        return Optional.of(new DurationRegression(migrationId, phase, durationMs, median,
                (double) durationMs / median, measuredBy));
    }

    /** Interpolated like PostgreSQL's percentile_cont(0.5): the mean of the two middle values of an even count. */
    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
