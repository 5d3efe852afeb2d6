package io.ledger.timeline;

import java.time.Instant;
import java.util.List;

/** One page of the events on a database in a window, oldest first; {@code nextCursor} is absent on the last page. */
record DatabaseTimeline(String database, Instant from, Instant to, List<Item> items, String nextCursor) {

    record Item(
            long position,
            String migrationId,
            long sequence,
            String environment,
            Instant occurredAt,
            Instant recordedAt,
            String type,
            String phase,
            String actor,
            String principal,
            String runner,
            String summary) {
    }
}
