package io.ledger.alerts;

import io.ledger.api.Phase;
import io.ledger.api.Reason;
import io.ledger.api.event.Aborted;
import io.ledger.api.event.AnomalyDetected;
import io.ledger.api.event.Completed;
import io.ledger.api.event.GateRefused;
import io.ledger.api.event.LedgerEvent;
import io.ledger.api.event.PhaseApplied;
import io.ledger.api.event.PhaseFailed;
import io.ledger.api.event.PhaseStarted;
import io.ledger.api.event.Planned;
import io.ledger.api.event.RollbackFailed;
import io.ledger.api.event.RollbackStarted;
import io.ledger.api.event.RolledBack;
import io.ledger.api.event.SignedOff;
import io.ledger.api.event.VerificationFailed;
import io.ledger.api.event.Verified;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Raises and resolves alerts from the ledger. Each event first lets the watchdog find what time alone made true
 * since the migration's previous event (an overrun, a silence), then counts as activity, then raises or resolves
 * what it says itself. Runs in the processor's transaction, so an alert change, its queued notifications and the
 * token commit together.
 */
@Component
@ProcessingGroup("alerts")
class AlertProjection {

    static final String PHASE_FAILED = "phase-failed:";
    static final String VERIFICATION_FAILED = "verification-failed:";
    static final String ROLLBACK_FAILED = "rollback-failed";
    static final String ABORTED = "aborted";
    static final String ANOMALY = "anomaly:";
    static final String GATE_REFUSED = "gate-refused:";
    static final String REGRESSION = "duration-regression:";
    static final String WHOLE_MIGRATION = "migration";

    private final JdbcTemplate jdbc;
    private final AlertStore alerts;
    private final Watchdog watchdog;
    private final AlertsProperties settings;

    AlertProjection(JdbcTemplate jdbc, AlertStore alerts, Watchdog watchdog, AlertsProperties settings) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.watchdog = watchdog;
        this.settings = settings;
    }

    @EventHandler
    void on(LedgerEvent event, DomainEventMessage<?> message) {
        String migrationId = message.getAggregateIdentifier();
        Instant at = message.getTimestamp();
        if (event instanceof Planned planned) {
            planned(planned, migrationId, at, message.getSequenceNumber());
        } else {
            Optional<Watchdog.Watched> migration = watchdog.lock(migrationId);
            if (migration.isEmpty()) {
                return;
            }
            watchdog.check(migration.get(), at);
            alerts.reapplyActions(migrationId, message.getSequenceNumber() - 1);
            AlertStore.Because because = new AlertStore.Because(at, event.eventId(), event.type());
            alerts.resolve(migrationId, List.of(Watchdog.STALLED), because);
            jdbc.update("UPDATE alert_migration SET last_activity_at = ?, last_sequence = ? WHERE migration_id = ?",
                    Timestamp.from(at), message.getSequenceNumber(), migrationId);
            handle(event, migration.get().target(), because);
            regressions(event, migrationId, at);
            alerts.reapplyActions(migrationId, message.getSequenceNumber());
        }
    }

    private void planned(Planned planned, String migrationId, Instant at, long sequence) {
        boolean production = settings.isProduction(planned.plan().environment());
        jdbc.update("INSERT INTO alert_migration (migration_id, database, environment, severity, last_activity_at, "
                        + "last_sequence) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (migration_id) DO NOTHING",
                migrationId, planned.plan().database(), planned.plan().environment(),
                Severities.of(planned.plan().severity(), production).name(), Timestamp.from(at), sequence);
        for (Phase phase : planned.plan().phases()) {
            jdbc.update("INSERT INTO alert_phase (migration_id, phase, estimated_seconds) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", migrationId, phase.name(), phase.estimatedSeconds());
        }
    }

    private void handle(LedgerEvent event, AlertStore.Target target, AlertStore.Because because) {
        String id = target.migrationId();
        if (event instanceof PhaseStarted started) {
            phase(id, started.phase(), "running", because.at());
            inProgress(id, true);
            alerts.resolveRefusals(id, started.type(), because);
        } else if (event instanceof PhaseApplied applied) {
            phase(id, applied.phase(), "applied", null);
            alerts.resolve(id, List.of(PHASE_FAILED + applied.phase(), Watchdog.OVERRUN + applied.phase()), because);
            Boolean allApplied = jdbc.queryForObject("SELECT bool_and(status = 'applied') FROM alert_phase "
                    + "WHERE migration_id = ?", Boolean.class, id);
            if (Boolean.TRUE.equals(allApplied)) {
                inProgress(id, false);
            }
        } else if (event instanceof PhaseFailed failed) {
            phase(id, failed.phase(), "failed", null);
            inProgress(id, false);
            alerts.resolve(id, List.of(Watchdog.OVERRUN + failed.phase()), because);
            alerts.raise(target, PHASE_FAILED + failed.phase(), failed.phase(), "phase " + failed.phase() + " of "
                    + id + " failed on " + where(target) + (failed.error() != null ? ": " + failed.error() : ""), because);
        } else if (event instanceof Verified verified) {
            String subject = verified.phase() == null ? WHOLE_MIGRATION : verified.phase();
            alerts.resolve(id, List.of(VERIFICATION_FAILED + subject, PHASE_FAILED + subject), because);
        } else if (event instanceof VerificationFailed failed) {
            String subject = failed.phase() == null ? WHOLE_MIGRATION : failed.phase();
            inProgress(id, false);
            alerts.raise(target, VERIFICATION_FAILED + subject, subject, "verification of "
                    + (failed.phase() == null ? "the whole migration " + id : "phase " + failed.phase() + " of " + id)
                    + " failed on " + where(target) + (failed.checks() != null && !failed.checks().isEmpty()
                    ? ": " + String.join(", ", failed.checks()) : ""), because);
        } else if (event instanceof RollbackStarted) {
            stopPhases(id);
            inProgress(id, false);
        } else if (event instanceof RolledBack) {
            stopPhases(id);
            inProgress(id, false);
            alerts.resolveStartingWith(id, "", because);
        } else if (event instanceof RollbackFailed failed) {
            inProgress(id, false);
            alerts.raise(target, ROLLBACK_FAILED, null, "rollback of " + String.join(", ", failed.phases()) + " of "
                    + id + " failed on " + where(target) + (failed.error() != null ? ": " + failed.error() : ""), because);
        } else if (event instanceof Aborted aborted) {
            stopPhases(id);
            inProgress(id, false);
            alerts.resolveStartingWith(id, Watchdog.OVERRUN, because);
            alerts.raise(target, ABORTED, null, id + " was aborted on " + where(target)
                    + (aborted.reason() != null ? ": " + aborted.reason() : ""), because);
        } else if (event instanceof Completed completed) {
            inProgress(id, false);
            alerts.resolveRefusals(id, completed.type(), because);
        } else if (event instanceof SignedOff signedOff) {
            alerts.resolveRefusals(id, signedOff.type(), because);
        } else if (event instanceof AnomalyDetected anomaly) {
            alerts.raise(target, ANOMALY + anomaly.anomaly(), null, "anomaly " + anomaly.anomaly() + " on " + id
                    + (anomaly.message() != null ? ": " + anomaly.message() : ""), because);
        } else if (event instanceof GateRefused refused && settings.isProduction(target.environment())) {
            for (Reason reason : refused.reasons()) {
                alerts.raise(target, GATE_REFUSED + reason.rule(), refused.request().type(), refused.request().type()
                        + " of " + id + " refused in " + target.environment() + ": " + reason.message(), because);
            }
        }
    }

    /**
     * A regression the reports feature found before this projection reached its event is raised here; one found
     * after is raised by the {@link RegressionListener} itself. Either way it is raised when its event is handled,
     * so a replay raises it again.
     */
    private void regressions(LedgerEvent event, String migrationId, Instant at) {
        jdbc.query("SELECT phase, duration_ms, rolling_median_ms, factor FROM alert_regression WHERE event_id = ?",
                (row, n) -> new RegressionListener.Found(row.getString("phase"), row.getLong("duration_ms"),
                        row.getLong("rolling_median_ms"), row.getDouble("factor")), event.eventId())
                .forEach(found -> watchdog.lock(migrationId).ifPresent(migration ->
                        alerts.raise(migration.target(), REGRESSION + found.subject(), found.subject(),
                                found.summary(migrationId), new AlertStore.Because(at, event.eventId(), event.type()))));
    }

    private void phase(String migrationId, String phase, String status, Instant startedAt) {
        jdbc.update("UPDATE alert_phase SET status = ?, started_at = ?, overrun_raised = (? AND overrun_raised) "
                        + "WHERE migration_id = ? AND phase = ?",
                status, startedAt == null ? null : Timestamp.from(startedAt), startedAt == null, migrationId, phase);
    }

    private void stopPhases(String migrationId) {
        jdbc.update("UPDATE alert_phase SET status = 'stopped', started_at = NULL WHERE migration_id = ? "
                + "AND status = 'running'", migrationId);
    }

    private void inProgress(String migrationId, boolean inProgress) {
        jdbc.update("UPDATE alert_migration SET in_progress = ? WHERE migration_id = ?", inProgress, migrationId);
    }

    private static String where(AlertStore.Target target) {
        return target.database() + " (" + target.environment() + ")";
    }

    /** The projection's own tables; people's actions, regressions, notices and deliveries are kept. */
    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM alert");
        jdbc.update("DELETE FROM alert_phase");
        jdbc.update("DELETE FROM alert_migration");
    }
}
