package io.ledger.reports;

import java.util.UUID;

/**
 * A migration ({@code phase} null) or one of its phases that ran longer than k times the rolling median of its
 * group; {@code factor} is how many times that median it took, {@code eventId} the ledger event that measured it (the
 * migration's completion). The reports projector publishes it as a Spring application event, and a replay publishes
 * it again with the same {@code eventId}.
 */
public record DurationRegression(String migrationId, String phase, long durationMs, long rollingMedianMs,
        double factor, UUID eventId) {
}
