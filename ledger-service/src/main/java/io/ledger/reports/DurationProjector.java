package io.ledger.reports;

import io.ledger.api.MigrationPlan;
import io.ledger.api.MigrationStatus;
import io.ledger.api.event.Aborted;
import io.ledger.api.event.Completed;
import io.ledger.api.event.Planned;
import io.ledger.api.view.MigrationView;
import io.ledger.api.view.PhaseView;
import io.ledger.api.view.RecordedEvent;
import io.ledger.migration.EventLog;
import io.ledger.migration.MigrationState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the duration-trends tables from the ledger. A migration counts once it completes: its duration runs from
 * its first {@code phase-started} to {@code completed}, and each phase contributes the run that counted (its last,
 * successful one). Runs are judged for regressions in ledger order, which the single-sequence policy of
 * {@link ReportsConfiguration} guarantees, so a replay judges exactly as the live run did.
 */
@Component
@ProcessingGroup(DurationProjector.PROCESSING_GROUP)
class DurationProjector {

    static final String PROCESSING_GROUP = "reports";
    static final String COMPLETED = "completed";
    static final String ABORTED = "aborted";
    /** Slow migrations run for hours: the histogram's buckets reach that far. */
    private static final Duration LONGEST_EXPECTED = Duration.ofHours(12);

    private final JdbcTemplate jdbc;
    private final EventLog log;
    private final ApplicationEventPublisher publisher;
    private final MeterRegistry meters;
    private final ReportsProperties properties;
    private final RegressionRule rule;

    DurationProjector(JdbcTemplate jdbc, EventLog log, ApplicationEventPublisher publisher, MeterRegistry meters,
            ReportsProperties properties) {
        this.jdbc = jdbc;
        this.log = log;
        this.publisher = publisher;
        this.meters = meters;
        this.properties = properties;
        this.rule = new RegressionRule(properties.regressionFactor(), properties.regressionMinRuns());
    }

    @EventHandler
    void on(Planned planned) {
        MigrationPlan plan = planned.plan();
        jdbc.update("INSERT INTO reports_migration (migration_id, database, environment, kind, step, checksum, version, "
                        + "estimated_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (migration_id) DO NOTHING",
                plan.id(), plan.database(), plan.environment(), plan.kind().wireId(), plan.step().wireId(),
                plan.checksum(), plan.version(), plan.estimatedSeconds());
    }

    /**
     * Completion is rare, so the migration's own events are folded again with {@link MigrationState}, cut at this
     * event: the same view whether this runs live or in a replay that already sees later events. The position is
     * the event's own, from the log: a completion that commits after a later append arrives with a tracking token
     * at that later position, which would misplace it in the rolling windows.
     */
    @EventHandler
    void on(Completed completed, DomainEventMessage<?> message, ReplayStatus replay) {
        String id = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        MigrationState state = new MigrationState();
        RecordedEvent[] self = new RecordedEvent[1];
        log.replay(id, sequence, recorded -> {
            state.apply(recorded.event(), recorded.sequence(), recorded.recordedAt());
            self[0] = recorded;
        });
        if (self[0] == null || self[0].sequence() != sequence) {
            throw new IllegalStateException("event " + sequence + " of " + id + " is not in the event log");
        }
        MigrationView view = state.view();
        if (view.status() != MigrationStatus.COMPLETED) {
            return;
        }
        long position = self[0].position();
        Long durationMs = view.startedAt() == null ? null
                : Math.max(0, Duration.between(view.startedAt(), view.finishedAt()).toMillis());
        MigrationPlan plan = view.plan();
        jdbc.update("INSERT INTO reports_migration (migration_id, database, environment, kind, step, checksum, version, "
                        + "estimated_seconds, outcome, started_at, finished_at, duration_ms, finished_position) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (migration_id) DO UPDATE SET "
                        + "outcome = excluded.outcome, started_at = excluded.started_at, "
                        + "finished_at = excluded.finished_at, duration_ms = excluded.duration_ms, "
                        + "finished_position = excluded.finished_position",
                id, plan.database(), plan.environment(), plan.kind().wireId(), plan.step().wireId(), plan.checksum(),
                plan.version(), plan.estimatedSeconds(), COMPLETED, timestamp(view.startedAt()),
                timestamp(view.finishedAt()), durationMs, position);
        List<PhaseView> phases = view.phases().stream().filter(phase -> phase.durationMs() != null).toList();
        jdbc.batchUpdate("INSERT INTO reports_phase_run (migration_id, phase, duration_ms, estimated_seconds) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (migration_id, phase) DO UPDATE SET "
                        + "duration_ms = excluded.duration_ms, estimated_seconds = excluded.estimated_seconds",
                phases.stream().map(phase -> new Object[]{id, phase.name(), phase.durationMs(),
                        phase.estimatedSeconds()}).toList());

        List<DurationRegression> regressions = new ArrayList<>();
        if (durationMs != null) {
            judge(id, null, durationMs, previousMigrationRuns(plan, position), completed.eventId())
                    .ifPresent(regressions::add);
        }
        Map<String, List<Long>> previousPhaseRuns = previousPhaseRuns(plan, phases, position);
        phases.forEach(phase -> judge(id, phase.name(), phase.durationMs(),
                previousPhaseRuns.getOrDefault(phase.name(), List.of()), completed.eventId())
                .ifPresent(regressions::add));
        regressions.forEach(this::raise);

        if (!replay.isReplay()) {
            afterCommit(() -> record(plan, durationMs, phases));
        }
    }

    /**
     * An aborted migration measured where it stopped, not the work: it is kept out of every statistic. Its position
     * is read from the log, as for a completion.
     */
    @EventHandler
    void on(Aborted aborted, DomainEventMessage<?> message) {
        jdbc.update("UPDATE reports_migration SET outcome = ?, finished_at = ?, finished_position = (SELECT globalindex "
                        + "FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?) "
                        + "WHERE migration_id = ? AND outcome IS NULL",
                ABORTED, timestamp(aborted.occurredAt()), message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getAggregateIdentifier());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM reports_regression");
        jdbc.update("DELETE FROM reports_phase_run");
        jdbc.update("DELETE FROM reports_migration");
    }

    /** Same database and environment, completed earlier in the ledger. */
    private List<Long> previousMigrationRuns(MigrationPlan plan, long position) {
        return jdbc.queryForList("SELECT duration_ms FROM reports_migration WHERE database = ? AND environment = ? "
                        + "AND outcome = 'completed' AND duration_ms IS NOT NULL AND finished_position < ? "
                        + "ORDER BY finished_position DESC LIMIT ?", Long.class,
                plan.database(), plan.environment(), position, properties.regressionWindow());
    }

    /**
     * For each of these phases, the phase of the same name on the same database and environment, completed earlier
     * in the ledger: one statement for all of them, each phase with a window of its own.
     */
    private Map<String, List<Long>> previousPhaseRuns(MigrationPlan plan, List<PhaseView> phases, long position) {
        Map<String, List<Long>> runs = new HashMap<>();
        if (phases.isEmpty()) {
            return runs;
        }
        Object[] names = phases.stream().map(PhaseView::name).distinct().toArray();
        jdbc.query("SELECT w.phase, r.duration_ms FROM unnest(?) AS w(phase) CROSS JOIN LATERAL ("
                        + "SELECT p.duration_ms, m.finished_position FROM reports_phase_run p JOIN reports_migration m "
                        + "ON m.migration_id = p.migration_id WHERE p.phase = w.phase AND m.database = ? "
                        + "AND m.environment = ? AND m.outcome = 'completed' AND m.finished_position < ? "
                        + "ORDER BY m.finished_position DESC LIMIT ?) r ORDER BY w.phase, r.finished_position DESC",
                statement -> {
                    statement.setArray(1, statement.getConnection().createArrayOf("text", names));
                    statement.setString(2, plan.database());
                    statement.setString(3, plan.environment());
                    statement.setLong(4, position);
                    statement.setInt(5, properties.regressionWindow());
                },
                (ResultSet row) -> {
                    runs.computeIfAbsent(row.getString("phase"), any -> new ArrayList<>()).add(row.getLong("duration_ms"));
                });
        return runs;
    }

    private Optional<DurationRegression> judge(String id, String phase, long durationMs, List<Long> previous,
            UUID measuredBy) {
        return rule.judge(id, phase, durationMs, previous, measuredBy).map(regression -> {
            jdbc.update("INSERT INTO reports_regression (migration_id, phase, duration_ms, rolling_median_ms, factor, "
                            + "previous_runs, event_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (migration_id, phase) "
                            + "DO UPDATE SET duration_ms = excluded.duration_ms, "
                            + "rolling_median_ms = excluded.rolling_median_ms, factor = excluded.factor, "
                            + "previous_runs = excluded.previous_runs",
                    id, phase == null ? "" : phase, durationMs, regression.rollingMedianMs(), regression.factor(),
                    previous.size(), regression.eventId());
            return regression;
        });
    }

    /**
     * Published inside the batch's transaction: a {@code @TransactionalEventListener} hears it only once the batch
     * committed, a plain {@code @EventListener} at once. A replay publishes it again under the same eventId.
     */
    private void raise(DurationRegression regression) {
        publisher.publishEvent(regression);
    }

    private void record(MigrationPlan plan, Long durationMs, List<PhaseView> phases) {
        if (durationMs != null) {
            timer("ledger.migration.duration", "From the first phase started to completed", plan)
                    .record(Duration.ofMillis(durationMs));
        }
        Timer phaseTimer = timer("ledger.phase.duration", "Phases of completed migrations, the run that counted", plan);
        phases.forEach(phase -> phaseTimer.record(Duration.ofMillis(phase.durationMs())));
    }

    private Timer timer(String name, String description, MigrationPlan plan) {
        return Timer.builder(name).description(description)
                .tag("database", plan.database()).tag("environment", plan.environment())
                .tag("kind", plan.kind().wireId())
                .publishPercentileHistogram().maximumExpectedValue(LONGEST_EXPECTED)
                .register(meters);
    }

    /** A batch that rolls back and is retried must not count its runs twice. */
    private static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
