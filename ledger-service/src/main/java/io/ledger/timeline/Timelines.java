package io.ledger.timeline;

import io.ledger.api.event.AnomalyDetected;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.Planned;
import io.ledger.api.view.AnomalyView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.migration.EventLog;
import io.ledger.migration.MigrationState;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds a migration's timeline from its events in the ledger, not from a read model: the event log is the
 * evidence, always current, and holds every field a postmortem needs. Ledger order (sequence) orders the entries;
 * {@code asOf} cuts on the ledger's clock ({@code recordedAt}), since it asks what the ledger knew, not what
 * runners claim happened.
 */
@Component
class Timelines {

    private final EventLog log;

    Timelines(EventLog log) {
        this.log = log;
    }

    /**
     * Empty when the migration was not planned (by {@code asOf}, when given). The events are read a page at a time
     * and each leaves only its entry behind: a migration's events may add up to more than the heap.
     */
    Optional<MigrationTimeline> of(String migrationId, Instant asOf, Duration gapThreshold) {
        MigrationState state = new MigrationState();
        Entries entries = null;
        for (Iterator<RecordedEvent> events = log.inOrder(migrationId); events.hasNext(); ) {
            RecordedEvent recorded = events.next();
            if (asOf != null && recorded.recordedAt().isAfter(asOf)) {
                continue;
            }
            if (entries == null) {
                if (!(recorded.event() instanceof Planned)) {
                    return Optional.empty();
                }
                entries = new Entries(recorded.event().occurredAt(), gapThreshold);
            }
            state.apply(recorded.event(), recorded.sequence(), recorded.recordedAt());
            entries.add(recorded);
        }
        return entries == null ? Optional.empty()
                : Optional.of(new MigrationTimeline(migrationId, asOf, gapThreshold, state.view(), entries.list()));
    }

    /**
     * The entries so far; an anomaly the ledger found in an event shown already is attached to that event's, whose
     * list is a view of the one the anomalies are added to.
     */
    private static final class Entries {

        private final Instant first;
        private final Duration gapThreshold;
        private final List<TimelineEntry> entries = new ArrayList<>();
        private final Map<UUID, List<AnomalyView>> anomalies = new HashMap<>();
        private Instant previous;

        Entries(Instant first, Duration gapThreshold) {
            this.first = first;
            this.gapThreshold = gapThreshold;
            this.previous = first;
        }

        void add(RecordedEvent recorded) {
            LedgerEvent event = recorded.event();
            if (event instanceof AnomalyDetected anomaly && anomalies.containsKey(anomaly.causeEventId())) {
                anomalies.get(anomaly.causeEventId()).add(new AnomalyView(anomaly.anomaly(), anomaly.message(),
                        anomaly.causeEventId(), recorded.sequence()));
                return;
            }
            List<AnomalyView> found = new ArrayList<>();
            anomalies.put(event.eventId(), found);
            long pause = Duration.between(previous, event.occurredAt()).toMillis();
            boolean gap = pause > gapThreshold.toMillis();
            entries.add(new TimelineEntry(recorded.sequence(), recorded.position(), event.type(), event.occurredAt(),
                    recorded.recordedAt(), Duration.between(first, event.occurredAt()).toMillis(),
                    EventDetails.phase(event), event.actor(), recorded.principal(), event.runner(),
                    EventDetails.durationMs(event), EventDetails.summary(event), Collections.unmodifiableList(found),
                    gap, gap ? pause : null));
            previous = event.occurredAt();
        }

        List<TimelineEntry> list() {
            return List.copyOf(entries);
        }
    }
}
