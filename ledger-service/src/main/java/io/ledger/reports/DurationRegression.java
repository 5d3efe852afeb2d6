package io.ledger.reports;

import java.util.UUID;

/** A migration ({@code phase} null) or phase that took over {@code factor} × its group's rolling median. */
public record DurationRegression(String migrationId, String phase, long durationMs, long rollingMedianMs,
        double factor, UUID eventId) {
}
