package io.ledger.migration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ledger.access.MigrationTargets;
import io.ledger.api.event.Planned;
import io.ledger.api.view.RecordedEvent;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Each migration's database and environment, from its {@code planned} event. A plan never changes, so what was read
 * once is remembered (bounded); a migration not planned yet is not, so that it is found once it is.
 */
@Component
class PlannedTargets implements MigrationTargets {

    private final EventLog log;
    private final Cache<String, Target> targets = Caffeine.newBuilder().maximumSize(100_000).build();

    PlannedTargets(EventLog log) {
        this.log = log;
    }

    @Override
    public Optional<Target> of(String migrationId) {
        Target known = targets.getIfPresent(migrationId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Target> read = log.event(migrationId, 0).map(RecordedEvent::event)
                .filter(Planned.class::isInstance).map(Planned.class::cast)
                .map(planned -> new Target(planned.plan().database(), planned.plan().environment()));
        read.ifPresent(target -> targets.put(migrationId, target));
        return read;
    }
}
