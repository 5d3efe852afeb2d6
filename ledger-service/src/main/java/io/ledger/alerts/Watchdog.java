package io.ledger.alerts;

import io.ledger.api.Severity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The causes that are raised by time passing rather than by an event: a phase running past its estimate × the
 * overrun factor, and an in-progress migration that fell silent. Both are decided against an instant given by the
 * caller: the next event's {@code recordedAt} when the projection handles it (so a replay finds the same overruns
 * and silences as the live run did), or the clock when the scan looks for them while nothing happens. Either way an
 * alert is raised at the instant its threshold was crossed, so it reads the same whoever found it first.
 *
 * <p>What the alerts know of a migration ({@code alert_migration} and its {@code alert_phase} rows) is read once with
 * the migration's row locked, changed in memory, and written back by {@link #save}. Everyone who changes those rows
 * or acts on the migration's alerts (the projection, the scan, regressions, people) locks the migration first, so
 * nothing else can read or change them in between.
 */
final class Watchdog {

    static final String STALLED = "stalled";
    static final String OVERRUN = "phase-overrun:";

    /** The first key of the alerts' advisory locks on migration ids, apart from others' (Flyway's take one key). */
    private static final int MIGRATION_LOCKS = 0x616c7274;

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
        return Optional.ofNullable(lockAll(List.of(migrationId)).get(migrationId));
    }

    /**
     * The migrations the alerts projection knows of these, their rows locked for the rest of the transaction, in the
     * order of their ids so that two lockers of several never wait on each other. Three statements, however many.
     *
     * <p>The ids are locked too, known or not: a migration the projection has not met yet has no row, and a regression
     * kept for it must still wait for the projection's transaction that meets it (or make it wait), or each misses the
     * other's uncommitted work and nobody raises the regression.
     */
    Map<String, Watched> lockAll(Collection<String> migrationIds) {
        Map<String, Watched> migrations = new LinkedHashMap<>();
        if (migrationIds.isEmpty()) {
            return migrations;
        }
        PreparedStatementSetter ids = statement ->
                statement.setArray(1, statement.getConnection().createArrayOf("text", migrationIds.toArray()));
        // OFFSET 0 keeps the sorted subquery apart, so the locks are taken in the order of their keys.
        jdbc.query("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCKS + ", k) FROM (SELECT DISTINCT hashtext(id) AS k "
                + "FROM unnest(?::text[]) AS id ORDER BY k OFFSET 0) AS keys", ids, row -> {
        });
        jdbc.query("SELECT m.migration_id, m.database, m.environment, m.severity, m.in_progress, m.last_activity_at, "
                + "m.last_sequence, m.stall_raised_for, EXISTS (SELECT 1 FROM alert a WHERE a.migration_id = "
                + "m.migration_id AND a.state <> 'resolved') AS open_alerts FROM alert_migration m "
                + "WHERE m.migration_id = ANY (?) ORDER BY m.migration_id FOR UPDATE OF m", ids, row -> {
            Watched migration = new Watched(new AlertStore.Target(row.getString("migration_id"),
                    row.getString("database"), row.getString("environment"), Severity.valueOf(row.getString("severity"))),
                    row.getBoolean("in_progress"), row.getTimestamp("last_activity_at").toInstant(),
                    row.getLong("last_sequence"), instant(row.getTimestamp("stall_raised_for")),
                    row.getBoolean("open_alerts"));
            migrations.put(migration.target().migrationId(), migration);
        });
        if (!migrations.isEmpty()) {
            // Phases in PostgreSQL's order of their names, the order overruns found together are raised in.
            jdbc.query("SELECT migration_id, phase, estimated_seconds, status, started_at, overrun_raised "
                    + "FROM alert_phase WHERE migration_id = ANY (?) ORDER BY migration_id, phase", ids, row -> {
                Watched migration = migrations.get(row.getString("migration_id"));
                if (migration != null) {
                    String name = row.getString("phase");
                    migration.phases.put(name, new Watched.Phase(name, row.getObject("estimated_seconds", Long.class),
                            row.getString("status"), instant(row.getTimestamp("started_at")),
                            row.getBoolean("overrun_raised")));
                }
            });
        }
        return migrations;
    }

    /** Writes back what changed in these migrations and their phases: at most two JDBC batches. */
    void save(Collection<Watched> migrations) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> phases = new ArrayList<>();
        for (Watched migration : migrations) {
            if (migration.changed) {
                rows.add(new Object[]{migration.inProgress, Timestamp.from(migration.lastActivityAt),
                        migration.lastSequence, timestamp(migration.stallRaisedFor), migration.target.migrationId()});
                migration.changed = false;
            }
            for (Watched.Phase phase : migration.phases.values()) {
                if (phase.changed) {
                    phases.add(new Object[]{phase.status, timestamp(phase.startedAt), phase.overrunRaised,
                            migration.target.migrationId(), phase.name});
                    phase.changed = false;
                }
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("UPDATE alert_migration SET in_progress = ?, last_activity_at = ?, last_sequence = ?, "
                    + "stall_raised_for = ? WHERE migration_id = ?", rows);
        }
        if (!phases.isEmpty()) {
            jdbc.batchUpdate("UPDATE alert_phase SET status = ?, started_at = ?, overrun_raised = ? "
                    + "WHERE migration_id = ? AND phase = ?", phases);
        }
    }

    /**
     * A migration as the alerts know it, read with its row locked. Its setters mirror the updates the projection
     * makes; {@link #save} writes them.
     */
    static final class Watched {

        private final AlertStore.Target target;
        private boolean inProgress;
        private Instant lastActivityAt;
        private long lastSequence;
        private Instant stallRaisedFor;
        private boolean openAlerts;
        private boolean changed;
        private final Map<String, Phase> phases = new LinkedHashMap<>();

        Watched(AlertStore.Target target, boolean inProgress, Instant lastActivityAt, long lastSequence,
                Instant stallRaisedFor, boolean openAlerts) {
            this.target = target;
            this.inProgress = inProgress;
            this.lastActivityAt = lastActivityAt;
            this.lastSequence = lastSequence;
            this.stallRaisedFor = stallRaisedFor;
            this.openAlerts = openAlerts;
        }

        AlertStore.Target target() {
            return target;
        }

        long lastSequence() {
            return lastSequence;
        }

        /**
         * Whether the migration may have an alert that is not resolved. When it has none, resolving and re-applying
         * people's actions have nothing to act on and are skipped; once anything is raised it stays true.
         */
        boolean openAlerts() {
            return openAlerts;
        }

        void raised() {
            openAlerts = true;
        }

        /** An event of the migration: the silence, if any, is over. */
        void activity(Instant at, long sequence) {
            lastActivityAt = at;
            lastSequence = sequence;
            changed = true;
        }

        void inProgress(boolean inProgress) {
            this.inProgress = inProgress;
            changed = true;
        }

        /**
         * A phase of the plan moved to {@code status}: started at {@code startedAt} when it runs, which also re-arms
         * its overrun; an unknown phase changes nothing.
         */
        void phase(String name, String status, Instant startedAt) {
            Phase phase = phases.get(name);
            if (phase != null) {
                phase.status = status;
                phase.startedAt = startedAt;
                phase.overrunRaised = startedAt == null && phase.overrunRaised;
                phase.changed = true;
            }
        }

        /** Running phases stop, as a rollback or an abort stops them. */
        void stopPhases() {
            for (Phase phase : phases.values()) {
                if (phase.status.equals("running")) {
                    phase.status = "stopped";
                    phase.startedAt = null;
                    phase.changed = true;
                }
            }
        }

        /** Whether any of the named phases of the plan ran: a rollback of phases never started reverses nothing. */
        boolean ranAny(List<String> names) {
            return names.stream().map(phases::get).anyMatch(phase -> phase != null && !phase.status.equals("pending"));
        }

        boolean allPhasesApplied() {
            return !phases.isEmpty() && phases.values().stream().allMatch(phase -> phase.status.equals("applied"));
        }

        private static final class Phase {

            private final String name;
            private final Long estimatedSeconds;
            private String status;
            private Instant startedAt;
            private boolean overrunRaised;
            private boolean changed;

            private Phase(String name, Long estimatedSeconds, String status, Instant startedAt, boolean overrunRaised) {
                this.name = name;
                this.estimatedSeconds = estimatedSeconds;
                this.status = status;
                this.startedAt = startedAt;
                this.overrunRaised = overrunRaised;
            }

            private Instant deadline(double factor) {
                return startedAt.plusMillis(Math.round(estimatedSeconds * 1000 * factor));
            }
        }
    }

    /** Raises what became true between the migration's last event and {@code now}. */
    void check(Watched migration, Instant now) {
        overruns(migration, now);
        if (migration.inProgress && migration.lastActivityAt.plus(stallAfter).isBefore(now)
                && !migration.lastActivityAt.equals(migration.stallRaisedFor)) {
            Instant crossed = migration.lastActivityAt.plus(stallAfter);
            alerts.raise(migration.target, STALLED, null, "no event from " + migration.target.migrationId()
                            + " since " + migration.lastActivityAt + " while it is in progress (stalled after "
                            + stallAfter + ")", new AlertStore.Because(crossed, null, null));
            migration.raised();
            migration.stallRaisedFor = migration.lastActivityAt;
            migration.changed = true;
        }
    }

    private void overruns(Watched migration, Instant now) {
        for (Watched.Phase phase : migration.phases.values()) {
            if (!phase.status.equals("running") || phase.overrunRaised || phase.estimatedSeconds == null) {
                continue;
            }
            Instant deadline = phase.deadline(overrunFactor);
            if (deadline.isBefore(now)) {
                alerts.raise(migration.target, OVERRUN + phase.name, phase.name, "phase " + phase.name + " of "
                                + migration.target.migrationId() + " has run longer than " + overrunFactor
                                + " × its estimate of " + phase.estimatedSeconds + " s (started " + phase.startedAt + ")",
                        new AlertStore.Because(deadline, null, null));
                migration.raised();
                phase.overrunRaised = true;
                phase.changed = true;
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

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
