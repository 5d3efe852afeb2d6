package io.ledger.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ledger.api.event.LedgerEvent;
import io.ledger.migration.EventLog;
import io.ledger.platform.AxonConfiguration;
import io.ledger.projections.BatchScope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps one history row per migration, rewritten from the migration's fold, so the row is a pure function of the
 * events up to it: a replay writes exactly the rows the live processor wrote. Each event advances its migration's
 * fold; the rows of the migrations a batch changed are written once, at the end of the batch, in one JDBC batch (the
 * same row the last of their events would have written).
 *
 * <p>Folds are cached per migration, each weighed by the text it holds ({@link io.ledger.migration.CacheWeight}). A
 * cached fold is used only when the event is the very next one of its migration; anything else (a cache miss, a batch
 * Axon rolled back and hands over again, a restart) replays that migration from the {@link EventLog} up to the event,
 * so the cache can never make a row wrong.
 * A migration's first event needs no replay: it is the whole fold.
 */
@Component
@ProcessingGroup("history")
class HistoryProjection {

    private static final String UPSERT = """
            INSERT INTO history (migration_id, database, environment, version, description, owner, status, planned_at,
                started_at, finished_at, last_activity_at, duration_ms, phases_total, phases_applied, phases_failed,
                prechecks_passed, prechecks_required, sign_offs, anomalies, rollbacks, actors, principals, search,
                last_sequence)
            VALUES (:id, :database, :environment, :version, :description, :owner, :status, :plannedAt, :startedAt,
                :finishedAt, :lastActivityAt, :durationMs, :phasesTotal, :phasesApplied, :phasesFailed,
                :prechecksPassed, :prechecksRequired, :signOffs, :anomalies, :rollbacks, :actors, :principals, :search,
                :sequence)
            ON CONFLICT (migration_id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
                finished_at = excluded.finished_at, last_activity_at = excluded.last_activity_at,
                duration_ms = excluded.duration_ms, phases_applied = excluded.phases_applied,
                phases_failed = excluded.phases_failed, prechecks_passed = excluded.prechecks_passed,
                sign_offs = excluded.sign_offs, anomalies = excluded.anomalies, rollbacks = excluded.rollbacks,
                actors = excluded.actors, principals = excluded.principals, search = excluded.search,
                last_sequence = excluded.last_sequence
            WHERE history.last_sequence < excluded.last_sequence
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final EventLog log;
    private final Cache<String, HistoryFold> folds;
    private final BatchScope<Map<String, HistoryFold>> changed =
            new BatchScope<>("history", LinkedHashMap::new, this::write);

    HistoryProjection(NamedParameterJdbcTemplate jdbc, EventLog log, HistorySettings settings) {
        this.jdbc = jdbc;
        this.log = log;
        this.folds = Caffeine.newBuilder().maximumWeight(settings.foldCacheSize())
                .weigher((String id, HistoryFold fold) -> fold.cacheWeight()).build();
    }

    @EventHandler
    void on(LedgerEvent event, DomainEventMessage<?> message) {
        String id = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        String principal = (String) message.getMetaData().get(AxonConfiguration.PRINCIPAL);
        HistoryFold fold = folds.getIfPresent(id);
        if (fold != null && fold.continuesWith(sequence)) {
            fold.apply(event, sequence, message.getTimestamp(), principal);
        } else if (sequence == 0) {
            fold = new HistoryFold();
            fold.apply(event, sequence, message.getTimestamp(), principal);
        } else {
            HistoryFold replayed = new HistoryFold();
            log.replay(id, sequence,
                    recorded -> replayed.apply(recorded.event(), recorded.sequence(), recorded.recordedAt(),
                            recorded.principal()));
            fold = replayed;
            if (fold.lastSequence() != sequence) {
                throw new IllegalStateException("event " + sequence + " of " + id + " is not in the event log");
            }
        }
        folds.put(id, fold);
        if (fold.exists()) {
            changed.current().put(id, fold);
        }
    }

    @ResetHandler
    void reset() {
        folds.invalidateAll();
        jdbc.getJdbcTemplate().update("DELETE FROM history");
    }

    private void write(Map<String, HistoryFold> changed) {
        jdbc.batchUpdate(UPSERT, changed.values().stream().map(HistoryProjection::row)
                .toArray(SqlParameterSource[]::new));
    }

    private static SqlParameterSource row(HistoryFold fold) {
        HistoryRow row = fold.row();
        return new MapSqlParameterSource()
                .addValue("id", row.id())
                .addValue("database", row.database())
                .addValue("environment", row.environment())
                .addValue("version", row.version())
                .addValue("description", row.description())
                .addValue("owner", row.owner())
                .addValue("status", row.status().wireId())
                .addValue("plannedAt", timestamp(row.plannedAt()))
                .addValue("startedAt", timestamp(row.startedAt()))
                .addValue("finishedAt", timestamp(row.finishedAt()))
                .addValue("lastActivityAt", timestamp(row.lastActivityAt()))
                .addValue("durationMs", row.durationMs())
                .addValue("phasesTotal", row.phasesTotal())
                .addValue("phasesApplied", row.phasesApplied())
                .addValue("phasesFailed", row.phasesFailed())
                .addValue("prechecksPassed", row.prechecksPassed())
                .addValue("prechecksRequired", row.prechecksRequired())
                .addValue("signOffs", row.signOffs())
                .addValue("anomalies", row.anomalies())
                .addValue("rollbacks", row.rollbacks())
                .addValue("actors", row.actors().toArray(String[]::new))
                .addValue("principals", row.principals().toArray(String[]::new))
                .addValue("search", fold.searchText())
                .addValue("sequence", fold.lastSequence());
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
