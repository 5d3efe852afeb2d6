package io.ledger.alerts;

import io.ledger.api.Severity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The causes that are raised by time passing rather than by an event: a phase running past its estimate × the
 * overrun factor, and an in-progress migration that fell silent. Both are decided against an instant given by the
 * caller: the next event's {@code recordedAt} when the projection handles it (so a replay finds the same overruns
 * and silences as the live run did), or the clock when the scan looks for them while nothing happens. Either way an
 * alert is raised at the instant its threshold was crossed, so it reads the same whoever found it first.
 */
final class Watchdog {

    static final String STALLED = "stalled";
    static final String OVERRUN = "phase-overrun:";

    private final JdbcTemplate jdbc;
    private final AlertStore alerts;
    private final double overrunFactor;
    private final Duration stallAfter;

    Watchdog(JdbcTemplate jdbc, AlertStore alerts, double overrunFactor, Duration stallAfter) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.overrunFactor = overrunFactor;
        this.stallAfter = stallAfter;
    }

    /** The migration as the alerts projection knows it, its row locked for the rest of the transaction. */
    Optional<Watched> lock(String migrationId) {
        return jdbc.query("SELECT migration_id, database, environment, severity, in_progress, last_activity_at, "
                + "last_sequence, stall_raised_for FROM alert_migration WHERE migration_id = ? FOR UPDATE",
                (row, n) -> new Watched(new AlertStore.Target(row.getString("migration_id"), row.getString("database"),
                        row.getString("environment"), Severity.valueOf(row.getString("severity"))),
                row.getBoolean("in_progress"), row.getTimestamp("last_activity_at").toInstant(),
                row.getLong("last_sequence"),
                Optional.ofNullable(row.getTimestamp("stall_raised_for")).map(Timestamp::toInstant).orElse(null)),
                migrationId).stream().findFirst();
    }

    record Watched(AlertStore.Target target, boolean inProgress, Instant lastActivityAt, long lastSequence,
            Instant stallRaisedFor) {
    }

    /** Raises what became true between the migration's last event and {@code now}. */
    void check(Watched migration, Instant now) {
        overruns(migration.target(), now);
        if (migration.inProgress() && migration.lastActivityAt().plus(stallAfter).isBefore(now)
                && !migration.lastActivityAt().equals(migration.stallRaisedFor())) {
            Instant crossed = migration.lastActivityAt().plus(stallAfter);
            alerts.raise(migration.target(), STALLED, null, "no event from " + migration.target().migrationId()
                            + " since " + migration.lastActivityAt() + " while it is in progress (stalled after "
                            + stallAfter + ")", new AlertStore.Because(crossed, null, null));
            jdbc.update("UPDATE alert_migration SET stall_raised_for = last_activity_at WHERE migration_id = ?",
                    migration.target().migrationId());
        }
    }

    private void overruns(AlertStore.Target target, Instant now) {
        record Running(String phase, long estimatedSeconds, Instant startedAt) {
            Instant deadline(double factor) {
                return startedAt.plusMillis(Math.round(estimatedSeconds * 1000 * factor));
            }
        }
        List<Running> running = jdbc.query("SELECT phase, estimated_seconds, started_at FROM alert_phase "
                        + "WHERE migration_id = ? AND status = 'running' AND NOT overrun_raised "
                        + "AND estimated_seconds IS NOT NULL ORDER BY phase",
                (row, n) -> new Running(row.getString("phase"), row.getLong("estimated_seconds"),
                        row.getTimestamp("started_at").toInstant()), target.migrationId());
        for (Running phase : running) {
            Instant deadline = phase.deadline(overrunFactor);
            if (deadline.isBefore(now)) {
                alerts.raise(target, OVERRUN + phase.phase(), phase.phase(), "phase " + phase.phase() + " of "
                                + target.migrationId() + " has run longer than " + overrunFactor + " × its estimate of "
                                + phase.estimatedSeconds() + " s (started " + phase.startedAt() + ")",
                        new AlertStore.Because(deadline, null, null));
                jdbc.update("UPDATE alert_phase SET overrun_raised = true WHERE migration_id = ? AND phase = ?",
                        target.migrationId(), phase.phase());
            }
        }
    }

    /**
     * Migrations that may have crossed a threshold by {@code now}: a cheap pre-selection, each is then checked under
     * its row lock.
     */
    List<String> candidates(Instant now) {
        return jdbc.queryForList("SELECT migration_id FROM alert_migration m WHERE (in_progress "
                        + "AND last_activity_at < ? AND last_activity_at IS DISTINCT FROM stall_raised_for) "
                        + "OR EXISTS (SELECT 1 FROM alert_phase p WHERE p.migration_id = m.migration_id "
                        + "AND p.status = 'running' AND NOT p.overrun_raised AND p.estimated_seconds IS NOT NULL "
                        + "AND p.started_at + make_interval(secs => p.estimated_seconds * ?) < ?)", String.class,
                Timestamp.from(now.minus(stallAfter)), overrunFactor, Timestamp.from(now));
    }
}
