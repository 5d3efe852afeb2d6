package io.ledger.alerts;

import io.ledger.migration.EventLog;
import io.ledger.projections.ProjectionStatus;
import io.ledger.projections.Projections;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Looks, at the scan interval, for the overruns and silences no event has revealed yet. It waits while the alerts
 * projection replays or catches up with a backlog: its tables would then show migrations as silent that are not.
 * Under steady ingestion the projection trails by well under a second, which cannot fake a silence of minutes.
 */
final class Scan {

    private static final double MAX_LAG_SECONDS = 5;

    private final Watchdog watchdog;
    private final AlertStore alerts;
    private final Projections projections;
    private final TransactionTemplate transactions;
    private final EventLog log;
    private final Clock clock;

    Scan(Watchdog watchdog, AlertStore alerts, Projections projections, TransactionTemplate transactions, EventLog log,
            Clock clock) {
        this.watchdog = watchdog;
        this.alerts = alerts;
        this.projections = projections;
        this.transactions = transactions;
        this.log = log;
        this.clock = clock;
    }

    void run() {
        if (projections.one("alerts").filter(Scan::current).isPresent()) {
            scan(clock.instant());
        }
    }

    /**
     * Axon reports a replayed processor as replaying until an event past the reset position arrives, even when it
     * has handled every event: a replay whose progress is complete counts as done.
     */
    private static boolean current(ProjectionStatus status) {
        boolean replayed = !status.replaying() || (status.replayProgress() != null && status.replayProgress() >= 1.0);
        return replayed && status.lagSeconds() < MAX_LAG_SECONDS;
    }

    void scan(Instant now) {
        watchdog.candidates(now).forEach(migrationId -> scan(migrationId, now));
    }

    /**
     * Checks one migration as of {@code now}; tests call it with an instant of their choosing. A migration with an
     * event the projection has not handled yet is left to it: judged without that event (the phase-applied that ends
     * an overrun, or a replay that has rebuilt only part of it) it would raise an alert the event then resolves.
     */
    void scan(String migrationId, Instant now) {
        transactions.executeWithoutResult(status -> watchdog.lock(migrationId)
                .filter(migration -> migration.lastSequence() >= log.lastSequence(migrationId))
                .ifPresent(migration -> {
                    watchdog.check(migration, now);
                    watchdog.save(List.of(migration));
                    alerts.reapplyActions(migrationId, migration.lastSequence());
                }));
    }
}
