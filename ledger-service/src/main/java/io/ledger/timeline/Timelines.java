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
import java.util.HashMap;
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

    /** Empty when the migration was not planned (by {@code asOf}, when given). */
    Optional<MigrationTimeline> of(String migrationId, Instant asOf, Duration gapThreshold) {
        List<RecordedEvent> events = log.events(migrationId).stream()
                .filter(recorded -> asOf == null || !recorded.recordedAt().isAfter(asOf))
                .toList();
        if (events.isEmpty() || !(events.get(0).event() instanceof Planned)) {
            return Optional.empty();
        }
        return Optional.of(new MigrationTimeline(migrationId, asOf, gapThreshold,
                MigrationState.replay(events).view(), entries(events, gapThreshold)));
    }

    private static List<TimelineEntry> entries(List<RecordedEvent> events, Duration gapThreshold) {
        Instant first = events.get(0).event().occurredAt();
        List<RecordedEvent> shown = new ArrayList<>();
        Map<UUID, List<AnomalyView>> anomalies = new HashMap<>();
        for (RecordedEvent recorded : events) {
            if (recorded.event() instanceof AnomalyDetected anomaly && anomalies.containsKey(anomaly.causeEventId())) {
                anomalies.get(anomaly.causeEventId()).add(new AnomalyView(anomaly.anomaly(), anomaly.message(),
                        anomaly.causeEventId(), recorded.sequence()));
            } else {
                shown.add(recorded);
                anomalies.put(recorded.event().eventId(), new ArrayList<>());
            }
        }
        List<TimelineEntry> entries = new ArrayList<>();
        Instant previous = first;
        for (RecordedEvent recorded : shown) {
            LedgerEvent event = recorded.event();
            long pause = Duration.between(previous, event.occurredAt()).toMillis();
            boolean gap = pause > gapThreshold.toMillis();
            entries.add(new TimelineEntry(recorded.sequence(), recorded.position(), event.type(), event.occurredAt(),
                    recorded.recordedAt(), Duration.between(first, event.occurredAt()).toMillis(),
                    EventDetails.phase(event), event.actor(), event.runner(), EventDetails.durationMs(event),
                    EventDetails.summary(event), List.copyOf(anomalies.get(event.eventId())), gap,
                    gap ? pause : null));
            previous = event.occurredAt();
        }
        return entries;
    }
}
