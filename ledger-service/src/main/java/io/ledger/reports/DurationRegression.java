package io.ledger.reports;

/** A migration ({@code phase} null) or phase that ran longer than k times the rolling median of its group. */
public record DurationRegression(String migrationId, String phase /* null = whole migration */, long durationMs,
        long rollingMedianMs, double factor, java.util.UUID eventId) {
}
