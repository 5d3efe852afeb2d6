package io.ledger.migration;

import io.ledger.access.MigrationTargets;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Each migration's database and environment, from its {@code planned} event, which the event log keeps once read. */
@Component
class PlannedTargets implements MigrationTargets {

    private final EventLog log;

    PlannedTargets(EventLog log) {
        this.log = log;
    }

    @Override
    public Optional<Target> of(String migrationId) {
        return log.planned(migrationId)
                .map(planned -> new Target(planned.plan().database(), planned.plan().environment()));
    }
}
