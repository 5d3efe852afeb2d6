package io.ledger.migration;

import io.ledger.policy.Reversals;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Judges a rollback by the migration's state right before it, replayed from the event log: rollbacks are rare, so
 * reading that state back costs little.
 */
@Component
class PhaseReversals implements Reversals {

    private final EventLog log;

    PhaseReversals(EventLog log) {
        this.log = log;
    }

    @Override
    public boolean reversesAny(String migrationId, long sequence, List<String> phases) {
        return log.state(migrationId, sequence - 1).map(state -> state.reversesAny(phases)).orElse(false);
    }
}
