package io.ledger.alerts;

import io.ledger.api.view.RecordedEvent;
import io.ledger.migration.EventLog;
import io.ledger.reports.DurationRegression;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Locale;
import java.util.Optional;

/**
 * Raises {@code duration-regression} when the reports feature finds one. The regression is kept (it is not in the
 * ledger) keyed by the event that measured the duration, so that a replay of the alerts raises it again when it
 * reaches that event. Runs in the publisher's transaction: the regression is kept exactly when the reports commit it.
 */
@Component
class RegressionListener {

    private final JdbcTemplate jdbc;
    private final AlertStore alerts;
    private final Watchdog watchdog;
    private final EventLog log;
    private final TransactionTemplate transactions;

    RegressionListener(JdbcTemplate jdbc, AlertStore alerts, Watchdog watchdog, EventLog log,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.watchdog = watchdog;
        this.log = log;
        this.transactions = transactions;
    }

    record Found(String phase, long durationMs, long rollingMedianMs, double factor) {

        String subject() {
            return phase == null ? AlertProjection.WHOLE_MIGRATION : phase;
        }

        /** The run against its group's median; the threshold (k) is the reports' setting, not this run's. */
        String summary(String migrationId) {
            return (phase == null ? migrationId : "phase " + phase + " of " + migrationId) + " took " + durationMs
                    + " ms, " + String.format(Locale.ROOT, "%.1f", factor) + " × its group's rolling median of "
                    + rollingMedianMs + " ms";
        }
    }

    @EventListener
    void on(DurationRegression regression) {
        transactions.executeWithoutResult(status -> {
            int fresh = jdbc.update("INSERT INTO alert_regression (event_id, migration_id, phase, duration_ms, "
                            + "rolling_median_ms, factor) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    regression.eventId(), regression.migrationId(), regression.phase(), regression.durationMs(),
                    regression.rollingMedianMs(), regression.factor());
            if (fresh == 0) {
                return;
            }
            // The lock waits for the projection's transaction on this migration, so exactly one of the two raises it.
            Optional<Watchdog.Watched> migration = watchdog.lock(regression.migrationId());
            if (migration.isEmpty()) {
                return;
            }
            long handled = jdbc.queryForObject("SELECT last_sequence FROM alert_migration WHERE migration_id = ?",
                    Long.class, regression.migrationId());
            log.event(regression.migrationId(), regression.eventId())
                    .filter(recorded -> recorded.sequence() <= handled)
                    .ifPresent(recorded -> raise(regression, migration.get(), recorded));
        });
    }

    private void raise(DurationRegression regression, Watchdog.Watched migration, RecordedEvent recorded) {
        Found found = new Found(regression.phase(), regression.durationMs(), regression.rollingMedianMs(),
                regression.factor());
        alerts.raise(migration.target(), AlertProjection.REGRESSION + found.subject(), found.subject(),
                found.summary(regression.migrationId()),
                new AlertStore.Because(recorded.recordedAt(), recorded.event().eventId(), recorded.event().type()));
    }
}
