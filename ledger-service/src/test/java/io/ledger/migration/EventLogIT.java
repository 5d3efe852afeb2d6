package io.ledger.migration;

import io.ledger.LedgerServiceTest;
import io.ledger.Ledgers;
import io.ledger.api.MigrationStatus;
import io.ledger.api.view.RecordedEvent;
import io.ledger.client.LedgerClient;
import io.ledger.client.MigrationHandle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static io.ledger.ReadModels.get;
import static io.ledger.ReadModels.uniqueId;
import static io.ledger.migration.Runbook.ADD_COLUMN;
import static io.ledger.migration.Runbook.BACKFILL;
import static io.ledger.migration.Runbook.plan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration's events read a page at a time, as read models refold a migration and as the events endpoint answers,
 * agree with the stored rows read in one query.
 */
@LedgerServiceTest
class EventLogIT {

    /** More than two of the log's pages of 16, and not a multiple of them. */
    private static final int PROGRESS = 40;

    @LocalServerPort
    int port;

    @Autowired
    EventLog log;

    @Autowired
    JdbcTemplate jdbc;

    private String id;
    /** Each stored event as sequence/eventId, read in one query. */
    private List<String> stored;
    private final List<RecordedEvent> all = new ArrayList<>();

    @BeforeEach
    void aBackfillReportingItsProgress() {
        LedgerClient ledger = Ledgers.client(port);
        id = uniqueId("paged");
        ledger.plan(plan(id, List.of()));
        MigrationHandle migration = ledger.forMigration(id);
        migration.startPhase(ADD_COLUMN);
        migration.phaseApplied(ADD_COLUMN, 10, 0L, 0L, null);
        migration.verified(ADD_COLUMN, List.of("column exists"), null);
        migration.startPhase(BACKFILL);
        for (long rows = 1; rows <= PROGRESS; rows++) {
            migration.progress(BACKFILL, null, rows * 1000, PROGRESS * 1000L, null);
        }
        stored = jdbc.query("SELECT sequencenumber, eventidentifier FROM domainevententry "
                + "WHERE aggregateidentifier = ? ORDER BY sequencenumber", (row, n) -> row.getLong(1) + "/"
                + row.getString(2), id);
        log.replay(id, Long.MAX_VALUE, all::add);
    }

    @Test
    void everyEventUpToTheOneAskedForIsHandedOverOnceInOrder() {
        assertThat(all).extracting(recorded -> recorded.sequence() + "/" + recorded.event().eventId())
                .containsExactlyElementsOf(stored);

        List<RecordedEvent> handed = new ArrayList<>();
        long last = all.get(all.size() - 1).sequence();

        for (long upTo : LongStream.of(0, 15, 16, 17, 32, last - 1, last).toArray()) {
            handed.clear();
            assertThat(log.replay(id, upTo, handed::add)).as("up to %d", upTo).isEqualTo(upTo + 1);
            assertThat(handed).as("up to %d", upTo).isEqualTo(all.subList(0, (int) upTo + 1));
        }
    }

    @Test
    void theEventsAnswerStreamsEveryPageInOrder() {
        assertThat(Ledgers.client(port).events(id)).isEqualTo(all);
        assertThat(get(port, "/api/v1/migrations/" + uniqueId("never-planned") + "/events", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theStateAfterAnEventIsTheFoldOfEveryEventUpToIt() {
        MigrationState folded = new MigrationState();
        all.forEach(recorded -> folded.apply(recorded.event(), recorded.sequence(), recorded.recordedAt()));

        assertThat(log.state(id, Long.MAX_VALUE)).map(MigrationState::view).contains(folded.view());
        assertThat(log.state(id, 0)).map(state -> state.view().status()).contains(MigrationStatus.PLANNED);
        assertThat(log.state(uniqueId("never-planned"), Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void anEventIsFoundByItsEventIdWithinItsMigrationOnly() {
        RecordedEvent progress = all.get(20);

        assertThat(log.event(id, progress.event().eventId())).contains(progress);
        assertThat(log.event(uniqueId("other"), progress.event().eventId())).isEmpty();
        assertThat(log.event(id, UUID.randomUUID())).isEmpty();
    }
}
