package io.ledger.alerts;

import io.ledger.projections.Projections;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;

/**
 * Looks, at the scan interval, for the overruns and silences no event has revealed yet. It waits while the alerts
 * projection replays or catches up with a backlog: its tables would then show migrations as silent that are not.
 * Under steady ingestion the projection trails by well under a second, which cannot fake a silence of minutes.
 */
final class Scan {

    private static final double MAX_LAG_SECONDS = 5;

    private final Watchdog watchdog;
    private final Projections projections;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Scan(Watchdog watchdog, Projections projections, TransactionTemplate transactions, Clock clock) {
        this.watchdog = watchdog;
        this.projections = projections;
        this.transactions = transactions;
        this.clock = clock;
    }

    void run() {
        if (projections.one("alerts").filter(status -> !status.replaying() && status.lagSeconds() < MAX_LAG_SECONDS)
                .isPresent()) {
            scan(clock.instant());
        }
    }

    void scan(Instant now) {
        watchdog.candidates(now).forEach(migrationId -> scan(migrationId, now));
    }

    /** Checks one migration as of {@code now}; tests call it with an instant of their choosing. */
    void scan(String migrationId, Instant now) {
        transactions.executeWithoutResult(status ->
                watchdog.lock(migrationId).ifPresent(migration -> watchdog.check(migration, now)));
    }
}
