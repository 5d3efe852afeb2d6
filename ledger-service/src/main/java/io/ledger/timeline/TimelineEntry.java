package io.ledger.timeline;

import io.ledger.api.Runner;
import io.ledger.api.view.AnomalyView;

import java.time.Instant;
import java.util.List;

/**
 * One event of a migration's timeline. {@code offsetMs} counts from the migration's first event on the runners'
 * clock ({@code occurredAt}); {@code gapBeforeMs} is set when the pause since the previous entry exceeds the gap
 * threshold. The anomalies the ledger found in this event are attached to it rather than listed apart.
 */
record TimelineEntry(
        long sequence,
        long position,
        String type,
        Instant occurredAt,
        Instant recordedAt,
        long offsetMs,
        String phase,
        String actor,
        String principal,
        Runner runner,
        Long durationMs,
        String detail,
        List<AnomalyView> anomalies,
        boolean gap,
        Long gapBeforeMs) {
}
