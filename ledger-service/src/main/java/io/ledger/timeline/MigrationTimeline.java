package io.ledger.timeline;

import io.ledger.api.view.MigrationView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A migration's events in ledger order, and its state replayed from them. With {@code asOf} both are cut at what the
 * ledger had recorded by that instant.
 */
record MigrationTimeline(
        String migrationId,
        Instant asOf,
        Duration gapThreshold,
        MigrationView state,
        List<TimelineEntry> entries) {
}
