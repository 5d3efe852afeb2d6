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
import io.ledger.projections.BatchScope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Raises and resolves alerts from the ledger. Each event first lets the watchdog find what time alone made true
 * since the migration's previous event (an overrun, a silence), then counts as activity, then raises or resolves
 * what it says itself. Runs in the processor's transaction, so an alert change, its queued notifications and the
 * token commit together.
 *
 * <p>Events are handled a batch at a time, at the end of the processor's batch (see {@link BatchScope}): the batch's
 * migrations are locked and read once, with their phases and whether they have any alert that is not resolved;
 * the events then change them in memory, in ledger order, and the changes are written back once. Raising, resolving
 * and re-applying people's actions go to the alert table as before, and are skipped for a migration without an open
 * alert, for which they find nothing.
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
    private final BatchScope<List<Handled>> batch = new BatchScope<>("alerts", ArrayList::new, this::handle);

    AlertProjection(JdbcTemplate jdbc, AlertStore alerts, Watchdog watchdog, AlertsProperties settings) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.watchdog = watchdog;
        this.settings = settings;
    }

    /** An event as the projection needs it: its migration, its sequence and when it was recorded. */
    private record Handled(LedgerEvent event, String migrationId, long sequence, Instant at) {
    }

    @EventHandler
    void on(LedgerEvent event, DomainEventMessage<?> message) {
        batch.current().add(new Handled(event, message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getTimestamp()));
    }

    private void handle(List<Handled> events) {
        Map<String, Watchdog.Watched> migrations = new HashMap<>(
                watchdog.lockAll(events.stream().map(Handled::migrationId).distinct().toList()));
        // Read once the rows are locked: a regression kept for one of them after this waits for the lock, and then
        // finds its event handled and raises it itself (RegressionListener).
        Map<UUID, List<RegressionListener.Found>> regressions = regressions(events);
        Set<String> plannedHere = new HashSet<>();
        for (Handled handled : events) {
            String migrationId = handled.migrationId();
            if (handled.event() instanceof Planned planned) {
                planned(planned, migrationId, handled.at(), handled.sequence());
                Watchdog.Watched before = migrations.remove(migrationId);
                if (before != null) {
                    watchdog.save(List.of(before));
                }
                watchdog.lock(migrationId).ifPresent(migration -> migrations.put(migrationId, migration));
                plannedHere.add(migrationId);
                continue;
            }
            Watchdog.Watched migration = migrations.get(migrationId);
            if (migration == null) {
                continue;
            }
            watchdog.check(migration, handled.at());
            if (migration.openAlerts()) {
                alerts.reapplyActions(migrationId, handled.sequence() - 1);
            }
            AlertStore.Because because = new AlertStore.Because(handled.at(), handled.event().eventId(),
                    handled.event().type());
            resolve(migration, List.of(Watchdog.STALLED), because);
            migration.activity(handled.at(), handled.sequence());
            handle(handled.event(), migration, because);
            // Not locked when the regressions were read: read now, as each event once read its own.
            List<RegressionListener.Found> found = plannedHere.contains(migrationId)
                    ? regressions(List.of(handled)).getOrDefault(handled.event().eventId(), List.of())
                    : regressions.getOrDefault(handled.event().eventId(), List.of());
            for (RegressionListener.Found regression : found) {
                raise(migration, REGRESSION + regression.subject(), regression.subject(),
                        regression.summary(migrationId), because);
            }
            if (migration.openAlerts()) {
                alerts.reapplyActions(migrationId, handled.sequence());
            }
        }
        watchdog.save(migrations.values());
    }

    private void planned(Planned planned, String migrationId, Instant at, long sequence) {
        boolean production = settings.isProduction(planned.plan().environment());
        jdbc.update("INSERT INTO alert_migration (migration_id, database, environment, severity, last_activity_at, "
                        + "last_sequence) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (migration_id) DO NOTHING",
                migrationId, planned.plan().database(), planned.plan().environment(),
                Severities.of(planned.plan().severity(), production).name(), Timestamp.from(at), sequence);
        List<Phase> phases = planned.plan().phases();
        jdbc.update("INSERT INTO alert_phase (migration_id, phase, estimated_seconds) SELECT ?, p.phase, p.estimate "
                + "FROM unnest(?, ?) AS p(phase, estimate) ON CONFLICT DO NOTHING", statement -> {
            statement.setString(1, migrationId);
            statement.setArray(2, statement.getConnection().createArrayOf("text",
                    phases.stream().map(Phase::name).toArray()));
            statement.setArray(3, statement.getConnection().createArrayOf("bigint",
                    phases.stream().map(Phase::estimatedSeconds).toArray()));
        });
    }

    private void handle(LedgerEvent event, Watchdog.Watched migration, AlertStore.Because because) {
        AlertStore.Target target = migration.target();
        String id = target.migrationId();
        if (event instanceof PhaseStarted started) {
            migration.phase(started.phase(), "running", because.at());
            migration.inProgress(true);
            resolveRefusals(migration, started.type(), because);
        } else if (event instanceof PhaseApplied applied) {
            migration.phase(applied.phase(), "applied", null);
            resolve(migration, List.of(PHASE_FAILED + applied.phase(), Watchdog.OVERRUN + applied.phase()), because);
            if (migration.allPhasesApplied()) {
                migration.inProgress(false);
            }
        } else if (event instanceof PhaseFailed failed) {
            migration.phase(failed.phase(), "failed", null);
            migration.inProgress(false);
            resolve(migration, List.of(Watchdog.OVERRUN + failed.phase()), because);
            raise(migration, PHASE_FAILED + failed.phase(), failed.phase(), "phase " + failed.phase() + " of "
                    + id + " failed on " + where(target) + (failed.error() != null ? ": " + failed.error() : ""), because);
        } else if (event instanceof Verified verified) {
            String subject = verified.phase() == null ? WHOLE_MIGRATION : verified.phase();
            resolve(migration, List.of(VERIFICATION_FAILED + subject, PHASE_FAILED + subject), because);
        } else if (event instanceof VerificationFailed failed) {
            String subject = failed.phase() == null ? WHOLE_MIGRATION : failed.phase();
            migration.inProgress(false);
            raise(migration, VERIFICATION_FAILED + subject, subject, "verification of "
                    + (failed.phase() == null ? "the whole migration " + id : "phase " + failed.phase() + " of " + id)
                    + " failed on " + where(target) + (failed.checks() != null && !failed.checks().isEmpty()
                    ? ": " + String.join(", ", failed.checks()) : ""), because);
        } else if (event instanceof RollbackStarted) {
            migration.stopPhases();
            migration.inProgress(false);
        } else if (event instanceof RolledBack rolledBack) {
            migration.stopPhases();
            migration.inProgress(false);
            // A rollback of no phase that ran (of none of the plan's, or only of phases never started) reversed
            // nothing, and a reversal does not unmake a broken rule: anomalies stay for a person to resolve.
            if (migration.openAlerts() && migration.ranAny(rolledBack.phases())) {
                alerts.resolveAllBut(id, ANOMALY, because);
            }
        } else if (event instanceof RollbackFailed failed) {
            migration.inProgress(false);
            raise(migration, ROLLBACK_FAILED, null, "rollback of " + String.join(", ", failed.phases()) + " of "
                    + id + " failed on " + where(target) + (failed.error() != null ? ": " + failed.error() : ""), because);
        } else if (event instanceof Aborted aborted) {
            migration.stopPhases();
            migration.inProgress(false);
            if (migration.openAlerts()) {
                alerts.resolveStartingWith(id, Watchdog.OVERRUN, because);
            }
            raise(migration, ABORTED, null, id + " was aborted on " + where(target)
                    + (aborted.reason() != null ? ": " + aborted.reason() : ""), because);
        } else if (event instanceof Completed completed) {
            migration.inProgress(false);
            resolveRefusals(migration, completed.type(), because);
        } else if (event instanceof SignedOff signedOff) {
            resolveRefusals(migration, signedOff.type(), because);
        } else if (event instanceof AnomalyDetected anomaly) {
            raise(migration, ANOMALY + anomaly.anomaly(), null, "anomaly " + anomaly.anomaly() + " on " + id
                    + (anomaly.message() != null ? ": " + anomaly.message() : ""), because);
        } else if (event instanceof GateRefused refused && settings.isProduction(target.environment())) {
            for (Reason reason : refused.reasons()) {
                raise(migration, GATE_REFUSED + reason.rule(), refused.request().type(), refused.request().type()
                        + " of " + id + " refused in " + target.environment() + ": " + reason.message(), because);
            }
        }
    }

    private void raise(Watchdog.Watched migration, String cause, String subject, String summary,
            AlertStore.Because because) {
        alerts.raise(migration.target(), cause, subject, summary, because);
        migration.raised();
    }

    private void resolve(Watchdog.Watched migration, List<String> causes, AlertStore.Because because) {
        if (migration.openAlerts()) {
            alerts.resolve(migration.target().migrationId(), causes, because);
        }
    }

    private void resolveRefusals(Watchdog.Watched migration, String gateType, AlertStore.Because because) {
        if (migration.openAlerts()) {
            alerts.resolveRefusals(migration.target().migrationId(), gateType, because);
        }
    }

    /**
     * The regressions kept for these events. One the reports feature found before this projection reached its event
     * is raised here; one found after is raised by the {@link RegressionListener} itself. Either way it is raised
     * when its event is handled, so a replay raises it again.
     */
    private Map<UUID, List<RegressionListener.Found>> regressions(List<Handled> events) {
        Map<UUID, List<RegressionListener.Found>> found = new HashMap<>();
        Object[] ids = events.stream().map(handled -> handled.event().eventId()).toArray();
        jdbc.query("SELECT event_id, phase, duration_ms, rolling_median_ms, factor FROM alert_regression "
                        + "WHERE event_id = ANY (?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids)),
                (ResultSet row) -> {
                    found.computeIfAbsent(row.getObject("event_id", UUID.class), any -> new ArrayList<>()).add(
                            new RegressionListener.Found(row.getString("phase"), row.getLong("duration_ms"),
                                    row.getLong("rolling_median_ms"), row.getDouble("factor")));
                });
        return found;
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
